/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-util"

#include <gio/gio.h>
#include <stdarg.h>
#include <string.h>

#include "test-store-util.h"

/* Whether a descriptor of this process points at a file of the store at
 * @path (the file, its -wal or -shm) that is gone: another process deleted
 * it under our connections. */
gboolean
test_store_file_deleted (const char *path)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  while (fds != NULL && (name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);
      if (target != NULL && g_str_has_prefix (target, path) && g_str_has_suffix (target, "(deleted)"))
        return TRUE;
    }
  return FALSE;
}

/* badge-doctor-cli ($BD_CLI) with the arguments given, on this test's
 * store; its standard output. @status, when given, gets the exit status;
 * without it, the command must succeed. */
char *
test_store_run_cli (int        *status,
                    const char *first,
                    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("BD_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  if (status != NULL)
    *status = g_subprocess_get_exit_status (child);
  else
    g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  return out;
}
