/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-updater"

#include "bd-config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
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
static char *raw_url;           /* a server that writes HTTP by hand */
static GSocketService *raw_server;
static GBytes *raw_pack, *raw_signature;
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
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));

  /* the pack and its signature only with their query, exactly */
  if (g_str_has_prefix (path, "/query.json") && g_strcmp0 (query, "x=1") != 0)
    soup_server_message_set_status (message, 404, NULL);
  else if (g_str_equal (path, "/moved.json") || g_str_equal (path, "/moved.json.minisig"))
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

/* --- a server that breaks HTTP ------------------------------------------- */

/* What libsoup cannot be made to write: a chunk size that is not a
 * number (libsoup's reader takes it for the last chunk), and a chunk cut
 * off by a closed connection. */
static GString *
raw_answer (const char *path)
{
  gsize size = 0;
  const char *pack = g_bytes_get_data (raw_pack, &size);
  GString *answer = g_string_new ("HTTP/1.1 200 OK\r\nConnection: close\r\n");

  if (g_str_has_suffix (path, ".minisig"))
    {
      g_string_append_printf (answer, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", g_bytes_get_size (raw_signature));
      g_string_append_len (answer, g_bytes_get_data (raw_signature, NULL), (gssize) g_bytes_get_size (raw_signature));
      return answer;
    }
  g_string_append (answer, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
  if (g_str_equal (path, "/bad-chunk.json"))
    {
      g_string_append_printf (answer, "400\r\n%.*s\r\nzz\r\n", 1024, pack);
      g_string_append_len (answer, pack + 1024, (gssize) (size - 1024));
      g_string_append (answer, "\r\n0\r\n\r\n");
    }
  else /* /cut-chunk.json */
    g_string_append_printf (answer, "%" G_GSIZE_MODIFIER "x\r\n%.*s", size, 1024, pack);
  return answer;
}

static gboolean
on_raw_request (GThreadedSocketService *service,
                GSocketConnection      *connection,
                GObject                *source,
                gpointer                user_data)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_autofree char *request = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  g_auto(GStrv) words = request != NULL ? g_strsplit (request, " ", 3) : NULL;
  g_autoptr(GString) answer = NULL;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
      if (line == NULL || *line == '\0' || g_str_equal (line, "\r"))
        break;
    }
  if (words == NULL || g_strv_length (words) < 2)
    return TRUE;
  answer = raw_answer (words[1]);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), answer->str, answer->len,
                             NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* On the server's context, which accepts its connections. */
static void
start_raw_server (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  raw_pack = test_pack_with_version (NEWER);
  raw_signature = test_key_sign (&trusted_key, raw_pack);
  raw_server = g_threaded_socket_service_new (4);
  g_socket_listener_add_address (G_SOCKET_LISTENER (raw_server), any_port, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (raw_server, "run", G_CALLBACK (on_raw_request), NULL);
  g_socket_service_start (raw_server);
  raw_url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
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
  route_signed ("/query.json", newer, &trusted_key);
  route_signed ("/fragment.json", newer, &trusted_key);
  {
    g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (newer, NULL), g_bytes_get_size (newer));
    g_autoptr(GBytes) other = NULL;

    g_assert_cmpuint (test_json_replace (text, "\"id\": \"badge-doctor\"", "\"id\": \"other-pack\""), ==, 1);
    other = g_string_free_to_bytes (g_steal_pointer (&text));
    route_signed ("/other-pack.json", other, &trusted_key);
  }
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
  start_raw_server ();
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
    { "/other-pack.json", BD_UPDATE_ERROR_OTHER_PACK },
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

/* A body cut short by a malformed chunk size (which libsoup takes for
 * the end) or by a closed connection is a broken transfer, not a bad
 * signature: the pack came incomplete. */
static void
test_malformed_chunked (void)
{
  static const char * const paths[] = { "/bad-chunk.json", "/cut-chunk.json" };
  g_autoptr(BdPack) current = install_cached ("2050.1.1");
  g_autofree char *envelope = read_envelope ();

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (raw_url, paths[i], NULL);
      g_auto(TestOutcome) outcome = { 0 };

      check (url, current, 0, &outcome);
      if (!g_error_matches (outcome.error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_NETWORK))
        g_error ("%s: expected network, got %s: %s", paths[i],
                 outcome.error && outcome.error->domain == BD_UPDATE_ERROR ? bd_update_error_to_string (outcome.error->code) : "?",
                 outcome.error ? outcome.error->message : "success");
      assert_untouched (current, envelope);
    }
}

