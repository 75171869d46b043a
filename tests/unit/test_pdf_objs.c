/*
 * Unit tests of our own objects (struct pdf_objs, src/pdf_int.h): the
 * structure tree pdf_tags.c writes as text, numbered once libharu's
 * last object is known (pdf_objs_place), and added to libharu's file
 * by pdf_pack_ours, packed or appended as an update.  A small file is
 * written here the way libharu writes one, with an empty dictionary as
 * the placeholder of the structure tree's root; numbers that collide,
 * leave a gap or name a stream, and values that do not parse are
 * refused.  A stream's bytes may be given (pdf_objs_body), as a page's
 * compressed content is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pdf_int.h"
#include "util.h"

#define NOBJ	4	/* objects of the test file: 1 to 3 */
#define FIRST	NOBJ	/* the first number after libharu's */

/* Catalog, placeholder, a stream: the way libharu writes them. */
static void
libharu_file(struct strbuf *pdf)
{
	static const char *const obj[NOBJ] = { NULL,
	    "<<\n/Type /Catalog\n/StructTreeRoot 2 0 R\n>>",
	    "<<\n>>",
	    "<<\n/Length 3\n>>\nstream\nabc\nendstream" };
	size_t		 off[NOBJ], i;

	*pdf = (struct strbuf){ NULL, 0, 0 };
	strbuf_puts(pdf, "%PDF-1.7\n%\xb7\xbe\xad\xaa\n");
	for (i = 1; i < NOBJ; i++) {
		off[i] = pdf->len;
		strbuf_printf(pdf, "%zu 0 obj\n%s\nendobj\n", i, obj[i]);
	}
	off[0] = pdf->len;
	strbuf_printf(pdf, "xref\n0 %d\n0000000000 65535 f\r\n", NOBJ);
	for (i = 1; i < NOBJ; i++)
		strbuf_printf(pdf, "%010zu 00000 n\r\n", off[i]);
	strbuf_printf(pdf, "trailer\n<<\n/Root 1 0 R\n/Size %d\n>>\n"
	    "startxref\n%zu\n%%%%EOF\n", NOBJ, off[0]);
}

/* The root into placeholder 2, our 0th and 1st object. */
static void
our_objects(struct pdf_objs *o, const char *own1)
{
	memset(o, 0, sizeof(*o));
	strbuf_printf(&o->text, "<</Type/StructTreeRoot/K %c0 0 R>>",
	    PDF_OBJS_REF);
	pdf_objs_end(o, 2);
	strbuf_printf(&o->text, "<</S/Document/P 2 0 R/K[%c1 0 R]>>",
	    PDF_OBJS_REF);
	pdf_objs_end(o, PDF_OBJS_OWN);
	strbuf_puts(&o->text, own1);
	pdf_objs_end(o, PDF_OBJS_OWN + 1);
}

/* libharu's file followed by ours, numbered from FIRST. */
static unsigned char *
input(struct pdf_objs *o, size_t *len)
{
	struct strbuf	 pdf;
	size_t		 n = pdf_objs_place(o, FIRST, NULL);

	libharu_file(&pdf);
	*len = pdf.len;
	pdf.data = xrealloc(pdf.data, pdf.len + n + 1);
	assert_int_equal(pdf_objs_place(o, FIRST, pdf.data + pdf.len), n);
	return (unsigned char *)pdf.data;
}

static int
has(const unsigned char *p, size_t len, const char *s)
{
	size_t	 n = strlen(s), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(p + i, s, n) == 0)
			return 1;
	return 0;
}

static void
place_numbers_references_and_ends(void **state)
{
	struct pdf_objs	 o;
	char		 buf[256];
	size_t		 n;

	(void)state;
	our_objects(&o, "<</S/P/P 5 0 R/Alt(12 0 R \\001)/K[0]>>");
	n = pdf_objs_place(&o, 40, buf);
	buf[n] = '\0';
	assert_string_equal(buf, "<</Type/StructTreeRoot/K 40 0 R>>"
	    "<</S/Document/P 2 0 R/K[41 0 R]>>"
	    "<</S/P/P 5 0 R/Alt(12 0 R \\001)/K[0]>>");
	assert_int_equal(o.obj[0].num, 2);
	assert_int_equal(o.obj[1].num, 40);
	assert_int_equal(o.obj[2].num, 41);
	assert_int_equal(o.obj[0].end, strlen("<</Type/StructTreeRoot/K "
	    "40 0 R>>"));
	assert_int_equal(o.obj[1].end, o.obj[0].end +
	    strlen("<</S/Document/P 2 0 R/K[41 0 R]>>"));
	assert_int_equal(o.obj[2].end, n);
	pdf_objs_free(&o);
}

/*
 * Ours (the last numbered num, its value own1) added to the file,
 * appended or packed: pdf_pack_ours's result, its output in *out (the
 * caller frees it).
 */
