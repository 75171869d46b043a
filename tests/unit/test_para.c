/*
 * test_para: total-fit line breaking on constructed paragraphs whose best
 * breaks are known by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "para.h"
#include "util.h"

#define MAXITEMS	64

struct list {
	struct para_item	v[MAXITEMS];
	size_t			n;
};

/* Line widths: line 0 is first_width [pt], every later line width [pt]. */
struct widths {
	double	first, rest;
};

static double
line_width(size_t line, void *arg)
{
	const struct widths	*w = arg;

	return line == 0 ? w->first : w->rest;
}

static void
add(struct list *l, enum para_item_kind kind, double width, double stretch,
    double shrink, int penalty, int flagged)
{
	struct para_item	*it;

	assert_true(l->n < MAXITEMS);
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->width = width;
	it->stretch = stretch;
	it->shrink = shrink;
	it->penalty = penalty;
	it->flagged = flagged;
}

static void
box(struct list *l, double w)
{
	add(l, PARA_BOX, w, 0, 0, 0, 0);
}

static void
glue(struct list *l, double w, double stretch, double shrink)
{
	add(l, PARA_GLUE, w, stretch, shrink, 0, 0);
}

static void
hyphen(struct list *l, double w)
{
	add(l, PARA_PENALTY, w, 0, 0, 0, 1);
}

/* The end of a paragraph: no break, infinite glue, forced break. */
static void
finish(struct list *l)
{
	add(l, PARA_PENALTY, 0, 0, 0, PARA_INFINITY, 0);
	glue(l, 0, PARA_FIL, 0);
	add(l, PARA_PENALTY, 0, 0, 0, -PARA_INFINITY, 0);
}

static void
words(struct list *l, const double *w, size_t n, double stretch,
    double shrink)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			glue(l, 1, stretch, shrink);
		box(l, w[i]);
	}
	finish(l);
}

static void
params_init(struct para_params *p)
{
	memset(p, 0, sizeof(*p));
	p->tolerance = 2.0;
	p->line_penalty = 10;
	p->flagged_demerits = 3000;
	p->fitness_demerits = 100;
	p->justify = 1;
	p->shaped_lines = 1;
}

static void
assert_ends(const struct para_result *r, const size_t *ends, size_t n)
{
	size_t	i;

	assert_int_equal(r->nlines, n);
	for (i = 0; i < n; i++)
		assert_int_equal(r->lines[i].end, ends[i]);
}

/*
 * First fit takes "6 2 3 / 3 2 2 4 / 6 7" (ratios 1.5 and 0.67); total
 * fit shrinks two lines a little instead: "6 2 3 3 / 2 2 4 6 / 7".
 */
static void
total_fit_beats_first_fit(void **state)
{
	static const double	 w[] = { 6, 2, 3, 3, 2, 2, 4, 6, 7 };
	static const size_t	 ends[] = { 7, 15, 19 };
	struct widths		 lw = { 16, 16 };
	struct para_params	 p;
	struct para_result	 r;
	struct list		 l = { .n = 0 };

	(void)state;
	words(&l, w, 9, 1.0, 0.5);
	params_init(&p);
	assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p, &r), 0);
	assert_ends(&r, ends, 3);
	assert_int_equal(r.lines[1].start, 8);
	assert_int_equal(r.lines[2].start, 16);
	assert_float_equal(r.lines[0].ratio, -2.0 / 3, 1e-9);
	assert_float_equal(r.lines[1].ratio, -2.0 / 3, 1e-9);
	assert_float_equal(r.lines[2].ratio, 0.0, 1e-9);
	assert_float_equal(r.lines[0].natural, 17.0, 1e-9);
	assert_float_equal(r.lines[2].natural, 7.0, 1e-9);
	assert_int_equal(r.feasible, 1);
	assert_int_equal(r.emergency, 0);
	para_result_free(&r);
}

/* A forced break ends a line, whatever it costs; the line is not set. */
static void
forced_break(void **state)
{
	struct widths		 lw = { 20, 20 };
	struct para_params	 p;
	struct para_result	 r;
	struct list		 l = { .n = 0 };
	static const size_t	 ends[] = { 5, 11 };

	(void)state;
	box(&l, 3);
	glue(&l, 1, 1, 0.5);
	box(&l, 3);
	finish(&l);		/* 3 4 5 */
	box(&l, 4);
	glue(&l, 1, 1, 0.5);
	box(&l, 4);
	finish(&l);		/* 9 10 11 */
	params_init(&p);
	assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p, &r), 0);
	assert_ends(&r, ends, 2);
	assert_int_equal(r.lines[1].start, 6);
	assert_float_equal(r.lines[0].ratio, 0.0, 1e-9);
	assert_float_equal(r.lines[0].natural, 7.0, 1e-9);
	assert_int_equal(r.feasible, 1);
	para_result_free(&r);
}

