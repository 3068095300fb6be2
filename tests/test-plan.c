/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-plan"

#include "bd-plan.h"

/* tests/data/packs/minimal.json: symptom "stuck-one" plans
 * toggle-badges (4 steps, "turn-on" per device) then reset-settings (1). */

static BdPack *
minimal_pack (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "packs", "minimal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BdPack *pack = bd_pack_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return pack;
}

static BdCase *
new_case (BdDevice other_devices)
{
  BdCase *kase = bd_case_new ("test-pack", "1.0.0");

  bd_case_add_symptom (kase, "stuck-one", "The badge shows 1.");
  bd_case_set_other_devices (kase, other_devices);
  return kase;
}

static void
tick (BdCase      *kase,
      const char  *guide,
      const char  *step,
      BdDevice     device,
      BdStepState  state)
{
  bd_case_add_step (kase, guide, step, "text as shown", device, state, g_get_real_time ());
}

static void
assert_next (BdPlan     *plan,
             const char *step_id,
             BdDevice    device)
{
  BdStep *step = NULL;
  BdDevice on = BD_DEVICE_NONE;

  g_assert_true (bd_plan_get_next_step (plan, &step, &on));
  g_assert_cmpstr (bd_step_get_id (step), ==, step_id);
  g_assert_cmpint (on, ==, device);
}

static void
test_empty (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = bd_case_new ("test-pack", "1.0.0");
  g_autoptr(BdPlan) plan = bd_plan_new (pack, kase);
  BdStep *step;
  BdDevice device;

  g_assert_cmpuint (bd_plan_get_n_guides (plan), ==, 0);
  g_assert_cmpint (bd_plan_get_current (plan), ==, -1);
  g_assert_false (bd_plan_get_next_step (plan, &step, &device));
  g_assert_cmpfloat (bd_plan_get_progress (plan, NULL, NULL), ==, 0.0);
}

/* A per-device step counts once per device of the case. */
static void
test_units_per_device (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) alone = new_case (BD_DEVICE_NONE);
  g_autoptr(BdCase) three = new_case (BD_DEVICE_IPAD | BD_DEVICE_MAC | BD_DEVICE_IPHONE);
  g_autoptr(BdPlan) plan_alone = bd_plan_new (pack, alone);
  g_autoptr(BdPlan) plan_three = bd_plan_new (pack, three);
  guint total = 0;

  g_assert_cmpuint (bd_plan_get_n_guides (plan_alone), ==, 2);
  g_assert_cmpuint (bd_plan_get_guide (plan_alone, 0)->n_units, ==, 4);
  g_assert_cmpuint (bd_plan_get_guide (plan_three, 0)->n_units, ==, 6);
  bd_plan_get_progress (plan_three, NULL, &total);
  g_assert_cmpuint (total, ==, 7);
}

