/*
 * pdf_tags: the tagged PDF, written from the layout's structure tree and
 * the node of every item.  Around what pdf_device.c draws it writes
 * marked content: "/P <</MCID 3>> BDC … EMC" for content (consecutive
 * items of one element share a sequence), typed artifacts for
 * decoration (/Layout) and page numbers (/Pagination /Footer).  An
 * element becomes a /StructElem when its first content is drawn (its
 * ancestors with it), so empty elements never appear.  Its /K lists its
 * MCIDs (an MCR where they lie on another page than its /Pg), the OBJR
 * of its link annotations and its child elements: in the order drawn
 * for an element that holds content of its own (a paragraph with its
 * links and notes), in the order of the report for one that only holds
 * elements (a section, a list item, the document).  Then the parent
 * tree (every page's MCIDs and every annotation to their element), the
 * /IDTree of the notes' IDs, and in the catalog /MarkInfo, /Lang,
 * /StructTreeRoot and /ViewerPreferences <</DisplayDocTitle true>>;
 * every page gets /StructParents and /Tabs /S, every link annotation
 * /StructParent and /Contents.
 *
 * This module must never draw anything itself nor decide what an item
 * is: typeset named every item's element.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "layout.h"
#include "pdf_int.h"
#include "util.h"

#define NUMS_PER_LEAF	1024	/* keys in one leaf of the parent tree */
#define MC_MAX		96	/* [bytes] the longest BDC line written */
#define ID_MAX		32	/* [bytes] "note-" and a size_t */
#define NBSP		0x00A0	/* no-break space */
#define PDFDOC_HIGH	0x80	/* PDFDocEncoding: first of its own */
#define PDFDOC_EURO	0xA0	/* its euro sign; Latin-1 above */
#define PDFDOC_UNDEFINED 0xAD	/* no character there */

enum kid_kind {
	KID_ELEM,	/* a child element: value is its node */
	KID_MCID,	/* marked content: value is the MCID on page */
	KID_OBJR	/* an annotation on page */
};

struct tag_kid {
	enum kid_kind	 kind;
	int		 value;
	size_t		 page;
	HPDF_Dict	 annot;		/* KID_OBJR */
};

/* One element of the layout's tree, as written. */
struct tag_elem {
	HPDF_Dict	 dict;		/* NULL: nothing drawn in it yet */
	struct tag_kid	*kids;
	size_t		 nkids, cap;
	int		 own;		/* holds content or annotations */
	size_t		 page;		/* its /Pg: of its first own kid */
};

/* The element of every MCID of a page, by MCID. */
struct tag_page {
	int		*node;
	size_t		 n, cap;
};

/* What the open marked-content sequence of the page is. */
enum mc_open {
	MC_NONE,
	MC_CONTENT,	/* of element open_node */
	MC_ARTIFACT,	/* decoration: a /Layout artifact */
	MC_PAGINATION	/* page numbers */
};

struct pdf_tags {
	struct tag_elem	*elems;		/* one per layout node */
	size_t		 nelems;
	struct tag_page	*pages;		/* one per page */
	int		*annots;		/* each link annotation's node */
	size_t		 nannots, annots_cap;
	enum mc_open	 open;
	int		 open_node;
	HPDF_Dict	 root;		/* the /StructTreeRoot */
	HPDF_Encoder	 utf8;
};

static void *
grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(v, *cap * size);
}

static HPDF_Stream
page_stream(struct pdf_dev *d)
{
	return ((HPDF_PageAttr)d->page->attr)->stream;
}

static size_t
page_index(const struct pdf_dev *d)
{
	assert(d->page_no >= 1 && (size_t)d->page_no <= d->npages);
	return (size_t)d->page_no - 1;
}

static void
kid_add(struct tag_elem *e, enum kid_kind kind, int value, size_t page,
    HPDF_Dict annot)
{
	e->kids = grow(e->kids, e->nkids, &e->cap, sizeof(*e->kids));
	e->kids[e->nkids++] = (struct tag_kid){ kind, value, page, annot };
	if (kind != KID_ELEM && !e->own) {
		e->own = 1;
		e->page = page;
	}
}

