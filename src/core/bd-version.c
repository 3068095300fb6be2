/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-version"

#include "bd-version.h"

/* Pack versions are up to six dot-separated integers of at most nine digits
 * without leading zeros, so each part fits a guint32 and "2026.11.10" sorts
 * after "2026.11.9". */
#define MAX_PARTS 6
#define MAX_DIGITS 9

static gboolean
parse (const char *version,
       guint32     parts[MAX_PARTS],
       guint      *n_parts)
{
  const char *p = version;
  guint n = 0;

  for (;;)
    {
      guint digits = 0;
      guint32 value = 0;

      if (n == MAX_PARTS)
        return FALSE;
      if (*p == '0' && g_ascii_isdigit (p[1]))
        return FALSE;
      while (g_ascii_isdigit (*p))
        {
          if (++digits > MAX_DIGITS)
            return FALSE;
          value = value * 10 + (guint32) (*p++ - '0');
        }
      if (digits == 0)
        return FALSE;
      parts[n++] = value;
      if (*p == '\0')
        break;
      if (*p++ != '.')
        return FALSE;
    }
  *n_parts = n;
  return TRUE;
}

gboolean
bd_version_is_valid (const char *version)
{
  guint32 parts[MAX_PARTS];
  guint n;

  g_return_val_if_fail (version != NULL, FALSE);
  return parse (version, parts, &n);
}

/**
 * bd_version_compare:
 *
 * Compares two valid versions part by part; a missing part counts as 0, so
 * "1.2" equals "1.2.0".
 *
 * Returns: negative, 0 or positive as @a is older, equal or newer than @b
 */
int
bd_version_compare (const char *a,
                    const char *b)
{
  guint32 pa[MAX_PARTS] = { 0 }, pb[MAX_PARTS] = { 0 };
  guint na = 0, nb = 0;

  g_return_val_if_fail (a != NULL && parse (a, pa, &na), 0);
  g_return_val_if_fail (b != NULL && parse (b, pb, &nb), 0);

  for (guint i = 0; i < MAX_PARTS; i++)
    if (pa[i] != pb[i])
      return pa[i] < pb[i] ? -1 : 1;
  return 0;
}
