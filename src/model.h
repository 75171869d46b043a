/*
 * model: the report as C structs, read from the validated XML tree.
 *
 * model_read() walks the libxml2 tree that load produced and builds a
 * struct document in one arena: meta, entries, quotes, the body as a tree
 * of blocks, the imprint.  It picks one language out of every group of
 * xml:lang alternatives, keeps the blocks of the requested variant and, when
 * a region is given, only that region's entries and their quotes.  Every
 * node carries the file:line it came from.
 *
 * Below this module nobody sees libxml2, and nobody needs to know which
 * language was asked for except through the locale.
 * This module must never resolve references or judge content: that is
 * check's job.
 */
#ifndef BROCHURE_MODEL_H
#define BROCHURE_MODEL_H

#include <limits.h>

#include "util.h"

struct load_result;

/*
 * A count attribute that was not given (employees, population).  Any
 * other negative value was written in the file: check reports it.
 */
#define MODEL_NO_NUMBER	LONG_MIN

/* --- inline content --- */

enum inline_kind {
	INL_TEXT,	/* text: a run of characters, whitespace as in XML */
	INL_EM,		/* child: emphasised content */
	INL_STRONG,	/* child: strongly emphasised content */
	INL_SUP,	/* child: superscript */
	INL_BR,		/* a forced line break (titles only) */
	INL_Q,		/* child: inline quotation; the locale adds marks */
	INL_LINK,	/* href, child: an external link */
	INL_REF,	/* to, child (may be NULL): a cross-reference */
	INL_NOTE,	/* child: the text of a footnote */
	INL__MAX
};

extern const char *const inline_kind_names[INL__MAX];

struct inline_node {
	enum inline_kind	 kind;
	struct srcpos		 pos;
	struct inline_node	*next;
	struct inline_node	*child;	/* content of container kinds */
	const char		*text;	/* INL_TEXT: UTF-8 */
	const char		*href;	/* INL_LINK */
	const char		*to;	/* INL_REF: the target id */
};

/* --- blocks --- */

enum block_kind {
	BLK_PARA,		/* p */
	BLK_LIST,		/* list of items */
	BLK_SECTION,		/* section with title and blocks */
	BLK_PULL_QUOTE,		/* pull-quote ref= */
	BLK_CHART,		/* chart */
	BLK_FIGURE,		/* figure */
	BLK_ENTRY_LIST,		/* entry-list */
	BLK_CONTACT,		/* imprint: contact */
	BLK_PUBLISHER,		/* imprint: publisher */
	BLK_FUNDING,		/* imprint: funding */
	BLK_PHOTO_CREDITS,	/* imprint: photo-credits */
	BLK__MAX
};

extern const char *const block_kind_names[BLK__MAX];

enum list_type {
	LIST_BULLET,
	LIST_NUMBER
};

struct list_item {
	struct srcpos		 pos;
	struct list_item	*next;
	struct inline_node	*content;
};

enum chart_type {
	CHART_BAR,
	CHART_RING
};

struct chart_bar {
	struct srcpos		 pos;
	struct chart_bar	*next;
	const char		*key;	/* NULL when a literal value */
	double			 value;	/* [%] literal value; -INFINITY when
					 * none, NaN when not a number; a
					 * given value out of 0..100 is kept
					 * for check to report */
	struct inline_node	*label;
	/* Filled by stats: */
	int			 count;	/* entries in scope holding key */
	int			 total;	/* entries in scope */
	double			 share;	/* [%] count / total, or value */
};

struct chart {
	enum chart_type		 type;
	const char		*facet;	/* NULL when every bar has a value */
	int			 multiple; /* several keys per entry possible */
	struct inline_node	*title;
	struct inline_node	*caption;
	struct chart_bar	*bars;
};

enum figure_width {
	FIGURE_COLUMN,
	FIGURE_PAGE
};

struct figure {
	const char		*src;	/* resolved against its file's folder */
	const char		*credit;
	enum figure_width	 width;
	struct inline_node	*caption;
	const char		*alt;	/* required by the schema */
};

enum entry_sort {
	SORT_TITLE,
	SORT_REGION,
	SORT_SINCE
};

struct contact {
	struct inline_node	*org, *street, *city, *email, *web;
};

struct block {
	enum block_kind		 kind;
	struct srcpos		 pos;
	struct block		*next;
	const char		*id;	/* NULL when none */
	const char		*lang;	/* its xml:lang, own or inherited */
	union {
		struct inline_node	*para;		/* BLK_PARA */
		struct {
			enum list_type	 type;
			int		 start;
			struct list_item *items;
		} list;					/* BLK_LIST */
		struct {
			struct inline_node *title;
			struct block	*children;
			int		 level;	 /* 1 top-level, 2, ... */
			int		 number; /* top level: 1, 2, ...; else 0 */
		} section;				/* BLK_SECTION */
		struct {
			const char	*ref;
			struct quote	*quote;	/* set by check */
		} pull_quote;				/* BLK_PULL_QUOTE */
		struct chart	 chart;			/* BLK_CHART */
		struct figure	 figure;		/* BLK_FIGURE */
		struct {
			enum entry_sort	 sort;
			const char	*region; /* NULL: every entry */
		} entry_list;				/* BLK_ENTRY_LIST */
		struct {
			const char	*label;	/* NULL: the locale's */
			struct contact	 contact;	/* BLK_CONTACT */
			struct inline_node *text;	/* BLK_PUBLISHER */
			struct block	*blocks;	/* BLK_FUNDING */
			const char	*logo;	/* BLK_FUNDING, resolved */
		} imprint;		/* BLK_CONTACT, _PUBLISHER, _FUNDING */
	} u;
};

/* --- entries and quotes --- */

