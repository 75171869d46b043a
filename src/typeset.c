/*
 * typeset: the driver of layout.  It opens the style's faces, runs layout
 * passes until every cross-referenced page number is stable, and owns the
 * page frame: pages, columns, the cursor, footnote areas at the foot of
 * each column, running footers, and the pour routine that places vertical
 * material (struct vline) into columns without splitting kept chains.
 *
 * This module must never call libharu or libxml2; it writes a display list.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "typeset_int.h"

static void	next_column(struct ts *);
static void	set_floats(struct ts *,
		    void (*)(struct ts *, const struct block *));
static void	start_side(struct ts *);
static void	finish_column(struct ts *);

/* --- faces and geometry --- */

const struct text_style *
ts_role(const struct ts *ts, enum text_role role)
{
	assert(role < TR__MAX);
	return &ts->st->text[role];
}

face_id
ts_face(const struct ts *ts, enum text_role role, enum font_face_kind kind)
{
	return ts->faces[ts_role(ts, role)->family][kind];
}

double
ts_text_width(const struct ts *ts)
{
	return ts->st->page_width - ts->st->margin_inner -
	    ts->st->margin_outer;
}

double
ts_column_width(const struct ts *ts)
{
	int	n = ts->st->columns;

	return (ts_text_width(ts) - (n - 1) * ts->st->gutter) / n;
}

/* Right-hand pages (odd numbers) have the inner margin on the left. */
static double
page_left(const struct ts *ts)
{
	return ts->page->index % 2 == 0 ? ts->st->margin_inner :
	    ts->st->margin_outer;
}

double
ts_column_left(const struct ts *ts)
{
	return page_left(ts) + ts->column *
	    (ts_column_width(ts) + ts->st->gutter);
}

/* A file named for several faces of a family is opened (and reported) once. */
static face_id
open_face(struct ts *ts, size_t family, enum font_face_kind kind,
    const struct srcpos *pos)
{
	const char	*path = style_face_file(ts->st, (int)family, kind);
	int		 k;

	for (k = 0; k < (int)kind; k++)
		if (strcmp(style_face_file(ts->st, (int)family,
		    (enum font_face_kind)k), path) == 0)
			return ts->faces[family][k];
	return fonts_open(ts->fonts, path, pos);
}

static int
open_faces(struct ts *ts)
{
	const struct style	*st = ts->st;
	struct srcpos		 pos;
	size_t			 i, k;
	int			 ok = 1;
	face_id			 f;

	ts->faces = xcalloc(st->nfamilies, sizeof(*ts->faces));
	for (i = 0; i < st->nfamilies; i++) {
		pos = st->families[i].pos;
		for (k = 0; k < FACE__MAX; k++) {
			f = open_face(ts, i, (enum font_face_kind)k, &pos);
			ts->faces[i][k] = f;
			ok &= f >= 0;
		}
	}
	for (i = 0; i < st->nfallbacks; i++) {
		pos = st->fallback_pos;
		if ((f = fonts_open(ts->fonts, st->fallbacks[i], &pos)) < 0)
			ok = 0;
		else
			fonts_add_fallback(ts->fonts, f);
	}
	return ok ? 0 : -1;
}

/* --- destinations --- */

void
ts_record_dest(struct ts *ts, const char *name)
{
	struct dest_page	*d;

	if (ts->ndests == ts->dests_cap) {
		ts->dests_cap = ts->dests_cap ? ts->dests_cap * 2 : 64;
		ts->dests = xrealloc(ts->dests,
		    ts->dests_cap * sizeof(*ts->dests));
	}
	d = &ts->dests[ts->ndests++];
	d->name = name;
	d->page = ts->page->index + 1;
	dest_index_add(&ts->dests_index, ts->dests, ts->ndests - 1);
}

/* The page of a destination: this pass if already placed, else the last. */
int
ts_dest_page(const struct ts *ts, const char *name)
{
	int	p = dest_index_find(&ts->dests_index, ts->dests, name);

	return p ? p : dest_index_find(&ts->prev_index, ts->prev, name);
}

