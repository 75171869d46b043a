/*
 * test_text_cache: paragraphs set in one pass are reused in the next,
 * exactly as text_set sets them, with this pass's link and destination
 * pointers; a changed paragraph is set anew, whichever field of a span
 * or its parameters changed; nothing is reused within a
 * pass; what a pass did not ask for is forgotten.  Real fonts (Lato);
 * run from the top of the tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "font.h"
#include "text.h"
#include "text_cache.h"

static struct fonts	*fonts;
static face_id		 regular, bold;

/* A note mark "1", a link, a hyphenated long word: runs of every kind. */
static const char *const words[] = {
	"Die Kultur- und Kreativwirtschaft verbindet in ländlichen Räumen "
	"kleine und mittlere Unternehmen mit ",
	"Partnerinnen",
	" aus zwölf Teilmärkten; AVATAR-Werkstätten zeigen es (S. 12).",
};

static int
setup(void **state)
{
	struct srcpos	pos = { "test", 0 };

	(void)state;
	fonts = fonts_new();
	regular = fonts_open(fonts, "fonts/Lato-Regular.ttf", &pos);
	bold = fonts_open(fonts, "fonts/Lato-Bold.ttf", &pos);
	return regular < 0 || bold < 0 ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	fonts_free(fonts);
	return 0;
}

/* The spans of words, the links' strings copied (as a new pass makes). */
static void
spans(struct span_list *l, const char *last)
{
	struct span	sp;
	size_t		i;

	for (i = 0; i < 3; i++) {
		memset(&sp, 0, sizeof(sp));
		sp.text = i == 2 && last != NULL ? last : words[i];
		sp.len = strlen(sp.text);
		sp.face = i == 1 ? bold : regular;
		sp.size = 9.5;
		sp.color.b = 0.5;
		sp.pos.file = "test.xml";
		sp.pos.line = 7 + (long)i;
		sp.dest = i == 1 ? strdup("#note-1") : NULL;
		sp.uri = i == 2 ? strdup("https://example.org/") : NULL;
		span_list_add(l, &sp);
	}
}

static void
spans_free(struct span_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free((char *)l->v[i].dest);
		free((char *)l->v[i].uri);
	}
	span_list_free(l);
}

static void
params(struct text_params *p)
{
	memset(p, 0, sizeof(*p));
	p->width = 160.0;
	p->align = ALIGN_JUSTIFY;
	p->space_stretch = 0.5;
	p->space_shrink = 0.33;
	p->tolerance = 2.0;
	p->emergency_stretch = 5.0;
	p->hyphen = "-";
	p->hyphen_penalty = 50;
}

/* a and b the same, b's borrowed pointers those of its own spans. */
static void
assert_same(const struct text_block *a, const struct text_block *b,
    const struct span_list *bl)
{
	const struct text_run	*x, *y;
	size_t			 i, k;

	assert_int_equal(a->nlines, b->nlines);
	assert_int_equal(a->overfull, b->overfull);
	assert_true(a->worst_ratio == b->worst_ratio);
	for (i = 0; i < a->nlines; i++) {
		assert_int_equal(a->lines[i].nruns, b->lines[i].nruns);
		assert_true(a->lines[i].width == b->lines[i].width);
		assert_true(a->lines[i].word_space == b->lines[i].word_space);
		assert_true(a->lines[i].ratio == b->lines[i].ratio);
		assert_true(a->lines[i].ascent == b->lines[i].ascent);
		assert_int_equal(a->lines[i].hyphenated,
		    b->lines[i].hyphenated);
		for (k = 0; k < a->lines[i].nruns; k++) {
			x = &a->lines[i].runs[k];
			y = &b->lines[i].runs[k];
			assert_string_equal(x->text, y->text);
			assert_int_equal(x->face, y->face);
			assert_true(x->size == y->size && x->rise == y->rise);
			assert_true(x->color.b == y->color.b);
			assert_true(x->x == y->x && x->width == y->width);
			assert_int_equal(x->spaces, y->spaces);
			assert_int_equal(x->span, y->span);
			assert_int_equal(x->node, y->node);
			assert_int_equal(x->pos.line, y->pos.line);
			assert_ptr_equal(y->uri, bl->v[y->span].uri);
			assert_ptr_equal(y->dest, bl->v[y->span].dest);
			assert_int_equal(x->kern == NULL, y->kern == NULL);
			assert_int_equal(x->nkern, y->nkern);
			if (x->nkern > 0)
				assert_memory_equal(x->kern, y->kern,
				    x->nkern * sizeof(*x->kern));
		}
	}
}

static void
set_counts(const struct text_cache *c, size_t set, size_t reused)
{
	size_t	s, r;

	text_cache_counts(c, &s, &r);
	assert_int_equal(s, set);
	assert_int_equal(r, reused);
}

