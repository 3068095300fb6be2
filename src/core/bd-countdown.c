/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-countdown"

#include "bd-countdown.h"

/*
 * The countdown a "Wait 30 seconds." step offers. Time is kept as a
 * deadline on the monotonic clock, not as a count of ticks, so a late
 * tick, a pause or a busy main loop never makes the wait shorter or
 * longer than it says. The main loop is woken only when the whole number
 * of seconds shown changes.
 *
 * Nothing here holds the countdown alive: whoever shows it keeps a
 * reference while the person moves around, and dropping the last one
 * stops it.
 */
struct _BdCountdown
{
  GObject parent_instance;

  guint duration;  /* seconds */
  guint remaining; /* seconds, rounded up: what is shown */
  gboolean running;
  gint64 left_us;  /* while stopped: time left; 0 once finished */
  gint64 deadline; /* while running: monotonic time it reaches 0 */
  GSource *source; /* while running */
};

G_DEFINE_FINAL_TYPE (BdCountdown, bd_countdown, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DURATION,
  PROP_REMAINING,
  PROP_RUNNING,
  N_PROPS
};

enum
{
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
duration_us (BdCountdown *self)
{
  return (gint64) self->duration * G_USEC_PER_SEC;
}

/* 29.2 s left shows as 30: the last second shows 1, the end shows 0. */
static guint
seconds_up (gint64 us)
{
  return us > 0 ? (guint) ((us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 0;
}

static void
set_remaining (BdCountdown *self,
               guint        remaining)
{
  if (self->remaining == remaining)
    return;
  self->remaining = remaining;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
}

static void
set_running (BdCountdown *self,
             gboolean     running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* --- ticking --------------------------------------------------------- */

/* A source with only a ready time: it wakes the loop at the exact
 * microsecond the shown number changes, where a timeout would drift. */
static gboolean
tick_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs tick_funcs = { .dispatch = tick_dispatch };

/* When the shown number next goes down, with @left_us to go. */
static gint64
next_change (BdCountdown *self,
             gint64       left_us)
{
  return self->deadline - (gint64) (seconds_up (left_us) - 1) * G_USEC_PER_SEC;
}

static void
stop_ticking (BdCountdown *self)
{
  if (self->source == NULL)
    return;
  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

static void
finish (BdCountdown *self)
{
  stop_ticking (self);
  self->left_us = 0;
  g_object_freeze_notify (G_OBJECT (self));
  set_remaining (self, 0);
  set_running (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[FINISHED], 0);
}

static gboolean
on_tick (gpointer user_data)
{
  /* A handler may drop the last other reference. */
  g_autoptr(BdCountdown) self = g_object_ref (user_data);
  GSource *source = g_main_current_source ();
  gint64 left_us = self->deadline - g_get_monotonic_time ();

  if (left_us <= 0)
    {
      finish (self);
      return G_SOURCE_REMOVE;
    }
  set_remaining (self, seconds_up (left_us));
  /* Unless a handler paused it, or paused and started it again. */
  if (self->source == source)
    g_source_set_ready_time (source, next_change (self, left_us));
  return G_SOURCE_CONTINUE;
}

static void
start_ticking (BdCountdown *self)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_assert (self->source == NULL);
  self->source = g_source_new (&tick_funcs, sizeof (GSource));
  g_source_set_static_name (self->source, "[badge-doctor] countdown");
  g_source_set_callback (self->source, on_tick, self, NULL);
  g_source_set_ready_time (self->source, next_change (self, self->left_us));
  g_source_attach (self->source, context);
}

/* --- the object ------------------------------------------------------ */

static void
bd_countdown_constructed (GObject *object)
{
  BdCountdown *self = BD_COUNTDOWN (object);

  G_OBJECT_CLASS (bd_countdown_parent_class)->constructed (object);
  self->remaining = self->duration;
  self->left_us = duration_us (self);
}

static void
bd_countdown_dispose (GObject *object)
{
  stop_ticking (BD_COUNTDOWN (object));
  G_OBJECT_CLASS (bd_countdown_parent_class)->dispose (object);
}

static void
bd_countdown_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BdCountdown *self = BD_COUNTDOWN (object);

  switch (prop_id)
    {
    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;
    case PROP_REMAINING:
      g_value_set_uint (value, self->remaining);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_countdown_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BdCountdown *self = BD_COUNTDOWN (object);

  switch (prop_id)
    {
    case PROP_DURATION:
      self->duration = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_countdown_class_init (BdCountdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bd_countdown_constructed;
  object_class->dispose = bd_countdown_dispose;
  object_class->get_property = bd_countdown_get_property;
  object_class->set_property = bd_countdown_set_property;

  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 1, G_MAXUINT, 30,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMAINING] =
    g_param_spec_uint ("remaining", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once each time the countdown reaches 0, not when it is reset. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bd_countdown_init (BdCountdown *self)
{
}

/**
 * bd_countdown_new:
 * @seconds: how long to count down, at least 1
 *
 * Returns: (transfer full): a stopped countdown showing @seconds
 */
BdCountdown *
bd_countdown_new (guint seconds)
{
  g_return_val_if_fail (seconds > 0, NULL);

  return g_object_new (BD_TYPE_COUNTDOWN, "duration", seconds, NULL);
}

guint
bd_countdown_get_duration (BdCountdown *self)
{
  g_return_val_if_fail (BD_IS_COUNTDOWN (self), 0);
  return self->duration;
}

/**
 * bd_countdown_get_remaining:
 *
 * Returns: the seconds left, rounded up: the number to show
 */
guint
bd_countdown_get_remaining (BdCountdown *self)
{
  g_return_val_if_fail (BD_IS_COUNTDOWN (self), 0);
  return self->remaining;
}

gboolean
bd_countdown_get_running (BdCountdown *self)
{
  g_return_val_if_fail (BD_IS_COUNTDOWN (self), FALSE);
  return self->running;
}

/**
 * bd_countdown_start:
 *
 * Counts down from where it was paused, or from the full duration once it
 * has finished, ticking in the thread-default main context.
 */
void
bd_countdown_start (BdCountdown *self)
{
  g_return_if_fail (BD_IS_COUNTDOWN (self));

  if (self->running)
    return;
  if (self->left_us == 0)
    self->left_us = duration_us (self);
  self->deadline = g_get_monotonic_time () + self->left_us;
  start_ticking (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_remaining (self, seconds_up (self->left_us));
  set_running (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * bd_countdown_pause:
 *
 * Stops counting, keeping the time left to the microsecond. Pausing at or
 * after the moment it reaches 0 finishes it instead.
 */
void
bd_countdown_pause (BdCountdown *self)
{
  gint64 left_us;

  g_return_if_fail (BD_IS_COUNTDOWN (self));

  if (!self->running)
    return;
  left_us = self->deadline - g_get_monotonic_time ();
  if (left_us <= 0)
    {
      finish (self);
      return;
    }
  stop_ticking (self);
  self->left_us = left_us;
  g_object_freeze_notify (G_OBJECT (self));
  set_remaining (self, seconds_up (left_us));
  set_running (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * bd_countdown_reset:
 *
 * Stops counting and goes back to the full duration, without
 * #BdCountdown::finished.
 */
void
bd_countdown_reset (BdCountdown *self)
{
  g_return_if_fail (BD_IS_COUNTDOWN (self));

  stop_ticking (self);
  self->left_us = duration_us (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_remaining (self, self->duration);
  set_running (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * bd_countdown_get_end_time:
 *
 * Returns: while running, the wall-clock time it reaches 0 (microseconds
 *   since the epoch, UTC), to be kept with the case; otherwise 0
 */
gint64
bd_countdown_get_end_time (BdCountdown *self)
{
  g_return_val_if_fail (BD_IS_COUNTDOWN (self), 0);

  if (!self->running)
    return 0;
  return g_get_real_time () + (self->deadline - g_get_monotonic_time ());
}

/**
 * bd_countdown_run_until:
 * @end_time: a wall-clock end, as bd_countdown_get_end_time() gave it
 *
 * Goes on with a wait started before the window closed: running to
 * @end_time, or, when that has passed, finished at once (a wait that ran
 * out meanwhile is over).
 */
void
bd_countdown_run_until (BdCountdown *self,
                        gint64       end_time)
{
  gint64 left_us;

  g_return_if_fail (BD_IS_COUNTDOWN (self));

  left_us = MIN (end_time - g_get_real_time (), duration_us (self));
  stop_ticking (self);
  set_running (self, FALSE);
  if (left_us <= 0)
    {
      finish (self);
      return;
    }
  self->left_us = left_us;
  bd_countdown_start (self);
}
