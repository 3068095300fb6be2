/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case-backend"

#include "bd-config.h"

#include <glib/gi18n-lib.h>

#include "bd-case-backend.h"
#include "bd-error.h"

G_DEFINE_INTERFACE (BdCaseBackend, bd_case_backend, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bd_case_backend_default_init (BdCaseBackendInterface *iface)
{
  /**
   * BdCaseBackend::changed:
   * @id: (nullable): the case that changed, or %NULL when the store
   *   changed elsewhere and any case may have
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

BdCaseRequest *
bd_case_request_new (BdCaseOp    op,
                     const char *id)
{
  BdCaseRequest *request = g_new0 (BdCaseRequest, 1);

  request->op = op;
  request->id = g_strdup (id);
  request->status = BD_CASE_STATUS_ANY;
  return request;
}

void
bd_case_request_free (BdCaseRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->id);
  g_clear_object (&request->kase);
  g_free (request->guide_id);
  g_free (request->step_id);
  g_free (request->symptom_id);
  g_free (request->text);
  g_clear_pointer (&request->ids, g_ptr_array_unref);
  g_free (request);
}

void
bd_case_reply_free (BdCaseReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_object (&reply->kase);
  g_free (reply->id);
  g_free (reply->view);
  g_clear_pointer (&reply->list, g_ptr_array_unref);
  g_free (reply);
}

/**
 * bd_case_backend_run_async:
 * @request: (transfer full): what to do
 *
 * Carries out @request without blocking the calling thread. Requests run
 * in the order they were made.
 */
void
bd_case_backend_run_async (BdCaseBackend       *self,
                           BdCaseRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (BD_IS_CASE_BACKEND (self));
  g_return_if_fail (request != NULL);

  BD_CASE_BACKEND_GET_IFACE (self)->run_async (self, request, cancellable, callback, user_data);
}

/**
 * bd_case_backend_run_finish:
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL with a
 *   %BD_ERROR code
 */
BdCaseReply *
bd_case_backend_run_finish (BdCaseBackend  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (BD_IS_CASE_BACKEND (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (g_main_context_get_thread_default ());
}

/**
 * bd_case_backend_run:
 * @request: (transfer full): what to do
 *
 * Carries out @request and waits for it, running a main context of its
 * own meanwhile: for the command line, never for a window.
 *
 * Returns: (transfer full) (nullable): the answer
 */
BdCaseReply *
bd_case_backend_run (BdCaseBackend  *self,
                     BdCaseRequest  *request,
                     GError        **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (BD_IS_CASE_BACKEND (self), NULL);

  g_main_context_push_thread_default (context);
  bd_case_backend_run_async (self, request, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return bd_case_backend_run_finish (self, result, error);
}

void
bd_case_backend_flush (BdCaseBackend *self)
{
  g_return_if_fail (BD_IS_CASE_BACKEND (self));
  BD_CASE_BACKEND_GET_IFACE (self)->flush (self);
}

/**
 * bd_case_backend_dup_name:
 *
 * Returns: (transfer full): the store in words a person recognises
 */
char *
bd_case_backend_dup_name (BdCaseBackend *self)
{
  g_return_val_if_fail (BD_IS_CASE_BACKEND (self), NULL);
  return BD_CASE_BACKEND_GET_IFACE (self)->dup_name (self);
}

/**
 * bd_case_backend_dup_recovered_path:
 *
 * Returns: (transfer full) (nullable): where a damaged store was moved
 */
char *
bd_case_backend_dup_recovered_path (BdCaseBackend *self)
{
  g_return_val_if_fail (BD_IS_CASE_BACKEND (self), NULL);
  return BD_CASE_BACKEND_GET_IFACE (self)->dup_recovered_path (self);
}

gboolean
bd_case_backend_is_read_only (BdCaseBackend *self)
{
  g_return_val_if_fail (BD_IS_CASE_BACKEND (self), TRUE);
  return BD_CASE_BACKEND_GET_IFACE (self)->is_read_only (self);
}

/* For implementations: on the thread that made the backend. */
void
bd_case_backend_emit_changed (BdCaseBackend *self,
                              const char    *id)
{
  g_return_if_fail (BD_IS_CASE_BACKEND (self));
  g_signal_emit (self, signals[CHANGED], 0, id);
}

/**
 * bd_case_backend_describe_error:
 *
 * Says what went wrong with the case store in a person's words, the same
 * in the window and on the command line.
 *
 * Returns: (transfer full): a translated sentence
 */
char *
bd_case_backend_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != BD_ERROR)
    return g_strdup (error->message);
  switch (error->code)
    {
    case BD_ERROR_BUSY:
      return g_strdup (_("The case store is busy: another Badge Doctor is writing. Try again."));
    case BD_ERROR_FULL:
      return g_strdup (_("The disk is full: this change was not saved."));
    case BD_ERROR_READ_ONLY:
      return g_strdup (_("The case store is read-only: this change was not saved."));
    case BD_ERROR_CORRUPT:
      return g_strdup (_("The case store is damaged and cannot be read."));
    case BD_ERROR_UNREACHABLE:
      /* TRANSLATORS: %s says why, in the system's words */
      return g_strdup_printf (_("The case store cannot be opened (%s)."), error->message);
    case BD_ERROR_IO:
      return g_strdup (_("The disk reported an error: this change was not saved."));
    case BD_ERROR_NEWER_SCHEMA:
      return g_strdup (_("The case store was written by a newer Badge Doctor. Update Badge Doctor to use it."));
    case BD_ERROR_TOO_LARGE:
      return g_strdup_printf (_("That is too long: %s"), error->message);
    default:
      return g_strdup (error->message);
    }
}
