/*
 * font_pdf: what the PDF device needs from the font set and nobody else
 * may use: the libharu document that owns the fonts, each face's
 * libharu font, and the check that turns libharu's error numbers into
 * diagnostics.  Included only by font.c and pdf_device.c.
 */
#ifndef BROCHURE_FONT_PDF_H
#define BROCHURE_FONT_PDF_H

#include <hpdf.h>

#include "font.h"

HPDF_Doc	 fonts_pdf_doc(struct fonts *);
HPDF_Font	 fonts_pdf_font(struct fonts *, face_id);

/*
 * libharu's errors are sticky: once one is set, later calls draw nothing
 * until it is cleared.  If an error was raised since the last check,
 * report the first one at pos as "<doing>: libharu error 0x…: meaning:
 * what to do", clear it and return -1; otherwise return 0.
 */
int		 fonts_pdf_check(struct fonts *, const struct srcpos *pos,
		    const char *doing);

#endif /* BROCHURE_FONT_PDF_H */
