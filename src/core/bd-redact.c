/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-redact"

#include "bd-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-redact.h"

/*
 * Takes personal data out of the free text of one report before anyone
 * else reads it: phone numbers, e-mail addresses and Apple Account names
 * become "[phone 1]", "[e-mail 1]", "[Apple Account 1]". One redactor
 * serves one report, so the same number is the same placeholder in every
 * field and a reader can still follow "I called [phone 1] twice".
 *
 * Scanning is by hand, in passes over the text that each look at a
 * character a bounded number of times: a 20,000-character report must not
 * be able to stall the export. Apple Account names go first because they
 * claim e-mail addresses and phone numbers; e-mails next because they can
 * hold digits, then addresses spelled out ("jane at example dot com");
 * phone numbers last, in what is left.
 *
 * The passes read a folded copy of the text in which full-width and
 * Arabic-Indic digits, en dashes and the like are their ASCII selves, so
 * "٠١٠ ١٢٣٤ ٥٦٧٨" and "555–123–4567" are found as their ASCII forms are
 * and get the same placeholder; what is found is then cut from the text
 * as written.
 */

#define PHONE_MIN_DIGITS 7
#define PHONE_MAX_DIGITS 15

/* A redaction with what is needed to recognise the same thing again.
 * The BdRedaction comes first so the public array can hand it out. */
typedef struct
{
  BdRedaction redaction;
  char *key;       /* digits of a number, or a casefolded name or address */
  gboolean digits; /* key is a number: compared by its tail */
} Entry;

/* One find in the text being redacted, [start, end) in bytes. */
typedef struct
{
  gsize start;
  gsize end;
  BdRedactionKind kind;
  gboolean digits;
  char *key;
} Match;

typedef struct
{
  const char *text;
  gsize len;
  GArray *matches; /* Match */
  guint n_taken;   /* matches[0, n_taken) are sorted and block later finds */
} Scan;

struct _BdRedactor
{
  GObject parent_instance;

  GPtrArray *redactions;   /* Entry, in the order first found */
  GHashTable *by_address;  /* casefolded key → Entry, not owned */
  GPtrArray *by_number;    /* Entry with a digits key, not owned */
  guint n_of_kind[BD_REDACTION_ACCOUNT + 1];
};

G_DEFINE_FINAL_TYPE (BdRedactor, bd_redactor, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->redaction.placeholder);
  g_free (entry->redaction.original);
  g_free (entry->key);
  g_free (entry);
}

static void
match_clear (gpointer data)
{
  Match *match = data;

  g_clear_pointer (&match->key, g_free);
}

/* ---- folding ------------------------------------------------------- */

/* The ASCII character that c stands for in a phone number, or 0: any
 * script's decimal digits, the dashes a phone or a word processor puts
 * between digit groups, and full-width brackets, plus, dot and slash.
 * The em dash is left alone: it separates sentences, not digits. */
static char
fold_char (gunichar c)
{
  if (c < 0x80)
    return 0;
  if (g_unichar_isdigit (c) && g_unichar_digit_value (c) >= 0)
    return (char) ('0' + g_unichar_digit_value (c));
  switch (c)
    {
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
    case 0x2012: /* figure dash */
    case 0x2013: /* en dash */
    case 0x2212: /* minus sign */
    case 0xFE63: /* small hyphen-minus */
    case 0xFF0D: /* full-width hyphen-minus */
      return '-';
    case 0xFF08:
      return '(';
    case 0xFF09:
      return ')';
    case 0xFF0B:
      return '+';
    case 0xFF0E:
      return '.';
    case 0xFF0F:
      return '/';
    default:
      return 0;
    }
}

/* text, len bytes, with fold_char applied. Folding only shortens a
 * character, so *offsets, which maps each byte of the result (and its
 * end) to where that character starts in text, needs len + 1 entries. */
static char *
fold_text (const char  *text,
           gsize        len,
           gsize      **offsets)
{
  GString *out = g_string_sized_new (len);
  gsize *map = g_new (gsize, len + 1);

  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      char folded = fold_char (g_utf8_get_char (p));
      gsize at = out->len;

      if (folded != 0)
        g_string_append_c (out, folded);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      for (gsize i = at; i < out->len; i++)
        map[i] = p - text;
    }
  map[out->len] = len;
  *offsets = map;
  return g_string_free (out, FALSE);
}

/* ---- characters ---------------------------------------------------- */

static gunichar
char_at (const Scan *scan,
         gsize       pos)
{
  return pos < scan->len ? g_utf8_get_char (scan->text + pos) : 0;
}

static gunichar
char_before (const Scan *scan,
             gsize       pos)
{
  const char *prev;

  if (pos == 0)
    return 0;
  prev = g_utf8_find_prev_char (scan->text, scan->text + pos);
  return prev != NULL ? g_utf8_get_char (prev) : 0;
}

