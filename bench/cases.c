/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-cases"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "bd-case-list.h"
#include "bd-sqlite-store.h"
#include "bench-stats.h"
#include "bench-store.h"

/*
 * How the case store feels with a help desk's worth of cases: build a fresh
 * store of 10,000 varied cases (--cases N for more), then time opening it,
 * creating a case, ticking a step, listing what a window shows and
 * searching as a person types: on the store's own connection, through
 * BdSqliteStore as the window saves, and through BdCaseList as the sidebar
 * shows. Then the whole command `badge-doctor-cli case list --search WORD`
 * on this store against the same command on a store of one case. One run,
 * median and p99; the verdicts are reported, never judged: only an error
 * or a wrong count fails the run.
 */

#define FRAME_MS 16.0
#define N_FULL_SYNC 100   /* the last inserts, timed as shipped */
#define LIST_REPS 200
#define ROWS_SHOWN 50     /* what a window draws of a list */
#define SEARCH_ROUNDS 5
#define OPEN_REPS 50
#define TICKS 200
#define TICK_GUIDE "open-all-threads"
#define SIDEBAR_OPENS 20
#define WAIT_S 60         /* a list or a child this slow is hung, not slow */
#define DEFAULT_CLI_RUNS 15
#define CLI_TARGET 1.5
#define DB_NAME "badge-doctor/cases.db" /* as under $XDG_DATA_HOME */
/* One case that both stores of the CLI comparison hold, found by a word
 * no generated case has, so both commands print the same one line. */
#define MARKER_LABEL "Zebedee Quokka"
#define MARKER_WORD "quokka"

static const char * const fixed_queries[] = {
  /* keystroke by keystroke, as the search entry sees it */
  "j", "ja", "jan", "jane", "jane r", "w", "wh", "wha", "what", "whatsapp",
  /* device details */
  "iphone 12", "iphone 13", "iphone 14", "iphone 15", "iphone 16", "iphone 15 pro", "pro max",
  "mini", "plus", "26.0", "26.1", "26.2", "26.3", "26.4", "26.4.1", "ipad", "mac",
  "teams", "gmail", "messages", "gm", "te",
  /* two words */
  "jane whatsapp", "tom ipad", "priya teams", "iphone 14 gmail", "stuck ipad", "unknown senders",
  "mac teams", "badge update", "zoë mac", "siobhán", "jose", "emile", "oscar",
  /* nothing */
  "zzqx", "xylophone", "iphone 99", "T-99999", "qwv jane",
};

/* --- what search should find, worked out without the store ---------- */

