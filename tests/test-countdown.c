/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-countdown"

#include "bd-countdown.h"

#define MS (G_USEC_PER_SEC / 1000)

/* What a countdown said, in order. */
typedef struct
{
  guint n_finished;
  gint64 finished_at;
  GArray *remaining; /* guint, one per notify::remaining */
} Record;

static void
on_finished (BdCountdown *countdown,
             Record      *record)
{
  g_assert_false (bd_countdown_get_running (countdown));
  g_assert_cmpuint (bd_countdown_get_remaining (countdown), ==, 0);
  record->n_finished++;
  record->finished_at = g_get_monotonic_time ();
}

static void
on_remaining (BdCountdown *countdown,
              GParamSpec  *pspec,
              Record      *record)
{
  guint remaining = bd_countdown_get_remaining (countdown);

  g_array_append_val (record->remaining, remaining);
}

static BdCountdown *
new_recorded (guint   seconds,
              Record *record)
{
  BdCountdown *countdown = bd_countdown_new (seconds);

  record->remaining = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (countdown, "finished", G_CALLBACK (on_finished), record);
  g_signal_connect (countdown, "notify::remaining", G_CALLBACK (on_remaining), record);
  return countdown;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the thread-default main loop until @record has @n_finished, or
 * for @ms milliseconds. A timeout wakes the loop at the deadline, so this
 * blocks instead of spinning and never waits longer than asked. */
static void
run_until (Record *record,
           guint   n_finished,
           guint   ms)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new (ms);

  g_source_set_callback (timeout, set_flag, &timed_out, NULL);
  g_source_attach (timeout, context);
  while (!timed_out && (record == NULL || record->n_finished < n_finished))
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
}

static void
record_clear (Record *record)
{
  g_array_unref (record->remaining);
}

static void
assert_remaining_notes (Record *record,
                        guint   n,
                        ...)
{
  va_list args;

  g_assert_cmpuint (record->remaining->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (record->remaining, guint, i), ==, va_arg (args, guint));
  va_end (args);
  g_array_set_size (record->remaining, 0);
}

static void
test_properties (void)
{
  g_autoptr(BdCountdown) countdown = bd_countdown_new (30);
  guint duration;
  guint remaining;
  gboolean running;

  g_object_get (countdown, "duration", &duration, "remaining", &remaining, "running", &running, NULL);
  g_assert_cmpuint (duration, ==, 30);
  g_assert_cmpuint (remaining, ==, 30);
  g_assert_false (running);
  g_assert_cmpuint (bd_countdown_get_duration (countdown), ==, 30);

  bd_countdown_start (countdown);
  g_assert_true (bd_countdown_get_running (countdown));
  g_assert_cmpuint (bd_countdown_get_remaining (countdown), ==, 30);
}

static void
test_finish_and_restart (void)
{
  Record record = { 0 };
  g_autoptr(BdCountdown) countdown = new_recorded (1, &record);
  gint64 start = g_get_monotonic_time ();

  bd_countdown_start (countdown);
  g_assert_true (bd_countdown_get_running (countdown));
  g_assert_cmpuint (bd_countdown_get_remaining (countdown), ==, 1);
  run_until (&record, 1, 1500);
  g_assert_cmpuint (record.n_finished, ==, 1);
  g_assert_cmpint (record.finished_at - start, >=, G_USEC_PER_SEC);
  g_assert_false (bd_countdown_get_running (countdown));
  assert_remaining_notes (&record, 1, 0);

  /* Once only, however long the loop runs on. */
  run_until (NULL, 0, 150);
  g_assert_cmpuint (record.n_finished, ==, 1);

  /* Starting a finished countdown counts the full duration again. */
  start = g_get_monotonic_time ();
  bd_countdown_start (countdown);
  g_assert_cmpuint (bd_countdown_get_remaining (countdown), ==, 1);
  g_assert_true (bd_countdown_get_running (countdown));
  run_until (&record, 2, 1500);
  g_assert_cmpuint (record.n_finished, ==, 2);
  g_assert_cmpint (record.finished_at - start, >=, G_USEC_PER_SEC);
  assert_remaining_notes (&record, 2, 1, 0);
  record_clear (&record);
}

