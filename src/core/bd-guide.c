/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-guide"

#include <string.h>

#include "bd-guide.h"
#include "bd-pack-private.h"
#include "bd-reference.h"

/* A titled, ordered list of steps. */
struct _BdGuide
{
  GObject parent_instance;

  char *id;
  BdGuideKind kind;
  BdText *title;
  BdText *summary;
  GListStore *steps;      /* BdStep */
  GListStore *references; /* BdReference */
  GHashTable *steps_by_id;
  gboolean ask_cleared;
  GArray *checked;        /* BdCoverage */
};

G_DEFINE_FINAL_TYPE (BdGuide, bd_guide, G_TYPE_OBJECT)

static const char * const kind_names[] = {
  [BD_GUIDE_KIND_CHECK] = "check",
  [BD_GUIDE_KIND_FIX] = "fix",
  [BD_GUIDE_KIND_RESET] = "reset",
  [BD_GUIDE_KIND_EDGE_CASE] = "edge-case",
  [BD_GUIDE_KIND_PREVENTION] = "prevention",
  [BD_GUIDE_KIND_ESCALATION] = "escalation",
};

const char *
bd_guide_kind_to_string (BdGuideKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
bd_guide_kind_from_string (const char  *str,
                           BdGuideKind *kind)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (str, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (BdGuideKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
bd_guide_finalize (GObject *object)
{
  BdGuide *self = BD_GUIDE (object);

  g_free (self->id);
  g_clear_pointer (&self->title, bd_text_unref);
  g_clear_pointer (&self->summary, bd_text_unref);
  g_clear_object (&self->steps);
  g_clear_object (&self->references);
  g_clear_pointer (&self->steps_by_id, g_hash_table_unref);
  g_clear_pointer (&self->checked, g_array_unref);
  G_OBJECT_CLASS (bd_guide_parent_class)->finalize (object);
}

static void
bd_guide_class_init (BdGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_guide_finalize;
}

static void
bd_guide_init (BdGuide *self)
{
  self->steps = g_list_store_new (BD_TYPE_STEP);
  self->references = g_list_store_new (BD_TYPE_REFERENCE);
  self->steps_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

BdGuide *
_bd_guide_new (const char  *id,
               BdGuideKind  kind,
               BdText      *title,
               BdText      *summary,
               gboolean     ask_cleared)
{
  BdGuide *self = g_object_new (BD_TYPE_GUIDE, NULL);

  self->id = g_strdup (id);
  self->kind = kind;
  self->title = bd_text_ref (title);
  self->summary = bd_text_ref (summary);
  self->ask_cleared = ask_cleared;
  return self;
}

void
_bd_guide_set_checked (BdGuide          *self,
                       const BdCoverage *checked,
                       guint             n_checked)
{
  g_clear_pointer (&self->checked, g_array_unref);
  self->checked = g_array_new (FALSE, FALSE, sizeof (BdCoverage));
  g_array_append_vals (self->checked, checked, n_checked);
}

/**
 * bd_guide_get_checked:
 * @n_checked: (out): how many platforms
 *
 * Returns: (array length=n_checked): the OS versions this guide's steps
 *   were written and checked for (none in a format 1 pack)
 */
const BdCoverage *
bd_guide_get_checked (BdGuide *self,
                      guint   *n_checked)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), NULL);
  g_return_val_if_fail (n_checked != NULL, NULL);

  *n_checked = self->checked != NULL ? self->checked->len : 0;
  return self->checked != NULL ? (const BdCoverage *) self->checked->data : NULL;
}

void
_bd_guide_add_step (BdGuide *self,
                    BdStep  *step)
{
  g_list_store_append (self->steps, step);
  g_hash_table_insert (self->steps_by_id, (gpointer) bd_step_get_id (step), step);
}

void
_bd_guide_add_reference (BdGuide     *self,
                         BdReference *reference)
{
  g_list_store_append (self->references, reference);
}

const char *
bd_guide_get_id (BdGuide *self)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), NULL);
  return self->id;
}

BdGuideKind
bd_guide_get_kind (BdGuide *self)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), BD_GUIDE_KIND_CHECK);
  return self->kind;
}

BdText *
bd_guide_get_title (BdGuide *self)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), NULL);
  return self->title;
}

BdText *
bd_guide_get_summary (BdGuide *self)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), NULL);
  return self->summary;
}

/**
 * bd_guide_get_steps:
 *
 * Returns: (transfer none): the steps in order, a list of #BdStep
 */
GListModel *
bd_guide_get_steps (BdGuide *self)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), NULL);
  return G_LIST_MODEL (self->steps);
}

guint
bd_guide_get_n_steps (BdGuide *self)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->steps));
}

/**
 * bd_guide_get_step:
 *
 * Returns: (transfer none) (nullable): the step at @position
 */
BdStep *
bd_guide_get_step (BdGuide *self,
                   guint    position)
{
  g_autoptr(BdStep) step = NULL;

  g_return_val_if_fail (BD_IS_GUIDE (self), NULL);

  /* the store keeps its own reference, so a borrowed pointer stays valid */
  step = g_list_model_get_item (G_LIST_MODEL (self->steps), position);
  return step;
}

/**
 * bd_guide_lookup_step:
 *
 * Returns: (transfer none) (nullable): the step with @step_id
 */
BdStep *
bd_guide_lookup_step (BdGuide    *self,
                      const char *step_id)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);
  return g_hash_table_lookup (self->steps_by_id, step_id);
}

/**
 * bd_guide_get_references:
 *
 * Returns: (transfer none): a list of #BdReference
 */
GListModel *
bd_guide_get_references (BdGuide *self)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), NULL);
  return G_LIST_MODEL (self->references);
}

/**
 * bd_guide_get_ask_cleared:
 *
 * Returns: whether to ask "Did the badge clear?" after the last step
 */
gboolean
bd_guide_get_ask_cleared (BdGuide *self)
{
  g_return_val_if_fail (BD_IS_GUIDE (self), FALSE);
  return self->ask_cleared;
}
