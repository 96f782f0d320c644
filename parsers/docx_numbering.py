"""Word's automatic numbering: the "Article 12" and "12.3" that are not in the paragraph text.

Many agreements number articles and sections through numbering definitions (word/numbering.xml),
so the digits a reader sees on paper exist only as counters Word computes while laying out the
document. This module replays those counters in document order and formats the displayed label
the way Word does: ``abstractNum``/``num`` indirection, per-level ``start``, ``numFmt`` and
``lvlText`` ("Article %1", "%1.%2"), ``lvlOverride``/``startOverride``, ``lvlRestart``, ``isLgl``
and ``numStyleLink``. Counters belong to the abstract definition, as in Word, so two lists that
share one definition continue each other unless a ``startOverride`` restarts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip
_LVL_TEXT_RE = re.compile(r"%([1-9])")


def to_roman(value: int) -> str:
    """Upper-case roman numeral for 1..3999 (Word falls back to decimal outside)."""
    if not 0 < value < 4000:
        return str(value)
    out = []
    for number, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


def to_letters(value: int) -> str:
    """Word's letter numbering: A..Z, then AA..ZZ, AAA... (the letter repeats, not base 26)."""
    if not 0 < value <= 26 * 40:  # beyond "AAAA..." forty deep: a damaged counter, not a list
        return str(value)
    letter = chr(ord("A") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def to_words(value: int) -> str:
    """Cardinal words for 0..99 ("twenty-one"); larger values stay digits."""
    if 0 <= value < 20:
        return _ONES[value]
    if 20 <= value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    return str(value)


def to_ordinal_words(value: int) -> str:
    words = to_words(value)
    head, _, last = words.rpartition("-")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    elif not last.isdigit():
        last += "th"
    return f"{head}-{last}" if head else last


def _ordinal_suffix(value: int) -> str:
    if 10 <= value % 100 <= 20:
        return f"{value}th"
    return f"{value}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(value % 10, 'th') }"


def format_number(value: int, fmt: str) -> str | None:
    """The counter ``value`` as Word shows it in ``numFmt`` ``fmt``; None for bullets."""
    if fmt in ("bullet", "none"):
        return None
    if fmt == "upperRoman":
        return to_roman(value)
    if fmt == "lowerRoman":
        return to_roman(value).lower()
    if fmt == "upperLetter":
        return to_letters(value)
    if fmt == "lowerLetter":
        return to_letters(value).lower()
    if fmt == "ordinal":
        return _ordinal_suffix(value)
    if fmt == "cardinalText":
        return to_words(value).capitalize()
    if fmt == "ordinalText":
        return to_ordinal_words(value).capitalize()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)  # decimal and the many East Asian formats we render as digits


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None means "%<ilvl+1>." as Word's default
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    is_lgl: bool = False
    style: str | None = None  # pStyle linking the level to a paragraph style


@dataclass(slots=True)
class _Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    style_link: str | None = None  # numStyleLink: the real definition lives in that style


@dataclass(slots=True)
class _Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


_MAX_COUNTER = 32767  # Word's largest start value; a larger one is damage, not a list


