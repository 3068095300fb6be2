/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pack-po"

#include <string.h>

#include "bd-pack-po.h"
#include "bd-pack.h"

/* The guidance through gettext catalogues: extract, merge, and the bundled
 * pack the build merged. */

static GBytes *
minimal_pack (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "packs", "minimal.json", NULL);
  char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_bytes_new_take (data, size);
}

static void
test_extract (void)
{
  g_autoptr(GBytes) pack = minimal_pack ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pot = bd_pack_po_extract (pack, &error);

  g_assert_no_error (error);
  /* one entry per string, its path by ids as context */
  g_assert_nonnull (strstr (pot, "msgctxt \"symptoms/stuck-one/text\"\nmsgid \"The badge shows 1 but every chat looks read.\""));
  g_assert_nonnull (strstr (pot, "msgctxt \"guides/toggle-badges/steps/turn-off/text\"\nmsgid \"Turn off Badges.\""));
  /* an element without an id is named by its place */
  g_assert_nonnull (strstr (pot, "msgctxt \"guides/toggle-badges/references/0/title\""));
  g_assert_nonnull (strstr (pot, "msgctxt \"checklists/five-minute/items/1/text\""));
  /* ids and other plain strings are not for translators */
  g_assert_null (strstr (pot, "msgid \"toggle-badges\""));
  g_assert_null (strstr (pot, "https://support.apple.com/"));
}

static const char catalogue[] =
  "msgid \"\"\n"
  "msgstr \"\"\n"
  "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
  "\n"
  "#. a translator's note\n"
  "msgctxt \"guides/toggle-badges/steps/turn-off/text\"\n"
  "msgid \"Turn off Badges.\"\n"
  "msgstr \"Schalten Sie \\\"Kennzeichen\\\" aus.\"\n"
  "\n"
  "#, fuzzy\n"
  "msgctxt \"guides/toggle-badges/steps/turn-on/text\"\n"
  "msgid \"Turn on Badges.\"\n"
  "msgstr \"Ungeprüft.\"\n"
  "\n"
  "msgctxt \"guides/toggle-badges/steps/wait/text\"\n"
  "msgid \"Wait 5 seconds.\"\n"
  "msgstr \"Für einen alten englischen Text.\"\n"
  "\n"
  "msgctxt \"explanations/lag/body\"\n"
  "msgid \"A badge can take a moment to follow a computer.\"\n"
  "msgstr \"\"\n"
  "\"Ein Kennzeichen braucht einen Moment,\\n\"\n"
  "\"bis es dem Computer folgt.\"\n";

static void
test_merge (void)
{
  g_autoptr(GBytes) pack = minimal_pack ();
  g_autoptr(GHashTable) catalogues = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BdPack) loaded = NULL;
  BdGuide *guide;

  g_hash_table_insert (catalogues, "fr", (char *) catalogue);
  merged = bd_pack_po_merge (pack, catalogues, &report, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (report, "fr 2/"));
  bytes = g_bytes_new (merged, strlen (merged));
  /* the merged pack is a valid pack, listing the language */
  loaded = bd_pack_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains (bd_pack_get_languages (loaded), "fr"));
  guide = bd_pack_lookup_guide (loaded, "toggle-badges");
  g_assert_cmpstr (bd_text_lookup (bd_step_get_text (bd_guide_lookup_step (guide, "turn-off")), "fr"),
                   ==, "Schalten Sie \"Kennzeichen\" aus.");
  /* fuzzy, and translated from English that has changed since: English */
  g_assert_null (bd_text_lookup (bd_step_get_text (bd_guide_lookup_step (guide, "turn-on")), "fr"));
  g_assert_null (bd_text_lookup (bd_step_get_text (bd_guide_lookup_step (guide, "wait")), "fr"));
  g_assert_cmpstr (bd_text_get_for (bd_step_get_text (bd_guide_lookup_step (guide, "wait")), "fr"), ==,
                   "Wait 10 seconds.");
  /* the pack records how far French goes: 2 strings of all */
  g_assert_cmpint (bd_pack_get_completeness (loaded, "fr"), >, 0);
  g_assert_cmpint (bd_pack_get_completeness (loaded, "fr"), <, 50);
  g_assert_cmpint (bd_pack_get_completeness (loaded, "en"), ==, 100);
  g_assert_cmpint (bd_pack_get_completeness (loaded, "de"), ==, -1);
}

