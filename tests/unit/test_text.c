/*
 * test_text: setting styled spans into lines with the real fonts
 * (Lato, DejaVu Sans as the fallback).  Run from the top of the tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "font.h"
#include "layout.h"
#include "text.h"

#define WIDTH_SLACK	0.01	/* [pt] */

struct fixture {
	struct fonts	*fonts;
	face_id		 regular, bold, dejavu;
	struct text_scratch *scratch;	/* every test's paragraphs, in turn */
};

static struct fixture	fx;

static const char *const text_de =
    "Die Kultur- und Kreativwirtschaft verbindet in ländlichen Räumen "
    "kleine und mittlere Unternehmen mit Partnerinnen und Partnern aus "
    "zwölf Teilmärkten. Aus solchen Kooperationen entstehen neue "
    "Produkte, Dienstleistungen und Orte, die eine Region für Fachkräfte "
    "und Gäste anziehender machen und Wertschöpfungsketten verlängern.";

static int
setup(void **state)
{
	struct srcpos	pos = { "test", 0 };

	(void)state;
	fx.fonts = fonts_new();
	fx.regular = fonts_open(fx.fonts, "fonts/Lato-Regular.ttf", &pos);
	fx.bold = fonts_open(fx.fonts, "fonts/Lato-Bold.ttf", &pos);
	fx.dejavu = fonts_open(fx.fonts, "fonts/DejaVuSans.ttf", &pos);
	if (fx.regular < 0 || fx.bold < 0 || fx.dejavu < 0)
		return -1;
	fonts_add_fallback(fx.fonts, fx.dejavu);
	fx.scratch = text_scratch_new();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	text_scratch_free(fx.scratch);
	fonts_free(fx.fonts);
	return 0;
}

static struct span
mkspan(const char *text, face_id face)
{
	struct span	sp;

	memset(&sp, 0, sizeof(sp));
	sp.text = text;
	sp.len = strlen(text);
	sp.face = face;
	sp.size = 10.0;
	sp.pos.file = "test.xml";
	sp.pos.line = 7;
	return sp;
}

static void
add(struct span_list *l, const char *text, face_id face)
{
	struct span	sp = mkspan(text, face);

	span_list_add(l, &sp);
}

static void
params_init(struct text_params *p, double width, enum text_align align)
{
	memset(p, 0, sizeof(*p));
	p->width = width;
	p->align = align;
	p->space_stretch = 0.25;
	p->space_shrink = 0.1;
	p->tolerance = 2.5;
	p->emergency_stretch = 15.0;
	p->hyphen = "-";
	p->hyphen_penalty = 50;
}

/* The text of a line, runs joined (malloc'd). */
static char *
line_text(const struct text_line *tl)
{
	struct strbuf	b = { NULL, 0, 0 };
	size_t		k;

	strbuf_puts(&b, "");
	for (k = 0; k < tl->nruns; k++)
		strbuf_puts(&b, tl->runs[k].text);
	return b.data;
}

/*
 * A run is as wide as its advances and its kerning, and carries that
 * kerning (NULL when there is none) for the renderer.
 */
static void
assert_run_kerned(const struct text_run *r)
{
	size_t	 len = strlen(r->text), i;
	short	*kern = calloc(len, sizeof(*kern));
	short	*kept = calloc(len, sizeof(*kept));
	int	 any = 0;

	assert_non_null(kern);
	assert_non_null(kept);
	assert_float_equal(r->width, fonts_width_kerned(fx.fonts, r->face,
	    r->text, len, r->size, kern), 1e-9);
	layout_kern_expand(r->kern, r->nkern, kept, len);
	for (i = 0; i < len; i++) {
		any |= kern[i] != 0;
		assert_int_equal(kept[i], kern[i]);
	}
	for (i = 0; i < r->nkern; i++)
		assert_int_not_equal(r->kern[i].value, 0);
	assert_int_equal(r->kern != NULL, any);
	assert_int_equal(r->nkern > 0, any);
	free(kept);
	free(kern);
}

/* Every line's parts add up: runs measured, placed and as wide as said. */
static void
assert_consistent(const struct text_block *tb)
{
	const struct text_line	*tl;
	const struct text_run	*r;
	size_t			 i, k;
	double			 x;

	for (i = 0; i < tb->nlines; i++) {
		tl = &tb->lines[i];
		assert_true(tl->nruns > 0);
		x = tl->runs[0].x;
		for (k = 0; k < tl->nruns; k++) {
			r = &tl->runs[k];
			assert_float_equal(r->x, x, 1e-9);
			assert_run_kerned(r);
			x += r->width + tl->word_space * r->spaces;
		}
		assert_float_equal(x - tl->runs[0].x, tl->width, 1e-6);
	}
}

