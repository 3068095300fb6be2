/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-cli"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-cli.h"
#include "bd-pack-po.h"

/*
 * badge-doctor-cli pack extract / pack merge: translators work on the
 * guidance in .po files with their usual tools.
 */

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, &error))
    {
      bd_cli_print_error (error->message);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

static int
write_output (const char *output,
              char       *text,
              gboolean    force)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));
  g_autoptr(GError) error = NULL;
  int status = bd_cli_write_output (output, bytes, force, &error);

  if (error != NULL)
    bd_cli_print_error (error->message);
  return status;
}

/* badge-doctor-cli pack extract PACK [-o FILE]: the gettext template. */
static int
pack_extract (int    argc,
              char **argv)
{
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the template; - for standard output"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GBytes) pack = NULL;
  g_autoptr(GError) error = NULL;
  char *text;
  int status;

  if (!bd_cli_parse_options ("pack extract", _("PACK"),
                             _("Write a gettext template of every string of a guidance pack, each with its path as context."),
                             entries, &argc, &argv, 1, 1, &status))
    return status;
  if ((pack = read_file (argv[1])) == NULL)
    return BD_CLI_FAILED;
  if ((text = bd_pack_po_extract (pack, &error)) == NULL)
    {
      bd_cli_print_error (error->message);
      return BD_CLI_FAILED;
    }
  return write_output (output, text, force);
}

/* badge-doctor-cli pack merge PACK LANG.po... -o FILE: the pack with the
 * catalogues' translations, each catalogue named by its language. */
static int
pack_merge (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the pack; - for standard output"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GHashTable) catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  char *text;
  int status;

  if (!bd_cli_parse_options ("pack merge", _("PACK LANG.po…"),
                             _("Write the pack with the translations of the catalogues; each is named by its language, such as de.po."),
                             entries, &argc, &argv, 2, G_MAXINT, &status))
    return status;
  if ((pack = read_file (argv[1])) == NULL)
    return BD_CLI_FAILED;
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autoptr(GBytes) catalogue = NULL;

      if (!g_str_has_suffix (base, ".po"))
        return bd_cli_usage_error ("pack merge", _("Name each catalogue by its language, such as de.po."));
      if ((catalogue = read_file (argv[i])) == NULL)
        return BD_CLI_FAILED;
      base[strlen (base) - 3] = '\0';
      g_hash_table_insert (catalogues, g_strdup (base),
                           g_strndup (g_bytes_get_data (catalogue, NULL), g_bytes_get_size (catalogue)));
    }
  if ((text = bd_pack_po_merge (pack, catalogues, &report, &error)) == NULL)
    {
      bd_cli_print_error (error->message);
      return BD_CLI_FAILED;
    }
  /* LANG translated/total, for the translator, on standard error */
  g_printerr ("%s", report);
  return write_output (output, text, force);
}

/* `pack extract` and `pack merge`; plain `pack` shows the pack in use. */
gboolean
bd_cli_pack_po (int    argc,
                char **argv,
                int   *status)
{
  if (argc >= 2 && g_strcmp0 (argv[1], "extract") == 0)
    *status = pack_extract (argc - 1, argv + 1);
  else if (argc >= 2 && g_strcmp0 (argv[1], "merge") == 0)
    *status = pack_merge (argc - 1, argv + 1);
  else
    return FALSE;
  return TRUE;
}