/* Part of a word: "é" and "ß" glue a number to a word as "e" does. */
static gboolean
is_wordish (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

static gboolean
is_ascii_in (char        c,
             const char *set)
{
  return c != '\0' && strchr (set, c) != NULL;
}

/* The word at pos, any case, not followed by more of a word. */
static gboolean
is_word_at (const Scan *scan,
            gsize       pos,
            const char *word)
{
  gsize n = strlen (word);

  return pos + n <= scan->len &&
         g_ascii_strncasecmp (scan->text + pos, word, n) == 0 &&
         !is_wordish (char_at (scan, pos + n));
}

/* Spaces that may sit inside a phone number, such as the narrow
 * no-break space French typography puts between digit pairs. */
static gboolean
is_number_space (gunichar c)
{
  return c == ' ' || c == 0x00A0 || c == 0x2009 || c == 0x202F;
}

static gsize
skip_horizontal_space (const Scan *scan,
                       gsize       pos,
                       guint       max)
{
  guint n = 0;

  while (n < max && (is_number_space (char_at (scan, pos)) || char_at (scan, pos) == '\t'))
    {
      pos = g_utf8_next_char (scan->text + pos) - scan->text;
      n++;
    }
  return pos;
}

static gsize
skip_number_space (const Scan *scan,
                   gsize       pos)
{
  guint n = 0;

  /* Two at most: wider gaps are table columns, not one number. */
  while (n < 2 && is_number_space (char_at (scan, pos)))
    {
      pos = g_utf8_next_char (scan->text + pos) - scan->text;
      n++;
    }
  return pos;
}

/* Whether [start, end) overlaps an earlier, stronger find. */
static gboolean
overlaps_taken (const Scan *scan,
                gsize       start,
                gsize       end)
{
  guint lo = 0, hi = scan->n_taken;

  /* the first taken find that ends after start */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (scan->matches, Match, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < scan->n_taken && g_array_index (scan->matches, Match, lo).start < end;
}

/* ---- phone numbers ------------------------------------------------- */

typedef enum
{
  CHUNK_OTHER,     /* not part of a phone number */
  CHUNK_NUMBER,    /* digits, perhaps with separators */
  CHUNK_CONNECTOR, /* a lone "-" or "/" between two parts */
} ChunkKind;

/* A run of digits and separators without spaces: "+1", "(555)", "123-4567". */
typedef struct
{
  gsize start;   /* trimmed of separators that belong to the text around */
  gsize end;
  gsize raw_end; /* where the run of separators and digits stops */
  guint n_digits;
} Chunk;

static gboolean
is_chunk_char (char c)
{
  return g_ascii_isdigit (c) || is_ascii_in (c, "+-.()/");
}

/* "€1234567" and "1234567$" are amounts of money, not phone numbers. */
static gboolean
is_currency (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL;
}

/* "T-1043", "INC0012345", "v17.4.1" and the minutes of "10:30" are not
 * phone numbers: their digits hang on to a word or to other digits.
 * "Tel.555…" is an abbreviation, though, so a dot does not glue. */
static gboolean
is_glued_before (const Scan *scan,
                 gsize       pos)
{
  gunichar c = char_before (scan, pos);

  if (is_wordish (c))
    return scan->text[pos] != '.';
  if (c == '@' || c == '#' || is_currency (c))
    return TRUE;
  return (c == ':' || c == ',') && pos >= 2 && g_ascii_isdigit (scan->text[pos - 2]);
}

/* "2026-11-23T09:00", "10:30", "1,234,567", "555…@example.com". */
static gboolean
is_glued_after (const Scan *scan,
                gsize       raw_end)
{
  gunichar c = char_at (scan, raw_end);

  if (is_wordish (c))
    return g_ascii_isdigit (scan->text[raw_end - 1]);
  if (c == '@' || is_currency (c))
    return TRUE;
  return (c == ':' || c == ',') && g_ascii_isdigit (scan->text[raw_end + 1]);
}

static gboolean
is_year (const char *s)
{
  return (s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0');
}

static gboolean
is_day_or_month (const char *s,
                 gsize       len)
{
  return len <= 2 && atoi (s) <= 31;
}

/* 2026-11-23, 23.11.2026, 11/23/2026 */
static gboolean
reads_as_date (const char *const *group,
               const gsize       *len)
{
  if (len[0] == 4 && is_year (group[0]))
    return is_day_or_month (group[1], len[1]) && is_day_or_month (group[2], len[2]);
  if (len[2] == 4 && is_year (group[2]))
    return is_day_or_month (group[0], len[0]) && is_day_or_month (group[1], len[1]);
  return FALSE;
}

/* 2019-2024, as "2019–2024" folds: a span of years, not a local number */
static gboolean
reads_as_year_range (const char *s,
                     gsize       n)
{
  if (n != 9 || s[4] != '-')
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]) && i != 4)
      return FALSE;
  return is_year (s) && is_year (s + 5) && atoi (s) < atoi (s + 5);
}

/* 192.168.100.200 */
static gboolean
reads_as_address (const char *const *group,
                  const gsize       *len,
                  guint              n_groups)
{
  if (n_groups != 4)
    return FALSE;
  for (guint i = 0; i < n_groups; i++)
    if (len[i] > 3 || atoi (group[i]) > 255)
      return FALSE;
  return TRUE;
}

/* A dotted number is a version, a decimal or a date unless it is shaped
 * like 555.123.4567 or 06.12.34.56.78: three or more groups of two or
 * more digits. So 26.1, 17.4.1, 18.2.1 and 2026.11.2 stay as they are. */
static gboolean
reads_as_version (const gsize *len,
                  guint        n_groups,
                  guint        n_digits)
{
  if (n_groups == 2 || n_digits < PHONE_MIN_DIGITS)
    return TRUE;
  for (guint i = 0; i < n_groups; i++)
    if (len[i] == 1)
      return TRUE;
  return FALSE;
}

/* Whether the chunk s, n bytes, is a date, version or address rather
 * than (part of) a phone number. A leading "+" makes it a phone number. */
static gboolean
reads_as_not_phone (const char *s,
                    gsize       n,
                    guint       n_digits)
{
  const char *group[4];
  gsize len[4];
  guint n_groups = 0;
  gboolean only_dots = TRUE;

  if (s[0] == '+')
    return FALSE;
  if (reads_as_year_range (s, n))
    return TRUE;
  for (gsize i = 0; i < n;)
    {
      gsize start = i;

      while (i < n && g_ascii_isdigit (s[i]))
        i++;
      if (i > start)
        {
          if (n_groups == G_N_ELEMENTS (group))
            return FALSE;
          group[n_groups] = s + start;
          len[n_groups++] = i - start;
        }
      for (; i < n && !g_ascii_isdigit (s[i]); i++)
        only_dots = only_dots && s[i] == '.';
    }
  if (n_groups == 3 && reads_as_date (group, len))
    return TRUE;
  if (!only_dots || n_groups < 2)
    return FALSE;
  return reads_as_version (len, n_groups, n_digits) || reads_as_address (group, len, n_groups);
}

