/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-case-backend.h"
#include "bd-pack.h"
#include "bd-plan.h"

G_BEGIN_DECLS

#define BD_TYPE_SESSION (bd_session_get_type ())
G_DECLARE_FINAL_TYPE (BdSession, bd_session, BD, SESSION, GObject)

BdSession     *bd_session_new               (BdPack              *pack,
                                             BdCaseBackend       *backend);
BdPack        *bd_session_get_pack          (BdSession           *self);
BdCaseBackend *bd_session_get_backend       (BdSession           *self);
BdCase        *bd_session_get_case          (BdSession           *self);
BdPlan        *bd_session_get_plan          (BdSession           *self);
const char    *bd_session_get_view          (BdSession           *self);

void           bd_session_open_case_async   (BdSession           *self,
                                             const char          *id,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           bd_session_close_case        (BdSession           *self);
void           bd_session_new_case_async    (BdSession           *self,
                                             const char          *symptom_id,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           bd_session_add_symptom_async (BdSession           *self,
                                             const char          *symptom_id,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           bd_session_set_step_async    (BdSession           *self,
                                             const char          *guide_id,
                                             const char          *step_id,
                                             BdDevice             device,
                                             BdStepState          state,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           bd_session_answer_async      (BdSession           *self,
                                             const char          *guide_id,
                                             BdOutcome            outcome,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           bd_session_set_status_async  (BdSession           *self,
                                             BdCaseStatus         status,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           bd_session_set_details_async (BdSession           *self,
                                             BdCaseFields         fields,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           bd_session_delete_case_async (BdSession           *self,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           bd_session_undo_async        (BdSession           *self,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       bd_session_undo_finish       (BdSession           *self,
                                             GAsyncResult        *result,
                                             BdUndoKind          *kind,
                                             GError             **error);
gboolean       bd_session_write_finish      (BdSession           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void           bd_session_set_view          (BdSession           *self,
                                             const char          *view);
gboolean       bd_session_is_busy           (BdSession           *self);

G_END_DECLS
