/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-redact"

#include <string.h>

#include "bd-redact.h"

/* Redacts text with a redactor of its own, as a one-field report. */
static char *
redact_once (const char *text)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();

  return bd_redactor_apply (redactor, text);
}

/* The most digits a reader could still string together into a number:
 * digits joined only by the separators a phone number uses. */
static guint
longest_number (const char *text)
{
  guint longest = 0, run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        run++;
      else if (strchr (" +-.()/", *p) == NULL)
        run = 0;
      longest = MAX (longest, run);
    }
  return longest;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Undoes the escapes of tests/data/redact-*: \n \r \t \\ and \uXXXX. */
static char *
unescape (const char *line)
{
  GString *out = g_string_new (NULL);

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        g_string_append_c (out, *p);
      else if (*++p == 'u')
        {
          g_autofree char *hex = g_strndup (p + 1, 4);

          g_assert_cmpuint (strlen (hex), ==, 4);
          g_string_append_unichar (out, (gunichar) g_ascii_strtoull (hex, NULL, 16));
          p += 4;
        }
      else
        g_string_append_c (out, *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p == 't' ? '\t' : *p);
    }
  return g_string_free (out, FALSE);
}

/* The lines of a file in tests/data that are neither empty nor comments,
 * and in *numbers where each is in the file. */
static GPtrArray *
read_data_lines (const char  *name,
                 GArray     **numbers)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  *numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '#')
      {
        guint number = i + 1;

        g_ptr_array_add (kept, g_strdup (lines[i]));
        g_array_append_val (*numbers, number);
      }
  g_assert_cmpuint (kept->len, >, 0);
  return kept;
}

static BdRedaction *
redaction (BdRedactor *redactor,
           guint       i)
{
  GPtrArray *redactions = bd_redactor_get_redactions (redactor);

  g_assert_cmpuint (i, <, redactions->len);
  return g_ptr_array_index (redactions, i);
}

static void
test_phone_formats (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *out = NULL;
  BdRedaction *r;

  out = bd_redactor_apply (redactor,
                           "Call +1 555 123 4567 or (555) 123-4567, fax 555.123.4567, "
                           "mobile 1-555-123-4567.");
  /* four ways of writing one number are one placeholder */
  g_assert_cmpstr (out, ==,
                   "Call [phone 1] or [phone 1], fax [phone 1], mobile [phone 1].");
  g_assert_cmpuint (bd_redactor_get_redactions (redactor)->len, ==, 1);
  r = redaction (redactor, 0);
  g_assert_cmpint (r->kind, ==, BD_REDACTION_PHONE);
  g_assert_cmpstr (r->placeholder, ==, "[phone 1]");
  g_assert_cmpstr (r->original, ==, "+1 555 123 4567");
  g_assert_cmpuint (r->count, ==, 4);
}

