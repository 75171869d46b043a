/*
 * layout: the display list, the result of typesetting and the only thing
 * the renderer reads.  Pages of positioned items: glyph runs, rules,
 * filled rectangles, images, link areas and named destinations, plus the
 * outline and the document information.
 *
 * Coordinates are PDF points with the origin at the bottom left of the
 * page; a glyph run's y is its baseline.  Every item says what it is in
 * the document (its role), for a tagged PDF later.
 *
 * This module must never measure or break text, nor call libharu: it only
 * holds and builds the list (layout_add_* and friends).
 */
#ifndef BROCHURE_LAYOUT_H
#define BROCHURE_LAYOUT_H

#include "font.h"
#include "style.h"
#include "util.h"

enum item_kind {
	ITEM_GLYPHS,	/* a run of text in one face, size and colour */
	ITEM_RULE,	/* a straight line */
	ITEM_RECT,	/* a filled rectangle */
	ITEM_IMAGE,	/* a PNG or JPEG file scaled into a box */
	ITEM_LINK,	/* a clickable area: URI or internal destination */
	ITEM_DEST,	/* a named destination (target of links, outline) */
	ITEM__MAX
};

extern const char *const item_kind_names[ITEM__MAX];

/* What an item is in the document (for tagging and the dump). */
enum item_role {
	IR_DECORATION,	/* artifacts: colour fields, rules, footers */
	IR_HEADING,	/* section titles and numbers */
	IR_SUBHEADING,
	IR_PARAGRAPH,
	IR_LIST,
	IR_QUOTE,
	IR_NOTE,
	IR_FIGURE,
	IR_CHART,
	IR_ENTRY,
	IR_TOC,
	IR_COVER,
	IR_IMPRINT,
	IR_FOOTER,
	IR__MAX
};

extern const char *const item_role_names[IR__MAX];

struct item {
	enum item_kind	 kind;
	enum item_role	 role;
	struct srcpos	 pos;		/* where its content came from */
	double		 x, y;		/* [pt] glyphs: baseline start */
	double		 w, h;		/* [pt] box; glyphs: w = width */
	union {
		struct {
			face_id		 face;
			double		 size;		/* [pt] */
			struct color	 color;
			const char	*text;		/* UTF-8, no newline */
			double		 word_space;	/* [pt] extra per U+0020 */
			double		 letter_space;	/* [pt] extra after each
							   glyph but the last */
		} glyphs;
		struct {
			struct color	 color;
			double		 thickness;	/* [pt]; x,y to x+w,y+h */
		} rule;
		struct {
			struct color	 color;
		} rect;
		struct {
			const char	*path;
			const char	*alt;
		} image;
		struct {
			const char	*uri;	/* external, or NULL */
			const char	*dest;	/* internal destination name */
		} link;
		struct {
			const char	*name;
		} dest;
	} u;
};

struct page {
	int		 index;		/* 0-based position in the file */
	const char	*label;		/* printed number, NULL if none */
	struct item	*items;
	size_t		 nitems, cap;
};

struct outline_entry {
	int		 level;		/* 1, 2, 3 */
	const char	*title;		/* UTF-8 plain text */
	const char	*dest;		/* destination name */
};

struct layout_info {
	const char	*title, *subject, *author, *keywords, *lang;
};

struct layout {
	struct arena	*arena;		/* owns every string and item */
	double		 width, height;	/* [pt] page size */
	struct page	*pages;
	size_t		 npages, cap;
	struct outline_entry *outline;
	size_t		 noutline, outline_cap;
	struct layout_info info;
};

/* A new, empty layout of pages width x height [pt]. */
struct layout	*layout_new(double width, double height);
/* Frees the pages, items, outline and every string of the arena. */
void		 layout_free(struct layout *);
/* A copy of s (NULL stays NULL) that lives as long as the layout. */
char		*layout_strdup(struct layout *, const char *s);
/*
 * Append a page; label (copied, NULL for none) is its printed number.
 * The returned pointer stays valid only until the next layout_add_page
 * (the array grows); keep page->index and use layout->pages[index].
 */
struct page	*layout_add_page(struct layout *, const char *label);
/*
 * Append an item (copied) to a page; returns the copy, valid until the
 * next layout_add to that page.  The item's strings are NOT copied: they
 * must live as long as the layout (use layout_strdup or the arena).
 */
struct item	*layout_add(struct layout *, struct page *, const struct item *);
/* Append an outline entry; title and dest are copied. */
void		 layout_add_outline(struct layout *, int level,
		    const char *title, const char *dest);

#endif /* BROCHURE_LAYOUT_H */
