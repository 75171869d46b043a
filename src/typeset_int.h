/*
 * typeset_int: what the parts of typeset share (typeset.c: passes and
 * page frames; typeset_inline.c: inline content to spans; typeset_block.c:
 * blocks to vertical material; typeset_chart.c: charts; typeset_entry.c:
 * entry profiles; typeset_front.c: cover, contents, imprint).
 * Included only by typeset_*.c.
 *
 * The parts build "vertical lines" (struct vline): a strip of the column
 * with a height and items positioned relative to the strip's top left.
 * The pour routine places them into columns and pages, keeping chains of
 * lines that must not be split (widows, orphans, headings, quotes) together
 * and reserving room for the footnotes whose marks a line carries.
 */
#ifndef BROCHURE_TYPESET_INT_H
#define BROCHURE_TYPESET_INT_H

#include "check.h"
#include "font.h"
#include "layout.h"
#include "limit.h"
#include "locale.h"
#include "model.h"
#include "style.h"
#include "text.h"
#include "text_cache.h"
#include "typeset.h"

#define TS_SUP_SCALE	0.62	/* superscript size / text size */
#define TS_SUP_RISE	0.36	/* superscript rise / text size */

/* A sorted set of ids (borrowed strings). */
struct idset {
	const char	**v;
	size_t		 n, cap;
};

/* An image's size in pixels, read once for all layout passes. */
struct image_size {
	const char	*path;
	int		 width, height;	/* 0 when the file cannot be used */
};

/* One strip of vertical material. */
struct vline {
	double		 height;	/* [pt] */
	double		 space_before;	/* [pt] dropped at a column top */
	struct item	*items;		/* x from column left, y from top */
	size_t		 nitems, cap;
	int		*notes;		/* footnote numbers marked on it */
	size_t		 nnotes;
	int		 keep_with_next; /* never break after this line */
	int		 para_index;	/* line of its paragraph, from 0 */
	int		 para_lines;	/* lines of its paragraph, 0: none */
	const char	*dest;		/* destination at the strip's top */
	enum item_role	 dest_role;
};

struct vlist {
	struct vline	*v;
	size_t		 n, cap;
};

/* A footnote: its number and its lines set at the column width. */
struct note {
	int		 number;
	int		 node;		/* its Note element */
	struct vlist	 lines;
};

/* A page-wide figure waiting for a page top. */
struct pending_float {
	const struct block *block;
	int		 parent;	/* the element it goes into */
};

/* Where a destination landed in the previous pass. */
struct dest_page {
	const char	*name;
	int		 page;		/* printed page number */
};

/* The positions of names in an array of dest_page, hashed. */
struct dest_index {
	size_t		*slots;		/* position + 1; 0: a free slot */
	size_t		 cap, n;
};

struct ts {
	const struct document	*doc;
	const struct style	*st;
	const struct locale	*loc;
	struct fonts		*fonts;
	struct hyph		*hyph;		/* NULL: no hyphenation */
	struct text_cache	*set_cache;	/* paragraphs of earlier passes */
	struct layout		*lay;
	struct typeset_stats	*stats;
	face_id		       (*faces)[FACE__MAX];	/* per family */

	int		 section_level;	/* of the section being set, 0 none */
	const struct srcpos *at;	/* the block being set, for messages */
	int		 too_many_pages; /* LIMIT_PAGES was reported */
	int		 node;		/* the open structure element (layout
					   nodes), LAYOUT_ARTIFACT: none */

	/* the frame being filled */
	struct page	*page;
	int		 column;
	double		 top;		/* [pt] column top on this page */
	double		 cursor;	/* [pt] next strip's top */
	double		 bottom;	/* [pt] column bottom without notes */
	int		 column_empty;
	int		 last_index;	/* para_index of the last strip placed */
	int		 last_lines;	/* its para_lines, 0: none or no strip */

	/* footnotes */
	int		 nnotes;	/* marks numbered so far */
	struct note	*notes;		/* by number - 1 */
	size_t		 notes_cap;
	struct vlist	 foot;		/* note lines at this column's foot */
	double		 notes_height;	/* [pt] reserved for them */
	struct vlist	 carry_next;	/* note lines for the next column */
	struct vlist	 continued;	/* owns the "continued" marks of notes */
	double		 side_cursor;	/* [pt] top of the free side column */
	struct vlist	 side_next;	/* side note lines for the next page */
	struct pending_float *floats;	/* page-wide figures waiting */
	size_t		 nfloats, floats_cap;

	/* cross-references */
	struct idset	 placed;	/* ids the layout will print */
	struct idset	 pulled;	/* quotes a pull-quote places */
	struct dest_page *prev;		/* from the previous pass */
	size_t		 nprev;
	struct dest_index prev_index;
	struct dest_page *dests;	/* this pass */
	size_t		 ndests, dests_cap;
	struct dest_index dests_index;
	int		 unresolved;	/* refs printed without a page */
	const char	*moved;		/* a destination whose page changed
					   in the last pass, or NULL */

	struct image_size *images;	/* sizes read so far (all passes) */
	size_t		 nimages, images_cap;

	/* photo credits: a figure's credit and its destination */
	const char	**credits;
	const char	**credit_dests;
	size_t		 ncredits, credits_cap;
};

