/*
 * text_cache: paragraphs set in one layout pass, reused in the next (see
 * text_cache.h).  An open-addressing table, kept at most half full, maps
 * a paragraph's key (its spans and parameters as bytes) to the lines
 * text_set made of it; at each new pass the table is rebuilt with the
 * entries the last pass used.
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
#define FNV_OFFSET	14695981039346656037ULL
#define FNV_PRIME	1099511628211ULL
#define NO_STRING	SIZE_MAX	/* the length that stands for NULL */

/*
 * The key must hold every field text_set reads.  A field added to these
 * structs needs its line in key_span, key_color or key_params, and then
 * the size here.
 */
_Static_assert(sizeof(struct span) == 136,
    "struct span changed: key the new field in text_cache.c");
_Static_assert(sizeof(struct color) == 48,
    "struct color changed: key the new field in text_cache.c");
_Static_assert(sizeof(struct text_params) == 88,
    "struct text_params changed: key the new field in text_cache.c");

struct entry {
	char		*key;		/* NULL: a free slot */
	size_t		 keylen;
	uint64_t	 hash;
	int		 made;		/* the pass that set it */
	int		 used;		/* the last pass that asked for it */
	int		 rc;		/* text_set's result */
	struct text_block block;	/* borrowed pointers cleared */
};

struct text_cache {
	struct entry	*slots;
	size_t		 cap, n;
	int		 pass;
	size_t		 set, reused;
	struct strbuf	 key;		/* the key being looked up */
};

/* --- keys --- */

static void
put(struct strbuf *b, const void *p, size_t n)
{
	strbuf_append(b, p, n);
}

static void
put_string(struct strbuf *b, const char *s, size_t len)
{
	if (s == NULL)
		len = NO_STRING;
	put(b, &len, sizeof(len));
	if (s != NULL)
		put(b, s, len);
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

static void
key_span(struct strbuf *b, const struct span *sp)
{
	put_string(b, sp->text, sp->len);
	put(b, &sp->face, sizeof(sp->face));
	put(b, &sp->size, sizeof(sp->size));
	key_color(b, &sp->color);
	put(b, &sp->rise, sizeof(sp->rise));
	put_string(b, sp->uri, sp->uri ? strlen(sp->uri) : 0);
	put_string(b, sp->dest, sp->dest ? strlen(sp->dest) : 0);
	put(b, &sp->nobreak, sizeof(sp->nobreak));
	put(b, &sp->newline, sizeof(sp->newline));
	put(b, &sp->node, sizeof(sp->node));
	put_string(b, sp->pos.file, sp->pos.file ? strlen(sp->pos.file) : 0);
	put(b, &sp->pos.line, sizeof(sp->pos.line));
}

/* The function and its argument by identity: one process, one table. */
static void
key_params(struct strbuf *b, const struct text_params *p)
{
	int	align = (int)p->align;

	put(b, &p->width, sizeof(p->width));
	put(b, &p->indent, sizeof(p->indent));
	put(b, &align, sizeof(align));
	put(b, &p->space_stretch, sizeof(p->space_stretch));
	put(b, &p->space_shrink, sizeof(p->space_shrink));
	put(b, &p->tolerance, sizeof(p->tolerance));
	put(b, &p->emergency_stretch, sizeof(p->emergency_stretch));
	put_string(b, p->hyphen, p->hyphen ? strlen(p->hyphen) : 0);
	put(b, &p->hyphen_penalty, sizeof(p->hyphen_penalty));
	put(b, &p->max_hyphen_lines, sizeof(p->max_hyphen_lines));
	put(b, &p->hyphenate, sizeof(p->hyphenate));
	put(b, &p->hyphenate_arg, sizeof(p->hyphenate_arg));
}

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t	h = FNV_OFFSET;

	while (n-- > 0) {
		h ^= (unsigned char)*s++;
		h *= FNV_PRIME;
	}
	return h;
}

/* --- text blocks --- */

/*
 * A deep copy of src into dst.  With spans, each run takes the pointers
 * it borrows (link, destination, source file) from the span it began in;
 * without, they are cleared.
 */
