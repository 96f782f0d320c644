"""Rows of a block alignment whose text only moved across a paragraph break.

Readers split paragraphs differently at page breaks, and DOCX and PDF renditions of one
agreement break them differently again. Two shapes are recognised: a run of rows whose joined
text is the same on both sides (:func:`reflow_rows`), and a row whose one side ends (or starts)
with the whole text of the neighbouring row, next to a real edit (:func:`fragment_rows`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from cbadiff.align.blocks import BlockMatch, block_key
from cbadiff.text.normalize import find_cut
from parsers.model import Block

FRAGMENT_MIN_CHARS = 20


@dataclass(frozen=True, slots=True)
class RowFragment:
    """Row ``row`` carries, on side ``side`` ("old" or "new"), the text of row ``partner``:
    ``text[:cut]`` when ``at_start``, else ``text[cut:]``."""

    row: int
    partner: int
    side: str
    at_start: bool
    cut: int


def reflow_rows(
    rows: Sequence[BlockMatch],
    old: Sequence[Block],
    new: Sequence[Block],
    window: int = 3,
    skip: Collection[int] = (),
) -> set[int]:
    """Rows whose text only moved across a paragraph break.

    Readers split paragraphs differently at page breaks, and DOCX and PDF renditions of one
    agreement break them differently again: old "A" + "B" against new "AB", or "A1" + "A2B"
    against "A1A2" + "B". A run of up to ``window`` consecutive rows (none moved, none in
    ``skip``) whose old sides joined equal their new sides joined, up to cosmetics, is a
    reflow, not a change.
    """
    keys_old = [block_key(b) for b in old]
    keys_new = [block_key(b) for b in new]
    out: set[int] = set()
    n = len(rows)
    for start in range(n):
        if start in out:
            continue
        first = rows[start]
        if (
            start in skip
            or first.moved
            or (first.old is not None and first.new is not None and first.similarity == 1.0)
        ):
            continue
        joined_old = joined_new = ""
        for end in range(start, min(n, start + window)):
            row = rows[end]
            if row.moved or end in skip:
                break
            if row.old is not None:
                joined_old += keys_old[row.old]
            if row.new is not None:
                joined_new += keys_new[row.new]
            if end > start and joined_old == joined_new:
                out.update(range(start, end + 1))
                break
    return out


def fragment_rows(
    rows: Sequence[BlockMatch],
    old: Sequence[Block],
    new: Sequence[Block],
    skip: Collection[int] = (),
) -> list[RowFragment]:
    """Rows pairing A with A'B next to a row deleting B (and the mirror shapes: B added, B at
    the start); rows in ``skip`` (reflows, moves) are left alone."""
    found: list[RowFragment] = []
    used = set(skip)

    def text(side: str, r: int) -> str | None:
        row = rows[r]
        if side == "old":
            return old[row.old].text if row.old is not None else None
        return new[row.new].text if row.new is not None else None

    for r in range(len(rows) - 1):
        for both, single, at_start in ((r, r + 1, False), (r + 1, r, True)):
            if both in used or single in used:
                continue
            if rows[both].old is None or rows[both].new is None or rows[both].moved:
                continue
            for lone, other in (("old", "new"), ("new", "old")):
                piece = text(lone, single)
                host = text(other, both)
                if piece is None or host is None or text(other, single) is not None:
                    continue
                if len(piece) < FRAGMENT_MIN_CHARS:
                    continue
                cut = find_cut(host, piece, at_start=at_start)
                if cut is not None:
                    found.append(RowFragment(both, single, other, at_start, cut))
                    used.update((both, single))
                    break
    return found
