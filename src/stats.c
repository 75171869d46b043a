/*
 * stats: counts facet tags over the entries in scope (the kept entries,
 * after any region filter) and fills count, total and share of every
 * chart bar.  A bar with a literal value takes it as its share.  A chart
 * that counts entries when none is in scope is reported (it is set empty,
 * with a note).  stats_print writes the bars as a table, CSV or JSON for
 * `brochure stats`, the share through the locale exactly as the PDF
 * prints it.
 *
 * This module must never lay anything out, never format a share for the
 * reader except through the locale, and never divide by zero: no entries
 * in scope gives share 0.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "stats.h"

const char *const stats_format_names[STATS__MAX] = {
	"table",	/* STATS_TABLE */
	"csv",		/* STATS_CSV */
	"json",		/* STATS_JSON */
};

/* --- counting --- */

int
stats_count(const struct document *doc, const char *facet, const char *key)
{
	const struct entry	*e;
	int			 count = 0;

	if (facet == NULL || key == NULL)
		return 0;
	for (e = doc->entries; e != NULL; e = e->next)
		count += model_tags_hold(e, facet, key);
	return count;
}

static void
stats_bar(const struct document *doc, const struct chart *ch,
    struct chart_bar *bar)
{
	bar->count = bar->total = 0;
	bar->share = 0;
	if (bar->key != NULL) {
		bar->count = stats_count(doc, ch->facet, bar->key);
		bar->total = (int)doc->nentries;
		if (bar->total > 0)
			bar->share = 100.0 * bar->count / bar->total;
	} else if (isfinite(bar->value))
		bar->share = bar->value;
}

int
stats_bar_has_share(const struct chart_bar *bar)
{
	return bar->key == NULL || bar->total > 0;
}

int
stats_chart_empty(const struct chart *ch)
{
	const struct chart_bar	*bar;

	for (bar = ch->bars; bar != NULL; bar = bar->next)
		if (!stats_bar_has_share(bar))
			return 1;
	return 0;
}

static void
warn_empty(const struct document *doc, const struct block *b)
{
	const char	*chart = b->id == NULL ? "<chart>" :
			    arena_printf(doc->arena, "<chart id=\"%s\">", b->id);

	if (doc->region != NULL)
		diag_warning(&b->pos, "%s has no entries to count: region "
		    "\"%s\" holds none, so the chart is set empty with a "
		    "note: check the region's name", chart, doc->region);
	else
		diag_warning(&b->pos, "%s has no entries to count: the report "
		    "holds none, so the chart is set empty with a note: add "
		    "entries or give its bars value=", chart);
}

static void
stats_block(struct block *b, void *arg)
{
	const struct document	*doc = arg;
	struct chart_bar	*bar;

	if (b->kind != BLK_CHART)
		return;
	for (bar = b->u.chart.bars; bar != NULL; bar = bar->next)
		stats_bar(doc, &b->u.chart, bar);
	if (stats_chart_empty(&b->u.chart))
		warn_empty(doc, b);
}

void
stats_compute(struct document *doc)
{
	model_each_block(doc, stats_block, doc);
}

/* --- printing --- */

/* The columns of every format, in order. */
enum column {
	COL_CHART,
	COL_KEY,
	COL_LABEL,
	COL_COUNT,
	COL_TOTAL,
	COL_SHARE,
	COL_PERCENT,
	COL__MAX
};

static const struct column_info {
	const char	*name;
	int		 bare;		/* JSON: a number, not a string */
	int		 right;		/* table: right-aligned */
	int		 in_table;	/* (the table names the chart above) */
} columns[COL__MAX] = {
	{ "chart", 0, 0, 0 },		/* COL_CHART */
	{ "key", 0, 0, 1 },		/* COL_KEY */
	{ "label", 0, 0, 1 },		/* COL_LABEL */
	{ "count", 1, 1, 1 },		/* COL_COUNT */
	{ "total", 1, 1, 1 },		/* COL_TOTAL */
	{ "share", 0, 1, 1 },		/* COL_SHARE */
	{ "percent", 1, 1, 0 },		/* COL_PERCENT */
};

/* One bar as text: a field is NULL when the bar has none. */
struct row {
	const struct block	*chart;
	const char		*field[COL__MAX];
};

struct rows {
	struct arena		*arena;		/* every string of the rows */
	const struct locale	*loc;
	struct row		*v;
	size_t			 n, cap;
};

typedef void	(*printer)(const struct rows *, FILE *);

static void	print_table(const struct rows *, FILE *);
static void	print_csv(const struct rows *, FILE *);
static void	print_json(const struct rows *, FILE *);

static const printer printers[STATS__MAX] = {
	print_table,	/* STATS_TABLE */
	print_csv,	/* STATS_CSV */
	print_json,	/* STATS_JSON */
};

/* Plain text of inline content in the rows' arena; NULL for none. */
static const char *
plain(struct arena *a, const struct inline_node *in)
{
	struct strbuf	 b = { NULL, 0, 0 };
	const char	*s;

	if (in == NULL)
		return NULL;
	model_inline_text(in, &b);
	s = arena_strdup(a, b.data != NULL ? b.data : "");
	strbuf_free(&b);
	return s;
}

