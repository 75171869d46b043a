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
 * Load the locale for lang (e.g. "de") from dir (the locales folder).
 * Returns NULL after reporting the problem.
 */
struct locale	*locale_load(const char *dir, const char *lang);
void		 locale_free(struct locale *);

const char	*locale_lang(const struct locale *);

/*
 * The label for key ("contents", "entry", "page-abbrev", "see",
 * "imprint", "contact", "publisher", "funding", "photo", "photo-credits",
 * "multiple-answers", "role-sme", "role-creative", "submarket-music", …).
 * Never NULL: an unknown key returns the key itself, after a warning.
 */
const char	*locale_label(const struct locale *, const char *key);

/* Quotation marks: level 0 for pull quotes and q, level 1 nested. */
const char	*locale_quote_open(const struct locale *, int level);
const char	*locale_quote_close(const struct locale *, int level);

/* The format_* functions return a new string; the caller frees it. */
/* "August 2024" or "12. August 2024"; day 0 means month and year only. */
char		*locale_format_date(const struct locale *, int year,
		    int month, int day);
/* "69,6 %" / "69.6%": share in percent, one decimal, half-up. */
char		*locale_format_percent(const struct locale *, double share);
/* "16 von 23" */
char		*locale_format_count(const struct locale *, int count,
		    int total);
/*
 * Compare two UTF-8 titles as the locale sorts them, case-insensitively
 * (umlauts next to their base letters in German, č after c in Czech).
 */
int		 locale_compare(const struct locale *, const char *,
		    const char *);
/* The hyphenation dictionary file for this language, or NULL. */
const char	*locale_hyphenation(const struct locale *);

#endif /* BROCHURE_LOCALE_H */