static void
test_phone_shapes (void)
{
  const struct
  {
    const char *text;
    const char *expected;
  } cases[] = {
    { "Ring 5551234567 now", "Ring [phone 1] now" },
    { "UK: +44 (0) 20 7946 0958.", "UK: [phone 1]." },
    { "Paris 06 12 34 56 78", "Paris [phone 1]" },
    { "Paris 06.12.34.56.78", "Paris [phone 1]" },
    { "Berlin 030/1234567", "Berlin [phone 1]" },
    { "(call 555 123 4567)", "(call [phone 1])" },
    { "Tel.555-123-4567", "Tel.[phone 1]" },
    { "tel:+15551234567", "tel:[phone 1]" },
    { "555 - 1234", "[phone 1]" },
    { "local 555-1234", "local [phone 1]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = redact_once (cases[i].text);

      g_assert_cmpstr (out, ==, cases[i].expected);
    }
}

static void
test_phone_numbering (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = bd_redactor_apply (redactor, "Home 555 123 4567, work 555 765 4321.");
  g_assert_cmpstr (first, ==, "Home [phone 1], work [phone 2].");

  /* another field of the same report: known numbers keep theirs */
  second = bd_redactor_apply (redactor, "Called +1 (555) 765-4321, then 020 7946 0958 and 5551234567.");
  g_assert_cmpstr (second, ==, "Called [phone 2], then [phone 3] and [phone 1].");

  g_assert_cmpuint (bd_redactor_get_redactions (redactor)->len, ==, 3);
  g_assert_cmpuint (redaction (redactor, 0)->count, ==, 2);
  g_assert_cmpuint (redaction (redactor, 1)->count, ==, 2);
  g_assert_cmpuint (redaction (redactor, 2)->count, ==, 1);
  g_assert_cmpstr (redaction (redactor, 2)->placeholder, ==, "[phone 3]");
}

/* A number written without its area code is still the same number;
 * the same local number in another area is not. */
static void
test_phone_local_form (void)
{
  g_autofree char *out = redact_once ("555 123 4567, locally 123-4567, not 999 123 4567");

  g_assert_cmpstr (out, ==, "[phone 1], locally [phone 1], not [phone 2]");
}

static void
test_not_phones (void)
{
  const char *texts[] = {
    "Updated to iOS 17.4.1 on 2026-11-23 at 10:30.",
    "macOS 26.1 and iOS 18.2.1",
    "Badge Doctor 2026.11.2",
    "Window 2026-11-23T09:00 to 2026-11-23T10:30:00+01:00",
    "Logged 2026-11-23 10:30:15 and 23.11.2026 and 11/23/2026",
    "Ticket T-1043, INC0012345 and CASE-1234567",
    "Router at 192.168.100.200, build 22C161 (22C161)",
    "It took 1,234,567 ms, pi is 3.14159265",
    "Version 10.0.19045.1234",
    "Serial 12345678901234567890",
    "Meeting 09:00-17:30",
    "Paid €1234567 and 7654321$",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(BdRedactor) redactor = bd_redactor_new ();
      g_autofree char *out = bd_redactor_apply (redactor, texts[i]);

      g_assert_cmpstr (out, ==, texts[i]);
      g_assert_cmpuint (bd_redactor_get_redactions (redactor)->len, ==, 0);
    }
}

/* A date or version next to a number does not become part of it. */
static void
test_phone_next_to_dates (void)
{
  g_autofree char *out = redact_once ("On 2026-11-23 555 123 4567 wrote, at 10:30 555 765 4321, iOS 18.2.1 555-0100-123");

  g_assert_cmpstr (out, ==, "On 2026-11-23 [phone 1] wrote, at 10:30 [phone 2], iOS 18.2.1 [phone 3]");
}

static void
test_email (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  BdRedaction *r;

  first = bd_redactor_apply (redactor, "Write to Jane.Doe+badge@Example.co.uk. Or <ann_42@mail.example.com>.");
  g_assert_cmpstr (first, ==, "Write to [e-mail 1]. Or <[e-mail 2]>.");

  /* addresses are the same whatever their case */
  second = bd_redactor_apply (redactor, "jane.doe+badge@example.CO.UK replied");
  g_assert_cmpstr (second, ==, "[e-mail 1] replied");

  r = redaction (redactor, 0);
  g_assert_cmpint (r->kind, ==, BD_REDACTION_EMAIL);
  g_assert_cmpstr (r->original, ==, "Jane.Doe+badge@Example.co.uk");
  g_assert_cmpuint (r->count, ==, 2);
  g_assert_cmpstr (redaction (redactor, 1)->placeholder, ==, "[e-mail 2]");
}

static void
test_not_emails (void)
{
  const char *texts[] = {
    "ping user@localhost",
    "thanks @jane and a@b.c",
    "@@@ and x@ and @y.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *out = redact_once (texts[i]);

      g_assert_cmpstr (out, ==, texts[i]);
    }
}

static void
test_account (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *out = NULL;

  out = bd_redactor_apply (redactor,
                           "Apple ID: jdoe@icloud.com. apple account name is jane_r42; "
                           "Apple ID = someone, Apple Account: \"quoted.name\", Apple-ID: max@icloud.de");
  /* the words stay, only the name goes */
  g_assert_cmpstr (out, ==,
                   "Apple ID: [Apple Account 1]. apple account name is [Apple Account 2]; "
                   "Apple ID = [Apple Account 3], Apple Account: \"[Apple Account 4]\", Apple-ID: [Apple Account 5]");
  g_assert_cmpint (redaction (redactor, 1)->kind, ==, BD_REDACTION_ACCOUNT);
  g_assert_cmpstr (redaction (redactor, 1)->original, ==, "jane_r42");
}

/* "Apple ID" in an ordinary sentence names no account. */
static void
test_account_in_sentences (void)
{
  const char *texts[] = {
    "My Apple ID is locked.",
    "Open Apple ID settings, then Apple Accounts.",
    "Sign out of your Apple Account and sign in again.",
    "The Apple ID is not working",
    "Pineapple ID: 42",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *out = redact_once (texts[i]);

      g_assert_cmpstr (out, ==, texts[i]);
    }
}

/* An address given as an Apple ID is that account everywhere in the
 * report, before and after, never also an e-mail. */
static void
test_account_email (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GPtrArray *redactions = bd_redactor_get_redactions (redactor);

  first = bd_redactor_apply (redactor,
                             "Mail from JDoe@iCloud.com. My Apple ID is jdoe@icloud.com, "
                             "my wife's is ann@example.com");
  g_assert_cmpstr (first, ==,
                   "Mail from [Apple Account 1]. My Apple ID is [Apple Account 1], "
                   "my wife's is [e-mail 1]");

  second = bd_redactor_apply (redactor, "Sent from jdoe@icloud.com");
  g_assert_cmpstr (second, ==, "Sent from [Apple Account 1]");

  g_assert_cmpuint (redactions->len, ==, 2);
  g_assert_cmpint (redaction (redactor, 0)->kind, ==, BD_REDACTION_ACCOUNT);
  g_assert_cmpstr (redaction (redactor, 0)->original, ==, "JDoe@iCloud.com");
  g_assert_cmpuint (redaction (redactor, 0)->count, ==, 3);
  g_assert_cmpint (redaction (redactor, 1)->kind, ==, BD_REDACTION_EMAIL);
}

/* An Apple ID can be a phone number; the number is then that account. */
static void
test_account_phone (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *out = NULL;

  out = bd_redactor_apply (redactor, "Apple ID: +1 555 123 4567, he also gave (555) 123-4567");
  g_assert_cmpstr (out, ==, "Apple ID: [Apple Account 1], he also gave [Apple Account 1]");
  g_assert_cmpuint (bd_redactor_get_redactions (redactor)->len, ==, 1);
  g_assert_cmpuint (longest_number (out), <, 7);
}

static void
test_mix (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *out = NULL;
  GPtrArray *redactions = bd_redactor_get_redactions (redactor);
  const char *text =
    "Customer jane@example.com (Apple ID: jane.apple@icloud.com) called from "
    "+1 555 123 4567 on 2026-11-23 at 10:30 about iOS 18.2.1, ticket INC0012345. "
    "Call back on 555-123-4567 or 555 765 4321; cc jane@example.com.";

  out = bd_redactor_apply (redactor, text);
  g_assert_cmpstr (out, ==,
                   "Customer [e-mail 1] (Apple ID: [Apple Account 1]) called from "
                   "[phone 1] on 2026-11-23 at 10:30 about iOS 18.2.1, ticket INC0012345. "
                   "Call back on [phone 1] or [phone 2]; cc [e-mail 1].");

  /* in the order first found, with how often each was replaced */
  g_assert_cmpuint (redactions->len, ==, 4);
  g_assert_cmpint (redaction (redactor, 0)->kind, ==, BD_REDACTION_EMAIL);
  g_assert_cmpuint (redaction (redactor, 0)->count, ==, 2);
  g_assert_cmpint (redaction (redactor, 1)->kind, ==, BD_REDACTION_ACCOUNT);
  g_assert_cmpuint (redaction (redactor, 1)->count, ==, 1);
  g_assert_cmpint (redaction (redactor, 2)->kind, ==, BD_REDACTION_PHONE);
  g_assert_cmpuint (redaction (redactor, 2)->count, ==, 2);
  g_assert_cmpstr (redaction (redactor, 3)->placeholder, ==, "[phone 2]");
  g_assert_cmpuint (redaction (redactor, 3)->count, ==, 1);
}

static void
test_non_ascii (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *out = NULL;
  g_autofree char *glued = NULL;

  /* narrow no-break spaces, as French typography writes a number */
  out = bd_redactor_apply (redactor,
                           "Zoë a écrit à zoë.müller@exemple.fr : «06\u202F12\u202F34\u202F56\u202F78», "
                           "Телефон: +7 495 123-45-67. Apple‑ID? Apple ID：none");
  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_cmpstr (out, ==,
                   "Zoë a écrit à [e-mail 1] : «[phone 1]», "
                   "Телефон: [phone 2]. Apple‑ID? Apple ID：none");

  /* digits glued to letters of any script are an identifier */
  glued = bd_redactor_apply (redactor, "Kundennummer Ü1234567, заказ 7654321ф, 株式1234567");
  g_assert_cmpstr (glued, ==, "Kundennummer Ü1234567, заказ 7654321ф, 株式1234567");
  g_assert_cmpuint (bd_redactor_get_redactions (redactor)->len, ==, 3);
}

/* Test messages go out in the C locale's ASCII: escape what is not. */
static void
report_line (const char *file,
             guint       number,
             const char *out,
             const char *expected)
{
  g_autofree char *shown_out = g_strescape (out, NULL);
  g_autofree char *shown_expected = g_strescape (expected, NULL);

  g_test_message ("%s:%u:\n  gave \"%s\"\n  want \"%s\"", file, number, shown_out, shown_expected);
}

/* Every miss found so far, from tests/data/redact-misses.tsv. All lines
 * run before the first failure is reported, so one run shows them all. */
static void
test_data_misses (void)
{
  g_autoptr(GArray) numbers = NULL;
  g_autoptr(GPtrArray) lines = read_data_lines ("redact-misses.tsv", &numbers);
  guint n_failed = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_ptr_array_index (lines, i), "\t", 2);
      g_autofree char *input = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *out = NULL;

      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      input = unescape (fields[0]);
      expected = unescape (fields[1]);
      out = redact_once (input);
      if (g_strcmp0 (out, expected) != 0)
        {
          report_line ("redact-misses.tsv", g_array_index (numbers, guint, i), out, expected);
          n_failed++;
        }
    }
  g_assert_cmpuint (n_failed, ==, 0);
}

