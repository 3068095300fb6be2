/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-os-version"

#include <string.h>

#include "bd-os-version.h"

#define MAX_MAJOR 999
#define MAX_MINOR 999

/* Up to @max_parts of "N.N.N" from @p, each part 1 to 3 digits without a
 * leading zero; moves @p past it. *has_minor says whether the minor was
 * written: "<= 17" covers every 17.x, "<= 17.2" only up to 17.2. */
static gboolean
scan_version (const char **p,
              int          max_parts,
              int         *version,
              gboolean    *has_minor)
{
  int parts[3] = { 0, 0, 0 };
  int n = 0;

  for (;;)
    {
      int digits = 0;

      if (**p == '0' && g_ascii_isdigit ((*p)[1]))
        return FALSE;
      while (g_ascii_isdigit (**p))
        {
          if (++digits > 3)
            return FALSE;
          parts[n] = parts[n] * 10 + (**p - '0');
          (*p)++;
        }
      if (digits == 0)
        return FALSE;
      n++;
      if (**p != '.' || n == max_parts)
        break;
      (*p)++;
    }
  if (parts[0] < 1 || parts[0] > MAX_MAJOR || parts[1] > MAX_MINOR)
    return FALSE;
  *version = parts[0] * 1000 + parts[1];
  if (has_minor != NULL)
    *has_minor = n > 1;
  return TRUE;
}

/**
 * bd_os_version_parse:
 * @str: a version as the pack writes it: "17" or "17.5" (a patch level
 *   never moves a setting, so the pack names none)
 *
 * Returns: whether @str is exactly such a version
 */
gboolean
bd_os_version_parse (const char *str,
                     int        *version)
{
  const char *p = str;
  int value = 0;

  g_return_val_if_fail (str != NULL && version != NULL, FALSE);

  if (!scan_version (&p, 2, &value, NULL) || *p != '\0')
    return FALSE;
  *version = value;
  return TRUE;
}

/**
 * bd_os_version_read:
 * @str: what a person typed: "17.5", "iOS 17.5.1", " 26 "
 *
 * Returns: whether @str names one version (an optional "iOS" or "iPadOS"
 *   before it, spaces around it, nothing else)
 */
gboolean
bd_os_version_read (const char *str,
                    int        *version)
{
  g_autofree char *copy = NULL;
  const char *p;

  g_return_val_if_fail (version != NULL, FALSE);
  if (str == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (str));
  p = copy;
  if (g_ascii_strncasecmp (p, "iPadOS", 6) == 0)
    p += 6;
  else if (g_ascii_strncasecmp (p, "iOS", 3) == 0)
    p += 3;
  while (*p == ' ')
    p++;
  if (!scan_version (&p, 3, version, NULL) || *p != '\0')
    return FALSE;
  return TRUE;
}

/* "17" for 17.0, "17.5" otherwise. */
char *
bd_os_version_to_string (int version)
{
  if (version == BD_OS_VERSION_NEWEST)
    return g_strdup ("∞");
  if (version % 1000 == 0)
    return g_strdup_printf ("%d", version / 1000);
  return g_strdup_printf ("%d.%d", version / 1000, version % 1000);
}

/* The first version after @version and after every patch of it. */
static int
next_after (int      version,
            gboolean has_minor)
{
  return has_minor ? version + 1 : (version / 1000 + 1) * 1000;
}

/* One comparison: "<18", ">= 17.2". */
static gboolean
scan_comparison (const char **p,
                 BdOsRange   *range)
{
  const char *op = *p;
  int version = 0;
  gboolean has_minor = FALSE;
  gsize op_len = (op[0] == '<' || op[0] == '>') && op[1] == '=' ? 2
                 : (op[0] == '<' || op[0] == '>' || op[0] == '=') ? 1 : 0;

  if (op_len == 0)
    return FALSE;
  *p += op_len;
  if (!scan_version (p, 2, &version, &has_minor))
    return FALSE;
  if (op[0] == '<' && op_len == 1)
    range->high = MIN (range->high, version);
  else if (op[0] == '<')
    range->high = MIN (range->high, next_after (version, has_minor));
  else if (op[0] == '>' && op_len == 1)
    range->low = MAX (range->low, next_after (version, has_minor));
  else if (op[0] == '>')
    range->low = MAX (range->low, version);
  else
    {
      range->low = MAX (range->low, version);
      range->high = MIN (range->high, next_after (version, has_minor));
    }
  return TRUE;
}

/**
 * bd_os_range_parse:
 * @str: one or two comparisons separated by a space: "<18", ">=17 <18"
 *
 * Returns: whether @str is such a range and holds at least one version
 */
gboolean
bd_os_range_parse (const char *str,
                   BdOsRange  *range)
{
  BdOsRange r = { 0, BD_OS_VERSION_NEWEST };
  const char *p = str;

  g_return_val_if_fail (str != NULL && range != NULL, FALSE);

  if (!scan_comparison (&p, &r))
    return FALSE;
  if (*p == ' ')
    {
      p++;
      if (!scan_comparison (&p, &r))
        return FALSE;
    }
  if (*p != '\0' || r.low >= r.high)
    return FALSE;
  *range = r;
  return TRUE;
}

gboolean
bd_os_range_contains (const BdOsRange *range,
                      int              version)
{
  g_return_val_if_fail (range != NULL, FALSE);
  return version >= range->low
         && (version < range->high || range->high == BD_OS_VERSION_NEWEST);
}
