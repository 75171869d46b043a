/*
 * text_cache: paragraphs set in one layout pass, reused in the next (see
 * text_cache.h).  An open-addressing table, kept at most half full, maps
 * a paragraph's key to what text_set made of it; at each new pass the
 * table keeps only the entries the last pass used.
 *
 * An entry is one allocation: its lines, its runs (with only what the
 * spans do not say again: face, position, width, text, kerning), the
 * non-zero kerning pairs, the runs' text and the key.  What repeats from
 * paragraph to paragraph, the parameters and each span's look (face,
 * size, colour, rise, link, destination, flags, source file), is kept
 * once in the cache's table of looks and named in the key by its number
 * there; equal numbers mean equal bytes, so keys stay exact.  The key is
 * the parameters' number, then per span its text, its source line, its
 * structure element and its look's number, lengths and numbers as
 * variable-length integers: a paragraph costs little more than its words.
 *
 * This module must never set text itself, nor keep a pointer into the
 * spans it is given.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_cache.h"

#define CACHE_FIRST_CAP	256	/* slots of a new table: a power of 2 */

/*
 * The key and the copies must cover every field text_set reads and
 * writes.  A field added to these structs needs its line in key_span,
 * key_color, key_params, store or restore, and then the size here.
 */
_Static_assert(sizeof(struct span) == 136,
    "struct span changed: key the new field in text_cache.c");
_Static_assert(sizeof(struct color) == 48,
    "struct color changed: key the new field in text_cache.c");
_Static_assert(sizeof(struct text_params) == 88,
    "struct text_params changed: key the new field in text_cache.c");
_Static_assert(sizeof(struct text_run) == 168 &&
    sizeof(struct text_line) == 56 && sizeof(struct text_block) == 40,
    "a text_set result changed: keep the new field in text_cache.c");

/* A line: its runs are cache_run [first, first + n) of the entry. */
struct cache_line {
	double		 width, word_space, ratio, ascent;
	uint32_t	 first, n;
	int		 hyphenated;
};

/* A run; what it took from its span comes from this pass's span. */
struct cache_run {
	double		 x, width;
	uint32_t	 span;
	uint32_t	 text, len;	/* its bytes in the entry's text */
	uint32_t	 kern, nkern;	/* its pairs in the entry's kerning */
	face_id		 face;
	int		 spaces;
};

struct entry {
	uint64_t	 hash;
	size_t		 keylen;
	int		 made;		/* the pass that set it */
	int		 used;		/* the last pass that asked for it */
	int		 rc;		/* text_set's result */
	int		 overfull;
	double		 worst_ratio;
	size_t		 nlines;
	struct cache_line *lines;	/* these point into data */
	struct cache_run *runs;
	struct kern_pair *kerns;
	char		*text, *key;
	char		 data[];
};

/*
 * Every distinct look (and parameter block) met so far, as bytes: look i
 * is bytes[at[i], at[i + 1]); slots is an open-addressing table of
 * look numbers + 1 (0: free), kept at most half full.
 */
struct looks {
	struct strbuf	 bytes;
	size_t		*at;		/* n + 1 offsets */
	uint32_t	*slots;
	size_t		 n, cap, nslots;
	struct strbuf	 scratch;	/* the look being looked up */
};

struct text_cache {
	struct entry	**slots;	/* NULL: a free slot */
	size_t		 cap, n;
	int		 pass;
	size_t		 set, reused;
	struct strbuf	 key;		/* the key being looked up */
	struct looks	 looks;
	struct text_scratch *scratch;	/* text_set's buffers */
};

/* --- keys --- */

static void
put(struct strbuf *b, const void *p, size_t n)
{
	strbuf_append(b, p, n);
}

/* n in 7-bit groups, the lowest first, each but the last with bit 8 set. */
static void
put_varint(struct strbuf *b, uint64_t n)
{
	for (; n >= 0x80; n >>= 7)
		strbuf_putc(b, (char)((n & 0x7f) | 0x80));
	strbuf_putc(b, (char)n);
}

static void
put_string(struct strbuf *b, const char *s)
{
	if (s == NULL) {
		put_varint(b, 0);
		return;
	}
	put_varint(b, strlen(s) + 1);
	put(b, s, strlen(s));
}