static void
set(const char *text, const struct text_params *p, struct text_block *tb)
{
	struct span_list	l = { NULL, 0, 0 };

	add(&l, text, fx.regular);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, p, tb), 0);
	span_list_free(&l);
	assert_consistent(tb);
}

/* Justified lines reach the measure exactly; the last keeps its spaces. */
static void
justified_width(void **state)
{
	struct text_params	p;
	struct text_block	tb;
	size_t			i;

	(void)state;
	params_init(&p, 200.0, ALIGN_JUSTIFY);
	set(text_de, &p, &tb);
	assert_true(tb.nlines >= 4);
	for (i = 0; i + 1 < tb.nlines; i++) {
		assert_float_equal(tb.lines[i].width, 200.0, WIDTH_SLACK);
		assert_true(tb.lines[i].word_space != 0.0);
		assert_float_equal(tb.lines[i].runs[0].x, 0.0, 1e-9);
	}
	assert_float_equal(tb.lines[i].word_space, 0.0, 0.0);
	assert_true(tb.lines[i].width < 200.0);
	assert_int_equal(tb.overfull, 0);
	/* Lato: ascent 987/1000 em */
	assert_float_equal(tb.lines[0].ascent, 9.87, 1e-9);
	text_block_free(&tb);
}

/* Kerned lines still reach the measure exactly. */
static void
kerned_justified_width(void **state)
{
	struct text_params	p;
	struct text_block	tb;
	size_t			i, k;
	int			kerned = 0;

	(void)state;
	params_init(&p, 120.0, ALIGN_JUSTIFY);
	set("AVATAR Tour: WAVE To Vorwort, Yoga und AV-Technik. "
	    "Verträge über Wälder, Täler, Tore und Wege. "
	    "AVATAR Tour: WAVE To Vorwort, Yoga und AV-Technik.", &p, &tb);
	assert_true(tb.nlines >= 4);
	for (i = 0; i < tb.nlines; i++)
		for (k = 0; k < tb.lines[i].nruns; k++)
			kerned += tb.lines[i].runs[k].kern != NULL;
	assert_true(kerned >= 3);
	for (i = 0; i + 1 < tb.nlines; i++)
		assert_float_equal(tb.lines[i].width, 120.0, 1e-9);
	assert_int_equal(tb.overfull, 0);
	text_block_free(&tb);
}

/* Lines are broken with the kerned widths, spaces' kerning included. */
static void
kerned_breaks(void **state)
{
	const char		*s = "AV To WA Vo";
	struct text_params	 p;
	struct text_block	 tb;
	double			 w;

	(void)state;
	w = fonts_width_kerned(fx.fonts, fx.regular, s, strlen(s), 10.0,
	    NULL);
	assert_true(w < fonts_width(fx.fonts, fx.regular, s, strlen(s), 10.0)
	    - 1.0);
	params_init(&p, w + 0.001, ALIGN_LEFT);
	set(s, &p, &tb);
	assert_int_equal(tb.nlines, 1);
	assert_float_equal(tb.lines[0].width, w, 1e-9);
	assert_int_equal(tb.lines[0].runs[0].kern[0].skip, 0);
	assert_int_equal(tb.lines[0].runs[0].kern[0].value, -54); /* AV */
	text_block_free(&tb);
	params_init(&p, w - 0.05, ALIGN_LEFT);
	set(s, &p, &tb);
	assert_int_equal(tb.nlines, 2);
	text_block_free(&tb);
}

/* Kerning joins characters of one run only. */
static void
kerning_within_runs(void **state)
{
	struct span_list	 l = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 tb;
	const struct text_line	*tl;

	(void)state;
	params_init(&p, 400.0, ALIGN_LEFT);
	add(&l, "A", fx.regular);
	add(&l, "V", fx.bold);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	assert_consistent(&tb);
	tl = &tb.lines[0];
	assert_int_equal(tl->nruns, 2);
	assert_null(tl->runs[0].kern);
	assert_null(tl->runs[1].kern);
	assert_float_equal(tl->runs[0].width,
	    fonts_advance(fx.fonts, fx.regular, 'A') / 100.0, 1e-9);
	text_block_free(&tb);
	span_list_free(&l);
	add(&l, "A", fx.regular);
	add(&l, "V", fx.regular);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	assert_consistent(&tb);
	tl = &tb.lines[0];
	assert_int_equal(tl->nruns, 1);
	assert_int_equal(tl->runs[0].nkern, 1);		/* after A only */
	assert_int_equal(tl->runs[0].kern[0].skip, 0);
	assert_int_equal(tl->runs[0].kern[0].value, -54);
	text_block_free(&tb);
	span_list_free(&l);
}

