/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-pack-loader"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bd-error.h"
#include "bd-json-check.h"
#include "bd-pack-private.h"
#include "bd-pack-words.h"
#include "bd-version.h"

/*
 * Turns untrusted bytes into a BdPack, or into a list of problems, each
 * with the JSON path where it is. Three phases:
 *
 *   1. the size cap and the strict pre-scan of the raw bytes
 *      (bd_json_check_parse()), which stop at the first problem, because
 *      nothing after it can be trusted;
 *   2. structure: every member, type, pattern and limit of the format, all
 *      problems reported;
 *   3. references between ids, only when phase 2 was clean, so one broken
 *      list does not drown the real problem in follow-on errors.
 *
 * The rules mirror data/guidance/guidance-pack.schema.json, which is the
 * documentation; this file is the gate. Member access goes through
 * bd-json-check.c, which checks the node type first, as json-glib logs a
 * CRITICAL for a mistyped member.
 */

#define MAX_TEXT_CHARS 4000
#define MAX_URL_LENGTH 2048
#define MAX_WAIT_SECONDS 3600
#define MAX_RANK 1000

/* A language map, with each {path:…} in the words of the view. */
static BdText *
get_text (BdJsonCheck *c,
          JsonObject  *object,
          const char  *name,
          gboolean     required)
{
  g_autoptr(BdText) raw = bd_pack_check_text (c, object, name, required);

  return bd_pack_words_expand (c->user_data, raw, BD_DEVICE_IPHONE);
}

/* --- the header ------------------------------------------------------ */

static gboolean
url_is_valid (const char *url)
{
  const char *p;
  gsize host = 0;

  if (strlen (url) > MAX_URL_LENGTH || !g_str_has_prefix (url, "https://"))
    return FALSE;
  p = url + strlen ("https://");
  while (g_ascii_isalnum (p[host]) || p[host] == '.' || p[host] == '-')
    host++;
  if (host == 0)
    return FALSE;
  p += host;
  if (*p == ':')
    {
      gsize digits = 0;
      while (g_ascii_isdigit (p[1 + digits]))
        digits++;
      if (digits < 1 || digits > 5)
        return FALSE;
      p += 1 + digits;
    }
  if (*p == '\0')
    return TRUE;
  if (*p != '/')
    return FALSE;
  for (; *p != '\0'; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
      return FALSE;
  return TRUE;
}

static gboolean
platform_version_is_valid (const char *version)
{
  g_auto(GStrv) parts = g_strsplit (version, ".", -1);
  guint n = g_strv_length (parts);

  if (n < 1 || n > 4)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (parts[i]);
      if (len < 1 || len > 4)
        return FALSE;
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isdigit (parts[i][j]))
          return FALSE;
    }
  return TRUE;
}

static void
check_platform (BdJsonCheck *c,
                JsonObject  *item,
                guint        index,
                gpointer     data)
{
  static const char * const members[] = { "name", "version", NULL };
  static const char * const names[] = { "iOS", "iPadOS", "macOS", "watchOS", "visionOS", NULL };
  GArray *coverage = data;
  const char *name, *version;
  BdCoverage entry = { NULL, 0, 0, 0 };
  gsize mark;

  bd_json_check_members (c, item, members);
  name = bd_json_check_string (c, item, "name", TRUE);
  version = bd_json_check_string (c, item, "version", TRUE);
  if (name != NULL && !g_strv_contains (names, name))
    {
      mark = bd_json_check_enter_member (c, "name");
      bd_json_check_report (c, BD_PROBLEM_BAD_VALUE, _("\"%s\" is not a known platform"), name);
      bd_json_check_leave (c, mark);
      name = NULL;
    }
  if (version != NULL && !platform_version_is_valid (version))
    {
      mark = bd_json_check_enter_member (c, "version");
      bd_json_check_report (c, BD_PROBLEM_BAD_VERSION, _("\"%s\" is not a version such as 26.5"), version);
      bd_json_check_leave (c, mark);
      version = NULL;
    }
  /* Format 1 said only "checked on"; a version too long to compare is
   * not shown. */
  for (guint i = 0; name != NULL && names[i] != NULL; i++)
    if (strcmp (name, names[i]) == 0)
      entry.platform = names[i];
  if (entry.platform != NULL && version != NULL && bd_os_version_parse (version, &entry.from))
    {
      entry.to = entry.from;
      g_array_append_val (coverage, entry);
    }
}

/* Fills c->languages; "en" counts as declared even when missing, so a
 * missing "en" is reported once, not at every string. */
