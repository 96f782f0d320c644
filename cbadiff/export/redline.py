"""An article pair as paragraphs of equal / deleted / inserted runs, for every exporter.

Built from ``BlockPair.ops`` (equal + delete rebuild the old text, equal + insert the new).
When only some changes are selected (a member export shows substantive changes only), the
others are applied silently: their deletions vanish and their insertions read as plain text,
so the redline shows the proposed wording with just the selected changes marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cbadiff.export.summary import unit_label
from cbadiff.model import ArticlePair, BlockPair, ChangeKind, Comparison, OpTag, Status
from parsers.model import Block, BlockKind

EQUAL, DELETE, INSERT = OpTag.EQUAL, OpTag.DELETE, OpTag.INSERT


@dataclass(frozen=True, slots=True)
class Run:
    tag: OpTag
    text: str
    change_id: str | None = None


@dataclass(frozen=True, slots=True)
class Para:
    """One block of the redline. ``whole`` is INSERT/DELETE when the block itself is new/gone."""

    runs: tuple[Run, ...]
    whole: OpTag = EQUAL
    table: bool = False
    moved: bool = False
    move_id: str | None = None  # the change recording the move, when ``moved``
    elsewhere: str = ""  # the other end of a move between articles: "Article XI"

    @property
    def changed(self) -> bool:
        return any(r.tag is not EQUAL for r in self.runs)

    def side(self, tag: OpTag) -> str:
        """The text of one side: DELETE gives the old text, INSERT the new."""
        return "".join(r.text for r in self.runs if r.tag in (EQUAL, tag))


def _block_text(block: Block) -> str:
    if block.kind is BlockKind.TABLE and block.rows:
        return "\n".join(" | ".join(cell for cell in row) for row in block.rows)
    return block.text


def _label_runs(bp: BlockPair, full: bool) -> list[Run]:
    old = bp.old.label if bp.old else None
    new = bp.new.label if bp.new else None
    if bp.old is None and new:
        return [Run(INSERT, f"{new} ")]
    if bp.new is None and old:
        return [Run(DELETE, f"{old} ")]
    if old == new or not full:  # label renumbering is noise for members
        return [Run(EQUAL, f"{new} ")] if new else []
    runs = []
    if old:
        runs.append(Run(DELETE, f"{old} "))
    if new:
        runs.append(Run(INSERT, f"{new} "))
    return runs


def _op_runs(bp: BlockPair, selected: frozenset[str] | None) -> list[Run]:
    if not bp.ops:  # an engine may leave unchanged or whole-block ops implicit
        if bp.old is not None and bp.new is not None:
            return [Run(EQUAL, _block_text(bp.new))]
        if bp.new is not None:
            return [Run(INSERT, _block_text(bp.new))]
        return [Run(DELETE, _block_text(bp.old))] if bp.old is not None else []
    runs = []
    for op in bp.ops:
        tag = op.tag
        if tag is not EQUAL and selected is not None and op.change_id not in selected:
            if tag is DELETE:
                continue
            tag = EQUAL
        runs.append(Run(tag, op.text, op.change_id if tag is not EQUAL else None))
    return runs


def merge(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Join neighbouring runs of the same tag and change, dropping empty ones."""
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].tag is run.tag and out[-1].change_id == run.change_id:
            out[-1] = Run(run.tag, out[-1].text + run.text, run.change_id)
        else:
            out.append(run)
    return tuple(out)


def _whole(bp: BlockPair, runs: tuple[Run, ...]) -> OpTag:
    if bp.old is None and runs and all(r.tag is INSERT for r in runs):
        return INSERT
    if bp.new is None and runs and all(r.tag is DELETE for r in runs):
        return DELETE
    return EQUAL


