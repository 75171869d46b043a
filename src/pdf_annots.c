/*
 * pdf_annots: link annotations, written as our own objects (d->ours)
 * rather than libharu's.  A libharu annotation is a dictionary of 136-byte
 * entries with names of 140 bytes each: at 2,300 entries (6,000 links)
 * they took 15 MB and, with writing and freeing them, about 60 ms.
 *
 * While a page is drawn its annotations' values are kept as text; when
 * it ends, a page that has any gets an /Annots placeholder (an empty
 * libharu array) whose value pdf_pack.c replaces with the references to
 * ours.  At the end the values join d->ours, annotation i as our object
 * first + i (pdf_tags.c numbers our objects and says first).
 *
 * This module must never draw, nor decide what an item links to.
 */
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "pdf_int.h"
#include "util.h"

/* A page's annotations and the placeholder of its /Annots. */
struct annot_page {
	size_t		 placeholder;	/* libharu's object number */
	size_t		 first, n;	/* annotations [first, first + n) */
};

struct pdf_annots {
	struct strbuf	 text;		/* the values, one after another */
	size_t		*end;		/* where value i ends in text */
	size_t		 n, cap;
	size_t		 page_first;	/* the first of the page drawn */
	struct annot_page *pages;
	size_t		 npages, cap_pages;
};

static struct pdf_annots *
annots_of(struct pdf_dev *d)
{
	if (d->annots == NULL)
		d->annots = xcalloc(1, sizeof(*d->annots));
	return d->annots;
}

size_t
pdf_annots_count(const struct pdf_dev *d)
{
	return d->annots != NULL ? d->annots->n : 0;
}

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

/* " v", a whole number. */
static void
num_put(struct strbuf *b, long v)
{
	char	digits[PDF_NUMBER_MAX], *p;

	digits[0] = ' ';
	p = pdf_put_fixed(digits + 1, v, 1);
	strbuf_append(b, digits, (size_t)(p - digits));
}

/* " N 0 R" for libharu's object num. */
static void
ref_put(struct strbuf *b, size_t num)
{
	num_put(b, (long)num);
	strbuf_puts(b, " 0 R");
}

void
pdf_annot_link(struct pdf_dev *d, const struct pdf_link *ln)
{
	struct pdf_annots	*a = annots_of(d);
	struct strbuf		*b = &a->text;

	strbuf_puts(b, "<</Type/Annot/Subtype/Link/Rect[");
	lengths_put(b, ln->rect, 4);
	strbuf_puts(b, " ]/P");
	ref_put(b, pdf_obj_num(d->page));
	strbuf_puts(b, "/Border[0 0 0]/F 4");	/* F 4: it prints (PDF/A) */
	if (ln->uri != NULL) {
		strbuf_puts(b, "/A<</Type/Action/S/URI/URI");
		pdf_text_put(b, ln->uri);
		strbuf_puts(b, ">>");
	} else {
		strbuf_puts(b, "/Dest");
		ref_put(b, ln->dest);
	}
	if (ln->parent >= 0) {
		strbuf_puts(b, "/StructParent");
		num_put(b, ln->parent);
	}
	if (ln->alt != NULL) {
		strbuf_puts(b, "/Contents");
		pdf_text_put(b, ln->alt);
	}
	strbuf_puts(b, ">>");
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 64;
		a->end = xrealloc(a->end, a->cap * sizeof(*a->end));
	}
	a->end[a->n++] = b->len;
}

void
pdf_annots_end_page(struct pdf_dev *d)
{
	struct pdf_annots	*a = d->annots;
	struct annot_page	*pg;
	HPDF_Array		 arr;

	if (a == NULL || a->n == a->page_first)
		return;
	arr = HPDF_Array_New(d->pdf->mmgr);
	if (arr == NULL || HPDF_Xref_Add(d->pdf->xref, arr) != HPDF_OK ||
	    HPDF_Dict_Add(d->page, "Annots", arr) != HPDF_OK)
		return;			/* pdf_check says it */
	if (a->npages == a->cap_pages) {
		a->cap_pages = a->cap_pages ? 2 * a->cap_pages : 64;
		a->pages = xrealloc(a->pages,
		    a->cap_pages * sizeof(*a->pages));
	}
	pg = &a->pages[a->npages++];
	*pg = (struct annot_page){ pdf_obj_num(arr), a->page_first,
	    a->n - a->page_first };
	a->page_first = a->n;
}

void
pdf_annots_end(struct pdf_dev *d, size_t first)
{
	struct pdf_annots	*a = d->annots;
	struct strbuf		*b = &d->ours.text;
	size_t			 i, k, from = 0;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; from = a->end[i++]) {
		strbuf_append(b, a->text.data + from, a->end[i] - from);
		pdf_objs_end(&d->ours, PDF_OBJS_OWN + first + i);
	}
	for (i = 0; i < a->npages; i++) {
		strbuf_putc(b, '[');
		for (k = 0; k < a->pages[i].n; k++) {
			strbuf_putc(b, ' ');
			pdf_objs_ref(b, first + a->pages[i].first + k);
		}
		strbuf_puts(b, " ]");
		pdf_objs_end(&d->ours, a->pages[i].placeholder);
	}
	strbuf_free(&a->text);
}

void
pdf_annots_free(struct pdf_dev *d)
{
	if (d->annots == NULL)
		return;
	strbuf_free(&d->annots->text);
	free(d->annots->end);
	free(d->annots->pages);
	free(d->annots);
	d->annots = NULL;
}
