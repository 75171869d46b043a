#!/bin/sh
# Regenerate the golden dumps (and .diag files where a case has output on
# stderr): show each difference and ask before replacing it.  "-y" accepts
# every change without asking.  Run from the top of the source tree.
BROCHURE=${BROCHURE:-build/brochure}
yes=${1:-}
for xml in tests/golden/*/*.xml; do
	base=${xml%.xml}
	style=styles/brochure-a4.xml args=
	[ -f "$base.style" ] && style=$(cat "$base.style")
	[ -f "$base.args" ] && args=$(cat "$base.args")
	# shellcheck disable=SC2086 # args are words
	"$BROCHURE" build "$xml" -s "$style" $args --dump >"$base.dump.new" 2>"$base.diag.new"
	for kind in dump diag; do
		new="$base.$kind.new" old="$base.$kind"
		if [ "$kind" = diag ] && [ ! -s "$new" ]; then
			rm -f "$new" "$old"; continue
		fi
		if [ -f "$old" ] && cmp -s "$old" "$new"; then rm -f "$new"; continue; fi
		diff -u "$old" "$new" 2>/dev/null | head -40 || true
		answer=y
		if [ "$yes" != -y ]; then
			printf 'replace %s? [y/N] ' "$old"; read -r answer
		fi
		case "$answer" in
		y|Y) mv "$new" "$old"; echo "updated $old" ;;
		*) rm -f "$new" ;;
		esac
	done
done
