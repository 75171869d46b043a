/*
 * batch: builds one report for every pair of region and language, a few
 * at a time, each build in a child process (fork) that runs the function
 * main gives it, the same build as `brochure build`.
 *
 * The parent reads the report once to learn its regions and language,
 * plans the builds, starts at most max_jobs children, and waits for any
 * of them (waitpid).  A child's standard output and error go to a
 * temporary file of its own, and its warning and error counts come back
 * through a pipe, so parallel builds never interleave their output: the
 * parent prints each child's diagnostics after it ends.
 *
 * This module must never set or render anything itself, and never leave
 * a child behind: every child started is waited for.
 */
#define _XOPEN_SOURCE	700	/* realpath */

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch.h"
#include "diag.h"
#include "load.h"
#include "locale.h"
#include "model.h"
#include "util.h"

#define BATCH_MAX_JOBS		256	/* builds at once, at most */
#define BATCH_ALL_REGIONS	"all"
#define BATCH_REPORT_FILE	"report.xml"	/* named after its folder */

/* One build and how it went. */
struct task {
	struct batch_job job;
	const char	*slug;		/* the region's, in file names */
	pid_t		 pid;		/* 0 before it starts */
	FILE		*log;		/* the child's stdout and stderr */
	int		 counts_fd;	/* read end of the counts pipe */
	struct strbuf	 text;		/* what the child printed */
	int		 status;	/* exit status; 1 if it never ran */
	int		 warnings, errors;
	int		 done;
};

struct batch {
	const struct batch_options *opt;
	batch_build_fn	 build;
	void		*arg;
	struct arena	*arena;		/* owns names, lists and tasks */
	const char	**regions;	/* the report's, sorted, distinct */
	size_t		 nregions;
	const char	*report_lang;
	struct task	*tasks;
	size_t		 ntasks, finished, running;
	size_t		 skipped;	/* files of regions not built */
	long		 max_jobs;
	int		 progress;	/* a line per finished file */
};

static int	parse_jobs(struct batch *);
static int	read_regions(struct batch *);
static int	plan(struct batch *);
static int	make_dir(const char *);
static void	run_all(struct batch *);
static void	start(struct batch *, struct task *);
static void	child(struct batch *, struct task *, int counts_fd);
static void	reap(struct batch *);
static void	finish(struct batch *, struct task *, int wstatus);
static int	summary(const struct batch *);

/* --- names --- */

char *
batch_slug(const char *region)
{
	struct strbuf	 b = { NULL, 0, 0 };
	size_t		 len = strlen(region), k;
	uint32_t	 cp;
	char		 base[3];
	int		 dash = 0;

	while (len > 0) {
		if ((k = utf8_decode(region, len, &cp)) == 0)
			k = 1;
		region += k, len -= k;
		cp = unicode_lower(cp);
		if (cp < 0x80 && isalnum((int)cp))
			base[0] = (char)cp, base[1] = '\0';
		else if (locale_base_letters(cp, base) == 0) {
			dash = b.len > 0;
			continue;
		}
		if (dash)
			strbuf_putc(&b, '-');
		dash = 0;
		strbuf_puts(&b, base);
	}
	if (b.len == 0)
		return xstrdup("region");
	return b.data;
}

/* The last component of path[0..end), without trailing slashes. */
static char *
last_component(const char *path, size_t end)
{
	size_t	start;

	while (end > 1 && path[end - 1] == '/')
		end--;
	for (start = end; start > 0 && path[start - 1] != '/'; start--)
		continue;
	return xstrndup(path + start, end - start);
}

char *
batch_report_name(const char *report)
{
	char	*base, *abs, *name;
	size_t	 len;

	base = last_component(report, strlen(report));
	len = strlen(base);
	if (strcmp(base, BATCH_REPORT_FILE) == 0 &&
	    (abs = realpath(report, NULL)) != NULL) {
		name = last_component(abs, strrchr(abs, '/') - abs);
		free(abs);
		if (name[0] != '\0') {
			free(base);
			return name;
		}
		free(name);
	}
	if (len > 4 && strcmp(base + len - 4, ".xml") == 0)
		base[len - 4] = '\0';
	return base;
}

/* --- planning --- */