/* The PDFDocEncoding byte of code point cp, 0 if it has none. */
static unsigned char
pdfdoc_byte(uint32_t cp)
{
	/* 0x80 to 0x9E; 0xA0 is the euro, 0xA1 to 0xFF Latin-1 but 0xAD */
	static const uint16_t	 high[] = {
		0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192,
		0x2044, 0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C,
		0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02,
		0x0141, 0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142,
		0x0153, 0x0161, 0x017E,
	};
	size_t			 i;

	if ((cp >= 0x20 && cp < 0x7f) || (cp > PDFDOC_EURO && cp <= 0xFF &&
	    cp != PDFDOC_UNDEFINED))
		return (unsigned char)cp;
	if (cp == 0x20AC)
		return PDFDOC_EURO;
	for (i = 0; i < sizeof(high) / sizeof(high[0]); i++)
		if (high[i] == cp)
			return (unsigned char)(PDFDOC_HIGH + i);
	return 0;
}

/*
 * A text string (a no-break space as a space): PDFDocEncoding where
 * every character has a byte there (most German, English, Czech and
 * Polish text; ASCII at a quarter of UTF-16's size), else UTF-16BE.
 */
static HPDF_String
text_string(struct pdf_dev *d, const char *utf8)
{
	struct strbuf	 b = { NULL, 0, 0 };
	const char	*p = utf8;
	size_t		 len = strlen(utf8), n;
	uint32_t	 cp;
	unsigned char	 c;
	HPDF_String	 str;

	strbuf_puts(&b, "");
	for (; len > 0; p += n, len -= n) {
		if ((n = utf8_decode(p, len, &cp)) == 0 ||
		    (c = pdfdoc_byte(cp == NBSP ? ' ' : cp)) == 0)
			break;
		strbuf_putc(&b, (char)c);
	}
	str = HPDF_String_New(d->pdf->mmgr, len == 0 ? b.data : utf8,
	    len == 0 ? NULL : d->tags->utf8);
	strbuf_free(&b);
	return str;
}

/* --- elements --- */

/* /S, /Lang and /Alt; /Type is optional and left out (the file is
 * smaller). */
static HPDF_Dict
elem_dict(struct pdf_dev *d, const struct snode *n)
{
	HPDF_Dict	 dict = HPDF_Dict_New(d->pdf->mmgr);

	if (dict == NULL || HPDF_Xref_Add(d->pdf->xref, dict) != HPDF_OK)
		return NULL;
	HPDF_Dict_AddName(dict, "S", snode_type_names[n->type]);
	if (n->lang != NULL)
		HPDF_Dict_Add(dict, "Lang", text_string(d, n->lang));
	if (n->type == SN_FIGURE && n->alt != NULL)
		HPDF_Dict_Add(dict, "Alt", text_string(d, n->alt));
	return dict;
}

/*
 * The element of node, made (with its ancestors) the first time
 * something is drawn in it; NULL when libharu failed (it reported).
 */
static struct tag_elem *
elem_attach(struct pdf_dev *d, int node)
{
	struct pdf_tags		*t = d->tags;
	const struct snode	*n = &d->layout->nodes[node];
	struct tag_elem		*e = &t->elems[node], *parent;

	if (e->dict != NULL)
		return e;
	if (n->parent < 0)	/* the Document, which libharu failed */
		return NULL;
	if ((parent = elem_attach(d, n->parent)) == NULL)
		return NULL;
	if ((e->dict = elem_dict(d, n)) == NULL)
		return NULL;
	HPDF_Dict_Add(e->dict, "P", parent->dict);
	kid_add(parent, KID_ELEM, node, 0, NULL);
	return e;
}

/* --- marked content --- */

/* Text objects nest inside marked content: end the open one first. */
static void
mc_close(struct pdf_dev *d)
{
	pdf_text_end(d);
	if (d->tags->open != MC_NONE)
		HPDF_Stream_WriteStr(page_stream(d), "EMC\n");
	d->tags->open = MC_NONE;
}