static GPtrArray *
check_languages (BdJsonCheck *c,
                 JsonObject  *root)
{
  JsonArray *array = bd_json_check_array (c, root, "languages", TRUE, 1, 100);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  BdPackCheck *check = c->user_data;
  gsize mark;

  /* Without a usable list, language keys are only checked for their form. */
  if (array == NULL)
    return codes;
  check->languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (check->languages, g_strdup ("en"));
  mark = bd_json_check_enter_member (c, "languages");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize item = bd_json_check_enter_index (c, i);
      const char *code;

      if (bd_json_check_type (c, node, BD_JSON_WANT_STRING))
        {
          code = json_node_get_string (node);
          if (!bd_text_language_is_valid (code))
            bd_json_check_report (c, BD_PROBLEM_BAD_LANGUAGE, _("\"%s\" is not a language code such as de or pt_BR"), code);
          else if (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
            bd_json_check_report (c, BD_PROBLEM_DUPLICATE, _("language \"%s\" is listed twice"), code);
          else
            {
              g_ptr_array_add (codes, g_strdup (code));
              g_hash_table_add (check->languages, g_strdup (code));
            }
        }
      bd_json_check_leave (c, item);
    }
  if (json_array_get_length (array) > 0 && !g_ptr_array_find_with_equal_func (codes, "en", g_str_equal, NULL))
    bd_json_check_report (c, BD_PROBLEM_NO_ENGLISH, _("must list \"en\""));
  bd_json_check_leave (c, mark);
  return codes;
}

/* --- the content ----------------------------------------------------- */

typedef struct
{
  BdPack *pack;          /* NULL until the header is clean */
  GPtrArray *symptoms;   /* built objects, in file order */
  GPtrArray *guides;
  GPtrArray *resets;
  GPtrArray *checklists;
  GPtrArray *explanations;
  GHashTable *seen;      /* ids of the kind being checked */
  GHashTable *ranks;
  GArray *coverage;      /* BdCoverage */
} Build;

static GStrv
check_plan (BdJsonCheck *c,
            JsonObject  *item)
{
  JsonArray *plan = bd_json_check_array (c, item, "plan", TRUE, 1, 100);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint before = c->problems->len;
  gsize mark;

  if (plan == NULL)
    return NULL;
  mark = bd_json_check_enter_member (c, "plan");
  for (guint i = 0; i < json_array_get_length (plan); i++)
    {
      gsize entry = bd_json_check_enter_index (c, i);
      const char *id = bd_json_check_id_node (c, json_array_get_element (plan, i));

      if (id != NULL && !g_hash_table_add (seen, (gpointer) id))
        bd_json_check_report (c, BD_PROBLEM_DUPLICATE, _("guide \"%s\" is already in this plan"), id);
      else if (id != NULL)
        g_strv_builder_add (ids, id);
      bd_json_check_leave (c, entry);
    }
  bd_json_check_leave (c, mark);
  return c->problems->len > before ? NULL : g_strv_builder_end (ids);
}

static void
check_symptom (BdJsonCheck *c,
               JsonObject  *item,
               guint        index,
               gpointer     data)
{
  static const char * const members[] = { "id", "text", "cause", "first_fix", "plan", NULL };
  Build *b = data;
  guint before = c->problems->len;
  const char *id = bd_json_check_id (c, item, "id", TRUE);
  g_autoptr(BdText) text = get_text (c, item, "text", TRUE);
  g_autoptr(BdText) cause = get_text (c, item, "cause", TRUE);
  const char *first_fix = bd_json_check_id (c, item, "first_fix", TRUE);
  g_auto(GStrv) plan = check_plan (c, item);
  gsize mark;

  bd_json_check_members (c, item, members);
  mark = bd_json_check_enter_member (c, "id");
  bd_json_check_unique_id (c, b->seen, id);
  bd_json_check_leave (c, mark);
  if (c->problems->len == before)
    g_ptr_array_add (b->symptoms,
                     _bd_symptom_new (id, text, cause, first_fix, (const char * const *) plan));
}

/* A step done once is shown for the iPhone; only a step done on each
 * device has words for another device. */
static void
check_step_devices (BdJsonCheck *c,
                    GPtrArray   *variants,
                    gboolean     per_device)
{
  for (guint i = 0; !per_device && variants != NULL && i < variants->len; i++)
    {
      BdVariant *variant = g_ptr_array_index (variants, i);
      gsize mark;

      if (variant->device == BD_DEVICE_NONE || variant->device == BD_DEVICE_IPHONE)
        continue;
      /* Leaving to the mark before "variants" leaves the index too. */
      mark = bd_json_check_enter_member (c, "variants");
      bd_json_check_enter_index (c, i);
      bd_json_check_report (c, BD_PROBLEM_BAD_VALUE,
                            _("only a step with per_device can have words for an iPad or a Mac"));
      bd_json_check_leave (c, mark);
    }
}

static BdStep *
build_step (BdPackCheck *check,
            const char  *guide_id,
            const char  *id,
            BdText      *raw[3],
            GPtrArray   *variants,
            guint        wait,
            gboolean     per_device)
{
  static const BdDevice others[] = { BD_DEVICE_IPAD, BD_DEVICE_MAC };
  BdText *words[3];
  BdStep *step;

  bd_pack_words_for_step (check, raw, variants, BD_DEVICE_IPHONE, words);
  step = _bd_step_new (guide_id, id, words[0], words[1], words[2], wait, per_device);
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&words[i], bd_text_unref);
  for (guint d = 0; per_device && d < G_N_ELEMENTS (others); d++)
    {
      bd_pack_words_for_step (check, raw, variants, others[d], words);
      _bd_step_set_words_on (step, others[d], words[0], words[1], words[2]);
      for (guint i = 0; i < 3; i++)
        g_clear_pointer (&words[i], bd_text_unref);
    }
  return step;
}

