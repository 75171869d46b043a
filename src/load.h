/*
 * load: reads a report (or a style or locale) file with libxml2 safely and
 * validates it against a RELAX NG schema compiled into the binary.
 *
 * Safe means: no entity substitution, no network, no DOCTYPE accepted,
 * line numbers beyond 65535, XInclude only of files in the report's own
 * folder or below it, no include cycles.  Every problem is reported through
 * diag with file:line.
 *
 * This module must never interpret the vocabulary: it hands a valid tree
 * to model (or to style and locale), nothing more.
 */
#ifndef BROCHURE_LOAD_H
#define BROCHURE_LOAD_H

#include <libxml/tree.h>

#include "util.h"

enum load_schema {
	SCHEMA_REPORT,		/* src/schema/report.rng */
	SCHEMA_STYLE,		/* src/schema/style.rng */
	SCHEMA_LOCALE,		/* src/schema/locale.rng */
	SCHEMA__MAX
};

struct load_include;			/* a subtree that came from a file */

struct load_result {
	xmlDocPtr		 doc;
	const char		*file;	/* the path that was loaded */
	struct arena		*arena;	/* owns file names of included files */
	struct load_include	*includes; /* roots of included subtrees */
};

/*
 * Load and validate a file.  Returns NULL after reporting every problem
 * (the caller then stops with status 1).  Free with load_free().
 */
struct load_result	*load_file(const char *path, enum load_schema);
void			 load_free(struct load_result *);

/*
 * Where a node came from: the file that held it (the report or an
 * included file) and its line.  Never NULL file.
 */
struct srcpos		 load_pos(const struct load_result *, xmlNodePtr);

/*
 * load_pos() for a caller that keeps positions after load_free(): the
 * file is own when the node lies in the file named own (the caller's
 * copy of the loaded file's name), else a copy of its name in arena.
 */
struct srcpos		 load_pos_copy(const struct load_result *, xmlNodePtr,
			    struct arena *, const char *own);

/*
 * Reading the tree, for model, style and locale.  Returned nodes belong
 * to the document of the load result: never free them, and do not use
 * them after load_free().
 */

/* Whether n is an element called name (in any namespace). */
int			 load_is_element(const xmlNode *n, const char *name);

/*
 * The first element called name among n and the siblings after it, or
 * NULL (also when n is NULL).
 */
xmlNodePtr		 load_next_element(xmlNodePtr n, const char *name);

/*
 * The first child element of parent called name, or NULL (also when
 * parent is NULL).
 */
xmlNodePtr		 load_first_element(xmlNodePtr parent,
			    const char *name);

/*
 * The value of node's attribute name (in any namespace, as xmlGetProp()
 * finds it), copied into arena, which owns it; NULL when node is NULL or
 * has no such attribute.
 */
const char		*load_attr(struct arena *, xmlNodePtr node,
			    const char *name);

/*
 * Free the schemas compiled and cached by load_file().  Call once at
 * exit, before xmlCleanupParser().
 */
void			 load_cleanup(void);

#endif /* BROCHURE_LOAD_H */
