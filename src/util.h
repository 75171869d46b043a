/*
 * util: the small things every module needs: allocation that never
 * returns NULL (it exits with status 3 on exhaustion), a per-build arena,
 * UTF-8 decoding and encoding, and a growable string buffer.
 *
 * This module must never know about XML, fonts, layout or PDF.
 */
#ifndef BROCHURE_UTIL_H
#define BROCHURE_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Source position of anything read from a file. */
struct srcpos {
	const char	*file;	/* path as given on the command line or included */
	long		 line;	/* 1-based; 0 when unknown */
};

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/*
 * An arena owns everything allocated from it; arena_free() releases
 * it all at once.  Blocks are aligned for any object type.
 */
struct arena;

struct arena	*arena_new(void);
void		*arena_alloc(struct arena *, size_t);	/* zeroed */
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 arena_free(struct arena *);

#define ARENA_NEW(a, type)	((type *)arena_alloc((a), sizeof(type)))

/*
 * Decode one UTF-8 sequence from s (at most len bytes).  Returns the
 * number of bytes consumed and stores the code point, or returns 0 on an
 * invalid, overlong or truncated sequence (then *cp is U+FFFD).
 */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);
#define UTF8_MAX	4	/* [bytes] of one encoded code point */
/* Encode cp into out (UTF8_MAX bytes of room); returns the byte count. */
size_t	utf8_encode(uint32_t cp, char *out);
/* Whether the NUL-terminated string is valid UTF-8. */
int	utf8_valid(const char *);

/*
 * Simple case mapping for the scripts of the locales (ASCII, Latin-1,
 * Latin Extended-A); other code points come back unchanged.  ß has no
 * single capital and stays as it is.
 */
uint32_t unicode_lower(uint32_t);
uint32_t unicode_upper(uint32_t);

/* A growable, always NUL-terminated byte buffer. */
struct strbuf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	strbuf_append(struct strbuf *, const char *, size_t);
void	strbuf_puts(struct strbuf *, const char *);
void	strbuf_putc(struct strbuf *, char);
void	strbuf_put_cp(struct strbuf *, uint32_t cp);	/* UTF-8 */
void	strbuf_printf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	strbuf_free(struct strbuf *);

/*
 * Read a whole file into a new NUL-terminated buffer (len excludes the
 * NUL).  Returns NULL with errno set when it cannot be read or is not a
 * regular file.
 */
char	*file_read(const char *path, size_t *len);

/*
 * Parse a length such as "12pt", "20mm", "1.5cm" or "0.5in" into points.
 * Returns 0 on success, -1 when the text is not a length.
 */
int	parse_length(const char *, double *pt);

/* Array v (*cap elements of size bytes) with room for element n:
 * doubled when full. */
void	*xgrow(void *v, size_t n, size_t *cap, size_t size);

/* n rounded up to where the next array may begin in a block that packs
 * several (pointers, sizes and doubles align to 8 bytes at most here). */
size_t	 block_align(size_t n);

/* A hash of n bytes (not stable across builds or hosts), for the hash
 * tables of caches and indexes. */
uint64_t hash_bytes(const void *, size_t n);
/*
 * Give the heap's free pages back to the system (mimalloc's collection
 * or glibc's malloc_trim, whichever the build's heap is; nothing
 * elsewhere): freed memory otherwise stays counted as the process's,
 * and large blocks asked for next come from new pages.
 */
void	 heap_trim(void);

#endif /* BROCHURE_UTIL_H */
