/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-session"

#include "bd-config.h"

#include <glib/gi18n-lib.h>

#include "bd-error.h"
#include "bd-session.h"

/*
 * What one window works on: the guidance, the store, the case that is
 * open and its plan. Every action a person takes goes through here: it is
 * committed to the store first, then the case is read back and the plan
 * made anew, and only then does "changed" tell the views. A view never
 * holds state of its own that the store does not have.
 */
struct _BdSession
{
  GObject parent_instance;

  BdPack *pack;
  BdCaseStore *store;
  BdCase *kase;
  BdPlan *plan;

  /* Writes a person makes often (ticks, answers, details) commit on one
   * worker thread, in order, on a connection of its own, so an fsync
   * never holds up the window; reads stay here (WAL lets them run while
   * the worker commits). */
  GThreadPool *writer;
  BdCaseStore *writer_store; /* used only on the worker thread */
  guint pending;             /* queued and not yet reported back */
  guint64 serial;            /* of the latest write, queued or direct */
  GMutex lock;
  GCond committed_cond;
  guint64 queued;            /* under lock: jobs pushed ... */
  guint64 committed;         /* ... and finished on the worker */
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

static void
bd_session_dispose (GObject *object)
{
  BdSession *self = BD_SESSION (object);

  /* let queued writes land: each is a person's action */
  if (self->writer != NULL)
    g_thread_pool_free (g_steal_pointer (&self->writer), FALSE, TRUE);
  g_clear_object (&self->writer_store);

  g_clear_object (&self->pack);
  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (bd_session_parent_class)->dispose (object);
}

static void
bd_session_finalize (GObject *object)
{
  BdSession *self = BD_SESSION (object);

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->committed_cond);
  G_OBJECT_CLASS (bd_session_parent_class)->finalize (object);
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
  object_class->finalize = bd_session_finalize;
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
  g_mutex_init (&self->lock);
  g_cond_init (&self->committed_cond);
}


BdSession *
bd_session_new (BdPack      *pack,
                BdCaseStore *store)
{
  BdSession *self;

  g_return_val_if_fail (BD_IS_PACK (pack), NULL);
  g_return_val_if_fail (BD_IS_CASE_STORE (store), NULL);

  self = g_object_new (BD_TYPE_SESSION, NULL);
  self->pack = g_object_ref (pack);
  self->store = g_object_ref (store);
  return self;
}

BdPack *
bd_session_get_pack (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), NULL);
  return self->pack;
}

BdCaseStore *
bd_session_get_store (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), NULL);
  return self->store;
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

static void
set_case (BdSession *self,
          BdCase    *kase)
{
  g_set_object (&self->kase, kase);
  g_clear_object (&self->plan);
  if (kase != NULL)
    self->plan = bd_plan_new (self->pack, kase);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/* Reads the open case back after a commit, so views show what is stored. */
static gboolean
reload (BdSession  *self,
        GError    **error)
{
  g_autoptr(BdCase) kase = NULL;

  if (self->kase == NULL)
    return TRUE;
  kase = bd_case_store_load (self->store, bd_case_get_id (self->kase), error);
  if (kase == NULL)
    return FALSE;
  set_case (self, kase);
  return TRUE;
}

/* Before a write on this thread: every queued write is committed first,
 * and snapshots of those writes no longer replace what this one shows. */
static void
flush (BdSession *self)
{
  bd_session_wait (self);
  self->serial++;
}

static gboolean
require_case (BdSession  *self,
              GError    **error)
{
  if (self->kase != NULL)
    return TRUE;
  g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "no case is open");
  return FALSE;
}

gboolean
bd_session_open_case (BdSession   *self,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(BdCase) kase = NULL;

  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  kase = bd_case_store_load (self->store, id, error);
  if (kase == NULL)
    return FALSE;
  set_case (self, kase);
  return TRUE;
}