static BdStep *
check_step (BdJsonCheck *c,
            JsonObject  *item,
            const char  *guide_id,
            GHashTable  *seen)
{
  static const char * const members[] = {
    "id", "text", "expect", "wait_seconds", "caution", "per_device", "variants", NULL
  };
  guint before = c->problems->len;
  const char *id = bd_json_check_id (c, item, "id", TRUE);
  BdText *raw[3] = {
    bd_pack_check_text (c, item, "text", TRUE),
    bd_pack_check_text (c, item, "expect", FALSE),
    bd_pack_check_text (c, item, "caution", FALSE),
  };
  g_autoptr(GPtrArray) variants = bd_pack_check_variants (c, item, TRUE);
  gint64 wait = 0;
  gboolean per_device = bd_json_check_bool (c, item, "per_device", FALSE);
  BdStep *step = NULL;
  gsize mark;

  bd_json_check_members (c, item, members);
  bd_json_check_int (c, item, "wait_seconds", FALSE, 1, MAX_WAIT_SECONDS, &wait);
  check_step_devices (c, variants, per_device);
  mark = bd_json_check_enter_member (c, "id");
  bd_json_check_unique_id (c, seen, id);
  bd_json_check_leave (c, mark);
  if (c->problems->len == before)
    step = build_step (c->user_data, guide_id, id, raw, variants, (guint) wait, per_device);
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&raw[i], bd_text_unref);
  return step;
}

static BdReference *
check_reference (BdJsonCheck *c,
                 JsonObject  *item)
{
  static const char * const members[] = { "title", "url", NULL };
  guint before = c->problems->len;
  g_autoptr(BdText) title = get_text (c, item, "title", TRUE);
  const char *url = bd_json_check_string (c, item, "url", TRUE);
  gsize mark;

  bd_json_check_members (c, item, members);
  if (url != NULL && !url_is_valid (url))
    {
      mark = bd_json_check_enter_member (c, "url");
      bd_json_check_report (c, BD_PROBLEM_BAD_URL,
              _("\"%s\" is not an https address without user info"), url);
      bd_json_check_leave (c, mark);
    }
  if (c->problems->len > before)
    return NULL;
  return _bd_reference_new (title, url);
}

static void
check_guide_steps (BdJsonCheck *c,
                   JsonObject  *item,
                   BdGuide     *guide,
                   const char  *guide_id)
{
  JsonArray *steps = bd_json_check_array (c, item, "steps", TRUE, 1, 100);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize mark;

  if (steps == NULL)
    return;
  mark = bd_json_check_enter_member (c, "steps");
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonNode *node = json_array_get_element (steps, i);
      gsize entry = bd_json_check_enter_index (c, i);

      if (bd_json_check_type (c, node, BD_JSON_WANT_OBJECT))
        {
          g_autoptr(BdStep) step = check_step (c, json_node_get_object (node), guide_id, seen);
          if (step != NULL && guide != NULL)
            _bd_guide_add_step (guide, step);
        }
      bd_json_check_leave (c, entry);
    }
  bd_json_check_leave (c, mark);
}

static void
check_guide_references (BdJsonCheck *c,
                        JsonObject  *item,
                        BdGuide     *guide)
{
  JsonArray *references = bd_json_check_array (c, item, "references", FALSE, 0, 20);
  gsize mark;

  if (references == NULL)
    return;
  mark = bd_json_check_enter_member (c, "references");
  for (guint i = 0; i < json_array_get_length (references); i++)
    {
      JsonNode *node = json_array_get_element (references, i);
      gsize entry = bd_json_check_enter_index (c, i);

      if (bd_json_check_type (c, node, BD_JSON_WANT_OBJECT))
        {
          g_autoptr(BdReference) reference = check_reference (c, json_node_get_object (node));
          if (reference != NULL && guide != NULL)
            _bd_guide_add_reference (guide, reference);
        }
      bd_json_check_leave (c, entry);
    }
  bd_json_check_leave (c, mark);
}

static gboolean
check_guide_kind (BdJsonCheck *c,
                  JsonObject  *item,
                  BdGuideKind *kind)
{
  const char *str = bd_json_check_string (c, item, "kind", TRUE);
  gsize mark;

  if (str == NULL)
    return FALSE;
  if (bd_guide_kind_from_string (str, kind))
    return TRUE;
  mark = bd_json_check_enter_member (c, "kind");
  bd_json_check_report (c, BD_PROBLEM_BAD_VALUE,
          _("\"%s\" is not a guide kind (check, fix, reset, edge-case, prevention, escalation)"), str);
  bd_json_check_leave (c, mark);
  return FALSE;
}

