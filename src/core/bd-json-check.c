/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-json-check"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "bd-error.h"
#include "bd-json-check.h"
#include "bd-text.h"
#include "bd-json-scan.h"

#define MAX_ID_LENGTH 64

void
bd_json_check_init (BdJsonCheck *c)
{
  g_return_if_fail (c != NULL);

  c->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) bd_problem_free);
  c->path = g_string_new (NULL);
  c->user_data = NULL;
}

void
bd_json_check_clear (BdJsonCheck *c)
{
  g_return_if_fail (c != NULL);

  g_clear_pointer (&c->problems, g_ptr_array_unref);
  if (c->path != NULL)
    g_string_free (g_steal_pointer (&c->path), TRUE);
}

void
bd_json_check_report (BdJsonCheck  *c,
                      BdProblemKind kind,
                      const char   *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  bd_json_check_report_at (c, c->path->len > 0 ? c->path->str : "$", kind, message);
}

void
bd_json_check_report_at (BdJsonCheck  *c,
                         const char   *path,
                         BdProblemKind kind,
                         const char   *message)
{
  /* member names and values come from the file: shown, never obeyed */
  g_autofree char *safe_path = bd_text_escape_controls (path);
  g_autofree char *safe_message = bd_text_escape_controls (message);

  g_ptr_array_add (c->problems, bd_problem_new (kind, safe_path, safe_message));
}

gsize
bd_json_check_enter_member (BdJsonCheck *c,
                            const char  *name)
{
  gsize mark = c->path->len;

  if (mark > 0)
    g_string_append_c (c->path, '.');
  g_string_append (c->path, name);
  return mark;
}

gsize
bd_json_check_enter_index (BdJsonCheck *c,
                           guint        index)
{
  gsize mark = c->path->len;

  g_string_append_printf (c->path, "[%u]", index);
  return mark;
}

void
bd_json_check_leave (BdJsonCheck *c,
                     gsize        mark)
{
  g_string_truncate (c->path, mark);
}

/**
 * bd_json_check_set_error:
 * @code: the error code of the format (BD_ERROR_INVALID_PACK, ...)
 *
 * Sets @error from the first problem found, as "path: message".
 */
void
bd_json_check_set_error (BdJsonCheck  *c,
                         GError      **error,
                         int           code)
{
  BdProblem *first = c->problems->len > 0 ? g_ptr_array_index (c->problems, 0) : NULL;

  g_set_error (error, BD_ERROR, code, "%s: %s", first ? first->path : "$", first ? first->message : "invalid");
}

/* Phase 1: the size cap and the strict pre-scan, which stops at the first
 * problem because nothing after it can be trusted. */
static gboolean
scan (BdJsonCheck *c,
      GBytes      *bytes,
      gsize        max_size)
{
  static const BdProblemKind kinds[] = {
    [BD_JSON_SCAN_SYNTAX] = BD_PROBLEM_SYNTAX,
    [BD_JSON_SCAN_ENCODING] = BD_PROBLEM_ENCODING,
    [BD_JSON_SCAN_DEPTH] = BD_PROBLEM_DEPTH,
    [BD_JSON_SCAN_RANGE] = BD_PROBLEM_OUT_OF_RANGE,
    [BD_JSON_SCAN_CONTROL] = BD_PROBLEM_CONTROL_CHAR,
  };
  BdJsonScanError error;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree char *path = NULL;

  if (len > max_size)
    {
      bd_json_check_report (c, BD_PROBLEM_TOO_LARGE, _("the file is larger than %lu KiB"),
                            (unsigned long) (max_size / 1024));
      return FALSE;
    }
  if (bd_json_scan (data, len, &error))
    return TRUE;
  /* A number out of range or an escaped NUL is valid JSON: it is told by
   * its JSON path, like every problem of content. */
  if (error.result == BD_JSON_SCAN_RANGE || error.result == BD_JSON_SCAN_CONTROL)
    path = g_strdup (error.path);
  else
    path = g_strdup_printf (_("line %u, column %u"), error.line, error.column);
  bd_json_check_report_at (c, path, kinds[error.result], _(error.message));
  bd_json_scan_error_clear (&error);
  return FALSE;
}

/**
 * bd_json_check_parse:
 * @parser: an empty parser that will own the tree
 *
 * Checks @bytes against the size cap and the strict pre-scan, then parses.
 *
 * Returns: (transfer none) (nullable): the root, or %NULL with a problem
 *   reported
 */
JsonNode *
bd_json_check_parse (BdJsonCheck *c,
                     GBytes      *bytes,
                     gsize        max_size,
                     JsonParser  *parser)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (c != NULL && bytes != NULL, NULL);
  g_return_val_if_fail (JSON_IS_PARSER (parser), NULL);

  if (!scan (c, bytes, max_size))
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  /* The pre-scan has already refused everything json-glib could choke on;
   * this failing would be a json-glib bug, still reported, never trusted. */
  if (!json_parser_load_from_data (parser, data, (gssize) len, &error))
    {
      bd_json_check_report (c, BD_PROBLEM_SYNTAX, "%s", error->message);
      return NULL;
    }
  return json_parser_get_root (parser);
}

