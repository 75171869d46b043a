# Metadata, reproducibility, PDF/A and print builds, end to end: the
# producer names brochure's version; dates come from SOURCE_DATE_EPOCH
# (digits only) or the report's date, and equal input gives equal bytes;
# the XMP packet is well-formed even for a title full of markup; --pdfa
# adds the sRGB output intent, pdfaid and a stable /ID; --print adds the
# boxes, crop marks outside the trim, a cover that runs into the bleed
# and CMYK colours (none in screen builds); qpdf --check is clean in
# every mode.
PR_XML=input/kreativland-2024/report.xml
PR_DIR="$TMP/print"
PR_BLEED=8.50			# 3 mm in pt, as pdfinfo -box prints it

# Build the demo report into $PR_DIR/$1.pdf with the remaining options,
# in an environment without SOURCE_DATE_EPOCH plus the words of $PR_ENV
# (NAME=value, set it in a subshell).
pr_build() {
	out=$1; shift
	mkdir -p "$PR_DIR" &&
	env -u SOURCE_DATE_EPOCH ${PR_ENV:-} "$BROCHURE" build "$PR_XML" \
	    -o "$PR_DIR/$out.pdf" "$@" 2>"$PR_DIR/$out.err"
}
pr_info() { pdfinfo -isodates "$PR_DIR/$1.pdf" | sed -n "s/^$2: *//p"; }
# The number of the object a catalog entry (Metadata, ...) refers to.
pr_catalog_ref() {
	root=$(qpdf --show-object=trailer "$PR_DIR/$1.pdf" |
	    sed -n 's/.*\/Root \([0-9]*\) 0 R.*/\1/p')
	qpdf --show-object="$root" "$PR_DIR/$1.pdf" |
	    sed -n "s/.*\/$2 \([0-9]*\) 0 R.*/\1/p"
}
# The XMP packet of a built PDF, to $PR_DIR/$1.xmp.
pr_xmp() {
	n=$(pr_catalog_ref "$1" Metadata) && [ -n "$n" ] &&
	qpdf --show-object="$n" --raw-stream-data "$PR_DIR/$1.pdf" \
	    >"$PR_DIR/$1.xmp"
}
pr_xpath() {
	xmllint --xpath "$2" "$PR_DIR/$1.xmp"
}
# The colour of one pixel (r g b, 0-255) of page 1 at PDF point x y,
# given the page's MediaBox lower left x0 y0 and top y1 [pt], at 72 dpi.
pr_pixel() {
	f=$1 x=$2 y=$3 x0=$4 y1=$5
	px=$(awk "BEGIN { printf \"%d\", $x - ($x0) }")
	py=$(awk "BEGIN { printf \"%d\", $y1 - $y }")
	pdftoppm -r 72 -f 1 -l 1 -x "$px" -y "$py" -W 1 -H 1 "$PR_DIR/$f.pdf" |
	    tail -c 3 | od -An -tu1 | tr -s ' ' | sed 's/^ //; s/ $//'
}

