# The bench's parts, kept from rotting (make bench itself only times
# them): the generator writes the same report for the same seed, a
# generated report of 23 entries builds without a word of diagnostics
# into the same bytes twice, and the libharu floor compiles and writes the
# brochure's words on as many pages.
BENCH_PY=/usr/bin/python3

bench_gen_seeded() {
	"$BENCH_PY" tests/bench/gen.py 23 "$TMP/bench-a" &&
	"$BENCH_PY" tests/bench/gen.py 23 "$TMP/bench-b" &&
	"$BENCH_PY" tests/bench/gen.py 23 "$TMP/bench-c" --seed 7 &&
	cmp "$TMP/bench-a/report.xml" "$TMP/bench-b/report.xml" &&
	cmp "$TMP/bench-a/entries.xml" "$TMP/bench-b/entries.xml" &&
	! cmp -s "$TMP/bench-a/entries.xml" "$TMP/bench-c/entries.xml"
}

bench_report_builds() {
	"$BROCHURE" build "$TMP/bench-a/report.xml" -o "$TMP/bench-1.pdf" \
	    2>"$TMP/bench.diag" || return 1
	[ ! -s "$TMP/bench.diag" ] || { cat "$TMP/bench.diag"; return 1; }
	"$BROCHURE" build "$TMP/bench-a/report.xml" -o "$TMP/bench-2.pdf" \
	    2>/dev/null && cmp "$TMP/bench-1.pdf" "$TMP/bench-2.pdf" &&
	pdftotext "$TMP/bench-1.pdf" "$TMP/bench-words.txt" &&
	grep -q 'Die Kooperationen im Überblick' "$TMP/bench-words.txt" &&
	[ "$(bench_pages "$TMP/bench-1.pdf")" -ge 20 ]
}

bench_pages() {
	pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
}

bench_floor() {
	pages=$(bench_pages "$TMP/bench-1.pdf")
	${CC:-cc} -O2 -std=c11 -Wall -Wextra -Werror -o "$TMP/floor" \
	    tests/bench/floor.c -lhpdf -lm &&
	"$TMP/floor" "$TMP/bench-words.txt" "$pages" "$TMP/floor.pdf" \
	    fonts/Lato-Regular.ttf &&
	[ "$(bench_pages "$TMP/floor.pdf")" -eq "$pages" ] &&
	pdftotext "$TMP/floor.pdf" - | grep -q 'Kooperationen'
}

run_bench() {
	check "bench: the generator is seeded" bench_gen_seeded
	check "bench: a generated report builds, reproducibly" \
	    bench_report_builds
	check "bench: the libharu floor writes its words" bench_floor
}
