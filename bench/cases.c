/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-cases"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "bench-stats.h"
#include "bench-store.h"

/*
 * How the case store feels with a help desk's worth of cases: build a fresh
 * store of 10,000 varied cases, then time creating a case, listing what a
 * window shows and searching as a person types. One run, median and p99,
 * and a verdict on whether search fits in one 16 ms frame. Timings are
 * reported, never judged: only an error or a wrong count fails the run.
 */

#define FRAME_MS 16.0
#define N_FULL_SYNC 100  /* the last inserts, timed as shipped */
#define LIST_REPS 200
#define ROWS_SHOWN 50    /* what a window draws of a list */
#define SEARCH_ROUNDS 5

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
  GArray *list_all;
  GArray *list_status;
  GArray *search;
  gint64 build_us;
  guint n_queries;
  char *slowest;       /* the query behind the longest search */
  gint64 slowest_us;
} Results;

static void
results_clear (Results *r)
{
  g_clear_pointer (&r->create_off, g_array_unref);
  g_clear_pointer (&r->create_full, g_array_unref);
  g_clear_pointer (&r->list_all, g_array_unref);
  g_clear_pointer (&r->list_status, g_array_unref);
  g_clear_pointer (&r->search, g_array_unref);
  g_clear_pointer (&r->slowest, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Results, results_clear)

static GArray *
new_samples (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
add_sample (GArray *samples,
            gint64  start)
{
  gint64 elapsed = g_get_monotonic_time () - start;

  g_array_append_val (samples, elapsed);
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

/* --- create ---------------------------------------------------------- */

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
  if (bd_case_store_count (b->store) != b->n_cases)
    return wrong_count (error, "count", bd_case_store_count (b->store), b->n_cases);
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

/* One list as a window fills it: every id, then the rows on screen. */
static gboolean
list_once (BenchStore    *b,
           BdCaseStatus   status,
           guint          expected,
           GError       **error)
{
  g_autoptr(GArray) rowids = bd_case_store_list (b->store, NULL, status, error);

  if (rowids == NULL)
    return FALSE;
  if (rowids->len != expected)
    return wrong_count (error, "list", rowids->len, expected);
  for (guint i = 0; i < MIN (ROWS_SHOWN, rowids->len); i++)
    {
      g_autoptr(BdCaseSummary) summary = NULL;

      summary = bd_case_store_get_summary (b->store, g_array_index (rowids, gint64, i), error);
      if (summary == NULL)
        return FALSE;
    }
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
note_slowest (Results      *r,
              const char   *query,
              BdCaseStatus  status)
{
  gint64 elapsed = g_array_index (r->search, gint64, r->search->len - 1);

  if (elapsed <= r->slowest_us)
    return;
  r->slowest_us = elapsed;
  g_free (r->slowest);
  r->slowest = g_strdup_printf ("\"%s\"%s", query,
                                status == BD_CASE_STATUS_ANY ? "" : " with the Open filter");
}

static gboolean
time_searches (BenchStore  *b,
               Results     *r,
               GError     **error)
{
  g_autoptr(GPtrArray) queries = make_queries (b);

  r->n_queries = queries->len;
  for (guint round = 0; round < SEARCH_ROUNDS; round++)
    for (guint i = 0; i < queries->len; i++)
      {
        g_autoptr(GArray) rowids = NULL;
        gint64 start = g_get_monotonic_time ();

        rowids = bd_case_store_list (b->store, g_ptr_array_index (queries, i), query_status (i),
                                     error);
        add_sample (r->search, start);
        if (rowids == NULL)
          {
            g_prefix_error (error, "search \"%s\": ", (char *) g_ptr_array_index (queries, i));
            return FALSE;
          }
        note_slowest (r, g_ptr_array_index (queries, i), query_status (i));
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
  g_autoptr(GArray) rowids = bd_case_store_list (b->store, query, status, error);
  g_autofree char *what = g_strdup_printf ("search \"%s\"", query);

  if (rowids == NULL)
    return FALSE;
  if (rowids->len != expected)
    return wrong_count (error, what, rowids->len, expected);
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
    "björn", "siobhán", "tomás"
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

/* --- report ---------------------------------------------------------- */

static void
print_row (const char *name,
           GArray     *samples)
{
  g_print ("%-30s %6u %10.3f %10.3f\n", name, samples->len,
           bench_percentile_ms (samples, 500), bench_percentile_ms (samples, 990));
}

static void
print_report (BenchStore *b,
              Results    *r)
{
  double p99 = bench_percentile_ms (r->search, 990);

  g_print ("case store benchmark: %u cases, built in %.1f s\n", b->n_cases,
           r->build_us / (double) G_USEC_PER_SEC);
  g_print ("the first %u inserts ran with synchronous=OFF to keep the build short; the last %u\n"
           "ran with synchronous=FULL as shipped (one fsync each) and are the create figure\n\n",
           r->create_off->len, r->create_full->len);
  g_print ("%-30s %6s %10s %10s\n", "operation", "n", "median ms", "p99 ms");
  print_row ("create (synchronous=FULL)", r->create_full);
  print_row ("create (synchronous=OFF)", r->create_off);
  print_row ("list all + 50 rows", r->list_all);
  print_row ("list by status + 50 rows", r->list_status);
  print_row ("search", r->search);
  g_print ("(search: %u queries, %u rounds, a quarter with the Open filter;\n"
           " slowest %s, %.3f ms)\n\n",
           r->n_queries, SEARCH_ROUNDS, r->slowest, r->slowest_us / 1000.0);
  g_print ("search p99 %.2f ms = %.3f of a %.0f ms frame: %s\n", p99, p99 / FRAME_MS, FRAME_MS,
           p99 <= FRAME_MS ? "inside one frame" : "over one frame");
}

/* --- main ------------------------------------------------------------ */

static gboolean
parse_args (int      *argc,
            char   ***argv,
            guint    *n_cases,
            GError  **error)
{
  int n = 10000;
  GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT, &n, "How many cases to build (default 10000)", "N" },
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
  *n_cases = n;
  return TRUE;
}

static gboolean
run (BenchStore  *b,
     GError     **error)
{
  g_auto(Results) r = { 0 };

  r.create_off = new_samples ();
  r.create_full = new_samples ();
  r.list_all = new_samples ();
  r.list_status = new_samples ();
  r.search = new_samples ();
  if (!build_store (b, &r, error)
      || !time_lists (b, FALSE, r.list_all, error)
      || !time_lists (b, TRUE, r.list_status, error)
      || !time_searches (b, &r, error)
      || !check_searches (b, error))
    return FALSE;
  print_report (b, &r);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_auto(BenchStore) b = { 0 };
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (!parse_args (&argc, &argv, &b.n_cases, &error))
    {
      g_printerr ("bench-cases: %s\n", error->message);
      return 2;
    }
  if (!bench_store_setup (&b, "bench-cases-XXXXXX", "cases.db", &error) || !run (&b, &error))
    {
      g_printerr ("bench-cases: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
