/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-case.h"
#include "bd-error.h"
#include "bd-json-check.h"
#include "bd-text.h"

/*
 * One person's troubleshooting session: who and what (symptoms, device
 * details), and everything they tried (the step log, the answers to "Did
 * the badge clear?"). A BdCase is a snapshot; BdCaseStore is where cases
 * live and every change is committed.
 */
struct _BdCase
{
  GObject parent_instance;

  char *id;
  gint64 created;
  gint64 updated;
  BdCaseStatus status;
  char *label;
  char *ticket;
  char *notes;
  char *pack_id;
  char *pack_version;
  GPtrArray *symptoms; /* BdCaseSymptom */

  char *model;
  char *ios;
  BdDevice other_devices; /* BD_DEVICE_IPHONE here means another iPhone */
  BdApp apps;
  char *other_apps;
  BdSwitch low_power_mode;
  BdSwitch messages_in_icloud;
  char *focus;

  GPtrArray *steps;    /* BdStepRecord, oldest first */
  GPtrArray *outcomes; /* BdOutcomeRecord, oldest first */
  char *resolved_by;
};

G_DEFINE_FINAL_TYPE (BdCase, bd_case, G_TYPE_OBJECT)

static void
symptom_free (BdCaseSymptom *symptom)
{
  g_free (symptom->id);
  g_free (symptom->text);
  g_free (symptom);
}

static void
step_record_free (BdStepRecord *record)
{
  g_free (record->guide_id);
  g_free (record->step_id);
  g_free (record->text);
  g_free (record);
}

static void
outcome_record_free (BdOutcomeRecord *record)
{
  g_free (record->guide_id);
  g_free (record);
}

static void
bd_case_finalize (GObject *object)
{
  BdCase *self = BD_CASE (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->ticket);
  g_free (self->notes);
  g_free (self->pack_id);
  g_free (self->pack_version);
  g_ptr_array_unref (self->symptoms);
  g_free (self->model);
  g_free (self->ios);
  g_free (self->other_apps);
  g_free (self->focus);
  g_ptr_array_unref (self->steps);
  g_ptr_array_unref (self->outcomes);
  g_free (self->resolved_by);
  G_OBJECT_CLASS (bd_case_parent_class)->finalize (object);
}

static void
bd_case_class_init (BdCaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_case_finalize;
}

static void
bd_case_init (BdCase *self)
{
  self->label = g_strdup ("");
  self->ticket = g_strdup ("");
  self->notes = g_strdup ("");
  self->model = g_strdup ("");
  self->ios = g_strdup ("");
  self->other_apps = g_strdup ("");
  self->focus = g_strdup ("");
  self->symptoms = g_ptr_array_new_with_free_func ((GDestroyNotify) symptom_free);
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_record_free);
  self->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) outcome_record_free);
}

/**
 * bd_case_new:
 *
 * A new open case with a fresh id, started on the given pack.
 */
BdCase *
bd_case_new (const char *pack_id,
             const char *pack_version)
{
  BdCase *self;

  g_return_val_if_fail (pack_id != NULL && pack_version != NULL, NULL);

  self = g_object_new (BD_TYPE_CASE, NULL);
  self->id = bd_uuid_new ();
  self->created = self->updated = g_get_real_time ();
  self->pack_id = g_strdup (pack_id);
  self->pack_version = g_strdup (pack_version);
  return self;
}

static void
replace (char       **field,
         const char  *value)
{
  g_return_if_fail (value != NULL);
  if (*field != value)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

const char *
bd_case_get_id (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->id;
}

void
bd_case_set_id (BdCase     *self,
                const char *id)
{
  g_return_if_fail (BD_IS_CASE (self));
  g_return_if_fail (bd_uuid_is_valid (id));
  replace (&self->id, id);
}

gint64
bd_case_get_created (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), 0);
  return self->created;
}

gint64
bd_case_get_updated (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), 0);
  return self->updated;
}

void
bd_case_set_times (BdCase *self,
                   gint64  created,
                   gint64  updated)
{
  g_return_if_fail (BD_IS_CASE (self));
  self->created = created;
  self->updated = updated;
}

