/*
 * main: the command line.  Parses options, finds the data folder (styles,
 * locales, fonts), and runs the stages in order:
 *   load -> model -> check -> stats -> typeset -> render;
 * the batch command hands that build to batch.c, once per region and
 * language.
 * Exit status: 0 success (warnings allowed), 1 errors in the input,
 * 2 usage errors, 3 out of memory.
 *
 * This module must never do a stage's work itself: it only calls them.
 */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "batch.h"
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
#include "version.h"

#define DEFAULT_STYLE		"brochure-a4"

#ifndef DATADIR
#define DATADIR			"/usr/local/share/brochure"
#endif

enum command {
	CMD_BUILD,
	CMD_CHECK,
	CMD_STATS,
	CMD_BATCH
};

struct options {
	enum command	 command;
	const char	*report;
	const char	*style;		/* a path or a name in the data folder */
	const char	*lang;
	const char	*region;
	const char	*out;
	enum variant	 variant;
	int		 dump;
	int		 stats;
	int		 pdfa;		/* --pdfa: PDF/A-2b */
	int		 print;		/* --print: bleed, marks, CMYK */
	enum stats_format format;	/* of the stats command */
	int		 variant_given;	/* --variant was given */
	struct batch_options batch;	/* of the batch command */
};

static void
usage(FILE *f)
{
	fputs("usage: brochure build REPORT.xml [-s STYLE] [-l LANG] "
	    "[-o OUT.pdf] [--region R]\n"
	    "                      [--variant report|handout] [--dump] "
	    "[--stats] [--werror]\n"
	    "                      [--pdfa | --print]\n"
	    "       brochure batch REPORT.xml [-s STYLE] [--langs L1,L2] "
	    "[--regions all|R1,R2]\n"
	    "                      [-o DIR] [-j N] [-v] "
	    "[--variant report|handout] [--pdfa | --print]\n"
	    "       brochure check REPORT.xml [-l LANG] [--region R] "
	    "[--werror]\n"
	    "       brochure stats REPORT.xml [-l LANG] [--region R] "
	    "[--format table|csv|json]\n"
	    "       brochure --help | --version\n", f);
}

static void
help(void)
{
	usage(stdout);
	fputs("\n"
	    "  build   set REPORT.xml into a PDF (default: REPORT's name "
	    "with .pdf,\n"
	    "          in the current folder)\n"
	    "  check   report every problem in REPORT.xml (and the style) "
	    "without\n          writing anything\n"
	    "  stats   print every chart's bars: key, label, count, total "
	    "and share\n"
	    "  batch   build every region in every language, N at a time, "
	    "into\n          DIR/<report>-<region>-<lang>.pdf (handout "
	    "variant unless --variant)\n"
	    "\n"
	    "  -s, --style STYLE   a style sheet path, or the name of an "
	    "installed one\n"
	    "                      (default " DEFAULT_STYLE ")\n"
	    "  -l, --lang LANG     the language to build (default: the "
	    "report's)\n"
	    "  -o, --output OUT    the PDF to write\n"
	    "      --region R      keep only the entries of region R\n"
	    "      --variant V     report (default) or handout\n"
	    "      --dump          print the laid-out pages instead of "
	    "writing a PDF\n"
	    "      --stats         print typesetting statistics\n"
	    "      --pdfa          write PDF/A-2b (sRGB output intent)\n"
	    "      --print         for the printer: bleed, crop marks, CMYK "
	    "colours\n"
	    "      --format F      stats: table (default), csv or json\n"
	    "      --langs L1,L2   batch: the languages (default: the "
	    "report's)\n"
	    "      --regions R     batch: all (default) or R1,R2,…\n"
	    "  -j, --jobs N        batch: builds at once (default: the "
	    "online cores)\n"
	    "  -v, --verbose       batch: a line per file and every "
	    "diagnostic\n"
	    "      --werror        treat warnings as errors\n"
	    "\n"
	    "Exit status: 0 success, 1 errors in the input, 2 usage "
	    "errors.\n", stdout);
}

/* Everything one build holds, freed in one place. */
struct build {
	struct load_result	*loaded;
	struct document		*doc;
	struct style		*style;
	struct locale		*locale;
	struct fonts		*fonts;
	struct hyph		*hyph;
	struct layout		*layout;
	struct pdf_options	 pdf;		/* the style's, for render */
	char			*datadir;
	char			*hyphdir;
	char			*fontdir;	/* the prepared fonts */
};

