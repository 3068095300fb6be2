/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-case-list"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "bd-case-list.h"
#include "bd-case-store-private.h"
#include "bd-sqlite-store.h"

/*
 * The sidebar's list of cases, as a person sees it: which cases, in which
 * order, with what on each row, after what change. The list runs on a
 * BdSqliteStore (a worker thread of its own), so it answers later: each
 * test iterates the main context until the list has answered, and fails
 * after WAIT_S seconds rather than hang. Cases are put in and changed
 * through a second connection to the same file (a BdCaseStore), as
 * another window or the CLI would.
 */

#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define WAIT_S 10
#define RETURNS_WITHIN_US (50 * 1000) /* "never blocks": well inside a frame or three */

/* Times in the past, an hour apart, so any change made now moves a case
 * to the top. */
static gint64
hours_ago (guint hours)
{
  return g_get_real_time () - (gint64) (hours + 1) * HOUR_US;
}

/* --- waiting for the list ---------------------------------------------- */

typedef gboolean (*Condition) (gpointer data);

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @condition holds; fails the test after
 * WAIT_S seconds. */
static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_S, set_flag, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("waited %d s for %s", WAIT_S, what);
  g_source_remove (timeout);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
list_is_current (gpointer data)
{
  return !bd_case_list_is_loading (data);
}

/* The first refresh, or one a filter asked for, has answered. */
static void
wait_current (BdCaseList *list)
{
  wait_until (list_is_current, list, "the list to answer");
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_case_list_refresh_finish (BD_CASE_LIST (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
refresh_and_wait (BdCaseList *list)
{
  gboolean done = FALSE;

  bd_case_list_refresh_async (list, on_refreshed, &done);
  wait_until (flag_is_set, &done, "bd_case_list_refresh_async() to answer");
}

static void
on_answered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);

  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
dispatch_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Everything the list asked the store for has been answered and applied;
 * twice, for what the answers asked for in turn (a refresh re-reads the
 * rows it holds). */
static gboolean
list_idle (gpointer data)
{
  return !bd_case_list_is_loading (data);
}

static void
settle (BdCaseList *list)
{
  wait_current (list);
  for (guint i = 0; i < 2; i++)
    {
      dispatch_pending ();
      wait_until (list_idle, list, "the rows to arrive");
    }
  dispatch_pending ();
}

/* --- items --------------------------------------------------------------- */

static BdCaseItem *
item_at (BdCaseList *list,
         guint       position)
{
  BdCaseItem *item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_true (BD_IS_CASE_ITEM (item));
  return item;
}

typedef struct
{
  GHashTable *pending; /* positions whose row is on its way */
} Loads;

static void
on_row_arrived (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                Loads      *loads)
{
  /* rows that arrive together are said together, one signal a run */
  if (removed == added)
    for (guint i = position; i < position + added; i++)
      g_hash_table_remove (loads->pending, GUINT_TO_POINTER (i));
}

static gboolean
rows_arrived (gpointer data)
{
  return g_hash_table_size (((Loads *) data)->pending) == 0;
}

/* Shows @n rows from @start as a view would: asks for each item, and for
 * every placeholder waits for items-changed at its position. At most
 * BD_CASE_LIST_MAX_LOADED at once, or the first would be dropped again. */
static void
load_rows (BdCaseList *list,
           guint       start,
           guint       n)
{
  Loads loads = { g_hash_table_new (NULL, NULL) };
  gulong handler = g_signal_connect (list, "items-changed", G_CALLBACK (on_row_arrived), &loads);

  g_assert_cmpuint (n, <=, BD_CASE_LIST_MAX_LOADED);
  for (guint i = start; i < start + n; i++)
    {
      g_autoptr(BdCaseItem) item = item_at (list, i);

      if (!bd_case_item_is_loaded (item))
        g_hash_table_add (loads.pending, GUINT_TO_POINTER (i));
    }
  wait_until (rows_arrived, &loads, "rows to arrive");
  g_signal_handler_disconnect (list, handler);
  g_hash_table_unref (loads.pending);
}

/* The item at @position once its row has arrived. */
static BdCaseItem *
loaded_item_at (BdCaseList *list,
                guint       position)
{
  BdCaseItem *item;

  load_rows (list, position, 1);
  item = item_at (list, position);
  g_assert_true (bd_case_item_is_loaded (item));
  return item;
}

static char *
dup_title_at (BdCaseList *list,
              guint       position)
{
  g_autoptr(BdCaseItem) item = loaded_item_at (list, position);

  return g_strdup (bd_case_item_get_title (item));
}

/* --- recording items-changed ----------------------------------------- */

/* Every emission as "position:removed:added", space-separated. */
typedef struct
{
  GString *log;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  /* A handler must see the new state already. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, position + added);
  g_string_append_printf (changes->log, "%s%u:%u:%u", changes->log->len > 0 ? " " : "",
                          position, removed, added);
}

static void
assert_changes (Changes    *changes,
                const char *expected)
{
  g_assert_cmpstr (changes->log->str, ==, expected);
  g_string_truncate (changes->log, 0);
}

/* --- the store, and the list on it ------------------------------------ */

typedef struct
{
  BdCaseStore *writer;     /* another connection, as another process */
  BdCaseBackend *backend;  /* what the window uses */
  BdCaseList *list;
  Changes changes;
} Fixture;

static char *
store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "badge-doctor", "cases.db", NULL);
}

static void
fixture_init (Fixture *f)
{
  g_autofree char *path = store_path ();
  g_autoptr(GError) error = NULL;

  f->writer = bd_case_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->writer);
  f->backend = BD_CASE_BACKEND (bd_sqlite_store_new (path, BD_CASE_STORE_READ_WRITE));
  f->changes.log = g_string_new (NULL);
}