/* The signature is beside the pack: same query, no fragment. A fragment
 * is never sent, so appending to it would fetch the pack as its own
 * signature; appending to a query would ask for another query. */
static void
test_query_and_fragment (void)
{
  static const char * const paths[] = { "/query.json?x=1", "/fragment.json#part" };
  g_autoptr(BdPack) bundled = bd_pack_new_bundled (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(TestOutcome) outcome = { 0 };

      check (paths[i], bundled, 0, &outcome);
      if (outcome.error != NULL)
        g_error ("%s: %s", paths[i], outcome.error->message);
      g_assert_cmpint (outcome.result, ==, BD_UPDATE_UPDATED);
      g_assert_cmpstr (bd_pack_get_version (outcome.pack), ==, NEWER);
    }
}

static void
test_signature_address (void)
{
  static const struct { const char *pack, *signature; } cases[] = {
    { "https://example.com/v1/p.json", "https://example.com/v1/p.json.minisig" },
    { "https://example.com/p.json?x=1", "https://example.com/p.json.minisig?x=1" },
    { "https://example.com/p.json#part", "https://example.com/p.json.minisig" },
    { "https://example.com/p.json?x=1&y=a%20b#part", "https://example.com/p.json.minisig?x=1&y=a%20b" },
    { "https://example.com:8443/a%2Fb.json", "https://example.com:8443/a%2Fb.json.minisig" },
    { "https://example.com", "https://example.com/.minisig" },
    { "http://127.0.0.1:8080/p.json?", "http://127.0.0.1:8080/p.json.minisig?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *signature = bd_update_url_signature (cases[i].pack, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (signature, ==, cases[i].signature);
    }
  g_assert_null (bd_update_url_signature ("not an address", NULL));
}

/* A cache holding another pack (signed with a trusted key, newer: as the
 * updater once kept) is not used: the bundled pack is. */
static void
test_other_pack_cache (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bd-cache-XXXXXX", NULL);
  g_autoptr(BdPack) bundled = bd_pack_new_bundled (NULL);
  g_autoptr(GBytes) newer = test_pack_with_version (NEWER);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (newer, NULL), g_bytes_get_size (newer));
  g_autofree char *from = g_strdup_printf ("\"id\": \"%s\"", bd_pack_get_id (bundled));
  g_autoptr(GBytes) other = NULL, signature = NULL;
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autoptr(BdPack) used = NULL;

  g_assert_cmpuint (test_json_replace (text, from, "\"id\": \"other-pack\""), ==, 1);
  other = g_string_free_to_bytes (g_steal_pointer (&text));
  signature = test_key_sign (&trusted_key, other);
  g_assert_true (bd_guidance_cache_save (dir, other, signature, NULL));
  used = bd_guidance_load_current (dir, keys, NULL);
  g_assert_cmpstr (bd_pack_get_id (used), ==, bd_pack_get_id (bundled));
  g_assert_cmpint (bd_pack_get_source (used), ==, BD_PACK_SOURCE_BUNDLED);
}

static GPtrArray *
other_keys (void)
{
  g_autofree char *line = test_key_line (&other_key);
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) bd_minisign_key_unref);

  g_ptr_array_add (keys, bd_minisign_key_new_from_base64 (line, NULL));
  g_assert_nonnull (keys->pdata[0]);
  return keys;
}

/* A pack signed only with a one-off key is verified, reported, and not
 * kept; the check is not recorded against the configured channel. */
