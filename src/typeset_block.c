/*
 * typeset_block: blocks to vertical material.  One builder per block kind
 * (a table indexed by enum block_kind) appends strips to a vlist; ts_blocks
 * pours each block's strips into the columns.  Sections open pages (or,
 * with sections@new-page="no" in one column, go on in the page) and
 * keep their headings with what follows; entry profiles gather title,
 * partners, place, summary, advice and media into one list so the
 * profile's head stays with its text.
 * Each block opens its structure element (P, L, BlockQuote, Figure, Sect
 * with its heading) around what it sets.
 *
 * This part must never choose pages or columns: ts_pour does that.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "render.h"
#include "typeset_int.h"

typedef void	(*build_fn)(struct ts *, const struct block *, struct vlist *);

static void	build_para(struct ts *, const struct block *, struct vlist *);
static void	build_list(struct ts *, const struct block *, struct vlist *);
static void	build_quote(struct ts *, const struct block *, struct vlist *);
static void	build_figure(struct ts *, const struct block *, struct vlist *);
static void	build_contact(struct ts *, const struct block *,
		    struct vlist *);
static void	build_publisher(struct ts *, const struct block *,
		    struct vlist *);
static void	build_funding(struct ts *, const struct block *,
		    struct vlist *);
static void	build_credits(struct ts *, const struct block *,
		    struct vlist *);

static const build_fn builders[BLK__MAX] = {
	build_para,	/* BLK_PARA */
	build_list,	/* BLK_LIST */
	NULL,		/* BLK_SECTION: see section() */
	build_quote,	/* BLK_PULL_QUOTE */
	ts_build_chart,	/* BLK_CHART: typeset_chart.c */
	build_figure,	/* BLK_FIGURE */
	ts_build_entries, /* BLK_ENTRY_LIST: typeset_entry.c */
	build_contact,	/* BLK_CONTACT */
	build_publisher, /* BLK_PUBLISHER */
	build_funding,	/* BLK_FUNDING */
	build_credits,	/* BLK_PHOTO_CREDITS */
};

/* --- helpers --- */

/* Plain text in a role (labels the program writes itself). */
void
ts_label_lines(struct ts *ts, struct vlist *l, const char *text,
    enum text_role role, enum item_role irole, double space_before)
{
	struct srcpos	pos = { ts->st->file, 0 };

	ts_text_lines(ts, l, text, role, irole, space_before, &pos);
}

/* Plain text in a role, from the report at pos (for diagnostics). */
void
ts_text_lines(struct ts *ts, struct vlist *l, const char *text,
    enum text_role role, enum item_role irole, double space_before,
    const struct srcpos *pos)
{
	struct span_list	 sl = { NULL, 0, 0 };
	struct text_block	 tb;
	size_t			 first = l->n;

	ts_spans_text(ts, text, role, ts_role(ts, role)->face, pos, &sl);
	ts_set(ts, &sl, role, ts_column_width(ts), &tb);
	vlist_append_lines(ts, l, &tb, 0, role, irole);
	vlist_space(l, first, space_before);
	text_block_free(&tb);
	span_list_free(&sl);
}

struct item
ts_rect_item(double x, double y, double w, double h, const struct color *c,
    enum item_role role)
{
	struct item	it;

	memset(&it, 0, sizeof(it));
	it.kind = ITEM_RECT;
	it.role = role;
	it.x = x, it.y = y, it.w = w, it.h = h;
	it.u.rect.color = c;
	return it;
}

/* --- paragraphs and lists --- */

static void
build_para(struct ts *ts, const struct block *b, struct vlist *l)
{
	size_t	first = l->n;
	int	before = ts_node_begin(ts, SN_P, b->lang);

	ts_set_inline(ts, l, b->u.para, TR_BODY, IR_PARAGRAPH, 0,
	    ts_column_width(ts));
	ts_node_end(ts, before);
	vlist_keep_lines(l, first, l->n - first, ts->st);
	vlist_space(l, first, ts->st->paragraph_space);
	vlist_set_dest(l, first, b->id, IR_PARAGRAPH);
}

static const char *
list_marker(struct ts *ts, const struct block *b, int i)
{
	if (b->u.list.type == LIST_NUMBER)
		return arena_printf(ts->lay->arena, "%d.",
		    b->u.list.start + i);
	return ts->st->bullet;
}