/* The list, once its first refresh has answered, with its changes
 * recorded from then on. */
static void
fixture_open_list (Fixture *f)
{
  f->list = bd_case_list_new (f->backend);
  wait_current (f->list);
  g_signal_connect (f->list, "items-changed", G_CALLBACK (on_items_changed), &f->changes);
}

static void
fixture_clear (Fixture *f)
{
  /* nothing the list asked for may answer into the next test */
  if (f->list != NULL)
    {
      settle (f->list);
      g_assert_finalize_object (g_steal_pointer (&f->list));
    }
  g_clear_object (&f->backend);
  g_clear_object (&f->writer);
  g_string_free (f->changes.log, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

/* Thousands of inserts each with an fsync would take minutes. */
static void
skip_fsync (BdCaseStore *store)
{
  g_assert_cmpint (sqlite3_exec (_bd_case_store_get_db (store), "PRAGMA synchronous = OFF",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
exec_sql (BdCaseStore *store,
          const char  *sql)
{
  char *message = NULL;

  sqlite3_exec (_bd_case_store_get_db (store), sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

static char *
insert_case (BdCaseStore  *store,
             const char   *label,
             const char   *symptom,
             BdCaseStatus  status,
             gint64        updated)
{
  g_autoptr(BdCase) kase = bd_case_new ("test-pack", "1.0.0");
  g_autoptr(GError) error = NULL;

  if (label != NULL)
    bd_case_set_label (kase, label);
  if (symptom != NULL)
    bd_case_add_symptom (kase, "stuck-one", symptom);
  bd_case_set_status (kase, status);
  bd_case_set_times (kase, updated, updated);
  bd_case_store_insert (store, kase, &error);
  g_assert_no_error (error);
  return g_strdup (bd_case_get_id (kase));
}

/* --- tests ----------------------------------------------------------- */

/* 2,000 cases: the list holds their ids and a bounded number of rows; a
 * row not read yet shows as a placeholder until it arrives. */
static void
test_lazy (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BdCaseItem) first = NULL;
  g_autoptr(BdCaseItem) again = NULL;
  g_autoptr(BdCaseItem) placeholder = NULL;
  gint64 previous = G_MAXINT64;

  fixture_init (&f);
  skip_fsync (f.writer);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *label = g_strdup_printf ("Person %u", i);
      g_ptr_array_add (ids, insert_case (f.writer, label, NULL, BD_CASE_STATUS_OPEN, hours_ago (i)));
    }

  /* Empty until the store has answered, and saying it is loading. */
  f.list = bd_case_list_new (f.backend);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f.list)) == BD_TYPE_CASE_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 0);
  g_assert_true (bd_case_list_is_loading (f.list));
  wait_current (f.list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 2000);
  g_assert_cmpuint (bd_case_list_get_n_loaded (f.list), ==, 0);

  /* A row not read yet: a placeholder with the id and an empty title,
   * which stays one; the row arrives as items-changed at its position. */
  placeholder = item_at (f.list, 0);
  g_assert_false (bd_case_item_is_loaded (placeholder));
  g_assert_cmpstr (bd_case_item_get_id (placeholder), ==, g_ptr_array_index (ids, 0));
  g_assert_cmpstr (bd_case_item_get_title (placeholder), ==, "");
  g_assert_cmpuint (bd_case_list_get_n_loaded (f.list), ==, 0);
  first = loaded_item_at (f.list, 0);
  g_assert_false (first == placeholder);
  g_assert_false (bd_case_item_is_loaded (placeholder));
  g_assert_cmpstr (bd_case_item_get_label (first), ==, "Person 0");
  g_assert_cmpstr (bd_case_item_get_title (first), ==, "Person 0");

  load_rows (f.list, 0, 10);
  g_assert_cmpuint (bd_case_list_get_n_loaded (f.list), ==, 10);
  again = item_at (f.list, 0);
  g_assert_true (first == again);
  g_clear_object (&again);
  g_assert_cmpuint (bd_case_list_get_n_loaded (f.list), ==, 10);

  /* Most recently changed first, and the rows held stay bounded. */
  for (guint start = 0; start < 2000; start += 100)
    {
      load_rows (f.list, start, 100);
      for (guint i = start; i < start + 100; i++)
        {
          g_autoptr(BdCaseItem) item = item_at (f.list, i);

          g_assert_true (bd_case_item_is_loaded (item));
          g_assert_cmpstr (bd_case_item_get_id (item), ==, g_ptr_array_index (ids, i));
          g_assert_cmpint (bd_case_item_get_updated (item), <, previous);
          previous = bd_case_item_get_updated (item);
        }
      g_assert_cmpuint (bd_case_list_get_n_loaded (f.list), <=, BD_CASE_LIST_MAX_LOADED);
    }
  g_assert_cmpuint (bd_case_list_get_n_loaded (f.list), ==, BD_CASE_LIST_MAX_LOADED);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f.list), 2000));

  /* An item dropped from the list is still whole for whoever holds it;
   * asking again gives a placeholder, then a new item. */
  g_assert_cmpstr (bd_case_item_get_label (first), ==, "Person 0");
  again = item_at (f.list, 0);
  g_assert_false (bd_case_item_is_loaded (again));
  g_clear_object (&again);
  again = loaded_item_at (f.list, 0);
  g_assert_false (first == again);
  g_assert_cmpstr (bd_case_item_get_id (again), ==, bd_case_item_get_id (first));
  g_assert_cmpstr (bd_case_item_get_label (again), ==, "Person 0");

  g_assert_cmpuint (bd_case_list_find (f.list, bd_case_item_get_id (first)), ==, 0);
}

