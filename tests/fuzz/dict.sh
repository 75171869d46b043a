#!/bin/sh
# Print a libFuzzer dictionary for report XML: every element, attribute
# and enumerated value of the schema (default src/schema/report.rng),
# plus the XML constructs the loader must refuse.
rng=${1:-src/schema/report.rng}
names() { grep -o "$1 name=\"[a-z:-]*\"" "$rng" | sed 's/.*="\(.*\)"/\1/' | sort -u; }
names element | while read -r n; do
	printf '"<%s>"\n"</%s>"\n"<%s/>"\n' "$n" "$n" "$n"
done
names attribute | while read -r n; do printf '" %s=\\""\n' "$n"; done
grep -o '<value>[^<]*</value>' "$rng" | sed 's/<value>\(.*\)<\/value>/\1/' |
    sort -u | while read -r v; do printf '"\\"%s\\""\n' "$v"; done
cat <<'END'
"<!DOCTYPE r [<!ENTITY e \"x\">]>"
"&e;"
"&#x1F600;"
"<xi:include href=\"x.xml\"/>"
" xmlns:xi=\"http://www.w3.org/2001/XInclude\""
" xml:lang=\"en\""
" xml:lang=\"de\""
"<![CDATA["
"]]>"
END
