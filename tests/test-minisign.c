/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-minisign"

#include <string.h>
#include <sodium.h>

#include "bd-error.h"
#include "bd-minisign.h"

/* Made by minisign 0.11 (`minisign -G -W`, then `minisign -S` and
 * `minisign -S -l` over "hello\n"); only the public half is kept. */
#define FIXTURE_PUBLIC_KEY                                              \
  "untrusted comment: minisign public key 7DC69556CDA0D408\n"           \
  "RWQI1KDNVpXGfcNGzabwYbo9A6+IdY1u1/h/WMXp7Z138Ao8DGb8xiP7\n"
#define FIXTURE_PREHASHED                                               \
  "untrusted comment: signature from minisign secret key\n"             \
  "RUQI1KDNVpXGfRIvNByAOMue93iL3+N/7p/DdBT8yHIiAOYOYxAB2VxxbaofkXrdu0ne+2DcW6nq8w3oqkRWPIkdzf8qMN7RzgY=\n" \
  "trusted comment: my comment\n"                                       \
  "IMwKBiLh2K4ct0D00LBmN9cJjN7uCWamFcx95ZSjJvo9Jq49zLZnvN5JRgvKOmnsgLFTsp3yOXF46PIO5HJKDQ==\n"
#define FIXTURE_LEGACY                                                  \
  "untrusted comment: signature from minisign secret key\n"             \
  "RWQI1KDNVpXGfRQHjVRlUk1Lks4XQoUqFU2WAkJ6DKwwWOCyv0UsjtD0d5YPLoEcqgyFLnpsP6oT6KrOD9rS4lgi/o6C0Z68agY=\n" \
  "trusted comment: timestamp:1795454266\tfile:f\n"                    \
  "whJBMEovFg9v7z5bBZjY9zLZqE26RWSVHuJmGDXY+nd677TOOvDR1FDrq0SV0BqQl5qDFT8afoZK2MktZjJICg==\n"

#define MESSAGE "badge-doctor 1.2.3 update manifest\n"
#define UNTRUSTED_TEXT "signature from test key"

/* A minisign key pair made here, so no private key lives in the tree. */
typedef struct
{
  guint8 id[BD_MINISIGN_KEY_ID_SIZE];
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
} Keypair;

static void
keypair_init (Keypair *kp)
{
  crypto_sign_keypair (kp->pk, kp->sk);
  randombytes_buf (kp->id, sizeof kp->id);
}

static char *
keypair_base64 (const Keypair *kp)
{
  guint8 blob[2 + sizeof kp->id + sizeof kp->pk] = { 'E', 'd' };

  memcpy (blob + 2, kp->id, sizeof kp->id);
  memcpy (blob + 2 + sizeof kp->id, kp->pk, sizeof kp->pk);
  return g_base64_encode (blob, sizeof blob);
}

static BdMinisignKey *
keypair_key (const Keypair *kp)
{
  g_autofree char *line = keypair_base64 (kp);
  g_autoptr(GError) error = NULL;
  BdMinisignKey *key = bd_minisign_key_new_from_base64 (line, &error);

  g_assert_no_error (error);
  return key;
}

/* Signs @message the way `minisign -S` does (or `minisign -S -l` when
 * not @prehashed); @trusted_comment is signed as given, bytes and all. */
static char *
sign_full (const Keypair *kp,
           const void    *message,
           gsize          length,
           gboolean       prehashed,
           const char    *trusted_comment)
{
  guint8 blob[2 + BD_MINISIGN_KEY_ID_SIZE + crypto_sign_BYTES] = { 'E', prehashed ? 'D' : 'd' };
  guint8 *sig = blob + 2 + BD_MINISIGN_KEY_ID_SIZE;
  guint8 hash[crypto_generichash_BYTES_MAX];
  guint8 global[crypto_sign_BYTES];
  g_autoptr(GByteArray) signed_data = g_byte_array_new ();
  g_autofree char *blob64 = NULL;
  g_autofree char *global64 = NULL;

  memcpy (blob + 2, kp->id, sizeof kp->id);
  if (prehashed)
    {
      crypto_generichash (hash, sizeof hash, message, length, NULL, 0);
      crypto_sign_detached (sig, NULL, hash, sizeof hash, kp->sk);
    }
  else
    crypto_sign_detached (sig, NULL, message, length, kp->sk);
  g_byte_array_append (signed_data, sig, crypto_sign_BYTES);
  g_byte_array_append (signed_data, (const guint8 *) trusted_comment, strlen (trusted_comment));
  crypto_sign_detached (global, NULL, signed_data->data, signed_data->len, kp->sk);
  blob64 = g_base64_encode (blob, sizeof blob);
  global64 = g_base64_encode (global, sizeof global);
  return g_strdup_printf ("untrusted comment: " UNTRUSTED_TEXT "\n%s\ntrusted comment: %s\n%s\n",
                          blob64, trusted_comment, global64);
}

static char *
sign (const Keypair *kp,
      gboolean       prehashed,
      const char    *trusted_comment)
{
  return sign_full (kp, MESSAGE, strlen (MESSAGE), prehashed, trusted_comment);
}

static gboolean
verify_len (const char     *message,
            const char     *sig_text,
            gsize           sig_length,
            BdMinisignKey **keys,
            char          **trusted_comment,
            GError        **error)
{
  g_autoptr(GBytes) message_bytes = g_bytes_new (message, strlen (message));
  g_autoptr(GBytes) sig_bytes = g_bytes_new (sig_text, sig_length);
  g_autoptr(GPtrArray) trusted = g_ptr_array_new ();

  for (guint i = 0; keys[i] != NULL; i++)
    g_ptr_array_add (trusted, keys[i]);
  return bd_minisign_verify (message_bytes, sig_bytes, trusted, trusted_comment, error);
}

