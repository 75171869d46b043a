/*
 * hyph_compile: turns a libhyphen pattern file into the flat image that
 * hyph.c reads at run time.  The patterns are converted to UTF-8 first
 * (Debian's German, Czech and Polish files are ISO-8859), loaded by
 * libhyphen itself, and its automaton written out as it is, in
 * libhyphen's own structures with their pointers set for the address
 * the image asks to be mapped at (see hyph_image.h).
 * Run by build/hyphc at make time; never at build time of a brochure.
 *
 * This part must never hyphenate: it only writes what libhyphen built.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "hyph.h"
#include "hyph_image.h"

/* The pattern file with its first line set to UTF-8 and text converted. */
static char *
to_utf8(const char *text, size_t len, size_t *outlen)
{
	const char	*nl = memchr(text, '\n', len);
	char		 cset[64], *out, *in, *o;
	size_t		 inleft, outleft, clen;
	iconv_t		 cd;

	if (nl == NULL || (clen = (size_t)(nl - text)) >= sizeof(cset))
		return NULL;
	memcpy(cset, text, clen);
	cset[clen] = '\0';
	if (clen > 0 && cset[clen - 1] == '\r')
		cset[clen - 1] = '\0';
	if ((cd = iconv_open("UTF-8", cset)) == (iconv_t)-1)
		return NULL;
	inleft = len - clen - 1;
	outleft = inleft * 4 + 16;
	out = xmalloc(outleft + 8);
	memcpy(out, "UTF-8\n", 6);
	in = (char *)nl + 1, o = out + 6;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*outlen = (size_t)(o - out);
	return out;
}

static size_t
nohyphen_len(const HyphenDict *d)
{
	size_t	len = 0;
	int	i;

	if (d->nohyphen == NULL)
		return 0;
	for (i = 0; i <= d->nohyphenl; i++)
		len += strlen(d->nohyphen + len) + 1;
	return len;
}

/* Zero bytes up to the next multiple of HYB_ALIGN from the image start. */
static void
pad(struct strbuf *img)
{
	static const char	zero[HYB_ALIGN];

	strbuf_append(img, zero, (HYB_ALIGN - img->len % HYB_ALIGN) %
	    HYB_ALIGN);
}

/* Where the image's pointers assume it: a slot picked by its file name,
 * so that the languages of one run do not ask for the same place. */
static uint64_t
image_base(const char *out_path)
{
	const char	*base = strrchr(out_path, '/');

	base = base ? base + 1 : out_path;
	return HYB_BASE_FIRST + hash_bytes(base, strlen(base)) %
	    HYB_BASE_SLOTS * HYB_BASE_STEP;
}

/* base + at as a pointer of the image (NULL for no string: -1). */
static void *
at_base(uint64_t base, int64_t at)
{
	return at < 0 ? NULL : (void *)(uintptr_t)(base + (uint64_t)at);
}

static int64_t
add_string(struct strbuf *strings, const char *s)
{
	int64_t	at = (int64_t)strings->len;

	if (s == NULL)
		return -1;
	strbuf_append(strings, s, strlen(s) + 1);
	return at;
}

/* A state's transitions, without the heap's padding bytes. */
static void
append_trans(struct strbuf *img, const HyphenState *st)
{
	HyphenTrans	t;
	int		i;

	for (i = 0; i < st->num_trans; i++) {
		memset(&t, 0, sizeof(t));
		t.ch = st->trans[i].ch;
		t.new_state = st->trans[i].new_state;
		strbuf_append(img, (const char *)&t, sizeof(t));
	}
}

/* One level appended to img, its pointers for an image at base; the
 * level after it (if any) starts at the aligned end, and last says so. */
