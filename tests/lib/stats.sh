# brochure stats end to end: the demo dataset reproduces every row of the
# chart table of the 2024 brochure (shared/design/brochure-2024.md), the
# demo PDF prints the same shares, and a region's run counts that
# region's entries only (recounted here from the XML with xmllint).
STATS_XML=input/kreativland-2024/report.xml

# The published table: chart, key, count, total, share as printed.
STATS_2024='chart-kontakt targeted 16 23 69,6 %
chart-kontakt previous 7 23 30,4 %
chart-kontakt events 3 23 13,0 %
chart-region attractiveness 18 23 78,3 %
chart-region infrastructure 15 23 65,2 %
chart-region tourism 10 23 43,5 %
chart-region skilled-workers 6 23 26,1 %
chart-partner innovation 19 23 82,6 %
chart-partner quality 13 23 56,5 %
chart-partner competence 12 23 52,2 %
chart-dauer over-2y 18 23 78,3 %
chart-dauer over-5y 9 23 39,1 %
chart-dauer continuous 12 23 52,2 %'

# CSV rows (RFC 4180, header dropped) as "chart key count total share",
# the no-break space in the share made a plain one.
stats_rows() {
	sed '1d; s/\xc2\xa0/ /g' | awk '
	function split_csv(line, f,    n, i, c, q, cur) {
		n = 0; cur = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q && c == "\"" && substr(line, i + 1, 1) == "\"") {
				cur = cur c; i++
			} else if (c == "\"")
				q = !q
			else if (!q && c == ",") {
				f[++n] = cur; cur = ""
			} else
				cur = cur c
		}
		f[++n] = cur
		return n
	}
	{ n = split_csv($0, f); if (n != 7) { print "bad row: " $0; exit 1 }
	  print f[1], f[2], f[4], f[5], f[6] }'
}

stats_csv() {
	"$BROCHURE" stats "$STATS_XML" --format csv "$@" >"$TMP/stats.csv" ||
	    return 1
	[ "$(head -1 "$TMP/stats.csv")" = \
	    "chart,key,label,count,total,share,percent" ] ||
	    { echo "header: $(head -1 "$TMP/stats.csv")"; return 1; }
	stats_rows <"$TMP/stats.csv" >"$TMP/stats.rows"
}

stats_published() {
	stats_csv || return 1
	echo "$STATS_2024" | diff -u - "$TMP/stats.rows"
}

# Every share at least as often in the PDF's text as in the table.
stats_in_pdf() {
	"$BROCHURE" build "$STATS_XML" -o "$TMP/stats.pdf" 2>/dev/null ||
	    return 1
	pdftotext "$TMP/stats.pdf" - | sed 's/\xc2\xa0/ /g' >"$TMP/stats.txt"
	echo "$STATS_2024" | awk '{ print $5, $6 }' | sort | uniq -c |
	while read -r want share; do
		got=$(grep -o -F -- "$share" "$TMP/stats.txt" | wc -l)
		[ "$got" -ge "$want" ] ||
		    { echo "\"$share\": $got in the PDF, want $want"; exit 1; }
	done
}

# How many entries of region hold key in facet, by XPath.
stats_recount() {
	xmllint --xinclude --xpath "count(/report/entries/entry[@region='$1']
	    [tags[@facet='$2'][contains(concat(' ', normalize-space(.), ' '),
	    ' $3 ')]])" "$STATS_XML"
}

stats_region() {
	region=Erzgebirge
	n=$(xmllint --xinclude --xpath \
	    "count(/report/entries/entry[@region='$region'])" "$STATS_XML")
	[ "$n" -eq 7 ] || { echo "$n entries in $region, want 7"; return 1; }
	stats_csv --region "$region" 2>/dev/null || return 1
	[ "$(wc -l <"$TMP/stats.rows")" -eq 13 ] || return 1
	while read -r chart key count total share; do
		facet=$(xmllint --xpath "string(//chart[@id='$chart']/@facet)" \
		    "$STATS_XML")
		want=$(stats_recount "$region" "$facet" "$key")
		pct=$(awk -v c="$want" -v t="$n" \
		    'BEGIN { printf "%.1f %%", 100 * c / t }' | tr . ,)
		[ "$count $total $share" = "$want $n $pct" ] || {
			echo "$chart $key: $count $total $share," \
			    "want $want $n $pct"; return 1; }
	done <"$TMP/stats.rows"
}

stats_usage() {
	"$BROCHURE" stats "$STATS_XML" --format xml >/dev/null 2>"$TMP/err"
	[ $? -eq 2 ] && grep -q 'format takes table, csv or json' "$TMP/err" &&
	    "$BROCHURE" stats "$STATS_XML" --format json | head -1 | grep -qx '\[' &&
	    "$BROCHURE" stats "$STATS_XML" | grep -q '^chart-kontakt: Art der'
}

run_stats() {
	check "stats: the 13 bars of the 2024 brochure" stats_published
	check "stats: the same shares in the demo PDF" stats_in_pdf
	check "stats: --region Erzgebirge counts its 7 entries" stats_region
	check "stats: formats and usage" stats_usage
}
