#!/usr/bin/python3
"""Write the damaged font files of the bad-input tests into this folder.

Run once with Debian's python3; the files are committed.  Each must be
refused before libharu sees it (libharu crashes or misbehaves on some).
"""
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


def main():
    with open(os.path.join(HERE, '../../../fonts/Lato-Regular.ttf'),
              'rb') as f:
        lato = f.read()
    write('empty.ttf', b'')
    write('truncated.ttf', lato[:10240])
    write('random.ttf', random.Random(8).randbytes(5000))
    # an OpenType font with CFF outlines: 'OTTO' and an empty directory
    write('cff.otf', b'OTTO' + struct.pack('>HHHH', 0, 0, 0, 0))


main()
