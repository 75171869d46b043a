/*
 * locale: reads styles/locales/<lang>.xml and words and formats for one
 * language from it: labels, dates, percentages, counts, quotation marks,
 * the hyphenation file and the order titles sort in.
 *
 * Everything that differs between languages lives in the locale file;
 * what is the same for all of them lives here: the placeholder syntax of
 * patterns, half-up rounding, digit grouping, and the collation machinery
 * (case folding and the base letters of Latin-1 and Latin Extended-A,
 * which a locale's <letter> elements override).  The schema has checked
 * the structure before: required attributes are present.
 *
 * This module must never look at the report: it turns keys and numbers
 * into text for one language.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "diag.h"
#include "load.h"
#include "locale.h"

#define ROUND_EPS	1e-9	/* tolerance of half-up rounding, in tenths */
#define MAX_SHARE	1e12	/* largest share formatted */
#define COLL_MAX	4	/* code points in chars and sorts-as */
#define SLOT_BITS	5	/* weight = letter << SLOT_BITS + slot */
#define SLOTS		(1u << SLOT_BITS)
#define LANG_MAX	16	/* bytes of a language code */
#define GROUP_MIN	5	/* default group-min-digits */

/* The labels every locale must hold: the words brochure writes. */
static const char *const required_keys[] = {
	"contents", "entry", "section", "page-abbrev", "see", "see-also",
	"of", "imprint", "contact", "publisher", "funding", "photo",
	"photo-credits", "multiple-answers", "role-sme", "role-creative",
	"since", "place", "region", "country", "partners", "summary",
	"advice", "media-video", "media-podcast", "media-web",
	"note-continued", "submarket-music", "submarket-books",
	"submarket-art", "submarket-film", "submarket-broadcasting",
	"submarket-performing-arts", "submarket-design",
	"submarket-architecture", "submarket-press", "submarket-advertising",
	"submarket-software-games", "submarket-other", "figure", "chart",
	"quote", "chart-empty",
};

struct label {
	const char	*key;
	const char	*text;
	long		 line;
};

/* A letter of the locale's collation and the weights it sorts by. */
struct coll_rule {
	uint32_t	 chars[COLL_MAX];	/* folded code points */
	size_t		 nchars;
	uint32_t	 weight[COLL_MAX];
	size_t		 nweight;
	long		 line;
};

struct locale {
	struct arena	*arena;		/* owns the locale and its strings */
	const char	*lang;
	struct srcpos	 pos;		/* the locale file */
	struct srcpos	 hyph_pos;	/* its <hyphenation> */
	struct label	*labels;
	size_t		 nlabels;
	const char	*month[12];	/* "srpen" */
	const char	*month_day[12];	/* "srpna", after a day */
	const char	*date_month;	/* pattern: {month} {year} */
	const char	*date_day;	/* pattern: {day} {month} {year} */
	const char	*decimal;
	const char	*group;
	const char	*minus;
	int		 group_min;	/* digits from which to group */
	const char	*percent;	/* pattern: {number} */
	const char	*count;		/* pattern: {count} {total} */
	const char	*quote_open[2];
	const char	*quote_close[2];
	const char	*hyphenation;	/* NULL: none */
	struct coll_rule *rules;	/* in file order */
	size_t		 nrules;
};

/* The placeholders of each pattern; a pattern must hold all of its own. */
static const char *const vars_month_year[] = { "month", "year", NULL };
static const char *const vars_date[] = { "day", "month", "year", NULL };
static const char *const vars_percent[] = { "number", NULL };
static const char *const vars_count[] = { "count", "total", NULL };

