"""The text reader: pages, running footers, paragraphs without blank lines, TOC, headings."""

from __future__ import annotations

from pathlib import Path

from parsers.model import Agreement, BlockKind, FrontKind
from parsers.read import read_agreement
from parsers.txt import Line, line_label, page_lines, split_paragraphs

BODY_WIDTH = "x" * 80


def write(tmp_path: Path, text: str, name: str = "a.txt") -> Agreement:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_agreement(path)


def footer(n: int) -> str:
    return (
        f"\n\n2024-2027 Example Agreement          {n}          Collective Bargaining Agreement\n"
    )


LAYOUT = (
    "              AGREEMENT\n"
    "                between\n"
    "         THE EMPLOYER and THE UNION\n"
    "\f                  TABLE OF CONTENTS\n"
    "ARTICLE:                                         Page:\n"
    "ARTICLE 1 - RECOGNITION ..................................... 3\n"
    "ARTICLE 2 - RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS/\n"
    "              UNDERPAYMENTS ................................. 3\n"
    "ARTICLE 3 - HOURS ........................................... 4\n" + footer(2) + "\f"
    "### ARTICLE 1 - RECOGNITION\n"
    "\n"
    "The Employer recognizes the Union as the exclusive representative of all employees\n"
    "in the unit described in the certification issued by the board.\n"
    "                                                                     Rev: 2017\n"
    "\n"
    "### ARTICLE 2 - RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS/\n"
    "                              UNDERPAYMENTS\n"
    "\n"
    "Section 1. Overpayments.\n"
    "a.    In the event that an employee receives wages to which the employee is not\n"
    "      entitled, the Agency shall notify the employee in writing.\n"
    "b.    The employee may repay the overpayment in installments over a period not to\n"
    "      exceed the period of the overpayment.\n"
    "Section 2.\n"
    "Underpayments shall be corrected on the next regular payday after the Agency learns\n"
    "of the underpayment, unless the employee agrees otherwise in writing with the Agency\n"
    "and the Union, or unless a different arrangement has been agreed by both of the"
    + footer(3)
    + "\f"
    "parties.\n"
    "\n"
    "ARTICLE 3 - HOURS\n"
    "The normal workweek shall be forty (40) hours. The normal workday shall be eight (8)\n"
    "hours. Employees shall be given a meal period.\n"
    "Overtime shall be paid at time and one-half.\n" + footer(4)
)


def test_layout_text_gives_an_article_outline(tmp_path: Path) -> None:
    a = write(tmp_path, LAYOUT)
    assert [(u.id, u.number, u.title, u.page_start) for u in a.units] == [
        ("article-1", "1", "RECOGNITION", 3),
        ("article-2", "2", "RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS/ UNDERPAYMENTS", 3),
        ("article-3", "3", "HOURS", 4),
    ]
    assert a.source.pages == 4
    kinds = [f.kind for f in a.front_matter]
    assert FrontKind.TOC in kinds and FrontKind.COVER in kinds
    toc = next(f for f in a.front_matter if f.kind is FrontKind.TOC)
    assert "UNDERPAYMENTS" in toc.text and toc.page_start == 2


def test_paragraphs_split_without_blank_lines(tmp_path: Path) -> None:
    a = write(tmp_path, LAYOUT)
    art2 = a.units[1]
    assert [(b.label, b.text) for b in art2.blocks] == [
        ("Section 1.", "Overpayments."),
        (
            "a.",
            "In the event that an employee receives wages to which the employee is not "
            "entitled, the Agency shall notify the employee in writing.",
        ),
        (
            "b.",
            "The employee may repay the overpayment in installments over a period not to "
            "exceed the period of the overpayment.",
        ),
        (
            "Section 2.",
            "Underpayments shall be corrected on the next regular payday after the Agency "
            "learns of the underpayment, unless the employee agrees otherwise in writing "
            "with the Agency and the Union, or unless a different arrangement has been agreed "
            "by both of the parties.",
        ),
    ]
    assert all(b.kind is BlockKind.CLAUSE for b in art2.blocks)
    # a paragraph broken across a form feed is one paragraph, on the page where it starts
    assert art2.blocks[-1].page == 3


def test_running_footers_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    a = write(tmp_path, LAYOUT)
    everything = "\n".join(u.text for u in a.units) + "\n".join(f.text for f in a.front_matter)
    assert "Collective Bargaining Agreement" not in everything
    art1 = a.units[0]
    assert [b.text for b in art1.blocks] == [
        "The Employer recognizes the Union as the exclusive representative of all employees "
        "in the unit described in the certification issued by the board.",
        "Rev: 2017",
    ]


def test_short_sentence_end_closes_a_paragraph(tmp_path: Path) -> None:
    a = write(tmp_path, LAYOUT)
    art3 = a.units[2]
    assert [b.text for b in art3.blocks] == [
        "The normal workweek shall be forty (40) hours. The normal workday shall be eight (8) "
        "hours. Employees shall be given a meal period.",
        "Overtime shall be paid at time and one-half.",
    ]


