/*
 * font: opens the TrueType files of a style, checks each one ourselves
 * before libharu reads it (libharu 2.3.0 crashes or silently misbehaves
 * on damaged fonts), and measures text with libharu's own advances, so
 * that what typeset measures is exactly what the PDF shows.  It owns the
 * libharu document, because libharu fonts belong to one.
 *
 * Pair kerning comes from HarfBuzz (GPOS or the legacy kern table), which
 * reads the same checked bytes: each pair is shaped once with only the
 * kern feature and the result cached per face.  libharu still embeds the
 * font and writes the glyphs.
 *
 * Measuring needs only libharu's font definition; the PDF font (and with
 * it the embedded font program) is made when a face is first drawn, so a
 * face that is never drawn, such as an unneeded fallback, costs nothing
 * in the file.  A face is opened once however its path is spelt, and a
 * shipped font is read from its prepared copy (build/fonts/) when there
 * is one.
 *
 * The PDF fonts use two-byte codes that are Unicode BMP values and CIDs
 * alike (/Encoding /Identity-H; the device writes the codes itself), as
 * libharu's UTF-8 encoder would give them.  They are made with an
 * encoder of ours instead, which maps only the codes the face's
 * character map has: with the UTF-8 encoder libharu 2.3.0 looks up all
 * 65,536 code points in the face (17 M instructions a face) and writes
 * a CIDToGIDMap of 131,070 bytes; with a CMap encoder it visits only
 * the mapped codes, and the map ends after the highest (see
 * CIDFontType2_New in hpdf_font_cid.c).  Info, outline and annotation
 * strings still go through the UTF-8 encoder.
 *
 * This module must never draw: only pdf_device.c puts marks on pages.
 */
#define _XOPEN_SOURCE 700	/* realpath(3) is an XSI function */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hb.h>
#include <hpdf.h>

#include "diag.h"
#include "font.h"
#include "font_pdf.h"
#include "limit.h"

#define FONT_MAX_TABLES	256	/* more entries: a damaged directory */
#define SFNT_HEADER	12	/* [bytes] before the table directory */
#define SFNT_ENTRY	16	/* [bytes] per table directory entry */
#define HEAD_MIN_LEN	54	/* [bytes] of the fields libharu reads */
#define HEAD_MAGIC	0x5F0F3CF5UL
#define HHEA_MIN_LEN	36	/* [bytes] */
#define MAXP_MIN_LEN	6	/* [bytes] */
#define NAME_MIN_LEN	6	/* [bytes] */
#define OS2_MIN_LEN	78	/* [bytes] version 0 */
#define OS2_V1_LEN	86	/* [bytes] version 1 and later */
#define UPEM_MIN	16	/* units per em allowed by the spec */
#define UPEM_MAX	16384
#define BMP_SIZE	0x10000	/* code points libharu can draw */
#define ADVANCE_UNKNOWN	INT16_MIN	/* cache slot not yet measured */
#define GLYPH_KNOWN	1	/* glyph_bits: looked up */
#define GLYPH_HAS	2	/* glyph_bits: the face has the glyph */
#define GLYPH_BITS	2	/* per code point */
#define GLYPHS_PER_BYTE	(8 / GLYPH_BITS)
#define FS_NO_EMBED	0x0302	/* fsType bits libharu refuses */
#define KERN_FREE	0	/* a free cache slot: the pair U+0000 U+0000 */
#define KERN_FIRST_CAP	1024	/* cache slots at first use */
#define KERN_DENSE	0x100	/* pairs of code points below this (Latin-1)
				   are cached in plain rows */
#define KERN_UNKNOWN	INT16_MIN	/* dense slot not yet shaped */
#define BFRANGE_MAX	100	/* ranges per beginbfrange block */
#define SURROGATE_FIRST	0xD8	/* high bytes of UTF-16 surrogates */
#define SURROGATE_LAST	0xDF
#define CODE_MAX	0xFFFE	/* highest code an Identity font maps */
#define IDENTITY_ENCODER "BrochureIdentity"	/* never in the file */

enum sfnt_kind {
	SFNT_TRUETYPE = 0x00010000,
	SFNT_APPLE = 0x74727565,	/* 'true' */
	SFNT_CFF = 0x4F54544F,		/* 'OTTO' */
	SFNT_COLLECTION = 0x74746366,	/* 'ttcf' */
	SFNT_WOFF = 0x774F4646,		/* 'wOFF' */
	SFNT_WOFF2 = 0x774F4632		/* 'wOF2' */
};

/* A measured pair: the key is left << 16 | right (both in the BMP). */
struct kern_slot {
	uint32_t	 key;		/* KERN_FREE: empty */
	int16_t		 kern;		/* [1/1000 em] */
};

/* One opened face. */
struct face {
	char		*path;		/* the file read */
	char		*key;		/* the file named, resolved: one face each */
	char		*name;		/* file name without folder, extension */
	HPDF_Font	 font;		/* NULL until first drawn */
	HPDF_FontDef	 def;
	int16_t		*advance;	/* [1/1000 em] per BMP code point */
	uint8_t		*glyph_bits;	/* GLYPH_BITS per BMP code point */
	hb_font_t	*shaper;	/* HarfBuzz, scaled to font units */
	unsigned	 upem;		/* font units per em */
	int16_t		**kern_rows;	/* KERN_DENSE rows, one per left code
					   point, made at first use: [1/1000
					   em] per right one, or KERN_UNKNOWN */
	struct kern_slot *kerns;	/* the other pairs: open addressing,
					   linear probing */
	size_t		 nkerns, kern_cap;	/* cap: 0 or a power of two */
};

struct fonts {
	HPDF_Doc	 pdf;
	struct face	*faces;
	size_t		 nfaces, cap;
	face_id		*fallbacks;
	size_t		 nfallbacks, fallback_cap;
	HPDF_Encoder	 identity;	/* NULL until a face is drawn */
	HPDF_STATUS	 error_no;	/* first error since the last check */
	HPDF_STATUS	 error_detail;
	hb_buffer_t	*shaping;	/* reused for every pair */
	char		*shipped;	/* resolved folders, or NULL: */
	char		*prepared;	/* see fonts_prefer_prepared */
};

