# brochure: sets an XML dataset into a designed PDF brochure.
#
#   make            build build/brochure
#   make demo       install missing packages (as root), build, write out/*.pdf
#   make check      the same set-up, then every test
#   make install    PREFIX=/usr/local DESTDIR=...
#
# A plain Makefile, no configure: we target Debian 12.  libhpdf-dev ships
# no pkg-config file, so libharu is linked by name.

# the build folder (build-asan for the sanitizer build)
B	?= build
PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
DATADIR	 = $(PREFIX)/share/brochure
MANDIR	 = $(PREFIX)/share/man

CC	?= cc
PKGS	 = libxml-2.0 libpng zlib harfbuzz libdeflate
OPT	?= -O2 -g
CFLAGS	+= $(OPT) -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror
# pdf_flate.c compresses page contents on a second thread
CFLAGS	+= -pthread
CPPFLAGS += -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# The heap: mimalloc in place of glibc's malloc for the whole process
# (brochure, libharu and libxml2 make millions of small blocks: 5 to 9 %
# of a build, tests/bench/README.md, eighth round).  HEAP=libc builds
# with glibc's; the sanitizer and fuzz builds do, as they bring their own.
HEAP	?= mimalloc
HEAP_CPPFLAGS_mimalloc = -DHEAP_MIMALLOC
HEAP_LIBS_mimalloc = -lmimalloc
CPPFLAGS += $(HEAP_CPPFLAGS_$(HEAP))
LDLIBS	+= $(HEAP_LIBS_$(HEAP)) -lhpdf -lhyphen \
	   $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

# The Debian packages a build, the demo and the tests need.
DEB_PACKAGES = gcc make pkg-config libhpdf-dev libharfbuzz-dev libxml2-dev libpng-dev \
	zlib1g-dev libdeflate-dev libmimalloc-dev libhyphen-dev hyphen-de hyphen-en-us hyphen-cs hyphen-pl wngerman \
	libcmocka-dev poppler-utils qpdf libxml2-utils valgrind python3 \
	python3-fonttools \
	icc-profiles-free \
	clang-14 libclang-rt-14-dev

# --- objects, grouped by pipeline stage ---

# foundation: allocation, diagnostics
OBJS_BASE   = $(B)/util.o $(B)/diag.o
# load: XML and the compiled-in schemas
OBJS_LOAD   = $(B)/load.o $(B)/load_include.o $(B)/load_explain.o $(B)/schemas.o
# model, check, stats: the document as structs, judged and counted
OBJS_MODEL  = $(B)/model.o $(B)/model_walk.o $(B)/check.o $(B)/stats.o
# style and locale: how it looks, which words it uses
OBJS_STYLE  = $(B)/style.o $(B)/locale.o
# hyph: hyphenation points from compiled libhyphen patterns
OBJS_HYPH   = $(B)/hyph.o $(B)/hyph_except.o $(B)/hyph_compile.o
# font, text, para, typeset, layout: from words to pages
OBJS_SET    = $(B)/font.o $(B)/text.o $(B)/text_cache.o $(B)/para.o \
	      $(B)/typeset.o $(B)/typeset_dest.o $(B)/typeset_inline.o \
	      $(B)/typeset_vline.o $(B)/typeset_block.o $(B)/typeset_chart.o \
	      $(B)/typeset_entry.o $(B)/typeset_front.o \
	      $(B)/typeset_tags.o $(B)/layout.o
# render: the devices (only pdf_device.o draws with libharu)
OBJS_RENDER = $(B)/render.o $(B)/pdf_device.o $(B)/pdf_image.o \
	      $(B)/pdf_meta.o $(B)/pdf_print.o $(B)/pdf_tags.o $(B)/pdf_annots.o \
	      $(B)/pdf_pack.o $(B)/pdf_contents.o $(B)/pdf_flate.o \
	      $(B)/text_device.o

# batch: every region and language, each build in a child process
OBJS_BATCH  = $(B)/batch.o

LIB_OBJS = $(OBJS_BASE) $(OBJS_LOAD) $(OBJS_MODEL) $(OBJS_STYLE) \
	   $(OBJS_HYPH) $(OBJS_SET) $(OBJS_RENDER) $(OBJS_BATCH)
OBJS	 = $(LIB_OBJS) $(B)/main.o

SCHEMAS	 = src/schema/report.rng src/schema/style.rng src/schema/locale.rng

# Debian's pattern files, compiled once into images hyph.c reads fast.
HYPH_DIR    = /usr/share/hyphen
HYPH_IMAGES = $(B)/hyph/hyph_de_DE.hyb $(B)/hyph/hyph_en_US.hyb \
	      $(B)/hyph/hyph_cs_CZ.hyb $(B)/hyph/hyph_pl_PL.hyb

