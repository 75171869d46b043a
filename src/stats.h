/*
 * stats: counts facet tags over the entries in scope and fills every
 * chart's bars with count, total and share.
 *
 * Share is count / total in percent (or the literal value), not yet
 * rounded: rounding for print is the locale's job.  No entries in scope
 * gives total 0 and share 0, never a division by zero.
 *
 * This module must never format or print numbers for the reader.
 */
#ifndef BROCHURE_STATS_H
#define BROCHURE_STATS_H

#include "model.h"

/* Fill count/total/share of every chart in the body. */
void	stats_compute(struct document *);

/* How many entries in scope hold key in facet. */
int	stats_count(const struct document *, const char *facet,
	    const char *key);

#endif /* BROCHURE_STATS_H */
