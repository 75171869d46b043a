/*
 * load_explain: says libxml2's RELAX NG validity errors in our words.
 * libxml2 reports one problem several times over and in the schema's
 * terms; this part keeps the errors that name the culprit, then reads the
 * schema's own source (its content models, enumerations and
 * a:documentation) to say what is wrong, where, and what would be right.
 *
 * This part must never decide validity (libxml2 has: it only explains
 * errors already found), never change the document it explains, and never
 * report but through load_err().
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "load_int.h"
#include "util.h"

#define RNG_NS		"http://relaxng.org/ns/structure/1.0"
#define RNG_ANNOTATION_NS \
	"http://relaxng.org/ns/compatibility/annotations/1.0"

#define RNG_SET_MAX	64	/* names in one content model */
#define RNG_MAX_REFS	32	/* nested refs followed in the schema */

/* A set of <element> or <attribute> patterns of a schema. */
struct rng_set {
	const xmlNode	*item[RNG_SET_MAX];
	size_t		 n;
};

enum rng_mode {
	RNG_ALLOWED,	/* what may be there, once per name */
	RNG_REQUIRED,	/* what must be there, once per name */
	RNG_EVERY,	/* every pattern that may match, for hints */
	RNG_MODE__MAX
};

struct rng_query {
	xmlDocPtr	 schema;
	const char	*kind;		/* "element" or "attribute" */
	enum rng_mode	 mode;
};

/* What a value must look like: an enumeration or a description. */
struct rng_hint {
	struct strbuf	 values;	/* "a, b, c" */
	const xmlChar	*doc;		/* a:documentation of its type */
};

typedef void	(*rng_explain_fn)(struct load_state *,
		    const struct rng_error *, struct strbuf *);

static int		 rng_known(const struct rng_error *);
static xmlNodePtr	 rng_subject(const struct rng_error *);
static int		 rng_within(xmlNodePtr, xmlNodePtr);
static int		 rng_keep(const struct load_state *, size_t);
static void		 rng_show(struct load_state *, const struct rng_error *);
static xmlDocPtr	 rng_source(struct load_state *);
static int		 rng_is(const xmlNode *, const char *);
static void		 rng_name(const xmlNode *, struct strbuf *);
static int		 rng_called(const xmlNode *, const char *);
static void		 rng_node_name(xmlNodePtr, struct strbuf *);
static const xmlNode	*rng_define(xmlDocPtr, const xmlChar *);
static xmlNodePtr	 rng_element(xmlDocPtr, xmlNodePtr, const char *);
static int		 rng_set_has(const struct rng_set *, const xmlNode *);
static int		 rng_set_find(const struct rng_set *, const char *);
static void		 rng_set_add(struct rng_set *, const xmlNode *,
			    enum rng_mode);
static void		 rng_set_meet(struct rng_set *, const struct rng_set *);
static void		 rng_pattern(const struct rng_query *, const xmlNode *,
			    struct rng_set *, int);
static void		 rng_children(const struct rng_query *, const xmlNode *,
			    struct rng_set *, int);
static void		 rng_choice(const struct rng_query *, const xmlNode *,
			    struct rng_set *, int);
static void		 rng_content(struct load_state *, const char *,
			    const char *, enum rng_mode, struct rng_set *);
static int		 rng_present(xmlNodePtr, const xmlNode *);
static void		 rng_missing(struct load_state *, xmlNodePtr,
			    const char *, struct rng_set *);
static void		 rng_list(const struct rng_set *, int, struct strbuf *);
static void		 rng_hint_of(xmlDocPtr, const xmlNode *,
			    struct rng_hint *, int);
static void		 rng_hint_attr(struct load_state *, xmlNodePtr,
			    const char *, struct rng_hint *);
static int		 rng_hint_allows(const struct rng_hint *,
			    const char *);
static void		 rng_hint_say(const struct rng_hint *, struct strbuf *);
static void		 rng_say_allowed(struct load_state *, xmlNodePtr,
			    struct strbuf *);
static xmlNodePtr	 rng_last_child(xmlNodePtr, const char *);
static void		 rng_explain_expected(struct load_state *,
			    const struct rng_error *, struct strbuf *);
