#!/usr/bin/env python3
"""Packs a build file as LZMA for loader/unpack.js: `pack.py IN OUT`.

The lzma-alone format (13-byte header, then the stream) with its size
filled in, so the decoder allocates once. The settings that pack this
project's builds smallest (measured: JavaScript and wasm alike):
the best preset, the longest matches, and no position bits, since
neither JavaScript text nor this wasm code is aligned to 2 or 4 bytes.
liblzma comes with Python: nothing to install.
"""
import lzma
import struct
import sys

source, target = sys.argv[1], sys.argv[2]
data = open(source, "rb").read()
packed = bytearray(
    lzma.compress(
        data,
        format=lzma.FORMAT_ALONE,
        filters=[
            {
                "id": lzma.FILTER_LZMA1,
                "preset": 9 | lzma.PRESET_EXTREME,
                "lc": 4,
                "lp": 0,
                "pb": 0,
                "nice_len": 273,
            }
        ],
    )
)
packed[5:13] = struct.pack("<Q", len(data))
# The decoder must give back exactly what was packed.
assert lzma.decompress(bytes(packed), format=lzma.FORMAT_ALONE) == data
open(target, "wb").write(packed)