/* Verifies @sig_text over MESSAGE, trusting only @kp. */
static gboolean
verify_one (const Keypair  *kp,
            const char     *sig_text,
            gsize           sig_length,
            char          **trusted_comment,
            GError        **error)
{
  g_autoptr(BdMinisignKey) key = keypair_key (kp);
  BdMinisignKey *keys[] = { key, NULL };

  return verify_len (MESSAGE, sig_text, sig_length, keys, trusted_comment, error);
}

/* Compares only the start, so a failure shows the whole message. */
#define assert_message_prefix(message, prefix) \
  G_STMT_START { \
    if (!g_str_has_prefix ((message), (prefix))) \
      g_assert_cmpstr ((message), ==, (prefix)); \
  } G_STMT_END

/* Asserts @sig_text is refused with @code and a message starting with
 * @message_prefix, and that no trusted comment comes out. */
static void
assert_refused (const Keypair *kp,
                const char    *sig_text,
                gsize          sig_length,
                int            code,
                const char    *message_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;

  g_assert_false (verify_one (kp, sig_text, sig_length, &comment, &error));
  g_assert_error (error, BD_ERROR, code);
  assert_message_prefix (error->message, message_prefix);
  g_assert_null (comment);
}

static void
assert_accepted (const Keypair *kp,
                 const char    *sig_text,
                 gsize          sig_length,
                 const char    *expected_comment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;

  g_assert_true (verify_one (kp, sig_text, sig_length, &comment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, expected_comment);
}

static void
test_verify_good (gconstpointer data)
{
  gboolean prehashed = GPOINTER_TO_INT (data);
  Keypair kp;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  keypair_init (&kp);
  text = sign (&kp, prehashed, "timestamp:1700000000\tfile:update.json");
  assert_accepted (&kp, text, strlen (text), "timestamp:1700000000\tfile:update.json");

  /* the comment is optional to the caller */
  g_assert_true (verify_one (&kp, text, strlen (text), NULL, &error));
  g_assert_no_error (error);
}

/* The real thing: signatures minisign itself made. */
static void
test_verify_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdMinisignKey) key =
    bd_minisign_key_new_from_text (FIXTURE_PUBLIC_KEY, strlen (FIXTURE_PUBLIC_KEY), &error);
  BdMinisignKey *keys[] = { key, NULL };
  g_autofree char *comment = NULL;
  g_autofree char *legacy_comment = NULL;

  g_assert_no_error (error);
  g_assert_true (verify_len ("hello\n", FIXTURE_PREHASHED, strlen (FIXTURE_PREHASHED),
                             keys, &comment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, "my comment");
  g_assert_true (verify_len ("hello\n", FIXTURE_LEGACY, strlen (FIXTURE_LEGACY),
                             keys, &legacy_comment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (legacy_comment, ==, "timestamp:1795454266\tfile:f");

  g_assert_false (verify_len ("hello!", FIXTURE_PREHASHED, strlen (FIXTURE_PREHASHED),
                              keys, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_FAILED);
}

static void
test_verify_flipped_message (gconstpointer data)
{
  gboolean prehashed = GPOINTER_TO_INT (data);
  Keypair kp;
  g_autofree char *text = NULL;
  g_autoptr(BdMinisignKey) key = NULL;

  keypair_init (&kp);
  text = sign (&kp, prehashed, "comment");
  key = keypair_key (&kp);
  for (gsize i = 0; i < strlen (MESSAGE); i++)
    {
      g_autofree char *message = g_strdup (MESSAGE);
      BdMinisignKey *keys[] = { key, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *comment = NULL;

      message[i] ^= 0x20;
      g_assert_false (verify_len (message, text, strlen (text), keys, &comment, &error));
      g_assert_error (error, BD_ERROR, BD_ERROR_FAILED);
      g_assert_cmpstr (error->message, ==, "bad signature");
      g_assert_null (comment);
    }
}

/* Any byte of the text changed is refused, except in the untrusted
 * comment, which by design nobody signed. */
static void
test_verify_flipped_text (gconstpointer data)
{
  gboolean prehashed = GPOINTER_TO_INT (data);
  Keypair kp;
  g_autofree char *text = NULL;
  gsize untrusted_start = strlen ("untrusted comment: ");
  gsize untrusted_end = untrusted_start + strlen (UNTRUSTED_TEXT);

  keypair_init (&kp);
  text = sign (&kp, prehashed, "comment");
  for (gsize i = 0; i < strlen (text); i++)
    {
      g_autofree char *copy = g_strdup (text);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      copy[i] ^= 0x01;
      ok = verify_one (&kp, copy, strlen (copy), NULL, &error);
      g_assert_cmpint (ok, ==, i >= untrusted_start && i < untrusted_end);
      if (!ok)
        g_assert_true (g_error_matches (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT) ||
                       g_error_matches (error, BD_ERROR, BD_ERROR_FAILED));
    }
}

static const char base64_alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Every base64 character of lines 2 and 4 replaced by each other one. */
static void
test_verify_flipped_base64 (void)
{
  Keypair kp;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_refused = 0;

  keypair_init (&kp);
  text = sign (&kp, TRUE, "comment");
  lines = g_strsplit (text, "\n", -1);
  for (guint l = 1; l <= 3; l += 2)
    for (gsize i = 0; lines[l][i] != '\0'; i++)
      for (const char *c = base64_alphabet; *c != '\0'; c++)
        {
          g_autofree char *copy = NULL;
          char saved = lines[l][i];

          if (*c == saved)
            continue;
          lines[l][i] = *c;
          copy = g_strjoinv ("\n", lines);
          lines[l][i] = saved;
          g_assert_false (verify_one (&kp, copy, strlen (copy), NULL, NULL));
          n_refused++;
        }
  g_assert_cmpuint (n_refused, >, 10000);
}

static void
test_verify_unknown_key (void)
{
  Keypair kp, other;
  g_autofree char *text = NULL;

  keypair_init (&kp);
  keypair_init (&other);
  text = sign (&kp, TRUE, "comment");
  assert_refused (&other, text, strlen (text), BD_ERROR_FAILED, "signed with unknown key ID");
}

/* A key that only claims the signer's id must not pass. */
static void
test_verify_same_id_other_key (gconstpointer data)
{
  gboolean prehashed = GPOINTER_TO_INT (data);
  Keypair kp, impostor;
  g_autofree char *text = NULL;

  keypair_init (&kp);
  keypair_init (&impostor);
  memcpy (impostor.id, kp.id, sizeof kp.id);
  text = sign (&kp, prehashed, "comment");
  assert_refused (&impostor, text, strlen (text), BD_ERROR_FAILED, "bad signature");
}

static char *
replace_line (const char *text,
              guint       index,
              const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_free (lines[index]);
  lines[index] = g_strdup (line);
  return g_strjoinv ("\n", lines);
}

static void
test_verify_altered_comment (void)
{
  Keypair kp;
  g_autofree char *text = NULL;
  g_autofree char *altered = NULL;
  g_autofree char *untrusted = NULL;

  keypair_init (&kp);
  text = sign (&kp, TRUE, "version 1.2.3");
  altered = replace_line (text, 2, "trusted comment: version 9.9.9");
  assert_refused (&kp, altered, strlen (altered), BD_ERROR_FAILED, "bad trusted comment signature");

  /* nobody signed the untrusted comment: changing it changes nothing */
  untrusted = replace_line (text, 0, "untrusted comment: anything at all");
  assert_accepted (&kp, untrusted, strlen (untrusted), "version 1.2.3");
}

/* The global signature binds the comment to this signature: a comment
 * and global signature lifted from another signature of the same key do
 * not pass. */
static void
test_verify_transplanted_comment (void)
{
  Keypair kp;
  const char *other_message = "another file";
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) other_lines = NULL;
  g_autofree char *mixed = NULL;

  keypair_init (&kp);
  text = sign (&kp, TRUE, "version 1.0.0");
  other = sign_full (&kp, other_message, strlen (other_message), TRUE, "version 9.0.0");
  lines = g_strsplit (text, "\n", -1);
  other_lines = g_strsplit (other, "\n", -1);
  mixed = g_strjoin ("\n", lines[0], lines[1], other_lines[2], other_lines[3], "", NULL);
  assert_refused (&kp, mixed, strlen (mixed), BD_ERROR_FAILED, "bad trusted comment signature");
}

static char *
relabel (const char *text,
         const char *algorithm)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gsize length = 0;
  g_autofree guint8 *blob = g_base64_decode (lines[1], &length);
  g_autofree char *line = NULL;

  g_assert_cmpuint (length, ==, 74);
  memcpy (blob, algorithm, 2);
  line = g_base64_encode (blob, length);
  return replace_line (text, 1, line);
}

static void
test_verify_algorithm (void)
{
  Keypair kp;
  g_autofree char *prehashed = NULL;
  g_autofree char *legacy = NULL;
  g_autofree char *downgraded = NULL;
  g_autofree char *upgraded = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *zero = NULL;

  keypair_init (&kp);
  prehashed = sign (&kp, TRUE, "c");
  legacy = sign (&kp, FALSE, "c");
  downgraded = relabel (prehashed, "Ed");
  upgraded = relabel (legacy, "ED");
  unknown = relabel (prehashed, "Ex");
  zero = relabel (prehashed, "\0\0");
  assert_refused (&kp, downgraded, strlen (downgraded), BD_ERROR_FAILED, "bad signature");
  assert_refused (&kp, upgraded, strlen (upgraded), BD_ERROR_FAILED, "bad signature");
  assert_refused (&kp, unknown, strlen (unknown), BD_ERROR_INVALID_ARGUMENT,
                  "malformed signature: unknown algorithm");
  assert_refused (&kp, zero, strlen (zero), BD_ERROR_INVALID_ARGUMENT,
                  "malformed signature: unknown algorithm");
}

/* Cut anywhere, a signature is refused; only the final newline may go. */
static void
check_truncations (const Keypair *kp,
                   const char    *text,
                   gsize          n_line_end)
{
  gsize length = strlen (text);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = verify_one (kp, text, cut, NULL, &error);

      g_assert_cmpint (ok, ==, cut == length - n_line_end);
      if (!ok)
        g_assert_true (g_error_matches (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT) ||
                       g_error_matches (error, BD_ERROR, BD_ERROR_FAILED));
    }
}

static void
test_verify_truncated (void)
{
  Keypair kp;
  g_autofree char *prehashed = NULL;
  g_autofree char *legacy = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *crlf = NULL;

  keypair_init (&kp);
  prehashed = sign (&kp, TRUE, "comment");
  legacy = sign (&kp, FALSE, "");
  lines = g_strsplit (prehashed, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  check_truncations (&kp, prehashed, 1);
  check_truncations (&kp, legacy, 1);
  check_truncations (&kp, crlf, 2);
}

static void
test_verify_garbage_random (void)
{
  Keypair kp;

  keypair_init (&kp);
  assert_refused (&kp, "", 0, BD_ERROR_INVALID_ARGUMENT, "malformed signature: 0 lines");
  for (guint i = 0; i < 2000; i++)
    {
      gsize length = g_test_rand_int_range (1, 400);
      g_autofree char *bytes = g_malloc (length);

      for (gsize j = 0; j < length; j++)
        bytes[j] = g_test_rand_int_range (0, 256);
      g_assert_false (verify_one (&kp, bytes, length, NULL, NULL));
    }
}

/* Well-formed text with random contents: parses, then fails to verify. */
static void
test_verify_garbage_shaped (void)
{
  Keypair kp;
  g_autoptr(BdMinisignKey) key = NULL;

  keypair_init (&kp);
  key = keypair_key (&kp);
  for (guint i = 0; i < 200; i++)
    {
      guint8 blob[74] = { 'E', i % 2 ? 'D' : 'd' };
      guint8 global[64];
      g_autofree char *blob64 = NULL;
      g_autofree char *global64 = NULL;
      g_autofree char *text = NULL;

      randombytes_buf (blob + 10, sizeof blob - 10);
      randombytes_buf (global, sizeof global);
      memcpy (blob + 2, kp.id, sizeof kp.id);
      blob64 = g_base64_encode (blob, sizeof blob);
      global64 = g_base64_encode (global, sizeof global);
      text = g_strdup_printf ("untrusted comment: x\n%s\ntrusted comment: y\n%s\n", blob64, global64);
      assert_refused (&kp, text, strlen (text), BD_ERROR_FAILED, "bad signature");
    }
}

/* A valid signature of exactly @length bytes, the untrusted comment
 * padded to fit. */
static char *
sign_padded (const Keypair *kp,
             gsize          length)
{
  g_autofree char *text = sign (kp, TRUE, "comment");
  gsize extra = length - strlen (text);
  g_autofree char *padding = g_strnfill (extra, 'x');
  g_autofree char *line = g_strconcat ("untrusted comment: " UNTRUSTED_TEXT, padding, NULL);
  char *padded = replace_line (text, 0, line);

  g_assert_cmpuint (strlen (padded), ==, length);
  return padded;
}

static void
test_verify_huge (void)
{
  Keypair kp;
  g_autofree char *at_limit = NULL;
  g_autofree char *over_limit = NULL;
  gsize huge_length = 16 * 1024 * 1024;
  g_autofree char *huge = g_malloc (huge_length);

  keypair_init (&kp);
  at_limit = sign_padded (&kp, BD_MINISIGN_MAX_SIGNATURE_SIZE);
  over_limit = sign_padded (&kp, BD_MINISIGN_MAX_SIGNATURE_SIZE + 1);
  assert_accepted (&kp, at_limit, strlen (at_limit), "comment");
  assert_refused (&kp, over_limit, strlen (over_limit), BD_ERROR_TOO_LARGE, "signature is 4097 bytes");

  memset (huge, '\n', huge_length);
  assert_refused (&kp, huge, huge_length, BD_ERROR_TOO_LARGE, "signature is");
}

static void
test_verify_trailing (void)
{
  Keypair kp;
  g_autofree char *text = NULL;
  const char *suffixes[] = { "\n", "\r\n", " ", "x", "extra line\n", "\0", "\n\n" };

  keypair_init (&kp);
  text = sign (&kp, TRUE, "comment");
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize suffix_length = MAX (strlen (suffixes[i]), 1);
      g_autoptr(GByteArray) buffer = g_byte_array_new ();

      g_byte_array_append (buffer, (const guint8 *) text, strlen (text));
      g_byte_array_append (buffer, (const guint8 *) suffixes[i], suffix_length);
      assert_refused (&kp, (const char *) buffer->data, buffer->len, BD_ERROR_INVALID_ARGUMENT,
                      "malformed signature");
    }
}

static void
test_verify_line_ends (void)
{
  Keypair kp;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *crlf = NULL;
  g_autofree char *mixed = NULL;
  g_autofree char *no_final = NULL;
  g_autofree char *cr_only = NULL;

  keypair_init (&kp);
  text = sign (&kp, FALSE, "comment");
  lines = g_strsplit (text, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  mixed = g_strdup_printf ("%s\r\n%s\n%s\r\n%s\n", lines[0], lines[1], lines[2], lines[3]);
  no_final = g_strdup_printf ("%s\n%s\n%s\n%s", lines[0], lines[1], lines[2], lines[3]);
  cr_only = g_strjoinv ("\r", lines);
  assert_accepted (&kp, crlf, strlen (crlf), "comment");
  assert_accepted (&kp, mixed, strlen (mixed), "comment");
  assert_accepted (&kp, no_final, strlen (no_final), "comment");
  assert_refused (&kp, cr_only, strlen (cr_only), BD_ERROR_INVALID_ARGUMENT, "malformed signature");
}

static void
assert_line_refused (const Keypair *kp,
                     const char    *text,
                     guint          index,
                     const char    *line,
                     const char    *message_prefix)
{
  g_autofree char *altered = replace_line (text, index, line);

  assert_refused (kp, altered, strlen (altered), BD_ERROR_INVALID_ARGUMENT, message_prefix);
}

static void
test_verify_prefixes (void)
{
  Keypair kp;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *swapped = NULL;

  keypair_init (&kp);
  text = sign (&kp, TRUE, "comment");
  lines = g_strsplit (text, "\n", -1);
  assert_line_refused (&kp, text, 0, "untrusted comment:x", "malformed signature: line does not");
  assert_line_refused (&kp, text, 0, "Untrusted comment: x", "malformed signature: line does not");
  assert_line_refused (&kp, text, 0, "", "malformed signature: line does not");
  assert_line_refused (&kp, text, 2, "trusted comment:comment", "malformed signature: line does not");
  assert_line_refused (&kp, text, 2, " trusted comment: comment", "malformed signature: line does not");
  assert_line_refused (&kp, text, 2, "untrusted comment: comment", "malformed signature: line does not");
  swapped = g_strjoin ("\n", lines[2], lines[1], lines[0], lines[3], "", NULL);
  assert_refused (&kp, swapped, strlen (swapped), BD_ERROR_INVALID_ARGUMENT, "malformed signature");
}

/* Comments that are signed correctly but are not plain UTF-8 text. */
static void
test_verify_comment_encoding (void)
{
  const char *bad[] = { "\xff\xfe", "caf\xc3", "\xc0\x80", "a\rb", "\x1b[31mred", "del\x7f" };
  Keypair kp;
  g_autofree char *text = NULL;
  g_autofree char *utf8 = NULL;

  keypair_init (&kp);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *signed_text = sign (&kp, TRUE, bad[i]);

      assert_refused (&kp, signed_text, strlen (signed_text), BD_ERROR_INVALID_ARGUMENT,
                      "malformed signature");
    }
  text = sign (&kp, TRUE, "ok");
  assert_line_refused (&kp, text, 0, "untrusted comment: \xff", "malformed signature: \"untrusted comment: \" line is not UTF-8");

  utf8 = sign (&kp, TRUE, "café\tversion 2 ✓");
  assert_accepted (&kp, utf8, strlen (utf8), "café\tversion 2 ✓");
}

/* A NUL would end the returned comment early: what is shown would not
 * be all that was signed. */
static void
test_verify_comment_nul (void)
{
  Keypair kp;
  g_autofree char *text = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  const char *at;

  keypair_init (&kp);
  text = sign (&kp, TRUE, "version 1 and more");
  at = strstr (text, " and more");
  g_byte_array_append (buffer, (const guint8 *) text, at - text);
  g_byte_array_append (buffer, (const guint8 *) "\0", 1);
  g_byte_array_append (buffer, (const guint8 *) at + 1, strlen (at + 1));
  assert_refused (&kp, (const char *) buffer->data, buffer->len, BD_ERROR_INVALID_ARGUMENT,
                  "malformed signature");
}

/* GLib's decoder would skip most of these; each must be refused. */
static void
test_verify_bad_base64 (void)
{
  Keypair kp;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *spaced = NULL;
  g_autofree char *unpadded = NULL;
  g_autofree char *url = NULL;
  g_autofree char *noncanonical = NULL;
  g_autofree char *early_pad = NULL;
  g_autofree char *longer = NULL;

  keypair_init (&kp);
  text = sign (&kp, TRUE, "comment");
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_suffix (lines[3], "=="));
  spaced = g_strdup_printf ("%.40s %s", lines[3], lines[3] + 40);
  unpadded = g_strndup (lines[3], 86);
  url = g_strdup (lines[3]);
  url[10] = '-';
  noncanonical = g_strdup (lines[3]);
  /* the last data character carries 2 bits of data, 4 unused */
  noncanonical[85] = base64_alphabet[(strchr (base64_alphabet, noncanonical[85]) - base64_alphabet) ^ 1];
  early_pad = g_strdup (lines[1]);
  early_pad[50] = '=';
  longer = g_strconcat (lines[3], "AAAA", NULL);
  assert_line_refused (&kp, text, 3, spaced, "malformed signature: line 4: base64 of 89");
  assert_line_refused (&kp, text, 3, unpadded, "malformed signature: line 4: base64 of 86");
  assert_line_refused (&kp, text, 3, url, "malformed signature: line 4: unexpected character");
  assert_line_refused (&kp, text, 3, noncanonical, "malformed signature: line 4: non-canonical");
  assert_line_refused (&kp, text, 1, early_pad, "malformed signature: line 2: unexpected character");
  assert_line_refused (&kp, text, 3, longer, "malformed signature: line 4: base64 of 92");
  assert_line_refused (&kp, text, 3, "", "malformed signature: line 4: base64 of 0");
  assert_line_refused (&kp, text, 1, "=", "malformed signature: line 2: base64 of 1");
}

