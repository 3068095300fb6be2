/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean bd_file_write_atomic (const char  *path,
                               GBytes      *contents,
                               gboolean     replace,
                               GError     **error);

GBytes  *bd_file_read_at      (int          folder,
                               const char  *name,
                               const char  *path,
                               gsize        cap,
                               GError     **error);
gboolean bd_file_write_at     (int          folder,
                               const char  *name,
                               const char  *path,
                               GBytes      *contents,
                               int          mode,
                               GError     **error);

GBytes  *bd_file_read_stream  (GInputStream *stream,
                               gsize         cap,
                               GError      **error);
GBytes  *bd_file_read_capped  (GFile        *file,
                               gsize         cap,
                               GError      **error);

G_END_DECLS
