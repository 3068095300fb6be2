/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-report-dialog"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-report-dialog.h"
#include "bd-report-print.h"
#include "bd-window.h"

/*
 * Export Report… and Print…: the person chooses the format and what
 * leaves (fields, redaction), sees exactly what the report will say (for a
 * PDF its real pages, drawn by the PDF's code), then saves or prints it.
 * When the case lacks the iPhone model or iOS version the dialog asks for
 * them first and saves them into the case. Rendering, of the preview as of
 * the file, and writing run on a worker thread; a failed save says why and
 * leaves any file that was there as it was.
 */

/* The preview page is drawn this many pixels wide per pixel of screen:
 * the width of the widest dialog, shrunk to fit narrower ones. */
#define PAGE_PIXELS 720
/* How wide the page is shown, at most and at least, in the dialog's units. */
#define PAGE_WIDTH 560
#define PAGE_MIN_WIDTH 160

struct _BdReportDialog
{
  AdwWindow parent_instance;

  BdPack *pack;
  BdCase *kase;
  BdReport *report;
  GSettings *settings;
  GPtrArray *field_switches;
  GPtrArray *languages; /* codes of the "Titles also in" row; 0 is none */
  GCancellable *cancellable;
  GtkFileChooserNative *chooser;
  char *saved_path;
  gboolean busy;
  BdSession *session;          /* nullable: where asked-for details are saved */
  GCancellable *preview_cancellable;
  gboolean preview_pending;
  guint page;                  /* the page shown, from 0 */
  guint n_pages;

  AdwToastOverlay *toast_overlay;
  GtkWidget *export_button;
  GtkWidget *print_button;
  GtkWidget *spinner;
  AdwComboRow *format_row;
  AdwComboRow *paper_row;
  AdwComboRow *second_row;
  GtkSwitch *redact_switch;
  AdwExpanderRow *fields_row;
  GtkLabel *redactions_label;
  GtkTextView *preview_view;
  AdwPreferencesGroup *details_group;
  AdwEntryRow *model_entry;
  AdwEntryRow *ios_entry;
  GtkStack *preview_stack;
  GtkPicture *page_picture;
  GtkLabel *page_label;
};

G_DEFINE_FINAL_TYPE (BdReportDialog, bd_report_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* --- the choices ------------------------------------------------------- */

static BdReportField
chosen_fields (BdReportDialog *self)
{
  BdReportField fields = BD_REPORT_FIELD_ALL;

  for (guint i = 0; i < self->field_switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->field_switches, i);
      if (!gtk_switch_get_active (toggle))
        fields &= ~GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "bd-field"));
    }
  return fields;
}

static BdReportFormat
chosen_format (BdReportDialog *self)
{
  return (BdReportFormat) adw_combo_row_get_selected (self->format_row);
}

static BdReportPaper
chosen_paper (BdReportDialog *self)
{
  return adw_combo_row_get_selected (self->paper_row) == 1 ? BD_REPORT_PAPER_LETTER : BD_REPORT_PAPER_A4;
}

/* Position 0 is "none"; the others are language codes of the pack. */
static const char *
chosen_second_language (BdReportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->second_row);

  if (selected == 0 || selected >= self->languages->len)
    return NULL;
  return g_ptr_array_index (self->languages, selected);
}

static void show_problem (BdReportDialog *self,
                          const char     *prefix,
                          const GError   *error);

/* --- the preview ------------------------------------------------------- */

/* Marks every placeholder, so the person sees what was hidden where. */
static void
mark_placeholders (BdReportDialog *self,
                   GtkTextBuffer  *buffer)
{
  GPtrArray *found = bd_report_get_redactions (self->report);

  for (guint i = 0; i < found->len; i++)
    {
      const BdRedaction *redaction = g_ptr_array_index (found, i);
      GtkTextIter at, match_start, match_end;

      gtk_text_buffer_get_start_iter (buffer, &at);
      while (gtk_text_iter_forward_search (&at, redaction->placeholder, GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &match_start, &match_end, NULL))
        {
          gtk_text_buffer_apply_tag_by_name (buffer, "placeholder", &match_start, &match_end);
          at = match_end;
        }
    }
}

