/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-minisign"

#include <string.h>
#include <sodium.h>

#include "bd-error.h"
#include "bd-minisign.h"

/* The wire format, from minisign's own sources: a public key is the
 * algorithm, the key id, then the Ed25519 key; a signature line is the
 * algorithm, the key id, then the Ed25519 signature. */
#define ALGORITHM_SIZE 2
#define KEY_BLOB_SIZE (ALGORITHM_SIZE + BD_MINISIGN_KEY_ID_SIZE + crypto_sign_PUBLICKEYBYTES)
#define SIG_BLOB_SIZE (ALGORITHM_SIZE + BD_MINISIGN_KEY_ID_SIZE + crypto_sign_BYTES)
/* minisign prehashes with unkeyed BLAKE2b-512 */
#define PREHASH_SIZE crypto_generichash_BYTES_MAX

/* A public key file is two short lines; anything much longer is not one. */
#define MAX_KEY_TEXT_SIZE 1024

#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "

static const guint8 algorithm_legacy[ALGORITHM_SIZE] = { 'E', 'd' };
static const guint8 algorithm_prehashed[ALGORITHM_SIZE] = { 'E', 'D' };

G_STATIC_ASSERT (PREHASH_SIZE == 64);

struct _BdMinisignKey
{
  guint8 id[BD_MINISIGN_KEY_ID_SIZE];
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
};

/* One line of a text, without its line end. */
typedef struct
{
  const char *start;
  gsize length;
} Line;

/* A parsed signature file; @comment points into the signature text. */
typedef struct
{
  gboolean prehashed;
  guint8 key_id[BD_MINISIGN_KEY_ID_SIZE];
  guint8 signature[crypto_sign_BYTES];
  Line comment;
  guint8 global_signature[crypto_sign_BYTES];
} Signature;

static gboolean
ensure_sodium (GError **error)
{
  /* 1 once sodium_init() succeeded, 2 once it failed: g_once needs non-zero */
  static gsize state = 0;

  if (g_once_init_enter (&state))
    g_once_init_leave (&state, sodium_init () < 0 ? 2 : 1);
  if (state == 2)
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_FAILED,
                           "libsodium failed to initialize");
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* GLib's decoder skips characters outside the alphabet and accepts any
 * length, so check the exact shape first; it also calls a text shorter
 * than two characters a programming error. */
static gboolean
check_base64_shape (const Line *line,
                    gsize       n_bytes,
                    GError    **error)
{
  gsize expected = (n_bytes + 2) / 3 * 4;
  gsize n_padding = (3 - n_bytes % 3) % 3;

  if (line->length != expected)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   "base64 of %" G_GSIZE_FORMAT " characters, expected %" G_GSIZE_FORMAT,
                   line->length, expected);
      return FALSE;
    }
  for (gsize i = 0; i < expected; i++)
    {
      gboolean padding = i >= expected - n_padding;

      if (padding ? line->start[i] != '=' : !is_base64_char (line->start[i]))
        {
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                       "unexpected character at base64 offset %" G_GSIZE_FORMAT, i);
          return FALSE;
        }
    }
  return TRUE;
}

/* Decodes exactly @n_bytes into @out. Only the canonical encoding is
 * accepted, so one signature has exactly one text form. */
static gboolean
decode_base64 (const Line *line,
               guint8     *out,
               gsize       n_bytes,
               GError    **error)
{
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  gsize n_decoded = 0;

  if (!check_base64_shape (line, n_bytes, error))
    return FALSE;
  text = g_strndup (line->start, line->length);
  g_base64_decode_inplace (text, &n_decoded);
  if (n_decoded != n_bytes)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   "base64 decodes to %" G_GSIZE_FORMAT " bytes, expected %" G_GSIZE_FORMAT,
                   n_decoded, n_bytes);
      return FALSE;
    }
  again = g_base64_encode ((const guchar *) text, n_decoded);
  if (memcmp (again, line->start, line->length) != 0)
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                           "non-canonical base64 (unused bits set)");
      return FALSE;
    }
  memcpy (out, text, n_bytes);
  return TRUE;
}

