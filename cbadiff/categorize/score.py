"""Weighing the evidence: which categories a change gets, from which words.

Four sources weigh in. The changed words count most; the clause around them helps; the section
heading and the article title are strong evidence of what every change under them is about (the
taxonomy's "headings first"), shared between the categories a heading names, so a title naming
two issues says half as much about each.

    changed words   strong phrase 3, weak phrase 1
    clause          strong phrase 2, weak phrase 1   (phrases already in the changed words skip)
    heading, title  3 / number of categories the heading names (a weak phrase: half that;
                    a category's ``headings`` phrases, such as "Wages", are strong here)

A category with 3 or more is a label. When the changed words are a number or date with no strong
phrase (a bare "$7.50 -> $10.00"), every category with a strong phrase in the clause is a label too: the clause
decides, whatever the title says. When still nothing reaches 3, the best supported categories
with at least 2 are the labels. A weak phrase alone (1)
never labels. Cued phrases ("penalty") count only when a cue occurs within the window in the same
text, or anywhere in the clause, heading or title; counter-cues veto within the window.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cbadiff.categorize.matcher import Hit, Matcher, Scan

CHANGED, CLAUSE, HEADING, TITLE = "changed", "clause", "heading", "title"
SOURCES = (CHANGED, CLAUSE, HEADING, TITLE)
_BODY_WEIGHT = {CHANGED: (3.0, 1.0), CLAUSE: (2.0, 1.0)}
_HEAD_WEIGHT = 3.0
LABEL_AT = 3.0
FALLBACK_AT = 2.0
_EXTRA_PHRASE = 0.25  # each further distinct phrase, for ranking only
_EXTRA_CAP = {CHANGED: 0.75, CLAUSE: 0.5, HEADING: 0.0, TITLE: 0.0}


@dataclass(slots=True)
class _Evidence:
    weight: float = 0.0
    phrases: dict[str, list[str]] = field(default_factory=dict)  # source -> phrases


@dataclass(frozen=True, slots=True)
class Result:
    """Labels ranked by weight, each with the phrases that made the call."""

    scores: dict[str, float]
    why: dict[str, tuple[str, ...]]

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self.why)


def _accepted(hit: Hit, scan: Scan, others: Sequence[Scan]) -> bool:
    """Whether a hit counts: no counter-cue within the window, and a cue if it needs one."""
    entry = hit.entry
    if entry.not_near and scan.cue_near(entry.not_near, hit.start, hit.end, entry.window):
        return False
    if not entry.near:
        return True
    if scan.cue_near(entry.near, hit.start, hit.end, entry.window):
        return True
    return any(o.has_cue(entry.near) for o in others)


def score(
    matcher: Matcher,
    changed: Sequence[str],
    clause: Sequence[str] = (),
    heading: str = "",
    title: str = "",
) -> Result:
    """Categories for one change; ``changed`` and ``clause`` may hold an old and a new side."""
    scans: dict[str, list[Scan]] = {
        CHANGED: [matcher.scan(t) for t in changed if t and t.strip()],
        CLAUSE: [matcher.scan(t) for t in _distinct(clause)],
        HEADING: [matcher.scan(heading)]
        if heading.strip() and _norm(heading) != _norm(title)
        else [],
        TITLE: [matcher.scan(title)] if title.strip() else [],
    }
    evidence: dict[str, _Evidence] = {}
    found: dict[str, dict[str, dict[str, bool]]] = {s: {} for s in SOURCES}  # src->cat->phrase
    for source in SOURCES:
        own = scans[source]
        for scan in own:
            # a body hit may take its cue from anywhere around it; a heading only from headings
            context = (HEADING, TITLE) if source in (HEADING, TITLE) else SOURCES
            others = [o for s in context if s != source for o in scans[s]]
            spans: dict[tuple[int, int, str], str] = {}
            for hit in scan.hits:
                entry = hit.entry
                if entry.category is None:
                    continue
                if entry.heading_only and source not in (HEADING, TITLE):
                    continue
                if not _accepted(hit, scan, others):
                    continue
                span = (hit.start, hit.end, entry.category)
                shown = spans.setdefault(span, entry.phrase)  # one spelling per span is shown
                per = found[source].setdefault(entry.category, {})
                per[shown] = per.get(shown, False) or entry.strong
    for source in SOURCES:
        heads = found[source]
        if source in (HEADING, TITLE):
            if not heads:
                continue
            for cat, phrases in heads.items():
                ev = evidence.setdefault(cat, _Evidence())
                full = any(phrases.values())  # a weak word ("Rates") says half as much
                ev.weight += (_HEAD_WEIGHT if full else _HEAD_WEIGHT / 2) / len(heads)
                ev.phrases[source] = list(phrases)
            continue
        strong_w, weak_w = _BODY_WEIGHT[source]
        for cat, phrases in heads.items():
            if source == CLAUSE:
                seen = found[CHANGED].get(cat, {})
                phrases = {p: s for p, s in phrases.items() if p not in seen}
                if not phrases:
                    continue
            ev = evidence.setdefault(cat, _Evidence())
            best = strong_w if any(phrases.values()) else weak_w
            extra = min(_EXTRA_CAP[source], _EXTRA_PHRASE * (len(phrases) - 1))
            ev.weight += best + extra
            ev.phrases[source] = sorted(phrases, key=lambda p: not phrases[p])
    labels = [c for c, ev in evidence.items() if ev.weight >= LABEL_AT]
    has_own = any(strong for per in found[CHANGED].values() for strong in per.values())
    if not has_own and any(_NUMBER.search(t) for t in changed):
        # a bare "$7.50 -> $10.00" or "ten (10) -> twelve (12)": the clause says what it is about
        for cat in evidence:
            strong_clause = any(found[CLAUSE].get(cat, {}).values())
            if strong_clause and cat not in labels:
                labels.append(cat)
    if not labels and evidence:
        top = max(ev.weight for ev in evidence.values())
        if top >= FALLBACK_AT:
            labels = [c for c, ev in evidence.items() if ev.weight >= max(FALLBACK_AT, top - 0.5)]
    order = matcher.order
    labels.sort(key=lambda c: (-evidence[c].weight, order.get(c, len(order))))
    why: dict[str, tuple[str, ...]] = {}
    for cat in labels:
        out: list[str] = []
        for source in SOURCES:
            for p in evidence[cat].phrases.get(source, ()):
                shown = p if source == CHANGED else f"{p} ({source})"
                if shown not in out:
                    out.append(shown)
        why[cat] = tuple(out)
    return Result({c: evidence[c].weight for c in labels}, why)


_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|hundred|thousand|half|percent|double)\b",
    re.IGNORECASE,
)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _distinct(texts: Sequence[str]) -> list[str]:
    out: list[str] = []
    for t in texts:
        if t and t.strip() and t not in out:
            out.append(t)
    return out
