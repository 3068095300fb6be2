/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-checklist"

#include "bd-checklist.h"
#include "bd-pack-private.h"

/* An ordered list of pointers into guides: the five-minute check, the
 * walkthrough, the escalation list. */
struct _BdChecklist
{
  GObject parent_instance;

  char *id;
  BdText *title;
  BdText *summary;
  GListStore *items; /* BdChecklistItem */
};

G_DEFINE_FINAL_TYPE (BdChecklist, bd_checklist, G_TYPE_OBJECT)

static void
bd_checklist_finalize (GObject *object)
{
  BdChecklist *self = BD_CHECKLIST (object);

  g_free (self->id);
  g_clear_pointer (&self->title, bd_text_unref);
  g_clear_pointer (&self->summary, bd_text_unref);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (bd_checklist_parent_class)->finalize (object);
}

static void
bd_checklist_class_init (BdChecklistClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_checklist_finalize;
}

static void
bd_checklist_init (BdChecklist *self)
{
  self->items = g_list_store_new (BD_TYPE_CHECKLIST_ITEM);
}

BdChecklist *
_bd_checklist_new (const char *id,
                   BdText     *title,
                   BdText     *summary)
{
  BdChecklist *self = g_object_new (BD_TYPE_CHECKLIST, NULL);

  self->id = g_strdup (id);
  self->title = bd_text_ref (title);
  self->summary = summary ? bd_text_ref (summary) : NULL;
  return self;
}

void
_bd_checklist_add_item (BdChecklist     *self,
                        BdChecklistItem *item)
{
  g_list_store_append (self->items, item);
}

const char *
bd_checklist_get_id (BdChecklist *self)
{
  g_return_val_if_fail (BD_IS_CHECKLIST (self), NULL);
  return self->id;
}

BdText *
bd_checklist_get_title (BdChecklist *self)
{
  g_return_val_if_fail (BD_IS_CHECKLIST (self), NULL);
  return self->title;
}

/**
 * bd_checklist_get_summary:
 *
 * Returns: (nullable): a line on when to use the list
 */
BdText *
bd_checklist_get_summary (BdChecklist *self)
{
  g_return_val_if_fail (BD_IS_CHECKLIST (self), NULL);
  return self->summary;
}

/**
 * bd_checklist_get_items:
 *
 * Returns: (transfer none): a list of #BdChecklistItem
 */
GListModel *
bd_checklist_get_items (BdChecklist *self)
{
  g_return_val_if_fail (BD_IS_CHECKLIST (self), NULL);
  return G_LIST_MODEL (self->items);
}
