/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-window"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-window.h"

/* The main window. For now it shows the quick-fix matrix: each symptom in
 * the person's words, its likely cause and the first fix to try. */
struct _BdWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  AdwPreferencesGroup *symptoms_group;
  GtkLabel *status_label;
};

G_DEFINE_FINAL_TYPE (BdWindow, bd_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *
create_symptom_row (BdPack    *pack,
                    BdSymptom *symptom)
{
  BdGuide *first_fix = bd_pack_lookup_guide (pack, bd_symptom_get_first_fix (symptom));
  /* TRANSLATORS: the likely cause, then the guide to try first */
  g_autofree char *subtitle = g_strdup_printf (_("%s\nFirst fix: %s"),
                                               bd_text_get (bd_symptom_get_cause (symptom)),
                                               bd_text_get (bd_guide_get_title (first_fix)));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bd_text_get (bd_symptom_get_text (symptom)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
fill_matrix (BdWindow *self,
             BdPack   *pack)
{
  GListModel *symptoms = bd_pack_get_symptoms (pack);
  g_autofree char *status = g_strdup_printf (_("Guidance %s"), bd_pack_get_version (pack));

  for (guint i = 0; i < g_list_model_get_n_items (symptoms); i++)
    {
      g_autoptr(BdSymptom) symptom = g_list_model_get_item (symptoms, i);
      adw_preferences_group_add (self->symptoms_group, create_symptom_row (pack, symptom));
    }
  gtk_label_set_text (self->status_label, status);
}

static void
bd_window_dispose (GObject *object)
{
  BdWindow *self = BD_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (bd_window_parent_class)->dispose (object);
}

static void
bd_window_class_init (BdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BdWindow, symptoms_group);
  gtk_widget_class_bind_template_child (widget_class, BdWindow, status_label);
}

static void
bd_window_init (BdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

BdWindow *
bd_window_new (BdApplication *application)
{
  BdWindow *self;

  g_return_val_if_fail (BD_IS_APPLICATION (application), NULL);

  self = g_object_new (BD_TYPE_WINDOW, "application", application, NULL);
  fill_matrix (self, bd_application_get_pack (application));
  return self;
}
