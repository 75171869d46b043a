/*
 * pdf_pack: rewrites the finished PDF libharu wrote, in memory, into the
 * compact form PDF 1.5 allows.  libharu 2.3.0 writes every object at the
 * top level, uncompressed, and a classic cross-reference table; here
 * every object that is not a stream and has generation 0 moves into
 * Flate-compressed object streams (/Type /ObjStm) of at most
 * PACK_PER_STREAM objects (those that begin alike side by side, as they
 * compress better so), and the table and trailer become one compressed
 * cross-reference stream (/Type /XRef, PNG Up predictor) with the
 * trailer's /Root, /Info and /ID.  Streams
 * (page contents, fonts, images, the XMP packet) and any object of
 * another generation stay at the top level, copied byte for byte, but
 * for the streams libharu left without a filter (font programs, their
 * CIDToGIDMaps and ToUnicode CMaps, PNG soft masks): those are
 * compressed here with /Filter /FlateDecode and a direct /Length (the
 * object libharu wrote for their /Length stays, unreferenced), except
 * the XMP packet (/Type /Metadata), which stays readable; the header and
 * its binary comment too.  Every stream compressed here is one job of a
 * flate queue (pdf_flate.h), compressed on its thread and the caller's
 * at once, each exactly as flate_now() would: the bytes never depend on
 * the threads.  Object numbers do not change: the
 * object streams and the cross-reference stream take the next ones.
 * Objects we wrote ourselves (the structure tree, struct pdf_objs) join
 * libharu's: one replaces the value of a placeholder libharu wrote,
 * the others take the numbers after libharu's last; unpacked, they are
 * appended as an update of libharu's file.  So do the bytes we hold of
 * libharu's streams (a page's compressed content, struct pdf_body):
 * libharu wrote the stream empty, and it is written with them and a
 * direct /Length.
 *
 * The table says where each object starts; it ends where the next one
 * starts (or the table).  A small tokenizer of PDF's syntax (literal
 * strings with escapes and nested parentheses, hex strings, names,
 * numbers, references, arrays, dictionaries, comments) finds the end of
 * an object's value and whether "stream" follows, so "endobj" or a
 * parenthesis inside a string or a stream never misleads it.
 *
 * This module must never change what an object says, and never guess:
 * input that does not parse exactly as expected (a header older than
 * 1.5, an encrypted or updated file, a trailer key it does not know, an
 * object not where the table says, a byte that belongs to nothing) is
 * refused with -1, and the caller keeps libharu's bytes.  Equal input
 * gives equal output.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_flate.h"
#include "pdf_int.h"
#include "util.h"

#define PACK_PER_STREAM	200	/* objects in one object stream: more
				   compress little better, and a reader
				   inflates a whole stream for one */
#define PACK_ALIKE	8	/* [bytes] objects that begin alike go
				   side by side: 4 % smaller */
#define PACK_DEPTH_MAX	64	/* arrays and dictionaries in each other */
#define PACK_VERSION_MIN 5	/* PDF 1.5 has object and xref streams */
#define PACK_TAIL	1024	/* [bytes] at the end holding "startxref" */
#define XREF_LINE	20	/* [bytes] a line of the classic table */
#define XREF_OFF_DIGITS	10	/* its offset (or next free object) */
#define XREF_GEN_DIGITS	5	/* its generation */
#define XREF_W1		1	/* [bytes] the type of a stream's row */
#define XREF_WMAX	8	/* [bytes] the widest other field */
#define PNG_UP		2	/* PNG filter type of a row: "Up" */
#define PNG_PREDICTOR	12	/* /Predictor: PNG, per row (Up here) */
#define NUM_MAX		32	/* [bytes] a number printed, with room */
/*
 * Levels (pdf_flate.h: libdeflate's), by measurement.  The object
 * streams: at 9 the demo's 111 KB of objects are 628 bytes smaller than
 * at 6 (148,863 against 149,491 bytes without images, both within its
 * 150 KB), but a report of 23 entries takes 57.7 ms against 53.3 (8 at
 * 148,868 and 56.4 ms; 7 at 149,279 and 54.2 ms); at N=2300 9 would
 * cost about a third more time.  Levels 10 to 12 search for the optimal
 * parse and take several times as long (N=23: 90 ms at 12).
 */
#define PACK_LEVEL	6
/* The level of the streams libharu left without a filter: 9 saves the
 * demo's fonts 24 bytes (of 50 KB). */
#define PACK_STREAM_LEVEL 6
/* The cross-reference stream's level: 9 saves the demo 74 bytes. */
#define PACK_XREF_LEVEL	6

/* A span [from, to) of the input. */
struct span {
	size_t		 from, to;
};

/* Reading the input from i up to end. */
struct lex {
	const unsigned char *p;
	size_t		 i, end;
};

/* One row of the cross-reference stream, by object number. */
struct pk_row {
	unsigned char	 type;		/* 0 free, 1 at offset f2, 2 in
					   object stream f2 at index f3 */
	uint64_t	 f2, f3;	/* type 0: next free, generation;
					   type 1: offset, generation */
};

/* An object in use, as the table and its bytes say. */
struct pk_obj {
	size_t		 num;
	size_t		 off, end;	/* [bytes] its extent in the input */
	struct span	 value;		/* what a packed object holds */
	const unsigned char *text;	/* its first byte */
	uint64_t	 alike;		/* its first PACK_ALIKE bytes, big-endian,
					   zero-padded: pack_cmp's key */
	int		 top;		/* a stream or of generation > 0 */
	struct span	 data;		/* a stream's bytes up to where
					   "endstream" begins */
	struct span	 length;	/* its "/Length value" entry */
	int		 squeezed;	/* compressed here: job */
	const struct pdf_body *body;	/* its bytes given, or NULL */
	size_t		 job;
};