pr_producer() {
	pr_build screen || return 1
	version=$("$BROCHURE" --version | sed 's/^brochure //')
	pr_info screen Producer | grep -q "^brochure $version (libharu " &&
	pr_info screen Creator | grep -qx "brochure $version" &&
	pr_info screen Title | grep -qx 'Innovation durch Kooperation' ||
	    { pdfinfo "$PR_DIR/screen.pdf"; return 1; }
}
# Without SOURCE_DATE_EPOCH the report's date (2024-08): the first of
# the month, 00:00 UTC; two builds are the same bytes.
pr_report_date() {
	pr_build date1 && pr_build date2 &&
	[ "$(pr_info date1 CreationDate)" = 2024-08-01T00:00:00Z ] &&
	[ "$(pr_info date1 ModDate)" = 2024-08-01T00:00:00Z ] &&
	cmp "$PR_DIR/date1.pdf" "$PR_DIR/date2.pdf"
}
pr_epoch() {
	(PR_ENV=SOURCE_DATE_EPOCH=1700000000; pr_build e1 && pr_build e2) &&
	(PR_ENV=SOURCE_DATE_EPOCH=1700000060; pr_build e3) || return 1
	[ "$(pr_info e1 CreationDate)" = 2023-11-14T22:13:20Z ] &&
	cmp "$PR_DIR/e1.pdf" "$PR_DIR/e2.pdf" &&
	! cmp -s "$PR_DIR/e1.pdf" "$PR_DIR/e3.pdf" &&
	pr_xmp e1 && pr_xpath e1 'string(//*[local-name()="CreateDate"])' |
	    grep -qx 2023-11-14T22:13:20Z
}
pr_bad_epoch() {
	for bad in 12x -5 "" 1e9 99999999999999999999; do
		(PR_ENV=SOURCE_DATE_EPOCH=$bad; pr_build bad) && return 1
		grep -q "SOURCE_DATE_EPOCH=\"$bad\" is not a time" \
		    "$PR_DIR/bad.err" || { cat "$PR_DIR/bad.err"; return 1; }
		[ ! -e "$PR_DIR/bad.pdf" ] || return 1
	done
}
# A title with every character XML must escape: the packet stays
# well-formed and carries the title unchanged, so does the info dict.
pr_xmp_escaped() {
	mkdir -p "$PR_DIR" &&
	sed 's|<title>Ein kleiner Bericht</title>|<title>Kultur \&amp; Köln \&lt;2024\&gt; "Ja" '"'"'n'"'"'</title>|' \
	    examples/minimal/report.xml >"$PR_DIR/amp.xml" &&
	"$BROCHURE" build "$PR_DIR/amp.xml" -o "$PR_DIR/amp.pdf" &&
	pr_xmp amp && xmllint --noout "$PR_DIR/amp.xmp" || return 1
	want="Kultur & Köln <2024> \"Ja\" 'n'"
	[ "$(pr_xpath amp 'string(//*[local-name()="title"]//*[@xml:lang="x-default"])')" = "$want" ] &&
	[ "$(pr_xpath amp 'string(//*[local-name()="title"]//*[@xml:lang="de"])')" = "$want" ] &&
	[ "$(pr_xpath amp 'string(//*[local-name()="language"])')" = de ] &&
	[ "$(pr_info amp Title)" = "$want" ] &&
	pr_xpath amp 'string(//*[local-name()="Producer"])' | grep -q '^brochure ' &&
	[ "$(pr_xpath amp 'string(//*[local-name()="part" and namespace-uri()="http://www.aiim.org/pdfua/ns/id/"])')" = 1 ] &&
	qpdf --show-object="$(pr_catalog_ref amp Metadata)" "$PR_DIR/amp.pdf" |
	    grep -q '/Subtype /XML' && qpdf --check "$PR_DIR/amp.pdf" >/dev/null
}
pr_screen_xmp() {
	pr_xmp screen && xmllint --noout "$PR_DIR/screen.xmp" &&
	[ "$(pr_xpath screen 'string(//*[local-name()="publisher"])')" = \
	    'Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V.' ] &&
	! grep -q pdfaid:part "$PR_DIR/screen.xmp" &&
	qpdf --check "$PR_DIR/screen.pdf" >/dev/null
}
pr_pdfa() {
	pr_build a1 --pdfa && pr_build a2 --pdfa || return 1
	root=$(qpdf --show-object=trailer "$PR_DIR/a1.pdf" |
	    sed -n 's/.*\/Root \([0-9]*\) 0 R.*/\1/p')
	qpdf --show-object="$root" "$PR_DIR/a1.pdf" >"$PR_DIR/a1.root"
	grep -q '/OutputIntents \[ << /DestOutputProfile [0-9]* 0 R ' "$PR_DIR/a1.root" &&
	grep -q '/S /GTS_PDFA1' "$PR_DIR/a1.root" &&
	pr_xmp a1 && xmllint --noout "$PR_DIR/a1.xmp" &&
	[ "$(pr_xpath a1 'string(//*[local-name()="part" and namespace-uri()="http://www.aiim.org/pdfa/ns/id/"])')" = 2 ] &&
	[ "$(pr_xpath a1 'string(//*[local-name()="conformance"])')" = B ] &&
	id1=$(qpdf --show-object=trailer "$PR_DIR/a1.pdf" | grep -o '/ID \[ <[0-9a-f]*> <[0-9a-f]*> \]') &&
	id2=$(qpdf --show-object=trailer "$PR_DIR/a2.pdf" | grep -o '/ID \[ <[0-9a-f]*> <[0-9a-f]*> \]') &&
	[ -n "$id1" ] && [ "$id1" = "$id2" ] &&
	cmp "$PR_DIR/a1.pdf" "$PR_DIR/a2.pdf" &&
	qpdf --check "$PR_DIR/a1.pdf" >/dev/null
}
# PDF/A: every link prints (/F 4), no JavaScript, no encryption, every
# font embedded.
pr_pdfa_rules() {
	qpdf --qdf --object-streams=disable "$PR_DIR/a1.pdf" "$PR_DIR/a1q.pdf" &&
	awk '/^[0-9]+ 0 obj/ { o = ""; next }
	    /^endobj/ { if (o ~ /\/Subtype \/Link/) { n++; if (o !~ /\/F 4 /) bad++ } }
	    { o = o " " $0 " " }
	    END { print n " links, " bad + 0 " without /F 4"; exit !(n > 0 && !bad) }' \
	    "$PR_DIR/a1q.pdf" &&
	! grep -a -q -e '/JavaScript' -e '/JS ' -e '/Encrypt' "$PR_DIR/a1q.pdf" &&
	pdffonts "$PR_DIR/a1.pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'
}
pr_pdfa_no_profile() {
	(PR_ENV=BROCHURE_ICC_PROFILE=$TMP/no-such.icc; pr_build np --pdfa) &&
	    return 1
	grep -q 'sRGB ICC profile .*no-such.icc' "$PR_DIR/np.err" &&
	[ ! -e "$PR_DIR/np.pdf" ]
}
pr_print_boxes() {
	pr_build p --print || return 1
	pdfinfo -box "$PR_DIR/p.pdf" >"$PR_DIR/p.box"
	trim=$(sed -n 's/^TrimBox: *//p' "$PR_DIR/p.box" | head -1)
	bleed=$(sed -n 's/^BleedBox: *//p' "$PR_DIR/p.box" | head -1)
	media=$(sed -n 's/^MediaBox: *//p' "$PR_DIR/p.box" | head -1)
	echo "trim $trim / bleed $bleed / media $media"
	echo "$trim" | awk '{ exit !($1 == 0 && $2 == 0 && $3 == 595.28 && $4 == 841.89) }' &&
	echo "$bleed" | awk -v b=$PR_BLEED '{ exit !($1 == -b && $2 == -b &&
	    $3 == 595.28 + b && $4 == 841.89 + b) }' &&
	echo "$media $bleed" | awk '{ exit !($1 < $5 && $2 < $6 && $3 > $7 && $4 > $8) }' &&
	qpdf --check "$PR_DIR/p.pdf" >/dev/null
}
# The marks: in the registration colour (Separation /All), marked as
# artifacts, every stroke outside the bleed box.
pr_crop_marks() {
	qpdf --qdf --object-streams=disable "$PR_DIR/p.pdf" "$PR_DIR/pq.pdf" &&
	grep -a -q '/Separation' "$PR_DIR/pq.pdf" && grep -a -q '/All' "$PR_DIR/pq.pdf" &&
	awk -v b=$PR_BLEED '
	    /^\/Artifact BMC$/ { on = 1; n++; next }
	    on && /^EMC$/ { on = 0 }
	    on && / [ml]$/ { pts++
		if ($1 > -b && $1 < 595.28 + b && $2 > -b && $2 < 841.89 + b) {
			print "a crop mark inside the bleed: " $0; bad = 1 } }
	    END { if (n == 0 || pts != n * 16) { print n " pages, " pts " points"; bad = 1 }
		exit bad }' "$PR_DIR/pq.pdf" &&
	grep -a -q '^/Reg CS 1 SCN$' "$PR_DIR/pq.pdf"
}
# The cover's accent field runs over the left and top edges into the
# bleed, and the paper beyond the bleed stays white.
pr_cover_bleed() {
	x0=$(sed -n 's/^MediaBox: *//p' "$PR_DIR/p.box" | head -1 | awk '{ print $1 }')
	y1=$(sed -n 's/^MediaBox: *//p' "$PR_DIR/p.box" | head -1 | awk '{ print $4 }')
	in_left=$(pr_pixel p -4 800 "$x0" "$y1")
	in_top=$(pr_pixel p 300 845 "$x0" "$y1")
	beyond=$(pr_pixel p -15 800 "$x0" "$y1")
	echo "bleed left: $in_left, top: $in_top, beyond: $beyond"
	[ "$beyond" = "255 255 255" ] &&
	echo "$in_left $in_top" | awk '{ exit !($1 < 100 && $4 < 100) }'
}
# A cover image across the whole width runs into the bleed on both
# sides (its left edge is a green bar, its right white), keeping its
# proportions: scaled up, clipped to the bleed.
pr_image_bleed() {
	sed "s|<date>2024-08</date>|&<cover src=\"$(pwd)/input/kreativland-2024/images/simul-logo.png\"/>|" \
	    examples/minimal/report.xml >"$PR_DIR/cover.xml" &&
	"$BROCHURE" build "$PR_DIR/cover.xml" --print -o "$PR_DIR/cover.pdf" &&
	"$BROCHURE" build "$PR_DIR/cover.xml" --dump |
	    grep -q '^  image figure 0.00 321.38 595.28 186.02 ' || return 1
	x0=$(sed -n 's/^MediaBox: *//p' "$PR_DIR/p.box" | head -1 | awk '{ print $1 }')
	y1=$(sed -n 's/^MediaBox: *//p' "$PR_DIR/p.box" | head -1 | awk '{ print $4 }')
	left=$(pr_pixel cover -4 414 "$x0" "$y1")
	beyond=$(pr_pixel cover -15 414 "$x0" "$y1")
	echo "left: $left, beyond: $beyond"
	[ "$beyond" = "255 255 255" ] && [ "$left" != "255 255 255" ] &&
	qpdf --qdf --object-streams=disable "$PR_DIR/cover.pdf" - |
	    grep -a -A4 '^-8.50394 321.37796 612.28345 186.02362 re$' |
	    tr '\n' ' ' | grep -q ' re W n q 612.28345 0 0 191.33858 ' &&
	qpdf --check "$PR_DIR/cover.pdf" >/dev/null
}
pr_cmyk() {
	qpdf --qdf --object-streams=disable "$PR_DIR/screen.pdf" "$PR_DIR/sq.pdf" &&
	[ "$(grep -a -c -E ' (k|K)$' "$PR_DIR/pq.pdf")" -gt 100 ] &&
	grep -a -q '^0\?\.95 0\?\.3 0\?\.4 0\?\.2 k$' "$PR_DIR/pq.pdf" &&
	! grep -a -q -E ' (k|K)$' "$PR_DIR/sq.pdf" &&
	grep -a -q -E ' rg$' "$PR_DIR/sq.pdf"
}
# A style copy with its font paths made absolute, edited by sed $1.
pr_style() {
	sed -e "s|\"\.\./fonts/|\"$(pwd)/fonts/|g" -e "$1" styles/brochure-a4.xml \
	    >"$PR_DIR/style.xml"
}
pr_no_marks() {
	pr_style 's|<print bleed="3mm" marks="yes"/>|<print bleed="5mm" marks="no"/>|' &&
	pr_build nm --print -s "$PR_DIR/style.xml" &&
	pdfinfo -box "$PR_DIR/nm.pdf" >"$PR_DIR/nm.box" &&
	grep -q '^MediaBox: *-14.17 *-14.17 *609.45 *856.06' "$PR_DIR/nm.box" &&
	grep -q '^BleedBox: *-14.17 *-14.17 *609.45 *856.06' "$PR_DIR/nm.box" &&
	qpdf --qdf --object-streams=disable "$PR_DIR/nm.pdf" "$PR_DIR/nmq.pdf" &&
	! grep -a -q 'Artifact BMC' "$PR_DIR/nmq.pdf" || { cat "$PR_DIR/nm.box" "$PR_DIR/nm.err"; return 1; }
}
pr_bad_cmyk() {
	pr_style 's|cmyk="0 0 0 0.9"|cmyk="0 0 1.5 0.9"|' &&
	! pr_build bc -s "$PR_DIR/style.xml" &&
	grep -q 'style.xml:[0-9]*: error: cmyk="…" needs four numbers' "$PR_DIR/bc.err" ||
	    { cat "$PR_DIR/bc.err"; return 1; }
}
pr_pdfa_print_refused() {
	"$BROCHURE" build "$PR_XML" --pdfa --print -o "$PR_DIR/ap.pdf" 2>"$PR_DIR/ap.err"
	[ $? -eq 2 ] && grep -q 'cannot be combined' "$PR_DIR/ap.err" &&
	[ ! -e "$PR_DIR/ap.pdf" ]
}

