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
 * The tree itself is never made of libharu's objects (at 2,300 entries
 * they took 35 MB and as much in malloc's overhead): each element keeps
 * its kids compactly while drawing, and at the end the root, the
 * elements, the parent tree's arrays and leaves are written as PDF text
 * into d->ours, numbered after libharu's last object; the catalog's
 * /StructTreeRoot is an empty libharu dictionary whose value pdf_pack.c
 * replaces with ours.  Strings are written as libharu writes them.
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
#define OBJ_NUM_MASK	0x00FFFFFF	/* libharu's obj_id: the number */
#define UTF16_SURROGATE	0x10000	/* first code point of a pair */

enum kid_kind {
	KID_ELEM,	/* a child element: value is its node */
	KID_MCID,	/* marked content: value is the MCID on page */
	KID_OBJR	/* an annotation on page: value is its number */
};

struct tag_kid {
	enum kid_kind	 kind;
	int		 value;
	size_t		 page;
};

/* One element of the layout's tree, as written. */
struct tag_elem {
	size_t		 seq;		/* 1, 2, … as made; 0: nothing
					   drawn in it yet */
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
	size_t		 nseq;		/* elements made */
	HPDF_Dict	 root;		/* the /StructTreeRoot's placeholder */
	HPDF_Encoder	 utf8;
	size_t		*page_num;	/* each page's object number */
};

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

size_t
pdf_obj_num(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & OBJ_NUM_MASK;
}

