/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-report"

#include "bd-config.h"

#include <glib/gi18n-lib.h>

#include "bd-report-private.h"

/*
 * The report as a document: titled sections of fields, timeline entries,
 * items and paragraphs, in the person's language. Text, HTML and PDF draw
 * these blocks; JSON is written from the gathered data instead.
 */

const char *
bd_report_state_word (BdStepState state)
{
  switch (state)
    {
    case BD_STEP_STATE_DONE:
      return C_("step state", "Done");
    case BD_STEP_STATE_SKIPPED:
      return C_("step state", "Skipped");
    case BD_STEP_STATE_NA:
      return C_("step state", "Does not apply");
    case BD_STEP_STATE_PENDING:
    default:
      /* Translators: a step whose tick was taken back, in a report */
      return C_("step state", "Not done");
    }
}

const char *
bd_report_guide_word (BdGuideState state)
{
  switch (state)
    {
    case BD_GUIDE_STATE_UNTRIED:
      return C_("guide state", "Not started");
    case BD_GUIDE_STATE_FINISHED:
      return C_("guide state", "Finished");
    case BD_GUIDE_STATE_SKIPPED:
      return C_("guide state", "Skipped");
    case BD_GUIDE_STATE_CLEARED:
      return C_("guide state", "Badge cleared");
    case BD_GUIDE_STATE_NOT_CLEARED:
      return C_("guide state", "Badge not cleared");
    case BD_GUIDE_STATE_IN_PROGRESS:
    default:
      return C_("guide state", "Partly done");
    }
}

const char *
bd_report_switch_word (BdSwitch value)
{
  switch (value)
    {
    case BD_SWITCH_ON:
      return C_("setting", "On");
    case BD_SWITCH_OFF:
      return C_("setting", "Off");
    case BD_SWITCH_UNKNOWN:
    default:
      return C_("setting", "Not known");
    }
}

static const char *
device_word (BdDevice device)
{
  switch (device)
    {
    case BD_DEVICE_IPAD:
      return "iPad";
    case BD_DEVICE_MAC:
      return "Mac";
    case BD_DEVICE_IPHONE:
    case BD_DEVICE_NONE:
    default:
      return "iPhone";
    }
}

static void
join (GString    *list,
      const char *word)
{
  if (list->len > 0)
    g_string_append (list, ", ");
  g_string_append (list, word);
}

/**
 * bd_report_list_devices:
 *
 * Returns: (transfer full) (nullable): "iPad, Mac", or %NULL for none
 */
char *
bd_report_list_devices (BdDevice devices)
{
  GString *list = g_string_new (NULL);

  if (devices & BD_DEVICE_IPAD)
    join (list, device_word (BD_DEVICE_IPAD));
  if (devices & BD_DEVICE_MAC)
    join (list, device_word (BD_DEVICE_MAC));
  if (list->len == 0)
    return (g_string_free (list, TRUE), NULL);
  return g_string_free (list, FALSE);
}

/**
 * bd_report_list_apps:
 *
 * Returns: (transfer full) (nullable): the affected apps, the other apps
 *   the person named last; %NULL for none
 */
char *
bd_report_list_apps (BdReport *self)
{
  static const struct { BdApp app; const char *name; } names[] = {
    { BD_APP_MESSAGES, N_("Messages") },
    { BD_APP_WHATSAPP, "WhatsApp" },
    { BD_APP_TEAMS, "Microsoft Teams" },
    { BD_APP_GMAIL, "Gmail" },
  };
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (self->apps & names[i].app)
      join (list, names[i].app == BD_APP_MESSAGES ? _(names[i].name) : names[i].name);
  if (self->other_apps != NULL)
    join (list, self->other_apps);
  if (list->len == 0)
    return (g_string_free (list, TRUE), NULL);
  return g_string_free (list, FALSE);
}

static BdReportBlock *
add (BdReport          *self,
     BdReportBlockKind  kind,
     const char        *label,
     const char        *text)
{
  BdReportBlock *block = g_new0 (BdReportBlock, 1);

  block->kind = kind;
  block->label = g_strdup (label);
  block->text = g_strdup (text);
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_field (BdReport   *self,
           const char *label,
           const char *value)
{
  if (value != NULL)
    add (self, BD_REPORT_BLOCK_FIELD, label, value);
}

static char *
format_time (BdReport *self,
             gint64    time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, g_date_time_get_timezone (self->made));

  /* Translators: when a step was done, in a report; keep it short (see
   * g_date_time_format()) */
  return g_date_time_format (local, C_("report step time", "%d %b %H:%M"));
}

