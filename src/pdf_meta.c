/*
 * pdf_meta: what the PDF says about itself.  The information dictionary
 * and an XMP packet that says the same (always written, uncompressed,
 * escaped, with pdfuaid for the tagged PDF); the creation and
 * modification dates, from SOURCE_DATE_EPOCH or else the report's date
 * (a YYYY-MM date counts as the first of the month, 00:00 UTC; a report
 * without a date gets no dates); brochure and its version as creator and
 * producer (libharu sets its own producer, replaced here); a /ID that is
 * a 128-bit hash of the metadata and the whole display list, so equal
 * input gives equal bytes; and for PDF/A-2b pdfaid and the sRGB output intent
 * (ICC_PROFILE, from Debian's icc-profiles-free, or
 * $BROCHURE_ICC_PROFILE).  libharu's own PDF/A helper is PDF/A-1 only
 * and writes a time-based /ID and unescaped XMP, so it is not used.
 *
 * This module must never read the clock or anything random, nor draw.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "diag.h"
#include "pdf_int.h"
#include "pdf_meta.h"
#include "version.h"

#ifndef ICC_PROFILE
#define ICC_PROFILE	"/usr/share/color/icc/sRGB.icc"
#endif
#define ICC_ENV		"BROCHURE_ICC_PROFILE"
#define ICC_NAME	"sRGB IEC61966-2.1"
#define ICC_MAX		(4L << 20)	/* [bytes] a larger profile is wrong */
#define ICC_HEADER	128		/* [bytes] of an ICC profile's header */
#define ICC_SPACE_AT	16		/* its colour space, "RGB " */
#define ICC_MAGIC_AT	36		/* its signature, "acsp" */
#define EPOCH_ENV	"SOURCE_DATE_EPOCH"
#define EPOCH_MAX	253402300799LL	/* 9999-12-31 23:59:59 UTC */
#define SECS_PER_DAY	86400L
#define NAME_MAX_LEN	96		/* creator and producer */
#define DATE_LEN	32		/* "2024-08-01T00:00:00Z" */
#define XMP_PACKET_ID	"W5M0MpCehiHzreSzNTczkc9d"	/* XMP's own */

/* What the information dictionary and the XMP packet both say. */
struct meta {
	const struct layout_info *in;
	char		 creator[NAME_MAX_LEN];	/* "brochure 0.1.0" */
	char		 producer[NAME_MAX_LEN];
	int		 dated;			/* 0: no dates at all */
	struct tm	 when;			/* UTC */
	char		 xmp_date[DATE_LEN];
};

/* --- dates --- */

