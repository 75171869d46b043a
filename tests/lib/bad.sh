# Bad inputs: tests/bad/<name>.xml must fail with exit status 1 (or the
# number in <name>.status), print exactly <name>.diag on stderr, write no
# output file and leave an existing one untouched.
bad_case() {
	xml=$1 base=${1%.xml}
	want=1
	[ -f "$base.status" ] && want=$(cat "$base.status")
	style=styles/brochure-a4.xml
	[ -f "$base.style" ] && style=$(cat "$base.style")
	out="$TMP/bad.pdf"
	echo "previous good file" >"$out"
	"$BROCHURE" build "$xml" -s "$style" -o "$out" 2>"$TMP/b.diag"
	got=$?
	[ "$got" -eq "$want" ] || { echo "exit status $got, want $want"; cat "$TMP/b.diag"; return 1; }
	diff -u "$base.diag" "$TMP/b.diag" || return 1
	[ "$(cat "$out")" = "previous good file" ] || { echo "output file was touched"; return 1; }
	[ -z "$(ls -A "$TMP" | grep '^\.bad\.pdf')" ] || { echo "temporary file left behind"; return 1; }
}
run_bad() {
	for xml in tests/bad/*.xml; do
		[ -f "$xml" ] || continue
		check "bad ${xml#tests/bad/}" bad_case "$xml"
	done
}
