/*
 * para: total-fit line breaking (Knuth and Plass).
 *
 * One pass scans the items once and keeps the active nodes: breaks from
 * which a line can still reach the current item.  At every legal break,
 * each active node proposes the line that would end there; the cheapest
 * proposal per kind of node (line class, fitness class, run of hyphen
 * lines) becomes a new active node.  A node whose line has become
 * overfull, or that meets a forced break, leaves the active list, which
 * keeps the list short: a pass costs O(items x active nodes).
 *
 * Passes, until one reaches the end: within the tolerance; the same with
 * the emergency stretch added to every line; least bad, which accepts
 * every line, so that a result always exists.  A line beyond the
 * tolerance is priced as an infinitely bad line plus the square of its
 * excess in points (the gap the tolerated stretch leaves, or the
 * overflow beyond the shrink; an overfull line costs more than any
 * underfull one): so the breaker takes as few of them as it can, and
 * spreads their excess.  Ratios are always those of the real glue.
 *
 * This module must never know about fonts, text or pages, and never
 * recurse over the items.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "para.h"
#include "util.h"

#define INF_BAD		10000.0	/* badness of a line too loose to judge */
#define RATIO_HUGE	1e6	/* ratio of a line without stretch/shrink */
#define GAP_EPSILON	1e-6	/* [pt] a line this close to its width fits */
#define NO_NODE		SIZE_MAX

/* Prices of the least-bad pass, far above any line within tolerance. */
#define UNDERFULL_PER_PT 1e3	/* sqrt(demerits) per pt beyond tolerance */
#define OVERFULL_BASE	1e15	/* any overfull line costs at least this */
#define OVERFULL_PER_PT	1e6	/* sqrt(demerits) per pt of overflow */
#define HYPHEN_RUN_DEMERITS 1e8	/* one hyphen line too many in a row */

enum fitness {
	FIT_VERY_LOOSE,		/* ratio > 1 */
	FIT_LOOSE,		/* 0.5 < ratio <= 1 */
	FIT_DECENT,		/* -0.5 <= ratio <= 0.5 */
	FIT_TIGHT		/* ratio < -0.5 */
};

enum pass_kind {
	PASS_TOLERANCE,
	PASS_EMERGENCY,
	PASS_LEAST_BAD,
	PASS__MAX
};

static const struct pass {
	int	emergency;	/* lines may exceed the tolerance by what the
				   emergency stretch allows */
	int	least_bad;	/* accept every line, pricing the bad ones */
} passes[PASS__MAX] = {
	{ 0, 0 },		/* PASS_TOLERANCE */
	{ 1, 0 },		/* PASS_EMERGENCY */
	{ 0, 1 },		/* PASS_LEAST_BAD */
};

/* Running totals of the items from the start of the paragraph. */
struct sums {
	double	width;		/* [pt] boxes and glue */
	double	stretch;	/* [pt] finite glue stretch */
	double	shrink;		/* [pt] */
	double	fil;		/* glue items of infinite stretch */
};

/* A break that some line can end at; node 0 is the paragraph start. */
struct node {
	size_t		 pos;		/* the break item */
	size_t		 start;		/* first item of the next line */
	size_t		 line;		/* lines ending at or before it */
	size_t		 prev;		/* previous break, NO_NODE at start */
	size_t		 next;		/* next active node, or NO_NODE */
	struct sums	 after;		/* totals before item start */
	double		 demerits;	/* total from the paragraph start */
	double		 ratio;		/* of the line ending here */
	double		 natural;	/* [pt] of the line ending here */
	enum fitness	 fitness;	/* of the line ending here */
	int		 hyphens;	/* flagged breaks in a row, capped */
};

/* One proposed line, measured. */
struct fit {
	double	natural;	/* [pt] */
	double	ratio;		/* adjustment ratio of its glue */
	double	excess;		/* [pt] overflow beyond the shrink, or gap
				   beyond the tolerated stretch */
};

struct breaker {
	const struct para_item	*items;
	size_t			 nitems;	/* given by the caller */
	size_t			 n;		/* with a final forced break */
	double			(*line_width)(size_t, void *);
	void			*arg;
	const struct para_params *params;
	const struct pass	*pass;
	size_t			 max_class;	/* lines told apart */
	struct node		*nodes;
	size_t			 nnodes, capnodes;
	size_t			 active;	/* head of the active list */
	struct node		*cands;		/* best proposal per kind */
	size_t			 ncands, capcands;
	struct sums		 sum;		/* totals before the item */
};

