/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-envelope"

#include <glib/gstdio.h>

#include "bd-guidance-cache.h"
#include "fuzz.h"

/* Any bytes as the cached guidance envelope, opened directly and read
 * from the cache folder: refused or verified, never a crash, a leak, a
 * warning or a CRITICAL; a cache no trusted key signed is refused with a
 * reason, and set aside. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static GPtrArray *keys;
  static char *dir;
  g_autoptr(GBytes) envelope = g_bytes_new_static (data, size);
  g_autoptr(GBytes) pack = NULL, signature = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BdPack) cached = NULL;
  g_autoptr(GError) load_error = NULL;

  if (keys == NULL)
    {
      keys = bd_guidance_trusted_keys_new (NULL, NULL);
      dir = g_dir_make_tmp ("fuzz-envelope-XXXXXX", NULL);
    }
  if (bd_guidance_envelope_open (envelope, &pack, &signature, &error))
    g_assert (g_bytes_get_size (pack) + g_bytes_get_size (signature) <= size);
  else
    g_assert (error != NULL);

  path = g_build_filename (dir, BD_GUIDANCE_ENVELOPE_NAME, NULL);
  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  /* no key signs fuzzed bytes: the cache is refused, and says why */
  cached = bd_guidance_cache_load (dir, keys, &load_error);
  g_assert (cached == NULL && load_error != NULL);
  /* a refused envelope was moved aside; start clean for the next input */
  g_unlink (path);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *bad = i == 0 ? g_strdup_printf ("%s.bad", path) : g_strdup_printf ("%s.bad.%u", path, i);
      g_unlink (bad);
    }
  return 0;
}
