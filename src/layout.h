/*
 * layout: the display list, the result of typesetting and the only thing
 * the renderer reads.  Pages of positioned items: glyph runs, rules,
 * filled rectangles, paths (chart rings), images, link areas and named
 * destinations, plus the outline and the document information.
 *
 * Coordinates are PDF points with the origin at the bottom left of the
 * page; a glyph run's y is its baseline.  Every item says what it is in
 * the document (its role) and which element of the document's structure
 * tree holds it (its node), or that it is decoration: the tagged PDF's
 * structure comes from here.
 *
 * This module must never measure or break text, nor call libharu: it only
 * holds and builds the list (layout_add_* and friends).
 */
#ifndef BROCHURE_LAYOUT_H
#define BROCHURE_LAYOUT_H

#include <stdint.h>

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
	ITEM_PATH,	/* lines and Bézier curves, stroked or filled */
	ITEM__MAX
};

extern const char *const item_kind_names[ITEM__MAX];

/* One step of a path; points are relative to the item's x, y. */
enum path_op {
	PATH_MOVE,	/* begin a subpath at pt[0] */
	PATH_LINE,	/* a straight line to pt[0] */
	PATH_CURVE,	/* a cubic Bézier: controls pt[0], pt[1], end pt[2] */
	PATH_CLOSE,	/* a line back to the subpath's beginning */
	PATH__MAX
};

extern const char *const path_op_names[PATH__MAX];

struct path_point {
	double		 x, y;		/* [pt] from the item's x, y */
};

struct path_seg {
	enum path_op	 op;
	struct path_point pt[3];	/* as many as op uses */
};

/* How a path is painted. */
enum path_paint {
	PAINT_STROKE,	/* a line of the path's width along it */
	PAINT_FILL,	/* the inside (non-zero winding) */
	PAINT__MAX
};

extern const char *const path_paint_names[PAINT__MAX];

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

/*
 * The logical structure, for a tagged PDF: a tree of elements of the
 * standard structure types of ISO 32000-1, 14.8.4.  The PDF device names
 * them as listed in snode_type_names.
 */
enum snode_type {
	SN_DOCUMENT,	/* the root */
	SN_SECT,	/* a section, an entry profile, the imprint */
	SN_H1,		/* headings, one level each: never skipping one */
	SN_H2,
	SN_H3,
	SN_H4,
	SN_H5,
	SN_H6,
	SN_P,		/* a paragraph, a line of text */
	SN_L,		/* a list: its LI hold an Lbl and an LBody */
	SN_LI,
	SN_LBL,
	SN_LBODY,
	SN_BLOCKQUOTE,	/* a pull quote with its source */
	SN_NOTE,	/* a footnote */
	SN_REFERENCE,	/* a footnote's mark, a contents line's title */
	SN_LINK,	/* a link's text and its annotations */
	SN_FIGURE,	/* an image or a chart, with alt */
	SN_TOC,		/* the table of contents and its lines */
	SN_TOCI,
	SN__MAX
};

extern const char *const snode_type_names[SN__MAX];

struct snode {
	enum snode_type	 type;
	int		 parent;	/* its index; -1 for the root */
	const char	*lang;		/* NULL: the parent's language */
	const char	*alt;		/* Figure: the text that replaces it;
					   Link: what its annotations say;
					   NULL for any other */
};

/* Node 0 is the Document, which holds elements only: an item there is
 * decoration (an artifact), not content. */
#define LAYOUT_ARTIFACT	0

