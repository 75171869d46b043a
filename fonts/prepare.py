#!/usr/bin/python3
"""Prepare a shipped font for embedding: make runs this for every fonts/*.ttf.

    /usr/bin/python3 fonts/prepare.py IN.ttf OUT.ttf [TEXT.xml ...]

The output keeps only the characters brochure's reports and locales need
(RANGES, plus every character of the TEXT files: the styles and locales),
the glyphs they use, and the 'kern' feature HarfBuzz reads for pair
kerning.  A font that a style names as a <fallback> also keeps the symbols
and scripts of FALLBACK_RANGES: it is embedded only when a glyph of it is
drawn, and then stands in for whatever the main faces lack.  Hinting, glyph names (post format 3), other layout features
and all but the copyright, licence and naming records are dropped.
Advances and kerning of the kept characters are the original's, so text
measures and breaks exactly as with the full font.

The licences forbid a modified font to keep the original's name (Lato's
Reserved Font Name; "Bitstream"/"Vera" for DejaVu's Vera glyphs), so the
family is renamed (RENAMES) in every naming record; the copyright and
licence records stay.  See fonts/README.md.

It must never write anything but OUT, and the same input gives the same
bytes: fontTools keeps head's dates, and nothing here reads the clock.
Runs with Debian's python3-fonttools (/usr/bin/python3).
"""
import logging
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

# The characters of German, English, Czech and Polish text and of the
# typography brochure sets: [first, last] code point ranges.
RANGES = [
    (0x0020, 0x007E),   # Basic Latin
    (0x00A0, 0x00FF),   # Latin-1 Supplement (NBSP, soft hyphen, ©, °, ä …)
    (0x0100, 0x017F),   # Latin Extended-A (č ř ž ě ů, ą ę ł ń ś ź ż …)
    (0x0218, 0x021B),   # Romanian comma-below letters
    (0x02C6, 0x02C7),   # modifier circumflex, caron
    (0x02D8, 0x02DD),   # breve, dot, ring, ogonek, tilde, double acute
    (0x2007, 0x200A),   # figure, punctuation, thin and hair space
    (0x2010, 0x2027),   # hyphens, dashes, quotation marks, bullet, …
    (0x202F, 0x2030),   # narrow no-break space, per mille
    (0x2032, 0x2033),   # prime, double prime
    (0x2039, 0x203A),   # single guillemets
    (0x2044, 0x2044),   # fraction slash
    (0x2070, 0x2071),   # superscript zero, i
    (0x2074, 0x207F),   # superscript digits and signs (⁺)
    (0x2080, 0x208E),   # subscript digits and signs
    (0x20AC, 0x20AC),   # euro sign
    (0x2116, 0x2116),   # numero sign
    (0x2122, 0x2122),   # trade mark sign
    (0x2190, 0x2199),   # arrows (→, ↗ for links)
    (0x2212, 0x2212),   # minus sign (the locales' default)
    (0x2460, 0x2473),   # circled numbers ① to ⑳ (footnote marks)
]

# What a fallback font keeps besides RANGES.
FALLBACK_RANGES = [
    (0x0180, 0x024F),   # Latin Extended-B
    (0x0370, 0x03FF),   # Greek
    (0x0400, 0x04FF),   # Cyrillic
    (0x1E00, 0x1EFF),   # Latin Extended Additional
    (0x20A0, 0x20CF),   # currency signs
    (0x2100, 0x218F),   # letterlike symbols, number forms
    (0x2190, 0x22FF),   # arrows, mathematical operators
    (0x2460, 0x24FF),   # enclosed alphanumerics
    (0x2500, 0x25FF),   # box drawing, blocks, geometric shapes
    (0x2600, 0x27BF),   # miscellaneous symbols, dingbats (✓ ★)
]

# Name records kept: copyright, family, subfamily, unique id, full name,
# version, PostScript name, trademark, manufacturer, designer, licence,
# licence URL, typographic family and subfamily.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 16, 17]
# Records that carry the font's name, which a modified font must change.
RENAMED_IDS = (1, 3, 4, 6, 16, 17)
# Original family name -> ours, spelt with and without spaces.
RENAMES = [
    ("DejaVu Sans", "Brochure Fallback"),
    ("DejaVuSans", "BrochureFallback"),
    ("Lato", "Brochure Sans"),
]
# Names no renamed record may still contain (the licences' reserved words).
RESERVED = ("Lato", "DejaVu", "Bitstream", "Vera", "Arev")
VERSION_NOTE = "; subset for brochure"


def text_chars(paths):
    """Every non-ASCII character of the files, character references too."""
    found = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        found.update(ord(c) for c in text if ord(c) > 0x7E)
        for m in re.finditer(r"&#x([0-9A-Fa-f]+);|&#([0-9]+);", text):
            found.add(int(m.group(1), 16) if m.group(1) else int(m.group(2)))
    return found


def fallback_files(paths):
    """The file names the styles among paths name as fallback fonts."""
    names = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for m in re.finditer(r'<fallback\s+file="([^"]+)"', f.read()):
                names.add(m.group(1).rsplit("/", 1)[-1])
    return names


def wanted(paths, fallback=False):
    cps = set()
    for first, last in RANGES + (FALLBACK_RANGES if fallback else []):
        cps.update(range(first, last + 1))
    # libharu draws only the Basic Multilingual Plane
    cps.update(c for c in text_chars(paths) if c <= 0xFFFF)
    return sorted(cps)


def renamed(name_id, text):
    for old, new in RENAMES:
        if name_id in (3, 6):
            new = new.replace(" ", "")
        text = text.replace(old, new)
    return text


def rename(font):
    table = font["name"]
    for rec in table.names:
        text = rec.toUnicode()
        if rec.nameID in RENAMED_IDS:
            text = renamed(rec.nameID, text)
            for word in RESERVED:
                if word in text:
                    sys.exit("prepare.py: name %d still says %r: add a "
                             "rename" % (rec.nameID, text))
        elif rec.nameID == 5:
            text += VERSION_NOTE
        rec.string = text


def options():
    o = subset.Options()
    o.layout_features = ["kern"]
    o.hinting = False
    o.glyph_names = False          # post format 3
    o.notdef_outline = True        # what a missing glyph draws
    o.name_IDs = NAME_IDS
    o.name_legacy = False          # Windows Unicode records only
    o.drop_tables += ["GSUB", "MATH", "FFTM", "gasp"]
    return o


def main(argv):
    if len(argv) < 3:
        sys.exit("usage: prepare.py IN.ttf OUT.ttf [TEXT.xml ...]")
    # Lato's head.created is a Unix time; fontTools says so and converts it
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(
        logging.ERROR)
    font = TTFont(argv[1], recalcTimestamp=False)
    sub = subset.Subsetter(options())
    fallback = argv[1].rsplit("/", 1)[-1] in fallback_files(argv[3:])
    sub.populate(unicodes=wanted(argv[3:], fallback))
    sub.subset(font)
    rename(font)
    font.save(argv[2])


if __name__ == "__main__":
    main(sys.argv)
