/*
 * Unit tests of render and its devices: the walk calls the device in
 * order; the text device prints the exact dump format; the PDF device
 * writes a file qpdf accepts, with the text extractable, justification
 * by one TJ per run (pair kerning in the same numbers), borderless
 * links, paths stroked and filled with their colour set before the
 * path, labels and outline, marked content tied to the structure tree
 * (decoration as artifacts), byte for byte the same on a second run,
 * and nothing at all (an existing file kept) when it fails; images of
 * every PNG kind and JPEGs are checked and embedded once, broken ones
 * refused without an abort.  Run from the top folder; needs qpdf,
 * pdftotext, pdfimages and ImageMagick's convert (the image test is
 * skipped without convert).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>

#include "diag.h"
#include "font.h"
#include "layout.h"
#include "render.h"

#define LATO	"fonts/Lato-Regular.ttf"

static char	 tmpdir[] = "/tmp/brochure-test-render.XXXXXX";

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
	char	*cmd = xasprintf("rm -rf '%s'", tmpdir);
	int	 rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* A path in the temporary folder (malloc'd). */
static char *
tmp(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

/* Everything a shell command prints, NUL bytes as '.' (malloc'd). */
static char *
run(const char *fmt, ...)
{
	struct strbuf	 out = { NULL, 0, 0 };
	char		 buf[4096], *cmd;
	va_list		 ap;
	size_t		 n;
	FILE		*fp;
	int		 len;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	assert_true(len > 0 && (size_t)len < sizeof(buf));
	cmd = xstrdup(buf);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	strbuf_puts(&out, "");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		while (memchr(buf, '\0', n) != NULL)
			*(char *)memchr(buf, '\0', n) = '.';
		strbuf_append(&out, buf, n);
	}
	pclose(fp);
	free(cmd);
	return out.data;
}