int
pdf_meta_epoch(const char *text, time_t *secs)
{
	long long	 v = 0;
	const char	*p;

	if (text == NULL || *text == '\0')
		return -1;
	for (p = text; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
		if (v > EPOCH_MAX)
			return -1;
	}
	*secs = (time_t)v;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
time_t
pdf_meta_civil(int year, int month, int day)
{
	long	 y = year - (month <= 2);
	long	 era = (y >= 0 ? y : y - 399) / 400;
	long	 yoe = y - era * 400;
	long	 doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 +
		    (day > 0 ? day : 1) - 1;
	long	 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (time_t)(era * 146097L + doe - 719468L) * SECS_PER_DAY;
}

/* SOURCE_DATE_EPOCH, else the report's date; -1 after reporting. */
static int
meta_when(struct meta *m)
{
	const char	*env = getenv(EPOCH_ENV);
	time_t		 t;

	if (env != NULL) {
		if (pdf_meta_epoch(env, &t) == -1) {
			diag_error(NULL, EPOCH_ENV "=\"%s\" is not a time: "
			    "give the seconds since 1970-01-01 00:00 UTC, "
			    "digits only (such as 1722470400), or unset it",
			    env);
			return -1;
		}
	} else if (m->in->year > 0 && m->in->month > 0)
		t = pdf_meta_civil(m->in->year, m->in->month, m->in->day);
	else
		return 0;
	gmtime_r(&t, &m->when);
	m->dated = 1;
	strftime(m->xmp_date, sizeof(m->xmp_date), "%Y-%m-%dT%H:%M:%SZ",
	    &m->when);
	return 0;
}

/* --- the information dictionary --- */

static void
meta_info(struct pdf_dev *d, const struct meta *m)
{
	const struct layout_info	*in = m->in;
	const struct {
		HPDF_InfoType	 type;
		const char	*value;
	} info[] = {
		{ HPDF_INFO_TITLE, in->title },
		{ HPDF_INFO_SUBJECT, in->subject },
		{ HPDF_INFO_AUTHOR, in->author },
		{ HPDF_INFO_KEYWORDS, in->keywords },
		{ HPDF_INFO_CREATOR, m->creator },
		{ HPDF_INFO_PRODUCER, m->producer },
	};
	HPDF_Date			 date;
	size_t				 i;

	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	for (i = 0; i < sizeof(info) / sizeof(info[0]); i++)
		if (info[i].value != NULL && info[i].value[0] != '\0')
			HPDF_SetInfoAttr(d->pdf, info[i].type, info[i].value);
	if (!m->dated)
		return;
	memset(&date, 0, sizeof(date));
	date.year = m->when.tm_year + 1900;
	date.month = m->when.tm_mon + 1;
	date.day = m->when.tm_mday;
	date.hour = m->when.tm_hour;
	date.minutes = m->when.tm_min;
	date.seconds = m->when.tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
}

/* --- the XMP packet --- */

void
pdf_meta_xml_escape(struct strbuf *b, const char *s)
{
	size_t	 n;

	for (; *s != '\0'; s += n) {
		n = strcspn(s, "&<>\"'");
		strbuf_append(b, s, n);
		switch (s[n]) {
		case '&': strbuf_puts(b, "&amp;"); break;
		case '<': strbuf_puts(b, "&lt;"); break;
		case '>': strbuf_puts(b, "&gt;"); break;
		case '"': strbuf_puts(b, "&quot;"); break;
		case '\'': strbuf_puts(b, "&apos;"); break;
		default: return;
		}
		n++;
	}
}

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

/* <tag>value</tag>, or nothing without a value. */
static void
xmp_simple(struct strbuf *b, const char *tag, const char *value)
{
	if (!given(value))
		return;
	strbuf_printf(b, "   <%s>", tag);
	pdf_meta_xml_escape(b, value);
	strbuf_printf(b, "</%s>\n", tag);
}

/* An rdf:Seq or rdf:Bag of one value. */
static void
xmp_list(struct strbuf *b, const char *tag, const char *kind,
    const char *value)
{
	if (!given(value))
		return;
	strbuf_printf(b, "   <%s><rdf:%s><rdf:li>", tag, kind);
	pdf_meta_xml_escape(b, value);
	strbuf_printf(b, "</rdf:li></rdf:%s></%s>\n", kind, tag);
}

/* A language alternative: x-default, and the document's language. */
static void
xmp_alt(struct strbuf *b, const char *tag, const char *value,
    const char *lang)
{
	if (!given(value))
		return;
	strbuf_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	    tag);
	pdf_meta_xml_escape(b, value);
	strbuf_puts(b, "</rdf:li>");
	if (given(lang)) {
		strbuf_puts(b, "<rdf:li xml:lang=\"");
		pdf_meta_xml_escape(b, lang);
		strbuf_puts(b, "\">");
		pdf_meta_xml_escape(b, value);
		strbuf_puts(b, "</rdf:li>");
	}
	strbuf_printf(b, "</rdf:Alt></%s>\n", tag);
}

/* PDF/A-2 knows pdfuaid only when the packet describes it. */
static const char xmp_pdfua_schema[] =
    "  <rdf:Description rdf:about=\"\"\n"
    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "   <pdfaExtension:schemas><rdf:Bag>"
    "<rdf:li rdf:parseType=\"Resource\">\n"
    "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema"
    "</pdfaSchema:schema>\n"
    "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"
    "</pdfaSchema:namespaceURI>\n"
    "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "     <pdfaProperty:name>part</pdfaProperty:name>\n"
    "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
    "     <pdfaProperty:description>the part of ISO 14289 followed"
    "</pdfaProperty:description>\n"
    "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    "  </rdf:Description>\n";

