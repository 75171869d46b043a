# Localization and regional handouts end to end (pdftotext, qpdf):
# the demo built in English, Czech and Polish uses each locale's labels,
# number formats, month names and quotation marks; the language fallback
# warns once per group with file:line and closes with the count; a region
# build counts its charts over the region's entries, keeps the region's
# quotes and the untied ones, and names the region on the cover in the
# build's language; `brochure batch` builds every pair of region and
# language and, when one build fails, still the others, then exits 1.
HO_DEMO=input/kreativland-2024/report.xml
HO_XML=examples/handout/report.xml
HO_A5=styles/handout-a5.xml

# The text of a PDF on one line, runs of white space as one space.
ho_text() {
	/usr/bin/pdftotext "$@" - | tr -s ' \n\f' '   '
}
ho_has() {
	grep -qF -- "$2" "$1" || { echo "missing in $1: $2"; return 1; }
}
ho_lacks() {
	! grep -qF -- "$2" "$1" || { echo "unexpected in $1: $2"; return 1; }
}

# lang, then the words its locale must put into the demo: the contents
# and imprint headings, the chart note, the month, a count, a share, and
# the pull quote between the locale's marks (the text in English, or
# taken from German).
ho_locale() {
	l=$1; shift
	"$BROCHURE" build "$HO_DEMO" -l "$l" -o "$TMP/ho-$l.pdf" \
	    2>"$TMP/ho-$l.err" || { cat "$TMP/ho-$l.err"; return 1; }
	ho_text "$TMP/ho-$l.pdf" >"$TMP/ho-$l.txt"
	for want in "$@"; do
		ho_has "$TMP/ho-$l.txt" "$want" || return 1
	done
}
ho_locale_en() {
	ho_locale en Contents Imprint "Multiple answers possible" \
	    "August 2024" "18 of 23" "69.6%" \
	    "“In the countryside, new things" "find they want the same.”"
}
ho_locale_cs() {
	ho_locale cs Obsah Tiráž "Možnost více odpovědí" "srpen 2024" \
	    "18 z 23" "69,6 %" "„Auf dem Land entsteht" "dasselbe wollen.“"
}
ho_locale_pl() {
	ho_locale pl "Spis treści" "Stopka redakcyjna" \
	    "Możliwość wielokrotnego wyboru" "sierpień 2024" "18 z 23" \
	    "69,6%" "„Auf dem Land entsteht" "dasselbe wollen.”" &&
	ho_lacks "$TMP/ho-pl.txt" "69,6 %"
}

# Czech has no text of its own in the demo: a warning with file:line for
# each group, no group twice, then the count of them.
ho_fallbacks() {
	err=$TMP/ho-cs.err
	[ -s "$err" ] || ho_locale cs Obsah || return 1
	grep -E '^[^ :]+\.xml:[0-9]+: warning: <[a-z-]+> has no "cs" version; using "de"' \
	    "$err" >"$TMP/ho-fb" || { echo "no fallback warnings"; return 1; }
	n=$(wc -l <"$TMP/ho-fb")
	[ "$(cut -d: -f1,2 "$TMP/ho-fb" | sort -u | wc -l)" -eq "$n" ] ||
	    { echo "a group warned twice"; return 1; }
	[ "$(tail -1 "$err")" = "brochure: warning: $n text(s) had no \"cs\" version and were taken from \"de\"" ] ||
	    { echo "last line: $(tail -1 "$err"), want the count $n"; return 1; }
	# every text in German and English: no fallback at all
	"$BROCHURE" build "$HO_XML" -l en -o "$TMP/ho-ex.pdf" 2>"$TMP/ho-ex.err" &&
	    [ ! -s "$TMP/ho-ex.err" ] || { cat "$TMP/ho-ex.err"; return 1; }
}

# How many entries of the demo are in region $1.
ho_region_entries() {
	xmllint --xinclude --xpath "count(/report/entries/entry[@region='$1'])" \
	    "$HO_DEMO"
}