static void
check_checked_entry (BdJsonCheck *c,
                     JsonObject  *item,
                     guint        index,
                     gpointer     data)
{
  static const char * const members[] = { "platform", "from", "to", NULL };
  static const char * const names[] = { "iOS", "iPadOS", "macOS", NULL };
  GArray *checked = data;
  const char *platform = bd_json_check_string (c, item, "platform", TRUE);
  const char *from = bd_json_check_string (c, item, "from", TRUE);
  const char *to = bd_json_check_string (c, item, "to", TRUE);
  BdCoverage entry = { NULL, 0, 0, 1 };
  guint before = c->problems->len;
  gsize mark;

  bd_json_check_members (c, item, members);
  for (guint i = 0; platform != NULL && names[i] != NULL; i++)
    if (strcmp (platform, names[i]) == 0)
      entry.platform = names[i];
  mark = bd_json_check_enter_member (c, "platform");
  if (platform != NULL && entry.platform == NULL)
    bd_json_check_report (c, BD_PROBLEM_BAD_VALUE, _("\"%s\" is not iOS, iPadOS or macOS"), platform);
  for (guint i = 0; entry.platform != NULL && i < checked->len; i++)
    if (g_array_index (checked, BdCoverage, i).platform == entry.platform)
      bd_json_check_report (c, BD_PROBLEM_DUPLICATE, _("%s is named twice"), platform);
  bd_json_check_leave (c, mark);
  mark = bd_json_check_enter_member (c, "from");
  if (from != NULL && !bd_os_version_parse (from, &entry.from))
    bd_json_check_report (c, BD_PROBLEM_BAD_VERSION, _("\"%s\" is not a version such as 17.5"), from);
  bd_json_check_leave (c, mark);
  mark = bd_json_check_enter_member (c, "to");
  if (to != NULL && !bd_os_version_parse (to, &entry.to))
    bd_json_check_report (c, BD_PROBLEM_BAD_VERSION, _("\"%s\" is not a version such as 26.1"), to);
  else if (to != NULL && from != NULL && entry.from > entry.to)
    bd_json_check_report (c, BD_PROBLEM_BAD_VERSION, _("comes before from"));
  bd_json_check_leave (c, mark);
  if (c->problems->len == before)
    g_array_append_val (checked, entry);
}

/* "checked": the versions the guide's steps were written and checked for;
 * format 2 has it instead of the pack's single "platforms" list. */
static GArray *
check_guide_checked (BdJsonCheck *c,
                     JsonObject  *item)
{
  BdPackCheck *check = c->user_data;
  g_autoptr(GArray) checked = g_array_new (FALSE, FALSE, sizeof (BdCoverage));
  guint before = c->problems->len;
  JsonArray *array;
  gsize mark;

  if (check->format == 1)
    {
      if (json_object_has_member (item, "checked"))
        {
          mark = bd_json_check_enter_member (c, "checked");
          bd_json_check_report (c, BD_PROBLEM_BAD_FORMAT, _("checked needs format 2"));
          bd_json_check_leave (c, mark);
        }
      return g_steal_pointer (&checked);
    }
  array = bd_json_check_array (c, item, "checked", check->format == 2, 1, 3);
  mark = bd_json_check_enter_member (c, "checked");
  if (array != NULL)
    bd_json_check_for_each_object (c, array, check_checked_entry, checked);
  bd_json_check_leave (c, mark);
  return c->problems->len > before ? NULL : g_steal_pointer (&checked);
}

static void
check_guide (BdJsonCheck *c,
             JsonObject  *item,
             guint        index,
             gpointer     data)
{
  static const char * const members[] = {
    "id", "kind", "title", "summary", "steps", "references", "ask_cleared", "checked", NULL
  };
  Build *b = data;
  guint before = c->problems->len;
  const char *id = bd_json_check_id (c, item, "id", TRUE);
  BdGuideKind kind = BD_GUIDE_KIND_CHECK;
  gboolean kind_ok = check_guide_kind (c, item, &kind);
  g_autoptr(BdText) title = get_text (c, item, "title", TRUE);
  g_autoptr(BdText) summary = get_text (c, item, "summary", TRUE);
  gboolean asks = bd_json_check_bool (c, item, "ask_cleared",
                            kind == BD_GUIDE_KIND_FIX || kind == BD_GUIDE_KIND_RESET);
  g_autoptr(GArray) checked = check_guide_checked (c, item);
  g_autoptr(BdGuide) guide = NULL;
  gsize mark;

  bd_json_check_members (c, item, members);
  mark = bd_json_check_enter_member (c, "id");
  bd_json_check_unique_id (c, b->seen, id);
  bd_json_check_leave (c, mark);
  if (c->problems->len == before && kind_ok)
    {
      guide = _bd_guide_new (id, kind, title, summary, asks);
      _bd_guide_set_checked (guide, (BdCoverage *) checked->data, checked->len);
    }
  check_guide_steps (c, item, guide, id);
  check_guide_references (c, item, guide);
  if (c->problems->len == before && guide != NULL)
    g_ptr_array_add (b->guides, g_steal_pointer (&guide));
}