static void
build_header (BdReport *self)
{
  /* Translators: when a report was made, with its time zone (see
   * g_date_time_format()) */
  g_autofree char *made = g_date_time_format (self->made, C_("report made", "%Y-%m-%d %H:%M UTC%:z"));
  g_autofree char *pack = g_strdup_printf ("%s (%s)", self->pack_version, self->pack_id);

  add (self, BD_REPORT_BLOCK_TITLE, NULL, self->title);
  add_field (self, _("Made"), made);
  add_field (self, _("Badge Doctor"), PACKAGE_VERSION);
  add_field (self, _("Guidance"), pack);
  add_field (self, _("Customer"), self->label);
  add_field (self, _("Ticket"), self->ticket);
  add_field (self, _("Status"), self->status == BD_CASE_STATUS_RESOLVED ? C_("case status", "Resolved")
                                : self->status == BD_CASE_STATUS_ESCALATED ? C_("case status", "Escalated")
                                : C_("case status", "Open"));
}

static void
add_switch (BdReport      *self,
            BdReportField  field,
            const char    *label,
            BdSwitch       value)
{
  if (bd_report_has_field (self, field))
    add_field (self, label, bd_report_switch_word (value));
}

static void
build_device (BdReport *self)
{
  g_autofree char *devices = bd_report_list_devices (self->other_devices);
  g_autofree char *apps = bd_report_list_apps (self);
  guint before = self->blocks->len;

  add (self, BD_REPORT_BLOCK_HEADING, NULL, _("Device"));
  add_field (self, _("Model"), self->model);
  add_field (self, _("iOS version"), self->ios);
  if (bd_report_has_field (self, BD_REPORT_FIELD_OTHER_DEVICES))
    add_field (self, _("Other devices"), devices != NULL ? devices : C_("devices", "None"));
  add_field (self, _("Affected apps"), apps);
  add_switch (self, BD_REPORT_FIELD_LOW_POWER_MODE, _("Low Power Mode"), self->low_power_mode);
  add_switch (self, BD_REPORT_FIELD_MESSAGES_IN_ICLOUD, _("Messages in iCloud"), self->messages_in_icloud);
  add_field (self, _("Focus"), self->focus);
  /* A heading over nothing says less than no heading. */
  if (self->blocks->len == before + 1)
    g_ptr_array_set_size (self->blocks, before);
}

static void
build_symptoms (BdReport *self)
{
  add (self, BD_REPORT_BLOCK_HEADING, NULL,
       g_dngettext (GETTEXT_PACKAGE, "Symptom", "Symptoms", self->symptoms->len));
  if (self->symptoms->len == 0)
    add (self, BD_REPORT_BLOCK_PARAGRAPH, NULL, _("No symptom was chosen."));
  for (guint i = 0; i < self->symptoms->len; i++)
    {
      const BdReportSymptom *symptom = g_ptr_array_index (self->symptoms, i);
      BdReportBlock *block = add (self, BD_REPORT_BLOCK_ITEM, NULL, symptom->text);

      if (symptom->cause != NULL)
        block->aside = g_strdup_printf (_("Likely cause: %s"), symptom->cause);
    }
}

static char *
step_state (const BdReportEvent *event)
{
  if (event->device == BD_DEVICE_NONE)
    return g_strdup (bd_report_state_word (event->state));
  /* Translators: a step's outcome on one device, "Done · iPad" */
  return g_strdup_printf (C_("state on device", "%s · %s"), bd_report_state_word (event->state),
                          device_word (event->device));
}

/* The final state, and how often it changed when it did more than once:
 * the whole back and forth is for the JSON, not for a person reading. */
