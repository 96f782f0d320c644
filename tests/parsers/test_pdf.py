"""The PDF reader on small agreements typeset with reportlab inside each test.

The helpers here (``typeset``, ``Block``) are shared with the other ``test_pdf_*`` modules: they
lay out headings, wrapped paragraphs, dot-leader contents, footnotes and tables the way word
processors print agreements, with a running header and "Page N of M" footer on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from parsers.model import Agreement, BlockKind, FrontKind, UnitKind
from parsers.read import read_agreement

PAGE_W, PAGE_H = 612.0, 792.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 540.0, 720.0, 90.0
BODY = ("Times-Roman", 12.0)
BOLD = ("Times-Bold", 12.0)
LEADING = 14.0
GAP = 12.0
HEADER = "PRODUCERS AND CRAFTS UNION BASIC AGREEMENT OF 2024"


@dataclass
class Block:
    """One thing to print: a heading, a paragraph (wrapped or given as lines), a TOC line, a
    table (rows of cells), or a footnote for the current page."""

    text: str = ""
    bold: bool = False
    lines: Sequence[str] = ()
    indent: float = 0.0
    toc: tuple[str, str] | None = None  # (entry, page) printed with a dot leader
    rows: Sequence[Sequence[str]] = ()
    footnote: tuple[str, str] | None = None  # (marker, text) at the foot of this page
    superscript: str = ""  # footnote marker printed small and raised after the paragraph
    new_page: bool = False
    columns: Sequence[Sequence[str]] = ()  # lists printed side by side (signatories)
    row_wise: bool = False  # print the columns' lines row by row, as some producers do


@dataclass
class _Page:
    draws: list[tuple[float, float, str, str, float]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def typeset(path: Path, blocks: Sequence[Block], *, header: str | None = HEADER, encrypt: str | None = None) -> Path:
    """Print ``blocks`` into a PDF at ``path`` and return it."""
    pages: list[_Page] = [_Page()]
    y = TOP

    def need(height: float) -> None:
        nonlocal y
        if y - height < BOTTOM:
            pages.append(_Page())
            y = TOP

    for block in blocks:
        if block.new_page and pages[-1].draws:
            pages.append(_Page())
            y = TOP
        font = BOLD if block.bold else BODY
        if block.toc is not None:
            need(LEADING)
            entry, number = block.toc
            dots = " ." * int((RIGHT - LEFT - 7 * len(entry) - 30) / 6)
            pages[-1].draws.append((LEFT, y, f"{entry}{dots} {number}", *BODY))
            y -= LEADING
            continue
        if block.rows:
            for r, row in enumerate(block.rows):
                need(LEADING)
                step = (RIGHT - LEFT) / len(row)
                cell_font = BOLD if block.bold and r == 0 else BODY  # bold: a heading row
                for k, cell in enumerate(row):
                    pages[-1].draws.append((LEFT + k * step, y, cell, *cell_font))
                y -= LEADING
            y -= GAP
            continue
        if block.columns:
            height = max(len(c) for c in block.columns)
            need(height * LEADING)
            cells = [
                (k, j, name) for k, column in enumerate(block.columns) for j, name in enumerate(column)
            ]
            if block.row_wise:
                cells.sort(key=lambda c: (c[1], c[0]))
            for k, j, name in cells:
                pages[-1].draws.append((LEFT + k * 240, y - j * LEADING, name, *BODY))
            y -= height * LEADING + GAP
            continue
        if block.footnote is not None:
            pages[-1].notes.append(block.footnote)
            continue
        lines = list(block.lines) or simpleSplit(
            block.text, font[0], font[1], RIGHT - LEFT - block.indent
        )
        need(len(lines) * LEADING)
        for k, line in enumerate(lines):
            pages[-1].draws.append((LEFT + block.indent, y, line, *font))
            if block.superscript and k == len(lines) - 1:
                from reportlab.pdfbase.pdfmetrics import stringWidth

                x = LEFT + block.indent + stringWidth(line, font[0], font[1])
                pages[-1].draws.append((x + 0.5, y + 4, block.superscript, font[0], 7.0))
            y -= LEADING
        y -= GAP

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=encrypt)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        if header is not None:
            c.setFont("Times-Italic", 9)
            c.drawString(LEFT, PAGE_H - 40, header)
            c.setFont("Times-Roman", 10)
            c.drawCentredString(PAGE_W / 2, 40, f"Page {number} of {total}")
        for x, yy, text, font_name, size in page.draws:
            c.setFont(font_name, size)
            c.drawString(x, yy, text)
        ny = BOTTOM - 4
        for marker, text in page.notes:
            c.setFont("Times-Roman", 6)
            c.drawString(LEFT, ny + 3, marker)
            c.setFont("Times-Roman", 9)
            c.drawString(LEFT + 5, ny, text)
            ny -= 11
        c.showPage()
    c.save()
    return path


def para(text: str, **kw: object) -> Block:
    return Block(text=text, **kw)  # type: ignore[arg-type]


LOREM = (
    "The Producer shall pay each employee the rates set forth in the schedules attached to this "
    "Agreement for all time worked, and no employee shall be paid less than the minimum call "
    "provided for the classification in which the employee is employed on that day."
)


def sample_blocks() -> list[Block]:
    """A small agreement: cover, TOC, three articles (one with a footnote), an exhibit, a
    sideletter written as a letter, and a two-column signatory list."""
    return [
        Block(text="BASIC AGREEMENT OF 2024", bold=True),
        Block(text="between the Producers and the Crafts Union"),
        Block(text="TABLE OF CONTENTS", bold=True, new_page=True),
        Block(toc=("I. Recognition", "3")),
        Block(toc=("II. Hours of Work", "3")),
        Block(toc=("IIA. Meal Periods", "4")),
        Block(toc=("EXHIBIT A - Wage Rates", "5")),
        Block(text="ARTICLE I - RECOGNITION", bold=True, new_page=True),
        Block(text="(a) " + LOREM),
        Block(text="(b) The Union is recognized as the sole bargaining agent for the employees "
              "described in Article II of this Agreement.", superscript="1"),
        Block(footnote=("1", "As agreed in the 2021 negotiations.")),
        Block(text="ARTICLE II - HOURS OF WORK", bold=True),
        Block(text="12.1 " + LOREM),
        Block(text="12.2 " + LOREM),
        Block(text="ARTICLE IIA - MEAL PERIODS", bold=True, new_page=True),
        Block(lines=[
            "The first meal period shall be not less than one-half hour nor more than one hour",
            "and the meal period of forty-",
            "five minutes provided in the Studio Rules, including the second meal-",
            "period, shall apply to all employ-",
            "ees on the production.",
        ]),
        Block(text="EXHIBIT A - WAGE RATES", bold=True, new_page=True),
        Block(rows=[
            ("Classification", "8/1/2024", "8/1/2025", "8/1/2026"),
            ("Sound Mixer", "$64.27", "$66.20", "$68.19"),
            ("Boom Operator", "$46.51", "$47.91", "$49.35"),
            ("Key Grip", "$50.32", "$51.83", "$53.38"),
        ]),
        Block(text="ALLIANCE OF PRODUCERS", bold=True, new_page=True),
        Block(text="Re: Budget Thresholds for New Media", bold=True),
        Block(text="Dear Ms. Smith:"),
        Block(text="This letter confirms our understanding about budget thresholds. " + LOREM),
    ]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return typeset(tmp_path_factory.mktemp("pdf") / "sample.pdf", sample_blocks())


@pytest.fixture(scope="module")
def sample(sample_pdf: Path) -> Agreement:
    return read_agreement(sample_pdf, use_cache=False)


def test_outline_lists_articles_exhibit_and_sideletter(sample: Agreement) -> None:
    outline = [(u.kind, u.number) for u in sample.units]
    assert outline == [
        (UnitKind.ARTICLE, "I"),
        (UnitKind.ARTICLE, "II"),
        (UnitKind.ARTICLE, "IIA"),
        (UnitKind.EXHIBIT, "A"),
        (UnitKind.SIDELETTER, None),
    ]
    assert sample.unit("article-2").title == "HOURS OF WORK"
    assert sample.units[-1].title == "Budget Thresholds for New Media"
    assert sample.source.pages == 6


def test_toc_and_cover_are_front_matter_not_articles(sample: Agreement) -> None:
    kinds = {f.kind: f for f in sample.front_matter}
    assert FrontKind.TOC in kinds and "Hours of Work" in kinds[FrontKind.TOC].text
    assert FrontKind.COVER in kinds and "BASIC AGREEMENT OF 2024" in kinds[FrontKind.COVER].text
    for unit in sample.units:
        assert ". . ." not in unit.text


def test_running_header_and_page_numbers_are_removed(sample: Agreement) -> None:
    for unit in sample.units:
        assert HEADER not in unit.text
        assert "Page " not in unit.text
        assert unit.heading.strip()
    assert all(HEADER not in f.text for f in sample.front_matter)


def test_clause_labels_are_split_off_with_levels(sample: Agreement) -> None:
    art1 = sample.unit("article-1")
    assert [(b.label, b.level) for b in art1.blocks] == [("(a)", 2), ("(b)", 2)]
    assert art1.blocks[0].text.startswith("The Producer shall pay")
    art2 = sample.unit("article-2")
    assert [(b.label, b.level) for b in art2.blocks] == [("12.1", 2), ("12.2", 2)]
    assert art2.blocks[0].kind is BlockKind.CLAUSE


def test_wrapped_lines_join_into_one_paragraph(sample: Agreement) -> None:
    block = sample.unit("article-1").blocks[0]
    assert block.text == LOREM


def test_footnote_marker_becomes_reference_and_text_stays_out_of_body(sample: Agreement) -> None:
    block = sample.unit("article-1").blocks[1]
    assert block.footnote_refs == ("1",)
    assert block.text.endswith("of this Agreement.")
    assert [(f.label, f.text, f.page) for f in sample.footnotes] == [
        ("1", "As agreed in the 2021 negotiations.", 3)
    ]
    assert "2021 negotiations" not in sample.unit("article-1").text
    assert "2021 negotiations" not in sample.unit("article-2").text


def test_line_end_hyphens_kept_in_compounds_and_removed_inside_words(sample: Agreement) -> None:
    text = sample.unit("article-2a").blocks[0].text
    assert "forty-five minutes" in text
    assert "second meal-period," in text
    assert "all employees on the production." in text


def test_wage_table_comes_out_as_rows_of_cells(sample: Agreement) -> None:
    tables = [b for b in sample.unit("exhibit-a").blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].rows[0] == ("Classification", "8/1/2024", "8/1/2025", "8/1/2026")
    assert tables[0].rows[2] == ("Boom Operator", "$46.51", "$47.91", "$49.35")
    assert len(tables[0].rows) == 4


def test_sideletter_keeps_its_letterhead_and_salutation(sample: Agreement) -> None:
    letter = sample.units[-1]
    assert letter.page_start == 6
    texts = [b.text for b in letter.blocks]
    assert texts[0] == "ALLIANCE OF PRODUCERS"
    assert "Dear Ms. Smith:" in texts


def test_cross_reference_is_not_a_heading(tmp_path: Path) -> None:
    pdf = typeset(
        tmp_path / "xref.pdf",
        [
            Block(text="ARTICLE 1 - DEFINITIONS", bold=True),
            Block(lines=["As used in this Agreement the terms defined in", "Article 12 of this "
                         "Agreement have the meanings given there."]),
            Block(text="ARTICLE 2 - WAGES", bold=True),
            Block(text=LOREM),
        ],
    )
    agreement = read_agreement(pdf, use_cache=False)
    assert [u.number for u in agreement.units] == ["1", "2"]


def test_ids_are_stable_across_reparses(sample_pdf: Path, sample: Agreement) -> None:
    again = read_agreement(sample_pdf, use_cache=False)
    assert [u.id for u in again.units] == [u.id for u in sample.units]
    assert [b.id for b in again.units[0].blocks] == [b.id for b in sample.units[0].blocks]


def test_two_column_signatory_list_reads_column_by_column(tmp_path: Path) -> None:
    left = [f"Alpha Pictures {k} LLC" for k in range(12)]
    right = [f"Omega Studios {k} Inc." for k in range(12)]
    pdf = typeset(
        tmp_path / "sign.pdf",
        [
            Block(text="THIS AGREEMENT is made between the following producers:"),
            Block(columns=[left, right]),
            Block(text="ARTICLE 1 - TERM", bold=True, new_page=True),
            Block(text=LOREM),
        ],
    )
    agreement = read_agreement(pdf, use_cache=False)
    assert [u.kind for u in agreement.units] == [UnitKind.PREAMBLE, UnitKind.ARTICLE] or [
        u.kind for u in agreement.units
    ] == [UnitKind.ARTICLE]
    signatories = [f for f in agreement.front_matter if f.kind is FrontKind.SIGNATORIES]
    assert len(signatories) == 1
    names = signatories[0].text.split("\n")
    assert names == left + right


def test_table_of_names_comes_out_as_cells(tmp_path: Path) -> None:
    rows = [("Producer", "Principal Office")] + [
        (f"{name} Pictures, Inc.", town)
        for name, town in [("Bayside", "Santa Lucia"), ("Cormorant", "Port Alder"),
                           ("Driftwood", "Marisol"), ("Eastlake", "Santa Lucia")]
    ]  # fmt: skip
    pdf = typeset(
        tmp_path / "names.pdf",
        [Block(text="EXHIBIT B - SIGNATORY PRODUCERS", bold=True), Block(rows=rows, bold=True)],
    )
    unit = read_agreement(pdf, use_cache=False).unit("exhibit-b")
    assert [b.kind for b in unit.blocks] == [BlockKind.TABLE]
    assert unit.blocks[0].rows == tuple(rows)


def test_signatory_columns_printed_row_by_row_still_read_column_by_column(tmp_path: Path) -> None:
    left = [f"Alpha Pictures {k} LLC" for k in range(10)]
    right = [f"Omega Studios {k} Inc." for k in range(10)]
    pdf = typeset(
        tmp_path / "rows.pdf",
        [
            Block(text="THIS AGREEMENT is made between the following producers:"),
            Block(columns=[left, right], row_wise=True),
            Block(text="ARTICLE 1 - TERM", bold=True, new_page=True),
            Block(text=LOREM),
        ],
    )
    agreement = read_agreement(pdf, use_cache=False)
    signatories = [f for f in agreement.front_matter if f.kind is FrontKind.SIGNATORIES]
    assert len(signatories) == 1
    assert signatories[0].text.split("\n") == left + right


def test_progress_is_reported_per_page(sample_pdf: Path) -> None:
    seen: list[str] = []
    read_agreement(sample_pdf, progress=lambda f, m: seen.append(m), use_cache=False)
    assert "Reading page 1 of 6" in seen and "Reading page 6 of 6" in seen
