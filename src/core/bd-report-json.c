/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-report"

#include "bd-config.h"

#include "bd-json-write.h"
#include "bd-report-private.h"

/*
 * The report as one versioned JSON document for help-desk systems;
 * data/report.schema.json documents it. Names and values are not
 * translated; the texts are in the report's language, redacted as the
 * person chose, and a left-out field is absent.
 */

#define FORMAT_NAME "badge-doctor-report"

static void
add_optional (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  if (value != NULL)
    bd_json_add_string (builder, name, value);
}

static void
add_made (JsonBuilder *builder,
          GDateTime   *made)
{
  g_autofree char *text = g_date_time_format (made, "%Y-%m-%dT%H:%M:%S%:z");

  bd_json_add_string (builder, "made", text);
}

static void
add_header (BdReport    *self,
            JsonBuilder *builder)
{
  bd_json_add_string (builder, "format", FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, BD_REPORT_FORMAT_VERSION);
  add_made (builder, self->made);
  bd_json_add_string (builder, "language", self->language);
  add_optional (builder, "second_language", self->second_language);
  bd_json_add_string (builder, "app_version", PACKAGE_VERSION);
  json_builder_set_member_name (builder, "pack");
  json_builder_begin_object (builder);
  bd_json_add_string (builder, "id", self->pack_id);
  bd_json_add_string (builder, "version", self->pack_version);
  json_builder_end_object (builder);
}

static void
add_case (BdReport    *self,
          JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "case");
  json_builder_begin_object (builder);
  bd_json_add_string (builder, "id", self->case_id);
  add_optional (builder, "label", self->label);
  add_optional (builder, "ticket", self->ticket);
  bd_json_add_string (builder, "status", bd_case_status_to_string (self->status));
  bd_json_add_time (builder, "created", self->created);
  bd_json_add_time (builder, "updated", self->updated);
  json_builder_end_object (builder);
}

static void
add_device (BdReport    *self,
            JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "device");
  json_builder_begin_object (builder);
  add_optional (builder, "model", self->model);
  add_optional (builder, "ios", self->ios);
  if (bd_report_has_field (self, BD_REPORT_FIELD_OTHER_DEVICES))
    bd_json_add_devices (builder, "other_devices", self->other_devices);
  if (bd_report_has_field (self, BD_REPORT_FIELD_APPS))
    {
      bd_json_add_apps (builder, "apps", self->apps);
      add_optional (builder, "other_apps", self->other_apps);
    }
  if (bd_report_has_field (self, BD_REPORT_FIELD_LOW_POWER_MODE))
    bd_json_add_string (builder, "low_power_mode", bd_switch_to_string (self->low_power_mode));
  if (bd_report_has_field (self, BD_REPORT_FIELD_MESSAGES_IN_ICLOUD))
    bd_json_add_string (builder, "messages_in_icloud", bd_switch_to_string (self->messages_in_icloud));
  add_optional (builder, "focus", self->focus);
  json_builder_end_object (builder);
}

