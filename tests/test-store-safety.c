/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-safety"

#include <glib/gstdio.h>
#include <grp.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bd-guide.h"
#include "bd-pack.h"
#include "bd-step.h"

/*
 * The case store's safety seen from outside: the real badge-doctor-cli,
 * run as separate processes, against a store that another process holds,
 * that many write or create at once, on a full disk, that is broken, or
 * that may only be read. Each test has a data folder of its own.
 */

#define NOBODY 65534
#define N_STEP_WRITERS 60
#define MIN_STEP_WRITERS 50
#define N_NOTE_WRITERS 20
#define MIN_NOTE_WRITERS 15
#define N_FIRST_RUNS 10
#define N_FIRST_RUN_ROUNDS 5
#define N_FULL_TRIES 4

/* Fails the test with a printf-style message when @cond is false. */
#define expect(cond, ...)                                                              \
  G_STMT_START                                                                         \
  {                                                                                    \
    if (!(cond))                                                                       \
      {                                                                                \
        g_autofree char *expect_message_ = g_strdup_printf (__VA_ARGS__);              \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,              \
                             expect_message_);                                         \
      }                                                                                \
  }                                                                                    \
  G_STMT_END

static const char * const step_states[] = { "done", "skipped", "na" };

/* --- running the CLI ------------------------------------------------- */

typedef struct
{
  int status; /* the exit status, or -1 when a signal ended it */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
clear_runs (Run   *runs,
            guint  n)
{
  for (guint i = 0; i < n; i++)
    run_clear (&runs[i]);
}

/* A launcher whose children use the data folder @home. */
static GSubprocessLauncher *
new_launcher (const char *home)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                             | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  /* the store under test; cache and settings in the test's isolated folders */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  return launcher;
}

static GSubprocess *
spawn_program (GSubprocessLauncher *launcher,
               const char          *cli,
               const char * const  *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  GSubprocess *child;

  g_assert_nonnull (cli);
  g_strv_builder_add (builder, cli);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  return child;
}

static GSubprocess *
spawn_with (GSubprocessLauncher *launcher,
            const char * const  *args)
{
  return spawn_program (launcher, g_getenv ("BD_CLI"), args);
}

static GSubprocess *
spawn_cli (const char         *home,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (home);

  return spawn_with (launcher, args);
}

/* Waits for @child and keeps what it printed. */
static void
finish (GSubprocess *child,
        Run         *run)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (child, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (child) ? g_subprocess_get_exit_status (child) : -1;
}

/* Waits for every child; runs[i] is what children[i] did. */
static void
wait_all (GPtrArray *children,
          Run       *runs)
{
  for (guint i = 0; i < children->len; i++)
    finish (g_ptr_array_index (children, i), &runs[i]);
}

static void run_cli (Run        *run,
                     const char *home,
                     ...) G_GNUC_NULL_TERMINATED;

static void
run_cli (Run        *run,
         const char *home,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, home);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  child = spawn_cli (home, (const char * const *) args->pdata);
  finish (child, run);
}

static void
assert_status (const Run  *run,
               int         status,
               const char *what)
{
  expect (run->status == status, "%s: expected exit status %d, got %d\nstdout: %s\nstderr: %s",
          what, status, run->status, run->out, run->err);
}

static void
assert_said (const Run  *run,
             const char *words,
             const char *what)
{
  expect (strstr (run->err, words) != NULL, "%s: standard error should say \"%s\"; it was: %s",
          what, words, run->err);
}

/* A writer that lost the race may only fail with 1, saying the store
 * was busy. Returns whether it succeeded. */
static gboolean
writer_succeeded (const Run  *run,
                  const char *what)
{
  if (run->status != 0)
    {
      assert_status (run, 1, what);
      assert_said (run, "busy", what);
    }
  return run->status == 0;
}

/* --- the data folder ------------------------------------------------- */

static char *
new_home (void)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("bd-store-safety-XXXXXX", &error);

  g_assert_no_error (error);
  return home;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char *