static const struct para_item final_break = {
	PARA_PENALTY, 0.0, 0.0, 0.0, -PARA_INFINITY, 0
};

static const struct para_item *item_at(const struct breaker *, size_t);
static int	 is_forced(const struct para_item *);
static void	 sums_add(struct sums *, const struct para_item *);
static double	 ratio_of(double, double);
static void	 measure(const struct breaker *, const struct node *,
		    const struct para_item *, struct fit *);
static double	 badness(double);
static enum fitness fitness_of(double);
static double	 line_demerits(const struct breaker *, const struct fit *);
static int	 price(const struct breaker *, const struct node *,
		    const struct para_item *, const struct fit *,
		    struct node *);
static void	 propose(struct breaker *, size_t,
		    const struct para_item *, const struct fit *);
static size_t	 node_push(struct breaker *, const struct node *);
static size_t	 after_break(const struct breaker *, size_t, struct sums *);
static void	 add_candidates(struct breaker *, size_t);
static void	 try_break(struct breaker *, size_t);
static size_t	 run_pass(struct breaker *, enum pass_kind);
static void	 fill_result(const struct breaker *, size_t,
		    struct para_result *);

/* The item at i; past the caller's list, the implied final break. */
static const struct para_item *
item_at(const struct breaker *b, size_t i)
{
	return i < b->nitems ? &b->items[i] : &final_break;
}

static int
is_forced(const struct para_item *it)
{
	return it->kind == PARA_PENALTY && it->penalty <= -PARA_INFINITY;
}

static void
sums_add(struct sums *s, const struct para_item *it)
{
	if (it->kind != PARA_GLUE)
		return;
	s->width += it->width;
	s->shrink += it->shrink;
	if (it->stretch >= PARA_FIL)
		s->fil += 1.0;
	else
		s->stretch += it->stretch;
}

/* The ratio that fills gap [pt] with give [pt] of stretch or shrink. */
static double
ratio_of(double gap, double give)
{
	if (give > 0.0)
		return gap / give;
	return gap > 0.0 ? RATIO_HUGE : -RATIO_HUGE;
}

/* Measure the line from node a to a break at item it. */
static void
measure(const struct breaker *b, const struct node *a,
    const struct para_item *it, struct fit *f)
{
	double	avail, gap, stretch, shrink, tol = b->params->tolerance;
	size_t	line;

	line = a->line < b->max_class ? a->line : b->max_class;
	avail = b->line_width(line, b->arg);
	f->natural = b->sum.width - a->after.width +
	    (it->kind == PARA_PENALTY ? it->width : 0.0);
	stretch = b->sum.stretch - a->after.stretch;
	shrink = b->sum.shrink - a->after.shrink;
	gap = avail - f->natural;
	f->ratio = f->excess = 0.0;
	if (fabs(gap) < GAP_EPSILON ||
	    (gap > 0.0 && b->sum.fil - a->after.fil > 0.5))
		return;
	if (gap > 0.0) {
		f->ratio = ratio_of(gap, stretch);
		f->excess = gap - tol * stretch;
	} else {
		f->ratio = ratio_of(gap, shrink);
		f->excess = -gap - shrink;
	}
	/* Sums of sums drift: a line on the edge by rounding is on it. */
	if (f->excess < GAP_EPSILON && f->ratio < -1.0)
		f->ratio = -1.0;
	if (f->excess < GAP_EPSILON && f->ratio > tol)
		f->ratio = tol;
}

/* 100 |r|^3, capped. */
static double
badness(double r)
{
	double	b = 100.0 * fabs(r * r * r);

	return b < INF_BAD ? b : INF_BAD;
}

static enum fitness
fitness_of(double r)
{
	if (r < -0.5)
		return FIT_TIGHT;
	if (r <= 0.5)
		return FIT_DECENT;
	if (r <= 1.0)
		return FIT_LOOSE;
	return FIT_VERY_LOOSE;
}

