/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-report"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-report-private.h"

/*
 * The report as plain text that fits 80 columns, for a support chat or an
 * e-mail, and as one self-contained HTML file with print styles.
 */

#define COLUMNS 80
#define MAX_LABEL_COLUMNS 22

static guint
columns_of (const char *text,
            const char *end)
{
  guint n = 0;

  for (const char *p = text; p < end && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iszerowidth (c))
        continue;
      n += g_unichar_iswide (c) ? 2 : 1;
    }
  return n;
}

/* Breaks one line of @text into lines of at most @width columns, at spaces
 * where it can and inside a word only when the word alone is too long. */
static void
wrap_line (GPtrArray  *lines,
           const char *text,
           guint       width)
{
  const char *start = text;

  while (*start != '\0')
    {
      const char *p = start, *last_space = NULL;
      guint used = 0;

      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
          if (used + w > width)
            break;
          if (c == ' ')
            last_space = p;
          used += w;
          p = g_utf8_next_char (p);
        }
      if (*p != '\0' && last_space != NULL && last_space > start)
        p = last_space;
      if (p == start)
        p = g_utf8_next_char (p);
      g_ptr_array_add (lines, g_strndup (start, p - start));
      start = p;
      while (*start == ' ')
        start++;
    }
}

static GPtrArray *
wrap (const char *text,
      guint       width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_strchomp (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        g_ptr_array_add (lines, g_strdup (""));
      else
        wrap_line (lines, paragraphs[i], width);
    }
  return lines;
}

/* @text wrapped to what is left of the line after @indent columns; the
 * first line continues @out where it is, the others are indented. */
static void
append_hanging (GString    *out,
                const char *text,
                guint       indent)
{
  g_autoptr(GPtrArray) lines = wrap (text, COLUMNS - indent);

  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0)
        g_string_append_printf (out, "%*s", (int) indent, "");
      g_string_append (out, g_ptr_array_index (lines, i));
      g_string_append_c (out, '\n');
    }
}

static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  guint used = columns_of (text, text + strlen (text));

  g_string_append (out, text);
  for (; used < width; used++)
    g_string_append_c (out, ' ');
}

static void
append_underlined (GString    *out,
                   const char *text,
                   char        rule)
{
  guint n = columns_of (text, text + strlen (text));

  append_hanging (out, text, 0);
  for (guint i = 0; i < MIN (n, COLUMNS); i++)
    g_string_append_c (out, rule);
  g_string_append_c (out, '\n');
}

/* The widest label of the blocks of @kind, so the values line up. */
static guint
label_columns (GPtrArray         *blocks,
               BdReportBlockKind  kind)
{
  guint widest = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      const BdReportBlock *block = g_ptr_array_index (blocks, i);
      if (block->kind == kind && block->label != NULL)
        widest = MAX (widest, columns_of (block->label, block->label + strlen (block->label)) + 1);
    }
  return MIN (widest, MAX_LABEL_COLUMNS) + 1;
}

static void
append_text_block (GString             *out,
                   const BdReportBlock *block,
                   guint                field_columns,
                   guint                entry_columns)
{
  g_autofree char *label = NULL;

  switch (block->kind)
    {
    case BD_REPORT_BLOCK_TITLE:
      append_underlined (out, block->text, '=');
      break;
    case BD_REPORT_BLOCK_HEADING:
      g_string_append_c (out, '\n');
      append_underlined (out, block->text, '-');
      break;
    case BD_REPORT_BLOCK_SUBHEADING:
      g_string_append_c (out, '\n');
      label = block->aside != NULL ? g_strdup_printf ("%s — %s", block->text, block->aside)
                                   : g_strdup (block->text);
      append_hanging (out, label, 0);
      if (block->second != NULL)
        {
          g_autofree char *second = g_strdup_printf ("(%s)", block->second);
          append_hanging (out, second, 0);
        }
      break;
    case BD_REPORT_BLOCK_FIELD:
      label = *block->label != '\0' ? g_strdup_printf ("%s:", block->label) : g_strdup ("");
      if (columns_of (label, label + strlen (label)) >= field_columns)
        {
          append_hanging (out, label, 0);
          g_string_append_printf (out, "%*s", (int) field_columns, "");
        }
      else
        append_padded (out, label, field_columns);
      append_hanging (out, block->text, field_columns);
      break;
    case BD_REPORT_BLOCK_ENTRY:
      g_string_append (out, "  ");
      append_padded (out, block->label, entry_columns);
      append_hanging (out, block->text, entry_columns + 2);
      if (block->second != NULL)
        {
          g_autofree char *second = g_strdup_printf ("(%s)", block->second);
          g_string_append_printf (out, "%*s", (int) entry_columns + 2, "");
          append_hanging (out, second, entry_columns + 2);
        }
      if (block->aside != NULL)
        {
          g_autofree char *aside = g_strdup_printf ("→ %s", block->aside);
          g_string_append_printf (out, "%*s", (int) entry_columns + 2, "");
          append_hanging (out, aside, entry_columns + 2);
        }
      break;
    case BD_REPORT_BLOCK_ITEM:
      label = block->aside != NULL ? g_strdup_printf ("%s (%s)", block->text, block->aside)
                                   : g_strdup (block->text);
      g_string_append (out, "- ");
      append_hanging (out, label, 2);
      break;
    case BD_REPORT_BLOCK_PARAGRAPH:
    default:
      append_hanging (out, block->text, 0);
      break;
    }
}

/**
 * bd_report_to_text:
 *
 * Returns: (transfer full): the report in lines of at most 80 columns
 */