void
bd_session_close_case (BdSession *self)
{
  g_return_if_fail (BD_IS_SESSION (self));

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
 * bd_session_new_case:
 * @symptom_id: (nullable): the symptom the person chose
 *
 * Starts a case on the guidance in use and opens it.
 */
gboolean
bd_session_new_case (BdSession   *self,
                     const char  *symptom_id,
                     GError     **error)
{
  g_autoptr(BdCase) kase = NULL;

  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);

  flush (self);

  kase = bd_case_new (bd_pack_get_id (self->pack), bd_pack_get_version (self->pack));
  if (symptom_id != NULL)
    {
      const char *text = symptom_text (self, symptom_id, error);
      if (text == NULL)
        return FALSE;
      bd_case_add_symptom (kase, symptom_id, text);
    }
  if (!bd_case_store_insert (self->store, kase, error))
    return FALSE;
  return bd_session_open_case (self, bd_case_get_id (kase), error);
}

gboolean
bd_session_add_symptom (BdSession   *self,
                        const char  *symptom_id,
                        GError     **error)
{
  const char *text;

  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);

  flush (self);

  if (!require_case (self, error) || (text = symptom_text (self, symptom_id, error)) == NULL)
    return FALSE;
  return bd_case_store_add_symptom (self->store, bd_case_get_id (self->kase), symptom_id, text, error)
         && reload (self, error);
}

/**
 * bd_session_set_step:
 *
 * Records a step's state, keeping the words the step shows now in the
 * person's language.
 */
gboolean
bd_session_set_step (BdSession    *self,
                     const char   *guide_id,
                     const char   *step_id,
                     BdDevice      device,
                     BdStepState   state,
                     GError      **error)
{
  BdGuide *guide;
  BdStep *step;

  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);

  flush (self);

  if (!require_case (self, error))
    return FALSE;
  guide = bd_pack_lookup_guide (self->pack, guide_id);
  step = guide ? bd_guide_lookup_step (guide, step_id) : NULL;
  if (step == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no step %s in guide %s", step_id, guide_id);
      return FALSE;
    }
  if ((device == BD_DEVICE_NONE) == bd_step_get_per_device (step))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   "step %s %s per device", step_id, bd_step_get_per_device (step) ? "is" : "is not");
      return FALSE;
    }
  return bd_case_store_set_step (self->store, bd_case_get_id (self->kase), guide_id, step_id,
                                 bd_text_get (bd_step_get_text (step)), device, state, error)
         && reload (self, error);
}

/**
 * bd_session_answer:
 *
 * Answers "Did the badge clear?" after a guide: cleared resolves the case.
 */
gboolean
bd_session_answer (BdSession   *self,
                   const char  *guide_id,
                   BdOutcome    outcome,
                   GError     **error)
{
  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);

  if (!require_case (self, error))
    return FALSE;
  return bd_case_store_add_outcome (self->store, bd_case_get_id (self->kase), guide_id, outcome, error)
         && reload (self, error);
}

gboolean
bd_session_set_status (BdSession     *self,
                       BdCaseStatus   status,
                       GError       **error)
{
  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);

  flush (self);

  if (!require_case (self, error))
    return FALSE;
  return bd_case_store_set_status (self->store, bd_case_get_id (self->kase), status, error)
         && reload (self, error);
}

/**
 * bd_session_save_details:
 *
 * Commits what a view changed on bd_session_get_case() with the case's
 * setters: label, ticket, notes, device details.
 */
gboolean
bd_session_save_details (BdSession  *self,
                         GError    **error)
{
  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);

  flush (self);

  if (!require_case (self, error))
    return FALSE;
  return bd_case_store_save_details (self->store, self->kase, error) && reload (self, error);
}

/**
 * bd_session_delete_case:
 *
 * Deletes the open case (undoable) and closes it.
 */
gboolean
bd_session_delete_case (BdSession  *self,
                        GError    **error)
{
  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);

  flush (self);

  if (!require_case (self, error)
      || !bd_case_store_delete (self->store, bd_case_get_id (self->kase), error))
    return FALSE;
  set_case (self, NULL);
  return TRUE;
}

