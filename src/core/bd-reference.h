/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bd-text.h"

G_BEGIN_DECLS

#define BD_TYPE_REFERENCE (bd_reference_get_type ())
G_DECLARE_FINAL_TYPE (BdReference, bd_reference, BD, REFERENCE, GObject)

BdText     *bd_reference_get_title (BdReference *self);
const char *bd_reference_get_url   (BdReference *self);

G_END_DECLS