static void
test_verify_several_keys (void)
{
  Keypair kps[4];
  g_autoptr(BdMinisignKey) k0 = NULL;
  g_autoptr(BdMinisignKey) k1 = NULL;
  g_autoptr(BdMinisignKey) k2 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kps); i++)
    keypair_init (&kps[i]);
  k0 = keypair_key (&kps[0]);
  k1 = keypair_key (&kps[1]);
  k2 = keypair_key (&kps[2]);
  for (guint i = 0; i < G_N_ELEMENTS (kps); i++)
    {
      BdMinisignKey *keys[] = { k0, k1, k2, NULL };
      BdMinisignKey *none[] = { NULL };
      g_autofree char *comment = g_strdup_printf ("signed by %u", i);
      g_autofree char *text = sign (&kps[i], i % 2, comment);
      g_autofree char *got = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok = verify_len (MESSAGE, text, strlen (text), keys, &got, &error);

      /* the fourth key is not trusted */
      g_assert_cmpint (ok, ==, i < 3);
      g_assert_cmpstr (got, ==, i < 3 ? comment : NULL);
      if (!ok)
        g_assert_error (error, BD_ERROR, BD_ERROR_FAILED);
      g_clear_error (&error);
      g_assert_false (verify_len (MESSAGE, text, strlen (text), none, NULL, &error));
      g_assert_cmpstr (error->message, ==, "signed with unknown key ID");
    }
}

