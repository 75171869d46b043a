/*
 * check: judges the document once, between model and typeset.
 *
 * It builds the id index (an open-addressing hash table in the document's
 * arena), reports duplicate ids, resolves pull-quote ref=, quote entry=
 * and every ref to=, and judges charts, entries and meta.  A reference to
 * something the region filter or the variant left out is a warning: it
 * falls back (an entry to its href or title).  Problems in the data are
 * errors; entries that break the inclusion criteria are warnings.
 *
 * This module must never change what the document says: it only fills in
 * pull_quote.quote and document->index.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "diag.h"

#define CHECK_FIRST_YEAR	1900	/* the earliest plausible since= */
#define CHECK_LONG_DURATION	5	/* [years] duration over-5y */
#define CHECK_MAX_NAMES		12	/* names listed in one message */
#define CHECK_BMP_LAST		0xFFFF	/* libharu keeps no code point above */

/* One slot of an id table: id to a struct target or struct dropped. */
struct id_slot {
	const char	*id;
	const void	*val;
};

struct id_table {
	struct id_slot	*slots;
	size_t		 mask;		/* slots - 1, a power of two - 1 */
};

struct check_index {
	struct target	*targets;	/* document order */
	size_t		 ntargets;
	struct id_table	 kept;		/* id -> struct target */
	struct id_table	 dropped;	/* id -> struct dropped */
};

struct checker {
	struct document	*doc;
	int		 errors;
	int		 criteria_ok;	/* meta/criteria are usable */
};

/* Targets gathered before the index is built. */
struct gather {
	struct target	*t;
	size_t		 n, cap;
};

#define CHECK_ERROR(c, pos, ...) \
	((c)->errors++, diag_error((pos), __VA_ARGS__))

/* What a block with an id is as a reference target. */
static const enum target_kind block_targets[BLK__MAX] = {
	TARGET_OTHER,		/* BLK_PARA */
	TARGET_OTHER,		/* BLK_LIST */
	TARGET_SECTION,		/* BLK_SECTION */
	TARGET_OTHER,		/* BLK_PULL_QUOTE */
	TARGET_CHART,		/* BLK_CHART */
	TARGET_FIGURE,		/* BLK_FIGURE */
	TARGET_OTHER,		/* BLK_ENTRY_LIST */
	TARGET_OTHER,		/* BLK_CONTACT */
	TARGET_OTHER,		/* BLK_PUBLISHER */
	TARGET_OTHER,		/* BLK_FUNDING */
	TARGET_OTHER,		/* BLK_PHOTO_CREDITS */
};

