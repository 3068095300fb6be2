/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-window"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-case-page.h"
#include "bd-case-sidebar.h"
#include "bd-checklist-page.h"
#include "bd-explanations-page.h"
#include "bd-guide-page.h"
#include "bd-matrix-page.h"
#include "bd-plan-page.h"
#include "bd-report-dialog.h"
#include "bd-resets-page.h"
#include "bd-window.h"
#include "bd-entry-limit.h"

/*
 * The main window: the case sidebar and the pages of the open case. It
 * only presents and routes: what a person does goes to the BdSession,
 * and the pages follow its "plan" notifications.
 *
 * Where the person is (page, guide, scroll) is remembered per case in the
 * store, so opening a case returns exactly there.
 */
/* The pages other than the matrix are made on first visit: the first
 * frame needs only the matrix, and start-up must stay close to a bare
 * window's (bench/startup). */
/* In a case's view, after where the window was: its running waits. */
#define WAITS_MARK "|waits="

struct _BdWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  BdPack *pack;              /* the guidance this window was made on */
  GCancellable *cancellable; /* cancelled on close: no answer reaches a closed window */
  BdSession *session;
  GtkWindow *shortcuts;
  gboolean close_confirmed; /* closing with a wait running was agreed to */
  GPtrArray *history; /* views to go back to, "page" or "page:argument" */
  char *view;         /* the view shown now */
  gboolean restoring;
  gboolean acted;           /* the person did something since the window opened */
  gboolean restore_pending; /* the last case, asked for at start, not here yet */

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_box;
  BdCaseSidebar *sidebar;
  GtkWidget *back_button;
  AdwWindowTitle *window_title;
  GtkStack *stack;
  BdMatrixPage *matrix_page;
  BdPlanPage *plan_page;
  BdGuidePage *guide_page;
  BdResetsPage *resets_page;
  BdChecklistPage *checklist_page;
  BdExplanationsPage *explanations_page;
  BdCasePage *case_page;
  AdwStatusPage *resolved_page;
  GtkLabel *status_label;
  GtkWidget *whats_new_button;
};

G_DEFINE_FINAL_TYPE (BdWindow, bd_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_CASES_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static BdApplication *
get_app (BdWindow *self)
{
  return BD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* What the person does wins over going back to the last case at start:
 * a restore not asked for yet is not asked, one on its way is void. */
static void person_acts (BdWindow *self);

/* An answer from the store can come after the window closed (it holds a
 * reference until then): nothing is shown in it any more. */
static gboolean
is_gone (BdWindow *self)
{
  /* gtk_window_destroy() lets go of the application before disposing */
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable) || get_app (self) == NULL;
}

/**
 * bd_window_show_error:
 *
 * Tells the person, in a toast, that something they asked for failed.
 * @message is plain text (a path may hold an ampersand); toast titles are
 * markup on libadwaita 1.2, so it is escaped.
 */
void
bd_window_show_error (BdWindow   *self,
                      const char *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (is_gone (self))
    return;
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * bd_window_report:
 * @what: what failed, in the person's words, ending in a colon
 *
 * Tells the person, in a toast, that something failed and why; a request
 * overtaken by what they did next says nothing.
 */
void
bd_window_report (BdWindow     *self,
                  const char   *what,
                  const GError *error)
{
  g_autofree char *words = NULL;
  g_autofree char *message = NULL;

  /* overtaken by what the person did next: nothing to say */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  words = bd_case_backend_describe_error (error);
  message = g_strdup_printf ("%s %s", what, words);

  /* what the person can do something about, not a fault of the program */
  g_debug ("%s", message);
  bd_window_show_error (self, message);
}

/* The list of cases is made when it is first shown: a person on their own
 * may never open it. */
static void
show_sidebar (BdWindow *self,
              gboolean  visible)
{
  /* "cases-shown" is the Show Cases menu item's check mark */
  if (gtk_widget_get_visible (self->sidebar_box) != visible)
    {
      gtk_widget_set_visible (self->sidebar_box, visible);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASES_SHOWN]);
    }
  if (!visible || self->sidebar != NULL)
    return;
  self->sidebar = g_object_new (BD_TYPE_CASE_SIDEBAR, "vexpand", TRUE, NULL);
  bd_case_sidebar_set_pack (self->sidebar, self->pack);
  gtk_box_append (GTK_BOX (self->sidebar_box), GTK_WIDGET (self->sidebar));
  if (self->session != NULL)
    {
      BdCase *kase = bd_session_get_case (self->session);
      bd_case_sidebar_set_backend (self->sidebar, bd_session_get_backend (self->session));
      bd_case_sidebar_refresh (self->sidebar, kase ? bd_case_get_id (kase) : NULL);
    }
}

static void
refresh_sidebar (BdWindow   *self,
                 const char *select_id)
{
  if (self->sidebar != NULL)
    bd_case_sidebar_refresh (self->sidebar, select_id);
}

