/*
 * Unit tests of model: reading tests/model/full.xml (every element), the
 * choice among language alternatives, the variant and region filters,
 * positions, defensive numbers, deep nesting, and the demo dataset when
 * it is there.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../model/fixture.h"

#define HEAD	"<report version=\"1\" xml:lang=\"de\"><meta><title>T</title>" \
		"</meta><body><section><title>S</title>"
#define TAIL	"</section></body></report>"

static const struct block *
nth_block(const struct block *b, int n)
{
	while (b != NULL && n-- > 0)
		b = b->next;
	assert_non_null(b);
	return b;
}

static int
count_blocks(const struct block *b)
{
	int	 n = 0;

	for (; b != NULL; b = b->next)
		n++;
	return n;
}

static const struct entry *
nth_entry(const struct document *doc, int n)
{
	const struct entry	*e = doc->entries;

	while (e != NULL && n-- > 0)
		e = e->next;
	assert_non_null(e);
	return e;
}

static void
assert_plain(struct document *doc, const struct inline_node *in,
    const char *want)
{
	assert_string_equal(model_plain(doc->arena, in), want);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t	 n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

/* A document from a string: the body's first section's blocks. */
static struct document *
from_string(struct load_result **lr, const char *xml, const char *lang)
{
	struct model_options	 o = { lang, NULL, VARIANT_REPORT };

	*lr = fixture_string(xml);
	assert_non_null(*lr);
	return model_read(*lr, &o);
}

/* --- full.xml --- */

static void
reads_meta(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct meta	*m;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	assert_non_null(doc);
	m = &doc->meta;
	assert_string_equal(doc->report_lang, "de");
	assert_string_equal(doc->lang, "de");
	assert_plain(doc, m->title, "Kooperation im Test");
	assert_int_equal(m->title->next->kind, INL_BR);
	assert_plain(doc, m->subtitle, "Ein kleiner Bericht");
	assert_plain(doc, m->series, "Testreihe");
	assert_string_equal(m->date, "2024-08");
	assert_int_equal(m->year, 2024);
	assert_int_equal(m->month, 8);
	assert_int_equal(m->day, 0);
	assert_int_equal(m->nauthors, 2);
	assert_string_equal(m->authors[1], "Max Probe");
	assert_string_equal(m->keywords, "Kooperation, Test");
	assert_string_equal(m->cover_src, "tests/model/images/cover.png");
	assert_string_equal(m->cover_credit, "© Studio Test");
	assert_int_equal(m->max_employees, 250);
	assert_int_equal(m->max_population, 20000);
	assert_non_null(m->population_limits);
	assert_string_equal(m->population_limits->country, "PL");
	assert_int_equal(m->population_limits->max, 40000);
	assert_null(m->population_limits->next);
	assert_int_equal(doc->lang_fallbacks, 0);
	assert_null(doc->dropped);
	model_free(doc);
	load_free(lr);
}