/* typeset.c */
const char	*ts_plain(const struct ts *, const struct inline_node *);
face_id		 ts_face(const struct ts *, enum text_role, enum font_face_kind);
const struct text_style *ts_role(const struct ts *, enum text_role);
double		 ts_text_width(const struct ts *);
double		 ts_column_width(const struct ts *);
double		 ts_column_left(const struct ts *);
void		 ts_new_page(struct ts *, int numbered);
void		 ts_pour(struct ts *, struct vlist *);
void		 ts_place_span(struct ts *, struct vlist *);
void		 ts_float(struct ts *, const struct block *);
void		 ts_flush_floats(struct ts *);
double		 ts_place_at(struct ts *, const struct vlist *, double x,
		    double top);
double		 ts_page_left(const struct ts *);
void		 ts_finish_page(struct ts *);
int		 ts_dest_page(const struct ts *, const char *name);
int		 idset_has(const struct idset *, const char *id);
void		 ts_record_dest(struct ts *, const char *name);

/* typeset_dest.c */
void		 dest_index_add(struct dest_index *, const struct dest_page *,
		    size_t at);
/* The page of name, 0 when the index has none. */
int		 dest_index_find(const struct dest_index *,
		    const struct dest_page *, const char *name);
void		 dest_index_clear(struct dest_index *);
void		 dest_index_free(struct dest_index *);
const char	*ts_section_dest(const struct ts *, const struct block *);

/* vertical material */
struct vline	*vlist_add(struct vlist *);
void		 vline_add_item(struct vline *, const struct item *);
void		 vlist_free(struct vlist *);
void		 vlist_append_lines(struct ts *, struct vlist *,
		    const struct text_block *, double x, enum text_role,
		    enum item_role);
void		 vlist_keep_lines(struct vlist *, size_t first, size_t n,
		    const struct style *);
void		 vlist_keep_all(struct vlist *, size_t first);
void		 vlist_set_dest(struct vlist *, size_t at, const char *,
		    enum item_role);
void		 vlist_space(struct vlist *, size_t at, double before);

/* typeset_inline.c */
void		 ts_spans(struct ts *, const struct inline_node *,
		    enum text_role, struct span_list *);
void		 ts_spans_text(struct ts *, const char *, enum text_role,
		    enum font_face_kind, const struct srcpos *,
		    struct span_list *);
void		 ts_set(struct ts *, const struct span_list *, enum text_role,
		    double width, struct text_block *);
void		 ts_set_inline(struct ts *, struct vlist *,
		    const struct inline_node *, enum text_role, enum item_role,
		    double x, double width);
const char	*ts_number_text(const struct ts *, int number);
const char	*ts_note_dest(struct ts *, int number);
int		 ts_note_of_dest(const char *);

/* typeset_block.c */
void		 ts_blocks(struct ts *, const struct block *);
void		 ts_build(struct ts *, const struct block *, struct vlist *);
void		 ts_quote(struct ts *, const struct quote *, struct vlist *);
void		 ts_wide_figure(struct ts *, const struct block *);
void		 ts_narrow_figure(struct ts *, const struct block *);
void		 ts_heading(struct ts *, const char *number,
		    const char *title, const char *dest, const struct srcpos *);
void		 ts_label_lines(struct ts *, struct vlist *, const char *,
		    enum text_role, enum item_role, double space_before);
void		 ts_text_lines(struct ts *, struct vlist *, const char *,
		    enum text_role, enum item_role, double space_before,
		    const struct srcpos *);
void		 ts_add_credit(struct ts *, const char *credit,
		    const char *dest);
void		 ts_image(struct ts *, struct vlist *, const char *path,
		    const char *alt, double max_width, const struct srcpos *);
/* A filled rectangle, x, y its bottom left [pt], c from layout_color. */
struct item	 ts_rect_item(double x, double y, double w, double h,
		    const struct color *c, enum item_role);

/* typeset_chart.c */
void		 ts_build_chart(struct ts *, const struct block *,
		    struct vlist *);

/* typeset_entry.c */
void		 ts_build_entries(struct ts *, const struct block *,
		    struct vlist *);

/*
 * typeset_tags.c: the structure tree.  ts_node_new makes an element
 * under the open one (lang NULL: the same language); ts_node_open opens
 * an element and ts_node_begin makes and opens one, both returning the
 * element open before for ts_node_end.  ts_node_alt sets an element's
 * alt text, its white space collapsed (ts_collapse: runs of it as one
 * space, none at the ends, a copy in the layout's arena).  ts_lang is
 * the build's language, that of the words the locale gives.
 */
int		 ts_node_new(struct ts *, enum snode_type, const char *lang);
int		 ts_node_open(struct ts *, int node);
int		 ts_node_begin(struct ts *, enum snode_type, const char *lang);
void		 ts_node_end(struct ts *, int before);
void		 ts_node_alt(struct ts *, int node, const char *alt);
const char	*ts_collapse(struct ts *, const char *);
enum snode_type	 ts_heading_type(int level);
const char	*ts_lang(const struct ts *);

/* typeset_front.c */
void		 ts_cover(struct ts *);
void		 ts_contents(struct ts *);
void		 ts_imprint(struct ts *);

#endif /* BROCHURE_TYPESET_INT_H */