/* White space collapses, at the ends and across spans. */
static void
whitespace(void **state)
{
	struct span_list	 l = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 tb;
	char			*t;

	(void)state;
	add(&l, " \t Hello \n\t ", fx.regular);
	add(&l, "  world\n", fx.regular);
	add(&l, "again  ", fx.regular);
	add(&l, " \n ", fx.regular);
	params_init(&p, 400.0, ALIGN_JUSTIFY);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	assert_int_equal(tb.nlines, 1);
	assert_int_equal(tb.lines[0].nruns, 1);
	assert_string_equal(tb.lines[0].runs[0].text, "Hello world again");
	assert_int_equal(tb.lines[0].runs[0].spaces, 2);
	text_block_free(&tb);
	span_list_free(&l);

	add(&l, " \n\t ", fx.regular);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), -1);
	assert_int_equal(tb.nlines, 0);
	text_block_free(&tb);
	span_list_free(&l);

	/* a no-break space is part of the word, drawn, not stretched */
	add(&l, "Nr.\xC2\xA0" "5 und\xE2\x80\xAF" "6", fx.regular);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	t = line_text(&tb.lines[0]);
	assert_string_equal(t, "Nr.\xC2\xA0" "5 und\xE2\x80\xAF" "6");
	assert_int_equal(tb.lines[0].runs[0].spaces, 1);
	free(t);
	text_block_free(&tb);
	span_list_free(&l);
}

/* "simul" + superscript "+" is one word, never parted. */
static void
word_across_spans(void **state)
{
	struct span_list	 l = { NULL, 0, 0 };
	struct span		 sup = mkspan("+", fx.regular);
	struct text_params	 p;
	struct text_block	 tb;
	const struct text_line	*tl;
	size_t			 i, k;
	int			 seen = 0;

	(void)state;
	sup.size = 6.0;
	sup.rise = 4.0;
	add(&l, "Gefördert durch das Programm simul", fx.regular);
	span_list_add(&l, &sup);
	add(&l, " des Landes und weitere Partner.", fx.regular);
	params_init(&p, 150.0, ALIGN_LEFT);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	assert_consistent(&tb);
	for (i = 0; i < tb.nlines; i++) {
		tl = &tb.lines[i];
		for (k = 0; k < tl->nruns; k++) {
			if (strcmp(tl->runs[k].text, "+") != 0)
				continue;
			seen = 1;
			assert_true(k > 0);
			assert_float_equal(tl->runs[k].size, 6.0, 0.0);
			assert_float_equal(tl->runs[k].rise, 4.0, 0.0);
			assert_non_null(strstr(tl->runs[k - 1].text, "simul"));
			assert_float_equal(tl->ascent, 6.0 * 0.987 + 4.0,
			    1e-9);
		}
	}
	assert_true(seen);
	text_block_free(&tb);
	span_list_free(&l);
}

/* A line may end after the explicit hyphen, which is not doubled. */
static void
explicit_hyphen(void **state)
{
	struct text_params	 p;
	struct text_block	 tb;
	char			*t;

	(void)state;
	params_init(&p, 80.0, ALIGN_LEFT);
	set("Kultur-Kreativwirtschaft", &p, &tb);
	assert_int_equal(tb.nlines, 2);
	t = line_text(&tb.lines[0]);
	assert_string_equal(t, "Kultur-");
	free(t);
	assert_int_equal(tb.lines[0].hyphenated, 1);
	t = line_text(&tb.lines[1]);
	assert_string_equal(t, "Kreativwirtschaft");
	free(t);
	text_block_free(&tb);

	/* "E-Mail": one character before the hyphen is too few */
	params_init(&p, fonts_width(fx.fonts, fx.regular, "E-Mail", 6, 10.0) +
	    0.5, ALIGN_LEFT);
	p.hyphen_penalty = 0;
	set("Die E-Mail", &p, &tb);
	assert_int_equal(tb.nlines, 2);
	t = line_text(&tb.lines[0]);
	assert_string_equal(t, "Die");
	free(t);
	text_block_free(&tb);
}

