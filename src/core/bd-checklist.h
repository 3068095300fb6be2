/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-checklist-item.h"
#include "bd-text.h"

G_BEGIN_DECLS

#define BD_TYPE_CHECKLIST (bd_checklist_get_type ())
G_DECLARE_FINAL_TYPE (BdChecklist, bd_checklist, BD, CHECKLIST, GObject)

const char *bd_checklist_get_id      (BdChecklist *self);
BdText     *bd_checklist_get_title   (BdChecklist *self);
BdText     *bd_checklist_get_summary (BdChecklist *self);
GListModel *bd_checklist_get_items   (BdChecklist *self);

G_END_DECLS
