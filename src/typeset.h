/*
 * typeset: turns the checked document into pages.
 *
 * It flattens inline content into styled spans (emphasis, links, notes,
 * references worded by the locale), has text set them into lines, and pours
 * blocks into the style's page frame: cover, sections with their numbers,
 * paragraphs, lists, pull quotes, charts, figures, entry profiles, notes,
 * the imprint, a running footer.  Cross-references are resolved by setting
 * the document again until no page number changes.
 *
 * This module must never call libharu or libxml2: it writes a display
 * list (layout.h) and nothing else.
 */
#ifndef BROCHURE_TYPESET_H
#define BROCHURE_TYPESET_H

#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "locale.h"
#include "model.h"
#include "style.h"

struct typeset_stats {
	int	pages;
	int	lines;
	int	overfull;	/* lines wider than their measure */
	int	hyphenated;	/* lines ending in a hyphen */
	int	widows;		/* a paragraph's last lines alone at a column top */
	int	orphans;	/* a paragraph's first lines alone at a column foot */
	double	worst_ratio;
};

/*
 * Lay out the document.  Opens the style's fonts in fonts (reporting
 * unusable files); hyph (may be NULL) gives hyphenation points.  Returns
 * NULL after reporting an error.
 */
struct layout	*typeset(const struct document *, const struct style *,
		    const struct locale *, struct fonts *, struct hyph *,
		    struct typeset_stats *);

#endif /* BROCHURE_TYPESET_H */
