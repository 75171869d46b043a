/*
 * Unit tests of load: a valid report, positions in included files and
 * beyond line 65535, and every way a file is refused (DOCTYPE, entities,
 * XInclude of missing, outside and cyclic files, limits, schema errors)
 * with the diagnostic it must print.  Fixtures are in tests/load/; big
 * and odd files are written to a temporary folder.  Run from the top
 * folder.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "load.h"
#include "util.h"

#define FIX	"tests/load/"
#define BIG	70000		/* [lines] beyond the 16-bit line counter */

static char	 tmpdir[] = "/tmp/brochure-load-XXXXXX";
static int	 saved_stderr = -1;
static char	 captured[256];	/* file that receives stderr */

/* --- helpers --- */

static void
capture_begin(void)
{
	int	 fd;

	fflush(stderr);
	snprintf(captured, sizeof(captured), "%s/stderr", tmpdir);
	fd = open(captured, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	saved_stderr = dup(2);
	dup2(fd, 2);
	close(fd);
}

/* What was printed on stderr since capture_begin(); free() it. */
static char *
capture_end(void)
{
	FILE	*f;
	char	*buf;
	long	 len;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	f = fopen(captured, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)len + 1);
	buf[fread(buf, 1, (size_t)len, f)] = '\0';
	fclose(f);
	return buf;
}

/* Load path, which must fail, and return what it printed. */
static char *
refused(const char *path)
{
	struct load_result	*r;

	capture_begin();
	r = load_file(path, SCHEMA_REPORT);
	load_free(r);
	assert_null(r);
	return capture_end();
}

/* Refused, printing exactly one line that starts with want. */
static void
assert_refused(const char *path, const char *want)
{
	char	*err = refused(path);

	if (strncmp(err, want, strlen(want)) != 0 ||
	    strchr(err, '\n') != err + strlen(err) - 1)
		fail_msg("%s: want one line starting\n  %s\ngot\n  %s", path,
		    want, err);
	free(err);
}

static int
count_lines(const char *s)
{
	int	 n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static char *
write_tmp(const char *name, const char *text)
{
	char	*path = tmp_path(name);
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* The first element called name in document order, or NULL. */
static xmlNodePtr
find(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 c, hit;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, BAD_CAST name))
			return n;
		for (c = n->children; c != NULL; c = c->next)
			if ((hit = find(c, name)) != NULL)
				return hit;
	}
	return NULL;
}

static void
assert_pos(const struct load_result *r, xmlNodePtr n, const char *file,
    long line)
{
	struct srcpos	 pos;

	assert_non_null(n);
	pos = load_pos(r, n);
	assert_string_equal(pos.file, file);
	assert_int_equal(pos.line, line);
}

static const char head[] = "<?xml version=\"1.0\"?>\n"
    "<report version=\"1\" xml:lang=\"de\" "
    "xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
    "<meta><title>T</title></meta>\n";

/* --- a valid report --- */

static void
loads_valid(void **state)
{
	struct load_result	*r;
	char			*err;

	(void)state;
	capture_begin();
	r = load_file(FIX "valid.xml", SCHEMA_REPORT);
	err = capture_end();
	assert_non_null(r);
	assert_string_equal(err, "");
	assert_string_equal(r->file, FIX "valid.xml");
	assert_string_equal((const char *)xmlDocGetRootElement(r->doc)->name,
	    "report");
	assert_pos(r, xmlDocGetRootElement(r->doc), FIX "valid.xml", 3);
	assert_pos(r, find(r->doc->children, "chart"), FIX "valid.xml", 49);
	load_free(r);
	free(err);
}

static void
loads_twice(void **state)
{
	struct load_result	*a, *b;

	(void)state;
	a = load_file(FIX "valid.xml", SCHEMA_REPORT);
	b = load_file(FIX "include.xml", SCHEMA_REPORT);
	assert_non_null(a);
	assert_non_null(b);
	load_free(a);
	load_free(b);
}

/* --- XInclude --- */

