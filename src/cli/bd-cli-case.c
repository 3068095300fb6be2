/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-cli"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "bd-case-json.h"
#include "bd-cli.h"
#include "bd-error.h"
#include "bd-plan.h"
#include "bd-session.h"
#include "bd-sqlite-store.h"

/*
 * badge-doctor-cli case ...: drive the case store from a shell. Case ids
 * may be given as any unique beginning. Every change is committed before
 * the command says it happened.
 */

/* Says what went wrong with the store in the person's words, and where a
 * damaged store was moved if it was. */
static int
store_failed (BdCaseBackend *backend,
              const GError  *error)
{
  g_autofree char *recovered = backend ? bd_case_backend_dup_recovered_path (backend) : NULL;
  g_autofree char *message = bd_case_backend_describe_error (error);

  if (recovered != NULL)
    {
      g_autofree char *moved = g_strdup_printf (
        _("The case store could not be read. It was moved to %s and a new one was started."), recovered);
      bd_cli_print_error (moved);
    }
  if (recovered == NULL || !g_error_matches (error, BD_ERROR, BD_ERROR_CORRUPT))
    bd_cli_print_error (message);
  return BD_CLI_FAILED;
}

/* The store, opened: read-only for commands that only read, so they never
 * write (not even a checkpoint). NULL after saying why not. */
static BdCaseBackend *
open_backend (BdCaseStoreFlags flags)
{
  g_autoptr(BdCaseBackend) backend = BD_CASE_BACKEND (bd_sqlite_store_new_default (flags));
  g_autoptr(BdCaseReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *recovered = NULL;

  reply = bd_case_backend_run (backend, bd_case_request_new (BD_CASE_OP_OPEN, NULL), &error);
  if (reply == NULL)
    {
      store_failed (backend, error);
      return NULL;
    }
  if ((recovered = bd_case_backend_dup_recovered_path (backend)) != NULL)
    {
      g_autofree char *message = g_strdup_printf (
        _("The case store could not be read. It was moved to %s and a new one was started."), recovered);
      bd_cli_print_error (message);
    }
  return g_steal_pointer (&backend);
}

/* Carries out @request, or says why not: the reply, or NULL. */
static BdCaseReply *
run (BdCaseBackend *backend,
     BdCaseRequest *request)
{
  g_autoptr(GError) error = NULL;
  BdCaseReply *reply = bd_case_backend_run (backend, request, &error);

  if (reply == NULL)
    store_failed (backend, error);
  return reply;
}

/* Runs a request that only has to succeed. */
static int
run_change (BdCaseBackend *backend,
            BdCaseRequest *request)
{
  g_autoptr(BdCaseReply) reply = run (backend, request);

  return reply != NULL ? BD_CLI_OK : BD_CLI_FAILED;
}

/* The full id for what the person typed, or NULL after saying why. */
static char *
resolve (BdCaseBackend *backend,
         const char    *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseReply) reply = bd_case_backend_run (backend, bd_case_request_new (BD_CASE_OP_RESOLVE, prefix),
                                                      &error);
  g_autofree char *message = NULL;

  if (reply != NULL)
    return g_steal_pointer (&reply->id);
  if (g_error_matches (error, BD_ERROR, BD_ERROR_AMBIGUOUS))
    message = g_strdup_printf (_("“%s” matches more than one case; give more of the id."), prefix);
  else if (g_error_matches (error, BD_ERROR, BD_ERROR_NOT_FOUND))
    message = g_strdup_printf (_("There is no case “%s”. “badge-doctor-cli case list” lists them."), prefix);
  else
    return store_failed (backend, error), NULL;
  bd_cli_print_error (message);
  return NULL;
}

/* The store and the full id of the case the person named, or FALSE after
 * saying why not. */
static gboolean
find_case (const char        *prefix,
           BdCaseStoreFlags   flags,
           BdCaseBackend    **backend,
           char             **id)
{
  *backend = open_backend (flags);
  *id = *backend != NULL ? resolve (*backend, prefix) : NULL;
  return *id != NULL;
}

static BdCase *
load (BdCaseBackend *backend,
      const char    *id)
{
  g_autoptr(BdCaseReply) reply = run (backend, bd_case_request_new (BD_CASE_OP_LOAD, id));

  return reply != NULL ? g_steal_pointer (&reply->kase) : NULL;
}

/* ... and the case itself, read without writing anything. */
BdCase *
bd_cli_load_case (const char  *prefix,
                  char       **id)
{
  g_autoptr(BdCaseBackend) backend = NULL;

  if (!find_case (prefix, BD_CASE_STORE_READ_ONLY, &backend, id))
    return NULL;
  return load (backend, *id);
}

/* --- through the session's rules ---------------------------------------- */

static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The CLI has no main loop of its own: the store answers on this one. */
static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* A session with the case the person named open, or NULL after saying
 * why not. */
