/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-case-store"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bd-case-json.h"
#include "bd-case-store-private.h"
#include "bd-error.h"
#include "bd-sqlite-store.h"
#include "test-store-util.h"

static char *
store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "badge-doctor", "cases.db", NULL);
}

static BdCaseStore *
open_store (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  BdCaseStore *store = bd_case_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
pragma (BdCaseStore *store,
        const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_bd_case_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* How SQLite will run @sql, every step of the plan in one string. */
static char *
query_plan (BdCaseStore *store,
            const char  *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_bd_case_store_get_db (store), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s; ", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

static void
assert_integrity (BdCaseStore *store)
{
  g_autofree char *result = pragma (store, "PRAGMA integrity_check");

  g_assert_cmpstr (result, ==, "ok");
}

static guint
count (BdCaseStore *store)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (bd_case_store_count (store, &n, &error));
  g_assert_no_error (error);
  return n;
}

static BdCase *
new_case (const char *label,
          const char *symptom)
{
  BdCase *kase = bd_case_new ("test-pack", "1.0.0");

  bd_case_set_label (kase, label);
  if (symptom != NULL)
    bd_case_add_symptom (kase, "stuck-one", symptom);
  return kase;
}

static BdCase *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cases", "example.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BdCase *kase = bd_case_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return kase;
}

static guint
count_search (BdCaseStore  *store,
              const char   *search,
              BdCaseStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = bd_case_store_list (store, search, status, &error);

  g_assert_no_error (error);
  return ids->len;
}

/* --- basics ---------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = load_example ();
  g_autoptr(BdCase) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = bd_case_to_json (kase);
  g_autofree char *after = NULL;

  g_assert_true (bd_case_store_insert (store, kase, &error));
  g_assert_no_error (error);
  loaded = bd_case_store_load (store, bd_case_get_id (kase), &error);
  g_assert_no_error (error);
  after = bd_case_to_json (loaded);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count (store), ==, 1);

  /* the same id twice is refused, and nothing changes */
  g_assert_false (bd_case_store_insert (store, kase, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_STORE);
  g_assert_cmpuint (count (store), ==, 1);
}

static void
test_settings (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autofree char *mode = pragma (store, "PRAGMA journal_mode");
  g_autofree char *sync = pragma (store, "PRAGMA synchronous");
  g_autofree char *dir = g_path_get_dirname (bd_case_store_get_path (store));
  GStatBuf st;

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (sync, ==, "2"); /* FULL */
  g_assert_cmpint (g_stat (bd_case_store_get_path (store), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_null (bd_case_store_get_recovered_path (store));
  g_assert_cmpint (_bd_case_store_get_schema_version (store), ==, 4);
  /* a help desk's 100,000 cases list from the index alone */
  {
    g_autofree char *plan = query_plan (store, "SELECT id FROM cases WHERE deleted IS NULL ORDER BY updated DESC");
    g_autofree char *by_status = query_plan (store, "SELECT id FROM cases WHERE deleted IS NULL AND status = 1"
                                                    " ORDER BY updated DESC");
    g_assert_nonnull (strstr (plan, "COVERING INDEX cases_by_update"));
    g_assert_nonnull (strstr (by_status, "COVERING INDEX cases_by_status"));
  }
}

static void
test_actions (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = new_case ("Jane R.", "The badge shows 1.");
  g_autoptr(BdCase) loaded = NULL;
  g_autoptr(BdCase) reopened = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = bd_case_get_id (kase);
  BdStepRecord *record;
  gint64 created;

  g_assert_true (bd_case_store_insert (store, kase, NULL));
  created = bd_case_get_updated (kase);
  g_assert_true (bd_case_store_set_step (store, id, "toggle-badges", "turn-on", "Turn on Badges.",
                                         BD_DEVICE_IPAD, BD_STEP_STATE_DONE, &error));
  g_assert_true (bd_case_store_add_symptom (store, id, "other", "Another symptom.", &error));
  g_assert_true (bd_case_store_add_symptom (store, id, "other", "Again.", &error));
  g_assert_true (bd_case_store_add_outcome (store, id, "toggle-badges", BD_OUTCOME_CLEARED, &error));
  g_assert_no_error (error);

  loaded = bd_case_store_load (store, id, &error);
  g_assert_no_error (error);
  record = bd_case_lookup_step (loaded, "toggle-badges", "turn-on", BD_DEVICE_IPAD);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->text, ==, "Turn on Badges.");
  g_assert_cmpuint (bd_case_get_symptoms (loaded)->len, ==, 2);
  g_assert_cmpint (bd_case_get_status (loaded), ==, BD_CASE_STATUS_RESOLVED);
  g_assert_cmpstr (bd_case_get_resolved_by (loaded), ==, "toggle-badges");
  g_assert_cmpint (bd_case_get_updated (loaded), >=, created);

  bd_case_set_notes (loaded, "Reads mail on a work laptop.\nSecond line.");
  bd_case_set_model (loaded, "iPhone 15");
  bd_case_set_other_devices (loaded, BD_DEVICE_MAC);
  bd_case_set_low_power_mode (loaded, BD_SWITCH_ON);
  g_assert_true (bd_case_store_set_details (store, id, loaded, BD_CASE_FIELD_NOTES | BD_CASE_FIELD_MODEL
                                            | BD_CASE_FIELD_OTHER_DEVICES | BD_CASE_FIELD_LOW_POWER_MODE, &error));
  g_assert_true (bd_case_store_set_status (store, id, BD_CASE_STATUS_OPEN, &error));
  g_assert_no_error (error);

  reopened = bd_case_store_load (store, id, &error);
  g_assert_cmpstr (bd_case_get_notes (reopened), ==, "Reads mail on a work laptop.\nSecond line.");
  g_assert_cmpstr (bd_case_get_model (reopened), ==, "iPhone 15");
  g_assert_cmpint (bd_case_get_other_devices (reopened), ==, BD_DEVICE_MAC);
  g_assert_cmpint (bd_case_get_low_power_mode (reopened), ==, BD_SWITCH_ON);
  g_assert_cmpint (bd_case_get_status (reopened), ==, BD_CASE_STATUS_OPEN);
  g_assert_null (bd_case_get_resolved_by (reopened));
  assert_integrity (store);
}

static void
test_unknown_case (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  const char *missing = "00000000-0000-4000-8000-000000000000";

  g_assert_false (bd_case_store_set_step (store, missing, "g", "s", "t", BD_DEVICE_NONE,
                                          BD_STEP_STATE_DONE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (bd_case_store_load (store, missing, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bd_case_store_delete (store, missing, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* the failed step left no undo entry behind */
  g_assert_false (bd_case_store_undo (store, NULL, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
}

/* --- finding cases --------------------------------------------------- */

static void
test_search (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) jane = new_case ("Jane R.", "The badge shows 1 but every chat looks read.");
  g_autoptr(BdCase) zoe = new_case ("Zoë Müller", "The badge stays after reading on my computer.");
  g_autoptr(BdCase) third = new_case ("", NULL);
  g_autoptr(BdCase) emile = new_case ("Émile Björn", NULL);
  const char *hostile[] = { "\"", "AND", "OR NOT (", "*", "NEAR(a b)", "col:x", "^", "", "   " };

  bd_case_set_ticket (jane, "T-1043");
  bd_case_set_apps (jane, BD_APP_WHATSAPP);
  bd_case_set_model (zoe, "iPhone 14");
  bd_case_set_notes (third, "Customer reads Gmail on a work laptop.");
  bd_case_set_status (zoe, BD_CASE_STATUS_ESCALATED);
  g_assert_true (bd_case_store_insert (store, jane, NULL));
  g_assert_true (bd_case_store_insert (store, zoe, NULL));
  g_assert_true (bd_case_store_insert (store, third, NULL));
  g_assert_true (bd_case_store_insert (store, emile, NULL));
  g_assert_cmpuint (count_search (store, "émile", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "björn", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "emile bjorn", BD_CASE_STATUS_ANY), ==, 1);

  g_assert_cmpuint (count_search (store, "jan", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "t-104", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "WhatsApp", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "iphone 14", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "laptop", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "badge", BD_CASE_STATUS_ANY), ==, 2);
  g_assert_cmpuint (count_search (store, "zoe muller", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "müll", BD_CASE_STATUS_ANY), ==, 1);
  /* typed decomposed: e + combining acute, u + combining diaeresis */
  g_assert_cmpuint (count_search (store, "zoe\xcc\x88 mu\xcc\x88ller", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_cmpuint (count_search (store, "badge", BD_CASE_STATUS_ESCALATED), ==, 1);
  g_assert_cmpuint (count_search (store, "badge", BD_CASE_STATUS_RESOLVED), ==, 0);
  g_assert_cmpuint (count_search (store, "nothing-like-this", BD_CASE_STATUS_ANY), ==, 0);
  g_assert_cmpuint (count_search (store, NULL, BD_CASE_STATUS_OPEN), ==, 3);

  /* nothing a person types is read as search syntax */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) ids = bd_case_store_list (store, hostile[i], BD_CASE_STATUS_ANY, &error);
      g_assert_no_error (error);
    }

  /* edits are searchable at once; deleted cases are not */
  bd_case_set_label (third, "Priya K.");
  g_assert_true (bd_case_store_set_details (store, bd_case_get_id (third), third, BD_CASE_FIELD_LABEL, NULL));
  g_assert_cmpuint (count_search (store, "priya", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_true (bd_case_store_add_symptom (store, bd_case_get_id (third), "x", "Only one app is wrong.", NULL));
  g_assert_cmpuint (count_search (store, "only one app", BD_CASE_STATUS_ANY), ==, 1);
  g_assert_true (bd_case_store_delete (store, bd_case_get_id (jane), NULL));
  g_assert_cmpuint (count_search (store, "jan", BD_CASE_STATUS_ANY), ==, 0);
}

static void
test_order_and_summary (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) older = new_case ("Older", "First symptom.");
  g_autoptr(BdCase) newer = new_case ("Newer", NULL);
  g_autoptr(GPtrArray) rowids = NULL;
  g_autoptr(BdCaseSummary) first = NULL;
  g_autoptr(BdCaseSummary) second = NULL;

  bd_case_set_times (older, 1000, 1000);
  g_assert_true (bd_case_store_insert (store, older, NULL));
  g_assert_true (bd_case_store_insert (store, newer, NULL));
  rowids = bd_case_store_list (store, NULL, BD_CASE_STATUS_ANY, NULL);
  g_assert_cmpuint (rowids->len, ==, 2);
  first = bd_case_store_get_summary (store, g_ptr_array_index (rowids, 0), NULL);
  second = bd_case_store_get_summary (store, g_ptr_array_index (rowids, 1), NULL);
  g_assert_cmpstr (first->label, ==, "Newer");
  g_assert_cmpstr (second->label, ==, "Older");
  g_assert_cmpstr (second->symptom, ==, "First symptom.");
  g_assert_cmpstr (first->symptom, ==, "");

  /* a change moves a case to the top */
  g_assert_true (bd_case_store_set_status (store, bd_case_get_id (older), BD_CASE_STATUS_ESCALATED, NULL));
  g_ptr_array_unref (g_steal_pointer (&rowids));
  rowids = bd_case_store_list (store, NULL, BD_CASE_STATUS_ANY, NULL);
  g_clear_pointer (&first, bd_case_summary_free);
  first = bd_case_store_get_summary (store, g_ptr_array_index (rowids, 0), NULL);
  g_assert_cmpstr (first->label, ==, "Older");
  g_assert_cmpint (first->status, ==, BD_CASE_STATUS_ESCALATED);
}

static void
test_resolve (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) a = new_case ("A", NULL);
  g_autoptr(BdCase) b = new_case ("B", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *full = NULL;
  const char *bad[] = { "", "%", "_", "abc%", "ABC", "aaaaaaaa'" };

  bd_case_set_id (a, "aaaaaaaa-0000-4000-8000-000000000001");
  bd_case_set_id (b, "aaaaaaaa-0000-4000-8000-000000000002");
  g_assert_true (bd_case_store_insert (store, a, NULL));
  g_assert_true (bd_case_store_insert (store, b, NULL));

  full = bd_case_store_resolve (store, "aaaaaaaa-0000-4000-8000-000000000002", &error);
  g_assert_cmpstr (full, ==, bd_case_get_id (b));
  g_clear_pointer (&full, g_free);
  full = bd_case_store_resolve (store, "aaaaaaaa-0000-4000-8000-0000000000019", &error);
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (bd_case_store_resolve (store, "aaaa", &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_AMBIGUOUS);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (bd_case_store_resolve (store, bad[i], &error));
      g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }
  g_assert_true (bd_case_store_delete (store, bd_case_get_id (a), NULL));
  full = bd_case_store_resolve (store, "aaaa", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (full, ==, bd_case_get_id (b));
}

/* --- undo ------------------------------------------------------------ */

static void
test_delete_undo (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = new_case ("Jane", NULL);
  g_autoptr(BdCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  BdUndoKind kind;

  g_assert_true (bd_case_store_insert (store, kase, NULL));
  g_assert_true (bd_case_store_delete (store, bd_case_get_id (kase), &error));
  g_assert_cmpuint (count (store), ==, 0);
  g_assert_null (bd_case_store_load (store, bd_case_get_id (kase), NULL));

  g_assert_true (bd_case_store_undo (store, &kind, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, BD_UNDO_DELETE);
  g_assert_cmpstr (undone, ==, bd_case_get_id (kase));
  back = bd_case_store_load (store, bd_case_get_id (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bd_case_get_label (back), ==, "Jane");
  g_assert_false (bd_case_store_undo (store, NULL, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
}

static void
test_step_undo (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = new_case ("Jane", NULL);
  const char *id = bd_case_get_id (kase);
  BdUndoKind kind;

  g_assert_true (bd_case_store_insert (store, kase, NULL));
  g_assert_true (bd_case_store_set_step (store, id, "g", "s", "Step.", BD_DEVICE_NONE, BD_STEP_STATE_DONE, NULL));
  g_assert_true (bd_case_store_set_step (store, id, "g", "s", "Step.", BD_DEVICE_NONE, BD_STEP_STATE_SKIPPED, NULL));

  g_assert_true (bd_case_store_undo (store, &kind, NULL, NULL));
  g_assert_cmpint (kind, ==, BD_UNDO_STEP);
  {
    g_autoptr(BdCase) loaded = bd_case_store_load (store, id, NULL);
    g_assert_cmpint (bd_case_lookup_step (loaded, "g", "s", BD_DEVICE_NONE)->state, ==, BD_STEP_STATE_DONE);
  }
  g_assert_true (bd_case_store_undo (store, NULL, NULL, NULL));
  {
    g_autoptr(BdCase) loaded = bd_case_store_load (store, id, NULL);
    g_assert_null (bd_case_lookup_step (loaded, "g", "s", BD_DEVICE_NONE));
  }
}

static void
test_purge (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = new_case ("Jane", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_case_store_insert (store, kase, NULL));
  g_assert_true (bd_case_store_set_step (store, bd_case_get_id (kase), "g", "s", "Step.",
                                         BD_DEVICE_NONE, BD_STEP_STATE_DONE, NULL));
  g_assert_true (bd_case_store_delete (store, bd_case_get_id (kase), NULL));
  g_assert_cmpuint (bd_case_store_purge_deleted (store, g_get_real_time () - (gint64) G_USEC_PER_SEC * 3600, NULL), ==, 0);
  g_assert_cmpuint (bd_case_store_purge_deleted (store, g_get_real_time () + 1, &error), ==, 1);
  g_assert_no_error (error);
  /* gone for good, with its undo entries and log */
  g_assert_false (bd_case_store_undo (store, NULL, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  assert_integrity (store);
}

static void
test_import (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) first = load_example ();
  g_autoptr(BdCase) second = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = bd_case_store_import (store, first, &error);
  g_autofree char *id2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (id1, ==, "3f2b8c1e-7d4a-4e8b-9c2d-1a5f6e7b8c9d");
  id2 = bd_case_store_import (store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id2, !=, id1);
  g_assert_true (bd_uuid_is_valid (id2));
  g_assert_cmpuint (count (store), ==, 2);
}

/* --- schema ---------------------------------------------------------- */

/* A store made by each earlier version is migrated on open, keeps what
 * it held, and what it held is searchable. */
static void
test_migrations (void)
{
  for (int version = 1; version < 4; version++)
    {
      g_autofree char *dir = g_dir_make_tmp ("bd-migrate-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BdCase) kase = new_case ("Jane R.", "The badge shows 1.");

      {
        g_autoptr(BdCaseStore) old = _bd_case_store_new_at_version (path, version, &error);
        g_assert_no_error (error);
        g_assert_cmpint (_bd_case_store_get_schema_version (old), ==, version);
        g_assert_true (bd_case_store_insert (old, kase, &error));
        g_assert_true (bd_case_store_set_step (old, bd_case_get_id (kase), "g", "s", "Step.",
                                               BD_DEVICE_NONE, BD_STEP_STATE_DONE, &error));
        g_assert_no_error (error);
      }
      {
        g_autoptr(BdCaseStore) store = bd_case_store_new (path, &error);
        g_autoptr(BdCase) loaded = NULL;
        g_autofree char *view = NULL;
        g_assert_no_error (error);
        g_assert_cmpint (_bd_case_store_get_schema_version (store), ==, 4);
        g_assert_null (bd_case_store_get_recovered_path (store));
        g_assert_cmpuint (count_search (store, "jane", BD_CASE_STATUS_ANY), ==, 1);
        g_assert_cmpuint (count_search (store, "badge shows", BD_CASE_STATUS_ANY), ==, 1);
        loaded = bd_case_store_load (store, bd_case_get_id (kase), &error);
        g_assert_no_error (error);
        g_assert_cmpuint (bd_case_get_steps (loaded)->len, ==, 1);
        view = bd_case_store_dup_view (store, bd_case_get_id (kase), NULL);
        g_assert_cmpstr (view, ==, "");
        assert_integrity (store);
      }
    }
}

/* Where the window was is kept per case, and is not an action. */
static void
test_view (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = new_case ("Jane", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *view = NULL;

  g_assert_true (bd_case_store_insert (store, kase, NULL));
  g_assert_true (bd_case_store_set_view (store, bd_case_get_id (kase), "guide:toggle-badges:120", &error));
  g_assert_no_error (error);
  view = bd_case_store_dup_view (store, bd_case_get_id (kase), NULL);
  g_assert_cmpstr (view, ==, "guide:toggle-badges:120");
  g_assert_false (bd_case_store_undo (store, NULL, NULL, NULL));
  g_assert_false (bd_case_store_set_view (store, "00000000-0000-4000-8000-000000000000", "x", &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
}

static char *
read_file (const char *path,
           gsize      *len)
{
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, NULL));
  return data;
}

/* A store from a newer Badge Doctor is left exactly as it is. */
static void
test_newer_schema (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  gsize len_before, len_after;

  {
    g_autoptr(BdCaseStore) store = open_store ();
    g_autoptr(BdCase) kase = new_case ("Jane", NULL);
    g_assert_true (bd_case_store_insert (store, kase, NULL));
    g_assert_cmpint (sqlite3_exec (_bd_case_store_get_db (store), "PRAGMA user_version = 99", NULL, NULL, NULL),
                     ==, SQLITE_OK);
  }
  before = read_file (path, &len_before);
  g_assert_null (bd_case_store_new (path, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_NEWER_SCHEMA);
  after = read_file (path, &len_after);
  g_assert_cmpmem (before, len_before, after, len_after);
}

/* --- stores that cannot be read -------------------------------------- */

static char *
make_store_with_case (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = new_case ("Jane", "The badge shows 1.");

  g_assert_true (bd_case_store_insert (store, kase, NULL));
  return g_strdup (bd_case_store_get_path (store));
}

/* The broken file is moved aside byte for byte, a fresh store starts,
 * and the store says where the old one went. */
static void
assert_recovered (const char *path,
                  const char *broken,
                  gsize       broken_len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseStore) store = bd_case_store_new (path, &error);
  const char *aside;

  g_assert_no_error (error);
  aside = bd_case_store_get_recovered_path (store);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_nonnull (strstr (aside, ".corrupt-"));
  if (broken != NULL)
    {
      gsize len;
      g_autofree char *kept = read_file (aside, &len);
      g_assert_cmpmem (kept, len, broken, broken_len);
    }
  g_assert_cmpuint (count (store), ==, 0);
  assert_integrity (store);
}

static void
test_corrupt_truncated (void)
{
  g_autofree char *path = make_store_with_case ();
  gsize len;
  g_autofree char *data = read_file (path, &len);

  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (path, data, 6000, NULL));
  assert_recovered (path, data, 6000);
}

static void
test_corrupt_garbage (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  char garbage[4096];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));
  assert_recovered (path, garbage, sizeof garbage);
}

/* A header that says "SQLite" over pages of noise: opens, then fails the
 * integrity check. */
static void
test_corrupt_pages (void)
{
  g_autofree char *path = make_store_with_case ();
  gsize len;
  g_autofree char *data = read_file (path, &len);

  for (gsize i = 4096; i < len; i++)
    data[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  assert_recovered (path, data, len);
}

static guint
count_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    n += strstr (name, ".corrupt-") != NULL;
  return n;
}

/* Something that is not a file where the store should be: SQLite cannot
 * open it, which is not damage. It is reported and left as it is. */
static void
test_directory_in_the_way (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *inside = g_build_filename (path, "keep-me", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", 1, NULL));
  store = bd_case_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, BD_ERROR, BD_ERROR_UNREACHABLE);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_aside (path), ==, 0);
}

/* A store this user may only read (another user's, or a read-only copy)
 * still lists and shows its cases; a change says why it cannot happen and
 * the file stays byte for byte as it was. Root ignores file modes, so the
 * check runs in a child that has given up root. */
static void
test_read_only_store (void)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("BD_TEST_STORE");
      gsize len, len_after;
      g_autofree char *data = read_file (path, &len);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(BdCaseStore) store = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      g_autoptr(BdCase) kase = NULL;

      if (getuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      g_assert_cmpint (access (path, W_OK), !=, 0);
      store = bd_case_store_new (path, &error);
      g_assert_no_error (error);
      g_assert_true (bd_case_store_is_read_only (store));
      ids = bd_case_store_list (store, "jane", BD_CASE_STATUS_ANY, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      kase = bd_case_store_load (store, g_ptr_array_index (ids, 0), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (bd_case_get_label (kase), ==, "Jane");
      g_assert_false (bd_case_store_append_notes (store, bd_case_get_id (kase), "x", &error));
      g_assert_error (error, BD_ERROR, BD_ERROR_READ_ONLY);
      g_clear_object (&store);
      after = read_file (path, &len_after);
      g_assert_cmpmem (data, len, after, len_after);
      g_assert_cmpuint (count_aside (path), ==, 0);
      return;
    }
  {
    g_autofree char *dir = g_dir_make_tmp ("bd-store-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
    g_autoptr(GError) error = NULL;

    {
      g_autoptr(BdCaseStore) store = bd_case_store_new (path, &error);
      g_autoptr(BdCase) kase = new_case ("Jane", NULL);
      g_assert_no_error (error);
      g_assert_true (bd_case_store_insert (store, kase, NULL));
    }
    g_assert_cmpint (g_chmod (path, 0400), ==, 0);
    g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
    if (getuid () == 0)
      {
        g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
        g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
      }
    g_setenv ("BD_TEST_STORE", path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
  }
}

/* Another connection holds the write lock: opening waits, then says the
 * store is busy; nothing is moved and nothing changes. */
static void
test_busy_is_not_damage (void)
{
  g_autofree char *path = make_store_with_case ();
  g_autoptr(BdCaseStore) holder = open_store ();
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = new_case ("Other", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (_bd_case_store_get_db (holder), "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (_bd_case_store_get_db (store), 50);
  g_assert_false (bd_case_store_insert (store, kase, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_BUSY);
  /* reading goes on while another writes */
  g_assert_cmpuint (count (store), ==, 1);
  g_assert_cmpint (sqlite3_exec (_bd_case_store_get_db (holder), "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (count_aside (path), ==, 0);
  g_clear_error (&error);
  g_assert_true (bd_case_store_insert (store, kase, &error));
  g_assert_cmpuint (count (store), ==, 2);
}

/* The app holds the store (two connections in one process, as a window
 * and its worker may) while the CLI reads and writes it: the app's ticks
 * after that are on disk, seen by another process. Opening a connection
 * must never open and close the file itself, which drops this process's
 * locks and lets the other process delete the WAL under it. */
static void
test_held_while_cli_runs (void)
{
  g_autoptr(BdCaseStore) app = open_store ();
  g_autoptr(BdCaseStore) worker = NULL;
  g_autoptr(BdCase) kase = new_case ("Held", NULL);
  g_autofree char *listed = NULL, *steps = NULL;
  const char *id = bd_case_get_id (kase);

  g_assert_true (bd_case_store_insert (app, kase, NULL));
  worker = open_store ();
  listed = test_store_run_cli (NULL, "case", "list", NULL);
  g_assert_nonnull (strstr (listed, id));
  g_free (test_store_run_cli (NULL, "case", "new", "--label", "From the CLI", NULL));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *step = g_strdup_printf ("step-%u", i);
      g_assert_true (bd_case_store_set_step (i % 2 ? app : worker, id, "g", step, "Step.", BD_DEVICE_NONE,
                                             BD_STEP_STATE_DONE, NULL));
    }
  g_assert_false (test_store_file_deleted (bd_case_store_get_path (app)));
  steps = test_store_run_cli (NULL, "case", "steps", id, NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *step = g_strdup_printf ("\tstep-%u\t", i);
      g_assert_nonnull (strstr (steps, step));
    }
  assert_integrity (app);
}

/* A store SQLite finds damaged only when a case is read (the first pages
 * are sound): the damage is confirmed by the check, the store moved aside
 * and a fresh one started, and the reader is told. */
static void
test_damage_found_later (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseStore) store = open_store ();

  g_assert_true (bd_case_store_check (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_aside (path), ==, 0);
}

/* --- two writers ----------------------------------------------------- */

/* The app and the CLI write the same store at once: every write of both
 * lands, and the store stays whole. */
static void
test_two_processes (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) kase = new_case ("Mine", NULL);
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  const char *cli = g_getenv ("BD_CLI");
  const guint n_children = 6, n_steps = 60;

  g_assert_nonnull (cli);
  g_assert_true (bd_case_store_insert (store, kase, NULL));
  for (guint i = 0; i < n_children; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      g_autoptr(GError) error = NULL;
      g_autofree char *label = g_strdup_printf ("From the CLI %u", i);
      GSubprocess *child;

      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
      child = g_subprocess_launcher_spawn (launcher, &error, cli, "case", "new", "--label", label, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (children, child);
    }
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *step = g_strdup_printf ("step-%u", i);
      g_assert_true (bd_case_store_set_step (store, bd_case_get_id (kase), "g", step, "Step.",
                                             BD_DEVICE_NONE, BD_STEP_STATE_DONE, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < children->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (g_subprocess_wait_check (g_ptr_array_index (children, i), NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count (store), ==, n_children + 1);
  g_assert_cmpuint (count_search (store, "cli", BD_CASE_STATUS_ANY), ==, n_children);
  {
    g_autoptr(BdCase) loaded = bd_case_store_load (store, bd_case_get_id (kase), NULL);
    g_assert_cmpuint (bd_case_get_steps (loaded)->len, ==, n_steps);
  }
  assert_integrity (store);
}

/* --- upkeep and readers -------------------------------------------------- */

static void
keep_reply (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The app's background upkeep through the backend: cases deleted more
 * than 30 days ago go for good, newer ones stay undoable, and the whole
 * file is checked. */
static void
test_maintain (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCase) old = new_case ("Deleted long ago", NULL);
  g_autoptr(BdCase) recent = new_case ("Deleted today", NULL);
  g_autoptr(BdSqliteStore) backend = bd_sqlite_store_new (path, BD_CASE_STORE_READ_WRITE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BdCaseReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  BdCaseRequest *request = bd_case_request_new (BD_CASE_OP_MAINTAIN, NULL);
  gint64 now = g_get_real_time ();

  g_assert_true (bd_case_store_insert (store, old, NULL));
  g_assert_true (bd_case_store_insert (store, recent, NULL));
  g_assert_true (bd_case_store_delete (store, bd_case_get_id (old), NULL));
  g_assert_true (bd_case_store_delete (store, bd_case_get_id (recent), NULL));
  sql = g_strdup_printf ("UPDATE cases SET deleted = %" G_GINT64_FORMAT " WHERE id = '%s'",
                         now - (gint64) 40 * 24 * 3600 * G_USEC_PER_SEC, bd_case_get_id (old));
  g_assert_cmpint (sqlite3_exec (_bd_case_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);

  request->before = now - (gint64) 30 * 24 * 3600 * G_USEC_PER_SEC;
  request->check = TRUE;
  bd_case_backend_run_async (BD_CASE_BACKEND (backend), request, NULL, keep_reply, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = bd_case_backend_run_finish (BD_CASE_BACKEND (backend), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reply->count, ==, 1);
  /* the recent one still comes back with undo; the old one is gone */
  {
    BdUndoKind kind;
    g_autofree char *id = NULL;
    g_assert_true (bd_case_store_undo (store, &kind, &id, &error));
    g_assert_cmpstr (id, ==, bd_case_get_id (recent));
    g_assert_false (bd_case_store_undo (store, &kind, NULL, &error));
    g_assert_error (error, BD_ERROR, BD_ERROR_NOT_FOUND);
  }
}

/* What only reads (list, show, steps, export, report) writes nothing: not
 * the purge of old deleted cases, not a check, not a checkpoint. */
static void
test_readers_write_nothing (void)
{
  g_autofree char *path = store_path ();
  g_autoptr(BdCase) kase = new_case ("Jane", "The badge shows 1.");
  g_autofree char *report = g_build_filename (g_get_user_data_dir (), "report.txt", NULL);
  g_autofree char *before = NULL, *after = NULL;
  gsize len_before, len_after;
  GStatBuf st_before, st_after;
  const char *id = bd_case_get_id (kase);

  {
    g_autoptr(BdCaseStore) store = open_store ();
    g_autoptr(BdCase) gone = new_case ("Deleted long ago", NULL);
    g_autofree char *sql = NULL;
    g_assert_true (bd_case_store_insert (store, kase, NULL));
    g_assert_true (bd_case_store_set_step (store, id, "g", "s", "Step.", BD_DEVICE_NONE, BD_STEP_STATE_DONE, NULL));
    g_assert_true (bd_case_store_insert (store, gone, NULL));
    g_assert_true (bd_case_store_delete (store, bd_case_get_id (gone), NULL));
    sql = g_strdup_printf ("UPDATE cases SET deleted = 1 WHERE id = '%s'", bd_case_get_id (gone));
    g_assert_cmpint (sqlite3_exec (_bd_case_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  before = read_file (path, &len_before);
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  g_usleep (20 * 1000);
  g_free (test_store_run_cli (NULL, "case", "list", NULL));
  g_free (test_store_run_cli (NULL, "case", "list", "--search", "jane", NULL));
  g_free (test_store_run_cli (NULL, "case", "show", id, NULL));
  g_free (test_store_run_cli (NULL, "case", "steps", id, NULL));
  g_free (test_store_run_cli (NULL, "case", "export", id, "-o", "-", NULL));
  g_free (test_store_run_cli (NULL, "report", id, "-o", report, NULL));
  after = read_file (path, &len_after);
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    GStatBuf st;
    /* nothing was written to the log either */
    g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/settings", test_settings);
  g_test_add_func ("/store/actions", test_actions);
  g_test_add_func ("/store/unknown-case", test_unknown_case);
  g_test_add_func ("/store/search", test_search);
  g_test_add_func ("/store/order-and-summary", test_order_and_summary);
  g_test_add_func ("/store/resolve", test_resolve);
  g_test_add_func ("/store/delete-undo", test_delete_undo);
  g_test_add_func ("/store/step-undo", test_step_undo);
  g_test_add_func ("/store/purge", test_purge);
  g_test_add_func ("/store/import", test_import);
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/view", test_view);
  g_test_add_func ("/store/newer-schema", test_newer_schema);
  g_test_add_func ("/store/corrupt/truncated", test_corrupt_truncated);
  g_test_add_func ("/store/corrupt/garbage", test_corrupt_garbage);
  g_test_add_func ("/store/corrupt/pages", test_corrupt_pages);
  g_test_add_func ("/store/directory-in-the-way", test_directory_in_the_way);
  g_test_add_func ("/store/read-only", test_read_only_store);
  g_test_add_func ("/store/busy-is-not-damage", test_busy_is_not_damage);
  g_test_add_func ("/store/held-while-cli-runs", test_held_while_cli_runs);
  g_test_add_func ("/store/check-sound", test_damage_found_later);
  g_test_add_func ("/store/maintain", test_maintain);
  g_test_add_func ("/store/readers-write-nothing", test_readers_write_nothing);
  g_test_add_func ("/store/two-processes", test_two_processes);
  return g_test_run ();
}
