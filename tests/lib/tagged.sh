# The tagged PDF (issue 7), end to end: pdfinfo calls the demo tagged;
# its structure tree (pdfinfo -struct-text) holds the report's section
# titles as headings of their level in order; every figure and chart has
# alt text, a chart's naming its bars and their shares as printed;
# tests/tagged/pdftags.py (its header says what each check verifies)
# finds all content marked, headings nested, fonts with ToUnicode maps
# that parse, the catalog marked with /Lang, every link tied to a Link
# element, in the demo, an English build (German sections keep /Lang de)
# and the A5 handout of one region, and FAILs PDFs broken by hand (a QDF
# edited by sed); qpdf is clean, poppler prints no CMap warning, and two
# builds are equal bytes; the words of plain paragraphs come out of the
# structure tree as they went in (tests/tagged/words.py).
TAG_PY="/usr/bin/python3 tests/tagged/pdftags.py"
TAG_XML=input/kreativland-2024/report.xml
TAG_PDF="$TMP/tagged.pdf"

# tag_build OUT [options]: the demo into $TMP/OUT.pdf.
tag_build() {
	out=$1; shift
	"$BROCHURE" build "$TAG_XML" -o "$TMP/$out.pdf" "$@" \
	    2>"$TMP/$out.err" || { cat "$TMP/$out.err"; return 1; }
}

tag_demo() {
	tag_build tagged -s styles/brochure-a4.xml
}
tag_pdfinfo() {
	pdfinfo "$TAG_PDF" >"$TMP/tag.info" || return 1
	grep -q '^Tagged: *yes$' "$TMP/tag.info" &&
	grep -q '^PDF version: *1\.7$' "$TMP/tag.info" &&
	$TAG_PY catalog "$TAG_PDF" | grep -q '^ok catalog: .*/Lang de,'
}
tag_sections() { $TAG_PY sections "$TAG_PDF" "$TAG_XML"; }
tag_charts() {
	"$BROCHURE" stats "$TAG_XML" --format csv >"$TMP/tag-stats.csv" &&
	$TAG_PY figures "$TAG_PDF" && $TAG_PY charts "$TAG_PDF" "$TMP/tag-stats.csv"
}
tag_all() { $TAG_PY all "$1"; }
# Lines that break between words keep them apart in the structure tree,
# in two columns (A4) and one (A5).
tag_words() {
	for style in brochure-a4 handout-a5; do
		"$BROCHURE" build tests/tagged/words.xml -s styles/$style.xml \
		    -o "$TMP/words.pdf" &&
		/usr/bin/python3 tests/tagged/words.py "$TMP/words.pdf" \
		    tests/tagged/words.xml || { echo "$style"; return 1; }
	done
}
tag_qpdf() { qpdf --check "$TAG_PDF"; }
# poppler reads the fonts' ToUnicode maps and the structure silently.
tag_poppler_quiet() {
	pdftotext "$TAG_PDF" /dev/null 2>"$TMP/tag.poppler" &&
	pdfinfo -struct-text "$TAG_PDF" >/dev/null 2>>"$TMP/tag.poppler" &&
	! grep . "$TMP/tag.poppler"
}
tag_twice() {
	tag_build tagged2 -s styles/brochure-a4.xml &&
	cmp "$TAG_PDF" "$TMP/tagged2.pdf"
}
# In the layout every item on a page follows a tag line, and the only
# text that is no element's is the page numbers.
tag_dump_artifacts() {
	"$BROCHURE" build "$TAG_XML" --dump 2>/dev/null | awk '
	    /^page / { tag = "" }
	    /^  tag / { tag = $2 }
	    /^  (glyphs|rule|rect|image|link|path) / && tag == "" {
		print "no tag line: " $0; bad = 1 }
	    /^  glyphs / && tag == "artifact" && $2 != "footer" { print; bad = 1 }
	    /^  (image|path|link) / && tag == "artifact" { print; bad = 1 }
	    END { exit bad }'
}
# English: the catalog says en, the German sections say de.
tag_english() {
	tag_build tagged-en -l en && tag_all "$TMP/tagged-en.pdf" &&
	$TAG_PY catalog "$TMP/tagged-en.pdf" | grep -q '/Lang en,' &&
	qpdf --qdf --object-streams=disable "$TMP/tagged-en.pdf" \
	    "$TMP/tagged-en.qdf" &&
	grep -aq '^  /Lang (de)$' "$TMP/tagged-en.qdf"
}
tag_handout() {
	tag_build tagged-a5 -s styles/handout-a5.xml --region Erzgebirge &&
	tag_all "$TMP/tagged-a5.pdf"
}

