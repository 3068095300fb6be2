/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-cli"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "bd-cli.h"
#include "bd-error.h"
#include "bd-file.h"
#include "bd-guidance-cache.h"
#include "bd-json-write.h"
#include "bd-pack.h"

/*
 * badge-doctor-cli: the command-line face of the core. Data goes to
 * stdout, messages to stderr in the user's language; exit 0 on success,
 * 1 when the task failed, 2 on a usage error.
 */

void
bd_cli_print_error (const char *message)
{
  g_printerr ("badge-doctor-cli: %s\n", message);
}

int
bd_cli_usage_error (const char *command,
             const char *message)
{
  g_autofree char *hint = g_strdup_printf ("badge-doctor-cli %s --help", command);

  bd_cli_print_error (message);
  /* TRANSLATORS: %s is a command such as "badge-doctor-cli plan --help" */
  g_printerr (_("Try “%s” for more information.\n"), hint);
  return BD_CLI_USAGE;
}

/* Parses the options of one subcommand. On failure prints the problem and
 * returns FALSE; *status then holds the exit code. */
gboolean
bd_cli_parse_options (const char   *command,
               const char   *parameters,
               const char   *summary,
               GOptionEntry *entries,
               int          *argc,
               char       ***argv,
               int           min_args,
               int           max_args,
               int          *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("badge-doctor-cli %s", command);
  int n_args;

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = bd_cli_usage_error (command, error->message);
      return FALSE;
    }
  n_args = *argc - 1;
  if (n_args < min_args || n_args > max_args)
    {
      *status = bd_cli_usage_error (command, n_args < min_args ? _("Missing argument.")
                                                        : _("Too many arguments."));
      return FALSE;
    }
  return TRUE;
}

/**
 * bd_cli_write_output:
 * @output: (nullable): a file, or "-" or %NULL for standard output
 * @error: set for a failure the caller words itself
 *
 * Writes @bytes to @output through a temporary file renamed into place: a
 * failed write leaves nothing, and a file that is there stays unless
 * @force. An existing file is said here; any other failure is left in
 * @error.
 *
 * Returns: %BD_CLI_OK or %BD_CLI_FAILED
 */
int
bd_cli_write_output (const char  *output,
                     GBytes      *bytes,
                     gboolean     force,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  gsize size = 0;
  const void *data = g_bytes_get_data (bytes, &size);

  if (output == NULL || strcmp (output, "-") == 0)
    return fwrite (data, 1, size, stdout) == size && fflush (stdout) == 0 ? BD_CLI_OK : BD_CLI_FAILED;
  if (bd_file_write_atomic (output, bytes, force, &local_error))
    return BD_CLI_OK;
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return BD_CLI_FAILED;
    }
  message = g_strdup_printf (_("%s already exists; add --force to replace it."), output);
  bd_cli_print_error (message);
  return BD_CLI_FAILED;
}

/* The guidance in use: the verified cache when it is newer than the
 * bundled pack, which is the floor. A cache that fails is set aside. */
BdPack *
bd_cli_load_pack (void)
{
  return bd_cli_load_pack_with_keys (NULL);
}

/* “text”, with the control characters of untrusted text made visible
 * (\x1b, \u009b): a message never passes an escape to the terminal. */
char *
bd_cli_quote (const char *text)
{
  g_autofree char *escaped = bd_text_escape_controls (text);

  return g_strdup_printf ("“%s”", escaped);
}

/* Stored text shown as it is, but for control characters a store made
 * before they were refused may hold; newlines stay. */
char *
bd_cli_shown (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *escaped = bd_text_escape_controls (lines[i]);
      g_free (lines[i]);
      lines[i] = escaped;
    }
  return g_strjoinv ("\n", lines);
}

/* --ios: a version such as 17.5, or "unsure". */
gboolean
bd_cli_ios_is_valid (const char *ios)
{
  int version = 0;

  return strcmp (ios, "unsure") == 0 || bd_os_version_read (ios, &version);
}

/* The guidance with the words for iOS @ios (NULL: the newest it covers;
 * "unsure": the newest with the older beside them). Says so when the
 * guidance was not written for that version. */
