#!/bin/sh
# Every test of brochure, in order: unit tests, module boundaries,
# golden layout dumps, bad inputs and fuzz regressions, the demo PDF end
# to end, the column edges of its justified lines, metadata, PDF/A and
# print builds, the tagged PDF (structure, marked content, alt text),
# locales and regional handouts, output size and the prepared fonts, the
# packed output (object streams), the page contents compressed on a
# second thread, the bench's generator and floor, the installed binary.
# Prints one line per check and closes with "N passed, N failed".
# Run from the top of the source tree (make check does).
# Arguments name suites to run (see the list below).
set -u
BROCHURE=${BROCHURE:-build/brochure}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

ok()   { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { name=$1; shift; if "$@" >"$TMP/out" 2>&1; then ok "$name"; else fail "$name"; sed 's/^/     /' "$TMP/out" | head -40; fi; }

. tests/lib/unit.sh
. tests/lib/boundaries.sh
. tests/lib/golden.sh
. tests/lib/bad.sh
. tests/lib/fuzz.sh
. tests/lib/demo.sh
. tests/lib/install.sh
. tests/lib/refs.sh
. tests/lib/cli.sh
. tests/lib/stats.sh
. tests/lib/edges.sh
. tests/lib/handout.sh
. tests/lib/print.sh
. tests/lib/tagged.sh
. tests/lib/size.sh
. tests/lib/pack.sh
. tests/lib/contents.sh
. tests/lib/bench.sh

# The suites to run: all of them, or those named on the command line.
suites=${*:-unit boundaries cli golden bad fuzz demo refs stats edges print tagged handout size pack contents bench install}
for suite in $suites; do
	"run_$suite"
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
