/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <libsoup/soup.h>
#include <string.h>

#include "bd-application.h"
#include "bd-case-list.h"
#include "bd-case-page.h"
#include "bd-case-item.h"
#include "bd-matrix-page.h"
#include "bd-case-sidebar.h"
#include "bd-guidance-cache.h"
#include "bd-guide-page.h"
#include "bd-plan-page.h"
#include "bd-report-dialog.h"
#include "bd-step-row.h"
#include "test-guidance.h"
#include "test-window-util.h"
#include "test-store-util.h"
#include "bd-window.h"

#include <gdk/x11/gdkx.h>

/*
 * The window in a real display, driven as a person would: choose a
 * symptom, tick steps, confirm a caution, wait out a countdown, delete
 * and undo, search, restart. Every page is also rendered to PNG files
 * (light and dark, wide and 360 px) under tests/screenshots in the build
 * folder, for a person to look at.
 */






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
find (GtkWidget *root,
      GType      type,
      guint      nth)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, found);
  return nth < found->len ? g_ptr_array_index (found, nth) : NULL;
}

static GPtrArray *
all (BdWindow *window,
     GType     type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (GTK_WIDGET (window), type, found);
  return found;
}






static gboolean
set_step (BdSession   *session,
          const char  *guide_id,
          const char  *step_id,
          BdDevice     device)
{
  GAsyncResult *result = NULL;

  bd_session_set_step_async (session, guide_id, step_id, device, BD_STEP_STATE_DONE, keep_result, &result);
  return written (session, &result);
}

static gboolean
answer_cleared (BdSession  *session,
                const char *guide_id)
{
  GAsyncResult *result = NULL;

  bd_session_answer_async (session, guide_id, BD_OUTCOME_CLEARED, keep_result, &result);
  return written (session, &result);
}

static gboolean
is_stored (BdSession  *session,
           const char *id)
{
  g_autoptr(BdCaseReply) reply = bd_case_backend_run (bd_session_get_backend (session),
                                                      bd_case_request_new (BD_CASE_OP_RESOLVE, id), NULL);

  return reply != NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* A new case for @symptom, whatever case the window reopened. */
static void
fresh_case (App        *a,
            const char *symptom)
{
  act (a->window, "win.new-case", NULL);
  act (a->window, "win.choose-symptom", symptom);
  g_assert_null (find_dialog ());
  g_assert_cmpstr (bd_window_get_page (a->window), ==, "plan");
}

/* A response button pressed: the dialog answers, then closes, as it
 * does for a click (adw_message_dialog_response() only answers). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* In help-desk mode a new case asks whom it is for. */
static void
fresh_customer_case (App        *a,
                     const char *symptom,
                     const char *label,
                     const char *ticket)
{
  AdwMessageDialog *dialog;
  GtkWidget *extra;

  act (a->window, "win.new-case", NULL);
  act (a->window, "win.choose-symptom", symptom);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find (extra, ADW_TYPE_ENTRY_ROW, 0)), label);
  gtk_editable_set_text (GTK_EDITABLE (find (extra, ADW_TYPE_ENTRY_ROW, 1)), ticket);
  respond (dialog, "save");
  settle (GTK_WIDGET (a->window));
  g_assert_cmpstr (bd_case_get_label (bd_session_get_case (bd_window_get_session (a->window))), ==, label);
  g_assert_cmpstr (bd_case_get_ticket (bd_session_get_case (bd_window_get_session (a->window))), ==, ticket);
}

/* --- the report ------------------------------------------------------- */

static BdReportDialog *
find_report_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (BD_IS_REPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return BD_REPORT_DIALOG (window);
    }
  return NULL;
}

static gpointer
dialog_child (BdReportDialog *dialog,
              const char     *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), BD_TYPE_REPORT_DIALOG, name);

  g_assert_nonnull (child);
  return child;
}

/* The switch that keeps @field in the report. */
static GtkSwitch *
field_switch (BdReportDialog *dialog,
              BdReportField   field)
{
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();

  adw_expander_row_set_expanded (dialog_child (dialog, "fields_row"), TRUE);
  settle (GTK_WIDGET (dialog));
  collect (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, switches);
  for (guint i = 0; i < switches->len; i++)
    if (GPOINTER_TO_UINT (g_object_get_data (switches->pdata[i], "bd-field")) == field)
      return switches->pdata[i];
  g_error ("no switch for field %u", field);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_report_dialog () == NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !bd_report_dialog_is_busy (data);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_report (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  App a = start_app ();
  BdSession *session;
  BdReportDialog *dialog;
  g_autofree char *dir = g_dir_make_tmp ("bd-report-ui-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "report.txt", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "report.txt", NULL);
  g_autofree char *preview = NULL, *text = NULL;
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  g_autoptr(GFile) nowhere_file = g_file_new_for_path (nowhere);

  /* no case, no report */
  act (a.window, "win.new-case", NULL);
  gtk_widget_activate_action (GTK_WIDGET (a.window), "win.export-report", NULL);
  settle (GTK_WIDGET (a.window));
  g_assert_null (find_report_dialog ());

  fresh_case (&a, "badge-one-all-read");
  session = bd_window_get_session (a.window);
  bd_case_set_notes (bd_session_get_case (session), "Call me on +44 20 7946 0018, or write to jo@example.org.");
  bd_case_set_model (bd_session_get_case (session), "iPhone 13 mini");
  g_assert_true (save_details (session, BD_CASE_FIELD_NOTES | BD_CASE_FIELD_MODEL));
  g_assert_true (set_step (session, "open-all-threads", "open-messages", BD_DEVICE_NONE));

  act (a.window, "win.export-report", NULL);
  dialog = find_report_dialog ();
  g_assert_nonnull (dialog);
  settle (GTK_WIDGET (dialog));
  preview = bd_report_dialog_dup_preview (dialog);
  g_assert_nonnull (strstr (preview, "+44 20 7946 0018"));
  g_assert_nonnull (strstr (preview, "iPhone 13 mini"));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "redactions_label")));

  /* hiding personal data: the preview shows placeholders and says what */
  gtk_switch_set_active (dialog_child (dialog, "redact_switch"), TRUE);
  settle (GTK_WIDGET (dialog));
  g_free (preview);
  preview = bd_report_dialog_dup_preview (dialog);
  g_assert_null (strstr (preview, "7946"));
  g_assert_null (strstr (preview, "jo@example.org"));
  g_assert_nonnull (strstr (preview, "[phone 1]"));
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "redactions_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (dialog_child (dialog, "redactions_label")), "+44 20 7946 0018"));

  /* leaving a detail out takes it out of the preview */
  gtk_switch_set_active (field_switch (dialog, BD_REPORT_FIELD_MODEL), FALSE);
  settle (GTK_WIDGET (dialog));
  g_free (preview);
  preview = bd_report_dialog_dup_preview (dialog);
  g_assert_null (strstr (preview, "iPhone 13 mini"));
  g_assert_nonnull (strstr (preview, "Call me on [phone 1]"));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  settle (GTK_WIDGET (dialog));
  save_png (dialog, "report-dialog-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 720);
  settle (GTK_WIDGET (dialog));
  save_png (dialog, "report-dialog-dark-360");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* a folder that does not exist: the dialog says so, stays, and nothing is written */
  adw_combo_row_set_selected (dialog_child (dialog, "format_row"), BD_REPORT_FORMAT_TEXT);
  bd_report_dialog_export_to (dialog, nowhere_file);
  iterate_until (dialog_idle, dialog, 5000);
  settle (GTK_WIDGET (dialog));
  g_assert_true (find_report_dialog () == dialog);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* saved off the main thread; the dialog closes and the file says what the preview said */
  g_free (preview);
  preview = bd_report_dialog_dup_preview (dialog);
  bd_report_dialog_export_to (dialog, saved_file);
  iterate_until (dialog_gone, NULL, 5000);
  g_assert_null (find_report_dialog ());
  text = read_text (saved);
  g_assert_cmpstr (text, ==, preview);

  /* printing draws with the PDF's code; exported here instead of sent to a printer */
  act (a.window, "win.print-report", NULL);
  dialog = find_report_dialog ();
  g_assert_nonnull (dialog);
  /* the file type and the redaction chosen last are chosen again; what
   * the case leaves out is chosen afresh */
  g_assert_cmpuint (adw_combo_row_get_selected (dialog_child (dialog, "format_row")), ==, BD_REPORT_FORMAT_TEXT);
  g_assert_true (gtk_switch_get_active (dialog_child (dialog, "redact_switch")));
  g_assert_true (gtk_switch_get_active (field_switch (dialog, BD_REPORT_FIELD_MODEL)));
  gtk_switch_set_active (field_switch (dialog, BD_REPORT_FIELD_MODEL), FALSE);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == dialog_child (dialog, "print_button"));
  bd_report_dialog_print (dialog, GTK_PRINT_OPERATION_ACTION_EXPORT, printed);
  iterate_until (dialog_gone, NULL, 5000);
  g_free (text);
  text = read_text (printed);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autofree char *words = NULL;
    const char *argv[] = { pdftotext, printed, "-", NULL };

    g_assert_nonnull (pdftotext);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &words, NULL, NULL, NULL));
    g_assert_nonnull (strstr (words, "Badge Doctor Report"));
    g_assert_nonnull (strstr (words, "Page 1 of 1"));
    /* what the dialog said to leave out stays out on paper too */
    g_assert_null (strstr (words, "iPhone 13 mini"));
    g_assert_null (strstr (words, "7946"));
  }

  /* "Yes, it cleared" offers the report */
  g_assert_true (answer_cleared (session, "open-all-threads"));
  act (a.window, "win.show-page", "resolved");
  {
    g_autoptr(GPtrArray) buttons = all (a.window, GTK_TYPE_BUTTON);
    gboolean offered = FALSE;
    for (guint i = 0; i < buttons->len; i++)
      offered |= g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "win.export-report") == 0;
    g_assert_true (offered);
  }
  stop_app (&a);
  g_settings_reset (settings, "report-format");
  g_settings_reset (settings, "report-redact");
}

