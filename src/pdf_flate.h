/*
 * pdf_flate: compresses a queue of buffers with libdeflate on a thread
 * of its own, in the order they were queued, while the caller goes on
 * (the PDF device queues each page's content as the page ends).  Each
 * buffer becomes one complete zlib stream (PDF's /FlateDecode) of its
 * own, so its compressed bytes do not depend on the timing of the two
 * threads: they are what flate_now() at the same level gives.
 *
 * This module must never include <hpdf.h> (libharu is not thread-safe:
 * the thread touches nothing but the queue), never print from the
 * thread, and never leave the thread running once flate_finish() or
 * flate_free() has returned (batch forks builds).
 */
#ifndef BROCHURE_PDF_FLATE_H
#define BROCHURE_PDF_FLATE_H

#include <stddef.h>

/*
 * Levels are libdeflate's: 1 (fastest) to 12 (smallest).  At N=2300 the
 * bench's file is 5.16 MB with the pages at its 4 and 5.03 MB at its 6,
 * against 5.31 and 5.19 MB with zlib's 4 and 6, in less time.
 */
#define FLATE_LEVEL_MAX	12

struct flate;

/*
 * A queue and its thread, started now; NULL after reporting when the
 * thread cannot be started.
 */
struct flate	*flate_new(void);
/*
 * The same, but when no thread can be started, silently, the caller
 * compresses every buffer in flate_finish(); never NULL.
 */
struct flate	*flate_new_or_here(void);
/*
 * Queue len bytes at data (from malloc; the queue owns and frees them)
 * to be compressed at level (1 to FLATE_LEVEL_MAX): the buffer's
 * number, counted from 0.
 */
size_t		 flate_push(struct flate *, void *data, size_t len,
		    int level);
/*
 * Compress queued buffers on the caller's thread too, next to the
 * queue's, until every one is compressed, and end the thread; then
 * nothing more can be queued.  -1 after reporting when libdeflate
 * failed or memory ran out.
 */
int		 flate_finish(struct flate *);
/* After flate_finish: buffer i compressed, *len bytes. */
const unsigned char *flate_result(const struct flate *, size_t i,
		    size_t *len);
/*
 * len bytes at data compressed now, on this thread, at level, into a new
 * buffer of *out_len bytes; NULL after reporting.
 */
unsigned char	*flate_now(const void *data, size_t len, int level,
		    size_t *out_len);
/* Everything, the thread ended first if it still runs; NULL is fine. */
void		 flate_free(struct flate *);

#endif /* BROCHURE_PDF_FLATE_H */
