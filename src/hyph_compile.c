/*
 * hyph_compile: turns a libhyphen pattern file into the flat image that
 * hyph.c reads at run time.  The patterns are converted to UTF-8 first
 * (Debian's German, Czech and Polish files are ISO-8859), loaded by
 * libhyphen itself, and its automaton written out as it is: states with
 * their match and replacement strings, transitions, the NOHYPHEN list.
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

/* Zero bytes up to the next multiple of HYB_ALIGN from the file start. */
static int
pad(FILE *f)
{
	static const char	zero[HYB_ALIGN];
	long			at = ftell(f);

	if (at < 0)
		return -1;
	at = (HYB_ALIGN - at % HYB_ALIGN) % HYB_ALIGN;
	return fwrite(zero, 1, (size_t)at, f) == (size_t)at ? 0 : -1;
}

static int32_t
add_string(struct strbuf *strings, const char *s)
{
	int32_t	at = (int32_t)strings->len;

	if (s == NULL)
		return -1;
	strbuf_append(strings, s, strlen(s) + 1);
	return at;
}

static int
write_dict(FILE *f, const HyphenDict *d)
{
	struct hyb_dict		 hd;
	struct hyb_state	*st;
	struct strbuf		 strings = { NULL, 0, 0 };
	int32_t			 ntrans = 0;
	int			 i, ok;

	st = xcalloc((size_t)d->num_states, sizeof(*st));
	for (i = 0; i < d->num_states; i++) {
		st[i].match = add_string(&strings, d->states[i].match);
		st[i].repl = add_string(&strings, d->states[i].repl);
		st[i].replindex = d->states[i].replindex;
		st[i].replcut = d->states[i].replcut;
		st[i].fallback_state = d->states[i].fallback_state;
		st[i].num_trans = d->states[i].num_trans;
		st[i].first_trans = ntrans;
		ntrans += d->states[i].num_trans;
	}
	memset(&hd, 0, sizeof(hd));
	hd.lhmin = d->lhmin, hd.rhmin = d->rhmin;
	hd.clhmin = d->clhmin, hd.crhmin = d->crhmin;
	hd.nohyphenl = d->nohyphenl;
	hd.num_states = d->num_states;
	hd.utf8 = d->utf8;
	hd.nohyphen_len = (uint32_t)nohyphen_len(d);
	hd.ntrans = (uint32_t)ntrans;
	hd.nstrings = (uint32_t)strings.len;
	memcpy(hd.cset, d->cset, sizeof(hd.cset));
	ok = fwrite(&hd, sizeof(hd), 1, f) == 1 &&
	    fwrite(st, sizeof(*st), (size_t)d->num_states, f) ==
	    (size_t)d->num_states;
	for (i = 0; ok && i < d->num_states; i++)
		ok = fwrite(d->states[i].trans, sizeof(HyphenTrans),
		    (size_t)d->states[i].num_trans, f) ==
		    (size_t)d->states[i].num_trans;
	if (ok && strings.len > 0)
		ok = fwrite(strings.data, 1, strings.len, f) == strings.len;
	if (ok && hd.nohyphen_len > 0)
		ok = fwrite(d->nohyphen, 1, hd.nohyphen_len, f) ==
		    hd.nohyphen_len;
	if (ok)
		ok = pad(f) == 0;
	strbuf_free(&strings);
	free(st);
	return ok ? 0 : -1;
}

static int
write_image(const char *out_path, const HyphenDict *dict)
{
	struct hyb_header	 h;
	const HyphenDict	*d;
	FILE			*f;
	int			 ok;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, HYPH_MAGIC, sizeof(h.magic));
	h.sizes = HYB_SIZES;
	for (d = dict; d != NULL; d = d->nextlevel)
		h.ndicts++;
	if ((f = fopen(out_path, "wb")) == NULL)
		return -1;
	ok = fwrite(&h, sizeof(h), 1, f) == 1;
	for (d = dict; ok && d != NULL; d = d->nextlevel)
		ok = write_dict(f, d) == 0;
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
