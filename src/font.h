/*
 * font: opens the TrueType files a style names, checks them before
 * libharu sees them (libharu crashes on junk), and answers the one
 * question typesetting asks: how wide is this text in this face and size.
 * It also picks a fallback face per glyph when a face lacks one.
 *
 * Widths are libharu's own (integer 1/1000 em per glyph), so what is
 * measured is exactly what is rendered.  Measuring marks glyphs for the
 * font subset.  Pair kerning (integer 1/1000 em, from HarfBuzz) is
 * measured only when asked for; whoever measures with it must draw with
 * the same adjustments.
 *
 * This module must never draw.  Only font.c and pdf_device.c include
 * hpdf.h; the faces are small integers to everyone else.
 */
#ifndef BROCHURE_FONT_H
#define BROCHURE_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct fonts;

/*
 * A run's pair kerning as text runs and the display list keep it: one
 * pair per non-zero value, [1/1000 em] after glyph (the pair before's
 * glyph + skip), the first pair's glyph being its skip.  A pair of value
 * 0 only moves on (a gap wider than a skip can say).
 */
struct kern_pair {
	uint16_t	 skip;
	int16_t		 value;
};

/* Face handle: an index into the set; -1 means none. */
typedef int face_id;

/*
 * A new, empty set.  It owns the PDF document the fonts belong to (the
 * PDF device draws into that document, so render_pdf runs once per set).
 * NULL only after reporting that libharu could not allocate it.
 */
struct fonts	*fonts_new(void);
void		 fonts_free(struct fonts *);

/*
 * Read every font file that lies in the folder shipped (the data folder's
 * fonts/) from the file of the same name in prepared instead, where there
 * is one: the copy make prepared for embedding (build/fonts/), with the
 * same advances and kerning.  Nothing changes when either folder is
 * missing or both are the same.
 */
void		 fonts_prefer_prepared(struct fonts *, const char *shipped,
		    const char *prepared);

/*
 * Open a TrueType file (opening the same file again, under any path,
 * returns the same face).
 * The file is checked first: size, sfnt version (CFF .otf, collections
 * and WOFF are refused with a hint), table directory and every table
 * libharu reads.  Returns -1 after reporting, at pos, why the file
 * cannot be used and what to do.
 */
face_id		 fonts_open(struct fonts *, const char *path,
		    const struct srcpos *pos);
/* Register a face as a fallback, tried in the order added. */
void		 fonts_add_fallback(struct fonts *, face_id);

/* Whether the face has a glyph for cp (never beyond U+FFFF: libharu
 * draws those as spaces). */
int		 fonts_has_glyph(struct fonts *, face_id, uint32_t cp);
/*
 * The face that will draw cp: the face itself if it has the glyph, else
 * the first fallback that has it, else -1.
 */
face_id		 fonts_pick(struct fonts *, face_id, uint32_t cp);

/* Advance of one code point, in 1/1000 em (beyond U+FFFF: a space's). */
int		 fonts_advance(struct fonts *, face_id, uint32_t cp);
/* Width of UTF-8 text at size, in points (every glyph from this face;
 * invalid UTF-8 bytes are not drawn and measure 0), without kerning. */
double		 fonts_width(struct fonts *, face_id, const char *utf8,
		    size_t len, double size);
/*
 * The same with the face's pair kerning between consecutive code points.
 * When kern is not NULL, kern[i] gets the adjustment after the i-th code
 * point [1/1000 em] (0 after the last); it needs one entry per code
 * point (len entries always suffice).
 */
double		 fonts_width_kerned(struct fonts *, face_id,
		    const char *utf8, size_t len, double size, short *kern);
/* The same unscaled: [1/1000 em], for a caller that keeps it for
 * several sizes (fonts_width_kerned is this times size / 1000). */
long		 fonts_units_kerned(struct fonts *, face_id, const char *utf8,
		    size_t len);
/*
 * The kerning between two code points in this face, in 1/1000 em
 * (negative: closer), as HarfBuzz positions the pair with only the kern
 * feature on (GPOS, else the kern table).  0 when either has no glyph in
 * the face or lies beyond U+FFFF.  Cached per face: cheap to ask again.
 */
int		 fonts_kern(struct fonts *, face_id, uint32_t left,
		    uint32_t right);
/*
 * Append value (not 0) after glyph at, beyond *last (the glyph of the
 * pairs' last; 0 before a run's first pair), to the n pairs of *v (room
 * for *cap, grown as needed): the new count, *last now at.
 */
size_t		 kern_pairs_add(struct kern_pair **v, size_t n, size_t *cap,
		    size_t *last, size_t at, int value);

/* Vertical metrics, in 1/1000 em. */
int		 fonts_ascent(struct fonts *, face_id);
int		 fonts_descent(struct fonts *, face_id);	/* negative */
int		 fonts_cap_height(struct fonts *, face_id);

/* The file a face was opened from (for the dump). */
const char	*fonts_path(struct fonts *, face_id);
/* A short stable name for the face (file name without folder). */
const char	*fonts_name(struct fonts *, face_id);
size_t		 fonts_count(struct fonts *);

#endif /* BROCHURE_FONT_H */
