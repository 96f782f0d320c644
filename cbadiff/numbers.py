"""Find quantities in clause text and pair the ones a change alters, old -> new, with their unit.

A quantity is a number as printed with what it counts: money ("$7.50", "$7.50 per hour"),
percentages ("3%", "three percent (3%)"), durations (hours, minutes, days, weeks, months, years),
dates ("July 1, 2021", "7/1/2021"), clock times ("6:00 a.m.") and spelled-out forms with digits in parentheses ("ten (10)
hours"). Numbers that label something ("Article 14", "Section 12.3", "page 4") are references,
not quantities, and are skipped. Pure functions over strings; no project imports but the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cbadiff.model import NumberChange

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_NUMBER_WORDS = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|half|and|dollars?|cents?|percent)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"  # "1,250.50"; "2019,2025" is two
_UNIT_WORDS = {
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours",
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "day": "days", "days": "days",
    "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months",
    "year": "years", "years": "years",
    "percent": "%", "per cent": "%", "%": "%",
}  # fmt: skip
_QUALIFIER = (
    r"(?:consecutive|calendar|working|business|work|school|straight|full|regular|additional|"
    r"paid|unpaid|overtime|hour|minute|day|week|month|year)"
)
_UNIT = (
    rf"(?:\s*(?P<pct>%|percent\b|per\s+cent\b)"
    rf"|\s+(?:{_QUALIFIER}\s+){{0,2}}"
    r"(?P<unit>hours?|hrs?\b\.?|minutes?|mins?\b\.?|days?|weeks?|months?|years?)\b)"
)
_RATE = r"(?:\s*(?:/|per|an|a)\s*(?P<per>hour|hr|day|week|month|year|shift|mile|meal|person)\b)"

QUANTITY_RE = re.compile(
    # dates first, so "July 1, 2021" is one date, not two numbers
    rf"(?P<date>\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}\b"
    r"|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
    r"|\b\d{4}-\d{2}-\d{2}\b)"
    r"|(?P<time>\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?(?![a-z]))?)"
    # spelled out with digits in parentheses: "ten (10)", "three percent (3%)", "($5.00)"
    rf"|(?P<spelled>\b(?!and\b){_NUMBER_WORDS}(?:[\s-]+{_NUMBER_WORDS})*\s*"
    rf"\(\s*(?P<sdigits>\$?{_DIGITS}\s*%?)\s*\))(?:{_RATE}|{_UNIT})?"
    rf"|(?P<money>\$\s?{_DIGITS})(?:{_RATE.replace('per>', 'mper>')})?"
    rf"|(?P<plain>(?<![\w.]){_DIGITS})"
    rf"(?:{_UNIT.replace('pct>', 'ppct>').replace('unit>', 'punit>')}"
    r"|\s*/\s*(?P<pper>hr|hour|day|week|month|year|shift)\b\.?)?",
    re.IGNORECASE,
)
_REAL_NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b",
    re.IGNORECASE,
)
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:articles?|art|sections?|sec|paragraphs?|para|subsections?|exhibits?|appendix|"
    r"appendices|schedules?|sideletters?|letters?|page|pages|no|number|item|clause|step|"
    r"level|grade|class|group|local|tier|code|rule|form|chapter|title)\.?|§)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as printed (``text``), its comparable ``value`` and ``unit``, and its span."""

    text: str
    value: str  # canonical: "7.5", "2021-07-01"
    unit: str | None
    start: int
    end: int


def _canonical_number(digits: str) -> str:
    raw = digits.replace(",", "").replace("$", "").replace("%", "").strip()
    try:
        value = float(raw)
    except ValueError:
        return raw
    return f"{value:g}" if value != int(value) else str(int(value))


def _canonical_date(text: str) -> str:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", text)
    if m:
        year = int(m.group(3))
        year += 2000 if year < 100 else 0
        return f"{year:04d}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    month = next((v for k, v in _MONTHS.items() if k in text.lower()), 0)
    nums = re.findall(r"\d+", text)
    if len(nums) >= 2:
        year = int(nums[-1])
        day = int(nums[0])
        return f"{year:04d}-{month:02d}-{day:02d}"
    return " ".join(text.lower().split())


def _canonical_time(text: str) -> str:
    m = re.match(r"(\d{1,2}):(\d{2})\s*([ap])?", text.lower())
    if not m:
        return text
    hour = int(m.group(1))
    if m.group(3) == "p" and hour < 12:
        hour += 12
    elif m.group(3) == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{m.group(2)}"


