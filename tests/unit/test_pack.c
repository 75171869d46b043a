/*
 * Unit tests of pdf_pack: small PDFs written here the way libharu
 * writes them (objects, a classic table, a trailer) are packed, and the
 * result is read back by a reader of its own: the cross-reference
 * stream (Flate, PNG Up rows) must lead every object number to the same
 * value as before, a stream to its unchanged bytes at the top level and
 * every other object into an object stream.  Strings holding "endobj"
 * and parentheses, a stream holding "endobj", a dictionary followed by
 * a stream, an object of generation 1, many objects; a stream without a
 * filter is compressed, with its /Length direct, but the XMP packet is
 * not; and inputs that do not parse are refused and left alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "pdf_int.h"
#include "util.h"

#define NOBJ_MAX	600	/* objects in a test file, at most */
#define INFLATE_MAX	(1 << 20)	/* [bytes] a decoded stream, at most */

/* A test file: what each object is, and the bytes. */
struct tfile {
	const char	*obj[NOBJ_MAX];	/* object n's text after "n G obj\n" */
	int		 gen[NOBJ_MAX];
	size_t		 n;		/* objects 1..n */
	struct strbuf	 pdf;
};

/* --- writing a test file --- */

static void
tf_write(struct tfile *t, const char *header, const char *trailer_extra)
{
	size_t	 off[NOBJ_MAX], i;

	t->pdf = (struct strbuf){ NULL, 0, 0 };
	strbuf_puts(&t->pdf, header);
	for (i = 1; i <= t->n; i++) {
		off[i] = t->pdf.len;
		strbuf_printf(&t->pdf, "%zu %d obj\n%s\nendobj\n", i,
		    t->gen[i], t->obj[i]);
	}
	off[0] = t->pdf.len;
	strbuf_printf(&t->pdf, "xref\n0 %zu\n0000000000 65535 f\r\n",
	    t->n + 1);
	for (i = 1; i <= t->n; i++)
		strbuf_printf(&t->pdf, "%010zu %05d n\r\n", off[i], t->gen[i]);
	strbuf_printf(&t->pdf, "trailer\n<<\n/Root 1 0 R\n/Info 2 0 R\n"
	    "/ID [ <00FF> <00FF> ]\n%s/Size %zu\n>>\nstartxref\n%zu\n%%%%EOF\n",
	    trailer_extra, t->n + 1, off[0]);
}

/* A small file: catalog, info, a string full of traps, a stream
 * holding "endobj" (filtered: copied as it is), its length as an
 * object. */
static void
tf_small(struct tfile *t)
{
	memset(t, 0, sizeof(*t));
	t->obj[1] = "<<\n/Type /Catalog\n/Pages 3 0 R\n>>";
	t->obj[2] = "<<\n/Title (endobj \\) \\\\ (nested (deep\\)) ) stream)"
	    "\n/Author <656E646F626A29>\n>>";
	t->obj[3] = "<<\n/Type /Pages\n/Kids [ ]\n/Count 0\n/Odd [ 1 0 R "
	    "2 -3.5 .5 true false null /N#20ame (a\\)b) [ [ ] ] << >> ]\n>>";
	t->obj[4] = "<<\n/Length 5 0 R\n/Filter /FlateDecode\n>>\nstream\n"
	    "(endobj) endobj )\n5 0 obj\nendstream";
	t->obj[5] = "27";
	t->n = 5;
}

/* --- reading the packed file back --- */

static unsigned char *
inflate_all(const unsigned char *z, size_t zlen, size_t *len)
{
	uLongf		 n = INFLATE_MAX;
	unsigned char	*out = xmalloc(n);

	assert_int_equal(uncompress(out, &n, z, (uLong)zlen), Z_OK);
	*len = n;
	return out;
}

static long
dict_num(const char *dict, const char *key)
{
	const char	*p = strstr(dict, key);

	assert_non_null(p);
	return strtol(p + strlen(key), NULL, 10);
}