store_dir (const char *home)
{
  return g_build_filename (home, "badge-doctor", NULL);
}

static char *
store_path (const char *home)
{
  return g_build_filename (home, "badge-doctor", "cases.db", NULL);
}

/* A file moved aside as broken, or NULL; with @store_only, the store
 * itself and not its -wal or -shm. */
static char *
find_aside (const char *home,
            gboolean    store_only)
{
  g_autofree char *dir_path = store_dir (home);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".corrupt-") != NULL
        && !(store_only && (g_str_has_suffix (name, "-wal") || g_str_has_suffix (name, "-shm"))))
      return g_build_filename (dir_path, name, NULL);
  return NULL;
}

static void
assert_not_moved_aside (const char *home)
{
  g_autofree char *aside = find_aside (home, FALSE);

  expect (aside == NULL, "the store was moved aside as %s, as if it were broken", aside);
}

static void
assert_integrity (const char *home)
{
  g_autofree char *path = store_path (home);
  g_autofree char *result = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  expect (g_strcmp0 (result, "ok") == 0, "PRAGMA integrity_check said: %s", result ? result : "nothing");
}

static char *
read_bytes (const char *path,
            gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

/* --- what the CLI shows ---------------------------------------------- */

static char *
last_line (const char *out)
{
  g_autofree char *copy = g_strchomp (g_strdup (out));
  const char *nl = strrchr (copy, '\n');

  return g_strdup (nl != NULL ? nl + 1 : copy);
}

static char *
new_case (const char *home,
          const char *label)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, home, "case", "new", "--label", label, NULL);
  assert_status (&run, 0, "case new");
  return last_line (run.out);
}

/* The lines of @out, without the empty one after the last newline. */
static char **
lines_of (const char *out)
{
  g_autofree char *copy = g_strchomp (g_strdup (out));

  return *copy == '\0' ? g_new0 (char *, 1) : g_strsplit (copy, "\n", -1);
}

/* The ids `case list` printed, in @list's output. */
static char **
listed_ids (const char *out)
{
  char **lines = lines_of (out);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      if (tab != NULL)
        *tab = '\0';
    }
  return lines;
}

/* Asserts that `case list`, run as @run, worked and showed @id. */
static void
assert_listed (const Run  *run,
               const char *id,
               const char *what)
{
  g_auto(GStrv) ids = NULL;

  assert_status (run, 0, what);
  ids = listed_ids (run->out);
  expect (g_strv_contains ((const char * const *) ids, id), "%s does not show %s\nstdout: %s\nstderr: %s",
          what, id, run->out, run->err);
}

static char *
notes_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (object, "notes"));
  return g_strdup (json_object_get_string_member (object, "notes"));
}

static char *
case_notes (const char *home,
            const char *id)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, home, "case", "show", id, "--json", NULL);
  assert_status (&run, 0, "case show --json");
  return notes_from_json (run.out);
}

/* How many of @lines are exactly @line, or start with @line if @prefix. */
static guint
count_lines (char * const *lines,
             const char   *line,
             gboolean      prefix)
{
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (prefix ? g_str_has_prefix (lines[i], line) : g_str_equal (lines[i], line))
      n++;
  return n;
}

/* "GUIDE\tSTEP" of every step of the guidance done once, not per device. */
static GPtrArray *
once_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = bd_pack_new_bundled (&error);
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  GListModel *guides;

  g_assert_no_error (error);
  guides = bd_pack_get_guides (pack);
  for (guint i = 0; i < g_list_model_get_n_items (guides); i++)
    {
      g_autoptr(BdGuide) guide = g_list_model_get_item (guides, i);
      for (guint j = 0; j < bd_guide_get_n_steps (guide); j++)
        {
          BdStep *step = bd_guide_get_step (guide, j);
          if (!bd_step_get_per_device (step))
            g_ptr_array_add (pairs, g_strdup_printf ("%s\t%s", bd_guide_get_id (guide), bd_step_get_id (step)));
        }
    }
  return pairs;
}

