/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Samples are microseconds (gint64) in a GArray; results in milliseconds. */
int    bench_compare_int64 (gconstpointer a,
                            gconstpointer b);
double bench_percentile_ms (GArray       *samples,
                            guint         permille);

G_END_DECLS
