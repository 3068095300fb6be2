/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-stall"

#include "bd-config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "bd-application.h"
#include "bd-case-store-private.h"
#include "bd-step-row.h"
#include "bd-window.h"

/*
 * The main-loop stall meter: the window, in help-desk mode, over a store
 * of 100,000 cases, driven through what a help desk does all day (start,
 * open a case, start one, tick, delete, undo, type a search). For each,
 * the longest single main-loop iteration: the time from one poll() of the
 * main context returning to the next one starting is work the window did
 * without looking at input, and a person feels anything past one frame
 * (16 ms). Reported, never judged: the run fails only if the window
 * cannot be driven.
 */

#define DEFAULT_CASES 100000
#define TARGET_MS 16.0
#define SETTLE_MS 400  /* idle this long after the last request = done */

static GPollFunc real_poll;
static gint64 left_poll;   /* when poll() last returned */
static gint64 longest;     /* the longest iteration of the phase, µs */

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint result;

  if (left_poll != 0)
    longest = MAX (longest, now - left_poll);
  result = real_poll (fds, n_fds, timeout);
  left_poll = g_get_monotonic_time ();
  return result;
}

/* The cases, made by SQL in one transaction: a help desk's store. */
static void
seed (const char *path,
      guint       n_cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseStore) store = bd_case_store_new (path, &error);
  gint64 now = g_get_real_time ();
  g_autofree char *sql = g_strdup_printf (
    "BEGIN;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO cases (id, created, updated, status, label, ticket, notes, pack_id, pack_version, model)"
    " SELECT printf ('%%08x-0000-4000-8000-%%012x', i, i), %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " - i * 1000000,"
    "  i %% 3, 'Customer ' || i, 'T-' || i, 'Reads mail on a work laptop, call ' || i,"
    "  'badge-doctor', '2026.11.1', 'iPhone 15' FROM n;"
    "INSERT INTO case_symptoms (case_rowid, position, symptom_id, text)"
    " SELECT key, 0, 'badge-one-all-read', 'The badge shows 1 but every thread looks read.' FROM cases;"
    "COMMIT;", n_cases, now, now);
  char *message = NULL;

  if (store == NULL)
    g_error ("cannot make the store: %s", error->message);
  if (sqlite3_exec (_bd_case_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("cannot fill the store: %s", message);
}

/* Runs the main loop until nothing was asked of the store or the window
 * for SETTLE_MS; returns the longest iteration meanwhile, in ms. */
static double
measure (BdWindow *window)
{
  gint64 quiet_since = g_get_monotonic_time ();
  gint64 deadline = quiet_since + 60 * G_USEC_PER_SEC;
  double ms;

  while (g_get_monotonic_time () < deadline)
    {
      gboolean busy = bd_window_is_busy (window);

      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
      if (busy)
        quiet_since = g_get_monotonic_time ();
      else if (g_get_monotonic_time () - quiet_since > SETTLE_MS * 1000)
        break;
    }
  ms = longest / 1000.0;
  longest = 0;
  return ms;
}

static void
act (BdWindow   *window,
     const char *action,
     const char *target)
{
  longest = 0;
  left_poll = g_get_monotonic_time ();
  if (target != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), action, "s", target);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GtkWidget *
first (BdWindow *window,
       GType     type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (window), type, found);
  if (found->len == 0)
    g_error ("the window shows no %s", g_type_name (type));
  return found->pdata[0];
}

static void
report (const char *phase,
        double      ms)
{
  g_print ("%-28s %8.1f ms  %s\n", phase, ms, ms <= TARGET_MS ? "" : "over one frame");
}

int
main (int    argc,
      char **argv)
{
  /* bench-stall [CASES]: 100,000 by default; 1 shows what is the window's
   * own cost, whatever the store holds */
  guint n_cases = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_CASES;
  g_autofree char *dir = g_dir_make_tmp ("bd-bench-stall-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *path = g_build_filename (data, "badge-doctor", "cases.db", NULL);
  g_autoptr(BdApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *middle = NULL;
  const char *search = "customer 4711";
  BdWindow *window;

  setlocale (LC_ALL, "");
  n_cases = MAX (n_cases, 1);
  middle = g_strdup_printf ("%08x-0000-4000-8000-%012x", (n_cases + 1) / 2, (n_cases + 1) / 2);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_print ("Filling a store with %u cases…\n", n_cases);
  seed (path, n_cases);

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "help-desk-mode", TRUE);
  app = bd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  g_print ("\nLongest main-loop iteration, %u cases, help-desk mode (target %.0f ms):\n", n_cases, TARGET_MS);
  left_poll = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (app));
  window = BD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  report ("start, list shown", measure (window));

  act (window, "win.open-case", middle);
  report ("open a case", measure (window));
  act (window, "win.new-case", NULL);
  measure (window);
  act (window, "win.choose-symptom", "badge-one-all-read");
  report ("start a case", measure (window));
  /* the help-desk question: answered by leaving it */
  act (window, "win.open-guide", "open-all-threads");
  report ("open a guide", measure (window));
  longest = 0;
  left_poll = g_get_monotonic_time ();
  bd_step_row_toggle (BD_STEP_ROW (first (window, BD_TYPE_STEP_ROW)));
  report ("tick a step", measure (window));
  act (window, "win.delete-case", NULL);
  report ("delete the case", measure (window));
  act (window, "win.undo", NULL);
  report ("undo the delete", measure (window));

  act (window, "win.search", NULL);
  measure (window);
  {
    GtkEditable *entry = GTK_EDITABLE (first (window, GTK_TYPE_SEARCH_ENTRY));
    double worst = 0;

    /* a key at a time, as typed; then the search cleared, which brings
     * every case back */
    for (size_t i = 0; i < strlen (search); i++)
      {
        int at = (int) i;
        longest = 0;
        left_poll = g_get_monotonic_time ();
        gtk_editable_insert_text (entry, search + i, 1, &at);
        worst = MAX (worst, measure (window));
      }
    report ("type a search, per key", worst);
    longest = 0;
    left_poll = g_get_monotonic_time ();
    gtk_editable_set_text (entry, "");
    report ("clear the search", measure (window));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
