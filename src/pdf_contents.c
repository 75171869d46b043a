/*
 * pdf_contents: the pages' content streams, compressed on a second
 * thread while the next pages are drawn.  libharu would deflate every
 * page's content at save time, on the one thread, and hold all of it
 * uncompressed until then.
 *
 * While a page is drawn, its libharu stream writes into a buffer of
 * ours (its write function and state are swapped for ours, and given
 * back when the page ends): libharu's memory streams copy a byte at a
 * time, in and out again.  As the page ends, the buffer goes to
 * pdf_flate's queue.  libharu saves the stream empty, its dictionary
 * with /Filter /FlateDecode from us, and the compressed bytes, gathered
 * into one buffer of this thread's when the queue is done (mimalloc
 * would hold on to the compressing thread's blocks), are pdf_pack.c's
 * to write in its place (d->ours' bodies): libharu would copy them a
 * byte at a time into its stream and again into its file.
 *
 * This module must never touch a page's content between taking it and
 * putting it back, never let libharu save or free a stream that is
 * still ours, nor call libharu from anywhere but the device's own
 * thread.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "diag.h"
#include "pdf_flate.h"
#include "pdf_int.h"

#define CONTENTS_NO_JOB	SIZE_MAX	/* a page not (yet) queued */
/*
 * The level for a page (pdf_flate.h): 9 while the pages before it hold
 * at most CONTENTS_BEST_MAX bytes (the demo's 274 KB, within its 150 KB
 * of file, and a report of 23 entries, 322 KB), then CONTENTS_LEVEL,
 * the best at which the thread keeps up with the drawing.  At N=2300
 * the main thread waits for it 34 ms at 4, 23 at 3, 14 at 2 and none at
 * 1, for a file 3.8 % larger than at 4; at N=230 (1.65 MB) a first MiB
 * at 9 kept it waiting 13 ms, 10 % of the build, and 384 KB at 9 take
 * 121.9 ms against 131.7 for a file 2.7 % larger (tests/bench/README.md,
 * seventh and eighth rounds).
 */
#define CONTENTS_BEST_MAX	(384 * 1024)	/* [bytes] */
#define CONTENTS_LEVEL_BEST	9
#define CONTENTS_LEVEL		1

struct pdf_contents {
	struct flate	*flate;
	size_t		*job;		/* per page: its queue number */
	size_t		 queued;	/* [bytes] all pages so far */
	unsigned char	*all;		/* every page's compressed bytes, once
					   the queue is done */

	/* the page being drawn */
	struct strbuf	 page;		/* its content so far */
	HPDF_Stream	 taken;		/* its stream, writing into page */
	HPDF_Stream_Write_Func stream_write;	/* the stream's own */
	void		*stream_attr;
};

static int
contents_level(const struct pdf_contents *c)
{
	return c->queued <= CONTENTS_BEST_MAX ? CONTENTS_LEVEL_BEST :
	    CONTENTS_LEVEL;
}

int
pdf_contents_begin(struct pdf_dev *d)
{
	struct pdf_contents	*c = xcalloc(1, sizeof(*c));
	size_t			 i;

	d->contents = c;
	c->job = xcalloc(d->npages, sizeof(*c->job));
	for (i = 0; i < d->npages; i++) {
		c->job[i] = CONTENTS_NO_JOB;
		HPDF_Page_SetFilter(d->pages[i], HPDF_STREAM_FILTER_NONE);
	}
	if ((c->flate = flate_new()) == NULL)
		return -1;
	return 0;
}

static HPDF_Stream
contents_stream(HPDF_Page page)
{
	return ((HPDF_PageAttr)page->attr)->stream;
}

/* libharu writing to a taken stream: into the page's buffer, sticky
 * errors as its memory streams have them. */
static HPDF_STATUS
contents_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	if (HPDF_Error_GetCode(s->error) != HPDF_OK)
		return HPDF_THIS_FUNC_WAS_SKIPPED;
	strbuf_append(s->attr, (const char *)p, n);
	return HPDF_OK;
}

void
pdf_contents_take(struct pdf_dev *d)
{
	struct pdf_contents	*c = d->contents;
	HPDF_Stream		 s = contents_stream(d->page);
	HPDF_UINT		 i, n, len;
	const HPDF_BYTE		*chunk;

	assert(c->taken == NULL);
	n = HPDF_MemStream_GetBufCount(s);	/* what is there: crop marks */
	for (i = 0; i < n; i++)
		if ((chunk = HPDF_MemStream_GetBufPtr(s, i, &len)) != NULL)
			strbuf_append(&c->page, (const char *)chunk, len);
	HPDF_MemStream_FreeData(s);
	c->taken = s;
	c->stream_write = s->write_fn;
	c->stream_attr = s->attr;
	s->write_fn = contents_write;
	s->attr = &c->page;
}

/* The stream is libharu's again, empty; returns the page's bytes. */
static struct strbuf
give_back(struct pdf_contents *c)
{
	struct strbuf	page = c->page;

	c->taken->write_fn = c->stream_write;
	c->taken->attr = c->stream_attr;
	c->taken->size = 0;
	c->taken = NULL;
	memset(&c->page, 0, sizeof(c->page));
	return page;
}

void
pdf_contents_page(struct pdf_dev *d)
{
	struct pdf_contents	*c = d->contents;
	struct strbuf		 page = give_back(c);

	/* the thread holds it until compressed: no room to spare */
	page.data = xrealloc(page.data, page.len + 1);
	c->job[d->page_no - 1] = flate_push(c->flate, page.data, page.len,
	    contents_level(c));
	c->queued += page.len;
}

/* A page never finished: what was drawn of it goes in plain. */
static void
give_back_plain(struct pdf_contents *c)
{
	HPDF_Stream	s = c->taken;
	struct strbuf	page;

	if (s == NULL)
		return;
	page = give_back(c);
	HPDF_Stream_Write(s, (const HPDF_BYTE *)page.data,
	    (HPDF_UINT)page.len);
	strbuf_free(&page);
}

/*
 * The contents dictionary's filter, written after libharu's keys by its
 * write hook: libharu removes a /Filter key from a stream whose filter
 * is none.
 */
static HPDF_STATUS
contents_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

int
pdf_contents_end(struct pdf_dev *d)
{
	struct pdf_contents	*c = d->contents;
	HPDF_PageAttr		 attr;
	const unsigned char	*z;
	size_t			 i, len, total, at;

	give_back_plain(c);
	if (flate_finish(c->flate) == -1)
		return -1;
	for (i = 0, total = 0; i < d->npages; i++)
		if (c->job[i] != CONTENTS_NO_JOB) {
			(void)flate_result(c->flate, c->job[i], &len);
			total += len;
		}
	c->all = xmalloc(total ? total : 1);
	for (i = 0, at = 0; i < d->npages; i++) {
		if (c->job[i] == CONTENTS_NO_JOB)
			continue;	/* never ended: written plain */
		z = flate_result(c->flate, c->job[i], &len);
		memcpy(c->all + at, z, len);
		attr = (HPDF_PageAttr)d->pages[i]->attr;
		attr->contents->write_fn = contents_filter;
		pdf_objs_body(&d->ours, pdf_obj_num(attr->contents),
		    c->all + at, len);
		at += len;
	}
	flate_free(c->flate);
	c->flate = NULL;
	return 0;
}

void
pdf_contents_free(struct pdf_dev *d)
{
	if (d->contents == NULL)
		return;
	give_back_plain(d->contents);
	flate_free(d->contents->flate);
	free(d->contents->all);
	free(d->contents->job);
	free(d->contents);
	d->contents = NULL;
}
