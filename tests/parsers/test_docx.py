"""The DOCX reader: document order, tables, headings, numbering, pages, notes, tracked changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.docx import read_docx, read_docx_stream
from parsers.model import Agreement, BlockKind, UnitKind
from parsers.progress import CancelToken, no_progress
from parsers.stream import FootnoteText, Para, Table
from tests.parsers.docx_builders import (
    W,
    cell,
    level,
    notes,
    numbering,
    p,
    page_break,
    r,
    style,
    styles,
    table,
    write_docx,
)


def stream(path: Path) -> tuple[object, ...]:
    return read_docx_stream(path, progress=no_progress, cancel=CancelToken()).items


def paras(path: Path) -> list[Para]:
    return [it for it in stream(path) if isinstance(it, Para)]


def agreement(path: Path) -> Agreement:
    return read_docx(path, "0" * 64, progress=no_progress, cancel=CancelToken())


def outline(a: Agreement) -> list[tuple[str, str | None, str | None]]:
    return [(u.id, u.number, u.title) for u in a.units]


def test_paragraphs_and_tables_keep_document_order(tmp_path: Path) -> None:
    body = (
        p("ARTICLE 1 - WAGES")
        + p("The rates are:")
        + table(cell("Step") + cell("Rate"), cell("1") + cell("$20.00"))
        + p("Rates rise each July.")
    )
    items = stream(write_docx(tmp_path / "a.docx", body))
    kinds = [type(it).__name__ for it in items]
    assert kinds == ["Para", "Para", "Table", "Para"]
    tbl = items[2]
    assert isinstance(tbl, Table)
    assert tbl.rows == (("Step", "Rate"), ("1", "$20.00"))
    unit = agreement(tmp_path / "a.docx").units[0]
    assert [b.kind for b in unit.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
    ]


def test_merged_cells_are_not_duplicated_and_nested_tables_flatten(tmp_path: Path) -> None:
    span = cell("Wide heading", tcpr='<w:gridSpan w:val="2"/>')
    top = cell("Shift", tcpr='<w:vMerge w:val="restart"/>') + cell("Day") + cell("$1")
    below = cell("", tcpr="<w:vMerge/>") + cell("Night") + cell("$2")
    nested = table(cell("a") + cell("b"), cell("c") + cell("d"))
    body = table(span + cell("x"), top, below, cell(p("Outer") + nested) + cell("y") + cell("z"))
    items = stream(write_docx(tmp_path / "t.docx", body))
    assert len(items) == 1
    tbl = items[0]
    assert isinstance(tbl, Table)
    assert tbl.rows[0] == ("Wide heading", "x")
    assert tbl.rows[1] == ("Shift", "Day", "$1")
    assert tbl.rows[2] == ("", "Night", "$2")  # the merged cell's text appears once
    assert tbl.rows[3][0] == "Outer a | b; c | d"


def test_heading_styles_and_outline_levels_become_hints(tmp_path: Path) -> None:
    st = styles(
        style("Heading1", "heading 1", rpr="<w:b/>"),
        style("ArticleHead", "Article Head", ppr='<w:outlineLvl w:val="0"/><w:jc w:val="center"/>'),
        style("Sub", "Sub", based_on="ArticleHead"),
    )
    body = (
        p("Recognition", style="Heading1")
        + p("Hours", style="ArticleHead")
        + p("Inherited", style="Sub")
        + p("Direct", ppr='<w:outlineLvl w:val="1"/>')
        + p("Body text.")
    )
    got = paras(write_docx(tmp_path / "h.docx", body, styles_xml=st))
    assert [x.style.heading_level for x in got] == [1, 1, 1, 2, None]
    assert got[0].style.bold and not got[4].style.bold
    assert got[1].style.centered and got[2].style.centered
    assert got[0].style.body_size == 12.0


def _numbered_article_doc(tmp_path: Path, fmt: str, text: str) -> Path:
    num = numbering(
        {0: level(0, fmt, text) + level(1, "decimal", "%1.%2")},
        {1: (0, "")},
    )
    st = styles(
        style("ArticleHeading", "Article Heading", ppr='<w:numPr><w:numId w:val="1"/></w:numPr>')
    )
    body = (
        p("Recognition", style="ArticleHeading")
        + p("The Employer recognizes the Union.", num=(1, 1))
        + p("Second clause.", num=(1, 1))
        + p("Hours of Work", style="ArticleHeading")
        + p("The workday is eight hours.", num=(1, 1))
    )
    return write_docx(tmp_path / f"{fmt}.docx", body, styles_xml=st, numbering_xml=num)


def test_numbered_headings_become_units_like_typed_headings(tmp_path: Path) -> None:
    numbered = agreement(_numbered_article_doc(tmp_path, "decimal", "ARTICLE %1"))
    typed_body = (
        p("ARTICLE 1 Recognition")
        + p("1.1 The Employer recognizes the Union.")
        + p("1.2 Second clause.")
        + p("ARTICLE 2 Hours of Work")
        + p("2.1 The workday is eight hours.")
    )
    typed = agreement(write_docx(tmp_path / "typed.docx", typed_body))
    assert outline(numbered) == outline(typed)
    assert outline(numbered) == [
        ("article-1", "1", "Recognition"),
        ("article-2", "2", "Hours of Work"),
    ]
    assert [(b.label, b.text, b.level) for b in numbered.units[0].blocks] == [
        ("1.1", "The Employer recognizes the Union.", 2),
        ("1.2", "Second clause.", 2),
    ]
    assert numbered.units[1].blocks[0].label == "2.1"  # level 2 restarted under article 2


def test_roman_numbered_articles(tmp_path: Path) -> None:
    a = agreement(_numbered_article_doc(tmp_path, "upperRoman", "Article %1"))
    assert [(u.id, u.number) for u in a.units] == [("article-1", "I"), ("article-2", "II")]


def test_numbering_label_is_not_in_text_and_is_on_para(tmp_path: Path) -> None:
    num = numbering(
        {
            0: level(0, "decimal", "%1.")
            + level(1, "lowerLetter", "(%2)")
            + level(2, "lowerRoman", "%3)")
        },
        {
            3: (0, ""),
            4: (0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>'),
        },
    )
    body = (
        p("First", num=(3, 0))
        + p("sub a", num=(3, 1))
        + p("sub b", num=(3, 1))
        + p("deep", num=(3, 2))
        + p("Second", num=(3, 0))
        + p("sub again", num=(3, 1))
        + p("Restarted", num=(4, 0))
        + p("Not numbered", num=(0, 0))
        + p("Plain")
    )
    got = paras(write_docx(tmp_path / "n.docx", body, numbering_xml=num))
    assert [(x.label, x.label_level, x.text) for x in got] == [
        ("1.", 1, "First"),
        ("(a)", 2, "sub a"),
        ("(b)", 2, "sub b"),
        ("i)", 3, "deep"),
        ("2.", 1, "Second"),
        ("(a)", 2, "sub again"),
        ("7.", 1, "Restarted"),
        (None, None, "Not numbered"),
        (None, None, "Plain"),
    ]


def test_lvl_restart_is_legal_and_text_formats(tmp_path: Path) -> None:
    num = numbering(
        {
            0: level(0, "upperRoman", "Article %1")
            + level(1, "decimal", "%1.%2", is_lgl=True)
            + level(2, "decimal", "Note %3", restart=0),
            1: level(0, "cardinalText", "%1:") + level(1, "ordinal", "%2"),
            2: level(0, "bullet", "\uf0b7"),
        },
        {1: (0, ""), 2: (1, ""), 3: (2, "")},
    )
    body = (
        p("Wages", num=(1, 0))
        + p("y", num=(1, 1))
        + p("n", num=(1, 2))
        + p("Hours", num=(1, 0))
        + p("y2", num=(1, 1))
        + p("n2", num=(1, 2))  # lvlRestart 0: never restarts
        + p("words", num=(2, 0))
        + p("ord", num=(2, 1))
        + p("ord", num=(2, 1))
        + p("dot", num=(3, 0))
    )
    got = paras(write_docx(tmp_path / "f.docx", body, numbering_xml=num))
    labels = [x.label for x in got]
    # "Article I" is a heading, so its label moves into the text
    assert got[0].text == "Article I Wages" and got[0].label is None
    assert labels[1:] == ["1.1", "Note 1", None, "2.1", "Note 2", "One:", "1st", "2nd", None]
    assert got[3].text == "Article II Hours"


def test_heading_style_picks_its_level_through_pstyle(tmp_path: Path) -> None:
    num = numbering(
        {
            0: level(0, "decimal", "ARTICLE %1", pstyle="H1")
            + level(1, "decimal", "Section %1.%2", pstyle="H2")
        },
        {5: (0, "")},
    )
    st = styles(
        style("H1", "heading 1", ppr='<w:numPr><w:numId w:val="5"/></w:numPr>'),
        style("H2", "heading 2", ppr='<w:numPr><w:numId w:val="5"/></w:numPr>', based_on="H1"),
    )
    body = p("Wages", style="H1") + p("Rates", style="H2") + p("Overtime", style="H2")
    got = paras(write_docx(tmp_path / "s.docx", body, styles_xml=st, numbering_xml=num))
    assert [(x.text, x.label) for x in got] == [
        ("ARTICLE 1 Wages", None),
        ("Rates", "Section 1.1"),
        ("Overtime", "Section 1.2"),
    ]


def test_pages_from_explicit_and_rendered_breaks(tmp_path: Path) -> None:
    last_rendered = "<w:r><w:lastRenderedPageBreak/><w:t>Page three text.</w:t></w:r>"
    body = (
        p("Page one.")
        + p(runs=r("Still one.") + page_break())
        + p("Page two.")
        + p(runs=last_rendered)
        + p("Page four.", ppr="<w:pageBreakBefore/>")
        + p("Ends section.", ppr='<w:sectPr><w:type w:val="nextPage"/></w:sectPr>')
        + p("Page five.")
    )
    doc = write_docx(tmp_path / "p.docx", body)
    got = paras(doc)
    assert [x.page for x in got] == [1, 1, 2, 3, 4, 4, 5]
    assert read_docx_stream(doc, progress=no_progress, cancel=CancelToken()).pages == 5
    assert agreement(doc).source.pages == 5


def test_explicit_break_followed_by_rendered_break_counts_once(tmp_path: Path) -> None:
    body = p(runs=r("One.") + page_break()) + p(
        runs="<w:r><w:lastRenderedPageBreak/><w:t>Two.</w:t></w:r>"
    )
    assert [x.page for x in paras(write_docx(tmp_path / "b.docx", body))] == [1, 2]


def test_pages_are_none_when_the_file_records_no_breaks(tmp_path: Path) -> None:
    doc = write_docx(tmp_path / "n.docx", p("ARTICLE 1 - A") + p("Text."))
    assert [x.page for x in paras(doc)] == [None, None]
    assert agreement(doc).source.pages is None


def test_headers_footers_and_comments_are_not_body_text(tmp_path: Path) -> None:
    header = f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>RUNNING HEADER</w:t></w:r></w:p></w:hdr>'
    comments = (
        f'<w:comments xmlns:w="{W}"><w:comment w:id="0"><w:p><w:r><w:t>REVIEWER NOTE</w:t>'
        "</w:r></w:p></w:comment></w:comments>"
    )
    body = p(
        runs='<w:commentRangeStart w:id="0"/>'
        + r("Body sentence.")
        + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
    )
    doc = write_docx(
        tmp_path / "c.docx",
        body,
        extra_parts={"word/header1.xml": header, "word/comments.xml": comments},
    )
    got = paras(doc)
    assert [x.text for x in got] == ["Body sentence."]


def test_footnotes_are_notes_with_references(tmp_path: Path) -> None:
    body = p(
        runs=r("Wages are set by law")
        + '<w:r><w:footnoteReference w:id="2"/></w:r>'
        + r(" and practice.")
        + '<w:r><w:endnoteReference w:id="5"/></w:r>'
    ) + p(runs=r("Second") + '<w:r><w:footnoteReference w:id="9"/></w:r>')
    doc = write_docx(
        tmp_path / "f.docx",
        body,
        footnotes_xml=notes("footnote", {2: "See statute 12.", 9: "Other note."}),
        endnotes_xml=notes("endnote", {5: "End remark."}),
    )
    items = stream(doc)
    first = items[0]
    assert isinstance(first, Para)
    assert first.text == "Wages are set by law and practice."
    assert first.footnote_refs == ("1", "i")
    notes_found = [it for it in items if isinstance(it, FootnoteText)]
    assert [(n.label, n.text) for n in notes_found] == [
        ("1", "See statute 12."),
        ("i", "End remark."),
        ("2", "Other note."),
    ]
    a = agreement(doc)
    assert [f.label for f in a.footnotes] == ["1", "i", "2"]


def test_tracked_changes_are_read_as_accepted_with_a_notice(tmp_path: Path) -> None:
    ins = '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">'
    body = (
        p("ARTICLE 1 - PAY")
        + p(
            runs=r("The rate is ")
            + '<w:del w:id="2" w:author="A"><w:r><w:delText>$7.50</w:delText></w:r></w:del>'
            + ins
            + r("$10.00")
            + "</w:ins>"
            + r(" per meal.")
        )
        + p(
            runs='<w:moveFrom w:id="3" w:author="A"><w:r><w:t>Moved away.</w:t></w:r></w:moveFrom>'
            + r("Kept.")
            + '<w:moveTo w:id="4" w:author="A"><w:r><w:t> Moved here.</w:t></w:r></w:moveTo>'
        )
        # a paragraph whose mark was deleted joins the next paragraph
        + p("Joined", ppr='<w:rPr><w:del w:id="5" w:author="A"/></w:rPr>')
        + p("together.")
    )
    doc = write_docx(tmp_path / "tc.docx", body)
    a = agreement(doc)
    texts = [b.text for b in a.units[0].blocks]
    assert texts == ["The rate is $10.00 per meal.", "Kept. Moved here.", "Joined together."]
    assert any("tracked changes" in n for n in a.notices)
    clean = agreement(write_docx(tmp_path / "clean.docx", p("ARTICLE 1 - PAY") + p("x")))
    assert clean.notices == ()


def test_deleted_table_rows_are_dropped(tmp_path: Path) -> None:
    deleted = '<w:tr><w:trPr><w:del w:id="1" w:author="A"/></w:trPr>' + cell("gone") + "</w:tr>"
    body = "<w:tbl>" + "<w:tr>" + cell("kept") + "</w:tr>" + deleted + "</w:tbl>"
    items = stream(write_docx(tmp_path / "d.docx", body))
    assert isinstance(items[0], Table)
    assert items[0].rows == (("kept",),)


def test_content_controls_hyperlinks_tabs_and_toc_entries(tmp_path: Path) -> None:
    body = (
        "<w:sdt><w:sdtContent>"
        + p("TABLE OF CONTENTS")
        + p(runs=r("ARTICLE 1 Wages") + "<w:r><w:tab/><w:t>3</w:t></w:r>")
        + "</w:sdtContent></w:sdt>"
        + p(runs='<w:hyperlink r:id="x">' + r("ARTICLE 1 Wages") + "</w:hyperlink>")
        + p(
            runs=r("Pay")
            + "<w:r><w:tab/></w:r>"
            + r("weekly")
            + "<w:r><w:noBreakHyphen/></w:r>"
            + r("ish.")
        )
    )
    a = agreement(write_docx(tmp_path / "toc.docx", body))
    assert [u.id for u in a.units] == ["article-1"]
    assert a.units[0].blocks[0].text == "Pay weekly-ish."
    assert any(f.kind.value == "toc" for f in a.front_matter)


def test_strict_open_xml_namespace_is_read(tmp_path: Path) -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = (
        f'<w:document xmlns:w="{strict}"><w:body><w:p><w:r><w:t>ARTICLE 4 - LEAVE</w:t></w:r>'
        "</w:p><w:p><w:r><w:t>Text.</w:t></w:r></w:p></w:body></w:document>"
    )
    a = agreement(write_docx(tmp_path / "strict.docx", "", document_xml=xml))
    assert [u.kind for u in a.units] == [UnitKind.ARTICLE]


def test_cancel_stops_reading(tmp_path: Path) -> None:
    doc = write_docx(tmp_path / "big.docx", "".join(p(f"Paragraph {i}.") for i in range(1000)))
    token = CancelToken()
    token.cancel()
    from parsers.errors import Cancelled

    with pytest.raises(Cancelled):
        read_docx(doc, "0" * 64, progress=no_progress, cancel=token)


def test_numbered_heading_1_without_the_word_article_becomes_a_unit(tmp_path: Path) -> None:
    num = numbering(
        {0: level(0, "decimal", "%1.", pstyle="Heading1") + level(1, "decimal", "%1.%2")},
        {1: (0, "")},
    )
    st = styles(
        style("Heading1", "heading 1", ppr='<w:numPr><w:numId w:val="1"/></w:numPr>', rpr="<w:b/>")
    )
    body = (
        p("Recognition", style="Heading1")
        + p("The City recognizes the Union.", num=(1, 1))
        + p("Hours of Work", style="Heading1")
        + p("Eight hours.", num=(1, 1))
    )
    a = agreement(write_docx(tmp_path / "h1.docx", body, styles_xml=st, numbering_xml=num))
    assert outline(a) == [("article-1", "1", "Recognition"), ("article-2", "2", "Hours of Work")]
    assert [(b.label, b.text) for b in a.units[1].blocks] == [("2.1", "Eight hours.")]


def test_corpus_docx_reads_like_its_pdf_rendition(corpus: Path) -> None:
    """Same paragraph text after whitespace normalisation (the PDF colleague's reader permitting)."""
    pytest.importorskip("parsers.pdf")
    from parsers.read import read_agreement

    folder = corpus / "sfusd-uesf-bargaining-2026"
    docx = folder / "CORRECTED SFUSD Stability Plan Proposal to UESF (1).docx"
    if not docx.exists():
        pytest.skip("corpus file absent")

    def texts(a: Agreement) -> list[str]:
        out = [line for f in a.front_matter for line in f.text.split("\n")]
        out += [b.text for u in a.units for b in u.blocks]
        return [" ".join(t.replace("\u200b", " ").split()) for t in out if t.strip()]

    from_docx = texts(read_agreement(docx))
    from_pdf = texts(read_agreement(docx.with_suffix(".pdf")))
    assert len(from_docx) > 20
    assert from_docx == from_pdf


def test_caps_formatting_reads_as_displayed_and_hidden_text_is_dropped(tmp_path: Path) -> None:
    body = p(
        runs=r("Exhibit a - Salary Schedule", extra="").replace(
            "<w:r>", "<w:r><w:rPr><w:caps/></w:rPr>", 1
        )
    ) + p(runs=r("Shown.") + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Hidden.</w:t></w:r>")
    a = agreement(write_docx(tmp_path / "caps.docx", body))
    assert [(u.kind, u.number) for u in a.units] == [(UnitKind.EXHIBIT, "A")]
    assert a.units[0].blocks[0].text == "Shown."


def test_text_boxes_are_read_once(tmp_path: Path) -> None:
    box = "<w:txbxContent>" + p("AGREEMENT BETWEEN THE CITY AND THE UNION") + "</w:txbxContent>"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    run = (
        f'<w:r><mc:AlternateContent xmlns:mc="{mc}" xmlns:wps="{wps}">'
        f"<mc:Choice><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing>"
        f'</mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml">'
        f"<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = p(runs=r("Cover") + run) + p("ARTICLE 1 - RECOGNITION") + p("Text.")
    got = [x.text for x in paras(write_docx(tmp_path / "box.docx", body))]
    assert got == [
        "Cover",
        "AGREEMENT BETWEEN THE CITY AND THE UNION",
        "ARTICLE 1 - RECOGNITION",
        "Text.",
    ]


def test_legacy_horizontal_merge_and_embedded_parts(tmp_path: Path) -> None:
    row = cell("Both columns", tcpr='<w:hMerge w:val="restart"/>') + cell("", tcpr="<w:hMerge/>")
    body = p("ARTICLE 1 - A") + table(row + cell("z")) + '<w:altChunk r:id="rId9"/>'
    doc = write_docx(tmp_path / "m.docx", body)
    tbl = next(it for it in stream(doc) if isinstance(it, Table))
    assert tbl.rows == (("Both columns", "z"),)
    notices = agreement(doc).notices
    assert len(notices) == 1 and "embedded" in notices[0] and "save it again" in notices[0]
