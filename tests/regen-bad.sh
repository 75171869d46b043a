#!/bin/sh
# Write tests/bad/<name>.diag from what the program prints now.  Review
# the changes with git diff before committing them.
BROCHURE=${BROCHURE:-build/brochure}
for xml in tests/bad/*.xml; do
	base=${xml%.xml}
	style=styles/brochure-a4.xml
	[ -f "$base.style" ] && style=$(cat "$base.style")
	"$BROCHURE" build "$xml" -s "$style" -o /tmp/brochure-regen-bad.pdf \
	    2>"$base.diag"
	rm -f /tmp/brochure-regen-bad.pdf
done
