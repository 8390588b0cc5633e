"""Where an image's own format ends: JPEG's EOI, PNG's IEND, the GIF trailer, the WebP RIFF size.

Bytes after that end are invisible in every viewer but travel with the file; the attachment scan
reports them (a photo with something appended). Each walker follows the format's structure without
decoding pixels, linear in the size of the file, and gives up (None) on a damaged or truncated file.
"""

from __future__ import annotations


def _jpeg_end(data: bytes) -> int | None:
    n = len(data)
    if data[:2] != b"\xff\xd8":
        return None
    pos = 2
    while pos < n:
        if data[pos] != 0xFF:
            return None
        while pos < n and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= n:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            return pos
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            continue
        if pos + 2 > n:
            return None
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            return None
        pos += length
        if marker == 0xDA:  # entropy-coded data, up to the next marker that is not RSTn or a stuffed 0
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= n:
                    return None
                following = data[pos + 1]
                if following == 0 or 0xD0 <= following <= 0xD7:
                    pos += 2
                elif following == 0xFF:
                    pos += 1
                else:
                    break
    return None


def _png_end(data: bytes) -> int | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    pos, n = 8, len(data)
    while pos + 12 <= n:
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        pos += 12 + length
        if kind == b"IEND":
            return pos if pos <= n else None
    return None


def _gif_end(data: bytes) -> int | None:
    n = len(data)
    if data[:6] not in (b"GIF87a", b"GIF89a") or n < 13:
        return None
    pos = 13
    if data[10] & 0x80:  # global colour table
        pos += 3 << ((data[10] & 7) + 1)
    while pos < n:
        block = data[pos]
        if block == 0x3B:  # trailer
            return pos + 1
        if block == 0x21:  # extension: introducer, label, sub-blocks
            pos += 2
        elif block == 0x2C:  # image descriptor, local colour table, LZW code size, sub-blocks
            if pos + 10 > n:
                return None
            flags = data[pos + 9]
            pos += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
        else:
            return None
        while True:
            if pos >= n:
                return None
            size = data[pos]
            pos += 1 + size
            if size == 0:
                break
    return None


def _webp_end(data: bytes) -> int | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    size = int.from_bytes(data[4:8], "little")
    return min(8 + size + (size & 1), len(data)) if 8 + size <= len(data) else None


_ENDS = {"JPEG": _jpeg_end, "PNG": _png_end, "GIF": _gif_end, "WebP": _webp_end}


def image_end(data: bytes, kind: str) -> int | None:
    """The offset where the image's own format ends (after JPEG EOI, PNG IEND, the GIF trailer, the
    WebP RIFF size), or None when the structure cannot be walked (a damaged or truncated file)."""
    return _ENDS[kind](data)
