"""Scroll mapping between aligned panes (cbadiff.syncmap)."""

from __future__ import annotations

import random

import pytest

from cbadiff.syncmap import SyncMap, sync_anchor, synced_value

# Three aligned rows; the new pane's second row is twice as tall, its third is a thin placeholder.
OLD = [(10.0, 30.0), (40.0, 60.0), (70.0, 90.0)]
NEW = [(10.0, 30.0), (40.0, 80.0), (90.0, 92.0)]


def test_positions_inside_a_row_map_to_the_same_relative_place() -> None:
    m = SyncMap(OLD, NEW, 100.0, 110.0)
    assert m(0.0) == 0.0
    assert m(20.0) == 20.0
    assert m(50.0) == pytest.approx(60.0)  # middle of row 2 -> middle of its taller twin
    assert m(80.0) == pytest.approx(91.0)
    assert m(100.0) == 110.0
    assert m(-5.0) == 0.0
    assert m(500.0) == 110.0


def test_gaps_between_rows_map_linearly() -> None:
    m = SyncMap(OLD, NEW, 100.0, 110.0)
    assert m(35.0) == pytest.approx(35.0)  # gap 30..40 -> 30..40
    assert m(65.0) == pytest.approx(85.0)  # gap 60..70 -> 80..90


def test_map_is_monotone_even_with_empty_rows_and_random_layouts() -> None:
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(0, 12)
        rows: list[list[tuple[float, float]]] = []
        totals = []
        for _side in range(2):
            y = 0.0
            side = []
            for _ in range(n):
                top = y + rng.choice([0.0, rng.uniform(0, 10)])
                bottom = top + rng.choice([0.0, rng.uniform(0, 80)])
                side.append((top, bottom))
                y = bottom
            rows.append(side)
            totals.append(y + rng.uniform(0, 20))
        m = SyncMap(rows[0], rows[1], totals[0], totals[1])
        last = -1.0
        for i in range(101):
            y = m(totals[0] * i / 100)
            assert y >= last
            assert 0.0 <= y <= totals[1]
            last = y
        assert m(totals[0]) == pytest.approx(totals[1])


def test_unequal_row_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="aligned rows"):
        SyncMap(OLD, NEW[:2], 100.0, 110.0)


def test_anchor_slides_from_top_through_middle_to_bottom() -> None:
    assert sync_anchor(0, 100, 1000) == 0.0
    assert sync_anchor(25, 100, 1000) == 0.25
    assert sync_anchor(500, 100, 1000) == 0.5
    assert sync_anchor(1000, 100, 1000) == 1.0
    assert sync_anchor(10, 100, 0) == 0.0
    assert sync_anchor(30, 100, 60) == 0.5  # short documents slide the whole way


def test_synced_value_keeps_both_ends_in_view() -> None:
    m = SyncMap(OLD, NEW, 100.0, 110.0)
    # old pane: page 20, max 80; new pane: page 20, max 90
    assert synced_value(m, 0, 20, 80, 20, 90) == 0.0
    assert synced_value(m, 80, 20, 80, 20, 90) == pytest.approx(90.0)
    mid = synced_value(m, 40, 20, 80, 20, 90)  # anchor at middle: y=50 -> 60, minus 10
    assert mid == pytest.approx(50.0)
    # while the anchor stays in the middle the other pane never runs backwards
    values = [synced_value(m, v, 20, 80, 20, 90) for v in range(10, 71)]
    assert values == sorted(values)
