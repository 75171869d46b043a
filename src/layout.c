/*
 * layout: holds the display list typeset builds and render reads: pages
 * of positioned items, the outline and the document information.  The
 * page, item and outline arrays grow with xrealloc; every string lives
 * in the layout's arena.
 *
 * This module must never measure or break text, nor call libharu.
 */
#include <assert.h>
#include <stdlib.h>

#include "layout.h"

#define LAYOUT_FIRST_CAP	16	/* first size of every growing array */

const char *const item_kind_names[ITEM__MAX] = {
	"glyphs",	/* ITEM_GLYPHS */
	"rule",		/* ITEM_RULE */
	"rect",		/* ITEM_RECT */
	"image",	/* ITEM_IMAGE */
	"link",		/* ITEM_LINK */
	"dest",		/* ITEM_DEST */
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
	l->width = width;
	l->height = height;
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
	arena_free(l->arena);
	free(l);
}

char *
layout_strdup(struct layout *l, const char *s)
{
	return arena_strdup(l->arena, s);
}

struct page *
layout_add_page(struct layout *l, const char *label)
{
	struct page	*p;

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
	p->items = grow(p->items, p->nitems, &p->cap, sizeof(*p->items));
	p->items[p->nitems] = *it;
	return &p->items[p->nitems++];
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
