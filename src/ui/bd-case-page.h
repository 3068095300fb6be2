/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-session.h"

G_BEGIN_DECLS

#define BD_TYPE_CASE_PAGE (bd_case_page_get_type ())
G_DECLARE_FINAL_TYPE (BdCasePage, bd_case_page, BD, CASE_PAGE, AdwBin)

void bd_case_page_set_session   (BdCasePage *self,
                                 BdSession  *session);
void bd_case_page_set_help_desk (BdCasePage *self,
                                 gboolean    help_desk);

G_END_DECLS
