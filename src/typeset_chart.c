/*
 * typeset_chart: charts as vertical material, their numbers and labels
 * real text.  The title comes first.  A bar chart then sets, per bar, the
 * share large with the count at the right, the label, and a grey track
 * with the accent bar on it.  A ring chart sets one ring per bar, side
 * by side, as many in a row as fit the column at the style's diameter,
 * spread evenly: a grey ring with the share drawn over it as an accent
 * arc from 12 o'clock clockwise, the share figure centred in the ring and
 * the label centred under it.  Under the chart: the note for a chart
 * without entries in scope, the "multiple answers" note and the caption.
 * A chart is kept whole in one column.  In the structure it is a Figure
 * whose alternate text says the same in words (title, then each bar's
 * label, share and count as printed); the notes under it are paragraphs.
 *
 * This part must never count (stats filled the bars) nor choose columns
 * or pages (ts_pour does).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "typeset_int.h"

#define RING_FIGURE_FILL	0.8	/* widest figure / ring's inner width */
#define RING_LABEL_SPACE	0.5	/* ring to label / label leading */
#define FULL_TURN		360.0	/* [degrees] */
#define TWELVE_O_CLOCK		90.0	/* [degrees] from 3 o'clock */

/* --- bars --- */

/* The share figure left, the count right, on one strip. */
static void
bar_figures(struct ts *ts, const struct chart_bar *bar, struct vlist *l)
{
	struct vlist	 cnt = { NULL, 0, 0 };
	char		*pct = locale_format_percent(ts->loc, bar->share);
	char		*num;
	struct item	*it;
	size_t		 i, first = l->n;

	ts_label_lines(ts, l, pct, TR_CHART_FIGURE, IR_CHART, 0);
	free(pct);
	if (bar->key == NULL || l->n == first)
		return;
	num = locale_format_count(ts->loc, bar->count, bar->total);
	ts_label_lines(ts, &cnt, num, TR_CHART_LABEL, IR_CHART, 0);
	free(num);
	for (i = 0; i < cnt.n && i < 1; i++) {
		it = &cnt.v[i].items[0];
		it->x = ts_column_width(ts) - it->w;
		it->y = l->v[first].items[0].y;
		vline_add_item(&l->v[first], it);
	}
	vlist_free(&cnt);
}

/* The grey track across the column, the share on it in the accent. */
static void
bar_track(struct ts *ts, const struct chart_bar *bar, struct vlist *l)
{
	const struct text_style	*ls = ts_role(ts, TR_CHART_LABEL);
	double			 w = ts_column_width(ts);
	double			 h = ts->st->bar_thickness;
	double			 share = bar->share;
	struct vline		*v = vlist_add(l);
	struct item		 it;

	share = share < 0 ? 0 : share > 100 ? 100 : share;
	v->height = h + ls->leading * 0.35;
	v->space_before = ls->leading * 0.25;
	it = ts_rect_item(0, -h, w, h, layout_color(ts->lay, &ts->st->grey),
	    IR_CHART);
	it.node = ts->node;
	vline_add_item(v, &it);
	if (share > 0) {
		it = ts_rect_item(0, -h, w * share / 100, h,
		    layout_color(ts->lay, &ts->st->accent), IR_CHART);
		it.node = ts->node;
		vline_add_item(v, &it);
	}
}

/* A bar without a share (no entries in scope) shows its empty track. */
static void
bar_rows(struct ts *ts, const struct chart *c, struct vlist *l)
{
	const struct chart_bar	*bar;
	size_t			 at;

	for (bar = c->bars; bar != NULL; bar = bar->next) {
		at = l->n;
		if (stats_bar_has_share(bar))
			bar_figures(ts, bar, l);
		ts_set_inline(ts, l, bar->label, TR_CHART_LABEL, IR_CHART,
		    0, ts_column_width(ts));
		vlist_space(l, at, ts_role(ts, TR_CHART_FIGURE)->space_before);
		bar_track(ts, bar, l);
	}
}

