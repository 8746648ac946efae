"""bytes -> str: byte-order marks, gzip, declared charsets, detection; binary is refused."""
from __future__ import annotations

import codecs
import gzip
import zlib

import regex
from charset_normalizer import from_bytes

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive", b"\x7fELF": "a program",
    b"RIFF": "a media file", b"BZh": "a bzip2 archive", b"\xfd7zXZ": "an xz archive",
}
_DECLARED = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""",
                          regex.IGNORECASE)
MAX_GUNZIP = 512 * 1024 * 1024


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode page bytes to text. Raises InputError (one line, names `name`) for binary data."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not text or HTML; pass text or HTML files")
    sample = data[:8192]
    if sample and sample.count(0) > len(sample) // 10:
        raise InputError(f"{name}: binary data (many NUL bytes), not text; pass text or HTML files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, MAX_GUNZIP)
    except (zlib.error, EOFError, gzip.BadGzipFile):
        raise InputError(f"{name}: damaged gzip data; re-download or unzip the file") from None
    if inflater.unconsumed_tail:
        raise InputError(f"{name}: gzip expands past {MAX_GUNZIP >> 20} MB; split the file")
    return out
