/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case-json"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-case-json.h"
#include "bd-file.h"
#include "bd-error.h"
#include "bd-json-check.h"
#include "bd-json-write.h"
#include "bd-version.h"

/*
 * A case as one versioned JSON document (data/case.schema.json documents
 * it), written by `case export` and read back by `case import`. Import is
 * as strict as the pack loader: a case file comes from another machine or
 * another person and is never trusted.
 */

#define FORMAT_NAME "badge-doctor-case"
#define FORMAT_VERSION 1
#define MAX_TEXT_CHARS BD_CASE_MAX_TEXT
#define MAX_SHORT_CHARS BD_CASE_MAX_SHORT_TEXT
#define MAX_NOTES_CHARS BD_CASE_MAX_NOTES

/* --- writing --------------------------------------------------------- */

static void
add_device (JsonBuilder *builder,
            BdCase      *self)
{
  json_builder_set_member_name (builder, "device");
  json_builder_begin_object (builder);
  bd_json_add_string (builder, "model", bd_case_get_model (self));
  bd_json_add_string (builder, "ios", bd_case_get_ios (self));
  bd_json_add_devices (builder, "other_devices", bd_case_get_other_devices (self));
  bd_json_add_apps (builder, "apps", bd_case_get_apps (self));
  bd_json_add_string (builder, "other_apps", bd_case_get_other_apps (self));
  bd_json_add_string (builder, "low_power_mode", bd_switch_to_string (bd_case_get_low_power_mode (self)));
  bd_json_add_string (builder, "messages_in_icloud", bd_switch_to_string (bd_case_get_messages_in_icloud (self)));
  bd_json_add_string (builder, "focus", bd_case_get_focus (self));
  json_builder_end_object (builder);
}