static const char *const submarkets[] = {
	"music", "books", "art", "film", "broadcasting", "performing-arts",
	"design", "architecture", "press", "advertising", "software-games",
	"other",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* --- the id tables --- */

static size_t
hash_id(const char *s)
{
	uint64_t	 h = 14695981039346656037ULL;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static void
table_init(struct arena *a, struct id_table *t, size_t n)
{
	size_t	 cap = 8;

	while (cap < 2 * n)
		cap <<= 1;
	t->slots = arena_alloc(a, cap * sizeof(*t->slots));
	t->mask = cap - 1;
}

/* The slot that holds id, or the empty one where it would go. */
static struct id_slot *
table_slot(const struct id_table *t, const char *id)
{
	size_t	 i;

	for (i = hash_id(id) & t->mask; t->slots[i].id != NULL;
	    i = (i + 1) & t->mask)
		if (strcmp(t->slots[i].id, id) == 0)
			break;
	return &t->slots[i];
}

/* Adds id unless there; returns what was there before, or NULL. */
static const void *
table_put(struct id_table *t, const char *id, const void *val)
{
	struct id_slot	*s = table_slot(t, id);

	if (s->id != NULL)
		return s->val;
	s->id = id;
	s->val = val;
	return NULL;
}

static const void *
table_get(const struct id_table *t, const char *id)
{
	const struct id_slot	*s;

	if (t->slots == NULL)
		return NULL;
	s = table_slot(t, id);
	return s->id != NULL ? s->val : NULL;
}

/* --- the index --- */

static void
gather_add(struct gather *g, const char *id, enum target_kind kind,
    const void *node, struct srcpos pos)
{
	if (id == NULL)
		return;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->t = xrealloc(g->t, g->cap * sizeof(*g->t));
	}
	g->t[g->n].id = id;
	g->t[g->n].kind = kind;
	g->t[g->n].node = node;
	g->t[g->n].pos = pos;
	g->n++;
}

static void
gather_block(struct block *b, void *arg)
{
	assert(b->kind < BLK__MAX);
	gather_add(arg, b->id, block_targets[b->kind], b, b->pos);
}

static void
gather_targets(struct document *doc, struct gather *g)
{
	const struct entry	*e;
	const struct quote	*q;

	for (e = doc->entries; e != NULL; e = e->next)
		gather_add(g, e->id, TARGET_ENTRY, e, e->pos);
	for (q = doc->quotes; q != NULL; q = q->next)
		gather_add(g, q->id, TARGET_QUOTE, q, q->pos);
	model_each_block(doc, gather_block, g);
}

static void
index_kept(struct checker *c, struct check_index *idx)
{
	const struct target	*t, *first;
	size_t			 i;

	table_init(c->doc->arena, &idx->kept, idx->ntargets);
	for (i = 0; i < idx->ntargets; i++) {
		t = &idx->targets[i];
		if ((first = table_put(&idx->kept, t->id, t)) == NULL)
			continue;
		CHECK_ERROR(c, &t->pos, "duplicate id \"%s\"; first used at "
		    "%s:%ld: rename one of them", t->id, first->pos.file,
		    first->pos.line);
	}
}

static void
index_dropped(struct document *doc, struct check_index *idx)
{
	const struct dropped	*d;
	size_t			 n = 0;

	for (d = doc->dropped; d != NULL; d = d->next)
		n++;
	table_init(doc->arena, &idx->dropped, n);
	for (d = doc->dropped; d != NULL; d = d->next)
		table_put(&idx->dropped, d->id, d);
}

static void
index_build(struct checker *c)
{
	struct document		*doc = c->doc;
	struct check_index	*idx;
	struct gather		 g;

	memset(&g, 0, sizeof(g));
	gather_targets(doc, &g);
	idx = ARENA_NEW(doc->arena, struct check_index);
	idx->ntargets = g.n;
	idx->targets = arena_alloc(doc->arena,
	    (g.n ? g.n : 1) * sizeof(*idx->targets));
	if (g.n > 0)
		memcpy(idx->targets, g.t, g.n * sizeof(*g.t));
	free(g.t);
	index_kept(c, idx);
	index_dropped(doc, idx);
	doc->index = idx;
}

const struct target *
check_find(const struct document *doc, const char *id)
{
	if (doc->index == NULL || id == NULL)
		return NULL;
	return table_get(&doc->index->kept, id);
}

const struct dropped *
check_find_dropped(const struct document *doc, const char *id)
{
	if (doc->index == NULL || id == NULL)
		return NULL;
	return table_get(&doc->index->dropped, id);
}

/* --- references --- */

/* A ref to what this build left out: it falls back, with a warning. */
static void
ref_dropped(struct checker *c, const struct inline_node *in,
    const struct dropped *d)
{
	const struct entry	*e = d->entry;

	if (e == NULL)
		diag_warning(&in->pos, "<ref to=\"%s\"> names something this "
		    "build leaves out: it is set as its text alone; refer to "
		    "it only where it is kept", in->to);
	else if (e->href != NULL)
		diag_warning(&in->pos, "<ref to=\"%s\"> names an entry the "
		    "region \"%s\" leaves out: it falls back to the link %s",
		    in->to, c->doc->region, e->href);
	else
		diag_warning(&in->pos, "<ref to=\"%s\"> names an entry the "
		    "region \"%s\" leaves out: it falls back to its title "
		    "\"%s\"; give the entry an href= to link it", in->to,
		    c->doc->region, model_plain(c->doc->arena, e->title));
}

static void
check_ref(struct inline_node *in, void *arg)
{
	struct checker		*c = arg;
	const struct dropped	*d;

	if (in->kind != INL_REF)
		return;
	if (in->to == NULL)
		CHECK_ERROR(c, &in->pos, "<ref> has no to=: name the id of "
		    "an entry, section, quote, chart or figure");
	else if (check_find(c->doc, in->to) != NULL)
		return;
	else if ((d = check_find_dropped(c->doc, in->to)) != NULL)
		ref_dropped(c, in, d);
	else
		CHECK_ERROR(c, &in->pos, "<ref to=\"%s\"> points to no id: "
		    "use the id of an entry, section, quote, chart or figure",
		    in->to);
}

static void
check_pull_quote(struct checker *c, struct block *b)
{
	const struct target	*t;
	const char		*ref = b->u.pull_quote.ref;

	if (ref == NULL) {
		CHECK_ERROR(c, &b->pos, "<pull-quote> has no ref=: name "
		    "the id of a <quote>");
		return;
	}
	if ((t = check_find(c->doc, ref)) == NULL ||
	    t->kind != TARGET_QUOTE) {
		CHECK_ERROR(c, &b->pos, "<pull-quote ref=\"%s\"> names no "
		    "quote: use the id of a <quote>", ref);
		return;
	}
	b->u.pull_quote.quote = (struct quote *)t->node;
}

/* A quote's entry= must name an entry, kept or left out by region. */
static void
check_quote_entry(struct checker *c, const struct quote *q)
{
	const struct target	*t;
	const struct dropped	*d;

	if (q->entry == NULL)
		return;
	if ((t = check_find(c->doc, q->entry)) != NULL &&
	    t->kind == TARGET_ENTRY)
		return;
	if ((d = check_find_dropped(c->doc, q->entry)) != NULL &&
	    d->entry != NULL)
		return;
	CHECK_ERROR(c, &q->pos, "quote \"%s\" has entry=\"%s\", which "
	    "names no entry: use the id of an <entry> or leave entry= out",
	    q->id != NULL ? q->id : "", q->entry);
}

/* --- charts --- */

/*
 * Calls fn for every tags element of every entry, kept or dropped by the
 * region filter, until fn returns 1; returns whether one did.
 */
static int
dataset_any(const struct document *doc,
    int (*fn)(const struct tags *, void *), void *arg)
{
	const struct entry	*e;
	const struct dropped	*d;
	const struct tags	*t;

	for (e = doc->entries; e != NULL; e = e->next)
		for (t = e->tags; t != NULL; t = t->next)
			if (fn(t, arg))
				return 1;
	for (d = doc->dropped; d != NULL; d = d->next)
		if (d->entry != NULL)
			for (t = d->entry->tags; t != NULL; t = t->next)
				if (fn(t, arg))
					return 1;
	return 0;
}

/* What a facet or key search looks for; key NULL: the facet alone. */
struct tag_query {
	const char	*facet;
	const char	*key;
};

static int
tags_match(const struct tags *t, void *arg)
{
	const struct tag_query	*q = arg;
	size_t			 i;

	if (t->facet == NULL || strcmp(t->facet, q->facet) != 0)
		return 0;
	if (q->key == NULL)
		return 1;
	for (i = 0; i < t->nkeys; i++)
		if (strcmp(t->keys[i], q->key) == 0)
			return 1;
	return 0;
}

/* The distinct facets (facet NULL) or keys of a facet, for messages. */
struct name_list {
	const char	*facet;
	const char	*names[CHECK_MAX_NAMES];
	size_t		 n;
	int		 more;
};

static void
name_list_add(struct name_list *l, const char *name)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->names[i], name) == 0)
			return;
	if (l->n < CHECK_MAX_NAMES)
		l->names[l->n++] = name;
	else
		l->more = 1;
}

