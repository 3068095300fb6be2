/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case-list"

#include <string.h>

#include "bd-case-list.h"

/*
 * The cases the sidebar shows, as a GListModel of BdCaseItem. A help desk
 * keeps thousands of cases, so the list holds only their rowids (8 bytes a
 * case) and reads a row from the store when a view asks for it. The items
 * it made are kept in a small least-recently-used cache so scrolling back
 * does not read them again; an item dropped from the cache stays valid for
 * whoever still holds it.
 */

typedef struct
{
  gint64 rowid; /* the cache's key points here */
  BdCaseItem *item;
  guint position; /* where a refresh found the rowid */
  gboolean seen;  /* whether a refresh found the rowid at all */
} CacheEntry;

struct _BdCaseList
{
  GObject parent_instance;

  BdCaseStore *store;
  char *search;
  BdCaseStatus status;

  GArray *rowids;     /* gint64, in list order */
  GHashTable *cache;  /* &CacheEntry.rowid -> its GList link in lru */
  GQueue lru;         /* CacheEntry, most recently used first */
};

static void bd_case_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BdCaseList, bd_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, bd_case_list_model_init))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_STATUS,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- the cache ------------------------------------------------------- */

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_object_unref (entry->item);
  g_free (entry);
}

static void
cache_drop (BdCaseList *self,
            GList      *link)
{
  CacheEntry *entry = link->data;

  g_hash_table_remove (self->cache, &entry->rowid);
  g_queue_delete_link (&self->lru, link);
  cache_entry_free (entry);
}

static void
cache_clear (BdCaseList *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, cache_entry_free);
}

static void
cache_add (BdCaseList *self,
           gint64      rowid,
           BdCaseItem *item)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->rowid = rowid;
  entry->item = g_object_ref (item);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->cache, &entry->rowid, self->lru.head);
  while (self->lru.length > BD_CASE_LIST_MAX_LOADED)
    cache_drop (self, self->lru.tail);
}

static CacheEntry *
cache_lookup (BdCaseList *self,
              gint64      rowid)
{
  GList *link = g_hash_table_lookup (self->cache, &rowid);

  return link ? link->data : NULL;
}

/* --- reading the store ----------------------------------------------- */

/* A store that cannot be listed shows as an empty list: the window says
 * what went wrong, from the store's own state, not row by row. */