/* --- screenshots ------------------------------------------------------ */


/* --- the journey ------------------------------------------------------ */

static BdStepRow *
step_row (BdWindow   *window,
          const char *step_id)
{
  g_autoptr(GPtrArray) rows = all (window, BD_TYPE_STEP_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (bd_step_get_id (bd_step_row_get_step (rows->pdata[i])), step_id))
      return rows->pdata[i];
  g_error ("no row for step %s", step_id);
}

static double
plan_fraction (BdWindow *window)
{
  guint handled, total;

  bd_plan_get_progress (bd_session_get_plan (bd_window_get_session (window)), &handled, &total);
  return (double) handled / total;
}

/* The last case reopens after the first frame, once the store is open. */
static gboolean
page_is_guide (gpointer data)
{
  return g_strcmp0 (bd_window_get_page (data), "guide") == 0;
}

/* Choose a symptom, see the plan, tick steps: each tick is in the store
 * at once; after a restart the case opens where it was. */
static void
test_journey (void)
{
  App a = start_app ();
  g_autoptr(BdCase) stored = NULL;
  g_autofree char *case_id = NULL;
  GtkProgressBar *bar;
  double before;

  g_assert_cmpstr (bd_window_get_page (a.window), ==, "matrix");
  act (a.window, "win.choose-symptom", "badge-one-all-read");
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "plan");
  {
    g_autoptr(GPtrArray) bars = all (a.window, GTK_TYPE_PROGRESS_BAR);
    BdPlan *plan = bd_session_get_plan (bd_window_get_session (a.window));
    /* the plan's bar and one per guide */
    g_assert_cmpuint (bars->len, ==, bd_plan_get_n_guides (plan) + 1);
    bar = bars->pdata[0];
    g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.0);
  }
  case_id = g_strdup (bd_case_get_id (bd_session_get_case (bd_window_get_session (a.window))));

  act (a.window, "win.open-guide", "open-all-threads");
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "guide");
  before = plan_fraction (a.window);
  /* the keyboard is on the first step; activating it (Space) ticks it */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (a.window)) == GTK_WIDGET (step_row (a.window, "open-messages")));
  gtk_widget_activate (GTK_WIDGET (step_row (a.window, "open-messages")));
  settle (GTK_WIDGET (a.window));
  bd_step_row_toggle (step_row (a.window, "pull-down-search"));
  settle (GTK_WIDGET (a.window));
  g_assert_cmpfloat (plan_fraction (a.window), >, before);

  stored = stored_case (&a);
  g_assert_cmpint (bd_case_lookup_step (stored, "open-all-threads", "open-messages", BD_DEVICE_NONE)->state,
                   ==, BD_STEP_STATE_DONE);
  g_assert_cmpint (bd_case_lookup_step (stored, "open-all-threads", "pull-down-search", BD_DEVICE_NONE)->state,
                   ==, BD_STEP_STATE_DONE);

  /* Space again on a ticked step unticks it, and that is saved too */
  bd_step_row_toggle (step_row (a.window, "pull-down-search"));
  settle (GTK_WIDGET (a.window));
  g_clear_object (&stored);
  stored = stored_case (&a);
  g_assert_cmpint (bd_case_lookup_step (stored, "open-all-threads", "pull-down-search", BD_DEVICE_NONE)->state,
                   ==, BD_STEP_STATE_PENDING);

  /* scrolled down a short window: the scroll comes back too */
  gtk_window_set_default_size (GTK_WINDOW (a.window), 900, 420);
  settle (GTK_WIDGET (a.window));
  bd_guide_page_set_scroll (BD_GUIDE_PAGE (find (GTK_WIDGET (a.window), BD_TYPE_GUIDE_PAGE, 0)), 150);
  settle (GTK_WIDGET (a.window));
  g_assert_cmpfloat (bd_guide_page_get_scroll (BD_GUIDE_PAGE (find (GTK_WIDGET (a.window), BD_TYPE_GUIDE_PAGE, 0))),
                     ==, 150);
  stop_app (&a);

  /* restart: the same case, on the same guide, with the same ticks */
  a = start_app ();
  iterate_until (page_is_guide, a.window, 3000);
  settle (GTK_WIDGET (a.window));
  g_assert_cmpstr (bd_case_get_id (bd_session_get_case (bd_window_get_session (a.window))), ==, case_id);
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "guide");
  {
    GtkCheckButton *check = GTK_CHECK_BUTTON (find (GTK_WIDGET (step_row (a.window, "open-messages")),
                                                    GTK_TYPE_CHECK_BUTTON, 0));
    g_assert_true (gtk_check_button_get_active (check));
  }
  settle (GTK_WIDGET (a.window));
  g_assert_cmpfloat (bd_guide_page_get_scroll (BD_GUIDE_PAGE (find (GTK_WIDGET (a.window), BD_TYPE_GUIDE_PAGE, 0))),
                     ==, 150);
  gtk_window_set_default_size (GTK_WINDOW (a.window), 960, 680);
  stop_app (&a);
}

/* The words a step row shows: the step, and the other devices' ways. */
static char *
row_words (BdWindow   *window,
           const char *step_id)
{
  g_autoptr(GPtrArray) labels = NULL;
  GString *words = g_string_new (NULL);

  labels = g_ptr_array_new ();
  collect (GTK_WIDGET (step_row (window, step_id)), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i]))
      g_string_append_printf (words, "%s\n", gtk_label_get_text (labels->pdata[i]));
  return g_string_free (words, FALSE);
}

static void
choose_ios (App        *a,
            const char *name)
{
  GtkWidget *plan_page = find (GTK_WIDGET (a->window), BD_TYPE_PLAN_PAGE, 0);
  AdwComboRow *combo = ADW_COMBO_ROW (find (plan_page, ADW_TYPE_COMBO_ROW, 0));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      {
        adw_combo_row_set_selected (combo, i);
        settle (GTK_WIDGET (a->window));
        return;
      }
  g_error ("no %s in the iOS versions", name);
}

