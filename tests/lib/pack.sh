# Packed output (src/pdf_pack.c, issue #9): the demo in every mode
# (screen, --pdfa, --print) is written with its objects in compressed
# object streams and a cross-reference stream; qpdf finds no error; the
# file holds exactly the objects of the same build unpacked
# (BROCHURE_NO_PACK set: libharu's own output) and the same text; two
# builds are byte for byte the same; libharu leaves the font streams
# without a filter and pdf_pack.c compresses them: packed, only the XMP
# packet has none.  tests/pack/pdfpacked.py reads the files with qpdf.
PK_DEMO=input/kreativland-2024/report.xml
PK_PY="/usr/bin/python3 tests/pack/pdfpacked.py"

# pk_build MODE [OPTION]: $TMP/pk-MODE.pdf and, unpacked, -unpacked.pdf.
pk_build() {
	pk_mode=$1; shift
	"$BROCHURE" build "$PK_DEMO" -s styles/brochure-a4.xml "$@" \
	    -o "$TMP/pk-$pk_mode.pdf" &&
	BROCHURE_NO_PACK=1 "$BROCHURE" build "$PK_DEMO" \
	    -s styles/brochure-a4.xml "$@" -o "$TMP/pk-$pk_mode-unpacked.pdf"
}
pk_qpdf() { qpdf --check "$TMP/pk-$1.pdf"; }
pk_packed() {
	head -c 9 "$TMP/pk-$1.pdf" | grep -q '^%PDF-1\.7$' &&
	$PK_PY packed "$TMP/pk-$1.pdf"
}
pk_unpacked() { ! $PK_PY packed "$TMP/pk-$1-unpacked.pdf" >/dev/null; }
pk_same() { $PK_PY same "$TMP/pk-$1.pdf" "$TMP/pk-$1-unpacked.pdf"; }
pk_text() {
	pdftotext "$TMP/pk-$1.pdf" "$TMP/pk-$1.txt" &&
	pdftotext "$TMP/pk-$1-unpacked.pdf" "$TMP/pk-$1-unpacked.txt" &&
	cmp "$TMP/pk-$1.txt" "$TMP/pk-$1-unpacked.txt" &&
	[ -s "$TMP/pk-$1.txt" ]
}
pk_twice() {
	"$BROCHURE" build "$PK_DEMO" -s styles/brochure-a4.xml \
	    -o "$TMP/pk-again.pdf" &&
	cmp "$TMP/pk-screen.pdf" "$TMP/pk-again.pdf"
}
pk_filters() {
	$PK_PY unfiltered "$TMP/pk-$1-unpacked.pdf" >"$TMP/pk-uf.txt" &&
	$PK_PY unfiltered "$TMP/pk-$1.pdf" >"$TMP/pk-f.txt" &&
	echo "unpacked: $(wc -l <"$TMP/pk-uf.txt") streams without a filter"
	cat "$TMP/pk-f.txt"
	[ "$(grep -vc ' /Metadata /XML$' "$TMP/pk-uf.txt")" -gt 0 ] &&
	[ "$(grep -vc ' /Metadata /XML$' "$TMP/pk-f.txt")" -eq 0 ] &&
	[ "$(grep -c ' /Metadata /XML$' "$TMP/pk-f.txt")" -eq 1 ]
}
pk_smaller() {
	p=$(wc -c <"$TMP/pk-$1.pdf") u=$(wc -c <"$TMP/pk-$1-unpacked.pdf")
	echo "packed $p bytes, unpacked $u"
	[ "$p" -lt "$u" ]
}

run_pack() {
	for pk_m in screen pdfa print; do
		pk_opt=
		[ "$pk_m" = screen ] || pk_opt=--$pk_m
		# shellcheck disable=SC2086 # no option, or one
		check "pack $pk_m: builds, packed and unpacked" \
		    pk_build "$pk_m" $pk_opt
		[ -f "$TMP/pk-$pk_m-unpacked.pdf" ] || continue
		check "pack $pk_m: qpdf --check finds no error" pk_qpdf "$pk_m"
		check "pack $pk_m: every object but streams in object streams" \
		    pk_packed "$pk_m"
		check "pack $pk_m: BROCHURE_NO_PACK writes libharu's objects" \
		    pk_unpacked "$pk_m"
		check "pack $pk_m: the same objects as unpacked" pk_same "$pk_m"
		check "pack $pk_m: the same text as unpacked" pk_text "$pk_m"
		check "pack $pk_m: fonts compressed here, only XMP unfiltered" \
		    pk_filters "$pk_m"
		check "pack $pk_m: smaller than unpacked" pk_smaller "$pk_m"
	done
	[ -f "$TMP/pk-screen.pdf" ] &&
	    check "pack: two builds are the same bytes" pk_twice
}