/* A new MCID of the page for node; -1 when libharu failed. */
static int
mc_content(struct pdf_dev *d, int node)
{
	struct tag_page	*p = &d->tags->pages[page_index(d)];
	struct tag_elem	*e = elem_attach(d, node);
	char		 line[MC_MAX];
	int		 mcid = (int)p->n;

	if (e == NULL)
		return -1;
	p->node = grow(p->node, p->n, &p->cap, sizeof(*p->node));
	p->node[p->n++] = node;
	kid_add(e, KID_MCID, mcid, page_index(d), NULL);
	snprintf(line, sizeof(line), "/%s <</MCID %d>> BDC\n",
	    snode_type_names[d->layout->nodes[node].type], mcid);
	HPDF_Stream_WriteStr(page_stream(d), line);
	return mcid;
}

void
pdf_tags_mark(struct pdf_dev *d, const struct item *it)
{
	struct pdf_tags	*t = d->tags;
	enum mc_open	 want = it->node != LAYOUT_ARTIFACT ? MC_CONTENT :
			    it->role == IR_FOOTER ? MC_PAGINATION :
			    MC_ARTIFACT;

	if (t->open == want && (want != MC_CONTENT || t->open_node == it->node))
		return;
	mc_close(d);
	if (want == MC_PAGINATION)
		HPDF_Stream_WriteStr(page_stream(d), "/Artifact <</Type "
		    "/Pagination /Subtype /Footer>> BDC\n");
	else if (want == MC_ARTIFACT)
		HPDF_Stream_WriteStr(page_stream(d), "/Artifact <</Type "
		    "/Layout>> BDC\n");
	else if (mc_content(d, it->node) == -1)
		return;
	t->open = want;
	t->open_node = it->node;
}

void
pdf_tags_end_page(struct pdf_dev *d)
{
	mc_close(d);
}

/* --- links --- */

void
pdf_tags_link(struct pdf_dev *d, const struct item *it, HPDF_Annotation a)
{
	struct pdf_tags		*t = d->tags;
	const struct snode	*n = &d->layout->nodes[it->node];
	struct tag_elem		*e;

	if (it->node == LAYOUT_ARTIFACT || (e = elem_attach(d, it->node)) ==
	    NULL)
		return;
	kid_add(e, KID_OBJR, 0, page_index(d), a);
	t->annots = grow(t->annots, t->nannots, &t->annots_cap,
	    sizeof(*t->annots));
	t->annots[t->nannots] = it->node;
	HPDF_Dict_AddNumber(a, "StructParent",
	    (HPDF_INT32)(d->npages + t->nannots++));
	if (n->alt != NULL)
		HPDF_Dict_Add(a, "Contents", text_string(d, n->alt));
}

/* --- the tree, once everything is drawn --- */

static int
kid_cmp(const void *a, const void *b)
{
	const struct tag_kid	*x = a, *y = b;

	return (x->value > y->value) - (x->value < y->value);
}

static HPDF_Dict
kid_ref(struct pdf_dev *d, const char *type, size_t page)
{
	HPDF_Dict	 ref = HPDF_Dict_New(d->pdf->mmgr);

	if (ref != NULL) {
		HPDF_Dict_AddName(ref, "Type", type);
		HPDF_Dict_Add(ref, "Pg", d->pages[page]);
	}
	return ref;
}

static void
kid_write(struct pdf_dev *d, const struct tag_elem *e, HPDF_Array k,
    const struct tag_kid *kid)
{
	HPDF_Dict	 ref;

	if (kid->kind == KID_ELEM) {
		HPDF_Array_Add(k, d->tags->elems[kid->value].dict);
	} else if (kid->kind == KID_MCID && kid->page == e->page) {
		HPDF_Array_AddNumber(k, kid->value);
	} else if ((ref = kid_ref(d, kid->kind == KID_MCID ? "MCR" : "OBJR",
	    kid->page)) != NULL) {
		if (kid->kind == KID_MCID)
			HPDF_Dict_AddNumber(ref, "MCID", kid->value);
		else
			HPDF_Dict_Add(ref, "Obj", kid->annot);
		HPDF_Array_Add(k, ref);
	}
}

