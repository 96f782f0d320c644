"""The PDF font: a TrueType face with wide Unicode coverage, and what to do without one.

reportlab's built-in Helvetica has no "→" and no non-breaking hyphen, so the summary would print
black boxes. We register the first face family found (DejaVu Sans, then Liberation Sans or
Arial on Windows and macOS, then Bitstream Vera shipped inside reportlab) and replace, per
character, whatever the chosen face lacks with a plain-text stand-in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cbadiff.export.summary import readable

# Stand-ins for characters a face may lack, closest in meaning first.
FALLBACK_CHARS = {
    "→": "->",
    "←": "<-",
    "‑": "-",
    "‐": "-",
    "–": "-",
    "—": "--",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "…": "...",
    "§": "Sec.",
    "▸": ">",
    "•": "*",
    "\u00a0": " ",
}

# (regular, bold, italic, bold italic) file names of each candidate family.
_FAMILIES = (
    (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ),
    (
        "LiberationSans-Regular.ttf",
        "LiberationSans-Bold.ttf",
        "LiberationSans-Italic.ttf",
        "LiberationSans-BoldItalic.ttf",
    ),
    ("arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf"),
    ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf", "Arial Bold Italic.ttf"),
    ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"),
)


def _font_dirs() -> Iterator[Path]:
    yield Path(reportlab.__file__).parent / "fonts"
    if sys.platform == "win32":
        yield Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    elif sys.platform == "darwin":
        yield Path("/System/Library/Fonts/Supplemental")
        yield Path("/Library/Fonts")
    else:
        for root in (
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            Path.home() / ".local/share/fonts",
        ):
            if root.is_dir():
                yield root
                yield from (p for p in root.rglob("*") if p.is_dir())


def _find(name: str, dirs: list[Path]) -> Path | None:
    for d in dirs:
        p = d / name
        if p.is_file():
            return p
    return None


@dataclass(frozen=True, slots=True)
class PdfFont:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    covers_code: Callable[[int], bool]

    def covers(self, ch: str) -> bool:
        return self.covers_code(ord(ch))


@cache
def pdf_font() -> PdfFont:
    """Register and return the best face family available on this machine."""
    dirs = list(_font_dirs())
    for family in _FAMILIES:
        paths = [_find(name, dirs) for name in family]
        if paths[0] is None:
            continue
        base = "CbaDiff-" + Path(family[0]).stem.replace(" ", "")
        names = [base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic"]
        try:
            faces = [TTFont(n, str(p or paths[0])) for n, p in zip(names, paths, strict=True)]
        except Exception:  # a damaged or unsupported font file: try the next family
            continue
        for face in faces:
            pdfmetrics.registerFont(face)
        addMapping(base, 0, 0, names[0])
        addMapping(base, 1, 0, names[1])
        addMapping(base, 0, 1, names[2])
        addMapping(base, 1, 1, names[3])
        glyphs = frozenset(faces[0].face.charToGlyph)
        return PdfFont(base, names[1], names[2], names[3], glyphs.__contains__)
    latin1 = frozenset(range(32, 256)) | {ord(c) for c in "“”‘’–—…•"}
    return PdfFont(
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Helvetica-BoldOblique",
        latin1.__contains__,
    )


def printable(text: str, font: PdfFont) -> str:
    """``text`` with every character the font lacks replaced by a stand-in (or "?")."""
    text = readable(text)
    if all(font.covers(ch) or ch in "\n\t" for ch in text):
        return text
    out = []
    for ch in text:
        if font.covers(ch) or ch in "\n\t":
            out.append(ch)
        else:
            sub = FALLBACK_CHARS.get(ch, "?")
            out.append(sub if all(font.covers(c) for c in sub) else "?")
    return "".join(out)

