/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bd-updater.h"

G_BEGIN_DECLS

/* What the guidance and update tests share. A minisign key pair a test
 * makes for itself with the real minisign tool (no private key is ever in
 * the repository), and signatures made with it, exactly as a help desk or
 * the project would publish them. */
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

/* What a bd_updater_check_async() came to; test_outcome_done is its
 * callback, with the outcome as user data. */
typedef struct
{
  gboolean done;
  BdUpdateResult result;
  BdPack *pack;
  GError *error;
} TestOutcome;

void    test_outcome_done      (GObject       *source,
                                GAsyncResult  *result,
                                gpointer       user_data);
void    test_outcome_clear     (TestOutcome   *outcome);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestOutcome, test_outcome_clear)

G_END_DECLS
