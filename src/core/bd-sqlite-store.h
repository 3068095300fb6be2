/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bd-case-backend.h"

G_BEGIN_DECLS

#define BD_TYPE_SQLITE_STORE (bd_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (BdSqliteStore, bd_sqlite_store, BD, SQLITE_STORE, GObject)

BdSqliteStore *bd_sqlite_store_new             (const char       *path,
                                                BdCaseStoreFlags  flags);
BdSqliteStore *bd_sqlite_store_new_default     (BdCaseStoreFlags  flags);
void           bd_sqlite_store_set_poll_interval (BdSqliteStore  *self,
                                                  guint           milliseconds);

G_END_DECLS
