/*
 * limit: every bound brochure puts on what it reads, in one place, so
 * that broken or hostile input ends in a diagnostic (file:line, the
 * limit, what to change) and never in a crash, a hang or memory
 * exhaustion.  The module named beside each limit enforces and reports
 * it; the case of tests/bad/ named there shows the diagnostic.
 *
 * This header must hold numbers only: no code, no includes.
 */
#ifndef BROCHURE_LIMIT_H
#define BROCHURE_LIMIT_H

/* load: one XML file (report, included file, style, locale); file-size.gen */
#define LIMIT_FILE_BYTES	(64L * 1024 * 1024)	/* [bytes] */
/* load: elements inside elements; too-deep.xml, sections-200.gen */
#define LIMIT_XML_DEPTH		128	/* [levels] */
/* load: files including files; include-chain.gen */
#define LIMIT_INCLUDE_DEPTH	16	/* [files] in one chain */
/* model: sections in sections, markup in markup; deep-inline.xml */
#define LIMIT_NESTING		64	/* [levels] */
/* text: the words of one paragraph, note or title; para-words.gen */
#define LIMIT_PARA_WORDS	10000	/* [words] */
/* typeset: passes until page numbers settle (then a warning) */
#define LIMIT_PASSES		4	/* [passes] */
/* typeset: the pages of one brochure; pages.gen */
#define LIMIT_PAGES		1000	/* [pages] */
/* font: one font file; font-size.gen */
#define LIMIT_FONT_BYTES	(64L * 1024 * 1024)	/* [bytes] */
/* pdf_image: one image; image-huge.xml, image-pixels.xml */
#define LIMIT_IMAGE_SIDE	30000	/* [px] width or height */
#define LIMIT_IMAGE_PIXELS	(50L * 1000 * 1000)	/* [px] in all */

#endif /* BROCHURE_LIMIT_H */
