/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-case-backend.h"
#include "bd-pack.h"

G_BEGIN_DECLS

#define BD_TYPE_CASE_SIDEBAR (bd_case_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (BdCaseSidebar, bd_case_sidebar, BD, CASE_SIDEBAR, AdwBin)

gboolean bd_case_sidebar_is_loading (BdCaseSidebar *self);
void bd_case_sidebar_set_pack     (BdCaseSidebar *self,
                                   BdPack        *pack);
void bd_case_sidebar_set_backend  (BdCaseSidebar *self,
                                   BdCaseBackend *backend);
void bd_case_sidebar_refresh      (BdCaseSidebar *self,
                                   const char    *select_id);
void bd_case_sidebar_focus_search (BdCaseSidebar *self);

G_END_DECLS
