/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-case.h"
#include "bd-pack.h"
#include "bd-report.h"

G_BEGIN_DECLS

#define BD_TYPE_REPORT_DIALOG (bd_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BdReportDialog, bd_report_dialog, BD, REPORT_DIALOG, AdwWindow)

BdReportDialog *bd_report_dialog_new         (GtkWindow               *parent,
                                              BdPack                  *pack,
                                              BdCase                  *kase);
void            bd_report_dialog_export_to   (BdReportDialog          *self,
                                              GFile                   *file);
void            bd_report_dialog_print       (BdReportDialog          *self,
                                              GtkPrintOperationAction  action,
                                              const char              *export_path);
void            bd_report_dialog_focus       (BdReportDialog          *self,
                                              gboolean                 print);
char           *bd_report_dialog_dup_preview (BdReportDialog          *self);
gboolean        bd_report_dialog_is_busy     (BdReportDialog          *self);
gboolean        bd_report_dialog_is_preview_ready (BdReportDialog     *self);

G_END_DECLS
