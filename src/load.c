/*
 * load: reads a report, style or locale file with libxml2 under a safe
 * configuration, resolves XInclude itself so that every node knows the
 * file it came from, enforces size and depth limits, and validates the
 * tree against a RELAX NG schema compiled into the binary.  Every libxml2
 * message becomes a diagnostic with file:line, said in our words where
 * we can.
 *
 * This module must never let libxml2 print, substitute entities, accept
 * a DOCTYPE, load anything from the network or from outside the folder
 * of the file it was asked to load, or interpret the vocabulary.
 */
#define _XOPEN_SOURCE 700	/* realpath(3) is an XSI function */

#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include "diag.h"
#include "load.h"
#include "util.h"

#define LOAD_MAX_FILE_SIZE	(64L * 1024 * 1024) /* [bytes] per file */
#define LOAD_MAX_DEPTH		128	/* [levels] of nested elements */
#define LOAD_MAX_INCLUDE_DEPTH	16	/* [files] in a chain of includes */

/*
 * No NOENT (entities stay unexpanded), no DTDLOAD, no HUGE: see the
 * libxml2 notes.  BIG_LINES keeps line numbers beyond 65535.
 */
#define LOAD_PARSE_OPTIONS \
	(XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

#define XINCLUDE_NS	"http://www.w3.org/2001/XInclude"
#define LOAD_TOO_DEEP	"elements are nested more than %d deep here: " \
			"flatten the structure"
#define RNG_NS		"http://relaxng.org/ns/structure/1.0"
#define RNG_ANNOTATION_NS \
	"http://relaxng.org/ns/compatibility/annotations/1.0"

#define RNG_SET_MAX	64	/* names in one content model */
#define RNG_MAX_REFS	32	/* nested refs followed in the schema */

/* The schemas, compiled into the binary by the Makefile (build/schemas.c). */
extern const char	schema_report[];
extern const char	schema_style[];
extern const char	schema_locale[];

static const struct {
	const char	*text;
	const char	*name;	/* for diagnostics about the schema itself */
} load_schemas[SCHEMA__MAX] = {
	{ schema_report, "built-in schema report.rng" },	/* SCHEMA_REPORT */
	{ schema_style, "built-in schema style.rng" },		/* SCHEMA_STYLE */
	{ schema_locale, "built-in schema locale.rng" },	/* SCHEMA_LOCALE */
};

/* Compiled schemas and, parsed on demand, their source for hints. */
static struct {
	xmlRelaxNGPtr	 rng;
	xmlDocPtr	 source;
} load_cache[SCHEMA__MAX];

struct load_include {
	xmlNodePtr		 root;	/* moved into the main document */
	const char		*file;	/* as shown in diagnostics */
	struct load_include	*next;
};

struct load_frame {			/* one file in the chain of includes */
	const char	*file;		/* as shown in diagnostics */
	char		*real;		/* realpath(3) */
};

/* A validity error as libxml2 reported it, kept until all are in. */
struct rng_error {
	xmlNodePtr	 node;		/* may be NULL */
	int		 code;		/* xmlRelaxNGValidErr */
	char		*msg;		/* libxml2's text, on one line */
	char		*arg1;		/* may be NULL */
	char		*arg2;		/* may be NULL */
	int		 shown;
};

struct load_state {
	struct load_result	*res;
	enum load_schema	 kind;
	const char		*file;	/* being parsed, for libxml2 errors */
	long			 doctype; /* line of a DOCTYPE, or 0 */
	int			 errors;
	char			*top;	/* realpath of the folder, with '/' */
	char			*topname; /* the folder as the user named it */
	struct load_frame	 chain[LOAD_MAX_INCLUDE_DEPTH + 1];
	size_t			 nchain;
	struct rng_error	*rerr;
	size_t			 nrerr;
	xmlNodePtr		 at;	/* where the error explained is shown */
	xmlExternalEntityLoader	 old_loader;
	xmlGenericErrorFunc	 old_generic;
	void			*old_generic_ctx;
	xmlStructuredErrorFunc	 old_structured;
	void			*old_structured_ctx;
};

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

static void		 load_err(struct load_state *, const struct srcpos *,
			    const char *, ...)
			    __attribute__((format(printf, 3, 4)));
static char		*load_one_line(const char *);
static void		 load_on_error(void *, xmlErrorPtr);
static void		 load_silent(void *, const char *, ...);
static xmlParserInputPtr load_deny(const char *, const char *,
			    xmlParserCtxtPtr);
static void		 load_begin(struct load_state *, const char *,
			    enum load_schema);
static void		 load_end(struct load_state *);
static char		*load_slurp(struct load_state *, const char *,
			    const struct srcpos *, size_t *);
static void		 load_doctype(void *, const xmlChar *,
			    const xmlChar *, const xmlChar *);
static xmlParserCtxtPtr	 load_new_ctxt(struct load_state *, xmlDictPtr);
static xmlDocPtr	 load_parse(struct load_state *, const char *,
			    const struct srcpos *, xmlDictPtr);
static int		 load_top(struct load_state *, const char *);
static xmlNodePtr	 load_next(xmlNodePtr, xmlNodePtr, int);
static int		 load_is_include(xmlNodePtr);
static void		 load_includes(struct load_state *, xmlNodePtr);
static void		 load_include(struct load_state *, xmlNodePtr);
static const char	*load_include_href(struct load_state *, xmlNodePtr,
			    const struct srcpos *);
static const char	*load_include_path(struct load_state *,
			    const char *, const struct srcpos *);
static char		*load_confine(struct load_state *, const char *,
			    const struct srcpos *);
static int		 load_cycle(struct load_state *, const char *,
			    const char *, const struct srcpos *);
static void		 load_xml_ns(xmlNodePtr, xmlDocPtr, xmlDocPtr);
static xmlNodePtr	 load_splice(struct load_state *, xmlNodePtr,
			    xmlDocPtr, const char *);
static int		 load_check_tree(struct load_state *);
static xmlRelaxNGPtr	 load_schema(struct load_state *);
static int		 load_validate(struct load_state *);
static void		 load_on_invalid(void *, xmlErrorPtr);

static int		 rng_known(const struct rng_error *);
static xmlNodePtr	 rng_subject(const struct rng_error *);
static int		 rng_within(xmlNodePtr, xmlNodePtr);
static int		 rng_keep(const struct load_state *, size_t);
static void		 rng_show(struct load_state *, const struct rng_error *);
static void		 rng_report(struct load_state *);
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

/* --- diagnostics and libxml2's error channels --- */

static void
load_err(struct load_state *st, const struct srcpos *pos,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(msg, len > 0 ? (size_t)len + 1 : 1, fmt, ap);
	va_end(ap);
	st->errors++;
	diag_error(pos, "%s", msg);
	free(msg);
}

/* libxml2's messages end in a newline and may hold more: one line. */
static char *
load_one_line(const char *msg)
{
	char	*s, *p;
	size_t	 len;

	s = xstrdup(msg != NULL ? msg : "");
	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
	return s;
}

/* What to do about a well-formedness error, by libxml2 error code. */
static const struct {
	int		 code;
	const char	*hint;
} load_parse_hints[] = {
	{ XML_ERR_DOCUMENT_EMPTY, "the file must hold an XML document" },
	{ XML_ERR_DOCUMENT_END, "a file holds one root element: move the "
	    "rest into it or remove it" },
	{ XML_ERR_INVALID_CHAR, "save the file as UTF-8 (or declare its "
	    "encoding), without control characters" },
	{ XML_ERR_INVALID_ENCODING, "save the file as UTF-8, or declare its "
	    "encoding in <?xml version=\"1.0\" encoding=\"...\"?>" },
	{ XML_ERR_UNDECLARED_ENTITY, "write the character itself or a "
	    "numeric reference such as &#8211;; only &amp; &lt; &gt; &quot; "
	    "&apos; are known" },
	{ XML_ERR_ENTITYREF_SEMICOL_MISSING, "write a literal & as &amp;" },
	{ XML_ERR_NAME_REQUIRED, "write a literal < as &lt; and & as &amp;" },
	{ XML_ERR_LT_IN_ATTRIBUTE, "write a literal < as &lt; in attribute "
	    "values" },
	{ XML_ERR_ATTRIBUTE_NOT_STARTED, "put attribute values in quotes: "
	    "name=\"value\"" },
	{ XML_ERR_ATTRIBUTE_WITHOUT_VALUE, "give the attribute a value in "
	    "quotes: name=\"value\"" },
	{ XML_ERR_ATTRIBUTE_REDEFINED, "give each attribute only once" },
	{ XML_ERR_TAG_NAME_MISMATCH, "close elements in the reverse order "
	    "of opening them" },
	{ XML_ERR_TAG_NOT_FINISHED, "close every element that is opened" },
	{ XML_ERR_GT_REQUIRED, "end the tag with > or />" },
	{ XML_NS_ERR_UNDEFINED_NAMESPACE, "declare the prefix on the root, "
	    "e.g. xmlns:xi=\"" XINCLUDE_NS "\"" },
};

/*
 * libxml2's structured error channel while we parse: each message
 * becomes a diagnostic at the file being parsed (its URL is that file)
 * and the line libxml2 gives.
 */
static void
load_on_error(void *ctx, xmlErrorPtr e)
{
	struct load_state	*st = ctx;
	struct srcpos		 pos;
	const char		*hint = "fix the XML so that it is well-formed";
	char			*msg;
	size_t			 i;

	pos.file = st->file;
	pos.line = e->line > 0 ? e->line : 0;
	msg = load_one_line(e->message);
	for (i = 0; i < sizeof(load_parse_hints) / sizeof(load_parse_hints[0]);
	    i++)
		if (load_parse_hints[i].code == e->code)
			hint = load_parse_hints[i].hint;
	if (e->level == XML_ERR_WARNING)
		diag_warning(&pos, "%s", msg);
	else if (e->code == XML_ERR_INTERNAL_ERROR &&
	    strncmp(msg, "Excessive depth", 15) == 0)
		load_err(st, &pos, LOAD_TOO_DEEP, LOAD_MAX_DEPTH);
	else
		load_err(st, &pos, "%s: %s", msg, hint);
	free(msg);
}

static void
load_silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/*
 * Files reach libxml2 only from memory, so its loader is never needed:
 * it refuses everything (defence in depth against external entities and
 * DTDs), and libxml2 reports the refusal through load_on_error().
 */
static xmlParserInputPtr
load_deny(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
load_begin(struct load_state *st, const char *path, enum load_schema kind)
{
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	st->file = path;
	st->res = xcalloc(1, sizeof(*st->res));
	st->res->arena = arena_new();
	st->res->file = arena_strdup(st->res->arena, path);
	st->old_loader = xmlGetExternalEntityLoader();
	st->old_generic = xmlGenericError;
	st->old_generic_ctx = xmlGenericErrorContext;
	st->old_structured = xmlStructuredError;
	st->old_structured_ctx = xmlStructuredErrorContext;
	xmlSetExternalEntityLoader(load_deny);
	xmlSetGenericErrorFunc(NULL, load_silent);
	xmlSetStructuredErrorFunc(st, load_on_error);
}

static void
load_end(struct load_state *st)
{
	size_t	 i;

	xmlSetExternalEntityLoader(st->old_loader);
	xmlSetGenericErrorFunc(st->old_generic_ctx, st->old_generic);
	xmlSetStructuredErrorFunc(st->old_structured_ctx, st->old_structured);
	for (i = 0; i < st->nchain; i++)
		free(st->chain[i].real);
	free(st->top);
	free(st->topname);
}

/* --- reading and parsing one file --- */

/*
 * Read a whole file into memory, refusing what is not a regular file,
 * empty, or larger than LOAD_MAX_FILE_SIZE.  Problems are reported at
 * from (the xi:include that names the file), or at the file itself.
 */
static char *
load_slurp(struct load_state *st, const char *file,
    const struct srcpos *from, size_t *len)
{
	struct srcpos	 at = { file, 0 };
	struct stat	 sb;
	FILE		*f;
	char		*buf = NULL;

	if (from == NULL)
		from = &at;
	if ((f = fopen(file, "rb")) == NULL) {
		load_err(st, from, "cannot open %s: %s: check the path",
		    from == &at ? "the file" : file, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) == -1 || !S_ISREG(sb.st_mode))
		load_err(st, from, "%s is not a regular file: name an XML "
		    "file", file);
	else if (sb.st_size == 0)
		load_err(st, &at, "the file is empty: it must hold an XML "
		    "document");
	else if (sb.st_size > LOAD_MAX_FILE_SIZE)
		load_err(st, &at, "the file has %lld bytes, more than the "
		    "limit of %ld: split it into files joined with xi:include",
		    (long long)sb.st_size, LOAD_MAX_FILE_SIZE);
	else {
		buf = xmalloc((size_t)sb.st_size);
		*len = fread(buf, 1, (size_t)sb.st_size, f);
		if (*len != (size_t)sb.st_size) {
			load_err(st, &at, "cannot read the file: %s",
			    ferror(f) ? strerror(errno) : "it got shorter");
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

/*
 * SAX hook for <!DOCTYPE>: stop at once, before any entity is declared
 * or expanded (this is what makes an entity bomb harmless and fast).
 */
static void
load_doctype(void *ctx, const xmlChar *name, const xmlChar *external,
    const xmlChar *system)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct load_state	*st = ctxt->_private;

	(void)name;
	(void)external;
	(void)system;
	st->doctype = ctxt->input != NULL ? ctxt->input->line : 1;
	xmlStopParser(ctxt);
}

/*
 * A parser that stops at a DOCTYPE.  Included files share the dictionary
 * of the main document (dict), so that their nodes can move into it.
 */
static xmlParserCtxtPtr
load_new_ctxt(struct load_state *st, xmlDictPtr dict)
{
	xmlParserCtxtPtr	 ctxt;

	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return NULL;
	if (dict != NULL) {
		xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	ctxt->_private = st;
	ctxt->sax->internalSubset = load_doctype;
	return ctxt;
}

/* Parse one file from memory, refusing any DOCTYPE. */
static xmlDocPtr
load_parse(struct load_state *st, const char *file,
    const struct srcpos *from, xmlDictPtr dict)
{
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc;
	struct srcpos		 at = { file, 0 };
	char			*buf;
	size_t			 len;
	int			 before = st->errors;

	if ((buf = load_slurp(st, file, from, &len)) == NULL)
		return NULL;
	if ((ctxt = load_new_ctxt(st, dict)) == NULL) {
		free(buf);
		load_err(st, &at, "out of memory for the XML parser");
		return NULL;
	}
	st->file = file;
	st->doctype = 0;
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, file, NULL,
	    LOAD_PARSE_OPTIONS);
	xmlFreeParserCtxt(ctxt);
	free(buf);
	if (st->doctype > 0) {
		at.line = st->doctype;
		load_err(st, &at, "a DOCTYPE is not allowed: remove it; the "
		    "vocabulary needs no DTD, and entities are not supported "
		    "(write characters in UTF-8 or as &#NNNN;)");
	} else if (doc == NULL && st->errors == before)
		load_err(st, &at, "cannot parse the file: check that it is "
		    "well-formed XML");
	if (st->errors > before) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* Parse the file asked for, note its folder, resolve its includes. */
static int
load_top(struct load_state *st, const char *path)
{
	struct load_frame	*f = &st->chain[0];
	struct srcpos		 pos = { path, 0 };
	char			*slash;

	if ((st->res->doc = load_parse(st, path, NULL, NULL)) == NULL)
		return 0;
	if ((f->real = realpath(path, NULL)) == NULL) {
		load_err(st, &pos, "cannot resolve the path: %s",
		    strerror(errno));
		return 0;
	}
	f->file = st->res->file;
	st->nchain = 1;
	slash = strrchr(f->real, '/');
	st->top = xstrndup(f->real, (size_t)(slash - f->real) + 1);
	slash = strrchr(path, '/');
	st->topname = slash == NULL ? xstrdup(".") :
	    xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	load_includes(st, xmlDocGetRootElement(st->res->doc));
	return st->errors == 0;
}

/* --- positions --- */

struct srcpos
load_pos(const struct load_result *res, xmlNodePtr node)
{
	struct srcpos			 pos = { res->file, 0 };
	const struct load_include	*inc;
	xmlNodePtr			 n;
	long				 line;

	if (node == NULL)
		return pos;
	line = xmlGetLineNo(node);
	pos.line = line > 0 ? line : 0;
	for (n = node; n != NULL && n->type != XML_DOCUMENT_NODE;
	    n = n->parent)
		for (inc = res->includes; inc != NULL; inc = inc->next)
			if (inc->root == n) {
				pos.file = inc->file;
				return pos;
			}
	return pos;
}

/* --- XInclude --- */

/*
 * The node after cur in document order within top, or NULL; cur's
 * children are skipped unless down.  Iterative: no recursion on depth.
 */
static xmlNodePtr
load_next(xmlNodePtr top, xmlNodePtr cur, int down)
{
	if (down && cur->type == XML_ELEMENT_NODE && cur->children != NULL)
		return cur->children;
	while (cur != top) {
		if (cur->next != NULL)
			return cur->next;
		cur = cur->parent;
	}
	return NULL;
}

static int
load_is_include(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST XINCLUDE_NS) &&
	    xmlStrEqual(n->name, BAD_CAST "include");
}

/*
 * Replace each xi:include below root by the root element of the file it
 * names; the included subtree is then searched in turn.  The root itself
 * is never replaced: as a root, xi:include fails validation.
 */
static void
load_includes(struct load_state *st, xmlNodePtr root)
{
	xmlNodePtr	*found = NULL;
	xmlNodePtr	 cur;
	size_t		 n = 0, i;

	for (cur = root; cur != NULL;
	    cur = load_next(root, cur, !load_is_include(cur)))
		if (cur != root && load_is_include(cur)) {
			found = xrealloc(found, (n + 1) * sizeof(*found));
			found[n++] = cur;
		}
	for (i = 0; i < n; i++)
		load_include(st, found[i]);
	free(found);
}

static void
load_include(struct load_state *st, xmlNodePtr inc)
{
	struct srcpos	 pos = load_pos(st->res, inc);
	const char	*href, *file;
	char		*real;
	xmlDocPtr	 sub;
	xmlNodePtr	 root;

	if ((href = load_include_href(st, inc, &pos)) == NULL ||
	    (file = load_include_path(st, href, &pos)) == NULL ||
	    (real = load_confine(st, file, &pos)) == NULL)
		return;
	if (load_cycle(st, file, real, &pos) ||
	    (sub = load_parse(st, file, &pos, st->res->doc->dict)) == NULL) {
		free(real);
		return;
	}
	root = load_splice(st, inc, sub, file);
	st->chain[st->nchain].file = file;
	st->chain[st->nchain++].real = real;
	load_includes(st, root);
	free(st->chain[--st->nchain].real);
}

/* The href of an xi:include we support: parse="xml", nothing else. */
static const char *
load_include_href(struct load_state *st, xmlNodePtr inc,
    const struct srcpos *pos)
{
	xmlAttrPtr	 a;
	xmlNodePtr	 c;
	xmlChar		*parse, *href;
	const char	*copy;

	for (a = inc->properties; a != NULL; a = a->next)
		if (a->ns != NULL || (!xmlStrEqual(a->name, BAD_CAST "href") &&
		    !xmlStrEqual(a->name, BAD_CAST "parse"))) {
			load_err(st, pos, "xi:include: the attribute %s is not "
			    "supported: use only href and parse=\"xml\"",
			    (const char *)a->name);
			return NULL;
		}
	for (c = inc->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			load_err(st, pos, "xi:include: <%s> is not supported: "
			    "remove it (a missing file is always an error)",
			    (const char *)c->name);
			return NULL;
		}
	parse = xmlGetProp(inc, BAD_CAST "parse");
	if (parse != NULL && !xmlStrEqual(parse, BAD_CAST "xml")) {
		load_err(st, pos, "xi:include: parse=\"%s\" is not supported: "
		    "include XML files only (parse=\"xml\")",
		    (const char *)parse);
		xmlFree(parse);
		return NULL;
	}
	xmlFree(parse);
	if ((href = xmlGetProp(inc, BAD_CAST "href")) == NULL) {
		load_err(st, pos, "xi:include lacks href: name the file to "
		    "include");
		return NULL;
	}
	copy = arena_strdup(st->res->arena, (const char *)href);
	xmlFree(href);
	return copy;
}

/*
 * The file an href names, as shown in diagnostics: relative to the
 * folder of the including file.  URLs, queries and fragments are refused.
 */
static const char *
load_include_path(struct load_state *st, const char *href,
    const struct srcpos *pos)
{
	const char	*from = st->chain[st->nchain - 1].file;
	const char	*slash, *p;
	char		*path, *file;

	for (p = href; *p != '\0' && *p != '/' && *p != ':'; p++)
		continue;
	if (*href == '\0' || *p == ':' || strpbrk(href, "?#") != NULL) {
		load_err(st, pos, "xi:include href=\"%s\" is not a file path: "
		    "name a file relative to this one, without URL scheme, "
		    "query or fragment", href);
		return NULL;
	}
	if ((path = xmlURIUnescapeString(href, 0, NULL)) == NULL) {
		load_err(st, pos, "out of memory");
		return NULL;
	}
	slash = strrchr(from, '/');
	if (*path == '/' || slash == NULL)
		file = arena_strdup(st->res->arena, path);
	else
		file = arena_printf(st->res->arena, "%.*s/%s",
		    (int)(slash - from), from, path);
	xmlFree(path);
	return file;
}

/*
 * The real path of an included file, which must exist and lie in the
 * folder of the file load_file() was asked for, or below it; realpath(3)
 * resolves "..", absolute paths and symbolic links alike.
 */
static char *
load_confine(struct load_state *st, const char *file,
    const struct srcpos *pos)
{
	char	*real;

	if ((real = realpath(file, NULL)) == NULL) {
		load_err(st, pos, "cannot include %s: %s: check the href "
		    "(it is relative to the including file)", file,
		    strerror(errno));
		return NULL;
	}
	if (strncmp(real, st->top, strlen(st->top)) != 0) {
		load_err(st, pos, "cannot include %s: it lies outside the "
		    "folder %s: keep included files in that folder or below",
		    file, st->topname);
		free(real);
		return NULL;
	}
	return real;
}

/* Whether including real now would close a cycle or go too deep. */
static int
load_cycle(struct load_state *st, const char *file, const char *real,
    const struct srcpos *pos)
{
	struct strbuf	 b = { NULL, 0, 0 };
	size_t		 i, j;

	for (i = 0; i < st->nchain; i++)
		if (strcmp(st->chain[i].real, real) == 0)
			break;
	if (i == st->nchain && st->nchain <= LOAD_MAX_INCLUDE_DEPTH)
		return 0;
	if (i == st->nchain) {
		load_err(st, pos, "cannot include %s: files include each other "
		    "more than %d deep: include fewer levels", file,
		    LOAD_MAX_INCLUDE_DEPTH);
		return 1;
	}
	for (j = i; j < st->nchain; j++)
		strbuf_printf(&b, "%s includes ", st->chain[j].file);
	strbuf_puts(&b, file);
	load_err(st, pos, "XInclude cycle: %s: remove one of these includes",
	    b.data);
	strbuf_free(&b);
	return 1;
}

/*
 * The xml: namespace (of xml:lang) belongs to the document, not to a
 * node: point the moved nodes at the main document's.
 */
static void
load_xml_ns(xmlNodePtr root, xmlDocPtr from, xmlDocPtr to)
{
	xmlNsPtr	 ns;
	xmlNodePtr	 n;
	xmlAttrPtr	 a;

	if (from->oldNs == NULL)
		return;
	ns = xmlSearchNs(to, xmlDocGetRootElement(to), BAD_CAST "xml");
	for (n = root; n != NULL; n = load_next(root, n, 1)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == from->oldNs)
			n->ns = ns;
		for (a = n->properties; a != NULL; a = a->next)
			if (a->ns == from->oldNs)
				a->ns = ns;
	}
}

/*
 * Move the root of sub in place of inc.  Moving keeps the line numbers
 * beyond 65535 that libxml2 keeps in node->psvi: xmlDocCopyNode() loses
 * them and xmlDOMWrapAdoptNode() zeroes every line.
 */
static xmlNodePtr
load_splice(struct load_state *st, xmlNodePtr inc, xmlDocPtr sub,
    const char *file)
{
	xmlNodePtr		 root = xmlDocGetRootElement(sub);
	struct load_include	*li;

	xmlUnlinkNode(root);
	load_xml_ns(root, sub, st->res->doc);
	xmlSetTreeDoc(root, st->res->doc);
	xmlReplaceNode(inc, root);
	xmlFreeNode(inc);
	xmlFreeDoc(sub);
	li = ARENA_NEW(st->res->arena, struct load_include);
	li->root = root;
	li->file = file;
	li->next = st->res->includes;
	st->res->includes = li;
	return root;
}

/* --- limits --- */

/*
 * Walk the whole tree without recursion: refuse nesting deeper than
 * LOAD_MAX_DEPTH (validation and the model recurse on it), and entity
 * references, which the vocabulary does not use.
 */
static int
load_check_tree(struct load_state *st)
{
	xmlNodePtr	 top = xmlDocGetRootElement(st->res->doc), cur = top;
	struct srcpos	 pos;
	int		 depth = 1;

	while (cur != NULL) {
		if (cur->type == XML_ENTITY_REF_NODE) {
			pos = load_pos(st->res, cur);
			load_err(st, &pos, "the entity reference &%s; is not "
			    "supported: write the character itself",
			    (const char *)cur->name);
		}
		if (cur->type == XML_ELEMENT_NODE && depth > LOAD_MAX_DEPTH) {
			pos = load_pos(st->res, cur);
			load_err(st, &pos, LOAD_TOO_DEEP, LOAD_MAX_DEPTH);
			return 0;
		}
		if (cur->type == XML_ELEMENT_NODE && cur->children != NULL) {
			cur = cur->children;
			depth++;
			continue;
		}
		while (cur != top && cur->next == NULL) {
			cur = cur->parent;
			depth--;
		}
		cur = cur == top ? NULL : cur->next;
	}
	return st->errors == 0;
}

/* --- validation --- */

static xmlRelaxNGPtr
load_schema(struct load_state *st)
{
	xmlRelaxNGParserCtxtPtr	 pctxt;
	const char		*text = load_schemas[st->kind].text;

	if (load_cache[st->kind].rng != NULL)
		return load_cache[st->kind].rng;
	st->file = load_schemas[st->kind].name;
	pctxt = xmlRelaxNGNewMemParserCtxt(text, (int)strlen(text));
	if (pctxt == NULL) {
		load_err(st, NULL, "out of memory for the schema");
		return NULL;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, load_on_error, st);
	load_cache[st->kind].rng = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (load_cache[st->kind].rng == NULL)
		load_err(st, NULL, "internal error: the %s does not compile",
		    load_schemas[st->kind].name);
	return load_cache[st->kind].rng;
}

static int
load_validate(struct load_state *st)
{
	xmlRelaxNGPtr		 rng;
	xmlRelaxNGValidCtxtPtr	 vctxt;
	int			 rc;
	size_t			 i;

	if ((rng = load_schema(st)) == NULL)
		return 0;
	if ((vctxt = xmlRelaxNGNewValidCtxt(rng)) == NULL) {
		load_err(st, NULL, "out of memory for validation");
		return 0;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, load_on_invalid, st);
	rc = xmlRelaxNGValidateDoc(vctxt, st->res->doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	rng_report(st);
	for (i = 0; i < st->nrerr; i++) {
		free(st->rerr[i].msg);
		free(st->rerr[i].arg1);
		free(st->rerr[i].arg2);
	}
	free(st->rerr);
	st->rerr = NULL;
	st->nrerr = 0;
	if (rc != 0 && st->errors == 0)
		load_err(st, NULL, "%s does not match the %s",
		    st->res->file, load_schemas[st->kind].name);
	return rc == 0 && st->errors == 0;
}

/* Keep each validity error; they are judged together in rng_report(). */
static void
load_on_invalid(void *ctx, xmlErrorPtr e)
{
	struct load_state	*st = ctx;
	struct rng_error	*r;

	st->rerr = xrealloc(st->rerr, (st->nrerr + 1) * sizeof(*st->rerr));
	r = &st->rerr[st->nrerr++];
	r->node = e->node;
	r->code = e->code;
	r->msg = load_one_line(e->message);
	r->arg1 = e->str1 != NULL ? xstrdup(e->str1) : NULL;
	r->arg2 = e->str2 != NULL ? xstrdup(e->str2) : NULL;
	r->shown = 0;
}

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
static void
rng_report(struct load_state *st)
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

/* --- the interface --- */

struct load_result *
load_file(const char *path, enum load_schema kind)
{
	struct load_state	 st;
	int			 ok;

	assert(kind < SCHEMA__MAX);
	load_begin(&st, path, kind);
	ok = load_top(&st, path) && load_check_tree(&st) &&
	    load_validate(&st);
	load_end(&st);
	if (!ok) {
		load_free(st.res);
		return NULL;
	}
	return st.res;
}

void
load_free(struct load_result *res)
{
	if (res == NULL)
		return;
	xmlFreeDoc(res->doc);
	arena_free(res->arena);
	free(res);
}

void
load_cleanup(void)
{
	size_t	 i;

	for (i = 0; i < SCHEMA__MAX; i++) {
		xmlRelaxNGFree(load_cache[i].rng);
		xmlFreeDoc(load_cache[i].source);
		load_cache[i].rng = NULL;
		load_cache[i].source = NULL;
	}
}
