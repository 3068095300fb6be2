/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-updater"

#include "bd-config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bd-guidance-cache.h"
#include "bd-minisign.h"
#include "bd-pack-diff.h"
#include "bd-update-url.h"
#include "bd-updater.h"
#include "bd-version.h"

/*
 * One guidance check, on a worker thread: fetch the pack (conditionally,
 * when the ETag belongs to the pack in use), fetch its signature, verify
 * it, validate the pack, and keep it only when it is strictly newer.
 * libsoup 3.2 leaves three things to us: its timeout limits each read, not
 * the whole check (a timer on the main context cancels at the deadline);
 * it caps nothing (bodies are counted as they are read, after decoding, so
 * a gzip bomb stops at the cap); and it would follow an https -> http
 * redirect (redirects are followed here, each address checked again).
 * It also takes a malformed chunk size for the end of the body, so a pack
 * that stops before its JSON ends is a broken transfer, not a bad signature.
 */

#define MAX_REDIRECTS 3
#define READ_CHUNK 65536

G_DEFINE_QUARK (bd-update-error-quark, bd_update_error)

struct _BdUpdater
{
  GObject parent_instance;

  char *cache_dir;
  GPtrArray *keys;
  GPtrArray *one_off_keys;
  GTlsDatabase *tls_database;
  guint timeout;
};

G_DEFINE_FINAL_TYPE (BdUpdater, bd_updater, G_TYPE_OBJECT)

typedef struct
{
  char *url;
  char *current_version;
  BdPack *current;
  gboolean current_from_cache;
  char *cache_dir;
  GPtrArray *keys;
  GPtrArray *one_off_keys; /* nullable */
  gboolean one_off;        /* the pack verified only with a one-off key */
  GTlsDatabase *tls_database;
  guint timeout;
  GCancellable *cancellable; /* cancelled by the caller or at the deadline */
  gulong chained;
  GCancellable *caller;
  gint timed_out;
  guint deadline;
  BdPack *pack;
  GPtrArray *changes;
} Check;

static void
check_free (Check *check)
{
  if (check->deadline != 0)
    g_source_remove (check->deadline);
  if (check->caller != NULL)
    g_cancellable_disconnect (check->caller, check->chained);
  g_clear_object (&check->caller);
  g_free (check->url);
  g_free (check->current_version);
  g_free (check->cache_dir);
  g_ptr_array_unref (check->keys);
  g_clear_pointer (&check->one_off_keys, g_ptr_array_unref);
  g_clear_object (&check->tls_database);
  g_object_unref (check->cancellable);
  g_clear_object (&check->pack);
  g_clear_object (&check->current);
  g_clear_pointer (&check->changes, g_ptr_array_unref);
  g_free (check);
}

const char *
bd_update_error_to_string (BdUpdateError code)
{
  static const char * const names[] = {
    "address", "network", "tls", "tls-time", "http", "timeout", "too-large", "redirects",
    "no-signature", "bad-signature", "unknown-key", "invalid", "downgrade", "cache", "other-pack",
    "one-off-key",
  };

  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (names), NULL);
  return names[code];
}

#define RETRY_SECONDS (15 * 60)

/**
 * bd_update_next_delay:
 * @failures: checks in a row that failed
 * @random: a number in [0, 1)
 *
 * When to check next: after the interval, or after failures 15 minutes
 * doubling up to the interval; give or take a tenth, so that many
 * machines started at once do not ask at once.
 *
 * Returns: seconds until the next automatic check
 */
guint
bd_update_next_delay (guint  interval_seconds,
                      guint  failures,
                      double random)
{
  guint delay = interval_seconds;

  g_return_val_if_fail (interval_seconds > 0, RETRY_SECONDS);

  if (failures > 0)
    delay = MIN (interval_seconds, (guint) RETRY_SECONDS << MIN (failures - 1, 10u));
  return delay - delay / 10 + (guint) (CLAMP (random, 0.0, 1.0) * (delay / 5));
}

/* --- fetching ------------------------------------------------------------ */

