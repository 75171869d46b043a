/*
 * Unit tests of what print and archive builds add: which page edges an
 * item reaches (layout_bleed_edges), SOURCE_DATE_EPOCH read as digits
 * only, calendar dates as seconds, and XML escaping for the XMP packet.
 * The PDFs themselves are tested end to end by tests/lib/print.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "layout.h"
#include "pdf_meta.h"
#include "util.h"

static unsigned
edges(double x, double y, double w, double h, enum item_kind kind)
{
	struct layout	*l = layout_new(100, 200);
	struct item	 it;
	unsigned	 e;

	memset(&it, 0, sizeof(it));
	it.kind = kind;
	it.x = x, it.y = y, it.w = w, it.h = h;
	e = layout_bleed_edges(l, &it);
	layout_free(l);
	return e;
}

static void
bleed_edges_of_rects_and_images(void **state)
{
	(void)state;
	assert_int_equal(edges(10, 10, 50, 50, ITEM_RECT), 0);
	assert_int_equal(edges(0, 120, 100, 80, ITEM_RECT),
	    BLEED_LEFT | BLEED_RIGHT | BLEED_TOP);
	assert_int_equal(edges(0, 0, 100, 200, ITEM_IMAGE),
	    BLEED_LEFT | BLEED_RIGHT | BLEED_BOTTOM | BLEED_TOP);
	assert_int_equal(edges(0.005, 50, 20, 20, ITEM_IMAGE), BLEED_LEFT);
	assert_int_equal(edges(80, 50, 19.999, 20, ITEM_RECT), BLEED_RIGHT);
	/* nothing else bleeds, nor an empty box */
	assert_int_equal(edges(0, 0, 100, 200, ITEM_RULE), 0);
	assert_int_equal(edges(0, 0, 100, 200, ITEM_GLYPHS), 0);
	assert_int_equal(edges(0, 200, 100, 0, ITEM_RECT), 0);
}

static void
epoch_is_digits_only(void **state)
{
	time_t	 t = 7;

	(void)state;
	assert_int_equal(pdf_meta_epoch("1722470400", &t), 0);
	assert_true(t == 1722470400);
	assert_int_equal(pdf_meta_epoch("0", &t), 0);
	assert_true(t == 0);
	assert_int_equal(pdf_meta_epoch("253402300799", &t), 0);
	t = 7;
	assert_int_equal(pdf_meta_epoch("", &t), -1);
	assert_int_equal(pdf_meta_epoch(NULL, &t), -1);
	assert_int_equal(pdf_meta_epoch("-1", &t), -1);
	assert_int_equal(pdf_meta_epoch("+5", &t), -1);
	assert_int_equal(pdf_meta_epoch(" 5", &t), -1);
	assert_int_equal(pdf_meta_epoch("5 ", &t), -1);
	assert_int_equal(pdf_meta_epoch("1e9", &t), -1);
	assert_int_equal(pdf_meta_epoch("0x10", &t), -1);
	assert_int_equal(pdf_meta_epoch("253402300800", &t), -1);
	assert_int_equal(pdf_meta_epoch("99999999999999999999999", &t), -1);
	assert_true(t == 7);
}

static void
civil_dates_are_utc_midnight(void **state)
{
	(void)state;
	assert_true(pdf_meta_civil(1970, 1, 1) == 0);
	assert_true(pdf_meta_civil(2024, 8, 1) == 1722470400);
	assert_true(pdf_meta_civil(2024, 8, 0) == 1722470400);	/* YYYY-MM */
	assert_true(pdf_meta_civil(2024, 2, 29) == 1709164800);
	assert_true(pdf_meta_civil(2000, 3, 1) == 951868800);
	assert_true(pdf_meta_civil(1969, 12, 31) == -86400);
}

static void
xml_escapes_markup(void **state)
{
	struct strbuf	 b = { NULL, 0, 0 };

	(void)state;
	strbuf_puts(&b, "");
	pdf_meta_xml_escape(&b, "Kultur & Köln <2024> \"a\" 'b'");
	assert_string_equal(b.data, "Kultur &amp; Köln &lt;2024&gt; "
	    "&quot;a&quot; &apos;b&apos;");
	b.len = 0;
	b.data[0] = '\0';
	pdf_meta_xml_escape(&b, "plain");
	assert_string_equal(b.data, "plain");
	strbuf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bleed_edges_of_rects_and_images),
		cmocka_unit_test(epoch_is_digits_only),
		cmocka_unit_test(civil_dates_are_utc_midnight),
		cmocka_unit_test(xml_escapes_markup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
