/*
 * fuzz_report: the libFuzzer target.  Each input is a report XML; it goes
 * through the whole pipeline of `brochure build` (load, model, check,
 * stats, typeset, layout) and is rendered twice: by the text device
 * into /dev/null and by the PDF device into a file in a private folder
 * (on /dev/shm when there is one), removed after every run.  The style
 * (styles/brochure-a4.xml), its fonts, the locales and the compiled
 * hyphenation patterns are fixed; FUZZ_SRCDIR and FUZZ_HYPHDIR name them
 * (the Makefile passes them).  The folder's images/ links to the demo's
 * images and to the damaged ones of tests/bad/images, so that a report
 * naming images/<file> embeds (or refuses) a real file.
 *
 * Diagnostics go to stderr as usual (make fuzz silences them); only a
 * crash, a sanitizer report or a timeout is a finding.
 *
 * This target must never write outside its private folder, and never
 * leave that folder behind.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "check.h"
#include "diag.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "load.h"
#include "locale.h"
#include "model.h"
#include "render.h"
#include "stats.h"
#include "style.h"
#include "typeset.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR	"."
#endif
#ifndef FUZZ_HYPHDIR
#define FUZZ_HYPHDIR	FUZZ_SRCDIR "/build-fuzz/hyph"
#endif
#define FUZZ_STYLE	FUZZ_SRCDIR "/styles/brochure-a4.xml"
#define FUZZ_LOCALES	FUZZ_SRCDIR "/styles/locales"
#define FUZZ_IMAGES	FUZZ_SRCDIR "/input/kreativland-2024/images"
#define FUZZ_BAD_IMAGES	FUZZ_SRCDIR "/tests/bad/images"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct style	*fuzz_style;
static char		 fuzz_dir[64];	/* the private folder */
static char		*fuzz_report;	/* <fuzz_dir>/report.xml */
static char		*fuzz_pdf;	/* <fuzz_dir>/report.pdf */
static char		*fuzz_images;	/* <fuzz_dir>/images */
static FILE		*fuzz_null;
/* The last hyphenation patterns opened: reading them is the slowest
 * step of a run, and they do not change between runs. */
static char		*fuzz_dic;
static struct hyph	*fuzz_hyph;

/* Everything one run holds, freed in one place (as main.c's build). */
struct fuzz_run {
	struct load_result	*loaded;
	struct document		*doc;
	struct locale		*locale;
	struct fonts		*fonts;
	struct layout		*layout;
};

/* Link every file of dir into fuzz_images. */
static void
fuzz_link_images(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	char		*from, *to;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		from = xasprintf("%s/%s", dir, e->d_name);
		to = xasprintf("%s/%s", fuzz_images, e->d_name);
		(void)symlink(from, to);
		free(from);
		free(to);
	}
	if (d != NULL)
		closedir(d);
}

/* Remove the links of fuzz_images, and the folder. */
static void
fuzz_unlink_images(void)
{
	DIR		*d = opendir(fuzz_images);
	struct dirent	*e;
	char		*link;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		link = xasprintf("%s/%s", fuzz_images, e->d_name);
		unlink(link);
		free(link);
	}
	if (d != NULL)
		closedir(d);
	rmdir(fuzz_images);
}

static void
fuzz_cleanup(void)
{
	unlink(fuzz_report);
	unlink(fuzz_pdf);
	fuzz_unlink_images();
	rmdir(fuzz_dir);
	free(fuzz_report);
	free(fuzz_pdf);
	free(fuzz_images);
	style_free(fuzz_style);
	hyph_free(fuzz_hyph);
	free(fuzz_dic);
	load_cleanup();
	xmlCleanupParser();
	if (fuzz_null != NULL)
		fclose(fuzz_null);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/brochure-fuzz.XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL) {
		perror("fuzz_report: mkdtemp");
		exit(1);
	}
	fuzz_report = xasprintf("%s/report.xml", fuzz_dir);
	fuzz_pdf = xasprintf("%s/report.pdf", fuzz_dir);
	fuzz_images = xasprintf("%s/images", fuzz_dir);
	fuzz_null = fopen("/dev/null", "w");
	atexit(fuzz_cleanup);
	if (mkdir(fuzz_images, 0700) == 0) {
		fuzz_link_images(FUZZ_IMAGES);
		fuzz_link_images(FUZZ_BAD_IMAGES);
	}
	if ((fuzz_style = style_read(FUZZ_STYLE)) == NULL ||
	    diag_errors() > 0 || fuzz_null == NULL) {
		fprintf(stderr, "fuzz_report: cannot read %s\n", FUZZ_STYLE);
		exit(1);
	}
	return 0;
}

static int
fuzz_write(const uint8_t *data, size_t size)
{
	FILE	*f = fopen(fuzz_report, "wb");
	int	 ok;

	if (f == NULL)
		return -1;
	ok = fwrite(data, 1, size, f) == size;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* load, model, locale, check, stats: as main.c's read_report(). */
static int
fuzz_read(struct fuzz_run *r)
{
	struct model_options	mo = { NULL, NULL, VARIANT_REPORT };

	if ((r->loaded = load_file(fuzz_report, SCHEMA_REPORT)) == NULL ||
	    (r->doc = model_read(r->loaded, &mo)) == NULL ||
	    (r->locale = locale_load(FUZZ_LOCALES, r->doc->lang)) == NULL)
		return -1;
	check_document(r->doc);
	stats_compute(r->doc);
	return diag_errors() > 0 ? -1 : 0;
}

/* The patterns for dic (NULL: none), opened once and kept. */
static struct hyph *
fuzz_patterns(const char *dic, const struct srcpos *pos)
{
	if (dic == NULL)
		return NULL;
	if (fuzz_dic == NULL || strcmp(fuzz_dic, dic) != 0) {
		hyph_free(fuzz_hyph);
		free(fuzz_dic);
		fuzz_dic = xstrdup(dic);
		fuzz_hyph = hyph_open(FUZZ_HYPHDIR, dic,
		    fuzz_style->hyphen_left_min, fuzz_style->hyphen_right_min,
		    pos);
	}
	return fuzz_hyph;
}

/* typeset, then both devices: as main.c's lay_out(). */
static void
fuzz_set(struct fuzz_run *r)
{
	struct typeset_stats	 st;
	struct hyph		*h;

	memset(&st, 0, sizeof(st));
	h = fuzz_patterns(locale_hyphenation(r->locale),
	    locale_hyphenation_pos(r->locale));
	if ((r->fonts = fonts_new()) == NULL)
		return;
	r->layout = typeset(r->doc, fuzz_style, r->locale, r->fonts, h, &st);
	if (r->layout == NULL || diag_errors() > 0)
		return;
	if (render_text(r->layout, r->fonts, fuzz_null) == 0)
		render_pdf(r->layout, r->fonts, fuzz_pdf);
	unlink(fuzz_pdf);
}

static void
fuzz_free(struct fuzz_run *r)
{
	layout_free(r->layout);
	if (r->fonts != NULL)
		fonts_free(r->fonts);
	if (r->locale != NULL)
		locale_free(r->locale);
	if (r->doc != NULL)
		model_free(r->doc);
	if (r->loaded != NULL)
		load_free(r->loaded);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_run	r;

	memset(&r, 0, sizeof(r));
	diag_reset();
	if (fuzz_write(data, size) == 0 && fuzz_read(&r) == 0)
		fuzz_set(&r);
	fuzz_free(&r);
	return 0;
}
