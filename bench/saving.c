/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-saving"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bd-session.h"
#include "bench-stats.h"

/*
 * How long saving a tick holds the main thread. Each tick is committed
 * with an fsync (synchronous=FULL); done on the main thread that is the
 * stall a person would feel, done the way the window does it
 * (bd_session_set_step_async) only the hand-over and the view update run
 * there. Reports the p99 and the longest main-thread hold of each, over
 * the same ticks, and the ratio of the longest to one 16 ms frame.
 */

#define TICKS 200
#define FRAME_MS 16.0

static const char *
step_of (BdGuide *guide,
         guint    i)
{
  return bd_step_get_id (bd_guide_get_step (guide, i % bd_guide_get_n_steps (guide)));
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GArray *holds = user_data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;

  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    g_error ("%s", error->message);
  /* the view update that follows runs here too: count it */
  g_array_index (holds, gint64, holds->len - 1) += g_get_monotonic_time () - start;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-bench-saving-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = bd_pack_new_bundled (&error);
  g_autoptr(BdCaseStore) store = NULL;
  g_autoptr(BdSession) session = NULL;
  g_autoptr(GArray) sync_holds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) async_holds = g_array_new (FALSE, FALSE, sizeof (gint64));
  BdGuide *guide;
  double worst;

  if (pack == NULL || (store = bd_case_store_new (path, &error)) == NULL)
    g_error ("%s", error->message);
  session = bd_session_new (pack, store);
  if (!bd_session_new_case (session, "badge-one-all-read", &error))
    g_error ("%s", error->message);
  guide = bd_pack_lookup_guide (pack, "open-all-threads");

  for (guint i = 0; i < TICKS; i++)
    {
      gint64 start = g_get_monotonic_time (), held;
      if (!bd_session_set_step (session, "open-all-threads", step_of (guide, i), BD_DEVICE_NONE,
                                i % 2 ? BD_STEP_STATE_PENDING : BD_STEP_STATE_DONE, &error))
        g_error ("%s", error->message);
      held = g_get_monotonic_time () - start;
      g_array_append_val (sync_holds, held);
    }

  /* one tick at a time, as a person clicks: queue, then wait for the view */
  for (guint i = 0; i < TICKS; i++)
    {
      gint64 start = g_get_monotonic_time (), held;
      bd_session_set_step_async (session, "open-all-threads", step_of (guide, i), BD_DEVICE_NONE,
                                 i % 2 ? BD_STEP_STATE_PENDING : BD_STEP_STATE_DONE, on_done, async_holds);
      held = g_get_monotonic_time () - start;
      g_array_append_val (async_holds, held);
      while (bd_session_is_busy (session))
        g_main_context_iteration (NULL, TRUE);
    }

  g_print ("main-thread hold per saved tick (%u ticks each, synchronous=FULL)\n\n", TICKS);
  g_print ("%-34s %10s %10s %10s\n", "how", "median ms", "p99 ms", "max ms");
  g_print ("%-34s %10.3f %10.3f %10.3f\n", "committed on the main thread", bench_percentile_ms (sync_holds, 500),
           bench_percentile_ms (sync_holds, 990), bench_percentile_ms (sync_holds, 1000));
  g_print ("%-34s %10.3f %10.3f %10.3f\n", "committed on the writer (the app)", bench_percentile_ms (async_holds, 500),
           bench_percentile_ms (async_holds, 990), bench_percentile_ms (async_holds, 1000));
  worst = bench_percentile_ms (async_holds, 1000);
  g_print ("\nlongest main-thread hold while saving: %.2f ms = %.3f of a %.0f ms frame: %s\n", worst,
           worst / FRAME_MS, FRAME_MS, worst <= FRAME_MS ? "no stall over a frame" : "stalls over a frame");

  g_clear_object (&session);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return EXIT_SUCCESS;
}
