# brochure: sets an XML dataset into a designed PDF brochure.
#
#   make            build build/brochure
#   make demo       install missing packages (as root), build, write out/*.pdf
#   make check      the same set-up, then every test
#   make install    PREFIX=/usr/local DESTDIR=...
#
# A plain Makefile, no configure: we target Debian 12.  libhpdf-dev ships
# no pkg-config file, so libharu is linked by name.

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
DATADIR	 = $(PREFIX)/share/brochure
MANDIR	 = $(PREFIX)/share/man

CC	?= cc
PKGS	 = libxml-2.0 libpng zlib
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror
CPPFLAGS += -Isrc -Ibuild $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS	+= -lhpdf -lhyphen $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

# The Debian packages a build, the demo and the tests need.
DEB_PACKAGES = gcc make pkg-config libhpdf-dev libxml2-dev libpng-dev \
	zlib1g-dev libhyphen-dev hyphen-de hyphen-en-us hyphen-cs hyphen-pl wngerman \
	libcmocka-dev poppler-utils qpdf libxml2-utils valgrind

# --- objects, grouped by pipeline stage ---

# foundation: allocation, diagnostics
OBJS_BASE   = build/util.o build/diag.o
# load: XML and the compiled-in schemas
OBJS_LOAD   = build/load.o build/schemas.o
# model, check, stats: the document as structs, judged and counted
OBJS_MODEL  = build/model.o build/check.o build/stats.o
# style and locale: how it looks, which words it uses
OBJS_STYLE  = build/style.o build/locale.o
# hyph: hyphenation points from compiled libhyphen patterns
OBJS_HYPH   = build/hyph.o build/hyph_compile.o
# font, text, para, typeset, layout: from words to pages
OBJS_SET    = build/font.o build/text.o build/para.o build/typeset.o \
	      build/typeset_inline.o build/typeset_vline.o \
	      build/typeset_block.o build/typeset_entry.o build/typeset_front.o \
	      build/layout.o
# render: the devices (only pdf_device.o draws with libharu)
OBJS_RENDER = build/render.o build/pdf_device.o build/text_device.o

LIB_OBJS = $(OBJS_BASE) $(OBJS_LOAD) $(OBJS_MODEL) $(OBJS_STYLE) \
	   $(OBJS_HYPH) $(OBJS_SET) $(OBJS_RENDER)
OBJS	 = $(LIB_OBJS) build/main.o

SCHEMAS	 = src/schema/report.rng src/schema/style.rng src/schema/locale.rng

# Debian's pattern files, compiled once into images hyph.c reads fast.
HYPH_DIR    = /usr/share/hyphen
HYPH_IMAGES = build/hyph/hyph_de_DE.hyb build/hyph/hyph_en_US.hyb \
	      build/hyph/hyph_cs_CZ.hyb build/hyph/hyph_pl_PL.hyb

all: build/brochure $(HYPH_IMAGES)

build/brochure: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

build/%.o: src/%.c | build
	$(CC) $(CPPFLAGS) $(CFLAGS) -DDATADIR='"$(DATADIR)"' -MMD -MP -c -o $@ $<

# The schemas are compiled into the binary as NUL-terminated strings.
build/schemas.c: $(SCHEMAS) | build
	@for f in $(SCHEMAS); do \
	  n=$$(basename $$f .rng); \
	  printf 'const char schema_%s[] = {\n' "$$n"; \
	  od -An -v -tx1 $$f | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  printf '0x00 };\n'; \
	done > $@

build/schemas.o: build/schemas.c
	$(CC) $(CFLAGS) -c -o $@ $<

build:
	mkdir -p build

build/hyphc: build/hyphc.o build/hyph_compile.o build/util.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lhyphen

build/hyph/%.hyb: $(HYPH_DIR)/%.dic build/hyphc
	@mkdir -p build/hyph
	./build/hyphc $< $@

-include $(wildcard build/*.d)

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

UNIT_TESTS = $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_*.c))

build/tests/%: tests/unit/%.c $(LIB_OBJS) | build
	@mkdir -p build/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS) -lcmocka

unit: $(UNIT_TESTS)
	@sh tests/run-unit.sh $(UNIT_TESTS)

check: deps all $(UNIT_TESTS)
	@sh tests/run-all.sh

# Regenerate golden dumps: shows each difference and asks.
regen: all
	@sh tests/regen.sh

# --- install ---

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/styles/locales \
	    $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/schema \
	    $(DESTDIR)$(DATADIR)/hyph \
	    $(DESTDIR)$(MANDIR)/man1
	install -m 755 build/brochure $(DESTDIR)$(BINDIR)/brochure
	install -m 644 styles/*.xml $(DESTDIR)$(DATADIR)/styles/
	install -m 644 styles/locales/*.xml $(DESTDIR)$(DATADIR)/styles/locales/
	install -m 644 fonts/*.ttf fonts/LICENSE-* $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 $(SCHEMAS) $(DESTDIR)$(DATADIR)/schema/
	install -m 644 $(HYPH_IMAGES) $(DESTDIR)$(DATADIR)/hyph/
	install -m 644 brochure.1 $(DESTDIR)$(MANDIR)/man1/brochure.1

clean:
	rm -rf build out

.PHONY: all deps demo unit check regen install clean
