/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-pack-diff.h"
#include "bd-updater.h"

G_BEGIN_DECLS

#define BD_TYPE_GUIDANCE_UPDATES (bd_guidance_updates_get_type ())
G_DECLARE_FINAL_TYPE (BdGuidanceUpdates, bd_guidance_updates, BD, GUIDANCE_UPDATES, GObject)

BdGuidanceUpdates *bd_guidance_updates_new          (GSettings         *settings,
                                                     const char        *cache_dir,
                                                     GPtrArray         *keys,
                                                     BdPack            *current,
                                                     const char        *cache_problem);
void               bd_guidance_updates_start        (BdGuidanceUpdates *self);
void               bd_guidance_updates_check_now    (BdGuidanceUpdates *self);
void               bd_guidance_updates_run_scheduled (BdGuidanceUpdates *self);
void               bd_guidance_updates_set_network_monitor (BdGuidanceUpdates *self,
                                                            GNetworkMonitor   *monitor);
gboolean           bd_guidance_updates_is_checking  (BdGuidanceUpdates *self);
const char        *bd_guidance_updates_get_status   (BdGuidanceUpdates *self);
BdPack            *bd_guidance_updates_get_new_pack (BdGuidanceUpdates *self);
GPtrArray         *bd_guidance_updates_get_changes  (BdGuidanceUpdates *self);
void               bd_guidance_updates_set_current  (BdGuidanceUpdates *self,
                                                     BdPack            *pack);

G_END_DECLS
