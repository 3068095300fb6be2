/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-corpus"

#include <string.h>

#include "bd-case-json.h"
#include "bd-pack.h"

/*
 * Every malformed input in tests/data/bad-packs and tests/data/bad-cases
 * must be refused with exactly the problems its .expect file lists
 * (PATH<TAB>KIND per line, any order), and without a crash or a CRITICAL.
 */

typedef struct
{
  const char *name;   /* the test path: /NAME/bad/... */
  const char *dir;    /* under tests/data */
  int code;
  GObject *(*load) (GBytes *bytes, GPtrArray **problems, GError **error);
} Corpus;

static GObject *
load_pack (GBytes     *bytes,
           GPtrArray **problems,
           GError    **error)
{
  return G_OBJECT (bd_pack_new_from_bytes (bytes, problems, error));
}

static GObject *
load_case (GBytes     *bytes,
           GPtrArray **problems,
           GError    **error)
{
  return G_OBJECT (bd_case_new_from_json (bytes, problems, error));
}

static const Corpus corpora[] = {
  { "pack", "bad-packs", BD_ERROR_INVALID_PACK, load_pack },
  { "case", "bad-cases", BD_ERROR_INVALID_CASE, load_case },
};

typedef struct
{
  const Corpus *corpus;
  char *path;
} Input;

static void
input_free (gpointer data)
{
  Input *input = data;

  g_free (input->path);
  g_free (input);
}

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
test_bad_input (gconstpointer data)
{
  const Input *input = data;
  const char *json_path = input->path;
  g_autofree char *base = g_strndup (json_path, strlen (json_path) - strlen (".json"));
  g_autofree char *expect_path = g_strconcat (base, ".expect", NULL);
  g_autofree char *expected_text = NULL;
  g_autofree char *bytes_data = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) loaded = NULL;
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) actual = NULL;
  g_autofree char *expected_joined = NULL;
  g_autofree char *actual_joined = NULL;

  g_assert_true (g_file_get_contents (json_path, &bytes_data, &len, NULL));
  g_assert_true (g_file_get_contents (expect_path, &expected_text, NULL, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&bytes_data), len);

  loaded = input->corpus->load (bytes, &problems, &error);
  g_assert_null (loaded);
  g_assert_error (error, BD_ERROR, input->corpus->code);
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
test_too_large (gconstpointer data)
{
  const Corpus *corpus = data;
  gsize len = BD_PACK_MAX_SIZE + 1;
  g_autofree char *text = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GObject) loaded = NULL;
  BdProblem *problem;

  G_STATIC_ASSERT (BD_PACK_MAX_SIZE == BD_CASE_MAX_FILE_SIZE);
  /* A string of spaces is valid JSON at any size: only the cap stops it. */
  memset (text, ' ', len);
  text[0] = '"';
  text[len - 1] = '"';
  bytes = g_bytes_new_take (g_steal_pointer (&text), len);
  loaded = corpus->load (bytes, &problems, NULL);
  g_assert_null (loaded);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "$");
  g_assert_cmpint (problem->kind, ==, BD_PROBLEM_TOO_LARGE);
}

static void
add_corpus (const Corpus *corpus)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", corpus->dir, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *too_large = g_strdup_printf ("/%s/bad/too-large", corpus->name);
  const char *name;

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
      g_autofree char *test_name = g_strdup_printf ("/%s/bad/%.*s", corpus->name,
                                                    (int) (strlen (file) - 5), file);
      Input *input = g_new0 (Input, 1);

      input->corpus = corpus;
      input->path = g_build_filename (dir_path, file, NULL);
      g_test_add_data_func_full (test_name, input, test_bad_input, input_free);
    }
  g_test_add_data_func (too_large, corpus, test_too_large);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpora); i++)
    add_corpus (&corpora[i]);
  return g_test_run ();
}
