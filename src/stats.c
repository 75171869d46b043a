/*
 * stats: counts facet tags over the entries in scope (the kept entries,
 * after any region filter) and fills count, total and share of every
 * chart bar.  A bar with a literal value takes it as its share.
 *
 * This module must never format or print numbers for the reader, and
 * never divide by zero: no entries in scope gives share 0.
 */
#include <math.h>
#include <stddef.h>

#include "stats.h"

int
stats_count(const struct document *doc, const char *facet, const char *key)
{
	const struct entry	*e;
	int			 count = 0;

	if (facet == NULL || key == NULL)
		return 0;
	for (e = doc->entries; e != NULL; e = e->next)
		count += model_tags_hold(e, facet, key);
	return count;
}

static void
stats_bar(const struct document *doc, const struct chart *ch,
    struct chart_bar *bar)
{
	bar->count = bar->total = 0;
	bar->share = 0;
	if (bar->key != NULL) {
		bar->count = stats_count(doc, ch->facet, bar->key);
		bar->total = (int)doc->nentries;
		if (bar->total > 0)
			bar->share = 100.0 * bar->count / bar->total;
	} else if (isfinite(bar->value))
		bar->share = bar->value;
}

static void
stats_block(struct block *b, void *arg)
{
	const struct document	*doc = arg;
	struct chart_bar	*bar;

	if (b->kind != BLK_CHART)
		return;
	for (bar = b->u.chart.bars; bar != NULL; bar = bar->next)
		stats_bar(doc, &b->u.chart, bar);
}

void
stats_compute(struct document *doc)
{
	model_each_block(doc, stats_block, doc);
}