static void
idset_add(struct idset *set, const char *id)
{
	if (id == NULL)
		return;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->v = xrealloc(set->v, set->cap * sizeof(*set->v));
	}
	set->v[set->n++] = id;
}

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
idset_sort(struct idset *set)
{
	if (set->n > 0)
		qsort(set->v, set->n, sizeof(*set->v), cmp_id);
}

int
idset_has(const struct idset *set, const char *id)
{
	return set->n > 0 && bsearch(&id, set->v, set->n, sizeof(*set->v),
	    cmp_id) != NULL;
}

static void
collect_block(struct block *b, void *arg)
{
	struct ts		*ts = arg;
	const struct entry	*e;
	const char		*region = b->u.entry_list.region;

	idset_add(&ts->placed, b->id);
	if (b->kind == BLK_PULL_QUOTE && b->u.pull_quote.quote != NULL) {
		idset_add(&ts->placed, b->u.pull_quote.quote->id);
		idset_add(&ts->pulled, b->u.pull_quote.quote->id);
	}
	if (b->kind != BLK_ENTRY_LIST)
		return;
	for (e = ts->doc->entries; e != NULL; e = e->next)
		if (region == NULL || (e->region != NULL &&
		    strcmp(e->region, region) == 0))
			idset_add(&ts->placed, e->id);
}

/*
 * What the layout will print and so may be referred to with a page:
 * blocks with an id, the quotes pull-quotes place, the entries that an
 * entry-list holds and their quotes (a profile shows the quotes of its
 * entry that no pull-quote places).  A quote placed nowhere is reported.
 */
static void
collect_placed(struct ts *ts)
{
	const struct quote	*q;

	model_each_block((struct document *)ts->doc, collect_block, ts);
	idset_sort(&ts->placed);
	idset_sort(&ts->pulled);
	for (q = ts->doc->quotes; q != NULL; q = q->next) {
		if (idset_has(&ts->pulled, q->id))
			continue;
		if (q->entry != NULL && idset_has(&ts->placed, q->entry))
			idset_add(&ts->placed, q->id);
		else
			diag_warning(&q->pos, "quote \"%s\" is printed "
			    "nowhere: place it with <pull-quote ref=\"%s\"/> "
			    "or tie it to a listed entry", q->id, q->id);
	}
	idset_sort(&ts->placed);
}

/* The words of inline content, in this pass's arena: the document is
 * only read while it is set. */
const char *
ts_plain(const struct ts *ts, const struct inline_node *in)
{
	return model_plain(ts->lay->arena, in);
}

const char *
ts_section_dest(const struct ts *ts, const struct block *b)
{
	if (b->id != NULL)
		return b->id;
	return arena_printf(ts->lay->arena, "#sec-%s-%ld",
	    b->pos.file, b->pos.line);
}

/* --- pages and columns --- */

static void
footer(struct ts *ts)
{
	const struct text_style	*ts_f = ts_role(ts, TR_FOOTER);
	const char		*num = ts->page->label;
	face_id			 face = ts_face(ts, TR_FOOTER, ts_f->face);
	struct item		 it;
	double			 w;
	int			 right = ts->page->index % 2 == 0;

	memset(&it, 0, sizeof(it));
	it.kind = ITEM_GLYPHS;
	it.role = IR_FOOTER;
	it.y = ts->st->footer_offset;
	it.u.glyphs.face = face;
	it.u.glyphs.size = ts_f->size;
	it.u.glyphs.color = layout_color(ts->lay, &ts_f->color);
	it.u.glyphs.text = num;
	w = fonts_width(ts->fonts, face, num, strlen(num), ts_f->size) +
	    ts_f->letter_space * (double)(strlen(num) - 1);
	it.w = w;
	it.u.glyphs.letter_space = ts_f->letter_space;
	it.x = right ? ts->st->page_width - ts->st->margin_outer - w :
	    ts->st->margin_outer;
	layout_add(ts->lay, ts->page, &it);
}

void
ts_finish_page(struct ts *ts)
{
	if (ts->page == NULL)
		return;
	finish_column(ts);
	if (ts->page->label != NULL)
		footer(ts);
}