static BdMinisignKey *
key_new_from_blob (const guint8 *blob)
{
  BdMinisignKey *self = g_atomic_rc_box_new0 (BdMinisignKey);

  memcpy (self->id, blob + ALGORITHM_SIZE, sizeof self->id);
  memcpy (self->public_key, blob + ALGORITHM_SIZE + sizeof self->id,
          sizeof self->public_key);
  return self;
}

static Line
strip_line (const char *start,
            gsize       length)
{
  Line line = { start, length };

  while (line.length > 0 && g_ascii_isspace (line.start[0]))
    {
      line.start++;
      line.length--;
    }
  while (line.length > 0 && g_ascii_isspace (line.start[line.length - 1]))
    line.length--;
  return line;
}

static BdMinisignKey *
key_new_from_line (const Line *line,
                   GError    **error)
{
  guint8 blob[KEY_BLOB_SIZE];

  if (line->length == 0)
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: empty");
      return NULL;
    }
  if (!decode_base64 (line, blob, sizeof blob, error))
    {
      g_prefix_error (error, "malformed public key: ");
      return NULL;
    }
  if (memcmp (blob, algorithm_legacy, ALGORITHM_SIZE) != 0)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   "malformed public key: algorithm 0x%02x%02x, expected \"Ed\"",
                   blob[0], blob[1]);
      return NULL;
    }
  return key_new_from_blob (blob);
}

/**
 * bd_minisign_key_new_from_base64:
 * @line: the base64 line of a minisign public key; surrounding white
 *   space is ignored
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with
 *   %BD_ERROR_INVALID_ARGUMENT
 */
BdMinisignKey *
bd_minisign_key_new_from_base64 (const char  *line,
                                 GError     **error)
{
  Line stripped;

  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = strip_line (line, strlen (line));
  return key_new_from_line (&stripped, error);
}

/* Collects the lines of @text that hold more than white space; FALSE
 * when there are more than @max of them. */
static gboolean
collect_key_lines (const char *text,
                   gsize       length,
                   Line       *lines,
                   guint       max,
                   guint      *n_lines)
{
  const char *end = text + length;
  const char *p = text;

  *n_lines = 0;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      Line line = strip_line (p, line_end - p);

      if (line.length > 0)
        {
          if (*n_lines == max)
            return FALSE;
          lines[(*n_lines)++] = line;
        }
      p = line_end + (nl != NULL);
    }
  return TRUE;
}

static gboolean
has_prefix (const Line *line,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return line->length >= n && memcmp (line->start, prefix, n) == 0;
}

static gboolean
check_key_text (const char *text,
                gsize       length,
                GError    **error)
{
  if (length > MAX_KEY_TEXT_SIZE)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_TOO_LARGE,
                   "public key text is %" G_GSIZE_FORMAT " bytes, over the %d byte limit",
                   length, MAX_KEY_TEXT_SIZE);
      return FALSE;
    }
  if (length > 0 && memchr (text, '\0', length) != NULL)
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: NUL byte in text");
      return FALSE;
    }
  return TRUE;
}

/**
 * bd_minisign_key_new_from_text:
 * @text: (array length=length): a minisign public key file: an
 *   `untrusted comment:` line then the base64 line, or the base64 line alone
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with
 *   %BD_ERROR_INVALID_ARGUMENT or %BD_ERROR_TOO_LARGE
 */
BdMinisignKey *
bd_minisign_key_new_from_text (const char  *text,
                               gsize        length,
                               GError     **error)
{
  Line lines[2];
  guint n_lines = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_key_text (text, length, error))
    return NULL;
  if (!collect_key_lines (text, length, lines, G_N_ELEMENTS (lines), &n_lines))
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: more than two lines");
      return NULL;
    }
  if (n_lines == 2 && !has_prefix (&lines[0], UNTRUSTED_PREFIX))
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: first line is not \"" UNTRUSTED_PREFIX "...\"");
      return NULL;
    }
  if (n_lines == 0)
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                           "malformed public key: empty");
      return NULL;
    }
  /* the key line is the last one, after the comment when there is one */
  return key_new_from_line (&lines[n_lines - 1], error);
}

BdMinisignKey *
bd_minisign_key_ref (BdMinisignKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return g_atomic_rc_box_acquire (key);
}

