/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-bench-store"

#include <glib/gstdio.h>

#include "bd-case-store-private.h"
#include "bench-store.h"

/*
 * The cases bench-cases times and bench-startup starts the app on: varied
 * the way a help desk's are, from a fixed seed so every run builds the
 * same ones, with what search should find worked out beside them.
 */

#define SEED 20260314
#define DAY_US (G_USEC_PER_SEC * (gint64) 86400)

const char * const bench_store_first_names[] = {
  "Jane", "Janet", "Jan", "Mohammed", "Zoë", "José", "Chloé", "Siobhán", "Björn", "Aoife",
  "Priya", "Wei", "Fatima", "Olga", "Tom", "Tomás", "Lukas", "Amara", "Kenji", "Ingrid",
  "Mateo", "Noor", "Ravi", "Sofia", "Émile", "Hannah", "Dmitri", "Grace", "Óscar", "Yusuf",
  "Leila", "Marco", "Nadia", "Pedro", "Ruth", "Sven", "Kwame", "Mei",
};

const char * const bench_store_sentences[] = {
  "Called back the next day; the badge had cleared.",
  "Reads mail on a Windows laptop at work.",
  "Badge came back after the iOS update.",
  "Prefers a call in the afternoon.",
  "Second call this week about the same badge.",
  "Sent the five-minute checklist by email.",
  "Tried the safe resets up to Reset All Settings.",
  "Works at a school; the phone is managed by IT.",
  "Her daughter set the phone up, not sure of the Apple ID.",
  "Escalated to the carrier after no change.",
  "The Mac is on an older macOS.",
  "WhatsApp Desktop is open all day on the office PC.",
};

static const char * const variants[] = { "", " mini", " Pro", " Pro Max", " Plus" };

/* Anything the programs under test left there, too. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (g_remove (file) != 0)
        remove_tree (file);
    }
  g_rmdir (path);
}

/* --- words as the search index holds them --------------------------- */

/* @text as the search index sees it: lower case, no diacritics, words
 * split at anything that is not a letter or digit. */
static void
append_folded (GString    *out,
               const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);

  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  if (out->len > 0 && out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
}

char *
bench_store_fold (const char *text)
{
  GString *out = g_string_new (" ");

  append_folded (out, text);
  return g_string_free (out, FALSE);
}

/* --- varied, realistic cases ----------------------------------------- */

#define PICK(r, list) ((list)[g_rand_int_range ((r), 0, G_N_ELEMENTS (list))])

static gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

static void
set_people (BenchStore *b,
            BdCase     *kase,
            guint       i)
{
  g_autofree char *label = g_strdup_printf ("%s %c.", PICK (b->rand, bench_store_first_names),
                                            'A' + g_rand_int_range (b->rand, 0, 26));

  bd_case_set_label (kase, label);
  if (chance (b->rand, 0.85))
    {
      g_autofree char *ticket = g_strdup_printf ("T-%u", BENCH_STORE_FIRST_TICKET + i);
      bd_case_set_ticket (kase, ticket);
      b->ticket = BENCH_STORE_FIRST_TICKET + i;
    }
  if (chance (b->rand, 0.4))
    bd_case_set_notes (kase, PICK (b->rand, bench_store_sentences));
}

static char *
random_model (GRand *rand)
{
  int generation = g_rand_int_range (rand, 12, 17);
  const char *variant = PICK (rand, variants);

  /* The mini stopped at 13; the Plus started at 14. */
  if (generation > 13 && g_str_equal (variant, " mini"))
    variant = " Plus";
  else if (generation < 14 && g_str_equal (variant, " Plus"))
    variant = " mini";
  return g_strdup_printf ("iPhone %d%s", generation, variant);
}

static char *
random_ios (GRand *rand)
{
  int minor = g_rand_int_range (rand, 0, 5);

  if (chance (rand, 0.2))
    return g_strdup_printf ("26.%d.%d", minor, g_rand_int_range (rand, 1, 3));
  return g_strdup_printf ("26.%d", minor);
}

