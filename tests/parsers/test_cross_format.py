"""One agreement read from its DOCX and from LibreOffice's PDF rendition of it reads the same.

Negotiators receive the same agreement as Word file from one side and as PDF from the other; the
comparison must then show nothing. So the outline (unit kinds, numbers, titles), every block's
clause label and whitespace-normalised text, the tables and the footnotes must agree between the
two readers, for the bundled samples and for the fixtures.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parsers.model import Agreement, BlockKind
from parsers.read import read_agreement

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
PAIRS = {
    "sample-expired": SAMPLES / "expired",
    "sample-proposed": SAMPLES / "proposed",
    "small": FIXTURES / "small",
    "numbering": FIXTURES / "numbering",
    "numbering_levels": FIXTURES / "numbering_levels",
}


def norm(text: str) -> str:
    return " ".join(text.split())


@cache
def read(path: Path) -> Agreement:
    return read_agreement(path, use_cache=False)


def outline(a: Agreement) -> list[tuple[str, str | None, str | None]]:
    return [(u.kind.value, u.number, u.title) for u in a.units]


def blocks(a: Agreement) -> list[tuple[str, str | None, str]]:
    """(unit id, label, text) for every block; a table's cells joined row by row."""
    out = []
    for u in a.units:
        for b in u.blocks:
            if b.kind is BlockKind.TABLE:
                text = " || ".join(" | ".join(norm(c) for c in row) for row in b.rows)
            else:
                text = norm(b.text)
            out.append((u.id, b.label, text))
    return out


@pytest.mark.parametrize("name", list(PAIRS))
def test_same_outline(name: str) -> None:
    base = PAIRS[name]
    assert outline(read(base.with_suffix(".pdf"))) == outline(read(base.with_suffix(".docx")))


@pytest.mark.parametrize("name", list(PAIRS))
def test_same_blocks(name: str) -> None:
    base = PAIRS[name]
    docx, pdf = blocks(read(base.with_suffix(".docx"))), blocks(read(base.with_suffix(".pdf")))
    # Report the first differences readably rather than one huge list comparison.
    diffs = [(i, d, p) for i, (d, p) in enumerate(zip(docx, pdf, strict=False)) if d != p]
    assert not diffs[:5], "\n".join(f"#{i}\n  docx {d}\n  pdf  {p}" for i, d, p in diffs[:5])
    assert len(docx) == len(pdf)


@pytest.mark.parametrize("name", list(PAIRS))
def test_same_footnotes(name: str) -> None:
    base = PAIRS[name]
    docx, pdf = read(base.with_suffix(".docx")), read(base.with_suffix(".pdf"))
    assert [norm(f.text) for f in pdf.footnotes] == [norm(f.text) for f in docx.footnotes]
    refs = {b.id: b.footnote_refs for u in docx.units for b in u.blocks if b.footnote_refs}
    assert refs == {b.id: b.footnote_refs for u in pdf.units for b in u.blocks if b.footnote_refs}


@pytest.mark.parametrize("name", list(PAIRS))
def test_same_front_matter_kinds(name: str) -> None:
    base = PAIRS[name]
    docx, pdf = read(base.with_suffix(".docx")), read(base.with_suffix(".pdf"))
    assert [f.kind for f in pdf.front_matter] == [f.kind for f in docx.front_matter]


def _fixture_manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", ["small", "numbering", "numbering_levels"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_fixture_outline_matches_manifest(name: str, fmt: str) -> None:
    """Both renditions also agree with what the fixture was generated from."""
    want = [(u["kind"], u["number"], u["title"]) for u in _fixture_manifest()[name]["units"]]
    got = [o for o in outline(read(FIXTURES / f"{name}.{fmt}")) if o[0] != "preamble"]
    assert got == want


def test_small_txt_has_the_docx_outline() -> None:
    """The plain-text rendition (form feeds, running header and footer) has the same outline."""
    assert outline(read(FIXTURES / "small.txt")) == outline(read(FIXTURES / "small.docx"))
