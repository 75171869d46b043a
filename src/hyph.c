/*
 * hyph: maps a compiled hyphenation image (see hyph_image.h), which
 * holds libhyphen's own structures, and asks libhyphen's
 * hnj_hyphen_hyphenate3() where words may break.  Mapped where the image
 * asks, nothing is read or copied at open: only the pages hyphenation
 * walks come into memory.  Loading German takes no time instead of
 * libhyphen's seconds, with the same automaton and so the same break
 * points.  A word the language's
 * exception list names (hyph_except.c) takes its break points from there.
 * A run of letters asked about again is answered from a memo (a brochure
 * says the same words many times, in other company: "Vier (S. 97)", and
 * each of its layout passes asks again).
 *
 * This module must never decide where a line breaks: it only says where a
 * word may.
 */
#define _DEFAULT_SOURCE			/* MAP_FIXED_NOREPLACE, pread,
					   madvise */
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

/* A run of letters hyphenated before: its bytes, then its break bytes. */
struct memo_word {
	uint64_t	 hash;
	size_t		 len;		/* [bytes] of the word */
	unsigned char	 data[];
};

struct hyph {
	char		*image;		/* the file, mapped: the dictionaries */
	size_t		 image_len;	/* [bytes] */
	int		 pristine;	/* mapped where it asked: its pages
					   are the file's, never written */
	HyphenDict	*dict;		/* first level, in the image */
	struct hyph_except *except;	/* NULL: no exception list */
	struct memo_word **memo;	/* open addressing, half full */
	size_t		 memo_cap, memo_n;
	size_t		 memo_bytes;	/* [bytes] of words and breaks */
	int		 left_min, right_min;	/* [characters] */
};

static void	 memo_clear(struct hyph *);

/* --- reading the image --- */

/* An image in memory, and where its pointers assume it is. */
struct mapping {
	char		*image;
	size_t		 len;		/* [bytes] */
	uintptr_t	 base;
};

/*
 * Check the pointer in *slot (made for the image at base): NULL, or need
 * bytes inside the image at a multiple of align.  When move, make it
 * point where the image is.  -1 when it does not.
 */
static int
check_ptr(const struct mapping *m, void *slot, size_t need, size_t align,
    int move)
{
	uintptr_t	p, at;

	memcpy(&p, slot, sizeof(p));
	if (p == 0)
		return 0;
	at = p - m->base;
	if (p < m->base || at > m->len || m->len - at < need || at % align)
		return -1;
	if (move) {
		p = (uintptr_t)m->image + at;
		memcpy(slot, &p, sizeof(p));
	}
	return 0;
}

/* Move every state's pointers (the image is not at its base). */
static int
move_states(const struct mapping *m, HyphenDict *d)
{
	HyphenState	*st;
	int		 i;

	for (i = 0; i < d->num_states; i++) {
		st = &d->states[i];
		if (st->num_trans < 0 || check_ptr(m, &st->match, 1, 1, 1) ||
		    check_ptr(m, &st->repl, 1, 1, 1) ||
		    check_ptr(m, &st->trans, sizeof(HyphenTrans) *
		    (size_t)st->num_trans, _Alignof(HyphenTrans), 1))
			return -1;
	}
	return 0;
}

/*
 * The levels of the image, checked as far as knowing where they are
 * goes; when move (the image is not at its base), each pointer moved.
 */
static HyphenDict *
image_dicts(const struct mapping *m, uint32_t ndicts, int move)
{
	HyphenDict	*first = (HyphenDict *)(m->image +
			     (sizeof(struct hyb_header) + HYB_ALIGN - 1) /
			     HYB_ALIGN * HYB_ALIGN), *d = first;
	uint32_t	 i;

	for (i = 0; i < ndicts; i++, d = d->nextlevel) {
		if ((char *)(d + 1) > m->image + m->len || d->num_states <= 0 ||
		    d->nohyphenl < 0 || check_ptr(m, &d->states,
		    sizeof(HyphenState) * (size_t)d->num_states, HYB_ALIGN,
		    move) || check_ptr(m, &d->nohyphen, 1, 1, move) ||
		    check_ptr(m, &d->nextlevel, sizeof(HyphenDict), HYB_ALIGN,
		    move) || (d->nextlevel == NULL) != (i + 1 == ndicts) ||
		    (move && move_states(m, d) != 0))
			return NULL;
	}
	return first;
}

/*
 * Map the image of fd (size bytes) where its pointers assume it, or
 * anywhere, its pointers then moved.  -1 (nothing left mapped) when it
 * is no image of ours.
 */
