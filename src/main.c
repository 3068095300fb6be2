/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "badge-doctor"

#include "bd-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bd-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(BdApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* BADGE_DOCTOR_LOCALEDIR: the catalogues of a build tree (scripts/run,
   * the tests), before the program is installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BADGE_DOCTOR_LOCALEDIR") ? g_getenv ("BADGE_DOCTOR_LOCALEDIR")
                                                                        : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = bd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
