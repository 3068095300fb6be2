/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bd-case.h"
#include "bd-text.h"

G_BEGIN_DECLS

#define BD_TYPE_STEP (bd_step_get_type ())
G_DECLARE_FINAL_TYPE (BdStep, bd_step, BD, STEP, GObject)

const char *bd_step_get_id           (BdStep *self);
const char *bd_step_get_guide_id     (BdStep *self);
BdText     *bd_step_get_text         (BdStep *self);
BdText     *bd_step_get_expect       (BdStep *self);
BdText     *bd_step_get_caution      (BdStep *self);
guint       bd_step_get_wait_seconds (BdStep *self);
gboolean    bd_step_get_per_device   (BdStep *self);
BdText     *bd_step_get_text_on      (BdStep   *self,
                                      BdDevice  device);
BdText     *bd_step_get_expect_on    (BdStep   *self,
                                      BdDevice  device);
BdText     *bd_step_get_caution_on   (BdStep   *self,
                                      BdDevice  device);

G_END_DECLS
