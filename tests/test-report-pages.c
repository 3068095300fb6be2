/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-pages"

#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "bd-error.h"
#include "bd-report-pages.h"

/* The PDF's margin, as bd-report-pages.c has it, for laying the same
 * blocks out again and counting the pages. */
#define MARGIN 56.693

#define RUNNING_HEAD "Badge Doctor · Messages badge stuck · 2024-03-05"

/* Words for filling entries to two or three lines. */
static const char *const filler[] = {
  "the", "Messages", "badge", "stayed", "on", "the", "icon", "after", "every",
  "thread", "was", "read", "and", "the", "phone", "restarted", "twice",
};

static void
block_free (gpointer data)
{
  BdReportBlock *block = data;

  g_free (block->label);
  g_free (block->text);
  g_free (block->aside);
  g_free (block->second);
  g_free (block);
}

static GPtrArray *
blocks_new (void)
{
  return g_ptr_array_new_with_free_func (block_free);
}

static void
add_block (GPtrArray         *blocks,
           BdReportBlockKind  kind,
           const char        *label,
           const char        *text,
           const char        *aside,
           const char        *second)
{
  BdReportBlock *block = g_new0 (BdReportBlock, 1);

  block->kind = kind;
  block->label = g_strdup (label);
  block->text = g_strdup (text);
  block->aside = g_strdup (aside);
  block->second = g_strdup (second);
  g_ptr_array_add (blocks, block);
}

static GBytes *
render (GPtrArray     *blocks,
        BdReportPaper  paper)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf = bd_report_pages_render_pdf (blocks, RUNNING_HEAD, paper, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  return pdf;
}

static char *
find_tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_error ("%s is not installed: these tests read the PDF with poppler-utils", name);
  return path;
}

