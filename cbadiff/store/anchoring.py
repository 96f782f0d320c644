"""Where an annotation sits in a comparison, and where it moves in the next one.

When the other side sends a new draft, the reviewer compares the same expired agreement with it.
Change ids and list positions mean nothing across those two comparisons, so an annotation is
found again by evidence: the old-side units and block it was on (the expired agreement did not
change, so those ids still hold), the quoted text of both sides, the paragraph around it, and
only as a tie-breaker its position among its article's changes. An annotation whose change no
longer exists is returned with ``None`` so the caller flags it orphaned and keeps its quotes;
nothing is ever dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from cbadiff.annotations import Anchor, Annotation
from cbadiff.model import ArticlePair, Change, Comparison

PAIR_QUOTE_CHARS = 400  # how much of an article a whole-article anchor quotes
_SIM_CHARS = 1000  # similarity looks at this much of long quotes and paragraphs
_WS = re.compile(r"\s+")
_PARTIAL_MIN, _PARTIAL_MAX = 4, 120  # quote lengths for which containment counts

# Scores are in 0..1. A candidate change must quote similar text (QUOTE_MIN) and sit in the
# same place or the same paragraph; the best total wins. The weights put the quoted text first,
# the surrounding paragraph second and the location third; ordinal position only breaks ties.
QUOTE_MIN = 0.55
CONTEXT_MIN = 0.7  # off its old block, a change must sit in much the same paragraph
SCORE_MIN = 0.5
PAIR_MIN = 0.6
SURE = 0.85  # a match in the anchor's own article this good ends the search
_W_QUOTE, _W_CONTEXT, _W_PLACE, _W_ORDINAL = 0.5, 0.25, 0.2, 0.05


@functools.lru_cache(maxsize=16384)
def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()[:_SIM_CHARS]


def similarity(quote: str, text: str) -> float:
    """How well a candidate's ``text`` matches an anchor's ``quote``: 1 equal, 0 unrelated.

    A quote found inside a longer text ("$7.50" in "penalty of $7.50") still counts, a little
    less, because a new draft often changes a few more words around the same spot. Only that
    way round: a short text inside a long quote ("Production." in a whole sentence) is no
    evidence. A quote of under four characters must match as a whole, or "a" would be found
    everywhere, and long quotes are compared as wholes (containment costs quadratic time).
    """
    a, b = _norm(quote), _norm(text)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b) / 100.0
    if _PARTIAL_MIN <= len(a) <= min(len(b), _PARTIAL_MAX) and score < 1.0:
        score = max(score, 0.85 * fuzz.partial_ratio(a, b) / 100.0)
    return score


def _whole(a: str, b: str) -> float:
    """Similarity of two paragraphs as wholes."""
    a, b = _norm(a), _norm(b)
    return fuzz.ratio(a, b) / 100.0 if a and b else 0.0


def _unit_heading(comparison: Comparison, side: str, unit_id: str) -> str:
    agreement = comparison.new if side == "new" else comparison.old
    try:
        unit = agreement.unit(unit_id)
    except KeyError:
        return ""
    return unit.heading or " ".join(x for x in (unit.number, unit.title) if x)


def _pair_heading(comparison: Comparison, pair: ArticlePair) -> str:
    side, units = ("new", pair.new) if pair.new else ("old", pair.old)
    return " / ".join(h for h in (_unit_heading(comparison, side, u) for u in units) if h)


def _pair_text(comparison: Comparison, side: str, units: Iterable[str]) -> str:
    agreement = comparison.new if side == "new" else comparison.old
    parts: list[str] = []
    for unit_id in units:
        try:
            parts.append(agreement.unit(unit_id).text)
        except KeyError:
            continue
    return _norm("\n".join(parts))[:PAIR_QUOTE_CHARS]


def anchor_for(comparison: Comparison, pair: ArticlePair, change: Change | None = None) -> Anchor:
    """The anchor of a new annotation on ``change`` in ``pair`` (or on the whole pair)."""
    heading = _pair_heading(comparison, pair)
    if change is None:
        return Anchor(
            pair_id=pair.id,
            change_id=None,
            old_units=pair.old,
            new_units=pair.new,
            old_quote=_pair_text(comparison, "old", pair.old),
            new_quote=_pair_text(comparison, "new", pair.new),
            heading=heading,
        )
    ordinal = next((i for i, c in enumerate(pair.changes) if c.id == change.id), 0)
    return Anchor(
        pair_id=pair.id,
        change_id=change.id,
        old_units=pair.old,
        new_units=pair.new,
        old_block=change.old_block,
        new_block=change.new_block,
        old_quote=change.old_text,
        new_quote=change.new_text,
        ordinal=ordinal,
        old_context=change.old_context,
        new_context=change.new_context,
        heading=heading,
    )


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate with the evidence behind its score, for tests and for explaining a move."""

    pair: ArticlePair
    change: Change | None
    score: float
    quote: float = 0.0
    context: float = 0.0
    place: float = 0.0
    fit: float = 0.0  # tie-breaker: how well the pair's units agree with the anchor's


