/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-updater"

#include "bd-config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <time.h>

#include "bd-guidance-cache.h"
#include "bd-minisign.h"
#include "bd-update-url.h"
#include "bd-updater.h"
#include "test-guidance.h"

/*
 * The updater against a server this test runs on 127.0.0.1, with keys the
 * test makes itself: a good newer pack is kept; every bad answer leaves
 * the pack in use and the cache byte for byte as they were.
 */

#define NEWER "2099.1.1"
#define OLDER "2000.1.1"

static TestKey trusted_key, other_key;
static SoupServer *server;
static char *base_url;
static GHashTable *routes;    /* path -> GBytes */
static GMutex lock;             /* routes and what the server last saw */
static GMainContext *server_context;
static GMainLoop *server_loop;
static GThread *server_thread;
static char *last_user_agent;
static char *last_if_none_match;
static guint n_requests;

static GPtrArray *
trusted_keys (void)
{
  g_autofree char *line = test_key_line (&trusted_key);
  const char *extra[] = { line, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *keys = bd_guidance_trusted_keys_new (extra, &error);

  g_assert_no_error (error);
  return keys;
}

/* --- the server ---------------------------------------------------------- */

static void
route (const char *path,
       GBytes     *body)
{
  g_mutex_lock (&lock);
  g_hash_table_insert (routes, g_strdup (path), g_bytes_ref (body));
  g_mutex_unlock (&lock);
}

static void
route_signed (const char    *path,
              GBytes        *body,
              const TestKey *key)
{
  g_autofree char *sig_path = g_strconcat (path, ".minisig", NULL);
  g_autoptr(GBytes) signature = test_key_sign (key, body);

  route (path, body);
  route (sig_path, signature);
}

static void
redirect (SoupServerMessage *message,
          const char        *location)
{
  soup_server_message_set_status (message, 302, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Location", location);
}

/* 5 MiB of zeros, gzipped to a few KiB: only counting decoded bytes stops it. */
static void
serve_bomb (SoupServerMessage *message)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  g_autofree guint8 *zeros = g_malloc0 (5 * 1024 * 1024);
  g_autofree guint8 *out = g_malloc (1024 * 1024);
  gsize read = 0, written = 0;

  g_converter_convert (compressor, zeros, 5 * 1024 * 1024, out, 1024 * 1024, G_CONVERTER_INPUT_AT_END,
                       &read, &written, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Content-Encoding", "gzip");
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, (const char *) out, written);
}

/* A body that never ends: another 64 KiB each time one is written. */
static void
append_chunk (SoupServerMessage *message)
{
  static char chunk[65536];

  memset (chunk, 'x', sizeof chunk);
  soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC,
                            chunk, sizeof chunk);
}

static void
serve_endless (SoupServerMessage *message,
               gboolean           huge_length)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  if (huge_length)
    soup_message_headers_set_content_length (headers, G_GINT64_CONSTANT (10) * 1024 * 1024 * 1024);
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (message, 200, NULL);
  g_signal_connect (message, "wrote-chunk", G_CALLBACK (append_chunk), NULL);
  append_chunk (message);
}

/* One byte every 300 ms: each read is quick, the whole never ends in time. */
static gboolean
trickle_byte (gpointer data)
{
  SoupServerMessage *message = data;

  soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC, "{", 1);
  soup_server_message_unpause (message);
  return G_SOURCE_CONTINUE;
}

static void
stop_trickle (GSource *source)
{
  g_source_destroy (source);
}

/* On the server's own context: the server runs on its own thread, so that
 * the main loop measured is the updater's alone. */
