/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-report-print"

#include "bd-config.h"

#include "bd-report-pages.h"
#include "bd-report-print.h"

/*
 * Printing through GtkPrintOperation (GTK 4.14's GtkPrintDialog is not
 * there yet on this stack), with the drawing code of the PDF: what comes
 * out of the printer is what the exported PDF shows.
 */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                BdReport          *report)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  BdReportPages *pages = bd_report_pages_new (bd_report_get_blocks (report),
                                              bd_report_get_running_head (report), pango,
                                              gtk_print_context_get_width (context),
                                              gtk_print_context_get_height (context));

  g_object_unref (pango);
  gtk_print_operation_set_n_pages (operation, (int) bd_report_pages_get_n_pages (pages));
  g_object_set_data_full (G_OBJECT (operation), "bd-pages", pages, (GDestroyNotify) bd_report_pages_free);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  BdReportPages *pages = g_object_get_data (G_OBJECT (operation), "bd-pages");

  g_return_if_fail (pages != NULL);
  bd_report_pages_draw (pages, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
on_end_print (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              gpointer           user_data)
{
  g_object_set_data (G_OBJECT (operation), "bd-pages", NULL);
}

/**
 * bd_report_print_operation_new:
 *
 * Returns: (transfer full): an operation that prints @report; run it with
 *   gtk_print_operation_run()
 */
GtkPrintOperation *
bd_report_print_operation_new (BdReport *report)
{
  GtkPrintOperation *operation;

  g_return_val_if_fail (BD_IS_REPORT (report), NULL);

  operation = gtk_print_operation_new ();
  /* One unit is one point, as in the PDF. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, bd_report_get_running_head (report));
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print),
                         g_object_ref (report), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), NULL);
  g_signal_connect (operation, "end-print", G_CALLBACK (on_end_print), NULL);
  return operation;
}
