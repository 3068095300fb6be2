/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-pack-words"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-pack-words.h"

/*
 * Apple moves settings between iOS versions, and a Mac does some steps
 * another way. Format 2 of the pack says so in two places: the "paths"
 * table (a setting's place or name, per version and device, written and
 * translated once) which any text names as {path:ID}, and a step's
 * "variants" for a sentence that itself differs. The loader checks both
 * here, and builds each text with the words for one view: an iOS version,
 * or "Not sure" (the newest words, the older ones beside them).
 */

#define MAX_TEXT_CHARS 4000
#define PLACEHOLDER "{path:"

typedef struct
{
  BdText *text;
  GPtrArray *variants; /* BdVariant */
} BdPackPath;

static void
variant_free (BdVariant *variant)
{
  g_clear_pointer (&variant->label, bd_text_unref);
  g_clear_pointer (&variant->text, bd_text_unref);
  g_clear_pointer (&variant->expect, bd_text_unref);
  g_clear_pointer (&variant->caution, bd_text_unref);
  g_free (variant);
}

static void
path_free (BdPackPath *path)
{
  g_clear_pointer (&path->text, bd_text_unref);
  g_clear_pointer (&path->variants, g_ptr_array_unref);
  g_free (path);
}

void
bd_pack_check_clear (BdPackCheck *check)
{
  g_clear_pointer (&check->languages, g_hash_table_unref);
  g_clear_pointer (&check->paths, g_hash_table_unref);
}

/* --- texts and their placeholders ------------------------------------ */

void
bd_pack_check_language_key (BdJsonCheck *c,
                            const char  *code)
{
  BdPackCheck *check = c->user_data;

  if (!bd_text_language_is_valid (code))
    bd_json_check_report (c, BD_PROBLEM_BAD_LANGUAGE, _("\"%s\" is not a language code such as de or pt_BR"), code);
  else if (check->languages != NULL && !g_hash_table_contains (check->languages, code))
    bd_json_check_report (c, BD_PROBLEM_BAD_LANGUAGE, _("language \"%s\" is not listed in languages"), code);
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The ids of the {path:ID} in @value, sorted; NULL (reported) when one is
 * malformed, names no path, or a path's own words hold one. */
static GPtrArray *
scan_placeholders (BdJsonCheck *c,
                   const char  *value)
{
  BdPackCheck *check = c->user_data;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strstr (value, PLACEHOLDER); p != NULL; p = strstr (p, PLACEHOLDER))
    {
      const char *start = p + strlen (PLACEHOLDER);
      const char *end = strchr (start, '}');
      g_autofree char *id = end != NULL ? g_strndup (start, end - start) : NULL;

      if (id == NULL || !bd_id_is_valid (id))
        {
          bd_json_check_report (c, BD_PROBLEM_PLACEHOLDER,
                                _("{path: must be followed by a path id and }"));
          return NULL;
        }
      if (check->in_paths)
        {
          bd_json_check_report (c, BD_PROBLEM_PLACEHOLDER, _("a path's words cannot name another path"));
          return NULL;
        }
      if (check->format != 1 && check->paths != NULL && !g_hash_table_contains (check->paths, id))
        {
          bd_json_check_report (c, BD_PROBLEM_UNKNOWN_REF, _("there is no path \"%s\""), id);
          return NULL;
        }
      if (check->format == 1)
        {
          bd_json_check_report (c, BD_PROBLEM_PLACEHOLDER, _("{path:%s} needs format 2"), id);
          return NULL;
        }
      g_ptr_array_add (ids, g_steal_pointer (&id));
      p = end + 1;
    }
  g_ptr_array_sort (ids, compare_ids);
  return g_steal_pointer (&ids);
}

