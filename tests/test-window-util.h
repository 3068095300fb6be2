/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-application.h"
#include "bd-case-backend.h"
#include "bd-session.h"
#include "bd-window.h"

G_BEGIN_DECLS

typedef struct
{
  BdApplication *app;
  BdWindow *window;
} App;

void     test_window_init    (int            *argc,
                              char         ***argv);
void     iterate_until       (gboolean      (*done) (gpointer),
                              gpointer        data,
                              guint           timeout_ms);
void     settle              (GtkWidget      *widget);
App      start_app           (void);
App      start_app_unsettled (void);
void     stop_app            (App            *a);
void     act                 (BdWindow       *window,
                              const char     *action,
                              const char     *target);
BdCase  *stored_case         (App            *a);
void     keep_result         (GObject        *object,
                              GAsyncResult   *result,
                              gpointer        user_data);
gboolean written             (BdSession      *session,
                              GAsyncResult  **result);
gboolean save_details        (BdSession      *session,
                              BdCaseFields    fields);
void     save_png            (gpointer        window,
                              const char     *name);

G_END_DECLS
