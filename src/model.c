/*
 * model: builds the struct document of model.h from the validated tree
 * that load produced, in one arena.
 *
 * Every list of children is read through lang_next(), which picks one
 * member of each group of xml:lang alternatives (warning once per group
 * that lacks the build's language) and leaves out elements of the other
 * variant.  The region filter keeps the entries of one region and the
 * quotes that belong to them; what is left out but has an id goes to
 * document->dropped, so references to it can fall back.  model_walk.c
 * walks the built document and answers questions about it.
 *
 * This module must never resolve references or judge content (check
 * does), never hand libxml2 types on, and never keep a pointer into the
 * XML tree: every string is copied into the document's arena.
 */
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "diag.h"
#include "limit.h"
#include "load.h"
#include "model.h"

#define MODEL_MAX_EMPLOYEES	250	/* meta/criteria default */
#define MODEL_MAX_POPULATION	20000	/* meta/criteria default */

const char *const inline_kind_names[INL__MAX] = {
	"text",		/* INL_TEXT */
	"em",		/* INL_EM */
	"strong",	/* INL_STRONG */
	"sup",		/* INL_SUP */
	"br",		/* INL_BR */
	"q",		/* INL_Q */
	"link",		/* INL_LINK */
	"ref",		/* INL_REF */
	"note",		/* INL_NOTE */
};

/* The element names of the block kinds. */
const char *const block_kind_names[BLK__MAX] = {
	"p",		/* BLK_PARA */
	"list",		/* BLK_LIST */
	"section",	/* BLK_SECTION */
	"pull-quote",	/* BLK_PULL_QUOTE */
	"chart",	/* BLK_CHART */
	"figure",	/* BLK_FIGURE */
	"entry-list",	/* BLK_ENTRY_LIST */
	"contact",	/* BLK_CONTACT */
	"publisher",	/* BLK_PUBLISHER */
	"funding",	/* BLK_FUNDING */
	"photo-credits", /* BLK_PHOTO_CREDITS */
};

static const char *const variant_names[] = {
	"report",	/* VARIANT_REPORT */
	"handout",	/* VARIANT_HANDOUT */
};

/* A file name of load's, copied once into the document's arena. */
struct file_name {
	struct file_name	*next;
	const char		*from;
	const char		*copy;
};

struct reader {
	const struct load_result	*load;
	const struct model_options	*opt;
	struct document			*doc;
	struct arena			*arena;	/* doc->arena */
	struct file_name		*files;
	struct dropped			**dropped_tail;
	int				 quiet;	/* no language warnings */
	int				 depth;	/* nesting being read */
	int				 too_deep; /* the limit was reported */
	int				 level;	/* section level */
};

/* How a child element of a composite element is read into its struct. */
struct child_rule {
	const char	*name;
	size_t		 off;	/* [bytes] of the field in the struct */
	void		(*read)(struct reader *, xmlNodePtr, void *field);
};

/* How a block kind is read; returns 0 to leave the block out. */
typedef int	(*block_reader)(struct reader *, xmlNodePtr, struct block *);

static struct srcpos	 pos_of(struct reader *, xmlNodePtr);
static const char	*attr(struct reader *, xmlNodePtr, const char *);
static xmlNodePtr	 lang_next(struct reader *, xmlNodePtr *);
static struct inline_node *read_inline(struct reader *, xmlNodePtr);
static struct block	*read_blocks(struct reader *, xmlNodePtr,
			    struct inline_node **);
static void		 read_children(struct reader *, xmlNodePtr, void *,
			    const struct child_rule *, size_t);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* --- positions, attributes, numbers --- */

static const char *
intern_file(struct reader *r, const char *file)
{
	struct file_name	*f;

	for (f = r->files; f != NULL; f = f->next)
		if (f->from == file || strcmp(f->from, file) == 0)
			return f->copy;
	f = ARENA_NEW(r->arena, struct file_name);
	f->from = file;
	f->copy = arena_strdup(r->arena, file);
	f->next = r->files;
	r->files = f;
	return f->copy;
}

static struct srcpos
pos_of(struct reader *r, xmlNodePtr n)
{
	struct srcpos	 pos;

	pos = load_pos(r->load, n);
	pos.file = intern_file(r, pos.file);
	return pos;
}