static void
test_verify_empty_message (void)
{
  Keypair kp;
  g_autoptr(BdMinisignKey) key = NULL;

  keypair_init (&kp);
  key = keypair_key (&kp);
  for (int prehashed = 0; prehashed < 2; prehashed++)
    {
      g_autofree char *text = sign_full (&kp, "", 0, prehashed, "empty");
      BdMinisignKey *keys[] = { key, NULL };
      g_autofree char *comment = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (verify_len ("", text, strlen (text), keys, &comment, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (comment, ==, "empty");
      g_assert_false (verify_len ("\n", text, strlen (text), keys, NULL, NULL));
    }
}

static BdMinisignKey *
key_from_text (const char *text,
               GError    **error)
{
  return bd_minisign_key_new_from_text (text, strlen (text), error);
}

static void
assert_same_key (BdMinisignKey *key,
                 const Keypair *kp)
{
  g_autofree char *id = bd_minisign_key_dup_id (key);
  g_autoptr(BdMinisignKey) expected = keypair_key (kp);
  g_autofree char *expected_id = bd_minisign_key_dup_id (expected);
  g_autofree char *text = sign (kp, TRUE, "c");
  g_autoptr(GBytes) message = g_bytes_new_static (MESSAGE, strlen (MESSAGE));
  g_autoptr(GBytes) sig = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (id, ==, expected_id);
  g_ptr_array_add (keys, key);
  g_assert_true (bd_minisign_verify (message, sig, keys, NULL, &error));
  g_assert_no_error (error);
}

static void
test_key_good (void)
{
  Keypair kp;
  g_autofree char *line = NULL;
  char *texts[7] = { NULL };

  keypair_init (&kp);
  line = keypair_base64 (&kp);
  texts[0] = g_strdup_printf ("untrusted comment: minisign public key X\n%s\n", line);
  texts[1] = g_strdup_printf ("untrusted comment: minisign public key X\r\n%s\r\n", line);
  texts[2] = g_strdup_printf ("untrusted comment: x\n%s", line);
  texts[3] = g_strdup_printf ("%s\n", line);
  texts[4] = g_strdup_printf ("\n\nuntrusted comment: x\n\n  %s  \n\n", line);
  texts[5] = g_strdup (line);
  texts[6] = g_strdup_printf ("  \t%s\r\n", line);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BdMinisignKey) from_text = key_from_text (texts[i], &error);
      g_autoptr(BdMinisignKey) from_line = NULL;

      g_assert_no_error (error);
      assert_same_key (from_text, &kp);
      if (i < 5)
        continue;
      from_line = bd_minisign_key_new_from_base64 (texts[i], &error);
      g_assert_no_error (error);
      assert_same_key (from_line, &kp);
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (texts[i]);
}

static void
assert_key_line_refused (const char *line,
                         const char *message_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdMinisignKey) key = bd_minisign_key_new_from_base64 (line, &error);
  g_autoptr(GError) text_error = NULL;
  g_autoptr(BdMinisignKey) text_key = key_from_text (line, &text_error);

  g_assert_null (key);
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT);
  assert_message_prefix (error->message, message_prefix);
  g_assert_null (text_key);
  g_assert_error (text_error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT);
}

