"""What the navigator, the diff view and the annotations panel ask of a set of annotations.

Pure functions over :class:`Annotation` lists and a :class:`Comparison`, so the GUI only maps
their answers to markers, counts and list rows, and the same filters can be tested without Qt.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from cbadiff.annotations import Annotation
from cbadiff.model import Comparison


@dataclass(frozen=True, slots=True)
class Placement:
    """Annotations by where they show: on a change, on a whole pair, or orphaned."""

    by_change: dict[str, list[Annotation]] = field(default_factory=dict)
    by_pair: dict[str, list[Annotation]] = field(default_factory=dict)  # whole-pair ones
    orphaned: list[Annotation] = field(default_factory=list)

    def count(self, pair_id: str, change_ids: Iterable[str] = ()) -> int:
        """The navigator's count for a pair: its own annotations plus its changes'."""
        return len(self.by_pair.get(pair_id, ())) + sum(
            len(self.by_change.get(c, ())) for c in change_ids
        )


def place(annotations: Iterable[Annotation], comparison: Comparison) -> Placement:
    """Sort annotations by target; one whose target is not in ``comparison`` counts as orphaned.

    Expects anchors already re-anchored to ``comparison`` (:meth:`Project.reanchor`).
    """
    changes = {c.id for _, c in comparison.all_changes()}
    pairs = {p.id for p in comparison.pairs}
    out = Placement()
    for a in annotations:
        cid, pid = a.anchor.change_id, a.anchor.pair_id
        if a.orphaned:
            out.orphaned.append(a)
        elif cid is not None and cid in changes:
            out.by_change.setdefault(cid, []).append(a)
        elif cid is None and pid in pairs:
            out.by_pair.setdefault(pid, []).append(a)
        else:
            out.orphaned.append(a)
    return out


def categories_of(annotation: Annotation, comparison: Comparison) -> tuple[str, ...]:
    """The bargaining-issue categories of what an annotation is on (its change, or its pair)."""
    for pair in comparison.pairs:
        if annotation.anchor.change_id is None:
            if pair.id == annotation.anchor.pair_id:
                return pair.categories
            continue
        for change in pair.changes:
            if change.id == annotation.anchor.change_id:
                return change.categories
    return ()


def filter_annotations(
    annotations: Iterable[Annotation],
    *,
    statuses: Collection[str] = (),
    authors: Collection[str] = (),
    categories: Collection[str] = (),
    comparison: Comparison | None = None,
    orphaned: bool | None = None,
) -> list[Annotation]:
    """The panel's filter; an empty collection means "any". ``categories`` needs a comparison."""
    if categories and comparison is None:
        raise ValueError("filtering by category needs the comparison")
    wanted = set(categories)
    out = []
    for a in annotations:
        if statuses and a.status not in statuses:
            continue
        if authors and a.author not in authors:
            continue
        if orphaned is not None and a.orphaned != orphaned:
            continue
        if wanted and comparison is not None and not wanted & set(categories_of(a, comparison)):
            continue
        out.append(a)
    return out
