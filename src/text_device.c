/*
 * text_device: prints the display list as stable text, one line per
 * device call (brochure build --dump, and the golden tests).  Numbers
 * are fixed to two decimals, strings are quoted with \" and \\ escaped
 * (other control bytes as \xHH), nothing depends on pointers or on the
 * order of a hash.
 *
 *	document 595.28x841.89 pages=3
 *	info title="…" subject="…" author="…" keywords="…" lang=de
 *	outline 1 "Vorwort" -> sec-vorwort
 *	struct 0 Document
 *	struct 1 Sect in 0 lang=de
 *	struct 7 Figure in 1 alt="…"
 *	page 1 label="1"
 *	  tag 2 P
 *	  glyphs paragraph 56.69 700.12 w=240.00 Lato-Regular 9.50 #1a1a1a ws=0.35 "text"
 *	  glyphs toc 87.87 731.90 w=43.20 Lato-Regular 12.00 #1f2528 ws=0.00 kern=0:-75,3:-7 "Vorwort"
 *	  tag artifact
 *	  rule decoration 56.69 60.00 481.89 0.00 0.50 #999999
 *	  rect cover 0.00 600.00 595.28 241.89 #c0392b
 *	  image figure 56.69 300.00 240.00 160.00 "img/a.png" alt="…"
 *	  link paragraph 56.69 700.12 40.00 9.50 uri="https://…"
 *	  link note 56.69 80.00 30.00 8.00 dest=entry-rudis
 *	  dest sec-vorwort 56.69 785.20
 *	  path chart 62.36 400.00 62.36 62.36 stroke 7.09 #00737a M 31.18 59.63 C …
 *
 * The structure tree comes first, an element a line (its parent, its
 * language where it differs from the parent's, its alt text); on the
 * pages a "tag" line says which element the items after it belong to
 * ("artifact": decoration), printed where that changes.
 * A page without a label prints as "page 1", a missing language as
 * "lang=-", any other missing string as "".  Coordinates are the
 * layout's (points, origin bottom left, glyph runs at their baseline).
 * A run's pair kerning prints as kern=i:k,… (k [1/1000 em] after glyph
 * i, from 0), only where it is not 0 and only for kerned runs.
 * This module must never change the layout or call libharu.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "render.h"

struct text_dev {
	FILE		*out;
	struct fonts	*fonts;
	const struct layout *layout;
	int		 node;		/* of the last tag line; -1: none yet */
};

static int	text_begin(void *, const struct layout *);
static void	text_begin_page(void *, const struct page *);
static void	text_glyphs(void *, const struct item *);
static void	text_rule(void *, const struct item *);
static void	text_rect(void *, const struct item *);
static void	text_image(void *, const struct item *);
static void	text_link(void *, const struct item *);
static void	text_dest(void *, const struct item *);
static void	text_path(void *, const struct item *);
static int	text_end(void *);

/* -0.001 must not print as -0.00. */
static double
num(double v)
{
	return v > -0.005 && v < 0.005 ? 0.0 : v;
}