static BdSession *
open_session (BdPack        *pack,
              const char    *prefix,
              BdCaseBackend **backend)
{
  g_autoptr(BdSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!find_case (prefix, BD_CASE_STORE_READ_WRITE, backend, &id))
    return NULL;
  session = bd_session_new (pack, *backend);
  bd_session_open_case_async (session, id, keep_result, &result);
  if (!bd_session_write_finish (session, wait_for (&result), &error))
    return store_failed (*backend, error), NULL;
  return g_steal_pointer (&session);
}

static int
session_done (BdSession     *session,
              GAsyncResult **result)
{
  g_autoptr(GError) error = NULL;

  if (bd_session_write_finish (session, wait_for (result), &error))
    return BD_CLI_OK;
  return store_failed (bd_session_get_backend (session), error);
}

static gboolean
parse_flags (const char  *command,
             const char  *list,
             gboolean     (*from_string) (const char *, guint *),
             const char  *allowed,
             guint       *flags,
             int         *status)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  *flags = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint flag;
      g_strstrip (names[i]);
      if (*names[i] == '\0')
        continue;
      if (!from_string (names[i], &flag))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not one of: %s."), names[i], allowed);
          *status = bd_cli_usage_error (command, message);
          return FALSE;
        }
      *flags |= flag;
    }
  return TRUE;
}

static gboolean
device_flag (const char *str,
             guint      *out)
{
  return bd_device_from_string (str, (BdDevice *) out);
}

static gboolean
app_flag (const char *str,
          guint      *out)
{
  return bd_app_from_string (str, (BdApp *) out);
}

/* --- details shared by new and set ----------------------------------- */

typedef struct
{
  char *label;
  char *ticket;
  char *model;
  char *ios;
  char *other_devices;
  char *apps;
  char *other_apps;
  char *low_power;
  char *icloud;
  char *focus;
  char **symptoms;
} Details;

static void
details_clear (Details *d)
{
  g_free (d->label);
  g_free (d->ticket);
  g_free (d->model);
  g_free (d->ios);
  g_free (d->other_devices);
  g_free (d->apps);
  g_free (d->other_apps);
  g_free (d->low_power);
  g_free (d->icloud);
  g_free (d->focus);
  g_strfreev (d->symptoms);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Details, details_clear)

#define DETAIL_ENTRIES(d) \
  { "label", 0, 0, G_OPTION_ARG_STRING, &(d).label, N_("Customer label (help desk)"), N_("TEXT") }, \
  { "ticket", 0, 0, G_OPTION_ARG_STRING, &(d).ticket, N_("Ticket reference (help desk)"), N_("REF") }, \
  { "model", 0, 0, G_OPTION_ARG_STRING, &(d).model, N_("iPhone model"), N_("TEXT") }, \
  { "ios", 0, 0, G_OPTION_ARG_STRING, &(d).ios, N_("iOS version, such as 26.5, or unsure; the plan follows it"), N_("VERSION") }, \
  { "other-devices", 0, 0, G_OPTION_ARG_STRING, &(d).other_devices, \
    N_("Other devices on the account: ipad, mac, iphone (comma-separated)"), N_("LIST") }, \
  { "apps", 0, 0, G_OPTION_ARG_STRING, &(d).apps, \
    N_("Affected apps: messages, whatsapp, teams, gmail (comma-separated)"), N_("LIST") }, \
  { "other-apps", 0, 0, G_OPTION_ARG_STRING, &(d).other_apps, N_("Other affected apps"), N_("TEXT") }, \
  { "low-power", 0, 0, G_OPTION_ARG_STRING, &(d).low_power, N_("Low Power Mode: on, off or unknown"), N_("STATE") }, \
  { "icloud", 0, 0, G_OPTION_ARG_STRING, &(d).icloud, N_("Messages in iCloud: on, off or unknown"), N_("STATE") }, \
  { "focus", 0, 0, G_OPTION_ARG_STRING, &(d).focus, N_("The Focus in use"), N_("NAME") }, \
  { "symptom", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(d).symptoms, N_("Add a symptom (repeatable)"), N_("ID") }

static gboolean
apply_text (const char  *command,
            const char  *value,
            void       (*setter) (BdCase *, const char *),
            BdCase      *kase,
            int         *status)
{
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return TRUE;
  if (!bd_case_check_text (value, BD_CASE_MAX_SHORT_TEXT, TRUE, &error))
    {
      *status = bd_cli_usage_error (command, error->message);
      return FALSE;
    }
  setter (kase, value);
  return TRUE;
}

static gboolean
apply_switch (const char  *command,
              const char  *value,
              void       (*setter) (BdCase *, BdSwitch),
              BdCase      *kase,
              int         *status)
{
  BdSwitch parsed;

  if (value == NULL)
    return TRUE;
  if (!bd_switch_from_string (value, &parsed))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not one of: %s."), value, "on, off, unknown");
      *status = bd_cli_usage_error (command, message);
      return FALSE;
    }
  setter (kase, parsed);
  return TRUE;
}

