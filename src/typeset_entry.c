/*
 * typeset_entry: the entry-list block.  Entries in scope are sorted as the
 * locale sorts (by title, region or year; ties by id) and each becomes a
 * profile: a coloured band, the title (the entry's anchor), partners with
 * their roles, place, region and country, the year it began, summary,
 * advice and media links.  The profile's head is kept with its text.
 * In the structure a profile is a Sect: its title a heading one level
 * under the section's, each line of its head and each media link a
 * paragraph.  The strips of the profiles made so far are poured as
 * soon as nothing keeps them with what follows, so that a long list
 * holds the strips of about one profile at a time.
 *
 * This part must never choose pages or columns: ts_pour does that.
 */
#include <stdlib.h>
#include <string.h>

#include "typeset_int.h"

/*
 * An entry with its plain title and the collation keys of title and
 * region, made once before sorting (making them is most of a compare).
 */
struct sort_key {
	const struct entry	*entry;
	const char		*title;
	const char		*region;
	struct locale_key	 title_key, region_key;
};

struct sort_ctx {
	struct ts		*ts;
	enum entry_sort		 sort;
};

/* As locale_compare compares a and b, from their keys. */
static int
keyed_cmp(const struct locale_key *ka, const char *a,
    const struct locale_key *kb, const char *b)
{
	int	r = locale_key_cmp(ka, kb);

	return r != 0 ? r : strcmp(a, b);
}

static int
entry_cmp(const struct sort_ctx *c, const struct sort_key *ka,
    const struct sort_key *kb)
{
	const struct entry	*a = ka->entry, *b = kb->entry;
	int			 r = 0;

	if (c->sort == SORT_REGION)
		r = keyed_cmp(&ka->region_key, ka->region, &kb->region_key,
		    kb->region);
	else if (c->sort == SORT_SINCE)
		r = (a->since > b->since) - (a->since < b->since);
	if (r == 0)
		r = keyed_cmp(&ka->title_key, ka->title, &kb->title_key,
		    kb->title);
	return r != 0 ? r : strcmp(a->id, b->id);
}

static void
make_key(const struct sort_ctx *c, const struct entry *e, const char *title,
    struct sort_key *k)
{
	k->entry = e;
	k->title = title;
	k->region = e->region ? e->region : "";
	locale_key_make(c->ts->loc, title, &k->title_key);
	if (c->sort == SORT_REGION)
		locale_key_make(c->ts->loc, k->region, &k->region_key);
}