/* A new column; note lines carried over go to its foot first. */
static void
start_column(struct ts *ts)
{
	struct vlist	 swap = ts->foot;
	size_t		 i;

	ts->cursor = ts->top;
	ts->column_empty = 1;
	ts->last_lines = 0;
	ts->notes_height = 0;
	ts->foot = ts->carry_next;
	ts->carry_next = swap;
	ts->carry_next.n = 0;
	if (ts->foot.n > 0)
		ts->notes_height = ts_role(ts, TR_NOTE)->space_before;
	for (i = 0; i < ts->foot.n; i++)
		ts->notes_height += ts->foot.v[i].height;
}

/*
 * Past LIMIT_PAGES the rest is set over the last page, so that the pass
 * still ends; the error stops the build before anything is written.
 */
static void
page_limit(struct ts *ts)
{
	struct srcpos	report = { ts->doc->file, 0 };

	if (ts->too_many_pages++ > 0)
		return;
	diag_error(ts->at != NULL ? ts->at : &report, "the brochure reaches "
	    "%d pages here, the most it may have: shorten the report, or "
	    "build one region at a time (--region)", LIMIT_PAGES);
}

/*
 * A pass with no pages from a pass before it is never the last
 * (dests_settled: its forward references are unknown), so nothing reads
 * its items once their page is done: they go, and its layout stays small.
 */
static void
drop_unread_items(struct ts *ts)
{
	if (ts->prev == NULL && ts->page != NULL)
		layout_drop_items(ts->lay, (size_t)ts->page->index);
}

void
ts_new_page(struct ts *ts, int numbered)
{
	char	*label = NULL;

	ts_finish_page(ts);
	if (ts->lay->npages >= LIMIT_PAGES)
		page_limit(ts);
	else {
		drop_unread_items(ts);
		if (numbered)
			label = arena_printf(ts->lay->arena, "%zu",
			    ts->lay->npages + 1);
		ts->page = layout_add_page(ts->lay, label);
	}
	ts->column = 0;
	ts->top = ts->st->page_height - ts->st->margin_top;
	ts->bottom = ts->st->margin_bottom;
	start_column(ts);
	start_side(ts);
	if (numbered)		/* figures waiting for a page top */
		set_floats(ts, ts_wide_figure);
}

/* Set every waiting figure with set, each inside the structure element
 * it was met in. */
static void
set_floats(struct ts *ts, void (*set)(struct ts *, const struct block *))
{
	size_t	i, n = ts->nfloats;
	int	before;

	ts->nfloats = 0;
	for (i = 0; i < n; i++) {
		before = ts_node_open(ts, ts->floats[i].parent);
		set(ts, ts->floats[i].block);
		ts_node_end(ts, before);
	}
}

/*
 * A page-wide figure: at once while the first column of the page is still
 * empty, else at the top of the next page.
 */
void
ts_float(struct ts *ts, const struct block *b)
{
	if (ts->column == 0 && ts->column_empty && ts->nfloats == 0) {
		ts_wide_figure(ts, b);
		return;
	}
	if (ts->nfloats == ts->floats_cap) {
		ts->floats_cap = ts->floats_cap ? ts->floats_cap * 2 : 4;
		ts->floats = xrealloc(ts->floats,
		    ts->floats_cap * sizeof(*ts->floats));
	}
	ts->floats[ts->nfloats].block = b;
	ts->floats[ts->nfloats++].parent = ts->node;
}

/*
 * Before a new part of the report, figures still waiting for a page top
 * are set into the columns at their width instead: better a narrower
 * picture than a page of its own.
 */
void
ts_flush_floats(struct ts *ts)
{
	set_floats(ts, ts_narrow_figure);
}

/*
 * A paragraph that goes on in the next column leaves an orphan when fewer
 * than the style's minimum of its first lines stay behind.
 */
static void
count_orphan(struct ts *ts)
{
	if (ts->last_lines > 0 && ts->last_index + 1 < ts->last_lines &&
	    ts->last_index + 1 < ts->st->orphan_lines)
		ts->stats->orphans++;
}