static void
test_key_bad_line (void)
{
  guint8 blob[43] = { 'E', 'd' };
  g_autofree char *short_line = g_base64_encode (blob, 41);
  g_autofree char *long_line = g_base64_encode (blob, 43);
  g_autofree char *prehashed = NULL;
  g_autofree char *spaced = NULL;
  g_autofree char *good = g_base64_encode (blob, 42);

  blob[1] = 'D';
  prehashed = g_base64_encode (blob, 42);
  spaced = g_strdup_printf ("%.20s %s", good, good + 20);
  assert_key_line_refused ("", "malformed public key: empty");
  assert_key_line_refused (" \t\r\n", "malformed public key: empty");
  /* 41 bytes take 56 characters too, the last one padding */
  assert_key_line_refused (short_line, "malformed public key: unexpected character at base64 offset 55");
  assert_key_line_refused (long_line, "malformed public key: base64 of");
  assert_key_line_refused (prehashed, "malformed public key: algorithm 0x4544");
  assert_key_line_refused (spaced, "malformed public key: base64 of");
  good[5] = '.';
  assert_key_line_refused (good, "malformed public key: unexpected character");
  good[5] = '-';
  assert_key_line_refused (good, "malformed public key: unexpected character");
}

static void
assert_key_text_refused (const char *text,
                         gsize       length,
                         int         code,
                         const char *message_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdMinisignKey) key = bd_minisign_key_new_from_text (text, length, &error);

  g_assert_null (key);
  g_assert_error (error, BD_ERROR, code);
  assert_message_prefix (error->message, message_prefix);
}

