/*
 * Unit tests of layout: pages, items and outline entries are appended
 * and copied as the header promises, arrays grow without losing
 * anything, the name tables cover every kind and role, arcs become
 * Bézier pieces of at most 90° that stay on their circle, and the
 * structure tree starts with the Document and stores a language only
 * where it differs from the inherited one; colours are kept once each;
 * a run's kerning pairs are copied and come back whole.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "layout.h"

static void
pages_are_numbered_and_labels_copied(void **state)
{
	struct layout	*l = layout_new(595.28, 841.89);
	char		 label[8] = "1";
	struct page	*p;

	(void)state;
	assert_float_equal(l->width, 595.28, 1e-9);
	assert_float_equal(l->height, 841.89, 1e-9);
	assert_int_equal(l->npages, 0);
	p = layout_add_page(l, NULL);
	assert_int_equal(p->index, 0);
	assert_null(p->label);
	p = layout_add_page(l, label);
	strcpy(label, "X");
	assert_int_equal(p->index, 1);
	assert_string_equal(p->label, "1");
	assert_int_equal(p->nitems, 0);
	assert_int_equal(l->npages, 2);
	layout_free(l);
}

static void
items_are_copied_in_order(void **state)
{
	struct layout	*l = layout_new(100, 100);
	struct page	*p = layout_add_page(l, NULL);
	struct item	 it, *copy;
	size_t		 i;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_RULE;
	it.role = IR_DECORATION;
	for (i = 0; i < 100; i++) {
		it.x = (double)i;
		copy = layout_add(l, p, &it);
		assert_ptr_not_equal(copy, &it);
		assert_float_equal(copy->x, (double)i, 1e-9);
	}
	it.x = -1;
	assert_int_equal(p->nitems, 100);
	for (i = 0; i < 100; i++)
		assert_float_equal(p->items[i].x, (double)i, 1e-9);
	layout_free(l);
}

/* Items of many pages survive the page array growing. */
static void
many_pages_keep_their_items(void **state)
{
	struct layout	*l = layout_new(100, 100);
	struct item	 it;
	struct page	*p;
	size_t		 i;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_DEST;
	for (i = 0; i < 40; i++) {
		p = layout_add_page(l, layout_strdup(l, "n"));
		it.u.dest.name = layout_strdup(l, i % 2 ? "odd" : "even");
		it.y = (double)i;
		layout_add(l, p, &it);
	}
	assert_int_equal(l->npages, 40);
	for (i = 0; i < 40; i++) {
		assert_int_equal(l->pages[i].index, (int)i);
		assert_int_equal(l->pages[i].nitems, 1);
		assert_float_equal(l->pages[i].items[0].y, (double)i, 1e-9);
		assert_string_equal(l->pages[i].items[0].u.dest.name,
		    i % 2 ? "odd" : "even");
	}
	assert_null(layout_strdup(l, NULL));
	layout_free(l);
}

static void
outline_entries_are_copied(void **state)
{
	struct layout	*l = layout_new(100, 100);
	char		 title[16] = "Vorwort", dest[16] = "sec-1";
	size_t		 i;

	(void)state;
	layout_add_outline(l, 1, title, dest);
	strcpy(title, "changed");
	strcpy(dest, "changed");
	for (i = 0; i < 30; i++)
		layout_add_outline(l, 2, "Unter", "sec-2");
	assert_int_equal(l->noutline, 31);
	assert_int_equal(l->outline[0].level, 1);
	assert_string_equal(l->outline[0].title, "Vorwort");
	assert_string_equal(l->outline[0].dest, "sec-1");
	assert_int_equal(l->outline[30].level, 2);
	assert_string_equal(l->outline[30].dest, "sec-2");
	layout_free(l);
}

static void
name_tables_cover_every_value(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < ITEM__MAX; i++)
		assert_non_null(item_kind_names[i]);
	for (i = 0; i < IR__MAX; i++)
		assert_non_null(item_role_names[i]);
	for (i = 0; i < PATH__MAX; i++)
		assert_non_null(path_op_names[i]);
	for (i = 0; i < SN__MAX; i++)
		assert_non_null(snode_type_names[i]);
	for (i = 0; i < PAINT__MAX; i++)
		assert_non_null(path_paint_names[i]);
	assert_string_equal(item_kind_names[ITEM_GLYPHS], "glyphs");
	assert_string_equal(item_kind_names[ITEM_DEST], "dest");
	assert_string_equal(item_kind_names[ITEM_PATH], "path");
	assert_string_equal(path_op_names[PATH_CURVE], "C");
	assert_string_equal(path_paint_names[PAINT_STROKE], "stroke");
	assert_string_equal(item_role_names[IR_DECORATION], "decoration");
	assert_string_equal(item_role_names[IR_PARAGRAPH], "paragraph");
	assert_string_equal(item_role_names[IR_FOOTER], "footer");
	layout_free(NULL);
}

