/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-report"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-report-private.h"

/*
 * The report a person brings to a support appointment: what device, what
 * symptom, what was tried in what order, what happened, what is left. It
 * is gathered here once, redacted once, and every format (text, HTML,
 * JSON, PDF, print) is drawn from the same gathered data.
 */

G_DEFINE_FINAL_TYPE (BdReport, bd_report, G_TYPE_OBJECT)

#define ESCALATION_CHECKLIST "escalation"

static void
symptom_free (BdReportSymptom *symptom)
{
  g_free (symptom->id);
  g_free (symptom->text);
  g_free (symptom->cause);
  g_free (symptom);
}

static void
event_free (BdReportEvent *event)
{
  g_free (event->step_id);
  g_free (event->text);
  g_free (event->second);
  g_free (event);
}

static void
guide_free (BdReportGuide *guide)
{
  g_free (guide->id);
  g_free (guide->title);
  g_free (guide->second);
  g_ptr_array_unref (guide->events);
  g_free (guide);
}

static void
remaining_free (BdReportRemaining *remaining)
{
  g_free (remaining->id);
  g_free (remaining->title);
  g_free (remaining);
}

static void
check_free (BdReportCheck *check)
{
  g_free (check->guide_id);
  g_free (check->step_id);
  g_free (check->text);
  g_free (check);
}

static void
block_free (BdReportBlock *block)
{
  g_free (block->label);
  g_free (block->text);
  g_free (block->aside);
  g_free (block->second);
  g_free (block);
}

static void
bd_report_finalize (GObject *object)
{
  BdReport *self = BD_REPORT (object);

  g_free (self->language);
  g_free (self->second_language);
  g_clear_pointer (&self->made, g_date_time_unref);
  g_free (self->case_id);
  g_free (self->pack_id);
  g_free (self->pack_version);
  g_free (self->label);
  g_free (self->ticket);
  g_free (self->notes);
  g_free (self->model);
  g_free (self->ios);
  g_free (self->other_apps);
  g_free (self->focus);
  g_ptr_array_unref (self->symptoms);
  g_ptr_array_unref (self->resets);
  g_ptr_array_unref (self->guides);
  g_free (self->resolved_by);
  g_free (self->resolved_title);
  g_ptr_array_unref (self->remaining);
  g_ptr_array_unref (self->checklist);
  g_clear_object (&self->redactor);
  g_ptr_array_unref (self->blocks);
  g_free (self->title);
  g_free (self->running_head);

  G_OBJECT_CLASS (bd_report_parent_class)->finalize (object);
}

static void
bd_report_class_init (BdReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_report_finalize;
}

static void
bd_report_init (BdReport *self)
{
  self->symptoms = g_ptr_array_new_with_free_func ((GDestroyNotify) symptom_free);
  self->guides = g_ptr_array_new_with_free_func ((GDestroyNotify) guide_free);
  self->remaining = g_ptr_array_new_with_free_func ((GDestroyNotify) remaining_free);
  self->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) check_free);
  self->resets = g_ptr_array_new ();
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->redactor = bd_redactor_new ();
}

gboolean
bd_report_has_field (BdReport      *self,
                     BdReportField  field)
{
  return (self->fields & field) != 0;
}

/* Free text from the case as the report shows it: NULL when empty or
 * left out, redacted when the person asked for it. */
static char *
keep (BdReport      *self,
      BdReportField  field,
      const char    *text)
{
  if (text == NULL || *text == '\0' || (field != 0 && !bd_report_has_field (self, field)))
    return NULL;
  if (self->redact)
    return bd_redactor_apply (self->redactor, text);
  return g_strdup (text);
}

static const char *
in_language (BdReport *self,
             BdText   *text)
{
  return text != NULL ? bd_text_get_for (text, self->language) : NULL;
}

/* The second-language form of @text, when there is one and it says
 * something other than @shown. */
static char *
in_second (BdReport   *self,
           BdText     *text,
           const char *shown)
{
  const char *value;

  if (self->second_language == NULL || text == NULL)
    return NULL;
  /* No English stand-in here: the line is for a reader of that language. */
  value = bd_text_lookup (text, self->second_language);
  if (value == NULL || g_strcmp0 (value, shown) == 0)
    return NULL;
  return g_strdup (value);
}

