"""Structure detection on paragraph streams, the same for every format."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from parsers.model import Agreement, BlockKind, DocKind, FrontKind, SourceInfo, UnitKind
from parsers.stream import FootnoteText, Item, Para, Style, Table
from parsers.structure import build_agreement, match_bare_heading, match_heading, split_clause_label

BOLD = Style(bold=True)
SOURCE = SourceInfo("x.pdf", DocKind.PDF, "0" * 64, 10)


def build(items: Sequence[Item]) -> Agreement:
    return build_agreement(items, SOURCE)


def outline(agreement: Agreement) -> list[tuple[str, str | None, str | None]]:
    return [(u.kind.value, u.number, u.title) for u in agreement.units]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ARTICLE I", (UnitKind.ARTICLE, "I", None)),
        ("Article 12 - Hours of Work", (UnitKind.ARTICLE, "12", "Hours of Work")),
        ("ARTICLE 12 – HOURS OF WORK", (UnitKind.ARTICLE, "12", "HOURS OF WORK")),
        ("ARTICLE ONE: RECOGNITION", (UnitKind.ARTICLE, "ONE", "RECOGNITION")),
        ("Art. 4. Seniority", (UnitKind.ARTICLE, "4", "Seniority")),
        ("ARTICLE XIIIA", (UnitKind.ARTICLE, "XIIIA", None)),
        ('EXHIBIT "A" - Payroll Companies', (UnitKind.EXHIBIT, "A", "Payroll Companies")),
        ("APPENDIX A-1: Salary Schedule", (UnitKind.APPENDIX, "A-1", "Salary Schedule")),
        ("Schedule B", (UnitKind.SCHEDULE, "B", None)),
        ("SIDELETTER NO. 3 - NEW MEDIA", (UnitKind.SIDELETTER, "3", "NEW MEDIA")),
        ("Sideletter No. 13- Salary Deferrals", (UnitKind.SIDELETTER, "13", "Salary Deferrals")),
        ("MEMORANDUM OF AGREEMENT", (UnitKind.MEMORANDUM, None, None)),
        ("LETTER OF UNDERSTANDING NO. 2", (UnitKind.LETTER, "2", None)),
    ],
)
def test_heading_patterns(line: str, expected: tuple[UnitKind, str | None, str | None]) -> None:
    assert match_heading(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Article XII of this Agreement shall apply to all employees.",
        "Article 12 of this Agreement",
        "Exhibit A of each of the Plans, as amended",
        "Article 27.2.1 that may require flexibility",
        "Sideletter re: Productions Made for New Media;",
        "Schedule A of the Agreement",
    ],
)
def test_cross_references_are_not_headings(line: str) -> None:
    assert match_heading(line) is None


def test_lower_case_title_is_a_heading_only_when_set_off() -> None:
    assert match_heading("Article 26 - contract waivers") is None
    assert match_heading("Article 26 - contract waivers", set_off=True) == (
        UnitKind.ARTICLE, "26", "contract waivers",
    )


def test_bare_number_headings_need_emphasis_and_a_title() -> None:
    assert match_bare_heading(Para("XII. Health Plan", 1, BOLD)) == ("XII", "Health Plan")
    assert match_bare_heading(Para("XII. Health Plan", 1)) is None  # plain text: a clause
    assert match_bare_heading(Para("XII. HEALTH PLAN", 1)) == ("XII", "HEALTH PLAN")  # capitals
    assert match_bare_heading(Para("I. The Payroll Company is a payroll service.", 1, BOLD)) is None


def test_bare_headings_follow_their_sequence() -> None:
    items: list[Item] = [
        Para("I. Term of Agreement", 1, BOLD),
        Para("This Agreement runs three years.", 1),
        Para("II. Union Security", 1, BOLD),
        Para("Text.", 1),
        Para("XIIIA. Out of Sequence", 2, BOLD),  # jumps from II: not an article
        Para("IIA. Dues Checkoff", 2, BOLD),
        Para("Text.", 2),
        Para("III. Scope", 3, BOLD),
        Para("I. Nested Numbering", 3, BOLD),  # goes backwards: part of Article III
    ]
    got = outline(build(items))
    assert [(k, n) for k, n, _ in got] == [
        ("article", "I"), ("article", "II"), ("article", "IIA"), ("article", "III"),
    ]


def test_bare_headings_are_off_when_the_agreement_says_article() -> None:
    items: list[Item] = [
        Para("ARTICLE 1 - RECOGNITION", 1, BOLD),
        Para("1. Definitions", 1, BOLD),
        Para("Text.", 1),
        Para("ARTICLE 2 - WAGES", 2, BOLD),
        Para("2. Rates", 2, BOLD),
    ]
    assert [n for _, n, _ in outline(build(items))] == ["1", "2"]


def test_number_line_then_title_line() -> None:
    items: list[Item] = [
        Para("ARTICLE 7", 1, BOLD),
        Para("GRIEVANCE PROCEDURE", 1, BOLD),
        Para("7.1 A grievance is a dispute.", 1),
    ]
    agreement = build(items)
    assert outline(agreement) == [("article", "7", "GRIEVANCE PROCEDURE")]
    assert agreement.units[0].heading == "ARTICLE 7\nGRIEVANCE PROCEDURE"
    assert agreement.units[0].blocks[0].label == "7.1"


def test_toc_is_kept_apart_and_ends_with_its_last_leader_line() -> None:
    items: list[Item] = [
        Para("AGREEMENT", 1, BOLD),
        Para("TABLE OF CONTENTS", 2, BOLD),
        Para("ARTICLE 1 - RECOGNITION . . . . . . . . 3", 2),
        Para("ARTICLE 2 - WAGES AND", 2),
        Para("HOURS . . . . . . . . 4", 2),
        Para("ARTICLE 1 - RECOGNITION", 2, BOLD),  # the agreement starts on the TOC's page
        Para("The Employer recognizes the Union.", 2),
        Para("ARTICLE 2 - WAGES AND HOURS", 3, BOLD),
    ]
    agreement = build(items)
    assert [n for _, n, _ in outline(agreement)] == ["1", "2"]
    toc = [f for f in agreement.front_matter if f.kind is FrontKind.TOC]
    assert len(toc) == 1 and "WAGES AND\nHOURS" in toc[0].text
    assert agreement.units[0].blocks[0].text == "The Employer recognizes the Union."


def test_letters_become_sideletters_with_their_letterhead() -> None:
    items: list[Item] = [
        Para("ARTICLE 1 - TERM", 1, BOLD),
        Para("The term is three years.", 1),
        Para("ALLIANCE OF PRODUCERS", 2, BOLD),
        Para("As of August 1, 2024", 2),
        Para("Re: Meal Penalties", 2, BOLD),
        Para("Dear Ms. Smith:", 2),
        Para("This confirms our understanding.", 2),
        Para("Page two of the letter.", 3),
        Para("ALLIANCE OF PRODUCERS", 4, BOLD),
        Para("Dear Ms. Smith:", 4),  # a letter with no "Re:" line
        Para("This confirms another understanding.", 4),
    ]
    agreement = build(items)
    assert outline(agreement) == [
        ("article", "1", "TERM"),
        ("sideletter", None, "Meal Penalties"),
        ("sideletter", None, None),
    ]
    first = agreement.units[1]
    assert first.page_start == 2 and first.blocks[0].text == "ALLIANCE OF PRODUCERS"
    assert agreement.units[0].blocks[-1].text == "The term is three years."
    assert [u.id for u in agreement.units[1:]] == ["sideletter-n1", "sideletter-n2"]


def test_letter_under_its_own_heading_stays_one_unit() -> None:
    items: list[Item] = [
        Para("SIDELETTER NO. 1 - NEW MEDIA", 5, BOLD),
        Para("Re: Budget Thresholds", 5),
        Para("Ladies and Gentlemen:", 5),
        Para("This confirms our understanding.", 5),
    ]
    assert outline(build(items)) == [("sideletter", "1", "NEW MEDIA")]


def test_signatory_list_and_witness_block_are_front_matter() -> None:
    names = [Para(f"Studio Number {k} LLC", 1) for k in range(10)]
    items: list[Item] = [
        Para("THIS AGREEMENT is made between the following producers:", 1),
        *names,
        Para("WHEREAS the parties wish to agree;", 1),
        Para("ARTICLE 1 - TERM", 2, BOLD),
        Para("The term is three years.", 2),
        Para("IN WITNESS WHEREOF, the parties have signed this Agreement.", 3),
        Para("For the Union: Jane Roe", 3),
    ]
    agreement = build(items)
    kinds = [f.kind for f in agreement.front_matter]
    assert kinds.count(FrontKind.SIGNATORIES) == 2
    listed = next(f for f in agreement.front_matter if f.kind is FrontKind.SIGNATORIES)
    assert listed.text.split("\n") == [p.text for p in names]
    assert [u.kind for u in agreement.units] == [UnitKind.ARTICLE] or [
        u.kind for u in agreement.units
    ] == [UnitKind.PREAMBLE, UnitKind.ARTICLE]
    assert "IN WITNESS" not in agreement.units[-1].text


def test_preamble_after_cover_is_a_unit() -> None:
    items: list[Item] = [
        Para("AGREEMENT", 1, BOLD),
        Para("WHEREAS the parties wish to agree on wages;", 2),
        Para("ARTICLE 1 - TERM", 3, BOLD),
    ]
    agreement = build(items)
    assert [u.kind for u in agreement.units] == [UnitKind.PREAMBLE, UnitKind.ARTICLE]
    assert agreement.units[0].id == "preamble-n1"
    assert agreement.front_matter[0].kind is FrontKind.COVER


def test_repeated_heading_is_not_a_second_unit() -> None:
    items: list[Item] = [
        Para('EXHIBIT "Z"', 9),
        Para("EXHIBIT “Z”", 9),
        Para("STUDIO ZONE MAP", 9, BOLD),
        Para("The zone is a circle.", 9),
    ]
    assert outline(build(items)) == [("exhibit", "Z", "STUDIO ZONE MAP")]


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("12.3 The rate is $10.", "12.3", "The rate is $10."),
        ("Section 4. Overtime applies.", "Section 4.", "Overtime applies."),
        ("(a) The first item", "(a)", "The first item"),
        ("(1) The first item", "(1)", "The first item"),
        ("(iv) The fourth item", "(iv)", "The fourth item"),
        ("A. The first item", "A.", "The first item"),
        ("b. Vacation pay", "b.", "Vacation pay"),
        ("The rate is 12.3 percent.", None, "The rate is 12.3 percent."),
    ],
)
def test_clause_labels(text: str, label: str | None, rest: str) -> None:
    assert split_clause_label(text) == (label, rest)


def test_clause_levels_tell_roman_from_letters() -> None:
    items: list[Item] = [
        Para("ARTICLE 1 - TERM", 1, BOLD),
        Para("(h) Eighth item.", 1),
        Para("(i) Ninth item, a letter after (h).", 1),
        Para("(1) A number.", 1),
        Para("(i) A roman numeral under (1).", 1),
        Para("(ii) The next numeral.", 1),
        Para("12.3.1 Deep.", 1),
    ]
    levels = [(b.label, b.level) for b in build(items).units[0].blocks]
    assert levels == [("(h)", 2), ("(i)", 2), ("(1)", 3), ("(i)", 4), ("(ii)", 4), ("12.3.1", 3)]


def test_tables_and_footnotes_pass_through() -> None:
    items: list[Item] = [
        Para("ARTICLE 1 - WAGES", 1, BOLD),
        Para("Rates are as follows:", 1, footnote_refs=("1",)),
        Table((("Class", "Rate"), ("Grip", "$50.32")), 1),
        FootnoteText("1", "Effective on ratification.", 1),
    ]
    agreement = build(items)
    blocks = agreement.units[0].blocks
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE]
    assert blocks[0].footnote_refs == ("1",)
    assert blocks[1].rows == (("Class", "Rate"), ("Grip", "$50.32"))
    assert blocks[1].text == "Class | Rate\nGrip | $50.32"
    assert [(f.label, f.text) for f in agreement.footnotes] == [("1", "Effective on ratification.")]


def test_ids_come_from_kind_and_number() -> None:
    items: list[Item] = [
        Para("ARTICLE XIIIA - PENSION", 1, BOLD),
        Para("ARTICLE Twelve - HOURS", 1, BOLD),
        Para("EXHIBIT C - MAP", 1, BOLD),
    ]
    assert [u.id for u in build(items).units] == ["article-13a", "article-12", "exhibit-c"]


def test_lettered_article_clause_numbers() -> None:
    assert split_clause_label("5A.1 Employees shall accrue sick leave.") == (
        "5A.1", "Employees shall accrue sick leave.",
    )


def test_plain_numbered_sections_of_an_unstyled_memorandum() -> None:
    items: list[Item] = [
        Para("MEMORANDUM OF AGREEMENT OF AUGUST 1, 2024", 1),
        Para("The parties agree to amend the agreement as follows:", 1),
        Para("1. Term", 1),
        Para("The term shall be three years.", 1),
        Para("2. Wages", 2),
        Para("2. Wages shall increase by three percent on each anniversary.", 2),
        Para("3. Meal Periods and Meal Allowance", 3),
        Para("The meal allowance shall be $50.00.", 3),
    ]
    got = [(k, n, t) for k, n, t in outline(build(items)) if k == "article"]
    assert got == [
        ("article", "1", "Term"), ("article", "2", "Wages"),
        ("article", "3", "Meal Periods and Meal Allowance"),
    ]


def test_plain_numbered_lines_are_clauses_when_headings_are_set_off() -> None:
    items: list[Item] = [
        Para("I. Term of Agreement", 1, BOLD),
        Para("1. Definitions", 1),
        Para("2. Scope", 1),
        Para("II. Union Security", 2, BOLD),
        Para("3. Dues", 2),
    ]
    assert [n for _, n, _ in outline(build(items))] == ["I", "II"]
