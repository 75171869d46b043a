# Page contents compressed on a second thread (src/pdf_contents.c,
# src/pdf_flate.c): every page's content stream is /FlateDecode and holds
# exactly what libdeflate makes of it at the level pdf_contents.c chooses
# (9 for the first 384 KiB of contents, then 1), so the thread's timing
# never shows: in the demo, in a print build (crop marks drawn before the
# page), in a generated report of 230 entries (1.6 MB of contents, both
# levels) built twice into the same bytes, and in the files of a batch
# (each build a child process).  tests/contents/streams.py reads them.
# A thread that cannot start, or libdeflate failing, is an error and
# leaves no file.
CT_DEMO=input/kreativland-2024/report.xml

# streams.py with tests/contents/redeflate.c built (once)
ct_py() {
	[ -x "$TMP/redeflate" ] || ${CC:-cc} -o "$TMP/redeflate" \
	    tests/contents/redeflate.c -ldeflate || return 1
	/usr/bin/python3 tests/contents/streams.py "$1" "$2" "$TMP/redeflate"
}

ct_demo() {
	"$BROCHURE" build "$CT_DEMO" -s styles/brochure-a4.xml "$@" \
	    -o "$TMP/ct.pdf" && ct_py "$TMP/ct.pdf" "$TMP/ct-s"
}
ct_large() {
	/usr/bin/python3 tests/bench/gen.py 230 "$TMP/ct-gen" &&
	"$BROCHURE" build "$TMP/ct-gen/report.xml" -o "$TMP/ct-1.pdf" &&
	"$BROCHURE" build "$TMP/ct-gen/report.xml" -o "$TMP/ct-2.pdf" &&
	cmp "$TMP/ct-1.pdf" "$TMP/ct-2.pdf" &&
	ct_py "$TMP/ct-1.pdf" "$TMP/ct-l"
}
ct_batch() {
	"$BROCHURE" batch examples/handout/report.xml \
	    -s styles/handout-a5.xml --langs de,en -j 2 -o "$TMP/ct-b" || return 1
	ct_n=0
	for f in "$TMP"/ct-b/*.pdf; do
		ct_py "$f" "$TMP/ct-bs" || return 1
		ct_n=$((ct_n + 1))
	done
	[ "$ct_n" -ge 2 ]
}
# fail_thread or fail_deflate (tests/contents/fail.c, preloaded): a clear
# error, exit status 1, and neither the file nor its temporary file.
ct_fail() {
	ct_def=$(echo "$1" | tr a-z A-Z)
	${CC:-cc} -shared -fPIC -D"$ct_def" -o "$TMP/ct-$1.so" \
	    tests/contents/fail.c || return 1
	mkdir -p "$TMP/ct-f"
	# (an ASan build would refuse a library preloaded before its own)
	ASAN_OPTIONS=verify_asan_link_order=0:${ASAN_OPTIONS:-} \
	    LD_PRELOAD="$TMP/ct-$1.so" "$BROCHURE" build "$CT_DEMO" \
	    -o "$TMP/ct-f/out.pdf" 2>"$TMP/ct-f.err"
	rc=$?
	cat "$TMP/ct-f.err"
	[ "$rc" -eq 1 ] && grep -q "$2" "$TMP/ct-f.err" &&
	    [ -z "$(ls -A "$TMP/ct-f")" ]
}

run_contents() {
	check "contents: the demo's pages, compressed as chosen" ct_demo
	check "contents: a print build's pages likewise" ct_demo --print
	check "contents: 230 entries, both levels, the same bytes twice" \
	    ct_large
	check "contents: a batch's files likewise" ct_batch
	check "contents: no thread: an error and no file" ct_fail fail_thread \
	    'error: cannot start a thread to compress the PDF'
	check "contents: libdeflate failing: an error and no file" \
	    ct_fail fail_deflate \
	    'error: libdeflate failed compressing the PDF'
}