static void		 rng_explain_unexpected(struct load_state *,
			    const struct rng_error *, struct strbuf *);
static void		 rng_explain_text(struct load_state *,
			    const struct rng_error *, struct strbuf *);
static void		 rng_say_attrs(struct load_state *, xmlNodePtr,
			    struct strbuf *);
static void		 rng_explain_attr(struct load_state *,
			    const struct rng_error *, struct strbuf *);
static int		 rng_bad_values(struct load_state *, xmlNodePtr,
			    struct strbuf *);
static void		 rng_say_each_attr(struct load_state *, xmlNodePtr,
			    struct strbuf *);
static void		 rng_explain_attrs(struct load_state *,
			    const struct rng_error *, struct strbuf *);
static void		 rng_explain_value(struct load_state *,
			    const struct rng_error *, struct strbuf *);
static xmlNodePtr	 rng_stranger(struct load_state *, xmlNodePtr);
static void		 rng_explain_content(struct load_state *,
			    const struct rng_error *, struct strbuf *);

/* --- validity errors in our words --- */

enum rng_class {
	RNG_SPECIFIC,	/* names the culprit */
	RNG_DETAIL,	/* a value, or the attributes of one element, failed */
	RNG_SUMMARY,	/* the content of an element as a whole failed */
	RNG__MAX
};

/*
 * How each libxml2 validity error is judged and explained, by code;
 * codes not listed are specific and keep libxml2's message alone.
 */
static const struct {
	enum rng_class	 class;
	rng_explain_fn	 explain;
} rng_kinds[XML_RELAXNG_ERR_TEXTWRONG + 1] = {
	[XML_RELAXNG_ERR_TYPE] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_TYPEVAL] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_TYPECMP] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_LISTEXTRA] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_LISTEMPTY] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_DATATYPE] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_VALUE] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_LIST] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_LACKDATA] =	 { RNG_DETAIL, rng_explain_value },
	[XML_RELAXNG_ERR_INTERNODATA] =	 { RNG_SUMMARY, rng_explain_content },
	[XML_RELAXNG_ERR_INTERSEQ] =	 { RNG_SUMMARY, rng_explain_content },
	[XML_RELAXNG_ERR_INTEREXTRA] =	 { RNG_SUMMARY, rng_explain_content },
	[XML_RELAXNG_ERR_ELEMNOTEMPTY] = { RNG_SUMMARY, rng_explain_content },
	[XML_RELAXNG_ERR_NOELEM] =	 { RNG_SUMMARY, rng_explain_content },
	[XML_RELAXNG_ERR_CONTENTVALID] = { RNG_SUMMARY, rng_explain_content },
	[XML_RELAXNG_ERR_EXTRACONTENT] = { RNG_SUMMARY, rng_explain_content },
	[XML_RELAXNG_ERR_EXTRADATA] =	 { RNG_SUMMARY, rng_explain_content },
	[XML_RELAXNG_ERR_ATTRVALID] =	 { RNG_DETAIL, rng_explain_attrs },
	[XML_RELAXNG_ERR_ELEMNAME] =	 { RNG_SPECIFIC, rng_explain_expected },
	[XML_RELAXNG_ERR_ELEMWRONG] =	 { RNG_SPECIFIC, rng_explain_unexpected },
	[XML_RELAXNG_ERR_TEXTWRONG] =	 { RNG_SPECIFIC, rng_explain_text },
	[XML_RELAXNG_ERR_NOTELEM] =	 { RNG_SPECIFIC, rng_explain_text },
	[XML_RELAXNG_ERR_INVALIDATTR] =	 { RNG_SPECIFIC, rng_explain_attr },
};

static int
rng_known(const struct rng_error *e)
{
	return e->code >= 0 && e->code <= XML_RELAXNG_ERR_TEXTWRONG;
}

/* The element an error is about: the nearest one that arg1 names. */
static xmlNodePtr
rng_subject(const struct rng_error *e)
{
	xmlNodePtr	 n;

	for (n = e->node; e->arg1 != NULL && n != NULL &&
	    n->type == XML_ELEMENT_NODE; n = n->parent)
		if (xmlStrEqual(n->name, BAD_CAST e->arg1))
			return n;
	return e->node;
}

