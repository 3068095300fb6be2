/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-plan-page"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-os-version.h"
#include "bd-plan-page.h"
#include "bd-window.h"

/* The plan for the open case: its guides in order, quick wins first and
 * resets last, with the progress of the whole plan and of each guide. */
struct _BdPlanPage
{
  AdwBin parent_instance;

  BdSession *session;
  GPtrArray *rows;        /* AdwActionRow per guide, in plan order */

  GtkLabel *symptom_label;
  GtkLabel *cause_label;
  AdwComboRow *ios_row;
  GArray *ios_majors;     /* int, the combo's versions after "Not sure" */
  gboolean updating;
  GtkProgressBar *progress;
  GtkButton *continue_button;
  GtkListBox *guides_list;
};

G_DEFINE_FINAL_TYPE (BdPlanPage, bd_plan_page, ADW_TYPE_BIN)

static const char *
kind_name (BdGuideKind kind)
{
  switch (kind)
    {
    case BD_GUIDE_KIND_CHECK:
      return C_("guide kind", "Check");
    case BD_GUIDE_KIND_FIX:
      return C_("guide kind", "Fix");
    case BD_GUIDE_KIND_RESET:
      return C_("guide kind", "Reset");
    case BD_GUIDE_KIND_EDGE_CASE:
      return C_("guide kind", "Unusual cause");
    case BD_GUIDE_KIND_PREVENTION:
      return C_("guide kind", "Prevention");
    case BD_GUIDE_KIND_ESCALATION:
      return C_("guide kind", "Getting more help");
    default:
      return "";
    }
}

static char *
state_text (const BdPlanGuide *entry)
{
  switch (entry->state)
    {
    case BD_GUIDE_STATE_CLEARED:
      return g_strdup (_("Cleared the badge"));
    case BD_GUIDE_STATE_NOT_CLEARED:
      return g_strdup (_("Tried, did not clear"));
    case BD_GUIDE_STATE_SKIPPED:
      return g_strdup (_("Skipped"));
    case BD_GUIDE_STATE_FINISHED:
      return g_strdup (_("All steps done"));
    case BD_GUIDE_STATE_UNTRIED:
    case BD_GUIDE_STATE_IN_PROGRESS:
    default:
      /* TRANSLATORS: progress of one guide, e.g. "2 of 5 steps" */
      return g_strdup_printf (ngettext ("%u of %u step", "%u of %u steps", entry->n_units),
                              bd_plan_guide_get_handled (entry), entry->n_units);
    }
}

static const char *
state_icon (BdGuideState state)
{
  switch (state)
    {
    case BD_GUIDE_STATE_CLEARED:
    case BD_GUIDE_STATE_FINISHED:
      return "emblem-ok-symbolic";
    case BD_GUIDE_STATE_NOT_CLEARED:
      return "window-close-symbolic";
    case BD_GUIDE_STATE_SKIPPED:
      return "media-skip-forward-symbolic";
    case BD_GUIDE_STATE_IN_PROGRESS:
      return "radio-mixed-symbolic";
    case BD_GUIDE_STATE_UNTRIED:
    default:
      return "radio-symbolic";
    }
}

/* Widgets a guide row keeps, to update in place: rows never reorder or
 * rebuild under the pointer while the plan stays the same. */
typedef struct
{
  GtkImage *icon;
  GtkProgressBar *progress;
  GtkLabel *current;
} RowParts;

static GtkWidget *
create_row (const BdPlanGuide *entry)
{
  GtkWidget *row = adw_action_row_new ();
  RowParts *parts = g_new0 (RowParts, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bd_text_get (bd_guide_get_title (entry->guide)));
  /* the icon is for the eye; a screen reader hears the state in the
   * row's description (update_row) */
  parts->icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (parts->icon));
  parts->current = GTK_LABEL (gtk_label_new (_("Now")));
  gtk_widget_add_css_class (GTK_WIDGET (parts->current), "accent");
  gtk_widget_add_css_class (GTK_WIDGET (parts->current), "caption-heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (parts->current));
  parts->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_add_css_class (GTK_WIDGET (parts->progress), "guide-progress");
  gtk_widget_set_valign (GTK_WIDGET (parts->progress), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (parts->progress));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-guide");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", bd_guide_get_id (entry->guide));
  g_object_set_data_full (G_OBJECT (row), "parts", parts, g_free);
  return row;
}

/* What the state icon shows, in words: the subtitle says the rest. */
static const char *
state_word (BdGuideState state)
{
  switch (state)
    {
    case BD_GUIDE_STATE_UNTRIED:
      return _("Not tried yet");
    case BD_GUIDE_STATE_IN_PROGRESS:
      return _("In progress");
    case BD_GUIDE_STATE_CLEARED:
    case BD_GUIDE_STATE_NOT_CLEARED:
    case BD_GUIDE_STATE_SKIPPED:
    case BD_GUIDE_STATE_FINISHED:
    default:
      return NULL;  /* the subtitle's state text says it */
    }
}

