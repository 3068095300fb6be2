/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Constructors for the loader: pack objects are immutable once made, so
 * only bd-pack-loader.c builds them. */

#include <json-glib/json-glib.h>

#include "bd-os-version.h"
#include "bd-pack.h"

G_BEGIN_DECLS

typedef enum
{
  BD_RESET_NAME,
  BD_RESET_DOES,
  BD_RESET_KEEPS,
  BD_RESET_LOSES,
  BD_RESET_WHEN,
  BD_RESET_PATH,
  BD_RESET_N_TEXTS,
} BdResetTextId;

BdStep          *_bd_step_new             (const char         *guide_id,
                                           const char         *id,
                                           BdText             *text,
                                           BdText             *expect,
                                           BdText             *caution,
                                           guint               wait_seconds,
                                           gboolean            per_device);
void             _bd_step_set_words_on    (BdStep             *self,
                                           BdDevice            device,
                                           BdText             *text,
                                           BdText             *expect,
                                           BdText             *caution);
BdReference     *_bd_reference_new        (BdText             *title,
                                           const char         *url);
BdGuide         *_bd_guide_new            (const char         *id,
                                           BdGuideKind         kind,
                                           BdText             *title,
                                           BdText             *summary,
                                           gboolean            ask_cleared);
void             _bd_guide_set_checked    (BdGuide            *self,
                                           const BdCoverage   *checked,
                                           guint               n_checked);
void             _bd_guide_add_step       (BdGuide            *self,
                                           BdStep             *step);
void             _bd_guide_add_reference  (BdGuide            *self,
                                           BdReference        *reference);
BdSymptom       *_bd_symptom_new          (const char         *id,
                                           BdText             *text,
                                           BdText             *cause,
                                           const char         *first_fix,
                                           const char * const *plan);
BdReset         *_bd_reset_new            (const char         *id,
                                           BdText             *texts[BD_RESET_N_TEXTS],
                                           const char         *guide_id,
                                           guint               rank);
BdChecklistItem *_bd_checklist_item_new   (const char         *guide_id,
                                           const char         *step_id,
                                           BdText             *text);
BdChecklist     *_bd_checklist_new        (const char         *id,
                                           BdText             *title,
                                           BdText             *summary);
void             _bd_checklist_add_item   (BdChecklist        *self,
                                           BdChecklistItem    *item);
BdExplanation   *_bd_explanation_new      (const char         *id,
                                           BdExplanationKind   kind,
                                           BdText             *title,
                                           BdText             *body);

void             _bd_pack_set_completeness (BdPack            *self,
                                            GHashTable        *completeness);
BdPack          *_bd_pack_new             (const char         *id,
                                           const char         *version,
                                           GDateTime          *published,
                                           const char * const *languages);
void             _bd_pack_set_coverage    (BdPack             *self,
                                           const BdCoverage   *coverage,
                                           guint               n_coverage);
void             _bd_pack_set_tree        (BdPack             *self,
                                           JsonNode           *root,
                                           gboolean            unsure,
                                           int                 ios);
BdPack          *_bd_pack_build           (JsonNode           *root,
                                           gboolean            unsure,
                                           int                 ios);
void             _bd_pack_add_symptom     (BdPack             *self,
                                           BdSymptom          *symptom);
void             _bd_pack_add_guide       (BdPack             *self,
                                           BdGuide            *guide);
void             _bd_pack_add_reset       (BdPack             *self,
                                           BdReset            *reset);
void             _bd_pack_add_checklist   (BdPack             *self,
                                           BdChecklist        *checklist);
void             _bd_pack_add_explanation (BdPack             *self,
                                           BdExplanation      *explanation);
void             _bd_pack_sort_resets     (BdPack             *self);

G_END_DECLS