static void
assert_item (BdCaseItem   *item,
             const char   *id,
             const char   *title,
             const char   *label,
             const char   *symptom,
             BdCaseStatus  status)
{
  g_autofree char *p_id = NULL;
  g_autofree char *p_title = NULL;
  g_autofree char *p_label = NULL;
  g_autofree char *p_ticket = NULL;
  g_autofree char *p_symptom = NULL;
  int p_status;
  gint64 p_updated;

  g_assert_true (bd_case_item_is_loaded (item));
  g_object_get (item, "id", &p_id, "title", &p_title, "label", &p_label, "ticket", &p_ticket,
                "symptom", &p_symptom, "status", &p_status, "updated", &p_updated, NULL);
  g_assert_cmpstr (p_id, ==, id);
  g_assert_cmpstr (p_title, ==, title);
  g_assert_cmpstr (p_label, ==, label);
  g_assert_cmpstr (p_ticket, ==, "");
  g_assert_cmpstr (p_symptom, ==, symptom);
  g_assert_cmpint (p_status, ==, status);
  g_assert_cmpint (p_updated, ==, bd_case_item_get_updated (item));
  g_assert_cmpstr (bd_case_item_get_id (item), ==, id);
  g_assert_cmpstr (bd_case_item_get_title (item), ==, title);
  g_assert_cmpstr (bd_case_item_get_symptom (item), ==, symptom);
  g_assert_cmpint (bd_case_item_get_status (item), ==, status);
}

/* What each row shows: the label, else the first symptom, else "New case". */
static void
test_item_properties (void)
{
  g_auto(Fixture) f = { 0 };
  gint64 when = hours_ago (3);
  g_autofree char *labelled = NULL;
  g_autofree char *unlabelled = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(BdCaseItem) first = NULL;
  g_autoptr(BdCaseItem) second = NULL;
  g_autoptr(BdCaseItem) third = NULL;

  fixture_init (&f);
  labelled = insert_case (f.writer, "Jane, iPhone 13", "Messages stays at 1", BD_CASE_STATUS_ESCALATED, when);
  unlabelled = insert_case (f.writer, NULL, "WhatsApp badge stuck", BD_CASE_STATUS_OPEN, hours_ago (4));
  empty = insert_case (f.writer, NULL, NULL, BD_CASE_STATUS_RESOLVED, hours_ago (5));
  fixture_open_list (&f);
  load_rows (f.list, 0, 3);
  first = item_at (f.list, 0);
  second = item_at (f.list, 1);
  third = item_at (f.list, 2);

  assert_item (first, labelled, "Jane, iPhone 13", "Jane, iPhone 13", "Messages stays at 1",
               BD_CASE_STATUS_ESCALATED);
  g_assert_cmpint (bd_case_item_get_updated (first), ==, when);
  assert_item (second, unlabelled, "WhatsApp badge stuck", "", "WhatsApp badge stuck",
               BD_CASE_STATUS_OPEN);
  assert_item (third, empty, _("New case"), "", "", BD_CASE_STATUS_RESOLVED);
  /* Rows arriving are the only changes. */
  assert_changes (&f.changes, "0:3:3");
}

