/*
 * load: reads a report, style or locale file with libxml2 under a safe
 * configuration, resolves XInclude itself so that every node knows the
 * file it came from, enforces size and depth limits, and validates the
 * tree against a RELAX NG schema compiled into the binary.  Every libxml2
 * message becomes a diagnostic with file:line, said in our words where
 * we can.  This file reads, parses, checks limits, validates and holds
 * the interface, helpers for reading the tree included; load_include.c
 * resolves XInclude and load_explain.c says validity errors in our words
 * (load_int.h is what they share).
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
#include <libxml/xmlerror.h>

#include "diag.h"
#include "limit.h"
#include "load.h"
#include "load_int.h"
#include "util.h"

#define LOAD_TOO_DEEP	"elements are nested more than %d deep here: " \
			"flatten the structure"

/* The schemas, compiled into the binary by the Makefile (build/schemas.c). */
extern const char	schema_report[];
extern const char	schema_style[];
extern const char	schema_locale[];

const struct load_builtin load_schemas[SCHEMA__MAX] = {
	{ schema_report, "built-in schema report.rng" },	/* SCHEMA_REPORT */
	{ schema_style, "built-in schema style.rng" },		/* SCHEMA_STYLE */
	{ schema_locale, "built-in schema locale.rng" },	/* SCHEMA_LOCALE */
};

struct load_cached	load_cache[SCHEMA__MAX];

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
static int		 load_top(struct load_state *, const char *);
static int		 load_check_tree(struct load_state *);
static xmlRelaxNGPtr	 load_schema(struct load_state *);
static int		 load_validate(struct load_state *);
static void		 load_on_invalid(void *, xmlErrorPtr);

/* --- diagnostics and libxml2's error channels --- */

void
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
 * and the line libxml2 gives.  Only the first fatal error of a file is
 * shown: libxml2 goes on parsing, and what it reports next mostly follows
 * from the first (a tag "mismatch" after an unquoted attribute).
 */
static void
load_on_error(void *ctx, xmlErrorPtr e)
{
	struct load_state	*st = ctx;
	struct srcpos		 pos;
	const char		*hint = "fix the XML so that it is well-formed";
	char			*msg;
	size_t			 i;

	if (e->level == XML_ERR_FATAL && st->fatal++ > 0)
		return;
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
		load_err(st, &pos, LOAD_TOO_DEEP, LIMIT_XML_DEPTH);
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
 * empty, or larger than LIMIT_FILE_BYTES.  Problems are reported at
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
	else if (sb.st_size > LIMIT_FILE_BYTES)
		load_err(st, &at, "the file has %lld bytes, more than the "
		    "limit of %ld: split it into files joined with xi:include",
		    (long long)sb.st_size, LIMIT_FILE_BYTES);
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
xmlDocPtr
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
	st->fatal = 0;
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

struct srcpos
load_pos_copy(const struct load_result *res, xmlNodePtr node,
    struct arena *arena, const char *own)
{
	struct srcpos	pos = load_pos(res, node);

	pos.file = strcmp(pos.file, own) == 0 ? own :
	    arena_strdup(arena, pos.file);
	return pos;
}

/* --- reading the tree, for model, style and locale --- */

int
load_is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr
load_next_element(xmlNodePtr n, const char *name)
{
	for (; n != NULL; n = n->next)
		if (load_is_element(n, name))
			return n;
	return NULL;
}

xmlNodePtr
load_first_element(xmlNodePtr parent, const char *name)
{
	return parent == NULL ? NULL :
	    load_next_element(parent->children, name);
}

const char *
load_attr(struct arena *arena, xmlNodePtr node, const char *name)
{
	xmlChar		*v;
	const char	*s;

	if (node == NULL ||
	    (v = xmlGetProp(node, (const xmlChar *)name)) == NULL)
		return NULL;
	s = arena_strdup(arena, (const char *)v);
	xmlFree(v);
	return s;
}

/* --- limits --- */

/*
 * Walk the whole tree without recursion: refuse nesting deeper than
 * LIMIT_XML_DEPTH (validation and the model recurse on it), and entity
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
		if (cur->type == XML_ELEMENT_NODE && depth > LIMIT_XML_DEPTH) {
			pos = load_pos(st->res, cur);
			load_err(st, &pos, LOAD_TOO_DEEP, LIMIT_XML_DEPTH);
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
	load_explain(st);
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

/* Keep each validity error; they are judged together in load_explain(). */
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