static uint32_t *
look_slot(const struct looks *t, uint32_t *slots, size_t nslots,
    const char *p, size_t n, uint64_t hash)
{
	size_t		 i = (size_t)hash & (nslots - 1);
	uint32_t	 k;

	for (;; i = (i + 1) & (nslots - 1)) {
		if ((k = slots[i]) == 0)
			return &slots[i];
		k--;
		if (t->at[k + 1] - t->at[k] == n &&
		    memcmp(t->bytes.data + t->at[k], p, n) == 0)
			return &slots[i];
	}
}

static void
looks_grow(struct looks *t)
{
	uint32_t	*old = t->slots;
	size_t		 oldn = t->nslots, i, k;

	if (2 * (t->n + 1) <= t->nslots)
		return;
	t->nslots = t->nslots ? 2 * t->nslots : CACHE_FIRST_CAP;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	for (i = 0; i < oldn; i++) {
		if ((k = old[i]) == 0)
			continue;
		k--;
		*look_slot(t, t->slots, t->nslots, t->bytes.data + t->at[k],
		    t->at[k + 1] - t->at[k], hash_bytes(t->bytes.data +
		    t->at[k], t->at[k + 1] - t->at[k])) = (uint32_t)k + 1;
	}
	free(old);
}

/* The number of the look in t->scratch, added when new. */
static uint32_t
look_number(struct looks *t)
{
	const char	*p = t->scratch.data;
	size_t		 n = t->scratch.len;
	uint64_t	 hash = hash_bytes(p, n);
	uint32_t	*slot;

	looks_grow(t);
	slot = look_slot(t, t->slots, t->nslots, p, n, hash);
	if (*slot != 0)
		return *slot - 1;
	if (t->n + 2 > t->cap) {
		t->cap = t->cap ? 2 * t->cap : CACHE_FIRST_CAP;
		t->at = xrealloc(t->at, t->cap * sizeof(*t->at));
	}
	t->at[t->n] = t->bytes.len;
	put(&t->bytes, p, n);
	t->at[t->n + 1] = t->bytes.len;
	*slot = (uint32_t)++t->n;
	return *slot - 1;
}

static void
looks_free(struct looks *t)
{
	strbuf_free(&t->bytes);
	strbuf_free(&t->scratch);
	free(t->at);
	free(t->slots);
}

static void
key_color(struct strbuf *b, const struct color *c)
{
	put(b, &c->r, sizeof(c->r));
	put(b, &c->g, sizeof(c->g));
	put(b, &c->b, sizeof(c->b));
	put(b, &c->c, sizeof(c->c));
	put(b, &c->m, sizeof(c->m));
	put(b, &c->y, sizeof(c->y));
	put(b, &c->k, sizeof(c->k));
	put(b, &c->cmyk, sizeof(c->cmyk));
}

/* The number of a span's look: all it says but text, line and node. */
static uint32_t
key_look(struct looks *t, const struct span *sp)
{
	struct strbuf	*b = &t->scratch;
	unsigned char	 flags = (unsigned char)((sp->nobreak != 0) |
			    (sp->newline != 0) << 1);

	b->len = 0;
	put(b, &sp->face, sizeof(sp->face));
	put(b, &sp->size, sizeof(sp->size));
	key_color(b, &sp->color);
	put(b, &sp->rise, sizeof(sp->rise));
	put_string(b, sp->uri);
	put_string(b, sp->dest);
	put(b, &flags, 1);
	put_string(b, sp->pos.file);
	return look_number(t);
}

/* The function and its argument by identity: one process, one table. */
static uint32_t
key_params(struct looks *t, const struct text_params *p)
{
	struct strbuf	*b = &t->scratch;
	int		 align = (int)p->align;

	b->len = 0;
	put(b, &p->width, sizeof(p->width));
	put(b, &p->indent, sizeof(p->indent));
	put(b, &align, sizeof(align));
	put(b, &p->space_stretch, sizeof(p->space_stretch));
	put(b, &p->space_shrink, sizeof(p->space_shrink));
	put(b, &p->tolerance, sizeof(p->tolerance));
	put(b, &p->emergency_stretch, sizeof(p->emergency_stretch));
	put_string(b, p->hyphen);
	put(b, &p->hyphen_penalty, sizeof(p->hyphen_penalty));
	put(b, &p->max_hyphen_lines, sizeof(p->max_hyphen_lines));
	put(b, &p->hyphenate, sizeof(p->hyphenate));
	put(b, &p->hyphenate_arg, sizeof(p->hyphenate_arg));
	return look_number(t);
}

