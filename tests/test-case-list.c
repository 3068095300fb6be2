/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-case-list"

#include "bd-config.h"

#include <glib/gi18n-lib.h>

#include "bd-case-list.h"
#include "bd-case-store-private.h"

#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

/* Times in the past, an hour apart, so any change made now moves a case
 * to the top. */
static gint64
hours_ago (guint hours)
{
  return g_get_real_time () - (gint64) (hours + 1) * HOUR_US;
}

static BdCaseStore *
open_store (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "badge-doctor", "cases.db", NULL);
  g_autoptr(GError) error = NULL;
  BdCaseStore *store = bd_case_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Thousands of inserts each with an fsync would take minutes. */
static void
skip_fsync (BdCaseStore *store)
{
  g_assert_cmpint (sqlite3_exec (_bd_case_store_get_db (store), "PRAGMA synchronous = OFF",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
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

static BdCaseItem *
item_at (BdCaseList *list,
         guint       position)
{
  BdCaseItem *item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_true (BD_IS_CASE_ITEM (item));
  return item;
}

static char *
dup_title_at (BdCaseList *list,
              guint       position)
{
  g_autoptr(BdCaseItem) item = item_at (list, position);

  return g_strdup (bd_case_item_get_title (item));
}

/* --- recording items-changed ----------------------------------------- */

typedef struct
{
  guint n_emissions;
  guint position;
  guint removed;
  guint added;
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
  changes->n_emissions++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
assert_changes (Changes *changes,
                guint    n_emissions,
                guint    position,
                guint    removed,
                guint    added)
{
  g_assert_cmpuint (changes->n_emissions, ==, n_emissions);
  if (n_emissions > 0)
    {
      g_assert_cmpuint (changes->position, ==, position);
      g_assert_cmpuint (changes->removed, ==, removed);
      g_assert_cmpuint (changes->added, ==, added);
    }
  *changes = (Changes) { 0 };
}

/* --- tests ----------------------------------------------------------- */

static void
test_lazy (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCaseList) list = NULL;
  g_autoptr(BdCaseItem) first = NULL;
  g_autoptr(BdCaseItem) again = NULL;
  gint64 previous = G_MAXINT64;

  skip_fsync (store);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *label = g_strdup_printf ("Person %u", i);
      g_autofree char *id = insert_case (store, label, NULL, BD_CASE_STATUS_OPEN, hours_ago (i));
    }
  list = bd_case_list_new (store);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == BD_TYPE_CASE_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2000);
  g_assert_cmpuint (bd_case_list_get_n_loaded (list), ==, 0);

  for (guint i = 0; i < 10; i++)
    g_object_unref (item_at (list, i));
  g_assert_cmpuint (bd_case_list_get_n_loaded (list), ==, 10);
  first = item_at (list, 0);
  again = item_at (list, 0);
  g_assert_true (first == again);
  g_assert_cmpuint (bd_case_list_get_n_loaded (list), ==, 10);

  /* Most recently changed first, and the cache stays bounded. */
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(BdCaseItem) item = item_at (list, i);

      g_assert_cmpint (bd_case_item_get_updated (item), <, previous);
      previous = bd_case_item_get_updated (item);
      g_assert_cmpuint (bd_case_list_get_n_loaded (list), <=, BD_CASE_LIST_MAX_LOADED);
    }
  g_assert_cmpuint (bd_case_list_get_n_loaded (list), ==, BD_CASE_LIST_MAX_LOADED);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2000));

  /* An item dropped from the cache is still whole for whoever holds it. */
  g_assert_cmpstr (bd_case_item_get_label (first), ==, "Person 0");
  g_clear_object (&again);
  again = item_at (list, 0);
  g_assert_false (first == again);
  g_assert_cmpstr (bd_case_item_get_id (again), ==, bd_case_item_get_id (first));

  g_assert_cmpuint (bd_case_list_find (list, bd_case_item_get_id (first)), ==, 0);
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

static void
test_item_properties (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  gint64 when = hours_ago (3);
  g_autofree char *labelled = insert_case (store, "Jane, iPhone 13", "Messages stays at 1",
                                           BD_CASE_STATUS_ESCALATED, when);
  g_autofree char *unlabelled = insert_case (store, NULL, "WhatsApp badge stuck", BD_CASE_STATUS_OPEN,
                                             hours_ago (4));
  g_autofree char *empty = insert_case (store, NULL, NULL, BD_CASE_STATUS_RESOLVED, hours_ago (5));
  g_autoptr(BdCaseList) list = bd_case_list_new (store);
  g_autoptr(BdCaseItem) first = item_at (list, 0);
  g_autoptr(BdCaseItem) second = item_at (list, 1);
  g_autoptr(BdCaseItem) third = item_at (list, 2);

  assert_item (first, labelled, "Jane, iPhone 13", "Jane, iPhone 13", "Messages stays at 1",
               BD_CASE_STATUS_ESCALATED);
  g_assert_cmpint (bd_case_item_get_updated (first), ==, when);
  assert_item (second, unlabelled, "WhatsApp badge stuck", "", "WhatsApp badge stuck",
               BD_CASE_STATUS_OPEN);
  assert_item (third, empty, _("New case"), "", "", BD_CASE_STATUS_RESOLVED);
}