static gboolean
same_ids (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* Each translation names the same paths as the English, so no language
 * loses or gains a setting. */
static void
check_same_placeholders (BdJsonCheck *c,
                         JsonObject  *map)
{
  g_autoptr(GPtrArray) english = NULL;
  g_autoptr(GList) codes = json_object_get_members (map);
  gsize mark = bd_json_check_enter_member (c, "en");

  english = scan_placeholders (c, json_object_get_string_member (map, "en"));
  bd_json_check_leave (c, mark);
  for (GList *l = codes; english != NULL && l != NULL; l = l->next)
    {
      g_autoptr(GPtrArray) ids = NULL;

      if (strcmp (l->data, "en") == 0)
        continue;
      mark = bd_json_check_enter_member (c, l->data);
      ids = scan_placeholders (c, json_object_get_string_member (map, l->data));
      if (ids != NULL && !same_ids (ids, english))
        bd_json_check_report (c, BD_PROBLEM_PLACEHOLDER,
                              _("must name the same {path:…} as the English text"));
      bd_json_check_leave (c, mark);
    }
}

/* A language map at the current path. Returns a new BdText when clean. */
static BdText *
check_text_node (BdJsonCheck *c,
                 JsonNode    *node)
{
  guint before = c->problems->len;
  JsonObject *map;
  g_autoptr(GList) codes = NULL;
  g_autoptr(BdText) text = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      bd_json_check_report (c, BD_PROBLEM_TYPE,
                            _("must be a language map such as {\"en\": \"…\"}, not a plain string"));
      return NULL;
    }
  if (!bd_json_check_type (c, node, BD_JSON_WANT_OBJECT))
    return NULL;
  map = json_node_get_object (node);
  codes = json_object_get_members (map);
  for (GList *l = codes; l != NULL; l = l->next)
    {
      const char *code = l->data;
      JsonNode *value = json_object_get_member (map, code);
      gsize mark = bd_json_check_enter_member (c, code);

      bd_pack_check_language_key (c, code);
      if (bd_json_check_type (c, value, BD_JSON_WANT_STRING))
        bd_json_check_text_value (c, json_node_get_string (value), MAX_TEXT_CHARS, FALSE);
      bd_json_check_leave (c, mark);
    }
  if (!json_object_has_member (map, "en"))
    bd_json_check_report (c, BD_PROBLEM_NO_ENGLISH, _("has no English (\"en\") text"));
  if (c->problems->len > before)
    return NULL;
  check_same_placeholders (c, map);
  if (c->problems->len > before)
    return NULL;

  text = bd_text_new (json_object_get_string_member (map, "en"));
  for (GList *l = codes; l != NULL; l = l->next)
    bd_text_set (text, l->data, json_object_get_string_member (map, l->data));
  return g_steal_pointer (&text);
}

/**
 * bd_pack_check_text:
 *
 * Returns: (transfer full) (nullable): the language map @name of @object
 *   as written, {path:…} and all, when it is clean
 */
BdText *
bd_pack_check_text (BdJsonCheck *c,
                    JsonObject  *object,
                    const char  *name,
                    gboolean     required)
{
  BdText *text;
  gsize mark;

  if (!json_object_has_member (object, name))
    {
      bd_json_check_member (c, object, name, BD_JSON_WANT_OBJECT, required);
      return NULL;
    }
  mark = bd_json_check_enter_member (c, name);
  text = check_text_node (c, json_object_get_member (object, name));
  bd_json_check_leave (c, mark);
  return text;
}

/* --- variants -------------------------------------------------------- */

static BdDevice
check_device (BdJsonCheck *c,
              JsonObject  *when)
{
  const char *name = bd_json_check_string (c, when, "device", FALSE);
  BdDevice device = BD_DEVICE_NONE;
  gsize mark;

  if (name == NULL || (bd_device_from_string (name, &device) && device != BD_DEVICE_NONE))
    return device;
  mark = bd_json_check_enter_member (c, "device");
  bd_json_check_report (c, BD_PROBLEM_BAD_VALUE, _("\"%s\" is not a device (iphone, ipad, mac)"), name);
  bd_json_check_leave (c, mark);
  return BD_DEVICE_NONE;
}

