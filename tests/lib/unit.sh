# Unit tests: every build/tests/test_* program (cmocka) must exit 0.
run_unit() {
	for t in build/tests/test_*; do
		[ -x "$t" ] || continue
		check "unit $(basename "$t")" "$t"
	done
}
