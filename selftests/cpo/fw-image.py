#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write a cpo firmware image (struct cpo_hw_fw_hdr, then the payload).

The payload is a pattern seeded by the version; the header carries its
length and CRC-32 (host-interface.rst, Firmware update).  A DEFECT makes
an image the driver must refuse.
"""
import argparse
import struct
import sys
import zlib

TYPES = {"mcu": 0, "oe": 1, "els": 2}
DEFECTS = ("crc", "truncate", "trailing", "magic")
MAGIC = 0x464F5043
HDR = struct.Struct("<IHBBHHII16s12x")
VERSION_MAX = 15            # printable ASCII, no spaces, NUL-terminated


def index_arg(text):
    if text == "any":
        return 0xFFFF
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number or 'any'")
    if not 0 <= value < 0xFFFF:
        raise argparse.ArgumentTypeError(f"{value} is not 0-65534")
    return value


def version_arg(text):
    if not 1 <= len(text) <= VERSION_MAX or \
            any(not 0x20 < ord(c) < 0x7F for c in text):
        raise argparse.ArgumentTypeError(
            f"'{text}': 1-{VERSION_MAX} printable ASCII characters, no spaces")
    return text


def size_arg(text):
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number")
    if not 0 <= value <= 0xFFFFFFFF:
        raise argparse.ArgumentTypeError(f"{value} is not 0-4294967295")
    return value


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", metavar="OUT", help="the image file to write")
    ap.add_argument("type", metavar="TYPE", choices=TYPES,
                    help="the component type: mcu, oe or els")
    ap.add_argument("index", metavar="INDEX", type=index_arg,
                    help="the component's index, or 'any'")
    ap.add_argument("version", metavar="VERSION", type=version_arg,
                    help=f"the image's version, at most {VERSION_MAX} characters")
    ap.add_argument("size", metavar="SIZE", type=size_arg,
                    help="payload bytes")
    ap.add_argument("defect", metavar="DEFECT", nargs="?", choices=DEFECTS,
                    help="crc (a wrong checksum), truncate (half the payload "
                         "missing), trailing (bytes after the payload), "
                         "magic (not an image)")
    a = ap.parse_args()

    seed = zlib.crc32(a.version.encode()) & 0xFF
    payload = bytes((seed + i * 7) & 0xFF for i in range(a.size))
    crc = zlib.crc32(payload) & 0xFFFFFFFF
    if a.defect == "crc":
        crc ^= 1
    magic = 0 if a.defect == "magic" else MAGIC
    hdr = HDR.pack(magic, HDR.size, TYPES[a.type], 0, a.index, 0, a.size,
                   crc, a.version.encode())
    if a.defect == "truncate":
        payload = payload[: a.size // 2]
    elif a.defect == "trailing":
        payload += b"\0" * 16
    try:
        with open(a.out, "wb") as f:
            f.write(hdr + payload)
    except OSError as e:
        sys.exit(f"fw-image.py: {a.out}: {e.strerror}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
