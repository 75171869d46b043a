/*
 * model_walk: walks the document that model_read() built and answers
 * questions about it: every block, every inline node, the plain text of
 * inline content, the tags of an entry, a region's name.  It works on
 * the structs of model.h alone.
 *
 * This part must never change the tree it walks (only the callbacks may
 * change the nodes they are given), never keep memory outside the
 * document's arena, and never see libxml2.
 */
#include <string.h>

#include "model.h"
#include "util.h"

struct inline_walk {
	void	(*fn)(struct inline_node *, void *);
	void	 *arg;
};

static void	each_block_list(struct block *,
		    void (*)(struct block *, void *), void *);
static void	walk_inline(const struct inline_walk *, struct inline_node *);
static void	walk_block_inline(struct block *, void *);
static void	walk_entry_inline(const struct inline_walk *, struct entry *);

/* --- walking the document --- */

static void
each_block_list(struct block *b, void (*fn)(struct block *, void *),
    void *arg)
{
	for (; b != NULL; b = b->next) {
		fn(b, arg);
		if (b->kind == BLK_SECTION)
			each_block_list(b->u.section.children, fn, arg);
		else if (b->kind == BLK_FUNDING)
			each_block_list(b->u.imprint.blocks, fn, arg);
	}
}

void
model_each_block(struct document *doc, void (*fn)(struct block *, void *),
    void *arg)
{
	struct entry	*e;

	for (e = doc->entries; e != NULL; e = e->next) {
		each_block_list(e->summary, fn, arg);
		each_block_list(e->advice, fn, arg);
	}
	each_block_list(doc->body, fn, arg);
	each_block_list(doc->imprint, fn, arg);
}

static void
walk_inline(const struct inline_walk *w, struct inline_node *in)
{
	for (; in != NULL; in = in->next) {
		w->fn(in, w->arg);
		walk_inline(w, in->child);
	}
}

/* The inline lists a block holds itself (not those of its children). */
static void
walk_block_inline(struct block *b, void *arg)
{
	const struct inline_walk	*w = arg;
	struct list_item		*it;
	struct chart_bar		*bar;
	struct contact			*c = &b->u.imprint.contact;

	switch (b->kind) {
	case BLK_PARA:
		walk_inline(w, b->u.para);
		break;
	case BLK_LIST:
		for (it = b->u.list.items; it != NULL; it = it->next)
			walk_inline(w, it->content);
		break;
	case BLK_SECTION:
		walk_inline(w, b->u.section.title);
		break;
	case BLK_CHART:
		walk_inline(w, b->u.chart.title);
		walk_inline(w, b->u.chart.caption);
		for (bar = b->u.chart.bars; bar != NULL; bar = bar->next)
			walk_inline(w, bar->label);
		break;
	case BLK_FIGURE:
		walk_inline(w, b->u.figure.caption);
		break;
	case BLK_CONTACT:
		walk_inline(w, c->org);
		walk_inline(w, c->street);
		walk_inline(w, c->city);
		walk_inline(w, c->email);
		walk_inline(w, c->web);
		break;
	case BLK_PUBLISHER:
		walk_inline(w, b->u.imprint.text);
		break;
	default:
		break;
	}
}

static void
walk_entry_inline(const struct inline_walk *w, struct entry *e)
{
	struct partner	*p;
	struct media	*m;

	walk_inline(w, e->title);
	for (p = e->partners; p != NULL; p = p->next)
		walk_inline(w, p->name);
	walk_inline(w, e->place);
	for (m = e->media; m != NULL; m = m->next)
		walk_inline(w, m->label);
}

void
model_each_inline(struct document *doc,
    void (*fn)(struct inline_node *, void *), void *arg)
{
	struct inline_walk	 w = { fn, arg };
	struct entry		*e;
	struct quote		*q;

	walk_inline(&w, doc->meta.title);
	walk_inline(&w, doc->meta.subtitle);
	walk_inline(&w, doc->meta.series);
	walk_inline(&w, doc->meta.publisher);
	for (e = doc->entries; e != NULL; e = e->next)
		walk_entry_inline(&w, e);
	for (q = doc->quotes; q != NULL; q = q->next) {
		walk_inline(&w, q->text);
		walk_inline(&w, q->speaker);
		walk_inline(&w, q->role);
		walk_inline(&w, q->org);
		walk_inline(&w, q->context);
	}
	model_each_block(doc, walk_block_inline, &w);
}

/* --- questions about the document --- */

void
model_inline_text(const struct inline_node *in, struct strbuf *buf)
{
	for (; in != NULL; in = in->next) {
		if (in->kind == INL_TEXT)
			strbuf_puts(buf, in->text);
		else if (in->kind == INL_BR)
			strbuf_putc(buf, ' ');
		else if (in->kind != INL_NOTE)
			model_inline_text(in->child, buf);
	}
}

const char *
model_plain(struct arena *arena, const struct inline_node *in)
{
	struct strbuf	 buf;
	const char	*s;

	memset(&buf, 0, sizeof(buf));
	model_inline_text(in, &buf);
	s = arena_strdup(arena, buf.data != NULL ? buf.data : "");
	strbuf_free(&buf);
	return s;
}

int
model_tags_hold(const struct entry *e, const char *facet, const char *key)
{
	const struct tags	*t;
	size_t			 i;

	for (t = e->tags; t != NULL; t = t->next) {
		if (t->facet == NULL || strcmp(t->facet, facet) != 0)
			continue;
		for (i = 0; i < t->nkeys; i++)
			if (strcmp(t->keys[i], key) == 0)
				return 1;
	}
	return 0;
}

const char *
model_region_name(const struct document *doc, const char *key)
{
	const struct region_name	*g;

	for (g = doc->meta.regions; g != NULL; g = g->next)
		if (g->key != NULL && strcmp(g->key, key) == 0 &&
		    g->name != NULL && g->name[0] != '\0')
			return g->name;
	return key;
}
