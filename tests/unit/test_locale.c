/*
 * Unit tests of locale: the four locales of styles/locales (labels,
 * percentages with half-up rounding, counts, dates, quotation marks,
 * sorting), a fifth language that needs no C (tests/locale/sv.xml), and
 * the mistakes a locale file can hold (tests/locale/bad/).  Run from the
 * top folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../model/fixture.h"
#include "locale.h"

#define LOCALES	"styles/locales"
#define NBSP	"\u00A0"

static struct locale	*de, *en, *cs, *pl;

static struct locale *
load(const char *dir, const char *lang)
{
	struct locale	*loc = locale_load(dir, lang);

	if (loc == NULL)
		fail_msg("cannot load %s/%s.xml: run the tests from the top "
		    "folder", dir, lang);
	return loc;
}

static int
setup(void **state)
{
	(void)state;
	de = load(LOCALES, "de");
	en = load(LOCALES, "en");
	cs = load(LOCALES, "cs");
	pl = load(LOCALES, "pl");
	return 0;
}

static int
teardown(void **state)
{
	locale_free(de);
	locale_free(en);
	locale_free(cs);
	locale_free(pl);
	return fixture_teardown(state);
}

/* Compare a formatted string with the expected one, then free it. */
static void
assert_text(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* --- numbers --- */

static void
percent_rounding(void **state)
{
	(void)state;
	assert_text(locale_format_percent(de, 69.565), "69,6" NBSP "%");
	assert_text(locale_format_percent(en, 69.565), "69.6%");
	assert_text(locale_format_percent(cs, 69.565), "69,6" NBSP "%");
	assert_text(locale_format_percent(pl, 69.565), "69,6%");
	assert_text(locale_format_percent(de, 100.0 * 16 / 23),
	    "69,6" NBSP "%");
	assert_text(locale_format_percent(en, 100.0 * 3 / 23), "13.0%");
	assert_text(locale_format_percent(de, 13.04), "13,0" NBSP "%");
	assert_text(locale_format_percent(en, 100.0 * 18 / 23), "78.3%");
	/* 23/80 is 28.75, in binary 28.749999…: still rounds up */
	assert_text(locale_format_percent(en, 23.0 / 80 * 100), "28.8%");
	assert_text(locale_format_percent(en, 41.0 / 80 * 100), "51.3%");
	assert_text(locale_format_percent(en, 0.05), "0.1%");
	assert_text(locale_format_percent(en, 0.04), "0.0%");
	assert_text(locale_format_percent(en, 0), "0.0%");
	assert_text(locale_format_percent(de, 100), "100,0" NBSP "%");
	assert_text(locale_format_percent(en, -2.25), "\u22122.3%");
}

static void
number_grouping(void **state)
{
	(void)state;
	/* German, Czech, Polish group from five digits, English from four */
	assert_text(locale_format_percent(de, 12345.67),
	    "12.345,7" NBSP "%");
	assert_text(locale_format_percent(en, 1234.5), "1,234.5%");
	assert_text(locale_format_count(de, 1234, 12345),
	    "1234 von 12.345");
	assert_text(locale_format_count(cs, 1234, 1234567),
	    "1234 z" NBSP "1" NBSP "234" NBSP "567");
	assert_text(locale_format_count(en, 999, 1000), "999 of 1,000");
}

static void
counts(void **state)
{
	(void)state;
	assert_text(locale_format_count(de, 16, 23), "16 von 23");
	assert_text(locale_format_count(en, 16, 23), "16 of 23");
	assert_text(locale_format_count(cs, 16, 23), "16 z" NBSP "23");
	assert_text(locale_format_count(pl, 16, 23), "16 z" NBSP "23");
	assert_text(locale_format_count(en, 0, 23), "0 of 23");
}

/* --- dates --- */

static void
dates(void **state)
{
	(void)state;
	assert_text(locale_format_date(de, 2024, 8, 0), "August 2024");
	assert_text(locale_format_date(de, 2024, 8, 12), "12. August 2024");
	assert_text(locale_format_date(de, 2024, 3, 1), "1. März 2024");
	assert_text(locale_format_date(en, 2024, 8, 0), "August 2024");
	assert_text(locale_format_date(en, 2024, 8, 12), "12 August 2024");
	assert_text(locale_format_date(cs, 2024, 8, 0), "srpen 2024");
	assert_text(locale_format_date(cs, 2024, 8, 12), "12. srpna 2024");
	assert_text(locale_format_date(cs, 2024, 9, 0), "září 2024");
	assert_text(locale_format_date(cs, 2024, 12, 24),
	    "24. prosince 2024");
	assert_text(locale_format_date(pl, 2024, 8, 0), "sierpień 2024");
	assert_text(locale_format_date(pl, 2024, 8, 12), "12 sierpnia 2024");
	assert_text(locale_format_date(pl, 2024, 1, 31), "31 stycznia 2024");
	/* years are never grouped */
	assert_text(locale_format_date(en, 12024, 1, 0), "January 12024");
}

/* --- labels and marks --- */

static void
labels(void **state)
{
	(void)state;
	assert_string_equal(locale_lang(de), "de");
	assert_string_equal(locale_label(de, "contents"), "Inhalt");
	assert_string_equal(locale_label(en, "contents"), "Contents");
	assert_string_equal(locale_label(cs, "contents"), "Obsah");
	assert_string_equal(locale_label(pl, "contents"), "Spis treści");
	assert_string_equal(locale_label(de, "page-abbrev"), "S.");
	assert_string_equal(locale_label(en, "page-abbrev"), "p.");
	assert_string_equal(locale_label(cs, "page-abbrev"), "s.");
	assert_string_equal(locale_label(pl, "page-abbrev"), "s.");
	assert_string_equal(locale_label(de, "see-also"), "siehe auch");
	assert_string_equal(locale_label(de, "multiple-answers"),
	    "Mehrfachnennungen möglich");
	assert_string_equal(locale_label(de, "submarket-software-games"),
	    "Software- und Games-Industrie");
	assert_string_equal(locale_label(en, "role-sme"), "SME");
}

static void
unknown_label(void **state)
{
	const char	*text;
	char		*err;
	int		 before = diag_warnings();

	(void)state;
	capture_begin();
	text = locale_label(en, "no-such-key");
	err = capture_end();
	assert_string_equal(text, "no-such-key");
	assert_int_equal(diag_warnings(), before + 1);
	assert_non_null(strstr(err, "styles/locales/en.xml:"));
	assert_non_null(strstr(err, "add <label key=\"no-such-key\">"));
	free(err);
}

static void
quotes(void **state)
{
	(void)state;
	assert_string_equal(locale_quote_open(de, 0), "»");
	assert_string_equal(locale_quote_close(de, 0), "«");
	assert_string_equal(locale_quote_open(de, 1), "›");
	assert_string_equal(locale_quote_close(de, 1), "‹");
	assert_string_equal(locale_quote_open(de, 2), "»");
	assert_string_equal(locale_quote_open(en, 0), "“");
	assert_string_equal(locale_quote_close(en, 0), "”");
	assert_string_equal(locale_quote_open(en, 1), "‘");
	assert_string_equal(locale_quote_close(en, 1), "’");
	assert_string_equal(locale_quote_open(cs, 0), "„");
	assert_string_equal(locale_quote_close(cs, 0), "“");
	assert_string_equal(locale_quote_open(cs, 1), "‚");
	assert_string_equal(locale_quote_close(cs, 1), "‘");
	assert_string_equal(locale_quote_open(pl, 0), "„");
	assert_string_equal(locale_quote_close(pl, 0), "”");
	assert_string_equal(locale_quote_open(pl, 1), "‚");
	assert_string_equal(locale_quote_close(pl, 1), "’");
}

static void
hyphenation(void **state)
{
	(void)state;
	assert_string_equal(locale_hyphenation(de),
	    "/usr/share/hyphen/hyph_de_DE.dic");
	assert_string_equal(locale_hyphenation(pl),
	    "/usr/share/hyphen/hyph_pl_PL.dic");
	assert_string_equal(locale_hyphenation_pos(cs)->file,
	    "styles/locales/cs.xml");
	assert_true(locale_hyphenation_pos(cs)->line > 1);
}

/* --- sorting --- */

static const struct locale	*sort_locale;

static int
by_locale(const void *a, const void *b)
{
	return locale_compare(sort_locale, *(const char *const *)a,
	    *(const char *const *)b);
}

/* Shuffled words sort into want[] (n words). */
static void
assert_sorted(const struct locale *loc, const char *const *want, size_t n)
{
	const char	**words = xcalloc(n, sizeof(*words));
	size_t		  i;

	for (i = 0; i < n; i++)		/* reversed, then rotated */
		words[i] = want[(n - 1 - i + n / 2) % n];
	sort_locale = loc;
	qsort(words, n, sizeof(*words), by_locale);
	for (i = 0; i < n; i++)
		if (strcmp(words[i], want[i]) != 0)
			fail_msg("position %zu: got %s, want %s", i, words[i],
			    want[i]);
	free(words);
}

static void
sort_german(void **state)
{
	static const char *const want[] = {
		"ähnlich", "Axt", "Backe", "Bäcker", "Ofen", "Öl", "Strasse",
		"Straße", "Strauß", "Übung", "Uhr", "Zebra",
	};

	(void)state;
	assert_sorted(de, want, sizeof(want) / sizeof(want[0]));
	/* case never decides, except as the last tie-break by bytes */
	assert_true(locale_compare(de, "apfel", "Apfel") > 0);
	assert_true(locale_compare(de, "Äpfel", "apfel") > 0);
	assert_true(locale_compare(de, "Äpfel", "Apfeln") < 0);
	assert_int_equal(locale_compare(de, "Äpfel", "Äpfel"), 0);
}

static void
sort_czech(void **state)
{
	static const char *const want[] = {
		"cesta", "čaj", "Čáp", "dům", "hrad", "Chata", "chrám",
		"iglú", "rok", "řeka", "Sova", "šum", "zámek", "žena",
	};

	(void)state;
	assert_sorted(cs, want, sizeof(want) / sizeof(want[0]));
	/* ch is one letter after h, whatever its case */
	assert_true(locale_compare(cs, "CHATA", "hrad") > 0);
	assert_true(locale_compare(cs, "Chata", "cz") > 0);
}

static void
sort_polish(void **state)
{
	static const char *const want[] = {
		"akcja", "ąb", "cel", "ćma", "lato", "Łódź", "mama", "osa",
		"ósemka", "sowa", "ścieżka", "zebra", "źdźbło", "żaba",
	};

	(void)state;
	assert_sorted(pl, want, sizeof(want) / sizeof(want[0]));
}

static void
sort_english(void **state)
{
	static const char *const want[] = {
		"4D Landkino", "Blaudruckessel", "BOYS FROM THE WOOD",
		"BUTZE!", "Éclair", "Ezra", "Gölles Erlebniswelt",
		"KaraKøje", "Kreative Wachstumsstrategie",
	};

	(void)state;
	assert_sorted(en, want, sizeof(want) / sizeof(want[0]));
}

/* --- a fifth language, and mistakes --- */

static void
fifth_language(void **state)
{
	static const char *const want[] = {
		"Aal", "Müller", "Myren", "Zebra", "åra", "äpple", "ära",
		"Ödla", "ört", "Üüx",
	};
	struct locale	*sv = load("tests/locale", "sv");

	(void)state;
	assert_sorted(sv, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(locale_compare(sv, "æra", "ära"),
	    strcmp("æra", "ära") < 0 ? -1 : 1);
	assert_text(locale_format_count(sv, 16, 23), "16 av 23");
	assert_text(locale_format_percent(sv, -12.25), "-12,3" NBSP "%");
	assert_text(locale_format_date(sv, 2024, 8, 12), "12 augusti 2024");
	/* a relative hyphenation file is found beside the locale */
	assert_string_equal(locale_hyphenation(sv),
	    "tests/locale/hyph_sv.dic");
	locale_free(sv);
}

/* Loading lang from dir fails, and the diagnostics hold each word. */
static void
assert_bad(const char *dir, const char *lang, const char *const *words)
{
	struct locale	*loc;
	char		*err;

	capture_begin();
	loc = locale_load(dir, lang);
	err = capture_end();
	if (loc != NULL)
		fail_msg("%s/%s.xml was loaded without error", dir, lang);
	for (; *words != NULL; words++)
		if (strstr(err, *words) == NULL)
			fail_msg("no \"%s\" in: %s", *words, err);
	free(err);
}

static void
unknown_language(void **state)
{
	static const char *const fr[] = {
		"no locale for language \"fr\" in styles/locales: use one of "
		    "cs, de, en, pl", NULL };
	static const char *const path[] = {
		"no locale for language \"../de\"", NULL };

	(void)state;
	assert_bad(LOCALES, "fr", fr);
	assert_bad(LOCALES, "../de", path);
}

static void
bad_locale(void **state)
{
	static const char *const xa[] = {
		"tests/locale/bad/xa.xml:4: error: no label for entry, "
		    "section, page-abbrev",
		"tests/locale/bad/xa.xml:6: error: label \"contents\" is "
		    "already given on line 5",
		"tests/locale/bad/xa.xml:14: error: day-month-year=\"{day} "
		    "{month}\" lacks {year}",
		"tests/locale/bad/xa.xml:17: error: pattern=\"{count} of "
		    "{totl}\": unknown placeholder {totl}: use only {count} "
		    "{total}",
		"tests/locale/bad/xa.xml:17: error: pattern=\"{count} of "
		    "{totl}\" lacks {total}",
		"tests/locale/bad/xa.xml:20: error: sorts-after=\"cz\" must "
		    "name one letter",
		"tests/locale/bad/xa.xml:21: error: chars=\"abcde\" is too "
		    "long",
		"tests/locale/bad/xa.xml:23: error: this letter is already "
		    "given on line 22", NULL };
	static const char *const xb[] = {
		"tests/locale/bad/xb.xml:3: error: lang=\"de\" in a file for "
		    "\"xb\"", NULL };

	(void)state;
	assert_bad("tests/locale/bad", "xa", xa);
	assert_bad("tests/locale/bad", "xb", xb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(percent_rounding),
		cmocka_unit_test(number_grouping),
		cmocka_unit_test(counts),
		cmocka_unit_test(dates),
		cmocka_unit_test(labels),
		cmocka_unit_test(unknown_label),
		cmocka_unit_test(quotes),
		cmocka_unit_test(hyphenation),
		cmocka_unit_test(sort_german),
		cmocka_unit_test(sort_czech),
		cmocka_unit_test(sort_polish),
		cmocka_unit_test(sort_english),
		cmocka_unit_test(fifth_language),
		cmocka_unit_test(unknown_language),
		cmocka_unit_test(bad_locale),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
