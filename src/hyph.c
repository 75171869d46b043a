/*
 * hyph: reads a compiled hyphenation image (see hyph_image.h) into
 * libhyphen's own structures, pointing into one buffer, and asks
 * libhyphen's hnj_hyphen_hyphenate3() where words may break.  Loading
 * German takes milliseconds instead of libhyphen's seconds, with the same
 * automaton and so the same break points.  A word the language's
 * exception list names (hyph_except.c) takes its break points from there.
 * A word asked about again is answered from a memo (a brochure says the
 * same words many times, and each of its layout passes asks again).
 *
 * This module must never decide where a line breaks: it only says where a
 * word may.
 */
#define _DEFAULT_SOURCE			/* madvise */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "diag.h"
#include "hyph.h"
#include "hyph_except.h"
#include "hyph_image.h"

#define HYPH_MAX_WORD	256	/* [bytes] longer words are not hyphenated */
#define MEMO_FIRST_CAP	1024	/* slots of a new memo: a power of 2 */
#define MEMO_MAX_BYTES	(8L * 1024 * 1024)	/* [bytes] of words kept */

/* A word hyphenated before: its bytes, then its break bytes. */
struct memo_word {
	uint64_t	 hash;
	size_t		 len;		/* [bytes] of the word */
	unsigned char	 data[];
};

struct hyph {
	char		*image;		/* the file, mapped; strings and
					   transitions point into it */
	size_t		 image_len;	/* [bytes] */
	HyphenDict	*dict;		/* first level; nextlevel chains */
	struct hyph_except *except;	/* NULL: no exception list */
	struct memo_word **memo;	/* open addressing, half full */
	size_t		 memo_cap, memo_n;
	size_t		 memo_bytes;	/* [bytes] of words and breaks */
	int		 left_min, right_min;	/* [characters] */
};

static void	 memo_clear(struct hyph *);

/* --- reading the image --- */

struct reader {
	const char	*p, *end;
};

static const void *
take(struct reader *r, size_t n)
{
	const char	*at = r->p;

	if ((size_t)(r->end - r->p) < n)
		return NULL;
	r->p += n;
	return at;
}

static void
skip_pad(struct reader *r, const char *start)
{
	size_t	at = (size_t)(r->p - start);

	r->p += (HYB_ALIGN - at % HYB_ALIGN) % HYB_ALIGN;
	if (r->p > r->end)
		r->p = r->end;
}

static int
fill_states(HyphenDict *d, const struct hyb_state *st, HyphenTrans *trans,
    const char *strings, const struct hyb_dict *hd)
{
	int	i;

	for (i = 0; i < d->num_states; i++) {
		if (st[i].match >= (int32_t)hd->nstrings ||
		    st[i].repl >= (int32_t)hd->nstrings ||
		    (uint32_t)st[i].first_trans + (uint32_t)st[i].num_trans >
		    hd->ntrans)
			return -1;
		d->states[i].match = st[i].match < 0 ? NULL :
		    (char *)strings + st[i].match;
		d->states[i].repl = st[i].repl < 0 ? NULL :
		    (char *)strings + st[i].repl;
		d->states[i].replindex = st[i].replindex;
		d->states[i].replcut = st[i].replcut;
		d->states[i].fallback_state = st[i].fallback_state;
		d->states[i].num_trans = st[i].num_trans;
		d->states[i].trans = st[i].num_trans ?
		    trans + st[i].first_trans : NULL;
	}
	return 0;
}

static HyphenDict *
read_dict(struct reader *r, const char *start)
{
	const struct hyb_dict	*hd = take(r, sizeof(*hd));
	const struct hyb_state	*st;
	HyphenTrans		*trans;
	const char		*strings, *nohyphen;
	HyphenDict		*d;

	if (hd == NULL || hd->num_states <= 0 ||
	    (st = take(r, sizeof(*st) * (size_t)hd->num_states)) == NULL ||
	    (trans = (HyphenTrans *)take(r, sizeof(*trans) * hd->ntrans)) ==
	    NULL || (strings = take(r, hd->nstrings)) == NULL ||
	    (nohyphen = take(r, hd->nohyphen_len)) == NULL)
		return NULL;
	skip_pad(r, start);
	d = xcalloc(1, sizeof(*d));
	d->lhmin = hd->lhmin, d->rhmin = hd->rhmin;
	d->clhmin = hd->clhmin, d->crhmin = hd->crhmin;
	d->nohyphen = hd->nohyphen_len ? (char *)nohyphen : NULL;
	d->nohyphenl = hd->nohyphenl;
	d->num_states = hd->num_states;
	d->utf8 = hd->utf8;
	memcpy(d->cset, hd->cset, sizeof(d->cset));
	d->states = xcalloc((size_t)d->num_states, sizeof(*d->states));
	if (fill_states(d, st, trans, strings, hd) != 0) {
		free(d->states);
		free(d);
		return NULL;
	}
	return d;
}

