/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The loader's rules for texts, paths and variants (pack format 2), and
 * the words they give for one iOS version and device. Private to the
 * loader. */

#include "bd-case.h"
#include "bd-json-check.h"
#include "bd-os-version.h"
#include "bd-text.h"

G_BEGIN_DECLS

/* Whose words a pack shows. */
typedef struct
{
  gboolean unsure; /* "Not sure": the newest words, the older beside them */
  int ios;         /* otherwise: the iPhone's iOS version */
} BdPackView;

/* A "when" and what it changes: of a path (text) or a step. */
typedef struct
{
  gboolean has_ios;
  BdOsRange ios;
  BdDevice device; /* BD_DEVICE_NONE: any */
  BdText *label;   /* "iOS 17 and earlier", when has_ios */
  BdText *text;
  BdText *expect;
  BdText *caution;
} BdVariant;

/* What the checks of one pack share: BdJsonCheck.user_data. */
typedef struct
{
  GHashTable *languages; /* declared codes; NULL when the list is unusable */
  GHashTable *paths;     /* id -> BdPackPath; NULL while the table is not clean */
  int format;
  BdPackView view;
  gboolean in_paths;     /* a path's own words hold no {path:…} */
} BdPackCheck;

void    bd_pack_check_clear     (BdPackCheck *check);
void    bd_pack_check_language_key (BdJsonCheck *c,
                                 const char  *code);
BdText *bd_pack_check_text      (BdJsonCheck *c,
                                 JsonObject  *object,
                                 const char  *name,
                                 gboolean     required);
void    bd_pack_check_paths     (BdJsonCheck *c,
                                 JsonObject  *root);
GPtrArray *bd_pack_check_variants (BdJsonCheck *c,
                                 JsonObject  *item,
                                 gboolean     step);
BdText *bd_pack_words_expand    (BdPackCheck *check,
                                 BdText      *raw,
                                 BdDevice     device);
void    bd_pack_words_for_step  (BdPackCheck *check,
                                 BdText      *texts[3],
                                 GPtrArray   *variants,
                                 BdDevice     device,
                                 BdText      *out[3]);

G_END_DECLS
