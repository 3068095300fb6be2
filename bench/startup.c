/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-startup"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "bench-stats.h"
#include "bench-store.h"

/*
 * How long the app takes from being started to its first painted frame,
 * with a help desk's 10,000 cases in its store, as a ratio to a bare
 * AdwApplicationWindow (bench-bare-window) started the same way on the same
 * display. The two run as child processes, alternately, so whatever else
 * the machine is doing falls on both; the ratio of their medians is the
 * figure. Timings are reported, never judged: only a child that fails or
 * cannot start, or a missing display, fails the run.
 */

#define N_CASES 10000
#define DEFAULT_ROUNDS 15
#define TARGET 1.15
#define CHILD_TIMEOUT_S 60  /* a child this slow is hung, not slow */

enum { BARE, APP, N_PROGRAMS };

typedef struct
{
  const char *name;    /* as the table shows it */
  char *path;
  GArray *samples;     /* microseconds from spawn to exit, one a counted run */
  gboolean shown;      /* its output was passed on once already */
} Program;

typedef struct
{
  BenchStore store;
  Program programs[N_PROGRAMS];
  char *schema_dir;
  guint rounds;
  gint64 build_us;
  GSubprocessLauncher *launcher;
} Startup;

static void
startup_clear (Startup *s)
{
  bench_store_clear (&s->store);
  for (guint i = 0; i < N_PROGRAMS; i++)
    {
      g_clear_pointer (&s->programs[i].path, g_free);
      g_clear_pointer (&s->programs[i].samples, g_array_unref);
    }
  g_clear_pointer (&s->schema_dir, g_free);
  g_clear_object (&s->launcher);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Startup, startup_clear)

/* --- arguments ------------------------------------------------------- */

static gboolean
usage_error (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

/* APP BARE SCHEMA_DIR as meson passes them, or the build tree's. */
static gboolean
parse_args (Startup  *s,
            int      *argc,
            char   ***argv,
            GError  **error)
{
  int rounds = DEFAULT_ROUNDS;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds,
      "How many runs of each program to time (default 15)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;

  context = g_option_context_new ("[APP BARE-WINDOW SCHEMA-DIR] - time start-up to first frame");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (rounds < 1 || rounds > 1000)
    return usage_error (error, "--rounds must be between 1 and 1000");
  if (*argc != 1 && *argc != 4)
    return usage_error (error, "give all three of APP BARE-WINDOW SCHEMA-DIR, or none");
  s->rounds = rounds;
  s->programs[APP].path = g_strdup (*argc == 4 ? (*argv)[1] : BENCH_APP);
  s->programs[BARE].path = g_strdup (*argc == 4 ? (*argv)[2] : BENCH_BARE_WINDOW);
  s->schema_dir = g_strdup (*argc == 4 ? (*argv)[3] : BENCH_SCHEMA_DIR);
  return TRUE;
}

/* --- the store and the children's environment ------------------------ */

/* Where the app looks for it: $XDG_DATA_HOME/badge-doctor/cases.db. The
 * fsync is skipped: only the finished store matters here. */
static gboolean
build_store (Startup  *s,
             GError  **error)
{
  BenchStore *b = &s->store;
  gint64 start = g_get_monotonic_time ();
  guint n;

  b->n_cases = N_CASES;
  if (!bench_store_setup (b, "bench-startup-XXXXXX", "badge-doctor/cases.db", error)
      || !bench_store_set_synchronous (b, "OFF", error))
    return FALSE;
  for (guint i = 0; i < b->n_cases; i++)
    {
      g_autoptr(BdCase) kase = bench_store_new_case (b, i);

      if (!bd_case_store_insert (b->store, kase, error))
        {
          g_prefix_error (error, "insert case %u: ", i);
          return FALSE;
        }
    }
  if (!bd_case_store_count (b->store, &n, error))
    return FALSE;
  if (n != b->n_cases)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_FAILED, "count: %u cases, expected %u", n, b->n_cases);
      return FALSE;
    }
  /* closed, so the app finds it checkpointed, as after a normal exit */
  bench_store_close (b);
  s->build_us = g_get_monotonic_time () - start;
  return TRUE;
}

/* The same for both programs. On X only: under xvfb-run from a Wayland
 * desktop, GTK would otherwise pick the desktop's compositor. */
static GSubprocessLauncher *
new_launcher (Startup *s)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                            | G_SUBPROCESS_FLAGS_STDERR_MERGE);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", s->store.dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", s->schema_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", g_getenv ("DISPLAY"), TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  return launcher;
}

static gboolean
check_display (GError **error)
{
  const char *display = g_getenv ("DISPLAY");

  if (display != NULL && *display != '\0')
    return TRUE;
  g_set_error_literal (error, BD_ERROR, BD_ERROR_FAILED,
                       "bench-startup needs a display: run it under xvfb-run");
  return FALSE;
}

/* --- one run --------------------------------------------------------- */

typedef struct
{
  GSubprocess *child;
  GAsyncResult *result;
  gboolean timed_out;
} Run;

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->result = g_object_ref (result);
}

static gboolean
time_out (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_subprocess_force_exit (run->child);
  return G_SOURCE_REMOVE;
}

/* Waits for @run's child to exit and collects what it printed. */
static gboolean
wait_for (Run     *run,
          char   **output,
          GError **error)
{
  guint timeout = g_timeout_add_seconds (CHILD_TIMEOUT_S, time_out, run);
  gboolean ok;

  g_subprocess_communicate_utf8_async (run->child, NULL, NULL, communicated, run);
  while (run->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!run->timed_out)
    g_source_remove (timeout);
  ok = g_subprocess_communicate_utf8_finish (run->child, run->result, output, NULL, error);
  g_clear_object (&run->result);
  return ok;
}

