/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-bare-window"

#include <adwaita.h>
#include <locale.h>

/*
 * The baseline for bench-startup: the least a libadwaita app can show, an
 * AdwApplicationWindow the app's size holding a header bar, started and
 * stopped the way the app is. Whatever the app takes beyond this is its own.
 */

#define APP_ID "io.github.badgedoctor.BadgeDoctor.BenchBare"

static void
quit_after_paint (GdkFrameClock *clock,
                  gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, quit_after_paint, user_data);
  g_application_quit (G_APPLICATION (user_data));
}

/* As the app does: the frame clock exists once the window is mapped. */
static void
quit_on_first_frame (GtkWidget *window,
                     gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (quit_after_paint), user_data);
}

static GtkWidget *
create_window (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  /* the app's default size, from its template and settings */
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  return window;
}

static void
activate (GApplication *app,
          gpointer      user_data)
{
  const gboolean *exit_after_first_frame = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (create_window (GTK_APPLICATION (app)));
      if (*exit_after_first_frame)
        g_signal_connect (window, "map", G_CALLBACK (quit_on_first_frame), app);
    }
  gtk_window_present (window);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;
  gboolean exit_after_first_frame = FALSE;
  const GOptionEntry entries[] = {
    { "exit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE,
      &exit_after_first_frame, "Quit once the first frame is painted", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (app), entries);
  g_signal_connect (app, "activate", G_CALLBACK (activate), &exit_after_first_frame);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
