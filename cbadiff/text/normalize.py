"""Fold away what a reader does not rely on: typography, spacing and line-end hyphenation.

The rule follows Meld's: diff and match on a normalised form, display the original. Three keys,
from strict to loose:

* :func:`fold_typography`: curly quotes, primes and guillemets become straight quotes, every dash
  becomes "-", ligatures and no-break spaces are expanded (NFKC), soft hyphens vanish.
* :func:`cosmetic_key`: the above, then hyphens between letters, table cell separators and all
  whitespace removed, so "meal- period", "meal-period" and "meal period" compare equal, and so do
  a table and the same words read as a paragraph. Two texts with the same cosmetic
  key differ only cosmetically; case is kept because "Employer" and "employer" can name different
  parties.
* :func:`match_words`: lower-cased words without punctuation, for similarity scores.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "`": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
        "\u00ad": None, "\ufffe": None, "\u200b": None, "\u200c": None, "\u200d": None,
        "\ufeff": None,
    }
)  # fmt: skip
_HYPHEN_JOIN = re.compile(r"(?<=[A-Za-z])-\s*(?=[A-Za-z])")
_SPACE = re.compile(r"\s+")
_WORD_START = re.compile(r"(?<!\S)\S")
_WORD_TABLE = str.maketrans(
    {c: " " for c in '!"#$%&()*+,./:;<=>?@[\\]^_`{|}~'} | {"-": None, "'": None}
)


# Symbol-font glyphs that PDF text layers report in the private use area (U+F020-U+F07E stand
# for ASCII 0x20-0x7E: U+F02A is "*"), and list bullets, which carry no words.
_PRIVATE_GLYPHS = {cp: chr(cp - 0xF000) for cp in range(0xF020, 0xF07F)}
_FOLD = _TYPOGRAPHY | _PRIVATE_GLYPHS
_BULLETS = str.maketrans(
    dict.fromkeys("\u2022\u25e6\u25aa\u25cf\u25cb\u25a0\u25a1\u2610\u2023\u2043\u00b7")
)


def fold_typography(text: str) -> str:
    """Straight quotes, plain hyphens, expanded ligatures, symbol-font glyphs as the characters
    they stand for; spacing untouched."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def drop_bullets(text: str) -> str:
    """The text without list bullets and check boxes."""
    return text.translate(_BULLETS)


def collapse_space(text: str) -> str:
    """Single spaces between words, none at the ends."""
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def cosmetic_key(text: str) -> str:
    """A key equal for two texts that differ only in typography, spacing or hyphenation.

    Cached: alignment, reflow and move detection ask for the key of the same block many times.
    """
    folded = drop_bullets(fold_typography(text)).replace("|", " ")  # cell separators: layout
    if "-" in folded:
        folded = _HYPHEN_JOIN.sub("", folded)
    return "".join(folded.split())


def cosmetic_reason(old: str, new: str) -> str | None:
    """Why ``old`` and ``new`` differ only cosmetically, or None when the change is real.

    The reason names the finest difference that explains the change: "whitespace",
    "quotes and dashes" (typography, including symbol-font glyphs), "table layout", "bullets"
    or "hyphenation".
    """
    if collapse_space(old) == collapse_space(new) or (not old.strip() and not new.strip()):
        return "whitespace"
    old_f, new_f = fold_typography(old), fold_typography(new)
    if collapse_space(old_f) == collapse_space(new_f):
        return "quotes and dashes"
    if _SPACE.sub("", old_f) == _SPACE.sub("", new_f):
        return "whitespace"
    if _SPACE.sub("", old_f.replace("|", "")) == _SPACE.sub("", new_f.replace("|", "")):
        return "table layout"
    if _SPACE.sub("", drop_bullets(old_f)) == _SPACE.sub("", drop_bullets(new_f)):
        return "bullets"
    if cosmetic_key(old) == cosmetic_key(new):
        return "hyphenation"
    return None


def match_words(text: str) -> list[str]:
    """Lower-cased words and numbers, for similarity; punctuation and typography dropped.

    Hyphens and apostrophes join ("meal-period" -> "mealperiod"), other punctuation separates
    ("7.50" -> "7", "50"): coarse, but a translate and a split, fast on whole agreements.
    """
    return fold_typography(text).lower().translate(_WORD_TABLE).split()


def title_key(title: str | None) -> str:
    """A title without case, punctuation or spacing differences ("Hours of Work." = "HOURS OF
    WORK")."""
    if not title:
        return ""
    return " ".join(match_words(title))


def find_cut(text: str, piece: str, *, at_start: bool) -> int | None:
    """Where ``piece`` begins (or, ``at_start``, ends) in ``text`` up to cosmetics, on a word
    boundary; None when ``text`` does not end (start) with it or nothing would be left."""
    key = cosmetic_key(piece)
    whole = cosmetic_key(text)
    if not key or len(key) >= len(whole):
        return None
    if (not at_start and not whole.endswith(key)) or (at_start and not whole.startswith(key)):
        return None
    bounds = [m.start() for m in _WORD_START.finditer(text)] + [len(text)]
    if at_start:
        for pos in bounds:
            k = cosmetic_key(text[:pos])
            if k == key:
                return pos
            if len(k) > len(key):
                return None
    else:
        for pos in reversed(bounds):
            k = cosmetic_key(text[pos:])
            if k == key:
                return pos
            if len(k) > len(key):
                return None
    return None