static gboolean
fail_send (Check       *check,
           SoupMessage *message,
           GError      *cause,
           GError     **error)
{
  GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (message);

  if ((g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED) && g_atomic_int_get (&check->timed_out))
      || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_TIMEOUT, "no answer within %u s", check->timeout);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (flags & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_TLS_TIME, "certificate not valid now: %s", cause->message);
  else if (cause->domain == G_TLS_ERROR || flags != 0)
    g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_TLS, "%s", cause->message);
  else
    g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_NETWORK, "%s", cause->message);
  g_error_free (cause);
  return FALSE;
}

/* The body, counted as it is read (after content decoding), up to @cap. */
static GBytes *
read_capped (Check         *check,
             SoupMessage   *message,
             GInputStream  *stream,
             gsize          cap,
             GError       **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  guint8 buffer[READ_CHUNK];

  for (;;)
    {
      GError *cause = NULL;
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, check->cancellable, &cause);

      if (n < 0)
        return (fail_send (check, message, cause, error), NULL);
      if (n == 0)
        break;
      if (body->len + (gsize) n > cap)
        {
          g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_TOO_LARGE, "more than %" G_GSIZE_FORMAT " bytes", cap);
          return NULL;
        }
      g_byte_array_append (body, buffer, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* GET @url, following at most three redirects by hand. With @etag, a 304
 * gives empty bytes and sets @not_modified. */
static GBytes *
fetch (Check        *check,
       SoupSession  *session,
       const char   *url,
       gsize         cap,
       const char   *etag,
       char        **etag_out,
       gboolean     *not_modified,
       GError      **error)
{
  g_autofree char *address = g_strdup (url);

  for (guint redirects = 0;; redirects++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("GET", address);
      g_autoptr(GInputStream) stream = NULL;
      GError *cause = NULL;
      SoupMessageHeaders *headers;
      guint status;

      if (message == NULL)
        {
          g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_ADDRESS, "cannot request %s", address);
          return NULL;
        }
      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      if (etag != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (message), "If-None-Match", etag);
      stream = soup_session_send (session, message, check->cancellable, &cause);
      if (stream == NULL)
        return (fail_send (check, message, cause, error), NULL);
      status = soup_message_get_status (message);
      headers = soup_message_get_response_headers (message);
      if (is_redirect (status))
        {
          g_autoptr(GError) refused = NULL;
          char *next;

          if (redirects == MAX_REDIRECTS)
            {
              g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_REDIRECTS, "more than %u redirects", MAX_REDIRECTS);
              return NULL;
            }
          next = bd_update_url_resolve (address, soup_message_headers_get_one (headers, "Location"), &refused);
          if (next == NULL)
            {
              g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_ADDRESS, "redirect refused: %s", refused->message);
              return NULL;
            }
          g_input_stream_close (stream, NULL, NULL);
          g_free (address);
          address = next;
          continue;
        }
      if (status == 304 && etag != NULL)
        {
          *not_modified = TRUE;
          return g_bytes_new (NULL, 0);
        }
      if (status != 200)
        {
          g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_HTTP, "HTTP %u %s", status,
                       soup_message_get_reason_phrase (message) ? soup_message_get_reason_phrase (message) : "");
          return NULL;
        }
      if (etag_out != NULL)
        *etag_out = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      return read_capped (check, message, stream, cap, error);
    }
}

/* --- deciding ------------------------------------------------------------ */

/* Whether @body stops before the JSON value it starts is closed: inside a
 * string, or with a bracket still open. A signed pack never does. */
static gboolean
ended_early (GBytes *body)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  gboolean in_string = FALSE, escaped = FALSE, started = FALSE;
  gsize depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (!g_ascii_isspace (c))
        started = TRUE;
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return !started || in_string || depth > 0;
}

static gboolean
is_unknown_key (const GError *error)
{
  return strstr (error->message, "unknown key") != NULL;
}

/* With the trusted keys, or else with a one-off key (noted: such a pack
 * is not kept). */