/**
 * bd_session_undo:
 *
 * Undoes the latest delete or step change in the store; the case it
 * touched is opened, so the person sees what came back.
 */
gboolean
bd_session_undo (BdSession   *self,
                 BdUndoKind  *kind,
                 GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);

  flush (self);

  flush (self);

  if (!bd_case_store_undo (self->store, kind, &id, error))
    return FALSE;
  return bd_session_open_case (self, id, error);
}

/**
 * bd_session_dup_view:
 *
 * Returns: (transfer full): where the window was in the open case, or ""
 */
char *
bd_session_dup_view (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), NULL);

  if (self->kase == NULL)
    return g_strdup ("");
  return bd_case_store_dup_view (self->store, bd_case_get_id (self->kase));
}

void
bd_session_set_view (BdSession  *self,
                     const char *view)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BD_IS_SESSION (self));

  if (self->kase != NULL
      && !bd_case_store_set_view (self->store, bd_case_get_id (self->kase), view, &error))
    g_debug ("could not remember the view: %s", error->message);
}

/* --- writes off the main thread --------------------------------------- */

typedef enum
{
  JOB_SET_STEP,
  JOB_ANSWER,
  JOB_SAVE_DETAILS,
} JobKind;

typedef struct
{
  JobKind kind;
  char *case_id;
  char *guide_id;
  char *step_id;
  char *text;
  BdDevice device;
  BdStepState state;
  BdOutcome outcome;
  BdCase *details; /* a copy made on the main thread */
  guint64 serial;
} Job;

static void
job_free (Job *job)
{
  g_free (job->case_id);
  g_free (job->guide_id);
  g_free (job->step_id);
  g_free (job->text);
  g_clear_object (&job->details);
  g_free (job);
}

static gboolean
run_job (BdCaseStore  *store,
         Job          *job,
         GError      **error)
{
  switch (job->kind)
    {
    case JOB_SET_STEP:
      return bd_case_store_set_step (store, job->case_id, job->guide_id, job->step_id, job->text,
                                     job->device, job->state, error);
    case JOB_ANSWER:
      return bd_case_store_add_outcome (store, job->case_id, job->guide_id, job->outcome, error);
    case JOB_SAVE_DETAILS:
      return bd_case_store_save_details (store, job->details, error);
    default:
      g_assert_not_reached ();
    }
}

/* On the worker: commit, then read the case back on the same connection,
 * so what the window shows next is what was committed. */
static void
worker (gpointer data,
        gpointer user_data)
{
  g_autoptr(GTask) task = data;
  BdSession *self = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  BdCase *kase;

  if (self->writer_store == NULL)
    self->writer_store = bd_case_store_new (bd_case_store_get_path (self->store), &error);
  if (self->writer_store == NULL || !run_job (self->writer_store, job, &error))
    kase = NULL;
  else
    kase = bd_case_store_load (self->writer_store, job->case_id, &error);

  g_mutex_lock (&self->lock);
  self->committed++;
  g_cond_broadcast (&self->committed_cond);
  g_mutex_unlock (&self->lock);

  if (kase == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, kase, g_object_unref);
}

/* Back on the main thread: show the committed case if it is still open. */
static void
job_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  BdSession *self = BD_SESSION (object);
  GTask *outer = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  g_autoptr(BdCase) kase = g_task_propagate_pointer (G_TASK (result), &error);

  self->pending--;
  /* only the newest write's snapshot: a later one holds this one too */
  if (kase != NULL && job->serial == self->serial && self->kase != NULL
      && g_str_equal (bd_case_get_id (self->kase), bd_case_get_id (kase)))
    set_case (self, kase);
  if (error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
  g_object_unref (outer);
}

static void
queue (BdSession           *self,
       Job                 *job,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  GTask *outer = g_task_new (self, NULL, callback, user_data);
  GTask *inner = g_task_new (self, NULL, job_done, outer);

  g_task_set_source_tag (outer, queue);
  job->serial = ++self->serial;
  g_task_set_task_data (inner, job, (GDestroyNotify) job_free);
  if (self->writer == NULL)
    self->writer = g_thread_pool_new (worker, self, 1, TRUE, NULL);
  self->pending++;
  g_mutex_lock (&self->lock);
  self->queued++;
  g_mutex_unlock (&self->lock);
  g_thread_pool_push (self->writer, inner, NULL);
}

