#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write a cpo firmware image (struct cpo_hw_fw_hdr, then the payload).

fw-image.py OUT TYPE INDEX VERSION SIZE [DEFECT]
  TYPE     mcu, oe or els
  INDEX    the component's index, or "any"
  SIZE     payload bytes (a seeded pattern)
  DEFECT   crc (a wrong checksum), truncate (half the payload missing),
           trailing (bytes after the payload), magic (not an image)
"""
import struct
import sys
import zlib

TYPES = {"mcu": 0, "oe": 1, "els": 2}
MAGIC = 0x464F5043
HDR = struct.Struct("<IHBBHHII16s12x")


def main(argv):
    if len(argv) not in (6, 7):
        sys.stderr.write(__doc__)
        return 2
    out, typ, index, version, size = argv[1:6]
    defect = argv[6] if len(argv) == 7 else ""
    size = int(size)
    idx = 0xFFFF if index == "any" else int(index)
    seed = zlib.crc32(version.encode()) & 0xFF
    payload = bytes((seed + i * 7) & 0xFF for i in range(size))
    crc = zlib.crc32(payload) & 0xFFFFFFFF
    if defect == "crc":
        crc ^= 1
    magic = 0 if defect == "magic" else MAGIC
    hdr = HDR.pack(magic, HDR.size, TYPES[typ], 0, idx, 0, size, crc,
                   version.encode())
    if defect == "truncate":
        payload = payload[: size // 2]
    elif defect == "trailing":
        payload += b"\0" * 16
    with open(out, "wb") as f:
        f.write(hdr + payload)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
