/*
 * Unit tests of batch: the names in file names (region slugs, the
 * report's name) and batch_run() with a stand-in build that writes a
 * small file per job, fails for one language and dies by a signal for
 * another, over examples/handout (three regions).  Run from the top
 * folder.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "batch.h"
#include "diag.h"
#include "util.h"

#define EXAMPLE	"examples/handout/report.xml"

static void
slug_is(const char *region, const char *want)
{
	char	*got = batch_slug(region);

	assert_string_equal(got, want);
	free(got);
}

static void
test_slug(void **state)
{
	(void)state;
	slug_is("Erzgebirge", "erzgebirge");
	slug_is("Böhmerwald", "bohmerwald");
	slug_is("Krušné hory", "krusne-hory");
	slug_is("Łużyce", "luzyce");
	slug_is("Straße / Weg", "strasse-weg");
	slug_is("  Oberes  Vogtland ", "oberes-vogtland");
	slug_is(" – ", "region");
}

static void
name_is(const char *report, const char *want)
{
	char	*got = batch_report_name(report);

	assert_string_equal(got, want);
	free(got);
}

static void
test_report_name(void **state)
{
	(void)state;
	name_is(EXAMPLE, "handout");
	name_is("input/kreativland-2024/report.xml", "kreativland-2024");
	name_is("tests/golden/charts/ring.xml", "ring");
	name_is("jahresbericht.xml", "jahresbericht");
	name_is("no/such/folder/report.xml", "report");
}

/* The stand-in build: xx fails, yy dies, the rest write a file. */
static int
fake_build(const struct batch_job *job, void *arg)
{
	FILE	*f;

	(void)arg;
	if (strcmp(job->lang, "yy") == 0)
		raise(SIGKILL);
	if (strcmp(job->lang, "xx") == 0) {
		diag_error(NULL, "no locale for %s", job->lang);
		return 1;
	}
	if ((f = fopen(job->out, "w")) == NULL)
		return 1;
	fprintf(f, "%s %s\n", job->region, job->lang);
	fclose(f);
	return 0;
}

static char *
out_file(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static int
exists(const char *dir, const char *name)
{
	char	*p = out_file(dir, name);
	int	 ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

static void
test_run_all(void **state)
{
	char			 dir[] = "/tmp/brochure-batch-XXXXXX";
	struct batch_options	 o = { EXAMPLE, "de,en", NULL, NULL, "2", 0 };

	(void)state;
	assert_non_null(mkdtemp(dir));
	o.dir = dir;
	assert_int_equal(batch_run(&o, fake_build, NULL), 0);
	assert_true(exists(dir, "handout-altmark-de.pdf"));
	assert_true(exists(dir, "handout-fichtelgebirge-en.pdf"));
	assert_true(exists(dir, "handout-harz-en.pdf"));
	o.regions = "Harz,,Harz", o.langs = "xx,de,yy,de";
	o.dir = out_file(dir, "sub/folder");
	assert_int_equal(batch_run(&o, fake_build, NULL), 1);
	assert_true(exists(o.dir, "handout-harz-de.pdf"));
	assert_false(exists(o.dir, "handout-harz-xx.pdf"));
	o.langs = "de", o.regions = "Harz,Nirgendwo", o.jobs = "1";
	assert_int_equal(batch_run(&o, fake_build, NULL), 1);
	free((char *)o.dir);
	diag_reset();
}

static void
test_bad_jobs(void **state)
{
	struct batch_options	 o = { EXAMPLE, "de", NULL, "/nonexistent/x",
				    "0", 0 };

	(void)state;
	assert_int_equal(batch_run(&o, fake_build, NULL), 2);
	o.jobs = "2x";
	assert_int_equal(batch_run(&o, fake_build, NULL), 2);
	o.jobs = "100000";
	assert_int_equal(batch_run(&o, fake_build, NULL), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_report_name),
		cmocka_unit_test(test_run_all),
		cmocka_unit_test(test_bad_jobs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
