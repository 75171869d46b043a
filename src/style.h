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

struct text_style {
	int		 family;	/* index into style.families */
	enum font_face_kind face;	/* face used for plain text */
	double		 size;		/* [pt] */
	double		 leading;	/* [pt] baseline to baseline */
	struct color	 color;
	enum text_align	 align;
	double		 space_before;	/* [pt] */
	double		 space_after;	/* [pt] */
	double		 indent;	/* [pt] first-line indent */
	int		 uppercase;	/* set in capitals */
	double		 letter_space;	/* [pt] only for uppercase labels */
	struct srcpos	 pos;
};

enum secnum_look {
	SECNUM_CIRCLED,		/* ① ② … up to circled_max, then digits */
	SECNUM_DIGITS		/* 1 2 3 */
};

struct style {
	struct arena	*arena;
	const char	*file;		/* the style sheet's path */
	const char	*name;

	/* page */
	double		 page_width, page_height;	/* [pt] */
	double		 margin_top, margin_bottom;	/* [pt] */
	double		 margin_inner, margin_outer;	/* [pt] */
	int		 columns;
	double		 gutter;			/* [pt] */

	/* fonts */
	struct font_family *families;
	size_t		 nfamilies;
	const char	**fallbacks;	/* font files tried per glyph, in order */
	size_t		 nfallbacks;
	struct srcpos	 fallback_pos;

	/* colours */
	struct color	 accent;	/* the strong colour */
	struct color	 accent2;	/* the quieter second colour */
	struct color	 ink;		/* body text */
	struct color	 grey;		/* tracks, rules */
	struct color	 paper;		/* page background */

	struct text_style text[TR__MAX];

	/* sections */
	enum secnum_look secnum_look;
	int		 secnum_circled_max;	/* 9 for ①–⑨, then 10 */
	int		 section_new_page;	/* top-level sections start a page */
	double		 heading_keep;		/* [lines] kept with a heading */

	/* blocks */
	double		 paragraph_space;	/* [pt] between paragraphs */
	double		 list_indent;		/* [pt] */
	const char	*bullet;		/* UTF-8 bullet character */
	double		 quote_rule;		/* [pt] accent rule beside quotes, 0 none */
	double		 note_rule_width;	/* [pt] length of the rule above notes */
	double		 rule_thickness;	/* [pt] */
	double		 footer_offset;		/* [pt] footer baseline from page bottom */
	int		 widow_lines;		/* min lines at a column top */
	int		 orphan_lines;		/* min lines at a column bottom */
	const char	*link_marker;		/* after external links, e.g. ↗ */

	/* cover */
	double		 cover_field_height;	/* [pt] accent colour field */

	/* contents */
	int		 toc;			/* whether to print contents */
};

/*
 * Read a style sheet (validated against the style schema).  Returns NULL
 * after reporting problems with file:line.  Font files are resolved
 * against the style sheet's folder.
 */
struct style	*style_read(const char *path);
void		 style_free(struct style *);

/* The font file of a face of a family, regular if the face is missing. */
const char	*style_face_file(const struct style *, int family,
		    enum font_face_kind);

#endif /* BROCHURE_STYLE_H */
