/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bd-checklist.h"
#include "bd-error.h"
#include "bd-explanation.h"
#include "bd-guide.h"
#include "bd-problem.h"
#include "bd-reference.h"
#include "bd-reset.h"
#include "bd-symptom.h"

G_BEGIN_DECLS

/* The largest pack accepted from anywhere. */
#define BD_PACK_MAX_SIZE (4 * 1024 * 1024)

typedef enum
{
  BD_PACK_SOURCE_BUNDLED,
  BD_PACK_SOURCE_CACHE,
  BD_PACK_SOURCE_FILE,
} BdPackSource;

#define BD_TYPE_PACK (bd_pack_get_type ())
G_DECLARE_FINAL_TYPE (BdPack, bd_pack, BD, PACK, GObject)

BdPack             *bd_pack_new_from_bytes     (GBytes      *bytes,
                                                GPtrArray  **problems,
                                                GError     **error);
BdPack             *bd_pack_new_from_file      (GFile       *file,
                                                GPtrArray  **problems,
                                                GError     **error);
BdPack             *bd_pack_new_bundled        (GError     **error);
GBytes             *bd_pack_get_bundled_bytes  (void);

const char         *bd_pack_get_id             (BdPack      *self);
const char         *bd_pack_get_version        (BdPack      *self);
GDateTime          *bd_pack_get_published      (BdPack      *self);
const char * const *bd_pack_get_languages      (BdPack      *self);
const BdCoverage   *bd_pack_get_coverage       (BdPack      *self,
                                                guint       *n_coverage);
int                 bd_pack_get_newest_ios     (BdPack      *self);
gboolean            bd_pack_covers_ios         (BdPack      *self,
                                                int          version);
char               *bd_pack_describe_coverage  (BdPack      *self);
char               *bd_coverage_describe       (const BdCoverage *coverage,
                                                guint        n_coverage,
                                                guint        n_guides);
char               *bd_pack_describe_ios       (BdPack      *self);
guint               bd_pack_get_n_guides       (BdPack      *self);
gboolean            bd_pack_get_ios            (BdPack      *self,
                                                int         *version);
BdPack             *bd_pack_resolve            (BdPack      *self,
                                                const char  *ios);
int                 bd_pack_get_completeness   (BdPack      *self,
                                                const char  *language);
BdPackSource        bd_pack_get_source         (BdPack      *self);
void                bd_pack_set_source         (BdPack      *self,
                                                BdPackSource source);
const char         *bd_pack_source_to_string   (BdPackSource source);

GListModel         *bd_pack_get_symptoms       (BdPack      *self);
GListModel         *bd_pack_get_guides         (BdPack      *self);
GListModel         *bd_pack_get_resets         (BdPack      *self);
GListModel         *bd_pack_get_checklists     (BdPack      *self);
GListModel         *bd_pack_get_explanations   (BdPack      *self);

BdSymptom          *bd_pack_lookup_symptom     (BdPack      *self,
                                                const char  *id);
BdGuide            *bd_pack_lookup_guide       (BdPack      *self,
                                                const char  *id);
BdChecklist        *bd_pack_lookup_checklist   (BdPack      *self,
                                                const char  *id);

G_END_DECLS
