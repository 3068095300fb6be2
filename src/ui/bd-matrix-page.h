/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-pack.h"

G_BEGIN_DECLS

#define BD_TYPE_MATRIX_PAGE (bd_matrix_page_get_type ())
G_DECLARE_FINAL_TYPE (BdMatrixPage, bd_matrix_page, BD, MATRIX_PAGE, AdwBin)

void bd_matrix_page_set_pack    (BdMatrixPage *self,
                                 BdPack       *pack);
void bd_matrix_page_focus_first (BdMatrixPage *self);

G_END_DECLS