/* The user's first language the pack has, else English. */
static char *
pick_language (BdPack *pack)
{
  const char * const *names = g_get_language_names ();
  const char * const *have = bd_pack_get_languages (pack);

  for (guint i = 0; names[i] != NULL; i++)
    if (have != NULL && g_strv_contains (have, names[i]))
      return g_strdup (names[i]);
  return g_strdup ("en");
}

static void
gather_case (BdReport *self,
             BdCase   *kase)
{
  self->case_id = g_strdup (bd_case_get_id (kase));
  self->status = bd_case_get_status (kase);
  self->created = bd_case_get_created (kase);
  self->updated = bd_case_get_updated (kase);
  self->label = keep (self, BD_REPORT_FIELD_LABEL, bd_case_get_label (kase));
  self->ticket = keep (self, BD_REPORT_FIELD_TICKET, bd_case_get_ticket (kase));
  self->model = keep (self, BD_REPORT_FIELD_MODEL, bd_case_get_model (kase));
  self->ios = keep (self, BD_REPORT_FIELD_IOS, bd_case_get_ios (kase));
  self->other_apps = keep (self, BD_REPORT_FIELD_APPS, bd_case_get_other_apps (kase));
  self->focus = keep (self, BD_REPORT_FIELD_FOCUS, bd_case_get_focus (kase));
  if (bd_report_has_field (self, BD_REPORT_FIELD_OTHER_DEVICES))
    self->other_devices = bd_case_get_other_devices (kase);
  if (bd_report_has_field (self, BD_REPORT_FIELD_APPS))
    self->apps = bd_case_get_apps (kase);
  self->low_power_mode = bd_report_has_field (self, BD_REPORT_FIELD_LOW_POWER_MODE)
                         ? bd_case_get_low_power_mode (kase) : BD_SWITCH_UNKNOWN;
  self->messages_in_icloud = bd_report_has_field (self, BD_REPORT_FIELD_MESSAGES_IN_ICLOUD)
                             ? bd_case_get_messages_in_icloud (kase) : BD_SWITCH_UNKNOWN;
}

static void
gather_symptoms (BdReport *self,
                 BdPack   *pack,
                 BdCase   *kase)
{
  GPtrArray *symptoms = bd_case_get_symptoms (kase);

  for (guint i = 0; i < symptoms->len; i++)
    {
      const BdCaseSymptom *chosen = g_ptr_array_index (symptoms, i);
      BdSymptom *symptom = bd_pack_lookup_symptom (pack, chosen->id);
      BdReportSymptom *entry = g_new0 (BdReportSymptom, 1);

      entry->id = g_strdup (chosen->id);
      entry->text = keep (self, 0, chosen->text);
      if (entry->text == NULL)
        entry->text = g_strdup (chosen->id);
      if (symptom != NULL)
        entry->cause = g_strdup (in_language (self, bd_symptom_get_cause (symptom)));
      g_ptr_array_add (self->symptoms, entry);
    }
}

static BdReportGuide *
guide_for (BdReport   *self,
           GHashTable *by_id,
           BdPack     *pack,
           const char *guide_id)
{
  BdReportGuide *entry = g_hash_table_lookup (by_id, guide_id);
  BdGuide *guide;

  if (entry != NULL)
    return entry;
  entry = g_new0 (BdReportGuide, 1);
  entry->id = g_strdup (guide_id);
  entry->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  entry->state = BD_GUIDE_STATE_IN_PROGRESS;
  guide = bd_pack_lookup_guide (pack, guide_id);
  entry->in_pack = guide != NULL;
  if (guide != NULL)
    {
      entry->title = g_strdup (in_language (self, bd_guide_get_title (guide)));
      entry->second = in_second (self, bd_guide_get_title (guide), entry->title);
      entry->kind = bd_guide_kind_to_string (bd_guide_get_kind (guide));
    }
  else
    entry->title = g_strdup (guide_id);
  g_hash_table_insert (by_id, entry->id, entry);
  g_ptr_array_add (self->guides, entry);
  return entry;
}