/* --- moving set lines into a ring row --- */

/* The left and right edges of a strip's text. */
static void
text_extent(const struct vline *v, double *left, double *right)
{
	size_t	i;

	*left = HUGE_VAL;
	*right = -HUGE_VAL;
	for (i = 0; i < v->nitems; i++) {
		if (v->items[i].kind != ITEM_GLYPHS)
			continue;
		if (v->items[i].x < *left)
			*left = v->items[i].x;
		if (v->items[i].x + v->items[i].w > *right)
			*right = v->items[i].x + v->items[i].w;
	}
	if (*left > *right)
		*left = *right = 0;
}

/*
 * Copy the items of src into dst, moved down by dy and across so that
 * their text is centred on x; dst then carries the footnotes src marks.
 */
static void
take_centred(struct vline *dst, const struct vline *src, double x,
    double dy)
{
	struct item	 it;
	double		 left, right;
	size_t		 i;

	text_extent(src, &left, &right);
	for (i = 0; i < src->nitems; i++) {
		it = src->items[i];
		it.x += x - (left + right) / 2;
		it.y += dy;
		vline_add_item(dst, &it);
	}
	if (src->nnotes == 0)
		return;
	dst->notes = xrealloc(dst->notes, (dst->nnotes + src->nnotes) *
	    sizeof(*dst->notes));
	memcpy(dst->notes + dst->nnotes, src->notes,
	    src->nnotes * sizeof(*src->notes));
	dst->nnotes += src->nnotes;
}

/* --- rings --- */

/* How many rings a row holds: as many as fit, no more than there are. */
static int
ring_columns(struct ts *ts, const struct chart *c)
{
	const struct chart_bar	*bar;
	double			 d = ts->st->ring_diameter;
	double			 gap = ts->st->ring_gap;
	int			 fit, n = 0;

	fit = (int)floor((ts_column_width(ts) + gap) / (d + gap));
	for (bar = c->bars; bar != NULL && n < fit; bar = bar->next)
		n++;
	return n > 0 ? n : 1;
}

/*
 * The figure size of a chart's rings: the role's, or smaller so that the
 * widest figure fills at most RING_FIGURE_FILL of a ring's inner width.
 */
static double
ring_figure_size(struct ts *ts, const struct chart *c)
{
	const struct text_style	*fs = ts_role(ts, TR_CHART_FIGURE);
	face_id			 face = ts_face(ts, TR_CHART_FIGURE, fs->face);
	double			 inner, w, widest = 0;
	const struct chart_bar	*bar;
	char			*pct;

	for (bar = c->bars; bar != NULL; bar = bar->next) {
		if (!stats_bar_has_share(bar))
			continue;
		pct = locale_format_percent(ts->loc, bar->share);
		w = fonts_width(ts->fonts, face, pct, strlen(pct), fs->size);
		widest = w > widest ? w : widest;
		free(pct);
	}
	inner = (ts->st->ring_diameter - 2 * ts->st->ring_width) *
	    RING_FIGURE_FILL;
	return widest > inner ? fs->size * inner / widest : fs->size;
}

/* A circle's arc as a stroke of the ring's width, sweep in degrees. */
static void
ring_arc(struct ts *ts, struct vline *v, const struct chart_bar *bar,
    double x, double sweep, struct color color)
{
	struct path_seg	 segs[LAYOUT_ARC_SEGS + 1];
	double		 d = ts->st->ring_diameter;
	struct item	 it;
	size_t		 n;

	n = layout_arc(segs, d / 2, d / 2, (d - ts->st->ring_width) / 2,
	    TWELVE_O_CLOCK, -sweep);
	if (n == 0)
		return;
	if (sweep >= FULL_TURN)
		segs[n++].op = PATH_CLOSE;
	memset(&it, 0, sizeof(it));
	it.kind = ITEM_PATH;
	it.role = IR_CHART;
	it.node = ts->node;
	it.pos = bar->pos;
	it.x = x, it.y = -d, it.w = d, it.h = d;
	it.u.path.segs = layout_path_copy(ts->lay, segs, n);
	it.u.path.nsegs = n;
	it.u.path.paint = PAINT_STROKE;
	it.u.path.color = layout_color(ts->lay, &color);
	it.u.path.width = ts->st->ring_width;
	vline_add_item(v, &it);
}

