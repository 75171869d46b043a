/*
 * What libdeflate makes of some bytes at a level, for streams.py to
 * compare a page's content stream with:
 *
 *     redeflate LEVEL <inflated >compressed
 *
 * Reads all of standard input and writes one zlib stream, as
 * libdeflate_zlib_compress() gives it; exit status 1 on any failure.
 */
#include <stdio.h>
#include <stdlib.h>

#include <libdeflate.h>

int
main(int argc, char *argv[])
{
	struct libdeflate_compressor	*c;
	unsigned char			*in = NULL, *out, *grown;
	size_t				 len = 0, cap = 0, n, zlen;

	if (argc != 2 || (c = libdeflate_alloc_compressor(atoi(argv[1]))) ==
	    NULL)
		return 1;
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if ((grown = realloc(in, cap)) == NULL)
				return 1;
			in = grown;
		}
		n = fread(in + len, 1, cap - len, stdin);
		len += n;
	} while (n > 0);
	zlen = libdeflate_zlib_compress_bound(c, len);
	if (ferror(stdin) || (out = malloc(zlen)) == NULL ||
	    (zlen = libdeflate_zlib_compress(c, in, len, out, zlen)) == 0 ||
	    fwrite(out, 1, zlen, stdout) != zlen)
		return 1;
	free(out);
	free(in);
	libdeflate_free_compressor(c);
	return fflush(stdout) == 0 ? 0 : 1;
}