/* Every word of @query begins some word of the case. */
static gboolean
words_match (const char *words,
             char      **query_words)
{
  for (guint i = 0; query_words[i] != NULL; i++)
    {
      g_autofree char *needle = NULL;

      if (*query_words[i] == '\0')
        continue;
      needle = g_strconcat (" ", query_words[i], NULL);
      if (strstr (words, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static guint
expected_count (BenchStore   *b,
                const char   *query,
                BdCaseStatus  status)
{
  g_autofree char *folded = bench_store_fold (query);
  g_auto(GStrv) query_words = g_strsplit (folded, " ", -1);
  guint n = 0;

  for (guint i = 0; i < b->n_cases; i++)
    if ((status == BD_CASE_STATUS_ANY || g_array_index (b->statuses, BdCaseStatus, i) == status)
        && words_match (g_ptr_array_index (b->words, i), query_words))
      n++;
  return n;
}

/* --- timing ---------------------------------------------------------- */

typedef struct
{
  GArray *create_off;  /* microseconds each */
  GArray *create_full;
  GArray *open_rw;
  GArray *open_ro;
  GArray *tick;
  GArray *tick_backend;
  GArray *list_all;
  GArray *list_status;
  GArray *search;
  GArray *sidebar_open;
  GArray *sidebar_search;
  gint64 build_us;
  guint n_queries;
  char *slowest;       /* the query behind the longest search */
  gint64 slowest_us;
  char *slowest_sidebar;
  gint64 slowest_sidebar_us;
} Results;

static void
results_clear (Results *r)
{
  g_clear_pointer (&r->create_off, g_array_unref);
  g_clear_pointer (&r->create_full, g_array_unref);
  g_clear_pointer (&r->open_rw, g_array_unref);
  g_clear_pointer (&r->open_ro, g_array_unref);
  g_clear_pointer (&r->tick, g_array_unref);
  g_clear_pointer (&r->tick_backend, g_array_unref);
  g_clear_pointer (&r->list_all, g_array_unref);
  g_clear_pointer (&r->list_status, g_array_unref);
  g_clear_pointer (&r->search, g_array_unref);
  g_clear_pointer (&r->sidebar_open, g_array_unref);
  g_clear_pointer (&r->sidebar_search, g_array_unref);
  g_clear_pointer (&r->slowest, g_free);
  g_clear_pointer (&r->slowest_sidebar, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Results, results_clear)

static GArray *
new_samples (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static gint64
add_sample (GArray *samples,
            gint64  start)
{
  gint64 elapsed = g_get_monotonic_time () - start;

  g_array_append_val (samples, elapsed);
  return elapsed;
}

static gboolean
wrong_count (GError     **error,
             const char  *what,
             guint        got,
             guint        expected)
{
  g_set_error (error, BD_ERROR, BD_ERROR_FAILED, "%s: %u cases, expected %u", what, got, expected);
  return FALSE;
}

static char *
store_path (BenchStore *b)
{
  return g_build_filename (b->dir, DB_NAME, NULL);
}

/* --- waiting for the main context ------------------------------------ */

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the default main context until @done says so, or WAIT_S passed. */
static gboolean
wait_for (gboolean   (*done) (gpointer),
          gpointer     data,
          const char  *what,
          GError     **error)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_S, set_flag, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_FAILED, "no answer within %d s: %s", WAIT_S, what);
      return FALSE;
    }
  g_source_remove (timeout);
  return TRUE;
}

/* --- create ---------------------------------------------------------- */

static gboolean
check_total (BenchStore  *b,
             guint        expected,
             GError     **error)
{
  guint n;

  if (!bd_case_store_count (b->store, &n, error))
    return FALSE;
  if (n != expected)
    return wrong_count (error, "count", n, expected);
  return TRUE;
}

/* The first inserts skip the fsync so the build takes seconds, not
 * minutes; the last N_FULL_SYNC run as shipped and are the create figure. */
static gboolean
build_store (BenchStore  *b,
             Results     *r,
             GError     **error)
{
  guint n_off = b->n_cases - MIN (N_FULL_SYNC, b->n_cases);
  gint64 start = g_get_monotonic_time ();

  if (!bench_store_set_synchronous (b, "OFF", error))
    return FALSE;
  for (guint i = 0; i < b->n_cases; i++)
    {
      g_autoptr(BdCase) kase = bench_store_new_case (b, i);
      gint64 before;

      if (i == n_off && !bench_store_set_synchronous (b, "FULL", error))
        return FALSE;
      before = g_get_monotonic_time ();
      if (!bd_case_store_insert (b->store, kase, error))
        {
          g_prefix_error (error, "insert case %u: ", i);
          return FALSE;
        }
      add_sample (i < n_off ? r->create_off : r->create_full, before);
    }
  r->build_us = g_get_monotonic_time () - start;
  return check_total (b, b->n_cases, error);
}

/* --- open ------------------------------------------------------------ */

/* A second connection to the store, as the window's worker or the CLI
 * opens it: schema check, WAL set-up, a first read. */
static gboolean
time_opens (BenchStore        *b,
            BdCaseStoreFlags   flags,
            GArray            *samples,
            GError           **error)
{
  g_autofree char *path = store_path (b);

  for (guint i = 0; i < OPEN_REPS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(BdCaseStore) store = bd_case_store_open (path, flags, error);

      if (store == NULL)
        return FALSE;
      add_sample (samples, start);
    }
  return TRUE;
}

/* --- list ------------------------------------------------------------ */

static guint
count_status (BenchStore   *b,
              BdCaseStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < b->statuses->len; i++)
    if (status == BD_CASE_STATUS_ANY || g_array_index (b->statuses, BdCaseStatus, i) == status)
      n++;
  return n;
}

/* One list as a window fills it: every id, then the rows on screen in
 * one read, as BdCaseList asks for them. */
static gboolean
list_once (BenchStore    *b,
           BdCaseStatus   status,
           guint          expected,
           GError       **error)
{
  g_autoptr(GPtrArray) ids = bd_case_store_list (b->store, NULL, status, error);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (ids == NULL)
    return FALSE;
  if (ids->len != expected)
    return wrong_count (error, "list", ids->len, expected);
  shown = g_ptr_array_new_full (ROWS_SHOWN, NULL);
  for (guint i = 0; i < MIN (ROWS_SHOWN, ids->len); i++)
    g_ptr_array_add (shown, g_ptr_array_index (ids, i));
  if ((rows = bd_case_store_get_summaries (b->store, shown, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (g_ptr_array_index (rows, i) == NULL)
      return wrong_count (error, "rows", i, shown->len);
  return TRUE;
}

/* @by_status: cycle through the three status filters instead of all. */
static gboolean
time_lists (BenchStore  *b,
            gboolean     by_status,
            GArray      *samples,
            GError     **error)
{
  for (guint i = 0; i < LIST_REPS; i++)
    {
      BdCaseStatus status = by_status ? (BdCaseStatus) (i % 3) : BD_CASE_STATUS_ANY;
      guint expected = count_status (b, status);
      gint64 start = g_get_monotonic_time ();

      if (!list_once (b, status, expected, error))
        return FALSE;
      add_sample (samples, start);
    }
  return TRUE;
}

/* --- search ---------------------------------------------------------- */

#define PICK(r, list) ((list)[g_rand_int_range ((r), 0, G_N_ELEMENTS (list))])

static void
add_query (GPtrArray  *queries,
           const char *query)
{
  if (!g_ptr_array_find_with_equal_func (queries, query, g_str_equal, NULL))
    g_ptr_array_add (queries, g_strdup (query));
}

/* Each name's first three letters, and some labels in full. */
static void
add_name_queries (BenchStore *b,
                  GPtrArray  *queries)
{
  for (guint i = 0; i < G_N_ELEMENTS (bench_store_first_names); i++)
    {
      g_autofree char *start = g_utf8_substring (bench_store_first_names[i], 0, 3);
      g_autofree char *lower = g_utf8_strdown (start, -1);
      add_query (queries, lower);
    }
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s %c.", PICK (b->rand, bench_store_first_names),
                                                'A' + g_rand_int_range (b->rand, 0, 26));
      add_query (queries, label);
    }
}

/* Ticket beginnings such as T-104, and whole tickets (a few never given). */
static void
add_ticket_queries (BenchStore *b,
                    GPtrArray  *queries)
{
  for (guint i = 0; i < 20; i++)
    {
      guint ticket = BENCH_STORE_FIRST_TICKET + g_rand_int_range (b->rand, 0, b->n_cases);
      g_autofree char *start = g_strdup_printf ("T-%u", ticket / 100);
      g_autofree char *whole = g_strdup_printf ("T-%u", ticket);

      add_query (queries, start);
      add_query (queries, whole);
    }
}

/* The longer words of @text, as a person would type them. */
static void
add_word_queries (GPtrArray  *queries,
                  const char *text,
                  guint       min_length)
{
  g_autofree char *folded = bench_store_fold (text);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) >= min_length)
      add_query (queries, words[i]);
}

static void
add_pair_queries (BenchStore *b,
                  GPtrArray  *queries)
{
  const char * const apps[] = { "whatsapp", "teams", "gmail", "messages", "ipad", "mac" };

  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *start = g_utf8_substring (PICK (b->rand, bench_store_first_names), 0, 4);
      g_autofree char *pair = g_strdup_printf ("%s %s", start, PICK (b->rand, apps));
      add_query (queries, pair);
    }
}

