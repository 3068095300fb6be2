/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "bd-report.h"

G_BEGIN_DECLS

/* The report laid out on pages: one drawing code for the PDF and for
 * printing (GtkPrintOperation hands over its own context and page size). */
typedef struct _BdReportPages BdReportPages;

BdReportPages *bd_report_pages_new         (GPtrArray     *blocks,
                                            const char    *running_head,
                                            PangoContext  *context,
                                            double         width,
                                            double         height);
guint          bd_report_pages_get_n_pages (BdReportPages *self);
void           bd_report_pages_draw        (BdReportPages *self,
                                            cairo_t       *cr,
                                            guint          page_nr);
void           bd_report_pages_free        (BdReportPages *self);

GBytes        *bd_report_pages_render_pdf  (GPtrArray     *blocks,
                                            const char    *running_head,
                                            BdReportPaper  paper,
                                            GError       **error);

cairo_surface_t *bd_report_pages_render_image (GPtrArray     *blocks,
                                               const char    *running_head,
                                               BdReportPaper  paper,
                                               guint          page_nr,
                                               double         scale,
                                               guint         *n_pages,
                                               GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdReportPages, bd_report_pages_free)

G_END_DECLS
