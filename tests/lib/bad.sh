# Bad inputs: each case is tests/bad/<name>.xml, or <name>.gen, a script
# that writes <name>.xml (and any file it includes) into the folder given
# as its argument, for inputs too large to commit.  Beside it:
#   <name>.diag    the exact expected stderr (generated inputs are named
#                  without their folder);
#   <name>.status  the expected exit status when it is not 1; 0 means the
#                  input is hostile but valid: the build must write a PDF;
#   <name>.style   the style sheet to use (default styles/brochure-a4.xml;
#                  GEN/ names the folder of generated inputs).
# Each case runs as `build` and as `check`, each under `timeout
# $BAD_TIMEOUT` (10 s): both must print the same diagnostics with the same
# status, neither may crash or hang, a failed build must write no output
# file and leave an existing one untouched, and `check` never writes.
# A case that builds with warnings runs once more with --werror, which
# must fail with those lines as errors (up to the end of the stage that
# gave the first: errors stop the build) and write nothing.
BAD_TIMEOUT=${BAD_TIMEOUT:-10}
BAD_PREVIOUS="previous good file"
BAD_ARGS=		# options for every run, such as --werror

# The input of case base: generated into $TMP/gen when there is a .gen.
bad_input() {
	base=$1
	if [ -f "$base.gen" ]; then
		rm -rf "$TMP/gen" && mkdir -p "$TMP/gen" &&
		    sh "$base.gen" "$TMP/gen" &&
		    echo "$TMP/gen/${base##*/}.xml"
	else
		echo "$base.xml"
	fi
}

# Run `brochure CMD` on case base with input xml, writing out; stderr,
# without the folder of generated inputs, goes to $TMP/b.diag.  Returns
# the exit status (124 after a timeout).
bad_run() {
	cmd=$1 base=$2 xml=$3 out=$4
	style=styles/brochure-a4.xml
	[ -f "$base.style" ] && style=$(sed "s|^GEN/|$TMP/gen/|" "$base.style")
	# shellcheck disable=SC2086 # BAD_ARGS is a word list
	timeout "$BAD_TIMEOUT" "$BROCHURE" "$cmd" "$xml" -s "$style" $BAD_ARGS \
	    -o "$out" 2>"$TMP/b.raw"
	rc=$?
	sed "s|$TMP/gen/||g" "$TMP/b.raw" >"$TMP/b.diag"
	return $rc
}

# One command on one case: status, the diagnostics of want_diag (or,
# with a sixth argument, a first part of them), the output file.
bad_check() {
	cmd=$1 base=$2 xml=$3 want=$4 want_diag=$5 prefix=${6:-}
	out="$TMP/bad.pdf"
	echo "$BAD_PREVIOUS" >"$out"
	bad_run "$cmd" "$base" "$xml" "$out"
	got=$?
	[ "$got" -ne 124 ] || { echo "$cmd: no result after $BAD_TIMEOUT s"; return 1; }
	[ "$got" -eq "$want" ] || { echo "$cmd: exit status $got, want $want"; cat "$TMP/b.diag"; return 1; }
	if [ -n "$prefix" ] && [ -s "$TMP/b.diag" ]; then
		head -n "$(wc -l <"$TMP/b.diag")" "$want_diag" >"$TMP/b.want"
		want_diag=$TMP/b.want
	fi
	diff -u "$want_diag" "$TMP/b.diag" >"$TMP/b.diff" || { echo "$cmd:"; cat "$TMP/b.diff"; return 1; }
	if [ "$cmd" = build ] && [ "$want" -eq 0 ]; then
		[ "$(head -c 5 "$out")" = "%PDF-" ] || { echo "build: no PDF written"; return 1; }
	else
		[ "$(cat "$out")" = "$BAD_PREVIOUS" ] || { echo "$cmd: the output file was touched"; return 1; }
	fi
	[ -z "$(ls -A "$TMP" | grep '^\.bad\.pdf')" ] || { echo "$cmd: temporary file left behind"; return 1; }
}

bad_case() {
	base=$1
	want=1
	[ -f "$base.status" ] && want=$(cat "$base.status")
	xml=$(bad_input "$base") || { echo "cannot generate $base.xml"; return 1; }
	bad_check build "$base" "$xml" "$want" "$base.diag" &&
	    bad_check check "$base" "$xml" "$want" "$base.diag" || return 1
	[ "$want" -eq 0 ] && [ -s "$base.diag" ] || return 0
	sed 's/: warning: /: error: /' "$base.diag" >"$TMP/werror.diag"
	BAD_ARGS=--werror
	bad_check build "$base" "$xml" 1 "$TMP/werror.diag" prefix
	rc=$?
	BAD_ARGS=
	return $rc
}

# Milliseconds since the epoch (GNU date).
bad_ms() { echo $(($(date +%s%N) / 1000000)); }

run_bad() {
	slowest=0 slowest_name=
	for f in tests/bad/*.xml tests/bad/*.gen; do
		[ -f "$f" ] || continue
		base=${f%.*}
		t0=$(bad_ms)
		check "bad ${f#tests/bad/}" bad_case "$base"
		t=$(($(bad_ms) - t0))
		[ "$t" -gt "$slowest" ] && slowest=$t slowest_name=${f#tests/bad/}
	done
	echo "     slowest bad case: $slowest_name, $slowest ms for build and check (limit $BAD_TIMEOUT s each)"
}