static void
test_pause_and_resume (void)
{
  Record record = { 0 };
  g_autoptr(BdCountdown) countdown = new_recorded (1, &record);
  gint64 start = g_get_monotonic_time ();
  gint64 paused;
  gint64 resumed;

  bd_countdown_start (countdown);
  run_until (&record, 1, 400);
  bd_countdown_pause (countdown);
  paused = g_get_monotonic_time ();
  g_assert_false (bd_countdown_get_running (countdown));
  g_assert_cmpuint (bd_countdown_get_remaining (countdown), ==, 1);

  /* Past the end it would have had: nothing happens while paused. */
  run_until (&record, 1, 800);
  g_assert_cmpuint (record.n_finished, ==, 0);
  g_assert_cmpuint (bd_countdown_get_remaining (countdown), ==, 1);
  g_assert_false (bd_countdown_get_running (countdown));

  /* It resumes with the time it had left, not the full second. */
  resumed = g_get_monotonic_time ();
  bd_countdown_start (countdown);
  g_assert_true (bd_countdown_get_running (countdown));
  run_until (&record, 1, 1500);
  g_assert_cmpuint (record.n_finished, ==, 1);
  g_assert_cmpint (record.finished_at - resumed, >=, G_USEC_PER_SEC - (paused - start));
  g_assert_cmpint (record.finished_at - resumed, <, G_USEC_PER_SEC);
  assert_remaining_notes (&record, 1, 0);
  record_clear (&record);
}

/* Whether @countdown has a source in @context: the test looks behind the
 * API to see that nothing is left to wake the loop. */
static gboolean
is_ticking (GMainContext *context,
            BdCountdown  *countdown)
{
  return g_main_context_find_source_by_user_data (context, countdown) != NULL;
}

static void
test_reset (void)
{
  Record record = { 0 };
  g_autoptr(BdCountdown) countdown = new_recorded (2, &record);
  GMainContext *context = g_main_context_default ();

  bd_countdown_start (countdown);
  g_assert_true (is_ticking (context, countdown));
  run_until (&record, 1, 100);
  bd_countdown_reset (countdown);
  g_assert_false (bd_countdown_get_running (countdown));
  g_assert_cmpuint (bd_countdown_get_remaining (countdown), ==, 2);
  g_assert_false (is_ticking (context, countdown));

  /* From the full duration again. */
  bd_countdown_start (countdown);
  g_assert_cmpuint (bd_countdown_get_remaining (countdown), ==, 2);
  bd_countdown_pause (countdown);
  g_assert_false (is_ticking (context, countdown));
  g_assert_cmpuint (record.n_finished, ==, 0);
  assert_remaining_notes (&record, 0);
  record_clear (&record);
}

/* It ticks in the thread-default context of whoever starts it, and
 * dropping the last reference leaves nothing behind there. */
static void
test_context_and_dispose (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  BdCountdown *countdown;
  gpointer address;
  Record record = { 0 };

  g_main_context_push_thread_default (context);
  countdown = new_recorded (1, &record);
  bd_countdown_start (countdown);
  g_assert_true (is_ticking (context, countdown));
  g_assert_false (is_ticking (g_main_context_default (), countdown));
  address = countdown;
  g_object_add_weak_pointer (G_OBJECT (countdown), (gpointer *) &countdown);
  g_object_unref (countdown);
  g_assert_null (countdown);
  /* Only the address is compared: nothing reads the freed object. */
  g_assert_false (is_ticking (context, address));
  g_main_context_pop_thread_default (context);
  record_clear (&record);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/countdown/properties", test_properties);
  g_test_add_func ("/countdown/finish-and-restart", test_finish_and_restart);
  g_test_add_func ("/countdown/pause-and-resume", test_pause_and_resume);
  g_test_add_func ("/countdown/reset", test_reset);
  g_test_add_func ("/countdown/context-and-dispose", test_context_and_dispose);
  return g_test_run ();
}