static gboolean
apply_details (const char   *command,
               Details      *d,
               BdCase       *kase,
               BdCaseFields *fields,
               int          *status)
{
  g_autoptr(GError) error = NULL;
  guint flags;

  if (!apply_text (command, d->label, bd_case_set_label, kase, status)
      || !apply_text (command, d->ticket, bd_case_set_ticket, kase, status)
      || !apply_text (command, d->model, bd_case_set_model, kase, status)
      || !apply_text (command, d->other_apps, bd_case_set_other_apps, kase, status)
      || !apply_text (command, d->focus, bd_case_set_focus, kase, status)
      || !apply_switch (command, d->low_power, bd_case_set_low_power_mode, kase, status)
      || !apply_switch (command, d->icloud, bd_case_set_messages_in_icloud, kase, status))
    return FALSE;
  if (d->ios != NULL && strcmp (d->ios, "unsure") == 0)
    d->ios[0] = '\0';
  if (d->ios != NULL)
    {
      if (!bd_case_check_ios (d->ios, &error))
        {
          *status = bd_cli_usage_error (command, error->message);
          return FALSE;
        }
      bd_case_set_ios (kase, d->ios);
    }
  if (d->other_devices != NULL)
    {
      if (!parse_flags (command, d->other_devices, device_flag, "ipad, mac, iphone", &flags, status))
        return FALSE;
      bd_case_set_other_devices (kase, flags);
    }
  if (d->apps != NULL)
    {
      if (!parse_flags (command, d->apps, app_flag, "messages, whatsapp, teams, gmail", &flags, status))
        return FALSE;
      bd_case_set_apps (kase, flags);
    }
  /* only what was given is written: "set --model" sets the model */
  *fields = (d->label ? BD_CASE_FIELD_LABEL : 0) | (d->ticket ? BD_CASE_FIELD_TICKET : 0)
            | (d->model ? BD_CASE_FIELD_MODEL : 0) | (d->ios ? BD_CASE_FIELD_IOS : 0)
            | (d->other_devices ? BD_CASE_FIELD_OTHER_DEVICES : 0) | (d->apps ? BD_CASE_FIELD_APPS : 0)
            | (d->other_apps ? BD_CASE_FIELD_OTHER_APPS : 0) | (d->low_power ? BD_CASE_FIELD_LOW_POWER_MODE : 0)
            | (d->icloud ? BD_CASE_FIELD_MESSAGES_IN_ICLOUD : 0) | (d->focus ? BD_CASE_FIELD_FOCUS : 0);
  return TRUE;
}

/* The symptoms asked for, checked against the pack before anything is
 * written; their text is copied as the person's language shows it. */
static gboolean
check_symptoms (BdPack  *pack,
                char   **symptoms)
{
  for (guint i = 0; symptoms != NULL && symptoms[i] != NULL; i++)
    if (bd_pack_lookup_symptom (pack, symptoms[i]) == NULL)
      {
        g_autofree char *message = g_strdup_printf (
          _("There is no symptom “%s”. “badge-doctor-cli symptoms” lists them."), symptoms[i]);
        bd_cli_print_error (message);
        return FALSE;
      }
  return TRUE;
}

static const char *
symptom_text (BdPack     *pack,
              const char *id)
{
  return bd_text_get (bd_symptom_get_text (bd_pack_lookup_symptom (pack, id)));
}

/* --- new, set, note, status ------------------------------------------ */

static int
case_new (int    argc,
          char **argv)
{
  g_auto(Details) d = { NULL };
  GOptionEntry entries[] = { DETAIL_ENTRIES (d), { NULL } };
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autoptr(BdCase) kase = NULL;
  g_autoptr(BdCaseReply) reply = NULL;
  BdCaseRequest *request;
  BdCaseFields fields;
  int status;

  if (!bd_cli_parse_options ("case new", "", _("Start a new case and print its id."),
                             entries, &argc, &argv, 0, 0, &status))
    return status;
  if ((pack = bd_cli_load_pack ()) == NULL)
    return BD_CLI_FAILED;
  kase = bd_case_new (bd_pack_get_id (pack), bd_pack_get_version (pack));
  if (!apply_details ("case new", &d, kase, &fields, &status))
    return status;
  if (!check_symptoms (pack, d.symptoms))
    return BD_CLI_FAILED;
  for (guint i = 0; d.symptoms != NULL && d.symptoms[i] != NULL; i++)
    bd_case_add_symptom (kase, d.symptoms[i], symptom_text (pack, d.symptoms[i]));
  if ((backend = open_backend (BD_CASE_STORE_READ_WRITE)) == NULL)
    return BD_CLI_FAILED;
  request = bd_case_request_new (BD_CASE_OP_INSERT, bd_case_get_id (kase));
  request->kase = g_object_ref (kase);
  if ((reply = run (backend, request)) == NULL)
    return BD_CLI_FAILED;
  g_print ("%s\n", bd_case_get_id (kase));
  return BD_CLI_OK;
}