/* The decoded stream of the object at off (its dictionary in *dict). */
static unsigned char *
read_stream(const unsigned char *pdf, size_t off, char **dict, size_t *len)
{
	const char	*p = (const char *)pdf + off;
	const char	*s = strstr(p, "stream\n");

	assert_non_null(s);
	*dict = xstrndup(p, (size_t)(s - p));
	return inflate_all((const unsigned char *)s + 7,
	    (size_t)dict_num(*dict, "/Length "), len);
}

/* The packed file's cross-reference rows, undoing PNG Up. */
struct xrows {
	uint64_t	 f[NOBJ_MAX * 2][3];
	size_t		 n;
	char		*dict;
};

static void
read_xref(const unsigned char *pdf, size_t len, struct xrows *x)
{
	const char	*sx = strstr((const char *)pdf + len - 40, "startxref");
	unsigned char	*d, prev[24] = { 0 };
	size_t		 dlen, r, c, cols;
	int		 w[3], j, b, at;

	assert_non_null(sx);
	d = read_stream(pdf, strtoul(sx + 10, NULL, 10), &x->dict, &dlen);
	assert_int_equal(sscanf(strstr(x->dict, "/W ["), "/W [ %d %d %d ]",
	    &w[0], &w[1], &w[2]), 3);
	cols = (size_t)(w[0] + w[1] + w[2]);
	assert_int_equal(dict_num(x->dict, "/Columns "), cols);
	x->n = dlen / (cols + 1);
	assert_int_equal(x->n, dict_num(x->dict, "/Size "));
	for (r = 0; r < x->n; r++) {
		assert_int_equal(d[r * (cols + 1)], 2);	/* PNG Up */
		for (c = 0; c < cols; c++)
			prev[c] = (unsigned char)(prev[c] +
			    d[r * (cols + 1) + 1 + c]);
		for (j = 0, at = 0; j < 3; j++)
			for (b = 0, x->f[r][j] = 0; b < w[j]; b++)
				x->f[r][j] = x->f[r][j] << 8 | prev[at++];
	}
	free(d);
}

/* Where the index-th object of an object stream lies in its body,
 * [*from, *to) (*to preset to the body's end), checking its number;
 * the header d holds npairs pairs. */
static void
objstm_span(const unsigned char *d, size_t first, long npairs,
    uint64_t index, size_t num, size_t *from, size_t *to)
{
	char	*p = xstrndup((const char *)d, first), *q = p;
	size_t	 n, o;
	long	 i;

	assert_true(index < (uint64_t)npairs);
	for (i = 0; i < npairs; i++) {
		n = strtoul(q, &q, 10);
		o = strtoul(q, &q, 10);
		if ((uint64_t)i == index) {
			assert_int_equal(n, num);
			*from = o;
		} else if ((uint64_t)i == index + 1)
			*to = o;
	}
	free(p);
}

/* The value of object n as the packed file has it, from its object
 * stream; NULL for an object at the top level (*top: its offset). */
static char *
packed_value(const unsigned char *pdf, const struct xrows *x, size_t n,
    size_t *top)
{
	unsigned char	*d;
	char		*dict, *v;
	size_t		 len, first, from = 0, to;
	const uint64_t	*stm;

	assert_true(n < x->n);
	if (x->f[n][0] == 1) {
		*top = x->f[n][1];
		return NULL;
	}
	assert_int_equal(x->f[n][0], 2);
	stm = x->f[x->f[n][1]];
	assert_int_equal(stm[0], 1);
	d = read_stream(pdf, stm[1], &dict, &len);
	assert_non_null(strstr(dict, "/Type /ObjStm"));
	first = (size_t)dict_num(dict, "/First ");
	to = len - first;
	objstm_span(d, first, dict_num(dict, "/N "), x->f[n][2], n, &from,
	    &to);
	assert_true(from < to && d[first + to - 1] == '\n');
	v = xstrndup((char *)d + first + from, to - from - 1);
	free(d);
	free(dict);
	return v;
}