struct item {
	enum item_kind	 kind : 8;
	enum item_role	 role : 8;
	int		 node;		/* its snode; LAYOUT_ARTIFACT */
	struct srcpos	 pos;		/* where its content came from */
	double		 x, y;		/* [pt] glyphs: baseline start */
	double		 w, h;		/* [pt] box; glyphs: w = width */
	union {
		struct {
			face_id		 face;
			int		 word_end;	/* the run ends a line
							   that breaks between
							   two words */
			double		 size;		/* [pt] */
			const struct color *color;	/* layout_color */
			const char	*text;		/* UTF-8, no newline */
			double		 word_space;	/* [pt] extra per U+0020 */
			double		 letter_space;	/* [pt] extra after each
							   glyph but the last */
			const struct kern_pair *kern;	/* font.h, from
							   layout_kern; NULL:
							   none */
			size_t		 nkern;
		} glyphs;
		struct {
			const struct color *color;	/* layout_color */
			double		 thickness;	/* [pt]; x,y to x+w,y+h */
		} rule;
		struct {
			const struct color *color;	/* layout_color */
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
		struct {
			const struct path_seg *segs;	/* layout's arena */
			size_t		 nsegs;
			enum path_paint	 paint;
			const struct color *color;	/* layout_color */
			double		 width;		/* [pt] of a stroke */
		} path;
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
	const char	*publisher;
	int		 year, month, day;	/* the report's date; day 0:
						   none given, all 0: no date */
};

struct layout_strings;

struct layout {
	struct arena	*arena;		/* owns every string and item */
	struct arena	*runs;		/* the glyph runs' text and kerning */
	struct layout_strings *strings;	/* its strings, one copy each */
	struct color	**colors;	/* its colours, one copy each */
	size_t		 ncolors, colors_cap;
	double		 width, height;	/* [pt] page size */
	struct page	*pages;
	size_t		 npages, cap;
	struct outline_entry *outline;
	size_t		 noutline, outline_cap;
	struct snode	*nodes;		/* [0] the Document */
	size_t		 nnodes, nodes_cap;
	struct layout_info info;
};

/* A new, empty layout of pages width x height [pt]. */
struct layout	*layout_new(double width, double height);
/* Frees the pages, items, outline and every string of the arena. */
void		 layout_free(struct layout *);
/*
 * Frees the items of page n, which then has none (a device drawing a
 * layout it then frees drops each page once drawn); the strings stay.
 */
void		 layout_drop_items(struct layout *, size_t n);
/* Frees the runs arena: call it only once every page's items are gone. */
void		 layout_drop_runs(struct layout *);
/*
 * The layout's own copy of colour c, one for all equal colours: the
 * colour an item holds (a document has a handful; an item holding a
 * pointer is 40 bytes smaller than one holding the colour).
 */
const struct color *layout_color(struct layout *, const struct color *c);
/* A copy of s (NULL stays NULL) that lives as long as the layout. */
char		*layout_strdup(struct layout *, const char *s);
/*
 * Append a page; label (copied, NULL for none) is its printed number.
 * The returned pointer stays valid only until the next layout_add_page
 * (the array grows); keep page->index and use layout->pages[index].
 * The page before it gets an items array of just its items' size (one
 * added to it later grows it again).
 */
struct page	*layout_add_page(struct layout *, const char *label);
/*
 * Append an item (copied) to a page; returns the copy, valid until the
 * next layout_add to that page.  Its source file name and the strings of
 * an image, a link or a destination are copied (layout_intern); a glyph
 * run's text and kerning are NOT: they must live as long as the layout
 * (in the runs arena, or the arena).
 */
struct item	*layout_add(struct layout *, struct page *, const struct item *);
#define LAYOUT_ARC_SEGS	5	/* the most segments layout_arc writes */
/*
 * The arc of the circle around (cx, cy) of radius r [pt] from angle
 * start through sweep [degrees, counterclockwise from 3 o'clock; a
 * negative sweep runs clockwise; clamped to one full turn]: a move to
 * its start, then cubic Béziers of at most 90° each, written to segs
 * (room for LAYOUT_ARC_SEGS).  Returns how many; 0 for a zero sweep.
 */
size_t		 layout_arc(struct path_seg *segs, double cx, double cy,
		    double r, double start, double sweep);
/* A copy of n kerning pairs (font.h) in the runs arena; NULL for none. */
const struct kern_pair *layout_kern(struct layout *,
		    const struct kern_pair *, size_t n);
/* The kerning of the n glyphs of a run back, one per glyph, into kern. */
void		 layout_kern_expand(const struct kern_pair *, size_t npairs,
		    short *kern, size_t n);
/* A copy of n path segments that lives as long as the layout. */
const struct path_seg *layout_path_copy(struct layout *,
		    const struct path_seg *, size_t n);
/* The edges of the page an item reaches (BLEED_* bits). */
enum bleed_edge {
	BLEED_LEFT = 1,
	BLEED_RIGHT = 2,
	BLEED_BOTTOM = 4,
	BLEED_TOP = 8
};
/*
 * Which edges of the page a filled rectangle or an image reaches (0 for
 * any other item): print builds run it over those edges into the bleed.
 */
unsigned	 layout_bleed_edges(const struct layout *, const struct item *);
/*
 * The layout's one copy of s (NULL stays NULL): equal strings give the
 * same pointer.  The layout owns every string it holds, so it outlives
 * the model, the style and the locale it was made from.
 */
const char	*layout_intern(struct layout *, const char *s);
/* Set the document information; its strings are copied. */
void		 layout_set_info(struct layout *, const struct layout_info *);
/* Append an outline entry; title and dest are copied. */
void		 layout_add_outline(struct layout *, int level,
		    const char *title, const char *dest);
/*
 * Append a structure element of type under element parent, in language
 * lang (NULL or the same as the parent's: stored as NULL, inherited;
 * the root's is info.lang; copied); returns its index.  Its alt must
 * live as long as the layout (the arena).
 */
int		 layout_add_node(struct layout *, enum snode_type, int parent,
		    const char *lang);
/* The language element n is in: its own, else its nearest ancestor's,
 * else info.lang. */
const char	*layout_node_lang(const struct layout *, int n);

#endif /* BROCHURE_LAYOUT_H */