static void
add_row(struct rows *r, const struct block *b, const struct chart_bar *bar)
{
	struct row	*row;
	char		*share;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	row = &r->v[r->n++];
	memset(row, 0, sizeof(*row));
	row->chart = b;
	row->field[COL_CHART] = b->id;
	row->field[COL_KEY] = bar->key;
	row->field[COL_LABEL] = plain(r->arena, bar->label);
	if (bar->key != NULL) {
		row->field[COL_COUNT] = arena_printf(r->arena, "%d",
		    bar->count);
		row->field[COL_TOTAL] = arena_printf(r->arena, "%d",
		    bar->total);
	}
	if (!stats_bar_has_share(bar))
		return;
	share = locale_format_percent(r->loc, bar->share);
	row->field[COL_SHARE] = arena_strdup(r->arena, share);
	free(share);
	row->field[COL_PERCENT] = arena_printf(r->arena, "%.4f", bar->share);
}

static void
collect(struct block *b, void *arg)
{
	const struct chart_bar	*bar;

	if (b->kind != BLK_CHART)
		return;
	for (bar = b->u.chart.bars; bar != NULL; bar = bar->next)
		add_row(arg, b, bar);
}

int
stats_print(const struct document *doc, const struct locale *loc,
    enum stats_format format, FILE *out)
{
	struct rows	 r = { arena_new(), loc, NULL, 0, 0 };
	int		 rc = 0;

	assert(format < STATS__MAX);
	/* The walk only reads: it takes a mutable document for others. */
	model_each_block((struct document *)doc, collect, &r);
	printers[format](&r, out);
	if (fflush(out) == EOF || ferror(out)) {
		diag_error(NULL, "cannot write the statistics: %s: check the "
		    "output file and the free disk space", strerror(errno));
		rc = -1;
	}
	free(r.v);
	arena_free(r.arena);
	return rc;
}

/* --- the table --- */

/* Characters, not bytes: columns of UTF-8 text line up. */
static size_t
text_width(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
put_cell(FILE *out, const char *s, size_t width, int right)
{
	size_t	pad = width - text_width(s);

	if (right)
		fprintf(out, "%*s%s", (int)pad, "", s);
	else
		fprintf(out, "%s%*s", s, (int)pad, "");
}

/* One line of the table, indented: a row, or the header (row NULL). */
static void
table_line(FILE *out, const struct row *row, const size_t *width)
{
	const char	*s;
	int		 c;

	for (c = 0; c < COL__MAX; c++) {
		if (!columns[c].in_table)
			continue;
		s = row == NULL ? columns[c].name : row->field[c];
		fputs("  ", out);
		put_cell(out, s != NULL ? s : "-", width[c], columns[c].right);
	}
	fputc('\n', out);
}

static void
print_table(const struct rows *r, FILE *out)
{
	size_t		 width[COL__MAX], i, w;
	const struct block *b;
	const char	*title;
	int		 c;

	for (c = 0; c < COL__MAX; c++)
		width[c] = text_width(columns[c].name);
	for (i = 0; i < r->n; i++)
		for (c = 0; c < COL__MAX; c++) {
			w = r->v[i].field[c] ? text_width(r->v[i].field[c]) : 1;
			width[c] = w > width[c] ? w : width[c];
		}
	for (i = 0; i < r->n; i++) {
		b = r->v[i].chart;
		if (i == 0 || r->v[i - 1].chart != b) {
			title = plain(r->arena, b->u.chart.title);
			fprintf(out, "%s%s%s%s\n", i > 0 ? "\n" : "",
			    b->id ? b->id : "", b->id && title ? ": " : "",
			    title ? title : b->id ? "" : "(a chart)");
			table_line(out, NULL, width);
		}
		table_line(out, &r->v[i], width);
	}
}

/* --- CSV --- */

/* RFC 4180: quoted when it holds a comma, a quote or a line break. */
static void
csv_field(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void
print_csv(const struct rows *r, FILE *out)
{
	size_t	i;
	int	c;

	for (c = 0; c < COL__MAX; c++)
		fprintf(out, "%s%s", c ? "," : "", columns[c].name);
	fputc('\n', out);
	for (i = 0; i < r->n; i++)
		for (c = 0; c < COL__MAX; c++) {
			csv_field(out, r->v[i].field[c]);
			fputc(c + 1 < COL__MAX ? ',' : '\n', out);
		}
}

/* --- JSON --- */

static void
json_string(FILE *out, const char *s)
{
	const unsigned char	*p;

	if (s == NULL) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

/* { "key": …, …, "percent": … }: numbers bare, the rest as strings. */
static void
json_bar(FILE *out, const struct row *row)
{
	int	c, first = 1;

	fputs("      {", out);
	for (c = 0; c < COL__MAX; c++) {
		if (c == COL_CHART)
			continue;
		fprintf(out, "%s\"%s\": ", first ? " " : ", ",
		    columns[c].name);
		first = 0;
		if (row->field[c] != NULL && columns[c].bare)
			fputs(row->field[c], out);
		else
			json_string(out, row->field[c]);
	}
	fputs(" }", out);
}

static void
json_chart(const struct rows *r, FILE *out, const struct block *b)
{
	fputs("  {\n    \"id\": ", out);
	json_string(out, b->id);
	fputs(",\n    \"title\": ", out);
	json_string(out, plain(r->arena, b->u.chart.title));
	fputs(",\n    \"facet\": ", out);
	json_string(out, b->u.chart.facet);
	fputs(",\n    \"bars\": [\n", out);
}

static void
print_json(const struct rows *r, FILE *out)
{
	size_t	i;

	fputs("[", out);
	for (i = 0; i < r->n; i++) {
		if (i == 0 || r->v[i - 1].chart != r->v[i].chart) {
			fputs(i > 0 ? "\n    ]\n  },\n" : "\n", out);
			json_chart(r, out, r->v[i].chart);
		} else
			fputs(",\n", out);
		json_bar(out, &r->v[i]);
	}
	fputs(r->n > 0 ? "\n    ]\n  }\n]\n" : "]\n", out);
}