BdCaseStatus
bd_case_get_status (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), BD_CASE_STATUS_OPEN);
  return self->status;
}

void
bd_case_set_status (BdCase       *self,
                    BdCaseStatus  status)
{
  g_return_if_fail (BD_IS_CASE (self));
  self->status = status;
}

const char *
bd_case_get_label (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->label;
}

void
bd_case_set_label (BdCase     *self,
                   const char *label)
{
  g_return_if_fail (BD_IS_CASE (self));
  replace (&self->label, label);
}

const char *
bd_case_get_ticket (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->ticket;
}

void
bd_case_set_ticket (BdCase     *self,
                    const char *ticket)
{
  g_return_if_fail (BD_IS_CASE (self));
  replace (&self->ticket, ticket);
}

const char *
bd_case_get_notes (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->notes;
}

void
bd_case_set_notes (BdCase     *self,
                   const char *notes)
{
  g_return_if_fail (BD_IS_CASE (self));
  replace (&self->notes, notes);
}

const char *
bd_case_get_pack_id (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->pack_id;
}

const char *
bd_case_get_pack_version (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->pack_version;
}

/**
 * bd_case_get_symptoms:
 *
 * Returns: (transfer none) (element-type BdCaseSymptom): in the order chosen
 */
GPtrArray *
bd_case_get_symptoms (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->symptoms;
}

gboolean
bd_case_has_symptom (BdCase     *self,
                     const char *id)
{
  g_return_val_if_fail (BD_IS_CASE (self), FALSE);

  for (guint i = 0; i < self->symptoms->len; i++)
    if (strcmp (((BdCaseSymptom *) g_ptr_array_index (self->symptoms, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

void
bd_case_add_symptom (BdCase     *self,
                     const char *id,
                     const char *text)
{
  BdCaseSymptom *symptom;

  g_return_if_fail (BD_IS_CASE (self));
  g_return_if_fail (id != NULL && text != NULL);

  if (bd_case_has_symptom (self, id))
    return;
  symptom = g_new0 (BdCaseSymptom, 1);
  symptom->id = g_strdup (id);
  symptom->text = g_strdup (text);
  g_ptr_array_add (self->symptoms, symptom);
}

const char *
bd_case_get_model (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->model;
}

void
bd_case_set_model (BdCase     *self,
                   const char *model)
{
  g_return_if_fail (BD_IS_CASE (self));
  replace (&self->model, model);
}

const char *
bd_case_get_ios (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->ios;
}

void
bd_case_set_ios (BdCase     *self,
                 const char *ios)
{
  g_return_if_fail (BD_IS_CASE (self));
  replace (&self->ios, ios);
}

/**
 * bd_case_get_other_devices:
 *
 * Returns: the other devices on the account; %BD_DEVICE_IPHONE here means
 *   another iPhone
 */
BdDevice
bd_case_get_other_devices (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), BD_DEVICE_NONE);
  return self->other_devices;
}

void
bd_case_set_other_devices (BdCase   *self,
                           BdDevice  devices)
{
  g_return_if_fail (BD_IS_CASE (self));
  self->other_devices = devices & (BD_DEVICE_IPHONE | BD_DEVICE_IPAD | BD_DEVICE_MAC);
}

/**
 * bd_case_get_devices:
 *
 * Returns: the devices a per-device step is ticked on: the iPhone, and an
 *   iPad and a Mac when the case has them
 */
BdDevice
bd_case_get_devices (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), BD_DEVICE_IPHONE);
  return BD_DEVICE_IPHONE | (self->other_devices & (BD_DEVICE_IPAD | BD_DEVICE_MAC));
}

BdApp
bd_case_get_apps (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), 0);
  return self->apps;
}

void
bd_case_set_apps (BdCase *self,
                  BdApp   apps)
{
  g_return_if_fail (BD_IS_CASE (self));
  self->apps = apps & (BD_APP_MESSAGES | BD_APP_WHATSAPP | BD_APP_TEAMS | BD_APP_GMAIL);
}

const char *
bd_case_get_other_apps (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->other_apps;
}

