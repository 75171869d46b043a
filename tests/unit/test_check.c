/*
 * Unit tests of check: the id index, duplicate ids, references (dangling,
 * resolved, to what a region or variant build leaves out), charts
 * (facets, keys, values) and entries (years, durations, inclusion
 * criteria, negative counts).  Inputs the schema would reject are fine
 * here: fixtures are read without validation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../model/fixture.h"
#include "check.h"

/* A report around the given meta fields, entries, quotes and body. */
#define REPORT_RAW(meta, entries, quotes, body) \
	"<report version=\"1\" xml:lang=\"de\">\n" \
	"<meta><title>T</title>" meta "</meta>\n" \
	"<entries>\n" entries "</entries>\n" \
	"<quotes>\n" quotes "</quotes>\n" \
	"<body><section id=\"s\"><title>S</title>\n" \
	body "</section></body>\n" \
	"</report>\n"
/* The same, dated August 2024. */
#define REPORT(meta, entries, quotes, body) \
	REPORT_RAW("<date>2024-08</date>" meta, entries, quotes, body)

/* An entry that meets every criterion, with the given tags. */
#define ENTRY(id, region, tags) \
	"<entry id=\"" id "\" since=\"2015\" region=\"" region "\" " \
	"country=\"DE\"><title>" id "</title>" \
	"<partner role=\"sme\" employees=\"10\">S</partner>" \
	"<partner role=\"creative\" submarket=\"music\">C</partner>" \
	"<place population=\"5000\">P</place>" tags "</entry>\n"

#define TAGS_AB	"<tags facet=\"contact\">targeted previous</tags>"

/* The outcome of checking a report given as a string. */
struct outcome {
	int	 errors;	/* check_document's count */
	int	 warnings;	/* printed meanwhile */
	char	*text;		/* what was printed */
};

static struct document *
check_string(struct load_result **lr, const char *xml, const char *region,
    enum variant variant, struct outcome *out)
{
	struct model_options	 o = { NULL, region, variant };
	struct document		*doc;
	int			 warnings = diag_warnings();

	capture_begin();
	*lr = fixture_string(xml);
	doc = *lr != NULL ? model_read(*lr, &o) : NULL;
	out->errors = doc != NULL ? check_document(doc) : -1;
	out->text = capture_end();
	out->warnings = diag_warnings() - warnings;
	assert_non_null(doc);
	return doc;
}

static void
outcome_free(struct document *doc, struct load_result *lr,
    struct outcome *out)
{
	free(out->text);
	model_free(doc);
	fixture_string_free(lr);
}

static void
assert_said(const struct outcome *out, const char *words)
{
	if (strstr(out->text, words) == NULL)
		fail_msg("expected \"%s\" in:\n%s", words, out->text);
}

/* --- full.xml --- */

static void
full_report_is_clean(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct target	*t;
	const struct block	*pq;
	int			 warnings = diag_warnings();

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	assert_int_equal(check_document(doc), 0);
	assert_int_equal(diag_warnings(), warnings);
	pq = doc->body->u.section.children->next->next;
	assert_int_equal(pq->kind, BLK_PULL_QUOTE);
	assert_ptr_equal(pq->u.pull_quote.quote, doc->quotes);
	assert_int_equal(check_find(doc, "e-see")->kind, TARGET_ENTRY);
	assert_ptr_equal(check_find(doc, "e-see")->node, doc->entries->next->
	    next);
	assert_int_equal(check_find(doc, "q-frei")->kind, TARGET_QUOTE);
	assert_int_equal(check_find(doc, "eins")->kind, TARGET_SECTION);
	assert_int_equal(check_find(doc, "kontakt")->kind, TARGET_CHART);
	assert_int_equal(check_find(doc, "foto")->kind, TARGET_FIGURE);
	t = check_find(doc, "bericht-absatz");
	assert_int_equal(t->kind, TARGET_OTHER);
	assert_string_equal(t->pos.file, FIXTURE_FULL);
	assert_null(check_find(doc, "nirgends"));
	assert_null(check_find_dropped(doc, "e-sued"));
	model_free(doc);
	load_free(lr);
}