/* The attributes read as strings: element, attribute, field. */
static const struct text_field {
	const char		*elem;
	const char		*attr;
	size_t			 off;
	const char		*def;	/* NULL: required */
	const char *const	*vars;	/* a pattern's placeholders */
} text_fields[] = {
	{ "dates", "month-year", offsetof(struct locale, date_month), NULL,
	    vars_month_year },
	{ "dates", "day-month-year", offsetof(struct locale, date_day), NULL,
	    vars_date },
	{ "numbers", "decimal", offsetof(struct locale, decimal), NULL,
	    NULL },
	{ "numbers", "group", offsetof(struct locale, group), NULL, NULL },
	{ "numbers", "minus", offsetof(struct locale, minus), "\u2212",
	    NULL },
	{ "percent", "pattern", offsetof(struct locale, percent), NULL,
	    vars_percent },
	{ "count", "pattern", offsetof(struct locale, count), NULL,
	    vars_count },
	{ "quotes", "open", offsetof(struct locale, quote_open[0]), NULL,
	    NULL },
	{ "quotes", "close", offsetof(struct locale, quote_close[0]), NULL,
	    NULL },
	{ "quotes", "open2", offsetof(struct locale, quote_open[1]), NULL,
	    NULL },
	{ "quotes", "close2", offsetof(struct locale, quote_close[1]), NULL,
	    NULL },
};

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* What reading one locale file needs besides the locale itself. */
struct reader {
	struct locale		*loc;
	struct load_result	*lr;
	xmlNodePtr		 root;
	const char		*dir;		/* the locales folder */
};

/* --- XML access --- */

/* Where node is; the locale keeps the file name when load's goes. */
static struct srcpos
node_pos(const struct reader *rd, xmlNodePtr node)
{
	return load_pos_copy(rd->lr, node, rd->loc->arena, rd->loc->pos.file);
}

/* An element's text without the white space around it. */
static const char *
trimmed_content(const struct reader *rd, xmlNodePtr node)
{
	static const char	 ws[] = " \t\r\n";
	xmlChar			*v = xmlNodeGetContent(node);
	const char		*s = (const char *)v;
	size_t			 len;
	const char		*t;

	if (v == NULL)
		return "";
	s += strspn(s, ws);
	for (len = strlen(s); len > 0 && strchr(ws, s[len - 1]) != NULL;
	    len--)
		continue;
	t = arena_strndup(rd->loc->arena, s, len);
	xmlFree(v);
	return t;
}

/* --- patterns --- */

/*
 * The next "{name}" at or after p: returns where it starts and sets the
 * name and the end (after "}"), or returns NULL when there is none.
 */
static const char *
find_var(const char *p, const char **name, size_t *len, const char **end)
{
	const char	*open, *close;

	if ((open = strchr(p, '{')) == NULL)
		return NULL;
	*name = open + 1;
	if ((close = strchr(open, '}')) == NULL)
		close = open + strlen(open);
	*len = (size_t)(close - *name);
	*end = *close == '}' ? close + 1 : close;
	return open;
}

static int
var_index(const char *const *vars, const char *name, size_t len)
{
	int	i;

	for (i = 0; vars[i] != NULL; i++)
		if (strlen(vars[i]) == len && strncmp(vars[i], name, len) == 0)
			return i;
	return -1;
}

/* Every placeholder of the pattern known, and all of vars present. */
static int
check_pattern(const char *attr, const char *pattern,
    const char *const *vars, const struct srcpos *pos)
{
	struct strbuf	 known = { NULL, 0, 0 };
	const char	*p = pattern, *name;
	unsigned	 seen = 0;
	size_t		 len;
	int		 i, rc = 0;

	for (i = 0; vars[i] != NULL; i++)
		strbuf_printf(&known, "%s{%s}", i > 0 ? " " : "", vars[i]);
	while (find_var(p, &name, &len, &p) != NULL) {
		if ((i = var_index(vars, name, len)) >= 0) {
			seen |= 1u << i;
			continue;
		}
		diag_error(pos, "%s=\"%s\": unknown placeholder {%.*s}: use "
		    "only %s", attr, pattern, (int)len, name, known.data);
		rc = -1;
	}
	strbuf_free(&known);
	for (i = 0; vars[i] != NULL; i++)
		if ((seen & (1u << i)) == 0) {
			diag_error(pos, "%s=\"%s\" lacks {%s}: add it", attr,
			    pattern, vars[i]);
			rc = -1;
		}
	return rc;
}

/* The pattern with each placeholder replaced; the caller frees it. */
static char *
expand(const char *pattern, const char *const *vars,
    const char *const *values)
{
	struct strbuf	 b = { NULL, 0, 0 };
	const char	*p = pattern, *open, *name, *end;
	size_t		 len;
	int		 i;

	while ((open = find_var(p, &name, &len, &end)) != NULL) {
		strbuf_append(&b, p, (size_t)(open - p));
		i = var_index(vars, name, len);
		assert(i >= 0);		/* checked when loaded */
		strbuf_puts(&b, values[i]);
		p = end;
	}
	strbuf_puts(&b, p);
	return b.data;
}

