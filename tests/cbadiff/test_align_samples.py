"""End to end on the bundled sample agreements (resources/samples), whose manifest records
every edit made between the expired and the proposed agreement, and whose DOCX and PDF
renditions hold the same text."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cbadiff.model import ChangeKind, Comparison, Status
from cbadiff.numbers import find_quantities
from cbadiff.pipeline import compare_agreements
from parsers.model import Agreement
from parsers.read import read_agreement

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
FORMATS = ("docx", "pdf")


def _need_samples() -> None:
    if not (SAMPLES / "manifest.json").is_file():
        pytest.skip("resources/samples has not been built (make samples)")


@cache
def read(name: str) -> Agreement:
    return read_agreement(SAMPLES / name)


@cache
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / "manifest.json").read_text("utf-8"))
    return data


@cache
def compared(fmt: str) -> Comparison:
    return compare_agreements(read(f"expired.{fmt}"), read(f"proposed.{fmt}"))


def value(printed: str | None) -> str | None:
    found = find_quantities(printed) if printed else []
    return found[0].value if found else printed


@pytest.mark.parametrize("which", ["expired", "proposed"])
def test_docx_against_its_own_pdf_rendition_is_unchanged_throughout(which: str) -> None:
    _need_samples()
    c = compare_agreements(read(f"{which}.docx"), read(f"{which}.pdf"))
    assert c.pairs
    assert {p.status for p in c.pairs} == {Status.UNCHANGED}
    assert all(p.flags == () for p in c.pairs)
    assert not [ch for p in c.pairs for ch in p.changes if ch.substantive]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_recorded_edit_is_found(fmt: str) -> None:
    _need_samples()
    c = compared(fmt)
    by_ids = {(p.old, p.new): p for p in c.pairs}
    for expected in manifest()["pairs"]:
        key = (
            tuple(u["id"] for u in expected["expired"]),
            tuple(u["id"] for u in expected["proposed"]),
        )
        assert key in by_ids, f"{key} ({expected['relation']}) not in the alignment"
        pair = by_ids[key]
        flags = set(expected["flags"])
        flags |= {"split"} if expected["relation"] == "split" else set()
        flags |= {"merged"} if expected["relation"] == "merged" else set()
        assert {f.value for f in pair.flags} == flags, key
        if expected["relation"] in ("added", "deleted"):
            assert pair.status.value == expected["relation"], key
        elif expected["change"] == "substantive":
            assert pair.status is Status.MODIFIED, key
        else:
            assert pair.status is Status.UNCHANGED, key
        ours = {(value(n.old), value(n.new)) for ch in pair.changes for n in ch.numbers}
        for n in expected["number_changes"]:
            assert (value(n["old"]), value(n["new"])) in ours, (key, n)


@pytest.mark.parametrize("fmt", FORMATS)
def test_moved_clause_shows_as_a_move_in_both_articles(fmt: str) -> None:
    _need_samples()
    c = compared(fmt)
    for move in manifest()["clause_moves"]:
        src, dst = move["from"]["id"], move["to"]["id"]
        arriving = [
            ch
            for p in c.pairs
            if dst in p.new
            for ch in p.changes
            if ch.kind is ChangeKind.MOVE and ch.reason == f"moved from {src}"
        ]
        leaving = [
            ch
            for p in c.pairs
            if src in p.old
            for ch in p.changes
            if ch.kind is ChangeKind.MOVE and ch.reason == f"moved to {dst}"
        ]
        assert len(arriving) == 1 and len(leaving) == 1
        if move["edited"]:
            pair = next(p for p in c.pairs if dst in p.new)
            edits = [
                ch
                for ch in pair.changes
                if ch.kind is not ChangeKind.MOVE and ch.new_block == arriving[0].new_block
            ]
            assert edits, "the edits inside the moved clause are listed"


def test_wage_table_cells_are_compared_cell_by_cell() -> None:
    _need_samples()
    c = compared("docx")
    numbers = {
        (value(n.old), value(n.new), n.context)
        for p in c.pairs
        for ch in p.changes
        for n in ch.numbers
        if n.context
    }
    for table in manifest()["table_changes"]:
        for cell in table["cells_changed"]:
            context = f"{cell['row']} / {cell['header_old']}"
            assert (value(cell["old"]), value(cell["new"]), context) in numbers, cell


@pytest.mark.parametrize("fmt", FORMATS)
def test_word_ops_rebuild_every_block_of_the_sample_comparison(fmt: str) -> None:
    _need_samples()
    for pair in compared(fmt).pairs:
        linked = set()
        for block in pair.blocks:
            old = "".join(op.text for op in block.ops if op.tag.value in ("equal", "delete"))
            new = "".join(op.text for op in block.ops if op.tag.value in ("equal", "insert"))
            assert old == (block.old.text if block.old else ""), pair.id
            assert new == (block.new.text if block.new else ""), pair.id
            linked |= {op.change_id for op in block.ops if op.change_id}
        assert {ch.id for ch in pair.changes if ch.kind is not ChangeKind.MOVE} <= linked
        assert len({ch.id for ch in pair.changes}) == len(pair.changes)