/* Every object of t in packed: same value, or a stream unchanged. */
static void
check_packed(const struct tfile *t, const unsigned char *out, size_t len)
{
	struct xrows	*x = xcalloc(1, sizeof(*x));
	char		*v, head[32];
	size_t		 n, top = 0;

	read_xref(out, len, x);
	/* the header as it was */
	assert_int_equal(memcmp(out, t->pdf.data, (size_t)(strstr(t->pdf.data,
	    "1 0 obj") - t->pdf.data)), 0);
	assert_non_null(strstr(x->dict, "/Root 1 0 R"));
	assert_non_null(strstr(x->dict, "/Info 2 0 R"));
	assert_non_null(strstr(x->dict, "/ID [ <00FF> <00FF> ]"));
	for (n = 1; n <= t->n; n++) {
		if ((v = packed_value(out, x, n, &top)) != NULL) {
			assert_int_equal(t->gen[n], 0);
			assert_string_equal(v, t->obj[n]);
			free(v);
			continue;
		}
		snprintf(head, sizeof(head), "%zu %d obj\n", n, t->gen[n]);
		assert_int_equal(memcmp(out + top, head, strlen(head)), 0);
		assert_int_equal(memcmp(out + top + strlen(head), t->obj[n],
		    strlen(t->obj[n])), 0);
		assert_true(t->gen[n] != 0 || strstr(t->obj[n], "\nstream\n"));
	}
	free(x->dict);
	free(x);
}

/* Pack t, check it, and return how many object streams it has. */
static int
pack_ok(struct tfile *t)
{
	unsigned char	*out, *again;
	size_t		 len, len2, i;
	int		 nstm = 0;

	assert_int_equal(pdf_pack((unsigned char *)t->pdf.data, t->pdf.len,
	    &out, &len), 0);
	check_packed(t, out, len);
	assert_int_equal(pdf_pack((unsigned char *)t->pdf.data, t->pdf.len,
	    &again, &len2), 0);
	assert_int_equal(len, len2);		/* deterministic */
	assert_memory_equal(out, again, len);
	for (i = 0; i + 13 < len; i++)
		nstm += memcmp(out + i, "/Type /ObjStm", 13) == 0;
	free(out);
	free(again);
	strbuf_free(&t->pdf);
	return nstm;
}

/* --- the tests --- */

static void
strings_and_streams_hold_traps(void **state)
{
	struct tfile	 t;

	(void)state;
	tf_small(&t);
	tf_write(&t, "%PDF-1.7\n%\xb7\xbe\xad\xaa\n", "");
	assert_int_equal(pack_ok(&t), 1);
}

static void
other_generations_stay_on_top(void **state)
{
	struct tfile	 t;

	(void)state;
	tf_small(&t);
	t.obj[6] = "[ (gen one) ]";
	t.gen[6] = 1;
	t.n = 6;
	tf_write(&t, "%PDF-1.7\n", "");
	assert_int_equal(pack_ok(&t), 1);
}

/* 450 objects: three object streams. */
static void
many_objects_fill_streams(void **state)
{
	struct tfile	 t;
	char		*texts[NOBJ_MAX];
	size_t		 i;

	(void)state;
	tf_small(&t);
	for (i = 6; i <= 450; i++) {
		texts[i] = xasprintf("<<\n/S /P\n/K %zu\n>>", i * 7);
		t.obj[i] = texts[i];
	}
	t.n = 450;
	tf_write(&t, "%PDF-1.5\n", "");
	assert_int_equal(pack_ok(&t), 3);	/* 200 + 200 + 48 */
	for (i = 6; i <= 450; i++)
		free(texts[i]);
}

/*
 * Objects that begin alike go side by side, in the order of their first
 * 8 bytes (a shorter prefix first), then by number: numbers "12" before
 * "123" before "9", then the dictionaries, then the arrays, however
 * their numbers interleave.
 */
