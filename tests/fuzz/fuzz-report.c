/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-report"

#include "bd-case-json.h"
#include "bd-report.h"
#include "fuzz.h"

#include <string.h>

/* Any bytes twice over: as free text for the redactor, and as an imported
 * case whose redacted report is made in text, HTML and JSON. Never a
 * crash or a CRITICAL; what comes out is valid UTF-8, and the JSON parses. */

static BdPack *
bundled_pack (void)
{
  static BdPack *pack;

  if (pack == NULL)
    pack = bd_pack_new_bundled (NULL);
  g_assert (pack != NULL);
  return pack;
}

static void
redact_text (const guint8 *data,
             size_t        size)
{
  g_autofree char *text = g_utf8_make_valid ((const char *) data, size);
  g_autoptr(BdRedactor) redactor = bd_redactor_new ();
  g_autofree char *once = bd_redactor_apply (redactor, text);
  g_autofree char *twice = bd_redactor_apply (redactor, text);

  g_assert (g_utf8_validate (once, -1, NULL));
  /* One report, one placeholder per thing found. */
  g_assert (strcmp (once, twice) == 0);
}

static void
report_case (BdCase *kase)
{
  BdReportOptions options = { .redact = TRUE, .second_language = "de" };
  g_autoptr(BdReport) report = bd_report_new (bundled_pack (), kase, &options);
  g_autofree char *text = bd_report_to_text (report);
  g_autofree char *html = bd_report_to_html (report);
  g_autofree char *json = bd_report_to_json (report);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert (g_utf8_validate (text, -1, NULL));
  g_assert (g_utf8_validate (html, -1, NULL));
  g_assert (json_parser_load_from_data (parser, json, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(BdCase) kase = NULL;

  redact_text (data, size);
  kase = bd_case_new_from_json (bytes, NULL, NULL);
  if (kase != NULL)
    report_case (kase);
  return 0;
}
