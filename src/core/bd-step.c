/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-step"

#include "bd-pack-private.h"
#include "bd-step.h"

/* One action of a guide. Immutable once the loader has made it. */
struct _BdStep
{
  GObject parent_instance;

  char *id;
  char *guide_id;
  BdText *text;
  BdText *expect;
  BdText *caution;
  guint wait_seconds;
  gboolean per_device;
  /* How an iPad and a Mac do a per-device step, where the pack words it
   * otherwise: [0] iPad, [1] Mac; NULL means as on the iPhone. */
  BdText *on[2][3];
};

G_DEFINE_FINAL_TYPE (BdStep, bd_step, G_TYPE_OBJECT)

static void
bd_step_finalize (GObject *object)
{
  BdStep *self = BD_STEP (object);

  g_free (self->id);
  g_free (self->guide_id);
  g_clear_pointer (&self->text, bd_text_unref);
  g_clear_pointer (&self->expect, bd_text_unref);
  g_clear_pointer (&self->caution, bd_text_unref);
  for (guint d = 0; d < 2; d++)
    for (guint i = 0; i < 3; i++)
      g_clear_pointer (&self->on[d][i], bd_text_unref);
  G_OBJECT_CLASS (bd_step_parent_class)->finalize (object);
}

static void
bd_step_class_init (BdStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_step_finalize;
}

static void
bd_step_init (BdStep *self)
{
}

BdStep *
_bd_step_new (const char *guide_id,
              const char *id,
              BdText     *text,
              BdText     *expect,
              BdText     *caution,
              guint       wait_seconds,
              gboolean    per_device)
{
  BdStep *self = g_object_new (BD_TYPE_STEP, NULL);

  self->guide_id = g_strdup (guide_id);
  self->id = g_strdup (id);
  self->text = bd_text_ref (text);
  self->expect = expect ? bd_text_ref (expect) : NULL;
  self->caution = caution ? bd_text_ref (caution) : NULL;
  self->wait_seconds = wait_seconds;
  self->per_device = per_device;
  return self;
}

const char *
bd_step_get_id (BdStep *self)
{
  g_return_val_if_fail (BD_IS_STEP (self), NULL);
  return self->id;
}

const char *
bd_step_get_guide_id (BdStep *self)
{
  g_return_val_if_fail (BD_IS_STEP (self), NULL);
  return self->guide_id;
}

BdText *
bd_step_get_text (BdStep *self)
{
  g_return_val_if_fail (BD_IS_STEP (self), NULL);
  return self->text;
}

/**
 * bd_step_get_expect:
 *
 * Returns: (nullable): what the person sees when the step worked
 */
BdText *
bd_step_get_expect (BdStep *self)
{
  g_return_val_if_fail (BD_IS_STEP (self), NULL);
  return self->expect;
}

/**
 * bd_step_get_caution:
 *
 * Returns: (nullable): what the step costs, shown before it can be ticked
 */
BdText *
bd_step_get_caution (BdStep *self)
{
  g_return_val_if_fail (BD_IS_STEP (self), NULL);
  return self->caution;
}

/**
 * bd_step_get_wait_seconds:
 *
 * Returns: the length of the wait this step asks for, or 0
 */
guint
bd_step_get_wait_seconds (BdStep *self)
{
  g_return_val_if_fail (BD_IS_STEP (self), 0);
  return self->wait_seconds;
}

gboolean
bd_step_get_per_device (BdStep *self)
{
  g_return_val_if_fail (BD_IS_STEP (self), FALSE);
  return self->per_device;
}

static int
device_index (BdDevice device)
{
  return device == BD_DEVICE_IPAD ? 0 : device == BD_DEVICE_MAC ? 1 : -1;
}

static gboolean
same_text (BdText *a,
           BdText *b)
{
  g_auto(GStrv) languages = NULL;
  g_auto(GStrv) others = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  languages = bd_text_list_languages (a);
  others = bd_text_list_languages (b);
  if (!g_strv_equal ((const char * const *) languages, (const char * const *) others))
    return FALSE;
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (bd_text_lookup (a, languages[i]), bd_text_lookup (b, languages[i])) != 0)
      return FALSE;
  return TRUE;
}

/* Keeps @device's words only where they differ from the iPhone's. */
void
_bd_step_set_words_on (BdStep   *self,
                       BdDevice  device,
                       BdText   *text,
                       BdText   *expect,
                       BdText   *caution)
{
  BdText *words[3] = { text, expect, caution };
  BdText *own[3] = { self->text, self->expect, self->caution };
  int d = device_index (device);

  g_return_if_fail (d >= 0);
  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&self->on[d][i], bd_text_unref);
      if (!same_text (words[i], own[i]))
        self->on[d][i] = words[i] != NULL ? bd_text_ref (words[i]) : NULL;
    }
}

static BdText *
get_on (BdStep   *self,
        BdDevice  device,
        guint     field,
        BdText   *own)
{
  int d = device_index (device);

  return d >= 0 && self->on[d][field] != NULL ? self->on[d][field] : own;
}

/**
 * bd_step_get_text_on:
 *
 * Returns: the step as @device does it (a per-device step's iPad and Mac
 *   words may differ from the iPhone's)
 */
BdText *
bd_step_get_text_on (BdStep   *self,
                     BdDevice  device)
{
  g_return_val_if_fail (BD_IS_STEP (self), NULL);
  return get_on (self, device, 0, self->text);
}

BdText *
bd_step_get_expect_on (BdStep   *self,
                       BdDevice  device)
{
  g_return_val_if_fail (BD_IS_STEP (self), NULL);
  return get_on (self, device, 1, self->expect);
}

BdText *
bd_step_get_caution_on (BdStep   *self,
                        BdDevice  device)
{
  g_return_val_if_fail (BD_IS_STEP (self), NULL);
  return get_on (self, device, 2, self->caution);
}