/* Demerits of the line alone, or -1 when this pass refuses it. */
static double
line_demerits(const struct breaker *b, const struct fit *f)
{
	const struct para_params *p = b->params;
	double			 l = p->line_penalty;

	if (f->ratio >= -1.0 && f->ratio <= p->tolerance)
		return (l + badness(f->ratio)) * (l + badness(f->ratio));
	if (f->ratio < -1.0) {
		if (!b->pass->least_bad)
			return -1.0;
		return OVERFULL_BASE + (OVERFULL_PER_PT * f->excess) *
		    (OVERFULL_PER_PT * f->excess);
	}
	if (!b->pass->least_bad && !(b->pass->emergency &&
	    f->excess <= p->tolerance * p->emergency_stretch))
		return -1.0;
	return (l + INF_BAD) * (l + INF_BAD) +
	    (UNDERFULL_PER_PT * f->excess) * (UNDERFULL_PER_PT * f->excess);
}

/*
 * Price the line from a to a break at it into c (demerits, fitness,
 * hyphen run).  Returns 0 when this pass does not allow the line.
 */
static int
price(const struct breaker *b, const struct node *a,
    const struct para_item *it, const struct fit *f, struct node *c)
{
	const struct para_params *p = b->params;
	double			 d, pen;
	int			 flagged, hyph, cap;

	if ((d = line_demerits(b, f)) < 0.0)
		return 0;
	flagged = it->kind == PARA_PENALTY && it->flagged;
	hyph = flagged ? a->hyphens + 1 : 0;
	if (p->max_hyphen_lines > 0 && hyph > p->max_hyphen_lines) {
		if (!b->pass->least_bad)
			return 0;
		d += HYPHEN_RUN_DEMERITS;
	}
	pen = it->kind == PARA_PENALTY ? it->penalty : 0.0;
	if (pen > 0.0)
		d += pen * pen;
	else if (pen > -PARA_INFINITY)
		d -= pen * pen;
	if (flagged && a->hyphens > 0)
		d += p->flagged_demerits;
	c->fitness = fitness_of(f->ratio);
	if (p->justify && abs((int)c->fitness - (int)a->fitness) > 1)
		d += p->fitness_demerits;
	cap = p->max_hyphen_lines > 0 ? p->max_hyphen_lines + 1 : 1;
	c->hyphens = hyph < cap ? hyph : cap;
	c->demerits = a->demerits + d;
	return 1;
}

/* Let active node a propose the line that ends at the current break. */
static void
propose(struct breaker *b, size_t a, const struct para_item *it,
    const struct fit *f)
{
	const struct node	*an = &b->nodes[a];
	struct node		 c, *o;
	size_t			 k, cls;

	/* price fills the cost, this the line; add_candidates the rest */
	if (!price(b, an, it, f, &c))
		return;
	c.line = an->line + 1;
	c.prev = a;
	c.ratio = f->ratio;
	c.natural = f->natural;
	cls = c.line < b->max_class ? c.line : b->max_class;
	for (k = 0; k < b->ncands; k++) {
		o = &b->cands[k];
		if ((o->line < b->max_class ? o->line : b->max_class) == cls &&
		    o->fitness == c.fitness && o->hyphens == c.hyphens) {
			if (c.demerits < o->demerits)
				*o = c;
			return;
		}
	}
	if (b->ncands == b->capcands) {
		b->capcands = b->capcands ? 2 * b->capcands : 16;
		b->cands = xrealloc(b->cands, b->capcands * sizeof(*b->cands));
	}
	b->cands[b->ncands++] = c;
}

static size_t
node_push(struct breaker *b, const struct node *nd)
{
	if (b->nnodes == b->capnodes) {
		b->capnodes = b->capnodes ? 2 * b->capnodes : 256;
		b->nodes = xrealloc(b->nodes, b->capnodes * sizeof(*b->nodes));
	}
	b->nodes[b->nnodes] = *nd;
	return b->nnodes++;
}

/*
 * The totals where the line after a break at i starts: glue and
 * penalties after the break are dropped up to the next box or forced
 * break.  Returns the first item of that line.
 */
static size_t
after_break(const struct breaker *b, size_t i, struct sums *after)
{
	const struct para_item	*it;
	size_t			 j;

	*after = b->sum;
	for (j = i; j < b->n; j++) {
		it = item_at(b, j);
		if (it->kind == PARA_BOX || (j > i && is_forced(it)))
			break;
		sums_add(after, it);
	}
	return j;
}

