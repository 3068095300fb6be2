/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-pack"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-core-resources.h"
#include "bd-error.h"
#include "bd-file.h"
#include "bd-pack-private.h"

#define BUNDLED_PATH RESOURCE_PREFIX "/guidance/badge-doctor.json"

/* A loaded, validated guidance pack. Immutable: a newer pack is a new
 * object, so a view never sees content change under it. */
struct _BdPack
{
  GObject parent_instance;

  char *id;
  char *version;
  GDateTime *published;
  GStrv languages;
  GArray *coverage;         /* BdCoverage */
  JsonNode *tree;           /* the pack as written, for other views */
  gboolean unsure;          /* the words of "Not sure" */
  int ios;                  /* otherwise those of this iOS version */
  GHashTable *completeness; /* language -> percent + 1 */
  BdPackSource source;

  GListStore *symptoms;
  GListStore *guides;
  GListStore *resets;
  GListStore *checklists;
  GListStore *explanations;
  GHashTable *symptoms_by_id;
  GHashTable *guides_by_id;
  GHashTable *checklists_by_id;
};

G_DEFINE_FINAL_TYPE (BdPack, bd_pack, G_TYPE_OBJECT)

static void
bd_pack_finalize (GObject *object)
{
  BdPack *self = BD_PACK (object);

  g_free (self->id);
  g_free (self->version);
  g_clear_pointer (&self->published, g_date_time_unref);
  g_strfreev (self->languages);
  g_clear_pointer (&self->coverage, g_array_unref);
  g_clear_pointer (&self->tree, json_node_unref);
  g_clear_pointer (&self->completeness, g_hash_table_unref);
  g_clear_object (&self->symptoms);
  g_clear_object (&self->guides);
  g_clear_object (&self->resets);
  g_clear_object (&self->checklists);
  g_clear_object (&self->explanations);
  g_clear_pointer (&self->symptoms_by_id, g_hash_table_unref);
  g_clear_pointer (&self->guides_by_id, g_hash_table_unref);
  g_clear_pointer (&self->checklists_by_id, g_hash_table_unref);
  G_OBJECT_CLASS (bd_pack_parent_class)->finalize (object);
}

static void
bd_pack_class_init (BdPackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_pack_finalize;
}

