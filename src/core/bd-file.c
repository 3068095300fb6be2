/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-file"

/* renameat2 needs _GNU_SOURCE, which meson defines for the whole build. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
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

/* Every byte of @contents to @fd; a device or a pipe cannot be synced. */
static gboolean
write_bytes (int           fd,
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
  return TRUE;
}

/* ... and on the disk before the file is renamed into place. */
static gboolean
write_all (int           fd,
           GBytes       *contents,
           const char   *path,
           GError      **error)
{
  if (!write_bytes (fd, contents, path, error))
    return FALSE;
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

/* A character device or a FIFO (/dev/stdout, a pipe to a printer) is
 * written to as it is: it cannot be replaced, and a temporary file beside
 * it would land in /dev. */
static gboolean
write_in_place (const char  *path,
                GBytes      *contents,
                GError     **error)
{
  int fd = open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    return set_errno_error (error, errno, path);
  if (!write_bytes (fd, contents, path, error))
    {
      close (fd);
      return FALSE;
    }
  if (close (fd) != 0)
    return set_errno_error (error, errno, path);
  return TRUE;
}

/* What is at @path decides how it is written: nothing there or a regular
 * file (through a link or not) is replaced whole; a character device or
 * a FIFO is written in place, and only with @replace; anything else
 * (a folder, a socket, a disk) is refused. */
static gboolean
check_target (const char  *path,
              gboolean     replace,
              gboolean    *in_place,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat st;

  *in_place = FALSE;
  if (stat (path, &st) != 0)
    {
      /* a new file is made beside it: never among the devices */
      if (errno == ENOENT && (g_str_equal (folder, "/dev") || g_str_has_prefix (folder, "/dev/")))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "%s: Badge Doctor does not make new files in /dev", path);
          return FALSE;
        }
      return TRUE;
    }
  if (S_ISREG (st.st_mode))
    return TRUE;
  if (!S_ISCHR (st.st_mode) && !S_ISFIFO (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                   "%s: %s", path, g_strerror (S_ISDIR (st.st_mode) ? EISDIR : EINVAL));
      return FALSE;
    }
  if (!replace)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s: %s", path, g_strerror (EEXIST));
      return FALSE;
    }
  *in_place = TRUE;
  return TRUE;
}

/**
 * bd_file_write_atomic:
 * @replace: whether an existing file at @path may be replaced
 *
 * Writes @contents to a temporary file beside @path, syncs it and renames
 * it into place: a reader sees the old file or the whole new one, and a
 * failed write leaves nothing behind. Without @replace an existing file
 * gives %G_IO_ERROR_EXISTS and stays as it was. With it, a character
 * device or a FIFO at @path is written to, never replaced.
 */
gboolean
bd_file_write_atomic (const char  *path,
                      GBytes      *contents,
                      gboolean     replace,
                      GError     **error)
{
  g_autofree char *folder = NULL, *base = NULL, *tmp = NULL;
  gboolean in_place = FALSE;
  int fd, failed;

  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (!check_target (path, replace, &in_place, error))
    return FALSE;
  if (in_place)
    return write_in_place (path, contents, error);
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

/**
 * bd_file_read_at:
 * @folder: a descriptor of the folder (bd_dirs_open_own())
 * @path: @folder/@name, for messages
 * @cap: the most bytes accepted
 *
 * Reads a file of the program's own: never through a symbolic link, never
 * anything but a regular file (a FIFO would block, /dev/zero would never
 * end), and never more than @cap bytes.
 *
 * Returns: (transfer full) (nullable): the contents; %G_IO_ERROR_NOT_FOUND
 *   when there is no such file
 */
GBytes *
bd_file_read_at (int          folder,
                 const char  *name,
                 const char  *path,
                 gsize        cap,
                 GError     **error)
{
  struct stat st;
  g_autofree guint8 *data = NULL;
  gsize size = 0;
  int fd = openat (folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

  if (fd < 0)
    {
      if (errno == ELOOP)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                     "%s is a symbolic link; Badge Doctor does not follow it", path);
      else
        set_errno_error (error, errno, path);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, path);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || (guint64) st.st_size > cap)
    {
      if (!S_ISREG (st.st_mode))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "%s is not a regular file", path);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s is larger than %" G_GSIZE_FORMAT " bytes", path, cap);
      close (fd);
      return NULL;
    }
  data = g_malloc (cap + 1);
  while (size <= cap)
    {
      gssize n = read (fd, data + size, cap + 1 - size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, path);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      size += (gsize) n;
    }
  close (fd);
  /* it grew while it was read */
  if (size > cap)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s is larger than %" G_GSIZE_FORMAT " bytes", path, cap);
      return NULL;
    }
  return g_bytes_new_take (g_realloc (g_steal_pointer (&data), MAX (size, 1)), size);
}

/**
 * bd_file_write_at:
 * @folder: a descriptor of the folder (bd_dirs_open_own())
 * @path: @folder/@name, for messages
 *
 * Replaces @name in @folder as a whole, durably, with a new file of @mode:
 * written beside it, synced, renamed over it (a link at @name is replaced,
 * never followed).
 */
gboolean
bd_file_write_at (int          folder,
                  const char  *name,
                  const char  *path,
                  GBytes      *contents,
                  int          mode,
                  GError     **error)
{
  g_autofree char *tmp = NULL;
  int fd = -1;

  for (guint attempt = 0; fd < 0 && attempt < 100; attempt++)
    {
      g_free (tmp);
      tmp = g_strdup_printf (".%s.%08x", name, g_random_int ());
      fd = openat (folder, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
      if (fd < 0 && errno != EEXIST)
        return set_errno_error (error, errno, path);
    }
  if (fd < 0)
    return set_errno_error (error, EEXIST, path);
  if (!write_all (fd, contents, path, error))
    {
      close (fd);
      unlinkat (folder, tmp, 0);
      return FALSE;
    }
  close (fd);
  if (renameat (folder, tmp, folder, name) != 0)
    {
      int saved = errno;
      unlinkat (folder, tmp, 0);
      return set_errno_error (error, saved, path);
    }
  fsync (folder);
  return TRUE;
}

/**
 * bd_file_read_stream:
 * @cap: the most bytes accepted
 *
 * Reads @stream to its end, however the bytes come (a pipe gives 64 KiB
 * a time), but never more than @cap bytes plus one: the caller tells an
 * input over its cap by that one byte, without all of a huge one read.
 *
 * Returns: (transfer full) (nullable): the bytes
 */
GBytes *
bd_file_read_stream (GInputStream  *stream,
                     gsize          cap,
                     GError       **error)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();

  for (;;)
    {
      g_autoptr(GBytes) chunk = g_input_stream_read_bytes (stream, MIN (cap + 1 - all->len, 1024 * 1024),
                                                           NULL, error);
      gsize size = 0;
      const guint8 *data;

      if (chunk == NULL)
        return NULL;
      data = g_bytes_get_data (chunk, &size);
      if (size == 0)
        break;
      g_byte_array_append (all, data, size);
      if (all->len > cap)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

/**
 * bd_file_read_capped:
 *
 * Reads @file (a regular file, a pipe such as <(…), a FIFO) to its end
 * within @cap bytes, as bd_file_read_stream() does.
 */
GBytes *
bd_file_read_capped (GFile   *file,
                     gsize    cap,
                     GError **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);

  if (stream == NULL)
    return NULL;
  return bd_file_read_stream (G_INPUT_STREAM (stream), cap, error);
}
