/*
 * pdf_annots: link annotations, written as our own text rather than as
 * libharu's objects.  A libharu annotation is a dictionary of 136-byte
 * entries, 140-byte names and arrays of number objects: at 2,300 entries
 * (6,000 links) they took 15 MB and, made, written and freed, about
 * 60 ms.
 *
 * Each annotation keeps a placeholder in libharu's document, an empty
 * dictionary in its page's /Annots, so that it has a number from the
 * start (the structure tree's OBJR and the page refer to it as they
 * did); its value is kept as text while the pages are drawn, and at the
 * end it joins d->ours to replace the placeholder's (pdf_pack.c).
 *
 * This module must never draw, nor decide what an item links to.
 */
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "pdf_int.h"
#include "util.h"

#define ANNOT_PRINT	4	/* /F: the annotation prints (PDF/A) */

struct pdf_annots {
	struct strbuf	 text;		/* the values, one after another */
	struct annot	*v;
	size_t		 n, cap;
};

/* Where an annotation's value ends in the text, and whose it is. */
struct annot {
	size_t		 end;
	size_t		 num;		/* its placeholder */
};

/* " v" for each of the n lengths [pt] of v, as libharu writes them. */
static void
lengths_put(struct strbuf *b, const double *v, int n)
{
	char	num[PDF_NUMBER_MAX], *p;
	int	i;

	for (i = 0; i < n; i++) {
		num[0] = ' ';
		p = pdf_put_fixed(num + 1, pdf_pos_units(v[i]), PDF_POS_UNIT);
		strbuf_append(b, num, (size_t)(p - num));
	}
}

size_t
pdf_annot_place(struct pdf_dev *d)
{
	HPDF_Dict	 ph = HPDF_Dict_New(d->pdf->mmgr);
	HPDF_Array	 annots;

	if (ph == NULL || HPDF_Xref_Add(d->pdf->xref, ph) != HPDF_OK)
		return 0;		/* pdf_check says why */
	annots = HPDF_Dict_GetItem(d->page, "Annots", HPDF_OCLASS_ARRAY);
	if (annots == NULL && ((annots = HPDF_Array_New(d->pdf->mmgr)) ==
	    NULL || HPDF_Dict_Add(d->page, "Annots", annots) != HPDF_OK))
		return 0;
	if (HPDF_Array_Add(annots, ph) != HPDF_OK)
		return 0;
	return pdf_obj_num(ph);
}

void
pdf_annot_link(struct pdf_dev *d, const struct pdf_link *ln)
{
	struct pdf_annots	*a;
	struct strbuf		*b;

	if (ln->num == 0)
		return;
	if (d->annots == NULL)
		d->annots = xcalloc(1, sizeof(*d->annots));
	a = d->annots;
	b = &a->text;
	strbuf_puts(b, "<</Rect[");
	lengths_put(b, ln->rect, 4);
	strbuf_puts(b, "]/Type/Annot/Subtype/Link");
	if (ln->uri != NULL) {
		strbuf_puts(b, "/A<</Type/Action/S/URI/URI");
		pdf_text_put(b, ln->uri);
		strbuf_puts(b, ">>");
	} else
		pdf_ref_put(b, "/Dest ", ln->dest);
	pdf_ref_put(b, "/P ", pdf_obj_num(d->page));
	strbuf_puts(b, "/Border[0 0 0]/F ");
	pdf_num_put(b, ANNOT_PRINT);
	if (ln->parent >= 0) {
		strbuf_puts(b, "/StructParent ");
		pdf_num_put(b, ln->parent);
	}
	if (ln->alt != NULL) {
		strbuf_puts(b, "/Contents");
		pdf_text_put(b, ln->alt);
	}
	strbuf_puts(b, ">>");
	a->v = xgrow(a->v, a->n, &a->cap, sizeof(*a->v));
	a->v[a->n++] = (struct annot){ b->len, ln->num };
}

void
pdf_annots_end(struct pdf_dev *d)
{
	struct pdf_annots	*a = d->annots;
	size_t			 i, from = 0;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; from = a->v[i++].end) {
		strbuf_append(&d->ours.text, a->text.data + from,
		    a->v[i].end - from);
		pdf_objs_end(&d->ours, a->v[i].num);
	}
	strbuf_free(&a->text);
}

void
pdf_annots_free(struct pdf_dev *d)
{
	if (d->annots == NULL)
		return;
	strbuf_free(&d->annots->text);
	free(d->annots->v);
	free(d->annots);
	d->annots = NULL;
}