static void
bd_pack_init (BdPack *self)
{
  self->symptoms = g_list_store_new (BD_TYPE_SYMPTOM);
  self->guides = g_list_store_new (BD_TYPE_GUIDE);
  self->resets = g_list_store_new (BD_TYPE_RESET);
  self->checklists = g_list_store_new (BD_TYPE_CHECKLIST);
  self->explanations = g_list_store_new (BD_TYPE_EXPLANATION);
  self->symptoms_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->guides_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->checklists_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

BdPack *
_bd_pack_new (const char         *id,
              const char         *version,
              GDateTime          *published,
              const char * const *languages)
{
  BdPack *self = g_object_new (BD_TYPE_PACK, NULL);

  self->id = g_strdup (id);
  self->version = g_strdup (version);
  self->published = g_date_time_ref (published);
  self->languages = g_strdupv ((char **) languages);
  self->coverage = g_array_new (FALSE, FALSE, sizeof (BdCoverage));
  self->ios = BD_OS_VERSION_NEWEST;
  return self;
}

void
_bd_pack_set_coverage (BdPack           *self,
                       const BdCoverage *coverage,
                       guint             n_coverage)
{
  g_array_set_size (self->coverage, 0);
  g_array_append_vals (self->coverage, coverage, n_coverage);
}

/* Keeps the checked document, so the pack can be built for another view
 * without parsing or trusting the bytes again. */
void
_bd_pack_set_tree (BdPack   *self,
                   JsonNode *root,
                   gboolean  unsure,
                   int       ios)
{
  g_clear_pointer (&self->tree, json_node_unref);
  self->tree = json_node_ref (root);
  self->unsure = unsure;
  self->ios = ios;
}

/**
 * bd_pack_resolve:
 * @ios: (nullable): the iPhone's iOS version as a person gave it ("17.5",
 *   "iOS 26"); %NULL or anything else means "Not sure"
 *
 * The same pack with the words for @ios: each setting where that version
 * has it, each step as that version does it. For "Not sure", the words
 * of the newest iOS with the older ones beside them.
 *
 * Returns: (transfer full): the pack for @ios (@self when it is that)
 */
BdPack *
bd_pack_resolve (BdPack     *self,
                 const char *ios)
{
  int version = 0;
  gboolean unsure;
  BdPack *pack;

  g_return_val_if_fail (BD_IS_PACK (self), NULL);

  unsure = !bd_os_version_read (ios, &version);
  if (self->tree == NULL || (unsure && self->unsure) || (!unsure && !self->unsure && version == self->ios))
    return g_object_ref (self);
  pack = _bd_pack_build (self->tree, unsure, version);
  if (pack == NULL)
    return g_object_ref (self);
  pack->source = self->source;
  return pack;
}

/**
 * bd_pack_get_ios:
 * @version: (out) (optional): the iOS version whose words the pack shows
 *
 * Returns: %FALSE when the pack shows the words of "Not sure"
 */
gboolean
bd_pack_get_ios (BdPack *self,
                 int    *version)
{
  g_return_val_if_fail (BD_IS_PACK (self), FALSE);

  if (version != NULL)
    *version = self->ios == BD_OS_VERSION_NEWEST ? bd_pack_get_newest_ios (self) : self->ios;
  return !self->unsure;
}

/**
 * bd_pack_get_newest_ios:
 *
 * Returns: the newest iOS version every guide was checked for; the pack's
 *   own words are for it. 0 when the pack does not say.
 */
int
bd_pack_get_newest_ios (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), 0);

  for (guint i = 0; i < self->coverage->len; i++)
    if (strcmp (g_array_index (self->coverage, BdCoverage, i).platform, "iOS") == 0)
      return g_array_index (self->coverage, BdCoverage, i).to;
  return 0;
}

/**
 * bd_pack_covers_ios:
 *
 * Returns: whether every guide was checked for iOS @version, so the steps
 *   name settings where that version has them
 */
gboolean
bd_pack_covers_ios (BdPack *self,
                    int     version)
{
  g_return_val_if_fail (BD_IS_PACK (self), FALSE);

  for (guint i = 0; i < self->coverage->len; i++)
    {
      const BdCoverage *entry = &g_array_index (self->coverage, BdCoverage, i);

      /* A "to" of 26.1 covers every 26.1.x and nothing of 26.2. */
      if (strcmp (entry->platform, "iOS") == 0)
        return entry->n_guides == bd_pack_get_n_guides (self) && version >= entry->from
               && version <= entry->to;
    }
  return FALSE;
}

/**
 * bd_coverage_describe:
 * @n_guides: how many guides the pack has, to say "(2 guides)" of a
 *   platform fewer name; 0 for one guide's own
 *
 * Returns: (transfer full) (nullable): versions as a person reads them:
 *   "iOS 16 to 26.1; macOS 13 to 26.1 (2 guides)"; %NULL for none
 */
char *
bd_coverage_describe (const BdCoverage *coverage,
                      guint             n_coverage,
                      guint             n_guides)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_coverage; i++)
    {
      const BdCoverage *entry = &coverage[i];
      g_autofree char *from = bd_os_version_to_string (entry->from);
      g_autofree char *to = bd_os_version_to_string (entry->to);

      if (entry->from > entry->to)
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      if (entry->from == entry->to)
        g_string_append_printf (out, "%s %s", entry->platform, from);
      else
        /* TRANSLATORS: a range of versions, such as "iOS 16 to 26.1" */
        g_string_append_printf (out, _("%s %s to %s"), entry->platform, from, to);
      if (n_guides > 0 && entry->n_guides < n_guides)
        {
          g_string_append (out, " (");
          g_string_append_printf (out, ngettext ("%u guide", "%u guides", entry->n_guides), entry->n_guides);
          g_string_append (out, ")");
        }
    }
  if (out->len == 0)
    return (g_string_free (out, TRUE), NULL);
  return g_string_free (out, FALSE);
}