BdPack *
bd_cli_load_pack_for_ios (const char *ios)
{
  g_autoptr(BdPack) pack = bd_cli_load_pack ();
  int version = 0;

  if (pack == NULL || ios == NULL)
    return g_steal_pointer (&pack);
  if (bd_os_version_read (ios, &version) && !bd_pack_covers_ios (pack, version))
    {
      g_autofree char *coverage = bd_pack_describe_coverage (pack);
      g_autofree char *message = g_strdup_printf (
        /* TRANSLATORS: %s is "iOS 16 to 26.1; macOS 15 to 26.1 (3 guides)" */
        _("This guidance was written for %s; on another iOS version a setting may be somewhere else."),
        coverage != NULL ? coverage : "?");
      bd_cli_print_error (message);
    }
  return bd_pack_resolve (pack, ios);
}

/* ... trusting @extra_keys (--key) too. */
BdPack *
bd_cli_load_pack_with_keys (char **extra_keys)
{
  g_autoptr(GPtrArray) keys = bd_cli_trusted_keys (extra_keys);
  g_autofree char *cache_dir = bd_guidance_cache_default_dir ();
  g_autoptr(GError) error = NULL;
  BdPack *pack;

  if (keys == NULL)
    return NULL;
  pack = bd_guidance_load_current (cache_dir, keys, &error);
  /* Guidance signed with a key not trusted here is left alone, quietly;
   * damaged guidance has been set aside, and that is worth saying. */
  if (error != NULL && strstr (error->message, "unknown key") == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The downloaded guidance was not used: %s"), error->message);
      bd_cli_print_error (message);
    }
  return pack;
}

void
bd_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = bd_json_to_text (root);

  g_print ("%s", text);
}

static void
add_text (JsonBuilder *builder,
          const char  *name,
          BdText      *text)
{
  if (text != NULL)
    bd_json_add_string (builder, name, bd_text_get (text));
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* Tabs and newlines inside a field would break a TSV line. */
char *
bd_cli_tsv_field (const char *text)
{
  char *field = g_strdup (text);
  char *shown;

  g_strdelimit (field, "\t\n\r", ' ');
  /* and any other control character made visible, not obeyed */
  shown = bd_text_escape_controls (field);
  g_free (field);
  return shown;
}

/* --- validate -------------------------------------------------------- */

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = NULL;
  int status;

  if (!bd_cli_parse_options ("validate", _("FILE"),
                      _("Check a guidance pack and print one line per problem: PATH: MESSAGE."),
                      NULL, &argc, &argv, 1, 1, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[1]);
  pack = bd_pack_new_from_file (file, &problems, &error);
  if (pack != NULL)
    {
      g_print (_("%s: valid guidance pack “%s”, version %s\n"), argv[1],
               bd_pack_get_id (pack), bd_pack_get_version (pack));
      return BD_CLI_OK;
    }
  if (problems == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot read %s: %s"), argv[1], error->message);
      bd_cli_print_error (message);
      return BD_CLI_FAILED;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      BdProblem *problem = g_ptr_array_index (problems, i);
      g_print ("%s: %s\n", problem->path, problem->message);
    }
  return BD_CLI_FAILED;
}

/* --- pack ------------------------------------------------------------ */

/* "en, de 100 %, fr 80 %": each language and how far it goes. */
static char *
list_languages (BdPack *pack)
{
  const char * const *languages = bd_pack_get_languages (pack);
  GString *list = g_string_new (NULL);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      int percent = bd_pack_get_completeness (pack, languages[i]);
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, languages[i]);
      if (percent >= 0 && !g_str_equal (languages[i], "en"))
        g_string_append_printf (list, " %d %%", percent);
    }
  return g_string_free (list, FALSE);
}

static void
add_completeness (JsonBuilder *builder,
                  BdPack      *pack)
{
  const char * const *languages = bd_pack_get_languages (pack);

  json_builder_set_member_name (builder, "completeness");
  json_builder_begin_object (builder);
  for (guint i = 0; languages[i] != NULL; i++)
    if (bd_pack_get_completeness (pack, languages[i]) >= 0)
      {
        json_builder_set_member_name (builder, languages[i]);
        json_builder_add_int_value (builder, bd_pack_get_completeness (pack, languages[i]));
      }
  json_builder_end_object (builder);
}