static void
region_build_falls_back(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct dropped	*d;
	char			*err;
	int			 warnings = diag_warnings();

	(void)state;
	doc = fixture_full(&lr, NULL, "Nord", VARIANT_REPORT);
	capture_begin();
	assert_int_equal(check_document(doc), 0);
	err = capture_end();
	assert_int_equal(diag_warnings(), warnings + 1);
	assert_string_equal(err, FIXTURE_FULL ":88: warning: "
	    "<ref to=\"e-sued\"> names an entry the region \"Nord\" leaves "
	    "out: it falls back to the link https://example.org/e-sued\n");
	free(err);
	assert_null(check_find(doc, "e-sued"));
	d = check_find_dropped(doc, "e-sued");
	assert_non_null(d);
	assert_string_equal(d->entry->href, "https://example.org/e-sued");
	assert_null(check_find_dropped(doc, "q-sued")->entry);
	model_free(doc);
	load_free(lr);
}

static void
dropped_without_href_falls_back_to_title(void **state)
{
	static const char xml[] = REPORT("",
	    ENTRY("a", "Nord", TAGS_AB) ENTRY("b", "Sued", TAGS_AB),
	    "<quote id=\"qb\" entry=\"b\"><text>t</text>"
	    "<speaker>s</speaker></quote>\n",
	    "<p>See <ref to=\"b\"/>.</p><pull-quote ref=\"qb\"/>\n"
	    "<section id=\"h\" only=\"handout\"><title>H</title></section>\n"
	    "<p>And <ref to=\"h\">this</ref>.</p>\n");
	struct load_result	*lr;
	struct document		*doc;
	struct outcome		 out;

	(void)state;
	doc = check_string(&lr, xml, "Nord", VARIANT_REPORT, &out);
	assert_int_equal(out.errors, 0);
	assert_int_equal(out.warnings, 2);
	assert_said(&out, "mem.xml:11: warning: <ref to=\"b\"> names an entry "
	    "the region \"Nord\" leaves out: it falls back to its title \"b\"");
	assert_said(&out, "mem.xml:13: warning: <ref to=\"h\"> names "
	    "something this build leaves out");
	outcome_free(doc, lr, &out);
}

/* --- ids and references --- */

static void
duplicate_ids(void **state)
{
	static const char xml[] = REPORT("",
	    ENTRY("a", "Nord", TAGS_AB),
	    "<quote id=\"a\"><text>t</text><speaker>s</speaker></quote>\n",
	    "<p>x</p>\n"
	    "<figure id=\"s\" src=\"f.png\"><alt>a</alt></figure>\n");
	struct load_result	*lr;
	struct document		*doc;
	struct outcome		 out;

	(void)state;
	doc = check_string(&lr, xml, NULL, VARIANT_REPORT, &out);
	assert_int_equal(out.errors, 2);
	assert_said(&out, "mem.xml:7: error: duplicate id \"a\"; first used "
	    "at mem.xml:4: rename one of them\n");
	assert_said(&out, "mem.xml:11: error: duplicate id \"s\"; first used "
	    "at mem.xml:9: rename one of them\n");
	/* the first stays the target */
	assert_int_equal(check_find(doc, "a")->kind, TARGET_ENTRY);
	assert_int_equal(check_find(doc, "s")->kind, TARGET_SECTION);
	outcome_free(doc, lr, &out);
}

static void
dangling_references(void **state)
{
	static const char xml[] = REPORT("",
	    ENTRY("a", "Nord", TAGS_AB),
	    "<quote id=\"q\" entry=\"ghost\"><text>t<note><ref to=\"gone\"/>"
	    "</note></text><speaker>s</speaker></quote>\n",
	    "<p>See <ref to=\"nowhere\">it</ref> and <ref to=\"a\"/>.</p>\n"
	    "<pull-quote ref=\"missing\"/>\n"
	    "<pull-quote ref=\"s\"/>\n"
	    "<pull-quote ref=\"q\"/>\n");
	struct load_result	*lr;
	struct document		*doc;
	struct outcome		 out;

	(void)state;
	doc = check_string(&lr, xml, NULL, VARIANT_REPORT, &out);
	assert_int_equal(out.errors, 5);
	assert_int_equal(out.warnings, 0);
	assert_said(&out, "mem.xml:7: error: quote \"q\" has entry=\"ghost\", "
	    "which names no entry");
	assert_said(&out, "mem.xml:7: error: <ref to=\"gone\"> points to no "
	    "id: use the id of an entry, section, quote, chart or figure");
	assert_said(&out, "mem.xml:10: error: <ref to=\"nowhere\"> points");
	assert_said(&out, "mem.xml:11: error: <pull-quote ref=\"missing\"> "
	    "names no quote: use the id of a <quote>");
	assert_said(&out, "mem.xml:12: error: <pull-quote ref=\"s\"> names no "
	    "quote");
	/* the one pull quote that names a quote has it */
	assert_ptr_equal(doc->body->u.section.children->next->next->next->
	    u.pull_quote.quote, doc->quotes);
	outcome_free(doc, lr, &out);
}

