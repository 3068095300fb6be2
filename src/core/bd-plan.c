/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-plan"

#include <string.h>

#include "bd-plan.h"

/*
 * The plan for a case: the guides of its symptoms' plans in order (the
 * first symptom's plan, then what the others add), and for each how far
 * the case got. It is a snapshot: after the case changes, make a new one.
 *
 * The case log keeps the text of every step it touched, so a step a newer
 * pack removed still reads right (bd_plan_get_orphans()), and a step a
 * newer pack added is simply pending.
 */
struct _BdPlan
{
  GObject parent_instance;

  BdPack *pack;
  BdCase *kase;
  GArray *guides;       /* BdPlanGuide */
  GHashTable *states;   /* "guide\x1fstep\x1fdevice" -> BdStepRecord, the latest */
  GPtrArray *orphans;   /* BdStepRecord whose step the pack no longer has */
  int current;
};

G_DEFINE_FINAL_TYPE (BdPlan, bd_plan, G_TYPE_OBJECT)

static const BdDevice all_devices[] = { BD_DEVICE_IPHONE, BD_DEVICE_IPAD, BD_DEVICE_MAC };

static char *
unit_key (const char *guide_id,
          const char *step_id,
          BdDevice    device)
{
  return g_strdup_printf ("%s\x1f%s\x1f%d", guide_id, step_id, device);
}

static void
bd_plan_finalize (GObject *object)
{
  BdPlan *self = BD_PLAN (object);

  g_clear_object (&self->pack);
  g_clear_object (&self->kase);
  g_array_unref (self->guides);
  g_hash_table_unref (self->states);
  g_ptr_array_unref (self->orphans);
  G_OBJECT_CLASS (bd_plan_parent_class)->finalize (object);
}

static void
bd_plan_class_init (BdPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_plan_finalize;
}

static void
bd_plan_init (BdPlan *self)
{
  self->guides = g_array_new (FALSE, TRUE, sizeof (BdPlanGuide));
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->orphans = g_ptr_array_new ();
  self->current = -1;
}