/* Pass 2 gets pass 1's lines, with its own pointers, set no more. */
static void
next_pass_reuses(void **state)
{
	struct text_cache	*c = text_cache_new();
	struct span_list	 l1 = { NULL, 0, 0 }, l2 = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 want, got, again;

	(void)state;
	params(&p);
	spans(&l1, NULL);
	assert_int_equal(text_set(fonts, NULL, &l1, &p, &want), 0);
	assert_true(want.nlines > 3);
	text_cache_next_pass(c);
	assert_int_equal(text_cache_set(c, fonts, &l1, &p, &got), 0);
	assert_same(&want, &got, &l1);
	text_block_free(&got);
	text_cache_next_pass(c);
	spans(&l2, NULL);
	assert_int_equal(text_cache_set(c, fonts, &l2, &p, &got), 0);
	set_counts(c, 1, 1);
	assert_same(&want, &got, &l2);
	text_cache_next_pass(c);
	assert_int_equal(text_cache_set(c, fonts, &l2, &p, &again), 0);
	set_counts(c, 1, 2);
	/* both lent the entry's text, not copies of their own */
	assert_ptr_equal(got.lines[0].runs[0].text,
	    again.lines[0].runs[0].text);
	assert_ptr_not_equal(got.mem, again.mem);
	text_block_free(&again);
	text_block_free(&got);
	text_block_free(&want);
	spans_free(&l1);
	spans_free(&l2);
	text_cache_free(c);
}

/* Other words, another width, another look: set anew. */
static void
changes_are_set_anew(void **state)
{
	struct text_cache	*c = text_cache_new();
	struct span_list	 l = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 got;

	(void)state;
	params(&p);
	text_cache_next_pass(c);
	spans(&l, NULL);
	text_cache_set(c, fonts, &l, &p, &got);
	text_block_free(&got);
	spans_free(&l);
	text_cache_next_pass(c);
	spans(&l, " aus zwölf Teilmärkten; AVATAR-Werkstätten zeigen es "
	    "(S. 13).");
	text_cache_set(c, fonts, &l, &p, &got);
	text_block_free(&got);
	set_counts(c, 2, 0);
	spans_free(&l);
	spans(&l, NULL);
	p.width = 161.0;
	text_cache_set(c, fonts, &l, &p, &got);
	text_block_free(&got);
	p.width = 160.0;
	l.v[1].color.r = 0.1;
	text_cache_set(c, fonts, &l, &p, &got);
	text_block_free(&got);
	set_counts(c, 4, 0);
	spans_free(&l);
	text_cache_free(c);
}

/* What the i-th change of spans l does; -1: no i-th change. */
static int
change(struct span_list *l, struct text_params *p, int i)
{
	static char	 other_file[] = "test.xml";	/* equal, not same */
	static const char moved[] = "n aus zwölf Teilmärkten; "
			    "AVATAR-Werkstätten zeigen es (S. 12).";
	struct span	*s = &l->v[1];

	assert_int_equal(strlen(moved), strlen(words[2]) + 1);
	switch (i) {
	case 0: s->face = regular; break;
	case 1: s->size = 9.6; break;
	case 2: s->color.k = 0.2f; break;
	case 3: s->color.cmyk = 1; break;
	case 4: s->rise = 1; break;
	case 5: free((char *)s->dest); s->dest = NULL; break;
	case 6: s->uri = strdup("https://example.org/"); break;
	case 7: s->nobreak = 1; break;
	case 8: s->newline = 1; break;
	case 9: s->node = 3; break;
	case 10: s->pos.line++; break;
	case 11: s->pos.file = "other.xml"; break;
	case 12: s->len--; l->v[2].text = moved; l->v[2].len++; break;
	case 13: p->indent = 1; break;
	case 14: p->hyphen = "="; break;
	case 15: s->pos.file = other_file; return 0;	/* reused */
	default: return -1;
	}
	return 1;
}

/* Each field a paragraph is keyed by tells two paragraphs apart; a file
 * name is known by its text, not its pointer. */
static void
every_field_tells_apart(void **state)
{
	struct text_cache	*c = text_cache_new();
	struct span_list	 l = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 got;
	size_t			 set = 1, reused = 0;
	int			 i, differs;

	(void)state;
	params(&p);
	spans(&l, NULL);
	text_cache_set(c, fonts, &l, &p, &got);
	text_block_free(&got);
	spans_free(&l);
	text_cache_next_pass(c);
	for (i = 0; ; i++) {
		params(&p);
		spans(&l, NULL);
		if ((differs = change(&l, &p, i)) == -1)
			break;
		text_cache_set(c, fonts, &l, &p, &got);
		text_block_free(&got);
		set += differs == 1, reused += differs == 0;
		set_counts(c, set, reused);
		spans_free(&l);
	}
	spans_free(&l);
	text_cache_free(c);
}

/* Within a pass nothing is reused (text_set's warnings come each time);
 * what a pass did not ask for is gone in the next. */
static void
only_the_last_pass_is_kept(void **state)
{
	struct text_cache	*c = text_cache_new();
	struct span_list	 l = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 got;
	int			 i;

	(void)state;
	params(&p);
	spans(&l, NULL);
	text_cache_next_pass(c);
	for (i = 0; i < 2; i++) {
		text_cache_set(c, fonts, &l, &p, &got);
		text_block_free(&got);
	}
	set_counts(c, 2, 0);
	text_cache_next_pass(c);	/* a pass without this paragraph */
	text_cache_next_pass(c);
	text_cache_set(c, fonts, &l, &p, &got);
	text_block_free(&got);
	set_counts(c, 3, 0);
	spans_free(&l);
	text_cache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(next_pass_reuses),
		cmocka_unit_test(changes_are_set_anew),
		cmocka_unit_test(every_field_tells_apart),
		cmocka_unit_test(only_the_last_pass_is_kept),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