static void
next_column(struct ts *ts)
{
	count_orphan(ts);
	finish_column(ts);
	if (++ts->column >= ts->st->columns) {
		ts_new_page(ts, 1);
		return;
	}
	start_column(ts);
}

/* --- placing strips --- */

static void
place_strip(struct ts *ts, const struct vline *v, double x, double top)
{
	struct item	 it;
	size_t		 i;

	/* A target printed twice (an entry in two lists) keeps its first. */
	if (v->dest != NULL &&
	    dest_index_find(&ts->dests_index, ts->dests, v->dest) == 0) {
		memset(&it, 0, sizeof(it));
		it.kind = ITEM_DEST;
		it.role = v->dest_role;
		it.x = x;
		it.y = top;
		it.u.dest.name = v->dest;
		layout_add(ts->lay, ts->page, &it);
		ts_record_dest(ts, v->dest);
	}
	for (i = 0; i < v->nitems; i++) {
		it = v->items[i];
		it.x += x;
		it.y += top;
		layout_add(ts->lay, ts->page, &it);
	}
}

/* Notes of the current column at its foot, with a short rule above. */
static void
finish_column(struct ts *ts)
{
	const struct text_style	*ns = ts_role(ts, TR_NOTE);
	struct item		 rule;
	double			 y, x = ts_column_left(ts);
	size_t			 i;

	if (ts->notes_height <= 0)
		return;
	y = ts->bottom + ts->notes_height;
	memset(&rule, 0, sizeof(rule));
	rule.kind = ITEM_RULE;
	rule.role = IR_DECORATION;
	rule.x = x;
	rule.y = y - ns->space_before * 0.5;
	rule.w = ts->st->note_rule_width;
	rule.u.rule.color = layout_color(ts->lay, &ts->st->grey);
	rule.u.rule.thickness = ts->st->rule_thickness;
	layout_add(ts->lay, ts->page, &rule);
	y -= ns->space_before;
	for (i = 0; i < ts->foot.n; i++) {
		place_strip(ts, &ts->foot.v[i], x, y);
		y -= ts->foot.v[i].height;
	}
	ts->foot.n = 0;
	ts->notes_height = 0;
}

static double
note_height(const struct ts *ts, int number)
{
	const struct note	*n = &ts->notes[number - 1];
	double			 h = 0;
	size_t			 i;

	for (i = 0; i < n->lines.n; i++)
		h += n->lines.v[i].height;
	return h;
}

/* Extra room the notes marked on v need in this column. */
static double
notes_needed(const struct ts *ts, const struct vline *v)
{
	double	h = 0;
	size_t	i;

	if (ts->st->note_place == NOTES_SIDE)
		return 0;
	for (i = 0; i < v->nnotes; i++)
		h += note_height(ts, v->notes[i]);
	if (h > 0 && ts->notes_height <= 0)
		h += ts_role(ts, TR_NOTE)->space_before;
	return h;
}

static double
strip_space(const struct ts *ts, const struct vline *v)
{
	return ts->column_empty ? 0 : v->space_before;
}

/* Room for lines [from, to] of l, with their notes, in this column. */
static int
fits(const struct ts *ts, const struct vlist *l, size_t from, size_t to)
{
	double	 need = strip_space(ts, &l->v[from]);
	size_t	 i;

	for (i = from; i <= to; i++) {
		need += l->v[i].height + notes_needed(ts, &l->v[i]);
		if (i > from)
			need += l->v[i].space_before;
	}
	return ts->cursor - need >= ts->bottom + ts->notes_height - 0.01;
}

/*
 * The mark that starts the rest of a note in the next column: its number
 * and the locale's word, "1 (Fortsetzung)".  Owned by ts->continued.
 */
static void
continue_note(struct ts *ts, const struct note *n)
{
	size_t	first = ts->continued.n, i;
	int	before = ts_node_open(ts, n->node);

	ts_label_lines(ts, &ts->continued, arena_printf(ts->lay->arena,
	    "%d\xC2\xA0(%s)", n->number, locale_label(ts->loc,
	    "note-continued")), TR_NOTE, IR_NOTE, 0);
	ts_node_end(ts, before);
	for (i = first; i < ts->continued.n; i++)
		*vlist_add(&ts->carry_next) = ts->continued.v[i];
}