/* A soft hyphen is drawn only where the line breaks. */
static void
soft_hyphen(void **state)
{
	struct text_params	 p;
	struct text_block	 tb;
	const struct text_run	*r;
	char			*t;

	(void)state;
	params_init(&p, 300.0, ALIGN_JUSTIFY);
	set("Kreativ\xC2\xADwirtschaft", &p, &tb);
	assert_int_equal(tb.nlines, 1);
	t = line_text(&tb.lines[0]);
	assert_string_equal(t, "Kreativwirtschaft");
	free(t);
	text_block_free(&tb);

	params_init(&p, 60.0, ALIGN_JUSTIFY);
	set("Kreativ\xC2\xADwirtschaft", &p, &tb);
	assert_int_equal(tb.nlines, 2);
	t = line_text(&tb.lines[0]);
	assert_string_equal(t, "Kreativ-");
	free(t);
	r = &tb.lines[0].runs[tb.lines[0].nruns - 1];
	assert_float_equal(r->width, fonts_width_kerned(fx.fonts, fx.regular,
	    "Kreativ-", 8, 10.0, NULL), 1e-9);
	assert_int_equal(tb.lines[0].hyphenated, 1);
	t = line_text(&tb.lines[1]);
	assert_string_equal(t, "wirtschaft");
	free(t);
	text_block_free(&tb);
}

/* A hyphenator that allows a break after every byte. */
static void
hyphenate_everywhere(void *arg, const char *word, size_t len,
    unsigned char *breaks)
{
	(void)word;
	(*(int *)arg)++;
	memset(breaks, 1, len);
}

/* A hyphenator that allows every break and counts words with a colon. */
static void
hyphenate_colon(void *arg, const char *word, size_t len,
    unsigned char *breaks)
{
	if (memchr(word, ':', len) != NULL)
		(*(int *)arg)++;
	memset(breaks, 1, len);
}

/* Whether some line of tb ends with end. */
static int
line_ends_with(const struct text_block *tb, const char *end)
{
	char	*t;
	size_t	 i, n = strlen(end);
	int	 found = 0;

	for (i = 0; i < tb->nlines; i++) {
		t = line_text(&tb->lines[i]);
		if (strlen(t) >= n && strcmp(t + strlen(t) - n, end) == 0)
			found = 1;
		free(t);
	}
	return found;
}

/* Partner:innen never breaks at or after the colon. */
static void
gender_colon(void **state)
{
	struct text_params	 p;
	struct text_block	 tb;
	int			 colons = 0;

	(void)state;
	params_init(&p, fonts_width(fx.fonts, fx.regular, "Die Partner:in-",
	    15, 10.0) + 0.5, ALIGN_LEFT);
	p.hyphenate = hyphenate_colon;
	p.hyphenate_arg = &colons;
	set("Die Partner:innen kommen", &p, &tb);
	assert_int_equal(colons, 0);
	assert_true(tb.nlines >= 2);
	assert_false(line_ends_with(&tb, ":in-"));
	assert_false(line_ends_with(&tb, ":-"));
	text_block_free(&tb);

	/* soft hyphens at and after the colon are ignored too */
	set("Die Partner\xC2\xAD:in\xC2\xADnen kommen", &p, &tb);
	assert_true(tb.nlines >= 2);
	assert_false(line_ends_with(&tb, ":in-"));
	assert_false(line_ends_with(&tb, "Partner-"));
	assert_true(line_ends_with(&tb, "Partner:innen") ||
	    line_ends_with(&tb, "Partner:innen kommen"));
	text_block_free(&tb);
}

/*
 * A paragraph that fits on its first line at natural width is set on it
 * without asking for hyphenation points (para would take none); one
 * that does not, or whose indent leaves too little room, asks for them.
 */
static void
one_line_asks_no_hyphenation(void **state)
{
	const char		*s = "Kooperationen verbinden Handwerk";
	struct text_params	 p;
	struct text_block	 tb;
	double			 w;
	int			 calls = 0;

	(void)state;
	w = fonts_width_kerned(fx.fonts, fx.regular, s, strlen(s), 10.0,
	    NULL);
	params_init(&p, w + 1.0, ALIGN_JUSTIFY);
	p.hyphenate = hyphenate_everywhere;
	p.hyphenate_arg = &calls;
	set(s, &p, &tb);
	assert_int_equal(calls, 0);
	assert_int_equal(tb.nlines, 1);
	assert_float_equal(tb.lines[0].width, w, 1e-9);
	text_block_free(&tb);
	p.indent = 2.0;			/* the first line is 1 pt short */
	set(s, &p, &tb);
	assert_true(calls > 0);
	text_block_free(&tb);
	calls = 0;
	p.indent = 0.0;
	p.width = w - 1.0;
	set(s, &p, &tb);
	assert_true(calls > 0);
	text_block_free(&tb);
}

