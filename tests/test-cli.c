/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bd-pack.h"
#include "test-guidance.h"

#include <libsoup/soup.h>

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
  g_auto(GStrv) envp = NULL;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* G_TEST_OPTION_ISOLATE_DIRS isolates this process only: hand the
   * test's own data folder to the child, so it finds the same store. */
  envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* The last line of what a command printed. */
static char *
last_line (const char *out)
{
  g_autofree char *copy = g_strchomp (g_strdup (out));
  const char *nl = strrchr (copy, '\n');

  return g_strdup (nl ? nl + 1 : copy);
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

/* The plan in the words of the iPhone's iOS version: each setting where
 * that version has it, and only there. */
static void
test_plan_ios (void)
{
  g_auto(Run) old = { 0 }, current = { 0 }, newest = { 0 }, unsure = { 0 }, outside = { 0 }, bad = { 0 };
  g_auto(Run) json = { 0 }, pack = { 0 };

  run_cli (&old, "plan", "badge-comes-back", "--ios", "17.5", "--tsv", NULL);
  g_assert_cmpint (old.status, ==, 0);
  g_assert_nonnull (strstr (old.out, "rebuild-imessage-sync\topen-messages-settings\tOpen Settings > Messages.\n"));
  g_assert_null (strstr (old.out, "Settings > Apps"));
  g_assert_null (strstr (old.out, "{path:"));

  run_cli (&current, "plan", "badge-comes-back", "--ios", "26.1", "--tsv", NULL);
  g_assert_nonnull (strstr (current.out, "rebuild-imessage-sync\topen-messages-settings\tOpen Settings > Apps > Messages.\n"));
  g_assert_null (strstr (current.out, "Settings > Messages."));
  /* without --ios: the newest iOS the guidance covers */
  run_cli (&newest, "plan", "badge-comes-back", "--tsv", NULL);
  g_assert_cmpstr (newest.out, ==, current.out);

  run_cli (&unsure, "plan", "badge-comes-back", "--ios", "unsure", NULL);
  g_assert_nonnull (strstr (unsure.out, "Open Settings > Apps > Messages (iOS 17 and earlier: Settings > Messages)."));
  g_assert_nonnull (strstr (unsure.out, "On a Mac: Open Messages on your Mac and choose Messages > Settings > iMessage."));

  /* outside what the guidance was written for: said, not hidden */
  run_cli (&outside, "plan", "badge-comes-back", "--ios", "15.8", NULL);
  g_assert_cmpint (outside.status, ==, 0);
  g_assert_nonnull (strstr (outside.err, "written for iOS 16 to 26.1"));
  run_cli (&bad, "plan", "badge-comes-back", "--ios", "../17", NULL);
  g_assert_cmpint (bad.status, ==, 2);

  run_cli (&json, "plan", "badge-comes-back", "--ios", "17", "--json", NULL);
  g_assert_nonnull (strstr (json.out, "\"ios\" : \"17\""));
  g_assert_nonnull (strstr (json.out, "Click Sign Out next to your account, then confirm."));

  /* what the guidance was written for comes from its guides */
  run_cli (&pack, "pack", NULL);
  g_assert_nonnull (strstr (pack.out, "Written for: iOS 16 to 26.1"));
  g_assert_null (strstr (pack.out, "Checked on"));
}

/* A case's iOS version chooses the words of its plan, of what its step
 * log keeps, and of its report. */
static void
test_case_ios (void)
{
  g_auto(Run) created = { 0 }, shown = { 0 }, ticked = { 0 }, set = { 0 }, again = { 0 };
  g_auto(Run) refused = { 0 }, report = { 0 };
  g_autofree char *id = NULL;

  run_cli (&created, "case", "new", "--symptom", "badge-comes-back", "--ios", "17.5", "--other-devices", "mac", NULL);
  g_assert_cmpint (created.status, ==, 0);
  id = g_strchomp (g_strdup (created.out));
  run_cli (&shown, "case", "show", id, NULL);
  g_assert_nonnull (strstr (shown.out, "Next: Open Settings > Messages."));

  run_cli (&ticked, "case", "step", id, "rebuild-imessage-sync", "turn-off-imessage", "done", "--device", "mac", NULL);
  g_assert_cmpint (ticked.status, ==, 0);
  run_cli (&report, "report", id, "-o", "-", "--format", "txt", NULL);
  g_assert_nonnull (strstr (report.out, "Click Sign Out next to your account, then confirm."));

  run_cli (&set, "case", "set", id, "--ios", "unsure", NULL);
  g_assert_cmpint (set.status, ==, 0);
  run_cli (&again, "case", "show", id, NULL);
  g_assert_nonnull (strstr (again.out, "Next: Open Settings > Apps > Messages (iOS 17 and earlier: Settings > Messages)."));
  g_assert_nonnull (strstr (again.out, "not sure"));

  run_cli (&refused, "case", "set", id, "--ios", "seventeen", NULL);
  g_assert_cmpint (refused.status, ==, 2);
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

/* A person follows a case from start to resolution on the command line. */
static void
test_case_journey (void)
{
  g_auto(Run) created = { 0 };
  g_auto(Run) step = { 0 }, step2 = { 0 }, per_device = { 0 }, wrong_device = { 0 }, missing_device = { 0 };
  g_auto(Run) steps = { 0 }, outcome = { 0 }, show = { 0 }, list = { 0 }, search = { 0 }, filtered = { 0 };
  g_auto(Run) note = { 0 }, status = { 0 }, set = { 0 }, shown_json = { 0 };
  g_autofree char *id = NULL;
  char prefix[9];

  run_cli (&created, "case", "new", "--symptom", "badge-comes-back", "--label", "Jane R.",
           "--ticket", "T-1043", "--model", "iPhone 14", "--ios", "26.5", "--other-devices", "ipad", NULL);
  g_assert_cmpint (created.status, ==, 0);
  id = last_line (created.out);
  g_assert_cmpuint (strlen (id), ==, 36);
  g_strlcpy (prefix, id, sizeof prefix);

  run_cli (&step, "case", "step", prefix, "rebuild-imessage-sync", "open-messages-settings", "done",
           "--device", "iphone", NULL);
  if (step.status != 0)
    g_test_message ("%s", step.err);
  g_assert_cmpint (step.status, ==, 0);
  run_cli (&per_device, "case", "step", prefix, "rebuild-imessage-sync", "open-messages-settings", "done",
           "--device", "ipad", NULL);
  g_assert_cmpint (per_device.status, ==, 0);
  run_cli (&wrong_device, "case", "step", prefix, "rebuild-imessage-sync", "open-messages-settings", "done",
           "--device", "mac", NULL);
  g_assert_cmpint (wrong_device.status, ==, 1);
  g_assert_nonnull (strstr (wrong_device.err, "mac"));
  run_cli (&missing_device, "case", "step", prefix, "rebuild-imessage-sync", "open-messages-settings", "done", NULL);
  g_assert_cmpint (missing_device.status, ==, 1);
  run_cli (&step2, "case", "step", prefix, "rebuild-imessage-sync", "no-such-step", "done", NULL);
  g_assert_cmpint (step2.status, ==, 1);
  g_assert_nonnull (strstr (step2.err, "no-such-step"));

  run_cli (&steps, "case", "steps", prefix, NULL);
  g_assert_cmpint (steps.status, ==, 0);
  g_assert_true (g_str_has_prefix (steps.out, "rebuild-imessage-sync\topen-messages-settings\tiphone\tdone\t"));
  g_assert_nonnull (strstr (steps.out, "\tipad\tdone\t"));

  run_cli (&note, "case", "note", prefix, "Reads WhatsApp on a work laptop.", NULL);
  g_assert_cmpint (note.status, ==, 0);
  run_cli (&set, "case", "set", prefix, "--apps", "whatsapp,messages", "--low-power", "off", NULL);
  g_assert_cmpint (set.status, ==, 0);
  run_cli (&search, "case", "list", "--search", "laptop", NULL);
  g_assert_true (g_str_has_prefix (search.out, id));
  run_cli (&filtered, "case", "list", "--status", "resolved", NULL);
  g_assert_cmpstr (filtered.out, ==, "");

  run_cli (&outcome, "case", "outcome", prefix, "rebuild-imessage-sync", "cleared", NULL);
  g_assert_cmpint (outcome.status, ==, 0);
  run_cli (&list, "case", "list", "--status", "resolved", NULL);
  g_assert_true (g_str_has_prefix (list.out, id));
  {
    g_auto(GStrv) fields = g_strsplit (g_strchomp (list.out), "\t", -1);
    g_assert_cmpuint (g_strv_length (fields), ==, 5);
    g_assert_cmpstr (fields[1], ==, "resolved");
    g_assert_cmpstr (fields[3], ==, "Jane R.");
    g_assert_cmpstr (fields[4], ==, "The badge goes away, then comes back a few seconds later.");
  }

  run_cli (&show, "case", "show", prefix, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "rebuild-imessage-sync"));
  g_assert_nonnull (strstr (show.out, "whatsapp"));
  g_assert_nonnull (strstr (show.out, "cleared"));
  run_cli (&shown_json, "case", "show", prefix, "--json", NULL);
  g_assert_nonnull (strstr (shown_json.out, "\"resolved_by\" : \"rebuild-imessage-sync\""));

  run_cli (&status, "case", "status", prefix, "escalated", NULL);
  g_assert_cmpint (status.status, ==, 0);
}

static void
test_case_delete_undo (void)
{
  g_auto(Run) created = { 0 }, del = { 0 }, after = { 0 }, undo = { 0 }, back = { 0 }, nothing = { 0 };
  g_autofree char *id = NULL;

  run_cli (&created, "case", "new", "--label", "To delete", NULL);
  id = last_line (created.out);
  run_cli (&del, "case", "delete", id, NULL);
  g_assert_cmpint (del.status, ==, 0);
  run_cli (&after, "case", "show", id, NULL);
  g_assert_cmpint (after.status, ==, 1);
  run_cli (&undo, "case", "undo", NULL);
  g_assert_cmpint (undo.status, ==, 0);
  g_assert_nonnull (strstr (undo.out, id));
  run_cli (&back, "case", "show", id, NULL);
  g_assert_cmpint (back.status, ==, 0);
  g_assert_nonnull (strstr (back.out, "To delete"));
  run_cli (&nothing, "case", "undo", NULL);
  g_assert_cmpint (nothing.status, ==, 1);
}

static void
test_case_export_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "case.json", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad-cases", "status-closed.json", NULL);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "cases", "example.json", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no", "such", "dir", "case.json", NULL);
  g_auto(Run) created = { 0 }, exported = { 0 }, again = { 0 }, forced = { 0 }, imported = { 0 };
  g_auto(Run) nowhere = { 0 }, mixed = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *original = NULL, *copy = NULL;
  g_autofree char *nowhere_dir = g_path_get_dirname (unwritable);

  run_cli (&created, "case", "new", "--label", "Exported", "--symptom", "one-app-only", NULL);
  id = last_line (created.out);
  run_cli (&exported, "case", "export", id, "-o", out, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &original, NULL, NULL));
  g_assert_nonnull (strstr (original, id));

  /* an existing file is only replaced with --force */
  run_cli (&again, "case", "export", id, "-o", out, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "--force"));
  run_cli (&forced, "case", "export", id, "-o", out, "--force", NULL);
  g_assert_cmpint (forced.status, ==, 0);

  /* an unwritable target fails and leaves nothing behind */
  run_cli (&nowhere, "case", "export", id, "-o", unwritable, NULL);
  g_assert_cmpint (nowhere.status, ==, 1);
  g_assert_false (g_file_test (nowhere_dir, G_FILE_TEST_EXISTS));

  /* importing its own export gives the copy a new id */
  run_cli (&imported, "case", "import", out, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  copy = last_line (imported.out);
  g_assert_true (g_str_has_prefix (copy, out));
  g_assert_null (strstr (copy, id));

  /* one bad file among good ones: reported with its path, the rest imported */
  run_cli (&mixed, "case", "import", good, bad, NULL);
  g_assert_cmpint (mixed.status, ==, 1);
  g_assert_nonnull (strstr (mixed.out, good));
  g_assert_nonnull (strstr (mixed.err, bad));
  g_assert_nonnull (strstr (mixed.err, ": status: "));
}

