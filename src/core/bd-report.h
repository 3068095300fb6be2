/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "bd-case.h"
#include "bd-pack.h"
#include "bd-redact.h"

G_BEGIN_DECLS

/* What the person may leave out of a report. Everything else (the symptom,
 * the steps, the outcomes) is what the report is for and always stays. */
typedef enum
{
  BD_REPORT_FIELD_LABEL = 1 << 0,
  BD_REPORT_FIELD_TICKET = 1 << 1,
  BD_REPORT_FIELD_NOTES = 1 << 2,
  BD_REPORT_FIELD_MODEL = 1 << 3,
  BD_REPORT_FIELD_IOS = 1 << 4,
  BD_REPORT_FIELD_OTHER_DEVICES = 1 << 5,
  BD_REPORT_FIELD_APPS = 1 << 6,
  BD_REPORT_FIELD_LOW_POWER_MODE = 1 << 7,
  BD_REPORT_FIELD_MESSAGES_IN_ICLOUD = 1 << 8,
  BD_REPORT_FIELD_FOCUS = 1 << 9,
} BdReportField;

#define BD_REPORT_FIELD_ALL ((BdReportField) ((1 << 10) - 1))

typedef enum
{
  BD_REPORT_FORMAT_PDF,
  BD_REPORT_FORMAT_TEXT,
  BD_REPORT_FORMAT_HTML,
  BD_REPORT_FORMAT_JSON,
} BdReportFormat;

typedef enum
{
  BD_REPORT_PAPER_A4,
  BD_REPORT_PAPER_LETTER,
} BdReportPaper;

/* How a report is made. Zero-filled means: every field, no redaction, the
 * user's languages, now in the local time zone. */
typedef struct
{
  BdReportField fields;      /* the fields kept in; 0 is read as all */
  gboolean redact;           /* replace phone numbers, addresses, accounts */
  const char *language;      /* pack texts in this language; NULL: the user's */
  const char *second_language; /* adds guide and step titles in it; nullable */
  GDateTime *now;            /* when it is made, and its time zone; nullable */
} BdReportOptions;

/* One block of the document the text, HTML and PDF reports share. A block
 * is never split across pages, except a paragraph longer than a page. */
typedef enum
{
  BD_REPORT_BLOCK_TITLE,      /* text: the report's title */
  BD_REPORT_BLOCK_HEADING,    /* text: a section */
  BD_REPORT_BLOCK_SUBHEADING, /* text: a guide; aside: its state; second */
  BD_REPORT_BLOCK_FIELD,      /* label: value in text */
  BD_REPORT_BLOCK_ENTRY,      /* label: time; text; aside: outcome; second */
  BD_REPORT_BLOCK_ITEM,       /* text, a bullet; aside: its state */
  BD_REPORT_BLOCK_PARAGRAPH,  /* text, may hold line breaks */
} BdReportBlockKind;

typedef struct
{
  BdReportBlockKind kind;
  char *label;  /* nullable */
  char *text;
  char *aside;  /* nullable */
  char *second; /* nullable: text in the second language */
} BdReportBlock;

#define BD_REPORT_FORMAT_VERSION 1

#define BD_TYPE_REPORT (bd_report_get_type ())
G_DECLARE_FINAL_TYPE (BdReport, bd_report, BD, REPORT, GObject)

BdReport        *bd_report_new              (BdPack                *pack,
                                             BdCase                *kase,
                                             const BdReportOptions *options);
const char      *bd_report_get_title        (BdReport  *self);
const char      *bd_report_get_running_head (BdReport  *self);
const char      *bd_report_get_language     (BdReport  *self);
GPtrArray       *bd_report_get_blocks       (BdReport  *self);
guint            bd_report_get_n_redactions (BdReport  *self);
GPtrArray       *bd_report_get_redactions   (BdReport  *self);
char            *bd_report_dup_redaction_summary (BdReport *self);

char            *bd_report_to_text          (BdReport  *self);
char            *bd_report_to_html          (BdReport  *self);
char            *bd_report_to_json          (BdReport  *self);
GBytes          *bd_report_to_pdf           (BdReport      *self,
                                             BdReportPaper  paper,
                                             GError       **error);
GBytes          *bd_report_render           (BdReport       *self,
                                             BdReportFormat  format,
                                             BdReportPaper   paper,
                                             GError        **error);
void             bd_report_render_async     (BdReport            *self,
                                             BdReportFormat       format,
                                             BdReportPaper        paper,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GBytes          *bd_report_render_finish    (BdReport      *self,
                                             GAsyncResult  *result,
                                             GError       **error);
void             bd_report_render_page_async (BdReport            *self,
                                              BdReportPaper        paper,
                                              guint                page_nr,
                                              double               scale,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
cairo_surface_t *bd_report_render_page_finish (BdReport      *self,
                                               GAsyncResult  *result,
                                               guint         *n_pages,
                                               GError       **error);
void             bd_report_write_async      (BdReport            *self,
                                             BdReportFormat       format,
                                             BdReportPaper        paper,
                                             const char          *path,
                                             gboolean             replace,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean         bd_report_write_finish     (BdReport      *self,
                                             GAsyncResult  *result,
                                             GError       **error);

BdReportPaper    bd_report_paper_for_locale (void);
gboolean         bd_report_format_from_string (const char     *str,
                                               BdReportFormat *format);
const char      *bd_report_format_to_extension (BdReportFormat format);
gboolean         bd_report_paper_from_string (const char    *str,
                                              BdReportPaper *paper);

G_END_DECLS
