/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-session"

#include "bd-error.h"
#include "bd-session.h"

typedef struct
{
  BdPack *pack;
  BdCaseStore *store;
  BdSession *session;
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
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "cases.db", NULL);
  g_autofree char *pack_path = g_test_build_filename (G_TEST_DIST, "data", "packs", "minimal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pack_path);

  f->pack = bd_pack_new_from_file (file, NULL, NULL);
  f->store = bd_case_store_new (path, NULL);
  g_assert_nonnull (f->pack);
  g_assert_nonnull (f->store);
  f->session = bd_session_new (f->pack, f->store);
  g_signal_connect (f->session, "notify::plan", G_CALLBACK (on_plan), f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  g_clear_object (&f->pack);
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
  g_assert_true (bd_session_new_case (f->session, "stuck-one", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->plan_changes, ==, 1);
  plan = bd_session_get_plan (f->session);
  g_assert_cmpuint (bd_plan_get_n_guides (plan), ==, 2);
  g_assert_cmpint (bd_plan_get_current (plan), ==, 0);

  g_assert_true (bd_session_set_step (f->session, "toggle-badges", "open-settings", BD_DEVICE_NONE,
                                      BD_STEP_STATE_DONE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->plan_changes, ==, 2);
  g_assert_cmpuint (bd_plan_get_guide (bd_session_get_plan (f->session), 0)->n_done, ==, 1);

  /* the step log holds the words the step showed */
  {
    g_autoptr(BdCase) stored = bd_case_store_load (f->store, bd_case_get_id (bd_session_get_case (f->session)), NULL);
    BdStepRecord *record = bd_case_lookup_step (stored, "toggle-badges", "open-settings", BD_DEVICE_NONE);
    g_assert_cmpstr (record->text, ==, "Open Settings > Notifications > Messages.");
  }

  g_assert_true (bd_session_answer (f->session, "toggle-badges", BD_OUTCOME_NOT_CLEARED, &error));
  g_assert_cmpint (bd_plan_get_current (bd_session_get_plan (f->session)), ==, 1);
  g_assert_true (bd_session_answer (f->session, "reset-settings", BD_OUTCOME_CLEARED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bd_case_get_status (bd_session_get_case (f->session)), ==, BD_CASE_STATUS_RESOLVED);
  g_assert_cmpstr (bd_case_get_resolved_by (bd_session_get_case (f->session)), ==, "reset-settings");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (bd_session_set_step (f->session, "toggle-badges", "open-settings", BD_DEVICE_NONE,
                                       BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bd_session_new_case (f->session, "no-such-symptom", &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (bd_case_store_count (f->store), ==, 0);

  g_assert_true (bd_session_new_case (f->session, NULL, NULL));
  /* a per-device step needs a device, and a single step must not have one */
  g_assert_false (bd_session_set_step (f->session, "toggle-badges", "turn-on", BD_DEVICE_NONE,
                                       BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (bd_session_set_step (f->session, "toggle-badges", "wait", BD_DEVICE_IPAD,
                                       BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (bd_session_set_step (f->session, "toggle-badges", "nope", BD_DEVICE_NONE,
                                       BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
}

static void
test_details_and_symptoms (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BdCase *kase;

  g_assert_true (bd_session_new_case (f->session, NULL, &error));
  kase = bd_session_get_case (f->session);
  bd_case_set_label (kase, "Jane R.");
  bd_case_set_other_devices (kase, BD_DEVICE_IPAD);
  g_assert_true (bd_session_save_details (f->session, &error));
  g_assert_true (bd_session_add_symptom (f->session, "stuck-one", &error));
  g_assert_no_error (error);
  kase = bd_session_get_case (f->session);
  g_assert_cmpstr (bd_case_get_label (kase), ==, "Jane R.");
  g_assert_cmpuint (bd_case_get_symptoms (kase)->len, ==, 1);
  /* the iPad joins the per-device steps */
  g_assert_cmpuint (bd_plan_get_guide (bd_session_get_plan (f->session), 0)->n_units, ==, 5);
}

static void
test_delete_undo_view (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *view = NULL;
  BdUndoKind kind;

  g_assert_true (bd_session_new_case (f->session, "stuck-one", NULL));
  id = g_strdup (bd_case_get_id (bd_session_get_case (f->session)));
  bd_session_set_view (f->session, "guide:toggle-badges:40");
  g_assert_true (bd_session_delete_case (f->session, &error));
  g_assert_null (bd_session_get_case (f->session));
  g_assert_true (bd_session_undo (f->session, &kind, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, BD_UNDO_DELETE);
  g_assert_cmpstr (bd_case_get_id (bd_session_get_case (f->session)), ==, id);
  view = bd_session_dup_view (f->session);
  g_assert_cmpstr (view, ==, "guide:toggle-badges:40");
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

  g_assert_true (bd_session_new_case (f->session, "stuck-one", NULL));
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
  bd_session_save_details_async (f->session, count_done, &error);
  bd_case_set_label (kase, "typed on");
  bd_session_answer_async (f->session, "toggle-badges", BD_OUTCOME_CLEARED, count_done, &error);
  wait_idle (f->session);
  g_assert_no_error (error);
  kase = bd_session_get_case (f->session);
  g_assert_cmpstr (bd_case_get_label (kase), ==, "Jane R.");
  g_assert_cmpint (bd_case_get_status (kase), ==, BD_CASE_STATUS_RESOLVED);
}

/* A direct write after queued ones lands after them: undo undoes the last
 * queued tick, not one before it. */
static void
test_async_then_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BdUndoKind kind;

  g_assert_true (bd_session_new_case (f->session, "stuck-one", NULL));
  bd_session_set_step_async (f->session, "toggle-badges", "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                             count_done, &error);
  bd_session_set_step_async (f->session, "toggle-badges", "turn-off", BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                             count_done, &error);
  g_assert_true (bd_session_undo (f->session, &kind, &error));
  g_assert_no_error (error);
  wait_idle (f->session);
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
  g_assert_true (bd_session_new_case (f->session, NULL, NULL));
  bd_session_set_step_async (f->session, "toggle-badges", "turn-on", BD_DEVICE_NONE, BD_STEP_STATE_DONE,
                             count_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT);
  g_assert_false (bd_session_is_busy (f->session));
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
  return g_test_run ();
}
