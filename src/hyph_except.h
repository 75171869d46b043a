/*
 * hyph_except: a language's list of hyphenation exceptions, the words
 * whose break points a person has chosen and that override the patterns
 * (styles/hyphenation/<lang>.txt).  Internal to hyph.c.
 *
 * The file is UTF-8, one word a line with its break points written as
 * hyphens ("Krea-tiv-wirt-schaft"); a word without hyphens is never
 * broken.  Blank lines are skipped and '#' starts a comment.  Words are
 * stored lowered, so matching ignores case.
 *
 * This module must never hyphenate by itself: it only remembers what the
 * file says.
 */
#ifndef BROCHURE_HYPH_EXCEPT_H
#define BROCHURE_HYPH_EXCEPT_H

#include <stddef.h>
#include <stdint.h>

struct hyph_except;

/*
 * Read the list at path.  Bad lines are reported (file:line) and skipped.
 * Returns NULL, silently, when the file does not exist, and NULL after a
 * warning when it exists but cannot be read.
 */
struct hyph_except	*hyph_except_load(const char *path);
void			 hyph_except_free(struct hyph_except *);
size_t			 hyph_except_count(const struct hyph_except *);

/*
 * The break points of a lowered word (UTF-8, NUL-terminated): one byte
 * per character, 1 when a hyphen may follow it.  NULL when the list does
 * not name the word.
 */
const unsigned char	*hyph_except_find(const struct hyph_except *,
			    const char *lowered);

/* The letters words are made of, for the list and for hyph_word alike. */
int			 hyph_is_letter(uint32_t);

#endif /* BROCHURE_HYPH_EXCEPT_H */