void
bd_case_set_other_apps (BdCase     *self,
                        const char *other_apps)
{
  g_return_if_fail (BD_IS_CASE (self));
  replace (&self->other_apps, other_apps);
}

BdSwitch
bd_case_get_low_power_mode (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), BD_SWITCH_UNKNOWN);
  return self->low_power_mode;
}

void
bd_case_set_low_power_mode (BdCase   *self,
                            BdSwitch  value)
{
  g_return_if_fail (BD_IS_CASE (self));
  self->low_power_mode = value;
}

BdSwitch
bd_case_get_messages_in_icloud (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), BD_SWITCH_UNKNOWN);
  return self->messages_in_icloud;
}

void
bd_case_set_messages_in_icloud (BdCase   *self,
                                BdSwitch  value)
{
  g_return_if_fail (BD_IS_CASE (self));
  self->messages_in_icloud = value;
}

const char *
bd_case_get_focus (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->focus;
}

void
bd_case_set_focus (BdCase     *self,
                   const char *focus)
{
  g_return_if_fail (BD_IS_CASE (self));
  replace (&self->focus, focus);
}

/**
 * bd_case_get_steps:
 *
 * Returns: (transfer none) (element-type BdStepRecord): the step log,
 *   oldest first
 */
GPtrArray *
bd_case_get_steps (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->steps;
}

void
bd_case_add_step (BdCase      *self,
                  const char  *guide_id,
                  const char  *step_id,
                  const char  *text,
                  BdDevice     device,
                  BdStepState  state,
                  gint64       time)
{
  BdStepRecord *record;

  g_return_if_fail (BD_IS_CASE (self));
  g_return_if_fail (guide_id != NULL && step_id != NULL && text != NULL);

  record = g_new0 (BdStepRecord, 1);
  record->guide_id = g_strdup (guide_id);
  record->step_id = g_strdup (step_id);
  record->text = g_strdup (text);
  record->device = device;
  record->state = state;
  record->time = time;
  g_ptr_array_add (self->steps, record);
}

/**
 * bd_case_lookup_step:
 *
 * Returns: (transfer none) (nullable): the latest log entry of the step on
 *   @device (%BD_DEVICE_NONE for a step done once), which is its state now
 */
BdStepRecord *
bd_case_lookup_step (BdCase     *self,
                     const char *guide_id,
                     const char *step_id,
                     BdDevice    device)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);

  for (guint i = self->steps->len; i > 0; i--)
    {
      BdStepRecord *record = g_ptr_array_index (self->steps, i - 1);
      if (record->device == device && strcmp (record->step_id, step_id) == 0
          && strcmp (record->guide_id, guide_id) == 0)
        return record;
    }
  return NULL;
}

/**
 * bd_case_get_outcomes:
 *
 * Returns: (transfer none) (element-type BdOutcomeRecord): oldest first
 */
GPtrArray *
bd_case_get_outcomes (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->outcomes;
}

void
bd_case_add_outcome (BdCase     *self,
                     const char *guide_id,
                     BdOutcome   result,
                     gint64      time)
{
  BdOutcomeRecord *record;

  g_return_if_fail (BD_IS_CASE (self));
  g_return_if_fail (guide_id != NULL);

  record = g_new0 (BdOutcomeRecord, 1);
  record->guide_id = g_strdup (guide_id);
  record->result = result;
  record->time = time;
  g_ptr_array_add (self->outcomes, record);
}

/**
 * bd_case_get_resolved_by:
 *
 * Returns: (nullable): the guide that cleared the badge
 */
const char *
bd_case_get_resolved_by (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);
  return self->resolved_by;
}

void
bd_case_set_resolved_by (BdCase     *self,
                         const char *guide_id)
{
  g_return_if_fail (BD_IS_CASE (self));
  g_free (self->resolved_by);
  self->resolved_by = g_strdup (guide_id);
}

/**
 * bd_case_copy_details:
 *
 * Returns: (transfer full): a new case with this one's id and the details
 *   a person edits (label, ticket, notes, device details), for saving
 *   while this one may change again
 */