/* "coverage": what each platform's steps were checked for. */
static void
add_coverage (JsonBuilder *builder,
              BdPack      *pack)
{
  guint n = 0;
  const BdCoverage *coverage = bd_pack_get_coverage (pack, &n);

  json_builder_set_member_name (builder, "coverage");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *from = bd_os_version_to_string (coverage[i].from);
      g_autofree char *to = bd_os_version_to_string (coverage[i].to);

      json_builder_begin_object (builder);
      bd_json_add_string (builder, "platform", coverage[i].platform);
      bd_json_add_string (builder, "from", from);
      bd_json_add_string (builder, "to", to);
      json_builder_set_member_name (builder, "guides");
      json_builder_add_int_value (builder, coverage[i].n_guides);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static int
cmd_pack (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) keys = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &keys, N_("Also trust this minisign public key (a file or its base64 line); may be repeated"), N_("KEY") },
    { NULL }
  };
  g_autoptr(BdPack) pack = NULL;
  g_autofree char *published = NULL;
  int status;

  if (bd_cli_pack_po (argc, argv, &status))
    return status;
  if (!bd_cli_parse_options ("pack", "", _("Show the guidance pack in use and where it came from."),
                      entries, &argc, &argv, 0, 0, &status))
    return status;
  if ((pack = bd_cli_load_pack_with_keys (keys)) == NULL)
    return BD_CLI_FAILED;

  published = g_date_time_format_iso8601 (bd_pack_get_published (pack));
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      bd_json_add_string (builder, "id", bd_pack_get_id (pack));
      bd_json_add_string (builder, "version", bd_pack_get_version (pack));
      bd_json_add_string (builder, "published", published);
      bd_json_add_string (builder, "source", bd_pack_source_to_string (bd_pack_get_source (pack)));
      add_strv (builder, "languages", bd_pack_get_languages (pack));
      add_completeness (builder, pack);
      add_coverage (builder, pack);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
      return BD_CLI_OK;
    }
  {
    g_autofree char *languages = list_languages (pack);
    g_autofree char *coverage = bd_pack_describe_coverage (pack);
    g_print ("%-12s %s\n", _("Id:"), bd_pack_get_id (pack));
    g_print ("%-12s %s\n", _("Version:"), bd_pack_get_version (pack));
    g_print ("%-12s %s\n", _("Published:"), published);
    g_print ("%-12s %s\n", _("Source:"), bd_pack_source_to_string (bd_pack_get_source (pack)));
    g_print ("%-12s %s\n", _("Languages:"), languages);
    if (coverage != NULL)
      /* TRANSLATORS: followed by "iOS 16 to 26.1; macOS 15 to 26.1 (3 guides)" */
      g_print ("%-12s %s\n", _("Written for:"), coverage);
  }
  return BD_CLI_OK;
}

/* --- symptoms -------------------------------------------------------- */

static const char *
first_fix_title (BdPack    *pack,
                 BdSymptom *symptom)
{
  BdGuide *guide = bd_pack_lookup_guide (pack, bd_symptom_get_first_fix (symptom));

  return bd_text_get (bd_guide_get_title (guide));
}

static void
symptom_to_json (JsonBuilder *builder,
                 BdPack      *pack,
                 BdSymptom   *symptom)
{
  json_builder_begin_object (builder);
  bd_json_add_string (builder, "id", bd_symptom_get_id (symptom));
  add_text (builder, "text", bd_symptom_get_text (symptom));
  add_text (builder, "cause", bd_symptom_get_cause (symptom));
  json_builder_set_member_name (builder, "first_fix");
  json_builder_begin_object (builder);
  bd_json_add_string (builder, "id", bd_symptom_get_first_fix (symptom));
  bd_json_add_string (builder, "title", first_fix_title (pack, symptom));
  json_builder_end_object (builder);
  add_strv (builder, "plan", bd_symptom_get_plan (symptom));
  json_builder_end_object (builder);
}