static int
count(const char *hay, const char *needle)
{
	int	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* The layout's colour of r, g, b [0..255]. */
static const struct color *
rgb(struct layout *l, int r, int g, int b)
{
	struct color	c = { .r = r / 255.0, .g = g / 255.0, .b = b / 255.0 };

	return layout_color(l, &c);
}

static void
add(struct layout *l, struct page *p, enum item_kind kind,
    enum item_role role, double x, double y, double w, double h,
    struct item *it)
{
	it->kind = kind;
	it->role = role;
	it->x = x, it->y = y, it->w = w, it->h = h;
	layout_add(l, p, it);
	memset(it, 0, sizeof(*it));
}

static void
glyphs(struct item *it, face_id face, double size, const struct color *c,
    const char *text, double word_space)
{
	it->u.glyphs.face = face;
	it->u.glyphs.size = size;
	it->u.glyphs.color = c;
	it->u.glyphs.text = text;
	it->u.glyphs.word_space = word_space;
}

/* A stroked quarter ring and a filled triangle on page p. */
static void
paths(struct layout *l, struct page *p, struct item *it)
{
	static const struct path_seg	 triangle[] = {
		{ PATH_MOVE, { { 0, 0 } } },
		{ PATH_LINE, { { 20, 0 } } },
		{ PATH_LINE, { { 10, 15.5 } } },
		{ PATH_CLOSE, { { 0, 0 } } },
	};
	struct path_seg			 arc[LAYOUT_ARC_SEGS];

	it->u.path.nsegs = layout_arc(arc, 31, 31, 27.5, 90, -90);
	it->u.path.segs = layout_path_copy(l, arc, it->u.path.nsegs);
	it->u.path.paint = PAINT_STROKE;
	it->u.path.color = rgb(l, 0, 0x73, 0x7a);
	it->u.path.width = 7;
	it->node = layout_add_node(l, SN_FIGURE, 0, NULL);
	l->nodes[it->node].alt = "Ein Viertel";
	add(l, p, ITEM_PATH, IR_CHART, 300, 400, 62, 62, it);
	it->u.path.segs = triangle;
	it->u.path.nsegs = sizeof(triangle) / sizeof(triangle[0]);
	it->u.path.paint = PAINT_FILL;
	it->u.path.color = rgb(l, 0xc9, 0xd0, 0xd2);
	add(l, p, ITEM_PATH, IR_DECORATION, 100, 100, 20, 15.5, it);
}

/* A cover without label, two numbered pages, links both ways. */
static struct layout *
sample(struct fonts *f)
{
	face_id		 lato = fonts_open(f, LATO, NULL);
	struct layout	*l = layout_new(595.28, 841.89);
	struct page	*p;
	struct item	 it;
	int		 para, link;

	assert_int_equal(lato, 0);
	memset(&it, 0, sizeof(it));
	l->info.title = "Kreativ \"Land\" \\ 2024";
	l->info.author = "Landesverband";
	l->info.keywords = "KMU, KKW";
	l->info.lang = "de";
	layout_add_outline(l, 1, "Vorwort", "sec-1");
	layout_add_outline(l, 2, "Ländliche Räume", "sec-2");
	p = layout_add_page(l, NULL);
	it.u.rect.color = rgb(l, 0xc0, 0x39, 0x2b);
	add(l, p, ITEM_RECT, IR_COVER, 0, 600, 595.28, 241.89, &it);
	glyphs(&it, lato, 28, rgb(l, 255, 255, 255),
	    "Innovation durch Kooperation", 0);
	add(l, p, ITEM_GLYPHS, IR_COVER, 56.69, 700, 400, 0, &it);
	p = layout_add_page(l, "1");
	it.u.dest.name = "sec-1";
	add(l, p, ITEM_DEST, IR_HEADING, 56.69, 785.2, 0, 0, &it);
	glyphs(&it, lato, 9.5, rgb(l, 26, 26, 26), "Grüße aus Köln ↗ ①", 0.35);
	para = layout_add_node(l, SN_P, layout_add_node(l, SN_SECT, 0, NULL),
	    "en");
	link = layout_add_node(l, SN_LINK, para, NULL);
	l->nodes[link].alt = "Köln";
	it.node = link;
	add(l, p, ITEM_GLYPHS, IR_PARAGRAPH, 56.69, 700.12, 240, 0, &it);
	it.u.link.uri = "https://example.org/Köln x";
	it.node = link;
	add(l, p, ITEM_LINK, IR_PARAGRAPH, 56.69, 697, 60, 12, &it);
	it.u.link.dest = "sec-2";
	add(l, p, ITEM_LINK, IR_NOTE, 120, 697, 30, 12, &it);
	it.u.rule.color = rgb(l, 153, 153, 153);
	it.u.rule.thickness = 0.5;
	add(l, p, ITEM_RULE, IR_DECORATION, 56.69, 60, 481.89, -0.001, &it);
	p = layout_add_page(l, "2");
	it.u.dest.name = "sec-2";
	add(l, p, ITEM_DEST, IR_SUBHEADING, 56.69, 500, 0, 0, &it);
	paths(l, p, &it);
	return l;
}

/* --- the walk --- */

static struct strbuf	 calls;

static int
rec_begin(void *ctx, const struct layout *l)
{
	strbuf_printf(&calls, "begin %zu;", l->npages);
	return ctx == NULL ? 0 : -1;
}

static void
rec_page(void *ctx, const struct page *p)
{
	(void)ctx;
	strbuf_printf(&calls, "page %d;", p->index);
}

static void
rec_item(void *ctx, const struct item *it)
{
	(void)ctx;
	strbuf_printf(&calls, "%s;", item_kind_names[it->kind]);
}

static void
rec_end_page(void *ctx, const struct page *p)
{
	(void)ctx;
	strbuf_printf(&calls, "end %d;", p->index);
}

static int
rec_end(void *ctx)
{
	(void)ctx;
	strbuf_puts(&calls, "end");
	return 0;
}

static void
walk_calls_the_device_in_order(void **state)
{
	struct fonts	*f = fonts_new();
	struct layout	*l = sample(f);
	int		 failing = 1;
	struct device	 dev = {
		.ctx = NULL,
		.begin = rec_begin,
		.begin_page = rec_page,
		.item = {
			[ITEM_GLYPHS] = rec_item,
			[ITEM_RULE] = rec_item,
			[ITEM_RECT] = rec_item,
			[ITEM_IMAGE] = rec_item,
			[ITEM_LINK] = rec_item,
			[ITEM_DEST] = NULL,	/* ignored */
			[ITEM_PATH] = rec_item,
		},
		.end_page = rec_end_page,
		.end = rec_end,
	};

	(void)state;
	assert_int_equal(render(l, &dev), 0);
	assert_string_equal(calls.data, "begin 3;page 0;rect;glyphs;end 0;"
	    "page 1;glyphs;link;link;rule;end 1;page 2;path;path;end 2;end");
	strbuf_free(&calls);
	dev.ctx = &failing;		/* begin fails: no pages, but end */
	assert_int_equal(render(l, &dev), -1);
	assert_string_equal(calls.data, "begin 3;end");
	strbuf_free(&calls);
	layout_free(l);
	fonts_free(f);
}

/* --- the text device --- */

static const char expected_dump[] =
    "document 595.28x841.89 pages=3\n"
    "info title=\"Kreativ \\\"Land\\\" \\\\ 2024\" subject=\"\" "
    "author=\"Landesverband\" keywords=\"KMU, KKW\" lang=de\n"
    "outline 1 \"Vorwort\" -> sec-1\n"
    "outline 2 \"Ländliche Räume\" -> sec-2\n"
    "struct 0 Document\n"
    "struct 1 Sect in 0\n"
    "struct 2 P in 1 lang=en\n"
    "struct 3 Link in 2 alt=\"Köln\"\n"
    "struct 4 Figure in 0 alt=\"Ein Viertel\"\n"
    "page 1\n"
    "  tag artifact\n"
    "  rect cover 0.00 600.00 595.28 241.89 #c0392b\n"
    "  glyphs cover 56.69 700.00 w=400.00 Lato-Regular 28.00 #ffffff "
    "ws=0.00 \"Innovation durch Kooperation\"\n"
    "page 2 label=\"1\"\n"
    "  dest sec-1 56.69 785.20\n"
    "  tag 3 Link\n"
    "  glyphs paragraph 56.69 700.12 w=240.00 Lato-Regular 9.50 #1a1a1a "
    "ws=0.35 \"Grüße aus Köln ↗ ①\"\n"
    "  link paragraph 56.69 697.00 60.00 12.00 "
    "uri=\"https://example.org/Köln x\"\n"
    "  tag artifact\n"
    "  link note 120.00 697.00 30.00 12.00 dest=sec-2\n"
    "  rule decoration 56.69 60.00 481.89 0.00 0.50 #999999\n"
    "page 3 label=\"2\"\n"
    "  dest sec-2 56.69 500.00\n"
    "  tag 4 Figure\n"
    "  path chart 300.00 400.00 62.00 62.00 stroke 7.00 #00737a "
    "M 31.00 58.50 C 46.19 58.50 58.50 46.19 58.50 31.00\n"
    "  tag artifact\n"
    "  path decoration 100.00 100.00 20.00 15.50 fill #c9d0d2 M 0.00 0.00 "
    "L 20.00 0.00 L 10.00 15.50 Z\n";

static void
text_device_prints_the_dump(void **state)
{
	struct fonts	*f = fonts_new();
	struct layout	*l = sample(f);
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*out = open_memstream(&buf, &len);

	(void)state;
	assert_int_equal(render_text(l, f, out), 0);
	fclose(out);
	assert_string_equal(buf, expected_dump);
	free(buf);
	layout_free(l);
	fonts_free(f);
}

/* --- the PDF device --- */

static void
pdf_is_valid_and_complete(void **state)
{
	struct fonts	*f = fonts_new();
	struct layout	*l = sample(f);
	char		*pdf = tmp("sample.pdf"), *out;

	(void)state;
	assert_int_equal(render_pdf(l, f, pdf), 0);
	out = run("qpdf --check '%s' >/dev/null 2>&1 && echo ok", pdf);
	assert_string_equal(out, "ok\n");
	free(out);
	out = run("pdftotext '%s' - 2>/dev/null", pdf);
	assert_non_null(strstr(out, "Innovation durch Kooperation"));
	assert_non_null(strstr(out, "Grüße aus Köln ↗ ①"));
	free(out);
	out = run("pdfinfo '%s' 2>/dev/null", pdf);
	assert_non_null(strstr(out, "Pages:           3"));
	assert_non_null(strstr(out, "Creator:         brochure"));
	assert_non_null(strstr(out, "Title:           Kreativ \"Land\" \\ 2024"));
	free(out);
	/* text is drawn in literal strings of two-byte codes: NUL as @ */
	out = run("qpdf --qdf --object-streams=disable --normalize-content=n "
	    "'%s' - 2>/dev/null | tr '\\000' '@'", pdf);
	assert_int_equal(count(out, "/Border [\n    0\n    0\n    0\n  ]"),
	    2);
	assert_int_equal(count(out, "/Border"), 2);
	assert_non_null(strstr(out, "(https://example.org/K%C3%B6ln%20x)"));
	assert_non_null(strstr(out, "[(@G@r@\xfc@\xdf@e@ )-36.842(@a@u@s@ )"
	    "-36.842(@K@\xf6@l@n@ )-36.842(!\x97@ )-36.842($`)] TJ"));
	assert_null(strstr(out, " Tw"));
	assert_null(strstr(out, " Tc"));
	/* one destination per name: the link to sec-2 and its outline
	 * entry share one */
	assert_int_equal(count(out, "/XYZ"), 2);
	assert_non_null(strstr(out, "/PageMode /UseOutlines"));
	/* the paths: colour and width before the path, then paint */
	assert_non_null(strstr(out, "7 w\n0 .451 .478 RG\n331 458.5 m\n"
	    "346.1878"));
	assert_non_null(strstr(out, " 358.5 431 c\nS\n"));
	assert_non_null(strstr(out, ".788 .816 .824 rg\n100 100 m\n"
	    "120 100 l\n110 115.5 l\nh\nf\n"));
	/* a rect, a rule and fonts, single floats to five decimals */
	assert_non_null(strstr(out, ".753 .224 .169 rg\n"
	    "0 600 595.28003 241.89 re\nf\n"));
	assert_non_null(strstr(out, ".5 w\n.6 .6 .6 RG\n56.69 60 m\n"
	    "538.58002 59.999 l\nS\n"));
	assert_non_null(strstr(out, "/F1 28 Tf\n"));
	assert_non_null(strstr(out, "/F1 9.5 Tf\n"));
	/* tagged: marked content tied to the structure, decoration apart */
	assert_non_null(strstr(out, "/Link <</MCID 0>> BDC\n"));
	assert_non_null(strstr(out, "/Figure <</MCID 0>> BDC\n"));
	assert_non_null(strstr(out, "EMC\n/Artifact <</Type /Layout>> BDC\n"));
	assert_int_equal(count(out, "/StructParents "), 3);
	assert_int_equal(count(out, "/StructParent 3\n"), 1);
	assert_non_null(strstr(out, "/Marked true"));
	assert_non_null(strstr(out, "/Lang (de)"));
	assert_non_null(strstr(out, "/Lang (en)"));
	assert_non_null(strstr(out, "/Alt (Ein Viertel)"));
	assert_non_null(strstr(out, "/DisplayDocTitle true"));
	/* the cover: a range without numbers; then 1, 2 */
	assert_non_null(strstr(out, "/Nums [\n      0\n      <<\n      >>\n"
	    "      1\n      <<\n        /S /D\n        /St 1\n      >>\n"
	    "    ]"));
	free(out);
	free(pdf);
	layout_free(l);
	fonts_free(f);
}

/*
 * A kerned run: the dump lists the pairs, the TJ moves each glyph by
 * its kerning (combined with the word space after a space), and
 * pdftotext still finds the words.
 */
static void
pdf_draws_kerning(void **state)
{
	struct fonts	*f = fonts_new();
	face_id		 lato = fonts_open(f, LATO, NULL);
	struct layout	*l = layout_new(595.28, 841.89);
	struct page	*p = layout_add_page(l, NULL);
	char		*pdf = tmp("kern.pdf"), *out, *dump = NULL;
	short		 kern[5];
	struct kern_pair *pairs = NULL;
	size_t		 npairs = 0, cap = 0, last = 0, g;
	double		 width;
	struct item	 it;
	size_t		 len = 0;
	FILE		*fp = open_memstream(&dump, &len);

	(void)state;
	memset(&it, 0, sizeof(it));
	glyphs(&it, lato, 10, rgb(l, 0, 0, 0), "AV To", 1.0);
	width = fonts_width_kerned(f, lato, "AV To", 5, 10, kern) + 1.0;
	for (g = 0; g < 5; g++)
		if (kern[g] != 0)
			npairs = kern_pairs_add(&pairs, npairs, &cap, &last, g,
			    kern[g]);
	it.u.glyphs.kern = layout_kern(l, pairs, npairs);
	it.u.glyphs.nkern = npairs;
	free(pairs);
	add(l, p, ITEM_GLYPHS, IR_HEADING, 100, 700, width, 0, &it);
	assert_int_equal(render_text(l, f, fp), 0);
	fclose(fp);
	assert_non_null(strstr(dump, " ws=1.00 kern=0:-54,1:-36,2:-30,"
	    "3:-122 \"AV To\"\n"));
	assert_int_equal(render_pdf(l, f, pdf), 0);
	out = run("qpdf --qdf --object-streams=disable --normalize-content=n "
	    "'%s' - 2>/dev/null | tr '\\000' '@'", pdf);
	assert_non_null(strstr(out, "[(@A)54(@V)36(@ )-70(@T)122(@o)] TJ"));
	free(out);
	out = run("pdftotext '%s' - 2>/dev/null", pdf);
	assert_non_null(strstr(out, "AV To"));
	free(out);
	free(dump);
	free(pdf);
	layout_free(l);
	fonts_free(f);
}

/* The /ID of the sample drawn to path, with change (if any) made to
 * the first item of its second page. */
static char *
sample_id(const char *path, int change)
{
	struct fonts	*f = fonts_new();
	struct layout	*l = sample(f);
	struct item	*it = &l->pages[1].items[0];

	if (change == 1)
		it->x += 0.001;		/* 1/1000 pt aside */
	else if (change == 2)
		it->role = it->role == IR_NOTE ? IR_QUOTE : IR_NOTE;
	assert_int_equal(render_pdf(l, f, path), 0);
	layout_free(l);
	fonts_free(f);
	return run("qpdf --show-object=trailer '%s' | "
	    "grep -o '/ID \\[[^]]*\\]'", path);
}

static void
pdf_is_reproducible(void **state)
{
	char		*a = tmp("a.pdf"), *b = tmp("b.pdf"), *out, *id;
	const char	*paths[2] = { a, b };
	struct fonts	*f;
	struct layout	*l;
	int		 i, change;

	(void)state;
	for (i = 0; i < 2; i++) {
		f = fonts_new();
		l = sample(f);
		assert_int_equal(render_pdf(l, f, paths[i]), 0);
		layout_free(l);
		fonts_free(f);
	}
	out = run("cmp '%s' '%s' && echo same", a, b);
	assert_string_equal(out, "same\n");
	free(out);
	/* an item moved by 1/1000 pt, or of another role: another /ID */
	id = sample_id(a, 0);
	assert_true(strlen(id) > strlen("/ID [<>]\n"));
	for (change = 1; change <= 2; change++) {
		out = sample_id(b, change);
		assert_string_not_equal(out, id);
		free(out);
	}
	free(id);
	free(a);
	free(b);
}

/* Whether the folder holds a file whose name starts with prefix. */
static int
leftover(const char *prefix)
{
	DIR		*dir = opendir(tmpdir);
	struct dirent	*e;
	int		 found = 0;

	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL)
		found |= strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(dir);
	return found;
}