static int
name_list_tags(const struct tags *t, void *arg)
{
	struct name_list	*l = arg;
	size_t			 i;

	if (t->facet == NULL)
		return 0;
	if (l->facet == NULL)
		name_list_add(l, t->facet);
	else if (strcmp(t->facet, l->facet) == 0)
		for (i = 0; i < t->nkeys; i++)
			name_list_add(l, t->keys[i]);
	return 0;
}

/* "a, b, c" (or "none") in the document's arena. */
static const char *
known_names(struct document *doc, const char *facet)
{
	struct name_list	 l;
	struct strbuf		 buf;
	const char		*s;
	size_t			 i;

	memset(&l, 0, sizeof(l));
	l.facet = facet;
	dataset_any(doc, name_list_tags, &l);
	memset(&buf, 0, sizeof(buf));
	for (i = 0; i < l.n; i++)
		strbuf_printf(&buf, "%s%s", i ? ", " : "", l.names[i]);
	if (l.more)
		strbuf_puts(&buf, ", …");
	s = arena_strdup(doc->arena, l.n ? buf.data : "none");
	strbuf_free(&buf);
	return s;
}

static int
bar_has_value(const struct chart_bar *bar)
{
	return !(isinf(bar->value) && bar->value < 0);
}

static void
check_bar(struct checker *c, const struct chart_bar *bar)
{
	int	 has_value = bar_has_value(bar);

	if (bar->key != NULL && has_value)
		CHECK_ERROR(c, &bar->pos, "<bar> has both key= and value=: "
		    "keep key= to count entries or value= for a literal "
		    "figure");
	else if (bar->key == NULL && !has_value)
		CHECK_ERROR(c, &bar->pos, "<bar> has neither key= nor "
		    "value=: give one of them");
	else if (has_value && !(bar->value >= 0 && bar->value <= 100))
		CHECK_ERROR(c, &bar->pos, "<bar> value is not a percentage "
		    "from 0 to 100: correct value=");
}

