/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-pack.h"

G_BEGIN_DECLS

#define BD_UPDATE_ERROR (bd_update_error_quark ())

/* Why a check did not end with the newest good guidance. Each leaves the
 * pack in use and the cache exactly as they were. */
typedef enum
{
  BD_UPDATE_ERROR_ADDRESS,       /* the address (or a redirect's) is not allowed */
  BD_UPDATE_ERROR_NETWORK,       /* could not connect, or the connection broke */
  BD_UPDATE_ERROR_TLS,           /* the server's certificate was refused */
  BD_UPDATE_ERROR_TLS_TIME,      /* ... as expired or not yet valid: check the clock */
  BD_UPDATE_ERROR_HTTP,          /* an HTTP status other than 200 or 304 */
  BD_UPDATE_ERROR_TIMEOUT,       /* the overall deadline passed */
  BD_UPDATE_ERROR_TOO_LARGE,     /* the pack or its signature is over its cap */
  BD_UPDATE_ERROR_REDIRECTS,     /* more than three redirects */
  BD_UPDATE_ERROR_NO_SIGNATURE,  /* the signature could not be fetched */
  BD_UPDATE_ERROR_SIGNATURE,     /* bad or malformed signature */
  BD_UPDATE_ERROR_UNKNOWN_KEY,   /* signed, but not with a trusted key */
  BD_UPDATE_ERROR_INVALID,       /* signed, but not a valid pack */
  BD_UPDATE_ERROR_DOWNGRADE,     /* signed and valid, but older than the pack in use */
  BD_UPDATE_ERROR_CACHE,         /* the new pack could not be stored */
  BD_UPDATE_ERROR_OTHER_PACK,    /* signed and valid, but not the pack in use (another id) */
  BD_UPDATE_ERROR_ONE_OFF_KEY,   /* signed only with a one-off key: verified, not kept */
} BdUpdateError;

typedef enum
{
  BD_UPDATE_UP_TO_DATE,
  BD_UPDATE_UPDATED,
} BdUpdateResult;

#define BD_UPDATE_DEFAULT_TIMEOUT 30
#define BD_UPDATE_SIGNATURE_SUFFIX ".minisig"

#define BD_TYPE_UPDATER (bd_updater_get_type ())
G_DECLARE_FINAL_TYPE (BdUpdater, bd_updater, BD, UPDATER, GObject)

BdUpdater      *bd_updater_new           (const char          *cache_dir,
                                          GPtrArray           *trusted_keys);
void            bd_updater_set_timeout   (BdUpdater           *self,
                                          guint                seconds);
void            bd_updater_set_tls_database (BdUpdater        *self,
                                          GTlsDatabase        *database);
void            bd_updater_set_one_off_keys (BdUpdater        *self,
                                          GPtrArray           *keys);
void            bd_updater_check_async   (BdUpdater           *self,
                                          const char          *url,
                                          BdPack              *current,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
BdUpdateResult  bd_updater_check_finish  (BdUpdater           *self,
                                          GAsyncResult        *result,
                                          BdPack             **pack,
                                          GPtrArray          **changes,
                                          GError             **error);

guint           bd_update_next_delay     (guint                interval_seconds,
                                          guint                failures,
                                          double               random);

GQuark          bd_update_error_quark    (void);
const char     *bd_update_error_to_string (BdUpdateError code);

G_END_DECLS
