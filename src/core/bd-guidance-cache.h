/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-pack.h"

G_BEGIN_DECLS

#define BD_GUIDANCE_ENVELOPE_NAME "guidance.envelope"
#define BD_GUIDANCE_STATE_NAME "state.ini"

/* What the updater remembers between checks. */
typedef struct
{
  char *etag;         /* nullable: the ETag of the cached pack */
  char *etag_version; /* nullable: the pack version that ETag belongs to */
  gint64 last_check;  /* seconds since the epoch; 0: never */
  gint64 last_success;
  char *last_result;  /* nullable: "updated", "up-to-date" or why not */
  guint failures;     /* checks in a row that failed */
} BdUpdateState;

char          *bd_guidance_cache_default_dir (void);
GPtrArray     *bd_guidance_trusted_keys_new  (const char * const *extra,
                                              GError            **error);

GBytes        *bd_guidance_envelope_new      (GBytes      *pack,
                                              GBytes      *signature);
gboolean       bd_guidance_envelope_open     (GBytes      *envelope,
                                              GBytes     **pack,
                                              GBytes     **signature,
                                              GError     **error);

gboolean       bd_guidance_cache_save        (const char  *dir,
                                              GBytes      *pack,
                                              GBytes      *signature,
                                              GError     **error);
BdPack        *bd_guidance_cache_load        (const char  *dir,
                                              GPtrArray   *trusted_keys,
                                              GError     **error);
BdPack        *bd_guidance_load_current      (const char  *dir,
                                              GPtrArray   *trusted_keys,
                                              GError     **cache_error);

BdUpdateState *bd_update_state_load          (const char  *dir);
gboolean       bd_update_state_save          (const char  *dir,
                                              const BdUpdateState *state,
                                              GError     **error);
void           bd_update_state_free          (BdUpdateState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdUpdateState, bd_update_state_free)

G_END_DECLS
