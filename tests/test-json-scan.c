/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-scan"

#include <string.h>

#include "bd-error.h"
#include "bd-json-scan.h"

typedef struct
{
  const char *input;
  BdJsonScanResult result;
  guint line;
  guint column;
  const char *path;
} Case;

static const Case cases[] = {
  { "{}", BD_JSON_SCAN_OK, 0, 0 },
  { " [1, -0.5e+3, \"a\\u00e9\\ud83d\\ude00\", true, false, null] \n", BD_JSON_SCAN_OK, 0, 0 },
  { "\"\xc3\xa9\"", BD_JSON_SCAN_OK, 0, 0 },
  { "", BD_JSON_SCAN_SYNTAX, 1, 1 },
  { "{\"a\": 1,}", BD_JSON_SCAN_SYNTAX, 1, 9 },
  { "[1]\n// no", BD_JSON_SCAN_SYNTAX, 2, 1 },
  { "{'a': 1}", BD_JSON_SCAN_SYNTAX, 1, 2 },
  { "[0x10]", BD_JSON_SCAN_SYNTAX, 1, 3 },
  { "[01]", BD_JSON_SCAN_SYNTAX, 1, 3 },
  { "[1.]", BD_JSON_SCAN_SYNTAX, 1, 4 },
  { "[NaN]", BD_JSON_SCAN_SYNTAX, 1, 2 },
  { "[1] x", BD_JSON_SCAN_SYNTAX, 1, 5 },
  { "\"a\tb\"", BD_JSON_SCAN_SYNTAX, 1, 3 },
  { "\"\\ud800\"", BD_JSON_SCAN_SYNTAX, 1, 2 },
  { "{\"a\": [\"\\u0000\"]}", BD_JSON_SCAN_CONTROL, 1, 9, "a[0]" },
  { "{\"a\": 1, \"a\": 2}", BD_JSON_SCAN_SYNTAX, 1, 10 },
  { "\"abc", BD_JSON_SCAN_SYNTAX, 1, 5 },
  { "[1.234567890123456789012345678901234]", BD_JSON_SCAN_SYNTAX, 1, 2 },
  { "{\"n\": {\"m\": [0, -1234567890123456789]}}", BD_JSON_SCAN_RANGE, 1, 17, "n.m[1]" },
  { "[123456789012345678, 1e999]", BD_JSON_SCAN_OK, 0, 0 },
  { "\xef\xbb\xbf{}", BD_JSON_SCAN_ENCODING, 1, 1 },
  { "[\"\xc0\xaf\"]", BD_JSON_SCAN_ENCODING, 1, 3 },
  { "[\"\xed\xa0\x80\"]", BD_JSON_SCAN_ENCODING, 1, 3 },
  /* an encoding problem before a syntax problem wins, and the reverse */
  { "[\xff, x]", BD_JSON_SCAN_ENCODING, 1, 2 },
  { "[x, \xff]", BD_JSON_SCAN_SYNTAX, 1, 2 },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BdJsonScanError error;
      gboolean ok = bd_json_scan ((const guint8 *) cases[i].input, strlen (cases[i].input), &error);

      g_test_message ("case %u", i);
      g_assert_cmpint (ok, ==, cases[i].result == BD_JSON_SCAN_OK);
      if (ok)
        continue;
      g_assert_cmpint (error.result, ==, cases[i].result);
      g_assert_cmpuint (error.line, ==, cases[i].line);
      g_assert_cmpuint (error.column, ==, cases[i].column);
      g_assert_nonnull (error.message);
      if (cases[i].path != NULL)
        g_assert_cmpstr (error.path, ==, cases[i].path);
      bd_json_scan_error_clear (&error);
    }
}

static void
test_nul_byte (void)
{
  static const guint8 data[] = { '[', '1', 0, ']' };
  BdJsonScanError error;

  g_assert_false (bd_json_scan (data, sizeof data, &error));
  g_assert_cmpint (error.result, ==, BD_JSON_SCAN_ENCODING);
  g_assert_cmpuint (error.column, ==, 3);
  bd_json_scan_error_clear (&error);
}

static char *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *ok = nested (BD_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (BD_JSON_MAX_DEPTH + 1);
  g_autofree char *huge = nested (200000);
  BdJsonScanError error;

  g_assert_true (bd_json_scan ((const guint8 *) ok, strlen (ok), NULL));
  g_assert_false (bd_json_scan ((const guint8 *) deep, strlen (deep), &error));
  g_assert_cmpint (error.result, ==, BD_JSON_SCAN_DEPTH);
  g_assert_cmpuint (error.column, ==, BD_JSON_MAX_DEPTH + 1);
  bd_json_scan_error_clear (&error);
  /* the input that crashes json-glib 1.6 is refused without recursion */
  g_assert_false (bd_json_scan ((const guint8 *) huge, strlen (huge), &error));
  g_assert_cmpint (error.result, ==, BD_JSON_SCAN_DEPTH);
  bd_json_scan_error_clear (&error);
}

static void
test_bytes_error (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\n  \"a\": 1,\n}", 13);
  g_autoptr(GError) error = NULL;

  g_assert_false (bd_json_scan_bytes (bytes, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_JSON);
  g_assert_true (g_str_has_prefix (error->message, "line 3, column 1: "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-scan/cases", test_cases);
  g_test_add_func ("/json-scan/nul-byte", test_nul_byte);
  g_test_add_func ("/json-scan/depth", test_depth);
  g_test_add_func ("/json-scan/bytes-error", test_bytes_error);
  return g_test_run ();
}
