#!/usr/bin/python3
"""pdfpacked: checks of a PDF that src/pdf_pack.c packed, read with qpdf.

    pdfpacked.py packed PACKED.pdf
    pdfpacked.py same PACKED.pdf UNPACKED.pdf
    pdfpacked.py unfiltered PDF

  packed  the file has a cross-reference stream, at least one object
          stream, and every object outside an object stream is a stream
          (page contents, fonts, images, the XMP packet, the object
          streams, the cross-reference stream): nothing was left behind.
  same    PACKED is UNPACKED (the same build with BROCHURE_NO_PACK set)
          packed: every object of UNPACKED has the same number and value
          in PACKED (streams: dictionary and raw bytes), but for the
          streams UNPACKED has without a filter (fonts, their maps),
          which PACKED has compressed (/Filter /FlateDecode, a direct
          /Length, the same bytes decoded) unless it is the XMP packet
          (/Type /Metadata), and PACKED adds only object streams and
          its cross-reference stream; the trailer's /Root, /Info and
          /ID are UNPACKED's.
  unfiltered  prints the streams of PDF without a /Filter, one a line
          ("N /Type /Subtype").

Prints what differs and exits 1 on a failure.
"""
import base64
import json
import re
import subprocess
import sys
import zlib


def qpdf(*args):
    return subprocess.run(("qpdf",) + args, capture_output=True,
                          check=True).stdout


def objects(pdf):
    """{"obj:N G R": value} with raw stream data, and the trailer."""
    doc = json.loads(qpdf("--json=2", "--json-stream-data=inline",
                          "--decode-level=none", pdf))["qpdf"][1]
    trailer = doc.pop("trailer")["value"]
    return doc, trailer


def xref(pdf):
    """[(object number, "compressed" or "uncompressed")]."""
    out = []
    for line in qpdf("--show-xref", pdf).decode().splitlines():
        m = re.match(r"(\d+)/\d+: (compressed|uncompressed)", line)
        if m:
            out.append((int(m.group(1)), m.group(2)))
    return out


def check_packed(pdf):
    objs, trailer = objects(pdf)
    bad = []
    if trailer.get("/Type") != "/XRef":
        bad.append("no cross-reference stream")
    if not any(k == "compressed" for _, k in xref(pdf)):
        bad.append("no object in an object stream")
    for n, k in xref(pdf):
        if k == "uncompressed" and "stream" not in objs["obj:%d 0 R" % n]:
            bad.append("object %d is not a stream, yet not packed" % n)
    return bad


def squeezed(p, u):
    """Whether stream object p is stream object u compressed by pack."""
    ps, us = p.get("stream"), u.get("stream")
    if ps is None or us is None:
        return False
    ud, pd = dict(us["dict"]), dict(ps["dict"])
    if "/Filter" in ud or ud.get("/Type") == "/Metadata":
        return False
    ud.pop("/Length", None)     # qpdf's JSON leaves /Length out
    pd.pop("/Length", None)
    ud["/Filter"] = "/FlateDecode"
    return pd == ud and zlib.decompress(base64.b64decode(
        ps["data"])) == base64.b64decode(us["data"])


def check_same(packed, unpacked):
    p, pt = objects(packed)
    u, ut = objects(unpacked)
    bad = []
    for key in ("/Root", "/Info", "/ID"):
        if pt.get(key) != ut.get(key):
            bad.append("trailer %s: %s, not %s" % (key, pt.get(key),
                                                  ut.get(key)))
    for key, value in u.items():
        if p.get(key) != value and not squeezed(p.get(key, {}), value):
            bad.append("%s differs" % key)
    for key in p.keys() - u.keys():
        d = p[key].get("stream", {}).get("dict", {})
        if d.get("/Type") not in ("/ObjStm", "/XRef"):
            bad.append("%s is new" % key)
    return bad


def unfiltered(pdf):
    objs, _ = objects(pdf)
    for key, value in sorted(objs.items()):
        d = value.get("stream", {}).get("dict") if isinstance(
            value, dict) else None
        if d is not None and "/Filter" not in d:
            print(key.split()[0][4:], d.get("/Type"), d.get("/Subtype"))
    return []


def main(argv):
    if len(argv) == 3 and argv[1] == "packed":
        bad = check_packed(argv[2])
    elif len(argv) == 4 and argv[1] == "same":
        bad = check_same(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "unfiltered":
        bad = unfiltered(argv[2])
    else:
        sys.exit(__doc__)
    for b in bad[:20]:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