static int
cmd_symptoms (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *symptoms;
  int status;

  if (!bd_cli_parse_options ("symptoms", "",
                      _("List the quick-fix matrix: ID, symptom, likely cause and first fix, "
                        "separated by tabs."),
                      entries, &argc, &argv, 0, 0, &status))
    return status;
  if ((pack = bd_cli_load_pack ()) == NULL)
    return BD_CLI_FAILED;

  symptoms = bd_pack_get_symptoms (pack);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (symptoms); i++)
    {
      g_autoptr(BdSymptom) symptom = g_list_model_get_item (symptoms, i);
      g_autofree char *text = bd_cli_tsv_field (bd_text_get (bd_symptom_get_text (symptom)));
      g_autofree char *cause = bd_cli_tsv_field (bd_text_get (bd_symptom_get_cause (symptom)));
      g_autofree char *fix = bd_cli_tsv_field (first_fix_title (pack, symptom));

      if (json)
        symptom_to_json (builder, pack, symptom);
      else
        g_print ("%s\t%s\t%s\t%s\n", bd_symptom_get_id (symptom), text, cause, fix);
    }
  json_builder_end_array (builder);
  if (json)
    bd_cli_print_json (builder);
  return BD_CLI_OK;
}

/* --- plan ------------------------------------------------------------ */

