/*
 * Unit tests of font: damaged and unsupported files are refused before
 * libharu sees them (libharu would crash or misbehave), good TrueType
 * files are accepted once, and widths, glyph coverage, fallbacks and
 * metrics are libharu's own; pair kerning is what HarfBuzz makes of the
 * pair, and kept as pairs bridges wide gaps.  Run from the top folder (fonts/ is read);
 * damaged fixtures are made at test time in a temporary folder.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <hb.h>

#include "diag.h"
#include "font.h"
#include "font_pdf.h"

#define LATO	"fonts/Lato-Regular.ttf"
#define DEJAVU	"fonts/DejaVuSans.ttf"
#define NO_PAIR	(-100000)	/* HarfBuzz made one glyph of a pair */

static char	 tmpdir[] = "/tmp/brochure-test-font.XXXXXX";

/* Write len bytes of data (or of a pseudo-random sequence) to tmpdir/name. */
static char *
fixture(const char *name, const void *data, size_t len)
{
	static char	 path[256];
	FILE		*fp;
	unsigned	 seed = 12345;
	size_t		 i;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	for (i = 0; i < len; i++) {
		seed = seed * 1103515245 + 12345;
		fputc(data ? ((const unsigned char *)data)[i] : seed >> 16,
		    fp);
	}
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* The first len bytes of a real font. */
static char *
truncated(const char *from, const char *name, size_t len)
{
	unsigned char	*buf = malloc(len);
	FILE		*fp = fopen(from, "rb");
	char		*path;

	assert_non_null(fp);
	assert_int_equal(fread(buf, 1, len, fp), len);
	fclose(fp);
	path = fixture(name, buf, len);
	free(buf);
	return path;
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL || access(LATO, R_OK) != 0) {
		fprintf(stderr, "run the tests from the top folder\n");
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	char	 cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static int	 saved_stderr = -1;

/* Send diagnostics to a file while a test looks at them. */
static void
capture_begin(void)
{
	char	 path[256];
	int	 fd;

	snprintf(path, sizeof(path), "%s/diag.txt", tmpdir);
	fflush(stderr);
	saved_stderr = dup(2);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd != -1 && saved_stderr != -1);
	dup2(fd, 2);
	close(fd);
}

/* Restore stderr; returns what was written (static buffer). */
static const char *
capture_end(void)
{
	static char	 text[2048];
	char		 path[256];
	FILE		*fp;
	size_t		 n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	snprintf(path, sizeof(path), "%s/diag.txt", tmpdir);
	fp = fopen(path, "r");
	assert_non_null(fp);
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	fclose(fp);
	return text;
}

/* Opening path fails with exactly one error that says why. */
static void
refused(const char *path, const char *why)
{
	struct fonts	*f = fonts_new();
	struct srcpos	 pos = { "style.xml", 7 };
	int		 before = diag_errors();
	const char	*text;

	capture_begin();
	assert_int_equal(fonts_open(f, path, &pos), -1);
	text = capture_end();
	assert_int_equal(diag_errors(), before + 1);
	assert_int_equal(fonts_count(f), 0);
	assert_true(strncmp(text, "style.xml:7: error: ", 20) == 0);
	assert_non_null(strstr(text, path));
	if (strstr(text, why) == NULL)
		fail_msg("expected \"%s\" in: %s", why, text);
	fonts_free(f);
}

static void
refuses_damaged_files(void **state)
{
	static const char otto[16] = "OTTO\0\x0a\0\x80\0\x03\0\x20";

	(void)state;
	refused(fixture("empty.ttf", "", 0), "empty");
	refused(fixture("hello.ttf", "hello\n", 6), "too short");
	refused(fixture("text.ttf", "hello, this is not a font\n", 26),
	    "not a TrueType font");
	refused(fixture("random.ttf", NULL, 5000), "not a TrueType font");
	refused(truncated(LATO, "lato-10k.ttf", 10 * 1024), "truncated");
	refused(truncated(LATO, "lato-600k.ttf", 600 * 1024), "truncated");
	refused(fixture("cff.otf", otto, sizeof(otto)), "CFF");
	refused("fonts/no-such-font.ttf", "No such file");
	refused(tmpdir, "cannot read");
}

/* A font whose glyph offsets were damaged, in a copy of Lato. */
static void
refuses_damaged_tables(void **state)
{
	unsigned char	*buf;
	FILE		*fp = fopen(LATO, "rb");
	long		 len;
	unsigned	 i, n;

	(void)state;
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)len);
	assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	n = (unsigned)buf[4] << 8 | buf[5];
	for (i = 0; i < n; i++)
		if (memcmp(buf + 12 + 16 * i, "hhea", 4) == 0)
			break;
	assert_true(i < n);
	/* numberOfHMetrics: more metrics than glyphs */
	i = (unsigned)buf[12 + 16 * i + 10] << 8 | buf[12 + 16 * i + 11];
	buf[i + 34] = 0xff;
	buf[i + 35] = 0xff;
	refused(fixture("hhea.ttf", buf, (size_t)len), "metrics");
	free(buf);
}

