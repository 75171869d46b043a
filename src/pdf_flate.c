/*
 * pdf_flate: a queue of buffers compressed with libdeflate, in order, on
 * a thread of its own (pdf_flate.h).  The caller appends jobs under the
 * lock; the thread takes the next one, compresses it without the lock
 * (whole, in one call, into a complete zlib stream: libdeflate works on
 * whole buffers, two to three times as fast as zlib's streams, and
 * smaller at the same level) and stores the result under the lock.
 * Each thread keeps one compressor per level.  A failure is kept and
 * reported by the caller's thread in flate_finish(), where the caller
 * takes jobs too until none is left: who compresses a buffer never
 * changes its bytes.
 *
 * This module must never include <hpdf.h>, never print from the thread,
 * and never return from flate_finish() or flate_free() with the thread
 * still running.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "diag.h"
#include "pdf_flate.h"
#include "util.h"

#define FLATE_JOBS_MIN	64		/* jobs room at first */

enum flate_err {
	FLATE_OK,
	FLATE_NOMEM,			/* malloc failed */
	FLATE_FAILED			/* libdeflate did not fit its bound */
};

/* One buffer: its input until compressed, then its output. */
struct flate_job {
	unsigned char	*in;
	size_t		 in_len;
	int		 level;
	unsigned char	*out;
	size_t		 out_len;
};

struct flate {
	pthread_mutex_t	 lock;
	pthread_cond_t	 wake;		/* a job queued, or closing */
	pthread_t	 thread;
	int		 running;	/* thread started, not yet joined */
	struct flate_job *jobs;
	size_t		 njobs, cap;
	size_t		 next;		/* jobs taken */
	size_t		 done;		/* jobs compressed (or failed) */
	int		 closing;	/* nothing more will be queued */
	enum flate_err	 err;		/* the first failure, or FLATE_OK */
};

/* One thread's compressors, by level, each made at its first use. */
struct squeezers {
	struct libdeflate_compressor *at[FLATE_LEVEL_MAX + 1];
};

/* Buffer in (n bytes) as one zlib stream, with c, into a new buffer. */
static enum flate_err
squeeze(struct libdeflate_compressor *c, const void *in, size_t n,
    unsigned char **out, size_t *out_len)
{
	size_t		 cap = libdeflate_zlib_compress_bound(c, n);
	unsigned char	*buf, *fit;

	if ((buf = malloc(cap)) == NULL)
		return FLATE_NOMEM;
	if ((*out_len = libdeflate_zlib_compress(c, in, n, buf, cap)) == 0) {
		free(buf);
		return FLATE_FAILED;
	}
	if ((fit = realloc(buf, *out_len)) != NULL)
		buf = fit;
	*out = buf;
	return FLATE_OK;
}

/* A job's bytes, with this thread's compressor of its level. */
static enum flate_err
flate_one(struct squeezers *sq, const struct flate_job *j,
    unsigned char **out, size_t *out_len)
{
	struct libdeflate_compressor	**c = &sq->at[j->level];

	if (*c == NULL && (*c = libdeflate_alloc_compressor(j->level)) == NULL)
		return FLATE_NOMEM;
	return squeeze(*c, j->in, j->in_len, out, out_len);
}

/* A copy of the next job in *j, its number in *i: 0, or -1 once closing
 * and none left. */
static int
flate_take(struct flate *f, struct flate_job *j, size_t *i)
{
	int	 rc = -1;

	pthread_mutex_lock(&f->lock);
	while (f->next == f->njobs && !f->closing)
		pthread_cond_wait(&f->wake, &f->lock);
	if (f->next < f->njobs) {
		*i = f->next++;
		*j = f->jobs[*i];
		rc = 0;
	}
	pthread_mutex_unlock(&f->lock);
	return rc;
}

/* Compress jobs until none is left and the queue is closing: the
 * thread's loop, and the caller's in flate_finish(). */