static void
test_walk (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = new_case (BD_DEVICE_IPAD);
  g_autoptr(BdPlan) start = bd_plan_new (pack, kase);
  g_autoptr(BdPlan) middle = NULL;
  g_autoptr(BdPlan) asked = NULL;
  g_autoptr(BdPlan) next = NULL;
  g_autoptr(GPtrArray) untried = NULL;
  guint handled, total;
  BdStep *step;
  BdDevice device;

  g_assert_cmpint (bd_plan_get_current (start), ==, 0);
  g_assert_cmpint (bd_plan_get_guide (start, 0)->state, ==, BD_GUIDE_STATE_UNTRIED);
  assert_next (start, "open-settings", BD_DEVICE_NONE);

  tick (kase, "toggle-badges", "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE);
  tick (kase, "toggle-badges", "turn-off", BD_DEVICE_NONE, BD_STEP_STATE_DONE);
  tick (kase, "toggle-badges", "wait", BD_DEVICE_NONE, BD_STEP_STATE_SKIPPED);
  tick (kase, "toggle-badges", "turn-on", BD_DEVICE_IPHONE, BD_STEP_STATE_DONE);
  middle = bd_plan_new (pack, kase);
  g_assert_cmpint (bd_plan_get_guide (middle, 0)->state, ==, BD_GUIDE_STATE_IN_PROGRESS);
  assert_next (middle, "turn-on", BD_DEVICE_IPAD);
  g_assert_cmpfloat_with_epsilon (bd_plan_get_progress (middle, &handled, &total), 4.0 / 6, 1e-9);
  g_assert_cmpuint (handled, ==, 4);

  /* every step handled: only "Did the badge clear?" is left */
  tick (kase, "toggle-badges", "turn-on", BD_DEVICE_IPAD, BD_STEP_STATE_DONE);
  asked = bd_plan_new (pack, kase);
  g_assert_cmpint (bd_plan_get_guide (asked, 0)->state, ==, BD_GUIDE_STATE_FINISHED);
  g_assert_cmpint (bd_plan_get_current (asked), ==, 0);
  g_assert_false (bd_plan_get_next_step (asked, &step, &device));
  g_assert_cmpuint (bd_plan_get_guide (asked, 0)->n_done, ==, 4);
  g_assert_cmpuint (bd_plan_get_guide (asked, 0)->n_skipped, ==, 1);

  /* "No" moves on to the next guide */
  bd_case_add_outcome (kase, "toggle-badges", BD_OUTCOME_NOT_CLEARED, g_get_real_time ());
  next = bd_plan_new (pack, kase);
  g_assert_cmpint (bd_plan_get_guide (next, 0)->state, ==, BD_GUIDE_STATE_NOT_CLEARED);
  g_assert_cmpint (bd_plan_get_current (next), ==, 1);
  assert_next (next, "reset", BD_DEVICE_NONE);
  untried = bd_plan_get_untried (next);
  g_assert_cmpuint (untried->len, ==, 1);
  g_assert_cmpstr (bd_guide_get_id (g_ptr_array_index (untried, 0)), ==, "reset-settings");
}

static void
test_resolved (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = new_case (BD_DEVICE_NONE);
  g_autoptr(BdPlan) plan = NULL;

  bd_case_add_outcome (kase, "toggle-badges", BD_OUTCOME_CLEARED, g_get_real_time ());
  bd_case_set_status (kase, BD_CASE_STATUS_RESOLVED);
  plan = bd_plan_new (pack, kase);
  g_assert_cmpint (bd_plan_get_guide (plan, 0)->state, ==, BD_GUIDE_STATE_CLEARED);
  g_assert_cmpint (bd_plan_get_current (plan), ==, -1);
}

static void
test_skipped_guide (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = new_case (BD_DEVICE_NONE);
  g_autoptr(BdPlan) plan = NULL;

  tick (kase, "toggle-badges", "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_SKIPPED);
  tick (kase, "toggle-badges", "turn-off", BD_DEVICE_NONE, BD_STEP_STATE_SKIPPED);
  tick (kase, "toggle-badges", "wait", BD_DEVICE_NONE, BD_STEP_STATE_SKIPPED);
  tick (kase, "toggle-badges", "turn-on", BD_DEVICE_IPHONE, BD_STEP_STATE_SKIPPED);
  plan = bd_plan_new (pack, kase);
  g_assert_cmpint (bd_plan_get_guide (plan, 0)->state, ==, BD_GUIDE_STATE_SKIPPED);
  g_assert_cmpint (bd_plan_get_current (plan), ==, 1);
}

/* The latest entry wins: pending again undoes the progress. */
static void
test_pending_again (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = new_case (BD_DEVICE_NONE);
  g_autoptr(BdPlan) plan = NULL;

  tick (kase, "toggle-badges", "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_DONE);
  tick (kase, "toggle-badges", "open-settings", BD_DEVICE_NONE, BD_STEP_STATE_PENDING);
  plan = bd_plan_new (pack, kase);
  g_assert_cmpint (bd_plan_get_guide (plan, 0)->state, ==, BD_GUIDE_STATE_UNTRIED);
  g_assert_cmpint (bd_plan_get_step_state (plan, "toggle-badges", "open-settings", BD_DEVICE_NONE),
                   ==, BD_STEP_STATE_PENDING);
}

/* A step a newer pack removed keeps its text in the log; one it added is
 * pending. */
static void
test_pack_changed (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = new_case (BD_DEVICE_NONE);
  g_autoptr(BdPlan) plan = NULL;
  GPtrArray *orphans;
  BdStepRecord *orphan;

  bd_case_add_step (kase, "toggle-badges", "old-step", "Tap the old switch.", BD_DEVICE_NONE,
                    BD_STEP_STATE_DONE, g_get_real_time ());
  bd_case_add_step (kase, "dropped-guide", "x", "A guide that is gone.", BD_DEVICE_NONE,
                    BD_STEP_STATE_SKIPPED, g_get_real_time ());
  plan = bd_plan_new (pack, kase);
  orphans = bd_plan_get_orphans (plan);
  g_assert_cmpuint (orphans->len, ==, 2);
  orphan = g_ptr_array_index (orphans, 0);
  g_assert_true (g_str_equal (orphan->text, "Tap the old switch.") || g_str_equal (orphan->text, "A guide that is gone."));
  g_assert_cmpint (bd_plan_get_guide (plan, 0)->state, ==, BD_GUIDE_STATE_UNTRIED);
  assert_next (plan, "open-settings", BD_DEVICE_NONE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/plan/empty", test_empty);
  g_test_add_func ("/plan/units-per-device", test_units_per_device);
  g_test_add_func ("/plan/walk", test_walk);
  g_test_add_func ("/plan/resolved", test_resolved);
  g_test_add_func ("/plan/skipped-guide", test_skipped_guide);
  g_test_add_func ("/plan/pending-again", test_pending_again);
  g_test_add_func ("/plan/pack-changed", test_pack_changed);
  return g_test_run ();
}
