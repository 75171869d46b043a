/*
 * load_include: resolves XInclude for load, by hand rather than with
 * libxml2's XInclude, so that every included node keeps the file it came
 * from (struct load_include, read by load_pos()).  An xi:include is
 * replaced by the root element of the file it names, which is parsed
 * like the main file and searched for includes in turn.
 *
 * This part must never include anything outside the folder of the file
 * load_file() was asked for (or below it), anything but parse="xml", a
 * URL, a file already in the chain of includes, or more than
 * LIMIT_INCLUDE_DEPTH levels of files.
 */
#define _XOPEN_SOURCE 700	/* realpath(3) is an XSI function */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/uri.h>

#include "load_int.h"
#include "util.h"

static int		 load_is_include(xmlNodePtr);
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

/*
 * The node after cur in document order within top, or NULL; cur's
 * children are skipped unless down.  Iterative: no recursion on depth.
 */
xmlNodePtr
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
void
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
	if (i == st->nchain && st->nchain <= LIMIT_INCLUDE_DEPTH)
		return 0;
	if (i == st->nchain) {
		load_err(st, pos, "cannot include %s: files include each other "
		    "more than %d deep: include fewer levels", file,
		    LIMIT_INCLUDE_DEPTH);
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
