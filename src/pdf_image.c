/*
 * pdf_image: the images the PDF device embeds.  It checks every file
 * itself before libharu sees it (libharu aborts on a damaged PNG and
 * accepts a truncated JPEG), decodes PNGs with libpng (any depth,
 * interlaced, palette, alpha as a soft mask) and hands JPEGs, read to
 * their end marker, to libharu unchanged.
 *
 * This module must never draw: it only loads images into a document.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <png.h>

#include "diag.h"
#include "limit.h"
#include "pdf_int.h"
#include "render.h"
#include "util.h"

/* A decoded PNG: colour samples, and alpha apart for the soft mask. */
struct raster {
	unsigned char	*pixels;	/* width x height x channels */
	unsigned char	*alpha;		/* width x height, NULL: opaque */
	png_bytep	*rows;		/* while decoding */
	unsigned	 width, height;	/* [px] */
	int		 channels;	/* 1 grey, 3 RGB */
	char		 why[160];	/* libpng's complaint, or the size */
	const char	*todo;		/* what to do about it */
};

/* What the device does with each kind of image file. */
struct image_kind {
	const char	*magic;
	size_t		 magic_len;	/* [bytes] */
	int		(*size)(FILE *, const char *, const struct srcpos *,
			    int *, int *);
	HPDF_Image	(*embed)(HPDF_Doc, FILE *, const char *,
			    const struct srcpos *);
};

static int	 png_size(FILE *, const char *, const struct srcpos *,
		    int *, int *);
static HPDF_Image png_embed(HPDF_Doc, FILE *, const char *,
		    const struct srcpos *);
static int	 jpeg_size(FILE *, const char *, const struct srcpos *,
		    int *, int *);
static HPDF_Image jpeg_embed(HPDF_Doc, FILE *, const char *,
		    const struct srcpos *);

static const struct image_kind image_kinds[] = {
	{ "\x89PNG\r\n\x1a\n", 8, png_size, png_embed },	/* PNG */
	{ "\xff\xd8", 2, jpeg_size, jpeg_embed },		/* JPEG */
};
/* --- images: checked here first; PNGs decoded here, not by libharu --- */

static void
image_fail(const char *path, const struct srcpos *pos, const char *why,
    const char *todo)
{
	diag_error(pos, "image \"%s\" cannot be used: %s: %s", path, why,
	    todo);
}

/* Open an image and find its kind from its first bytes. */
static const struct image_kind *
image_open(const char *path, const struct srcpos *pos, FILE **fpp)
{
	unsigned char	 head[8];
	size_t		 n, i;

	if ((*fpp = fopen(path, "rb")) == NULL) {
		image_fail(path, pos, strerror(errno), "check the file name");
		return NULL;
	}
	n = fread(head, 1, sizeof(head), *fpp);
	rewind(*fpp);
	for (i = 0; i < sizeof(image_kinds) / sizeof(image_kinds[0]); i++)
		if (n >= image_kinds[i].magic_len && memcmp(head,
		    image_kinds[i].magic, image_kinds[i].magic_len) == 0)
			return &image_kinds[i];
	image_fail(path, pos, "it is neither a PNG nor a JPEG file",
	    "convert it to PNG or JPEG");
	fclose(*fpp);
	return NULL;
}

int
render_image_size(const char *path, const struct srcpos *pos, int *width,
    int *height)
{
	const struct image_kind	*kind;
	FILE			*fp;
	int			 rc;

	if ((kind = image_open(path, pos, &fp)) == NULL)
		return -1;
	rc = kind->size(fp, path, pos, width, height);
	fclose(fp);
	return rc;
}

static void
png_on_error(png_structp png, png_const_charp msg)
{
	struct raster	*r = png_get_error_ptr(png);

	snprintf(r->why, sizeof(r->why), "it is damaged (libpng: %s)", msg);
	png_longjmp(png, 1);
}

/* libpng's warnings (odd colour profiles and the like) are not ours. */
static void
png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Read the whole image as 8-bit grey or RGB, with or without alpha. */
static int
png_read_all(png_structp png, png_infop info, struct raster *r)
{
	size_t		 rowbytes, i;

	png_read_info(png, info);
	png_set_expand(png);
	png_set_strip_16(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
	r->width = png_get_image_width(png, info);
	r->height = png_get_image_height(png, info);
	r->channels = png_get_channels(png, info);
	if (r->width > LIMIT_IMAGE_SIDE || r->height > LIMIT_IMAGE_SIDE ||
	    (double)r->width * r->height > LIMIT_IMAGE_PIXELS) {
		snprintf(r->why, sizeof(r->why), "it has %u x %u pixels, more "
		    "than the limit of %d per side and %ld in all", r->width,
		    r->height, LIMIT_IMAGE_SIDE, LIMIT_IMAGE_PIXELS);
		r->todo = "scale it down (300 pixels per inch of print are "
		    "plenty)";
		return -1;
	}
	rowbytes = png_get_rowbytes(png, info);
	r->pixels = xmalloc(rowbytes * r->height);
	r->rows = xmalloc(r->height * sizeof(*r->rows));
	for (i = 0; i < r->height; i++)
		r->rows[i] = r->pixels + i * rowbytes;
	png_read_image(png, r->rows);
	png_read_end(png, NULL);
	return 0;
}

/* Move alpha (the last channel of grey+A and RGBA) into its own plane. */
static void
raster_split_alpha(struct raster *r)
{
	size_t		 n = (size_t)r->width * r->height, i;
	int		 in = r->channels, out = in - 1, c, opaque = 1;

	if (in % 2 != 0)
		return;
	r->alpha = xmalloc(n);
	for (i = 0; i < n; i++) {
		r->alpha[i] = r->pixels[i * in + out];
		opaque &= r->alpha[i] == 0xff;
		for (c = 0; c < out; c++)
			r->pixels[i * out + c] = r->pixels[i * in + c];
	}
	r->channels = out;
	if (opaque) {
		free(r->alpha);
		r->alpha = NULL;
	}
}

static void
raster_free(struct raster *r)
{
	free(r->pixels);
	free(r->alpha);
	free(r->rows);
}

static int
png_decode(FILE *fp, const char *path, const struct srcpos *pos,
    struct raster *r)
{
	png_structp	 png;
	png_infop	 info = NULL;
	volatile int	 rc = -1;

	memset(r, 0, sizeof(*r));
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, r, png_on_error,
	    png_on_warning);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL) {
		png_destroy_read_struct(&png, NULL, NULL);
		image_fail(path, pos, "libpng has no memory", "free memory");
		return -1;
	}
	if (setjmp(png_jmpbuf(png)) == 0) {
		png_init_io(png, fp);
		rc = png_read_all(png, info, r);
	}
	png_destroy_read_struct(&png, &info, NULL);
	free(r->rows);
	r->rows = NULL;
	if (rc == -1) {
		image_fail(path, pos, r->why, r->todo != NULL ? r->todo :
		    "save it again as PNG or use another copy");
		raster_free(r);
		return -1;
	}
	raster_split_alpha(r);
	return 0;
}