/* Counts digits, up to one more than a phone number may have. */
static guint
count_digits (const char *s,
              gsize       n)
{
  guint n_digits = 0;

  for (gsize i = 0; i < n && n_digits <= PHONE_MAX_DIGITS; i++)
    if (g_ascii_isdigit (s[i]))
      n_digits++;
  return n_digits;
}

static gboolean
has_inner_plus (const char *s,
                gsize       n)
{
  return n > 1 && memchr (s + 1, '+', n - 1) != NULL;
}

static ChunkKind
read_chunk (const Scan *scan,
            gsize       pos,
            Chunk      *chunk)
{
  const char *t = scan->text;
  gsize start = pos, end = pos;

  while (end < scan->len && is_chunk_char (t[end]))
    end++;
  chunk->raw_end = end;
  if (end == pos || is_glued_before (scan, pos) || is_glued_after (scan, end))
    return CHUNK_OTHER;
  if (end - pos == 1 && is_ascii_in (t[pos], "-/"))
    return CHUNK_CONNECTOR;

  /* "(" and "+" open a number, ")" closes one; other separators at the
   * edges are the sentence's */
  while (start < end && is_ascii_in (t[start], ".-/)"))
    start++;
  while (end > start && is_ascii_in (t[end - 1], ".-/(+"))
    end--;
  chunk->start = start;
  chunk->end = end;
  chunk->n_digits = count_digits (t + start, end - start);
  if (chunk->n_digits == 0 || chunk->n_digits > PHONE_MAX_DIGITS ||
      has_inner_plus (t + start, end - start) ||
      reads_as_not_phone (t + start, end - start, chunk->n_digits))
    return CHUNK_OTHER;
  return CHUNK_NUMBER;
}

/* The next part of a phone number after pos: a space, then digits, or a
 * space, a lone dash and a space, then digits ("555 - 1234"). */
static gboolean
read_next_chunk (const Scan *scan,
                 gsize       pos,
                 Chunk      *chunk)
{
  gsize next = skip_number_space (scan, pos);
  ChunkKind kind;

  if (next == pos)
    return FALSE;
  kind = read_chunk (scan, next, chunk);
  if (kind == CHUNK_CONNECTOR)
    {
      pos = chunk->raw_end;
      next = skip_number_space (scan, pos);
      if (next == pos)
        return FALSE;
      kind = read_chunk (scan, next, chunk);
    }
  return kind == CHUNK_NUMBER && !overlaps_taken (scan, next, chunk->raw_end);
}

/* Drops a "(" that is never closed and a ")" that was never opened:
 * "(call 555 123 4567)" keeps its brackets outside the placeholder. */
static void
balance_brackets (const Scan *scan,
                  Match      *match)
{
  const char *s = scan->text + match->start;
  gsize n = match->end - match->start;
  guint opened = 0, closed = 0;

  for (gsize i = 0; i < n; i++)
    {
      opened += s[i] == '(';
      closed += s[i] == ')';
    }
  if (s[0] == '(' && closed == 0)
    match->start++;
  if (s[n - 1] == ')' && closed > opened)
    match->end--;
}

static char *
digits_of (const char *s,
           gsize       n)
{
  GString *digits = g_string_sized_new (PHONE_MAX_DIGITS);

  for (gsize i = 0; i < n; i++)
    if (g_ascii_isdigit (s[i]))
      g_string_append_c (digits, s[i]);
  return g_string_free (digits, FALSE);
}

/* The part of a number on the next line, as a pasted or wrapped
 * "+44 20⏎7946 0958" has it: the break, a few spaces, then digits. */
static gboolean
read_chunk_after_break (const Scan *scan,
                        gsize       pos,
                        Chunk      *chunk)
{
  gsize next = skip_horizontal_space (scan, pos, 2);

  if (scan->text[next] == '\r')
    next++;
  if (scan->text[next] != '\n')
    return FALSE;
  next = skip_horizontal_space (scan, next + 1, 8);
  return read_chunk (scan, next, chunk) == CHUNK_NUMBER && !overlaps_taken (scan, next, chunk->raw_end);
}

/* Whether a number too short to be one opens like a phone number that a
 * line break cut: "+44 20", "(020)", "020", "555-123". A count or a step
 * number at the end of a line ("3 restarts", "Step 12") does not. */
static gboolean
begins_number (const Scan  *scan,
               const Match *match)
{
  const char *s = scan->text + match->start;
  gsize n = match->end - match->start;
  guint n_groups = 0;

  if (s[0] == '+' || s[0] == '(')
    return TRUE;
  for (gsize i = 0; i < n; i++)
    n_groups += g_ascii_isdigit (s[i]) && (i == 0 || !g_ascii_isdigit (s[i - 1]));
  return n_groups >= 2 || (s[0] == '0' && n >= 3);
}

/* Adds the parts that follow on the same line to the number in match. */
static void
extend_phone (const Scan *scan,
              Match      *match,
              guint      *n_digits,
              gsize      *next)
{
  Chunk chunk;

  while (read_next_chunk (scan, *next, &chunk) && *n_digits + chunk.n_digits <= PHONE_MAX_DIGITS)
    {
      match->end = chunk.end;
      *n_digits += chunk.n_digits;
      *next = chunk.raw_end;
    }
}

/* The phone number that starts with the chunk at pos. *next is where to
 * look on from: past it, or at a part that would have made it too long. */