/* --- arcs --- */

#define DEG	(3.14159265358979323846 / 180.0)

/* A point of a cubic Bézier from p0 through the controls of seg. */
static void
bezier_at(struct path_point p0, const struct path_seg *seg, double t,
    double *x, double *y)
{
	double	u = 1 - t, a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t,
		d = t * t * t;

	*x = a * p0.x + b * seg->pt[0].x + c * seg->pt[1].x + d * seg->pt[2].x;
	*y = a * p0.y + b * seg->pt[0].y + c * seg->pt[1].y + d * seg->pt[2].y;
}

/*
 * The arc starts and ends where it should, in 1 + ceil(|sweep| / 90)
 * segments, and every point of every piece lies on the circle within
 * 0.03 % of the radius.
 */
static void
assert_arc(double cx, double cy, double r, double start, double sweep)
{
	struct path_seg		 segs[LAYOUT_ARC_SEGS];
	struct path_point	 p0;
	double			 x, y, t, end = (start + sweep) * DEG;
	size_t			 n, i;

	n = layout_arc(segs, cx, cy, r, start, sweep);
	assert_int_equal(n, 1 + (size_t)ceil(fabs(sweep) / 90.0 - 1e-9));
	assert_int_equal(segs[0].op, PATH_MOVE);
	assert_float_equal(segs[0].pt[0].x, cx + r * cos(start * DEG), 1e-9);
	assert_float_equal(segs[0].pt[0].y, cy + r * sin(start * DEG), 1e-9);
	assert_float_equal(segs[n - 1].pt[2].x, cx + r * cos(end), 1e-9);
	assert_float_equal(segs[n - 1].pt[2].y, cy + r * sin(end), 1e-9);
	for (i = 1; i < n; i++) {
		assert_int_equal(segs[i].op, PATH_CURVE);
		p0 = i == 1 ? segs[0].pt[0] : segs[i - 1].pt[2];
		for (t = 0; t <= 1.0; t += 1.0 / 64) {
			bezier_at(p0, &segs[i], t, &x, &y);
			assert_float_equal(hypot(x - cx, y - cy), r, r * 3e-4);
		}
	}
}

static void
arcs_stay_on_the_circle(void **state)
{
	(void)state;
	assert_arc(0, 0, 10, 90, -90);
	assert_arc(31.18, 31.18, 27.64, 90, -360);
	assert_arc(31.18, 31.18, 27.64, 90, -360 * 0.696);
	assert_arc(100, -50, 3, 0, 30);
	assert_arc(100, -50, 300, 45, 180.5);
}

static void
arc_quarter_has_the_classic_controls(void **state)
{
	struct path_seg	 segs[LAYOUT_ARC_SEGS];
	double		 k = 10 * 4.0 / 3.0 * tan(90.0 / 4 * DEG);

	(void)state;
	/* 12 o'clock clockwise to 3 o'clock */
	assert_int_equal(layout_arc(segs, 0, 0, 10, 90, -90), 2);
	assert_float_equal(segs[1].pt[0].x, k, 1e-9);
	assert_float_equal(segs[1].pt[0].y, 10, 1e-9);
	assert_float_equal(segs[1].pt[1].x, 10, 1e-9);
	assert_float_equal(segs[1].pt[1].y, k, 1e-9);
	assert_float_equal(k, 5.5228475, 1e-6);
	/* nothing, and more than a turn clamped to one */
	assert_int_equal(layout_arc(segs, 0, 0, 10, 90, 0), 0);
	assert_int_equal(layout_arc(segs, 0, 0, 10, 90, -720), 5);
	assert_float_equal(segs[4].pt[2].x, segs[0].pt[0].x, 1e-9);
	assert_float_equal(segs[4].pt[2].y, segs[0].pt[0].y, 1e-9);
}

static void
paths_are_copied_into_the_arena(void **state)
{
	struct layout		*l = layout_new(100, 100);
	struct path_seg		 segs[LAYOUT_ARC_SEGS];
	const struct path_seg	*copy;
	size_t			 n;

	(void)state;
	memset(segs, 0, sizeof(segs));	/* the points an op leaves unused */
	n = layout_arc(segs, 5, 5, 5, 0, 200);
	copy = layout_path_copy(l, segs, n);
	assert_ptr_not_equal(copy, segs);
	segs[1].pt[2].x = -1;
	assert_memory_not_equal(copy, segs, n * sizeof(*segs));
	assert_float_equal(copy[0].pt[0].x, 10, 1e-9);
	assert_int_equal(copy[n - 1].op, PATH_CURVE);
	layout_free(l);
}

