/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bd-pack.h"

G_BEGIN_DECLS

/* A guide that is new in a newer pack, or says something else there. */
typedef struct
{
  char *id;
  char *title; /* in the newer pack, in the user's language */
  gboolean added;
} BdGuideChange;

GPtrArray *bd_pack_diff_guides (BdPack *older,
                                BdPack *newer);

G_END_DECLS