static gboolean
read_phone (const Scan *scan,
            gsize       pos,
            Match      *match,
            gsize      *next)
{
  Chunk chunk;
  guint n_digits;

  if (read_chunk (scan, pos, &chunk) != CHUNK_NUMBER || overlaps_taken (scan, pos, chunk.raw_end))
    {
      *next = chunk.raw_end;
      return FALSE;
    }
  match->start = chunk.start;
  match->end = chunk.end;
  n_digits = chunk.n_digits;
  *next = chunk.raw_end;
  extend_phone (scan, match, &n_digits, next);
  /* only a number still too short goes on to the next line, so two
   * numbers on two lines stay two */
  if (n_digits < PHONE_MIN_DIGITS && begins_number (scan, match) &&
      read_chunk_after_break (scan, *next, &chunk) && n_digits + chunk.n_digits <= PHONE_MAX_DIGITS)
    {
      match->end = chunk.end;
      n_digits += chunk.n_digits;
      *next = chunk.raw_end;
      extend_phone (scan, match, &n_digits, next);
    }
  if (n_digits < PHONE_MIN_DIGITS)
    return FALSE;
  balance_brackets (scan, match);
  match->kind = BD_REDACTION_PHONE;
  match->digits = TRUE;
  match->key = digits_of (scan->text + match->start, match->end - match->start);
  return TRUE;
}

static void
find_phones (Scan *scan)
{
  gsize pos = 0;

  /* chunk characters are ASCII, so a byte step never starts one in the
   * middle of a multi-byte character */
  while (pos < scan->len)
    {
      Match match = { 0 };
      gsize next;

      if (!is_chunk_char (scan->text[pos]))
        {
          pos++;
          continue;
        }
      if (read_phone (scan, pos, &match, &next))
        g_array_append_val (scan->matches, match);
      pos = MAX (next, pos + 1);
    }
}

/* ---- e-mail addresses ---------------------------------------------- */

#define LOCAL_PART_MAX 64

/* The apostrophe of "o'brien", also as the phone's keyboard types it. */
static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_local_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || is_apostrophe (c) ||
         (c < 0x80 && is_ascii_in ((char) c, "._%+-&~"));
}

/* Start of the local part that ends at the "@" at pos, not before floor.
 * A leading dot or quote belongs to the sentence: 'jane@example.com'. */
static gsize
local_part_start (const Scan *scan,
                  gsize       at,
                  gsize       floor)
{
  gsize start = at;

  while (start > floor && is_local_char (char_before (scan, start)))
    start = g_utf8_find_prev_char (scan->text, scan->text + start) - scan->text;
  while (start < at && (scan->text[start] == '.' || is_apostrophe (char_at (scan, start))))
    start = g_utf8_next_char (scan->text + start) - scan->text;
  return start;
}

/* Start of a quoted local part that ends at the "@" at pos, such as
 * "jane doe"@example.com (or in the curly quotes a phone types), or at
 * if there is none. The look back stops after the longest local part. */
static gsize
quoted_local_start (const Scan *scan,
                    gsize       at,
                    gsize       floor)
{
  gunichar close = char_before (scan, at);
  gunichar open = close == 0x201D ? 0x201C : '"';
  const char *closing = g_utf8_find_prev_char (scan->text, scan->text + at);
  const char *p = closing;

  if (close != '"' && close != 0x201D)
    return at;
  for (guint n = 0; n < LOCAL_PART_MAX && p > scan->text + floor; n++)
    {
      gunichar c;

      p = g_utf8_find_prev_char (scan->text, p);
      c = g_utf8_get_char (p);
      if (c == '\n')
        return at;
      /* \" is a quote inside the quotes */
      if (c == open && (p == scan->text || p[-1] != '\\'))
        return p + 1 < closing ? (gsize) (p - scan->text) : at;
    }
  return at;
}

/* End of an address literal such as [192.168.1.1] or [IPv6:2001:db8::1]
 * at pos, or 0. */
static gsize
ip_literal_end (const Scan *scan,
                gsize       pos)
{
  guint n_digits = 0;

  if (scan->text[pos] != '[')
    return 0;
  for (gsize i = pos + 1; i < scan->len && i <= pos + LOCAL_PART_MAX; i++)
    {
      char c = scan->text[i];

      if (c == ']')
        return n_digits > 0 ? i + 1 : 0;
      if (!g_ascii_isxdigit (c) && !is_ascii_in (c, ".:IPVipv"))
        return 0;
      n_digits += g_ascii_isdigit (c);
    }
  return 0;
}

/* End of a domain of two or more labels whose last label is two or more
 * letters, or 0: "example.co.uk" in "example.co.uk." or "example.com.1". */
static gsize
domain_end (const Scan *scan,
            gsize       pos)
{
  gsize end = 0;

  for (guint n_labels = 1;; n_labels++)
    {
      gsize label = pos;
      guint n_chars = 0;
      gboolean letters = TRUE;
      gunichar c;

      while (c = char_at (scan, pos), g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '-')
        {
          letters = letters && (g_unichar_isalpha (c) || g_unichar_ismark (c));
          n_chars++;
          pos = g_utf8_next_char (scan->text + pos) - scan->text;
        }
      if (pos == label)
        return end;
      if (n_labels >= 2 && letters && n_chars >= 2)
        end = pos;
      if (char_at (scan, pos) != '.')
        return end;
      pos++;
    }
}

/* The address around the "@" at pos, its local part not before floor. */
static gboolean
read_email (const Scan *scan,
            gsize       at,
            gsize       floor,
            Match      *match)
{
  gsize start = quoted_local_start (scan, at, floor);
  gsize end = ip_literal_end (scan, at + 1);

  if (start == at)
    start = local_part_start (scan, at, floor);
  if (end == 0)
    end = domain_end (scan, at + 1);
  if (start == at || end == 0)
    return FALSE;
  match->start = start;
  match->end = end;
  match->kind = BD_REDACTION_EMAIL;
  match->digits = FALSE;
  match->key = g_utf8_casefold (scan->text + start, end - start);
  return TRUE;
}

static void
find_emails (Scan *scan)
{
  gsize pos = 0, floor = 0;
  const char *at;

  while (pos < scan->len && (at = memchr (scan->text + pos, '@', scan->len - pos)) != NULL)
    {
      Match match = { 0 };
      gsize i = at - scan->text;

      pos = i + 1;
      if (!read_email (scan, i, floor, &match))
        continue;
      if (overlaps_taken (scan, match.start, match.end))
        {
          match_clear (&match);
          continue;
        }
      g_array_append_val (scan->matches, match);
      floor = pos = match.end;
    }
}