static void
add_step_event (BdReport           *self,
                BdReportGuide      *entry,
                BdPack             *pack,
                const BdStepRecord *record)
{
  BdReportEvent *event = g_new0 (BdReportEvent, 1);
  BdGuide *guide = bd_pack_lookup_guide (pack, record->guide_id);
  BdStep *step = guide != NULL ? bd_guide_lookup_step (guide, record->step_id) : NULL;

  event->kind = BD_REPORT_EVENT_STEP;
  event->step_id = g_strdup (record->step_id);
  /* The words the person saw, even when a newer pack reworded the step. */
  event->text = keep (self, 0, record->text);
  if (event->text == NULL)
    event->text = g_strdup (record->step_id);
  if (step != NULL)
    event->second = in_second (self, bd_step_get_text (step), event->text);
  event->device = record->device;
  event->state = record->state;
  event->time = record->time;
  g_ptr_array_add (entry->events, event);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const BdReportEvent *x = *(BdReportEvent * const *) a;
  const BdReportEvent *y = *(BdReportEvent * const *) b;

  return (x->time > y->time) - (x->time < y->time);
}

static int
compare_guides (gconstpointer a,
                gconstpointer b)
{
  const BdReportGuide *x = *(BdReportGuide * const *) a;
  const BdReportGuide *y = *(BdReportGuide * const *) b;

  return compare_events (&g_ptr_array_index (x->events, 0), &g_ptr_array_index (y->events, 0));
}

static const BdPlanGuide *
plan_entry (BdPlan     *plan,
            const char *guide_id)
{
  for (guint i = 0; i < bd_plan_get_n_guides (plan); i++)
    {
      const BdPlanGuide *entry = bd_plan_get_guide (plan, i);
      if (g_strcmp0 (bd_guide_get_id (entry->guide), guide_id) == 0)
        return entry;
    }
  return NULL;
}

/* A guide outside the plan (opened from the resets, say) is as far as its
 * last answer says. */
static void
settle_state (BdReportGuide *entry,
              BdPlan        *plan)
{
  const BdPlanGuide *planned = plan_entry (plan, entry->id);

  if (planned != NULL)
    {
      entry->state = planned->state;
      return;
    }
  for (guint i = entry->events->len; i > 0; i--)
    {
      const BdReportEvent *event = g_ptr_array_index (entry->events, i - 1);
      if (event->kind == BD_REPORT_EVENT_ANSWER)
        {
          entry->state = event->outcome == BD_OUTCOME_CLEARED ? BD_GUIDE_STATE_CLEARED
                                                             : BD_GUIDE_STATE_NOT_CLEARED;
          return;
        }
    }
}

static void
gather_timeline (BdReport *self,
                 BdPack   *pack,
                 BdCase   *kase,
                 BdPlan   *plan)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *steps = bd_case_get_steps (kase);
  GPtrArray *outcomes = bd_case_get_outcomes (kase);

  for (guint i = 0; i < steps->len; i++)
    {
      const BdStepRecord *record = g_ptr_array_index (steps, i);
      add_step_event (self, guide_for (self, by_id, pack, record->guide_id), pack, record);
    }
  for (guint i = 0; i < outcomes->len; i++)
    {
      const BdOutcomeRecord *record = g_ptr_array_index (outcomes, i);
      BdReportGuide *entry = guide_for (self, by_id, pack, record->guide_id);
      BdReportEvent *event = g_new0 (BdReportEvent, 1);

      event->kind = BD_REPORT_EVENT_ANSWER;
      event->outcome = record->result;
      event->time = record->time;
      g_ptr_array_add (entry->events, event);
    }
  /* Both sorts are stable: events at the same second keep the log's order. */
  for (guint i = 0; i < self->guides->len; i++)
    {
      BdReportGuide *entry = g_ptr_array_index (self->guides, i);
      g_ptr_array_sort (entry->events, compare_events);
      settle_state (entry, plan);
      if (g_strcmp0 (entry->kind, "reset") == 0)
        g_ptr_array_add (self->resets, entry);
    }
  g_ptr_array_sort (self->guides, compare_guides);
}

