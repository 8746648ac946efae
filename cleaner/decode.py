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
_CONTROL_BYTES = regex.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_NON_ASCII = regex.compile(r"[^\x00-\x7f]+")
# What a cp1252 reading of Western European text holds beyond ASCII: Latin-1 letters and signs
# and cp1252's typographic punctuation.
_WESTERN = frozenset(chr(c) for c in range(0xa0, 0x100) if chr(c) not in "¤¦¨¯´¸¹²³¼½¾") \
    | frozenset("‘’‚“”„†‡•…‰‹›€™–—ŠšŽžŒœŸƒˆ˜")


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
    utf16 = _bomless_utf16(sample)
    if utf16:
        return data.decode(utf16, errors="replace")
    if _looks_binary(sample):
        raise InputError(f"{name}: binary data (control bytes), not text; pass text or HTML files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(data[:4096])
    if declared:  # trusted only when the bytes really are in it (pages often lie)
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    western = decode_cp1252(data)
    if _plausible_western(western[:200_000]):
        return western
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return western


def decode_cp1252(data: bytes) -> str:
    """Windows-1252, with its five unassigned bytes read as Latin-1 (so nothing is lost)."""
    return data.decode("cp1252", errors="cp1252_as_latin1")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("cp1252_as_latin1", _latin1_fallback)


def _plausible_western(text: str) -> bool:
    """True when a cp1252 reading looks like a Western European language.

    Accented letters and typographic punctuation there stand alone between ASCII letters
    ("Café", "It’s"); a multi-byte encoding read as cp1252 gives runs of odd symbols instead.
    """
    odd = _NON_ASCII.findall(text)
    if not odd:
        return True
    chars = sum(len(run) for run in odd)
    lone = sum(1 for run in odd if len(run) == 1)
    western = sum(1 for run in odd for ch in run if ch in _WESTERN)
    return lone >= 0.8 * len(odd) and western >= 0.95 * chars


def _looks_binary(sample: bytes) -> bool:
    """Many NUL or control bytes: no text encoding we read produces them."""
    if not sample:
        return False
    controls = len(_CONTROL_BYTES.findall(sample))
    return sample.count(0) > len(sample) // 10 or controls > max(8, len(sample) // 33)


def _bomless_utf16(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for ASCII-heavy UTF-16 without a byte-order mark, else None."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, MAX_GUNZIP)
    except (zlib.error, EOFError, gzip.BadGzipFile):
        raise InputError(f"{name}: damaged gzip data; re-download or unzip the file") from None
    if inflater.unconsumed_tail:
        raise InputError(f"{name}: gzip expands past {MAX_GUNZIP >> 20} MB; split the file")
    if not inflater.eof:
        raise InputError(f"{name}: damaged gzip data (it stops short); re-download the file")
    return out