/* An object stream: its number, dictionary, and job. */
struct pk_stm {
	size_t		 num;
	char		 dict[NUM_MAX * 4];
	size_t		 job;
};

struct pk {
	const unsigned char *in;
	size_t		 len;
	size_t		 xref;		/* [bytes] where "xref" is */
	size_t		 size;		/* the table's size, /Size */
	int		 sized;		/* the trailer has /Size */
	struct span	 root, info, id; /* the trailer's (to == 0: none) */
	struct pk_row	*rows;		/* size rows, then the new objects' */
	struct pk_obj	*objs;		/* by offset */
	size_t		 nobjs;
	struct flate	*flate;		/* the streams compressed here */
	struct pk_stm	*stms;		/* the object streams */
	size_t		 nstms;
	struct strbuf	 out;
};

/* --- the tokenizer --- */

/* The classes of PDF's bytes: white space, delimiters, the rest. */
enum { REGULAR, WHITE, DELIM };

static const unsigned char byte_class[256] = {
	['\0'] = WHITE, ['\t'] = WHITE, ['\n'] = WHITE, ['\f'] = WHITE,
	['\r'] = WHITE, [' '] = WHITE,
	['('] = DELIM, [')'] = DELIM, ['<'] = DELIM, ['>'] = DELIM,
	['['] = DELIM, [']'] = DELIM, ['{'] = DELIM, ['}'] = DELIM,
	['/'] = DELIM, ['%'] = DELIM,
};

static int
is_ws(unsigned char c)
{
	return byte_class[c] == WHITE;
}

static int
is_regular(unsigned char c)
{
	return byte_class[c] == REGULAR;
}

/* White space and comments. */
static void
lex_skip(struct lex *l)
{
	while (l->i < l->end) {
		if (is_ws(l->p[l->i]))
			l->i++;
		else if (l->p[l->i] == '%')
			while (l->i < l->end && l->p[l->i] != '\n' &&
			    l->p[l->i] != '\r')
				l->i++;
		else
			break;
	}
}

/* A run of regular characters (a number, keyword or name's text). */
static struct span
lex_regular(struct lex *l)
{
	struct span	 s = { l->i, l->i };

	while (l->i < l->end && is_regular(l->p[l->i]))
		l->i++;
	s.to = l->i;
	return s;
}

/* After the white space, whether the token is word (whole). */
static int
lex_keyword(struct lex *l, const char *word)
{
	size_t		 n = strlen(word), at;
	struct span	 s;

	lex_skip(l);
	at = l->i;
	s = lex_regular(l);
	if (s.to - s.from == n && memcmp(l->p + s.from, word, n) == 0)
		return 1;
	l->i = at;
	return 0;
}

/* (…): balanced parentheses, a backslash escapes the next byte. */
static int
lex_literal(struct lex *l)
{
	int	 depth = 0;

	for (; l->i < l->end; l->i++) {
		if (l->p[l->i] == '\\')
			l->i++;
		else if (l->p[l->i] == '(')
			depth++;
		else if (l->p[l->i] == ')' && --depth == 0) {
			l->i++;
			return 0;
		}
	}
	return -1;
}

/* <…>: hex digits and white space. */
static int
lex_hex(struct lex *l)
{
	for (l->i++; l->i < l->end; l->i++) {
		if (l->p[l->i] == '>') {
			l->i++;
			return 0;
		}
		if (!is_ws(l->p[l->i]) && strchr("0123456789abcdefABCDEF",
		    l->p[l->i]) == NULL)
			return -1;
	}
	return -1;
}

/* The value of an unsigned integer token, or -1. */
static int
span_uint(const unsigned char *p, struct span s, uint64_t *v)
{
	size_t	 i;

	if (s.to == s.from || s.to - s.from > 19)	/* fits 64 bits */
		return -1;
	for (*v = 0, i = s.from; i < s.to; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		*v = *v * 10 + (uint64_t)(p[i] - '0');
	}
	return 0;
}

/* [+-]digits[.digits], at least one digit. */
static int
is_number(const unsigned char *p, struct span s)
{
	size_t	 i = s.from, digits = 0, dots = 0;

	if (i < s.to && (p[i] == '+' || p[i] == '-'))
		i++;
	for (; i < s.to; i++) {
		if (p[i] == '.')
			dots++;
		else if (p[i] >= '0' && p[i] <= '9')
			digits++;
		else
			return 0;
	}
	return digits > 0 && dots <= 1;
}

/* After an integer: " G R" makes it a reference (consumed). */
static void
lex_ref_tail(struct lex *l)
{
	size_t		 at = l->i;
	uint64_t	 gen;

	lex_skip(l);
	if (span_uint(l->p, lex_regular(l), &gen) == 0 &&
	    lex_keyword(l, "R"))
		return;
	l->i = at;
}

/* A number, a reference, true, false or null. */
static int
lex_word(struct lex *l)
{
	struct span	 s = lex_regular(l);
	size_t		 n = s.to - s.from;
	const char	*w = (const char *)l->p + s.from;
	uint64_t	 v;

	if (span_uint(l->p, s, &v) == 0) {
		lex_ref_tail(l);
		return 0;
	}
	if (is_number(l->p, s) || (n == 4 && memcmp(w, "true", 4) == 0) ||
	    (n == 5 && memcmp(w, "false", 5) == 0) ||
	    (n == 4 && memcmp(w, "null", 4) == 0))
		return 0;
	return -1;
}