static int
png_size(FILE *fp, const char *path, const struct srcpos *pos, int *w,
    int *h)
{
	struct raster	 r;

	if (png_decode(fp, path, pos, &r) == -1)
		return -1;
	*w = (int)r.width;
	*h = (int)r.height;
	raster_free(&r);
	return 0;
}

static HPDF_Image
png_embed(HPDF_Doc pdf, FILE *fp, const char *path,
    const struct srcpos *pos)
{
	struct raster	 r;
	HPDF_Image	 image, mask;

	if (png_decode(fp, path, pos, &r) == -1)
		return NULL;
	image = HPDF_LoadRawImageFromMem(pdf, r.pixels, r.width, r.height,
	    r.channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
	if (image != NULL && r.alpha != NULL) {
		mask = HPDF_LoadRawImageFromMem(pdf, r.alpha, r.width,
		    r.height, HPDF_CS_DEVICE_GRAY, 8);
		if (mask != NULL)
			HPDF_Image_AddSMask(image, mask);
		/* soft masks are PDF 1.4; libharu leaves the header at 1.3 */
		if (pdf->pdf_version < HPDF_VER_14)
			pdf->pdf_version = HPDF_VER_14;
	}
	raster_free(&r);
	return image;
}

static int
get16(FILE *fp)
{
	int	 hi = getc(fp), lo = getc(fp);

	return hi == EOF || lo == EOF ? -1 : hi << 8 | lo;
}

/*
 * Walk the marker segments up to the frame header the way libharu will
 * (it reads a length after every marker and knows SOF0, 1, 2 and 9 only),
 * then make sure the file ends with the end-of-image marker: libharu
 * embeds a truncated JPEG without complaint.
 */
static const char *
jpeg_walk(FILE *fp, int *w, int *h)
{
	int	 m, len, c;

	fseek(fp, 2, SEEK_SET);
	for (;;) {
		if (getc(fp) != 0xff || (m = getc(fp)) == EOF)
			return "it is damaged or truncated before its frame "
			    "header";
		if ((len = get16(fp)) < 2 || m == 0xda || m == 0xd9 ||
		    m == 0xff || m == 0x01 || (m >= 0xd0 && m <= 0xd8))
			return "its segments are damaged or in an unusual order";
		if (m == 0xc0 || m == 0xc1 || m == 0xc2 || m == 0xc9)
			break;
		if (m >= 0xc3 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc)
			return "it is a lossless, hierarchical or arithmetic "
			    "JPEG";
		if (fseek(fp, len - 2, SEEK_CUR) == -1)
			return "it is truncated";
	}
	if (getc(fp) != 8 || (*h = get16(fp)) <= 0 || (*w = get16(fp)) <= 0 ||
	    ((c = getc(fp)) != 1 && c != 3 && c != 4))
		return "its frame header is damaged or not 8-bit grey, RGB or "
		    "CMYK";
	if (fseek(fp, -2, SEEK_END) == -1 || getc(fp) != 0xff ||
	    getc(fp) != 0xd9)
		return "it does not end with an end-of-image marker "
		    "(truncated?)";
	return NULL;
}

static int
jpeg_size(FILE *fp, const char *path, const struct srcpos *pos, int *w,
    int *h)
{
	const char	*why;

	if ((why = jpeg_walk(fp, w, h)) != NULL) {
		image_fail(path, pos, why, "save it again as a baseline or "
		    "progressive JPEG");
		return -1;
	}
	return 0;
}

static HPDF_Image
jpeg_embed(HPDF_Doc pdf, FILE *fp, const char *path,
    const struct srcpos *pos)
{
	int	 w, h;

	if (jpeg_size(fp, path, pos, &w, &h) == -1)
		return NULL;
	return HPDF_LoadJpegImageFromFile(pdf, path);
}

HPDF_Image
pdf_image_load(HPDF_Doc pdf, const char *path, const struct srcpos *pos)
{
	const struct image_kind	*kind;
	HPDF_Image		 image;
	FILE			*fp;

	if ((kind = image_open(path, pos, &fp)) == NULL)
		return NULL;
	image = kind->embed(pdf, fp, path, pos);
	fclose(fp);
	return image;
}
