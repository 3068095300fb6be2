/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-file"

/* renameat2 needs _GNU_SOURCE, which meson defines for the whole build. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "bd-file.h"

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           GBytes       *contents,
           const char   *path,
           GError      **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (contents, &size);

  while (size > 0)
    {
      gssize n = write (fd, data, size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, path);
      data += n;
      size -= (gsize) n;
    }
  if (fsync (fd) != 0)
    return set_errno_error (error, errno, path);
  return TRUE;
}

/* Moves @tmp to @path without ever replacing a file that appeared there in
 * the meantime: renameat2 where the file system has it, a hard link where
 * it does not. */
static int
move_no_replace (const char *tmp,
                 const char *path)
{
  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return errno;
  if (link (tmp, path) != 0)
    return errno;
  g_unlink (tmp);
  return 0;
}

static void
sync_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * bd_file_write_atomic:
 * @replace: whether an existing file at @path may be replaced
 *
 * Writes @contents to a temporary file beside @path, syncs it and renames
 * it into place: a reader sees the old file or the whole new one, and a
 * failed write leaves nothing behind. Without @replace an existing file
 * gives %G_IO_ERROR_EXISTS and stays as it was.
 */
gboolean
bd_file_write_atomic (const char  *path,
                      GBytes      *contents,
                      gboolean     replace,
                      GError     **error)
{
  g_autofree char *folder = NULL, *base = NULL, *tmp = NULL;
  int fd, failed;

  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", folder, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_errno_error (error, errno, path);
  if (!write_all (fd, contents, path, error))
    {
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }
  close (fd);
  failed = replace ? (g_rename (tmp, path) == 0 ? 0 : errno) : move_no_replace (tmp, path);
  if (failed != 0)
    {
      g_unlink (tmp);
      return set_errno_error (error, failed, path);
    }
  sync_folder (path);
  return TRUE;
}
