/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case-page"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-case-page.h"
#include "bd-entry-limit.h"
#include "bd-window.h"

/*
 * The details of the open case: customer (help desk), status, devices,
 * affected apps, phone settings and notes. There is no Save button: each
 * change is checked with the rules import uses and saved at once; notes
 * are saved a moment after typing stops, and when the page goes away.
 */

#define NOTES_DELAY_MS 600

struct _BdCasePage
{
  AdwBin parent_instance;

  BdSession *session;
  gboolean updating;
  guint notes_timeout;
  char *shown_id;     /* the case the fields show */

  AdwPreferencesGroup *customer_group;
  AdwEntryRow *label_row;
  AdwEntryRow *ticket_row;
  AdwComboRow *status_row;
  AdwEntryRow *model_row;
  AdwEntryRow *ios_row;
  GtkSwitch *ipad_switch;
  GtkSwitch *mac_switch;
  GtkSwitch *iphone_switch;
  GtkSwitch *messages_switch;
  GtkSwitch *whatsapp_switch;
  GtkSwitch *teams_switch;
  GtkSwitch *gmail_switch;
  AdwEntryRow *other_apps_row;
  AdwComboRow *low_power_row;
  AdwComboRow *icloud_row;
  AdwEntryRow *focus_row;
  GtkTextView *notes_view;
};

G_DEFINE_FINAL_TYPE (BdCasePage, bd_case_page, ADW_TYPE_BIN)

/* Saved off the main thread, just the fields changed: typing never waits
 * for the disk, and never undoes what someone else set in another field. */
static void
save (BdCasePage   *self,
      BdCaseFields  fields)
{
  bd_session_set_details_async (self->session, fields, bd_window_write_done, g_object_ref (self));
}

/* --- from the case to the widgets ------------------------------------- */