/*
 * The data folder: next to the executable in the source tree
 * (build/../styles, with the compiled hyphenation patterns in build/hyph
 * and the fonts prepared for embedding in build/fonts), relative to an
 * installed binary (bin/../share/brochure, patterns in its hyph/, the
 * prepared fonts installed as its fonts/), or the compiled-in DATADIR.
 */
static void
find_data(struct build *b)
{
	static const char *const rel[] = { "..", "../share/brochure" };
	static const char *const hyph[] = { "hyph", "../share/brochure/hyph" };
	static const char *const font[] = { "fonts",
	    "../share/brochure/fonts" };
	char	 exe[PATH_MAX], probe[PATH_MAX + 64];
	ssize_t	 n;
	size_t	 i;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		dirname(exe);
		for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			snprintf(probe, sizeof(probe), "%s/%s/styles/locales",
			    exe, rel[i]);
			if (access(probe, R_OK) == 0) {
				b->datadir = xasprintf("%s/%s", exe, rel[i]);
				b->hyphdir = xasprintf("%s/%s", exe, hyph[i]);
				b->fontdir = xasprintf("%s/%s", exe, font[i]);
				return;
			}
		}
	}
	b->datadir = xstrdup(DATADIR);
	b->hyphdir = xstrdup(DATADIR "/hyph");
	b->fontdir = xstrdup(DATADIR "/fonts");
}

/* A style given by name is looked up in the data folder. */
static char *
style_path(const char *datadir, const char *style)
{
	if (strchr(style, '/') != NULL || access(style, R_OK) == 0)
		return xstrdup(style);
	return xasprintf("%s/styles/%s.xml", datadir, style);
}

/* The default output: the report's file name with .pdf, here. */
static char *
default_output(const char *report)
{
	const char	*base = strrchr(report, '/');
	size_t		 len;

	base = base == NULL ? report : base + 1;
	len = strlen(base);
	if (len > 4 && strcmp(base + len - 4, ".xml") == 0)
		len -= 4;
	return xasprintf("%.*s.pdf", (int)len, base);
}

static int
parse_variant(const char *s, enum variant *v)
{
	if (strcmp(s, "report") == 0)
		*v = VARIANT_REPORT;
	else if (strcmp(s, "handout") == 0)
		*v = VARIANT_HANDOUT;
	else
		return -1;
	return 0;
}

static int
parse_format(const char *s, enum stats_format *f)
{
	int	i;

	for (i = 0; i < STATS__MAX; i++)
		if (strcmp(s, stats_format_names[i]) == 0) {
			*f = (enum stats_format)i;
			return 0;
		}
	return -1;
}

enum long_only {
	OPT_DUMP = 256,
	OPT_STATS,
	OPT_WERROR,
	OPT_REGION,
	OPT_VARIANT,
	OPT_FORMAT,
	OPT_LANGS,
	OPT_REGIONS,
	OPT_HELP,
	OPT_VERSION,
	OPT_PDFA,
	OPT_PRINT
};

static const struct option long_options[] = {
	{ "style",	required_argument,	NULL, 's' },
	{ "lang",	required_argument,	NULL, 'l' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "region",	required_argument,	NULL, OPT_REGION },
	{ "variant",	required_argument,	NULL, OPT_VARIANT },
	{ "format",	required_argument,	NULL, OPT_FORMAT },
	{ "langs",	required_argument,	NULL, OPT_LANGS },
	{ "regions",	required_argument,	NULL, OPT_REGIONS },
	{ "jobs",	required_argument,	NULL, 'j' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ "dump",	no_argument,		NULL, OPT_DUMP },
	{ "stats",	no_argument,		NULL, OPT_STATS },
	{ "werror",	no_argument,		NULL, OPT_WERROR },
	{ "pdfa",	no_argument,		NULL, OPT_PDFA },
	{ "print",	no_argument,		NULL, OPT_PRINT },
	{ "help",	no_argument,		NULL, OPT_HELP },
	{ "version",	no_argument,		NULL, OPT_VERSION },
	{ NULL,		0,			NULL, 0 }
};