static GPtrArray *
make_queries (BenchStore *b)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  GListModel *symptoms = bd_pack_get_symptoms (b->pack);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_queries); i++)
    add_query (queries, fixed_queries[i]);
  add_name_queries (b, queries);
  add_ticket_queries (b, queries);
  for (guint i = 0; i < g_list_model_get_n_items (symptoms); i++)
    {
      g_autoptr(BdSymptom) symptom = g_list_model_get_item (symptoms, i);
      add_word_queries (queries, bd_text_get (bd_symptom_get_text (symptom)), 5);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bench_store_sentences); i++)
    add_word_queries (queries, bench_store_sentences[i], 6);
  add_pair_queries (b, queries);
  return queries;
}

/* A quarter of the searches run with the Open filter on, as a desk
 * working through its queue would. */
static BdCaseStatus
query_status (guint i)
{
  return i % 4 == 3 ? BD_CASE_STATUS_OPEN : BD_CASE_STATUS_ANY;
}

static void
note_slowest (char       **slowest,
              gint64      *slowest_us,
              gint64       elapsed,
              const char  *query,
              BdCaseStatus status)
{
  if (elapsed <= *slowest_us)
    return;
  *slowest_us = elapsed;
  g_free (*slowest);
  *slowest = g_strdup_printf ("\"%s\"%s", query,
                              status == BD_CASE_STATUS_ANY ? "" : " with the Open filter");
}

static gboolean
time_searches (BenchStore  *b,
               GPtrArray   *queries,
               Results     *r,
               GError     **error)
{
  r->n_queries = queries->len;
  for (guint round = 0; round < SEARCH_ROUNDS; round++)
    for (guint i = 0; i < queries->len; i++)
      {
        const char *query = g_ptr_array_index (queries, i);
        g_autoptr(GPtrArray) ids = NULL;
        gint64 start = g_get_monotonic_time ();
        gint64 elapsed;

        ids = bd_case_store_list (b->store, query, query_status (i), error);
        elapsed = add_sample (r->search, start);
        if (ids == NULL)
          {
            g_prefix_error (error, "search \"%s\": ", query);
            return FALSE;
          }
        note_slowest (&r->slowest, &r->slowest_us, elapsed, query, query_status (i));
      }
  return TRUE;
}

