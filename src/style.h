/*
 * style: the house style of a publication, read from a style sheet
 * (styles/brochure-a4.xml and friends) into plain numbers.
 *
 * Every measure the layout uses comes from here: page size, margins,
 * columns, fonts per role, sizes, leading, colours, alignment, spacing,
 * the look of section numbers.  No dimension is hard-coded in C.
 * Lengths are stored in points.
 *
 * This module must never lay anything out or load font files: it only
 * names them (font opens them).
 */
#ifndef BROCHURE_STYLE_H
#define BROCHURE_STYLE_H

#include "util.h"

struct color {
	double	r, g, b;	/* [0..1] */
	float	c, m, y, k;	/* [0..1] the process colour print builds
				   use (color@cmyk), when cmyk is set */
	int	cmyk;		/* 1: c, m, y, k hold the style's values */
};

/* The roles of text a style dresses; one text style for each. */
enum text_role {
	TR_BODY,		/* running text */
	TR_H1,			/* section title */
	TR_H2,			/* sub-section title */
	TR_SECNUM,		/* section number beside/above the title */
	TR_LIST,		/* list items */
	TR_QUOTE,		/* pull quote text */
	TR_QUOTE_SOURCE,	/* speaker, role, organisation under a quote */
	TR_NOTE,		/* footnote text */
	TR_NOTE_MARK,		/* footnote mark in running text */
	TR_CAPTION,		/* figure captions and credits */
	TR_CHART_TITLE,		/* a chart's title */
	TR_CHART_FIGURE,	/* the big share figure of a chart */
	TR_CHART_LABEL,		/* bar labels, counts, chart notes */
	TR_ENTRY_TITLE,		/* title of an entry profile */
	TR_ENTRY_META,		/* partner, place, since lines of a profile */
	TR_FOOTER,		/* running footer and page number */
	TR_COVER_SERIES,	/* cover: programme / series mark */
	TR_COVER_TITLE,		/* cover: title */
	TR_COVER_SUBTITLE,	/* cover: subtitle */
	TR_COVER_META,		/* cover: publisher and date */
	TR_COVER_REGION,	/* cover: the region of a regional build */
	TR_TOC,			/* contents lines */
	TR_IMPRINT_HEAD,	/* imprint labels (Kontakt, Herausgeber) */
	TR_IMPRINT,		/* imprint text */
	TR__MAX
};

extern const char *const text_role_names[TR__MAX];

enum text_align {
	ALIGN_LEFT,
	ALIGN_RIGHT,
	ALIGN_CENTER,
	ALIGN_JUSTIFY
};

enum font_face_kind {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_BOLD_ITALIC,
	FACE__MAX
};

/* A family: the font files of its four faces (absolute or style-relative,
 * resolved to a path that exists or is reported). */
struct font_family {
	const char	*name;
	const char	*file[FACE__MAX];	/* NULL: falls back to regular */
	struct srcpos	 pos;
};

/*
 * One role's look, from <text role="…">.  Body's family, size and leading
 * are required; the other attributes of body default as noted.  Every
 * other role starts as a copy of body: what its element gives replaces
 * the copy, except that space_before, space_after and indent always
 * default to 0, and leading, when only size is given, keeps body's
 * proportion (size × body leading / body size).  A role without an
 * element is such a copy.
 */
struct text_style {
	int		 family;	/* @family: index into style.families */
	enum font_face_kind face;	/* @face, regular: face of plain text */
	double		 size;		/* [pt] @size */
	double		 leading;	/* [pt] @leading: baseline to baseline */
	struct color	 color;		/* @color, ink: a colour's name */
	enum text_align	 align;		/* @align, left */
	double		 space_before;	/* [pt] @space-before, 0 */
	double		 space_after;	/* [pt] @space-after, 0 */
	double		 indent;	/* [pt] @indent, 0: first-line indent */
	int		 uppercase;	/* @uppercase, no: set in capitals */
	double		 letter_space;	/* [pt] @letter-space, 0: only for
					   uppercase labels */
	int		 hyphenate;	/* @hyphenate, yes: words may break */
	struct srcpos	 pos;		/* the role's element, else body's */
};

/* Where footnotes go: the foot of their mark's column, or beside it. */
enum note_place {
	NOTES_FOOT,		/* under a short rule at the column foot */
	NOTES_SIDE		/* in the outer margin, level with the mark */
};

enum secnum_look {
	SECNUM_CIRCLED,		/* ① ② … up to circled_max, then digits */
	SECNUM_DIGITS		/* 1 2 3 */
};

/*
 * A style sheet read into numbers.  The comments name where each field
 * comes from (element@attribute) and its default when the attribute is
 * left out; src/schema/style.rng describes the format.
 */
struct style {
	struct arena	*arena;		/* owns the style and all it points to */
	const char	*file;		/* the style sheet's path */
	const char	*name;		/* style@name */

