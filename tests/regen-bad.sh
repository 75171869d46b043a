#!/bin/sh
# Write tests/bad/<name>.diag from what `brochure build` prints now: for
# the cases named (tests/regen-bad.sh emoji font-empty), or for all of
# them.  Review the changes with git diff before committing them.
BROCHURE=${BROCHURE:-build/brochure}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. tests/lib/bad.sh

if [ $# -eq 0 ]; then
	set -- $(ls tests/bad/*.xml tests/bad/*.gen | sed 's|.*/||; s|\.[a-z]*$||' |
	    sort -u)
fi
for name; do
	base=tests/bad/$name
	xml=$(bad_input "$base") || { echo "cannot generate $base.xml"; exit 1; }
	bad_run build "$base" "$xml" "$TMP/regen.pdf"
	echo "$name: exit status $?"
	cp "$TMP/b.diag" "$base.diag"
	rm -f "$TMP/regen.pdf"
done
