/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes shared by every subcommand. */
enum
{
  BD_CLI_OK = 0,
  BD_CLI_FAILED = 1,
  BD_CLI_USAGE = 2,
};

int bd_cli_run (int    argc,
                char **argv);

G_END_DECLS
