/*
 * render: walks the display list and hands each page and item to a
 * device.  Two devices exist: the PDF device (pdf_device.c, the only code
 * that draws with libharu) and the text device (text_device.c, which
 * prints the same calls for tests).
 *
 * This module must never decide where anything goes: the layout did.
 */
#ifndef BROCHURE_RENDER_H
#define BROCHURE_RENDER_H

#include <stdio.h>

#include "font.h"
#include "layout.h"

/*
 * A device.  render() calls begin, then for every page begin_page, the
 * item function of each item's kind, end_page, and finally end, which is
 * called even when begin failed (so the device can clean up).  A NULL
 * begin_page, item or end_page entry means the device ignores that call.
 */
struct device {
	void	*ctx;
	/* Called once with the whole layout before any page; 0 or -1. */
	int	(*begin)(void *ctx, const struct layout *);
	void	(*begin_page)(void *ctx, const struct page *);
	void	(*item[ITEM__MAX])(void *ctx, const struct item *);
	void	(*end_page)(void *ctx, const struct page *);
	/* Returns 0 on success, -1 after reporting a failure. */
	int	(*end)(void *ctx);
};

/* Render every page of the layout to the device.  0 or -1. */
int	render(const struct layout *, const struct device *);

/*
 * The PDF device writes to out_path: first into a temporary file
 * ".<name>.XXXXXX" in the same folder, renamed into place only when
 * complete, so an existing file is never left half-written.  Reports
 * failures through diag and returns -1.  It draws into the libharu
 * document of fonts: call it once per font set.
 */
int	render_pdf(const struct layout *, struct fonts *, const char *out_path);

/* What a PDF is for, beyond the screen (render_pdf's defaults: all 0). */
struct pdf_options {
	int	 pdfa;		/* PDF/A-2b: sRGB output intent, pdfaid */
	int	 print;		/* trim and bleed boxes, crop marks, and the
				   colours' CMYK values where the style has
				   them */
	double	 bleed;		/* [pt] print: how far what touches the trim
				   edge runs over it */
	int	 marks;		/* print: crop marks outside the bleed */
};

/*
 * render_pdf for a purpose (opt NULL: the screen).  Either way the
 * dates come from SOURCE_DATE_EPOCH (digits only, else an error) or the
 * report's date, never the clock: equal input gives equal bytes.
 */
int	render_pdf_opts(const struct layout *, struct fonts *,
	    const char *out_path, const struct pdf_options *opt);
/*
 * render_pdf_opts that takes the layout and frees it once drawn, before
 * the file is written (where memory peaks): the caller must not use it
 * afterwards.
 */
int	render_pdf_free(struct layout *, struct fonts *,
	    const char *out_path, const struct pdf_options *opt);

/*
 * Check an image file the PDF device can embed (PNG of any kind, or a
 * baseline/progressive JPEG) by reading it completely, and give its
 * size in pixels.  Returns -1 after reporting, at pos (the element that
 * names the image), why it cannot be used.  Typeset calls it before any output is opened.
 */
int	render_image_size(const char *path, const struct srcpos *pos,
	    int *width, int *height);

/* The text device prints each call as one line to out (see
 * text_device.c for the format).  0, or -1 after a write error. */
int	render_text(const struct layout *, struct fonts *, FILE *out);

#endif /* BROCHURE_RENDER_H */
