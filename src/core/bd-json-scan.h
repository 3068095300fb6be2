/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects any input may have. json-glib 1.6
 * recurses without a limit, so anything deeper never reaches it. */
#define BD_JSON_MAX_DEPTH 32

typedef enum
{
  BD_JSON_SCAN_OK,
  BD_JSON_SCAN_SYNTAX,
  BD_JSON_SCAN_ENCODING,
  BD_JSON_SCAN_DEPTH,
  BD_JSON_SCAN_RANGE,   /* an integer too large for json-glib to keep */
  BD_JSON_SCAN_CONTROL, /* \u0000, which json-glib would cut the string at */
} BdJsonScanResult;

typedef struct
{
  BdJsonScanResult result;
  gsize offset;  /* byte offset of the offending byte */
  guint line;    /* 1-based */
  guint column;  /* 1-based, in bytes */
  const char *message; /* static, untranslated */
  char *path;          /* JSON path of the value ("$" for the root) */
} BdJsonScanError;

gboolean bd_json_scan (const guint8   *data,
                       gsize           len,
                       BdJsonScanError *out_error);

void     bd_json_scan_error_clear (BdJsonScanError *error);

gboolean bd_json_scan_bytes (GBytes  *bytes,
                             GError **error);

G_END_DECLS