/* {"ios": "<18", "device": "mac"}: fills @variant's condition. */
static void
check_when (BdJsonCheck *c,
            JsonObject  *item,
            BdVariant   *variant)
{
  static const char * const members[] = { "ios", "device", NULL };
  JsonNode *node = bd_json_check_member (c, item, "when", BD_JSON_WANT_OBJECT, TRUE);
  JsonObject *when;
  const char *ios;
  gsize mark;

  if (node == NULL)
    return;
  when = json_node_get_object (node);
  mark = bd_json_check_enter_member (c, "when");
  bd_json_check_members (c, when, members);
  ios = bd_json_check_string (c, when, "ios", FALSE);
  variant->device = check_device (c, when);
  if (ios == NULL && !json_object_has_member (when, "device"))
    bd_json_check_report (c, BD_PROBLEM_MISSING, _("must name an ios range, a device or both"));
  if (ios != NULL)
    {
      gsize inner = bd_json_check_enter_member (c, "ios");

      variant->has_ios = bd_os_range_parse (ios, &variant->ios);
      if (!variant->has_ios)
        bd_json_check_report (c, BD_PROBLEM_BAD_VERSION,
                              _("\"%s\" is not a range of iOS versions such as <18 or >=17 <18"), ios);
      /* The text outside the variants is for the newest iOS. */
      else if (variant->ios.high == BD_OS_VERSION_NEWEST)
        bd_json_check_report (c, BD_PROBLEM_BAD_VERSION,
                              _("\"%s\" has no upper end; the words outside the variants are for the newest iOS"), ios);
      else if (variant->device == BD_DEVICE_MAC)
        bd_json_check_report (c, BD_PROBLEM_BAD_VALUE, _("a Mac variant cannot depend on the iOS version"));
      bd_json_check_leave (c, inner);
    }
  bd_json_check_leave (c, mark);
}

static BdVariant *
check_variant (BdJsonCheck *c,
               JsonObject  *item,
               gboolean     step)
{
  static const char * const path_members[] = { "when", "label", "text", NULL };
  static const char * const step_members[] = { "when", "label", "text", "expect", "caution", NULL };
  guint before = c->problems->len;
  BdVariant *variant = g_new0 (BdVariant, 1);

  bd_json_check_members (c, item, step ? step_members : path_members);
  check_when (c, item, variant);
  variant->label = bd_pack_check_text (c, item, "label", FALSE);
  variant->text = bd_pack_check_text (c, item, "text", !step);
  if (step)
    {
      variant->expect = bd_pack_check_text (c, item, "expect", FALSE);
      variant->caution = bd_pack_check_text (c, item, "caution", FALSE);
      if (c->problems->len == before && variant->text == NULL && variant->expect == NULL
          && variant->caution == NULL)
        bd_json_check_report (c, BD_PROBLEM_MISSING, _("must give text, expect or caution"));
    }
  /* "Not sure" shows older words beside the newest, under this label. */
  if (c->problems->len == before && variant->has_ios && variant->label == NULL)
    bd_json_check_member (c, item, "label", BD_JSON_WANT_OBJECT, TRUE);
  if (c->problems->len > before)
    g_clear_pointer (&variant, variant_free);
  return variant;
}

/**
 * bd_pack_check_variants:
 * @step: a step's variants (text, expect, caution) rather than a path's
 *
 * Returns: (transfer container) (nullable): the "variants" of @item, in
 *   order; an empty array when it has none; %NULL when one is broken
 */
GPtrArray *
bd_pack_check_variants (BdJsonCheck *c,
                        JsonObject  *item,
                        gboolean     step)
{
  BdPackCheck *check = c->user_data;
  JsonArray *array;
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_free);
  guint before = c->problems->len;
  gsize mark;

  if (check->format == 1 && json_object_has_member (item, "variants"))
    {
      mark = bd_json_check_enter_member (c, "variants");
      bd_json_check_report (c, BD_PROBLEM_BAD_FORMAT, _("variants need format 2"));
      bd_json_check_leave (c, mark);
      return NULL;
    }
  array = bd_json_check_array (c, item, "variants", FALSE, 1, 10);
  if (array == NULL)
    return c->problems->len > before ? NULL : g_steal_pointer (&variants);
  mark = bd_json_check_enter_member (c, "variants");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize entry = bd_json_check_enter_index (c, i);

      if (bd_json_check_type (c, node, BD_JSON_WANT_OBJECT))
        {
          BdVariant *variant = check_variant (c, json_node_get_object (node), step);
          if (variant != NULL)
            g_ptr_array_add (variants, variant);
        }
      bd_json_check_leave (c, entry);
    }
  bd_json_check_leave (c, mark);
  return c->problems->len > before ? NULL : g_steal_pointer (&variants);
}

