/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bd-case-store.h"
#include "bd-pack.h"

G_BEGIN_DECLS

/* Exit codes shared by every subcommand. */
enum
{
  BD_CLI_OK = 0,
  BD_CLI_FAILED = 1,
  BD_CLI_USAGE = 2,
};

/* A subcommand: its name, what runs it, and a line for --help. */
typedef struct
{
  const char *name;
  int (*func) (int    argc,
               char **argv);
  const char *summary;
} BdCliCommand;

int      bd_cli_run           (int           argc,
                               char        **argv);
int      bd_cli_dispatch      (const char         *prefix,
                               const char         *description,
                               const BdCliCommand *commands,
                               guint               n_commands,
                               int                 argc,
                               char              **argv);
int      bd_cli_case          (int           argc,
                               char        **argv);
int      bd_cli_report        (int           argc,
                               char        **argv);
int      bd_cli_update        (int           argc,
                               char        **argv);
gboolean bd_cli_pack_po       (int           argc,
                               char        **argv,
                               int          *status);

/* Shared by the command files. */
void     bd_cli_print_error   (const char   *message);
int      bd_cli_usage_error   (const char   *command,
                               const char   *message);
gboolean bd_cli_parse_options (const char   *command,
                               const char   *parameters,
                               const char   *summary,
                               GOptionEntry *entries,
                               int          *argc,
                               char       ***argv,
                               int           min_args,
                               int           max_args,
                               int          *status);
BdPack  *bd_cli_load_pack     (void);
BdPack  *bd_cli_load_pack_with_keys (char **extra_keys);
gboolean bd_cli_ios_is_valid  (const char   *ios);
char    *bd_cli_quote         (const char   *text);
char    *bd_cli_shown         (const char   *text);
BdPack  *bd_cli_load_pack_for_ios (const char *ios);
void     bd_cli_print_json    (JsonBuilder  *builder);
char    *bd_cli_tsv_field     (const char   *text);
int      bd_cli_write_output  (const char   *output,
                               GBytes       *bytes,
                               gboolean      force,
                               GError      **error);
GPtrArray *bd_cli_trusted_keys (char        **extra);
BdCase  *bd_cli_load_case     (const char   *prefix,
                               char        **id);

G_END_DECLS
