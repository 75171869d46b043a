/*
 * test_layout_own: a layout owns every string it keeps, so it outlives
 * the model, style and locale it was made from (main.c frees them before
 * writing): item strings are copied once per distinct text, the demo's
 * layout dumps the same after they are freed, and render_pdf_free, which
 * drops each page's items once drawn and the layout before saving,
 * writes the same bytes as render_pdf_opts.  The demo report, run from
 * the top of the tree; under ASan or valgrind a string left in the model
 * is a use after free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "diag.h"
#include "layout.h"
#include "load.h"
#include "locale.h"
#include "model.h"
#include "render.h"
#include "style.h"
#include "typeset.h"
#include "util.h"

#define DEMO		"input/kreativland-2024/report.xml"
#define STYLE		"styles/brochure-a4.xml"
#define LOCALES		"styles/locales"
#define OUT_OWN		"/tmp/brochure-test-layout-own-1.pdf"
#define OUT_FREE	"/tmp/brochure-test-layout-own-2.pdf"

/* What typeset reads, and the layout and fonts it made. */
struct made {
	struct document	*doc;
	struct style	*style;
	struct locale	*locale;
	struct fonts	*fonts;
	struct layout	*layout;
};

static void
make_demo(struct made *m)
{
	struct load_result	*loaded = load_file(DEMO, SCHEMA_REPORT);
	struct model_options	 mo = { NULL, NULL, VARIANT_REPORT };
	struct typeset_stats	 st;

	diag_set_quiet(1);	/* the demo's warnings */
	assert_non_null(loaded);
	m->doc = model_read(loaded, &mo);
	load_free(loaded);
	assert_non_null(m->doc);
	m->locale = locale_load(LOCALES, m->doc->lang);
	m->style = style_read(STYLE);
	m->fonts = fonts_new();
	assert_non_null(m->locale);
	assert_non_null(m->style);
	memset(&st, 0, sizeof(st));
	m->layout = typeset(m->doc, m->style, m->locale, m->fonts, NULL, &st);
	assert_non_null(m->layout);
}

static void
free_inputs(struct made *m)
{
	model_free(m->doc);
	style_free(m->style);
	locale_free(m->locale);
}

/* The dump of l, malloc'd. */
static char *
dump(const struct layout *l, struct fonts *fonts)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(render_text(l, fonts, f), 0);
	fclose(f);
	return buf;
}

static void
item_strings_are_copied_once(void **state)
{
	struct layout	*l = layout_new(100, 100);
	struct page	*p = layout_add_page(l, NULL);
	char		 file[16] = "a.xml", uri[16] = "https://x", lang[4] = "en";
	struct item	 it, *a, *b;
	int		 n;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_LINK;
	it.pos.file = file;
	it.u.link.uri = uri;
	a = layout_add(l, p, &it);
	b = layout_add(l, p, &it);
	a = &l->pages[0].items[0];
	n = layout_add_node(l, SN_P, 0, lang);
	strcpy(file, "b.xml");
	strcpy(uri, "https://y");
	strcpy(lang, "de");
	assert_string_equal(a->pos.file, "a.xml");
	assert_string_equal(a->u.link.uri, "https://x");
	assert_null(a->u.link.dest);
	assert_ptr_equal(a->u.link.uri, b->u.link.uri);
	assert_ptr_equal(a->pos.file, b->pos.file);
	assert_string_equal(l->nodes[n].lang, "en");
	assert_ptr_equal(layout_intern(l, "a.xml"), a->pos.file);
	assert_null(layout_intern(l, NULL));
	layout_free(l);
}

static void
layout_outlives_its_model(void **state)
{
	struct made	 m;
	char		*before, *after;

	(void)state;
	make_demo(&m);
	before = dump(m.layout, m.fonts);
	free_inputs(&m);
	after = dump(m.layout, m.fonts);
	assert_string_equal(before, after);
	free(before);
	free(after);
	layout_free(m.layout);
	fonts_free(m.fonts);
}

/* The same file, with the layout kept or given to the device to free. */
static void
render_pdf_free_writes_the_same(void **state)
{
	struct made	 m, n;
	unsigned char	*a, *b;
	size_t		 alen, blen;

	(void)state;
	make_demo(&m);
	free_inputs(&m);
	assert_int_equal(render_pdf_opts(m.layout, m.fonts, OUT_OWN, NULL), 0);
	layout_free(m.layout);
	fonts_free(m.fonts);
	make_demo(&n);
	free_inputs(&n);
	assert_int_equal(render_pdf_free(n.layout, n.fonts, OUT_FREE, NULL), 0);
	fonts_free(n.fonts);
	a = (unsigned char *)file_read(OUT_OWN, &alen);
	b = (unsigned char *)file_read(OUT_FREE, &blen);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
	unlink(OUT_OWN);
	unlink(OUT_FREE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(item_strings_are_copied_once),
		cmocka_unit_test(layout_outlives_its_model),
		cmocka_unit_test(render_pdf_free_writes_the_same),
	};
	int	 rc = cmocka_run_group_tests(tests, NULL, NULL);

	load_cleanup();
	xmlCleanupParser();
	return rc;
}
