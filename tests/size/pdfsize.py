#!/usr/bin/python3
"""Where the bytes of a PDF go: tests/lib/size.sh measures with it.

    /usr/bin/python3 tests/size/pdfsize.py FILE.pdf

prints "key value" lines:

    total        the file's size [bytes]
    images       the image XObjects (photographs, logos, figures) [bytes]
    rest         total - images: the document "without photographs"
    fonts        the objects of the fonts: programs (FontFile2), font and
                 descriptor dictionaries with their /W arrays, CIDToGIDMap
                 and ToUnicode streams, and libharu's unused CMaps [bytes]
    programs     how many font programs (FontFile2 streams) are embedded
    faces        how many distinct fonts (BaseFont without subset tag)
    cmaps        how many encoding CMap streams (/Type /CMap): libharu's
                 ToUnicode maps that font.c did not rewrite
    kind:<k>     the bytes of every other kind of object, for the report

An object's bytes run from its offset in the cross-reference table to the
next object's (qpdf --show-xref), so the parts add up to the file less its
header and cross-reference table.  An object in an object stream (brochure
packs every object that is not a stream, src/pdf_pack.c) takes a share of
the stream's bytes, in proportion to its length decoded.  Reads only;
writes nothing.
"""
import json
import os
import re
import subprocess
import sys


def qpdf(*args):
    return subprocess.run(("qpdf",) + args, capture_output=True,
                          check=True).stdout


def packed_lengths(pdf, stream):
    """[(object number, its length decoded)] of an object stream."""
    data = qpdf("--show-object=%d" % stream, "--filtered-stream-data", pdf)
    head = qpdf("--show-object=%d" % stream, pdf).decode()
    first = int(re.search(r"/First (\d+)", head).group(1))
    pairs = [int(v) for v in data[:first].split()]
    nums, offs = pairs[0::2], pairs[1::2] + [len(data) - first]
    return [(n, offs[i + 1] - offs[i]) for i, n in enumerate(nums)]


def share_out(sizes, stream, pdf):
    """The bytes of an object stream, shared among its objects."""
    whole, done, given = sizes.pop(stream), 0, 0
    parts = packed_lengths(pdf, stream)
    total = sum(length for _, length in parts) or 1
    for n, length in parts:
        done += length
        sizes[n] = whole * done // total - given
        given += sizes[n]


def object_bytes(pdf):
    """{object number: bytes it takes in the file}."""
    offsets, streams = [], set()
    for line in qpdf("--show-xref", pdf).decode().splitlines():
        m = re.match(r"(\d+)/\d+: uncompressed; offset = (\d+)", line)
        if m:
            offsets.append((int(m.group(2)), int(m.group(1))))
        m = re.match(r"\d+/\d+: compressed; stream = (\d+)", line)
        if m:
            streams.add(int(m.group(1)))
    offsets.sort()
    with open(pdf, "rb") as f:
        tail = f.read()[-64:]
    end = int(tail.split(b"startxref")[1].split()[0])
    ends = [o for o, _ in offsets[1:]] + [end]
    sizes = {n: e - o for (o, n), e in zip(offsets, ends)}
    for stream in sorted(streams):
        share_out(sizes, stream, pdf)
    return sizes


def ref(value):
    """The object number of an indirect reference "12 0 R", else None."""
    if isinstance(value, str) and value.endswith(" R"):
        return int(value.split()[0])
    return None


def kinds(objects):
    """{object number: kind}: image, font or the /Type (or /S) it has."""
    kind = {}
    for key, obj in objects.items():
        if not key.startswith("obj:"):
            continue
        n = int(key[4:].split()[0])
        if "stream" in obj:
            d = obj["stream"]["dict"]
            kind[n] = ("image" if d.get("/Subtype") == "/Image" else
                       "font" if "/Length1" in d or
                       d.get("/Type") == "/CMap" else "stream")
            continue
        value = obj.get("value")
        if not isinstance(value, dict):
            kind[n] = "other"
            continue
        kind[n] = ("font" if value.get("/Type") in ("/Font",
                                                    "/FontDescriptor")
                   else "structure" if "/S" in value and "/P" in value
                   else str(value.get("/Type", "other")).lstrip("/"))
    for obj in objects.values():
        value = obj.get("value") if isinstance(obj, dict) else None
        if not isinstance(value, dict):
            continue
        for k in ("/CIDToGIDMap", "/ToUnicode"):
            if ref(value.get(k)) is not None:
                kind[ref(value[k])] = "font"
        if value.get("/Type") == "/Page" and \
                ref(value.get("/Contents")) is not None:
            kind[ref(value["/Contents"])] = "contents"
    return kind


def faces(objects):
    names = set()
    for obj in objects.values():
        value = obj.get("value") if isinstance(obj, dict) else None
        if isinstance(value, dict) and value.get("/Subtype") == "/Type0":
            names.add(value["/BaseFont"].split("+", 1)[-1])
    return names


def main(pdf):
    objects = json.loads(qpdf("--json=2", "--json-stream-data=none",
                              pdf))["qpdf"][1]
    kind = kinds(objects)
    sums = {}
    for n, size in object_bytes(pdf).items():
        k = kind.get(n, "other")
        sums[k] = sums.get(k, 0) + size
    total = os.path.getsize(pdf)
    print("total", total)
    print("images", sums.get("image", 0))
    print("rest", total - sums.get("image", 0))
    print("fonts", sums.get("font", 0))
    print("programs", sum(1 for o in objects.values() if "stream" in o and
                          "/Length1" in o["stream"]["dict"]))
    print("faces", len(faces(objects)))
    print("cmaps", sum(1 for o in objects.values() if "stream" in o and
                       o["stream"]["dict"].get("/Type") == "/CMap"))
    for k in sorted(sums, key=lambda k: -sums[k]):
        if k not in ("image", "font"):
            print("kind:%s" % k, sums[k])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: pdfsize.py FILE.pdf")
    main(sys.argv[1])