def _fit(anchor: Anchor, pair: ArticlePair) -> float:
    """2 for the very same pair, else the overlap of unit ids: a moved clause shows as one
    change in the article it left and one in the article it joined, with the same text."""
    if pair.id == anchor.pair_id:
        return 2.0
    mine = {("old", u) for u in anchor.old_units} | {("new", u) for u in anchor.new_units}
    theirs = {("old", u) for u in pair.old} | {("new", u) for u in pair.new}
    return len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0


def _quote_score(anchor: Anchor, change: Change) -> float:
    if not anchor.old_quote and not anchor.new_quote:  # a change of layout only (a new line)
        return 1.0 if not change.old_text and not change.new_text else 0.0
    new_sim = similarity(anchor.new_quote, change.new_text)
    if not anchor.old_quote:  # an insertion is known by what it inserted
        return new_sim if change.new_text else 0.0
    old_sim = similarity(anchor.old_quote, change.old_text)
    if not anchor.new_quote:  # a deletion by what it deleted
        return old_sim
    return 0.65 * old_sim + 0.35 * new_sim


def _context_score(anchor: Anchor, change: Change) -> float:
    scores = []
    if anchor.old_context and change.old_context:
        scores.append(_whole(anchor.old_context, change.old_context))
    if anchor.new_context and change.new_context:
        scores.append(_whole(anchor.new_context, change.new_context))
    return max(scores, default=0.0)


def _place_score(anchor: Anchor, pair: ArticlePair, change: Change) -> float:
    if anchor.old_block is not None and anchor.old_block == change.old_block:
        return 1.0
    if set(anchor.old_units) & set(pair.old):
        return 0.6
    if anchor.new_block is not None and anchor.new_block == change.new_block:
        return 0.4
    if set(anchor.new_units) & set(pair.new):
        return 0.3
    return 0.0


def score_change(anchor: Anchor, pair: ArticlePair, ordinal: int, change: Change) -> Match | None:
    """The match of ``anchor`` against one change, or None when the evidence is too weak."""
    quote = _quote_score(anchor, change)
    if quote < QUOTE_MIN:
        return None
    place = _place_score(anchor, pair, change)
    context = _context_score(anchor, change)
    if place < 1.0 and context < CONTEXT_MIN:
        return None  # the same words in another paragraph ("pay" twice in an article): not it
    closeness = 1.0 / (1.0 + abs(ordinal - anchor.ordinal))
    score = _W_QUOTE * quote + _W_CONTEXT * context + _W_PLACE * place + _W_ORDINAL * closeness
    if score < SCORE_MIN:
        return None
    return Match(pair, change, score, quote, context, place, _fit(anchor, pair))


