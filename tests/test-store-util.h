/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean test_store_file_deleted (const char *path);
char    *test_store_run_cli      (int        *status,
                                  const char *first,
                                  ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