static void
include_positions(void **state)
{
	struct load_result	*r;
	xmlNodePtr		 entry;

	(void)state;
	r = load_file(FIX "include.xml", SCHEMA_REPORT);
	assert_non_null(r);
	entry = find(r->doc->children, "entry");
	assert_pos(r, find(r->doc->children, "meta"), FIX "include.xml", 4);
	assert_pos(r, find(r->doc->children, "entries"),
	    FIX "include/entries.xml", 3);
	assert_pos(r, entry, FIX "include/entries.xml", 6);
	assert_pos(r, (xmlNodePtr)xmlHasProp(entry, BAD_CAST "since"),
	    FIX "include/entries.xml", 6);
	assert_pos(r, find(entry, "partner")->next->next,
	    FIX "include/entries.xml", 9);
	assert_pos(r, find(r->doc->children, "body"), FIX "include.xml", 6);
	/* xml:lang of an included node is still the XML namespace. */
	assert_non_null(xmlHasNsProp(find(entry, "title"), BAD_CAST "lang",
	    XML_XML_NAMESPACE));
	load_free(r);
}

static void
include_missing(void **state)
{
	(void)state;
	assert_refused(FIX "include-missing.xml", FIX "include-missing.xml:5: "
	    "error: cannot include " FIX "nope.xml: No such file");
}

static void
include_outside(void **state)
{
	(void)state;
	assert_refused(FIX "outside/report.xml", FIX "outside/report.xml:5: "
	    "error: cannot include " FIX "outside/../include/entries.xml: it "
	    "lies outside the folder " FIX "outside:");
}

static void
include_symlink_outside(void **state)
{
	char	*dir, *out, *link, *main, *want;

	(void)state;
	dir = tmp_path("in");
	assert_int_equal(mkdir(dir, 0700), 0);
	out = write_tmp("out.xml", "<entries/>\n");
	link = tmp_path("in/link.xml");
	assert_int_equal(symlink(out, link), 0);
	main = write_tmp("in/report.xml", "<report version=\"1\" "
	    "xml:lang=\"de\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
	    "<meta><title>T</title></meta>\n<xi:include href=\"link.xml\"/>\n"
	    "<body><section><title>T</title></section></body></report>\n");
	want = xasprintf("%s:3: error: cannot include %s: it lies outside",
	    main, link);
	assert_refused(main, want);
	unlink(main);
	unlink(link);
	unlink(out);
	rmdir(dir);
	free(dir), free(out), free(link), free(main), free(want);
}

static void
include_cycle(void **state)
{
	(void)state;
	assert_refused(FIX "cycle-a.xml", FIX "cycle-b.xml:4: error: XInclude "
	    "cycle: " FIX "cycle-a.xml includes " FIX "cycle-b.xml includes "
	    FIX "cycle-a.xml: remove one");
}

static void
include_unsupported(void **state)
{
	char	*path, *err;

	(void)state;
	path = write_tmp("kinds.xml", "<report version=\"1\" xml:lang=\"de\" "
	    "xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
	    "<xi:include href=\"a.xml\" parse=\"text\"/>\n"
	    "<xi:include href=\"a.xml\" xpointer=\"x\"/>\n"
	    "<xi:include href=\"http://example.org/a.xml\"/>\n"
	    "</report>\n");
	err = refused(path);
	assert_non_null(strstr(err, ":2: error: xi:include: parse=\"text\" "
	    "is not supported"));
	assert_non_null(strstr(err, ":3: error: xi:include: the attribute "
	    "xpointer is not supported"));
	assert_non_null(strstr(err, ":4: error: xi:include "
	    "href=\"http://example.org/a.xml\" is not a file path"));
	unlink(path);
	free(path);
	free(err);
}

/* --- hostile XML --- */

static void
doctype_rejected(void **state)
{
	(void)state;
	assert_refused(FIX "doctype.xml", FIX "doctype.xml:2: error: a "
	    "DOCTYPE is not allowed");
}

static void
external_entity_rejected(void **state)
{
	char	*err;

	(void)state;
	err = refused(FIX "entity.xml");
	assert_null(strstr(err, "root:"));
	assert_string_equal(err, FIX "entity.xml:2: error: a DOCTYPE is not "
	    "allowed: remove it; the vocabulary needs no DTD, and entities "
	    "are not supported (write characters in UTF-8 or as &#NNNN;)\n");
	free(err);
}

static void
bomb_rejected_fast(void **state)
{
	clock_t	 start = clock();

	(void)state;
	assert_refused(FIX "bomb.xml", FIX "bomb.xml:2: error: a DOCTYPE is "
	    "not allowed");
	assert_true(clock() - start < CLOCKS_PER_SEC / 10);
}

static void
malformed_rejected(void **state)
{
	char	*path, *want;

	(void)state;
	path = write_tmp("bad.xml", "<report>\n<meta><title>a</b>"
	    "</meta></report>\n");
	want = xasprintf("%s:2: error: Opening and ending tag mismatch: "
	    "title line 2 and b: close elements", path);
	assert_refused(path, want);
	unlink(path);
	free(path);
	free(want);
}

