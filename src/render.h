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

struct device {
	void	*ctx;
	/* Called once with the whole layout before any page. */
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
 * The PDF device writes to out_path: first into a temporary file in the
 * same folder, renamed into place only when complete.  Reports failures
 * through diag.  It takes the libharu document from fonts.
 */
int	render_pdf(const struct layout *, struct fonts *, const char *out_path);

/* The text device prints each call as one line to out. */
int	render_text(const struct layout *, struct fonts *, FILE *out);

#endif /* BROCHURE_RENDER_H */