/* Runs a poppler tool on @pdf: @tool FILE, or @tool @option FILE -. */
static char *
run_tool (const char *tool,
          const char *option,
          GBytes     *pdf)
{
  g_autofree char *program = find_tool (tool);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  int fd;

  fd = g_file_open_tmp ("test-report-pages-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  {
    const char *with_option[] = { program, option, path, "-", NULL };
    const char *bare[] = { program, path, NULL };

    g_spawn_sync (NULL, (char **) (option != NULL ? with_option : bare), NULL,
                  G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return g_steal_pointer (&out);
}

static char *
pdf_text (GBytes *pdf)
{
  return run_tool ("pdftotext", "-layout", pdf);
}

/* One string per page, as a person reading that page sees it. */
static GStrv
pdf_pages (GBytes *pdf)
{
  g_autofree char *text = pdf_text (pdf);
  GStrv pages = g_strsplit (text, "\f", -1);
  guint n = g_strv_length (pages);

  /* pdftotext ends every page with a form feed */
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (pages[n - 1], ==, "");
  g_clear_pointer (&pages[n - 1], g_free);
  return pages;
}

/* The value pdfinfo gives for @key, e.g. "Pages". */
static char *
pdf_info (GBytes     *pdf,
          const char *key)
{
  g_autofree char *info = run_tool ("pdfinfo", NULL, pdf);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  g_error ("pdfinfo says nothing of %s:\n%s", key, info);
}

static guint
pdf_n_pages (GBytes *pdf)
{
  g_autofree char *pages = pdf_info (pdf, "Pages");

  return (guint) g_ascii_strtoull (pages, NULL, 10);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* The pages as a print preview would count them: laid out again with a
 * context measuring like the PDF's. */
static guint
count_pages (GPtrArray *blocks,
             double     width,
             double     height)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(BdReportPages) pages = NULL;

  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  pages = bd_report_pages_new (blocks, RUNNING_HEAD, context, width - 2 * MARGIN,
                               height - 2 * MARGIN);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return bd_report_pages_get_n_pages (pages);
}

/* The line of @text holding @needle. */
static char *
line_with (const char *text,
           const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  g_error ("no line holds “%s” in:\n%s", needle, text);
}

static GPtrArray *
short_report (void)
{
  GPtrArray *blocks = blocks_new ();

  add_block (blocks, BD_REPORT_BLOCK_TITLE, NULL, "Badge Doctor report", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_FIELD, "Case", "Messages badge stuck at 3", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_FIELD, "iOS", "17.4", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_FIELD, "Messages in iCloud", "On", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_HEADING, NULL, "What was tried", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_SUBHEADING, NULL, "Clear a stuck Messages badge", "Cleared",
             "Effacer une pastille Messages bloquée");
  add_block (blocks, BD_REPORT_BLOCK_ENTRY, "09:14", "Restart the iPhone", "Done · iPhone",
             "Redémarrer l’iPhone");
  add_block (blocks, BD_REPORT_BLOCK_ITEM, NULL, "Turn off Focus", "Skipped", NULL);
  add_block (blocks, BD_REPORT_BLOCK_PARAGRAPH, NULL, "The badge went away after the restart.\n"
             "It has not come back.", NULL, NULL);
  return blocks;
}

static void
test_short (void)
{
  g_autoptr(GPtrArray) blocks = short_report ();
  g_autoptr(GBytes) pdf = render (blocks, BD_REPORT_PAPER_A4);
  g_autofree char *text = pdf_text (pdf);
  g_autofree char *title = pdf_info (pdf, "Title");
  g_autofree char *creator = pdf_info (pdf, "Creator");
  g_autofree char *case_line = line_with (text, "Messages badge stuck at 3");
  g_autofree char *entry_line = line_with (text, "Restart the iPhone");

  g_assert_cmpuint (pdf_n_pages (pdf), ==, 1);
  g_assert_cmpuint (count (text, "\f"), ==, 1);
  g_assert_cmpstr (title, ==, "Badge Doctor report");
  g_assert_cmpstr (creator, ==, "Badge Doctor");
  g_assert_nonnull (strstr (text, RUNNING_HEAD));
  g_assert_nonnull (strstr (text, "Badge Doctor report"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
  /* a field's label sits beside its value */
  g_assert_nonnull (strstr (case_line, "Case"));
  g_assert_nonnull (strstr (text, "Messages in iCloud"));
  g_assert_nonnull (strstr (entry_line, "09:14"));
  g_assert_nonnull (strstr (entry_line, "Done · iPhone"));
  g_assert_nonnull (strstr (text, "Redémarrer l’iPhone"));
  g_assert_nonnull (strstr (text, "Effacer une pastille Messages bloquée"));
  g_assert_nonnull (strstr (text, "• Turn off Focus — Skipped"));
  g_assert_nonnull (strstr (text, "It has not come back."));
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) blocks = blocks_new ();
  g_autoptr(GBytes) pdf = render (blocks, BD_REPORT_PAPER_A4);
  g_autofree char *text = pdf_text (pdf);

  g_assert_cmpuint (pdf_n_pages (pdf), ==, 1);
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
}

static void
test_paper (void)
{
  g_autoptr(GPtrArray) blocks = short_report ();
  g_autoptr(GBytes) a4 = render (blocks, BD_REPORT_PAPER_A4);
  g_autoptr(GBytes) letter = render (blocks, BD_REPORT_PAPER_LETTER);
  g_autofree char *a4_size = pdf_info (a4, "Page size");
  g_autofree char *letter_size = pdf_info (letter, "Page size");

  g_assert_cmpstr (a4_size, ==, "595.276 x 841.89 pts (A4)");
  g_assert_cmpstr (letter_size, ==, "612 x 792 pts (letter)");
}

static void
test_bad_paper (void)
{
  g_autoptr(GPtrArray) blocks = short_report ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = bd_report_pages_render_pdf (blocks, NULL, (BdReportPaper) 42, &error);

  g_assert_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT);
  g_assert_null (pdf);
}

/* "entry007begin the Messages badge … entry007end": two or three lines
 * in the entry's column, with a mark at each end. */
static char *
entry_text (guint i)
{
  GString *text = g_string_new (NULL);
  guint n_words = 12 + (i * 7) % 12;

  g_string_append_printf (text, "entry%03ubegin", i);
  for (guint w = 0; w < n_words; w++)
    g_string_append_printf (text, " %s", filler[(i + w) % G_N_ELEMENTS (filler)]);
  g_string_append_printf (text, " entry%03uend", i);
  return g_string_free (text, FALSE);
}

static GPtrArray *
long_report (void)
{
  GPtrArray *blocks = blocks_new ();

  add_block (blocks, BD_REPORT_BLOCK_TITLE, NULL, "A long case", NULL, NULL);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *text = entry_text (i);
      g_autofree char *time = g_strdup_printf ("%02u:%02u", 9 + i / 60, i % 60);
      g_autofree char *second = g_strdup_printf ("Étape %u", i);

      if (i % 23 == 5)
        {
          g_autofree char *heading = g_strdup_printf ("Section %u", i);

          add_block (blocks, BD_REPORT_BLOCK_HEADING, NULL, heading, NULL, NULL);
        }
      add_block (blocks, BD_REPORT_BLOCK_ENTRY, time, text, i % 3 ? "Done · iPhone" : NULL,
                 i % 4 ? NULL : second);
    }
  return blocks;
}

/* The last line of a page above its page number. */
static char *
last_line (const char *page)
{
  g_auto(GStrv) lines = g_strsplit (page, "\n", -1);
  guint n = g_strv_length (lines);
  gboolean seen_number = FALSE;

  for (guint i = n; i-- > 0;)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (!seen_number)
        {
          g_assert_true (g_str_has_prefix (lines[i], "Page "));
          seen_number = TRUE;
          continue;
        }
      return g_strdup (lines[i]);
    }
  g_error ("an empty page:\n%s", page);
}

