/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-checklist-item"

#include "bd-checklist-item.h"
#include "bd-pack-private.h"

/* A line of a checklist: a pointer to a guide, or to one step of it, so a
 * tick here and a tick in the guide are the same tick. */
struct _BdChecklistItem
{
  GObject parent_instance;

  char *guide_id;
  char *step_id;
  BdText *text;
};

G_DEFINE_FINAL_TYPE (BdChecklistItem, bd_checklist_item, G_TYPE_OBJECT)

static void
bd_checklist_item_finalize (GObject *object)
{
  BdChecklistItem *self = BD_CHECKLIST_ITEM (object);

  g_free (self->guide_id);
  g_free (self->step_id);
  g_clear_pointer (&self->text, bd_text_unref);
  G_OBJECT_CLASS (bd_checklist_item_parent_class)->finalize (object);
}

static void
bd_checklist_item_class_init (BdChecklistItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_checklist_item_finalize;
}

static void
bd_checklist_item_init (BdChecklistItem *self)
{
}

BdChecklistItem *
_bd_checklist_item_new (const char *guide_id,
                        const char *step_id,
                        BdText     *text)
{
  BdChecklistItem *self = g_object_new (BD_TYPE_CHECKLIST_ITEM, NULL);

  self->guide_id = g_strdup (guide_id);
  self->step_id = g_strdup (step_id);
  self->text = text ? bd_text_ref (text) : NULL;
  return self;
}

const char *
bd_checklist_item_get_guide_id (BdChecklistItem *self)
{
  g_return_val_if_fail (BD_IS_CHECKLIST_ITEM (self), NULL);
  return self->guide_id;
}

/**
 * bd_checklist_item_get_step_id:
 *
 * Returns: (nullable): the step pointed at, or %NULL for the whole guide
 */
const char *
bd_checklist_item_get_step_id (BdChecklistItem *self)
{
  g_return_val_if_fail (BD_IS_CHECKLIST_ITEM (self), NULL);
  return self->step_id;
}

/**
 * bd_checklist_item_get_text:
 *
 * Returns: (nullable): words to show instead of the step text or guide title
 */
BdText *
bd_checklist_item_get_text (BdChecklistItem *self)
{
  g_return_val_if_fail (BD_IS_CHECKLIST_ITEM (self), NULL);
  return self->text;
}
