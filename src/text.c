/*
 * text: sets one paragraph of styled spans into lines.
 *
 * The stages, each a static function of its own:
 *   tokenise     decode the spans into characters; a run of white space
 *                becomes one gap between words, a newline span a forced
 *                break, a soft hyphen a break point on the character
 *                before it;
 *   pick_faces   the face that draws each character, and its advance;
 *   kern_chars   the pair kerning between neighbours that share a run;
 *   find_breaks  where each word may break: explicit hyphens, soft
 *                hyphens, the hyphenation callback (never in a URL or an
 *                e-mail address, never at or after a colon), and forced
 *                breaks inside pieces wider than the column; skipped for
 *                a paragraph that fits on its first line (fits_one_line);
 *   build_items  boxes, glue and penalties for para;
 *   para_break   the breaks (total fit);
 *   build_lines  runs of one look per line, word spaces, alignment.
 *
 * Widths are the font module's integer advances and pair kernings, the
 * ones the PDF is drawn with (each run carries its kerning), so a run is
 * exactly as wide as measured.  Each character's advance and kerning are
 * looked up once (pick_faces, kern_chars); a run's width is summed from
 * them as build_lines adds its characters, not measured again.  Para
 * sees the same kerning: inside boxes, in the glue of a space, and taken
 * back by a break between a pair.
 *
 * This module must never place lines on a page, nor draw.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "limit.h"
#include "para.h"
#include "text.h"

#define TOO_LOOSE	1000	/* adjustment ratio of a line without glue */
#define SOFT_HYPHEN	0x00AD
#define EN_DASH		0x2013
#define BMP_LAST	0xFFFF	/* libharu draws nothing above this */

#define RAGGED_STRETCH	3.0	/* [em] line-end stretch of ragged text */
#define FORCED_PENALTY	5000	/* a break inside a word without hyphen */
#define LINE_PENALTY	10	/* para: added to each line's badness */
#define FLAGGED_DEMERITS 3000	/* para: two hyphen lines in a row */
#define FITNESS_DEMERITS 100	/* para: a loose line beside a tight one */
#define EXCERPT_CHARS	30	/* characters of a word quoted in a warning */
#define OVERFULL_SLACK	0.01	/* [pt] a line this much wider is overfull */
#define FIT_MARGIN	0.01	/* [pt] see fits_one_line */

/* What follows a character. */
enum gap_kind {
	GAP_NONE,		/* the word goes on */
	GAP_SPACE,		/* an interword space */
	GAP_NEWLINE		/* a forced line break */
};

/* A break point after a character, inside a word. */
enum brk_kind {
	BRK_NONE,
	BRK_EXPLICIT,		/* after '-' or an en dash */
	BRK_HYPHEN,		/* soft hyphen or hyphenation point */
	BRK_FORCED,		/* between letters of a too-wide word */
	BRK__MAX
};

static const struct brk_look {
	int	flagged;	/* a hyphen line, for para */
	int	draws_hyphen;	/* params->hyphen ends the line */
	int	hyphen_penalty;	/* costs params->hyphen_penalty, else
				   FORCED_PENALTY */
	int	ragged;		/* the line it ends is ragged even in
				   justified text */
} brk_looks[BRK__MAX] = {
	{ 0, 0, 0, 0 },		/* BRK_NONE */
	{ 1, 0, 1, 0 },		/* BRK_EXPLICIT */
	{ 1, 1, 1, 0 },		/* BRK_HYPHEN */
	{ 0, 0, 0, 1 },		/* BRK_FORCED */
};

static const struct align_look {
	double	shift;		/* share of the free space before the line */
	int	justify;	/* word spaces fill the measure */
} align_looks[] = {
	{ 0.0, 0 },		/* ALIGN_LEFT */
	{ 1.0, 0 },		/* ALIGN_RIGHT */
	{ 0.5, 0 },		/* ALIGN_CENTER */
	{ 0.0, 1 },		/* ALIGN_JUSTIFY */
};

/* One character to draw, in paragraph order. */
struct tchar {
	uint32_t	 cp;
	size_t		 span;		/* index into the spans */
	face_id		 face;		/* the face that draws it */
	int		 advance;	/* [1/1000 em] in face */
	double		 width;		/* [pt] advance */
	double		 kern;		/* [pt] kerning with the next character
					   when both are in one word and run */
	int		 kern_next;	/* [1/1000 em] kerning with what
					   follows when they share a run: the
					   space of a GAP_SPACE, else the next
					   character */
	int		 kern_space;	/* [1/1000 em] GAP_SPACE: that space's
					   kerning with the next character */
	enum brk_kind	 brk;		/* a break point after it */
	enum gap_kind	 gap;		/* what follows it */
	size_t		 gap_span;	/* the span holding that space */
};

struct setter {
	struct fonts		*fonts;
	const struct span	*spans;
	size_t			 nspans;
	const struct text_params *params;
	const struct align_look	*align;
	struct tchar		*c;
	size_t			 nc, capc;
	enum gap_kind		 pending;	/* white space or newline seen */
	size_t			 pending_span;
	uint32_t		*warned;	/* code points reported */
	size_t			 nwarned, capwarned;
	struct para_item	*items;
	size_t			*item_char;	/* where a break there splits */
	size_t			 nitems, capitems;
	struct strbuf		 word;		/* hyphenate_part's, reused */
	size_t			*owner;		/* its character per byte */
	unsigned char		*breaks;	/* the callback's answer */
	size_t			 capword;	/* of owner and breaks */
	uint32_t		 hyphen_first;	/* params->hyphen's first code
						   point; 0: none is drawn */
	face_id			 hyphen_face;	/* hyphen_units is measured in
						   it; -1: not yet */
	long			 hyphen_units;	/* [1/1000 em] params->hyphen */
	struct text_line	*lines;		/* build_lines' */
	size_t			 caplines;
	struct text_run		*runs;		/* the lines' runs, in order */
	struct run_at		*run_at;	/* where each one's text and
						   kerning begin */
	size_t			 nruns, capruns;
	struct strbuf		 run_text;	/* the runs' text, each with its
						   NUL */
	struct kern_pair	*run_pairs;	/* their kerning (font.h) */
	size_t			 npairs, cap_pairs;
};

