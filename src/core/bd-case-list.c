/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case-list"

#include "bd-case-list.h"
#include "bd-error.h"
#include "bd-id-list.h"

/*
 * GTK 4.8's list view spends time on every row it is told was added (half
 * a second for 100,000 at once), so a list that gains many rows at once
 * (the first list, a search cleared) says so GROW_CHUNK rows an idle: the
 * first screen shows at once and no main-loop iteration takes that long.
 * Rows that arrive together are said together, one signal a run, and a
 * row not read yet has one stand-in item until it is: the list view binds
 * a row again whenever its item or a position before it changes.
 *
 * The cases the sidebar shows, as a GListModel of BdCaseItem. A help desk
 * keeps a hundred thousand cases, so the list holds only their ids (in one
 * block, see BdIdList, made off the main thread with what changed since
 * the last list: a tick changes the span above the case, not 100,000
 * rows) and asks the store for the rows a view shows. The store answers later (it
 * never blocks the thread that shows the list): until then a placeholder
 * item stands in, and when the rows arrive the list says those positions
 * changed. Items made from rows are kept in a small least-recently-used
 * cache, so scrolling back does not ask again; an item dropped from the
 * cache stays valid for whoever still holds it.
 */

typedef struct
{
  char *id;        /* the cache's key points here */
  BdCaseItem *item;
} CacheEntry;

struct _BdCaseList
{
  GObject parent_instance;

  BdCaseBackend *backend;
  char *search;
  BdCaseStatus status;

  BdIdList *ids;       /* in list order */
  guint shown;         /* how many of them the model has said it has */
  guint grow_id;       /* shows the rest, a chunk an idle */
  GHashTable *cache;   /* CacheEntry.id -> its GList link in lru */
  GQueue lru;          /* CacheEntry, most recently used first */

  GHashTable *wanted;  /* ids of rows a view asked for */
  GHashTable *placeholders; /* id -> the item standing in until its row comes */
  guint fetch_id;
  guint rows_asked;    /* row requests on their way */

  gboolean refreshing;
  gboolean again;      /* asked to refresh while a refresh was on its way */
  gboolean held;       /* a person works in the list: its order stays */
  gboolean held_back;  /* a refresh waits for the hold to end */
  gboolean filter_changed; /* the search or status changed since the last list */
  GPtrArray *waiters;  /* GTask, answered when the list is current */
};

static void bd_case_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BdCaseList, bd_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, bd_case_list_model_init))

enum
{
  PROP_0,
  PROP_BACKEND,
  PROP_SEARCH,
  PROP_STATUS,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define GROW_CHUNK 2000

/* --- the cache ------------------------------------------------------- */

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_object_unref (entry->item);
  g_free (entry->id);
  g_free (entry);
}

static void
cache_drop (BdCaseList *self,
            GList      *link)
{
  CacheEntry *entry = link->data;

  g_hash_table_remove (self->cache, entry->id);
  g_queue_delete_link (&self->lru, link);
  cache_entry_free (entry);
}

static void
cache_clear (BdCaseList *self)
{
  g_hash_table_remove_all (self->placeholders);
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, cache_entry_free);
}

static void
cache_add (BdCaseList *self,
           BdCaseItem *item)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);
  GList *old = g_hash_table_lookup (self->cache, bd_case_item_get_id (item));

  if (old != NULL)
    cache_drop (self, old);
  g_hash_table_remove (self->placeholders, bd_case_item_get_id (item));
  entry->id = g_strdup (bd_case_item_get_id (item));
  entry->item = g_object_ref (item);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->cache, entry->id, self->lru.head);
  while (self->lru.length > BD_CASE_LIST_MAX_LOADED)
    cache_drop (self, self->lru.tail);
}

static CacheEntry *
cache_lookup (BdCaseList *self,
              const char *id)
{
  GList *link = g_hash_table_lookup (self->cache, id);

  return link ? link->data : NULL;
}

/* --- rows, asked for in batches ---------------------------------------- */

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Says that the items at @positions changed, one signal a run of
 * neighbours: GTK 4.8's list view binds again every row from a changed
 * position on, so 200 rows said one by one cost 20,000 binds. */
static void
announce_rows (BdCaseList *self,
               GArray     *positions)
{
  guint start = 0;

  g_array_sort (positions, compare_positions);
  for (guint i = 1; i <= positions->len; i++)
    if (i == positions->len
        || g_array_index (positions, guint, i) != g_array_index (positions, guint, i - 1) + 1)
      {
        guint first = g_array_index (positions, guint, start);
        g_list_model_items_changed (G_LIST_MODEL (self), first, i - start, i - start);
        start = i;
      }
}

