/*
 * style: reads a style sheet into struct style.  Two tables drive it:
 * style_fields (the settings elements: page, sections, lists, …) and
 * text_fields (the attributes of <text role="…">), each naming the
 * attribute, how to read it, where it goes and its default as a file
 * would write it.  After reading, the geometry is checked as a whole:
 * margins inside the page, columns wide enough, leading not below size.
 *
 * The schema has checked the structure before: the elements are in their
 * places, values look as they must.  What a schema cannot see is checked
 * here and reported with file:line: body and its required attributes,
 * duplicates, references to colours and families, geometry.
 *
 * This module must never lay anything out or open a font file: it only
 * checks that the files it names exist (font opens them).
 */
#include <assert.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "diag.h"
#include "load.h"
#include "style.h"

#define PT_PER_MM	(72.0 / 25.4)
#define MIN_COLUMN	(20.0 * PT_PER_MM)	/* [pt] narrowest column */
#define MIN_FRAME_LINES	3			/* body lines a page holds */
#define MIN_LEADING	0.8			/* leading / size, at least */
#define MIN_SIZE	1.0			/* [pt] smallest text and page */
#define MAX_COLUMNS	12
#define MAX_CIRCLED	20			/* ⑳ ends Unicode's series */
#define MAX_LINES	10			/* widows, orphans, keep */
#define MAX_BLEED	(25.0 * PT_PER_MM)	/* [pt] widest print bleed */
#define CMYK_INKS	4			/* numbers in color@cmyk */
#define NO_MAX		DBL_MAX

const char *const text_role_names[TR__MAX] = {
	"body",			/* TR_BODY */
	"h1",			/* TR_H1 */
	"h2",			/* TR_H2 */
	"secnum",		/* TR_SECNUM */
	"list",			/* TR_LIST */
	"quote",		/* TR_QUOTE */
	"quote-source",		/* TR_QUOTE_SOURCE */
	"note",			/* TR_NOTE */
	"note-mark",		/* TR_NOTE_MARK */
	"caption",		/* TR_CAPTION */
	"chart-title",		/* TR_CHART_TITLE */
	"chart-figure",		/* TR_CHART_FIGURE */
	"chart-label",		/* TR_CHART_LABEL */
	"entry-title",		/* TR_ENTRY_TITLE */
	"entry-meta",		/* TR_ENTRY_META */
	"footer",		/* TR_FOOTER */
	"cover-series",		/* TR_COVER_SERIES */
	"cover-title",		/* TR_COVER_TITLE */
	"cover-subtitle",	/* TR_COVER_SUBTITLE */
	"cover-meta",		/* TR_COVER_META */
	"cover-region",		/* TR_COVER_REGION */
	"toc",			/* TR_TOC */
	"imprint-head",		/* TR_IMPRINT_HEAD */
	"imprint",		/* TR_IMPRINT */
};

/* Words of the enumerated attributes, indexed by the C value. */
static const char *const face_names[FACE__MAX] = {
	"regular",		/* FACE_REGULAR */
	"bold",			/* FACE_BOLD */
	"italic",		/* FACE_ITALIC */
	"bold-italic",		/* FACE_BOLD_ITALIC */
};
static const char *const align_names[] = {
	"left",			/* ALIGN_LEFT */
	"right",		/* ALIGN_RIGHT */
	"center",		/* ALIGN_CENTER */
	"justify",		/* ALIGN_JUSTIFY */
};
static const char *const secnum_names[] = {
	"circled",		/* SECNUM_CIRCLED */
	"digits",		/* SECNUM_DIGITS */
};
static const char *const yes_no[] = { "no", "yes" };
static const char *const note_place_names[] = { "foot", "side" };

#define NAMES(a)	(a), sizeof(a) / sizeof((a)[0])

