/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-guidance-cache"

#include "bd-config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "bd-dirs.h"
#include "bd-file.h"
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
/* The magic, two lengths of at most 20 digits, the pack and a signature. */
#define ENVELOPE_MAX_SIZE (64 + BD_PACK_MAX_SIZE + BD_MINISIGN_MAX_SIGNATURE_SIZE)
#define STATE_MAX_SIZE (64 * 1024)

#define BUILTIN_KEY_RESOURCE RESOURCE_PREFIX "/guidance/guidance-key.pub"

char *
bd_guidance_cache_default_dir (void)
{
  g_autofree char *cache = bd_dirs_user_cache ();

  return g_build_filename (cache, "badge-doctor", "guidance", NULL);
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

/* The folders of @dir the program makes and owns: badge-doctor/guidance
 * under the cache folder, or @dir itself elsewhere. */
static guint
own_folders (const char *dir)
{
  g_autofree char *cache = bd_dirs_user_cache ();
  gsize len = strlen (cache);
  guint n = 0;

  if (strncmp (dir, cache, len) != 0 || dir[len] != '/')
    return 1;
  for (const char *p = dir + len; *p != '\0'; p++)
    n += *p == '/' && p[1] != '\0' && p[1] != '/';
  return MAX (n, 1);
}

/**
 * bd_guidance_cache_save:
 *
 * Replaces the cached pack and signature together, durably: after a crash
 * the cache holds the old envelope or the new one, never a mix. Refuses a
 * cache folder that is a symbolic link, rather than writing where it
 * points.
 */
gboolean
bd_guidance_cache_save (const char  *dir,
                        GBytes      *pack,
                        GBytes      *signature,
                        GError     **error)
{
  g_autoptr(GBytes) envelope = bd_guidance_envelope_new (pack, signature);
  g_autofree char *path = g_build_filename (dir, BD_GUIDANCE_ENVELOPE_NAME, NULL);
  int folder = bd_dirs_open_own (dir, own_folders (dir), TRUE, error);
  gboolean ok;

  if (folder < 0)
    return FALSE;
  ok = bd_file_write_at (folder, BD_GUIDANCE_ENVELOPE_NAME, path, envelope, 0600, error);
  close (folder);
  return ok;
}

/* Keeps a cache that failed for a person to look at: guidance.envelope.bad,
 * or .bad.1 ... .bad.9 when earlier ones are there. */
static void
move_aside (int         folder,
            const char *name)
{
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *bad = i == 0 ? g_strdup_printf ("%s.bad", name) : g_strdup_printf ("%s.bad.%u", name, i);
      struct stat st;

      if (i < 9 && fstatat (folder, bad, &st, AT_SYMLINK_NOFOLLOW) == 0)
        continue;
      if (renameat (folder, name, folder, bad) != 0)
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
  g_autoptr(GBytes) envelope = NULL;
  g_autoptr(GError) local_error = NULL;
  int folder = bd_dirs_open_own (dir, own_folders (dir), FALSE, &local_error);
  BdPack *pack;

  if (folder >= 0)
    envelope = bd_file_read_at (folder, BD_GUIDANCE_ENVELOPE_NAME, path, ENVELOPE_MAX_SIZE, &local_error);
  if (envelope == NULL)
    {
      /* No cache, or no folder it could be in: nothing to say. A link or
       * a special file in its place is said, and left alone. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cached guidance: ");
      if (folder >= 0)
        close (folder);
      return NULL;
    }
  pack = open_envelope (envelope, trusted_keys, &local_error);
  if (pack == NULL)
    {
      /* Signed with a key this program was not told to trust (a command
       * line --key, say) is not damage: it stays for when it is trusted. */
      if (strstr (local_error->message, "unknown key") == NULL)
        move_aside (folder, BD_GUIDANCE_ENVELOPE_NAME);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cached guidance: ");
    }
  close (folder);
  return pack;
}

/**
 * bd_guidance_load_current:
 * @cache_error: (nullable): set when a cache was there but failed
 *
 * Returns: (transfer full): the newest good pack: the cache when it is
 *   valid, has the bundled pack's id and is newer, the bundled pack otherwise
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
  /* Only the bundled pack's own newer versions replace it. */
  if (cached != NULL && g_strcmp0 (bd_pack_get_id (cached), bd_pack_get_id (bundled)) == 0
      && bd_version_compare (bd_pack_get_version (cached), bd_pack_get_version (bundled)) > 0)
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
  g_autoptr(GBytes) text = NULL;
  BdUpdateState *state = g_new0 (BdUpdateState, 1);
  int folder = bd_dirs_open_own (dir, own_folders (dir), FALSE, NULL);

  if (folder >= 0)
    {
      text = bd_file_read_at (folder, BD_GUIDANCE_STATE_NAME, path, STATE_MAX_SIZE, NULL);
      close (folder);
    }
  if (text == NULL || !g_key_file_load_from_data (file, g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                                                  G_KEY_FILE_NONE, NULL))
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
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  int folder = bd_dirs_open_own (dir, own_folders (dir), TRUE, error);
  gboolean ok;

  if (folder < 0)
    return FALSE;
  g_key_file_set_string (file, "update", "etag", state->etag ? state->etag : "");
  g_key_file_set_string (file, "update", "etag-version", state->etag_version ? state->etag_version : "");
  g_key_file_set_int64 (file, "update", "last-check", state->last_check);
  g_key_file_set_int64 (file, "update", "last-success", state->last_success);
  g_key_file_set_string (file, "update", "last-result", state->last_result ? state->last_result : "");
  g_key_file_set_integer (file, "update", "failures", (int) state->failures);
  text = g_key_file_to_data (file, &length, NULL);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  ok = bd_file_write_at (folder, BD_GUIDANCE_STATE_NAME, path, bytes, 0600, error);
  close (folder);
  return ok;
}
