/*
 * Unit tests of hyph: the compiled pattern image gives exactly
 * libhyphen's break points (over more than 20,000 German words), and
 * hyph_word finds the expected points in words of the four languages
 * (computed with the patterns, each checked by eye); the exception lists
 * override the patterns, ignore case, keep words whole, and report bad
 * lines with file:line.
 * Run from the top of the source tree after make (build/hyph/ exists).
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <hyphen.h>

#include "diag.h"
#include "hyph.h"
#include "util.h"

#define PATTERNS	"/usr/share/hyphen/hyph_%s.dic"
#define IMAGES_NEXT	"/../hyph"	/* of $(B)/tests/test_hyph: $(B)/hyph */
#define WORDS		"/usr/share/dict/ngerman"
#define WORD_STEP	15	/* every 15th of 356,010 words: 23,734 */
#define NWORDS(a)	(sizeof(a) / sizeof((a)[0]))

/* Scratch files of this process, and the images of this build (main()
 * names them). */
static char	exceptions[64], stderr_file[64], images[512];

static struct hyph *
open_lang(const char *lang)
{
	char		 path[128];
	struct hyph	*h;

	snprintf(path, sizeof(path), PATTERNS, lang);
	h = hyph_open(images, path, 2, 2, NULL);
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

/* Each of n words, marked as hyph_word should mark it, in lang. */
static void
expect_all(const char *lang, const char *const *words, size_t n)
{
	struct hyph	*h = open_lang(lang);
	size_t		 i;

	for (i = 0; i < n; i++)
		expect(h, words[i]);
	hyph_free(h);
}

static void
german_words(void **state)
{
	static const char *const words[] = {
		"bran-chen-über-grei-fen-den", "Wert-schöp-fungs-ket-ten",
		"Kre-a-tiv-wirt-schaft", "För-der-pro-gram-me",
		"Schiff-fahrt", "Stra-ße", "und", "KRE-A-TIV-WIRT-SCHAFT",
		"Ko-ope-ra-ti-on", "Kul-tur-", "(Kre-a-tiv-wirt-schaft),",
		"Ge-mein-de", "Land-wirt-schafts-be-trieb",
		"Aus-bil-dungs-an-ge-bo-ten", "Ver-an-stal-tungs-tech-nik",
		"Zu-sam-men-ar-beit", "Part-ner-schaf-ten",
		"Di-gi-ta-li-sie-rung", "Nie-der-lau-sitz", "Säch-si-schen",
		"Un-ter-neh-men", "Ge-schäfts-füh-rung", "Er-reich-bar-keit",
		"Struk-tur-wan-del", "Staats-mi-nis-te-ri-um",
		"Selbst-ver-ständ-nis", "Be-rufs-ori-en-tie-rungs-ta-gen",
		"Ke-ra-mik-ma-nu-fak-tur", "Werk-statt-füh-run-gen",
		"Über-set-zungs-hil-fen", "glei-cher-ma-ßen", "Ös-ter-reich",
		"Ähn-li-ches", "ÜBER-BLICK", "Ent-wick-lungs-part-ner-schaft",
	};

	(void)state;
	expect_all("de_DE", words, NWORDS(words));
}

static void
english_words(void **state)
{
	static const char *const words[] = {
		"hy-phen-ation", "ty-pog-ra-phy", "co-op-er-a-tion",
		"in-dus-try", "de-vel-op-ment", "man-age-ment",
		"coun-try-side", "in-for-ma-tion", "ex-pe-ri-ence",
		"work-shop", "crafts-man-ship", "jus-ti-fi-ca-tion",
		"ques-tion-naire", "news-let-ter", "mu-nic-i-pal-i-ties",
		"fur-ni-ture", "Busi-nesses", "in-fra-struc-ture",
	};

	(void)state;
	expect_all("en_US", words, NWORDS(words));
}

static void
czech_words(void **state)
{
	static const char *const words[] = {
		"spolu-prá-ce", "krea-tivní", "pří-leži-tosti", "Češti-na",
		"od-po-vědnost", "ven-kov", "hos-po-dář-ství", "ře-mes-lo",
		"zku-šenosti", "kul-tu-ra", "roz-voj", "díl-na", "Jab-lo-nec",
		"ČES-KO-SLO-VENSKO",
	};

	(void)state;
	expect_all("cs_CZ", words, NWORDS(words));
}

static void
polish_words(void **state)
{
	static const char *const words[] = {
		"współ-pra-ca", "prze-my-słów", "kre-atyw-nych",
		"moż-li-wo-ści", "Łódź", "źdźbło", "przed-się-bior-stwo",
		"rze-mio-sło", "go-spo-dar-ka", "in-no-wa-cje",
		"tu-ry-sty-ka", "wo-je-wódz-two", "do-świad-cze-nie",
		"MIĘ-DZY-NA-RO-DO-WY", "Bo-le-sła-wiec",
	};

	(void)state;
	expect_all("pl_PL", words, NWORDS(words));
}

/* --- exception lists --- */

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* lang's patterns with the exception list text (a file), 2/2 minimum. */
static struct hyph *
open_with(const char *lang, const char *text, size_t want_entries)
{
	struct hyph	*h = open_lang(lang);

	write_file(exceptions, text);
	assert_int_equal(hyph_load_exceptions(h, exceptions), want_entries);
	remove(exceptions);
	return h;
}

static void
exceptions_override_patterns(void **state)
{
	struct hyph	*h = open_with("de_DE", "# German\n"
	    "Krea-tiv-wirt-schaft\n  Erz-ge-bir-ge  # the mountains\n"
	    "\nRück-mel-dung\n", 3);

	(void)state;
	expect(h, "Krea-tiv-wirt-schaft");
	expect(h, "Erz-ge-bir-ge");
	expect(h, "Rück-mel-dung");
	/* other words, and longer ones that contain an entry: patterns */
	expect(h, "Kre-a-tiv-wirt-schaf-ten");
	expect(h, "Er-z-ge-bir-ges");
	expect(h, "Wert-schöp-fungs-ket-ten");
	hyph_free(h);
}

static void
exceptions_ignore_case(void **state)
{
	struct hyph	*h = open_with("de_DE", "kREA-tiv-WIRT-schaft\n"
	    "rück-mel-dung\n", 2);

	(void)state;
	expect(h, "Krea-tiv-wirt-schaft,");
	expect(h, "KREA-TIV-WIRT-SCHAFT");
	expect(h, "(krea-tiv-wirt-schaft)");
	expect(h, "RÜCK-MEL-DUNG");
	expect(h, "Kul-tur/Krea-tiv-wirt-schaft");
	hyph_free(h);
}

static void
exceptions_never_break(void **state)
{
	struct hyph	*h = open_with("de_DE", "Timberstore\nSILENTGATE\n"
	    "Timber-stores\n", 3);

	(void)state;
	expect(h, "Timberstore");
	expect(h, "TIMBERSTORE.");
	expect(h, "SilentGate");
	expect(h, "Timber-stores");
	hyph_free(h);
}

/*
 * Words asked about again come from the memo, unchanged; an exception
 * list read after them takes effect at once (the memo forgets).
 */
static void
remembered_words_follow_new_exceptions(void **state)
{
	struct hyph	*h = open_lang("de_DE");
	int		 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		expect(h, "Kre-a-tiv-wirt-schaft");
		expect(h, "Er-z-ge-bir-ge");
	}
	write_file(exceptions, "Krea-tiv-wirt-schaft\nErz-ge-bir-ge\n");
	assert_int_equal(hyph_load_exceptions(h, exceptions), 2);
	remove(exceptions);
	expect(h, "Krea-tiv-wirt-schaft");
	expect(h, "Erz-ge-bir-ge");
	expect(h, "Wert-schöp-fungs-ket-ten");
	expect(h, "Wert-schöp-fungs-ket-ten");
	hyph_free(h);
}