static void
put_quoted(FILE *out, const char *s)
{
	const unsigned char	*p;

	fputc('"', out);
	for (p = (const unsigned char *)(s ? s : ""); *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static int
channel(double v)
{
	v = v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
	return (int)(v * 255.0 + 0.5);
}

static void
put_color(FILE *out, const struct color *c)
{
	fprintf(out, " #%02x%02x%02x", channel(c->r), channel(c->g),
	    channel(c->b));
}

/* "  tag 5 P" before an item of another element than the last. */
static void
put_tag(struct text_dev *d, const struct item *it)
{
	if (it->kind == ITEM_DEST || it->node == d->node)
		return;
	d->node = it->node;
	if (it->node == LAYOUT_ARTIFACT)
		fputs("  tag artifact\n", d->out);
	else
		fprintf(d->out, "  tag %d %s\n", it->node,
		    snode_type_names[d->layout->nodes[it->node].type]);
}

/* "  kind role x y" and, with box, " w h", after its tag line. */
static void
put_head(struct text_dev *d, const struct item *it, int box)
{
	put_tag(d, it);
	fprintf(d->out, "  %s %s %.2f %.2f", item_kind_names[it->kind],
	    item_role_names[it->role], num(it->x), num(it->y));
	if (box)
		fprintf(d->out, " %.2f %.2f", num(it->w), num(it->h));
}

/* "kern=3:-40,7:-15 ": the glyphs followed by kerning [1/1000 em]. */
static void
put_kern(FILE *out, const struct item *it)
{
	const struct kern_pair	*v = it->u.glyphs.kern;
	size_t			 i, at = 0;
	int			 first = 1;

	for (i = 0; i < it->u.glyphs.nkern; i++) {
		at += v[i].skip;
		if (v[i].value == 0)
			continue;	/* a gap, no kerning */
		fprintf(out, "%s%zu:%d", first ? "kern=" : ",", at,
		    v[i].value);
		first = 0;
	}
	if (!first)
		fputc(' ', out);
}

/* "struct 3 H1 in 2 lang=en alt=\"…\"", one line per element. */
static void
put_structure(FILE *out, const struct layout *l)
{
	const struct snode	*n;
	size_t			 i;

	for (i = 0; i < l->nnodes; i++) {
		n = &l->nodes[i];
		fprintf(out, "struct %zu %s", i, snode_type_names[n->type]);
		if (n->parent >= 0)
			fprintf(out, " in %d", n->parent);
		if (n->lang != NULL)
			fprintf(out, " lang=%s", n->lang);
		if (n->alt != NULL) {
			fputs(" alt=", out);
			put_quoted(out, n->alt);
		}
		fputc('\n', out);
	}
}

static int
text_begin(void *ctx, const struct layout *l)
{
	struct text_dev			*d = ctx;
	const struct layout_info	*in = &l->info;
	size_t				 i;

	fprintf(d->out, "document %.2fx%.2f pages=%zu\n", num(l->width),
	    num(l->height), l->npages);
	fputs("info title=", d->out);
	put_quoted(d->out, in->title);
	fputs(" subject=", d->out);
	put_quoted(d->out, in->subject);
	fputs(" author=", d->out);
	put_quoted(d->out, in->author);
	fputs(" keywords=", d->out);
	put_quoted(d->out, in->keywords);
	fprintf(d->out, " lang=%s\n", in->lang ? in->lang : "-");
	for (i = 0; i < l->noutline; i++) {
		fprintf(d->out, "outline %d ", l->outline[i].level);
		put_quoted(d->out, l->outline[i].title);
		fprintf(d->out, " -> %s\n", l->outline[i].dest);
	}
	d->layout = l;
	put_structure(d->out, l);
	return 0;
}

static void
text_begin_page(void *ctx, const struct page *p)
{
	struct text_dev	*d = ctx;

	d->node = -1;
	fprintf(d->out, "page %d", p->index + 1);
	if (p->label != NULL) {
		fputs(" label=", d->out);
		put_quoted(d->out, p->label);
	}
	fputc('\n', d->out);
}

static void
text_glyphs(void *ctx, const struct item *it)
{
	struct text_dev	*d = ctx;

	put_head(d, it, 0);
	fprintf(d->out, " w=%.2f %s %.2f", num(it->w),
	    fonts_name(d->fonts, it->u.glyphs.face), num(it->u.glyphs.size));
	put_color(d->out, it->u.glyphs.color);
	fprintf(d->out, " ws=%.2f ", num(it->u.glyphs.word_space));
	if (it->u.glyphs.letter_space != 0)
		fprintf(d->out, "ls=%.2f ", num(it->u.glyphs.letter_space));
	if (it->u.glyphs.kern != NULL)
		put_kern(d->out, it);
	put_quoted(d->out, it->u.glyphs.text);
	fputc('\n', d->out);
}

static void
text_rule(void *ctx, const struct item *it)
{
	struct text_dev	*d = ctx;

	put_head(d, it, 1);
	fprintf(d->out, " %.2f", num(it->u.rule.thickness));
	put_color(d->out, it->u.rule.color);
	fputc('\n', d->out);
}

static void
text_rect(void *ctx, const struct item *it)
{
	struct text_dev	*d = ctx;

	put_head(d, it, 1);
	put_color(d->out, it->u.rect.color);
	fputc('\n', d->out);
}

static void
text_image(void *ctx, const struct item *it)
{
	struct text_dev	*d = ctx;

	put_head(d, it, 1);
	fputc(' ', d->out);
	put_quoted(d->out, it->u.image.path);
	fputs(" alt=", d->out);
	put_quoted(d->out, it->u.image.alt);
	fputc('\n', d->out);
}

static void
text_link(void *ctx, const struct item *it)
{
	struct text_dev	*d = ctx;

	put_head(d, it, 1);
	if (it->u.link.uri != NULL) {
		fputs(" uri=", d->out);
		put_quoted(d->out, it->u.link.uri);
	} else
		fprintf(d->out, " dest=%s", it->u.link.dest);
	fputc('\n', d->out);
}

static void
text_dest(void *ctx, const struct item *it)
{
	struct text_dev	*d = ctx;

	fprintf(d->out, "  dest %s %.2f %.2f\n", it->u.dest.name, num(it->x),
	    num(it->y));
}

/* Paint, width (strokes only), colour, then each segment's points. */
static void
text_path(void *ctx, const struct item *it)
{
	struct text_dev		*d = ctx;
	const struct path_seg	*s;
	static const int	 npoints[PATH__MAX] = {
		[PATH_MOVE] = 1, [PATH_LINE] = 1, [PATH_CURVE] = 3,
		[PATH_CLOSE] = 0,
	};
	size_t			 i;
	int			 k;

	put_head(d, it, 1);
	fprintf(d->out, " %s", path_paint_names[it->u.path.paint]);
	if (it->u.path.paint == PAINT_STROKE)
		fprintf(d->out, " %.2f", num(it->u.path.width));
	put_color(d->out, it->u.path.color);
	for (i = 0; i < it->u.path.nsegs; i++) {
		s = &it->u.path.segs[i];
		assert(s->op < PATH__MAX);
		fprintf(d->out, " %s", path_op_names[s->op]);
		for (k = 0; k < npoints[s->op]; k++)
			fprintf(d->out, " %.2f %.2f", num(s->pt[k].x),
			    num(s->pt[k].y));
	}
	fputc('\n', d->out);
}

static int
text_end(void *ctx)
{
	struct text_dev	*d = ctx;

	if (fflush(d->out) == EOF || ferror(d->out)) {
		diag_error(NULL, "cannot write the layout dump: %s: check the "
		    "output file and the free disk space", strerror(errno));
		return -1;
	}
	return 0;
}

int
render_text(const struct layout *l, struct fonts *fonts, FILE *out)
{
	struct text_dev	 d = { out, fonts, l, -1 };
	struct device	 dev = {
		.ctx = &d,
		.begin = text_begin,
		.begin_page = text_begin_page,
		.item = {
			[ITEM_GLYPHS] = text_glyphs,
			[ITEM_RULE] = text_rule,
			[ITEM_RECT] = text_rect,
			[ITEM_IMAGE] = text_image,
			[ITEM_LINK] = text_link,
			[ITEM_DEST] = text_dest,
			[ITEM_PATH] = text_path,
		},
		.end = text_end,
	};

	return render(l, &dev);
}
