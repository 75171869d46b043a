/*
 * typeset_inline: inline content to styled spans.  Emphasis picks faces,
 * superscripts shrink and rise, q gets the locale's quotation marks, links
 * get the accent colour and the style's marker, cross-references are worded
 * by the locale with the page number of their target, and footnotes get
 * their number: the mark goes into the text, the note's own lines are set
 * at once and wait for the pour to place them at the foot of the column.
 * Links, references and note marks become Link elements (a mark's in a
 * Reference) and notes Note elements, in the element being set.
 *
 * This part must never place anything on a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "typeset_int.h"

#define NOTE_DEST_PREFIX	"#note-"	/* not an XML name: no clash */
#define MARK_WORDS_MAX		80	/* [bytes] of its note a mark's link
					   says */

/* The look inherited down the inline tree. */
struct look {
	enum text_role	 role;
	int		 bold, italic;
	double		 size;		/* [pt] */
	double		 rise;		/* [pt] */
	struct color	 color;
	const char	*uri, *dest;
	int		 node;		/* the link's element, 0: none */
	int		 quote_level;
	int		 newline;	/* a br is pending */
};

static void	walk(struct ts *, const struct inline_node *, struct look *,
		    struct span_list *);
static void	walk_one(struct ts *, const struct inline_node *,
		    struct look *, struct span_list *);

static enum font_face_kind
look_face(const struct ts *ts, const struct look *lk)
{
	enum font_face_kind base = ts_role(ts, lk->role)->face;

	if (lk->bold && lk->italic)
		return FACE_BOLD_ITALIC;
	if (lk->bold)
		return FACE_BOLD;
	if (lk->italic)
		return base == FACE_BOLD ? FACE_BOLD_ITALIC : FACE_ITALIC;
	return base;
}

/* The text in capitals, for roles the style sets in uppercase. */
static const char *
capitals(struct ts *ts, const char *text)
{
	size_t		 len = strlen(text), n, at = 0;
	char		*out = arena_alloc(ts->lay->arena, len * 2 + 1);
	uint32_t	 cp;

	for (; len > 0; text += n, len -= n) {
		if ((n = utf8_decode(text, len, &cp)) == 0) {
			out[at++] = *text;
			n = 1;
			continue;
		}
		at += utf8_encode(unicode_upper(cp), out + at);
	}
	out[at] = '\0';
	return out;
}

static void
add_text(struct ts *ts, const char *text, struct look *lk,
    const struct srcpos *pos, struct span_list *out)
{
	struct span	sp;

	if (ts_role(ts, lk->role)->uppercase)
		text = capitals(ts, text);
	memset(&sp, 0, sizeof(sp));
	sp.text = text;
	sp.len = strlen(text);
	sp.face = ts_face(ts, lk->role, look_face(ts, lk));
	sp.size = lk->size;
	sp.color = lk->color;
	sp.rise = lk->rise;
	sp.uri = lk->uri;
	sp.dest = lk->dest;
	sp.node = lk->node;
	sp.newline = lk->newline;
	sp.pos = *pos;
	lk->newline = 0;
	span_list_add(out, &sp);
}

static void
init_look(const struct ts *ts, enum text_role role, struct look *lk)
{
	const struct text_style	*rs = ts_role(ts, role);

	memset(lk, 0, sizeof(*lk));
	lk->role = role;
	lk->size = rs->size;
	lk->color = rs->color;
	lk->bold = rs->face == FACE_BOLD || rs->face == FACE_BOLD_ITALIC;
	lk->italic = rs->face == FACE_ITALIC || rs->face == FACE_BOLD_ITALIC;
}

void
ts_spans(struct ts *ts, const struct inline_node *in, enum text_role role,
    struct span_list *out)
{
	struct look	lk;

	init_look(ts, role, &lk);
	walk(ts, in, &lk, out);
}

void
ts_spans_text(struct ts *ts, const char *text, enum text_role role,
    enum font_face_kind face, const struct srcpos *pos,
    struct span_list *out)
{
	struct look	lk;

	init_look(ts, role, &lk);
	lk.bold = face == FACE_BOLD || face == FACE_BOLD_ITALIC;
	lk.italic = face == FACE_ITALIC || face == FACE_BOLD_ITALIC;
	add_text(ts, text, &lk, pos, out);
}

