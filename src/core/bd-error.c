/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-error"

#include "bd-error.h"

G_DEFINE_QUARK (bd-error-quark, bd_error)
