/*
 * pdf_int: what the files of the PDF device share (pdf_device.c draws,
 * pdf_image.c loads images) and nobody else may see.
 */
#ifndef BROCHURE_PDF_INT_H
#define BROCHURE_PDF_INT_H

#include <stddef.h>

#include <hpdf.h>

#include "font.h"
#include "layout.h"
#include "util.h"

/* A named destination: where an ITEM_DEST landed. */
struct pdf_dest {
	const char	*name;
	size_t		 seq;		/* document order, for duplicates */
	size_t		 page;
	double		 x, y;		/* [pt] */
};

/* An embedded image, shared by every use of its path. */
struct pdf_image {
	char		*path;
	HPDF_Image	 image;		/* NULL: the file failed, reported */
};

struct pdf_dev {
	struct fonts		*fonts;
	HPDF_Doc		 pdf;
	const struct layout	*layout;
	HPDF_Page		*pages;		/* one per layout page */
	size_t			 npages;
	HPDF_Page		 page;		/* the page being filled */
	int			 page_no;	/* 1-based, for messages */
	struct pdf_dest		*dests;		/* sorted by name, unique */
	size_t			 ndests;
	struct pdf_image	*images;
	size_t			 nimages, images_cap;
	struct strbuf		 tj;		/* the TJ operator being built */
	const char		*out_path;
	int			 failed;
};

/*
 * Load the image file at path into the document: checked completely
 * first, so a damaged file is reported at pos and gives NULL, never a
 * libharu abort.
 */
HPDF_Image	 pdf_image_load(HPDF_Doc, const char *path,
		    const struct srcpos *pos);

#endif /* BROCHURE_PDF_INT_H */
