/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-guidance-cache"

#include "bd-config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "bd-guidance-cache.h"
#include "bd-minisign.h"
#include "bd-version.h"

/*
 * The guidance downloaded by the updater, kept in
 * $XDG_CACHE_HOME/badge-doctor/guidance/ (mode 0700). The pack and its
 * signature live in one envelope file, replaced as a whole with an fsync'd
 * rename, so they can never be out of step. The cache is verified again at
 * every start: a cache that fails is renamed aside (never deleted) and the
 * bundled pack, the floor, is used.
 *
 * Envelope: "BDGUIDE1\n", the pack's length and the signature's length in
 * decimal, each on its own line, then the pack's bytes, then the
 * signature's. Anything else, including a byte more or less, is refused.
 */

#define ENVELOPE_MAGIC "BDGUIDE1\n"
#define BUILTIN_KEY_RESOURCE RESOURCE_PREFIX "/guidance/guidance-key.pub"

char *
bd_guidance_cache_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "badge-doctor", "guidance", NULL);
}

/**
 * bd_guidance_trusted_keys_new:
 * @extra: (nullable): base64 key lines or key file texts an administrator
 *   trusts besides the built-in key
 *
 * Returns: (transfer full) (element-type BdMinisignKey): the keys guidance
 *   may be signed with, or %NULL when an extra key is malformed
 */
GPtrArray *
bd_guidance_trusted_keys_new (const char * const *extra,
                              GError            **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) bd_minisign_key_unref);
  g_autoptr(GBytes) builtin = g_resources_lookup_data (BUILTIN_KEY_RESOURCE, 0, NULL);
  BdMinisignKey *key;

  g_assert (builtin != NULL);
  key = bd_minisign_key_new_from_text (g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin), NULL);
  g_assert (key != NULL);
  g_ptr_array_add (keys, key);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    {
      key = bd_minisign_key_new_from_text (extra[i], strlen (extra[i]), error);
      if (key == NULL)
        {
          g_prefix_error (error, "trusted key %u: ", i + 1);
          return NULL;
        }
      g_ptr_array_add (keys, key);
    }
  return g_steal_pointer (&keys);
}

/* --- the envelope -------------------------------------------------------- */

GBytes *
bd_guidance_envelope_new (GBytes *pack,
                          GBytes *signature)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree char *header = g_strdup_printf (ENVELOPE_MAGIC "%" G_GSIZE_FORMAT "\n%" G_GSIZE_FORMAT "\n",
                                             g_bytes_get_size (pack), g_bytes_get_size (signature));

  g_byte_array_append (out, (const guint8 *) header, strlen (header));
  g_byte_array_append (out, g_bytes_get_data (pack, NULL), g_bytes_get_size (pack));
  g_byte_array_append (out, g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  return g_byte_array_free_to_bytes (out);
}

/* One decimal length on its own line, without leading zeros or signs. */
static gboolean
read_length (const char **at,
             const char  *end,
             gsize        max,
             gsize       *length)
{
  const char *p = *at;
  guint64 value = 0;

  if (p >= end || !g_ascii_isdigit (*p) || (*p == '0' && p + 1 < end && p[1] != '\n'))
    return FALSE;
  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      value = value * 10 + (guint64) (*p - '0');
      if (value > max)
        return FALSE;
    }
  if (p >= end || *p != '\n')
    return FALSE;
  *length = (gsize) value;
  *at = p + 1;
  return TRUE;
}

gboolean
bd_guidance_envelope_open (GBytes  *envelope,
                           GBytes **pack,
                           GBytes **signature,
                           GError **error)
{
  gsize size = 0, pack_size, signature_size, offset;
  const char *data = g_bytes_get_data (envelope, &size);
  const char *end = data + size, *at = data;

  if (size < strlen (ENVELOPE_MAGIC) || memcmp (data, ENVELOPE_MAGIC, strlen (ENVELOPE_MAGIC)) != 0)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "not a guidance envelope");
      return FALSE;
    }
  at += strlen (ENVELOPE_MAGIC);
  if (!read_length (&at, end, BD_PACK_MAX_SIZE, &pack_size)
      || !read_length (&at, end, BD_MINISIGN_MAX_SIGNATURE_SIZE, &signature_size))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "the guidance envelope's lengths are damaged");
      return FALSE;
    }
  offset = (gsize) (at - data);
  if (size - offset != pack_size + signature_size)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   "the guidance envelope holds %" G_GSIZE_FORMAT " bytes, not %" G_GSIZE_FORMAT,
                   size - offset, pack_size + signature_size);
      return FALSE;
    }
  *pack = g_bytes_new_from_bytes (envelope, offset, pack_size);
  *signature = g_bytes_new_from_bytes (envelope, offset + pack_size, signature_size);
  return TRUE;
}

/* --- the cache ----------------------------------------------------------- */

