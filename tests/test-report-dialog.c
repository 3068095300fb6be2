/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-dialog"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "bd-application.h"
#include "bd-report-dialog.h"
#include "bd-window.h"
#include "test-window-util.h"

/*
 * The report dialog in a real display: the preview shows the PDF's own
 * pages with page navigation, or wrapped text; the details a support
 * visit starts with are asked for and saved into the case. The preview
 * is saved as PNG files (PDF, wide and 360 px, light and dark) under
 * tests/screenshots in the build folder, for a person to look at.
 */

/* --- from tests/test-window.c ----------------------------------------- */









static void
fresh_case (App        *a,
            const char *symptom)
{
  act (a->window, "win.new-case", NULL);
  act (a->window, "win.choose-symptom", symptom);
  g_assert_cmpstr (bd_window_get_page (a->window), ==, "plan");
}

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


/* --- helpers of this test ---------------------------------------------- */

static gboolean
window_idle (gpointer data)
{
  return !bd_window_is_busy (data);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_report_dialog () == NULL;
}

/* Waits for the preview, counting the longest turn of the main loop. */
static gint64
wait_for_preview (BdReportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gint64 longest = 0;

  while (!bd_report_dialog_is_preview_ready (dialog) && g_get_monotonic_time () < deadline)
    {
      gint64 start = g_get_monotonic_time ();

      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, g_get_monotonic_time () - start);
      g_usleep (500);
    }
  g_assert_true (bd_report_dialog_is_preview_ready (dialog));
  settle (GTK_WIDGET (dialog));
  return longest;
}

static BdReportDialog *
open_dialog (App *a)
{
  BdReportDialog *dialog;

  act (a->window, "win.export-report", NULL);
  dialog = find_report_dialog ();
  g_assert_nonnull (dialog);
  wait_for_preview (dialog);
  return dialog;
}

static void
close_dialog (BdReportDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_until (dialog_gone, NULL, 5000);
}

/* Notes of many lines, so the report runs over two pages or more. */
static void
long_notes (BdSession *session)
{
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint i = 1; i <= 70; i++)
    g_string_append_printf (notes, "Line %u of what the customer said about the badge.\n", i);
  bd_case_set_notes (bd_session_get_case (session), notes->str);
  bd_case_set_model (bd_session_get_case (session), "iPhone 13 mini");
  bd_case_set_ios (bd_session_get_case (session), "17.4");
  g_assert_true (save_details (session, BD_CASE_FIELD_NOTES | BD_CASE_FIELD_MODEL | BD_CASE_FIELD_IOS));
}

static guint
pdf_n_pages (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  const char *argv[] = { pdfinfo, path, NULL };
  const char *pages;

  g_assert_nonnull (pdfinfo);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, NULL, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* Scrolls the dialog's page so the preview is at the top. */
static void
scroll_to_preview (BdReportDialog *dialog)
{
  GtkWidget *group = dialog_child (dialog, "preview_group");
  GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t at;

  settle (GTK_WIDGET (dialog));
  g_assert_true (gtk_widget_compute_point (group, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  /* the whole page and its navigation where they fit, else the page's top */
  gtk_adjustment_set_value (adjustment, MIN (at.y - 12, gtk_adjustment_get_upper (adjustment) -
                                                        gtk_adjustment_get_page_size (adjustment)));
  settle (GTK_WIDGET (dialog));
}

static void
screenshot (BdReportDialog *dialog,
            int             width,
            gboolean        dark,
            const char     *name)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (dialog), width, 1000);
  settle (GTK_WIDGET (dialog));
  scroll_to_preview (dialog);
  save_png (dialog, name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* --- the tests --------------------------------------------------------- */

/* Issue 14, point 9: a PDF is previewed as its own pages, one at a time,
 * with page navigation; text wraps instead of running off to the right. */
static void
test_pdf_pages (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  App a = start_app ();
  BdReportDialog *dialog;
  GdkPaintable *page;
  g_autoptr(GdkPaintable) first_page = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bd-report-dialog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *first = NULL, *last = NULL;
  GtkWidget *text_view;
  guint n_pages;
  gint64 longest;

  g_settings_set_string (settings, "report-format", "pdf");
  g_settings_set_string (settings, "paper-size", "a4");
  fresh_case (&a, "badge-one-all-read");
  long_notes (bd_window_get_session (a.window));
  dialog = open_dialog (&a);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog_child (dialog, "preview_stack")), ==, "pages");
  page = gtk_picture_get_paintable (dialog_child (dialog, "page_picture"));
  g_assert_nonnull (page);
  first_page = g_object_ref (page);
  /* an A4 page, not a text box */
  g_assert_cmpfloat_with_epsilon (gdk_paintable_get_intrinsic_aspect_ratio (page), 595.276 / 841.89, 0.01);
  first = g_strdup (gtk_label_get_text (dialog_child (dialog, "page_label")));
  g_assert_true (g_str_has_prefix (first, "Page 1 of "));
  n_pages = (guint) g_ascii_strtoull (first + strlen ("Page 1 of "), NULL, 10);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "previous_button")));
  g_assert_true (gtk_widget_is_sensitive (dialog_child (dialog, "next_button")));

  screenshot (dialog, 760, FALSE, "report-dialog-pdf-light");
  screenshot (dialog, 760, TRUE, "report-dialog-pdf-dark");
  screenshot (dialog, 360, FALSE, "report-dialog-pdf-360-light");
  screenshot (dialog, 360, TRUE, "report-dialog-pdf-360-dark");
  /* at 360 px the page fits the dialog */
  g_assert_cmpint (gtk_widget_get_width (dialog_child (dialog, "page_frame")), <=,
                   gtk_widget_get_width (GTK_WIDGET (dialog)));

  /* to the last page and back, drawn anew each time */
  for (guint i = 1; i < n_pages; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "report.next-page", NULL));
      wait_for_preview (dialog);
    }
  last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "page_label")), ==, last);
  g_assert_true (gtk_picture_get_paintable (dialog_child (dialog, "page_picture")) != first_page);
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "next_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "report.previous-page", NULL));
  wait_for_preview (dialog);
  g_assert_true (gtk_widget_is_sensitive (dialog_child (dialog, "next_button")));

  /* Letter: drawn again, on Letter's shape */
  adw_combo_row_set_selected (dialog_child (dialog, "paper_row"), 1);
  wait_for_preview (dialog);
  page = gtk_picture_get_paintable (dialog_child (dialog, "page_picture"));
  g_assert_cmpfloat_with_epsilon (gdk_paintable_get_intrinsic_aspect_ratio (page), 612.0 / 792.0, 0.01);
  adw_combo_row_set_selected (dialog_child (dialog, "paper_row"), 0);
  wait_for_preview (dialog);

  /* plain text wraps within the dialog at 360 px; drawn off the main loop */
  adw_combo_row_set_selected (dialog_child (dialog, "format_row"), BD_REPORT_FORMAT_TEXT);
  longest = wait_for_preview (dialog);
  g_test_message ("longest main-loop turn while the text preview was made: %" G_GINT64_FORMAT " µs", longest);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog_child (dialog, "preview_stack")), ==, "text");
  text_view = dialog_child (dialog, "preview_view");
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (text_view)), !=, GTK_WRAP_NONE);
  g_assert_cmpint (gtk_widget_get_width (text_view), <=, gtk_widget_get_width (GTK_WIDGET (dialog)));
  adw_combo_row_set_selected (dialog_child (dialog, "format_row"), BD_REPORT_FORMAT_PDF);
  longest = wait_for_preview (dialog);
  g_test_message ("longest main-loop turn while the page was drawn: %" G_GINT64_FORMAT " µs", longest);

  /* the preview counted the pages the PDF has */
  bd_report_dialog_export_to (dialog, file);
  iterate_until (dialog_gone, NULL, 10000);
  g_assert_null (find_report_dialog ());
  g_assert_cmpuint (pdf_n_pages (path), ==, n_pages);

  stop_app (&a);
  g_settings_reset (settings, "report-format");
  g_settings_reset (settings, "paper-size");
}

