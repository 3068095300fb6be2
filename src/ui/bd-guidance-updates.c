/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-guidance-updates"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-guidance-cache.h"
#include "bd-guidance-updates.h"

/*
 * When the app checks for newer guidance and what it says about it: ten
 * seconds after start, then every update-interval-hours with some jitter,
 * sooner but backing off after failures; never automatically while the
 * network is down or metered; now, when the person asks. One quiet status
 * line says where guidance stands. A newer pack is used from the next
 * start, or at once when the person says so.
 */

#define FIRST_CHECK_SECONDS 10
#define RETRY_SECONDS (15 * 60) /* while offline, metered or turned off */
#define OUT_OF_DATE_SECONDS (30 * 24 * 3600)

struct _BdGuidanceUpdates
{
  GObject parent_instance;

  GSettings *settings;
  char *cache_dir;
  GPtrArray *keys;
  BdPack *current;
  BdPack *new_pack;
  GPtrArray *changes;
  BdUpdater *updater;
  BdUpdateState *state;
  GCancellable *cancellable;
  GNetworkMonitor *monitor;
  char *status;
  char *cache_problem;
  guint timer;
  gboolean checking;
  gboolean started;
};

G_DEFINE_FINAL_TYPE (BdGuidanceUpdates, bd_guidance_updates, G_TYPE_OBJECT)

enum { PROP_0, PROP_STATUS, PROP_NEW_PACK, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHECKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void check (BdGuidanceUpdates *self, gboolean manual);

/* --- the status line ------------------------------------------------------ */

static char *
ago (gint64 seconds)
{
  gint64 minutes = seconds / 60, hours = minutes / 60, days = hours / 24;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (hours < 1)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (gulong) minutes), (int) minutes);
  if (days < 1)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) hours), (int) hours);
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), (int) days);
}

/* Why the last check did not update, in words; refusals of what came are
 * told apart from failures to get anything. */
static const char *
reason (const char *code,
        gboolean   *refused)
{
  static const struct { const char *code; gboolean refused; const char *words; } reasons[] = {
    { "address", TRUE, N_("address not allowed") },
    { "redirects", TRUE, N_("too many redirects") },
    { "too-large", TRUE, N_("too large") },
    { "no-signature", TRUE, N_("no signature") },
    { "bad-signature", TRUE, N_("bad signature") },
    { "unknown-key", TRUE, N_("signed with an unknown key") },
    { "invalid", TRUE, N_("invalid guidance") },
    { "downgrade", TRUE, N_("older than the guidance in use") },
    { "other-pack", TRUE, N_("guidance for another pack") },
    { "network", FALSE, N_("no connection") },
    { "tls", FALSE, N_("the server’s certificate was refused") },
    { "tls-time", FALSE, N_("the server’s certificate is not valid now; check the system clock") },
    { "http", FALSE, N_("the server answered with an error") },
    { "timeout", FALSE, N_("no answer in time") },
    { "cache", FALSE, N_("it could not be saved") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (code, reasons[i].code) == 0)
      {
        *refused = reasons[i].refused;
        return _(reasons[i].words);
      }
  *refused = FALSE;
  return _("an unknown problem");
}

static const char *
source_words (BdGuidanceUpdates *self)
{
  return bd_pack_get_source (self->current) == BD_PACK_SOURCE_CACHE ? _("downloaded") : _("built in");
}

/* Which guidance is in use and where it came from. */
static char *
basic_status (BdGuidanceUpdates *self)
{
  /* TRANSLATORS: the status line, e.g. "Guidance 2026.12.1 · built in" */
  return g_strdup_printf (_("Guidance %s · %s"), bd_pack_get_version (self->current), source_words (self));
}

/* No network, or no way to the server: not a failure of anything, just
 * the guidance at hand. */
static gboolean
is_offline (BdGuidanceUpdates *self)
{
  if (self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor))
    return TRUE;
  return self->state->failures > 0 && g_strcmp0 (self->state->last_result, "network") == 0;
}

static char *
compose_status (BdGuidanceUpdates *self)
{
  const char *version = bd_pack_get_version (self->current);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 fresh = MAX (self->state->last_success, g_date_time_to_unix (bd_pack_get_published (self->current)));
  gboolean refused = FALSE;

  if (!self->started)
    return basic_status (self);
  if (self->checking)
    return g_strdup (_("Checking for newer guidance…"));
  if (self->new_pack != NULL)
    /* TRANSLATORS: the status line after an update was downloaded */
    return g_strdup_printf (_("Guidance %s downloaded · used from the next start"), bd_pack_get_version (self->new_pack));
  if (self->cache_problem != NULL)
    return g_strdup_printf (_("Downloaded guidance was damaged and set aside — using %s"), version);
  if (is_offline (self))
    /* TRANSLATORS: the status line, e.g. "Offline — using guidance 2026.12.1 (built in)" */
    return g_strdup_printf (_("Offline — using guidance %s (%s)"), version, source_words (self));
  if (self->state->failures > 0 && self->state->last_result != NULL)
    {
      const char *words = reason (self->state->last_result, &refused);
      return g_strdup_printf (refused ? _("Update refused: %s — still using %s") : _("Update failed: %s — still using %s"),
                              words, version);
    }
  if (now - fresh > OUT_OF_DATE_SECONDS)
    return g_strdup_printf (_("Guidance %s · may be out of date"), version);
  if (self->state->last_check > 0)
    {
      g_autofree char *when = ago (now - self->state->last_check);
      /* TRANSLATORS: the status line: "Guidance 2026.11.2 · checked 2 hours ago" */
      return g_strdup_printf (_("Guidance %s · checked %s"), version, when);
    }
  return basic_status (self);
}

