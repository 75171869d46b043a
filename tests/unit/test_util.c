/*
 * Unit tests of util: UTF-8 decoding and encoding, lengths with units,
 * the arena and the string buffer; and of diag's counting.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diag.h"
#include "util.h"

static void
utf8_round_trip(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xE4, 0x20AC, 0x2197, 0x2460,
	    0x1F600 };
	char		 buf[4];
	uint32_t	 cp;
	size_t		 i, n;

	(void)state;
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = utf8_encode(cps[i], buf);
		assert_int_equal(utf8_decode(buf, n, &cp), n);
		assert_int_equal(cp, cps[i]);
	}
	assert_int_equal(utf8_encode(0x2197, buf), 3);
}

static void
utf8_rejects_bad_sequences(void **state)
{
	uint32_t	cp;

	(void)state;
	assert_int_equal(utf8_decode("\xC3", 1, &cp), 0);	/* truncated */
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 0);	/* overlong */
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
	assert_int_equal(utf8_decode("\xFF", 1, &cp), 0);
	assert_int_equal(cp, 0xFFFD);
	assert_true(utf8_valid("Grüße »Köln« ↗ ①"));
	assert_false(utf8_valid("Gr\xFC\xDF" "e"));
}

static void
lengths_with_units(void **state)
{
	double	pt;

	(void)state;
	assert_int_equal(parse_length("12pt", &pt), 0);
	assert_float_equal(pt, 12, 1e-9);
	assert_int_equal(parse_length("210mm", &pt), 0);
	assert_float_equal(pt, 595.2756, 1e-3);
	assert_int_equal(parse_length("2.54cm", &pt), 0);
	assert_float_equal(pt, 72, 1e-9);
	assert_int_equal(parse_length("1in", &pt), 0);
	assert_float_equal(pt, 72, 1e-9);
	assert_int_equal(parse_length("7", &pt), 0);
	assert_float_equal(pt, 7, 1e-9);
	assert_int_equal(parse_length("12px", &pt), -1);
	assert_int_equal(parse_length("", &pt), -1);
	assert_int_equal(parse_length(" 3mm", &pt), -1);
	assert_int_equal(parse_length("mm", &pt), -1);
}

static void
arena_allocates_aligned_zeroed_memory(void **state)
{
	struct arena	*a = arena_new();
	char		*big, *s;
	long double	*ld;
	int		 i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		ld = arena_alloc(a, sizeof(*ld) * 3);
		assert_int_equal((uintptr_t)ld % _Alignof(long double), 0);
		assert_true(ld[0] == 0 && ld[2] == 0);
	}
	big = arena_alloc(a, 200000);
	assert_int_equal(big[199999], 0);
	s = arena_printf(a, "%s-%d", "fn", 7);
	assert_string_equal(s, "fn-7");
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_null(arena_strdup(a, NULL));
	arena_free(a);
}

/* Code points appended as UTF-8, the buffer growing and NUL-terminated. */
static void
strbuf_takes_code_points(void **state)
{
	static const uint32_t	 cps[] = { 'a', 0xE4, 0x20AC, 0x1F600 };
	struct strbuf		 b = { NULL, 0, 0 };
	int			 i;

	(void)state;
	for (i = 0; i < 400; i++)
		strbuf_put_cp(&b, cps[i % 4]);
	assert_int_equal(b.len, 100 * (1 + 2 + 3 + 4));
	assert_int_equal(b.data[b.len], '\0');
	assert_memory_equal(b.data, "a\xC3\xA4\xE2\x82\xAC\xF0\x9F\x98\x80", 10);
	assert_true(utf8_valid(b.data));
	strbuf_free(&b);
}

/*
 * The hash: equal bytes hash alike; the length, the tail and every byte
 * count; keys that differ in one character spread over the low bits the
 * tables index with.
 */
