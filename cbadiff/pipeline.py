"""The one comparison path the CLI, the GUI and every export use: read, align, diff, summarise.

``compare_agreements`` is a cancellable job: it reports ``(fraction, message)`` through
``progress`` and polls ``cancel`` between articles. Steps:

1. align top-level units (:mod:`cbadiff.align.articles`);
2. align blocks inside each aligned entry (:mod:`cbadiff.align.blocks`), then pair blocks deleted
   in one entry with blocks added in another (clauses moved across articles);
3. diff the aligned blocks word by word and judge each change (:mod:`cbadiff.diff`);
4. hand the result to the categorizer hook, when given.

This module composes the peers and is, with the CLI, the only part of the core that reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cbadiff.align.articles import UnitMatch, align_units
from cbadiff.align.blocks import BlockMatch, align_blocks, block_key, match_leftovers
from cbadiff.align.reflow import fragment_rows, reflow_rows
from cbadiff.align.toc import toc_titles
from cbadiff.diff.changes import ChangeIds, text_changes
from cbadiff.diff.fragments import Fragment, fragment_changes, rejoin_fragments
from cbadiff.diff.references import build_references, canon_section
from cbadiff.diff.substance import References
from cbadiff.diff.tables import is_table, table_changes
from cbadiff.jobs import CancelToken, ProgressFn, check_cancel, no_progress, scaled
from cbadiff.model import (
    ArticlePair,
    BlockPair,
    Change,
    ChangeKind,
    CompareOptions,
    Comparison,
    Flag,
    OpTag,
    Status,
    WordOp,
)
from cbadiff.text.normalize import title_key
from parsers.model import Agreement, Block, BlockKind, FrontKind, Unit, UnitKind
from parsers.numbering import label_value, normalise_label
from parsers.read import read_agreement

Categorizer = Callable[[Comparison], Comparison]
DEFAULT_OPTIONS = CompareOptions()

__all__ = [
    "Categorizer",
    "compare_agreements",
    "compare_files",
    "pair_id",
    "unit_label",
]


def unit_label(unit: Unit) -> str:
    """How a reader names a unit: "Article XII", "Exhibit A", "Preamble"."""
    word = unit.kind.value.capitalize()
    return f"{word} {unit.number}" if unit.number else word


def pair_id(old: Sequence[str], new: Sequence[str]) -> str:
    """Stable id of an alignment entry, from the unit ids on each side."""
    return f"{'+'.join(old)}:{'+'.join(new)}"


def _number_key(unit: Unit) -> str | None:
    if unit.number is None:
        return None
    return (
        f"{unit.kind.value}:{normalise_label(unit.number, numeric=unit.kind is UnitKind.ARTICLE)}"
    )


# ----------------------------------------------------------------------------- references


def _canon_article(label: str) -> str:
    value = label_value(label)
    return f"{value[0]}{value[1].lower()}" if value else label.lower()


def _references(
    old: Agreement, new: Agreement, matches: Sequence[UnitMatch], sections: dict[str, str]
) -> References:
    """Rewriters that put old and new cross-references into the new agreement's numbering."""
    articles: dict[str, str] = {}
    for m in matches:
        if m.old and m.new:
            o, n = old.units[m.old[0]], new.units[m.new[0]]
            if o.number and n.number and o.kind is UnitKind.ARTICLE:
                articles[_canon_article(o.number)] = _canon_article(n.number)
    return build_references(articles, sections, _canon_article)


# ----------------------------------------------------------------------------- entries


@dataclass
class _Entry:
    """A pair under construction: aligned blocks with their unit ids, before diffing."""

    match: UnitMatch
    id: str
    old_units: list[Unit]
    new_units: list[Unit]
    old_blocks: list[tuple[str, Block]]
    new_blocks: list[tuple[str, Block]]
    rows: list[BlockMatch] = field(default_factory=list)
    # cross-article moves: row index -> (source entry, old block index in it)
    moved_in: dict[int, tuple[int, int]] = field(default_factory=dict)
    moved_out: dict[int, tuple[int, int]] = field(default_factory=dict)  # row -> (dest, row)
    toc_titles: tuple[Block | None, Block | None] = (None, None)  # contents entries, each side


def _blocks_of(units: Sequence[Unit]) -> list[tuple[str, Block]]:
    return [(u.id, b) for u in units for b in u.blocks]