static gboolean
check_count (BenchStore    *b,
             const char    *query,
             BdCaseStatus   status,
             guint          expected,
             GError       **error)
{
  g_autoptr(GPtrArray) ids = bd_case_store_list (b->store, query, status, error);
  g_autofree char *what = g_strdup_printf ("search \"%s\"", query);

  if (ids == NULL)
    return FALSE;
  if (ids->len != expected)
    return wrong_count (error, what, ids->len, expected);
  return TRUE;
}

/* A ticket finds its one case, nonsense finds none, and the rest find
 * what a plain scan of the generated cases says they should. */
static gboolean
check_searches (BenchStore  *b,
                GError     **error)
{
  const char * const queries[] = {
    "whatsapp", "jan", "zoë", "zoe", "iphone 14", "T-104", "stuck ipad", "26.4", "emile", "émile",
    "björn", "siobhán", "tomás", MARKER_WORD,
  };
  g_autofree char *ticket = g_strdup_printf ("T-%u", b->ticket);

  if ((b->ticket != 0 && !check_count (b, ticket, BD_CASE_STATUS_ANY, 1, error))
      || !check_count (b, "zzqx", BD_CASE_STATUS_ANY, 0, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    if (!check_count (b, queries[i], BD_CASE_STATUS_ANY,
                      expected_count (b, queries[i], BD_CASE_STATUS_ANY), error))
      return FALSE;
  return check_count (b, "teams", BD_CASE_STATUS_OPEN,
                      expected_count (b, "teams", BD_CASE_STATUS_OPEN), error);
}

/* --- tick ------------------------------------------------------------ */

typedef struct
{
  const char *guide_id;
  const char *step_id;
  const char *text;
  BdDevice device;
  BdStepState state;
} Tick;

/* The @i-th tick: the guide's steps in turn, done then taken back. */
static gboolean
make_tick (BenchStore  *b,
           guint        i,
           Tick        *tick,
           GError     **error)
{
  BdGuide *guide = bd_pack_lookup_guide (b->pack, TICK_GUIDE);
  BdStep *step;

  if (guide == NULL || bd_guide_get_n_steps (guide) == 0)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "the bundled pack has no guide %s", TICK_GUIDE);
      return FALSE;
    }
  step = bd_guide_get_step (guide, i % bd_guide_get_n_steps (guide));
  tick->guide_id = TICK_GUIDE;
  tick->step_id = bd_step_get_id (step);
  tick->text = bd_text_get (bd_step_get_text (step));
  tick->device = bd_step_get_per_device (step) ? BD_DEVICE_IPHONE : BD_DEVICE_NONE;
  tick->state = (i / bd_guide_get_n_steps (guide)) % 2 ? BD_STEP_STATE_PENDING : BD_STEP_STATE_DONE;
  return TRUE;
}

/* Ticks on cases picked at random, committed with an fsync each as
 * shipped: on the store's connection, then through BdSqliteStore as the
 * window saves one (hand-over, commit on the worker, the case read back
 * as committed, the answer on this thread). */
static gboolean
time_ticks (BenchStore  *b,
            Results     *r,
            GError     **error)
{
  g_autoptr(GPtrArray) ids = bd_case_store_list (b->store, NULL, BD_CASE_STATUS_ANY, error);
  g_autofree char *path = store_path (b);
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autoptr(BdCaseReply) opened = NULL;

  if (ids == NULL || !bench_store_set_synchronous (b, "FULL", error))
    return FALSE;
  for (guint i = 0; i < TICKS; i++)
    {
      const char *id = g_ptr_array_index (ids, g_rand_int_range (b->rand, 0, ids->len));
      gint64 start;
      Tick t;

      if (!make_tick (b, i, &t, error))
        return FALSE;
      start = g_get_monotonic_time ();
      if (!bd_case_store_set_step (b->store, id, t.guide_id, t.step_id, t.text, t.device, t.state, error))
        return FALSE;
      add_sample (r->tick, start);
    }

  backend = BD_CASE_BACKEND (bd_sqlite_store_new (path, BD_CASE_STORE_READ_WRITE));
  if ((opened = bd_case_backend_run (backend, bd_case_request_new (BD_CASE_OP_OPEN, NULL), error)) == NULL)
    return FALSE;
  for (guint i = 0; i < TICKS; i++)
    {
      BdCaseRequest *request = bd_case_request_new (BD_CASE_OP_SET_STEP,
                                                    g_ptr_array_index (ids, g_rand_int_range (b->rand, 0, ids->len)));
      g_autoptr(BdCaseReply) reply = NULL;
      gint64 start;
      Tick t;

      if (!make_tick (b, i, &t, error))
        return bd_case_request_free (request), FALSE;
      request->guide_id = g_strdup (t.guide_id);
      request->step_id = g_strdup (t.step_id);
      request->text = g_strdup (t.text);
      request->device = t.device;
      request->state = t.state;
      request->load_after = TRUE;
      start = g_get_monotonic_time ();
      if ((reply = bd_case_backend_run (backend, request, error)) == NULL)
        return FALSE;
      add_sample (r->tick_backend, start);
      if (reply->kase == NULL)
        return wrong_count (error, "tick: the case as committed", 0, 1);
    }
  return check_total (b, b->n_cases, error);
}