/* --- another process holds the store ---------------------------------- */

/* A writer gives up after its wait with a message that says why and
 * changes nothing; a reader still works (WAL readers do not wait). */
static void
test_busy (void)
{
  g_autofree char *home = new_home ();
  g_autofree char *path = store_path (home);
  g_autofree char *id = new_case (home, "Jane");
  g_autofree char *notes = NULL;
  g_auto(Run) reader = { 0 };
  g_auto(Run) writer = { 0 };
  g_auto(Run) after = { 0 };
  sqlite3 *db = NULL;
  gint64 start;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  start = g_get_monotonic_time ();
  run_cli (&reader, home, "case", "list", NULL);
  g_test_message ("case list took %.1f s while the store was held",
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  run_cli (&writer, home, "case", "note", id, "hello", "--append", NULL);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_listed (&reader, id, "case list while another process holds the write lock");
  assert_status (&writer, 1, "case note while another process holds the write lock");
  assert_said (&writer, "The case store is busy", "case note while another process holds the write lock");

  run_cli (&after, home, "case", "list", NULL);
  assert_listed (&after, id, "case list after the other process let go");
  notes = case_notes (home, id);
  expect (strstr (notes, "hello") == NULL, "the note that failed as busy was written anyway: %s", notes);
  assert_not_moved_aside (home);
  assert_integrity (home);
  remove_tree (home);
}

/* --- many writers at once -------------------------------------------- */

/* Every tick a writer reported is in the case, with the state it set;
 * a writer that lost only says the store was busy, and wrote nothing. */
static void
test_step_writers (void)
{
  g_autofree char *home = new_home ();
  g_autofree char *id = new_case (home, "Jane");
  g_autoptr(GPtrArray) pairs = once_steps ();
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Run) steps = { 0 };
  g_auto(GStrv) lines = NULL;
  Run runs[N_STEP_WRITERS] = { { 0 } };
  guint succeeded = 0;

  expect (pairs->len >= N_STEP_WRITERS, "the guidance has only %u steps done once", pairs->len);
  for (guint i = 0; i < N_STEP_WRITERS; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (pairs, i), "\t", 2);
      const char *args[] = { "case", "step", id, pair[0], pair[1], step_states[i % 3], NULL };
      g_ptr_array_add (children, spawn_cli (home, args));
    }
  wait_all (children, runs);

  run_cli (&steps, home, "case", "steps", id, NULL);
  assert_status (&steps, 0, "case steps");
  lines = lines_of (steps.out);
  for (guint i = 0; i < N_STEP_WRITERS; i++)
    {
      const char *pair = g_ptr_array_index (pairs, i);
      g_autofree char *what = g_strdup_printf ("case step (%s) %s", pair, step_states[i % 3]);
      g_autofree char *any = g_strdup_printf ("%s\t", pair);
      g_autofree char *set = g_strdup_printf ("%s\t-\t%s\t", pair, step_states[i % 3]);

      if (writer_succeeded (&runs[i], what))
        {
          succeeded++;
          expect (count_lines (lines, set, TRUE) == 1, "%s said it was saved, but case steps shows:\n%s",
                  what, steps.out);
        }
      else
        expect (count_lines (lines, any, TRUE) == 0, "%s failed, but case steps shows it:\n%s", what, steps.out);
    }
  g_test_message ("%u of %u step writers succeeded", succeeded, N_STEP_WRITERS);
  expect (succeeded >= MIN_STEP_WRITERS, "only %u of %u step writers succeeded", succeeded, N_STEP_WRITERS);
  expect (g_strv_length (lines) == succeeded, "case steps shows %u steps, %u writers succeeded:\n%s",
          g_strv_length (lines), succeeded, steps.out);
  assert_integrity (home);
  assert_not_moved_aside (home);
  clear_runs (runs, N_STEP_WRITERS);
  remove_tree (home);
}