/* --- the paths table ------------------------------------------------- */

static void
check_path (BdJsonCheck *c,
            JsonObject  *item,
            guint        index,
            gpointer     data)
{
  static const char * const members[] = { "id", "text", "variants", NULL };
  GHashTable *paths = data;
  guint before = c->problems->len;
  const char *id = bd_json_check_id (c, item, "id", TRUE);
  g_autoptr(BdText) text = bd_pack_check_text (c, item, "text", TRUE);
  g_autoptr(GPtrArray) variants = bd_pack_check_variants (c, item, FALSE);
  BdPackPath *path;
  gsize mark;

  bd_json_check_members (c, item, members);
  if (id != NULL && g_hash_table_contains (paths, id))
    {
      mark = bd_json_check_enter_member (c, "id");
      bd_json_check_report (c, BD_PROBLEM_DUPLICATE_ID, _("another path has the id \"%s\""), id);
      bd_json_check_leave (c, mark);
    }
  if (c->problems->len > before)
    return;
  path = g_new0 (BdPackPath, 1);
  path->text = g_steal_pointer (&text);
  path->variants = g_steal_pointer (&variants);
  g_hash_table_insert (paths, g_strdup (id), path);
}

/**
 * bd_pack_check_paths:
 *
 * Checks the "paths" table of @root; the texts checked after it may name
 * its entries only when it is clean.
 */
void
bd_pack_check_paths (BdJsonCheck *c,
                     JsonObject  *root)
{
  BdPackCheck *check = c->user_data;
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) path_free);
  guint before = c->problems->len;
  JsonArray *array;
  gsize mark;

  if (check->format == 1)
    {
      if (json_object_has_member (root, "paths"))
        {
          mark = bd_json_check_enter_member (c, "paths");
          bd_json_check_report (c, BD_PROBLEM_BAD_FORMAT, _("paths need format 2"));
          bd_json_check_leave (c, mark);
        }
      return;
    }
  array = bd_json_check_array (c, root, "paths", FALSE, 0, 200);
  check->in_paths = TRUE;
  mark = bd_json_check_enter_member (c, "paths");
  if (array != NULL)
    bd_json_check_for_each_object (c, array, check_path, paths);
  bd_json_check_leave (c, mark);
  check->in_paths = FALSE;
  if (c->problems->len == before)
    check->paths = g_steal_pointer (&paths);
}

/* --- the words for one view ------------------------------------------ */

static gboolean
variant_applies (const BdVariant  *variant,
                 const BdPackView *view,
                 BdDevice          device)
{
  if (variant->device != BD_DEVICE_NONE && variant->device != device)
    return FALSE;
  if (!variant->has_ios)
    return TRUE;
  return device != BD_DEVICE_MAC && !view->unsure && bd_os_range_contains (&variant->ios, view->ios);
}

/* The older words "Not sure" shows beside the newest. */
static gboolean
variant_is_older (const BdVariant *variant,
                  BdDevice         device)
{
  return variant->has_ios && device != BD_DEVICE_MAC
         && (variant->device == BD_DEVICE_NONE || variant->device == device);
}

static const BdVariant *
choose (GPtrArray        *variants,
        const BdPackView *view,
        BdDevice          device)
{
  for (guint i = 0; variants != NULL && i < variants->len; i++)
    if (variant_applies (g_ptr_array_index (variants, i), view, device))
      return g_ptr_array_index (variants, i);
  return NULL;
}

#define FIELD(variant, offset) (*(BdText **) ((char *) (variant) + (offset)))

/* @base's words in @language, with the older variants' words beside them
 * when the view is "Not sure": "A (iOS 17 and earlier: B)". */