static void
set_device (BenchStore *b,
            BdCase     *kase)
{
  BdDevice devices = BD_DEVICE_NONE;
  BdApp apps = 0;

  if (chance (b->rand, 0.95))
    {
      g_autofree char *model = random_model (b->rand);
      g_autofree char *ios = random_ios (b->rand);
      bd_case_set_model (kase, model);
      bd_case_set_ios (kase, ios);
    }
  devices |= chance (b->rand, 0.3) ? BD_DEVICE_IPAD : 0;
  devices |= chance (b->rand, 0.35) ? BD_DEVICE_MAC : 0;
  apps |= chance (b->rand, 0.6) ? BD_APP_MESSAGES : 0;
  apps |= chance (b->rand, 0.35) ? BD_APP_WHATSAPP : 0;
  apps |= chance (b->rand, 0.2) ? BD_APP_TEAMS : 0;
  apps |= chance (b->rand, 0.25) ? BD_APP_GMAIL : 0;
  bd_case_set_other_devices (kase, devices);
  bd_case_set_apps (kase, apps);
}

static BdSymptom *
add_symptoms (BenchStore *b,
              BdCase     *kase)
{
  GListModel *symptoms = bd_pack_get_symptoms (b->pack);
  guint n = g_list_model_get_n_items (symptoms);
  g_autoptr(BdSymptom) first = g_list_model_get_item (symptoms, g_rand_int_range (b->rand, 0, n));
  g_autoptr(BdSymptom) second = g_list_model_get_item (symptoms, g_rand_int_range (b->rand, 0, n));

  bd_case_add_symptom (kase, bd_symptom_get_id (first), bd_text_get (bd_symptom_get_text (first)));
  if (second != first && chance (b->rand, 0.3))
    bd_case_add_symptom (kase, bd_symptom_get_id (second),
                         bd_text_get (bd_symptom_get_text (second)));
  return first; /* the pack holds it */
}

static BdStepState
random_state (GRand *rand)
{
  double p = g_rand_double (rand);

  return p < 0.85 ? BD_STEP_STATE_DONE : p < 0.95 ? BD_STEP_STATE_SKIPPED : BD_STEP_STATE_NA;
}

/* Up to @n steps of the symptom's plan, in order, a minute apart; returns
 * the guide of the last one. */
static const char *
add_steps (BenchStore *b,
           BdCase     *kase,
           BdSymptom  *symptom,
           guint       n)
{
  const char * const *plan = bd_symptom_get_plan (symptom);
  gint64 time = bd_case_get_created (kase);
  const char *last = NULL;
  guint added = 0;

  for (guint g = 0; plan != NULL && plan[g] != NULL && added < n; g++)
    {
      BdGuide *guide = bd_pack_lookup_guide (b->pack, plan[g]);

      guint n_steps = guide != NULL ? bd_guide_get_n_steps (guide) : 0;

      for (guint s = 0; s < n_steps && added < n; s++, added++)
        {
          BdStep *step = bd_guide_get_step (guide, s);
          BdDevice device = bd_step_get_per_device (step) ? BD_DEVICE_IPHONE : BD_DEVICE_NONE;

          time += 60 * G_USEC_PER_SEC;
          bd_case_add_step (kase, plan[g], bd_step_get_id (step),
                            bd_text_get (bd_step_get_text (step)), device,
                            random_state (b->rand), time);
          last = plan[g];
        }
    }
  return last;
}

static BdCaseStatus
random_status (GRand *rand)
{
  double p = g_rand_double (rand);

  return p < 0.55 ? BD_CASE_STATUS_OPEN : p < 0.9 ? BD_CASE_STATUS_RESOLVED
                                                  : BD_CASE_STATUS_ESCALATED;
}

static void
set_progress (BenchStore *b,
              BdCase     *kase,
              BdSymptom  *symptom)
{
  guint n_steps = chance (b->rand, 0.3) ? 0 : g_rand_int_range (b->rand, 1, 13);
  const char *guide = add_steps (b, kase, symptom, n_steps);
  BdCaseStatus status = guide != NULL ? random_status (b->rand) : BD_CASE_STATUS_OPEN;
  gint64 end = bd_case_get_created (kase) + (n_steps + 1) * 60 * G_USEC_PER_SEC;

  if (status == BD_CASE_STATUS_RESOLVED)
    {
      bd_case_add_outcome (kase, guide, BD_OUTCOME_CLEARED, end);
      bd_case_set_resolved_by (kase, guide);
    }
  else if (guide != NULL && chance (b->rand, 0.4))
    bd_case_add_outcome (kase, guide, BD_OUTCOME_NOT_CLEARED, end);
  bd_case_set_status (kase, status);
}

