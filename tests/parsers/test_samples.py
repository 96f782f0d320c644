"""The bundled sample agreements read, as DOCX and as PDF, into the outline their manifest lists.

The manifest (resources/samples/manifest.json) is generated from the same source as the files,
so these tests check the readers against what the documents really contain: every unit's kind,
printed number, title and id; every clause label and paragraph text; the tables; the footnotes;
and, for the PDF, the page each heading stands on. They also check that the committed files are
what the generator produces today (the samples cannot silently drift from their source).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parsers.model import Agreement, Block, BlockKind, Unit, UnitKind
from parsers.read import read_agreement

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
MANIFEST: dict[str, Any] = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
VERSIONS = ("expired", "proposed")
FORMATS = ("docx", "pdf")


def norm(text: str) -> str:
    return " ".join(text.split())


@cache
def read(name: str) -> Agreement:
    return read_agreement(SAMPLES / name, use_cache=False)


def units_of(agreement: Agreement) -> list[Unit]:
    """Top-level units without the preamble (the manifest lists the preamble apart)."""
    return [u for u in agreement.units if u.kind is not UnitKind.PREAMBLE]


def expected_units(version: str) -> list[dict[str, Any]]:
    return list(MANIFEST[version]["units"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("version", VERSIONS)
def test_outline_matches_manifest(version: str, fmt: str) -> None:
    got = [(u.kind.value, u.number, u.title) for u in units_of(read(f"{version}.{fmt}"))]
    want = [(e["kind"], e["number"], e["title"]) for e in expected_units(version)]
    assert got == want


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("version", VERSIONS)
def test_unit_ids_are_derived_from_number(version: str, fmt: str) -> None:
    got = [u.id for u in units_of(read(f"{version}.{fmt}"))]
    assert got == [e["id"] for e in expected_units(version)]


@pytest.mark.parametrize("version", VERSIONS)
def test_about_thirty_articles(version: str) -> None:
    articles = [e for e in expected_units(version) if e["kind"] == "article"]
    assert 28 <= len(articles) <= 32
    assert any(e["number"].endswith("A") for e in articles)  # a lettered insert such as XIIIA
    kinds = {e["kind"] for e in expected_units(version)}
    assert {"article", "sideletter", "exhibit"} <= kinds


def _block_view(block: Block) -> tuple[str | None, str]:
    return block.label, norm(block.text)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("version", VERSIONS)
def test_blocks_match_manifest(version: str, fmt: str) -> None:
    """Every unit holds the expected clauses (label + text) and tables, in order; anything after
    them is the unit's closing (sideletter signature lines)."""
    units = units_of(read(f"{version}.{fmt}"))
    problems: list[str] = []
    for unit, exp in zip(units, expected_units(version), strict=False):
        want = exp["blocks"]
        got = list(unit.blocks)
        for i, w in enumerate(want):
            if i >= len(got):
                problems.append(f"{exp['heading'][0]}: block {i} missing: {w.get('text', w)!r}")
                break
            g = got[i]
            if "table" in w:
                if (
                    g.kind is not BlockKind.TABLE
                    or [list(map(norm, r)) for r in g.rows] != w["rows"]
                ):
                    problems.append(f"{exp['heading'][0]}: block {i} is not table {w['table']}")
                continue
            if _block_view(g) != (w["label"], norm(w["text"])):
                problems.append(
                    f"{exp['heading'][0]}: block {i}: got {_block_view(g)!r}, "
                    f"want {(w['label'], w['text'])!r}"
                )
        extra = [norm(b.text) for b in got[len(want) :]]
        closing = [norm(t) for t in exp["closing"]]
        if extra and extra != closing[: len(extra)]:
            problems.append(f"{exp['heading'][0]}: unexpected trailing blocks {extra!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("version", VERSIONS)
def test_footnotes(version: str, fmt: str) -> None:
    agreement = read(f"{version}.{fmt}")
    assert [norm(f.text) for f in agreement.footnotes] == [
        norm(f["text"]) for f in MANIFEST[version]["footnotes"]
    ]
    # The paragraph that cites a footnote carries the reference, and its text does not.
    cited = {
        norm(b["text"]) for e in expected_units(version) for b in e["blocks"] if b.get("footnotes")
    }
    refs = {
        norm(b.text): b.footnote_refs
        for u in agreement.units
        for b in u.blocks
        if norm(b.text) in cited
    }
    assert set(refs) == cited
    assert all(len(r) == 1 for r in refs.values()), refs


@pytest.mark.parametrize("version", VERSIONS)
def test_pdf_pages_of_headings(version: str) -> None:
    pages = MANIFEST["files"][version]["heading_pages"]
    units = units_of(read(f"{version}.pdf"))
    got = {
        e["heading"][0]: u.page_start for u, e in zip(units, expected_units(version), strict=True)
    }
    assert got == pages


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("version", VERSIONS)
def test_front_matter_and_noise(version: str, fmt: str) -> None:
    """Cover, contents and signatures are front/back matter; running header, footer and the
    contents' dot leaders never leak into unit text."""
    agreement = read(f"{version}.{fmt}")
    kinds = [f.kind.value for f in agreement.front_matter]
    assert "toc" in kinds
    text = "\n".join(u.text for u in agreement.units)
    assert "Crafts Agreement 20" not in text  # the running header
    assert "Page " not in text  # the footer
    assert "....." not in text


def test_files_are_small_and_in_page_range() -> None:
    for version in VERSIONS:
        pages = MANIFEST["files"][version]["pages"]
        assert 25 <= pages <= 45
        for fmt in FORMATS:
            assert (SAMPLES / f"{version}.{fmt}").stat().st_size < 1_000_000


def test_committed_files_match_their_source() -> None:
    """Re-deriving the manifest and the DOCX bytes from the source gives the committed files."""
    from resources.samples.docx_writer import docx_bytes
    from resources.samples.manifest import build_manifest
    from resources.samples.markup import load_expired
    from resources.samples.proposal import build_proposed
    from resources.samples.render import EXPIRED, PROPOSED, to_rdoc

    expired = load_expired()
    proposed, log = build_proposed(expired)
    assert build_manifest(expired, proposed, log, MANIFEST["files"]) == MANIFEST
    for src, v in ((expired, EXPIRED), (proposed, PROPOSED)):
        pages = MANIFEST["files"][v.name]["heading_pages"]
        data = docx_bytes(to_rdoc(src, v, pages))
        assert data == (SAMPLES / f"{v.name}.docx").read_bytes(), f"{v.name}.docx is stale"


def test_manifest_covers_every_comparison_situation() -> None:
    relations = {p["relation"] for p in MANIFEST["pairs"]}
    assert relations == {"matched", "split", "merged", "added", "deleted"}
    flags = {f for p in MANIFEST["pairs"] for f in p["flags"]}
    assert {"renumbered", "moved", "retitled"} <= flags
    changes = {p["change"] for p in MANIFEST["pairs"]}
    assert changes == {"unchanged", "cosmetic", "substantive"}
    units = {n["unit"] for p in MANIFEST["pairs"] for n in p["number_changes"]}
    assert {
        "money",
        "rate_per_hour",
        "percent",
        "hours",
        "minutes",
        "days",
        "weeks",
        "date",
        "count",
    } <= units
    assert MANIFEST["clause_moves"] and MANIFEST["clause_moves"][0]["edited"]
    assert any(t["cells_changed"] for t in MANIFEST["table_changes"])
    assert any(p.get("cross_references") and p["change"] == "cosmetic" for p in MANIFEST["pairs"])
    categories = {c for p in MANIFEST["pairs"] for c in p["categories"]}
    assert {
        "rest_periods",
        "meal_periods",
        "residuals",
        "wages",
        "pension_health",
        "sick_leave",
        "new_media_streaming",
    } <= categories