/* A Link element in the open one, saying what; its spans get it. */
static void
link_node(struct ts *ts, struct look *lk, const char *what)
{
	lk->node = ts_node_new(ts, SN_LINK, NULL);
	ts_node_alt(ts, lk->node, what);
}

/* --- numbers and notes --- */

const char *
ts_number_text(const struct ts *ts, int number)
{
	char	buf[8];

	if (ts->st->secnum_look == SECNUM_CIRCLED && number >= 1 &&
	    number <= ts->st->secnum_circled_max && number <= 20) {
		buf[utf8_encode(0x2460 + (uint32_t)number - 1, buf)] = '\0';
		return arena_strdup(ts->lay->arena, buf);
	}
	return arena_printf(ts->lay->arena, "%d", number);
}

const char *
ts_note_dest(struct ts *ts, int number)
{
	return arena_printf(ts->lay->arena, NOTE_DEST_PREFIX "%d", number);
}

int
ts_note_of_dest(const char *dest)
{
	size_t	n = strlen(NOTE_DEST_PREFIX);

	if (strncmp(dest, NOTE_DEST_PREFIX, n) != 0)
		return 0;
	return atoi(dest + n);
}

static struct note *
new_note(struct ts *ts)
{
	if ((size_t)ts->nnotes == ts->notes_cap) {
		ts->notes_cap = ts->notes_cap ? ts->notes_cap * 2 : 16;
		ts->notes = xrealloc(ts->notes,
		    ts->notes_cap * sizeof(*ts->notes));
	}
	memset(&ts->notes[ts->nnotes], 0, sizeof(ts->notes[0]));
	ts->notes[ts->nnotes].number = ts->nnotes + 1;
	return &ts->notes[ts->nnotes++];
}

/* Set the note's text, number first, at the column width. */
static void
set_note(struct ts *ts, struct note *n, const struct inline_node *in)
{
	struct span_list	 sl = { NULL, 0, 0 };
	struct text_block	 tb;
	struct look		 lk;
	const char		*num;
	int			 before;

	init_look(ts, TR_NOTE, &lk);
	before = ts_node_open(ts, n->node);
	num = arena_printf(ts->lay->arena, "%d\xC2\xA0\xC2\xA0", n->number);
	lk.bold = 1;
	lk.color = ts->st->accent;
	add_text(ts, num, &lk, &in->pos, &sl);
	init_look(ts, TR_NOTE, &lk);
	walk(ts, in->child, &lk, &sl);
	ts_set(ts, &sl, TR_NOTE, ts->st->note_place == NOTES_SIDE ?
	    ts->st->note_side_width : ts_column_width(ts), &tb);
	vlist_append_lines(ts, &n->lines, &tb, 0, TR_NOTE, IR_NOTE);
	if (n->lines.n > 0) {
		n->lines.v[0].dest = ts_note_dest(ts, n->number);
		n->lines.v[0].dest_role = IR_NOTE;
	}
	ts_node_end(ts, before);
	text_block_free(&tb);
	span_list_free(&sl);
}

/* What a note's mark links to: "3 Die Zahl der …", its first words. */
static const char *
mark_words(struct ts *ts, const char *num, const struct inline_node *note)
{
	const char	*text = ts_collapse(ts, ts_plain(ts, note->child));
	size_t		 n = strlen(text);

	if (n <= MARK_WORDS_MAX)
		return arena_printf(ts->lay->arena, "%s %s", num, text);
	for (n = MARK_WORDS_MAX; n > 0 && text[n] != ' '; n--)
		continue;
	if (n == 0)	/* one long word: cut between characters */
		for (n = MARK_WORDS_MAX; n > 0 &&
		    ((unsigned char)text[n] & 0xC0) == 0x80; n--)
			continue;
	return arena_printf(ts->lay->arena, "%s %.*s \xE2\x80\xA6", num,
	    (int)n, text);
}

static void
note_mark(struct ts *ts, const struct inline_node *in, struct look *lk,
    struct span_list *out)
{
	struct note	*n = new_note(ts);
	struct look	 mark = *lk;
	const struct text_style *ms = ts_role(ts, TR_NOTE_MARK);
	const char	*num = arena_printf(ts->lay->arena, "%d", n->number);
	int		 before;