static gboolean
verify (Check   *check,
        GBytes  *body,
        GBytes  *signature,
        GError **error)
{
  g_autoptr(GError) cause = NULL;

  if (bd_minisign_verify (body, signature, check->keys, NULL, &cause))
    return TRUE;
  if (is_unknown_key (cause) && check->one_off_keys != NULL)
    {
      g_clear_error (&cause);
      check->one_off = bd_minisign_verify (body, signature, check->one_off_keys, NULL, &cause);
      if (check->one_off)
        return TRUE;
    }
  if (is_unknown_key (cause))
    g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_UNKNOWN_KEY, "%s", cause->message);
  else if (ended_early (body))
    g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_NETWORK,
                 "the pack stopped before its end (a broken transfer or malformed chunked encoding)");
  else
    g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_SIGNATURE, "%s", cause->message);
  return FALSE;
}

static gboolean
fetch_signature (Check        *check,
                 SoupSession  *session,
                 GBytes      **signature,
                 GError      **error)
{
  g_autoptr(GError) cause = NULL;
  g_autofree char *url = bd_update_url_signature (check->url, &cause);

  if (url == NULL)
    {
      g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_ADDRESS, "%s", cause->message);
      return FALSE;
    }
  *signature = fetch (check, session, url, BD_MINISIGN_MAX_SIGNATURE_SIZE, NULL, NULL, NULL, &cause);
  if (*signature != NULL)
    return TRUE;
  if (cause->domain == BD_UPDATE_ERROR && (cause->code == BD_UPDATE_ERROR_HTTP || cause->code == BD_UPDATE_ERROR_TOO_LARGE))
    g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_NO_SIGNATURE, "signature: %s", cause->message);
  else
    g_propagate_error (error, g_steal_pointer (&cause));
  return FALSE;
}

/* Only the pack in use (its id: the bundled pack's, as a cache of another
 * is never used) may be replaced: another pack, however well signed,
 * would answer other questions. */
static gboolean
is_our_pack (Check   *check,
             BdPack  *pack,
             GError **error)
{
  const char *ours = bd_pack_get_id (check->current);

  if (g_strcmp0 (bd_pack_get_id (pack), ours) == 0)
    return TRUE;
  g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_OTHER_PACK, "the pack is “%s”, not “%s”",
               bd_pack_get_id (pack), ours);
  return FALSE;
}

/* Signed, ours, valid and newer: kept, unless only a one-off key signed it. */
static gboolean
decide (Check          *check,
        GBytes         *body,
        GBytes         *signature,
        BdUpdateResult *result,
        GError        **error)
{
  g_autoptr(GError) cause = NULL;
  g_autoptr(BdPack) pack = NULL;
  int order;

  if (!verify (check, body, signature, error))
    return FALSE;
  pack = bd_pack_new_from_bytes (body, NULL, &cause);
  if (pack == NULL)
    {
      g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_INVALID, "%s", cause->message);
      return FALSE;
    }
  if (!is_our_pack (check, pack, error))
    return FALSE;
  order = bd_version_compare (bd_pack_get_version (pack), check->current_version);
  if (order < 0)
    {
      g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_DOWNGRADE, "%s is older than %s",
                   bd_pack_get_version (pack), check->current_version);
      return FALSE;
    }
  /* The cache (and the ETag kept with it) belongs to the configured keys:
   * a one-off check must not replace what their channel filled. */
  if (check->one_off)
    {
      g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_ONE_OFF_KEY,
                   "%s is signed only with a one-off key: verified, not kept", bd_pack_get_version (pack));
      return FALSE;
    }
  *result = order > 0 ? BD_UPDATE_UPDATED : BD_UPDATE_UP_TO_DATE;
  if (order == 0)
    return TRUE;
  if (!bd_guidance_cache_save (check->cache_dir, body, signature, &cause))
    {
      g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_CACHE, "%s", cause->message);
      return FALSE;
    }
  bd_pack_set_source (pack, BD_PACK_SOURCE_CACHE);
  /* What changed is worked out here too: comparing two large packs is
   * no work for the main thread. */
  check->changes = bd_pack_diff_guides (check->current, pack);
  check->pack = g_steal_pointer (&pack);
  return TRUE;
}

