/*
 * load_int: what the parts of load share, and nothing else (load.c:
 * reading, parsing, limits, validation and the interface; load_include.c:
 * XInclude; load_explain.c: validity errors said in our words).
 * Included only by load*.c: other modules see load.h alone.
 */
#ifndef BROCHURE_LOAD_INT_H
#define BROCHURE_LOAD_INT_H

#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "limit.h"
#include "load.h"
#include "util.h"

/*
 * No NOENT (entities stay unexpanded), no DTDLOAD, no HUGE: see the
 * libxml2 notes.  BIG_LINES keeps line numbers beyond 65535.
 */
#define LOAD_PARSE_OPTIONS \
	(XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

#define XINCLUDE_NS	"http://www.w3.org/2001/XInclude"

/* A schema compiled into the binary (build/schemas.c). */
struct load_builtin {
	const char	*text;
	const char	*name;	/* for diagnostics about the schema itself */
};

/* A compiled schema and, parsed on demand, its source for hints. */
struct load_cached {
	xmlRelaxNGPtr	 rng;
	xmlDocPtr	 source;
};

extern const struct load_builtin	load_schemas[SCHEMA__MAX];
extern struct load_cached		load_cache[SCHEMA__MAX];

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
	int			 fatal;	/* a fatal error of this file shown */
	int			 errors;
	char			*top;	/* realpath of the folder, with '/' */
	char			*topname; /* the folder as the user named it */
	struct load_frame	 chain[LIMIT_INCLUDE_DEPTH + 1];
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

/* load.c */

/* Report an error at pos (NULL: no position) and count it in st. */
void		 load_err(struct load_state *, const struct srcpos *,
		    const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/*
 * Parse one file, reporting problems at from (the xi:include that names
 * it) or at the file.  Returns NULL after an error; the caller frees the
 * document.  Included files pass the main document's dict.
 */
xmlDocPtr	 load_parse(struct load_state *, const char *,
		    const struct srcpos *from, xmlDictPtr);

/* load_include.c */

/*
 * The node after cur in document order within top, or NULL; cur's
 * children are skipped unless down.  Iterative: no recursion on depth.
 */
xmlNodePtr	 load_next(xmlNodePtr top, xmlNodePtr cur, int down);

/*
 * Replace each xi:include below root by the file it names, recursively;
 * problems are counted in st->errors.
 */
void		 load_includes(struct load_state *, xmlNodePtr root);

/* load_explain.c */

/*
 * Report the validity errors gathered in st->rerr, each once and said
 * in our words where the schema allows.  The caller frees st->rerr.
 */
void		 load_explain(struct load_state *);

#endif /* BROCHURE_LOAD_INT_H */
