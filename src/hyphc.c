/*
 * hyphc: the make-time tool that compiles a libhyphen pattern file into
 * the image hyph.c reads (see hyph.h).
 *   hyphc /usr/share/hyphen/hyph_de_DE.dic build/hyph/hyph_de_DE.hyb
 * This program must never be needed at run time.
 */
#include <stdio.h>

#include "hyph.h"

int
main(int argc, char *argv[])
{
	if (argc != 3) {
		fputs("usage: hyphc PATTERNS.dic OUT.hyb\n", stderr);
		return 2;
	}
	return hyph_compile(argv[1], argv[2]) == 0 ? 0 : 1;
}