static void
append_words (GString     *out,
              BdPackCheck *check,
              const BdText *base,
              GPtrArray   *variants,
              gsize        offset,
              BdDevice     device,
              const char  *language,
              const char  *open,
              const char  *separator,
              const char  *close)
{
  const char *words = bd_text_get_for (base, language);
  gboolean any = FALSE;

  g_string_append (out, words);
  if (!check->view.unsure)
    return;
  for (guint i = 0; variants != NULL && i < variants->len; i++)
    {
      const BdVariant *variant = g_ptr_array_index (variants, i);
      const BdText *older = FIELD (variant, offset);

      if (!variant_is_older (variant, device) || older == NULL
          || strcmp (bd_text_get_for (older, language), words) == 0)
        continue;
      g_string_append (out, any ? separator : open);
      g_string_append_printf (out, "%s: %s", bd_text_get_for (variant->label, language),
                              bd_text_get_for (older, language));
      any = TRUE;
    }
  if (any)
    g_string_append (out, close);
}

static void
append_path (GString     *out,
             BdPackCheck *check,
             const char  *id,
             BdDevice     device,
             const char  *language)
{
  BdPackPath *path = g_hash_table_lookup (check->paths, id);
  const BdVariant *variant = choose (path->variants, &check->view, device);

  append_words (out, check, variant != NULL ? variant->text : path->text, path->variants,
                G_STRUCT_OFFSET (BdVariant, text), device, language, " (", "; ", ")");
}

/* @value with each {path:ID} replaced by that path's words. */
static char *
expand_string (BdPackCheck *check,
               const char  *value,
               BdDevice     device,
               const char  *language)
{
  GString *out = g_string_new (NULL);
  const char *p = value;

  for (const char *at = strstr (p, PLACEHOLDER); at != NULL; at = strstr (p, PLACEHOLDER))
    {
      const char *start = at + strlen (PLACEHOLDER);
      const char *end = strchr (start, '}');
      g_autofree char *id = g_strndup (start, end - start);

      g_string_append_len (out, p, at - p);
      append_path (out, check, id, device, language);
      p = end + 1;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/**
 * bd_pack_words_expand:
 * @raw: (nullable): a text as the pack writes it
 *
 * Returns: (transfer full) (nullable): @raw with the words of the view
 *   and @device for each {path:…}, in every language @raw has
 */
BdText *
bd_pack_words_expand (BdPackCheck *check,
                      BdText      *raw,
                      BdDevice     device)
{
  g_auto(GStrv) languages = NULL;
  BdText *text;

  if (raw == NULL || check->paths == NULL || strstr (bd_text_lookup (raw, "en"), PLACEHOLDER) == NULL)
    return raw != NULL ? bd_text_ref (raw) : NULL;
  languages = bd_text_list_languages (raw);
  text = bd_text_new ("");
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *value = expand_string (check, bd_text_lookup (raw, languages[i]), device,
                                              languages[i]);
      bd_text_set (text, languages[i], value);
    }
  return text;
}

/* One of a step's texts in every language: the chosen variant's, or the
 * step's own, with the older ones beside them for "Not sure". */
static BdText *
step_field (BdPackCheck *check,
            BdText      *own,
            GPtrArray   *variants,
            gsize        offset,
            BdDevice     device)
{
  const BdVariant *variant = choose (variants, &check->view, device);
  BdText *base = variant != NULL && FIELD (variant, offset) != NULL ? FIELD (variant, offset) : own;
  g_auto(GStrv) languages = NULL;
  g_autoptr(BdText) joined = NULL;

  if (base == NULL)
    return NULL;
  languages = bd_text_list_languages (base);
  joined = bd_text_new ("");
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      append_words (out, check, base, variants, offset, device, languages[i], "\n", "\n", "");
      bd_text_set (joined, languages[i], out->str);
    }
  return bd_pack_words_expand (check, joined, device);
}

/**
 * bd_pack_words_for_step:
 * @texts: a step's own text, expect and caution (the last two nullable)
 * @out: (out): the three as @device shows them in the view
 */
void
bd_pack_words_for_step (BdPackCheck *check,
                        BdText      *texts[3],
                        GPtrArray   *variants,
                        BdDevice     device,
                        BdText      *out[3])
{
  static const gsize offsets[3] = {
    G_STRUCT_OFFSET (BdVariant, text),
    G_STRUCT_OFFSET (BdVariant, expect),
    G_STRUCT_OFFSET (BdVariant, caution),
  };

  for (guint i = 0; i < 3; i++)
    out[i] = step_field (check, texts[i], variants, offsets[i], device);
}
