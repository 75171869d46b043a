# The command line: exit statuses (0 success, 1 input errors, 2 usage),
# help and version, the default output name, check writing nothing,
# --werror turning a warning into an error.
cli_status() {
	want=$1; shift
	"$BROCHURE" "$@" >"$TMP/cli.out" 2>"$TMP/cli.err"
	got=$?
	[ "$got" -eq "$want" ] || { echo "brochure $*: exit $got, want $want"; cat "$TMP/cli.err"; return 1; }
}
cli_usage() {
	cli_status 2 && grep -q '^usage: brochure build' "$TMP/cli.err" &&
	cli_status 2 frobnicate x.xml && grep -q 'unknown command "frobnicate"' "$TMP/cli.err" &&
	cli_status 2 build && cli_status 2 build a.xml b.xml &&
	cli_status 2 build examples/minimal/report.xml --no-such-option &&
	cli_status 2 build examples/minimal/report.xml --variant poster
}
cli_help() {
	cli_status 0 --help && grep -q 'Exit status' "$TMP/cli.out" &&
	cli_status 0 --version && grep -q '^brochure [0-9]' "$TMP/cli.out"
}
cli_missing_report() {
	cli_status 1 build "$TMP/nope.xml" -o "$TMP/nope.pdf" &&
	grep -q 'nope.xml' "$TMP/cli.err" && [ ! -e "$TMP/nope.pdf" ]
}
cli_default_output() {
	mkdir -p "$TMP/cwd" && top=$(pwd) &&
	(cd "$TMP/cwd" && "$top/$BROCHURE" build "$top/examples/minimal/report.xml") &&
	[ -s "$TMP/cwd/report.pdf" ]
}
cli_check_writes_nothing() {
	mkdir -p "$TMP/chk" && top=$(pwd) &&
	(cd "$TMP/chk" && "$top/$BROCHURE" check "$top/input/kreativland-2024/report.xml") &&
	[ -z "$(ls -A "$TMP/chk")" ]
}
cli_werror() {
	# the dedicated example has a warning: a reference to an unprinted entry
	cli_status 0 check tests/golden/cli/warning.xml &&
	grep -q 'warning:' "$TMP/cli.err" &&
	cli_status 1 check tests/golden/cli/warning.xml --werror
}
run_cli() {
	check "cli: usage errors exit 2" cli_usage
	check "cli: --help and --version" cli_help
	check "cli: a missing report is an error, nothing written" cli_missing_report
	check "cli: the output is named after the report" cli_default_output
	check "cli: check writes nothing" cli_check_writes_nothing
	check "cli: --werror turns warnings into errors" cli_werror
}
