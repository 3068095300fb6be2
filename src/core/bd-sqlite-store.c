/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-sqlite-store"

#include "bd-config.h"

#include "bd-error.h"
#include "bd-sqlite-store.h"

/*
 * The embedded case store as a BdCaseBackend. Two lanes, each one worker
 * thread with its own BdCaseStore connection: the writer lane carries out
 * every change and every read of one case (so a case read after a change
 * has it), in the order asked; the reader lane lists, counts and reads
 * list rows, so a sidebar still answers while a change waits for a lock
 * another process holds (WAL lets readers go on). The thread that made the
 * store never waits on SQLite: not for a lock, not for an fsync, not for
 * opening.
 *
 * Changes another process commits are noticed by a cheap poll of
 * PRAGMA data_version, made on the writer while it has nothing else to do.
 */

/* One worker thread and the connection only it uses. */
typedef struct
{
  BdSqliteStore *self;
  GThreadPool *pool;
  GThread *thread;       /* set by the worker itself */
  BdCaseStore *conn;
  gint64 data_version;
  int epoch;             /* the store's epoch the connection was opened in */
} Lane;

struct _BdSqliteStore
{
  GObject parent_instance;

  char *path;
  BdCaseStoreFlags flags;
  GMainContext *context; /* of the thread that made the store */
  Lane writer;
  Lane reader;
  guint poll_id;
  int epoch;             /* atomic: a new file after a damaged one was moved */

  GMutex lock;
  GMutex open_lock;
  GCond done_cond;
  guint64 queued;        /* under lock */
  guint64 done;          /* under lock */
  char *recovered_path;  /* under lock */
  gboolean read_only;    /* under lock */
};

static void backend_init (BdCaseBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BdSqliteStore, bd_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BD_TYPE_CASE_BACKEND, backend_init))

/* --- on the worker --------------------------------------------------- */

static gboolean
ensure_open (Lane    *lane,
             GError **error)
{
  BdSqliteStore *self = lane->self;
  int epoch = g_atomic_int_get (&self->epoch);

  /* the writer moved a damaged file aside: this connection has the old one */
  if (lane->conn != NULL && lane->epoch != epoch)
    g_clear_object (&lane->conn);
  if (lane->conn != NULL)
    return TRUE;
  /* The lanes open one at a time: two connections setting up a new file
   * at once (WAL mode, the schema) can each wait for the other's lock,
   * and one gives up as busy. */
  g_mutex_lock (&self->open_lock);
  lane->conn = bd_case_store_open (self->path, self->flags, error);
  g_mutex_unlock (&self->open_lock);
  if (lane->conn == NULL)
    return FALSE;
  lane->epoch = epoch;
  lane->data_version = bd_case_store_get_data_version (lane->conn);
  return TRUE;
}

/* Remembers what the person should be told about the store. Returns
 * whether @conn has just moved a damaged file aside: the other lane's
 * connection then has the old file and opens again. */
static gboolean
note_state (BdSqliteStore *self,
            BdCaseStore   *conn)
{
  gboolean moved = FALSE;

  g_mutex_lock (&self->lock);
  if (bd_case_store_get_recovered_path (conn) != NULL
      && g_strcmp0 (self->recovered_path, bd_case_store_get_recovered_path (conn)) != 0)
    {
      g_free (self->recovered_path);
      self->recovered_path = g_strdup (bd_case_store_get_recovered_path (conn));
      g_atomic_int_inc (&self->epoch);
      moved = TRUE;
    }
  self->read_only = bd_case_store_is_read_only (conn);
  g_mutex_unlock (&self->lock);
  return moved;
}

