/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-explanation"

#include <string.h>

#include "bd-explanation.h"
#include "bd-pack-private.h"

/* When a mismatch is normal, why badges drift, or a question and answer. */
struct _BdExplanation
{
  GObject parent_instance;

  char *id;
  BdExplanationKind kind;
  BdText *title;
  BdText *body;
};

G_DEFINE_FINAL_TYPE (BdExplanation, bd_explanation, G_TYPE_OBJECT)

gboolean
bd_explanation_kind_from_string (const char        *str,
                                 BdExplanationKind *kind)
{
  static const char * const names[] = { "normal", "cause", "faq" };

  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (str, names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (BdExplanationKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
bd_explanation_finalize (GObject *object)
{
  BdExplanation *self = BD_EXPLANATION (object);

  g_free (self->id);
  g_clear_pointer (&self->title, bd_text_unref);
  g_clear_pointer (&self->body, bd_text_unref);
  G_OBJECT_CLASS (bd_explanation_parent_class)->finalize (object);
}

static void
bd_explanation_class_init (BdExplanationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_explanation_finalize;
}

static void
bd_explanation_init (BdExplanation *self)
{
}

BdExplanation *
_bd_explanation_new (const char        *id,
                     BdExplanationKind  kind,
                     BdText            *title,
                     BdText            *body)
{
  BdExplanation *self = g_object_new (BD_TYPE_EXPLANATION, NULL);

  self->id = g_strdup (id);
  self->kind = kind;
  self->title = bd_text_ref (title);
  self->body = bd_text_ref (body);
  return self;
}

const char *
bd_explanation_get_id (BdExplanation *self)
{
  g_return_val_if_fail (BD_IS_EXPLANATION (self), NULL);
  return self->id;
}

BdExplanationKind
bd_explanation_get_kind (BdExplanation *self)
{
  g_return_val_if_fail (BD_IS_EXPLANATION (self), BD_EXPLANATION_KIND_NORMAL);
  return self->kind;
}

/**
 * bd_explanation_get_title:
 *
 * Returns: the heading, or for a FAQ entry the question
 */
BdText *
bd_explanation_get_title (BdExplanation *self)
{
  g_return_val_if_fail (BD_IS_EXPLANATION (self), NULL);
  return self->title;
}

/**
 * bd_explanation_get_body:
 *
 * Returns: the explanation, or for a FAQ entry the answer
 */
BdText *
bd_explanation_get_body (BdExplanation *self)
{
  g_return_val_if_fail (BD_IS_EXPLANATION (self), NULL);
  return self->body;
}