void
bd_minisign_key_unref (BdMinisignKey *key)
{
  g_return_if_fail (key != NULL);
  g_atomic_rc_box_release (key);
}

/**
 * bd_minisign_key_dup_id:
 *
 * Returns: (transfer full): the key id as minisign prints it: 16
 *   uppercase hex digits of the id read as a little-endian 64-bit number
 */
char *
bd_minisign_key_dup_id (BdMinisignKey *key)
{
  GString *hex;

  g_return_val_if_fail (key != NULL, NULL);

  hex = g_string_sized_new (2 * BD_MINISIGN_KEY_ID_SIZE);
  for (guint i = BD_MINISIGN_KEY_ID_SIZE; i > 0; i--)
    g_string_append_printf (hex, "%02X", key->id[i - 1]);
  return g_string_free (hex, FALSE);
}

/* Splits @text into its four lines. Each ends in "\n" or "\r\n"; the
 * last may also end the text, as minisign itself reads it. */
static gboolean
split_lines (const char *text,
             gsize       length,
             Line        lines[4],
             GError    **error)
{
  const char *end = text + length;
  const char *p = text;

  for (guint i = 0; i < 4; i++)
    {
      const char *nl;

      if (p == end)
        {
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                       "malformed signature: %u lines, expected 4", i);
          return FALSE;
        }
      nl = memchr (p, '\n', end - p);
      lines[i].start = p;
      lines[i].length = (nl != NULL ? nl : end) - p;
      if (nl != NULL && lines[i].length > 0 && nl[-1] == '\r')
        lines[i].length--;
      p = nl != NULL ? nl + 1 : end;
    }
  if (p != end)
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                           "malformed signature: data after line 4");
      return FALSE;
    }
  return TRUE;
}

/* Takes @prefix off @line. The rest must be UTF-8 without control
 * characters other than tab (minisign's default trusted comment uses
 * tabs): the trusted comment may be shown, and a NUL would let what is
 * shown differ from what was signed. */
static gboolean
parse_comment (const Line *line,
               const char *prefix,
               Line       *comment,
               GError    **error)
{
  gsize n = strlen (prefix);

  if (!has_prefix (line, prefix))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   "malformed signature: line does not start with \"%s\"", prefix);
      return FALSE;
    }
  comment->start = line->start + n;
  comment->length = line->length - n;
  if (!g_utf8_validate (comment->start, comment->length, NULL))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   "malformed signature: \"%s\" line is not UTF-8", prefix);
      return FALSE;
    }
  for (gsize i = 0; i < comment->length; i++)
    {
      guchar c = comment->start[i];

      if ((c < 0x20 && c != '\t') || c == 0x7f)
        {
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                       "malformed signature: control character 0x%02x in \"%s\" line",
                       c, prefix);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_signature_line (const Line *line,
                      Signature  *sig,
                      GError    **error)
{
  guint8 blob[SIG_BLOB_SIZE];

  if (!decode_base64 (line, blob, sizeof blob, error))
    {
      g_prefix_error (error, "malformed signature: line 2: ");
      return FALSE;
    }
  if (memcmp (blob, algorithm_prehashed, ALGORITHM_SIZE) == 0)
    sig->prehashed = TRUE;
  else if (memcmp (blob, algorithm_legacy, ALGORITHM_SIZE) == 0)
    sig->prehashed = FALSE;
  else
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT,
                   "malformed signature: unknown algorithm 0x%02x%02x",
                   blob[0], blob[1]);
      return FALSE;
    }
  memcpy (sig->key_id, blob + ALGORITHM_SIZE, sizeof sig->key_id);
  memcpy (sig->signature, blob + ALGORITHM_SIZE + sizeof sig->key_id,
          sizeof sig->signature);
  return TRUE;
}

