/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bd-case.h"

G_BEGIN_DECLS

/* The largest case file accepted on import. */
#define BD_CASE_MAX_FILE_SIZE (4 * 1024 * 1024)

JsonNode *bd_case_to_json_node    (BdCase      *self);
char     *bd_case_to_json         (BdCase      *self);
BdCase   *bd_case_new_from_json   (GBytes      *bytes,
                                   GPtrArray  **problems,
                                   GError     **error);
BdCase   *bd_case_new_from_file   (GFile       *file,
                                   GPtrArray  **problems,
                                   GError     **error);

G_END_DECLS