/* What is not personal, from tests/data/redact-untouched.txt. */
static void
test_data_untouched (void)
{
  g_autoptr(GArray) numbers = NULL;
  g_autoptr(GPtrArray) lines = read_data_lines ("redact-untouched.txt", &numbers);
  guint n_failed = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *input = unescape (g_ptr_array_index (lines, i));
      g_autofree char *out = redact_once (input);

      if (g_strcmp0 (out, input) != 0)
        {
          report_line ("redact-untouched.txt", g_array_index (numbers, guint, i), out, input);
          n_failed++;
        }
    }
  g_assert_cmpuint (n_failed, ==, 0);
}

static void
test_unchanged (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  const char *text = "The badge still shows 3 after 2 restarts.";
  g_autofree char *out = bd_redactor_apply (redactor, text);
  g_autofree char *empty = bd_redactor_apply (redactor, "");

  g_assert_cmpstr (out, ==, text);
  g_assert_true (out != text);
  g_assert_cmpstr (empty, ==, "");
  g_assert_null (bd_redactor_apply (redactor, NULL));
  g_assert_cmpuint (bd_redactor_get_redactions (redactor)->len, ==, 0);
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *out = redact_once ("bad \xff byte 555 123 4567");

  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_true (g_str_has_suffix (out, " byte [phone 1]"));
}