def block_paras(bp: BlockPair, selected: frozenset[str] | None) -> Para | None:
    """One block as a paragraph, or None when nothing of it is left to show."""
    full = selected is None
    body = _op_runs(bp, selected)
    if not full and bp.new is None and not any(r.tag is DELETE for r in body):
        return None  # a deleted block whose deletion is not selected: hidden
    if not full and bp.old is None and not any(r.tag is INSERT for r in body):
        # an added block whose insertion is not selected reads as plain new text
        body = [Run(EQUAL, r.text) for r in body]
        label = [Run(EQUAL, f"{bp.new.label} ")] if bp.new and bp.new.label else []
    else:
        label = _label_runs(bp, full)
        if not full and bp.old is None:
            label = [Run(INSERT, r.text) for r in label]
    runs = merge([*label, *body])
    if not runs:
        return None
    block = bp.new or bp.old
    return Para(
        runs=runs,
        whole=_whole(bp, runs),
        table=block is not None and block.kind is BlockKind.TABLE,
        moved=bp.moved,
    )


def _unit_pairs(comparison: Comparison, pair: ArticlePair) -> list[BlockPair]:
    """Block pairs made up from the units, for pairs the engine left without blocks."""
    out: list[BlockPair] = []
    if pair.status is Status.DELETED:
        for uid in pair.old:
            for b in comparison.old.unit(uid).blocks:
                out.append(BlockPair(old=b, new=None, ops=()))
    else:
        for uid in pair.new:
            for b in comparison.new.unit(uid).blocks:
                out.append(BlockPair(old=None if pair.status is Status.ADDED else b, new=b, ops=()))
    return out


def _move_id(pair: ArticlePair, bp: BlockPair) -> str | None:
    """The id of the change that records ``bp``'s move, if the engine made one."""
    for change in pair.changes:
        if change.kind is ChangeKind.MOVE and bp.new is not None and change.new_block == bp.new.id:
            return change.id
    ids = [op.change_id for op in bp.ops if op.change_id]
    return ids[0] if ids else None


def _moved_paras(bp: BlockPair, cid: str | None) -> tuple[Para, Para]:
    """A moved block as its deletion (old place) and its insertion (new place).

    Word's ``w:moveFrom``/``w:moveTo`` would say "moved" more precisely, but this redline must
    read back the same in LibreOffice and Word and we can verify only LibreOffice here; a
    deletion plus an insertion is accepted or rejected correctly by both.
    """
    assert bp.old is not None and bp.new is not None
    old_label = f"{bp.old.label} " if bp.old.label else ""
    new_label = f"{bp.new.label} " if bp.new.label else ""
    gone = Para(merge([Run(DELETE, old_label + _block_text(bp.old), cid)]), DELETE, False, True, cid)
    came = Para(merge([Run(INSERT, new_label + _block_text(bp.new), cid)]), INSERT, False, True, cid)
    return gone, came


def _elsewhere(comparison: Comparison, bp: BlockPair) -> str:
    """The article at the other end of a move between articles, as a reader names it."""
    if bp.new is None and bp.new_unit:
        agreement, uid = comparison.new, bp.new_unit
    elif bp.old_unit:
        agreement, uid = comparison.old, bp.old_unit
    else:
        return ""
    try:
        label = unit_label(agreement.unit(uid))
    except KeyError:
        return "another article"
    return label if agreement is comparison.new else f"{label} (old numbering)"


