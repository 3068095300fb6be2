/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-guidance-merge"

#include <stdio.h>

#include "bd-pack-po.h"

/*
 * Run by the build: the English guidance pack and the catalogues listed in
 * PO_DIR/LINGUAS make the bundled pack, so the two never drift apart.
 *   bd-guidance-merge PACK PO_DIR OUTPUT
 */

static gboolean
read_catalogues (const char  *po_dir,
                 GHashTable  *catalogues,
                 GError     **error)
{
  g_autofree char *linguas_path = g_build_filename (po_dir, "LINGUAS", NULL);
  g_autofree char *linguas = NULL;
  g_auto(GStrv) languages = NULL;

  if (!g_file_get_contents (linguas_path, &linguas, NULL, error))
    return FALSE;
  languages = g_strsplit_set (linguas, " \t\n", -1);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *name = NULL, *path = NULL;
      char *text = NULL;

      if (*languages[i] == '\0' || *languages[i] == '#')
        continue;
      name = g_strconcat (languages[i], ".po", NULL);
      path = g_build_filename (po_dir, name, NULL);
      if (!g_file_get_contents (path, &text, NULL, error))
        return FALSE;
      g_hash_table_insert (catalogues, g_strdup (languages[i]), text);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GHashTable) catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *pack = NULL, *merged = NULL, *report = NULL;
  gsize size = 0;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s PACK PO_DIR OUTPUT\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &pack, &size, &error) || !read_catalogues (argv[2], catalogues, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&pack), size);
    merged = bd_pack_po_merge (bytes, catalogues, &report, &error);
  }
  if (merged == NULL || !g_file_set_contents (argv[3], merged, -1, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  fputs (report, stdout);
  return 0;
}