/*
 * Take the notes of v into this column; a note too long for the space
 * left continues in the next column (ts->carry_next).
 */
static void
take_notes(struct ts *ts, const struct vline *v)
{
	const struct note	*n;
	double			 room, sep = ts_role(ts, TR_NOTE)->space_before;
	size_t			 i, k;

	for (i = 0; i < v->nnotes; i++) {
		n = &ts->notes[v->notes[i] - 1];
		if (ts->notes_height <= 0)
			ts->notes_height = sep;
		room = ts->cursor - ts->bottom - ts->notes_height;
		for (k = 0; k < n->lines.n; k++) {
			if (n->lines.v[k].height > room && k > 0)
				break;
			room -= n->lines.v[k].height;
			ts->notes_height += n->lines.v[k].height;
			*vlist_add(&ts->foot) = n->lines.v[k];
		}
		if (k < n->lines.n)
			continue_note(ts, n);
		for (; k < n->lines.n; k++)
			*vlist_add(&ts->carry_next) = n->lines.v[k];
	}
}

/* The side column of this page: in the outer margin. */
static double
side_left(const struct ts *ts)
{
	const struct style	*st = ts->st;

	if (ts->page->index % 2 == 0)
		return st->page_width - st->margin_outer + st->note_side_gap;
	return st->margin_outer - st->note_side_gap - st->note_side_width;
}

/*
 * Side notes: level with the line of their mark, or lower if the notes
 * before them reach further down; what passes the bottom margin goes on at
 * the top of the next page's side column.
 */
static void
side_lines(struct ts *ts, const struct vline *lines, size_t n, double top)
{
	double	page_top = ts->st->page_height - ts->st->margin_top;
	double	y = top < ts->side_cursor ? top : ts->side_cursor;
	size_t	i;

	for (i = 0; i < n; i++) {
		/* (a line taller than the page is set anyway: no endless carry) */
		if (y - lines[i].height < ts->st->margin_bottom - 0.01 &&
		    y < page_top - 0.01) {
			*vlist_add(&ts->side_next) = lines[i];
			continue;
		}
		place_strip(ts, &lines[i], side_left(ts), y);
		y -= lines[i].height;
	}
	ts->side_cursor = y - ts_role(ts, TR_NOTE)->space_before;
}

static void
side_notes(struct ts *ts, const struct vline *v, double top)
{
	const struct note	*n;
	size_t			 i;

	for (i = 0; i < v->nnotes; i++) {
		n = &ts->notes[v->notes[i] - 1];
		side_lines(ts, n->lines.v, n->lines.n, top);
	}
}

/* A new page: side note lines carried over go to the top of its side. */
static void
start_side(struct ts *ts)
{
	struct vlist	carried = ts->side_next;

	ts->side_cursor = ts->st->page_height - ts->st->margin_top;
	memset(&ts->side_next, 0, sizeof(ts->side_next));
	if (carried.n > 0)
		side_lines(ts, carried.v, carried.n, ts->side_cursor);
	free(carried.v);
}

static void
place_line(struct ts *ts, const struct vline *v)
{
	if (ts->column_empty && v->para_lines > 0 && v->para_index > 0 &&
	    v->para_lines - v->para_index < ts->st->widow_lines)
		ts->stats->widows++;
	ts->last_index = v->para_index;
	ts->last_lines = v->para_lines;
	ts->cursor -= strip_space(ts, v);
	place_strip(ts, v, ts_column_left(ts), ts->cursor);
	ts->cursor -= v->height;
	ts->column_empty = 0;
	if (v->nnotes > 0 && ts->st->note_place == NOTES_SIDE)
		side_notes(ts, v, ts->cursor + v->height);
	else if (v->nnotes > 0)
		take_notes(ts, v);
}

static size_t
chain_end(const struct vlist *l, size_t i)
{
	while (i + 1 < l->n && l->v[i].keep_with_next)
		i++;
	return i;
}

