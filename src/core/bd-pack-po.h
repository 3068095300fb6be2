/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *bd_pack_po_extract (GBytes      *pack,
                          GError     **error);
char *bd_pack_po_merge   (GBytes      *pack,
                          GHashTable  *catalogues,
                          char       **report,
                          GError     **error);

G_END_DECLS