static int
parse_jobs(struct batch *b)
{
	const char	*s = b->opt->jobs;
	char		*end;

	if (s == NULL) {
		b->max_jobs = sysconf(_SC_NPROCESSORS_ONLN);
		if (b->max_jobs < 1)
			b->max_jobs = 1;
		return 0;
	}
	errno = 0;
	b->max_jobs = strtol(s, &end, 10);
	if (errno == 0 && end != s && *end == '\0' && b->max_jobs >= 1 &&
	    b->max_jobs <= BATCH_MAX_JOBS)
		return 0;
	fprintf(stderr, "brochure: -j takes a number of builds from 1 to %d, "
	    "not \"%s\"\n", BATCH_MAX_JOBS, s);
	return -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct regions of the document's entries, sorted, NULL-ended. */
static void
collect_regions(struct batch *b, const struct document *doc)
{
	const struct entry	*e;
	size_t			 i, n = 0;

	b->regions = arena_alloc(b->arena, (doc->nentries + 1) *
	    sizeof(*b->regions));
	for (e = doc->entries; e != NULL; e = e->next)
		if (e->region != NULL)
			b->regions[n++] = arena_strdup(b->arena, e->region);
	qsort(b->regions, n, sizeof(*b->regions), cmp_str);
	for (i = 0; i < n; i++)
		if (b->nregions == 0 ||
		    strcmp(b->regions[b->nregions - 1], b->regions[i]) != 0)
			b->regions[b->nregions++] = b->regions[i];
	b->regions[b->nregions] = NULL;
}

/* The report's regions and language; -1 when it cannot be read. */
static int
read_regions(struct batch *b)
{
	struct model_options	 mo = { NULL, NULL, VARIANT_REPORT };
	struct load_result	*lr;
	struct document		*doc = NULL;

	if ((lr = load_file(b->opt->report, SCHEMA_REPORT)) != NULL)
		doc = model_read(lr, &mo);
	if (doc != NULL && diag_errors() == 0) {
		collect_regions(b, doc);
		b->report_lang = arena_strdup(b->arena, doc->report_lang);
	}
	model_free(doc);
	if (lr != NULL)
		load_free(lr);
	return b->report_lang != NULL ? 0 : -1;
}

/* The distinct words of a comma-separated list, NULL-terminated. */
static const char **
split(struct batch *b, const char *list)
{
	const char	**v;
	size_t		  n = 0, len, i;

	v = arena_alloc(b->arena, (strlen(list) + 2) * sizeof(*v));
	while (*list != '\0') {
		len = strcspn(list, ",");
		for (i = 0; i < n; i++)
			if (strncmp(v[i], list, len) == 0 &&
			    v[i][len] == '\0')
				break;
		if (len > 0 && i == n)
			v[n++] = arena_strndup(b->arena, list, len);
		list += len + (list[len] == ',');
	}
	return v;
}

static int
has_region(const struct batch *b, const char *region)
{
	return bsearch(&region, b->regions, b->nregions, sizeof(*b->regions),
	    cmp_str) != NULL;
}

static void
add_task(struct batch *b, const char *region, const char *slug,
    const char *lang, const char *name)
{
	struct task	*t = &b->tasks[b->ntasks++];

	t->slug = slug;
	t->job.region = region;
	t->job.lang = lang;
	t->job.out = arena_printf(b->arena, "%s/%s-%s-%s.pdf",
	    b->opt->dir != NULL ? b->opt->dir : ".", name, slug, lang);
	t->counts_fd = -1;
	t->status = 1;
}

/*
 * Whether region can be built: the report has it, and no region before
 * it in the batch writes the same file names.  Says why not, once.
 */
static int
region_ok(struct batch *b, const char *region, const char *slug)
{
	struct strbuf	 list = { NULL, 0, 0 };
	size_t		 i;

	for (i = 0; i < b->ntasks; i++)
		if (strcmp(b->tasks[i].job.region, region) != 0 &&
		    strcmp(b->tasks[i].slug, slug) == 0) {
			diag_error(NULL, "regions \"%s\" and \"%s\" would "
			    "both write files named …-%s-…: rename one",
			    b->tasks[i].job.region, region, slug);
			return 0;
		}
	if (has_region(b, region))
		return 1;
	for (i = 0; i < b->nregions; i++)
		strbuf_printf(&list, "%s\"%s\"", i > 0 ? ", " : "",
		    b->regions[i]);
	diag_error(NULL, "%s has no entries of region \"%s\": its regions "
	    "are %s", b->opt->report, region, list.len > 0 ? list.data :
	    "none (no entry has a region attribute)");
	strbuf_free(&list);
	return 0;
}

/* The NULL-terminated list's length. */
static size_t
count(const char **v)
{
	size_t	n = 0;

	while (v[n] != NULL)
		n++;
	return n;
}

/* Every pair of region and language, region by region. */
static int
plan(struct batch *b)
{
	const char	**langs, **regions, **r, **l;
	const char	 *which = b->opt->regions;
	char		 *name, *slug, *tmp;

	langs = split(b, b->opt->langs != NULL ? b->opt->langs :
	    b->report_lang);
	regions = which == NULL || strcmp(which, BATCH_ALL_REGIONS) == 0 ?
	    b->regions : split(b, which);
	b->tasks = arena_alloc(b->arena, (count(regions) * count(langs) +
	    1) * sizeof(*b->tasks));
	name = batch_report_name(b->opt->report);
	for (r = regions; *r != NULL; r++) {
		slug = batch_slug(*r);
		slug = arena_strdup(b->arena, tmp = slug);
		free(tmp);
		if (!region_ok(b, *r, slug)) {
			b->skipped += count(langs);
			continue;
		}
		for (l = langs; *l != NULL; l++)
			add_task(b, *r, slug, *l, name);
	}
	free(name);
	if (b->ntasks + b->skipped > 0)
		return 0;
	diag_error(NULL, "nothing to build: %s", *langs == NULL ? "--langs "
	    "names no language" : "no entry of the report has a region");
	return -1;
}

/* mkdir -p: every folder of path that is not there yet. */
static int
make_dir(const char *path)
{
	char	*p = xstrdup(*path != '\0' ? path : "."), *s = p;
	int	 rc = 0, last;

	do {
		s += strspn(s, "/");
		s += strcspn(s, "/");
		last = *s == '\0';
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST) {
			diag_error(NULL, "cannot create the folder %s: %s: "
			    "check the path and its permissions", p,
			    strerror(errno));
			rc = -1;
		}
		if (!last)
			*s = '/';
	} while (rc == 0 && !last);
	free(p);
	return rc;
}