/* Whether the reset ladder, opened out, shows @words. */
static gboolean
resets_show (App        *a,
             const char *words)
{
  g_autoptr(GPtrArray) rungs = all (a->window, ADW_TYPE_EXPANDER_ROW);
  g_autoptr(GPtrArray) labels = NULL;
  gboolean seen = FALSE;

  for (guint i = 0; i < rungs->len; i++)
    adw_expander_row_set_expanded (rungs->pdata[i], TRUE);
  settle (GTK_WIDGET (a->window));
  labels = all (a->window, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    seen |= g_str_equal (gtk_label_get_text (labels->pdata[i]), words);
  return seen;
}

/* A new case asks first which iOS the phone runs; the steps then name
 * each setting where that version has it, and a Mac does its own way. */
static void
test_ios_words (void)
{
  App a = start_app ();
  BdSession *session;
  GtkWidget *plan_page;
  AdwComboRow *combo;
  g_autofree char *unsure = NULL, *old = NULL, *current = NULL;
  g_autoptr(BdCase) stored = NULL;

  fresh_case (&a, "badge-comes-back");
  session = bd_window_get_session (a.window);
  plan_page = find (GTK_WIDGET (a.window), BD_TYPE_PLAN_PAGE, 0);
  combo = ADW_COMBO_ROW (find (plan_page, ADW_TYPE_COMBO_ROW, 0));
  /* the question comes first, with where to find the answer */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (a.window)), GTK_WIDGET (combo))
                 || gtk_window_get_focus (GTK_WINDOW (a.window)) == GTK_WIDGET (combo));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean hint = FALSE;
    collect (plan_page, GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      hint |= strstr (gtk_label_get_text (labels->pdata[i]), "Settings > General > About > iOS Version") != NULL;
    g_assert_true (hint);
  }
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);
  bd_case_set_other_devices (bd_session_get_case (session), BD_DEVICE_MAC);
  g_assert_true (save_details (session, BD_CASE_FIELD_OTHER_DEVICES));

  /* Not sure: the newest words, the older beside them; the Mac its own */
  act (a.window, "win.open-guide", "rebuild-imessage-sync");
  unsure = row_words (a.window, "open-messages-settings");
  g_assert_nonnull (strstr (unsure, "Open Settings > Apps > Messages (iOS 17 and earlier: Settings > Messages)."));
  g_assert_nonnull (strstr (unsure, "On the Mac: Open Messages on your Mac and choose Messages > Settings > iMessage."));

  act (a.window, "win.show-page", "plan");
  choose_ios (&a, "iOS 17");
  stored = stored_case (&a);
  g_assert_cmpstr (bd_case_get_ios (stored), ==, "17");
  act (a.window, "win.open-guide", "rebuild-imessage-sync");
  old = row_words (a.window, "open-messages-settings");
  g_assert_nonnull (strstr (old, "Open Settings > Messages.\n"));
  g_assert_null (strstr (old, "Settings > Apps"));
  g_assert_nonnull (strstr (row_words (a.window, "check-account"), "Apple ID"));

  /* ticked on the Mac, the step log keeps the Mac's words */
  g_assert_true (set_step (session, "rebuild-imessage-sync", "turn-off-imessage", BD_DEVICE_MAC));
  g_clear_object (&stored);
  stored = stored_case (&a);
  g_assert_cmpstr (bd_case_lookup_step (stored, "rebuild-imessage-sync", "turn-off-imessage", BD_DEVICE_MAC)->text,
                   ==, "Click Sign Out next to your account, then confirm.");

  act (a.window, "win.show-page", "plan");
  choose_ios (&a, "iOS 26");
  act (a.window, "win.open-guide", "rebuild-imessage-sync");
  current = row_words (a.window, "open-messages-settings");
  g_assert_nonnull (strstr (current, "Open Settings > Apps > Messages.\n"));
  g_assert_null (strstr (current, "iOS 17 and earlier"));
  {
    /* the guide says what its steps were written for, beside its sources */
    g_autoptr(GPtrArray) labels = all (a.window, GTK_TYPE_LABEL);
    gboolean seen = FALSE;
    for (guint i = 0; i < labels->len; i++)
      seen |= g_str_equal (gtk_label_get_text (labels->pdata[i]),
                           "Steps written for iOS 16 to 26.1; iPadOS 16 to 26.1; macOS 13 to 26.1.");
    g_assert_true (seen);
  }

  /* the reset ladder follows the case too */
  act (a.window, "win.show-page", "resets");
  g_assert_true (resets_show (&a, "Settings > [your name] > iCloud > Show All > Messages in iCloud > Sync this iPhone"));
  act (a.window, "win.show-page", "plan");
  choose_ios (&a, "iOS 17");
  act (a.window, "win.show-page", "resets");
  g_assert_true (resets_show (&a, "Settings > [your name] > iCloud > Show All > Messages in iCloud > "
                                  "Sync this iPhone or Use on this iPhone"));
  stop_app (&a);
}

/* Real key presses, through the X server as a keyboard gives them
 * (xdotool's XTEST): they reach the focused widget first, as a person's do. */
static void
press (App        *a,
       const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (a->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", "--clearmodifiers", keys, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  settle (GTK_WIDGET (a->window));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  /* the events come back through the X connection: let them arrive */
  for (guint i = 0; i < 20; i++)
    {
      settle (GTK_WIDGET (a->window));
      g_usleep (5000);
    }
}

/* Alt+Left goes back from the guide to the plan and from the plan to the
 * matrix, wherever the keyboard is, as the shortcuts window says. */
static void
test_back_key (void)
{
  App a = start_app ();

  fresh_case (&a, "badge-one-all-read");
  act (a.window, "win.open-guide", "open-all-threads");
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "guide");
  /* the keyboard on a step, as after ticking one */
  gtk_widget_grab_focus (GTK_WIDGET (step_row (a.window, "open-messages")));
  press (&a, "alt+Left");
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "plan");
  press (&a, "alt+Left");
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "matrix");
  stop_app (&a);
}

/* A detail longer than the case keeps (label, ticket, model…) stops at
 * the limit, says so, and what the field shows is what is saved. */
static void
test_label_limit (void)
{
  App a = start_app ();
  g_autoptr(GString) long_label = g_string_new (NULL);
  g_autoptr(BdCase) stored = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *page, *row;
  gboolean said = FALSE;

  fresh_case (&a, "badge-one-all-read");
  act (a.window, "win.show-page", "details");
  page = find (GTK_WIDGET (a.window), BD_TYPE_CASE_PAGE, 0);
  /* the model: the first field shown outside help-desk mode */
  row = find (page, ADW_TYPE_ENTRY_ROW, 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Model"));
  for (guint i = 0; i < 50; i++)
    g_string_append (long_label, "Customer ");
  g_assert_cmpuint (g_utf8_strlen (long_label->str, -1), ==, 450);
  gtk_editable_set_text (GTK_EDITABLE (row), long_label->str);
  settle (GTK_WIDGET (a.window));
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (row)), -1), ==, BD_CASE_MAX_SHORT_TEXT);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  stored = stored_case (&a);
  g_assert_cmpstr (bd_case_get_model (stored), ==, gtk_editable_get_text (GTK_EDITABLE (row)));
  collect (row, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    said |= g_str_equal (gtk_label_get_text (labels->pdata[i]), "200/200");
  g_assert_true (said);
  stop_app (&a);
}

static void set_language (const char *language);
static const char *window_subtitle (App *a);

static gboolean
page_is_plan (gpointer data)
{
  return g_strcmp0 (bd_window_get_page (data), "plan") == 0;
}

/* A case started in English shows its symptom in German in a German
 * session: the window speaks the guidance's language today; the words
 * the person saw stay only in the history. */
static void
test_symptom_language (void)
{
  g_autoptr(BdPack) pack = bd_pack_new_bundled (NULL);
  const char *german = bd_text_get_for (bd_symptom_get_text (bd_pack_lookup_symptom (pack, "badge-comes-back")), "de");
  App a = start_app ();
  g_autoptr(GPtrArray) labels = NULL;
  gboolean shown = FALSE;

  fresh_case (&a, "badge-comes-back");
  stop_app (&a);
  set_language ("de");
  a = start_app ();
  iterate_until (page_is_plan, a.window, 3000);
  settle (GTK_WIDGET (a.window));
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "plan");
  labels = all (a.window, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    shown |= g_str_equal (gtk_label_get_text (labels->pdata[i]), german);
  g_assert_true (shown);
  g_assert_cmpstr (window_subtitle (&a), ==, german);
  stop_app (&a);
  set_language ("");
}

/* A step that costs something is not ticked until the person confirms. */
static void
test_caution (void)
{
  App a = start_app ();
  g_autoptr(BdCase) before = NULL;
  g_autoptr(BdCase) after = NULL;
  AdwMessageDialog *dialog;

  fresh_case (&a, "read-on-computer-stays");
  act (a.window, "win.open-guide", "reset-network-settings");
  bd_step_row_toggle (step_row (a.window, "tap-reset-network"));
  settle (GTK_WIDGET (a.window));

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Wi-Fi"));
  before = stored_case (&a);
  g_assert_null (bd_case_lookup_step (before, "reset-network-settings", "tap-reset-network", BD_DEVICE_NONE));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    find (GTK_WIDGET (step_row (a.window, "tap-reset-network")), GTK_TYPE_CHECK_BUTTON, 0))));

  respond (dialog, "confirm");
  settle (GTK_WIDGET (a.window));
  after = stored_case (&a);
  g_assert_cmpint (bd_case_lookup_step (after, "reset-network-settings", "tap-reset-network", BD_DEVICE_NONE)->state,
                   ==, BD_STEP_STATE_DONE);
  stop_app (&a);
}

