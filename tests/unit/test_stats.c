/*
 * Unit tests of stats: counts, totals and shares of chart bars over the
 * entries in scope (all of them, one region, none, with its warning),
 * literal values, the thirteen published figures of the 2024 brochure
 * when the demo dataset is there, and stats_print's table, CSV and JSON,
 * word for word, quoting and escaping included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../model/fixture.h"
#include "locale.h"
#include "stats.h"

#define LOCALES		"styles/locales"

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

	char			*err;

	(void)state;
	doc = fixture_full(&lr, NULL, "Nirgendwo",
	    VARIANT_REPORT);
	assert_int_equal(doc->nentries, 0);
	capture_begin();
	stats_compute(doc);
	err = capture_end();
	assert_string_equal(err, "tests/model/full.xml:102: warning: "
	    "<chart id=\"kontakt\"> has no entries to count: region "
	    "\"Nirgendwo\" holds none, so the chart is set empty with a "
	    "note: check the region's name\n");
	free(err);
	for (bar = contact_chart(doc)->bars; bar != NULL; bar = bar->next) {
		assert_bar(bar, 0, 0, 0);
		assert_false(stats_bar_has_share(bar));
	}
	assert_true(stats_chart_empty(contact_chart(doc)));
	assert_bar(value_chart(doc)->bars->next, 0, 0, 12.5);
	assert_true(stats_bar_has_share(value_chart(doc)->bars->next));
	assert_false(stats_chart_empty(value_chart(doc)));
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

/* --- stats_print --- */

/* What stats_print writes for doc in a language and format; free() it. */
static char *
printed(struct document *doc, const char *lang, enum stats_format format)
{
	struct locale	*loc = locale_load(LOCALES, lang);
	char		*text = NULL;
	size_t		 len = 0;
	FILE		*f;

	assert_non_null(loc);
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(stats_print(doc, loc, format, f), 0);
	fclose(f);
	locale_free(loc);
	return text;
}

static void
assert_printed(struct document *doc, const char *lang,
    enum stats_format format, const char *want)
{
	char	*text = printed(doc, lang, format);

	assert_string_equal(text, want);
	free(text);
}

/* Counted bars with key, count and total; literal ones without. */
static void
prints_csv(void **state)
{
	struct load_result	*lr;
	struct document		*doc;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	stats_compute(doc);
	assert_printed(doc, "de", STATS_CSV,
	    "chart,key,label,count,total,share,percent\n"
	    "kontakt,targeted,gezielt,2,3,\"66,7\u00a0%\",66.6667\n"
	    "kontakt,previous,vorher,1,3,\"33,3\u00a0%\",33.3333\n"
	    "kontakt,events,Veranstaltungen,1,3,\"33,3\u00a0%\",33.3333\n"
	    "werte,,vierzig,,,\"40,0\u00a0%\",40.0000\n"
	    "werte,,zwölfeinhalb,,,\"12,5\u00a0%\",12.5000\n");
	/* English shares need no quotes; an empty chart has no shares */
	model_free(doc);
	load_free(lr);
	capture_begin();	/* the warnings: no English subtitle, empty */
	doc = fixture_full(&lr, "en", "Nirgendwo", VARIANT_REPORT);
	stats_compute(doc);
	free(capture_end());
	assert_printed(doc, "en", STATS_CSV,
	    "chart,key,label,count,total,share,percent\n"
	    "kontakt,targeted,targeted,0,0,,\n"
	    "kontakt,previous,vorher,0,0,,\n"
	    "kontakt,events,Veranstaltungen,0,0,,\n"
	    "werte,,vierzig,,,40.0%,40.0000\n"
	    "werte,,zwölfeinhalb,,,12.5%,12.5000\n");
	model_free(doc);
	load_free(lr);
}

static void
prints_json(void **state)
{
	struct load_result	*lr;
	struct document		*doc;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	stats_compute(doc);
	assert_printed(doc, "de", STATS_JSON, "[\n"
	    "  {\n"
	    "    \"id\": \"kontakt\",\n"
	    "    \"title\": \"Kontakt\",\n"
	    "    \"facet\": \"contact\",\n"
	    "    \"bars\": [\n"
	    "      { \"key\": \"targeted\", \"label\": \"gezielt\", "
	    "\"count\": 2, \"total\": 3, \"share\": \"66,7\u00a0%\", "
	    "\"percent\": 66.6667 },\n"
	    "      { \"key\": \"previous\", \"label\": \"vorher\", "
	    "\"count\": 1, \"total\": 3, \"share\": \"33,3\u00a0%\", "
	    "\"percent\": 33.3333 },\n"
	    "      { \"key\": \"events\", \"label\": \"Veranstaltungen\", "
	    "\"count\": 1, \"total\": 3, \"share\": \"33,3\u00a0%\", "
	    "\"percent\": 33.3333 }\n"
	    "    ]\n"
	    "  },\n"
	    "  {\n"
	    "    \"id\": \"werte\",\n"
	    "    \"title\": null,\n"
	    "    \"facet\": null,\n"
	    "    \"bars\": [\n"
	    "      { \"key\": null, \"label\": \"vierzig\", \"count\": null, "
	    "\"total\": null, \"share\": \"40,0\u00a0%\", "
	    "\"percent\": 40.0000 },\n"
	    "      { \"key\": null, \"label\": \"zwölfeinhalb\", "
	    "\"count\": null, \"total\": null, \"share\": "
	    "\"12,5\u00a0%\", \"percent\": 12.5000 }\n"
	    "    ]\n"
	    "  }\n"
	    "]\n");
	model_free(doc);
	load_free(lr);
}