/* Whether node is anc or lies within it (anything lies within NULL). */
static int
rng_within(xmlNodePtr node, xmlNodePtr anc)
{
	if (anc == NULL)
		return 1;
	for (; node != NULL; node = node->parent)
		if (node == anc)
			return 1;
	return 0;
}

/*
 * libxml2 reports one problem several times over: the culprit, then
 * each enclosing element that "failed to validate", sometimes with a
 * guess at a missing element that is wrong.  Keep a specific error
 * once; a detail where nothing else names its node; a summary where
 * nothing else was said within its element.
 */
static int
rng_keep(const struct load_state *st, size_t i)
{
	const struct rng_error	*e = &st->rerr[i], *o;
	enum rng_class		 c, oc;
	size_t			 j;

	c = rng_known(e) ? rng_kinds[e->code].class : RNG_SPECIFIC;
	for (j = 0; j < st->nrerr; j++) {
		o = &st->rerr[j];
		oc = rng_known(o) ? rng_kinds[o->code].class : RNG_SPECIFIC;
		if (j == i || oc > c || (oc == c && j > i))
			continue;
		if (c == RNG_SPECIFIC && o->node == e->node &&
		    o->code == e->code)
			return 0;
		if (c == RNG_DETAIL && o->node == e->node)
			return 0;
		if (c == RNG_SUMMARY && rng_within(o->node, rng_subject(e)))
			return 0;
	}
	return 1;
}

static void
rng_show(struct load_state *st, const struct rng_error *e)
{
	struct strbuf	 b = { NULL, 0, 0 };
	struct srcpos	 pos;
	rng_explain_fn	 fn;

	fn = rng_known(e) ? rng_kinds[e->code].explain : NULL;
	st->at = e->node;
	if (fn != NULL && e->node != NULL &&
	    e->node->type == XML_ELEMENT_NODE && rng_source(st) != NULL)
		fn(st, e, &b);
	pos = load_pos(st->res, st->at);
	if (b.len > 0)
		load_err(st, &pos, "%s (schema: %s)", b.data, e->msg);
	else
		load_err(st, &pos, "%s: check it against the %s", e->msg,
		    load_schemas[st->kind].name);
	strbuf_free(&b);
}

/*
 * Some errors come without a node ("Extra element X in interleave"):
 * they belong to the element whose content the next error judges.
 */
void
load_explain(struct load_state *st)
{
	size_t	 i, j;

	for (i = 0; i < st->nrerr; i++)
		for (j = i + 1; st->rerr[i].node == NULL && j < st->nrerr; j++)
			st->rerr[i].node = rng_subject(&st->rerr[j]);
	for (i = 0; i < st->nrerr; i++)
		st->rerr[i].shown = rng_keep(st, i);
	for (i = 0; i < st->nrerr; i++)
		if (st->rerr[i].shown)
			rng_show(st, &st->rerr[i]);
}

/* --- what the schema says, for the explanations --- */

/* The schema as an XML tree, parsed once when an explanation needs it. */
static xmlDocPtr
rng_source(struct load_state *st)
{
	const char	*text = load_schemas[st->kind].text;

	if (load_cache[st->kind].source == NULL) {
		st->file = load_schemas[st->kind].name;
		load_cache[st->kind].source = xmlReadMemory(text,
		    (int)strlen(text), st->file, NULL, LOAD_PARSE_OPTIONS);
	}
	return load_cache[st->kind].source;
}

static int
rng_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
	    xmlStrEqual(n->name, BAD_CAST name);
}

/* The name of an <element> or <attribute> pattern, xml:lang for ours. */
static void
rng_name(const xmlNode *p, struct strbuf *b)
{
	xmlChar	*name = xmlGetProp(p, BAD_CAST "name");
	xmlChar	*ns = xmlGetProp(p, BAD_CAST "ns");

	if (ns != NULL && xmlStrEqual(ns, XML_XML_NAMESPACE))
		strbuf_puts(b, "xml:");
	strbuf_puts(b, name != NULL ? (const char *)name : "?");
	xmlFree(name);
	xmlFree(ns);
}

