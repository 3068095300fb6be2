/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bd-pack.h"

/* Runs badge-doctor-cli as a person would and checks what they see. */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("BD_CLI");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static BdPack *
bundled (void)
{
  g_autoptr(GError) error = NULL;
  BdPack *pack = bd_pack_new_bundled (&error);

  g_assert_no_error (error);
  return pack;
}

static void
test_symptoms (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(BdPack) pack = bundled ();
  GListModel *symptoms = bd_pack_get_symptoms (pack);
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "symptoms", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_strchomp (run.out);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_list_model_get_n_items (symptoms));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(BdSymptom) symptom = g_list_model_get_item (symptoms, i);
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      BdGuide *fix = bd_pack_lookup_guide (pack, bd_symptom_get_first_fix (symptom));

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpstr (fields[0], ==, bd_symptom_get_id (symptom));
      g_assert_cmpstr (fields[1], ==, bd_text_get (bd_symptom_get_text (symptom)));
      g_assert_cmpstr (fields[2], ==, bd_text_get (bd_symptom_get_cause (symptom)));
      g_assert_cmpstr (fields[3], ==, bd_text_get (bd_guide_get_title (fix)));
    }
}

static void
test_symptoms_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  run_cli (&run, "symptoms", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >=, 11);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"),
                   ==, "badge-one-all-read");
}

static void
test_plan_tsv (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(BdPack) pack = bundled ();
  BdSymptom *symptom = bd_pack_lookup_symptom (pack, "read-on-computer-stays");
  const char * const *plan = bd_symptom_get_plan (symptom);
  g_auto(GStrv) lines = NULL;
  guint guide = 0, step = 0;

  run_cli (&run, "plan", "read-on-computer-stays", "--tsv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_strchomp (run.out);
  lines = g_strsplit (run.out, "\n", -1);
  /* every step of every guide, in plan order */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      BdGuide *g = bd_pack_lookup_guide (pack, plan[guide]);
      BdStep *s = bd_guide_get_step (g, step);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_cmpstr (fields[0], ==, plan[guide]);
      g_assert_cmpstr (fields[1], ==, bd_step_get_id (s));
      g_assert_cmpstr (fields[2], ==, bd_text_get (bd_step_get_text (s)));
      if (++step == bd_guide_get_n_steps (g))
        step = 0, guide++;
    }
  g_assert_null (plan[guide]);
}

static void
test_plan_readable (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "plan", "read-on-computer-stays", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1. Turn badges off and on for the app"));
  g_assert_nonnull (strstr (run.out, "Countdown: 10 seconds"));
  g_assert_nonnull (strstr (run.out, "Caution: This forgets every saved Wi-Fi password"));
  g_assert_nonnull (strstr (run.out, "Did the badge clear?"));
}

static void
test_plan_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  run_cli (&run, "plan", "badge-one-all-read", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "symptom"), "id"),
                   ==, "badge-one-all-read");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "guides")), >=, 2);
}

static void
test_pack (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };

  run_cli (&run, "pack", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "badge-doctor"));
  g_assert_nonnull (strstr (run.out, "bundled"));
  run_cli (&json, "pack", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"source\" : \"bundled\""));
}

static void
test_validate (void)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "packs", "minimal.json", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad-packs", "duplicate-step-id.json", NULL);
  g_autofree char *expect_path = g_test_build_filename (G_TEST_DIST, "data", "bad-packs", "duplicate-step-id.expect", NULL);
  g_autofree char *expect = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *prefix = NULL;
  g_auto(Run) ok = { 0 };
  g_auto(Run) fail = { 0 };
  g_auto(Run) missing = { 0 };

  run_cli (&ok, "validate", good, NULL);
  g_assert_cmpint (ok.status, ==, 0);

  g_assert_true (g_file_get_contents (expect_path, &expect, NULL, NULL));
  fields = g_strsplit (expect, "\t", 2);
  prefix = g_strconcat (fields[0], ": duplicate id", NULL);
  run_cli (&fail, "validate", bad, NULL);
  g_assert_cmpint (fail.status, ==, 1);
  g_assert_true (g_str_has_prefix (fail.out, prefix));

  run_cli (&missing, "validate", "/nonexistent/pack.json", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/pack.json"));
}

static void
test_errors (void)
{
  struct { const char *args[4]; int status; const char *err; } cases[] = {
    { { "plan", "no-such-symptom", NULL }, 1, "no-such-symptom" },
    { { "plan", NULL }, 2, "Missing argument" },
    { { "plan", "a", "b", NULL }, 2, "Too many arguments" },
    { { "plan", "--tsv", "--json", "x" }, 2, "--tsv" },
    { { "symptoms", "--bogus", NULL }, 2, "--bogus" },
    { { "frobnicate", NULL }, 2, "frobnicate" },
    { { NULL }, 2, "Usage" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      run_cli (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].err));
      g_assert_cmpstr (run.out, ==, "");
    }
}

static void
test_help (void)
{
  const char *commands[] = { "validate", "pack", "symptoms", "plan" };
  g_auto(Run) top = { 0 };

  run_cli (&top, "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_assert_nonnull (strstr (top.out, commands[i]));
      run_cli (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, commands[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/symptoms", test_symptoms);
  g_test_add_func ("/cli/symptoms-json", test_symptoms_json);
  g_test_add_func ("/cli/plan-tsv", test_plan_tsv);
  g_test_add_func ("/cli/plan-readable", test_plan_readable);
  g_test_add_func ("/cli/plan-json", test_plan_json);
  g_test_add_func ("/cli/pack", test_pack);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/help", test_help);
  return g_test_run ();
}