static int
case_set (int    argc,
          char **argv)
{
  g_auto(Details) d = { NULL };
  GOptionEntry entries[] = { DETAIL_ENTRIES (d), { NULL } };
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autoptr(BdCase) values = NULL;
  g_autofree char *id = NULL;
  BdCaseRequest *request;
  BdCaseFields fields;
  int status;

  if (!bd_cli_parse_options ("case set", _("ID"), _("Change a case's label, ticket, device details or symptoms."),
                             entries, &argc, &argv, 1, 1, &status))
    return status;
  if ((pack = bd_cli_load_pack ()) == NULL || !check_symptoms (pack, d.symptoms))
    return BD_CLI_FAILED;
  values = bd_case_new (bd_pack_get_id (pack), bd_pack_get_version (pack));
  if (!apply_details ("case set", &d, values, &fields, &status))
    return status;
  if (!find_case (argv[1], BD_CASE_STORE_READ_WRITE, &backend, &id))
    return BD_CLI_FAILED;
  request = bd_case_request_new (BD_CASE_OP_SET_DETAILS, id);
  request->kase = g_steal_pointer (&values);
  request->fields = fields;
  if (run_change (backend, request) != BD_CLI_OK)
    return BD_CLI_FAILED;
  for (guint i = 0; d.symptoms != NULL && d.symptoms[i] != NULL; i++)
    {
      request = bd_case_request_new (BD_CASE_OP_ADD_SYMPTOM, id);
      request->symptom_id = g_strdup (d.symptoms[i]);
      request->text = g_strdup (symptom_text (pack, d.symptoms[i]));
      if (run_change (backend, request) != BD_CLI_OK)
        return BD_CLI_FAILED;
    }
  return BD_CLI_OK;
}

static int
case_note (int    argc,
           char **argv)
{
  gboolean append = FALSE;
  GOptionEntry entries[] = {
    { "append", 0, 0, G_OPTION_ARG_NONE, &append, N_("Add the text as a new paragraph instead of replacing the notes"), NULL },
    { NULL }
  };
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  BdCaseRequest *request;
  int status;

  if (!bd_cli_parse_options ("case note", _("ID TEXT"), _("Set the notes of a case."),
                             entries, &argc, &argv, 2, 2, &status))
    return status;
  if (!bd_case_check_text (argv[2], BD_CASE_MAX_NOTES, FALSE, &error))
    return bd_cli_usage_error ("case note", error->message);
  if (!find_case (argv[1], BD_CASE_STORE_READ_WRITE, &backend, &id))
    return BD_CLI_FAILED;
  /* an append adds to the notes as they are in the store when it is
   * written, so appends at once all land */
  if (append)
    {
      request = bd_case_request_new (BD_CASE_OP_APPEND_NOTES, id);
      request->text = g_strdup (argv[2]);
    }
  else
    {
      request = bd_case_request_new (BD_CASE_OP_SET_DETAILS, id);
      request->kase = bd_case_new ("", "");
      bd_case_set_notes (request->kase, argv[2]);
      request->fields = BD_CASE_FIELD_NOTES;
    }
  return run_change (backend, request);
}

static int
case_status (int    argc,
             char **argv)
{
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autofree char *id = NULL;
  BdCaseRequest *request;
  BdCaseStatus value;
  int status;

  if (!bd_cli_parse_options ("case status", _("ID open|resolved|escalated"), _("Set the status of a case."),
                             NULL, &argc, &argv, 2, 2, &status))
    return status;
  if (!bd_case_status_from_string (argv[2], &value))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not one of: %s."), argv[2],
                                                  "open, resolved, escalated");
      return bd_cli_usage_error ("case status", message);
    }
  if (!find_case (argv[1], BD_CASE_STORE_READ_WRITE, &backend, &id))
    return BD_CLI_FAILED;
  request = bd_case_request_new (BD_CASE_OP_SET_STATUS, id);
  request->status = value;
  return run_change (backend, request);
}

/* --- steps and outcomes ---------------------------------------------- */