	/* page: width and height required */
	double		 page_width, page_height;	/* [pt] */
	double		 margin_top, margin_bottom;	/* [pt] 20mm each */
	double		 margin_inner, margin_outer;	/* [pt] 20mm each */
	int		 columns;			/* 1 */
	double		 gutter;			/* [pt] 5mm */

	/* fonts: family and fallback elements, in file order */
	struct font_family *families;
	size_t		 nfamilies;
	const char	**fallbacks;	/* font files tried per glyph, in order */
	size_t		 nfallbacks;
	struct srcpos	 fallback_pos;	/* the first fallback, else <fonts> */

	/* colours: colors/color@name, all five required */
	struct color	 accent;	/* the strong colour */
	struct color	 accent2;	/* the quieter second colour */
	struct color	 ink;		/* body text */
	struct color	 grey;		/* tracks, rules */
	struct color	 paper;		/* page background */

	struct text_style text[TR__MAX];

	/* sections@… */
	enum secnum_look secnum_look;		/* @numbers, digits */
	int		 secnum_circled_max;	/* @circled-max, 9: ①–⑨, then
						   10; at most 20 */
	int		 section_new_page;	/* @new-page, no: top-level
						   sections start a page (always
						   with several columns) */
	double		 section_space;		/* [pt] @space-before, 24pt:
						   above a top-level section
						   that goes on in the page */
	double		 heading_keep;		/* [lines] @heading-keep, 2:
						   kept with a heading */

	/* blocks */
	double		 paragraph_space;	/* [pt] paragraphs@space, 0 */
	double		 list_indent;		/* [pt] lists@indent, 4mm */
	const char	*bullet;		/* lists@bullet, "•" (UTF-8) */
	double		 quote_rule;		/* [pt] quotes@rule, 0: width
						   of the accent rule beside
						   quotes, 0 none */
	enum note_place	 note_place;		/* notes@place, foot */
	double		 note_side_width;	/* [pt] notes@side-width, 30mm */
	double		 note_side_gap;		/* [pt] notes@side-gap, 5mm */
	double		 note_rule_width;	/* [pt] notes@rule-width, 20mm:
						   the rule above notes */
	double		 rule_thickness;	/* [pt] rules@thickness, 0.5pt */
	double		 footer_offset;		/* [pt] footer@offset, 10mm:
						   baseline above page bottom */
	int		 widow_lines;		/* paragraphs@widow-lines, 2:
						   min lines at a column top */
	int		 orphan_lines;		/* paragraphs@orphan-lines, 2:
						   min lines at a column bottom */
	const char	*link_marker;		/* links@marker, "": after
						   external links, e.g. ↗;
						   never NULL, "" for none */

	/* print@… (used by print builds, brochure build --print) */
	double		 print_bleed;		/* [pt] @bleed, 3mm: how far
						   what touches the trim edge
						   runs over it */
	int		 print_marks;		/* @marks, yes: crop marks
						   outside the bleed */

	/* cover */
	double		 cover_field_height;	/* [pt] cover@field-height, 0:
						   accent field at the top */

	/* justification (<justification>) */
	double		 tolerance;		/* largest adjustment ratio */
	double		 space_stretch;		/* [em] interword stretch */
	double		 space_shrink;		/* [em] interword shrink */
	double		 emergency_stretch;	/* [em] per line, last resort */
	int		 hyphen_penalty;	/* cost of a hyphen break */
	int		 max_hyphen_lines;	/* in a row, 0: any */
	int		 column_end_hyphen;	/* a column may end in a hyphen */
	int		 hyphen_left_min;	/* [characters] before a hyphen */
	int		 hyphen_right_min;	/* [characters] after a hyphen */

	/* contents */
	int		 toc;			/* contents@show, no */

	/* charts@… */
	double		 bar_thickness;		/* [pt] @bar-thickness, 5pt */
	double		 ring_diameter;		/* [pt] @ring-diameter, 22mm:
						   outer edge of a ring */
	double		 ring_width;		/* [pt] @ring-width, 2.5mm:
						   less than half the
						   diameter */
	double		 ring_gap;		/* [pt] @ring-gap, 4mm: least
						   space between two rings */
};

/*
 * Read a style sheet (validated against the style schema).  Returns NULL
 * after reporting every problem with file:line: impossible geometry,
 * unknown colour or family names, font files that do not exist.  Font
 * paths are resolved against the style sheet's folder.  The style owns
 * all its strings; free it with style_free().
 */
struct style	*style_read(const char *path);
void		 style_free(struct style *);

/* Whether two colours paint alike: every field equal. */
int		 color_equal(const struct color *, const struct color *);

/* The font file of a face of a family, regular if the face is missing. */
const char	*style_face_file(const struct style *, int family,
		    enum font_face_kind);

#endif /* BROCHURE_STYLE_H */
