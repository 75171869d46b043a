/*
 * Unit tests of hyph: the compiled pattern image gives exactly
 * libhyphen's break points (over more than 20,000 German words), and
 * hyph_word finds the expected points in words of the four languages.
 * Run from the top of the source tree after make (build/hyph/ exists).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hyphen.h>

#include "hyph.h"

#define PATTERNS	"/usr/share/hyphen/hyph_%s.dic"
#define IMAGES		"build/hyph"
#define WORDS		"/usr/share/dict/ngerman"
#define WORD_STEP	15	/* every 15th of 356,010 words: 23,734 */

static struct hyph *
open_lang(const char *lang)
{
	char		 path[128];
	struct hyph	*h;

	snprintf(path, sizeof(path), PATTERNS, lang);
	h = hyph_open(IMAGES, path, 2, 2, NULL);
	assert_non_null(h);
	return h;
}

/* The word with its break points as hyphens: "bran-chen-über-…". */
static void
marked(struct hyph *h, const char *word, char *out)
{
	unsigned char	 breaks[256];
	size_t		 i, n = strlen(word);

	hyph_word(h, word, n, breaks);
	for (i = 0; i < n; i++) {
		*out++ = word[i];
		if (breaks[i])
			*out++ = '-';
	}
	*out = '\0';
}

static void
expect(struct hyph *h, const char *want)
{
	char	word[256], got[512];
	size_t	i, k = 0;

	for (i = 0; want[i] != '\0'; i++)
		if (want[i] != '-' || i == 0 || want[i + 1] == '\0')
			word[k++] = want[i];
	word[k] = '\0';
	marked(h, word, got);
	assert_string_equal(got, want);
}

static void
german_words(void **state)
{
	static const char *const words[] = {
		"bran-chen-über-grei-fen-den", "Wert-schöp-fungs-ket-ten",
		"Kre-a-tiv-wirt-schaft", "För-der-pro-gram-me",
		"Schiff-fahrt", "Stra-ße", "und", "KRE-A-TIV-WIRT-SCHAFT",
		"Ko-ope-ra-ti-on", "Kul-tur-", "(Kre-a-tiv-wirt-schaft),",
		"Ge-mein-de",
	};
	struct hyph	*h = open_lang("de_DE");
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		expect(h, words[i]);
	hyph_free(h);
}

/* libhyphen's own load of the same patterns, converted to UTF-8. */
static HyphenDict *
reference_dict(void)
{
	HyphenDict	*d;

	assert_int_equal(system("{ echo UTF-8; tail -n +2 "
	    "/usr/share/hyphen/hyph_de_DE.dic | iconv -f ISO-8859-1 "
	    "-t UTF-8; } > /tmp/brochure-hyph-de.dic"), 0);
	d = hnj_hyphen_load("/tmp/brochure-hyph-de.dic");
	remove("/tmp/brochure-hyph-de.dic");
	assert_non_null(d);
	return d;
}

static void
hyphens_of(HyphenDict *d, const char *w, char *hy)
{
	char	**rep = NULL;
	int	 *pos = NULL, *cut = NULL, n = (int)strlen(w), i;

	memset(hy, 0, (size_t)n + 5);
	hnj_hyphen_hyphenate3(d, w, n, hy, NULL, &rep, &pos, &cut, 2, 2, 2, 2);
	if (rep != NULL)
		for (i = 0; i < n; i++)
			free(rep[i]);
	free(rep);
	free(pos);
	free(cut);
}

static void
image_equals_libhyphen(void **state)
{
	struct hyph	*h = open_lang("de_DE");
	HyphenDict	*ref = reference_dict();
	FILE		*f = fopen(WORDS, "r");
	char		 line[256], a[260], b[260];
	size_t		 n = 0, compared = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (n++ % WORD_STEP != 0 || strlen(line) > 200)
			continue;
		hyphens_of(ref, line, a);
		hyphens_of(hyph_dict(h), line, b);
		if (strcmp(a, b) != 0)
			fail_msg("\"%s\": libhyphen %s, image %s", line, a, b);
		compared++;
	}
	fclose(f);
	assert_true(compared >= 20000);
	hnj_hyphen_free(ref);
	hyph_free(h);
}

static void
missing_image_is_reported(void **state)
{
	(void)state;
	assert_null(hyph_open("/nonexistent", PATTERNS, 2, 2, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(german_words),
		cmocka_unit_test(image_equals_libhyphen),
		cmocka_unit_test(missing_image_is_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
