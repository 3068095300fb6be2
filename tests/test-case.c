/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-case"

#include <string.h>

#include "bd-case-json.h"
#include "bd-error.h"

static BdCase *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cases", "example.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BdCase *kase = bd_case_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static void
test_new (void)
{
  g_autoptr(BdCase) a = bd_case_new ("badge-doctor", "2026.11.1");
  g_autoptr(BdCase) b = bd_case_new ("badge-doctor", "2026.11.1");
  g_autofree char *title = NULL;

  g_assert_true (bd_uuid_is_valid (bd_case_get_id (a)));
  g_assert_cmpstr (bd_case_get_id (a), !=, bd_case_get_id (b));
  g_assert_cmpint (bd_case_get_status (a), ==, BD_CASE_STATUS_OPEN);
  g_assert_cmpint (bd_case_get_devices (a), ==, BD_DEVICE_IPHONE);
  title = bd_case_dup_title (a);
  g_assert_cmpstr (title, ==, "New case");

  /* another iPhone is recorded, but per-device steps stay on iPhone, iPad, Mac */
  bd_case_set_other_devices (a, BD_DEVICE_IPHONE | BD_DEVICE_MAC);
  g_assert_cmpint (bd_case_get_devices (a), ==, BD_DEVICE_IPHONE | BD_DEVICE_MAC);

  bd_case_add_symptom (a, "stuck-one", "The badge shows 1.");
  bd_case_add_symptom (a, "stuck-one", "again");
  g_assert_cmpuint (bd_case_get_symptoms (a)->len, ==, 1);
  g_clear_pointer (&title, g_free);
  title = bd_case_dup_title (a);
  g_assert_cmpstr (title, ==, "The badge shows 1.");
  bd_case_set_label (a, "Jane R.");
  g_clear_pointer (&title, g_free);
  title = bd_case_dup_title (a);
  g_assert_cmpstr (title, ==, "Jane R.");
}

static void
test_example (void)
{
  g_autoptr(BdCase) kase = load_example ();
  BdStepRecord *record;

  g_assert_cmpstr (bd_case_get_id (kase), ==, "3f2b8c1e-7d4a-4e8b-9c2d-1a5f6e7b8c9d");
  g_assert_cmpint (bd_case_get_status (kase), ==, BD_CASE_STATUS_RESOLVED);
  g_assert_cmpstr (bd_case_get_label (kase), ==, "Jane R.");
  g_assert_cmpstr (bd_case_get_pack_version (kase), ==, "1.0.0");
  g_assert_cmpint (bd_case_get_other_devices (kase), ==, BD_DEVICE_IPAD | BD_DEVICE_MAC);
  g_assert_cmpint (bd_case_get_apps (kase), ==, BD_APP_MESSAGES | BD_APP_WHATSAPP);
  g_assert_cmpint (bd_case_get_low_power_mode (kase), ==, BD_SWITCH_OFF);
  g_assert_cmpint (bd_case_get_messages_in_icloud (kase), ==, BD_SWITCH_ON);
  g_assert_cmpuint (bd_case_get_steps (kase)->len, ==, 6);
  g_assert_cmpstr (bd_case_get_resolved_by (kase), ==, "toggle-badges");

  record = bd_case_lookup_step (kase, "toggle-badges", "turn-on", BD_DEVICE_MAC);
  g_assert_nonnull (record);
  g_assert_cmpint (record->state, ==, BD_STEP_STATE_NA);
  g_assert_null (bd_case_lookup_step (kase, "toggle-badges", "turn-on", BD_DEVICE_NONE));
}

/* What export writes, import reads back unchanged, to the second. */
static void
test_round_trip (void)
{
  g_autoptr(BdCase) kase = load_example ();
  g_autofree char *first = bd_case_to_json (kase);
  g_autoptr(GBytes) bytes = g_bytes_new (first, strlen (first));
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCase) again = bd_case_new_from_json (bytes, NULL, &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  second = bd_case_to_json (again);
  g_assert_cmpstr (first, ==, second);
  g_assert_true (g_str_has_suffix (first, "}\n"));
}

static void
test_names (void)
{
  BdDevice device;
  BdApp app;
  BdStepState state;

  g_assert_cmpstr (bd_device_to_string (BD_DEVICE_IPAD), ==, "ipad");
  g_assert_true (bd_device_from_string ("mac", &device));
  g_assert_cmpint (device, ==, BD_DEVICE_MAC);
  g_assert_false (bd_device_from_string ("Mac", &device));
  g_assert_true (bd_app_from_string ("gmail", &app));
  g_assert_cmpint (app, ==, BD_APP_GMAIL);
  g_assert_cmpstr (bd_app_to_string (BD_APP_TEAMS), ==, "teams");
  g_assert_true (bd_step_state_from_string ("na", &state));
  g_assert_cmpint (state, ==, BD_STEP_STATE_NA);
  g_assert_cmpstr (bd_outcome_to_string (BD_OUTCOME_NOT_CLEARED), ==, "not-cleared");
}

static void
test_times (void)
{
  gint64 time = 0;
  g_autofree char *text = NULL;

  g_assert_true (bd_time_from_iso8601 ("2026-11-23T10:00:00+01:00", &time));
  text = bd_time_to_iso8601 (time);
  g_assert_cmpstr (text, ==, "2026-11-23T09:00:00Z");
  /* found by fuzzing: an early year must export as four digits to import again */
  g_assert_true (bd_time_from_iso8601 ("0091-11-20T09:22:00Z", &time));
  g_clear_pointer (&text, g_free);
  text = bd_time_to_iso8601 (time);
  g_assert_cmpstr (text, ==, "0091-11-20T09:22:00Z");
  g_assert_false (bd_time_from_iso8601 ("2026-02-30T10:00:00Z", &time));
  g_assert_false (bd_time_from_iso8601 ("2026-11-23T10:00:00", &time));
  g_assert_false (bd_time_from_iso8601 ("2026-11-23T10:00:00Z\n", &time));
}

/* The rules the window and the CLI apply are the ones import applies. */
static void
test_text_rules (void)
{
  g_autofree char *long_label = g_strnfill (BD_CASE_MAX_SHORT_TEXT + 1, 'a');
  g_autoptr(GError) error = NULL;

  g_assert_true (bd_case_check_text ("Zoë Müller", BD_CASE_MAX_SHORT_TEXT, TRUE, NULL));
  g_assert_true (bd_case_check_text ("line one\nline two", BD_CASE_MAX_NOTES, FALSE, NULL));
  g_assert_false (bd_case_check_text ("line one\nline two", BD_CASE_MAX_SHORT_TEXT, TRUE, NULL));
  g_assert_false (bd_case_check_text ("tab\there", BD_CASE_MAX_NOTES, FALSE, NULL));
  g_assert_false (bd_case_check_text (long_label, BD_CASE_MAX_SHORT_TEXT, TRUE, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT);
  g_assert_true (bd_case_check_ios ("", NULL));
  g_assert_true (bd_case_check_ios ("26.5.1", NULL));
  g_assert_false (bd_case_check_ios ("26.5 beta", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case/new", test_new);
  g_test_add_func ("/case/example", test_example);
  g_test_add_func ("/case/round-trip", test_round_trip);
  g_test_add_func ("/case/names", test_names);
  g_test_add_func ("/case/times", test_times);
  g_test_add_func ("/case/text-rules", test_text_rules);
  return g_test_run ();
}