static void
alike_objects_side_by_side(void **state)
{
	static const char *const kinds[] = { "[ 1 0 R ]", "<<\n/S /P\n>>",
	    "123", "9", "12" };
	static const size_t rank[] = { 4, 3, 1, 2, 0 };	/* kinds' order */
	struct tfile	 t;
	struct xrows	 x;
	unsigned char	*out;
	size_t		 len, i, k, num, prev_rank = 0;
	uint64_t	 prev = 0, at;

	(void)state;
	tf_small(&t);
	for (i = 6; i < 6 + 5 * 40; i++)
		t.obj[i] = kinds[i % 5];
	t.n = 6 + 5 * 40 - 1;
	tf_write(&t, "%PDF-1.7\n", "");
	assert_int_equal(pdf_pack((unsigned char *)t.pdf.data, t.pdf.len,
	    &out, &len), 0);
	read_xref(out, len, &x);
	for (k = 0; k < 5; k++)		/* each kind by rank, then number */
		for (i = 6; i < 6 + 5 * 40; i++) {
			num = i;
			if (rank[num % 5] != k)
				continue;
			assert_int_equal(x.f[num][0], 2);
			at = x.f[num][1] << 16 | x.f[num][2];
			assert_true(at > prev || (k == 0 && prev == 0));
			assert_true(rank[num % 5] >= prev_rank);
			prev = at;
			prev_rank = rank[num % 5];
		}
	free(x.dict);
	free(out);
	strbuf_free(&t.pdf);
}

#define SQ_DATA	"q 0 0 m 9 9 l S Q (endstream) Tj"	/* a page's */
#define SQ_XMP	"<x:xmpmeta/>"

/* The small file with object 4 a stream without a filter (its /Length
 * in object 5, a /Length1 after it), object 6 the XMP packet (its
 * /Length in 7). */
static void
tf_unfiltered(struct tfile *t, char *texts[2])
{
	tf_small(t);
	texts[0] = xasprintf("<<\n/Length 5 0 R\n/Length1 %zu\n>>\nstream\n"
	    SQ_DATA "\nendstream", strlen(SQ_DATA));
	texts[1] = xasprintf("%zu", strlen(SQ_DATA));
	t->obj[4] = texts[0];
	t->obj[5] = texts[1];
	t->obj[6] = "<<\n/Length 7 0 R\n/Type /Metadata\n/Subtype /XML\n>>\n"
	    "stream\n" SQ_XMP "\nendstream";
	t->obj[7] = "12";
	t->n = 7;
	tf_write(t, "%PDF-1.7\n", "");
}

static void
unfiltered_streams_are_compressed(void **state)
{
	struct tfile	 t;
	struct xrows	*x = xcalloc(1, sizeof(*x));
	char		*texts[2], *dict, *v;
	unsigned char	*out, *d;
	size_t		 len, dlen, top;

	(void)state;
	tf_unfiltered(&t, texts);
	assert_int_equal(pdf_pack((unsigned char *)t.pdf.data, t.pdf.len,
	    &out, &len), 0);
	read_xref(out, len, x);
	assert_null(packed_value(out, x, 4, &top));
	d = read_stream(out, top, &dict, &dlen);
	assert_int_equal(dlen, strlen(SQ_DATA));
	assert_memory_equal(d, SQ_DATA, dlen);
	assert_non_null(strstr(dict, "/Filter /FlateDecode"));
	v = xasprintf("/Length1 %zu\n", strlen(SQ_DATA));
	assert_non_null(strstr(dict, v));	/* kept */
	assert_null(strstr(dict, "5 0 R"));
	free(v);
	free(d);
	free(dict);
	/* the XMP packet as it was, its length object too */
	assert_null(packed_value(out, x, 6, &top));
	assert_memory_equal(out + top + strlen("6 0 obj\n"), t.obj[6],
	    strlen(t.obj[6]));
	v = packed_value(out, x, 7, &top);
	assert_string_equal(v, "12");
	free(v);
	free(out);
	free(x->dict);
	free(x);
	strbuf_free(&t.pdf);
	free(texts[0]);
	free(texts[1]);
}

/* A /Length longer than the stream, or missing: refused. */
static void
unfiltered_streams_must_say_their_length(void **state)
{
	struct tfile	 t;
	char		*texts[2];
	unsigned char	*out = NULL;
	size_t		 len;

	(void)state;
	tf_unfiltered(&t, texts);
	strbuf_free(&t.pdf);
	free(texts[1]);
	texts[1] = xasprintf("%zu", strlen(SQ_DATA) + 2);
	t.obj[5] = texts[1];
	tf_write(&t, "%PDF-1.7\n", "");
	assert_int_equal(pdf_pack((unsigned char *)t.pdf.data, t.pdf.len,
	    &out, &len), -1);
	strbuf_free(&t.pdf);
	t.obj[6] = "<<\n/Type /Metadata\n>>\nstream\n" SQ_XMP "\nendstream";
	tf_write(&t, "%PDF-1.7\n", "");
	assert_int_equal(pdf_pack((unsigned char *)t.pdf.data, t.pdf.len,
	    &out, &len), -1);
	assert_null(out);
	strbuf_free(&t.pdf);
	free(texts[0]);
	free(texts[1]);
}