/* An append is read, changed and written in one go: no paragraph a
 * writer reported is lost to another writer. */
static void
test_note_writers (void)
{
  g_autofree char *home = new_home ();
  g_autofree char *id = new_case (home, "Jane");
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *notes = NULL;
  g_auto(GStrv) paragraphs = NULL;
  Run runs[N_NOTE_WRITERS] = { { 0 } };
  guint succeeded = 0;

  for (guint i = 0; i < N_NOTE_WRITERS; i++)
    {
      g_autofree char *text = g_strdup_printf ("PARA-%u", i);
      const char *args[] = { "case", "note", id, text, "--append", NULL };
      g_ptr_array_add (children, spawn_cli (home, args));
    }
  wait_all (children, runs);

  notes = case_notes (home, id);
  paragraphs = *notes == '\0' ? g_new0 (char *, 1) : g_strsplit (notes, "\n\n", -1);
  for (guint i = 0; i < N_NOTE_WRITERS; i++)
    {
      g_autofree char *text = g_strdup_printf ("PARA-%u", i);
      g_autofree char *what = g_strdup_printf ("case note ID %s --append", text);
      guint n = count_lines (paragraphs, text, FALSE);

      if (writer_succeeded (&runs[i], what))
        {
          succeeded++;
          expect (n == 1, "%s said it saved, but the notes have %s %u times:\n%s", what, text, n, notes);
        }
      else
        expect (n == 0, "%s failed, but the notes have %s:\n%s", what, text, notes);
    }
  g_test_message ("%u of %u note writers succeeded", succeeded, N_NOTE_WRITERS);
  expect (succeeded >= MIN_NOTE_WRITERS, "only %u of %u note writers succeeded", succeeded, N_NOTE_WRITERS);
  expect (g_strv_length (paragraphs) == succeeded, "the notes have %u paragraphs, %u appends succeeded:\n%s",
          g_strv_length (paragraphs), succeeded, notes);
  assert_integrity (home);
  assert_not_moved_aside (home);
  clear_runs (runs, N_NOTE_WRITERS);
  remove_tree (home);
}

