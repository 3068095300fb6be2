/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-json-scan"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-error.h"
#include "bd-json-scan.h"

/*
 * A strict RFC 8259 checker that runs over untrusted bytes before json-glib
 * sees them. json-glib 1.6 accepts comments, single quotes, hex numbers,
 * trailing garbage and unbounded nesting (which overflows its stack), so
 * everything it would be lenient about is refused here first. It also
 * refuses what strict JSON allows but we never want: duplicate member names
 * (json-glib silently keeps the last), \u0000 (json-glib cuts the string
 * there), integers json-glib would wrap, numbers longer than any field
 * needs.
 *
 * Recursion is bounded by BD_JSON_MAX_DEPTH + 1 frames.
 */

#define MAX_NUMBER_LENGTH 32
/* json-glib 1.6 wraps integers beyond 64 bits silently (-1e23 becomes 1),
 * so an integer with more digits than always fit is refused here. */
#define MAX_INTEGER_DIGITS 18

typedef struct
{
  const guint8 *p;
  gsize len;
  gsize pos;
  gsize err_pos;
  BdJsonScanResult result;
  const char *message;
  GString *path; /* JSON path of the value being scanned */
  char *err_path;
} Scanner;

static gboolean scan_value (Scanner *s, guint depth);

static gboolean
fail (Scanner         *s,
      gsize            pos,
      BdJsonScanResult result,
      const char      *message)
{
  s->err_pos = pos;
  s->result = result;
  s->message = message;
  g_free (s->err_path);
  s->err_path = g_strdup (s->path->len > 0 ? s->path->str : "$");
  return FALSE;
}

static void
skip_ws (Scanner *s)
{
  while (s->pos < s->len)
    {
      guint8 c = s->p[s->pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

static gboolean
at_end (Scanner *s)
{
  return s->pos >= s->len;
}

static gboolean
expect_digits (Scanner *s)
{
  if (at_end (s) || !g_ascii_isdigit (s->p[s->pos]))
    return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("a digit was expected"));
  while (!at_end (s) && g_ascii_isdigit (s->p[s->pos]))
    s->pos++;
  return TRUE;
}

static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos;
  gsize int_start, int_digits;
  gboolean integer = TRUE;

  if (s->p[s->pos] == '-')
    s->pos++;
  int_start = s->pos;
  if (!at_end (s) && s->p[s->pos] == '0')
    s->pos++;
  else if (!expect_digits (s))
    return FALSE;
  int_digits = s->pos - int_start;
  integer = at_end (s) || (s->p[s->pos] != '.' && s->p[s->pos] != 'e' && s->p[s->pos] != 'E');
  if (!at_end (s) && s->p[s->pos] == '.')
    {
      s->pos++;
      if (!expect_digits (s))
        return FALSE;
    }
  if (!at_end (s) && (s->p[s->pos] == 'e' || s->p[s->pos] == 'E'))
    {
      s->pos++;
      if (!at_end (s) && (s->p[s->pos] == '+' || s->p[s->pos] == '-'))
        s->pos++;
      if (!expect_digits (s))
        return FALSE;
    }
  if (integer && int_digits > MAX_INTEGER_DIGITS)
    return fail (s, start, BD_JSON_SCAN_RANGE, N_("the number is too large"));
  if (s->pos - start > MAX_NUMBER_LENGTH)
    return fail (s, start, BD_JSON_SCAN_SYNTAX, N_("the number is too long"));
  return TRUE;
}

static int
hex_value (guint8 c)
{
  return g_ascii_xdigit_value ((char) c);
}

/* Reads the four hex digits after "\u" at s->pos; returns -1 on failure. */
static gint32
scan_hex4 (Scanner *s)
{
  gint32 value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int v;
      if (at_end (s))
        return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("the text ends inside an escape")), -1;
      v = hex_value (s->p[s->pos]);
      if (v < 0)
        return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("\\u must be followed by four hex digits")), -1;
      value = value * 16 + v;
      s->pos++;
    }
  return value;
}

