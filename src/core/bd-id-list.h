/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A list of case ids in one block, with the position of each: 100,000
 * ids are three allocations, freed at once, and found by id at once. */
typedef struct _BdIdList BdIdList;

BdIdList   *bd_id_list_new_empty  (void);
BdIdList   *bd_id_list_new        (GPtrArray      *ids);
void        bd_id_list_free       (BdIdList       *self);
guint       bd_id_list_get_length (const BdIdList *self);
const char *bd_id_list_get        (const BdIdList *self,
                                   guint           position);
guint       bd_id_list_find       (const BdIdList *self,
                                   const char     *id);
void        bd_id_list_diff       (const BdIdList *old,
                                   const BdIdList *now,
                                   guint          *position,
                                   guint          *removed,
                                   guint          *added);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdIdList, bd_id_list_free)

G_END_DECLS