static void
check_entries (GStrv pages)
{
  g_autofree char *all = g_strjoinv ("\f", pages);
  const char *previous = all;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *begin = g_strdup_printf ("entry%03ubegin", i);
      g_autofree char *end = g_strdup_printf ("entry%03uend", i);
      const char *at = strstr (all, begin);
      guint on_a_page = 0;

      g_assert_cmpuint (count (all, begin), ==, 1);
      g_assert_cmpuint (count (all, end), ==, 1);
      g_assert_true (at >= previous);
      previous = at + 1;
      /* not cut: both ends of the entry on the same page */
      for (guint p = 0; pages[p] != NULL; p++)
        if (strstr (pages[p], begin) != NULL && strstr (pages[p], end) != NULL)
          on_a_page++;
      g_assert_cmpuint (on_a_page, ==, 1);
    }
}

static void
test_long (void)
{
  g_autoptr(GPtrArray) blocks = long_report ();
  g_autoptr(GBytes) pdf = render (blocks, BD_REPORT_PAPER_A4);
  g_auto(GStrv) pages = pdf_pages (pdf);
  guint n = g_strv_length (pages);

  g_assert_cmpuint (n, >=, 5);
  g_assert_cmpuint (pdf_n_pages (pdf), ==, n);
  g_assert_cmpuint (count_pages (blocks, 595.276, 841.89), ==, n);
  for (guint p = 0; p < n; p++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, n);
      g_autofree char *last = last_line (pages[p]);

      g_assert_cmpuint (count (pages[p], RUNNING_HEAD), ==, 1);
      g_assert_cmpuint (count (pages[p], number), ==, 1);
      g_assert_false (g_str_has_prefix (last, "Section"));
    }
  check_entries (pages);
}

static void
test_letter_count (void)
{
  g_autoptr(GPtrArray) blocks = long_report ();
  g_autoptr(GBytes) pdf = render (blocks, BD_REPORT_PAPER_LETTER);

  g_assert_cmpuint (pdf_n_pages (pdf), ==, count_pages (blocks, 612, 792));
}

/* Wherever the page ends, a heading goes over with what it heads: move
 * one through every place on the first page and past it. */
static void
test_heading_kept (void)
{
  gboolean on_first = FALSE, on_second = FALSE;

  for (guint k = 20; k <= 60; k++)
    {
      g_autoptr(GPtrArray) blocks = blocks_new ();
      g_autoptr(GBytes) pdf = NULL;
      g_auto(GStrv) pages = NULL;

      add_block (blocks, BD_REPORT_BLOCK_TITLE, NULL, "Heading test", NULL, NULL);
      for (guint i = 0; i < k; i++)
        add_block (blocks, BD_REPORT_BLOCK_FIELD, "Field", "value", NULL, NULL);
      add_block (blocks, BD_REPORT_BLOCK_HEADING, NULL, "Kept heading", NULL, NULL);
      add_block (blocks, BD_REPORT_BLOCK_ENTRY, "10:00",
                 "keptbegin the badge stayed on the icon after every thread was read and the "
                 "phone restarted twice keptend", "Done", NULL);
      pdf = render (blocks, BD_REPORT_PAPER_A4);
      pages = pdf_pages (pdf);
      for (guint p = 0; pages[p] != NULL; p++)
        {
          if (strstr (pages[p], "Kept heading") == NULL)
            continue;
          g_assert_nonnull (strstr (pages[p], "keptbegin"));
          g_assert_nonnull (strstr (pages[p], "keptend"));
          on_first |= p == 0;
          on_second |= p == 1;
        }
    }
  g_assert_true (on_first);
  g_assert_true (on_second);
}