/* --- the session ------------------------------------------------------ */

/* The label, else the first symptom in the guidance's language today
 * (the case keeps the words of the day it started, maybe in another). */
static char *
dup_case_title (BdWindow *self,
                BdCase   *kase)
{
  GPtrArray *symptoms = bd_case_get_symptoms (kase);
  BdSymptom *symptom = NULL;

  if (*bd_case_get_label (kase) == '\0' && symptoms->len > 0)
    symptom = bd_pack_lookup_symptom (self->pack, ((BdCaseSymptom *) symptoms->pdata[0])->id);
  if (symptom != NULL)
    return g_strdup (bd_text_get (bd_symptom_get_text (symptom)));
  return bd_case_dup_title (kase);
}

static void
update_titles (BdWindow *self)
{
  BdCase *kase = self->session ? bd_session_get_case (self->session) : NULL;
  g_autofree char *title = kase ? dup_case_title (self, kase) : NULL;

  adw_window_title_set_subtitle (self->window_title, title ? title : "");
}

/* A report needs a case. */
static void
update_report_actions (BdWindow *self)
{
  gboolean have_case = self->session != NULL && bd_session_get_case (self->session) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", have_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-report", have_case);
}

static void
on_plan_changed (BdWindow *self)
{
  BdCase *kase = bd_session_get_case (self->session);

  update_titles (self);
  update_report_actions (self);
  if (self->resets_page != NULL)
    bd_resets_page_set_pack (self->resets_page, bd_session_get_pack (self->session));
  g_settings_set_string (self->settings, "last-case", kase ? bd_case_get_id (kase) : "");
  refresh_sidebar (self, kase ? bd_case_get_id (kase) : NULL);
}

/* The first answer of the store says whether it had to be moved aside or
 * cannot be used at all. */
static void
store_opened (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);
  g_autofree char *recovered = bd_case_backend_dup_recovered_path (BD_CASE_BACKEND (object));

  if (recovered != NULL)
    {
      g_autofree char *message = g_strdup_printf (
        _("Your cases could not be read. They were moved to %s and a new list was started."), recovered);
      bd_window_show_error (self, message);
    }
  else if (reply == NULL)
    bd_window_report (self, _("Cases cannot be saved:"), error);
}

/**
 * bd_window_get_session:
 *
 * Makes the session the first time it is needed, never before the first
 * frame unless the person acts first. The store opens on its own worker;
 * nothing here waits for it.
 *
 * Returns: (transfer none): the session
 */
BdSession *
bd_window_get_session (BdWindow *self)
{
  BdCaseBackend *backend;

  g_return_val_if_fail (BD_IS_WINDOW (self), NULL);

  if (self->session != NULL)
    return self->session;
  backend = bd_application_get_backend (get_app (self));
  self->session = bd_session_new (self->pack, backend);
  g_signal_connect_swapped (self->session, "notify::plan", G_CALLBACK (on_plan_changed), self);
  if (self->sidebar != NULL)
    bd_case_sidebar_set_backend (self->sidebar, backend);
  bd_case_backend_run_async (backend, bd_case_request_new (BD_CASE_OP_OPEN, NULL), self->cancellable,
                             store_opened, g_object_ref (self));
  return self->session;
}

/* --- views ------------------------------------------------------------ */

static void
save_view (BdWindow *self)
{
  g_autofree char *view = NULL;

  if (self->session == NULL || self->view == NULL || self->restoring)
    return;
  if (g_str_has_prefix (self->view, "guide:"))
    view = g_strdup_printf ("%s:%d", self->view, (int) bd_guide_page_get_scroll (self->guide_page));
  else
    view = g_strdup (self->view);
  /* the waits running in the case go on while the window is closed */
  if (self->guide_page != NULL && bd_session_get_case (self->session) != NULL)
    {
      g_autofree char *waits = bd_guide_page_dup_waits (self->guide_page,
                                                        bd_case_get_id (bd_session_get_case (self->session)));
      if (*waits != '\0')
        {
          char *with = g_strdup_printf ("%s" WAITS_MARK "%s", view, waits);
          g_free (view);
          view = with;
        }
    }
  bd_session_set_view (self->session, view);
}

/* Makes a page the first time it is shown. Pages that follow the case are
 * only asked for once there is a session. */