/* ---- spelled-out e-mail addresses --------------------------------- */

/* "jane at example dot com", "jane (at) example (dot) com": how people
 * write an address to keep it from robots, in the app's languages. Each
 * word for "@" pairs only with its own words for ".", so "at that point"
 * or "à ce point" do not pair up. */
typedef struct
{
  const char *at;
  const char *dots[3];
  gboolean everyday; /* also an everyday word: "look at this dot com" */
} Spelling;

static const Spelling spellings[] = {
  { "at", { "dot", "punkt", NULL }, TRUE },
  { "arroba", { "punto", NULL }, FALSE },
  { "arobase", { "point", NULL }, FALSE },
};

/* Last labels an address spelled with the everyday "at" must end in: not
 * "on", "in", "it" or "me", so "the red dot on the icon" stays. */
static const char *const spelled_tlds[] = {
  "com", "net", "org", "edu", "gov", "info", "biz", "io", "eu", "uk", "de",
  "fr", "es", "ch", "nl", "se", "dk", "fi", "pl", "pt", "ie", "ca", "au",
  "nz", "jp", "cn", "ru", "br", "mx", "ar", "cl", "co", "icloud", "mail",
};

/* Words after "at" that begin a sentence's place, not a domain. */
static const char *const spelled_stopwords[] = {
  "the", "a", "an", "this", "that", "these", "those", "my", "your", "his",
  "her", "our", "their", "its", "least", "most", "all", "some", "home", "work",
};

/* Words before "at" that are the sentence's, not a mailbox: "look at
 * support dot apple dot com" names a web site. */
static const char *const spelled_local_stopwords[] = {
  "look", "looked", "me", "us", "him", "her", "them", "you", "and", "or",
  "is", "was", "are", "were", "be", "it", "that", "this", "there", "here",
  "not", "but", "then", "also", "just", "still", "again", "back", "up",
};

#define LABEL_MAX 63
#define SPELLED_LABELS_MAX 8

/* An address being read: what is known of it so far. */
typedef struct
{
  const Spelling *spelling;
  GString *key;      /* the address written plainly */
  guint n_spelled;   /* "." written as a word or in brackets */
  guint n_labels;    /* of the domain */
  gsize last_label;  /* start of the domain's last label */
  gboolean bracketed; /* "@" was "(at)", "[at]" or "{at}" */
} Spelled;

static gboolean
is_in (const char        *s,
       gsize              n,
       const char *const *words,
       gsize              n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (strlen (words[i]) == n && g_ascii_strncasecmp (s, words[i], n) == 0)
      return TRUE;
  return FALSE;
}

/* word at pos as a separator: between spaces (" at "), or in brackets
 * with or without spaces ("(at)", " [dot] "). Past it, or 0. */
static gsize
read_spelled_word (const Scan *scan,
                   gsize       pos,
                   const char *word,
                   gboolean   *bracketed)
{
  gsize start = skip_horizontal_space (scan, pos, 2);
  gsize n = strlen (word);
  const char *open = strchr ("([{", scan->text[start]);
  gsize end;

  if (scan->text[start] != '\0' && open != NULL)
    {
      char close = ")]}"[open - "([{"];

      if (g_ascii_strncasecmp (scan->text + start + 1, word, n) != 0 || scan->text[start + 1 + n] != close)
        return 0;
      *bracketed = TRUE;
      return skip_horizontal_space (scan, start + n + 2, 2);
    }
  if (start == pos || !is_word_at (scan, start, word))
    return 0;
  end = skip_horizontal_space (scan, start + n, 2);
  *bracketed = FALSE;
  return end > start + n ? end : 0;
}

/* A "." of the address at pos: one of the spelling's words, or the dot
 * itself before more of the address. Past it, or 0. */
static gsize
read_spelled_dot (const Scan *scan,
                  gsize       pos,
                  Spelled    *sp,
                  gboolean   *spelled)
{
  gboolean bracketed;

  *spelled = FALSE;
  if (scan->text[pos] == '.' && is_wordish (char_at (scan, pos + 1)))
    return pos + 1;
  *spelled = TRUE;
  for (guint i = 0; sp->spelling->dots[i] != NULL; i++)
    {
      gsize next = read_spelled_word (scan, pos, sp->spelling->dots[i], &bracketed);

      if (next != 0)
        return next;
    }
  return 0;
}

/* End of a run of at most max bytes of characters that pass is_part, or
 * pos if there is none or it is longer. */
static gsize
run_end (const Scan *scan,
         gsize       pos,
         gsize       max,
         gboolean  (*is_part) (gunichar c))
{
  gsize end = pos;

  while (end - pos <= max && is_part (char_at (scan, end)))
    end = g_utf8_next_char (scan->text + end) - scan->text;
  return end - pos > max ? pos : end;
}

static gboolean
is_label_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '-';
}

/* "jane", "jane.doe" or "jane dot doe" at pos, into the key; its end or 0. */
static gsize
read_spelled_local (const Scan *scan,
                    gsize       pos,
                    Spelled    *sp)
{
  gsize end = run_end (scan, pos, LOCAL_PART_MAX, is_local_char);

  if (end == pos)
    return 0;
  g_string_append_len (sp->key, scan->text + pos, end - pos);
  for (guint i = 0; i < 3; i++)
    {
      gboolean spelled;
      gsize next = read_spelled_dot (scan, end, sp, &spelled);
      gsize word_end = next != 0 ? run_end (scan, next, LOCAL_PART_MAX, is_local_char) : 0;

      if (word_end <= next)
        break;
      g_string_append_c (sp->key, '.');
      g_string_append_len (sp->key, scan->text + next, word_end - next);
      sp->n_spelled += spelled;
      end = word_end;
    }
  return end;
}

/* "example dot co dot uk" or "example.com" at pos, into the key; the
 * end of its last label. */