static void
build_item(struct ts *ts, const struct block *b, const struct list_item *li,
    int i, struct vlist *l)
{
	const struct text_style	*rs = ts_role(ts, TR_LIST);
	double			 indent = ts->st->list_indent;
	struct vlist		 mark = { NULL, 0, 0 };
	size_t			 first = l->n, k;
	int			 before = ts_node_begin(ts, SN_LI, NULL);
	int			 label = ts_node_new(ts, SN_LBL, NULL);

	ts_node_open(ts, ts_node_new(ts, SN_LBODY, NULL));
	ts_set_inline(ts, l, li->content, TR_LIST, IR_LIST, indent,
	    ts_column_width(ts) - indent);
	ts_node_open(ts, label);
	if (l->n > first)
		ts_label_lines(ts, &mark, list_marker(ts, b, i), TR_LIST,
		    IR_LIST, 0);
	ts_node_end(ts, before);
	if (l->n == first)
		return;
	for (k = 0; k < mark.n && k < 1; k++) {
		mark.v[k].items[0].u.glyphs.color = layout_color(ts->lay,
		    &ts->st->accent);
		vline_add_item(&l->v[first], &mark.v[k].items[0]);
	}
	vlist_free(&mark);
	vlist_keep_lines(l, first, l->n - first, ts->st);
	vlist_space(l, first, i == 0 ? ts->st->paragraph_space : rs->space_before);
}

static void
build_list(struct ts *ts, const struct block *b, struct vlist *l)
{
	const struct list_item	*li;
	size_t			 first = l->n;
	int			 i = 0;
	int			 before = ts_node_begin(ts, SN_L, b->lang);

	for (li = b->u.list.items; li != NULL; li = li->next)
		build_item(ts, b, li, i++, l);
	ts_node_end(ts, before);
	vlist_set_dest(l, first, b->id, IR_LIST);
}

/* --- pull quotes --- */

/* "Speaker (Org) context", or "Speaker, Role" where there is no org. */
static void
quote_source(struct ts *ts, const struct quote *q, struct span_list *sl)
{
	enum text_role	r = TR_QUOTE_SOURCE;
	enum font_face_kind f = ts_role(ts, r)->face;

	ts_spans(ts, q->speaker, r, sl);
	if (q->org != NULL) {
		ts_spans_text(ts, " (", r, f, &q->pos, sl);
		ts_spans(ts, q->org, r, sl);
		ts_spans_text(ts, ")", r, f, &q->pos, sl);
	} else if (q->role != NULL) {
		ts_spans_text(ts, ", ", r, f, &q->pos, sl);
		ts_spans(ts, q->role, r, sl);
	}
	if (q->context != NULL) {
		ts_spans_text(ts, " ", r, f, &q->pos, sl);
		ts_spans(ts, q->context, r, sl);
	}
}

static void
set_spans(struct ts *ts, struct vlist *l, struct span_list *sl,
    enum text_role role, enum item_role irole, double x)
{
	struct text_block	tb;

	ts_set(ts, sl, role, ts_column_width(ts) - x, &tb);
	vlist_append_lines(ts, l, &tb, x, role, irole);
	text_block_free(&tb);
	span_list_free(sl);
}

/* An accent rule down the left edge of strips [first, l->n). */
static void
quote_rule(struct ts *ts, struct vlist *l, size_t first)
{
	struct item	it;
	size_t		i;

	if (ts->st->quote_rule <= 0)
		return;
	for (i = first; i < l->n; i++) {
		it = ts_rect_item(0, -l->v[i].height - (i > first ?
		    0 : 0), ts->st->quote_rule, l->v[i].height +
		    (i + 1 < l->n ? l->v[i + 1].space_before : 0),
		    layout_color(ts->lay, &ts->st->accent), IR_DECORATION);
		vline_add_item(&l->v[i], &it);
	}
}

static void
build_quote(struct ts *ts, const struct block *b, struct vlist *l)
{
	if (b->u.pull_quote.quote != NULL)
		ts_quote(ts, b->u.pull_quote.quote, l);
}

