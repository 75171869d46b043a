/*
 * diag: prints diagnostics as "file:line: level: message" and counts
 * them.  The exit status of a command is derived from these counts.
 * While diag_set_once(1) holds, a message already printed at the same
 * file:line (a title set as heading and again in the contents) is
 * neither printed nor counted again.
 * This module must never exit the program or decide what to do next.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

#define DIAG_SEEN	4096	/* messages remembered; then no more */
#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

static const char *const diag_level_names[DIAG__MAX] = {
	"warning",	/* DIAG_WARNING */
	"error",	/* DIAG_ERROR */
};

static int	diag_count[DIAG__MAX];
static int	diag_werror;
static int	diag_quiet;
static int	diag_once;
static uint64_t	diag_seen[DIAG_SEEN];	/* hashes of messages; 0: free */

/* FNV-1a of a string, never 0 (0 marks a free slot). */
static uint64_t
diag_hash(const char *s)
{
	uint64_t	h = FNV_OFFSET;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * FNV_PRIME;
	return h != 0 ? h : 1;
}

/* Whether this text was printed before; remembers it if not. */
static int
diag_repeated(const char *text)
{
	uint64_t	h = diag_hash(text);
	size_t		i, k;

	for (k = 0; k < DIAG_SEEN; k++) {
		i = (h + k) % DIAG_SEEN;
		if (diag_seen[i] == h)
			return 1;
		if (diag_seen[i] == 0) {
			diag_seen[i] = h;
			return 0;
		}
	}
	return 0;
}

static void
vdiag(enum diag_level level, const struct srcpos *pos, const char *fmt,
    va_list ap)
{
	struct strbuf	b = { NULL, 0, 0 };
	va_list		ap2;
	char		*msg;
	int		len;

	if (diag_quiet)
		return;
	if (level == DIAG_WARNING && diag_werror)
		level = DIAG_ERROR;
	if (pos != NULL && pos->file != NULL && pos->line > 0)
		strbuf_printf(&b, "%s:%ld: ", pos->file, pos->line);
	else if (pos != NULL && pos->file != NULL)
		strbuf_printf(&b, "%s: ", pos->file);
	else
		strbuf_puts(&b, "brochure: ");
	strbuf_printf(&b, "%s: ", diag_level_names[level]);
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	msg = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	vsnprintf(msg, len > 0 ? (size_t)len + 1 : 1, fmt, ap);
	strbuf_puts(&b, msg);
	free(msg);
	if (!diag_once || !diag_repeated(b.data)) {
		diag_count[level]++;
		fprintf(stderr, "%s\n", b.data);
	}
	strbuf_free(&b);
}

void
diag(enum diag_level level, const struct srcpos *pos, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vdiag(level, pos, fmt, ap);
	va_end(ap);
}

void
diag_error(const struct srcpos *pos, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vdiag(DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
}

void
diag_warning(const struct srcpos *pos, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vdiag(DIAG_WARNING, pos, fmt, ap);
	va_end(ap);
}

int
diag_errors(void)
{
	return diag_count[DIAG_ERROR];
}

int
diag_warnings(void)
{
	return diag_count[DIAG_WARNING];
}

void
diag_set_werror(int on)
{
	diag_werror = on;
}

void
diag_set_quiet(int on)
{
	diag_quiet = on;
}

void
diag_set_once(int on)
{
	diag_once = on;
	memset(diag_seen, 0, sizeof(diag_seen));
}

void
diag_reset(void)
{
	diag_count[DIAG_WARNING] = diag_count[DIAG_ERROR] = 0;
}