# The shipped fonts, prepared for embedding (fonts/prepare.py, fonts/README.md):
# only the characters the reports, styles and locales need, renamed as the
# licences ask.  Debian's python3, which has python3-fonttools.
PYTHON	    = /usr/bin/python3
FONT_TEXTS  = $(wildcard styles/*.xml styles/locales/*.xml)
FONTS	    = $(patsubst fonts/%,$(B)/fonts/%,$(wildcard fonts/*.ttf))

all: $(B)/brochure $(HYPH_IMAGES) $(FONTS)

$(B)/brochure: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(B)/%.o: src/%.c | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DDATADIR='"$(DATADIR)"' -MMD -MP -c -o $@ $<

# PDF/A's output intent: Debian's sRGB profile (package icc-profiles-free).
ICC_PROFILE ?= /usr/share/color/icc/sRGB.icc
$(B)/pdf_meta.o: CPPFLAGS += -DICC_PROFILE='"$(ICC_PROFILE)"'

# The schemas are compiled into the binary as NUL-terminated strings.
$(B)/schemas.c: $(SCHEMAS) | $(B)
	@for f in $(SCHEMAS); do \
	  n=$$(basename $$f .rng); \
	  printf 'const char schema_%s[] = {\n' "$$n"; \
	  od -An -v -tx1 $$f | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  printf '0x00 };\n'; \
	done > $@

$(B)/schemas.o: $(B)/schemas.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(B):
	mkdir -p $(B)

$(B)/hyphc: $(B)/hyphc.o $(B)/hyph_compile.o $(B)/util.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(HEAP_LIBS_$(HEAP)) -lhyphen

$(B)/hyph/%.hyb: $(HYPH_DIR)/%.dic $(B)/hyphc
	@mkdir -p $(B)/hyph
	./$(B)/hyphc $< $@

$(B)/fonts/%.ttf: fonts/%.ttf fonts/prepare.py $(FONT_TEXTS)
	@mkdir -p $(B)/fonts
	$(PYTHON) fonts/prepare.py $< $@ $(FONT_TEXTS)

-include $(wildcard $(B)/*.d)

# --- set-up: the Debian packages ---

deps:
	@sh tests/deps.sh $(DEB_PACKAGES)

# --- the demo ---

DEMO_PDF = out/kreativland-2024.pdf

demo: deps all
	@mkdir -p out
	./build/brochure build input/kreativland-2024/report.xml \
	    -s styles/brochure-a4.xml -o $(DEMO_PDF)
	@echo "wrote $(DEMO_PDF)"

# --- tests ---

UNIT_TESTS = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))

$(B)/tests/%: tests/unit/%.c $(LIB_OBJS) | $(B)
	@mkdir -p $(B)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS) -lcmocka

# test_hyph reads the build's pattern images, test_font its prepared fonts
unit: $(UNIT_TESTS) $(HYPH_IMAGES) $(FONTS)
	@sh tests/run-unit.sh $(UNIT_TESTS)

check: deps all $(UNIT_TESTS)
	@sh tests/run-all.sh
	@echo "--- the demo under valgrind"
	@$(MAKE) -s valgrind
	@echo "--- the unit, golden and bad-input tests under ASan and UBSan"
	@$(MAKE) -s asan

# The unit and golden tests again under AddressSanitizer and UBSan.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=all
asan: all
	$(MAKE) B=build-asan HEAP=libc OPT="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" \
	    build-asan/brochure $(patsubst build/%,build-asan/%,$(UNIT_TESTS))
	@ln -sfn ../build/hyph build-asan/hyph
	@ln -sfn ../build/fonts build-asan/fonts
	@BROCHURE=build-asan/brochure UNITS=build-asan/tests BAD_TIMEOUT=60 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    sh tests/run-all.sh unit golden bad fuzz

# The demo build under valgrind, and two inputs refused deep inside (a
# damaged PNG, a damaged font): any memory error or leak of any kind
# fails, except the libraries' own blocks listed in tests/valgrind.supp.
VALGRIND = valgrind -q --leak-check=full --show-leak-kinds=all \
	   --errors-for-leak-kinds=all --suppressions=tests/valgrind.supp \
	   --error-exitcode=9
valgrind: all
	$(VALGRIND) ./build/brochure build input/kreativland-2024/report.xml \
	    -o /tmp/brochure-valgrind.pdf
	$(VALGRIND) ./build/brochure check tests/golden/notes/overflow.xml
	$(VALGRIND) --log-fd=9 ./build/brochure check \
	    tests/bad/image-truncated-png.xml 9>&2 2>/dev/null; test $$? -eq 1
	$(VALGRIND) --log-fd=9 ./build/brochure check \
	    tests/bad/font-truncated.xml -s tests/bad/fonts/truncated.xml \
	    9>&2 2>/dev/null; test $$? -eq 1
	@rm -f /tmp/brochure-valgrind.pdf
	@echo "valgrind: no errors, no leaks"

# make fuzz: the libFuzzer target, built with clang into build-fuzz/.
include tests/fuzz/fuzz.mk

# make bench: brochure against the raw libharu floor, timed (tests/bench/).
include tests/bench/bench.mk

# Regenerate golden dumps: shows each difference and asks.
regen: all
	@sh tests/regen.sh

# --- install ---

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/styles/locales \
	    $(DESTDIR)$(DATADIR)/styles/hyphenation \
	    $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/schema \
	    $(DESTDIR)$(DATADIR)/hyph \
	    $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/brochure $(DESTDIR)$(BINDIR)/brochure
	install -m 644 styles/*.xml $(DESTDIR)$(DATADIR)/styles/
	install -m 644 styles/locales/*.xml $(DESTDIR)$(DATADIR)/styles/locales/
	install -m 644 styles/hyphenation/*.txt \
	    $(DESTDIR)$(DATADIR)/styles/hyphenation/
	install -m 644 $(FONTS) fonts/LICENSE-* fonts/README.md \
	    $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 $(SCHEMAS) $(DESTDIR)$(DATADIR)/schema/
	install -m 644 $(HYPH_IMAGES) $(DESTDIR)$(DATADIR)/hyph/
	install -m 644 brochure.1 $(DESTDIR)$(MANDIR)/man1/brochure.1

clean:
	rm -rf build build-asan out

.PHONY: all deps demo unit check asan valgrind regen install clean