/* F_ENUM stores through an int: the enums must have its size. */
_Static_assert(sizeof(enum font_face_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(enum text_align) == sizeof(int), "enum size");
_Static_assert(sizeof(enum secnum_look) == sizeof(int), "enum size");

enum field_kind {
	F_LENGTH,		/* double [pt]: "9.5pt", "20mm" */
	F_NUMBER,		/* double: a plain number */
	F_INT,			/* int */
	F_ENUM,			/* int: index of the word in names */
	F_STRING,		/* const char *, copied to the arena */
	F_COLOR,		/* struct color: a colour's name */
	F_FAMILY,		/* int: index of a font family by name */
	F__MAX
};

struct field {
	const char	*elem;		/* settings element; NULL for text */
	const char	*attr;
	enum field_kind	 kind;
	size_t		 off;		/* in struct style or text_style */
	const char	*def;		/* default; NULL: required */
	double		 min, max;	/* accepted range (lengths in pt) */
	const char *const *names;	/* F_ENUM: words by value */
	size_t		 nnames;
	int		 inherit;	/* text: omitted means body's value */
};

#define S(m)	offsetof(struct style, m)
#define T(m)	offsetof(struct text_style, m)

static const struct field style_fields[] = {
	/* elem, attr, kind, field, default, min, max (, names) */
	{ "justification", "tolerance", F_NUMBER, S(tolerance), "2.5", 0.1,
	    10, NULL, 0, 0 },
	{ "justification", "space-stretch", F_NUMBER, S(space_stretch),
	    "0.25", 0, 2, NULL, 0, 0 },
	{ "justification", "space-shrink", F_NUMBER, S(space_shrink), "0.1",
	    0, 0.3, NULL, 0, 0 },
	{ "justification", "emergency-stretch", F_NUMBER,
	    S(emergency_stretch), "1.5", 0, 10, NULL, 0, 0 },
	{ "justification", "hyphen-penalty", F_INT, S(hyphen_penalty), "100",
	    0, 10000, NULL, 0, 0 },
	{ "justification", "max-hyphen-lines", F_INT, S(max_hyphen_lines),
	    "2", 0, 10, NULL, 0, 0 },
	{ "justification", "column-end-hyphen", F_ENUM,
	    S(column_end_hyphen), "no", 0, 0, NAMES(yes_no), 0 },
	{ "justification", "hyphen-left-min", F_INT, S(hyphen_left_min), "2",
	    1, 10, NULL, 0, 0 },
	{ "justification", "hyphen-right-min", F_INT, S(hyphen_right_min),
	    "2", 1, 10, NULL, 0, 0 },
	{ "page", "width", F_LENGTH, S(page_width), NULL, MIN_SIZE, NO_MAX,
	    NULL, 0, 0 },
	{ "page", "height", F_LENGTH, S(page_height), NULL, MIN_SIZE, NO_MAX,
	    NULL, 0, 0 },
	{ "page", "margin-top", F_LENGTH, S(margin_top), "20mm", 0, NO_MAX,
	    NULL, 0, 0 },
	{ "page", "margin-bottom", F_LENGTH, S(margin_bottom), "20mm", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "page", "margin-inner", F_LENGTH, S(margin_inner), "20mm", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "page", "margin-outer", F_LENGTH, S(margin_outer), "20mm", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "page", "columns", F_INT, S(columns), "1", 1, MAX_COLUMNS,
	    NULL, 0, 0 },
	{ "page", "gutter", F_LENGTH, S(gutter), "5mm", 0, NO_MAX,
	    NULL, 0, 0 },
	{ "sections", "numbers", F_ENUM, S(secnum_look), "digits", 0, 0,
	    NAMES(secnum_names), 0 },
	{ "sections", "circled-max", F_INT, S(secnum_circled_max), "9", 0,
	    MAX_CIRCLED, NULL, 0, 0 },
	{ "sections", "new-page", F_ENUM, S(section_new_page), "no", 0, 0,
	    NAMES(yes_no), 0 },
	{ "sections", "space-before", F_LENGTH, S(section_space), "24pt", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "sections", "heading-keep", F_NUMBER, S(heading_keep), "2", 0,
	    MAX_LINES, NULL, 0, 0 },
	{ "paragraphs", "space", F_LENGTH, S(paragraph_space), "0pt", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "paragraphs", "widow-lines", F_INT, S(widow_lines), "2", 1,
	    MAX_LINES, NULL, 0, 0 },
	{ "paragraphs", "orphan-lines", F_INT, S(orphan_lines), "2", 1,
	    MAX_LINES, NULL, 0, 0 },
	{ "lists", "indent", F_LENGTH, S(list_indent), "4mm", 0, NO_MAX,
	    NULL, 0, 0 },
	{ "lists", "bullet", F_STRING, S(bullet), "•", 0, 0,
	    NULL, 0, 0 },
	{ "quotes", "rule", F_LENGTH, S(quote_rule), "0pt", 0, NO_MAX,
	    NULL, 0, 0 },
	{ "notes", "place", F_ENUM, S(note_place), "foot", 0, 0,
	    NAMES(note_place_names), 0 },
	{ "notes", "side-width", F_LENGTH, S(note_side_width), "30mm", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "notes", "side-gap", F_LENGTH, S(note_side_gap), "5mm", 0, NO_MAX,
	    NULL, 0, 0 },
	{ "notes", "rule-width", F_LENGTH, S(note_rule_width), "20mm", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "rules", "thickness", F_LENGTH, S(rule_thickness), "0.5pt", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "footer", "offset", F_LENGTH, S(footer_offset), "10mm", 0, NO_MAX,
	    NULL, 0, 0 },
	{ "links", "marker", F_STRING, S(link_marker), "", 0, 0,
	    NULL, 0, 0 },
	{ "cover", "field-height", F_LENGTH, S(cover_field_height), "0pt", 0,
	    NO_MAX, NULL, 0, 0 },
	{ "print", "bleed", F_LENGTH, S(print_bleed), "3mm", 0, MAX_BLEED,
	    NULL, 0, 0 },
	{ "print", "marks", F_ENUM, S(print_marks), "yes", 0, 0,
	    NAMES(yes_no), 0 },
	{ "contents", "show", F_ENUM, S(toc), "no", 0, 0, NAMES(yes_no), 0 },
	{ "charts", "bar-thickness", F_LENGTH, S(bar_thickness), "5pt",
	    MIN_SIZE, NO_MAX, NULL, 0, 0 },
	{ "charts", "ring-diameter", F_LENGTH, S(ring_diameter), "22mm",
	    MIN_SIZE, NO_MAX, NULL, 0, 0 },
	{ "charts", "ring-width", F_LENGTH, S(ring_width), "2.5mm",
	    MIN_SIZE, NO_MAX, NULL, 0, 0 },
	{ "charts", "ring-gap", F_LENGTH, S(ring_gap), "4mm", 0, NO_MAX,
	    NULL, 0, 0 },
};

static const struct field text_fields[] = {
	/* attr, kind, field, default, min, max (, names), inherit */
	{ NULL, "family", F_FAMILY, T(family), NULL, 0, 0, NULL, 0, 1 },
	{ NULL, "face", F_ENUM, T(face), "regular", 0, 0, NAMES(face_names),
	    1 },
	{ NULL, "size", F_LENGTH, T(size), NULL, MIN_SIZE, NO_MAX,
	    NULL, 0, 1 },
	{ NULL, "leading", F_LENGTH, T(leading), NULL, MIN_SIZE, NO_MAX,
	    NULL, 0, 1 },
	{ NULL, "color", F_COLOR, T(color), "ink", 0, 0, NULL, 0, 1 },
	{ NULL, "align", F_ENUM, T(align), "left", 0, 0, NAMES(align_names),
	    1 },
	{ NULL, "space-before", F_LENGTH, T(space_before), "0pt", 0, NO_MAX,
	    NULL, 0, 0 },
	{ NULL, "space-after", F_LENGTH, T(space_after), "0pt", 0, NO_MAX,
	    NULL, 0, 0 },
	{ NULL, "indent", F_LENGTH, T(indent), "0pt", 0, NO_MAX, NULL, 0, 0 },
	{ NULL, "uppercase", F_ENUM, T(uppercase), "no", 0, 0, NAMES(yes_no),
	    1 },
	{ NULL, "letter-space", F_LENGTH, T(letter_space), "0pt", 0, NO_MAX,
	    NULL, 0, 1 },
	{ NULL, "hyphenate", F_ENUM, T(hyphenate), "yes", 0, 0,
	    NAMES(yes_no), 1 },
};

#define NFIELDS(t)	(sizeof(t) / sizeof((t)[0]))

/* The colours every style must name, and where they go. */
static const struct {
	const char	*name;
	size_t		 off;
} required_colors[] = {
	{ "accent", S(accent) },
	{ "accent2", S(accent2) },
	{ "ink", S(ink) },
	{ "grey", S(grey) },
	{ "paper", S(paper) },
};

struct named_color {
	const char	*name;
	struct color	 color;
	long		 line;
};

/* What reading one style sheet needs besides the style itself. */
struct reader {
	struct style		*st;
	struct load_result	*lr;
	xmlNodePtr		 root;
	const char		*dir;		/* the sheet's folder; NULL: . */
	struct named_color	*colors;
	const char		**color_names;	/* by index in colors */
	size_t			 ncolors;
	const char		**family_names;	/* by index in families */
	xmlNodePtr		 roles[TR__MAX]; /* <text> per role */
};

typedef int	(*field_reader)(struct reader *, const struct field *,
		    const char *, const struct srcpos *, void *);

static int	read_length(struct reader *, const struct field *,
		    const char *, const struct srcpos *, void *);
static int	read_number(struct reader *, const struct field *,
		    const char *, const struct srcpos *, void *);
static int	read_int(struct reader *, const struct field *,
		    const char *, const struct srcpos *, void *);
static int	read_enum(struct reader *, const struct field *,
		    const char *, const struct srcpos *, void *);
static int	read_string(struct reader *, const struct field *,
		    const char *, const struct srcpos *, void *);
static int	read_color(struct reader *, const struct field *,
		    const char *, const struct srcpos *, void *);
static int	read_family(struct reader *, const struct field *,
		    const char *, const struct srcpos *, void *);

static const field_reader field_readers[F__MAX] = {
	read_length,		/* F_LENGTH */
	read_number,		/* F_NUMBER */
	read_int,		/* F_INT */
	read_enum,		/* F_ENUM */
	read_string,		/* F_STRING */
	read_color,		/* F_COLOR */
	read_family,		/* F_FAMILY */
};

/* --- XML access --- */

/* Where node is; the style keeps the file name when load's goes. */
static struct srcpos
node_pos(const struct reader *rd, xmlNodePtr node)
{
	return load_pos_copy(rd->lr, node, rd->st->arena, rd->st->file);
}

static size_t
count_children(xmlNodePtr parent, const char *name)
{
	xmlNodePtr	n;
	size_t		count = 0;

	for (n = load_first_element(parent, name); n != NULL;
	    n = load_next_element(n->next, name))
		count++;
	return count;
}

/* Where a settings element is, or the root when it was left out. */
static struct srcpos
elem_pos(const struct reader *rd, const char *name)
{
	xmlNodePtr	n = load_first_element(rd->root, name);

	return node_pos(rd, n != NULL ? n : rd->root);
}

/* --- field readers --- */

static int
in_range(const struct field *f, double v, const char *text,
    const struct srcpos *pos)
{
	const char	*unit = f->kind == F_LENGTH ? "pt" : "";

	if (v < f->min) {
		diag_error(pos, "%s=\"%s\" is too small: use at least %g%s",
		    f->attr, text, f->min, unit);
		return 0;
	}
	if (v > f->max) {
		diag_error(pos, "%s=\"%s\" is too large: use at most %g%s",
		    f->attr, text, f->max, unit);
		return 0;
	}
	return 1;
}

static int
read_length(struct reader *rd, const struct field *f, const char *text,
    const struct srcpos *pos, void *dst)
{
	double	v;

	(void)rd;
	if (parse_length(text, &v) == -1) {
		diag_error(pos, "%s=\"%s\" is not a length: write a number "
		    "and pt, mm, cm or in, e.g. \"9.5pt\" or \"20mm\"",
		    f->attr, text);
		return -1;
	}
	if (!in_range(f, v, text, pos))
		return -1;
	*(double *)dst = v;
	return 0;
}

/* A whole text as a number, or -1. */
static int
parse_number(const char *text, double *v)
{
	char	*end;

	errno = 0;
	*v = strtod(text, &end);
	return end == text || *end != '\0' || errno != 0 ? -1 : 0;
}

static int
read_number(struct reader *rd, const struct field *f, const char *text,
    const struct srcpos *pos, void *dst)
{
	double	v;

	(void)rd;
	if (parse_number(text, &v) == -1) {
		diag_error(pos, "%s=\"%s\" is not a number: write e.g. "
		    "\"2\"", f->attr, text);
		return -1;
	}
	if (!in_range(f, v, text, pos))
		return -1;
	*(double *)dst = v;
	return 0;
}

static int
read_int(struct reader *rd, const struct field *f, const char *text,
    const struct srcpos *pos, void *dst)
{
	double	v;

	(void)rd;
	if (parse_number(text, &v) == -1 || v != floor(v)) {
		diag_error(pos, "%s=\"%s\" is not a whole number: write e.g. "
		    "\"2\"", f->attr, text);
		return -1;
	}
	if (!in_range(f, v, text, pos))
		return -1;
	*(int *)dst = (int)v;
	return 0;
}

static int
name_index(const char *text, const char *const *names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], text) == 0)
			return (int)i;
	return -1;
}

