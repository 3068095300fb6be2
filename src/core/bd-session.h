/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-case-store.h"
#include "bd-pack.h"
#include "bd-plan.h"

G_BEGIN_DECLS

#define BD_TYPE_SESSION (bd_session_get_type ())
G_DECLARE_FINAL_TYPE (BdSession, bd_session, BD, SESSION, GObject)

BdSession   *bd_session_new           (BdPack       *pack,
                                       BdCaseStore  *store);
BdPack      *bd_session_get_pack      (BdSession    *self);
BdCaseStore *bd_session_get_store     (BdSession    *self);
BdCase      *bd_session_get_case      (BdSession    *self);
BdPlan      *bd_session_get_plan      (BdSession    *self);

gboolean     bd_session_open_case     (BdSession    *self,
                                       const char   *id,
                                       GError      **error);
void         bd_session_close_case    (BdSession    *self);
gboolean     bd_session_new_case      (BdSession    *self,
                                       const char   *symptom_id,
                                       GError      **error);
gboolean     bd_session_add_symptom   (BdSession    *self,
                                       const char   *symptom_id,
                                       GError      **error);
gboolean     bd_session_set_step      (BdSession    *self,
                                       const char   *guide_id,
                                       const char   *step_id,
                                       BdDevice      device,
                                       BdStepState   state,
                                       GError      **error);
gboolean     bd_session_answer        (BdSession    *self,
                                       const char   *guide_id,
                                       BdOutcome     outcome,
                                       GError      **error);
gboolean     bd_session_set_status    (BdSession    *self,
                                       BdCaseStatus  status,
                                       GError      **error);
gboolean     bd_session_save_details  (BdSession    *self,
                                       GError      **error);
gboolean     bd_session_delete_case   (BdSession    *self,
                                       GError      **error);
gboolean     bd_session_undo          (BdSession    *self,
                                       BdUndoKind   *kind,
                                       GError      **error);
void         bd_session_set_step_async     (BdSession           *self,
                                            const char          *guide_id,
                                            const char          *step_id,
                                            BdDevice             device,
                                            BdStepState          state,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void         bd_session_answer_async       (BdSession           *self,
                                            const char          *guide_id,
                                            BdOutcome            outcome,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void         bd_session_save_details_async (BdSession           *self,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     bd_session_write_finish       (BdSession           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
gboolean     bd_session_is_busy            (BdSession           *self);
void         bd_session_wait               (BdSession           *self);
char        *bd_session_dup_view      (BdSession    *self);
void         bd_session_set_view      (BdSession    *self,
                                       const char   *view);

G_END_DECLS