/* /K and /Pg of an element that holds something. */
static void
elem_finish(struct pdf_dev *d, struct tag_elem *e)
{
	HPDF_Array	 k = HPDF_Array_New(d->pdf->mmgr);
	size_t		 i;

	if (k == NULL)
		return;
	if (e->own)
		HPDF_Dict_Add(e->dict, "Pg", d->pages[e->page]);
	else if (e->nkids > 1)
		qsort(e->kids, e->nkids, sizeof(*e->kids), kid_cmp);
	for (i = 0; i < e->nkids; i++)
		kid_write(d, e, k, &e->kids[i]);
	HPDF_Dict_Add(e->dict, "K", k);
}

/* The value of key in the parent tree: a page's elements by MCID, or
 * an annotation's element. */
static void *
parent_value(struct pdf_dev *d, size_t key)
{
	struct pdf_tags		*t = d->tags;
	const struct tag_page	*p;
	HPDF_Array		 a;
	size_t			 i;

	if (key >= d->npages)
		return t->elems[t->annots[key - d->npages]].dict;
	p = &t->pages[key];
	if ((a = HPDF_Array_New(d->pdf->mmgr)) == NULL ||
	    HPDF_Xref_Add(d->pdf->xref, a) != HPDF_OK)
		return NULL;
	for (i = 0; i < p->n; i++)
		HPDF_Array_Add(a, t->elems[p->node[i]].dict);
	return a;
}

/* Keys [from, to) of the parent tree as a /Nums array in dict. */
static void
nums_write(struct pdf_dev *d, HPDF_Dict dict, size_t from, size_t to)
{
	HPDF_Array	 nums = HPDF_Array_New(d->pdf->mmgr);
	void		*v;
	size_t		 key;

	if (nums == NULL)
		return;
	for (key = from; key < to; key++)
		if ((v = parent_value(d, key)) != NULL) {
			HPDF_Array_AddNumber(nums, (HPDF_INT32)key);
			HPDF_Array_Add(nums, v);
		}
	HPDF_Dict_Add(dict, "Nums", nums);
}

/* The parent tree: one /Nums, or leaves of NUMS_PER_LEAF keys. */
static void
parent_tree(struct pdf_dev *d)
{
	size_t		 keys = d->npages + d->tags->nannots, from, to;
	HPDF_Dict	 tree = HPDF_Dict_New(d->pdf->mmgr), leaf;
	HPDF_Array	 kids, limits;

	if (tree == NULL)
		return;
	HPDF_Dict_Add(d->tags->root, "ParentTree", tree);
	HPDF_Dict_AddNumber(d->tags->root, "ParentTreeNextKey",
	    (HPDF_INT32)keys);
	if (keys <= NUMS_PER_LEAF) {
		nums_write(d, tree, 0, keys);
		return;
	}
	if ((kids = HPDF_Array_New(d->pdf->mmgr)) == NULL)
		return;
	HPDF_Dict_Add(tree, "Kids", kids);
	for (from = 0; from < keys; from = to) {
		to = from + NUMS_PER_LEAF < keys ? from + NUMS_PER_LEAF : keys;
		if ((leaf = HPDF_Dict_New(d->pdf->mmgr)) == NULL ||
		    HPDF_Xref_Add(d->pdf->xref, leaf) != HPDF_OK ||
		    (limits = HPDF_Array_New(d->pdf->mmgr)) == NULL)
			return;
		HPDF_Array_AddNumber(limits, (HPDF_INT32)from);
		HPDF_Array_AddNumber(limits, (HPDF_INT32)(to - 1));
		HPDF_Dict_Add(leaf, "Limits", limits);
		nums_write(d, leaf, from, to);
		HPDF_Array_Add(kids, leaf);
	}
}

/*
 * Every Note gets an /ID ("note-" and its node, in the order of the
 * report) and the /IDTree lists them, sorted as strings.
 */
struct note_id {
	char		 name[ID_MAX];
	HPDF_Dict	 elem;
};

static int
note_id_cmp(const void *a, const void *b)
{
	return strcmp(((const struct note_id *)a)->name,
	    ((const struct note_id *)b)->name);
}

