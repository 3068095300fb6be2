/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-update-url"

#include <gio/gio.h>
#include <string.h>

#include "bd-error.h"
#include "bd-update-url.h"

/*
 * Where guidance may come from: https only, plain http only from this
 * machine (a local mirror, the tests), never with a user name or password
 * in the address. Checked before any connection, and again for every
 * redirect, since libsoup would follow https -> http without a word.
 */

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * bd_update_url_check:
 *
 * Returns: whether guidance may be fetched from @url
 */
gboolean
bd_update_url_check (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme, *host;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "not an address: %s", local_error->message);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "the address has no host");
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "the address holds a user name or password");
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback (host))
    return TRUE;
  g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
               "only https addresses are allowed (http only for this machine), not %s", url);
  return FALSE;
}

/**
 * bd_update_url_resolve:
 * @location: a redirect's Location, absolute or relative to @base
 *
 * Returns: (transfer full) (nullable): the address @location leads to,
 *   if guidance may be fetched from it
 */
char *
bd_update_url_resolve (const char  *base,
                       const char  *location,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *resolved;

  g_return_val_if_fail (base != NULL, NULL);

  if (location == NULL || *location == '\0')
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "a redirect without a Location");
      return NULL;
    }
  resolved = g_uri_resolve_relative (base, location, G_URI_FLAGS_NONE, &local_error);
  if (resolved == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "a redirect to a bad address: %s",
                   local_error->message);
      return NULL;
    }
  if (!bd_update_url_check (resolved, error))
    {
      g_free (resolved);
      return NULL;
    }
  return resolved;
}

/**
 * bd_update_url_signature:
 *
 * Where the signature of the pack at @url is: the same address with
 * ".minisig" after its path, the same query and no fragment. Built from
 * the parsed address, since appending text would put the suffix in the
 * query or the fragment. The components stay as they were encoded.
 *
 * Returns: (transfer full) (nullable): the signature's address
 */
char *
bd_update_url_signature (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) signature = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "not an address: %s", local_error->message);
      return NULL;
    }
  /* "https://host" is the pack at "/" */
  path = g_strconcat (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/", ".minisig", NULL);
  signature = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                           g_uri_get_host (uri), g_uri_get_port (uri), path, g_uri_get_query (uri), NULL);
  return g_uri_to_string (signature);
}
