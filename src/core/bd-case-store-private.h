/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For tests only: open a store at an older schema to test migrations, and
 * reach the database for integrity checks. */

#include <sqlite3.h>

#include "bd-case-store.h"

G_BEGIN_DECLS

BdCaseStore *_bd_case_store_new_at_version     (const char  *path,
                                                int          version,
                                                GError     **error);
int          _bd_case_store_get_schema_version (BdCaseStore *self);
sqlite3     *_bd_case_store_get_db             (BdCaseStore *self);

G_END_DECLS
