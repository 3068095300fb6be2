/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bd-case.h"
#include "bd-pack.h"

G_BEGIN_DECLS

typedef enum
{
  BD_GUIDE_STATE_UNTRIED,     /* no step handled yet */
  BD_GUIDE_STATE_IN_PROGRESS,
  BD_GUIDE_STATE_FINISHED,    /* every step handled; no answer (yet) */
  BD_GUIDE_STATE_SKIPPED,     /* every step skipped */
  BD_GUIDE_STATE_CLEARED,     /* "Did the badge clear?" yes */
  BD_GUIDE_STATE_NOT_CLEARED, /* ... no */
} BdGuideState;

/* One guide of the plan and how far the case got in it. A unit is a step,
 * or a step on one device for a per-device step. */
typedef struct
{
  BdGuide *guide;
  BdGuideState state;
  guint n_units;
  guint n_done;
  guint n_skipped;
  guint n_na;
} BdPlanGuide;

#define BD_TYPE_PLAN (bd_plan_get_type ())
G_DECLARE_FINAL_TYPE (BdPlan, bd_plan, BD, PLAN, GObject)

BdPlan            *bd_plan_new               (BdPack      *pack,
                                              BdCase      *kase);
guint              bd_plan_get_n_guides      (BdPlan      *self);
const BdPlanGuide *bd_plan_get_guide         (BdPlan      *self,
                                              guint        position);
int                bd_plan_get_current       (BdPlan      *self);
gboolean           bd_plan_get_next_step     (BdPlan      *self,
                                              BdStep     **step,
                                              BdDevice    *device);
double             bd_plan_get_progress      (BdPlan      *self,
                                              guint       *handled,
                                              guint       *total);
GPtrArray         *bd_plan_get_untried       (BdPlan      *self);
GPtrArray         *bd_plan_get_orphans       (BdPlan      *self);
BdStepState        bd_plan_get_step_state    (BdPlan      *self,
                                              const char  *guide_id,
                                              const char  *step_id,
                                              BdDevice     device);
guint              bd_plan_guide_get_handled (const BdPlanGuide *entry);
const char        *bd_guide_state_to_string  (BdGuideState state);

G_END_DECLS
