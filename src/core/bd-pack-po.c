/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-pack-po"

#include <string.h>

#include "bd-error.h"
#include "bd-pack-po.h"
#include "bd-text.h"

/*
 * Translators work on the guidance in .po files, not in JSON. Extract
 * writes one entry per human-readable string of the English pack, its
 * msgctxt the string's stable path (members by name, array elements by
 * id, or by index when they have none); merge reads the catalogues back
 * into the pack's language maps. A translation is taken only when its
 * msgid is still the English text, is not fuzzy, is not empty and names
 * the same {path:…} settings as the English, so a
 * catalogue that lags behind the English falls back to English per string.
 *
 * Only json-glib, GLib and bd-text: the build runs this before the rest
 * of the core exists, to make the bundled pack.
 */

/* {"en": "...", "de": "..."}: a string in several languages. */
static gboolean
is_language_map (JsonNode *node)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, "en"))
    return FALSE;
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      if (!bd_text_language_is_valid (l->data) || !JSON_NODE_HOLDS_VALUE (value)
          || json_node_get_value_type (value) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

/* The path component of an array element: its id, or its index. */
static char *
element_key (JsonNode *element,
             guint     index)
{
  JsonObject *object;
  JsonNode *id;

  if (JSON_NODE_HOLDS_OBJECT (element))
    {
      object = json_node_get_object (element);
      id = json_object_has_member (object, "id") ? json_object_get_member (object, "id") : NULL;
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (id));
    }
  return g_strdup_printf ("%u", index);
}

typedef void (*VisitFunc) (const char *path,
                           JsonObject *map,
                           gpointer    user_data);

/* Calls @visit for every language map under @node, in document order. */
static void
walk (JsonNode  *node,
      GString   *path,
      VisitFunc  visit,
      gpointer   user_data)
{
  gsize mark = path->len;

  if (is_language_map (node))
    {
      visit (path->str, json_node_get_object (node), user_data);
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_string_append_printf (path, "%s%s", mark > 0 ? "/" : "", (const char *) l->data);
          walk (json_object_get_member (object, l->data), path, visit, user_data);
          g_string_truncate (path, mark);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *key = element_key (json_array_get_element (array, i), i);
          g_string_append_printf (path, "%s%s", mark > 0 ? "/" : "", key);
          walk (json_array_get_element (array, i), path, visit, user_data);
          g_string_truncate (path, mark);
        }
    }
}

static JsonNode *
parse_json (GBytes  *pack,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (pack, NULL), (gssize) g_bytes_get_size (pack), error))
    return NULL;
  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_PACK, "the pack is not a JSON object");
    }
  return root;
}

/* --- extract ---------------------------------------------------------------- */

/* A C string as a .po string: escaped, split after each newline. */
static void
append_po_string (GString    *out,
                  const char *keyword,
                  const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean several = g_strv_length (lines) > 1;
  char utf8[129];

  /* Every byte of a multi-byte character stays as it is: translators
   * read "Réglages", not octal escapes. */
  for (guint b = 0; b < 128; b++)
    utf8[b] = (char) (0x80 + b);
  utf8[128] = '\0';

  g_string_append_printf (out, "%s %s", keyword, several ? "\"\"\n" : "");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = g_strescape (lines[i], utf8);
      gboolean last = lines[i + 1] == NULL;
      if (last && several && *lines[i] == '\0')
        break;
      g_string_append_printf (out, "\"%s%s\"\n", escaped, last ? "" : "\\n");
    }
}

static void
add_entry (const char *path,
           JsonObject *map,
           gpointer    user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "\n#. %s\nmsgctxt \"%s\"\n", path, path);
  append_po_string (out, "msgid", json_object_get_string_member (map, "en"));
  g_string_append (out, "msgstr \"\"\n");
}

/**
 * bd_pack_po_extract:
 *
 * Returns: (transfer full): a gettext template of every human-readable
 *   string of @pack, or %NULL when @pack is not a JSON object
 */
