/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-crash"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bd-case-store-private.h"

/*
 * No committed change is lost when the process dies at any moment: a
 * child ticks steps and reports each one through a pipe once the store
 * returned from the commit; the parent kills it with SIGKILL at a random
 * moment, then checks the store is whole and holds every reported tick.
 */

#define ROUNDS 200

static void
writer (const char *path,
        const char *case_id,
        guint       round,
        int         report)
{
  g_autoptr(BdCaseStore) store = bd_case_store_new (path, NULL);

  if (store == NULL)
    _exit (3);
  for (guint i = 0;; i++)
    {
      g_autofree char *step = g_strdup_printf ("r%u-s%u", round, i);
      if (!bd_case_store_set_step (store, case_id, "crash", step, "Tick.", BD_DEVICE_NONE,
                                   BD_STEP_STATE_DONE, NULL))
        _exit (4);
      if (write (report, &i, sizeof i) != sizeof i)
        _exit (5);
    }
}

/* The writer's reports, read in order: each is the number of the tick
 * just committed. */
typedef struct
{
  int fd;
  guint n; /* reports read so far */
} Reports;

/* Reads until @limit more reports have come or the writer is gone. */
static void
read_reports (Reports *reports,
              guint    limit)
{
  guint value;

  for (guint i = 0; i < limit && read (reports->fd, &value, sizeof value) == sizeof value; i++)
    {
      g_assert_cmpuint (value, ==, reports->n);
      reports->n++;
    }
}

static guint
count_round (BdCaseStore *store,
             guint        round)
{
  g_autofree char *pattern = g_strdup_printf ("r%u-s*", round);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_bd_case_store_get_db (store),
                                       "SELECT count(*) FROM step_log WHERE step_id GLOB ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
assert_whole (BdCaseStore *store)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_bd_case_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

static void
test_sigkill (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "badge-doctor", "cases.db", NULL);
  g_autoptr(BdCase) kase = bd_case_new ("test-pack", "1.0.0");
  guint total_reported = 0, killed_mid_run = 0;

  {
    g_autoptr(BdCaseStore) store = bd_case_store_new (path, NULL);
    g_assert_nonnull (store);
    g_assert_true (bd_case_store_insert (store, kase, NULL));
  }

  for (guint round = 0; round < ROUNDS; round++)
    {
      int fds[2];
      pid_t pid;
      int status = 0;
      guint reported, stored, wait_for;
      Reports reports;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          writer (path, bd_case_get_id (kase), round, fds[1]);
        }
      close (fds[1]);
      /* A quarter of the kills land while the store opens; the rest after
       * a random number of ticks, at a random moment inside a commit. How
       * long a tick takes varies (fsync, sanitizers), so ticks are counted
       * rather than time. */
      reports = (Reports) { fds[0], 0 };
      wait_for = g_test_rand_int_range (0, 4) == 0 ? 0 : (guint) g_test_rand_int_range (1, 30);
      read_reports (&reports, wait_for);
      g_usleep (g_test_rand_int_range (0, wait_for == 0 ? 20000 : 3000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      read_reports (&reports, G_MAXUINT);
      reported = reports.n;
      close (fds[0]);

      {
        g_autoptr(BdCaseStore) store = bd_case_store_new (path, NULL);
        g_assert_nonnull (store);
        g_assert_null (bd_case_store_get_recovered_path (store));
        assert_whole (store);
        stored = count_round (store, round);
        /* the tick in flight may have committed without being reported */
        g_assert_cmpuint (stored, >=, reported);
        g_assert_cmpuint (stored, <=, reported + 1);
      }
      total_reported += reported;
      killed_mid_run += reported > 0;
    }
  g_test_message ("%u ticks reported over %u rounds, %u rounds killed mid-run",
                  total_reported, ROUNDS, killed_mid_run);
  /* the kills must have landed among the ticks, not only before them */
  g_assert_cmpuint (killed_mid_run, >=, ROUNDS / 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/sigkill", test_sigkill);
  return g_test_run ();
}