/* The index of text in names, or -1 after listing the choices. */
static int
lookup_name(const char *what, const char *text, const char *const *names,
    size_t n, const struct srcpos *pos)
{
	struct strbuf	 b = { NULL, 0, 0 };
	size_t		 i;
	int		 k;

	if ((k = name_index(text, names, n)) >= 0)
		return k;
	for (i = 0; i < n; i++)
		strbuf_printf(&b, "%s%s", i > 0 ? ", " : "", names[i]);
	diag_error(pos, "unknown %s \"%s\": use one of %s", what, text,
	    b.data != NULL ? b.data : "(none defined)");
	strbuf_free(&b);
	return -1;
}

static int
read_enum(struct reader *rd, const struct field *f, const char *text,
    const struct srcpos *pos, void *dst)
{
	int	i;

	(void)rd;
	if ((i = lookup_name(f->attr, text, f->names, f->nnames, pos)) < 0)
		return -1;
	*(int *)dst = i;
	return 0;
}

static int
read_string(struct reader *rd, const struct field *f, const char *text,
    const struct srcpos *pos, void *dst)
{
	(void)f;
	(void)pos;
	*(const char **)dst = arena_strdup(rd->st->arena, text);
	return 0;
}

static int
read_color(struct reader *rd, const struct field *f, const char *text,
    const struct srcpos *pos, void *dst)
{
	int	k;

	(void)f;
	if ((k = lookup_name("colour", text, rd->color_names, rd->ncolors,
	    pos)) < 0)
		return -1;
	*(struct color *)dst = rd->colors[k].color;
	return 0;
}

