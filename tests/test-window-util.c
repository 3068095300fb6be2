/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-util"

#include "bd-config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "test-window-util.h"

/*
 * What the window tests share: starting the app in a real display,
 * letting it settle, acting as a person, and reading back what the store
 * has.
 */

void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

void
settle (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gint64 target;

  /* ticks and edits commit on a worker thread: wait for them first */
  while (BD_IS_WINDOW (root) && bd_window_is_busy (BD_WINDOW (root)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (500);
  target = gdk_frame_clock_get_frame_counter (clock) + 3;
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  /* with animations off nothing else asks for frames: ask for them */
  while (gdk_frame_clock_get_frame_counter (clock) < target && g_get_monotonic_time () < deadline)
    {
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

App
start_app (void)
{
  App a = start_app_unsettled ();

  settle (GTK_WIDGET (a.window));
  return a;
}

/* The app just activated, before its main loop has turned: what happens
 * next is the test's first action. */
App
start_app_unsettled (void)
{
  static guint n;
  App a = { bd_application_new (), NULL };
  g_autoptr(GError) error = NULL;
  /* A "restart" in one test process: each instance needs its own D-Bus
   * path. Settings and resources do not depend on the id. */
  g_autofree char *id = g_strdup_printf ("%s.Test%u", APP_ID, n++);

  g_application_set_application_id (G_APPLICATION (a.app), id);
  g_application_set_flags (G_APPLICATION (a.app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (a.app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (a.app));
  a.window = BD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (a.app)));
  g_assert_true (BD_IS_WINDOW (a.window));
  return a;
}

void
stop_app (App *a)
{
  gtk_window_destroy (GTK_WINDOW (a->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&a->app);
}

void
act (BdWindow   *window,
     const char *action,
     const char *target)
{
  if (target != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, "s", target));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  settle (GTK_WIDGET (window));
}

/* The case as the store has it, asked for the way the CLI asks. */
BdCase *
stored_case (App *a)
{
  BdSession *session = bd_window_get_session (a->window);
  BdCase *kase = bd_session_get_case (session);
  g_autoptr(BdCaseReply) reply = NULL;

  g_assert_nonnull (kase);
  reply = bd_case_backend_run (bd_session_get_backend (session),
                               bd_case_request_new (BD_CASE_OP_LOAD, bd_case_get_id (kase)), NULL);
  g_assert_nonnull (reply);
  return g_steal_pointer (&reply->kase);
}

void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Waits for a change the test made through the session, as a page does. */
gboolean
written (BdSession     *session,
         GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean ok;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
  ok = bd_session_write_finish (session, *result, NULL);
  g_clear_object (result);
  return ok;
}

gboolean
save_details (BdSession    *session,
              BdCaseFields  fields)
{
  GAsyncResult *result = NULL;

  bd_session_set_details_async (session, fields, keep_result, &result);
  return written (session, &result);
}

void
save_png (gpointer    window,
          const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "screenshots", file, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* What every window test process sets up first: a private store and
 * cache, the build tree's translations, settings in memory, accessible
 * properties kept for the assertions, no animations, no update check. */
void
test_window_init (int    *argc,
                  char ***argv)
{
  g_autofree char *data = g_dir_make_tmp ("bd-ui-XXXXXX", NULL);
  g_autofree char *cache = g_dir_make_tmp ("bd-ui-cache-XXXXXX", NULL);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* the interface's catalogues from the build tree, as the app's main() */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BADGE_DOCTOR_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* A private store for this run only. G_TEST_OPTION_ISOLATE_DIRS would
   * also hide the icon themes and the MIME database GTK needs. */
  g_assert_nonnull (data);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* GTK_A11Y=none keeps accessible properties nowhere; the in-memory
   * "test" backend keeps them for the assertions, and no more than "none"
   * does it talk to an accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* screenshots of finished pages, not of transitions */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* no check of the real guidance address in the background */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_boolean (settings, "auto-update", FALSE);
  }
}
