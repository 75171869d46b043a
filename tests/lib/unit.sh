# Unit tests: every test_* program (cmocka) in $UNITS (default
# build/tests) must exit 0.
run_unit() {
	for t in "${UNITS:-build/tests}"/test_*; do
		[ -x "$t" ] || continue
		check "unit $(basename "$t")" "$t"
	done
}
