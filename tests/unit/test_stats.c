/*
 * Unit tests of stats: counts, totals and shares of chart bars over the
 * entries in scope (all of them, one region, none), literal values, and
 * the thirteen published figures of the 2024 brochure when the demo
 * dataset is there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../model/fixture.h"
#include "stats.h"

/* The first chart of the full fixture's first section. */
static const struct chart *
contact_chart(const struct document *doc)
{
	const struct block	*b;

	for (b = doc->body->u.section.children; b != NULL; b = b->next)
		if (b->kind == BLK_CHART)
			return &b->u.chart;
	fail();
	return NULL;
}

/* The chart of literal values in the included last section. */
static const struct chart *
value_chart(const struct document *doc)
{
	const struct block	*b = doc->body;

	while (b->next != NULL)
		b = b->next;
	return &b->u.section.children->next->u.chart;
}

static void
assert_bar(const struct chart_bar *bar, int count, int total, double share)
{
	assert_non_null(bar);
	assert_int_equal(bar->count, count);
	assert_int_equal(bar->total, total);
	assert_float_equal(bar->share, share, 1e-9);
}

static void
counts_every_entry(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct chart_bar	*bar;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	stats_compute(doc);
	bar = contact_chart(doc)->bars;
	assert_bar(bar, 2, 3, 200.0 / 3);		/* targeted */
	assert_bar(bar->next, 1, 3, 100.0 / 3);		/* previous */
	assert_bar(bar->next->next, 1, 3, 100.0 / 3);	/* events */
	bar = value_chart(doc)->bars;
	assert_bar(bar, 0, 0, 40);
	assert_bar(bar->next, 0, 0, 12.5);
	assert_int_equal(stats_count(doc, "duration", "over-5y"), 1);
	assert_int_equal(stats_count(doc, "duration", "over-2y"), 2);
	assert_int_equal(stats_count(doc, "contact", "over-2y"), 0);
	assert_int_equal(stats_count(doc, "nothing", "targeted"), 0);
	model_free(doc);
	load_free(lr);
}

static void
counts_one_region(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct chart_bar	*bar;

	(void)state;
	doc = fixture_full(&lr, NULL, "Nord", VARIANT_REPORT);
	stats_compute(doc);
	bar = contact_chart(doc)->bars;
	assert_bar(bar, 1, 2, 50);
	assert_bar(bar->next, 1, 2, 50);
	assert_bar(bar->next->next, 1, 2, 50);
	assert_bar(value_chart(doc)->bars, 0, 0, 40);
	model_free(doc);
	load_free(lr);
}

static void
no_entries_no_division(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct chart_bar	*bar;

	(void)state;
	doc = fixture_full(&lr, NULL, "Nirgendwo",
	    VARIANT_REPORT);
	assert_int_equal(doc->nentries, 0);
	stats_compute(doc);
	for (bar = contact_chart(doc)->bars; bar != NULL; bar = bar->next)
		assert_bar(bar, 0, 0, 0);
	assert_bar(value_chart(doc)->bars->next, 0, 0, 12.5);
	model_free(doc);
	load_free(lr);
}

/* The figures the 2024 brochure printed, over 23 entries. */
static const struct published {
	const char	*facet;
	const char	*key;
	int		 count;
} published[] = {
	{ "contact", "targeted", 16 },
	{ "contact", "previous", 7 },
	{ "contact", "events", 3 },
	{ "region-value", "attractiveness", 18 },
	{ "region-value", "infrastructure", 15 },
	{ "region-value", "tourism", 10 },
	{ "region-value", "skilled-workers", 6 },
	{ "partner-value", "innovation", 19 },
	{ "partner-value", "quality", 13 },
	{ "partner-value", "competence", 12 },
	{ "duration", "over-2y", 18 },
	{ "duration", "over-5y", 9 },
	{ "duration", "continuous", 12 },
};

/* Every keyed bar of the demo's charts matches the published table. */
static void
demo_bar(struct block *b, void *arg)
{
	const struct chart_bar	*bar;
	size_t			 i;
	int			*bars = arg;

	if (b->kind != BLK_CHART || b->u.chart.facet == NULL)
		return;
	for (bar = b->u.chart.bars; bar != NULL; bar = bar->next)
		for (i = 0; i < sizeof(published) / sizeof(published[0]); i++)
			if (strcmp(published[i].facet, b->u.chart.facet) == 0 &&
			    strcmp(published[i].key, bar->key) == 0) {
				assert_int_equal(bar->count,
				    published[i].count);
				assert_int_equal(bar->total, 23);
				(*bars)++;
			}
}

static void
demo_matches_the_brochure(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	size_t			 i;
	int			 bars = 0;

	(void)state;
	doc = fixture_model(&lr, FIXTURE_DEMO, NULL, NULL, VARIANT_REPORT);
	if (doc == NULL)
		skip();
	assert_int_equal(doc->nentries, 23);
	for (i = 0; i < sizeof(published) / sizeof(published[0]); i++)
		assert_int_equal(stats_count(doc, published[i].facet,
		    published[i].key), published[i].count);
	stats_compute(doc);
	model_each_block(doc, demo_bar, &bars);
	assert_int_equal(bars, 13);
	model_free(doc);
	load_free(lr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_every_entry),
		cmocka_unit_test(counts_one_region),
		cmocka_unit_test(no_entries_no_division),
		cmocka_unit_test(demo_matches_the_brochure),
	};

	return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
