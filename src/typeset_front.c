/*
 * typeset_front: the pages that frame the report: the cover (series,
 * the region of a regional build, title and subtitle over the accent
 * colour field, the cover image with its credit, publisher and date), the table of contents (each line a link),
 * and the imprint page that closes the brochure.  In the structure the
 * cover is paragraphs and a figure, the contents a TOC of TOCI (number
 * as Lbl, the rest as the Link of a Reference), the imprint a Sect.
 *
 * This part must never set running text: ts_blocks does that.
 */
#include <stdlib.h>
#include <string.h>

#include "typeset_int.h"

#define CONTENTS_DEST	"#contents"	/* not an XML name: no clash */
#define COVER_DEST	"#cover"
#define IMPRINT_DEST	"#imprint"

static void
cover_field(struct ts *ts, double bottom)
{
	struct item	it;

	memset(&it, 0, sizeof(it));
	it.kind = ITEM_RECT;
	it.role = IR_DECORATION;
	it.y = bottom;
	it.w = ts->st->page_width;
	it.h = ts->st->page_height - bottom;
	it.u.rect.color = layout_color(ts->lay, &ts->st->accent);
	layout_add(ts->lay, ts->page, &it);
}

/* Set inline content at the text width into l, in a role. */
static void
wide(struct ts *ts, struct vlist *l, const struct inline_node *in,
    enum text_role role, double space_before)
{
	size_t	first = l->n;
	int	before;

	if (in == NULL)
		return;
	before = ts_node_begin(ts, SN_P, ts_lang(ts));
	ts_set_inline(ts, l, in, role, IR_COVER, 0, ts_text_width(ts));
	ts_node_end(ts, before);
	vlist_space(l, first, space_before);
}

/* Plain text the program writes in a role, as a paragraph. */
static void
label_para(struct ts *ts, struct vlist *l, const char *text,
    enum text_role role)
{
	int	before = ts_node_begin(ts, SN_P, ts_lang(ts));

	ts_label_lines(ts, l, text, role, IR_COVER, 0);
	ts_node_end(ts, before);
}

static double
height(const struct vlist *l)
{
	double	h = 0;
	size_t	i;

	for (i = 0; i < l->n; i++)
		h += l->v[i].height + (i > 0 ? l->v[i].space_before : 0);
	return h;
}

/*
 * The cover image across the whole page width (into the trim), right
 * under the colour field, scaled down and centred if the room between the
 * field and the foot is less; its credit under it, listed in the imprint.
 */
static void
cover_image(struct ts *ts, double top, double bottom)
{
	const struct meta	*m = &ts->doc->meta;
	struct vlist		 l = { NULL, 0, 0 };
	struct item		*img;
	double			 room = top - bottom, scale, x = 0;
	const char		*alt = ts_plain(ts,
				    m->title);
	int			 before = ts_node_begin(ts, SN_FIGURE, NULL);

	ts_node_alt(ts, ts->node, alt);
	ts_image(ts, &l, m->cover_src, alt, ts->st->page_width, &m->pos);
	ts_node_end(ts, before);
	if (l.n == 0)
		return;
	img = &l.v[0].items[0];
	if (img->h > room) {
		scale = room / img->h;
		img->w *= scale, img->h = room, img->y = -room;
		l.v[0].height = room;
		x = (ts->st->page_width - img->w) / 2;
	}
	top -= img->h;
	ts_place_at(ts, &l, x, top + img->h);
	vlist_free(&l);
	if (m->cover_credit == NULL)
		return;
	label_para(ts, &l, arena_printf(ts->lay->arena, "%s %s",
	    locale_label(ts->loc, "photo"), m->cover_credit), TR_CAPTION);
	ts_place_at(ts, &l, ts_page_left(ts), top);
	vlist_free(&l);
	ts_record_dest(ts, COVER_DEST);
	ts_add_credit(ts, m->cover_credit, COVER_DEST);
}

static void
cover_meta(struct ts *ts, struct vlist *l)
{
	const struct meta	*m = &ts->doc->meta;
	char			*date;

	wide(ts, l, m->publisher, TR_COVER_META, 0);
	if (m->month == 0)		/* no date, or not YYYY-MM[-DD] */
		return;
	date = locale_format_date(ts->loc, m->year, m->month, m->day);
	label_para(ts, l, arena_strdup(ts->lay->arena, date), TR_COVER_META);
	free(date);
}

/* A regional build names its region above the title, in its language. */
static void
cover_region(struct ts *ts, struct vlist *l)
{
	if (ts->doc->region == NULL)
		return;
	label_para(ts, l, model_region_name(ts->doc, ts->doc->region),
	    TR_COVER_REGION);
}

void
ts_cover(struct ts *ts)
{
	const struct style	*st = ts->st;
	const struct meta	*m = &ts->doc->meta;
	struct vlist		 head = { NULL, 0, 0 }, title = { NULL, 0, 0 };
	struct vlist		 foot = { NULL, 0, 0 };
	double			 field = st->page_height - st->cover_field_height;
	double			 left, foot_top, head_low;

	ts_new_page(ts, 0);
	left = ts_page_left(ts);
	wide(ts, &head, m->series, TR_COVER_SERIES, 0);
	cover_region(ts, &title);
	wide(ts, &title, m->title, TR_COVER_TITLE, title.n > 0 ?
	    ts_role(ts, TR_COVER_REGION)->space_after : 0);
	wide(ts, &title, m->subtitle, TR_COVER_SUBTITLE,
	    ts_role(ts, TR_COVER_SUBTITLE)->space_before);
	/* The field grows when the title would not fit under the series. */
	head_low = st->page_height - st->margin_top - height(&head) -
	    st->margin_bottom;
	if (field + st->margin_bottom + height(&title) > head_low)
		field = head_low - height(&title) - st->margin_bottom;
	cover_field(ts, field);
	ts_place_at(ts, &head, left, st->page_height - st->margin_top);
	ts_place_at(ts, &title, left, field + st->margin_bottom +
	    height(&title));
	cover_meta(ts, &foot);
	foot_top = st->margin_bottom + height(&foot);
	ts_place_at(ts, &foot, left, foot_top);
	if (m->cover_src != NULL)
		cover_image(ts, field, foot_top + st->margin_bottom);
	vlist_free(&head);
	vlist_free(&title);
	vlist_free(&foot);
}

