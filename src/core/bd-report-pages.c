/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-report-pages"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#include "bd-error.h"
#include "bd-report-pages.h"

/*
 * The report laid out on paper. Each block becomes a box: one or more
 * Pango layouts placed side by side (a field's label and value, an
 * entry's time, text and outcome). Boxes are stacked down the page and a
 * box that does not fit moves whole to the next one; only a box taller
 * than a whole page is cut, and then only where no line of any of its
 * columns crosses, so no line is ever sliced in two.
 *
 * Every length is worked out in points and turned into the context's
 * units through its resolution: the PDF measures at 72 dpi, a print
 * context in whatever unit the print operation asked for.
 *
 * Text is always set with pango_layout_set_text, never as markup: a note
 * that says "<b>" must print "<b>".
 */

/* 2 cm: room for a printer's unprintable edge and for a hole punch. */
#define MARGIN 56.693

#define A4_WIDTH     595.276
#define A4_HEIGHT    841.89
#define LETTER_WIDTH 612.0
#define LETTER_HEIGHT 792.0

/* Comparing lengths measured along different paths of arithmetic. */
#define EPSILON 0.01

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

typedef enum
{
  STYLE_BODY,
  STYLE_LABEL,
  STYLE_ASIDE,
  STYLE_SECOND,
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_MARGINAL,
} Style;

/* Black text and grey, never colour, so a black-and-white printer loses
 * nothing; dim text stays at 65% black, well darker than a pale grey
 * that a cheap printer or a photocopy would wash out. */
#define GREY_DIM  0.35
#define GREY_RULE 0.5

static const struct
{
  const char *font;
  double grey;
} styles[] = {
  [STYLE_BODY] = { "Sans 10", 0.0 },
  [STYLE_LABEL] = { "Sans 10", GREY_DIM },
  [STYLE_ASIDE] = { "Sans 9", GREY_DIM },
  [STYLE_SECOND] = { "Sans Italic 9.5", 0.2 },
  [STYLE_TITLE] = { "Sans Bold 18", 0.0 },
  [STYLE_HEADING] = { "Sans Bold 13", 0.0 },
  [STYLE_SUBHEADING] = { "Sans Semi-Bold 11", 0.0 },
  [STYLE_MARGINAL] = { "Sans 8", GREY_DIM },
};

typedef struct
{
  PangoLayout *layout;
  double x;
  double y;
  double grey;
} Cell;

typedef struct
{
  GArray *cells;       /* Cell */
  GArray *breaks;      /* double: where the box may be cut, ascending; the last is its height */
  double height;
  double space_before; /* dropped at the top of a page */
  double rule_y;       /* a grey rule across the box there; < 0: none */
  gboolean keep_with_next;
} Box;

/* The part [from, to] of a box, drawn at y on the page's body. */
typedef struct
{
  guint box;
  double from;
  double to;
  double y;
} Slice;

struct _BdReportPages
{
  PangoContext *context;
  double width;
  double height;
  double pt; /* one point in the context's units */
  double time_width; /* the left column of entries: their widest time */

  PangoLayout *head; /* nullable */
  double head_rule_y;
  double body_top;
  double body_height;

  GPtrArray *boxes; /* Box */
  GPtrArray *pages; /* GArray of Slice */
};

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_clear_object (&cell->layout);
}

static void
box_free (gpointer data)
{
  Box *box = data;

  g_array_unref (box->cells);
  g_clear_pointer (&box->breaks, g_array_unref);
  g_free (box);
}

static Box *
box_new (double space_before,
         gboolean keep_with_next)
{
  Box *box = g_new0 (Box, 1);

  box->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (box->cells, cell_clear);
  box->space_before = space_before;
  box->keep_with_next = keep_with_next;
  box->rule_y = -1;
  return box;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.y + logical.height);
}

static double
layout_baseline (PangoLayout *layout)
{
  return pango_units_to_double (pango_layout_get_baseline (layout));
}

/* A block's strings come from a person's notes; Pango would refuse the
 * whole string over one bad byte, so a bad byte becomes U+FFFD instead. */
static char *
plain_text (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);
  return g_strdup (text);
}

/* Pango marks a word broken at the margin with a hyphen; in a URL or an
 * account name that hyphen would be copied down as part of it. */