static int
read_family(struct reader *rd, const struct field *f, const char *text,
    const struct srcpos *pos, void *dst)
{
	int	k;

	(void)f;
	if ((k = lookup_name("font family", text, rd->family_names,
	    rd->st->nfamilies, pos)) < 0)
		return -1;
	*(int *)dst = k;
	return 0;
}

/*
 * Read the fields of a table from node (NULL: not in the file) into base.
 * With inheriting, omitted fields that inherit keep what base holds.
 * Returns -1 if any field was wrong, after reporting each.
 */
static int
read_fields(struct reader *rd, const struct field *fields, size_t n,
    xmlNodePtr node, const struct srcpos *pos, void *base, int inheriting)
{
	const char	*text;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < n; i++) {
		assert(fields[i].kind < F__MAX);
		text = load_attr(rd->st->arena, node, fields[i].attr);
		if (text == NULL) {
			if (inheriting && fields[i].inherit)
				continue;
			text = fields[i].def;
		}
		if (text == NULL) {
			diag_error(pos, "<%s> needs %s=\"…\"", node != NULL ?
			    (const char *)node->name : fields[i].elem,
			    fields[i].attr);
			rc = -1;
		} else if (field_readers[fields[i].kind](rd, &fields[i],
		    text, pos, (char *)base + fields[i].off) == -1)
			rc = -1;
	}
	return rc;
}