/* What the loader accepts as completeness: percent of a listed language. */
static void
test_completeness_checked (void)
{
  static const struct { const char *from; const char *to; } cases[] = {
    { "\"languages\": [\"en\", \"de\"],", "\"languages\": [\"en\", \"de\"], \"completeness\": {\"de\": 101}," },
    { "\"languages\": [\"en\", \"de\"],", "\"languages\": [\"en\", \"de\"], \"completeness\": {\"it\": 50}," },
    { "\"languages\": [\"en\", \"de\"],", "\"languages\": [\"en\", \"de\"], \"completeness\": {\"de\": \"all\"}," },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) pack = minimal_pack ();
      g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (pack, NULL), g_bytes_get_size (pack));
      g_autoptr(GBytes) changed = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(BdPack) loaded = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);
      changed = g_bytes_new (text->str, text->len);
      loaded = bd_pack_new_from_bytes (changed, &problems, &error);
      g_assert_null (loaded);
      g_assert_nonnull (error);
    }
}

static void
test_merge_refuses (void)
{
  g_autoptr(GBytes) pack = minimal_pack ();
  g_autoptr(GHashTable) broken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) english = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL, error2 = NULL;
  char *merged;

  g_hash_table_insert (broken, "de", "msgctxt \"a\"\nmsgid unquoted\nmsgstr \"\"\n");
  merged = bd_pack_po_merge (pack, broken, NULL, &error);
  g_assert_null (merged);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_hash_table_insert (english, "en", "");
  merged = bd_pack_po_merge (pack, english, NULL, &error2);
  g_assert_null (merged);
  g_assert_nonnull (error2);
}

/* The build merged po/guidance into the bundled pack: every string in
 * German, Spanish and French. */
static void
test_bundled_complete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = bd_pack_new_bundled (&error);
  g_autoptr(GBytes) bytes = bd_pack_get_bundled_bytes ();
  g_autofree char *pot = NULL;
  const char *languages[] = { "de", "es", "fr" };
  guint n_strings = 0;

  g_assert_no_error (error);
  pot = bd_pack_po_extract (bytes, NULL);
  for (const char *at = strstr (pot, "\nmsgctxt "); at != NULL; at = strstr (at + 1, "\nmsgctxt "))
    n_strings++;
  g_assert_cmpuint (n_strings, >, 400);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      GListModel *guides = bd_pack_get_guides (pack);

      g_assert_true (g_strv_contains (bd_pack_get_languages (pack), languages[i]));
      g_assert_cmpint (bd_pack_get_completeness (pack, languages[i]), ==, 100);
      for (guint g = 0; g < g_list_model_get_n_items (guides); g++)
        {
          g_autoptr(BdGuide) guide = g_list_model_get_item (guides, g);
          g_assert_nonnull (bd_text_lookup (bd_guide_get_title (guide), languages[i]));
          for (guint s = 0; s < bd_guide_get_n_steps (guide); s++)
            if (bd_text_lookup (bd_step_get_text (bd_guide_get_step (guide, s)), languages[i]) == NULL)
              g_error ("%s: %s/%s has no translation", languages[i], bd_guide_get_id (guide),
                       bd_step_get_id (bd_guide_get_step (guide, s)));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pack-po/extract", test_extract);
  g_test_add_func ("/pack-po/merge", test_merge);
  g_test_add_func ("/pack-po/merge-refuses", test_merge_refuses);
  g_test_add_func ("/pack-po/completeness-checked", test_completeness_checked);
  g_test_add_func ("/pack-po/bundled-complete", test_bundled_complete);
  return g_test_run ();
}