static void
ensure_page (BdWindow   *self,
             const char *page)
{
  BdPack *pack = self->pack;
  GtkWidget *widget = NULL;

  if (gtk_stack_get_child_by_name (self->stack, page) != NULL)
    return;
  if (g_str_equal (page, "plan") && self->session != NULL)
    {
      widget = GTK_WIDGET (self->plan_page = g_object_new (BD_TYPE_PLAN_PAGE, NULL));
      bd_plan_page_set_session (self->plan_page, self->session);
    }
  else if (g_str_equal (page, "guide") && self->session != NULL)
    {
      widget = GTK_WIDGET (self->guide_page = g_object_new (BD_TYPE_GUIDE_PAGE, NULL));
      bd_guide_page_set_session (self->guide_page, self->session);
    }
  else if (g_str_equal (page, "checklist") && self->session != NULL)
    {
      widget = GTK_WIDGET (self->checklist_page = g_object_new (BD_TYPE_CHECKLIST_PAGE, NULL));
      bd_checklist_page_set_session (self->checklist_page, self->session);
    }
  else if (g_str_equal (page, "details") && self->session != NULL)
    {
      widget = GTK_WIDGET (self->case_page = g_object_new (BD_TYPE_CASE_PAGE, NULL));
      bd_case_page_set_help_desk (self->case_page, g_settings_get_boolean (self->settings, "help-desk-mode"));
      bd_case_page_set_session (self->case_page, self->session);
    }
  else if (g_str_equal (page, "resets"))
    {
      widget = GTK_WIDGET (self->resets_page = g_object_new (BD_TYPE_RESETS_PAGE, NULL));
      bd_resets_page_set_pack (self->resets_page, self->session != NULL ? bd_session_get_pack (self->session) : pack);
    }
  else if (g_str_equal (page, "resolved"))
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/bd-resolved-page.ui");
      self->resolved_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "resolved_page"));
      /* the stack keeps it; the builder's reference goes with the builder */
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->resolved_page), page);
    }
  else if (g_str_equal (page, "explanations"))
    {
      widget = GTK_WIDGET (self->explanations_page = g_object_new (BD_TYPE_EXPLANATIONS_PAGE, NULL));
      bd_explanations_page_set_pack (self->explanations_page, pack);
    }
  if (widget != NULL)
    gtk_stack_add_named (self->stack, widget, page);
}

static gboolean
page_needs_case (const char *page)
{
  return g_str_equal (page, "plan") || g_str_equal (page, "guide") || g_str_equal (page, "details")
         || g_str_equal (page, "resolved");
}

/* Shows "page" or "page:argument" without touching the history. */
static gboolean
present (BdWindow   *self,
         const char *view)
{
  g_auto(GStrv) parts = g_strsplit (view, ":", 3);
  const char *page = parts[0];
  BdCase *kase = self->session ? bd_session_get_case (self->session) : NULL;

  if (is_gone (self) || (page_needs_case (page) && kase == NULL))
    return FALSE;
  ensure_page (self, page);
  if (g_str_equal (page, "guide"))
    {
      if (parts[1] == NULL || !bd_guide_page_set_guide (self->guide_page, parts[1]))
        return FALSE;
      if (parts[2] != NULL)
        bd_guide_page_set_scroll (self->guide_page, g_ascii_strtod (parts[2], NULL));
    }
  else if (g_str_equal (page, "checklist"))
    {
      if (parts[1] == NULL || self->checklist_page == NULL
          || !bd_checklist_page_set_checklist (self->checklist_page, parts[1]))
        return FALSE;
    }
  else if (g_str_equal (page, "resolved"))
    {
      const char *guide_id = bd_case_get_resolved_by (kase);
      BdGuide *guide = guide_id ? bd_pack_lookup_guide (bd_session_get_pack (self->session), guide_id) : NULL;
      g_autofree char *by = NULL;

      if (bd_case_get_status (kase) != BD_CASE_STATUS_RESOLVED)
        return FALSE;
      /* TRANSLATORS: under "The Badge Cleared": the guide that did it */
      by = guide ? g_strdup_printf (_("Cleared by: %s"), bd_text_get (bd_guide_get_title (guide)))
                 : g_strdup (_("The case is marked resolved."));
      adw_status_page_set_description (self->resolved_page, by);
    }
  if (gtk_stack_get_child_by_name (self->stack, page) == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->stack, page);
  /* the keyboard lands where the person goes next */
  if (g_str_equal (page, "plan"))
    bd_plan_page_focus_default (self->plan_page);
  else if (g_str_equal (page, "guide"))
    bd_guide_page_focus_next (self->guide_page);
  g_free (self->view);
  /* the scroll position is the page's own; the view names the page */
  self->view = parts[1] != NULL ? g_strjoin (":", parts[0], parts[1], NULL) : g_strdup (page);
  gtk_widget_set_visible (self->back_button, self->history->len > 0);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  save_view (self);
  return TRUE;
}

/* Goes to a view, remembering where the person came from. */
static void
go (BdWindow   *self,
    const char *view)
{
  g_autofree char *from = self->view ? g_strdup (self->view) : NULL;

  if (from != NULL && g_str_equal (from, view))
    return;
  save_view (self);
  if (from != NULL)
    g_ptr_array_add (self->history, g_steal_pointer (&from));
  if (!present (self, view))
    {
      if (self->history->len > 0)
        g_ptr_array_remove_index (self->history, self->history->len - 1);
      gtk_widget_set_visible (self->back_button, self->history->len > 0);
    }
}

