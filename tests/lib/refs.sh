# References, notes and navigation end to end (issue 4), on real PDFs:
# the demo, tests/refs/report.xml (refs to entries, sections, quotes,
# charts and figures; long notes; external links; text the report leaves
# out) and tests/golden/notes/overflow.xml (a note longer than a column).
# tests/refs/pdfrefs.py reads each PDF with qpdf and pdftotext and the
# dataset with xmllint; its header says what every check verifies.
REFS_PY="python3 tests/refs/pdfrefs.py --style styles/brochure-a4.xml"
REFS_SECTIONS="/report/body//section[not(ancestor-or-self::section[@only='handout'])]/title[not(@xml:lang) or @xml:lang='de']"
REFS_ENTRIES="/report/entries/entry/title[not(@xml:lang) or @xml:lang='de']"

# The name of a check of pdfrefs.py on the line of run-all.sh.
refs_what() {
	case $1 in
	labels)	echo "page labels are the printed page numbers" ;;
	targets) echo "every reference and contents line names the page of its target" ;;
	notes)	echo "every note begins on the page of its mark" ;;
	count)	echo "links = refs + marks + contents + links + media + hrefs" ;;
	borders) echo "no link has a visible border" ;;
	note-text) echo "a long note continues, nothing lost" ;;
	esac
}

refs_build() {
	"$BROCHURE" build "$1" -s styles/brochure-a4.xml -o "$2"
}

# refs_checks NAME PDF XML: every check of one document.  (check sets
# $name: these variables have names of their own.)
refs_checks() {
	refs_doc=$1 refs_pdf=$2 refs_xml=$3
	for refs_c in labels targets notes count borders; do
		check "refs $refs_doc: $(refs_what $refs_c)" $REFS_PY "$refs_c" \
		    "$refs_pdf" "$refs_xml"
	done
	check "refs $refs_doc: the outline holds every section title" \
	    $REFS_PY outline "$refs_pdf" "$refs_xml" \
	    --what "section and sub-section title" --xpath "$REFS_SECTIONS"
	check "refs $refs_doc: the outline holds every entry title" \
	    $REFS_PY outline "$refs_pdf" "$refs_xml" \
	    --what "entry title" --xpath "$REFS_ENTRIES"
}

run_refs() {
	check "refs demo: builds" refs_build input/kreativland-2024/report.xml \
	    "$TMP/refs-demo.pdf"
	[ -f "$TMP/refs-demo.pdf" ] && refs_checks demo "$TMP/refs-demo.pdf" \
	    input/kreativland-2024/report.xml
	check "refs example: builds" refs_build tests/refs/report.xml \
	    "$TMP/refs-example.pdf"
	if [ -f "$TMP/refs-example.pdf" ]; then
		refs_checks example "$TMP/refs-example.pdf" tests/refs/report.xml
		check "refs example: $(refs_what note-text)" $REFS_PY note-text \
		    "$TMP/refs-example.pdf" tests/refs/report.xml
	fi
	check "refs overflow: builds" refs_build tests/golden/notes/overflow.xml \
	    "$TMP/refs-overflow.pdf"
	[ -f "$TMP/refs-overflow.pdf" ] || return
	for refs_c in note-text notes; do
		check "refs overflow: $(refs_what $refs_c)" $REFS_PY "$refs_c" \
		    "$TMP/refs-overflow.pdf" tests/golden/notes/overflow.xml
	done
}
