/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bd-text.h"

G_BEGIN_DECLS

#define BD_TYPE_RESET (bd_reset_get_type ())
G_DECLARE_FINAL_TYPE (BdReset, bd_reset, BD, RESET, GObject)

const char *bd_reset_get_id       (BdReset *self);
BdText     *bd_reset_get_name     (BdReset *self);
BdText     *bd_reset_get_does     (BdReset *self);
BdText     *bd_reset_get_keeps    (BdReset *self);
BdText     *bd_reset_get_loses    (BdReset *self);
BdText     *bd_reset_get_when     (BdReset *self);
BdText     *bd_reset_get_path     (BdReset *self);
const char *bd_reset_get_guide_id (BdReset *self);
guint       bd_reset_get_rank     (BdReset *self);

G_END_DECLS