# Every "N von M" of a region's charts has M = the region's entries.
ho_region_counts() {
	region=Lausitz
	want=$(ho_region_entries "$region")
	[ "$want" -gt 0 ] && [ "$want" -lt 23 ] || return 1
	"$BROCHURE" build "$HO_DEMO" --region "$region" --variant handout \
	    -o "$TMP/ho-region.pdf" 2>"$TMP/ho-region.err" || return 1
	ho_text "$TMP/ho-region.pdf" >"$TMP/ho-region.txt"
	grep -oE '[0-9]+ von [0-9]+' "$TMP/ho-region.txt" >"$TMP/ho-counts" ||
	    { echo "no counts"; return 1; }
	bad=$(grep -vcE " von $want\$" "$TMP/ho-counts")
	[ "$bad" -eq 0 ] || { echo "$bad counts not over $want entries:";
	    grep -vE " von $want\$" "$TMP/ho-counts" | head -5; return 1; }
	# a reference to an entry of another region falls back to its link
	grep -q 'names an entry the region "Lausitz" leaves out: it falls back' \
	    "$TMP/ho-region.err"
}

# The region's entries and tied quotes stay, the untied quote too; the
# others go; the cover names the region in the build's language; each
# variant keeps its own blocks.
ho_region_keeps() {
	"$BROCHURE" build "$HO_XML" -s "$HO_A5" --region Fichtelgebirge \
	    --variant handout -l en -o "$TMP/ho-fi.pdf" || return 1
	ho_text "$TMP/ho-fi.pdf" >"$TMP/ho-fi.txt"
	ho_text -f 1 -l 1 "$TMP/ho-fi.pdf" >"$TMP/ho-fi-cover.txt"
	ho_has "$TMP/ho-fi-cover.txt" "Fichtel Mountains" &&
	ho_has "$TMP/ho-fi.txt" Porzellanfunk && ho_has "$TMP/ho-fi.txt" Granitpfad &&
	ho_lacks "$TMP/ho-fi.txt" Schieferklang &&
	ho_has "$TMP/ho-fi.txt" "“You cannot show colours on the radio." &&
	ho_lacks "$TMP/ho-fi.txt" "every day and never heard it" &&
	ho_has "$TMP/ho-fi.txt" "“The best ideas do not come at a desk" &&
	ho_has "$TMP/ho-fi.txt" "2 of 2" && ho_lacks "$TMP/ho-fi.txt" " of 6" &&
	ho_has "$TMP/ho-fi.txt" "This booklet presents the cooperations of its region" &&
	"$BROCHURE" build "$HO_XML" -s "$HO_A5" --region Fichtelgebirge \
	    -l de -o "$TMP/ho-fi-de.pdf" &&
	ho_text -f 1 -l 1 "$TMP/ho-fi-de.pdf" >"$TMP/ho-fi-cover.txt" &&
	ho_has "$TMP/ho-fi-cover.txt" "Fichtelgebirge" &&
	ho_lacks "$TMP/ho-fi-cover.txt" "Fichtel Mountains" &&
	# the report variant (the default) keeps its own paragraph instead
	ho_text "$TMP/ho-fi-de.pdf" >"$TMP/ho-fi-de.txt" &&
	ho_has "$TMP/ho-fi-de.txt" "Die folgenden Seiten stellen alle" &&
	ho_lacks "$TMP/ho-fi-de.txt" "Dieses Heft stellt die Kooperationen"
}

# Two regions in two languages: four PDFs that qpdf accepts, nothing said
# when stderr is no terminal, a line per file with -v.
ho_batch() {
	out=$TMP/ho-batch
	"$BROCHURE" batch "$HO_XML" -s "$HO_A5" --langs de,en \
	    --regions Harz,Fichtelgebirge -o "$out" -j 2 2>"$TMP/ho-batch.err" ||
	    { cat "$TMP/ho-batch.err"; return 1; }
	[ ! -s "$TMP/ho-batch.err" ] || { cat "$TMP/ho-batch.err"; return 1; }
	[ "$(ls "$out" | wc -l)" -eq 4 ] || { ls "$out"; return 1; }
	for f in harz-de harz-en fichtelgebirge-de fichtelgebirge-en; do
		qpdf --check "$out/handout-$f.pdf" >/dev/null ||
		    { echo "qpdf: handout-$f.pdf"; return 1; }
	done
	ho_text -f 1 -l 1 "$out/handout-fichtelgebirge-en.pdf" |
	    grep -q "Fichtel Mountains" || return 1
	"$BROCHURE" batch "$HO_XML" -s "$HO_A5" --langs en --regions all \
	    -o "$out/all" -v 2>"$TMP/ho-batch.err" || return 1
	[ "$(grep -c '^\[[1-3]/3\] .*/handout-[a-z]*-en.pdf$' "$TMP/ho-batch.err")" -eq 3 ] &&
	    [ "$(ls "$out/all" | wc -l)" -eq 3 ] ||
	    { cat "$TMP/ho-batch.err"; ls "$out/all"; return 1; }
}

