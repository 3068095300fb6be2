/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-application"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-application.h"
#include "bd-error.h"
#include "bd-guidance-cache.h"
#include "bd-guidance-updates.h"
#include "bd-sqlite-store.h"
#include "bd-window.h"

struct _BdApplication
{
  AdwApplication parent_instance;

  GSettings *settings;

  BdPack *pack;
  BdGuidanceUpdates *updates;
  BdCaseBackend *backend;
  guint maintain_id;
  gboolean checking;  /* the upkeep under way checks the whole file */
  gboolean exit_after_first_frame;
};

G_DEFINE_FINAL_TYPE (BdApplication, bd_application, ADW_TYPE_APPLICATION)

BdApplication *
bd_application_new (void)
{
  return g_object_new (BD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * bd_application_get_pack:
 *
 * Returns: (transfer none): the guidance in use
 */
BdPack *
bd_application_get_pack (BdApplication *self)
{
  g_return_val_if_fail (BD_IS_APPLICATION (self), NULL);
  return self->pack;
}

/**
 * bd_application_get_updates:
 *
 * Returns: (transfer none): what the app knows of guidance updates
 */
BdGuidanceUpdates *
bd_application_get_updates (BdApplication *self)
{
  g_return_val_if_fail (BD_IS_APPLICATION (self), NULL);
  return self->updates;
}

#define PURGE_AFTER_DAYS 30
#define CHECK_EVERY_SECONDS (24 * 3600)
#define MAINTAIN_AFTER_SECONDS 30
#define POLL_MS 2000

static void
maintained (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);

  if (reply == NULL && !g_error_matches (error, BD_ERROR, BD_ERROR_CORRUPT))
    {
      /* busy or full now: the next start tries again */
      g_debug ("case store upkeep: %s", error->message);
      return;
    }
  /* a day from the check that ran, not from a purge alone */
  if (self->checking)
    g_settings_set_int64 (self->settings, "store-checked", g_get_real_time () / G_USEC_PER_SEC);
}

/* Upkeep the person never waits for: cases deleted more than 30 days ago
 * are removed for good, and once a day the whole file is checked (a
 * damaged store is moved aside; the window says so on its next request). */
static gboolean
maintain (gpointer user_data)
{
  BdApplication *self = user_data;
  BdCaseRequest *request = bd_case_request_new (BD_CASE_OP_MAINTAIN, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->maintain_id = 0;
  request->before = (now - (gint64) PURGE_AFTER_DAYS * 24 * 3600) * G_USEC_PER_SEC;
  request->check = now - g_settings_get_int64 (self->settings, "store-checked") >= CHECK_EVERY_SECONDS;
  self->checking = request->check;
  bd_case_backend_run_async (self->backend, request, NULL, maintained, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/**
 * bd_application_get_backend:
 *
 * The case store, made on first use, never before the first frame. Making
 * it touches no file: it opens on its own worker with the first request.
 *
 * Returns: (transfer none): where cases are kept
 */
BdCaseBackend *
bd_application_get_backend (BdApplication *self)
{
  g_return_val_if_fail (BD_IS_APPLICATION (self), NULL);

  if (self->backend == NULL)
    {
      BdSqliteStore *store = bd_sqlite_store_new_default (BD_CASE_STORE_READ_WRITE);

      /* what the CLI or another window changes shows here too */
      bd_sqlite_store_set_poll_interval (store, POLL_MS);
      self->backend = BD_CASE_BACKEND (store);
      self->maintain_id = g_timeout_add_seconds (MAINTAIN_AFTER_SECONDS, maintain, self);
    }
  return self->backend;
}

static void
quit_after_paint (GdkFrameClock *clock,
                  gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, quit_after_paint, user_data);
  g_application_quit (G_APPLICATION (user_data));
}

/* For bench/startup: the time from exec to the first painted frame. */
static void
quit_on_first_frame (GtkWidget *window,
                     gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (quit_after_paint), user_data);
}

static void
start_updates_after_paint (GdkFrameClock *clock,
                           gpointer       user_data)
{
  BdApplication *self = user_data;

  g_signal_handlers_disconnect_by_func (clock, start_updates_after_paint, user_data);
  bd_guidance_updates_start (self->updates);
}

/* Guidance checks begin once the window is on screen, never before. */
static void
start_updates_on_first_frame (GtkWidget *window,
                              gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (window, start_updates_on_first_frame, user_data);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (start_updates_after_paint), user_data);
}

static void
bd_application_activate (GApplication *app)
{
  BdApplication *self = BD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (bd_window_new (self));
      if (self->exit_after_first_frame)
        g_signal_connect (window, "map", G_CALLBACK (quit_on_first_frame), self);
      else
        g_signal_connect (window, "map", G_CALLBACK (start_updates_on_first_frame), self);
    }
  gtk_window_present (window);
}