static gboolean
node_is (JsonNode   *node,
         BdJsonWant  want)
{
  switch (want)
    {
    case BD_JSON_WANT_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case BD_JSON_WANT_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case BD_JSON_WANT_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case BD_JSON_WANT_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case BD_JSON_WANT_BOOL:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    default:
      g_assert_not_reached ();
    }
}

static const char *
want_description (BdJsonWant want)
{
  switch (want)
    {
    case BD_JSON_WANT_ARRAY:
      return _("an array");
    case BD_JSON_WANT_OBJECT:
      return _("an object");
    case BD_JSON_WANT_STRING:
      return _("a string");
    case BD_JSON_WANT_INT:
      return _("a whole number");
    case BD_JSON_WANT_BOOL:
      return _("true or false");
    default:
      g_assert_not_reached ();
    }
}

/**
 * bd_json_check_type:
 *
 * Reports at the current path when @node is not what is wanted.
 */
gboolean
bd_json_check_type (BdJsonCheck *c,
                    JsonNode    *node,
                    BdJsonWant   want)
{
  if (node_is (node, want))
    return TRUE;
  /* TRANSLATORS: %s is "a string", "an array", ... */
  bd_json_check_report (c, BD_PROBLEM_TYPE, _("must be %s"), want_description (want));
  return FALSE;
}

/**
 * bd_json_check_member:
 *
 * Returns: (nullable) (transfer none): the member @name of @object if
 *   present and of the wanted type; a missing required member or a wrong
 *   type is reported
 */
JsonNode *
bd_json_check_member (BdJsonCheck *c,
                      JsonObject  *object,
                      const char  *name,
                      BdJsonWant   want,
                      gboolean     required)
{
  JsonNode *node;
  gsize mark;
  gboolean ok;

  if (!json_object_has_member (object, name))
    {
      if (required)
        {
          mark = bd_json_check_enter_member (c, name);
          bd_json_check_report (c, BD_PROBLEM_MISSING, _("is required"));
          bd_json_check_leave (c, mark);
        }
      return NULL;
    }
  node = json_object_get_member (object, name);
  mark = bd_json_check_enter_member (c, name);
  ok = bd_json_check_type (c, node, want);
  bd_json_check_leave (c, mark);
  return ok ? node : NULL;
}

void
bd_json_check_members (BdJsonCheck        *c,
                       JsonObject         *object,
                       const char * const *allowed)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        gsize mark = bd_json_check_enter_member (c, l->data);
        bd_json_check_report (c, BD_PROBLEM_UNKNOWN_MEMBER, _("is not a member this format knows"));
        bd_json_check_leave (c, mark);
      }
}

const char *
bd_json_check_string (BdJsonCheck *c,
                      JsonObject  *object,
                      const char  *name,
                      gboolean     required)
{
  JsonNode *node = bd_json_check_member (c, object, name, BD_JSON_WANT_STRING, required);

  return node != NULL ? json_node_get_string (node) : NULL;
}

gboolean
bd_json_check_int (BdJsonCheck *c,
                   JsonObject  *object,
                   const char  *name,
                   gboolean     required,
                   gint64       min,
                   gint64       max,
                   gint64      *out)
{
  JsonNode *node = bd_json_check_member (c, object, name, BD_JSON_WANT_INT, required);
  gint64 value;
  gsize mark;

  if (node == NULL)
    return FALSE;
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      mark = bd_json_check_enter_member (c, name);
      bd_json_check_report (c, BD_PROBLEM_OUT_OF_RANGE,
                            /* TRANSLATORS: a number out of its range, "120 is outside 1 to 100" */
                            _("%lld is outside %lld to %lld"),
                            (long long) value, (long long) min, (long long) max);
      bd_json_check_leave (c, mark);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
bd_json_check_bool (BdJsonCheck *c,
                    JsonObject  *object,
                    const char  *name,
                    gboolean     fallback)
{
  JsonNode *node = bd_json_check_member (c, object, name, BD_JSON_WANT_BOOL, FALSE);

  return node != NULL ? json_node_get_boolean (node) : fallback;
}

/**
 * bd_json_check_array:
 *
 * An array member with at least @min and at most @max items.
 *
 * Returns: (nullable) (transfer none): the array; %NULL when over @max, so
 *   nobody walks a hostile list
 */
JsonArray *
bd_json_check_array (BdJsonCheck *c,
                     JsonObject  *object,
                     const char  *name,
                     gboolean     required,
                     guint        min,
                     guint        max)
{
  JsonNode *node = bd_json_check_member (c, object, name, BD_JSON_WANT_ARRAY, required);
  JsonArray *array;
  guint len;
  gsize mark;

  if (node == NULL)
    return NULL;
  array = json_node_get_array (node);
  len = json_array_get_length (array);
  mark = bd_json_check_enter_member (c, name);
  if (len < min)
    bd_json_check_report (c, BD_PROBLEM_EMPTY, _("must have at least one item"));
  else if (len > max)
    {
      bd_json_check_report (c, BD_PROBLEM_TOO_MANY, _("has %u items; at most %u are allowed"), len, max);
      array = NULL;
    }
  bd_json_check_leave (c, mark);
  return array;
}

/**
 * bd_json_check_for_each_object:
 *
 * Hands each item of @array to @func as an object, at path [i]; an item
 * that is not an object is reported.
 */
void
bd_json_check_for_each_object (BdJsonCheck    *c,
                               JsonArray      *array,
                               BdJsonItemFunc  func,
                               gpointer        data)
{
  guint len = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < len; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize mark = bd_json_check_enter_index (c, i);

      if (bd_json_check_type (c, node, BD_JSON_WANT_OBJECT))
        func (c, json_node_get_object (node), i, data);
      bd_json_check_leave (c, mark);
    }
}

