/*
 * Unit tests of style: the house style styles/brochure-a4.xml read into
 * the numbers the layout uses, the defaults and the inheritance from body
 * (tests/style/minimal.xml), and the bad style sheets of tests/style/,
 * each reported at its file:line.  Run from the top folder.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../model/fixture.h"
#include "style.h"

#define A4		"styles/brochure-a4.xml"
#define MM		(72.0 / 25.4)	/* [pt] per millimetre */
#define EPS		0.001		/* [pt] */

static void
assert_close(double got, double want)
{
	if (fabs(got - want) > EPS)
		fail_msg("got %.4f, want %.4f", got, want);
}

static void
assert_rgb(struct color c, int r, int g, int b)
{
	assert_close(c.r, r / 255.0);
	assert_close(c.g, g / 255.0);
	assert_close(c.b, b / 255.0);
}

static struct style *
read_a4(void)
{
	struct style	*st = style_read(A4);

	if (st == NULL)
		fail_msg("cannot read %s: run the tests from the top folder",
		    A4);
	return st;
}

static int
family_named(const struct style *st, const char *name)
{
	size_t	i;

	for (i = 0; i < st->nfamilies; i++)
		if (strcmp(st->families[i].name, name) == 0)
			return (int)i;
	fail_msg("no family %s", name);
	return -1;
}

/* --- the house style --- */

static void
a4_page(void **state)
{
	struct style	*st = read_a4();

	(void)state;
	assert_string_equal(st->name, "brochure-a4");
	assert_close(st->page_width, 595.276);
	assert_close(st->page_height, 841.890);
	assert_close(st->margin_top, 20 * MM);
	assert_close(st->margin_bottom, 25 * MM);
	assert_close(st->margin_inner, 22 * MM);
	assert_close(st->margin_outer, 22 * MM);
	assert_int_equal(st->columns, 2);
	assert_close(st->gutter, 7 * MM);
	style_free(st);
}

static void
a4_colors(void **state)
{
	struct style	*st = read_a4();

	(void)state;
	assert_rgb(st->accent, 0x00, 0x73, 0x7A);
	assert_rgb(st->accent2, 0xB7, 0xD9, 0xD4);
	assert_rgb(st->ink, 0x1F, 0x25, 0x28);
	assert_rgb(st->grey, 0xC9, 0xD0, 0xD2);
	assert_rgb(st->paper, 0xFF, 0xFF, 0xFF);
	/* a colour beyond the five, used by name */
	assert_rgb(st->text[TR_CAPTION].color, 0x4C, 0x57, 0x5C);
	style_free(st);
}

static void
a4_fonts(void **state)
{
	struct style	*st = read_a4();
	int		 black;

	(void)state;
	assert_int_equal(st->nfamilies, 3);
	black = family_named(st, "Lato Black");
	assert_string_equal(style_face_file(st, black, FACE_REGULAR),
	    "styles/../fonts/Lato-Black.ttf");
	assert_string_equal(style_face_file(st, 0, FACE_BOLD_ITALIC),
	    "styles/../fonts/Lato-BoldItalic.ttf");
	assert_int_equal(st->nfallbacks, 1);
	assert_string_equal(st->fallbacks[0], "styles/../fonts/DejaVuSans.ttf");
	assert_string_equal(st->fallback_pos.file, A4);
	assert_true(st->fallback_pos.line > 0);
	style_free(st);
}

static void
a4_roles(void **state)
{
	struct style		*st = read_a4();
	const struct text_style	*t;
	int			 r;

	(void)state;
	assert_string_equal(text_role_names[TR_QUOTE_SOURCE], "quote-source");
	assert_string_equal(text_role_names[TR_IMPRINT], "imprint");
	for (r = 0; r < TR__MAX; r++) {
		t = &st->text[r];
		assert_non_null(text_role_names[r]);
		assert_true(t->family >= 0 && (size_t)t->family < st->nfamilies);
		assert_true(t->size >= 6 && t->size <= 48);
		assert_true(t->leading >= t->size * 0.8);
		assert_string_equal(t->pos.file, A4);
		assert_true(t->pos.line > 0);
	}
	t = &st->text[TR_BODY];
	assert_close(t->size, 9.5);
	assert_close(t->leading, 13.5);
	assert_int_equal(t->align, ALIGN_JUSTIFY);
	assert_int_equal(t->face, FACE_REGULAR);
	t = &st->text[TR_H1];
	assert_int_equal(t->family, family_named(st, "Lato Black"));
	assert_int_equal(t->align, ALIGN_LEFT);
	t = &st->text[TR_QUOTE];
	assert_close(t->size, 15);
	assert_close(t->leading, 19);
	assert_rgb(t->color, 0x00, 0x73, 0x7A);
	assert_close(st->text[TR_NOTE].size, 7.5);
	assert_close(st->text[TR_NOTE].leading, 9.5);
	assert_close(st->text[TR_COVER_TITLE].size, 40);
	assert_rgb(st->text[TR_COVER_TITLE].color, 0xFF, 0xFF, 0xFF);
	assert_int_equal(st->text[TR_IMPRINT_HEAD].uppercase, 1);
	assert_close(st->text[TR_IMPRINT_HEAD].letter_space, 0.6);
	style_free(st);
}

