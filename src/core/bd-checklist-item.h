/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bd-text.h"

G_BEGIN_DECLS

#define BD_TYPE_CHECKLIST_ITEM (bd_checklist_item_get_type ())
G_DECLARE_FINAL_TYPE (BdChecklistItem, bd_checklist_item, BD, CHECKLIST_ITEM, GObject)

const char *bd_checklist_item_get_guide_id (BdChecklistItem *self);
const char *bd_checklist_item_get_step_id  (BdChecklistItem *self);
BdText     *bd_checklist_item_get_text     (BdChecklistItem *self);

G_END_DECLS