/* A quote set large between the locale's marks, its source under it. */
void
ts_quote(struct ts *ts, const struct quote *q, struct vlist *l)
{
	enum font_face_kind	 f = ts_role(ts, TR_QUOTE)->face;
	struct span_list	 sl = { NULL, 0, 0 };
	double			 x = ts->st->list_indent;
	size_t			 first = l->n, src;
	int			 before = ts_node_begin(ts, SN_BLOCKQUOTE,
				    q->lang);
	int			 quote = ts->node;

	ts_node_begin(ts, SN_P, NULL);
	ts_spans_text(ts, locale_quote_open(ts->loc, 0), TR_QUOTE, f,
	    &q->pos, &sl);
	ts_spans(ts, q->text, TR_QUOTE, &sl);
	ts_spans_text(ts, locale_quote_close(ts->loc, 0), TR_QUOTE, f,
	    &q->pos, &sl);
	set_spans(ts, l, &sl, TR_QUOTE, IR_QUOTE, x);
	src = l->n;
	ts_node_open(ts, quote);
	ts_node_begin(ts, SN_P, NULL);
	quote_source(ts, q, &sl);
	set_spans(ts, l, &sl, TR_QUOTE_SOURCE, IR_QUOTE, x);
	ts_node_end(ts, before);
	vlist_space(l, src, ts_role(ts, TR_QUOTE_SOURCE)->space_before);
	quote_rule(ts, l, first);
	vlist_keep_all(l, first);
	vlist_space(l, first, ts_role(ts, TR_QUOTE)->space_before);
	vlist_set_dest(l, first, q->id, IR_QUOTE);
	if (l->n > first)
		vlist_add(l)->height = ts_role(ts, TR_QUOTE)->space_after;
}

/* --- figures --- */

/*
 * The size of an image, checked (and reported) on its first use only: the
 * layout passes would otherwise decode every picture again.
 */
static int
image_size(struct ts *ts, const char *path, const struct srcpos *pos,
    int *w, int *h)
{
	struct image_size	*is;
	size_t			 i;

	for (i = 0; i < ts->nimages; i++)
		if (strcmp(ts->images[i].path, path) == 0)
			break;
	if (i == ts->nimages) {
		if (ts->nimages == ts->images_cap) {
			ts->images_cap = ts->images_cap * 2 + 8;
			ts->images = xrealloc(ts->images,
			    ts->images_cap * sizeof(*ts->images));
		}
		is = &ts->images[ts->nimages++];
		is->path = path;
		if (render_image_size(path, pos, &is->width, &is->height))
			is->width = is->height = 0;
	}
	*w = ts->images[i].width;
	*h = ts->images[i].height;
	return *w > 0 && *h > 0 ? 0 : -1;
}

/* An image strip scaled to max_width, at most half a page tall. */
void
ts_image(struct ts *ts, struct vlist *l, const char *path, const char *alt,
    double max_width, const struct srcpos *pos)
{
	double		 w = max_width, h, max_h;
	int		 pw, ph;
	struct vline	*v;
	struct item	 it;

	if (image_size(ts, path, pos, &pw, &ph) != 0)
		return;
	h = w * ph / pw;
	max_h = (ts->st->page_height - ts->st->margin_top -
	    ts->st->margin_bottom) / 2;
	if (h > max_h) {
		h = max_h;
		w = h * pw / ph;
	}
	v = vlist_add(l);
	v->height = h;
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_IMAGE;
	it.role = IR_FIGURE;
	it.node = ts->node;
	it.pos = *pos;
	it.y = -h, it.w = w, it.h = h;
	it.u.image.path = path;
	it.u.image.alt = alt;
	vline_add_item(v, &it);
}

void
ts_add_credit(struct ts *ts, const char *credit, const char *dest)
{
	if (ts->ncredits == ts->credits_cap) {
		ts->credits_cap = ts->credits_cap ? ts->credits_cap * 2 : 8;
		ts->credits = xrealloc(ts->credits,
		    ts->credits_cap * sizeof(char *));
		ts->credit_dests = xrealloc(ts->credit_dests,
		    ts->credits_cap * sizeof(char *));
	}
	ts->credits[ts->ncredits] = credit;
	ts->credit_dests[ts->ncredits++] = dest;
}

