/*
 * layout: holds the display list typeset builds and render reads: pages
 * of positioned items, the structure tree their nodes point into, the
 * outline and the document information.  The page, item, node and
 * outline arrays grow with xrealloc; every string lives in the layout's
 * arena (one copy of each, layout_intern), the glyph runs' text and
 * kerning in its runs arena, so a layout outlives the model it was made
 * from.  Circular arcs become paths of cubic Béziers here, so the
 * devices draw only straight lines and curves.
 *
 * This module must never measure or break text, nor call libharu.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout.h"

#define LAYOUT_FIRST_CAP	16	/* first size of every growing array */
#define ARC_STEP		90.0	/* [degrees] most one Bézier spans */
#define FULL_TURN		360.0	/* [degrees] */
#define RAD_PER_DEG		(3.14159265358979323846 / 180.0)
#define EDGE_SLACK		0.01	/* [pt] this near an edge reaches it */
#define INTERN_FIRST_CAP	64	/* first size of the string table */

/*
 * The layout's own copies of the strings its items and nodes name (file
 * names, destinations, URIs, image paths, alt texts, languages): one
 * copy in the arena per distinct text, found by an open-addressing table
 * at most half full.  last is the copy handed out last: items in a row
 * mostly name the same source file.
 */
struct layout_strings {
	const char	**v;		/* cap slots, NULL: empty */
	size_t		 n, cap;	/* cap: a power of two */
	const char	*last;
};

const char *const item_kind_names[ITEM__MAX] = {
	"glyphs",	/* ITEM_GLYPHS */
	"rule",		/* ITEM_RULE */
	"rect",		/* ITEM_RECT */
	"image",	/* ITEM_IMAGE */
	"link",		/* ITEM_LINK */
	"dest",		/* ITEM_DEST */
	"path",		/* ITEM_PATH */
};

const char *const path_op_names[PATH__MAX] = {
	"M",		/* PATH_MOVE */
	"L",		/* PATH_LINE */
	"C",		/* PATH_CURVE */
	"Z",		/* PATH_CLOSE */
};

const char *const path_paint_names[PAINT__MAX] = {
	"stroke",	/* PAINT_STROKE */
	"fill",		/* PAINT_FILL */
};

const char *const item_role_names[IR__MAX] = {
	"decoration",	/* IR_DECORATION */
	"heading",	/* IR_HEADING */
	"subheading",	/* IR_SUBHEADING */
	"paragraph",	/* IR_PARAGRAPH */
	"list",		/* IR_LIST */
	"quote",	/* IR_QUOTE */
	"note",		/* IR_NOTE */
	"figure",	/* IR_FIGURE */
	"chart",	/* IR_CHART */
	"entry",	/* IR_ENTRY */
	"toc",		/* IR_TOC */
	"cover",	/* IR_COVER */
	"imprint",	/* IR_IMPRINT */
	"footer",	/* IR_FOOTER */
};

const char *const snode_type_names[SN__MAX] = {
	"Document",	/* SN_DOCUMENT */
	"Sect",		/* SN_SECT */
	"H1",		/* SN_H1 */
	"H2",		/* SN_H2 */
	"H3",		/* SN_H3 */
	"H4",		/* SN_H4 */
	"H5",		/* SN_H5 */
	"H6",		/* SN_H6 */
	"P",		/* SN_P */
	"L",		/* SN_L */
	"LI",		/* SN_LI */
	"Lbl",		/* SN_LBL */
	"LBody",	/* SN_LBODY */
	"BlockQuote",	/* SN_BLOCKQUOTE */
	"Note",		/* SN_NOTE */
	"Reference",	/* SN_REFERENCE */
	"Link",		/* SN_LINK */
	"Figure",	/* SN_FIGURE */
	"TOC",		/* SN_TOC */
	"TOCI",		/* SN_TOCI */
};

/* The array v of n elements of size bytes, with room for one more. */
static void *
grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : LAYOUT_FIRST_CAP;
	return xrealloc(v, *cap * size);
}

struct layout *
layout_new(double width, double height)
{
	struct layout	*l = xcalloc(1, sizeof(*l));

	l->arena = arena_new();
	l->runs = arena_new();
	l->strings = xcalloc(1, sizeof(*l->strings));
	l->width = width;
	l->height = height;
	l->nodes = grow(NULL, 0, &l->nodes_cap, sizeof(*l->nodes));
	l->nodes[0] = (struct snode){ SN_DOCUMENT, -1, NULL, NULL };
	l->nnodes = 1;
	return l;
}

void
layout_free(struct layout *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->npages; i++)
		free(l->pages[i].items);
	free(l->pages);
	free(l->outline);
	free(l->nodes);
	free(l->strings->v);
	free(l->strings);
	free(l->colors);
	arena_free(l->runs);
	arena_free(l->arena);
	free(l);
}

void
layout_drop_items(struct layout *l, size_t n)
{
	struct page	*p;

	assert(n < l->npages);
	p = &l->pages[n];
	free(p->items);
	p->items = NULL;
	p->nitems = p->cap = 0;
}