/* --- charts --- */

static void
chart_problems(void **state)
{
	static const char xml[] = REPORT("",
	    ENTRY("a", "Nord", TAGS_AB)
	    ENTRY("b", "Sued", "<tags facet=\"duration\">over-2y</tags>"),
	    "",
	    "<chart facet=\"colour\"><bar key=\"red\">r</bar></chart>\n"
	    "<chart facet=\"contact\"><bar key=\"targeted\">t</bar>\n"
	    "<bar key=\"unknown-key\">u</bar>\n"
	    "<bar key=\"previous\" value=\"10\">p</bar>\n"
	    "<bar>neither</bar>\n"
	    "<bar value=\"150\">too much</bar></chart>\n"
	    "<chart><bar key=\"targeted\">no facet</bar></chart>\n"
	    "<chart><bar value=\"100\">fine</bar><bar value=\"0\">fine</bar>"
	    "</chart>\n");
	struct load_result	*lr;
	struct document		*doc;
	struct outcome		 out;

	(void)state;
	doc = check_string(&lr, xml, "Nord", VARIANT_REPORT, &out);
	assert_int_equal(out.errors, 6);
	assert_said(&out, "mem.xml:10: error: unknown facet \"colour\": no "
	    "entry has tags of it; use one of contact, duration\n");
	assert_said(&out, "mem.xml:12: error: unknown key \"unknown-key\" in "
	    "facet \"contact\": no entry holds it; use one of targeted, "
	    "previous\n");
	assert_said(&out, "mem.xml:13: error: <bar> has both key= and value=");
	assert_said(&out, "mem.xml:14: error: <bar> has neither key= nor "
	    "value=");
	assert_said(&out, "mem.xml:15: error: <bar> value is not a percentage "
	    "from 0 to 100");
	assert_said(&out, "mem.xml:16: error: <chart> has bars with key= but "
	    "no facet=");
	outcome_free(doc, lr, &out);
}

/* --- entries --- */