/* --- colours --- */

/* "#RRGGBB" (the schema's pattern) as a colour. */
static struct color
parse_rgb(const char *text)
{
	unsigned long	v = strtoul(text + 1, NULL, 16);
	struct color	c;

	memset(&c, 0, sizeof(c));
	c.r = (double)((v >> 16) & 0xFF) / 255.0;
	c.g = (double)((v >> 8) & 0xFF) / 255.0;
	c.b = (double)(v & 0xFF) / 255.0;
	return c;
}

/*
 * "c m y k" (four numbers from 0 to 1) into the colour's process values;
 * absent is fine (print builds keep the colour RGB).  -1 after reporting.
 */
static int
parse_cmyk(const char *text, struct color *c, const struct srcpos *pos)
{
	float	 v[CMYK_INKS];
	char	*end;
	int	 i;

	if (text == NULL)
		return 0;
	for (i = 0; i < CMYK_INKS; i++, text = end) {
		v[i] = strtof(text, &end);
		if (end == text || !(v[i] >= 0.0f && v[i] <= 1.0f))
			break;
	}
	if (i < CMYK_INKS || *text != '\0') {
		diag_error(pos, "cmyk=\"…\" needs four numbers from 0 to 1, "
		    "cyan magenta yellow black, such as \"0.85 0.2 0.45 0.1\"");
		return -1;
	}
	c->c = v[0], c->m = v[1], c->y = v[2], c->k = v[3];
	c->cmyk = 1;
	return 0;
}

static int
read_one_color(struct reader *rd, xmlNodePtr n, size_t i)
{
	struct named_color	*c = &rd->colors[i];
	struct srcpos		 pos = node_pos(rd, n);
	int			 k;

	c->name = rd->color_names[i] = load_attr(rd->st->arena, n, "name");
	c->color = parse_rgb(load_attr(rd->st->arena, n, "rgb"));
	c->line = pos.line;
	if (parse_cmyk(load_attr(rd->st->arena, n, "cmyk"), &c->color,
	    &pos) == -1)
		return -1;
	if ((k = name_index(c->name, rd->color_names, i)) < 0)
		return 0;
	diag_error(&pos, "colour \"%s\" is already defined on line %ld: "
	    "remove one", c->name, rd->colors[k].line);
	return -1;
}

static int
read_colors(struct reader *rd)
{
	xmlNodePtr	 cs = load_first_element(rd->root, "colors"), n;
	struct srcpos	 pos = node_pos(rd, cs);
	size_t		 i;
	int		 k, rc = 0;

	rd->ncolors = count_children(cs, "color");
	rd->colors = arena_alloc(rd->st->arena,
	    rd->ncolors * sizeof(*rd->colors));
	rd->color_names = arena_alloc(rd->st->arena,
	    rd->ncolors * sizeof(*rd->color_names));
	for (i = 0, n = load_first_element(cs, "color"); n != NULL;
	    n = load_next_element(n->next, "color"), i++)
		if (read_one_color(rd, n, i) == -1)
			rc = -1;
	for (i = 0; i < NFIELDS(required_colors); i++) {
		k = name_index(required_colors[i].name, rd->color_names,
		    rd->ncolors);
		if (k >= 0) {
			*(struct color *)((char *)rd->st +
			    required_colors[i].off) = rd->colors[k].color;
			continue;
		}
		diag_error(&pos, "colour \"%s\" is missing: add <color "
		    "name=\"%s\" rgb=\"#RRGGBB\"/>, every style needs it",
		    required_colors[i].name, required_colors[i].name);
		rc = -1;
	}
	return rc;
}

/* --- fonts --- */