static void
accepts_truetype_once(void **state)
{
	struct fonts	*f = fonts_new();
	face_id		 lato, dejavu;

	(void)state;
	lato = fonts_open(f, LATO, NULL);
	assert_int_equal(lato, 0);
	assert_int_equal(fonts_open(f, LATO, NULL), lato);
	dejavu = fonts_open(f, DEJAVU, NULL);
	assert_int_equal(dejavu, 1);
	assert_int_equal(fonts_count(f), 2);
	assert_string_equal(fonts_name(f, lato), "Lato-Regular");
	assert_string_equal(fonts_name(f, dejavu), "DejaVuSans");
	assert_string_equal(fonts_path(f, lato), LATO);
	assert_non_null(fonts_pdf_font(f, lato));
	assert_int_equal(fonts_pdf_check(f, NULL, "test"), 0);
	fonts_free(f);
}

/*
 * A file is one face under any path.  A font in the shipped folder is
 * read from the prepared folder's file of the same name where there is
 * one (here DejaVu Sans posing as Lato Regular), else as it is.
 */
static void
prepared_copies_and_paths(void **state)
{
	struct fonts	*f = fonts_new();
	char		 dir[300], copy[320], target[300];
	face_id		 lato, bold;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/prepared", tmpdir);
	snprintf(copy, sizeof(copy), "%s/Lato-Regular.ttf", dir);
	assert_non_null(getcwd(target, sizeof(target) - sizeof(DEJAVU)));
	strcat(strcat(target, "/"), DEJAVU);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(symlink(target, copy), 0);
	fonts_prefer_prepared(f, "fonts", dir);
	lato = fonts_open(f, LATO, NULL);
	assert_true(fonts_has_glyph(f, lato, 0x2713));		/* DejaVu's ✓ */
	assert_int_equal(fonts_open(f, "./fonts/../" LATO, NULL), lato);
	bold = fonts_open(f, "fonts/Lato-Bold.ttf", NULL);
	assert_false(fonts_has_glyph(f, bold, 0x2713));	/* the original */
	assert_int_equal(fonts_count(f), 2);
	fonts_free(f);
}

/* Measuring makes no PDF objects; the PDF font comes when first asked. */
static void
pdf_font_only_when_drawn(void **state)
{
	struct fonts	*f = fonts_new();
	HPDF_Doc	 pdf = fonts_pdf_doc(f);
	HPDF_UINT	 objects = pdf->xref->entries->count;
	face_id		 lato = fonts_open(f, LATO, NULL);

	(void)state;
	assert_true(fonts_advance(f, lato, 'A') > 0);
	assert_true(fonts_ascent(f, lato) > 0);
	assert_int_equal(pdf->xref->entries->count, objects);
	assert_non_null(fonts_pdf_font(f, lato));
	assert_true(pdf->xref->entries->count > objects);
	objects = pdf->xref->entries->count;
	assert_ptr_equal(fonts_pdf_font(f, lato), fonts_pdf_font(f, lato));
	assert_int_equal(pdf->xref->entries->count, objects);
	fonts_free(f);
}