/* A font file in memory while it is checked. */
struct sfnt {
	const unsigned char *buf;
	size_t		 size;		/* [bytes] */
	unsigned	 ntables;
	unsigned	 nglyphs;	/* maxp */
	unsigned	 nmetrics;	/* hhea: long horizontal metrics */
	int		 long_loca;	/* head: indexToLocFormat */
	const char	*hint;		/* what the user should do */
	char		 why[160];	/* what is wrong */
};

struct sfnt_table {
	size_t		 off;		/* [bytes] from the file start */
	size_t		 len;		/* [bytes] */
};

static const char *const sfnt_required[] = {
	"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name",
	"OS/2",
};

static const char hint_intact[] =
    "use an intact TrueType (.ttf) copy of the font";

/* libharu reports numbers only; these say what they mean. */
static const struct {
	HPDF_STATUS	 code;
	const char	*what;
	const char	*todo;
} hpdf_errors[] = {
	{ HPDF_FAILD_TO_ALLOC_MEM, "out of memory",
	  "free memory or build a smaller document" },
	{ HPDF_FILE_IO_ERROR, "a file could not be read or written",
	  "check the file and the free disk space" },
	{ HPDF_FILE_OPEN_ERROR, "a file could not be opened",
	  "check that it exists and is readable" },
	{ HPDF_INVALID_DOCUMENT, "the document is unusable after an "
	  "earlier error", "fix the first error reported" },
	{ HPDF_INVALID_JPEG_DATA, "the JPEG data is damaged",
	  "save the image again as a baseline JPEG" },
	{ HPDF_INVALID_PARAMETER, "a value was out of range",
	  "please report this as a bug in brochure, with the input" },
	{ HPDF_INVALID_PNG_IMAGE, "the PNG data is not an image",
	  "save the image again as PNG" },
	{ HPDF_LIBPNG_ERROR, "the PNG data is damaged",
	  "save the image again as PNG" },
	{ HPDF_NAME_INVALID_VALUE, "a font without a usable name",
	  hint_intact },
	{ HPDF_PAGE_INVALID_FONT_SIZE, "a font size out of range",
	  "use font sizes up to 600 pt in the style" },
	{ HPDF_PAGE_INVALID_SIZE, "a page size out of range",
	  "use a page size between 3 and 14400 pt in the style" },
	{ HPDF_PAGE_OUT_OF_RANGE, "a size or line width out of range",
	  "check the sizes and rule thicknesses in the style" },
	{ HPDF_REAL_OUT_OF_RANGE, "a number beyond 32767",
	  "check the dimensions in the style" },
	{ HPDF_STRING_OUT_OF_RANGE, "a text longer than 65535 bytes",
	  "shorten the title, keyword list or link" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font's licence flags forbid "
	  "embedding", "use another font" },
	{ HPDF_TTF_INVALID_CMAP, "the font's character map is damaged",
	  hint_intact },
	{ HPDF_TTF_INVALID_FOMAT, "the font is damaged or of an "
	  "unsupported kind", hint_intact },
	{ HPDF_TTF_MISSING_TABLE, "the font lacks a table libharu needs",
	  "use a TrueType (.ttf) font; CFF (.otf) fonts are not supported" },
	{ HPDF_UNSUPPORTED_JPEG_FORMAT, "an unsupported kind of JPEG",
	  "save the image as a baseline or progressive JPEG" },
	{ HPDF_ZLIB_ERROR, "compression failed",
	  "please report this as a bug in brochure, with the input" },
};

static void	 hpdf_handler(HPDF_STATUS, HPDF_STATUS, void *);
static HPDF_Encoder identity_encoder(struct fonts *, const struct face *);
static HPDF_STATUS identity_init(HPDF_Encoder);
static HPDF_BOOL identity_byte(HPDF_Encoder, HPDF_BYTE);
static void	 identity_codes(HPDF_Encoder, const struct face *);
static void	 identity_map(HPDF_CMapEncoderAttr, unsigned);
static void	 to_unicode(struct fonts *, struct face *);
static HPDF_Dict to_unicode_stream(struct fonts *, HPDF_Font);
static void	 cmap_high_bytes(const struct face *, unsigned char *);
static int	 sfnt_read(const char *, unsigned char **, size_t *,
		    const struct srcpos *);
static int	 sfnt_fail(struct sfnt *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	 sfnt_find(const struct sfnt *, const char *,
		    struct sfnt_table *);
static int	 sfnt_check_header(struct sfnt *);
static int	 sfnt_check_directory(struct sfnt *);
static int	 sfnt_check_head(struct sfnt *);
static int	 sfnt_check_metrics(struct sfnt *);
static int	 sfnt_check_loca(struct sfnt *);
static int	 sfnt_check_cmap(struct sfnt *);
static int	 sfnt_check_segments(struct sfnt *, const unsigned char *,
		    unsigned);
static int	 sfnt_check_name(struct sfnt *);
static int	 sfnt_check_os2(struct sfnt *);
static int	 font_check(const char *, const struct srcpos *,
		    unsigned char **, size_t *);
static int	 font_load(struct fonts *, const char *, char *,
		    const struct srcpos *);
static char	*font_prepared(const struct fonts *, const char *);
static void	 font_shaper(struct face *, unsigned char *, size_t);
static char	*font_short_name(const char *);
static struct face *face_get(struct fonts *, face_id);
static int	 kern_shape(struct fonts *, face_id, uint32_t, uint32_t);
static int	 kern_dense(struct fonts *, face_id, uint32_t, uint32_t);
static void	 kern_rows_free(struct face *);
static struct kern_slot *kern_slot(struct face *, uint32_t);
static void	 kern_grow(struct face *);
static long	 width_sum(struct fonts *, face_id, const char *, size_t,
		    int, short *);

/* The checks, in order: each may rely on what the earlier ones found. */
static int (*const sfnt_checks[])(struct sfnt *) = {
	sfnt_check_header,	/* size and sfnt version */
	sfnt_check_directory,	/* table directory, required tables */
	sfnt_check_head,	/* units per em, loca format */
	sfnt_check_metrics,	/* maxp, hhea, hmtx */
	sfnt_check_loca,	/* glyph offsets inside glyf */
	sfnt_check_cmap,	/* a Windows Unicode BMP (3,1) format 4 map */
	sfnt_check_name,	/* name records inside the table */
	sfnt_check_os2,		/* fields libharu reads; embedding allowed */
};

/* --- the set --- */

struct fonts *
fonts_new(void)
{
	struct fonts	*f = xcalloc(1, sizeof(*f));

	if ((f->pdf = HPDF_New(hpdf_handler, f)) == NULL) {
		diag_error(NULL, "libharu cannot create a PDF document: "
		    "free some memory");
		free(f);
		return NULL;
	}
	HPDF_UseUTFEncodings(f->pdf);
	HPDF_SetCurrentEncoder(f->pdf, "UTF-8");
	/* images only: pdf_pack.c compresses the font streams, pdf_contents.c
	 * the pages */
	HPDF_SetCompressionMode(f->pdf, HPDF_COMP_IMAGE);
	f->shaping = hb_buffer_create();
	return f;
}

void
fonts_free(struct fonts *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfaces; i++) {
		free(f->faces[i].path);
		free(f->faces[i].key);
		free(f->faces[i].name);
		free(f->faces[i].advance);
		free(f->faces[i].glyph_bits);
		free(f->faces[i].kerns);
		kern_rows_free(&f->faces[i]);
		hb_font_destroy(f->faces[i].shaper);
	}
	free(f->faces);
	free(f->fallbacks);
	free(f->shipped);
	free(f->prepared);
	hb_buffer_destroy(f->shaping);
	HPDF_Free(f->pdf);
	free(f);
}

