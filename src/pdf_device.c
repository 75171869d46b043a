/*
 * pdf_device: the only code that draws with libharu.  It turns the
 * display list into a PDF: glyph runs as one raw TJ array each (libharu
 * cannot justify UTF-8 text: Tw only acts on single-byte spaces), rules,
 * rectangles, paths of lines and Bézier curves, images (loaded by
 * pdf_image.c), links without borders, destinations, outline and page
 * labels; pdf_meta.c adds the metadata, pdf_print.c what print builds
 * need, pdf_tags.c the structure (marked content around every item),
 * pdf_contents.c compresses each finished page on a second thread.
 * The file is written beside the target and renamed into place when
 * complete.
 *
 * This module must never decide where anything goes, nor measure text:
 * the layout says where, the font module measured.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hpdf.h>

#include "diag.h"
#include "font_pdf.h"
#include "pdf_int.h"
#include "render.h"

#define OUTLINE_MAX_DEPTH	8		/* deeper entries are nested here */
#define LABEL_MAX_DIGITS	9		/* a page number fits an int */
#define TJ_UNITS		1000.0		/* TJ numbers: 1/1000 text space */
#define PDF_NAME_MAX		32		/* [bytes] a page's font name */
#define OP_NUMBERS_MAX		6		/* values of one pdf_put_op */
#define BMP_LAST		0xFFFF		/* libharu codes are 2 bytes */
#define TJ_GLYPH_MAX		32		/* [bytes] TJ text of one input
						   byte, at most: "(", 2 escaped
						   code bytes, ")", a number */
#define TJ_EXTRA		8		/* [bytes] "[", "] TJ\n", NUL */
/* Set and not empty: the file as libharu writes it, unpacked. */
#define PACK_ENV		"BROCHURE_NO_PACK"

static int	 pdf_begin(void *, const struct layout *);
static void	 pdf_begin_page(void *, const struct page *);
static void	 pdf_glyphs(void *, const struct item *);
static void	 pdf_rule(void *, const struct item *);
static void	 pdf_rect(void *, const struct item *);
static void	 pdf_image(void *, const struct item *);
static void	 pdf_link(void *, const struct item *);
static void	 pdf_path(void *, const struct item *);
static void	 pdf_end_page(void *, const struct page *);
static int	 pdf_end(void *);
static int	 pdf_write(const struct layout *, struct layout *,
		    struct fonts *, const char *, const struct pdf_options *);

/* --- images --- */

/* The embedded image of a path: loaded once, however often it is used. */
static HPDF_Image
image_get(struct pdf_dev *d, const char *path, const struct srcpos *pos)
{
	struct pdf_image	*im;
	size_t			 i;

	for (i = 0; i < d->nimages; i++)
		if (strcmp(d->images[i].path, path) == 0)
			return d->images[i].image;
	if (d->nimages == d->images_cap) {
		d->images_cap = d->images_cap ? d->images_cap * 2 : 8;
		d->images = xrealloc(d->images,
		    d->images_cap * sizeof(*d->images));
	}
	im = &d->images[d->nimages++];
	im->path = xstrdup(path);
	im->image = pdf_image_load(d->pdf, path, pos);
	return im->image;
}

/* --- destinations, links, outline --- */

