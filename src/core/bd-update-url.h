/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean bd_update_url_check   (const char  *url,
                                GError     **error);
char    *bd_update_url_resolve (const char  *base,
                                const char  *location,
                                GError     **error);
char    *bd_update_url_signature (const char *url,
                                  GError    **error);

G_END_DECLS