/* URLs and e-mail addresses never break at their hyphens. */
static void
url_unbroken(void **state)
{
	static const char	*const addr[] = {
		"https://kreativ-land.example/ein-langer-pfad",
		"team-leitung@kreativ-land.example",
		"www.kreativ-land.example",
	};
	struct text_params	 p;
	struct text_block	 tb;
	char			*src, *t;
	size_t			 i, k;
	int			 found;

	(void)state;
	for (k = 0; k < 3; k++) {
		params_init(&p, 10.0 + fonts_width(fx.fonts, fx.regular,
		    addr[k], strlen(addr[k]), 10.0), ALIGN_LEFT);
		p.hyphenate = hyphenate_everywhere;
		p.hyphenate_arg = &found;
		src = xasprintf("Mehr unter %s und auch dort.", addr[k]);
		set(src, &p, &tb);
		found = 0;
		for (i = 0; i < tb.nlines; i++) {
			t = line_text(&tb.lines[i]);
			if (strstr(t, addr[k]) != NULL)
				found = 1;
			free(t);
		}
		assert_true(found);
		text_block_free(&tb);
		free(src);
	}
}

/* 300 letters without a break point: broken by force, with a warning. */
static void
forced_word(void **state)
{
	struct strbuf		 word = { NULL, 0, 0 }, all = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 tb;
	char			*t;
	size_t			 i;
	int			 warnings = diag_warnings();

	(void)state;
	for (i = 0; i < 30; i++)
		strbuf_puts(&word, "abcdefghij");
	params_init(&p, 100.0, ALIGN_JUSTIFY);
	set(word.data, &p, &tb);
	assert_int_equal(diag_warnings(), warnings + 1);
	assert_true(tb.nlines >= 10);
	assert_int_equal(tb.overfull, 0);
	for (i = 0; i < tb.nlines; i++) {
		assert_true(tb.lines[i].width <= 100.0 + WIDTH_SLACK);
		t = line_text(&tb.lines[i]);
		strbuf_puts(&all, t);
		free(t);
	}
	assert_string_equal(all.data, word.data);
	assert_true(tb.worst_ratio <= p.tolerance);
	text_block_free(&tb);

	/* the same in the middle of a paragraph */
	strbuf_free(&all);
	strbuf_puts(&all, "Vorher ein paar Worte ");
	strbuf_puts(&all, word.data);
	strbuf_puts(&all, " und danach noch mehr Worte im Absatz.");
	set(all.data, &p, &tb);
	assert_int_equal(diag_warnings(), warnings + 2);
	assert_int_equal(tb.overfull, 0);
	for (i = 0; i < tb.nlines; i++)
		assert_true(tb.lines[i].width <= 100.0 + WIDTH_SLACK);
	text_block_free(&tb);
	strbuf_free(&all);
	strbuf_free(&word);
}

/* A newline span breaks the line before it; that line is not stretched. */
static void
newline_span(void **state)
{
	struct span_list	 l = { NULL, 0, 0 };
	struct span		 sp = mkspan("Dresden", fx.regular);
	struct text_params	 p;
	struct text_block	 tb;
	char			*t;

	(void)state;
	sp.newline = 1;
	add(&l, "Kraftwerk Mitte 7 ", fx.regular);
	span_list_add(&l, &sp);
	add(&l, " Sachsen", fx.regular);
	params_init(&p, 300.0, ALIGN_JUSTIFY);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	assert_consistent(&tb);
	assert_int_equal(tb.nlines, 2);
	t = line_text(&tb.lines[0]);
	assert_string_equal(t, "Kraftwerk Mitte 7");
	free(t);
	t = line_text(&tb.lines[1]);
	assert_string_equal(t, "Dresden Sachsen");
	free(t);
	assert_float_equal(tb.lines[0].word_space, 0.0, 0.0);
	assert_float_equal(tb.lines[0].ratio, 0.0, 1e-9);
	text_block_free(&tb);
	span_list_free(&l);
}