void
fonts_prefer_prepared(struct fonts *f, const char *shipped,
    const char *prepared)
{
	free(f->shipped);
	free(f->prepared);
	f->shipped = realpath(shipped, NULL);
	f->prepared = realpath(prepared, NULL);
	if (f->shipped == NULL || f->prepared == NULL ||
	    strcmp(f->shipped, f->prepared) == 0) {
		free(f->shipped);
		free(f->prepared);
		f->shipped = f->prepared = NULL;
	}
}

/* Keep the first error since the last check: later ones are its echo. */
static void
hpdf_handler(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *arg)
{
	struct fonts	*f = arg;

	if (f->error_no == HPDF_OK) {
		f->error_no = error_no;
		f->error_detail = detail_no;
	}
}

int
fonts_pdf_check(struct fonts *f, const struct srcpos *pos, const char *doing)
{
	HPDF_STATUS	 code = f->error_no, detail = f->error_detail;
	const char	*what = "an unexpected error";
	const char	*todo = "please report this as a bug in brochure, "
			    "with the input";
	size_t		 i;

	if (code == HPDF_OK) {
		code = HPDF_GetError(f->pdf);
		detail = HPDF_GetErrorDetail(f->pdf);
	}
	if (code == HPDF_OK)
		return 0;
	for (i = 0; i < sizeof(hpdf_errors) / sizeof(hpdf_errors[0]); i++)
		if (hpdf_errors[i].code == code) {
			what = hpdf_errors[i].what;
			todo = hpdf_errors[i].todo;
		}
	if (code == HPDF_FILE_OPEN_ERROR || code == HPDF_FILE_IO_ERROR)
		diag_error(pos, "%s: libharu error 0x%04X, %s (%s): %s", doing,
		    (unsigned)code, what, strerror((int)detail), todo);
	else
		diag_error(pos, "%s: libharu error 0x%04X (detail %u), %s: %s",
		    doing, (unsigned)code, (unsigned)detail, what, todo);
	HPDF_ResetError(f->pdf);
	f->error_no = f->error_detail = HPDF_OK;
	return -1;
}

HPDF_Doc
fonts_pdf_doc(struct fonts *f)
{
	return f->pdf;
}

/* Made at the first call: only faces that are drawn are embedded. */
HPDF_Font
fonts_pdf_font(struct fonts *f, face_id id)
{
	struct face	*face = face_get(f, id);

	if (face->font == NULL && identity_encoder(f, face) != NULL &&
	    (face->font = HPDF_GetFont(f->pdf, face->def->base_font,
	    IDENTITY_ENCODER)) != NULL)
		to_unicode(f, face);
	return face->font;
}

/*
 * The encoder for face's PDF font: one for all faces, made at the first
 * and filled anew for each.  libharu reads its CIDs only while it makes
 * a font; its Unicode values (for HPDF_Font_TextWidth, which the device
 * never calls) map each code of every face filled so far to itself.
 */
static HPDF_Encoder
identity_encoder(struct fonts *f, const struct face *face)
{
	char		 name[] = IDENTITY_ENCODER;	/* libharu wants it
							   writable */
	HPDF_Encoder	 enc;

	if (f->identity == NULL) {
		if ((enc = HPDF_CMapEncoder_New(f->pdf->mmgr, name, NULL)) ==
		    NULL)
			return NULL;
		if (identity_init(enc) != HPDF_OK) {
			HPDF_Encoder_Free(enc);
			return NULL;
		}
		if (HPDF_Doc_RegisterEncoder(f->pdf, enc) != HPDF_OK)
			return NULL;		/* libharu freed it */
		f->identity = enc;
	}
	identity_codes(f->identity, face);
	return f->identity;
}

/* What libharu's UTF-8 encoder sets, with two-byte codes. */
static HPDF_STATUS
identity_init(HPDF_Encoder enc)
{
	HPDF_CMapEncoderAttr	 attr;
	HPDF_STATUS		 rc;

	if ((rc = HPDF_CMapEncoder_InitAttr(enc)) != HPDF_OK)
		return rc;
	attr = enc->attr;
	attr->is_lead_byte_fn = attr->is_trial_byte_fn = identity_byte;
	snprintf(attr->registry, sizeof(attr->registry), "Adobe");
	snprintf(attr->ordering, sizeof(attr->ordering), "Identity-H");
	enc->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
	return HPDF_OK;
}

/* Every code is two bytes. */
static HPDF_BOOL
identity_byte(HPDF_Encoder enc, HPDF_BYTE b)
{
	(void)enc;
	(void)b;
	return HPDF_TRUE;
}

/*
 * Map each code of face's character map to itself (U+0000 and U+FFFF
 * never: to libharu CID 0 is no CID, and the last code ends its ranges),
 * and the code after the highest: libharu's widths and CIDToGIDMap stop
 * just before the highest CID.
 */
static void
identity_codes(HPDF_Encoder enc, const struct face *face)
{
	HPDF_CMapEncoderAttr	 attr = enc->attr;
	const HPDF_TTF_CmapRange *cmap =
	    &((HPDF_TTFontDefAttr)face->def->attr)->cmap;
	unsigned		 i, code, last, top = 0;

	memset(attr->cid_map, 0, sizeof(attr->cid_map));
	for (i = 0; i < cmap->seg_count_x2 / 2U; i++) {
		last = cmap->end_count[i] < CODE_MAX ? cmap->end_count[i] :
		    CODE_MAX;
		for (code = cmap->start_count[i] > 0 ? cmap->start_count[i] :
		    1; code <= last; code++)
			identity_map(attr, code);
		if (last >= cmap->start_count[i] && last > top)
			top = last;
	}
	identity_map(attr, top + 1);
}

