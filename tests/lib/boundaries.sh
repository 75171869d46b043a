# Module boundaries (README "Module map"): only font.c and the PDF
# device's files (pdf_*.c, pdf_int.h) include libharu; only load, model, style and locale see libxml2; the
# layout stages never include either.
boundary_hpdf() {
	! grep -l '#include <hpdf' src/*.c src/*.h |
	    grep -v -e '^src/font\.c$' -e '^src/pdf_[a-z_]*\.[ch]$' -e '^src/font_pdf\.h$'
}
boundary_xml() {
	! grep -l '#include <libxml' src/*.c src/*.h |
	    grep -v -e '^src/load[a-z_]*\.[ch]$' -e '^src/model\.c$' -e '^src/style\.c$' \
	        -e '^src/locale\.c$' -e '^src/main\.c$'
}
boundary_font_pdf() {
	! grep -l '#include "font_pdf.h"' src/*.c |
	    grep -v -e '^src/font\.c$' -e '^src/pdf_[a-z_]*\.c$'
}
boundary_harfbuzz() {
	! grep -l '#include <hb' src/*.c src/*.h | grep -v -e '^src/font\.c$'
}
boundary_deflate() {
	! grep -l '#include <libdeflate' src/*.c src/*.h |
	    grep -v -e '^src/pdf_flate\.c$'
}
# The heap's own interface (mimalloc's or glibc's): util.c alone.
boundary_heap() {
	! grep -l -e '#include <mimalloc' -e '#include <malloc.h>' src/*.c \
	    src/*.h | grep -v -e '^src/util\.c$'
}
boundary_hyphen() {
	! grep -l '#include <hyphen.h>' src/*.c src/*.h | grep -v -e '^src/hyph[a-z_]*\.[ch]$'
}
# One thread besides the main one: pdf_flate.c's, which sees no libharu.
boundary_threads() {
	! grep -l '#include <pthread' src/*.c src/*.h |
	    grep -v -e '^src/pdf_flate\.c$' &&
	! grep -l -e '#include <hpdf' -e '#include "pdf_int.h"' \
	    -e '#include "font_pdf.h"' src/pdf_flate.c src/pdf_flate.h
}
run_boundaries() {
	check "boundary: only font.c includes HarfBuzz" boundary_harfbuzz
	check "boundary: only hyph*.c include libhyphen" boundary_hyphen
	check "boundary: only pdf_flate.c includes libdeflate" boundary_deflate
	check "boundary: only util.c includes the heap's header" boundary_heap
	check "boundary: only font.c and the PDF device include hpdf.h" boundary_hpdf
	check "boundary: only load, model, style, locale include libxml2" boundary_xml
	check "boundary: only font.c and the PDF device include font_pdf.h" boundary_font_pdf
	check "boundary: only pdf_flate.c starts a thread, without libharu" \
	    boundary_threads
}
