/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pack"

#include <string.h>

#include "bd-pack.h"
#include "bd-version.h"

static BdPack *
load_test_pack (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "packs", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BdPack *pack = bd_pack_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return pack;
}

static BdPack *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  BdPack *pack = bd_pack_new_bundled (&error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static void
test_minimal_content (void)
{
  g_autoptr(BdPack) pack = load_test_pack ("minimal.json");
  BdGuide *guide = bd_pack_lookup_guide (pack, "toggle-badges");
  BdStep *step;
  g_autoptr(BdReference) reference = NULL;

  g_assert_cmpstr (bd_pack_get_id (pack), ==, "test-pack");
  g_assert_cmpstr (bd_pack_get_version (pack), ==, "1.0.0");
  g_assert_cmpint (g_date_time_get_year (bd_pack_get_published (pack)), ==, 2026);
  {
    /* Format 1: one "checked on" list for the whole pack. */
    g_autofree char *coverage = bd_pack_describe_coverage (pack);
    g_assert_cmpstr (coverage, ==, "iOS 26.5");
  }
  g_assert_true (g_strv_contains (bd_pack_get_languages (pack), "de"));
  g_assert_cmpint (bd_pack_get_source (pack), ==, BD_PACK_SOURCE_FILE);

  g_assert_nonnull (guide);
  g_assert_cmpint (bd_guide_get_kind (guide), ==, BD_GUIDE_KIND_FIX);
  g_assert_cmpuint (bd_guide_get_n_steps (guide), ==, 4);
  g_assert_true (bd_guide_get_ask_cleared (guide));

  step = bd_guide_lookup_step (guide, "wait");
  g_assert_cmpuint (bd_step_get_wait_seconds (step), ==, 10);
  g_assert_false (bd_step_get_per_device (step));
  step = bd_guide_get_step (guide, 3);
  g_assert_cmpstr (bd_step_get_id (step), ==, "turn-on");
  g_assert_cmpstr (bd_step_get_guide_id (step), ==, "toggle-badges");
  g_assert_true (bd_step_get_per_device (step));
  g_assert_cmpstr (bd_text_get_for (bd_step_get_expect (step), "en"), ==, "The red badge disappears.");

  reference = g_list_model_get_item (bd_guide_get_references (guide), 0);
  g_assert_cmpstr (bd_reference_get_url (reference), ==, "https://support.apple.com/");

  /* A reset guide asks "did it clear?" unless told otherwise. */
  guide = bd_pack_lookup_guide (pack, "reset-settings");
  g_assert_true (bd_guide_get_ask_cleared (guide));
  g_assert_nonnull (bd_step_get_caution (bd_guide_get_step (guide, 0)));
}

static void
test_language_fallback (void)
{
  g_autoptr(BdPack) pack = load_test_pack ("minimal.json");
  BdSymptom *symptom = bd_pack_lookup_symptom (pack, "stuck-one");

  g_setenv ("LANGUAGE", "de_AT:de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* German where the pack has it, English for the string that has none. */
  g_assert_cmpstr (bd_text_get (bd_symptom_get_text (symptom)), ==,
                   "Das Kennzeichen zeigt 1, obwohl alles gelesen ist.");
  g_assert_cmpstr (bd_text_get (bd_symptom_get_cause (symptom)), ==,
                   "A hidden draft or a filtered chat.");

  g_setenv ("LANGUAGE", "fr", TRUE);
  g_assert_cmpstr (bd_text_get (bd_symptom_get_text (symptom)), ==,
                   "The badge shows 1 but every chat looks read.");
  g_assert_cmpstr (bd_text_get_for (bd_symptom_get_text (symptom), "de"), ==,
                   "Das Kennzeichen zeigt 1, obwohl alles gelesen ist.");
  g_assert_cmpstr (bd_text_get_for (bd_symptom_get_text (symptom), "es"), ==,
                   "The badge shows 1 but every chat looks read.");
  g_assert_null (bd_text_lookup (bd_symptom_get_cause (symptom), "de"));
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
}

static void
test_versions (void)
{
  g_assert_true (bd_version_is_valid ("2026.11.1"));
  g_assert_true (bd_version_is_valid ("0"));
  g_assert_false (bd_version_is_valid ("2026.011.1"));
  g_assert_false (bd_version_is_valid ("2026..1"));
  g_assert_false (bd_version_is_valid ("1.2.3.4.5.6.7"));
  g_assert_false (bd_version_is_valid ("1234567890"));
  g_assert_false (bd_version_is_valid ("v1"));
  g_assert_cmpint (bd_version_compare ("2026.11.10", "2026.11.9"), >, 0);
  g_assert_cmpint (bd_version_compare ("2026.11.1", "2026.12"), <, 0);
  g_assert_cmpint (bd_version_compare ("1.2", "1.2.0"), ==, 0);
}

static void
test_file_over_cap (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "huge.json", NULL);
  g_autofree char *data = g_malloc (BD_PACK_MAX_SIZE + 100);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = NULL;

  memset (data, ' ', BD_PACK_MAX_SIZE + 100);
  g_assert_true (g_file_set_contents (path, data, BD_PACK_MAX_SIZE + 100, NULL));
  pack = bd_pack_new_from_file (file, &problems, &error);
  g_assert_null (pack);
  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_PACK);
  g_assert_cmpint (((BdProblem *) g_ptr_array_index (problems, 0))->kind, ==,
                   BD_PROBLEM_TOO_LARGE);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/pack.json");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdPack) pack = bd_pack_new_from_file (file, &problems, &error);

  g_assert_null (pack);
  g_assert_null (problems);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* --- the bundled content --------------------------------------------- */

static void
test_bundled_loads (void)
{
  g_autoptr(BdPack) pack = load_bundled ();

  g_assert_cmpstr (bd_pack_get_id (pack), ==, "badge-doctor");
  g_assert_cmpint (bd_pack_get_source (pack), ==, BD_PACK_SOURCE_BUNDLED);
  g_assert_true (g_strv_contains (bd_pack_get_languages (pack), "en"));
  g_assert_cmpuint (g_list_model_get_n_items (bd_pack_get_symptoms (pack)), >=, 11);
}

static void
test_bundled_plans_resolve (void)
{
  g_autoptr(BdPack) pack = load_bundled ();
  GListModel *symptoms = bd_pack_get_symptoms (pack);

  for (guint i = 0; i < g_list_model_get_n_items (symptoms); i++)
    {
      g_autoptr(BdSymptom) symptom = g_list_model_get_item (symptoms, i);
      const char * const *plan = bd_symptom_get_plan (symptom);

      g_assert_cmpuint (g_strv_length ((char **) plan), >=, 1);
      g_assert_true (g_strv_contains (plan, bd_symptom_get_first_fix (symptom)));
      for (guint j = 0; plan[j] != NULL; j++)
        g_assert_nonnull (bd_pack_lookup_guide (pack, plan[j]));
    }
}

static void
mark_checklists (BdPack     *pack,
                 GHashTable *reached)
{
  GListModel *checklists = bd_pack_get_checklists (pack);

  for (guint i = 0; i < g_list_model_get_n_items (checklists); i++)
    {
      g_autoptr(BdChecklist) checklist = g_list_model_get_item (checklists, i);
      GListModel *items = bd_checklist_get_items (checklist);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(BdChecklistItem) item = g_list_model_get_item (items, j);
          g_hash_table_add (reached, g_strdup (bd_checklist_item_get_guide_id (item)));
        }
    }
}