/* libharu's maps are indexed by low byte, then high byte. */
static void
identity_map(HPDF_CMapEncoderAttr attr, unsigned code)
{
	attr->cid_map[code & 0xFF][code >> 8] = (HPDF_UINT16)code;
	attr->unicode_map[code & 0xFF][code >> 8] = (HPDF_UINT16)code;
}

size_t
fonts_count(struct fonts *f)
{
	return f->nfaces;
}

static struct face *
face_get(struct fonts *f, face_id id)
{
	assert(id >= 0 && (size_t)id < f->nfaces);
	return &f->faces[id];
}

/* --- opening --- */

face_id
fonts_open(struct fonts *f, const char *path, const struct srcpos *pos)
{
	unsigned char	*buf;
	char		*key, *prepared;
	size_t		 i, size;
	face_id		 id = -1;

	if ((key = realpath(path, NULL)) == NULL)
		key = xstrdup(path);	/* font_check says why */
	for (i = 0; i < f->nfaces; i++)
		if (strcmp(f->faces[i].key, key) == 0) {
			free(key);
			return (face_id)i;
		}
	if ((prepared = font_prepared(f, key)) != NULL)
		path = prepared;
	if (font_check(path, pos, &buf, &size) == 0) {
		if ((id = font_load(f, path, key, pos)) == -1)
			free(buf);
		else
			font_shaper(face_get(f, id), buf, size);
	}
	if (id == -1)
		free(key);
	free(prepared);
	return id;
}

/* The prepared copy of a shipped font (malloc'd), or NULL. */
static char *
font_prepared(const struct fonts *f, const char *real)
{
	const char	*slash = strrchr(real, '/');
	char		*copy;
	size_t		 dirlen;

	if (f->shipped == NULL || slash == NULL)
		return NULL;
	dirlen = (size_t)(slash - real);
	if (strlen(f->shipped) != dirlen ||
	    strncmp(real, f->shipped, dirlen) != 0)
		return NULL;
	copy = xasprintf("%s%s", f->prepared, slash);
	if (access(copy, R_OK) == 0)
		return copy;
	free(copy);
	return NULL;
}

/* HarfBuzz over the checked file's bytes; it frees buf when done. */
static void
font_shaper(struct face *face, unsigned char *buf, size_t size)
{
	hb_blob_t	*blob;
	hb_face_t	*hf;

	blob = hb_blob_create((const char *)buf, (unsigned)size,
	    HB_MEMORY_MODE_READONLY, buf, free);
	hf = hb_face_create(blob, 0);
	face->upem = hb_face_get_upem(hf);
	face->shaper = hb_font_create(hf);
	hb_font_set_scale(face->shaper, (int)face->upem, (int)face->upem);
	hb_face_destroy(hf);
	hb_blob_destroy(blob);
}

/*
 * libharu writes the ToUnicode map of its Identity fonts with
 * begincidrange, which is not allowed there (poppler warns on every
 * page).  Our codes are Unicode BMP values, so the right map is the
 * identity: one bfrange per high byte that the face's character map
 * reaches (a bfrange never crosses a last byte), surrogates left out.
 * It replaces the contents of libharu's map, so the file holds no
 * unused one.
 */
static void
to_unicode(struct fonts *f, struct face *face)
{
	HPDF_Dict	 map = to_unicode_stream(f, face->font);
	struct strbuf	 b = { NULL, 0, 0 };
	unsigned char	 used[BMP_SIZE >> 8];
	unsigned	 hi, n = 0, k = 0;

	cmap_high_bytes(face, used);
	for (hi = 0; hi < sizeof(used); hi++)
		n += used[hi];
	strbuf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) "
	    "/Ordering (UCS) /Supplement 0 >> def\n/CMapName "
	    "/Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (hi = 0; hi < sizeof(used); hi++) {
		if (!used[hi])
			continue;
		if (k % BFRANGE_MAX == 0)
			strbuf_printf(&b, "%s%u beginbfrange\n", k > 0 ?
			    "endbfrange\n" : "", n - k < BFRANGE_MAX ? n - k :
			    BFRANGE_MAX);
		strbuf_printf(&b, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		k++;
	}
	strbuf_puts(&b, k > 0 ? "endbfrange\nendcmap\n" : "endcmap\n");
	strbuf_puts(&b, "CMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
	map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_WriteStr(map->stream, b.data);
	strbuf_free(&b);
}

/*
 * libharu's ToUnicode stream of font, emptied and without the keys of an
 * encoding CMap (its /CMapName and /CIDSystemInfo would contradict the
 * map written into it); a new one if libharu made none.
 */
static HPDF_Dict
to_unicode_stream(struct fonts *f, HPDF_Font font)
{
	static const char *const encoding_keys[] = {
		"Type", "CMapName", "CIDSystemInfo", "WMode",
	};
	HPDF_Dict	 map = HPDF_Dict_GetItem(font, "ToUnicode",
			    HPDF_OCLASS_DICT);
	size_t		 i;

	if (map == NULL || map->stream == NULL ||
	    map->stream->type != HPDF_STREAM_MEMORY) {
		map = HPDF_DictStream_New(f->pdf->mmgr, f->pdf->xref);
		HPDF_Dict_Add(font, "ToUnicode", map);
		return map;
	}
	for (i = 0; i < sizeof(encoding_keys) / sizeof(encoding_keys[0]); i++)
		HPDF_Dict_RemoveElement(map, encoding_keys[i]);
	HPDF_MemStream_FreeData(map->stream);
	return map;
}

/* used[hi]: whether libharu's map of the face has codes hi << 8 to
 * hi << 8 | 0xFF (surrogates never). */
