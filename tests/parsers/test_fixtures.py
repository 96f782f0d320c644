"""The committed fixtures read as their manifest says, and are what their generator makes today.

tests/fixtures/manifest.json is written by tests/fixtures/generate.py from the same source as the
files; these tests hold the readers to it (outline, clause labels, text, tables, tracked changes)
and fail when a fixture was edited without regenerating the manifest, or the reverse.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parsers.model import Agreement, BlockKind, UnitKind
from parsers.read import read_agreement

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MANIFEST: dict[str, Any] = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))


# A wage-table header or row printed as plain text ("Key Grip  $50.32  $51.83  $53.38").
TABLE_LINE = re.compile(r"Effective \d+/\d+/\d{4}|^[A-Z][A-Za-z ]+( \$[\d.,]+)+$")


def norm(text: str) -> str:
    return " ".join(text.split())


@cache
def read(rel: str) -> Agreement:
    return read_agreement(FIXTURES / rel, use_cache=False)


def _units(a: Agreement) -> list[Any]:
    return [u for u in a.units if u.kind is not UnitKind.PREAMBLE]


def _compare_blocks(
    agreement: Agreement,
    expected: list[dict[str, Any]],
    tail_ok: set[str],
    skip: re.Pattern[str] | None = None,
) -> list[str]:
    """Differences between the units read and the manifest's; blocks matching ``skip`` are
    left out of the comparison."""
    problems = []
    units = _units(agreement)
    got_outline = [(u.kind.value, u.number, u.title) for u in units]
    want_outline = [(e["kind"], e["number"], e["title"]) for e in expected]
    if got_outline != want_outline:
        return [f"outline {got_outline} != {want_outline}"]
    for unit, exp in zip(units, expected, strict=True):
        got = [b for b in unit.blocks if not (skip and skip.search(norm(b.text)))]
        for i, w in enumerate(exp["blocks"]):
            if i >= len(got):
                problems.append(f"{unit.id}: block {i} missing")
                break
            b = got[i]
            if "rows" in w:
                if (
                    b.kind is not BlockKind.TABLE
                    or [[norm(c) for c in r] for r in b.rows] != w["rows"]
                ):
                    problems.append(f"{unit.id}: block {i} is not the {w['table']} table")
            elif (b.label, norm(b.text)) != (w["label"], norm(w["text"])):
                problems.append(
                    f"{unit.id}: block {i}: {(b.label, norm(b.text))!r} != {(w['label'], w['text'])!r}"
                )
        extra = {norm(b.text) for b in got[len(exp["blocks"]) :]}
        if not extra <= tail_ok:
            problems.append(f"{unit.id}: unexpected trailing blocks {sorted(extra - tail_ok)}")
    return problems


@pytest.mark.parametrize(
    "rel,key",
    [
        ("small.docx", "small"),
        ("small.pdf", "small"),
        ("numbering.docx", "numbering"),
        ("numbering.pdf", "numbering"),
        ("numbering_levels.docx", "numbering_levels"),
        ("numbering_levels.pdf", "numbering_levels"),
    ],
)
def test_fixture_reads_as_manifest(rel: str, key: str) -> None:
    signature = {norm(t) for t in MANIFEST["small"]["signature"]}
    problems = _compare_blocks(read(rel), MANIFEST[key]["units"], signature)
    assert not problems, "\n".join(problems)


def test_small_txt_reads_as_manifest_except_table() -> None:
    """The text rendition: same clauses; its wage table is plain aligned columns (a reader may
    keep them as a table or as a paragraph), and there is no footnote."""
    expected = json.loads(json.dumps(MANIFEST["small"]["units"]))
    for unit in expected:
        unit["blocks"] = [b for b in unit["blocks"] if "rows" not in b]
    signature = {norm(t) for t in MANIFEST["small"]["signature"]}
    agreement = read("small.txt")
    problems = _compare_blocks(agreement, expected, signature, skip=TABLE_LINE)
    assert not problems, "\n".join(problems)
    assert agreement.footnotes == ()
    text = "\n".join(u.text for u in agreement.units)
    assert "Stage Agreement 2023" not in text  # running header removed
    assert "Page " not in text


def test_tracked_changes_read_accepted() -> None:
    agreement = read("tracked.docx")
    expected = MANIFEST["tracked"]["accepted"]
    blocks = {b.label: norm(b.text) for u in agreement.units for b in u.blocks if b.label}
    for label, text in expected["changed"].items():
        assert blocks.get(label) == norm(text), label
    for label in expected["removed"]:
        assert label not in blocks
    assert any("tracked changes" in n for n in agreement.notices)


@pytest.mark.parametrize("situation", sorted(MANIFEST["pairs"]))
def test_pair_files_read_as_manifest(situation: str) -> None:
    entry = MANIFEST["pairs"][situation]
    old_rel, new_rel = entry["files"]
    for rel, units in ((old_rel, entry["old_units"]), (new_rel, entry["new_units"])):
        signature = {norm(t) for t in MANIFEST["small"]["signature"]}
        problems = _compare_blocks(read(rel), units, signature)
        assert not problems, f"{rel}:\n" + "\n".join(problems)


def test_generated_files_are_in_sync(tmp_path: Path) -> None:
    """Everything that needs no LibreOffice is regenerated and compared byte for byte."""
    from resources.samples.docx_writer import docx_bytes
    from tests.fixtures.generate import (
        build_pairs,
        build_tracked,
        load_small,
        render_txt,
        small_rdoc,
    )

    manifest: dict[str, Any] = {}
    build_pairs(manifest, tmp_path)
    build_tracked(manifest, tmp_path)
    assert manifest["pairs"] == MANIFEST["pairs"]
    assert manifest["tracked"] == MANIFEST["tracked"]
    for path in tmp_path.rglob("*.*"):
        rel = path.relative_to(tmp_path)
        assert path.read_bytes() == (FIXTURES / rel).read_bytes(), f"{rel} is stale"
    src = load_small()
    doc = small_rdoc(src, MANIFEST["small"]["toc_pages"])
    assert docx_bytes(doc) == (FIXTURES / "small.docx").read_bytes()
    assert render_txt(doc, page_lines=46) == (FIXTURES / "small.txt").read_text(encoding="utf-8")


def test_fixtures_stay_small() -> None:
    total = sum(
        p.stat().st_size
        for p in FIXTURES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert total < 3_000_000
