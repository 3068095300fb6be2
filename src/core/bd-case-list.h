/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-case-backend.h"
#include "bd-case-item.h"

G_BEGIN_DECLS

/* The most items a BdCaseList keeps; it reads the others again when asked. */
#define BD_CASE_LIST_MAX_LOADED 256

#define BD_TYPE_CASE_LIST (bd_case_list_get_type ())
G_DECLARE_FINAL_TYPE (BdCaseList, bd_case_list, BD, CASE_LIST, GObject)

BdCaseList    *bd_case_list_new            (BdCaseBackend       *backend);
const char    *bd_case_list_get_search     (BdCaseList          *self);
void           bd_case_list_set_search     (BdCaseList          *self,
                                            const char          *search);
BdCaseStatus   bd_case_list_get_status     (BdCaseList          *self);
void           bd_case_list_set_status     (BdCaseList          *self,
                                            BdCaseStatus         status);
void           bd_case_list_refresh        (BdCaseList          *self);
void           bd_case_list_hold           (BdCaseList          *self,
                                            gboolean             hold);
void           bd_case_list_refresh_async  (BdCaseList          *self,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean       bd_case_list_refresh_finish (BdCaseList          *self,
                                            GAsyncResult        *result,
                                            GError             **error);
gboolean       bd_case_list_is_loading     (BdCaseList          *self);
guint          bd_case_list_find           (BdCaseList          *self,
                                            const char          *id);
guint          bd_case_list_get_n_loaded   (BdCaseList          *self);

G_END_DECLS