static gboolean
write_request (BdCaseStore    *store,
               BdCaseRequest  *r,
               BdCaseReply    *reply,
               GError        **error)
{
  switch (r->op)
    {
    case BD_CASE_OP_OPEN:
      return TRUE;
    case BD_CASE_OP_INSERT:
      return bd_case_store_insert (store, r->kase, error)
             && ((reply->id = g_strdup (bd_case_get_id (r->kase))) != NULL);
    case BD_CASE_OP_IMPORT:
      return (reply->id = bd_case_store_import (store, r->kase, error)) != NULL;
    case BD_CASE_OP_SET_STEP:
      return bd_case_store_set_step (store, r->id, r->guide_id, r->step_id, r->text, r->device, r->state, error);
    case BD_CASE_OP_ADD_OUTCOME:
      return bd_case_store_add_outcome (store, r->id, r->guide_id, r->outcome, error);
    case BD_CASE_OP_SET_STATUS:
      return bd_case_store_set_status (store, r->id, r->status, error);
    case BD_CASE_OP_ADD_SYMPTOM:
      return bd_case_store_add_symptom (store, r->id, r->symptom_id, r->text, error);
    case BD_CASE_OP_SET_DETAILS:
      return bd_case_store_set_details (store, r->id, r->kase, r->fields, error);
    case BD_CASE_OP_APPEND_NOTES:
      return bd_case_store_append_notes (store, r->id, r->text, error);
    case BD_CASE_OP_DELETE:
      return bd_case_store_delete (store, r->id, error);
    case BD_CASE_OP_UNDO:
      return bd_case_store_undo (store, &reply->undo_kind, &reply->id, error);
    case BD_CASE_OP_SET_VIEW:
      return bd_case_store_set_view (store, r->id, r->text, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
maintain (BdCaseStore    *store,
          BdCaseRequest  *r,
          BdCaseReply    *reply,
          GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  reply->count = bd_case_store_purge_deleted (store, r->before, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return !r->check || bd_case_store_check (store, error);
}

static gboolean
read_request (BdCaseStore    *store,
              BdCaseRequest  *r,
              BdCaseReply    *reply,
              GError        **error)
{
  switch (r->op)
    {
    case BD_CASE_OP_LOAD:
      return (reply->kase = bd_case_store_load (store, r->id, error)) != NULL
             && (reply->view = bd_case_store_dup_view (store, r->id, error)) != NULL;
    case BD_CASE_OP_RESOLVE:
      return (reply->id = bd_case_store_resolve (store, r->id, error)) != NULL;
    case BD_CASE_OP_LIST:
      return (reply->list = bd_case_store_list (store, r->text, r->status, error)) != NULL;
    case BD_CASE_OP_SUMMARIES:
      return (reply->list = bd_case_store_get_summaries (store, r->ids, error)) != NULL;
    case BD_CASE_OP_COUNT:
      return bd_case_store_count (store, &reply->count, error);
    case BD_CASE_OP_MAINTAIN:
      return maintain (store, r, reply, error);
    default:
      return write_request (store, r, reply, error);
    }
}

static gboolean
is_change (BdCaseOp op)
{
  return op != BD_CASE_OP_OPEN && op != BD_CASE_OP_LOAD && op != BD_CASE_OP_RESOLVE
         && op != BD_CASE_OP_LIST && op != BD_CASE_OP_SUMMARIES && op != BD_CASE_OP_COUNT
         && op != BD_CASE_OP_SET_VIEW;
}

typedef struct
{
  BdSqliteStore *self;
  char *id;
} Changed;

static gboolean
emit_changed (gpointer data)
{
  Changed *changed = data;

  bd_case_backend_emit_changed (BD_CASE_BACKEND (changed->self), changed->id);
  g_object_unref (changed->self);
  g_free (changed->id);
  g_free (changed);
  return G_SOURCE_REMOVE;
}

static void
queue_changed (BdSqliteStore *self,
               const char    *id)
{
  Changed *changed;

  /* nobody listens (the CLI): nothing to tell, and no reference to keep */
  if (!g_signal_has_handler_pending (self, g_signal_lookup ("changed", BD_TYPE_CASE_BACKEND), 0, TRUE))
    return;
  changed = g_new0 (Changed, 1);
  changed->self = g_object_ref (self);
  changed->id = g_strdup (id);
  g_main_context_invoke (self->context, emit_changed, changed);
}

static BdCaseReply *
carry_out (Lane           *lane,
           BdCaseRequest  *r,
           GError        **error)
{
  BdSqliteStore *self = lane->self;
  g_autoptr(BdCaseReply) reply = g_new0 (BdCaseReply, 1);
  g_autoptr(GError) local_error = NULL;
  gboolean ok = ensure_open (lane, &local_error) && read_request (lane->conn, r, reply, &local_error);
  const char *id = reply->id != NULL ? reply->id : r->id;

  /* SQLite found damage: check the whole file now, and move it aside if
   * the check agrees (only the writer moves files) */
  if (!ok && lane == &self->writer && lane->conn != NULL
      && g_error_matches (local_error, BD_ERROR, BD_ERROR_CORRUPT) && r->op != BD_CASE_OP_MAINTAIN)
    bd_case_store_check (lane->conn, NULL);
  if (lane->conn != NULL)
    {
      /* this connection is on the new file already */
      if (note_state (self, lane->conn))
        lane->epoch = g_atomic_int_get (&self->epoch);
      lane->data_version = bd_case_store_get_data_version (lane->conn);
    }
  if (!ok)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  if (is_change (r->op))
    queue_changed (self, r->op == BD_CASE_OP_MAINTAIN ? NULL : id);
  if (r->load_after && id != NULL && r->op != BD_CASE_OP_DELETE)
    {
      reply->kase = bd_case_store_load (lane->conn, id, &local_error);
      if (reply->kase == NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
    }
  return g_steal_pointer (&reply);
}

/* Another process committed since the writer last looked. */
static void
poll_changes (Lane *lane)
{
  gint64 version;

  if (!ensure_open (lane, NULL))
    return;
  version = bd_case_store_get_data_version (lane->conn);
  if (version >= 0 && version != lane->data_version)
    {
      lane->data_version = version;
      queue_changed (lane->self, NULL);
    }
}

static void
job_done (BdSqliteStore *self)
{
  g_mutex_lock (&self->lock);
  self->done++;
  g_cond_broadcast (&self->done_cond);
  g_mutex_unlock (&self->lock);
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Lane *lane = user_data;
  BdSqliteStore *self = lane->self;
  GTask *task = data;
  GError *error = NULL;
  BdCaseReply *reply;

  lane->thread = g_thread_self ();
  /* a poll is a task too, so the store outlives it */
  if (g_task_get_task_data (task) == NULL)
    {
      poll_changes (lane);
      g_task_return_boolean (task, TRUE);
    }
  else if (!g_task_return_error_if_cancelled (task))
    {
      reply = carry_out (lane, g_task_get_task_data (task), &error);
      if (reply != NULL)
        g_task_return_pointer (task, reply, (GDestroyNotify) bd_case_reply_free);
      else
        g_task_return_error (task, error);
    }
  job_done (self);
  g_object_unref (task);
}

/* --- on the thread that made the store -------------------------------- */

static void
push (BdSqliteStore *self,
      Lane          *lane,
      gpointer       job)
{
  g_mutex_lock (&self->lock);
  self->queued++;
  g_mutex_unlock (&self->lock);
  g_thread_pool_push (lane->pool, job, NULL);
}

/* Lists and their rows never wait behind a change: the reader lane. */
static gboolean
is_list_read (BdCaseOp op)
{
  return op == BD_CASE_OP_LIST || op == BD_CASE_OP_SUMMARIES || op == BD_CASE_OP_COUNT;
}

static gboolean
poll_tick (gpointer user_data)
{
  BdSqliteStore *self = user_data;

  /* only while idle: a busy worker notices nothing new anyway */
  if (g_thread_pool_unprocessed (self->writer.pool) == 0)
    push (self, &self->writer, g_task_new (self, NULL, NULL, NULL));
  return G_SOURCE_CONTINUE;
}

static void
bd_sqlite_store_run_async (BdCaseBackend       *backend,
                           BdCaseRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  BdSqliteStore *self = BD_SQLITE_STORE (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, bd_sqlite_store_run_async);
  g_task_set_task_data (task, request, (GDestroyNotify) bd_case_request_free);
  push (self, is_list_read (request->op) ? &self->reader : &self->writer, task);
}

static void
bd_sqlite_store_flush (BdCaseBackend *backend)
{
  BdSqliteStore *self = BD_SQLITE_STORE (backend);

  g_mutex_lock (&self->lock);
  while (self->done < self->queued)
    g_cond_wait (&self->done_cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

static char *
bd_sqlite_store_dup_name (BdCaseBackend *backend)
{
  return g_filename_display_name (BD_SQLITE_STORE (backend)->path);
}

static char *
bd_sqlite_store_dup_recovered_path (BdCaseBackend *backend)
{
  BdSqliteStore *self = BD_SQLITE_STORE (backend);
  char *path;

  g_mutex_lock (&self->lock);
  path = g_strdup (self->recovered_path);
  g_mutex_unlock (&self->lock);
  return path;
}

static gboolean
bd_sqlite_store_is_read_only (BdCaseBackend *backend)
{
  BdSqliteStore *self = BD_SQLITE_STORE (backend);
  gboolean read_only;

  g_mutex_lock (&self->lock);
  read_only = self->read_only;
  g_mutex_unlock (&self->lock);
  return read_only;
}

static void
backend_init (BdCaseBackendInterface *iface)
{
  iface->run_async = bd_sqlite_store_run_async;
  iface->flush = bd_sqlite_store_flush;
  iface->dup_name = bd_sqlite_store_dup_name;
  iface->dup_recovered_path = bd_sqlite_store_dup_recovered_path;
  iface->is_read_only = bd_sqlite_store_is_read_only;
}

/* Every request holds the store, so none is left when the last reference
 * goes; a worker may drop that reference itself, and must not wait for its
 * own thread then. */
static void
lane_close (Lane *lane)
{
  gboolean on_a_worker = lane->self->writer.thread == g_thread_self ()
                         || lane->self->reader.thread == g_thread_self ();

  if (lane->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&lane->pool), FALSE, !on_a_worker);
  g_clear_object (&lane->conn);
}

static void
bd_sqlite_store_dispose (GObject *object)
{
  BdSqliteStore *self = BD_SQLITE_STORE (object);

  if (self->poll_id != 0)
    g_source_destroy (g_main_context_find_source_by_id (self->context, self->poll_id));
  self->poll_id = 0;
  lane_close (&self->writer);
  lane_close (&self->reader);
  G_OBJECT_CLASS (bd_sqlite_store_parent_class)->dispose (object);
}

static void
bd_sqlite_store_finalize (GObject *object)
{
  BdSqliteStore *self = BD_SQLITE_STORE (object);

  g_free (self->path);
  g_free (self->recovered_path);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->open_lock);
  g_cond_clear (&self->done_cond);
  G_OBJECT_CLASS (bd_sqlite_store_parent_class)->finalize (object);
}

static void
bd_sqlite_store_class_init (BdSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bd_sqlite_store_dispose;
  G_OBJECT_CLASS (klass)->finalize = bd_sqlite_store_finalize;
}

static void
bd_sqlite_store_init (BdSqliteStore *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->open_lock);
  g_cond_init (&self->done_cond);
  self->context = g_main_context_ref_thread_default ();
  self->writer.self = self;
  self->writer.pool = g_thread_pool_new (worker, &self->writer, 1, FALSE, NULL);
  self->reader.self = self;
  self->reader.pool = g_thread_pool_new (worker, &self->reader, 1, FALSE, NULL);
}

/**
 * bd_sqlite_store_new:
 * @path: the database file
 * @flags: %BD_CASE_STORE_READ_ONLY for a reader that never writes
 *
 * Makes the store without touching the disk: it is opened on the worker
 * by the first request (or %BD_CASE_OP_OPEN).
 */
BdSqliteStore *
bd_sqlite_store_new (const char       *path,
                     BdCaseStoreFlags  flags)
{
  BdSqliteStore *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BD_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);
  self->flags = flags;
  self->read_only = (flags & BD_CASE_STORE_READ_ONLY) != 0;
  return self;
}

BdSqliteStore *
bd_sqlite_store_new_default (BdCaseStoreFlags flags)
{
  g_autofree char *path = bd_case_store_dup_default_path ();

  return bd_sqlite_store_new (path, flags);
}

/**
 * bd_sqlite_store_set_poll_interval:
 * @milliseconds: how often to look for changes other processes made; 0
 *   never
 *
 * For a window that shows what the CLI or another window changed.
 */
void
bd_sqlite_store_set_poll_interval (BdSqliteStore *self,
                                   guint          milliseconds)
{
  GSource *source;

  g_return_if_fail (BD_IS_SQLITE_STORE (self));

  if (self->poll_id != 0)
    g_source_destroy (g_main_context_find_source_by_id (self->context, self->poll_id));
  self->poll_id = 0;
  if (milliseconds == 0)
    return;
  source = g_timeout_source_new (milliseconds);
  g_source_set_callback (source, poll_tick, self, NULL);
  g_source_set_static_name (source, "[bd] case store poll");
  self->poll_id = g_source_attach (source, self->context);
  g_source_unref (source);
}
