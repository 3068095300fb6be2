/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-guide-page"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-guide-page.h"
#include "bd-step-row.h"
#include "bd-window.h"

/*
 * One guide: its numbered steps, its official references, and at the end
 * "Did the badge clear?". A tick is saved at once through the session;
 * a step with a caution asks first. Countdowns live here, one per wait
 * step of each case, so they run on while the person is elsewhere.
 */
struct _BdGuidePage
{
  AdwBin parent_instance;

  BdSession *session;
  BdGuide *guide;
  char *case_id;           /* the case the rows were made for */
  BdDevice devices;        /* ... and its devices */
  GHashTable *countdowns;  /* "case/guide/step" -> BdCountdown */
  double pending_scroll;

  GtkLabel *kind_label;
  GtkLabel *title_label;
  GtkLabel *summary_label;
  GtkListBox *steps_list;
  AdwPreferencesGroup *references_group;
  GtkWidget *question_box;
  GtkWidget *done_box;
};

G_DEFINE_FINAL_TYPE (BdGuidePage, bd_guide_page, ADW_TYPE_BIN)

/* The bin's own child: not a bound template child, or disposing the
 * template would unparent it before AdwBin does. */
static GtkAdjustment *
get_vadjustment (BdGuidePage *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self))));
}

/* NULL once the page has left its window */
static BdWindow *
get_window (BdGuidePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return BD_IS_WINDOW (root) ? BD_WINDOW (root) : NULL;
}

static BdStepRow *
find_row (BdGuidePage *self,
          BdStep      *step)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (BD_IS_STEP_ROW (row) && bd_step_row_get_step (BD_STEP_ROW (row)) == step)
      return BD_STEP_ROW (row);
  return NULL;
}

static void
committed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BdStepRow) row = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  g_autoptr(GError) error = NULL;
  gboolean saved = bd_session_write_finish (BD_SESSION (object), result, &error);

  bd_step_row_set_saving (row, FALSE, saved);
  if (!saved && BD_IS_WINDOW (root))
    bd_window_report (BD_WINDOW (root), _("Your change could not be saved:"), error);
}

/* Saved off the main thread; the tick shows once it is committed, and
 * the row says it is being saved until then (or that it was not). */
static void
commit (BdGuidePage *self,
        BdStep      *step,
        BdDevice     device,
        BdStepState  state)
{
  BdStepRow *row = find_row (self, step);

  if (row == NULL)
    {
      bd_session_set_step_async (self->session, bd_step_get_guide_id (step), bd_step_get_id (step),
                                 device, state, bd_window_write_done, g_object_ref (self));
      return;
    }
  bd_step_row_set_saving (row, TRUE, TRUE);
  bd_session_set_step_async (self->session, bd_step_get_guide_id (step), bd_step_get_id (step),
                             device, state, committed, g_object_ref (row));
}

typedef struct
{
  BdGuidePage *page;
  BdStep *step;
  BdDevice device;
} Pending;

static void
pending_free (gpointer  data,
              GClosure *closure)
{
  Pending *pending = data;

  g_object_unref (pending->step);
  g_free (pending);
}

static void
on_caution_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  if (g_str_equal (response, "confirm"))
    commit (pending->page, pending->step, pending->device, BD_STEP_STATE_DONE);
}

/* A step that costs something is ticked only once the person has read
 * the cost and said yes. */
static void
confirm_caution (BdGuidePage *self,
                 BdStep      *step,
                 BdDevice     device)
{
  AdwMessageDialog *dialog;
  Pending *pending = g_new0 (Pending, 1);

  pending->page = self;
  pending->step = g_object_ref (step);
  pending->device = device;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_window (self)),
                                                       _("Before You Do This"),
                                                       bd_text_get (bd_step_get_caution_on (step, device))));
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Not Yet"), "confirm", _("_I Understand, Mark Done"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_caution_response), pending,
                         pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_change_state (BdStepRow   *row,
                 guint        device,
                 guint        state,
                 BdGuidePage *self)
{
  BdStep *step = bd_step_row_get_step (row);

  /* a Mac may cost something else than an iPhone */
  if (state == BD_STEP_STATE_DONE && bd_step_get_caution_on (step, device) != NULL)
    confirm_caution (self, step, device);
  else
    commit (self, step, device, state);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  BdGuidePage   *self)
{
  if (BD_IS_STEP_ROW (row))
    bd_step_row_toggle (BD_STEP_ROW (row));
}