/* Turn the proposals for a break at i into active nodes. */
static void
add_candidates(struct breaker *b, size_t i)
{
	struct sums	after;
	size_t		k, start, idx;

	if (b->ncands == 0)
		return;
	start = after_break(b, i, &after);
	for (k = 0; k < b->ncands; k++) {
		b->cands[k].pos = i;
		b->cands[k].start = start;
		b->cands[k].after = after;
		b->cands[k].next = b->active;
		idx = node_push(b, &b->cands[k]);
		b->active = idx;
	}
}

/* A legal break at item i: every active node proposes a line to it. */
static void
try_break(struct breaker *b, size_t i)
{
	const struct para_item	*it = item_at(b, i);
	int			 forced = is_forced(it);
	size_t			 a, next, *link = &b->active;
	struct fit		 f;

	b->ncands = 0;
	for (a = b->active; a != NO_NODE; a = next) {
		next = b->nodes[a].next;
		measure(b, &b->nodes[a], it, &f);
		if (f.ratio >= -1.0 || b->pass->least_bad)
			propose(b, a, it, &f);
		if (f.ratio < -1.0 || forced)
			*link = next;
		else
			link = &b->nodes[a].next;
	}
	add_candidates(b, i);
}

/* One pass; returns the best node at the final break, or NO_NODE. */
static size_t
run_pass(struct breaker *b, enum pass_kind kind)
{
	const struct para_item	*it;
	struct node		 root;
	size_t			 i, a, best;

	b->pass = &passes[kind];
	b->nnodes = 0;
	memset(&b->sum, 0, sizeof(b->sum));
	memset(&root, 0, sizeof(root));
	root.prev = root.next = NO_NODE;
	root.fitness = FIT_DECENT;
	b->active = node_push(b, &root);
	for (i = 0; i < b->n && b->active != NO_NODE; i++) {
		it = item_at(b, i);
		if (it->kind == PARA_BOX)
			b->sum.width += it->width;
		else if (it->kind == PARA_GLUE) {
			if (i > 0 && item_at(b, i - 1)->kind == PARA_BOX)
				try_break(b, i);
			sums_add(&b->sum, it);
		} else if (it->penalty < PARA_INFINITY)
			try_break(b, i);
	}
	best = NO_NODE;
	for (a = b->active; a != NO_NODE; a = b->nodes[a].next)
		if (best == NO_NODE ||
		    b->nodes[a].demerits < b->nodes[best].demerits)
			best = a;
	return best;
}

/* Walk back from the best final node and write the lines. */
static void
fill_result(const struct breaker *b, size_t best, struct para_result *res)
{
	const struct node	*nd, *pv;
	const struct para_item	*it;
	struct para_line	*l;
	size_t			 k, count;

	count = b->nodes[best].line;
	res->nlines = count;
	res->lines = xcalloc(count, sizeof(*res->lines));
	for (k = best; b->nodes[k].prev != NO_NODE; k = nd->prev) {
		nd = &b->nodes[k];
		pv = &b->nodes[nd->prev];
		assert(count > 0);
		l = &res->lines[--count];
		l->start = pv->start;
		l->end = nd->pos;
		l->ratio = nd->ratio;
		l->natural = nd->natural;
		it = item_at(b, nd->pos);
		l->hyphenated = it->kind == PARA_PENALTY && it->flagged;
	}
}

int
para_break(const struct para_item *items, size_t n,
    double (*line_width)(size_t line, void *arg), void *arg,
    const struct para_params *params, struct para_result *res)
{
	struct breaker	b;
	size_t		best = NO_NODE;
	int		k;

	memset(res, 0, sizeof(*res));
	if (n == 0)
		return -1;
	memset(&b, 0, sizeof(b));
	b.items = items;
	b.nitems = n;
	b.n = is_forced(&items[n - 1]) ? n : n + 1;
	b.line_width = line_width;
	b.arg = arg;
	b.params = params;
	b.max_class = params->shaped_lines > 0 ? params->shaped_lines :
	    NO_NODE;
	for (k = 0; k < PASS__MAX; k++) {
		if (k == PASS_EMERGENCY && params->emergency_stretch <= 0.0)
			continue;
		if ((best = run_pass(&b, k)) != NO_NODE)
			break;
	}
	assert(best != NO_NODE);
	fill_result(&b, best, res);
	res->feasible = k != PASS_LEAST_BAD;
	res->emergency = k == PASS_EMERGENCY;
	free(b.nodes);
	free(b.cands);
	return 0;
}

void
para_result_free(struct para_result *res)
{
	free(res->lines);
	res->lines = NULL;
	res->nlines = 0;
}