static int	lex_value(struct lex *, int depth);

/* [ value… ] or << /key value… >>, the opening bracket read. */
static int
lex_container(struct lex *l, int dict, int depth)
{
	const char	*close = dict ? ">>" : "]";
	size_t		 n = strlen(close);

	for (;;) {
		lex_skip(l);
		if (l->end - l->i >= n && memcmp(l->p + l->i, close, n) == 0) {
			l->i += n;
			return 0;
		}
		if (dict && (l->i >= l->end || l->p[l->i] != '/'))
			return -1;
		if (dict && lex_value(l, depth) == -1)	/* the key */
			return -1;
		if (lex_value(l, depth) == -1)
			return -1;
	}
}

/* One value of any kind, after white space; -1 if there is none. */
static int
lex_value(struct lex *l, int depth)
{
	lex_skip(l);
	if (l->i >= l->end || depth >= PACK_DEPTH_MAX)
		return -1;
	switch (l->p[l->i]) {
	case '(':
		return lex_literal(l);
	case '/':
		l->i++;
		lex_regular(l);
		return 0;
	case '[':
		l->i++;
		return lex_container(l, 0, depth + 1);
	case '<':
		if (l->i + 1 < l->end && l->p[l->i + 1] == '<') {
			l->i += 2;
			return lex_container(l, 1, depth + 1);
		}
		return lex_hex(l);
	default:
		return is_regular(l->p[l->i]) ? lex_word(l) : -1;
	}
}

/* An unsigned integer token after white space. */
static int
lex_uint(struct lex *l, uint64_t *v)
{
	lex_skip(l);
	return span_uint(l->p, lex_regular(l), v);
}

/* --- reading libharu's file --- */

/* "%PDF-1.x" with x >= 5 (or 2.x), then only comments up to the first
 * object. */
static int
pk_header(const struct pk *k, size_t first)
{
	struct lex	 l = { k->in, 0, first };
	const char	*h = (const char *)k->in;

	if (first < 8 || memcmp(h, "%PDF-", 5) != 0 || h[6] != '.' ||
	    h[5] < '1' || h[5] > '9' || h[7] < '0' || h[7] > '9' ||
	    (h[5] == '1' && h[7] - '0' < PACK_VERSION_MIN))
		return -1;
	lex_skip(&l);
	return l.i == first ? 0 : -1;
}

/* Where the last "startxref" of the input's tail is, or -1. */
static int
find_startxref(const struct pk *k, size_t *at)
{
	static const char	 kw[] = "startxref";
	size_t			 n = sizeof(kw) - 1, i;
	size_t			 stop = k->len > PACK_TAIL ?
				    k->len - PACK_TAIL : 0;

	for (i = k->len >= n ? k->len - n + 1 : 0; i > stop; i--)
		if (memcmp(k->in + i - 1, kw, n) == 0) {
			*at = i - 1 + n;
			return 0;
		}
	return -1;
}

/* "startxref", the table's offset, "%%EOF" and an EOL at most. */
static int
pk_startxref(struct pk *k)
{
	struct lex	 l = { k->in, 0, k->len };
	uint64_t	 v;

	if (find_startxref(k, &l.i) == -1 || lex_uint(&l, &v) == -1 ||
	    v >= l.i)
		return -1;
	while (l.i < l.end && is_ws(l.p[l.i]))
		l.i++;
	if (l.end - l.i < 5 || memcmp(l.p + l.i, "%%EOF", 5) != 0)
		return -1;
	for (l.i += 5; l.i < l.end && is_ws(l.p[l.i]); l.i++)
		continue;
	k->xref = (size_t)v;
	return l.i == l.end ? 0 : -1;
}

/* One line of the table: "oooooooooo ggggg n" (or f) and a two-byte
 * EOL. */
static int
pk_xref_line(const struct pk *k, size_t at, struct pk_row *r)
{
	struct span		 off = { at, at + XREF_OFF_DIGITS };
	struct span		 gen = { off.to + 1, off.to + 1 +
				    XREF_GEN_DIGITS };
	const unsigned char	*p;

	if (at > k->len || k->len - at < XREF_LINE)
		return -1;
	p = k->in + at;
	if (p[off.to - at] != ' ' || p[gen.to - at] != ' ' ||
	    (p[gen.to - at + 1] != 'n' && p[gen.to - at + 1] != 'f') ||
	    span_uint(k->in, off, &r->f2) == -1 ||
	    span_uint(k->in, gen, &r->f3) == -1)
		return -1;
	r->type = p[gen.to - at + 1] == 'n';
	p += XREF_LINE - 2;
	return memcmp(p, " \n", 2) == 0 || memcmp(p, " \r", 2) == 0 ||
	    memcmp(p, "\r\n", 2) == 0 ? 0 : -1;
}

/* One subsection "first count" and its lines; rows not yet known are
 * marked with type 255. */
static int
pk_subsection(struct pk *k, struct lex *l, size_t nrows)
{
	uint64_t	 first, count, n;

	if (lex_uint(l, &first) == -1 || lex_uint(l, &count) == -1 ||
	    first > nrows || count > nrows - first)
		return -1;
	if (l->i < l->end && l->p[l->i] == '\r')
		l->i++;
	if (l->i >= l->end || l->p[l->i++] != '\n')
		return -1;
	for (n = first; n < first + count; n++, l->i += XREF_LINE)
		if (k->rows[n].type != UINT8_MAX ||
		    pk_xref_line(k, l->i, &k->rows[n]) == -1)
			return -1;
	return 0;
}

