/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-resets-page"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-resets-page.h"

/* The safe-reset ladder, least disruptive first: what each reset does,
 * keeps and loses, when to use it, where it is, and its guide. */
struct _BdResetsPage
{
  AdwBin parent_instance;

  AdwPreferencesGroup *ladder_group;
  BdPack *pack;        /* whose words the rows show */
  GPtrArray *rows;
};

G_DEFINE_FINAL_TYPE (BdResetsPage, bd_resets_page, ADW_TYPE_BIN)

/* A heading over selectable text: a person may copy a settings path.
 * (AdwActionRow's selectable subtitle needs libadwaita 1.3.) */
static void
add_fact (AdwExpanderRow *expander,
          const char     *title,
          BdText         *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *body = gtk_label_new (bd_text_get (text));

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);
  adw_expander_row_add_row (expander, box);
}

static GtkWidget *
create_reset_row (BdReset *reset,
                  guint    rung)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *open_row = adw_action_row_new ();
  /* TRANSLATORS: a rung of the reset ladder, e.g. "1. Reset Network Settings" */
  g_autofree char *title = g_strdup_printf (_("%u. %s"), rung, bd_text_get (bd_reset_get_name (reset)));
  /* TRANSLATORS: under a reset's name: what it costs */
  g_autofree char *subtitle = g_strdup_printf (_("Loses: %s"), bd_text_get (bd_reset_get_loses (reset)));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  add_fact (ADW_EXPANDER_ROW (expander), _("What it does"), bd_reset_get_does (reset));
  add_fact (ADW_EXPANDER_ROW (expander), _("What it keeps"), bd_reset_get_keeps (reset));
  add_fact (ADW_EXPANDER_ROW (expander), _("What it loses"), bd_reset_get_loses (reset));
  add_fact (ADW_EXPANDER_ROW (expander), _("When to use it"), bd_reset_get_when (reset));
  add_fact (ADW_EXPANDER_ROW (expander), _("Where it is"), bd_reset_get_path (reset));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (open_row), _("Open the step-by-step guide"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (open_row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (open_row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open_row), "win.open-guide");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open_row), "s", bd_reset_get_guide_id (reset));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), open_row);
  return expander;
}

void
bd_resets_page_set_pack (BdResetsPage *self,
                         BdPack       *pack)
{
  GListModel *resets;

  g_return_if_fail (BD_IS_RESETS_PAGE (self));

  /* A case on another iOS version has each reset somewhere else. */
  if (pack == self->pack)
    return;
  g_set_object (&self->pack, pack);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->ladder_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  resets = bd_pack_get_resets (pack);
  for (guint i = 0; i < g_list_model_get_n_items (resets); i++)
    {
      g_autoptr(BdReset) reset = g_list_model_get_item (resets, i);
      GtkWidget *row = create_reset_row (reset, i + 1);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->ladder_group, row);
    }
}

static void
bd_resets_page_dispose (GObject *object)
{
  BdResetsPage *self = BD_RESETS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), BD_TYPE_RESETS_PAGE);
  g_clear_object (&self->pack);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (bd_resets_page_parent_class)->dispose (object);
}

static void
bd_resets_page_class_init (BdResetsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bd_resets_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-resets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BdResetsPage, ladder_group);
}

static void
bd_resets_page_init (BdResetsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}
