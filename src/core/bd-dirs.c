/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-dirs"

#include "bd-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "bd-dirs.h"

/*
 * Where Badge Doctor keeps its files, and the rule for its own folders:
 * they are real folders, never followed through a symbolic link, so a
 * link planted in their place cannot make the program change the mode of,
 * or write into, a folder elsewhere. The base folders a person chose
 * ($XDG_DATA_HOME, $XDG_CACHE_HOME) may be links; the ones the program
 * makes inside them may not.
 */

/* The XDG Base Directory rules: a relative path in the variable is
 * ignored, as if unset. GLib takes it as it is (and tests set the folders
 * through GLib, not the environment). */
static char *
user_dir (const char *dir,
          const char *fallback)
{
  if (dir != NULL && g_path_is_absolute (dir))
    return g_strdup (dir);
  return g_build_filename (g_get_home_dir (), fallback, NULL);
}

char *
bd_dirs_user_data (void)
{
  return user_dir (g_get_user_data_dir (), ".local/share");
}

char *
bd_dirs_user_cache (void)
{
  return user_dir (g_get_user_cache_dir (), ".cache");
}

static gboolean
set_error (GError     **error,
           int          saved,
           const char  *path)
{
  if (saved == ELOOP || saved == ENOTDIR)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                 /* TRANSLATORS: %s is a folder's path */
                 _("%s is not a folder of its own (a symbolic link or a file is in its place); "
                   "Badge Doctor does not use it"), path);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
  return FALSE;
}

/* Opens @name in @parent without following a link, made (0700) first
 * when @create; the last folder, which holds the files, is made private
 * even when it was there. Gives the new descriptor or -1. */
static int
open_child (int          parent,
            const char  *name,
            const char  *path,
            gboolean     create,
            gboolean     last,
            GError     **error)
{
  int fd;

  if (create && mkdirat (parent, name, 0700) != 0 && errno != EEXIST)
    return (set_error (error, errno, path), -1);
  fd = openat (parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return (set_error (error, errno, path), -1);
  /* on the descriptor: the folder opened, not whatever the name is now */
  if (create && last && fchmod (fd, 0700) != 0)
    {
      set_error (error, errno, path);
      close (fd);
      return -1;
    }
  return fd;
}

/**
 * bd_dirs_open_own:
 * @path: a folder of the program's, such as ~/.cache/badge-doctor/guidance
 * @own: how many of @path's last components the program made and owns
 *   (2 there: badge-doctor and guidance); the rest may be links
 * @create: make the owned folders (0700) where they are missing, and the
 *   last one private where it was there
 *
 * Returns: a descriptor of @path (close it), or -1 with @error set;
 *   %G_IO_ERROR_NOT_DIRECTORY, naming the path, when an owned component
 *   is a symbolic link or not a folder, %G_IO_ERROR_NOT_FOUND when it is
 *   missing and @create is not set
 */
int
bd_dirs_open_own (const char  *path,
                  guint        own,
                  gboolean     create,
                  GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *base = g_strdup (path);
  GString *so_far = NULL;
  guint n;
  int fd;

  g_return_val_if_fail (path != NULL && g_path_is_absolute (path), -1);
  g_return_val_if_fail (own >= 1, -1);

  for (guint i = 0; i < own; i++)
    {
      char *slash = strrchr (base, '/');
      g_return_val_if_fail (slash != NULL && slash != base, -1);
      *slash = '\0';
    }
  parts = g_strsplit (path + strlen (base) + 1, "/", -1);
  n = g_strv_length (parts);
  g_return_val_if_fail (n == own, -1);
  if (create && g_mkdir_with_parents (base, 0700) != 0)
    return (set_error (error, errno, base), -1);
  fd = open (base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return (set_error (error, errno, base), -1);
  so_far = g_string_new (base);
  for (guint i = 0; i < n && fd >= 0; i++)
    {
      int child;

      g_string_append_printf (so_far, "/%s", parts[i]);
      child = open_child (fd, parts[i], so_far->str, create, i == n - 1, error);
      close (fd);
      fd = child;
    }
  g_string_free (so_far, TRUE);
  return fd;
}