/* The share in the ring's middle, its digits centred on the centre. */
static void
ring_figure(struct ts *ts, struct vline *v, const struct chart_bar *bar,
    double cx, double size)
{
	const struct text_style	*fs = ts_role(ts, TR_CHART_FIGURE);
	struct span_list	 sl = { NULL, 0, 0 };
	struct vlist		 fig = { NULL, 0, 0 };
	struct text_block	 tb;
	char			*pct = locale_format_percent(ts->loc, bar->share);
	double			 cap;
	size_t			 i;

	ts_spans_text(ts, pct, TR_CHART_FIGURE, fs->face, &bar->pos, &sl);
	for (i = 0; i < sl.n; i++)
		sl.v[i].size = size;
	ts_set(ts, &sl, TR_CHART_FIGURE, ts_column_width(ts), &tb);
	free(pct);
	vlist_append_lines(ts, &fig, &tb, 0, TR_CHART_FIGURE, IR_CHART);
	if (fig.n > 0 && fig.v[0].nitems > 0) {
		cap = fonts_cap_height(ts->fonts, ts_face(ts, TR_CHART_FIGURE,
		    fs->face)) * size / 1000.0;
		take_centred(v, &fig.v[0], cx, -(ts->st->ring_diameter +
		    cap) / 2 - fig.v[0].items[0].y);
	}
	vlist_free(&fig);
	text_block_free(&tb);
	span_list_free(&sl);
}

/* The label's lines centred under the ring, width wide; its height. */
static double
ring_label(struct ts *ts, struct vline *v, const struct chart_bar *bar,
    double cx, double width)
{
	const struct text_style	*ls = ts_role(ts, TR_CHART_LABEL);
	struct span_list	 sl = { NULL, 0, 0 };
	struct vlist		 lines = { NULL, 0, 0 };
	struct text_block	 tb;
	double			 top;
	size_t			 i;

	ts_spans(ts, bar->label, TR_CHART_LABEL, &sl);
	ts_set(ts, &sl, TR_CHART_LABEL, width, &tb);
	vlist_append_lines(ts, &lines, &tb, 0, TR_CHART_LABEL, IR_CHART);
	top = -(ts->st->ring_diameter + ls->leading * RING_LABEL_SPACE);
	for (i = 0; i < lines.n; i++) {
		take_centred(v, &lines.v[i], cx, top);
		top -= lines.v[i].height;
	}
	vlist_free(&lines);
	text_block_free(&tb);
	span_list_free(&sl);
	return -top;
}

/*
 * One ring in the cell at x, cell wide, its label under it; returns the
 * height they take with as much space under the label as above it.
 */
static double
ring(struct ts *ts, struct vline *v, const struct chart_bar *bar, double x,
    double cell, double size)
{
	double	 d = ts->st->ring_diameter, left = x + (cell - d) / 2;
	double	 share = bar->share < 0 ? 0 : bar->share > 100 ? 100 :
		    bar->share;

	ring_arc(ts, v, bar, left, FULL_TURN, ts->st->grey);
	if (stats_bar_has_share(bar)) {
		ring_arc(ts, v, bar, left, FULL_TURN * share / 100,
		    ts->st->accent);
		ring_figure(ts, v, bar, x + cell / 2, size);
	}
	return ring_label(ts, v, bar, x + cell / 2, cell - ts->st->ring_gap) +
	    ts_role(ts, TR_CHART_LABEL)->leading * RING_LABEL_SPACE;
}