static void
pdf_write_failure_leaves_no_file(void **state)
{
	struct fonts	*f = fonts_new();
	struct layout	*l = sample(f);
	char		*pdf = tmp("missing/folder/out.pdf");
	int		 before = diag_errors();

	(void)state;
	assert_int_equal(render_pdf(l, f, pdf), -1);
	assert_int_equal(diag_errors(), before + 1);
	assert_int_equal(access(pdf, F_OK), -1);
	free(pdf);
	layout_free(l);
	fonts_free(f);
}

/* A link to nowhere fails the render; the old file stays as it was. */
static void
pdf_failure_keeps_existing_file(void **state)
{
	struct fonts	*f = fonts_new();
	struct layout	*l = sample(f);
	char		*pdf = tmp("keep.pdf"), *out;
	struct item	 it;
	FILE		*fp;
	int		 before = diag_errors();

	(void)state;
	fp = fopen(pdf, "w");
	assert_non_null(fp);
	fputs("the good old file\n", fp);
	fclose(fp);
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_LINK;
	it.u.link.dest = "nowhere";
	layout_add(l, &l->pages[1], &it);
	assert_int_equal(render_pdf(l, f, pdf), -1);
	assert_int_equal(diag_errors(), before + 1);
	out = run("cat '%s'", pdf);
	assert_string_equal(out, "the good old file\n");
	assert_false(leftover(".keep.pdf."));
	free(out);
	free(pdf);
	layout_free(l);
	fonts_free(f);
}