/* A pasted log of 20,000 characters: every number found, none left,
 * in well under the time a person waits for an export. */
static void
test_long (void)
{
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *out = NULL;
  guint n_numbers = 0;
  gint64 start;

  while (text->len < 20000)
    {
      g_string_append_printf (text, "23 Nov 2026 09:%02u:00 iOS 18.2.1 badge=%u é call 555 %03u %04u, mail u%u@example.com. ",
                              n_numbers % 60, n_numbers % 10, n_numbers % 1000, 1000 + n_numbers, n_numbers % 7);
      n_numbers++;
    }
  start = g_get_monotonic_time ();
  out = bd_redactor_apply (redactor, text->str);
  g_test_message ("%u bytes in %" G_GINT64_FORMAT " us", (guint) text->len, g_get_monotonic_time () - start);

  g_assert_cmpuint (longest_number (out), <, 7);
  g_assert_cmpuint (count_occurrences (out, "[phone "), ==, n_numbers);
  g_assert_cmpuint (count_occurrences (out, "[e-mail "), ==, n_numbers);
  g_assert_cmpuint (count_occurrences (out, "18.2.1"), ==, n_numbers);
  g_assert_cmpuint (bd_redactor_get_redactions (redactor)->len, ==, n_numbers + 7);
}

/* Inputs shaped to make a scanner go back and forth still finish. */
static void
test_long_pathological (void)
{
  const char *units[] = {
    "1-", "1.", "a@", "@a.", "Apple ID ", "( ", "12 ", "a.", "+1",
    "+1\n", "(1)\n", "1 2\n", "１–", "٠ ", "\"@", "\"a", "\\\"", "a@[1.", "a@[",
    "a at ", "a dot ", "a at b dot ", "(at) ", "[dot]", "'@", "identifiant Apple ",
    "ID de Apple ", "Apple ID (", "AppleID",
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *out = NULL;
      gint64 start;

      while (text->len < 20000)
        g_string_append (text, units[i]);
      start = g_get_monotonic_time ();
      out = redact_once (text->str);
      g_assert_nonnull (out);
      g_test_message ("unit %u: %" G_GINT64_FORMAT " us", i, g_get_monotonic_time () - start);
      /* generous for sanitizer builds; a quadratic scan takes far longer */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/redact/phone/formats", test_phone_formats);
  g_test_add_func ("/redact/phone/shapes", test_phone_shapes);
  g_test_add_func ("/redact/phone/numbering", test_phone_numbering);
  g_test_add_func ("/redact/phone/local-form", test_phone_local_form);
  g_test_add_func ("/redact/phone/not-phones", test_not_phones);
  g_test_add_func ("/redact/phone/next-to-dates", test_phone_next_to_dates);
  g_test_add_func ("/redact/email/addresses", test_email);
  g_test_add_func ("/redact/email/not-emails", test_not_emails);
  g_test_add_func ("/redact/account/names", test_account);
  g_test_add_func ("/redact/account/in-sentences", test_account_in_sentences);
  g_test_add_func ("/redact/account/email", test_account_email);
  g_test_add_func ("/redact/account/phone", test_account_phone);
  g_test_add_func ("/redact/mix", test_mix);
  g_test_add_func ("/redact/non-ascii", test_non_ascii);
  g_test_add_func ("/redact/data/misses", test_data_misses);
  g_test_add_func ("/redact/data/untouched", test_data_untouched);
  g_test_add_func ("/redact/unchanged", test_unchanged);
  g_test_add_func ("/redact/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/redact/long", test_long);
  g_test_add_func ("/redact/long-pathological", test_long_pathological);

  return g_test_run ();
}