run_print() {
	check "print: the producer names brochure's version" pr_producer
	check "print: dates from the report's date, equal bytes twice" pr_report_date
	check "print: SOURCE_DATE_EPOCH sets the dates, equal bytes twice" pr_epoch
	check "print: a SOURCE_DATE_EPOCH that is not digits is an error" pr_bad_epoch
	check "print: the XMP packet escapes a title full of markup" pr_xmp_escaped
	check "print: the screen build's XMP is well-formed, without pdfaid" pr_screen_xmp
	check "print: --pdfa has the sRGB output intent, pdfaid 2B, a stable /ID" pr_pdfa
	check "print: --pdfa links print, no JavaScript, fonts embedded" pr_pdfa_rules
	check "print: --pdfa without the ICC profile is an error" pr_pdfa_no_profile
	check "print: --print has media > bleed (3 mm) > trim boxes" pr_print_boxes
	check "print: crop marks in the registration colour, outside the bleed" pr_crop_marks
	check "print: the cover background runs into the bleed" pr_cover_bleed
	check "print: a full-width cover image runs into the bleed" pr_image_bleed
	check "print: CMYK colours in print builds only" pr_cmyk
	check "print: marks=\"no\" and another bleed from the style" pr_no_marks
	check "print: a wrong cmyk value in the style is reported" pr_bad_cmyk
	check "print: --pdfa and --print together are refused" pr_pdfa_print_refused
}