static PangoAttrList *
new_attributes (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  return attrs;
}

/* @width <= 0: one line per paragraph, as wide as the text. */
static PangoLayout *
new_layout (BdReportPages *self,
            const char    *text,
            Style          style,
            double         width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (styles[style].font);
  g_autoptr(PangoAttrList) attrs = new_attributes ();
  g_autofree char *plain = plain_text (text);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_text (layout, plain, -1);
  return layout;
}

/* The times of entries in one column as wide as the widest of them, so
 * that "23 Nov 17:00" (or a longer translation) never wraps. */
static double
measure_time_width (BdReportPages *self,
                    GPtrArray     *blocks)
{
  double widest = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      const BdReportBlock *block = g_ptr_array_index (blocks, i);
      g_autoptr(PangoLayout) layout = NULL;
      int width;

      if (block->kind != BD_REPORT_BLOCK_ENTRY || block->label == NULL)
        continue;
      layout = new_layout (self, block->label, STYLE_LABEL, 0);
      pango_layout_get_size (layout, &width, NULL);
      widest = MAX (widest, pango_units_to_double (width));
    }
  return MIN (widest + 2 * self->pt, self->width * 0.25);
}

/* Takes @layout; returns the bottom of the cell in the box. */
static double
box_add (Box         *box,
         PangoLayout *layout,
         double       x,
         double       y,
         Style        style)
{
  Cell cell = { layout, x, y, styles[style].grey };

  g_array_append_val (box->cells, cell);
  return y + layout_height (layout);
}

/* Places @layout so its first baseline sits on @baseline. */
static void
box_add_on_baseline (Box         *box,
                     PangoLayout *layout,
                     double       x,
                     double       baseline,
                     Style        style)
{
  box_add (box, layout, x, baseline - layout_baseline (layout), style);
}

/* A line of text for the right edge, as wide as it needs and no wider
 * than @max_width, past which it wraps; sets @width to how wide it is. */
static PangoLayout *
new_right_layout (BdReportPages *self,
                  const char    *text,
                  Style          style,
                  double         max_width,
                  double        *width)
{
  PangoLayout *layout = new_layout (self, text, style, -1);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (pango_units_to_double (logical.width) > max_width)
    {
      pango_layout_set_width (layout, pango_units_from_double (max_width));
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      *width = max_width;
    }
  else
    {
      *width = pango_units_to_double (logical.width);
    }
  return layout;
}

static Box *
build_title (BdReportPages       *self,
             const BdReportBlock *block)
{
  Box *box = box_new (0, TRUE);

  box->height = box_add (box, new_layout (self, block->text, STYLE_TITLE, self->width),
                         0, 0, STYLE_TITLE) + 6 * self->pt;
  return box;
}

static Box *
build_heading (BdReportPages       *self,
               const BdReportBlock *block)
{
  Box *box = box_new (18 * self->pt, TRUE);
  double bottom;

  bottom = box_add (box, new_layout (self, block->text, STYLE_HEADING, self->width),
                    0, 0, STYLE_HEADING);
  box->rule_y = bottom + 2 * self->pt;
  box->height = box->rule_y + 4 * self->pt;
  return box;
}

/* A guide: its title, its state at the right on the same baseline, and
 * the title in the second language under it. */
static Box *
build_subheading (BdReportPages       *self,
                  const BdReportBlock *block)
{
  Box *box = box_new (12 * self->pt, TRUE);
  double text_width = self->width;
  PangoLayout *text;
  double bottom;

  if (block->aside != NULL)
    {
      double aside_width;
      PangoLayout *aside = new_right_layout (self, block->aside, STYLE_ASIDE,
                                             self->width / 3, &aside_width);

      text_width -= aside_width + 12 * self->pt;
      text = new_layout (self, block->text, STYLE_SUBHEADING, text_width);
      box_add_on_baseline (box, aside, self->width - aside_width, layout_baseline (text),
                           STYLE_ASIDE);
    }
  else
    {
      text = new_layout (self, block->text, STYLE_SUBHEADING, text_width);
    }
  bottom = box_add (box, text, 0, 0, STYLE_SUBHEADING);
  if (block->second != NULL)
    box_add (box, new_layout (self, block->second, STYLE_SECOND, text_width),
             0, bottom + 1 * self->pt, STYLE_SECOND);
  return box;
}