/* Every word of a text longer than a page, "word00000" on, once and in
 * order, and not all on the first page. */
static void
check_words (GStrv       pages,
             const char *prefix,
             guint       n_words)
{
  g_autofree char *all = g_strjoinv ("\f", pages);
  const char *previous = all;
  g_autofree char *first = g_strdup_printf ("%s%05u", prefix, 0);
  g_autofree char *final = g_strdup_printf ("%s%05u", prefix, n_words - 1);

  for (guint w = 0; w < n_words; w++)
    {
      g_autofree char *word = g_strdup_printf ("%s%05u", prefix, w);
      const char *at = strstr (all, word);

      g_assert_cmpuint (count (all, word), ==, 1);
      g_assert_true (at >= previous);
      previous = at + 1;
    }
  g_assert_nonnull (strstr (pages[0], first));
  g_assert_null (strstr (pages[0], final));
}

static void
test_long_paragraph (void)
{
  g_autoptr(GPtrArray) blocks = blocks_new ();
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_auto(GStrv) pages = NULL;

  for (guint w = 0; note->len < 20000; w++)
    g_string_append_printf (note, "word%05u%s", w, w % 40 == 39 ? "\n" : " ");
  add_block (blocks, BD_REPORT_BLOCK_TITLE, NULL, "Notes", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_PARAGRAPH, NULL, note->str, NULL, NULL);
  pdf = render (blocks, BD_REPORT_PAPER_A4);
  pages = pdf_pages (pdf);

  g_assert_cmpuint (g_strv_length (pages), >=, 3);
  g_assert_cmpuint (pdf_n_pages (pdf), ==, count_pages (blocks, 595.276, 841.89));
  check_words (pages, "word", 2000);
}

static void
test_huge_field (void)
{
  g_autoptr(GPtrArray) blocks = blocks_new ();
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_auto(GStrv) pages = NULL;

  for (guint w = 0; w < 1200; w++)
    g_string_append_printf (value, "note%05u ", w);
  add_block (blocks, BD_REPORT_BLOCK_TITLE, NULL, "Huge field", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_FIELD, "Notes", value->str, NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_ENTRY, "11:00", "entry after the field", NULL, NULL);
  pdf = render (blocks, BD_REPORT_PAPER_LETTER);
  pages = pdf_pages (pdf);

  g_assert_cmpuint (g_strv_length (pages), >=, 2);
  g_assert_nonnull (strstr (pages[0], "Notes"));
  check_words (pages, "note", 1200);
}