static void
serve_trickle (SoupServerMessage *message)
{
  GSource *source = g_timeout_source_new (300);

  soup_message_headers_set_encoding (soup_server_message_get_response_headers (message), SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (message, 200, NULL);
  g_source_set_callback (source, trickle_byte, message, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_object_set_data_full (G_OBJECT (message), "trickle", source, (GDestroyNotify) g_source_unref);
  g_signal_connect_swapped (message, "finished", G_CALLBACK (stop_trickle), source);
  g_signal_connect_swapped (message, "disconnected", G_CALLBACK (stop_trickle), source);
}

static gboolean
serve_special (SoupServerMessage *message,
               const char        *path)
{
  if (g_str_equal (path, "/moved.json") || g_str_equal (path, "/moved.json.minisig"))
    redirect (message, g_str_has_suffix (path, ".minisig") ? "/good.json.minisig" : "/good.json");
  else if (g_str_equal (path, "/loop.json"))
    redirect (message, "/loop.json");
  else if (g_str_equal (path, "/to-http.json"))
    redirect (message, "http://example.com/good.json");
  else if (g_str_equal (path, "/bomb.json"))
    serve_bomb (message);
  else if (g_str_equal (path, "/slow.json"))
    soup_server_message_pause (message);
  else if (g_str_equal (path, "/broken.json"))
    soup_server_message_set_status (message, 500, NULL);
  else if (g_str_equal (path, "/too-many.json"))
    soup_server_message_set_status (message, 429, NULL);
  else if (g_str_equal (path, "/unavailable.json"))
    soup_server_message_set_status (message, 503, NULL);
  else if (g_str_equal (path, "/endless.json") || g_str_equal (path, "/huge-length.json"))
    serve_endless (message, g_str_equal (path, "/huge-length.json"));
  else if (g_str_equal (path, "/trickle.json"))
    serve_trickle (message);
  else
    return FALSE;
  return TRUE;
}

static void
on_request (SoupServer        *soup_server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  GBytes *body;

  g_mutex_lock (&lock);
  n_requests++;
  g_free (last_user_agent);
  g_free (last_if_none_match);
  last_user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  last_if_none_match = g_strdup (if_none_match);
  body = g_hash_table_lookup (routes, path);
  if (body != NULL)
    g_bytes_ref (body);
  g_mutex_unlock (&lock);
  if (serve_special (message, path))
    return;
  if (body == NULL)
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  if (g_strcmp0 (if_none_match, "\"good-1\"") == 0 && g_str_equal (path, "/good.json"))
    {
      soup_server_message_set_status (message, 304, NULL);
      g_bytes_unref (body);
      return;
    }
  if (g_str_equal (path, "/good.json"))
    soup_message_headers_replace (soup_server_message_get_response_headers (message), "ETag", "\"good-1\"");
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_bytes_unref (body);
}

static gpointer
run_server (gpointer data)
{
  g_main_context_push_thread_default (server_context);
  g_main_loop_run (server_loop);
  g_main_context_pop_thread_default (server_context);
  return NULL;
}

static gboolean
stop_server_loop (gpointer data)
{
  g_main_loop_quit (server_loop);
  return G_SOURCE_REMOVE;
}

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GBytes) newer = test_pack_with_version (NEWER);
  g_autoptr(GBytes) older = test_pack_with_version (OLDER);
  g_autoptr(GBytes) same = bd_pack_get_bundled_bytes ();
  g_autoptr(GBytes) invalid = g_bytes_new_static ("{\"format\": 1}", 13);
  g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (5 * 1024 * 1024), 5 * 1024 * 1024);

  routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  route_signed ("/good.json", newer, &trusted_key);
  route_signed ("/older.json", older, &trusted_key);
  route_signed ("/same.json", same, &trusted_key);
  route_signed ("/unknown-key.json", newer, &other_key);
  route_signed ("/invalid.json", invalid, &trusted_key);
  {
    g_autoptr(GBytes) not_json = g_bytes_new_static ("{ \"format\": 1, oops", 18);
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GBytes) nested = NULL;

    for (guint i = 0; i < 5000; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 5000; i++)
      g_string_append_c (deep, ']');
    nested = g_string_free_to_bytes (g_steal_pointer (&deep));
    route_signed ("/not-json.json", not_json, &trusted_key);
    route_signed ("/deep.json", nested, &trusted_key);
  }
  route ("/unsigned.json", newer);
  route_signed ("/huge.json", huge, &trusted_key);
  {
    g_autoptr(GBytes) signature = test_key_sign (&trusted_key, newer);
    g_autoptr(GString) flipped = g_string_new_len (g_bytes_get_data (newer, NULL), g_bytes_get_size (newer));
    g_autoptr(GBytes) tampered = NULL;

    flipped->str[100] ^= 0x01;
    tampered = g_string_free_to_bytes (g_steal_pointer (&flipped));
    route ("/tampered.json", tampered);
    route ("/tampered.json.minisig", signature);
  }
  server_context = g_main_context_new ();
  server_loop = g_main_loop_new (server_context, FALSE);
  g_main_context_push_thread_default (server_context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (server_context);
  server_thread = g_thread_new ("test-server", run_server, NULL);
  uris = soup_server_get_uris (server);
  base_url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (base_url, "/"))
    base_url[strlen (base_url) - 1] = '\0';
}

