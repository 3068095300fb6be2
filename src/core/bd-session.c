/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-session"

#include "bd-config.h"

#include "bd-error.h"
#include "bd-session.h"

/*
 * What one window (or one CLI command) works on: the guidance, the case
 * store, the case that is open and its plan. Every action a person takes
 * goes through here, so the window and the CLI follow the same rules (a
 * step belongs to its guide, a device to the case). An action is sent to
 * the store, which commits it on its own worker and answers with the case
 * as committed; only then is it set here and does "plan" tell the views.
 * A view never shows a change the store does not have.
 */
struct _BdSession
{
  GObject parent_instance;

  BdPack *pack;
  BdPack *words;   /* the pack in the words of the open case's iOS version */
  BdCaseBackend *backend;
  BdCase *kase;
  BdPlan *plan;
  char *view;      /* where the window was in the open case, as loaded */

  guint pending;   /* requests not answered yet */
  guint64 serial;  /* of the latest request that will set the case */
};

G_DEFINE_FINAL_TYPE (BdSession, bd_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CASE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (BdSession *self);

static void
on_backend_changed (BdSession  *self,
                    const char *id)
{
  /* another process changed the store: show the open case as it is now,
   * unless this session's own changes are still on their way */
  if (id == NULL && self->kase != NULL && self->pending == 0)
    reload (self);
}

static void
bd_session_dispose (GObject *object)
{
  BdSession *self = BD_SESSION (object);

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  g_clear_object (&self->pack);
  g_clear_object (&self->words);
  g_clear_object (&self->backend);
  g_clear_object (&self->kase);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->view, g_free);
  G_OBJECT_CLASS (bd_session_parent_class)->dispose (object);
}

static void
bd_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BdSession *self = BD_SESSION (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_session_class_init (BdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bd_session_dispose;
  object_class->get_property = bd_session_get_property;

  /* Both change together, after every action; views listen to "plan". */
  properties[PROP_CASE] = g_param_spec_object ("case", NULL, NULL, BD_TYPE_CASE,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, BD_TYPE_PLAN,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_session_init (BdSession *self)
{
}

BdSession *
bd_session_new (BdPack        *pack,
                BdCaseBackend *backend)
{
  BdSession *self;

  g_return_val_if_fail (BD_IS_PACK (pack), NULL);
  g_return_val_if_fail (BD_IS_CASE_BACKEND (backend), NULL);

  self = g_object_new (BD_TYPE_SESSION, NULL);
  self->pack = g_object_ref (pack);
  self->backend = g_object_ref (backend);
  g_signal_connect_swapped (backend, "changed", G_CALLBACK (on_backend_changed), self);
  return self;
}

/**
 * bd_session_get_pack:
 *
 * Returns: (transfer none): the guidance in the words of the open case's
 *   iOS version (for "Not sure", the newest with the older beside them);
 *   with no case open, the guidance as it came. A new case or a changed
 *   iOS version gives a new pack, with "plan".
 */
BdPack *
bd_session_get_pack (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), NULL);
  return self->words != NULL ? self->words : self->pack;
}

BdCaseBackend *
bd_session_get_backend (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), NULL);
  return self->backend;
}

/**
 * bd_session_get_case:
 *
 * Returns: (transfer none) (nullable): the open case, as last committed
 */
BdCase *
bd_session_get_case (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), NULL);
  return self->kase;
}

/**
 * bd_session_get_plan:
 *
 * Returns: (transfer none) (nullable): the open case's plan
 */
BdPlan *
bd_session_get_plan (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), NULL);
  return self->plan;
}

/**
 * bd_session_get_view:
 *
 * Returns: where the window was in the open case when it was opened, ""
 *   for nowhere yet
 */
const char *
bd_session_get_view (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), NULL);
  return self->view != NULL ? self->view : "";
}

/**
 * bd_session_is_busy:
 *
 * Returns: whether requests are still on their way to the store
 */
gboolean
bd_session_is_busy (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);
  return self->pending > 0;
}