static void
reads_entries(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct entry	*e;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	assert_int_equal(doc->nentries, 3);
	e = nth_entry(doc, 0);
	assert_string_equal(e->id, "e-nord");
	assert_string_equal(e->pos.file, FIXTURE_FULL);
	assert_int_equal(e->pos.line, 33);
	assert_int_equal(e->since, 2018);
	assert_string_equal(e->region, "Nord");
	assert_string_equal(e->country, "DE");
	assert_string_equal(e->href, "https://example.org/e-nord");
	assert_plain(doc, e->title, "Nordlicht");
	assert_int_equal(e->partners->role, PARTNER_SME);
	assert_string_equal(e->partners->sector, "Tischlerei");
	assert_int_equal(e->partners->employees, 12);
	assert_int_equal(e->partners->next->role, PARTNER_CREATIVE);
	assert_string_equal(e->partners->next->submarket, "design");
	assert_plain(doc, e->place, "Nordheim");
	assert_int_equal(e->population, 9800);
	assert_int_equal(e->place_pos.line, 37);
	assert_string_equal(e->tags->facet, "contact");
	assert_int_equal(e->tags->nkeys, 2);
	assert_string_equal(e->tags->keys[1], "previous");
	assert_int_equal(nth_block(e->summary, 0)->kind, BLK_PARA);
	assert_plain(doc, e->summary->u.para, "Deutsche Zusammenfassung.");
	assert_null(e->summary->next);
	assert_plain(doc, e->advice->u.para, "Ein Rat.");
	assert_string_equal(e->media->kind, "video");
	assert_string_equal(e->media->href, "https://example.org/v/nord");
	e = nth_entry(doc, 1);
	assert_true(e->partners->next->urban);
	e = nth_entry(doc, 2);
	assert_null(e->href);
	assert_int_equal(e->partners->employees, MODEL_NO_NUMBER);
	assert_int_equal(e->population, MODEL_NO_NUMBER);
	assert_true(model_tags_hold(e, "contact", "events"));
	assert_false(model_tags_hold(e, "contact", "targeted"));
	assert_false(model_tags_hold(e, "duration", "events"));
	model_free(doc);
	load_free(lr);
}

static void
reads_quotes(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct quote	*q;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	q = doc->quotes;
	assert_string_equal(q->id, "q-nord");
	assert_string_equal(q->entry, "e-nord");
	assert_plain(doc, q->text, "Wir reden jede Woche.");
	assert_plain(doc, q->speaker, "Anna Nord");
	assert_plain(doc, q->role, "Inhaberin");
	assert_plain(doc, q->org, "Tischlerei Nord");
	assert_plain(doc, q->context, "über die Zusammenarbeit");
	assert_int_equal(q->context->next->kind, INL_NOTE);
	assert_int_equal(q->context->next->child->next->kind, INL_REF);
	assert_string_equal(q->context->next->child->next->to, "e-nord");
	assert_string_equal(q->next->id, "q-sued");
	assert_string_equal(q->next->next->id, "q-frei");
	assert_null(q->next->next->entry);
	assert_null(q->next->next->next);
	model_free(doc);
	load_free(lr);
}

static void
reads_inline(void **state)
{
	static const enum inline_kind kinds[] = {
		INL_TEXT, INL_EM, INL_TEXT, INL_STRONG, INL_TEXT, INL_SUP,
		INL_TEXT, INL_Q, INL_TEXT, INL_LINK, INL_TEXT, INL_REF,
		INL_TEXT, INL_REF, INL_TEXT, INL_NOTE,
	};
	struct load_result		*lr;
	struct document			*doc;
	const struct inline_node	*in;
	size_t				 i;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	in = nth_block(doc->body->u.section.children, 0)->u.para;
	assert_string_equal(in->text, "Text mit ");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++, in = in->next) {
		assert_non_null(in);
		assert_int_equal(in->kind, kinds[i]);
		if (in->kind != INL_TEXT)
			assert_int_equal(in->pos.line,
			    i < 4 ? 86 : i < 11 ? 87 : 88);
		if (in->kind == INL_LINK)
			assert_string_equal(in->href, "https://example.org");
		if (in->kind == INL_REF && in->child != NULL) {
			assert_string_equal(in->to, "kontakt");
			assert_string_equal(in->child->text, "Grafik");
		} else if (in->kind == INL_REF)
			assert_string_equal(in->to, "e-sued");
	}
	assert_null(in);
	/* text as written, whitespace and all; the note left out */
	assert_string_equal(model_plain(doc->arena, nth_block(
	    doc->body->u.section.children, 0)->u.para),
	    "Text mit Betonung, Kraft,\n        simul+, Zitat, Link,\n"
	    "        , Grafik und Fußnote");
	model_free(doc);
	load_free(lr);
}