static int
bd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  BdApplication *self = BD_APPLICATION (app);

  if (g_variant_dict_contains (options, "exit-after-first-frame"))
    {
      self->exit_after_first_frame = TRUE;
      /* measured alone, not handed to a running instance */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

/* The trusted keys: the built-in one and those an administrator added; a
 * malformed extra key is left out (and said so), never fatal. */
static GPtrArray *
trusted_keys (BdApplication *self)
{
  g_auto(GStrv) extra = g_settings_get_strv (self->settings, "trusted-keys");
  g_autoptr(GError) error = NULL;
  GPtrArray *keys = bd_guidance_trusted_keys_new ((const char * const *) extra, &error);

  if (keys == NULL)
    {
      g_warning ("Ignoring the trusted-keys setting: %s", error->message);
      keys = bd_guidance_trusted_keys_new (NULL, NULL);
    }
  return keys;
}

typedef struct
{
  GPtrArray *keys;
  char *cache_dir;
  BdPack *pack;
  GError *cache_error;
} Loading;

/* The newest good guidance: the verified cache when it is newer than the
 * bundled pack, which is part of the program and the floor. */
static gpointer
load_guidance (gpointer data)
{
  Loading *loading = data;

  loading->pack = bd_guidance_load_current (loading->cache_dir, loading->keys, &loading->cache_error);
  /* Guidance signed with a key no longer trusted was left in place, not
   * damaged: only damage is worth a word in the status line. */
  if (loading->cache_error != NULL && strstr (loading->cache_error->message, "unknown key") != NULL)
    g_clear_error (&loading->cache_error);
  return NULL;
}

static void
bd_application_startup (GApplication *app)
{
  BdApplication *self = BD_APPLICATION (app);
  g_autoptr(GAction) action = NULL;
  Loading loading = { 0 };
  GThread *thread;

  /* The pack, in three languages, is parsed and checked on another core
   * while GTK and libadwaita start: start-up waits for the slower one. */
  self->settings = g_settings_new (APP_ID);
  loading.keys = trusted_keys (self);
  loading.cache_dir = bd_guidance_cache_default_dir ();
  thread = g_thread_new ("bd-guidance", load_guidance, &loading);
  G_APPLICATION_CLASS (bd_application_parent_class)->startup (app);
  g_thread_join (thread);

  self->pack = loading.pack;
  if (loading.cache_error != NULL)
    g_message ("%s", loading.cache_error->message);
  self->updates = bd_guidance_updates_new (self->settings, loading.cache_dir, loading.keys, self->pack,
                                           loading.cache_error != NULL ? loading.cache_error->message : NULL);
  g_clear_error (&loading.cache_error);
  g_free (loading.cache_dir);
  g_ptr_array_unref (loading.keys);
  action = g_settings_create_action (self->settings, "help-desk-mode");
  g_action_map_add_action (G_ACTION_MAP (self), action);
}

static void
bd_application_finalize (GObject *object)
{
  BdApplication *self = BD_APPLICATION (object);

  g_clear_object (&self->updates);
  g_clear_object (&self->pack);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->maintain_id, g_source_remove);
  /* every change asked for lands before the program ends */
  if (self->backend != NULL)
    bd_case_backend_flush (self->backend);
  g_clear_object (&self->backend);
  G_OBJECT_CLASS (bd_application_parent_class)->finalize (object);
}

static void
bd_application_class_init (BdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bd_application_finalize;
  app_class->activate = bd_application_activate;
  app_class->startup = bd_application_startup;
  app_class->handle_local_options = bd_application_handle_local_options;
}

/* "Guidance 2026.12.1", how far each language goes, and which versions
 * its steps were written for. */
static char *
guidance_summary (BdPack *pack)
{
  const char * const *languages = bd_pack_get_languages (pack);
  g_autofree char *coverage = bd_pack_describe_coverage (pack);
  GString *summary = g_string_new (NULL);

  g_string_append_printf (summary, _("Guidance %s"), bd_pack_get_version (pack));
  for (guint i = 0; languages[i] != NULL; i++)
    {
      int percent = bd_pack_get_completeness (pack, languages[i]);
      g_string_append (summary, i == 0 ? "\n" : ", ");
      if (percent < 0)
        g_string_append (summary, bd_text_language_name (languages[i]));
      else
        /* TRANSLATORS: a language and how much of the guidance is in it, "Deutsch 100 %" */
        g_string_append_printf (summary, _("%s %d %%"), bd_text_language_name (languages[i]), percent);
    }
  if (coverage != NULL)
    {
      g_string_append_c (summary, '\n');
      /* TRANSLATORS: %s is "iOS 16 to 26.1; macOS 13 to 26.1 (2 guides)" */
      g_string_append_printf (summary, _("Steps written for %s"), coverage);
    }
  return g_string_free (summary, FALSE);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BdApplication *self = user_data;
  const char *developers[] = { _("The Badge Doctor developers"), NULL };
  g_autofree char *pack = guidance_summary (self->pack);

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Badge Doctor"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Badge Doctor developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "release-notes-version", PACKAGE_VERSION,
                         "comments", pack,
                         "website", "https://github.com/badgedoctor/badge-doctor",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* TRANSLATORS: your name, to be credited in the About window */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
check_updates_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BdApplication *self = user_data;

  bd_guidance_updates_check_now (self->updates);
}

/* The downloaded guidance in use now: the window is made again on it and
 * reopens the case where it was, as after a restart. */
static void
use_new_guidance_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  BdApplication *self = user_data;
  BdPack *pack = bd_guidance_updates_get_new_pack (self->updates);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (pack == NULL)
    return;
  g_set_object (&self->pack, pack);
  bd_guidance_updates_set_current (self->updates, self->pack);
  g_application_hold (G_APPLICATION (self));
  if (window != NULL)
    gtk_window_destroy (window);
  g_application_activate (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { .name = "check-updates", .activate = check_updates_action },
  { .name = "use-new-guidance", .activate = use_new_guidance_action },
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

static void
bd_application_init (BdApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  g_application_add_main_option (G_APPLICATION (self), "exit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN,
                                 G_OPTION_ARG_NONE, "Quit once the first frame is painted", NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
}