	mark.size = lk->size * TS_SUP_SCALE;
	mark.rise = lk->rise + lk->size * TS_SUP_RISE;
	mark.color = ms->color;
	mark.dest = ts_note_dest(ts, n->number);
	mark.uri = NULL;
	before = ts_node_begin(ts, SN_REFERENCE, NULL);
	link_node(ts, &mark, mark_words(ts, num, in));
	ts_node_end(ts, before);
	add_text(ts, num, &mark, &in->pos, out);
	n->node = ts_node_new(ts, SN_NOTE, NULL);
	set_note(ts, n, in);
}

/* --- cross-references --- */

static const char *
page_suffix(struct ts *ts, const char *dest)
{
	int	page = ts_dest_page(ts, dest);

	if (page == 0) {
		ts->unresolved++;
		return arena_printf(ts->lay->arena, "\xC2\xA0(%s\xC2\xA0?)",
		    locale_label(ts->loc, "page-abbrev"));
	}
	return arena_printf(ts->lay->arena, "\xC2\xA0(%s\xC2\xA0%d)",
	    locale_label(ts->loc, "page-abbrev"), page);
}

static const char *
block_title(struct ts *ts, const struct block *b)
{
	switch (b->kind) {
	case BLK_SECTION:
		if (b->u.section.number > 0)
			return arena_printf(ts->lay->arena, "%s\xC2\xA0%s",
			    ts_number_text(ts, b->u.section.number),
			    ts_plain(ts, b->u.section.title));
		return ts_plain(ts, b->u.section.title);
	case BLK_CHART:
		return ts_plain(ts, b->u.chart.title);
	case BLK_FIGURE:
		return b->u.figure.caption ?
		    ts_plain(ts, b->u.figure.caption) : b->u.figure.alt;
	default:
		return b->id;
	}
}

/* "Eintrag RUDIS", "Abschnitt ⑤ Erkenntnisse", worded by the locale. */
static const char *
ref_words(struct ts *ts, const struct target *t)
{
	static const char *const labels[TARGET__MAX] = {
		"entry",	/* TARGET_ENTRY */
		"section",	/* TARGET_SECTION */
		"quote",	/* TARGET_QUOTE */
		"chart",	/* TARGET_CHART */
		"figure",	/* TARGET_FIGURE */
		NULL,		/* TARGET_OTHER */
	};
	const char	*what;

	if (t->kind == TARGET_ENTRY)
		what = ts_plain(ts, ((const struct entry *)t->node)->title);
	else if (t->kind == TARGET_QUOTE)
		what = ts_plain(ts,
		    ((const struct quote *)t->node)->speaker);
	else
		what = block_title(ts, t->node);
	if (labels[t->kind] == NULL)
		return what;
	return arena_printf(ts->lay->arena, "%s %s",
	    locale_label(ts->loc, labels[t->kind]), what);
}

/*
 * A reference to something this build left out (an entry of another
 * region): a link to the entry's page online, or its plain title, or the
 * reference's own words.
 */
static void
dropped_ref(struct ts *ts, const struct inline_node *in, struct look *lk,
    struct span_list *out)
{
	const struct dropped	*d = check_find_dropped(ts->doc, in->to);
	const struct target	*t = check_find(ts->doc, in->to);
	const struct entry	*e = d != NULL ? d->entry : t != NULL &&
	    t->kind == TARGET_ENTRY ? t->node : NULL;
	struct inline_node	 link;

	if (e != NULL && e->href != NULL) {
		memset(&link, 0, sizeof(link));
		link.kind = INL_LINK;
		link.pos = in->pos;
		link.href = e->href;
		link.child = in->child != NULL ? in->child : e->title;
		walk_one(ts, &link, lk, out);
	} else if (in->child != NULL)
		walk(ts, in->child, lk, out);
	else if (e != NULL)
		walk(ts, e->title, lk, out);
	else
		add_text(ts, t != NULL ? ref_words(ts, t) : in->to, lk,
		    &in->pos, out);
}

static void
ref(struct ts *ts, const struct inline_node *in, struct look *lk,
    struct span_list *out)
{
	const struct target	*t = check_find(ts->doc, in->to);
	struct look		 rl = *lk;
	const char		*words, *page;

	if (t == NULL) {
		dropped_ref(ts, in, lk, out);
		return;
	}
	if (!idset_has(&ts->placed, t->id)) {
		diag_warning(&in->pos, "\"%s\" is not printed in this build "
		    "(no entry-list or pull-quote places it): the reference "
		    "is set without a page", t->id);
		dropped_ref(ts, in, lk, out);
		return;
	}
	rl.dest = t->id;
	rl.color = ts->st->accent;
	words = in->child != NULL ? ts_plain(ts, in->child) :
	    ref_words(ts, t);
	page = page_suffix(ts, t->id);
	link_node(ts, &rl, arena_printf(ts->lay->arena, "%s%s", words, page));
	if (in->child != NULL)
		walk(ts, in->child, &rl, out);
	else
		add_text(ts, words, &rl, &in->pos, out);
	add_text(ts, page, &rl, &in->pos, out);
}