static void
free_dicts(HyphenDict *d)
{
	HyphenDict	*next;

	for (; d != NULL; d = next) {
		next = d->nextlevel;
		free(d->states);
		free(d);
	}
}

static HyphenDict *
read_image(const char *image, size_t len)
{
	struct reader			 r = { image, image + len };
	const struct hyb_header		*h = take(&r, sizeof(*h));
	HyphenDict			*first = NULL, **link = &first;
	uint32_t			 i;

	if (h == NULL || memcmp(h->magic, HYPH_MAGIC, sizeof(h->magic)) ||
	    h->sizes != HYB_SIZES || h->ndicts == 0)
		return NULL;
	for (i = 0; i < h->ndicts; i++) {
		if ((*link = read_dict(&r, image)) == NULL) {
			free_dicts(first);
			return NULL;
		}
		link = &(*link)->nextlevel;
	}
	return first;
}

static char *
image_path(const char *dir, const char *dic_path)
{
	const char	*base = strrchr(dic_path, '/');
	size_t		 n;

	base = base ? base + 1 : dic_path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".dic") == 0)
		n -= 4;
	return xasprintf("%s/%.*s.hyb", dir, (int)n, base);
}

/*
 * The image mapped read-only: only the pages hyphenation walks are read
 * into memory.  NULL (errno set) when it cannot be; an empty file maps
 * to one NUL byte, which is no image.
 */
static char *
map_image(const char *path, size_t *len)
{
	struct stat	 sb;
	void		*p = MAP_FAILED;
	int		 fd, saved = 0;

	if ((fd = open(path, O_RDONLY)) < 0)
		return NULL;
	if (fstat(fd, &sb) != 0)
		saved = errno;
	else if (!S_ISREG(sb.st_mode))
		saved = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
	else {
		*len = (size_t)sb.st_size;
		p = *len > 0 ? mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0) :
		    mmap(NULL, 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		saved = p == MAP_FAILED ? errno : 0;
	}
	close(fd);
	errno = saved;
	return p == MAP_FAILED ? NULL : p;
}