static void
cmap_high_bytes(const struct face *face, unsigned char *used)
{
	const HPDF_TTF_CmapRange *cmap =
	    &((HPDF_TTFontDefAttr)face->def->attr)->cmap;
	unsigned		 i, hi;

	memset(used, 0, BMP_SIZE >> 8);
	for (i = 0; i < cmap->seg_count_x2 / 2U; i++) {
		if (cmap->start_count[i] == 0xFFFF)
			continue;		/* the closing segment */
		for (hi = cmap->start_count[i] >> 8;
		    hi <= (unsigned)cmap->end_count[i] >> 8; hi++)
			used[hi] = hi < SURROGATE_FIRST ||
			    hi > SURROGATE_LAST;
	}
}

/*
 * Hand a checked file to libharu and keep its font definition (the PDF
 * font comes later, see fonts_pdf_font).  The face takes key on success.
 */
static int
font_load(struct fonts *f, const char *path, char *key,
    const struct srcpos *pos)
{
	const char	*name;
	HPDF_FontDef	 def = NULL;
	struct face	*face;
	char		*doing = xasprintf("%s: loading the font", path);
	int		 rc;

	name = HPDF_LoadTTFontFromFile(f->pdf, path, HPDF_TRUE);
	if (name != NULL && *name != '\0')
		def = HPDF_GetFontDef(f->pdf, name);
	rc = fonts_pdf_check(f, pos, doing);
	if (rc == 0 && def == NULL) {
		diag_error(pos, "%s: libharu found no usable font in it: %s",
		    doing, hint_intact);
		rc = -1;
	}
	free(doing);
	if (rc == -1)
		return -1;
	if (f->nfaces == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->faces = xrealloc(f->faces, f->cap * sizeof(*f->faces));
	}
	face = &f->faces[f->nfaces];
	face->path = xstrdup(path);
	face->key = key;
	face->name = font_short_name(path);
	face->font = NULL;
	face->def = def;
	face->advance = NULL;
	face->glyph_bits = NULL;
	face->shaper = NULL;
	face->kerns = NULL;
	face->kern_rows = NULL;
	face->nkerns = face->kern_cap = 0;
	return (face_id)f->nfaces++;
}

/* "fonts/Lato-Regular.ttf" -> "Lato-Regular" */
static char *
font_short_name(const char *path)
{
	const char	*base = strrchr(path, '/');
	const char	*dot;

	base = base == NULL ? path : base + 1;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return xstrdup(base);
	return xstrndup(base, (size_t)(dot - base));
}

void
fonts_add_fallback(struct fonts *f, face_id id)
{
	size_t	 i;

	(void)face_get(f, id);
	for (i = 0; i < f->nfallbacks; i++)
		if (f->fallbacks[i] == id)
			return;
	if (f->nfallbacks == f->fallback_cap) {
		f->fallback_cap = f->fallback_cap ? f->fallback_cap * 2 : 4;
		f->fallbacks = xrealloc(f->fallbacks,
		    f->fallback_cap * sizeof(*f->fallbacks));
	}
	f->fallbacks[f->nfallbacks++] = id;
}

/* --- checking a font file before libharu sees it --- */

/* Read and check the file; on success *buf holds its bytes (malloc'd). */
static int
font_check(const char *path, const struct srcpos *pos, unsigned char **buf,
    size_t *size)
{
	struct sfnt	 sf;
	size_t		 i;
	int		 rc = 0;

	memset(&sf, 0, sizeof(sf));
	if (sfnt_read(path, buf, &sf.size, pos) == -1)
		return -1;
	sf.buf = *buf;
	sf.hint = hint_intact;
	for (i = 0; i < sizeof(sfnt_checks) / sizeof(sfnt_checks[0]); i++)
		if ((rc = sfnt_checks[i](&sf)) == -1)
			break;
	if (rc == -1) {
		diag_error(pos, "%s: cannot use this font: %s: %s", path,
		    sf.why, sf.hint);
		free(*buf);
		return -1;
	}
	*size = sf.size;
	return 0;
}