/* --- the walk --- */

static void
quoted(struct ts *ts, const struct inline_node *in, struct look *lk,
    struct span_list *out)
{
	int	level = lk->quote_level;

	add_text(ts, locale_quote_open(ts->loc, level % 2), lk, &in->pos, out);
	lk->quote_level++;
	walk(ts, in->child, lk, out);
	lk->quote_level--;
	add_text(ts, locale_quote_close(ts->loc, level % 2), lk, &in->pos,
	    out);
}

static void
link(struct ts *ts, const struct inline_node *in, struct look *lk,
    struct span_list *out)
{
	struct look	ll = *lk;
	const char	*words;

	ll.uri = in->href;
	ll.color = ts->st->accent;
	words = ts_plain(ts, in->child);
	link_node(ts, &ll, *words != '\0' ? words : in->href);
	walk(ts, in->child, &ll, out);
	if (ts->st->link_marker != NULL && *ts->st->link_marker != '\0')
		add_text(ts, arena_printf(ts->lay->arena, "\xC2\xA0%s",
		    ts->st->link_marker), &ll, &in->pos, out);
}

static void
walk_one(struct ts *ts, const struct inline_node *in, struct look *lk,
    struct span_list *out)
{
	struct look	sub = *lk;

	switch (in->kind) {
	case INL_TEXT:
		add_text(ts, in->text, lk, &in->pos, out);
		return;
	case INL_BR:
		lk->newline = 1;
		return;
	case INL_EM:
		sub.italic = !lk->italic;
		break;
	case INL_STRONG:
		sub.bold = 1;
		break;
	case INL_SUP:
		sub.size = lk->size * TS_SUP_SCALE;
		sub.rise = lk->rise + lk->size * TS_SUP_RISE;
		break;
	case INL_Q:
		quoted(ts, in, lk, out);
		return;
	case INL_LINK:
		link(ts, in, lk, out);
		return;
	case INL_REF:
		ref(ts, in, lk, out);
		return;
	case INL_NOTE:
		note_mark(ts, in, lk, out);
		return;
	case INL__MAX:
		abort();
	}
	walk(ts, in->child, &sub, out);
	lk->newline = sub.newline;
}

static void
walk(struct ts *ts, const struct inline_node *in, struct look *lk,
    struct span_list *out)
{
	for (; in != NULL; in = in->next)
		walk_one(ts, in, lk, out);
}

/* --- setting --- */

void
ts_set(struct ts *ts, const struct span_list *sl, enum text_role role,
    double width, struct text_block *out)
{
	const struct text_style	*rs = ts_role(ts, role);
	struct text_params	 p;

	memset(&p, 0, sizeof(p));
	p.width = width;
	p.indent = rs->indent;
	p.align = rs->align;
	p.space_stretch = ts->st->space_stretch;
	p.space_shrink = ts->st->space_shrink;
	p.tolerance = ts->st->tolerance;
	p.emergency_stretch = ts->st->emergency_stretch * rs->size;
	p.hyphen = "-";
	p.hyphen_penalty = ts->st->hyphen_penalty;
	p.max_hyphen_lines = ts->st->max_hyphen_lines;
	if (ts->hyph != NULL && rs->hyphenate) {
		p.hyphenate = hyph_word;
		p.hyphenate_arg = ts->hyph;
	}
	memset(out, 0, sizeof(*out));
	if (sl->n > 0)
		text_cache_set(ts->set_cache, ts->fonts, sl, &p, out);
}

/* Set inline content in a role and append it as strips. */
void
ts_set_inline(struct ts *ts, struct vlist *l, const struct inline_node *in,
    enum text_role role, enum item_role irole, double x, double width)
{
	struct span_list	sl = { NULL, 0, 0 };
	struct text_block	tb;

	ts_spans(ts, in, role, &sl);
	ts_set(ts, &sl, role, width, &tb);
	vlist_append_lines(ts, l, &tb, x, role, irole);
	text_block_free(&tb);
	span_list_free(&sl);
}
