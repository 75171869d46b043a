# Golden layout dumps: tests/golden/<feature>/<case>.xml is built with
# --dump; stdout must equal <case>.dump and stderr <case>.diag (a missing
# .diag means silence).  <case>.style names another style sheet and
# <case>.args holds more options (--region R).  Paths are relative to the
# source tree.
golden_case() {
	xml=$1 base=${1%.xml}
	style=styles/brochure-a4.xml args=
	[ -f "$base.style" ] && style=$(cat "$base.style")
	[ -f "$base.args" ] && args=$(cat "$base.args")
	# shellcheck disable=SC2086 # args are words
	"$BROCHURE" build "$xml" -s "$style" $args --dump >"$TMP/g.dump" 2>"$TMP/g.diag"
	diff -u "$base.dump" "$TMP/g.dump" || return 1
	if [ -f "$base.diag" ]; then
		diff -u "$base.diag" "$TMP/g.diag" || return 1
	else
		[ ! -s "$TMP/g.diag" ] || { cat "$TMP/g.diag"; return 1; }
	fi
}
run_golden() {
	for xml in tests/golden/*/*.xml; do
		[ -f "$xml" ] || continue
		check "golden ${xml#tests/golden/}" golden_case "$xml"
	done
}