/* --- countdowns ------------------------------------------------------- */

/* A per-device wait has one countdown, not one per device: the person
 * waits once with all the devices of the case in hand. So when it runs
 * out, the wait is ticked on every device of the case where it is still
 * pending, as a single wait ticks itself; a device already ticked,
 * skipped or marked "does not apply" keeps what the person chose. */
static void
tick_wait_on_devices (BdGuidePage *self,
                      BdStep      *step,
                      BdDevice     devices)
{
  static const BdDevice order[] = { BD_DEVICE_IPHONE, BD_DEVICE_IPAD, BD_DEVICE_MAC };
  BdPlan *plan = bd_session_get_plan (self->session);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if ((devices & order[i]) && plan != NULL
        && bd_plan_get_step_state (plan, bd_step_get_guide_id (step), bd_step_get_id (step), order[i])
           == BD_STEP_STATE_PENDING)
      commit (self, step, order[i], BD_STEP_STATE_DONE);
}

static void
on_countdown_finished (BdCountdown *countdown,
                       BdGuidePage *self)
{
  BdStep *step = g_object_get_data (G_OBJECT (countdown), "step");
  const char *case_id = g_object_get_data (G_OBJECT (countdown), "case");
  BdCase *kase;
  GtkWindow *window = GTK_WINDOW (get_window (self));
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  /* Tell a person who is looking at something else. */
  if (!gtk_window_is_active (window))
    {
      g_autoptr(GNotification) notification = g_notification_new (_("The wait is over"));
      g_notification_set_body (notification, bd_text_get (bd_step_get_text (step)));
      g_notification_set_default_action (notification, "app.activate");
      g_application_send_notification (app, "countdown", notification);
    }
  /* The wait was made: tick it, on the open case only. */
  kase = bd_session_get_case (self->session);
  if (kase == NULL || !g_str_equal (bd_case_get_id (kase), case_id))
    return;
  if (!bd_step_get_per_device (step))
    commit (self, step, BD_DEVICE_NONE, BD_STEP_STATE_DONE);
  else
    tick_wait_on_devices (self, step, bd_case_get_devices (kase));
}

static BdCountdown *
countdown_for_case (BdGuidePage *self,
                    const char  *case_id,
                    BdStep      *step)
{
  g_autofree char *key = g_strdup_printf ("%s/%s/%s", case_id, bd_step_get_guide_id (step),
                                          bd_step_get_id (step));
  BdCountdown *countdown = g_hash_table_lookup (self->countdowns, key);

  if (countdown == NULL)
    {
      countdown = bd_countdown_new (bd_step_get_wait_seconds (step));
      g_object_set_data_full (G_OBJECT (countdown), "step", g_object_ref (step), g_object_unref);
      g_object_set_data_full (G_OBJECT (countdown), "case", g_strdup (case_id), g_free);
      g_signal_connect (countdown, "finished", G_CALLBACK (on_countdown_finished), self);
      g_hash_table_insert (self->countdowns, g_steal_pointer (&key), countdown);
    }
  return countdown;
}

static BdCountdown *
countdown_for (BdGuidePage *self,
               BdStep      *step)
{
  return countdown_for_case (self, self->case_id, step);
}

/**
 * bd_guide_page_dup_waits:
 *
 * Returns: (transfer full): the waits of case @case_id running now, as
 *   "GUIDE/STEP@END;…" with each wall-clock end, for the case to keep
 *   while the window is closed; "" for none
 */