/* --- running --- */

static void
run_all(struct batch *b)
{
	size_t	next = 0;

	while (b->finished < b->ntasks) {
		while (b->running < (size_t)b->max_jobs && next < b->ntasks)
			start(b, &b->tasks[next++]);
		if (b->running > 0)
			reap(b);
	}
}

static void
start(struct batch *b, struct task *t)
{
	int	fds[2];

	if (t->done)
		return;
	if ((t->log = tmpfile()) == NULL || pipe(fds) == -1) {
		strbuf_printf(&t->text, "brochure: error: cannot start the "
		    "build: %s\n", strerror(errno));
		finish(b, t, -1);
		return;
	}
	fflush(NULL);
	if ((t->pid = fork()) == 0) {
		close(fds[0]);
		child(b, t, fds[1]);
	}
	close(fds[1]);
	t->counts_fd = fds[0];
	if (t->pid == -1) {
		strbuf_printf(&t->text, "brochure: error: cannot start the "
		    "build: %s\n", strerror(errno));
		finish(b, t, -1);
		return;
	}
	b->running++;
}

/* The child: one build, its output into the log; never returns. */
static void
child(struct batch *b, struct task *t, int counts_fd)
{
	int	counts[2], rc;

	if (dup2(fileno(t->log), STDOUT_FILENO) == -1 ||
	    dup2(fileno(t->log), STDERR_FILENO) == -1)
		_exit(1);
	diag_reset();
	rc = b->build(&t->job, b->arg);
	counts[0] = diag_warnings();
	counts[1] = diag_errors();
	if (write(counts_fd, counts, sizeof(counts)) != sizeof(counts))
		rc = rc != 0 ? rc : 1;
	fflush(NULL);
	_exit(rc);
}

