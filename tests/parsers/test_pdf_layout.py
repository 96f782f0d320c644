"""Layout rules of the PDF reader on hand-made lines: running lines, footnotes, line numbers,
hyphens (pdfium's U+FFFE included) and tables."""

from __future__ import annotations

from parsers.pdf_lines import Line, PageLines
from parsers.pdf_noise import (
    find_running_lines,
    is_page_number,
    split_footnotes,
    strip_line_numbers,
)
from parsers.pdf_tables import find_tables
from parsers.textutil import Vocabulary, join_lines


def line(text: str, y: float, page: int = 1, *, size: float = 12.0, x0: float = 72.0,
         cells: tuple[tuple[float, float, str], ...] = ()) -> Line:  # fmt: skip
    return Line(text, page, x0, x0 + 6 * len(text), y, size, False, (), cells)


def page(no: int, *texts: str, header: str | None = None, footer: str | None = None) -> PageLines:
    lines = []
    if header:
        lines.append(line(header, 760, no))
    lines += [line(t, 700 - 14 * k, no) for k, t in enumerate(texts)]
    filler = ["The parties agree", "to the terms set out", "above and below", "in this section"]
    lines += [line(f"{t} ({chr(97 + no)}{k})", 400 - 14 * k, no) for k, t in enumerate(filler)]
    if footer:
        lines.append(line(footer, 40, no))
    return PageLines(no, 612, 792, tuple(lines), 100)


def dropped(pages: list[PageLines]) -> list[str]:
    drop, _ = find_running_lines(pages)
    return sorted({pages[p - 1].lines[i].text for p, i in drop})


def test_page_number_patterns() -> None:
    for text in ("12", "- 12 -", "-iii-", "Page 3 of 40", "page 7", "3/40", "— 4 —"):
        assert is_page_number(text), text
    for text in ("12 hours", "Article 12", "Page 3 shall apply"):
        assert not is_page_number(text), text


def test_running_header_and_footer_are_found_by_repetition_modulo_digits() -> None:
    words = ["wages", "hours", "meals", "travel", "safety", "leave"]
    pages = [
        page(n, f"Body text on {words[n - 1]}.", f"Another line about {words[n - 1]} {n * 7}.",
             header="BASIC AGREEMENT OF 2024", footer=f"Effective 8/1/2024 - page {n} of 6")
        for n in range(1, 7)
    ]  # fmt: skip
    got = dropped(pages)
    assert "BASIC AGREEMENT OF 2024" in got
    assert all(f"Effective 8/1/2024 - page {n} of 6" in got for n in range(1, 7))
    assert not any(t.startswith(("Body", "Another")) for t in got)


def test_repeated_line_under_a_pages_own_heading_is_text() -> None:
    pages = [
        page(n, f"SIDELETTER NO. {n}", "Dated as of August 1, 2021", "Text of the letter.",
             header="BASIC AGREEMENT OF 2024")
        for n in range(1, 6)
    ]  # fmt: skip
    got = dropped(pages)
    assert got == ["BASIC AGREEMENT OF 2024"]


def test_numbered_headings_atop_pages_are_not_running_headers() -> None:
    pages = [page(n, f"Sideletter No. {n}", "This confirms our understanding.") for n in range(1, 7)]
    assert dropped(pages) == []


def test_running_footer_naming_an_exhibit_opens_it() -> None:
    words = ["", "wages", "hours", "meals", "travel", "safety", "leave", "notice"]
    pages = [page(n, f"Body on {words[n]}.", footer=f"- {n} -") for n in range(1, 4)]
    pages += [page(n, f"Exhibit on {words[n]}.", footer='EXHIBIT "A"') for n in range(4, 8)]
    drop, naming = find_running_lines(pages)
    assert [(ln.page, ln.text) for ln in naming] == [(4, 'EXHIBIT "A"')]
    assert len(drop) == 7  # three page numbers, four footers; no body line


def test_footnote_block_at_the_foot_is_split_off() -> None:
    lines = [
        line("The Producer shall pay the rate set forth in", 700),
        line("the schedules attached hereto.", 686),
        line("1", 112, size=7),
        line("Long footnote text that outweighs the body text of this short page.", 110, size=9),
        line("As agreed in the 2021 negotiations, the rate", 108, size=9),
        line("applies to all crafts.", 98, size=9),
        line("2", 90, size=7),
        line("Effective on ratification.", 86, size=9),
    ]
    body, notes = split_footnotes(lines, 5)
    assert [ln.text for ln in body] == [lines[0].text, lines[1].text]
    assert [(n.label, n.page) for n in notes] == [("1", 5), ("2", 5)]
    assert notes[0].text.endswith("the rate applies to all crafts.")
    assert notes[1].text == "Effective on ratification."


