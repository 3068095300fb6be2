/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-countdown.h"
#include "bd-plan.h"

G_BEGIN_DECLS

#define BD_TYPE_STEP_ROW (bd_step_row_get_type ())
G_DECLARE_FINAL_TYPE (BdStepRow, bd_step_row, BD, STEP_ROW, GtkListBoxRow)

GtkWidget *bd_step_row_new          (BdStep      *step,
                                     guint        number,
                                     BdDevice     devices,
                                     BdCountdown *countdown);
BdStep    *bd_step_row_get_step     (BdStepRow   *self);
void       bd_step_row_update       (BdStepRow   *self,
                                     BdPlan      *plan);
void       bd_step_row_toggle       (BdStepRow   *self);
void       bd_step_row_set_saving   (BdStepRow   *self,
                                     gboolean     saving,
                                     gboolean     saved);
gboolean   bd_step_row_is_pending   (BdStepRow   *self,
                                     BdPlan      *plan,
                                     BdDevice     devices);

G_END_DECLS