/* A span: its text, line, structure element and look. */
static void
key_span(struct text_cache *c, const struct span *sp)
{
	struct strbuf	*b = &c->key;

	put_varint(b, sp->len);
	put(b, sp->text, sp->len);
	put_varint(b, (uint64_t)sp->pos.line);
	put_varint(b, (uint64_t)(int64_t)sp->node);
	put_varint(b, key_look(&c->looks, sp));
}

static void
make_key(struct text_cache *c, const struct span_list *sl,
    const struct text_params *p)
{
	size_t	i;

	c->key.len = 0;
	put_varint(&c->key, key_params(&c->looks, p));
	for (i = 0; i < sl->n; i++)
		key_span(c, &sl->v[i]);
}

/* --- entries --- */

/* The sizes of a block's parts; 0 when they are too large to keep. */
static int
measure(const struct text_block *b, size_t *nruns, size_t *nkerns,
    size_t *ntext)
{
	const struct text_run	*r;
	size_t			 i, k;

	*nruns = *nkerns = *ntext = 0;
	for (i = 0; i < b->nlines; i++)
		for (k = 0; k < b->lines[i].nruns; k++) {
			r = &b->lines[i].runs[k];
			(*nruns)++;
			*ntext += strlen(r->text) + 1;	/* and its NUL */
			*nkerns += r->nkern;
		}
	return *ntext <= UINT32_MAX && *nkerns <= UINT32_MAX;
}

static void
store_run(struct entry *e, struct cache_run *c, const struct text_run *r,
    size_t *kerns, size_t *text)
{
	c->x = r->x;
	c->width = r->width;
	c->span = (uint32_t)r->span;
	c->face = r->face;
	c->spaces = r->spaces;
	c->text = (uint32_t)*text;
	c->len = (uint32_t)strlen(r->text);
	memcpy(e->text + *text, r->text, c->len + 1);
	*text += c->len + 1;
	c->kern = (uint32_t)*kerns;
	c->nkern = (uint32_t)r->nkern;
	if (r->nkern > 0)
		memcpy(e->kerns + *kerns, r->kern, r->nkern * sizeof(*r->kern));
	*kerns += r->nkern;
}

/* A new entry holding key and what text_set made; NULL: not kept. */
static struct entry *
store(const struct strbuf *key, const struct text_block *b, int rc)
{
	struct entry	*e;
	size_t		 nruns, nkerns, ntext, lsz, rsz, ksz, i, k;
	size_t		 run = 0, kern = 0, text = 0;

	if (!measure(b, &nruns, &nkerns, &ntext))
		return NULL;
	lsz = block_align(b->nlines * sizeof(*e->lines));
	rsz = block_align(nruns * sizeof(*e->runs));
	ksz = block_align(nkerns * sizeof(*e->kerns));
	e = xmalloc(sizeof(*e) + lsz + rsz + ksz + ntext + key->len);
	e->lines = (struct cache_line *)e->data;
	e->runs = (struct cache_run *)(e->data + lsz);
	e->kerns = (struct kern_pair *)(e->data + lsz + rsz);
	e->text = e->data + lsz + rsz + ksz;
	e->key = e->text + ntext;
	memcpy(e->key, key->data, key->len);
	e->keylen = key->len;
	e->rc = rc;
	e->overfull = b->overfull;
	e->worst_ratio = b->worst_ratio;
	e->nlines = b->nlines;
	for (i = 0; i < b->nlines; i++) {
		e->lines[i] = (struct cache_line){ b->lines[i].width,
		    b->lines[i].word_space, b->lines[i].ratio,
		    b->lines[i].ascent, (uint32_t)run,
		    (uint32_t)b->lines[i].nruns, b->lines[i].hyphenated };
		for (k = 0; k < b->lines[i].nruns; k++, run++)
			store_run(e, &e->runs[run], &b->lines[i].runs[k],
			    &kern, &text);
	}
	return e;
}

static void
restore_run(const struct entry *e, const struct cache_run *c,
    const struct span_list *sl, struct text_run *r)
{
	const struct span	*sp;

	assert(c->span < sl->n);
	sp = &sl->v[c->span];
	text_run_start(r, sp, c->span, c->face);
	r->text = e->text + c->text;
	r->x = c->x;
	r->width = c->width;
	r->spaces = c->spaces;
	if (c->nkern > 0) {
		r->kern = e->kerns + c->kern;
		r->nkern = c->nkern;
	}
}