void
layout_drop_runs(struct layout *l)
{
	size_t	 i;

	for (i = 0; i < l->npages; i++)
		assert(l->pages[i].nitems == 0);
	arena_free(l->runs);
	l->runs = NULL;
}

char *
layout_strdup(struct layout *l, const char *s)
{
	return arena_strdup(l->arena, s);
}

/* The slot of s in a table of cap slots: its copy, or an empty one. */
static const char **
strings_slot(const char **v, size_t cap, const char *s)
{
	size_t	 i = (size_t)hash_bytes(s, strlen(s)) & (cap - 1);

	while (v[i] != NULL && strcmp(v[i], s) != 0)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

/* Room for one more string, the table kept at most half full. */
static void
strings_grow(struct layout_strings *t)
{
	const char	**old = t->v;
	size_t		 oldcap = t->cap, i;

	if (2 * (t->n + 1) <= t->cap)
		return;
	t->cap = t->cap ? t->cap * 2 : INTERN_FIRST_CAP;
	t->v = xcalloc(t->cap, sizeof(*t->v));
	for (i = 0; i < oldcap; i++)
		if (old[i] != NULL)
			*strings_slot(t->v, t->cap, old[i]) = old[i];
	free(old);
}

const char *
layout_intern(struct layout *l, const char *s)
{
	struct layout_strings	*t = l->strings;
	const char		**slot;

	if (s == NULL)
		return NULL;
	if (t->last != NULL && (s == t->last || strcmp(s, t->last) == 0))
		return t->last;
	strings_grow(t);
	slot = strings_slot(t->v, t->cap, s);
	if (*slot == NULL) {
		*slot = arena_strdup(l->arena, s);
		t->n++;
	}
	return t->last = *slot;
}

const struct color *
layout_color(struct layout *l, const struct color *c)
{
	size_t	i;

	for (i = l->ncolors; i-- > 0; )
		if (color_equal(l->colors[i], c))
			return l->colors[i];
	l->colors = grow(l->colors, l->ncolors, &l->colors_cap,
	    sizeof(*l->colors));
	l->colors[l->ncolors] = ARENA_NEW(l->arena, struct color);
	*l->colors[l->ncolors] = *c;
	return l->colors[l->ncolors++];
}

/* The item's strings but its glyphs' text, as the layout's own copies. */
static void
own_strings(struct layout *l, struct item *it)
{
	it->pos.file = layout_intern(l, it->pos.file);
	switch (it->kind) {
	case ITEM_IMAGE:
		it->u.image.path = layout_intern(l, it->u.image.path);
		it->u.image.alt = layout_intern(l, it->u.image.alt);
		break;
	case ITEM_LINK:
		it->u.link.uri = layout_intern(l, it->u.link.uri);
		it->u.link.dest = layout_intern(l, it->u.link.dest);
		break;
	case ITEM_DEST:
		it->u.dest.name = layout_intern(l, it->u.dest.name);
		break;
	default:
		break;
	}
}

/*
 * A finished page's items moved to an array of just their size: the
 * array they grew in (doubling, a third unused on average) is freed
 * whole, and the next page grows in it again.
 */
static void
fit_items(struct page *p)
{
	struct item	*exact;

	if (p->cap == p->nitems || p->nitems == 0)
		return;
	exact = xmalloc(p->nitems * sizeof(*exact));
	memcpy(exact, p->items, p->nitems * sizeof(*exact));
	free(p->items);
	p->items = exact;
	p->cap = p->nitems;
}

struct page *
layout_add_page(struct layout *l, const char *label)
{
	struct page	*p;

	if (l->npages > 0)
		fit_items(&l->pages[l->npages - 1]);
	l->pages = grow(l->pages, l->npages, &l->cap, sizeof(*l->pages));
	p = &l->pages[l->npages];
	p->index = (int)l->npages++;
	p->label = arena_strdup(l->arena, label);
	p->items = NULL;
	p->nitems = p->cap = 0;
	return p;
}

struct item *
layout_add(struct layout *l, struct page *p, const struct item *it)
{
	/* A page pointer from before the last layout_add_page is stale. */
	assert(p >= l->pages && p < l->pages + l->npages);
	assert(it->kind < ITEM__MAX && it->role < IR__MAX);
	assert(it->node >= 0 && (size_t)it->node < l->nnodes);
	p->items = grow(p->items, p->nitems, &p->cap, sizeof(*p->items));
	p->items[p->nitems] = *it;
	own_strings(l, &p->items[p->nitems]);
	return &p->items[p->nitems++];
}

static struct path_point
circle_point(double cx, double cy, double r, double rad)
{
	struct path_point	p = { cx + r * cos(rad), cy + r * sin(rad) };

	return p;
}

/*
 * Each piece of angle a is a cubic whose controls lie on the tangents at
 * its ends, k = 4/3 tan(a/4) radii away: the curve meets the circle at
 * both ends and at its middle, and strays from it by less than 0.03 %
 * of the radius for a = 90°.
 */
size_t
layout_arc(struct path_seg *segs, double cx, double cy, double r,
    double start, double sweep)
{
	double	 a, k, from, to;
	size_t	 n, i;

	if (sweep > FULL_TURN)
		sweep = FULL_TURN;
	else if (sweep < -FULL_TURN)
		sweep = -FULL_TURN;
	if (sweep == 0)
		return 0;
	n = (size_t)ceil(fabs(sweep) / ARC_STEP);
	a = sweep / (double)n * RAD_PER_DEG;
	k = 4.0 / 3.0 * tan(a / 4.0) * r;
	from = start * RAD_PER_DEG;
	segs[0].op = PATH_MOVE;
	segs[0].pt[0] = circle_point(cx, cy, r, from);
	for (i = 1; i <= n; i++, from = to) {
		to = from + a;
		segs[i].op = PATH_CURVE;
		segs[i].pt[0] = circle_point(cx, cy, r, from);
		segs[i].pt[0].x -= k * sin(from);
		segs[i].pt[0].y += k * cos(from);
		segs[i].pt[2] = circle_point(cx, cy, r, to);
		segs[i].pt[1] = segs[i].pt[2];
		segs[i].pt[1].x += k * sin(to);
		segs[i].pt[1].y -= k * cos(to);
	}
	return n + 1;
}

const struct kern_pair *
layout_kern(struct layout *l, const struct kern_pair *v, size_t n)
{
	struct kern_pair	*copy;

	if (n == 0)
		return NULL;
	copy = arena_alloc(l->runs, n * sizeof(*copy));
	memcpy(copy, v, n * sizeof(*copy));
	return copy;
}

void
layout_kern_expand(const struct kern_pair *v, size_t npairs, short *kern,
    size_t n)
{
	size_t	i, at = 0;

	memset(kern, 0, n * sizeof(*kern));
	for (i = 0; i < npairs; i++) {
		at += v[i].skip;
		if (at < n)
			kern[at] = v[i].value;
	}
}

const struct path_seg *
layout_path_copy(struct layout *l, const struct path_seg *segs, size_t n)
{
	struct path_seg	*copy;

	copy = arena_alloc(l->arena, n * sizeof(*copy));
	memcpy(copy, segs, n * sizeof(*copy));
	return copy;
}

void
layout_set_info(struct layout *l, const struct layout_info *in)
{
	l->info = *in;
	l->info.title = layout_intern(l, in->title);
	l->info.subject = layout_intern(l, in->subject);
	l->info.author = layout_intern(l, in->author);
	l->info.keywords = layout_intern(l, in->keywords);
	l->info.lang = layout_intern(l, in->lang);
	l->info.publisher = layout_intern(l, in->publisher);
}

void
layout_add_outline(struct layout *l, int level, const char *title,
    const char *dest)
{
	struct outline_entry	*e;

	assert(level >= 1);
	l->outline = grow(l->outline, l->noutline, &l->outline_cap,
	    sizeof(*l->outline));
	e = &l->outline[l->noutline++];
	e->level = level;
	e->title = arena_strdup(l->arena, title);
	e->dest = arena_strdup(l->arena, dest);
}

unsigned
layout_bleed_edges(const struct layout *l, const struct item *it)
{
	unsigned	 edges = 0;

	if ((it->kind != ITEM_RECT && it->kind != ITEM_IMAGE) ||
	    it->w <= 0.0 || it->h <= 0.0)
		return 0;
	if (it->x <= EDGE_SLACK)
		edges |= BLEED_LEFT;
	if (it->x + it->w >= l->width - EDGE_SLACK)
		edges |= BLEED_RIGHT;
	if (it->y <= EDGE_SLACK)
		edges |= BLEED_BOTTOM;
	if (it->y + it->h >= l->height - EDGE_SLACK)
		edges |= BLEED_TOP;
	return edges;
}

const char *
layout_node_lang(const struct layout *l, int n)
{
	assert(n >= 0 && (size_t)n < l->nnodes);
	for (; n >= 0; n = l->nodes[n].parent)
		if (l->nodes[n].lang != NULL)
			return l->nodes[n].lang;
	return l->info.lang;
}

int
layout_add_node(struct layout *l, enum snode_type type, int parent,
    const char *lang)
{
	const char	*inherited = layout_node_lang(l, parent);
	struct snode	*n;

	assert(type > SN_DOCUMENT && type < SN__MAX);
	if (lang != NULL && inherited != NULL &&
	    strcasecmp(lang, inherited) == 0)
		lang = NULL;
	l->nodes = grow(l->nodes, l->nnodes, &l->nodes_cap, sizeof(*l->nodes));
	n = &l->nodes[l->nnodes];
	*n = (struct snode){ type, parent, layout_intern(l, lang), NULL };
	return (int)l->nnodes++;
}
