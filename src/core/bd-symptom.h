/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bd-text.h"

G_BEGIN_DECLS

#define BD_TYPE_SYMPTOM (bd_symptom_get_type ())
G_DECLARE_FINAL_TYPE (BdSymptom, bd_symptom, BD, SYMPTOM, GObject)

const char         *bd_symptom_get_id        (BdSymptom *self);
BdText             *bd_symptom_get_text      (BdSymptom *self);
BdText             *bd_symptom_get_cause     (BdSymptom *self);
const char         *bd_symptom_get_first_fix (BdSymptom *self);
const char * const *bd_symptom_get_plan      (BdSymptom *self);

G_END_DECLS