/* Without a final forced break, one is implied after the last item. */
static void
implied_final_break(void **state)
{
	struct widths		 lw = { 20, 20 };
	struct para_params	 p;
	struct para_result	 r;
	struct list		 l = { .n = 0 };

	(void)state;
	box(&l, 3);
	glue(&l, 0, PARA_FIL, 0);
	params_init(&p);
	assert_int_equal(para_break(l.v, 0, line_width, &lw, &p, &r), -1);
	assert_int_equal(r.nlines, 0);
	assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p, &r), 0);
	assert_int_equal(r.nlines, 1);
	assert_int_equal(r.lines[0].end, 2);
	assert_float_equal(r.lines[0].natural, 3.0, 1e-9);
	para_result_free(&r);
}

/*
 * "8 8" stretched to 20 needs ratio 3, above the tolerance; the
 * emergency stretch (2 pt) makes it feasible, and the line is still
 * reported with its true ratio.
 */
static void
emergency_stretch(void **state)
{
	static const double	 w[] = { 8, 8, 19 };
	static const size_t	 ends[] = { 3, 7 };
	struct widths		 lw = { 20, 20 };
	struct para_params	 p;
	struct para_result	 r;
	struct list		 l = { .n = 0 };

	(void)state;
	words(&l, w, 3, 1.0, 0.0);
	params_init(&p);
	p.emergency_stretch = 2.0;
	assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p, &r), 0);
	assert_ends(&r, ends, 2);
	assert_int_equal(r.feasible, 1);
	assert_int_equal(r.emergency, 1);
	assert_float_equal(r.lines[0].ratio, 3.0, 1e-9);
	para_result_free(&r);
}

/*
 * A box wider than the line: no feasible breaks.  The least bad ones
 * keep the overflow on the wide word's own line: "4 / 30 / 4".
 */
static void
least_bad(void **state)
{
	static const double	 w[] = { 4, 30, 4 };
	static const size_t	 ends[] = { 1, 3, 7 };
	struct widths		 lw = { 20, 20 };
	struct para_params	 p;
	struct para_result	 r;
	struct list		 l = { .n = 0 };

	(void)state;
	words(&l, w, 3, 1.0, 0.5);
	params_init(&p);
	p.emergency_stretch = 5.0;
	assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p, &r), 0);
	assert_int_equal(r.feasible, 0);
	assert_int_equal(r.emergency, 0);
	assert_ends(&r, ends, 3);
	assert_true(r.lines[1].ratio < -1.0);
	assert_float_equal(r.lines[1].natural, 30.0, 1e-9);
	assert_true(r.lines[0].ratio > p.tolerance);
	para_result_free(&r);
}

/*
 * "9-" must end line 1 at a hyphen.  Line 2 is either "3 5-" (exact,
 * a second hyphen line in a row) or "3 5½" (ratio 0.5, no hyphen).
 */
static void
hyphen_choice(struct list *l)
{
	box(l, 9);
	hyphen(l, 1);
	box(l, 3);
	glue(l, 1, 1, 0);
	box(l, 5);
	hyphen(l, 1);
	box(l, 0.5);
	glue(l, 1, 1, 0);
	box(l, 4);
	finish(l);
}

static void
flagged_demerits(void **state)
{
	static const size_t	 twice[] = { 1, 5, 11 };
	static const size_t	 once[] = { 1, 7, 11 };
	struct widths		 lw = { 10, 10 };
	struct para_params	 p;
	struct para_result	 r;
	struct list		 l = { .n = 0 };

	(void)state;
	hyphen_choice(&l);
	params_init(&p);
	p.flagged_demerits = 0;
	assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p, &r), 0);
	assert_ends(&r, twice, 3);
	assert_int_equal(r.lines[0].hyphenated, 1);
	assert_int_equal(r.lines[1].hyphenated, 1);
	assert_float_equal(r.lines[1].natural, 10.0, 1e-9);
	para_result_free(&r);

	p.flagged_demerits = 3000;
	assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p, &r), 0);
	assert_ends(&r, once, 3);
	assert_int_equal(r.lines[0].hyphenated, 1);
	assert_int_equal(r.lines[1].hyphenated, 0);
	assert_float_equal(r.lines[1].ratio, 0.5, 1e-9);
	para_result_free(&r);
}