def _section_map(entries: Sequence[_Entry]) -> dict[str, str]:
    """Old clause label -> new clause label for matched blocks whose labels are unique
    section numbers ("12.3", "Section 4"): the targets a "Section" reference can mean."""
    counts_old: dict[str, int] = {}
    pairs: dict[str, str] = {}
    for e in entries:
        for _, b in e.old_blocks:
            if b.label and any(ch.isdigit() for ch in b.label):
                k = canon_section(b.label)
                counts_old[k] = counts_old.get(k, 0) + 1
        for row in e.rows:
            if row.old is None or row.new is None:
                continue
            ob, nb = e.old_blocks[row.old][1], e.new_blocks[row.new][1]
            if ob.label and nb.label and any(ch.isdigit() for ch in ob.label):
                pairs[canon_section(ob.label)] = canon_section(nb.label)
    return {k: v for k, v in pairs.items() if counts_old.get(k) == 1}


def _cross_moves(entries: list[_Entry]) -> None:
    """Pair blocks deleted in one entry with blocks added in another: moved between articles."""
    # text printed in several units of one agreement ("Ladies and Gentlemen:", a signature
    # block) is boilerplate: it did not move from one of them to another
    units_old: dict[str, set[str]] = {}
    units_new: dict[str, set[str]] = {}
    for e in entries:
        for unit_id, b in e.old_blocks:
            units_old.setdefault(block_key(b), set()).add(unit_id)
        for unit_id, b in e.new_blocks:
            units_new.setdefault(block_key(b), set()).add(unit_id)
    dels: list[tuple[int, int]] = []  # (entry, row)
    adds: list[tuple[int, int]] = []
    for k, e in enumerate(entries):
        for r, row in enumerate(e.rows):
            if row.new is None and row.old is not None:
                if len(units_old[block_key(e.old_blocks[row.old][1])]) == 1:
                    dels.append((k, r))
            elif (
                row.old is None
                and row.new is not None
                and len(units_new[block_key(e.new_blocks[row.new][1])]) == 1
            ):
                adds.append((k, r))
    if not dels or not adds:
        return
    old_blocks = [entries[k].old_blocks[entries[k].rows[r].old or 0][1] for k, r in dels]
    new_blocks = [entries[k].new_blocks[entries[k].rows[r].new or 0][1] for k, r in adds]
    for src, dst, _sim in match_leftovers(old_blocks, new_blocks):
        (sk, sr), (dk, dr) = dels[src], adds[dst]
        if sk == dk:
            continue  # inside one entry: block alignment already judged it
        entries[dk].moved_in[dr] = (sk, entries[sk].rows[sr].old or 0)
        entries[sk].moved_out[sr] = (dk, dr)


def _title_block(unit: Unit) -> Block:
    return Block(f"{unit.id}/title", BlockKind.PARAGRAPH, unit.title or "", unit.page_start)


def _toc_blocks(agreement: Agreement) -> dict[str, Block]:
    """Contents-page titles as blocks, keyed by the unit id they name."""
    toc = next((f for f in agreement.front_matter if f.kind is FrontKind.TOC), None)
    if toc is None:
        return {}
    by_number = {_canon_article(num): title for num, title in toc_titles(toc.text).items()}
    out: dict[str, Block] = {}
    for unit in agreement.units:
        if unit.kind is UnitKind.ARTICLE and unit.number:
            title = by_number.get(_canon_article(unit.number))
            if title:
                out[unit.id] = Block(
                    f"{unit.id}/toc-title", BlockKind.PARAGRAPH, title, toc.page_start
                )
    return out


def _flags(e: _Entry) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    if len(e.old_units) == 1 and len(e.new_units) == 1:
        o, n = e.old_units[0], e.new_units[0]
        if _number_key(o) != _number_key(n) and (o.number or n.number):
            flags.append(Flag.RENUMBERED)
        toc_old, toc_new = e.toc_titles
        if (o.title and n.title and title_key(o.title) != title_key(n.title)) or (
            toc_old and toc_new and title_key(toc_old.text) != title_key(toc_new.text)
        ):
            flags.append(Flag.RETITLED)
    if e.old_units and e.new_units:
        if e.match.moved:
            flags.append(Flag.MOVED)
        # a split or merge renumbers and retitles by nature; those flags would add nothing
        if len(e.new_units) > 1:
            flags.append(Flag.SPLIT)
        if len(e.old_units) > 1:
            flags.append(Flag.MERGED)
    return tuple(flags)