static void
add_steps (JsonBuilder *builder,
           BdCase      *self)
{
  GPtrArray *steps = bd_case_get_steps (self);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < steps->len; i++)
    {
      BdStepRecord *record = g_ptr_array_index (steps, i);

      json_builder_begin_object (builder);
      bd_json_add_string (builder, "guide", record->guide_id);
      bd_json_add_string (builder, "step", record->step_id);
      bd_json_add_string (builder, "text", record->text);
      if (record->device != BD_DEVICE_NONE)
        bd_json_add_string (builder, "device", bd_device_to_string (record->device));
      bd_json_add_string (builder, "state", bd_step_state_to_string (record->state));
      bd_json_add_time (builder, "time", record->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_outcomes (JsonBuilder *builder,
              BdCase      *self)
{
  GPtrArray *outcomes = bd_case_get_outcomes (self);

  json_builder_set_member_name (builder, "outcomes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < outcomes->len; i++)
    {
      BdOutcomeRecord *record = g_ptr_array_index (outcomes, i);

      json_builder_begin_object (builder);
      bd_json_add_string (builder, "guide", record->guide_id);
      bd_json_add_string (builder, "result", bd_outcome_to_string (record->result));
      bd_json_add_time (builder, "time", record->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_symptoms (JsonBuilder *builder,
              BdCase      *self)
{
  GPtrArray *symptoms = bd_case_get_symptoms (self);

  json_builder_set_member_name (builder, "symptoms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < symptoms->len; i++)
    {
      BdCaseSymptom *symptom = g_ptr_array_index (symptoms, i);

      json_builder_begin_object (builder);
      bd_json_add_string (builder, "id", symptom->id);
      bd_json_add_string (builder, "text", symptom->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * bd_case_to_json_node:
 *
 * Returns: (transfer full): the case as a version 1 case document
 */
JsonNode *
bd_case_to_json_node (BdCase *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BD_IS_CASE (self), NULL);

  json_builder_begin_object (builder);
  bd_json_add_string (builder, "format", FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  bd_json_add_string (builder, "id", bd_case_get_id (self));
  bd_json_add_time (builder, "created", bd_case_get_created (self));
  bd_json_add_time (builder, "updated", bd_case_get_updated (self));
  bd_json_add_string (builder, "status", bd_case_status_to_string (bd_case_get_status (self)));
  bd_json_add_string (builder, "label", bd_case_get_label (self));
  bd_json_add_string (builder, "ticket", bd_case_get_ticket (self));
  bd_json_add_string (builder, "notes", bd_case_get_notes (self));
  add_symptoms (builder, self);
  json_builder_set_member_name (builder, "pack");
  json_builder_begin_object (builder);
  bd_json_add_string (builder, "id", bd_case_get_pack_id (self));
  bd_json_add_string (builder, "version", bd_case_get_pack_version (self));
  json_builder_end_object (builder);
  add_device (builder, self);
  add_steps (builder, self);
  add_outcomes (builder, self);
  if (bd_case_get_resolved_by (self) != NULL)
    bd_json_add_string (builder, "resolved_by", bd_case_get_resolved_by (self));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * bd_case_to_json:
 *
 * Returns: (transfer full): the case document, indented, ending in a newline
 */
char *
bd_case_to_json (BdCase *self)
{
  g_autoptr(JsonNode) root = bd_case_to_json_node (self);

  return bd_json_to_text (root);
}

/* --- reading --------------------------------------------------------- */

static void
check_enum_at (BdJsonCheck *c,
               const char  *value,
               gboolean     (*from_string) (const char *, guint *),
               guint       *out,
               gboolean    *ok)
{
  if (from_string (value, out))
    return;
  bd_json_check_report (c, BD_PROBLEM_BAD_VALUE, _("\"%s\" is not one of the values allowed here"), value);
  *ok = FALSE;
}

/* An optional or required string member that must name an enum value. */
static gboolean
get_enum (BdJsonCheck *c,
          JsonObject  *object,
          const char  *name,
          gboolean     required,
          gboolean     (*from_string) (const char *, guint *),
          guint       *out)
{
  const char *value = bd_json_check_string (c, object, name, required);
  gboolean ok = TRUE;
  gsize mark;

  if (value == NULL)
    return FALSE;
  mark = bd_json_check_enter_member (c, name);
  check_enum_at (c, value, from_string, out, &ok);
  bd_json_check_leave (c, mark);
  return ok;
}

/* Label, ticket, model, focus: one line, at most 200 characters. */
static const char *
get_short_text (BdJsonCheck *c,
                JsonObject  *object,
                const char  *name)
{
  const char *value = bd_json_check_string (c, object, name, FALSE);
  gboolean ok;
  gsize mark;

  if (value == NULL)
    return "";
  mark = bd_json_check_enter_member (c, name);
  if (strchr (value, '\n') != NULL)
    {
      bd_json_check_report (c, BD_PROBLEM_CONTROL_CHAR, _("must be one line"));
      ok = FALSE;
    }
  else
    ok = bd_json_check_text_value (c, value, MAX_SHORT_CHARS, TRUE);
  bd_json_check_leave (c, mark);
  return ok ? value : "";
}

static const char *
get_text (BdJsonCheck *c,
          JsonObject  *object,
          const char  *name,
          guint        max_chars,
          gboolean     allow_empty,
          gboolean     required)
{
  const char *value = bd_json_check_string (c, object, name, required);
  gboolean ok;
  gsize mark;

  if (value == NULL)
    return NULL;
  mark = bd_json_check_enter_member (c, name);
  ok = bd_json_check_text_value (c, value, max_chars, allow_empty);
  bd_json_check_leave (c, mark);
  return ok ? value : NULL;
}

static gboolean
get_time (BdJsonCheck *c,
          JsonObject  *object,
          const char  *name,
          gint64      *out)
{
  const char *value = bd_json_check_string (c, object, name, TRUE);
  gsize mark;

  if (value == NULL)
    return FALSE;
  if (bd_time_from_iso8601 (value, out))
    return TRUE;
  mark = bd_json_check_enter_member (c, name);
  bd_json_check_report (c, BD_PROBLEM_BAD_DATE,
                        _("\"%s\" is not a date and time with a time zone such as 2026-11-23T09:00:00Z"),
                        value);
  bd_json_check_leave (c, mark);
  return FALSE;
}

/* A list of unique enum names into flags, for other_devices and apps. */
static guint
get_flags (BdJsonCheck *c,
           JsonObject  *object,
           const char  *name,
           guint        max,
           gboolean     (*from_string) (const char *, guint *))
{
  JsonArray *array = bd_json_check_array (c, object, name, FALSE, 0, max);
  guint flags = 0;
  gsize mark;

  if (array == NULL)
    return 0;
  mark = bd_json_check_enter_member (c, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize entry = bd_json_check_enter_index (c, i);
      guint flag = 0;
      gboolean ok = TRUE;

      if (bd_json_check_type (c, node, BD_JSON_WANT_STRING))
        {
          check_enum_at (c, json_node_get_string (node), from_string, &flag, &ok);
          if (ok && (flags & flag))
            bd_json_check_report (c, BD_PROBLEM_DUPLICATE, _("\"%s\" is listed twice"),
                                  json_node_get_string (node));
          else if (ok)
            flags |= flag;
        }
      bd_json_check_leave (c, entry);
    }
  bd_json_check_leave (c, mark);
  return flags;
}

static gboolean
device_bit (const char *str,
            guint      *out)
{
  return bd_device_from_string (str, (BdDevice *) out);
}

static gboolean
app_bit (const char *str,
         guint      *out)
{
  return bd_app_from_string (str, (BdApp *) out);
}

/* Enum parsers with one signature, for get_enum(). */
static gboolean
switch_value (const char *str,
              guint      *out)
{
  return bd_switch_from_string (str, (BdSwitch *) out);
}

static gboolean
state_value (const char *str,
             guint      *out)
{
  return bd_step_state_from_string (str, (BdStepState *) out);
}

static gboolean
outcome_value (const char *str,
               guint      *out)
{
  return bd_outcome_from_string (str, (BdOutcome *) out);
}

static gboolean
status_value (const char *str,
              guint      *out)
{
  return bd_case_status_from_string (str, (BdCaseStatus *) out);
}

static void
check_device (BdJsonCheck *c,
              JsonObject  *root,
              BdCase      *self)
{
  static const char * const members[] = {
    "model", "ios", "other_devices", "apps", "other_apps", "low_power_mode",
    "messages_in_icloud", "focus", NULL
  };
  JsonNode *node = bd_json_check_member (c, root, "device", BD_JSON_WANT_OBJECT, TRUE);
  JsonObject *device;
  const char *ios;
  guint value;
  gsize mark;

  if (node == NULL)
    return;
  device = json_node_get_object (node);
  mark = bd_json_check_enter_member (c, "device");
  bd_json_check_members (c, device, members);
  bd_case_set_model (self, get_short_text (c, device, "model"));
  bd_case_set_other_apps (self, get_short_text (c, device, "other_apps"));
  bd_case_set_focus (self, get_short_text (c, device, "focus"));
  ios = bd_json_check_string (c, device, "ios", FALSE);
  if (ios != NULL && !bd_case_check_ios (ios, NULL))
    {
      gsize entry = bd_json_check_enter_member (c, "ios");
      bd_json_check_report (c, BD_PROBLEM_BAD_VERSION, _("\"%s\" is not a version such as 26.5"), ios);
      bd_json_check_leave (c, entry);
    }
  else if (ios != NULL)
    bd_case_set_ios (self, ios);
  bd_case_set_other_devices (self, get_flags (c, device, "other_devices", 3, device_bit));
  bd_case_set_apps (self, get_flags (c, device, "apps", 4, app_bit));
  if (get_enum (c, device, "low_power_mode", FALSE, switch_value, &value))
    bd_case_set_low_power_mode (self, value);
  if (get_enum (c, device, "messages_in_icloud", FALSE, switch_value, &value))
    bd_case_set_messages_in_icloud (self, value);
  bd_json_check_leave (c, mark);
}

static void
check_symptom (BdJsonCheck *c,
               JsonObject  *item,
               guint        index,
               gpointer     data)
{
  static const char * const members[] = { "id", "text", NULL };
  BdCase *self = data;
  const char *id = bd_json_check_id (c, item, "id", TRUE);
  const char *text = get_text (c, item, "text", MAX_TEXT_CHARS, FALSE, TRUE);
  gsize mark;

  bd_json_check_members (c, item, members);
  if (id != NULL && bd_case_has_symptom (self, id))
    {
      mark = bd_json_check_enter_member (c, "id");
      bd_json_check_report (c, BD_PROBLEM_DUPLICATE, _("symptom \"%s\" is listed twice"), id);
      bd_json_check_leave (c, mark);
    }
  else if (id != NULL && text != NULL)
    bd_case_add_symptom (self, id, text);
}

static void
check_step (BdJsonCheck *c,
            JsonObject  *item,
            guint        index,
            gpointer     data)
{
  static const char * const members[] = { "guide", "step", "text", "device", "state", "time", NULL };
  BdCase *self = data;
  guint before = c->problems->len;
  const char *guide = bd_json_check_id (c, item, "guide", TRUE);
  const char *step = bd_json_check_id (c, item, "step", TRUE);
  const char *text = get_text (c, item, "text", MAX_TEXT_CHARS, FALSE, TRUE);
  guint device = BD_DEVICE_NONE, state = 0;
  gint64 time = 0;

  bd_json_check_members (c, item, members);
  get_enum (c, item, "device", FALSE, device_bit, &device);
  get_enum (c, item, "state", TRUE, state_value, &state);
  get_time (c, item, "time", &time);
  if (c->problems->len == before)
    bd_case_add_step (self, guide, step, text, device, state, time);
}

static void
check_outcome (BdJsonCheck *c,
               JsonObject  *item,
               guint        index,
               gpointer     data)
{
  static const char * const members[] = { "guide", "result", "time", NULL };
  BdCase *self = data;
  guint before = c->problems->len;
  const char *guide = bd_json_check_id (c, item, "guide", TRUE);
  guint result = 0;
  gint64 time = 0;

  bd_json_check_members (c, item, members);
  get_enum (c, item, "result", TRUE, outcome_value, &result);
  get_time (c, item, "time", &time);
  if (c->problems->len == before)
    bd_case_add_outcome (self, guide, result, time);
}

static void
check_list (BdJsonCheck    *c,
            JsonObject     *root,
            const char     *name,
            guint           max,
            BdJsonItemFunc  func,
            BdCase         *self)
{
  JsonArray *array = bd_json_check_array (c, root, name, TRUE, 0, max);
  gsize mark = bd_json_check_enter_member (c, name);

  bd_json_check_for_each_object (c, array, func, self);
  bd_json_check_leave (c, mark);
}

static void
check_format (BdJsonCheck *c,
              JsonObject  *root)
{
  const char *format = bd_json_check_string (c, root, "format", TRUE);
  JsonNode *version = bd_json_check_member (c, root, "version", BD_JSON_WANT_INT, TRUE);
  gsize mark;

  if (format != NULL && strcmp (format, FORMAT_NAME) != 0)
    {
      mark = bd_json_check_enter_member (c, "format");
      bd_json_check_report (c, BD_PROBLEM_BAD_FORMAT, _("this is not a Badge Doctor case"));
      bd_json_check_leave (c, mark);
    }
  if (version != NULL && json_node_get_int (version) != FORMAT_VERSION)
    {
      mark = bd_json_check_enter_member (c, "version");
      bd_json_check_report (c, BD_PROBLEM_BAD_FORMAT,
                            _("case version %lld is not supported; only 1 is"),
                            (long long) json_node_get_int (version));
      bd_json_check_leave (c, mark);
    }
}

static void
check_pack (BdJsonCheck  *c,
            JsonObject   *root,
            const char  **pack_id,
            const char  **pack_version)
{
  static const char * const members[] = { "id", "version", NULL };
  JsonNode *node = bd_json_check_member (c, root, "pack", BD_JSON_WANT_OBJECT, TRUE);
  JsonObject *pack;
  gsize mark;

  if (node == NULL)
    return;
  pack = json_node_get_object (node);
  mark = bd_json_check_enter_member (c, "pack");
  bd_json_check_members (c, pack, members);
  *pack_id = bd_json_check_id (c, pack, "id", TRUE);
  *pack_version = bd_json_check_string (c, pack, "version", TRUE);
  if (*pack_version != NULL && !bd_version_is_valid (*pack_version))
    {
      gsize entry = bd_json_check_enter_member (c, "version");
      bd_json_check_report (c, BD_PROBLEM_BAD_VERSION, _("\"%s\" is not a version such as 2026.11.1"),
                            *pack_version);
      bd_json_check_leave (c, entry);
      *pack_version = NULL;
    }
  bd_json_check_leave (c, mark);
}

static void
check_id (BdJsonCheck *c,
          JsonObject  *root,
          BdCase      *self)
{
  const char *id = bd_json_check_string (c, root, "id", TRUE);
  gsize mark;

  if (id == NULL)
    return;
  if (bd_uuid_is_valid (id))
    {
      bd_case_set_id (self, id);
      return;
    }
  mark = bd_json_check_enter_member (c, "id");
  bd_json_check_report (c, BD_PROBLEM_BAD_ID, _("\"%s\" is not a case id (a lowercase UUID)"), id);
  bd_json_check_leave (c, mark);
}

static BdCase *
check_root (BdJsonCheck *c,
            JsonNode    *node)
{
  static const char * const members[] = {
    "format", "version", "id", "created", "updated", "status", "label", "ticket", "notes",
    "symptoms", "pack", "device", "steps", "outcomes", "resolved_by", NULL
  };
  g_autoptr(BdCase) self = NULL;
  JsonObject *root;
  const char *pack_id = NULL, *pack_version = NULL, *notes, *resolved_by;
  gint64 created = 0, updated = 0;
  guint status = 0;

  if (!bd_json_check_type (c, node, BD_JSON_WANT_OBJECT))
    return NULL;
  root = json_node_get_object (node);
  bd_json_check_members (c, root, members);
  check_format (c, root);
  check_pack (c, root, &pack_id, &pack_version);
  self = bd_case_new (pack_id ? pack_id : "", pack_version ? pack_version : "");
  check_id (c, root, self);
  get_time (c, root, "created", &created);
  get_time (c, root, "updated", &updated);
  bd_case_set_times (self, created, updated);
  if (get_enum (c, root, "status", TRUE, status_value, &status))
    bd_case_set_status (self, status);
  bd_case_set_label (self, get_short_text (c, root, "label"));
  bd_case_set_ticket (self, get_short_text (c, root, "ticket"));
  notes = get_text (c, root, "notes", MAX_NOTES_CHARS, TRUE, FALSE);
  bd_case_set_notes (self, notes ? notes : "");
  check_list (c, root, "symptoms", 50, check_symptom, self);
  check_device (c, root, self);
  check_list (c, root, "steps", 10000, check_step, self);
  check_list (c, root, "outcomes", 1000, check_outcome, self);
  resolved_by = bd_json_check_id (c, root, "resolved_by", FALSE);
  bd_case_set_resolved_by (self, resolved_by);
  return c->problems->len == 0 ? g_steal_pointer (&self) : NULL;
}

/**
 * bd_case_new_from_json:
 * @bytes: an untrusted case document
 * @problems: (out) (optional) (element-type BdProblem) (transfer container):
 *   every problem found; an empty array on success
 * @error: %BD_ERROR_INVALID_CASE with the first problem as "path: message"
 *
 * Never crashes and never logs a CRITICAL, whatever @bytes hold.
 *
 * Returns: (transfer full) (nullable): the case, keeping the id it had
 */
BdCase *
bd_case_new_from_json (GBytes     *bytes,
                       GPtrArray **problems,
                       GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  BdJsonCheck c;
  JsonNode *root;
  BdCase *self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  bd_json_check_init (&c);
  root = bd_json_check_parse (&c, bytes, BD_CASE_MAX_FILE_SIZE, parser);
  if (root != NULL)
    self = check_root (&c, root);
  if (self == NULL)
    bd_json_check_set_error (&c, error, BD_ERROR_INVALID_CASE);
  if (problems != NULL)
    *problems = g_steal_pointer (&c.problems);
  bd_json_check_clear (&c);
  return self;
}

/**
 * bd_case_new_from_file:
 *
 * Reads @file to its end (a pipe too) within %BD_CASE_MAX_FILE_SIZE bytes
 * and validates them.
 * On a read error @problems is left %NULL.
 */
BdCase *
bd_case_new_from_file (GFile      *file,
                       GPtrArray **problems,
                       GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (problems != NULL)
    *problems = NULL;
  bytes = bd_file_read_capped (file, BD_CASE_MAX_FILE_SIZE, error);
  if (bytes == NULL)
    return NULL;
  return bd_case_new_from_json (bytes, problems, error);
}