char *
bd_guide_page_dup_waits (BdGuidePage *self,
                         const char  *case_id)
{
  g_autoptr(GString) waits = g_string_new (NULL);
  g_autofree char *prefix = g_strconcat (case_id, "/", NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (BD_IS_GUIDE_PAGE (self), NULL);

  g_hash_table_iter_init (&iter, self->countdowns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 end = bd_countdown_get_end_time (value);

      if (end > 0 && g_str_has_prefix (key, prefix))
        g_string_append_printf (waits, "%s%s@%" G_GINT64_FORMAT, waits->len > 0 ? ";" : "",
                                (const char *) key + strlen (prefix), end);
    }
  return g_strdup (waits->str);
}

/**
 * bd_guide_page_restore_waits:
 * @waits: as bd_guide_page_dup_waits() gave them
 *
 * Goes on with the waits of @case_id from their kept ends: each runs on,
 * or, when its end passed while the window was closed, is over (and
 * ticks its step, as a wait does when it ends).
 */
void
bd_guide_page_restore_waits (BdGuidePage *self,
                             const char  *case_id,
                             const char  *waits)
{
  g_auto(GStrv) entries = g_strsplit (waits, ";", -1);

  g_return_if_fail (BD_IS_GUIDE_PAGE (self));

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (entries[i], "/@", 3);
      BdGuide *guide;
      BdStep *step;

      if (g_strv_length (parts) != 3)
        continue;
      guide = bd_pack_lookup_guide (bd_session_get_pack (self->session), parts[0]);
      step = guide != NULL ? bd_guide_lookup_step (guide, parts[1]) : NULL;
      if (step == NULL || bd_step_get_wait_seconds (step) == 0)
        continue;
      bd_countdown_run_until (countdown_for_case (self, case_id, step), g_ascii_strtoll (parts[2], NULL, 10));
    }
}

/**
 * bd_guide_page_is_waiting:
 *
 * Returns: whether a wait is running, in any case
 */
gboolean
bd_guide_page_is_waiting (BdGuidePage *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (BD_IS_GUIDE_PAGE (self), FALSE);

  g_hash_table_iter_init (&iter, self->countdowns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (bd_countdown_get_running (value))
      return TRUE;
  return FALSE;
}

/* --- filling ---------------------------------------------------------- */

static void
on_reference_activated (AdwActionRow *row,
                        BdGuidePage  *self)
{
  const char *url = g_object_get_data (G_OBJECT (row), "url");

  gtk_show_uri (GTK_WINDOW (get_window (self)), url, GDK_CURRENT_TIME);
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
fill_references (BdGuidePage *self)
{
  GListModel *references = bd_guide_get_references (self->guide);
  GPtrArray *rows = g_object_get_data (G_OBJECT (self->references_group), "rows");
  guint n_checked = 0;
  const BdCoverage *checked = bd_guide_get_checked (self->guide, &n_checked);
  g_autofree char *versions = bd_coverage_describe (checked, n_checked, 0);
  g_autofree char *written = NULL;

  clear_group (self->references_group, rows);
  /* what the steps were written for, beside where they come from */
  if (versions != NULL)
    /* TRANSLATORS: %s is "iOS 16 to 26.1; macOS 13 to 26.1" */
    written = g_strdup_printf (_("Steps written for %s."), versions);
  adw_preferences_group_set_description (self->references_group, written);
  for (guint i = 0; i < g_list_model_get_n_items (references); i++)
    {
      g_autoptr(BdReference) reference = g_list_model_get_item (references, i);
      GtkWidget *row = adw_action_row_new ();

      /* the full address stays in sight: the person sees where it goes */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bd_text_get (bd_reference_get_title (reference)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), bd_reference_get_url (reference));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "url", g_strdup (bd_reference_get_url (reference)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_reference_activated), self);
      adw_preferences_group_add (self->references_group, row);
      g_ptr_array_add (rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->references_group), rows->len > 0);
}