def _move_change(move_id: str, old: Block, new: Block, index: int, reason: str) -> Change:
    """The MOVE change for a clause that stands at ``old`` before and at ``new`` after.

    One construction for both moves the pairing finds: a clause that left this unit for another
    (``new`` is its block in the destination) and a clause that moved within or into this unit.
    """
    return Change(
        id=move_id,
        kind=ChangeKind.MOVE,
        old_text=old.text,
        new_text=new.text,
        substantive=True,
        old_page=old.page,
        new_page=new.page,
        old_block=old.id,
        new_block=new.id,
        old_context=old.text,
        new_context=new.text,
        block_index=index,
        reason=reason,
    )


def _build_pair(e: _Entry, entries: Sequence[_Entry], references: References) -> ArticlePair:
    ids = ChangeIds(e.id)
    flags = _flags(e)
    blocks: list[BlockPair] = []
    changes: list[Change] = []
    ops: tuple[WordOp, ...]
    ch: list[Change]
    if Flag.RETITLED in flags:
        o, n = e.old_units[0], e.new_units[0]
        titles = [(_title_block(o), _title_block(n), "title")]
        toc_old, toc_new = e.toc_titles
        if toc_old and toc_new:
            titles.append((toc_old, toc_new, "title in the table of contents"))
        for ob, nb, why in titles:
            if title_key(ob.text) == title_key(nb.text):
                continue
            title_ops, ch = text_changes(
                ob, nb, ids=ids, block_index=len(blocks), references=references
            )
            blocks.append(BlockPair(ob, nb, title_ops, old_unit=o.id, new_unit=n.id))
            changes.extend(replace(c, reason=c.reason or why) for c in ch)
    reflowed = reflow_rows(
        e.rows,
        [b for _, b in e.old_blocks],
        [b for _, b in e.new_blocks],
        skip=e.moved_in.keys() | e.moved_out.keys(),
    )
    found = fragment_rows(
        e.rows,
        [b for _, b in e.old_blocks],
        [b for _, b in e.new_blocks],
        skip=reflowed | e.moved_in.keys() | e.moved_out.keys(),
    )
    fragments = {
        f.row: Fragment(OpTag.DELETE if f.side == "old" else OpTag.INSERT, f.at_start, f.cut)
        for f in found
    }
    partners = {f.partner for f in found}
    for r, row in enumerate(e.rows):
        index = len(blocks)
        old_unit: str | None
        if r in e.moved_in:
            sk, si = e.moved_in[r]
            old_unit, old_block = entries[sk].old_blocks[si]
            moved = True
        elif row.old is not None:
            old_unit, old_block = e.old_blocks[row.old]
            moved = row.moved
        else:
            old_unit, old_block, moved = None, None, False
        new_unit, new_block = e.new_blocks[row.new] if row.new is not None else (None, None)
        if r in e.moved_out:
            # the clause left this unit: a move here too, so both units show it
            dk, dr = e.moved_out[r]
            assert old_block is not None
            dest_unit, dest_block = entries[dk].new_blocks[entries[dk].rows[dr].new or 0]
            move_id = ids.next()
            changes.append(
                _move_change(move_id, old_block, dest_block, index, f"moved to {dest_unit}")
            )
            blocks.append(
                BlockPair(
                    old_block,
                    None,
                    (WordOp(OpTag.DELETE, old_block.text, move_id),),
                    moved=True,
                    old_unit=old_unit,
                    new_unit=dest_unit,
                )
            )
            continue
        if moved and old_block is not None and new_block is not None:
            move_id = ids.next()
            changes.append(
                _move_change(
                    move_id,
                    old_block,
                    new_block,
                    index,
                    "moved"
                    if old_unit in {u.id for u in e.old_units}
                    else f"moved from {old_unit}",
                )
            )
        if (
            old_block is not None
            and new_block is not None
            and old_block.text == new_block.text
            and old_block.rows == new_block.rows
        ):
            ops = (WordOp(OpTag.EQUAL, new_block.text),) if new_block.text else ()
            ch = []
        elif is_table(old_block) and is_table(new_block):
            assert old_block is not None and new_block is not None
            ops, ch = table_changes(old_block, new_block, ids=ids, block_index=index)
        elif r in fragments and old_block is not None and new_block is not None:
            ops, ch = fragment_changes(
                old_block,
                new_block,
                fragments[r],
                ids=ids,
                block_index=index,
                references=references,
            )
        else:
            ops, ch = text_changes(
                old_block, new_block, ids=ids, block_index=index, references=references
            )
        if r in reflowed or r in partners:
            ch = [replace(c, substantive=False, reason="paragraph break", numbers=()) for c in ch]
        changes.extend(ch)
        blocks.append(BlockPair(old_block, new_block, ops, moved, old_unit, new_unit))
    changes = rejoin_fragments(changes)
    if not e.old_units:
        status = Status.ADDED
    elif not e.new_units:
        status = Status.DELETED
    elif any(c.substantive for c in changes):
        status = Status.MODIFIED
    else:
        status = Status.UNCHANGED
    return ArticlePair(
        id=e.id,
        old=tuple(u.id for u in e.old_units),
        new=tuple(u.id for u in e.new_units),
        status=status,
        flags=flags,
        similarity=e.match.similarity if e.old_units and e.new_units else 0.0,
        blocks=tuple(blocks),
        changes=tuple(changes),
    )


