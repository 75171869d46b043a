/*
 * hyph_image: the layout of a compiled hyphenation image, shared by the
 * writer (hyph_compile.c) and the reader (hyph.c).  Native byte order and
 * sizes: the image is made on the machine that uses it (at make time);
 * the header's sizes word rejects an image from another kind of machine.
 *
 * header, then per dictionary level: hyb_dict, hyb_state[num_states],
 * HyphenTrans[ntrans], strings[nstrings], nohyphen[nohyphen_len], zero
 * bytes up to a multiple of HYB_ALIGN (so the next level's structures are
 * aligned when the image is read into one buffer).
 */
#ifndef BROCHURE_HYPH_IMAGE_H
#define BROCHURE_HYPH_IMAGE_H

#include <stdint.h>

#include <hyphen.h>

#define HYB_ALIGN	8	/* [bytes] */
#define HYB_SIZES	((uint32_t)(sizeof(HyphenTrans) << 16 | \
			    sizeof(struct hyb_state) << 8 | sizeof(void *)))

struct hyb_header {
	char		magic[8];	/* HYPH_MAGIC */
	uint32_t	sizes;		/* HYB_SIZES of the writer */
	uint32_t	ndicts;		/* levels (libhyphen's nextlevel) */
};

struct hyb_dict {
	int8_t		lhmin, rhmin, clhmin, crhmin;
	int32_t		nohyphenl;
	int32_t		num_states;
	int32_t		utf8;
	uint32_t	nohyphen_len;	/* [bytes] 0: none */
	uint32_t	ntrans;
	uint32_t	nstrings;	/* [bytes] */
	char		cset[MAX_NAME];
};

struct hyb_state {
	int32_t		match;		/* offset in strings, -1 none */
	int32_t		repl;		/* offset in strings, -1 none */
	int8_t		replindex, replcut;
	int32_t		fallback_state;
	int32_t		num_trans;
	int32_t		first_trans;	/* index into the transitions */
};

#endif /* BROCHURE_HYPH_IMAGE_H */
