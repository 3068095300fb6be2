/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* minisign (https://jedisct1.github.io/minisign/) public keys and
 * signatures, verified with libsodium. */

#define BD_MINISIGN_KEY_ID_SIZE 8
#define BD_MINISIGN_MAX_SIGNATURE_SIZE 4096

typedef struct _BdMinisignKey BdMinisignKey;

BdMinisignKey *bd_minisign_key_new_from_base64 (const char     *line,
                                                GError        **error);
BdMinisignKey *bd_minisign_key_new_from_text   (const char     *text,
                                                gsize           length,
                                                GError        **error);
BdMinisignKey *bd_minisign_key_ref             (BdMinisignKey  *key);
void           bd_minisign_key_unref           (BdMinisignKey  *key);
char          *bd_minisign_key_dup_id          (BdMinisignKey  *key);

gboolean       bd_minisign_verify              (GBytes         *message,
                                                GBytes         *signature,
                                                GPtrArray      *trusted_keys,
                                                char          **trusted_comment,
                                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdMinisignKey, bd_minisign_key_unref)

G_END_DECLS