/* The session's refusals of a step, in the person's words. */
static int
step_refused (BdSession    *session,
              const GError *error,
              const char   *guide_id,
              const char   *step_id,
              BdDevice      device)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, BD_ERROR, BD_ERROR_DEVICE_NOT_NEEDED))
    message = g_strdup (_("This step is done once; leave out --device."));
  else if (g_error_matches (error, BD_ERROR, BD_ERROR_DEVICE_NEEDED))
    message = g_strdup (_("This step is done on each device; say which with --device iphone, ipad or mac."));
  else if (g_error_matches (error, BD_ERROR, BD_ERROR_NO_SUCH_DEVICE))
    message = g_strdup_printf (_("The case has no %s; add it with “case set ID --other-devices”."),
                               bd_device_to_string (device));
  else if (g_error_matches (error, BD_ERROR, BD_ERROR_NOT_FOUND)
           && bd_pack_lookup_guide (bd_session_get_pack (session), guide_id) == NULL)
    message = g_strdup_printf (_("There is no guide “%s” in the guidance."), guide_id);
  else if (g_error_matches (error, BD_ERROR, BD_ERROR_NOT_FOUND))
    message = g_strdup_printf (_("Guide “%s” has no step “%s”."), guide_id, step_id);
  else
    return store_failed (bd_session_get_backend (session), error);
  bd_cli_print_error (message);
  return BD_CLI_FAILED;
}

static int
case_step (int    argc,
           char **argv)
{
  g_autofree char *device_name = NULL;
  GOptionEntry entries[] = {
    { "device", 0, 0, G_OPTION_ARG_STRING, &device_name, N_("For a per-device step: iphone, ipad or mac"), N_("DEVICE") },
    { NULL }
  };
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autoptr(BdSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BdDevice device = BD_DEVICE_NONE;
  BdStepState state;
  int status;

  if (!bd_cli_parse_options ("case step", _("ID GUIDE_ID STEP_ID done|skipped|na|pending"),
                             _("Record what happened to a step."), entries, &argc, &argv, 4, 4, &status))
    return status;
  if (!bd_step_state_from_string (argv[4], &state))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not one of: %s."), argv[4], "done, skipped, na, pending");
      return bd_cli_usage_error ("case step", message);
    }
  if (device_name != NULL && !bd_device_from_string (device_name, &device))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not one of: %s."), device_name, "iphone, ipad, mac");
      return bd_cli_usage_error ("case step", message);
    }
  if ((pack = bd_cli_load_pack ()) == NULL || (session = open_session (pack, argv[1], &backend)) == NULL)
    return BD_CLI_FAILED;
  bd_session_set_step_async (session, argv[2], argv[3], device, state, keep_result, &result);
  if (!bd_session_write_finish (session, wait_for (&result), &error))
    return step_refused (session, error, argv[2], argv[3], device);
  return BD_CLI_OK;
}

static int
case_outcome (int    argc,
              char **argv)
{
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autoptr(BdSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  BdOutcome outcome;
  int status;

  if (!bd_cli_parse_options ("case outcome", _("ID GUIDE_ID cleared|not-cleared"),
                             _("Answer “Did the badge clear?” after a guide. Cleared resolves the case."),
                             NULL, &argc, &argv, 3, 3, &status))
    return status;
  if (!bd_outcome_from_string (argv[3], &outcome))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not one of: %s."), argv[3], "cleared, not-cleared");
      return bd_cli_usage_error ("case outcome", message);
    }
  if ((pack = bd_cli_load_pack ()) == NULL)
    return BD_CLI_FAILED;
  if (bd_pack_lookup_guide (pack, argv[2]) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no guide “%s” in the guidance."), argv[2]);
      bd_cli_print_error (message);
      return BD_CLI_FAILED;
    }
  if ((session = open_session (pack, argv[1], &backend)) == NULL)
    return BD_CLI_FAILED;
  bd_session_answer_async (session, argv[2], outcome, keep_result, &result);
  return session_done (session, &result);
}

/* --- reading --------------------------------------------------------- */

static int
case_list (int    argc,
           char **argv)
{
  g_autofree char *search = NULL, *status_name = NULL;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Words to find in label, ticket, notes, device details and symptoms"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name, N_("Only cases with this status: open, resolved or escalated"), N_("STATUS") },
    { NULL }
  };
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autoptr(BdCaseReply) listed = NULL;
  g_autoptr(BdCaseReply) rows = NULL;
  BdCaseRequest *request;
  BdCaseStatus filter = BD_CASE_STATUS_ANY;
  int status;

  if (!bd_cli_parse_options ("case list", "",
                             _("List cases, most recently changed first: ID, status, updated, label, symptom."),
                             entries, &argc, &argv, 0, 0, &status))
    return status;
  if (status_name != NULL && !bd_case_status_from_string (status_name, &filter))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not one of: %s."), status_name,
                                                  "open, resolved, escalated");
      return bd_cli_usage_error ("case list", message);
    }
  if ((backend = open_backend (BD_CASE_STORE_READ_ONLY)) == NULL)
    return BD_CLI_FAILED;
  request = bd_case_request_new (BD_CASE_OP_LIST, NULL);
  request->text = g_strdup (search);
  request->status = filter;
  if ((listed = run (backend, request)) == NULL)
    return BD_CLI_FAILED;
  request = bd_case_request_new (BD_CASE_OP_SUMMARIES, NULL);
  request->ids = g_ptr_array_ref (listed->list);
  if ((rows = run (backend, request)) == NULL)
    return BD_CLI_FAILED;
  for (guint i = 0; i < rows->list->len; i++)
    {
      BdCaseSummary *s = g_ptr_array_index (rows->list, i);
      g_autofree char *updated = NULL, *label = NULL, *symptom = NULL;

      if (s == NULL)
        continue;
      updated = bd_time_to_iso8601 (s->updated);
      label = bd_cli_tsv_field (s->label);
      symptom = bd_cli_tsv_field (s->symptom);
      g_print ("%s\t%s\t%s\t%s\t%s\n", s->id, bd_case_status_to_string (s->status), updated, label, symptom);
    }
  return BD_CLI_OK;
}

