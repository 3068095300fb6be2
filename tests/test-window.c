/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "bd-application.h"
#include "bd-window.h"

/* The window in a real display: it lists the quick-fix matrix from the
 * bundled guidance, and renders to a PNG for a person to look at. */

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 target = gdk_frame_clock_get_frame_counter (clock) + n;

  while (gdk_frame_clock_get_frame_counter (clock) < target)
    g_main_context_iteration (NULL, TRUE);
}

static void
save_png (GtkWidget  *window,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "screenshots", name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_matrix (void)
{
  g_autoptr(BdApplication) app = bd_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWindow *window;
  BdPack *pack;
  GListModel *symptoms;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (BD_IS_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 3);

  pack = bd_application_get_pack (app);
  symptoms = bd_pack_get_symptoms (pack);
  collect_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (symptoms));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(BdSymptom) symptom = g_list_model_get_item (symptoms, i);
      const char *title = adw_preferences_row_get_title (g_ptr_array_index (rows, i));
      g_assert_cmpstr (title, ==, bd_text_get (bd_symptom_get_text (symptom)));
      g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (rows, 0)));
    }

  save_png (GTK_WIDGET (window), "matrix-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (window, 360, 640);
  wait_for_frames (GTK_WIDGET (window), 3);
  save_png (GTK_WIDGET (window), "matrix-dark-360.png");
  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/matrix", test_matrix);
  return g_test_run ();
}
