# Justification end to end (issue 3): in the demo brochure every justified
# line of running text except a paragraph's last reaches its column's
# right edge within 0.5 pt, and no line passes it.
#
# What is checked, on the layout dump (brochure build --dump):
# - A glyph item reads `glyphs ROLE X Y w=W FACE SIZE COLOR ws=WS
#   [kern=...] "TEXT"`.  A line is the run of consecutive items of role
#   paragraph on one page, in one column, whose baselines lie within 4 pt
#   of each other (a superscript or note mark is raised off the baseline;
#   the lowest Y is the line's).  It starts at its leftmost X and ends at
#   its largest X + W.
# - The columns come from styles/brochure-a4.xml: an A4 page 210 mm wide,
#   inner and outer margins 22 mm, two columns with a 7 mm gutter, so both
#   on left and on right pages the columns start at x 62.36 and 307.56 pt
#   and are 225.35 pt wide (the dump's paragraph runs start there).
# - A line is justified when its runs carry ws != 0.00 (the extra width
#   of each word space); a paragraph's last line is set at its natural
#   width with ws=0.00.
# - Every line starts inside its column and ends at most 0.01 pt (the
#   dump's rounding) past the right edge; every justified line ends less
#   than 0.5 pt before it.
# - Justification is on: at least 100 lines are justified, and of the
#   lines followed in their column by the next one at the body leading
#   (13.5 pt: the style separates paragraphs with space, so such a line
#   is not a paragraph's last) at most 5 % carry ws=0.00 (a line that
#   fits exactly at its natural width is rare; a dump with ws set to 0
#   fails here).
# And on the PDF the binary writes (pdftotext -bbox, one box a word): the
# last word of each line of the dump (the rightmost word in the line's
# column whose box spans the baseline) ends where the dump says: not past
# the edge, and within 0.5 pt of it on a justified line; every justified
# line is found.  So what is measured is what is drawn.
# The suite also feeds the checks broken input (a dump with ws set to 0,
# with a line pushed past the edge, with one pulled short; every line of
# the PDF taken for justified) to show that they can fail.
EDGES_XML=input/kreativland-2024/report.xml

# The geometry of the style, for awk.
EDGES_AWK_GEOMETRY='
	mm = 72 / 25.4
	width = (210 - 2 * 22 - 7) / 2 * mm	# [pt] a column, 225.35
	colx[0] = 22 * mm			# [pt] first column, 62.36
	colx[1] = colx[0] + width + 7 * mm	# [pt] second column, 307.56
	mid = colx[1] - 3.5 * mm		# [pt] the middle of the gutter
	leading = 13.5				# [pt] the body text leading
'

# The lines of a dump, one a row, in dump order:
#   page column baseline left right justified "text of the last run"
edges_lines() {
	awk "BEGIN { $EDGES_AWK_GEOMETRY }"'
	function flush() {
		if (n > 0)
			printf "%s %d %.2f %.2f %.2f %d %s\n", page, col, base,
			    left, right, just, text
		n = 0
	}
	/^page / { flush(); page = $2; next }
	$1 == "glyphs" && $2 == "paragraph" {
		x = $3 + 0; y = $4 + 0; w = $5; sub(/^w=/, "", w)
		match($0, / ws=[-0-9.]+ /)
		ws = substr($0, RSTART + 4, RLENGTH - 5) + 0
		c = x < mid ? 0 : 1
		if (n > 0 && (c != col || y - base > 4 || base - y > 4))
			flush()
		if (n++ == 0) {
			col = c; base = y; left = x; right = 0; just = 0
		}
		if (y < base) base = y
		if (x < left) left = x
		if (x + w > right) { right = x + w; match($0, /".*"$/)
			text = substr($0, RSTART) }
		if (ws != 0) just = 1
		next
	}
	END { flush() }' "$1"
}

# The rules on the dump's lines (file $1); prints each broken one.
edges_judge() {
	awk "BEGIN { $EDGES_AWK_GEOMETRY }"'
	function bad(msg) { print "page " pg[i] ", column " cl[i] + 1 \
	    ", baseline " bl[i] ": " msg ": " tx[i]; nbad++ }
	{
		n++; pg[n] = $1; cl[n] = $2; bl[n] = $3; lx[n] = $4
		rx[n] = $5; js[n] = $6
		match($0, /".*"$/); tx[n] = substr($0, RSTART)
	}
	END {
		for (i = 1; i <= n; i++) {
			edge = colx[cl[i]] + width
			if (lx[i] < colx[cl[i]] - 0.01)
				bad(sprintf("starts %.2f pt left of the column",
				    colx[cl[i]] - lx[i]))
			if (rx[i] > edge + 0.01)
				bad(sprintf("passes the right edge by %.2f pt",
				    rx[i] - edge))
			if (js[i] && rx[i] < edge - 0.5)
				bad(sprintf("justified but ends %.2f pt short " \
				    "of the right edge", edge - rx[i]))
			njust += js[i]
			if (i < n && pg[i + 1] == pg[i] && cl[i + 1] == cl[i] &&
			    bl[i] - bl[i + 1] > leading - 0.01 &&
			    bl[i] - bl[i + 1] < leading + 0.01) {
				inner++
				ragged += !js[i]
			}
		}
		printf "%d lines, %d justified; %d inside a paragraph, %d " \
		    "of them at natural width\n", n, njust, inner, ragged
		if (njust < 100) {
			print "only " njust " justified lines: justification is off"
			nbad++
		}
		if (ragged > inner * 0.05) {
			print ragged " of " inner " lines inside a paragraph " \
			    "have ws=0.00: justification is off"
			nbad++
		}
		exit nbad > 0
	}' "$1"
}