static void
show_redactions (BdReportDialog *self)
{
  g_autofree char *summary = bd_report_dup_redaction_summary (self->report);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->redactions_label), summary != NULL);
  if (summary == NULL)
    return;
  g_strchomp (summary);
  text = g_strdup_printf ("%s\n%s", _("Hidden in this report:"), summary);
  gtk_label_set_text (self->redactions_label, text);
}

/* The PDF's page as a texture: cairo's ARGB32 is GDK's default layout. */
static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) height * stride);

  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height, GDK_MEMORY_DEFAULT,
                                 bytes, stride);
}

/* The page is as tall as its width makes it, however little room the
 * dialog has: a GtkPicture that may shrink would be squeezed to the
 * height left in the scrolled page, and a picture that may not would
 * keep the dialog from narrowing to a phone's width. */
static GtkSizeRequestMode
page_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
page_measure (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  GdkPaintable *page = gtk_picture_get_paintable (GTK_PICTURE (gtk_widget_get_first_child (widget)));
  double ratio = page != NULL ? gdk_paintable_get_intrinsic_aspect_ratio (page) : 0;
  int width;

  if (ratio <= 0)
    ratio = 595.276 / 841.89;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PAGE_MIN_WIDTH;
      *natural = for_size < 0 ? PAGE_WIDTH : CLAMP ((int) (for_size * ratio), PAGE_MIN_WIDTH, PAGE_WIDTH);
      return;
    }
  width = for_size < 0 ? PAGE_WIDTH : for_size;
  *minimum = *natural = (int) (width / ratio + 0.5);
}

static void
page_allocate (GtkWidget *widget,
               int        width,
               int        height,
               int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static void
show_page_number (BdReportDialog *self)
{
  /* Translators: under the preview of a report's page */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), self->page + 1, self->n_pages);

  gtk_label_set_text (self->page_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.next-page", self->page + 1 < self->n_pages);
}

static void
on_page_rendered (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BdReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  guint n_pages = 0;

  surface = bd_report_render_page_finish (BD_REPORT (source), result, &n_pages, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->preview_pending = FALSE;
  if (surface == NULL)
    {
      show_problem (self, _("The preview could not be drawn:"), error);
      return;
    }
  texture = texture_for_surface (surface);
  cairo_surface_destroy (surface);
  gtk_picture_set_paintable (self->page_picture, GDK_PAINTABLE (texture));
  self->n_pages = n_pages;
  self->page = MIN (self->page, n_pages - 1);
  show_page_number (self);
}

static void
on_text_rendered (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BdReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bd_report_render_finish (BD_REPORT (source), result, &error);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview_view);
  gsize size;
  const char *text;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->preview_pending = FALSE;
  if (bytes == NULL)
    {
      show_problem (self, _("The preview could not be drawn:"), error);
      return;
    }
  text = g_bytes_get_data (bytes, &size);
  gtk_text_buffer_set_text (buffer, text, (int) size);
  mark_placeholders (self, buffer);
}

/* Draws the preview of the chosen format on a worker thread; a newer
 * choice cancels what is still being drawn for an older one. */
static void
render_preview (BdReportDialog *self)
{
  BdReportFormat format = chosen_format (self);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double paper_width = chosen_paper (self) == BD_REPORT_PAPER_LETTER ? 612.0 : 595.276;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  self->preview_pending = TRUE;
  if (format == BD_REPORT_FORMAT_PDF)
    {
      gtk_stack_set_visible_child_name (self->preview_stack, "pages");
      bd_report_render_page_async (self->report, chosen_paper (self), self->page,
                                   PAGE_PIXELS * MAX (scale, 1) / paper_width, self->preview_cancellable,
                                   on_page_rendered, g_object_ref (self));
      return;
    }
  gtk_stack_set_visible_child_name (self->preview_stack, "text");
  /* HTML is shown as its words, which is what the page says. */
  bd_report_render_async (self->report, format == BD_REPORT_FORMAT_JSON ? format : BD_REPORT_FORMAT_TEXT,
                          chosen_paper (self), self->preview_cancellable, on_text_rendered,
                          g_object_ref (self));
}