/* The spaces of a nobreak span never end a line. */
static void
nobreak_span(void **state)
{
	struct span_list	 l = { NULL, 0, 0 };
	struct span		 sp = mkspan("Kraftwerk Mitte 7,", fx.regular);
	struct text_params	 p;
	struct text_block	 tb;
	char			*t;
	size_t			 i;
	int			 seen = 0;

	(void)state;
	sp.nobreak = 1;
	add(&l, "Das Haus im ", fx.regular);
	span_list_add(&l, &sp);
	add(&l, " 01067 Dresden", fx.regular);
	params_init(&p, fonts_width(fx.fonts, fx.regular,
	    "Das Haus im Kraftwerk", 21, 10.0) + 2.0, ALIGN_LEFT);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	assert_consistent(&tb);
	assert_true(tb.nlines >= 2);
	for (i = 0; i < tb.nlines; i++) {
		t = line_text(&tb.lines[i]);
		if (strstr(t, "Kraftwerk") != NULL) {
			assert_non_null(strstr(t, "Kraftwerk Mitte 7,"));
			seen = 1;
		}
		free(t);
	}
	assert_true(seen);
	text_block_free(&tb);
	span_list_free(&l);

	/* nor does its soft hyphen */
	sp = mkspan("Kreativ\xC2\xADwirtschaft", fx.regular);
	sp.nobreak = 1;
	add(&l, "Die ", fx.regular);
	span_list_add(&l, &sp);
	params_init(&p, fonts_width(fx.fonts, fx.regular,
	    "Kreativwirtschaft", 17, 10.0) + 1.0, ALIGN_LEFT);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	assert_int_equal(tb.nlines, 2);
	t = line_text(&tb.lines[0]);
	assert_string_equal(t, "Die");
	free(t);
	text_block_free(&tb);
	span_list_free(&l);
}

/* Pieces of one look merge into a run; a change of face starts one. */
static void
runs_merge(void **state)
{
	struct span_list	 l = { NULL, 0, 0 };
	struct span		 link = mkspan("Link", fx.regular);
	struct text_params	 p;
	struct text_block	 tb;
	const struct text_line	*tl;

	(void)state;
	link.uri = "https://example.org/";
	add(&l, "Ein ", fx.regular);
	add(&l, "kurzer", fx.regular);
	add(&l, " fetter", fx.bold);
	add(&l, " Satz mit ", fx.regular);
	span_list_add(&l, &link);
	add(&l, ".", fx.regular);
	params_init(&p, 400.0, ALIGN_LEFT);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
	assert_consistent(&tb);
	assert_int_equal(tb.nlines, 1);
	tl = &tb.lines[0];
	assert_int_equal(tl->nruns, 5);
	assert_string_equal(tl->runs[0].text, "Ein kurzer");
	assert_string_equal(tl->runs[1].text, " fetter");
	assert_int_equal(tl->runs[1].face, fx.bold);
	assert_int_equal(tl->runs[1].spaces, 1);
	assert_string_equal(tl->runs[2].text, " Satz mit ");
	assert_string_equal(tl->runs[3].text, "Link");
	assert_string_equal(tl->runs[3].uri, "https://example.org/");
	assert_null(tl->runs[2].uri);
	assert_string_equal(tl->runs[4].text, ".");
	assert_float_equal(tl->runs[1].x, tl->runs[0].width, 1e-9);
	assert_int_equal(tl->runs[0].pos.line, 7);
	text_block_free(&tb);
	span_list_free(&l);
}

/* A glyph Lato lacks comes from DejaVu; one no face has is reported once. */
static void
fallback_faces(void **state)
{
	struct text_params	 p;
	struct text_block	 tb;
	const struct text_line	*tl;
	char			*t;
	int			 warnings;

	(void)state;
	assert_false(fonts_has_glyph(fx.fonts, fx.regular, 0x2713));
	assert_true(fonts_has_glyph(fx.fonts, fx.dejavu, 0x2713));
	params_init(&p, 400.0, ALIGN_LEFT);
	warnings = diag_warnings();
	set("erledigt \xE2\x9C\x93 gut", &p, &tb);
	assert_int_equal(diag_warnings(), warnings);
	tl = &tb.lines[0];
	assert_int_equal(tl->nruns, 3);
	assert_string_equal(tl->runs[1].text, "\xE2\x9C\x93");
	assert_int_equal(tl->runs[1].face, fx.dejavu);
	assert_int_equal(tl->runs[0].face, fx.regular);
	text_block_free(&tb);

	/* U+4E2D twice: no face has it; drawn from Lato, reported once */
	set("\xE4\xB8\xAD und \xE4\xB8\xAD", &p, &tb);
	assert_int_equal(diag_warnings(), warnings + 1);
	assert_int_equal(tb.lines[0].runs[0].face, fx.regular);
	text_block_free(&tb);

	/* U+1F600 beyond the BMP: reported once and left out */
	set("Hallo \xF0\x9F\x98\x80 Welt\xF0\x9F\x98\x80", &p, &tb);
	assert_int_equal(diag_warnings(), warnings + 2);
	t = line_text(&tb.lines[0]);
	assert_string_equal(t, "Hallo Welt");
	free(t);
	text_block_free(&tb);
}