static void
update_status (BdGuidanceUpdates *self)
{
  g_autofree char *status = compose_status (self);

  if (g_strcmp0 (status, self->status) == 0)
    return;
  g_free (self->status);
  self->status = g_steal_pointer (&status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* --- when to check --------------------------------------------------------- */

static gboolean
on_timer (gpointer user_data)
{
  BdGuidanceUpdates *self = user_data;

  self->timer = 0;
  bd_guidance_updates_run_scheduled (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (BdGuidanceUpdates *self,
          guint              seconds)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  self->timer = g_timeout_add_seconds (seconds, on_timer, self);
}

static guint
next_delay (BdGuidanceUpdates *self)
{
  return bd_update_next_delay (g_settings_get_uint (self->settings, "update-interval-hours") * 3600,
                               self->state->failures, g_random_double ());
}

/* --- checking ---------------------------------------------------------------- */

typedef struct
{
  BdGuidanceUpdates *self;
  gboolean manual;
} Pending;

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Pending *pending = user_data;
  g_autoptr(BdGuidanceUpdates) self = pending->self;
  gboolean manual = pending->manual;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  BdUpdateResult outcome;

  outcome = bd_updater_check_finish (BD_UPDATER (source), result, &pack, &changes, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->checking = FALSE;
  bd_update_state_free (self->state);
  self->state = bd_update_state_load (self->cache_dir);
  if (outcome == BD_UPDATE_UPDATED && pack != NULL)
    {
      g_clear_pointer (&self->changes, g_ptr_array_unref);
      self->changes = g_steal_pointer (&changes);
      g_set_object (&self->new_pack, pack);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_PACK]);
    }
  update_status (self);
  g_signal_emit (self, signals[SIGNAL_CHECKED], 0, manual, error == NULL, self->status);
  if (self->started)
    schedule (self, next_delay (self));
}

static gboolean
network_allows (BdGuidanceUpdates *self)
{
  if (self->monitor == NULL)
    bd_guidance_updates_set_network_monitor (self, g_network_monitor_get_default ());
  return g_network_monitor_get_network_available (self->monitor)
         && !g_network_monitor_get_network_metered (self->monitor);
}

static void
check (BdGuidanceUpdates *self,
       gboolean           manual)
{
  g_autofree char *url = NULL;
  Pending *pending;

  if (self->checking)
    return;
  if (!manual && (!g_settings_get_boolean (self->settings, "auto-update") || !network_allows (self)))
    {
      update_status (self);
      schedule (self, RETRY_SECONDS);
      return;
    }
  url = g_settings_get_string (self->settings, "guidance-url");
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->manual = manual;
  self->checking = TRUE;
  update_status (self);
  bd_updater_check_async (self->updater, url, self->current, self->cancellable, on_checked, pending);
}

static void
on_network_changed (BdGuidanceUpdates *self)
{
  update_status (self);
}

/* --- the object ------------------------------------------------------------- */

static void
bd_guidance_updates_dispose (GObject *object)
{
  BdGuidanceUpdates *self = BD_GUIDANCE_UPDATES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (bd_guidance_updates_parent_class)->dispose (object);
}

static void
bd_guidance_updates_finalize (GObject *object)
{
  BdGuidanceUpdates *self = BD_GUIDANCE_UPDATES (object);

  g_clear_object (&self->settings);
  g_free (self->cache_dir);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_object (&self->current);
  g_clear_object (&self->new_pack);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_object (&self->updater);
  g_clear_pointer (&self->state, bd_update_state_free);
  g_clear_object (&self->cancellable);
  g_free (self->status);
  g_free (self->cache_problem);
  G_OBJECT_CLASS (bd_guidance_updates_parent_class)->finalize (object);
}

static void
bd_guidance_updates_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BdGuidanceUpdates *self = BD_GUIDANCE_UPDATES (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_NEW_PACK:
      g_value_set_object (value, self->new_pack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_guidance_updates_class_init (BdGuidanceUpdatesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bd_guidance_updates_dispose;
  object_class->finalize = bd_guidance_updates_finalize;
  object_class->get_property = bd_guidance_updates_get_property;

  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEW_PACK] = g_param_spec_object ("new-pack", NULL, NULL, BD_TYPE_PACK,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BdGuidanceUpdates::checked:
   * @manual: whether the person asked for it
   * @success: updated or up to date
   * @status: the status line after it
   */
  signals[SIGNAL_CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 3,
                                          G_TYPE_BOOLEAN, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
bd_guidance_updates_init (BdGuidanceUpdates *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * bd_guidance_updates_new:
 * @keys: (element-type BdMinisignKey): the trusted keys
 * @current: the pack in use
 * @cache_problem: (nullable): why the downloaded guidance was set aside at start
 */
BdGuidanceUpdates *
bd_guidance_updates_new (GSettings  *settings,
                         const char *cache_dir,
                         GPtrArray  *keys,
                         BdPack     *current,
                         const char *cache_problem)
{
  BdGuidanceUpdates *self = g_object_new (BD_TYPE_GUIDANCE_UPDATES, NULL);

  self->settings = g_object_ref (settings);
  self->cache_dir = g_strdup (cache_dir);
  self->keys = g_ptr_array_ref (keys);
  self->current = g_object_ref (current);
  self->cache_problem = g_strdup (cache_problem);
  self->updater = bd_updater_new (cache_dir, keys);
  /* Read after the first frame, in start(); until then the line says
   * only which guidance is in use. */
  self->state = g_new0 (BdUpdateState, 1);
  self->status = compose_status (self);
  return self;
}

/* Reads the state of the last checks and starts checking on schedule. */
void
bd_guidance_updates_start (BdGuidanceUpdates *self)
{
  g_return_if_fail (BD_IS_GUIDANCE_UPDATES (self));

  if (self->started)
    return;
  self->started = TRUE;
  bd_update_state_free (self->state);
  self->state = bd_update_state_load (self->cache_dir);
  if (self->monitor == NULL)
    bd_guidance_updates_set_network_monitor (self, g_network_monitor_get_default ());
  update_status (self);
  schedule (self, FIRST_CHECK_SECONDS);
}

/* What the timer does: an automatic check, unless updates are off or the
 * network is down or metered. */
void
bd_guidance_updates_run_scheduled (BdGuidanceUpdates *self)
{
  g_return_if_fail (BD_IS_GUIDANCE_UPDATES (self));
  check (self, FALSE);
}

/**
 * bd_guidance_updates_set_network_monitor:
 *
 * Follows @monitor instead of the system's (for tests).
 */
void
bd_guidance_updates_set_network_monitor (BdGuidanceUpdates *self,
                                         GNetworkMonitor   *monitor)
{
  g_return_if_fail (BD_IS_GUIDANCE_UPDATES (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  g_signal_connect_swapped (self->monitor, "network-changed", G_CALLBACK (on_network_changed), self);
  update_status (self);
}

void
bd_guidance_updates_check_now (BdGuidanceUpdates *self)
{
  g_return_if_fail (BD_IS_GUIDANCE_UPDATES (self));
  check (self, TRUE);
}

gboolean
bd_guidance_updates_is_checking (BdGuidanceUpdates *self)
{
  g_return_val_if_fail (BD_IS_GUIDANCE_UPDATES (self), FALSE);
  return self->checking;
}

const char *
bd_guidance_updates_get_status (BdGuidanceUpdates *self)
{
  g_return_val_if_fail (BD_IS_GUIDANCE_UPDATES (self), NULL);
  return self->status;
}

/**
 * bd_guidance_updates_get_new_pack:
 *
 * Returns: (transfer none) (nullable): guidance downloaded and not in use yet
 */
BdPack *
bd_guidance_updates_get_new_pack (BdGuidanceUpdates *self)
{
  g_return_val_if_fail (BD_IS_GUIDANCE_UPDATES (self), NULL);
  return self->new_pack;
}

/**
 * bd_guidance_updates_get_changes:
 *
 * Returns: (transfer none) (nullable) (element-type BdGuideChange): what
 *   the last update added or changed
 */
GPtrArray *
bd_guidance_updates_get_changes (BdGuidanceUpdates *self)
{
  g_return_val_if_fail (BD_IS_GUIDANCE_UPDATES (self), NULL);
  return self->changes;
}

/* The downloaded pack is now the one in use. */
void
bd_guidance_updates_set_current (BdGuidanceUpdates *self,
                                 BdPack            *pack)
{
  g_return_if_fail (BD_IS_GUIDANCE_UPDATES (self));
  g_return_if_fail (BD_IS_PACK (pack));

  g_set_object (&self->current, pack);
  if (self->new_pack == pack)
    {
      g_clear_object (&self->new_pack);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_PACK]);
    }
  update_status (self);
}
