/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-nginx"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "bd-guidance-cache.h"
#include "bd-updater.h"
#include "test-guidance.h"

/*
 * The updater against a real web server: Debian's nginx-light on a
 * loopback port, with its own prefix and configuration, serving guidance
 * the way a help desk would publish it. Its ETags, its gzip (which makes
 * the ETag weak), its limit_rate, and publishing with an atomic mv.
 */

static TestKey key;
static char *prefix;
static GSubprocess *nginx;
static char *base_url;

static const char config_template[] =
  "daemon off;\n"
  "master_process off;\n"
  "worker_processes 1;\n"
  "pid %1$s/nginx.pid;\n"
  "error_log %1$s/error.log;\n"
  "events { worker_connections 64; }\n"
  "http {\n"
  "  access_log %1$s/access.log;\n"
  "  client_body_temp_path %1$s/tmp/body;\n"
  "  proxy_temp_path %1$s/tmp/proxy;\n"
  "  fastcgi_temp_path %1$s/tmp/fastcgi;\n"
  "  scgi_temp_path %1$s/tmp/scgi;\n"
  "  uwsgi_temp_path %1$s/tmp/uwsgi;\n"
  "  types { application/json json; text/plain minisig; }\n"
  "  server {\n"
  "    listen 127.0.0.1:%2$u;\n"
  "    root %1$s/www;\n"
  "    location /gz/ { gzip on; gzip_types application/json; gzip_min_length 1; }\n"
  "    location /slow/ { limit_rate 4k; }\n"
  "  }\n"
  "}\n";

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
www (const char *path)
{
  return g_build_filename (prefix, "www", path, NULL);
}

/* Writes the pack and its signature beside their places, then moves each
 * into place with rename(2): a reader never sees half a file. */
static void
publish (const char *folder,
         const char *version)
{
  g_autoptr(GBytes) pack = test_pack_with_version (version);
  g_autoptr(GBytes) signature = test_key_sign (&key, pack);
  g_autofree char *dir = www (folder);
  g_autofree char *pack_path = g_build_filename (dir, "guidance.json", NULL);
  g_autofree char *sig_path = g_build_filename (dir, "guidance.json.minisig", NULL);
  g_autofree char *pack_new = g_strconcat (pack_path, ".new", NULL);
  g_autofree char *sig_new = g_strconcat (sig_path, ".new", NULL);

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (g_file_set_contents (pack_new, g_bytes_get_data (pack, NULL), (gssize) g_bytes_get_size (pack), NULL));
  g_assert_true (g_file_set_contents (sig_new, g_bytes_get_data (signature, NULL), (gssize) g_bytes_get_size (signature), NULL));
  g_assert_cmpint (g_rename (sig_new, sig_path), ==, 0);
  g_assert_cmpint (g_rename (pack_new, pack_path), ==, 0);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
nginx_answers (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port,
                                                                            NULL, NULL);
  return connection != NULL;
}