/* A figure at width w: image, caption and credit, kept together. */
static void
figure_strips(struct ts *ts, const struct block *b, struct vlist *l,
    double w)
{
	const struct figure	*f = &b->u.figure;
	const char		*dest;
	size_t			 first = l->n;
	int			 before = ts_node_begin(ts, SN_FIGURE, b->lang);

	ts_node_alt(ts, ts->node, f->alt);
	dest = b->id ? b->id : arena_printf(ts->lay->arena, "#fig-%s-%ld",
	    b->pos.file, b->pos.line);
	ts_image(ts, l, f->src, f->alt, w, &b->pos);
	ts_node_end(ts, before);
	if (f->caption != NULL) {
		ts_node_begin(ts, SN_P, b->lang);
		ts_set_inline(ts, l, f->caption, TR_CAPTION, IR_FIGURE, 0, w);
		ts_node_end(ts, before);
	}
	if (f->credit != NULL) {
		ts_node_begin(ts, SN_P, ts_lang(ts));
		ts_label_lines(ts, l, arena_printf(ts->lay->arena, "%s %s",
		    locale_label(ts->loc, "photo"), f->credit), TR_CAPTION,
		    IR_FIGURE, 0);
		ts_node_end(ts, before);
		ts_add_credit(ts, f->credit, dest);
	}
	vlist_space(l, first + 1, ts_role(ts, TR_CAPTION)->space_before);
	vlist_keep_all(l, first);
	vlist_space(l, first, ts->st->paragraph_space * 2);
	vlist_set_dest(l, first, dest, IR_FIGURE);
	vlist_add(l)->height = ts->st->paragraph_space * 2;
}

/*
 * A page-wide figure across the columns, at the top of the page: the
 * strips go straight onto it.
 */
void
ts_wide_figure(struct ts *ts, const struct block *b)
{
	struct vlist	l = { NULL, 0, 0 };

	figure_strips(ts, b, &l, ts_text_width(ts));
	ts_place_span(ts, &l);
	vlist_free(&l);
}

/*
 * A figure: scaled to the column, or with width="page" across the text
 * width.  A page-wide figure cannot sit inside a column: it goes across
 * the top of this page while the first column is still empty, else it
 * waits for the top of the next page (ts_float).
 */
static void
build_figure(struct ts *ts, const struct block *b, struct vlist *l)
{
	if (b->u.figure.width == FIGURE_PAGE && ts->st->columns > 1)
		ts_float(ts, b);
	else
		figure_strips(ts, b, l, ts_column_width(ts));
}

/* A waiting page-wide figure set into its column after all. */
void
ts_narrow_figure(struct ts *ts, const struct block *b)
{
	struct vlist	l = { NULL, 0, 0 };

	figure_strips(ts, b, &l, ts_column_width(ts));
	ts_pour(ts, &l);
	vlist_free(&l);
}

/* --- imprint parts --- */

static const char *
imprint_label(struct ts *ts, const struct block *b, const char *key)
{
	return b->u.imprint.label ? b->u.imprint.label :
	    locale_label(ts->loc, key);
}

/*
 * The head of an imprint part (its label, else the locale's word for
 * key), a heading one level under the imprint's.
 */
static void
imprint_head(struct ts *ts, struct vlist *l, const struct block *b,
    const char *key)
{
	size_t	first = l->n;
	int	before = ts_node_begin(ts,
		    ts_heading_type(ts->section_level + 1),
		    b->u.imprint.label ? b->lang : ts_lang(ts));

	ts_label_lines(ts, l, imprint_label(ts, b, key), TR_IMPRINT_HEAD,
	    IR_IMPRINT, ts_role(ts, TR_IMPRINT_HEAD)->space_before);
	ts_node_end(ts, before);
	vlist_keep_all(l, first);
	if (l->n > first)
		l->v[l->n - 1].keep_with_next = 1;
}

static void
build_contact(struct ts *ts, const struct block *b, struct vlist *l)
{
	const struct contact	*c = &b->u.imprint.contact;
	const struct inline_node *lines[] = {
		c->org, c->street, c->city, c->email, c->web
	};
	size_t			 i;
	int			 before = ts->node;

	imprint_head(ts, l, b, "contact");
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		if (lines[i] == NULL)
			continue;
		ts_node_begin(ts, SN_P, b->lang);
		ts_set_inline(ts, l, lines[i], TR_IMPRINT, IR_IMPRINT, 0,
		    ts_column_width(ts));
		ts_node_end(ts, before);
	}
}

static void
build_publisher(struct ts *ts, const struct block *b, struct vlist *l)
{
	int	before;

	imprint_head(ts, l, b, "publisher");
	before = ts_node_begin(ts, SN_P, b->lang);
	ts_set_inline(ts, l, b->u.imprint.text, TR_IMPRINT, IR_IMPRINT, 0,
	    ts_column_width(ts));
	ts_node_end(ts, before);
}