/* A stable merge sort: qsort has no context argument. */
static void
sort_entries(const struct sort_ctx *c, struct sort_key *v,
    struct sort_key *tmp, size_t n)
{
	size_t	mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	sort_entries(c, v, tmp, mid);
	sort_entries(c, v + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = entry_cmp(c, &v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

/* "KMU: Timberstore GmbH (Holzhandel)" */
static void
partner_line(struct ts *ts, const struct partner *p, struct vlist *l)
{
	struct span_list	 sl = { NULL, 0, 0 };
	struct text_block	 tb;
	enum text_role		 r = TR_ENTRY_META;
	const char		*what, *key;
	int			 before = ts_node_begin(ts, SN_P, NULL);

	key = p->role == PARTNER_SME ? "role-sme" : "role-creative";
	ts_spans_text(ts, arena_printf(ts->lay->arena, "%s: ",
	    locale_label(ts->loc, key)), r, FACE_BOLD, &p->pos, &sl);
	ts_spans(ts, p->name, r, &sl);
	what = p->role == PARTNER_SME ? p->sector : p->submarket == NULL ?
	    NULL : locale_label(ts->loc, arena_printf(ts->lay->arena,
	    "submarket-%s", p->submarket));
	if (what != NULL)
		ts_spans_text(ts, arena_printf(ts->lay->arena, " (%s)", what),
		    r, ts_role(ts, r)->face, &p->pos, &sl);
	ts_set(ts, &sl, r, ts_column_width(ts), &tb);
	vlist_append_lines(ts, l, &tb, 0, r, IR_ENTRY);
	ts_node_end(ts, before);
	text_block_free(&tb);
	span_list_free(&sl);
}

/* "Olbernhau · Erzgebirge · DE · seit 2020" */
static void
place_line(struct ts *ts, const struct entry *e, struct vlist *l)
{
	struct strbuf	 b = { NULL, 0, 0 };
	int		 before;

	if (e->place != NULL)
		strbuf_puts(&b, ts_plain(ts, e->place));
	if (e->region != NULL)
		strbuf_printf(&b, "%s%s", b.len ? " \xC2\xB7 " : "",
		    model_region_name(ts->doc, e->region));
	if (e->country != NULL)
		strbuf_printf(&b, "%s%s", b.len ? " \xC2\xB7 " : "",
		    e->country);
	if (e->since > 0)
		strbuf_printf(&b, "%s%s %d", b.len ? " \xC2\xB7 " : "",
		    locale_label(ts->loc, "since"), e->since);
	before = ts_node_begin(ts, SN_P, NULL);
	if (b.len > 0)
		ts_text_lines(ts, l, arena_strdup(ts->lay->arena, b.data),
		    TR_ENTRY_META, IR_ENTRY, 0,
		    e->place != NULL ? &e->place_pos : &e->pos);
	ts_node_end(ts, before);
	strbuf_free(&b);
}

static void
profile_head(struct ts *ts, const struct entry *e, struct vlist *l)
{
	const struct partner	*p;
	struct vline		*band;
	struct item		 it;
	size_t			 first = l->n;
	int			 before;

	band = vlist_add(l);
	band->height = ts->st->rule_thickness * 4;
	band->space_before = ts_role(ts, TR_ENTRY_TITLE)->space_before;
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_RECT;
	it.role = IR_DECORATION;
	it.y = -band->height, it.w = ts_column_width(ts);
	it.h = band->height;
	it.u.rect.color = layout_color(ts->lay, &ts->st->accent2);
	vline_add_item(band, &it);
	before = ts_node_begin(ts, ts_heading_type(ts->section_level + 1),
	    NULL);
	ts_set_inline(ts, l, e->title, TR_ENTRY_TITLE, IR_ENTRY, 0,
	    ts_column_width(ts));
	ts_node_end(ts, before);
	vlist_space(l, first + 1, ts_role(ts, TR_ENTRY_TITLE)->leading * 0.3);
	place_line(ts, e, l);
	for (p = e->partners; p != NULL; p = p->next)
		partner_line(ts, p, l);
	vlist_keep_all(l, first);
	l->v[l->n - 1].keep_with_next = 1;
	vlist_set_dest(l, first, e->id, IR_ENTRY);
}

/* A link on a line of its own, a paragraph. */
static void
link_line(struct ts *ts, const struct inline_node *link, struct vlist *l)
{
	int	before = ts_node_begin(ts, SN_P, NULL);

	ts_set_inline(ts, l, link, TR_ENTRY_META, IR_ENTRY, 0,
	    ts_column_width(ts));
	ts_node_end(ts, before);
}

static void
media_lines(struct ts *ts, const struct entry *e, struct vlist *l)
{
	const struct media	*m;
	struct inline_node	 link, label;

	for (m = e->media; m != NULL; m = m->next) {
		memset(&link, 0, sizeof(link));
		link.kind = INL_LINK;
		link.pos = m->pos;
		link.href = m->href;
		link.child = m->label;
		if (m->label == NULL) {
			memset(&label, 0, sizeof(label));
			label.kind = INL_TEXT;
			label.text = m->href;
			link.child = &label;
		}
		link_line(ts, &link, l);
	}
	if (e->href != NULL) {
		memset(&link, 0, sizeof(link));
		memset(&label, 0, sizeof(label));
		link.kind = INL_LINK, link.pos = e->pos, link.href = e->href;
		label.kind = INL_TEXT;
		label.text = locale_label(ts->loc, "media-web");
		link.child = &label;
		link_line(ts, &link, l);
	}
}

/* A quote a profile shows: tied to an entry, placed by no pull-quote. */
struct entry_quote {
	const char		*entry;
	const struct quote	*quote;
	size_t			 seq;		/* document order */
};

static int
entry_quote_cmp(const void *a, const void *b)
{
	const struct entry_quote	*x = a, *y = b;
	int				 c = strcmp(x->entry, y->entry);

	return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The quotes profiles show, sorted by entry, each entry's in order. */
static struct entry_quote *
entry_quotes(struct ts *ts, size_t *n)
{
	const struct quote	*q;
	struct entry_quote	*v;
	size_t			 cap = 0;

	for (q = ts->doc->quotes; q != NULL; q = q->next)
		cap++;
	v = xcalloc(cap, sizeof(*v));
	*n = 0;
	for (q = ts->doc->quotes; q != NULL; q = q->next)
		if (q->entry != NULL && !idset_has(&ts->pulled, q->id)) {
			v[*n] = (struct entry_quote){ q->entry, q, *n };
			(*n)++;
		}
	qsort(v, *n, sizeof(*v), entry_quote_cmp);
	return v;
}

/* The quotes of the entry that no pull-quote places elsewhere. */
static void
profile_quotes(struct ts *ts, const struct entry *e,
    const struct entry_quote *v, size_t n, struct vlist *l)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {		/* the first of e's, if any */
		mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].entry, e->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(v[lo].entry, e->id) == 0; lo++)
		ts_quote(ts, v[lo].quote, l);
}

static void
profile(struct ts *ts, const struct entry *e, const struct entry_quote *eq,
    size_t neq, struct vlist *l)
{
	const struct block	*b;
	size_t			 at;
	int			 before = ts_node_begin(ts, SN_SECT, e->lang);
	int			 sect = ts->node;

	profile_head(ts, e, l);
	for (b = e->summary; b != NULL; b = b->next)
		ts_build(ts, b, l);
	profile_quotes(ts, e, eq, neq, l);
	if (e->advice != NULL) {
		at = l->n;
		ts_node_begin(ts, SN_P, ts_lang(ts));
		ts_label_lines(ts, l, locale_label(ts->loc, "advice"),
		    TR_ENTRY_META, IR_ENTRY, ts->st->paragraph_space);
		ts_node_open(ts, sect);
		if (l->n > at)
			l->v[l->n - 1].keep_with_next = 1;
		for (b = e->advice; b != NULL; b = b->next)
			ts_build(ts, b, l);
	}
	at = l->n;
	media_lines(ts, e, l);
	ts_node_end(ts, before);
	vlist_space(l, at, ts->st->paragraph_space);
}

/* Pour l when its last strip need not stay with the next one. */
static void
pour_ready(struct ts *ts, struct vlist *l)
{
	if (l->n > 0 && !l->v[l->n - 1].keep_with_next) {
		ts_pour(ts, l);
		vlist_free(l);
	}
}

void
ts_build_entries(struct ts *ts, const struct block *b, struct vlist *l)
{
	const struct document	*doc = ts->doc;
	const char		*region = b->u.entry_list.region;
	const struct entry	*e;
	struct sort_key		*v, *tmp;
	struct sort_ctx		 c = { ts, b->u.entry_list.sort };
	struct entry_quote	*eq;
	size_t			 n = 0, i, neq;

	v = xcalloc(doc->nentries + 1, sizeof(*v));
	tmp = xcalloc(doc->nentries + 1, sizeof(*tmp));
	for (e = doc->entries; e != NULL; e = e->next)
		if (region == NULL || (e->region != NULL &&
		    strcmp(e->region, region) == 0))
			make_key(&c, e, ts_plain(ts, e->title), &v[n++]);
	sort_entries(&c, v, tmp, n);
	eq = entry_quotes(ts, &neq);
	if (b->id != NULL) {
		vlist_add(l)->keep_with_next = 1;
		vlist_set_dest(l, l->n - 1, b->id, IR_ENTRY);
	}
	for (i = 0; i < n; i++) {
		layout_add_outline(ts->lay, ts->section_level + 1, v[i].title,
		    v[i].entry->id);
		profile(ts, v[i].entry, eq, neq, l);
		pour_ready(ts, l);
		locale_key_free(&v[i].title_key);
		locale_key_free(&v[i].region_key);
	}
	free(eq);
	free(v);
	free(tmp);
}