char *
bd_report_to_text (BdReport *self)
{
  GString *out = g_string_new (NULL);
  guint field_columns, entry_columns;

  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  field_columns = label_columns (self->blocks, BD_REPORT_BLOCK_FIELD);
  entry_columns = label_columns (self->blocks, BD_REPORT_BLOCK_ENTRY);
  for (guint i = 0; i < self->blocks->len; i++)
    append_text_block (out, g_ptr_array_index (self->blocks, i), field_columns, entry_columns);
  return g_string_free (out, FALSE);
}

/* --- HTML -------------------------------------------------------------- */

static const char html_style[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;color:#111;background:#fff;"
  "max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45}"
  "h1{font-size:1.6em;margin:0 0 .6em}"
  "h2{font-size:1.2em;border-bottom:1px solid #888;margin:1.6em 0 .5em;padding-bottom:.2em}"
  "h3{font-size:1em;margin:1.2em 0 .3em}"
  "h3 .aside{font-weight:normal;color:#444}"
  ".second{font-style:italic;color:#444}"
  "table{border-collapse:collapse;width:100%}"
  "th,td{text-align:left;vertical-align:top;padding:.15em .8em .15em 0}"
  "th{font-weight:600;white-space:nowrap;width:12em}"
  "td.time{white-space:nowrap;width:8em;color:#444}"
  "td.aside{white-space:nowrap;color:#444}"
  "p.text{white-space:pre-wrap}"
  "li .aside{color:#444}"
  "@media print{body{margin:0;max-width:none;font-size:10.5pt}"
  "h2,h3{break-after:avoid}tr,li{break-inside:avoid}a{color:inherit}}";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

static void
append_element (GString    *out,
                const char *open,
                const char *text,
                const char *close)
{
  g_string_append (out, open);
  append_escaped (out, text);
  g_string_append (out, close);
}

static void
append_html_block (GString             *out,
                   const BdReportBlock *block)
{
  switch (block->kind)
    {
    case BD_REPORT_BLOCK_TITLE:
      append_element (out, "<h1>", block->text, "</h1>\n");
      break;
    case BD_REPORT_BLOCK_HEADING:
      append_element (out, "<h2>", block->text, "</h2>\n");
      break;
    case BD_REPORT_BLOCK_SUBHEADING:
      append_element (out, "<h3>", block->text, "");
      if (block->aside != NULL)
        append_element (out, " <span class=\"aside\">— ", block->aside, "</span>");
      g_string_append (out, "</h3>\n");
      if (block->second != NULL)
        append_element (out, "<p class=\"second\">", block->second, "</p>\n");
      break;
    case BD_REPORT_BLOCK_FIELD:
      append_element (out, "<tr><th>", block->label, "</th>");
      append_element (out, "<td>", block->text, "</td></tr>\n");
      break;
    case BD_REPORT_BLOCK_ENTRY:
      append_element (out, "<tr><td class=\"time\">", block->label, "</td><td>");
      append_escaped (out, block->text);
      if (block->second != NULL)
        append_element (out, "<br><span class=\"second\">", block->second, "</span>");
      append_element (out, "</td><td class=\"aside\">", block->aside, "</td></tr>\n");
      break;
    case BD_REPORT_BLOCK_ITEM:
      append_element (out, "<li>", block->text, "");
      if (block->aside != NULL)
        append_element (out, " <span class=\"aside\">(", block->aside, ")</span>");
      g_string_append (out, "</li>\n");
      break;
    case BD_REPORT_BLOCK_PARAGRAPH:
    default:
      append_element (out, "<p class=\"text\">", block->text, "</p>\n");
      break;
    }
}

/* Runs of fields and entries share one table, runs of items one list. */
static const char *
group_tag (BdReportBlockKind kind)
{
  switch (kind)
    {
    case BD_REPORT_BLOCK_FIELD:
    case BD_REPORT_BLOCK_ENTRY:
      return "table";
    case BD_REPORT_BLOCK_ITEM:
      return "ul";
    default:
      return NULL;
    }
}

static void
switch_group (GString           *out,
              int               *open_kind,
              BdReportBlockKind  kind)
{
  const char *tag;

  if (*open_kind == (int) kind)
    return;
  if (*open_kind >= 0)
    g_string_append_printf (out, "</%s>\n", group_tag (*open_kind));
  tag = group_tag (kind);
  *open_kind = tag != NULL ? (int) kind : -1;
  if (tag != NULL)
    g_string_append_printf (out, "<%s>\n", tag);
}

/**
 * bd_report_to_html:
 *
 * Returns: (transfer full): one self-contained HTML document; everything
 *   that came from the case is escaped
 */
char *
bd_report_to_html (BdReport *self)
{
  GString *out = g_string_new ("<!DOCTYPE html>\n");
  int open_kind = -1;

  g_return_val_if_fail (BD_IS_REPORT (self), NULL);

  append_element (out, "<html lang=\"", self->language, "\">\n<head>\n<meta charset=\"utf-8\">\n");
  g_string_append (out, "<meta name=\"generator\" content=\"Badge Doctor " PACKAGE_VERSION "\">\n");
  append_element (out, "<title>", self->running_head, "</title>\n");
  g_string_append_printf (out, "<style>%s</style>\n</head>\n<body>\n", html_style);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const BdReportBlock *block = g_ptr_array_index (self->blocks, i);
      switch_group (out, &open_kind, block->kind);
      append_html_block (out, block);
    }
  switch_group (out, &open_kind, BD_REPORT_BLOCK_PARAGRAPH);
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
