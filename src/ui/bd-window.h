/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-application.h"
#include "bd-session.h"

G_BEGIN_DECLS

#define BD_TYPE_WINDOW (bd_window_get_type ())
G_DECLARE_FINAL_TYPE (BdWindow, bd_window, BD, WINDOW, AdwApplicationWindow)

BdWindow   *bd_window_new             (BdApplication *application);
BdSession  *bd_window_get_session     (BdWindow      *self);
const char *bd_window_get_page        (BdWindow      *self);
gboolean    bd_window_is_busy         (BdWindow      *self);
void        bd_window_write_done      (GObject       *session,
                                       GAsyncResult  *result,
                                       gpointer       user_data);
void        bd_window_report          (BdWindow      *self,
                                       const char    *what,
                                       const GError  *error);
void        bd_window_show_error      (BdWindow      *self,
                                       const char    *message);

G_END_DECLS
