/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-case.h"

G_BEGIN_DECLS

typedef enum
{
  BD_UNDO_DELETE,
  BD_UNDO_STEP,
} BdUndoKind;

/* What a list row shows: enough to draw it without loading the case. */
typedef struct
{
  char *id;
  BdCaseStatus status;
  gint64 updated;
  char *label;
  char *ticket;
  char *symptom; /* the first symptom's text as it was shown, or "" */
  char *symptom_id; /* its id, for its words in today's language, or "" */
} BdCaseSummary;

void           bd_case_summary_free             (BdCaseSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdCaseSummary, bd_case_summary_free)

/* -1 as a status filter: every status. */
#define BD_CASE_STATUS_ANY ((BdCaseStatus) -1)

typedef enum
{
  BD_CASE_STORE_READ_WRITE = 0,
  /* Opens without writing anything, ever: no schema set-up, no
   * checkpoint on close; a store that does not exist yet reads as empty. */
  BD_CASE_STORE_READ_ONLY = 1 << 0,
} BdCaseStoreFlags;

/*
 * BdCaseStore is one SQLite connection to the case store, used from one
 * thread at a time. The window and the CLI reach it only through
 * BdSqliteStore (bd-sqlite-store.h), which runs it on a worker thread
 * behind the BdCaseBackend interface.
 */
#define BD_TYPE_CASE_STORE (bd_case_store_get_type ())
G_DECLARE_FINAL_TYPE (BdCaseStore, bd_case_store, BD, CASE_STORE, GObject)

BdCaseStore   *bd_case_store_open               (const char       *path,
                                                 BdCaseStoreFlags  flags,
                                                 GError          **error);
BdCaseStore   *bd_case_store_new                (const char    *path,
                                                 GError       **error);
char          *bd_case_store_dup_default_path   (void);
const char    *bd_case_store_get_path           (BdCaseStore   *self);
const char    *bd_case_store_get_recovered_path (BdCaseStore   *self);
gboolean       bd_case_store_is_read_only       (BdCaseStore   *self);

gboolean       bd_case_store_insert             (BdCaseStore   *self,
                                                 BdCase        *kase,
                                                 GError       **error);
char          *bd_case_store_import             (BdCaseStore   *self,
                                                 BdCase        *kase,
                                                 GError       **error);
BdCase        *bd_case_store_load               (BdCaseStore   *self,
                                                 const char    *id,
                                                 GError       **error);
char          *bd_case_store_resolve            (BdCaseStore   *self,
                                                 const char    *prefix,
                                                 GError       **error);

gboolean       bd_case_store_set_step           (BdCaseStore   *self,
                                                 const char    *id,
                                                 const char    *guide_id,
                                                 const char    *step_id,
                                                 const char    *text,
                                                 BdDevice       device,
                                                 BdStepState    state,
                                                 GError       **error);
gboolean       bd_case_store_add_outcome        (BdCaseStore   *self,
                                                 const char    *id,
                                                 const char    *guide_id,
                                                 BdOutcome      result,
                                                 GError       **error);
gboolean       bd_case_store_set_status         (BdCaseStore   *self,
                                                 const char    *id,
                                                 BdCaseStatus   status,
                                                 GError       **error);
gboolean       bd_case_store_add_symptom        (BdCaseStore   *self,
                                                 const char    *id,
                                                 const char    *symptom_id,
                                                 const char    *text,
                                                 GError       **error);
gboolean       bd_case_store_set_details        (BdCaseStore   *self,
                                                 const char    *id,
                                                 BdCase        *values,
                                                 BdCaseFields   fields,
                                                 GError       **error);
gboolean       bd_case_store_append_notes       (BdCaseStore   *self,
                                                 const char    *id,
                                                 const char    *text,
                                                 GError       **error);
gboolean       bd_case_store_delete             (BdCaseStore   *self,
                                                 const char    *id,
                                                 GError       **error);
gboolean       bd_case_store_undo               (BdCaseStore   *self,
                                                 BdUndoKind    *kind,
                                                 char         **id,
                                                 GError       **error);
guint          bd_case_store_purge_deleted      (BdCaseStore   *self,
                                                 gint64         before,
                                                 GError       **error);
gboolean       bd_case_store_check              (BdCaseStore   *self,
                                                 GError       **error);

GPtrArray     *bd_case_store_list               (BdCaseStore   *self,
                                                 const char    *search,
                                                 BdCaseStatus   status,
                                                 GError       **error);
BdCaseSummary *bd_case_store_get_summary        (BdCaseStore   *self,
                                                 const char    *id,
                                                 GError       **error);
GPtrArray     *bd_case_store_get_summaries      (BdCaseStore   *self,
                                                 GPtrArray     *ids,
                                                 GError       **error);
gboolean       bd_case_store_count              (BdCaseStore   *self,
                                                 guint         *n,
                                                 GError       **error);
gint64         bd_case_store_get_data_version   (BdCaseStore   *self);
gboolean       bd_case_store_set_view           (BdCaseStore   *self,
                                                 const char    *id,
                                                 const char    *view,
                                                 GError       **error);
char          *bd_case_store_dup_view           (BdCaseStore   *self,
                                                 const char    *id,
                                                 GError       **error);

G_END_DECLS
