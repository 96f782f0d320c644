"""Decode a text agreement whatever encoding it was saved in, and say so when we had to guess.

Text exports of agreements come from every era of office software: UTF-8 (with or without a
byte-order mark), UTF-16 from Windows "Unicode" saves (usually with a BOM, sometimes without),
and Windows-1252 or Latin-1 from older systems. A wrong guess silently changes "§" or "’" into
mojibake, which would then show up as spurious changes in a comparison, so a fallback decoding is
always reported to the user as a notice.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from parsers.errors import EmptyDocument, UnsupportedFormat

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Bytes Windows-1252 leaves undefined; text holding them is Latin-1 (ISO 8859-1) instead.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def utf16_without_bom(data: bytes) -> str | None:
    """The codec of BOM-less UTF-16 text, judged by where the zero bytes of ASCII letters fall."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode ``data`` (the bytes of ``path``); return the text and any notices for the user.

    Line ends become ``\\n``; form feeds are kept because they mark pages.
    """
    notices: list[str] = []
    text: str | None = None
    for bom, codec, _name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            break
    if text is None:
        codec16 = utf16_without_bom(data)
        if codec16 is not None:
            text = data.decode(codec16, errors="replace")
            notices.append(f"{path.name} has no byte-order mark; it was read as UTF-16.")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if _CP1252_HOLES.intersection(data):
                text = data.decode("latin-1")
                notices.append(
                    f"{path.name} is not UTF-8; it was read as Latin-1 (ISO 8859-1). If accented "
                    "letters or quotes look wrong, save the file as UTF-8 and open it again."
                )
            else:
                text = data.decode("cp1252")
                notices.append(
                    f"{path.name} is not UTF-8; it was read as Windows-1252 (Western European). "
                    "If accented letters or quotes look wrong, save the file as UTF-8 and open "
                    "it again."
                )
    if "\x00" in text:
        if text.count("\x00") > len(text) // 100:
            raise UnsupportedFormat(
                path,
                "is not a text file (it holds binary data).",
                "Open the agreement as PDF, DOCX or TXT.",
            )
        text = text.replace("\x00", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.replace("\f", "").strip():
        raise EmptyDocument(path, "holds no text.", "Choose the full agreement file.")
    return text, tuple(notices)