/* --- running a check ----------------------------------------------------- */

static char *
cache_dir (void)
{
  return bd_guidance_cache_default_dir ();
}

static void
check (const char *path,
       BdPack     *current,
       guint       timeout,
       TestOutcome    *outcome)
{
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autofree char *dir = cache_dir ();
  g_autoptr(BdUpdater) updater = bd_updater_new (dir, keys);
  g_autofree char *url = g_str_has_prefix (path, "/") ? g_strconcat (base_url, path, NULL) : g_strdup (path);

  if (timeout > 0)
    bd_updater_set_timeout (updater, timeout);
  bd_updater_check_async (updater, url, current, NULL, test_outcome_done, outcome);
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static char *
read_envelope (void)
{
  g_autofree char *dir = cache_dir ();
  g_autofree char *path = g_build_filename (dir, BD_GUIDANCE_ENVELOPE_NAME, NULL);
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, NULL);
  return data;
}

static BdPack *
current_pack (void)
{
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autofree char *dir = cache_dir ();

  return bd_guidance_load_current (dir, keys, NULL);
}

/* A valid pack just under the 4 MiB cap: the bundled one with 500 long
 * explanations and 50 long guides more. */
static GBytes *
large_pack (void)
{
  g_autoptr(GBytes) base = test_pack_with_version ("2099.2.1");
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (base, NULL), g_bytes_get_size (base));
  g_autoptr(GString) explanations = g_string_new ("\"explanations\": [");
  g_autoptr(GString) guides = g_string_new ("\"guides\": [");
  g_autofree char *words = NULL;
  GString *filler = g_string_new (NULL);

  while (filler->len < 3800)
    g_string_append (filler, "Open Settings and look at the badge count once more. ");
  words = g_string_free (filler, FALSE);
  for (guint i = 0; i < 470; i++)
    g_string_append_printf (explanations, "{\"id\": \"extra-%u\", \"kind\": \"cause\", \"title\": {\"en\": "
                            "\"Extra %u\"}, \"body\": {\"en\": \"%s\"}},", i, i, words);
  for (guint i = 0; i < 50; i++)
    {
      g_string_append_printf (guides, "{\"id\": \"extra-guide-%u\", \"kind\": \"fix\", \"title\": {\"en\": "
                              "\"Extra guide %u\"}, \"summary\": {\"en\": \"More.\"}, \"steps\": [", i, i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (guides, "%s{\"id\": \"s%u\", \"text\": {\"en\": \"%s\"}}", j ? "," : "", j, words);
      g_string_append (guides, "], \"checked\": [{\"platform\": \"iOS\", \"from\": \"16\", \"to\": \"26.1\"}]},");
    }
  g_assert_cmpuint (test_json_replace (text, "\"explanations\": [", explanations->str), ==, 1);
  g_assert_cmpuint (test_json_replace (text, "\"guides\": [", guides->str), ==, 1);
  g_assert_cmpuint (text->len, >, 3 * 1024 * 1024);
  g_assert_cmpuint (text->len, <, 4 * 1024 * 1024);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

/* The main thread's own CPU time: what a main-loop iteration costs, and
 * not the time the machine gave to other threads meanwhile. */
static gint64
thread_cpu_usec (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* --- HTTPS: a test certificate authority made at test time --------------- */

static BdPack *install_cached   (const char *version);
static void    assert_untouched (BdPack     *current,
                                 const char *envelope);

static void
run_openssl (const char         *dir,
             const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tool = g_find_program_in_path ("openssl");
  int status = 0;

  g_assert_nonnull (tool); /* Debian's openssl, installed by scripts/test */
  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed: %s", argv[1], err);
}

/* NAME.key and NAME.pem: a certificate authority. */
static void
make_ca (const char *dir,
         const char *name)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL), *pem = g_strconcat (name, ".pem", NULL);
  g_autofree char *subject = g_strdup_printf ("/CN=Badge Doctor %s", name);

  run_openssl (dir, (const char * const[]) { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                              "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                                              "-out", pem, "-days", "2", "-subj", subject, NULL });
}

/* NAME.key and NAME.pem for 127.0.0.1, signed by CA, valid from START to
 * END (YYYYMMDDHHMMSSZ). `openssl ca` is what lets a test choose dates. */
static void
make_server_cert (const char *dir,
                  const char *ca,
                  const char *name,
                  const char *start,
                  const char *end)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL), *pem = g_strconcat (name, ".pem", NULL);
  g_autofree char *csr = g_strconcat (name, ".csr", NULL), *ca_key = g_strconcat (ca, ".key", NULL);
  g_autofree char *ca_pem = g_strconcat (ca, ".pem", NULL);
  g_autofree char *config = g_build_filename (dir, "ca.cnf", NULL);
  g_autofree char *config_text = g_strdup_printf (
    "[ca]\ndefault_ca = test\n[test]\ndatabase = %s/index.txt\nnew_certs_dir = %s\nserial = %s/serial\n"
    "default_md = sha256\npolicy = any\ncopy_extensions = copy\nunique_subject = no\n"
    "x509_extensions = server\n[any]\ncommonName = supplied\n[server]\nsubjectAltName = IP:127.0.0.1\n",
    dir, dir, dir);
  g_autofree char *index = g_build_filename (dir, "index.txt", NULL);
  g_autofree char *serial = g_build_filename (dir, "serial", NULL);

  g_assert_true (g_file_set_contents (config, config_text, -1, NULL));
  g_assert_true (g_file_set_contents (index, "", 0, NULL));
  g_assert_true (g_file_set_contents (serial, "1000\n", -1, NULL));
  run_openssl (dir, (const char * const[]) { "openssl", "req", "-newkey", "ec", "-pkeyopt",
                                              "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                                              "-out", csr, "-subj", "/CN=127.0.0.1", NULL });
  run_openssl (dir, (const char * const[]) { "openssl", "ca", "-batch", "-config", config, "-cert", ca_pem,
                                              "-keyfile", ca_key, "-in", csr, "-out", pem,
                                              "-startdate", start, "-enddate", end, NULL });
}

static SoupServer *
https_server (const char  *dir,
              const char  *name,
              char       **url)
{
  g_autofree char *pem = g_strdup_printf ("%s/%s.pem", dir, name), *key = g_strdup_printf ("%s/%s.key", dir, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (pem, key, &error);
  g_autoptr(GSList) uris = NULL;
  SoupServer *https;

  g_assert_no_error (error);
  https = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (https, NULL, on_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (https, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (https);
  {
    g_autofree char *base = g_uri_to_string (uris->data);
    *url = g_strconcat (base, "good.json", NULL);
  }
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return https;
}

static void
check_https (const char     *url,
             GTlsDatabase   *database,
             BdPack         *current,
             TestOutcome        *outcome)
{
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autofree char *dir = cache_dir ();
  g_autoptr(BdUpdater) updater = bd_updater_new (dir, keys);

  bd_updater_set_tls_database (updater, database);
  bd_updater_check_async (updater, url, current, NULL, test_outcome_done, outcome);
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

/* https with the server's certificate from a CA the session trusts; one
 * from a CA it does not; one that expired (the hint: check the clock). */
static void
test_https (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-tls-XXXXXX", NULL);
  g_autofree char *ca_pem = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *good_url = NULL, *stranger_url = NULL, *expired_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupServer) good = NULL, stranger = NULL, expired = NULL;
  g_autoptr(BdPack) current = install_cached ("2050.1.1");
  g_autofree char *envelope = read_envelope ();
  g_auto(TestOutcome) refused = { 0 }, stale = { 0 }, updated = { 0 };

  make_ca (dir, "ca");
  make_ca (dir, "other-ca");
  make_server_cert (dir, "ca", "server", "20200101000000Z", "20991231000000Z");
  make_server_cert (dir, "other-ca", "stranger", "20200101000000Z", "20991231000000Z");
  make_server_cert (dir, "ca", "expired", "20200101000000Z", "20200102000000Z");
  database = g_tls_file_database_new (ca_pem, &error);
  g_assert_no_error (error);
  good = https_server (dir, "server", &good_url);
  stranger = https_server (dir, "stranger", &stranger_url);
  expired = https_server (dir, "expired", &expired_url);

  check_https (stranger_url, database, current, &refused);
  g_assert_error (refused.error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_TLS);
  assert_untouched (current, envelope);
  check_https (expired_url, database, current, &stale);
  g_assert_error (stale.error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_TLS_TIME);
  assert_untouched (current, envelope);

  check_https (good_url, database, current, &updated);
  g_assert_no_error (updated.error);
  g_assert_cmpint (updated.result, ==, BD_UPDATE_UPDATED);
  g_assert_cmpstr (bd_pack_get_version (updated.pack), ==, NEWER);

  /* Close the TLS connections before the next test uses the port range. */
  soup_server_disconnect (good);
  soup_server_disconnect (stranger);
  soup_server_disconnect (expired);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* --- tests --------------------------------------------------------------- */

/* A 4 MiB pack fetched, verified, validated and compared on the worker
 * thread: no main-loop iteration works for a frame's time meanwhile. */
static void
test_main_loop_free (void)
{
  g_autoptr(GBytes) pack = large_pack ();
  g_autoptr(BdPack) bundled = bd_pack_new_bundled (NULL);
  g_autofree char *dir = cache_dir ();
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autoptr(BdUpdater) updater = bd_updater_new (dir, keys);
  g_autofree char *url = g_strconcat (base_url, "/large.json", NULL);
  g_auto(TestOutcome) outcome = { 0 };
  gint64 longest = 0;
  guint iterations = 0;

  route_signed ("/large.json", pack, &trusted_key);
  bd_updater_check_async (updater, url, bundled, NULL, test_outcome_done, &outcome);
  while (!outcome.done)
    {
      gint64 start = thread_cpu_usec ();
      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, thread_cpu_usec () - start);
      iterations++;
    }
  g_assert_no_error (outcome.error);
  g_assert_cmpint (outcome.result, ==, BD_UPDATE_UPDATED);
  g_test_message ("%u main-loop iterations, the longest %.2f ms of main-thread time",
                  iterations, longest / 1000.0);
  g_assert_cmpint (longest, <, 16000);
}

/* A cached pack in use, as after an earlier update: what every refusal
 * must leave exactly as it was. */
static BdPack *
install_cached (const char *version)
{
  g_autofree char *dir = cache_dir ();
  g_autoptr(GBytes) pack = test_pack_with_version (version);
  g_autoptr(GBytes) signature = test_key_sign (&trusted_key, pack);
  BdPack *current;

  g_assert_true (bd_guidance_cache_save (dir, pack, signature, NULL));
  current = current_pack ();
  g_assert_cmpstr (bd_pack_get_version (current), ==, version);
  g_assert_cmpint (bd_pack_get_source (current), ==, BD_PACK_SOURCE_CACHE);
  return current;
}

static void
assert_untouched (BdPack     *current,
                  const char *envelope)
{
  g_autofree char *after = read_envelope ();
  g_autoptr(BdPack) now = current_pack ();

  g_assert_cmpstr (after, ==, envelope);
  g_assert_cmpstr (bd_pack_get_version (now), ==, bd_pack_get_version (current));
  g_assert_cmpint (bd_pack_get_source (now), ==, BD_PACK_SOURCE_CACHE);
}

/* Every way an update can go wrong: a clear reason, and the pack in use
 * and the cache byte for byte as they were. */
static void
test_refusals (void)
{
  static const struct { const char *path; BdUpdateError code; } cases[] = {
    { "/tampered.json", BD_UPDATE_ERROR_SIGNATURE },
    { "/unknown-key.json", BD_UPDATE_ERROR_UNKNOWN_KEY },
    { "/unsigned.json", BD_UPDATE_ERROR_NO_SIGNATURE },
    { "/invalid.json", BD_UPDATE_ERROR_INVALID },
    { "/not-json.json", BD_UPDATE_ERROR_INVALID },
    { "/deep.json", BD_UPDATE_ERROR_INVALID },
    { "/older.json", BD_UPDATE_ERROR_DOWNGRADE },
    { "/huge.json", BD_UPDATE_ERROR_TOO_LARGE },
    { "/huge-length.json", BD_UPDATE_ERROR_TOO_LARGE },
    { "/endless.json", BD_UPDATE_ERROR_TOO_LARGE },
    { "/bomb.json", BD_UPDATE_ERROR_TOO_LARGE },
    { "/missing.json", BD_UPDATE_ERROR_HTTP },
    { "/too-many.json", BD_UPDATE_ERROR_HTTP },
    { "/broken.json", BD_UPDATE_ERROR_HTTP },
    { "/unavailable.json", BD_UPDATE_ERROR_HTTP },
    { "/loop.json", BD_UPDATE_ERROR_REDIRECTS },
    { "/to-http.json", BD_UPDATE_ERROR_ADDRESS },
    { "http://example.com/good.json", BD_UPDATE_ERROR_ADDRESS },
    { "ftp://127.0.0.1/good.json", BD_UPDATE_ERROR_ADDRESS },
    { "http://127.0.0.1:1/good.json", BD_UPDATE_ERROR_NETWORK },
  };
  g_autoptr(BdPack) current = install_cached ("2050.1.1");
  g_autofree char *envelope = read_envelope ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(TestOutcome) outcome = { 0 };

      check (cases[i].path, current, 0, &outcome);
      if (!g_error_matches (outcome.error, BD_UPDATE_ERROR, cases[i].code))
        g_error ("%s: expected %s, got %s", cases[i].path, bd_update_error_to_string (cases[i].code),
                 outcome.error ? outcome.error->message : "success");
      g_assert_null (outcome.pack);
      assert_untouched (current, envelope);
    }
}

/* A stalled server, and one that trickles: the whole check gives up at
 * the deadline, though no single read waits long. */
static void
test_deadline (void)
{
  static const char * const paths[] = { "/slow.json", "/trickle.json" };
  g_autoptr(BdPack) current = install_cached ("2050.1.1");
  g_autofree char *envelope = read_envelope ();

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(TestOutcome) outcome = { 0 };
      gint64 start = g_get_monotonic_time ();

      check (paths[i], current, 1, &outcome);
      g_assert_error (outcome.error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_TIMEOUT);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      assert_untouched (current, envelope);
    }
}

static gboolean
cancel_soon (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancelled in the middle of a body: silent, and nothing changed. */
static void
test_cancel_mid_body (void)
{
  g_autoptr(BdPack) current = install_cached ("2050.1.1");
  g_autofree char *envelope = read_envelope ();
  g_autofree char *dir = cache_dir ();
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autoptr(BdUpdater) updater = bd_updater_new (dir, keys);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = g_strconcat (base_url, "/trickle.json", NULL);
  g_autoptr(BdUpdateState) state = NULL;
  g_auto(TestOutcome) outcome = { 0 };

  bd_updater_check_async (updater, url, current, cancellable, test_outcome_done, &outcome);
  g_timeout_add (700, cancel_soon, cancellable);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_untouched (current, envelope);
  /* a cancelled check is not a failed one */
  state = bd_update_state_load (dir);
  g_assert_cmpuint (state->failures, ==, 0);
}

static void
test_update_then_up_to_date (void)
{
  g_autoptr(BdPack) bundled = bd_pack_new_bundled (NULL);
  g_autoptr(BdPack) now = NULL;
  g_autofree char *dir = cache_dir ();
  g_autoptr(BdUpdateState) state = NULL;
  g_auto(TestOutcome) updated = { 0 }, again = { 0 }, moved = { 0 }, same = { 0 };
  g_autofree char *envelope = NULL;
  struct stat info;

  check ("/good.json", bundled, 0, &updated);
  g_assert_no_error (updated.error);
  g_assert_cmpint (updated.result, ==, BD_UPDATE_UPDATED);
  g_assert_cmpstr (bd_pack_get_version (updated.pack), ==, NEWER);
  g_mutex_lock (&lock);
  g_assert_cmpstr (last_user_agent, ==, "BadgeDoctor/" PACKAGE_VERSION);
  g_mutex_unlock (&lock);
  /* kept, verified again on the next start, private to the user */
  now = current_pack ();
  g_assert_cmpstr (bd_pack_get_version (now), ==, NEWER);
  g_assert_cmpint (bd_pack_get_source (now), ==, BD_PACK_SOURCE_CACHE);
  g_assert_cmpint (g_stat (dir, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
  state = bd_update_state_load (dir);
  g_assert_cmpstr (state->etag, ==, "\"good-1\"");
  g_assert_cmpstr (state->etag_version, ==, NEWER);
  g_assert_cmpstr (state->last_result, ==, "updated");

  /* the next check asks with the ETag; 304 means up to date, and nothing
   * is written */
  envelope = read_envelope ();
  check ("/good.json", now, 0, &again);
  g_assert_no_error (again.error);
  g_assert_cmpint (again.result, ==, BD_UPDATE_UP_TO_DATE);
  g_mutex_lock (&lock);
  g_assert_cmpstr (last_if_none_match, ==, "\"good-1\"");
  g_mutex_unlock (&lock);

  /* the same pack through a redirect: up to date, not an update */
  check ("/moved.json", now, 0, &moved);
  g_assert_no_error (moved.error);
  g_assert_cmpint (moved.result, ==, BD_UPDATE_UP_TO_DATE);

  /* a pack equal to the bundled one, checked against the bundled one */
  check ("/same.json", bundled, 0, &same);
  g_assert_no_error (same.error);
  g_assert_cmpint (same.result, ==, BD_UPDATE_UP_TO_DATE);
  assert_untouched (now, envelope);
}

/* The envelope cut at any byte is refused, never half-read. */
static void
test_envelope_truncated (void)
{
  g_autoptr(GBytes) pack = test_pack_with_version (NEWER);
  g_autoptr(GBytes) signature = test_key_sign (&trusted_key, pack);
  g_autoptr(GBytes) envelope = bd_guidance_envelope_new (pack, signature);
  gsize size = g_bytes_get_size (envelope);
  g_autoptr(GBytes) out_pack = NULL, out_signature = NULL;

  g_assert_true (bd_guidance_envelope_open (envelope, &out_pack, &out_signature, NULL));
  g_assert_true (g_bytes_equal (out_pack, pack));
  g_assert_true (g_bytes_equal (out_signature, signature));
  for (gsize cut = 0; cut < size; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (envelope, 0, cut);
      GBytes *p = NULL, *s = NULL;

      if (bd_guidance_envelope_open (part, &p, &s, NULL))
        g_error ("an envelope cut at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " was accepted", cut, size);
    }
}

/* A damaged cache is moved aside, never deleted, and the bundled pack used. */
static void
test_damaged_cache (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-cache-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, BD_GUIDANCE_ENVELOPE_NAME, NULL);
  g_autofree char *bad = g_strconcat (path, ".bad", NULL);
  g_autoptr(GBytes) pack = test_pack_with_version (NEWER);
  g_autoptr(GBytes) signature = test_key_sign (&trusted_key, pack);
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) used = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;

  g_assert_true (bd_guidance_cache_save (dir, pack, signature, NULL));
  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_true (g_file_set_contents (path, data, (gssize) size - 10, NULL));
  used = bd_guidance_load_current (dir, keys, &error);
  g_assert_nonnull (error);
  g_assert_cmpint (bd_pack_get_source (used), ==, BD_PACK_SOURCE_BUNDLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (bad, G_FILE_TEST_EXISTS));
}

/* A cached pack older than the bundled one (after an app upgrade) is not used. */
static void
test_bundled_is_the_floor (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-cache-XXXXXX", NULL);
  g_autoptr(GBytes) pack = test_pack_with_version (OLDER);
  g_autoptr(GBytes) signature = test_key_sign (&trusted_key, pack);
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autoptr(BdPack) used = NULL;

  g_assert_true (bd_guidance_cache_save (dir, pack, signature, NULL));
  used = bd_guidance_load_current (dir, keys, NULL);
  g_assert_cmpint (bd_pack_get_source (used), ==, BD_PACK_SOURCE_BUNDLED);
}

/* When the next automatic check comes: the interval give or take a tenth;
 * after failures 15 minutes, doubling, never past the interval. */
static void
test_next_delay (void)
{
  const guint day = 24 * 3600;

  g_assert_cmpuint (bd_update_next_delay (day, 0, 0.0), ==, day - day / 10);
  g_assert_cmpuint (bd_update_next_delay (day, 0, 1.0), ==, day + day / 10);
  g_assert_cmpuint (bd_update_next_delay (day, 0, 0.5), ==, day);
  g_assert_cmpuint (bd_update_next_delay (day, 1, 0.5), ==, 15 * 60);
  g_assert_cmpuint (bd_update_next_delay (day, 2, 0.5), ==, 30 * 60);
  g_assert_cmpuint (bd_update_next_delay (day, 3, 0.5), ==, 60 * 60);
  g_assert_cmpuint (bd_update_next_delay (day, 8, 0.5), ==, day);
  g_assert_cmpuint (bd_update_next_delay (day, 1000, 0.5), ==, day);
  g_assert_cmpuint (bd_update_next_delay (3600, 5, 0.5), ==, 3600);
}

static void
test_addresses (void)
{
  static const char * const allowed[] = {
    "https://guidance.badgedoctor.example/v1/badge-doctor.json", "http://127.0.0.1:8080/p.json",
    "http://localhost/p.json", "http://[::1]/p.json", "HTTPS://example.com/p.json",
  };
  static const char * const refused[] = {
    "http://example.com/p.json", "ftp://example.com/p.json", "https://user:secret@example.com/p.json",
    "https://user@example.com/p.json", "file:///etc/passwd", "https:///p.json", "not an address", "",
    "http://127.0.0.1.example.com/p.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (!bd_update_url_check (allowed[i], NULL))
      g_error ("%s was refused", allowed[i]);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    if (bd_update_url_check (refused[i], NULL))
      g_error ("%s was allowed", refused[i]);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  test_key_init (&trusted_key);
  test_key_init (&other_key);
  start_server ();

  g_test_add_func ("/updater/addresses", test_addresses);
  g_test_add_func ("/updater/next-delay", test_next_delay);
  g_test_add_func ("/updater/refusals", test_refusals);
  g_test_add_func ("/updater/deadline", test_deadline);
  g_test_add_func ("/updater/cancel-mid-body", test_cancel_mid_body);
  g_test_add_func ("/updater/https", test_https);
  g_test_add_func ("/updater/update-then-up-to-date", test_update_then_up_to_date);
  g_test_add_func ("/updater/envelope-truncated", test_envelope_truncated);
  g_test_add_func ("/updater/main-loop-free", test_main_loop_free);
  g_test_add_func ("/updater/damaged-cache", test_damaged_cache);
  g_test_add_func ("/updater/bundled-is-the-floor", test_bundled_is_the_floor);
  status = g_test_run ();
  g_main_context_invoke (server_context, stop_server_loop, NULL);
  g_thread_join (server_thread);
  g_clear_object (&server);
  g_main_loop_unref (server_loop);
  g_main_context_unref (server_context);
  test_key_clear (&trusted_key);
  test_key_clear (&other_key);
  g_hash_table_unref (routes);
  g_free (base_url);
  g_free (last_user_agent);
  g_free (last_if_none_match);
  return status;
}
