/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pack-corpus"

#include <string.h>

#include "bd-pack.h"

/*
 * Every malformed pack in tests/data/bad-packs must be refused with exactly
 * the problems its .expect file lists (PATH<TAB>KIND per line, any order).
 */

static GStrv
problems_as_lines (GPtrArray *problems)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv lines;

  for (guint i = 0; i < problems->len; i++)
    {
      BdProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = g_strdup_printf ("%s\t%s", problem->path,
                                               bd_problem_kind_to_string (problem->kind));
      g_strv_builder_add (builder, line);
    }
  lines = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return lines;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_joined (GStrv lines)
{
  qsort (lines, g_strv_length (lines), sizeof (char *), compare_lines);
  return g_strjoinv ("\n", lines);
}

static void
test_bad_pack (gconstpointer data)
{
  const char *json_path = data;
  g_autofree char *base = g_strndup (json_path, strlen (json_path) - strlen (".json"));
  g_autofree char *expect_path = g_strconcat (base, ".expect", NULL);
  g_autofree char *expected_text = NULL;
  g_autofree char *bytes_data = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = NULL;
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) actual = NULL;
  g_autofree char *expected_joined = NULL;
  g_autofree char *actual_joined = NULL;

  g_assert_true (g_file_get_contents (json_path, &bytes_data, &len, NULL));
  g_assert_true (g_file_get_contents (expect_path, &expected_text, NULL, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&bytes_data), len);

  pack = bd_pack_new_from_bytes (bytes, &problems, &error);
  g_assert_null (pack);
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_PACK);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);

  g_strchomp (expected_text);
  expected = g_strsplit (expected_text, "\n", -1);
  actual = problems_as_lines (problems);
  expected_joined = sorted_joined (expected);
  actual_joined = sorted_joined (actual);
  g_assert_cmpstr (actual_joined, ==, expected_joined);

  /* The error names the first problem with its path. */
  g_assert_true (g_str_has_prefix (error->message,
                                   ((BdProblem *) g_ptr_array_index (problems, 0))->path));
}

static void
test_too_large (void)
{
  gsize len = BD_PACK_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(BdPack) pack = NULL;
  BdProblem *problem;

  /* A string of spaces is valid JSON at any size: only the cap stops it. */
  memset (data, ' ', len);
  data[0] = '"';
  data[len - 1] = '"';
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  pack = bd_pack_new_from_bytes (bytes, &problems, NULL);
  g_assert_null (pack);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "$");
  g_assert_cmpint (problem->kind, ==, BD_PROBLEM_TOO_LARGE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "data", "bad-packs", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) compare_lines);
  /* A corpus that lost its files must not pass by testing nothing. */
  g_assert_cmpuint (names->len, >=, 30);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_name = g_strdup_printf ("/pack/bad/%.*s", (int) (strlen (file) - 5), file);
      g_test_add_data_func_full (test_name, g_build_filename (dir_path, file, NULL),
                                 test_bad_pack, g_free);
    }
  g_test_add_func ("/pack/bad/too-large", test_too_large);
  return g_test_run ();
}
