/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-guidance"

#include <glib/gstdio.h>
#include <string.h>

#include "bd-pack.h"
#include "test-guidance.h"

static void
run_minisign (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tool = g_find_program_in_path ("minisign");
  int status = 0;

  g_assert_nonnull (tool); /* Debian's minisign, installed by scripts/test */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("minisign failed: %s", err);
}

void
test_key_init (TestKey *key)
{
  g_autofree char *pub = NULL, *sec = NULL, *text = NULL;
  g_auto(GStrv) lines = NULL;

  key->dir = g_dir_make_tmp ("bd-test-key-XXXXXX", NULL);
  g_assert_nonnull (key->dir);
  pub = g_build_filename (key->dir, "key.pub", NULL);
  sec = g_build_filename (key->dir, "key.sec", NULL);
  /* -W: no password on the secret key */
  run_minisign ((const char * const[]) { "minisign", "-G", "-W", "-p", pub, "-s", sec, NULL });
  g_assert_true (g_file_get_contents (pub, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_nonnull (lines[0]);
  g_assert_nonnull (lines[1]);
  key->line = g_strdup (lines[1]);
}

void
test_key_clear (TestKey *key)
{
  g_autofree char *pub = g_build_filename (key->dir, "key.pub", NULL);
  g_autofree char *sec = g_build_filename (key->dir, "key.sec", NULL);

  g_unlink (pub);
  g_unlink (sec);
  g_rmdir (key->dir);
  g_clear_pointer (&key->dir, g_free);
  g_clear_pointer (&key->line, g_free);
}

/* The base64 line of the public key, as in its .pub file. */
char *
test_key_line (const TestKey *key)
{
  return g_strdup (key->line);
}

/* The .minisig text `minisign -S` writes for @message (prehashed). */
GBytes *
test_key_sign (const TestKey *key,
               GBytes        *message)
{
  g_autofree char *sec = g_build_filename (key->dir, "key.sec", NULL);
  g_autofree char *file = g_build_filename (key->dir, "message", NULL);
  g_autofree char *sig = g_build_filename (key->dir, "message.minisig", NULL);
  char *text = NULL;
  gsize size = 0;

  g_assert_true (g_file_set_contents (file, g_bytes_get_data (message, NULL), (gssize) g_bytes_get_size (message), NULL));
  run_minisign ((const char * const[]) { "minisign", "-S", "-s", sec, "-m", file, "-x", sig,
                                         "-t", "badge-doctor test guidance", NULL });
  g_assert_true (g_file_get_contents (sig, &text, &size, NULL));
  g_unlink (file);
  g_unlink (sig);
  return g_bytes_new_take (text, size);
}

/* Replaces the first @find in @text, as written by hand ("name": value),
 * compact ("name":value, as the build writes the bundled pack) or as
 * json-glib indents it ("name" : value). */
guint
test_json_replace (GString    *text,
                   const char *find,
                   const char *replace)
{
  g_autoptr(GString) compact = g_string_new (find);
  g_autoptr(GString) spaced = g_string_new (find);

  if (g_string_replace (text, find, replace, 1) == 1)
    return 1;
  g_string_replace (compact, "\": ", "\":", 0);
  g_string_replace (compact, ": [", ":[", 0);
  if (g_string_replace (text, compact->str, replace, 1) == 1)
    return 1;
  g_string_replace (spaced, "\": ", "\" : ", 0);
  return g_string_replace (text, spaced->str, replace, 1);
}

/* The bundled pack under another version. */
GBytes *
test_pack_with_version (const char *version)
{
  g_autoptr(GBytes) bundled = bd_pack_get_bundled_bytes ();
  g_autoptr(BdPack) pack = bd_pack_new_bundled (NULL);
  g_autofree char *from = g_strdup_printf ("\"version\": \"%s\"", bd_pack_get_version (pack));
  g_autofree char *to = g_strdup_printf ("\"version\": \"%s\"", version);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled));

  g_assert_cmpuint (test_json_replace (text, from, to), ==, 1);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

void
test_outcome_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TestOutcome *outcome = user_data;

  outcome->result = bd_updater_check_finish (BD_UPDATER (source), result, &outcome->pack, NULL, &outcome->error);
  outcome->done = TRUE;
}

void
test_outcome_clear (TestOutcome *outcome)
{
  g_clear_object (&outcome->pack);
  g_clear_error (&outcome->error);
}
