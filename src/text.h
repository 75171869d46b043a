/*
 * text: sets one paragraph of styled spans into lines.
 *
 * It splits spans into words at spaces (a word may cross spans: "simul⁺"),
 * gives each character the face that has its glyph (the span's face or a
 * fallback; a character no face has is reported once with its file:line
 * and drawn from the span's face), measures words, builds the box/glue/
 * penalty list for para, breaks it, and returns each line as positioned
 * runs plus the extra word space that justifies it.  A word wider than the
 * line is broken by force between characters and reported.
 *
 * This module must never place lines on a page: typeset does that.
 */
#ifndef BROCHURE_TEXT_H
#define BROCHURE_TEXT_H

#include <stddef.h>

#include "font.h"
#include "style.h"
#include "util.h"

/* One stretch of text in one look. */
struct span {
	const char	*text;		/* UTF-8; spaces, tabs, newlines = space */
	size_t		 len;		/* [bytes] */
	face_id		 face;
	double		 size;		/* [pt] */
	struct color	 color;
	double		 rise;		/* [pt] baseline shift (superscript) */
	const char	*uri;		/* part of an external link, or NULL */
	const char	*dest;		/* part of an internal link, or NULL */
	int		 nobreak;	/* no line break inside this span */
	int		 newline;	/* a forced line break before it */
	int		 node;		/* the structure element it belongs
					   to (opaque here), 0: the one of
					   the whole text */
	struct srcpos	 pos;
};

struct span_list {
	struct span	*v;
	size_t		 n, cap;
};

void	span_list_add(struct span_list *, const struct span *);
void	span_list_free(struct span_list *);

/* A piece of one line in one face: ready to become an ITEM_GLYPHS. */
struct text_run {
	const char	*text;		/* UTF-8, NUL-terminated */
	face_id		 face;
	double		 size;		/* [pt] */
	struct color	 color;
	double		 rise;		/* [pt] */
	double		 x;		/* [pt] from the line's left edge */
	double		 width;		/* [pt] natural, without word_space,
					   kerning included */
	int		 spaces;	/* U+0020 count inside text */
	struct kern_pair *kern;		/* its pair kerning (font.h);
					   NULL when it has none */
	size_t		 nkern;
	const char	*uri, *dest;	/* borrowed from the span */
	int		 node;		/* the span's */
	struct srcpos	 pos;
	size_t		 span;		/* index of the span it began in */
};

/* Start run r of span number span (sp), drawn in face: everything the
 * run takes from its span, no text yet. */
void	text_run_start(struct text_run *, const struct span *sp,
	    size_t span, face_id face);

struct text_line {
	struct text_run	*runs;
	size_t		 nruns;
	double		 width;		/* [pt] as set, with word spaces */
	double		 word_space;	/* [pt] extra per space (justified) */
	double		 ratio;		/* adjustment ratio */
	double		 ascent;	/* [pt] tallest run above baseline */
	int		 hyphenated;
};

struct text_params {
	double		 width;		/* [pt] line width */
	double		 indent;	/* [pt] first-line indent */
	enum text_align	 align;
	double		 space_stretch;	/* [em fraction] e.g. 0.5 */
	double		 space_shrink;	/* [em fraction] e.g. 0.33 */
	double		 tolerance;	/* max adjustment ratio */
	double		 emergency_stretch;	/* [pt] */
	const char	*hyphen;	/* text drawn at a hyphen break, "-" */
	int		 hyphen_penalty;	/* e.g. 50 */
	int		 max_hyphen_lines;	/* consecutive, 0 = any */
	/*
	 * Optional hyphenation: fill breaks[i] = 1 where the word (UTF-8,
	 * len bytes) may break after byte i.  NULL: only explicit hyphens
	 * and soft hyphens (U+00AD) are break points.
	 */
	void		(*hyphenate)(void *arg, const char *word, size_t len,
			    unsigned char *breaks);
	void		*hyphenate_arg;
};

struct text_block {
	struct text_line *lines;
	size_t		 nlines;
	int		 overfull;	/* lines wider than the measure */
	double		 worst_ratio;
	void		*mem;		/* one allocation: the lines, their
					   runs and, from text_set, the runs'
					   text and kerning (the paragraph
					   cache, text_cache.h, lends its
					   own text and kerning instead) */
};

/*
 * The buffers text_set works in, kept from one paragraph to the next so
 * that thousands of paragraphs do not ask the heap for them each time.
 * One per thread of setting; text_set with NULL makes and frees its own.
 */
struct text_scratch;

struct text_scratch *text_scratch_new(void);
void	text_scratch_free(struct text_scratch *);

/*
 * Set spans into lines.  Returns 0; -1 when there is no text at all, or
 * after reporting more than LIMIT_PARA_WORDS words (then out has no
 * lines).  Free with text_block_free().
 *
 * White space (space, tab, newline, any control) runs collapse into one
 * interword space, held by the span of its first character; it is
 * dropped at both ends.  U+00A0 and U+202F are drawn as part of the word
 * (fixed width).  A word may break after '-' or an en dash (at least two
 * characters before, a letter after; nothing added), at a soft hyphen
 * U+00AD and at the hyphenate callback's points (params->hyphen drawn),
 * the callback being asked only about words without soft hyphens, one
 * dash-free part at a time, and not at all for a paragraph that fits on
 * its first line (it is set there whatever its break points); never
 * inside a URL or e-mail address (a word with "@", "://" or "www."),
 * never at or after a colon, never inside a nobreak span.  A piece of a
 * word still wider than the narrowest line is broken by force between
 * characters (those lines are left ragged) and reported at its span.
 *
 * Consecutive characters of one run (spaces included) are kerned as the
 * face says; nothing is kerned across runs.  Para breaks with those
 * widths, so a kerning pair lost or made at a break is accounted for.
 *
 * Justified lines are stretched or shrunk by one word_space per U+0020 to
 * the width; the last line and lines ended by a newline span keep their
 * natural spaces, unless they must shrink to fit.  Ragged lines (left,
 * right, centre) keep natural spaces and are shifted.  A character no
 * face has is reported once per call (so once per paragraph) and drawn
 * from its span's face; one above U+FFFF, which the PDF fonts cannot
 * draw, is reported the same way and left out.
 */
int	text_set(struct fonts *, struct text_scratch *,
	    const struct span_list *, const struct text_params *,
	    struct text_block *out);
void	text_block_free(struct text_block *);

#endif /* BROCHURE_TEXT_H */