/* A font file named in the sheet, as a path; reported if missing. */
static const char *
font_path(struct reader *rd, const char *file, const struct srcpos *pos)
{
	const char	*path = file;

	if (file[0] != '/' && rd->dir != NULL)
		path = arena_printf(rd->st->arena, "%s/%s", rd->dir, file);
	if (access(path, R_OK) == -1) {
		diag_error(pos, "font file \"%s\" not found (looked for %s): "
		    "correct the path, which is relative to the style "
		    "sheet's folder", file, path);
		return NULL;
	}
	return path;
}

/* A family; a face attribute that is left out stays NULL. */
static int
read_family_elem(struct reader *rd, xmlNodePtr n, size_t i)
{
	struct font_family	*fam = &rd->st->families[i];
	const char		*file;
	size_t			 k;
	int			 dup, rc = 0;

	fam->pos = node_pos(rd, n);
	fam->name = rd->family_names[i] = load_attr(rd->st->arena, n, "name");
	if ((dup = name_index(fam->name, rd->family_names, i)) >= 0) {
		diag_error(&fam->pos, "font family \"%s\" is already defined "
		    "on line %ld: rename or remove one", fam->name,
		    rd->st->families[dup].pos.line);
		rc = -1;
	}
	for (k = 0; k < FACE__MAX; k++) {
		if ((file = load_attr(rd->st->arena, n, face_names[k])) == NULL)
			continue;
		if ((fam->file[k] = font_path(rd, file, &fam->pos)) == NULL)
			rc = -1;
	}
	return rc;
}

static int
read_fallbacks(struct reader *rd, xmlNodePtr fonts)
{
	struct style	*st = rd->st;
	struct srcpos	 pos;
	xmlNodePtr	 n;
	int		 rc = 0;

	st->nfallbacks = count_children(fonts, "fallback");
	st->fallbacks = arena_alloc(st->arena,
	    st->nfallbacks * sizeof(*st->fallbacks));
	st->fallback_pos = node_pos(rd, fonts);
	st->nfallbacks = 0;
	for (n = load_first_element(fonts, "fallback"); n != NULL;
	    n = load_next_element(n->next, "fallback")) {
		pos = node_pos(rd, n);
		if (st->nfallbacks == 0)
			st->fallback_pos = pos;
		st->fallbacks[st->nfallbacks] = font_path(rd,
		    load_attr(rd->st->arena, n, "file"), &pos);
		if (st->fallbacks[st->nfallbacks] == NULL)
			rc = -1;
		else
			st->nfallbacks++;
	}
	return rc;
}

static int
read_fonts(struct reader *rd)
{
	struct style	*st = rd->st;
	xmlNodePtr	 fonts = load_first_element(rd->root, "fonts"), n;
	size_t		 i;
	int		 rc = 0;

	st->nfamilies = count_children(fonts, "family");
	st->families = arena_alloc(st->arena,
	    st->nfamilies * sizeof(*st->families));
	rd->family_names = arena_alloc(st->arena,
	    st->nfamilies * sizeof(*rd->family_names));
	for (i = 0, n = load_first_element(fonts, "family"); n != NULL;
	    n = load_next_element(n->next, "family"), i++)
		if (read_family_elem(rd, n, i) == -1)
			rc = -1;
	if (read_fallbacks(rd, fonts) == -1)
		rc = -1;
	return rc;
}

/* --- text roles --- */

/* Which element sets which role; each role at most once. */
static int
find_roles(struct reader *rd)
{
	const char	*role;
	struct srcpos	 pos;
	xmlNodePtr	 n;
	int		 r, rc = 0;

	for (n = load_first_element(rd->root, "text"); n != NULL;
	    n = load_next_element(n->next, "text")) {
		role = load_attr(rd->st->arena, n, "role");
		r = name_index(role, text_role_names, TR__MAX);
		assert(r >= 0);		/* the schema lists the roles */
		if (rd->roles[r] != NULL) {
			pos = node_pos(rd, n);
			diag_error(&pos, "role %s is already set on line %ld: "
			    "remove one", role, load_pos(rd->lr,
			    rd->roles[r]).line);
			rc = -1;
		}
		rd->roles[r] = n;
	}
	return rc;
}

static int
read_role(struct reader *rd, enum text_role r)
{
	struct text_style	*t = &rd->st->text[r];
	const struct text_style	*body = &rd->st->text[TR_BODY];
	xmlNodePtr		 n = rd->roles[r];
	int			 inheriting = r != TR_BODY;
	int			 rc;

	if (inheriting)
		*t = *body;
	t->pos = n != NULL ? node_pos(rd, n) : body->pos;
	rc = read_fields(rd, text_fields, NFIELDS(text_fields), n, &t->pos,
	    t, inheriting);
	if (rc == 0 && inheriting &&
	    load_attr(rd->st->arena, n, "size") != NULL &&
	    load_attr(rd->st->arena, n, "leading") == NULL)
		t->leading = t->size * body->leading / body->size;
	return rc;
}