def compare_agreements(
    old: Agreement,
    new: Agreement,
    options: CompareOptions = DEFAULT_OPTIONS,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    categorizer: Categorizer | None = None,
) -> Comparison:
    """Align, diff and judge two agreements; the result every consumer reads.

    Raises:
        Cancelled: ``cancel`` was set; no partial result exists.
    """
    progress(0.0, "Aligning articles")
    matches = align_units(old.units, new.units, number_key=_number_key, cancel=cancel)
    entries: list[_Entry] = []
    for m in matches:
        ou = [old.units[i] for i in m.old]
        nu = [new.units[j] for j in m.new]
        entries.append(
            _Entry(
                m,
                pair_id([u.id for u in ou], [u.id for u in nu]),
                ou,
                nu,
                _blocks_of(ou),
                _blocks_of(nu),
            )
        )
    toc_old, toc_new = _toc_blocks(old), _toc_blocks(new)
    for e in entries:
        if len(e.old_units) == 1 and len(e.new_units) == 1:
            e.toc_titles = (toc_old.get(e.old_units[0].id), toc_new.get(e.new_units[0].id))
    progress(0.1, "Aligning clauses")
    for e in entries:
        check_cancel(cancel)
        if e.old_blocks and e.new_blocks:
            e.rows = align_blocks([b for _, b in e.old_blocks], [b for _, b in e.new_blocks])
        elif e.new_blocks:
            e.rows = [BlockMatch(None, j, 0.0) for j in range(len(e.new_blocks))]
        else:
            e.rows = [BlockMatch(i, None, 0.0) for i in range(len(e.old_blocks))]
    _cross_moves(entries)
    references = _references(old, new, matches, _section_map(entries))
    pairs: list[ArticlePair] = []
    total = max(1, len(entries))
    for n, e in enumerate(entries):
        check_cancel(cancel)
        units = e.new_units or e.old_units
        progress(0.15 + 0.8 * n / total, f"Comparing {unit_label(units[0])}")
        pairs.append(_build_pair(e, entries, references))
    comparison = Comparison(old, new, tuple(pairs), options)
    if categorizer is not None:
        check_cancel(cancel)
        progress(0.95, "Labelling changes by category")
        comparison = categorizer(comparison)
    progress(1.0, "Comparison done")
    return comparison


def _reading(label: str, progress: ProgressFn) -> ProgressFn:
    def report(fraction: float, message: str) -> None:
        text = message[8:] if message.startswith("Reading ") else message
        progress(fraction, f"Reading {label} agreement: {text}")

    return report


def compare_files(
    old_path: str | Path,
    new_path: str | Path,
    options: CompareOptions = DEFAULT_OPTIONS,
    *,
    password_old: str | None = None,
    password_new: str | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    categorizer: Categorizer | None = None,
) -> Comparison:
    """Read both files and compare them: reading is 0-60 % of the progress, comparing 60-100 %.

    Raises:
        ReadError: a file could not be read; the message names the file and the fix.
        Cancelled: ``cancel`` was set.
    """
    old = read_agreement(
        old_path,
        password=password_old,
        cancel=cancel,
        progress=_reading("expired", scaled(progress, 0.0, 0.3)),
    )
    check_cancel(cancel)
    new = read_agreement(
        new_path,
        password=password_new,
        cancel=cancel,
        progress=_reading("proposed", scaled(progress, 0.3, 0.6)),
    )
    return compare_agreements(
        old,
        new,
        options,
        progress=scaled(progress, 0.6, 1.0),
        cancel=cancel,
        categorizer=categorizer,
    )