static void
entry_problems(void **state)
{
	static const char xml[] = REPORT(
	    "<criteria><population country=\"PL\" max=\"40000\"/></criteria>",
	    "<entry id=\"big\" since=\"2015\" country=\"DE\"><title>B</title>"
	    "<partner role=\"sme\" employees=\"300\">S</partner>"
	    "<partner role=\"creative\" submarket=\"music\">C</partner>"
	    "</entry>\n"
	    "<entry id=\"nocreative\" since=\"2015\"><title>N</title>"
	    "<partner role=\"sme\">S</partner>"
	    "<partner role=\"creative\" submarket=\"knitting\">C</partner>"
	    "</entry>\n"
	    "<entry id=\"town\" since=\"2015\" country=\"DE\"><title>T</title>"
	    "<partner role=\"sme\">S</partner>"
	    "<partner role=\"creative\" submarket=\"film\">C</partner>\n"
	    "<place population=\"25000\">Stadt</place></entry>\n"
	    "<entry id=\"polish\" since=\"2015\" country=\"PL\"><title>P"
	    "</title><partner role=\"sme\">S</partner>"
	    "<partner role=\"creative\" submarket=\"film\">C</partner>"
	    "<place population=\"30000\">Miasto</place></entry>\n"
	    "<entry id=\"urban\" since=\"2015\"><title>U</title>"
	    "<partner role=\"sme\" urban=\"yes\">S</partner>"
	    "<partner role=\"creative\" submarket=\"art\" urban=\"yes\">C"
	    "</partner></entry>\n"
	    "<entry id=\"old\" since=\"1850\"><title>O</title>"
	    "<partner role=\"sme\">S</partner>"
	    "<partner role=\"creative\" submarket=\"art\">C</partner>"
	    "</entry>\n"
	    "<entry id=\"young\" since=\"2022\"><title>Y</title>"
	    "<partner role=\"sme\">S</partner>"
	    "<partner role=\"creative\" submarket=\"art\">C</partner>\n"
	    "<tags facet=\"duration\">over-2y over-5y</tags></entry>\n"
	    "<entry id=\"negative\"><title>N</title>"
	    "<partner role=\"sme\" employees=\"-3\">S</partner>"
	    "<partner role=\"creative\" submarket=\"art\">C</partner>"
	    "</entry>\n"
	    "<entry id=\"future\" since=\"2030\"><title>F</title>"
	    "<partner role=\"sme\">S</partner>"
	    "<partner role=\"creative\" submarket=\"art\">C</partner>"
	    "</entry>\n",
	    "", "<p>x</p>\n");
	struct load_result	*lr;
	struct document		*doc;
	struct outcome		 out;

	(void)state;
	doc = check_string(&lr, xml, NULL, VARIANT_REPORT, &out);
	assert_int_equal(out.errors, 3);
	assert_int_equal(out.warnings, 6);
	assert_said(&out, "mem.xml:4: warning: entry \"big\" breaks the "
	    "inclusion criterion \"an sme partner with at most 250 "
	    "employees\": correct the data, or leave the entry out\n");
	assert_said(&out, "mem.xml:5: warning: entry \"nocreative\" breaks the "
	    "inclusion criterion \"a creative partner from one of the twelve "
	    "submarkets\"");
	assert_said(&out, "mem.xml:7: warning: entry \"town\" breaks the "
	    "inclusion criterion \"a place of fewer than 20000 inhabitants\"");
	assert_said(&out, "mem.xml:9: warning: entry \"urban\" breaks the "
	    "inclusion criterion \"at most one urban partner\"");
	assert_said(&out, "mem.xml:10: error: entry \"old\": since= is no "
	    "year from 1900 to 2024");
	assert_said(&out, "mem.xml:12: warning: entry \"young\" is tagged "
	    "over-5y but began in 2022");
	assert_said(&out, "mem.xml:13: error: entry \"negative\": employees= "
	    "is not a whole number of 0 or more");
	assert_said(&out, "mem.xml:13: warning: entry \"negative\" breaks");
	assert_said(&out, "mem.xml:14: error: entry \"future\": since= is no "
	    "year");
	outcome_free(doc, lr, &out);
}

static void
bad_meta(void **state)
{
	static const char xml[] = REPORT_RAW(
	    "<date>2024-8</date><criteria max-employees=\"-5\"/>",
	    "<entry id=\"big\" country=\"DE\"><title>B</title>"
	    "<partner role=\"sme\" employees=\"300\">S</partner>"
	    "<partner role=\"creative\" submarket=\"music\">C</partner>"
	    "</entry>\n", "", "<p>x</p>\n");
	struct load_result	*lr;
	struct document		*doc;
	struct outcome		 out;

	(void)state;
	doc = check_string(&lr, xml, NULL, VARIANT_REPORT, &out);
	assert_int_equal(out.errors, 2);
	assert_said(&out, "mem.xml:2: error: date \"2024-8\" is not YYYY-MM "
	    "or YYYY-MM-DD: write it like 2024-08\n");
	assert_said(&out, "error: criteria max-employees= is not a whole "
	    "number of 0 or more");
	/* unusable criteria: no criteria warnings follow */
	assert_int_equal(out.warnings, 0);
	outcome_free(doc, lr, &out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_report_is_clean),
		cmocka_unit_test(region_build_falls_back),
		cmocka_unit_test(dropped_without_href_falls_back_to_title),
		cmocka_unit_test(duplicate_ids),
		cmocka_unit_test(dangling_references),
		cmocka_unit_test(chart_problems),
		cmocka_unit_test(entry_problems),
		cmocka_unit_test(bad_meta),
	};

	return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
