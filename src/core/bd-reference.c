/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-reference"

#include "bd-pack-private.h"
#include "bd-reference.h"

/* Official help a guide points to, by title and an https address. */
struct _BdReference
{
  GObject parent_instance;

  BdText *title;
  char *url;
};

G_DEFINE_FINAL_TYPE (BdReference, bd_reference, G_TYPE_OBJECT)

static void
bd_reference_finalize (GObject *object)
{
  BdReference *self = BD_REFERENCE (object);

  g_clear_pointer (&self->title, bd_text_unref);
  g_free (self->url);
  G_OBJECT_CLASS (bd_reference_parent_class)->finalize (object);
}

static void
bd_reference_class_init (BdReferenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_reference_finalize;
}

static void
bd_reference_init (BdReference *self)
{
}

BdReference *
_bd_reference_new (BdText     *title,
                   const char *url)
{
  BdReference *self = g_object_new (BD_TYPE_REFERENCE, NULL);

  self->title = bd_text_ref (title);
  self->url = g_strdup (url);
  return self;
}

BdText *
bd_reference_get_title (BdReference *self)
{
  g_return_val_if_fail (BD_IS_REFERENCE (self), NULL);
  return self->title;
}

const char *
bd_reference_get_url (BdReference *self)
{
  g_return_val_if_fail (BD_IS_REFERENCE (self), NULL);
  return self->url;
}