static void
test_key_bad_text (void)
{
  Keypair kp;
  g_autofree char *line = NULL;
  g_autofree char *three = NULL;
  g_autofree char *no_comment = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *with_nul = NULL;
  g_autofree char *huge = NULL;
  gsize with_nul_length;

  keypair_init (&kp);
  line = keypair_base64 (&kp);
  three = g_strdup_printf ("untrusted comment: x\n%s\nmore\n", line);
  no_comment = g_strdup_printf ("comment: x\n%s\n", line);
  swapped = g_strdup_printf ("%s\nuntrusted comment: x\n", line);
  with_nul = g_strdup_printf ("untrusted comment: x\n%s\n", line);
  with_nul_length = strlen (with_nul);
  huge = g_strdup_printf ("untrusted comment: %01100d\n%s\n", 0, line);
  assert_key_text_refused ("", 0, BD_ERROR_INVALID_ARGUMENT, "malformed public key: empty");
  assert_key_text_refused (NULL, 0, BD_ERROR_INVALID_ARGUMENT, "malformed public key: empty");
  assert_key_text_refused ("\n\n \n", 4, BD_ERROR_INVALID_ARGUMENT, "malformed public key: empty");
  assert_key_text_refused (three, strlen (three), BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: more than two lines");
  assert_key_text_refused (no_comment, strlen (no_comment), BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: first line");
  assert_key_text_refused (swapped, strlen (swapped), BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: first line");
  assert_key_text_refused ("untrusted comment: x\n", 21, BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: base64");
  /* a length that stops before the end of the key line */
  assert_key_text_refused (with_nul, strlen (with_nul) - 5, BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: base64");
  with_nul[5] = '\0';
  assert_key_text_refused (with_nul, with_nul_length, BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: NUL");
  assert_key_text_refused (huge, strlen (huge), BD_ERROR_TOO_LARGE, "public key text is");
}

static void
test_key_id (void)
{
  guint8 blob[42] = { 'E', 'd', 0x08, 0xD4, 0xA0, 0xCD, 0x56, 0x95, 0xC6, 0x7D };
  g_autofree char *line = g_base64_encode (blob, sizeof blob);
  g_autoptr(BdMinisignKey) key = bd_minisign_key_new_from_base64 (line, NULL);
  g_autoptr(BdMinisignKey) ref = NULL;
  g_autofree char *id = NULL;
  g_autofree char *ref_id = NULL;
  g_autoptr(BdMinisignKey) fixture =
    key_from_text (FIXTURE_PUBLIC_KEY, NULL);
  g_autofree char *fixture_id = NULL;

  g_assert_nonnull (key);
  id = bd_minisign_key_dup_id (key);
  g_assert_cmpstr (id, ==, "7DC69556CDA0D408");
  ref = bd_minisign_key_ref (key);
  g_assert_true (ref == key);
  ref_id = bd_minisign_key_dup_id (ref);
  g_assert_cmpstr (ref_id, ==, id);

  /* minisign names this key 7DC69556CDA0D408 in its comment line */
  fixture_id = bd_minisign_key_dup_id (fixture);
  g_assert_cmpstr (fixture_id, ==, "7DC69556CDA0D408");

  /* always 16 digits, leading zeros too */
  blob[2] = 0xab;
  blob[9] = 0x01;
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&key, bd_minisign_key_unref);
  line = g_base64_encode (blob, sizeof blob);
  key = bd_minisign_key_new_from_base64 (line, NULL);
  id = bd_minisign_key_dup_id (key);
  g_assert_cmpstr (id, ==, "01C69556CDA0D4AB");
}

static gboolean
run_minisign (const char  *dir,
              const char **argv,
              GError     **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (dir, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL,
                     NULL, NULL, &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: ", err);
      return FALSE;
    }
  return TRUE;
}

static char *
read_in (const char *dir,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_in (const char *dir,
          const char *name,
          const char *contents,
          gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
minisign_sign (const char *dir,
               const char *sig_name,
               gboolean    legacy,
               const char *comment)
{
  const char *argv[] = { "minisign", "-S", "-s", "sec", "-m", "message", "-x", sig_name,
                         "-t", comment, legacy ? "-l" : NULL, NULL };
  g_autoptr(GError) error = NULL;

  run_minisign (dir, argv, &error);
  g_assert_no_error (error);
}

/* Decodes the algorithm of a signature text, to prove which kind
 * minisign made. */
static char *
algorithm_of (const char *sig_text)
{
  g_auto(GStrv) lines = g_strsplit (sig_text, "\n", -1);
  gsize length = 0;
  g_autofree guint8 *blob = g_base64_decode (lines[1], &length);

  g_assert_cmpuint (length, ==, 74);
  return g_strndup ((const char *) blob, 2);
}

static void
check_minisign_signature (const char    *dir,
                          const char    *sig_name,
                          BdMinisignKey *key,
                          GBytes        *message,
                          const char    *expected_algorithm,
                          const char    *expected_comment)
{
  g_autofree char *sig_text = read_in (dir, sig_name);
  g_autofree char *algorithm = algorithm_of (sig_text);
  g_autoptr(GBytes) sig = g_bytes_new (sig_text, strlen (sig_text));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) tampered = g_bytes_new ("x", 1);

  g_assert_cmpstr (algorithm, ==, expected_algorithm);
  g_ptr_array_add (keys, key);
  g_assert_true (bd_minisign_verify (message, sig, keys, &comment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, expected_comment);
  g_assert_false (bd_minisign_verify (tampered, sig, keys, NULL, &error));
  g_assert_error (error, BD_ERROR, BD_ERROR_FAILED);
}

/* In the isolated cache directory, which GLib removes after the test,
 * secret key and all. */
static char *
make_message_dir (GBytes **message)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), "minisign", NULL);
  guint8 data[3000];

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  randombytes_buf (data, sizeof data);
  write_in (dir, "message", (const char *) data, sizeof data);
  *message = g_bytes_new (data, sizeof data);
  return dir;
}

static gboolean
skip_without_minisign (void)
{
  g_autofree char *path = g_find_program_in_path ("minisign");

  if (path == NULL)
    g_test_skip ("minisign is not installed");
  return path == NULL;
}

/* minisign signs, we verify. */
static void
test_interop_minisign_signs (void)
{
  const char *generate[] = { "minisign", "-G", "-W", "-p", "pub", "-s", "sec", NULL };
  g_autoptr(GBytes) message = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pub = NULL;
  g_autoptr(BdMinisignKey) key = NULL;
  g_autofree char *id = NULL;
  g_auto(GStrv) pub_lines = NULL;
  g_autoptr(GError) error = NULL;

  if (skip_without_minisign ())
    return;
  dir = make_message_dir (&message);
  run_minisign (dir, generate, &error);
  g_assert_no_error (error);
  minisign_sign (dir, "prehashed.minisig", FALSE, "interop prehashed");
  minisign_sign (dir, "legacy.minisig", TRUE, "interop legacy\twith tab");

  pub = read_in (dir, "pub");
  key = bd_minisign_key_new_from_text (pub, strlen (pub), &error);
  g_assert_no_error (error);
  id = bd_minisign_key_dup_id (key);
  /* minisign names the key in the comment line, but without the leading
   * zeros we keep */
  pub_lines = g_strsplit (pub, "\n", -1);
  g_assert_cmpuint (strlen (id), ==, 16);
  g_assert_cmpuint (g_ascii_strtoull (strrchr (pub_lines[0], ' ') + 1, NULL, 16), ==,
                    g_ascii_strtoull (id, NULL, 16));
  check_minisign_signature (dir, "prehashed.minisig", key, message, "ED", "interop prehashed");
  check_minisign_signature (dir, "legacy.minisig", key, message, "Ed", "interop legacy\twith tab");
}

static gboolean
minisign_accepts (const char *dir,
                  const char *sig_name)
{
  const char *verify[] = { "minisign", "-V", "-p", "pub", "-m", "message", "-x", sig_name, NULL };

  return run_minisign (dir, verify, NULL);
}

/* We sign (the test helper), minisign verifies: the helper the other
 * tests rely on makes real minisign signatures. */
static void
test_interop_minisign_verifies (void)
{
  Keypair kp;
  g_autoptr(GBytes) message = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *line = NULL;
  g_autofree char *pub = NULL;

  if (skip_without_minisign ())
    return;
  keypair_init (&kp);
  dir = make_message_dir (&message);
  line = keypair_base64 (&kp);
  pub = g_strdup_printf ("untrusted comment: test key\n%s\n", line);
  write_in (dir, "pub", pub, -1);
  for (int prehashed = 0; prehashed < 2; prehashed++)
    {
      gsize length = 0;
      const void *data = g_bytes_get_data (message, &length);
      g_autofree char *text = sign_full (&kp, data, length, prehashed, "from the test");
      g_autofree char *bad = replace_line (text, 2, "trusted comment: from elsewhere");

      write_in (dir, "good.minisig", text, -1);
      write_in (dir, "bad.minisig", bad, -1);
      g_assert_true (minisign_accepts (dir, "good.minisig"));
      g_assert_false (minisign_accepts (dir, "bad.minisig"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_data_func ("/minisign/verify/good-prehashed", GINT_TO_POINTER (TRUE), test_verify_good);
  g_test_add_data_func ("/minisign/verify/good-legacy", GINT_TO_POINTER (FALSE), test_verify_good);
  g_test_add_func ("/minisign/verify/fixture", test_verify_fixture);
  g_test_add_data_func ("/minisign/verify/flipped-message-prehashed", GINT_TO_POINTER (TRUE), test_verify_flipped_message);
  g_test_add_data_func ("/minisign/verify/flipped-message-legacy", GINT_TO_POINTER (FALSE), test_verify_flipped_message);
  g_test_add_data_func ("/minisign/verify/flipped-text-prehashed", GINT_TO_POINTER (TRUE), test_verify_flipped_text);
  g_test_add_data_func ("/minisign/verify/flipped-text-legacy", GINT_TO_POINTER (FALSE), test_verify_flipped_text);
  g_test_add_func ("/minisign/verify/flipped-base64", test_verify_flipped_base64);
  g_test_add_func ("/minisign/verify/unknown-key", test_verify_unknown_key);
  g_test_add_data_func ("/minisign/verify/same-id-other-key-prehashed", GINT_TO_POINTER (TRUE), test_verify_same_id_other_key);
  g_test_add_data_func ("/minisign/verify/same-id-other-key-legacy", GINT_TO_POINTER (FALSE), test_verify_same_id_other_key);
  g_test_add_func ("/minisign/verify/altered-comment", test_verify_altered_comment);
  g_test_add_func ("/minisign/verify/transplanted-comment", test_verify_transplanted_comment);
  g_test_add_func ("/minisign/verify/algorithm", test_verify_algorithm);
  g_test_add_func ("/minisign/verify/truncated", test_verify_truncated);
  g_test_add_func ("/minisign/verify/garbage-random", test_verify_garbage_random);
  g_test_add_func ("/minisign/verify/garbage-shaped", test_verify_garbage_shaped);
  g_test_add_func ("/minisign/verify/huge", test_verify_huge);
  g_test_add_func ("/minisign/verify/trailing", test_verify_trailing);
  g_test_add_func ("/minisign/verify/line-ends", test_verify_line_ends);
  g_test_add_func ("/minisign/verify/prefixes", test_verify_prefixes);
  g_test_add_func ("/minisign/verify/comment-encoding", test_verify_comment_encoding);
  g_test_add_func ("/minisign/verify/comment-nul", test_verify_comment_nul);
  g_test_add_func ("/minisign/verify/bad-base64", test_verify_bad_base64);
  g_test_add_func ("/minisign/verify/several-keys", test_verify_several_keys);
  g_test_add_func ("/minisign/verify/empty-message", test_verify_empty_message);
  g_test_add_func ("/minisign/key/good", test_key_good);
  g_test_add_func ("/minisign/key/bad-line", test_key_bad_line);
  g_test_add_func ("/minisign/key/bad-text", test_key_bad_text);
  g_test_add_func ("/minisign/key/id", test_key_id);
  g_test_add_func ("/minisign/interop/minisign-signs", test_interop_minisign_signs);
  g_test_add_func ("/minisign/interop/minisign-verifies", test_interop_minisign_verifies);

  return g_test_run ();
}
