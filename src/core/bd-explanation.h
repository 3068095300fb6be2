/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bd-text.h"

G_BEGIN_DECLS

typedef enum
{
  BD_EXPLANATION_KIND_NORMAL,
  BD_EXPLANATION_KIND_CAUSE,
  BD_EXPLANATION_KIND_FAQ,
} BdExplanationKind;

#define BD_TYPE_EXPLANATION (bd_explanation_get_type ())
G_DECLARE_FINAL_TYPE (BdExplanation, bd_explanation, BD, EXPLANATION, GObject)

const char        *bd_explanation_get_id    (BdExplanation *self);
BdExplanationKind  bd_explanation_get_kind  (BdExplanation *self);
BdText            *bd_explanation_get_title (BdExplanation *self);
BdText            *bd_explanation_get_body  (BdExplanation *self);

gboolean bd_explanation_kind_from_string (const char        *str,
                                          BdExplanationKind *kind);

G_END_DECLS