static gboolean
parse_signature (GBytes    *bytes,
                 Signature *sig,
                 GError   **error)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (bytes, &length);
  Line lines[4];
  Line untrusted;

  if (length > BD_MINISIGN_MAX_SIGNATURE_SIZE)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_TOO_LARGE,
                   "signature is %" G_GSIZE_FORMAT " bytes, over the %d byte limit",
                   length, BD_MINISIGN_MAX_SIGNATURE_SIZE);
      return FALSE;
    }
  if (!split_lines (text, length, lines, error) ||
      !parse_comment (&lines[0], UNTRUSTED_PREFIX, &untrusted, error) ||
      !parse_signature_line (&lines[1], sig, error) ||
      !parse_comment (&lines[2], TRUSTED_PREFIX, &sig->comment, error))
    return FALSE;
  if (!decode_base64 (&lines[3], sig->global_signature, sizeof sig->global_signature, error))
    {
      g_prefix_error (error, "malformed signature: line 4: ");
      return FALSE;
    }
  return TRUE;
}

static BdMinisignKey *
find_key (GPtrArray    *keys,
          const guint8 *key_id)
{
  /* Ids are random 64-bit numbers, so the first match is the one meant. */
  for (guint i = 0; i < keys->len; i++)
    {
      BdMinisignKey *key = g_ptr_array_index (keys, i);

      if (memcmp (key->id, key_id, BD_MINISIGN_KEY_ID_SIZE) == 0)
        return key;
    }
  return NULL;
}

static gboolean
check_message (const Signature     *sig,
               const BdMinisignKey *key,
               GBytes              *message)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (message, &length);
  guint8 hash[PREHASH_SIZE];

  if (!sig->prehashed)
    return crypto_sign_verify_detached (sig->signature, data, length,
                                        key->public_key) == 0;
  crypto_generichash (hash, sizeof hash, data, length, NULL, 0);
  return crypto_sign_verify_detached (sig->signature, hash, sizeof hash,
                                      key->public_key) == 0;
}

/* The global signature binds the trusted comment to the signature. */
static gboolean
check_global (const Signature     *sig,
              const BdMinisignKey *key)
{
  gsize length = sizeof sig->signature + sig->comment.length;
  g_autofree guint8 *signed_data = g_malloc (length);

  memcpy (signed_data, sig->signature, sizeof sig->signature);
  memcpy (signed_data + sizeof sig->signature, sig->comment.start, sig->comment.length);
  return crypto_sign_verify_detached (sig->global_signature, signed_data, length,
                                      key->public_key) == 0;
}

static gboolean
check_signature (const Signature *sig,
                 GBytes          *message,
                 GPtrArray       *trusted_keys,
                 GError         **error)
{
  BdMinisignKey *key = find_key (trusted_keys, sig->key_id);

  if (key == NULL)
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_FAILED,
                           "signed with unknown key ID");
      return FALSE;
    }
  if (!check_message (sig, key, message))
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_FAILED, "bad signature");
      return FALSE;
    }
  if (!check_global (sig, key))
    {
      g_set_error_literal (error, BD_ERROR, BD_ERROR_FAILED,
                           "bad trusted comment signature");
      return FALSE;
    }
  return TRUE;
}

/**
 * bd_minisign_verify:
 * @message: the signed bytes
 * @signature: the text of the `.minisig` file
 * @trusted_keys: (element-type BdMinisignKey): the keys to accept
 * @trusted_comment: (out) (optional) (transfer full): the trusted
 *   comment, set only on success
 *
 * Checks that one of @trusted_keys signed @message, in the legacy or
 * the prehashed minisign format, and that the trusted comment is the one
 * signed with it.
 *
 * Returns: %TRUE if so; otherwise %FALSE with %BD_ERROR_INVALID_ARGUMENT
 *   for malformed signature text, %BD_ERROR_TOO_LARGE for an oversized
 *   one, or %BD_ERROR_FAILED for an unknown key or a signature that does
 *   not verify
 */
gboolean
bd_minisign_verify (GBytes     *message,
                    GBytes     *signature,
                    GPtrArray  *trusted_keys,
                    char      **trusted_comment,
                    GError    **error)
{
  Signature sig = { 0 };

  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);
  g_return_val_if_fail (trusted_keys != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_sodium (error) ||
      !parse_signature (signature, &sig, error) ||
      !check_signature (&sig, message, trusted_keys, error))
    return FALSE;
  if (trusted_comment != NULL)
    *trusted_comment = g_strndup (sig.comment.start, sig.comment.length);
  return TRUE;
}
