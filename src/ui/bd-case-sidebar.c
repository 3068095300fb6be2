/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case-sidebar"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-case-item.h"
#include "bd-case-list.h"
#include "bd-case-sidebar.h"

/*
 * The list of cases for a help desk: search as you type, a status filter,
 * and a GtkListView over a lazy model, so 10,000 cases cost only the rows
 * on screen. Choosing a row opens the case.
 */
struct _BdCaseSidebar
{
  AdwBin parent_instance;

  BdCaseList *cases;
  BdPack *pack;    /* for each case's symptom in today's language */
  GtkSingleSelection *selection;
  char *select_id; /* the open case */
  char *shown_id;  /* the open case last scrolled into view */
  guint reselect_id;
  gboolean selecting;
  gboolean pointer_in;  /* the pointer rests on the list */
  gboolean keyboard_in; /* the keyboard is in it */

  GtkSearchEntry *search_entry;
  GtkDropDown *status_dropdown;
  GtkStack *stack;
  GtkListView *list_view;
  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (BdCaseSidebar, bd_case_sidebar, ADW_TYPE_BIN)

static const char *
status_name (BdCaseStatus status)
{
  switch (status)
    {
    case BD_CASE_STATUS_RESOLVED:
      return C_("case status", "Resolved");
    case BD_CASE_STATUS_ESCALATED:
      return C_("case status", "Escalated");
    case BD_CASE_STATUS_OPEN:
    default:
      return C_("case status", "Open");
    }
}

/* "just now", "10 minutes ago", "3 hours ago", then the date */
static char *
format_when (gint64 updated)
{
  gint64 minutes = (g_get_real_time () - updated) / (60 * G_USEC_PER_SEC);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (int) minutes), (int) minutes);
  if (minutes < 24 * 60)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (int) (minutes / 60)), (int) (minutes / 60));
  utc = g_date_time_new_from_unix_utc (updated / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%x");
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *symptom = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (symptom), 0);
  gtk_label_set_ellipsize (GTK_LABEL (symptom), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), symptom);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_list_item_set_child (item, box);
}

/* GTK 4.8 names a list row by nothing (a name from its content comes in
 * 4.12): the row widget the list view made for @item, which holds the
 * focus, is named by what it shows, and so is read out as it is focused. */
static void
name_row (GtkListItem *item,
          const char  *symptom,
          const char  *title,
          const char  *line)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_widget_get_parent (child);
  g_autofree char *name = symptom != NULL ? g_strdup_printf ("%s, %s, %s", title, symptom, line)
                                          : g_strdup_printf ("%s, %s", title, line);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row != NULL ? row : child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* A case's symptom in the guidance's language today: the words stored
 * with the case are those of the day it was started, maybe in another
 * language; they stay for a symptom the guidance no longer has. */
static const char *
symptom_words (BdCaseSidebar *self,
               BdCaseItem    *kase)
{
  const char *id = bd_case_item_get_symptom_id (kase);
  BdSymptom *symptom = self->pack != NULL && *id != '\0' ? bd_pack_lookup_symptom (self->pack, id) : NULL;

  return symptom != NULL ? bd_text_get (bd_symptom_get_text (symptom)) : bd_case_item_get_symptom (kase);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  BdCaseSidebar *self = user_data;
  BdCaseItem *kase = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *symptom = gtk_widget_get_next_sibling (title);
  GtkWidget *meta = gtk_widget_get_next_sibling (symptom);
  g_autofree char *when = format_when (bd_case_item_get_updated (kase));
  const char *ticket = bd_case_item_get_ticket (kase);
  g_autofree char *line = *ticket != '\0'
    ? g_strdup_printf ("%s · %s · %s", ticket, status_name (bd_case_item_get_status (kase)), when)
    : g_strdup_printf ("%s · %s", status_name (bd_case_item_get_status (kase)), when);
  const char *symptom_text = symptom_words (self, kase);
  gboolean labelled = *bd_case_item_get_label (kase) != '\0';

  gtk_label_set_text (GTK_LABEL (title), labelled || *symptom_text == '\0' ? bd_case_item_get_title (kase)
                                                                            : symptom_text);
  gtk_label_set_text (GTK_LABEL (symptom), symptom_text);
  /* the title is the symptom when there is no label: no need to say it twice */
  gtk_widget_set_visible (symptom, *symptom_text != '\0' && labelled);
  gtk_label_set_text (GTK_LABEL (meta), line);
  name_row (item, gtk_widget_get_visible (symptom) ? symptom_text : NULL,
            gtk_label_get_text (GTK_LABEL (title)), line);
}