static void
check_reset (BdJsonCheck *c,
             JsonObject  *item,
             guint        index,
             gpointer     data)
{
  static const char * const members[] = {
    "id", "name", "does", "keeps", "loses", "when", "path", "guide", "rank", NULL
  };
  static const char * const texts[BD_RESET_N_TEXTS] = {
    [BD_RESET_NAME] = "name", [BD_RESET_DOES] = "does", [BD_RESET_KEEPS] = "keeps",
    [BD_RESET_LOSES] = "loses", [BD_RESET_WHEN] = "when", [BD_RESET_PATH] = "path",
  };
  Build *b = data;
  guint before = c->problems->len;
  const char *id = bd_json_check_id (c, item, "id", TRUE);
  BdText *values[BD_RESET_N_TEXTS] = { NULL };
  const char *guide = bd_json_check_id (c, item, "guide", TRUE);
  gint64 rank = 0;
  gsize mark;

  for (guint i = 0; i < BD_RESET_N_TEXTS; i++)
    values[i] = get_text (c, item, texts[i], TRUE);
  bd_json_check_members (c, item, members);
  mark = bd_json_check_enter_member (c, "id");
  bd_json_check_unique_id (c, b->seen, id);
  bd_json_check_leave (c, mark);
  if (bd_json_check_int (c, item, "rank", TRUE, 1, MAX_RANK, &rank)
      && !g_hash_table_add (b->ranks, GINT_TO_POINTER ((int) rank)))
    {
      mark = bd_json_check_enter_member (c, "rank");
      bd_json_check_report (c, BD_PROBLEM_DUPLICATE, _("another reset already has rank %d"), (int) rank);
      bd_json_check_leave (c, mark);
    }
  if (c->problems->len == before)
    g_ptr_array_add (b->resets, _bd_reset_new (id, values, guide, (guint) rank));
  for (guint i = 0; i < BD_RESET_N_TEXTS; i++)
    g_clear_pointer (&values[i], bd_text_unref);
}

static BdChecklistItem *
check_checklist_item (BdJsonCheck *c,
                      JsonObject  *item)
{
  static const char * const members[] = { "guide", "step", "text", NULL };
  guint before = c->problems->len;
  const char *guide = bd_json_check_id (c, item, "guide", TRUE);
  const char *step = bd_json_check_id (c, item, "step", FALSE);
  g_autoptr(BdText) text = get_text (c, item, "text", FALSE);

  bd_json_check_members (c, item, members);
  if (c->problems->len > before)
    return NULL;
  return _bd_checklist_item_new (guide, step, text);
}

static void
check_checklist (BdJsonCheck *c,
                 JsonObject  *item,
                 guint        index,
                 gpointer     data)
{
  static const char * const members[] = { "id", "title", "summary", "items", NULL };
  Build *b = data;
  guint before = c->problems->len;
  const char *id = bd_json_check_id (c, item, "id", TRUE);
  g_autoptr(BdText) title = get_text (c, item, "title", TRUE);
  g_autoptr(BdText) summary = get_text (c, item, "summary", FALSE);
  JsonArray *items = bd_json_check_array (c, item, "items", TRUE, 1, 200);
  g_autoptr(BdChecklist) checklist = NULL;
  gsize mark;

  bd_json_check_members (c, item, members);
  mark = bd_json_check_enter_member (c, "id");
  bd_json_check_unique_id (c, b->seen, id);
  bd_json_check_leave (c, mark);
  if (c->problems->len == before && items != NULL)
    checklist = _bd_checklist_new (id, title, summary);
  mark = bd_json_check_enter_member (c, "items");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      gsize entry = bd_json_check_enter_index (c, i);

      if (bd_json_check_type (c, node, BD_JSON_WANT_OBJECT))
        {
          g_autoptr(BdChecklistItem) line = check_checklist_item (c, json_node_get_object (node));
          if (line != NULL && checklist != NULL)
            _bd_checklist_add_item (checklist, line);
        }
      bd_json_check_leave (c, entry);
    }
  bd_json_check_leave (c, mark);
  if (c->problems->len == before && checklist != NULL)
    g_ptr_array_add (b->checklists, g_steal_pointer (&checklist));
}

static void
check_explanation (BdJsonCheck *c,
                   JsonObject  *item,
                   guint        index,
                   gpointer     data)
{
  static const char * const members[] = { "id", "kind", "title", "body", NULL };
  Build *b = data;
  guint before = c->problems->len;
  const char *id = bd_json_check_id (c, item, "id", TRUE);
  const char *kind_str = bd_json_check_string (c, item, "kind", TRUE);
  g_autoptr(BdText) title = get_text (c, item, "title", TRUE);
  g_autoptr(BdText) body = get_text (c, item, "body", TRUE);
  BdExplanationKind kind = BD_EXPLANATION_KIND_NORMAL;
  gsize mark;

  bd_json_check_members (c, item, members);
  mark = bd_json_check_enter_member (c, "id");
  bd_json_check_unique_id (c, b->seen, id);
  bd_json_check_leave (c, mark);
  if (kind_str != NULL && !bd_explanation_kind_from_string (kind_str, &kind))
    {
      mark = bd_json_check_enter_member (c, "kind");
      bd_json_check_report (c, BD_PROBLEM_BAD_VALUE,
              _("\"%s\" is not an explanation kind (normal, cause, faq)"), kind_str);
      bd_json_check_leave (c, mark);
    }
  if (c->problems->len == before)
    g_ptr_array_add (b->explanations, _bd_explanation_new (id, kind, title, body));
}