static gboolean
run_check (Check          *check,
           BdUpdateState  *state,
           BdUpdateResult *result,
           GError        **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) body = NULL, signature = NULL;
  g_autoptr(GError) refused = NULL;
  g_autofree char *etag = NULL;
  gboolean not_modified = FALSE;
  const char *known_etag;

  if (!bd_update_url_check (check->url, &refused))
    {
      g_set_error (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_ADDRESS, "%s", refused->message);
      return FALSE;
    }
  /* libsoup's own timeout is per read: a little past the deadline, so
   * that the deadline is what a stalled server meets. */
  session = soup_session_new_with_options ("user-agent", "BadgeDoctor/" PACKAGE_VERSION,
                                           "timeout", check->timeout + 5, NULL);
  if (check->tls_database != NULL)
    soup_session_set_tls_database (session, check->tls_database);
  /* The ETag counts only while it belongs to the pack in use. */
  known_etag = check->current_from_cache && g_strcmp0 (state->etag_version, check->current_version) == 0
               ? state->etag : NULL;
  body = fetch (check, session, check->url, BD_PACK_MAX_SIZE, known_etag, &etag, &not_modified, error);
  if (body == NULL)
    return FALSE;
  if (not_modified)
    {
      *result = BD_UPDATE_UP_TO_DATE;
      return TRUE;
    }
  if (!fetch_signature (check, session, &signature, error) || !decide (check, body, signature, result, error))
    return FALSE;
  if (*result == BD_UPDATE_UPDATED || check->current_from_cache)
    {
      g_free (state->etag);
      g_free (state->etag_version);
      state->etag = g_steal_pointer (&etag);
      state->etag_version = g_strdup (check->pack ? bd_pack_get_version (check->pack) : check->current_version);
    }
  return TRUE;
}

/* What the status line and the back-off read at the next start. */
static void
record (Check          *check,
        BdUpdateState  *state,
        BdUpdateResult  result,
        const GError   *error)
{
  g_autoptr(GError) save_error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* A one-off check says nothing about the configured channel. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_ONE_OFF_KEY))
    return;
  state->last_check = now;
  g_free (state->last_result);
  if (error == NULL)
    {
      state->last_success = now;
      state->failures = 0;
      state->last_result = g_strdup (result == BD_UPDATE_UPDATED ? "updated" : "up-to-date");
    }
  else
    {
      state->failures++;
      state->last_result = g_strdup (error->domain == BD_UPDATE_ERROR ? bd_update_error_to_string (error->code)
                                                                      : "failed");
    }
  if (!bd_update_state_save (check->cache_dir, state, &save_error))
    g_warning ("Cannot save the guidance update state: %s", save_error->message);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Check *check = data;
  g_autoptr(BdUpdateState) state = bd_update_state_load (check->cache_dir);
  BdUpdateResult result = BD_UPDATE_UP_TO_DATE;
  GError *error = NULL;

  run_check (check, state, &result, &error);
  record (check, state, result, error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, result);
}

/* --- the object ---------------------------------------------------------- */

static void
bd_updater_finalize (GObject *object)
{
  BdUpdater *self = BD_UPDATER (object);

  g_free (self->cache_dir);
  g_ptr_array_unref (self->keys);
  g_clear_pointer (&self->one_off_keys, g_ptr_array_unref);
  g_clear_object (&self->tls_database);
  G_OBJECT_CLASS (bd_updater_parent_class)->finalize (object);
}

static void
bd_updater_class_init (BdUpdaterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_updater_finalize;
}

static void
bd_updater_init (BdUpdater *self)
{
  self->timeout = BD_UPDATE_DEFAULT_TIMEOUT;
}

/**
 * bd_updater_new:
 * @cache_dir: where verified guidance and the check state are kept
 * @trusted_keys: (element-type BdMinisignKey): the keys guidance may be
 *   signed with
 */
BdUpdater *
bd_updater_new (const char *cache_dir,
                GPtrArray  *trusted_keys)
{
  BdUpdater *self;

  g_return_val_if_fail (cache_dir != NULL, NULL);
  g_return_val_if_fail (trusted_keys != NULL && trusted_keys->len > 0, NULL);

  self = g_object_new (BD_TYPE_UPDATER, NULL);
  self->cache_dir = g_strdup (cache_dir);
  self->keys = g_ptr_array_ref (trusted_keys);
  return self;
}