/* Every key of a bar must occur in the facet somewhere in the dataset. */
static void
check_bar_keys(struct checker *c, const struct chart *ch)
{
	const struct chart_bar	*bar;
	struct tag_query	 q;

	q.facet = ch->facet;
	for (bar = ch->bars; bar != NULL; bar = bar->next) {
		if (bar->key == NULL)
			continue;
		q.key = bar->key;
		if (!dataset_any(c->doc, tags_match, &q))
			CHECK_ERROR(c, &bar->pos, "unknown key \"%s\" in "
			    "facet \"%s\": no entry holds it; use one of %s",
			    bar->key, ch->facet,
			    known_names(c->doc, ch->facet));
	}
}

static void
check_chart(struct checker *c, const struct block *b)
{
	const struct chart	*ch = &b->u.chart;
	const struct chart_bar	*bar;
	struct tag_query	 q;
	int			 keyed = 0;

	for (bar = ch->bars; bar != NULL; bar = bar->next) {
		check_bar(c, bar);
		keyed |= bar->key != NULL;
	}
	if (ch->facet == NULL) {
		if (keyed)
			CHECK_ERROR(c, &b->pos, "<chart> has bars with key= "
			    "but no facet=: name the facet they count, one "
			    "of %s", known_names(c->doc, NULL));
		return;
	}
	q.facet = ch->facet;
	q.key = NULL;
	if (!dataset_any(c->doc, tags_match, &q))
		CHECK_ERROR(c, &b->pos, "unknown facet \"%s\": no entry has "
		    "tags of it; use one of %s", ch->facet,
		    known_names(c->doc, NULL));
	else
		check_bar_keys(c, ch);
}

static void
check_block(struct block *b, void *arg)
{
	struct checker	*c = arg;

	if (b->kind == BLK_PULL_QUOTE)
		check_pull_quote(c, b);
	else if (b->kind == BLK_CHART)
		check_chart(c, b);
}

/* --- entries --- */