/*
 * Whether material across the page (page-wide figures) above this empty
 * column leaves no room even for strip v alone: then v goes on in the
 * next column rather than below the bottom margin.
 */
static int
crowded(const struct ts *ts, const struct vline *v)
{
	return ts->top < ts->st->page_height - ts->st->margin_top &&
	    ts->cursor - v->height < ts->bottom;
}

/*
 * Pour vertical material into the columns.  A chain of kept lines moves to
 * the next column whole; a chain longer than a whole column is split
 * where it must be.
 */
void
ts_pour(struct ts *ts, struct vlist *l)
{
	size_t	i = 0, end;

	while (i < l->n) {
		end = chain_end(l, i);
		if (fits(ts, l, i, end)) {
			for (; i <= end; i++)
				place_line(ts, &l->v[i]);
		} else if (!ts->column_empty || crowded(ts, &l->v[i])) {
			next_column(ts);
		} else {
			do
				place_line(ts, &l->v[i++]);
			while (i <= end && fits(ts, l, i, i));
			if (i <= end)
				next_column(ts);
		}
	}
}

/* Strips at a fixed place (cover, spans); returns the bottom reached. */
double
ts_place_at(struct ts *ts, const struct vlist *l, double x, double top)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (i > 0)
			top -= l->v[i].space_before;
		place_strip(ts, &l->v[i], x, top);
		top -= l->v[i].height;
	}
	return top;
}

double
ts_page_left(const struct ts *ts)
{
	return page_left(ts);
}

/* Material across the whole text width at the top of a fresh page. */
void
ts_place_span(struct ts *ts, struct vlist *l)
{
	assert(ts->column == 0 && ts->column_empty);
	ts->top = ts->cursor = ts_place_at(ts, l, page_left(ts), ts->cursor);
}

/* --- passes --- */

static void
free_pass(struct ts *ts)
{
	size_t	i;

	for (i = 0; i < (size_t)ts->nnotes; i++)
		vlist_free(&ts->notes[i].lines);
	free(ts->notes);
	free(ts->foot.v);
	free(ts->carry_next.v);
	vlist_free(&ts->continued);
	free(ts->side_next.v);
	memset(&ts->side_next, 0, sizeof(ts->side_next));
	free(ts->floats);
	ts->floats = NULL;
	ts->nfloats = ts->floats_cap = 0;
	free(ts->credits);
	free(ts->credit_dests);
	ts->notes = NULL;
	memset(&ts->foot, 0, sizeof(ts->foot));
	memset(&ts->carry_next, 0, sizeof(ts->carry_next));
	ts->credits = NULL;
	ts->credit_dests = NULL;
	ts->nnotes = 0;
	ts->notes_cap = 0;
	ts->ncredits = ts->credits_cap = 0;
}

static void
layout_info(struct ts *ts)
{
	const struct document	*doc = ts->doc;
	struct layout_info	 in;
	struct strbuf		 b = { NULL, 0, 0 };
	size_t			 i;

	in.title = ts_plain(ts, doc->meta.title);
	in.subject = doc->meta.subtitle == NULL ? NULL :
	    ts_plain(ts, doc->meta.subtitle);
	for (i = 0; i < doc->meta.nauthors; i++) {
		if (i > 0)
			strbuf_puts(&b, ", ");
		strbuf_puts(&b, doc->meta.authors[i]);
	}
	in.author = b.data;
	in.keywords = doc->meta.keywords;
	in.lang = doc->lang;
	in.publisher = doc->meta.publisher == NULL ? NULL :
	    ts_plain(ts, doc->meta.publisher);
	in.year = doc->meta.year;
	in.month = doc->meta.month;
	in.day = doc->meta.day;
	layout_set_info(ts->lay, &in);
	strbuf_free(&b);
}