/**
 * bd_pack_describe_coverage:
 *
 * Returns: (transfer full) (nullable): what the steps were written for,
 *   per platform the versions every guide naming it covers; %NULL when
 *   the pack does not say
 */
char *
bd_pack_describe_coverage (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return bd_coverage_describe ((const BdCoverage *) self->coverage->data, self->coverage->len,
                               bd_pack_get_n_guides (self));
}

/**
 * bd_pack_describe_ios:
 *
 * Returns: (transfer full): whose words the pack shows: "iOS 17.5", or
 *   a sentence for "Not sure"
 */
char *
bd_pack_describe_ios (BdPack *self)
{
  int version = 0;
  g_autofree char *number = NULL;

  if (!bd_pack_get_ios (self, &version))
    return g_strdup (_("iOS version not known: the steps for the newest iOS, with the older words beside them"));
  if (version == 0)
    return g_strdup (_("the newest iOS"));
  number = bd_os_version_to_string (version);
  return g_strdup_printf ("iOS %s", number);
}

/**
 * bd_pack_get_coverage:
 * @n_coverage: (out): how many platforms
 *
 * Returns: (array length=n_coverage): per platform, the versions every
 *   guide naming it was checked for, and how many guides name it
 */
const BdCoverage *
bd_pack_get_coverage (BdPack *self,
                      guint  *n_coverage)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  g_return_val_if_fail (n_coverage != NULL, NULL);

  *n_coverage = self->coverage->len;
  return (const BdCoverage *) self->coverage->data;
}

/* Takes the language -> percent + 1 entries of @completeness. */
void
_bd_pack_set_completeness (BdPack     *self,
                           GHashTable *completeness)
{
  g_clear_pointer (&self->completeness, g_hash_table_unref);
  self->completeness = g_hash_table_ref (completeness);
}

/**
 * bd_pack_get_completeness:
 *
 * Returns: how much of the pack @language covers, in percent, as the pack
 *   records it (English is always 100); -1 when the pack does not say
 */
int
bd_pack_get_completeness (BdPack     *self,
                          const char *language)
{
  g_return_val_if_fail (BD_IS_PACK (self), -1);
  g_return_val_if_fail (language != NULL, -1);

  if (g_str_equal (language, "en"))
    return 100;
  if (self->completeness == NULL || !g_hash_table_contains (self->completeness, language))
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->completeness, language)) - 1;
}

void
_bd_pack_add_symptom (BdPack    *self,
                      BdSymptom *symptom)
{
  g_list_store_append (self->symptoms, symptom);
  g_hash_table_insert (self->symptoms_by_id, (gpointer) bd_symptom_get_id (symptom), symptom);
}

void
_bd_pack_add_guide (BdPack  *self,
                    BdGuide *guide)
{
  g_list_store_append (self->guides, guide);
  g_hash_table_insert (self->guides_by_id, (gpointer) bd_guide_get_id (guide), guide);
}

void
_bd_pack_add_reset (BdPack  *self,
                    BdReset *reset)
{
  g_list_store_append (self->resets, reset);
}

void
_bd_pack_add_checklist (BdPack      *self,
                        BdChecklist *checklist)
{
  g_list_store_append (self->checklists, checklist);
  g_hash_table_insert (self->checklists_by_id, (gpointer) bd_checklist_get_id (checklist), checklist);
}

void
_bd_pack_add_explanation (BdPack        *self,
                          BdExplanation *explanation)
{
  g_list_store_append (self->explanations, explanation);
}

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return (int) bd_reset_get_rank ((BdReset *) a) - (int) bd_reset_get_rank ((BdReset *) b);
}

/* The ladder is shown least disruptive first, whatever order the file
 * lists it in. */
void
_bd_pack_sort_resets (BdPack *self)
{
  g_list_store_sort (self->resets, compare_rank, NULL);
}