static gboolean
scan_unicode_escape (Scanner *s,
                     gsize    backslash)
{
  gint32 cp = scan_hex4 (s);

  if (cp < 0)
    return FALSE;
  if (cp == 0)
    return fail (s, backslash, BD_JSON_SCAN_CONTROL, N_("contains the control character U+0000"));
  if (cp >= 0xDC00 && cp <= 0xDFFF)
    return fail (s, backslash, BD_JSON_SCAN_SYNTAX, N_("a low surrogate escape stands alone"));
  if (cp >= 0xD800 && cp <= 0xDBFF)
    {
      gint32 low;
      if (s->len - s->pos < 2 || s->p[s->pos] != '\\' || s->p[s->pos + 1] != 'u')
        return fail (s, backslash, BD_JSON_SCAN_SYNTAX, N_("a high surrogate escape stands alone"));
      s->pos += 2;
      low = scan_hex4 (s);
      if (low < 0)
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        return fail (s, backslash, BD_JSON_SCAN_SYNTAX, N_("a high surrogate escape stands alone"));
    }
  return TRUE;
}

static gboolean
scan_escape (Scanner *s)
{
  gsize backslash = s->pos;

  s->pos++;
  if (at_end (s))
    return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("the text ends inside an escape"));
  switch (s->p[s->pos])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      s->pos++;
      return TRUE;
    case 'u':
      s->pos++;
      return scan_unicode_escape (s, backslash);
    default:
      return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("unknown escape sequence"));
    }
}

/* Leaves s->pos just past the closing quote. */
static gboolean
scan_string (Scanner *s)
{
  g_assert (s->p[s->pos] == '"');
  s->pos++;
  while (!at_end (s))
    {
      guint8 c = s->p[s->pos];
      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("a control character must be escaped"));
      if (c == '\\')
        {
          if (!scan_escape (s))
            return FALSE;
        }
      else
        s->pos++;
    }
  return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("the text ends inside a string"));
}

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  for (gsize i = 0; word[i] != '\0'; i++, s->pos++)
    if (at_end (s) || s->p[s->pos] != (guint8) word[i])
      return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("unexpected character"));
  return TRUE;
}

static gboolean
scan_member_name (Scanner    *s,
                  GHashTable *seen)
{
  gsize start = s->pos;
  char *name;

  if (at_end (s))
    return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("the text ends inside an object"));
  if (s->p[s->pos] != '"')
    return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("a member name in double quotes was expected"));
  if (!scan_string (s))
    return FALSE;
  name = g_strndup ((const char *) s->p + start, s->pos - start);
  if (!g_hash_table_add (seen, name))
    return fail (s, start, BD_JSON_SCAN_SYNTAX, N_("a member name appears twice in one object"));
  if (s->path->len > 0)
    g_string_append_c (s->path, '.');
  /* the name as written, without its quotes */
  g_string_append_len (s->path, name + 1, (gssize) strlen (name) - 2);
  return TRUE;
}

static gboolean
scan_object_body (Scanner    *s,
                  guint       depth,
                  GHashTable *seen)
{
  gsize mark = s->path->len;

  for (;;)
    {
      skip_ws (s);
      if (!scan_member_name (s, seen))
        return FALSE;
      skip_ws (s);
      if (at_end (s) || s->p[s->pos] != ':')
        return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("a colon was expected"));
      s->pos++;
      if (!scan_value (s, depth))
        return FALSE;
      g_string_truncate (s->path, mark);
      skip_ws (s);
      if (!at_end (s) && s->p[s->pos] == ',')
        {
          s->pos++;
          continue;
        }
      if (!at_end (s) && s->p[s->pos] == '}')
        {
          s->pos++;
          return TRUE;
        }
      return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("a comma or a closing brace was expected"));
    }
}

static gboolean
scan_object (Scanner *s,
             guint    depth)
{
  g_autoptr(GHashTable) seen = NULL;

  s->pos++;
  skip_ws (s);
  if (!at_end (s) && s->p[s->pos] == '}')
    {
      s->pos++;
      return TRUE;
    }
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return scan_object_body (s, depth, seen);
}

static gboolean
scan_array (Scanner *s,
            guint    depth)
{
  gsize mark = s->path->len;

  s->pos++;
  skip_ws (s);
  if (!at_end (s) && s->p[s->pos] == ']')
    {
      s->pos++;
      return TRUE;
    }
  for (guint index = 0;; index++)
    {
      g_string_append_printf (s->path, "[%u]", index);
      if (!scan_value (s, depth))
        return FALSE;
      g_string_truncate (s->path, mark);
      skip_ws (s);
      if (!at_end (s) && s->p[s->pos] == ',')
        {
          s->pos++;
          continue;
        }
      if (!at_end (s) && s->p[s->pos] == ']')
        {
          s->pos++;
          return TRUE;
        }
      return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("a comma or a closing bracket was expected"));
    }
}

