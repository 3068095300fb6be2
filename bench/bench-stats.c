/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-stats"

#include "bench-stats.h"

int
bench_compare_int64 (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Nearest rank: the smallest sample with @permille of them at or below
 * it; 1000 is the largest. @samples is left as it was. */
double
bench_percentile_ms (GArray *samples,
                     guint   permille)
{
  g_autoptr(GArray) sorted = g_array_copy (samples);
  guint rank;

  if (sorted->len == 0)
    return 0;
  g_array_sort (sorted, bench_compare_int64);
  rank = (permille * sorted->len + 999) / 1000;
  return g_array_index (sorted, gint64, CLAMP (rank, 1, sorted->len) - 1) / 1000.0;
}