/* The entry's id for messages (the schema requires one). */
static const char *
entry_id(const struct entry *e)
{
	return e->id != NULL ? e->id : "";
}

static void
criterion_broken(const struct entry *e, const struct srcpos *pos,
    const char *criterion)
{
	diag_warning(pos, "entry \"%s\" breaks the inclusion criterion "
	    "\"%s\": correct the data, or leave the entry out",
	    entry_id(e), criterion);
}

static void
criterion_sme(const struct document *doc, const struct entry *e)
{
	const struct partner	*p;
	char			 text[96];

	for (p = e->partners; p != NULL; p = p->next)
		if (p->role == PARTNER_SME &&
		    (p->employees == MODEL_NO_NUMBER || (p->employees >= 0 &&
		    p->employees <= doc->meta.max_employees)))
			return;
	snprintf(text, sizeof(text), "an sme partner with at most %ld "
	    "employees", doc->meta.max_employees);
	criterion_broken(e, &e->pos, text);
}

static int
is_submarket(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < NELEM(submarkets); i++)
		if (strcmp(s, submarkets[i]) == 0)
			return 1;
	return 0;
}

static void
criterion_creative(const struct document *doc, const struct entry *e)
{
	const struct partner	*p;

	(void)doc;
	for (p = e->partners; p != NULL; p = p->next)
		if (p->role == PARTNER_CREATIVE && is_submarket(p->submarket))
			return;
	criterion_broken(e, &e->pos, "a creative partner from one of the "
	    "twelve submarkets");
}

/* The population limit for a country: its own, else the general one. */
static long
population_limit(const struct meta *m, const char *country)
{
	const struct population_limit	*l;

	for (l = m->population_limits; l != NULL; l = l->next)
		if (country != NULL && l->country != NULL &&
		    strcasecmp(l->country, country) == 0)
			return l->max;
	return m->max_population;
}

static void
criterion_population(const struct document *doc, const struct entry *e)
{
	long	 limit = population_limit(&doc->meta, e->country);
	char	 text[96];

	if (e->population < 0 || e->population < limit)
		return;
	snprintf(text, sizeof(text), "a place of fewer than %ld "
	    "inhabitants", limit);
	criterion_broken(e, &e->place_pos, text);
}

static void
criterion_urban(const struct document *doc, const struct entry *e)
{
	const struct partner	*p;
	int			 urban = 0;

	(void)doc;
	for (p = e->partners; p != NULL; p = p->next)
		urban += p->urban != 0;
	if (urban > 1)
		criterion_broken(e, &e->pos, "at most one urban partner");
}

/* The inclusion criteria of dataset.md, each warning on its own. */
static void (*const criteria[])(const struct document *,
    const struct entry *) = {
	criterion_sme,
	criterion_creative,
	criterion_population,
	criterion_urban,
};

/* A count written in the file must not be negative; who owns it. */
static void
check_count(struct checker *c, const struct srcpos *pos, long v,
    const char *who, const char *what)
{
	if (v != MODEL_NO_NUMBER && v < 0)
		CHECK_ERROR(c, pos, "%s%s is not a whole number of 0 or more: "
		    "correct it", who, what);
}

static void
check_since(struct checker *c, const struct entry *e)
{
	int	 year = c->doc->meta.year;

	if (e->since == 0 || (e->since >= CHECK_FIRST_YEAR &&
	    (year == 0 || e->since <= year)))
		return;
	if (year > 0)
		CHECK_ERROR(c, &e->pos, "entry \"%s\": since= is no year "
		    "from %d to %d: write the year the cooperation began",
		    entry_id(e), CHECK_FIRST_YEAR, year);
	else
		CHECK_ERROR(c, &e->pos, "entry \"%s\": since= is no year "
		    "from %d on: write the year the cooperation began",
		    entry_id(e), CHECK_FIRST_YEAR);
}