# The dump's lines (file $1) against the words of the PDF ($2).
edges_pdf_words() {
	pdftotext -bbox "$2" - | awk "BEGIN { $EDGES_AWK_GEOMETRY }"'
	function attr(name,    v) {
		match($0, name "=\"[-0-9.]+\"")
		v = substr($0, RSTART + length(name) + 2)
		return v + 0
	}
	function bad(msg) { print "PDF page " pg[i] ", column " cl[i] + 1 \
	    ", baseline " bl[i] ": " msg ": " tx[i]; nbad++ }
	NR == FNR {
		n++; pg[n] = $1; cl[n] = $2; bl[n] = $3; js[n] = $6
		match($0, /".*"$/); tx[n] = substr($0, RSTART)
		on[$1] = on[$1] " " n
		next
	}
	/<page / { page++; height = attr("height"); next }
	/<word / {
		x0 = attr("xMin"); x1 = attr("xMax")
		y0 = attr("yMin"); y1 = attr("yMax")
		c = x0 < mid ? 0 : 1
		k = split(on[page], idx, " ")
		for (j = 1; j <= k; j++) {
			i = idx[j]; y = height - bl[i]
			if (cl[i] == c && y0 <= y && y <= y1 &&
			    (!(i in last) || x1 > last[i]))
				last[i] = x1
		}
	}
	END {
		for (i = 1; i <= n; i++) {
			edge = colx[cl[i]] + width
			if (!(i in last)) {
				if (js[i])
					bad("justified line not found")
				continue
			}
			if (last[i] > edge + 0.01)
				bad(sprintf("last word passes the right edge " \
				    "by %.2f pt", last[i] - edge))
			if (js[i] && last[i] < edge - 0.5)
				bad(sprintf("justified but the last word ends " \
				    "%.2f pt short of the right edge",
				    edge - last[i]))
			found += js[i] && (i in last)
		}
		print found " justified lines found in the PDF"
		exit nbad > 0
	}' "$1" -
}

edges_dump() {
	"$BROCHURE" build "$EDGES_XML" --dump >"$TMP/edges.dump" &&
	    edges_lines "$TMP/edges.dump" >"$TMP/edges.lines" &&
	    edges_judge "$TMP/edges.lines"
}
edges_pdf() {
	"$BROCHURE" build "$EDGES_XML" -o "$TMP/edges.pdf" &&
	    edges_pdf_words "$TMP/edges.lines" "$TMP/edges.pdf"
}
# The checker must refuse a dump where justification is broken.
edges_refuses() {
	awk "$1" "$TMP/edges.dump" >"$TMP/edges-broken.dump" &&
	    edges_lines "$TMP/edges-broken.dump" >"$TMP/edges-broken.lines" &&
	    ! edges_judge "$TMP/edges-broken.lines"
}
# ... and the PDF check must see a ragged line (a paragraph's last) that
# is taken for a justified one.
edges_pdf_refuses() {
	[ -s "$TMP/edges.pdf" ] &&
	    awk '{ $6 = 1 } 1' "$TMP/edges.lines" >"$TMP/edges-all.lines" &&
	    ! edges_pdf_words "$TMP/edges-all.lines" "$TMP/edges.pdf"
}
run_edges() {
	check "edges: justified lines reach the column edge (dump)" edges_dump
	[ -s "$TMP/edges.lines" ] || return
	check "edges: justified lines reach the column edge (PDF)" edges_pdf
	check "edges: the PDF check fails on a paragraph's last line" \
	    edges_pdf_refuses
	check "edges: the check fails with ws set to 0" edges_refuses \
	    '{ sub(/ ws=[-0-9.]+ /, " ws=0.00 ") } 1'
	check "edges: the check fails on a line past the edge" edges_refuses \
	    '/^  glyphs paragraph 62.36 / && !done { sub(/w=225.35/,
	    "w=226.35"); done = 1 } 1'
	check "edges: the check fails on a justified line 1 pt short" \
	    edges_refuses '/^  glyphs paragraph 62.36 .* ws=[1-9]/ && !done {
	    sub(/w=225.35/, "w=224.35"); done = 1 } 1'
}