class _Index:
    """Changes of one comparison by their old block, built once for all annotations."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.by_old_block: dict[str, list[tuple[ArticlePair, int, Change]]] = {}
        self.all: list[tuple[ArticlePair, int, Change]] = []
        for pair in comparison.pairs:
            for ordinal, change in enumerate(pair.changes):
                self.all.append((pair, ordinal, change))
                if change.old_block is not None:
                    self.by_old_block.setdefault(change.old_block, []).append(
                        (pair, ordinal, change)
                    )
        self.old_texts = [_norm(c.old_text) for _, _, c in self.all]
        self.new_texts = [_norm(c.new_text) for _, _, c in self.all]
        self.old_contexts = [_norm(c.old_context) for _, _, c in self.all]
        self.new_contexts = [_norm(c.new_context) for _, _, c in self.all]

    def _matching(
        self, pairs: Sequence[tuple[str, list[str]]], scorers: Sequence[tuple[Any, float]]
    ) -> set[int]:
        hits: set[int] = set()
        for query, texts in pairs:
            q = _norm(query)
            if not q:
                continue
            for scorer, cutoff in scorers:
                if scorer is fuzz.partial_ratio and len(q) < _PARTIAL_MIN:
                    continue  # as in similarity(): containment counts from 4 characters
                found = process.extract(
                    q, texts, scorer=scorer, limit=None, score_cutoff=100 * cutoff - 1e-9
                )
                hits.update(i for _, _, i in found)
        return hits

    def far_candidates(self, anchor: Anchor) -> list[tuple[ArticlePair, int, Change]]:
        """Changes anywhere that could pass :func:`score_change` off the anchor's old block.

        Such a change needs both a similar quote and a similar paragraph (CONTEXT_MIN); both
        bounds are computed in rapidfuzz's C++ loops, so searching every change (for an
        annotation that is probably orphaned) does not cost seconds.
        """
        context = self._matching(
            [(anchor.old_context, self.old_contexts), (anchor.new_context, self.new_contexts)],
            [(fuzz.ratio, CONTEXT_MIN)],
        )
        if len(context) <= 64:  # few enough to score directly
            return [self.all[i] for i in sorted(context)]
        quote = self._matching(
            [(anchor.old_quote, self.old_texts), (anchor.new_quote, self.new_texts)],
            [(fuzz.ratio, QUOTE_MIN), (fuzz.partial_ratio, QUOTE_MIN / 0.85)],
        )
        return [self.all[i] for i in sorted(context & quote)]


def _near(anchor: Anchor, pair: ArticlePair) -> bool:
    """Whether ``pair`` holds what the anchor's article held, by old units (else new ones)."""
    if anchor.old_units:
        return bool(set(anchor.old_units) & set(pair.old))
    return bool(set(anchor.new_units) & set(pair.new)) or not pair.old


def _best_change(anchor: Anchor, index: _Index) -> Match | None:
    """Look where the change most likely is first, and further only when that is not sure.

    1. changes on the same old block, wherever they are now (the expired agreement is the same
    file, so its block ids hold, even for a clause moved to another article); 2. the pairs that
    hold the anchor's article; 3. only when neither found anything, every change whose text
    could match (the old side was re-read or replaced, and block ids no longer hold).
    """
    best: Match | None = None
    if anchor.old_block is not None:
        best = _best_of(anchor, index.by_old_block.get(anchor.old_block, []))
        if best is not None and best.score >= SURE:
            return best
    near = [p for p in index.comparison.pairs if _near(anchor, p)]
    best = _better(
        best, _best_of(anchor, ((p, i, c) for p in near for i, c in enumerate(p.changes)))
    )
    if best is None:
        best = _best_of(
            anchor, (x for x in index.far_candidates(anchor) if not _near(anchor, x[0]))
        )
    return best


def _better(a: Match | None, b: Match | None) -> Match | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if (b.score, b.fit) > (a.score, a.fit) else a


def _best_of(anchor: Anchor, candidates: Iterable[tuple[ArticlePair, int, Change]]) -> Match | None:
    best: Match | None = None
    for pair, ordinal, change in candidates:
        best = _better(best, score_change(anchor, pair, ordinal, change))
    return best


def _best_pair(anchor: Anchor, comparison: Comparison) -> Match | None:
    old = set(anchor.old_units)
    best: Match | None = None
    for pair in comparison.pairs:
        if old:
            shared = old & set(pair.old)
            if not shared:
                continue
            score = len(shared) / len(old | set(pair.old))
        else:  # an added article: find it again by its heading and opening text
            if pair.old:
                continue
            text = similarity(anchor.new_quote, _pair_text(comparison, "new", pair.new))
            head = similarity(anchor.heading, _pair_heading(comparison, pair))
            score = 0.6 * text + 0.4 * head
            if score < PAIR_MIN:
                continue
        if best is None or score > best.score:
            best = Match(pair, None, score)
    return best


def locate(anchor: Anchor, comparison: Comparison, index: _Index | None = None) -> Match | None:
    """Where ``anchor`` is in ``comparison``, or None when what it was on is gone."""
    if anchor.change_id is None:
        return _best_pair(anchor, comparison)
    return _best_change(anchor, index or _Index(comparison))


def reanchor(
    annotations: Sequence[Annotation], comparison: Comparison
) -> list[tuple[Annotation, Anchor | None]]:
    """Each annotation with its anchor in ``comparison``, or None where it is orphaned.

    Orphaned annotations are tried again too: a later draft may bring their text back.
    Several annotations may land on the same change (two reviewers on one clause).
    """
    out: list[tuple[Annotation, Anchor | None]] = []
    index = _Index(comparison)
    for annotation in annotations:
        match = locate(annotation.anchor, comparison, index)
        if match is None:
            out.append((annotation, None))
        else:
            out.append((annotation, anchor_for(comparison, match.pair, match.change)))
    return out