static void
widths_are_sums_of_advances(void **state)
{
	struct fonts	*f = fonts_new();
	face_id		 lato = fonts_open(f, LATO, NULL);
	const char	*s = "Grüße";
	HPDF_TextWidth	 tw;
	int		 sum;

	(void)state;
	sum = fonts_advance(f, lato, 'G') + fonts_advance(f, lato, 'r') +
	    fonts_advance(f, lato, 0xFC) + fonts_advance(f, lato, 0xDF) +
	    fonts_advance(f, lato, 'e');
	assert_true(sum > 2000 && sum < 3500);
	assert_float_equal(fonts_width(f, lato, s, strlen(s), 10.0),
	    sum / 100.0, 1e-9);
	/* the codes as the device writes them: two bytes, Unicode */
	tw = HPDF_Font_TextWidth(fonts_pdf_font(f, lato),
	    (const HPDF_BYTE *)"\0G\0r\0\xFC\0\xDF\0e", 10);
	assert_int_equal(tw.width, (HPDF_UINT)sum);
	/* beyond the BMP libharu draws a space; bad bytes draw nothing */
	assert_int_equal(fonts_advance(f, lato, 0x1F600),
	    fonts_advance(f, lato, ' '));
	assert_float_equal(fonts_width(f, lato, "G\xff", 2, 10.0),
	    fonts_advance(f, lato, 'G') / 100.0, 1e-9);
	assert_float_equal(fonts_width(f, lato, "", 0, 10.0), 0.0, 1e-9);
	fonts_free(f);
}

/*
 * [1/1000 em] HarfBuzz's own kerning of a two-letter pair, shaped with
 * its default features; NO_PAIR when it did not give two glyphs.
 */
static int
hb_pair(hb_font_t *font, const char *pair)
{
	hb_buffer_t		*buf = hb_buffer_create();
	hb_glyph_info_t		*info;
	hb_glyph_position_t	*pos;
	hb_face_t		*face = hb_font_get_face(font);
	unsigned		 n;
	int			 k = NO_PAIR;

	hb_buffer_add_utf8(buf, pair, -1, 0, -1);
	hb_buffer_guess_segment_properties(buf);
	hb_shape(font, buf, NULL, 0);
	info = hb_buffer_get_glyph_infos(buf, &n);
	pos = hb_buffer_get_glyph_positions(buf, NULL);
	if (n == 2)
		k = (int)lround((pos[0].x_advance -
		    hb_font_get_glyph_h_advance(font, info[0].codepoint)) *
		    1000.0 / hb_face_get_upem(face));
	hb_buffer_destroy(buf);
	return k;
}

static hb_font_t *
hb_open(const char *path)
{
	hb_blob_t	*blob = hb_blob_create_from_file(path);
	hb_face_t	*face = hb_face_create(blob, 0);
	hb_font_t	*font = hb_font_create(face);

	assert_true(hb_face_get_glyph_count(face) > 0);
	hb_font_set_scale(font, (int)hb_face_get_upem(face),
	    (int)hb_face_get_upem(face));
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return font;
}

/* AV, To, WA are kerned in Lato as HarfBuzz kerns them; oo is not. */
static void
kerning_is_harfbuzz_pair_kerning(void **state)
{
	static const struct {
		const char	*pair;
		int		 kern;	/* [1/1000 em] */
	} lato_pairs[] = {
		{ "AV", -54 }, { "To", -122 }, { "WA", -43 }, { "oo", 0 },
	};
	struct fonts	*f = fonts_new();
	face_id		 lato = fonts_open(f, LATO, NULL);
	face_id		 dejavu = fonts_open(f, DEJAVU, NULL);
	hb_font_t	*hb = hb_open(LATO), *hb_dejavu = hb_open(DEJAVU);
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(lato_pairs) / sizeof(lato_pairs[0]); i++) {
		const char *p = lato_pairs[i].pair;

		assert_int_equal(fonts_kern(f, lato, p[0], p[1]),
		    lato_pairs[i].kern);
		assert_int_equal(hb_pair(hb, p), lato_pairs[i].kern);
	}
	assert_true(fonts_kern(f, dejavu, 'A', 'V') < 0);
	assert_int_equal(fonts_kern(f, dejavu, 'A', 'V'),
	    hb_pair(hb_dejavu, "AV"));
	assert_int_equal(fonts_kern(f, dejavu, 'o', 'o'), 0);
	/* no glyph (U+4E2D), beyond the BMP: nothing to kern */
	assert_int_equal(fonts_kern(f, lato, 'A', 0x4E2D), 0);
	assert_int_equal(fonts_kern(f, lato, 0x1F600, 'A'), 0);
	assert_int_equal(fonts_kern(f, lato, 0, 0), 0);
	hb_font_destroy(hb);
	hb_font_destroy(hb_dejavu);
	fonts_free(f);
}