static void
gather_outcome (BdReport *self,
                BdPack   *pack,
                BdCase   *kase)
{
  const char *resolved_by = bd_case_get_resolved_by (kase);
  BdGuide *guide;

  if (resolved_by == NULL || *resolved_by == '\0')
    return;
  self->resolved_by = g_strdup (resolved_by);
  guide = bd_pack_lookup_guide (pack, resolved_by);
  self->resolved_title = g_strdup (guide != NULL ? in_language (self, bd_guide_get_title (guide))
                                                 : resolved_by);
}

static void
gather_remaining (BdReport *self,
                  BdPlan   *plan)
{
  for (guint i = 0; i < bd_plan_get_n_guides (plan); i++)
    {
      const BdPlanGuide *entry = bd_plan_get_guide (plan, i);
      BdReportRemaining *remaining;

      if (entry->state != BD_GUIDE_STATE_UNTRIED && entry->state != BD_GUIDE_STATE_IN_PROGRESS)
        continue;
      remaining = g_new0 (BdReportRemaining, 1);
      remaining->id = g_strdup (bd_guide_get_id (entry->guide));
      remaining->title = g_strdup (in_language (self, bd_guide_get_title (entry->guide)));
      remaining->n_units = entry->n_units;
      remaining->n_left = entry->n_units - bd_plan_guide_get_handled (entry);
      g_ptr_array_add (self->remaining, remaining);
    }
}

static char *
check_text (BdReport        *self,
            BdPack          *pack,
            BdChecklistItem *item)
{
  BdGuide *guide = bd_pack_lookup_guide (pack, bd_checklist_item_get_guide_id (item));
  const char *step_id = bd_checklist_item_get_step_id (item);
  BdStep *step = guide != NULL && step_id != NULL ? bd_guide_lookup_step (guide, step_id) : NULL;

  if (bd_checklist_item_get_text (item) != NULL)
    return g_strdup (in_language (self, bd_checklist_item_get_text (item)));
  if (step != NULL)
    return g_strdup (in_language (self, bd_step_get_text (step)));
  if (guide != NULL)
    return g_strdup (in_language (self, bd_guide_get_title (guide)));
  return g_strdup (bd_checklist_item_get_guide_id (item));
}

static gboolean
check_done (BdCase     *kase,
            const char *guide_id,
            const char *step_id)
{
  GPtrArray *steps = bd_case_get_steps (kase);
  BdStepRecord *record;

  if (step_id != NULL)
    return (record = bd_case_lookup_step (kase, guide_id, step_id, BD_DEVICE_NONE)) != NULL
           && record->state == BD_STEP_STATE_DONE;
  for (guint i = 0; i < steps->len; i++)
    if (g_strcmp0 (((BdStepRecord *) g_ptr_array_index (steps, i))->guide_id, guide_id) == 0)
      return TRUE;
  return FALSE;
}

/* What Apple Support asks first: only an escalated case carries it. */
static void
gather_checklist (BdReport *self,
                  BdPack   *pack,
                  BdCase   *kase)
{
  BdChecklist *checklist = bd_pack_lookup_checklist (pack, ESCALATION_CHECKLIST);
  GListModel *items;

  if (self->status != BD_CASE_STATUS_ESCALATED || checklist == NULL)
    return;
  items = bd_checklist_get_items (checklist);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(BdChecklistItem) item = g_list_model_get_item (items, i);
      BdReportCheck *check = g_new0 (BdReportCheck, 1);

      check->guide_id = g_strdup (bd_checklist_item_get_guide_id (item));
      check->step_id = g_strdup (bd_checklist_item_get_step_id (item));
      check->text = check_text (self, pack, item);
      check->done = check_done (kase, check->guide_id, check->step_id);
      g_ptr_array_add (self->checklist, check);
    }
}

static void
set_titles (BdReport *self)
{
  GString *head = g_string_new (NULL);
  g_autofree char *date = g_date_time_format (self->made,
                                              /* Translators: the date in a report's running head;
                                               * see g_date_time_format() */
                                              C_("report date", "%Y-%m-%d"));

  self->title = g_strdup (_("Badge Doctor Report"));
  g_string_append (head, self->title);
  if (self->label != NULL)
    g_string_append_printf (head, " · %s", self->label);
  if (self->ticket != NULL)
    g_string_append_printf (head, " · %s", self->ticket);
  g_string_append_printf (head, " · %s", date);
  self->running_head = g_string_free (head, FALSE);
}