static void
bad_utf8_rejected(void **state)
{
	char	*path, *want;

	(void)state;
	path = write_tmp("utf.xml", "<report version=\"1\" xml:lang=\"de\">\n"
	    "<meta><title>Gr\xfc\xdf" "e</title></meta></report>\n");
	want = xasprintf("%s:2: error: Input is not proper UTF-8, indicate "
	    "encoding ! Bytes: 0xFC 0xDF", path);
	assert_refused(path, want);
	unlink(path);
	free(path);
	free(want);
}

static void
empty_rejected(void **state)
{
	char	*path, *want;

	(void)state;
	path = write_tmp("empty.xml", "");
	want = xasprintf("%s: error: the file is empty", path);
	assert_refused(path, want);
	unlink(path);
	free(path);
	free(want);
}

static void
huge_file_rejected(void **state)
{
	char	*path, *want;
	int	 fd;

	(void)state;
	path = tmp_path("huge.xml");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 64L * 1024 * 1024 + 1), 0);
	close(fd);
	want = xasprintf("%s: error: the file has 67108865 bytes, more than "
	    "the limit of 67108864", path);
	assert_refused(path, want);
	unlink(path);
	free(path);
	free(want);
}

/*
 * Nesting beyond our limit, and beyond libxml2's own, which stops the
 * parse at the 258th level: <em> number k stands on line 4 + k at level
 * 4 + k.
 */
static void
deep_nesting_rejected(void **state)
{
	struct strbuf	 b = { NULL, 0, 0 };
	char		*path, *want;
	int		 i, levels[] = { 200, 300 };
	size_t		 k;

	(void)state;
	for (k = 0; k < 2; k++) {
		b.len = 0;
		strbuf_printf(&b, "%s<body><section><title>T</title>\n<p>",
		    head);
		for (i = 0; i < levels[k]; i++)
			strbuf_puts(&b, "<em>\n");
		for (i = 0; i < levels[k]; i++)
			strbuf_puts(&b, "</em>");
		strbuf_puts(&b, "</p></section></body></report>\n");
		path = write_tmp("deep.xml", b.data);
		want = xasprintf("%s:%d: error: elements are nested more than "
		    "128 deep here", path, k == 0 ? 129 : 258);
		assert_refused(path, want);
		unlink(path);
		free(path);
		free(want);
	}
	strbuf_free(&b);
}

/* --- schema --- */

static void
schema_violation_line(void **state)
{
	(void)state;
	assert_refused(FIX "invalid.xml", FIX "invalid.xml:8: error: element "
	    "<para> is not allowed in <section>; <section> may hold: title, p, "
	    "list, pull-quote, chart, figure, entry-list, section (schema: "
	    "Did not expect element para there)");
}

static void
schema_violation_included(void **state)
{
	(void)state;
	assert_refused(FIX "include-invalid.xml", FIX "include/invalid.xml:5: "
	    "error: submarket=\"gaming\" is not a valid value on <partner>: "
	    "use one of music, books, art, film, broadcasting, "
	    "performing-arts, design, architecture, press, advertising, "
	    "software-games, other");
}

static void
schema_missing_parts(void **state)
{
	char	*path, *err;

	(void)state;
	path = write_tmp("parts.xml", "<report version=\"1\">\n"
	    "<meta>\n<date>2024-13</date></meta>\n"
	    "<body><section><title>T</title>\n"
	    "<figure src=\"a.png\"><caption>c</caption></figure>\n"
	    "</section></body></report>\n");
	err = refused(path);
	assert_non_null(strstr(err, ":1: error: <report> lacks the required "
	    "attribute xml:lang"));
	free(err);
	free(write_tmp("parts.xml", "<report version=\"1\" xml:lang=\"de\">\n"
	    "<meta>\n<date>2024-13</date></meta>\n"
	    "<body><section><title>T</title>\n"
	    "<figure src=\"a.png\"><caption>c</caption></figure>\n"
	    "</section></body></report>\n"));
	err = refused(path);
	assert_non_null(strstr(err, ":3: error: <meta> lacks the required "
	    "<title> before <date>"));
	assert_non_null(strstr(err, ":5: error: <figure> lacks the required "
	    "<alt>"));
	assert_int_equal(count_lines(err), 2);	/* and no noise */
	unlink(path);
	free(path);
	free(err);
}

