/*
 * util: allocation wrappers, the build arena, UTF-8 and string buffers.
 * Allocation failure is the one thing that ends the program from here:
 * it prints why and exits with status 3, so no caller checks for NULL.
 * This module must never know about XML, fonts, layout or PDF.
 */
#include <ctype.h>
#include <errno.h>
#ifdef HEAP_MIMALLOC
#include <mimalloc.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static void
out_of_memory(void)
{
	fprintf(stderr, "brochure: error: out of memory\n");
	exit(3);
}

void *
xmalloc(size_t size)
{
	void	*p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *old, size_t size)
{
	void	*p = realloc(old, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char	*p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 copy;
	int	 len;
	char	*p;

	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0)
		out_of_memory();
	p = xmalloc((size_t)len + 1);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* --- arena --- */

#define ARENA_CHUNK	(64 * 1024)	/* [bytes] default chunk size */
#define ARENA_ALIGN	16		/* [bytes] max_align_t on x86_64 */

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 used;	/* [bytes] */
	size_t			 size;	/* [bytes] of data[] */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct arena_chunk	*head;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

static struct arena_chunk *
arena_chunk_new(size_t size)
{
	struct arena_chunk	*c;

	c = xmalloc(sizeof(*c) + size);
	c->next = NULL;
	c->used = 0;
	c->size = size;
	return c;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_chunk	*c = a->head;
	void			*p;

	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (c == NULL || c->size - c->used < size) {
		c = arena_chunk_new(size > ARENA_CHUNK ? size : ARENA_CHUNK);
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char	*p = arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*tmp, *p;

	va_start(ap, fmt);
	tmp = xvasprintf(fmt, ap);
	va_end(ap);
	p = arena_strdup(a, tmp);
	free(tmp);
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* --- UTF-8 --- */

size_t
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n, i;
	uint32_t		 c, min;

	*cp = 0xFFFD;
	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		n = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char	*o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int
utf8_valid(const char *s)
{
	size_t		 len = strlen(s), n;
	uint32_t	 cp;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &cp)) == 0)
			return 0;
		s += n;
		len -= n;
	}
	return 1;
}

/* Latin Extended-A pairs capital, small at (even, odd) or (odd, even). */
static int
ext_a_capital(uint32_t c)
{
	return (c >= 0x100 && c <= 0x137 && c % 2 == 0) ||
	    (c >= 0x139 && c <= 0x148 && c % 2 == 1) ||
	    (c >= 0x14A && c <= 0x177 && c % 2 == 0) ||
	    (c >= 0x179 && c <= 0x17E && c % 2 == 1);
}

uint32_t
unicode_lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 32;
	if (c == 0x130)				/* İ */
		return 'i';
	if (c == 0x178)				/* Ÿ */
		return 0xFF;
	return ext_a_capital(c) ? c + 1 : c;
}

uint32_t
unicode_upper(uint32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
		return c - 32;
	if (c == 0x131)				/* ı */
		return 'I';
	if (c == 0xFF)				/* ÿ */
		return 0x178;
	return c > 0x100 && c <= 0x17F && ext_a_capital(c - 1) ? c - 1 : c;
}

/* --- strbuf --- */

/* Room for n more bytes and the terminating NUL. */
static void
strbuf_room(struct strbuf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->data = xrealloc(b->data, b->cap);
	}
}

void
strbuf_append(struct strbuf *b, const char *s, size_t len)
{
	strbuf_room(b, len);
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_append(b, s, strlen(s));
}

void
strbuf_putc(struct strbuf *b, char c)
{
	strbuf_append(b, &c, 1);
}

/* Append code point cp, UTF-8 encoded, without a detour through memcpy. */
void
strbuf_put_cp(struct strbuf *b, uint32_t cp)
{
	strbuf_room(b, UTF8_MAX);
	b->len += utf8_encode(cp, b->data + b->len);
	b->data[b->len] = '\0';
}

/* Formatted straight into the buffer: a second try only when it grew. */
void
strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	size_t	 room = b->cap > b->len ? b->cap - b->len : 0;

	va_start(ap, fmt);
	n = vsnprintf(room > 0 ? b->data + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();	/* as xvasprintf: nothing else fails */
	if ((size_t)n >= room) {
		strbuf_room(b, (size_t)n);
		va_start(ap, fmt);
		(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
strbuf_free(struct strbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* --- files --- */

char *
file_read(const char *path, size_t *len)
{
	FILE		*f = fopen(path, "rb");
	char		*buf;
	long		 n;
	int		 saved;
	struct stat	 sb;

	if (f == NULL)
		return NULL;
	if (fstat(fileno(f), &sb) == 0 && !S_ISREG(sb.st_mode)) {
		fclose(f);
		errno = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		saved = errno;
		fclose(f);
		errno = saved;
		return NULL;
	}
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	saved = ferror(f) ? EIO : 0;
	fclose(f);
	if (saved != 0) {
		free(buf);
		errno = saved;
		return NULL;
	}
	return buf;
}

/* --- lengths --- */

static const struct {
	const char	*unit;
	double		 pt;	/* [pt] per unit */
} length_units[] = {
	{ "pt", 1.0 },
	{ "mm", 72.0 / 25.4 },
	{ "cm", 72.0 / 2.54 },
	{ "in", 72.0 },
};

int
parse_length(const char *s, double *pt)
{
	char	*end;
	double	 v;
	size_t	 i;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno != 0)
		return -1;
	if (*end == '\0') {
		*pt = v;
		return 0;
	}
	for (i = 0; i < sizeof(length_units) / sizeof(length_units[0]); i++)
		if (strcmp(end, length_units[i].unit) == 0) {
			*pt = v * length_units[i].pt;
			return 0;
		}
	return -1;
}

/* --- hashing --- */

#define HASH_SEED	14695981039346656037ULL	/* FNV's offset basis */
#define HASH_MUL	0x9E3779B97F4A7C15ULL	/* odd: 2^64 / golden ratio */
#define HASH_WORD	8			/* [bytes] taken at a time */

/* One word mixed in: multiplied, and the high bits folded down so that
 * they reach the low bits the tables index with. */
static uint64_t
hash_mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * HASH_MUL;
	return h ^ h >> 29;
}

void *
xgrow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(v, *cap * size);
}

size_t
block_align(size_t n)
{
	return (n + 7) / 8 * 8;
}

void
heap_trim(void)
{
#ifdef HEAP_MIMALLOC
	mi_collect(true);
#elif defined(__GLIBC__)
	(void)malloc_trim(0);
#endif
}

/* Eight bytes at a time (the caches hash whole paragraphs), the length
 * first, the tail zero-padded. */
uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char	*s = p;
	uint64_t		 h = hash_mix(HASH_SEED, n), w;

	for (; n >= HASH_WORD; s += HASH_WORD, n -= HASH_WORD) {
		memcpy(&w, s, HASH_WORD);
		h = hash_mix(h, w);
	}
	w = 0;
	memcpy(&w, s, n);
	h = hash_mix(h, w) * HASH_MUL;
	return h ^ h >> 32;
}