static void
test_item_from_summary (void)
{
  BdCaseSummary summary = {
    .id = "abc", .status = BD_CASE_STATUS_RESOLVED, .updated = 42,
    .label = "", .ticket = "T-1043", .symptom = "",
  };
  g_autoptr(BdCaseItem) item = bd_case_item_new_from_summary (&summary);
  g_autoptr(BdCaseItem) placeholder = bd_case_item_new_placeholder ("abc");

  g_assert_true (bd_case_item_is_loaded (item));
  g_assert_cmpstr (bd_case_item_get_title (item), ==, _("New case"));
  g_assert_cmpstr (bd_case_item_get_ticket (item), ==, "T-1043");
  g_assert_cmpint (bd_case_item_get_updated (item), ==, 42);
  g_assert_true (bd_case_item_equal_summary (item, &summary));
  summary.ticket = "T-1044";
  g_assert_false (bd_case_item_equal_summary (item, &summary));

  /* What a row shows before its case is read: nothing but the id. */
  g_assert_false (bd_case_item_is_loaded (placeholder));
  g_assert_cmpstr (bd_case_item_get_id (placeholder), ==, "abc");
  g_assert_cmpstr (bd_case_item_get_title (placeholder), ==, "");
  g_assert_cmpstr (bd_case_item_get_label (placeholder), ==, "");
  g_assert_cmpstr (bd_case_item_get_symptom (placeholder), ==, "");
  summary.ticket = "";
  g_assert_false (bd_case_item_equal_summary (placeholder, &summary));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
insert_filter_cases (BdCaseStore *store)
{
  const struct { const char *label; BdCaseStatus status; } cases[] = {
    { "Jane Doe", BD_CASE_STATUS_OPEN },
    { "Janet Roe", BD_CASE_STATUS_RESOLVED },
    { "Omar Ali", BD_CASE_STATUS_OPEN },
    { "Li Wei", BD_CASE_STATUS_RESOLVED },
    { "Ana Sousa", BD_CASE_STATUS_ESCALATED },
    { "Jan Novak", BD_CASE_STATUS_OPEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_free (insert_case (store, cases[i].label, NULL, cases[i].status, hours_ago (i)));
}

/* A filter takes effect when the store answers: until then the list
 * shows what it showed, and says it is loading. */
static void
test_filter (void)
{
  g_auto(Fixture) f = { 0 };
  guint status_notes = 0;
  guint search_notes = 0;
  guint loading_notes = 0;
  int status;

  fixture_init (&f);
  insert_filter_cases (f.writer);
  fixture_open_list (&f);
  g_signal_connect (f.list, "notify::status", G_CALLBACK (on_notify), &status_notes);
  g_signal_connect (f.list, "notify::search", G_CALLBACK (on_notify), &search_notes);
  g_signal_connect (f.list, "notify::loading", G_CALLBACK (on_notify), &loading_notes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 6);
  g_assert_cmpint (bd_case_list_get_status (f.list), ==, BD_CASE_STATUS_ANY);

  bd_case_list_set_status (f.list, BD_CASE_STATUS_RESOLVED);
  g_assert_cmpuint (status_notes, ==, 1);
  g_assert_true (bd_case_list_is_loading (f.list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 6);
  assert_changes (&f.changes, "");
  wait_current (f.list);
  g_assert_cmpuint (loading_notes, ==, 2);
  assert_changes (&f.changes, "0:6:2");
  load_rows (f.list, 0, 2);
  assert_changes (&f.changes, "0:2:2");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BdCaseItem) item = item_at (f.list, i);
      g_assert_cmpint (bd_case_item_get_status (item), ==, BD_CASE_STATUS_RESOLVED);
    }

  /* Setting the same value again does nothing, not even ask the store. */
  bd_case_list_set_status (f.list, BD_CASE_STATUS_RESOLVED);
  g_assert_false (bd_case_list_is_loading (f.list));
  settle (f.list);
  assert_changes (&f.changes, "");
  g_assert_cmpuint (status_notes, ==, 1);

  /* The property, as a binding sets it. */
  g_object_set (f.list, "status", -1, NULL);
  wait_current (f.list);
  assert_changes (&f.changes, "0:2:6");
  g_object_get (f.list, "status", &status, NULL);
  g_assert_cmpint (status, ==, -1);

  /* Words are prefixes: "jan" finds Jane, Janet and Jan; only the span
   * that changed is said to (Omar, Li and Ana went, between Janet and Jan). */
  g_object_set (f.list, "search", "jan", NULL);
  wait_current (f.list);
  assert_changes (&f.changes, "2:3:0");
  g_assert_cmpuint (search_notes, ==, 1);
  g_assert_cmpstr (bd_case_list_get_search (f.list), ==, "jan");

  bd_case_list_set_status (f.list, BD_CASE_STATUS_OPEN);
  wait_current (f.list);
  assert_changes (&f.changes, "1:1:0");
  {
    g_autofree char *top = dup_title_at (f.list, 0);
    g_autofree char *next = dup_title_at (f.list, 1);
    g_assert_cmpstr (top, ==, "Jane Doe");
    g_assert_cmpstr (next, ==, "Jan Novak");
  }
  assert_changes (&f.changes, "0:1:1 1:1:1");

  bd_case_list_set_search (f.list, "nobody");
  wait_current (f.list);
  assert_changes (&f.changes, "0:2:0");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 0);
  /* Still nothing: no signal. */
  bd_case_list_set_search (f.list, "nobody at all");
  settle (f.list);
  assert_changes (&f.changes, "");

  /* Two changes in a row: the list ends up showing both. */
  bd_case_list_set_search (f.list, NULL);
  bd_case_list_set_status (f.list, BD_CASE_STATUS_ANY);
  wait_current (f.list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 6);
  g_assert_null (bd_case_list_get_search (f.list));
  g_assert_cmpuint (search_notes, ==, 4);
  g_assert_cmpuint (status_notes, ==, 4);
}

/* A change made elsewhere (another window, the CLI) shows after a
 * refresh; rows that did not change keep their items, so a selection of
 * them survives. */
static void
test_refresh (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *oldest = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *added = NULL;
  g_autoptr(BdCaseItem) kept = NULL;
  g_autoptr(BdCaseItem) top = NULL;
  g_autoptr(BdCaseItem) item = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notes = 0;

  fixture_init (&f);
  oldest = insert_case (f.writer, "Oldest", NULL, BD_CASE_STATUS_OPEN, hours_ago (3));
  middle = insert_case (f.writer, "Middle", NULL, BD_CASE_STATUS_OPEN, hours_ago (2));
  newest = insert_case (f.writer, "Newest", NULL, BD_CASE_STATUS_OPEN, hours_ago (1));
  fixture_open_list (&f);
  load_rows (f.list, 0, 3);
  assert_changes (&f.changes, "0:3:3");
  kept = item_at (f.list, 1);
  top = item_at (f.list, 0);
  g_assert_cmpstr (bd_case_item_get_id (kept), ==, middle);
  g_signal_connect (f.list, "notify::n-items", G_CALLBACK (on_notify), &n_notes);

  /* Nothing changed: no signal, and the same objects. */
  refresh_and_wait (f.list);
  settle (f.list);
  assert_changes (&f.changes, "");
  item = item_at (f.list, 1);
  g_assert_true (item == kept);
  g_clear_object (&item);

  /* Not shown until the list is refreshed. */
  added = insert_case (f.writer, "Added", NULL, BD_CASE_STATUS_OPEN, g_get_real_time ());
  settle (f.list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 3);
  refresh_and_wait (f.list);
  settle (f.list);
  assert_changes (&f.changes, "0:0:1");
  g_assert_cmpuint (n_notes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 4);
  item = loaded_item_at (f.list, 0);
  g_assert_cmpstr (bd_case_item_get_id (item), ==, added);
  g_assert_cmpstr (bd_case_item_get_title (item), ==, "Added");
  g_clear_object (&item);
  assert_changes (&f.changes, "0:1:1");
  /* An unchanged case keeps its item. */
  item = item_at (f.list, 2);
  g_assert_true (item == kept);
  g_clear_object (&item);

  bd_case_store_delete (f.writer, oldest, &error);
  g_assert_no_error (error);
  refresh_and_wait (f.list);
  settle (f.list);
  assert_changes (&f.changes, "3:1:0");
  g_assert_cmpuint (n_notes, ==, 2);
  g_assert_cmpuint (bd_case_list_find (f.list, oldest), ==, G_MAXUINT);

  /* The top case changes but stays on top: only its row is read again,
   * and only its position changes. */
  bd_case_store_set_status (f.writer, added, BD_CASE_STATUS_RESOLVED, &error);
  g_assert_no_error (error);
  refresh_and_wait (f.list);
  settle (f.list);
  assert_changes (&f.changes, "0:1:1");
  g_assert_cmpuint (n_notes, ==, 2);
  item = item_at (f.list, 0);
  g_assert_true (bd_case_item_is_loaded (item));
  g_assert_cmpint (bd_case_item_get_status (item), ==, BD_CASE_STATUS_RESOLVED);
  g_clear_object (&item);
  item = item_at (f.list, 2);
  g_assert_true (item == kept);
  g_clear_object (&item);

  /* A change moves a case to the top: the span from the top to where it
   * was changes, then the row that moved is read again, at its new
   * position. */
  bd_case_store_set_status (f.writer, middle, BD_CASE_STATUS_ESCALATED, &error);
  g_assert_no_error (error);
  refresh_and_wait (f.list);
  settle (f.list);
  assert_changes (&f.changes, "0:3:3 0:1:1");
  g_assert_cmpuint (bd_case_list_find (f.list, middle), ==, 0);
  g_assert_cmpuint (bd_case_list_find (f.list, added), ==, 1);
  g_assert_cmpuint (bd_case_list_find (f.list, newest), ==, 2);
  item = item_at (f.list, 0);
  g_assert_true (bd_case_item_is_loaded (item));
  g_assert_cmpint (bd_case_item_get_status (item), ==, BD_CASE_STATUS_ESCALATED);
  g_assert_false (item == kept);
  g_clear_object (&item);
  g_assert_cmpint (bd_case_item_get_status (kept), ==, BD_CASE_STATUS_OPEN);
  g_assert_cmpstr (bd_case_item_get_id (top), ==, newest);
}

typedef struct
{
  BdCaseList *list;
  const char *id;
} Listed;

static gboolean
is_listed (gpointer data)
{
  Listed *listed = data;

  return bd_case_list_find (listed->list, listed->id) != G_MAXUINT;
}

/* A window polls the store, and shows what another process committed
 * without being asked. */
static void
test_poll (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *added = NULL;
  Listed listed = { 0 };

  fixture_init (&f);
  first = insert_case (f.writer, "First", NULL, BD_CASE_STATUS_OPEN, hours_ago (1));
  bd_sqlite_store_set_poll_interval (BD_SQLITE_STORE (f.backend), 20);
  fixture_open_list (&f);
  /* what the store had when it opened is what the poll compares with */
  {
    gboolean done = FALSE;
    bd_case_backend_run_async (f.backend, bd_case_request_new (BD_CASE_OP_OPEN, NULL), NULL, on_answered, &done);
    wait_until (flag_is_set, &done, "the store to open");
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 1);

  added = insert_case (f.writer, "Added", NULL, BD_CASE_STATUS_OPEN, g_get_real_time ());
  listed.list = f.list;
  listed.id = added;
  wait_until (is_listed, &listed, "the poll to notice a case added");
  g_assert_cmpuint (bd_case_list_find (f.list, added), ==, 0);
  g_assert_cmpuint (bd_case_list_find (f.list, first), ==, 1);
  bd_sqlite_store_set_poll_interval (BD_SQLITE_STORE (f.backend), 0);
}

/* Finds a case whether or not its row was read, among what the list
 * shows now. */
static void
test_find (void)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  fixture_init (&f);
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (ids, insert_case (f.writer, "Someone", NULL, BD_CASE_STATUS_OPEN, hours_ago (i)));
  fixture_open_list (&f);

  g_object_unref (loaded_item_at (f.list, 5));
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpuint (bd_case_list_find (f.list, g_ptr_array_index (ids, i)), ==, i);
  g_assert_cmpuint (bd_case_list_get_n_loaded (f.list), ==, 1);
  g_assert_cmpuint (bd_case_list_find (f.list, "no-such-case"), ==, G_MAXUINT);

  /* Deleted elsewhere: still listed until the list is refreshed. */
  bd_case_store_delete (f.writer, g_ptr_array_index (ids, 5), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bd_case_list_find (f.list, g_ptr_array_index (ids, 5)), ==, 5);
  refresh_and_wait (f.list);
  g_assert_cmpuint (bd_case_list_find (f.list, g_ptr_array_index (ids, 5)), ==, G_MAXUINT);
  g_assert_cmpuint (bd_case_list_find (f.list, g_ptr_array_index (ids, 6)), ==, 5);

  /* Filtered out is not found either, once the filter has answered. */
  bd_case_list_set_status (f.list, BD_CASE_STATUS_RESOLVED);
  g_assert_cmpuint (bd_case_list_find (f.list, g_ptr_array_index (ids, 0)), ==, 0);
  wait_current (f.list);
  g_assert_cmpuint (bd_case_list_find (f.list, g_ptr_array_index (ids, 0)), ==, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 0);
}

