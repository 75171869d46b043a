/*
 * hyph_except: reads a list of hyphenation exceptions (see hyph_except.h)
 * into an array of lowered words with their break points, sorted so that
 * a word is found by binary search.  Bad lines are reported with file:line
 * and skipped; a word listed twice keeps its first entry.
 *
 * This module must never hyphenate by itself: it only remembers what the
 * file says.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hyph_except.h"
#include "util.h"

#define HOW	"write one word a line with hyphens at its break points, " \
		"e.g. \"Ko-ope-ra-ti-on\""
#define BOM	"\xEF\xBB\xBF"	/* a UTF-8 byte order mark, skipped */

struct entry {
	char		*word;		/* lowered letters, UTF-8 */
	unsigned char	*breaks;	/* per character: 1 = may break after */
	long		 line;		/* where the file names it */
};

struct hyph_except {
	struct entry	*v;		/* sorted by word, then line */
	size_t		 n, cap;
};

int
hyph_is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/*
 * Whether text[i] (k bytes, code point c; k = 0: not UTF-8) may stand in
 * an entry: 0, or -1 after saying why not.
 */
static int
bad_char(const char *text, size_t len, size_t i, size_t k, uint32_t c,
    const struct srcpos *pos)
{
	if (k == 0)
		diag_warning(pos, "hyphenation exception is not valid UTF-8: "
		    "save the file as UTF-8");
	else if (!hyph_is_letter(c))
		diag_warning(pos, "hyphenation exception \"%.*s\": \"%.*s\" "
		    "(U+%04X) is neither a letter nor a hyphen: " HOW,
		    (int)len, text, (int)k, text + i, (unsigned)c);
	else
		return 0;
	return -1;
}

/* One hyphen of text, after n characters; 0, or -1 after a warning. */
static int
take_hyphen(const char *text, size_t len, size_t i, size_t n,
    unsigned char *breaks, const struct srcpos *pos)
{
	if (n == 0 || breaks[n - 1] || i + 1 == len) {
		diag_warning(pos, "hyphenation exception \"%.*s\": a hyphen "
		    "must stand between two letters: remove the extra one",
		    (int)len, text);
		return -1;
	}
	breaks[n - 1] = 1;
	return 0;
}

/*
 * Parse one entry, text[0, len) without comment or surrounding blanks,
 * into e.  Returns 0, or -1 after a warning at pos.
 */
static int
parse_entry(const char *text, size_t len, const struct srcpos *pos,
    struct entry *e)
{
	struct strbuf	 word = { NULL, 0, 0 };
	unsigned char	*breaks = xcalloc(len, 1);
	char		 low[4];
	size_t		 i, k, n = 0;
	uint32_t	 c;
	int		 bad = 0;

	for (i = 0; i < len && !bad; i += k) {
		if (text[i] == '-') {
			k = 1;
			bad = take_hyphen(text, len, i, n, breaks, pos);
			continue;
		}
		k = utf8_decode(text + i, len - i, &c);
		if ((bad = bad_char(text, len, i, k, c, pos)) == 0) {
			strbuf_append(&word, low,
			    utf8_encode(unicode_lower(c), low));
			n++;
		}
	}
	if (bad) {
		strbuf_free(&word);
		free(breaks);
		return -1;
	}
	e->word = word.data, e->breaks = breaks, e->line = pos->line;
	return 0;
}

static void
append(struct hyph_except *x, const struct entry *e)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->v = xrealloc(x->v, x->cap * sizeof(*x->v));
	}
	x->v[x->n++] = *e;
}

/* Each line of text: blanks and '#' comments skipped, entries kept. */
static void
read_lines(struct hyph_except *x, const char *path, const char *text,
    size_t len)
{
	struct srcpos	 pos = { path, 0 };
	const char	*p = text, *end = text + len, *eol, *a, *b;
	struct entry	 e;

	if (len >= 3 && memcmp(p, BOM, 3) == 0)
		p += 3;
	for (; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		pos.line++;
		if ((b = memchr(p, '#', (size_t)(eol - p))) == NULL)
			b = eol;
		for (a = p; a < b && strchr(" \t\r", *a) != NULL; a++)
			continue;
		while (b > a && strchr(" \t\r", b[-1]) != NULL)
			b--;
		if (a < b && parse_entry(a, (size_t)(b - a), &pos, &e) == 0)
			append(x, &e);
	}
}

static int
by_word(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->word,
	    ((const struct entry *)b)->word);
}

static int
by_word_line(const void *a, const void *b)
{
	const struct entry	*ea = a, *eb = b;
	int			 c = by_word(a, b);

	return c != 0 ? c : (ea->line > eb->line) - (ea->line < eb->line);
}

/* Sort; of a word listed twice, keep the first and report the others. */
static void
sort_unique(struct hyph_except *x, const char *path)
{
	struct srcpos	 pos = { path, 0 };
	size_t		 i, kept = 0;

	if (x->n > 1)
		qsort(x->v, x->n, sizeof(*x->v), by_word_line);
	for (i = 0; i < x->n; i++) {
		if (kept > 0 && by_word(&x->v[kept - 1], &x->v[i]) == 0) {
			pos.line = x->v[i].line;
			diag_warning(&pos, "hyphenation exception \"%s\" is "
			    "already listed at line %ld: remove one of the "
			    "two (the first counts)", x->v[i].word,
			    x->v[kept - 1].line);
			free(x->v[i].word);
			free(x->v[i].breaks);
			continue;
		}
		x->v[kept++] = x->v[i];
	}
	x->n = kept;
}

struct hyph_except *
hyph_except_load(const char *path)
{
	struct hyph_except	*x;
	struct srcpos		 pos = { path, 0 };
	char			*text;
	size_t			 len;

	if ((text = file_read(path, &len)) == NULL) {
		if (errno != ENOENT)
			diag_warning(&pos, "hyphenation exceptions not read: "
			    "%s: make it a readable file or remove it",
			    strerror(errno));
		return NULL;
	}
	x = xcalloc(1, sizeof(*x));
	read_lines(x, path, text, len);
	free(text);
	sort_unique(x, path);
	return x;
}

void
hyph_except_free(struct hyph_except *x)
{
	size_t	i;

	if (x == NULL)
		return;
	for (i = 0; i < x->n; i++) {
		free(x->v[i].word);
		free(x->v[i].breaks);
	}
	free(x->v);
	free(x);
}

size_t
hyph_except_count(const struct hyph_except *x)
{
	return x != NULL ? x->n : 0;
}

const unsigned char *
hyph_except_find(const struct hyph_except *x, const char *lowered)
{
	struct entry		 key = { (char *)lowered, NULL, 0 };
	const struct entry	*e;

	if (x == NULL || x->n == 0)
		return NULL;
	e = bsearch(&key, x->v, x->n, sizeof(*x->v), by_word);
	return e != NULL ? e->breaks : NULL;
}