def test_small_print_without_a_marker_is_body_text() -> None:
    lines = [line("Body line one.", 700), line("Body line two.", 686), line("Small print.", 90, size=9)]
    body, notes = split_footnotes(lines, 1)
    assert notes == [] and len(body) == 3


def test_margin_line_numbers_are_stripped() -> None:
    texts = ["1 ARTICLE 2 DEFINITIONS", "2", "3 The Board means the", "4 Board of Education.", "5",
             "6 B. ASSOCIATION"]  # fmt: skip
    lines = [line(t, 700 - 14 * k) for k, t in enumerate(texts)]
    assert [ln.text for ln in strip_line_numbers(lines)] == [
        "ARTICLE 2 DEFINITIONS", "The Board means the", "Board of Education.", "B. ASSOCIATION",
    ]


def test_numbers_that_do_not_count_up_stay() -> None:
    texts = ["12 hours of work", "40 hours a week", "8 hours a day", "3 days", "2 weeks", "9 x"]
    lines = [line(t, 700 - 14 * k) for k, t in enumerate(texts)]
    assert [ln.text for ln in strip_line_numbers(lines)] == texts


def test_hyphens_judged_by_the_documents_own_words() -> None:
    vocab = Vocabulary()
    vocab.add_lines(["the meal period and overtime", "employees and five of them", "negotiation"])
    assert join_lines(["a meal-", "period"], vocab) == "a meal-period"
    assert join_lines(["all employ-", "ees"], vocab) == "all employees"
    assert join_lines(["forty-", "five"], vocab) == "forty-five"  # "forty" unknown: compound rule
    assert join_lines(["over-", "time"], vocab) == "overtime"  # "overtime" is a word here
    assert join_lines(["negoti\ufffe", "ation"], vocab) == "negotiation"  # pdfium's mark
    assert join_lines(["Producer\ufffe", "I.C.T.U. Basic"], vocab) == "Producer-I.C.T.U. Basic"
    assert join_lines(["2019-", "2020"], vocab) == "2019-2020"
    assert join_lines(["soft\u00ad", "ware"], vocab) == "software"
    assert join_lines(["a dash -", "then text"], vocab) == "a dash - then text"


def test_wrapped_fragment_never_vouches_for_itself() -> None:
    vocab = Vocabulary()
    vocab.add_lines(["shall be paid to the employ-", "ees forthwith"])
    assert "ees" not in vocab.words and "employ" not in vocab.words


def test_table_rows_become_cells_with_wrapped_names_joined() -> None:
    def row(y: float, *cells: tuple[float, str]) -> Line:
        cs = tuple((x, x + 6 * len(t), t) for x, t in cells)
        return Line(" ".join(t for _, t in cells), 1, cs[0][0], cs[-1][1], y, 10, False, (), cs)

    lines = [
        row(700, (72, "Classification"), (250, "8/1/2024"), (350, "8/1/2025")),
        row(686, (72, "Sound Mixer"), (250, "$64.27"), (350, "$66.20")),
        line("Assistant Chief", 674, size=10),
        row(668, (250, "$44.39"), (350, "$45.72")),
        line("Lighting Tech", 662, size=10),
        row(650, (72, "Key Grip"), (250, "$50.32"), (350, "$51.83")),
        line("Rates are minimums.", 620),
    ]
    found = find_tables(lines, 3)
    assert len(found) == 1
    start, end, table = found[0]
    assert (start, end) == (0, 6)
    assert table.rows == (
        ("Classification", "8/1/2024", "8/1/2025"),
        ("Sound Mixer", "$64.27", "$66.20"),
        ("Assistant Chief Lighting Tech", "$44.39", "$45.72"),
        ("Key Grip", "$50.32", "$51.83"),
    )


def test_document_line_number_column_strips_numbers_on_table_pages() -> None:
    lines = [
        line("1 APPENDIX A-1: Salary Schedule", 730, x0=28),
        line("2", 716, x0=26),
        Line("1 36,806 40,312", 1, 46, 200, 690, 11, False, (),
             ((46, 50, "1"), (90, 120, "36,806"), (160, 200, "40,312"))),
    ]  # fmt: skip
    got = strip_line_numbers(lines, column=28.0)
    assert [ln.text for ln in got] == ["APPENDIX A-1: Salary Schedule", "1 36,806 40,312"]
    assert got[1].cells == lines[2].cells  # a table's step column is not a line number
    assert strip_line_numbers(lines) == lines  # no column known: nothing is stripped
