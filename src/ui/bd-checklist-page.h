/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-session.h"

G_BEGIN_DECLS

#define BD_TYPE_CHECKLIST_PAGE (bd_checklist_page_get_type ())
G_DECLARE_FINAL_TYPE (BdChecklistPage, bd_checklist_page, BD, CHECKLIST_PAGE, AdwBin)

void     bd_checklist_page_set_session   (BdChecklistPage *self,
                                          BdSession       *session);
gboolean bd_checklist_page_set_checklist (BdChecklistPage *self,
                                          const char      *checklist_id);

G_END_DECLS
