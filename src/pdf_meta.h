/*
 * pdf_meta: the parts of the PDF device's metadata that need no PDF,
 * public for the unit tests: the build time from SOURCE_DATE_EPOCH or a
 * calendar date, and XML escaping for the XMP packet.
 *
 * This header must never include hpdf.h: it is plain C.
 */
#ifndef BROCHURE_PDF_META_H
#define BROCHURE_PDF_META_H

#include <time.h>

#include "util.h"

/*
 * SOURCE_DATE_EPOCH's text as seconds since 1970-01-01 UTC: digits
 * only, at most 9999-12-31 23:59:59.  0, or -1 when it is not that.
 */
int	pdf_meta_epoch(const char *text, time_t *secs);

/* 00:00 UTC of a calendar date (month 1–12; day 0 counts as 1). */
time_t	pdf_meta_civil(int year, int month, int day);

/* Append s to b with &, <, >, " and ' as XML entities. */
void	pdf_meta_xml_escape(struct strbuf *b, const char *s);

#endif /* BROCHURE_PDF_META_H */