def pair_paras(
    comparison: Comparison,
    pair: ArticlePair,
    selected: frozenset[str] | None = None,
    *,
    track: bool = False,
) -> list[Para]:
    """Every block of ``pair`` as a paragraph; ``selected`` None marks every change.

    A moved block is shown deleted where it stood (a block moved in from another article:
    beside its new place) and again where it stands now. ``track`` (the tracked-changes
    redline) inserts it there whole, so accepting or rejecting every change gives exactly the
    new or the old text; otherwise (reading) it keeps its word-level edits and ``moved`` is set.
    """
    blocks = list(pair.blocks) or _unit_pairs(comparison, pair)
    old_index: dict[str, int] = {}
    for uid in pair.old:
        try:
            unit = comparison.old.unit(uid)
        except KeyError:
            continue
        for block in unit.blocks:
            old_index.setdefault(block.id, len(old_index))
    # blocks the engine already shows deleted where they stood (a move out of this article)
    shown_deleted = {bp.old.id for bp in blocks if bp.old is not None and bp.new is None}
    placed: list[tuple[Para, int | None]] = []
    gone: list[tuple[int | None, Para, int]] = []
    for bp in blocks:
        move_id = _move_id(pair, bp) if bp.moved else None
        move_shown = bp.moved and (selected is None or (move_id is not None and move_id in selected))
        if move_shown and bp.old is not None and bp.new is not None:
            before, after = _moved_paras(bp, move_id)
            edited = None if track else block_paras(bp, selected)
            inside = bp.old_unit is None or bp.old_unit in pair.old
            if not track and edited is not None:
                after = Para(edited.runs, edited.whole, edited.table, True, move_id,
                             "" if inside else _elsewhere(comparison, bp))
            if inside and bp.old.id not in shown_deleted:
                gone.append((old_index.get(bp.old.id), before, len(placed)))
            placed.append((after, None))
            continue
        para = block_paras(bp, selected)
        if para is not None:
            para = Para(para.runs, para.whole, para.table, move_shown,
                        move_id if move_shown else None,
                        _elsewhere(comparison, bp) if move_shown else "")
            here = old_index.get(bp.old.id) if bp.old is not None and not bp.moved else None
            placed.append((para, here))
    out = [p for p, _ in placed]
    # put each moved block's deletion before the first later-standing old block, else beside
    # its insertion; work from the end so earlier positions stay valid
    inserts: list[tuple[int, Para]] = []
    for here, para, fallback in gone:
        pos = fallback
        if here is not None:
            pos = next(
                (i for i, (_, k) in enumerate(placed) if k is not None and k > here), len(placed)
            )
        inserts.append((pos, para))
    for pos, para in sorted(inserts, key=lambda x: x[0], reverse=True):
        out.insert(pos, para)
    return out


@dataclass(frozen=True, slots=True)
class Gap:
    """Paragraphs left out of an excerpt: unchanged ones, or the rest of a whole new or removed
    article."""

    count: int
    what: str = "unchanged"  # or "new", "removed"

    @property
    def text(self) -> str:
        plural = "s" if self.count != 1 else ""
        if self.what == "unchanged":
            return f"[… {self.count} unchanged paragraph{plural} …]"
        return f"[… {self.count} more {self.what} paragraph{plural}; the full text is in the redline …]"


#: Paragraphs the member summary (DOCX and PDF alike) prints of an entirely new or removed
#: article; the rest is a Gap pointing to the redline.
SUMMARY_WHOLE_LIMIT = 8


def excerpt(
    paras: list[Para], context: int = 1, keep_whole: int = 12, whole_limit: int | None = None
) -> list[Para | Gap]:
    """The changed paragraphs with ``context`` neighbours each side; short articles whole.

    Members read the summary printed: a forty-page article with one changed sentence shows
    that sentence and its neighbours, with a line saying how much was left out. With
    ``whole_limit``, an article that is entirely new or entirely removed shows its first
    ``whole_limit`` paragraphs (a removed ten-page wage table is one table row and a taste).
    """
    if whole_limit is not None and len(paras) > whole_limit:
        for tag, what in ((INSERT, "new"), (DELETE, "removed")):
            if all(p.whole is tag for p in paras):
                return [*paras[:whole_limit], Gap(len(paras) - whole_limit, what)]
    if len(paras) <= keep_whole:
        return list(paras)
    keep: set[int] = set()
    for i, p in enumerate(paras):
        if p.changed:
            keep.update(range(max(0, i - context), min(len(paras), i + context + 1)))
    out: list[Para | Gap] = []
    skipped = 0
    for i, p in enumerate(paras):
        if i in keep:
            if skipped:
                out.append(Gap(skipped))
                skipped = 0
            out.append(p)
        else:
            skipped += 1
    if skipped:
        out.append(Gap(skipped))
    return out


