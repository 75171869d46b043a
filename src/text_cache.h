/*
 * text_cache: paragraphs set in one layout pass, reused in the next.
 *
 * typeset runs its passes until page numbers settle, and each pass sets
 * every paragraph again; only those whose words changed (a page number
 * in a cross-reference, a note's number) need setting anew.  A paragraph
 * is known by everything text_set reads: each span's text, face, size,
 * colour, rise, link, destination, structure element, source position,
 * nobreak and newline, and the parameters.  A hit is a copy of the lines
 * set before, with this pass's pointers taken from this pass's spans;
 * its runs' text and kerning are lent by the cache, valid until the next
 * pass begins.
 *
 * Only a paragraph set in an earlier pass is reused, so the warnings of
 * text_set come where they came without the cache, and a paragraph no
 * pass asked for is forgotten when the next pass begins.
 *
 * This module must never set text itself (text_set does), nor keep a
 * pointer into the spans it is given.
 */
#ifndef BROCHURE_TEXT_CACHE_H
#define BROCHURE_TEXT_CACHE_H

#include "text.h"

struct text_cache;

struct text_cache *text_cache_new(void);
void		 text_cache_free(struct text_cache *);

/* A new pass begins: forget what the last one did not use. */
void		 text_cache_next_pass(struct text_cache *);

/*
 * text_set, through the cache: the same result, from an earlier pass when
 * one set these spans with these parameters.  Free out with
 * text_block_free() as always.
 */
int		 text_cache_set(struct text_cache *, struct fonts *,
		    const struct span_list *, const struct text_params *,
		    struct text_block *out);

/* Paragraphs set and reused so far (for tests and --stats). */
void		 text_cache_counts(const struct text_cache *, size_t *set,
		    size_t *reused);

#endif /* BROCHURE_TEXT_CACHE_H */
