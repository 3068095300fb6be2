/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bd-case-store.h"

G_BEGIN_DECLS

#define BD_TYPE_CASE_ITEM (bd_case_item_get_type ())
G_DECLARE_FINAL_TYPE (BdCaseItem, bd_case_item, BD, CASE_ITEM, GObject)

BdCaseItem   *bd_case_item_new_from_summary (const BdCaseSummary *summary);
BdCaseItem   *bd_case_item_new_placeholder  (const char          *id);
gboolean      bd_case_item_is_loaded        (BdCaseItem          *self);

const char   *bd_case_item_get_id           (BdCaseItem          *self);
const char   *bd_case_item_get_title        (BdCaseItem          *self);
const char   *bd_case_item_get_label        (BdCaseItem          *self);
const char   *bd_case_item_get_ticket       (BdCaseItem          *self);
const char   *bd_case_item_get_symptom      (BdCaseItem          *self);
const char   *bd_case_item_get_symptom_id   (BdCaseItem          *self);
BdCaseStatus  bd_case_item_get_status       (BdCaseItem          *self);
gint64        bd_case_item_get_updated      (BdCaseItem          *self);
gboolean      bd_case_item_equal_summary    (BdCaseItem          *self,
                                             const BdCaseSummary *summary);

G_END_DECLS