const char *
bd_guide_state_to_string (BdGuideState state)
{
  static const char * const names[] = {
    "untried", "in-progress", "finished", "skipped", "cleared", "not-cleared"
  };

  g_return_val_if_fail (state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

static void
index_log (BdPlan *self)
{
  GPtrArray *steps = bd_case_get_steps (self->kase);

  /* oldest first, so the last write of a key wins */
  for (guint i = 0; i < steps->len; i++)
    {
      BdStepRecord *record = g_ptr_array_index (steps, i);
      g_hash_table_insert (self->states, unit_key (record->guide_id, record->step_id, record->device),
                           record);
    }
}

static void
find_orphans (BdPlan *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BdStepRecord *record = value;
      BdGuide *guide = bd_pack_lookup_guide (self->pack, record->guide_id);
      if (guide == NULL || bd_guide_lookup_step (guide, record->step_id) == NULL)
        g_ptr_array_add (self->orphans, record);
    }
}

static BdOutcomeRecord *
last_outcome (BdCase     *kase,
              const char *guide_id)
{
  GPtrArray *outcomes = bd_case_get_outcomes (kase);

  for (guint i = outcomes->len; i > 0; i--)
    {
      BdOutcomeRecord *record = g_ptr_array_index (outcomes, i - 1);
      if (strcmp (record->guide_id, guide_id) == 0)
        return record;
    }
  return NULL;
}

static void
count_unit (BdPlan      *self,
            BdPlanGuide *entry,
            BdStep      *step,
            BdDevice     device)
{
  switch (bd_plan_get_step_state (self, bd_guide_get_id (entry->guide), bd_step_get_id (step), device))
    {
    case BD_STEP_STATE_DONE:
      entry->n_done++;
      break;
    case BD_STEP_STATE_SKIPPED:
      entry->n_skipped++;
      break;
    case BD_STEP_STATE_NA:
      entry->n_na++;
      break;
    case BD_STEP_STATE_PENDING:
    default:
      break;
    }
  entry->n_units++;
}

static void
measure_guide (BdPlan      *self,
               BdPlanGuide *entry)
{
  BdDevice devices = bd_case_get_devices (self->kase);
  BdOutcomeRecord *outcome = last_outcome (self->kase, bd_guide_get_id (entry->guide));
  guint handled;

  for (guint i = 0; i < bd_guide_get_n_steps (entry->guide); i++)
    {
      BdStep *step = bd_guide_get_step (entry->guide, i);

      if (!bd_step_get_per_device (step))
        count_unit (self, entry, step, BD_DEVICE_NONE);
      else
        for (guint d = 0; d < G_N_ELEMENTS (all_devices); d++)
          if (devices & all_devices[d])
            count_unit (self, entry, step, all_devices[d]);
    }

  handled = bd_plan_guide_get_handled (entry);
  if (outcome != NULL)
    entry->state = outcome->result == BD_OUTCOME_CLEARED ? BD_GUIDE_STATE_CLEARED : BD_GUIDE_STATE_NOT_CLEARED;
  else if (handled == 0)
    entry->state = BD_GUIDE_STATE_UNTRIED;
  else if (handled < entry->n_units)
    entry->state = BD_GUIDE_STATE_IN_PROGRESS;
  else if (entry->n_skipped == entry->n_units)
    entry->state = BD_GUIDE_STATE_SKIPPED;
  else
    entry->state = BD_GUIDE_STATE_FINISHED;
}

static void
add_guide (BdPlan     *self,
           GHashTable *seen,
           const char *guide_id)
{
  BdPlanGuide entry = { NULL };

  entry.guide = bd_pack_lookup_guide (self->pack, guide_id);
  /* a symptom of an older pack may name a guide this one dropped */
  if (entry.guide == NULL || !g_hash_table_add (seen, (gpointer) guide_id))
    return;
  measure_guide (self, &entry);
  g_array_append_val (self->guides, entry);
}

/* The first guide still to work on: untried or under way, or finished
 * and waiting for "Did the badge clear?". None once the case is resolved. */
static int
find_current (BdPlan *self)
{
  if (bd_case_get_status (self->kase) == BD_CASE_STATUS_RESOLVED)
    return -1;
  for (guint i = 0; i < self->guides->len; i++)
    {
      BdPlanGuide *entry = &g_array_index (self->guides, BdPlanGuide, i);
      if (entry->state == BD_GUIDE_STATE_UNTRIED || entry->state == BD_GUIDE_STATE_IN_PROGRESS
          || (entry->state == BD_GUIDE_STATE_FINISHED && bd_guide_get_ask_cleared (entry->guide)))
        return (int) i;
    }
  return -1;
}

BdPlan *
bd_plan_new (BdPack *pack,
             BdCase *kase)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *symptoms;
  BdPlan *self;

  g_return_val_if_fail (BD_IS_PACK (pack), NULL);
  g_return_val_if_fail (BD_IS_CASE (kase), NULL);

  self = g_object_new (BD_TYPE_PLAN, NULL);
  self->pack = g_object_ref (pack);
  self->kase = g_object_ref (kase);
  index_log (self);
  find_orphans (self);

  symptoms = bd_case_get_symptoms (kase);
  for (guint i = 0; i < symptoms->len; i++)
    {
      BdCaseSymptom *cs = g_ptr_array_index (symptoms, i);
      BdSymptom *symptom = bd_pack_lookup_symptom (pack, cs->id);
      const char * const *plan = symptom ? bd_symptom_get_plan (symptom) : NULL;

      for (guint j = 0; plan != NULL && plan[j] != NULL; j++)
        add_guide (self, seen, plan[j]);
    }
  self->current = find_current (self);
  return self;
}

guint
bd_plan_get_n_guides (BdPlan *self)
{
  g_return_val_if_fail (BD_IS_PLAN (self), 0);
  return self->guides->len;
}

const BdPlanGuide *
bd_plan_get_guide (BdPlan *self,
                   guint   position)
{
  g_return_val_if_fail (BD_IS_PLAN (self), NULL);
  g_return_val_if_fail (position < self->guides->len, NULL);
  return &g_array_index (self->guides, BdPlanGuide, position);
}

/**
 * bd_plan_get_current:
 *
 * Returns: the position of the guide to work on, or -1 when the case is
 *   resolved or every guide has been tried
 */
int
bd_plan_get_current (BdPlan *self)
{
  g_return_val_if_fail (BD_IS_PLAN (self), -1);
  return self->current;
}