static void
schema_attribute_values(void **state)
{
	char	*path, *err;

	(void)state;
	path = write_tmp("attrs.xml", "<report version=\"2\" xml:lang=\"de\">\n"
	    "<meta><title>T</title></meta>\n<entries>\n"
	    "<entry id=\"e\"><title>E</title>\n"
	    "<partner role=\"sme\" submarket=\"music\">P</partner>\n"
	    "<partner role=\"big\">Q</partner>\n"
	    "</entry></entries>\n"
	    "<body><section><title>T</title>\n"
	    "<chart><bar value=\"120\">B</bar></chart>\n"
	    "<pull-quote ref=\"q\" bogus=\"1\"/>\n"
	    "</section></body></report>\n");
	err = refused(path);
	assert_non_null(strstr(err, ":1: error: version=\"2\" is not a valid "
	    "value on <report>: use one of 1 (schema: "));
	assert_non_null(strstr(err, ":5: error: submarket=\"music\" is not "
	    "valid on <partner> here"));
	assert_non_null(strstr(err, ":6: error: role=\"big\" is not a valid "
	    "value on <partner>: use one of sme, creative (schema: "));
	assert_non_null(strstr(err, ":9: error: the attributes of <bar> do not "
	    "fit together or have wrong values; check: value=\"120\" (must "
	    "be a percentage from 0 to 100"));
	assert_non_null(strstr(err, ":10: error: <pull-quote> has no attribute "
	    "bogus; it takes: id, only, ref (schema: "));
	assert_int_equal(count_lines(err), 5);
	unlink(path);
	free(path);
	free(err);
}

/* --- line numbers beyond 65535 --- */

static char *
big_text(const char *before, const char *late)
{
	struct strbuf	 b = { NULL, 0, 0 };
	int		 i;

	strbuf_puts(&b, before);
	for (i = 0; i < BIG; i++)
		strbuf_putc(&b, '\n');
	strbuf_puts(&b, late);
	return b.data;
}

static void
big_lines(void **state)
{
	struct load_result	*r;
	char			*text, *path, *want;

	(void)state;
	/* Lines 1-3 are head, 4 opens body, then BIG newlines. */
	text = big_text(head, "<body><section><title>T</title>"
	    "<para/></section></body></report>\n");
	path = write_tmp("big.xml", text);
	want = xasprintf("%s:%d: error: element <para> is not allowed in "
	    "<section>", path, 4 + BIG);
	assert_refused(path, want);
	unlink(path);
	free(text), free(want), free(path);

	text = big_text("<entries>", "<entry id=\"late\"><title>L</title>"
	    "<partner role=\"sme\">P</partner></entry></entries>\n");
	free(write_tmp("part.xml", text));
	path = write_tmp("main.xml", "<report version=\"1\" xml:lang=\"de\" "
	    "xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
	    "<meta><title>T</title></meta>\n<xi:include href=\"part.xml\"/>\n"
	    "<body><section><title>T</title></section></body></report>\n");
	r = load_file(path, SCHEMA_REPORT);
	assert_non_null(r);
	want = tmp_path("part.xml");
	assert_pos(r, find(r->doc->children, "entry"), want, 1 + BIG);
	assert_pos(r, find(r->doc->children, "partner"), want, 1 + BIG);
	assert_pos(r, find(r->doc->children, "body"), path, 4);
	load_free(r);
	unlink(want);
	unlink(path);
	free(text), free(want), free(path);
}

/* --- set-up --- */

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(captured);
	rmdir(tmpdir);
	load_cleanup();
	xmlCleanupParser();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_valid),
		cmocka_unit_test(loads_twice),
		cmocka_unit_test(include_positions),
		cmocka_unit_test(include_missing),
		cmocka_unit_test(include_outside),
		cmocka_unit_test(include_symlink_outside),
		cmocka_unit_test(include_cycle),
		cmocka_unit_test(include_unsupported),
		cmocka_unit_test(doctype_rejected),
		cmocka_unit_test(external_entity_rejected),
		cmocka_unit_test(bomb_rejected_fast),
		cmocka_unit_test(malformed_rejected),
		cmocka_unit_test(bad_utf8_rejected),
		cmocka_unit_test(empty_rejected),
		cmocka_unit_test(huge_file_rejected),
		cmocka_unit_test(deep_nesting_rejected),
		cmocka_unit_test(schema_violation_line),
		cmocka_unit_test(schema_violation_included),
		cmocka_unit_test(schema_missing_parts),
		cmocka_unit_test(schema_attribute_values),
		cmocka_unit_test(big_lines),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
