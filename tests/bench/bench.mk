# make bench: brochure against the raw libharu floor (included by the
# Makefile; see tests/bench/README.md).
#
#   make bench                          N = 23, 230, 2300, 5 runs each
#   make bench BENCH_SIZES=230 BENCH_RUNS=3
#
# Generates seeded synthetic reports into $(B)/bench/ and prints the
# medians of wall time, user+sys time, peak memory, output size and pages
# of brochure and of tests/bench/floor.c, with their ratios.  Timing never
# passes or fails anything: make check does not run this.

BENCH_SIZES ?= 23,230,2300
BENCH_RUNS  ?= 5
BENCH_PYTHON ?= /usr/bin/python3

bench: all $(B)/floor
	$(BENCH_PYTHON) tests/bench/bench.py --brochure $(B)/brochure \
	    --floor $(B)/floor --work $(B)/bench --sizes $(BENCH_SIZES) \
	    --runs $(BENCH_RUNS) --font fonts/Lato-Regular.ttf

# The floor: libharu alone, one font, one TextOut per line.
$(B)/floor: tests/bench/floor.c | $(B)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -lhpdf -lm

.PHONY: bench