static gboolean
scan_value (Scanner *s,
            guint    depth)
{
  guint8 c;

  skip_ws (s);
  if (at_end (s))
    return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("a value was expected"));
  c = s->p[s->pos];
  if ((c == '{' || c == '[') && depth + 1 > BD_JSON_MAX_DEPTH)
    return fail (s, s->pos, BD_JSON_SCAN_DEPTH, N_("arrays and objects are nested too deeply"));
  switch (c)
    {
    case '{':
      return scan_object (s, depth + 1);
    case '[':
      return scan_array (s, depth + 1);
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      if (c == '-' || g_ascii_isdigit (c))
        return scan_number (s);
      return fail (s, s->pos, BD_JSON_SCAN_SYNTAX, N_("unexpected character"));
    }
}

/* The offset of the first byte that is not valid UTF-8 (or is NUL), or -1. */
static gssize
find_bad_encoding (const guint8 *data,
                   gsize         len)
{
  const char *end = NULL;

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return 0;
  if (g_utf8_validate_len ((const char *) data, len, &end))
    return -1;
  return end - (const char *) data;
}

static void
locate (const guint8    *data,
        gsize            offset,
        BdJsonScanError *out)
{
  guint line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }
  out->offset = offset;
  out->line = line;
  out->column = (guint) (offset - line_start + 1);
}

/**
 * bd_json_scan:
 * @data: the bytes
 * @len: their length
 * @out_error: (out) (optional): where the first problem is
 *
 * Checks that @data is one strict JSON value in UTF-8, nested at most
 * %BD_JSON_MAX_DEPTH deep. The first problem by position wins; where an
 * encoding problem and a grammar problem meet at one byte, encoding is said.
 *
 * Returns: %TRUE when json-glib may safely parse @data
 */
gboolean
bd_json_scan (const guint8    *data,
              gsize            len,
              BdJsonScanError *out_error)
{
  Scanner s = { .p = data, .len = len };
  gssize bad;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  bad = find_bad_encoding (data, len);
  s.path = g_string_new (NULL);

  ok = scan_value (&s, 0);
  if (ok)
    {
      skip_ws (&s);
      if (!at_end (&s))
        ok = fail (&s, s.pos, BD_JSON_SCAN_SYNTAX, N_("unexpected text after the end of the document"));
    }
  if (bad >= 0 && (ok || (gsize) bad <= s.err_pos))
    {
      ok = fail (&s, (gsize) bad, BD_JSON_SCAN_ENCODING,
                 data[bad] == 0 ? N_("a NUL byte is not allowed")
                 : bad == 0 && len >= 3 && data[0] == 0xEF ? N_("a byte order mark is not allowed")
                 : N_("the text is not valid UTF-8"));
    }
  if (out_error != NULL)
    {
      memset (out_error, 0, sizeof *out_error);
      if (!ok)
        {
          out_error->result = s.result;
          out_error->message = s.message;
          out_error->path = g_steal_pointer (&s.err_path);
          locate (data, s.err_pos, out_error);
        }
    }
  g_string_free (s.path, TRUE);
  g_free (s.err_path);
  return ok;
}

/**
 * bd_json_scan_bytes:
 * @bytes: the bytes
 * @error: set to %BD_ERROR_INVALID_JSON, with "line L, column C: message"
 *
 * Returns: %TRUE when json-glib may safely parse @bytes
 */
gboolean
bd_json_scan_bytes (GBytes  *bytes,
                    GError **error)
{
  BdJsonScanError scan;
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &len);
  if (bd_json_scan (data, len, &scan))
    return TRUE;
  g_set_error (error, BD_ERROR, BD_ERROR_INVALID_JSON,
               _("line %u, column %u: %s"), scan.line, scan.column, _(scan.message));
  bd_json_scan_error_clear (&scan);
  return FALSE;
}

/**
 * bd_json_scan_error_clear:
 *
 * Frees what bd_json_scan() put in @error.
 */
void
bd_json_scan_error_clear (BdJsonScanError *error)
{
  g_return_if_fail (error != NULL);
  g_clear_pointer (&error->path, g_free);
}