/* Returns -1 on a usage error, 0 to go on, 1 when done (help, version). */
static int
parse_option(int c, struct options *o)
{
	switch (c) {
	case 's': o->style = optarg; break;
	case 'l': o->lang = optarg; break;
	case 'o': o->out = optarg; break;
	case OPT_REGION: o->region = optarg; break;
	case OPT_LANGS: o->batch.langs = optarg; break;
	case OPT_REGIONS: o->batch.regions = optarg; break;
	case 'j': o->batch.jobs = optarg; break;
	case 'v': o->batch.verbose = 1; break;
	case OPT_DUMP: o->dump = 1; break;
	case OPT_STATS: o->stats = 1; break;
	case OPT_WERROR: diag_set_werror(1); break;
	case OPT_PDFA: o->pdfa = 1; break;
	case OPT_PRINT: o->print = 1; break;
	case OPT_VARIANT:
		o->variant_given = 1;
		if (parse_variant(optarg, &o->variant) == 0)
			break;
		fprintf(stderr, "brochure: --variant takes report or "
		    "handout, not \"%s\"\n", optarg);
		return -1;
	case OPT_FORMAT:
		if (parse_format(optarg, &o->format) == 0)
			break;
		fprintf(stderr, "brochure: --format takes table, csv or "
		    "json, not \"%s\"\n", optarg);
		return -1;
	case OPT_HELP: help(); return 1;
	case OPT_VERSION: puts("brochure " BROCHURE_VERSION); return 1;
	default: return -1;
	}
	return 0;
}

static int
parse_command(const char *word, struct options *o)
{
	if (strcmp(word, "build") == 0)
		o->command = CMD_BUILD;
	else if (strcmp(word, "check") == 0)
		o->command = CMD_CHECK;
	else if (strcmp(word, "stats") == 0)
		o->command = CMD_STATS;
	else if (strcmp(word, "batch") == 0)
		o->command = CMD_BATCH;
	else
		return -1;
	return 0;
}

/*
 * The command comes first, then options and the report in any order.
 * Without a command only --help and --version make sense.
 */
static int
parse_args(int argc, char *argv[], struct options *o)
{
	int	 c, r;

	if (argc > 1 && parse_command(argv[1], o) == 0)
		optind = 2;
	else if (argc > 1 && argv[1][0] != '-') {
		fprintf(stderr, "brochure: unknown command \"%s\"\n", argv[1]);
		return -1;
	}
	while ((c = getopt_long(argc, argv, "s:l:o:j:v", long_options,
	    NULL)) != -1)
		if ((r = parse_option(c, o)) != 0)
			return r;
	if (optind == 1 || optind != argc - 1) {
		fprintf(stderr, "brochure: give a command and exactly one "
		    "REPORT.xml\n");
		return -1;
	}
	if (o->pdfa && o->print) {
		fprintf(stderr, "brochure: --pdfa and --print cannot be "
		    "combined: PDF/A here means sRGB, print means CMYK; "
		    "build one of each\n");
		return -1;
	}
	o->report = argv[optind];
	return 0;
}

static void
build_free(struct build *b)
{
	layout_free(b->layout);
	hyph_free(b->hyph);
	if (b->fonts != NULL)
		fonts_free(b->fonts);
	if (b->locale != NULL)
		locale_free(b->locale);
	if (b->style != NULL)
		style_free(b->style);
	if (b->doc != NULL)
		model_free(b->doc);
	if (b->loaded != NULL)
		load_free(b->loaded);
	free(b->datadir);
	free(b->hyphdir);
	free(b->fontdir);
}

/*
 * What typeset read and render does not: the layout owns copies of every
 * string it keeps, so the model (the largest of them), the style and the
 * locale go before the PDF is written, where the peak is.
 */
static void
free_typeset_inputs(struct build *b)
{
	locale_free(b->locale);
	b->locale = NULL;
	style_free(b->style);
	b->style = NULL;
	model_free(b->doc);
	b->doc = NULL;
}

/* load, model, check, stats: everything before layout. */
static int
read_report(struct build *b, const struct options *o)
{
	struct model_options	 mo = { o->lang, o->region, o->variant };
	char			*dir;

	if ((b->loaded = load_file(o->report, SCHEMA_REPORT)) == NULL)
		return -1;
	if ((b->doc = model_read(b->loaded, &mo)) == NULL)
		return -1;
	load_free(b->loaded);		/* the model holds its own copies */
	b->loaded = NULL;
	dir = xasprintf("%s/styles/locales", b->datadir);
	b->locale = locale_load(dir, b->doc->lang);
	free(dir);
	if (b->locale == NULL)
		return -1;
	check_document(b->doc);
	stats_compute(b->doc);
	if (b->doc->lang_fallbacks > 0)
		diag_warning(NULL, "%d text(s) had no \"%s\" version and "
		    "were taken from \"%s\"", b->doc->lang_fallbacks,
		    b->doc->lang, b->doc->report_lang);
	return diag_errors() > 0 ? -1 : 0;
}