static void
on_activate (GtkListView   *view,
             guint          position,
             BdCaseSidebar *self)
{
  g_autoptr(BdCaseItem) item = g_list_model_get_item (G_LIST_MODEL (self->cases), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-case", "s", bd_case_item_get_id (item));
}

static void
update_empty (BdCaseSidebar *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->cases)) == 0;
  gboolean filtered = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0'
                      || gtk_drop_down_get_selected (self->status_dropdown) != 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  adw_status_page_set_title (self->empty_page, filtered ? _("No Cases Found") : _("No Cases Yet"));
  adw_status_page_set_description (self->empty_page, filtered ? _("Try other words, or another status.")
                                                              : _("Choose what the badge does to start one."));
}

/* Another search or status replaces the whole list: the selection is let
 * go first (GTK would look for the selected case among every new row) and
 * made again, by id, once the list is back. */
static void
let_go_of_selection (BdCaseSidebar *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   BdCaseSidebar  *self)
{
  if (self->cases == NULL)
    return;
  let_go_of_selection (self);
  bd_case_list_set_search (self->cases, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* GTK 4.8 draws the status filter's button itself: it gets its name,
 * with the status chosen, from here (a screen reader read "(None)"). */
static void
name_status_button (BdCaseSidebar *self)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->status_dropdown));
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->status_dropdown);
  g_autofree char *name = g_strdup_printf (_("Show cases with this status: %s"),
                                           item != NULL ? gtk_string_object_get_string (item) : "");

  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
on_status_changed (GtkDropDown   *dropdown,
                   GParamSpec    *pspec,
                   BdCaseSidebar *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  name_status_button (self);
  /* All, Open, Resolved, Escalated */
  if (self->cases == NULL)
    return;
  let_go_of_selection (self);
  bd_case_list_set_status (self->cases, selected == 0 ? BD_CASE_STATUS_ANY : (BdCaseStatus) (selected - 1));
}

static void
on_stop_search (GtkSearchEntry *entry,
                BdCaseSidebar  *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void on_loading (BdCaseSidebar *self);
static void on_rows_changed (BdCaseSidebar *self);
static void update_hold (BdCaseSidebar *self);

/**
 * bd_case_sidebar_set_pack:
 *
 * The guidance whose words the rows use for each case's symptom.
 */
void
bd_case_sidebar_set_pack (BdCaseSidebar *self,
                          BdPack        *pack)
{
  g_return_if_fail (BD_IS_CASE_SIDEBAR (self));
  g_set_object (&self->pack, pack);
}

void
bd_case_sidebar_set_backend (BdCaseSidebar *self,
                             BdCaseBackend *backend)
{
  g_return_if_fail (BD_IS_CASE_SIDEBAR (self));
  g_return_if_fail (BD_IS_CASE_BACKEND (backend));

  self->cases = bd_case_list_new (backend);
  g_signal_connect_swapped (self->cases, "items-changed", G_CALLBACK (update_empty), self);
  g_signal_connect_swapped (self->cases, "notify::loading", G_CALLBACK (on_loading), self);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->cases)));
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_rows_changed), self);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_empty (self);
  update_hold (self);
}

static void
select_open_case (BdCaseSidebar *self)
{
  guint position = self->select_id ? bd_case_list_find (self->cases, self->select_id) : G_MAXUINT;

  gtk_single_selection_set_selected (self->selection,
                                     position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);
  /* A case just opened or started comes into view once; after that the
   * list stays where the person scrolled it. (GTK 4.8 has no
   * gtk_list_view_scroll_to (); its list views have this action.) */
  if (position != G_MAXUINT && g_strcmp0 (self->shown_id, self->select_id) != 0)
    {
      g_free (self->shown_id);
      self->shown_id = g_strdup (self->select_id);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
    }
}

