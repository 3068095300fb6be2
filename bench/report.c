/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-report"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bd-case-json.h"
#include "bd-file.h"
#include "bd-report.h"
#include "bench-stats.h"

/*
 * What a report costs for a long case: a 300-step case on the bundled pack,
 * written as a PDF and as plain text, each as a ratio to writing the same
 * case's JSON export (the cheapest thing Badge Doctor writes of a case).
 * Rounds alternate between the three so that the machine's drift falls on
 * all of them alike. Also the part the app does on the main thread when a
 * choice in the report dialog changes (gather the report, lay out the
 * text preview), against one 16 ms frame. Reported, never judged.
 */

#define N_STEPS 300
#define ROUNDS 21
#define FRAME_MS 16.0

/* 300 step changes over the plan's guides, a few per device, some taken
 * back, and answers after each guide, as a long help-desk case has. */
static BdCase *
long_case (BdPack *pack)
{
  BdCase *kase = bd_case_new (bd_pack_get_id (pack), bd_pack_get_version (pack));
  GListModel *guides = bd_pack_get_guides (pack);
  gint64 time = G_GINT64_CONSTANT (1795424400) * G_USEC_PER_SEC;
  guint n = 0;

  bd_case_set_label (kase, "Jane R.");
  bd_case_set_notes (kase, "Called from +1 555 123 4567; write to jane.r@example.com.");
  bd_case_add_symptom (kase, "badge-one-all-read", "The badge shows 1 but every chat is read.");
  for (guint g = 0; n < N_STEPS; g = (g + 1) % g_list_model_get_n_items (guides))
    {
      g_autoptr(BdGuide) guide = g_list_model_get_item (guides, g);
      for (guint s = 0; s < bd_guide_get_n_steps (guide) && n < N_STEPS; s++, n++)
        {
          BdStep *step = bd_guide_get_step (guide, s);
          BdDevice device = bd_step_get_per_device (step) ? BD_DEVICE_IPHONE : BD_DEVICE_NONE;
          bd_case_add_step (kase, bd_guide_get_id (guide), bd_step_get_id (step),
                            bd_text_get (bd_step_get_text (step)), device,
                            n % 17 == 0 ? BD_STEP_STATE_PENDING : BD_STEP_STATE_DONE, time += 40 * G_USEC_PER_SEC);
        }
      bd_case_add_outcome (kase, bd_guide_get_id (guide), BD_OUTCOME_NOT_CLEARED, time += 60 * G_USEC_PER_SEC);
    }
  return kase;
}

static void
write_or_die (const char *path,
              GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  if (!bd_file_write_atomic (path, bytes, TRUE, &error))
    g_error ("%s", error->message);
}

static gint64
time_json (BdCase     *kase,
           const char *path)
{
  gint64 start = g_get_monotonic_time ();
  char *text = bd_case_to_json (kase);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  write_or_die (path, bytes);
  return g_get_monotonic_time () - start;
}

static gint64
time_report (BdPack         *pack,
             BdCase         *kase,
             BdReportFormat  format,
             const char     *path)
{
  gint64 start = g_get_monotonic_time ();
  BdReportOptions options = { .redact = TRUE };
  g_autoptr(BdReport) report = bd_report_new (pack, kase, &options);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bd_report_render (report, format, BD_REPORT_PAPER_A4, &error);

  if (bytes == NULL)
    g_error ("%s", error->message);
  write_or_die (path, bytes);
  return g_get_monotonic_time () - start;
}

static gint64
time_preview (BdPack *pack,
              BdCase *kase)
{
  gint64 start = g_get_monotonic_time ();
  BdReportOptions options = { .redact = TRUE };
  g_autoptr(BdReport) report = bd_report_new (pack, kase, &options);
  g_autofree char *text = bd_report_to_text (report);

  g_assert (strlen (text) > 0);
  return g_get_monotonic_time () - start;
}

static void
append (GArray *samples,
        gint64  value)
{
  g_array_append_val (samples, value);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(BdCase) kase = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bd-bench-report-XXXXXX", &error);
  g_autofree char *json_path = NULL, *text_path = NULL, *pdf_path = NULL;
  g_autoptr(GArray) json = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) text = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) pdf = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) preview = g_array_new (FALSE, FALSE, sizeof (gint64));
  double json_ms;

  setlocale (LC_ALL, "");
  g_assert_no_error (error);
  pack = bd_pack_new_bundled (&error);
  g_assert_no_error (error);
  kase = long_case (pack);
  json_path = g_build_filename (dir, "case.json", NULL);
  text_path = g_build_filename (dir, "report.txt", NULL);
  pdf_path = g_build_filename (dir, "report.pdf", NULL);
  /* one round to warm the font caches and the pack's first lookups */
  time_report (pack, kase, BD_REPORT_FORMAT_PDF, pdf_path);
  for (guint i = 0; i < ROUNDS; i++)
    {
      append (json, time_json (kase, json_path));
      append (text, time_report (pack, kase, BD_REPORT_FORMAT_TEXT, text_path));
      append (pdf, time_report (pack, kase, BD_REPORT_FORMAT_PDF, pdf_path));
      append (preview, time_preview (pack, kase));
    }
  json_ms = bench_percentile_ms (json, 500);
  g_print ("report of a %u-step case, %u rounds, medians:\n", N_STEPS, ROUNDS);
  g_print ("  JSON export (baseline)   %8.2f ms\n", json_ms);
  g_print ("  text report              %8.2f ms   ratio %.2f\n", bench_percentile_ms (text, 500),
           bench_percentile_ms (text, 500) / json_ms);
  g_print ("  PDF report               %8.2f ms   ratio %.2f\n", bench_percentile_ms (pdf, 500),
           bench_percentile_ms (pdf, 500) / json_ms);
  g_print ("main thread, report dialog preview: median %.2f ms, p99 %.2f ms (%s one %.0f ms frame)\n",
           bench_percentile_ms (preview, 500), bench_percentile_ms (preview, 990),
           bench_percentile_ms (preview, 990) <= FRAME_MS ? "inside" : "OVER", FRAME_MS);
  g_unlink (json_path);
  g_unlink (text_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
  return 0;
}
