"""Next/previous change lookup and overview-bar geometry (cbadiff.navigation)."""

from __future__ import annotations

import pytest

from cbadiff.model import ArticlePair, Change, ChangeKind, Status
from cbadiff.navigation import (
    ChangeIndex,
    ChangeRef,
    Mark,
    category_counts,
    counts_as_substantive,
    mark_at,
    overview_marks,
    scroll_value_for,
    viewport_fraction,
)


def change(cid: str, *, substantive: bool = True, reason: str = "") -> Change:
    return Change(cid, ChangeKind.REPLACE, "a", "b", substantive, 1, 1, reason=reason)


def pair(pid: str, *changes: Change) -> ArticlePair:
    status = Status.MODIFIED if changes else Status.UNCHANGED
    return ArticlePair(pid, (pid,), (pid,), status, (), 1.0, changes=changes)


PAIRS = (
    pair("p0", change("a"), change("b")),
    pair("p1"),
    pair("p2", change("c", substantive=False, reason="whitespace")),
    pair("p3", change("d"), change("e"), change("f")),
)


def test_next_walks_every_change_in_reading_order_then_stops() -> None:
    index = ChangeIndex.build(PAIRS)
    seen = []
    ref = index.next(0)
    while ref is not None:
        seen.append(PAIRS[ref.pair].changes[ref.change].id)
        ref = index.next(ref.pair, ref.change)
    assert seen == ["a", "b", "c", "d", "e", "f"]


def test_previous_walks_back_from_the_end() -> None:
    index = ChangeIndex.build(PAIRS)
    seen = []
    ref = index.previous(len(PAIRS))
    while ref is not None:
        seen.append(PAIRS[ref.pair].changes[ref.change].id)
        ref = index.previous(ref.pair, ref.change)
    assert seen == ["f", "e", "d", "c", "b", "a"]


def test_cursor_on_a_pair_without_change_selected_sits_before_its_first_change() -> None:
    index = ChangeIndex.build(PAIRS)
    assert index.next(3) == ChangeRef(3, 0)
    assert index.previous(3) == ChangeRef(2, 0)
    # an unchanged pair: next goes on to the following pair's first change
    assert index.next(1) == ChangeRef(2, 0)
    assert index.previous(1) == ChangeRef(0, 1)


def test_hidden_pairs_and_cosmetic_changes_are_skipped() -> None:
    index = ChangeIndex.build(
        PAIRS,
        pair_visible=lambda p: p != 3,
        change_visible=lambda c: counts_as_substantive(c),
    )
    assert index.refs == (ChangeRef(0, 0), ChangeRef(0, 1))
    assert index.next(0, 1) is None
    assert index.next(2) is None


def test_position_and_in_pair() -> None:
    index = ChangeIndex.build(PAIRS)
    assert len(index) == 6
    assert index.position(ChangeRef(3, 1)) == 4
    assert index.position(ChangeRef(1, 0)) is None
    assert index.in_pair(3) == (ChangeRef(3, 0), ChangeRef(3, 1), ChangeRef(3, 2))
    assert index.in_pair(1) == ()
    assert index.first() == ChangeRef(0, 0)
    assert ChangeIndex([]).first() is None


@pytest.mark.parametrize(
    ("substantive", "reason", "also", "expected"),
    [
        (True, "", (), True),
        (False, "whitespace", (), False),
        (False, "quotes", {"quotes"}, True),
        (False, "", {""}, False),
    ],
)
def test_counts_as_substantive(
    substantive: bool, reason: str, also: set[str], expected: bool
) -> None:
    assert (
        counts_as_substantive(change("x", substantive=substantive, reason=reason), also) is expected
    )


def test_overview_marks_are_normalised_sorted_and_never_too_thin() -> None:
    marks = overview_marks([(1, 500.0, 600.0), (0, 0.0, 1.0), (2, 999.0, 1000.0)], 1000.0)
    assert [m.change for m in marks] == [0, 1, 2]
    assert marks[1] == Mark(1, 0.5, 0.6)
    for mark in marks:
        assert 0.0 <= mark.start < mark.end <= 1.0
        assert mark.end - mark.start >= 0.006 - 1e-9
    assert marks[2].end == 1.0
    assert overview_marks([(0, 1.0, 2.0)], 0.0) == ()


def test_mark_at_hits_a_mark_or_the_nearest_within_tolerance() -> None:
    marks = (Mark(0, 0.1, 0.2), Mark(1, 0.5, 0.52))
    assert mark_at(marks, 0.15) == marks[0]
    assert mark_at(marks, 0.525) == marks[1]
    assert mark_at(marks, 0.8) is None


def test_viewport_fraction_and_scroll_value_round_trip() -> None:
    assert viewport_fraction(0, 100, 300) == (0.0, 0.25)
    assert viewport_fraction(300, 100, 300) == (0.75, 1.0)
    assert viewport_fraction(0, 0, 0) == (0.0, 1.0)
    # centring on the middle of a 400-high document with a 100-high viewport
    assert scroll_value_for(0.5, 100, 300) == 150
    assert scroll_value_for(0.0, 100, 300) == 0
    assert scroll_value_for(1.0, 100, 300) == 300


def test_category_counts_rank_by_frequency_and_can_skip_cosmetic() -> None:
    def cat_change(cid: str, cats: tuple[str, ...], substantive: bool = True) -> Change:
        return Change(cid, ChangeKind.INSERT, "", "x", substantive, None, 2, categories=cats)

    pairs = (
        pair("p0", cat_change("a", ("wages",)), cat_change("b", ("wages", "leave"))),
        pair("p1", cat_change("c", ()), cat_change("d", ("leave",), substantive=False)),
        pair("p2", cat_change("e", ("benefits",))),
    )
    assert category_counts(pairs) == [("leave", 2), ("wages", 2), ("benefits", 1)]
    assert category_counts(pairs, change_visible=counts_as_substantive, uncategorised="none") == [
        ("wages", 2),
        ("benefits", 1),
        ("leave", 1),
        ("none", 1),
    ]