/* --- reading --- */

static int
read_text_fields(struct reader *rd)
{
	const struct text_field	*f;
	const char		*text;
	xmlNodePtr		 n;
	struct srcpos		 pos;
	int			 rc = 0;

	for (f = text_fields; f < text_fields + NELEMS(text_fields); f++) {
		n = load_first_element(rd->root, f->elem);
		if ((text = load_attr(rd->loc->arena, n, f->attr)) == NULL)
			text = f->def;
		assert(text != NULL);	/* the schema requires it */
		*(const char **)((char *)rd->loc + f->off) = text;
		pos = node_pos(rd, n);
		if (f->vars != NULL &&
		    check_pattern(f->attr, text, f->vars, &pos) == -1)
			rc = -1;
	}
	return rc;
}

static void
read_group_min(struct reader *rd)
{
	const char	*text = load_attr(rd->loc->arena,
			    load_first_element(rd->root, "numbers"),
			    "group-min-digits");

	/* The schema allows only a positive integer. */
	rd->loc->group_min = text != NULL ? atoi(text) : GROUP_MIN;
}

static const struct label *
find_label(const struct locale *loc, const char *key)
{
	size_t	i;

	for (i = 0; i < loc->nlabels; i++)
		if (strcmp(loc->labels[i].key, key) == 0)
			return &loc->labels[i];
	return NULL;
}

static int
check_required_labels(struct reader *rd, xmlNodePtr labels)
{
	struct strbuf	b = { NULL, 0, 0 };
	struct srcpos	pos;
	size_t		i, missing = 0;

	for (i = 0; i < NELEMS(required_keys); i++)
		if (find_label(rd->loc, required_keys[i]) == NULL)
			strbuf_printf(&b, "%s%s", missing++ > 0 ? ", " : "",
			    required_keys[i]);
	if (missing == 0)
		return 0;
	pos = node_pos(rd, labels);
	diag_error(&pos, "no label for %s: add <label key=\"…\">…</label> "
	    "for each", b.data);
	strbuf_free(&b);
	return -1;
}

static int
read_labels(struct reader *rd)
{
	struct locale		*loc = rd->loc;
	xmlNodePtr		 labels, n;
	const struct label	*dup;
	struct label		 l;
	struct srcpos		 pos;
	size_t			 count = 0;
	int			 rc = 0;

	labels = load_first_element(rd->root, "labels");
	for (n = load_first_element(labels, "label"); n != NULL;
	    n = load_next_element(n->next, "label"))
		count++;
	loc->labels = arena_alloc(loc->arena, count * sizeof(*loc->labels));
	for (n = load_first_element(labels, "label"); n != NULL;
	    n = load_next_element(n->next, "label")) {
		pos = node_pos(rd, n);
		l.key = load_attr(loc->arena, n, "key");
		l.text = trimmed_content(rd, n);
		l.line = pos.line;
		if ((dup = find_label(loc, l.key)) != NULL) {
			diag_error(&pos, "label \"%s\" is already given on "
			    "line %ld: remove one", l.key, dup->line);
			rc = -1;
			continue;
		}
		loc->labels[loc->nlabels++] = l;
	}
	if (check_required_labels(rd, labels) == -1)
		rc = -1;
	return rc;
}

static void
read_months(struct reader *rd)
{
	xmlNodePtr	n;
	int		m;

	/* The schema holds exactly twelve. */
	n = load_first_element(load_first_element(rd->root, "months"), "month");
	for (m = 0; m < 12; m++, n = load_next_element(n->next, "month")) {
		assert(n != NULL);
		rd->loc->month[m] = load_attr(rd->loc->arena, n, "name");
		rd->loc->month_day[m] = load_attr(rd->loc->arena, n,
		    "with-day");
		if (rd->loc->month_day[m] == NULL)
			rd->loc->month_day[m] = rd->loc->month[m];
	}
}