/* Whether pattern p is called name ("xml:lang" for xml:lang). */
static int
rng_called(const xmlNode *p, const char *name)
{
	struct strbuf	 b = { NULL, 0, 0 };
	int		 same;

	rng_name(p, &b);
	same = strcmp(b.data, name) == 0;
	strbuf_free(&b);
	return same;
}

/* The name of an instance node as the schema writes it. */
static void
rng_node_name(xmlNodePtr n, struct strbuf *b)
{
	if (n->ns != NULL && n->ns->prefix != NULL)
		strbuf_printf(b, "%s:", (const char *)n->ns->prefix);
	strbuf_puts(b, (const char *)n->name);
}

static const xmlNode *
rng_define(xmlDocPtr schema, const xmlChar *name)
{
	const xmlNode	*n;
	xmlChar		*dname;
	int		 found;

	for (n = xmlDocGetRootElement(schema)->children; n != NULL;
	    n = n->next) {
		if (!rng_is(n, "define"))
			continue;
		dname = xmlGetProp(n, BAD_CAST "name");
		found = xmlStrEqual(dname, name);
		xmlFree(dname);
		if (found)
			return n;
	}
	return NULL;
}

/* The next <element name="name"> of the schema after p (NULL: first). */
static xmlNodePtr
rng_element(xmlDocPtr schema, xmlNodePtr p, const char *name)
{
	xmlNodePtr	 top = xmlDocGetRootElement(schema);

	for (p = p == NULL ? top : load_next(top, p, 1); p != NULL;
	    p = load_next(top, p, 1))
		if (rng_is(p, "element") && rng_called(p, name))
			return p;
	return NULL;
}

static int
rng_set_has(const struct rng_set *s, const xmlNode *p)
{
	struct strbuf	 b = { NULL, 0, 0 };
	size_t		 i;

	rng_name(p, &b);
	for (i = 0; i < s->n; i++)
		if (xmlStrEqual(s->item[i]->name, p->name) &&
		    rng_called(s->item[i], b.data))
			break;
	strbuf_free(&b);
	return i < s->n;
}

/* Whether s holds a pattern called name. */
static int
rng_set_find(const struct rng_set *s, const char *name)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (rng_called(s->item[i], name))
			return 1;
	return 0;
}

/* Add p to s; once per name unless mode is RNG_EVERY. */
static void
rng_set_add(struct rng_set *s, const xmlNode *p, enum rng_mode mode)
{
	if (s->n < RNG_SET_MAX && (mode == RNG_EVERY || !rng_set_has(s, p)))
		s->item[s->n++] = p;
}

/* Keep in s only what other holds too. */
static void
rng_set_meet(struct rng_set *s, const struct rng_set *other)
{
	size_t	 i;

	for (i = 0; i < s->n; )
		if (rng_set_has(other, s->item[i]))
			i++;
		else
			s->item[i] = s->item[--s->n];
}

/*
 * Collect the <element> or <attribute> patterns (q->kind) that pattern p
 * allows, or in RNG_REQUIRED mode only those it demands.  Refs are
 * followed; nested elements and attributes are not entered.
 */
static void
rng_pattern(const struct rng_query *q, const xmlNode *p,
    struct rng_set *out, int depth)
{
	const xmlNode	*def;
	xmlChar		*name;

	if (depth > RNG_MAX_REFS || p->type != XML_ELEMENT_NODE)
		return;
	if (rng_is(p, "element") || rng_is(p, "attribute")) {
		if (rng_is(p, q->kind) && xmlHasProp(p, BAD_CAST "name"))
			rng_set_add(out, p, q->mode);
	} else if (rng_is(p, "ref")) {
		name = xmlGetProp(p, BAD_CAST "name");
		if ((def = rng_define(q->schema, name)) != NULL)
			rng_children(q, def, out, depth + 1);
		xmlFree(name);
	} else if (q->mode == RNG_REQUIRED && (rng_is(p, "optional") ||
	    rng_is(p, "zeroOrMore")))
		return;
	else if (q->mode == RNG_REQUIRED && rng_is(p, "choice"))
		rng_choice(q, p, out, depth);
	else
		rng_children(q, p, out, depth);
}

static void
rng_children(const struct rng_query *q, const xmlNode *p,
    struct rng_set *out, int depth)
{
	const xmlNode	*c;