/* --- images --- */

struct image_case {
	const char	*name;
	const char	*convert;	/* arguments after "convert" */
	int		 width, height;
};

static const struct image_case good_images[] = {
	{ "rgb.png", "-size 64x48 gradient:red-blue PNG24:", 64, 48 },
	{ "rgba.png", "-size 60x40 gradient:red-blue -alpha set -channel A "
	    "-evaluate set 50% PNG32:", 60, 40 },
	{ "palette.png", "-size 50x30 gradient:red-blue -colors 16 PNG8:",
	    50, 30 },
	{ "gray.png", "-size 40x30 gradient:white-black -colorspace Gray "
	    "-depth 8 PNG:", 40, 30 },
	{ "deep.png", "-size 30x20 gradient:red-blue -depth 16 PNG48:", 30,
	    20 },
	{ "interlaced.png", "-size 33x17 gradient:red-blue -interlace PNG "
	    "PNG24:", 33, 17 },
	{ "photo.jpg", "-size 80x60 gradient:red-blue -quality 80 JPEG:", 80,
	    60 },
};

/* Copy the first len bytes of a file, optionally flipping byte flip. */
static char *
damaged_copy(const char *from, const char *name, long len, long flip)
{
	char	*path = tmp(name), *src = tmp(from);
	FILE	*in = fopen(src, "rb"), *out = fopen(path, "wb");
	long	 i;
	int	 c;

	assert_true(in != NULL && out != NULL);
	for (i = 0; (len < 0 || i < len) && (c = getc(in)) != EOF; i++)
		putc(i == flip ? c ^ 0xff : c, out);
	fclose(in);
	fclose(out);
	free(src);
	return path;
}

