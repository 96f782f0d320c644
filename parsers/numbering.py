"""Number labels: roman numerals, spelled-out numbers and letter suffixes.

Articles are printed as "XIIIA", "12", "Twelve" or "ARTICLE ONE"; ids and alignment hints need a
comparable form, so these helpers turn a printed label into a canonical one without losing the
printed text.
"""

from __future__ import annotations

import re

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_WORDS = {
    "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "SEVEN": 7, "EIGHT": 8,
    "NINE": 9, "TEN": 10, "ELEVEN": 11, "TWELVE": 12, "THIRTEEN": 13, "FOURTEEN": 14,
    "FIFTEEN": 15, "SIXTEEN": 16, "SEVENTEEN": 17, "EIGHTEEN": 18, "NINETEEN": 19,
    "TWENTY": 20, "THIRTY": 30, "FORTY": 40, "FIFTY": 50, "SIXTY": 60,
}  # fmt: skip
_ROMAN_RE = re.compile(
    r"^(?P<roman>M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?P<suffix>[A-Z]?)$"
)


def roman_to_int(text: str) -> int | None:
    """Value of a well-formed roman numeral, else None."""
    text = text.upper()
    if not text or not re.fullmatch(
        r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", text
    ):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def words_to_int(text: str) -> int | None:
    """Value of a spelled-out number up to fifty-nine ("TWENTY-ONE"), else None."""
    parts = re.split(r"[\s-]+", text.upper().strip())
    if not parts or any(p not in _WORDS for p in parts):
        return None
    if len(parts) == 1:
        return _WORDS[parts[0]]
    if len(parts) == 2 and _WORDS[parts[0]] >= 20 and _WORDS[parts[1]] < 10:
        return _WORDS[parts[0]] + _WORDS[parts[1]]
    return None


def label_value(label: str) -> tuple[int, str] | None:
    """(number, letter suffix) of an article label: "XIIIA" -> (13, "A"), "12" -> (12, "")."""
    label = label.strip().upper().rstrip(".")
    m = re.fullmatch(r"(\d+)([A-Z]?)", label)
    if m:
        return int(m.group(1)), m.group(2)
    m = _ROMAN_RE.match(label)
    if m and m.group("roman"):
        value = roman_to_int(m.group("roman"))
        if value is not None:
            return value, m.group("suffix")
    value = words_to_int(label)
    if value is not None:
        return value, ""
    return None


def normalise_label(label: str, *, numeric: bool = True) -> str:
    """Canonical id fragment for a label: "XIIIA" -> "13a", "Twelve" -> "12", "A" -> "a".

    ``numeric=False`` keeps letters as letters, for exhibits and appendices ("Exhibit C" is not
    Exhibit 100).
    """
    value = label_value(label) if numeric else None
    if value is not None:
        return f"{value[0]}{value[1].lower()}"
    return re.sub(r"[^0-9a-z]+", "-", label.lower()).strip("-") or "x"