enum partner_role {
	PARTNER_SME,
	PARTNER_CREATIVE
};

struct partner {
	struct srcpos		 pos;
	struct partner		*next;
	enum partner_role	 role;
	const char		*sector;	/* sme: free text, may be NULL */
	long			 employees;	/* sme: MODEL_NO_NUMBER if not
						 * given, -1 if not a number */
	const char		*submarket;	/* creative: one of twelve keys */
	int			 urban;
	struct inline_node	*name;
};

struct tags {
	struct srcpos		 pos;
	struct tags		*next;
	const char		*facet;
	const char	       **keys;
	size_t			 nkeys;
};

struct media {
	struct srcpos		 pos;
	struct media		*next;
	const char		*kind;	/* video, podcast, web */
	const char		*href;
	struct inline_node	*label;
};

struct entry {
	struct srcpos		 pos;
	struct entry		*next;	/* in document order */
	const char		*id;
	const char		*lang;	/* its xml:lang, own or inherited */
	int			 since;	/* year; 0 when not given, -1 when
					 * not a positive number */
	const char		*region, *country, *href;
	struct inline_node	*title;
	struct partner		*partners;
	struct inline_node	*place;
	struct srcpos		 place_pos;
	long			 population; /* MODEL_NO_NUMBER if not given,
					      * -1 if not a number */
	struct tags		*tags;
	struct block		*summary;
	struct block		*advice;
	struct media		*media;
};

struct quote {
	struct srcpos		 pos;
	struct quote		*next;
	const char		*id;
	const char		*lang;		/* its xml:lang, own or
						   inherited */
	const char		*entry;		/* tied entry id or NULL */
	struct inline_node	*text;
	struct inline_node	*speaker;
	struct inline_node	*role;
	struct inline_node	*org;
	struct inline_node	*context;
};

/* --- meta --- */

struct population_limit {
	struct srcpos		 pos;
	struct population_limit	*next;
	const char		*country;
	long			 max;		/* -1 when not a number */
};

/* A region's name in the build's language, from meta/regions. */
struct region_name {
	struct srcpos		 pos;
	struct region_name	*next;
	const char		*key;		/* as entries' @region */
	const char		*name;
};

struct meta {
	struct srcpos		 pos;
	struct inline_node	*title;
	struct inline_node	*subtitle;
	struct inline_node	*series;
	const char		*date;		/* as written: YYYY-MM[-DD] */
	int			 year, month, day;	/* day 0 if absent;
					 * all 0 when date is not in
					 * that form */
	struct inline_node	*publisher;
	const char	       **authors;
	size_t			 nauthors;
	const char		*keywords;
	const char		*cover_src;	/* resolved, or NULL */
	const char		*cover_credit;
	long			 max_employees;	 /* default 250; -1: bad */
	long			 max_population; /* default 20000; -1: bad */
	struct population_limit	*population_limits;
	struct region_name	*regions;	/* document order */
};

/*
 * Something the region filter or the variant left out of this build but
 * that a reference may still name: an entry (with everything read, so a
 * reference can fall back to its href or title and check still sees its
 * tags), a quote of a dropped entry, or a block with an id.
 */
struct dropped {
	struct srcpos		 pos;
	struct dropped		*next;
	const char		*id;
	const struct entry	*entry;	/* NULL unless an entry */
};

/* --- the document --- */

enum variant {
	VARIANT_REPORT,
	VARIANT_HANDOUT
};

struct model_options {
	const char	*lang;		/* NULL: the report's language */
	const char	*region;	/* NULL: every region */
	enum variant	 variant;
};

struct document {
	struct arena	*arena;		/* owns everything below */
	const char	*file;		/* the report's path */
	const char	*report_lang;	/* xml:lang of <report> */
	const char	*lang;		/* the language built */
	const char	*region;	/* NULL or the region kept */
	enum variant	 variant;
	struct meta	 meta;
	struct entry	*entries;	/* kept entries, document order */
	size_t		 nentries;
	struct quote	*quotes;	/* kept quotes, document order */
	struct block	*body;		/* top-level sections */
	struct block	*imprint;	/* imprint blocks in order, or NULL */
	struct srcpos	 imprint_pos;
	int		 lang_fallbacks; /* groups without the wanted language */
	struct dropped	*dropped;	/* left out, with an id; doc order */
	struct check_index *index;	/* ids to targets, set by check */
};

/*
 * Build the document from a loaded report.  Reports problems through
 * diag; returns NULL only when nothing could be built (then an error
 * was reported).  Free with model_free().
 */
struct document	*model_read(const struct load_result *,
		    const struct model_options *);
void		 model_free(struct document *);

/*
 * Call fn for every block of the document, parents before children:
 * the entries' summary and advice, the body, the imprint (with the
 * funding's blocks).  Dropped content is not visited.
 */
void		 model_each_block(struct document *,
		    void (*fn)(struct block *, void *), void *arg);
/*
 * Call fn for every inline node at any depth (notes and their content
 * included) of meta, the kept entries and quotes, and every block.
 */
void		 model_each_inline(struct document *,
		    void (*fn)(struct inline_node *, void *), void *arg);

/*
 * The name of region key in the build's language: its meta/regions name,
 * else key itself.  Owned by the document.
 */
const char	*model_region_name(const struct document *, const char *key);

/* Whether the entry's tags of facet hold key. */
int		 model_tags_hold(const struct entry *, const char *facet,
		    const char *key);

/*
 * Append the plain text of an inline list to buf (no markup, notes
 * left out, a space for br).  Used for sorting, outlines and metadata.
 */
void		 model_inline_text(const struct inline_node *, struct strbuf *);
/* The same, as a new string in arena. */
const char	*model_plain(struct arena *, const struct inline_node *);

#endif /* BROCHURE_MODEL_H */