static void
build_funding(struct ts *ts, const struct block *b, struct vlist *l)
{
	const struct block	*p;
	const char		*label = imprint_label(ts, b, "funding");
	int			 before;

	imprint_head(ts, l, b, "funding");
	if (b->u.imprint.logo != NULL) {
		before = ts_node_begin(ts, SN_FIGURE, b->lang);
		ts_node_alt(ts, ts->node, label);
		ts_image(ts, l, b->u.imprint.logo, label,
		    ts_column_width(ts) * 0.6, &b->pos);
		ts_node_end(ts, before);
	}
	for (p = b->u.imprint.blocks; p != NULL; p = p->next)
		ts_build(ts, p, l);
}

static void
build_credits(struct ts *ts, const struct block *b, struct vlist *l)
{
	size_t	i;
	int	before = ts->node;

	if (ts->ncredits == 0)
		return;
	imprint_head(ts, l, b, "photo-credits");
	for (i = 0; i < ts->ncredits; i++) {
		ts_node_begin(ts, SN_P, ts_lang(ts));
		ts_label_lines(ts, l, arena_printf(ts->lay->arena,
		    "%s\xC2\xA0%d: %s", locale_label(ts->loc, "page-abbrev"),
		    ts_dest_page(ts, ts->credit_dests[i]), ts->credits[i]),
		    TR_IMPRINT, IR_IMPRINT, 0);
		ts_node_end(ts, before);
	}
}

/* --- sections and the dispatch --- */

void
ts_build(struct ts *ts, const struct block *b, struct vlist *l)
{
	assert(b->kind < BLK__MAX);
	if (builders[b->kind] != NULL)
		builders[b->kind](ts, b, l);
}

/*
 * The strips of a top-level heading across the text width: the section
 * number above the title, then the title's space after; all kept together
 * and with what follows.
 */
static void
heading_strips(struct ts *ts, const char *number, const char *title,
    const char *dest, const struct srcpos *pos, struct vlist *l)
{
	struct vlist	 t = { NULL, 0, 0 };
	struct span_list sl = { NULL, 0, 0 };
	struct text_block tb;
	size_t		 i;
	int		 before;

	before = ts_node_begin(ts, SN_H1, NULL);
	if (number != NULL)
		ts_label_lines(ts, l, number, TR_SECNUM, IR_HEADING, 0);
	ts_spans_text(ts, title, TR_H1, ts_role(ts, TR_H1)->face, pos, &sl);
	ts_set(ts, &sl, TR_H1, ts_text_width(ts), &tb);
	vlist_append_lines(ts, &t, &tb, 0, TR_H1, IR_HEADING);
	ts_node_end(ts, before);
	for (i = 0; i < t.n; i++)
		*vlist_add(l) = t.v[i];
	free(t.v);
	text_block_free(&tb);
	span_list_free(&sl);
	vlist_set_dest(l, 0, dest, IR_HEADING);
	vlist_add(l)->height = ts_role(ts, TR_H1)->space_after;
	vlist_keep_all(l, 0);
	l->v[l->n - 1].keep_with_next = 1;
}

/* A top-level heading across the text width at the top of a new page. */
void
ts_heading(struct ts *ts, const char *number, const char *title,
    const char *dest, const struct srcpos *pos)
{
	struct vlist	l = { NULL, 0, 0 };

	ts_new_page(ts, 1);
	heading_strips(ts, number, title, dest, pos, &l);
	ts_place_span(ts, &l);
	vlist_free(&l);
}

/* A sub-section's heading appended to l, kept with what follows. */
static void
subsection_strips(struct ts *ts, const struct block *b, const char *dest,
    struct vlist *l)
{
	size_t		first = l->n;
	int		before = ts_node_begin(ts,
			    ts_heading_type(b->u.section.level), NULL);

	ts_set_inline(ts, l, b->u.section.title, TR_H2, IR_SUBHEADING, 0,
	    ts_column_width(ts));
	ts_node_end(ts, before);
	vlist_keep_all(l, first);
	if (l->n > first)
		l->v[l->n - 1].keep_with_next = 1;
	vlist_space(l, first, ts_role(ts, TR_H2)->space_before);
	vlist_set_dest(l, first, dest, IR_SUBHEADING);
}

/*
 * The strip at l's position at, right after a top-level heading's space
 * after (an empty strip), does without its own space before, as at the
 * top of a column under a heading that starts a page.
 */
static void
after_heading_space(struct vlist *l, size_t at)
{
	if (at > 0 && at < l->n && l->v[at - 1].nitems == 0)
		l->v[at].space_before = 0;
}

/*
 * Whether a top-level section goes on in the page (sections@new-page
 * "no"): never the first, which follows the cover or the contents, and
 * never with several columns, where a heading across them in mid-page
 * would need the columns above it balanced (not done).
 */
