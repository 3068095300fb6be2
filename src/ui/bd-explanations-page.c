/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-explanations-page"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-explanations-page.h"

/* "Is this normal?": when a mismatch is expected, why badges drift, and
 * the questions people ask. */
struct _BdExplanationsPage
{
  AdwBin parent_instance;

  AdwPreferencesGroup *normal_group;
  AdwPreferencesGroup *cause_group;
  AdwPreferencesGroup *faq_group;
};

G_DEFINE_FINAL_TYPE (BdExplanationsPage, bd_explanations_page, ADW_TYPE_BIN)

static GtkWidget *
create_row (BdExplanation *explanation)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *body = gtk_label_new (bd_text_get (bd_explanation_get_body (explanation)));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), bd_text_get (bd_explanation_get_title (explanation)));
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), body);
  return expander;
}

void
bd_explanations_page_set_pack (BdExplanationsPage *self,
                               BdPack             *pack)
{
  GListModel *explanations;

  g_return_if_fail (BD_IS_EXPLANATIONS_PAGE (self));

  explanations = bd_pack_get_explanations (pack);
  for (guint i = 0; i < g_list_model_get_n_items (explanations); i++)
    {
      g_autoptr(BdExplanation) explanation = g_list_model_get_item (explanations, i);
      AdwPreferencesGroup *group;

      switch (bd_explanation_get_kind (explanation))
        {
        case BD_EXPLANATION_KIND_NORMAL:
          group = self->normal_group;
          break;
        case BD_EXPLANATION_KIND_CAUSE:
          group = self->cause_group;
          break;
        case BD_EXPLANATION_KIND_FAQ:
        default:
          group = self->faq_group;
          break;
        }
      adw_preferences_group_add (group, create_row (explanation));
    }
}

static void
bd_explanations_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BD_TYPE_EXPLANATIONS_PAGE);
  G_OBJECT_CLASS (bd_explanations_page_parent_class)->dispose (object);
}

static void
bd_explanations_page_class_init (BdExplanationsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bd_explanations_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-explanations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BdExplanationsPage, normal_group);
  gtk_widget_class_bind_template_child (widget_class, BdExplanationsPage, cause_group);
  gtk_widget_class_bind_template_child (widget_class, BdExplanationsPage, faq_group);
}

static void
bd_explanations_page_init (BdExplanationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
