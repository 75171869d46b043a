/*
 * hyph: hyphenation points of words, exactly as libhyphen finds them, from
 * Debian's pattern files, without libhyphen's slow start.
 *
 * Loading hyph_de_DE.dic with libhyphen takes seconds, so `make` compiles
 * each pattern file once (hyph_compile.c, build/hyphc) into a flat image of
 * libhyphen's own automaton (UTF-8, states and transitions as libhyphen
 * lays them out).  hyph_open() reads that image in a few milliseconds and
 * hands it to libhyphen's hnj_hyphen_hyphenate3(), so the break points are
 * libhyphen's by construction.
 *
 * This module must never decide where a line breaks: it only says where a
 * word may.
 */
#ifndef BROCHURE_HYPH_H
#define BROCHURE_HYPH_H

#include <stddef.h>

#include "util.h"

#define HYPH_MAGIC	"BRHYPH2"	/* first 8 bytes of a compiled image */

struct hyph;

/*
 * Open the compiled image for a pattern file: <dir>/<name>.hyb where name
 * is the pattern file's name without folder and ".dic".  Returns NULL
 * after reporting (at pos) why hyphenation is not available.
 */
struct hyph	*hyph_open(const char *dir, const char *dic_path,
		    int left_min, int right_min, const struct srcpos *pos);
void		 hyph_free(struct hyph *);

/*
 * Read the language's exception list (styles/hyphenation/<lang>.txt),
 * replacing any read before: UTF-8, one word a line with its break points
 * as hyphens ("Krea-tiv-wirt-schaft"), a word without hyphens never
 * breaks, '#' starts a comment.  A word it names (a whole run of letters,
 * in any case) breaks only where the entry says, and only where the
 * minimum fragments allow.  Bad lines are warned about with file:line and
 * skipped; a missing file is fine.  Returns the number of words read.
 */
size_t		 hyph_load_exceptions(struct hyph *, const char *path);

/*
 * Mark where word (UTF-8, len bytes) may break: breaks[i] = 1 when a
 * hyphen may follow byte i.  Only the letters of the word are hyphenated
 * (punctuation around it is skipped); capitals are lowered first.  The
 * signature fits struct text_params' hyphenate callback.
 */
void		 hyph_word(void *hyph, const char *word, size_t len,
		    unsigned char *breaks);

/*
 * Give back the pages of the patterns hyphenation has walked (German: up
 * to 15 MB).  They are the file's own, so a word not in the memo reads
 * them again from it; when the image had to be moved (its pointers
 * rewritten in memory) they stay.  Call it when the words to come are
 * mostly known: between layout passes.
 */
void		 hyph_release_pages(struct hyph *);

/* libhyphen's automaton as read from the image (for tests and tools). */
struct _HyphenDict *hyph_dict(struct hyph *);

/*
 * Write the compiled image of a libhyphen pattern file (any charset the
 * file names on its first line) to out.  Returns 0, or -1 with a message
 * on stderr.  Used by build/hyphc at make time.
 */
int		 hyph_compile(const char *dic_path, const char *out_path);

#endif /* BROCHURE_HYPH_H */