/**
 * bd_pack_get_bundled_bytes:
 *
 * Returns: (transfer full): the pack compiled into the program
 */
GBytes *
bd_pack_get_bundled_bytes (void)
{
  /* Naming the resource here links it in from the static library. */
  return g_resource_lookup_data (bd_core_get_resource (), BUNDLED_PATH,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/**
 * bd_pack_new_bundled:
 *
 * Loads the pack compiled into the program: the floor every newer pack
 * must beat. It is validated like any other, so a broken build fails loudly.
 */
BdPack *
bd_pack_new_bundled (GError **error)
{
  g_autoptr(GBytes) bytes = bd_pack_get_bundled_bytes ();
  BdPack *self;

  if (bytes == NULL)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND,
                   "the bundled guidance pack is missing from the resources");
      return NULL;
    }
  self = bd_pack_new_from_bytes (bytes, NULL, error);
  if (self == NULL)
    {
      g_prefix_error (error, "bundled guidance pack: ");
      return NULL;
    }
  self->source = BD_PACK_SOURCE_BUNDLED;
  return self;
}

/**
 * bd_pack_new_from_file:
 * @file: a pack on disk
 * @problems: (out) (optional) (element-type BdProblem): every problem found
 * @error: a read error, or %BD_ERROR_INVALID_PACK with the first problem
 *
 * Reads @file to its end (a pipe too) within %BD_PACK_MAX_SIZE bytes and
 * validates them.
 */
BdPack *
bd_pack_new_from_file (GFile      *file,
                       GPtrArray **problems,
                       GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  BdPack *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (problems != NULL)
    *problems = NULL;
  bytes = bd_file_read_capped (file, BD_PACK_MAX_SIZE, error);
  if (bytes == NULL)
    return NULL;
  self = bd_pack_new_from_bytes (bytes, problems, error);
  if (self != NULL)
    self->source = BD_PACK_SOURCE_FILE;
  return self;
}

const char *
bd_pack_get_id (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return self->id;
}

const char *
bd_pack_get_version (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return self->version;
}

GDateTime *
bd_pack_get_published (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return self->published;
}

const char * const *
bd_pack_get_languages (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return (const char * const *) self->languages;
}

BdPackSource
bd_pack_get_source (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), BD_PACK_SOURCE_BUNDLED);
  return self->source;
}

void
bd_pack_set_source (BdPack       *self,
                    BdPackSource  source)
{
  g_return_if_fail (BD_IS_PACK (self));
  self->source = source;
}

const char *
bd_pack_source_to_string (BdPackSource source)
{
  switch (source)
    {
    case BD_PACK_SOURCE_BUNDLED:
      return "bundled";
    case BD_PACK_SOURCE_CACHE:
      return "cache";
    case BD_PACK_SOURCE_FILE:
      return "file";
    default:
      g_return_val_if_reached (NULL);
    }
}

GListModel *
bd_pack_get_symptoms (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return G_LIST_MODEL (self->symptoms);
}

guint
bd_pack_get_n_guides (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->guides));
}

GListModel *
bd_pack_get_guides (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return G_LIST_MODEL (self->guides);
}

/**
 * bd_pack_get_resets:
 *
 * Returns: (transfer none): the reset ladder, least disruptive first
 */
GListModel *
bd_pack_get_resets (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return G_LIST_MODEL (self->resets);
}

GListModel *
bd_pack_get_checklists (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return G_LIST_MODEL (self->checklists);
}

GListModel *
bd_pack_get_explanations (BdPack *self)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  return G_LIST_MODEL (self->explanations);
}

BdSymptom *
bd_pack_lookup_symptom (BdPack     *self,
                        const char *id)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->symptoms_by_id, id);
}

BdGuide *
bd_pack_lookup_guide (BdPack     *self,
                      const char *id)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->guides_by_id, id);
}

BdChecklist *
bd_pack_lookup_checklist (BdPack     *self,
                          const char *id)
{
  g_return_val_if_fail (BD_IS_PACK (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->checklists_by_id, id);
}
