/*
 * diag: the one way brochure reports problems to the user.
 *
 * Every message is printed as "file:line: error: text" or
 * "file:line: warning: text" (or "brochure: error: text" when no file is
 * involved) on standard error.  The module counts what it printed, so
 * main() can derive the exit status: 0 clean or warnings only, 1 errors.
 * With --werror, warnings count as errors.
 *
 * This module must never exit the program or decide what to do next.
 */
#ifndef BROCHURE_DIAG_H
#define BROCHURE_DIAG_H

#include "util.h"

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR,
	DIAG__MAX
};

void	diag(enum diag_level, const struct srcpos *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	diag_error(const struct srcpos *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	diag_warning(const struct srcpos *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Errors so far (including warnings when diag_set_werror(1)). */
int	diag_errors(void);
int	diag_warnings(void);
void	diag_set_werror(int);
/*
 * Silence (neither print nor count) or restore diagnostics: layout passes
 * before the last one would otherwise report the same problem again.
 */
void	diag_set_quiet(int);
/*
 * While on, a message printed again at the same file:line is neither
 * shown nor counted: typeset sets some text twice (a title as heading and
 * in the contents).  Switching it either way forgets what was printed.
 */
void	diag_set_once(int);
void	diag_reset(void);

#endif /* BROCHURE_DIAG_H */
