/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-matrix-page"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-matrix-page.h"

/* The start page: what does the badge do? Each symptom in the person's
 * words, its likely cause and the fix to try first; below, the resets,
 * the checklists and "Is this normal?". */
struct _BdMatrixPage
{
  AdwBin parent_instance;

  AdwPreferencesGroup *symptoms_group;
  AdwPreferencesGroup *more_group;
  GtkWidget *first_row;
  BdPack *pack;
  guint n_symptoms_shown;
  guint more_tick;
};

/* The symptom rows a window of the usual size shows before scrolling. */
#define FIRST_SCREEN_SYMPTOMS 6

G_DEFINE_FINAL_TYPE (BdMatrixPage, bd_matrix_page, ADW_TYPE_BIN)

/* A wrapping GtkLabel looks for its natural width by laying its text out
 * at one width after another (about fifteen per label here), and that
 * text shaping was most of the time to the first frame. The natural width
 * of the unwrapped text is as good for a row that always gets the page's
 * width; the text still wraps as before at the width it is given. */
static void
calm_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    gtk_label_set_natural_wrap_mode (GTK_LABEL (widget), GTK_NATURAL_WRAP_NONE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    calm_labels (child);
}

static GtkWidget *
create_row (const char *title,
            const char *subtitle,
            const char *action,
            const char *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 5);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 8);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target);
  return row;
}

static GtkWidget *
create_symptom_row (BdPack    *pack,
                    BdSymptom *symptom)
{
  BdGuide *first_fix = bd_pack_lookup_guide (pack, bd_symptom_get_first_fix (symptom));
  /* TRANSLATORS: the likely cause, then the guide to try first */
  g_autofree char *subtitle = g_strdup_printf (_("%s\nFirst fix: %s"),
                                               bd_text_get (bd_symptom_get_cause (symptom)),
                                               bd_text_get (bd_guide_get_title (first_fix)));

  return create_row (bd_text_get (bd_symptom_get_text (symptom)), subtitle, "win.choose-symptom",
                     bd_symptom_get_id (symptom));
}

static void
add_more (BdMatrixPage *self,
          BdPack       *pack)
{
  adw_preferences_group_add (self->more_group,
    create_row (_("Safe resets"), _("What each reset does, keeps and loses, least disruptive first"),
                "win.show-page", "resets"));
  if (bd_pack_lookup_checklist (pack, "five-minute") != NULL)
    adw_preferences_group_add (self->more_group,
      create_row (_("Five-minute checklist"), _("The quick checks, for when you have done this before"),
                  "win.open-checklist", "five-minute"));
  if (bd_pack_lookup_checklist (pack, "walkthrough") != NULL)
    adw_preferences_group_add (self->more_group,
      create_row (_("Step-by-step walkthrough"), _("Every fix in order, on one page"),
                  "win.open-checklist", "walkthrough"));
  adw_preferences_group_add (self->more_group,
    create_row (_("Is this normal?"), _("When a badge that lags behind is expected, and common questions"),
                "win.show-page", "explanations"));
}

/* Adds the symptom rows not shown yet, up to @n_shown in all. */
static void
add_symptoms (BdMatrixPage *self,
              guint         n_shown)
{
  GListModel *symptoms = bd_pack_get_symptoms (self->pack);
  guint n = MIN (n_shown, g_list_model_get_n_items (symptoms));

  for (; self->n_symptoms_shown < n; self->n_symptoms_shown++)
    {
      g_autoptr(BdSymptom) symptom = g_list_model_get_item (symptoms, self->n_symptoms_shown);
      GtkWidget *row = create_symptom_row (self->pack, symptom);

      if (self->first_row == NULL)
        self->first_row = row;
      adw_preferences_group_add (self->symptoms_group, row);
    }
}

static gboolean
add_more_after_first_frame (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       user_data)
{
  BdMatrixPage *self = BD_MATRIX_PAGE (widget);

  /* the tick before the first paint runs too: wait for a painted frame */
  if (gdk_frame_clock_get_frame_counter (clock) < 2)
    return G_SOURCE_CONTINUE;
  self->more_tick = 0;
  add_symptoms (self, G_MAXUINT);
  add_more (self, self->pack);
  calm_labels (GTK_WIDGET (self));
  g_clear_object (&self->pack);
  return G_SOURCE_REMOVE;
}

/**
 * bd_matrix_page_set_pack:
 *
 * Fills the page from the guidance; called once.
 */
void
bd_matrix_page_set_pack (BdMatrixPage *self,
                         BdPack       *pack)
{
  g_return_if_fail (BD_IS_MATRIX_PAGE (self));
  g_return_if_fail (BD_IS_PACK (pack));
  g_return_if_fail (self->pack == NULL && self->n_symptoms_shown == 0);

  /* What is below the fold at any usual size (the other symptoms, then
   * the resets, checklists and explanations) is added right after the
   * first frame is painted, so the first frame shapes less text. */
  self->pack = g_object_ref (pack);
  add_symptoms (self, FIRST_SCREEN_SYMPTOMS);
  calm_labels (GTK_WIDGET (self));
  self->more_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), add_more_after_first_frame, NULL, NULL);
}

void
bd_matrix_page_focus_first (BdMatrixPage *self)
{
  g_return_if_fail (BD_IS_MATRIX_PAGE (self));

  if (self->first_row != NULL)
    gtk_widget_grab_focus (self->first_row);
}

static void
bd_matrix_page_dispose (GObject *object)
{
  BdMatrixPage *self = BD_MATRIX_PAGE (object);

  if (self->more_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->more_tick);
  self->more_tick = 0;
  g_clear_object (&self->pack);
  gtk_widget_dispose_template (GTK_WIDGET (object), BD_TYPE_MATRIX_PAGE);
  G_OBJECT_CLASS (bd_matrix_page_parent_class)->dispose (object);
}

static void
bd_matrix_page_class_init (BdMatrixPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bd_matrix_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-matrix-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BdMatrixPage, symptoms_group);
  gtk_widget_class_bind_template_child (widget_class, BdMatrixPage, more_group);
}

static void
bd_matrix_page_init (BdMatrixPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
