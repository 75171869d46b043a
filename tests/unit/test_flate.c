/*
 * Unit tests of pdf_flate: many buffers of PDF-like text (and an empty
 * one, and a large one) queued to the compressing thread come back in
 * their order, each inflating (with zlib) to what was queued and equal
 * byte for byte to flate_now() at its level (which changes from buffer
 * to buffer), whether queued all at once or with the caller busy in
 * between; flate_now at every level inflates to its buffer; a queue
 * freed without finishing ends its thread and frees what it holds; a
 * queue without buffers finishes.
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

#include "pdf_flate.h"
#include "util.h"

#define NBUF		200		/* buffers in a queue */
#define BUF_MAX		8000		/* [bytes] a buffer, at most */
#define BIG		(1 << 20)	/* [bytes] the large buffer */
#define BUSY_ROUNDS	2000		/* the caller's work between pushes */
#define LEVEL		6

/* Buffer i: lines of operators, its length chosen by a fixed LCG. */
static unsigned char *
make_buf(size_t i, size_t *len)
{
	static const char *const ops[] = {
		"BT\n", "0 -13.5 Td\n", "[(\000H\000a)-250(\000l)] TJ\n",
		"ET\n", ".122 .145 .157 rg\n", "/F1 9.5 Tf\n",
	};
	uint32_t	 x = (uint32_t)(i * 2654435761u + 12345u);
	size_t		 n, k;
	unsigned char	*b;

	n = i == 0 ? 0 : i == 1 ? BIG : (x >> 8) % BUF_MAX;
	b = xmalloc(n);
	for (k = 0; k < n; k++) {
		x = x * 1103515245u + 12345u;
		b[k] = (unsigned char)ops[(x >> 16) % 6][k % 3];
	}
	*len = n;
	return b;
}

/* Levels change from buffer to buffer: 6, 1, 9, 6, … */
static int
buf_level(size_t i)
{
	static const int	 levels[] = { LEVEL, 1, 9 };

	return levels[i % 3];
}

/* What flate_now makes of buffer i at its level, on this thread. */
static unsigned char *
expected(size_t i, size_t *zlen)
{
	size_t		 len;
	unsigned char	*in = make_buf(i, &len), *z;

	z = flate_now(in, len, buf_level(i), zlen);
	assert_non_null(z);
	free(in);
	return z;
}

static void
check_results(struct flate *f, size_t n)
{
	const unsigned char	*z;
	unsigned char		*in, *out, *want;
	size_t			 i, len, zlen, wantlen;
	uLongf			 outlen;

	for (i = 0; i < n; i++) {
		z = flate_result(f, i, &zlen);
		in = make_buf(i, &len);
		outlen = (uLongf)len;
		out = xmalloc(len + 1);
		assert_int_equal(uncompress(out, &outlen, z, (uLong)zlen),
		    Z_OK);
		assert_int_equal(outlen, len);
		assert_memory_equal(out, in, len);
		want = expected(i, &wantlen);
		assert_int_equal(zlen, wantlen);
		assert_memory_equal(z, want, zlen);
		free(want);
		free(out);
		free(in);
	}
}

/* Queue every buffer, the caller busy for busy * (i % 7) rounds after
 * buffer i, finish and check: the thread idle or behind, same bytes. */
static void
queue_and_check(unsigned busy)
{
	struct flate		*f = flate_new();
	unsigned char		*b;
	volatile uint32_t	 work = 0;
	size_t			 i, len, k;

	assert_non_null(f);
	for (i = 0; i < NBUF; i++) {
		b = make_buf(i, &len);
		assert_int_equal(flate_push(f, b, len, buf_level(i)), i);
		for (k = 0; k < busy * (i % 7); k++)
			work = work * 31 + (uint32_t)k;
	}
	assert_int_equal(flate_finish(f), 0);
	check_results(f, NBUF);
	flate_free(f);
}

static void
all_at_once(void **state)
{
	(void)state;
	queue_and_check(0);
}

static void
one_by_one(void **state)
{
	(void)state;
	queue_and_check(BUSY_ROUNDS);
}

static void
empty_buffer(void **state)
{
	struct flate		*f = flate_new();
	const unsigned char	*z;
	unsigned char		 out[1];
	size_t			 zlen;
	uLongf			 outlen = sizeof(out);

	(void)state;
	assert_int_equal(flate_push(f, xmalloc(0), 0, LEVEL), 0);
	assert_int_equal(flate_finish(f), 0);
	z = flate_result(f, 0, &zlen);
	assert_true(zlen > 0);
	assert_int_equal(uncompress(out, &outlen, z, (uLong)zlen), Z_OK);
	assert_int_equal(outlen, 0);
	flate_free(f);
}

/* flate_now at every level gives a zlib stream of the buffer. */
static void
every_level_inflates(void **state)
{
	unsigned char	*in, *z, *out;
	size_t		 len, zlen;
	uLongf		 outlen;
	int		 level;

	(void)state;
	in = make_buf(7, &len);
	out = xmalloc(len + 1);
	for (level = 1; level <= FLATE_LEVEL_MAX; level++) {
		z = flate_now(in, len, level, &zlen);
		assert_non_null(z);
		assert_true(zlen < len);
		outlen = (uLongf)len;
		assert_int_equal(uncompress(out, &outlen, z, (uLong)zlen),
		    Z_OK);
		assert_int_equal(outlen, len);
		assert_memory_equal(out, in, len);
		free(z);
	}
	free(out);
	free(in);
}

static void
no_buffers_and_free_unfinished(void **state)
{
	struct flate	*f = flate_new();
	unsigned char	*b;
	size_t		 i, len;

	(void)state;
	assert_int_equal(flate_finish(f), 0);
	flate_free(f);
	f = flate_new();
	for (i = 0; i < NBUF; i++) {
		b = make_buf(i, &len);
		flate_push(f, b, len, buf_level(i));
	}
	flate_free(f);		/* ends the thread; ASan: no leak */
	flate_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_at_once),
		cmocka_unit_test(one_by_one),
		cmocka_unit_test(empty_buffer),
		cmocka_unit_test(every_level_inflates),
		cmocka_unit_test(no_buffers_and_free_unfinished),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
