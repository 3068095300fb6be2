/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  BD_CASE_STATUS_OPEN,
  BD_CASE_STATUS_RESOLVED,
  BD_CASE_STATUS_ESCALATED,
} BdCaseStatus;

/* A device a per-device step is ticked on; the iPhone is always one. */
typedef enum
{
  BD_DEVICE_NONE = 0,
  BD_DEVICE_IPHONE = 1 << 0,
  BD_DEVICE_IPAD = 1 << 1,
  BD_DEVICE_MAC = 1 << 2,
} BdDevice;

typedef enum
{
  BD_APP_MESSAGES = 1 << 0,
  BD_APP_WHATSAPP = 1 << 1,
  BD_APP_TEAMS = 1 << 2,
  BD_APP_GMAIL = 1 << 3,
} BdApp;

/* A phone setting as the person reported it. */
typedef enum
{
  BD_SWITCH_UNKNOWN,
  BD_SWITCH_ON,
  BD_SWITCH_OFF,
} BdSwitch;

typedef enum
{
  BD_STEP_STATE_DONE,
  BD_STEP_STATE_SKIPPED,
  BD_STEP_STATE_NA,
  BD_STEP_STATE_PENDING,
} BdStepState;

typedef enum
{
  BD_OUTCOME_CLEARED,
  BD_OUTCOME_NOT_CLEARED,
} BdOutcome;

/* One entry of the step log: a step's state changed. */
typedef struct
{
  char *guide_id;
  char *step_id;
  char *text;     /* the step as it was shown */
  BdDevice device; /* BD_DEVICE_NONE for a step done once */
  BdStepState state;
  gint64 time;    /* microseconds since the epoch, UTC */
} BdStepRecord;

typedef struct
{
  char *guide_id;
  BdOutcome result;
  gint64 time;
} BdOutcomeRecord;

typedef struct
{
  char *id;
  char *text; /* the symptom as it was shown when chosen */
} BdCaseSymptom;

/* The details a person edits, one bit each: a change names the fields it
 * sets, and only those are written, so two writers setting different
 * fields never undo each other. */
typedef enum
{
  BD_CASE_FIELD_LABEL = 1 << 0,
  BD_CASE_FIELD_TICKET = 1 << 1,
  BD_CASE_FIELD_NOTES = 1 << 2,
  BD_CASE_FIELD_MODEL = 1 << 3,
  BD_CASE_FIELD_IOS = 1 << 4,
  BD_CASE_FIELD_OTHER_DEVICES = 1 << 5,
  BD_CASE_FIELD_APPS = 1 << 6,
  BD_CASE_FIELD_OTHER_APPS = 1 << 7,
  BD_CASE_FIELD_LOW_POWER_MODE = 1 << 8,
  BD_CASE_FIELD_MESSAGES_IN_ICLOUD = 1 << 9,
  BD_CASE_FIELD_FOCUS = 1 << 10,
} BdCaseFields;

#define BD_CASE_FIELDS_ALL ((BdCaseFields) ((1 << 11) - 1))

/* Limits shared by the case file format, the command line and the UI. */
#define BD_CASE_MAX_SHORT_TEXT 200   /* label, ticket, model, focus, other apps */
#define BD_CASE_MAX_NOTES 20000
#define BD_CASE_MAX_TEXT 4000        /* a symptom or step as it was shown */

#define BD_TYPE_CASE (bd_case_get_type ())
G_DECLARE_FINAL_TYPE (BdCase, bd_case, BD, CASE, GObject)

BdCase       *bd_case_new                   (const char      *pack_id,
                                             const char      *pack_version);

const char   *bd_case_get_id                (BdCase          *self);
void          bd_case_set_id                (BdCase          *self,
                                             const char      *id);
gint64        bd_case_get_created           (BdCase          *self);
gint64        bd_case_get_updated           (BdCase          *self);
void          bd_case_set_times             (BdCase          *self,
                                             gint64           created,
                                             gint64           updated);
BdCaseStatus  bd_case_get_status            (BdCase          *self);
void          bd_case_set_status            (BdCase          *self,
                                             BdCaseStatus     status);
const char   *bd_case_get_label             (BdCase          *self);
void          bd_case_set_label             (BdCase          *self,
                                             const char      *label);
const char   *bd_case_get_ticket            (BdCase          *self);
void          bd_case_set_ticket            (BdCase          *self,
                                             const char      *ticket);
