/*
 * floor: the least work that writes a brochure's words as a PDF with
 * libharu, the yardstick of `make bench`.
 *
 *     floor WORDS.txt PAGES OUT.pdf FONT.ttf
 *
 * It reads the words (any white space between them), fills lines of a
 * fixed count of words, spreads the lines evenly over PAGES A4 pages in
 * two columns, and draws each line with one HPDF_Page_TextOut in one
 * embedded TrueType font through libharu's UTF-8 encoder, compression on.
 *
 * It must never measure, break or justify text, nor do anything a
 * brochure does not have to do: it is the floor brochure is held to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#define WORDS_PER_LINE	6	/* words of one line */
#define COLUMNS		2	/* columns of a page */
#define PAGE_W		595.276	/* [pt] A4 */
#define PAGE_H		841.89	/* [pt] */
#define MARGIN		56.0	/* [pt] all round */
#define GUTTER		14.0	/* [pt] between the columns */
#define MAX_SIZE	9.0	/* [pt] text size when the lines allow it */
#define LEADING		1.25	/* line height / text size */

static void
error_handler(HPDF_STATUS error, HPDF_STATUS detail, void *arg)
{
	(void)arg;
	fprintf(stderr, "floor: libharu error 0x%04X, detail %u\n",
	    (unsigned)error, (unsigned)detail);
	exit(1);
}

/* The whole file, NUL-terminated. */
static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	if ((buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Split text into words in place; returns their count. */
static size_t
split_words(char *text, char ***out)
{
	size_t	 n = 0, cap = 1024;
	char	**v = malloc(cap * sizeof(*v));
	char	*w;

	for (w = strtok(text, " \t\r\n\f\v"); w != NULL;
	    w = strtok(NULL, " \t\r\n\f\v")) {
		if (n == cap && (v = realloc(v, (cap *= 2) * sizeof(*v))) ==
		    NULL)
			exit(1);
		v[n++] = w;
	}
	*out = v;
	return n;
}

/* Line k: its words joined by single spaces into buf. */
static void
line_text(char **words, size_t nwords, size_t k, char *buf, size_t cap)
{
	size_t	i, at = 0, len;

	buf[0] = '\0';
	for (i = k * WORDS_PER_LINE; i < nwords &&
	    i < (k + 1) * WORDS_PER_LINE; i++) {
		len = strlen(words[i]);
		if (at + len + 2 > cap)
			break;
		if (at > 0)
			buf[at++] = ' ';
		memcpy(buf + at, words[i], len + 1);
		at += len;
	}
}

int
main(int argc, char *argv[])
{
	HPDF_Doc	 pdf;
	HPDF_Page	 page;
	HPDF_Font	 font;
	char		*text, **words, buf[4096];
	size_t		 nwords, nlines, per_page, per_col, k = 0, p, i;
	long		 pages;
	double		 size, lead, colw;

	if (argc != 5 || (pages = strtol(argv[2], NULL, 10)) < 1) {
		fprintf(stderr, "usage: floor WORDS.txt PAGES OUT.pdf "
		    "FONT.ttf\n");
		return 2;
	}
	text = slurp(argv[1]);
	nwords = split_words(text, &words);
	nlines = (nwords + WORDS_PER_LINE - 1) / WORDS_PER_LINE;
	per_page = (nlines + (size_t)pages - 1) / (size_t)pages;
	per_col = (per_page + COLUMNS - 1) / COLUMNS;
	lead = per_col > 0 ? (PAGE_H - 2 * MARGIN) / (double)per_col : 1;
	size = lead / LEADING < MAX_SIZE ? lead / LEADING : MAX_SIZE;
	lead = size * LEADING;
	colw = (PAGE_W - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS;

	pdf = HPDF_New(error_handler, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	font = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, argv[4],
	    HPDF_TRUE), "UTF-8");
	for (p = 0; p < (size_t)pages; p++) {
		page = HPDF_AddPage(pdf);
		HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
		    HPDF_PAGE_PORTRAIT);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
		for (i = 0; i < per_page && k < nlines; i++, k++) {
			line_text(words, nwords, k, buf, sizeof(buf));
			HPDF_Page_TextOut(page, (HPDF_REAL)(MARGIN +
			    (double)(i / per_col) * (colw + GUTTER)),
			    (HPDF_REAL)(PAGE_H - MARGIN -
			    (double)(i % per_col + 1) * lead), buf);
		}
		HPDF_Page_EndText(page);
	}
	HPDF_SaveToFile(pdf, argv[3]);
	HPDF_Free(pdf);
	free(words);
	free(text);
	return 0;
}
