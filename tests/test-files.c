/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-files"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bd-case-store.h"
#include "bd-dirs.h"
#include "bd-error.h"
#include "bd-file.h"
#include "bd-guidance-cache.h"
#include "bd-pack.h"

/*
 * Nothing outside Badge Doctor's own folders is touched: a link or a
 * special file planted where its files go is refused, never followed,
 * never read forever; relative XDG folders are ignored; output to a device
 * or a FIFO is written to, never replaced. The links, FIFOs and device
 * nodes are made in the test's own folders, never in /dev.
 */

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* A folder elsewhere, 0755, that a link points at. */
static char *
elsewhere (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-elsewhere-XXXXXX", NULL);

  g_assert_nonnull (dir);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  return g_steal_pointer (&dir);
}

static void
assert_untouched (const char *dir)
{
  struct stat st;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0755);
  g_assert_null (g_dir_read_name (listing));
}

/* The cache folder, or the badge-doctor folder above it, as a link to a
 * folder elsewhere: an update refuses it, naming it, and writes nothing
 * there, nor changes its mode. */
static void
test_cache_folder_link (void)
{
  g_autofree char *dir = bd_guidance_cache_default_dir ();
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *target = elsewhere ();
  g_autoptr(GBytes) pack = text_bytes ("{}");
  g_autoptr(GBytes) signature = text_bytes ("sig");
  g_autoptr(GError) error = NULL;
  BdUpdateState state = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_cmpint (symlink (target, dir), ==, 0);
  g_assert_false (bd_guidance_cache_save (dir, pack, signature, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);
  g_assert_false (bd_update_state_save (dir, &state, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);
  /* nor is anything read through it */
  g_assert_null (bd_guidance_cache_load (dir, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);
  assert_untouched (target);

  /* one level up, the same */
  g_assert_cmpint (g_unlink (dir), ==, 0);
  g_assert_cmpint (g_rmdir (parent), ==, 0);
  g_assert_cmpint (symlink (target, parent), ==, 0);
  g_assert_false (bd_guidance_cache_save (dir, pack, signature, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, parent));
  assert_untouched (target);
  g_unlink (parent);
}

/* The cached envelope as a FIFO, a link to /dev/zero, or too large: the
 * cache is refused at once (not read until 2 GB, not waited on), and the
 * bundled guidance is used. */
static void
test_cache_special_files (void)
{
  g_autofree char *dir = bd_guidance_cache_default_dir ();
  g_autofree char *path = g_build_filename (dir, BD_GUIDANCE_ENVELOPE_NAME, NULL);
  g_autoptr(GBytes) pack = text_bytes ("{}");
  g_autoptr(GBytes) signature = text_bytes ("sig");
  g_autoptr(GPtrArray) keys = bd_guidance_trusted_keys_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) current = NULL;
  gint64 start;

  g_assert_true (bd_guidance_cache_save (dir, pack, signature, NULL));
  g_assert_cmpint (g_unlink (path), ==, 0);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_null (bd_guidance_cache_load (dir, keys, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  current = bd_guidance_load_current (dir, keys, NULL);
  g_assert_cmpint (bd_pack_get_source (current), ==, BD_PACK_SOURCE_BUNDLED);
  g_clear_object (&current);
  /* refused, not moved aside: the person may want to see it */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (path), ==, 0);

  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
  g_assert_null (bd_guidance_cache_load (dir, keys, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  /* all of that at once, not after reading gigabytes */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  {
    /* a regular file over the cap is not read to its end either */
    int fd = open (path, O_WRONLY | O_CREAT, 0600);
    g_assert_cmpint (ftruncate (fd, (off_t) 64 * 1024 * 1024), ==, 0);
    close (fd);
  }
  g_assert_null (bd_guidance_cache_load (dir, keys, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_unlink (path);
}

/* The case store's folder as a link, or the store itself as a link: the
 * store is refused, naming the path, and nothing is moved or made there. */
static void
test_store_links (void)
{
  g_autofree char *path = bd_case_store_dup_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *data = g_path_get_dirname (folder);
  g_autofree char *target = elsewhere ();
  g_autofree char *db = g_build_filename (target, "cases.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCaseStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (symlink (target, folder), ==, 0);
  store = bd_case_store_open (path, BD_CASE_STORE_READ_WRITE, &error);
  g_assert_null (store);
  g_assert_error (error, BD_ERROR, BD_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);
  assert_untouched (target);
  g_assert_cmpint (g_unlink (folder), ==, 0);

  /* a real folder, but the store file a link to a file elsewhere */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (db, "", 0, NULL));
  g_assert_cmpint (symlink (db, path), ==, 0);
  store = bd_case_store_open (path, BD_CASE_STORE_READ_WRITE, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, BD_ERROR, BD_ERROR_CORRUPT));
  g_clear_error (&error);
  /* the link is still there, the file it points at still empty */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  {
    g_autofree char *contents = NULL;
    gsize size = 1;
    g_assert_true (g_file_get_contents (db, &contents, &size, NULL));
    g_assert_cmpuint (size, ==, 0);
  }
}

/* XDG folders given as relative paths are ignored, as the XDG rules say:
 * the default folders under $HOME are used. */
static void
test_relative_xdg (void)
{
  g_autofree char *home = g_dir_make_tmp ("bd-home-XXXXXX", NULL);
  g_autofree char *work = g_build_filename (home, "work", NULL);
  g_autofree char *expected = g_build_filename (home, ".local", "share", "badge-doctor", "cases.db", NULL);
  g_autofree char *relative = g_build_filename (work, "rel", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { g_getenv ("BD_CLI"), "case", "new", "--symptom", "badge-comes-back", NULL };
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);
  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", "rel/data", TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", "rel/cache", TRUE);
  g_assert_true (g_spawn_sync (work, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_false (g_file_test (relative, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

/* A device or a FIFO as the output of --force is written to, not
 * replaced; a folder or other special file is refused. */
static void
test_write_special (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-out-XXXXXX", NULL);
  g_autofree char *device = g_build_filename (dir, "null", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autoptr(GBytes) report = text_bytes ("the report\n");
  g_autoptr(GError) error = NULL;
  struct stat st;

  /* a node of /dev/null's numbers, made here (root may, in a folder it owns) */
  if (mknod (device, S_IFCHR | 0666, makedev (1, 3)) == 0)
    {
      g_assert_false (bd_file_write_atomic (device, report, FALSE, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
      g_clear_error (&error);
      g_assert_true (bd_file_write_atomic (device, report, TRUE, &error));
      g_assert_no_error (error);
      g_assert_cmpint (lstat (device, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
    }
  else
    g_test_message ("no device node test: mknod: %s", g_strerror (errno));

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  {
    /* a reader on the other end, as a printer pipe would be */
    int reader = open (fifo, O_RDONLY | O_NONBLOCK);
    char got[64] = { 0 };

    g_assert_cmpint (reader, >=, 0);
    g_assert_true (bd_file_write_atomic (fifo, report, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (read (reader, got, sizeof got - 1), ==, (gssize) strlen ("the report\n"));
    g_assert_cmpstr (got, ==, "the report\n");
    close (reader);
  }
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* a folder is never written over */
  g_assert_false (bd_file_write_atomic (dir, report, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  /* and nothing new is made among the devices */
  g_assert_false (bd_file_write_atomic ("/dev/badge-doctor-test-report", report, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_false (g_file_test ("/dev/badge-doctor-test-report", G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (listing)) != NULL)
      g_assert_true (g_str_equal (name, "null") || g_str_equal (name, "fifo"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/files/cache-folder-link", test_cache_folder_link);
  g_test_add_func ("/files/cache-special-files", test_cache_special_files);
  g_test_add_func ("/files/store-links", test_store_links);
  g_test_add_func ("/files/relative-xdg", test_relative_xdg);
  g_test_add_func ("/files/write-special", test_write_special);
  return g_test_run ();
}