/* The names in the store's folder, for messages. */
static char *
folder_listing (const char *home)
{
  g_autofree char *path = store_dir (home);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GString *names = g_string_new (NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_string_append_printf (names, " %s", name);
  return g_string_free (names, FALSE);
}

/* Ten first runs at once on an empty data folder make one store between
 * them, and every case they report is in it. */
static void
first_runs_once (void)
{
  g_autofree char *home = new_home ();
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *listing = NULL;
  g_auto(Run) list = { 0 };
  g_auto(GStrv) listed = NULL;
  Run runs[N_FIRST_RUNS] = { { 0 } };

  for (guint i = 0; i < N_FIRST_RUNS; i++)
    {
      g_autofree char *label = g_strdup_printf ("First-%u", i);
      const char *args[] = { "case", "new", "--label", label, NULL };
      g_ptr_array_add (children, spawn_cli (home, args));
    }
  wait_all (children, runs);

  for (guint i = 0; i < N_FIRST_RUNS; i++)
    assert_status (&runs[i], 0, "case new, one of ten first runs at once");
  assert_not_moved_aside (home);
  run_cli (&list, home, "case", "list", NULL);
  assert_status (&list, 0, "case list after ten first runs");
  listed = listed_ids (list.out);
  listing = folder_listing (home);
  expect (g_strv_length (listed) == N_FIRST_RUNS, "after %u first runs at once, case list shows %u cases:\n%s"
          "stderr: %s\nthe folder holds:%s", N_FIRST_RUNS, g_strv_length (listed), list.out, list.err, listing);
  for (guint i = 0; i < N_FIRST_RUNS; i++)
    {
      g_autofree char *id = last_line (runs[i].out);
      expect (g_strv_contains ((const char * const *) listed, id), "case new printed %s, case list does not show it",
              id);
    }
  assert_integrity (home);
  clear_runs (runs, N_FIRST_RUNS);
  remove_tree (home);
}

/* The race is short: run it a few times, each in a new folder. */
static void
test_first_runs (void)
{
  for (guint round = 0; round < N_FIRST_RUN_ROUNDS; round++)
    first_runs_once ();
}

/* --- a full disk ----------------------------------------------------- */

/* Runs in a private mount namespace: $1 the mount point, $2 where each
 * command's .out, .err and .status go, $3 the CLI, $4 how many appends
 * to try on the full disk. Exit 77: no mount. */
static const char full_disk_script[] =
  "mnt=$1 out=$2 cli=$3\n"
  "mount -t tmpfs -o size=2m tmpfs \"$mnt\" || exit 77\n"
  "export XDG_DATA_HOME=\"$mnt\"\n"
  "run () {\n"
  "  name=$1; shift\n"
  "  \"$cli\" \"$@\" >\"$out/$name.out\" 2>\"$out/$name.err\"\n"
  "  echo $? >\"$out/$name.status\"\n"
  "}\n"
  "run new case new --label Jane\n"
  "id=$(tail -n 1 \"$out/new.out\")\n"
  "dd if=/dev/zero of=\"$mnt/filler\" bs=64k 2>/dev/null\n"
  "df -k \"$mnt\" >\"$out/df\"\n"
  "big=$(head -c 3000 /dev/zero | tr '\\0' x)\n"
  "for i in $(seq 1 $4); do run full-$i case note \"$id\" \"FULL-$i $big\" --append; done\n"
  "ls -a \"$mnt/badge-doctor\" >\"$out/full.ls\"\n"
  "rm \"$mnt/filler\"\n"
  "run again case note \"$id\" \"RECOVERED $big\" --append\n"
  "run list case list\n"
  "run show case show \"$id\" --json\n"
  "ls -a \"$mnt/badge-doctor\" >\"$out/after.ls\"\n";

/* What the script's command @name did. */
static void
read_run (const char *out_dir,
          const char *name,
          Run        *run)
{
  g_autofree char *status_file = g_strdup_printf ("%s/%s.status", out_dir, name);
  g_autofree char *out_file = g_strdup_printf ("%s/%s.out", out_dir, name);
  g_autofree char *err_file = g_strdup_printf ("%s/%s.err", out_dir, name);
  g_autofree char *status = read_bytes (status_file, NULL);

  run->status = atoi (status);
  run->out = read_bytes (out_file, NULL);
  run->err = read_bytes (err_file, NULL);
}

static void
assert_no_aside_listed (const char *out_dir,
                        const char *name)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  g_autofree char *listing = read_bytes (path, NULL);

  expect (strstr (listing, ".corrupt-") == NULL, "the store was moved aside on the full disk:\n%s", listing);
}

/* Runs the script as root of a new mount namespace; FALSE after skipping
 * the test when that is not allowed here. */
static gboolean
run_full_disk_script (const char *mnt,
                      const char *out_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (mnt);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *new_status = g_build_filename (out_dir, "new.status", NULL);
  g_autofree char *tries = g_strdup_printf ("%d", N_FULL_TRIES);
  /* not root: -r, in a user namespace of its own */
  const char *flags = getuid () == 0 ? "-m" : "-rm";
  g_auto(Run) run = { 0 };

  if (unshare == NULL)
    {
      g_test_skip ("unshare (util-linux) is not installed");
      return FALSE;
    }
  child = g_subprocess_launcher_spawn (launcher, &error, unshare, flags, "--propagation", "private",
                                       "sh", "-c", full_disk_script, "sh", mnt, out_dir, g_getenv ("BD_CLI"),
                                       tries, NULL);
  g_assert_no_error (error);
  finish (child, &run);
  if (run.status != 0 && !g_file_test (new_status, G_FILE_TEST_EXISTS))
    {
      g_autofree char *reason = g_strdup_printf ("cannot mount a small tmpfs in a private mount namespace "
                                                 "(exit status %d): %s", run.status, run.err);
      g_test_skip (reason);
      return FALSE;
    }
  assert_status (&run, 0, "the full-disk script");
  return TRUE;
}

