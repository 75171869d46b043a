# Output size and the prepared fonts (fonts/README.md): the demo without
# its images (photographs, logo, figures: the image XObjects' bytes left
# out, tests/size/pdfsize.py) stays within its budget, its fonts within
# theirs; every font is embedded once, subset, with its ToUnicode map, and
# none that is never drawn; the prepared fonts set the demo in German,
# English, Czech and Polish exactly as the original fonts do (layout dump
# and text) and draw every character they promise; make prepares them
# byte for byte the same; make install installs them.
SZ_DEMO=input/kreativland-2024/report.xml
SZ_BUILD=$(dirname "$BROCHURE")		# the build folder: its fonts/
# [bytes] Issue #9's aim, 150 KB without photographs.  With every
# object but the streams packed into object streams (src/pdf_pack.c) and
# page contents that set font and colour only when they change, the demo
# takes 149.9 KB: some 74 KB of page contents, 51 KB of fonts, 10 KB of
# tag structure, 6 KB of link annotations (pdfsize.py shares an object
# stream's bytes among its objects).
SZ_REST_MAX=$((150 * 1024))
SZ_FONTS_MAX=$((72 * 1024))

sz_measure() {
	/usr/bin/python3 tests/size/pdfsize.py "$1" >"$1.size" || return 1
	cat "$1.size"
}
sz_value() { sed -n "s/^$2 //p" "$1.size"; }

sz_demo() {
	"$BROCHURE" build "$SZ_DEMO" -s styles/brochure-a4.xml \
	    -o "$TMP/sz.pdf" && sz_measure "$TMP/sz.pdf"
}
sz_rest() {
	rest=$(sz_value "$TMP/sz.pdf" rest)
	echo "without images: $rest bytes (at most $SZ_REST_MAX)"
	[ "$rest" -le "$SZ_REST_MAX" ]
}
sz_fonts() {
	fonts=$(sz_value "$TMP/sz.pdf" fonts)
	echo "fonts: $fonts bytes (at most $SZ_FONTS_MAX)"
	[ "$fonts" -le "$SZ_FONTS_MAX" ]
}

# Page contents set font and colour only when they change, and runs in
# a row share a text object (src/pdf_device.c): in the demo, counted in
# its uncompressed contents, at most a third as many Tf and rg as TJ
# (one each before) and half as many BT.
sz_contents() {
	BROCHURE_NO_PACK=1 "$BROCHURE" build "$SZ_DEMO" \
	    -s styles/brochure-a4.xml -o "$TMP/sz-np.pdf" &&
	qpdf --qdf --object-streams=disable "$TMP/sz-np.pdf" \
	    "$TMP/sz-qdf.pdf" || return 1
	tj=$(grep -ac ' TJ$' "$TMP/sz-qdf.pdf")
	tf=$(grep -ac ' Tf$' "$TMP/sz-qdf.pdf")
	rg=$(grep -ac ' rg$' "$TMP/sz-qdf.pdf")
	bt=$(grep -ac '^BT$' "$TMP/sz-qdf.pdf")
	echo "TJ $tj, Tf $tf, rg $rg, BT $bt"
	[ "$tj" -gt 0 ] && [ $((tf * 3)) -le "$tj" ] &&
	    [ $((rg * 3)) -le "$tj" ] && [ $((bt * 2)) -le "$tj" ]
}

# pdffonts: every font embedded, subset, with ToUnicode, prepared
# (renamed), each name once; as many font programs as fonts shown; no
# ToUnicode map of libharu's left unused.
sz_pdffonts() {
	pdffonts "$1" >"$1.fonts" || return 1
	cat "$1.fonts"
	awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-3) != "yes" ||
	    $(NF-2) != "yes" || $1 !~ /^[A-Z]+\+Brochure(Sans|Fallback)/)
	    bad = 1; name = $1; sub(/^[A-Z]*\+/, "", name);
	    if (seen[name]++) { print "twice: " name; bad = 1 } }
	    END { exit bad || n == 0 }' "$1.fonts" || return 1
	[ "$(sz_value "$1" programs)" -eq $(($(wc -l <"$1.fonts") - 2)) ] ||
	    { echo "font programs: $(sz_value "$1" programs)"; return 1; }
	[ "$(sz_value "$1" cmaps)" -eq 0 ] ||
	    { echo "unused CMaps: $(sz_value "$1" cmaps)"; return 1; }
}
sz_once() { sz_pdffonts "$TMP/sz.pdf"; }

