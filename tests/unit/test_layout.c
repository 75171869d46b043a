/*
 * Unit tests of layout: pages, items and outline entries are appended
 * and copied as the header promises, arrays grow without losing
 * anything, and the name tables cover every kind and role.
 */
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
	assert_string_equal(item_kind_names[ITEM_GLYPHS], "glyphs");
	assert_string_equal(item_kind_names[ITEM_DEST], "dest");
	assert_string_equal(item_role_names[IR_DECORATION], "decoration");
	assert_string_equal(item_role_names[IR_PARAGRAPH], "paragraph");
	assert_string_equal(item_role_names[IR_FOOTER], "footer");
	layout_free(NULL);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