/* The deadline for a whole check, connection to last byte. */
void
bd_updater_set_timeout (BdUpdater *self,
                        guint      seconds)
{
  g_return_if_fail (BD_IS_UPDATER (self));
  g_return_if_fail (seconds > 0);
  self->timeout = seconds;
}

/* The certificates to trust instead of the system's: for a help desk's
 * own certificate authority, and for the tests' test CA. */
void
bd_updater_set_tls_database (BdUpdater    *self,
                             GTlsDatabase *database)
{
  g_return_if_fail (BD_IS_UPDATER (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));
  g_set_object (&self->tls_database, database);
}

/**
 * bd_updater_set_one_off_keys:
 * @keys: (nullable) (element-type BdMinisignKey): keys trusted for this
 *   updater's checks only (a command line --key)
 *
 * A pack signed only with one of these is verified and reported
 * (%BD_UPDATE_ERROR_ONE_OFF_KEY) but never kept: the cache belongs to the
 * configured keys, and plain commands would not trust it.
 */
void
bd_updater_set_one_off_keys (BdUpdater *self,
                             GPtrArray *keys)
{
  g_return_if_fail (BD_IS_UPDATER (self));

  g_clear_pointer (&self->one_off_keys, g_ptr_array_unref);
  if (keys != NULL && keys->len > 0)
    self->one_off_keys = g_ptr_array_ref (keys);
}

static gboolean
on_deadline (gpointer data)
{
  Check *check = data;

  check->deadline = 0;
  g_atomic_int_set (&check->timed_out, TRUE);
  g_cancellable_cancel (check->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/**
 * bd_updater_check_async:
 * @current: the pack in use: only a strictly newer one is kept
 *
 * Checks @url for newer signed guidance on a worker thread. The deadline
 * runs on the thread-default main context, which must be running.
 */
void
bd_updater_check_async (BdUpdater           *self,
                        const char          *url,
                        BdPack              *current,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (BD_IS_UPDATER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (BD_IS_PACK (current));

  check = g_new0 (Check, 1);
  check->url = g_strdup (url);
  check->current_version = g_strdup (bd_pack_get_version (current));
  check->current = g_object_ref (current);
  check->current_from_cache = bd_pack_get_source (current) == BD_PACK_SOURCE_CACHE;
  check->cache_dir = g_strdup (self->cache_dir);
  check->keys = g_ptr_array_ref (self->keys);
  check->one_off_keys = self->one_off_keys != NULL ? g_ptr_array_ref (self->one_off_keys) : NULL;
  check->tls_database = self->tls_database != NULL ? g_object_ref (self->tls_database) : NULL;
  check->timeout = self->timeout;
  check->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      check->caller = g_object_ref (cancellable);
      check->chained = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                              g_object_ref (check->cancellable), g_object_unref);
    }
  check->deadline = g_timeout_add_seconds (check->timeout, on_deadline, check);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bd_updater_check_async);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * bd_updater_check_finish:
 * @pack: (out) (optional) (transfer full): the new pack, when updated
 * @changes: (out) (optional) (transfer full) (element-type BdGuideChange):
 *   the guides it adds or changes, when updated
 */
BdUpdateResult
bd_updater_check_finish (BdUpdater     *self,
                         GAsyncResult  *result,
                         BdPack       **pack,
                         GPtrArray    **changes,
                         GError       **error)
{
  Check *check;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), BD_UPDATE_UP_TO_DATE);

  check = g_task_get_task_data (G_TASK (result));
  value = g_task_propagate_int (G_TASK (result), error);
  if (pack != NULL)
    *pack = value == BD_UPDATE_UPDATED && check->pack != NULL ? g_object_ref (check->pack) : NULL;
  if (changes != NULL)
    *changes = value == BD_UPDATE_UPDATED && check->changes != NULL ? g_ptr_array_ref (check->changes) : NULL;
  return value < 0 ? BD_UPDATE_UP_TO_DATE : (BdUpdateResult) value;
}