/* A store that cannot be read: the command still works, on a fresh store,
 * and says where the old one went. */
static void
test_case_recovered (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "badge-doctor", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "this is not a database, it is a shopping list", -1, NULL));
  run_cli (&run, "case", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "cases.db.corrupt-"));
  g_assert_nonnull (strstr (run.err, "could not be read"));
}

/* The CLI through sh, for pipes and process substitution. */
static void
run_shell (Run        *run,
           const char *script)
{
  const char *argv[] = { "/bin/bash", "-c", script, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  int wait_status = 0;

  envp = g_environ_setenv (envp, "CLI", g_getenv ("BD_CLI"), TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, NULL));
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* A case bigger than a pipe's 64 KiB comes in whole through a pipe, a
 * process substitution and standard input. */
static void
test_import_pipes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-pipe-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_auto(Run) created = { 0 }, noted = { 0 }, exported = { 0 }, piped = { 0 }, substituted = { 0 };
  g_autofree char *id = NULL, *script = NULL, *again = NULL;
  gsize size = 0;
  g_autofree char *text = NULL;

  /* 20,000 four-byte characters: 80 KB of notes */
  for (guint i = 0; i < 20000; i++)
    g_string_append (notes, "😀");
  run_cli (&created, "case", "new", "--symptom", "badge-comes-back", NULL);
  id = last_line (created.out);
  run_cli (&noted, "case", "note", id, notes->str, NULL);
  g_assert_cmpint (noted.status, ==, 0);
  run_cli (&exported, "case", "export", id, "-o", path, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &text, &size, NULL));
  g_assert_cmpuint (size, >, 65536);

  script = g_strdup_printf ("cat '%s' | \"$CLI\" case import -", path);
  run_shell (&piped, script);
  g_assert_cmpint (piped.status, ==, 0);
  g_assert_null (strstr (piped.err, "column"));
  again = g_strdup_printf ("\"$CLI\" case import <(cat '%s')", path);
  run_shell (&substituted, again);
  g_assert_cmpint (substituted.status, ==, 0);
  g_assert_nonnull (strstr (substituted.out, "/dev/fd/"));
}