static void
nodes_inherit_their_language(void **state)
{
	struct layout	*l = layout_new(100, 100);
	int		 sect, p, q, note;
	size_t		 i;

	(void)state;
	l->info.lang = "de";
	assert_int_equal(l->nnodes, 1);
	assert_int_equal(l->nodes[0].type, SN_DOCUMENT);
	assert_int_equal(l->nodes[0].parent, -1);
	assert_int_equal(LAYOUT_ARTIFACT, 0);
	sect = layout_add_node(l, SN_SECT, 0, "DE");	/* the same */
	p = layout_add_node(l, SN_P, sect, "en");
	q = layout_add_node(l, SN_P, p, "en");		/* inherited */
	note = layout_add_node(l, SN_NOTE, q, "de");
	assert_null(l->nodes[sect].lang);
	assert_string_equal(l->nodes[p].lang, "en");
	assert_null(l->nodes[q].lang);
	assert_string_equal(l->nodes[note].lang, "de");
	assert_string_equal(layout_node_lang(l, q), "en");
	assert_string_equal(layout_node_lang(l, sect), "de");
	assert_int_equal(l->nodes[note].parent, q);
	assert_null(l->nodes[note].alt);
	for (i = 0; i < 100; i++)		/* the table grows */
		assert_int_equal(layout_add_node(l, SN_P, sect, NULL), 5 + i);
	assert_int_equal(l->nodes[104].parent, sect);
	layout_free(l);
}

/* Equal colours share one copy; a colour differing in any field not. */
static void
colours_are_kept_once_each(void **state)
{
	struct layout		*l = layout_new(100, 100);
	struct color		 c = { 0.1, 0.2, 0.3, 0, 0, 0, 0, 0 };
	const struct color	*first, *again, *cmyk;

	(void)state;
	first = layout_color(l, &c);
	assert_ptr_not_equal(first, &c);
	c.r = 0.9;
	assert_float_equal(first->r, 0.1, 0);
	assert_ptr_not_equal(layout_color(l, &c), first);
	c.r = 0.1;
	again = layout_color(l, &c);
	assert_ptr_equal(again, first);
	c.k = 1, c.cmyk = 1;
	cmyk = layout_color(l, &c);
	assert_ptr_not_equal(cmyk, first);
	assert_int_equal(cmyk->cmyk, 1);
	assert_int_equal(l->ncolors, 3);
	layout_free(l);
}

/* A page before the last holds no unused room; it may still grow. */
static void
finished_pages_are_cut_to_size(void **state)
{
	struct layout	*l = layout_new(100, 100);
	struct item	 it;
	int		 i;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_RECT;
	layout_add_page(l, NULL);
	for (i = 0; i < 17; i++)
		layout_add(l, &l->pages[0], &it);
	assert_true(l->pages[0].cap > 17);
	layout_add_page(l, NULL);
	assert_int_equal(l->pages[0].cap, 17);
	assert_int_equal(l->pages[0].nitems, 17);
	layout_add(l, &l->pages[0], &it);
	assert_int_equal(l->pages[0].nitems, 18);
	assert_true(l->pages[0].cap >= 18);
	layout_free(l);
}

/* Kerning pairs are copied into the layout and come back, as one value
 * per glyph, where they were. */
static void
kerning_pairs_are_copied(void **state)
{
	enum { N = 8 };
	struct layout		*l = layout_new(100, 100);
	struct kern_pair	 pairs[] = { { 0, -54 }, { 3, 12 }, { 4, -7 } };
	short			 want[N] = { -54, 0, 0, 12, 0, 0, 0, -7 };
	short			 back[N];
	const struct kern_pair	*v;

	(void)state;
	assert_null(layout_kern(l, pairs, 0));
	v = layout_kern(l, pairs, 3);
	assert_non_null(v);
	assert_ptr_not_equal(v, pairs);
	assert_memory_equal(v, pairs, sizeof(pairs));
	memset(back, 0x55, sizeof(back));
	layout_kern_expand(v, 3, back, N);
	assert_memory_equal(back, want, sizeof(want));
	layout_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_are_numbered_and_labels_copied),
		cmocka_unit_test(items_are_copied_in_order),
		cmocka_unit_test(many_pages_keep_their_items),
		cmocka_unit_test(outline_entries_are_copied),
		cmocka_unit_test(name_tables_cover_every_value),
		cmocka_unit_test(arcs_stay_on_the_circle),
		cmocka_unit_test(arc_quarter_has_the_classic_controls),
		cmocka_unit_test(paths_are_copied_into_the_arena),
		cmocka_unit_test(nodes_inherit_their_language),
		cmocka_unit_test(colours_are_kept_once_each),
		cmocka_unit_test(kerning_pairs_are_copied),
		cmocka_unit_test(finished_pages_are_cut_to_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