static void
set_entry (AdwEntryRow *row,
           const char  *text,
           gboolean     other_case)
{
  /* never under the person's cursor, unless another case is shown now */
  if ((other_case || !gtk_widget_has_focus (GTK_WIDGET (row)))
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static guint
switch_position (BdSwitch value)
{
  /* the combo lists Not sure, On, Off: the same order as BdSwitch */
  return (guint) value;
}

static void flush_notes (BdCasePage *self);

static void
refresh (BdCasePage *self)
{
  BdCase *kase = bd_session_get_case (self->session);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  GtkTextIter start, end;
  gboolean other;

  if (kase == NULL)
    return;
  /* notes typed for the case shown until now go to that case */
  other = g_strcmp0 (self->shown_id, bd_case_get_id (kase)) != 0;
  if (other)
    flush_notes (self);
  g_free (self->shown_id);
  self->shown_id = g_strdup (bd_case_get_id (kase));
  self->updating = TRUE;
  set_entry (self->label_row, bd_case_get_label (kase), other);
  set_entry (self->ticket_row, bd_case_get_ticket (kase), other);
  set_entry (self->model_row, bd_case_get_model (kase), other);
  set_entry (self->ios_row, bd_case_get_ios (kase), other);
  set_entry (self->other_apps_row, bd_case_get_other_apps (kase), other);
  set_entry (self->focus_row, bd_case_get_focus (kase), other);
  adw_combo_row_set_selected (self->status_row, bd_case_get_status (kase));
  adw_combo_row_set_selected (self->low_power_row, switch_position (bd_case_get_low_power_mode (kase)));
  adw_combo_row_set_selected (self->icloud_row, switch_position (bd_case_get_messages_in_icloud (kase)));
  gtk_switch_set_active (self->ipad_switch, bd_case_get_other_devices (kase) & BD_DEVICE_IPAD);
  gtk_switch_set_active (self->mac_switch, bd_case_get_other_devices (kase) & BD_DEVICE_MAC);
  gtk_switch_set_active (self->iphone_switch, bd_case_get_other_devices (kase) & BD_DEVICE_IPHONE);
  gtk_switch_set_active (self->messages_switch, bd_case_get_apps (kase) & BD_APP_MESSAGES);
  gtk_switch_set_active (self->whatsapp_switch, bd_case_get_apps (kase) & BD_APP_WHATSAPP);
  gtk_switch_set_active (self->teams_switch, bd_case_get_apps (kase) & BD_APP_TEAMS);
  gtk_switch_set_active (self->gmail_switch, bd_case_get_apps (kase) & BD_APP_GMAIL);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if ((other || !gtk_widget_has_focus (GTK_WIDGET (self->notes_view))) && !g_str_equal (notes, bd_case_get_notes (kase)))
    gtk_text_buffer_set_text (buffer, bd_case_get_notes (kase), -1);
  self->updating = FALSE;
}

/* --- from the widgets to the case ------------------------------------- */

typedef void (*TextSetter) (BdCase *, const char *);

static void
on_entry_changed (AdwEntryRow *row,
                  BdCasePage  *self)
{
  TextSetter setter = g_object_get_data (G_OBJECT (row), "setter");
  BdCaseFields field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->updating || bd_session_get_case (self->session) == NULL)
    return;
  /* a value the case format would refuse is shown as wrong, not saved */
  if (!bd_case_check_detail (field, text, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  setter (bd_session_get_case (self->session), text);
  save (self, field);
}

static void
on_switch_changed (GtkSwitch  *sw,
                   GParamSpec *pspec,
                   BdCasePage *self)
{
  BdCase *kase = bd_session_get_case (self->session);
  BdDevice devices = 0;
  BdApp apps = 0;

  if (self->updating || kase == NULL)
    return;
  devices |= gtk_switch_get_active (self->ipad_switch) ? BD_DEVICE_IPAD : 0;
  devices |= gtk_switch_get_active (self->mac_switch) ? BD_DEVICE_MAC : 0;
  devices |= gtk_switch_get_active (self->iphone_switch) ? BD_DEVICE_IPHONE : 0;
  apps |= gtk_switch_get_active (self->messages_switch) ? BD_APP_MESSAGES : 0;
  apps |= gtk_switch_get_active (self->whatsapp_switch) ? BD_APP_WHATSAPP : 0;
  apps |= gtk_switch_get_active (self->teams_switch) ? BD_APP_TEAMS : 0;
  apps |= gtk_switch_get_active (self->gmail_switch) ? BD_APP_GMAIL : 0;
  bd_case_set_other_devices (kase, devices);
  bd_case_set_apps (kase, apps);
  save (self, sw == self->ipad_switch || sw == self->mac_switch || sw == self->iphone_switch
                ? BD_CASE_FIELD_OTHER_DEVICES : BD_CASE_FIELD_APPS);
}

static void
on_combo_changed (AdwComboRow *row,
                  GParamSpec  *pspec,
                  BdCasePage  *self)
{
  BdCase *kase = bd_session_get_case (self->session);
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || kase == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (row == self->status_row)
    {
      bd_session_set_status_async (self->session, (BdCaseStatus) selected, bd_window_write_done,
                                   g_object_ref (self));
      return;
    }
  if (row == self->low_power_row)
    bd_case_set_low_power_mode (kase, (BdSwitch) selected);
  else
    bd_case_set_messages_in_icloud (kase, (BdSwitch) selected);
  save (self, row == self->low_power_row ? BD_CASE_FIELD_LOW_POWER_MODE : BD_CASE_FIELD_MESSAGES_IN_ICLOUD);
}

static void
notes_saved (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);
  GtkRoot *root = gtk_widget_get_root (self);

  if (reply == NULL && BD_IS_WINDOW (root))
    bd_window_report (BD_WINDOW (root), _("The notes were not saved:"), error);
}

static gboolean
save_notes (gpointer user_data)
{
  BdCasePage *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  BdCase *kase = bd_session_get_case (self->session);
  g_autofree char *notes = NULL;
  GtkTextIter start, end;

  self->notes_timeout = 0;
  if (kase == NULL)
    return G_SOURCE_REMOVE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_str_equal (notes, bd_case_get_notes (kase)))
    return G_SOURCE_REMOVE;
  if (!bd_case_check_detail (BD_CASE_FIELD_NOTES, notes, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->notes_view), "error");
      return G_SOURCE_REMOVE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->notes_view), "error");
  if (g_strcmp0 (self->shown_id, bd_case_get_id (kase)) == 0)
    {
      bd_case_set_notes (kase, notes);
      save (self, BD_CASE_FIELD_NOTES);
    }
  else if (self->shown_id != NULL)
    {
      /* another case opened since the person typed: the notes are the
       * case's they were typed for */
      BdCaseRequest *request = bd_case_request_new (BD_CASE_OP_SET_DETAILS, self->shown_id);
      request->kase = bd_case_new ("", "");
      bd_case_set_notes (request->kase, notes);
      request->fields = BD_CASE_FIELD_NOTES;
      bd_case_backend_run_async (bd_session_get_backend (self->session), request, NULL, notes_saved,
                                 g_object_ref (self));
    }
  return G_SOURCE_REMOVE;
}