/* --- contents --- */

/* The first glyph item of plain text set in a role (number, page). */
static struct item
label_item(struct ts *ts, const char *text, enum text_role role)
{
	struct vlist	l = { NULL, 0, 0 };
	struct item	it;

	memset(&it, 0, sizeof(it));
	ts_label_lines(ts, &l, text, role, IR_TOC, 0);
	if (l.n > 0 && l.v[0].nitems > 0)
		it = l.v[0].items[0];
	vlist_free(&l);
	return it;
}

/* A link to dest across width w over each strip from first on, in the
 * structure element node. */
static void
contents_links(struct vlist *l, size_t first, double w, const char *dest,
    int node)
{
	struct item	 link;
	size_t		 i;

	for (i = first; i < l->n; i++) {
		memset(&link, 0, sizeof(link));
		link.kind = ITEM_LINK;
		link.role = IR_TOC;
		link.node = node;
		link.y = -l->v[i].height;
		link.w = w;
		link.h = l->v[i].height;
		link.u.link.dest = dest;
		vline_add_item(&l->v[i], &link);
	}
}

/*
 * One line of contents across the text width: the section number in the
 * accent colour, the title hanging after it, the page at the right edge;
 * every line of it a link to the section.
 */
static void
contents_line(struct ts *ts, const struct block *b, struct vlist *l)
{
	const char		*dest = ts_section_dest(ts, b);
	double			 indent = 2 * ts->st->list_indent;
	double			 w = ts_text_width(ts);
	struct span_list	 sl = { NULL, 0, 0 };
	struct text_block	 tb;
	struct item		 num, page;
	size_t			 first = l->n;
	const char		*title = ts_plain(ts, b->u.section.title);
	const char		*number = ts_number_text(ts, b->u.section.number);
	const char		*pageno = arena_printf(ts->lay->arena, "%d",
				    ts_dest_page(ts, dest));
	int			 before = ts_node_begin(ts, SN_TOCI, b->lang);
	int			 label = ts_node_new(ts, SN_LBL, NULL);
	int			 target;

	ts_node_begin(ts, SN_REFERENCE, NULL);
	target = ts_node_new(ts, SN_LINK, NULL);
	ts_node_alt(ts, target, arena_printf(ts->lay->arena, "%s %s %s",
	    number, title, pageno));
	ts_node_open(ts, target);
	ts_spans_text(ts, title, TR_TOC, ts_role(ts, TR_TOC)->face, &b->pos,
	    &sl);
	ts_set(ts, &sl, TR_TOC, w - 2 * indent, &tb);
	vlist_append_lines(ts, l, &tb, indent, TR_TOC, IR_TOC);
	text_block_free(&tb);
	span_list_free(&sl);
	if (l->n == first) {
		ts_node_end(ts, before);
		return;
	}
	ts_node_open(ts, label);
	num = label_item(ts, number, TR_TOC);
	ts_node_open(ts, target);
	page = label_item(ts, pageno, TR_TOC);
	ts_node_end(ts, before);
	num.u.glyphs.color = layout_color(ts->lay, &ts->st->accent);
	num.y = l->v[first].items[0].y;
	vline_add_item(&l->v[first], &num);
	page.x = w - page.w;
	page.y = l->v[l->n - 1].items[0].y;
	vline_add_item(&l->v[l->n - 1], &page);
	contents_links(l, first, w, dest, target);
	vlist_space(l, first, ts_role(ts, TR_TOC)->space_before);
}

void
ts_contents(struct ts *ts)
{
	const struct block	*b;
	struct vlist		 l = { NULL, 0, 0 };
	const char		*title;
	int			 before;

	if (!ts->st->toc)
		return;
	title = locale_label(ts->loc, "contents");
	layout_add_outline(ts->lay, 1, title, CONTENTS_DEST);
	ts_heading(ts, NULL, title, CONTENTS_DEST, &ts->doc->meta.pos);
	before = ts_node_begin(ts, SN_TOC, NULL);
	for (b = ts->doc->body; b != NULL; b = b->next)
		if (b->kind == BLK_SECTION)
			contents_line(ts, b, &l);
	ts_node_end(ts, before);
	ts_place_span(ts, &l);
	vlist_free(&l);
}

/* --- imprint --- */

void
ts_imprint(struct ts *ts)
{
	const char	*title;
	int		 before;

	if (ts->doc->imprint == NULL)
		return;
	title = locale_label(ts->loc, "imprint");
	layout_add_outline(ts->lay, 1, title, IMPRINT_DEST);
	ts_flush_floats(ts);
	before = ts_node_begin(ts, SN_SECT, ts_lang(ts));
	ts_heading(ts, NULL, title, IMPRINT_DEST, &ts->doc->imprint_pos);
	ts->section_level = 1;
	ts_blocks(ts, ts->doc->imprint);
	ts->section_level = 0;
	ts_node_end(ts, before);
}
