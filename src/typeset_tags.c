/*
 * typeset_tags: the structure tree as typeset builds it.  The parts open
 * an element (a section, a paragraph, a figure …) before they set its
 * content and close it after; every item set in between belongs to it
 * (add_run and the image, chart and contents items take ts->node), and
 * whatever is set with no element open is decoration.  The elements go
 * into the layout's node table in the order they are made, which is the
 * order of the report.
 *
 * This part must never place anything: it only names what is placed.
 */
#include <assert.h>
#include <ctype.h>
#include <string.h>

#include "typeset_int.h"

int
ts_node_new(struct ts *ts, enum snode_type type, const char *lang)
{
	return layout_add_node(ts->lay, type, ts->node, lang);
}

int
ts_node_open(struct ts *ts, int node)
{
	int	 before = ts->node;

	assert(node >= 0 && (size_t)node < ts->lay->nnodes);
	ts->node = node;
	return before;
}

int
ts_node_begin(struct ts *ts, enum snode_type type, const char *lang)
{
	return ts_node_open(ts, ts_node_new(ts, type, lang));
}

void
ts_node_end(struct ts *ts, int before)
{
	ts->node = before;
}

const char *
ts_collapse(struct ts *ts, const char *s)
{
	char	*out = arena_alloc(ts->lay->arena, strlen(s) + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (!isspace((unsigned char)*s))
			*o++ = *s;
		else if (o > out && o[-1] != ' ')
			*o++ = ' ';
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/* The text alone: white space collapsed, as a screen reader says it. */
void
ts_node_alt(struct ts *ts, int node, const char *alt)
{
	assert(node > 0 && (size_t)node < ts->lay->nnodes);
	ts->lay->nodes[node].alt = alt != NULL ? ts_collapse(ts, alt) : NULL;
}

/* H1 for level 1 and so on; levels past H6 stay at H6. */
enum snode_type
ts_heading_type(int level)
{
	if (level < 1)
		level = 1;
	if (level > SN_H6 - SN_H1 + 1)
		level = SN_H6 - SN_H1 + 1;
	return (enum snode_type)(SN_H1 + level - 1);
}

const char *
ts_lang(const struct ts *ts)
{
	return ts->doc->lang;
}