/* Checks one top-level list with a fresh id namespace. */
static void
check_list (BdJsonCheck    *c,
            JsonObject     *root,
            const char     *name,
            guint           min,
            guint           max,
            BdJsonItemFunc  func,
            Build          *b)
{
  JsonArray *array = bd_json_check_array (c, root, name, TRUE, min, max);
  gsize mark;

  g_hash_table_remove_all (b->seen);
  if (array == NULL)
    return;
  mark = bd_json_check_enter_member (c, name);
  bd_json_check_for_each_object (c, array, func, b);
  bd_json_check_leave (c, mark);
}

/* --- references (phase 3) -------------------------------------------- */

static void
check_guide_ref (BdJsonCheck *c,
                 BdPack      *pack,
                 const char  *id,
                 const char  *path)
{
  g_autofree char *message = NULL;

  if (bd_pack_lookup_guide (pack, id) != NULL)
    return;
  message = g_strdup_printf (_("there is no guide \"%s\""), id);
  bd_json_check_report_at (c, path, BD_PROBLEM_UNKNOWN_REF, message);
}

static void
check_symptom_refs (BdJsonCheck *c,
                    BdPack      *pack,
                    BdSymptom   *symptom,
                    guint        index)
{
  const char * const *plan = bd_symptom_get_plan (symptom);
  const char *first_fix = bd_symptom_get_first_fix (symptom);
  g_autofree char *path = g_strdup_printf ("symptoms[%u].first_fix", index);

  check_guide_ref (c, pack, first_fix, path);
  if (bd_pack_lookup_guide (pack, first_fix) != NULL && !g_strv_contains (plan, first_fix))
    {
      g_autofree char *message = g_strdup_printf (_("guide \"%s\" is not in this symptom's plan"),
                                                  first_fix);
      bd_json_check_report_at (c, path, BD_PROBLEM_NOT_IN_PLAN, message);
    }
  for (guint i = 0; plan[i] != NULL; i++)
    {
      g_autofree char *entry = g_strdup_printf ("symptoms[%u].plan[%u]", index, i);
      check_guide_ref (c, pack, plan[i], entry);
    }
}

static void
check_checklist_refs (BdJsonCheck *c,
                      BdPack      *pack,
                      BdChecklist *checklist,
                      guint        index)
{
  GListModel *items = bd_checklist_get_items (checklist);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(BdChecklistItem) item = g_list_model_get_item (items, i);
      const char *guide_id = bd_checklist_item_get_guide_id (item);
      const char *step_id = bd_checklist_item_get_step_id (item);
      BdGuide *guide = bd_pack_lookup_guide (pack, guide_id);
      g_autofree char *path = g_strdup_printf ("checklists[%u].items[%u].guide", index, i);

      check_guide_ref (c, pack, guide_id, path);
      if (guide != NULL && step_id != NULL && bd_guide_lookup_step (guide, step_id) == NULL)
        {
          g_autofree char *step_path = g_strdup_printf ("checklists[%u].items[%u].step", index, i);
          g_autofree char *message = g_strdup_printf (_("guide \"%s\" has no step \"%s\""),
                                                      guide_id, step_id);
          bd_json_check_report_at (c, step_path, BD_PROBLEM_UNKNOWN_REF, message);
        }
    }
}

static void
check_references (BdJsonCheck *c,
                  Build       *b)
{
  for (guint i = 0; i < b->symptoms->len; i++)
    check_symptom_refs (c, b->pack, g_ptr_array_index (b->symptoms, i), i);
  for (guint i = 0; i < b->resets->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("resets[%u].guide", i);
      check_guide_ref (c, b->pack, bd_reset_get_guide_id (g_ptr_array_index (b->resets, i)), path);
    }
  for (guint i = 0; i < b->checklists->len; i++)
    check_checklist_refs (c, b->pack, g_ptr_array_index (b->checklists, i), i);
}

/* --- the whole pack -------------------------------------------------- */

/* "completeness": {"de": 100, ...}: how much of the pack each listed
 * language covers, in percent, as the merge of the catalogues counted. */
static void
check_completeness (BdJsonCheck *c,
                    JsonObject  *root,
                    GHashTable  *completeness)
{
  JsonNode *node = bd_json_check_member (c, root, "completeness", BD_JSON_WANT_OBJECT, FALSE);
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  gsize mark;

  if (node == NULL)
    return;
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  mark = bd_json_check_enter_member (c, "completeness");
  for (GList *l = members; l != NULL; l = l->next)
    {
      gsize inner = bd_json_check_enter_member (c, l->data);
      gint64 percent = 0;

      bd_pack_check_language_key (c, l->data);
      bd_json_check_leave (c, inner);
      if (bd_json_check_int (c, object, l->data, TRUE, 0, 100, &percent))
        g_hash_table_insert (completeness, g_strdup (l->data), GINT_TO_POINTER ((int) percent + 1));
    }
  bd_json_check_leave (c, mark);
}