/* Where a run's text and kerning begin in the setter's buffers. */
struct run_at {
	size_t		 text;		/* in run_text */
	size_t		 kern;		/* in run_pairs */
};

/* What text_set keeps between paragraphs: a setter's buffers. */
struct text_scratch {
	struct setter	 s;
};

/* The line being built. */
struct line_build {
	size_t			 first;		/* its first run */
	size_t			 span;		/* where the last run began */
	double			 shrink;	/* [pt] of its spaces */
	long			 units;		/* [1/1000 em] the last run's
						   advances and kerning */
	size_t			 ncp;		/* its code points */
	uint32_t		 last;		/* its last code point */
	size_t			 kerned_at;	/* the glyph of its last pair */
};

static int	 is_space(uint32_t);
static int	 is_letter(uint32_t);
static int	 is_dash(uint32_t);
static int	 str_eq(const char *, const char *);
static void	 excerpt(const struct setter *, size_t, size_t,
		    struct strbuf *);
static int	 warn_once(struct setter *, uint32_t);
static void	 warn_char(struct setter *, size_t, uint32_t, const char *);
static void	 push_char(struct setter *, size_t, uint32_t);
static void	 tokenise_char(struct setter *, size_t, uint32_t);
static void	 tokenise(struct setter *);
static int	 too_many_words(const struct setter *);
static void	 pick_faces(struct setter *);
static int	 looks_alike(const struct span *, face_id,
		    const struct span *, face_id);
static int	 kern_units(const struct setter *, size_t, face_id, uint32_t,
		    size_t, face_id, uint32_t);
static void	 kern_chars(struct setter *);
static double	 space_width(const struct setter *, size_t);
static double	 gap_width(const struct setter *, size_t);
static uint32_t	 first_code_point(const char *);
static double	 hyphen_width(struct setter *, size_t);
static double	 narrowest(const struct setter *);
static size_t	 word_end(const struct setter *, size_t);
static int	 is_address(const struct setter *, size_t, size_t);
static void	 explicit_hyphens(struct setter *, size_t, size_t);
static void	 hyphenate_part(struct setter *, size_t, size_t);
static void	 hyphenate(struct setter *, size_t, size_t);
static void	 keep_breaks(struct setter *, size_t, size_t);
static void	 force_breaks(struct setter *, size_t, size_t);
static void	 word_breaks(struct setter *, size_t, size_t);
static void	 find_breaks(struct setter *);
static int	 fits_one_line(const struct setter *);
static void	 push_item(struct setter *, enum para_item_kind, double,
		    double, double, int, int, size_t);
static void	 items_break(struct setter *, size_t, int, int, double,
		    double, int);
static void	 items_gap(struct setter *, size_t);
static void	 items_finish(struct setter *, size_t);
static void	 build_items(struct setter *);
static double	 line_width(size_t, void *);
static void	 run_close(struct setter *, struct line_build *);
static void	 run_measure(struct setter *, struct line_build *, uint32_t,
		    int, int);
static void	 run_add(struct setter *, struct line_build *, size_t,
		    face_id, uint32_t, int, int);
static void	 run_add_hyphen(struct setter *, struct line_build *);
static void	 line_reserve(struct setter *, size_t);
static void	 line_runs(struct setter *, struct line_build *, size_t,
		    size_t, int);
static void	 line_place(struct setter *, struct text_line *, size_t,
		    double, int);
static void	 build_line(struct setter *, const struct para_line *,
		    size_t, struct text_block *);
static void	 build_lines(struct setter *, const struct para_result *,
		    struct text_block *);
static void	 setter_free(struct setter *);

/* --- characters --- */

/* White space: ASCII space and every C0 control (tab, newline, ...). */
static int
is_space(uint32_t cp)
{
	return cp <= 0x20 || cp == 0x7F;
}

/* A letter of the Latin, Greek or Cyrillic scripts (roughly). */
static int
is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	return cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7;
}

static int
is_dash(uint32_t cp)
{
	return cp == '-' || cp == EN_DASH;
}