static void
step_to_json (JsonBuilder *builder,
              BdStep      *step)
{
  json_builder_begin_object (builder);
  bd_json_add_string (builder, "id", bd_step_get_id (step));
  add_text (builder, "text", bd_step_get_text (step));
  add_text (builder, "expect", bd_step_get_expect (step));
  add_text (builder, "caution", bd_step_get_caution (step));
  if (bd_step_get_wait_seconds (step) > 0)
    {
      json_builder_set_member_name (builder, "wait_seconds");
      json_builder_add_int_value (builder, bd_step_get_wait_seconds (step));
    }
  json_builder_set_member_name (builder, "per_device");
  json_builder_add_boolean_value (builder, bd_step_get_per_device (step));
  if (bd_step_get_per_device (step))
    {
      static const BdDevice others[] = { BD_DEVICE_IPAD, BD_DEVICE_MAC };

      /* "on": how an iPad and a Mac do the step. */
      json_builder_set_member_name (builder, "on");
      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (others); i++)
        {
          json_builder_set_member_name (builder, bd_device_to_string (others[i]));
          json_builder_begin_object (builder);
          add_text (builder, "text", bd_step_get_text_on (step, others[i]));
          add_text (builder, "expect", bd_step_get_expect_on (step, others[i]));
          add_text (builder, "caution", bd_step_get_caution_on (step, others[i]));
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
guide_to_json (JsonBuilder *builder,
               BdGuide     *guide)
{
  GListModel *steps = bd_guide_get_steps (guide);

  json_builder_begin_object (builder);
  bd_json_add_string (builder, "id", bd_guide_get_id (guide));
  bd_json_add_string (builder, "kind", bd_guide_kind_to_string (bd_guide_get_kind (guide)));
  add_text (builder, "title", bd_guide_get_title (guide));
  add_text (builder, "summary", bd_guide_get_summary (guide));
  json_builder_set_member_name (builder, "ask_cleared");
  json_builder_add_boolean_value (builder, bd_guide_get_ask_cleared (guide));
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    step_to_json (builder, bd_guide_get_step (guide, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* A per-device step's words for @device, where they differ. */
static void
print_step_on (BdStep     *step,
               BdDevice    device,
               const char *heading)
{
  BdText *text = bd_step_get_text_on (step, device);
  BdText *expect = bd_step_get_expect_on (step, device);

  if (text != bd_step_get_text (step))
    g_print ("       %s %s\n", heading, bd_text_get (text));
  if (expect != NULL && expect != bd_step_get_expect (step))
    g_print ("       %s %s %s\n", heading, _("When it worked:"), bd_text_get (expect));
}

static void
print_step (BdStep *step,
            guint   number)
{
  BdText *expect = bd_step_get_expect (step);
  BdText *caution = bd_step_get_caution (step);
  guint wait = bd_step_get_wait_seconds (step);

  g_print ("   %2u. %s\n", number, bd_text_get (bd_step_get_text (step)));
  if (caution != NULL)
    /* TRANSLATORS: shown under a step that costs something */
    g_print ("       %s %s\n", _("Caution:"), bd_text_get (caution));
  if (wait > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("Countdown: %u second",
                                                         "Countdown: %u seconds", wait), wait);
      g_print ("       %s\n", line);
    }
  if (bd_step_get_per_device (step))
    g_print ("       %s\n", _("Do this on each device: iPhone, iPad, Mac."));
  if (expect != NULL)
    g_print ("       %s %s\n", _("When it worked:"), bd_text_get (expect));
  if (bd_step_get_per_device (step))
    {
      print_step_on (step, BD_DEVICE_IPAD, _("On an iPad:"));
      print_step_on (step, BD_DEVICE_MAC, _("On a Mac:"));
    }
}

static void
print_guide (BdGuide *guide,
             guint    number)
{
  GListModel *steps = bd_guide_get_steps (guide);

  g_print ("%u. %s (%s)\n", number, bd_text_get (bd_guide_get_title (guide)),
           bd_guide_kind_to_string (bd_guide_get_kind (guide)));
  g_print ("   %s\n", bd_text_get (bd_guide_get_summary (guide)));
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    print_step (bd_guide_get_step (guide, i), i + 1);
  if (bd_guide_get_ask_cleared (guide))
    g_print ("   %s\n", _("Did the badge clear?"));
  g_print ("\n");
}

/* "ios": the version whose words the plan shows, null for "Not sure". */
static void
add_ios (JsonBuilder *builder,
         BdPack      *pack)
{
  int version = 0;

  json_builder_set_member_name (builder, "ios");
  if (bd_pack_get_ios (pack, &version) && version > 0)
    {
      g_autofree char *number = bd_os_version_to_string (version);
      json_builder_add_string_value (builder, number);
    }
  else
    json_builder_add_null_value (builder);
}

static int
cmd_plan (int    argc,
          char **argv)
{
  gboolean json = FALSE, tsv = FALSE;
  g_autofree char *ios = NULL;
  GOptionEntry entries[] = {
    { "ios", 0, 0, G_OPTION_ARG_STRING, &ios,
      N_("The iPhone's iOS version, such as 17.5, or unsure (default: the newest iOS the guidance covers)"),
      N_("VERSION") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv, N_("Print one step a line: GUIDE_ID, STEP_ID, text"), NULL },
    { NULL }
  };
  g_autoptr(BdPack) pack = NULL;
  g_autofree char *words = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  BdSymptom *symptom;
  const char * const *plan;
  int status;

  if (!bd_cli_parse_options ("plan", _("SYMPTOM_ID"),
                      _("Print the ordered plan for a symptom: its guides and numbered steps, "
                        "with waits and cautions."),
                      entries, &argc, &argv, 1, 1, &status))
    return status;
  if (json && tsv)
    return bd_cli_usage_error ("plan", _("Choose one of --json and --tsv."));
  if (ios != NULL && !bd_cli_ios_is_valid (ios))
    return bd_cli_usage_error ("plan", _("--ios wants a version such as 17.5, or unsure."));
  if ((pack = bd_cli_load_pack_for_ios (ios)) == NULL)
    return BD_CLI_FAILED;
  symptom = bd_pack_lookup_symptom (pack, argv[1]);
  if (symptom == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        _("There is no symptom “%s”. “badge-doctor-cli symptoms” lists them."), argv[1]);
      bd_cli_print_error (message);
      return BD_CLI_FAILED;
    }

  plan = bd_symptom_get_plan (symptom);
  words = bd_pack_describe_ios (pack);
  if (json)
    {
      json_builder_begin_object (builder);
      add_ios (builder, pack);
      json_builder_set_member_name (builder, "symptom");
      symptom_to_json (builder, pack, symptom);
      json_builder_set_member_name (builder, "guides");
      json_builder_begin_array (builder);
    }
  else if (!tsv)
    {
      g_print ("%s\n", bd_text_get (bd_symptom_get_text (symptom)));
      g_print ("%s %s\n", _("Likely cause:"), bd_text_get (bd_symptom_get_cause (symptom)));
      /* TRANSLATORS: followed by "iOS 17.5" */
      g_print ("%s %s\n\n", _("Steps for:"), words);
    }
  for (guint i = 0; plan[i] != NULL; i++)
    {
      BdGuide *guide = bd_pack_lookup_guide (pack, plan[i]);

      if (json)
        guide_to_json (builder, guide);
      else if (tsv)
        for (guint j = 0; j < bd_guide_get_n_steps (guide); j++)
          {
            BdStep *step = bd_guide_get_step (guide, j);
            g_autofree char *text = bd_cli_tsv_field (bd_text_get (bd_step_get_text (step)));
            g_print ("%s\t%s\t%s\n", plan[i], bd_step_get_id (step), text);
          }
      else
        print_guide (guide, i + 1);
    }
  if (json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      bd_cli_print_json (builder);
    }
  return BD_CLI_OK;
}

/* --- dispatch -------------------------------------------------------- */

static const BdCliCommand commands[] = {
  { "validate", cmd_validate, N_("Check a guidance pack file") },
  { "pack", cmd_pack, N_("Show the guidance pack in use; pack extract and pack merge for translators") },
  { "symptoms", cmd_symptoms, N_("List the quick-fix matrix") },
  { "plan", cmd_plan, N_("Print the ordered plan for a symptom") },
  { "case", bd_cli_case, N_("Create, follow, search and move cases") },
  { "report", bd_cli_report, N_("Write a case's report for a support appointment") },
  { "update", bd_cli_update, N_("Check for newer signed guidance") },
};

static void
print_usage (FILE               *out,
             const char         *prefix,
             const char         *description,
             const BdCliCommand *list,
             guint               n)
{
  /* TRANSLATORS: the first %s is "badge-doctor-cli" or "badge-doctor-cli case" */
  g_autofree char *more = g_strdup_printf (_("“%s COMMAND --help” shows the options of a command."), prefix);

  fprintf (out, "%s\n  %s %s\n\n%s\n", _("Usage:"), prefix, _("COMMAND [OPTION…]"), description);
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < n; i++)
    fprintf (out, "  %-10s %s\n", list[i].name, _(list[i].summary));
  fprintf (out, "\n%s\n", more);
}

/**
 * bd_cli_dispatch:
 * @prefix: how the commands are called, such as "badge-doctor-cli case"
 *
 * Runs the command named by argv[1], or prints the list of commands.
 */
int
bd_cli_dispatch (const char         *prefix,
                 const char         *description,
                 const BdCliCommand *list,
                 guint               n,
                 int                 argc,
                 char              **argv)
{
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;

  if (argc < 2)
    {
      print_usage (stderr, prefix, description, list, n);
      return BD_CLI_USAGE;
    }
  if (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0 || g_strcmp0 (argv[1], "help") == 0)
    {
      print_usage (stdout, prefix, description, list, n);
      return BD_CLI_OK;
    }
  for (guint i = 0; i < n; i++)
    if (strcmp (argv[1], list[i].name) == 0)
      return list[i].func (argc - 1, argv + 1);
  message = g_strdup_printf (_("Unknown command “%s”."), argv[1]);
  hint = g_strconcat (prefix, " --help", NULL);
  bd_cli_print_error (message);
  g_printerr (_("Try “%s” for more information.\n"), hint);
  return BD_CLI_USAGE;
}

int
bd_cli_run (int    argc,
            char **argv)
{
  if (argc >= 2 && g_strcmp0 (argv[1], "--version") == 0)
    {
      g_print ("badge-doctor-cli %s\n", PACKAGE_VERSION);
      return BD_CLI_OK;
    }
  return bd_cli_dispatch ("badge-doctor-cli",
                          _("Badge Doctor on the command line: check guidance packs, read the "
                            "troubleshooting plans, and follow cases."),
                          commands, G_N_ELEMENTS (commands), argc, argv);
}