	for (c = p->children; c != NULL; c = c->next)
		rng_pattern(q, c, out, depth);
}

/* What a choice demands: what every one of its branches demands. */
static void
rng_choice(const struct rng_query *q, const xmlNode *p,
    struct rng_set *out, int depth)
{
	struct rng_set	 all, one;
	const xmlNode	*c;
	size_t		 i, n = 0;

	memset(&all, 0, sizeof(all));
	for (c = p->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		memset(&one, 0, sizeof(one));
		rng_pattern(q, c, &one, depth + 1);
		if (n++ == 0)
			all = one;
		else
			rng_set_meet(&all, &one);
	}
	for (i = 0; i < all.n; i++)
		rng_set_add(out, all.item[i], q->mode);
}

/*
 * The elements or attributes (kind) that an element called name may
 * hold over all its definitions; in RNG_REQUIRED mode, what every one
 * demands.
 */
static void
rng_content(struct load_state *st, const char *name, const char *kind,
    enum rng_mode mode, struct rng_set *out)
{
	struct rng_query q = { rng_source(st), kind, mode };
	struct rng_set	 one;
	xmlNodePtr	 p;
	size_t		 i, n = 0;

	memset(out, 0, sizeof(*out));
	for (p = rng_element(q.schema, NULL, name); p != NULL;
	    p = rng_element(q.schema, p, name)) {
		memset(&one, 0, sizeof(one));
		rng_children(&q, p, &one, 0);
		if (mode == RNG_REQUIRED && n++ > 0)
			rng_set_meet(out, &one);
		else
			for (i = 0; i < one.n; i++)
				rng_set_add(out, one.item[i], mode);
	}
}

/* Whether element node holds the attribute or child element p names. */
static int
rng_present(xmlNodePtr node, const xmlNode *p)
{
	struct strbuf	 want = { NULL, 0, 0 }, have = { NULL, 0, 0 };
	xmlNodePtr	 c;
	int		 found = 0;

	rng_name(p, &want);
	c = rng_is(p, "attribute") ? (xmlNodePtr)node->properties :
	    node->children;
	for (; c != NULL && !found; c = c->next) {
		if (c->type != XML_ELEMENT_NODE &&
		    c->type != XML_ATTRIBUTE_NODE)
			continue;
		have.len = 0;
		rng_node_name(c, &have);
		found = strcmp(have.data, want.data) == 0;
	}
	strbuf_free(&want);
	strbuf_free(&have);
	return found;
}

/* The attributes or child elements (kind) node lacks but must have. */
static void
rng_missing(struct load_state *st, xmlNodePtr node, const char *kind,
    struct rng_set *out)
{
	struct rng_set	 req;
	size_t		 i;

	rng_content(st, (const char *)node->name, kind, RNG_REQUIRED, &req);
	memset(out, 0, sizeof(*out));
	for (i = 0; i < req.n; i++)
		if (!rng_present(node, req.item[i]))
			rng_set_add(out, req.item[i], RNG_ALLOWED);
}

/* "a, b, c"; elements in angle brackets with tags. */
static void
rng_list(const struct rng_set *s, int tags, struct strbuf *b)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		strbuf_puts(b, i > 0 ? ", " : "");
		strbuf_puts(b, tags ? "<" : "");
		rng_name(s->item[i], b);
		strbuf_puts(b, tags ? ">" : "");
	}
}

/*
 * What the value of pattern p (an attribute, or an element with text)
 * must look like: its enumerated values, and the a:documentation of its
 * datatype.  Nested elements and attributes are not entered.
 */
static void
rng_hint_of(xmlDocPtr schema, const xmlNode *p, struct rng_hint *h,
    int depth)
{
	const xmlNode	*c, *def;
	xmlChar		*s;

	for (c = p->children; c != NULL && depth <= RNG_MAX_REFS; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || rng_is(c, "element") ||
		    rng_is(c, "attribute"))
			continue;
		if (c->ns != NULL && xmlStrEqual(c->ns->href,
		    BAD_CAST RNG_ANNOTATION_NS)) {
			if (h->doc == NULL && c->children != NULL)
				h->doc = c->children->content;
		} else if (rng_is(c, "value")) {
			s = xmlNodeGetContent(c);
			strbuf_printf(&h->values, "%s%s",
			    h->values.len > 0 ? ", " : "", (const char *)s);
			xmlFree(s);
		} else if (rng_is(c, "ref")) {
			s = xmlGetProp(c, BAD_CAST "name");
			if ((def = rng_define(schema, s)) != NULL)
				rng_hint_of(schema, def, h, depth + 1);
			xmlFree(s);
		} else
			rng_hint_of(schema, c, h, depth + 1);
	}
}