static void
on_refreshed_any (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* what it says about a store that failed is not this test's business */
  bd_case_list_refresh_finish (BD_CASE_LIST (object), result, &error);
  *(gboolean *) user_data = TRUE;
}

/* A store that cannot be listed or read keeps the list as it showed:
 * quietly (the window reports the store's state itself), without a
 * crash, and rows that could not be read stay placeholders.
 * G_DEBUG=fatal-criticals and g_test_init() make any warning fail this. */
static void
test_store_error (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(BdCaseItem) item = NULL;
  gboolean done = FALSE;

  fixture_init (&f);
  first = insert_case (f.writer, "First", NULL, BD_CASE_STATUS_OPEN, hours_ago (2));
  second = insert_case (f.writer, "Second", NULL, BD_CASE_STATUS_OPEN, hours_ago (1));
  fixture_open_list (&f);
  exec_sql (f.writer, "ALTER TABLE cases RENAME TO cases_away");

  /* A row asked for: a placeholder, and no row ever arrives. */
  item = item_at (f.list, 1);
  g_assert_false (bd_case_item_is_loaded (item));
  g_assert_cmpstr (bd_case_item_get_id (item), ==, first);
  g_clear_object (&item);
  settle (f.list);
  assert_changes (&f.changes, "");
  g_assert_cmpuint (bd_case_list_get_n_loaded (f.list), ==, 0);

  /* A refresh that fails: the list stays as it was. */
  bd_case_list_refresh_async (f.list, on_refreshed_any, &done);
  wait_until (flag_is_set, &done, "a failing refresh to answer");
  settle (f.list);
  assert_changes (&f.changes, "");
  g_assert_false (bd_case_list_is_loading (f.list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 2);
  g_assert_cmpuint (bd_case_list_find (f.list, first), ==, 1);
  g_assert_cmpuint (bd_case_list_find (f.list, second), ==, 0);

  /* So does a filter that fails. */
  bd_case_list_set_search (f.list, "first");
  wait_current (f.list);
  settle (f.list);
  assert_changes (&f.changes, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 2);

  /* The store back: the filter and the rows work again. */
  exec_sql (f.writer, "ALTER TABLE cases_away RENAME TO cases");
  refresh_and_wait (f.list);
  assert_changes (&f.changes, "0:1:0");
  item = loaded_item_at (f.list, 0);
  g_assert_cmpstr (bd_case_item_get_label (item), ==, "First");
  g_assert_cmpuint (bd_case_list_find (f.list, first), ==, 0);
}

/* --- never blocking ------------------------------------------------------ */

typedef struct
{
  BdCaseStore *holder;
  gboolean released;
  gint64 released_at;
  guint ticks;         /* the main loop turned while the store was locked */
  gboolean written;    /* the change that waited for the lock went through */
} Lock;

static gboolean
tick (gpointer data)
{
  Lock *lock = data;

  if (!lock->released)
    lock->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Reading still works in WAL mode while a writer holds its lock; only
 * exclusive locking mode keeps other connections out altogether. */
static void
lock_exclusively (Lock *lock)
{
  exec_sql (lock->holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE;"
                          " UPDATE cases SET label = label;");
}

static gboolean
release_exclusive (gpointer data)
{
  Lock *lock = data;

  exec_sql (lock->holder, "COMMIT; PRAGMA locking_mode = NORMAL;");
  /* the lock goes with the next access */
  exec_sql (lock->holder, "SELECT count(*) FROM cases;");
  lock->released = TRUE;
  lock->released_at = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

/* Whether a new connection can read the store at all, without waiting. */
static gboolean
can_read (void)
{
  g_autofree char *path = store_path ();
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "SELECT count(*) FROM cases", NULL, NULL, NULL);
  sqlite3_close (db);
  g_assert_true (rc == SQLITE_OK || rc == SQLITE_BUSY);
  return rc == SQLITE_OK;
}

/* While another process holds the store locked so nobody can even read
 * it, making the list and typing a search return at once; the main loop
 * keeps turning, and the list answers once the lock is gone. */
static void
test_never_blocks_reader (void)
{
  g_auto(Fixture) f = { 0 };
  Lock lock = { 0 };
  gint64 start;
  guint ticker;

  fixture_init (&f);
  insert_filter_cases (f.writer);
  g_assert_true (can_read ());
  lock.holder = f.writer;
  lock_exclusively (&lock);
  g_assert_false (can_read ());

  start = g_get_monotonic_time ();
  f.list = bd_case_list_new (f.backend);
  g_assert_cmpint (g_get_monotonic_time () - start, <, RETURNS_WITHIN_US);
  start = g_get_monotonic_time ();
  bd_case_list_set_search (f.list, "jan");
  g_assert_cmpint (g_get_monotonic_time () - start, <, RETURNS_WITHIN_US);
  g_assert_true (bd_case_list_is_loading (f.list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 0);

  ticker = g_timeout_add (10, tick, &lock);
  g_timeout_add (300, release_exclusive, &lock);
  wait_current (f.list);
  g_source_remove (ticker);
  /* it answered because the lock went, not before */
  g_assert_true (lock.released);
  g_assert_cmpuint (lock.ticks, >=, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 3);
  g_assert_cmpstr (bd_case_list_get_search (f.list), ==, "jan");
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Lock *lock = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);

  g_assert_no_error (error);
  /* the write waited for the other writer */
  g_assert_true (lock->released);
  lock->written = TRUE;
}

static gboolean
release_write (gpointer data)
{
  Lock *lock = data;

  exec_sql (lock->holder, "COMMIT;");
  lock->released = TRUE;
  lock->released_at = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

/* While another process holds the write lock (BEGIN IMMEDIATE) and this
 * window's own change waits for it on the store's writer, the list does
 * not wait behind that change: typing a search returns at once and the
 * list answers while the lock is still held; once the change lands, the
 * list shows it by itself. */
static gboolean
written (gpointer data)
{
  return ((Lock *) data)->written;
}

/* The changed case on top, escalated: the list followed the change. */
static gboolean
jane_on_top_escalated (gpointer data)
{
  Fixture *f = data;
  g_autoptr(BdCaseItem) item = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (f->list)) == 0)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
  return bd_case_item_is_loaded (item) && bd_case_item_get_status (item) == BD_CASE_STATUS_ESCALATED
         && g_str_has_prefix (bd_case_item_get_title (item), "Jane Write");
}

static void
test_never_blocks_writer (void)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *jane = NULL;
  BdCaseRequest *request;
  Lock lock = { 0 };
  gint64 start;

  fixture_init (&f);
  insert_filter_cases (f.writer);
  jane = insert_case (f.writer, "Jane Write", NULL, BD_CASE_STATUS_OPEN, hours_ago (10));
  fixture_open_list (&f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 7);

  lock.holder = f.writer;
  exec_sql (f.writer, "BEGIN IMMEDIATE; UPDATE cases SET ticket = ticket;");
  request = bd_case_request_new (BD_CASE_OP_SET_STATUS, jane);
  request->status = BD_CASE_STATUS_ESCALATED;
  bd_case_backend_run_async (f.backend, request, NULL, on_written, &lock);

  start = g_get_monotonic_time ();
  bd_case_list_set_search (f.list, "jane");
  g_assert_cmpint (g_get_monotonic_time () - start, <, RETURNS_WITHIN_US);
  g_assert_true (bd_case_list_is_loading (f.list));
  wait_current (f.list);
  /* Jane, Janet and Jane Write, while the change still waits */
  g_assert_false (lock.released);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 3);

  g_timeout_add (300, release_write, &lock);
  wait_until (written, &lock, "the change to go through");
  wait_until (jane_on_top_escalated, &f, "the list to show the change");
}

