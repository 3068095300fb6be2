/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-pack.h"

G_BEGIN_DECLS

#define BD_TYPE_RESETS_PAGE (bd_resets_page_get_type ())
G_DECLARE_FINAL_TYPE (BdResetsPage, bd_resets_page, BD, RESETS_PAGE, AdwBin)

void bd_resets_page_set_pack (BdResetsPage *self,
                              BdPack       *pack);

G_END_DECLS
