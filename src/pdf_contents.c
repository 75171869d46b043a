/*
 * pdf_contents: the pages' content streams, compressed on a second
 * thread while the next pages are drawn.  libharu would deflate every
 * page's content at save time, on the one thread, and hold all of it
 * uncompressed until then.  Here the page's bytes leave its libharu
 * stream as the page ends and go to pdf_flate's queue; before saving
 * they come back compressed, libharu writes them as they are (the
 * page's filter is none) and the stream's dictionary gets
 * /Filter /FlateDecode from us.
 *
 * This module must never touch a page's content between taking it and
 * putting it back, nor call libharu from anywhere but the device's own
 * thread.
 */
#include <stdint.h>
#include <stdlib.h>

#include <hpdf.h>

#include "diag.h"
#include "pdf_flate.h"
#include "pdf_int.h"

#define CONTENTS_NO_JOB	SIZE_MAX	/* a page not (yet) queued */
/*
 * zlib's level for a page: its best while the pages before it hold at
 * most CONTENTS_BEST_MAX bytes, then CONTENTS_LEVEL, the best at which
 * the thread keeps up with the drawing (tests/bench/README.md, fourth
 * round).
 */
#define CONTENTS_BEST_MAX	(1024 * 1024)	/* [bytes] */
#define CONTENTS_LEVEL_BEST	9
#define CONTENTS_LEVEL		4

struct pdf_contents {
	struct flate	*flate;
	size_t		*job;		/* per page: its queue number */
	size_t		 queued;	/* [bytes] all pages so far */
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

void
pdf_contents_page(struct pdf_dev *d)
{
	struct pdf_contents	*c = d->contents;
	HPDF_Stream		 s = contents_stream(d->page);
	HPDF_UINT		 len = HPDF_Stream_Size(s), got = len;
	unsigned char		*buf = xmalloc(len);

	if (len > 0 && (HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET) != HPDF_OK ||
	    HPDF_Stream_Read(s, buf, &got) != HPDF_OK || got != len)) {
		free(buf);	/* left to libharu: written uncompressed */
		return;
	}
	HPDF_MemStream_FreeData(s);
	c->job[d->page_no - 1] = flate_push(c->flate, buf, len,
	    contents_level(c));
	c->queued += len;
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
	size_t			 i, len;

	if (flate_finish(c->flate) == -1)
		return -1;
	for (i = 0; i < d->npages; i++) {
		if (c->job[i] == CONTENTS_NO_JOB)
			continue;	/* never ended: written plain */
		z = flate_result(c->flate, c->job[i], &len);
		attr = (HPDF_PageAttr)d->pages[i]->attr;
		HPDF_Stream_Write(attr->stream, z, (HPDF_UINT)len);
		attr->contents->write_fn = contents_filter;
	}
	flate_free(c->flate);		/* the compressed bytes */
	c->flate = NULL;
	return 0;
}

void
pdf_contents_free(struct pdf_dev *d)
{
	if (d->contents == NULL)
		return;
	flate_free(d->contents->flate);
	free(d->contents->job);
	free(d->contents);
	d->contents = NULL;
}
