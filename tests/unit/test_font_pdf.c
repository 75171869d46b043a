/*
 * Unit tests of the PDF fonts that font.c makes: codes are two bytes,
 * Unicode values and CIDs alike (/Encoding /Identity-H), and each
 * face's CIDToGIDMap gives every code its glyph and ends just after the
 * highest code the face's character map has (with libharu's UTF-8
 * encoder it held all 65,536 codes, and libharu looked each one up).
 * The document's current encoder stays UTF-8.  Run from the top folder
 * (fonts/ is read).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "font.h"
#include "font_pdf.h"

#define CODE_LAST	0xFFFE	/* U+FFFF is never a character */

/* The CIDToGIDMap of font as libharu holds it before saving (malloc'd). */
static unsigned char *
cid_to_gid(HPDF_Font font, size_t *len)
{
	HPDF_FontAttr	 attr = font->attr;
	HPDF_Stream	 map;
	HPDF_UINT	 n;
	unsigned char	*buf;

	assert_non_null(attr->map_stream);
	map = attr->map_stream->stream;
	n = HPDF_Stream_Size(map);
	buf = malloc(n);
	assert_non_null(buf);
	assert_int_equal(HPDF_Stream_Seek(map, 0, HPDF_SEEK_SET), HPDF_OK);
	*len = n;
	assert_int_equal(HPDF_Stream_Read(map, buf, &n), HPDF_OK);
	assert_int_equal(n, *len);
	return buf;
}

/* Every code of the face maps to libharu's glyph for it, and the map
 * ends right after the highest. */
static void
check_face(struct fonts *f, face_id id)
{
	HPDF_Font	 font = fonts_pdf_font(f, id);
	HPDF_FontDef	 def;
	HPDF_Name	 encoding;
	unsigned char	*map;
	size_t		 len;
	unsigned	 cp, gid, top = 0;

	assert_non_null(font);
	encoding = HPDF_Dict_GetItem(font, "Encoding", HPDF_OCLASS_NAME);
	assert_non_null(encoding);
	assert_string_equal(HPDF_Name_GetValue(encoding), "Identity-H");
	def = ((HPDF_FontAttr)font->attr)->fontdef;
	map = cid_to_gid(font, &len);
	for (cp = 1; cp <= CODE_LAST; cp++) {
		gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		if (gid != 0)
			top = cp;
		if (2 * cp < len)
			assert_int_equal((unsigned)map[2 * cp] << 8 |
			    map[2 * cp + 1], gid);
		else
			assert_int_equal(gid, 0);
	}
	assert_true(top > 0);
	assert_int_equal(len, 2 * (top + 1));
	free(map);
}

/* The larger map first: a later face gets none of its codes. */
static void
maps_end_after_each_face_s_last_code(void **state)
{
	struct fonts	*f = fonts_new();
	face_id		 dejavu = fonts_open(f, "fonts/DejaVuSans.ttf", NULL);
	face_id		 lato = fonts_open(f, "fonts/Lato-Regular.ttf", NULL);
	face_id		 bold = fonts_open(f, "fonts/Lato-Bold.ttf", NULL);

	(void)state;
	assert_true(dejavu >= 0 && lato >= 0 && bold >= 0);
	check_face(f, dejavu);
	check_face(f, lato);
	check_face(f, bold);
	assert_string_equal(HPDF_GetCurrentEncoder(fonts_pdf_doc(f))->name,
	    "UTF-8");
	assert_int_equal(fonts_pdf_check(f, NULL, "testing"), 0);
	fonts_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(maps_end_after_each_face_s_last_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
