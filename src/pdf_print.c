/*
 * pdf_print: what a print build adds to the PDF device.  The trim is the
 * layout's page; the BleedBox lies the style's bleed outside it and the
 * MediaBox further out, with room for crop marks (so the page keeps its
 * coordinates: the boxes start below zero).  Rectangles and images that
 * reach an edge of the trim (the layout says which) run over it into
 * the bleed; crop marks are hairlines in the registration colour
 * (/Separation /All: every plate), drawn as artifacts; colours with a
 * CMYK value in the style are set as DeviceCMYK.  Images stay RGB.
 *
 * This module must never decide where anything goes: only how far an
 * edge item runs over the edge, and where the marks stand, which are
 * the style's bleed and fixed printing conventions.
 */
#include <assert.h>
#include <math.h>
#include <stddef.h>

#include <hpdf.h>

#include "pdf_int.h"

#define PT_PER_MM	(72.0 / 25.4)
#define MARK_GAP	(2.0 * PT_PER_MM)	/* [pt] bleed to crop mark */
#define MARK_LENGTH	(5.0 * PT_PER_MM)	/* [pt] of a crop mark */
#define MARK_SLUG	(1.0 * PT_PER_MM)	/* [pt] media beyond a mark */
#define MARK_WIDTH	0.25			/* [pt] crop mark line */
#define REG_NAME	"Reg"			/* the colour space resource */
#define CMYK_INKS	4
#define EXPONENTIAL_FUNCTION 2			/* PDF function type */

/* A box in page coordinates [pt]. */
struct box {
	double	 x0, y0, x1, y1;
};

static int
printing(const struct pdf_dev *d)
{
	return d->opt->print;
}

/* --- colours --- */

/* A colour component in thousandths, clamped to [0, 1]. */
static long
unit_milli(double v)
{
	return lround((v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v) * PDF_MILLI);
}

/* The operators by paint: RGB, CMYK. */
static const char *const rgb_ops[PAINT__MAX] = {
	"RG",		/* PAINT_STROKE */
	"rg",		/* PAINT_FILL */
};
static const char *const cmyk_ops[PAINT__MAX] = {
	"K",		/* PAINT_STROKE */
	"k",		/* PAINT_FILL */
};

static int
color_same(const struct color *a, const struct color *b)
{
	return a->r == b->r && a->g == b->g && a->b == b->b &&
	    a->cmyk == b->cmyk && (!a->cmyk || (a->c == b->c &&
	    a->m == b->m && a->y == b->y && a->k == b->k));
}

void
pdf_color(struct pdf_dev *d, const struct color *c, enum path_paint paint)
{
	long	 v[CMYK_INKS];

	assert(paint < PAINT__MAX);
	if ((d->paint_set & (1u << paint)) && color_same(&d->paint[paint], c))
		return;
	d->paint[paint] = *c;
	d->paint_set |= 1u << paint;
	if (printing(d) && c->cmyk) {
		v[0] = unit_milli(c->c);
		v[1] = unit_milli(c->m);
		v[2] = unit_milli(c->y);
		v[3] = unit_milli(c->k);
		pdf_put_op(d, v, CMYK_INKS, PDF_MILLI, cmyk_ops[paint]);
	} else {
		v[0] = unit_milli(c->r);
		v[1] = unit_milli(c->g);
		v[2] = unit_milli(c->b);
		pdf_put_op(d, v, 3, PDF_MILLI, rgb_ops[paint]);
	}
}

/* --- items into the bleed --- */

/* The item's box, run over the trim edges it reaches in print builds. */
static struct box
bleed_box(const struct pdf_dev *d, const struct item *it)
{
	struct box	 b = { it->x, it->y, it->x + it->w, it->y + it->h };
	unsigned	 edges;

	if (!printing(d))
		return b;
	edges = layout_bleed_edges(d->layout, it);
	if (edges & BLEED_LEFT)
		b.x0 -= d->opt->bleed;
	if (edges & BLEED_RIGHT)
		b.x1 += d->opt->bleed;
	if (edges & BLEED_BOTTOM)
		b.y0 -= d->opt->bleed;
	if (edges & BLEED_TOP)
		b.y1 += d->opt->bleed;
	return b;
}

void
pdf_print_rect(struct pdf_dev *d, const struct item *it)
{
	struct box	 b = bleed_box(d, it);
	const double	 v[4] = { b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0 };

	pdf_path_op(d, v, 4, "re");
}

/*
 * An image that runs into the bleed keeps its proportions: scaled to
 * cover the larger box, centred on it, clipped to it.
 */
void
pdf_print_image(struct pdf_dev *d, HPDF_Image image, const struct item *it)
{
	struct box	 b = bleed_box(d, it);
	double		 w = b.x1 - b.x0, h = b.y1 - b.y0, s;

	if (w == it->w && h == it->h) {
		HPDF_Page_DrawImage(d->page, image, (HPDF_REAL)it->x,
		    (HPDF_REAL)it->y, (HPDF_REAL)it->w, (HPDF_REAL)it->h);
		return;
	}
	s = fmax(w / it->w, h / it->h);
	HPDF_Page_GSave(d->page);
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)b.x0, (HPDF_REAL)b.y0,
	    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Clip(d->page);
	HPDF_Page_EndPath(d->page);
	HPDF_Page_DrawImage(d->page, image,
	    (HPDF_REAL)(b.x0 + (w - it->w * s) / 2),
	    (HPDF_REAL)(b.y0 + (h - it->h * s) / 2),
	    (HPDF_REAL)(it->w * s), (HPDF_REAL)(it->h * s));
	HPDF_Page_GRestore(d->page);
	pdf_state_forget(d);
}