def _unit_of(word: str | None, pct: str | None) -> str | None:
    if pct:
        return "%"
    if word:
        return _UNIT_WORDS.get(word.lower().rstrip("."))
    return None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` in reading order, references ("Article 14") left out."""
    found: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text):
        if m.group("date"):
            printed = m.group("date")
            found.append(Quantity(printed, _canonical_date(printed), "date", m.start(), m.end()))
        elif m.group("time"):
            printed = m.group("time")
            found.append(Quantity(printed, _canonical_time(printed), "time", m.start(), m.end()))
        elif m.group("spelled"):
            digits = m.group("sdigits")
            per = m.group("per")
            if digits.startswith("$"):
                unit: str | None = f"$/{per.lower()}" if per else "$"
            elif "%" in digits:
                unit = "%"
            else:
                unit = _unit_of(m.group("unit"), m.group("pct"))
                if unit is None and re.search(r"percent", m.group("spelled"), re.IGNORECASE):
                    unit = "%"
                if unit is None and re.search(r"dollar", m.group("spelled"), re.IGNORECASE):
                    unit = "$"
            spelled = " ".join(m.group("spelled").split())
            if not _REAL_NUMBER_WORD.search(spelled):  # "cents ($4.413)": show the digits
                spelled = digits.strip()
            found.append(
                Quantity(
                    spelled,
                    _canonical_number(digits),
                    unit,
                    m.start(),
                    m.end(),
                )
            )
        elif m.group("money"):
            per = m.group("mper")
            unit = f"$/{per.lower()}" if per else "$"
            printed = m.group("money").replace(" ", "")
            found.append(Quantity(printed, _canonical_number(printed), unit, m.start(), m.end()))
        else:
            start = m.start("plain")
            if _REFERENCE_BEFORE.search(text[max(0, start - 24) : start]):
                continue
            printed = m.group("plain").rstrip(",")
            unit = _unit_of(m.group("punit"), m.group("ppct"))
            if m.group("pper"):  # "47.15/hr." in a rate table: a rate, currency not printed
                per = m.group("pper").lower()
                unit = f"/{'hour' if per == 'hr' else per}"
            found.append(
                Quantity(
                    printed + ("%" if unit == "%" and m.group("ppct") == "%" else ""),
                    _canonical_number(printed),
                    unit,
                    m.start(),
                    m.end(),
                )
            )
    return found


def overlapping(quantities: Iterable[Quantity], start: int, end: int) -> list[Quantity]:
    """The quantities whose span touches ``[start, end)``; an empty span touches at its point."""
    if start == end:
        return [q for q in quantities if q.start < start < q.end]
    return [q for q in quantities if q.start < end and start < q.end]


def _display(q: Quantity) -> str:
    return q.text


def pair_numbers(
    old: Sequence[Quantity], new: Sequence[Quantity], *, context: str | None = None
) -> list[NumberChange]:
    """Pair the quantities a change touches, old -> new, keeping only the ones that changed.

    Quantities pair by unit in reading order ("$7.50 per hour" with "$8.00 per hour", "10
    days" with "14 days"); what is left pairs with nothing (a new quantity, a removed one). A pair
    whose value and unit are equal is not a change, whatever the spelling ("ten (10)" -> "10").
    """
    by_unit_old: dict[str | None, list[Quantity]] = {}
    by_unit_new: dict[str | None, list[Quantity]] = {}
    for q in old:
        by_unit_old.setdefault(q.unit, []).append(q)
    for q in new:
        by_unit_new.setdefault(q.unit, []).append(q)
    pairs: list[tuple[int, NumberChange]] = []
    leftovers_old: list[Quantity] = []
    leftovers_new: list[Quantity] = []
    for unit in list(dict.fromkeys([*by_unit_old, *by_unit_new])):
        olds = by_unit_old.get(unit, [])
        news = by_unit_new.get(unit, [])
        for a, b in zip(olds, news, strict=False):
            if a.value != b.value:
                pairs.append((b.start, NumberChange(_display(a), _display(b), unit, context)))
        leftovers_old.extend(olds[len(news) :])
        leftovers_new.extend(news[len(olds) :])
    # A unit changed with the number ("10 days" -> "2 weeks"): pair leftovers in order.
    for a, b in zip(leftovers_old, leftovers_new, strict=False):
        if (a.value, a.unit) != (b.value, b.unit):
            unit = a.unit if a.unit == b.unit else None
            old_text = a.text if unit or a.unit is None else f"{a.text} {a.unit}"
            new_text = b.text if unit or b.unit is None else f"{b.text} {b.unit}"
            pairs.append((b.start, NumberChange(old_text, new_text, unit, context)))
    for a in leftovers_old[len(leftovers_new) :]:
        pairs.append((a.start, NumberChange(_display(a), None, a.unit, context)))
    for b in leftovers_new[len(leftovers_old) :]:
        pairs.append((b.start, NumberChange(None, _display(b), b.unit, context)))
    pairs.sort(key=lambda item: item[0])
    return [p for _, p in pairs]