static void
note_ids(struct pdf_dev *d)
{
	struct pdf_tags	*t = d->tags;
	struct note_id	*ids = xcalloc(t->nelems, sizeof(*ids));
	HPDF_Dict	 tree;
	HPDF_Array	 names;
	size_t		 i, n = 0;

	for (i = 0; i < t->nelems; i++) {
		if (t->elems[i].dict == NULL ||
		    d->layout->nodes[i].type != SN_NOTE)
			continue;
		snprintf(ids[n].name, sizeof(ids[n].name), "note-%zu", i);
		ids[n].elem = t->elems[i].dict;
		HPDF_Dict_Add(ids[n].elem, "ID", text_string(d, ids[n].name));
		n++;
	}
	qsort(ids, n, sizeof(*ids), note_id_cmp);
	if (n > 0 && (tree = HPDF_Dict_New(d->pdf->mmgr)) != NULL &&
	    (names = HPDF_Array_New(d->pdf->mmgr)) != NULL) {
		for (i = 0; i < n; i++) {
			HPDF_Array_Add(names, text_string(d, ids[i].name));
			HPDF_Array_Add(names, ids[i].elem);
		}
		HPDF_Dict_Add(tree, "Names", names);
		HPDF_Dict_Add(t->root, "IDTree", tree);
	}
	free(ids);
}

void
pdf_tags_end(struct pdf_dev *d)
{
	struct pdf_tags	*t = d->tags;
	size_t		 i;

	for (i = 0; i < t->nelems; i++) {
		if (t->elems[i].dict != NULL)
			elem_finish(d, &t->elems[i]);
		free(t->elems[i].kids);		/* libharu's now: memory */
		t->elems[i].kids = NULL;	/* peaks from here on */
		t->elems[i].nkids = t->elems[i].cap = 0;
	}
	note_ids(d);
	parent_tree(d);
}

/* --- the catalog and the pages --- */

static void
catalog(struct pdf_dev *d)
{
	HPDF_Dict	 cat = d->pdf->catalog, mark, prefs;
	const char	*lang = d->layout->info.lang;

	if ((mark = HPDF_Dict_New(d->pdf->mmgr)) != NULL) {
		HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
		HPDF_Dict_Add(cat, "MarkInfo", mark);
	}
	if (lang != NULL && *lang != '\0')
		HPDF_Dict_Add(cat, "Lang", text_string(d, lang));
	prefs = HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (prefs == NULL && (prefs = HPDF_Dict_New(d->pdf->mmgr)) != NULL)
		HPDF_Dict_Add(cat, "ViewerPreferences", prefs);
	if (prefs != NULL)
		HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
	HPDF_Dict_Add(cat, "StructTreeRoot", d->tags->root);
}

/* The root and its Document, the catalog's entries, the pages'. */
void
pdf_tags_begin(struct pdf_dev *d)
{
	struct pdf_tags	*t = xcalloc(1, sizeof(*t));
	struct tag_elem	*doc;
	size_t		 i;

	d->tags = t;
	t->nelems = d->layout->nnodes;
	t->elems = xcalloc(t->nelems, sizeof(*t->elems));
	t->pages = xcalloc(d->npages, sizeof(*t->pages));
	t->utf8 = HPDF_GetEncoder(d->pdf, "UTF-8");
	t->root = HPDF_Dict_New(d->pdf->mmgr);
	if (t->root == NULL || HPDF_Xref_Add(d->pdf->xref, t->root) != HPDF_OK)
		return;
	HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	doc = &t->elems[0];
	if ((doc->dict = elem_dict(d, &d->layout->nodes[0])) == NULL)
		return;
	HPDF_Dict_Add(doc->dict, "P", t->root);
	HPDF_Dict_Add(t->root, "K", doc->dict);
	catalog(d);
	for (i = 0; i < d->npages; i++) {
		HPDF_Dict_AddNumber(d->pages[i], "StructParents",
		    (HPDF_INT32)i);
		HPDF_Dict_AddName(d->pages[i], "Tabs", "S");
	}
}

void
pdf_tags_free(struct pdf_dev *d)
{
	struct pdf_tags	*t = d->tags;
	size_t		 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nelems; i++)
		free(t->elems[i].kids);
	for (i = 0; t->pages != NULL && i < d->npages; i++)
		free(t->pages[i].node);
	free(t->elems);
	free(t->pages);
	free(t->annots);
	free(t);
	d->tags = NULL;
}