/* The offset of the CRC of the first IDAT chunk. */
static long
idat_crc(const char *name)
{
	char		*path = tmp(name);
	FILE		*fp = fopen(path, "rb");
	unsigned char	 h[8];
	long		 off = 8, len;

	assert_non_null(fp);
	for (;;) {
		fseek(fp, off, SEEK_SET);
		assert_int_equal(fread(h, 1, 8, fp), 8);
		len = (long)h[0] << 24 | h[1] << 16 | h[2] << 8 | h[3];
		if (memcmp(h + 4, "IDAT", 4) == 0)
			break;
		off += 12 + len;
	}
	fclose(fp);
	free(path);
	return off + 8 + len;
}

static void
refused_image(const char *path)
{
	int	 w = -1, h = -1, before = diag_errors();

	assert_int_equal(render_image_size(path, NULL, &w, &h), -1);
	assert_int_equal(diag_errors(), before + 1);
}

static void
images_checked_and_embedded_once(void **state)
{
	struct fonts	*f;
	struct layout	*l;
	struct page	*p;
	struct item	 it;
	char		*path, *out, *pdf = tmp("images.pdf");
	int		 w, h;
	size_t		 i;

	(void)state;
	if (system("command -v convert >/dev/null 2>&1") != 0)
		skip();
	f = fonts_new();
	l = layout_new(595, 842);
	p = layout_add_page(l, "1");
	for (i = 0; i < sizeof(good_images) / sizeof(good_images[0]); i++) {
		path = tmp(good_images[i].name);
		free(run("convert %s'%s'", good_images[i].convert, path));
		assert_int_equal(render_image_size(path, NULL, &w, &h), 0);
		assert_int_equal(w, good_images[i].width);
		assert_int_equal(h, good_images[i].height);
		memset(&it, 0, sizeof(it));
		it.kind = ITEM_IMAGE;
		it.role = IR_FIGURE;
		it.x = 10, it.y = 10 + 100.0 * i, it.w = w, it.h = h;
		it.u.image.path = layout_strdup(l, path);
		layout_add(l, p, &it);
		it.x = 300;
		layout_add(l, p, &it);		/* the same file again */
		free(path);
	}
	assert_int_equal(render_pdf(l, f, pdf), 0);
	out = run("qpdf --check '%s' >/dev/null 2>&1 && echo ok", pdf);
	assert_string_equal(out, "ok\n");
	free(out);
	/* 7 images drawn twice, embedded once, plus the RGBA's soft mask */
	out = run("pdfimages -list '%s' 2>/dev/null | tail -n +3", pdf);
	assert_int_equal(count(out, "\n"), 16);
	assert_int_equal(count(out, " smask "), 2);
	assert_int_equal(count(out, " jpeg "), 2);
	free(out);
	out = run("qpdf --qdf --object-streams=disable '%s' - 2>/dev/null",
	    pdf);
	assert_int_equal(count(out, "/Subtype /Image"), 8);
	assert_int_equal(count(out, "/SMask"), 1);
	free(out);
	out = run("head -c 8 '%s'", pdf);
	/* soft masks need 1.4; PDF/A-2 and PDF/UA-1 build on 1.7 */
	assert_string_equal(out, "%PDF-1.7");
	free(out);
	free(pdf);
	layout_free(l);
	fonts_free(f);

	path = damaged_copy("rgb.png", "short.png", 200, -1);
	refused_image(path);
	free(path);
	path = damaged_copy("rgb.png", "crc.png", -1, idat_crc("rgb.png"));
	refused_image(path);
	free(path);
	path = damaged_copy("photo.jpg", "short.jpg", 400, -1);
	refused_image(path);
	free(path);
	refused_image(LATO);
	path = tmp("no-such.png");
	refused_image(path);
	free(path);
}