static int
read_texts(struct reader *rd)
{
	struct srcpos	pos;
	int		r, rc;

	rc = find_roles(rd);
	if (rd->roles[TR_BODY] == NULL) {
		pos = node_pos(rd, rd->root);
		diag_error(&pos, "add <text role=\"body\" family=\"…\" "
		    "size=\"…\" leading=\"…\"/>: every role starts from it");
		return -1;
	}
	if (read_role(rd, TR_BODY) == -1)
		return -1;
	for (r = TR_BODY + 1; r < TR__MAX; r++)
		if (read_role(rd, (enum text_role)r) == -1)
			rc = -1;
	return rc;
}

/* --- settings --- */

static int
read_settings(struct reader *rd)
{
	const struct field	*f;
	struct srcpos		 pos;
	int			 rc = 0;

	for (f = style_fields; f < style_fields + NFIELDS(style_fields);
	    f++) {
		pos = elem_pos(rd, f->elem);
		if (read_fields(rd, f, 1, load_first_element(rd->root,
		    f->elem), &pos, rd->st, 0) == -1)
			rc = -1;
	}
	return rc;
}

/* --- geometry --- */

/* A length in millimetres, rounded to a tenth, for messages. */
static double
mm(double pt)
{
	return round(pt / PT_PER_MM * 10.0) / 10.0;
}

static int
check_page(struct reader *rd)
{
	const struct style	*st = rd->st;
	struct srcpos		 pos = elem_pos(rd, "page");
	int			 rc = 0;

	if (st->margin_inner + st->margin_outer >= st->page_width) {
		diag_error(&pos, "margin-inner (%gmm) and margin-outer (%gmm) "
		    "leave no room on a page %gmm wide: make them smaller",
		    mm(st->margin_inner), mm(st->margin_outer),
		    mm(st->page_width));
		rc = -1;
	}
	if (st->margin_top + st->margin_bottom >= st->page_height) {
		diag_error(&pos, "margin-top (%gmm) and margin-bottom (%gmm) "
		    "leave no room on a page %gmm high: make them smaller",
		    mm(st->margin_top), mm(st->margin_bottom),
		    mm(st->page_height));
		rc = -1;
	}
	return rc;
}

static double
column_width(const struct style *st)
{
	return (st->page_width - st->margin_inner - st->margin_outer -
	    (st->columns - 1) * st->gutter) / st->columns;
}

static int
check_columns(struct reader *rd)
{
	const struct style	*st = rd->st;
	struct srcpos		 pos = elem_pos(rd, "page");
	double			 w = column_width(st);

	if (w >= MIN_COLUMN)
		return 0;
	diag_error(&pos, "columns of %gmm (%d on a text width of %gmm) are "
	    "narrower than %gmm: use fewer columns, a smaller gutter or "
	    "smaller margins", mm(w), st->columns, mm(st->page_width -
	    st->margin_inner - st->margin_outer), mm(MIN_COLUMN));
	return -1;
}

/* A frame lower than a few lines of body text sets a line per page. */
static int
check_frame_height(struct reader *rd)
{
	const struct style	*st = rd->st;
	struct srcpos		 pos = elem_pos(rd, "page");
	double			 h = st->page_height - st->margin_top -
				    st->margin_bottom;
	double			 need = MIN_FRAME_LINES *
				    st->text[TR_BODY].leading;

	if (h >= need)
		return 0;
	diag_error(&pos, "margin-top (%gmm) and margin-bottom (%gmm) leave "
	    "%gmm of a page %gmm high, less than %d lines of body text "
	    "(%gmm): make them smaller", mm(st->margin_top),
	    mm(st->margin_bottom), mm(h), mm(st->page_height),
	    MIN_FRAME_LINES, mm(need));
	return -1;
}

static int
check_leading(struct reader *rd)
{
	const struct text_style	*t;
	int			 r, rc = 0;

	for (r = 0; r < TR__MAX; r++) {
		t = &rd->st->text[r];
		if (t->leading >= t->size * MIN_LEADING)
			continue;
		diag_error(&t->pos, "role %s: leading %gpt is less than %g "
		    "times its size %gpt: make the leading at least %gpt",
		    text_role_names[r], t->leading, MIN_LEADING, t->size,
		    t->size * MIN_LEADING);
		rc = -1;
	}
	return rc;
}