/* duration over-5y needs five years between since and the report. */
static void
check_duration(struct checker *c, const struct entry *e)
{
	const struct tags	*t;
	struct tag_query	 q = { "duration", "over-5y" };
	int			 year = c->doc->meta.year;

	if (e->since <= 0 || year == 0 ||
	    year - e->since >= CHECK_LONG_DURATION)
		return;
	for (t = e->tags; t != NULL; t = t->next)
		if (tags_match(t, &q))
			break;
	if (t != NULL)
		diag_warning(&t->pos, "entry \"%s\" is tagged over-5y but "
		    "began in %d, fewer than five years before the report "
		    "(%d): correct since= or the duration tags", entry_id(e),
		    e->since, year);
}

static void
check_entry(struct checker *c, const struct entry *e)
{
	const struct partner	*p;
	size_t			 i;
	char			 who[128];

	snprintf(who, sizeof(who), "entry \"%s\": ", entry_id(e));
	check_since(c, e);
	check_duration(c, e);
	for (p = e->partners; p != NULL; p = p->next)
		check_count(c, &p->pos, p->employees, who, "employees=");
	check_count(c, &e->place_pos, e->population, who, "population=");
	if (!c->criteria_ok)
		return;
	for (i = 0; i < NELEM(criteria); i++)
		criteria[i](c->doc, e);
}

/* --- meta --- */

static void
check_date(struct checker *c, const struct meta *m)
{
	if (m->date == NULL)
		return;
	if (m->year == 0)
		CHECK_ERROR(c, &m->pos, "date \"%s\" is not YYYY-MM or "
		    "YYYY-MM-DD: write it like 2024-08", m->date);
	else if (m->month < 1 || m->month > 12 || m->day > 31)
		CHECK_ERROR(c, &m->pos, "date \"%s\" has no such month or "
		    "day: correct it", m->date);
}

/*
 * Authors and keywords go only into the PDF's document properties, where
 * libharu turns a character beyond U+FFFF into a space (text that is set
 * on a page is judged by text, which leaves such characters out).
 */
static void
check_info_text(const struct meta *m, const char *element, const char *s)
{
	size_t		 len = s != NULL ? strlen(s) : 0, n;
	uint32_t	 cp;

	for (; len > 0; s += n, len -= n) {
		if ((n = utf8_decode(s, len, &cp)) == 0)
			n = 1;
		if (cp > CHECK_BMP_LAST) {
			diag_warning(&m->pos, "<%s> holds character U+%04X "
			    "(%.*s), which the PDF's document properties "
			    "cannot hold (they reach only U+FFFF); it becomes "
			    "a space there: replace it", element, (unsigned)cp,
			    (int)n, s);
			return;
		}
	}
}

static void
check_info(const struct meta *m)
{
	size_t	i;

	for (i = 0; i < m->nauthors; i++)
		check_info_text(m, "author", m->authors[i]);
	check_info_text(m, "keywords", m->keywords);
}

/* Sets criteria_ok when every threshold is a usable number. */
static void
check_criteria(struct checker *c, const struct meta *m)
{
	const struct population_limit	*l;
	int				 before = c->errors;

	check_count(c, &m->pos, m->max_employees, "criteria ",
	    "max-employees=");
	check_count(c, &m->pos, m->max_population, "criteria ",
	    "max-population=");
	for (l = m->population_limits; l != NULL; l = l->next)
		check_count(c, &l->pos, l->max, "criteria population ",
		    "max=");
	c->criteria_ok = c->errors == before;
}

int
check_document(struct document *doc)
{
	struct checker		 c;
	const struct entry	*e;
	const struct quote	*q;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	index_build(&c);
	check_date(&c, &doc->meta);
	check_info(&doc->meta);
	check_criteria(&c, &doc->meta);
	for (e = doc->entries; e != NULL; e = e->next)
		check_entry(&c, e);
	for (q = doc->quotes; q != NULL; q = q->next)
		check_quote_entry(&c, q);
	model_each_block(doc, check_block, &c);
	model_each_inline(doc, check_ref, &c);
	return c.errors;
}