/**
 * bd_date_time_parse_strict:
 *
 * Accepts exactly what the file formats document: an ISO 8601 date and
 * time with seconds and a time zone (2026-11-23T09:00:00Z), and a real
 * date (no February 30).
 *
 * Returns: (transfer full) (nullable): the time, or %NULL
 */
GDateTime *
bd_date_time_parse_strict (const char *str)
{
  static const char *pattern =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

  g_return_val_if_fail (str != NULL, NULL);

  if (!g_regex_match_simple (pattern, str, G_REGEX_RAW | G_REGEX_DOLLAR_ENDONLY, 0))
    return NULL;
  return g_date_time_new_from_iso8601 (str, NULL);
}

/**
 * bd_id_is_valid:
 *
 * Returns: whether @id matches `[a-z0-9][a-z0-9-]{0,63}`
 */
gboolean
bd_id_is_valid (const char *id)
{
  gsize len;

  g_return_val_if_fail (id != NULL, FALSE);

  len = strlen (id);
  if (len == 0 || len > MAX_ID_LENGTH)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_islower (id[i]) && !g_ascii_isdigit (id[i]) && id[i] != '-')
      return FALSE;
  return TRUE;
}

/* Checks an id-valued string node at the current path. */
const char *
bd_json_check_id_node (BdJsonCheck *c,
                       JsonNode    *node)
{
  const char *id;

  if (!bd_json_check_type (c, node, BD_JSON_WANT_STRING))
    return NULL;
  id = json_node_get_string (node);
  if (!bd_id_is_valid (id))
    {
      bd_json_check_report (c, BD_PROBLEM_BAD_ID,
                            _("\"%s\" is not a valid id (lowercase letters, digits and hyphens, at most 64)"),
                            id);
      return NULL;
    }
  return id;
}

const char *
bd_json_check_id (BdJsonCheck *c,
                  JsonObject  *object,
                  const char  *name,
                  gboolean     required)
{
  JsonNode *node = bd_json_check_member (c, object, name, BD_JSON_WANT_STRING, required);
  const char *id;
  gsize mark;

  if (node == NULL)
    return NULL;
  mark = bd_json_check_enter_member (c, name);
  id = bd_json_check_id_node (c, node);
  bd_json_check_leave (c, mark);
  return id;
}

/* Reports @id at the current path if @seen already holds it. */
void
bd_json_check_unique_id (BdJsonCheck *c,
                         GHashTable  *seen,
                         const char  *id)
{
  if (id != NULL && !g_hash_table_add (seen, (gpointer) id))
    bd_json_check_report (c, BD_PROBLEM_DUPLICATE_ID, _("duplicate id \"%s\""), id);
}

/**
 * bd_json_check_text_value:
 *
 * Checks a human-readable string at the current path: not empty (unless
 * @allow_empty), at most @max_chars characters, no control character but
 * newline.
 *
 * Returns: %TRUE when @value passed
 */
gboolean
bd_json_check_text_value (BdJsonCheck *c,
                          const char  *value,
                          guint        max_chars,
                          gboolean     allow_empty)
{
  gboolean ok = TRUE;
  gunichar control;

  if (*value == '\0')
    {
      if (allow_empty)
        return TRUE;
      bd_json_check_report (c, BD_PROBLEM_EMPTY, _("must not be empty"));
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > max_chars)
    {
      bd_json_check_report (c, BD_PROBLEM_TOO_LONG, _("is longer than %u characters"), max_chars);
      ok = FALSE;
    }
  control = bd_text_find_control (value, TRUE);
  if (control != 0)
    {
      bd_json_check_report (c, BD_PROBLEM_CONTROL_CHAR, _("contains the control character U+%04X"), (guint) control);
      return FALSE;
    }
  return ok;
}