/* A full disk fails the change with a message that says so and harms
 * nothing; once there is room again, the same change works. */
static void
test_disk_full (void)
{
  g_autofree char *base = new_home ();
  g_autofree char *mnt = g_build_filename (base, "mnt", NULL);
  g_autofree char *out_dir = g_build_filename (base, "out", NULL);
  g_autofree char *df_path = g_build_filename (out_dir, "df", NULL);
  g_autofree char *df = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *id = NULL;
  g_auto(Run) made = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) show = { 0 };
  guint failed = 0;

  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  if (!run_full_disk_script (mnt, out_dir))
    {
      remove_tree (base);
      return;
    }
  df = read_bytes (df_path, NULL);
  g_test_message ("with the filler in place:\n%s", df);
  read_run (out_dir, "new", &made);
  assert_status (&made, 0, "case new on the small tmpfs");
  id = last_line (made.out);

  for (guint i = 1; i <= N_FULL_TRIES; i++)
    {
      g_autofree char *name = g_strdup_printf ("full-%u", i);
      g_auto(Run) run = { 0 };

      read_run (out_dir, name, &run);
      expect (run.status == 0 || (run.status == 1 && strstr (run.err, "The disk is full") != NULL),
              "case note on a full disk (try %u): expected exit status 1 and \"The disk is full\", "
              "got %d: %s", i, run.status, run.err);
      failed += run.status != 0;
    }
  expect (failed > 0, "all %d appends of 3000 bytes succeeded on a full disk", N_FULL_TRIES);
  assert_no_aside_listed (out_dir, "full.ls");

  read_run (out_dir, "again", &again);
  assert_status (&again, 0, "case note once there is room again");
  read_run (out_dir, "list", &list);
  assert_listed (&list, id, "case list after the disk was full");
  read_run (out_dir, "show", &show);
  assert_status (&show, 0, "case show after the disk was full");
  notes = notes_from_json (show.out);
  expect (strstr (notes, "RECOVERED ") != NULL, "the note written once there was room is missing");
  for (guint i = 1; i <= N_FULL_TRIES; i++)
    {
      g_autofree char *name = g_strdup_printf ("full-%u", i);
      g_autofree char *text = g_strdup_printf ("FULL-%u ", i);
      g_auto(Run) run = { 0 };

      read_run (out_dir, name, &run);
      expect ((strstr (notes, text) != NULL) == (run.status == 0),
              "case note (try %u) exited %d, but its text is %s the notes", i, run.status,
              run.status == 0 ? "missing from" : "in");
    }
  assert_no_aside_listed (out_dir, "after.ls");
  remove_tree (base);
}

/* --- stores that cannot be read or written --------------------------- */

/* A store that is not a database is moved aside byte for byte, the CLI
 * says where to, and a new store starts. */
static void
test_corrupt (void)
{
  g_autofree char *home = new_home ();
  g_autofree char *dir = store_dir (home);
  g_autofree char *path = store_path (home);
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  g_auto(Run) run = { 0 };
  char garbage[4096];
  gsize len;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  run_cli (&run, home, "case", "list", NULL);
  assert_status (&run, 0, "case list on a store of random bytes");
  assert_said (&run, "could not be read. It was moved to", "case list on a store of random bytes");
  aside = find_aside (home, TRUE);
  expect (aside != NULL, "no file named *.corrupt-* in %s", dir);
  expect (strstr (run.err, aside) != NULL, "the message does not name %s: %s", aside, run.err);
  kept = read_bytes (aside, &len);
  g_assert_cmpmem (kept, len, garbage, sizeof garbage);
  expect (*run.out == '\0', "a new store should have no cases; case list printed: %s", run.out);
  remove_tree (home);
}

