/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A minisign key pair a test makes for itself with the real minisign
 * tool (no private key is ever in the repository), and signatures made
 * with it, exactly as a help desk or the project would publish them. */
typedef struct
{
  char *dir;  /* holds key.pub and key.sec */
  char *line; /* the public key's base64 line */
} TestKey;

void    test_key_init          (TestKey       *key);
void    test_key_clear         (TestKey       *key);
char   *test_key_line          (const TestKey *key);
GBytes *test_key_sign          (const TestKey *key,
                                GBytes        *message);
GBytes *test_pack_with_version (const char    *version);
guint   test_json_replace      (GString       *text,
                                const char    *find,
                                const char    *replace);

G_END_DECLS