static void
max_hyphen_lines(void **state)
{
	static const size_t	 once[] = { 1, 7, 11 };
	struct widths		 lw = { 10, 10 };
	struct para_params	 p;
	struct para_result	 r;
	struct list		 l = { .n = 0 };

	(void)state;
	hyphen_choice(&l);
	params_init(&p);
	p.flagged_demerits = 0;
	p.max_hyphen_lines = 1;
	assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p, &r), 0);
	assert_ends(&r, once, 3);
	assert_int_equal(r.feasible, 1);
	para_result_free(&r);
}

/* The callback's widths per line: 9 pt first, 14 pt after. */
static void
shaped_first_line(void **state)
{
	static const double	 w[] = { 4, 4, 4, 4, 4, 4, 4, 4 };
	static const size_t	 ends[] = { 3, 9, 17 };
	struct widths		 lw = { 9, 14 };
	struct para_params	 p;
	struct para_result	 r;
	struct list		 l = { .n = 0 };
	size_t			 shaped;

	(void)state;
	words(&l, w, 8, 1.0, 0.0);
	params_init(&p);
	for (shaped = 0; shaped <= 2; shaped++) {
		p.shaped_lines = shaped;
		assert_int_equal(para_break(l.v, l.n, line_width, &lw, &p,
		    &r), 0);
		assert_ends(&r, ends, 3);
		assert_float_equal(r.lines[0].natural, 9.0, 1e-9);
		assert_float_equal(r.lines[1].natural, 14.0, 1e-9);
		assert_float_equal(r.lines[1].ratio, 0.0, 1e-9);
		para_result_free(&r);
	}
}

/*
 * Fill v with about total items: pseudo-random words 5-24 pt wide,
 * joined by spaces or (one in seven) hyphen points, and the end of the
 * paragraph.  Returns the item count.
 */
static size_t
random_paragraph(struct para_item *v, size_t total)
{
	static const struct para_item space = { PARA_GLUE, 3.0, 1.5, 1.0,
					    0, 0 };
	static const struct para_item hyph = { PARA_PENALTY, 3.0, 0, 0,
					    50, 1 };
	static const struct para_item end[] = {
		{ PARA_PENALTY, 0, 0, 0, PARA_INFINITY, 0 },
		{ PARA_GLUE, 0, PARA_FIL, 0, 0, 0 },
		{ PARA_PENALTY, 0, 0, 0, -PARA_INFINITY, 0 },
	};
	uint32_t	seed = 12345;
	size_t		n = 0;

	while (n + 5 <= total) {
		seed = seed * 1103515245u + 12345u;
		v[n].kind = PARA_BOX;
		v[n++].width = 5.0 + (seed >> 16) % 20;
		v[n++] = (seed >> 8) % 7 == 0 ? hyph : space;
	}
	memcpy(v + n, end, sizeof(end));
	return n + 3;
}

/*
 * 20,000 items: the pass must finish (the active list stays short) and
 * give sane, ordered lines.
 */
static void
long_paragraph(void **state)
{
	struct para_item	*v;
	struct widths		 lw = { 300, 300 };
	struct para_params	 p;
	struct para_result	 r;
	const struct para_line	*l;
	size_t			 n, i;

	(void)state;
	v = xcalloc(20000, sizeof(*v));
	n = random_paragraph(v, 20000);
	params_init(&p);
	p.max_hyphen_lines = 2;
	assert_int_equal(para_break(v, n, line_width, &lw, &p, &r), 0);
	assert_int_equal(r.feasible, 1);
	assert_true(r.nlines > 500);
	assert_int_equal(r.lines[r.nlines - 1].end, n - 1);
	for (i = 0; i < r.nlines; i++) {
		l = &r.lines[i];
		assert_true(l->ratio >= -1.0 && l->ratio <= p.tolerance);
		assert_true(l->ratio >= 0.0 || l->natural > 300.0);
		assert_true(l->ratio <= 0.0 || l->natural < 300.0);
		if (i > 0)
			assert_true(l->start > l[-1].end);
		if (i > 1)
			assert_false(l->hyphenated && l[-1].hyphenated &&
			    l[-2].hyphenated);
	}
	para_result_free(&r);
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(total_fit_beats_first_fit),
		cmocka_unit_test(forced_break),
		cmocka_unit_test(implied_final_break),
		cmocka_unit_test(emergency_stretch),
		cmocka_unit_test(least_bad),
		cmocka_unit_test(flagged_demerits),
		cmocka_unit_test(max_hyphen_lines),
		cmocka_unit_test(shaped_first_line),
		cmocka_unit_test(long_paragraph),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