/* The right edge of the text area, where nothing may reach past. */
static void
check_inside_margin (GBytes *pdf,
                     double  page_width)
{
  g_autofree char *boxes = run_tool ("pdftotext", "-bbox", pdf);
  g_autoptr(GRegex) regex = g_regex_new ("xMax=\"([0-9.]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_regex_match (regex, boxes, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), n++)
    {
      g_autofree char *x = g_match_info_fetch (match, 1);

      g_assert_cmpfloat (g_ascii_strtod (x, NULL), <=, page_width - MARGIN + 0.5);
    }
  g_assert_cmpuint (n, >, 10);
}

static void
test_plain_text (void)
{
  g_autoptr(GPtrArray) blocks = blocks_new ();
  g_autoptr(GString) url = g_string_new ("https://example.com/");
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_c (url, 'a' + i % 26);
  add_block (blocks, BD_REPORT_BLOCK_TITLE, NULL, "Plain <i>text</i>", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_PARAGRAPH, NULL, "Tap <b>Clear</b> &amp; wait", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_FIELD, "a<b>", "x &lt; y", NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_ITEM, NULL, "<span foreground='red'>", "&", NULL);
  add_block (blocks, BD_REPORT_BLOCK_PARAGRAPH, NULL, url->str, NULL, NULL);
  add_block (blocks, BD_REPORT_BLOCK_ENTRY, "12:00", url->str, NULL, NULL);
  pdf = render (blocks, BD_REPORT_PAPER_A4);
  text = pdf_text (pdf);
  joined = g_regex_replace (spaces, text, -1, 0, "", 0, NULL);

  g_assert_nonnull (strstr (text, "Plain <i>text</i>"));
  g_assert_nonnull (strstr (text, "Tap <b>Clear</b> &amp; wait"));
  g_assert_nonnull (strstr (text, "a<b>"));
  g_assert_nonnull (strstr (text, "x &lt; y"));
  g_assert_nonnull (strstr (text, "<span foreground='red'> — &"));
  /* a word longer than a line is broken, not cut off at the margin */
  g_assert_cmpuint (count (joined, url->str), ==, 2);
  check_inside_margin (pdf, 595.276);
}

/* The right edges of the words @word in @pdf, widest and narrowest. */
static void
word_edges (GBytes     *pdf,
            const char *word,
            double     *x_min,
            double     *x_max)
{
  g_autofree char *boxes = run_tool ("pdftotext", "-bbox", pdf);
  g_autofree char *pattern = g_strdup_printf ("xMin=\"([0-9.]+)\"[^>]*xMax=\"([0-9.]+)\"[^>]*>%s<", word);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  *x_min = G_MAXDOUBLE;
  *x_max = 0;
  g_regex_match (regex, boxes, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *min = g_match_info_fetch (match, 1);
      g_autofree char *max = g_match_info_fetch (match, 2);

      *x_min = MIN (*x_min, g_ascii_strtod (min, NULL));
      *x_max = MAX (*x_max, g_ascii_strtod (max, NULL));
    }
  g_assert_cmpfloat (*x_max, >, 0);
}

/* Issue 14, point 12: a step's words run across the page, up to its
 * outcome, instead of wrapping at about 60 % of the width. */
static void
test_entry_width (void)
{
  g_autoptr(GPtrArray) blocks = blocks_new ();
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GBytes) pdf = NULL;
  double lorem_min, lorem_max, done_min, done_max, ipsum_min, ipsum_max;

  for (guint i = 0; i < 40; i++)
    g_string_append (words, "lorem ");
  add_block (blocks, BD_REPORT_BLOCK_ENTRY, "23 Nov 09:00", words->str, "Done", NULL);
  g_string_replace (words, "lorem", "ipsum", 0);
  add_block (blocks, BD_REPORT_BLOCK_ENTRY, "23 Nov 09:01", words->str, "Skipped · iPad", NULL);
  pdf = render (blocks, BD_REPORT_PAPER_A4);
  word_edges (pdf, "lorem", &lorem_min, &lorem_max);
  word_edges (pdf, "Done", &done_min, &done_max);
  word_edges (pdf, "ipsum", &ipsum_min, &ipsum_max);

  /* the page is 595 pt wide; its text ends at 538 pt */
  g_assert_cmpfloat (lorem_max, >, 0.8 * 595.276);
  g_assert_cmpfloat (ipsum_max, >, 0.7 * 595.276);
  /* and stops short of the outcome, which stays flush right */
  g_assert_cmpfloat (lorem_max, <, done_min);
  g_assert_cmpfloat_with_epsilon (done_max, 595.276 - MARGIN, 1.0);
  check_inside_margin (pdf, 595.276);
}

/* Issue 14, point 9: the preview's page image is laid out as the PDF is:
 * as many pages, on the paper's shape. */
static void
test_image_like_pdf (void)
{
  g_autoptr(GPtrArray) blocks = long_report ();
  g_autoptr(GBytes) pdf = render (blocks, BD_REPORT_PAPER_LETTER);
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;
  cairo_surface_t *image;

  image = bd_report_pages_render_image (blocks, RUNNING_HEAD, BD_REPORT_PAPER_LETTER, 99, 1.0,
                                        &n_pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, pdf_n_pages (pdf));
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 612);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 792);
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report-pages/short", test_short);
  g_test_add_func ("/report-pages/empty", test_empty);
  g_test_add_func ("/report-pages/paper", test_paper);
  g_test_add_func ("/report-pages/bad-paper", test_bad_paper);
  g_test_add_func ("/report-pages/long", test_long);
  g_test_add_func ("/report-pages/letter-count", test_letter_count);
  g_test_add_func ("/report-pages/heading-kept", test_heading_kept);
  g_test_add_func ("/report-pages/long-paragraph", test_long_paragraph);
  g_test_add_func ("/report-pages/huge-field", test_huge_field);
  g_test_add_func ("/report-pages/plain-text", test_plain_text);
  g_test_add_func ("/report-pages/entry-width", test_entry_width);
  g_test_add_func ("/report-pages/image-like-pdf", test_image_like_pdf);

  return g_test_run ();
}