static void
write_dict(struct strbuf *img, const HyphenDict *d, uint64_t base, int last)
{
	HyphenDict	 hd;
	HyphenState	*st = xcalloc((size_t)d->num_states, sizeof(*st));
	struct strbuf	 strings = { NULL, 0, 0 };
	size_t		 ntrans = 0, nohyph = nohyphen_len(d), i;
	int64_t		 at_states = (int64_t)(img->len + sizeof(hd)), at_trans,
			 at_strings, *match, *repl;

	match = xcalloc((size_t)d->num_states, sizeof(*match));
	repl = xcalloc((size_t)d->num_states, sizeof(*repl));
	for (i = 0; i < (size_t)d->num_states; i++) {
		match[i] = add_string(&strings, d->states[i].match);
		repl[i] = add_string(&strings, d->states[i].repl);
		ntrans += (size_t)d->states[i].num_trans;
	}
	at_trans = at_states + (int64_t)(sizeof(*st) * (size_t)d->num_states);
	at_strings = at_trans + (int64_t)(sizeof(HyphenTrans) * ntrans);
	for (ntrans = 0, i = 0; i < (size_t)d->num_states; i++) {
		st[i].replindex = d->states[i].replindex;
		st[i].replcut = d->states[i].replcut;
		st[i].fallback_state = d->states[i].fallback_state;
		st[i].num_trans = d->states[i].num_trans;
		st[i].match = at_base(base, match[i] < 0 ? -1 :
		    at_strings + match[i]);
		st[i].repl = at_base(base, repl[i] < 0 ? -1 :
		    at_strings + repl[i]);
		st[i].trans = st[i].num_trans ? at_base(base, at_trans +
		    (int64_t)(sizeof(HyphenTrans) * ntrans)) : NULL;
		ntrans += (size_t)d->states[i].num_trans;
	}
	memset(&hd, 0, sizeof(hd));	/* no padding bytes from the heap */
	hd.lhmin = d->lhmin, hd.rhmin = d->rhmin;
	hd.clhmin = d->clhmin, hd.crhmin = d->crhmin;
	hd.nohyphenl = d->nohyphenl;
	hd.num_states = d->num_states;
	hd.utf8 = d->utf8;
	memcpy(hd.cset, d->cset, sizeof(hd.cset));
	hd.states = at_base(base, at_states);
	hd.nohyphen = nohyph ? at_base(base, at_strings +
	    (int64_t)strings.len) : NULL;
	hd.nextlevel = last ? NULL : at_base(base, (at_strings +
	    (int64_t)(strings.len + nohyph) + HYB_ALIGN - 1) /
	    HYB_ALIGN * HYB_ALIGN);
	strbuf_append(img, (const char *)&hd, sizeof(hd));
	strbuf_append(img, (const char *)st, sizeof(*st) *
	    (size_t)d->num_states);
	for (i = 0; i < (size_t)d->num_states; i++)
		append_trans(img, &d->states[i]);
	strbuf_append(img, strings.data, strings.len);
	strbuf_append(img, d->nohyphen, nohyph);
	pad(img);
	strbuf_free(&strings);
	free(st);
	free(match);
	free(repl);
}

static int
write_image(const char *out_path, const HyphenDict *dict)
{
	struct hyb_header	 h;
	struct strbuf		 img = { NULL, 0, 0 };
	const HyphenDict	*d;
	FILE			*f;
	int			 ok;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, HYPH_MAGIC, sizeof(h.magic));
	h.sizes = HYB_SIZES;
	h.base = image_base(out_path);
	for (d = dict; d != NULL; d = d->nextlevel)
		h.ndicts++;
	strbuf_append(&img, (const char *)&h, sizeof(h));
	pad(&img);
	for (d = dict; d != NULL; d = d->nextlevel)
		write_dict(&img, d, h.base, d->nextlevel == NULL);
	h.len = img.len;
	memcpy(img.data, &h, sizeof(h));
	if ((f = fopen(out_path, "wb")) == NULL) {
		strbuf_free(&img);
		return -1;
	}
	ok = fwrite(img.data, 1, img.len, f) == img.len;
	strbuf_free(&img);
	return fclose(f) == 0 && ok ? 0 : -1;
}

int
hyph_compile(const char *dic_path, const char *out_path)
{
	char		*raw, *utf, tmp[] = "/tmp/hyphc.XXXXXX";
	size_t		 len, ulen;
	HyphenDict	*dict = NULL;
	int		 fd, rc = -1;

	if ((raw = file_read(dic_path, &len)) == NULL) {
		fprintf(stderr, "hyphc: %s: %s\n", dic_path, strerror(errno));
		return -1;
	}
	utf = to_utf8(raw, len, &ulen);
	free(raw);
	if (utf == NULL) {
		fprintf(stderr, "hyphc: %s: cannot convert to UTF-8\n",
		    dic_path);
		return -1;
	}
	if ((fd = mkstemp(tmp)) >= 0 && write(fd, utf, ulen) == (ssize_t)ulen &&
	    close(fd) == 0 && (dict = hnj_hyphen_load(tmp)) != NULL)
		rc = write_image(out_path, dict);
	if (rc != 0)
		fprintf(stderr, "hyphc: %s: cannot compile into %s\n",
		    dic_path, out_path);
	if (dict != NULL)
		hnj_hyphen_free(dict);
	unlink(tmp);
	free(utf);
	return rc;
}