/* Every pair of characters from A to z, asked twice (the cache grows
 * meanwhile). */
static void
kerning_cache_agrees_with_harfbuzz(void **state)
{
	struct fonts	*f = fonts_new();
	face_id		 lato = fonts_open(f, LATO, NULL);
	hb_font_t	*hb = hb_open(LATO);
	char		 pair[3] = { 0, 0, 0 };
	int		 round, kerned = 0, k, want;

	(void)state;
	for (round = 0; round < 2; round++)
		for (pair[0] = 'A'; pair[0] <= 'z'; pair[0]++)
			for (pair[1] = 'A'; pair[1] <= 'z'; pair[1]++) {
				k = fonts_kern(f, lato, pair[0], pair[1]);
				/* pairs HarfBuzz ligates by default: none */
				if ((want = hb_pair(hb, pair)) == NO_PAIR)
					want = 0;
				assert_int_equal(k, want);
				kerned += round == 0 && k != 0;
			}
	assert_true(kerned > 100);
	hb_font_destroy(hb);
	fonts_free(f);
}

/*
 * Pairs on both sides of the plain table of Latin-1 pairs (the others
 * are hashed), in both orders, asked twice: HarfBuzz's kerning each time.
 */
static void
kerning_beyond_latin1(void **state)
{
	static const uint32_t	 cps[] = { 'A', 'T', 'V', 'W', 'Y', 'f', 'r',
		0xC4, 0xDD, 0xFE, 0xFF, 0x100, 0x104, 0x152, 0x178, 0x2013,
		0x2019, 0x201C, 0x201E };
	const size_t		 n = sizeof(cps) / sizeof(cps[0]);
	struct fonts		*f = fonts_new();
	face_id			 lato = fonts_open(f, LATO, NULL);
	hb_font_t		*hb = hb_open(LATO);
	char			 pair[2 * 4 + 1];
	size_t			 i, j, len;
	int			 round, k, want, hashed = 0;

	(void)state;
	for (round = 0; round < 2; round++)
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++) {
				len = utf8_encode(cps[i], pair);
				len += utf8_encode(cps[j], pair + len);
				pair[len] = '\0';
				k = fonts_kern(f, lato, cps[i], cps[j]);
				if ((want = hb_pair(hb, pair)) == NO_PAIR)
					want = 0;
				assert_int_equal(k, want);
				hashed += round == 0 && k != 0 &&
				    (cps[i] > 0xFF || cps[j] > 0xFF);
			}
	assert_true(hashed > 0);
	hb_font_destroy(hb);
	fonts_free(f);
}

/* A kerned width is the advances plus the pairs, each one reported. */
static void
kerned_widths(void **state)
{
	struct fonts	*f = fonts_new();
	face_id		 lato = fonts_open(f, LATO, NULL);
	const char	*s = "AV To";
	short		 kern[5];
	int		 sum;

	(void)state;
	sum = fonts_kern(f, lato, 'A', 'V') + fonts_kern(f, lato, 'V', ' ') +
	    fonts_kern(f, lato, ' ', 'T') + fonts_kern(f, lato, 'T', 'o');
	assert_float_equal(fonts_width_kerned(f, lato, s, 5, 10.0, kern),
	    fonts_width(f, lato, s, 5, 10.0) + sum / 100.0, 1e-9);
	assert_int_equal(kern[0], -54);
	assert_int_equal(kern[1], -36);		/* Lato kerns V and space */
	assert_int_equal(kern[2], fonts_kern(f, lato, ' ', 'T'));
	assert_int_equal(kern[3], -122);
	assert_int_equal(kern[4], 0);
	assert_float_equal(fonts_width_kerned(f, lato, s, 5, 10.0, NULL),
	    fonts_width(f, lato, s, 5, 10.0) + sum / 100.0, 1e-9);
	assert_float_equal(fonts_units_kerned(f, lato, s, 5) * 10.0 / 1000.0,
	    fonts_width_kerned(f, lato, s, 5, 10.0, NULL), 0.0);
	fonts_free(f);
}

/* Kerning as pairs: each value after the glyph the skips add up to, a
 * gap wider than a skip can say bridged by pairs of value 0. */