static gsize
read_spelled_domain (const Scan *scan,
                     gsize       pos,
                     Spelled    *sp)
{
  gsize end = 0;
  gboolean spelled = FALSE;

  for (guint i = 0; i < SPELLED_LABELS_MAX; i++)
    {
      gsize label_end = run_end (scan, pos, LABEL_MAX, is_label_char);

      if (label_end == pos)
        break;
      if (i > 0)
        g_string_append_c (sp->key, '.');
      g_string_append_len (sp->key, scan->text + pos, label_end - pos);
      sp->n_spelled += spelled;
      sp->n_labels++;
      sp->last_label = pos;
      end = label_end;
      pos = read_spelled_dot (scan, end, sp, &spelled);
      if (pos == 0)
        break;
    }
  return end;
}

static gboolean
is_letters (const char *s,
            gsize       n)
{
  for (const char *p = s; p < s + n; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Whether what was read is an address and not words of a sentence. */
static gboolean
spelled_is_address (const Scan    *scan,
                    const Spelled *sp,
                    gsize          start,
                    gsize          domain,
                    gsize          end)
{
  const char *last = scan->text + sp->last_label;
  gsize n = end - sp->last_label;

  if (sp->n_labels < 2 || n < 2 || !is_letters (last, n))
    return FALSE;
  /* "jane at example.com" could be "look at apple.com": only a word
   * written out or a bracket says it is an address */
  if (sp->n_spelled == 0 && !sp->bracketed)
    return FALSE;
  if (!sp->spelling->everyday || sp->bracketed)
    return TRUE;
  return is_in (last, n, spelled_tlds, G_N_ELEMENTS (spelled_tlds)) &&
         !is_in (scan->text + domain, run_end (scan, domain, LABEL_MAX, is_label_char) - domain,
                 spelled_stopwords, G_N_ELEMENTS (spelled_stopwords)) &&
         !is_in (scan->text + start, run_end (scan, start, LOCAL_PART_MAX, is_local_char) - start,
                 spelled_local_stopwords, G_N_ELEMENTS (spelled_local_stopwords));
}

/* The address spelled with spelling that starts at pos, or FALSE. */
static gboolean
read_spelled_as (const Scan     *scan,
                 gsize           pos,
                 const Spelling *spelling,
                 Match          *match)
{
  g_autoptr(GString) key = g_string_new (NULL);
  Spelled sp = { spelling, key, 0, 0, 0, FALSE };
  gsize local_end = read_spelled_local (scan, pos, &sp);
  gsize domain = local_end != 0 ? read_spelled_word (scan, local_end, spelling->at, &sp.bracketed) : 0;
  gsize end;

  if (domain == 0)
    return FALSE;
  g_string_append_c (key, '@');
  end = read_spelled_domain (scan, domain, &sp);
  if (end == 0 || !spelled_is_address (scan, &sp, pos, domain, end))
    return FALSE;
  match->start = pos;
  match->end = end;
  match->kind = BD_REDACTION_EMAIL;
  match->digits = FALSE;
  /* the same key as the address written plainly */
  match->key = g_utf8_casefold (key->str, key->len);
  return TRUE;
}

static gboolean
read_spelled_email (const Scan *scan,
                    gsize       pos,
                    Match      *match)
{
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    if (read_spelled_as (scan, pos, &spellings[i], match))
      return TRUE;
  return FALSE;
}

/* Tries each word start once; every try reads a bounded stretch. */
static void
find_spelled_emails (Scan *scan)
{
  gsize pos = 0;

  while (pos < scan->len)
    {
      Match match = { 0 };

      if (g_unichar_isalnum (char_at (scan, pos)) && !is_local_char (char_before (scan, pos)) &&
          read_spelled_email (scan, pos, &match))
        {
          if (!overlaps_taken (scan, match.start, match.end))
            {
              g_array_append_val (scan->matches, match);
              pos = match.end;
              continue;
            }
          match_clear (&match);
        }
      pos = g_utf8_next_char (scan->text + pos) - scan->text;
    }
}

/* ---- Apple Account names ------------------------------------------- */

/* What people call the account, in English and in the words of the
 * app's other catalogues (fr, es, de), old names and new. */
static const char *const account_words[][4] = {
  { "apple", "id", NULL },
  { "apple", "account", NULL },
  { "apple", "konto", NULL },
  { "identifiant", "apple", NULL },
  { "compte", "apple", NULL },
  { "id", "de", "apple", NULL },
  { "cuenta", "de", "apple", NULL },
};

/* Words between the account's name and its value: "is" and "name" in the
 * same languages. */
static const char *const account_is_words[] = { "is", "est", "es", "ist" };
static const char *const account_name_words[] = { "name", "nom", "nombre" };

/* The words at pos in any case, with spaces, one hyphen or nothing
 * between them: "Apple ID", "Apple-ID", "AppleID". Past them, or 0. */
static gsize
read_words (const Scan        *scan,
            gsize              pos,
            const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize n = strlen (words[i]);

      if (i > 0)
        {
          gsize next = skip_horizontal_space (scan, pos, 4);

          pos = next == pos && scan->text[pos] == '-' ? pos + 1 : next;
        }
      if (g_ascii_strncasecmp (scan->text + pos, words[i], n) != 0)
        return 0;
      pos += n;
    }
  return is_wordish (char_at (scan, pos)) ? 0 : pos;
}

/* After "Apple ID", "compte Apple" or another of account_words at pos:
 * the position past the words, or 0. */
static gsize
read_account_words (const Scan *scan,
                    gsize       pos)
{
  if (!g_ascii_isalpha (scan->text[pos]) || is_wordish (char_before (scan, pos)))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (account_words); i++)
    {
      gsize end = read_words (scan, pos, account_words[i]);

      if (end != 0)
        return end;
    }
  return 0;
}

/* The length of the first of words at pos, or 0. */
static gsize
word_in (const Scan        *scan,
         gsize              pos,
         const char *const *words,
         gsize              n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (is_word_at (scan, pos, words[i]))
      return strlen (words[i]);
  return 0;
}

/* Skips "name", ":", "is", "=" in any order; says whether one of them
 * announced a value. */
