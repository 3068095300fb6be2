/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void bd_entry_row_limit (AdwEntryRow *row,
                         guint        max_chars);

G_END_DECLS
