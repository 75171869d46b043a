# The demo brochure end to end: built by the binary, checked with qpdf and
# poppler: structure clean, every font embedded and subset, metadata in
# UTF-8, and every section title, entry title and quote speaker of the
# dataset present in the text.
DEMO_XML=input/kreativland-2024/report.xml
DEMO_PDF="$TMP/demo.pdf"

demo_build() {
	"$BROCHURE" build "$DEMO_XML" -s styles/brochure-a4.xml -o "$DEMO_PDF"
}
demo_qpdf() { qpdf --check "$DEMO_PDF"; }
demo_fonts() {
	pdffonts "$DEMO_PDF" >"$TMP/fonts" || return 1
	cat "$TMP/fonts"
	# columns: name type encoding emb sub uni object ID
	awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes") { bad = 1 }
	    END { exit bad }' "$TMP/fonts" && [ "$(wc -l <"$TMP/fonts")" -gt 2 ]
}
demo_info() {
	pdfinfo "$DEMO_PDF" >"$TMP/info" || return 1
	grep -q '^Title: *Innovation durch Kooperation' "$TMP/info" &&
	grep -q '^Keywords: *.' "$TMP/info" && grep -q '^Author: *.' "$TMP/info"
}
# The texts of an XPath over the dataset (with its includes), one per line.
demo_texts() {
	xmllint --xinclude --xpath "$1" "$DEMO_XML" 2>/dev/null |
	    sed -e 's/<[^>]*>//g' | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}
demo_has() {
	xpath=$1
	# pdftotext joins a word broken at a line end and drops the hyphen,
	# also after a real one ("PopUp-Event"); -raw keeps it.  Either counts.
	{ pdftotext "$DEMO_PDF" -; echo; pdftotext -raw "$DEMO_PDF" - |
	    sed -e ':a' -e '/-$/N; s/-\n/-/; ta'; } 2>/dev/null |
	    tr -s ' \n' '  ' >"$TMP/text"
	n=$(xmllint --xinclude --xpath "count($xpath)" "$DEMO_XML")
	[ "$n" -gt 0 ] || { echo "no nodes for $xpath"; return 1; }
	i=1 missing=0
	while [ "$i" -le "$n" ]; do
		t=$(demo_texts "string(($xpath)[$i])")
		if ! grep -qF -- "$t" "$TMP/text"; then
			echo "missing in the PDF: $t"; missing=1
		fi
		i=$((i + 1))
	done
	return $missing
}
demo_vocabulary() {
	for e in $(sed -n 's/.*<element name="\([a-z-]*\)".*/\1/p' src/schema/report.rng | sort -u); do
		cat input/kreativland-2024/*.xml | grep -q "<$e[ >/]" ||
		    { echo "element <$e> is not used by the demo dataset"; return 1; }
	done
}
# The style forbids a column that ends in a hyphen: the lowest text line
# of every column (pages of running text, from the dump) must not end in
# one.  Columns start at x 62.36 or 307.56, so x < 300 is the first one.
demo_no_column_end_hyphen() {
	"$BROCHURE" build "$DEMO_XML" --dump >"$TMP/demo.dump" || return 1
	awk '/^page / { page = $2 }
	    /^  glyphs (paragraph|list) / {
		col = page " " ($3 < 300); y = $4 + 0
		if (!(col in low) || y < low[col]) { low[col] = y; text[col] = "" }
		if (y == low[col]) text[col] = text[col] $0
	    }
	    END { for (c in text) if (text[c] ~ /-"$/) { print "column " c \
		" ends in a hyphen: " text[c]; bad = 1 }; exit bad }' \
	    "$TMP/demo.dump"
}
# A regional handout lists some entries twice (its own list and the full
# one): references must still settle on the first profile.
demo_handout_settles() {
	"$BROCHURE" build "$DEMO_XML" --region Erzgebirge --variant handout \
	    -o "$TMP/handout.pdf" 2>"$TMP/handout.err" || return 1
	! grep 'did not settle' "$TMP/handout.err" &&
	    qpdf --check "$TMP/handout.pdf" >/dev/null
}
# The A5 handout style sets the same report (one region, handout variant).
demo_a5_handout() {
	"$BROCHURE" build "$DEMO_XML" -s styles/handout-a5.xml \
	    --region Erzgebirge --variant handout -o "$TMP/a5.pdf" \
	    2>/dev/null || return 1
	pdfinfo "$TMP/a5.pdf" | grep -q '419.528 x 595.276 pts' &&
	    qpdf --check "$TMP/a5.pdf" >/dev/null
}
run_demo() {
	check "demo: builds" demo_build
	[ -f "$DEMO_PDF" ] || return
	check "demo: qpdf --check" demo_qpdf
	check "demo: fonts embedded and subset" demo_fonts
	check "demo: title, author, keywords in the metadata" demo_info
	check "demo: every section title in the text" \
	    demo_has "/report/body//section[not(ancestor-or-self::section[@only='handout'])]/title[not(@xml:lang) or @xml:lang='de']"
	check "demo: every entry title in the text" \
	    demo_has "/report/entries/entry/title[not(@xml:lang) or @xml:lang='de']"
	check "demo: every quote speaker in the text" \
	    demo_has "/report/quotes/quote/speaker[not(@xml:lang) or @xml:lang='de']"
	check "demo: uses every element of the vocabulary" demo_vocabulary
	check "demo: no column ends in a hyphen" demo_no_column_end_hyphen
	check "demo: an Erzgebirge handout builds and its references settle" \
	    demo_handout_settles
	check "demo: the A5 handout style sets it on A5" demo_a5_handout
}