static void
become_nobody (gpointer user_data)
{
  if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    _exit (126);
}

/* A copy of the CLI that any user may run, in a folder any user may enter
 * (the CLI links its own code statically). */
static char *
copy_cli_for_anyone (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-cli-XXXXXX", NULL);
  char *copy = g_build_filename (dir, "badge-doctor-cli", NULL);
  g_autofree char *bytes = NULL;
  gsize len;

  g_assert_nonnull (dir);
  g_assert_true (g_file_get_contents (g_getenv ("BD_CLI"), &bytes, &len, NULL));
  g_assert_true (g_file_set_contents_full (copy, bytes, len, G_FILE_SET_CONTENTS_NONE, 0755, NULL));
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  return copy;
}

/* Runs the CLI as someone who may read the store but not write it: as
 * root, uid 65534; otherwise the user, whom the file modes stop. */
static void
run_unprivileged (Run                *run,
                  const char         *home,
                  const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (home);
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *cache = g_build_filename (home, ".cache", NULL);
  g_autofree char *config = g_build_filename (home, ".config", NULL);

  g_autofree char *copy = NULL;

  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  if (getuid () != 0)
    {
      child = spawn_with (launcher, args);
      finish (child, run);
      return;
    }
  /* the build tree may sit in a folder only root can enter (a fresh clone
   * in a private temporary folder): uid 65534 runs a copy of the CLI */
  copy = copy_cli_for_anyone ();
  g_subprocess_launcher_set_child_setup (launcher, become_nobody, NULL, NULL);
  child = spawn_program (launcher, copy, args);
  finish (child, run);
  g_unlink (copy);
  {
    g_autofree char *dir = g_path_get_dirname (copy);
    g_rmdir (dir);
  }
}

/* Makes the data folder and the store (and its -wal and -shm, if any)
 * read-only for the one who runs the CLI. */
static void
make_read_only (const char *home)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *dir = store_dir (home);
  g_autofree char *path = store_path (home);

  if (getuid () == 0)
    g_assert_cmpint (chown (home, NOBODY, NOBODY), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        continue;
      if (getuid () == 0)
        g_assert_cmpint (chown (file, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (g_chmod (file, 0400), ==, 0);
    }
  if (getuid () == 0)
    g_assert_cmpint (chown (dir, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
}

/* A store that may only be read is listed, a change is refused saying
 * so, and the store is left exactly as it was. */
static void
test_read_only (void)
{
  g_autofree char *home = new_home ();
  g_autofree char *dir = store_dir (home);
  g_autofree char *path = store_path (home);
  g_autofree char *id = new_case (home, "Jane");
  g_autofree char *before = NULL, *after = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) note = { 0 };
  gsize len_before, len_after;

  make_read_only (home);
  before = read_bytes (path, &len_before);
  run_unprivileged (&list, home, (const char * const[]) { "case", "list", NULL });
  run_unprivileged (&note, home, (const char * const[]) { "case", "note", id, "x", "--append", NULL });
  after = read_bytes (path, &len_after);

  assert_listed (&list, id, "case list on a read-only store");
  assert_status (&note, 1, "case note on a read-only store");
  assert_said (&note, "read-only", "case note on a read-only store");
  g_assert_cmpmem (before, len_before, after, len_after);
  assert_not_moved_aside (home);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  remove_tree (home);
}

int
main (int    argc,
      char **argv)
{
  /* the CLI's messages, quoted in failures, are UTF-8 */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-safety/busy", test_busy);
  g_test_add_func ("/store-safety/step-writers", test_step_writers);
  g_test_add_func ("/store-safety/note-writers", test_note_writers);
  g_test_add_func ("/store-safety/first-runs", test_first_runs);
  g_test_add_func ("/store-safety/disk-full", test_disk_full);
  g_test_add_func ("/store-safety/corrupt", test_corrupt);
  g_test_add_func ("/store-safety/read-only", test_read_only);
  return g_test_run ();
}