static void
reads_body(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct block	*s, *b;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	assert_int_equal(count_blocks(doc->body), 3);
	s = doc->body;
	assert_string_equal(s->id, "eins");
	assert_int_equal(s->pos.line, 83);
	assert_plain(doc, s->u.section.title, "Vorwort");
	assert_int_equal(s->u.section.level, 1);
	assert_int_equal(s->u.section.number, 1);
	assert_int_equal(count_blocks(s->u.section.children), 6);
	assert_plain(doc, nth_block(s->u.section.children, 1)->u.para,
	    "Only in English.");
	b = nth_block(s->u.section.children, 2);
	assert_int_equal(b->kind, BLK_PULL_QUOTE);
	assert_string_equal(b->u.pull_quote.ref, "q-nord");
	assert_null(b->u.pull_quote.quote);
	b = nth_block(s->u.section.children, 4);
	assert_int_equal(b->kind, BLK_SECTION);
	assert_int_equal(b->u.section.level, 2);
	assert_int_equal(b->u.section.number, 0);
	b = b->u.section.children;
	assert_int_equal(b->u.list.type, LIST_NUMBER);
	assert_int_equal(b->u.list.start, 3);
	assert_plain(doc, b->u.list.items->next->content, "Zweitens");
	assert_int_equal(b->next->u.list.type, LIST_BULLET);
	assert_int_equal(b->next->u.list.start, 1);
	s = s->next;
	assert_string_equal(s->id, "nur-bericht");
	assert_int_equal(s->u.section.number, 2);
	assert_int_equal(s->next->u.section.number, 3);
	model_free(doc);
	load_free(lr);
}

static void
reads_charts_and_figures(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct block	*b;
	const struct chart_bar	*bar;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	b = nth_block(doc->body->u.section.children, 5);
	assert_int_equal(b->kind, BLK_CHART);
	assert_string_equal(b->id, "kontakt");
	assert_int_equal(b->u.chart.type, CHART_BAR);
	assert_string_equal(b->u.chart.facet, "contact");
	assert_true(b->u.chart.multiple);
	assert_plain(doc, b->u.chart.title, "Kontakt");
	assert_plain(doc, b->u.chart.caption, "Mehrfachnennungen möglich.");
	bar = b->u.chart.bars;
	assert_string_equal(bar->key, "targeted");
	assert_plain(doc, bar->label, "gezielt");
	assert_true(isinf(bar->value) && bar->value < 0);
	assert_string_equal(bar->next->key, "previous");
	assert_string_equal(bar->next->next->key, "events");
	assert_null(bar->next->next->next);
	/* the section from parts/section.xml */
	b = nth_block(doc->body, 2);
	assert_true(ends_with(b->pos.file, "tests/model/parts/section.xml"));
	assert_int_equal(b->pos.line, 4);
	b = b->u.section.children;
	assert_int_equal(b->kind, BLK_ENTRY_LIST);
	assert_int_equal(b->u.entry_list.sort, SORT_SINCE);
	assert_string_equal(b->u.entry_list.region, "Nord");
	b = b->next;
	assert_int_equal(b->u.chart.type, CHART_RING);
	assert_null(b->u.chart.facet);
	assert_null(b->u.chart.bars->key);
	assert_float_equal(b->u.chart.bars->value, 40, 1e-9);
	assert_float_equal(b->u.chart.bars->next->value, 12.5, 1e-9);
	b = b->next;
	assert_int_equal(b->kind, BLK_FIGURE);
	assert_int_equal(b->pos.line, 11);
	assert_string_equal(b->u.figure.src, "tests/model/parts/img/foto.png");
	assert_string_equal(b->u.figure.credit, "© Buero Test");
	assert_int_equal(b->u.figure.width, FIGURE_PAGE);
	assert_plain(doc, b->u.figure.caption, "Ein Foto");
	assert_string_equal(b->u.figure.alt, "Zwei Menschen");
	model_free(doc);
	load_free(lr);
}

