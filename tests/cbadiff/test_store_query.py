"""Placement, counts and filters the GUI's navigator and annotations panel use."""

from __future__ import annotations

import pytest

from cbadiff.annotations import Anchor, Annotation
from cbadiff.model import ArticlePair, Change, ChangeKind, Comparison, Status
from cbadiff.store.query import categories_of, filter_annotations, place
from parsers.model import Agreement, DocKind, SourceInfo


def _change(cid: str, cats: tuple[str, ...]) -> Change:
    return Change(cid, ChangeKind.REPLACE, "a", "b", True, None, None, categories=cats)


@pytest.fixture
def comparison() -> Comparison:
    src = SourceInfo("x", DocKind.TXT, "0" * 64, None)
    pairs = (
        ArticlePair(
            "p1",
            ("u1",),
            ("u1",),
            Status.MODIFIED,
            (),
            0.9,
            changes=(_change("p1/c1", ("wages",)), _change("p1/c2", ("overtime",))),
            categories=("wages", "overtime"),
        ),
        ArticlePair("p2", ("u2",), ("u2",), Status.UNCHANGED, (), 1.0),
    )
    return Comparison(Agreement(src, ()), Agreement(src, ()), pairs)


def note(n: int, pair: str, change: str | None, status: str = "open", author: str = "ana",
         orphaned: bool = False) -> Annotation:  # fmt: skip
    return Annotation(
        n, Anchor(pair, change, (), ()), f"n{n}", status, author, "t", "t", orphaned=orphaned
    )


def test_place_and_count(comparison: Comparison) -> None:
    notes = [
        note(1, "p1", "p1/c1"),
        note(2, "p1", "p1/c1"),
        note(3, "p1", None),
        note(4, "p1", "p1/c9"),  # its change is not in this comparison
        note(5, "p2", "p2/c1", orphaned=True),
    ]
    placed = place(notes, comparison)
    assert [a.id for a in placed.by_change["p1/c1"]] == [1, 2]
    assert [a.id for a in placed.by_pair["p1"]] == [3]
    assert [a.id for a in placed.orphaned] == [4, 5]
    assert placed.count("p1", ["p1/c1", "p1/c2"]) == 3
    assert placed.count("p2") == 0


def test_filters(comparison: Comparison) -> None:
    notes = [
        note(1, "p1", "p1/c1", status="agreed"),
        note(2, "p1", "p1/c2", author="ben"),
        note(3, "p1", None),
        note(4, "p2", None, status="agreed", author="ben"),
    ]
    ids = lambda xs: [a.id for a in xs]  # noqa: E731
    assert ids(filter_annotations(notes, statuses={"agreed"})) == [1, 4]
    assert ids(filter_annotations(notes, authors={"ben"})) == [2, 4]
    assert ids(filter_annotations(notes, categories={"wages"}, comparison=comparison)) == [1, 3]
    assert ids(
        filter_annotations(notes, categories={"overtime"}, authors={"ben"}, comparison=comparison)
    ) == [2]
    assert ids(filter_annotations(notes)) == [1, 2, 3, 4]
    assert categories_of(notes[3], comparison) == ()
    with pytest.raises(ValueError, match="needs the comparison"):
        filter_annotations(notes, categories={"wages"})
