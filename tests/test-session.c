/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-session"

#include <sqlite3.h>

#include "bd-case-store-private.h"
#include "bd-error.h"
#include "bd-session.h"
#include "bd-sqlite-store.h"

typedef struct
{
  BdPack *pack;
  char *path;
  BdSqliteStore *backend;
  BdCaseStore *store;    /* a second connection, as another process has */
  BdSession *session;
  GAsyncResult *result;
  guint plan_changes;
} Fixture;

static void
on_plan (GObject    *object,
         GParamSpec *pspec,
         gpointer    user_data)
{
  ((Fixture *) user_data)->plan_changes++;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *pack_path = g_test_build_filename (G_TEST_DIST, "data", "packs", "minimal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pack_path);

  f->path = g_build_filename (g_get_user_data_dir (), "cases.db", NULL);
  f->pack = bd_pack_new_from_file (file, NULL, NULL);
  f->store = bd_case_store_new (f->path, NULL);
  g_assert_nonnull (f->pack);
  g_assert_nonnull (f->store);
  f->backend = bd_sqlite_store_new (f->path, BD_CASE_STORE_READ_WRITE);
  f->session = bd_session_new (f->pack, BD_CASE_BACKEND (f->backend));
  g_signal_connect (f->session, "notify::plan", G_CALLBACK (on_plan), f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->backend);
  g_clear_object (&f->store);
  g_clear_object (&f->pack);
  g_clear_object (&f->result);
  g_free (f->path);
}

static void
keep (GObject      *object,
      GAsyncResult *result,
      gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

/* Waits for the session's answer to the request just made. */
static gboolean
finish (Fixture  *f,
        GError  **error)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gboolean ok;

  while (f->result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (f->result);
  ok = bd_session_write_finish (f->session, f->result, error);
  g_clear_object (&f->result);
  return ok;
}

static gboolean
new_case (Fixture     *f,
          const char  *symptom,
          GError     **error)
{
  bd_session_new_case_async (f->session, symptom, keep, f);
  return finish (f, error);
}

static gboolean
set_step (Fixture      *f,
          const char   *step,
          BdDevice      device,
          BdStepState   state,
          GError      **error)
{
  bd_session_set_step_async (f->session, "toggle-badges", step, device, state, keep, f);
  return finish (f, error);
}

static gboolean
answer (Fixture     *f,
        const char  *guide,
        BdOutcome    outcome,
        GError     **error)
{
  bd_session_answer_async (f->session, guide, outcome, keep, f);
  return finish (f, error);
}

static guint
count (Fixture *f)
{
  guint n = G_MAXUINT;

  g_assert_true (bd_case_store_count (f->store, &n, NULL));
  return n;
}

/* Choose a symptom, tick, answer: each action is in the store and the
 * plan follows. */
static void
test_journey (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BdPlan *plan;

  g_assert_null (bd_session_get_case (f->session));
  g_assert_true (new_case (f, "stuck-one", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->plan_changes, ==, 1);
  plan = bd_session_get_plan (f->session);
  g_assert_cmpuint (bd_plan_get_n_guides (plan), ==, 2);
  g_assert_cmpint (bd_plan_get_current (plan), ==, 0);

  g_assert_true (set_step (f, "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->plan_changes, ==, 2);
  g_assert_cmpuint (bd_plan_get_guide (bd_session_get_plan (f->session), 0)->n_done, ==, 1);

  /* the step log holds the words the step showed */
  {
    g_autoptr(BdCase) stored = bd_case_store_load (f->store, bd_case_get_id (bd_session_get_case (f->session)), NULL);
    BdStepRecord *record = bd_case_lookup_step (stored, "toggle-badges", "open-settings", BD_DEVICE_NONE);
    g_assert_cmpstr (record->text, ==, "Open Settings > Notifications > Messages.");
  }

  g_assert_true (answer (f, "toggle-badges", BD_OUTCOME_NOT_CLEARED, &error));
  g_assert_cmpint (bd_plan_get_current (bd_session_get_plan (f->session)), ==, 1);
  g_assert_true (answer (f, "reset-settings", BD_OUTCOME_CLEARED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bd_case_get_status (bd_session_get_case (f->session)), ==, BD_CASE_STATUS_RESOLVED);
  g_assert_cmpstr (bd_case_get_resolved_by (bd_session_get_case (f->session)), ==, "reset-settings");
}

/* The rules of a case, the same for the window and the CLI: a step belongs
 * to its guide, a per-device step needs a device the case has. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (set_step (f, "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (new_case (f, "no-such-symptom", &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count (f), ==, 0);

  g_assert_true (new_case (f, NULL, NULL));
  g_assert_false (set_step (f, "turn-on", BD_DEVICE_NONE, BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_DEVICE_NEEDED);
  g_clear_error (&error);
  g_assert_false (set_step (f, "wait", BD_DEVICE_IPHONE, BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_DEVICE_NOT_NEEDED);
  g_clear_error (&error);
  /* the case has only the iPhone */
  g_assert_false (set_step (f, "turn-on", BD_DEVICE_IPAD, BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NO_SUCH_DEVICE);
  g_clear_error (&error);
  g_assert_false (set_step (f, "nope", BD_DEVICE_NONE, BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (set_step (f, "turn-on", BD_DEVICE_IPHONE, BD_STEP_STATE_DONE, &error));
  g_assert_no_error (error);
  g_assert_false (bd_session_is_busy (f->session));
}

static void
test_details_and_symptoms (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BdCase *kase;

  g_assert_true (new_case (f, NULL, &error));
  kase = bd_session_get_case (f->session);
  bd_case_set_label (kase, "Jane R.");
  bd_case_set_other_devices (kase, BD_DEVICE_IPAD);
  bd_session_set_details_async (f->session, BD_CASE_FIELD_LABEL | BD_CASE_FIELD_OTHER_DEVICES, keep, f);
  g_assert_true (finish (f, &error));
  bd_session_add_symptom_async (f->session, "stuck-one", keep, f);
  g_assert_true (finish (f, &error));
  g_assert_no_error (error);
  kase = bd_session_get_case (f->session);
  g_assert_cmpstr (bd_case_get_label (kase), ==, "Jane R.");
  g_assert_cmpuint (bd_case_get_symptoms (kase)->len, ==, 1);
  /* the iPad joins the per-device steps */
  g_assert_cmpuint (bd_plan_get_guide (bd_session_get_plan (f->session), 0)->n_units, ==, 5);
}

/* Two people on one case at once (the window here, the CLI there): each
 * change writes only its own field, so neither undoes the other. */
static void
test_no_lost_updates (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCase) values = bd_case_new ("", "");
  g_autoptr(BdCase) stored = NULL;
  g_autofree char *id = NULL;

  g_assert_true (new_case (f, NULL, &error));
  id = g_strdup (bd_case_get_id (bd_session_get_case (f->session)));
  /* meanwhile, elsewhere: notes and the model change */
  g_assert_true (bd_case_store_append_notes (f->store, id, "Called back at 3.", &error));
  bd_case_set_model (values, "iPhone 15");
  g_assert_true (bd_case_store_set_details (f->store, id, values, BD_CASE_FIELD_MODEL, &error));
  g_assert_true (bd_case_store_append_notes (f->store, id, "Restarted the phone.", &error));
  /* here, on the snapshot taken before: the label */
  bd_case_set_label (bd_session_get_case (f->session), "Jane R.");
  bd_session_set_details_async (f->session, BD_CASE_FIELD_LABEL, keep, f);
  g_assert_true (finish (f, &error));
  stored = bd_case_store_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bd_case_get_label (stored), ==, "Jane R.");
  g_assert_cmpstr (bd_case_get_model (stored), ==, "iPhone 15");
  g_assert_cmpstr (bd_case_get_notes (stored), ==, "Called back at 3.\n\nRestarted the phone.");
  /* and the window shows all of it */
  g_assert_cmpstr (bd_case_get_model (bd_session_get_case (f->session)), ==, "iPhone 15");
}

static void
test_delete_undo_view (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  BdUndoKind kind;

  g_assert_true (new_case (f, "stuck-one", NULL));
  id = g_strdup (bd_case_get_id (bd_session_get_case (f->session)));
  bd_session_set_view (f->session, "guide:toggle-badges:40");
  bd_session_delete_case_async (f->session, keep, f);
  g_assert_true (finish (f, &error));
  g_assert_null (bd_session_get_case (f->session));
  g_assert_cmpuint (count (f), ==, 0);
  bd_session_undo_async (f->session, keep, f);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (bd_session_undo_finish (f->session, f->result, &kind, &error));
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, BD_UNDO_DELETE);
  g_assert_cmpstr (bd_case_get_id (bd_session_get_case (f->session)), ==, id);
  g_assert_cmpstr (bd_session_get_view (f->session), ==, "guide:toggle-badges:40");
}

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  bd_session_write_finish (BD_SESSION (object), result, error);
}

static void
wait_idle (BdSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (bd_session_is_busy (session) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bd_session_is_busy (session));
}

/* Ticks commit off the main thread, in order; the view changes only once
 * they are committed, and shows the newest. */
static void
test_async_writes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const steps[] = { "open-settings", "turn-off", "wait" };
  BdCase *kase;

  g_assert_true (new_case (f, "stuck-one", NULL));
  f->plan_changes = 0;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    bd_session_set_step_async (f->session, "toggle-badges", steps[i], BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                               count_done, &error);
  /* the same step again: the later state must win */
  bd_session_set_step_async (f->session, "toggle-badges", "wait", BD_DEVICE_NONE, BD_STEP_STATE_SKIPPED,
                             count_done, &error);
  g_assert_true (bd_session_is_busy (f->session));
  g_assert_cmpuint (bd_plan_get_guide (bd_session_get_plan (f->session), 0)->n_done, ==, 0);
  wait_idle (f->session);
  g_assert_no_error (error);
  /* one view update, from the newest write */
  g_assert_cmpuint (f->plan_changes, ==, 1);
  g_assert_cmpuint (bd_plan_get_guide (bd_session_get_plan (f->session), 0)->n_done, ==, 2);
  g_assert_cmpuint (bd_plan_get_guide (bd_session_get_plan (f->session), 0)->n_skipped, ==, 1);

  /* a detail edit saved while more edits follow keeps what was saved */
  kase = bd_session_get_case (f->session);
  bd_case_set_label (kase, "Jane R.");
  bd_session_set_details_async (f->session, BD_CASE_FIELD_LABEL, count_done, &error);
  bd_case_set_label (kase, "typed on");
  bd_session_answer_async (f->session, "toggle-badges", BD_OUTCOME_CLEARED, count_done, &error);
  wait_idle (f->session);
  g_assert_no_error (error);
  kase = bd_session_get_case (f->session);
  g_assert_cmpstr (bd_case_get_label (kase), ==, "Jane R.");
  g_assert_cmpint (bd_case_get_status (kase), ==, BD_CASE_STATUS_RESOLVED);
}

/* Undo asked for after queued ticks lands after them: it undoes the last
 * queued tick, not one before it. */
static void
test_async_then_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BdUndoKind kind;

  g_assert_true (new_case (f, "stuck-one", NULL));
  bd_session_set_step_async (f->session, "toggle-badges", "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                             count_done, &error);
  bd_session_set_step_async (f->session, "toggle-badges", "turn-off", BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                             count_done, &error);
  bd_session_undo_async (f->session, keep, f);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (bd_session_undo_finish (f->session, f->result, &kind, &error));
  g_clear_object (&f->result);
  g_assert_no_error (error);
  wait_idle (f->session);
  g_assert_cmpint (kind, ==, BD_UNDO_STEP);
  g_assert_cmpint (bd_plan_get_step_state (bd_session_get_plan (f->session), "toggle-badges", "open-settings",
                                           BD_DEVICE_NONE), ==, BD_STEP_STATE_DONE);
  g_assert_cmpint (bd_plan_get_step_state (bd_session_get_plan (f->session), "toggle-badges", "turn-off",
                                           BD_DEVICE_NONE), ==, BD_STEP_STATE_PENDING);
}

static void
test_async_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  bd_session_set_step_async (f->session, "toggle-badges", "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                             count_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (new_case (f, NULL, NULL));
  bd_session_set_step_async (f->session, "toggle-badges", "turn-on", BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                             count_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, BD_ERROR, BD_ERROR_DEVICE_NEEDED);
  g_assert_false (bd_session_is_busy (f->session));
}

/* Another process holds the write lock past the busy timeout: the person's
 * tick is refused with BUSY, the main thread never waits for it, and the
 * case shows the step as not done (never saved when it is not). */
static void
test_busy_store (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _bd_case_store_get_db (f->store);
  gint64 start;

  g_assert_true (new_case (f, "stuck-one", NULL));
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  start = g_get_monotonic_time ();
  bd_session_set_step_async (f->session, "toggle-badges", "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                             keep, f);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 50 * 1000);
  g_assert_true (bd_session_is_busy (f->session));
  g_assert_false (finish (f, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_BUSY);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  wait_idle (f->session);
  g_assert_cmpint (bd_plan_get_step_state (bd_session_get_plan (f->session), "toggle-badges", "open-settings",
                                           BD_DEVICE_NONE), ==, BD_STEP_STATE_PENDING);
  /* the lock is gone: the same tick goes through */
  g_clear_error (&error);
  g_assert_true (set_step (f, "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE, &error));
  g_assert_no_error (error);
}

/* What another process commits shows in the open case without a click. */
static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  g_autofree char *id = NULL;

  g_assert_true (new_case (f, "stuck-one", NULL));
  id = g_strdup (bd_case_get_id (bd_session_get_case (f->session)));
  bd_sqlite_store_set_poll_interval (f->backend, 100);
  g_assert_true (bd_case_store_set_step (f->store, id, "toggle-badges", "open-settings", "Open Settings.",
                                         BD_DEVICE_NONE, BD_STEP_STATE_DONE, &error));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (bd_plan_get_step_state (bd_session_get_plan (f->session), "toggle-badges", "open-settings",
                                 BD_DEVICE_NONE) != BD_STEP_STATE_DONE
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (bd_plan_get_step_state (bd_session_get_plan (f->session), "toggle-badges", "open-settings",
                                           BD_DEVICE_NONE), ==, BD_STEP_STATE_DONE);
}

static void
count_answer (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *answers = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);

  g_assert_no_error (error);
  (*answers)++;
}

/* A new store, asked to list and to open at once (the window's sidebar and
 * its first request): both lanes set up the same new file, and neither
 * gives up as busy. */
static void
test_first_open (void)
{
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("bd-first-open-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
      g_autoptr(BdSqliteStore) backend = bd_sqlite_store_new (path, BD_CASE_STORE_READ_WRITE);
      guint answers = 0;

      bd_case_backend_run_async (BD_CASE_BACKEND (backend), bd_case_request_new (BD_CASE_OP_LIST, NULL), NULL,
                                 count_answer, &answers);
      bd_case_backend_run_async (BD_CASE_BACKEND (backend), bd_case_request_new (BD_CASE_OP_OPEN, NULL), NULL,
                                 count_answer, &answers);
      bd_case_backend_run_async (BD_CASE_BACKEND (backend), bd_case_request_new (BD_CASE_OP_COUNT, NULL), NULL,
                                 count_answer, &answers);
      while (answers < 3)
        g_main_context_iteration (NULL, TRUE);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/session/journey", Fixture, NULL, setup, test_journey, teardown);
  g_test_add ("/session/refusals", Fixture, NULL, setup, test_refusals, teardown);
  g_test_add ("/session/details-and-symptoms", Fixture, NULL, setup, test_details_and_symptoms, teardown);
  g_test_add ("/session/delete-undo-view", Fixture, NULL, setup, test_delete_undo_view, teardown);
  g_test_add ("/session/async-writes", Fixture, NULL, setup, test_async_writes, teardown);
  g_test_add ("/session/async-then-undo", Fixture, NULL, setup, test_async_then_undo, teardown);
  g_test_add ("/session/async-refusals", Fixture, NULL, setup, test_async_refusals, teardown);
  g_test_add ("/session/no-lost-updates", Fixture, NULL, setup, test_no_lost_updates, teardown);
  g_test_add ("/session/busy-store", Fixture, NULL, setup, test_busy_store, teardown);
  g_test_add ("/session/changed-elsewhere", Fixture, NULL, setup, test_changed_elsewhere, teardown);
  g_test_add_func ("/session/first-open", test_first_open);
  return g_test_run ();
}