# tag_rejects CHECK SED: the demo as QDF, edited by the sed script and
# repaired by fix-qdf, fails CHECK.
tag_rejects() {
	[ -f "$TMP/tagged.qdf" ] || qpdf --qdf --object-streams=disable \
	    "$TAG_PDF" "$TMP/tagged.qdf" || return 1
	sed -e "$2" "$TMP/tagged.qdf" >"$TMP/tag-edited.qdf" &&
	! cmp -s "$TMP/tagged.qdf" "$TMP/tag-edited.qdf" &&
	fix-qdf "$TMP/tag-edited.qdf" >"$TMP/tag-broken.pdf" || return 1
	if $TAG_PY "$1" "$TMP/tag-broken.pdf" >"$TMP/tag-broken.out"; then
		echo "the checker passed the broken PDF:"
		cat "$TMP/tag-broken.out"
		return 1
	fi
	grep -q "^FAIL $1" "$TMP/tag-broken.out"
}
tag_rejects_unmarked() {
	tag_rejects marked '/^\/P <<\/MCID 3>> BDC$/,/^EMC$/{/BDC$/d;/^EMC$/d}'
}
tag_rejects_untied() {
	tag_rejects marked 's/^\/P <<\/MCID 3>> BDC$/\/P <<\/MCID 999>> BDC/'
}
tag_rejects_no_alt() { tag_rejects figures '/^  \/Alt /d'; }
tag_rejects_skip() { tag_rejects headings '0,/^  \/S \/H2$/s//  \/S \/H3/'; }
tag_rejects_no_lang() { tag_rejects catalog '0,/^  \/Lang /{//d}'; }
tag_rejects_not_marked() { tag_rejects catalog 's/\/Marked true/\/Marked false/'; }
tag_rejects_cidrange() {
	tag_rejects fonts 's/beginbfrange/begincidrange/; s/endbfrange/endcidrange/'
}
tag_rejects_untied_link() { tag_rejects links '/^  \/StructParent /d'; }

run_tagged() {
	check "tagged: the demo builds" tag_demo
	check "tagged: pdfinfo says tagged, PDF 1.7; the catalog says /Lang de" tag_pdfinfo
	check "tagged: the section titles are headings of their level, in order" tag_sections
	check "tagged: every figure has alt text, a chart's names its bars' shares" tag_charts
	check "tagged: content marked, headings, ToUnicode, catalog, links (demo)" tag_all "$TAG_PDF"
	check "tagged: words at line ends stay apart in the structure tree" tag_words
	check "tagged: qpdf --check is clean" tag_qpdf
	check "tagged: poppler reads fonts and structure without a warning" tag_poppler_quiet
	check "tagged: two builds are equal bytes" tag_twice
	check "tagged: in the layout only page numbers are artifact text" tag_dump_artifacts
	check "tagged: an English build is tagged, its German sections /Lang de" tag_english
	check "tagged: the A5 handout of a region is tagged" tag_handout
	check "tagged: the checker rejects text outside marked content" tag_rejects_unmarked
	check "tagged: the checker rejects an MCID the parent tree lacks" tag_rejects_untied
	check "tagged: the checker rejects a Figure without /Alt" tag_rejects_no_alt
	check "tagged: the checker rejects a skipped heading level" tag_rejects_skip
	check "tagged: the checker rejects a catalog without /Lang" tag_rejects_no_lang
	check "tagged: the checker rejects /Marked false" tag_rejects_not_marked
	check "tagged: the checker rejects a ToUnicode map with cidrange" tag_rejects_cidrange
	check "tagged: the checker rejects a link without /StructParent" tag_rejects_untied_link
}
