/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-entry-limit"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-entry-limit.h"

/*
 * A field takes no more than the case keeps (a label, a ticket: 200
 * characters), so what it shows is what is saved; near the limit it says
 * how far it is, instead of turning red without a word.
 */

#define SHOW_FROM 0.9

static void
update_count (GtkEditable *row,
              GParamSpec  *pspec,
              GtkLabel    *count)
{
  guint max = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (count), "max"));
  glong length = g_utf8_strlen (gtk_editable_get_text (row), -1);
  g_autofree char *words = NULL;

  gtk_widget_set_visible (GTK_WIDGET (count), length >= (glong) (max * SHOW_FROM));
  /* TRANSLATORS: how much of a field's limit is used, e.g. "195/200" */
  words = g_strdup_printf (_("%ld/%u"), length, max);
  gtk_label_set_text (count, words);
  if (length >= (glong) max)
    {
      g_autofree char *spoken = g_strdup_printf (ngettext ("At most %u character", "At most %u characters", max), max);
      gtk_accessible_update_property (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
    }
}

/**
 * bd_entry_row_limit:
 * @max_chars: the most characters the value may have
 *
 * Keeps @row's text within @max_chars (typed or pasted text stops there)
 * and shows "195/200" at its end once the text comes near it.
 */
void
bd_entry_row_limit (AdwEntryRow *row,
                    guint        max_chars)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  GtkWidget *count = gtk_label_new (NULL);

  if (GTK_IS_TEXT (delegate))
    gtk_text_set_max_length (GTK_TEXT (delegate), (int) max_chars);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_widget_add_css_class (count, "numeric");
  g_object_set_data (G_OBJECT (count), "max", GUINT_TO_POINTER (max_chars));
  adw_entry_row_add_suffix (row, count);
  g_signal_connect_object (row, "notify::text", G_CALLBACK (update_count), count, 0);
  update_count (GTK_EDITABLE (row), NULL, GTK_LABEL (count));
}
