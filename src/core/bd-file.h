/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean bd_file_write_atomic (const char  *path,
                               GBytes      *contents,
                               gboolean     replace,
                               GError     **error);

G_END_DECLS
