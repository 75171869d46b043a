/*
 * diag: prints diagnostics as "file:line: level: message" and counts
 * them.  The exit status of a command is derived from these counts.
 * This module must never exit the program or decide what to do next.
 */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

static const char *const diag_level_names[DIAG__MAX] = {
	"warning",	/* DIAG_WARNING */
	"error",	/* DIAG_ERROR */
};

static int	diag_count[DIAG__MAX];
static int	diag_werror;
static int	diag_quiet;

static void
vdiag(enum diag_level level, const struct srcpos *pos, const char *fmt,
    va_list ap)
{
	if (diag_quiet)
		return;
	if (level == DIAG_WARNING && diag_werror)
		level = DIAG_ERROR;
	diag_count[level]++;
	if (pos != NULL && pos->file != NULL && pos->line > 0)
		fprintf(stderr, "%s:%ld: ", pos->file, pos->line);
	else if (pos != NULL && pos->file != NULL)
		fprintf(stderr, "%s: ", pos->file);
	else
		fputs("brochure: ", stderr);
	fprintf(stderr, "%s: ", diag_level_names[level]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
diag_reset(void)
{
	diag_count[DIAG_WARNING] = diag_count[DIAG_ERROR] = 0;
}
