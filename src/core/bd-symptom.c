/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-symptom"

#include "bd-pack-private.h"
#include "bd-symptom.h"

/* A row of the quick-fix matrix: what the person sees and the guides to
 * try, in order. */
struct _BdSymptom
{
  GObject parent_instance;

  char *id;
  BdText *text;
  BdText *cause;
  char *first_fix;
  GStrv plan;
};

G_DEFINE_FINAL_TYPE (BdSymptom, bd_symptom, G_TYPE_OBJECT)

static void
bd_symptom_finalize (GObject *object)
{
  BdSymptom *self = BD_SYMPTOM (object);

  g_free (self->id);
  g_clear_pointer (&self->text, bd_text_unref);
  g_clear_pointer (&self->cause, bd_text_unref);
  g_free (self->first_fix);
  g_strfreev (self->plan);
  G_OBJECT_CLASS (bd_symptom_parent_class)->finalize (object);
}

static void
bd_symptom_class_init (BdSymptomClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_symptom_finalize;
}

static void
bd_symptom_init (BdSymptom *self)
{
}

BdSymptom *
_bd_symptom_new (const char         *id,
                 BdText             *text,
                 BdText             *cause,
                 const char         *first_fix,
                 const char * const *plan)
{
  BdSymptom *self = g_object_new (BD_TYPE_SYMPTOM, NULL);

  self->id = g_strdup (id);
  self->text = bd_text_ref (text);
  self->cause = bd_text_ref (cause);
  self->first_fix = g_strdup (first_fix);
  self->plan = g_strdupv ((char **) plan);
  return self;
}

const char *
bd_symptom_get_id (BdSymptom *self)
{
  g_return_val_if_fail (BD_IS_SYMPTOM (self), NULL);
  return self->id;
}

BdText *
bd_symptom_get_text (BdSymptom *self)
{
  g_return_val_if_fail (BD_IS_SYMPTOM (self), NULL);
  return self->text;
}

BdText *
bd_symptom_get_cause (BdSymptom *self)
{
  g_return_val_if_fail (BD_IS_SYMPTOM (self), NULL);
  return self->cause;
}

const char *
bd_symptom_get_first_fix (BdSymptom *self)
{
  g_return_val_if_fail (BD_IS_SYMPTOM (self), NULL);
  return self->first_fix;
}

/**
 * bd_symptom_get_plan:
 *
 * Returns: (transfer none): the guide ids to try, in order
 */
const char * const *
bd_symptom_get_plan (BdSymptom *self)
{
  g_return_val_if_fail (BD_IS_SYMPTOM (self), NULL);
  return (const char * const *) self->plan;
}