static gboolean
wait_step_done (gpointer data)
{
  App *a = data;
  BdPlan *plan = bd_session_get_plan (bd_window_get_session (a->window));

  return bd_plan_get_step_state (plan, "open-all-threads", "wait-five", BD_DEVICE_NONE) == BD_STEP_STATE_DONE;
}

/* A wait step's countdown runs on while the person looks elsewhere, and
 * ticks the step when it ends. */
static void
test_countdown (void)
{
  App a = start_app ();
  GtkWidget *start_button;

  fresh_case (&a, "badge-one-all-read");
  act (a.window, "win.open-guide", "open-all-threads");
  start_button = find (GTK_WIDGET (step_row (a.window, "wait-five")), GTK_TYPE_BUTTON, 0);
  g_assert_nonnull (start_button);
  g_assert_true (gtk_widget_activate (start_button));
  act (a.window, "win.show-page", "plan");
  g_assert_false (wait_step_done (&a));
  iterate_until (wait_step_done, &a, 8000);
  g_assert_true (wait_step_done (&a));
  stop_app (&a);
}

static gboolean window_gone (gpointer data);

/* Closing the window while a wait runs asks first; the wait's end is
 * kept with the case, so one that ran out while the window was closed is
 * over (and ticked) when the case opens again, not started afresh. */
static void
test_wait_kept (void)
{
  App a = start_app ();
  GtkWidget *start_button;
  AdwMessageDialog *dialog;
  gpointer window = NULL, asked = NULL;

  fresh_case (&a, "badge-one-all-read");
  act (a.window, "win.open-guide", "open-all-threads");
  (void) start_button;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (step_row (a.window, "wait-five")),
                                             "step.countdown-toggle", NULL));
  settle (GTK_WIDGET (a.window));
  g_assert_true (bd_guide_page_is_waiting (BD_GUIDE_PAGE (find (GTK_WIDGET (a.window), BD_TYPE_GUIDE_PAGE, 0))));

  gtk_window_close (GTK_WINDOW (a.window));
  settle (GTK_WIDGET (a.window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "A Wait Is Still Running");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (a.window)));
  window = a.window;
  asked = dialog;
  g_object_add_weak_pointer (window, &window);
  g_object_add_weak_pointer (asked, &asked);
  adw_message_dialog_response (dialog, "close");
  if (asked != NULL)
    gtk_window_destroy (GTK_WINDOW (asked));
  iterate_until (window_gone, &window, 3000);
  g_assert_null (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&a.app);

  /* the five seconds pass while the window is closed */
  g_usleep (6 * G_USEC_PER_SEC);
  a = start_app ();
  iterate_until (wait_step_done, &a, 3000);
  g_assert_true (wait_step_done (&a));
  stop_app (&a);
}

static gboolean
wait_device_done (gpointer data)
{
  App *a = data;
  BdPlan *plan = bd_session_get_plan (bd_window_get_session (a->window));

  return bd_plan_get_step_state (plan, "rebuild-imessage-sync", "wait-30", BD_DEVICE_IPHONE) == BD_STEP_STATE_DONE
      && bd_plan_get_step_state (plan, "rebuild-imessage-sync", "wait-30", BD_DEVICE_MAC) == BD_STEP_STATE_DONE;
}

/* A per-device wait ends as a single one does: ticked, here on every
 * device it is still to do on (the iPad was skipped and stays so). */
static void
test_device_wait (void)
{
  App a = start_app ();
  BdSession *session;
  GtkWidget *start_button;
  GAsyncResult *result = NULL;
  BdPlan *plan;

  fresh_case (&a, "badge-stuck-all-devices");
  session = bd_window_get_session (a.window);
  bd_case_set_other_devices (bd_session_get_case (session), BD_DEVICE_IPAD | BD_DEVICE_MAC);
  g_assert_true (save_details (session, BD_CASE_FIELD_OTHER_DEVICES));
  bd_session_set_step_async (session, "rebuild-imessage-sync", "wait-30", BD_DEVICE_IPAD, BD_STEP_STATE_SKIPPED, keep_result, &result);
  g_assert_true (written (session, &result));
  act (a.window, "win.open-guide", "rebuild-imessage-sync");
  start_button = find (GTK_WIDGET (step_row (a.window, "wait-30")), GTK_TYPE_BUTTON, 0);
  g_assert_true (gtk_widget_activate (start_button));
  iterate_until (wait_device_done, &a, 40000);
  settle (GTK_WIDGET (a.window));
  plan = bd_session_get_plan (session);
  g_assert_cmpint (bd_plan_get_step_state (plan, "rebuild-imessage-sync", "wait-30", BD_DEVICE_IPHONE), ==, BD_STEP_STATE_DONE);
  g_assert_cmpint (bd_plan_get_step_state (plan, "rebuild-imessage-sync", "wait-30", BD_DEVICE_MAC), ==, BD_STEP_STATE_DONE);
  g_assert_cmpint (bd_plan_get_step_state (plan, "rebuild-imessage-sync", "wait-30", BD_DEVICE_IPAD), ==, BD_STEP_STATE_SKIPPED);
  stop_app (&a);
}

/* --- guidance updates ---------------------------------------------------- */

typedef struct
{
  GBytes *pack;
  GBytes *signature;
  GBytes *tampered;
} Served;

static void
on_guidance_request (SoupServer        *server,
                     SoupServerMessage *message,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  Served *served = user_data;
  GBytes *body = g_str_equal (path, "/guidance.json") ? served->pack
               : g_str_equal (path, "/tampered.json") ? served->tampered
               : g_str_has_suffix (path, ".json.minisig") ? served->signature : NULL;

  if (body == NULL)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
window_has_case (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (data);
  BdSession *session;

  if (!BD_IS_WINDOW (window) || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;
  session = bd_window_get_session (BD_WINDOW (window));
  return session != NULL && bd_session_get_case (session) != NULL;
}

static gboolean
check_done (gpointer data)
{
  return !bd_guidance_updates_is_checking (data);
}

static void
check_updates (App *a)
{
  BdGuidanceUpdates *updates = bd_application_get_updates (a->app);

  g_action_group_activate_action (G_ACTION_GROUP (a->app), "check-updates", NULL);
  g_assert_true (bd_guidance_updates_is_checking (updates));
  iterate_until (check_done, updates, 10000);
  g_assert_false (bd_guidance_updates_is_checking (updates));
  settle (GTK_WIDGET (a->window));
}

static const char *
status_line (App *a)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (a->window), BD_TYPE_WINDOW, "status_label");

  return gtk_label_get_text (GTK_LABEL (label));
}

/* Checking from the menu: a bad signature is refused and said so; a good
 * newer pack is shown with what changed, and used at once when asked. */