static gsize
read_account_separators (const Scan *scan,
                         gsize       pos,
                         gboolean   *colon,
                         gboolean   *is)
{
  for (;;)
    {
      gsize n;

      pos = skip_horizontal_space (scan, pos, G_MAXUINT);
      if (is_ascii_in (scan->text[pos], ":="))
        *colon = TRUE, pos++;
      else if ((n = word_in (scan, pos, account_is_words, G_N_ELEMENTS (account_is_words))) != 0)
        *is = TRUE, pos += n;
      else if ((n = word_in (scan, pos, account_name_words, G_N_ELEMENTS (account_name_words))) != 0)
        pos += n;
      else
        return pos;
    }
}

static gboolean
is_closing_punct (gunichar c)
{
  return (c < 0x80 && is_ascii_in ((char) c, ".,;:!?)]}>\"'")) ||
         c == 0x2019 || c == 0x201D || c == 0x00BB || c == 0x2026;
}

#define TOKEN_MAX 256

/* End of the non-space token at pos, without the sentence's punctuation.
 * No name is longer than TOKEN_MAX: "Apple-ID-Apple-ID-…" must not make
 * each of its words read to the end of the run. */
static gsize
token_end (const Scan *scan,
           gsize       pos)
{
  gsize end = pos;

  while (end < scan->len && end - pos < TOKEN_MAX && !g_unichar_isspace (char_at (scan, end)))
    end = g_utf8_next_char (scan->text + end) - scan->text;
  while (end > pos && is_closing_punct (char_before (scan, end)))
    end = g_utf8_find_prev_char (scan->text, scan->text + end) - scan->text;
  return end;
}

/* Whether the token reads as a name rather than as a word of a
 * sentence: "jane.doe", "jdoe42" but not "locked" in "is locked". */
static gboolean
looks_like_name (const Scan *scan,
                 gsize       start,
                 gsize       end)
{
  for (const char *p = scan->text + start; p < scan->text + end; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Whether a token that nothing announced is a user name all the same:
 * "jdoe42", "jane.doe", but not "settings", "2FA", a version such as
 * "v17.5" or the "1]" of a placeholder. */
static gboolean
looks_like_handle (const Scan *scan,
                   gsize       start,
                   gsize       end)
{
  gboolean letter = FALSE, other = FALSE;

  if (end - start < 4)
    return FALSE;
  for (gsize i = start; i < end; i++)
    {
      char c = scan->text[i];

      if (!g_ascii_isalnum (c) && !is_ascii_in (c, "._-+"))
        return FALSE;
      if (c == '.' && g_ascii_isdigit (scan->text[i + 1]))
        return FALSE;
      letter = letter || g_ascii_isalpha (c);
      other = other || !g_ascii_isalpha (c);
    }
  return letter && other;
}

static gboolean
read_account_email (const Scan *scan,
                    gsize       start,
                    gsize       end,
                    Match      *match)
{
  const char *at = memchr (scan->text + start, '@', end - start);

  if (at == NULL || !read_email (scan, at - scan->text, start, match))
    return FALSE;
  if (match->start == start)
    return TRUE;
  match_clear (match);
  return FALSE;
}

/* The account name in the token at start, which ends at end: an e-mail
 * address, a phone number (which may hold spaces), or any other token if
 * a ":" announced it. */
static gboolean
read_account_token (const Scan *scan,
                    gsize       start,
                    gsize       end,
                    gboolean    announced,
                    Match      *match)
{
  gsize next;

  if (read_account_email (scan, start, end, match) || read_spelled_email (scan, start, match) ||
      read_phone (scan, start, match, &next))
    return TRUE;
  if (end == start || !announced)
    return FALSE;
  match->start = start;
  match->end = end;
  match->digits = FALSE;
  match->key = g_utf8_casefold (scan->text + start, end - start);
  return TRUE;
}

/* "Apple ID: jdoe@example.com" at pos; only the name is taken. */
static gboolean
read_account (const Scan *scan,
              gsize       pos,
              Match      *match)
{
  gboolean colon = FALSE, is = FALSE, bracket = FALSE;
  gboolean announced;
  gsize start, end;

  pos = read_account_words (scan, pos);
  if (pos == 0)
    return FALSE;
  start = read_account_separators (scan, pos, &colon, &is);
  /* quotes around the name; but "(555) 123-4567" keeps its bracket */
  if (is_ascii_in (scan->text[start], "<\"'`"))
    start++;
  else if (scan->text[start] == '(' && !is_chunk_char (scan->text[start + 1]))
    bracket = TRUE, start++;
  /* a placeholder from an earlier pass, or a link in brackets */
  if (scan->text[start] == '[' || start >= scan->len)
    return FALSE;
  end = token_end (scan, start);
  /* "Apple ID (jdoe)": one word in brackets is the name; "Apple ID (the
   * one on my iPad)" is not */
  announced = colon || (bracket && scan->text[end] == ')') ||
              (is && looks_like_name (scan, start, end)) || looks_like_handle (scan, start, end);
  if (!read_account_token (scan, start, end, announced, match))
    return FALSE;
  match->kind = BD_REDACTION_ACCOUNT;
  return TRUE;
}

static void
find_accounts (Scan *scan)
{
  gsize pos = 0;

  while (pos < scan->len)
    {
      Match match = { 0 };

      if (read_account (scan, pos, &match))
        {
          g_array_append_val (scan->matches, match);
          pos = match.end;
        }
      else
        pos++;
    }
}

/* ---- putting it together ------------------------------------------- */

static gint
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *ma = a, *mb = b;

  return (ma->start > mb->start) - (ma->start < mb->start);
}

/* Every find in text, in order, none overlapping, [start, end) in
 * bytes of text itself. */
static GArray *
find_all (const char *text)
{
  gsize len = strlen (text);
  g_autofree gsize *offsets = NULL;
  g_autofree char *folded = fold_text (text, len, &offsets);
  Scan scan = { folded, strlen (folded), NULL, 0 };

  scan.matches = g_array_new (FALSE, TRUE, sizeof (Match));
  g_array_set_clear_func (scan.matches, match_clear);
  find_accounts (&scan);
  scan.n_taken = scan.matches->len;
  find_emails (&scan);
  g_array_sort (scan.matches, compare_matches);
  scan.n_taken = scan.matches->len;
  find_spelled_emails (&scan);
  g_array_sort (scan.matches, compare_matches);
  scan.n_taken = scan.matches->len;
  find_phones (&scan);
  g_array_sort (scan.matches, compare_matches);
  for (guint i = 0; i < scan.matches->len; i++)
    {
      Match *match = &g_array_index (scan.matches, Match, i);

      match->start = offsets[match->start];
      match->end = offsets[match->end];
    }
  return scan.matches;
}

/* "+1 555 123 4567" and "(555) 123-4567" are one number. */
static gboolean
same_number (const char *a,
             const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  if (la < lb)
    return same_number (b, a);
  return lb >= PHONE_MIN_DIGITS && strcmp (a + la - lb, b) == 0;
}

static gboolean
same_key (const Match *match,
          gboolean     digits,
          const char  *key)
{
  if (match->digits != digits)
    return FALSE;
  return digits ? same_number (match->key, key) : strcmp (match->key, key) == 0;
}

static Entry *
lookup_entry (BdRedactor  *self,
              const Match *match)
{
  if (!match->digits)
    return g_hash_table_lookup (self->by_address, match->key);
  for (guint i = 0; i < self->by_number->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->by_number, i);

      if (same_number (entry->key, match->key))
        return entry;
    }
  return NULL;
}