static GArray *
query (BdCaseList *self)
{
  g_autoptr(GError) error = NULL;
  GArray *rowids = NULL;

  if (self->store != NULL)
    rowids = bd_case_store_list (self->store, self->search, self->status, &error);
  if (rowids == NULL)
    {
      g_debug ("Cannot list cases: %s", error ? error->message : "no store");
      rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  return rowids;
}

static BdCaseSummary *
read_summary (BdCaseList *self,
              gint64      rowid)
{
  g_autoptr(GError) error = NULL;
  BdCaseSummary *summary = bd_case_store_get_summary (self->store, rowid, &error);

  if (summary == NULL)
    g_debug ("Cannot read case %" G_GINT64_FORMAT ": %s", rowid, error ? error->message : "");
  return summary;
}

/* A GListModel must not return NULL inside its range, so a row that
 * cannot be read shows as an empty case. It is not cached: the next time
 * the view asks, the store is tried again. */
static BdCaseItem *
load (BdCaseList *self,
      gint64      rowid)
{
  g_autoptr(BdCaseSummary) summary = read_summary (self, rowid);
  BdCaseSummary empty = { .id = "", .label = "", .ticket = "", .symptom = "" };
  BdCaseItem *item;

  if (summary == NULL)
    return bd_case_item_new_from_summary (&empty);
  item = bd_case_item_new_from_summary (summary);
  cache_add (self, rowid, item);
  return item;
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
  return BD_CASE_LIST (model)->rowids->len;
}

static gpointer
bd_case_list_get_item (GListModel *model,
                       guint       position)
{
  BdCaseList *self = BD_CASE_LIST (model);
  gint64 rowid;
  GList *link;

  if (position >= self->rowids->len)
    return NULL;
  rowid = g_array_index (self->rowids, gint64, position);
  link = g_hash_table_lookup (self->cache, &rowid);
  if (link == NULL)
    return load (self, rowid);
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

static gboolean
same_rowids (GArray *a,
             GArray *b)
{
  /* An empty GArray may have no data at all, which memcmp() must not see. */
  return a->len == b->len
         && (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

static void
mark_cached_rows (BdCaseList *self)
{
  if (self->lru.length == 0)
    return;
  for (guint i = 0; i < self->rowids->len; i++)
    {
      CacheEntry *entry = cache_lookup (self, g_array_index (self->rowids, gint64, i));

      if (entry != NULL)
        {
          entry->seen = TRUE;
          entry->position = i;
        }
    }
}

/* Whether @entry's row is still listed and reads as its item shows it;
 * if it is listed but changed, widens the range of changed positions. */
static gboolean
still_valid (BdCaseList *self,
             CacheEntry *entry,
             guint      *first,
             guint      *last)
{
  g_autoptr(BdCaseSummary) summary = NULL;

  if (!entry->seen)
    return FALSE;
  entry->seen = FALSE;
  summary = read_summary (self, entry->rowid);
  if (summary != NULL && bd_case_item_equal_summary (entry->item, summary))
    return TRUE;
  *first = MIN (*first, entry->position);
  *last = MAX (*last, entry->position);
  return FALSE;
}

/* Keeps the cached items whose rows are still listed and unchanged, so an
 * item a selection holds is the same object after a refresh, and drops
 * the others. Sets the range of positions whose item changed (first >
 * last when none did). Items no longer in the cache are not checked:
 * whoever still holds one keeps what it showed until the order changes. */
static void
revalidate_cache (BdCaseList *self,
                  guint      *first,
                  guint      *last)
{
  GList *link = self->lru.head;

  *first = G_MAXUINT;
  *last = 0;
  mark_cached_rows (self);
  while (link != NULL)
    {
      GList *next = link->next;

      if (!still_valid (self, link->data, first, last))
        cache_drop (self, link);
      link = next;
    }
}

/**
 * bd_case_list_refresh:
 *
 * Lists the cases again, after the store changed. When the cases or their
 * order changed, emits #GListModel::items-changed for the whole list
 * (0, old count, new count). When they did not, emits it only for the span
 * of shown rows whose case changed, if any. Unchanged items stay the same
 * objects either way, so a selection survives.
 */
void
bd_case_list_refresh (BdCaseList *self)
{
  g_autoptr(GArray) old = NULL;
  guint first;
  guint last;

  g_return_if_fail (BD_IS_CASE_LIST (self));

  old = g_steal_pointer (&self->rowids);
  self->rowids = query (self);
  revalidate_cache (self, &first, &last);
  if (!same_rowids (old, self->rowids))
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, self->rowids->len);
      if (old->len != self->rowids->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  else if (first <= last)
    g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
}

/* --- the object ------------------------------------------------------ */

static void
bd_case_list_constructed (GObject *object)
{
  BdCaseList *self = BD_CASE_LIST (object);

  G_OBJECT_CLASS (bd_case_list_parent_class)->constructed (object);
  g_array_unref (self->rowids);
  self->rowids = query (self);
}

static void
bd_case_list_dispose (GObject *object)
{
  BdCaseList *self = BD_CASE_LIST (object);

  cache_clear (self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (bd_case_list_parent_class)->dispose (object);
}

static void
bd_case_list_finalize (GObject *object)
{
  BdCaseList *self = BD_CASE_LIST (object);

  g_array_unref (self->rowids);
  g_hash_table_unref (self->cache);
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
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_STATUS:
      g_value_set_int (value, (int) self->status);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rowids->len);
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
    case PROP_STORE:
      self->store = g_value_dup_object (value);
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

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BD_TYPE_CASE_STORE,
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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_case_list_init (BdCaseList *self)
{
  self->status = BD_CASE_STATUS_ANY;
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_queue_init (&self->lru);
}

/**
 * bd_case_list_new:
 * @store: where the cases are
 *
 * Returns: (transfer full): every live case in @store, most recently
 *   changed first
 */
BdCaseList *
bd_case_list_new (BdCaseStore *store)
{
  g_return_val_if_fail (BD_IS_CASE_STORE (store), NULL);

  return g_object_new (BD_TYPE_CASE_LIST, "store", store, NULL);
}

BdCaseStore *
bd_case_list_get_store (BdCaseList *self)
{
  g_return_val_if_fail (BD_IS_CASE_LIST (self), NULL);
  return self->store;
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
  bd_case_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* Whether the case at @position is @id, without caching an item for it:
 * find() may walk the whole list. */
static gboolean
has_id (BdCaseList *self,
        guint       position,
        const char *id)
{
  gint64 rowid = g_array_index (self->rowids, gint64, position);
  CacheEntry *entry = cache_lookup (self, rowid);
  g_autoptr(BdCaseSummary) summary = NULL;

  if (entry != NULL)
    return g_str_equal (bd_case_item_get_id (entry->item), id);
  summary = read_summary (self, rowid);
  return summary != NULL && g_strcmp0 (summary->id, id) == 0;
}

/**
 * bd_case_list_find:
 * @id: a case id
 *
 * Looks from the top, where a case just created or changed is, reading
 * rows that are not loaded one by one.
 *
 * Returns: the position of @id in the list, or %G_MAXUINT when it is not
 *   listed
 */
guint
bd_case_list_find (BdCaseList *self,
                   const char *id)
{
  g_return_val_if_fail (BD_IS_CASE_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  for (guint i = 0; i < self->rowids->len; i++)
    if (has_id (self, i, id))
      return i;
  return G_MAXUINT;
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