/* Input that is not what libharu writes: -1, output untouched. */
static void
refuse(struct tfile *t, const char *header, const char *extra,
    const char *from, const char *to)
{
	unsigned char	*out = (unsigned char *)"untouched";
	size_t		 len = 9;
	char		*p;

	tf_write(t, header, extra);
	if (from != NULL && (p = strstr(t->pdf.data, from)) != NULL)
		memcpy(p, to, strlen(to));
	assert_int_equal(pdf_pack((unsigned char *)t->pdf.data, t->pdf.len,
	    &out, &len), -1);
	assert_string_equal((char *)out, "untouched");
	assert_int_equal(len, 9);
	strbuf_free(&t->pdf);
}

static void
unparseable_input_is_left_alone(void **state)
{
	struct tfile	 t;

	(void)state;
	tf_small(&t);
	refuse(&t, "%PDF-1.4\n", "", NULL, NULL);	/* too old */
	refuse(&t, "%PDF-1.7\n", "/Encrypt 9 0 R\n", NULL, NULL);
	refuse(&t, "%PDF-1.7\n", "/Prev 12\n", NULL, NULL);
	refuse(&t, "%PDF-1.7\nx\n", "", NULL, NULL);	/* junk */
	refuse(&t, "%PDF-1.7\n", "", "(deep\\))", "(deep\\)\\");
	refuse(&t, "%PDF-1.7\n", "", "/Count 0", "/Count R");
	refuse(&t, "%PDF-1.7\n", "", "\n>>\nendobj\n3 0", "\n>]\nendobj\n3 0");
	refuse(&t, "%PDF-1.7\n", "", "3 0 obj", "4 0 obj");
	refuse(&t, "%PDF-1.7\n", "", "27\nendobj", "27\n  junk");
	refuse(&t, "%PDF-1.7\n", "", "endstream", "endstreaX");
	refuse(&t, "%PDF-1.7\n", "", " 00000 n\r\n", " 00000 x\r\n");
	refuse(&t, "%PDF-1.7\n", "", "%%EOF", "%%EOX");
	refuse(&t, "%PDF-1.7\n", "", "/Size 6", "/Size 7");
	refuse(&t, "%PDF-1.7\n", "", "/Size 6", "       ");	/* none */
	t.obj[5] = "27 0";			/* two values */
	refuse(&t, "%PDF-1.7\n", "", NULL, NULL);
	t.obj[5] = "<41 4G>";			/* not hex */
	refuse(&t, "%PDF-1.7\n", "", NULL, NULL);
}

static void
truncated_input_is_left_alone(void **state)
{
	struct tfile	 t;
	unsigned char	*out = NULL;
	size_t		 len = 0, cut;

	(void)state;
	tf_small(&t);
	tf_write(&t, "%PDF-1.7\n", "");
	for (cut = 0; cut + 1 < t.pdf.len; cut += 7)	/* all but "\n" */
		assert_int_equal(pdf_pack((unsigned char *)t.pdf.data, cut,
		    &out, &len), -1);
	assert_null(out);
	strbuf_free(&t.pdf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings_and_streams_hold_traps),
		cmocka_unit_test(other_generations_stay_on_top),
		cmocka_unit_test(many_objects_fill_streams),
		cmocka_unit_test(alike_objects_side_by_side),
		cmocka_unit_test(unfiltered_streams_are_compressed),
		cmocka_unit_test(unfiltered_streams_must_say_their_length),
		cmocka_unit_test(unparseable_input_is_left_alone),
		cmocka_unit_test(truncated_input_is_left_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
