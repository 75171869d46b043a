"""Page content streams as src/pdf_contents.c writes them.

    streams.py PDF DIR REDEFLATE

Reads PDF with qpdf (raw stream data into DIR) and checks every page's
content: one stream, /Filter /FlateDecode, its bytes one zlib stream that
inflates (with Python's zlib), and exactly what libdeflate makes of the
inflated bytes at the level pdf_contents.c chooses: 9 while the pages
before hold at most 384 KiB, then 1.  REDEFLATE is tests/contents/
redeflate.c built.  Prints pages, bytes inflated and stored; exit status
1 and the first page that differs otherwise.
"""
import json
import os
import subprocess
import sys
import zlib

BEST_MAX = 384 * 1024       # CONTENTS_BEST_MAX
LEVEL_BEST, LEVEL = 9, 1    # CONTENTS_LEVEL_BEST, CONTENTS_LEVEL


def redeflate(tool, data, level):
    """What libdeflate makes of data at level."""
    return subprocess.run([tool, str(level)], input=data, check=True,
                          capture_output=True).stdout


def main():
    pdf, folder, tool = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(folder, exist_ok=True)
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-key=pages", "--json-key=qpdf",
         "--json-stream-data=file", "--decode-level=none",
         "--json-stream-prefix=" + os.path.join(folder, "s"), pdf],
        check=True, capture_output=True).stdout
    doc = json.loads(out)
    objects = doc["qpdf"][1]
    before = stored = 0
    for n, page in enumerate(doc["pages"], 1):
        if len(page["contents"]) != 1:
            sys.exit("page %d: %d content streams" % (n, len(page["contents"])))
        stream = objects["obj:" + page["contents"][0]]["stream"]
        if stream["dict"].get("/Filter") != "/FlateDecode":
            sys.exit("page %d: filter %r" % (n, stream["dict"].get("/Filter")))
        with open(stream["datafile"], "rb") as f:
            raw = f.read()
        data = zlib.decompress(raw)
        level = LEVEL_BEST if before <= BEST_MAX else LEVEL
        if redeflate(tool, data, level) != raw:
            sys.exit("page %d: not libdeflate's level %d of its %d bytes"
                     % (n, level, len(data)))
        before += len(data)
        stored += len(raw)
    print("%d pages, %d bytes inflated, %d stored"
          % (len(doc["pages"]), before, stored))


main()