/* The classic table: every object number from 0 up once, then
 * "trailer"; nrows is its size at most (the file cannot hold more). */
static int
pk_table(struct pk *k, struct lex *l)
{
	size_t	 nrows = (k->len - k->xref) / XREF_LINE, n;

	k->rows = xcalloc(nrows + 1, sizeof(*k->rows));
	for (n = 0; n < nrows; n++)
		k->rows[n].type = UINT8_MAX;
	l->i = k->xref;
	if (!lex_keyword(l, "xref"))
		return -1;
	while (!lex_keyword(l, "trailer"))
		if (pk_subsection(k, l, nrows) == -1)
			return -1;
	for (k->size = 0; k->size < nrows && k->rows[k->size].type !=
	    UINT8_MAX; k->size++)
		continue;
	for (n = k->size; n < nrows; n++)
		if (k->rows[n].type != UINT8_MAX)
			return -1;
	return k->size > 0 ? 0 : -1;
}

/* Whether the key at s is the name key ("/Root"). */
static int
key_is(const struct pk *k, struct span s, const char *key)
{
	return s.to - s.from == strlen(key) &&
	    memcmp(k->in + s.from, key, s.to - s.from) == 0;
}

/* One "/Key value" of the trailer: /Size (as the table has it),
 * /Root, /Info, /ID and nothing else (/Encrypt, /Prev: refused). */
static int
pk_trailer_entry(struct pk *k, struct lex *l)
{
	struct span	 key = { l->i, l->i }, value;
	uint64_t	 size;

	if (l->i >= l->end || l->p[l->i++] != '/')
		return -1;
	key.to = lex_regular(l).to;
	lex_skip(l);
	value.from = l->i;
	if (lex_value(l, 0) == -1)
		return -1;
	value.to = l->i;
	if (key_is(k, key, "/Size")) {
		k->sized = 1;
		return span_uint(k->in, value, &size) == 0 &&
		    size == k->size ? 0 : -1;
	}
	if (key_is(k, key, "/Root"))
		k->root = value;
	else if (key_is(k, key, "/Info"))
		k->info = value;
	else if (key_is(k, key, "/ID"))
		k->id = value;
	else
		return -1;
	return 0;
}

/* << entries >> and "startxref"; /Root is a must. */
static int
pk_trailer(struct pk *k, struct lex *l)
{
	lex_skip(l);
	if (l->end - l->i < 2 || memcmp(l->p + l->i, "<<", 2) != 0)
		return -1;
	for (l->i += 2; lex_skip(l), l->end - l->i >= 2 &&
	    memcmp(l->p + l->i, ">>", 2) != 0; )
		if (pk_trailer_entry(k, l) == -1)
			return -1;
	if (l->end - l->i < 2)
		return -1;
	l->i += 2;
	return k->sized && k->root.to != 0 && lex_keyword(l, "startxref") ?
	    0 : -1;
}

static int
obj_cmp(const void *a, const void *b)
{
	const struct pk_obj	*x = a, *y = b;

	return (x->off > y->off) - (x->off < y->off);
}

/* The objects in use, by offset, each ending where the next begins. */
static int
pk_extents(struct pk *k)
{
	size_t	 n, i;

	k->objs = xcalloc(k->size, sizeof(*k->objs));
	for (n = 0; n < k->size; n++)
		if (k->rows[n].type == 1)
			k->objs[k->nobjs++] = (struct pk_obj){ .num = n,
			    .off = (size_t)k->rows[n].f2 };
	qsort(k->objs, k->nobjs, sizeof(*k->objs), obj_cmp);
	for (i = 0; i < k->nobjs; i++) {
		k->objs[i].end = i + 1 < k->nobjs ? k->objs[i + 1].off :
		    k->xref;
		if (k->objs[i].end <= k->objs[i].off)
			return -1;
	}
	return k->nobjs > 0 ? pk_header(k, k->objs[0].off) : -1;
}

/* Backwards from l->i over white space: whether word ends there. */
static int
ends_with(struct lex *l, size_t from, const char *word)
{
	size_t	 n = strlen(word);

	while (l->i > from && is_ws(l->p[l->i - 1]))
		l->i--;
	if (l->i - from < n || memcmp(l->p + l->i - n, word, n) != 0)
		return 0;
	l->i -= n;
	return l->i == from || !is_regular(l->p[l->i - 1]);
}

/* A stream: its dictionary, "stream", an EOL, and its extent ends in
 * "endstream endobj" (what lies between is copied as it is). */
static int
pk_stream(struct pk *k, struct pk_obj *o, struct lex *l)
{
	struct lex	 tail = { k->in, o->end, o->end };

	if (o->value.to - o->value.from < 2 || memcmp(o->text, "<<", 2) != 0)
		return -1;			/* not a dictionary */
	if (l->i < l->end && l->p[l->i] == '\r')
		l->i++;
	if (l->i >= l->end || l->p[l->i] != '\n')
		return -1;
	o->top = 1;
	if (!ends_with(&tail, l->i, "endobj") ||
	    !ends_with(&tail, l->i, "endstream"))
		return -1;
	o->data = (struct span){ l->i + 1, tail.i };
	return 0;
}

/* "N G obj", a value, then "endobj" and white space up to the next
 * object, or "stream". */