/* An item for a row that arrived, kept; its position, when shown, goes
 * to @positions. */
static void
take_row (BdCaseList          *self,
          const BdCaseSummary *summary,
          GArray              *positions)
{
  g_autoptr(BdCaseItem) item = bd_case_item_new_from_summary (summary);
  guint position;

  cache_add (self, item);
  if ((position = bd_id_list_find (self->ids, summary->id)) < self->shown)
    g_array_append_val (positions, position);
}

typedef struct
{
  BdCaseList *self;
  GPtrArray *ids; /* asked for */
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_object_unref (fetch->self);
  g_ptr_array_unref (fetch->ids);
  g_free (fetch);
}

/* The rows that arrived: an item for each, at the position its case has
 * now (the list may have changed meanwhile). A row that could not be read
 * leaves its stand-in, to be asked for again when a view asks. */
static void
got_rows (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fetch = user_data;
  BdCaseList *self = fetch->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

  self->rows_asked--;
  if (reply == NULL)
    g_debug ("Cannot read cases: %s", error->message);
  for (guint i = 0; i < fetch->ids->len; i++)
    {
      BdCaseSummary *summary = reply != NULL ? g_ptr_array_index (reply->list, i) : NULL;

      if (summary != NULL)
        take_row (self, summary, positions);
      else
        g_hash_table_remove (self->placeholders, g_ptr_array_index (fetch->ids, i));
    }
  announce_rows (self, positions);
  fetch_free (fetch);
}

static gboolean
fetch_rows (gpointer user_data)
{
  BdCaseList *self = user_data;
  BdCaseRequest *request = bd_case_request_new (BD_CASE_OP_SUMMARIES, NULL);
  Fetch *fetch = g_new0 (Fetch, 1);
  GHashTableIter iter;
  gpointer id;

  self->fetch_id = 0;
  request->ids = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->wanted);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_ptr_array_add (request->ids, g_strdup (id));
  g_hash_table_remove_all (self->wanted);
  fetch->self = g_object_ref (self);
  fetch->ids = g_ptr_array_ref (request->ids);
  self->rows_asked++;
  bd_case_backend_run_async (self->backend, request, NULL, got_rows, fetch);
  return G_SOURCE_REMOVE;
}

static void
want (BdCaseList *self,
      const char *id)
{
  g_hash_table_add (self->wanted, g_strdup (id));
  if (self->fetch_id == 0)
    self->fetch_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fetch_rows, self, NULL);
}

/* --- GListModel ------------------------------------------------------ */

static GType
bd_case_list_get_item_type (GListModel *model)
{
  return BD_TYPE_CASE_ITEM;
}

static guint
bd_case_list_get_n_items (GListModel *model)
{
  return BD_CASE_LIST (model)->shown;
}

static gpointer
bd_case_list_get_item (GListModel *model,
                       guint       position)
{
  BdCaseList *self = BD_CASE_LIST (model);
  const char *id;
  GList *link;

  if (position >= self->shown)
    return NULL;
  id = bd_id_list_get (self->ids, position);
  link = g_hash_table_lookup (self->cache, id);
  if (link == NULL)
    {
      /* the same stand-in each time a view asks: a new object would make
       * GTK bind the row again */
      BdCaseItem *placeholder = g_hash_table_lookup (self->placeholders, id);

      if (placeholder == NULL)
        {
          placeholder = bd_case_item_new_placeholder (id);
          g_hash_table_insert (self->placeholders, (gpointer) bd_case_item_get_id (placeholder), placeholder);
          want (self, id);
        }
      return g_object_ref (placeholder);
    }
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return g_object_ref (((CacheEntry *) link->data)->item);
}

static void
bd_case_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bd_case_list_get_item_type;
  iface->get_n_items = bd_case_list_get_n_items;
  iface->get_item = bd_case_list_get_item;
}

/* --- refreshing ------------------------------------------------------ */

/* The cached rows changed in the store (or their case is gone): a new
 * item for each, and the position that shows it. */