/* A row read again is a new item: GTK lets go of it when it was the
 * selected one; the open case is selected again, by id. */
static gboolean
reselect (gpointer user_data)
{
  BdCaseSidebar *self = user_data;

  self->reselect_id = 0;
  if (self->cases != NULL && gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    select_open_case (self);
  return G_SOURCE_REMOVE;
}

/* Not from inside the signal: the list view has not seen it yet. */
static void
on_rows_changed (BdCaseSidebar *self)
{
  if (self->select_id != NULL && self->reselect_id == 0
      && gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    self->reselect_id = g_idle_add (reselect, self);
}

/* The list is back: the open case shows selected again. */
static void
on_loading (BdCaseSidebar *self)
{
  gboolean loading;

  g_object_get (self->cases, "loading", &loading, NULL);
  if (!loading)
    select_open_case (self);
}

static void
refreshed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BdCaseSidebar) self = user_data;

  if (bd_case_list_refresh_finish (BD_CASE_LIST (object), result, NULL) && self->cases != NULL)
    select_open_case (self);
}

/**
 * bd_case_sidebar_refresh:
 * @select_id: (nullable): the open case, to show selected
 *
 * Lists the cases again after the store changed; the open case is
 * selected once the list has come back.
 */
void
bd_case_sidebar_refresh (BdCaseSidebar *self,
                         const char    *select_id)
{
  g_return_if_fail (BD_IS_CASE_SIDEBAR (self));

  g_free (self->select_id);
  self->select_id = g_strdup (select_id);
  if (self->cases == NULL)
    return;
  select_open_case (self);
  bd_case_list_refresh_async (self->cases, refreshed, g_object_ref (self));
}

/**
 * bd_case_sidebar_is_loading:
 *
 * Returns: whether the list or rows it shows are still being read
 */
gboolean
bd_case_sidebar_is_loading (BdCaseSidebar *self)
{
  g_return_val_if_fail (BD_IS_CASE_SIDEBAR (self), FALSE);
  return self->cases != NULL && bd_case_list_is_loading (self->cases);
}

void
bd_case_sidebar_focus_search (BdCaseSidebar *self)
{
  g_return_if_fail (BD_IS_CASE_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
bd_case_sidebar_dispose (GObject *object)
{
  BdCaseSidebar *self = BD_CASE_SIDEBAR (object);

  g_clear_handle_id (&self->reselect_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_CASE_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->cases);
  g_clear_object (&self->pack);
  g_clear_pointer (&self->select_id, g_free);
  g_clear_pointer (&self->shown_id, g_free);
  G_OBJECT_CLASS (bd_case_sidebar_parent_class)->dispose (object);
}

static void
bd_case_sidebar_class_init (BdCaseSidebarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bd_case_sidebar_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-case-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, BdCaseSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BdCaseSidebar, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BdCaseSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, BdCaseSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, BdCaseSidebar, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_status_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
}

/* The rows stay where they are while the person works in the list, so a
 * tick elsewhere cannot move another customer under the pointer between
 * press and click. */
static void
update_hold (BdCaseSidebar *self)
{
  if (self->cases != NULL)
    bd_case_list_hold (self->cases, self->pointer_in || self->keyboard_in);
}

static void
on_pointer_enter (BdCaseSidebar *self)
{
  self->pointer_in = TRUE;
  update_hold (self);
}

static void
on_pointer_leave (BdCaseSidebar *self)
{
  self->pointer_in = FALSE;
  update_hold (self);
}

static void
on_keyboard_enter (BdCaseSidebar *self)
{
  self->keyboard_in = TRUE;
  update_hold (self);
}

static void
on_keyboard_leave (BdCaseSidebar *self)
{
  self->keyboard_in = FALSE;
  update_hold (self);
}

static void
bd_case_sidebar_init (BdCaseSidebar *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  name_status_button (self);
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_pointer_enter), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_pointer_leave), self);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_keyboard_enter), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_keyboard_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), motion);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), focus);
}