static void
read_hyphenation(struct reader *rd)
{
	xmlNodePtr	 n = load_first_element(rd->root, "hyphenation");
	const char	*file = load_attr(rd->loc->arena, n, "file");

	rd->loc->hyph_pos = node_pos(rd, n != NULL ? n : rd->root);
	if (file != NULL && file[0] != '/')
		file = arena_printf(rd->loc->arena, "%s/%s", rd->dir, file);
	rd->loc->hyphenation = file;
}

/* --- collation --- */

/*
 * The base letter of U+00C0 to U+017F, sixteen a row: '.' has none (it
 * sorts by itself), '*' is a ligature in base_pairs.
 */
static const char latin_base[] =
	"aaaaaa*ceeeeiiii"	/* U+00C0 À … Ï */
	"dnooooo.ouuuuy.*"	/* U+00D0 Ð … ß */
	"aaaaaa*ceeeeiiii"	/* U+00E0 à … ï */
	"dnooooo.ouuuuy.y"	/* U+00F0 ð … ÿ */
	"aaaaaaccccccccdd"	/* U+0100 Ā … ď */
	"ddeeeeeeeeeegggg"	/* U+0110 Đ … ğ */
	"gggghhhhiiiiiiii"	/* U+0120 Ġ … į */
	"ii**jjkk.lllllll"	/* U+0130 İ … Ŀ */
	"lllnnnnnnn..oooo"	/* U+0140 ŀ … ŏ */
	"oo**rrrrrrssssss"	/* U+0150 Ő … ş */
	"ssttttttuuuuuuuu"	/* U+0160 Š … ů */
	"uuuuwwyyyzzzzzzs";	/* U+0170 Ű … ſ */

static const struct {
	uint32_t	 cp;
	const char	*base;
} base_pairs[] = {
	{ 0xC6, "ae" }, { 0xE6, "ae" },		/* Æ æ */
	{ 0xDF, "ss" },				/* ß */
	{ 0x132, "ij" }, { 0x133, "ij" },	/* Ĳ ĳ */
	{ 0x152, "oe" }, { 0x153, "oe" },	/* Œ œ */
};

size_t
locale_base_letters(uint32_t cp, char out[3])
{
	size_t	i;
	char	b;

	b = cp >= 0xC0 && cp <= 0x17F ? latin_base[cp - 0xC0] : '.';
	out[0] = '\0';
	if (b == '.')
		return 0;
	if (b != '*') {
		out[0] = b, out[1] = '\0';
		return 1;
	}
	for (i = 0; base_pairs[i].cp != cp; i++)
		assert(i + 1 < NELEMS(base_pairs));
	return (size_t)snprintf(out, 3, "%s", base_pairs[i].base);
}

/* The weights a folded code point sorts by when no rule names it. */
static size_t
base_weights(uint32_t cp, uint32_t *w)
{
	size_t	i, n;
	char	b[3];

	if ((n = locale_base_letters(cp, b)) == 0) {
		w[0] = cp << SLOT_BITS;
		return 1;
	}
	for (i = 0; i < n; i++)
		w[i] = (uint32_t)b[i] << SLOT_BITS;
	return n;
}

/* Decode and fold s into cps (room for strlen(s)); returns the count. */
static size_t
fold_string(const char *s, uint32_t *cps)
{
	size_t	len = strlen(s), n = 0, k;

	while (len > 0) {
		if ((k = utf8_decode(s, len, &cps[n])) == 0)
			k = 1;			/* U+FFFD for a bad byte */
		cps[n] = unicode_lower(cps[n]);
		n++;
		s += k;
		len -= k;
	}
	return n;
}

/* The rule with the longest chars that start cps[0..n), or NULL. */
static const struct coll_rule *
match_rule(const struct locale *loc, const uint32_t *cps, size_t n)
{
	const struct coll_rule	*r, *best = NULL;

	for (r = loc->rules; r < loc->rules + loc->nrules; r++)
		if (r->nchars <= n &&
		    memcmp(r->chars, cps, r->nchars * sizeof(*cps)) == 0 &&
		    (best == NULL || r->nchars > best->nchars))
			best = r;
	return best;
}

/*
 * The weights s sorts by; the caller frees them.  Each code point gives
 * at most COLL_MAX weights (a rule's sorts-as, or a ligature's two).
 */