/* --- the sidebar: BdCaseList on BdSqliteStore ------------------------ */

typedef struct
{
  GHashTable *pending; /* positions whose row is on its way */
} Rows;

static void
on_row (GListModel *model,
        guint       position,
        guint       removed,
        guint       added,
        Rows       *rows)
{
  if (removed == 1 && added == 1)
    g_hash_table_remove (rows->pending, GUINT_TO_POINTER (position));
}

static gboolean
rows_arrived (gpointer data)
{
  return g_hash_table_size (((Rows *) data)->pending) == 0;
}

static gboolean
list_is_current (gpointer data)
{
  return !bd_case_list_is_loading (data);
}

/* Waits as the sidebar would: for the list to answer, then for the rows
 * on screen (placeholders until then) to arrive. */
static gboolean
show_first_rows (BdCaseList  *list,
                 GError     **error)
{
  Rows rows = { 0 };
  gulong handler;
  gboolean ok;
  guint n;

  if (!wait_for (list_is_current, list, "the case list", error))
    return FALSE;
  rows.pending = g_hash_table_new (NULL, NULL);
  handler = g_signal_connect (list, "items-changed", G_CALLBACK (on_row), &rows);
  n = MIN (ROWS_SHOWN, g_list_model_get_n_items (G_LIST_MODEL (list)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BdCaseItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (!bd_case_item_is_loaded (item))
        g_hash_table_add (rows.pending, GUINT_TO_POINTER (i));
    }
  ok = wait_for (rows_arrived, &rows, "the case list's rows", error);
  g_signal_handler_disconnect (list, handler);
  g_hash_table_unref (rows.pending);
  return ok;
}

/* From making the store and the list, as a window does, to the first
 * screen of rows. */
static gboolean
time_sidebar_opens (BenchStore  *b,
                    GArray      *samples,
                    GError     **error)
{
  g_autofree char *path = store_path (b);

  for (guint i = 0; i < SIDEBAR_OPENS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(BdSqliteStore) store = bd_sqlite_store_new (path, BD_CASE_STORE_READ_WRITE);
      g_autoptr(BdCaseList) list = bd_case_list_new (BD_CASE_BACKEND (store));

      if (!show_first_rows (list, error))
        return FALSE;
      add_sample (samples, start);
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) != b->n_cases)
        return wrong_count (error, "sidebar", g_list_model_get_n_items (G_LIST_MODEL (list)), b->n_cases);
    }
  return TRUE;
}

/* From typing a search to its first screen of rows, each query once. */
static gboolean
time_sidebar_searches (BenchStore  *b,
                       GPtrArray   *queries,
                       Results     *r,
                       GError     **error)
{
  g_autofree char *path = store_path (b);
  g_autoptr(BdSqliteStore) store = bd_sqlite_store_new (path, BD_CASE_STORE_READ_WRITE);
  g_autoptr(BdCaseList) list = bd_case_list_new (BD_CASE_BACKEND (store));

  if (!wait_for (list_is_current, list, "the case list", error))
    return FALSE;
  for (guint i = 0; i < queries->len; i++)
    {
      const char *query = g_ptr_array_index (queries, i);
      g_autoptr(GPtrArray) ids = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed;

      bd_case_list_set_search (list, query);
      if (!show_first_rows (list, error))
        return FALSE;
      elapsed = add_sample (r->sidebar_search, start);
      note_slowest (&r->slowest_sidebar, &r->slowest_sidebar_us, elapsed, query, BD_CASE_STATUS_ANY);
      if ((ids = bd_case_store_list (b->store, query, BD_CASE_STATUS_ANY, error)) == NULL)
        return FALSE;
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) != ids->len)
        {
          g_autofree char *what = g_strdup_printf ("sidebar search \"%s\"", query);
          return wrong_count (error, what, g_list_model_get_n_items (G_LIST_MODEL (list)), ids->len);
        }
    }
  return TRUE;
}