/* Text from a file never reaches the terminal as escape sequences, and a
 * language is a language code. */
static void
test_hostile_text (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "evil.json", NULL);
  g_autofree char *noted_path = g_build_filename (dir, "noted.json", NULL);
  g_auto(Run) imported = { 0 }, validated = { 0 }, created = { 0 }, noted = { 0 }, reported = { 0 };
  g_auto(Run) exported = { 0 }, reimported = { 0 };
  g_autofree char *id = NULL, *text = NULL;

  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"id\": \"\\u001b]0;pwned\\u0007\\u001b[2J\", "
                                            "\"x\\u001b[31m\\u009b\": 1}", -1, NULL));
  run_cli (&imported, "case", "import", path, NULL);
  run_cli (&validated, "validate", path, NULL);
  g_assert_cmpint (imported.status, !=, 0);
  g_assert_cmpint (validated.status, !=, 0);
  for (guint i = 0; i < 2; i++)
    {
      /* validate lists the problems it was asked for on standard output */
      const char *err = i == 0 ? imported.err : validated.out;
      g_assert_null (strchr (err, '\x1b'));
      g_assert_null (strchr (err, '\x07'));
      g_assert_null (strstr (err, "\xc2\x9b"));
      g_assert_nonnull (strstr (err, "\\x1b]0;pwned\\x07"));
    }
  g_assert_nonnull (strstr (imported.err, "\\u009b"));

  /* C1 controls are refused in typed text and in imported text alike */
  run_cli (&created, "case", "new", NULL);
  id = last_line (created.out);
  run_cli (&noted, "case", "note", id, "before \xc2\x9b" "31m after", NULL);
  g_assert_cmpint (noted.status, ==, 2);
  run_cli (&exported, "case", "export", id, "-o", noted_path, NULL);
  g_assert_true (g_file_get_contents (noted_path, &text, NULL, NULL));
  {
    g_autoptr(GString) edited = g_string_new (text);
    g_string_replace (edited, "\"notes\" : \"\"", "\"notes\" : \"a \\u009b b\"", 1);
    g_assert_true (g_file_set_contents (noted_path, edited->str, -1, NULL));
  }
  run_cli (&reimported, "case", "import", noted_path, NULL);
  g_assert_cmpint (reimported.status, !=, 0);
  g_assert_nonnull (strstr (reimported.err, "U+009B"));

  /* --lang takes a language code, not a path */
  run_cli (&reported, "report", id, "-o", "-", "--format", "txt", "--lang", "../../etc/passwd", NULL);
  g_assert_cmpint (reported.status, ==, 2);
  g_assert_nonnull (strstr (reported.err, "not a language code"));
}

