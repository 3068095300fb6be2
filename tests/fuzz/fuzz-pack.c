/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-pack"

#include "bd-pack.h"
#include "fuzz.h"

/* Any bytes at all: the loader must return a pack or problems, never
 * crash, never leak, never log a warning or a CRITICAL; and a pack that
 * loads builds for other iOS versions without one. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = bd_pack_new_from_bytes (bytes, &problems, &error);

  g_assert ((pack != NULL) == (error == NULL));
  g_assert (problems != NULL);
  g_assert ((pack != NULL) == (problems->len == 0));
  /* a pack that loads has words for every view: a version, "Not sure" */
  if (pack != NULL)
    {
      g_autoptr(BdPack) old = bd_pack_resolve (pack, "16.7");
      g_autoptr(BdPack) unsure = bd_pack_resolve (pack, NULL);
      g_assert (bd_pack_get_n_guides (old) == bd_pack_get_n_guides (pack));
      g_assert (bd_pack_get_n_guides (unsure) == bd_pack_get_n_guides (pack));
    }
  return 0;
}