static int
map_image(struct hyph *h, int fd, size_t size)
{
	struct hyb_header	 hd;
	struct mapping		 m;
	void			*want;

	if (size < sizeof(hd) || pread(fd, &hd, sizeof(hd), 0) !=
	    (ssize_t)sizeof(hd) || memcmp(hd.magic, HYPH_MAGIC,
	    sizeof(hd.magic)) || hd.sizes != HYB_SIZES || hd.ndicts == 0 ||
	    hd.len != size || hd.base % HYB_ALIGN)
		return -1;
	want = (void *)(uintptr_t)hd.base;
	m.image = mmap(want, size, PROT_READ, MAP_PRIVATE |
	    MAP_FIXED_NOREPLACE, fd, 0);
	if (m.image == MAP_FAILED)
		m.image = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m.image == MAP_FAILED)
		return -1;
	m.len = size;
	m.base = (uintptr_t)hd.base;
	if (m.image == want)
		h->dict = image_dicts(&m, hd.ndicts, 0);
	else if (mprotect(m.image, size, PROT_READ | PROT_WRITE) == 0)
		h->dict = image_dicts(&m, hd.ndicts, 1);
	if (h->dict == NULL) {
		munmap(m.image, size);
		return -1;
	}
	h->image = m.image;
	h->image_len = size;
	h->pristine = m.image == want;
	return 0;
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
 * The image file opened for reading, its size in *size: -1 (errno set)
 * when it cannot be or is no regular file.
 */
static int
open_image(const char *path, size_t *size)
{
	struct stat	 sb;
	int		 fd, saved = 0;

	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	if (fstat(fd, &sb) != 0)
		saved = errno;
	else if (!S_ISREG(sb.st_mode))
		saved = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
	else
		*size = (size_t)sb.st_size;
	if (saved != 0) {
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

struct hyph *
hyph_open(const char *dir, const char *dic_path, int left_min,
    int right_min, const struct srcpos *pos)
{
	struct hyph	*h;
	char		*path = image_path(dir, dic_path);
	size_t		 size = 0;
	int		 fd;

	if ((fd = open_image(path, &size)) < 0) {
		diag_warning(pos, "no hyphenation for %s: %s: %s (make "
		    "compiles it from the pattern file)", dic_path, path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->left_min = left_min, h->right_min = right_min;
	if (map_image(h, fd, size) != 0) {
		diag_warning(pos, "no hyphenation: %s is not a compiled "
		    "pattern image of this machine: run make again", path);
		free(h);
		h = NULL;
	}
	close(fd);
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
	hyph_except_free(h->except);
	munmap(h->image, h->image_len);
	free(h);
}

void
hyph_release_pages(struct hyph *h)
{
	if (h != NULL && h->pristine)
		(void)madvise(h->image, h->image_len, MADV_DONTNEED);
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
 * Hyphenate the n bytes of letters run: lowered into low, their break
 * points (one per character) mapped back to the original bytes.
 */
static void
hyphenate_run(struct hyph *h, const char *run, size_t n_bytes,
    unsigned char *breaks)
{
	char		 low[HYPH_MAX_WORD + 8], hy[HYPH_MAX_WORD + 8];
	size_t		 ends[HYPH_MAX_WORD], n = 0, i, k, len = 0;
	char		**rep = NULL;
	int		*pos = NULL, *cut = NULL;
	const unsigned char *entry;
	uint32_t	 c;

	for (i = 0; i < n_bytes; i += k) {
		k = utf8_decode(run + i, n_bytes - i, &c);
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

/* The breaks of one run of letters (n bytes), from the memo if it has
 * them: a word is asked about again in many texts ("Vier (S. 97)"). */
static void
run_breaks(struct hyph *h, const char *run, size_t n, unsigned char *breaks)
{
	uint64_t		 hash = hash_bytes(run, n);
	struct memo_word	*m;

	if (h->memo_n > 0 && (m = *memo_slot(h->memo, h->memo_cap, hash,
	    run, n)) != NULL) {
		memcpy(breaks, m->data + n, n);
		return;
	}
	hyphenate_run(h, run, n, breaks);
	memo_add(h, hash, run, n, breaks);
}

void
hyph_word(void *arg, const char *word, size_t len, unsigned char *breaks)
{
	struct hyph	*h = arg;
	size_t		 i = 0, start, k;
	uint32_t	 c;

	memset(breaks, 0, len);
	while (i < len) {
		start = i;
		while (i < len && (k = utf8_decode(word + i, len - i, &c)) > 0 &&
		    hyph_is_letter(c))
			i += k;
		if (i > start && i - start <= HYPH_MAX_WORD / 2)
			run_breaks(h, word + start, i - start, breaks + start);
		if (i == start)
			i += (k = utf8_decode(word + i, len - i, &c)) ? k : 1;
	}
}
