/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-pack-diff"

#include "bd-pack-diff.h"

/* What an update changed, for "What's new": guides added, and guides whose
 * words or steps changed. Removed guides are not listed: nobody can open
 * them any more, and cases keep the words they saw. */

static void
change_free (BdGuideChange *change)
{
  g_free (change->id);
  g_free (change->title);
  g_free (change);
}

static void
append_text (GString *out,
             BdText  *text)
{
  g_auto(GStrv) languages = NULL;

  g_string_append_c (out, '\x1e');
  if (text == NULL)
    return;
  /* Every language: a new translation is a change too. */
  languages = bd_text_list_languages (text);
  for (guint i = 0; languages[i] != NULL; i++)
    g_string_append_printf (out, "%s=%s\x1f", languages[i], bd_text_lookup (text, languages[i]));
}

/* Everything a person reads in @guide, as one string to compare. */
static char *
guide_words (BdGuide *guide)
{
  GString *out = g_string_new (bd_guide_kind_to_string (bd_guide_get_kind (guide)));

  append_text (out, bd_guide_get_title (guide));
  append_text (out, bd_guide_get_summary (guide));
  for (guint i = 0; i < bd_guide_get_n_steps (guide); i++)
    {
      BdStep *step = bd_guide_get_step (guide, i);
      g_string_append_printf (out, "\x1d%s:%u:%d", bd_step_get_id (step), bd_step_get_wait_seconds (step),
                              bd_step_get_per_device (step));
      append_text (out, bd_step_get_text (step));
      append_text (out, bd_step_get_expect (step));
      append_text (out, bd_step_get_caution (step));
    }
  return g_string_free (out, FALSE);
}

/**
 * bd_pack_diff_guides:
 *
 * Returns: (transfer full) (element-type BdGuideChange): the guides of
 *   @newer that @older lacks or words differently, in @newer's order
 */
GPtrArray *
bd_pack_diff_guides (BdPack *older,
                     BdPack *newer)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  GListModel *guides;

  g_return_val_if_fail (BD_IS_PACK (older) && BD_IS_PACK (newer), changes);

  guides = bd_pack_get_guides (newer);
  for (guint i = 0; i < g_list_model_get_n_items (guides); i++)
    {
      g_autoptr(BdGuide) guide = g_list_model_get_item (guides, i);
      BdGuide *before = bd_pack_lookup_guide (older, bd_guide_get_id (guide));
      g_autofree char *now_words = guide_words (guide);
      g_autofree char *then_words = before != NULL ? guide_words (before) : NULL;
      BdGuideChange *change;

      if (g_strcmp0 (now_words, then_words) == 0)
        continue;
      change = g_new0 (BdGuideChange, 1);
      change->id = g_strdup (bd_guide_get_id (guide));
      change->title = g_strdup (bd_text_get (bd_guide_get_title (guide)));
      change->added = before == NULL;
      g_ptr_array_add (changes, change);
    }
  return changes;
}