static int
pk_object(struct pk *k, struct pk_obj *o)
{
	struct lex	 l = { k->in, o->off, o->end };
	uint64_t	 num, gen;

	if (lex_uint(&l, &num) == -1 || num != o->num ||
	    lex_uint(&l, &gen) == -1 || gen != k->rows[o->num].f3 ||
	    !lex_keyword(&l, "obj"))
		return -1;
	lex_skip(&l);
	o->value.from = l.i;
	if (lex_value(&l, 0) == -1)
		return -1;
	o->value.to = l.i;
	o->text = k->in + o->value.from;
	if (lex_keyword(&l, "stream"))
		return pk_stream(k, o, &l);
	o->top = gen != 0;
	if (!lex_keyword(&l, "endobj"))
		return -1;
	lex_skip(&l);
	return l.i == l.end ? 0 : -1;
}

static int
pk_read(struct pk *k)
{
	struct lex	 l = { k->in, 0, k->len };
	size_t		 i;

	if (pk_startxref(k) == -1 || pk_table(k, &l) == -1 ||
	    pk_trailer(k, &l) == -1 || pk_extents(k) == -1)
		return -1;
	for (i = 0; i < k->nobjs; i++)
		if (pk_object(k, &k->objs[i]) == -1)
			return -1;
	return 0;
}

/* --- writing the packed file --- */

static void
put(struct pk *k, const void *data, size_t n)
{
	strbuf_append(&k->out, data, n);
}

static void
put_span(struct pk *k, struct span s)
{
	put(k, k->in + s.from, s.to - s.from);
}

/* "N 0 obj\n<<dict /Length L>>\nstream\n" z "\nendstream\nendobj\n",
 * z compressed already (L bytes); the object's row says where it is. */
static void
put_stream_z(struct pk *k, size_t num, const char *dict,
    const unsigned char *z, size_t zlen)
{
	k->rows[num] = (struct pk_row){ 1, k->out.len, 0 };
	strbuf_printf(&k->out, "%zu 0 obj\n<<", num);
	strbuf_puts(&k->out, dict);
	strbuf_printf(&k->out, " /Length %zu >>\nstream\n", zlen);
	put(k, z, zlen);
	strbuf_puts(&k->out, "\nendstream\nendobj\n");
}

/* The same with data compressed here, on this thread, at level. */
static int
put_stream(struct pk *k, size_t num, const char *dict, const void *data,
    size_t n, int level)
{
	unsigned char	*z;
	size_t		 zlen;

	if ((z = flate_now(data, n, level, &zlen)) == NULL)
		return -1;
	put_stream_z(k, num, dict, z, zlen);
	free(z);
	return 0;
}

/* Object stream num of the packed objects order[from…], at most
 * PACK_PER_STREAM, queued to be compressed; returns the index after the
 * last one taken. */
static size_t
queue_objstm(struct pk *k, size_t num, struct pk_obj *const *order,
    size_t from)
{
	struct strbuf	 head = { NULL, 0, 0 }, body = { NULL, 0, 0 };
	size_t		 i, n = 0;
	struct pk_obj	*o;
	struct pk_stm	*stm;
	char		 pair[2 * NUM_MAX], *p;

	for (i = from; i < k->nobjs && !order[i]->top &&
	    n < PACK_PER_STREAM; i++) {
		o = order[i];
		k->rows[o->num] = (struct pk_row){ 2, num, n++ };
		p = pdf_put_fixed(pair, (long)o->num, 1);
		*p++ = ' ';
		p = pdf_put_fixed(p, (long)body.len, 1);
		*p++ = ' ';
		strbuf_append(&head, pair, (size_t)(p - pair));
		strbuf_append(&body, (const char *)k->in + o->value.from,
		    o->value.to - o->value.from);
		strbuf_putc(&body, '\n');
	}
	stm = &k->stms[k->nstms++];
	stm->num = num;
	snprintf(stm->dict, sizeof(stm->dict), " /Type /ObjStm /N %zu "
	    "/First %zu /Filter /FlateDecode", n, head.len);
	strbuf_append(&head, body.data, body.len);
	stm->job = flate_push(k->flate, head.data, head.len, PACK_LEVEL);
	strbuf_free(&body);
	return i;
}

/* The first PACK_ALIKE bytes of a packed object's value, as pack_cmp
 * compares them: memcmp's order, and a shorter prefix first. */
static void
alike_key(struct pk_obj *o)
{
	size_t	 n = o->value.to - o->value.from, i;

	_Static_assert(PACK_ALIKE == sizeof(o->alike),
	    "the key holds PACK_ALIKE bytes");
	o->alike = 0;
	for (i = 0; i < PACK_ALIKE; i++)
		o->alike = o->alike << 8 | (i < n ? o->text[i] : 0);
}

static int
alike_cmp(const struct pk_obj *x, const struct pk_obj *y)
{
	size_t	 nx = x->value.to - x->value.from;
	size_t	 ny = y->value.to - y->value.from;

	if (x->alike != y->alike)
		return x->alike < y->alike ? -1 : 1;
	nx = nx < PACK_ALIKE ? nx : PACK_ALIKE;
	ny = ny < PACK_ALIKE ? ny : PACK_ALIKE;
	return (nx > ny) - (nx < ny);
}

/* Packed objects first, those that begin alike side by side (they
 * compress better so: structure elements, annotations, destinations),
 * then by number. */
static int
pack_cmp(const void *a, const void *b)
{
	const struct pk_obj	*x = *(struct pk_obj *const *)a;
	const struct pk_obj	*y = *(struct pk_obj *const *)b;
	int			 c;

	if (x->top != y->top)
		return x->top - y->top;
	if (!x->top && (c = alike_cmp(x, y)) != 0)
		return c;
	return (x->num > y->num) - (x->num < y->num);
}

/* Every packed object (in pack_cmp's order) into object streams size,
 * size+1, …, queued to be compressed (k->stms). */