/*
 * A word in other company ("Vier (S. 97)") is answered from the memo by
 * its letters; after the patterns' pages are given back, words never
 * asked read them again from the file, to the same break points.
 */
static void
runs_are_remembered_and_pages_come_back(void **state)
{
	struct hyph	*h = open_lang("de_DE");

	(void)state;
	expect(h, "Kre-a-tiv-wirt-schaft\xC2\xA0(S.\xC2\xA0" "97).");
	expect(h, "Kre-a-tiv-wirt-schaft\xC2\xA0(S.\xC2\xA0" "101).");
	hyph_release_pages(h);
	expect(h, "Er-z-ge-bir-ge");
	expect(h, "Wert-schöp-fungs-ket-ten");
	expect(h, "Kre-a-tiv-wirt-schaft");
	hyph_free(h);
}

/* The style's minimum fragments hold for entries too (here 3 and 3). */
static void
exceptions_keep_minimum_fragments(void **state)
{
	struct hyph	*h;

	(void)state;
	h = hyph_open(images, "/usr/share/hyphen/hyph_de_DE.dic", 3, 3,
	    NULL);
	assert_non_null(h);
	write_file(exceptions, "e-he-ma-li-ge\n");
	assert_int_equal(hyph_load_exceptions(h, exceptions), 1);
	remove(exceptions);
	expect(h, "ehe-ma-lige");
	hyph_free(h);
}

