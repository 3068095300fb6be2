/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-session.h"

G_BEGIN_DECLS

#define BD_TYPE_PLAN_PAGE (bd_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (BdPlanPage, bd_plan_page, BD, PLAN_PAGE, AdwBin)

void bd_plan_page_set_session   (BdPlanPage *self,
                                 BdSession  *session);
void bd_plan_page_focus_default (BdPlanPage *self);

G_END_DECLS