/* "Now · Not tried yet · Fix · 0 of 6 steps": the row's icon and "Now"
 * badge, told to a screen reader with the title. */
static void
describe_row (GtkWidget         *row,
              const BdPlanGuide *entry,
              gboolean           current,
              const char        *subtitle)
{
  g_autoptr(GString) description = g_string_new (NULL);
  const char *word = state_word (entry->state);

  if (current)
    g_string_append_printf (description, "%s · ", _("Now"));
  if (word != NULL)
    g_string_append_printf (description, "%s · ", word);
  g_string_append (description, subtitle);
  /* the description, not the subtitle label the row points to */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
}

static void
update_row (GtkWidget         *row,
            const BdPlanGuide *entry,
            gboolean           current)
{
  RowParts *parts = g_object_get_data (G_OBJECT (row), "parts");
  g_autofree char *state = state_text (entry);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", kind_name (bd_guide_get_kind (entry->guide)), state);
  double fraction = entry->n_units ? (double) bd_plan_guide_get_handled (entry) / entry->n_units : 0;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_image_set_from_icon_name (parts->icon, state_icon (entry->state));
  gtk_progress_bar_set_fraction (parts->progress, fraction);
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);
  gtk_widget_set_visible (GTK_WIDGET (parts->current), current);
  describe_row (row, entry, current, subtitle);
  if (entry->state == BD_GUIDE_STATE_CLEARED)
    gtk_widget_add_css_class (GTK_WIDGET (parts->icon), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (parts->icon), "success");
}

static gboolean
same_guides (BdPlanPage *self,
             BdPlan     *plan)
{
  if (self->rows->len != bd_plan_get_n_guides (plan))
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GVariant *target = gtk_actionable_get_action_target_value (g_ptr_array_index (self->rows, i));
      if (!g_str_equal (g_variant_get_string (target, NULL), bd_guide_get_id (bd_plan_get_guide (plan, i)->guide)))
        return FALSE;
    }
  return TRUE;
}

static void
rebuild (BdPlanPage *self,
         BdPlan     *plan)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->guides_list))) != NULL)
    gtk_list_box_remove (self->guides_list, child);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < bd_plan_get_n_guides (plan); i++)
    {
      GtkWidget *row = create_row (bd_plan_get_guide (plan, i));
      g_ptr_array_add (self->rows, row);
      gtk_list_box_append (self->guides_list, row);
    }
}

static void
update_header (BdPlanPage *self,
               BdCase     *kase,
               BdPlan     *plan)
{
  GPtrArray *symptoms = bd_case_get_symptoms (kase);
  BdPack *pack = bd_session_get_pack (self->session);
  BdSymptom *first = symptoms->len ? bd_pack_lookup_symptom (pack, ((BdCaseSymptom *) symptoms->pdata[0])->id) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *progress = NULL;
  guint handled, total;
  int current = bd_plan_get_current (plan);

  /* in the guidance's language today; the case's own words are history */
  for (guint i = 0; i < symptoms->len; i++)
    {
      const BdCaseSymptom *kept = symptoms->pdata[i];
      BdSymptom *symptom = bd_pack_lookup_symptom (pack, kept->id);

      g_string_append_printf (text, "%s%s", i ? "\n" : "",
                              symptom != NULL ? bd_text_get (bd_symptom_get_text (symptom)) : kept->text);
    }
  gtk_label_set_text (self->symptom_label, text->str);
  gtk_label_set_text (self->cause_label, first ? bd_text_get (bd_symptom_get_cause (first)) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cause_label), first != NULL);

  gtk_progress_bar_set_fraction (self->progress, bd_plan_get_progress (plan, &handled, &total));
  /* TRANSLATORS: progress of the whole plan, e.g. "5 of 12 steps" */
  progress = g_strdup_printf (ngettext ("%u of %u step", "%u of %u steps", total), handled, total);
  gtk_progress_bar_set_text (self->progress, progress);

  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), current >= 0);
  if (current >= 0)
    {
      BdGuide *guide = bd_plan_get_guide (plan, current)->guide;
      /* TRANSLATORS: the button to the guide to work on now */
      g_autofree char *label = g_strdup_printf (_("Continue: %s"), bd_text_get (bd_guide_get_title (guide)));
      gtk_label_set_text (GTK_LABEL (gtk_button_get_child (self->continue_button)), label);
      /* GTK 4.8 names a button by its label only when the button made it */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->continue_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->continue_button), "s", bd_guide_get_id (guide));
    }
}

/* The iOS releases the guidance covers, newest first: Apple went from
 * iOS 18 to iOS 26, so the numbers between were never released. */
