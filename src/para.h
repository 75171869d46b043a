/*
 * para: total-fit line breaking (Knuth and Plass) over an abstract list of
 * boxes, glue and penalties.
 *
 * The caller (text.c) turns styled words into items; para chooses the
 * breaks that minimise the total demerits of the paragraph and reports the
 * adjustment ratio of every line.  When no feasible set of breaks exists
 * within the tolerance, it retries with the emergency stretch, and if that
 * fails too it still returns the least bad breaks and says so.
 *
 * This module must never know about fonts, text or pages: widths in, breaks
 * out.
 */
#ifndef BROCHURE_PARA_H
#define BROCHURE_PARA_H

#include <stddef.h>

enum para_item_kind {
	PARA_BOX,
	PARA_GLUE,
	PARA_PENALTY
};

#define PARA_INFINITY	10000	/* penalty: never / always break here */
#define PARA_FIL	1e30	/* [pt] glue stretch this large or more is
				   infinite (the glue that ends a paragraph) */

struct para_item {
	enum para_item_kind kind;
	double		 width;		/* [pt] */
	double		 stretch;	/* [pt] glue only */
	double		 shrink;	/* [pt] glue only */
	int		 penalty;	/* penalty only; +-PARA_INFINITY */
	int		 flagged;	/* penalty only: a hyphen break */
};

struct para_params {
	double		 tolerance;	/* max adjustment ratio (e.g. 2.0) */
	double		 emergency_stretch; /* [pt] added per line on retry */
	int		 line_penalty;	/* added to each line's badness (10) */
	int		 flagged_demerits; /* two hyphen lines in a row (3000) */
	int		 fitness_demerits; /* adjacent lines differ a lot (100) */
	int		 max_hyphen_lines; /* consecutive hyphenated lines, 0 = any */
	int		 justify;	/* 0: ragged (ratios reported, not used;
					   no fitness demerits) */
	/*
	 * Lines at the top whose width may differ from the rest (1 for a
	 * first-line indent): every line from number shaped_lines on must
	 * have the width of line shaped_lines, so the breaker need not tell
	 * those lines apart (Knuth's "easy line").  0 makes no assumption:
	 * every line number is told apart, which is slow on long paragraphs.
	 */
	size_t		 shaped_lines;
};

struct para_line {
	size_t		 start;		/* first item of the line */
	size_t		 end;		/* the break item (excluded) */
	double		 ratio;		/* adjustment ratio of the real glue
					   (never the emergency stretch);
					   < -1 is overfull */
	double		 natural;	/* [pt] natural width */
	int		 hyphenated;	/* ends at a flagged penalty */
};

struct para_result {
	struct para_line *lines;	/* malloc'd; free with para_result_free */
	size_t		 nlines;
	int		 feasible;	/* 0 when the least bad breaks were taken */
	int		 emergency;	/* 1 when emergency stretch was needed */
};

/*
 * Break items[0..n) into lines of width line_width(i) for line i (the
 * callback lets a first line be indented or a figure narrow a column).
 * The list should end with a forced break (PARA_PENALTY -PARA_INFINITY);
 * one is implied after the last item when it does not.  Glue is a legal
 * break only right after a box, a penalty when below +PARA_INFINITY.
 * Fills the result (free it with para_result_free) and returns 0, or
 * returns -1 only when n is 0.  A result always exists: when no breaks
 * fit the tolerance, even with the emergency stretch, the least bad
 * breaks are taken (overfull lines only where nothing else fits) and
 * feasible is 0.
 */
int	para_break(const struct para_item *items, size_t n,
	    double (*line_width)(size_t line, void *arg), void *arg,
	    const struct para_params *, struct para_result *);
void	para_result_free(struct para_result *);

#endif /* BROCHURE_PARA_H */
