/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-cli"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bd-cli.h"
#include "bd-report.h"

/*
 * badge-doctor-cli report ID -o FILE: the report of one case in any
 * format, written atomically; an existing file is replaced only when the
 * person says --force.
 */

static const struct
{
  const char *name;
  BdReportField field;
} field_names[] = {
  { "label", BD_REPORT_FIELD_LABEL },
  { "ticket", BD_REPORT_FIELD_TICKET },
  { "notes", BD_REPORT_FIELD_NOTES },
  { "model", BD_REPORT_FIELD_MODEL },
  { "ios", BD_REPORT_FIELD_IOS },
  { "other-devices", BD_REPORT_FIELD_OTHER_DEVICES },
  { "apps", BD_REPORT_FIELD_APPS },
  { "low-power-mode", BD_REPORT_FIELD_LOW_POWER_MODE },
  { "messages-in-icloud", BD_REPORT_FIELD_MESSAGES_IN_ICLOUD },
  { "focus", BD_REPORT_FIELD_FOCUS },
};

/* The fields kept after --leave-out, or 0 after saying which name is
 * unknown. */
static BdReportField
fields_kept (char **left_out)
{
  BdReportField fields = BD_REPORT_FIELD_ALL;

  for (guint i = 0; left_out != NULL && left_out[i] != NULL; i++)
    {
      guint j;
      for (j = 0; j < G_N_ELEMENTS (field_names); j++)
        if (strcmp (left_out[i], field_names[j].name) == 0)
          break;
      if (j == G_N_ELEMENTS (field_names))
        return 0;
      fields &= ~field_names[j].field;
    }
  return fields;
}

/* The format named by --format, else by the file name's extension. */
static gboolean
pick_format (const char     *name,
             const char     *output,
             BdReportFormat *format)
{
  const char *dot;

  if (name != NULL)
    return bd_report_format_from_string (name, format);
  dot = strrchr (output, '.');
  if (dot == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".htm") == 0 || g_ascii_strcasecmp (dot, ".text") == 0)
    return bd_report_format_from_string (dot[1] == 'h' ? "html" : "txt", format);
  {
    g_autofree char *lower = g_ascii_strdown (dot + 1, -1);
    return bd_report_format_from_string (lower, format);
  }
}

static int
write_report (GBytes     *bytes,
              const char *output,
              gboolean    force)
{
  g_autoptr(GError) error = NULL;
  int status = bd_cli_write_output (output, bytes, force, &error);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot write the report: %s"), error->message);
      bd_cli_print_error (message);
    }
  return status;
}

typedef struct
{
  char *output;
  char *format;
  char *paper;
  char *lang;
  char *second_lang;
  char **leave_out;
  gboolean redact;
  gboolean force;
} ReportArgs;

static void
report_args_clear (ReportArgs *args)
{
  g_free (args->output);
  g_free (args->format);
  g_free (args->paper);
  g_free (args->lang);
  g_free (args->second_lang);
  g_strfreev (args->leave_out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReportArgs, report_args_clear)

/* Checks what the options say before any case is read. */
static int
check_args (ReportArgs     *args,
            BdReportFormat *format,
            BdReportPaper  *paper,
            BdReportField  *fields)
{
  if (args->output == NULL)
    return bd_cli_usage_error ("report", _("Say where to write the report with -o FILE."));
  if (!pick_format (args->format, args->output, format))
    return bd_cli_usage_error ("report", args->format != NULL
                               ? _("The format must be pdf, txt, html or json.")
                               : _("Say which format to write with --format pdf|txt|html|json."));
  *paper = bd_report_paper_for_locale ();
  if (args->paper != NULL && !bd_report_paper_from_string (args->paper, paper))
    return bd_cli_usage_error ("report", _("The paper must be a4 or letter."));
  /* a language code, never a path LANGUAGE would take apart */
  for (guint i = 0; i < 2; i++)
    {
      const char *code = i == 0 ? args->lang : args->second_lang;
      if (code != NULL && !bd_text_language_is_valid (code))
        {
          g_autofree char *shown = bd_cli_quote (code);
          g_autofree char *message = g_strdup_printf (_("%s is not a language code such as de or pt_BR."), shown);
          return bd_cli_usage_error ("report", message);
        }
    }
  if ((*fields = fields_kept (args->leave_out)) == 0)
    return bd_cli_usage_error ("report",
                               _("--leave-out takes label, ticket, notes, model, ios, other-devices, "
                                 "apps, low-power-mode, messages-in-icloud or focus."));
  return BD_CLI_OK;
}

int
bd_cli_report (int    argc,
               char **argv)
{
  g_auto(ReportArgs) args = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output, N_("Where to write the report; - for standard output"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args.format, N_("pdf, txt, html or json; by default from FILE’s extension"), N_("FORMAT") },
    { "redact", 0, 0, G_OPTION_ARG_NONE, &args.redact, N_("Replace phone numbers, e-mail addresses and Apple Account names"), NULL },
    { "leave-out", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.leave_out, N_("Leave a field out (label, ticket, notes, model, ios, other-devices, apps, low-power-mode, messages-in-icloud, focus); may be repeated"), N_("FIELD") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &args.paper, N_("Paper size of a PDF: a4 or letter; by default the locale’s"), N_("PAPER") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &args.lang, N_("Write the report in this language"), N_("LANG") },
    { "second-lang", 0, 0, G_OPTION_ARG_STRING, &args.second_lang, N_("Add each guide and step title in this language too"), N_("LANG") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &args.force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };
  g_autoptr(BdCase) kase = NULL;
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(BdReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  BdReportOptions options = { 0 };
  BdReportFormat format;
  BdReportPaper paper;
  int status;

  if (!bd_cli_parse_options ("report", _("ID -o FILE"),
                             _("Write the report of a case: what device, what symptom, what was tried "
                               "in what order and what happened."),
                             entries, &argc, &argv, 1, 1, &status))
    return status;
  if ((status = check_args (&args, &format, &paper, &options.fields)) != BD_CLI_OK)
    return status;
  /* The report's own words follow gettext; the guidance follows the pack. */
  if (args.lang != NULL)
    g_setenv ("LANGUAGE", args.lang, TRUE);
  if ((kase = bd_cli_load_case (argv[1], &id)) == NULL
      || (pack = bd_cli_load_pack_for_ios (*bd_case_get_ios (kase) ? bd_case_get_ios (kase) : "unsure")) == NULL)
    return BD_CLI_FAILED;
  options.redact = args.redact;
  options.language = args.lang;
  options.second_language = args.second_lang;
  report = bd_report_new (pack, kase, &options);
  if ((bytes = bd_report_render (report, format, paper, &error)) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot make the report: %s"), error->message);
      bd_cli_print_error (message);
      return BD_CLI_FAILED;
    }
  return write_report (bytes, args.output, args.force);
}