static void
reads_imprint(void **state)
{
	static const enum block_kind kinds[] = { BLK_CONTACT, BLK_PUBLISHER,
	    BLK_FUNDING, BLK_PHOTO_CREDITS, BLK_PARA };
	struct load_result	*lr;
	struct document		*doc;
	const struct block	*b;
	size_t			 i;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_REPORT);
	assert_true(doc->imprint_pos.line > 0);
	for (i = 0, b = doc->imprint; i < 5; i++, b = b->next)
		assert_int_equal(b->kind, kinds[i]);
	assert_null(b);
	b = doc->imprint;
	assert_string_equal(b->u.imprint.label, "Ansprechpartner");
	assert_plain(doc, b->u.imprint.contact.street, "Teststraße 1");
	assert_plain(doc, b->u.imprint.contact.web, "example.org");
	assert_string_equal(b->next->u.imprint.label, "Projektträger");
	assert_plain(doc, b->next->u.imprint.text, "Landesverband Test e.V.");
	b = b->next->next;
	assert_null(b->u.imprint.label);
	assert_string_equal(b->u.imprint.logo, "tests/model/images/logo.png");
	assert_plain(doc, b->u.imprint.blocks->u.para, "Gefördert vom Land.");
	assert_plain(doc, b->next->next->u.para, "Gedruckt 2024.");
	model_free(doc);
	load_free(lr);
}

/* --- language groups --- */

static void
english_build_falls_back_once(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct block	*s;
	char			*err;
	int			 warnings = diag_warnings();

	(void)state;
	capture_begin();
	doc = fixture_full(&lr, "en", NULL, VARIANT_REPORT);
	err = capture_end();
	assert_string_equal(err, FIXTURE_FULL ":18: warning: <subtitle> has "
	    "no \"en\" version; using \"de\": add a <subtitle xml:lang=\"en\"> "
	    "to translate it\n");
	free(err);
	assert_int_equal(diag_warnings(), warnings + 1);
	assert_int_equal(doc->lang_fallbacks, 1);
	assert_string_equal(doc->lang, "en");
	assert_plain(doc, doc->meta.title, "Cooperation under test");
	assert_plain(doc, doc->meta.subtitle, "Ein kleiner Bericht");
	assert_plain(doc, doc->entries->summary->u.para, "English summary.");
	assert_plain(doc, doc->quotes->text, "We talk every week.");
	s = doc->body;
	assert_plain(doc, s->u.section.title, "Preface");
	assert_plain(doc, s->u.section.children->u.para, "Text with stress.");
	assert_plain(doc, s->u.section.children->next->u.para,
	    "Only in English.");
	assert_plain(doc, nth_block(s->u.section.children, 5)->u.chart.bars->
	    label, "targeted");
	assert_string_equal(nth_block(nth_block(doc->body, 2)->u.section.
	    children, 2)->u.figure.alt, "Two people");
	model_free(doc);
	load_free(lr);
}

static void
german_build_is_silent(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	char			*err;
	int			 warnings = diag_warnings();

	(void)state;
	capture_begin();
	doc = fixture_full(&lr, "de", NULL, VARIANT_REPORT);
	err = capture_end();
	assert_string_equal(err, "");
	free(err);
	assert_int_equal(diag_warnings(), warnings);
	assert_int_equal(doc->lang_fallbacks, 0);
	model_free(doc);
	load_free(lr);
}