/**
 * bd_report_new:
 * @options: (nullable): how to make it; %NULL for the defaults
 *
 * Gathers the report of @kase. The case may be changed or freed after;
 * the report keeps copies of what it says and may be rendered from any
 * thread.
 */
BdReport *
bd_report_new (BdPack                *pack,
               BdCase                *kase,
               const BdReportOptions *options)
{
  static const BdReportOptions defaults = { 0 };
  g_autoptr(BdPlan) plan = NULL;
  BdReport *self;

  g_return_val_if_fail (BD_IS_PACK (pack), NULL);
  g_return_val_if_fail (BD_IS_CASE (kase), NULL);

  if (options == NULL)
    options = &defaults;
  self = g_object_new (BD_TYPE_REPORT, NULL);
  self->fields = options->fields != 0 ? options->fields : BD_REPORT_FIELD_ALL;
  self->redact = options->redact;
  self->language = options->language != NULL ? g_strdup (options->language) : pick_language (pack);
  if (options->second_language != NULL && g_strcmp0 (options->second_language, self->language) != 0)
    self->second_language = g_strdup (options->second_language);
  self->made = options->now != NULL ? g_date_time_ref (options->now) : g_date_time_new_now_local ();
  self->pack_id = g_strdup (bd_pack_get_id (pack));
  self->pack_version = g_strdup (bd_pack_get_version (pack));

  plan = bd_plan_new (pack, kase);
  gather_case (self, kase);
  gather_symptoms (self, pack, kase);
  gather_timeline (self, pack, kase, plan);
  gather_outcome (self, pack, kase);
  gather_remaining (self, plan);
  gather_checklist (self, pack, kase);
  /* Notes last, so that placeholders are numbered in reading order of
   * the fields above them. */
  self->notes = keep (self, BD_REPORT_FIELD_NOTES, bd_case_get_notes (kase));
  set_titles (self);
  bd_report_build_blocks (self);
  return self;
}

const char *
bd_report_get_title (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);
  return self->title;
}

const char *
bd_report_get_running_head (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);
  return self->running_head;
}

/* The language the pack's texts in the report are in. */
const char *
bd_report_get_language (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);
  return self->language;
}

/**
 * bd_report_get_blocks:
 *
 * Returns: (transfer none) (element-type BdReportBlock): the document the
 *   text, HTML and PDF reports are drawn from
 */
GPtrArray *
bd_report_get_blocks (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);
  return self->blocks;
}

guint
bd_report_get_n_redactions (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), 0);
  return bd_redactor_get_redactions (self->redactor)->len;
}

/**
 * bd_report_get_redactions:
 *
 * Returns: (transfer none) (element-type BdRedaction): what was hidden,
 *   in the order first found
 */
GPtrArray *
bd_report_get_redactions (BdReport *self)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);
  return bd_redactor_get_redactions (self->redactor);
}

/**
 * bd_report_dup_redaction_summary:
 *
 * Returns: (transfer full) (nullable): one line per placeholder, "[phone 1]
 *   ← +1 555 123 4567 (2×)", for the person to see before anything leaves;
 *   %NULL when nothing was redacted
 */
char *
bd_report_dup_redaction_summary (BdReport *self)
{
  GPtrArray *found;
  GString *summary;

  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  found = bd_redactor_get_redactions (self->redactor);
  if (found->len == 0)
    return NULL;
  summary = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      const BdRedaction *redaction = g_ptr_array_index (found, i);
      g_string_append_printf (summary,
                              /* Translators: a line of the list of what a report leaves out:
                               * the placeholder, what it replaced, and how many times */
                              ngettext ("%s replaces %s (once)\n", "%s replaces %s (%u times)\n",
                                        redaction->count),
                              redaction->placeholder, redaction->original, redaction->count);
    }
  return g_string_free (summary, FALSE);
}