/**
 * bd_plan_get_next_step:
 * @step: (out) (transfer none): the next step of the current guide
 * @device: (out): the device to do it on, %BD_DEVICE_NONE for a step done once
 *
 * Returns: %FALSE when there is no current guide, or its steps are all
 *   handled and only "Did the badge clear?" is left
 */
gboolean
bd_plan_get_next_step (BdPlan    *self,
                       BdStep   **step,
                       BdDevice  *device)
{
  BdGuide *guide;
  BdDevice devices;

  g_return_val_if_fail (BD_IS_PLAN (self), FALSE);

  if (self->current < 0)
    return FALSE;
  guide = g_array_index (self->guides, BdPlanGuide, self->current).guide;
  devices = bd_case_get_devices (self->kase);
  for (guint i = 0; i < bd_guide_get_n_steps (guide); i++)
    {
      BdStep *candidate = bd_guide_get_step (guide, i);
      const char *gid = bd_guide_get_id (guide), *sid = bd_step_get_id (candidate);

      for (guint d = 0; d < G_N_ELEMENTS (all_devices) + 1; d++)
        {
          BdDevice on = d == 0 ? BD_DEVICE_NONE : all_devices[d - 1];
          if ((on == BD_DEVICE_NONE) == bd_step_get_per_device (candidate) || (on && !(devices & on)))
            continue;
          if (bd_plan_get_step_state (self, gid, sid, on) == BD_STEP_STATE_PENDING)
            {
              *step = candidate;
              *device = on;
              return TRUE;
            }
        }
    }
  return FALSE;
}

guint
bd_plan_guide_get_handled (const BdPlanGuide *entry)
{
  g_return_val_if_fail (entry != NULL, 0);
  return entry->n_done + entry->n_skipped + entry->n_na;
}

/**
 * bd_plan_get_progress:
 * @handled: (out) (optional): units done, skipped or not applicable
 * @total: (out) (optional): all units of the plan
 *
 * Returns: @handled / @total, 0 for an empty plan
 */
double
bd_plan_get_progress (BdPlan *self,
                      guint  *handled,
                      guint  *total)
{
  guint h = 0, t = 0;

  g_return_val_if_fail (BD_IS_PLAN (self), 0.0);

  for (guint i = 0; i < self->guides->len; i++)
    {
      const BdPlanGuide *entry = &g_array_index (self->guides, BdPlanGuide, i);
      h += bd_plan_guide_get_handled (entry);
      t += entry->n_units;
    }
  if (handled != NULL)
    *handled = h;
  if (total != NULL)
    *total = t;
  return t > 0 ? (double) h / t : 0.0;
}

/**
 * bd_plan_get_untried:
 *
 * Returns: (transfer container) (element-type BdGuide): the guides of the
 *   plan nobody has touched, in plan order
 */
GPtrArray *
bd_plan_get_untried (BdPlan *self)
{
  GPtrArray *untried = g_ptr_array_new ();

  g_return_val_if_fail (BD_IS_PLAN (self), untried);

  for (guint i = 0; i < self->guides->len; i++)
    {
      const BdPlanGuide *entry = &g_array_index (self->guides, BdPlanGuide, i);
      if (entry->state == BD_GUIDE_STATE_UNTRIED)
        g_ptr_array_add (untried, entry->guide);
    }
  return untried;
}

/**
 * bd_plan_get_orphans:
 *
 * Returns: (transfer none) (element-type BdStepRecord): the current state
 *   of steps the case touched that the pack no longer has, with the text
 *   the person saw
 */
GPtrArray *
bd_plan_get_orphans (BdPlan *self)
{
  g_return_val_if_fail (BD_IS_PLAN (self), NULL);
  return self->orphans;
}

/**
 * bd_plan_get_step_state:
 *
 * Returns: the state of a step on @device now; %BD_STEP_STATE_PENDING for
 *   a step never touched
 */
BdStepState
bd_plan_get_step_state (BdPlan     *self,
                        const char *guide_id,
                        const char *step_id,
                        BdDevice    device)
{
  g_autofree char *key = NULL;
  BdStepRecord *record;

  g_return_val_if_fail (BD_IS_PLAN (self), BD_STEP_STATE_PENDING);

  key = unit_key (guide_id, step_id, device);
  record = g_hash_table_lookup (self->states, key);
  return record != NULL ? record->state : BD_STEP_STATE_PENDING;
}