static void
flate_work(struct flate *f)
{
	struct flate_job	 j;
	struct squeezers	 sq;
	unsigned char		*out = NULL;
	size_t			 out_len = 0, i;
	enum flate_err		 err = FLATE_OK;

	memset(&sq, 0, sizeof(sq));
	while (flate_take(f, &j, &i) == 0) {
		if (err == FLATE_OK)
			err = flate_one(&sq, &j, &out, &out_len);
		free(j.in);
		pthread_mutex_lock(&f->lock);
		/* the array may have moved while unlocked */
		f->jobs[i].in = NULL;
		if (err == FLATE_OK) {
			f->jobs[i].out = out;
			f->jobs[i].out_len = out_len;
		}
		if (f->err == FLATE_OK)
			f->err = err;
		f->done++;
		pthread_mutex_unlock(&f->lock);
	}
	for (i = 0; i <= FLATE_LEVEL_MAX; i++)
		libdeflate_free_compressor(sq.at[i]);
}

static void *
flate_thread(void *arg)
{
	flate_work(arg);
	return NULL;
}

/* A queue, its thread started if it can be: pthread_create's 0 or
 * error in *rc. */
static struct flate *
flate_start(int *rc)
{
	struct flate	*f = xcalloc(1, sizeof(*f));

	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->wake, NULL);
	if ((*rc = pthread_create(&f->thread, NULL, flate_thread, f)) == 0)
		f->running = 1;
	return f;
}

struct flate *
flate_new(void)
{
	struct flate	*f;
	int		 rc;

	f = flate_start(&rc);
	if (rc != 0) {
		diag_error(NULL, "cannot start a thread to compress the "
		    "PDF: %s: raise the limit on processes or threads "
		    "(ulimit -u) or free memory", strerror(rc));
		flate_free(f);
		return NULL;
	}
	return f;
}

struct flate *
flate_new_or_here(void)
{
	int	 rc;

	return flate_start(&rc);
}

size_t
flate_push(struct flate *f, void *data, size_t len, int level)
{
	size_t	 i;

	pthread_mutex_lock(&f->lock);
	assert(!f->closing);
	assert(level >= 1 && level <= FLATE_LEVEL_MAX);
	if (f->njobs == f->cap) {
		f->cap = f->cap ? f->cap * 2 : FLATE_JOBS_MIN;
		f->jobs = xrealloc(f->jobs, f->cap * sizeof(*f->jobs));
	}
	i = f->njobs++;
	f->jobs[i] = (struct flate_job){ data, len, level, NULL, 0 };
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	return i;
}

/* Closing: the thread (and the caller, if help) compresses what is
 * queued, then the thread ends. */
static void
flate_join(struct flate *f, int help)
{
	pthread_mutex_lock(&f->lock);
	f->closing = 1;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	if (help)
		flate_work(f);
	if (f->running)
		pthread_join(f->thread, NULL);
	f->running = 0;
}

/* 0 for FLATE_OK, else -1 after saying what failed. */
static int
flate_said(enum flate_err err)
{
	if (err == FLATE_OK)
		return 0;
	if (err == FLATE_NOMEM)
		diag_error(NULL, "out of memory compressing the PDF: "
		    "free memory or build a smaller document");
	else
		diag_error(NULL, "libdeflate failed compressing the PDF: "
		    "check the libdeflate library");
	return -1;
}

unsigned char *
flate_now(const void *data, size_t len, int level, size_t *out_len)
{
	struct libdeflate_compressor	*c;
	unsigned char			*out = NULL;
	enum flate_err			 err = FLATE_NOMEM;

	assert(level >= 1 && level <= FLATE_LEVEL_MAX);
	if ((c = libdeflate_alloc_compressor(level)) != NULL) {
		err = squeeze(c, data, len, &out, out_len);
		libdeflate_free_compressor(c);
	}
	return flate_said(err) == 0 ? out : NULL;
}

int
flate_finish(struct flate *f)
{
	flate_join(f, 1);
	return flate_said(f->err);
}

const unsigned char *
flate_result(const struct flate *f, size_t i, size_t *len)
{
	*len = f->jobs[i].out_len;
	return f->jobs[i].out;
}

void
flate_free(struct flate *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	flate_join(f, 0);
	for (i = 0; i < f->njobs; i++) {
		free(f->jobs[i].in);
		free(f->jobs[i].out);
	}
	free(f->jobs);
	pthread_cond_destroy(&f->wake);
	pthread_mutex_destroy(&f->lock);
	free(f);
}