/* Read the whole file (fonts are small) after checking its size. */
static int
sfnt_read(const char *path, unsigned char **buf, size_t *size,
    const struct srcpos *pos)
{
	struct stat	 st;
	FILE		*fp;
	const char	*why = NULL;

	if ((fp = fopen(path, "rb")) == NULL) {
		diag_error(pos, "%s: cannot open the font: %s: check the "
		    "font's file name in the style", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(fp), &st) == -1 || !S_ISREG(st.st_mode))
		why = "it is not a regular file";
	else if (st.st_size > LIMIT_FONT_BYTES)
		why = "it is too large";
	if (why != NULL) {
		diag_error(pos, "%s: cannot read the font: %s: use a font "
		    "file of at most %ld MB", path, why, LIMIT_FONT_BYTES >> 20);
		fclose(fp);
		return -1;
	}
	*size = (size_t)st.st_size;
	*buf = xmalloc(*size);
	if (fread(*buf, 1, *size, fp) != *size) {
		diag_error(pos, "%s: cannot read the font: %s: check the file",
		    path, ferror(fp) ? strerror(errno) : "it got shorter");
		free(*buf);
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

static int
sfnt_fail(struct sfnt *sf, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(sf->why, sizeof(sf->why), fmt, ap);
	va_end(ap);
	return -1;
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/* Whether len bytes from off lie inside a block of size bytes. */
static int
inside(size_t off, size_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static int
sfnt_find(const struct sfnt *sf, const char *tag, struct sfnt_table *t)
{
	const unsigned char	*e;
	unsigned		 i;

	for (i = 0; i < sf->ntables; i++) {
		e = sf->buf + SFNT_HEADER + i * SFNT_ENTRY;
		if (memcmp(e, tag, 4) == 0) {
			t->off = be32(e + 8);
			t->len = be32(e + 12);
			return 1;
		}
	}
	return 0;
}

static int
sfnt_check_header(struct sfnt *sf)
{
	if (sf->size == 0)
		return sfnt_fail(sf, "the file is empty");
	if (sf->size < SFNT_HEADER)
		return sfnt_fail(sf, "the file is too short to be a font");
	switch (be32(sf->buf)) {
	case SFNT_TRUETYPE:
	case SFNT_APPLE:
		return 0;
	case SFNT_CFF:
		sf->hint = "libharu embeds only TrueType outlines: use a "
		    ".ttf version of the font";
		return sfnt_fail(sf, "it has CFF (PostScript) outlines");
	case SFNT_COLLECTION:
		sf->hint = "use a single-font .ttf file";
		return sfnt_fail(sf, "it is a font collection");
	case SFNT_WOFF:
	case SFNT_WOFF2:
		sf->hint = "use the .ttf version of the font";
		return sfnt_fail(sf, "it is a compressed web font (WOFF)");
	default:
		sf->hint = "use a TrueType (.ttf) font";
		return sfnt_fail(sf, "it is not a TrueType font");
	}
}

static int
sfnt_check_directory(struct sfnt *sf)
{
	struct sfnt_table	 t;
	const unsigned char	*e;
	unsigned		 i;

	sf->ntables = be16(sf->buf + 4);
	if (sf->ntables == 0 || sf->ntables > FONT_MAX_TABLES)
		return sfnt_fail(sf, "its table directory is damaged");
	if (!inside(SFNT_HEADER, (size_t)sf->ntables * SFNT_ENTRY, sf->size))
		return sfnt_fail(sf, "the file ends inside its table "
		    "directory (truncated?)");
	for (i = 0; i < sf->ntables; i++) {
		e = sf->buf + SFNT_HEADER + i * SFNT_ENTRY;
		if (!inside(be32(e + 8), be32(e + 12), sf->size))
			return sfnt_fail(sf, "table %u of %u lies outside the "
			    "file (truncated?)", i + 1, sf->ntables);
	}
	for (i = 0; i < sizeof(sfnt_required) / sizeof(sfnt_required[0]);
	    i++)
		if (!sfnt_find(sf, sfnt_required[i], &t)) {
			if (sfnt_find(sf, "CFF ", &t))
				sf->hint = "libharu embeds only TrueType "
				    "outlines: use a .ttf version of the font";
			return sfnt_fail(sf, "it has no '%s' table",
			    sfnt_required[i]);
		}
	return 0;
}

static int
sfnt_check_head(struct sfnt *sf)
{
	struct sfnt_table	 t;
	const unsigned char	*p;
	unsigned		 upem, format;

	sfnt_find(sf, "head", &t);
	if (t.len < HEAD_MIN_LEN)
		return sfnt_fail(sf, "its 'head' table is too short");
	p = sf->buf + t.off;
	upem = be16(p + 18);
	format = be16(p + 50);
	if (be32(p + 12) != HEAD_MAGIC)
		return sfnt_fail(sf, "its 'head' table is damaged");
	if (upem < UPEM_MIN || upem > UPEM_MAX)
		return sfnt_fail(sf, "its units per em (%u) are out of range",
		    upem);
	if (format > 1)
		return sfnt_fail(sf, "its glyph offset format is unknown");
	sf->long_loca = format == 1;
	return 0;
}

static int
sfnt_check_metrics(struct sfnt *sf)
{
	struct sfnt_table	 maxp, hhea, hmtx;

	sfnt_find(sf, "maxp", &maxp);
	sfnt_find(sf, "hhea", &hhea);
	sfnt_find(sf, "hmtx", &hmtx);
	if (maxp.len < MAXP_MIN_LEN || hhea.len < HHEA_MIN_LEN)
		return sfnt_fail(sf, "its 'maxp' or 'hhea' table is too "
		    "short");
	sf->nglyphs = be16(sf->buf + maxp.off + 4);
	sf->nmetrics = be16(sf->buf + hhea.off + 34);
	if (sf->nglyphs == 0)
		return sfnt_fail(sf, "it has no glyphs");
	if (sf->nmetrics == 0 || sf->nmetrics > sf->nglyphs)
		return sfnt_fail(sf, "its 'hhea' table gives %u metrics for "
		    "%u glyphs", sf->nmetrics, sf->nglyphs);
	if (hmtx.len < (size_t)sf->nmetrics * 4 +
	    (size_t)(sf->nglyphs - sf->nmetrics) * 2)
		return sfnt_fail(sf, "its 'hmtx' table is too short");
	return 0;
}

/* libharu copies glyphs by these offsets when it subsets the font. */
static int
sfnt_check_loca(struct sfnt *sf)
{
	struct sfnt_table	 loca, glyf;
	const unsigned char	*p;
	size_t			 step = sf->long_loca ? 4 : 2;
	unsigned long		 prev = 0, off;
	unsigned		 i;

	sfnt_find(sf, "loca", &loca);
	sfnt_find(sf, "glyf", &glyf);
	if (loca.len < (sf->nglyphs + 1) * step)
		return sfnt_fail(sf, "its 'loca' table is too short");
	p = sf->buf + loca.off;
	for (i = 0; i <= sf->nglyphs; i++, p += step) {
		off = sf->long_loca ? be32(p) : be16(p) * 2UL;
		if (off < prev || off > glyf.len)
			return sfnt_fail(sf, "glyph %u lies outside its 'glyf' "
			    "table", i);
		prev = off;
	}
	return 0;
}

/* libharu uses the first (3,1) format 4 map, i.e. Unicode BMP. */
static int
sfnt_check_cmap(struct sfnt *sf)
{
	struct sfnt_table	 t;
	const unsigned char	*p, *rec;
	unsigned		 n, i;
	unsigned long		 off;

	sfnt_find(sf, "cmap", &t);
	p = sf->buf + t.off;
	if (t.len < 4 || be16(p) != 0 ||
	    !inside(4, (size_t)be16(p + 2) * 8, t.len))
		return sfnt_fail(sf, "its 'cmap' table is damaged");
	n = be16(p + 2);
	for (i = 0; i < n; i++) {
		rec = p + 4 + i * 8;
		off = be32(rec + 4);
		if (be16(rec) != 3 || be16(rec + 2) != 1)
			continue;
		if (!inside(off, 4, t.len))
			return sfnt_fail(sf, "its Unicode character map lies "
			    "outside the 'cmap' table");
		if (be16(p + off) != 4)
			continue;
		if (!inside(off, be16(p + off + 2), t.len))
			return sfnt_fail(sf, "its Unicode character map lies "
			    "outside the 'cmap' table");
		return sfnt_check_segments(sf, p + off, be16(p + off + 2));
	}
	return sfnt_fail(sf, "it has no Unicode (Windows BMP) character map");
}

/*
 * A format 4 map: libharu reads segCountX2 four times, then the glyph id
 * array, and assumes the last segment ends at U+FFFF and every range
 * offset points into the array.
 */
static int
sfnt_check_segments(struct sfnt *sf, const unsigned char *m, unsigned len)
{
	unsigned		 x2, segs, i, start, end, ro, nids;
	const unsigned char	*ends = m + 14, *starts, *ros;

	x2 = len < 16 ? 0 : be16(m + 6);
	if (x2 == 0 || x2 % 2 != 0 || 16 + 4UL * x2 > len)
		return sfnt_fail(sf, "its Unicode character map is damaged");
	segs = x2 / 2;
	starts = ends + x2 + 2;
	ros = starts + 2 * x2;
	nids = (len - 16 - 4 * x2) / 2;
	if (be16(ends + x2 - 2) != 0xFFFF)
		return sfnt_fail(sf, "its Unicode character map does not end "
		    "at U+FFFF");
	for (i = 0; i < segs; i++) {
		start = be16(starts + 2 * i);
		end = be16(ends + 2 * i);
		ro = be16(ros + 2 * i);
		if (start > end)
			return sfnt_fail(sf, "its Unicode character map has a "
			    "reversed range");
		if (ro != 0 && ro / 2 + (end - start) >= segs - i &&
		    ro / 2 + (end - start) - (segs - i) >= nids)
			return sfnt_fail(sf, "its Unicode character map points "
			    "outside its glyph list");
	}
	return 0;
}

static int
sfnt_check_name(struct sfnt *sf)
{
	struct sfnt_table	 t;
	const unsigned char	*p, *rec;
	unsigned		 n, strings, i;

	sfnt_find(sf, "name", &t);
	p = sf->buf + t.off;
	if (t.len < NAME_MIN_LEN)
		return sfnt_fail(sf, "its 'name' table is too short");
	n = be16(p + 2);
	strings = be16(p + 4);
	if (!inside(NAME_MIN_LEN, (size_t)n * 12, t.len))
		return sfnt_fail(sf, "its 'name' table is damaged");
	for (i = 0; i < n; i++) {
		rec = p + NAME_MIN_LEN + i * 12;
		if (!inside((size_t)strings + be16(rec + 10), be16(rec + 8),
		    t.len))
			return sfnt_fail(sf, "name %u lies outside its 'name' "
			    "table", i + 1);
	}
	return 0;
}

static int
sfnt_check_os2(struct sfnt *sf)
{
	struct sfnt_table	 t;
	const unsigned char	*p;

	sfnt_find(sf, "OS/2", &t);
	p = sf->buf + t.off;
	if (t.len < OS2_MIN_LEN || (be16(p) > 0 && t.len < OS2_V1_LEN))
		return sfnt_fail(sf, "its 'OS/2' table is too short");
	if (be16(p + 8) & FS_NO_EMBED) {
		sf->hint = "use another font";
		return sfnt_fail(sf, "its licence flags forbid embedding it "
		    "in a PDF");
	}
	return 0;
}

/* --- glyphs and widths --- */

int
fonts_has_glyph(struct fonts *f, face_id id, uint32_t cp)
{
	struct face	*face = face_get(f, id);
	unsigned	 shift = cp % GLYPHS_PER_BYTE * GLYPH_BITS, bits;
	uint8_t		*byte;

	if (cp >= BMP_SIZE)
		return 0;
	if (face->glyph_bits == NULL)
		face->glyph_bits = xcalloc(BMP_SIZE / GLYPHS_PER_BYTE, 1);
	byte = &face->glyph_bits[cp / GLYPHS_PER_BYTE];
	if (((bits = *byte >> shift) & GLYPH_KNOWN) == 0) {
		bits = GLYPH_KNOWN | (HPDF_TTFontDef_GetGlyphid(face->def,
		    (HPDF_UINT16)cp) != 0 ? GLYPH_HAS : 0);
		*byte |= (uint8_t)(bits << shift);
	}
	return (bits & GLYPH_HAS) != 0;
}

face_id
fonts_pick(struct fonts *f, face_id id, uint32_t cp)
{
	size_t	 i;

	if (fonts_has_glyph(f, id, cp))
		return id;
	for (i = 0; i < f->nfallbacks; i++)
		if (fonts_has_glyph(f, f->fallbacks[i], cp))
			return f->fallbacks[i];
	return -1;
}

/*
 * libharu draws a code point beyond the BMP as a space, so that is what
 * it measures.  Measuring marks the glyph for the embedded subset.
 */
int
fonts_advance(struct fonts *f, face_id id, uint32_t cp)
{
	struct face	*face = face_get(f, id);
	size_t		 i;

	if (cp >= BMP_SIZE)
		cp = ' ';
	if (face->advance == NULL) {
		face->advance = xmalloc(BMP_SIZE * sizeof(*face->advance));
		for (i = 0; i < BMP_SIZE; i++)
			face->advance[i] = ADVANCE_UNKNOWN;
	}
	if (face->advance[cp] == ADVANCE_UNKNOWN)
		face->advance[cp] = HPDF_TTFontDef_GetCharWidth(face->def,
		    (HPDF_UINT16)cp);
	return face->advance[cp];
}

/*
 * [1/1000 em] the advances of utf8; when kerned, also the pair kerning,
 * written (if kern is not NULL) to kern[i] after the i-th code point.
 */
static long
width_sum(struct fonts *f, face_id id, const char *utf8, size_t len,
    int kerned, short *kern)
{
	long		 sum = 0;
	size_t		 n, i = 0;
	uint32_t	 cp, prev = 0;
	int		 k;

	for (; len > 0; utf8 += n, len -= n) {
		if ((n = utf8_decode(utf8, len, &cp)) == 0) {
			n = 1;		/* invalid byte: not drawn */
			continue;
		}
		sum += fonts_advance(f, id, cp);
		if (kern != NULL)
			kern[i] = 0;
		if (kerned && i > 0) {
			k = fonts_kern(f, id, prev, cp);
			sum += k;
			if (kern != NULL)
				kern[i - 1] = (short)k;
		}
		prev = cp;
		i++;
	}
	return sum;
}

double
fonts_width(struct fonts *f, face_id id, const char *utf8, size_t len,
    double size)
{
	return (double)width_sum(f, id, utf8, len, 0, NULL) * size / 1000.0;
}

double
fonts_width_kerned(struct fonts *f, face_id id, const char *utf8, size_t len,
    double size, short *kern)
{
	return (double)width_sum(f, id, utf8, len, 1, kern) * size / 1000.0;
}

long
fonts_units_kerned(struct fonts *f, face_id id, const char *utf8, size_t len)
{
	return width_sum(f, id, utf8, len, 1, NULL);
}

/* --- pair kerning --- */

int
fonts_kern(struct fonts *f, face_id id, uint32_t left, uint32_t right)
{
	struct face		*face = face_get(f, id);
	struct kern_slot	*slot;
	uint32_t		 key;

	if (left >= BMP_SIZE || right >= BMP_SIZE || (left | right) == 0)
		return 0;
	if (left < KERN_DENSE && right < KERN_DENSE)
		return kern_dense(f, id, left, right);
	key = left << 16 | right;
	if (face->kern_cap != 0 && (slot = kern_slot(face, key))->key == key)
		return slot->kern;
	if (2 * (face->nkerns + 1) > face->kern_cap)
		kern_grow(face);
	slot = kern_slot(face, key);
	slot->key = key;
	slot->kern = (int16_t)kern_shape(f, id, left, right);
	face->nkerns++;
	return slot->kern;
}

size_t
kern_pairs_add(struct kern_pair **v, size_t n, size_t *cap, size_t *last,
    size_t at, int value)
{
	size_t	need = n + 1 + (at - *last) / UINT16_MAX;

	assert(value != 0 && at >= *last);
	if (need > *cap) {
		*cap = need > 2 * *cap ? need : 2 * *cap;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	for (; at - *last > UINT16_MAX; *last += UINT16_MAX)
		(*v)[n++] = (struct kern_pair){ UINT16_MAX, 0 };
	(*v)[n++] = (struct kern_pair){ (uint16_t)(at - *last),
	    (int16_t)value };
	*last = at;
	return n;
}

/* fonts_kern for a pair of code points below KERN_DENSE. */
static int
kern_dense(struct fonts *f, face_id id, uint32_t left, uint32_t right)
{
	struct face	*face = face_get(f, id);
	int16_t		*row, *k;
	size_t		 i;

	if (face->kern_rows == NULL)
		face->kern_rows = xcalloc(KERN_DENSE, sizeof(*face->kern_rows));
	if ((row = face->kern_rows[left]) == NULL) {
		row = face->kern_rows[left] = xmalloc(KERN_DENSE *
		    sizeof(*row));
		for (i = 0; i < KERN_DENSE; i++)
			row[i] = KERN_UNKNOWN;
	}
	k = &row[right];
	if (*k == KERN_UNKNOWN)
		*k = (int16_t)kern_shape(f, id, left, right);
	return *k;
}

static void
kern_rows_free(struct face *face)
{
	size_t	i;

	for (i = 0; face->kern_rows != NULL && i < KERN_DENSE; i++)
		free(face->kern_rows[i]);
	free(face->kern_rows);
}

/* The slot holding key, or the free one where it belongs. */
static struct kern_slot *
kern_slot(struct face *face, uint32_t key)
{
	size_t		 mask = face->kern_cap - 1;
	uint32_t	 h = key * 0x9E3779B1U;
	size_t		 i = (h ^ h >> 16) & mask;

	while (face->kerns[i].key != key && face->kerns[i].key != KERN_FREE)
		i = (i + 1) & mask;
	return &face->kerns[i];
}

/* Double the cache (it is kept at most half full). */
static void
kern_grow(struct face *face)
{
	struct kern_slot	*old = face->kerns;
	size_t			 i, n = face->kern_cap;

	face->kern_cap = n ? 2 * n : KERN_FIRST_CAP;
	face->kerns = xcalloc(face->kern_cap, sizeof(*face->kerns));
	for (i = 0; i < n; i++)
		if (old[i].key != KERN_FREE)
			*kern_slot(face, old[i].key) = old[i];
	free(old);
}

/*
 * [1/1000 em] how much HarfBuzz moves right after left: the pair shaped
 * with kerning alone (no ligatures or contextual forms: libharu draws
 * one glyph per code point), the first glyph's advance against its
 * nominal one.  No kerning where either glyph is missing (libharu's
 * map decides, as it draws), or where shaping changed the first glyph.
 */
static int
kern_shape(struct fonts *f, face_id id, uint32_t left, uint32_t right)
{
	static const hb_feature_t	 only_kern[] = {
		{ HB_TAG('k', 'e', 'r', 'n'), 1, 0, HB_FEATURE_GLOBAL_END },
		{ HB_TAG('l', 'i', 'g', 'a'), 0, 0, HB_FEATURE_GLOBAL_END },
		{ HB_TAG('c', 'l', 'i', 'g'), 0, 0, HB_FEATURE_GLOBAL_END },
		{ HB_TAG('c', 'a', 'l', 't'), 0, 0, HB_FEATURE_GLOBAL_END },
		{ HB_TAG('r', 'c', 'l', 't'), 0, 0, HB_FEATURE_GLOBAL_END },
	};
	struct face		*face = face_get(f, id);
	const uint32_t		 pair[2] = { left, right };
	hb_glyph_info_t		*info;
	hb_glyph_position_t	*pos;
	hb_codepoint_t		 glyph;
	unsigned		 n;

	if (!fonts_has_glyph(f, id, left) || !fonts_has_glyph(f, id, right) ||
	    !hb_font_get_nominal_glyph(face->shaper, left, &glyph))
		return 0;
	hb_buffer_clear_contents(f->shaping);
	hb_buffer_add_utf32(f->shaping, pair, 2, 0, 2);
	/* no language: the font's default language system, whatever the
	 * locale we run in */
	hb_buffer_set_language(f->shaping, hb_language_from_string("und",
	    -1));
	hb_buffer_guess_segment_properties(f->shaping);
	hb_shape(face->shaper, f->shaping, only_kern,
	    sizeof(only_kern) / sizeof(only_kern[0]));
	info = hb_buffer_get_glyph_infos(f->shaping, &n);
	pos = hb_buffer_get_glyph_positions(f->shaping, NULL);
	if (n != 2 || info[0].codepoint != glyph)
		return 0;
	return (int)lround((pos[0].x_advance - hb_font_get_glyph_h_advance(
	    face->shaper, glyph)) * 1000.0 / face->upem);
}

int
fonts_ascent(struct fonts *f, face_id id)
{
	return face_get(f, id)->def->ascent;
}

int
fonts_descent(struct fonts *f, face_id id)
{
	return face_get(f, id)->def->descent;
}

int
fonts_cap_height(struct fonts *f, face_id id)
{
	return (int)face_get(f, id)->def->cap_height;
}

const char *
fonts_path(struct fonts *f, face_id id)
{
	return face_get(f, id)->path;
}

const char *
fonts_name(struct fonts *f, face_id id)
{
	return face_get(f, id)->name;
}