static void
reap(struct batch *b)
{
	struct task	*t;
	pid_t		 pid;
	int		 wstatus;

	while ((pid = waitpid(-1, &wstatus, 0)) == -1 && errno == EINTR)
		continue;
	for (t = b->tasks; t < b->tasks + b->ntasks; t++)
		if (pid > 0 && t->pid == pid && !t->done) {
			b->running--;
			finish(b, t, wstatus);
			return;
		}
	if (pid == -1)		/* no child left: cannot happen */
		b->running = 0;
}

/* What the child printed, into t->text. */
static void
read_log(struct task *t)
{
	char	buf[BUFSIZ];
	size_t	n;

	if (t->log == NULL)
		return;
	rewind(t->log);
	while ((n = fread(buf, 1, sizeof(buf), t->log)) > 0)
		strbuf_append(&t->text, buf, n);
	fclose(t->log);
	t->log = NULL;
}

static void
print_progress(const struct batch *b, const struct task *t)
{
	fprintf(stderr, "[%zu/%zu] %s", b->finished, b->ntasks, t->job.out);
	if (t->status != 0)
		fputs(": failed", stderr);
	else if (t->warnings > 0)
		fprintf(stderr, " (%d warning%s)", t->warnings,
		    t->warnings == 1 ? "" : "s");
	fputc('\n', stderr);
	if (b->opt->verbose && t->text.len > 0)
		fputs(t->text.data, stderr);
}

/* wstatus from waitpid, or -1 when the child never ran. */
static void
finish(struct batch *b, struct task *t, int wstatus)
{
	int	counts[2] = { 0, 0 };

	read_log(t);
	if (t->counts_fd != -1) {
		if (read(t->counts_fd, counts, sizeof(counts)) !=
		    sizeof(counts))
			counts[1] = 1;
		close(t->counts_fd);
		t->counts_fd = -1;
	}
	t->warnings = counts[0], t->errors = counts[1];
	if (wstatus != -1 && WIFEXITED(wstatus))
		t->status = WEXITSTATUS(wstatus);
	else if (wstatus != -1 && WIFSIGNALED(wstatus))
		strbuf_printf(&t->text, "brochure: error: the build was "
		    "killed by signal %d\n", WTERMSIG(wstatus));
	t->done = 1;
	b->finished++;
	if (b->progress)
		print_progress(b, t);
}

/* --- the end --- */

/*
 * A line for each file with warnings or errors, a failed build's
 * diagnostics first; then, when anything failed, the count.  Returns the
 * batch's exit status: the worst of its builds'.
 */
static int
summary(const struct batch *b)
{
	const struct task	*t;
	size_t			 failed = b->skipped;
	int			 rc = b->skipped > 0;

	for (t = b->tasks; t < b->tasks + b->ntasks; t++) {
		if (t->status != 0) {
			failed++, rc = t->status > rc ? t->status : rc;
			if (!b->opt->verbose && t->text.data != NULL)
				fputs(t->text.data, stderr);
			fprintf(stderr, "%s: failed, %d error%s\n", t->job.out,
			    t->errors, t->errors == 1 ? "" : "s");
		} else if (t->warnings > 0)
			fprintf(stderr, "%s: %d warning%s\n", t->job.out,
			    t->warnings, t->warnings == 1 ? "" : "s");
	}
	if (failed > 0 || b->progress)
		fprintf(stderr, "brochure: %zu of %zu files built, %zu "
		    "failed\n", b->ntasks + b->skipped - failed,
		    b->ntasks + b->skipped, failed);
	return rc;
}

static void
batch_free(struct batch *b)
{
	size_t	i;

	for (i = 0; i < b->ntasks; i++)
		strbuf_free(&b->tasks[i].text);
	arena_free(b->arena);
}

int
batch_run(const struct batch_options *o, batch_build_fn build, void *arg)
{
	struct batch	b;
	int		rc = 1;

	memset(&b, 0, sizeof(b));
	b.opt = o, b.build = build, b.arg = arg;
	if (parse_jobs(&b) == -1)
		return 2;
	b.arena = arena_new();
	b.progress = o->verbose || isatty(STDERR_FILENO);
	if (read_regions(&b) == 0 &&
	    make_dir(o->dir != NULL ? o->dir : ".") == 0 && plan(&b) == 0) {
		run_all(&b);
		rc = summary(&b);
	}
	batch_free(&b);
	return rc;
}