/* Label and value share a font size so their lines line up, which lets
 * a huge value be cut between any two of its lines. */
static Box *
build_field (BdReportPages       *self,
             const BdReportBlock *block)
{
  Box *box = box_new (3 * self->pt, FALSE);
  double label_width = MIN (125 * self->pt, self->width * 0.3);
  double value_x = label_width + 12 * self->pt;

  box_add (box, new_layout (self, block->label, STYLE_LABEL, label_width), 0, 0, STYLE_LABEL);
  box_add (box, new_layout (self, block->text, STYLE_BODY, self->width - value_x),
           value_x, 0, STYLE_BODY);
  return box;
}

/* One thing that happened: the time in a narrow column, what was done
 * in the middle with its second-language title under it, and the outcome
 * flush right so the eye can run down the outcomes. The outcome takes
 * only the room it needs, so the step's words get the rest of the line
 * rather than wrapping at a column sized for the longest outcome. */
static Box *
build_entry (BdReportPages       *self,
             const BdReportBlock *block)
{
  Box *box = box_new (6 * self->pt, FALSE);
  double time_width = self->time_width;
  double gap = 10 * self->pt;
  double text_x = time_width + gap;
  double text_width = self->width - text_x;
  PangoLayout *aside = NULL;
  double aside_width = 0;
  PangoLayout *text;
  double bottom;

  if (block->aside != NULL)
    {
      aside = new_right_layout (self, block->aside, STYLE_ASIDE,
                                MIN (120 * self->pt, self->width * 0.25), &aside_width);
      text_width -= aside_width + 2 * gap;
    }
  text = new_layout (self, block->text, STYLE_BODY, text_width);
  bottom = box_add (box, text, text_x, 0, STYLE_BODY);
  box_add (box, new_layout (self, block->label, STYLE_LABEL, time_width), 0, 0, STYLE_LABEL);
  if (block->second != NULL)
    box_add (box, new_layout (self, block->second, STYLE_SECOND, text_width),
             text_x, bottom + 1 * self->pt, STYLE_SECOND);
  if (aside != NULL)
    box_add_on_baseline (box, aside, self->width - aside_width, layout_baseline (text), STYLE_ASIDE);
  return box;
}

/* Greys the text from byte @start on. */
static void
layout_dim_from (PangoLayout *layout,
                 guint        start)
{
  g_autoptr(PangoAttrList) attrs = new_attributes ();
  guint16 dim = (guint16) (GREY_DIM * G_MAXUINT16);
  PangoAttribute *colour = pango_attr_foreground_new (dim, dim, dim);

  colour->start_index = start;
  pango_attr_list_insert (attrs, colour);
  pango_layout_set_attributes (layout, attrs);
}

/* The state follows the text in grey; one layout, so it wraps with it. */
static Box *
build_item (BdReportPages       *self,
            const BdReportBlock *block)
{
  Box *box = box_new (3 * self->pt, FALSE);
  double indent = 16 * self->pt;
  g_autofree char *text = plain_text (block->text);
  g_autofree char *line = NULL;
  PangoLayout *layout;

  if (block->aside != NULL)
    line = g_strconcat (text, " — ", block->aside, NULL);
  layout = new_layout (self, line != NULL ? line : text, STYLE_BODY, self->width - indent);
  if (block->aside != NULL)
    layout_dim_from (layout, strlen (text));
  box_add (box, layout, indent, 0, STYLE_BODY);
  box_add (box, new_layout (self, "•", STYLE_BODY, -1), 4 * self->pt, 0, STYLE_BODY);
  return box;
}

static Box *
build_paragraph (BdReportPages       *self,
                 const BdReportBlock *block)
{
  Box *box = box_new (6 * self->pt, FALSE);

  box_add (box, new_layout (self, block->text, STYLE_BODY, self->width), 0, 0, STYLE_BODY);
  return box;
}