static void
test_item_from_summary (void)
{
  BdCaseSummary summary = {
    .id = "abc", .status = BD_CASE_STATUS_RESOLVED, .updated = 42,
    .label = "", .ticket = "T-1043", .symptom = "",
  };
  g_autoptr(BdCaseItem) item = bd_case_item_new_from_summary (&summary);

  g_assert_cmpstr (bd_case_item_get_title (item), ==, _("New case"));
  g_assert_cmpstr (bd_case_item_get_ticket (item), ==, "T-1043");
  g_assert_cmpint (bd_case_item_get_updated (item), ==, 42);
  g_assert_true (bd_case_item_equal_summary (item, &summary));
  summary.ticket = "T-1044";
  g_assert_false (bd_case_item_equal_summary (item, &summary));
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

static void
test_filter (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCaseList) list = NULL;
  Changes changes = { 0 };
  guint status_notes = 0;
  guint search_notes = 0;
  int status;

  insert_filter_cases (store);
  list = bd_case_list_new (store);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_signal_connect (list, "notify::status", G_CALLBACK (on_notify), &status_notes);
  g_signal_connect (list, "notify::search", G_CALLBACK (on_notify), &search_notes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  g_assert_cmpint (bd_case_list_get_status (list), ==, BD_CASE_STATUS_ANY);

  bd_case_list_set_status (list, BD_CASE_STATUS_RESOLVED);
  assert_changes (&changes, 1, 0, 6, 2);
  g_assert_cmpuint (status_notes, ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BdCaseItem) item = item_at (list, i);
      g_assert_cmpint (bd_case_item_get_status (item), ==, BD_CASE_STATUS_RESOLVED);
    }

  /* Setting the same value again does nothing. */
  bd_case_list_set_status (list, BD_CASE_STATUS_RESOLVED);
  assert_changes (&changes, 0, 0, 0, 0);
  g_assert_cmpuint (status_notes, ==, 1);

  /* The property, as a binding sets it. */
  g_object_set (list, "status", -1, NULL);
  assert_changes (&changes, 1, 0, 2, 6);
  g_object_get (list, "status", &status, NULL);
  g_assert_cmpint (status, ==, -1);

  /* Words are prefixes: "jan" finds Jane, Janet and Jan. */
  g_object_set (list, "search", "jan", NULL);
  assert_changes (&changes, 1, 0, 6, 3);
  g_assert_cmpuint (search_notes, ==, 1);
  g_assert_cmpstr (bd_case_list_get_search (list), ==, "jan");

  bd_case_list_set_status (list, BD_CASE_STATUS_OPEN);
  assert_changes (&changes, 1, 0, 3, 2);
  {
    g_autofree char *top = dup_title_at (list, 0);
    g_autofree char *next = dup_title_at (list, 1);
    g_assert_cmpstr (top, ==, "Jane Doe");
    g_assert_cmpstr (next, ==, "Jan Novak");
  }

  bd_case_list_set_search (list, "nobody");
  assert_changes (&changes, 1, 0, 2, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  /* Still nothing: no signal. */
  bd_case_list_set_search (list, "nobody at all");
  assert_changes (&changes, 0, 0, 0, 0);

  bd_case_list_set_search (list, NULL);
  bd_case_list_set_status (list, BD_CASE_STATUS_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  g_assert_null (bd_case_list_get_search (list));
  g_assert_cmpuint (search_notes, ==, 4);
}

static void
test_refresh (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autofree char *oldest = insert_case (store, "Oldest", NULL, BD_CASE_STATUS_OPEN, hours_ago (3));
  g_autofree char *middle = insert_case (store, "Middle", NULL, BD_CASE_STATUS_OPEN, hours_ago (2));
  g_autofree char *newest = insert_case (store, "Newest", NULL, BD_CASE_STATUS_OPEN, hours_ago (1));
  g_autoptr(BdCaseList) list = bd_case_list_new (store);
  g_autoptr(BdCaseItem) kept = item_at (list, 1);
  g_autoptr(BdCaseItem) top = item_at (list, 0);
  g_autoptr(BdCaseItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  Changes changes = { 0 };
  guint n_notes = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (on_notify), &n_notes);

  /* Nothing changed: no signal, and the same objects. */
  bd_case_list_refresh (list);
  assert_changes (&changes, 0, 0, 0, 0);
  item = item_at (list, 1);
  g_assert_true (item == kept);
  g_clear_object (&item);

  added = insert_case (store, "Added", NULL, BD_CASE_STATUS_OPEN, g_get_real_time ());
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  bd_case_list_refresh (list);
  assert_changes (&changes, 1, 0, 3, 4);
  g_assert_cmpuint (n_notes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  item = item_at (list, 0);
  g_assert_cmpstr (bd_case_item_get_id (item), ==, added);
  g_clear_object (&item);
  /* An unchanged case keeps its item, so a selection of it survives. */
  item = item_at (list, 2);
  g_assert_true (item == kept);
  g_clear_object (&item);

  bd_case_store_delete (store, oldest, &error);
  g_assert_no_error (error);
  bd_case_list_refresh (list);
  assert_changes (&changes, 1, 0, 4, 3);
  g_assert_cmpuint (n_notes, ==, 2);
  g_assert_cmpuint (bd_case_list_find (list, oldest), ==, G_MAXUINT);

  /* The top case changes but stays on top: only its row is re-read. */
  bd_case_store_set_status (store, added, BD_CASE_STATUS_RESOLVED, &error);
  g_assert_no_error (error);
  bd_case_list_refresh (list);
  assert_changes (&changes, 1, 0, 1, 1);
  g_assert_cmpuint (n_notes, ==, 2);
  item = item_at (list, 0);
  g_assert_cmpint (bd_case_item_get_status (item), ==, BD_CASE_STATUS_RESOLVED);
  g_clear_object (&item);

  /* A change moves a case to the top. */
  bd_case_store_set_status (store, middle, BD_CASE_STATUS_ESCALATED, &error);
  g_assert_no_error (error);
  bd_case_list_refresh (list);
  assert_changes (&changes, 1, 0, 3, 3);
  g_assert_cmpuint (bd_case_list_find (list, middle), ==, 0);
  g_assert_cmpuint (bd_case_list_find (list, added), ==, 1);
  g_assert_cmpuint (bd_case_list_find (list, newest), ==, 2);
  g_assert_cmpstr (bd_case_item_get_id (top), ==, newest);
}

static void
test_find (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autoptr(BdCaseList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (ids, insert_case (store, "Someone", NULL, BD_CASE_STATUS_OPEN, hours_ago (i)));
  list = bd_case_list_new (store);

  /* Found whether or not its row was loaded. */
  g_object_unref (item_at (list, 5));
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpuint (bd_case_list_find (list, g_ptr_array_index (ids, i)), ==, i);
  g_assert_cmpuint (bd_case_list_get_n_loaded (list), ==, 1);
  g_assert_cmpuint (bd_case_list_find (list, "no-such-case"), ==, G_MAXUINT);

  bd_case_store_delete (store, g_ptr_array_index (ids, 5), &error);
  g_assert_no_error (error);
  bd_case_list_refresh (list);
  g_assert_cmpuint (bd_case_list_find (list, g_ptr_array_index (ids, 5)), ==, G_MAXUINT);
  g_assert_cmpuint (bd_case_list_find (list, g_ptr_array_index (ids, 6)), ==, 5);

  /* Filtered out is not found either. */
  bd_case_list_set_status (list, BD_CASE_STATUS_RESOLVED);
  g_assert_cmpuint (bd_case_list_find (list, g_ptr_array_index (ids, 0)), ==, G_MAXUINT);
}

static void
rename_cases_table (BdCaseStore *store,
                    const char  *sql)
{
  char *message = NULL;

  sqlite3_exec (_bd_case_store_get_db (store), sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

/* A store that cannot be read gives an empty list and rows that show as
 * empty cases, quietly: the window reports the store's state itself.
 * G_DEBUG=fatal-criticals and g_test_init() make any warning fail this. */
static void
test_store_error (void)
{
  g_autoptr(BdCaseStore) store = open_store ();
  g_autofree char *first = insert_case (store, "First", NULL, BD_CASE_STATUS_OPEN, hours_ago (2));
  g_autofree char *second = insert_case (store, "Second", NULL, BD_CASE_STATUS_OPEN, hours_ago (1));
  g_autoptr(BdCaseList) list = bd_case_list_new (store);
  g_autoptr(BdCaseItem) item = NULL;
  Changes changes = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  rename_cases_table (store, "ALTER TABLE cases RENAME TO cases_away");

  item = item_at (list, 1);
  g_assert_cmpstr (bd_case_item_get_id (item), ==, "");
  g_assert_cmpstr (bd_case_item_get_title (item), ==, _("New case"));
  g_assert_cmpuint (bd_case_list_get_n_loaded (list), ==, 0);
  g_assert_cmpuint (bd_case_list_find (list, first), ==, G_MAXUINT);

  bd_case_list_refresh (list);
  assert_changes (&changes, 1, 0, 2, 0);

  rename_cases_table (store, "ALTER TABLE cases_away RENAME TO cases");
  bd_case_list_refresh (list);
  assert_changes (&changes, 1, 0, 0, 2);
  g_assert_cmpuint (bd_case_list_find (list, first), ==, 1);
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
  g_test_add_func ("/case-list/find", test_find);
  g_test_add_func ("/case-list/store-error", test_store_error);
  return g_test_run ();
}