static void
queue_objstms(struct pk *k)
{
	struct pk_obj	**order = xmalloc((k->nobjs + 1) * sizeof(*order));
	size_t		  i, num;

	for (i = 0; i < k->nobjs; i++) {
		order[i] = &k->objs[i];
		if (!order[i]->top)
			alike_key(order[i]);
	}
	qsort(order, k->nobjs, sizeof(*order), pack_cmp);
	k->stms = xcalloc(k->nobjs / PACK_PER_STREAM + 1, sizeof(*k->stms));
	for (i = 0; i < k->nobjs && !order[i]->top; ) {
		num = k->size + k->nstms;
		k->rows = xrealloc(k->rows, (num + 2) * sizeof(*k->rows));
		i = queue_objstm(k, num, order, i);
	}
	free(order);
}

/* The object streams, compressed. */
static void
put_objstms(struct pk *k)
{
	const unsigned char	*z;
	size_t			 i, zlen;

	for (i = 0; i < k->nstms; i++) {
		z = flate_result(k->flate, k->stms[i].job, &zlen);
		put_stream_z(k, k->stms[i].num, k->stms[i].dict, z, zlen);
	}
}

/* A stream with other bytes (z, zlen of them): its dictionary without
 * /Length, then a direct /Length (and /Filter when filter says). */
static void
put_stream_as(struct pk *k, const struct pk_obj *o, const unsigned char *z,
    size_t zlen, int filter)
{
	strbuf_printf(&k->out, "%zu %llu obj\n", o->num,
	    (unsigned long long)k->rows[o->num].f3);
	put_span(k, (struct span){ o->value.from, o->length.from });
	put_span(k, (struct span){ o->length.to, o->value.to - 2 });
	strbuf_printf(&k->out, " /Length %zu%s >>\nstream\n", zlen,
	    filter ? " /Filter /FlateDecode" : "");
	put(k, z, zlen);
	strbuf_puts(&k->out, "\nendstream\nendobj\n");
}

/* A stream compressed here: its bytes compressed, /Filter added. */
static void
put_squeezed(struct pk *k, const struct pk_obj *o)
{
	const unsigned char	*z;
	size_t			 zlen;

	z = flate_result(k->flate, o->job, &zlen);
	put_stream_as(k, o, z, zlen, 1);
}

/* Streams and objects of other generations, as they were (but for the
 * streams compressed here). */
static void
put_top(struct pk *k)
{
	size_t	 i;

	for (i = 0; i < k->nobjs; i++)
		if (k->objs[i].top) {
			k->rows[k->objs[i].num].f2 = k->out.len;
			if (k->objs[i].squeezed)
				put_squeezed(k, &k->objs[i]);
			else if (k->objs[i].body != NULL)
				put_stream_as(k, &k->objs[i],
				    k->objs[i].body->data,
				    k->objs[i].body->len, 0);
			else
				put_span(k, (struct span){ k->objs[i].off,
				    k->objs[i].end });
		}
}

/* [bytes] to hold v (at least 1). */
static int
width(uint64_t v)
{
	int	 w = 1;

	while (w < XREF_WMAX && (v >> (8 * w)) != 0)
		w++;
	return w;
}

/* The rows, big-endian in fields of w[] bytes, each after PNG Up's
 * filter byte and as its difference to the row above. */
static unsigned char *
xref_rows(const struct pk *k, size_t nrows, const int w[3], size_t *len)
{
	size_t		 cols = (size_t)(w[0] + w[1] + w[2]), r, c;
	unsigned char	*raw = xcalloc(nrows, cols), *out, *p;
	uint64_t	 f[3];
	int		 j, b;

	for (r = 0, p = raw; r < nrows; r++) {
		f[0] = k->rows[r].type, f[1] = k->rows[r].f2;
		f[2] = k->rows[r].f3;
		for (j = 0; j < 3; j++)
			for (b = w[j] - 1; b >= 0; b--)
				*p++ = (unsigned char)(f[j] >> (8 * b));
	}
	*len = nrows * (cols + 1);
	out = xmalloc(*len);
	for (r = 0, p = out; r < nrows; r++) {
		*p++ = PNG_UP;
		for (c = 0; c < cols; c++)
			*p++ = (unsigned char)(raw[r * cols + c] -
			    (r > 0 ? raw[(r - 1) * cols + c] : 0));
	}
	free(raw);
	return out;
}

/* " /Root …", " /Info …" and " /ID …" as the trailer had them. */
static void
trailer_put(const struct pk *k, struct strbuf *b)
{
	strbuf_puts(b, " /Root ");
	strbuf_append(b, (const char *)k->in + k->root.from,
	    k->root.to - k->root.from);
	if (k->info.to != 0) {
		strbuf_puts(b, " /Info ");
		strbuf_append(b, (const char *)k->in + k->info.from,
		    k->info.to - k->info.from);
	}
	if (k->id.to != 0) {
		strbuf_puts(b, " /ID ");
		strbuf_append(b, (const char *)k->in + k->id.from,
		    k->id.to - k->id.from);
	}
}

/* The cross-reference stream, object nrows - 1, with the trailer's
 * entries; then startxref. */
