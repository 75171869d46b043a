/*
 * typeset_dest: a hashed index of destination names, so that finding
 * where a target landed (each placed strip, each cross-reference, each
 * comparison of two passes) costs the same for the tenth destination as
 * for the ten-thousandth.  The names stay in their array (struct
 * dest_page); the index holds positions in it, the first of a name wins.
 *
 * This part must never place anything: it only finds.
 */
#include <stdlib.h>
#include <string.h>

#include "typeset_int.h"

#define INDEX_FIRST_CAP	64	/* slots of a new index: a power of 2 */

/* The slot of name, or the free one where it belongs. */
static size_t *
slot(const struct dest_index *ix, const struct dest_page *v,
    const char *name)
{
	size_t	i = (size_t)hash_bytes(name, strlen(name)) & (ix->cap - 1);

	while (ix->slots[i] != 0 && strcmp(v[ix->slots[i] - 1].name,
	    name) != 0)
		i = (i + 1) & (ix->cap - 1);
	return &ix->slots[i];
}

static void
grow(struct dest_index *ix, const struct dest_page *v)
{
	size_t	*old = ix->slots, n = ix->cap, i;

	ix->cap = n ? 2 * n : INDEX_FIRST_CAP;
	ix->slots = xcalloc(ix->cap, sizeof(*ix->slots));
	for (i = 0; i < n; i++)
		if (old[i] != 0)
			*slot(ix, v, v[old[i] - 1].name) = old[i];
	free(old);
}

void
dest_index_add(struct dest_index *ix, const struct dest_page *v, size_t at)
{
	size_t	*s;

	if (2 * (ix->n + 1) > ix->cap)
		grow(ix, v);
	if (*(s = slot(ix, v, v[at].name)) == 0) {
		*s = at + 1;
		ix->n++;
	}
}

int
dest_index_find(const struct dest_index *ix, const struct dest_page *v,
    const char *name)
{
	size_t	s;

	if (ix->n == 0)
		return 0;
	s = *slot(ix, v, name);
	return s != 0 ? v[s - 1].page : 0;
}

void
dest_index_clear(struct dest_index *ix)
{
	if (ix->slots != NULL)
		memset(ix->slots, 0, ix->cap * sizeof(*ix->slots));
	ix->n = 0;
}

void
dest_index_free(struct dest_index *ix)
{
	free(ix->slots);
	memset(ix, 0, sizeof(*ix));
}