static Box *
build_box_of_kind (BdReportPages       *self,
                   const BdReportBlock *block)
{
  switch (block->kind)
    {
    case BD_REPORT_BLOCK_TITLE:
      return build_title (self, block);
    case BD_REPORT_BLOCK_HEADING:
      return build_heading (self, block);
    case BD_REPORT_BLOCK_SUBHEADING:
      return build_subheading (self, block);
    case BD_REPORT_BLOCK_FIELD:
      return build_field (self, block);
    case BD_REPORT_BLOCK_ENTRY:
      return build_entry (self, block);
    case BD_REPORT_BLOCK_ITEM:
      return build_item (self, block);
    case BD_REPORT_BLOCK_PARAGRAPH:
    default:
      return build_paragraph (self, block);
    }
}

/* Its height is at least its cells' bottom; a builder may add room
 * below. */
static Box *
build_box (BdReportPages       *self,
           const BdReportBlock *block)
{
  Box *box = build_box_of_kind (self, block);

  for (guint i = 0; i < box->cells->len; i++)
    {
      const Cell *cell = &g_array_index (box->cells, Cell, i);

      box->height = MAX (box->height, cell->y + layout_height (cell->layout));
    }
  return box;
}

typedef struct
{
  double top;
  double bottom;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  return (x->top > y->top) - (x->top < y->top);
}

static void
add_line_spans (GArray     *spans,
                const Cell *cell)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (cell->layout);

  do
    {
      int top, bottom;
      Span span;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      span.top = cell->y + pango_units_to_double (top);
      span.bottom = cell->y + pango_units_to_double (bottom);
      g_array_append_val (spans, span);
    }
  while (pango_layout_iter_next_line (iter));
}

/* A box may be cut only where no line of any column crosses: lay every
 * line of every cell on one axis, merge the ones that overlap, and the
 * gaps between the merged runs are the places to cut. */
static void
box_find_breaks (Box *box)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  double bottom;

  box->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < box->cells->len; i++)
    add_line_spans (spans, &g_array_index (box->cells, Cell, i));
  g_array_sort (spans, compare_spans);
  bottom = g_array_index (spans, Span, 0).bottom;
  for (guint i = 1; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (span->top >= bottom - EPSILON)
        g_array_append_val (box->breaks, bottom);
      bottom = MAX (bottom, span->bottom);
    }
  g_array_append_val (box->breaks, box->height);
}

static double
box_min_start (const Box *box,
               double     body_height)
{
  guint two_lines = MIN (1, box->breaks->len - 1);

  if (box->height <= body_height)
    return box->height;
  return g_array_index (box->breaks, double, two_lines);
}

/* How much room a box needs where it starts: all of it, or the first
 * two lines of one too tall for any page; a heading also needs the start
 * of what follows, so it is never left alone at the foot of a page. */
static GArray *
find_needs (BdReportPages *self)
{
  guint n = self->boxes->len;
  GArray *needs = g_array_sized_new (FALSE, FALSE, sizeof (double), n);

  g_array_set_size (needs, n);
  for (guint i = n; i-- > 0;)
    {
      const Box *box = g_ptr_array_index (self->boxes, i);
      double need = box_min_start (box, self->body_height);

      if (box->keep_with_next && i + 1 < n && box->height <= self->body_height)
        {
          const Box *next = g_ptr_array_index (self->boxes, i + 1);
          double together = box->height + next->space_before + g_array_index (needs, double, i + 1);

          if (together <= self->body_height)
            need = together;
        }
      g_array_index (needs, double, i) = need;
    }
  return needs;
}

typedef struct
{
  BdReportPages *self;
  GArray *page; /* Slice: the last of self->pages */
  double y;     /* the bottom of what is on it */
} Pager;

static void
pager_new_page (Pager *pager)
{
  pager->page = g_array_new (FALSE, FALSE, sizeof (Slice));
  g_ptr_array_add (pager->self->pages, pager->page);
  pager->y = 0;
}

static void
pager_add (Pager *pager,
           guint  box,
           double gap,
           double from,
           double to)
{
  Slice slice = { box, from, to, pager->y + gap };

  g_array_append_val (pager->page, slice);
  pager->y += gap + to - from;
}

/* The last place @box may be cut so that [from, cut] fits in @room. */
static double
last_break_within (const Box *box,
                   double     from,
                   double     room)
{
  double cut = from;

  for (guint i = 0; i < box->breaks->len; i++)
    {
      double at = g_array_index (box->breaks, double, i);

      if (at - from > room + EPSILON)
        break;
      if (at > from)
        cut = at;
    }
  return cut;
}