/* Columns line up in characters, not bytes (ö, the no-break space). */
static void
prints_table(void **state)
{
	struct load_result	*lr;
	struct document		*doc;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	stats_compute(doc);
	assert_printed(doc, "de", STATS_TABLE,
	    "kontakt: Kontakt\n"
	    "  key       label            count  total   share\n"
	    "  targeted  gezielt              2      3  66,7\u00a0%\n"
	    "  previous  vorher               1      3  33,3\u00a0%\n"
	    "  events    Veranstaltungen      1      3  33,3\u00a0%\n"
	    "\n"
	    "werte\n"
	    "  key       label            count  total   share\n"
	    "  -         vierzig              -      -  40,0\u00a0%\n"
	    "  -         zwölfeinhalb         -      -  12,5\u00a0%\n");
	model_free(doc);
	load_free(lr);
}

/* A label with a comma, quotes and a backslash; a title with a quote. */
static const char quoting_xml[] =
    "<report version=\"1\" xml:lang=\"de\"><meta><title>T</title>"
    "<date>2024-08-12</date></meta><entries>"
    "<entry id=\"a\"><title>A</title>"
    "<tags facet=\"f\">k</tags></entry></entries>"
    "<body><section><title>S</title>"
    "<chart id=\"c\" facet=\"f\"><title>Der \"Weg\"</title>"
    "<bar key=\"k\">ja, \"gern\" \\ sofort</bar></chart>"
    "</section></body></report>";

static void
quotes_and_escapes(void **state)
{
	struct model_options	 o = { NULL, NULL, VARIANT_REPORT };
	struct load_result	*lr = fixture_string(quoting_xml);
	struct document		*doc;

	(void)state;
	assert_non_null(lr);
	assert_non_null(doc = model_read(lr, &o));
	stats_compute(doc);
	assert_printed(doc, "en", STATS_CSV,
	    "chart,key,label,count,total,share,percent\n"
	    "c,k,\"ja, \"\"gern\"\" \\ sofort\",1,1,100.0%,100.0000\n");
	assert_printed(doc, "en", STATS_JSON, "[\n"
	    "  {\n"
	    "    \"id\": \"c\",\n"
	    "    \"title\": \"Der \\\"Weg\\\"\",\n"
	    "    \"facet\": \"f\",\n"
	    "    \"bars\": [\n"
	    "      { \"key\": \"k\", \"label\": "
	    "\"ja, \\\"gern\\\" \\\\ sofort\", \"count\": 1, "
	    "\"total\": 1, \"share\": \"100.0%\", \"percent\": 100.0000 }\n"
	    "    ]\n"
	    "  }\n"
	    "]\n");
	model_free(doc);
	fixture_string_free(lr);
}

/* No charts: a header alone, an empty array, nothing. */
static const char no_chart_xml[] =
    "<report version=\"1\" xml:lang=\"de\"><meta><title>T</title>"
    "<date>2024-08-12</date></meta>"
    "<body><section><title>S</title><p>x</p></section></body></report>";

static void
prints_no_charts(void **state)
{
	struct model_options	 o = { NULL, NULL, VARIANT_REPORT };
	struct load_result	*lr = fixture_string(no_chart_xml);
	struct document		*doc;

	(void)state;
	assert_non_null(lr);
	assert_non_null(doc = model_read(lr, &o));
	stats_compute(doc);
	assert_printed(doc, "de", STATS_CSV,
	    "chart,key,label,count,total,share,percent\n");
	assert_printed(doc, "de", STATS_JSON, "[]\n");
	assert_printed(doc, "de", STATS_TABLE, "");
	model_free(doc);
	fixture_string_free(lr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_every_entry),
		cmocka_unit_test(counts_one_region),
		cmocka_unit_test(no_entries_no_division),
		cmocka_unit_test(demo_matches_the_brochure),
		cmocka_unit_test(prints_csv),
		cmocka_unit_test(prints_json),
		cmocka_unit_test(prints_table),
		cmocka_unit_test(quotes_and_escapes),
		cmocka_unit_test(prints_no_charts),
	};

	return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
