/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bd-problem.h"

G_BEGIN_DECLS

/*
 * What every reader of untrusted JSON (packs, imported cases) shares: the
 * strict pre-scan with a size cap, then typed member access that reports
 * each problem at its JSON path instead of logging a CRITICAL.
 */

typedef struct
{
  GPtrArray *problems; /* BdProblem */
  GString *path;       /* where the checker is, "" for the root */
  gpointer user_data;  /* for the format being checked */
} BdJsonCheck;

typedef enum
{
  BD_JSON_WANT_STRING,
  BD_JSON_WANT_INT,
  BD_JSON_WANT_BOOL,
  BD_JSON_WANT_ARRAY,
  BD_JSON_WANT_OBJECT,
} BdJsonWant;

typedef void (*BdJsonItemFunc) (BdJsonCheck *c,
                                JsonObject  *item,
                                guint        index,
                                gpointer     data);

void        bd_json_check_init            (BdJsonCheck        *c);
void        bd_json_check_clear           (BdJsonCheck        *c);
void        bd_json_check_set_error       (BdJsonCheck        *c,
                                           GError            **error,
                                           int                 code);
JsonNode   *bd_json_check_parse           (BdJsonCheck        *c,
                                           GBytes             *bytes,
                                           gsize               max_size,
                                           JsonParser         *parser);

void        bd_json_check_report          (BdJsonCheck        *c,
                                           BdProblemKind       kind,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (3, 4);
void        bd_json_check_report_at       (BdJsonCheck        *c,
                                           const char         *path,
                                           BdProblemKind       kind,
                                           const char         *message);
gsize       bd_json_check_enter_member    (BdJsonCheck        *c,
                                           const char         *name);
gsize       bd_json_check_enter_index     (BdJsonCheck        *c,
                                           guint               index);
void        bd_json_check_leave           (BdJsonCheck        *c,
                                           gsize               mark);

gboolean    bd_json_check_type            (BdJsonCheck        *c,
                                           JsonNode           *node,
                                           BdJsonWant          want);
JsonNode   *bd_json_check_member          (BdJsonCheck        *c,
                                           JsonObject         *object,
                                           const char         *name,
                                           BdJsonWant          want,
                                           gboolean            required);
void        bd_json_check_members         (BdJsonCheck        *c,
                                           JsonObject         *object,
                                           const char * const *allowed);
const char *bd_json_check_string          (BdJsonCheck        *c,
                                           JsonObject         *object,
                                           const char         *name,
                                           gboolean            required);
gboolean    bd_json_check_int             (BdJsonCheck        *c,
                                           JsonObject         *object,
                                           const char         *name,
                                           gboolean            required,
                                           gint64              min,
                                           gint64              max,
                                           gint64             *out);
gboolean    bd_json_check_bool            (BdJsonCheck        *c,
                                           JsonObject         *object,
                                           const char         *name,
                                           gboolean            fallback);
JsonArray  *bd_json_check_array           (BdJsonCheck        *c,
                                           JsonObject         *object,
                                           const char         *name,
                                           gboolean            required,
                                           guint               min,
                                           guint               max);
void        bd_json_check_for_each_object (BdJsonCheck        *c,
                                           JsonArray          *array,
                                           BdJsonItemFunc      func,
                                           gpointer            data);

GDateTime  *bd_date_time_parse_strict     (const char         *str);
gboolean    bd_id_is_valid                (const char         *id);
const char *bd_json_check_id_node         (BdJsonCheck        *c,
                                           JsonNode           *node);
const char *bd_json_check_id              (BdJsonCheck        *c,
                                           JsonObject         *object,
                                           const char         *name,
                                           gboolean            required);
void        bd_json_check_unique_id       (BdJsonCheck        *c,
                                           GHashTable         *seen,
                                           const char         *id);
gboolean    bd_json_check_text_value      (BdJsonCheck        *c,
                                           const char         *value,
                                           guint               max_chars,
                                           gboolean            allow_empty);

G_END_DECLS
