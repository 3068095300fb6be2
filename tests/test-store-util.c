/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-util"

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
