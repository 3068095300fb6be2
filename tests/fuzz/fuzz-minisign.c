/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-minisign"

#include <string.h>
#include <sodium.h>

#include "bd-error.h"
#include "bd-minisign.h"
#include "fuzz.h"

/* The seed corpus (corpus/minisign) holds signatures of MESSAGE made with
 * the key from SEED and KEY_ID, so the fuzzer starts from inputs that
 * verify and mutates its way out of them. */
#define MESSAGE "badge-doctor fuzz message\n"
#define SEED_BYTE 0x42
static const guint8 key_id[BD_MINISIGN_KEY_ID_SIZE] = { 1, 2, 3, 4, 5, 6, 7, 8 };

static BdMinisignKey *
make_trusted_key (void)
{
  guint8 seed[crypto_sign_SEEDBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  guint8 blob[2 + BD_MINISIGN_KEY_ID_SIZE + crypto_sign_PUBLICKEYBYTES] = { 'E', 'd' };
  g_autofree char *line = NULL;
  BdMinisignKey *key;

  g_assert (sodium_init () >= 0);
  memset (seed, SEED_BYTE, sizeof seed);
  memcpy (blob + 2, key_id, sizeof key_id);
  crypto_sign_seed_keypair (blob + 2 + sizeof key_id, sk, seed);
  line = g_base64_encode (blob, sizeof blob);
  key = bd_minisign_key_new_from_base64 (line, NULL);
  g_assert (key != NULL);
  return key;
}

static BdMinisignKey *
trusted_key (void)
{
  static BdMinisignKey *key = NULL;

  if (g_once_init_enter (&key))
    g_once_init_leave (&key, make_trusted_key ());
  return key;
}

/* One verification, checked for a coherent answer. */
static gboolean
verify (GBytes     *signature,
        GPtrArray  *keys,
        char      **comment,
        GError    **error)
{
  g_autoptr(GBytes) message = g_bytes_new_static (MESSAGE, strlen (MESSAGE));
  gboolean ok = bd_minisign_verify (message, signature, keys, comment, error);

  g_assert (ok == (*error == NULL));
  g_assert (ok == (*comment != NULL));
  g_assert (ok || (*error)->domain == BD_ERROR);
  g_assert (!ok || g_utf8_validate (*comment, -1, NULL));
  return ok;
}

static void
fuzz_signature (GBytes *signature)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) no_keys = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(GError) untrusted_error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *again_comment = NULL;
  g_autofree char *untrusted_comment = NULL;
  gboolean ok;

  g_ptr_array_add (keys, trusted_key ());
  ok = verify (signature, keys, &comment, &error);
  g_assert (ok == verify (signature, keys, &again_comment, &again_error));
  g_assert (g_strcmp0 (comment, again_comment) == 0);
  g_assert (ok || (error->code == again_error->code &&
                   strcmp (error->message, again_error->message) == 0));
  g_assert (ok || g_bytes_get_size (signature) <= BD_MINISIGN_MAX_SIGNATURE_SIZE ||
            error->code == BD_ERROR_TOO_LARGE);

  /* with no key trusted, nothing passes */
  g_assert (!verify (signature, no_keys, &untrusted_comment, &untrusted_error));
}

static char *
key_id_of (const guint8 *data,
           size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BdMinisignKey) key =
    bd_minisign_key_new_from_text ((const char *) data, size, &error);
  char *id;

  g_assert ((key == NULL) == (error != NULL));
  if (key == NULL)
    return NULL;
  id = bd_minisign_key_dup_id (key);
  g_assert (strlen (id) == 2 * BD_MINISIGN_KEY_ID_SIZE);
  return id;
}

static void
fuzz_public_key (const guint8 *data,
                 size_t        size)
{
  g_autofree char *id = key_id_of (data, size);
  g_autofree char *again = key_id_of (data, size);
  g_autofree char *line = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(BdMinisignKey) key = bd_minisign_key_new_from_base64 (line, &error);

  g_assert (g_strcmp0 (id, again) == 0);
  g_assert ((key == NULL) == (error != NULL));
}

/* Any bytes as a signature over a fixed message, then as a public key:
 * an answer, never a crash, a leak, a warning or a CRITICAL, and the same
 * answer every time. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);

  fuzz_signature (bytes);
  fuzz_public_key (data, size);
  return 0;
}
