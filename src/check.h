/*
 * check: judges the document once, between model and typeset.
 *
 * It resolves every reference (ref to=, pull-quote ref=, quote entry=),
 * reports duplicate ids and dangling targets (errors), unknown facets and
 * keys in charts (errors), chart values out of range, and entries that
 * break the inclusion criteria (warnings naming entry, criterion and
 * file:line).  After check, later stages may assume a consistent tree and
 * assert on the impossible.
 *
 * This module must never change what the document says, except to fill in
 * resolved pointers.
 */
#ifndef BROCHURE_CHECK_H
#define BROCHURE_CHECK_H

#include "model.h"

enum target_kind {
	TARGET_ENTRY,
	TARGET_SECTION,
	TARGET_QUOTE,
	TARGET_CHART,
	TARGET_FIGURE,
	TARGET_OTHER,	/* any other block with an id */
	TARGET__MAX
};

struct target {
	const char		*id;
	enum target_kind	 kind;
	const void		*node;	/* struct entry, quote or block */
	struct srcpos		 pos;
};

/*
 * Check the document.  Returns the number of errors reported (0: the
 * document can be set).  Warnings do not count.
 */
int			 check_document(struct document *);

/* The target with this id, or NULL (valid after check_document). */
const struct target	*check_find(const struct document *, const char *id);

/*
 * What this build left out under this id (an entry the region filter
 * dropped, a quote of one, a block of the other variant), or NULL.  A ref
 * whose check_find() is NULL names one of these (check warned): set an
 * entry as a link to entry->href, or as its plain title without href;
 * anything else as the ref's own content.
 */
const struct dropped	*check_find_dropped(const struct document *,
			    const char *id);

#endif /* BROCHURE_CHECK_H */
