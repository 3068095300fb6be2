/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *bd_dirs_user_data  (void);
char *bd_dirs_user_cache (void);
int   bd_dirs_open_own   (const char  *path,
                          guint        own,
                          gboolean     create,
                          GError     **error);

G_END_DECLS
