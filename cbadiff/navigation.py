"""Next/previous change lookup and overview-bar geometry, for any front end.

Meld precomputes, once per diff, where every change sits so that "next change" costs a lookup on
each key press; this module does the same for a :class:`~cbadiff.model.Comparison`. It is pure
Python with no Qt: the desktop app asks it which change comes next, which changes the overview
bar marks and where, and which change a click on the bar means, and only moves widgets itself.

Positions are ``(pair index, change index)`` into ``Comparison.pairs`` and ``ArticlePair.changes``,
so they stay valid for as long as the comparison they were built from.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from cbadiff.model import ArticlePair, Change

#: Smallest height, as a fraction of the bar, that a mark is drawn with, so that a one-word change
#: in a long article still gets a mark a reader can see and click.
MIN_MARK_FRACTION = 0.006


@dataclass(frozen=True, slots=True, order=True)
class ChangeRef:
    """Where a change is: its pair's index in the comparison and its index in that pair."""

    pair: int
    change: int


def counts_as_substantive(change: Change, also: Collection[str] = ()) -> bool:
    """Whether ``change`` counts as substantive for this reader.

    The engine decides ``Change.substantive`` and, for a cosmetic change, names the ``reason``
    ("whitespace", "quotes", ...). A reader may count some of those reasons as substantive after
    all (a union that bargains over punctuation in a wage table); ``also`` lists them.
    """
    return change.substantive or (bool(change.reason) and change.reason in also)


class ChangeIndex:
    """The changes a reader can step through, in reading order, with instant next/previous.

    Built once per comparison and per filter (which pairs the navigator shows, whether cosmetic
    changes are hidden), so that F7 and Shift+F7, and whether their actions are enabled, cost one
    binary search.
    """

    def __init__(self, refs: Iterable[ChangeRef]) -> None:
        # Sort on plain tuples: the dataclass's generated __lt__ is ten times slower, and a
        # comparison of a long agreement has thousands of changes.
        unique = {(r.pair, r.change): r for r in refs}
        self._keys: list[tuple[int, int]] = sorted(unique)
        self._refs: tuple[ChangeRef, ...] = tuple(unique[k] for k in self._keys)

    @classmethod
    def build(
        cls,
        pairs: Sequence[ArticlePair],
        *,
        pair_visible: Callable[[int], bool] | None = None,
        change_visible: Callable[[Change], bool] | None = None,
    ) -> ChangeIndex:
        """Index every change of the visible pairs that passes ``change_visible``."""
        refs = [
            ChangeRef(p, c)
            for p, pair in enumerate(pairs)
            if pair_visible is None or pair_visible(p)
            for c, change in enumerate(pair.changes)
            if change_visible is None or change_visible(change)
        ]
        return cls(refs)

    @property
    def refs(self) -> tuple[ChangeRef, ...]:
        return self._refs

    def __len__(self) -> int:
        return len(self._refs)

    def __contains__(self, ref: object) -> bool:
        return ref in self._refs

    @staticmethod
    def _key(pair: int, change: int | None) -> tuple[int, int]:
        # A cursor on a pair with no change selected sits before the pair's first change.
        return (pair, -1 if change is None else change)

    def next(self, pair: int, change: int | None = None) -> ChangeRef | None:
        """The first change after the cursor; ``None`` past the last one.

        With ``change=None`` the cursor is at the top of ``pair``, so its own first change is next.
        """
        i = bisect_right(self._keys, self._key(pair, change))
        return self._refs[i] if i < len(self._refs) else None

    def previous(self, pair: int, change: int | None = None) -> ChangeRef | None:
        """The last change before the cursor; ``None`` before the first one."""
        i = bisect_left(self._keys, self._key(pair, change)) - 1
        return self._refs[i] if i >= 0 else None

    def first(self) -> ChangeRef | None:
        return self._refs[0] if self._refs else None

    def position(self, ref: ChangeRef) -> int | None:
        """0-based position of ``ref`` among the indexed changes (for "change 3 of 41")."""
        i = bisect_left(self._keys, (ref.pair, ref.change))
        if i < len(self._refs) and self._refs[i] == ref:
            return i
        return None

    def in_pair(self, pair: int) -> tuple[ChangeRef, ...]:
        """The indexed changes of one pair, in order."""
        lo = bisect_left(self._keys, (pair, -1))
        hi = bisect_left(self._keys, (pair + 1, -1))
        return self._refs[lo:hi]


@dataclass(frozen=True, slots=True)
class Mark:
    """One change drawn on the overview bar: its index in the pair and its span as 0..1 fractions."""

    change: int
    start: float
    end: float


def overview_marks(
    spans: Sequence[tuple[int, float, float]],
    total: float,
    *,
    min_fraction: float = MIN_MARK_FRACTION,
) -> tuple[Mark, ...]:
    """Normalise laid-out change spans ``(change, top, bottom)`` to overview-bar marks.

    ``total`` is the height of the whole laid-out article in the same unit as the spans (pixels,
    lines). Each mark is at least ``min_fraction`` tall and stays inside 0..1, so every change
    remains visible and clickable on a long article. Marks are sorted by position.
    """
    if total <= 0:
        return ()
    marks: list[Mark] = []
    for change, top, bottom in spans:
        start = min(max(top / total, 0.0), 1.0)
        end = min(max(bottom / total, start), 1.0)
        if end - start < min_fraction:
            mid = (start + end) / 2
            start = max(0.0, min(mid - min_fraction / 2, 1.0 - min_fraction))
            end = min(1.0, start + min_fraction)
        marks.append(Mark(change, start, end))
    marks.sort(key=lambda m: (m.start, m.change))
    return tuple(marks)


def mark_at(marks: Sequence[Mark], fraction: float, *, tolerance: float = 0.01) -> Mark | None:
    """The mark a click at ``fraction`` of the bar means: one under it, else the nearest one
    within ``tolerance``; ``None`` when the click is on empty bar (which scrolls instead)."""
    best: Mark | None = None
    best_distance = tolerance
    for mark in marks:
        if mark.start <= fraction <= mark.end:
            return mark
        distance = min(abs(mark.start - fraction), abs(mark.end - fraction))
        if distance <= best_distance:
            best, best_distance = mark, distance
    return best


def viewport_fraction(value: float, page: float, maximum: float) -> tuple[float, float]:
    """The part of the document a scroll bar shows, as 0..1 fractions, for the bar's handle.

    ``value``, ``page`` and ``maximum`` are a scroll bar's value, page step and maximum (the
    document height is ``maximum + page``).
    """
    total = maximum + page
    if total <= 0:
        return (0.0, 1.0)
    start = min(max(value / total, 0.0), 1.0)
    return (start, min(1.0, start + page / total))


def scroll_value_for(fraction: float, page: float, maximum: float) -> float:
    """The scroll value that centres the viewport on ``fraction`` of the document."""
    total = maximum + page
    return min(max(fraction * total - page / 2, 0.0), max(maximum, 0.0))


def category_counts(
    pairs: Sequence[ArticlePair],
    *,
    change_visible: Callable[[Change], bool] | None = None,
    uncategorised: str | None = None,
) -> list[tuple[str, int]]:
    """Changes per category over ``pairs``, most frequent first (ties by id), for the summary.

    A change with several categories counts once in each. Changes with none count under
    ``uncategorised`` when it is given.
    """
    counts: dict[str, int] = {}
    for pair in pairs:
        for change in pair.changes:
            if change_visible is not None and not change_visible(change):
                continue
            cats = change.categories or ((uncategorised,) if uncategorised else ())
            for cat in cats:
                counts[cat] = counts.get(cat, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