static void
print_flags (GString    *line,
             guint       flags,
             const char *(*to_string) (guint))
{
  for (guint bit = 0; bit < 8; bit++)
    if (flags & (1u << bit))
      g_string_append_printf (line, "%s%s", line->len > 0 ? ", " : "", to_string (1u << bit));
}

static const char *
device_name_of (guint bit)
{
  return bd_device_to_string ((BdDevice) bit);
}

static const char *
app_name_of (guint bit)
{
  return bd_app_to_string ((BdApp) bit);
}

/* A detail a person or an imported file gave: shown, never obeyed. */
static void
print_field (const char *heading,
             const char *value)
{
  g_autofree char *shown = bd_cli_shown (value);

  g_print ("%-20s %s\n", heading, shown);
}

static void
print_plan (BdPack *pack,
            BdCase *kase)
{
  g_autoptr(BdPlan) plan = bd_plan_new (pack, kase);
  guint handled, total;
  BdStep *step;
  BdDevice device;

  bd_plan_get_progress (plan, &handled, &total);
  g_print ("\n%s\n", _("Plan:"));
  for (guint i = 0; i < bd_plan_get_n_guides (plan); i++)
    {
      const BdPlanGuide *entry = bd_plan_get_guide (plan, i);
      g_print ("  %s %-11s %u/%u  %s\n", (int) i == bd_plan_get_current (plan) ? "→" : " ",
               bd_guide_state_to_string (entry->state), bd_plan_guide_get_handled (entry),
               entry->n_units, bd_text_get (bd_guide_get_title (entry->guide)));
    }
  /* TRANSLATORS: overall progress, e.g. "5 of 12 steps" */
  g_print ("  ");
  g_print (ngettext ("%u of %u step", "%u of %u steps", total), handled, total);
  g_print ("\n");
  if (bd_plan_get_next_step (plan, &step, &device))
    g_print ("%s %s%s%s\n", _("Next:"), bd_text_get (bd_step_get_text_on (step, device)),
             device ? " — " : "", device ? bd_device_to_string (device) : "");
}

static int
case_show (int    argc,
           char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the case document (as case export writes it)"), NULL },
    { NULL }
  };
  g_autoptr(BdCase) kase = NULL;
  g_autoptr(BdPack) pack = NULL;
  g_autoptr(GString) devices = g_string_new (NULL);
  g_autoptr(GString) apps = g_string_new (NULL);
  g_autofree char *id = NULL, *created = NULL, *updated = NULL;
  GPtrArray *symptoms;
  int status;

  if (!bd_cli_parse_options ("case show", _("ID"), _("Show a case: details, symptoms, plan progress."),
                             entries, &argc, &argv, 1, 1, &status))
    return status;
  if ((kase = bd_cli_load_case (argv[1], &id)) == NULL)
    return BD_CLI_FAILED;
  if (json)
    {
      g_autofree char *text = bd_case_to_json (kase);
      fputs (text, stdout);
      return BD_CLI_OK;
    }
  if ((pack = bd_cli_load_pack_for_ios (*bd_case_get_ios (kase) ? bd_case_get_ios (kase) : "unsure")) == NULL)
    return BD_CLI_FAILED;

  created = bd_time_to_iso8601 (bd_case_get_created (kase));
  updated = bd_time_to_iso8601 (bd_case_get_updated (kase));
  print_flags (devices, bd_case_get_other_devices (kase), device_name_of);
  print_flags (apps, bd_case_get_apps (kase), app_name_of);
  if (*bd_case_get_other_apps (kase) != '\0')
    g_string_append_printf (apps, "%s%s", apps->len > 0 ? ", " : "", bd_case_get_other_apps (kase));
  g_print ("%-20s %s\n", _("Case:"), bd_case_get_id (kase));
  g_print ("%-20s %s\n", _("Status:"), bd_case_status_to_string (bd_case_get_status (kase)));
  if (bd_case_get_resolved_by (kase) != NULL)
    g_print ("%-20s %s\n", _("Resolved by:"), bd_case_get_resolved_by (kase));
  print_field (_("Label:"), bd_case_get_label (kase));
  print_field (_("Ticket:"), bd_case_get_ticket (kase));
  g_print ("%-20s %s\n", _("Created:"), created);
  g_print ("%-20s %s\n", _("Updated:"), updated);
  g_print ("%-20s %s %s\n", _("Guidance:"), bd_case_get_pack_id (kase), bd_case_get_pack_version (kase));
  print_field (_("Model:"), bd_case_get_model (kase));
  g_print ("%-20s %s\n", _("iOS:"), *bd_case_get_ios (kase) ? bd_case_get_ios (kase) : _("not sure"));
  g_print ("%-20s %s\n", _("Other devices:"), devices->str);
  print_field (_("Affected apps:"), apps->str);
  g_print ("%-20s %s\n", _("Low Power Mode:"), bd_switch_to_string (bd_case_get_low_power_mode (kase)));
  g_print ("%-20s %s\n", _("Messages in iCloud:"), bd_switch_to_string (bd_case_get_messages_in_icloud (kase)));
  print_field (_("Focus:"), bd_case_get_focus (kase));
  symptoms = bd_case_get_symptoms (kase);
  g_print ("\n%s\n", _("Symptoms:"));
  for (guint i = 0; i < symptoms->len; i++)
    {
      g_autofree char *text = bd_cli_shown (((BdCaseSymptom *) g_ptr_array_index (symptoms, i))->text);
      g_print ("  %s\n", text);
    }
  if (*bd_case_get_notes (kase) != '\0')
    {
      g_autofree char *notes = bd_cli_shown (bd_case_get_notes (kase));
      g_print ("\n%s\n%s\n", _("Notes:"), notes);
    }
  print_plan (pack, kase);
  return BD_CLI_OK;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static int