/* The hint for the attribute name of node, over all its patterns. */
static void
rng_hint_attr(struct load_state *st, xmlNodePtr node, const char *name,
    struct rng_hint *h)
{
	struct rng_set	 all;
	size_t		 i;

	rng_content(st, (const char *)node->name, "attribute", RNG_EVERY,
	    &all);
	for (i = 0; i < all.n; i++)
		if (rng_called(all.item[i], name))
			rng_hint_of(rng_source(st), all.item[i], h, 0);
}

/* Whether value is one of the enumerated values of h. */
static int
rng_hint_allows(const struct rng_hint *h, const char *value)
{
	const char	*p = h->values.data;
	size_t		 len = strlen(value);

	while (p != NULL) {
		if (strncmp(p, value, len) == 0 &&
		    (p[len] == '\0' || p[len] == ','))
			return 1;
		if ((p = strstr(p, ", ")) != NULL)
			p += 2;
	}
	return 0;
}

/* "use one of a, b" or "must be <documentation>", as the schema says. */
static void
rng_hint_say(const struct rng_hint *h, struct strbuf *b)
{
	if (h->values.len > 0)
		strbuf_printf(b, "use one of %s", h->values.data);
	else if (h->doc != NULL)
		strbuf_printf(b, "must be %s", (const char *)h->doc);
}

/* "Element <P> may hold: a, b" or "<P> holds no elements". */
static void
rng_say_allowed(struct load_state *st, xmlNodePtr n, struct strbuf *b)
{
	struct rng_set	 allowed;

	rng_content(st, (const char *)n->name, "element", RNG_ALLOWED, &allowed);
	if (allowed.n == 0)
		strbuf_printf(b, "<%s> holds no elements",
		    (const char *)n->name);
	else {
		strbuf_printf(b, "<%s> may hold: ", (const char *)n->name);
		rng_list(&allowed, 0, b);
	}
}

/* --- the explanations, one per kind of libxml2 validity error --- */

/* The last child element of n called name, or NULL. */
static xmlNodePtr
rng_last_child(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 c, last = NULL;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, BAD_CAST name))
			last = c;
	return last;
}

/* "Expecting element X, got Y": shown at Y when it is a child. */
static void
rng_explain_expected(struct load_state *st, const struct rng_error *e,
    struct strbuf *b)
{
	xmlNodePtr	 c;

	if (e->arg1 == NULL || e->arg2 == NULL)
		return;
	if ((c = rng_last_child(e->node, e->arg2)) != NULL)
		st->at = c;
	strbuf_printf(b, "expected the element <%s> here, not <%s>",
	    e->arg1, e->arg2);
}

/* "Did not expect element X there": unknown, missing before, order. */
static void
rng_explain_unexpected(struct load_state *st, const struct rng_error *e,
    struct strbuf *b)
{
	xmlNodePtr	 n = e->node, parent = n->parent;
	const char	*name = (const char *)n->name;
	const char	*pname;
	struct rng_set	 allowed, missing;

	if (parent == NULL || parent->type != XML_ELEMENT_NODE)
		return;
	pname = (const char *)parent->name;
	rng_content(st, pname, "element", RNG_ALLOWED, &allowed);
	rng_missing(st, parent, "element", &missing);
	if (!rng_set_find(&allowed, name))
		strbuf_printf(b, "element <%s> is not allowed in <%s>; ",
		    name, pname);
	else if (missing.n > 0) {
		strbuf_printf(b, "<%s> lacks the required ", pname);
		rng_list(&missing, 1, b);
		strbuf_printf(b, " before <%s>; ", name);
	} else
		strbuf_printf(b, "element <%s> is out of place in <%s> (wrong "
		    "order, or more of them than allowed); ", name, pname);
	rng_say_allowed(st, parent, b);
}

