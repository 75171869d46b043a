/*
 * render: walks the display list page by page and hands every item to
 * the device, through the device's table indexed by item kind.
 *
 * This module must never decide where anything goes, nor draw: the
 * layout placed everything, the devices draw.
 */
#include <assert.h>
#include <stddef.h>

#include "render.h"

static void
render_page(const struct page *p, const struct device *dev)
{
	const struct item	*it;
	size_t			 i;

	if (dev->begin_page != NULL)
		dev->begin_page(dev->ctx, p);
	for (i = 0; i < p->nitems; i++) {
		it = &p->items[i];
		assert(it->kind < ITEM__MAX);
		if (dev->item[it->kind] != NULL)
			dev->item[it->kind](dev->ctx, it);
	}
	if (dev->end_page != NULL)
		dev->end_page(dev->ctx, p);
}

int
render(const struct layout *l, const struct device *dev)
{
	size_t	 i;
	int	 rc;

	rc = dev->begin(dev->ctx, l);
	if (rc == 0)
		for (i = 0; i < l->npages; i++)
			render_page(&l->pages[i], dev);
	if (dev->end(dev->ctx) == -1)
		rc = -1;
	return rc;
}