static void
fill_ios_versions (BdPlanPage *self,
                   BdPack     *pack)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = 0;
  const BdCoverage *coverage = bd_pack_get_coverage (pack, &n);
  int from = 0, to = 0;

  for (guint i = 0; i < n; i++)
    if (g_str_equal (coverage[i].platform, "iOS"))
      {
        from = coverage[i].from / 1000;
        to = coverage[i].to / 1000;
      }
  g_array_set_size (self->ios_majors, 0);
  gtk_string_list_append (names, _("Not sure"));
  for (int major = to; major >= from && major > 0; major--)
    if (major <= 18 || major >= 26)
      {
        g_autofree char *name = g_strdup_printf ("iOS %d", major);
        gtk_string_list_append (names, name);
        g_array_append_val (self->ios_majors, major);
      }
  adw_combo_row_set_model (self->ios_row, G_LIST_MODEL (names));
}

/* The combo follows the case: "17.5" shows as iOS 17, anything it
 * cannot read as Not sure. */
static void
update_ios (BdPlanPage *self,
            BdCase     *kase)
{
  int version = 0;
  guint position = 0;

  if (self->ios_majors->len == 0)
    fill_ios_versions (self, bd_session_get_pack (self->session));
  if (bd_os_version_read (bd_case_get_ios (kase), &version))
    for (guint i = 0; i < self->ios_majors->len; i++)
      if (g_array_index (self->ios_majors, int, i) == version / 1000)
        position = i + 1;
  self->updating = TRUE;
  adw_combo_row_set_selected (self->ios_row, position);
  self->updating = FALSE;
}

static void
on_ios_selected (BdPlanPage *self)
{
  BdCase *kase = self->session != NULL ? bd_session_get_case (self->session) : NULL;
  guint position = adw_combo_row_get_selected (self->ios_row);
  g_autofree char *ios = NULL;
  int version = 0;

  if (self->updating || kase == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  if (position == 0)
    ios = g_strdup ("");
  else
    {
      int major = g_array_index (self->ios_majors, int, position - 1);
      /* the case may say more than the combo: keep "17.5" for iOS 17 */
      if (bd_os_version_read (bd_case_get_ios (kase), &version) && version / 1000 == major)
        return;
      ios = g_strdup_printf ("%d", major);
    }
  if (g_str_equal (ios, bd_case_get_ios (kase)))
    return;
  bd_case_set_ios (kase, ios);
  bd_session_set_details_async (self->session, BD_CASE_FIELD_IOS, bd_window_write_done, g_object_ref (self));
}

static void
refresh (BdPlanPage *self)
{
  BdPlan *plan = bd_session_get_plan (self->session);
  BdCase *kase = bd_session_get_case (self->session);

  if (plan == NULL)
    return;
  if (!same_guides (self, plan))
    rebuild (self, plan);
  update_header (self, kase, plan);
  update_ios (self, kase);
  for (guint i = 0; i < self->rows->len; i++)
    update_row (g_ptr_array_index (self->rows, i), bd_plan_get_guide (plan, i),
                (int) i == bd_plan_get_current (plan));
}

void
bd_plan_page_set_session (BdPlanPage *self,
                          BdSession  *session)
{
  g_return_if_fail (BD_IS_PLAN_PAGE (self));
  g_return_if_fail (BD_IS_SESSION (session));

  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::plan", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
bd_plan_page_dispose (GObject *object)
{
  BdPlanPage *self = BD_PLAN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_PLAN_PAGE);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->ios_majors, g_array_unref);
  G_OBJECT_CLASS (bd_plan_page_parent_class)->dispose (object);
}

static void
bd_plan_page_class_init (BdPlanPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bd_plan_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BdPlanPage, symptom_label);
  gtk_widget_class_bind_template_child (widget_class, BdPlanPage, cause_label);
  gtk_widget_class_bind_template_child (widget_class, BdPlanPage, ios_row);
  gtk_widget_class_bind_template_child (widget_class, BdPlanPage, progress);
  gtk_widget_class_bind_template_child (widget_class, BdPlanPage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, BdPlanPage, guides_list);
}

static void
bd_plan_page_init (BdPlanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->ios_majors = g_array_new (FALSE, FALSE, sizeof (int));
  /* "Weiter: Nachrichten in iCloud auffrischen" wraps at phone width */
  {
    GtkWidget *label = gtk_label_new (NULL);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    gtk_button_set_child (self->continue_button, label);
  }
  g_signal_connect_swapped (self->ios_row, "notify::selected", G_CALLBACK (on_ios_selected), self);
}

/**
 * bd_plan_page_focus_default:
 *
 * Puts the keyboard on the iOS version of a case just started, else on
 * Continue, or on the first guide when the plan is done.
 */
void
bd_plan_page_focus_default (BdPlanPage *self)
{
  BdCase *kase;

  g_return_if_fail (BD_IS_PLAN_PAGE (self));

  kase = self->session != NULL ? bd_session_get_case (self->session) : NULL;
  /* a case just started asks first which iOS the phone runs */
  if (kase != NULL && *bd_case_get_ios (kase) == '\0' && bd_case_get_steps (kase)->len == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->ios_row));
  else if (gtk_widget_get_visible (GTK_WIDGET (self->continue_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
  else if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
}