/* "Did not expect text": text stands where only elements may. */
static void
rng_explain_text(struct load_state *st, const struct rng_error *e,
    struct strbuf *b)
{
	xmlNodePtr	 n = rng_subject(e);

	strbuf_printf(b, "text is not allowed directly in <%s>: move it into "
	    "an element or remove it; ", (const char *)n->name);
	rng_say_allowed(st, n, b);
}

/* "it takes: a, b" or "it takes none": the attributes of n. */
static void
rng_say_attrs(struct load_state *st, xmlNodePtr n, struct strbuf *b)
{
	struct rng_set	 attrs;

	rng_content(st, (const char *)n->name, "attribute", RNG_ALLOWED, &attrs);
	strbuf_puts(b, attrs.n == 0 ? "it takes none" : "it takes: ");
	rng_list(&attrs, 0, b);
}

/* "Invalid attribute A for element E": unknown, or a wrong value. */
static void
rng_explain_attr(struct load_state *st, const struct rng_error *e,
    struct strbuf *b)
{
	xmlNodePtr	 n = e->node, a;
	struct strbuf	 name = { NULL, 0, 0 };
	struct rng_hint	 h = { { NULL, 0, 0 }, NULL };
	struct rng_set	 attrs;
	xmlChar		*v;

	for (a = (xmlNodePtr)n->properties; a != NULL; a = a->next)
		if (e->arg1 != NULL && xmlStrEqual(a->name, BAD_CAST e->arg1))
			break;
	if (a == NULL)
		return;
	rng_node_name(a, &name);
	rng_content(st, (const char *)n->name, "attribute", RNG_ALLOWED, &attrs);
	if (!rng_set_find(&attrs, name.data)) {
		strbuf_printf(b, "<%s> has no attribute %s; ",
		    (const char *)n->name, name.data);
		rng_say_attrs(st, n, b);
	} else if (rng_bad_values(st, n, b) == 0) {
		v = xmlNodeGetContent(a);
		rng_hint_attr(st, n, name.data, &h);
		strbuf_printf(b, "%s=\"%s\" is not valid on <%s> here: ",
		    name.data, (const char *)v, (const char *)n->name);
		if (h.doc != NULL)
			strbuf_printf(b, "it must be %s, and ",
			    (const char *)h.doc);
		strbuf_puts(b, "some attributes go only with certain others");
		xmlFree(v);
		strbuf_free(&h.values);
	}
	strbuf_free(&name);
}

/*
 * An attribute value outside its enumeration, said for each such value.
 * Returns how many were found.
 */
static int
rng_bad_values(struct load_state *st, xmlNodePtr n, struct strbuf *b)
{
	struct strbuf	 name = { NULL, 0, 0 };
	struct rng_hint	 h;
	xmlNodePtr	 a;
	xmlChar		*v;
	int		 found = 0;

	for (a = (xmlNodePtr)n->properties; a != NULL; a = a->next) {
		memset(&h, 0, sizeof(h));
		name.len = 0;
		rng_node_name(a, &name);
		rng_hint_attr(st, n, name.data, &h);
		v = xmlNodeGetContent(a);
		if (h.values.len > 0 && !rng_hint_allows(&h, (char *)v))
			strbuf_printf(b, "%s%s=\"%s\" is not a valid value on "
			    "<%s>: use one of %s", found++ > 0 ? "; " : "",
			    name.data, (const char *)v, (const char *)n->name,
			    h.values.data);
		xmlFree(v);
		strbuf_free(&h.values);
	}
	strbuf_free(&name);
	return found;
}

/* ": a=\"1\" (must be ...), b=\"x\"": each attribute with its hint. */
static void
rng_say_each_attr(struct load_state *st, xmlNodePtr n, struct strbuf *b)
{
	struct strbuf	 name = { NULL, 0, 0 };
	struct rng_hint	 h;
	xmlNodePtr	 a;
	xmlChar		*v;

	for (a = (xmlNodePtr)n->properties; a != NULL; a = a->next) {
		memset(&h, 0, sizeof(h));
		name.len = 0;
		rng_node_name(a, &name);
		rng_hint_attr(st, n, name.data, &h);
		v = xmlNodeGetContent(a);
		strbuf_printf(b, "%s %s=\"%s\"", a == (xmlNodePtr)n->properties ?
		    ":" : ",", name.data, (const char *)v);
		if (h.values.len > 0 || h.doc != NULL) {
			strbuf_puts(b, " (");
			rng_hint_say(&h, b);
			strbuf_puts(b, ")");
		}
		xmlFree(v);
		strbuf_free(&h.values);
	}
	strbuf_free(&name);
}

