/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The iOS (or iPadOS, macOS) versions the guidance tells apart: a version
 * is major * 1000 + minor (the patch level never moves a setting), a range
 * is [low, high) of those. BD_OS_VERSION_NEWEST stands for "the newest
 * release", above every version a range can name.
 */
#define BD_OS_VERSION_NEWEST G_MAXINT

typedef struct
{
  int low;  /* inclusive */
  int high; /* exclusive; BD_OS_VERSION_NEWEST when open */
} BdOsRange;

/* The versions of one platform a guide's steps were written and checked
 * for, or, for a pack, those every guide naming the platform covers. */
typedef struct
{
  const char *platform; /* "iOS", "iPadOS" or "macOS" (static) */
  int from;
  int to;
  guint n_guides;       /* a pack's: how many guides name the platform */
} BdCoverage;

gboolean  bd_os_version_parse      (const char      *str,
                                    int             *version);
gboolean  bd_os_version_read       (const char      *str,
                                    int             *version);
char     *bd_os_version_to_string  (int              version);
gboolean  bd_os_range_parse        (const char      *str,
                                    BdOsRange       *range);
gboolean  bd_os_range_contains     (const BdOsRange *range,
                                    int              version);

G_END_DECLS
