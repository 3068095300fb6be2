/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-pack.h"

G_BEGIN_DECLS

#define BD_TYPE_EXPLANATIONS_PAGE (bd_explanations_page_get_type ())
G_DECLARE_FINAL_TYPE (BdExplanationsPage, bd_explanations_page, BD, EXPLANATIONS_PAGE, AdwBin)

void bd_explanations_page_set_pack (BdExplanationsPage *self,
                                    BdPack             *pack);

G_END_DECLS
