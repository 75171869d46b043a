/*
 * hyph_image: the layout of a compiled hyphenation image, shared by the
 * writer (hyph_compile.c) and the reader (hyph.c).  Native byte order and
 * sizes: the image is made on the machine that uses it (at make time);
 * the header's sizes word rejects an image from another kind of machine.
 *
 * The image holds libhyphen's own structures, ready to use where the
 * header's base says it is mapped: header, then per dictionary level a
 * HyphenDict, its HyphenState[num_states], HyphenTrans[], the strings
 * and the NOHYPHEN list, zero bytes up to a multiple of HYB_ALIGN.  Each
 * pointer is base + its offset in the file (NULL stays NULL).  Mapped
 * there, nothing is read before libhyphen walks it; mapped elsewhere,
 * the reader moves every pointer by the difference.
 *
 * It must never hold anything but what libhyphen built.
 */
#ifndef BROCHURE_HYPH_IMAGE_H
#define BROCHURE_HYPH_IMAGE_H

#include <stdint.h>

#include <hyphen.h>

#define HYB_ALIGN	8	/* [bytes] */
#define HYB_SIZES	((uint32_t)(sizeof(HyphenTrans) << 16 | \
			    sizeof(HyphenState) << 8 | sizeof(void *)))
#define HYB_BASE_FIRST	0x200000000000ULL	/* 32 TiB: below the mmap
						   area, above ASan's shadow */
#define HYB_BASE_STEP	0x100000000ULL	/* 4 GiB apart */
#define HYB_BASE_SLOTS	1024		/* one picked by the file name */

struct hyb_header {
	char		magic[8];	/* HYPH_MAGIC */
	uint32_t	sizes;		/* HYB_SIZES of the writer */
	uint32_t	ndicts;		/* levels (libhyphen's nextlevel) */
	uint64_t	base;		/* the address the pointers assume */
	uint64_t	len;		/* [bytes] of the whole image */
};

#endif /* BROCHURE_HYPH_IMAGE_H */