static char *
step_aside (const BdReportEvent *event,
            guint                n_changes)
{
  g_autofree char *state = step_state (event);

  if (n_changes < 2)
    return g_steal_pointer (&state);
  /* Translators: a step's final state and how often it was ticked or
   * unticked, "Done, changed 3 times" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, changed %u time", "%s, changed %u times",
                                       n_changes),
                          state, n_changes);
}

static gboolean
same_step (const BdReportEvent *a,
           const BdReportEvent *b)
{
  return a->kind == BD_REPORT_EVENT_STEP && b->kind == BD_REPORT_EVENT_STEP &&
         a->device == b->device && g_strcmp0 (a->step_id, b->step_id) == 0;
}

/* How many times the step of events[@at] changed, or 0 when a later
 * event of the same step supersedes it. */
static guint
count_changes (GPtrArray *events,
               guint      at)
{
  const BdReportEvent *event = g_ptr_array_index (events, at);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    if (same_step (g_ptr_array_index (events, i), event))
      {
        if (i > at)
          return 0;
        n++;
      }
  return n;
}

static void
build_event (BdReport            *self,
             const BdReportEvent *event,
             guint                n_changes)
{
  BdReportBlock *block = add (self, BD_REPORT_BLOCK_ENTRY, NULL, NULL);

  block->label = format_time (self, event->time);
  if (event->kind == BD_REPORT_EVENT_ANSWER)
    {
      block->text = g_strdup (_("Did the badge clear?"));
      block->aside = g_strdup (event->outcome == BD_OUTCOME_CLEARED ? _("Yes") : _("No"));
      return;
    }
  block->text = g_strdup (event->text);
  block->aside = step_aside (event, n_changes);
  block->second = g_strdup (event->second);
}

static void
build_timeline (BdReport *self)
{
  add (self, BD_REPORT_BLOCK_HEADING, NULL, _("What Was Tried"));
  if (self->guides->len == 0)
    add (self, BD_REPORT_BLOCK_PARAGRAPH, NULL, _("Nothing has been tried yet."));
  for (guint i = 0; i < self->guides->len; i++)
    {
      const BdReportGuide *guide = g_ptr_array_index (self->guides, i);
      BdReportBlock *block = add (self, BD_REPORT_BLOCK_SUBHEADING, NULL, guide->title);

      block->aside = g_strdup (bd_report_guide_word (guide->state));
      block->second = g_strdup (guide->second);
      /* each step once, where its final state was set */
      for (guint j = 0; j < guide->events->len; j++)
        {
          const BdReportEvent *event = g_ptr_array_index (guide->events, j);
          guint n_changes = event->kind == BD_REPORT_EVENT_STEP ? count_changes (guide->events, j) : 1;

          if (n_changes > 0)
            build_event (self, event, n_changes);
        }
    }
}

static void
build_result (BdReport *self)
{
  add (self, BD_REPORT_BLOCK_HEADING, NULL, _("Result"));
  if (self->resolved_title != NULL)
    add_field (self, _("Cleared by"), self->resolved_title);
  /* a case marked resolved by hand, or imported so, has no guide that did it */
  else if (self->status == BD_CASE_STATUS_RESOLVED)
    add (self, BD_REPORT_BLOCK_PARAGRAPH, NULL, _("Resolved (no guide recorded as clearing it)."));
  else
    add (self, BD_REPORT_BLOCK_PARAGRAPH, NULL, _("Not resolved."));
  if (self->remaining->len == 0)
    return;
  add (self, BD_REPORT_BLOCK_HEADING, NULL, _("Not Tried Yet"));
  for (guint i = 0; i < self->remaining->len; i++)
    {
      const BdReportRemaining *remaining = g_ptr_array_index (self->remaining, i);
      BdReportBlock *block = add (self, BD_REPORT_BLOCK_ITEM, NULL, remaining->title);

      if (remaining->n_left == remaining->n_units)
        block->aside = g_strdup (bd_report_guide_word (BD_GUIDE_STATE_UNTRIED));
      else
        block->aside = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step left",
                                                     "%u of %u steps left", remaining->n_left),
                                        remaining->n_left, remaining->n_units);
    }
}

static void
build_escalation (BdReport *self)
{
  if (self->status != BD_CASE_STATUS_ESCALATED)
    return;
  add (self, BD_REPORT_BLOCK_HEADING, NULL, _("For Apple Support"));
  for (guint i = 0; i < self->checklist->len; i++)
    {
      const BdReportCheck *check = g_ptr_array_index (self->checklist, i);
      BdReportBlock *block = add (self, BD_REPORT_BLOCK_ITEM, NULL, check->text);

      block->aside = g_strdup (check->done ? C_("checklist", "Done") : C_("checklist", "Not done"));
    }
  if (self->resets->len == 0)
    {
      add_field (self, _("Resets done"), C_("resets", "None"));
      return;
    }
  for (guint i = 0; i < self->resets->len; i++)
    {
      const BdReportGuide *reset = g_ptr_array_index (self->resets, i);
      g_autofree char *line = g_strdup_printf ("%s (%s)", reset->title, bd_report_guide_word (reset->state));
      add_field (self, i == 0 ? _("Resets done") : "", line);
    }
}

static void
build_notes (BdReport *self)
{
  if (self->notes == NULL)
    return;
  add (self, BD_REPORT_BLOCK_HEADING, NULL, _("Notes"));
  add (self, BD_REPORT_BLOCK_PARAGRAPH, NULL, self->notes);
}

static void
build_redaction_note (BdReport *self)
{
  if (bd_report_get_n_redactions (self) == 0)
    return;
  add (self, BD_REPORT_BLOCK_PARAGRAPH, NULL,
       _("Phone numbers, e-mail addresses and Apple Account names are replaced by placeholders such as [phone 1]."));
}

void
bd_report_build_blocks (BdReport *self)
{
  build_header (self);
  build_device (self);
  build_symptoms (self);
  build_timeline (self);
  build_result (self);
  build_escalation (self);
  build_notes (self);
  build_redaction_note (self);
}