/* Created some time in the last year, last touched up to a fortnight later. */
static void
set_times (BenchStore *b,
           BdCase     *kase)
{
  gint64 now = g_get_real_time ();
  gint64 created = now - (gint64) (g_rand_double (b->rand) * 365 * DAY_US);
  gint64 updated = created + (gint64) (g_rand_double (b->rand) * 14 * DAY_US);

  bd_case_set_times (kase, created, MIN (updated, now));
}

/* What the search index holds for @kase, as append_folded() sees it. */
static char *
searchable_words (BdCase *kase)
{
  GString *out = g_string_new (" ");
  GPtrArray *symptoms = bd_case_get_symptoms (kase);
  const char * const apps[] = { "Messages", "WhatsApp", "Teams", "Gmail" };

  append_folded (out, bd_case_get_label (kase));
  append_folded (out, bd_case_get_ticket (kase));
  append_folded (out, bd_case_get_notes (kase));
  append_folded (out, bd_case_get_model (kase));
  append_folded (out, bd_case_get_ios (kase));
  append_folded (out, (bd_case_get_other_devices (kase) & BD_DEVICE_IPAD) ? "iPad" : "");
  append_folded (out, (bd_case_get_other_devices (kase) & BD_DEVICE_MAC) ? "Mac" : "");
  for (guint i = 0; i < G_N_ELEMENTS (apps); i++)
    append_folded (out, (bd_case_get_apps (kase) & (1 << i)) ? apps[i] : "");
  for (guint i = 0; i < symptoms->len; i++)
    append_folded (out, ((BdCaseSymptom *) g_ptr_array_index (symptoms, i))->text);
  return g_string_free (out, FALSE);
}

BdCase *
bench_store_new_case (BenchStore *b,
                      guint       i)
{
  g_autoptr(BdCase) kase = bd_case_new (bd_pack_get_id (b->pack), bd_pack_get_version (b->pack));
  BdSymptom *symptom;
  BdCaseStatus status;

  set_times (b, kase);
  set_people (b, kase, i);
  set_device (b, kase);
  symptom = add_symptoms (b, kase);
  set_progress (b, kase, symptom);
  status = bd_case_get_status (kase);
  g_ptr_array_add (b->words, searchable_words (kase));
  g_array_append_val (b->statuses, status);
  return g_steal_pointer (&kase);
}

/* --- the store ------------------------------------------------------ */

gboolean
bench_store_set_synchronous (BenchStore  *b,
                             const char  *mode,
                             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA synchronous = %s", mode);
  char *message = NULL;

  if (sqlite3_exec (_bd_case_store_get_db (b->store), sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, BD_ERROR, BD_ERROR_STORE, "%s: %s", sql, message ? message : "error");
  sqlite3_free (message);
  return FALSE;
}


/**
 * bench_store_setup:
 * @tmpl: the name of the temporary directory, as g_dir_make_tmp() takes it
 * @db_name: the store's path inside it, such as "cases.db"
 *
 * Makes the directory and an empty store in it; b->n_cases is the caller's.
 */
gboolean
bench_store_setup (BenchStore  *b,
                   const char  *tmpl,
                   const char  *db_name,
                   GError     **error)
{
  g_autofree char *path = NULL;

  b->dir = g_dir_make_tmp (tmpl, error);
  if (b->dir == NULL)
    return FALSE;
  path = g_build_filename (b->dir, db_name, NULL);
  b->store = bd_case_store_new (path, error);
  if (b->store == NULL)
    return FALSE;
  b->pack = bd_pack_new_bundled (error);
  if (b->pack == NULL)
    return FALSE;
  b->rand = g_rand_new_with_seed (SEED);
  b->words = g_ptr_array_new_with_free_func (g_free);
  b->statuses = g_array_new (FALSE, FALSE, sizeof (BdCaseStatus));
  return TRUE;
}

/* Closes the store and keeps its files, for another process to open. */
void
bench_store_close (BenchStore *b)
{
  g_clear_object (&b->store);
}

void
bench_store_clear (BenchStore *b)
{
  /* The store first: it must be closed before its files go. */
  bench_store_close (b);
  if (b->dir != NULL)
    remove_tree (b->dir);
  g_clear_pointer (&b->dir, g_free);
  g_clear_object (&b->pack);
  g_clear_pointer (&b->rand, g_rand_free);
  g_clear_pointer (&b->words, g_ptr_array_unref);
  g_clear_pointer (&b->statuses, g_array_unref);
}