/* Rows of rings in cells of equal width across the column. */
static void
ring_rows(struct ts *ts, const struct chart *c, struct vlist *l)
{
	const struct chart_bar	*bar;
	double			 size = ring_figure_size(ts, c), cell, h;
	struct vline		*v = NULL;
	int			 n = ring_columns(ts, c), i = 0;

	cell = ts_column_width(ts) / n;
	for (bar = c->bars; bar != NULL; bar = bar->next, i = (i + 1) % n) {
		if (i == 0) {
			v = vlist_add(l);
			v->space_before = ts_role(ts,
			    TR_CHART_FIGURE)->space_before;
		}
		h = ring(ts, v, bar, i * cell, cell, size);
		v->height = h > v->height ? h : v->height;
	}
}

/* --- the chart --- */

/* The notes under a chart: no entries, multiple answers, caption. */
/* A note the program writes under the chart, as a paragraph. */
static void
chart_note(struct ts *ts, const char *key, struct vlist *l)
{
	int	before = ts_node_begin(ts, SN_P, ts_lang(ts));

	ts_label_lines(ts, l, locale_label(ts->loc, key), TR_CAPTION,
	    IR_CHART, ts_role(ts, TR_CAPTION)->space_before);
	ts_node_end(ts, before);
}

static void
chart_notes(struct ts *ts, const struct block *b, struct vlist *l)
{
	const struct chart	*c = &b->u.chart;
	int			 before;

	if (stats_chart_empty(c))
		chart_note(ts, "chart-empty", l);
	if (c->multiple)
		chart_note(ts, "multiple-answers", l);
	if (c->caption != NULL) {
		before = ts_node_begin(ts, SN_P, b->lang);
		ts_set_inline(ts, l, c->caption, TR_CAPTION, IR_CHART, 0,
		    ts_column_width(ts));
		ts_node_end(ts, before);
	}
}

/*
 * The chart in words: "Title: label 69,6 % (16 von 23); label …", the
 * figures as the chart prints them, a bar without share by its label.
 */
static const char *
chart_alt(struct ts *ts, const struct chart *c)
{
	const struct chart_bar	*bar;
	struct strbuf		 b = { NULL, 0, 0 };
	const char		*alt;
	char			*fig;

	strbuf_puts(&b, ts_plain(ts, c->title));
	for (bar = c->bars; bar != NULL; bar = bar->next) {
		strbuf_puts(&b, bar == c->bars ? ": " : "; ");
		strbuf_puts(&b, ts_plain(ts, bar->label));
		if (!stats_bar_has_share(bar))
			continue;
		fig = locale_format_percent(ts->loc, bar->share);
		strbuf_printf(&b, " %s", fig);
		free(fig);
		if (bar->key == NULL)
			continue;
		fig = locale_format_count(ts->loc, bar->count, bar->total);
		strbuf_printf(&b, " (%s)", fig);
		free(fig);
	}
	alt = arena_strdup(ts->lay->arena, b.data);
	strbuf_free(&b);
	return alt;
}

void
ts_build_chart(struct ts *ts, const struct block *b, struct vlist *l)
{
	const struct chart	*c = &b->u.chart;
	size_t			 first = l->n;
	int			 before = ts_node_begin(ts, SN_FIGURE, b->lang);

	ts_node_alt(ts, ts->node, chart_alt(ts, c));
	ts_set_inline(ts, l, c->title, TR_CHART_TITLE, IR_CHART, 0,
	    ts_column_width(ts));
	vlist_space(l, first, ts_role(ts, TR_CHART_TITLE)->space_before);
	if (c->type == CHART_RING)
		ring_rows(ts, c, l);
	else
		bar_rows(ts, c, l);
	ts_node_end(ts, before);
	chart_notes(ts, b, l);
	vlist_keep_all(l, first);
	vlist_set_dest(l, first, b->id, IR_CHART);
	vlist_add(l)->height = ts_role(ts, TR_CHART_TITLE)->space_after;
}