BdCase *
bd_case_copy_details (BdCase *self)
{
  BdCase *copy;

  g_return_val_if_fail (BD_IS_CASE (self), NULL);

  copy = bd_case_new (self->pack_id, self->pack_version);
  bd_case_set_id (copy, self->id);
  bd_case_set_label (copy, self->label);
  bd_case_set_ticket (copy, self->ticket);
  bd_case_set_notes (copy, self->notes);
  bd_case_set_model (copy, self->model);
  bd_case_set_ios (copy, self->ios);
  bd_case_set_other_devices (copy, self->other_devices);
  bd_case_set_apps (copy, self->apps);
  bd_case_set_other_apps (copy, self->other_apps);
  bd_case_set_low_power_mode (copy, self->low_power_mode);
  bd_case_set_messages_in_icloud (copy, self->messages_in_icloud);
  bd_case_set_focus (copy, self->focus);
  return copy;
}

/**
 * bd_case_dup_title:
 *
 * Returns: (transfer full): what a list shows for the case: the customer
 *   label, else the first symptom, else a generic title
 */
char *
bd_case_dup_title (BdCase *self)
{
  g_return_val_if_fail (BD_IS_CASE (self), NULL);

  if (*self->label != '\0')
    return g_strdup (self->label);
  if (self->symptoms->len > 0)
    return g_strdup (((BdCaseSymptom *) g_ptr_array_index (self->symptoms, 0))->text);
  return g_strdup (_("New case"));
}

/* --- names used in files and on the command line --------------------- */

static const char *
name_of (const char * const *names,
         guint               n_names,
         guint               value)
{
  g_return_val_if_fail (value < n_names, NULL);
  return names[value];
}

static gboolean
value_of (const char * const *names,
          guint               n_names,
          const char         *str,
          guint              *value)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < n_names; i++)
    if (strcmp (names[i], str) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

static const char * const status_names[] = { "open", "resolved", "escalated" };
static const char * const switch_names[] = { "unknown", "on", "off" };
static const char * const state_names[] = { "done", "skipped", "na", "pending" };
static const char * const outcome_names[] = { "cleared", "not-cleared" };
static const char * const device_names[] = { "iphone", "ipad", "mac" };
static const char * const app_names[] = { "messages", "whatsapp", "teams", "gmail" };

const char *
bd_case_status_to_string (BdCaseStatus status)
{
  return name_of (status_names, G_N_ELEMENTS (status_names), status);
}

gboolean
bd_case_status_from_string (const char   *str,
                            BdCaseStatus *status)
{
  return value_of (status_names, G_N_ELEMENTS (status_names), str, (guint *) status);
}

const char *
bd_switch_to_string (BdSwitch value)
{
  return name_of (switch_names, G_N_ELEMENTS (switch_names), value);
}

gboolean
bd_switch_from_string (const char *str,
                       BdSwitch   *value)
{
  return value_of (switch_names, G_N_ELEMENTS (switch_names), str, (guint *) value);
}

const char *
bd_step_state_to_string (BdStepState state)
{
  return name_of (state_names, G_N_ELEMENTS (state_names), state);
}

gboolean
bd_step_state_from_string (const char  *str,
                           BdStepState *state)
{
  return value_of (state_names, G_N_ELEMENTS (state_names), str, (guint *) state);
}

const char *
bd_outcome_to_string (BdOutcome outcome)
{
  return name_of (outcome_names, G_N_ELEMENTS (outcome_names), outcome);
}

gboolean
bd_outcome_from_string (const char *str,
                        BdOutcome  *outcome)
{
  return value_of (outcome_names, G_N_ELEMENTS (outcome_names), str, (guint *) outcome);
}

/* Flags are stored by the index of their single bit. */
const char *
bd_device_to_string (BdDevice device)
{
  g_return_val_if_fail (device != 0 && (device & (device - 1)) == 0, NULL);
  return name_of (device_names, G_N_ELEMENTS (device_names), (guint) g_bit_nth_lsf (device, -1));
}

gboolean
bd_device_from_string (const char *str,
                       BdDevice   *device)
{
  guint bit;

  if (!value_of (device_names, G_N_ELEMENTS (device_names), str, &bit))
    return FALSE;
  *device = (BdDevice) (1 << bit);
  return TRUE;
}

const char *
bd_app_to_string (BdApp app)
{
  g_return_val_if_fail (app != 0 && (app & (app - 1)) == 0, NULL);
  return name_of (app_names, G_N_ELEMENTS (app_names), (guint) g_bit_nth_lsf (app, -1));
}

gboolean
bd_app_from_string (const char *str,
                    BdApp      *app)
{
  guint bit;

  if (!value_of (app_names, G_N_ELEMENTS (app_names), str, &bit))
    return FALSE;
  *app = (BdApp) (1 << bit);
  return TRUE;
}

/* --- times and ids ----------------------------------------------------- */

/**
 * bd_time_to_iso8601:
 *
 * Returns: (transfer full): @time in UTC, to the second: 2026-11-23T09:00:00Z
 */
char *
bd_time_to_iso8601 (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);

  g_return_val_if_fail (dt != NULL, NULL);
  /* By hand: %Y does not pad years before 1000, and the case format
   * (and so import) wants four digits. */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", g_date_time_get_year (dt),
                          g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
                          g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));
}

