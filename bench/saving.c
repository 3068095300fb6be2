/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-saving"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bd-session.h"
#include "bd-sqlite-store.h"
#include "bench-stats.h"

/*
 * How long saving a tick holds the main thread. Each tick is committed
 * with an fsync (synchronous=FULL); committed on the main thread (a
 * BdCaseStore connection used there) that is the stall a person would
 * feel; done the way the window does it (bd_session_set_step_async on a
 * BdSqliteStore, which commits on its worker) only the hand-over and the
 * view update run there. Reports the p99 and the longest main-thread
 * hold of each, over the same ticks, and the ratio of the longest to one
 * 16 ms frame.
 */

#define TICKS 200
#define FRAME_MS 16.0
#define GUIDE "open-all-threads"

static BdStep *
step_of (BdGuide *guide,
         guint    i)
{
  return bd_guide_get_step (guide, i % bd_guide_get_n_steps (guide));
}

static BdDevice
device_of (BdStep *step)
{
  return bd_step_get_per_device (step) ? BD_DEVICE_IPHONE : BD_DEVICE_NONE;
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    g_error ("%s", error->message);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    g_error ("%s", error->message);
}

/* Waits for @session's requests, and returns how long the main thread
 * was busy meanwhile: the answer's dispatch, the case and plan set, the
 * views told. Time waiting for the worker is not counted. */
static gint64
wait_idle (BdSession *session)
{
  gint64 busy = 0;

  while (bd_session_is_busy (session))
    {
      gint64 start;

      if (!g_main_context_pending (NULL))
        {
          g_usleep (20);
          continue;
        }
      start = g_get_monotonic_time ();
      g_main_context_iteration (NULL, FALSE);
      busy += g_get_monotonic_time () - start;
    }
  return busy;
}

static void
remove_dir (const char *dir)
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

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-bench-saving-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = bd_pack_new_bundled (&error);
  g_autoptr(BdCaseStore) store = NULL;
  g_autoptr(BdCase) kase = NULL;
  g_autoptr(BdSqliteStore) backend = NULL;
  g_autoptr(BdSession) session = NULL;
  g_autoptr(GArray) sync_holds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) async_holds = g_array_new (FALSE, FALSE, sizeof (gint64));
  BdGuide *guide;
  const char *id;
  double worst;

  if (pack == NULL || (store = bd_case_store_new (path, &error)) == NULL)
    g_error ("%s", error->message);
  guide = bd_pack_lookup_guide (pack, GUIDE);
  if (guide == NULL)
    g_error ("the bundled pack has no guide %s", GUIDE);
  kase = bd_case_new (bd_pack_get_id (pack), bd_pack_get_version (pack));
  bd_case_add_symptom (kase, "badge-one-all-read",
                       bd_text_get (bd_symptom_get_text (bd_pack_lookup_symptom (pack, "badge-one-all-read"))));
  if (!bd_case_store_insert (store, kase, &error))
    g_error ("%s", error->message);
  id = bd_case_get_id (kase);

  /* committed on this thread, on its own connection */
  for (guint i = 0; i < TICKS; i++)
    {
      BdStep *step = step_of (guide, i);
      gint64 start = g_get_monotonic_time (), held;

      if (!bd_case_store_set_step (store, id, GUIDE, bd_step_get_id (step), bd_text_get (bd_step_get_text (step)),
                                   device_of (step), i % 2 ? BD_STEP_STATE_PENDING : BD_STEP_STATE_DONE, &error))
        g_error ("%s", error->message);
      held = g_get_monotonic_time () - start;
      g_array_append_val (sync_holds, held);
    }
  g_clear_object (&store);

  /* as the window does: the same case, opened in a session on the store's worker */
  backend = bd_sqlite_store_new (path, BD_CASE_STORE_READ_WRITE);
  session = bd_session_new (pack, BD_CASE_BACKEND (backend));
  bd_session_open_case_async (session, id, on_opened, NULL);
  wait_idle (session);
  if (bd_session_get_case (session) == NULL)
    g_error ("the session did not open case %s", id);

  /* one tick at a time, as a person clicks: the hand-over, then the
   * answer's handling on this thread once the worker has committed */
  for (guint i = 0; i < TICKS; i++)
    {
      BdStep *step = step_of (guide, i);
      gint64 start = g_get_monotonic_time (), held;

      bd_session_set_step_async (session, GUIDE, bd_step_get_id (step), device_of (step),
                                 i % 2 ? BD_STEP_STATE_PENDING : BD_STEP_STATE_DONE, on_done, NULL);
      held = g_get_monotonic_time () - start;
      held += wait_idle (session);
      g_array_append_val (async_holds, held);
    }

  g_print ("main-thread hold per saved tick (%u ticks each, synchronous=FULL)\n\n", TICKS);
  g_print ("%-34s %10s %10s %10s\n", "how", "median ms", "p99 ms", "max ms");
  g_print ("%-34s %10.3f %10.3f %10.3f\n", "committed on the main thread", bench_percentile_ms (sync_holds, 500),
           bench_percentile_ms (sync_holds, 990), bench_percentile_ms (sync_holds, 1000));
  g_print ("%-34s %10.3f %10.3f %10.3f\n", "committed on the worker (the app)", bench_percentile_ms (async_holds, 500),
           bench_percentile_ms (async_holds, 990), bench_percentile_ms (async_holds, 1000));
  worst = bench_percentile_ms (async_holds, 1000);
  g_print ("\nlongest main-thread hold while saving: %.2f ms = %.3f of a %.0f ms frame: %s\n", worst,
           worst / FRAME_MS, FRAME_MS, worst <= FRAME_MS ? "no stall over a frame" : "stalls over a frame");

  g_clear_object (&session);
  /* every tick is committed before the files go */
  bd_case_backend_flush (BD_CASE_BACKEND (backend));
  g_clear_object (&backend);
  remove_dir (dir);
  return EXIT_SUCCESS;
}
