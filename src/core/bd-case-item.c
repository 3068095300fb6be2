/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case-item"

#include "bd-config.h"

#include <glib/gi18n-lib.h>

#include "bd-case-item.h"

/*
 * One row of the case list, as read from the store when the row was first
 * shown. Immutable: when the case changes, or its row arrives from the
 * store after a placeholder stood in for it, BdCaseList makes a new item,
 * so a row bound to these properties never sees half an update.
 */
struct _BdCaseItem
{
  GObject parent_instance;

  char *id;
  char *title;
  char *label;
  char *ticket;
  char *symptom;
  char *symptom_id;
  BdCaseStatus status;
  gint64 updated;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (BdCaseItem, bd_case_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_LABEL,
  PROP_TICKET,
  PROP_SYMPTOM,
  PROP_STATUS,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bd_case_item_finalize (GObject *object)
{
  BdCaseItem *self = BD_CASE_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->label);
  g_free (self->ticket);
  g_free (self->symptom);
  g_free (self->symptom_id);
  G_OBJECT_CLASS (bd_case_item_parent_class)->finalize (object);
}

static void
bd_case_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BdCaseItem *self = BD_CASE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_TICKET:
      g_value_set_string (value, self->ticket);
      break;
    case PROP_SYMPTOM:
      g_value_set_string (value, self->symptom);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
bd_case_item_class_init (BdCaseItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bd_case_item_finalize;
  object_class->get_property = bd_case_item_get_property;

  properties[PROP_ID] = string_property ("id");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_LABEL] = string_property ("label");
  properties[PROP_TICKET] = string_property ("ticket");
  properties[PROP_SYMPTOM] = string_property ("symptom");
  /* An int rather than an enum: BdCaseStatus has no GType. */
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL,
                                              BD_CASE_STATUS_OPEN, BD_CASE_STATUS_ESCALATED,
                                              BD_CASE_STATUS_OPEN,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] = g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bd_case_item_init (BdCaseItem *self)
{
}

/* The same fallback as bd_case_dup_title(), from the summary's fields. */
static char *
make_title (const BdCaseSummary *summary)
{
  if (summary->label != NULL && *summary->label != '\0')
    return g_strdup (summary->label);
  if (summary->symptom != NULL && *summary->symptom != '\0')
    return g_strdup (summary->symptom);
  return g_strdup (_("New case"));
}

/**
 * bd_case_item_new_from_summary:
 * @summary: a row as bd_case_store_get_summary() read it
 *
 * Returns: (transfer full): an item holding copies of @summary's fields
 */
BdCaseItem *
bd_case_item_new_from_summary (const BdCaseSummary *summary)
{
  BdCaseItem *self;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (BD_TYPE_CASE_ITEM, NULL);
  self->id = g_strdup (summary->id ? summary->id : "");
  self->title = make_title (summary);
  self->label = g_strdup (summary->label ? summary->label : "");
  self->ticket = g_strdup (summary->ticket ? summary->ticket : "");
  self->symptom = g_strdup (summary->symptom ? summary->symptom : "");
  self->symptom_id = g_strdup (summary->symptom_id ? summary->symptom_id : "");
  self->status = CLAMP ((int) summary->status, BD_CASE_STATUS_OPEN, BD_CASE_STATUS_ESCALATED);
  self->updated = MAX (summary->updated, 0);
  self->loaded = TRUE;
  return self;
}

/**
 * bd_case_item_new_placeholder:
 *
 * An item that stands for @id while its row is read from the store: a
 * list model must answer at once, and the store answers later.
 *
 * Returns: (transfer full): an item with the id and nothing else
 */
BdCaseItem *
bd_case_item_new_placeholder (const char *id)
{
  BdCaseItem *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (BD_TYPE_CASE_ITEM, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup ("");
  self->label = g_strdup ("");
  self->ticket = g_strdup ("");
  self->symptom = g_strdup ("");
  self->symptom_id = g_strdup ("");
  return self;
}

/**
 * bd_case_item_is_loaded:
 *
 * Returns: whether the item holds the case's row, not just its id
 */
gboolean
bd_case_item_is_loaded (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), FALSE);
  return self->loaded;
}

const char *
bd_case_item_get_id (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), NULL);
  return self->id;
}

/**
 * bd_case_item_get_title:
 *
 * Returns: the label, else the first symptom, else a generic title
 */
const char *
bd_case_item_get_title (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), NULL);
  return self->title;
}

const char *
bd_case_item_get_label (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), NULL);
  return self->label;
}

const char *
bd_case_item_get_ticket (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), NULL);
  return self->ticket;
}

/**
 * bd_case_item_get_symptom_id:
 *
 * Returns: the first symptom's id, for its words in the guidance's
 *   language today, or ""
 */
const char *
bd_case_item_get_symptom_id (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), NULL);
  return self->symptom_id;
}

/**
 * bd_case_item_get_symptom:
 *
 * Returns: the first symptom's text, or ""
 */
const char *
bd_case_item_get_symptom (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), NULL);
  return self->symptom;
}

BdCaseStatus
bd_case_item_get_status (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), BD_CASE_STATUS_OPEN);
  return self->status;
}

/**
 * bd_case_item_get_updated:
 *
 * Returns: when the case last changed, in microseconds since the epoch, UTC
 */
gint64
bd_case_item_get_updated (BdCaseItem *self)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), 0);
  return self->updated;
}

/**
 * bd_case_item_equal_summary:
 *
 * Returns: whether @self still shows what @summary says, so a list can
 *   keep the item (and a selection of it) across a refresh
 */
gboolean
bd_case_item_equal_summary (BdCaseItem          *self,
                            const BdCaseSummary *summary)
{
  g_return_val_if_fail (BD_IS_CASE_ITEM (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  return self->status == summary->status
         && self->updated == summary->updated
         && g_strcmp0 (self->id, summary->id) == 0
         && g_strcmp0 (self->label, summary->label) == 0
         && g_strcmp0 (self->ticket, summary->ticket) == 0
         && g_strcmp0 (self->symptom, summary->symptom) == 0
         && g_strcmp0 (self->symptom_id, summary->symptom_id ? summary->symptom_id : "") == 0;
}
