/*
 * batch: builds one report for every pair of region and language
 * (brochure batch), a few builds at a time, each in a child process of
 * its own so that builds cannot disturb one another.  Writes
 * DIR/<report>-<region>-<lang>.pdf.
 *
 * A child runs the same build as `brochure build` through the function
 * main gives; its diagnostics are captured and printed by the parent, a
 * file at a time, so the output of parallel builds never interleaves.
 *
 * This module must never set or render anything itself: it only plans
 * the builds, runs them and reports how they went.
 */
#ifndef BROCHURE_BATCH_H
#define BROCHURE_BATCH_H

/* One build of a batch: what the child is asked to make. */
struct batch_job {
	const char	*region;	/* as the entries' region attribute */
	const char	*lang;
	const char	*out;		/* the PDF to write */
};

/*
 * Builds one job in the calling process (a child of the batch) and
 * returns its exit status (0 built, 1 errors, 3 out of memory).
 */
typedef int	(*batch_build_fn)(const struct batch_job *, void *arg);

struct batch_options {
	const char	*report;
	const char	*langs;		/* "de,en"; NULL: the report's own */
	const char	*regions;	/* "all", NULL (the same) or "R1,R2" */
	const char	*dir;		/* NULL: the current folder */
	const char	*jobs;		/* builds at once; NULL: online cores */
	int		 verbose;	/* progress and every diagnostic */
};

/*
 * Runs every build of the batch, at most o->jobs at a time, and prints a
 * progress line per finished file when standard error is a terminal (or
 * verbose), then a summary of the files with warnings or errors; a
 * failed build's diagnostics are printed in full.  Every build is run
 * even when some fail.  Returns 0 when all were built, 1 when any
 * failed or the report cannot be read, 2 for a bad option value.
 */
int	batch_run(const struct batch_options *, batch_build_fn, void *arg);

/*
 * The name a region takes in file names: lower-case ASCII letters and
 * digits, a letter with a diacritic as its base letter (ö as o, ß as ss),
 * any run of other characters as one '-'; "region" when nothing is left.
 * The caller frees it.
 */
char	*batch_slug(const char *region);

/*
 * The report's name in file names: the folder's name for a file called
 * report.xml (input/kreativland-2024/report.xml gives kreativland-2024),
 * else the file's name without .xml.  The caller frees it.
 */
char	*batch_report_name(const char *report);

#endif /* BROCHURE_BATCH_H */