static const char *
kind_heading (BdGuideKind kind)
{
  switch (kind)
    {
    case BD_GUIDE_KIND_FIX:
      return _("Fix");
    case BD_GUIDE_KIND_RESET:
      return _("Reset");
    case BD_GUIDE_KIND_CHECK:
      return _("Check");
    case BD_GUIDE_KIND_EDGE_CASE:
      return _("Unusual cause");
    case BD_GUIDE_KIND_PREVENTION:
      return _("Prevention");
    case BD_GUIDE_KIND_ESCALATION:
      return _("Getting more help");
    default:
      return "";
    }
}

static void
fill (BdGuidePage *self)
{
  BdCase *kase = bd_session_get_case (self->session);
  GtkWidget *child;

  g_free (self->case_id);
  self->case_id = g_strdup (bd_case_get_id (kase));
  self->devices = bd_case_get_devices (kase);
  gtk_label_set_text (self->kind_label, kind_heading (bd_guide_get_kind (self->guide)));
  gtk_label_set_text (self->title_label, bd_text_get (bd_guide_get_title (self->guide)));
  gtk_label_set_text (self->summary_label, bd_text_get (bd_guide_get_summary (self->guide)));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);
  for (guint i = 0; i < bd_guide_get_n_steps (self->guide); i++)
    {
      BdStep *step = bd_guide_get_step (self->guide, i);
      GtkWidget *row = bd_step_row_new (step, i + 1, self->devices,
                                        bd_step_get_wait_seconds (step) ? countdown_for (self, step) : NULL);
      g_signal_connect (row, "change-state", G_CALLBACK (on_change_state), self);
      gtk_list_box_append (self->steps_list, row);
    }
  fill_references (self);
}

/* The state of the open case, shown without rebuilding the rows. */
static void
refresh (BdGuidePage *self)
{
  BdPlan *plan = bd_session_get_plan (self->session);
  BdCase *kase = bd_session_get_case (self->session);
  gboolean all_done = TRUE;
  gboolean resolved;
  BdGuide *current;

  if (self->guide == NULL || plan == NULL)
    return;
  /* another iOS version words the guide differently */
  current = bd_pack_lookup_guide (bd_session_get_pack (self->session), bd_guide_get_id (self->guide));
  if (current != NULL && current != self->guide)
    {
      g_set_object (&self->guide, current);
      fill (self);
    }
  else if (!g_str_equal (self->case_id, bd_case_get_id (kase)) || self->devices != bd_case_get_devices (kase))
    fill (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    bd_step_row_update (BD_STEP_ROW (row), plan);

  for (guint i = 0; i < bd_plan_get_n_guides (plan); i++)
    {
      const BdPlanGuide *entry = bd_plan_get_guide (plan, i);
      if (entry->guide == self->guide)
        all_done = bd_plan_guide_get_handled (entry) == entry->n_units;
    }
  resolved = bd_case_get_status (kase) == BD_CASE_STATUS_RESOLVED;
  gtk_widget_set_visible (self->question_box, all_done && !resolved && bd_guide_get_ask_cleared (self->guide));
  gtk_widget_set_visible (self->done_box, all_done && (resolved || !bd_guide_get_ask_cleared (self->guide)));
}

/**
 * bd_guide_page_set_guide:
 *
 * Returns: %FALSE if the guidance has no such guide
 */
gboolean
bd_guide_page_set_guide (BdGuidePage *self,
                         const char  *guide_id)
{
  BdGuide *guide;

  g_return_val_if_fail (BD_IS_GUIDE_PAGE (self), FALSE);

  if (self->session == NULL || bd_session_get_case (self->session) == NULL)
    return FALSE;
  guide = bd_pack_lookup_guide (bd_session_get_pack (self->session), guide_id);
  if (guide == NULL)
    return FALSE;
  if (guide != self->guide)
    {
      g_set_object (&self->guide, guide);
      fill (self);
      gtk_adjustment_set_value (get_vadjustment (self), 0);
    }
  refresh (self);
  return TRUE;
}

void
bd_guide_page_set_session (BdGuidePage *self,
                           BdSession   *session)
{
  g_return_if_fail (BD_IS_GUIDE_PAGE (self));

  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::plan", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
}

double
bd_guide_page_get_scroll (BdGuidePage *self)
{
  g_return_val_if_fail (BD_IS_GUIDE_PAGE (self), 0);
  return gtk_adjustment_get_value (get_vadjustment (self));
}

/* Applied once the rows are laid out and the page is tall enough. */
static void
apply_scroll (GtkAdjustment *adjustment,
              BdGuidePage   *self)
{
  if (self->pending_scroll <= 0)
    return;
  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) >= self->pending_scroll)
    {
      gtk_adjustment_set_value (adjustment, self->pending_scroll);
      self->pending_scroll = 0;
    }
}

