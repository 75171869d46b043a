#!/usr/bin/python3
"""words.py PDF XML: the words of every <p> of XML come out of the PDF's
structure tree (pdfinfo -struct-text) as they went in.  Lines that break
between two words must not join them ("Rückgratder"); a hyphenation
hyphen may stay, so hyphens are ignored on both sides.  Prints what
differs and exits 1."""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def words(text):
    return text.replace("-", "").split()


def source_paragraphs(xml):
    return [words("".join(p.itertext())) for p in ET.parse(xml).iter("p")]


def tagged_paragraphs(pdf):
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], check=True,
                         capture_output=True, text=True).stdout
    paras, cur = [], None
    for line in out.splitlines():
        if re.match(r"^\s*P \(block\)$", line):
            cur = []
            paras.append(cur)
        elif cur is not None and re.match(r'^\s*".*"$', line):
            cur.append(line.strip()[1:-1])
        else:
            cur = None
    return [words("".join(p)) for p in paras]


def main():
    pdf, xml = sys.argv[1:3]
    tagged = tagged_paragraphs(pdf)
    bad = 0
    for want in source_paragraphs(xml):
        if want not in tagged:
            bad += 1
            near = max(tagged, key=lambda t: len(set(t) & set(want)),
                       default=[])
            print("not in the structure tree:", " ".join(want))
            print("  closest P:", " ".join(near))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