static int
put_xref(struct pk *k, size_t nrows)
{
	struct strbuf	 dict = { NULL, 0, 0 };
	size_t		 at = k->out.len, len, r;
	uint64_t	 max2 = at, max3 = 0;
	unsigned char	*rows;
	int		 w[3] = { XREF_W1, 0, 0 }, rc;

	k->rows[nrows - 1] = (struct pk_row){ 1, at, 0 };
	for (r = 0; r < nrows; r++) {
		max2 = k->rows[r].f2 > max2 ? k->rows[r].f2 : max2;
		max3 = k->rows[r].f3 > max3 ? k->rows[r].f3 : max3;
	}
	w[1] = width(max2), w[2] = width(max3);
	rows = xref_rows(k, nrows, w, &len);
	strbuf_printf(&dict, " /Type /XRef /Size %zu /W [ %d %d %d ]",
	    nrows, w[0], w[1], w[2]);
	trailer_put(k, &dict);
	strbuf_printf(&dict, " /Filter /FlateDecode /DecodeParms << "
	    "/Columns %d /Predictor %d >>", w[0] + w[1] + w[2], PNG_PREDICTOR);
	rc = put_stream(k, nrows - 1, dict.data, rows, len, PACK_XREF_LEVEL);
	strbuf_printf(&k->out, "startxref\n%zu\n%%%%EOF\n", at);
	strbuf_free(&dict);
	free(rows);
	return rc;
}


/* --- the streams libharu left without a filter --- */

static struct pk_obj	*pk_find(struct pk *, size_t num);

/* A /Length's value: an integer, or a reference to a packed object
 * that holds one. */
static int
length_value(struct pk *k, struct span v, uint64_t *len)
{
	struct lex	 l = { k->in, v.from, v.to };
	uint64_t	 num, gen;
	struct pk_obj	*o;

	if (span_uint(k->in, v, len) == 0)
		return 0;
	if (lex_uint(&l, &num) == -1 || lex_uint(&l, &gen) == -1 ||
	    !lex_keyword(&l, "R") || num >= k->size ||
	    gen != k->rows[num].f3 || (o = pk_find(k, (size_t)num)) == NULL)
		return -1;
	return span_uint(k->in, o->value, len);
}

/* A stream's dictionary: its "/Length value" entry (and the white space
 * after it) in o->length; 1 and *len its value if the stream is to be
 * compressed here (no /Filter, /DecodeParms or /F, not /Type
 * /Metadata), 0 if not, -1 if it has no /Length that says. */
static int
squeeze_dict(struct pk *k, struct pk_obj *o, uint64_t *len)
{
	struct lex	 l = { k->in, o->value.from + 2, o->value.to - 2 };
	struct span	 key, value, length = { 0, 0 };
	int		 keep = 0;

	for (lex_skip(&l); l.i < l.end; ) {
		key.from = l.i;
		if (l.p[l.i++] != '/')
			return -1;
		key.to = lex_regular(&l).to;
		lex_skip(&l);
		value.from = l.i;
		if (lex_value(&l, 0) == -1)
			return -1;
		value.to = l.i;
		lex_skip(&l);
		if (key_is(k, key, "/Length")) {
			o->length = (struct span){ key.from, l.i };
			length = value;
		} else if (key_is(k, key, "/Filter") ||
		    key_is(k, key, "/DecodeParms") || key_is(k, key, "/F") ||
		    (key_is(k, key, "/Type") && key_is(k, value, "/Metadata")))
			keep = 1;
	}
	if (length.to == 0)
		return -1;
	if (keep)
		return 0;
	return length_value(k, length, len) == -1 ? -1 : 1;
}

/* Whether [from, to) is white space only. */
static int
only_ws(const struct pk *k, size_t from, size_t to)
{
	while (from < to && is_ws(k->in[from]))
		from++;
	return from == to;
}

/* Every stream to compress here queued, a copy of its /Length bytes,
 * which end in white space before "endstream": 0, or -1. */
static int
queue_squeezed(struct pk *k)
{
	struct pk_obj	*o;
	uint64_t	 len;
	size_t		 i;
	void		*copy;
	int		 rc;

	for (i = 0; i < k->nobjs; i++) {
		o = &k->objs[i];
		if (!o->top || o->data.to == 0 ||	/* not a stream */
		    o->body != NULL)			/* bytes given */
			continue;
		if ((rc = squeeze_dict(k, o, &len)) != 1) {
			if (rc == -1)
				return -1;
			continue;
		}
		if (len > o->data.to - o->data.from ||
		    !only_ws(k, o->data.from + (size_t)len, o->data.to))
			return -1;
		copy = xmalloc(len ? (size_t)len : 1);
		memcpy(copy, k->in + o->data.from, (size_t)len);
		o->squeezed = 1;
		o->job = flate_push(k->flate, copy, (size_t)len,
		    PACK_STREAM_LEVEL);
	}
	return 0;
}

/* --- the whole --- */

/* The streams left without a filter, then the object streams, queued
 * at once; the thread starts on the first while the next are made, and
 * this one joins it at the end. */
static int
pk_write(struct pk *k)
{
	int	 rc;

	k->flate = flate_new_or_here();
	rc = queue_squeezed(k);
	queue_objstms(k);
	if (flate_finish(k->flate) == -1 || rc == -1)
		return -1;
	put(k, k->in, k->objs[0].off);		/* the header */
	put_objstms(k);
	put_top(k);
	return put_xref(k, k->size + k->nstms + 1);
}

/* --- our objects (src/pdf_int.h, struct pdf_objs) --- */

/* The value of ours->obj[i]: its text follows libharu's file in the
 * input. */
static struct span
our_span(const struct pk *k, const struct pdf_objs *ours, size_t i)
{
	return (struct span){ k->len + (i > 0 ? ours->obj[i - 1].end : 0),
	    k->len + ours->obj[i].end };
}

/* Whether s holds one value and nothing else. */
static int
our_value(const struct pk *k, struct span s)
{
	struct lex	 l = { k->in, s.from, s.to };

	if (lex_value(&l, 0) == -1)
		return -1;
	lex_skip(&l);
	return l.i == s.to ? 0 : -1;
}