/* --- the CLI, whole process ------------------------------------------ */

typedef struct
{
  char *path;          /* badge-doctor-cli */
  char *schema_dir;
  guint runs;
  char *marker_id;
  struct
  {
    const char *name;
    char *data_home;   /* XDG_DATA_HOME: the store is DB_NAME in it */
    GSubprocessLauncher *launcher;
    GArray *samples;   /* microseconds from spawn to exit */
    guint n_cases;
  } stores[2];         /* BIG: the benchmark's store; SMALL: one case */
} Cli;

enum { BIG, SMALL };

static void
cli_clear (Cli *cli)
{
  g_clear_pointer (&cli->path, g_free);
  g_clear_pointer (&cli->schema_dir, g_free);
  g_clear_pointer (&cli->marker_id, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (cli->stores); i++)
    {
      g_clear_pointer (&cli->stores[i].data_home, g_free);
      g_clear_object (&cli->stores[i].launcher);
      g_clear_pointer (&cli->stores[i].samples, g_array_unref);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

static BdCase *
marker_case (BenchStore *b)
{
  BdCase *kase = bd_case_new (bd_pack_get_id (b->pack), bd_pack_get_version (b->pack));
  gint64 now = g_get_real_time ();

  bd_case_set_label (kase, MARKER_LABEL);
  bd_case_set_ticket (kase, "T-1");
  bd_case_add_symptom (kase, "badge-one-all-read", "The badge shows 1 but every chat is read.");
  bd_case_set_times (kase, now, now);
  return kase;
}

static GSubprocessLauncher *
new_cli_launcher (Cli        *cli,
                  const char *data_home)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                            | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", cli->schema_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  return launcher;
}

/* The marker case goes into the benchmark's store and into a store of
 * its own; both are closed (checkpointed) as after a normal exit. */
static gboolean
prepare_cli (BenchStore  *b,
             Cli         *cli,
             GError     **error)
{
  g_autoptr(BdCase) marker = marker_case (b);
  g_autofree char *small_home = g_build_filename (b->dir, "one-case", NULL);
  g_autofree char *small_path = g_build_filename (small_home, DB_NAME, NULL);
  g_autoptr(BdCaseStore) small = NULL;

  if (!bd_case_store_insert (b->store, marker, error) || !check_total (b, b->n_cases + 1, error))
    return FALSE;
  bench_store_close (b);
  if ((small = bd_case_store_new (small_path, error)) == NULL || !bd_case_store_insert (small, marker, error))
    return FALSE;
  g_clear_object (&small);

  cli->marker_id = g_strdup (bd_case_get_id (marker));
  cli->stores[BIG].name = "help desk";
  cli->stores[BIG].data_home = g_strdup (b->dir);
  cli->stores[BIG].n_cases = b->n_cases + 1;
  cli->stores[SMALL].name = "one case";
  cli->stores[SMALL].data_home = g_steal_pointer (&small_home);
  cli->stores[SMALL].n_cases = 1;
  for (guint i = 0; i < G_N_ELEMENTS (cli->stores); i++)
    {
      cli->stores[i].launcher = new_cli_launcher (cli, cli->stores[i].data_home);
      cli->stores[i].samples = new_samples ();
    }
  return TRUE;
}

typedef struct
{
  GSubprocess *child;
  GAsyncResult *result;
  gboolean timed_out;
} Run;

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ((Run *) user_data)->result = g_object_ref (result);
}

static gboolean
time_out (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_subprocess_force_exit (run->child);
  return G_SOURCE_REMOVE;
}

static gboolean
has_result (gpointer data)
{
  return ((Run *) data)->result != NULL;
}

/* One `case list --search MARKER_WORD`, spawn to exit; @samples NULL for
 * a warm-up run. It must print exactly the marker case's line. */
