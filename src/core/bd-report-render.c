/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-report"

#include "bd-config.h"

#include <langinfo.h>
#include <stdint.h>
#include <string.h>

#include "bd-error.h"
#include "bd-file.h"
#include "bd-report-pages.h"
#include "bd-report-private.h"

/* Every format as bytes, on the caller's thread or on a worker thread: a
 * long case must never hold up the window. */

GBytes *
bd_report_to_pdf (BdReport       *self,
                  BdReportPaper   paper,
                  GError        **error)
{
  g_return_val_if_fail (BD_IS_REPORT (self), NULL);
  return bd_report_pages_render_pdf (self->blocks, self->running_head, paper, error);
}

GBytes *
bd_report_render (BdReport        *self,
                  BdReportFormat   format,
                  BdReportPaper    paper,
                  GError         **error)
{
  char *text;

  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  switch (format)
    {
    case BD_REPORT_FORMAT_PDF:
      return bd_report_to_pdf (self, paper, error);
    case BD_REPORT_FORMAT_TEXT:
      text = bd_report_to_text (self);
      break;
    case BD_REPORT_FORMAT_HTML:
      text = bd_report_to_html (self);
      break;
    case BD_REPORT_FORMAT_JSON:
      text = bd_report_to_json (self);
      break;
    default:
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "unknown report format %d", format);
      return NULL;
    }
  return g_bytes_new_take (text, strlen (text));
}

typedef struct
{
  BdReportFormat format;
  BdReportPaper paper;
} RenderJob;

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  const RenderJob *job = data;
  GError *error = NULL;
  GBytes *bytes = bd_report_render (source, job->format, job->paper, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
bd_report_render_async (BdReport            *self,
                        BdReportFormat       format,
                        BdReportPaper        paper,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (BD_IS_REPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_report_render_async);
  g_task_set_return_on_cancel (task, TRUE);
  job = g_new0 (RenderJob, 1);
  job->format = format;
  job->paper = paper;
  g_task_set_task_data (task, job, g_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
bd_report_render_finish (BdReport      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  BdReportPaper paper;
  guint page_nr;
  double scale;
  guint n_pages; /* set by the thread */
} PageJob;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

static void
page_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  BdReport *self = source;
  PageJob *job = data;
  GError *error = NULL;
  cairo_surface_t *surface;

  surface = bd_report_pages_render_image (self->blocks, self->running_head, job->paper, job->page_nr,
                                          job->scale, &job->n_pages, &error);
  if (surface == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

/**
 * bd_report_render_page_async:
 * @page_nr: counting from 0; past the last page, the last page
 * @scale: pixels per point
 *
 * Draws one page of the PDF as an image, on a worker thread: for a
 * preview of exactly what the PDF will show.
 */
void
bd_report_render_page_async (BdReport            *self,
                             BdReportPaper        paper,
                             guint                page_nr,
                             double               scale,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PageJob *job;

  g_return_if_fail (BD_IS_REPORT (self));
  g_return_if_fail (scale > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_report_render_page_async);
  job = g_new0 (PageJob, 1);
  job->paper = paper;
  job->page_nr = page_nr;
  job->scale = scale;
  g_task_set_task_data (task, job, g_free);
  g_task_run_in_thread (task, page_thread);
}

/**
 * bd_report_render_page_finish:
 * @n_pages: (out) (optional): how many pages the PDF has
 *
 * Returns: (transfer full): an ARGB32 image surface of the page
 */
cairo_surface_t *
bd_report_render_page_finish (BdReport      *self,
                              GAsyncResult  *result,
                              guint         *n_pages,
                              GError       **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  surface = g_task_propagate_pointer (G_TASK (result), error);
  if (surface != NULL && n_pages != NULL)
    *n_pages = ((PageJob *) g_task_get_task_data (G_TASK (result)))->n_pages;
  return g_steal_pointer (&surface);
}

typedef struct
{
  BdReportFormat format;
  BdReportPaper paper;
  char *path;
  gboolean replace;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  const WriteJob *job = data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = bd_report_render (source, job->format, job->paper, &error);
  if (bytes == NULL || g_task_return_error_if_cancelled (task))
    {
      if (bytes == NULL)
        g_task_return_error (task, error);
      return;
    }
  if (!bd_file_write_atomic (job->path, bytes, job->replace, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * bd_report_write_async:
 * @replace: whether a file at @path may be replaced
 *
 * Renders the report and writes it to @path atomically, both on a worker
 * thread: a failure leaves whatever was at @path as it was.
 */
void
bd_report_write_async (BdReport            *self,
                       BdReportFormat       format,
                       BdReportPaper        paper,
                       const char          *path,
                       gboolean             replace,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (BD_IS_REPORT (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_report_write_async);
  job = g_new0 (WriteJob, 1);
  job->format = format;
  job->paper = paper;
  job->path = g_strdup (path);
  job->replace = replace;
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
bd_report_write_finish (BdReport      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The paper of the locale's LC_PAPER: Letter where it is 216 mm wide (the
 * Americas, the Philippines), A4 everywhere else. */
BdReportPaper
bd_report_paper_for_locale (void)
{
#ifdef _NL_PAPER_WIDTH
  intptr_t width = (intptr_t) nl_langinfo (_NL_PAPER_WIDTH);

  if (width == 216)
    return BD_REPORT_PAPER_LETTER;
#endif
  return BD_REPORT_PAPER_A4;
}

static const char * const format_names[] = { "pdf", "txt", "html", "json" };

gboolean
bd_report_format_from_string (const char     *str,
                              BdReportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (str, format_names[i]) == 0)
      {
        *format = (BdReportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* Also the name --format takes. */
const char *
bd_report_format_to_extension (BdReportFormat format)
{
  g_return_val_if_fail (format <= BD_REPORT_FORMAT_JSON, NULL);
  return format_names[format];
}

gboolean
bd_report_paper_from_string (const char    *str,
                             BdReportPaper *paper)
{
  if (g_strcmp0 (str, "a4") == 0)
    *paper = BD_REPORT_PAPER_A4;
  else if (g_strcmp0 (str, "letter") == 0)
    *paper = BD_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}