struct hyph *
hyph_open(const char *dir, const char *dic_path, int left_min,
    int right_min, const struct srcpos *pos)
{
	struct hyph	*h;
	char		*path = image_path(dir, dic_path);
	char		*image;
	size_t		 len;

	if ((image = map_image(path, &len)) == NULL) {
		diag_warning(pos, "no hyphenation for %s: %s: %s (make "
		    "compiles it from the pattern file)", dic_path, path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->image = image;
	h->image_len = len;
	h->left_min = left_min, h->right_min = right_min;
	if ((h->dict = read_image(image, len)) == NULL) {
		diag_warning(pos, "no hyphenation: %s is not a compiled "
		    "pattern image of this machine: run make again", path);
		hyph_free(h);
		h = NULL;
	} else		/* the states are copied: let their pages go */
		madvise(image, len, MADV_DONTNEED);
	free(path);
	return h;
}

void
hyph_free(struct hyph *h)
{
	if (h == NULL)
		return;
	memo_clear(h);
	free(h->memo);
	free_dicts(h->dict);
	hyph_except_free(h->except);
	munmap(h->image, h->image_len > 0 ? h->image_len : 1);
	free(h);
}

size_t
hyph_load_exceptions(struct hyph *h, const char *path)
{
	hyph_except_free(h->except);
	h->except = hyph_except_load(path);
	memo_clear(h);
	return hyph_except_count(h->except);
}

struct _HyphenDict *
hyph_dict(struct hyph *h)
{
	return h->dict;
}

/* --- hyphenating --- */

/*
 * The break points of an exception entry (one byte for each of the n
 * characters) that leave the minimum fragments; ends[i] is the last byte
 * of character i in the word.
 */
static void
mark_exception(const struct hyph *h, const unsigned char *entry,
    const size_t *ends, size_t n, unsigned char *breaks)
{
	size_t	i;

	for (i = 0; i + 1 < n; i++)
		if (entry[i] && (long)i + 1 >= h->left_min &&
		    (long)(n - i - 1) >= h->right_min)
			breaks[ends[i]] = 1;
}

static void
free_rep(char **rep, int *pos, int *cut, int n)
{
	int	i;

	if (rep != NULL)
		for (i = 0; i < n; i++)
			free(rep[i]);
	free(rep);
	free(pos);
	free(cut);
}

/*
 * Hyphenate the letters word[from, to): lowered into buf, their break
 * points (one per character) mapped back to the original bytes.
 */
static void
hyphenate_run(struct hyph *h, const char *word, size_t from, size_t to,
    unsigned char *breaks)
{
	char		 low[HYPH_MAX_WORD + 8], hy[HYPH_MAX_WORD + 8];
	size_t		 ends[HYPH_MAX_WORD], n = 0, i, k, len = 0;
	char		**rep = NULL;
	int		*pos = NULL, *cut = NULL;
	const unsigned char *entry;
	uint32_t	 c;

	for (i = from; i < to; i += k) {
		k = utf8_decode(word + i, to - i, &c);
		len += utf8_encode(unicode_lower(c), low + len);
		ends[n++] = i + k - 1;
	}
	low[len] = '\0';
	if ((int)n < h->left_min + h->right_min)
		return;
	if ((entry = hyph_except_find(h->except, low)) != NULL) {
		mark_exception(h, entry, ends, n, breaks);
		return;
	}
	if (hnj_hyphen_hyphenate3(h->dict, low, (int)len, hy, NULL, &rep,
	    &pos, &cut, h->left_min, h->right_min, 0, 0) != 0)
		return;
	for (i = 0; i + 1 < n; i++)
		if ((hy[i] & 1) && (rep == NULL || rep[i] == NULL))
			breaks[ends[i]] = 1;
	free_rep(rep, pos, cut, (int)len);
}

static void
hyphenate_word(struct hyph *h, const char *word, size_t len,
    unsigned char *breaks)
{
	size_t		 i = 0, start, k;
	uint32_t	 c;

	memset(breaks, 0, len);
	while (i < len) {
		start = i;
		while (i < len && (k = utf8_decode(word + i, len - i, &c)) > 0 &&
		    hyph_is_letter(c))
			i += k;
		if (i > start && i - start <= HYPH_MAX_WORD / 2)
			hyphenate_run(h, word, start, i, breaks);
		if (i == start)
			i += (k = utf8_decode(word + i, len - i, &c)) ? k : 1;
	}
}

/* --- the memo --- */

/* The slot of word, or the free one where it belongs. */
static struct memo_word **
memo_slot(struct memo_word **memo, size_t cap, uint64_t hash,
    const char *word, size_t len)
{
	size_t			 i = (size_t)hash & (cap - 1);
	struct memo_word	*m;

	for (;; i = (i + 1) & (cap - 1)) {
		m = memo[i];
		if (m == NULL || (m->hash == hash && m->len == len &&
		    memcmp(m->data, word, len) == 0))
			return &memo[i];
	}
}

static void
memo_grow(struct hyph *h)
{
	struct memo_word	**old = h->memo;
	size_t			  i, n = h->memo_cap;

	h->memo_cap = n ? 2 * n : MEMO_FIRST_CAP;
	h->memo = xcalloc(h->memo_cap, sizeof(*h->memo));
	for (i = 0; i < n; i++)
		if (old[i] != NULL)
			*memo_slot(h->memo, h->memo_cap, old[i]->hash,
			    (const char *)old[i]->data, old[i]->len) = old[i];
	free(old);
}

/* Forget every word (the exceptions changed, or the end). */
static void
memo_clear(struct hyph *h)
{
	size_t	i;

	for (i = 0; i < h->memo_cap; i++) {
		free(h->memo[i]);
		h->memo[i] = NULL;
	}
	h->memo_n = h->memo_bytes = 0;
}

/* Keep word's breaks, while the memo is below its size. */
static void
memo_add(struct hyph *h, uint64_t hash, const char *word, size_t len,
    const unsigned char *breaks)
{
	struct memo_word	*m;

	if (h->memo_bytes + 2 * len > MEMO_MAX_BYTES)
		return;
	if (2 * (h->memo_n + 1) > h->memo_cap)
		memo_grow(h);
	m = xmalloc(sizeof(*m) + 2 * len);
	m->hash = hash;
	m->len = len;
	memcpy(m->data, word, len);
	memcpy(m->data + len, breaks, len);
	*memo_slot(h->memo, h->memo_cap, hash, word, len) = m;
	h->memo_n++;
	h->memo_bytes += 2 * len;
}

void
hyph_word(void *arg, const char *word, size_t len, unsigned char *breaks)
{
	struct hyph		*h = arg;
	uint64_t		 hash = hash_bytes(word, len);
	struct memo_word	*m;

	if (h->memo_n > 0 && (m = *memo_slot(h->memo, h->memo_cap, hash,
	    word, len)) != NULL) {
		memcpy(breaks, m->data + len, len);
		return;
	}
	hyphenate_word(h, word, len, breaks);
	memo_add(h, hash, word, len, breaks);
}
