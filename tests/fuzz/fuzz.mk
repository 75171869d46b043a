# The libFuzzer target (included by the Makefile; see tests/fuzz/README.md).
#
#   make fuzz FUZZ_SECONDS=600    fuzz for ten minutes on one core
#
# Builds everything with clang and ASan/UBSan into build-fuzz/, seeds a
# corpus from every report XML of examples/, input/, tests/bad/,
# tests/golden/ and tests/fuzz/regressions/, and runs one job.  New
# corpus entries stay in build-fuzz/corpus/; a finding is written to
# build-fuzz/crash-* (or leak-*, timeout-*, oom-*) and fails the target.

FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang-14
FUZZ_DIR      = build-fuzz
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
FUZZ_SEEDS    = examples input tests/bad tests/golden tests/fuzz/regressions
# libFuzzer options: one job, stderr closed (diagnostics are no finding),
# a run slower than 10 s is a finding, as in the bad-input suite.
FUZZ_OPTS     = -jobs=1 -close_fd_mask=2 -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -dict=report.dict

fuzz:
	ASAN_OPTIONS=detect_leaks=0 $(MAKE) B=$(FUZZ_DIR) HEAP=libc CC=$(FUZZ_CC) \
	    OPT="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	    LDFLAGS="$(FUZZ_SAN)" $(FUZZ_DIR)/fuzz_report $(FUZZ_DIR)/hyph/hyph_de_DE.hyb \
	    $(FUZZ_DIR)/hyph/hyph_en_US.hyb $(FUZZ_DIR)/hyph/hyph_cs_CZ.hyb \
	    $(FUZZ_DIR)/hyph/hyph_pl_PL.hyb
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds
	@find $(wildcard $(FUZZ_SEEDS)) -name '*.xml' -size -64k | while read -r f; do \
	  cp "$$f" "$(FUZZ_DIR)/seeds/$$(echo "$$f" | tr / _)"; done
	@sh tests/fuzz/dict.sh >$(FUZZ_DIR)/report.dict
	cd $(FUZZ_DIR) && ./fuzz_report $(FUZZ_OPTS) \
	    -max_total_time=$(FUZZ_SECONDS) corpus seeds; \
	  rc=$$?; tail -n 3 fuzz-0.log; exit $$rc

# The target itself: the library objects with libFuzzer's main.
$(B)/fuzz_report: tests/fuzz/fuzz_report.c $(LIB_OBJS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer \
	    -DFUZZ_SRCDIR='"$(CURDIR)"' -DFUZZ_HYPHDIR='"$(CURDIR)/$(B)/hyph"' \
	    -o $@ $< $(LIB_OBJS) $(LDLIBS)

.PHONY: fuzz