/* Footer, cover field, list indent and note rule inside the page. */
static int
check_furniture(struct reader *rd)
{
	const struct style	*st = rd->st;
	struct srcpos		 pos;
	int			 rc = 0;

	if (st->footer_offset >= st->margin_bottom) {
		pos = elem_pos(rd, "footer");
		diag_error(&pos, "footer offset %gmm is not inside the bottom "
		    "margin (%gmm): make it smaller than margin-bottom",
		    mm(st->footer_offset), mm(st->margin_bottom));
		rc = -1;
	}
	if (st->cover_field_height > st->page_height) {
		pos = elem_pos(rd, "cover");
		diag_error(&pos, "cover field-height %gmm is more than the "
		    "page height %gmm: make it smaller",
		    mm(st->cover_field_height), mm(st->page_height));
		rc = -1;
	}
	if (st->list_indent >= column_width(st)) {
		pos = elem_pos(rd, "lists");
		diag_error(&pos, "list indent %gmm leaves no room in a column "
		    "%gmm wide: make it smaller", mm(st->list_indent),
		    mm(column_width(st)));
		rc = -1;
	}
	if (st->note_place == NOTES_SIDE && st->note_side_width +
	    st->note_side_gap > st->margin_outer) {
		pos = elem_pos(rd, "notes");
		diag_error(&pos, "side notes %gmm wide with a %gmm gap do not "
		    "fit the outer margin of %gmm: widen the margin or narrow "
		    "the notes", mm(st->note_side_width), mm(st->note_side_gap),
		    mm(st->margin_outer));
		rc = -1;
	}
	if (st->note_rule_width > column_width(st)) {
		pos = elem_pos(rd, "notes");
		diag_error(&pos, "notes rule-width %gmm is wider than a column "
		    "(%gmm): make it smaller", mm(st->note_rule_width),
		    mm(column_width(st)));
		rc = -1;
	}
	return rc;
}

/* A ring fits a column and keeps a hole for its figure. */
static int
check_charts(struct reader *rd)
{
	const struct style	*st = rd->st;
	struct srcpos		 pos = elem_pos(rd, "charts");
	int			 rc = 0;

	if (st->ring_diameter > column_width(st)) {
		diag_error(&pos, "charts ring-diameter %gmm is wider than a "
		    "column (%gmm): make it smaller", mm(st->ring_diameter),
		    mm(column_width(st)));
		rc = -1;
	}
	if (st->ring_width * 2 >= st->ring_diameter) {
		diag_error(&pos, "charts ring-width %gmm leaves no room inside "
		    "a ring %gmm across for its figure: make it less than "
		    "half the ring-diameter", mm(st->ring_width),
		    mm(st->ring_diameter));
		rc = -1;
	}
	return rc;
}

static int
check_geometry(struct reader *rd)
{
	int	rc;

	if ((rc = check_page(rd)) == 0)
		rc = check_columns(rd);
	if (rc == 0)
		rc = check_frame_height(rd);
	if (rc == 0)
		rc = check_furniture(rd);
	if (rc == 0)
		rc = check_charts(rd);
	if (check_leading(rd) == -1)
		rc = -1;
	return rc;
}

/* --- the style --- */

static int
read_style(struct reader *rd)
{
	int	rc = 0;

	rd->st->name = load_attr(rd->st->arena, rd->root, "name");
	if (read_colors(rd) == -1)
		rc = -1;
	if (read_fonts(rd) == -1)
		rc = -1;
	if (read_settings(rd) == -1)
		rc = -1;
	if (read_texts(rd) == -1)
		rc = -1;
	if (rc == 0)
		rc = check_geometry(rd);
	return rc;
}

/* The folder of a path, or NULL when it has none (the current one). */
static const char *
folder_of(struct arena *a, const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return NULL;
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

struct style *
style_read(const char *path)
{
	struct load_result	*lr;
	struct arena		*a;
	struct reader		 rd;
	struct style		*st;
	int			 rc;

	if ((lr = load_file(path, SCHEMA_STYLE)) == NULL)
		return NULL;
	a = arena_new();
	st = ARENA_NEW(a, struct style);
	st->arena = a;
	st->file = arena_strdup(a, path);
	memset(&rd, 0, sizeof(rd));
	rd.st = st;
	rd.lr = lr;
	rd.root = xmlDocGetRootElement(lr->doc);
	rd.dir = folder_of(a, st->file);
	rc = read_style(&rd);
	load_free(lr);
	if (rc == -1) {
		style_free(st);
		return NULL;
	}
	return st;
}

int
color_equal(const struct color *a, const struct color *b)
{
	return a->r == b->r && a->g == b->g && a->b == b->b &&
	    a->c == b->c && a->m == b->m && a->y == b->y && a->k == b->k &&
	    a->cmyk == b->cmyk;
}

void
style_free(struct style *st)
{
	if (st != NULL)
		arena_free(st->arena);
}

const char *
style_face_file(const struct style *st, int family, enum font_face_kind face)
{
	const struct font_family	*f;

	assert(family >= 0 && (size_t)family < st->nfamilies);
	assert(face < FACE__MAX);
	f = &st->families[family];
	return f->file[face] != NULL ? f->file[face] : f->file[FACE_REGULAR];
}