/* A case marked resolved with no guide that cleared it says so. */
static void
test_resolved_without_outcome (void)
{
  g_auto(Run) created = { 0 }, status = { 0 }, report = { 0 };
  g_autofree char *id = NULL;

  run_cli (&created, "case", "new", "--symptom", "badge-comes-back", NULL);
  id = last_line (created.out);
  run_cli (&status, "case", "status", id, "resolved", NULL);
  g_assert_cmpint (status.status, ==, 0);
  run_cli (&report, "report", id, "-o", "-", "--format", "txt", NULL);
  g_assert_nonnull (strstr (report.out, "Resolved (no guide recorded as clearing it)."));
  g_assert_null (strstr (report.out, "Not resolved."));
}

static void
test_case_errors (void)
{
  struct { const char *args[6]; int status; const char *err; } cases[] = {
    { { "case", NULL }, 2, "Usage" },
    { { "case", "frob", NULL }, 2, "frob" },
    { { "case", "new", "--symptom", "no-such-symptom", NULL }, 1, "no-such-symptom" },
    { { "case", "new", "--apps", "myspace", NULL }, 2, "myspace" },
    { { "case", "new", "--ios", "beta", NULL }, 2, "beta" },
    { { "case", "new", "--low-power", "maybe", NULL }, 2, "maybe" },
    { { "case", "show", "ffffffff", NULL }, 1, "ffffffff" },
    { { "case", "status", "abc", "closed", NULL }, 2, "closed" },
    { { "case", "step", "abc", "g", "s", "finished" }, 2, "finished" },
    { { "case", "export", "abc", NULL }, 2, "-o" },
    { { "case", "import", NULL }, 2, "Missing argument" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      run_cli (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
               cases[i].args[4], cases[i].args[5], NULL);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].err));
    }
}