def _int(el: ET.Element | None, w: str, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        value = int(el.get(f"{w}val", ""))
    except ValueError:
        return default
    return value if -_MAX_COUNTER <= value <= _MAX_COUNTER else default


def _level_index(raw: str | None) -> int | None:
    """A level number 0..8 from an ``ilvl`` attribute; None when damaged (the level is skipped)."""
    try:
        value = int(raw or 0)
    except ValueError:
        return None
    return value if 0 <= value <= 8 else None


def _parse_level(lvl: ET.Element, w: str) -> Level:
    fmt_el = lvl.find(f"{w}numFmt")
    text_el = lvl.find(f"{w}lvlText")
    lgl = lvl.find(f"{w}isLgl")
    style_el = lvl.find(f"{w}pStyle")
    return Level(
        start=_int(lvl.find(f"{w}start"), w, 1) or 0,
        fmt=fmt_el.get(f"{w}val", "decimal") if fmt_el is not None else "decimal",
        text=text_el.get(f"{w}val") if text_el is not None else None,
        restart=_int(lvl.find(f"{w}lvlRestart"), w),
        is_lgl=lgl is not None and lgl.get(f"{w}val", "1") not in ("0", "false", "off"),
        style=style_el.get(f"{w}val") if style_el is not None else None,
    )


class Numbering:
    """Numbering definitions plus the running counters of one pass over a document."""

    def __init__(self, root: ET.Element | None, w: str) -> None:
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._applied_overrides: set[str] = set()
        self.style_num: dict[str, str] = {}  # styleId -> numId, filled in by the style reader
        if root is None:
            return
        for ab in root.iter(f"{w}abstractNum"):
            abstract = _Abstract()
            link = ab.find(f"{w}numStyleLink")
            if link is not None:
                abstract.style_link = link.get(f"{w}val")
            for lvl in ab.findall(f"{w}lvl"):
                ilvl = _level_index(lvl.get(f"{w}ilvl"))
                if ilvl is not None:
                    abstract.levels[ilvl] = _parse_level(lvl, w)
            self._abstracts[ab.get(f"{w}abstractNumId", "")] = abstract
        for num in root.iter(f"{w}num"):
            abs_el = num.find(f"{w}abstractNumId")
            entry = _Num(abs_el.get(f"{w}val", "") if abs_el is not None else "")
            for ov in num.findall(f"{w}lvlOverride"):
                ilvl = _level_index(ov.get(f"{w}ilvl"))
                if ilvl is None:
                    continue
                start = _int(ov.find(f"{w}startOverride"), w)
                if start is not None:
                    entry.start_overrides[ilvl] = start
                override = ov.find(f"{w}lvl")
                if override is not None:
                    entry.level_overrides[ilvl] = _parse_level(override, w)
            self._nums[num.get(f"{w}numId", "")] = entry

    def __bool__(self) -> bool:
        return bool(self._nums)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose ``pStyle`` names ``style_id`` (how heading styles pick a level)."""
        _abstract_id, abstract = self._resolve(num_id)
        if abstract is None:
            return None
        for ilvl, level in abstract.levels.items():
            if level.style == style_id:
                return ilvl
        return None

    def _resolve(self, num_id: str, depth: int = 0) -> tuple[str, _Abstract | None]:
        num = self._nums.get(num_id)
        if num is None:
            return "", None
        abstract = self._abstracts.get(num.abstract_id)
        if abstract is not None and abstract.style_link and depth < 4:
            linked = self.style_num.get(abstract.style_link)
            if linked and linked != num_id:
                return self._resolve(linked, depth + 1)
        return num.abstract_id, abstract

    def _level(self, num_id: str, abstract: _Abstract, ilvl: int) -> Level:
        num = self._nums[num_id]
        return num.level_overrides.get(ilvl) or abstract.levels.get(ilvl) or Level()

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, int] | None:
        """Advance the counter for a numbered paragraph; return (label, 1-based level).

        Returns None for numId 0 (numbering removed), unknown lists, bullets and empty labels;
        the counter still advances where Word's does.
        """
        if num_id in ("", "0") or num_id not in self._nums:
            return None
        ilvl = max(0, min(ilvl, 8))
        abstract_id, abstract = self._resolve(num_id)
        if abstract is None:
            return None
        num = self._nums[num_id]
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._applied_overrides:
            self._applied_overrides.add(num_id)
            for lv, start in num.start_overrides.items():
                counters[lv] = start - 1
                for deeper in [k for k in counters if k > lv]:
                    del counters[deeper]
        level = self._level(num_id, abstract, ilvl)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = self._level(num_id, abstract, deeper).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        return self._format(num_id, abstract, ilvl, level, counters)

    def _format(
        self, num_id: str, abstract: _Abstract, ilvl: int, level: Level, counters: dict[int, int]
    ) -> tuple[str, int] | None:
        if level.fmt == "bullet":
            return None
        template = level.text if level.text is not None else f"%{ilvl + 1}."

        def fill(m: re.Match[str]) -> str:
            ref = int(m.group(1)) - 1
            ref_level = self._level(num_id, abstract, ref)
            value = counters.get(ref, ref_level.start)
            fmt = "decimal" if level.is_lgl and ref_level.fmt != "none" else ref_level.fmt
            return format_number(value, fmt) or ""

        label = " ".join(_LVL_TEXT_RE.sub(fill, template).split())
        if not label or not any(ch.isalnum() for ch in label):
            return None
        return label, ilvl + 1
