"""Compare two tables cell by cell, as wage tables are read.

Rows pair by their whole content first, then by their first cell (the classification or step
label), then in order; cells pair by column. Each changed cell is one change whose numbers carry
the row and column they sit in ("Grip / 2022"). The word ops rebuild each side's table text
(rows joined by newlines, cells by " | "), the form :class:`parsers.model.Block` gives.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from cbadiff.diff.changes import ChangeIds, text_changes
from cbadiff.model import Change, NumberChange, OpTag, WordOp
from cbadiff.text.normalize import cosmetic_key
from parsers.model import Block, BlockKind

Row = tuple[str, ...]
CELL_SEP = " | "


def _row_key(row: Row) -> str:
    return "\x1f".join(cosmetic_key(c) for c in row)


def pair_rows(old: Sequence[Row], new: Sequence[Row]) -> list[tuple[int | None, int | None]]:
    """Row pairs in the new table's order, deleted rows where they stood."""
    matcher = SequenceMatcher(
        None, [_row_key(r) for r in old], [_row_key(r) for r in new], autojunk=False
    )
    out: list[tuple[int | None, int | None]] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            out.extend((a0 + k, b0 + k) for k in range(a1 - a0))
            continue
        olds = list(range(a0, a1))
        news = list(range(b0, b1))
        firsts = {cosmetic_key(old[i][0]) if old[i] else "": i for i in olds}
        paired: dict[int, int] = {}
        for j in news:
            i = firsts.get(cosmetic_key(new[j][0]) if new[j] else "")
            if i is not None and i not in paired.values():
                paired[j] = i
        anchors = _increasing(sorted((i, j) for j, i in paired.items()))
        # rows between two label matches pair in order (a changed label: "Grip" -> "Grip I")
        pairs: list[tuple[int, int]] = []
        bounds = [(a0 - 1, b0 - 1), *anchors, (a1, b1)]
        for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
            pairs.extend(zip(range(i0 + 1, i1), range(j0 + 1, j1), strict=False))
            if (i1, j1) != (a1, b1):
                pairs.append((i1, j1))
        out.extend(_merge(olds, news, pairs))
    return out


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` increasing on both sides, so each side keeps its order."""
    best: list[list[tuple[int, int]]] = []
    for p in pairs:
        prev = max((c for c in best if c[-1][0] < p[0] and c[-1][1] < p[1]), key=len, default=[])
        best.append([*prev, p])
    return max(best, key=len, default=[])


def _merge(
    olds: list[int], news: list[int], pairs: list[tuple[int, int]]
) -> list[tuple[int | None, int | None]]:
    """Rows in order: each pair preceded by the unpaired rows of either side before it."""
    out: list[tuple[int | None, int | None]] = []
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    oi = ni = 0
    for i, j in [*pairs, (None, None)]:
        while oi < len(olds) and (i is None or olds[oi] < i):
            if olds[oi] not in paired_old:
                out.append((olds[oi], None))
            oi += 1
        while ni < len(news) and (j is None or news[ni] < j):
            if news[ni] not in paired_new:
                out.append((None, news[ni]))
            ni += 1
        if i is not None:
            out.append((i, j))
            oi += 1
            ni += 1
    return out


def table_changes(
    old: Block, new: Block, *, ids: ChangeIds, block_index: int
) -> tuple[tuple[WordOp, ...], list[Change]]:
    """Cell-by-cell ops and changes for two aligned table blocks."""
    header = old.rows[0] if old.rows else ()
    ops: list[WordOp] = []
    changes: list[Change] = []
    started_old = started_new = False

    def sep(text: str, on_old: bool, on_new: bool) -> None:
        if on_old and on_new:
            ops.append(WordOp(OpTag.EQUAL, text))
        elif on_old:
            ops.append(WordOp(OpTag.DELETE, text))
        elif on_new:
            ops.append(WordOp(OpTag.INSERT, text))

    for i, j in pair_rows(old.rows, new.rows):
        orow = old.rows[i] if i is not None else None
        nrow = new.rows[j] if j is not None else None
        sep("\n", orow is not None and started_old, nrow is not None and started_new)
        started_old = started_old or orow is not None
        started_new = started_new or nrow is not None
        if orow is None or nrow is None:
            row = orow if orow is not None else nrow
            assert row is not None
            text = CELL_SEP.join(row)
            row_ops, row_changes = text_changes(
                old if orow is not None else None,
                new if nrow is not None else None,
                ids=ids,
                block_index=block_index,
                old_text=text if orow is not None else "",
                new_text=text if nrow is not None else "",
            )
            ops.extend(row_ops)
            changes.extend(row_changes)
            continue
        label = nrow[0] if nrow else ""
        for c in range(max(len(orow), len(nrow))):
            if c:
                sep(CELL_SEP, c < len(orow), c < len(nrow))
            ocell = orow[c] if c < len(orow) else ""
            ncell = nrow[c] if c < len(nrow) else ""
            cell_ops, cell_changes = text_changes(
                old, new, ids=ids, block_index=block_index, old_text=ocell, new_text=ncell
            )
            ops.extend(cell_ops)
            column = header[c] if c < len(header) and i != 0 else ""
            context = " / ".join(x for x in (label, column) if x) or None
            for change in cell_changes:
                numbers = tuple(NumberChange(n.old, n.new, n.unit, context) for n in change.numbers)
                changes.append(_with(change, numbers, orow, nrow))
    return tuple(op for op in ops if op.text), changes


def _with(change: Change, numbers: tuple[NumberChange, ...], orow: Row, nrow: Row) -> Change:
    return replace(
        change,
        numbers=numbers,
        old_context=CELL_SEP.join(orow),
        new_context=CELL_SEP.join(nrow),
    )


def is_table(block: Block | None) -> bool:
    return block is not None and block.kind is BlockKind.TABLE and bool(block.rows)