/* A broken image fails the render and the file is not written. */
static void
pdf_with_broken_image_fails(void **state)
{
	struct fonts	*f = fonts_new();
	struct layout	*l = sample(f);
	char		*pdf = tmp("broken.pdf");
	struct item	 it;
	int		 before = diag_errors();

	(void)state;
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_IMAGE;
	it.w = it.h = 10;
	it.u.image.path = LATO;
	layout_add(l, &l->pages[2], &it);
	layout_add(l, &l->pages[2], &it);
	assert_int_equal(render_pdf(l, f, pdf), -1);
	assert_int_equal(diag_errors(), before + 1);
	assert_int_equal(access(pdf, F_OK), -1);
	assert_false(leftover(".broken.pdf."));
	free(pdf);
	layout_free(l);
	fonts_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(walk_calls_the_device_in_order),
		cmocka_unit_test(text_device_prints_the_dump),
		cmocka_unit_test(pdf_is_valid_and_complete),
		cmocka_unit_test(pdf_draws_kerning),
		cmocka_unit_test(pdf_is_reproducible),
		cmocka_unit_test(pdf_write_failure_leaves_no_file),
		cmocka_unit_test(pdf_failure_keeps_existing_file),
		cmocka_unit_test(images_checked_and_embedded_once),
		cmocka_unit_test(pdf_with_broken_image_fails),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