static void
test_updates (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL, *base = NULL, *good_url = NULL, *bad_url = NULL, *case_id = NULL;
  g_autofree char *envelope = g_build_filename (g_get_user_cache_dir (), "badge-doctor", "guidance",
                                                "guidance.envelope", NULL);
  g_autoptr(GString) text = NULL;
  Served served = { 0 };
  AdwMessageDialog *dialog;
  TestKey key;
  App a;

  test_key_init (&key);
  line = test_key_line (&key);
  {
    g_autoptr(GBytes) newer = test_pack_with_version ("2099.1.1");
    text = g_string_new_len (g_bytes_get_data (newer, NULL), g_bytes_get_size (newer));
    g_assert_cmpuint (g_string_replace (text, "\"Get ready for Apple Support\"",
                                        "\"Get ready for your Apple Support call\"", 1), ==, 1);
  }
  served.pack = g_bytes_new (text->str, text->len);
  served.signature = test_key_sign (&key, served.pack);
  /* changed after signing, still a well-formed pack: an attacker's edit,
   * not a transfer cut short (that is a network failure) */
  g_assert_cmpuint (g_string_replace (text, "your Apple Support call", "your Apple Support calm", 1), ==, 1);
  served.tampered = g_bytes_new (text->str, text->len);
  soup_server_add_handler (server, NULL, on_guidance_request, &served, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  {
    g_autoptr(GSList) uris = soup_server_get_uris (server);
    base = g_uri_to_string (uris->data);
    g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  }
  good_url = g_strconcat (base, "guidance.json", NULL);
  bad_url = g_strconcat (base, "tampered.json", NULL);
  g_settings_set_strv (settings, "trusted-keys", (const char * const[]) { line, NULL });

  g_settings_set_string (settings, "guidance-url", bad_url);
  a = start_app ();
  fresh_case (&a, "badge-one-all-read");
  case_id = g_strdup (bd_case_get_id (bd_session_get_case (bd_window_get_session (a.window))));
  check_updates (&a);
  g_assert_cmpstr (status_line (&a), ==, "Update refused: bad signature — still using 2026.12.1");
  g_assert_false (g_file_test (envelope, G_FILE_TEST_EXISTS));

  g_settings_set_string (settings, "guidance-url", good_url);
  check_updates (&a);
  g_assert_cmpstr (status_line (&a), ==, "Guidance 2099.1.1 downloaded · used from the next start");
  g_assert_true (g_file_test (envelope, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (a.window),
                                                                                     BD_TYPE_WINDOW,
                                                                                     "whats_new_button"))));
  save_png (a.window, "updated-light-960");
  act (a.window, "win.whats-new", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  settle (GTK_WIDGET (dialog));
  save_png (dialog, "whats-new-light");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Changed: Get ready for your Apple Support call"));

  /* used now: the window is made again on it, on the same case */
  g_object_add_weak_pointer (G_OBJECT (a.window), (gpointer *) &a.window);
  respond (dialog, "use");
  iterate_until (window_gone, &a.window, 5000);
  g_assert_null (a.window);
  iterate_until (window_has_case, a.app, 5000);
  a.window = BD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (a.app)));
  g_assert_nonnull (a.window);
  settle (GTK_WIDGET (a.window));
  g_assert_cmpstr (bd_pack_get_version (bd_application_get_pack (a.app)), ==, "2099.1.1");
  g_assert_cmpstr (bd_case_get_id (bd_session_get_case (bd_window_get_session (a.window))), ==, case_id);
  stop_app (&a);

  /* and at the next start, verified again from the cache */
  a = start_app ();
  g_assert_cmpstr (bd_pack_get_version (bd_application_get_pack (a.app)), ==, "2099.1.1");
  g_assert_cmpint (bd_pack_get_source (bd_application_get_pack (a.app)), ==, BD_PACK_SOURCE_CACHE);
  stop_app (&a);

  g_unlink (envelope);
  g_settings_reset (settings, "guidance-url");
  g_settings_reset (settings, "trusted-keys");
  g_bytes_unref (served.pack);
  g_bytes_unref (served.signature);
  g_bytes_unref (served.tampered);
  test_key_clear (&key);
}

/* --- a network monitor the test sets --------------------------------------- */

#define TEST_TYPE_NETWORK (test_network_get_type ())
G_DECLARE_FINAL_TYPE (TestNetwork, test_network, TEST, NETWORK, GObject)

struct _TestNetwork
{
  GObject parent_instance;
  gboolean available;
  gboolean metered;
};

static void test_network_monitor_init (GNetworkMonitorInterface *iface);
static void test_network_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetwork, test_network, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_network_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_network_monitor_init))

static gboolean
test_network_initable (GInitable     *initable,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return TRUE;
}

static void
test_network_initable_init (GInitableIface *iface)
{
  iface->init = test_network_initable;
}

enum { NET_PROP_0, NET_PROP_AVAILABLE, NET_PROP_METERED, NET_PROP_CONNECTIVITY };

static void
test_network_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestNetwork *self = TEST_NETWORK (object);

  if (prop_id == NET_PROP_AVAILABLE)
    g_value_set_boolean (value, self->available);
  else if (prop_id == NET_PROP_METERED)
    g_value_set_boolean (value, self->metered);
  else
    g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
}

static gboolean
test_network_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return TEST_NETWORK (monitor)->available;
}

static void
test_network_monitor_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_network_can_reach;
}

static void
test_network_class_init (TestNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_get_property;
  g_object_class_override_property (object_class, NET_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, NET_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, NET_PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_init (TestNetwork *self)
{
  self->available = TRUE;
}

static void
set_network (TestNetwork *network,
             gboolean     available,
             gboolean     metered)
{
  network->available = available;
  network->metered = metered;
  g_signal_emit_by_name (network, "network-changed", available);
}

/* Automatic checks wait for a network that is there and not metered; the
 * status line says when the person is offline. */
static void
test_updates_network (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TestNetwork) network = g_object_new (TEST_TYPE_NETWORK, NULL);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL, *line = NULL;
  BdGuidanceUpdates *updates;
  Served served = { 0 };
  TestKey key;
  App a;

  test_key_init (&key);
  line = test_key_line (&key);
  served.pack = test_pack_with_version ("2026.12.1");
  served.signature = test_key_sign (&key, served.pack);
  served.tampered = g_bytes_new_static ("", 0);
  g_settings_set_strv (settings, "trusted-keys", (const char * const[]) { line, NULL });
  soup_server_add_handler (server, NULL, on_guidance_request, &served, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  {
    g_autoptr(GSList) uris = soup_server_get_uris (server);
    g_autofree char *base = g_uri_to_string (uris->data);
    url = g_strconcat (base, "guidance.json", NULL);
    g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  }
  g_settings_set_string (settings, "guidance-url", url);
  g_settings_set_boolean (settings, "auto-update", TRUE);
  a = start_app ();
  updates = bd_application_get_updates (a.app);
  bd_guidance_updates_set_network_monitor (updates, G_NETWORK_MONITOR (network));

  set_network (network, FALSE, FALSE);
  settle (GTK_WIDGET (a.window));
  g_assert_cmpstr (status_line (&a), ==, "Offline — using guidance 2026.12.1 (built in)");
  bd_guidance_updates_run_scheduled (updates);
  g_assert_false (bd_guidance_updates_is_checking (updates));

  set_network (network, TRUE, TRUE);
  bd_guidance_updates_run_scheduled (updates);
  g_assert_false (bd_guidance_updates_is_checking (updates));

  /* on a free network the scheduled check runs */
  set_network (network, TRUE, FALSE);
  bd_guidance_updates_run_scheduled (updates);
  g_assert_true (bd_guidance_updates_is_checking (updates));
  iterate_until (check_done, updates, 10000);
  settle (GTK_WIDGET (a.window));
  g_assert_true (g_str_has_prefix (status_line (&a), "Guidance 2026.12.1 · checked just now"));

  /* a network that does not reach the server is offline too, not a
   * failure: a check that gets no connection says so */
  g_settings_set_string (settings, "guidance-url", "http://127.0.0.1:9/guidance.json");
  bd_guidance_updates_check_now (updates);
  iterate_until (check_done, updates, 10000);
  settle (GTK_WIDGET (a.window));
  g_assert_cmpstr (status_line (&a), ==, "Offline — using guidance 2026.12.1 (built in)");

  /* and with auto-update off, it does not */
  g_settings_set_boolean (settings, "auto-update", FALSE);
  bd_guidance_updates_run_scheduled (updates);
  g_assert_false (bd_guidance_updates_is_checking (updates));
  stop_app (&a);

  g_settings_reset (settings, "guidance-url");
  g_settings_reset (settings, "trusted-keys");
  g_bytes_unref (served.pack);
  g_bytes_unref (served.signature);
  g_bytes_unref (served.tampered);
  test_key_clear (&key);
}

/* Guidance that nobody could confirm for 30 days says so. */
static void
test_updates_out_of_date (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "badge-doctor", "guidance", NULL);
  g_autofree char *envelope = g_build_filename (dir, "guidance.envelope", NULL);
  g_autofree char *state = g_build_filename (dir, "state.ini", NULL);
  g_autofree char *line = NULL;
  g_autoptr(GBytes) pack = NULL, signature = NULL;
  g_autoptr(GString) text = NULL;
  TestKey key;
  App a;

  test_key_init (&key);
  line = test_key_line (&key);
  {
    g_autoptr(GBytes) newer = test_pack_with_version ("2099.1.1");
    text = g_string_new_len (g_bytes_get_data (newer, NULL), g_bytes_get_size (newer));
    g_assert_cmpuint (test_json_replace (text, "\"published\": \"2026-12-06T09:00:00Z\"",
                                         "\"published\": \"2026-01-05T09:00:00Z\""), ==, 1);
  }
  pack = g_bytes_new (text->str, text->len);
  signature = test_key_sign (&key, pack);
  g_assert_true (bd_guidance_cache_save (dir, pack, signature, NULL));
  /* no check has ever succeeded */
  g_unlink (state);
  g_settings_set_strv (settings, "trusted-keys", (const char * const[]) { line, NULL });
  a = start_app ();
  g_assert_cmpstr (bd_pack_get_version (bd_application_get_pack (a.app)), ==, "2099.1.1");
  g_assert_cmpstr (status_line (&a), ==, "Guidance 2099.1.1 · may be out of date");
  stop_app (&a);
  g_unlink (envelope);
  g_settings_reset (settings, "trusted-keys");
  test_key_clear (&key);
}

/* --- a notification server on the test's own session bus ---------------- */

typedef struct
{
  guint n_notified;
  char *summary;
  char *body;
} Notified;

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "</interface></node>";

static void
on_notifications_call (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  Notified *notified = user_data;

  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;
      g_variant_get (parameters, "(&su&s&s&sas@a{sv}i)", NULL, NULL, NULL, &summary, &body, NULL, NULL, NULL);
      g_free (notified->summary);
      g_free (notified->body);
      notified->summary = g_strdup (summary);
      notified->body = g_strdup (body);
      notified->n_notified++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notified->n_notified));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as ['body'],)"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean
