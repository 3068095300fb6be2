/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-reset"

#include "bd-pack-private.h"
#include "bd-reset.h"

/* A rung of the safe-reset ladder. */
struct _BdReset
{
  GObject parent_instance;

  char *id;
  BdText *texts[BD_RESET_N_TEXTS];
  char *guide_id;
  guint rank;
};

G_DEFINE_FINAL_TYPE (BdReset, bd_reset, G_TYPE_OBJECT)

static void
bd_reset_finalize (GObject *object)
{
  BdReset *self = BD_RESET (object);

  g_free (self->id);
  for (guint i = 0; i < BD_RESET_N_TEXTS; i++)
    g_clear_pointer (&self->texts[i], bd_text_unref);
  g_free (self->guide_id);
  G_OBJECT_CLASS (bd_reset_parent_class)->finalize (object);
}

static void
bd_reset_class_init (BdResetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_reset_finalize;
}

static void
bd_reset_init (BdReset *self)
{
}

BdReset *
_bd_reset_new (const char *id,
               BdText     *texts[BD_RESET_N_TEXTS],
               const char *guide_id,
               guint       rank)
{
  BdReset *self = g_object_new (BD_TYPE_RESET, NULL);

  self->id = g_strdup (id);
  for (guint i = 0; i < BD_RESET_N_TEXTS; i++)
    self->texts[i] = bd_text_ref (texts[i]);
  self->guide_id = g_strdup (guide_id);
  self->rank = rank;
  return self;
}

const char *
bd_reset_get_id (BdReset *self)
{
  g_return_val_if_fail (BD_IS_RESET (self), NULL);
  return self->id;
}

static BdText *
get_text (BdReset       *self,
          BdResetTextId  which)
{
  g_return_val_if_fail (BD_IS_RESET (self), NULL);
  return self->texts[which];
}

BdText *
bd_reset_get_name (BdReset *self)
{
  return get_text (self, BD_RESET_NAME);
}

BdText *
bd_reset_get_does (BdReset *self)
{
  return get_text (self, BD_RESET_DOES);
}

BdText *
bd_reset_get_keeps (BdReset *self)
{
  return get_text (self, BD_RESET_KEEPS);
}

BdText *
bd_reset_get_loses (BdReset *self)
{
  return get_text (self, BD_RESET_LOSES);
}

BdText *
bd_reset_get_when (BdReset *self)
{
  return get_text (self, BD_RESET_WHEN);
}

BdText *
bd_reset_get_path (BdReset *self)
{
  return get_text (self, BD_RESET_PATH);
}

const char *
bd_reset_get_guide_id (BdReset *self)
{
  g_return_val_if_fail (BD_IS_RESET (self), NULL);
  return self->guide_id;
}

/**
 * bd_reset_get_rank:
 *
 * Returns: how disruptive the reset is, 1 the least
 */
guint
bd_reset_get_rank (BdReset *self)
{
  g_return_val_if_fail (BD_IS_RESET (self), 0);
  return self->rank;
}
