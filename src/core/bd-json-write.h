/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Small pieces every JSON document Badge Doctor writes is made of. */
void  bd_json_add_string (JsonBuilder *builder,
                          const char  *name,
                          const char  *value);
void  bd_json_add_time   (JsonBuilder *builder,
                          const char  *name,
                          gint64       time);
void  bd_json_add_devices (JsonBuilder *builder,
                           const char  *name,
                           guint        devices);
void  bd_json_add_apps    (JsonBuilder *builder,
                           const char  *name,
                           guint        apps);
char *bd_json_to_text    (JsonNode    *root);

G_END_DECLS