/* An attribute without namespace, copied into the arena, or NULL. */
static const char *
attr(struct reader *r, xmlNodePtr n, const char *name)
{
	xmlChar		*v;
	const char	*s;

	if ((v = xmlGetNoNsProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = arena_strdup(r->arena, (const char *)v);
	xmlFree(v);
	return s;
}

static int
attr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar	*v;
	int	 is;

	if ((v = xmlGetNoNsProp(n, (const xmlChar *)name)) == NULL)
		return 0;
	is = strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return is;
}

/*
 * A whole number: absent when s is NULL, -1 when s is not a number,
 * clamped to the range of long (never to MODEL_NO_NUMBER) otherwise.
 */
static long
parse_count(const char *s, long absent)
{
	char	*end;
	long	 v;

	if (s == NULL)
		return absent;
	v = strtol(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (end == s || *end != '\0')
		return -1;
	return v == LONG_MIN ? LONG_MIN + 1 : v;
}

/* A percentage: -INFINITY when absent, NaN when not a finite number. */
static double
parse_value(const char *s)
{
	char	*end;
	double	 v;

	if (s == NULL)
		return -INFINITY;
	v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (end == s || *end != '\0' || !isfinite(v))
		return NAN;
	return v;
}

/* Exactly n digits at s, as a number; -1 otherwise. */
static int
parse_digits(const char *s, int n)
{
	int	 i, v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYY-MM or YYYY-MM-DD into meta; all 0 when not in that form. */
static void
parse_date(struct meta *m)
{
	const char	*s = m->date;
	size_t		 len = strlen(s);
	int		 y, mo, d = 0;

	y = parse_digits(s, 4);
	mo = len >= 7 && s[4] == '-' ? parse_digits(s + 5, 2) : -1;
	if (len == 10 && s[7] == '-')
		d = parse_digits(s + 8, 2);
	else if (len != 7)
		d = -1;
	if (y < 0 || mo < 0 || d < 0)
		return;
	m->year = y;
	m->month = mo;
	m->day = d;
}

/* A path relative to the folder of the file that holds n. */
static const char *
resolve(struct reader *r, xmlNodePtr n, const char *path)
{
	const char	*file, *slash;

	if (path == NULL || path[0] == '/')
		return path;
	file = pos_of(r, n).file;
	if ((slash = strrchr(file, '/')) == NULL)
		return path;
	return arena_printf(r->arena, "%.*s/%s", (int)(slash - file), file,
	    path);
}

/* Guards recursion; reports once where the nesting gets too deep. */
static int
depth_enter(struct reader *r, xmlNodePtr n)
{
	struct srcpos	 pos;

	if (r->depth >= LIMIT_NESTING) {
		if (r->too_deep++ == 0) {
			pos = pos_of(r, n);
			diag_error(&pos, "<%s> is nested more than %d levels "
			    "deep: flatten the markup", (const char *)n->name,
			    LIMIT_NESTING);
		}
		return 0;
	}
	r->depth++;
	return 1;
}

/* --- language groups and variants --- */

static int
is_xml_attr(xmlAttrPtr a)
{
	return a->ns != NULL && a->ns->href != NULL &&
	    xmlStrEqual(a->ns->href, XML_XML_NAMESPACE);
}

/* An element's _private when neither it nor an ancestor has xml:lang. */
static char	lang_none;

/*
 * The xml:lang that applies at element n, its own or inherited, else
 * &lang_none.  Each element's is noted in its _private (nothing else of
 * ours or libxml2's uses it), so the ancestors are asked once, not at
 * every node read (a walk up for each was 7 % of reading a report).
 */
static void *
lang_mark(xmlNodePtr n)
{
	xmlAttrPtr	 a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return &lang_none;
	if (n->_private == NULL) {
		a = xmlHasNsProp(n, (const xmlChar *)"lang",
		    XML_XML_NAMESPACE);
		if (a != NULL && a->type == XML_ATTRIBUTE_NODE &&
		    a->children != NULL && a->children->content != NULL)
			n->_private = a->children->content;
		else
			n->_private = lang_mark(n->parent);
	}
	return n->_private;
}

/* The language of n: its own or inherited xml:lang, else the report's. */
static const char *
node_lang(const struct reader *r, xmlNodePtr n)
{
	void	*mark = lang_mark(n);

	return mark != &lang_none ? (const char *)mark : r->doc->report_lang;
}

/* node_lang for the model: the document's own strings where they match,
 * else a copy in the arena. */
static const char *
lang_of(struct reader *r, xmlNodePtr n)
{
	const char	*lang = node_lang(r, n);

	if (strcasecmp(lang, r->doc->lang) == 0)
		return r->doc->lang;
	if (strcasecmp(lang, r->doc->report_lang) == 0)
		return r->doc->report_lang;
	return arena_strdup(r->arena, lang);
}

/* Whether every attribute of a (xml:* aside) is on b with its value. */
static int
attrs_within(xmlNodePtr a, xmlNodePtr b)
{
	xmlAttrPtr	 p;
	xmlChar		*va, *vb;
	int		 same = 1;

	for (p = a->properties; p != NULL && same; p = p->next) {
		if (is_xml_attr(p))
			continue;
		va = xmlNodeListGetString(a->doc, p->children, 1);
		vb = xmlGetNsProp(b, p->name,
		    p->ns != NULL ? p->ns->href : NULL);
		same = va != NULL && vb != NULL && xmlStrEqual(va, vb);
		xmlFree(va);
		xmlFree(vb);
	}
	return same;
}

/* Comments, whitespace, XInclude markers: what separates siblings. */
static int
is_filler(xmlNodePtr n)
{
	switch (n->type) {
	case XML_TEXT_NODE:
		return xmlIsBlankNode(n);
	case XML_ELEMENT_NODE:
	case XML_CDATA_SECTION_NODE:
		return 0;
	default:
		return 1;
	}
}

/*
 * Whether m joins the group that runs from first up to m: the same
 * element with the same attributes but for xml:*, in a language the
 * group does not have yet.  A bar is identified by its key, so bars with
 * the same key in a row are one group whatever their languages.
 */
static int
joins_group(const struct reader *r, xmlNodePtr first, xmlNodePtr m)
{
	xmlNodePtr	 p;
	const char	*lang;

	if (m->type != XML_ELEMENT_NODE ||
	    !xmlStrEqual(m->name, first->name) ||
	    !attrs_within(first, m) || !attrs_within(m, first))
		return 0;
	if (load_is_element(first, "bar") && xmlHasNsProp(first,
	    (const xmlChar *)"key", NULL) != NULL)
		return 1;
	lang = node_lang(r, m);
	for (p = first; p != m; p = p->next)
		if (p->type == XML_ELEMENT_NODE &&
		    strcasecmp(node_lang(r, p), lang) == 0)
			return 0;
	return 1;
}

static void
lang_fallback(struct reader *r, xmlNodePtr first, xmlNodePtr used)
{
	struct srcpos	 pos;
	const char	*name = (const char *)first->name;

	r->doc->lang_fallbacks++;
	pos = pos_of(r, first);
	diag_warning(&pos, "<%s> has no \"%s\" version; using \"%s\": add "
	    "a <%s xml:lang=\"%s\"> to translate it", name, r->doc->lang,
	    node_lang(r, used), name, r->doc->lang);
}

/*
 * The member of the group that starts at first to use: the one in the
 * build's language, else the one in the report's, else first.  Moves
 * *cur past the group and warns when the group has alternatives (two
 * languages or more) but none in the build's language.
 */
static xmlNodePtr
group_pick(struct reader *r, xmlNodePtr first, xmlNodePtr *cur)
{
	xmlNodePtr	 m, last = first, want = NULL, home = NULL;
	int		 alternatives = 0;

	for (m = first; m != NULL; m = last->next) {
		while (m != NULL && m != first && is_filler(m))
			m = m->next;
		if (m == NULL || (m != first && !joins_group(r, first, m)))
			break;
		if (want == NULL &&
		    strcasecmp(node_lang(r, m), r->doc->lang) == 0)
			want = m;
		if (home == NULL &&
		    strcasecmp(node_lang(r, m), r->doc->report_lang) == 0)
			home = m;
		alternatives |= strcasecmp(node_lang(r, m),
		    node_lang(r, first)) != 0;
		last = m;
	}
	*cur = last->next;
	if (want != NULL)
		return want;
	if (home == NULL)
		home = first;
	if (alternatives && !r->quiet)
		lang_fallback(r, first, home);
	return home;
}

static void
drop_id(struct reader *r, xmlNodePtr n, const char *id,
    const struct entry *e)
{
	struct dropped	*d;

	d = ARENA_NEW(r->arena, struct dropped);
	d->pos = pos_of(r, n);
	d->id = id;
	d->entry = e;
	*r->dropped_tail = d;
	r->dropped_tail = &d->next;
}

/* Records every id in an element the variant leaves out. */
static void
drop_subtree(struct reader *r, xmlNodePtr n)
{
	const char	*id;

	if ((id = attr(r, n, "id")) != NULL)
		drop_id(r, n, id, NULL);
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			drop_subtree(r, n);
}

static int
variant_keeps(const struct reader *r, xmlNodePtr n)
{
	xmlChar	*only;
	int	 keep;

	if ((only = xmlGetNoNsProp(n, (const xmlChar *)"only")) == NULL)
		return 1;
	keep = strcmp((const char *)only, variant_names[r->opt->variant]) == 0;
	xmlFree(only);
	return keep;
}

/*
 * The next node of a list of children as this build sees it: text and
 * CDATA as they are, of each group of language alternatives the member
 * to use, no elements of the other variant, nothing else.  *cur moves
 * past what was consumed; NULL at the end of the list.
 */
static xmlNodePtr
lang_next(struct reader *r, xmlNodePtr *cur)
{
	xmlNodePtr	 n;

	while ((n = *cur) != NULL) {
		*cur = n->next;
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			return n;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		n = group_pick(r, n, cur);
		if (variant_keeps(r, n))
			return n;
		drop_subtree(r, n);
	}
	return NULL;
}

/* The next element (whitespace between elements dropped). */
static xmlNodePtr
element_next(struct reader *r, xmlNodePtr *cur)
{
	xmlNodePtr	 n;

	while ((n = lang_next(r, cur)) != NULL)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

/* The index of name in a kind-name table, or -1. */
static int
kind_of(const char *const *names, int nnames, const xmlChar *name)
{
	int	 i;

	for (i = 0; i < nnames; i++)
		if (strcmp(names[i], (const char *)name) == 0)
			return i;
	return -1;
}

/* --- inline content --- */

static struct inline_node *
inline_new(struct reader *r, xmlNodePtr n, enum inline_kind kind)
{
	struct inline_node	*in;

	in = ARENA_NEW(r->arena, struct inline_node);
	in->kind = kind;
	in->pos = pos_of(r, n);
	return in;
}

/* One node of inline content, or NULL for nothing to keep. */
static struct inline_node *
inline_from(struct reader *r, xmlNodePtr n)
{
	struct inline_node	*in;
	int			 kind;

	if (n->type != XML_ELEMENT_NODE) {
		if (n->content == NULL || n->content[0] == '\0')
			return NULL;
		in = inline_new(r, n, INL_TEXT);
		in->text = arena_strdup(r->arena, (const char *)n->content);
		return in;
	}
	kind = kind_of(inline_kind_names, INL__MAX, n->name);
	if (kind < 0 || kind == INL_TEXT)
		return NULL;
	in = inline_new(r, n, (enum inline_kind)kind);
	if (kind == INL_LINK)
		in->href = attr(r, n, "href");
	else if (kind == INL_REF)
		in->to = attr(r, n, "to");
	if (kind != INL_BR)
		in->child = read_inline(r, n);
	return in;
}

/* The inline content of an element. */
static struct inline_node *
read_inline(struct reader *r, xmlNodePtr parent)
{
	struct inline_node	*head = NULL, **tail = &head, *in;
	xmlNodePtr		 cur = parent->children, n;

	if (!depth_enter(r, parent))
		return NULL;
	while ((n = lang_next(r, &cur)) != NULL)
		if ((in = inline_from(r, n)) != NULL) {
			*tail = in;
			tail = &in->next;
		}
	r->depth--;
	return head;
}

/* --- child rules: fields filled from child elements --- */

static void
field_inline(struct reader *r, xmlNodePtr n, void *field)
{
	*(struct inline_node **)field = read_inline(r, n);
}

static void
field_plain(struct reader *r, xmlNodePtr n, void *field)
{
	*(const char **)field = model_plain(r->doc->arena, read_inline(r, n));
}

static void
field_blocks(struct reader *r, xmlNodePtr n, void *field)
{
	*(struct block **)field = read_blocks(r, n, NULL);
}

/* Reads the children of parent into the struct at base, by rules. */
static void
read_children(struct reader *r, xmlNodePtr parent, void *base,
    const struct child_rule *rules, size_t nrules)
{
	xmlNodePtr	 cur = parent->children, n;
	size_t		 i;

	while ((n = element_next(r, &cur)) != NULL)
		for (i = 0; i < nrules; i++)
			if (load_is_element(n, rules[i].name)) {
				rules[i].read(r, n, (char *)base +
				    rules[i].off);
				break;
			}
}

/* --- blocks --- */

static int
block_para(struct reader *r, xmlNodePtr n, struct block *b)
{
	b->u.para = read_inline(r, n);
	return 1;
}

static int
block_list(struct reader *r, xmlNodePtr n, struct block *b)
{
	struct list_item	**tail = &b->u.list.items, *it;
	xmlNodePtr		 cur = n->children, c;
	long			 start;

	b->u.list.type = attr_is(n, "type", "number") ?
	    LIST_NUMBER : LIST_BULLET;
	start = parse_count(attr(r, n, "start"), 1);
	b->u.list.start = start < 0 ? 1 : start > INT_MAX ? INT_MAX : start;
	while ((c = element_next(r, &cur)) != NULL) {
		if (!load_is_element(c, "item"))
			continue;
		it = ARENA_NEW(r->arena, struct list_item);
		it->pos = pos_of(r, c);
		it->content = read_inline(r, c);
		*tail = it;
		tail = &it->next;
	}
	return 1;
}

static int
block_section(struct reader *r, xmlNodePtr n, struct block *b)
{
	b->u.section.level = ++r->level;
	b->u.section.children = read_blocks(r, n, &b->u.section.title);
	r->level--;
	return 1;
}

/* Whether id names a quote the region filter dropped. */
static int
is_dropped_quote(const struct reader *r, const char *id)
{
	const struct dropped	*d;

	for (d = r->doc->dropped; d != NULL; d = d->next)
		if (d->entry == NULL && strcmp(d->id, id) == 0)
			return 1;
	return 0;
}

/* A pull quote of a quote the region filter dropped goes with it. */
static int
block_pull_quote(struct reader *r, xmlNodePtr n, struct block *b)
{
	b->u.pull_quote.ref = attr(r, n, "ref");
	return b->u.pull_quote.ref == NULL ||
	    !is_dropped_quote(r, b->u.pull_quote.ref);
}

static void
chart_bar(struct reader *r, xmlNodePtr n, void *field)
{
	struct chart_bar	**tail = field, *bar;

	while (*tail != NULL)
		tail = &(*tail)->next;
	bar = ARENA_NEW(r->arena, struct chart_bar);
	bar->pos = pos_of(r, n);
	bar->key = attr(r, n, "key");
	bar->value = parse_value(attr(r, n, "value"));
	bar->label = read_inline(r, n);
	*tail = bar;
}

static int
block_chart(struct reader *r, xmlNodePtr n, struct block *b)
{
	static const struct child_rule rules[] = {
		{ "title", offsetof(struct chart, title), field_inline },
		{ "caption", offsetof(struct chart, caption), field_inline },
		{ "bar", offsetof(struct chart, bars), chart_bar },
	};
	struct chart	*c = &b->u.chart;

	c->type = attr_is(n, "type", "ring") ? CHART_RING : CHART_BAR;
	c->facet = attr(r, n, "facet");
	c->multiple = attr_is(n, "multiple", "yes") ||
	    attr_is(n, "multiple", "true");
	read_children(r, n, c, rules, NELEM(rules));
	return 1;
}

static int
block_figure(struct reader *r, xmlNodePtr n, struct block *b)
{
	static const struct child_rule rules[] = {
		{ "caption", offsetof(struct figure, caption), field_inline },
		{ "alt", offsetof(struct figure, alt), field_plain },
	};
	struct figure	*f = &b->u.figure;

	f->src = resolve(r, n, attr(r, n, "src"));
	f->credit = attr(r, n, "credit");
	f->width = attr_is(n, "width", "page") ? FIGURE_PAGE : FIGURE_COLUMN;
	read_children(r, n, f, rules, NELEM(rules));
	return 1;
}

static int
block_entry_list(struct reader *r, xmlNodePtr n, struct block *b)
{
	if (attr_is(n, "sort", "region"))
		b->u.entry_list.sort = SORT_REGION;
	else if (attr_is(n, "sort", "since"))
		b->u.entry_list.sort = SORT_SINCE;
	else
		b->u.entry_list.sort = SORT_TITLE;
	b->u.entry_list.region = attr(r, n, "region");
	return 1;
}

static int
block_contact(struct reader *r, xmlNodePtr n, struct block *b)
{
	static const struct child_rule rules[] = {
		{ "org", offsetof(struct contact, org), field_inline },
		{ "street", offsetof(struct contact, street), field_inline },
		{ "city", offsetof(struct contact, city), field_inline },
		{ "email", offsetof(struct contact, email), field_inline },
		{ "web", offsetof(struct contact, web), field_inline },
	};

	b->u.imprint.label = attr(r, n, "label");
	read_children(r, n, &b->u.imprint.contact, rules, NELEM(rules));
	return 1;
}

static int
block_publisher(struct reader *r, xmlNodePtr n, struct block *b)
{
	b->u.imprint.label = attr(r, n, "label");
	b->u.imprint.text = read_inline(r, n);
	return 1;
}

static int
block_funding(struct reader *r, xmlNodePtr n, struct block *b)
{
	b->u.imprint.label = attr(r, n, "label");
	b->u.imprint.logo = resolve(r, n, attr(r, n, "logo"));
	b->u.imprint.blocks = read_blocks(r, n, NULL);
	return 1;
}

static int
block_photo_credits(struct reader *r, xmlNodePtr n, struct block *b)
{
	b->u.imprint.label = attr(r, n, "label");
	return 1;
}

static const block_reader block_readers[BLK__MAX] = {
	block_para,		/* BLK_PARA */
	block_list,		/* BLK_LIST */
	block_section,		/* BLK_SECTION */
	block_pull_quote,	/* BLK_PULL_QUOTE */
	block_chart,		/* BLK_CHART */
	block_figure,		/* BLK_FIGURE */
	block_entry_list,	/* BLK_ENTRY_LIST */
	block_contact,		/* BLK_CONTACT */
	block_publisher,	/* BLK_PUBLISHER */
	block_funding,		/* BLK_FUNDING */
	block_photo_credits,	/* BLK_PHOTO_CREDITS */
};

/* A block from element n, or NULL when n is no block or is left out. */
static struct block *
block_from(struct reader *r, xmlNodePtr n)
{
	struct block	*b;
	int		 kind;

	if ((kind = kind_of(block_kind_names, BLK__MAX, n->name)) < 0)
		return NULL;
	b = ARENA_NEW(r->arena, struct block);
	b->kind = (enum block_kind)kind;
	b->pos = pos_of(r, n);
	b->id = attr(r, n, "id");
	b->lang = lang_of(r, n);
	return block_readers[kind](r, n, b) ? b : NULL;
}

/*
 * The blocks among the children of parent.  A child <title> goes to
 * *title when title is not NULL; other elements are no blocks here.
 */
static struct block *
read_blocks(struct reader *r, xmlNodePtr parent, struct inline_node **title)
{
	struct block	*head = NULL, **tail = &head, *b;
	xmlNodePtr	 cur = parent->children, n;

	if (!depth_enter(r, parent))
		return NULL;
	while ((n = element_next(r, &cur)) != NULL) {
		if (title != NULL && load_is_element(n, "title"))
			*title = read_inline(r, n);
		else if ((b = block_from(r, n)) != NULL) {
			*tail = b;
			tail = &b->next;
		}
	}
	r->depth--;
	return head;
}

/* --- meta --- */

static void
meta_date(struct reader *r, xmlNodePtr n, void *field)
{
	struct meta	*m = field;

	field_plain(r, n, &m->date);
	parse_date(m);
}

static void
meta_author(struct reader *r, xmlNodePtr n, void *field)
{
	struct meta	 *m = field;
	const char	**authors;

	authors = arena_alloc(r->arena, (m->nauthors + 1) * sizeof(*authors));
	if (m->nauthors > 0)
		memcpy(authors, m->authors, m->nauthors * sizeof(*authors));
	field_plain(r, n, &authors[m->nauthors++]);
	m->authors = authors;
}

static void
meta_cover(struct reader *r, xmlNodePtr n, void *field)
{
	struct meta	*m = field;

	m->cover_src = resolve(r, n, attr(r, n, "src"));
	m->cover_credit = attr(r, n, "credit");
}

static void
criteria_population(struct reader *r, xmlNodePtr n, void *field)
{
	struct population_limit	**tail = field, *p;

	while (*tail != NULL)
		tail = &(*tail)->next;
	p = ARENA_NEW(r->arena, struct population_limit);
	p->pos = pos_of(r, n);
	p->country = attr(r, n, "country");
	p->max = parse_count(attr(r, n, "max"), -1);
	*tail = p;
}

static void
meta_criteria(struct reader *r, xmlNodePtr n, void *field)
{
	static const struct child_rule rules[] = {
		{ "population", offsetof(struct meta, population_limits),
		    criteria_population },
	};
	struct meta	*m = field;

	m->max_employees = parse_count(attr(r, n, "max-employees"),
	    MODEL_MAX_EMPLOYEES);
	m->max_population = parse_count(attr(r, n, "max-population"),
	    MODEL_MAX_POPULATION);
	read_children(r, n, m, rules, NELEM(rules));
}

static void
regions_region(struct reader *r, xmlNodePtr n, void *field)
{
	struct region_name	**tail = field, *g;

	while (*tail != NULL)
		tail = &(*tail)->next;
	g = ARENA_NEW(r->arena, struct region_name);
	g->pos = pos_of(r, n);
	g->key = attr(r, n, "key");
	field_plain(r, n, &g->name);
	*tail = g;
}

static void
meta_regions(struct reader *r, xmlNodePtr n, void *field)
{
	static const struct child_rule rules[] = {
		{ "region", offsetof(struct meta, regions), regions_region },
	};

	read_children(r, n, field, rules, NELEM(rules));
}

static void
read_meta(struct reader *r, xmlNodePtr n, void *field)
{
	static const struct child_rule rules[] = {
		{ "title", offsetof(struct meta, title), field_inline },
		{ "subtitle", offsetof(struct meta, subtitle), field_inline },
		{ "series", offsetof(struct meta, series), field_inline },
		{ "date", 0, meta_date },
		{ "publisher", offsetof(struct meta, publisher),
		    field_inline },
		{ "author", 0, meta_author },
		{ "keywords", offsetof(struct meta, keywords), field_plain },
		{ "cover", 0, meta_cover },
		{ "criteria", 0, meta_criteria },
		{ "regions", 0, meta_regions },
	};
	struct meta	*m = field;

	m->pos = pos_of(r, n);
	read_children(r, n, m, rules, NELEM(rules));
}

/* --- entries --- */

static void
entry_partner(struct reader *r, xmlNodePtr n, void *field)
{
	struct partner	**tail = field, *p;

	while (*tail != NULL)
		tail = &(*tail)->next;
	p = ARENA_NEW(r->arena, struct partner);
	p->pos = pos_of(r, n);
	p->role = attr_is(n, "role", "creative") ?
	    PARTNER_CREATIVE : PARTNER_SME;
	p->sector = attr(r, n, "sector");
	p->employees = parse_count(attr(r, n, "employees"), MODEL_NO_NUMBER);
	p->submarket = attr(r, n, "submarket");
	p->urban = attr_is(n, "urban", "yes") || attr_is(n, "urban", "true");
	p->name = read_inline(r, n);
	*tail = p;
}

static void
entry_place(struct reader *r, xmlNodePtr n, void *field)
{
	struct entry	*e = field;

	e->place = read_inline(r, n);
	e->place_pos = pos_of(r, n);
	e->population = parse_count(attr(r, n, "population"),
	    MODEL_NO_NUMBER);
}

/* The space-separated keys of a tags element. */
static void
tags_split(struct reader *r, struct tags *t, const char *s)
{
	const char	*p;
	size_t		 n = 0, len;

	for (p = s; *p != '\0'; p += len) {
		p += strspn(p, " \t\r\n");
		if ((len = strcspn(p, " \t\r\n")) > 0)
			n++;
	}
	t->keys = arena_alloc(r->arena, (n + 1) * sizeof(*t->keys));
	for (p = s; *p != '\0'; p += len) {
		p += strspn(p, " \t\r\n");
		if ((len = strcspn(p, " \t\r\n")) > 0)
			t->keys[t->nkeys++] = arena_strndup(r->arena, p, len);
	}
}

static void
entry_tags(struct reader *r, xmlNodePtr n, void *field)
{
	struct tags	**tail = field, *t;
	const char	 *keys;

	while (*tail != NULL)
		tail = &(*tail)->next;
	t = ARENA_NEW(r->arena, struct tags);
	t->pos = pos_of(r, n);
	t->facet = attr(r, n, "facet");
	field_plain(r, n, &keys);
	tags_split(r, t, keys);
	*tail = t;
}

static void
entry_media(struct reader *r, xmlNodePtr n, void *field)
{
	struct media	**tail = field, *m;

	while (*tail != NULL)
		tail = &(*tail)->next;
	m = ARENA_NEW(r->arena, struct media);
	m->pos = pos_of(r, n);
	m->kind = attr(r, n, "kind");
	m->href = attr(r, n, "href");
	m->label = read_inline(r, n);
	*tail = m;
}

static struct entry *
read_entry(struct reader *r, xmlNodePtr n)
{
	static const struct child_rule rules[] = {
		{ "title", offsetof(struct entry, title), field_inline },
		{ "partner", offsetof(struct entry, partners),
		    entry_partner },
		{ "place", 0, entry_place },
		{ "tags", offsetof(struct entry, tags), entry_tags },
		{ "summary", offsetof(struct entry, summary), field_blocks },
		{ "advice", offsetof(struct entry, advice), field_blocks },
		{ "media", offsetof(struct entry, media), entry_media },
	};
	struct entry	*e;
	const char	*since;
	long		 year;

	e = ARENA_NEW(r->arena, struct entry);
	e->pos = pos_of(r, n);
	e->id = attr(r, n, "id");
	e->lang = lang_of(r, n);
	if ((since = attr(r, n, "since")) != NULL) {
		year = parse_count(since, -1);
		e->since = year > 0 && year <= INT_MAX ? (int)year : -1;
	}
	e->region = attr(r, n, "region");
	e->country = attr(r, n, "country");
	e->href = attr(r, n, "href");
	e->population = MODEL_NO_NUMBER;
	read_children(r, n, e, rules, NELEM(rules));
	return e;
}

static int
region_keeps(const struct reader *r, xmlNodePtr n)
{
	return r->opt->region == NULL || attr_is(n, "region", r->opt->region);
}

/*
 * The entries, in document order.  One the region filter drops is still
 * read (quietly: it is not built) for references and facet checks.
 */
static void
read_entries(struct reader *r, xmlNodePtr parent, void *field)
{
	struct document	*doc = field;
	struct entry	**tail = &doc->entries, *e;
	xmlNodePtr	 cur = parent->children, n;
	int		 keep;

	while ((n = element_next(r, &cur)) != NULL) {
		if (!load_is_element(n, "entry"))
			continue;
		keep = region_keeps(r, n);
		r->quiet += !keep;
		e = read_entry(r, n);
		r->quiet -= !keep;
		if (!keep) {
			drop_id(r, n, e->id != NULL ? e->id : "", e);
			continue;
		}
		*tail = e;
		tail = &e->next;
		doc->nentries++;
	}
}

/* --- quotes --- */

/* Whether id names an entry the region filter dropped. */
static int
is_dropped_entry(const struct reader *r, const char *id)
{
	const struct dropped	*d;

	for (d = r->doc->dropped; d != NULL; d = d->next)
		if (d->entry != NULL && strcmp(d->id, id) == 0)
			return 1;
	return 0;
}

static struct quote *
read_quote(struct reader *r, xmlNodePtr n)
{
	static const struct child_rule rules[] = {
		{ "text", offsetof(struct quote, text), field_inline },
		{ "speaker", offsetof(struct quote, speaker), field_inline },
		{ "role", offsetof(struct quote, role), field_inline },
		{ "org", offsetof(struct quote, org), field_inline },
		{ "context", offsetof(struct quote, context), field_inline },
	};
	struct quote	*q;

	q = ARENA_NEW(r->arena, struct quote);
	q->pos = pos_of(r, n);
	q->id = attr(r, n, "id");
	q->lang = lang_of(r, n);
	q->entry = attr(r, n, "entry");
	if (q->entry != NULL && is_dropped_entry(r, q->entry)) {
		if (q->id != NULL)
			drop_id(r, n, q->id, NULL);
		return NULL;
	}
	read_children(r, n, q, rules, NELEM(rules));
	return q;
}

static void
read_quotes(struct reader *r, xmlNodePtr parent, void *field)
{
	struct quote	**tail = field, *q;
	xmlNodePtr	 cur = parent->children, n;

	while ((n = element_next(r, &cur)) != NULL)
		if (load_is_element(n, "quote") &&
		    (q = read_quote(r, n)) != NULL) {
			*tail = q;
			tail = &q->next;
		}
}

/* --- the document --- */

static struct document *
document_new(const struct load_result *lr, const struct model_options *opt,
    xmlNodePtr root)
{
	struct document	*doc;
	struct arena	*a;
	xmlChar		*lang;

	a = arena_new();
	doc = ARENA_NEW(a, struct document);
	doc->arena = a;
	doc->file = arena_strdup(a, lr->file);
	lang = xmlGetNsProp(root, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	doc->report_lang = arena_strdup(a, lang != NULL ?
	    (const char *)lang : "en");
	xmlFree(lang);
	doc->lang = opt->lang != NULL ?
	    arena_strdup(a, opt->lang) : doc->report_lang;
	doc->region = opt->region != NULL ?
	    arena_strdup(a, opt->region) : NULL;
	doc->variant = opt->variant;
	doc->meta.max_employees = MODEL_MAX_EMPLOYEES;
	doc->meta.max_population = MODEL_MAX_POPULATION;
	return doc;
}

/* The body; its kept top-level sections are numbered 1, 2, ... */
static void
read_body(struct reader *r, xmlNodePtr n, void *field)
{
	struct block	*b;
	int		 number = 0;

	field_blocks(r, n, field);
	for (b = *(struct block **)field; b != NULL; b = b->next)
		if (b->kind == BLK_SECTION)
			b->u.section.number = ++number;
}

static void
read_imprint(struct reader *r, xmlNodePtr n, void *field)
{
	struct document	*doc = field;

	doc->imprint_pos = pos_of(r, n);
	doc->imprint = read_blocks(r, n, NULL);
}

/*
 * The parts of the report.  The schema fixes their order, which this
 * relies on: quotes follow the entries they may be dropped with, the
 * body follows the quotes its pull quotes may be dropped with.
 */
static const struct child_rule report_parts[] = {
	{ "meta", offsetof(struct document, meta), read_meta },
	{ "entries", 0, read_entries },
	{ "quotes", offsetof(struct document, quotes), read_quotes },
	{ "body", offsetof(struct document, body), read_body },
	{ "imprint", 0, read_imprint },
};

struct document *
model_read(const struct load_result *lr, const struct model_options *opt)
{
	struct reader	 r;
	xmlNodePtr	 root;
	struct srcpos	 pos;

	if (lr == NULL || lr->doc == NULL ||
	    (root = xmlDocGetRootElement(lr->doc)) == NULL) {
		pos.file = lr != NULL ? lr->file : NULL;
		pos.line = 0;
		diag_error(&pos, "the file holds no report: start it with "
		    "<report version=\"1\" xml:lang=\"…\">");
		return NULL;
	}
	memset(&r, 0, sizeof(r));
	r.load = lr;
	r.opt = opt;
	r.doc = document_new(lr, opt, root);
	r.arena = r.doc->arena;
	r.dropped_tail = &r.doc->dropped;
	read_children(&r, root, r.doc, report_parts, NELEM(report_parts));
	return r.doc;
}

void
model_free(struct document *doc)
{
	if (doc != NULL)
		arena_free(doc->arena);
}
