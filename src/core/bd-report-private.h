/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bd-plan.h"
#include "bd-report.h"

G_BEGIN_DECLS

/* What the report says, gathered once from the case and the pack (and
 * redacted once), so that every format says the same. */

typedef struct
{
  char *id;
  char *text;  /* as the person saw it when they chose it */
  char *cause; /* nullable: the pack no longer has the symptom */
} BdReportSymptom;

typedef enum
{
  BD_REPORT_EVENT_STEP,
  BD_REPORT_EVENT_ANSWER,
} BdReportEventKind;

typedef struct
{
  BdReportEventKind kind;
  char *step_id;  /* steps only */
  char *text;     /* steps: as the person saw it */
  char *second;   /* nullable: the step in the second language */
  BdDevice device;
  BdStepState state;
  BdOutcome outcome; /* answers only */
  gint64 time;
} BdReportEvent;

typedef struct
{
  char *id;
  char *title;
  char *second;        /* nullable */
  const char *kind;    /* nullable: the pack no longer has the guide */
  BdGuideState state;
  gboolean in_pack;
  GPtrArray *events;   /* BdReportEvent, oldest first */
} BdReportGuide;

typedef struct
{
  char *id;
  char *title;
  guint n_left;
  guint n_units;
} BdReportRemaining;

typedef struct
{
  char *guide_id;
  char *step_id;
  char *text;
  gboolean done;
} BdReportCheck;

struct _BdReport
{
  GObject parent_instance;

  BdReportField fields;
  gboolean redact;
  char *language;        /* the pack language the texts are in */
  char *second_language; /* nullable */
  GDateTime *made;

  char *case_id;
  char *pack_id;
  char *pack_version;
  BdCaseStatus status;
  gint64 created;
  gint64 updated;
  char *label;   /* nullable: empty or left out, as below */
  char *ticket;
  char *notes;
  char *model;
  char *ios;
  char *other_apps;
  char *focus;
  BdDevice other_devices;
  BdApp apps;
  BdSwitch low_power_mode;
  BdSwitch messages_in_icloud;

  GPtrArray *symptoms;   /* BdReportSymptom */
  GPtrArray *guides;     /* BdReportGuide, in the order they were first tried */
  char *resolved_by;     /* nullable: a guide id */
  char *resolved_title;
  GPtrArray *remaining;  /* BdReportRemaining, in plan order */
  GPtrArray *checklist;  /* BdReportCheck; escalated cases only */
  GPtrArray *resets;     /* BdReportGuide (borrowed from guides) of kind reset */

  BdRedactor *redactor;
  GPtrArray *blocks;     /* BdReportBlock */
  char *title;
  char *running_head;
};

gboolean    bd_report_has_field      (BdReport      *self,
                                      BdReportField  field);
const char *bd_report_state_word     (BdStepState    state);
const char *bd_report_guide_word     (BdGuideState   state);
const char *bd_report_switch_word    (BdSwitch       value);
char       *bd_report_list_devices   (BdDevice       devices);
char       *bd_report_list_apps      (BdReport      *self);
void        bd_report_build_blocks   (BdReport      *self);

G_END_DECLS