static void
got_fresh_rows (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BdCaseList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);

  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

  self->rows_asked--;
  for (guint i = 0; reply != NULL && i < reply->list->len; i++)
    {
      BdCaseSummary *summary = g_ptr_array_index (reply->list, i);
      CacheEntry *entry = summary ? cache_lookup (self, summary->id) : NULL;

      if (entry != NULL && !bd_case_item_equal_summary (entry->item, summary))
        take_row (self, summary, positions);
    }
  announce_rows (self, positions);
}

static void
revalidate_cache (BdCaseList *self)
{
  BdCaseRequest *request;

  if (self->lru.length == 0)
    return;
  request = bd_case_request_new (BD_CASE_OP_SUMMARIES, NULL);
  request->ids = g_ptr_array_new_with_free_func (g_free);
  for (GList *l = self->lru.head; l != NULL; l = l->next)
    g_ptr_array_add (request->ids, g_strdup (((CacheEntry *) l->data)->id));
  self->rows_asked++;
  bd_case_backend_run_async (self->backend, request, NULL, got_fresh_rows, g_object_ref (self));
}

static void send_list (BdCaseList *self);

static void
answer_waiters (BdCaseList   *self,
                const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    if (error != NULL)
      g_task_return_error (g_ptr_array_index (waiters, i), g_error_copy (error));
    else
      g_task_return_boolean (g_ptr_array_index (waiters, i), TRUE);
}