static void
test_bundled_guides_reachable (void)
{
  g_autoptr(BdPack) pack = load_bundled ();
  g_autoptr(GHashTable) reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *symptoms = bd_pack_get_symptoms (pack);
  GListModel *guides = bd_pack_get_guides (pack);

  for (guint i = 0; i < g_list_model_get_n_items (symptoms); i++)
    {
      g_autoptr(BdSymptom) symptom = g_list_model_get_item (symptoms, i);
      const char * const *plan = bd_symptom_get_plan (symptom);
      for (guint j = 0; plan[j] != NULL; j++)
        g_hash_table_add (reached, g_strdup (plan[j]));
    }
  mark_checklists (pack, reached);

  for (guint i = 0; i < g_list_model_get_n_items (guides); i++)
    {
      g_autoptr(BdGuide) guide = g_list_model_get_item (guides, i);
      if (!g_hash_table_contains (reached, bd_guide_get_id (guide)))
        g_error ("guide %s is in no plan and no checklist", bd_guide_get_id (guide));
    }
}

static void
assert_english (BdText     *text,
                const char *where)
{
  const char *en;

  if (text == NULL)
    return;
  en = bd_text_lookup (text, "en");
  if (en == NULL || *en == '\0')
    g_error ("%s has no English text", where);
}