static void
hash_spreads_keys(void **state)
{
	enum { KEYS = 4096, BUCKETS = 1024, MOST = 16 };
	static unsigned	 count[BUCKETS];
	char		 key[32], other[32];
	int		 i, most = 0;
	size_t		 n;

	(void)state;
	memset(key, 'x', sizeof(key));
	memcpy(other, key, sizeof(other));
	assert_true(hash_bytes(key, 17) == hash_bytes(other, 17));
	assert_true(hash_bytes(key, 16) != hash_bytes(key, 17));
	assert_true(hash_bytes("", 0) != hash_bytes("\0", 1));
	for (n = 0; n < sizeof(key); n++) {
		other[n] = 'y';
		assert_true(hash_bytes(key, sizeof(key)) !=
		    hash_bytes(other, sizeof(other)));
		other[n] = 'x';
	}
	for (i = 0; i < KEYS; i++) {
		n = (size_t)snprintf(key, sizeof(key), "entry-%d", i);
		count[hash_bytes(key, n) & (BUCKETS - 1)]++;
	}
	for (i = 0; i < BUCKETS; i++)
		most = count[i] > (unsigned)most ? (int)count[i] : most;
	assert_true(most <= MOST);	/* 4 on average */
}

static void
strbuf_grows(void **state)
{
	struct strbuf	b = { NULL, 0, 0 };
	int		i;

	(void)state;
	for (i = 0; i < 1000; i++)
		strbuf_putc(&b, 'x');
	strbuf_printf(&b, "%d", 42);
	assert_int_equal(b.len, 1002);
	assert_string_equal(b.data + 1000, "42");
	strbuf_free(&b);
	assert_null(b.data);
}

/* Formatted into the room there is, or after growing: the same text. */
static void
strbuf_formats_in_place(void **state)
{
	struct strbuf	b = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	char		num[32];
	int		i;

	(void)state;
	strbuf_printf(&b, "%s", "");		/* no buffer yet, nothing */
	assert_int_equal(b.len, 0);
	for (i = 0; i < 5000; i++) {		/* every fill level */
		strbuf_printf(&b, "<%d %s>", i, i % 7 ? "k" : "kids");
		snprintf(num, sizeof(num), "<%d %s>", i, i % 7 ? "k" : "kids");
		strbuf_puts(&want, num);
		assert_int_equal(b.len, want.len);
		assert_true(b.len < b.cap);
		assert_int_equal(b.data[b.len], '\0');
	}
	assert_string_equal(b.data, want.data);
	strbuf_free(&b);
	strbuf_free(&want);
}

static void
file_read_refuses_folders(void **state)
{
	size_t	 len;
	char	*p;

	(void)state;
	errno = 0;
	assert_null(file_read("tests", &len));
	assert_int_equal(errno, EISDIR);
	assert_null(file_read("tests/no-such-file", &len));
	p = file_read("examples/minimal/report.xml", &len);
	assert_non_null(p);
	assert_int_equal(strlen(p), len);
	free(p);
}

static void
diag_counts_and_werror(void **state)
{
	struct srcpos	pos = { "x.xml", 3 };

	(void)state;
	diag_reset();
	diag_warning(&pos, "a warning");
	assert_int_equal(diag_warnings(), 1);
	assert_int_equal(diag_errors(), 0);
	diag_set_werror(1);
	diag_warning(&pos, "now an error");
	assert_int_equal(diag_errors(), 1);
	diag_set_werror(0);
	diag_set_quiet(1);
	diag_error(&pos, "silenced");
	assert_int_equal(diag_errors(), 1);
	diag_set_quiet(0);
	diag_reset();
	assert_int_equal(diag_errors() + diag_warnings(), 0);
}

/* With diag_set_once, a message at the same file:line counts once. */
static void
diag_repeats_shown_once(void **state)
{
	struct srcpos	pos = { "x.xml", 3 }, other = { "x.xml", 4 };

	(void)state;
	diag_reset();
	diag_set_once(1);
	diag_warning(&pos, "twice");
	diag_warning(&pos, "twice");
	assert_int_equal(diag_warnings(), 1);
	diag_warning(&other, "twice");
	diag_warning(&pos, "another");
	assert_int_equal(diag_warnings(), 3);
	diag_set_once(0);
	diag_warning(&pos, "twice");
	assert_int_equal(diag_warnings(), 4);
	diag_reset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_round_trip),
		cmocka_unit_test(utf8_rejects_bad_sequences),
		cmocka_unit_test(lengths_with_units),
		cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
		cmocka_unit_test(strbuf_grows),
		cmocka_unit_test(strbuf_formats_in_place),
		cmocka_unit_test(strbuf_takes_code_points),
		cmocka_unit_test(hash_spreads_keys),
		cmocka_unit_test(file_read_refuses_folders),
		cmocka_unit_test(diag_counts_and_werror),
		cmocka_unit_test(diag_repeats_shown_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
