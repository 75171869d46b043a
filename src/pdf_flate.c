/*
 * pdf_flate: a queue of buffers compressed with zlib, in order, on a
 * thread of its own (pdf_flate.h).  The caller appends jobs under the
 * lock; the thread takes the next one, compresses it without the lock
 * (one z_stream, reset for each buffer, so each is a complete zlib
 * stream as compress2() makes it) and stores the result under the lock.
 * A failure is kept and reported by the caller's thread in
 * flate_finish(), where the caller takes jobs too until none is left:
 * who compresses a buffer never changes its bytes.
 *
 * This module must never include <hpdf.h>, never print from the thread,
 * and never return from flate_finish() or flate_free() with the thread
 * still running.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define ZLIB_CONST			/* next_in is const */
#include <zlib.h>

#include "diag.h"
#include "pdf_flate.h"
#include "util.h"

#define FLATE_JOBS_MIN	64		/* jobs room at first */

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
	int		 zerr;		/* the first zlib error, or Z_OK */
};

/*
 * A job's bytes as one zlib stream into a new buffer: Z_OK, or zlib's
 * error (Z_MEM_ERROR when malloc failed).  The stream is reset, and its
 * level set before any input, so it starts as if new.
 */
static int
flate_one(z_stream *z, const struct flate_job *j, unsigned char **out,
    size_t *out_len)
{
	uLong		 cap;
	unsigned char	*buf, *fit;
	int		 rc;

	if ((rc = deflateReset(z)) != Z_OK ||
	    (rc = deflateParams(z, j->level, Z_DEFAULT_STRATEGY)) != Z_OK)
		return rc;
	cap = deflateBound(z, (uLong)j->in_len);
	if ((buf = malloc(cap)) == NULL)
		return Z_MEM_ERROR;
	z->next_in = j->in;
	z->avail_in = (uInt)j->in_len;
	z->next_out = buf;
	z->avail_out = (uInt)cap;
	if ((rc = deflate(z, Z_FINISH)) != Z_STREAM_END) {
		free(buf);
		return rc == Z_OK ? Z_BUF_ERROR : rc;
	}
	*out_len = cap - z->avail_out;
	if ((fit = realloc(buf, *out_len ? *out_len : 1)) != NULL)
		buf = fit;
	*out = buf;
	return Z_OK;
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
	z_stream		 z;
	unsigned char		*out = NULL;
	size_t			 out_len = 0, i;
	int			 zerr;

	memset(&z, 0, sizeof(z));
	zerr = deflateInit(&z, Z_DEFAULT_COMPRESSION);
	while (flate_take(f, &j, &i) == 0) {
		if (zerr == Z_OK)
			zerr = flate_one(&z, &j, &out, &out_len);
		free(j.in);
		pthread_mutex_lock(&f->lock);
		/* the array may have moved while unlocked */
		f->jobs[i].in = NULL;
		if (zerr == Z_OK) {
			f->jobs[i].out = out;
			f->jobs[i].out_len = out_len;
		}
		if (f->zerr == Z_OK)
			f->zerr = zerr;
		f->done++;
		pthread_mutex_unlock(&f->lock);
	}
	deflateEnd(&z);
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

int
flate_finish(struct flate *f)
{
	flate_join(f, 1);
	if (f->zerr == Z_OK)
		return 0;
	if (f->zerr == Z_MEM_ERROR)
		diag_error(NULL, "out of memory compressing the PDF: "
		    "free memory or build a smaller document");
	else
		diag_error(NULL, "zlib failed compressing the PDF "
		    "(error %d): check the zlib library", f->zerr);
	return -1;
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