static double
next_break_after (const Box *box,
                  double     from)
{
  for (guint i = 0; i < box->breaks->len; i++)
    if (g_array_index (box->breaks, double, i) > from + EPSILON)
      return g_array_index (box->breaks, double, i);
  return box->height;
}

/* A box taller than a page runs on over as many pages as it takes. A
 * single line taller than a page is let overflow rather than lost. */
static void
pager_add_split (Pager *pager,
                 guint  i,
                 double gap)
{
  const Box *box = g_ptr_array_index (pager->self->boxes, i);
  double from = 0;

  while (from < box->height - EPSILON)
    {
      double room = pager->self->body_height - pager->y - gap;
      double to = last_break_within (box, from, room);

      if (to <= from && pager->page->len > 0)
        {
          pager_new_page (pager);
          gap = 0;
          continue;
        }
      if (to <= from)
        to = next_break_after (box, from);
      pager_add (pager, i, gap, from, to);
      gap = 0;
      from = to;
    }
}

static void
pager_add_box (Pager *pager,
               guint  i,
               double need)
{
  const Box *box = g_ptr_array_index (pager->self->boxes, i);
  double body_height = pager->self->body_height;
  double gap = pager->page->len > 0 ? box->space_before : 0;

  if (pager->page->len > 0 && pager->y + gap + need > body_height + EPSILON)
    {
      pager_new_page (pager);
      gap = 0;
    }
  if (pager->y + gap + box->height <= body_height + EPSILON)
    pager_add (pager, i, gap, 0, box->height);
  else
    pager_add_split (pager, i, gap);
}

static void
paginate (BdReportPages *self)
{
  g_autoptr(GArray) needs = find_needs (self);
  Pager pager = { self, NULL, 0 };

  pager_new_page (&pager);
  for (guint i = 0; i < self->boxes->len; i++)
    pager_add_box (&pager, i, g_array_index (needs, double, i));
}

static PangoLayout *
new_page_number (BdReportPages *self,
                 guint          n,
                 guint          total)
{
  /* Translators: at the foot of each page of a printed report */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), n, total);
  PangoLayout *layout = new_layout (self, text, STYLE_MARGINAL, self->width);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

/* The running head is one line, cut short with an ellipsis if need be,
 * so every page's body starts at the same height. */
static void
set_up_margins (BdReportPages *self,
                const char    *running_head)
{
  g_autoptr(PangoLayout) foot = new_page_number (self, 999, 999);
  double head_height = 0;

  if (running_head != NULL && *running_head != '\0')
    {
      self->head = new_layout (self, running_head, STYLE_MARGINAL, self->width);
      pango_layout_set_ellipsize (self->head, PANGO_ELLIPSIZE_END);
      head_height = layout_height (self->head);
    }
  else
    {
      head_height = layout_height (foot);
    }
  self->head_rule_y = head_height + 3 * self->pt;
  self->body_top = self->head_rule_y + 16 * self->pt;
  self->body_height = self->height - self->body_top - layout_height (foot) - 16 * self->pt;
  self->body_height = MAX (self->body_height, 1);
}

/* The context's resolution says how many of its units make an inch;
 * an unset one (-1) means Pango's default of 96. */
static double
context_point (PangoContext *context)
{
  double dpi = pango_cairo_context_get_resolution (context);

  return (dpi > 0 ? dpi : 96.0) / 72.0;
}

/**
 * bd_report_pages_new:
 * @blocks: (element-type BdReportBlock): the report's blocks
 * @running_head: (nullable): a line at the top of every page
 * @context: measures the text; draw with a cairo context whose font
 *   options and resolution match it (the print operation's, or the
 *   surface's it was made for)
 * @width: the width of the area to lay out in, in @context's units
 * @height: its height
 *
 * Lays the blocks out on pages. Nothing in @blocks is kept.
 */