static void
add_symptoms (BdReport    *self,
              JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "symptoms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->symptoms->len; i++)
    {
      const BdReportSymptom *symptom = g_ptr_array_index (self->symptoms, i);
      json_builder_begin_object (builder);
      bd_json_add_string (builder, "id", symptom->id);
      bd_json_add_string (builder, "text", symptom->text);
      add_optional (builder, "likely_cause", symptom->cause);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_event (JsonBuilder         *builder,
           const BdReportEvent *event)
{
  json_builder_begin_object (builder);
  bd_json_add_time (builder, "time", event->time);
  if (event->kind == BD_REPORT_EVENT_ANSWER)
    {
      bd_json_add_string (builder, "type", "answer");
      json_builder_set_member_name (builder, "cleared");
      json_builder_add_boolean_value (builder, event->outcome == BD_OUTCOME_CLEARED);
    }
  else
    {
      bd_json_add_string (builder, "type", "step");
      bd_json_add_string (builder, "step", event->step_id);
      bd_json_add_string (builder, "text", event->text);
      add_optional (builder, "text_second", event->second);
      if (event->device != BD_DEVICE_NONE)
        bd_json_add_string (builder, "device", bd_device_to_string (event->device));
      bd_json_add_string (builder, "state", bd_step_state_to_string (event->state));
    }
  json_builder_end_object (builder);
}

static void
add_guides (BdReport    *self,
            JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->guides->len; i++)
    {
      const BdReportGuide *guide = g_ptr_array_index (self->guides, i);
      json_builder_begin_object (builder);
      bd_json_add_string (builder, "guide", guide->id);
      bd_json_add_string (builder, "title", guide->title);
      add_optional (builder, "title_second", guide->second);
      add_optional (builder, "kind", guide->kind);
      bd_json_add_string (builder, "state", bd_guide_state_to_string (guide->state));
      json_builder_set_member_name (builder, "events");
      json_builder_begin_array (builder);
      for (guint j = 0; j < guide->events->len; j++)
        add_event (builder, g_ptr_array_index (guide->events, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_result (BdReport    *self,
            JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "resolved_by");
  if (self->resolved_by == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      bd_json_add_string (builder, "guide", self->resolved_by);
      bd_json_add_string (builder, "title", self->resolved_title);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "remaining");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->remaining->len; i++)
    {
      const BdReportRemaining *remaining = g_ptr_array_index (self->remaining, i);
      json_builder_begin_object (builder);
      bd_json_add_string (builder, "guide", remaining->id);
      bd_json_add_string (builder, "title", remaining->title);
      json_builder_set_member_name (builder, "steps_left");
      json_builder_add_int_value (builder, remaining->n_left);
      json_builder_set_member_name (builder, "steps");
      json_builder_add_int_value (builder, remaining->n_units);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_escalation (BdReport    *self,
                JsonBuilder *builder)
{
  if (self->status != BD_CASE_STATUS_ESCALATED)
    return;
  json_builder_set_member_name (builder, "escalation");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "checklist");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->checklist->len; i++)
    {
      const BdReportCheck *check = g_ptr_array_index (self->checklist, i);
      json_builder_begin_object (builder);
      bd_json_add_string (builder, "guide", check->guide_id);
      add_optional (builder, "step", check->step_id);
      bd_json_add_string (builder, "text", check->text);
      json_builder_set_member_name (builder, "done");
      json_builder_add_boolean_value (builder, check->done);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "resets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->resets->len; i++)
    json_builder_add_string_value (builder, ((BdReportGuide *) g_ptr_array_index (self->resets, i))->id);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static const char *
redaction_kind (BdRedactionKind kind)
{
  return kind == BD_REDACTION_PHONE ? "phone" : kind == BD_REDACTION_EMAIL ? "email" : "apple-account";
}

/* Which placeholders stand for something, never what they replaced. */
static void
add_redactions (BdReport    *self,
                JsonBuilder *builder)
{
  GPtrArray *found = bd_redactor_get_redactions (self->redactor);

  json_builder_set_member_name (builder, "redacted");
  json_builder_add_boolean_value (builder, self->redact);
  json_builder_set_member_name (builder, "placeholders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    {
      const BdRedaction *redaction = g_ptr_array_index (found, i);
      json_builder_begin_object (builder);
      bd_json_add_string (builder, "placeholder", redaction->placeholder);
      bd_json_add_string (builder, "kind", redaction_kind (redaction->kind));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * bd_report_to_json:
 *
 * Returns: (transfer full): the report document, indented, ending in a
 *   newline
 */
char *
bd_report_to_json (BdReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  json_builder_begin_object (builder);
  add_header (self, builder);
  add_case (self, builder);
  add_device (self, builder);
  add_symptoms (self, builder);
  add_guides (self, builder);
  add_result (self, builder);
  add_escalation (self, builder);
  add_optional (builder, "notes", self->notes);
  add_redactions (self, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return bd_json_to_text (root);
}