/* An address or number given as an Apple Account anywhere in this text
 * is that account wherever it appears in it. One already replaced by an
 * earlier call keeps its placeholder: text handed out is not taken back,
 * and one thing must not show under two names. */
static BdRedactionKind
kind_in_text (const Match  *match,
              const GArray *matches)
{
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *other = &g_array_index (matches, Match, i);

      if (other->kind == BD_REDACTION_ACCOUNT && same_key (other, match->digits, match->key))
        return BD_REDACTION_ACCOUNT;
    }
  return match->kind;
}

static char *
make_placeholder (BdRedactionKind kind,
                  guint           n)
{
  switch (kind)
    {
    case BD_REDACTION_PHONE:
      /* Translators: replaces a phone number in a report a person shares;
       * %u tells the different numbers apart: [phone 1], [phone 2] */
      return g_strdup_printf (_("[phone %u]"), n);
    case BD_REDACTION_EMAIL:
      /* Translators: replaces an e-mail address in a report a person
       * shares; %u tells the different addresses apart */
      return g_strdup_printf (_("[e-mail %u]"), n);
    case BD_REDACTION_ACCOUNT:
      /* Translators: replaces an Apple Account name (Apple ID) in a report
       * a person shares; %u tells the different accounts apart */
      return g_strdup_printf (_("[Apple Account %u]"), n);
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static Entry *
add_entry (BdRedactor      *self,
           const Match     *match,
           BdRedactionKind  kind,
           const char      *text)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->redaction.kind = kind;
  entry->redaction.placeholder = make_placeholder (kind, ++self->n_of_kind[kind]);
  entry->redaction.original = g_strndup (text + match->start, match->end - match->start);
  entry->key = g_strdup (match->key);
  entry->digits = match->digits;
  g_ptr_array_add (self->redactions, entry);
  if (entry->digits)
    g_ptr_array_add (self->by_number, entry);
  else
    g_hash_table_insert (self->by_address, entry->key, entry);
  return entry;
}

static char *
replace_matches (BdRedactor   *self,
                 const char   *text,
                 const GArray *matches)
{
  GString *out = g_string_sized_new (strlen (text));
  gsize pos = 0;

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *match = &g_array_index (matches, Match, i);
      Entry *entry = lookup_entry (self, match);

      if (entry == NULL)
        entry = add_entry (self, match, kind_in_text (match, matches), text);
      entry->redaction.count++;
      g_string_append_len (out, text + pos, match->start - pos);
      g_string_append (out, entry->redaction.placeholder);
      pos = match->end;
    }
  g_string_append (out, text + pos);
  return g_string_free (out, FALSE);
}

/* ---- the object ---------------------------------------------------- */

static void
bd_redactor_finalize (GObject *object)
{
  BdRedactor *self = BD_REDACTOR (object);

  g_clear_pointer (&self->by_address, g_hash_table_unref);
  g_clear_pointer (&self->by_number, g_ptr_array_unref);
  g_clear_pointer (&self->redactions, g_ptr_array_unref);

  G_OBJECT_CLASS (bd_redactor_parent_class)->finalize (object);
}

static void
bd_redactor_class_init (BdRedactorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_redactor_finalize;
}

static void
bd_redactor_init (BdRedactor *self)
{
  self->redactions = g_ptr_array_new_with_free_func (entry_free);
  self->by_address = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_number = g_ptr_array_new ();
}

BdRedactor *
bd_redactor_new (void)
{
  return g_object_new (BD_TYPE_REDACTOR, NULL);
}

/**
 * bd_redactor_apply:
 * @text: (nullable): free text of the report
 *
 * Returns: (transfer full) (nullable): @text with personal data replaced
 * by placeholders, numbered across every call on this redactor. Text that
 * is not valid UTF-8 is made valid first.
 */
char *
bd_redactor_apply (BdRedactor *self,
                   const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) matches = NULL;

  g_return_val_if_fail (BD_IS_REDACTOR (self), NULL);

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  matches = find_all (text);
  return replace_matches (self, text, matches);
}

/**
 * bd_redactor_get_redactions:
 *
 * Returns: (transfer none) (element-type BdRedaction): what was replaced
 * so far, in the order first found.
 */
GPtrArray *
bd_redactor_get_redactions (BdRedactor *self)
{
  g_return_val_if_fail (BD_IS_REDACTOR (self), NULL);

  return self->redactions;
}