/* Ragged lines keep natural spaces and are shifted by the alignment. */
static void
alignments(void **state)
{
	static const enum text_align aligns[] = {
		ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER
	};
	struct text_params	 p;
	struct text_block	 tb;
	const struct text_line	*tl;
	size_t			 i, k;
	double			 right;

	(void)state;
	for (k = 0; k < 3; k++) {
		params_init(&p, 180.0, aligns[k]);
		set(text_de, &p, &tb);
		assert_true(tb.nlines >= 4);
		for (i = 0; i < tb.nlines; i++) {
			tl = &tb.lines[i];
			assert_float_equal(tl->word_space, 0.0, 0.0);
			assert_true(tl->width <= 180.0 + WIDTH_SLACK);
			right = tl->runs[0].x + tl->width;
			if (aligns[k] == ALIGN_LEFT)
				assert_float_equal(tl->runs[0].x, 0.0, 1e-9);
			else if (aligns[k] == ALIGN_RIGHT)
				assert_float_equal(right, 180.0, 1e-9);
			else
				assert_float_equal(tl->runs[0].x,
				    180.0 - right, 1e-9);
		}
		text_block_free(&tb);
	}
}

/* The first line is indented: shifted and narrower. */
static void
first_line_indent(void **state)
{
	struct text_params	 p;
	struct text_block	 tb;
	size_t			 i;

	(void)state;
	params_init(&p, 200.0, ALIGN_JUSTIFY);
	p.indent = 20.0;
	set(text_de, &p, &tb);
	assert_float_equal(tb.lines[0].runs[0].x, 20.0, 1e-9);
	assert_float_equal(tb.lines[0].width, 180.0, WIDTH_SLACK);
	for (i = 1; i + 1 < tb.nlines; i++) {
		assert_float_equal(tb.lines[i].runs[0].x, 0.0, 1e-9);
		assert_float_equal(tb.lines[i].width, 200.0, WIDTH_SLACK);
	}
	text_block_free(&tb);
}

/* Hyphenation points from the callback end lines with the hyphen. */
static void
hyphenation_callback(void **state)
{
	struct text_params	 p;
	struct text_block	 tb;
	char			*t;
	size_t			 i, len;
	int			 calls = 0, hyphenated = 0;

	(void)state;
	params_init(&p, 120.0, ALIGN_JUSTIFY);
	p.hyphenate = hyphenate_everywhere;
	p.hyphenate_arg = &calls;
	p.max_hyphen_lines = 1;
	set(text_de, &p, &tb);
	for (i = 0; i < tb.nlines; i++) {
		t = line_text(&tb.lines[i]);
		len = strlen(t);
		if (tb.lines[i].hyphenated) {
			hyphenated++;
			assert_int_equal(t[len - 1], '-');
			if (i > 0)
				assert_false(tb.lines[i - 1].hyphenated);
		}
		if (i + 1 < tb.nlines)
			assert_float_equal(tb.lines[i].width, 120.0,
			    WIDTH_SLACK);
		free(t);
	}
	assert_true(hyphenated > 0);
	assert_int_equal(tb.overfull, 0);
	text_block_free(&tb);
}

/*
 * Runs are measured as their characters are added: every run of lines
 * that mix looks inside words and around spaces, end in a two-letter
 * hyphen and come from long and short paragraphs (the setter's buffers
 * reused and grown) is as wide and as kerned as fonts_width_kerned says.
 */
static void
runs_measured_as_built(void **state)
{
	static const char *const hyphens[] = { "-", "\xE2\x80\x93-", NULL };
	static const double	 widths[] = { 60.0, 95.0, 400.0 };
	struct span_list	 l = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 tb;
	struct span		 sp;
	size_t			 h, w;
	int			 calls = 0;

	(void)state;
	add(&l, "AVAV To", fx.regular);
	add(&l, "WAVE Tay", fx.bold);
	add(&l, "o, AVTo ", fx.regular);
	sp = mkspan("AV Wo", fx.regular);
	sp.pos.line = 8;			/* another look, same face */
	span_list_add(&l, &sp);
	add(&l, " Yo \xE2\x80\x9ETo\xE2\x80\x9C AV.", fx.regular);
	add(&l, text_de, fx.regular);
	for (h = 0; h < sizeof(hyphens) / sizeof(hyphens[0]); h++)
		for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
			params_init(&p, widths[w], ALIGN_JUSTIFY);
			p.hyphen = hyphens[h];
			p.hyphenate = hyphenate_everywhere;
			p.hyphenate_arg = &calls;
			assert_int_equal(text_set(fx.fonts, fx.scratch, &l, &p, &tb), 0);
			assert_consistent(&tb);
			assert_true(tb.nlines > (w + 1 < 3 ? 3 : 0));
			text_block_free(&tb);
		}
	span_list_free(&l);
}