static void
update_preview (BdReportDialog *self)
{
  BdReportOptions options = { 0 };

  options.fields = chosen_fields (self);
  options.redact = gtk_switch_get_active (self->redact_switch);
  options.second_language = chosen_second_language (self);
  g_clear_object (&self->report);
  self->report = bd_report_new (self->pack, self->kase, &options);
  show_redactions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->paper_row), chosen_format (self) == BD_REPORT_FORMAT_PDF);
  render_preview (self);
}

static void
turn_page (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BdReportDialog *self = BD_REPORT_DIALOG (widget);

  if (g_str_equal (action_name, "report.next-page") && self->page + 1 < self->n_pages)
    self->page++;
  else if (g_str_equal (action_name, "report.previous-page") && self->page > 0)
    self->page--;
  else
    return;
  show_page_number (self);
  render_preview (self);
}

/* --- what the report needs and the case lacks --------------------------- */

static void
on_details_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BdReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bd_session_write_finish (BD_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_problem (self, _("Your change could not be saved:"), error);
}

/* Saved into the case as typed, like the case page does: a store visit
 * then starts with the model and version, and so does the next report. */
static void
on_detail_changed (BdReportDialog *self,
                   AdwEntryRow    *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean is_ios = row == self->ios_entry;

  if (self->kase == NULL || self->session == NULL)
    return;
  if (!bd_case_check_detail (is_ios ? BD_CASE_FIELD_IOS : BD_CASE_FIELD_MODEL, text, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (is_ios)
    bd_case_set_ios (self->kase, text);
  else
    bd_case_set_model (self->kase, text);
  bd_session_set_details_async (self->session, is_ios ? BD_CASE_FIELD_IOS : BD_CASE_FIELD_MODEL,
                                on_details_saved, g_object_ref (self));
  update_preview (self);
}

static gboolean
is_empty (const char *value)
{
  return value == NULL || *value == '\0';
}

/* Asks only for what is missing when the dialog opens; a row does not
 * vanish under the person's typing once they fill it in. */
static void
ask_for_missing (BdReportDialog *self,
                 GtkWindow      *parent)
{
  gboolean no_model = is_empty (bd_case_get_model (self->kase));
  gboolean no_ios = is_empty (bd_case_get_ios (self->kase));

  if (BD_IS_WINDOW (parent))
    self->session = g_object_ref (bd_window_get_session (BD_WINDOW (parent)));
  if (self->session == NULL || bd_session_get_case (self->session) != self->kase)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->model_entry), no_model);
  gtk_widget_set_visible (GTK_WIDGET (self->ios_entry), no_ios);
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), no_model || no_ios);
}

/* The next report starts from the file type, paper and redaction the
 * person chose last; what each case leaves out is chosen per case. */
static void
remember_choices (BdReportDialog *self)
{
  guint paper = adw_combo_row_get_selected (self->paper_row);
  BdReportPaper locale_paper = bd_report_paper_for_locale ();

  g_settings_set_string (self->settings, "report-format", bd_report_format_to_extension (chosen_format (self)));
  g_settings_set_boolean (self->settings, "report-redact", gtk_switch_get_active (self->redact_switch));
  if ((paper == 1) == (locale_paper == BD_REPORT_PAPER_LETTER))
    g_settings_set_string (self->settings, "paper-size", "auto");
  else
    g_settings_set_string (self->settings, "paper-size", paper == 1 ? "letter" : "a4");
}