static int
add_ours(size_t num, const char *own1, int append, unsigned char **out,
    size_t *out_len)
{
	struct pdf_objs	 o;
	unsigned char	*in;
	size_t		 len;
	int		 rc;

	our_objects(&o, own1);
	o.obj[2].num = num;
	in = input(&o, &len);
	*out = NULL;
	rc = pdf_pack_ours(in, len, &o, append, out, out_len);
	if (rc == 0 && append)
		assert_true(*out_len > len && memcmp(*out, in, len) == 0);
	free(in);
	pdf_objs_free(&o);
	return rc;
}

static void
appended_as_an_update(void **state)
{
	unsigned char	*out;
	size_t		 len;

	(void)state;
	assert_int_equal(add_ours(PDF_OBJS_OWN + 1, "<</S/P/P 4 0 R/K[0]>>",
	    1, &out, &len), 0);
	assert_true(has(out, len, "2 0 obj\n<</Type/StructTreeRoot/K "
	    "4 0 R>>\nendobj\n"));
	assert_true(has(out, len, "4 0 obj\n<</S/Document/P 2 0 R/K["
	    "5 0 R]>>\nendobj\n"));
	assert_true(has(out, len, "5 0 obj\n<</S/P/P 4 0 R/K[0]>>\n"));
	assert_true(has(out, len, "trailer\n<< /Size 6 /Root 1 0 R /Prev "));
	free(out);
}

static void
packed_with_libharus(void **state)
{
	unsigned char	*out;
	size_t		 len;

	(void)state;
	assert_int_equal(add_ours(PDF_OBJS_OWN + 1, "<</S/P/P 4 0 R/K[0]>>",
	    0, &out, &len), 0);
	/* 1 to 5, an object stream, the cross-reference stream */
	assert_true(has(out, len, "/Type /XRef /Size 8 "));
	assert_true(has(out, len, "/ObjStm"));
	assert_false(has(out, len, "StructTreeRoot"));	/* packed */
	free(out);
}

/* Whether ours are refused, the last numbered num, its value own1. */
static int
refused(size_t num, const char *own1)
{
	unsigned char	*out;
	size_t		 len;
	int		 rc = add_ours(num, own1, 0, &out, &len);

	free(out);
	return rc == -1;
}

static void
bad_objects_are_refused(void **state)
{
	(void)state;
	assert_false(refused(PDF_OBJS_OWN + 1, "<</K[0]>>"));
	assert_true(refused(PDF_OBJS_OWN, "<</K[0]>>"));	/* twice */
	assert_true(refused(PDF_OBJS_OWN + 2, "<</K[0]>>"));	/* a gap */
	assert_true(refused(3, "<</K[0]>>"));			/* a stream */
	assert_true(refused(0, "<</K[0]>>"));			/* free */
	assert_true(refused(PDF_OBJS_OWN + 1, "<</K[0]"));
	assert_true(refused(PDF_OBJS_OWN + 1, "<<>> 1"));
}

/* Stream 3 with bytes given (a page's content, compressed, is given
 * so): pdf_pack_ours's result, its output in *out. */
static int
with_body(size_t num, size_t twice, int append, unsigned char **out,
    size_t *len)
{
	static const unsigned char	 data[] = "xy\nendstream z";
	struct pdf_objs			 o;
	unsigned char			*in;
	size_t				 inlen;
	int				 rc;

	our_objects(&o, "<</K[0]>>");
	pdf_objs_body(&o, num, data, sizeof(data) - 1);
	if (twice)
		pdf_objs_body(&o, twice, data, 2);
	in = input(&o, &inlen);
	*out = NULL;
	rc = pdf_pack_ours(in, inlen, &o, append, out, len);
	free(in);
	pdf_objs_free(&o);
	return rc;
}

static void
stream_bytes_given(void **state)
{
	unsigned char	*out;
	size_t		 len;
	int		 append;

	(void)state;
	for (append = 0; append <= 1; append++) {
		assert_int_equal(with_body(3, 0, append, &out, &len), 0);
		assert_true(has(out, len, "3 0 obj\n<<\n /Length 14 >>\n"
		    "stream\nxy\nendstream z\nendstream\nendobj\n"));
		/* packed, libharu's bytes are gone; appended, updated */
		assert_int_equal(has(out, len, "abc"), append);
		free(out);
	}
	assert_int_equal(with_body(1, 0, 0, &out, &len), -1); /* no stream */
	free(out);
	assert_int_equal(with_body(9, 0, 0, &out, &len), -1); /* none */
	free(out);
	assert_int_equal(with_body(3, 3, 0, &out, &len), -1); /* twice */
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(place_numbers_references_and_ends),
		cmocka_unit_test(appended_as_an_update),
		cmocka_unit_test(packed_with_libharus),
		cmocka_unit_test(bad_objects_are_refused),
		cmocka_unit_test(stream_bytes_given),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
