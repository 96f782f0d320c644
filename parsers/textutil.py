"""Text clean-up shared by the readers: decoding, line joining and hyphen repair."""

from __future__ import annotations

import re
from pathlib import Path

from parsers.errors import EmptyDocument

# A hyphen at a line end is kept when the first part is a word that is commonly hyphenated onto
# the next (compound numbers, "meal-period", "non-", "re-"); it is removed when it splits one word.
_COMPOUND_FIRST = re.compile(
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|non|self|co|re|pre|post|"
    r"part|full|half|one|two|three|four|five|six|seven|eight|nine|ten|per|well|long|"
    r"short|high|low|multi|sub|semi|anti|inter|over|under|cross|mid|ex|so|off|on|in|out)$",
    re.IGNORECASE,
)


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph, repairing words split by a line-end hyphen."""
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("\ufffe") or out.endswith("\u00ad"):
            out = out[:-1] + line  # a soft hyphen marks a word split by the typesetter
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            first = re.search(r"[A-Za-z]+-$", out)
            word = first.group(0)[:-1] if first else ""
            if word and _COMPOUND_FIRST.search(word) and len(word) > 2:
                out = out + line
            else:
                out = out[:-1] + line
        else:
            out = out + " " + line
    return out


def decode_text(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode a text file, falling back from UTF-8 to legacy encodings with a notice."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(codec, errors="replace"), ()
    try:
        text = data.decode("utf-8")
        notices: tuple[str, ...] = ()
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notices = (f"{path.name} is not UTF-8; it was read as Windows-1252 (Western European).",)
    if not text.strip():
        raise EmptyDocument(path, "holds no text.", "Choose the full agreement file.")
    return text.replace("\r\n", "\n").replace("\r", "\n"), notices
