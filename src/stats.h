/*
 * stats: counts facet tags over the entries in scope and fills every
 * chart's bars with count, total and share; prints them for
 * `brochure stats`.
 *
 * Share is count / total in percent (or the literal value), not yet
 * rounded: rounding for print is the locale's job.  No entries in scope
 * gives total 0 and share 0, never a division by zero, and a warning.
 *
 * This module must never lay out anything, and never format a number for
 * the reader itself: shares are printed through the locale.
 */
#ifndef BROCHURE_STATS_H
#define BROCHURE_STATS_H

#include <stdio.h>

#include "locale.h"
#include "model.h"

/* What stats_print writes. */
enum stats_format {
	STATS_TABLE,	/* aligned columns for people */
	STATS_CSV,	/* RFC 4180: a header line, then one row per bar */
	STATS_JSON,	/* an array of charts, each with its bars */
	STATS__MAX
};

/* "table", "csv", "json": the words of --format, by enum value. */
extern const char *const stats_format_names[STATS__MAX];

/*
 * Fill count/total/share of every chart bar.  A chart that counts
 * entries (a bar with key=) when none is in scope is reported as a
 * warning at the chart: it is set empty, with a note.
 */
void	stats_compute(struct document *);

/* How many entries in scope hold key in facet. */
int	stats_count(const struct document *, const char *facet,
	    const char *key);

/*
 * Whether the bar has a share to show: a literal value, or a count
 * over at least one entry.  A bar without one is drawn empty.
 */
int	stats_bar_has_share(const struct chart_bar *);

/* Whether the chart counts entries but none is in scope. */
int	stats_chart_empty(const struct chart *);

/*
 * Print the bars of every chart of the document, in document order,
 * after stats_compute.  Each bar gives its chart's id, key, label (plain
 * text), count, total, its share as the PDF prints it
 * (locale_format_percent) and the share as a plain number (4 decimals,
 * a point).  What a bar lacks (key, count and total of a literal value;
 * the share of an empty bar) is left empty: "" in CSV, null in JSON,
 * "-" in the table.  Returns 0, or -1 after reporting a write error.
 */
int	stats_print(const struct document *, const struct locale *,
	    enum stats_format, FILE *);

#endif /* BROCHURE_STATS_H */