static void
groups_pick_the_right_member(void **state)
{
	static const char xml[] = HEAD
	    "<p xml:lang=\"en\">A-en</p><p xml:lang=\"cs\">A-cs</p>"
	    "<p>A-de</p>\n"
	    "<p xml:lang=\"en\">B-en</p><p xml:lang=\"pl\">B-pl</p>"
	    "<list><item>i</item></list><p>C-de</p><p>D-de</p>"
	    "<chart facet=\"f\"><bar key=\"k\">k1</bar><bar key=\"k\">k2</bar>"
	    "<bar key=\"j\">j</bar></chart>" TAIL;
	struct load_result	*lr;
	struct document		*doc;
	const struct block	*b;

	(void)state;
	capture_begin();
	doc = from_string(&lr, xml, "cs");
	free(capture_end());
	b = doc->body->u.section.children;
	assert_plain(doc, b->u.para, "A-cs");
	/* no cs, no de: the first member, with one warning */
	assert_plain(doc, b->next->u.para, "B-en");
	assert_int_equal(doc->lang_fallbacks, 1);
	/* two paragraphs in the same language are no group */
	assert_plain(doc, nth_block(b, 3)->u.para, "C-de");
	assert_plain(doc, nth_block(b, 4)->u.para, "D-de");
	/* bars with the same key in a row are one bar */
	b = nth_block(b, 5);
	assert_plain(doc, b->u.chart.bars->label, "k1");
	assert_string_equal(b->u.chart.bars->next->key, "j");
	assert_null(b->u.chart.bars->next->next);
	model_free(doc);
	fixture_string_free(lr);
}

/* --- variant and region --- */

static void
handout_variant(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct dropped	*d;

	(void)state;
	doc = fixture_full(&lr, NULL, NULL, VARIANT_HANDOUT);
	assert_int_equal(count_blocks(doc->body), 3);
	assert_plain(doc, nth_block(doc->body, 1)->u.section.title,
	    "Nur im Handout");
	assert_int_equal(nth_block(doc->body, 1)->u.section.number, 2);
	assert_int_equal(nth_block(doc->body, 2)->u.section.number, 3);
	d = doc->dropped;
	assert_string_equal(d->id, "nur-bericht");
	assert_null(d->entry);
	assert_string_equal(d->next->id, "bericht-absatz");
	assert_null(d->next->next);
	model_free(doc);
	load_free(lr);
}

static void
region_filter(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct dropped	*d;
	const struct block	*b;

	(void)state;
	doc = fixture_full(&lr, NULL, "Nord", VARIANT_REPORT);
	assert_string_equal(doc->region, "Nord");
	assert_int_equal(doc->nentries, 2);
	assert_string_equal(doc->entries->id, "e-nord");
	assert_string_equal(doc->entries->next->id, "e-see");
	assert_string_equal(doc->quotes->id, "q-nord");
	assert_string_equal(doc->quotes->next->id, "q-frei");
	assert_null(doc->quotes->next->next);
	d = doc->dropped;
	assert_string_equal(d->id, "e-sued");
	assert_non_null(d->entry);
	assert_string_equal(d->entry->href, "https://example.org/e-sued");
	assert_plain(doc, d->entry->title, "Südwind");
	assert_string_equal(d->next->id, "q-sued");
	assert_null(d->next->entry);
	/* the pull quote of the dropped quote goes too */
	b = doc->body->u.section.children;
	assert_int_equal(count_blocks(b), 5);
	assert_string_equal(nth_block(b, 2)->u.pull_quote.ref, "q-nord");
	assert_int_equal(nth_block(b, 3)->kind, BLK_SECTION);
	model_free(doc);
	load_free(lr);

	doc = fixture_full(&lr, NULL, "nord", VARIANT_REPORT);
	assert_int_equal(doc->nentries, 0);	/* an exact match */
	model_free(doc);
	load_free(lr);
}

/* --- defensive reading --- */

