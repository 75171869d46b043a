# make install into a staging folder; the installed binary, run from
# elsewhere, finds its styles, locales and fonts without the source tree.
install_works() {
	make -s install DESTDIR="$TMP/stage" PREFIX=/usr/local >/dev/null || return 1
	for f in bin/brochure share/brochure/styles/brochure-a4.xml \
	    share/brochure/styles/locales/de.xml share/brochure/fonts/Lato-Regular.ttf \
	    share/brochure/styles/hyphenation/de.txt \
	    share/brochure/schema/report.rng share/man/man1/brochure.1; do
		[ -f "$TMP/stage/usr/local/$f" ] || { echo "not installed: $f"; return 1; }
	done
	cp -r examples "$TMP/ex"
	(cd "$TMP" && "$TMP/stage/usr/local/bin/brochure" build ex/minimal/report.xml -o "$TMP/min.pdf") &&
	    qpdf --check "$TMP/min.pdf" >/dev/null
}
run_install() {
	check "install: the installed binary works outside the source tree" install_works
}