/*
 * "Element E failed to validate attributes": a required attribute is
 * missing, or a value is wrong; failing that, list what each must be.
 */
static void
rng_explain_attrs(struct load_state *st, const struct rng_error *e,
    struct strbuf *b)
{
	xmlNodePtr	 n = rng_subject(e);
	struct rng_set	 missing;

	rng_missing(st, n, "attribute", &missing);
	if (missing.n > 0) {
		strbuf_printf(b, "<%s> lacks the required attribute ",
		    (const char *)n->name);
		rng_list(&missing, 0, b);
	} else if (n->properties == NULL) {
		strbuf_printf(b, "<%s> lacks a required attribute; ",
		    (const char *)n->name);
		rng_say_attrs(st, n, b);
	} else if (rng_bad_values(st, n, b) == 0) {
		strbuf_printf(b, "the attributes of <%s> do not fit together "
		    "or have wrong values; check", (const char *)n->name);
		rng_say_each_attr(st, n, b);
	}
}

/*
 * A value failed its datatype.  If the schema gives the element's text
 * a datatype, the text is the value; otherwise one of its attributes is.
 */
static void
rng_explain_value(struct load_state *st, const struct rng_error *e,
    struct strbuf *b)
{
	xmlNodePtr	 n = e->node;
	struct rng_hint	 h = { { NULL, 0, 0 }, NULL };
	xmlNodePtr	 p;
	xmlChar		*text;

	for (p = rng_element(rng_source(st), NULL, (const char *)n->name);
	    p != NULL; p = rng_element(rng_source(st), p,
	    (const char *)n->name))
		rng_hint_of(rng_source(st), p, &h, 0);
	if (h.values.len == 0 && h.doc == NULL) {
		rng_explain_attrs(st, e, b);
		return;
	}
	text = xmlNodeGetContent(n);
	strbuf_printf(b, "<%s> holds \"%s\", which is not valid: it ",
	    (const char *)n->name, (const char *)text);
	rng_hint_say(&h, b);
	xmlFree(text);
	strbuf_free(&h.values);
}

/* The first child element of n that no definition of n allows. */
static xmlNodePtr
rng_stranger(struct load_state *st, xmlNodePtr n)
{
	struct rng_set	 allowed;
	xmlNodePtr	 c;

	rng_content(st, (const char *)n->name, "element", RNG_ALLOWED, &allowed);
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    !rng_set_find(&allowed, (const char *)c->name))
			return c;
	return NULL;
}

/*
 * An element's content failed as a whole: say what it lacks, what it
 * holds that it may not, or which element stands where it should not.
 */
static void
rng_explain_content(struct load_state *st, const struct rng_error *e,
    struct strbuf *b)
{
	xmlNodePtr	 n = rng_subject(e), c;
	struct rng_set	 missing;

	rng_missing(st, n, "element", &missing);
	if (missing.n > 0) {
		strbuf_printf(b, "<%s> lacks the required ",
		    (const char *)n->name);
		rng_list(&missing, 1, b);
		return;
	}
	if ((c = rng_stranger(st, n)) != NULL) {
		st->at = c;
		strbuf_printf(b, "element <%s> is not allowed in <%s>; ",
		    (const char *)c->name, (const char *)n->name);
	} else if (e->code == XML_RELAXNG_ERR_INTEREXTRA && e->arg1 != NULL &&
	    (c = rng_last_child(n, e->arg1)) != NULL) {
		st->at = c;
		strbuf_printf(b, "<%s> holds <%s> more often than allowed, or "
		    "out of place; ", (const char *)n->name, e->arg1);
	} else
		strbuf_printf(b, "the content of <%s> does not fit the schema; ",
		    (const char *)n->name);
	rng_say_allowed(st, n, b);
}