static char *
describe_exit (GSubprocess *child,
               gboolean     timed_out)
{
  if (timed_out)
    return g_strdup_printf ("did not paint a frame within %d s", CHILD_TIMEOUT_S);
  if (g_subprocess_get_if_signaled (child))
    return g_strdup_printf ("was killed by signal %d", g_subprocess_get_term_sig (child));
  return g_strdup_printf ("exited with status %d", g_subprocess_get_exit_status (child));
}

/* Passes on what a program printed, the first time only: each run of it
 * would print the same. */
static void
show_output (Program    *program,
             const char *output)
{
  if (program->shown || output == NULL || *output == '\0')
    return;
  program->shown = TRUE;
  g_printerr ("bench-startup: %s printed (shown once):\n%s%s", program->path, output,
              g_str_has_suffix (output, "\n") ? "" : "\n");
}

/* Spawn to exit; @samples NULL for a warm-up run. */
static gboolean
run_once (Startup  *s,
          Program  *program,
          GArray   *samples,
          GError  **error)
{
  g_autofree char *output = NULL;
  Run run = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  run.child = g_subprocess_launcher_spawn (s->launcher, error, program->path,
                                           "--exit-after-first-frame", NULL);
  if (run.child == NULL)
    {
      g_prefix_error (error, "cannot start %s (build everything first with ninja): ",
                      program->path);
      return FALSE;
    }
  if (!wait_for (&run, &output, error))
    {
      g_object_unref (run.child);
      return FALSE;
    }
  elapsed = g_get_monotonic_time () - start;
  show_output (program, output);
  if (run.timed_out || !g_subprocess_get_successful (run.child))
    {
      g_autofree char *how = describe_exit (run.child, run.timed_out);

      g_set_error (error, BD_ERROR, BD_ERROR_FAILED, "%s %s", program->path, how);
      g_object_unref (run.child);
      return FALSE;
    }
  g_object_unref (run.child);
  if (samples != NULL)
    g_array_append_val (samples, elapsed);
  return TRUE;
}

/* One warm-up run of each, not counted, then the rounds: bare first in
 * even rounds, the app first in odd ones, so neither always follows the
 * other. */
static gboolean
run_rounds (Startup  *s,
            GError  **error)
{
  if (!run_once (s, &s->programs[BARE], NULL, error)
      || !run_once (s, &s->programs[APP], NULL, error))
    return FALSE;
  for (guint round = 0; round < s->rounds; round++)
    for (guint k = 0; k < N_PROGRAMS; k++)
      {
        Program *program = &s->programs[(round + k) % N_PROGRAMS];

        if (!run_once (s, program, program->samples, error))
          return FALSE;
      }
  return TRUE;
}

/* --- report ---------------------------------------------------------- */

/* @samples in milliseconds: the median (the mean of the middle two for
 * an even count), the least and the most. */
static void
summarize (GArray *samples,
           double *median,
           double *min,
           double *max)
{
  g_autoptr(GArray) sorted = g_array_copy (samples);
  guint n = sorted->len;

  g_assert (n > 0);
  g_array_sort (sorted, bench_compare_int64);
  *median = (g_array_index (sorted, gint64, (n - 1) / 2)
             + g_array_index (sorted, gint64, n / 2)) / 2000.0;
  *min = g_array_index (sorted, gint64, 0) / 1000.0;
  *max = g_array_index (sorted, gint64, n - 1) / 1000.0;
}

static double
print_row (Program *program)
{
  double median, min, max;

  summarize (program->samples, &median, &min, &max);
  g_print ("%-28s %5u %10.1f %10.1f %10.1f\n", program->name, program->samples->len, median,
           min, max);
  return median;
}

static void
print_report (Startup *s)
{
  g_autofree char *app_name = g_path_get_basename (s->programs[APP].path);
  double bare, app, ratio;

  g_print ("start-up to first frame: %s from spawn to exit with --exit-after-first-frame\n"
           "%u cases in the app's store (built in %.1f s); display %s, GSK_RENDERER=cairo;\n"
           "one warm-up run of each, then %u alternating rounds\n\n",
           app_name, s->store.n_cases,
           s->build_us / (double) G_USEC_PER_SEC, g_getenv ("DISPLAY"), s->rounds);
  g_print ("%-28s %5s %10s %10s %10s\n", "program", "runs", "median ms", "min ms", "max ms");
  bare = print_row (&s->programs[BARE]);
  app = print_row (&s->programs[APP]);
  ratio = app / bare;
  g_print ("\nstartup ratio (app / bare window, median of %u alternating runs): %.2f"
           " — target %.2f: %s\n",
           s->rounds, ratio, TARGET, ratio <= TARGET ? "met" : "not met");
}

/* --- main ------------------------------------------------------------ */

static void
setup (Startup *s)
{
  s->programs[BARE].name = "bare AdwApplicationWindow";
  s->programs[APP].name = "badge-doctor";
  for (guint i = 0; i < N_PROGRAMS; i++)
    s->programs[i].samples = g_array_new (FALSE, FALSE, sizeof (gint64));
}

int
main (int    argc,
      char **argv)
{
  g_auto(Startup) s = { 0 };
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  setup (&s);
  if (!parse_args (&s, &argc, &argv, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 2;
    }
  if (!check_display (&error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_printerr ("bench-startup: no D-Bus session bus, so the first program will autolaunch one\n"
                "with dbus-launch, which outlives the run: use bench/run or dbus-run-session\n");
  if (!build_store (&s, &error))
    {
      g_printerr ("bench-startup: building the store: %s\n", error->message);
      return EXIT_FAILURE;
    }
  s.launcher = new_launcher (&s);
  if (!run_rounds (&s, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return EXIT_FAILURE;
    }
  print_report (&s);
  return EXIT_SUCCESS;
}