/* a and b alike, line by line and run by run. */
static void
assert_blocks_equal(const struct text_block *a, const struct text_block *b)
{
	const struct text_run	*ra, *rb;
	size_t			 i, k;

	assert_int_equal(a->nlines, b->nlines);
	assert_int_equal(a->overfull, b->overfull);
	for (i = 0; i < a->nlines; i++) {
		assert_int_equal(a->lines[i].nruns, b->lines[i].nruns);
		assert_true(a->lines[i].width == b->lines[i].width);
		assert_true(a->lines[i].word_space == b->lines[i].word_space);
		for (k = 0; k < a->lines[i].nruns; k++) {
			ra = &a->lines[i].runs[k];
			rb = &b->lines[i].runs[k];
			assert_string_equal(ra->text, rb->text);
			assert_true(ra->x == rb->x && ra->width == rb->width);
			assert_int_equal(ra->face, rb->face);
			assert_int_equal(ra->nkern, rb->nkern);
			assert_memory_equal(ra->kern, rb->kern,
			    ra->nkern * sizeof(*ra->kern));
		}
	}
}

/*
 * A scratch that set a long paragraph (hyphenated, kerned, a character
 * reported) sets a short one as a fresh scratch would, and reports the
 * character again in the next paragraph that has it.
 */
static void
scratch_carries_nothing_over(void **state)
{
	struct span_list	 big = { NULL, 0, 0 }, small = { NULL, 0, 0 };
	struct text_params	 p;
	struct text_block	 fresh, reused;
	int			 calls = 0, warnings;

	(void)state;
	add(&big, text_de, fx.regular);
	add(&big, " AVAV \xE4\xB8\xAD To", fx.bold);
	add(&small, "Kurz: AV.", fx.regular);
	params_init(&p, 120.0, ALIGN_JUSTIFY);
	p.hyphenate = hyphenate_everywhere;
	p.hyphenate_arg = &calls;
	warnings = diag_warnings();
	assert_int_equal(text_set(fx.fonts, fx.scratch, &big, &p, &reused),
	    0);
	assert_true(reused.nlines > 5);
	text_block_free(&reused);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &small, &p, &reused),
	    0);
	assert_int_equal(text_set(fx.fonts, NULL, &small, &p, &fresh), 0);
	assert_blocks_equal(&reused, &fresh);
	text_block_free(&reused);
	text_block_free(&fresh);
	assert_int_equal(text_set(fx.fonts, fx.scratch, &big, &p, &reused),
	    0);
	assert_int_equal(text_set(fx.fonts, NULL, &big, &p, &fresh), 0);
	assert_blocks_equal(&reused, &fresh);
	assert_int_equal(diag_warnings(), warnings + 3);
	text_block_free(&reused);
	text_block_free(&fresh);
	span_list_free(&big);
	span_list_free(&small);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(justified_width),
		cmocka_unit_test(kerned_justified_width),
		cmocka_unit_test(kerned_breaks),
		cmocka_unit_test(kerning_within_runs),
		cmocka_unit_test(one_line_asks_no_hyphenation),
		cmocka_unit_test(whitespace),
		cmocka_unit_test(word_across_spans),
		cmocka_unit_test(explicit_hyphen),
		cmocka_unit_test(soft_hyphen),
		cmocka_unit_test(gender_colon),
		cmocka_unit_test(url_unbroken),
		cmocka_unit_test(forced_word),
		cmocka_unit_test(newline_span),
		cmocka_unit_test(nobreak_span),
		cmocka_unit_test(runs_merge),
		cmocka_unit_test(fallback_faces),
		cmocka_unit_test(alignments),
		cmocka_unit_test(first_line_indent),
		cmocka_unit_test(hyphenation_callback),
		cmocka_unit_test(runs_measured_as_built),
		cmocka_unit_test(scratch_carries_nothing_over),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