window_inactive (gpointer data)
{
  return !gtk_window_is_active (data);
}

static gboolean
was_notified (gpointer data)
{
  return ((Notified *) data)->n_notified > 0;
}

/* A countdown that ends while the person is in another window tells them
 * with a desktop notification. */
static void
test_countdown_notifies (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  Notified notified = { 0 };
  guint object_id, name_id;
  GtkWidget *other;
  App a;

  g_assert_nonnull (bus);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                                 &vtable, &notified, NULL, NULL);
  name_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                          NULL, NULL, NULL, NULL);
  a = start_app ();
  fresh_case (&a, "badge-one-all-read");
  act (a.window, "win.open-guide", "open-all-threads");
  g_assert_true (gtk_widget_activate (find (GTK_WIDGET (step_row (a.window, "wait-five")), GTK_TYPE_BUTTON, 0)));

  /* the person goes to another window while it runs */
  other = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (other));
  iterate_until (window_inactive, a.window, 3000);
  g_assert_false (gtk_window_is_active (GTK_WINDOW (a.window)));
  iterate_until (wait_step_done, &a, 8000);
  iterate_until (was_notified, &notified, 3000);
  g_assert_cmpuint (notified.n_notified, ==, 1);
  g_assert_cmpstr (notified.summary, ==, "The wait is over");
  g_assert_nonnull (strstr (notified.body, "Wait"));

  gtk_window_destroy (GTK_WINDOW (other));
  stop_app (&a);
  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_free (notified.summary);
  g_free (notified.body);
}

/* Delete a case, and bring it back with undo. */
static gboolean
sidebar_loaded (gpointer data)
{
  App *a = data;
  GtkWidget *sidebar = find (GTK_WIDGET (a->window), BD_TYPE_CASE_SIDEBAR, 0);

  return sidebar != NULL && !bd_case_sidebar_is_loading (BD_CASE_SIDEBAR (sidebar));
}

/* Whether a toast on show holds @words. */
static gboolean
find_toast_title (App        *a,
                  const char *words)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (GTK_WIDGET (a->window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    for (GtkWidget *w = labels->pdata[i]; w != NULL; w = gtk_widget_get_parent (w))
      if (g_str_equal (G_OBJECT_TYPE_NAME (w), "AdwToastWidget")
          && strstr (gtk_label_get_text (labels->pdata[i]), words) != NULL)
        return TRUE;
  return FALSE;
}

/* The pointer over @widget's middle, or off the window (@widget NULL),
 * through the X server as a mouse moves it. */
static void
point_at (App       *a,
          GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (a->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *x = NULL, *y = NULL;
  const char *argv[] = { "xdotool", "mousemove", "--window", xid, NULL, NULL, NULL };
  int status = 0;

  if (widget != NULL)
    {
      graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                     gtk_widget_get_height (widget) / 2.0);
      graphene_point_t at;
      double dx = 0, dy = 0;

      g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (a->window), &middle, &at));
      gtk_native_get_surface_transform (GTK_NATIVE (a->window), &dx, &dy);
      x = g_strdup_printf ("%d", (int) (at.x + dx));
      y = g_strdup_printf ("%d", (int) (at.y + dy));
    }
  else
    {
      x = g_strdup ("2000");
      y = g_strdup ("2000");
    }
  argv[4] = x;
  argv[5] = y;
  settle (GTK_WIDGET (a->window));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, NULL));
  for (guint i = 0; i < 20; i++)
    {
      settle (GTK_WIDGET (a->window));
      g_usleep (5000);
    }
}

/* The label of the sidebar row at @position. */
static char *
row_label (App  *a,
           guint position)
{
  GtkWidget *sidebar = find (GTK_WIDGET (a->window), BD_TYPE_CASE_SIDEBAR, 0);
  GtkListView *list = GTK_LIST_VIEW (find (sidebar, GTK_TYPE_LIST_VIEW, 0));
  g_autoptr(BdCaseItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);

  return g_strdup (bd_case_item_get_label (item));
}

/* A tick while the pointer rests on the list of cases does not move the
 * rows under it; they sort again once the pointer has left. */
static void
test_sidebar_stays (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  App a;
  BdSession *session;
  GtkWidget *sidebar;
  g_autofree char *first = NULL, *during = NULL, *after = NULL, *ann = NULL;

  g_settings_set_boolean (settings, "help-desk-mode", TRUE);
  a = start_app ();
  fresh_customer_case (&a, "one-app-only", "Ann A.", "T-1");
  ann = g_strdup (bd_case_get_id (bd_session_get_case (bd_window_get_session (a.window))));
  fresh_customer_case (&a, "after-update", "Ben B.", "T-2");
  fresh_customer_case (&a, "badge-comes-back", "Cat C.", "T-3");
  iterate_until (sidebar_loaded, &a, 3000);
  settle (GTK_WIDGET (a.window));
  first = row_label (&a, 0);
  g_assert_cmpstr (first, ==, "Cat C.");
  sidebar = find (GTK_WIDGET (a.window), BD_TYPE_CASE_SIDEBAR, 0);
  session = bd_window_get_session (a.window);

  /* Ann's case ticked while the pointer rests on the list */
  act (a.window, "win.open-case", ann);
  point_at (&a, find (sidebar, GTK_TYPE_LIST_VIEW, 0));
  g_assert_true (set_step (session, "open-affected-app", "open-app", BD_DEVICE_NONE));
  iterate_until (sidebar_loaded, &a, 3000);
  settle (GTK_WIDGET (a.window));
  during = row_label (&a, 0);
  g_assert_cmpstr (during, ==, "Cat C.");

  point_at (&a, NULL);
  iterate_until (sidebar_loaded, &a, 3000);
  settle (GTK_WIDGET (a.window));
  after = row_label (&a, 0);
  g_assert_cmpstr (after, ==, "Ann A.");
  stop_app (&a);
  g_settings_set_boolean (settings, "help-desk-mode", FALSE);
}

/* The label of the sidebar row that is selected, or NULL. */
static char *
selected_label (App *a)
{
  GtkWidget *sidebar = find (GTK_WIDGET (a->window), BD_TYPE_CASE_SIDEBAR, 0);
  GtkListView *list = GTK_LIST_VIEW (find (sidebar, GTK_TYPE_LIST_VIEW, 0));
  GtkSingleSelection *model = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  g_autoptr(BdCaseItem) item = NULL;

  if (gtk_single_selection_get_selected (model) == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (model), gtk_single_selection_get_selected (model));
  return g_strdup (bd_case_item_get_label (item));
}

static const char *
window_subtitle (App *a)
{
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (find (GTK_WIDGET (a->window), ADW_TYPE_WINDOW_TITLE, 0)));
}

/* Ctrl+Delete, then Ctrl+Z, as a help desk does it: the toast names the
 * case deleted, and undo brings back the case, its page and its row,
 * selected, with the title naming it. */