static void
test_one_off_key (void)
{
  g_autoptr(BdPack) current = install_cached ("2050.1.1");
  g_autofree char *envelope = read_envelope ();
  g_autofree char *dir = cache_dir ();
  g_autoptr(GPtrArray) keys = trusted_keys ();
  g_autoptr(GPtrArray) one_off = other_keys ();
  g_autoptr(BdUpdater) updater = bd_updater_new (dir, keys);
  g_autofree char *url = g_strconcat (base_url, "/unknown-key.json", NULL);
  g_autofree char *good = g_strconcat (base_url, "/good.json", NULL);
  g_autoptr(BdUpdateState) before = bd_update_state_load (dir);
  g_autoptr(BdUpdateState) after = NULL;
  g_auto(TestOutcome) outcome = { 0 }, configured = { 0 };

  bd_updater_set_one_off_keys (updater, one_off);
  bd_updater_check_async (updater, url, current, NULL, test_outcome_done, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (outcome.error, BD_UPDATE_ERROR, BD_UPDATE_ERROR_ONE_OFF_KEY);
  g_assert_null (outcome.pack);
  assert_untouched (current, envelope);
  after = bd_update_state_load (dir);
  g_assert_cmpint (after->last_check, ==, before->last_check);
  g_assert_cmpstr (after->etag, ==, before->etag);

  /* a pack the configured keys trust is kept as ever */
  bd_updater_check_async (updater, good, current, NULL, test_outcome_done, &configured);
  while (!configured.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (configured.error);
  g_assert_cmpint (configured.result, ==, BD_UPDATE_UPDATED);
}

/* --- the command line ---------------------------------------------------- */

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  const char *cli = g_getenv ("BD_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* settings the test writes, as an administrator would set them */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

/* The configured channel: its address and its key in the settings. */
static void
configure_channel (const char *url)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *line = test_key_line (&trusted_key);
  g_autofree char *text = g_strdup_printf ("[io/github/badgedoctor/BadgeDoctor]\n"
                                           "guidance-url='%s'\ntrusted-keys=['%s']\n", url, line);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* `update --url … --key other.pub` verifies a pack signed with that key
 * but does not replace what the configured channel put in the cache: the
 * next plain `pack` still uses the channel's guidance. */
static void
test_cli_one_off_key (void)
{
  g_autofree char *good = g_strconcat (base_url, "/good.json", NULL);
  g_autofree char *one_off = g_strconcat (base_url, "/unknown-key.json", NULL);
  g_autofree char *other_pub = g_build_filename (other_key.dir, "key.pub", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *out3 = NULL, *err3 = NULL;
  g_autofree char *envelope = NULL, *after = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *pack;

  if (g_getenv ("BD_CLI") == NULL)
    {
      g_test_skip ("BD_CLI is not set for this test (tests/meson.build)");
      return;
    }
  configure_channel (good);
  if (run_cli (&out, &err, "update", NULL) != 0)
    g_error ("update from the configured channel failed: %s", err);
  g_assert_nonnull (strstr (out, "updated to " NEWER));
  envelope = read_envelope ();
  g_assert_nonnull (envelope);

  g_assert_cmpint (run_cli (&out2, &err2, "update", "--url", one_off, "--key", other_pub, NULL), ==, 1);
  g_assert_nonnull (strstr (err2, "--key"));
  g_assert_nonnull (strstr (err2, "trusted-keys"));
  after = read_envelope ();
  g_assert_cmpstr (after, ==, envelope);

  g_assert_cmpint (run_cli (&out3, &err3, "pack", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out3, -1, NULL));
  pack = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (pack, "version"), ==, NEWER);
  g_assert_cmpstr (json_object_get_string_member (pack, "source"), ==, "cache");
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
  g_test_add_func ("/updater/malformed-chunked", test_malformed_chunked);
  g_test_add_func ("/updater/signature-address", test_signature_address);
  g_test_add_func ("/updater/query-and-fragment", test_query_and_fragment);
  g_test_add_func ("/updater/other-pack-cache", test_other_pack_cache);
  g_test_add_func ("/updater/one-off-key", test_one_off_key);
  g_test_add_func ("/updater/cli-one-off-key", test_cli_one_off_key);
  status = g_test_run ();
  g_socket_service_stop (raw_server);
  g_socket_listener_close (G_SOCKET_LISTENER (raw_server));
  g_main_context_invoke (server_context, stop_server_loop, NULL);
  g_thread_join (server_thread);
  g_clear_object (&server);
  g_main_loop_unref (server_loop);
  g_main_context_unref (server_context);
  test_key_clear (&trusted_key);
  test_key_clear (&other_key);
  g_hash_table_unref (routes);
  g_clear_object (&raw_server);
  g_bytes_unref (raw_pack);
  g_bytes_unref (raw_signature);
  g_free (raw_url);
  g_free (base_url);
  g_free (last_user_agent);
  g_free (last_if_none_match);
  return status;
}
