/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BD_TYPE_COUNTDOWN (bd_countdown_get_type ())
G_DECLARE_FINAL_TYPE (BdCountdown, bd_countdown, BD, COUNTDOWN, GObject)

BdCountdown *bd_countdown_new           (guint        seconds);
guint        bd_countdown_get_duration  (BdCountdown *self);
guint        bd_countdown_get_remaining (BdCountdown *self);
gboolean     bd_countdown_get_running   (BdCountdown *self);
void         bd_countdown_start         (BdCountdown *self);
void         bd_countdown_pause         (BdCountdown *self);
void         bd_countdown_reset         (BdCountdown *self);
gint64       bd_countdown_get_end_time  (BdCountdown *self);
void         bd_countdown_run_until     (BdCountdown *self,
                                         gint64       end_time);

G_END_DECLS
