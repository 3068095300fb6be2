/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-os-version.h"
#include "bd-step.h"
#include "bd-text.h"

G_BEGIN_DECLS

typedef enum
{
  BD_GUIDE_KIND_CHECK,
  BD_GUIDE_KIND_FIX,
  BD_GUIDE_KIND_RESET,
  BD_GUIDE_KIND_EDGE_CASE,
  BD_GUIDE_KIND_PREVENTION,
  BD_GUIDE_KIND_ESCALATION,
} BdGuideKind;

#define BD_TYPE_GUIDE (bd_guide_get_type ())
G_DECLARE_FINAL_TYPE (BdGuide, bd_guide, BD, GUIDE, GObject)

const char  *bd_guide_get_id          (BdGuide    *self);
BdGuideKind  bd_guide_get_kind        (BdGuide    *self);
BdText      *bd_guide_get_title       (BdGuide    *self);
BdText      *bd_guide_get_summary     (BdGuide    *self);
GListModel  *bd_guide_get_steps       (BdGuide    *self);
guint        bd_guide_get_n_steps     (BdGuide    *self);
BdStep      *bd_guide_get_step        (BdGuide    *self,
                                       guint       position);
BdStep      *bd_guide_lookup_step     (BdGuide    *self,
                                       const char *step_id);
GListModel  *bd_guide_get_references  (BdGuide    *self);
gboolean     bd_guide_get_ask_cleared (BdGuide    *self);
const BdCoverage *bd_guide_get_checked (BdGuide  *self,
                                       guint    *n_checked);

const char  *bd_guide_kind_to_string   (BdGuideKind kind);
gboolean     bd_guide_kind_from_string (const char  *str,
                                        BdGuideKind *kind);

G_END_DECLS
