/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-text"

#include <stdlib.h>
#include <string.h>

#include "bd-text.h"

struct _BdText
{
  GHashTable *values; /* language code -> string */
};

G_DEFINE_BOXED_TYPE (BdText, bd_text, bd_text_ref, bd_text_unref)

BdText *
bd_text_new (const char *english)
{
  BdText *self;

  g_return_val_if_fail (english != NULL, NULL);

  self = g_atomic_rc_box_new0 (BdText);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bd_text_set (self, "en", english);
  return self;
}

BdText *
bd_text_ref (BdText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

static void
bd_text_clear (BdText *self)
{
  g_clear_pointer (&self->values, g_hash_table_unref);
}

void
bd_text_unref (BdText *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) bd_text_clear);
}

void
bd_text_set (BdText     *self,
             const char *language,
             const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (language != NULL && value != NULL);

  g_hash_table_insert (self->values, g_strdup (language), g_strdup (value));
}

/**
 * bd_text_lookup:
 *
 * Returns: (nullable): the string in exactly @language, or %NULL
 */
const char *
bd_text_lookup (const BdText *self,
                const char   *language)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  return g_hash_table_lookup (self->values, language);
}

/**
 * bd_text_get_for:
 *
 * Returns: the string in @language, or in English when it has none
 */
const char *
bd_text_get_for (const BdText *self,
                 const char   *language)
{
  const char *value;

  g_return_val_if_fail (self != NULL, NULL);

  if (language != NULL && (value = bd_text_lookup (self, language)) != NULL)
    return value;
  return bd_text_lookup (self, "en");
}

/**
 * bd_text_get:
 *
 * Picks the string for the user's languages in order of preference
 * (g_get_language_names(): "de_AT.UTF-8", "de_AT", "de", ...), falling back
 * to English for this string alone.
 */
const char *
bd_text_get (const BdText *self)
{
  const char * const *names = g_get_language_names ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (self->values, names[i]);
      if (value != NULL)
        return value;
    }
  return bd_text_lookup (self, "en");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * bd_text_list_languages:
 *
 * Returns: (transfer full): the languages this text has, sorted
 */
GStrv
bd_text_list_languages (const BdText *self)
{
  guint n = 0;
  g_autofree gpointer *keys = NULL;
  GStrv result;

  g_return_val_if_fail (self != NULL, NULL);

  keys = g_hash_table_get_keys_as_array (self->values, &n);
  result = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    result[i] = g_strdup (keys[i]);
  qsort (result, n, sizeof (char *), compare_strings);
  return result;
}

/**
 * bd_text_language_name:
 *
 * Returns: the name of the languages Badge Doctor ships, in that language
 *   ("Deutsch"); the code itself for others
 */
const char *
bd_text_language_name (const char *code)
{
  static const char * const names[][2] = {
    { "en", "English" }, { "de", "Deutsch" }, { "es", "Español" }, { "fr", "Français" },
  };

  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (code, names[i][0]) == 0)
      return names[i][1];
  return code;
}

/**
 * bd_text_language_is_valid:
 *
 * Returns: whether @code is a language code a pack may use: two or three
 *   lowercase letters, with a country after an underscore (de, fil, pt_BR)
 */
gboolean
bd_text_language_is_valid (const char *code)
{
  gsize len, letters = 0;

  g_return_val_if_fail (code != NULL, FALSE);

  len = strlen (code);
  while (letters < len && g_ascii_islower (code[letters]))
    letters++;
  if (letters < 2 || letters > 3)
    return FALSE;
  if (letters == len)
    return TRUE;
  return len == letters + 3 && code[letters] == '_'
         && g_ascii_isupper (code[letters + 1]) && g_ascii_isupper (code[letters + 2]);
}

/* C0 controls, DEL, and the C1 controls U+0080 to U+009F, which some
 * terminals obey like ESC sequences. */
static gboolean
is_control (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

/**
 * bd_text_find_control:
 * @value: valid UTF-8
 * @allow_newline: whether a newline is allowed (multi-line text)
 *
 * The one rule for text a person types or a file brings, in the window,
 * the command line and imports alike.
 *
 * Returns: the first control character @value may not hold, or 0
 */
gunichar
bd_text_find_control (const char *value,
                      gboolean    allow_newline)
{
  g_return_val_if_fail (value != NULL, 0);

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_control (c) && !(allow_newline && c == '\n'))
        return c;
    }
  return 0;
}

/**
 * bd_text_escape_controls:
 * @value: (nullable): text from outside (a file, a server, a person)
 *
 * For quoting untrusted text in a message: control characters become
 * visible escapes (\x1b, \u009b, \n), and bytes that are not UTF-8 become
 * \xNN, so nothing reaches a terminal that it would obey.
 *
 * Returns: (transfer full): the escaped text
 */
char *
bd_text_escape_controls (const char *value)
{
  GString *out = g_string_new (NULL);
  const char *p = value != NULL ? value : "";
  const char *end = p + strlen (p);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guint) (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", (guint) c);
      else if (is_control (c))
        g_string_append_printf (out, "\\u%04x", (guint) c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