static void
a4_settings(void **state)
{
	struct style	*st = read_a4();

	(void)state;
	assert_int_equal(st->secnum_look, SECNUM_CIRCLED);
	assert_int_equal(st->secnum_circled_max, 9);
	assert_int_equal(st->section_new_page, 1);
	assert_close(st->heading_keep, 3);
	assert_close(st->paragraph_space, 6.75);
	assert_close(st->list_indent, 4.5 * MM);
	assert_string_equal(st->bullet, "\u2022");
	assert_close(st->quote_rule, 2);
	assert_close(st->note_rule_width, 25 * MM);
	assert_close(st->rule_thickness, 0.5);
	assert_close(st->footer_offset, 12 * MM);
	assert_int_equal(st->widow_lines, 2);
	assert_int_equal(st->orphan_lines, 2);
	assert_string_equal(st->link_marker, "\u2197");
	assert_close(st->cover_field_height, 118 * MM);
	assert_int_equal(st->toc, 1);
	assert_close(st->bar_thickness, 5.25);
	assert_close(st->ring_diameter, 22 * MM);
	assert_close(st->ring_width, 2.5 * MM);
	assert_close(st->ring_gap, 4 * MM);
	style_free(st);
}

/* --- defaults and inheritance --- */

static void
minimal_defaults(void **state)
{
	struct style	*st = style_read("tests/style/minimal.xml");

	(void)state;
	assert_non_null(st);
	assert_close(st->margin_top, 20 * MM);
	assert_close(st->margin_inner, 20 * MM);
	assert_int_equal(st->columns, 1);
	assert_close(st->gutter, 5 * MM);
	assert_int_equal(st->nfallbacks, 0);
	assert_int_equal(st->secnum_look, SECNUM_DIGITS);
	assert_int_equal(st->secnum_circled_max, 9);
	assert_int_equal(st->section_new_page, 0);
	assert_close(st->section_space, 24);
	assert_close(st->heading_keep, 2);
	assert_close(st->paragraph_space, 0);
	assert_close(st->list_indent, 4 * MM);
	assert_string_equal(st->bullet, "\u2022");
	assert_close(st->quote_rule, 0);
	assert_close(st->note_rule_width, 20 * MM);
	assert_close(st->rule_thickness, 0.5);
	assert_close(st->footer_offset, 10 * MM);
	assert_int_equal(st->widow_lines, 2);
	assert_string_equal(st->link_marker, "");
	assert_close(st->cover_field_height, 0);
	assert_int_equal(st->toc, 0);
	assert_close(st->bar_thickness, 5);
	assert_close(st->ring_diameter, 22 * MM);
	assert_close(st->ring_width, 2.5 * MM);
	assert_close(st->ring_gap, 4 * MM);
	/* a face left out falls back to regular */
	assert_string_equal(style_face_file(st, 0, FACE_ITALIC),
	    "tests/style/../../fonts/Lato-Regular.ttf");
	style_free(st);
}

static void
minimal_inheritance(void **state)
{
	struct style		*st = style_read("tests/style/minimal.xml");
	const struct text_style	*body, *h1, *h2, *toc;

	(void)state;
	assert_non_null(st);
	body = &st->text[TR_BODY];
	h1 = &st->text[TR_H1];
	h2 = &st->text[TR_H2];
	toc = &st->text[TR_TOC];
	assert_rgb(body->color, 0, 0, 0);		/* ink */
	assert_int_equal(body->face, FACE_REGULAR);
	assert_close(body->space_before, 3);
	/* size alone: leading in body's proportion, 20 × 12/10 */
	assert_close(h1->size, 20);
	assert_close(h1->leading, 24);
	assert_rgb(h1->color, 0, 0, 255);
	assert_int_equal(h1->align, ALIGN_JUSTIFY);
	/* spacing is never inherited */
	assert_close(h1->space_before, 0);
	assert_close(h1->indent, 0);
	/* leading alone: size from body */
	assert_close(h2->size, 10);
	assert_close(h2->leading, 14);
	assert_int_equal(h2->face, FACE_BOLD);
	/* a role not given: body's look, no spacing, body's position */
	assert_close(toc->size, 10);
	assert_close(toc->leading, 12);
	assert_int_equal(toc->align, ALIGN_JUSTIFY);
	assert_close(toc->space_before, 0);
	assert_int_equal(toc->pos.line, body->pos.line);
	style_free(st);
}