static void
check_format (BdJsonCheck *c,
              JsonObject  *root)
{
  BdPackCheck *check = c->user_data;
  JsonNode *format = bd_json_check_member (c, root, "format", BD_JSON_WANT_INT, TRUE);
  gsize mark;

  /* 0: not known; the rules of both formats are then optional, so only
   * the format itself is reported. */
  check->format = 0;
  if (format == NULL)
    return;
  if (json_node_get_int (format) == 1 || json_node_get_int (format) == 2)
    {
      check->format = (int) json_node_get_int (format);
      return;
    }
  mark = bd_json_check_enter_member (c, "format");
  bd_json_check_report (c, BD_PROBLEM_BAD_FORMAT, _("format %lld is not supported; only 1 and 2 are"),
          (long long) json_node_get_int (format));
  bd_json_check_leave (c, mark);
}

/* Format 1's single "checked on" list; format 2 has it per guide. */
static void
check_platforms (BdJsonCheck *c,
                 JsonObject  *root,
                 GArray      *coverage)
{
  BdPackCheck *check = c->user_data;
  JsonArray *platform_list;
  gsize mark;

  if (check->format >= 2)
    {
      if (json_object_has_member (root, "platforms"))
        {
          mark = bd_json_check_enter_member (c, "platforms");
          bd_json_check_report (c, BD_PROBLEM_BAD_FORMAT,
                                _("format 2 has no platforms; each guide says what it was checked on"));
          bd_json_check_leave (c, mark);
        }
      return;
    }
  platform_list = bd_json_check_array (c, root, "platforms", check->format == 1, 1, 20);
  mark = bd_json_check_enter_member (c, "platforms");
  bd_json_check_for_each_object (c, platform_list, check_platform, coverage);
  bd_json_check_leave (c, mark);
}

static void
check_header (BdJsonCheck *c,
              JsonObject  *root,
              Build       *b)
{
  static const char * const members[] = {
    "format", "id", "version", "published", "platforms", "languages", "completeness",
    "paths", "symptoms", "guides", "resets", "checklists", "explanations", NULL
  };
  guint before = c->problems->len;
  g_autoptr(GPtrArray) languages = check_languages (c, root);
  g_autoptr(GHashTable) completeness = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *id = bd_json_check_id (c, root, "id", TRUE);
  const char *version = bd_json_check_string (c, root, "version", TRUE);
  const char *published = bd_json_check_string (c, root, "published", TRUE);
  g_autoptr(GDateTime) when = published != NULL ? bd_date_time_parse_strict (published) : NULL;
  gsize mark;

  bd_json_check_members (c, root, members);
  check_format (c, root);
  if (version != NULL && !bd_version_is_valid (version))
    {
      mark = bd_json_check_enter_member (c, "version");
      bd_json_check_report (c, BD_PROBLEM_BAD_VERSION, _("\"%s\" is not a version such as 2026.11.1"), version);
      bd_json_check_leave (c, mark);
    }
  if (published != NULL && when == NULL)
    {
      mark = bd_json_check_enter_member (c, "published");
      bd_json_check_report (c, BD_PROBLEM_BAD_DATE,
              _("\"%s\" is not a date and time with a time zone such as 2026-11-23T09:00:00Z"), published);
      bd_json_check_leave (c, mark);
    }
  check_platforms (c, root, b->coverage);
  check_completeness (c, root, completeness);
  if (c->problems->len > before)
    return;
  g_ptr_array_add (languages, NULL);
  b->pack = _bd_pack_new (id, version, when, (const char * const *) languages->pdata);
  _bd_pack_set_completeness (b->pack, completeness);
}

/* Per platform, the versions every guide naming it covers. */
static void
add_coverage (Build *b)
{
  for (guint i = 0; i < b->guides->len; i++)
    {
      guint n = 0;
      const BdCoverage *checked = bd_guide_get_checked (g_ptr_array_index (b->guides, i), &n);

      for (guint j = 0; j < n; j++)
        {
          BdCoverage *entry = NULL;

          for (guint k = 0; entry == NULL && k < b->coverage->len; k++)
            if (g_array_index (b->coverage, BdCoverage, k).platform == checked[j].platform)
              entry = &g_array_index (b->coverage, BdCoverage, k);
          if (entry == NULL)
            {
              g_array_append_val (b->coverage, checked[j]);
              continue;
            }
          entry->from = MAX (entry->from, checked[j].from);
          entry->to = MIN (entry->to, checked[j].to);
          entry->n_guides++;
        }
    }
  for (guint k = 0; k < b->coverage->len; k++)
    if (g_array_index (b->coverage, BdCoverage, k).n_guides == 0)
      g_array_index (b->coverage, BdCoverage, k).n_guides = b->guides->len;
  _bd_pack_set_coverage (b->pack, (BdCoverage *) b->coverage->data, b->coverage->len);
}

