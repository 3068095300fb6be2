/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BD_TYPE_TEXT (bd_text_get_type ())

/**
 * BdText:
 *
 * A human-readable string in several languages: the pack's language map
 * `{"en": "...", "de": "..."}`. English is always there.
 */
typedef struct _BdText BdText;

GType        bd_text_get_type      (void) G_GNUC_CONST;
BdText      *bd_text_new           (const char   *english);
BdText      *bd_text_ref           (BdText       *self);
void         bd_text_unref         (BdText       *self);
void         bd_text_set           (BdText       *self,
                                    const char   *language,
                                    const char   *value);
const char  *bd_text_get           (const BdText *self);
const char  *bd_text_get_for       (const BdText *self,
                                    const char   *language);
const char  *bd_text_lookup        (const BdText *self,
                                    const char   *language);
GStrv        bd_text_list_languages (const BdText *self);
const char  *bd_text_language_name  (const char   *code);
gboolean     bd_text_language_is_valid (const char *code);
gunichar     bd_text_find_control   (const char   *value,
                                     gboolean      allow_newline);
char        *bd_text_escape_controls (const char  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdText, bd_text_unref)

G_END_DECLS