/**
 * bd_time_from_iso8601:
 *
 * Accepts exactly the form the case format documents: a date and time
 * with seconds and a time zone, and a real date.
 */
gboolean
bd_time_from_iso8601 (const char *str,
                      gint64     *time)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (str != NULL, FALSE);

  dt = bd_date_time_parse_strict (str);
  if (dt == NULL)
    return FALSE;
  *time = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

/**
 * bd_case_check_text:
 *
 * The rule every free text of a case follows, so what the CLI or the
 * window saves always exports and imports again: at most @max_chars
 * characters, no control character but newline (and no newline either
 * when @one_line).
 */
gboolean
bd_case_check_text (const char  *value,
                    guint        max_chars,
                    gboolean     one_line,
                    GError     **error)
{
  g_return_val_if_fail (value != NULL, FALSE);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, _("The text is not valid UTF-8."));
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > max_chars)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   _("The text is longer than %u characters."), max_chars);
      return FALSE;
    }
  if (bd_text_find_control (value, !one_line) != 0)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   one_line ? _("The text must be one line without control characters.")
                            : _("The text must not contain control characters."));
      return FALSE;
    }
  return TRUE;
}

/**
 * bd_case_check_detail:
 * @field: one text detail a person types (the label, the model, the iOS
 *   version, the notes…)
 *
 * The rule of that detail, the same in the window's fields and the case
 * file: a version for the iOS version, many lines for the notes, one
 * short line for the rest.
 */
gboolean
bd_case_check_detail (BdCaseFields  field,
                      const char   *value,
                      GError      **error)
{
  g_return_val_if_fail (value != NULL, FALSE);

  if (field == BD_CASE_FIELD_IOS)
    return bd_case_check_ios (value, error);
  if (field == BD_CASE_FIELD_NOTES)
    return bd_case_check_text (value, BD_CASE_MAX_NOTES, FALSE, error);
  return bd_case_check_text (value, BD_CASE_MAX_SHORT_TEXT, TRUE, error);
}

/**
 * bd_case_check_ios:
 *
 * An iOS version such as 26.5, or empty for not known. The guidance shows
 * the steps of the version when it knows it (bd_pack_resolve()), and the
 * words of "Not sure" otherwise.
 */
gboolean
bd_case_check_ios (const char  *value,
                   GError     **error)
{
  g_return_val_if_fail (value != NULL, FALSE);

  if (*value == '\0' || g_regex_match_simple ("^[0-9]{1,4}(\\.[0-9]{1,4}){0,3}$", value,
                                               G_REGEX_RAW | G_REGEX_DOLLAR_ENDONLY, 0))
    return TRUE;
  g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an iOS version such as 26.5."), value);
  return FALSE;
}

char *
bd_uuid_new (void)
{
  return g_uuid_string_random ();
}

gboolean
bd_uuid_is_valid (const char *str)
{
  if (str == NULL || strlen (str) != 36 || !g_uuid_string_is_valid (str))
    return FALSE;
  for (const char *p = str; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}