def test_blank_lines_and_form_feeds_plain_case(tmp_path: Path) -> None:
    text = (
        "ARTICLE 1 - A\n\nThe first paragraph of this article is long enough that it wraps\n"
        "here.\n\nTwo.\n\fARTICLE 2 - B\n\nThree.\n\f"
    )
    a = write(tmp_path, text)
    assert [(u.id, u.page_start) for u in a.units] == [("article-1", 1), ("article-2", 2)]
    assert [b.text for b in a.units[0].blocks] == [
        "The first paragraph of this article is long enough that it wraps here.",
        "Two.",
    ]
    assert a.source.pages == 2  # a final form feed does not make an empty third page


def test_crlf_line_ends_and_hyphen_repair(tmp_path: Path) -> None:
    text = "ARTICLE 9 - LEAVE\r\n\r\nEmployees accrue vaca-\r\ntion leave monthly.\r\n"
    a = write(tmp_path, text)
    assert a.units[0].blocks[0].text == "Employees accrue vacation leave monthly."


def test_columnar_lines_stay_rows() -> None:
    lines = [
        Line("Step     Rate     Hours", 4, 1),
        Line("1        20.00    40", 4, 1),
        Line("2        21.00    40", 4, 1),
    ]
    assert [t for t, _ in split_paragraphs(lines)] == [
        "Step Rate Hours",
        "1 20.00 40",
        "2 21.00 40",
    ]


def test_page_lines_drop_bare_page_numbers() -> None:
    pages = ["Text on one.\n\n- 1 -\n", "Text on two.\n\nPage 2 of 3\n", "Three.\n3\n"]
    assert [ln.text for ln in page_lines(pages)] == ["Text on one.", "Text on two.", "Three."]


def test_line_label() -> None:
    assert line_label("Section 4. Stewards.") == ("Section 4.", "Stewards.")
    assert line_label("12.3 Overtime") == ("12.3", "Overtime")
    assert line_label("(a) first") == ("(a)", "first")
    assert line_label("b) second") == ("b)", "second")
    assert line_label("a.") == ("a.", "")
    assert line_label("thirty (30) days") == (None, "thirty (30) days")


def test_corpus_oregon_text_files_give_an_article_outline(corpus: Path) -> None:
    folder = corpus / "oregon-state-afscme-doc-dentists"
    files = sorted(folder.glob("*.txt"))
    assert files
    for path in files:
        a = read_agreement(path)
        articles = [u for u in a.units if u.kind.value == "article"]
        numbers = [int(u.number or 0) for u in articles]
        assert len(articles) >= 40
        assert numbers[:40] == list(range(1, 41))  # in order, none lost to a TOC or a footer
        assert all(u.title for u in articles)
        assert any(f.kind is FrontKind.TOC for f in a.front_matter)
        assert all(u.page_start is not None and u.page_start > 2 for u in articles)
        assert all(u.chars > 50 for u in articles)


def test_margin_line_numbers_are_removed() -> None:
    page = [f"{n:>2}   Line {n} of the pleading paper text." for n in range(1, 21)]
    page[9] = "10"  # a numbered blank line
    page[4] = " 5                 ARTICLE 2: DEFINITIONS"
    lines = [ln for ln in page_lines(["\n".join(page)]) if ln.text]
    assert lines[0].text == "Line 1 of the pleading paper text."
    assert "ARTICLE 2: DEFINITIONS" in [ln.text for ln in lines]
    assert all(not ln.text[:1].isdigit() for ln in lines)
    numbered_list = "\n".join(f"{n}. Item {n}" for n in range(1, 21))
    assert page_lines([numbered_list])[0].text == "1. Item 1"  # a numbered list is kept


def test_wrapped_cross_reference_is_not_a_heading(tmp_path: Path) -> None:
    text = (
        "ARTICLE 12 - SALARIES\n\n"
        "Summer positions shall be posted and filled under the procedure that is set out in\n"
        "Article 14.\n\n"
        "Rates are adjusted each year by the percentage increase agreed by the parties in\n"
        "Article 3. The district will support a cohort of educators in the first year of the\n"
        "program.\n\n"
        "ARTICLE 14 - JOB VACANCIES\n\nVacancies are posted.\n"
    )
    a = write(tmp_path, text)
    assert [u.id for u in a.units] == ["article-12", "article-14"]
    assert a.units[0].blocks[0].text.endswith("set out in Article 14.")
    assert len(a.units[0].blocks) == 2


def test_heading_at_the_top_of_a_page_after_unfinished_text(tmp_path: Path) -> None:
    filler = "Each employee will receive an annual wage increase of two percent in May 2021"
    text = f"ARTICLE 1 - PAY\n\n{filler}\n\f" + "APPENDIX B - Welcome Letter\n\nDear Fellow,\n"
    a = write(tmp_path, text)
    assert [(u.id, u.page_start) for u in a.units] == [("article-1", 1), ("appendix-b", 2)]