static uint32_t *
sort_key(const struct locale *loc, const char *s, size_t *nkey)
{
	size_t			 ncps, i = 0, k = 0;
	uint32_t		*cps = xcalloc(strlen(s) + 1, sizeof(*cps));
	uint32_t		*key;
	const struct coll_rule	*r;

	ncps = fold_string(s, cps);
	key = xcalloc(ncps * COLL_MAX + 1, sizeof(*key));
	while (i < ncps) {
		if ((r = match_rule(loc, cps + i, ncps - i)) != NULL) {
			memcpy(key + k, r->weight, r->nweight * sizeof(*key));
			k += r->nweight;
			i += r->nchars;
		} else
			k += base_weights(cps[i++], key + k);
	}
	free(cps);
	*nkey = k;
	return key;
}

/* Code points of a <letter> attribute, folded, at most COLL_MAX. */
static int
letter_chars(const char *attr, const char *text, uint32_t *cps,
    size_t *n, const struct srcpos *pos)
{
	uint32_t	*all = xcalloc(strlen(text) + 1, sizeof(*all));

	*n = fold_string(text, all);
	memcpy(cps, all, (*n < COLL_MAX ? *n : COLL_MAX) * sizeof(*cps));
	free(all);
	if (*n <= COLL_MAX)
		return 0;
	diag_error(pos, "%s=\"%s\" is too long: use at most %d letters", attr,
	    text, COLL_MAX);
	return -1;
}

/* The next free slot after the letter after names, or -1. */
static int
weight_after(const struct locale *loc, const char *after, uint32_t *w,
    const struct srcpos *pos)
{
	uint32_t	*key, root, top;
	size_t		 nkey, i;

	key = sort_key(loc, after, &nkey);
	root = nkey == 1 ? key[0] & ~(SLOTS - 1) : 0;
	free(key);
	if (nkey != 1) {
		diag_error(pos, "sorts-after=\"%s\" must name one letter, "
		    "e.g. sorts-after=\"c\"", after);
		return -1;
	}
	for (top = root, i = 0; i < loc->nrules; i++)
		if (loc->rules[i].nweight == 1 &&
		    (loc->rules[i].weight[0] & ~(SLOTS - 1)) == root &&
		    loc->rules[i].weight[0] > top)
			top = loc->rules[i].weight[0];
	if (top - root + 1 >= SLOTS) {
		diag_error(pos, "too many letters sort after \"%s\": at most "
		    "%u", after, SLOTS - 1);
		return -1;
	}
	*w = top + 1;
	return 0;
}

/*
 * The weights of a <letter>: those of its sorts-as letters (as the rules
 * given so far sort them), or a slot of its own after its sorts-after.
 */
static int
letter_weights(struct reader *rd, xmlNodePtr n, struct coll_rule *r,
    const struct srcpos *pos)
{
	const char	*as = load_attr(rd->loc->arena, n, "sorts-as");
	uint32_t	*key;
	size_t		 nkey;

	if (as == NULL) {
		r->nweight = 1;
		return weight_after(rd->loc, load_attr(rd->loc->arena, n,
		    "sorts-after"), &r->weight[0], pos);
	}
	key = sort_key(rd->loc, as, &nkey);
	if (nkey <= COLL_MAX) {
		memcpy(r->weight, key, nkey * sizeof(*key));
		r->nweight = nkey;
	}
	free(key);
	if (nkey <= COLL_MAX)
		return 0;
	diag_error(pos, "sorts-as=\"%s\" is too long: use at most %d "
	    "letters", as, COLL_MAX);
	return -1;
}

static int
read_letter(struct reader *rd, xmlNodePtr n)
{
	struct locale		*loc = rd->loc;
	struct coll_rule	*r = &loc->rules[loc->nrules];
	struct srcpos		 pos = node_pos(rd, n);
	size_t			 i;

	r->line = pos.line;
	if (letter_chars("chars", load_attr(loc->arena, n, "chars"),
	    r->chars, &r->nchars, &pos) == -1)
		return -1;
	for (i = 0; i < loc->nrules; i++)
		if (loc->rules[i].nchars == r->nchars && memcmp(
		    loc->rules[i].chars, r->chars, r->nchars *
		    sizeof(r->chars[0])) == 0) {
			diag_error(&pos, "this letter is already given on "
			    "line %ld: remove one", loc->rules[i].line);
			return -1;
		}
	if (letter_weights(rd, n, r, &pos) == -1)
		return -1;
	loc->nrules++;
	return 0;
}