static void
kerning_pairs_bridge_wide_gaps(void **state)
{
	struct kern_pair	*v = NULL;
	size_t			 n = 0, cap = 0, last = 0;

	(void)state;
	n = kern_pairs_add(&v, n, &cap, &last, 0, -54);
	n = kern_pairs_add(&v, n, &cap, &last, 3, 12);
	n = kern_pairs_add(&v, n, &cap, &last, 3 + 70000, -7);
	assert_int_equal(n, 4);			/* three values, one gap */
	assert_true(cap >= n);
	assert_int_equal(last, 70003);
	assert_int_equal(v[0].skip, 0);
	assert_int_equal(v[0].value, -54);
	assert_int_equal(v[1].skip, 3);
	assert_int_equal(v[1].value, 12);
	assert_int_equal(v[2].skip, UINT16_MAX);
	assert_int_equal(v[2].value, 0);
	assert_int_equal(v[3].skip, 70000 - UINT16_MAX);
	assert_int_equal(v[3].value, -7);
	free(v);
}

static void
glyph_coverage_and_fallback(void **state)
{
	struct fonts	*f = fonts_new();
	face_id		 lato = fonts_open(f, LATO, NULL);
	face_id		 dejavu = fonts_open(f, DEJAVU, NULL);

	int		 round;

	(void)state;
	for (round = 0; round < 2; round++) {	/* the second from the cache */
		assert_true(fonts_has_glyph(f, lato, 0x2197));	/* ↗ */
		assert_true(fonts_has_glyph(f, lato, 0x2460));	/* ① */
		assert_true(fonts_has_glyph(f, lato, ' '));
		assert_false(fonts_has_glyph(f, lato, 0x2713));	/* ✓ */
		assert_false(fonts_has_glyph(f, lato, 0xFFFF));
		assert_false(fonts_has_glyph(f, lato, 0x1F600));
	}
	assert_true(fonts_has_glyph(f, dejavu, 0x2713));
	assert_int_equal(fonts_pick(f, lato, 0x2713), -1);
	fonts_add_fallback(f, dejavu);
	fonts_add_fallback(f, dejavu);
	assert_int_equal(fonts_pick(f, lato, 'A'), lato);
	assert_int_equal(fonts_pick(f, lato, 0x2713), dejavu);
	assert_int_equal(fonts_pick(f, lato, 0x1F600), -1);
	fonts_free(f);
}

static void
vertical_metrics(void **state)
{
	struct fonts	*f = fonts_new();
	face_id		 lato = fonts_open(f, LATO, NULL);

	(void)state;
	assert_int_equal(fonts_ascent(f, lato), 987);
	assert_int_equal(fonts_descent(f, lato), -213);
	assert_int_equal(fonts_cap_height(f, lato), 716);
	fonts_free(f);
}

/* A libharu error is reported once, then cleared. */
static void
libharu_errors_are_reported_and_cleared(void **state)
{
	struct fonts	*f = fonts_new();
	HPDF_Doc	 pdf = fonts_pdf_doc(f);
	HPDF_Page	 page = HPDF_AddPage(pdf);
	int		 before = diag_errors();

	(void)state;
	HPDF_Page_SetLineWidth(page, -1);
	capture_begin();
	assert_int_equal(fonts_pdf_check(f, NULL, "drawing"), -1);
	assert_non_null(strstr(capture_end(),
	    "drawing: libharu error 0x1056"));
	assert_int_equal(diag_errors(), before + 1);
	assert_int_equal(HPDF_GetError(pdf), HPDF_OK);
	assert_int_equal(fonts_pdf_check(f, NULL, "drawing"), 0);
	fonts_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refuses_damaged_files),
		cmocka_unit_test(refuses_damaged_tables),
		cmocka_unit_test(accepts_truetype_once),
		cmocka_unit_test(prepared_copies_and_paths),
		cmocka_unit_test(pdf_font_only_when_drawn),
		cmocka_unit_test(widths_are_sums_of_advances),
		cmocka_unit_test(kerning_is_harfbuzz_pair_kerning),
		cmocka_unit_test(kerning_cache_agrees_with_harfbuzz),
		cmocka_unit_test(kerning_beyond_latin1),
		cmocka_unit_test(kerned_widths),
		cmocka_unit_test(kerning_pairs_bridge_wide_gaps),
		cmocka_unit_test(glyph_coverage_and_fallback),
		cmocka_unit_test(vertical_metrics),
		cmocka_unit_test(libharu_errors_are_reported_and_cleared),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