static void
test_help (void)
{
  const char *commands[] = { "validate", "pack", "symptoms", "plan", "case" };
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

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, as one line. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, (char *) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_report (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-report-XXXXXX", NULL);
  g_autofree char *txt = g_build_filename (dir, "report.txt", NULL);
  g_autofree char *html = g_build_filename (dir, "report.html", NULL);
  g_autofree char *json = g_build_filename (dir, "report.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *odd = g_build_filename (dir, "report.odd", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "report.txt", NULL);
  g_autofree char *nowhere_dir = g_path_get_dirname (nowhere);
  g_autofree char *folder = g_build_filename (dir, "a-folder", NULL);
  g_autofree char *inside = g_build_filename (folder, "inside", NULL);
  g_autofree char *id = NULL, *text = NULL, *again_text = NULL, *page = NULL, *listing = NULL;
  g_auto(Run) created = { 0 }, noted = { 0 }, wrote = { 0 }, again = { 0 }, forced = { 0 };
  g_auto(Run) as_html = { 0 }, as_json = { 0 }, as_pdf = { 0 }, redacted = { 0 }, bad_format = { 0 };
  g_auto(Run) no_format = { 0 }, unwritable = { 0 }, onto_folder = { 0 }, left_out = { 0 }, bad_field = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize page_size = 0;

  run_cli (&created, "case", "new", "--symptom", "badge-comes-back", "--label", "Report Person",
           "--model", "iPhone 14", NULL);
  id = last_line (created.out);
  run_cli (&noted, "case", "note", id, "Call me on +44 20 7946 0018 or at person@example.org.", NULL);
  g_assert_cmpint (noted.status, ==, 0);

  run_cli (&wrote, "report", id, "-o", txt, NULL);
  g_assert_cmpint (wrote.status, ==, 0);
  text = read_file (txt);
  g_assert_true (g_str_has_prefix (text, "Badge Doctor Report\n"));
  g_assert_nonnull (strstr (text, "Report Person"));
  g_assert_nonnull (strstr (text, "+44 20 7946 0018"));

  /* an existing report is only replaced with --force */
  g_assert_true (g_file_set_contents (txt, "kept", -1, NULL));
  run_cli (&again, "report", id, "-o", txt, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "--force"));
  again_text = read_file (txt);
  g_assert_cmpstr (again_text, ==, "kept");
  run_cli (&forced, "report", id, "-o", txt, "--force", "--redact", NULL);
  g_assert_cmpint (forced.status, ==, 0);
  g_free (text);
  text = read_file (txt);
  g_assert_null (strstr (text, "7946"));
  g_assert_null (strstr (text, "person@example.org"));
  g_assert_nonnull (strstr (text, "[phone 1]"));

  /* the format follows the file name unless --format says otherwise */
  run_cli (&as_html, "report", id, "-o", html, NULL);
  g_assert_cmpint (as_html.status, ==, 0);
  g_free (text);
  text = read_file (html);
  g_assert_true (g_str_has_prefix (text, "<!DOCTYPE html>"));
  run_cli (&as_json, "report", id, "-o", json, "--leave-out", "notes", NULL);
  g_assert_cmpint (as_json.status, ==, 0);
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "format"),
                   ==, "badge-doctor-report");
  g_assert_false (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "notes"));
  run_cli (&as_pdf, "report", id, "-o", pdf, "--paper", "letter", NULL);
  g_assert_cmpint (as_pdf.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &page, &page_size, NULL));
  g_assert_true (g_str_has_prefix (page, "%PDF-"));
  /* US Letter: 8.5 × 11 in; the binary PDF is searched with memmem. */
  g_assert_nonnull (memmem (page, page_size, "MediaBox [ 0 0 612 792 ]", 24));

  run_cli (&bad_format, "report", id, "-o", txt, "--format", "docx", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  run_cli (&no_format, "report", id, "-o", odd, NULL);
  g_assert_cmpint (no_format.status, ==, 2);
  g_assert_false (g_file_test (odd, G_FILE_TEST_EXISTS));
  run_cli (&bad_field, "report", id, "-o", odd, "--format", "txt", "--leave-out", "shoe-size", NULL);
  g_assert_cmpint (bad_field.status, ==, 2);

  /* an unwritable target fails with a message and leaves nothing behind */
  run_cli (&unwritable, "report", id, "-o", nowhere, NULL);
  g_assert_cmpint (unwritable.status, ==, 1);
  g_assert_nonnull (strstr (unwritable.err, "Cannot write the report"));
  g_assert_false (g_file_test (nowhere_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "", 0, NULL));
  run_cli (&onto_folder, "report", id, "-o", folder, "--format", "txt", "--force", NULL);
  g_assert_cmpint (onto_folder.status, ==, 1);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a-folder report.html report.json report.pdf report.txt");

  run_cli (&left_out, "report", id, "-o", "-", "--format", "txt", "--leave-out", "label", "--leave-out", "model", NULL);
  g_assert_cmpint (left_out.status, ==, 0);
  g_assert_null (strstr (left_out.out, "Report Person"));
  g_assert_null (strstr (left_out.out, "iPhone 14"));
  g_assert_nonnull (strstr (left_out.out, "Call me on"));
}