static void
fail_now (BdSession           *self,
          GError              *error,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_task_report_error (self, callback, user_data, queue, error);
}

/* A job for the open case, or NULL after reporting that none is open. */
static Job *
new_job (BdSession           *self,
         JobKind              kind,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  GError *error = NULL;
  Job *job;

  if (!require_case (self, &error))
    {
      fail_now (self, error, callback, user_data);
      return NULL;
    }
  job = g_new0 (Job, 1);
  job->kind = kind;
  job->case_id = g_strdup (bd_case_get_id (self->kase));
  return job;
}

static gboolean
prepare_step (BdSession    *self,
              Job          *job,
              GError      **error)
{
  BdGuide *guide;
  BdStep *step;

  guide = bd_pack_lookup_guide (self->pack, job->guide_id);
  step = guide ? bd_guide_lookup_step (guide, job->step_id) : NULL;
  if (step == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no step %s in guide %s",
                   job->step_id, job->guide_id);
      return FALSE;
    }
  if ((job->device == BD_DEVICE_NONE) == bd_step_get_per_device (step))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "step %s %s per device", job->step_id,
                   bd_step_get_per_device (step) ? "is" : "is not");
      return FALSE;
    }
  job->text = g_strdup (bd_text_get (bd_step_get_text (step)));
  return TRUE;
}

/**
 * bd_session_set_step_async:
 *
 * bd_session_set_step() without blocking: the commit happens on the
 * writer thread, in order with every other queued write, and "plan"
 * changes once it is committed. Finish with bd_session_write_finish().
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
  GError *error = NULL;
  Job *job;

  g_return_if_fail (BD_IS_SESSION (self));

  if ((job = new_job (self, JOB_SET_STEP, callback, user_data)) == NULL)
    return;
  job->guide_id = g_strdup (guide_id);
  job->step_id = g_strdup (step_id);
  job->device = device;
  job->state = state;
  if (!prepare_step (self, job, &error))
    {
      job_free (job);
      fail_now (self, error, callback, user_data);
      return;
    }
  queue (self, job, callback, user_data);
}

/**
 * bd_session_answer_async:
 *
 * bd_session_answer() without blocking; see bd_session_set_step_async().
 */
void
bd_session_answer_async (BdSession           *self,
                         const char          *guide_id,
                         BdOutcome            outcome,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BD_IS_SESSION (self));

  if ((job = new_job (self, JOB_ANSWER, callback, user_data)) == NULL)
    return;
  job->guide_id = g_strdup (guide_id);
  job->outcome = outcome;
  queue (self, job, callback, user_data);
}

/**
 * bd_session_save_details_async:
 *
 * bd_session_save_details() without blocking: the details are copied now,
 * so later edits on the main thread do not race the commit.
 */
void
bd_session_save_details_async (BdSession           *self,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BD_IS_SESSION (self));

  if ((job = new_job (self, JOB_SAVE_DETAILS, callback, user_data)) == NULL)
    return;
  job->details = bd_case_copy_details (self->kase);
  queue (self, job, callback, user_data);
}

gboolean
bd_session_write_finish (BdSession     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bd_session_wait:
 *
 * Blocks until every queued write is committed: for a window that is
 * going away, so no tick is lost when the program ends.
 */
void
bd_session_wait (BdSession *self)
{
  g_return_if_fail (BD_IS_SESSION (self));

  g_mutex_lock (&self->lock);
  while (self->committed < self->queued)
    g_cond_wait (&self->committed_cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

/**
 * bd_session_is_busy:
 *
 * Returns: whether writes are queued or being committed
 */
gboolean
bd_session_is_busy (BdSession *self)
{
  g_return_val_if_fail (BD_IS_SESSION (self), FALSE);
  return self->pending > 0;
}