static gboolean
run_cli_once (Cli      *cli,
              guint     which,
              GArray   *samples,
              GError  **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strconcat (cli->marker_id, "\t", NULL);
  Run run = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  guint timeout;
  gboolean ok;

  run.child = g_subprocess_launcher_spawn (cli->stores[which].launcher, error, cli->path,
                                           "case", "list", "--search", MARKER_WORD, NULL);
  if (run.child == NULL)
    return FALSE;
  timeout = g_timeout_add_seconds (WAIT_S, time_out, &run);
  g_subprocess_communicate_utf8_async (run.child, NULL, NULL, communicated, &run);
  /* cannot time out: the child is killed after WAIT_S */
  while (!has_result (&run))
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;
  if (!run.timed_out)
    g_source_remove (timeout);
  ok = g_subprocess_communicate_utf8_finish (run.child, run.result, &out, &err, error);
  g_clear_object (&run.result);
  if (ok && (run.timed_out || !g_subprocess_get_successful (run.child)))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_FAILED, "%s case list on the %s store %s:\n%s",
                   cli->path, cli->stores[which].name,
                   run.timed_out ? "did not finish in time" : "failed", err ? err : "");
      ok = FALSE;
    }
  else if (ok && (!g_str_has_prefix (out, expected) || strchr (out, '\n') != out + strlen (out) - 1))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_FAILED,
                   "%s case list --search %s on the %s store printed, instead of one line for %s:\n%s",
                   cli->path, MARKER_WORD, cli->stores[which].name, cli->marker_id, out);
      ok = FALSE;
    }
  g_object_unref (run.child);
  if (ok && samples != NULL)
    g_array_append_val (samples, elapsed);
  return ok;
}

/* One warm-up run on each store, not counted, then rounds that
 * alternate which goes first, so the machine's drift falls on both. */
static gboolean
time_cli (Cli     *cli,
          GError **error)
{
  if (!run_cli_once (cli, BIG, NULL, error) || !run_cli_once (cli, SMALL, NULL, error))
    return FALSE;
  for (guint round = 0; round < cli->runs; round++)
    for (guint k = 0; k < 2; k++)
      {
        guint which = (round + k) % 2;

        if (!run_cli_once (cli, which, cli->stores[which].samples, error))
          return FALSE;
      }
  return TRUE;
}

/* --- report ---------------------------------------------------------- */

static void
print_row (const char *name,
           GArray     *samples)
{
  g_print ("%-34s %6u %10.3f %10.3f\n", name, samples->len,
           bench_percentile_ms (samples, 500), bench_percentile_ms (samples, 990));
}

static void
print_report (BenchStore *b,
              Results    *r)
{
  double p99 = bench_percentile_ms (r->search, 990);
  double sidebar_p99 = bench_percentile_ms (r->sidebar_search, 990);

  g_print ("case store benchmark: %u cases, built in %.1f s\n", b->n_cases,
           r->build_us / (double) G_USEC_PER_SEC);
  g_print ("the first %u inserts ran with synchronous=OFF to keep the build short; the last %u\n"
           "ran with synchronous=FULL as shipped (one fsync each) and are the create figure\n\n",
           r->create_off->len, r->create_full->len);
  g_print ("%-34s %6s %10s %10s\n", "operation", "n", "median ms", "p99 ms");
  print_row ("open (read-write connection)", r->open_rw);
  print_row ("open (read-only, as the CLI)", r->open_ro);
  print_row ("create (synchronous=FULL)", r->create_full);
  print_row ("create (synchronous=OFF)", r->create_off);
  print_row ("tick (synchronous=FULL)", r->tick);
  print_row ("tick through BdSqliteStore", r->tick_backend);
  print_row ("list all + 50 rows", r->list_all);
  print_row ("list by status + 50 rows", r->list_status);
  print_row ("search", r->search);
  print_row ("sidebar: open to 50 rows", r->sidebar_open);
  print_row ("sidebar: search to 50 rows", r->sidebar_search);
  g_print ("(search: %u queries, %u rounds, a quarter with the Open filter;\n"
           " slowest %s, %.3f ms)\n",
           r->n_queries, SEARCH_ROUNDS, r->slowest, r->slowest_us / 1000.0);
  g_print ("(sidebar search: each query once, no filter; slowest %s, %.3f ms)\n\n",
           r->slowest_sidebar, r->slowest_sidebar_us / 1000.0);
  g_print ("search p99 %.2f ms = %.3f of a %.0f ms frame: %s\n", p99, p99 / FRAME_MS, FRAME_MS,
           p99 <= FRAME_MS ? "inside one frame" : "over one frame");
  g_print ("sidebar search to its rows p99 %.2f ms = %.3f of a %.0f ms frame: %s\n", sidebar_p99,
           sidebar_p99 / FRAME_MS, FRAME_MS, sidebar_p99 <= FRAME_MS ? "inside one frame" : "over one frame");
}

