/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bd-report.h"

G_BEGIN_DECLS

GtkPrintOperation *bd_report_print_operation_new (BdReport *report);

G_END_DECLS