static void
xmp_build(struct strbuf *b, const struct meta *m, int pdfa)
{
	const struct layout_info	*in = m->in;
	const char			*date = m->dated ? m->xmp_date : NULL;

	strbuf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"" XMP_PACKET_ID
	    "\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n");
	xmp_simple(b, "dc:format", "application/pdf");
	xmp_alt(b, "dc:title", in->title, in->lang);
	xmp_list(b, "dc:creator", "Seq", in->author);
	xmp_alt(b, "dc:description", in->subject, in->lang);
	xmp_list(b, "dc:publisher", "Bag", in->publisher);
	xmp_list(b, "dc:language", "Bag", in->lang);
	xmp_simple(b, "pdf:Keywords", in->keywords);
	xmp_simple(b, "pdf:Producer", m->producer);
	xmp_simple(b, "xmp:CreatorTool", m->creator);
	xmp_simple(b, "xmp:CreateDate", date);
	xmp_simple(b, "xmp:ModifyDate", date);
	xmp_simple(b, "xmp:MetadataDate", date);
	xmp_simple(b, "pdfuaid:part", "1");
	if (pdfa) {
		xmp_simple(b, "pdfaid:part", "2");
		xmp_simple(b, "pdfaid:conformance", "B");
	}
	strbuf_puts(b, "  </rdf:Description>\n");
	if (pdfa)
		strbuf_puts(b, xmp_pdfua_schema);
	strbuf_puts(b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* The catalog's /Metadata: /Type /Metadata /Subtype /XML, readable. */
static void
meta_xmp(struct pdf_dev *d, const struct meta *m)
{
	struct strbuf	 b = { NULL, 0, 0 };
	HPDF_Dict	 x = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);

	if (x == NULL)
		return;
	x->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict_AddName(x, "Type", "Metadata");
	HPDF_Dict_AddName(x, "Subtype", "XML");
	xmp_build(&b, m, d->opt->pdfa);
	HPDF_Stream_Write(x->stream, (const HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len);
	strbuf_free(&b);
	HPDF_Dict_Add(d->pdf->catalog, "Metadata", x);
}

/* --- the /ID --- */

#define ID_BUF		65536	/* [bytes] gathered, then hashed at once */
#define ID_ITEM_MAX	32	/* [bytes] an item's fixed fields, at most */
#define ID_LEN		16	/* [bytes] the /ID: two 64-bit lanes */

/*
 * The bytes the /ID hashes, gathered, and the hash so far: two 64-bit
 * lanes, each 8-byte word (taken little-endian, so the same on every
 * machine) mixed into both by multiplication and shifts, different for
 * each lane.  Not a cryptographic digest (the PDF's /ID need only tell
 * files apart; MD5 cost 25 ms at N=2300), but every byte and its place
 * reach all 128 bits.
 */
struct id_buf {
	uint64_t	 lane[2];
	uint64_t	 total;		/* [bytes] hashed */
	size_t		 len;
	unsigned char	 data[ID_BUF];
};

#define ID_MUL_A	0x9E3779B97F4A7C15ULL
#define ID_MUL_B	0xC2B2AE3D27D4EB4FULL
#define ID_FMIX_1	0xFF51AFD7ED558CCDULL
#define ID_FMIX_2	0xC4CEB9FE1A85EC53ULL

static uint64_t
le64(const unsigned char *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void
id_word(struct id_buf *m, uint64_t w)
{
	m->lane[0] = (m->lane[0] ^ w) * ID_MUL_A;
	m->lane[0] ^= m->lane[0] >> 32;
	m->lane[1] = (m->lane[1] + w) * ID_MUL_B;
	m->lane[1] ^= m->lane[1] >> 29;
}

/* The gathered bytes into the lanes; a tail short of a word waits,
 * unless last. */
static void
id_flush(struct id_buf *m, int last)
{
	unsigned char	 tail[8] = { 0 };
	size_t		 i, whole = m->len / 8 * 8;

	for (i = 0; i < whole; i += 8)
		id_word(m, le64(m->data + i));
	m->total += whole;
	memmove(m->data, m->data + whole, m->len - whole);
	m->len -= whole;
	if (last && m->len > 0) {
		memcpy(tail, m->data, m->len);
		id_word(m, le64(tail));
		m->total += m->len;
		m->len = 0;
	}
}

static void
id_put(struct id_buf *m, const void *p, size_t n)
{
	const unsigned char	*b = p;
	size_t			 k;

	while (n > 0) {
		if (m->len == ID_BUF)
			id_flush(m, 0);
		k = ID_BUF - m->len < n ? ID_BUF - m->len : n;
		memcpy(m->data + m->len, b, k);
		m->len += k;
		b += k;
		n -= k;
	}
}

static void
id_text(struct id_buf *m, const char *s)
{
	if (s == NULL)
		s = "";
	id_put(m, s, strlen(s) + 1);
}

/* The n low bytes of v, least significant first, at p; returns the
 * end. */
static unsigned char *
id_bytes(unsigned char *p, uint64_t v, int n)
{
	int	i;

	assert(n <= 8);
	for (i = 0; i < n; i++)
		*p++ = (unsigned char)(v >> (8 * i));
	return p;
}

/* A length to 1/1000 pt in eight bytes. */
static void
id_number(struct id_buf *m, double v)
{
	unsigned char	b[8];

	id_put(m, b, (size_t)(id_bytes(b, (uint64_t)(int64_t)llround(v *
	    1000.0), 8) - b));
}

_Static_assert(ITEM__MAX <= 256 && IR__MAX <= 256,
    "an item's kind and role are hashed as a byte each");

/* A position or size to 1/1000 pt in four bytes at p: items lie within
 * the 14,400 pt a PDF page may measure. */
static unsigned char *
id_milli(unsigned char *p, double v)
{
	double	milli = fmax(fmin(v * 1000.0, INT32_MAX), INT32_MIN);

	return id_bytes(p, (uint32_t)(int32_t)lround(milli), 4);
}

/* The 16 bytes of the hash: the length, both lanes mixed into each
 * other and each avalanched. */
static void
id_final(struct id_buf *m, unsigned char out[ID_LEN])
{
	uint64_t	a, b;
	int		i;

	id_flush(m, 1);
	id_word(m, m->total);
	a = m->lane[0] ^ m->lane[1] >> 17;
	b = m->lane[1] ^ m->lane[0] << 23;
	for (i = 0; i < 2; i++) {
		a ^= a >> 33, a *= ID_FMIX_1, a ^= a >> 33, a *= ID_FMIX_2;
		b ^= b >> 33, b *= ID_FMIX_2, b ^= b >> 33, b *= ID_FMIX_1;
		a ^= b, b ^= a >> 31;
	}
	id_bytes(out, a, 8);
	id_bytes(out + 8, b, 8);
}

/* The words an item carries: its text, file, link or name. */
static const char *
item_words(const struct item *it)
{
	const char	*slash;

	switch (it->kind) {
	case ITEM_GLYPHS:
		return it->u.glyphs.text;
	case ITEM_IMAGE:	/* the name only: the folder is the builder's */
		slash = strrchr(it->u.image.path, '/');
		return slash != NULL ? slash + 1 : it->u.image.path;
	case ITEM_LINK:
		return it->u.link.uri != NULL ? it->u.link.uri :
		    it->u.link.dest;
	case ITEM_DEST:
		return it->u.dest.name;
	default:
		return NULL;
	}
}

/* An item's place: kind and role a byte each, x, y, w, h four each. */
static void
id_item(struct id_buf *c, const struct item *it)
{
	unsigned char	b[ID_ITEM_MAX], *p = b;

	p = id_bytes(p, (uint64_t)it->kind, 1);
	p = id_bytes(p, (uint64_t)it->role, 1);
	p = id_milli(p, it->x);
	p = id_milli(p, it->y);
	p = id_milli(p, it->w);
	p = id_milli(p, it->h);
	id_put(c, b, (size_t)(p - b));
	id_text(c, item_words(it));
}

static void
id_layout(struct id_buf *c, const struct layout *l)
{
	size_t	 p, i;

	id_number(c, l->width);
	id_number(c, l->height);
	for (p = 0; p < l->npages; p++) {
		id_text(c, l->pages[p].label);
		for (i = 0; i < l->pages[p].nitems; i++)
			id_item(c, &l->pages[p].items[i]);
	}
}

/*
 * [<id> <id>]: the hash of what the file says (metadata, purpose, every
 * item of every page), since the written bytes cannot hold their own
 * hash.  Both halves alike: the file is never an update of another.
 */
static void
meta_id(struct pdf_dev *d, const struct meta *m)
{
	const struct layout_info	*in = m->in;
	struct id_buf			*c = xcalloc(1, sizeof(*c));
	const char			*texts[] = { m->producer, in->title,
					    in->subject, in->author,
					    in->keywords, in->lang,
					    m->dated ? m->xmp_date : NULL };
	size_t				 i;
	unsigned char			 id[ID_LEN];
	HPDF_Array			 a;
	char				 purpose[32];

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		id_text(c, texts[i]);
	snprintf(purpose, sizeof(purpose), "pdfa %d print %d %d",
	    d->opt->pdfa, d->opt->print, d->opt->marks);
	id_text(c, purpose);
	id_number(c, d->opt->bleed);
	id_layout(c, d->layout);
	id_final(c, id);
	free(c);
	if ((a = HPDF_Array_New(d->pdf->mmgr)) == NULL)
		return;
	HPDF_Array_Add(a, HPDF_Binary_New(d->pdf->mmgr, id, sizeof(id)));
	HPDF_Array_Add(a, HPDF_Binary_New(d->pdf->mmgr, id, sizeof(id)));
	HPDF_Dict_Add(d->pdf->trailer, "ID", a);
}

/* --- PDF/A: the output intent --- */

/* The whole profile file, checked to be an RGB ICC profile; NULL after
 * reporting. */
static unsigned char *
icc_read(const char *path, size_t *len)
{
	FILE		*f = fopen(path, "rb");
	unsigned char	*buf = xmalloc(ICC_MAX + 1);

	*len = f != NULL ? fread(buf, 1, ICC_MAX + 1, f) : 0;
	if (f == NULL || ferror(f) || *len < ICC_HEADER || *len > ICC_MAX ||
	    memcmp(buf + ICC_MAGIC_AT, "acsp", 4) != 0 ||
	    memcmp(buf + ICC_SPACE_AT, "RGB ", 4) != 0) {
		diag_error(NULL, "PDF/A needs the sRGB ICC profile %s, which "
		    "%s: install Debian's icc-profiles-free, or name an RGB "
		    "profile in " ICC_ENV, path, f == NULL ? strerror(errno) :
		    "is not an RGB ICC profile");
		free(buf);
		buf = NULL;
	}
	if (f != NULL)
		fclose(f);
	return buf;
}

/* /OutputIntents [<</S /GTS_PDFA1 … /DestOutputProfile icc>>]. */
static int
meta_output_intent(struct pdf_dev *d)
{
	const char	*path = getenv(ICC_ENV) ? getenv(ICC_ENV) : ICC_PROFILE;
	HPDF_MMgr	 mm = d->pdf->mmgr;
	HPDF_Dict	 icc, intent;
	HPDF_Array	 intents;
	unsigned char	*data;
	size_t		 len;

	if ((data = icc_read(path, &len)) == NULL)
		return -1;
	icc = HPDF_DictStream_New(mm, d->pdf->xref);
	intent = HPDF_Dict_New(mm);
	intents = HPDF_Array_New(mm);
	if (icc == NULL || intent == NULL || intents == NULL) {
		free(data);
		return 0;	/* libharu's error, reported by the caller */
	}
	icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(icc, "N", 3);
	HPDF_Stream_Write(icc->stream, data, (HPDF_UINT)len);
	free(data);
	HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	HPDF_Dict_Add(intent, "OutputConditionIdentifier",
	    HPDF_String_New(mm, ICC_NAME, NULL));
	HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, ICC_NAME, NULL));
	HPDF_Dict_Add(intent, "DestOutputProfile", icc);
	HPDF_Array_Add(intents, intent);
	HPDF_Dict_Add(d->pdf->catalog, "OutputIntents", intents);
	return 0;
}

/* --- the hooks --- */

int
pdf_meta_begin(struct pdf_dev *d)
{
	struct meta	 m;

	memset(&m, 0, sizeof(m));
	m.in = &d->layout->info;
	snprintf(m.creator, sizeof(m.creator), "brochure " BROCHURE_VERSION);
	snprintf(m.producer, sizeof(m.producer), "brochure " BROCHURE_VERSION
	    " (libharu %s)", HPDF_GetVersion());
	if (meta_when(&m) == -1)
		return -1;
	if (d->opt->pdfa && meta_output_intent(d) == -1)
		return -1;
	meta_info(d, &m);
	meta_xmp(d, &m);
	meta_id(d, &m);
	return 0;
}

/* PDF/A-2 and PDF/UA-1 build on PDF 1.7; libharu starts at 1.3. */
void
pdf_meta_end(struct pdf_dev *d)
{
	if (d->pdf->pdf_version < HPDF_VER_17)
		d->pdf->pdf_version = HPDF_VER_17;
}