static void
block_copy(struct text_block *dst, const struct text_block *src,
    const struct span_list *spans)
{
	const struct span	*sp;
	struct text_run		*r;
	size_t			 i, k, len;

	*dst = *src;
	dst->lines = xcalloc(src->nlines, sizeof(*dst->lines));
	for (i = 0; i < src->nlines; i++) {
		dst->lines[i] = src->lines[i];
		dst->lines[i].runs = xcalloc(src->lines[i].nruns,
		    sizeof(*dst->lines[i].runs));
		for (k = 0; k < src->lines[i].nruns; k++) {
			r = &dst->lines[i].runs[k];
			*r = src->lines[i].runs[k];
			len = strlen(r->text);
			r->text = xstrdup(r->text);
			if (r->kern != NULL)
				r->kern = memcpy(xmalloc(len * sizeof(*r->kern)),
				    r->kern, len * sizeof(*r->kern));
			if (spans == NULL) {
				r->uri = r->dest = r->pos.file = NULL;
				continue;
			}
			assert(r->span < spans->n);
			sp = &spans->v[r->span];
			r->uri = sp->uri;
			r->dest = sp->dest;
			r->pos = sp->pos;
		}
	}
}

/* --- the table --- */

static struct entry *
slot_for(struct entry *slots, size_t cap, uint64_t hash, const char *key,
    size_t keylen)
{
	size_t		 i = (size_t)hash & (cap - 1);
	struct entry	*e;

	for (;; i = (i + 1) & (cap - 1)) {
		e = &slots[i];
		if (e->key == NULL || (e->hash == hash &&
		    e->keylen == keylen && memcmp(e->key, key, keylen) == 0))
			return e;
	}
}

static void
entry_free(struct entry *e)
{
	free(e->key);
	text_block_free(&e->block);
	memset(e, 0, sizeof(*e));
}

/* Move the entries kept into a table of cap slots. */
static void
rehash(struct text_cache *c, size_t cap, int keep_from)
{
	struct entry	*old = c->slots;
	size_t		 i, n = c->cap;

	c->slots = xcalloc(cap, sizeof(*c->slots));
	c->cap = cap;
	c->n = 0;
	for (i = 0; i < n; i++) {
		if (old[i].key == NULL)
			continue;
		if (old[i].used < keep_from) {
			entry_free(&old[i]);
			continue;
		}
		*slot_for(c->slots, cap, old[i].hash, old[i].key,
		    old[i].keylen) = old[i];
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
	return c;
}

void
text_cache_free(struct text_cache *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		if (c->slots[i].key != NULL)
			entry_free(&c->slots[i]);
	free(c->slots);
	strbuf_free(&c->key);
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
	struct entry	*e;
	uint64_t	 hash;
	size_t		 i;
	int		 rc;

	c->key.len = 0;
	key_params(&c->key, p);
	for (i = 0; i < sl->n; i++)
		key_span(&c->key, &sl->v[i]);
	hash = hash_bytes(c->key.data, c->key.len);
	e = slot_for(c->slots, c->cap, hash, c->key.data, c->key.len);
	if (e->key != NULL && e->made < c->pass) {
		e->used = c->pass;
		block_copy(out, &e->block, sl);
		c->reused++;
		return e->rc;
	}
	rc = text_set(fonts, sl, p, out);
	c->set++;
	if (e->key != NULL)		/* set twice in this pass */
		return rc;
	if (2 * (c->n + 1) > c->cap) {
		rehash(c, 2 * c->cap, 0);
		e = slot_for(c->slots, c->cap, hash, c->key.data, c->key.len);
	}
	e->key = memcpy(xmalloc(c->key.len), c->key.data, c->key.len);
	e->keylen = c->key.len;
	e->hash = hash;
	e->made = e->used = c->pass;
	e->rc = rc;
	block_copy(&e->block, out, NULL);
	c->n++;
	return rc;
}

void
text_cache_counts(const struct text_cache *c, size_t *set, size_t *reused)
{
	*set = c->set;
	*reused = c->reused;
}