static void
flush_notes (BdCasePage *self)
{
  if (self->notes_timeout != 0)
    {
      g_clear_handle_id (&self->notes_timeout, g_source_remove);
      save_notes (self);
    }
}

static void
on_notes_changed (GtkTextBuffer *buffer,
                  BdCasePage    *self)
{
  if (self->updating)
    return;
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add (NOTES_DELAY_MS, save_notes, self);
}

/* --- set-up ----------------------------------------------------------- */

void
bd_case_page_set_session (BdCasePage *self,
                          BdSession  *session)
{
  g_return_if_fail (BD_IS_CASE_PAGE (self));

  g_set_object (&self->session, session);
  /* notes typed for one case are saved to it before another opens */
  g_signal_connect_object (session, "notify::case", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

void
bd_case_page_set_help_desk (BdCasePage *self,
                            gboolean    help_desk)
{
  g_return_if_fail (BD_IS_CASE_PAGE (self));
  gtk_widget_set_visible (GTK_WIDGET (self->customer_group), help_desk);
}

static void
bd_case_page_unmap (GtkWidget *widget)
{
  flush_notes (BD_CASE_PAGE (widget));
  GTK_WIDGET_CLASS (bd_case_page_parent_class)->unmap (widget);
}

static void
bd_case_page_dispose (GObject *object)
{
  BdCasePage *self = BD_CASE_PAGE (object);

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_CASE_PAGE);
  g_clear_object (&self->session);
  g_clear_pointer (&self->shown_id, g_free);
  G_OBJECT_CLASS (bd_case_page_parent_class)->dispose (object);
}

static void
bd_case_page_class_init (BdCasePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bd_case_page_dispose;
  widget_class->unmap = bd_case_page_unmap;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, customer_group);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, label_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, ticket_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, status_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, model_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, ios_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, ipad_switch);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, mac_switch);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, iphone_switch);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, messages_switch);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, whatsapp_switch);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, teams_switch);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, gmail_switch);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, other_apps_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, low_power_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, icloud_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, focus_row);
  gtk_widget_class_bind_template_child (widget_class, BdCasePage, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_changed);
}

/* libadwaita 1.2 leaves some rows (entry, combo) without a name of their
 * own; a screen reader on the row should still say what it is. */
static void
name_rows (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_rows (child);
}

static void
bd_case_page_init (BdCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_rows (GTK_WIDGET (self));
  g_object_set_data (G_OBJECT (self->label_row), "setter", bd_case_set_label);
  g_object_set_data (G_OBJECT (self->ticket_row), "setter", bd_case_set_ticket);
  g_object_set_data (G_OBJECT (self->model_row), "setter", bd_case_set_model);
  g_object_set_data (G_OBJECT (self->ios_row), "setter", bd_case_set_ios);
  g_object_set_data (G_OBJECT (self->other_apps_row), "setter", bd_case_set_other_apps);
  g_object_set_data (G_OBJECT (self->focus_row), "setter", bd_case_set_focus);
  g_object_set_data (G_OBJECT (self->label_row), "field", GUINT_TO_POINTER (BD_CASE_FIELD_LABEL));
  g_object_set_data (G_OBJECT (self->ticket_row), "field", GUINT_TO_POINTER (BD_CASE_FIELD_TICKET));
  g_object_set_data (G_OBJECT (self->model_row), "field", GUINT_TO_POINTER (BD_CASE_FIELD_MODEL));
  g_object_set_data (G_OBJECT (self->ios_row), "field", GUINT_TO_POINTER (BD_CASE_FIELD_IOS));
  g_object_set_data (G_OBJECT (self->other_apps_row), "field", GUINT_TO_POINTER (BD_CASE_FIELD_OTHER_APPS));
  g_object_set_data (G_OBJECT (self->focus_row), "field", GUINT_TO_POINTER (BD_CASE_FIELD_FOCUS));
  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed", G_CALLBACK (on_notes_changed), self);
  /* what a field shows is what the case keeps */
  bd_entry_row_limit (self->label_row, BD_CASE_MAX_SHORT_TEXT);
  bd_entry_row_limit (self->ticket_row, BD_CASE_MAX_SHORT_TEXT);
  bd_entry_row_limit (self->model_row, BD_CASE_MAX_SHORT_TEXT);
  bd_entry_row_limit (self->other_apps_row, BD_CASE_MAX_SHORT_TEXT);
  bd_entry_row_limit (self->focus_row, BD_CASE_MAX_SHORT_TEXT);
}
