/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean bd_version_is_valid (const char *version);
int      bd_version_compare  (const char *a,
                              const char *b);

G_END_DECLS