case_steps (int    argc,
            char **argv)
{
  g_autoptr(BdCase) kase = NULL;
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *id = NULL;
  GHashTableIter iter;
  gpointer value;
  GPtrArray *steps;
  int status;

  if (!bd_cli_parse_options ("case steps", _("ID"),
                             _("Print the current state of every step the case touched: "
                               "GUIDE_ID, STEP_ID, DEVICE, STATE, TIME."),
                             NULL, &argc, &argv, 1, 1, &status))
    return status;
  if ((kase = bd_cli_load_case (argv[1], &id)) == NULL)
    return BD_CLI_FAILED;

  /* The last log entry of each step (and device) is its state now; list
   * them in the order they last changed. */
  steps = bd_case_get_steps (kase);
  for (guint i = 0; i < steps->len; i++)
    {
      BdStepRecord *r = g_ptr_array_index (steps, i);
      g_hash_table_insert (latest, g_strdup_printf ("%s\x1f%s\x1f%d", r->guide_id, r->step_id, r->device),
                           GUINT_TO_POINTER (i));
    }
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint position = GPOINTER_TO_UINT (value);
      g_array_append_val (positions, position);
    }
  g_array_sort (positions, compare_positions);
  for (guint i = 0; i < positions->len; i++)
    {
      BdStepRecord *r = g_ptr_array_index (steps, g_array_index (positions, guint, i));
      g_autofree char *time = bd_time_to_iso8601 (r->time);
      g_print ("%s\t%s\t%s\t%s\t%s\n", r->guide_id, r->step_id,
               r->device ? bd_device_to_string (r->device) : "-", bd_step_state_to_string (r->state), time);
    }
  return BD_CLI_OK;
}

/* --- delete and undo ------------------------------------------------- */

static int
case_delete (int    argc,
             char **argv)
{
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autofree char *id = NULL;
  int status;

  if (!bd_cli_parse_options ("case delete", _("ID"),
                             _("Delete a case. “case undo” brings it back."), NULL, &argc, &argv, 1, 1, &status))
    return status;
  if (!find_case (argv[1], BD_CASE_STORE_READ_WRITE, &backend, &id)
      || run_change (backend, bd_case_request_new (BD_CASE_OP_DELETE, id)) != BD_CLI_OK)
    return BD_CLI_FAILED;
  g_printerr (_("Deleted case %s. “badge-doctor-cli case undo” brings it back.\n"), id);
  return BD_CLI_OK;
}

static int
case_undo (int    argc,
           char **argv)
{
  g_autoptr(BdCaseBackend) backend = NULL;
  g_autoptr(BdCaseReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!bd_cli_parse_options ("case undo", "",
                             _("Undo the latest delete or step change, made here or in the app."),
                             NULL, &argc, &argv, 0, 0, &status))
    return status;
  if ((backend = open_backend (BD_CASE_STORE_READ_WRITE)) == NULL)
    return BD_CLI_FAILED;
  if ((reply = bd_case_backend_run (backend, bd_case_request_new (BD_CASE_OP_UNDO, NULL), &error)) == NULL)
    {
      if (!g_error_matches (error, BD_ERROR, BD_ERROR_NOT_FOUND))
        return store_failed (backend, error);
      bd_cli_print_error (_("There is nothing to undo."));
      return BD_CLI_FAILED;
    }
  if (reply->undo_kind == BD_UNDO_DELETE)
    g_print (_("Restored case %s.\n"), reply->id);
  else
    g_print (_("Undid the last step change in case %s.\n"), reply->id);
  return BD_CLI_OK;
}