static int
dest_cmp_name(const void *a, const void *b)
{
	const struct pdf_dest	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* By name, then in document order. */
static int
dest_cmp(const void *a, const void *b)
{
	const struct pdf_dest	*x = a, *y = b;
	int			 c = dest_cmp_name(a, b);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Collect every ITEM_DEST; the first of a repeated name wins. */
static void
dests_collect(struct pdf_dev *d)
{
	const struct layout	*l = d->layout;
	const struct item	*it;
	size_t			 p, i, n = 0, u;

	for (p = 0; p < l->npages; p++)
		for (i = 0; i < l->pages[p].nitems; i++)
			n += l->pages[p].items[i].kind == ITEM_DEST;
	d->dests = xcalloc(n, sizeof(*d->dests));
	for (p = 0; p < l->npages; p++)
		for (i = 0; i < l->pages[p].nitems; i++) {
			it = &l->pages[p].items[i];
			if (it->kind != ITEM_DEST)
				continue;
			d->dests[d->ndests] = (struct pdf_dest){
			    it->u.dest.name, d->ndests, p, it->x, it->y, NULL };
			d->ndests++;
		}
	qsort(d->dests, d->ndests, sizeof(*d->dests), dest_cmp);
	for (i = u = 0; i < d->ndests; i++)
		if (u == 0 || strcmp(d->dests[u - 1].name,
		    d->dests[i].name) != 0)
			d->dests[u++] = d->dests[i];
	d->ndests = u;
}

/*
 * [page /XYZ left top null]: null keeps the reader's zoom, which
 * HPDF_Destination_SetXYZ refuses, so the array is written by hand.
 * One object per name, however many links and outline entries lead
 * there.
 */
static HPDF_Destination
dest_make(struct pdf_dev *d, const char *name, const struct srcpos *pos)
{
	struct pdf_dest		 key = { .name = name };
	struct pdf_dest		*t;
	HPDF_Destination	 dst;
	HPDF_Page		 page;

	t = bsearch(&key, d->dests, d->ndests, sizeof(*d->dests),
	    dest_cmp_name);
	if (t == NULL) {
		diag_error(pos, "a link or outline entry points to \"%s\", "
		    "which is nowhere in the layout: check the id", name);
		d->failed = 1;
		return NULL;
	}
	if (t->dst != NULL)
		return t->dst;
	page = d->pages[t->page];
	if ((dst = HPDF_Page_CreateDestination(page)) == NULL)
		return NULL;
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, page);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_AddReal(dst, (HPDF_REAL)t->x);
	HPDF_Array_AddReal(dst, (HPDF_REAL)t->y);
	HPDF_Array_Add(dst, HPDF_Null_New(d->pdf->mmgr));
	t->dst = dst;
	return dst;
}

/* Entries nest under the last entry one level up; no level is skipped. */
static void
pdf_outline(struct pdf_dev *d)
{
	const struct layout	*l = d->layout;
	HPDF_Outline		 parent[OUTLINE_MAX_DEPTH + 1] = { NULL };
	HPDF_Encoder		 utf8 = HPDF_GetEncoder(d->pdf, "UTF-8");
	HPDF_Outline		 o;
	HPDF_Destination	 dst;
	int			 level, depth = 0;
	size_t			 i;

	for (i = 0; i < l->noutline; i++) {
		level = l->outline[i].level;
		level = level > depth + 1 ? depth + 1 : level < 1 ? 1 : level;
		if (level > OUTLINE_MAX_DEPTH)
			level = OUTLINE_MAX_DEPTH;
		o = HPDF_CreateOutline(d->pdf, parent[level - 1],
		    l->outline[i].title, utf8);
		if (o == NULL)
			return;
		HPDF_Outline_SetOpened(o, level == 1);
		if ((dst = dest_make(d, l->outline[i].dest, NULL)) != NULL)
			HPDF_Outline_SetDestination(o, dst);
		parent[level] = o;
		depth = level;
	}
	if (l->noutline > 0)
		HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

/* --- page labels --- */

/* A label that is a plain page number ("7", not "07" or "vii"), or 0. */
static int
label_number(const char *s)
{
	size_t	 n;

	if (s == NULL || s[0] < '1' || s[0] > '9')
		return 0;
	n = strspn(s, "0123456789");
	if (s[n] != '\0' || n > LABEL_MAX_DIGITS)
		return 0;
	return atoi(s);
}

/* A label range without numbering: blank, or the label as its prefix. */
static void
label_range_text(struct pdf_dev *d, size_t page, const char *label)
{
	HPDF_Dict	 dict = HPDF_Dict_New(d->pdf->mmgr);

	if (dict == NULL)
		return;
	if (label != NULL)
		HPDF_Dict_Add(dict, "P", HPDF_String_New(d->pdf->mmgr, label,
		    HPDF_GetEncoder(d->pdf, "UTF-8")));
	HPDF_Catalog_AddPageLabel(d->pdf->catalog, (HPDF_UINT)page, dict);
}

/*
 * Consecutive page numbers form one decimal range; a page without a
 * label (the cover) gets a range without numbering, any other label a
 * range of its own with the label as prefix.
 */
static void
pdf_page_labels(struct pdf_dev *d)
{
	const struct layout	*l = d->layout;
	const char		*label;
	enum { RUN_NONE, RUN_BLANK, RUN_NUMBER } run = RUN_NONE;
	int			 num, prev = 0;
	size_t			 i;

	for (i = 0; i < l->npages && l->pages[i].label == NULL; i++)
		continue;
	if (i == l->npages)
		return;
	for (i = 0; i < l->npages; i++) {
		label = l->pages[i].label;
		if ((num = label_number(label)) > 0) {
			if (run != RUN_NUMBER || num != prev + 1)
				HPDF_AddPageLabel(d->pdf, (HPDF_UINT)i,
				    HPDF_PAGE_NUM_STYLE_DECIMAL, num, NULL);
			run = RUN_NUMBER;
			prev = num;
		} else if (label != NULL || run != RUN_BLANK) {
			label_range_text(d, i, label);
			run = label == NULL ? RUN_BLANK : RUN_NONE;
		}
	}
}

/* --- the device --- */

static int
pdf_check(struct pdf_dev *d, const struct srcpos *pos, const char *doing)
{
	if (fonts_pdf_check(d->fonts, pos, doing) == -1)
		d->failed = 1;
	return d->failed ? -1 : 0;
}

static void
pdf_check_item(struct pdf_dev *d, const struct item *it)
{
	char	 doing[64];

	if (HPDF_GetError(d->pdf) == HPDF_OK)
		return;
	snprintf(doing, sizeof(doing), "page %d: drawing a %s item",
	    d->page_no, item_kind_names[it->kind]);
	pdf_check(d, &it->pos, doing);
}

/* All pages first, so links and the outline can point forward. */
static int
pdf_begin(void *ctx, const struct layout *l)
{
	struct pdf_dev	*d = ctx;
	size_t		 i;

	assert(HPDF_GetCurrentPage(d->pdf) == NULL);	/* once per set */
	d->layout = l;
	if (l->npages == 0) {
		diag_error(NULL, "the layout has no pages: there is nothing "
		    "to write to %s", d->out_path);
		d->failed = 1;
		return -1;
	}
	d->pages = xcalloc(l->npages, sizeof(*d->pages));
	for (i = 0; i < l->npages; i++) {
		if ((d->pages[i] = HPDF_AddPage(d->pdf)) == NULL)
			break;
		HPDF_Page_SetWidth(d->pages[i], (HPDF_REAL)l->width);
		HPDF_Page_SetHeight(d->pages[i], (HPDF_REAL)l->height);
	}
	d->npages = i;
	pdf_print_pages(d);
	if (pdf_check(d, NULL, "creating the pages") == -1)
		return -1;
	if (pdf_contents_begin(d) == -1) {
		d->failed = 1;
		return -1;
	}
	dests_collect(d);
	if (pdf_meta_begin(d) == -1) {
		d->failed = 1;
		return -1;
	}
	pdf_page_labels(d);
	pdf_outline(d);
	pdf_tags_begin(d);
	return pdf_check(d, NULL, "writing the outline, labels and tags");
}

static void
pdf_begin_page(void *ctx, const struct page *p)
{
	struct pdf_dev	*d = ctx;

	assert(p->index >= 0 && (size_t)p->index < d->npages);
	d->page = d->pages[p->index];
	d->page_no = p->index + 1;
	d->text_open = 0;
	pdf_state_forget(d);
	pdf_contents_take(d);
}

char *
pdf_put_fixed(char *p, long v, long unit)
{
	char	digits[PDF_NUMBER_MAX];
	long	whole = labs(v) / unit, frac = labs(v) % unit, place;
	int	n = 0;

	if (v < 0)
		*p++ = '-';
	if (whole != 0 || frac == 0)
		do
			digits[n++] = (char)('0' + whole % 10);
		while ((whole /= 10) > 0);
	while (n > 0)
		*p++ = digits[--n];
	if (frac != 0)
		*p++ = '.';
	for (place = unit / 10; frac != 0; place /= 10) {
		*p++ = (char)('0' + frac / place);
		frac %= place;
	}
	return p;
}

/* One byte of a glyph code in a literal string, escaped where needed. */
static char *
put_code_byte(char *p, unsigned char c)
{
	if (c == '\\' || c == '(' || c == ')')
		*p++ = '\\';
	else if (c == '\r' || c == '\n') {
		*p++ = '\\';
		c = c == '\r' ? 'r' : 'n';
	}
	*p++ = (char)c;
	return p;
}

/*
 * The TJ array of a run: literal strings of two-byte codes (the Unicode
 * BMP value, as libharu's Identity-H fonts expect; half the bytes of
 * hex), and after each glyph the extra space in TJ units (1/1000 of the
 * text size, negative to widen): word for each U+0020, letter after
 * every glyph but the last, and the pair kerning kern[i] [1/1000 em]
 * after glyph i (kern may be NULL), all in one number.  libharu draws
 * code points beyond U+FFFF as spaces: so do we.  word_end adds a space
 * after the last glyph of a line that breaks between words: it draws
 * nothing there, and keeps the words apart in extracted text.  Binary:
 * b->len counts.
 */
static void
tj_build(struct strbuf *b, const char *s, double word, double letter,
    const short *kern, int word_end)
{
	size_t			 len = strlen(s), n;
	uint32_t		 cp, code;
	long			 word_milli = lround(word * 1000.0);
	long			 letter_milli = lround(letter * 1000.0), adj;
	size_t			 glyph = 0;
	int			 open = 0;
	char			*p;

	if (b->cap < (len + 1) * TJ_GLYPH_MAX + TJ_EXTRA) {
		b->cap = (len + 1) * TJ_GLYPH_MAX + TJ_EXTRA;
		b->data = xrealloc(b->data, b->cap);
	}
	p = b->data;
	*p++ = '[';
	for (; len > 0; s += n, len -= n) {
		if ((n = utf8_decode(s, len, &cp)) == 0) {
			n = 1;		/* an invalid byte draws nothing */
			continue;
		}
		code = cp > BMP_LAST ? ' ' : cp;
		if (!open)
			*p++ = '(';
		p = put_code_byte(p, (unsigned char)(code >> 8));
		p = put_code_byte(p, (unsigned char)(code & 0xff));
		open = 1;
		adj = (cp == ' ' ? word_milli : 0) + (len > n ? letter_milli : 0);
		if (kern != NULL)
			adj -= kern[glyph] * 1000L;
		glyph++;
		if (adj != 0) {
			*p++ = ')';
			p = pdf_put_fixed(p, adj, PDF_MILLI);
			open = 0;
		}
	}
	if (word_end) {		/* a space after the line's last glyph */
		if (!open)
			*p++ = '(';
		p = put_code_byte(p, 0);
		p = put_code_byte(p, ' ');
		open = 1;
	}
	if (open)
		*p++ = ')';
	memcpy(p, "] TJ\n", sizeof("] TJ\n"));
	b->len = (size_t)(p - b->data) + sizeof("] TJ\n") - 1;
}

static HPDF_Stream
page_stream(const struct pdf_dev *d)
{
	return ((HPDF_PageAttr)d->page->attr)->stream;
}

/* A length in PDF_POS_UNIT: libharu's own, single floats to five
 * decimals (so text extraction finds what it always found). */
long
pdf_pos_units(double v)
{
	return lround((double)(HPDF_REAL)v * PDF_POS_UNIT);
}

void
pdf_put_op(struct pdf_dev *d, const long *v, int n, long unit,
    const char *op)
{
	char	 line[OP_NUMBERS_MAX * PDF_NUMBER_MAX + 8], *p = line;
	int	 i;

	assert(n <= OP_NUMBERS_MAX && strlen(op) < 7);
	for (i = 0; i < n; i++) {
		p = pdf_put_fixed(p, v[i], unit);
		*p++ = ' ';
	}
	p = stpcpy(p, op);
	*p++ = '\n';
	HPDF_Stream_Write(page_stream(d), (const HPDF_BYTE *)line,
	    (HPDF_UINT)(p - line));
}

void
pdf_path_op(struct pdf_dev *d, const double *v, int n, const char *op)
{
	long	 units[OP_NUMBERS_MAX] = { 0 };
	int	 i;

	assert(n <= OP_NUMBERS_MAX);
	for (i = 0; i < n; i++)
		units[i] = pdf_pos_units(v[i]);
	pdf_put_op(d, units, n, PDF_POS_UNIT, op);
}

void
pdf_text_end(struct pdf_dev *d)
{
	if (d->text_open)
		HPDF_Stream_Write(page_stream(d), (const HPDF_BYTE *)"ET\n", 3);
	d->text_open = 0;
}

void
pdf_state_forget(struct pdf_dev *d)
{
	d->font = NULL;
	d->paint_set = 0;
}

/*
 * "/F1 9.5 Tf", the font added to the page's resources (libharu names
 * it): what HPDF_Page_SetFontAndSize writes, without its 512-byte
 * memset a byte at a time for each call (libharu's text state is never
 * read here).
 */
static void
set_font(struct pdf_dev *d, HPDF_Font font, double size)
{
	const char	*name = HPDF_Page_GetLocalFontName(d->page, font);
	char		 line[PDF_NAME_MAX + PDF_NUMBER_MAX + 8], *p = line;

	if (name == NULL || strlen(name) > PDF_NAME_MAX) {
		HPDF_RaiseError(&d->pdf->error, HPDF_PAGE_INVALID_FONT, 0);
		return;
	}
	*p++ = '/';
	p = stpcpy(p, name);
	*p++ = ' ';
	p = pdf_put_fixed(p, pdf_pos_units(size), PDF_POS_UNIT);
	p = stpcpy(p, " Tf\n");
	HPDF_Stream_Write(page_stream(d), (const HPDF_BYTE *)line,
	    (HPDF_UINT)(p - line));
}

/*
 * Font, size, colour and position of a run: consecutive runs share a
 * text object (Td moves from the line start before), and what is set
 * already is not set again.
 */
static void
text_place(struct pdf_dev *d, const struct item *it)
{
	HPDF_Font	 font = fonts_pdf_font(d->fonts, it->u.glyphs.face);
	long		 at[2] = { pdf_pos_units(it->x), pdf_pos_units(it->y) };
	long		 move[2];

	if (!d->text_open) {
		HPDF_Stream_Write(page_stream(d), (const HPDF_BYTE *)"BT\n",
		    3);
		d->text_open = 1;
		d->text_x = d->text_y = 0;
	}
	if (font != d->font || it->u.glyphs.size != d->font_size) {
		set_font(d, font, it->u.glyphs.size);
		d->font = font;
		d->font_size = it->u.glyphs.size;
	}
	pdf_color(d, it->u.glyphs.color, PAINT_FILL);
	move[0] = at[0] - d->text_x;
	move[1] = at[1] - d->text_y;
	pdf_put_op(d, move, 2, PDF_POS_UNIT, "Td");
	d->text_x = at[0];
	d->text_y = at[1];
}

/* A run's kerning, one per glyph (in d's scratch), or NULL: none. */
static const short *
run_kern(struct pdf_dev *d, const struct item *it)
{
	size_t	n = strlen(it->u.glyphs.text);	/* glyphs at most */

	if (it->u.glyphs.kern == NULL)
		return NULL;
	if (d->kern_cap < n) {
		d->kern_cap = n;
		d->kern = xrealloc(d->kern, n * sizeof(*d->kern));
	}
	layout_kern_expand(it->u.glyphs.kern, it->u.glyphs.nkern, d->kern, n);
	return d->kern;
}

static void
pdf_glyphs(void *ctx, const struct item *it)
{
	struct pdf_dev	*d = ctx;
	const char	*text = it->u.glyphs.text;
	double		 size = it->u.glyphs.size;

	if (text == NULL || *text == '\0' || size <= 0.0)
		return;
	pdf_tags_mark(d, it);
	/* typeset measured every glyph of the text, which marked it for the
	 * font subset; the space after a line's end it did not measure */
	if (it->u.glyphs.word_end)
		(void)fonts_width(d->fonts, it->u.glyphs.face, " ", 1, size);
	tj_build(&d->tj, text, -it->u.glyphs.word_space * TJ_UNITS / size,
	    -it->u.glyphs.letter_space * TJ_UNITS / size, run_kern(d, it),
	    it->u.glyphs.word_end);
	text_place(d, it);
	HPDF_Stream_Write(page_stream(d), (const HPDF_BYTE *)d->tj.data,
	    (HPDF_UINT)d->tj.len);
	pdf_check_item(d, it);
}

static void
pdf_rule(void *ctx, const struct item *it)
{
	struct pdf_dev		*d = ctx;
	const struct color	*c = it->u.rule.color;
	const double		 from[2] = { it->x, it->y };
	const double		 to[2] = { it->x + it->w, it->y + it->h };

	pdf_tags_mark(d, it);
	pdf_text_end(d);
	pdf_path_op(d, &it->u.rule.thickness, 1, "w");
	pdf_color(d, c, PAINT_STROKE);
	pdf_path_op(d, from, 2, "m");
	pdf_path_op(d, to, 2, "l");
	pdf_path_op(d, NULL, 0, "S");
	pdf_check_item(d, it);
}

static void
pdf_rect(void *ctx, const struct item *it)
{
	struct pdf_dev		*d = ctx;
	const struct color	*c = it->u.rect.color;

	pdf_tags_mark(d, it);
	pdf_text_end(d);
	pdf_color(d, c, PAINT_FILL);
	pdf_print_rect(d, it);
	pdf_path_op(d, NULL, 0, "f");
	pdf_check_item(d, it);
}

static void
pdf_image(void *ctx, const struct item *it)
{
	struct pdf_dev	*d = ctx;
	HPDF_Image	 image;

	if ((image = image_get(d, it->u.image.path, &it->pos)) == NULL) {
		pdf_check_item(d, it);
		d->failed = 1;
		return;
	}
	pdf_tags_mark(d, it);
	pdf_text_end(d);
	pdf_print_image(d, image, it);
	pdf_check_item(d, it);
}

/* One segment of a path, its points offset by the item's position. */
static void
pdf_segment(struct pdf_dev *d, const struct item *it,
    const struct path_seg *s)
{
	static const char *const ops[PATH__MAX] = {
		"m",	/* PATH_MOVE */
		"l",	/* PATH_LINE */
		"c",	/* PATH_CURVE */
		"h",	/* PATH_CLOSE */
	};
	static const int	 points[PATH__MAX] = { 1, 1, 3, 0 };
	double			 v[6];
	int			 k;

	assert(s->op < PATH__MAX);
	for (k = 0; k < points[s->op]; k++) {
		v[2 * k] = it->x + s->pt[k].x;
		v[2 * k + 1] = it->y + s->pt[k].y;
	}
	pdf_path_op(d, v, 2 * points[s->op], ops[s->op]);
}

/* Colour and width first: PDF allows no state change inside a path. */
static void
pdf_path(void *ctx, const struct item *it)
{
	struct pdf_dev		*d = ctx;
	const struct color	*c = it->u.path.color;
	size_t			 i;

	if (it->u.path.nsegs == 0)
		return;
	pdf_tags_mark(d, it);
	pdf_text_end(d);
	if (it->u.path.paint == PAINT_STROKE)
		pdf_path_op(d, &it->u.path.width, 1, "w");
	pdf_color(d, c, it->u.path.paint);
	for (i = 0; i < it->u.path.nsegs; i++)
		pdf_segment(d, it, &it->u.path.segs[i]);
	pdf_path_op(d, NULL, 0, it->u.path.paint == PAINT_FILL ? "f" : "S");
	pdf_check_item(d, it);
}

/* Readers want ASCII URIs: percent-encode the rest, spaces included. */
static char *
uri_encode(const char *uri)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct strbuf		 b = { NULL, 0, 0 };
	const unsigned char	*p;
	char			 esc[3];

	strbuf_puts(&b, "");
	for (p = (const unsigned char *)uri; *p != '\0'; p++) {
		if (*p > 0x20 && *p < 0x7f) {
			strbuf_putc(&b, (char)*p);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[*p >> 4];
		esc[2] = hex[*p & 0xf];
		strbuf_append(&b, esc, sizeof(esc));
	}
	return b.data;
}

/* A link annotation over the item (pdf_annots.c writes it). */
static void
pdf_link(void *ctx, const struct item *it)
{
	struct pdf_dev		*d = ctx;
	struct pdf_link		 ln = { 0, { it->x, it->y, it->x + it->w,
				    it->y + it->h }, NULL, 0, -1, NULL };
	HPDF_Destination	 dst = NULL;
	char			*uri = NULL;

	if (it->u.link.uri != NULL)
		ln.uri = uri = uri_encode(it->u.link.uri);
	else if ((dst = dest_make(d, it->u.link.dest, &it->pos)) != NULL)
		ln.dest = pdf_obj_num(dst);
	if ((uri != NULL || dst != NULL) && (ln.num = pdf_annot_place(d))) {
		pdf_tags_link(d, it, &ln);
		pdf_annot_link(d, &ln);
	}
	free(uri);
	pdf_check_item(d, it);
}

static void
pdf_end_page(void *ctx, const struct page *p)
{
	struct pdf_dev	*d = ctx;
	char		 doing[32];

	pdf_text_end(d);
	pdf_tags_end_page(d);
	pdf_contents_page(d);
	snprintf(doing, sizeof(doing), "page %d", p->index + 1);
	pdf_check(d, NULL, doing);
}

/* --- writing the file --- */

/* "out/report.pdf" -> "out/.report.pdf.XXXXXX" */
static char *
temp_path(const char *path)
{
	const char	*slash = strrchr(path, '/');
	int		 dirlen = slash ? (int)(slash - path + 1) : 0;

	return xasprintf("%.*s.%s.XXXXXX", dirlen, path, path + dirlen);
}

static int
write_all(int fd, const unsigned char *buf, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, buf, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * libharu's file, in the temporary file tmp (open as fd), with our
 * objects (d->ours) packed by pdf_pack.c, or, when PACK_ENV is set (to
 * compare with or inspect libharu's own output), appended unpacked;
 * ours are numbered after libharu's last object, known only now.
 * libharu writes the file itself and its objects are freed before the
 * file is read back: neither its copy in memory nor its objects meet
 * ours, where memory peaked.  0; -1 with errno set; -2 when libharu
 * failed (reported).  libharu's output always packs: a build with
 * NDEBUG would leave it unpacked (and without the structure tree)
 * rather than abort.
 */
static int
pdf_fill(struct pdf_dev *d, const struct srcpos *pos, int fd,
    const char *tmp)
{
	const char	*env = getenv(PACK_ENV);
	unsigned char	*raw, *packed;
	size_t		 len, first;
	int		 rc;

	HPDF_SaveToFile(d->pdf, tmp);
	if (pdf_check(d, pos, "writing the PDF") == -1)
		return -2;
	first = d->pdf->xref->start_offset + d->pdf->xref->entries->count;
	HPDF_FreeDoc(d->pdf);	/* fonts_free frees the rest */
	heap_trim();		/* before the file's two copies */
	if ((raw = (unsigned char *)file_read(tmp, &len)) == NULL)
		return -1;
	raw = xrealloc(raw, len + pdf_objs_place(&d->ours, first, NULL) + 1);
	pdf_objs_place(&d->ours, first, (char *)raw + len);
	strbuf_free(&d->ours.text);
	rc = pdf_pack_ours(raw, len, &d->ours, env != NULL && *env != '\0',
	    &packed, &len);
	free(raw);
	assert(rc == 0);
	if (rc == -1)
		return 0;
	if (lseek(fd, 0, SEEK_SET) == -1 || ftruncate(fd, 0) == -1)
		rc = -1;
	else
		rc = write_all(fd, packed, len);
	free(packed);
	return rc;
}

/* The file appears complete or not at all. */
static int
pdf_save(struct pdf_dev *d)
{
	struct srcpos	 pos = { d->out_path, 0 };
	char		*tmp;
	mode_t		 mask = umask(0);
	int		 fd, rc;

	umask(mask);
	tmp = temp_path(d->out_path);
	if ((fd = mkstemp(tmp)) == -1) {
		diag_error(&pos, "cannot create a temporary file beside it: "
		    "%s: check that the folder exists and is writable",
		    strerror(errno));
		free(tmp);
		return -1;
	}
	(void)fchmod(fd, 0666 & ~mask);		/* as if created plainly */
	rc = pdf_fill(d, &pos, fd, tmp);
	if (rc == 0 && fsync(fd) == -1)
		rc = -1;
	if (close(fd) == -1 && rc == 0)
		rc = -1;
	if (rc == 0 && rename(tmp, d->out_path) == -1)
		rc = -1;
	if (rc == -1)
		diag_error(&pos, "cannot write the PDF: %s: check the "
		    "free disk space and the folder's permissions",
		    strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc == 0 ? 0 : -1;
}

/*
 * Once the structure tree is our text (d->ours) and the metadata in
 * libharu's objects, what only drawing needed: the structure's, the
 * destinations found, and the layout when the device was given it to
 * free (render_pdf_free).  Writing the contents and saving, where memory
 * peaks, need none of them.
 */
static void
pdf_release(struct pdf_dev *d)
{
	pdf_tags_free(d);
	free(d->dests);
	d->dests = NULL;
	d->ndests = 0;
	d->layout = NULL;
	layout_free(d->owned);
	d->owned = NULL;
}

/*
 * pdf_end_page, then the page's items go when the layout is the
 * device's to free: once drawn, nothing reads them again (destinations
 * were collected and the /ID computed at pdf_begin); after the last
 * page, the runs' text and kerning too.
 */
static void
pdf_end_page_drop(void *ctx, const struct page *p)
{
	struct pdf_dev	*d = ctx;

	pdf_end_page(ctx, p);
	if (d->owned == NULL)
		return;
	layout_drop_items(d->owned, (size_t)p->index);
	if ((size_t)p->index + 1 == d->owned->npages)
		layout_drop_runs(d->owned);
}

static int
pdf_end(void *ctx)
{
	struct pdf_dev	*d = ctx;

	if (d->failed)
		return -1;
	pdf_tags_end(d);
	pdf_meta_end(d);
	pdf_release(d);
	if (pdf_contents_end(d) == -1)
		return -1;
	return pdf_save(d);
}

int
render_pdf(const struct layout *l, struct fonts *fonts, const char *out_path)
{
	return render_pdf_opts(l, fonts, out_path, NULL);
}

int
render_pdf_opts(const struct layout *l, struct fonts *fonts,
    const char *out_path, const struct pdf_options *opt)
{
	return pdf_write(l, NULL, fonts, out_path, opt);
}

int
render_pdf_free(struct layout *l, struct fonts *fonts, const char *out_path,
    const struct pdf_options *opt)
{
	return pdf_write(l, l, fonts, out_path, opt);
}

/* render_pdf_opts, freeing owned (l or NULL) once drawn. */
static int
pdf_write(const struct layout *l, struct layout *owned, struct fonts *fonts,
    const char *out_path, const struct pdf_options *opt)
{
	static const struct pdf_options screen;
	struct pdf_dev	 d;
	struct device	 dev = {
		.ctx = &d,
		.begin = pdf_begin,
		.begin_page = pdf_begin_page,
		.item = {
			[ITEM_GLYPHS] = pdf_glyphs,
			[ITEM_RULE] = pdf_rule,
			[ITEM_RECT] = pdf_rect,
			[ITEM_IMAGE] = pdf_image,
			[ITEM_LINK] = pdf_link,
			[ITEM_DEST] = NULL,	/* collected by pdf_begin */
			[ITEM_PATH] = pdf_path,
		},
		.end_page = pdf_end_page_drop,
		.end = pdf_end,
	};
	size_t		 i;
	int		 rc;

	memset(&d, 0, sizeof(d));
	d.fonts = fonts;
	d.pdf = fonts_pdf_doc(fonts);
	d.out_path = out_path;
	d.opt = opt != NULL ? opt : &screen;
	d.owned = owned;
	rc = render(l, &dev);
	layout_free(d.owned);		/* not freed when drawing failed */
	for (i = 0; i < d.nimages; i++)
		free(d.images[i].path);
	free(d.images);
	pdf_tags_free(&d);
	pdf_annots_free(&d);
	pdf_objs_free(&d.ours);
	pdf_contents_free(&d);
	free(d.pages);
	free(d.dests);
	strbuf_free(&d.tj);
	free(d.kern);
	return rc;
}