const char   *bd_case_get_notes             (BdCase          *self);
void          bd_case_set_notes             (BdCase          *self,
                                             const char      *notes);
const char   *bd_case_get_pack_id           (BdCase          *self);
const char   *bd_case_get_pack_version      (BdCase          *self);
GPtrArray    *bd_case_get_symptoms          (BdCase          *self);
void          bd_case_add_symptom           (BdCase          *self,
                                             const char      *id,
                                             const char      *text);
gboolean      bd_case_has_symptom           (BdCase          *self,
                                             const char      *id);

const char   *bd_case_get_model             (BdCase          *self);
void          bd_case_set_model             (BdCase          *self,
                                             const char      *model);
const char   *bd_case_get_ios               (BdCase          *self);
void          bd_case_set_ios               (BdCase          *self,
                                             const char      *ios);
BdDevice      bd_case_get_other_devices     (BdCase          *self);
void          bd_case_set_other_devices     (BdCase          *self,
                                             BdDevice         devices);
BdDevice      bd_case_get_devices           (BdCase          *self);
BdApp         bd_case_get_apps              (BdCase          *self);
void          bd_case_set_apps              (BdCase          *self,
                                             BdApp            apps);
const char   *bd_case_get_other_apps        (BdCase          *self);
void          bd_case_set_other_apps        (BdCase          *self,
                                             const char      *other_apps);
BdSwitch      bd_case_get_low_power_mode    (BdCase          *self);
void          bd_case_set_low_power_mode    (BdCase          *self,
                                             BdSwitch         value);
BdSwitch      bd_case_get_messages_in_icloud (BdCase         *self);
void          bd_case_set_messages_in_icloud (BdCase         *self,
                                             BdSwitch         value);
const char   *bd_case_get_focus             (BdCase          *self);
void          bd_case_set_focus             (BdCase          *self,
                                             const char      *focus);

GPtrArray    *bd_case_get_steps             (BdCase          *self);
void          bd_case_add_step              (BdCase          *self,
                                             const char      *guide_id,
                                             const char      *step_id,
                                             const char      *text,
                                             BdDevice         device,
                                             BdStepState      state,
                                             gint64           time);
BdStepRecord *bd_case_lookup_step           (BdCase          *self,
                                             const char      *guide_id,
                                             const char      *step_id,
                                             BdDevice         device);
GPtrArray    *bd_case_get_outcomes          (BdCase          *self);
void          bd_case_add_outcome           (BdCase          *self,
                                             const char      *guide_id,
                                             BdOutcome        result,
                                             gint64           time);
const char   *bd_case_get_resolved_by       (BdCase          *self);
void          bd_case_set_resolved_by       (BdCase          *self,
                                             const char      *guide_id);
char         *bd_case_dup_title             (BdCase          *self);
BdCase       *bd_case_copy_details          (BdCase          *self);

const char   *bd_case_status_to_string      (BdCaseStatus     status);
gboolean      bd_case_status_from_string    (const char      *str,
                                             BdCaseStatus    *status);
const char   *bd_device_to_string           (BdDevice         device);
gboolean      bd_device_from_string         (const char      *str,
                                             BdDevice        *device);
const char   *bd_app_to_string              (BdApp            app);
gboolean      bd_app_from_string            (const char      *str,
                                             BdApp           *app);
const char   *bd_switch_to_string           (BdSwitch         value);
gboolean      bd_switch_from_string         (const char      *str,
                                             BdSwitch        *value);
const char   *bd_step_state_to_string       (BdStepState      state);
gboolean      bd_step_state_from_string     (const char      *str,
                                             BdStepState     *state);
const char   *bd_outcome_to_string          (BdOutcome        outcome);
gboolean      bd_outcome_from_string        (const char      *str,
                                             BdOutcome       *outcome);
char         *bd_time_to_iso8601            (gint64           time);
gboolean      bd_time_from_iso8601          (const char      *str,
                                             gint64          *time);
gboolean      bd_case_check_text            (const char      *value,
                                             guint            max_chars,
                                             gboolean         one_line,
                                             GError         **error);
gboolean      bd_case_check_detail          (BdCaseFields     field,
                                             const char      *value,
                                             GError         **error);
gboolean      bd_case_check_ios             (const char      *value,
                                             GError         **error);
char         *bd_uuid_new                   (void);
gboolean      bd_uuid_is_valid              (const char      *str);

G_END_DECLS
