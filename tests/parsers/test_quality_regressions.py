"""Reading-quality problems seen on real agreements, reproduced on generated inputs.

No corpus text here: each test builds the layout pattern that went wrong (a memorandum without
headings, wage tables written column by column, letter continuation headers, ...) and checks the
reader's output.
"""

from __future__ import annotations

from pathlib import Path

from cbadiff.model import CompareOptions, Status
from cbadiff.pipeline import compare_files
from parsers.model import BlockKind, FrontKind, UnitKind
from parsers.pdf_lines import Line, PageLines
from parsers.pdf_noise import find_running_lines
from parsers.read import read_agreement
from tests.parsers.docx_builders import level, numbering, p, write_docx

MEMO = (
    "MEMORANDUM\n\n"
    "The District and the Union agree as follows.\n\n"
    "1. The District will seek funding for the program described here.\n\n"
    "2. The District shall provide training to unit members each year.\n\n"
    "3. This agreement expires with the collective bargaining agreement.\n"
)


def test_a_memorandum_without_headings_is_one_document_unit(tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_text(MEMO, encoding="utf-8")
    agreement = read_agreement(path, use_cache=False)
    assert [u.kind for u in agreement.units] == [UnitKind.DOCUMENT]
    unit = agreement.units[0]
    assert unit.id == "document-n1" and unit.number is None
    assert [b.label for b in unit.blocks] == [None, "1.", "2.", "3."]
    assert unit.blocks[1].kind is BlockKind.CLAUSE
    assert [f.kind for f in agreement.front_matter] == [FrontKind.COVER]  # the title line
    assert any("memo.txt: no articles" in n and "one unit" in n for n in agreement.notices)


def test_a_docx_memorandum_with_automatic_numbers_is_one_unit(tmp_path: Path) -> None:
    num = numbering({1: level(0, "decimal", "%1.")}, {5: (1, "")})
    body = p("The parties agree as follows.") + "".join(
        p(f"The District shall do thing number {i} every year.", num=(5, 0)) for i in range(3)
    )
    path = write_docx(tmp_path / "memo.docx", body, numbering_xml=num)
    agreement = read_agreement(path, use_cache=False)
    assert [u.kind for u in agreement.units] == [UnitKind.DOCUMENT]
    assert [b.label for b in agreement.units[0].blocks] == [None, "1.", "2.", "3."]


def test_two_memoranda_without_headings_compare_clause_by_clause(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(MEMO, encoding="utf-8")
    new.write_text(MEMO.replace("each year", "each semester"), encoding="utf-8")
    comparison = compare_files(old, new, CompareOptions())
    assert [(p.old, p.new, p.status) for p in comparison.pairs] == [
        (("document-n1",), ("document-n1",), Status.MODIFIED)
    ]


def test_a_document_with_headings_has_no_document_unit(tmp_path: Path) -> None:
    path = tmp_path / "cba.txt"
    path.write_text("ARTICLE 1 - RECOGNITION\n\nThe City recognises the Union.\n", "utf-8")
    agreement = read_agreement(path, use_cache=False)
    assert [u.kind for u in agreement.units] == [UnitKind.ARTICLE]
    assert not any("one unit" in n for n in agreement.notices)


LETTERS = (
    "ARTICLE 1 - RECOGNITION\n\nThe State recognises the Union.\n\f"
    "LETTER OF AGREEMENT - ARTICLE 11, SALARY REPORT\n\n"
    "The Employer will provide a salary report to the Union each year.\n\n"
    "This Letter of Agreement will sunset on June 30, 2027.\n\f"
    "LETTER OF AGREEMENT ARTICLE 12, MEMBER ADVISORY COMMITTEE\n\n"
    "The Employer and Union will create an advisory committee.\n\f"
    "LETTER OF AGREEMENT This text is a sentence, not a heading\n"
)


def test_a_letter_heading_without_a_dash_starts_a_letter(tmp_path: Path) -> None:
    """A "LETTER OF AGREEMENT ARTICLE 12, ..." line (no dash before the capitalised title) is a heading;
    it used to be swallowed by the letter before it, which compare then reported as merged."""
    path = tmp_path / "cba.txt"
    path.write_text(LETTERS, encoding="utf-8")
    units = read_agreement(path, use_cache=False).units
    assert [(u.kind, u.title) for u in units] == [
        (UnitKind.ARTICLE, "RECOGNITION"),
        (UnitKind.LETTER, "ARTICLE 11, SALARY REPORT"),
        (UnitKind.LETTER, "ARTICLE 12, MEMBER ADVISORY COMMITTEE"),
    ]
    assert "sentence, not a heading" in units[-1].text  # a mixed-case line is no title


def _line(text: str, y: float, page: int, x0: float = 72.0) -> Line:
    return Line(text, page, x0, x0 + 6 * len(text), y, 12.0, False)


def test_a_letters_page_label_under_its_continuation_header_is_dropped() -> None:
    """Page 2 of a letter opens with the addressee, the date and "Page 2": the page label is
    furniture even though it is not the topmost line and occurs on one page only."""
    first = PageLines(1, 612, 792, tuple(
        _line(t, 700 - 14 * k, 1) for k, t in enumerate(
            ["Dear Ms. Smith:", "This confirms our understanding about hours.", "It continues."])
    ), 100)  # fmt: skip
    second = PageLines(2, 612, 792, tuple(
        _line(t, 720 - 14 * k, 2) for k, t in enumerate(
            ["Ms. Jane Smith", "As of August 1, 2018", "Page 2",
             "the rest of the letter text follows here.", "Page 7 of the schedule applies."])
    ), 100)  # fmt: skip
    drop, _ = find_running_lines([first, second])
    # the continuation header above the page label goes with it; the text below stays
    assert {second.lines[i].text for p, i in drop if p == 2} == {
        "Ms. Jane Smith",
        "As of August 1, 2018",
        "Page 2",
    }


def test_a_memorandum_line_naming_the_parties_is_no_titled_heading() -> None:
    from parsers.structure import match_heading

    for line in (
        "MEMORANDUM OF AGREEMENT OF AUGUST 1, 2024 BETWEEN THE GUILD AND THE STUDIOS",
        "MEMORANDUM OF UNDERSTANDING BETWEEN THE DISTRICT AND THE UNION",
        "LETTER OF AGREEMENT BY AND BETWEEN THE PARTIES",
    ):
        assert match_heading(line) is None, line
    assert match_heading("LETTER OF UNDERSTANDING SICK LEAVE BANK") == (
        UnitKind.LETTER, None, "SICK LEAVE BANK"
    )


def _column_major_wage_pdf(path: Path) -> tuple[list[tuple[str, str, str]], Path]:
    from reportlab.pdfgen import canvas

    rows = [(f"18{k:02d} Job Title {k}", f"{1000 + 37 * k:,}.60", f"{25 + k}.{k}9") for k in range(7)]
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 720, "ARTICLE 1 - WAGES")
    c.setFont("Helvetica", 11)
    c.drawString(72, 690, "The minimum rates for the classifications below are as follows.")
    c.drawString(72, 660, "Classification")
    c.drawString(300, 660, "Weekly")
    c.drawString(400, 660, "Hourly")
    for col, x in enumerate((72, 300, 400)):  # the producer writes the table column by column
        for k, row in enumerate(rows):
            c.drawString(x, 640 - 14 * k, row[col])
    c.drawString(72, 520, "Rates are adjusted each year as provided in Section 4 of this Article.")
    c.showPage()
    c.save()
    return rows, path


def test_a_wage_table_written_column_by_column_comes_out_as_rows(tmp_path: Path) -> None:
    rows, pdf = _column_major_wage_pdf(tmp_path / "wages.pdf")
    unit = read_agreement(pdf, use_cache=False).unit("article-1")
    tables = [b for b in unit.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].rows[-len(rows) :] == tuple(rows)
    assert tables[0].rows[0] == ("Classification", "Weekly", "Hourly")
    texts = [b.text for b in unit.blocks if b.kind is not BlockKind.TABLE]
    assert texts[0].startswith("The minimum rates") and texts[-1].startswith("Rates are adjusted")
    assert not any(t.replace(",", "").replace(".", "").isdigit() for t in texts)


def test_lines_in_reading_order_are_not_regrouped() -> None:
    from parsers.pdf_tables import rows_from_columns

    lines = [_line(t, 700 - 14 * k, 1) for k, t in enumerate(["12.50", "13.75", "Rates", "14.00"])]
    assert rows_from_columns(lines) == lines


def test_scanned_pages_notice_counts_them_first_and_keeps_letters_as_units(
    tmp_path: Path,
) -> None:
    """Several image-only pages among text pages: the notice gives the count, the pages and
    the fix, and a sideletter on a readable page after them is still a unit."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    from tests.parsers.test_pdf import LOREM, Block, typeset
    from tests.parsers.test_pdf_bad_input import _scan_page

    text_pdf = typeset(
        tmp_path / "text.pdf",
        [
            Block(text="ARTICLE 1 - RECOGNITION", bold=True),
            Block(text=LOREM),
            Block(text="SIDELETTER NO. 1 - NIGHT WORK", bold=True, new_page=True),
            Block(text=LOREM),
        ],
    )
    scan_pdf = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan_pdf), pagesize=(612, 792))
    for _ in range(3):
        _scan_page(c, tmp_path)
    c.save()
    text, scans = pdfium.PdfDocument(str(text_pdf)), pdfium.PdfDocument(str(scan_pdf))
    merged = pdfium.PdfDocument.new()
    merged.import_pages(text, [0])
    merged.import_pages(scans)  # pages 2-4 are pictures
    merged.import_pages(text, list(range(1, len(text))))
    out = tmp_path / "mixed.pdf"
    merged.save(str(out))
    agreement = read_agreement(out, use_cache=False)
    assert [u.kind for u in agreement.units] == [UnitKind.ARTICLE, UnitKind.SIDELETTER]
    (notice,) = agreement.notices
    total = len(text) + 3
    assert notice.startswith(f"mixed.pdf: 3 of {total} pages have no text layer")
    assert "pages 2, 3, 4)" in notice and "ocrmypdf" in notice


def _pdf_with_zero_width_spaces(path: Path, lines: list[tuple[int, bytes]]) -> Path:
    """A one-page PDF whose font maps byte 0x7F to U+200B (as Word's PDF export can) and 0x7E
    to U+F02A (a symbol font's "*" in the private use area); reportlab cannot write such a
    text layer."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Z def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        b"1 beginbfrange <20> <7D> <0020> endbfrange "
        b"2 beginbfchar <7E> <F02A> <7F> <200B> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = b"BT /F1 11 Tf " + b" ".join(b"1 0 0 1 72 %d Tm (%s) Tj" % yt for yt in lines)
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(out)
    return path


def test_zero_width_spaces_are_whitespace_in_every_format(tmp_path: Path) -> None:
    plain = "The normal workday is eight hours and the meal period is one hour."
    zw = "The\u200bnormal workday is\u200beight hours and\u200b the meal period is one hour."
    pdf = _pdf_with_zero_width_spaces(
        tmp_path / "zw.pdf", [(700, b"ARTICLE 1 - HOURS"), (680, zw.encode("utf-8").replace(
            "\u200b".encode(), b"\x7f"))]
    )  # fmt: skip
    docx = write_docx(tmp_path / "zw.docx", p("ARTICLE 1 - HOURS") + p(zw))
    txt = tmp_path / "zw.txt"
    txt.write_text(f"ARTICLE 1 - HOURS\n\n{zw}\n", encoding="utf-8")
    for path in (pdf, docx, txt):
        unit = read_agreement(path, use_cache=False).unit("article-1")
        assert [b.text for b in unit.blocks] == [plain], path.name


def test_articles_listed_under_a_colon_are_references_not_headings(tmp_path: Path) -> None:
    path = tmp_path / "ta.txt"
    path.write_text(
        "ARTICLE 1 - AGREEMENT\n\nThe parties agree to the changes below.\n\n"
        "The below referenced articles shall remain current contract language:\n\n"
        "Article 3\n\nArticle 9\n\n"
        "For the Association: For the District\n\f"
        "ARTICLE 6\nASSOCIATION RIGHTS\n\nThe Association may use school mailboxes.\n",
        encoding="utf-8",
    )
    units = read_agreement(path, use_cache=False).units
    assert [(u.number, u.title) for u in units] == [("1", "AGREEMENT"), ("6", "ASSOCIATION RIGHTS")]
    assert "Article 3\nArticle 9" in units[0].text


def test_a_raised_footnote_number_is_a_reference_not_a_paragraph(tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "notes.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 720, "ARTICLE 1 - RESIDUALS")
    c.setFont("Helvetica", 12)
    first = "If the Program is released in theaters,"
    c.drawString(72, 690, first)
    x = 72 + stringWidth(first, "Helvetica", 12)
    c.setFont("Helvetica", 7)
    c.drawString(x + 0.5, 695, "14")  # raised, smaller, right after the word
    c.setFont("Helvetica", 12)
    c.drawString(x + 8, 690, "the Producer shall pay the Plan.")
    c.setFont("Helvetica", 7)
    c.drawString(72, 100, "14")
    c.setFont("Helvetica", 9)
    c.drawString(80, 96, "Theatrical release includes festival screenings with an admission fee.")
    c.showPage()
    c.save()
    agreement = read_agreement(pdf, use_cache=False)
    (block,) = agreement.unit("article-1").blocks
    assert block.text == "If the Program is released in theaters, the Producer shall pay the Plan."
    assert block.footnote_refs == ("14",)
    assert [f.label for f in agreement.footnotes] == ["14"]


def test_a_raised_footnote_number_on_a_line_of_its_own_joins_the_line_it_follows() -> None:
    """pdfium sometimes gives the raised marker its own line between the two halves of one
    printed line ("Program," / "14" / "Producer shall ..."); it came out as a paragraph "14"."""
    from parsers.pdf_lines import _append_line

    pieces = [
        Line("If such Program is released in theaters,", 1, 72.0, 295.7, 365.9, 12.0, False),
        Line("14", 1, 296.3, 303.1, 370.7, 7.0, False),
        Line("Producer shall make a payment.", 1, 306.5, 525.4, 365.9, 12.0, False),
    ]
    lines: list[Line] = []
    for piece in pieces:
        _append_line(lines, piece)
    assert [(ln.text, ln.footnote_refs) for ln in lines] == [
        ("If such Program is released in theaters, Producer shall make a payment.", ("14",))
    ]
    # a small number on the next line down, or far to the right, is text
    for other in (
        Line("14", 1, 296.3, 303.1, 352.0, 7.0, False),
        Line("14", 1, 420.0, 427.0, 370.7, 7.0, False),
    ):
        lines = []
        _append_line(lines, pieces[0])
        _append_line(lines, other)
        assert len(lines) == 2


def test_symbol_font_glyphs_in_the_private_use_area_read_as_their_characters(
    tmp_path: Path,
) -> None:
    pdf = _pdf_with_zero_width_spaces(
        tmp_path / "pua.pdf",
        [(700, b"ARTICLE 1 - HOURS"), (680, b"~ Weekly rates apply to on call employees.")],
    )
    (block,) = read_agreement(pdf, use_cache=False).unit("article-1").blocks
    assert block.text == "* Weekly rates apply to on call employees."


def test_text_struck_through_in_a_redline_is_left_out_with_a_notice(tmp_path: Path) -> None:
    """A tentative agreement printed as a redline: struck words are the deletions. Underlines
    (the insertions) and a table rule running past the text are not strikes."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    def width(text: str) -> float:
        return stringWidth(text, "Helvetica", 12)

    pdf = tmp_path / "redline.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 720, "ARTICLE 1 - TERM")
    c.setFont("Helvetica", 12)
    before, old, new, after = "The term runs from July 1, ", "2017", "2019", " through June 30, 2021."
    x = 72.0
    for part in (before, old, " ", new, after):
        c.drawString(x, 690, part)
        if part == old:  # struck through at mid-height
            c.setLineWidth(0.75)
            c.line(x, 690 + 4, x + width(part), 690 + 4)
        if part == new:  # underlined below the baseline
            c.line(x, 688, x + width(part), 688)
        x += width(part)
    c.drawString(72, 660, "Rates apply from the first full pay period.")
    c.line(60, 660 + 4.2, 560, 660 + 4.2)  # a rule far wider than the text: not a strike
    c.showPage()
    c.save()
    agreement = read_agreement(pdf, use_cache=False)
    texts = [b.text for b in agreement.unit("article-1").blocks]
    assert texts[0] == "The term runs from July 1, 2019 through June 30, 2021."
    assert texts[1] == "Rates apply from the first full pay period."
    (notice,) = agreement.notices
    assert notice.startswith("redline.pdf: text printed struck through on page 1 was left out")


def test_docx_runs_formatted_as_struck_through_are_left_out_like_in_pdf(tmp_path: Path) -> None:
    """A redline typed by hand in Word (strike-through formatting, not tracked changes) reads
    as its result, as its PDF does."""
    from tests.parsers.docx_builders import r

    struck = r("2017", extra="").replace("<w:r>", "<w:r><w:rPr><w:strike/></w:rPr>", 1)
    double = r("old ", extra="").replace("<w:r>", '<w:r><w:rPr><w:dstrike w:val="1"/></w:rPr>', 1)
    off = r("kept ", extra="").replace("<w:r>", '<w:r><w:rPr><w:strike w:val="0"/></w:rPr>', 1)
    body = p("ARTICLE 1 - TERM") + p(
        runs=r("The term runs from July 1, ") + struck + r(" 2019 through June 30, 2021 ")
        + double + off + r("as agreed.")
    )  # fmt: skip
    path = write_docx(tmp_path / "redline.docx", body)
    agreement = read_agreement(path, use_cache=False)
    (block,) = agreement.unit("article-1").blocks
    assert block.text == "The term runs from July 1, 2019 through June 30, 2021 kept as agreed."
    assert any("struck through was left out" in n for n in agreement.notices)