/* The object numbered num, or NULL: found by its offset, the order of
 * k->objs (ours, appended, lie after the input). */
static struct pk_obj *
pk_at(struct pk *k, size_t num)
{
	struct pk_obj	 key, *o;

	if (num >= k->size || k->rows[num].type != 1)
		return NULL;
	key.off = (size_t)k->rows[num].f2;
	o = bsearch(&key, k->objs, k->nobjs, sizeof(*k->objs), obj_cmp);
	return o != NULL && o->num == num ? o : NULL;
}

/* The object numbered num that is not a stream, or NULL. */
static struct pk_obj *
pk_find(struct pk *k, size_t num)
{
	struct pk_obj	*o = pk_at(k, num);

	return o != NULL && !o->top ? o : NULL;
}

/* The streams whose bytes are given: each a stream of libharu's with a
 * /Length (o->length), once. */
static int
pk_bodies(struct pk *k, const struct pdf_objs *ours)
{
	struct pk_obj	*o;
	uint64_t	 len;
	size_t		 i;

	for (i = 0; i < ours->nbody; i++) {
		if ((o = pk_at(k, ours->body[i].num)) == NULL || !o->top ||
		    o->data.to == 0 || o->body != NULL ||
		    squeeze_dict(k, o, &len) == -1)
			return -1;
		o->body = &ours->body[i];
	}
	return 0;
}

/* Ours among the objects: a placeholder's value replaced, or a new
 * object, numbered from k->size up, each number once; k->size then
 * counts them. */
static int
pk_ours(struct pk *k, const struct pdf_objs *ours)
{
	size_t		 i, nnew = 0, num;
	struct span	 s;
	struct pk_obj	*o;

	for (i = 0; i < ours->n; i++)
		nnew += ours->obj[i].num >= k->size;
	k->objs = xrealloc(k->objs, (k->nobjs + nnew + 1) * sizeof(*k->objs));
	k->rows = xrealloc(k->rows, (k->size + nnew + 1) * sizeof(*k->rows));
	memset(k->rows + k->size, 0, (nnew + 1) * sizeof(*k->rows));
	for (i = 0; i < ours->n; i++) {
		num = ours->obj[i].num;
		s = our_span(k, ours, i);
		if (our_value(k, s) == -1)
			return -1;
		if (num < k->size) {
			if ((o = pk_find(k, num)) == NULL)
				return -1;
		} else if (num < k->size + nnew && k->rows[num].type == 0) {
			k->rows[num].type = 1;
			o = &k->objs[k->nobjs++];
			*o = (struct pk_obj){ .num = num, .off = s.from,
			    .end = s.to };
		} else {
			return -1;
		}
		o->value = s;
		o->text = k->in + s.from;
	}
	k->size += nnew;
	return 0;
}

/* libharu's file as it is, then ours as an update at its end: each
 * object, a table of a subsection per object, the trailer with /Prev. */
static int
pk_append(struct pk *k, const struct pdf_objs *ours)
{
	size_t	*at, *num, i, n = ours->n + ours->nbody, xref;

	put(k, k->in, k->len);
	if (n == 0)
		return 0;
	at = xcalloc(n, sizeof(*at));
	num = xcalloc(n, sizeof(*num));
	if (k->in[k->len - 1] != '\n')
		strbuf_putc(&k->out, '\n');
	for (i = 0; i < ours->n; i++) {
		at[i] = k->out.len;
		num[i] = ours->obj[i].num;
		strbuf_printf(&k->out, "%zu 0 obj\n", ours->obj[i].num);
		put_span(k, our_span(k, ours, i));
		strbuf_puts(&k->out, "\nendobj\n");
	}
	for (i = 0; i < ours->nbody; i++) {
		at[ours->n + i] = k->out.len;
		num[ours->n + i] = ours->body[i].num;
		put_stream_as(k, pk_at(k, ours->body[i].num),
		    ours->body[i].data, ours->body[i].len, 0);
	}
	xref = k->out.len;
	strbuf_puts(&k->out, "xref\n");
	for (i = 0; i < n; i++)
		strbuf_printf(&k->out, "%zu 1\n%010zu %05llu n\r\n", num[i],
		    at[i], num[i] < k->size ?
		    (unsigned long long)k->rows[num[i]].f3 : 0ULL);
	strbuf_printf(&k->out, "trailer\n<< /Size %zu", k->size);
	trailer_put(k, &k->out);
	strbuf_printf(&k->out, " /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n",
	    k->xref, xref);
	free(at);
	free(num);
	return 0;
}

int
pdf_pack(const unsigned char *in, size_t len, unsigned char **out,
    size_t *out_len)
{
	static const struct pdf_objs	 none;

	return pdf_pack_ours(in, len, &none, 0, out, out_len);
}

int
pdf_pack_ours(const unsigned char *in, size_t len,
    const struct pdf_objs *ours, int append, unsigned char **out,
    size_t *out_len)
{
	struct pk	 k;
	int		 rc;

	memset(&k, 0, sizeof(k));
	k.in = in;
	k.len = len;
	rc = len > 0 && pk_read(&k) == 0 && pk_ours(&k, ours) == 0 &&
	    pk_bodies(&k, ours) == 0 ?
	    (append ? pk_append(&k, ours) : pk_write(&k)) : -1;
	flate_free(k.flate);
	free(k.stms);
	free(k.rows);
	free(k.objs);
	if (rc == -1) {
		strbuf_free(&k.out);
		return -1;
	}
	*out = (unsigned char *)k.out.data;
	*out_len = k.out.len;
	return 0;
}