static void
print_stats(const struct typeset_stats *st)
{
	printf("pages %d\nlines %d\nhyphenated lines %d\n"
	    "worst adjustment ratio %.2f\noverfull lines %d\nwidows %d\n"
	    "orphans %d\n", st->pages, st->lines, st->hyphenated,
	    st->worst_ratio, st->overfull, st->widows, st->orphans);
}

/* style, typeset, render. */
/* style and typeset: everything a build does before it writes. */
static int
lay_out(struct build *b, const struct options *o)
{
	struct typeset_stats	 st;
	char			*path;

	path = style_path(b->datadir, o->style ? o->style : DEFAULT_STYLE);
	b->style = style_read(path);
	free(path);
	if (b->style == NULL || diag_errors() > 0)
		return -1;
	memset(&st, 0, sizeof(st));
	if (locale_hyphenation(b->locale) != NULL &&
	    (b->hyph = hyph_open(b->hyphdir, locale_hyphenation(b->locale),
	    b->style->hyphen_left_min, b->style->hyphen_right_min,
	    locale_hyphenation_pos(b->locale))) != NULL) {
		path = xasprintf("%s/styles/hyphenation/%s.txt", b->datadir,
		    locale_lang(b->locale));
		hyph_load_exceptions(b->hyph, path);
		free(path);
	}
	if ((b->fonts = fonts_new()) == NULL)
		return -1;
	path = xasprintf("%s/fonts", b->datadir);
	fonts_prefer_prepared(b->fonts, path, b->fontdir);
	free(path);
	b->layout = typeset(b->doc, b->style, b->locale, b->fonts, b->hyph,
	    &st);
	hyph_free(b->hyph);	/* the patterns (12 MB for German) and memo */
	b->hyph = NULL;		/* are not needed to write */
	b->pdf = (struct pdf_options){ o->pdfa, o->print,
	    b->style->print_bleed, b->style->print_marks };
	free_typeset_inputs(b);
	if (b->layout == NULL || diag_errors() > 0)
		return -1;
	if (o->stats)
		print_stats(&st);
	return 0;
}

/* The PDF, or the dump. */
static int
write_brochure(struct build *b, const struct options *o)
{
	char			*out;
	int			 rc;

	if (o->dump)
		return render_text(b->layout, b->fonts, stdout);
	out = o->out ? xstrdup(o->out) : default_output(o->report);
	rc = render_pdf_free(b->layout, b->fonts, out, &b->pdf);
	b->layout = NULL;
	free(out);
	return rc;
}

/* One build, check or stats run; returns the exit status. */
static int
run(const struct options *o)
{
	struct build	 b;
	int		 rc;

	memset(&b, 0, sizeof(b));
	find_data(&b);
	rc = read_report(&b, o);
	if (rc == 0 && o->command == CMD_STATS)
		rc = stats_print(b.doc, b.locale, o->format, stdout);
	else if (rc == 0)
		rc = lay_out(&b, o);
	if (rc == 0 && o->command == CMD_BUILD)
		rc = write_brochure(&b, o);
	build_free(&b);
	return rc == 0 && diag_errors() == 0 ? 0 : 1;
}

/* A batch child's build: the batch's options, one region and language. */
static int
build_job(const struct batch_job *job, void *arg)
{
	struct options	o = *(const struct options *)arg;

	o.command = CMD_BUILD;
	o.lang = job->lang;
	o.region = job->region;
	o.out = job->out;
	return run(&o);
}

/* -l and --region serve as --langs and --regions; -o names the folder. */
static int
batch(struct options *o)
{
	if (o->dump) {
		fprintf(stderr, "brochure: batch writes PDFs; --dump is for "
		    "build\n");
		return 2;
	}
	o->batch.report = o->report;
	o->batch.dir = o->out;
	if (o->batch.langs == NULL)
		o->batch.langs = o->lang;
	if (o->batch.regions == NULL)
		o->batch.regions = o->region;
	if (!o->variant_given)
		o->variant = VARIANT_HANDOUT;
	return batch_run(&o->batch, build_job, o);
}

int
main(int argc, char *argv[])
{
	struct options	 o;
	int		 rc;

	memset(&o, 0, sizeof(o));
	if ((rc = parse_args(argc, argv, &o)) != 0) {
		if (rc < 0)
			usage(stderr);
		return rc < 0 ? 2 : 0;
	}
	rc = o.command == CMD_BATCH ? batch(&o) : run(&o);
	load_cleanup();
	xmlCleanupParser();
	return rc;
}
