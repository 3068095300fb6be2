/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-case-store.h"

G_BEGIN_DECLS

/* What a case store is asked to do; see BdCaseRequest for the fields each
 * one reads and BdCaseReply for what it answers. */
typedef enum
{
  BD_CASE_OP_OPEN,         /* -> nothing; opens (creates, migrates) the store */
  BD_CASE_OP_INSERT,       /* kase -> nothing */
  BD_CASE_OP_IMPORT,       /* kase -> id (a new one when taken) */
  BD_CASE_OP_LOAD,         /* id -> kase, view */
  BD_CASE_OP_RESOLVE,      /* id (any unique beginning) -> id */
  BD_CASE_OP_SET_STEP,     /* id, guide_id, step_id, text, device, state */
  BD_CASE_OP_ADD_OUTCOME,  /* id, guide_id, outcome */
  BD_CASE_OP_SET_STATUS,   /* id, status */
  BD_CASE_OP_ADD_SYMPTOM,  /* id, symptom_id, text */
  BD_CASE_OP_SET_DETAILS,  /* id, kase (the values), fields */
  BD_CASE_OP_APPEND_NOTES, /* id, text */
  BD_CASE_OP_DELETE,       /* id */
  BD_CASE_OP_UNDO,         /* -> id, undo_kind */
  BD_CASE_OP_LIST,         /* text (search, nullable), status -> list of ids */
  BD_CASE_OP_SUMMARIES,    /* ids -> list of BdCaseSummary (NULL for a case gone) */
  BD_CASE_OP_COUNT,        /* -> count */
  BD_CASE_OP_SET_VIEW,     /* id, text (the view) */
  BD_CASE_OP_MAINTAIN,     /* before (purge deleted before), check -> count (purged) */
} BdCaseOp;

typedef struct
{
  BdCaseOp op;
  char *id;
  BdCase *kase;
  BdCaseFields fields;
  char *guide_id;
  char *step_id;
  char *symptom_id;
  char *text;
  BdDevice device;
  BdStepState state;
  BdOutcome outcome;
  BdCaseStatus status;
  GPtrArray *ids;
  gint64 before;
  gboolean check;
  /* for a change to one case: answer with the case as committed */
  gboolean load_after;
} BdCaseRequest;

typedef struct
{
  BdCase *kase;
  char *id;
  char *view;
  GPtrArray *list;
  guint count;
  BdUndoKind undo_kind;
} BdCaseReply;

BdCaseRequest *bd_case_request_new  (BdCaseOp       op,
                                     const char    *id);
void           bd_case_request_free (BdCaseRequest *request);
void           bd_case_reply_free   (BdCaseReply   *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdCaseRequest, bd_case_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdCaseReply, bd_case_reply_free)

#define BD_TYPE_CASE_BACKEND (bd_case_backend_get_type ())
G_DECLARE_INTERFACE (BdCaseBackend, bd_case_backend, BD, CASE_BACKEND, GObject)

/**
 * BdCaseBackendInterface:
 * @run_async: carries out one request off the calling thread, in the
 *   order requests were made, and answers through a #GTask whose source
 *   object is the backend and whose pointer is a #BdCaseReply
 * @flush: blocks until every request made so far has been carried out
 *   (only for a program that is ending)
 * @dup_name: the store in words for the person: a path, or host and
 *   database, never a secret
 * @dup_recovered_path: where a damaged store was moved, if it was
 * @is_read_only: whether changes cannot be saved
 *
 * Where cases are kept. The window and the CLI reach cases only through
 * this interface; the embedded SQLite store (BdSqliteStore) is the first
 * implementation. Errors are %BD_ERROR codes (BUSY, FULL, READ_ONLY,
 * CORRUPT, UNREACHABLE, NOT_FOUND, …) that bd_case_backend_describe_error()
 * words for a person; never decide by the text of a message.
 *
 * The #BdCaseBackend::changed signal is emitted on the thread that made
 * the backend after a change this backend made (with the case id) and
 * when another process or workstation changed the store (id %NULL).
 */
struct _BdCaseBackendInterface
{
  GTypeInterface parent_iface;

  void          (*run_async)          (BdCaseBackend       *self,
                                       BdCaseRequest       *request,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
  void          (*flush)              (BdCaseBackend       *self);
  char *        (*dup_name)           (BdCaseBackend       *self);
  char *        (*dup_recovered_path) (BdCaseBackend       *self);
  gboolean      (*is_read_only)       (BdCaseBackend       *self);
};

void          bd_case_backend_run_async          (BdCaseBackend       *self,
                                                  BdCaseRequest       *request,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
BdCaseReply  *bd_case_backend_run_finish         (BdCaseBackend       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
BdCaseReply  *bd_case_backend_run                (BdCaseBackend       *self,
                                                  BdCaseRequest       *request,
                                                  GError             **error);
void          bd_case_backend_flush              (BdCaseBackend       *self);
char         *bd_case_backend_dup_name           (BdCaseBackend       *self);
char         *bd_case_backend_dup_recovered_path (BdCaseBackend       *self);
gboolean      bd_case_backend_is_read_only       (BdCaseBackend       *self);
void          bd_case_backend_emit_changed       (BdCaseBackend       *self,
                                                  const char          *id);

char         *bd_case_backend_describe_error     (const GError        *error);

G_END_DECLS