/* Issue 14, point 10: a case without the iPhone model or iOS version is
 * asked for them, with where to find them; what is typed is saved into
 * the case and shows in the report; leaving them empty still exports. */
static void
test_missing_details (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  App a = start_app ();
  BdReportDialog *dialog;
  g_autoptr(BdCase) stored = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bd-report-dialog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *description;

  g_settings_set_string (settings, "report-format", "txt");
  fresh_case (&a, "badge-one-all-read");
  dialog = open_dialog (&a);
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "details_group")));
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "model_entry")));
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "ios_entry")));
  description = adw_preferences_group_get_description (dialog_child (dialog, "details_group"));
  g_assert_nonnull (strstr (description, "Settings > General > About"));
  g_assert_nonnull (strstr (description, "Model Name"));
  g_assert_nonnull (strstr (description, "iOS Version"));
  settle (GTK_WIDGET (dialog));
  save_png (dialog, "report-dialog-details");

  /* a version the case format refuses is marked, not saved */
  gtk_editable_set_text (dialog_child (dialog, "ios_entry"), "seventeen");
  g_assert_true (gtk_widget_has_css_class (dialog_child (dialog, "ios_entry"), "error"));
  gtk_editable_set_text (dialog_child (dialog, "ios_entry"), "17.4");
  gtk_editable_set_text (dialog_child (dialog, "model_entry"), "iPhone 12");
  g_assert_false (gtk_widget_has_css_class (dialog_child (dialog, "ios_entry"), "error"));
  wait_for_preview (dialog);
  iterate_until (window_idle, a.window, 5000);
  stored = stored_case (&a);
  g_assert_cmpstr (bd_case_get_ios (stored), ==, "17.4");
  g_assert_cmpstr (bd_case_get_model (stored), ==, "iPhone 12");
  preview = bd_report_dialog_dup_preview (dialog);
  g_assert_nonnull (strstr (preview, "17.4"));
  g_assert_nonnull (strstr (preview, "iPhone 12"));
  close_dialog (dialog);

  /* asked no more once the case has them */
  dialog = open_dialog (&a);
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "details_group")));
  close_dialog (dialog);

  /* skippable: a new case exports with both left empty */
  fresh_case (&a, "badge-one-all-read");
  dialog = open_dialog (&a);
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "details_group")));
  bd_report_dialog_export_to (dialog, file);
  iterate_until (dialog_gone, NULL, 5000);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  stop_app (&a);
  g_settings_reset (settings, "report-format");
}

int
main (int    argc,
      char **argv)
{
  test_window_init (&argc, &argv);

  g_test_add_func ("/report-dialog/pdf-pages", test_pdf_pages);
  g_test_add_func ("/report-dialog/missing-details", test_missing_details);
  return g_test_run ();
}