static void
odd_numbers_are_kept_for_check(void **state)
{
	static const char xml[] = "<report version=\"1\" xml:lang=\"de\">"
	    "<meta><title>T</title><date>2024-8</date>"
	    "<criteria max-employees=\"many\"/></meta><entries>"
	    "<entry id=\"a\" since=\"abc\"><title>A</title>"
	    "<partner role=\"sme\" employees=\"-3\">X</partner>"
	    "<place population=\"99999999999999999999999\">P</place></entry>"
	    "<entry id=\"b\" since=\"0\"><title>B</title>"
	    "<partner role=\"sme\" employees=\"12 \">Y</partner></entry>"
	    "</entries><body><section><title>S</title><chart>"
	    "<bar value=\"viel\">v</bar><bar value=\"150\">w</bar>"
	    "</chart><list type=\"number\" start=\"-4\"><item>i</item></list>"
	    "</section></body></report>";
	struct load_result	*lr;
	struct document		*doc;
	const struct block	*b;

	(void)state;
	doc = from_string(&lr, xml, NULL);
	assert_int_equal(doc->meta.year, 0);
	assert_int_equal(doc->meta.max_employees, -1);
	assert_int_equal(doc->entries->since, -1);
	assert_int_equal(doc->entries->partners->employees, -3);
	assert_int_equal(doc->entries->population, LONG_MAX);
	assert_int_equal(doc->entries->next->since, -1);
	assert_int_equal(doc->entries->next->partners->employees, 12);
	b = doc->body->u.section.children;
	assert_true(isnan(b->u.chart.bars->value));
	assert_float_equal(b->u.chart.bars->next->value, 150, 1e-9);
	assert_int_equal(b->next->u.list.start, 1);
	model_free(doc);
	fixture_string_free(lr);
}

static void
deep_nesting_is_reported(void **state)
{
	struct strbuf		 xml;
	struct load_result	*lr;
	struct document		*doc;
	int			 i, errors = diag_errors();

	(void)state;
	memset(&xml, 0, sizeof(xml));
	strbuf_puts(&xml, HEAD "<p>");
	for (i = 0; i < 200; i++)
		strbuf_puts(&xml, "<em>");
	strbuf_puts(&xml, "tief");
	for (i = 0; i < 200; i++)
		strbuf_puts(&xml, "</em>");
	strbuf_puts(&xml, "</p>" TAIL);
	capture_begin();
	doc = from_string(&lr, xml.data, NULL);
	free(capture_end());
	strbuf_free(&xml);
	assert_non_null(doc);
	assert_int_equal(diag_errors(), errors + 1);
	model_free(doc);
	fixture_string_free(lr);
}

static void
no_report_no_document(void **state)
{
	struct load_result	 lr = { .doc = NULL, .file = "none.xml" };
	struct model_options	 o = { NULL, NULL, VARIANT_REPORT };
	int			 errors = diag_errors();

	(void)state;
	capture_begin();
	assert_null(model_read(&lr, &o));
	free(capture_end());
	assert_int_equal(diag_errors(), errors + 1);
}

/* --- the demo dataset --- */

static void
count_chart(struct block *b, void *arg)
{
	*(int *)arg += b->kind == BLK_CHART;
}

static void
reads_demo(void **state)
{
	struct load_result	*lr;
	struct document		*doc;
	const struct block	*s;
	int			 n = 0, charts = 0;

	(void)state;
	doc = fixture_model(&lr, FIXTURE_DEMO, NULL, NULL, VARIANT_REPORT);
	if (doc == NULL)
		skip();
	assert_int_equal(doc->nentries, 23);
	for (s = doc->body; s != NULL; s = s->next) {
		assert_int_equal(s->kind, BLK_SECTION);
		assert_int_equal(s->u.section.number, ++n);
	}
	model_each_block(doc, count_chart, &charts);
	assert_true(n >= 10);
	assert_true(charts >= 4);
	model_free(doc);
	load_free(lr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_meta),
		cmocka_unit_test(reads_entries),
		cmocka_unit_test(reads_quotes),
		cmocka_unit_test(reads_inline),
		cmocka_unit_test(reads_body),
		cmocka_unit_test(reads_charts_and_figures),
		cmocka_unit_test(reads_imprint),
		cmocka_unit_test(english_build_falls_back_once),
		cmocka_unit_test(german_build_is_silent),
		cmocka_unit_test(groups_pick_the_right_member),
		cmocka_unit_test(handout_variant),
		cmocka_unit_test(region_filter),
		cmocka_unit_test(odd_numbers_are_kept_for_check),
		cmocka_unit_test(deep_nesting_is_reported),
		cmocka_unit_test(no_report_no_document),
		cmocka_unit_test(reads_demo),
	};

	return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