BdReportPages *
bd_report_pages_new (GPtrArray    *blocks,
                     const char   *running_head,
                     PangoContext *context,
                     double        width,
                     double        height)
{
  BdReportPages *self;

  g_return_val_if_fail (blocks != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_new0 (BdReportPages, 1);
  self->context = g_object_ref (context);
  self->width = width;
  self->height = height;
  self->pt = context_point (context);
  self->boxes = g_ptr_array_new_with_free_func (box_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  set_up_margins (self, running_head);
  self->time_width = measure_time_width (self, blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      Box *box = build_box (self, g_ptr_array_index (blocks, i));

      box_find_breaks (box);
      g_ptr_array_add (self->boxes, box);
    }
  paginate (self);
  return self;
}

guint
bd_report_pages_get_n_pages (BdReportPages *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pages->len;
}

static void
draw_rule (BdReportPages *self,
           cairo_t       *cr,
           double         y)
{
  cairo_set_source_rgb (cr, GREY_RULE, GREY_RULE, GREY_RULE);
  cairo_set_line_width (cr, 0.5 * self->pt);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, self->width, y);
  cairo_stroke (cr);
}

/* Draws the lines of @cell that lie wholly within [from, to] of its
 * box, the box's @from being at @y. Line by line, the way Pango itself
 * draws a layout, so a line is drawn whole or not at all. */
static void
draw_cell (cairo_t    *cr,
           const Cell *cell,
           double      from,
           double      to,
           double      y)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (cell->layout);

  cairo_set_source_rgb (cr, cell->grey, cell->grey, cell->grey);
  do
    {
      PangoRectangle logical;
      int top, bottom;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      if (cell->y + pango_units_to_double (top) < from - EPSILON ||
          cell->y + pango_units_to_double (bottom) > to + EPSILON)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cairo_move_to (cr, cell->x + pango_units_to_double (logical.x),
                     y - from + cell->y + pango_units_to_double (pango_layout_iter_get_baseline (iter)));
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
}

static void
draw_slice (BdReportPages *self,
            cairo_t       *cr,
            const Slice   *slice)
{
  const Box *box = g_ptr_array_index (self->boxes, slice->box);
  double y = self->body_top + slice->y;

  for (guint i = 0; i < box->cells->len; i++)
    draw_cell (cr, &g_array_index (box->cells, Cell, i), slice->from, slice->to, y);
  if (box->rule_y >= slice->from && box->rule_y <= slice->to)
    draw_rule (self, cr, y - slice->from + box->rule_y);
}

static void
draw_margins (BdReportPages *self,
              cairo_t       *cr,
              guint          page_nr)
{
  g_autoptr(PangoLayout) foot = new_page_number (self, page_nr + 1, self->pages->len);

  if (self->head != NULL)
    {
      cairo_set_source_rgb (cr, GREY_DIM, GREY_DIM, GREY_DIM);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, self->head);
      draw_rule (self, cr, self->head_rule_y);
    }
  cairo_set_source_rgb (cr, GREY_DIM, GREY_DIM, GREY_DIM);
  cairo_move_to (cr, 0, self->height - layout_height (foot));
  pango_cairo_show_layout (cr, foot);
}

/**
 * bd_report_pages_draw:
 * @page_nr: counting from 0
 *
 * Draws a page at @cr's origin, in the width and height given to
 * bd_report_pages_new(); the caller sets up margins beforehand.
 */
void
bd_report_pages_draw (BdReportPages *self,
                      cairo_t       *cr,
                      guint          page_nr)
{
  GArray *page;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page_nr < self->pages->len);

  page = g_ptr_array_index (self->pages, page_nr);
  cairo_save (cr);
  draw_margins (self, cr, page_nr);
  for (guint i = 0; i < page->len; i++)
    draw_slice (self, cr, &g_array_index (page, Slice, i));
  cairo_restore (cr);
}

void
bd_report_pages_free (BdReportPages *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->boxes);
  g_clear_object (&self->head);
  g_object_unref (self->context);
  g_free (self);
}

static gboolean
paper_size (BdReportPaper paper,
            double       *width,
            double       *height)
{
  switch (paper)
    {
    case BD_REPORT_PAPER_A4:
      *width = A4_WIDTH;
      *height = A4_HEIGHT;
      return TRUE;
    case BD_REPORT_PAPER_LETTER:
      *width = LETTER_WIDTH;
      *height = LETTER_HEIGHT;
      return TRUE;
    default:
      return FALSE;
    }
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (cairo_surface_t *surface,
              GPtrArray       *blocks)
{
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Badge Doctor");
  for (guint i = 0; i < blocks->len; i++)
    {
      const BdReportBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == BD_REPORT_BLOCK_TITLE && block->text != NULL)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, block->text);
          return;
        }
    }
}

