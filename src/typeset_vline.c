/*
 * typeset_vline: vertical material.  A vline is a strip of a column with
 * its items placed relative to the strip's top left corner; text lines
 * from text_set become vlines here, with their link areas and the
 * footnote numbers whose marks they carry.  A run belongs to the
 * structure element of its span (a link), else to the open one.
 *
 * This part must never decide where a strip goes on the page: ts_pour does.
 */
#include <stdlib.h>
#include <string.h>

#include "typeset_int.h"

struct vline *
vlist_add(struct vlist *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

void
vline_add_item(struct vline *v, const struct item *it)
{
	if (v->nitems == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->items = xrealloc(v->items, v->cap * sizeof(*v->items));
	}
	v->items[v->nitems++] = *it;
}

void
vlist_free(struct vlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].items);
		free(l->v[i].notes);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void
vline_add_note(struct vline *v, int number)
{
	size_t	i;

	for (i = 0; i < v->nnotes; i++)
		if (v->notes[i] == number)
			return;
	v->notes = xrealloc(v->notes, (v->nnotes + 1) * sizeof(int));
	v->notes[v->nnotes++] = number;
}

/* A clickable area over a run, from below the baseline to the ascent. */
static void
add_link(struct vline *v, const struct item *g, const struct text_run *r)
{
	struct item	it;

	memset(&it, 0, sizeof(it));
	it.kind = ITEM_LINK;
	it.role = g->role;
	it.node = g->node;
	it.pos = r->pos;
	it.x = g->x;
	it.y = g->y - r->size * 0.25;
	it.w = g->w;
	it.h = r->size * 1.1;
	it.u.link.uri = r->uri;
	it.u.link.dest = r->dest;
	vline_add_item(v, &it);
}

static size_t
glyph_count(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
add_run(struct ts *ts, struct vline *v, const struct text_line *line,
    const struct text_run *r, double x, double baseline,
    const struct text_style *rs, enum item_role role, int word_end)
{
	struct item	it;
	int		note;
	size_t		n = glyph_count(r->text);

	memset(&it, 0, sizeof(it));
	it.kind = ITEM_GLYPHS;
	it.role = role;
	it.node = r->node != 0 ? r->node : ts->node;
	it.pos = r->pos;
	it.x = x + r->x;
	it.y = baseline + r->rise;
	it.w = r->width + line->word_space * r->spaces;
	it.h = r->size;
	it.u.glyphs.face = r->face;
	it.u.glyphs.size = r->size;
	it.u.glyphs.color = layout_color(ts->lay, &r->color);
	it.u.glyphs.text = arena_strdup(ts->lay->runs, r->text);
	it.u.glyphs.word_space = line->word_space;
	it.u.glyphs.letter_space = rs->letter_space;
	it.u.glyphs.word_end = word_end;
	it.u.glyphs.kern = layout_kern(ts->lay, r->kern, r->nkern);
	it.u.glyphs.nkern = r->nkern;
	it.w += n > 1 ? rs->letter_space * (double)(n - 1) : 0;
	vline_add_item(v, &it);
	if (r->uri != NULL || r->dest != NULL)
		add_link(v, &it, r);
	if (r->dest != NULL && (note = ts_note_of_dest(r->dest)) > 0)
		vline_add_note(v, note);
}

/*
 * Append the lines of a set paragraph as strips of the role's leading,
 * the runs shifted right by x.  The baseline sits so that capitals are
 * centred in the strip.
 */
void
vlist_append_lines(struct ts *ts, struct vlist *l, const struct text_block *tb,
    double x, enum text_role role, enum item_role irole)
{
	const struct text_style	*rs = ts_role(ts, role);
	double			 cap, baseline;
	size_t			 i, k;
	struct vline		*v;

	cap = fonts_cap_height(ts->fonts, ts_face(ts, role, rs->face)) *
	    rs->size / 1000.0;
	baseline = -(rs->leading + cap) / 2;
	for (i = 0; i < tb->nlines; i++) {
		ts->stats->hyphenated += tb->lines[i].hyphenated;
		v = vlist_add(l);
		v->height = rs->leading;
		/* a hyphenated line stays with the next: no column ends in it */
		v->keep_with_next = tb->lines[i].hyphenated &&
		    !ts->st->column_end_hyphen && i + 1 < tb->nlines;
		for (k = 0; k < tb->lines[i].nruns; k++)
			add_run(ts, v, &tb->lines[i], &tb->lines[i].runs[k],
			    x, baseline, rs, irole,
			    k + 1 == tb->lines[i].nruns && i + 1 < tb->nlines &&
			    !tb->lines[i].hyphenated);
	}
	ts->stats->lines += (int)tb->nlines;
	ts->stats->overfull += tb->overfull;
	if (tb->worst_ratio > ts->stats->worst_ratio)
		ts->stats->worst_ratio = tb->worst_ratio;
}

/*
 * Keep n lines starting at first together with the style's widow and
 * orphan minimums: the first orphan_lines and the last widow_lines of
 * them never part.
 */
void
vlist_keep_lines(struct vlist *l, size_t first, size_t n,
    const struct style *st)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		l->v[first + i].para_index = (int)i;
		l->v[first + i].para_lines = (int)n;
	}
	for (i = 0; i + 1 < n; i++)
		if ((int)i + 1 < st->orphan_lines ||
		    (int)(n - i - 1) < st->widow_lines)
			l->v[first + i].keep_with_next = 1;
}

/* Keep every strip from first on with the next one. */
void
vlist_keep_all(struct vlist *l, size_t first)
{
	for (; first + 1 < l->n; first++)
		l->v[first].keep_with_next = 1;
}

void
vlist_set_dest(struct vlist *l, size_t at, const char *dest,
    enum item_role role)
{
	if (at < l->n && dest != NULL) {
		l->v[at].dest = dest;
		l->v[at].dest_role = role;
	}
}

void
vlist_space(struct vlist *l, size_t at, double before)
{
	if (at < l->n)
		l->v[at].space_before = before;
}