/* Start collecting stderr; capture_end() returns it (free it). */
static int
capture_begin(void)
{
	int	fd, saved;

	fflush(stderr);
	fd = open(stderr_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	saved = dup(2);
	dup2(fd, 2);
	close(fd);
	return saved;
}

static char *
capture_end(int saved)
{
	size_t	 len;
	char	*text;

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	text = file_read(stderr_file, &len);
	assert_non_null(text);
	remove(stderr_file);
	return text;
}

/* Fail unless err holds the warning about that line of the list. */
static void
said(const char *err, int line, const char *what)
{
	char	want[256];

	snprintf(want, sizeof(want), "%s:%d: warning: hyphenation "
	    "exception %s", exceptions, line, what);
	if (strstr(err, want) == NULL)
		fail_msg("no \"%s\" in:\n%s", want, err);
}

static void
bad_lines_are_reported(void **state)
{
	struct hyph	*h = open_lang("de_DE");
	int		 saved, warnings = diag_warnings();
	char		*err;
	size_t		 n;

	(void)state;
	write_file(exceptions, "# comment\nKre@tiv\n-ab\nab--cd\n"
	    "Erz-ge-bir-ge\nzwei Worte\nbad\xff\nERZ-GEBIR-GE\n");
	saved = capture_begin();
	n = hyph_load_exceptions(h, exceptions);
	err = capture_end(saved);
	remove(exceptions);
	assert_int_equal(n, 1);
	assert_int_equal(diag_warnings() - warnings, 6);
	said(err, 2, "\"Kre@tiv\": \"@\" (U+0040) is neither a letter "
	    "nor a hyphen");
	said(err, 3, "\"-ab\": a hyphen must stand between two letters");
	said(err, 4, "\"ab--cd\": a hyphen must stand between two letters");
	said(err, 6, "\"zwei Worte\": \" \" (U+0020) is neither");
	said(err, 7, "is not valid UTF-8");
	said(err, 8, "\"erzgebirge\" is already listed at line 5");
	expect(h, "Erz-ge-bir-ge");
	free(err);
	hyph_free(h);
}

/* A missing list is no error; a second list replaces the first. */
static void
missing_list_is_fine(void **state)
{
	struct hyph	*h = open_with("de_DE", "Erz-ge-bir-ge\n", 1);
	int		 warnings = diag_warnings();

	(void)state;
	assert_int_equal(hyph_load_exceptions(h, "/nonexistent/de.txt"), 0);
	assert_int_equal(diag_warnings(), warnings);
	expect(h, "Er-z-ge-bir-ge");
	hyph_free(h);
}

/* The lists brochure installs read without a warning, and apply. */
static void
shipped_lists(void **state)
{
	static const char *const langs[][3] = {
		{ "de_DE", "de", "Krea-tiv-wirt-schaft" },
		{ "en_US", "en", "Erz-ge-bir-ge" },
		{ "cs_CZ", "cs", "prů-mysl" },
		{ "pl_PL", "pl", "Krea-tiv-Land-Trans-fer" },
	};
	struct hyph	*h;
	char		 path[64];
	size_t		 i;
	int		 warnings = diag_warnings();

	(void)state;
	for (i = 0; i < NWORDS(langs); i++) {
		h = open_lang(langs[i][0]);
		snprintf(path, sizeof(path), "styles/hyphenation/%s.txt",
		    langs[i][1]);
		assert_true(hyph_load_exceptions(h, path) >= 5);
		expect(h, langs[i][2]);
		hyph_free(h);
	}
	assert_int_equal(diag_warnings(), warnings);
}

/* libhyphen's own load of the same patterns, converted to UTF-8. */
static HyphenDict *
reference_dict(void)
{
	HyphenDict	*d;
	char		 path[64], cmd[256];

	/* the process's own file: test runs may overlap */
	snprintf(path, sizeof(path), "/tmp/brochure-hyph-de-%ld.dic",
	    (long)getpid());
	snprintf(cmd, sizeof(cmd), "{ echo UTF-8; tail -n +2 "
	    "/usr/share/hyphen/hyph_de_DE.dic | iconv -f ISO-8859-1 "
	    "-t UTF-8; } > %s", path);
	assert_int_equal(system(cmd), 0);
	d = hnj_hyphen_load(path);
	remove(path);
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

/* Fails unless d breaks every WORD_STEP-th German word as ref does. */
static void
same_breaks(HyphenDict *ref, HyphenDict *d)
{
	FILE		*f = fopen(WORDS, "r");
	char		 line[256], a[260], b[260];
	size_t		 n = 0, compared = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (n++ % WORD_STEP != 0 || strlen(line) > 200)
			continue;
		hyphens_of(ref, line, a);
		hyphens_of(d, line, b);
		if (strcmp(a, b) != 0)
			fail_msg("\"%s\": libhyphen %s, image %s", line, a, b);
		compared++;
	}
	fclose(f);
	assert_true(compared >= 20000);
}

/*
 * The image where it asks to be mapped, and a second one of the same
 * file, which cannot be there and has its pointers moved: checked after
 * the first is gone, so that no pointer left unmoved finds it.
 */
static void
image_equals_libhyphen(void **state)
{
	struct hyph	*h = open_lang("de_DE"), *moved = open_lang("de_DE");
	HyphenDict	*ref = reference_dict();

	(void)state;
	assert_ptr_not_equal(hyph_dict(h), hyph_dict(moved));
	hyph_free(h);
	same_breaks(ref, hyph_dict(moved));
	h = open_lang("de_DE");
	same_breaks(ref, hyph_dict(h));
	hnj_hyphen_free(ref);
	hyph_free(moved);
	hyph_free(h);
}

static void
missing_image_is_reported(void **state)
{
	(void)state;
	assert_null(hyph_open("/nonexistent", PATTERNS, 2, 2, NULL));
}

/* An empty file, junk and a folder where the image should be (mapped,
 * not read): each refused with a warning, none crashes. */
static void
unusable_images_are_refused(void **state)
{
	char	dir[64], path[96];
	FILE	*f;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/brochure-hyph-%ld.d", (long)getpid());
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/empty.hyb", dir);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	assert_null(hyph_open(dir, "/x/empty.dic", 2, 2, NULL));
	snprintf(path, sizeof(path), "%s/junk.hyb", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("not a pattern image", f);
	fclose(f);
	assert_null(hyph_open(dir, "/x/junk.dic", 2, 2, NULL));
	snprintf(path, sizeof(path), "%s/folder.hyb", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_null(hyph_open(dir, "/x/folder.dic", 2, 2, NULL));
	assert_int_equal(rmdir(path), 0);
	snprintf(path, sizeof(path), "%s/junk.hyb", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/empty.hyb", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(german_words),
		cmocka_unit_test(runs_are_remembered_and_pages_come_back),
		cmocka_unit_test(english_words),
		cmocka_unit_test(czech_words),
		cmocka_unit_test(polish_words),
		cmocka_unit_test(exceptions_override_patterns),
		cmocka_unit_test(exceptions_ignore_case),
		cmocka_unit_test(exceptions_never_break),
		cmocka_unit_test(exceptions_keep_minimum_fragments),
		cmocka_unit_test(bad_lines_are_reported),
		cmocka_unit_test(missing_list_is_fine),
		cmocka_unit_test(shipped_lists),
		cmocka_unit_test(image_equals_libhyphen),
		cmocka_unit_test(remembered_words_follow_new_exceptions),
		cmocka_unit_test(missing_image_is_reported),
		cmocka_unit_test(unusable_images_are_refused),
	};
	const char	*slash = argc > 0 ? strrchr(argv[0], '/') : NULL;

	if (slash == NULL)
		snprintf(images, sizeof(images), "." IMAGES_NEXT);
	else
		snprintf(images, sizeof(images), "%.*s" IMAGES_NEXT,
		    (int)(slash - argv[0]), argv[0]);
	snprintf(exceptions, sizeof(exceptions), "/tmp/brochure-hyph-%ld.txt",
	    (long)getpid());
	snprintf(stderr_file, sizeof(stderr_file),
	    "/tmp/brochure-hyph-%ld.err", (long)getpid());
	return cmocka_run_group_tests(tests, NULL, NULL);
}
