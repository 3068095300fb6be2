/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-checklist-page"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-checklist-page.h"
#include "bd-window.h"

/*
 * A checklist (the five-minute check, the walkthrough, the escalation
 * list): lines that point into guides. A line that names a step is the
 * same tick as that step in its guide; a line that names a whole guide
 * shows how far that guide got and opens it.
 */
struct _BdChecklistPage
{
  AdwBin parent_instance;

  BdSession *session;
  BdChecklist *checklist;
  gboolean updating;

  AdwPreferencesGroup *items_group;
  GPtrArray *rows;
};

G_DEFINE_FINAL_TYPE (BdChecklistPage, bd_checklist_page, ADW_TYPE_BIN)

static BdStep *
item_step (BdChecklistPage *self,
           BdChecklistItem *item)
{
  BdGuide *guide = bd_pack_lookup_guide (bd_session_get_pack (self->session), bd_checklist_item_get_guide_id (item));
  const char *step_id = bd_checklist_item_get_step_id (item);

  return guide != NULL && step_id != NULL ? bd_guide_lookup_step (guide, step_id) : NULL;
}

typedef struct
{
  BdChecklistPage *self;
  BdStep *step;
  BdStepState state;
} Tick;

static void
send_tick (BdChecklistPage *self,
           BdStep          *step,
           BdStepState      state)
{
  bd_session_set_step_async (self->session, bd_step_get_guide_id (step), bd_step_get_id (step), BD_DEVICE_NONE,
                             state, bd_window_write_done, g_object_ref (self));
}

static void
case_started (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Tick *tick = user_data;
  g_autoptr(BdChecklistPage) self = tick->self;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (bd_session_write_finish (BD_SESSION (object), result, &error))
    send_tick (self, tick->step, tick->state);
  else if (BD_IS_WINDOW (root))
    bd_window_report (BD_WINDOW (root), _("The case cannot be started:"), error);
  g_object_unref (tick->step);
  g_free (tick);
}

/* A tick needs a case to live in: one is started for a person who ticks
 * before choosing a symptom, and the tick follows once it is stored. */
static void
on_toggled (GtkCheckButton  *check,
            BdChecklistPage *self)
{
  BdStep *step = g_object_get_data (G_OBJECT (check), "step");
  gboolean wanted = gtk_check_button_get_active (check);
  BdStepState state = wanted ? BD_STEP_STATE_DONE : BD_STEP_STATE_PENDING;
  Tick *tick;

  if (self->updating)
    return;
  self->updating = TRUE;
  gtk_check_button_set_active (check, !wanted);
  self->updating = FALSE;
  if (bd_session_get_case (self->session) != NULL)
    {
      send_tick (self, step, state);
      return;
    }
  tick = g_new0 (Tick, 1);
  tick->self = g_object_ref (self);
  tick->step = g_object_ref (step);
  tick->state = state;
  bd_session_new_case_async (self->session, NULL, case_started, tick);
}

static GtkWidget *
create_row (BdChecklistPage *self,
            BdChecklistItem *item,
            guint            number)
{
  BdGuide *guide = bd_pack_lookup_guide (bd_session_get_pack (self->session), bd_checklist_item_get_guide_id (item));
  BdStep *step = item_step (self, item);
  BdText *text = bd_checklist_item_get_text (item);
  const char *title = text ? bd_text_get (text) : step ? bd_text_get (bd_step_get_text (step))
                                                       : bd_text_get (bd_guide_get_title (guide));
  g_autofree char *numbered = g_strdup_printf ("%u. %s", number, title);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), numbered);
  /* TRANSLATORS: the guide a checklist line belongs to */
  if (step != NULL && !bd_step_get_per_device (step))
    {
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *from = g_strdup_printf (_("From: %s"), bd_text_get (bd_guide_get_title (guide)));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), from);
      g_object_set_data_full (G_OBJECT (check), "step", g_object_ref (step), g_object_unref);
      /* the line's number too, as a step's tick says its step */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, numbered, -1);
      g_signal_connect (check, "toggled", G_CALLBACK (on_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-guide");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", bd_guide_get_id (guide));
    }
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  return row;
}

static void
refresh (BdChecklistPage *self)
{
  BdPlan *plan = bd_session_get_plan (self->session);
  BdChecklist *current;

  /* another iOS version words the checklist differently */
  current = self->checklist == NULL ? NULL
            : bd_pack_lookup_checklist (bd_session_get_pack (self->session), bd_checklist_get_id (self->checklist));
  if (current != NULL && current != self->checklist)
    {
      bd_checklist_page_set_checklist (self, bd_checklist_get_id (current));
      return;
    }
  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      BdChecklistItem *item = g_object_get_data (G_OBJECT (row), "item");

      if (check != NULL)
        gtk_check_button_set_active (check, plan != NULL
          && bd_plan_get_step_state (plan, bd_checklist_item_get_guide_id (item),
                                     bd_checklist_item_get_step_id (item), BD_DEVICE_NONE) == BD_STEP_STATE_DONE);
    }
  self->updating = FALSE;
}

/**
 * bd_checklist_page_set_checklist:
 *
 * Returns: %FALSE when the guidance has no such checklist
 */
gboolean
bd_checklist_page_set_checklist (BdChecklistPage *self,
                                 const char      *checklist_id)
{
  BdChecklist *checklist;
  GListModel *items;
  BdText *summary;

  g_return_val_if_fail (BD_IS_CHECKLIST_PAGE (self), FALSE);

  if (self->session == NULL
      || (checklist = bd_pack_lookup_checklist (bd_session_get_pack (self->session), checklist_id)) == NULL)
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->items_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  g_set_object (&self->checklist, checklist);
  summary = bd_checklist_get_summary (checklist);
  adw_preferences_group_set_title (self->items_group, bd_text_get (bd_checklist_get_title (checklist)));
  adw_preferences_group_set_description (self->items_group, summary ? bd_text_get (summary) : NULL);
  items = bd_checklist_get_items (checklist);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(BdChecklistItem) item = g_list_model_get_item (items, i);
      GtkWidget *row = create_row (self, item, i + 1);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->items_group, row);
    }
  refresh (self);
  return TRUE;
}

void
bd_checklist_page_set_session (BdChecklistPage *self,
                               BdSession       *session)
{
  g_return_if_fail (BD_IS_CHECKLIST_PAGE (self));

  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::plan", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
}

static void
bd_checklist_page_dispose (GObject *object)
{
  BdChecklistPage *self = BD_CHECKLIST_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_CHECKLIST_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->checklist);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (bd_checklist_page_parent_class)->dispose (object);
}

static void
bd_checklist_page_class_init (BdChecklistPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bd_checklist_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-checklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BdChecklistPage, items_group);
}

static void
bd_checklist_page_init (BdChecklistPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}