static int
read_collation(struct reader *rd)
{
	xmlNodePtr	coll = load_first_element(rd->root, "collation"), n;
	size_t		count = 0;
	int		rc = 0;

	for (n = load_first_element(coll, "letter"); n != NULL;
	    n = load_next_element(n->next, "letter"))
		count++;
	rd->loc->rules = arena_alloc(rd->loc->arena,
	    count * sizeof(*rd->loc->rules));
	for (n = load_first_element(coll, "letter"); n != NULL;
	    n = load_next_element(n->next, "letter"))
		if (read_letter(rd, n) == -1)
			rc = -1;
	return rc;
}

/* --- loading --- */

static int
read_locale(struct reader *rd, const char *lang)
{
	const char	*file_lang = load_attr(rd->loc->arena, rd->root,
			    "lang");
	int		 rc = 0;

	if (strcmp(file_lang, lang) != 0) {
		diag_error(&rd->loc->pos, "lang=\"%s\" in a file for \"%s\": "
		    "make the file name and lang agree", file_lang, lang);
		rc = -1;
	}
	if (read_labels(rd) == -1)
		rc = -1;
	read_months(rd);
	if (read_text_fields(rd) == -1)
		rc = -1;
	read_group_min(rd);
	read_hyphenation(rd);
	if (read_collation(rd) == -1)
		rc = -1;
	return rc;
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "cs, de, en, pl": the languages dir has files for. */
static char *
available_languages(const char *dir)
{
	struct strbuf	 b = { NULL, 0, 0 };
	DIR		*d;
	struct dirent	*e;
	char		**names = NULL;
	size_t		 n = 0, len, i;

	if ((d = opendir(dir)) == NULL)
		return xasprintf("none (cannot read %s: %s)", dir,
		    strerror(errno));
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len <= 4 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrndup(e->d_name, len - 4);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_string);
	for (i = 0; i < n; i++) {
		strbuf_printf(&b, "%s%s", i > 0 ? ", " : "", names[i]);
		free(names[i]);
	}
	free(names);
	return b.data != NULL ? b.data : xstrdup("none");
}

