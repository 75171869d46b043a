/*
 * A library for LD_PRELOAD that makes the compressing thread of
 * src/pdf_flate.c fail: built with -DFAIL_THREAD it refuses to start a
 * thread (pthread_create: EAGAIN), with -DFAIL_DEFLATE libdeflate
 * finds no room for what it compressed (libdeflate_zlib_compress: 0).
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>

#include <libdeflate.h>

#ifdef FAIL_THREAD
int
pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *),
    void *arg)
{
	(void)t; (void)a; (void)f; (void)arg;
	return EAGAIN;
}
#endif

#ifdef FAIL_DEFLATE
size_t
libdeflate_zlib_compress(struct libdeflate_compressor *c, const void *in,
    size_t in_len, void *out, size_t out_len)
{
	(void)c; (void)in; (void)in_len; (void)out; (void)out_len;
	return 0;
}
#endif
