/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-cli"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-cli.h"
#include "bd-guidance-cache.h"
#include "bd-minisign.h"
#include "bd-updater.h"

/*
 * badge-doctor-cli update: check for newer signed guidance now, and the
 * trusted keys every command verifies the cached guidance with.
 */

#define SCHEMA_ID APP_ID

/* The app's settings, when the schema is there (it is not when the CLI
 * runs from a build tree without one). */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE) : NULL;

  return schema != NULL ? g_settings_new (SCHEMA_ID) : NULL;
}

/* The keys an administrator set in GSettings. */
static GStrv
configured_keys (void)
{
  g_autoptr(GSettings) settings = app_settings ();

  return settings != NULL ? g_settings_get_strv (settings, "trusted-keys") : NULL;
}

/* A key file's text, or the base64 line itself. */
static char *
key_text (const char *file_or_base64)
{
  char *text = NULL;

  if (g_file_test (file_or_base64, G_FILE_TEST_IS_REGULAR) && g_file_get_contents (file_or_base64, &text, NULL, NULL))
    return text;
  return g_strdup (file_or_base64);
}

/**
 * bd_cli_trusted_keys:
 * @extra: (nullable): --key arguments
 *
 * Returns: (transfer full) (nullable): the built-in key, the configured
 *   ones and @extra, or %NULL after saying which one is malformed
 */
GPtrArray *
bd_cli_trusted_keys (char **extra)
{
  g_auto(GStrv) configured = configured_keys ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) all = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *keys;

  for (guint i = 0; configured != NULL && configured[i] != NULL; i++)
    g_strv_builder_add (builder, configured[i]);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    {
      g_autofree char *text = key_text (extra[i]);
      g_strv_builder_add (builder, text);
    }
  all = g_strv_builder_end (builder);
  keys = bd_guidance_trusted_keys_new ((const char * const *) all, &error);
  if (keys == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("A trusted key is not a minisign public key: %s"), error->message);
      bd_cli_print_error (message);
    }
  return keys;
}

/* The --key keys alone: trusted to verify this check, never to fill the
 * cache the configured keys' channel fills. */
static GPtrArray *
one_off_keys (char **given)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) bd_minisign_key_unref);

  for (guint i = 0; given != NULL && given[i] != NULL; i++)
    {
      g_autofree char *text = key_text (given[i]);
      g_autoptr(GError) error = NULL;
      BdMinisignKey *key = bd_minisign_key_new_from_text (text, strlen (text), &error);

      if (key == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("A trusted key is not a minisign public key: %s"), error->message);
          bd_cli_print_error (message);
          return NULL;
        }
      g_ptr_array_add (keys, key);
    }
  return g_steal_pointer (&keys);
}

static char *
default_url (void)
{
  g_autoptr(GSettings) settings = app_settings ();

  if (settings == NULL)
    return g_strdup ("https://guidance.badgedoctor.example/v1/badge-doctor.json");
  return g_settings_get_string (settings, "guidance-url");
}

typedef struct
{
  GMainLoop *loop;
  BdUpdateResult result;
  BdPack *pack;
  GError *error;
} Outcome;

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = bd_updater_check_finish (BD_UPDATER (source), result, &outcome->pack, NULL, &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static int
report_outcome (Outcome    *outcome,
                const char *current)
{
  g_autofree char *message = NULL;

  if (outcome->error == NULL)
    {
      if (outcome->result == BD_UPDATE_UPDATED)
        g_print (_("updated to %s\n"), bd_pack_get_version (outcome->pack));
      else
        g_print (_("up to date (%s)\n"), current);
      return BD_CLI_OK;
    }
  if (g_error_matches (outcome->error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_ONE_OFF_KEY))
    message = g_strdup_printf (_("update not kept: the guidance is signed only with a key given by --key, "
                                 "so it does not replace the guidance from the configured keys — still using %s. "
                                 "To keep guidance signed with that key, add it to the trusted-keys setting."),
                               current);
  else if (outcome->error->domain == BD_UPDATE_ERROR)
    message = g_strdup_printf (_("update refused: %s: %s — still using %s"),
                               bd_update_error_to_string (outcome->error->code), outcome->error->message, current);
  else
    message = g_strdup_printf (_("update failed: %s — still using %s"), outcome->error->message, current);
  bd_cli_print_error (message);
  return BD_CLI_FAILED;
}

int
bd_cli_update (int    argc,
               char **argv)
{
  g_autofree char *url = NULL;
  g_auto(GStrv) keys_given = NULL;
  int timeout = BD_UPDATE_DEFAULT_TIMEOUT;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("Where to look (default: the guidance-url setting)"), N_("URL") },
    { "key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &keys_given, N_("Also trust this minisign public key (a file or its base64 line); may be repeated"), N_("KEY") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up after this many seconds (default 30)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GPtrArray) keys = NULL, one_off = NULL;
  g_autoptr(BdPack) current = NULL;
  g_autoptr(BdUpdater) updater = NULL;
  g_autofree char *cache_dir = bd_guidance_cache_default_dir ();
  g_autofree char *version = NULL;
  Outcome outcome = { 0 };
  int status;

  if (!bd_cli_parse_options ("update", "", _("Check for newer signed guidance and keep it when it is newer."),
                             entries, &argc, &argv, 0, 0, &status))
    return status;
  if (timeout <= 0 || timeout > 3600)
    return bd_cli_usage_error ("update", _("The timeout must be between 1 and 3600 seconds."));
  if ((keys = bd_cli_trusted_keys (NULL)) == NULL || (one_off = one_off_keys (keys_given)) == NULL)
    return BD_CLI_USAGE;
  current = bd_guidance_load_current (cache_dir, keys, NULL);
  version = g_strdup (bd_pack_get_version (current));
  if (url == NULL)
    url = default_url ();
  updater = bd_updater_new (cache_dir, keys);
  bd_updater_set_timeout (updater, (guint) timeout);
  bd_updater_set_one_off_keys (updater, one_off);
  outcome.loop = g_main_loop_new (NULL, FALSE);
  bd_updater_check_async (updater, url, current, NULL, on_checked, &outcome);
  g_main_loop_run (outcome.loop);
  status = report_outcome (&outcome, version);
  g_main_loop_unref (outcome.loop);
  g_clear_object (&outcome.pack);
  g_clear_error (&outcome.error);
  return status;
}