static int
str_eq(const char *a, const char *b)
{
	if (a == b || a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The characters [a, b) for a message, shortened. */
static void
excerpt(const struct setter *s, size_t a, size_t b, struct strbuf *out)
{
	char	u[4];
	size_t	i;

	for (i = a; i < b && i - a < EXCERPT_CHARS; i++)
		strbuf_append(out, u, utf8_encode(s->c[i].cp, u));
	if (i < b)
		strbuf_puts(out, "\xE2\x80\xA6");
}

/* Whether cp is reported for the first time in this paragraph. */
static int
warn_once(struct setter *s, uint32_t cp)
{
	size_t	i;

	for (i = 0; i < s->nwarned; i++)
		if (s->warned[i] == cp)
			return 0;
	if (s->nwarned == s->capwarned) {
		s->capwarned = s->capwarned ? 2 * s->capwarned : 8;
		s->warned = xrealloc(s->warned,
		    s->capwarned * sizeof(*s->warned));
	}
	s->warned[s->nwarned++] = cp;
	return 1;
}

/* Report a character that cannot be drawn as it should, once. */
static void
warn_char(struct setter *s, size_t span, uint32_t cp, const char *what)
{
	char	u[5];

	if (!warn_once(s, cp))
		return;
	u[utf8_encode(cp, u)] = '\0';
	diag_warning(&s->spans[span].pos, "character U+%04X (%s) %s",
	    (unsigned)cp, u, what);
}

/* --- stage 1: tokenise --- */

static void
push_char(struct setter *s, size_t span, uint32_t cp)
{
	struct tchar	*c;

	if (s->nc > 0 && s->pending != GAP_NONE) {
		s->c[s->nc - 1].gap = s->pending;
		s->c[s->nc - 1].gap_span = s->pending_span;
	}
	s->pending = GAP_NONE;
	if (s->nc == s->capc) {
		s->capc = s->capc ? 2 * s->capc : 64;
		s->c = xrealloc(s->c, s->capc * sizeof(*s->c));
	}
	c = &s->c[s->nc++];
	memset(c, 0, sizeof(*c));
	c->cp = cp;
	c->span = span;
}

static void
tokenise_char(struct setter *s, size_t span, uint32_t cp)
{
	if (is_space(cp)) {
		if (s->pending == GAP_NONE) {
			s->pending = GAP_SPACE;
			s->pending_span = span;
		}
	} else if (cp == SOFT_HYPHEN) {
		if (s->nc > 0 && s->pending == GAP_NONE)
			s->c[s->nc - 1].brk = BRK_HYPHEN;
	} else if (cp > BMP_LAST)
		warn_char(s, span, cp, "cannot be drawn: the PDF fonts reach "
		    "only U+FFFF, so it is left out: replace it with a "
		    "character up to U+FFFF, or with words");
	else
		push_char(s, span, cp);
}

/*
 * Characters of all spans in order.  Leading and trailing white space
 * is dropped; a run of it inside becomes one gap, held by the span of
 * its first character.
 */
static void
tokenise(struct setter *s)
{
	const struct span	*sp;
	size_t			 k, off, n, bytes = 0;
	uint32_t		 cp;

	for (k = 0; k < s->nspans; k++)
		bytes += s->spans[k].len;
	if (bytes > s->capc) {		/* no more characters than bytes */
		s->capc = bytes;
		s->c = xrealloc(s->c, s->capc * sizeof(*s->c));
	}
	for (k = 0; k < s->nspans; k++) {
		sp = &s->spans[k];
		if (sp->newline && s->nc > 0) {
			s->pending = GAP_NEWLINE;
			s->pending_span = k;
		}
		for (off = 0; off < sp->len; off += n) {
			if ((n = utf8_decode(sp->text + off, sp->len - off,
			    &cp)) == 0)
				n = 1;
			tokenise_char(s, k, cp);
		}
	}
}

/*
 * A paragraph of more than LIMIT_PARA_WORDS words is refused (reported
 * at its first span): the line breaker's time and memory grow with it.
 */
static int
too_many_words(const struct setter *s)
{
	size_t	i, words = 1;

	for (i = 0; i < s->nc; i++)
		if (s->c[i].gap != GAP_NONE)
			words++;
	if (words <= LIMIT_PARA_WORDS)
		return 0;
	diag_error(&s->spans[0].pos, "this paragraph has %zu words, more "
	    "than the limit of %d: split it into several paragraphs", words,
	    LIMIT_PARA_WORDS);
	return 1;
}

/* --- stage 2: faces and advances --- */

static void
pick_faces(struct setter *s)
{
	const struct span	*sp;
	struct tchar		*c;
	size_t			 i;

	for (i = 0; i < s->nc; i++) {
		c = &s->c[i];
		sp = &s->spans[c->span];
		assert(sp->face >= 0);
		if ((c->face = fonts_pick(s->fonts, sp->face, c->cp)) < 0) {
			warn_char(s, c->span, c->cp, "is in no font of the "
			    "style: add a fallback font that has it");
			c->face = sp->face;
		}
		c->advance = fonts_advance(s->fonts, c->face, c->cp);
		c->width = c->advance * sp->size / 1000.0;
	}
}

/* --- stage 2b: kerning --- */

/* Whether characters of span a in face fa and of span b in fb share a
 * run when they meet on a line (mostly they are of one span). */
static int
looks_alike(const struct span *a, face_id fa, const struct span *b,
    face_id fb)
{
	if (fa != fb)
		return 0;
	if (a == b)
		return 1;
	return a->size == b->size && a->color.r == b->color.r &&
	    a->color.g == b->color.g && a->color.b == b->color.b &&
	    a->rise == b->rise && str_eq(a->uri, b->uri) &&
	    str_eq(a->dest, b->dest) && a->node == b->node &&
	    str_eq(a->pos.file, b->pos.file) &&
	    a->pos.line == b->pos.line;
}

/* [1/1000 em] the kerning between two characters (span, face, code
 * point) drawn side by side: none unless they share a run. */
static int
kern_units(const struct setter *s, size_t sa, face_id fa, uint32_t a,
    size_t sb, face_id fb, uint32_t b)
{
	if (!looks_alike(&s->spans[sa], fa, &s->spans[sb], fb))
		return 0;
	return fonts_kern(s->fonts, fa, a, b);
}

/* Each character's kerning with what follows it: once, for the boxes,
 * the glue and the runs. */
static void
kern_chars(struct setter *s)
{
	struct tchar	*c;
	size_t		 i, sp;
	face_id		 face;

	for (i = 0; i + 1 < s->nc; i++) {
		c = &s->c[i];
		if (c->gap == GAP_SPACE) {
			sp = c->gap_span;
			face = s->spans[sp].face;
			c->kern_next = kern_units(s, c->span, c->face, c->cp,
			    sp, face, ' ');
			c->kern_space = kern_units(s, sp, face, ' ', c[1].span,
			    c[1].face, c[1].cp);
			continue;
		}
		c->kern_next = kern_units(s, c->span, c->face, c->cp,
		    c[1].span, c[1].face, c[1].cp);
		if (c->gap == GAP_NONE)
			c->kern = c->kern_next * s->spans[c->span].size /
			    1000.0;
	}
}

/* --- stage 3: break points inside words --- */

/* [pt] the space of a span, in its own face. */
static double
space_width(const struct setter *s, size_t span)
{
	const struct span	*sp = &s->spans[span];

	return fonts_advance(s->fonts, sp->face, ' ') * sp->size / 1000.0;
}

/* [pt] the natural width of the space after character i, kerned to the
 * characters on both sides. */
static double
gap_width(const struct setter *s, size_t i)
{
	const struct tchar	*c = &s->c[i];

	return space_width(s, c->gap_span) +
	    c->kern_next * s->spans[c->span].size / 1000.0 +
	    c->kern_space * s->spans[c->gap_span].size / 1000.0;
}

/*
 * [pt] the hyphen drawn after character i, kerned to it (in its run).
 * The hyphen itself is measured once per face in a row.
 */
static double
hyphen_width(struct setter *s, size_t i)
{
	const char		*h = s->params->hyphen;
	const struct tchar	*c = &s->c[i];
	double			 size = s->spans[c->span].size;

	if (s->hyphen_first == 0)
		return 0.0;
	if (s->hyphen_face != c->face) {
		s->hyphen_face = c->face;
		s->hyphen_units = fonts_units_kerned(s->fonts, c->face, h,
		    strlen(h));
	}
	return (double)s->hyphen_units * size / 1000.0 +
	    fonts_kern(s->fonts, c->face, c->cp, s->hyphen_first) * size /
	    1000.0;
}

/* The first code point of h; 0 when h is NULL or does not start with
 * valid UTF-8. */
static uint32_t
first_code_point(const char *h)
{
	uint32_t	cp;

	if (h == NULL || utf8_decode(h, strlen(h), &cp) == 0)
		return 0;
	return cp;
}

/* [pt] the narrowest line of the paragraph. */
static double
narrowest(const struct setter *s)
{
	const struct text_params *p = s->params;

	return p->indent > 0.0 ? p->width - p->indent : p->width;
}

/* One past the last character of the word that starts at a. */
static size_t
word_end(const struct setter *s, size_t a)
{
	while (a + 1 < s->nc && s->c[a].gap == GAP_NONE)
		a++;
	return a + 1;
}

/* Whether the word [a, b) is a URL or an e-mail address. */
static int
is_address(const struct setter *s, size_t a, size_t b)
{
	static const char	*const marks[] = { "://", "www." };
	size_t			 i, k, j;

	for (i = a; i < b; i++) {
		if (s->c[i].cp == '@')
			return 1;
		for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
			for (j = 0; marks[k][j] != '\0' && i + j < b; j++)
				if (s->c[i + j].cp != (uint32_t)marks[k][j])
					break;
			if (marks[k][j] == '\0')
				return 1;
		}
	}
	return 0;
}

/* After a hyphen or en dash with 2 characters before and a letter after. */
static void
explicit_hyphens(struct setter *s, size_t a, size_t b)
{
	size_t	h;

	for (h = a + 2; h + 1 < b; h++)
		if (is_dash(s->c[h].cp) && is_letter(s->c[h + 1].cp))
			s->c[h].brk = BRK_EXPLICIT;
}

/*
 * Ask the hyphenation callback about the dash-free part [a, b).  The
 * word, its owners and the answer live in the setter, reused.
 */
static void
hyphenate_part(struct setter *s, size_t a, size_t b)
{
	struct strbuf	*word = &s->word;
	size_t		 i, k, len;

	if ((b - a) * UTF8_MAX > s->capword) {
		s->capword = 2 * (b - a) * UTF8_MAX;
		s->owner = xrealloc(s->owner, s->capword * sizeof(*s->owner));
		s->breaks = xrealloc(s->breaks, s->capword);
	}
	word->len = 0;
	for (i = a; i < b; i++) {
		len = word->len;
		strbuf_put_cp(word, s->c[i].cp);
		for (k = len; k < word->len; k++)
			s->owner[k] = i;
	}
	memset(s->breaks, 0, word->len);
	s->params->hyphenate(s->params->hyphenate_arg, word->data, word->len,
	    s->breaks);
	for (i = 0; i < word->len; i++)
		if (s->breaks[i] && s->owner[i] + 1 < b &&
		    s->c[s->owner[i]].brk == BRK_NONE)
			s->c[s->owner[i]].brk = BRK_HYPHEN;
}

/*
 * The callback's points in [a, b), unless the author placed soft
 * hyphens; each part between dashes is hyphenated on its own.
 */
static void
hyphenate(struct setter *s, size_t a, size_t b)
{
	size_t	i, part;

	if (s->params->hyphenate == NULL)
		return;
	for (i = a; i < b; i++)
		if (s->c[i].brk == BRK_HYPHEN)
			return;
	for (part = i = a; i <= b; i++)
		if (i == b || is_dash(s->c[i].cp)) {
			if (i - part >= 2)
				hyphenate_part(s, part, i);
			part = i + 1;
		}
}

/*
 * Keep the break points of [a, b) that may stay: none after the last
 * character, none inside a nobreak span.
 */
static void
keep_breaks(struct setter *s, size_t a, size_t b)
{
	size_t	i;

	for (i = a; i < b; i++)
		if (i + 1 == b || (s->c[i].span == s->c[i + 1].span &&
		    s->spans[s->c[i].span].nobreak))
			s->c[i].brk = BRK_NONE;
}

/*
 * Break by force between the characters of every piece of [a, b) (a
 * stretch between break points) that is wider than the narrowest line.
 */
static void
force_breaks(struct setter *s, size_t a, size_t b)
{
	struct strbuf	 ex = { NULL, 0, 0 };
	double		 w = 0.0, room = narrowest(s);
	size_t		 i, p;

	for (p = i = a; i < b; i++) {
		w += s->c[i].width;
		if (i + 1 < b && s->c[i].brk == BRK_NONE) {
			w += s->c[i].kern;
			continue;
		}
		if (brk_looks[s->c[i].brk].draws_hyphen)
			w += hyphen_width(s, i);
		if (w > room && i > p) {
			excerpt(s, p, i + 1, &ex);
			diag_warning(&s->spans[s->c[p].span].pos, "word \"%s\" "
			    "is wider than the column (%.1fpt > %.1fpt); it "
			    "was broken by force: add a soft hyphen (U+00AD) "
			    "where it may break", ex.data, w, room);
			strbuf_free(&ex);
			for (; p < i; p++)
				s->c[p].brk = BRK_FORCED;
		}
		w = 0.0;
		p = i + 1;
	}
}

/*
 * The break points of the word [a, b): none in an address; none at or
 * after a colon (Partner:innen); then forced ones where needed.
 */
static void
word_breaks(struct setter *s, size_t a, size_t b)
{
	size_t	i, colon = b;

	if (is_address(s, a, b)) {
		for (i = a; i < b; i++)
			s->c[i].brk = BRK_NONE;
	} else {
		for (i = a; i < b && colon == b; i++)
			if (s->c[i].cp == ':')
				colon = i;
		explicit_hyphens(s, a, colon);
		hyphenate(s, a, colon);
		for (i = colon > a ? colon - 1 : a; colon < b && i < b; i++)
			s->c[i].brk = BRK_NONE;
		keep_breaks(s, a, b);
	}
	force_breaks(s, a, b);
}

static void
find_breaks(struct setter *s)
{
	size_t	a, b;

	for (a = 0; a < s->nc; a = b) {
		b = word_end(s, a);
		word_breaks(s, a, b);
	}
}

/*
 * Whether the paragraph, every word and space at its natural width, fits
 * on its first line with FIT_MARGIN to spare.  Then para sets it on one
 * line whatever break points it has (any break makes two lines, each
 * with more demerits than the one), so they need not be found: no word
 * is hyphenated or broken by force.
 */
static int
fits_one_line(const struct setter *s)
{
	const struct tchar	*c;
	double			 w = 0.0;
	double			 room = s->params->width - s->params->indent;
	size_t			 i;

	for (i = 0; i < s->nc && w <= room; i++) {
		c = &s->c[i];
		w += c->width + c->kern;
		if (c->gap == GAP_NEWLINE)
			return 0;
		if (c->gap == GAP_SPACE)
			w += gap_width(s, i);
	}
	return w <= room - FIT_MARGIN;
}

/* --- stage 4: items for para --- */

static void
push_item(struct setter *s, enum para_item_kind kind, double width,
    double stretch, double shrink, int penalty, int flagged, size_t split)
{
	struct para_item	*it;

	if (s->nitems == s->capitems) {
		s->capitems = s->capitems ? 2 * s->capitems : 64;
		s->items = xrealloc(s->items, s->capitems * sizeof(*s->items));
		s->item_char = xrealloc(s->item_char,
		    s->capitems * sizeof(*s->item_char));
	}
	it = &s->items[s->nitems];
	it->kind = kind;
	it->width = width;
	it->stretch = stretch;
	it->shrink = shrink;
	it->penalty = penalty;
	it->flagged = flagged;
	s->item_char[s->nitems++] = split;
}

/*
 * A break point at split costing penalty, adding width [pt] when taken.
 * A ragged break gets a line-end stretch of RAGGED_STRETCH em [pt] that
 * only counts where the line breaks.
 */
static void
items_break(struct setter *s, size_t split, int penalty, int flagged,
    double width, double em, int ragged)
{
	double	r = RAGGED_STRETCH * em;

	if (!ragged) {
		push_item(s, PARA_PENALTY, width, 0, 0, penalty, flagged,
		    split);
		return;
	}
	push_item(s, PARA_PENALTY, 0, 0, 0, PARA_INFINITY, 0, split);
	push_item(s, PARA_GLUE, 0, r, 0, 0, 0, split);
	push_item(s, PARA_PENALTY, width, 0, 0, penalty, flagged, split);
	push_item(s, PARA_GLUE, 0, -r, 0, 0, 0, split);
}

/*
 * The interword space after character i: glue that stretches and
 * shrinks in justified text, a fixed space in ragged text (where the
 * line-end stretch sits on the break before it), as wide as the space
 * and its kerning with both neighbours.  A nobreak span's space is
 * guarded by a penalty that forbids the break.
 */
static void
items_gap(struct setter *s, size_t i)
{
	const struct text_params *p = s->params;
	const struct tchar	*c = &s->c[i];
	size_t			 sp = c->gap_span;
	double			 em = s->spans[sp].size;
	double			 stretch = 0.0, shrink = 0.0;

	if (s->align->justify) {
		stretch = p->space_stretch * em;
		shrink = p->space_shrink * em;
	}
	if (s->spans[sp].nobreak)
		push_item(s, PARA_PENALTY, 0, 0, 0, PARA_INFINITY, 0, i + 1);
	else if (!s->align->justify)
		items_break(s, i + 1, 0, 0, 0.0, em, 1);
	push_item(s, PARA_GLUE, gap_width(s, i), stretch, shrink, 0, 0,
	    i + 1);
}

/* The end of a paragraph or of a line ended by a newline span. */
static void
items_finish(struct setter *s, size_t split)
{
	push_item(s, PARA_PENALTY, 0, 0, 0, PARA_INFINITY, 0, split);
	push_item(s, PARA_GLUE, 0, PARA_FIL, 0, 0, 0, split);
	push_item(s, PARA_PENALTY, 0, 0, 0, -PARA_INFINITY, 0, split);
}

/*
 * One box per stretch between break points and gaps.  A box holds the
 * kerning with the character after it; a break there takes it back.
 */
static void
build_items(struct setter *s)
{
	const struct brk_look	*bl;
	const struct tchar	*c;
	double			 w = 0.0;
	size_t			 i, start = 0;

	for (i = 0; i < s->nc; i++) {
		c = &s->c[i];
		w += c->width + c->kern;
		if (i + 1 < s->nc && c->gap == GAP_NONE && c->brk == BRK_NONE)
			continue;
		push_item(s, PARA_BOX, w, 0, 0, 0, 0, start);
		w = 0.0;
		start = i + 1;
		bl = &brk_looks[c->brk];
		if (i + 1 == s->nc || c->gap == GAP_NEWLINE)
			items_finish(s, i + 1);
		else if (c->gap == GAP_SPACE)
			items_gap(s, i);
		else
			items_break(s, i + 1, bl->hyphen_penalty ?
			    s->params->hyphen_penalty : FORCED_PENALTY,
			    bl->flagged, (bl->draws_hyphen ?
			    hyphen_width(s, i) : 0.0) - c->kern,
			    s->spans[c->span].size,
			    bl->ragged || !s->align->justify);
	}
}

/* [pt] width of line number line (the first is indented); arg: setter. */
static double
line_width(size_t line, void *arg)
{
	const struct setter	*s = arg;

	return line == 0 ? s->params->width - s->params->indent :
	    s->params->width;
}

/* --- stage 6: lines and runs --- */

/*
 * End the line's last run: its width and kerning, summed as its
 * characters were added (what fonts_width_kerned() would measure), and
 * the NUL after its text.
 */
static void
run_close(struct setter *s, struct line_build *lb)
{
	struct text_run	*r;

	if (s->nruns == lb->first)
		return;
	r = &s->runs[s->nruns - 1];
	r->width = (double)lb->units * r->size / 1000.0;
	r->nkern = s->npairs - s->run_at[s->nruns - 1].kern;
	s->run_text.len++;		/* run_add left the NUL there */
	lb->units = 0;
	lb->ncp = 0;
	lb->kerned_at = 0;
}

/*
 * Count code point cp, of advance [1/1000 em], into the last run, kerned
 * by kern [1/1000 em] to the one before it (none for the first).
 */
static void
run_measure(struct setter *s, struct line_build *lb, uint32_t cp,
    int advance, int kern)
{
	struct text_run	*r = &s->runs[s->nruns - 1];

	if (lb->ncp > 0 && kern != 0) {
		s->npairs = kern_pairs_add(&s->run_pairs, s->npairs,
		    &s->cap_pairs, &lb->kerned_at, lb->ncp - 1, kern);
		lb->units += kern;
	}
	lb->ncp++;
	lb->units += advance;
	lb->last = cp;
	r->spaces += cp == ' ';
}

void
text_run_start(struct text_run *r, const struct span *sp, size_t span,
    face_id face)
{
	memset(r, 0, sizeof(*r));
	r->face = face;
	r->size = sp->size;
	r->color = sp->color;
	r->rise = sp->rise;
	r->uri = sp->uri;
	r->dest = sp->dest;
	r->node = sp->node;
	r->pos = sp->pos;
	r->span = span;
}

/* A new run of span number span, drawn in face, after the others. */
static void
run_open(struct setter *s, size_t span, face_id face)
{
	if (s->nruns == s->capruns) {
		s->capruns = s->capruns ? 2 * s->capruns : 16;
		s->runs = xrealloc(s->runs, s->capruns * sizeof(*s->runs));
		s->run_at = xrealloc(s->run_at,
		    s->capruns * sizeof(*s->run_at));
	}
	s->run_at[s->nruns] = (struct run_at){ s->run_text.len, s->npairs };
	text_run_start(&s->runs[s->nruns++], &s->spans[span], span, face);
}

/*
 * Add character cp of a span, drawn in face with its advance [1/1000 em],
 * to the line's runs; kern [1/1000 em] is its kerning with the character
 * added before it, should they share a run.
 */
static void
run_add(struct setter *s, struct line_build *lb, size_t span, face_id face,
    uint32_t cp, int advance, int kern)
{
	const struct span	*sp = &s->spans[span];

	if (s->nruns == lb->first || !looks_alike(&s->spans[lb->span],
	    s->runs[s->nruns - 1].face, sp, face)) {
		run_close(s, lb);
		lb->span = span;
		run_open(s, span, face);
	}
	assert(s->run_text.len + UTF8_MAX < s->run_text.cap);
	s->run_text.len += utf8_encode(cp, s->run_text.data +
	    s->run_text.len);
	s->run_text.data[s->run_text.len] = '\0';
	run_measure(s, lb, cp, advance, kern);
	if (cp == ' ')
		lb->shrink += s->params->space_shrink * sp->size;
}

/* The hyphen at the end of the line, in its last run, measured as
 * fonts_width_kerned() would (an invalid byte is kept but not drawn). */
static void
run_add_hyphen(struct setter *s, struct line_build *lb)
{
	const char	*h = s->params->hyphen;
	face_id		 face = s->runs[s->nruns - 1].face;
	size_t		 len = strlen(h), n;
	uint32_t	 cp;

	strbuf_append(&s->run_text, h, len);
	for (; len > 0; h += n, len -= n) {
		if ((n = utf8_decode(h, len, &cp)) == 0) {
			n = 1;
			continue;
		}
		run_measure(s, lb, cp, fonts_advance(s->fonts, face, cp),
		    fonts_kern(s->fonts, face, lb->last, cp));
	}
}

/*
 * Room for the text of the runs of a line of n characters and spaces,
 * their NULs (a run has a character at least) and its hyphen, so that
 * run_add need not grow it.
 */
static void
line_reserve(struct setter *s, size_t n)
{
	const char	*h = s->params->hyphen;
	size_t		 hyphen = h != NULL ? strlen(h) : 0;
	size_t		 bytes = s->run_text.len + n * (UTF8_MAX + 1) +
			    hyphen + 1;

	if (bytes > s->run_text.cap) {
		s->run_text.cap = bytes;
		s->run_text.data = xrealloc(s->run_text.data, bytes);
	}
}

/* The runs of characters [a, b), with the hyphen when asked. */
static void
line_runs(struct setter *s, struct line_build *lb, size_t a, size_t b,
    int hyphen)
{
	const struct tchar	*c;
	const struct span	*sp;
	size_t			 i;
	int			 kern = 0;

	line_reserve(s, 2 * (b - a));	/* each character and a space */
	for (i = a; i < b; i++) {
		c = &s->c[i];
		run_add(s, lb, c->span, c->face, c->cp, c->advance, kern);
		kern = c->kern_next;
		if (i + 1 < b && c->gap == GAP_SPACE) {
			sp = &s->spans[c->gap_span];
			run_add(s, lb, c->gap_span, sp->face, ' ',
			    fonts_advance(s->fonts, sp->face, ' '), kern);
			kern = c->kern_space;
		}
	}
	if (hyphen && s->params->hyphen != NULL)
		run_add_hyphen(s, lb);
	run_close(s, lb);
}

/*
 * Word space, width, run positions and ascent of a line whose runs are
 * measured.  In justified text the spaces stretch to the measure when
 * stretch is set (not on a last line), and shrink, by shrink [pt] at
 * most, when the line is too long.
 */
static void
line_place(struct setter *s, struct text_line *tl, size_t line,
    double shrink, int stretch)
{
	double	avail = line_width(line, s);
	double	natural = 0.0, x, room, a;
	int	spaces = 0;
	size_t	k;

	for (k = 0; k < tl->nruns; k++) {
		natural += tl->runs[k].width;
		spaces += tl->runs[k].spaces;
	}
	tl->word_space = 0.0;
	if (s->align->justify && spaces > 0) {
		tl->word_space = (avail - natural) / spaces;
		if (tl->word_space < -shrink / spaces)
			tl->word_space = -shrink / spaces;
		if (tl->word_space > 0.0 && !stretch)
			tl->word_space = 0.0;
	}
	tl->width = natural + tl->word_space * spaces;
	room = avail - tl->width;
	x = (line == 0 ? s->params->indent : 0.0) +
	    (room > 0.0 ? s->align->shift * room : 0.0);
	tl->ascent = 0.0;
	for (k = 0; k < tl->nruns; k++) {
		tl->runs[k].x = x;
		x += tl->runs[k].width + tl->word_space * tl->runs[k].spaces;
		a = fonts_ascent(s->fonts, tl->runs[k].face) *
		    tl->runs[k].size / 1000.0 + tl->runs[k].rise;
		if (k == 0 || a > tl->ascent)
			tl->ascent = a;
	}
}

static void
build_line(struct setter *s, const struct para_line *pl, size_t line,
    struct text_block *out)
{
	struct line_build	 lb;
	struct text_line	*tl = &s->lines[line];
	size_t			 a, b;
	int			 in_word, stretch;

	a = s->item_char[pl->start];
	b = s->item_char[pl->end];
	assert(a < b && b <= s->nc);
	in_word = b < s->nc && s->c[b - 1].gap == GAP_NONE;
	stretch = b < s->nc && s->c[b - 1].gap != GAP_NEWLINE &&
	    !(in_word && brk_looks[s->c[b - 1].brk].ragged);
	memset(&lb, 0, sizeof(lb));
	lb.first = s->nruns;
	line_runs(s, &lb, a, b,
	    in_word && brk_looks[s->c[b - 1].brk].draws_hyphen);
	tl->runs = &s->runs[lb.first];	/* till the next line's runs */
	tl->nruns = s->nruns - lb.first;
	line_place(s, tl, line, lb.shrink, stretch);
	tl->ratio = pl->ratio;
	tl->hyphenated = pl->hyphenated;
	if (tl->width > line_width(line, s) + OVERFULL_SLACK)
		out->overfull++;
	if (line == 0 || tl->ratio > out->worst_ratio)
		out->worst_ratio = tl->ratio;
}

/*
 * The lines built in the setter, their runs, the runs' kerning and text
 * copied into one allocation of out's own, and pointed into it.
 */
static void
block_pack(const struct setter *s, size_t nlines, struct text_block *out)
{
	size_t			 lsz = block_align(nlines * sizeof(*s->lines));
	size_t			 rsz = block_align(s->nruns * sizeof(*s->runs));
	size_t			 ksz = block_align(s->npairs *
				    sizeof(*s->run_pairs));
	char			*mem = xmalloc(lsz + rsz + ksz +
				    s->run_text.len);
	struct text_run		*runs = (struct text_run *)(mem + lsz);
	struct kern_pair	*pairs = (struct kern_pair *)(mem + lsz + rsz);
	char			*text = mem + lsz + rsz + ksz;
	size_t			 i, k;

	out->mem = mem;
	out->lines = (struct text_line *)mem;
	out->nlines = nlines;
	memcpy(out->lines, s->lines, nlines * sizeof(*s->lines));
	memcpy(runs, s->runs, s->nruns * sizeof(*s->runs));
	if (s->npairs > 0)
		memcpy(pairs, s->run_pairs, s->npairs * sizeof(*pairs));
	memcpy(text, s->run_text.data, s->run_text.len);
	for (k = 0; k < s->nruns; k++) {
		runs[k].text = text + s->run_at[k].text;
		runs[k].kern = runs[k].nkern > 0 ?
		    pairs + s->run_at[k].kern : NULL;
	}
	for (i = 0, k = 0; i < nlines; k += out->lines[i++].nruns)
		out->lines[i].runs = runs + k;
}

static void
build_lines(struct setter *s, const struct para_result *res,
    struct text_block *out)
{
	size_t	i;

	if (res->nlines > s->caplines) {
		s->caplines = res->nlines;
		s->lines = xrealloc(s->lines,
		    s->caplines * sizeof(*s->lines));
	}
	memset(s->lines, 0, res->nlines * sizeof(*s->lines));
	s->nruns = s->npairs = s->run_text.len = 0;
	for (i = 0; i < res->nlines; i++)
		build_line(s, &res->lines[i], i, out);
	block_pack(s, res->nlines, out);
}

static void
setter_free(struct setter *s)
{
	free(s->c);
	free(s->warned);
	free(s->items);
	free(s->item_char);
	strbuf_free(&s->word);
	strbuf_free(&s->run_text);
	free(s->owner);
	free(s->breaks);
	free(s->run_pairs);
	free(s->lines);
	free(s->runs);
	free(s->run_at);
}

/* Begin a paragraph: the per-paragraph fields afresh, the buffers (and
 * their capacities) kept. */
static void
setter_start(struct setter *s, struct fonts *fonts,
    const struct span_list *spans, const struct text_params *params)
{
	assert((size_t)params->align <
	    sizeof(align_looks) / sizeof(align_looks[0]));
	s->fonts = fonts;
	s->spans = spans->v;
	s->nspans = spans->n;
	s->params = params;
	s->align = &align_looks[params->align];
	s->nc = s->nwarned = s->nitems = s->nruns = s->npairs = 0;
	s->pending = GAP_NONE;
	s->pending_span = 0;
	s->word.len = s->run_text.len = 0;
	s->hyphen_first = first_code_point(params->hyphen);
	s->hyphen_face = -1;
	s->hyphen_units = 0;
}

/* --- public --- */

/* No breaks within the tolerance: set least badly, and say so. */
static void
report_infeasible(const struct srcpos *pos, const struct text_block *b)
{
	if (b->worst_ratio >= TOO_LOOSE)
		diag_warning(pos, "this paragraph cannot be justified: some "
		    "of its lines hold no space to stretch; they are set "
		    "ragged: rephrase it, or allow soft hyphens (U+00AD)");
	else
		diag_warning(pos, "this paragraph cannot be justified within "
		    "the tolerance, even with the emergency stretch; the least "
		    "bad breaks were taken (worst ratio %.2f): rephrase it, or "
		    "allow soft hyphens (U+00AD)", b->worst_ratio);
}

/* text_set in the setter s, started. */
static int
set_paragraph(struct setter *s, const struct span_list *spans,
    struct text_block *out)
{
	const struct text_params *params = s->params;
	struct para_params	 pp;
	struct para_result	 res;
	struct para_line	 whole;
	int			 one;

	tokenise(s);
	if (s->nc == 0 || too_many_words(s))
		return -1;
	pick_faces(s);
	kern_chars(s);
	if (!(one = fits_one_line(s)))
		find_breaks(s);
	build_items(s);
	if (one) {
		/* para's answer, without asking: one line at natural
		 * width, ended by the final forced break */
		memset(&whole, 0, sizeof(whole));
		whole.end = s->nitems - 1;
		res = (struct para_result){ &whole, 1, 1, 0 };
		build_lines(s, &res, out);
		return 0;
	}
	memset(&pp, 0, sizeof(pp));
	pp.tolerance = params->tolerance;
	pp.emergency_stretch = params->emergency_stretch;
	pp.line_penalty = LINE_PENALTY;
	pp.flagged_demerits = FLAGGED_DEMERITS;
	pp.fitness_demerits = FITNESS_DEMERITS;
	pp.max_hyphen_lines = params->max_hyphen_lines;
	pp.justify = s->align->justify;
	pp.shaped_lines = 1;
	para_break(s->items, s->nitems, line_width, s, &pp, &res);
	build_lines(s, &res, out);
	if (!res.feasible && pp.justify)
		report_infeasible(&spans->v[0].pos, out);
	para_result_free(&res);
	return 0;
}

struct text_scratch *
text_scratch_new(void)
{
	return xcalloc(1, sizeof(struct text_scratch));
}

void
text_scratch_free(struct text_scratch *w)
{
	if (w == NULL)
		return;
	setter_free(&w->s);
	free(w);
}

int
text_set(struct fonts *fonts, struct text_scratch *scratch,
    const struct span_list *spans, const struct text_params *params,
    struct text_block *out)
{
	struct text_scratch	 own;
	struct text_scratch	*w = scratch != NULL ? scratch : &own;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if (scratch == NULL)
		memset(&own, 0, sizeof(own));
	setter_start(&w->s, fonts, spans, params);
	rc = set_paragraph(&w->s, spans, out);
	if (scratch == NULL)
		setter_free(&own.s);
	return rc;
}

void
text_block_free(struct text_block *b)
{
	free(b->mem);
	memset(b, 0, sizeof(*b));
}

void
span_list_add(struct span_list *l, const struct span *sp)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = *sp;
}

void
span_list_free(struct span_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