static void
set_case (BdSession *self,
          BdCase    *kase)
{
  g_set_object (&self->kase, kase);
  g_clear_object (&self->plan);
  if (kase != NULL)
    {
      /* the same pack again while the version stays */
      g_autoptr(BdPack) words = bd_pack_resolve (self->words != NULL ? self->words : self->pack,
                                                 bd_case_get_ios (kase));
      g_set_object (&self->words, words);
      self->plan = bd_plan_new (self->words, kase);
    }
  else
    g_clear_object (&self->words);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static gboolean
is_open (BdSession  *self,
         const char *id)
{
  return self->kase != NULL && id != NULL && g_str_equal (bd_case_get_id (self->kase), id);
}

/* --- talking to the store --------------------------------------------- */

typedef enum
{
  AFTER_NOTHING, /* a change to the open case: show it as committed */
  AFTER_OPEN,    /* the case answered becomes the open one, with its view */
  AFTER_CLOSE,   /* the open case is gone */
} After;

typedef struct
{
  After after;
  guint64 serial;
  char *case_id;   /* the case the request is about, when it is one */
} Call;

static void
call_free (Call *call)
{
  g_free (call->case_id);
  g_free (call);
}

static void
replied (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BdSession *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);
  gboolean newest = call->serial == self->serial;

  self->pending--;
  if (reply == NULL)
    {
      /* what is shown must be what is stored: read the case back */
      if (call->after == AFTER_NOTHING && is_open (self, call->case_id) && newest)
        reload (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (call->after == AFTER_OPEN && !newest)
    {
      /* the person went elsewhere meanwhile: this open is void */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "another case was opened since");
      return;
    }
  if (call->after == AFTER_OPEN)
    {
      g_free (self->view);
      self->view = g_steal_pointer (&reply->view);
      set_case (self, reply->kase);
    }
  else if (call->after == AFTER_CLOSE && is_open (self, call->case_id))
    set_case (self, NULL);
  /* only the newest request's snapshot: a later one holds this one too */
  else if (call->after == AFTER_NOTHING && reply->kase != NULL && newest && is_open (self, call->case_id))
    set_case (self, reply->kase);
  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) bd_case_reply_free);
}

static void
send (BdSession           *self,
      BdCaseRequest       *request,
      After                after,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  Call *call = g_new0 (Call, 1);

  g_task_set_source_tag (task, send);
  call->after = after;
  call->case_id = g_strdup (request->id);
  if (after == AFTER_OPEN || request->load_after || request->op == BD_CASE_OP_LOAD)
    call->serial = ++self->serial;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  self->pending++;
  bd_case_backend_run_async (self->backend, request, NULL, replied, task);
}

static void
reload (BdSession *self)
{
  BdCaseRequest *request = bd_case_request_new (BD_CASE_OP_LOAD, bd_case_get_id (self->kase));

  /* the view stays as the window left it; only the case is read again */
  send (self, request, AFTER_NOTHING, NULL, NULL);
}

static gboolean
refuse (BdSession           *self,
        GError              *error,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_task_report_error (self, callback, user_data, send, error);
  return FALSE;
}

/* A request about the open case, or NULL after reporting that none is. */
static BdCaseRequest *
case_request (BdSession           *self,
              BdCaseOp             op,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  BdCaseRequest *request;

  if (self->kase == NULL)
    {
      refuse (self, g_error_new (BD_ERROR, BD_ERROR_NOT_FOUND, "no case is open"), callback, user_data);
      return NULL;
    }
  request = bd_case_request_new (op, bd_case_get_id (self->kase));
  request->load_after = TRUE;
  return request;
}

/**
 * bd_session_write_finish:
 *
 * Finishes any of the session's requests but undo.
 */
gboolean
bd_session_write_finish (BdSession     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(BdCaseReply) reply = NULL;

  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  return reply != NULL;
}

/* --- opening ----------------------------------------------------------- */

/**
 * bd_session_open_case_async:
 *
 * Reads the case and where the window was in it, then makes it the open
 * case. When the person opens, starts or closes another case meanwhile,
 * that wins: this one finishes with %G_IO_ERROR_CANCELLED. Finish with
 * bd_session_write_finish().
 */
void
bd_session_open_case_async (BdSession           *self,
                            const char          *id,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BD_IS_SESSION (self));
  g_return_if_fail (id != NULL);

  send (self, bd_case_request_new (BD_CASE_OP_LOAD, id), AFTER_OPEN, callback, user_data);
}

void
bd_session_close_case (BdSession *self)
{
  g_return_if_fail (BD_IS_SESSION (self));

  /* an open still on its way must not reopen what the person left */
  self->serial++;
  if (self->kase != NULL)
    set_case (self, NULL);
}

static const char *
symptom_text (BdSession  *self,
              const char *symptom_id,
              GError    **error)
{
  BdSymptom *symptom = bd_pack_lookup_symptom (self->pack, symptom_id);

  if (symptom == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no symptom %s", symptom_id);
      return NULL;
    }
  return bd_text_get (bd_symptom_get_text (symptom));
}

/**
 * bd_session_new_case_async:
 * @symptom_id: (nullable): the symptom the person chose
 *
 * Starts a case on the guidance in use and opens it.
 */
