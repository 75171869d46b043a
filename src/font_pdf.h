/*
 * font_pdf: what the PDF device needs from the font set and nobody else
 * may use: the libharu document that owns the fonts, and each face's
 * libharu font.  Included only by font.c and pdf_device.c.
 */
#ifndef BROCHURE_FONT_PDF_H
#define BROCHURE_FONT_PDF_H

#include <hpdf.h>

#include "font.h"

HPDF_Doc	 fonts_pdf_doc(struct fonts *);
HPDF_Font	 fonts_pdf_font(struct fonts *, face_id);

#endif /* BROCHURE_FONT_PDF_H */
