/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

#include "bd-config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bd-report.h"

/* The report of a fixed case on tests/data/packs/minimal.json, made at a
 * fixed time in UTC so that the golden files never depend on the clock. */

#define T0 G_GINT64_CONSTANT (1795424400000000) /* 2026-11-23T09:00:00Z */
#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

#define PHONE "+1 555 123 4567"
#define PHONE_OTHER_FORM "(555) 123-4567"
#define EMAIL "jane.r@example.com"
#define ACCOUNT "jane.apple@icloud.com"

static BdPack *
minimal_pack (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "packs", "minimal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BdPack *pack = bd_pack_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return pack;
}

static BdCase *
fixed_case (void)
{
  BdCase *kase = bd_case_new ("test-pack", "1.0.0");

  bd_case_set_id (kase, "0b6f2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
  bd_case_set_label (kase, "Jane R.");
  bd_case_set_ticket (kase, "T-1043");
  bd_case_set_model (kase, "iPhone 15");
  bd_case_set_ios (kase, "26.1");
  bd_case_set_other_devices (kase, BD_DEVICE_IPAD);
  bd_case_set_apps (kase, BD_APP_MESSAGES | BD_APP_WHATSAPP);
  bd_case_set_other_apps (kase, "Signal");
  bd_case_set_low_power_mode (kase, BD_SWITCH_ON);
  bd_case_set_messages_in_icloud (kase, BD_SWITCH_OFF);
  bd_case_set_focus (kase, "Sleep");
  bd_case_add_symptom (kase, "stuck-one", "The badge shows 1 but every chat looks read.");
  bd_case_add_step (kase, "toggle-badges", "open-settings", "Open Settings > Notifications > Messages.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0);
  /* Worded differently in an older pack: the report keeps what was seen. */
  bd_case_add_step (kase, "toggle-badges", "turn-off", "Switch Badges off.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0 + 1 * MINUTE);
  bd_case_add_step (kase, "toggle-badges", "wait", "Wait 10 seconds.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0 + 2 * MINUTE);
  bd_case_add_step (kase, "toggle-badges", "turn-on", "Turn on Badges.",
                    BD_DEVICE_IPHONE, BD_STEP_STATE_DONE, T0 + 3 * MINUTE);
  bd_case_add_step (kase, "toggle-badges", "turn-on", "Turn on Badges.",
                    BD_DEVICE_IPAD, BD_STEP_STATE_SKIPPED, T0 + 4 * MINUTE);
  bd_case_add_outcome (kase, "toggle-badges", BD_OUTCOME_NOT_CLEARED, T0 + 5 * MINUTE);
  bd_case_set_notes (kase, "Called from " PHONE " about <b>two</b> badges & more.\n"
                           "Reply to " EMAIL "; also reachable at " PHONE_OTHER_FORM ".\n"
                           "Apple ID: " ACCOUNT);
  bd_case_set_times (kase, T0 - 10 * MINUTE, T0 + 5 * MINUTE);
  return kase;
}

static BdReport *
fixed_report (BdReportField  fields,
              gboolean       redact,
              const char    *second_language)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = fixed_case ();
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (T0 / G_USEC_PER_SEC + 3600);
  BdReportOptions options = { .fields = fields, .redact = redact, .language = "en",
                              .second_language = second_language, .now = now };

  return bd_report_new (pack, kase, &options);
}

static char *
render_string (BdReport       *report,
               BdReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bd_report_render (report, format, BD_REPORT_PAPER_A4, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

/* The PDF's text, as pdftotext reads it; pages end in a form feed. */
static char *
pdf_text (GBytes *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int fd, status;

  g_assert_nonnull (pdftotext); /* poppler-utils, installed by scripts/test */
  fd = g_file_open_tmp ("bd-report-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { pdftotext, "-layout", path, "-", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  return g_steal_pointer (&out);
}

static char *
render_pdf_text (BdReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = bd_report_to_pdf (report, BD_REPORT_PAPER_A4, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  return pdf_text (pdf);
}

/* Golden files hold @VERSION@ where the app's version goes. Run with
 * BD_REGENERATE_GOLDEN=1 to write them again, then read the diff. */
static void
assert_golden (const char *actual,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reports", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) filled = NULL;

  if (g_getenv ("BD_REGENERATE_GOLDEN") != NULL)
    {
      g_autoptr(GString) template = g_string_new (actual);
      g_string_replace (template, PACKAGE_VERSION, "@VERSION@", 0);
      g_file_set_contents (path, template->str, -1, &error);
      g_assert_no_error (error);
    }
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  filled = g_string_new (expected);
  g_string_replace (filled, "@VERSION@", PACKAGE_VERSION, 0);
  g_assert_cmpstr (actual, ==, filled->str);
}

static void
test_golden_text (void)
{
  g_autoptr(BdReport) report = fixed_report (0, FALSE, NULL);
  g_autofree char *text = render_string (report, BD_REPORT_FORMAT_TEXT);

  assert_golden (text, "fixed.txt");
}

static void
test_golden_json (void)
{
  g_autoptr(BdReport) report = fixed_report (0, FALSE, NULL);
  g_autofree char *json = render_string (report, BD_REPORT_FORMAT_JSON);

  assert_golden (json, "fixed.json");
}

/* Every optional part of the JSON at once: escalated (with the resets
 * tried), redacted, with a second language. */
static void
test_golden_json_escalated (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = fixed_case ();
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (T0 / G_USEC_PER_SEC + 3600);
  BdReportOptions options = { .redact = TRUE, .language = "en", .second_language = "de", .now = now };
  g_autoptr(BdReport) report = NULL;
  g_autofree char *json = NULL;

  bd_case_add_step (kase, "reset-settings", "reset", "Tap Reset All Settings.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0 + 20 * MINUTE);
  bd_case_add_outcome (kase, "reset-settings", BD_OUTCOME_NOT_CLEARED, T0 + 30 * MINUTE);
  bd_case_set_status (kase, BD_CASE_STATUS_ESCALATED);
  report = bd_report_new (pack, kase, &options);
  json = bd_report_to_json (report);

  assert_golden (json, "fixed-escalated.json");
}

static void
test_golden_redacted (void)
{
  g_autoptr(BdReport) report = fixed_report (0, TRUE, NULL);
  g_autofree char *text = render_string (report, BD_REPORT_FORMAT_TEXT);

  assert_golden (text, "fixed-redacted.txt");
}

static void
assert_fits_80_columns (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_utf8_strlen (lines[i], -1) > 80)
      g_error ("line %u is %ld characters long: %s", i + 1, g_utf8_strlen (lines[i], -1), lines[i]);
}

static void
test_text_80_columns (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = fixed_case ();
  g_autoptr(BdReport) report = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) notes = g_string_new ("See https://example.com/");

  for (guint i = 0; i < 120; i++)
    g_string_append (notes, "a-very-long-address-segment/");
  g_string_append (notes, "\nAnd then a long paragraph of ordinary words that goes on and on, ");
  for (guint i = 0; i < 40; i++)
    g_string_append (notes, "Übergrößenträger wörter ");
  bd_case_set_notes (kase, notes->str);
  bd_case_set_label (kase, "A customer label long enough to need a second line in the header of the report");
  report = bd_report_new (pack, kase, NULL);
  text = bd_report_to_text (report);

  assert_fits_80_columns (text);
  /* Nothing was lost in the wrapping: the long word is all there. */
  {
    g_autoptr(GString) joined = g_string_new (text);
    g_string_replace (joined, "\n", "", 0);
    g_assert_nonnull (strstr (joined->str, "a-very-long-address-segment/a-very-long-address-segment/"));
  }
}

static void
test_html_escapes (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = fixed_case ();
  g_autoptr(BdReport) report = NULL;
  g_autofree char *html = NULL;

  bd_case_set_notes (kase, "<script>alert(1)</script> & <img src=x onerror=y> \"quoted\"");
  bd_case_set_label (kase, "<i>Jane</i>");
  report = bd_report_new (pack, kase, NULL);
  html = bd_report_to_html (report);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<i>Jane"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img"));
  g_assert_nonnull (strstr (html, "&lt;i&gt;Jane&lt;/i&gt;"));
  /* Self-contained: no file or address is fetched to show it. */
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "url("));
  g_assert_null (strstr (html, "<script src"));
  g_assert_nonnull (strstr (html, "@media print"));
}

static void
assert_no_personal_data (const char *text,
                         const char *format)
{
  static const char * const found[] = { "555", "123 4567", "123-4567", "jane.r", "example.com",
                                        "jane.apple", "icloud.com" };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    if (strstr (text, found[i]) != NULL)
      g_error ("the %s report still holds “%s”", format, found[i]);
  g_assert_nonnull (strstr (text, "[phone 1]"));
  g_assert_nonnull (strstr (text, "[e-mail 1]"));
  g_assert_nonnull (strstr (text, "[Apple Account 1]"));
  /* One number written two ways is one placeholder. */
  g_assert_null (strstr (text, "[phone 2]"));
}

static void
test_redaction_every_format (void)
{
  g_autoptr(BdReport) report = fixed_report (0, TRUE, NULL);
  g_autofree char *text = render_string (report, BD_REPORT_FORMAT_TEXT);
  g_autofree char *html = render_string (report, BD_REPORT_FORMAT_HTML);
  g_autofree char *json = render_string (report, BD_REPORT_FORMAT_JSON);
  g_autofree char *pdf = render_pdf_text (report);
  g_autofree char *summary = bd_report_dup_redaction_summary (report);

  assert_no_personal_data (text, "text");
  assert_no_personal_data (html, "HTML");
  assert_no_personal_data (json, "JSON");
  assert_no_personal_data (pdf, "PDF");
  /* The person sees what went, before it goes. */
  g_assert_cmpuint (bd_report_get_n_redactions (report), ==, 3);
  g_assert_nonnull (strstr (summary, PHONE));
  g_assert_nonnull (strstr (summary, EMAIL));
  g_assert_nonnull (strstr (summary, ACCOUNT));
}

static void
test_left_out_fields (void)
{
  BdReportField fields = BD_REPORT_FIELD_ALL & ~(BD_REPORT_FIELD_LABEL | BD_REPORT_FIELD_TICKET |
                                                 BD_REPORT_FIELD_NOTES | BD_REPORT_FIELD_MODEL);
  g_autoptr(BdReport) report = fixed_report (fields, FALSE, NULL);
  BdReportFormat formats[] = { BD_REPORT_FORMAT_TEXT, BD_REPORT_FORMAT_HTML, BD_REPORT_FORMAT_JSON };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = render_string (report, formats[i]);
      g_assert_null (strstr (out, "Jane R."));
      g_assert_null (strstr (out, "T-1043"));
      g_assert_null (strstr (out, "Called from"));
      g_assert_null (strstr (out, "iPhone 15"));
      /* What was kept is still there. */
      g_assert_nonnull (strstr (out, "26.1"));
      g_assert_nonnull (strstr (out, "Signal"));
    }
  {
    g_autofree char *pdf = render_pdf_text (report);
    g_assert_null (strstr (pdf, "Jane R."));
    g_assert_null (strstr (pdf, "Called from"));
    g_assert_nonnull (strstr (pdf, "Signal"));
  }
}

static void
test_seen_text_and_second_language (void)
{
  g_autoptr(BdReport) report = fixed_report (0, FALSE, "de");
  g_autofree char *text = render_string (report, BD_REPORT_FORMAT_TEXT);
  g_autofree char *json = render_string (report, BD_REPORT_FORMAT_JSON);

  /* The pack now says "Turn off Badges."; the person saw this. */
  g_assert_nonnull (strstr (text, "Switch Badges off."));
  g_assert_null (strstr (text, "Turn off Badges."));
  /* The guide and step titles in German for the next support tier. */
  g_assert_nonnull (strstr (text, "(Kennzeichen aus- und wieder einschalten)"));
  g_assert_nonnull (strstr (text, "(Öffne Einstellungen > Mitteilungen > Nachrichten.)"));
  g_assert_nonnull (strstr (json, "\"second_language\" : \"de\""));
  g_assert_nonnull (strstr (json, "\"title_second\" : \"Kennzeichen aus- und wieder einschalten\""));
}

static void
test_resolved (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = fixed_case ();
  g_autoptr(BdReport) report = NULL;
  g_autofree char *text = NULL, *json = NULL;

  bd_case_add_step (kase, "reset-settings", "reset", "Tap Reset All Settings.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0 + 20 * MINUTE);
  bd_case_add_outcome (kase, "reset-settings", BD_OUTCOME_CLEARED, T0 + 30 * MINUTE);
  bd_case_set_resolved_by (kase, "reset-settings");
  bd_case_set_status (kase, BD_CASE_STATUS_RESOLVED);
  report = bd_report_new (pack, kase, NULL);
  text = bd_report_to_text (report);
  json = bd_report_to_json (report);

  g_assert_nonnull (strstr (text, "Cleared by:"));
  g_assert_nonnull (strstr (text, "Reset all settings"));
  g_assert_null (strstr (text, "Not resolved."));
  g_assert_null (strstr (text, "Not Tried Yet"));
  g_assert_nonnull (strstr (json, "\"resolved_by\" : {"));
  /* In the order tried: the toggle came before the reset. */
  g_assert_true (strstr (text, "Turn badges off and on again") < strstr (text, "Tap Reset All Settings."));
}

static void
test_escalated_checklist (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = bd_pack_new_bundled (&error);
  g_autoptr(BdCase) kase = bd_case_new (bd_pack_get_id (pack), bd_pack_get_version (pack));
  g_autoptr(BdReport) report = NULL;
  g_autofree char *text = NULL, *json = NULL;

  g_assert_no_error (error);
  bd_case_add_symptom (kase, "badge-one-all-read", "The badge shows 1.");
  bd_case_add_step (kase, "escalation-record", "start-recording", "Start a screen recording.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0);
  bd_case_set_status (kase, BD_CASE_STATUS_ESCALATED);
  report = bd_report_new (pack, kase, NULL);
  text = bd_report_to_text (report);
  json = bd_report_to_json (report);

  g_assert_nonnull (strstr (text, "For Apple Support"));
  g_assert_nonnull (strstr (text, "Start a screen recording from Control Center. (Done)"));
  g_assert_nonnull (strstr (text, "Note whether beta updates are turned on. (Not done)"));
  g_assert_nonnull (strstr (text, "Resets done:"));
  g_assert_nonnull (strstr (json, "\"escalation\" : {"));
}

static void
test_long_case_pdf (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = fixed_case ();
  g_autoptr(BdReport) report = NULL;
  g_autofree char *pdf = NULL;
  const char *at;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *step = g_strdup_printf ("Step number %03u, checked with care on the phone.", i);
      g_autofree char *id = g_strdup_printf ("step-%03u", i);

      /* 300 different steps: one step ticked 300 times is listed once */
      bd_case_add_step (kase, "toggle-badges", id, step, BD_DEVICE_NONE,
                        BD_STEP_STATE_DONE, T0 + (10 + i) * MINUTE);
    }
  report = bd_report_new (pack, kase, NULL);
  pdf = render_pdf_text (report);

  g_assert_nonnull (strstr (pdf, "\f"));
  g_assert_nonnull (strstr (pdf, "Page 2 of"));
  at = pdf;
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *step = g_strdup_printf ("Step number %03u,", i);
      at = strstr (at, step);
      if (at == NULL)
        g_error ("step %u is missing from the PDF or out of order", i);
    }
}

static guint
count_in (const char *haystack,
          const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* Issue 14, point 11: a step ticked, unticked and ticked again is listed
 * once, with its final state, the time of that and how often it changed;
 * the JSON keeps every change. */
static void
test_final_state_once (void)
{
  g_autoptr(BdPack) pack = minimal_pack ();
  g_autoptr(BdCase) kase = bd_case_new ("test-pack", "1.0.0");
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (T0 / G_USEC_PER_SEC + 3600);
  BdReportOptions options = { .language = "en", .now = now };
  g_autoptr(BdReport) report = NULL;
  g_autofree char *text = NULL, *html = NULL, *json = NULL, *pdf = NULL;

  bd_case_set_id (kase, "0b6f2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
  bd_case_add_symptom (kase, "stuck-one", "The badge shows 1 but every chat looks read.");
  bd_case_add_step (kase, "toggle-badges", "open-settings", "Open Settings > Notifications > Messages.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0);
  bd_case_add_step (kase, "toggle-badges", "open-settings", "Open Settings > Notifications > Messages.",
                    BD_DEVICE_NONE, BD_STEP_STATE_PENDING, T0 + 1 * MINUTE);
  bd_case_add_step (kase, "toggle-badges", "turn-off", "Switch Badges off.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0 + 2 * MINUTE);
  bd_case_add_step (kase, "toggle-badges", "open-settings", "Open Settings > Notifications > Messages.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0 + 12 * MINUTE);
  /* ticked and taken back: not done in the end */
  bd_case_add_step (kase, "toggle-badges", "wait", "Wait 10 seconds.",
                    BD_DEVICE_NONE, BD_STEP_STATE_DONE, T0 + 13 * MINUTE);
  bd_case_add_step (kase, "toggle-badges", "wait", "Wait 10 seconds.",
                    BD_DEVICE_NONE, BD_STEP_STATE_PENDING, T0 + 14 * MINUTE);
  /* one step on two devices is two things done */
  bd_case_add_step (kase, "toggle-badges", "turn-on", "Turn on Badges.",
                    BD_DEVICE_IPHONE, BD_STEP_STATE_DONE, T0 + 15 * MINUTE);
  bd_case_add_step (kase, "toggle-badges", "turn-on", "Turn on Badges.",
                    BD_DEVICE_IPAD, BD_STEP_STATE_DONE, T0 + 16 * MINUTE);
  bd_case_set_times (kase, T0 - 10 * MINUTE, T0 + 16 * MINUTE);
  report = bd_report_new (pack, kase, &options);
  text = render_string (report, BD_REPORT_FORMAT_TEXT);
  html = render_string (report, BD_REPORT_FORMAT_HTML);
  json = render_string (report, BD_REPORT_FORMAT_JSON);
  pdf = render_pdf_text (report);

  g_assert_cmpuint (count_in (text, "Open Settings > Notifications > Messages."), ==, 1);
  g_assert_cmpuint (count_in (html, "Open Settings &gt; Notifications &gt; Messages."), ==, 1);
  g_assert_cmpuint (count_in (pdf, "Open Settings > Notifications > Messages."), ==, 1);
  g_assert_cmpuint (count_in (text, "Wait 10 seconds."), ==, 1);
  g_assert_cmpuint (count_in (text, "Turn on Badges."), ==, 2);
  g_assert_null (strstr (text, "Unticked"));
  g_assert_null (strstr (pdf, "Unticked"));
  /* the final state, when it was set, and the count */
  g_assert_nonnull (strstr (text, "23 Nov 09:12  Open Settings > Notifications > Messages."));
  g_assert_null (strstr (text, "23 Nov 09:00"));
  g_assert_nonnull (strstr (text, "→ Done, changed 3 times"));
  g_assert_nonnull (strstr (html, "Done, changed 3 times"));
  g_assert_nonnull (strstr (pdf, "changed 3 times"));
  g_assert_nonnull (strstr (text, "→ Not done, changed 2 times"));
  g_assert_cmpuint (count_in (text, "changed"), ==, 2);
  /* in the order the final states were set */
  g_assert_true (strstr (text, "Switch Badges off.") < strstr (text, "Open Settings >"));
  /* every change stays in the JSON */
  g_assert_cmpuint (count_in (json, "\"open-settings\""), ==, 3);
  g_assert_cmpuint (count_in (json, "\"wait\""), ==, 2);
}

static void
render_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = bd_report_render_finish (BD_REPORT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async_same_as_sync (void)
{
  g_autoptr(BdReport) report = fixed_report (0, TRUE, NULL);
  g_autofree char *text = bd_report_to_text (report);
  g_autoptr(GBytes) bytes = NULL;

  bd_report_render_async (report, BD_REPORT_FORMAT_TEXT, BD_REPORT_PAPER_A4, NULL, render_done, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text, strlen (text));
}

static void
test_names (void)
{
  BdReportFormat format;
  BdReportPaper paper;

  g_assert_true (bd_report_format_from_string ("pdf", &format));
  g_assert_cmpint (format, ==, BD_REPORT_FORMAT_PDF);
  g_assert_true (bd_report_format_from_string ("txt", &format));
  g_assert_cmpint (format, ==, BD_REPORT_FORMAT_TEXT);
  g_assert_false (bd_report_format_from_string ("docx", &format));
  g_assert_cmpstr (bd_report_format_to_extension (BD_REPORT_FORMAT_HTML), ==, "html");
  g_assert_true (bd_report_paper_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, BD_REPORT_PAPER_LETTER);
  g_assert_false (bd_report_paper_from_string ("A5", &paper));
  /* The tests run in C.UTF-8, whose paper is A4. */
  g_assert_cmpint (bd_report_paper_for_locale (), ==, BD_REPORT_PAPER_A4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/golden-text", test_golden_text);
  g_test_add_func ("/report/golden-json", test_golden_json);
  g_test_add_func ("/report/golden-redacted", test_golden_redacted);
  g_test_add_func ("/report/golden-json-escalated", test_golden_json_escalated);
  g_test_add_func ("/report/text-80-columns", test_text_80_columns);
  g_test_add_func ("/report/html-escapes", test_html_escapes);
  g_test_add_func ("/report/redaction-every-format", test_redaction_every_format);
  g_test_add_func ("/report/left-out-fields", test_left_out_fields);
  g_test_add_func ("/report/seen-text-second-language", test_seen_text_and_second_language);
  g_test_add_func ("/report/resolved", test_resolved);
  g_test_add_func ("/report/escalated-checklist", test_escalated_checklist);
  g_test_add_func ("/report/long-case-pdf", test_long_case_pdf);
  g_test_add_func ("/report/final-state-once", test_final_state_once);
  g_test_add_func ("/report/async", test_async_same_as_sync);
  g_test_add_func ("/report/names", test_names);
  return g_test_run ();
}