/* --- update: against a server in this process ----------------------------- */

static void
on_spawned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
}

/* Like run_cli, with the main loop running so the test's server answers. */
static void
run_cli_serving (Run         *run,
                 const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("BD_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  /* settings the test writes, as an administrator would set them */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  run->status = -1;
  g_subprocess_communicate_utf8_async (child, NULL, NULL, on_spawned, run);
  while (run->status == -1)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  GBytes *pack;
  GBytes *signature;
} Served;

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Served *served = user_data;
  GBytes *body = g_str_has_suffix (path, ".minisig") ? served->signature : served->pack;

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* The trusted-keys setting of the CLIs this test starts (NULL: none). */
static void
set_trusted_key (const char *line)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *text = line != NULL
    ? g_strdup_printf ("[io/github/badgedoctor/BadgeDoctor]\ntrusted-keys=['%s']\n", line)
    : g_strdup ("[io/github/badgedoctor/BadgeDoctor]\n");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_update (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL, *other_line = NULL, *url = NULL, *key_file = NULL;
  g_auto(Run) untrusted = { 0 }, updated = { 0 }, again = { 0 }, shown = { 0 }, plain = { 0 }, refused = { 0 };
  g_auto(Run) one_off = { 0 }, untrusted_pack = { 0 }, with_key = { 0 };
  Served served = { 0 };
  TestKey key, other;

  test_key_init (&key);
  test_key_init (&other);
  line = test_key_line (&key);
  other_line = test_key_line (&other);
  served.pack = test_pack_with_version ("2099.1.1");
  served.signature = test_key_sign (&key, served.pack);
  soup_server_add_handler (server, NULL, on_request, &served, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  {
    g_autoptr(GSList) uris = soup_server_get_uris (server);
    g_autofree char *base = g_uri_to_string (uris->data);
    url = g_strconcat (base, "guidance.json", NULL);
    g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  }
  /* a key file, as minisign -G writes it */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  key_file = g_build_filename (g_get_user_data_dir (), "test.pub", NULL);
  {
    g_autofree char *text = g_strdup_printf ("untrusted comment: minisign public key\n%s\n", line);
    g_assert_true (g_file_set_contents (key_file, text, -1, NULL));
  }

  run_cli_serving (&untrusted, (const char * const[]) { "update", "--url", url, "--key", other_line, NULL });
  g_assert_cmpint (untrusted.status, ==, 1);
  g_assert_nonnull (strstr (untrusted.err, "unknown-key"));
  g_assert_nonnull (strstr (untrusted.err, "still using 2026.12.1"));

  /* a key given only on the command line checks the pack, but what it
   * signs does not replace the guidance of the configured keys */
  run_cli_serving (&one_off, (const char * const[]) { "update", "--url", url, "--key", key_file, NULL });
  g_assert_cmpint (one_off.status, ==, 1);
  g_assert_nonnull (strstr (one_off.err, "--key"));
  g_assert_nonnull (strstr (one_off.err, "still using 2026.12.1"));
  run_cli_serving (&plain, (const char * const[]) { "pack", NULL });
  g_assert_nonnull (strstr (plain.out, "2026.12.1"));
  g_assert_nonnull (strstr (plain.out, "bundled"));

  /* with the key in the settings, as an administrator sets it up */
  set_trusted_key (line);
  run_cli_serving (&updated, (const char * const[]) { "update", "--url", url, NULL });
  g_assert_cmpint (updated.status, ==, 0);
  g_assert_cmpstr (updated.out, ==, "updated to 2099.1.1\n");
  run_cli_serving (&again, (const char * const[]) { "update", "--url", url, NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, "up to date (2099.1.1)\n");
  run_cli_serving (&shown, (const char * const[]) { "pack", NULL });
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_nonnull (strstr (shown.out, "2099.1.1"));
  g_assert_nonnull (strstr (shown.out, "cache"));
  /* without the key it is not trusted, and left in place */
  set_trusted_key (NULL);
  run_cli_serving (&untrusted_pack, (const char * const[]) { "pack", NULL });
  g_assert_nonnull (strstr (untrusted_pack.out, "2026.12.1"));
  g_assert_nonnull (strstr (untrusted_pack.out, "bundled"));
  run_cli_serving (&with_key, (const char * const[]) { "pack", "--key", line, NULL });
  g_assert_nonnull (strstr (with_key.out, "2099.1.1"));

  run_cli_serving (&refused, (const char * const[]) { "update", "--url", "http://example.com/g.json", NULL });
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "address"));

  g_bytes_unref (served.pack);
  g_bytes_unref (served.signature);
  test_key_clear (&key);
  test_key_clear (&other);
}

/* The guidance in the person's language, also where the only locale is
 * C.UTF-8 (the tests run so): LANGUAGE chooses among the pack's languages. */
static void
test_languages (void)
{
  static const struct { const char *language; const char *words; const char *usage; } cases[] = {
    { "de", "Kennzeichen", "Befehle:" }, { "es", "globo", "Comandos:" }, { "fr", "pastille", "Commandes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) symptoms = { 0 }, plan = { 0 }, help = { 0 };

      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      run_cli (&symptoms, "symptoms", NULL);
      run_cli (&plan, "plan", "badge-one-all-read", NULL);
      run_cli (&help, "--help", NULL);
      g_setenv ("LANGUAGE", "", TRUE);
      /* the interface's own words too */
      if (strstr (help.out, cases[i].usage) == NULL)
        g_error ("%s: --help is not translated:\n%s", cases[i].language, help.out);
      g_assert_cmpint (symptoms.status, ==, 0);
      if (strstr (symptoms.out, cases[i].words) == NULL)
        g_error ("%s: no “%s” in the matrix:\n%s", cases[i].language, cases[i].words, symptoms.out);
      g_assert_null (strstr (symptoms.out, "The badge shows 1"));
      g_assert_cmpint (plan.status, ==, 0);
      g_assert_null (strstr (plan.out, "Open Messages."));
    }
}

/* The bundled pack says how far each language goes. */
static void
test_completeness (void)
{
  g_auto(Run) shown = { 0 }, json = { 0 };

  run_cli (&shown, "pack", NULL);
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_nonnull (strstr (shown.out, "en, de 100 %, es 100 %, fr 100 %"));
  run_cli (&json, "pack", "--json", NULL);
  g_assert_nonnull (strstr (json.out, "\"fr\" : 100"));
}

/* Each catalogue in po/guidance is up to date with the English pack: the
 * template extracted now holds exactly the strings it translates. */
static void
test_pack_extract (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "guidance", "badge-doctor.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("bd-pot-XXXXXX", NULL);
  g_autofree char *pot = g_build_filename (dir, "guidance.pot", NULL);
  g_auto(Run) extracted = { 0 }, again = { 0 };
  g_autofree char *msgcmp = g_find_program_in_path ("msgcmp");

  run_cli (&extracted, "pack", "extract", source, "-o", pot, NULL);
  g_assert_cmpint (extracted.status, ==, 0);
  run_cli (&again, "pack", "extract", source, "-o", pot, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (msgcmp);
  for (guint i = 0; i < 3; i++)
    {
      const char *languages[] = { "de", "es", "fr" };
      g_autofree char *name = g_strconcat (languages[i], ".po", NULL);
      g_autofree char *po = g_test_build_filename (G_TEST_DIST, "..", "po", "guidance", name, NULL);
      const char *argv[] = { msgcmp, po, pot, NULL };
      g_autofree char *err = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, NULL));
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("po/guidance/%s.po is not current with the English pack:\n%s", languages[i], err);
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
  g_test_add_func ("/cli/plan-ios", test_plan_ios);
  g_test_add_func ("/cli/case/ios", test_case_ios);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/case/journey", test_case_journey);
  g_test_add_func ("/cli/case/delete-undo", test_case_delete_undo);
  g_test_add_func ("/cli/case/export-import", test_case_export_import);
  g_test_add_func ("/cli/case/errors", test_case_errors);
  g_test_add_func ("/cli/case/import-pipes", test_import_pipes);
  g_test_add_func ("/cli/hostile-text", test_hostile_text);
  g_test_add_func ("/cli/report/resolved-without-outcome", test_resolved_without_outcome);
  g_test_add_func ("/cli/case/recovered", test_case_recovered);
  g_test_add_func ("/cli/report", test_report);
  g_test_add_func ("/cli/update", test_update);
  g_test_add_func ("/cli/languages", test_languages);
  g_test_add_func ("/cli/completeness", test_completeness);
  g_test_add_func ("/cli/pack-extract", test_pack_extract);
  return g_test_run ();
}