def display_runs(para: Para) -> tuple[Run, ...]:
    """Runs for reading (not for tracked changes): a space between a deletion and the insertion
    that replaces it, so "$7.50$10.00" prints as "$7.50 $10.00"; a table row added or removed
    whole on a line of its own."""
    out: list[Run] = []
    for run in para.runs:
        if (
            para.table
            and run.tag is not EQUAL
            and " | " in run.text
            and out
            and not out[-1].text.endswith("\n")
            and not run.text.startswith("\n")
        ):
            # a whole table row added or removed starts its own line, even when the line break
            # beside it was a change the export does not show
            out.append(Run(EQUAL, "\n"))
        elif (
            out
            and out[-1].tag is DELETE
            and run.tag is INSERT
            and not out[-1].text[-1:].isspace()
            and not run.text[:1].isspace()
        ):
            out.append(Run(EQUAL, " "))
        out.append(run)
    return tuple(out)


def move_note(para: Para) -> str:
    """The marker a reading view puts before a moved block (empty for other blocks)."""
    if not para.moved:
        return ""
    if para.whole is DELETE:
        return f"[moved to {para.elsewhere}] " if para.elsewhere else "[moved from here] "
    return f"[moved here from {para.elsewhere}] " if para.elsewhere else "[moved here] "


_TABLE_SEP = re.compile(r"\n| \| ")

Cell = tuple[Run, ...]


def side_para(para: Para, tag: OpTag) -> Para:
    """One side of ``para`` for a side-by-side view: the equal text and the ``tag`` runs."""
    return Para(tuple(r for r in para.runs if r.tag in (EQUAL, tag)), para.whole, para.table)


def table_grid(para: Para) -> list[list[Cell]]:
    """A table block's runs cut back into rows and cells, each cell keeping its marks.

    Tables reach the redline as text with rows on lines and " | " between cells; a reading view
    draws them as tables again, so a phone scrolls a wage schedule sideways inside its box and
    a printed page lines the rates up in columns instead of running them together.
    """
    return _grid(display_runs(para))[0]


def tracked_grid(para: Para) -> list[list[Cell]] | None:
    """The cells of a table block for tracked changes, or None when rows and cells cannot
    carry its changes exactly (a change that joins two rows or adds a column inside a row).

    Runs are used as they are (no reading spaces), so accepting every change gives the new
    table and rejecting every change the old one: a line break deleted or inserted with a
    whole row becomes that row's tracked deletion or insertion.
    """
    grid, seps = _grid(para.runs, keep_empty=True)
    whole = [whole_tag(row) for row in grid]
    for row, newline, tag in seps:
        if tag is EQUAL:
            continue
        if not newline and whole[row] is not tag:
            return None
        if newline and tag not in (whole[row], whole[row + 1] if row + 1 < len(grid) else None):
            return None
    return [row for row in grid if any(cell for cell in row)]


def whole_tag(row: list[Cell]) -> OpTag | None:
    """INSERT or DELETE when every run of the row has that tag; else None."""
    tags = {r.tag for cell in row for r in cell}
    return tags.pop() if len(tags) == 1 and tags != {EQUAL} else None


def _grid(
    runs: tuple[Run, ...], *, keep_empty: bool = False
) -> tuple[list[list[Cell]], list[tuple[int, bool, OpTag]]]:
    """Rows of cells, and each separator as (row it ends or sits in, is a line break, tag)."""
    full = "".join(r.text for r in runs)
    seps = [(m.start(), m.end(), m.group() == "\n") for m in _TABLE_SEP.finditer(full)]
    found: list[tuple[int, bool, OpTag]] = []
    rows: list[list[list[Run]]] = [[[]]]
    k = 0  # next separator
    skip = 0  # a separator can run over into the next run
    offset = 0
    for run in runs:
        start, end = offset, offset + len(run.text)
        offset = end
        cursor = max(start, skip)
        while k < len(seps) and seps[k][0] < end:
            s, e, newline = seps[k]
            if s >= cursor:
                rows[-1][-1].append(Run(run.tag, run.text[cursor - start : s - start], run.change_id))
            found.append((len(rows) - 1, newline, run.tag))
            if newline:
                rows.append([[]])
            else:
                rows[-1].append([])
            cursor = e
            k += 1
        skip = cursor
        if cursor < end:
            rows[-1][-1].append(Run(run.tag, run.text[cursor - start :], run.change_id))
    grid = [[merge(cell) for cell in row] for row in rows]
    if keep_empty:
        return grid, found
    return [row for row in grid if any(cell for cell in row)], found