/*
 * What text_set made, for this pass's spans: lines and runs in one
 * allocation, the runs' text and kerning lent by the entry.
 */
static void
restore(const struct entry *e, const struct span_list *sl,
    struct text_block *out)
{
	const struct cache_line	*c;
	struct text_line	*l;
	struct text_run		*runs;
	size_t			 i, k, lsz, nruns = 0;

	for (i = 0; i < e->nlines; i++)
		nruns += e->lines[i].n;
	lsz = block_align(e->nlines * sizeof(*out->lines));
	memset(out, 0, sizeof(*out));
	out->mem = xmalloc(lsz + nruns * sizeof(*runs));
	out->lines = out->mem;
	runs = (struct text_run *)((char *)out->mem + lsz);
	out->nlines = e->nlines;
	out->overfull = e->overfull;
	out->worst_ratio = e->worst_ratio;
	for (i = 0; i < e->nlines; i++) {
		c = &e->lines[i];
		l = &out->lines[i];
		l->width = c->width;
		l->word_space = c->word_space;
		l->ratio = c->ratio;
		l->ascent = c->ascent;
		l->hyphenated = c->hyphenated;
		l->nruns = c->n;
		l->runs = runs + c->first;
		for (k = 0; k < c->n; k++)
			restore_run(e, &e->runs[c->first + k], sl,
			    &l->runs[k]);
	}
}

/* --- the table --- */

static struct entry **
slot_for(struct entry **slots, size_t cap, uint64_t hash, const char *key,
    size_t keylen)
{
	size_t		 i = (size_t)hash & (cap - 1);
	struct entry	*e;

	for (;; i = (i + 1) & (cap - 1)) {
		e = slots[i];
		if (e == NULL || (e->hash == hash && e->keylen == keylen &&
		    memcmp(e->key, key, keylen) == 0))
			return &slots[i];
	}
}

/* Move the entries used since pass keep_from into a table of cap slots. */
static void
rehash(struct text_cache *c, size_t cap, int keep_from)
{
	struct entry	**old = c->slots, *e;
	size_t		  i, n = c->cap;

	c->slots = xcalloc(cap, sizeof(*c->slots));
	c->cap = cap;
	c->n = 0;
	for (i = 0; i < n; i++) {
		if ((e = old[i]) == NULL)
			continue;
		if (e->used < keep_from) {
			free(e);
			continue;
		}
		*slot_for(c->slots, cap, e->hash, e->key, e->keylen) = e;
		c->n++;
	}
	free(old);
}

struct text_cache *
text_cache_new(void)
{
	struct text_cache	*c = xcalloc(1, sizeof(*c));

	c->cap = CACHE_FIRST_CAP;
	c->slots = xcalloc(c->cap, sizeof(*c->slots));
	c->scratch = text_scratch_new();
	return c;
}

void
text_cache_free(struct text_cache *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		free(c->slots[i]);
	free(c->slots);
	strbuf_free(&c->key);
	looks_free(&c->looks);
	text_scratch_free(c->scratch);
	free(c);
}

void
text_cache_next_pass(struct text_cache *c)
{
	rehash(c, c->cap, c->pass);
	c->pass++;
}

int
text_cache_set(struct text_cache *c, struct fonts *fonts,
    const struct span_list *sl, const struct text_params *p,
    struct text_block *out)
{
	struct entry	**slot, *e;
	uint64_t	  hash;
	int		  rc;

	make_key(c, sl, p);
	hash = hash_bytes(c->key.data, c->key.len);
	slot = slot_for(c->slots, c->cap, hash, c->key.data, c->key.len);
	if ((e = *slot) != NULL && e->made < c->pass) {
		e->used = c->pass;
		restore(e, sl, out);
		c->reused++;
		return e->rc;
	}
	rc = text_set(fonts, c->scratch, sl, p, out);
	c->set++;
	if (e != NULL || (e = store(&c->key, out, rc)) == NULL)
		return rc;		/* set twice in this pass, or too long */
	if (2 * (c->n + 1) > c->cap) {
		rehash(c, 2 * c->cap, 0);
		slot = slot_for(c->slots, c->cap, hash, c->key.data,
		    c->key.len);
	}
	e->hash = hash;
	e->made = e->used = c->pass;
	*slot = e;
	c->n++;
	return rc;
}

void
text_cache_counts(const struct text_cache *c, size_t *set, size_t *reused)
{
	*set = c->set;
	*reused = c->reused;
}