/* --- a help desk's list ------------------------------------------------ */

typedef struct
{
  guint emissions;
  guint largest;   /* the most rows one signal added */
} Growth;

static void
on_growth (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           Growth     *growth)
{
  growth->emissions++;
  growth->largest = MAX (growth->largest, added);
}

/* Thousands of cases come into view a chunk at a time (the first list, a
 * search cleared), so no main-loop iteration has to take them all; a row
 * not read yet has one stand-in item, the same each time it is asked for. */
static void
test_large (void)
{
  g_auto(Fixture) f = { 0 };
  Growth growth = { 0 };
  g_autoptr(BdCaseItem) first = NULL;
  g_autoptr(BdCaseItem) again = NULL;
  gulong handler;
  const guint n = 9000;
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
    " INSERT INTO cases (id, created, updated, label, pack_id, pack_version)"
    " SELECT printf ('%%08x-0000-4000-8000-%%012x', i, i), i, i, 'Customer ' || i, 'p', '1' FROM n;", n);

  fixture_init (&f);
  exec_sql (f.writer, sql);
  f.list = bd_case_list_new (f.backend);
  handler = g_signal_connect (f.list, "items-changed", G_CALLBACK (on_growth), &growth);
  wait_current (f.list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, n);
  g_assert_cmpuint (growth.emissions, >, 1);
  g_assert_cmpuint (growth.largest, <, n / 2);
  g_assert_cmpuint (bd_case_list_find (f.list, "00000001-0000-4000-8000-000000000001"), ==, n - 1);

  first = item_at (f.list, 4321);
  again = item_at (f.list, 4321);
  g_assert_false (bd_case_item_is_loaded (first));
  g_assert_true (first == again);

  /* one case found, then the search cleared: all of them again, in chunks */
  bd_case_list_set_search (f.list, "customer 4321");
  wait_current (f.list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 1);
  growth = (Growth) { 0 };
  bd_case_list_set_search (f.list, NULL);
  wait_current (f.list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, n);
  g_assert_cmpuint (growth.largest, <, n / 2);
  g_signal_handler_disconnect (f.list, handler);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case-list/lazy", test_lazy);
  g_test_add_func ("/case-list/item-properties", test_item_properties);
  g_test_add_func ("/case-list/item-from-summary", test_item_from_summary);
  g_test_add_func ("/case-list/filter", test_filter);
  g_test_add_func ("/case-list/refresh", test_refresh);
  g_test_add_func ("/case-list/poll", test_poll);
  g_test_add_func ("/case-list/find", test_find);
  g_test_add_func ("/case-list/store-error", test_store_error);
  g_test_add_func ("/case-list/never-blocks/reader", test_never_blocks_reader);
  g_test_add_func ("/case-list/never-blocks/writer", test_never_blocks_writer);
  g_test_add_func ("/case-list/large", test_large);
  return g_test_run ();
}
