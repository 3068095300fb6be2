/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-session.h"

G_BEGIN_DECLS

#define BD_TYPE_GUIDE_PAGE (bd_guide_page_get_type ())
G_DECLARE_FINAL_TYPE (BdGuidePage, bd_guide_page, BD, GUIDE_PAGE, AdwBin)

void     bd_guide_page_set_session (BdGuidePage *self,
                                    BdSession   *session);
gboolean bd_guide_page_set_guide   (BdGuidePage *self,
                                    const char  *guide_id);
double   bd_guide_page_get_scroll  (BdGuidePage *self);
void     bd_guide_page_focus_next  (BdGuidePage *self);
void     bd_guide_page_set_scroll  (BdGuidePage *self,
                                    double       value);

char    *bd_guide_page_dup_waits     (BdGuidePage *self,
                                     const char  *case_id);
void     bd_guide_page_restore_waits (BdGuidePage *self,
                                     const char  *case_id,
                                     const char  *waits);
gboolean bd_guide_page_is_waiting    (BdGuidePage *self);

G_END_DECLS