/* --- export and import ----------------------------------------------- */

static int
case_export (int    argc,
             char **argv)
{
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the case; - for standard output"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };
  g_autoptr(BdCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *id = NULL, *text = NULL;
  gsize size;
  int status;

  if (!bd_cli_parse_options ("case export", _("ID -o FILE"), _("Write a case as a JSON document."),
                             entries, &argc, &argv, 1, 1, &status))
    return status;
  if (output == NULL)
    return bd_cli_usage_error ("case export", _("Say where to write the case with -o FILE."));
  if ((kase = bd_cli_load_case (argv[1], &id)) == NULL)
    return BD_CLI_FAILED;
  text = bd_case_to_json (kase);
  size = strlen (text);
  bytes = g_bytes_new_take (g_steal_pointer (&text), size);
  status = bd_cli_write_output (output, bytes, force, &error);
  if (error != NULL)
    bd_cli_print_error (error->message);
  return error != NULL ? BD_CLI_FAILED : status;
}

/* A case from a file, a pipe (<(…)) or, for "-", standard input: each
 * read to its end within the size cap. */
static BdCase *
read_case (const char  *path,
           GPtrArray  **problems,
           GError     **error)
{
  g_autoptr(GFile) file = strcmp (path, "-") == 0 ? g_file_new_for_path ("/dev/stdin")
                                                  : g_file_new_for_commandline_arg (path);

  return bd_case_new_from_file (file, problems, error);
}

static gboolean
import_one (BdCaseBackend *backend,
            const char    *path)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCase) kase = read_case (path, &problems, &error);
  g_autoptr(BdCaseReply) reply = NULL;
  BdCaseRequest *request;

  if (kase == NULL && problems == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  for (guint i = 0; kase == NULL && i < problems->len; i++)
    {
      BdProblem *problem = g_ptr_array_index (problems, i);
      g_printerr ("%s: %s: %s\n", path, problem->path, problem->message);
    }
  if (kase == NULL)
    return FALSE;
  request = bd_case_request_new (BD_CASE_OP_IMPORT, NULL);
  request->kase = g_steal_pointer (&kase);
  if ((reply = bd_case_backend_run (backend, request, &error)) == NULL)
    {
      g_autofree char *message = bd_case_backend_describe_error (error);
      g_printerr ("%s: %s\n", path, message);
      return FALSE;
    }
  g_print ("%s\t%s\n", path, reply->id);
  return TRUE;
}

static int
case_import (int    argc,
             char **argv)
{
  g_autoptr(BdCaseBackend) backend = NULL;
  gboolean all = TRUE;
  int status;

  if (!bd_cli_parse_options ("case import", _("FILE…"),
                             _("Read case documents into the store (- for standard input). A bad file is "
                               "reported and skipped; a case whose id is taken gets a new one. Prints FILE "
                               "and the id per case."),
                             NULL, &argc, &argv, 1, G_MAXINT, &status))
    return status;
  if ((backend = open_backend (BD_CASE_STORE_READ_WRITE)) == NULL)
    return BD_CLI_FAILED;
  for (int i = 1; i < argc; i++)
    all &= import_one (backend, argv[i]);
  return all ? BD_CLI_OK : BD_CLI_FAILED;
}

/* --- dispatch -------------------------------------------------------- */

static const BdCliCommand case_commands[] = {
  { "new", case_new, N_("Start a case; prints its id") },
  { "list", case_list, N_("List or search cases") },
  { "show", case_show, N_("Show a case and its plan") },
  { "steps", case_steps, N_("The current state of each step") },
  { "step", case_step, N_("Record what happened to a step") },
  { "outcome", case_outcome, N_("Answer “Did the badge clear?”") },
  { "note", case_note, N_("Set the notes") },
  { "status", case_status, N_("Set the status") },
  { "set", case_set, N_("Change label, ticket, device details, symptoms") },
  { "delete", case_delete, N_("Delete a case (undoable)") },
  { "undo", case_undo, N_("Undo the latest delete or step change") },
  { "export", case_export, N_("Write a case as JSON") },
  { "import", case_import, N_("Read cases from JSON files") },
};

int
bd_cli_case (int    argc,
             char **argv)
{
  return bd_cli_dispatch ("badge-doctor-cli case",
                          _("Cases remember what was tried for one person's badge problem. "
                            "A case id may be shortened to any unique beginning."),
                          case_commands, G_N_ELEMENTS (case_commands), argc, argv);
}