static void
print_cli_report (Cli *cli)
{
  double medians[2];

  g_print ("\nwhole process: %s case list --search %s (finds 1 case), spawn to exit;\n"
           "one warm-up run on each store, then %u alternating rounds\n\n",
           cli->path, MARKER_WORD, cli->runs);
  g_print ("%-34s %6s %10s %10s %10s\n", "store", "runs", "median ms", "min ms", "max ms");
  for (guint i = 0; i < G_N_ELEMENTS (cli->stores); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s, %u case%s", cli->stores[i].name,
                                               cli->stores[i].n_cases, cli->stores[i].n_cases == 1 ? "" : "s");

      medians[i] = bench_percentile_ms (cli->stores[i].samples, 500);
      g_print ("%-34s %6u %10.2f %10.2f %10.2f\n", name, cli->stores[i].samples->len, medians[i],
               bench_percentile_ms (cli->stores[i].samples, 0),
               bench_percentile_ms (cli->stores[i].samples, 1000));
    }
  g_print ("\ncli ratio (%u cases / 1 case, medians): %.2f — target %.2f: %s\n",
           cli->stores[BIG].n_cases, medians[BIG] / medians[SMALL], CLI_TARGET,
           medians[BIG] / medians[SMALL] <= CLI_TARGET ? "met" : "not met");
}

/* --- main ------------------------------------------------------------ */

static gboolean
parse_args (int      *argc,
            char   ***argv,
            guint    *n_cases,
            Cli      *cli,
            GError  **error)
{
  int n = 10000, runs = DEFAULT_CLI_RUNS;
  g_autofree char *path = NULL, *schema_dir = NULL;
  GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT, &n, "How many cases to build (default 10000)", "N" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "badge-doctor-cli to time (default $BD_CLI, else the build tree's)", "PATH" },
    { "schema-dir", 0, 0, G_OPTION_ARG_FILENAME, &schema_dir,
      "GSETTINGS_SCHEMA_DIR for the CLI (default the build tree's)", "DIR" },
    { "cli-runs", 0, 0, G_OPTION_ARG_INT, &runs,
      "How many runs of the CLI on each store (default 15; 0 for none)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the case store");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (n < 1 || n > 1000000)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--cases must be between 1 and 1000000");
      return FALSE;
    }
  if (runs < 0 || runs > 1000)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--cli-runs must be between 0 and 1000");
      return FALSE;
    }
  *n_cases = n;
  cli->runs = runs;
  if (path == NULL && g_getenv ("BD_CLI") != NULL && *g_getenv ("BD_CLI") != '\0')
    path = g_strdup (g_getenv ("BD_CLI"));
  cli->path = path != NULL ? g_steal_pointer (&path) : g_strdup (BENCH_CLI);
  cli->schema_dir = schema_dir != NULL ? g_steal_pointer (&schema_dir) : g_strdup (BENCH_SCHEMA_DIR);
  return TRUE;
}

static gboolean
run (BenchStore  *b,
     Cli         *cli,
     GError     **error)
{
  g_auto(Results) r = { 0 };
  g_autoptr(GPtrArray) queries = NULL;

  r.create_off = new_samples ();
  r.create_full = new_samples ();
  r.open_rw = new_samples ();
  r.open_ro = new_samples ();
  r.tick = new_samples ();
  r.tick_backend = new_samples ();
  r.list_all = new_samples ();
  r.list_status = new_samples ();
  r.search = new_samples ();
  r.sidebar_open = new_samples ();
  r.sidebar_search = new_samples ();
  /* before minutes of building, not after */
  if (cli->runs > 0 && !g_file_test (cli->path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND,
                   "%s is missing: build everything first with ninja, or give --cli", cli->path);
      return FALSE;
    }
  if (!build_store (b, &r, error))
    return FALSE;
  queries = make_queries (b);
  if (!time_opens (b, BD_CASE_STORE_READ_WRITE, r.open_rw, error)
      || !time_opens (b, BD_CASE_STORE_READ_ONLY, r.open_ro, error)
      || !time_lists (b, FALSE, r.list_all, error)
      || !time_lists (b, TRUE, r.list_status, error)
      || !time_searches (b, queries, &r, error)
      || !check_searches (b, error)
      || !time_ticks (b, &r, error)
      || !time_sidebar_opens (b, r.sidebar_open, error)
      || !time_sidebar_searches (b, queries, &r, error))
    return FALSE;
  print_report (b, &r);
  if (cli->runs == 0)
    return TRUE;
  if (!prepare_cli (b, cli, error) || !time_cli (cli, error))
    return FALSE;
  print_cli_report (cli);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_auto(BenchStore) b = { 0 };
  g_auto(Cli) cli = { 0 };
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (!parse_args (&argc, &argv, &b.n_cases, &cli, &error))
    {
      g_printerr ("bench-cases: %s\n", error->message);
      return 2;
    }
  if (!bench_store_setup (&b, "bench-cases-XXXXXX", DB_NAME, &error) || !run (&b, &cli, &error))
    {
      g_printerr ("bench-cases: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