static gboolean
ensure_dir (const char  *dir,
            GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * bd_guidance_cache_save:
 *
 * Replaces the cached pack and signature together, durably: after a crash
 * the cache holds the old envelope or the new one, never a mix.
 */
gboolean
bd_guidance_cache_save (const char  *dir,
                        GBytes      *pack,
                        GBytes      *signature,
                        GError     **error)
{
  g_autoptr(GBytes) envelope = bd_guidance_envelope_new (pack, signature);
  g_autofree char *path = g_build_filename (dir, BD_GUIDANCE_ENVELOPE_NAME, NULL);

  if (!ensure_dir (dir, error))
    return FALSE;
  return g_file_set_contents_full (path, g_bytes_get_data (envelope, NULL), (gssize) g_bytes_get_size (envelope),
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error);
}

/* Keeps a cache that failed for a person to look at: guidance.envelope.bad,
 * or .bad.1 ... .bad.9 when earlier ones are there. */
static void
move_aside (const char *path)
{
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *bad = i == 0 ? g_strdup_printf ("%s.bad", path) : g_strdup_printf ("%s.bad.%u", path, i);
      if (i < 9 && g_file_test (bad, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, bad) != 0)
        g_warning ("Cannot move the failed guidance cache aside: %s", g_strerror (errno));
      return;
    }
}

static BdPack *
open_envelope (GBytes     *envelope,
               GPtrArray  *trusted_keys,
               GError    **error)
{
  g_autoptr(GBytes) pack_bytes = NULL, signature = NULL;
  BdPack *pack;

  if (!bd_guidance_envelope_open (envelope, &pack_bytes, &signature, error))
    return NULL;
  if (!bd_minisign_verify (pack_bytes, signature, trusted_keys, NULL, error))
    return NULL;
  pack = bd_pack_new_from_bytes (pack_bytes, NULL, error);
  if (pack != NULL)
    bd_pack_set_source (pack, BD_PACK_SOURCE_CACHE);
  return pack;
}

/**
 * bd_guidance_cache_load:
 *
 * Returns: (transfer full) (nullable): the cached pack, verified and
 *   validated again; %NULL without an error when there is none. A cache
 *   that fails is moved aside, and the error says why.
 */
BdPack *
bd_guidance_cache_load (const char  *dir,
                        GPtrArray   *trusted_keys,
                        GError     **error)
{
  g_autofree char *path = g_build_filename (dir, BD_GUIDANCE_ENVELOPE_NAME, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GBytes) envelope = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  BdPack *pack;

  if (!g_file_get_contents (path, &data, &size, &local_error))
    {
      /* No cache, or no folder it could be in: nothing to say. */
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  envelope = g_bytes_new_take (g_steal_pointer (&data), size);
  pack = open_envelope (envelope, trusted_keys, &local_error);
  if (pack == NULL)
    {
      /* Signed with a key this program was not told to trust (a command
       * line --key, say) is not damage: it stays for when it is trusted. */
      if (strstr (local_error->message, "unknown key") == NULL)
        move_aside (path);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cached guidance: ");
    }
  return pack;
}

/**
 * bd_guidance_load_current:
 * @cache_error: (nullable): set when a cache was there but failed
 *
 * Returns: (transfer full): the newest good pack: the cache when it is
 *   valid and newer than the bundled pack, the bundled pack otherwise
 */
BdPack *
bd_guidance_load_current (const char  *dir,
                          GPtrArray   *trusted_keys,
                          GError     **cache_error)
{
  g_autoptr(BdPack) bundled = bd_pack_new_bundled (NULL);
  g_autoptr(BdPack) cached = NULL;

  g_assert (bundled != NULL);
  if (dir != NULL)
    cached = bd_guidance_cache_load (dir, trusted_keys, cache_error);
  if (cached != NULL && bd_version_compare (bd_pack_get_version (cached), bd_pack_get_version (bundled)) > 0)
    return g_steal_pointer (&cached);
  return g_steal_pointer (&bundled);
}

/* --- the state ----------------------------------------------------------- */

void
bd_update_state_free (BdUpdateState *state)
{
  if (state == NULL)
    return;
  g_free (state->etag);
  g_free (state->etag_version);
  g_free (state->last_result);
  g_free (state);
}

static char *
get_string (GKeyFile   *file,
            const char *key)
{
  char *value = g_key_file_get_string (file, "update", key, NULL);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/**
 * bd_update_state_load:
 *
 * Returns: (transfer full): what the last checks left; all empty when the
 *   state file is missing or unreadable (the next check rewrites it)
 */
BdUpdateState *
bd_update_state_load (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, BD_GUIDANCE_STATE_NAME, NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  BdUpdateState *state = g_new0 (BdUpdateState, 1);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return state;
  state->etag = get_string (file, "etag");
  state->etag_version = get_string (file, "etag-version");
  state->last_result = get_string (file, "last-result");
  state->last_check = MAX (0, g_key_file_get_int64 (file, "update", "last-check", NULL));
  state->last_success = MAX (0, g_key_file_get_int64 (file, "update", "last-success", NULL));
  state->failures = (guint) CLAMP (g_key_file_get_integer (file, "update", "failures", NULL), 0, 1000);
  return state;
}

gboolean
bd_update_state_save (const char           *dir,
                      const BdUpdateState  *state,
                      GError              **error)
{
  g_autofree char *path = g_build_filename (dir, BD_GUIDANCE_STATE_NAME, NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!ensure_dir (dir, error))
    return FALSE;
  g_key_file_set_string (file, "update", "etag", state->etag ? state->etag : "");
  g_key_file_set_string (file, "update", "etag-version", state->etag_version ? state->etag_version : "");
  g_key_file_set_int64 (file, "update", "last-check", state->last_check);
  g_key_file_set_int64 (file, "update", "last-success", state->last_success);
  g_key_file_set_string (file, "update", "last-result", state->last_result ? state->last_result : "");
  g_key_file_set_integer (file, "update", "failures", (int) state->failures);
  text = g_key_file_to_data (file, &length, NULL);
  return g_file_set_contents_full (path, text, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error);
}
