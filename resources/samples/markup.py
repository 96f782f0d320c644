"""Read the sample agreements' source markup and number its units the way agreements print them.

The samples are built from one source text (``expired_source.txt``) plus a list of edits
(``proposal.py``), so the documents and the manifest of expected changes come from the same data.
This module holds the editable, build-time model of that source; it is not the reader's model
(:mod:`parsers.model`), which is frozen and describes what a reader found in a file.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent

_LABEL_RE = re.compile(
    r"^(?P<label>\d+(?:\.\d+)+|\d+\.|\([a-z]\)|\(\d+\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))\s+"
)
_REF_RE = re.compile(r"\{(?P<kind>ref|sl):(?P<key>[a-z0-9-]+)\}")
_FN_RE = re.compile(r"\[fn:(?P<key>[a-z0-9-]+)\]")
LINE_BREAK = " // "

ROMAN_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def to_roman(value: int) -> str:
    out = ""
    for amount, numeral in ROMAN_NUMERALS:
        while value >= amount:
            out += numeral
            value -= amount
    return out


def label_level(label: str) -> int:
    """1 for "1.", 2 for "(a)", 3 for "(1)", 4 for "(i)". The samples never letter a list as
    far as "(i)", so a roman-looking label is always level 4."""
    if label.endswith("."):
        return 1
    if re.fullmatch(r"\d+(?:\.\d+)+", label):
        return label.count(".") + 1  # "3.1" is a section of Article 3, "3.1.2" one below
    inner = label.strip("()")
    if inner.isdigit():
        return 3
    if inner in _ROMAN_LABELS:
        return 4
    return 2


_ROMAN_LABELS = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}


@dataclass
class SPara:
    """One paragraph of source markup; ``text`` may hold {ref:..}, [fn:..] and line breaks."""

    text: str
    label: str | None = None
    level: int = 0


@dataclass
class STable:
    name: str


@dataclass
class SUnit:
    kind: str  # "article" | "sideletter" | "exhibit"
    key: str
    title: str
    body: list[SPara | STable]
    lettered: bool = False
    origin: tuple[str, ...] = ()  # expired keys this unit descends from

    def para(self, prefix: str) -> SPara:
        """The one paragraph whose text starts with ``prefix`` (the build fails loudly otherwise,
        so an edit can never silently miss its target)."""
        hits = [p for p in self.body if isinstance(p, SPara) and p.text.startswith(prefix)]
        if len(hits) != 1:
            raise ValueError(f"{self.key}: {len(hits)} paragraphs start with {prefix!r}")
        return hits[0]

    def index(self, prefix: str) -> int:
        return self.body.index(self.para(prefix))


@dataclass
class Source:
    units: list[SUnit]
    footnotes: dict[str, str] = field(default_factory=dict)
    numbering: str = "roman"  # article numbers: "roman" (XIIIA) or "arabic" (13A)
    heading: str = (
        "two-line"  # "two-line" (ARTICLE XIII / TITLE) or "one-line" (ARTICLE 13 – TITLE)
    )

    def unit(self, key: str) -> SUnit:
        for u in self.units:
            if u.key == key:
                return u
        raise KeyError(key)

    def copy(self) -> Source:
        return copy.deepcopy(self)


def parse_source(text: str, numbering: str = "roman", heading: str = "two-line") -> Source:
    units: list[SUnit] = []
    footnotes: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            word, _, rest = line[1:].partition(" ")
            parts = [p.strip() for p in rest.split("|")]
            if word in {"article", "sideletter", "exhibit"}:
                units.append(
                    SUnit(word, parts[0], parts[1], [], "lettered" in parts[2:], (parts[0],))
                )
            elif word == "table":
                units[-1].body.append(STable(parts[0]))
            elif word == "footnote":
                footnotes[parts[0]] = parts[1]
            else:
                raise ValueError(f"unknown markup {line!r}")
            continue
        m = _LABEL_RE.match(line)
        if m:
            label = m.group("label")
            units[-1].body.append(SPara(line[m.end() :], label, label_level(label)))
        else:
            units[-1].body.append(SPara(line))
    return Source(units, footnotes, numbering, heading)


def load_expired() -> Source:
    return parse_source((HERE / "expired_source.txt").read_text(encoding="utf-8"))


def assign_numbers(source: Source) -> dict[str, str]:
    """Printed number of every unit: roman articles (a lettered one takes the previous number
    plus A, B ...), sideletters 1, 2 ..., exhibits A, B ..."""
    numbers: dict[str, str] = {}
    base = 0
    letter = 0
    sideletters = 0
    exhibits = 0
    for u in source.units:
        if u.kind == "article":
            if u.lettered:
                letter += 1
                numbers[u.key] = _art(base, source.numbering) + chr(ord("A") + letter - 1)
            else:
                base += 1
                letter = 0
                numbers[u.key] = _art(base, source.numbering)
        elif u.kind == "sideletter":
            sideletters += 1
            numbers[u.key] = str(sideletters)
        else:
            exhibits += 1
            numbers[u.key] = chr(ord("A") + exhibits - 1)
    return numbers


def _art(value: int, numbering: str) -> str:
    return to_roman(value) if numbering == "roman" else str(value)


def heading_lines(kind: str, number: str, title: str, style: str = "two-line") -> list[str]:
    """The heading as printed: articles on two lines (or one, with a dash), sideletters and
    exhibits on one."""
    if kind == "article":
        if style == "one-line":
            return [f"ARTICLE {number} – {title}"]
        return [f"ARTICLE {number}", title]
    if kind == "sideletter":
        return [f"SIDELETTER NO. {number} – {title}"]
    return [f"EXHIBIT {number} – {title}"]


def resolve_refs(text: str, numbers: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        num = numbers[m.group("key")]
        return f"Article {num}" if m.group("kind") == "ref" else f"Sideletter No. {num}"

    return _REF_RE.sub(sub, text)


def plain_text(text: str, numbers: dict[str, str]) -> str:
    """What a reader should report for a paragraph: references resolved, footnote markers and
    manual line breaks gone, whitespace single."""
    text = _FN_RE.sub("", resolve_refs(text, numbers)).replace(LINE_BREAK, " ")
    return " ".join(text.split())


def segments(text: str, numbers: dict[str, str]) -> list[tuple[str, str]]:
    """Split a paragraph into ("text", s), ("fn", key) and ("br", "") pieces for the writers."""
    out: list[tuple[str, str]] = []
    text = resolve_refs(text, numbers)
    for i, chunk in enumerate(text.split(LINE_BREAK)):
        if i:
            out.append(("br", ""))
        pos = 0
        for m in _FN_RE.finditer(chunk):
            if m.start() > pos:
                out.append(("text", chunk[pos : m.start()]))
            out.append(("fn", m.group("key")))
            pos = m.end()
        if pos < len(chunk):
            out.append(("text", chunk[pos:]))
    return out


def footnote_keys(text: str) -> list[str]:
    return [m.group("key") for m in _FN_RE.finditer(text)]


def references(text: str) -> list[tuple[str, str]]:
    return [(m.group("kind"), m.group("key")) for m in _REF_RE.finditer(text)]


def relabel(unit: SUnit) -> None:
    """Renumber a unit's clause labels in sequence, as a drafter does after moving clauses."""
    counters = [0, 0, 0, 0, 0]
    for p in unit.body:
        if not isinstance(p, SPara) or not p.label:
            continue
        counters[p.level] += 1
        for deeper in range(p.level + 1, 5):
            counters[deeper] = 0
        n = counters[p.level]
        p.label = format_label(p.level, n)


def format_label(level: int, n: int) -> str:
    if level == 1:
        return f"{n}."
    if level == 2:
        return f"({chr(ord('a') + n - 1)})"
    if level == 3:
        return f"({n})"
    return f"({to_roman(n).lower()})"