/* A code that can name a file: letters, digits and hyphens. */
static int
lang_ok(const char *lang)
{
	size_t	len = strlen(lang);

	return len > 0 && len <= LANG_MAX &&
	    strspn(lang, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == len;
}

/* The locale file for lang, or NULL after saying which exist. */
static char *
locale_path(const char *dir, const char *lang)
{
	char	*path, *avail;

	path = lang_ok(lang) ? xasprintf("%s/%s.xml", dir, lang) : NULL;
	if (path != NULL && access(path, R_OK) == 0)
		return path;
	avail = available_languages(dir);
	diag_error(NULL, "no locale for language \"%s\" in %s: use one of "
	    "%s, or add a locale file %s/<lang>.xml", lang, dir, avail, dir);
	free(avail);
	free(path);
	return NULL;
}

struct locale *
locale_load(const char *dir, const char *lang)
{
	struct reader	 rd;
	struct arena	*a;
	struct locale	*loc;
	char		*path;
	int		 rc;

	if ((path = locale_path(dir, lang)) == NULL)
		return NULL;
	memset(&rd, 0, sizeof(rd));
	rd.lr = load_file(path, SCHEMA_LOCALE);
	if (rd.lr == NULL) {
		free(path);
		return NULL;
	}
	a = arena_new();
	loc = ARENA_NEW(a, struct locale);
	loc->arena = a;
	loc->lang = arena_strdup(a, lang);
	loc->pos.file = arena_strdup(a, path);
	free(path);
	rd.loc = loc;
	rd.root = xmlDocGetRootElement(rd.lr->doc);
	rd.dir = arena_strdup(a, dir);
	loc->pos = node_pos(&rd, rd.root);
	rc = read_locale(&rd, lang);
	load_free(rd.lr);
	if (rc == -1) {
		locale_free(loc);
		return NULL;
	}
	return loc;
}

void
locale_free(struct locale *loc)
{
	if (loc != NULL)
		arena_free(loc->arena);
}

/* --- queries --- */

const char *
locale_lang(const struct locale *loc)
{
	return loc->lang;
}

const char *
locale_label(const struct locale *loc, const char *key)
{
	const struct label	*l = find_label(loc, key);

	if (l != NULL)
		return l->text;
	diag_warning(&loc->pos, "no label \"%s\" in this locale: add "
	    "<label key=\"%s\">…</label>", key, key);
	return key;
}

const char *
locale_quote_open(const struct locale *loc, int level)
{
	assert(level >= 0);
	return loc->quote_open[level % 2];
}

const char *
locale_quote_close(const struct locale *loc, int level)
{
	assert(level >= 0);
	return loc->quote_close[level % 2];
}

const char *
locale_hyphenation(const struct locale *loc)
{
	return loc->hyphenation;
}

const struct srcpos *
locale_hyphenation_pos(const struct locale *loc)
{
	return &loc->hyph_pos;
}

/* --- formatting --- */

/* A whole number with the locale's minus and digit groups. */
static void
put_integer(const struct locale *loc, struct strbuf *b, long long v)
{
	char	digits[32];
	int	n, i;

	n = snprintf(digits, sizeof(digits), "%llu", v < 0 ?
	    0ULL - (unsigned long long)v : (unsigned long long)v);
	if (v < 0)
		strbuf_puts(b, loc->minus);
	for (i = 0; i < n; i++) {
		if (i > 0 && n >= loc->group_min && (n - i) % 3 == 0)
			strbuf_puts(b, loc->group);
		strbuf_putc(b, digits[i]);
	}
}

char *
locale_format_percent(const struct locale *loc, double share)
{
	struct strbuf		 num = { NULL, 0, 0 };
	const char		*values[1];
	long long		 tenths;
	char			*s;

	assert(isfinite(share) && fabs(share) < MAX_SHARE);
	tenths = (long long)floor(fabs(share) * 10.0 + 0.5 + ROUND_EPS);
	if (share < 0 && tenths > 0)
		strbuf_puts(&num, loc->minus);
	put_integer(loc, &num, tenths / 10);
	strbuf_printf(&num, "%s%lld", loc->decimal, tenths % 10);
	values[0] = num.data;
	s = expand(loc->percent, vars_percent, values);
	strbuf_free(&num);
	return s;
}

char *
locale_format_count(const struct locale *loc, int count, int total)
{
	struct strbuf	 c = { NULL, 0, 0 }, t = { NULL, 0, 0 };
	const char	*values[2];
	char		*s;

	put_integer(loc, &c, count);
	put_integer(loc, &t, total);
	values[0] = c.data;
	values[1] = t.data;
	s = expand(loc->count, vars_count, values);
	strbuf_free(&c);
	strbuf_free(&t);
	return s;
}

char *
locale_format_date(const struct locale *loc, int year, int month, int day)
{
	char		 y[16], d[16];
	const char	*values[3];

	assert(month >= 1 && month <= 12 && day >= 0 && day <= 31);
	snprintf(y, sizeof(y), "%d", year);
	snprintf(d, sizeof(d), "%d", day);
	if (day == 0) {
		values[0] = loc->month[month - 1];
		values[1] = y;
		return expand(loc->date_month, vars_month_year, values);
	}
	values[0] = d;
	values[1] = loc->month_day[month - 1];
	values[2] = y;
	return expand(loc->date_day, vars_date, values);
}

int
locale_compare(const struct locale *loc, const char *a, const char *b)
{
	struct locale_key	ka, kb;
	int			c;

	locale_key_make(loc, a, &ka);
	locale_key_make(loc, b, &kb);
	c = locale_key_cmp(&ka, &kb);
	locale_key_free(&ka);
	locale_key_free(&kb);
	if (c == 0)
		c = strcmp(a, b);
	return (c > 0) - (c < 0);
}

void
locale_key_make(const struct locale *loc, const char *s,
    struct locale_key *k)
{
	k->w = sort_key(loc, s, &k->n);
}

int
locale_key_cmp(const struct locale_key *a, const struct locale_key *b)
{
	size_t	i;

	for (i = 0; i < a->n && i < b->n; i++)
		if (a->w[i] != b->w[i])
			return a->w[i] > b->w[i] ? 1 : -1;
	return (a->n > b->n) - (a->n < b->n);
}

void
locale_key_free(struct locale_key *k)
{
	free(k->w);
	k->w = NULL;
	k->n = 0;
}