static void
test_bundled_english_everywhere (void)
{
  g_autoptr(BdPack) pack = load_bundled ();
  GListModel *guides = bd_pack_get_guides (pack);
  GListModel *resets = bd_pack_get_resets (pack);

  for (guint i = 0; i < g_list_model_get_n_items (guides); i++)
    {
      g_autoptr(BdGuide) guide = g_list_model_get_item (guides, i);
      assert_english (bd_guide_get_title (guide), bd_guide_get_id (guide));
      assert_english (bd_guide_get_summary (guide), bd_guide_get_id (guide));
      for (guint j = 0; j < bd_guide_get_n_steps (guide); j++)
        {
          BdStep *step = bd_guide_get_step (guide, j);
          assert_english (bd_step_get_text (step), bd_step_get_id (step));
          assert_english (bd_step_get_caution (step), bd_step_get_id (step));
          assert_english (bd_step_get_expect (step), bd_step_get_id (step));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (resets); i++)
    {
      g_autoptr(BdReset) reset = g_list_model_get_item (resets, i);
      assert_english (bd_reset_get_name (reset), bd_reset_get_id (reset));
      assert_english (bd_reset_get_loses (reset), bd_reset_get_id (reset));
    }
}

/* The ladder is least disruptive first, each rung performed by a reset
 * guide whose costly step warns before it can be ticked. */
static void
test_bundled_reset_ladder (void)
{
  g_autoptr(BdPack) pack = load_bundled ();
  GListModel *resets = bd_pack_get_resets (pack);
  guint last_rank = 0;

  g_assert_cmpuint (g_list_model_get_n_items (resets), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (resets); i++)
    {
      g_autoptr(BdReset) reset = g_list_model_get_item (resets, i);
      BdGuide *guide = bd_pack_lookup_guide (pack, bd_reset_get_guide_id (reset));
      gboolean has_caution = FALSE;

      g_assert_cmpuint (bd_reset_get_rank (reset), >, last_rank);
      last_rank = bd_reset_get_rank (reset);
      g_assert_cmpint (bd_guide_get_kind (guide), ==, BD_GUIDE_KIND_RESET);
      for (guint j = 0; j < bd_guide_get_n_steps (guide); j++)
        has_caution |= bd_step_get_caution (bd_guide_get_step (guide, j)) != NULL;
      g_assert_true (has_caution);
    }
}

/* A reference names a site and points at its front page, or names an
 * article and points at that article: an address found in a stored copy
 * and listed in tests/data/guidance-addresses.tsv, never a guessed one. */
static gboolean
is_site (const char *title)
{
  static const char * const sites[] = {
    "Apple Support", "WhatsApp Help Center", "Gmail Help", "Microsoft Support: Microsoft Teams",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    if (g_str_equal (title, sites[i]))
      return TRUE;
  return FALSE;
}

static void
test_bundled_references (void)
{
  g_autoptr(BdPack) pack = load_bundled ();
  GListModel *guides = bd_pack_get_guides (pack);
  g_autofree char *list_path = g_test_build_filename (G_TEST_DIST, "data", "guidance-addresses.tsv", NULL);
  g_autofree char *list = NULL;
  guint n = 0, articles = 0;

  g_assert_true (g_file_get_contents (list_path, &list, NULL, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (guides); i++)
    {
      g_autoptr(BdGuide) guide = g_list_model_get_item (guides, i);
      GListModel *references = bd_guide_get_references (guide);

      for (guint j = 0; j < g_list_model_get_n_items (references); j++, n++)
        {
          g_autoptr(BdReference) reference = g_list_model_get_item (references, j);
          const char *url = bd_reference_get_url (reference);
          const char *title = bd_text_lookup (bd_reference_get_title (reference), "en");
          const char *path = strchr (url + strlen ("https://"), '/');
          g_autofree char *line = g_strdup_printf ("\n%s\t", url);

          g_assert_nonnull (path);
          if (is_site (title))
            {
              g_assert_cmpstr (path, ==, "/");
              continue;
            }
          g_assert_cmpstr (path, !=, "/");
          if (strstr (list, line) == NULL)
            g_error ("%s cites %s, which tests/data/guidance-addresses.tsv does not list", title, url);
          articles++;
        }
    }
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (articles, >, 0);
}

/* The writing rules the app relies on: waits carry their seconds, named
 * checklists exist, some steps repeat per device. */
static void
test_bundled_shapes (void)
{
  g_autoptr(BdPack) pack = load_bundled ();
  GListModel *guides = bd_pack_get_guides (pack);
  guint waits = 0, per_device = 0;

  for (guint i = 0; i < g_list_model_get_n_items (guides); i++)
    {
      g_autoptr(BdGuide) guide = g_list_model_get_item (guides, i);
      for (guint j = 0; j < bd_guide_get_n_steps (guide); j++)
        {
          BdStep *step = bd_guide_get_step (guide, j);
          const char *text = bd_text_get_for (bd_step_get_text (step), "en");

          if (g_str_has_prefix (text, "Wait "))
            g_assert_cmpuint (bd_step_get_wait_seconds (step), >, 0);
          waits += bd_step_get_wait_seconds (step) > 0;
          per_device += bd_step_get_per_device (step);
        }
    }
  g_assert_cmpuint (waits, >, 0);
  g_assert_cmpuint (per_device, >, 0);
  g_assert_nonnull (bd_pack_lookup_checklist (pack, "five-minute"));
  g_assert_nonnull (bd_pack_lookup_checklist (pack, "walkthrough"));
  g_assert_nonnull (bd_pack_lookup_checklist (pack, "escalation"));
}

/* Versions as the pack writes them, and as a person types them. */
static void
test_os_versions (void)
{
  BdOsRange range;
  int version = 0;

  g_assert_true (bd_os_version_parse ("17", &version));
  g_assert_cmpint (version, ==, 17000);
  g_assert_true (bd_os_version_parse ("16.7", &version));
  g_assert_cmpint (version, ==, 16007);
  /* the pack names no patch level, and no leading zero */
  g_assert_false (bd_os_version_parse ("17.2.1", &version));
  g_assert_false (bd_os_version_parse ("017", &version));
  g_assert_false (bd_os_version_parse ("17.", &version));
  g_assert_false (bd_os_version_parse ("", &version));
  /* a person may type the patch level, "iOS" and spaces */
  g_assert_true (bd_os_version_read (" iOS 17.5.1 ", &version));
  g_assert_cmpint (version, ==, 17005);
  g_assert_false (bd_os_version_read ("seventeen", &version));
  g_assert_false (bd_os_version_read (NULL, &version));

  g_assert_true (bd_os_range_parse ("<18", &range));
  g_assert_true (bd_os_range_contains (&range, 17009));
  g_assert_false (bd_os_range_contains (&range, 18000));
  g_assert_true (bd_os_range_parse ("<=17", &range));
  g_assert_true (bd_os_range_contains (&range, 17999));
  g_assert_true (bd_os_range_parse (">=17 <17.2", &range));
  g_assert_true (bd_os_range_contains (&range, 17001));
  g_assert_false (bd_os_range_contains (&range, 17002));
  g_assert_true (bd_os_range_parse ("=16", &range));
  g_assert_true (bd_os_range_contains (&range, 16007));
  g_assert_false (bd_os_range_contains (&range, 17000));
  g_assert_false (bd_os_range_parse ("<17.2.1", &range));
  g_assert_false (bd_os_range_parse ("<<18", &range));
  g_assert_false (bd_os_range_parse ("18", &range));
  g_assert_false (bd_os_range_parse (">=18 <17", &range));
  g_assert_false (bd_os_range_parse ("<18 ", &range));
}

/* The words of one step in one view and language. */
static const char *
step_words (BdPack     *pack,
            const char *step_id,
            BdDevice    device,
            const char *language)
{
  BdGuide *guide = bd_pack_lookup_guide (pack, "rebuild");

  return bd_text_get_for (bd_step_get_text_on (bd_guide_lookup_step (guide, step_id), device), language);
}

/* A person on iOS 17 sees the settings where iOS 17 has them, a person on
 * iOS 26 where iOS 26 has them; each device its own words. */
static void
test_words_follow_ios (void)
{
  g_autoptr(BdPack) pack = load_test_pack ("versions.json");
  g_autoptr(BdPack) old = bd_pack_resolve (pack, "17.5");
  g_autoptr(BdPack) older = bd_pack_resolve (pack, "iOS 16.7.2");
  g_autoptr(BdPack) current = bd_pack_resolve (pack, "26.1");
  int version = 0;

  /* As loaded: the newest iOS every guide covers. */
  g_assert_true (bd_pack_get_ios (pack, &version));
  g_assert_cmpint (version, ==, 26001);
  g_assert_cmpstr (step_words (pack, "open", BD_DEVICE_IPHONE, "en"), ==, "Open Settings > Apps > Messages.");
  g_assert_cmpstr (step_words (current, "open", BD_DEVICE_IPHONE, "de"), ==, "Öffne Einstellungen > Apps > Nachrichten.");

  g_assert_true (bd_pack_get_ios (old, &version));
  g_assert_cmpint (version, ==, 17005);
  g_assert_cmpstr (step_words (old, "open", BD_DEVICE_IPHONE, "en"), ==, "Open Settings > Messages.");
  g_assert_cmpstr (step_words (old, "open", BD_DEVICE_IPHONE, "de"), ==, "Öffne Einstellungen > Nachrichten.");
  g_assert_cmpstr (step_words (old, "filters", BD_DEVICE_IPHONE, "en"), ==, "Tap Filters at the top left.");
  g_assert_cmpstr (step_words (current, "filters", BD_DEVICE_IPHONE, "en"), ==, "Tap the filter button at the top right.");
  g_assert_cmpstr (bd_text_get_for (bd_guide_get_summary (bd_pack_lookup_guide (old, "rebuild")), "en"), ==,
                   "The switch sits in Settings > Messages.");

  /* A path's own device variant, and an iOS one that only iOS 16 has. */
  g_assert_cmpstr (step_words (older, "sync", BD_DEVICE_IPHONE, "en"), ==, "Turn on Use on this iPhone.");
  g_assert_cmpstr (step_words (old, "sync", BD_DEVICE_IPHONE, "en"), ==, "Turn on Sync this iPhone.");
  g_assert_cmpstr (step_words (old, "sync", BD_DEVICE_IPAD, "en"), ==, "Turn on Sync this iPad.");
  /* A Mac never takes the iPhone's iOS words. */
  g_assert_cmpstr (step_words (old, "open", BD_DEVICE_MAC, "en"), ==, "Open Messages > Settings > iMessage.");
  g_assert_cmpstr (step_words (old, "sign-out", BD_DEVICE_MAC, "en"), ==, "Click Sign Out.");
  g_assert_cmpstr (bd_text_get_for (bd_step_get_expect_on (bd_guide_lookup_step (bd_pack_lookup_guide (old, "rebuild"), "sign-out"),
                                                           BD_DEVICE_MAC), "en"), ==, "The account disappears.");
  g_assert_cmpstr (step_words (old, "sign-out", BD_DEVICE_IPAD, "en"), ==, "Turn off iMessage.");
  /* Ids stay: a case ticked on one view is the same case on another. */
  g_assert_true (bd_guide_lookup_step (bd_pack_lookup_guide (old, "rebuild"), "sign-out") != NULL);
}

/* "Not sure": the newest words, with the older ones beside them. */
static void
test_words_unsure (void)
{
  g_autoptr(BdPack) pack = load_test_pack ("versions.json");
  g_autoptr(BdPack) unsure = bd_pack_resolve (pack, NULL);
  g_autoptr(BdPack) typed = bd_pack_resolve (pack, "I don't know");

  g_assert_false (bd_pack_get_ios (unsure, NULL));
  g_assert_false (bd_pack_get_ios (typed, NULL));
  g_assert_cmpstr (step_words (unsure, "open", BD_DEVICE_IPHONE, "en"), ==,
                   "Open Settings > Apps > Messages (iOS 17 and earlier: Settings > Messages).");
  g_assert_cmpstr (step_words (unsure, "open", BD_DEVICE_IPHONE, "de"), ==,
                   "Öffne Einstellungen > Apps > Nachrichten (iOS 17 und älter: Einstellungen > Nachrichten).");
  g_assert_cmpstr (step_words (unsure, "filters", BD_DEVICE_IPHONE, "en"), ==,
                   "Tap the filter button at the top right.\niOS 17 and earlier: Tap Filters at the top left.");
  g_assert_cmpstr (step_words (unsure, "sync", BD_DEVICE_IPAD, "en"), ==,
                   "Turn on Sync this iPad (iOS 16: Use on this iPhone).");
  /* A Mac has one way whatever the iPhone runs. */
  g_assert_cmpstr (step_words (unsure, "open", BD_DEVICE_MAC, "en"), ==, "Open Messages > Settings > iMessage.");
}

/* What the pack says it was written for comes from the guides. */
static void
test_coverage (void)
{
  g_autoptr(BdPack) pack = load_test_pack ("versions.json");
  g_autofree char *coverage = bd_pack_describe_coverage (pack);
  guint n = 0;
  const BdCoverage *checked = bd_guide_get_checked (bd_pack_lookup_guide (pack, "rebuild"), &n);

  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (checked[1].platform, ==, "macOS");
  /* iOS: 17 (the later "from") to 26.1 (the earlier "to"); macOS in one of two guides. */
  g_assert_cmpstr (coverage, ==, "iOS 17 to 26.1; macOS 14 to 26.1 (1 guide)");
  g_assert_cmpint (bd_pack_get_newest_ios (pack), ==, 26001);
  g_assert_true (bd_pack_covers_ios (pack, 17000));
  g_assert_true (bd_pack_covers_ios (pack, 26001));
  g_assert_false (bd_pack_covers_ios (pack, 16007));
  g_assert_false (bd_pack_covers_ios (pack, 26002));
}

/* Every plan of the bundled guidance resolves for the versions people
 * bring, with no {path:…} left and every per-device step worded for each
 * device. */
static void
test_bundled_every_version (void)
{
  static const char * const versions[] = { "16.7", "17.5", "18.6", "26.1", NULL };
  g_autoptr(BdPack) bundled = load_bundled ();

  for (guint v = 0; v <= g_strv_length ((char **) versions); v++)
    {
      g_autoptr(BdPack) pack = bd_pack_resolve (bundled, versions[v]);
      GListModel *guides = bd_pack_get_guides (pack);

      int version = 0;

      if (versions[v] != NULL)
        {
          g_assert_true (bd_os_version_parse (versions[v], &version));
          g_assert_true (bd_pack_covers_ios (bundled, version));
          g_assert_true (bd_pack_get_ios (pack, &version));
        }
      for (guint i = 0; i < g_list_model_get_n_items (guides); i++)
        {
          g_autoptr(BdGuide) guide = g_list_model_get_item (guides, i);

          for (guint j = 0; j < bd_guide_get_n_steps (guide); j++)
            {
              BdStep *step = bd_guide_get_step (guide, j);

              for (BdDevice d = BD_DEVICE_IPHONE; d <= BD_DEVICE_MAC; d <<= 1)
                {
                  const char *words = bd_text_get_for (bd_step_get_text_on (step, d), "en");
                  if (strstr (words, "{path:") != NULL)
                    g_error ("%s/%s still names a path: %s", bd_guide_get_id (guide), bd_step_get_id (step), words);
                }
            }
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pack/minimal", test_minimal_content);
  g_test_add_func ("/pack/language-fallback", test_language_fallback);
  g_test_add_func ("/pack/versions", test_versions);
  g_test_add_func ("/pack/file-over-cap", test_file_over_cap);
  g_test_add_func ("/pack/os-versions", test_os_versions);
  g_test_add_func ("/pack/words/follow-ios", test_words_follow_ios);
  g_test_add_func ("/pack/words/unsure", test_words_unsure);
  g_test_add_func ("/pack/words/coverage", test_coverage);
  g_test_add_func ("/pack/bundled/every-version", test_bundled_every_version);
  g_test_add_func ("/pack/missing-file", test_missing_file);
  g_test_add_func ("/pack/bundled/loads", test_bundled_loads);
  g_test_add_func ("/pack/bundled/plans-resolve", test_bundled_plans_resolve);
  g_test_add_func ("/pack/bundled/guides-reachable", test_bundled_guides_reachable);
  g_test_add_func ("/pack/bundled/english-everywhere", test_bundled_english_everywhere);
  g_test_add_func ("/pack/bundled/reset-ladder", test_bundled_reset_ladder);
  g_test_add_func ("/pack/bundled/references", test_bundled_references);
  g_test_add_func ("/pack/bundled/shapes", test_bundled_shapes);
  return g_test_run ();
}