static void
test_delete_undo (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  App a;
  BdSession *session;
  g_autofree char *id = NULL, *selected = NULL;
  GtkWidget *focus;

  g_settings_set_boolean (settings, "help-desk-mode", TRUE);
  a = start_app ();
  fresh_customer_case (&a, "one-app-only", "Ann A.", "T-1");
  fresh_customer_case (&a, "after-update", "Ben B.", "T-2");
  session = bd_window_get_session (a.window);
  id = g_strdup (bd_case_get_id (bd_session_get_case (session)));
  fresh_customer_case (&a, "badge-comes-back", "Cat C.", "T-3");
  /* Ben's case, the middle one, on its plan */
  act (a.window, "win.open-case", id);
  iterate_until (sidebar_loaded, &a, 3000);
  settle (GTK_WIDGET (a.window));
  g_assert_cmpstr (bd_case_get_label (bd_session_get_case (session)), ==, "Ben B.");

  press (&a, "ctrl+Delete");
  g_assert_null (bd_session_get_case (session));
  g_assert_false (is_stored (session, id));
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "matrix");
  g_assert_true (find_toast_title (&a, "Ben B."));
  /* the keyboard is not left on a row under the toast */
  focus = gtk_window_get_focus (GTK_WINDOW (a.window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, find (GTK_WIDGET (a.window), BD_TYPE_MATRIX_PAGE, 0)));

  press (&a, "ctrl+z");
  g_assert_nonnull (bd_session_get_case (session));
  g_assert_cmpstr (bd_case_get_id (bd_session_get_case (session)), ==, id);
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "plan");
  g_assert_nonnull (strstr (window_subtitle (&a), "Ben B."));
  iterate_until (sidebar_loaded, &a, 3000);
  settle (GTK_WIDGET (a.window));
  selected = selected_label (&a);
  g_assert_cmpstr (selected, ==, "Ben B.");
  stop_app (&a);
  g_settings_set_boolean (settings, "help-desk-mode", FALSE);
}

/* --- the store shared with other processes ------------------------------ */

static gboolean
step_done_in_window (gpointer data)
{
  BdPlan *plan = bd_session_get_plan (bd_window_get_session (data));

  return plan != NULL && bd_plan_get_step_state (plan, "open-all-threads", "pull-down-search", BD_DEVICE_NONE)
                         == BD_STEP_STATE_DONE;
}

/* The window holds the store while the CLI reads and writes it: ticks
 * made in the window after that are on disk (seen by another process and
 * after a restart), and the CLI's tick shows in the window by itself. */
static void
test_other_processes (void)
{
  App a = start_app ();
  g_autofree char *id = NULL, *listed = NULL, *steps = NULL;
  g_autoptr(BdCase) stored = NULL;
  int status;

  fresh_case (&a, "badge-one-all-read");
  id = g_strdup (bd_case_get_id (bd_session_get_case (bd_window_get_session (a.window))));
  act (a.window, "win.open-guide", "open-all-threads");
  bd_step_row_toggle (step_row (a.window, "open-messages"));
  settle (GTK_WIDGET (a.window));

  listed = test_store_run_cli (&status, "case", "list", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (listed, id));
  g_free (test_store_run_cli (&status, "case", "step", id, "open-all-threads", "pull-down-search", "done", NULL));
  g_assert_cmpint (status, ==, 0);

  bd_step_row_toggle (step_row (a.window, "type-one-letter"));
  settle (GTK_WIDGET (a.window));
  {
    g_autofree char *store = g_build_filename (g_get_user_data_dir (), "badge-doctor", "cases.db", NULL);
    g_assert_false (test_store_file_deleted (store));
  }
  steps = test_store_run_cli (&status, "case", "steps", id, NULL);
  g_assert_nonnull (strstr (steps, "open-all-threads\topen-messages\t-\tdone"));
  g_assert_nonnull (strstr (steps, "open-all-threads\tpull-down-search\t-\tdone"));
  g_assert_nonnull (strstr (steps, "open-all-threads\ttype-one-letter\t-\tdone"));
  /* the CLI's tick shows without a click */
  iterate_until (step_done_in_window, a.window, 10000);
  g_assert_true (step_done_in_window (a.window));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    find (GTK_WIDGET (step_row (a.window, "pull-down-search")), GTK_TYPE_CHECK_BUTTON, 0))));

  stop_app (&a);
  a = start_app ();
  iterate_until (page_is_guide, a.window, 5000);
  stored = stored_case (&a);
  g_assert_cmpstr (bd_case_get_id (stored), ==, id);
  g_assert_cmpint (bd_case_lookup_step (stored, "open-all-threads", "type-one-letter", BD_DEVICE_NONE)->state,
                   ==, BD_STEP_STATE_DONE);
  stop_app (&a);
}

static gboolean
row_says (BdStepRow  *row,
          const char *words)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (gtk_label_get_text (labels->pdata[i]), words))
      return TRUE;
  return FALSE;
}

static gboolean
window_idle (gpointer data)
{
  return !bd_window_is_busy (data);
}

/* Another process holds the write lock past the busy timeout: the window
 * never freezes, the row says it is saving, then that it was not saved,
 * and the box is never shown ticked; once the lock is gone the tick goes
 * through. */
static void
test_store_busy (void)
{
  App a = start_app ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "badge-doctor", "cases.db", NULL);
  GtkCheckButton *check;
  sqlite3 *db = NULL;
  BdStepRow *row;
  gint64 start;

  fresh_case (&a, "badge-one-all-read");
  act (a.window, "win.open-guide", "open-all-threads");
  row = step_row (a.window, "open-messages");
  check = GTK_CHECK_BUTTON (find (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON, 0));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  bd_step_row_toggle (row);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 100 * 1000);
  g_assert_true (row_says (row, "Saving…"));
  g_assert_false (gtk_check_button_get_active (check));
  iterate_until (window_idle, a.window, 15000);
  g_assert_false (bd_window_is_busy (a.window));
  g_assert_true (row_says (row, "Not saved"));
  g_assert_false (gtk_check_button_get_active (check));
  settle (GTK_WIDGET (a.window));
  save_png (a.window, "store-busy-not-saved");

  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  bd_step_row_toggle (row);
  settle (GTK_WIDGET (a.window));
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_false (row_says (row, "Not saved"));
  stop_app (&a);
}

/* At start the window goes back to the last case, but not over what the
 * person did first: asking for the matrix at once keeps the matrix. */
static void
test_restore_yields (void)
{
  App a = start_app ();

  fresh_case (&a, "badge-one-all-read");
  act (a.window, "win.open-guide", "open-all-threads");
  stop_app (&a);

  a = start_app_unsettled ();
  act (a.window, "win.show-page", "matrix");
  settle (GTK_WIDGET (a.window));
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "matrix");
  g_assert_null (bd_session_get_case (bd_window_get_session (a.window)));
  stop_app (&a);

  /* left alone, it does go back there */
  a = start_app ();
  iterate_until (page_is_guide, a.window, 5000);
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "guide");
  stop_app (&a);
}

/* Ctrl+? shows every shortcut, built on first use. */
static void
test_shortcuts (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  App a;
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean found = FALSE;
  gboolean shown = FALSE;

  g_settings_set_boolean (settings, "help-desk-mode", TRUE);
  a = start_app ();
  /* in help-desk mode the list of cases is shown, and Show Cases says so */
  g_object_get (a.window, "cases-shown", &shown, NULL);
  g_assert_true (shown);
  press (&a, "F9");
  g_object_get (a.window, "cases-shown", &shown, NULL);
  g_assert_false (shown);
  g_assert_null (find (GTK_WIDGET (a.window), BD_TYPE_CASE_SIDEBAR, 0));
  press (&a, "F9");
  g_object_get (a.window, "cases-shown", &shown, NULL);
  g_assert_true (shown);

  press (&a, "ctrl+question");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (GTK_IS_SHORTCUTS_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();

          gtk_widget_set_size_request (GTK_WIDGET (window), 800, 600);
          settle (GTK_WIDGET (window));
          /* every entry shows its keys */
          collect (GTK_WIDGET (window), GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
          for (guint j = 0; j < shortcuts->len; j++)
            {
              g_autofree char *title = NULL, *accelerator = NULL;
              g_object_get (shortcuts->pdata[j], "title", &title, "accelerator", &accelerator, NULL);
              if (accelerator == NULL || *accelerator == '\0')
                g_error ("the shortcut “%s” shows no keys", title);
            }
          g_assert_cmpuint (shortcuts->len, >, 5);
          found = TRUE;
          gtk_window_close (GTK_WINDOW (window));
        }
    }
  g_assert_true (found);
  stop_app (&a);
  g_settings_set_boolean (settings, "help-desk-mode", FALSE);
}