char *
bd_pack_po_extract (GBytes  *pack,
                    GError **error)
{
  g_autoptr(JsonNode) root = parse_json (pack, error);
  g_autoptr(GString) path = g_string_new (NULL);
  GString *out;

  if (root == NULL)
    return NULL;
  out = g_string_new ("# The Badge Doctor guidance, for translators.\n"
                      "# msgctxt is each string's stable path in the pack.\n"
                      "msgid \"\"\n"
                      "msgstr \"\"\n"
                      "\"Project-Id-Version: badge-doctor-guidance\\n\"\n"
                      "\"MIME-Version: 1.0\\n\"\n"
                      "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                      "\"Content-Transfer-Encoding: 8bit\\n\"\n");
  walk (root, path, add_entry, out);
  return g_string_free (out, FALSE);
}

/* --- reading a catalogue ------------------------------------------------------ */

typedef struct
{
  char *context;
  char *id;
  char *str;
  gboolean fuzzy;
} PoEntry;

static void
po_entry_clear (PoEntry *entry)
{
  g_clear_pointer (&entry->context, g_free);
  g_clear_pointer (&entry->id, g_free);
  g_clear_pointer (&entry->str, g_free);
  entry->fuzzy = FALSE;
}

/* The text of a "..." literal, unescaped; NULL when it is not one. */
static char *
unquote (const char *literal)
{
  gsize len = strlen (literal);
  g_autofree char *inner = NULL;

  if (len < 2 || literal[0] != '"' || literal[len - 1] != '"')
    return NULL;
  inner = g_strndup (literal + 1, len - 2);
  return g_strcompress (inner);
}

/* Adds @entry's translation to @table (context -> [id, str]) when it is one. */
static void
keep_entry (GHashTable *table,
            PoEntry    *entry)
{
  if (entry->context != NULL && entry->id != NULL && entry->str != NULL && *entry->str != '\0'
      && !entry->fuzzy)
    g_hash_table_insert (table, g_steal_pointer (&entry->context),
                         g_strdupv ((char *[]) { entry->id, entry->str, NULL }));
  po_entry_clear (entry);
}

static gboolean
append_to (char       **field,
           const char  *literal)
{
  g_autofree char *text = unquote (literal);
  char *joined;

  if (text == NULL || *field == NULL)
    return FALSE;
  joined = g_strconcat (*field, text, NULL);
  g_free (*field);
  *field = joined;
  return TRUE;
}

/* One line of a catalogue into @entry; a blank line ends an entry.
 * @current is the field a continuation line ("...") adds to. */
static gboolean
read_line (GHashTable  *table,
           PoEntry     *entry,
           char      ***current,
           const char  *line)
{
  static const char * const keywords[] = { "msgctxt ", "msgid ", "msgstr " };

  if (*line == '\0')
    {
      keep_entry (table, entry);
      *current = NULL;
      return TRUE;
    }
  if (g_str_has_prefix (line, "#,"))
    {
      entry->fuzzy = strstr (line, "fuzzy") != NULL;
      return TRUE;
    }
  if (*line == '#')
    return TRUE;
  if (*line == '"')
    return *current != NULL && append_to (*current, line);
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (g_str_has_prefix (line, keywords[i]))
      {
        char **field = i == 0 ? &entry->context : i == 1 ? &entry->id : &entry->str;
        g_free (*field);
        *field = unquote (line + strlen (keywords[i]));
        *current = field;
        return *field != NULL;
      }
  return FALSE;
}

static GHashTable *
read_catalogue (const char  *text,
                GError     **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  PoEntry entry = { 0 };
  char **current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (!read_line (table, &entry, &current, lines[i]))
        {
          po_entry_clear (&entry);
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "line %u: not understood", i + 1);
          return NULL;
        }
    }
  keep_entry (table, &entry);
  return g_steal_pointer (&table);
}

/* --- merge --------------------------------------------------------------------- */

typedef struct
{
  const char *language;
  GHashTable *table;
  guint translated;
  guint total;
} Merge;

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The {path:ID} of @text in order of id, joined. */
static char *
placeholders (const char *text)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strstr (text, "{path:"); p != NULL; p = strstr (p + 1, "{path:"))
    {
      const char *end = strchr (p, '}');
      g_ptr_array_add (ids, end != NULL ? g_strndup (p, end - p + 1) : g_strdup (p));
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv ("", (char **) ids->pdata);
}

