/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-id-list"

#include <string.h>

#include "bd-id-list.h"

struct _BdIdList
{
  char *chars;          /* every id, each ending in NUL */
  guint *offsets;       /* where each starts in chars */
  guint len;
  GHashTable *positions; /* id (in chars) -> position + 1 */
};

BdIdList *
bd_id_list_new_empty (void)
{
  BdIdList *self = g_new0 (BdIdList, 1);

  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

/**
 * bd_id_list_new:
 * @ids: (element-type utf8): the ids, in list order
 *
 * Copies @ids into one block; slow for 100,000 ids (a hash of them is
 * made), so made off the main thread.
 */
BdIdList *
bd_id_list_new (GPtrArray *ids)
{
  BdIdList *self = bd_id_list_new_empty ();
  gsize size = 0;
  char *at;

  for (guint i = 0; i < ids->len; i++)
    size += strlen (g_ptr_array_index (ids, i)) + 1;
  self->chars = g_malloc (MAX (size, 1));
  self->offsets = g_new (guint, MAX (ids->len, 1));
  self->len = ids->len;
  at = self->chars;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      gsize n = strlen (id) + 1;

      memcpy (at, id, n);
      self->offsets[i] = (guint) (at - self->chars);
      g_hash_table_insert (self->positions, at, GUINT_TO_POINTER (i + 1));
      at += n;
    }
  return self;
}

void
bd_id_list_free (BdIdList *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->positions);
  g_free (self->chars);
  g_free (self->offsets);
  g_free (self);
}

guint
bd_id_list_get_length (const BdIdList *self)
{
  return self->len;
}

const char *
bd_id_list_get (const BdIdList *self,
                guint           position)
{
  g_return_val_if_fail (position < self->len, NULL);
  return self->chars + self->offsets[position];
}

/**
 * bd_id_list_find:
 *
 * Returns: the position of @id, or %G_MAXUINT
 */
guint
bd_id_list_find (const BdIdList *self,
                 const char     *id)
{
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, id));

  return found > 0 ? found - 1 : G_MAXUINT;
}

/**
 * bd_id_list_diff:
 * @position: (out): the first position that differs
 * @removed: (out): how many of @old's ids from there are not the same
 * @added: (out): how many of @now's ids take their place
 *
 * The one span that changed from @old to @now (what stays the same at
 * both ends is left out): a case that moved to the top changes the span
 * above where it was, not the whole list. Nothing changed: all 0.
 */
void
bd_id_list_diff (const BdIdList *old,
                 const BdIdList *now,
                 guint          *position,
                 guint          *removed,
                 guint          *added)
{
  guint prefix = 0, suffix = 0;
  guint shorter = MIN (old->len, now->len);

  while (prefix < shorter && strcmp (bd_id_list_get (old, prefix), bd_id_list_get (now, prefix)) == 0)
    prefix++;
  while (suffix < shorter - prefix
         && strcmp (bd_id_list_get (old, old->len - 1 - suffix), bd_id_list_get (now, now->len - 1 - suffix)) == 0)
    suffix++;
  *position = prefix;
  *removed = old->len - prefix - suffix;
  *added = now->len - prefix - suffix;
}