/* Search as you type filters the list of cases. */
static void
test_search (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  App a;
  GtkListView *list;
  GtkEditable *search;
  GListModel *model;

  g_settings_set_boolean (settings, "help-desk-mode", TRUE);
  a = start_app ();
  fresh_customer_case (&a, "one-app-only", "Priya K.", "T-2001");
  fresh_customer_case (&a, "after-update", "Tom B.", "T-2002");

  /* the sidebar's list, not the one inside a combo row of the page */
  list = GTK_LIST_VIEW (find (find (GTK_WIDGET (a.window), BD_TYPE_CASE_SIDEBAR, 0), GTK_TYPE_LIST_VIEW, 0));
  g_assert_nonnull (list);
  model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  /* the case just started is on top, selected, read from the store */
  {
    g_autoptr(BdCaseItem) top = g_list_model_get_item (model, 0);
    g_assert_true (bd_case_item_is_loaded (top));
    g_assert_cmpstr (bd_case_item_get_label (top), ==, "Tom B.");
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, 0);
  }
  act (a.window, "win.search", NULL);
  search = GTK_EDITABLE (find (GTK_WIDGET (a.window), GTK_TYPE_SEARCH_ENTRY, 0));
  gtk_editable_set_text (search, "priya");
  g_signal_emit_by_name (search, "search-changed");
  settle (GTK_WIDGET (a.window));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  /* Priya's case is not the open one: nothing is selected */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, GTK_INVALID_LIST_POSITION);
  /* the row is read out by what it shows: label, symptom, ticket, status */
  {
    GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
    g_autofree char *name = NULL;

    g_assert_nonnull (row);
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL));
    /* checked against nothing, it gives back what it holds */
    name = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, "");
    g_assert_nonnull (name);
    g_assert_true (g_str_has_prefix (name, "Priya K., "));
    g_assert_nonnull (strstr (name, "T-2001 · Open"));
  }
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  settle (GTK_WIDGET (a.window));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  /* every case back, and the open one selected again */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, 0);
  stop_app (&a);
  g_settings_reset (settings, "help-desk-mode");
}

/* --- every page, light and dark, wide and narrow ---------------------- */

static void
shoot_all (App        *a,
           const char *style,
           int         width)
{
  static const char * const views[][2] = {
    { "win.show-page", "matrix" },
    { "win.show-page", "plan" },
    { "win.open-guide", "rebuild-imessage-sync" },
    { "win.show-page", "resets" },
    { "win.open-checklist", "five-minute" },
    { "win.open-checklist", "walkthrough" },
    { "win.show-page", "explanations" },
    { "win.show-page", "details" },
  };

  gtk_window_set_default_size (GTK_WINDOW (a->window), width, 720);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = NULL;
      act (a->window, views[i][0], views[i][1]);
      settle (GTK_WIDGET (a->window));
      name = g_strdup_printf ("%s-%s-%d", bd_window_get_page (a->window), style, width);
      /* every page fits a phone-width window, in every language */
      if (width <= 360)
        {
          int minimum = 0;
          gtk_widget_measure (gtk_window_get_child (GTK_WINDOW (a->window)), GTK_ORIENTATION_HORIZONTAL, -1,
                              &minimum, NULL, NULL, NULL);
          if (minimum > width)
            g_error ("%s needs %d px, more than %d", name, minimum, width);
        }
      if (g_str_equal (views[i][1], "walkthrough"))
        g_free (name), name = g_strdup_printf ("walkthrough-%s-%d", style, width);
      save_png (a->window, name);
    }
}

static void
test_screenshots (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  App a;
  BdSession *session;

  g_settings_set_boolean (settings, "help-desk-mode", TRUE);
  a = start_app ();
  fresh_customer_case (&a, "badge-stuck-all-devices", "Jane R.", "T-1043");
  session = bd_window_get_session (a.window);
  bd_case_set_other_devices (bd_session_get_case (session), BD_DEVICE_IPAD | BD_DEVICE_MAC);
  g_assert_true (save_details (session, BD_CASE_FIELD_OTHER_DEVICES));
  g_assert_true (set_step (session, "rebuild-imessage-sync", "open-messages-settings", BD_DEVICE_IPHONE));
  g_assert_true (set_step (session, "refresh-messages-in-icloud", "open-account", BD_DEVICE_NONE));

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      shoot_all (&a, dark ? "dark" : "light", 1100);
      shoot_all (&a, dark ? "dark" : "light", 360);
    }
  /* the page after "Yes, it cleared" */
  g_assert_true (answer_cleared (session, "refresh-messages-in-icloud"));
  act (a.window, "win.show-page", "resolved");
  g_assert_cmpstr (bd_window_get_page (a.window), ==, "resolved");
  for (guint dark = 0; dark < 2; dark++)
    for (guint narrow = 0; narrow < 2; narrow++)
      {
        g_autofree char *name = g_strdup_printf ("resolved-%s-%d", dark ? "dark" : "light", narrow ? 360 : 1100);
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (GTK_WINDOW (a.window), narrow ? 360 : 1100, 720);
        settle (GTK_WIDGET (a.window));
        save_png (a.window, name);
      }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  stop_app (&a);
  g_settings_reset (settings, "help-desk-mode");
}

/* glibc keeps translations it has looked up: a program that changes
 * LANGUAGE while it runs bumps this counter to start afresh. */
extern int _nl_msg_cat_cntr;

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

/* Every page in German, Spanish and French, wide and at 360 px: the
 * interface and the guidance in the person's language. */
static void
test_screenshots_languages (void)
{
  static const struct { const char *language; const char *status; const char *matrix_words; } languages[] = {
    { "de", "Leitfaden 2026.12.1 · integriert", "Kennzeichen" },
    { "es", "Instrucciones 2026.12.1 · integradas", "globo" },
    { "fr", "Conseils 2026.12.1 · intégrés", "pastille" },
  };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "help-desk-mode", TRUE);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *style = g_strdup_printf ("%s-light", languages[i].language);
      g_autoptr(GPtrArray) rows = NULL;
      gboolean found = FALSE;
      App a;

      set_language (languages[i].language);
      a = start_app ();
      g_assert_cmpstr (status_line (&a), ==, languages[i].status);
      act (a.window, "win.show-page", "matrix");
      rows = all (a.window, ADW_TYPE_ACTION_ROW);
      for (guint r = 0; r < rows->len; r++)
        found |= strstr (adw_preferences_row_get_title (rows->pdata[r]), languages[i].matrix_words) != NULL;
      g_assert_true (found);
      fresh_customer_case (&a, "badge-stuck-all-devices", "Jane R.", "T-1043");
      shoot_all (&a, style, 1100);
      shoot_all (&a, style, 360);
      stop_app (&a);
    }
  set_language ("");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_settings_reset (settings, "help-desk-mode");
}

int
main (int    argc,
      char **argv)
{
  test_window_init (&argc, &argv);

  g_test_add_func ("/window/journey", test_journey);
  g_test_add_func ("/window/ios-words", test_ios_words);
  g_test_add_func ("/window/back-key", test_back_key);
  g_test_add_func ("/window/symptom-language", test_symptom_language);
  g_test_add_func ("/window/label-limit", test_label_limit);
  g_test_add_func ("/window/sidebar-stays", test_sidebar_stays);
  g_test_add_func ("/window/caution", test_caution);
  g_test_add_func ("/window/countdown", test_countdown);
  g_test_add_func ("/window/countdown-notifies", test_countdown_notifies);
  g_test_add_func ("/window/device-wait", test_device_wait);
  g_test_add_func ("/window/wait-kept", test_wait_kept);
  g_test_add_func ("/window/delete-undo", test_delete_undo);
  g_test_add_func ("/window/other-processes", test_other_processes);
  g_test_add_func ("/window/store-busy", test_store_busy);
  g_test_add_func ("/window/restore-yields", test_restore_yields);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/shortcuts", test_shortcuts);
  g_test_add_func ("/window/report", test_report);
  g_test_add_func ("/window/updates", test_updates);
  g_test_add_func ("/window/updates-network", test_updates_network);
  g_test_add_func ("/window/updates-out-of-date", test_updates_out_of_date);
  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/screenshots-languages", test_screenshots_languages);
  return g_test_run ();
}