static void
kid_add(struct tag_elem *e, enum kid_kind kind, int value, size_t page)
{
	e->kids = xgrow(e->kids, e->nkids, &e->cap, sizeof(*e->kids));
	e->kids[e->nkids++] = (struct tag_kid){ kind, value, page };
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
 * A text string (a no-break space as a space) is PDFDocEncoding where
 * every character has a byte there (most German, English, Czech and
 * Polish text; ASCII at a quarter of UTF-16's size), else UTF-16BE.
 * Whether utf8 has a PDFDocEncoding form, then in b (emptied first).
 */
static int
pdfdoc_encode(const char *utf8, struct strbuf *b)
{
	const char	*p = utf8;
	size_t		 len = strlen(utf8), n;
	uint32_t	 cp;
	unsigned char	 c;

	b->len = 0;
	strbuf_puts(b, "");
	for (; len > 0; p += n, len -= n) {
		if ((n = utf8_decode(p, len, &cp)) == 0 ||
		    (c = pdfdoc_byte(cp == NBSP ? ' ' : cp)) == 0)
			return 0;
		strbuf_putc(b, (char)c);
	}
	return 1;
}

/* The text string as a libharu object (for libharu's dictionaries). */
static HPDF_String
text_string(struct pdf_dev *d, const char *utf8)
{
	struct strbuf	 b = { NULL, 0, 0 };
	int		 doc = pdfdoc_encode(utf8, &b);
	HPDF_String	 str;

	str = HPDF_String_New(d->pdf->mmgr, doc ? b.data : utf8,
	    doc ? NULL : d->tags->utf8);
	strbuf_free(&b);
	return str;
}

/* Whether libharu escapes byte c of a literal string. */
static int
needs_escape(unsigned char c)
{
	return c < 0x20 || c > 0x7e || strchr("\\%#/()<>[]{}", c) != NULL;
}

/*
 * The text string written as libharu writes it: PDFDocEncoding as a
 * literal string, each byte needing it as a three-digit octal escape;
 * else UTF-16BE with its byte order mark as a hex string.
 */
void
pdf_text_put(struct strbuf *out, const char *utf8)
{
	struct strbuf	 b = { NULL, 0, 0 };
	const char	*p = utf8;
	size_t		 len = strlen(utf8), i, n;
	uint32_t	 cp;
	unsigned char	 c;

	if (pdfdoc_encode(utf8, &b)) {
		strbuf_putc(out, '(');
		for (i = 0; i < b.len; i++)
			if (needs_escape(c = (unsigned char)b.data[i]))
				strbuf_printf(out, "\\%03o", c);
			else
				strbuf_putc(out, (char)c);
		strbuf_putc(out, ')');
		strbuf_free(&b);
		return;
	}
	strbuf_free(&b);
	strbuf_puts(out, "<FEFF");
	for (; len > 0 && (n = utf8_decode(p, len, &cp)) != 0; p += n,
	    len -= n)
		if (cp >= UTF16_SURROGATE)
			strbuf_printf(out, "%04X%04X", 0xD800 +
			    ((cp - UTF16_SURROGATE) >> 10), 0xDC00 +
			    ((cp - UTF16_SURROGATE) & 0x3FF));
		else
			strbuf_printf(out, "%04X", cp);
	strbuf_putc(out, '>');
}

/* --- elements --- */

/*
 * The element of node, made (with its ancestors) the first time
 * something is drawn in it.
 */
static struct tag_elem *
elem_attach(struct pdf_dev *d, int node)
{
	struct pdf_tags		*t = d->tags;
	const struct snode	*n = &d->layout->nodes[node];
	struct tag_elem		*e = &t->elems[node];

	if (e->seq != 0)
		return e;
	assert(n->parent >= 0);		/* the Document is made at begin */
	kid_add(elem_attach(d, n->parent), KID_ELEM, node, 0);
	e->seq = ++t->nseq;
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

/* A new MCID of the page for node. */
static void
mc_content(struct pdf_dev *d, int node)
{
	struct tag_page	*p = &d->tags->pages[page_index(d)];
	struct tag_elem	*e = elem_attach(d, node);
	const char	*type = snode_type_names[d->layout->nodes[node].type];
	char		 line[MC_MAX], *at = line;
	int		 mcid = (int)p->n;

	p->node = xgrow(p->node, p->n, &p->cap, sizeof(*p->node));
	p->node[p->n++] = node;
	kid_add(e, KID_MCID, mcid, page_index(d));
	assert(strlen(type) + PDF_NUMBER_MAX + 16 < sizeof(line));
	*at++ = '/';
	at = stpcpy(at, type);
	at = stpcpy(at, " <</MCID ");
	at = pdf_put_fixed(at, mcid, 1);
	at = stpcpy(at, ">> BDC\n");
	HPDF_Stream_Write(page_stream(d), (const HPDF_BYTE *)line,
	    (HPDF_UINT)(at - line));
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
	else
		mc_content(d, it->node);
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
pdf_tags_link(struct pdf_dev *d, const struct item *it, struct pdf_link *ln)
{
	struct pdf_tags		*t = d->tags;
	struct tag_elem		*e;

	ln->parent = -1;
	ln->alt = NULL;
	if (it->node == LAYOUT_ARTIFACT)
		return;
	e = elem_attach(d, it->node);
	kid_add(e, KID_OBJR, (int)ln->num, page_index(d));
	t->annots = xgrow(t->annots, t->nannots, &t->annots_cap,
	    sizeof(*t->annots));
	t->annots[t->nannots] = it->node;
	ln->parent = (int)(d->npages + t->nannots++);
	ln->alt = d->layout->nodes[it->node].alt;
}

/* --- the tree, once everything is drawn --- */

void
pdf_objs_end(struct pdf_objs *o, size_t num)
{
	o->obj = xgrow(o->obj, o->n, &o->cap, sizeof(*o->obj));
	o->obj[o->n++] = (struct pdf_obj){ num, o->text.len };
}

size_t
pdf_objs_place(struct pdf_objs *o, size_t first, char *dst)
{
	const char	*p = o->text.data, *end = p + o->text.len, *ref;
	char		 num[PDF_NUMBER_MAX];
	size_t		 len = 0, i = 0, n, at;
	int		 w;

	for (; p < end; p = ref) {
		if ((ref = memchr(p, PDF_OBJS_REF, (size_t)(end - p))) == NULL)
			ref = end;
		at = (size_t)(p - o->text.data);
		for (; dst != NULL && i < o->n && o->obj[i].end <=
		    (size_t)(ref - o->text.data); i++)
			o->obj[i].end = len + o->obj[i].end - at;
		if (dst != NULL)
			memcpy(dst + len, p, (size_t)(ref - p));
		len += (size_t)(ref - p);
		if (ref == end)
			break;
		n = strtoul(ref + 1, (char **)&ref, 10);
		w = (int)(pdf_put_fixed(num, (long)(first + n), 1) - num);
		if (dst != NULL)
			memcpy(dst + len, num, (size_t)w);
		len += (size_t)w;
	}
	for (i = 0; dst != NULL && i < o->n; i++)
		if (o->obj[i].num >= PDF_OBJS_OWN)
			o->obj[i].num = first + o->obj[i].num - PDF_OBJS_OWN;
	return len;
}

void
pdf_objs_body(struct pdf_objs *o, size_t num, const unsigned char *data,
    size_t len)
{
	o->body = xgrow(o->body, o->nbody, &o->capbody, sizeof(*o->body));
	o->body[o->nbody++] = (struct pdf_body){ num, data, len };
}

void
pdf_objs_free(struct pdf_objs *o)
{
	strbuf_free(&o->text);
	free(o->obj);
	free(o->body);
	memset(o, 0, sizeof(*o));
}

/* Which of ours an object is: the elements as made, then each page's
 * array of the parent tree, then its leaves. */
static size_t
elem_num(const struct pdf_tags *t, int node)
{
	return t->elems[node].seq - 1;
}

static size_t
page_array_num(const struct pdf_tags *t, size_t page)
{
	return t->nseq + page;
}

static size_t
leaf_num(const struct pdf_dev *d, size_t leaf)
{
	return page_array_num(d->tags, d->npages) + leaf;
}

/* A whole number, in decimal (printf is most of the tree's time). */
void
pdf_num_put(struct strbuf *b, long v)
{
	char	digits[PDF_NUMBER_MAX];

	strbuf_append(b, digits, (size_t)(pdf_put_fixed(digits, v, 1) -
	    digits));
}

/* A reference to libharu's object num, after key. */
void
pdf_ref_put(struct strbuf *b, const char *key, size_t num)
{
	strbuf_puts(b, key);
	pdf_num_put(b, (long)num);
	strbuf_puts(b, " 0 R");
}

/* A reference to our n-th object. */
static void
own_put(struct strbuf *b, const char *key, size_t n)
{
	strbuf_puts(b, key);
	strbuf_putc(b, PDF_OBJS_REF);
	pdf_num_put(b, (long)n);
	strbuf_puts(b, " 0 R");
}

/* The value of our n-th object ends here. */
static void
own_end(struct pdf_dev *d, size_t n)
{
	pdf_objs_end(&d->ours, PDF_OBJS_OWN + n);
}

static int
kid_cmp(const void *a, const void *b)
{
	const struct tag_kid	*x = a, *y = b;

	return (x->value > y->value) - (x->value < y->value);
}

/* One entry of /K: an element, an MCID on the element's page, an MCR
 * on another, an OBJR. */
static void
kid_put(struct strbuf *b, const struct pdf_tags *t,
    const struct tag_elem *e, const struct tag_kid *kid)
{
	if (kid->kind == KID_ELEM) {
		own_put(b, " ", elem_num(t, kid->value));
	} else if (kid->kind == KID_MCID && kid->page == e->page) {
		strbuf_putc(b, ' ');
		pdf_num_put(b, kid->value);
	} else {
		strbuf_puts(b, kid->kind == KID_MCID ? " <</Type/MCR" :
		    " <</Type/OBJR");
		pdf_ref_put(b, "/Pg ", t->page_num[kid->page]);
		if (kid->kind == KID_MCID) {
			strbuf_puts(b, "/MCID ");
			pdf_num_put(b, kid->value);
		} else
			pdf_ref_put(b, "/Obj ", (size_t)kid->value);
		strbuf_puts(b, ">>");
	}
}

/*
 * The element of node: /S, /P, /Lang, /Alt (figures), /ID (notes),
 * /Pg (where it holds something) and /K; /Type is optional and left
 * out (the file is smaller).
 */
static void
elem_put(struct pdf_dev *d, int node)
{
	struct pdf_tags		*t = d->tags;
	struct tag_elem		*e = &t->elems[node];
	const struct snode	*n = &d->layout->nodes[node];
	struct strbuf		*b = &d->ours.text;
	char			 id[ID_MAX];
	size_t			 i;

	strbuf_puts(b, "<</S/");
	strbuf_puts(b, snode_type_names[n->type]);
	if (n->parent < 0)
		pdf_ref_put(b, "/P ", pdf_obj_num(t->root));
	else
		own_put(b, "/P ", elem_num(t, n->parent));
	if (n->lang != NULL) {
		strbuf_puts(b, "/Lang");
		pdf_text_put(b, n->lang);
	}
	if (n->type == SN_FIGURE && n->alt != NULL) {
		strbuf_puts(b, "/Alt");
		pdf_text_put(b, n->alt);
	}
	if (n->type == SN_NOTE) {
		snprintf(id, sizeof(id), "note-%d", node);
		strbuf_puts(b, "/ID");
		pdf_text_put(b, id);
	}
	if (e->own)
		pdf_ref_put(b, "/Pg ", t->page_num[e->page]);
	else if (e->nkids > 1)
		qsort(e->kids, e->nkids, sizeof(*e->kids), kid_cmp);
	strbuf_puts(b, "/K[");
	for (i = 0; i < e->nkids; i++)
		kid_put(b, t, e, &e->kids[i]);
	strbuf_puts(b, "]>>");
	own_end(d, elem_num(t, node));
}

/* The value of key in the parent tree: a page's array of elements by
 * MCID (an object of its own), or an annotation's element. */
static void
parent_value_put(struct pdf_dev *d, size_t key)
{
	const struct pdf_tags	*t = d->tags;

	if (key >= d->npages)
		own_put(&d->ours.text, " ", elem_num(t,
		    t->annots[key - d->npages]));
	else
		own_put(&d->ours.text, " ", page_array_num(t, key));
}

/* Keys [from, to) of the parent tree: "/Nums[…]". */
static void
nums_put(struct pdf_dev *d, size_t from, size_t to)
{
	size_t		 key;

	strbuf_puts(&d->ours.text, "/Nums[");
	for (key = from; key < to; key++) {
		if (key > from)
			strbuf_putc(&d->ours.text, ' ');
		pdf_num_put(&d->ours.text, (long)key);
		parent_value_put(d, key);
	}
	strbuf_putc(&d->ours.text, ']');
}

/* The parent tree's dictionary (for the root): one /Nums, or /Kids of
 * leaves of NUMS_PER_LEAF keys. */
static void
parent_tree_put(struct pdf_dev *d, struct strbuf *b)
{
	size_t		 keys = d->npages + d->tags->nannots, leaf;

	strbuf_puts(b, "/ParentTree<<");
	if (keys <= NUMS_PER_LEAF) {
		nums_put(d, 0, keys);
	} else {
		strbuf_puts(b, "/Kids[");
		for (leaf = 0; leaf * NUMS_PER_LEAF < keys; leaf++)
			own_put(b, leaf > 0 ? " " : "", leaf_num(d, leaf));
		strbuf_putc(b, ']');
	}
	strbuf_printf(b, ">>/ParentTreeNextKey %zu", keys);
}

/* The objects of the parent tree: each page's array, the leaves. */
static void
parent_objs_put(struct pdf_dev *d)
{
	const struct pdf_tags	*t = d->tags;
	struct strbuf		*b = &d->ours.text;
	size_t			 keys = d->npages + t->nannots, i, from, to;

	for (i = 0; i < d->npages; i++) {
		strbuf_putc(b, '[');
		for (from = 0; from < t->pages[i].n; from++)
			own_put(b, from > 0 ? " " : "",
			    elem_num(t, t->pages[i].node[from]));
		strbuf_putc(b, ']');
		own_end(d, page_array_num(t, i));
	}
	if (keys <= NUMS_PER_LEAF)
		return;
	for (from = 0, i = 0; from < keys; from = to, i++) {
		to = from + NUMS_PER_LEAF < keys ? from + NUMS_PER_LEAF : keys;
		strbuf_printf(b, "<</Limits[%zu %zu]", from, to - 1);
		nums_put(d, from, to);
		strbuf_puts(b, ">>");
		own_end(d, leaf_num(d, i));
	}
}

/*
 * Every Note has an /ID ("note-" and its node, in the order of the
 * report) and the /IDTree lists them, sorted as strings.
 */
struct note_id {
	char		 name[ID_MAX];
	int		 node;
};

static int
note_id_cmp(const void *a, const void *b)
{
	return strcmp(((const struct note_id *)a)->name,
	    ((const struct note_id *)b)->name);
}

static void
id_tree_put(struct pdf_dev *d, struct strbuf *b)
{
	struct pdf_tags	*t = d->tags;
	struct note_id	*ids = xcalloc(t->nelems, sizeof(*ids));
	size_t		 i, n = 0;

	for (i = 0; i < t->nelems; i++) {
		if (t->elems[i].seq == 0 || d->layout->nodes[i].type != SN_NOTE)
			continue;
		snprintf(ids[n].name, sizeof(ids[n].name), "note-%zu", i);
		ids[n++].node = (int)i;
	}
	qsort(ids, n, sizeof(*ids), note_id_cmp);
	if (n > 0) {
		strbuf_puts(b, "/IDTree<</Names[");
		for (i = 0; i < n; i++) {
			pdf_text_put(b, ids[i].name);
			own_put(b, " ", elem_num(t, ids[i].node));
			strbuf_putc(b, i + 1 < n ? ' ' : ']');
		}
		strbuf_puts(b, ">>");
	}
	free(ids);
}

/* The root, in place of its placeholder. */
static void
root_put(struct pdf_dev *d)
{
	struct strbuf	*b = &d->ours.text;

	strbuf_puts(b, "<</Type/StructTreeRoot");
	own_put(b, "/K ", elem_num(d->tags, 0));
	parent_tree_put(d, b);
	id_tree_put(d, b);
	strbuf_puts(b, ">>");
	pdf_objs_end(&d->ours, pdf_obj_num(d->tags->root));
}

void
pdf_tags_end(struct pdf_dev *d)
{
	struct pdf_tags	*t = d->tags;
	size_t		 i;

	t->page_num = xcalloc(d->npages, sizeof(*t->page_num));
	for (i = 0; i < d->npages; i++)
		t->page_num[i] = pdf_obj_num(d->pages[i]);
	root_put(d);
	pdf_annots_end(d);
	for (i = 0; i < t->nelems; i++) {
		if (t->elems[i].seq != 0)
			elem_put(d, (int)i);
		free(t->elems[i].kids);
		t->elems[i].kids = NULL;
		t->elems[i].nkids = t->elems[i].cap = 0;
	}
	parent_objs_put(d);
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
	HPDF_Dict_Add(cat, "StructTreeRoot", d->tags->root);	/* ours */
}

/* The root and its Document, the catalog's entries, the pages'. */
void
pdf_tags_begin(struct pdf_dev *d)
{
	struct pdf_tags	*t = xcalloc(1, sizeof(*t));
	size_t		 i;

	d->tags = t;
	t->nelems = d->layout->nnodes;
	t->elems = xcalloc(t->nelems, sizeof(*t->elems));
	t->pages = xcalloc(d->npages, sizeof(*t->pages));
	t->elems[0].seq = ++t->nseq;	/* the Document */
	t->utf8 = HPDF_GetEncoder(d->pdf, "UTF-8");
	t->root = HPDF_Dict_New(d->pdf->mmgr);
	if (t->root == NULL || HPDF_Xref_Add(d->pdf->xref, t->root) != HPDF_OK)
		return;
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
	free(t->page_num);
	free(t);
	d->tags = NULL;
}