void
bd_session_new_case_async (BdSession           *self,
                           const char          *symptom_id,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(BdCase) kase = NULL;
  BdCaseRequest *request;
  GError *error = NULL;

  g_return_if_fail (BD_IS_SESSION (self));

  kase = bd_case_new (bd_pack_get_id (self->pack), bd_pack_get_version (self->pack));
  if (symptom_id != NULL)
    {
      const char *text = symptom_text (self, symptom_id, &error);
      if (text == NULL)
        {
          refuse (self, error, callback, user_data);
          return;
        }
      bd_case_add_symptom (kase, symptom_id, text);
    }
  request = bd_case_request_new (BD_CASE_OP_INSERT, bd_case_get_id (kase));
  request->kase = g_steal_pointer (&kase);
  request->load_after = TRUE;
  send (self, request, AFTER_OPEN, callback, user_data);
}

/* --- changes to the open case ------------------------------------------ */

void
bd_session_add_symptom_async (BdSession           *self,
                              const char          *symptom_id,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BdCaseRequest *request;
  const char *text;
  GError *error = NULL;

  g_return_if_fail (BD_IS_SESSION (self));

  if ((text = symptom_text (self, symptom_id, &error)) == NULL)
    {
      refuse (self, error, callback, user_data);
      return;
    }
  if ((request = case_request (self, BD_CASE_OP_ADD_SYMPTOM, callback, user_data)) == NULL)
    return;
  request->symptom_id = g_strdup (symptom_id);
  request->text = g_strdup (text);
  send (self, request, AFTER_NOTHING, callback, user_data);
}

/* The one check, for the window and the CLI alike, that a step belongs to
 * its guide and is ticked on a device the case has. */
static BdStep *
check_step (BdSession   *self,
            const char  *guide_id,
            const char  *step_id,
            BdDevice     device,
            GError     **error)
{
  BdGuide *guide = bd_pack_lookup_guide (bd_session_get_pack (self), guide_id);
  BdStep *step = guide ? bd_guide_lookup_step (guide, step_id) : NULL;

  if (step == NULL)
    g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no step %s in guide %s", step_id, guide_id);
  else if (bd_step_get_per_device (step) && device == BD_DEVICE_NONE)
    g_set_error (error, BD_ERROR, BD_ERROR_DEVICE_NEEDED, "step %s is per device", step_id);
  else if (!bd_step_get_per_device (step) && device != BD_DEVICE_NONE)
    g_set_error (error, BD_ERROR, BD_ERROR_DEVICE_NOT_NEEDED, "step %s is not per device", step_id);
  else if (device != BD_DEVICE_NONE && !(bd_case_get_devices (self->kase) & device))
    g_set_error (error, BD_ERROR, BD_ERROR_NO_SUCH_DEVICE, "the case has no %s", bd_device_to_string (device));
  else
    return step;
  return NULL;
}

/**
 * bd_session_set_step_async:
 *
 * Records a step's state, keeping the words the step shows now in the
 * person's language. "plan" changes once it is committed; finish with
 * bd_session_write_finish().
 */
void
bd_session_set_step_async (BdSession           *self,
                           const char          *guide_id,
                           const char          *step_id,
                           BdDevice             device,
                           BdStepState          state,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  BdCaseRequest *request;
  GError *error = NULL;
  BdStep *step;

  g_return_if_fail (BD_IS_SESSION (self));
  g_return_if_fail (guide_id != NULL && step_id != NULL);

  if ((request = case_request (self, BD_CASE_OP_SET_STEP, callback, user_data)) == NULL)
    return;
  if ((step = check_step (self, guide_id, step_id, device, &error)) == NULL)
    {
      bd_case_request_free (request);
      refuse (self, error, callback, user_data);
      return;
    }
  request->guide_id = g_strdup (guide_id);
  request->step_id = g_strdup (step_id);
  request->text = g_strdup (bd_text_get (bd_step_get_text_on (step, device)));
  request->device = device;
  request->state = state;
  send (self, request, AFTER_NOTHING, callback, user_data);
}

/**
 * bd_session_answer_async:
 *
 * Answers "Did the badge clear?" after a guide: cleared resolves the case.
 */
