"""Reading-quality guards on the real agreements (optional: skip without the corpus).

Only counts and structural facts are asserted; no text from the agreements is copied here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cbadiff.model import CompareOptions, Flag, Status
from cbadiff.pipeline import compare_files
from parsers.model import BlockKind, UnitKind
from parsers.read import read_agreement

_BARE_FIGURE = re.compile(r"[$]?[\d.,%\s-]+")
_PAGE_LABEL = re.compile(r"\bPage\s+\d+\s*$")


def test_iatse_wage_tables_are_tables_and_page_labels_are_gone(corpus: Path) -> None:
    for name in ("IATSE_2015-2018_Basic_Agreement.pdf", "IATSE_2018-2021_Basic_Agreement.pdf"):
        agreement = read_agreement(corpus / "iatse-basic-agreement" / name)
        blocks = [b for u in agreement.units for b in u.blocks]
        lone_figures = [
            b for b in blocks if b.kind is not BlockKind.TABLE and _BARE_FIGURE.fullmatch(b.text)
        ]
        assert len(lone_figures) < 40, (name, len(lone_figures))  # 450-590 before
        assert not [b for b in blocks if _PAGE_LABEL.search(b.text)], name
        assert sum(1 for b in blocks if b.kind is BlockKind.TABLE) >= 10, name


def test_iatse_2021_partly_scanned_notice_and_sideletters(corpus: Path) -> None:
    agreement = read_agreement(corpus / "iatse-basic-agreement/IATSE_Basic_Agreement_2021-2024.pdf")
    (notice,) = agreement.notices
    assert re.search(r"\b11 of 207 pages have no text layer", notice) and "OCR" in notice
    assert sum(1 for u in agreement.units if u.kind is UnitKind.SIDELETTER) >= 6


def test_oregon_letters_pair_without_merges(corpus: Path) -> None:
    folder = corpus / "oregon-state-afscme-doc-dentists"
    comparison = compare_files(
        folder / "state-afscme-doc-dentists-2023-2025.txt",
        folder / "state-afscme-doc-dentists-2025-2027.txt",
        CompareOptions(),
    )
    assert not [p for p in comparison.pairs if Flag.MERGED in p.flags or Flag.SPLIT in p.flags]


@pytest.mark.parametrize(
    "stem",
    ["CORRECTED SFUSD Stability Plan Proposal to UESF (1)", "MOU with UESF - Sanctuary District"],
)
def test_sfusd_docx_and_pdf_renditions_compare_as_identical(corpus: Path, stem: str) -> None:
    folder = corpus / "sfusd-uesf-bargaining-2026"
    comparison = compare_files(folder / f"{stem}.docx", folder / f"{stem}.pdf", CompareOptions())
    assert comparison.pairs, "a document without headings still has a unit to compare"
    assert {p.status for p in comparison.pairs} == {Status.UNCHANGED}