static void
add_all (Build *b)
{
  for (guint i = 0; i < b->symptoms->len; i++)
    _bd_pack_add_symptom (b->pack, g_ptr_array_index (b->symptoms, i));
  for (guint i = 0; i < b->guides->len; i++)
    _bd_pack_add_guide (b->pack, g_ptr_array_index (b->guides, i));
  for (guint i = 0; i < b->resets->len; i++)
    _bd_pack_add_reset (b->pack, g_ptr_array_index (b->resets, i));
  for (guint i = 0; i < b->checklists->len; i++)
    _bd_pack_add_checklist (b->pack, g_ptr_array_index (b->checklists, i));
  for (guint i = 0; i < b->explanations->len; i++)
    _bd_pack_add_explanation (b->pack, g_ptr_array_index (b->explanations, i));
  add_coverage (b);
}

static void
check_root (BdJsonCheck *c,
            JsonNode    *root,
            Build       *b)
{
  JsonObject *object;

  if (!bd_json_check_type (c, root, BD_JSON_WANT_OBJECT))
    return;
  object = json_node_get_object (root);
  check_header (c, object, b);
  bd_pack_check_paths (c, object);
  check_list (c, object, "symptoms", 1, 200, check_symptom, b);
  check_list (c, object, "guides", 1, 500, check_guide, b);
  check_list (c, object, "resets", 0, 100, check_reset, b);
  check_list (c, object, "checklists", 0, 100, check_checklist, b);
  check_list (c, object, "explanations", 0, 500, check_explanation, b);
  if (c->problems->len > 0)
    return;
  add_all (b);
  check_references (c, b);
}

static void
build_clear (Build *b)
{
  g_clear_object (&b->pack);
  g_clear_pointer (&b->symptoms, g_ptr_array_unref);
  g_clear_pointer (&b->guides, g_ptr_array_unref);
  g_clear_pointer (&b->resets, g_ptr_array_unref);
  g_clear_pointer (&b->checklists, g_ptr_array_unref);
  g_clear_pointer (&b->explanations, g_ptr_array_unref);
  g_clear_pointer (&b->seen, g_hash_table_unref);
  g_clear_pointer (&b->ranks, g_hash_table_unref);
  g_clear_pointer (&b->coverage, g_array_unref);
}

/* Checks @root and builds the pack with the words of @view. */
static BdPack *
build (BdJsonCheck      *c,
       JsonNode         *root,
       const BdPackView *view)
{
  BdPackCheck check = { .view = *view };
  Build b = { 0 };
  BdPack *pack = NULL;

  c->user_data = &check;
  b.symptoms = g_ptr_array_new_with_free_func (g_object_unref);
  b.guides = g_ptr_array_new_with_free_func (g_object_unref);
  b.resets = g_ptr_array_new_with_free_func (g_object_unref);
  b.checklists = g_ptr_array_new_with_free_func (g_object_unref);
  b.explanations = g_ptr_array_new_with_free_func (g_object_unref);
  b.seen = g_hash_table_new (g_str_hash, g_str_equal);
  b.ranks = g_hash_table_new (NULL, NULL);
  b.coverage = g_array_new (FALSE, FALSE, sizeof (BdCoverage));

  check_root (c, root, &b);
  if (c->problems->len == 0 && b.pack != NULL)
    {
      _bd_pack_sort_resets (b.pack);
      _bd_pack_set_tree (b.pack, root, view->unsure, view->ios);
      pack = g_steal_pointer (&b.pack);
    }
  c->user_data = NULL;
  bd_pack_check_clear (&check);
  build_clear (&b);
  return pack;
}

/**
 * bd_pack_new_from_bytes:
 * @bytes: an untrusted pack
 * @problems: (out) (optional) (element-type BdProblem) (transfer container):
 *   every problem found, in the order found; an empty array on success
 * @error: %BD_ERROR_INVALID_PACK with the first problem as "path: message"
 *
 * Never crashes, never logs a CRITICAL, whatever @bytes hold. The pack
 * shows the words for the newest iOS it covers; bd_pack_resolve() gives
 * those for another version.
 *
 * Returns: (transfer full) (nullable): the pack, or %NULL
 */
BdPack *
bd_pack_new_from_bytes (GBytes     *bytes,
                        GPtrArray **problems,
                        GError    **error)
{
  static const BdPackView newest = { FALSE, BD_OS_VERSION_NEWEST };
  BdJsonCheck c;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  BdPack *pack = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  bd_json_check_init (&c);
  root = bd_json_check_parse (&c, bytes, BD_PACK_MAX_SIZE, parser);
  if (root != NULL)
    pack = build (&c, root, &newest);
  if (pack == NULL)
    bd_json_check_set_error (&c, error, BD_ERROR_INVALID_PACK);
  if (problems != NULL)
    *problems = g_steal_pointer (&c.problems);
  bd_json_check_clear (&c);
  return pack;
}

/* The pack of @root (checked clean before) with the words of a view. */
BdPack *
_bd_pack_build (JsonNode *root,
                gboolean  unsure,
                int       ios)
{
  BdPackView view = { unsure, ios };
  BdJsonCheck c;
  BdPack *pack;

  bd_json_check_init (&c);
  pack = build (&c, root, &view);
  bd_json_check_clear (&c);
  return pack;
}