/* --- boxes and marks --- */

static HPDF_Array
box_array(struct pdf_dev *d, struct box b)
{
	HPDF_Array	 a = HPDF_Array_New(d->pdf->mmgr);

	HPDF_Array_AddReal(a, (HPDF_REAL)b.x0);
	HPDF_Array_AddReal(a, (HPDF_REAL)b.y0);
	HPDF_Array_AddReal(a, (HPDF_REAL)b.x1);
	HPDF_Array_AddReal(a, (HPDF_REAL)b.y1);
	return a;
}

static struct box
grow(struct box b, double by)
{
	return (struct box){ b.x0 - by, b.y0 - by, b.x1 + by, b.y1 + by };
}

/*
 * [/Separation /All /DeviceCMYK f], f giving every ink the tint: the
 * registration colour, one shared indirect object.
 */
static HPDF_Array
registration(struct pdf_dev *d)
{
	HPDF_MMgr	 mm = d->pdf->mmgr;
	HPDF_Dict	 f;
	HPDF_Array	 domain, c0, c1;
	int		 i;

	if (d->registration != NULL)
		return d->registration;
	f = HPDF_Dict_New(mm);
	domain = HPDF_Array_New(mm);
	c0 = HPDF_Array_New(mm);
	c1 = HPDF_Array_New(mm);
	HPDF_Array_AddNumber(domain, 0);
	HPDF_Array_AddNumber(domain, 1);
	for (i = 0; i < CMYK_INKS; i++) {
		HPDF_Array_AddNumber(c0, 0);
		HPDF_Array_AddNumber(c1, 1);
	}
	HPDF_Dict_AddNumber(f, "FunctionType", EXPONENTIAL_FUNCTION);
	HPDF_Dict_Add(f, "Domain", domain);
	HPDF_Dict_Add(f, "C0", c0);
	HPDF_Dict_Add(f, "C1", c1);
	HPDF_Dict_AddNumber(f, "N", 1);
	d->registration = HPDF_Array_New(mm);
	HPDF_Xref_Add(d->pdf->xref, d->registration);
	HPDF_Array_AddName(d->registration, "Separation");
	HPDF_Array_AddName(d->registration, "All");
	HPDF_Array_AddName(d->registration, "DeviceCMYK");
	HPDF_Array_Add(d->registration, f);
	return d->registration;
}

/* The page's /ColorSpace resources get the registration colour. */
static void
add_registration(struct pdf_dev *d, HPDF_Page page)
{
	HPDF_Dict	 res = HPDF_Dict_GetItem(page, "Resources",
			    HPDF_OCLASS_DICT);
	HPDF_Dict	 cs;

	if (res == NULL)
		return;
	cs = HPDF_Dict_GetItem(res, "ColorSpace", HPDF_OCLASS_DICT);
	if (cs == NULL) {
		cs = HPDF_Dict_New(d->pdf->mmgr);
		HPDF_Dict_Add(res, "ColorSpace", cs);
	}
	HPDF_Dict_Add(cs, REG_NAME, registration(d));
}

static void
mark(HPDF_Page page, double x0, double y0, double x1, double y1)
{
	HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y0);
	HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y1);
}

/*
 * Two marks at each corner, in line with the trim edges, from MARK_GAP
 * outside the bleed outwards: nothing of them reaches the bleed.
 */
static void
crop_marks(struct pdf_dev *d, HPDF_Page page, struct box trim)
{
	HPDF_Stream	 s = ((HPDF_PageAttr)page->attr)->stream;
	double		 near = d->opt->bleed + MARK_GAP;
	double		 far = near + MARK_LENGTH;
	double		 xs[2] = { trim.x0, trim.x1 }, ys[2] = { trim.y0,
			    trim.y1 };
	int		 i, j, sx, sy;

	add_registration(d, page);
	HPDF_Page_GSave(page);
	HPDF_Stream_WriteStr(s, "/Artifact BMC\n/" REG_NAME " CS 1 SCN\n");
	HPDF_Page_SetLineWidth(page, MARK_WIDTH);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			sx = i == 0 ? -1 : 1;
			sy = j == 0 ? -1 : 1;
			mark(page, xs[i] + sx * near, ys[j], xs[i] + sx * far,
			    ys[j]);
			mark(page, xs[i], ys[j] + sy * near, xs[i],
			    ys[j] + sy * far);
		}
	HPDF_Page_Stroke(page);
	HPDF_Stream_WriteStr(s, "EMC\n");
	HPDF_Page_GRestore(page);
}

void
pdf_print_pages(struct pdf_dev *d)
{
	struct box	 trim = { 0, 0, d->layout->width, d->layout->height };
	struct box	 bleed = grow(trim, d->opt->bleed);
	struct box	 media = d->opt->marks ? grow(bleed, MARK_GAP +
			    MARK_LENGTH + MARK_SLUG) : bleed;
	size_t		 i;

	if (!printing(d))
		return;
	for (i = 0; i < d->npages; i++) {
		HPDF_Dict_Add(d->pages[i], "MediaBox", box_array(d, media));
		HPDF_Dict_Add(d->pages[i], "BleedBox", box_array(d, bleed));
		HPDF_Dict_Add(d->pages[i], "TrimBox", box_array(d, trim));
		if (d->opt->marks)
			crop_marks(d, d->pages[i], trim);
	}
}