static void
start_nginx (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL, *config_path = NULL, *tmp = NULL;
  g_autofree char *program = g_find_program_in_path ("nginx");
  guint port = free_port ();
  gint64 deadline;

  if (program == NULL && g_file_test ("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
    program = g_strdup ("/usr/sbin/nginx");
  g_assert_nonnull (program); /* Debian's nginx-light, installed by scripts/test */
  prefix = g_dir_make_tmp ("bd-nginx-XXXXXX", NULL);
  g_chmod (prefix, 0755);
  tmp = g_build_filename (prefix, "tmp", NULL);
  g_mkdir_with_parents (tmp, 0755);
  config = g_strdup_printf (config_template, prefix, port);
  config_path = g_build_filename (prefix, "nginx.conf", NULL);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE);
    /* nginx goes when the test goes, even when an assertion aborts it */
    g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
    nginx = g_subprocess_launcher_spawn (launcher, &error, program, "-p", prefix, "-c", config_path, NULL);
  }
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!nginx_answers (port) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_true (nginx_answers (port));
  base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
check (const char *folder,
       BdPack     *current,
       guint       timeout,
       TestOutcome    *outcome)
{
  g_autofree char *line = test_key_line (&key);
  g_autoptr(GPtrArray) keys = bd_guidance_trusted_keys_new ((const char * const[]) { line, NULL }, NULL);
  g_autofree char *dir = bd_guidance_cache_default_dir ();
  g_autoptr(BdUpdater) updater = bd_updater_new (dir, keys);
  g_autofree char *url = g_strdup_printf ("%s/%s/guidance.json", base_url, folder);

  if (timeout > 0)
    bd_updater_set_timeout (updater, timeout);
  bd_updater_check_async (updater, url, current, NULL, test_outcome_done, outcome);
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static guint
count_304 (const char *folder)
{
  g_autofree char *path = g_build_filename (prefix, "access.log", NULL);
  g_autofree char *log = NULL;
  g_autofree char *needle = g_strdup_printf ("GET /%s/guidance.json HTTP/1.1\" 304 ", folder);
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &log, NULL, NULL));
  for (const char *at = strstr (log, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* Update, then ask again with the ETag nginx gave: 304, up to date. In
 * /gz/ nginx gzips the pack and weakens its ETag; that works the same. */
static void
run_etag_round (const char *folder,
                const char *version)
{
  g_autoptr(BdPack) bundled = bd_pack_new_bundled (NULL);
  g_autofree char *dir = bd_guidance_cache_default_dir ();
  g_autoptr(BdUpdateState) state = NULL;
  g_auto(TestOutcome) first = { 0 }, second = { 0 };

  publish (folder, version);
  check (folder, bundled, 0, &first);
  g_assert_no_error (first.error);
  g_assert_cmpint (first.result, ==, BD_UPDATE_UPDATED);
  g_assert_cmpstr (bd_pack_get_version (first.pack), ==, version);
  state = bd_update_state_load (dir);
  g_assert_nonnull (state->etag);
  if (g_str_equal (folder, "gz"))
    g_assert_true (g_str_has_prefix (state->etag, "W/"));
  else
    g_assert_false (g_str_has_prefix (state->etag, "W/"));
  check (folder, first.pack, 0, &second);
  g_assert_no_error (second.error);
  g_assert_cmpint (second.result, ==, BD_UPDATE_UP_TO_DATE);
  g_assert_cmpuint (count_304 (folder), ==, 1);
}

static void
test_etag (void)
{
  run_etag_round ("plain", "2099.1.1");
}

static void
test_gzip_weak_etag (void)
{
  run_etag_round ("gz", "2099.1.1");
}

/* 4 KiB a second for a 75 KiB pack: well past a 2 s deadline. */
static void
test_limit_rate (void)
{
  g_autoptr(BdPack) bundled = bd_pack_new_bundled (NULL);
  g_auto(TestOutcome) outcome = { 0 };
  gint64 start = g_get_monotonic_time ();

  publish ("slow", "2099.1.1");
  check ("slow", bundled, 2, &outcome);
  g_assert_error (outcome.error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 6 * G_USEC_PER_SEC);
}

/* A help desk publishes a newer pack with mv over the old one: the next
 * check picks it up (its ETag is no longer the one kept). */
static void
test_atomic_publish (void)
{
  g_autoptr(BdPack) bundled = bd_pack_new_bundled (NULL);
  g_auto(TestOutcome) first = { 0 }, second = { 0 };

  publish ("desk", "2099.1.1");
  check ("desk", bundled, 0, &first);
  g_assert_no_error (first.error);
  g_assert_cmpstr (bd_pack_get_version (first.pack), ==, "2099.1.1");
  /* nginx's ETag is the time to the second and the size: a longer
   * version, as a real publication would differ */
  publish ("desk", "2099.1.20");
  check ("desk", first.pack, 0, &second);
  g_assert_no_error (second.error);
  g_assert_cmpint (second.result, ==, BD_UPDATE_UPDATED);
  g_assert_cmpstr (bd_pack_get_version (second.pack), ==, "2099.1.20");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  test_key_init (&key);
  start_nginx ();

  g_test_add_func ("/nginx/etag", test_etag);
  g_test_add_func ("/nginx/gzip-weak-etag", test_gzip_weak_etag);
  g_test_add_func ("/nginx/limit-rate", test_limit_rate);
  g_test_add_func ("/nginx/atomic-publish", test_atomic_publish);
  status = g_test_run ();

  g_subprocess_force_exit (nginx);
  g_subprocess_wait (nginx, NULL, NULL);
  g_clear_object (&nginx);
  test_key_clear (&key);
  g_free (base_url);
  g_free (prefix);
  return status;
}