static void
recall_choices (BdReportDialog *self)
{
  g_autofree char *format_name = g_settings_get_string (self->settings, "report-format");
  g_autofree char *paper_name = g_settings_get_string (self->settings, "paper-size");
  BdReportFormat format = BD_REPORT_FORMAT_PDF;
  BdReportPaper paper = bd_report_paper_for_locale ();

  bd_report_format_from_string (format_name, &format);
  bd_report_paper_from_string (paper_name, &paper);
  adw_combo_row_set_selected (self->format_row, format);
  adw_combo_row_set_selected (self->paper_row, paper == BD_REPORT_PAPER_LETTER ? 1 : 0);
  gtk_switch_set_active (self->redact_switch, g_settings_get_boolean (self->settings, "report-redact"));
}

static void
on_choice_changed (BdReportDialog *self)
{
  if (self->kase == NULL)
    return;
  remember_choices (self);
  update_preview (self);
}

/* --- setting up -------------------------------------------------------- */

static void
add_field_row (BdReportDialog *self,
               BdReportField   field,
               const char     *title,
               const char     *value)
{
  GtkWidget *row, *toggle;
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return;
  /* One line of what the field holds, so the person knows what goes. */
  line = g_strndup (value, strcspn (value, "\n"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  toggle = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (toggle), "bd-field", GUINT_TO_POINTER (field));
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (on_choice_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_expander_row_add_row (self->fields_row, row);
  g_ptr_array_add (self->field_switches, toggle);
}

static const char *
switch_value (BdSwitch value)
{
  return value == BD_SWITCH_ON ? C_("setting", "On") : value == BD_SWITCH_OFF ? C_("setting", "Off") : NULL;
}

static void
append_name (GString    *list,
             gboolean    present,
             const char *name)
{
  if (!present || name == NULL || *name == '\0')
    return;
  if (list->len > 0)
    g_string_append (list, ", ");
  g_string_append (list, name);
}

static void
add_field_rows (BdReportDialog *self)
{
  BdCase *kase = self->kase;
  g_autoptr(GString) devices = g_string_new (NULL);
  g_autoptr(GString) apps = g_string_new (NULL);

  append_name (devices, bd_case_get_other_devices (kase) & BD_DEVICE_IPAD, "iPad");
  append_name (devices, bd_case_get_other_devices (kase) & BD_DEVICE_MAC, "Mac");
  append_name (apps, bd_case_get_apps (kase) & BD_APP_MESSAGES, _("Messages"));
  append_name (apps, bd_case_get_apps (kase) & BD_APP_WHATSAPP, "WhatsApp");
  append_name (apps, bd_case_get_apps (kase) & BD_APP_TEAMS, "Microsoft Teams");
  append_name (apps, bd_case_get_apps (kase) & BD_APP_GMAIL, "Gmail");
  append_name (apps, TRUE, bd_case_get_other_apps (kase));
  add_field_row (self, BD_REPORT_FIELD_LABEL, _("Customer label"), bd_case_get_label (kase));
  add_field_row (self, BD_REPORT_FIELD_TICKET, _("Ticket"), bd_case_get_ticket (kase));
  add_field_row (self, BD_REPORT_FIELD_MODEL, _("Model"), bd_case_get_model (kase));
  add_field_row (self, BD_REPORT_FIELD_IOS, _("iOS version"), bd_case_get_ios (kase));
  add_field_row (self, BD_REPORT_FIELD_OTHER_DEVICES, _("Other devices"), devices->str);
  add_field_row (self, BD_REPORT_FIELD_APPS, _("Affected apps"), apps->str);
  add_field_row (self, BD_REPORT_FIELD_LOW_POWER_MODE, _("Low Power Mode"),
                 switch_value (bd_case_get_low_power_mode (kase)));
  add_field_row (self, BD_REPORT_FIELD_MESSAGES_IN_ICLOUD, _("Messages in iCloud"),
                 switch_value (bd_case_get_messages_in_icloud (kase)));
  add_field_row (self, BD_REPORT_FIELD_FOCUS, _("Focus"), bd_case_get_focus (kase));
  add_field_row (self, BD_REPORT_FIELD_NOTES, _("Notes"), bd_case_get_notes (kase));
  gtk_widget_set_visible (GTK_WIDGET (self->fields_row), self->field_switches->len > 0);
}

/* The pack's languages other than the one the report is in. */
static void
add_languages (BdReportDialog *self)
{
  const char * const *have = bd_pack_get_languages (self->pack);
  g_autoptr(BdReport) probe = bd_report_new (self->pack, self->kase, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, C_("second language", "None"));
  g_ptr_array_add (self->languages, NULL);
  for (guint i = 0; have != NULL && have[i] != NULL; i++)
    {
      if (g_str_equal (have[i], bd_report_get_language (probe)))
        continue;
      gtk_string_list_append (names, bd_text_language_name (have[i]));
      g_ptr_array_add (self->languages, g_strdup (have[i]));
    }
  adw_combo_row_set_model (self->second_row, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->second_row), self->languages->len > 1);
}

/* --- export ------------------------------------------------------------ */

static void
set_busy (BdReportDialog *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_visible (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", !busy);
}

static void
show_problem (BdReportDialog *self,
              const char     *prefix,
              const GError   *error)
{
  /* Plain text in a toast title, which is markup on libadwaita 1.2. */
  g_autofree char *message = g_markup_printf_escaped ("%s %s", prefix, error->message);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BdReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bd_report_write_finish (BD_REPORT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_problem (self, _("The report could not be saved:"), error);
      return;
    }
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->saved_path);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * bd_report_dialog_export_to:
 *
 * Saves the report as the person chose it to @file, replacing what is
 * there (the file chooser has asked), on a worker thread. On success the
 * dialog emits ::saved and closes; on failure it says why and stays.
 */
void
bd_report_dialog_export_to (BdReportDialog *self,
                            GFile          *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (BD_IS_REPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Choose a folder on this computer for the report.")));
      return;
    }
  g_free (self->saved_path);
  self->saved_path = g_strdup (path);
  set_busy (self, TRUE);
  bd_report_write_async (self->report, chosen_format (self), chosen_paper (self), path, TRUE,
                         self->cancellable, on_written, g_object_ref (self));
}

static char *
suggested_name (BdReportDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  const char *label = bd_case_get_label (self->kase);
  const char *ext = bd_report_format_to_extension (chosen_format (self));
  char *name;

  if ((chosen_fields (self) & BD_REPORT_FIELD_LABEL) && label != NULL && *label != '\0')
    /* Translators: a file name: the customer label and the date */
    name = g_strdup_printf (_("Badge Doctor report %s %s.%s"), label, date, ext);
  else
    /* Translators: a file name with the date */
    name = g_strdup_printf (_("Badge Doctor report %s.%s"), date, ext);
  return g_strdelimit (name, "/\\", '-');
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     BdReportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    bd_report_dialog_export_to (self, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BdReportDialog *self = BD_REPORT_DIALOG (widget);
  g_autofree char *name = suggested_name (self);

  if (self->busy || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- print ------------------------------------------------------------- */

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               BdReportDialog          *self)
{
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_problem (self, _("The report could not be printed:"), error);
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_signal_emit (self, signals[SIGNAL_SAVED], 0, NULL);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

/**
 * bd_report_dialog_print:
 * @export_path: (nullable): with %GTK_PRINT_OPERATION_ACTION_EXPORT, the
 *   PDF the printout goes to
 *
 * Prints the report as the person chose it, with the drawing code of the
 * PDF, through the print dialog (and its preview).
 */
void
bd_report_dialog_print (BdReportDialog          *self,
                        GtkPrintOperationAction  action,
                        const char              *export_path)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BD_IS_REPORT_DIALOG (self));

  operation = bd_report_print_operation_new (self->report);
  paper = gtk_paper_size_new (chosen_paper (self) == BD_REPORT_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                                            : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  set_busy (self, TRUE);
  if (gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      set_busy (self, FALSE);
      show_problem (self, _("The report could not be printed:"), error);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BdReportDialog *self = BD_REPORT_DIALOG (widget);

  if (!self->busy)
    bd_report_dialog_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

/* --- the object -------------------------------------------------------- */

static void
bd_report_dialog_dispose (GObject *object)
{
  BdReportDialog *self = BD_REPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_REPORT_DIALOG);
  g_clear_object (&self->report);
  g_clear_object (&self->kase);
  g_clear_object (&self->pack);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->field_switches, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_ptr_array_unref);
  g_clear_pointer (&self->saved_path, g_free);
  G_OBJECT_CLASS (bd_report_dialog_parent_class)->dispose (object);
}

static void
bd_report_dialog_class_init (BdReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_report_dialog_dispose;

  /**
   * BdReportDialog::saved:
   * @path: (nullable): where the report was saved; %NULL when it was printed
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, second_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, redact_switch);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, fields_row);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, redactions_label);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, model_entry);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, ios_entry);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, page_picture);
  gtk_widget_class_bind_template_child (widget_class, BdReportDialog, page_label);
  /* for tests to find, as they find the rest */
  gtk_widget_class_bind_template_child_full (widget_class, "preview_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "page_frame", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "previous_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "next_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_changed);

  gtk_widget_class_install_action (widget_class, "report.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "report.previous-page", NULL, turn_page);
  gtk_widget_class_install_action (widget_class, "report.next-page", NULL, turn_page);
}

static void
bd_report_dialog_init (BdReportDialog *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (gtk_widget_get_parent (GTK_WIDGET (self->page_picture)),
                                 gtk_custom_layout_new (page_request_mode, page_measure, page_allocate));
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->field_switches = g_ptr_array_new ();
  self->languages = g_ptr_array_new_with_free_func (g_free);
  buffer = gtk_text_view_get_buffer (self->preview_view);
  gtk_text_buffer_create_tag (buffer, "placeholder", "weight", PANGO_WEIGHT_BOLD,
                              "underline", PANGO_UNDERLINE_SINGLE, NULL);
}

/**
 * bd_report_dialog_new:
 * @parent: the window it belongs to
 * @pack: the guidance the case follows
 * @kase: the case; the dialog is modal, so it does not change meanwhile
 */
BdReportDialog *
bd_report_dialog_new (GtkWindow *parent,
                      BdPack    *pack,
                      BdCase    *kase)
{
  BdReportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BD_IS_PACK (pack), NULL);
  g_return_val_if_fail (BD_IS_CASE (kase), NULL);

  self = g_object_new (BD_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
  /* Before the case is set, so that recalling is not remembering. */
  recall_choices (self);
  self->pack = g_object_ref (pack);
  self->kase = g_object_ref (kase);
  ask_for_missing (self, parent);
  add_field_rows (self);
  add_languages (self);
  update_preview (self);
  return self;
}

/* Puts the keyboard on Print or on Export, whichever the person asked for. */
void
bd_report_dialog_focus (BdReportDialog *self,
                        gboolean        print)
{
  g_return_if_fail (BD_IS_REPORT_DIALOG (self));
  gtk_widget_grab_focus (print ? self->print_button : self->export_button);
}

/**
 * bd_report_dialog_dup_preview:
 *
 * Returns: (transfer full): the words the preview shows: the JSON as it
 *   will be written, for the other formats the report's text (for a PDF,
 *   what its pages say)
 */
char *
bd_report_dialog_dup_preview (BdReportDialog *self)
{
  g_return_val_if_fail (BD_IS_REPORT_DIALOG (self), NULL);

  if (chosen_format (self) == BD_REPORT_FORMAT_JSON)
    return bd_report_to_json (self->report);
  return bd_report_to_text (self->report);
}

/**
 * bd_report_dialog_is_preview_ready:
 *
 * Returns: whether the preview shows the report as chosen now, rather
 *   than still being drawn
 */
gboolean
bd_report_dialog_is_preview_ready (BdReportDialog *self)
{
  g_return_val_if_fail (BD_IS_REPORT_DIALOG (self), FALSE);
  return !self->preview_pending;
}

gboolean
bd_report_dialog_is_busy (BdReportDialog *self)
{
  g_return_val_if_fail (BD_IS_REPORT_DIALOG (self), FALSE);
  return self->busy;
}