# The original fonts, from a folder that is not the data folder's fonts/.
sz_originals() {
	[ -f "$TMP/sz-orig.xml" ] && return
	mkdir -p "$TMP/sz-orig" && cp fonts/*.ttf "$TMP/sz-orig/" &&
	    sed "s|\"\.\./fonts/|\"$TMP/sz-orig/|g" styles/brochure-a4.xml \
	    >"$TMP/sz-orig.xml"
}
# lang, then words with the language's letters: the same layout and text
# as with the original fonts, every font prepared, no character missing.
sz_lang() {
	l=$1; shift
	sz_originals || return 1
	for v in prep orig; do
		style=styles/brochure-a4.xml
		[ $v = orig ] && style=$TMP/sz-orig.xml
		"$BROCHURE" build "$SZ_DEMO" -s "$style" -l "$l" --dump \
		    >"$TMP/sz-$v.dump" 2>"$TMP/sz-$v.err" &&
		"$BROCHURE" build "$SZ_DEMO" -s "$style" -l "$l" \
		    -o "$TMP/sz-$v.pdf" 2>/dev/null &&
		pdftotext "$TMP/sz-$v.pdf" "$TMP/sz-$v.txt" || return 1
	done
	! grep 'character U+' "$TMP/sz-prep.err" &&
	cmp "$TMP/sz-orig.dump" "$TMP/sz-prep.dump" &&
	cmp "$TMP/sz-orig.err" "$TMP/sz-prep.err" &&
	cmp "$TMP/sz-orig.txt" "$TMP/sz-prep.txt" &&
	sz_measure "$TMP/sz-prep.pdf" >/dev/null &&
	sz_pdffonts "$TMP/sz-prep.pdf" || return 1
	for want in "$@"; do
		grep -qF -- "$want" "$TMP/sz-prep.txt" ||
		    { echo "missing: $want"; return 1; }
	done
}

# A paragraph of every character prepare.py keeps (controls aside): no
# warning, and the text of the original fonts.
sz_charset() {
	sz_originals || return 1
	/usr/bin/python3 -B -c 'import sys; sys.path.insert(0, "fonts")
import prepare
t = "".join(chr(c) for c in prepare.wanted([]) if c > 0x20)
t = " ".join(t[i:i + 12] for i in range(0, len(t), 12))
print("<report version=\"1\" xml:lang=\"de\"><meta><title>Zeichen</title>"
      "<date>2024-08</date>"
      "</meta><body><section id=\"s\"><title>Zeichen</title><p>%s</p>"
      "</section></body></report>" % t.replace("&", "&amp;")
      .replace("<", "&lt;").replace(">", "&gt;"))' >"$TMP/sz-chars.xml" &&
	"$BROCHURE" build "$TMP/sz-chars.xml" -o "$TMP/sz-chars.pdf" \
	    2>"$TMP/sz-chars.err" &&
	"$BROCHURE" build "$TMP/sz-chars.xml" -s "$TMP/sz-orig.xml" \
	    -o "$TMP/sz-chars-orig.pdf" 2>/dev/null || return 1
	cat "$TMP/sz-chars.err"
	[ ! -s "$TMP/sz-chars.err" ] &&
	pdftotext "$TMP/sz-chars.pdf" "$TMP/sz-chars.txt" &&
	pdftotext "$TMP/sz-chars-orig.pdf" "$TMP/sz-chars-orig.txt" &&
	cmp "$TMP/sz-chars.txt" "$TMP/sz-chars-orig.txt" &&
	grep -qF 'ĚěĜĝĞğĠġĢģĤĥ' "$TMP/sz-chars.txt"
}

# Another make run prepares the same bytes as the binary's build folder.
sz_deterministic() {
	fonts=
	for f in fonts/*.ttf; do
		fonts="$fonts $TMP/sz-b/$f"
	done
	# shellcheck disable=SC2086 # one word per font
	make -s B="$TMP/sz-b" $fonts >/dev/null || return 1
	for f in fonts/*.ttf; do
		cmp "$SZ_BUILD/$f" "$TMP/sz-b/$f" || return 1
	done
}

# make install puts the prepared fonts where the installed binary reads
# them, and its PDFs embed them.
sz_install() {
	make -s install B="$SZ_BUILD" DESTDIR="$TMP/sz-stage" \
	    PREFIX=/usr/local >/dev/null || return 1
	share=$TMP/sz-stage/usr/local/share/brochure
	for f in fonts/*.ttf; do
		cmp "$SZ_BUILD/$f" "$share/$f" || return 1
	done
	[ -f "$share/fonts/README.md" ] && cp -r examples "$TMP/sz-ex" &&
	(cd "$TMP" && "$TMP/sz-stage/usr/local/bin/brochure" build \
	    sz-ex/minimal/report.xml -o "$TMP/sz-min.pdf") &&
	sz_measure "$TMP/sz-min.pdf" >/dev/null &&
	sz_pdffonts "$TMP/sz-min.pdf"
}

run_size() {
	check "size: the demo builds" sz_demo
	[ -f "$TMP/sz.pdf.size" ] || return
	check "size: the demo without images within its budget" sz_rest
	check "size: the demo's fonts within their budget" sz_fonts
	check "size: page contents set font and colour when they change" \
	    sz_contents
	check "size: each font embedded once, subset, with ToUnicode" sz_once
	check "size: German as with the original fonts" sz_lang de Inhalt \
	    Impressum "Kultur- und Kreativwirtschaft"
	check "size: English as with the original fonts" sz_lang en \
	    Contents Imprint
	check "size: Czech as with the original fonts" sz_lang cs Obsah Tiráž
	check "size: Polish as with the original fonts" sz_lang pl \
	    "Spis treści" "Stopka redakcyjna"
	check "size: every prepared character is drawn" sz_charset
	check "size: make prepares the same font bytes again" sz_deterministic
	check "size: make install installs the prepared fonts" sz_install
}