/**
 * bd_window_write_done:
 * @user_data: (transfer full): the widget that asked for the write
 *
 * The GAsyncReadyCallback for a session write started by a page: says,
 * in a toast of the page's window, why a change could not be saved.
 */
void
bd_window_write_done (GObject      *session,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!bd_session_write_finish (BD_SESSION (session), result, &error) && BD_IS_WINDOW (root))
    bd_window_report (BD_WINDOW (root), _("Your change could not be saved:"), error);
}

/**
 * bd_window_is_busy:
 *
 * Returns: whether the person's last actions are still being saved, or
 *   the list of cases is still being read
 */
gboolean
bd_window_is_busy (BdWindow *self)
{
  g_return_val_if_fail (BD_IS_WINDOW (self), FALSE);
  return (self->session != NULL && bd_session_is_busy (self->session))
         || (self->sidebar != NULL && bd_case_sidebar_is_loading (self->sidebar));
}

const char *
bd_window_get_page (BdWindow *self)
{
  g_return_val_if_fail (BD_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Where a case opens: where it was left, or its next step. */
static char *
view_for_case (BdWindow *self)
{
  BdCase *kase = bd_session_get_case (self->session);
  BdPlan *plan = bd_session_get_plan (self->session);
  const char *stored = bd_session_get_view (self->session);
  int current;

  if (*stored != '\0')
    return g_strdup (stored);
  if (bd_case_get_status (kase) == BD_CASE_STATUS_RESOLVED)
    return g_strdup ("resolved");
  current = bd_plan_get_current (plan);
  if (current >= 0 && bd_plan_guide_get_handled (bd_plan_get_guide (plan, current)) > 0)
    return g_strdup_printf ("guide:%s", bd_guide_get_id (bd_plan_get_guide (plan, current)->guide));
  return g_strdup (bd_case_get_symptoms (kase)->len > 0 ? "plan" : "matrix");
}

/* Shows the case the session just opened where it was left. */
static void
show_opened_case (BdWindow *self)
{
  g_autofree char *view = view_for_case (self);
  char *waits = strstr (view, WAITS_MARK);

  if (waits != NULL)
    {
      *waits = '\0';
      ensure_page (self, "guide");
      if (self->guide_page != NULL)
        bd_guide_page_restore_waits (self->guide_page, bd_case_get_id (bd_session_get_case (self->session)),
                                     waits + strlen (WAITS_MARK));
    }

  g_ptr_array_set_size (self->history, 0);
  self->restoring = TRUE;
  if (!g_str_equal (view, "matrix") && !g_str_has_prefix (view, "plan"))
    g_ptr_array_add (self->history, g_strdup ("plan"));
  if (!present (self, view))
    present (self, "plan");
  self->restoring = FALSE;
}

typedef struct
{
  BdWindow *self;
  gboolean quiet; /* a case reopened at start that is gone says nothing */
} Opening;

static void
case_opened (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(BdWindow) self = opening->self;
  g_autoptr(GError) error = NULL;
  gboolean quiet = opening->quiet;

  g_free (opening);
  if (quiet)
    self->restore_pending = FALSE;
  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    {
      if (!quiet && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bd_window_report (self, _("The case cannot be opened:"), error);
      return;
    }
  if (is_gone (self) || bd_session_get_case (self->session) == NULL)
    return;
  show_opened_case (self);
}

static void
open_case_full (BdWindow   *self,
                const char *id,
                gboolean    quiet)
{
  BdSession *session = bd_window_get_session (self);
  Opening *opening = g_new0 (Opening, 1);

  save_view (self);
  opening->self = g_object_ref (self);
  opening->quiet = quiet;
  bd_session_open_case_async (session, id, case_opened, opening);
}

static void
open_case (BdWindow   *self,
           const char *id)
{
  open_case_full (self, id, FALSE);
}

/* --- actions ---------------------------------------------------------- */

static void
person_acts (BdWindow *self)
{
  self->acted = TRUE;
  if (self->restore_pending && self->session != NULL)
    bd_session_close_case (self->session);
  self->restore_pending = FALSE;
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_autofree char *previous = NULL;

  person_acts (self);
  if (self->history->len == 0)
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      return;
    }
  save_view (self);
  previous = g_ptr_array_steal_index (self->history, self->history->len - 1);
  if (!present (self, previous))
    present (self, "matrix");
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  const char *view = g_variant_get_string (parameter, NULL);

  person_acts (self);
  if (page_needs_case (view))
    bd_window_get_session (self);
  if (g_str_equal (view, "matrix"))
    g_ptr_array_set_size (self->history, 0);
  go (self, view);
}

/* A guide opened from the resets or a checklist before any symptom was
 * chosen still needs a case to remember its ticks in. */
static void
case_started_for_guide (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(BdWindow) self = g_object_get_data (user_data, "window");
  g_autofree char *view = g_strdup (g_object_get_data (user_data, "view"));
  g_autoptr(GError) error = NULL;

  g_object_unref (user_data);
  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    bd_window_report (self, _("The case cannot be started:"), error);
  else if (!is_gone (self))
    go (self, view);
}

static void
open_guide_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_autofree char *view = g_strdup_printf ("guide:%s", g_variant_get_string (parameter, NULL));
  GObject *pending;

  person_acts (self);
  if (bd_session_get_case (bd_window_get_session (self)) != NULL)
    {
      go (self, view);
      return;
    }
  pending = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data_full (pending, "window", g_object_ref (self), NULL);
  g_object_set_data_full (pending, "view", g_steal_pointer (&view), g_free);
  bd_session_new_case_async (self->session, NULL, case_started_for_guide, pending);
}

static void
open_checklist_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  g_autofree char *view = g_strdup_printf ("checklist:%s", g_variant_get_string (parameter, NULL));

  person_acts (self);
  bd_window_get_session (self);
  go (self, view);
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  person_acts (BD_WINDOW (widget));
  open_case (BD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_customer_response (AdwMessageDialog *dialog,
                      const char       *response,
                      BdWindow         *self)
{
  GtkEditable *label = g_object_get_data (G_OBJECT (dialog), "label");
  GtkEditable *ticket = g_object_get_data (G_OBJECT (dialog), "ticket");
  BdCase *kase = bd_session_get_case (self->session);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save") || kase == NULL)
    return;
  if (!bd_case_check_detail (BD_CASE_FIELD_LABEL, gtk_editable_get_text (label), &error)
      || !bd_case_check_detail (BD_CASE_FIELD_TICKET, gtk_editable_get_text (ticket), &error))
    {
      bd_window_report (self, _("The label and ticket were not saved:"), error);
      return;
    }
  bd_case_set_label (kase, gtk_editable_get_text (label));
  bd_case_set_ticket (kase, gtk_editable_get_text (ticket));
  bd_session_set_details_async (self->session, BD_CASE_FIELD_LABEL | BD_CASE_FIELD_TICKET,
                                bd_window_write_done, g_object_ref (self));
}

static GtkWidget *
add_entry (GtkListBox *list,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  bd_entry_row_limit (ADW_ENTRY_ROW (row), BD_CASE_MAX_SHORT_TEXT);
  gtk_list_box_append (list, row);
  return row;
}

/* A help desk names each case for the customer and their ticket. */
static void
ask_customer (BdWindow *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
    _("Who Is This Case For?"), _("The label and ticket show in the list of cases and on the report.")));
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_object_set_data (G_OBJECT (dialog), "label", add_entry (GTK_LIST_BOX (list), _("Customer label")));
  g_object_set_data (G_OBJECT (dialog), "ticket", add_entry (GTK_LIST_BOX (list), _("Ticket")));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "skip", _("_Skip"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "skip");
  g_signal_connect (dialog, "response", G_CALLBACK (on_customer_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
case_started (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    {
      bd_window_report (self, _("The case cannot be started:"), error);
      return;
    }
  if (is_gone (self))
    return;
  g_ptr_array_set_size (self->history, 0);
  g_ptr_array_add (self->history, g_strdup ("matrix"));
  present (self, "plan");
  if (g_settings_get_boolean (self->settings, "help-desk-mode"))
    ask_customer (self);
}

static void
start_case (BdWindow   *self,
            const char *symptom_id)
{
  bd_session_new_case_async (self->session, symptom_id, case_started, g_object_ref (self));
}

static void
symptom_added (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    bd_window_report (self, _("The symptom cannot be added:"), error);
  else if (!is_gone (self))
    go (self, "plan");
}

static void
add_symptom (BdWindow   *self,
             const char *symptom_id)
{
  bd_session_add_symptom_async (self->session, symptom_id, symptom_added, g_object_ref (self));
}

static void
on_symptom_response (AdwMessageDialog *dialog,
                     const char       *response,
                     BdWindow         *self)
{
  const char *symptom_id = g_object_get_data (G_OBJECT (dialog), "symptom");

  if (g_str_equal (response, "add"))
    add_symptom (self, symptom_id);
  else if (g_str_equal (response, "new"))
    start_case (self, symptom_id);
}

/* Choosing a symptom starts a case, or adds to the open one when the
 * person says so. */
static void
choose_symptom_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  const char *symptom_id = g_variant_get_string (parameter, NULL);
  BdCase *kase;
  AdwMessageDialog *dialog;

  person_acts (self);
  kase = bd_session_get_case (bd_window_get_session (self));
  if (kase == NULL || bd_case_get_status (kase) == BD_CASE_STATUS_RESOLVED)
    {
      start_case (self, symptom_id);
      return;
    }
  if (bd_case_has_symptom (kase, symptom_id))
    {
      go (self, "plan");
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Add to This Case?"),
    _("The open case is about another symptom. Add this one to it, so both plans are followed "
      "together, or start a new case for it.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "new", _("_New Case"),
                                    "add", _("_Add to Case"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "symptom", g_strdup (symptom_id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_symptom_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A new case starts from the matrix: the symptom is its first fact. */
static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  person_acts (self);
  save_view (self);
  if (self->session != NULL)
    bd_session_close_case (self->session);
  g_ptr_array_set_size (self->history, 0);
  present (self, "matrix");
  bd_matrix_page_focus_first (self->matrix_page);
}

typedef struct
{
  BdWindow *self;
  char *title; /* the case's, for the toast: a help desk sees whose it was */
} Deleting;

static void
case_deleted (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Deleting *deleting = user_data;
  g_autoptr(BdWindow) self = deleting->self;
  g_autofree char *title = deleting->title;
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  AdwToast *toast;

  g_free (deleting);
  if (!bd_session_write_finish (BD_SESSION (object), result, &error))
    {
      bd_window_report (self, _("The case cannot be deleted:"), error);
      return;
    }
  if (is_gone (self))
    return;
  g_ptr_array_set_size (self->history, 0);
  present (self, "matrix");
  /* the keyboard goes where a new case starts, not onto a row the toast
   * covers */
  bd_matrix_page_focus_first (self->matrix_page);
  /* a toast's title is markup in libadwaita 1.2: the label is escaped.
   * TRANSLATORS: a toast; %s is the case's label or symptom */
  words = g_markup_printf_escaped (_("Deleted “%s”"), title);
  toast = adw_toast_new (words);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_case_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  Deleting *deleting;

  if (self->session == NULL || bd_session_get_case (self->session) == NULL)
    return;
  save_view (self);
  deleting = g_new0 (Deleting, 1);
  deleting->self = g_object_ref (self);
  deleting->title = dup_case_title (self, bd_session_get_case (self->session));
  bd_session_delete_case_async (self->session, case_deleted, deleting);
}

static void
undone (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(BdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  BdUndoKind kind;

  if (!bd_session_undo_finish (BD_SESSION (object), result, &kind, &error))
    {
      if (!g_error_matches (error, BD_ERROR, BD_ERROR_NOT_FOUND))
        bd_window_report (self, _("Undo failed:"), error);
      else
        bd_window_show_error (self, _("There is nothing to undo."));
      return;
    }
  if (is_gone (self))
    return;
  /* the session opened the case it touched; a deleted one comes back
   * where it was left */
  if (kind == BD_UNDO_DELETE)
    show_opened_case (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (kind == BD_UNDO_DELETE ? _("Case restored") : _("Step change undone")));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  person_acts (self);
  save_view (self);
  bd_session_undo_async (bd_window_get_session (self), undone, g_object_ref (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  show_sidebar (self, TRUE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  bd_window_get_session (self);
  bd_case_sidebar_focus_search (self->sidebar);
}

static void
bd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BdWindow *self = BD_WINDOW (object);

  /* asked for by the action before the template is there, too */
  if (prop_id == PROP_CASES_SHOWN)
    g_value_set_boolean (value, self->sidebar_box != NULL && gtk_widget_get_visible (self->sidebar_box));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BdWindow *self = BD_WINDOW (object);

  if (prop_id != PROP_CASES_SHOWN)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  show_sidebar (self, g_value_get_boolean (value));
  if (g_value_get_boolean (value))
    bd_window_get_session (self);
}

/* Built when first asked for: GtkApplication would build it with every
 * window, before the first frame, from gtk/help-overlay.ui. */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");
      self->shortcuts = GTK_WINDOW (g_object_ref (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts, TRUE);
    }
  gtk_window_present (self->shortcuts);
}

/* --- reports ---------------------------------------------------------- */

static void
on_open_report (AdwToast   *toast,
                const char *uri)
{
  GtkWidget *window = g_object_get_data (G_OBJECT (toast), "bd-window");

  gtk_show_uri (GTK_WINDOW (window), uri, GDK_CURRENT_TIME);
}

static void
on_report_saved (BdWindow   *self,
                 const char *path)
{
  AdwToast *toast;

  if (path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("The report was sent to the printer")));
      return;
    }
  {
    g_autofree char *name = g_filename_display_basename (path);
    /* A toast title is markup on libadwaita 1.2: the file name is escaped. */
    g_autofree char *title = g_markup_printf_escaped (_("Report saved as “%s”"), name);
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

    toast = adw_toast_new (title);
    if (uri != NULL)
      {
        adw_toast_set_button_label (toast, _("_Open"));
        g_object_set_data (G_OBJECT (toast), "bd-window", self);
        g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_report),
                               g_steal_pointer (&uri), (GClosureNotify) (void (*) (void)) g_free, 0);
      }
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

/* Export Report… and Print… open the same dialog: the person sees what
 * leaves before it leaves, whichever way it goes. */
static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  BdCase *kase = self->session != NULL ? bd_session_get_case (self->session) : NULL;
  BdReportDialog *dialog;

  if (kase == NULL)
    return;
  dialog = bd_report_dialog_new (GTK_WINDOW (self), bd_session_get_pack (self->session), kase);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_report_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  bd_report_dialog_focus (dialog, g_str_equal (action_name, "win.print-report"));
}

/* --- set-up ----------------------------------------------------------- */

/* The status line follows what the app knows of guidance updates. */
static void
on_new_pack (BdWindow *self)
{
  BdGuidanceUpdates *updates = bd_application_get_updates (get_app (self));

  gtk_widget_set_visible (self->whats_new_button, bd_guidance_updates_get_new_pack (updates) != NULL);
}

/* A check the person asked for answers in a toast; a quiet one only in
 * the status line. */
static void
on_checked (BdWindow   *self,
            gboolean    manual,
            gboolean    success,
            const char *status)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (!manual || !gtk_window_is_active (GTK_WINDOW (self)))
    return;
  escaped = g_markup_escape_text (status, -1);
  toast = adw_toast_new (escaped);
  if (bd_guidance_updates_get_new_pack (bd_application_get_updates (get_app (self))) != NULL)
    {
      adw_toast_set_button_label (toast, _("What’s _New"));
      adw_toast_set_action_name (toast, "win.whats-new");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
follow_updates (BdWindow *self)
{
  BdGuidanceUpdates *updates = bd_application_get_updates (get_app (self));

  g_object_bind_property (updates, "status", self->status_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (updates, "notify::new-pack", G_CALLBACK (on_new_pack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (updates, "checked", G_CALLBACK (on_checked), self, G_CONNECT_SWAPPED);
  on_new_pack (self);
}

static gboolean
use_new_guidance (gpointer app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "use-new-guidance", NULL);
  return G_SOURCE_REMOVE;
}

/* Using the new guidance makes this window again: done once the dialog,
 * which belongs to this window, has closed. */
static void
on_whats_new_response (AdwMessageDialog *dialog,
                       const char       *response,
                       BdWindow         *self)
{
  if (g_str_equal (response, "use"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, use_new_guidance, g_object_ref (get_app (self)), g_object_unref);
}

/* The guides the downloaded guidance adds or words differently. */
static void
whats_new_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BdWindow *self = BD_WINDOW (widget);
  BdGuidanceUpdates *updates = bd_application_get_updates (get_app (self));
  BdPack *pack = bd_guidance_updates_get_new_pack (updates);
  GPtrArray *changes = bd_guidance_updates_get_changes (updates);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (pack == NULL)
    return;
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const BdGuideChange *change = g_ptr_array_index (changes, i);
      /* TRANSLATORS: a line of "What's New": "New: Turn badges off and on again" */
      g_string_append_printf (body, change->added ? _("New: %s\n") : _("Changed: %s\n"), change->title);
    }
  if (body->len == 0)
    g_string_append (body, _("No guide changed; the update corrects details.\n"));
  g_string_append (body, _("\nCases keep the words they showed when you ticked a step."));
  heading = g_strdup_printf (_("Guidance %s"), bd_pack_get_version (pack));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("Use From _Next Start"), "use", _("_Use Now"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "use", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "use");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect (dialog, "response", G_CALLBACK (on_whats_new_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* After the first frame: open the store, fill the list, and go back to
 * where the person was. */
static gboolean
restore_last_case (gpointer user_data)
{
  BdWindow *self = user_data;
  g_autofree char *last = NULL;

  if (is_gone (self))
    return G_SOURCE_REMOVE;
  last = g_settings_get_string (self->settings, "last-case");
  bd_window_get_session (self);
  if (!self->acted && *last != '\0' && bd_uuid_is_valid (last) && self->view != NULL
      && g_str_equal (self->view, "matrix"))
    {
      self->restore_pending = TRUE;
      open_case_full (self, last, TRUE);
    }
  return G_SOURCE_REMOVE;
}

static void
on_map (BdWindow *self)
{
  g_idle_add_full (G_PRIORITY_LOW, restore_last_case, g_object_ref (self), g_object_unref);
}

static gboolean
close_now (gpointer data)
{
  gtk_window_close (data);
  return G_SOURCE_REMOVE;
}

static void
on_close_answer (AdwMessageDialog *dialog,
                 const char       *response,
                 BdWindow         *self)
{
  if (!g_str_equal (response, "close"))
    return;
  self->close_confirmed = TRUE;
  /* once the dialog, which belongs to the window, has closed itself */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_now, g_object_ref (self), g_object_unref);
}

/* A wait running when the window closes goes on (its end is kept with
 * the case), but nothing says when it ends: the person is asked first. */
static gboolean
on_close_request (BdWindow *self)
{
  AdwMessageDialog *dialog;

  save_view (self);
  if (self->close_confirmed || self->guide_page == NULL || !bd_guide_page_is_waiting (self->guide_page))
    return FALSE;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("A Wait Is Still Running"),
    _("It goes on while Badge Doctor is closed, and the case shows it as over when you open it again, "
      "but nothing tells you when it ends.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Open"), "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_answer), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
on_help_desk_mode (BdWindow *self)
{
  gboolean help_desk = g_settings_get_boolean (self->settings, "help-desk-mode");

  show_sidebar (self, help_desk);
  if (self->case_page != NULL)
    bd_case_page_set_help_desk (self->case_page, help_desk);
  if (help_desk && gtk_widget_get_mapped (GTK_WIDGET (self)))
    bd_window_get_session (self);
}

static void
bd_window_dispose (GObject *object)
{
  BdWindow *self = BD_WINDOW (object);

  /* Quitting destroys the window without a close request: remember
   * where the person was while the pages still exist, and let queued
   * ticks reach the disk before the program ends. */
  save_view (self);
  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_WINDOW);
  if (self->shortcuts != NULL)
    gtk_window_destroy (self->shortcuts);
  g_clear_object (&self->shortcuts);
  g_clear_object (&self->session);
  g_clear_object (&self->pack);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->view, g_free);
  G_OBJECT_CLASS (bd_window_parent_class)->dispose (object);
}

static void
bd_window_class_init (BdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_window_dispose;
  object_class->get_property = bd_window_get_property;
  object_class->set_property = bd_window_set_property;

  /* Show Cases (F9), a check item: the list of cases beside the page */
  properties[PROP_CASES_SHOWN] = g_param_spec_boolean ("cases-shown", NULL, NULL, FALSE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BD_TYPE_MATRIX_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, matrix_page);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, whats_new_button);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.open-guide", "s", open_guide_action);
  gtk_widget_class_install_action (widget_class, "win.open-checklist", "s", open_checklist_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", "s", open_case_action);
  gtk_widget_class_install_action (widget_class, "win.choose-symptom", "s", choose_symptom_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.delete-case", NULL, delete_case_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "cases-shown");
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.whats-new", NULL, whats_new_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "win.print-report", NULL, report_action);

}

typedef struct
{
  guint key;
  GdkModifierType mods;
  const char *action;
  const char *target;   /* a string parameter, or NULL */
  gboolean text_key;    /* means something in a text field: left to it there */
} WindowKey;

static const WindowKey window_keys[] = {
  { GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL, FALSE },
  { GDK_KEY_Back, 0, "win.back", NULL, FALSE },
  { GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL, FALSE },
  { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL, TRUE },
  { GDK_KEY_Delete, GDK_CONTROL_MASK, "win.delete-case", NULL, TRUE },
  { GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL, FALSE },
  { GDK_KEY_F9, 0, "win.show-sidebar", NULL, FALSE },
  { GDK_KEY_e, GDK_CONTROL_MASK, "win.export-report", NULL, FALSE },
  { GDK_KEY_p, GDK_CONTROL_MASK, "win.print-report", NULL, FALSE },
  { GDK_KEY_i, GDK_CONTROL_MASK, "win.show-page", "details", FALSE },
  { GDK_KEY_Home, GDK_ALT_MASK, "win.show-page", "matrix", FALSE },
};

static gboolean
in_text (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

static gboolean
run_window_key (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  const WindowKey *key = user_data;

  if (key->text_key && in_text (widget))
    return FALSE;
  if (key->target != NULL)
    return gtk_widget_activate_action (widget, key->action, "s", key->target);
  return gtk_widget_activate_action (widget, key->action, NULL);
}

/* The window's keys work wherever the keyboard is, before any child sees
 * them (a list row or the leaflet would take Alt+Left, a combo row Ctrl+
 * Delete); in a text field, Ctrl+Z and Ctrl+Delete stay text editing. */
static void
add_window_keys (BdWindow *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (window_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (window_keys[i].key, window_keys[i].mods),
                        gtk_callback_action_new (run_window_key, (gpointer) &window_keys[i], NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

static void
bd_window_init (BdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->settings, "changed::help-desk-mode", G_CALLBACK (on_help_desk_mode), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  add_window_keys (self);
  on_help_desk_mode (self);
  update_report_actions (self);
}

BdWindow *
bd_window_new (BdApplication *application)
{
  BdWindow *self;
  BdPack *pack;

  g_return_val_if_fail (BD_IS_APPLICATION (application), NULL);

  self = g_object_new (BD_TYPE_WINDOW, "application", application, NULL);
  pack = bd_application_get_pack (application);
  self->pack = g_object_ref (pack);
  bd_matrix_page_set_pack (self->matrix_page, pack);
  follow_updates (self);
  present (self, "matrix");
  return self;
}
