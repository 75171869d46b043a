/*
 * A library for LD_PRELOAD that makes the compressing thread of
 * src/pdf_flate.c fail: built with -DFAIL_THREAD it refuses to start a
 * thread (pthread_create: EAGAIN), with -DFAIL_ZLIB zlib refuses the
 * compression level (deflateParams: Z_STREAM_ERROR).
 */
#include <errno.h>
#include <pthread.h>
#include <zlib.h>

#ifdef FAIL_THREAD
int
pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *),
    void *arg)
{
	(void)t; (void)a; (void)f; (void)arg;
	return EAGAIN;
}
#endif

#ifdef FAIL_ZLIB
int
deflateParams(z_streamp z, int level, int strategy)
{
	(void)z; (void)level; (void)strategy;
	return Z_STREAM_ERROR;
}
#endif