# One language without a locale and one unknown region: the other build
# is still written, the failures are explained, the exit status is 1.
ho_batch_fails() {
	out=$TMP/ho-fail
	"$BROCHURE" batch "$HO_XML" -s "$HO_A5" --langs de,xx \
	    --regions Harz,Nowhere -o "$out" 2>"$TMP/ho-fail.err"
	rc=$?
	[ "$rc" -eq 1 ] || { echo "exit $rc, want 1"; cat "$TMP/ho-fail.err"; return 1; }
	qpdf --check "$out/handout-harz-de.pdf" >/dev/null &&
	[ ! -e "$out/handout-harz-xx.pdf" ] &&
	grep -q 'no entries of region "Nowhere": its regions are "Altmark", "Fichtelgebirge", "Harz"' "$TMP/ho-fail.err" &&
	grep -q 'no locale for language "xx"' "$TMP/ho-fail.err" &&
	grep -q 'handout-harz-xx.pdf: failed, 1 error$' "$TMP/ho-fail.err" &&
	[ "$(tail -1 "$TMP/ho-fail.err")" = "brochure: 1 of 4 files built, 3 failed" ] ||
	    { cat "$TMP/ho-fail.err"; return 1; }
}

# A print batch gives every file the print build's boxes (the trim is the
# A5 page, the media box larger) and the style's CMYK colours.
ho_batch_print() {
	out=$TMP/ho-print
	"$BROCHURE" batch "$HO_XML" -s "$HO_A5" --langs de,en --regions Harz \
	    --print -o "$out" 2>"$TMP/ho-print.err" ||
	    { cat "$TMP/ho-print.err"; return 1; }
	for f in "$out/handout-harz-de.pdf" "$out/handout-harz-en.pdf"; do
		pdfinfo -box "$f" | grep -q '^TrimBox: *0.00 *0.00 *419.53 *595.28$' &&
		pdfinfo -box "$f" | grep -q '^MediaBox: *-' ||
		    { echo "$f"; pdfinfo -box "$f"; return 1; }
		# the style's CMYK colours: fills with k, none with rg
		qpdf --qdf --object-streams=disable "$f" "$TMP/ho-print.qdf" &&
		grep -aq ' k$' "$TMP/ho-print.qdf" &&
		! grep -aq ' rg$' "$TMP/ho-print.qdf" ||
		    { echo "$f: not in the style's CMYK colours"; return 1; }
	done
}

# The batch's usage errors.
ho_batch_usage() {
	"$BROCHURE" batch "$HO_XML" -j 0 -o "$TMP/ho-u" 2>"$TMP/ho-u.err"
	[ $? -eq 2 ] && grep -q -- '-j takes a number' "$TMP/ho-u.err" &&
	    [ ! -e "$TMP/ho-u" ]
}

run_handout() {
	check "handout: English labels, numbers, month and quotes" ho_locale_en
	check "handout: Czech labels, numbers, month and quotes" ho_locale_cs
	check "handout: Polish labels, numbers, month and quotes" ho_locale_pl
	check "handout: a fallback warning per group, then their count" ho_fallbacks
	check "handout: a region's charts count its entries" ho_region_counts
	check "handout: a region keeps its entries and quotes, names itself" ho_region_keeps
	check "handout: batch of 2 regions x 2 languages" ho_batch
	check "handout: batch builds the rest when one fails, exits 1" ho_batch_fails
	check "handout: a print batch has the print boxes" ho_batch_print
	check "handout: batch usage errors" ho_batch_usage
}