void
bd_guide_page_set_scroll (BdGuidePage *self,
                          double       value)
{
  g_return_if_fail (BD_IS_GUIDE_PAGE (self));

  self->pending_scroll = value;
  apply_scroll (get_vadjustment (self), self);
}

/* --- "Did the badge clear?" ------------------------------------------- */

typedef struct
{
  BdGuidePage *page;
  BdOutcome outcome;
} Answer;

/* Where to go once the answer is committed. */
static void
answered (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree Answer *answer = user_data;
  g_autoptr(BdGuidePage) self = answer->page;
  g_autoptr(GError) error = NULL;
  BdPlan *plan;
  int next;

  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The answer could not be saved: %s"), error->message);
      if (get_window (self) != NULL)
        bd_window_show_error (get_window (self), message);
      return;
    }
  if (get_window (self) == NULL)
    return;
  plan = bd_session_get_plan (self->session);
  next = bd_plan_get_current (plan);
  if (answer->outcome == BD_OUTCOME_CLEARED)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "resolved");
  else if (next >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-guide", "s",
                                bd_guide_get_id (bd_plan_get_guide (plan, next)->guide));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "plan");
}

static void
answer (BdGuidePage *self,
        BdOutcome    outcome)
{
  Answer *data = g_new0 (Answer, 1);

  data->page = g_object_ref (self);
  data->outcome = outcome;
  bd_session_answer_async (self->session, bd_guide_get_id (self->guide), outcome, answered, data);
}

static void
cleared_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  answer (BD_GUIDE_PAGE (widget), BD_OUTCOME_CLEARED);
}

static void
not_cleared_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  answer (BD_GUIDE_PAGE (widget), BD_OUTCOME_NOT_CLEARED);
}

static void
bd_guide_page_dispose (GObject *object)
{
  BdGuidePage *self = BD_GUIDE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_GUIDE_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->guide);
  g_clear_pointer (&self->countdowns, g_hash_table_unref);
  g_clear_pointer (&self->case_id, g_free);
  G_OBJECT_CLASS (bd_guide_page_parent_class)->dispose (object);
}

static void
bd_guide_page_class_init (BdGuidePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bd_guide_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-guide-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BdGuidePage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, BdGuidePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, BdGuidePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BdGuidePage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, BdGuidePage, references_group);
  
  gtk_widget_class_bind_template_child (widget_class, BdGuidePage, question_box);
  gtk_widget_class_bind_template_child (widget_class, BdGuidePage, done_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_install_action (widget_class, "guide.cleared", NULL, cleared_action);
  gtk_widget_class_install_action (widget_class, "guide.not-cleared", NULL, not_cleared_action);
}

static void
bd_guide_page_init (BdGuidePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->countdowns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_object_set_data_full (G_OBJECT (self->references_group), "rows", g_ptr_array_new (),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (get_vadjustment (self), "changed",
                    G_CALLBACK (apply_scroll), self);
}

/**
 * bd_guide_page_focus_next:
 *
 * Puts the keyboard on the first step not handled yet, so Space ticks it.
 */
void
bd_guide_page_focus_next (BdGuidePage *self)
{
  BdPlan *plan;

  g_return_if_fail (BD_IS_GUIDE_PAGE (self));

  if (self->session == NULL || (plan = bd_session_get_plan (self->session)) == NULL)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (bd_step_row_is_pending (BD_STEP_ROW (row), plan, self->devices))
      {
        gtk_widget_grab_focus (row);
        return;
      }
}