static int
section_flows(const struct ts *ts, const struct block *b)
{
	const struct block	*first = ts->doc->body;

	while (first != NULL && first->kind != BLK_SECTION)
		first = first->next;
	return !ts->st->section_new_page && ts->st->columns == 1 &&
	    b != first;
}

/* Where the next strip goes; it changes whenever a strip is placed. */
struct frame_at {
	size_t	 npages;
	int	 column;
	double	 cursor;		/* [pt] */
};

static struct frame_at
frame_at(const struct ts *ts)
{
	struct frame_at	at = { ts->lay->npages, ts->column, ts->cursor };

	return at;
}

static int
frame_same(const struct ts *ts, const struct frame_at *at)
{
	return ts->lay->npages == at->npages && ts->column == at->column &&
	    ts->cursor == at->cursor;
}

static void	section(struct ts *, const struct block *, struct vlist *);
static void	blocks(struct ts *, const struct block *, struct vlist *);

/*
 * Headings in the flow (head) with what follows them: a sub-section's
 * heading joins them; else the first block is built onto head and
 * heading-keep of its strips stay with the headings, so that they move
 * on to the next column rather than stand at a column foot alone.
 * A block that pours what it has built (an entry list, profile by
 * profile) pours the headings with it, kept by its own chains.  Returns
 * the first block not yet set.
 */
static const struct block *
with_head(struct ts *ts, const struct block *b, struct vlist *head)
{
	struct frame_at	 at = frame_at(ts);
	size_t		 n = head->n, keep = 1, i;

	if (b != NULL) {
		ts->at = &b->pos;
		if (b->kind == BLK_SECTION) {
			section(ts, b, head);
			return b->next;
		}
		ts_build(ts, b, head);
		b = b->next;
	}
	if (ts->st->heading_keep > 1)
		keep = (size_t)ts->st->heading_keep;
	if (frame_same(ts, &at)) {
		after_heading_space(head, n);
		for (i = n; i + 1 < head->n && i + 1 < n + keep; i++)
			head->v[i].keep_with_next = 1;
	}
	ts_pour(ts, head);
	vlist_free(head);
	return b;
}

/*
 * A section.  A top-level heading that starts a page is placed at once;
 * any other joins head (the headings above it still waiting, or a list
 * of its own) and is poured with what follows it.
 */
static void
section(struct ts *ts, const struct block *b, struct vlist *head)
{
	const char	*dest = ts_section_dest(ts, b);
	const char	*title = ts_plain(ts, b->u.section.title);
	const char	*num = NULL;
	struct vlist	 own = { NULL, 0, 0 };
	size_t		 first;
	int		 before;

	if (b->u.section.number > 0)
		num = ts_number_text(ts, b->u.section.number);
	layout_add_outline(ts->lay, b->u.section.level, num == NULL ? title :
	    arena_printf(ts->lay->arena, "%s %s", num, title), dest);
	if (b->u.section.level == 1)
		ts_flush_floats(ts);
	before = ts_node_begin(ts, SN_SECT, b->lang);
	if (b->u.section.level == 1 && !section_flows(ts, b)) {
		ts_heading(ts, num, title, dest, &b->pos);
	} else {
		if (head == NULL)
			head = &own;
		first = head->n;
		if (b->u.section.level == 1) {
			heading_strips(ts, num, title, dest, &b->pos, head);
			vlist_space(head, 0, ts->st->section_space);
		} else
			subsection_strips(ts, b, dest, head);
		after_heading_space(head, first);
	}
	ts->section_level = b->u.section.level;
	blocks(ts, b->u.section.children, head);
	ts->section_level = b->u.section.level - 1;
	ts_node_end(ts, before);
}

/*
 * Blocks in order, each poured into the columns; head as for section(),
 * poured with the first of them.
 */
static void
blocks(struct ts *ts, const struct block *b, struct vlist *head)
{
	struct vlist	l = { NULL, 0, 0 };

	if (head != NULL)
		b = with_head(ts, b, head);
	for (; b != NULL; b = b->next) {
		ts->at = &b->pos;
		if (b->kind == BLK_SECTION) {
			section(ts, b, NULL);
			continue;
		}
		ts_build(ts, b, &l);
		ts_pour(ts, &l);
		vlist_free(&l);
	}
}

void
ts_blocks(struct ts *ts, const struct block *b)
{
	blocks(ts, b, NULL);
}
