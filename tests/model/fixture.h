/*
 * fixture.h: what the unit tests of model, check and stats share.
 * Included by tests/unit/test_{model,check,stats}.c only.
 *
 * A fixture file (tests/model/full.xml, the demo report) is read by
 * load_file() like any report: validated, XIncludes resolved by load.  A
 * fixture string is parsed without validation (check's tests need trees
 * the schema would reject) into a struct load_result filled by hand;
 * load_pos() gives the positions in both cases.  Diagnostics printed
 * meanwhile can be captured to compare their words.
 * Include it after <cmocka.h>; run the tests from the top folder.
 */
#ifndef BROCHURE_TEST_FIXTURE_H
#define BROCHURE_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "diag.h"
#include "load.h"
#include "model.h"

#define FIXTURE_FULL	"tests/model/full.xml"
#define FIXTURE_DEMO	"input/kreativland-2024/report.xml"
#define FIXTURE_PARSE	(XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* A report file, or NULL when it is not there.  Free with load_free(). */
static inline struct load_result *
fixture_file(const char *path)
{
	if (access(path, R_OK) != 0)
		return NULL;
	return load_file(path, SCHEMA_REPORT);
}

/*
 * A report in a string, as if read from the file "mem.xml", not
 * validated.  Free with fixture_string_free().
 */
static inline struct load_result *
fixture_string(const char *xml)
{
	struct load_result	*lr;
	xmlDocPtr		 doc;

	doc = xmlReadMemory(xml, (int)strlen(xml), "mem.xml", NULL,
	    FIXTURE_PARSE);
	if (doc == NULL)
		return NULL;
	lr = xcalloc(1, sizeof(*lr));
	lr->doc = doc;
	lr->arena = arena_new();
	lr->file = arena_strdup(lr->arena, "mem.xml");
	return lr;
}

static inline void
fixture_string_free(struct load_result *lr)
{
	if (lr == NULL)
		return;
	xmlFreeDoc(lr->doc);
	arena_free(lr->arena);
	free(lr);
}

/* The group teardown: what load and libxml2 keep until the end. */
static inline int
fixture_teardown(void **state)
{
	(void)state;
	load_cleanup();
	xmlCleanupParser();
	return 0;
}

/* Reads a fixture file and builds the document in one step. */
static inline struct document *
fixture_model(struct load_result **lr, const char *path, const char *lang,
    const char *region, enum variant variant)
{
	struct model_options	 o = { lang, region, variant };

	*lr = fixture_file(path);
	return *lr != NULL ? model_read(*lr, &o) : NULL;
}

/* full.xml; fails the test when it cannot be read. */
static inline struct document *
fixture_full(struct load_result **lr, const char *lang, const char *region,
    enum variant variant)
{
	struct document	*doc;

	doc = fixture_model(lr, FIXTURE_FULL, lang, region, variant);
	if (doc == NULL)
		fail_msg("cannot read %s: run the tests from the top folder",
		    FIXTURE_FULL);
	return doc;
}

/* --- capturing standard error --- */

static int	capture_saved = -1;
static char	capture_path[] = "/tmp/brochure-test-XXXXXX";

static inline void
capture_begin(void)
{
	int	 fd;

	fflush(stderr);
	strcpy(capture_path + strlen(capture_path) - 6, "XXXXXX");
	if ((fd = mkstemp(capture_path)) < 0)
		return;
	capture_saved = dup(2);
	dup2(fd, 2);
	close(fd);
}

/* What was printed since capture_begin(); free() it. */
static inline char *
capture_end(void)
{
	FILE	*f;
	char	*text;
	long	 len;

	fflush(stderr);
	if (capture_saved < 0)
		return xstrdup("");
	dup2(capture_saved, 2);
	close(capture_saved);
	capture_saved = -1;
	f = fopen(capture_path, "r");
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = xcalloc(1, (size_t)len + 1);
	if (fread(text, 1, (size_t)len, f) != (size_t)len)
		text[0] = '\0';
	fclose(f);
	unlink(capture_path);
	return text;
}

#endif /* BROCHURE_TEST_FIXTURE_H */
