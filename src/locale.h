/*
 * locale: the words and formats brochure writes itself, per language,
 * read from styles/locales/<lang>.xml.
 *
 * Labels ("Inhalt", "Eintrag", "S."), month names, number and percent
 * formats, the "16 von 23" pattern, quotation marks, the hyphenation
 * patterns to use and the collation used for sorting titles.
 *
 * This module must never look at the report: it turns keys and numbers
 * into text for one language.
 */
#ifndef BROCHURE_LOCALE_H
#define BROCHURE_LOCALE_H

#include "util.h"

struct locale;

/*
 * Load the locale for lang (e.g. "de") from <dir>/<lang>.xml, validated
 * against the locale schema.  Returns NULL after reporting the problem;
 * for a language without a file, the message names the languages dir
 * has.  The locale owns all its strings; free it with locale_free().
 */
struct locale	*locale_load(const char *dir, const char *lang);
void		 locale_free(struct locale *);

const char	*locale_lang(const struct locale *);

/*
 * The label for key ("contents", "entry", "page-abbrev", "see",
 * "imprint", "contact", "publisher", "funding", "photo", "photo-credits",
 * "multiple-answers", "chart-empty", "role-sme", "role-creative",
 * "submarket-music", …).
 * Never NULL: an unknown key returns the key itself, after a warning.
 * Every locale file holds at least the keys listed in locale.c
 * (required_keys); locale_load() reports those it lacks.
 */
const char	*locale_label(const struct locale *, const char *key);

/*
 * Quotation marks: level 0 for pull quotes and q, level 1 nested; deeper
 * levels alternate (2 as 0, 3 as 1, …).
 */
const char	*locale_quote_open(const struct locale *, int level);
const char	*locale_quote_close(const struct locale *, int level);

/* The format_* functions return a new string; the caller frees it. */
/*
 * "August 2024" or "12. August 2024": month 1 to 12, day 1 to 31, or day
 * 0 for month and year only.  The year is printed without grouping.
 */
char		*locale_format_date(const struct locale *, int year,
		    int month, int day);
/*
 * "69,6 %" / "69.6%": share in percent (16 of 23 is 69.565…), always with
 * one decimal, rounded half-up: 69.565 gives 69,6, 13.04 gives 13,0 and
 * 100 gives 100,0.  The rounding works on the scaled value with a small
 * tolerance, so a share that is a half in decimal but a little less in
 * binary (23/80 × 100 = 28.749999…) still rounds up (28,8).  share must
 * be finite.
 */
char		*locale_format_percent(const struct locale *, double share);
/* "16 von 23"; numbers of group-min-digits or more digits are grouped. */
char		*locale_format_count(const struct locale *, int count,
		    int total);
/*
 * Compare two UTF-8 titles as the locale sorts them, case-insensitively
 * (umlauts next to their base letters in German, č after c in Czech).
 * Letters are folded to lower case (ASCII, Latin-1, Latin Extended-A);
 * a letter with a diacritic sorts as its base letter (é as e, ß as ss)
 * unless the locale's collation makes it a letter of its own.  Strings
 * that sort equal are ordered by their bytes, so only equal strings
 * compare 0.
 */
int		 locale_compare(const struct locale *, const char *,
		    const char *);
/*
 * A string's collation key: two keys compare (locale_key_cmp, -1, 0 or
 * 1) as locale_compare compares their strings before its tie-break by
 * bytes.  To sort many strings, make each key once.
 */
struct locale_key {
	uint32_t	*w;		/* weights, malloc'd */
	size_t		 n;
};
void		 locale_key_make(const struct locale *, const char *,
		    struct locale_key *);
int		 locale_key_cmp(const struct locale_key *,
		    const struct locale_key *);
void		 locale_key_free(struct locale_key *);
/*
 * The ASCII base letters of a Latin-1 or Latin Extended-A letter, as
 * sorting uses them without a locale rule ("o" for ö, "ss" for ß), into
 * out (NUL-terminated); returns their count, 0 (and "") for any other
 * code point.
 */
size_t		 locale_base_letters(uint32_t cp, char out[3]);
/*
 * The hyphenation dictionary file for this language, or NULL; a relative
 * path in the locale file is resolved against the locale's folder.  The
 * file is not opened here; report problems with it at
 * locale_hyphenation_pos() (the <hyphenation> element).
 */
const char	*locale_hyphenation(const struct locale *);
const struct srcpos *locale_hyphenation_pos(const struct locale *);

#endif /* BROCHURE_LOCALE_H */