static void
refresh_done (BdCaseList   *self,
              const GError *error)
{
  self->refreshing = FALSE;
  /* a refresh asked for meanwhile (another search, a newer change):
   * this answer is already out of date, so it is never shown */
  if (self->again)
    {
      send_list (self);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  answer_waiters (self, error);
}

typedef struct
{
  const BdIdList *old; /* the list's, unchanged while a refresh is on its way */
  GPtrArray *ids;      /* the store's answer */
  BdIdList *now;
  guint position;
  guint removed;
  guint added;
} Diff;

static void
diff_free (Diff *diff)
{
  g_clear_pointer (&diff->ids, g_ptr_array_unref);
  g_clear_pointer (&diff->now, bd_id_list_free);
  g_free (diff);
}

/* Off the main thread: 100,000 ids packed, hashed and compared. */
static void
make_diff (GTask        *task,
           gpointer      source,
           gpointer      data,
           GCancellable *cancellable)
{
  Diff *diff = data;

  diff->now = bd_id_list_new (diff->ids);
  g_clear_pointer (&diff->ids, g_ptr_array_unref);
  bd_id_list_diff (diff->old, diff->now, &diff->position, &diff->removed, &diff->added);
  g_task_return_boolean (task, TRUE);
}

static void show (BdCaseList *self,
                  Diff       *diff,
                  guint       old_len);

static void
set_shown (BdCaseList *self,
           guint       position,
           guint       removed,
           guint       added)
{
  guint before = self->shown;

  self->shown = self->shown - removed + added;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (self->shown != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
grow (gpointer user_data)
{
  BdCaseList *self = user_data;
  guint len = bd_id_list_get_length (self->ids);

  set_shown (self, self->shown, 0, MIN (GROW_CHUNK, len - self->shown));
  if (self->shown < len)
    return G_SOURCE_CONTINUE;
  self->grow_id = 0;
  refresh_done (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Says what changed from the rows shown to the new ids: the span that
 * changed when everything was shown and the change is small, else the new
 * list from where it differs, a chunk now and the rest in idles. */
static void
show (BdCaseList *self,
      Diff       *diff,
      guint       old_len)
{
  guint len = bd_id_list_get_length (self->ids);
  guint keep;

  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (self->shown == old_len && diff->added <= GROW_CHUNK)
    {
      set_shown (self, diff->position, diff->removed, diff->added);
      return;
    }
  keep = MIN (diff->position, self->shown);
  set_shown (self, keep, self->shown - keep, MIN (len, keep + GROW_CHUNK) - keep);
  if (self->shown < len)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow, self, NULL);
}

static void
apply_diff (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BdCaseList) self = user_data;
  Diff *diff = g_task_get_task_data (G_TASK (result));
  g_autoptr(BdIdList) old = NULL;

  if (self->again)
    {
      refresh_done (self, NULL);
      return;
    }
  old = g_steal_pointer (&self->ids);
  self->ids = g_steal_pointer (&diff->now);
  /* another search or status: other rows, none worth asking again */
  if (self->filter_changed)
    cache_clear (self);
  self->filter_changed = FALSE;
  show (self, diff, bd_id_list_get_length (old));
  revalidate_cache (self);
  if (self->grow_id == 0)
    refresh_done (self, NULL);
}

static void
got_list (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BdCaseList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run_finish (BD_CASE_BACKEND (object), result, &error);
  g_autoptr(GTask) task = NULL;
  Diff *diff;

  /* a store that cannot be listed keeps what the list showed */
  if (reply == NULL || self->again)
    {
      if (reply == NULL)
        g_debug ("Cannot list cases: %s", error->message);
      refresh_done (self, error);
      return;
    }
  diff = g_new0 (Diff, 1);
  diff->old = self->ids;
  diff->ids = g_steal_pointer (&reply->list);
  /* the thread's last reference to the task may go after this one: the
   * list is held by the callback alone, so it is never let go off the
   * main thread */
  task = g_task_new (NULL, NULL, apply_diff, g_object_ref (self));
  g_task_set_task_data (task, diff, (GDestroyNotify) diff_free);
  g_task_run_in_thread (task, make_diff);
}

static void
send_list (BdCaseList *self)
{
  BdCaseRequest *request = bd_case_request_new (BD_CASE_OP_LIST, NULL);

  request->text = g_strdup (self->search);
  request->status = self->status;
  self->again = FALSE;
  self->refreshing = TRUE;
  bd_case_backend_run_async (self->backend, request, NULL, got_list, g_object_ref (self));
}

/**
 * bd_case_list_refresh_async:
 *
 * Lists the cases again, after the store changed. When the cases or their
 * order changed, emits #GListModel::items-changed for the whole list
 * (0, old count, new count); then rows shown whose case changed are read
 * again and emit it for their position. Unchanged items stay the same
 * objects, so a selection survives. Refreshes asked for while one is on
 * its way are made once, after it, and the answer to the older one is
 * never shown. The callback runs when the list of ids is current (rows
 * being read again may still follow); it fails with the store's error
 * when the cases could not be listed, and the list stays as it was.
 */
void
bd_case_list_refresh_async (BdCaseList          *self,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BD_IS_CASE_LIST (self));

  /* under the person's pointer or keyboard, rows do not move; a new
   * search or filter is theirs and is shown at once */
  if (self->held && !self->filter_changed)
    {
      g_autoptr(GTask) task = callback != NULL ? g_task_new (self, NULL, callback, user_data) : NULL;

      self->held_back = TRUE;
      if (task != NULL)
        g_task_return_boolean (task, TRUE);
      return;
    }
  if (callback != NULL)
    g_ptr_array_add (self->waiters, g_task_new (self, NULL, callback, user_data));
  if (self->refreshing)
    {
      self->again = TRUE;
      return;
    }
  send_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
bd_case_list_refresh_finish (BdCaseList    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bd_case_list_refresh (BdCaseList *self)
{
  bd_case_list_refresh_async (self, NULL, NULL);
}

/**
 * bd_case_list_hold:
 * @hold: whether a person is working in the list (the pointer on it, or
 *   the keyboard in it)
 *
 * While held, refreshes wait, so the row under the pointer is the row the
 * click opens; the list catches up when the hold ends.
 */
void
bd_case_list_hold (BdCaseList *self,
                   gboolean    hold)
{
  g_return_if_fail (BD_IS_CASE_LIST (self));

  self->held = hold;
  if (!hold && self->held_back)
    {
      self->held_back = FALSE;
      bd_case_list_refresh (self);
    }
}

/**
 * bd_case_list_is_loading:
 *
 * Returns: whether a refresh, or rows a view asked for, are on their way
 */
gboolean
bd_case_list_is_loading (BdCaseList *self)
{
  g_return_val_if_fail (BD_IS_CASE_LIST (self), FALSE);
  return self->refreshing || self->fetch_id != 0 || self->rows_asked > 0;
}

/* --- the object ------------------------------------------------------ */

static void
bd_case_list_constructed (GObject *object)
{
  BdCaseList *self = BD_CASE_LIST (object);

  G_OBJECT_CLASS (bd_case_list_parent_class)->constructed (object);
  g_signal_connect_object (self->backend, "changed", G_CALLBACK (bd_case_list_refresh), self,
                           G_CONNECT_SWAPPED);
  bd_case_list_refresh (self);
}

static void
bd_case_list_dispose (GObject *object)
{
  BdCaseList *self = BD_CASE_LIST (object);

  g_clear_handle_id (&self->fetch_id, g_source_remove);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  cache_clear (self);
  g_clear_object (&self->backend);
  G_OBJECT_CLASS (bd_case_list_parent_class)->dispose (object);
}

static void
bd_case_list_finalize (GObject *object)
{
  BdCaseList *self = BD_CASE_LIST (object);

  bd_id_list_free (self->ids);
  g_ptr_array_unref (self->waiters);
  g_hash_table_unref (self->cache);
  g_hash_table_unref (self->wanted);
  g_hash_table_unref (self->placeholders);
  g_free (self->search);
  G_OBJECT_CLASS (bd_case_list_parent_class)->finalize (object);
}

static void
bd_case_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BdCaseList *self = BD_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_STATUS:
      g_value_set_int (value, (int) self->status);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->shown);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->refreshing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_case_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BdCaseList *self = BD_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      self->backend = g_value_dup_object (value);
      break;
    case PROP_SEARCH:
      bd_case_list_set_search (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      bd_case_list_set_status (self, (BdCaseStatus) g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_case_list_class_init (BdCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bd_case_list_constructed;
  object_class->dispose = bd_case_list_dispose;
  object_class->finalize = bd_case_list_finalize;
  object_class->get_property = bd_case_list_get_property;
  object_class->set_property = bd_case_list_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, BD_TYPE_CASE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* -1 (BD_CASE_STATUS_ANY) or a BdCaseStatus, which has no GType. */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, -1, BD_CASE_STATUS_ESCALATED, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* For an empty-list page to bind to. */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_case_list_init (BdCaseList *self)
{
  self->status = BD_CASE_STATUS_ANY;
  self->ids = bd_id_list_new_empty ();
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->cache = g_hash_table_new (g_str_hash, g_str_equal);
  self->wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->placeholders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_queue_init (&self->lru);
}

/**
 * bd_case_list_new:
 * @backend: where the cases are
 *
 * Returns: (transfer full): every live case in @backend, most recently
 *   changed first, once the first refresh has answered
 */
BdCaseList *
bd_case_list_new (BdCaseBackend *backend)
{
  g_return_val_if_fail (BD_IS_CASE_BACKEND (backend), NULL);

  return g_object_new (BD_TYPE_CASE_LIST, "backend", backend, NULL);
}

/**
 * bd_case_list_get_search:
 *
 * Returns: (nullable): the words cases are filtered by
 */
const char *
bd_case_list_get_search (BdCaseList *self)
{
  g_return_val_if_fail (BD_IS_CASE_LIST (self), NULL);
  return self->search;
}

/**
 * bd_case_list_set_search:
 * @search: (nullable): words to find, as bd_case_store_list() takes them;
 *   %NULL or blank for every case
 */
void
bd_case_list_set_search (BdCaseList *self,
                         const char *search)
{
  g_return_if_fail (BD_IS_CASE_LIST (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  self->filter_changed = TRUE;
  bd_case_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

BdCaseStatus
bd_case_list_get_status (BdCaseList *self)
{
  g_return_val_if_fail (BD_IS_CASE_LIST (self), BD_CASE_STATUS_ANY);
  return self->status;
}

/**
 * bd_case_list_set_status:
 * @status: the status to show, or %BD_CASE_STATUS_ANY
 */
void
bd_case_list_set_status (BdCaseList   *self,
                         BdCaseStatus  status)
{
  g_return_if_fail (BD_IS_CASE_LIST (self));
  g_return_if_fail ((int) status >= -1 && (int) status <= BD_CASE_STATUS_ESCALATED);

  if (self->status == status)
    return;
  self->status = status;
  self->filter_changed = TRUE;
  bd_case_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * bd_case_list_find:
 * @id: a case id
 *
 * At once, for any number of cases.
 *
 * Returns: the position of @id in the list as last refreshed, or
 *   %G_MAXUINT when it is not listed
 */
guint
bd_case_list_find (BdCaseList *self,
                   const char *id)
{
  guint position;

  g_return_val_if_fail (BD_IS_CASE_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  position = bd_id_list_find (self->ids, id);
  return position < self->shown ? position : G_MAXUINT;
}

/**
 * bd_case_list_get_n_loaded:
 *
 * Returns: how many items the list holds now, at most
 *   %BD_CASE_LIST_MAX_LOADED
 */
guint
bd_case_list_get_n_loaded (BdCaseList *self)
{
  g_return_val_if_fail (BD_IS_CASE_LIST (self), 0);
  return self->lru.length;
}
