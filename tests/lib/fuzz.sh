# Fuzz regressions: each tests/fuzz/regressions/<name>.xml once crashed,
# hung or leaked in the fuzz target (tests/fuzz/README.md).  Replayed as
# `brochure build` with the target's style, it must end within
# $BAD_TIMEOUT seconds (tests/lib/bad.sh) with status 0 or 1: a result,
# or diagnostics, never a crash.  Under the sanitizers, which exit with
# status 1 too, any report of theirs fails.
fuzz_case() {
	timeout "${BAD_TIMEOUT:-10}" "$BROCHURE" build "$1" \
	    -s styles/brochure-a4.xml -o "$TMP/fuzz.pdf" 2>"$TMP/f.diag"
	got=$?
	rm -f "$TMP/fuzz.pdf"
	[ "$got" -le 1 ] || { echo "exit status $got"; tail -20 "$TMP/f.diag"; return 1; }
	! grep -q 'Sanitizer\|runtime error' "$TMP/f.diag" ||
	    { tail -20 "$TMP/f.diag"; return 1; }
}

run_fuzz() {
	for f in tests/fuzz/regressions/*.xml; do
		[ -f "$f" ] || continue
		check "fuzz ${f#tests/fuzz/regressions/}" fuzz_case "$f"
	done
}
