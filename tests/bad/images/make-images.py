#!/usr/bin/python3
"""Write the small image files of the bad-input tests into this folder.

Run once with Debian's python3 (no modules beyond the standard library);
the files are committed.  ok-*.png are unusual but valid PNGs that must
build; the others are damaged and must be refused with a diagnostic.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
W, H = 24, 16
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
         (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    body = kind + data
    return struct.pack('>I', len(data)) + body + \
        struct.pack('>I', zlib.crc32(body) & 0xffffffff)


def pixel(x, y, depth):
    """An RGB gradient, as bytes of the given bit depth."""
    r, g, b = x * 255 // (W - 1), y * 255 // (H - 1), 128
    if depth == 16:
        return struct.pack('>HHH', r * 257, g * 257, b * 257)
    return bytes((r, g, b))


def rows(depth, x0=0, y0=0, dx=1, dy=1):
    out = b''
    for y in range(y0, H, dy):
        line = b''.join(pixel(x, y, depth) for x in range(x0, W, dx))
        if line:
            out += b'\0' + line
    return out


def png(depth=8, interlace=0, width=W, height=H):
    if interlace:
        raw = b''.join(rows(depth, *p) for p in ADAM7)
    elif (width, height) == (W, H):
        raw = rows(depth)
    elif width * height <= W * H * 4:	# a small image of one colour
        raw = (b'\0' + b'\x80\x80\xc8' * width) * height
    else:				# claims a size its data do not have
        raw = rows(depth)
    ihdr = struct.pack('>IIBBBBB', width, height, depth, 2, 0, 0, interlace)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + \
        chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


def write(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


def main():
    good = png()
    write('ok-16bit.png', png(depth=16))
    write('ok-tall.png', png(width=20, height=30))
    write('ok-interlaced.png', png(interlace=1))
    write('ok-16bit-interlaced.png', png(depth=16, interlace=1))
    write('truncated.png', good[:len(good) // 2])
    crc = bytearray(good)
    crc[len(good) - 12 - 1] ^= 0xff	# the last byte of IDAT's CRC
    write('crc.png', bytes(crc))
    write('huge.png', png(width=40000, height=40000))
    write('pixels.png', png(width=10000, height=6000))
    write('empty.png', b'')
    with open(os.path.join(HERE, '../../../input/kreativland-2024/images/'
                           'cover.jpg'), 'rb') as f:
        jpeg = f.read()
    write('truncated.jpg', jpeg[:2048])


main()