/* A translation that drops or adds a setting's path would make the whole
 * pack fail to load: the English is kept for that string instead. */
static gboolean
same_placeholders (const char *english,
                   const char *translation)
{
  g_autofree char *a = placeholders (english);
  g_autofree char *b = placeholders (translation);

  return strcmp (a, b) == 0;
}

static void
merge_entry (const char *path,
             JsonObject *map,
             gpointer    user_data)
{
  Merge *merge = user_data;
  char **pair = g_hash_table_lookup (merge->table, path);

  merge->total++;
  if (json_object_has_member (map, merge->language))
    json_object_remove_member (map, merge->language);
  /* Only a translation of the English as it is now. */
  if (pair == NULL || g_strcmp0 (pair[0], json_object_get_string_member (map, "en")) != 0
      || !same_placeholders (pair[0], pair[1]))
    return;
  json_object_set_string_member (map, merge->language, pair[1]);
  merge->translated++;
}

static int compare_strings (gconstpointer a, gconstpointer b);

/* The languages the pack had, and those merged: English first. */
static void
set_languages (JsonObject *root,
               GPtrArray  *merged)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = json_array_new ();
  JsonArray *before = json_object_has_member (root, "languages")
                      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "languages"))
                      ? json_object_get_array_member (root, "languages") : NULL;

  for (guint i = 0; before != NULL && i < json_array_get_length (before); i++)
    {
      JsonNode *node = json_array_get_element (before, i);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && !g_str_equal (json_node_get_string (node), "en"))
        g_ptr_array_add (all, g_strdup (json_node_get_string (node)));
    }
  for (guint i = 0; i < merged->len; i++)
    if (!g_ptr_array_find_with_equal_func (all, g_ptr_array_index (merged, i), g_str_equal, NULL))
      g_ptr_array_add (all, g_strdup (g_ptr_array_index (merged, i)));
  g_ptr_array_sort (all, compare_strings);
  json_array_add_string_element (array, "en");
  for (guint i = 0; i < all->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (all, i));
  json_object_set_array_member (root, "languages", array);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * bd_pack_po_merge:
 * @catalogues: (element-type utf8 utf8): language code -> .po text
 * @report: (out) (optional) (transfer full): "de 407/407\n..." per language
 *
 * Returns: (transfer full): @pack with each string's translations from
 *   @catalogues, and a language listed for each catalogue
 */
char *
bd_pack_po_merge (GBytes      *pack,
                  GHashTable  *catalogues,
                  char       **report,
                  GError     **error)
{
  g_autoptr(JsonNode) root = parse_json (pack, error);
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(JsonObject) completeness = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (root == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, catalogues);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (languages, key);
  g_ptr_array_sort (languages, compare_strings);
  for (guint i = 0; i < languages->len; i++)
    {
      const char *language = g_ptr_array_index (languages, i);
      g_autoptr(GString) path = g_string_new (NULL);
      g_autoptr(GHashTable) table = NULL;
      Merge merge = { language, NULL, 0, 0 };

      if (!bd_text_language_is_valid (language) || g_str_equal (language, "en"))
        {
          g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "\"%s\" is not a language to merge", language);
          return NULL;
        }
      if ((table = read_catalogue (g_hash_table_lookup (catalogues, language), error)) == NULL)
        {
          g_prefix_error (error, "%s: ", language);
          return NULL;
        }
      merge.table = table;
      walk (root, path, merge_entry, &merge);
      g_string_append_printf (lines, "%s %u/%u\n", language, merge.translated, merge.total);
      json_object_set_int_member (completeness, language,
                                  merge.total > 0 ? (gint64) merge.translated * 100 / merge.total : 0);
    }
  set_languages (json_node_get_object (root), languages);
  /* How far each language goes, for the About window. */
  json_object_set_object_member (json_node_get_object (root), "completeness", json_object_ref (completeness));
  if (report != NULL)
    *report = g_strdup (lines->str);
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *text = NULL;

    /* Compact: the bundled pack is parsed at every start. */
    json_generator_set_pretty (generator, FALSE);
    json_generator_set_root (generator, root);
    text = json_generator_to_data (generator, NULL);
    return g_strconcat (text, "\n", NULL);
  }
}