/* --- bad style sheets --- */

/* Reading path fails, and the diagnostics hold each of the words. */
static void
assert_bad(const char *path, const char *const *words)
{
	struct style	*st;
	char		*err;

	capture_begin();
	st = style_read(path);
	err = capture_end();
	if (st != NULL)
		fail_msg("%s was read without error", path);
	for (; *words != NULL; words++)
		if (strstr(err, *words) == NULL)
			fail_msg("no \"%s\" in: %s", *words, err);
	free(err);
}

static void
bad_margins(void **state)
{
	static const char *const words[] = {
		"tests/style/margins-wide.xml:4: error: margin-inner (120mm) "
		    "and margin-outer (100mm) leave no room on a page 210mm "
		    "wide: make them smaller", NULL };

	(void)state;
	assert_bad("tests/style/margins-wide.xml", words);
}

static void
bad_columns(void **state)
{
	static const char *const words[] = {
		"tests/style/narrow-columns.xml:4: error: columns of 9.3mm",
		"use fewer columns", NULL };

	(void)state;
	assert_bad("tests/style/narrow-columns.xml", words);
}

static void
bad_rings(void **state)
{
	static const char *const words[] = {
		"tests/style/ring-wide.xml:16: error: charts ring-diameter "
		    "90mm is wider than a column (80mm): make it smaller",
		"tests/style/ring-wide.xml:16: error: charts ring-width 50mm "
		    "leaves no room inside a ring 90mm across", NULL };

	(void)state;
	assert_bad("tests/style/ring-wide.xml", words);
}

static void
bad_leading(void **state)
{
	static const char *const words[] = {
		"tests/style/leading-small.xml:16: error: role h1: leading "
		    "12pt", "at least 16pt", NULL };

	(void)state;
	assert_bad("tests/style/leading-small.xml", words);
}

static void
bad_color(void **state)
{
	static const char *const words[] = {
		"tests/style/unknown-color.xml:16: error: unknown colour "
		    "\"acent\": use one of accent, accent2, ink, grey, paper",
		NULL };

	(void)state;
	assert_bad("tests/style/unknown-color.xml", words);
}

static void
bad_font(void **state)
{
	static const char *const words[] = {
		"tests/style/missing-font.xml:14: error: font file "
		    "\"../../fonts/Lato-Nope.ttf\" not found", NULL };

	(void)state;
	assert_bad("tests/style/missing-font.xml", words);
}

static void
bad_duplicates(void **state)
{
	static const char *const words[] = {
		"tests/style/duplicate-role.xml:5: error: colour \"paper\" is "
		    "missing",
		"tests/style/duplicate-role.xml:16: error: role h1 is already "
		    "set on line 15", NULL };

	(void)state;
	assert_bad("tests/style/duplicate-role.xml", words);
}

static void
bad_body(void **state)
{
	static const char *const none[] = {
		"tests/style/no-body.xml:3: error: add <text role=\"body\"",
		NULL };
	static const char *const size[] = {
		"tests/style/body-size.xml:16: error: <text> needs size=", NULL };

	(void)state;
	assert_bad("tests/style/no-body.xml", none);
	assert_bad("tests/style/body-size.xml", size);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a4_page),
		cmocka_unit_test(a4_colors),
		cmocka_unit_test(a4_fonts),
		cmocka_unit_test(a4_roles),
		cmocka_unit_test(a4_settings),
		cmocka_unit_test(minimal_defaults),
		cmocka_unit_test(minimal_inheritance),
		cmocka_unit_test(bad_margins),
		cmocka_unit_test(bad_columns),
		cmocka_unit_test(bad_leading),
		cmocka_unit_test(bad_rings),
		cmocka_unit_test(bad_color),
		cmocka_unit_test(bad_font),
		cmocka_unit_test(bad_duplicates),
		cmocka_unit_test(bad_body),
	};

	return cmocka_run_group_tests(tests, NULL, fixture_teardown);
}