/* Measures the way the PDF draws: in points, with the PDF surface's font
 * options (no hinting, no rounding of glyph positions), so the text
 * lands exactly where the layout put it. Set here rather than taken from
 * the surface, so that a preview drawn on an image breaks its lines and
 * pages exactly where the PDF does. */
static PangoContext *
new_pdf_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

static cairo_status_t
draw_document (cairo_surface_t *surface,
               GPtrArray       *blocks,
               const char      *running_head,
               double           width,
               double           height)
{
  g_autoptr(cairo_t) cr = cairo_create (surface);
  /* Pango 1.50 has no autoptr for PangoContext; the pages hold a ref. */
  PangoContext *context = new_pdf_context (cr);
  g_autoptr(BdReportPages) pages = bd_report_pages_new (blocks, running_head, context,
                                                        width - 2 * MARGIN, height - 2 * MARGIN);

  g_object_unref (context);
  for (guint i = 0; i < pages->pages->len; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN, MARGIN);
      bd_report_pages_draw (pages, cr, i);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  return cairo_status (cr);
}

/**
 * bd_report_pages_render_pdf:
 * @blocks: (element-type BdReportBlock): the report's blocks
 * @running_head: (nullable): a line at the top of every page
 * @paper: the page size; margins of 2 cm all round
 *
 * Returns: (transfer full): the PDF, titled after the first title block
 */
GBytes *
bd_report_pages_render_pdf (GPtrArray     *blocks,
                            const char    *running_head,
                            BdReportPaper  paper,
                            GError       **error)
{
  g_autoptr(GByteArray) pdf = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  cairo_status_t status;
  double width, height;

  g_return_val_if_fail (blocks != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!paper_size (paper, &width, &height))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "Unknown paper size %d", paper);
      return NULL;
    }
  pdf = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf, width, height);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      set_metadata (surface, blocks);
      status = draw_document (surface, blocks, running_head, width, height);
      cairo_surface_finish (surface);
    }
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_FAILED, "Could not make the PDF: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * bd_report_pages_render_image:
 * @blocks: (element-type BdReportBlock): the report's blocks
 * @running_head: (nullable): a line at the top of every page
 * @paper: the page size, as for bd_report_pages_render_pdf()
 * @page_nr: the page to draw, counting from 0; past the last, the last
 * @scale: pixels per point
 * @n_pages: (out): how many pages the PDF has
 *
 * Draws one page of the PDF, margins and all, on white: laid out and
 * drawn by the code that writes the PDF, for a preview that shows the
 * same lines on the same pages.
 *
 * Returns: (transfer full): an ARGB32 image surface
 */
cairo_surface_t *
bd_report_pages_render_image (GPtrArray     *blocks,
                              const char    *running_head,
                              BdReportPaper  paper,
                              guint          page_nr,
                              double         scale,
                              guint         *n_pages,
                              GError       **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(BdReportPages) pages = NULL;
  PangoContext *context;
  double width, height;

  g_return_val_if_fail (blocks != NULL, NULL);
  g_return_val_if_fail (scale > 0, NULL);
  g_return_val_if_fail (n_pages != NULL, NULL);

  if (!paper_size (paper, &width, &height))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_INVALID_ARGUMENT, "Unknown paper size %d", paper);
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale + 0.999),
                                        (int) (height * scale + 0.999));
  cr = cairo_create (surface);
  context = new_pdf_context (cr);
  pages = bd_report_pages_new (blocks, running_head, context, width - 2 * MARGIN, height - 2 * MARGIN);
  g_object_unref (context);
  *n_pages = pages->pages->len;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, MARGIN, MARGIN);
  bd_report_pages_draw (pages, cr, MIN (page_nr, pages->pages->len - 1));
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_FAILED, "Could not draw the page: %s",
                   cairo_status_to_string (cairo_status (cr)));
      return NULL;
    }
  cairo_surface_flush (surface);
  return g_steal_pointer (&surface);
}