void
bd_session_answer_async (BdSession           *self,
                         const char          *guide_id,
                         BdOutcome            outcome,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  BdCaseRequest *request;

  g_return_if_fail (BD_IS_SESSION (self));
  g_return_if_fail (guide_id != NULL);

  if (bd_pack_lookup_guide (self->pack, guide_id) == NULL)
    {
      refuse (self, g_error_new (BD_ERROR, BD_ERROR_NOT_FOUND, "there is no guide %s", guide_id),
              callback, user_data);
      return;
    }
  if ((request = case_request (self, BD_CASE_OP_ADD_OUTCOME, callback, user_data)) == NULL)
    return;
  request->guide_id = g_strdup (guide_id);
  request->outcome = outcome;
  send (self, request, AFTER_NOTHING, callback, user_data);
}

void
bd_session_set_status_async (BdSession           *self,
                             BdCaseStatus         status,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BdCaseRequest *request;

  g_return_if_fail (BD_IS_SESSION (self));
  g_return_if_fail (status <= BD_CASE_STATUS_ESCALATED);

  if ((request = case_request (self, BD_CASE_OP_SET_STATUS, callback, user_data)) == NULL)
    return;
  request->status = status;
  send (self, request, AFTER_NOTHING, callback, user_data);
}

/**
 * bd_session_set_details_async:
 * @fields: the details a view changed on bd_session_get_case() with the
 *   case's setters
 *
 * Commits just @fields (copied now, so later edits do not race the
 * commit): two people editing different details both keep theirs.
 */
void
bd_session_set_details_async (BdSession           *self,
                              BdCaseFields         fields,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BdCaseRequest *request;

  g_return_if_fail (BD_IS_SESSION (self));

  if ((request = case_request (self, BD_CASE_OP_SET_DETAILS, callback, user_data)) == NULL)
    return;
  request->kase = bd_case_copy_details (self->kase);
  request->fields = fields;
  send (self, request, AFTER_NOTHING, callback, user_data);
}

/**
 * bd_session_delete_case_async:
 *
 * Deletes the open case (undoable) and closes it once that is committed.
 */
void
bd_session_delete_case_async (BdSession           *self,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BdCaseRequest *request;

  g_return_if_fail (BD_IS_SESSION (self));

  if ((request = case_request (self, BD_CASE_OP_DELETE, callback, user_data)) == NULL)
    return;
  request->load_after = FALSE;
  send (self, request, AFTER_CLOSE, callback, user_data);
}

/* --- undo -------------------------------------------------------------- */

static void
undone (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  BdCaseReply *reply = g_task_propagate_pointer (G_TASK (result), &error);
  BdCaseReply *undo = g_task_get_task_data (task);

  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  bd_case_reply_free (reply);
  g_task_return_int (task, undo->undo_kind);
}

static void
undo_replied (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BdSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  BdCaseReply *reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);

  self->pending--;
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, reply, (GDestroyNotify) bd_case_reply_free);
  /* the case it touched opens, so the person sees what came back */
  bd_session_open_case_async (self, reply->id, undone, g_steal_pointer (&task));
}

/**
 * bd_session_undo_async:
 *
 * Undoes the latest delete or step change in the store, from this
 * process or another; the case it touched is opened.
 */
void
bd_session_undo_async (BdSession           *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BD_IS_SESSION (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, bd_session_undo_async);
  self->pending++;
  bd_case_backend_run_async (self->backend, bd_case_request_new (BD_CASE_OP_UNDO, NULL), NULL,
                             undo_replied, task);
}

/**
 * bd_session_undo_finish:
 * @kind: (out) (optional): what was undone
 *
 * Returns: %FALSE with %BD_ERROR_NOT_FOUND when there was nothing to undo
 */
gboolean
bd_session_undo_finish (BdSession     *self,
                        GAsyncResult  *result,
                        BdUndoKind    *kind,
                        GError       **error)
{
  GError *local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (kind != NULL)
    *kind = (BdUndoKind) value;
  return TRUE;
}

/* --- where the window was ---------------------------------------------- */

static void
view_saved (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);

  if (reply == NULL)
    g_debug ("could not remember the view: %s", error->message);
}

/**
 * bd_session_set_view:
 * @view: where the window is in the open case, in the window's own words
 *
 * Remembers it in the store, in order with every other request, without
 * waiting: not an action of the person's, so a failure only costs the
 * place the case reopens at.
 */
void
bd_session_set_view (BdSession  *self,
                     const char *view)
{
  BdCaseRequest *request;

  g_return_if_fail (BD_IS_SESSION (self));
  g_return_if_fail (view != NULL);

  if (self->kase == NULL)
    return;
  g_free (self->view);
  self->view = g_strdup (view);
  request = bd_case_request_new (BD_CASE_OP_SET_VIEW, bd_case_get_id (self->kase));
  request->text = g_strdup (view);
  bd_case_backend_run_async (self->backend, request, NULL, view_saved, NULL);
}