static struct layout *
run_pass(struct ts *ts)
{
	ts->lay = layout_new(ts->st->page_width, ts->st->page_height);
	ts->node = LAYOUT_ARTIFACT;
	ts->page = NULL;
	ts->ndests = 0;
	dest_index_clear(&ts->dests_index);
	ts->unresolved = 0;
	layout_info(ts);
	ts_cover(ts);
	ts_contents(ts);
	ts_blocks(ts, ts->doc->body);
	ts_imprint(ts);
	ts_flush_floats(ts);
	while (ts->carry_next.n > 0 || ts->side_next.n > 0)
		next_column(ts);
	ts_finish_page(ts);
	ts->stats->pages = (int)ts->lay->npages;
	free_pass(ts);
	return ts->lay;
}

/* Whether no page changed since the last pass; else ts->moved says one. */
static int
dests_settled(struct ts *ts)
{
	size_t	i;

	ts->moved = NULL;
	if (ts->prev == NULL || ts->unresolved > 0)
		return 0;
	for (i = 0; i < ts->ndests; i++)
		if (dest_index_find(&ts->prev_index, ts->prev,
		    ts->dests[i].name) != ts->dests[i].page) {
			ts->moved = ts->dests[i].name;
			return 0;
		}
	return 1;
}

/*
 * Page numbers still moving after LIMIT_PASSES: said at the target that
 * moved last (a reference to it changes its page: a number of more
 * digits pushes it on, and back), else at the report.
 */
static void
passes_limit(const struct ts *ts)
{
	const struct target	*t = NULL;
	struct srcpos		 report = { ts->doc->file, 0 };

	if (ts->moved != NULL)
		t = check_find(ts->doc, ts->moved);

	if (t != NULL)
		diag_warning(&t->pos, "the page of \"%s\" still changed in "
		    "the last of %d layout passes (the limit), so references "
		    "to it may name a wrong page: reword the text before "
		    "them, or move it", t->id, LIMIT_PASSES);
	else
		diag_warning(&report, "page numbers of references did not "
		    "settle after %d layout passes (the limit); some may be "
		    "off: check the pages the references name", LIMIT_PASSES);
}

/* Keep this pass's destinations (their names live in its arena). */
static void
keep_dests(struct ts *ts, struct arena *a)
{
	size_t	i;

	free(ts->prev);
	ts->prev = xcalloc(ts->ndests, sizeof(*ts->prev));
	for (i = 0; i < ts->ndests; i++) {
		ts->prev[i].name = arena_strdup(a, ts->dests[i].name);
		ts->prev[i].page = ts->dests[i].page;
	}
	ts->nprev = ts->ndests;
	dest_index_clear(&ts->prev_index);
	for (i = 0; i < ts->nprev; i++)
		dest_index_add(&ts->prev_index, ts->prev, i);
}

struct layout *
typeset(const struct document *doc, const struct style *st,
    const struct locale *loc, struct fonts *fonts, struct hyph *hyph,
    struct typeset_stats *stats)
{
	struct ts	 ts;
	struct layout	*lay = NULL;
	struct arena	*names = arena_new();
	int		 pass;

	memset(&ts, 0, sizeof(ts));
	ts.doc = doc, ts.st = st, ts.loc = loc, ts.fonts = fonts;
	ts.hyph = hyph;
	ts.stats = stats;
	ts.set_cache = text_cache_new();
	collect_placed(&ts);
	if (open_faces(&ts) == 0) {
		diag_set_once(1);	/* titles are set twice: say it once */
		for (pass = 0; pass < LIMIT_PASSES; pass++) {
			memset(stats, 0, sizeof(*stats));
			diag_set_quiet(pass > 0);
			text_cache_next_pass(ts.set_cache);
			layout_free(lay);
			lay = run_pass(&ts);
			if (dests_settled(&ts) || diag_errors() > 0)
				break;
			keep_dests(&ts, names);
			hyph_release_pages(ts.hyph);	/* words known now */
		}
		diag_set_quiet(0);
		diag_set_once(0);
		if (pass == LIMIT_PASSES)
			passes_limit(&ts);
	}
	text_cache_free(ts.set_cache);
	free(ts.faces);
	free(ts.images);
	free(ts.placed.v);
	free(ts.pulled.v);
	free(ts.prev);
	free(ts.dests);
	dest_index_free(&ts.prev_index);
	dest_index_free(&ts.dests_index);
	arena_free(names);
	return lay;
}
