"""How the exports look to a member: a phone-sized HTML page, tables as tables, rows that say
something, and printed pages that never lose track of which article they are in."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber

from cbadiff.export import build_view, render_html, write_exports
from cbadiff.export.fonts import PdfFont, printable
from cbadiff.export.redline import DELETE, EQUAL, INSERT, Para, Run, display_runs, table_grid
from cbadiff.export.summary import category_counts, cover_lines, readable, table_rows, what_changed
from cbadiff.model import (
    ArticlePair,
    BlockPair,
    Change,
    ChangeKind,
    Comparison,
    NumberChange,
    Status,
    WordOp,
)
from parsers.model import Agreement, Block, BlockKind, DocKind, SourceInfo, Unit, UnitKind
from tests.cbadiff.test_export_sample import (
    INTERNAL,
    MEMBERS,
    sample_annotations,
    sample_comparison,
)

HEAD = ("Classification", "Effective 8/1/2021", "Effective 8/1/2022")
OLD_ROWS = (HEAD, ("Key Grip", "$50.32", "$51.83"), ("Film Loader", "$34.62", "$35.66"),
            ("Painter", "$41.16", "$42.39"))
NEW_ROWS = (("Classification", "Effective 8/1/2024", "Effective 8/1/2025"),
            ("Key Grip", "$57.12", "$59.40"), ("Painter", "$46.72", "$48.59"))


def _text(rows: tuple[tuple[str, ...], ...]) -> str:
    return "\n".join(" | ".join(r) for r in rows)


def _agreement(name: str, unit: Unit) -> Agreement:
    return Agreement(source=SourceInfo(f"/tmp/{name}.docx", DocKind.DOCX, "0" * 64, 1),
                     units=(unit,))


def table_comparison() -> Comparison:
    """A wage schedule: the column dates and four rates change, a classification is removed,
    and a prose paragraph gains one short word."""
    old_t = Block("t", BlockKind.TABLE, _text(OLD_ROWS), 1, rows=OLD_ROWS)
    new_t = Block("t", BlockKind.TABLE, _text(NEW_ROWS), 1, rows=NEW_ROWS)
    old_p = Block("p", BlockKind.PARAGRAPH, "Rates are paid weekly by check.", 1)
    new_p = Block("p", BlockKind.PARAGRAPH, "Rates are paid weekly by deposit and check.", 1)

    def unit(blocks: tuple[Block, ...]) -> Unit:
        return Unit(id="ex-a", kind=UnitKind.EXHIBIT, number="A", title="Wage Schedules",
                    heading="EXHIBIT A WAGE SCHEDULES", page_start=1, page_end=1, blocks=blocks)

    ops: list[WordOp] = []
    changes: list[Change] = []

    def change(cid: str, kind: ChangeKind, old: str, new: str, context: str | None = None,
               index: int = 0) -> None:
        numbers = (NumberChange(old or None, new or None, "$", context),) if "$" in old + new else ()
        if context and context.startswith("Effective"):
            numbers = (NumberChange(old, new, "date", f"Classification / {context}"),)
        changes.append(Change(cid, kind, old, new, True, 1, 1, numbers=numbers,
                              categories=("wages",), block_index=index))

    def eq(text: str) -> None:
        ops.append(WordOp(EQUAL, text))

    def rep(cid: str, old: str, new: str, context: str) -> None:
        ops.extend([WordOp(DELETE, old, cid), WordOp(INSERT, new, cid)])
        change(cid, ChangeKind.REPLACE, old, new, context)

    eq("Classification | Effective 8/1/")
    rep("c0", "2021", "2024", "Effective 8/1/2021")
    eq(" | Effective 8/1/")
    rep("c1", "2022", "2025", "Effective 8/1/2022")
    eq("\nKey Grip | ")
    rep("c2", "$50.32", "$57.12", "Key Grip / Effective 8/1/2021")
    eq(" | ")
    rep("c3", "$51.83", "$59.40", "Key Grip / Effective 8/1/2022")
    # the removed row's line break is a change of its own the member export leaves out
    ops.append(WordOp(DELETE, "\n", "c9"))
    changes.append(Change("c9", ChangeKind.DELETE, "\n", "", False, 1, 1, block_index=0))
    ops.append(WordOp(DELETE, "Film Loader | $34.62 | $35.66", "c4"))
    change("c4", ChangeKind.DELETE, "Film Loader | $34.62 | $35.66", "", "Film Loader")
    eq("\nPainter | ")
    rep("c5", "$41.16", "$46.72", "Painter / Effective 8/1/2021")
    eq(" | ")
    rep("c6", "$42.39", "$48.59", "Painter / Effective 8/1/2022")
    prose = (WordOp(EQUAL, "Rates are paid weekly by "), WordOp(INSERT, "deposit and ", "c7"),
             WordOp(EQUAL, "check."))
    change("c7", ChangeKind.INSERT, "", "deposit and ", index=1)
    pair = ArticlePair("ex", ("ex-a",), ("ex-a",), Status.MODIFIED, (), 0.9,
                       blocks=(BlockPair(old_t, new_t, tuple(ops)),
                               BlockPair(old_p, new_p, prose)),
                       changes=tuple(changes), categories=("wages",))
    return Comparison(_agreement("old_wage_schedule", unit((old_t, old_p))),
                      _agreement("new_wage_schedule", unit((new_t, new_p))), (pair,))


def test_a_tables_changed_rates_share_one_row_and_a_removed_classification_keeps_its_own() -> None:
    view = build_view(table_comparison(), MEMBERS)
    whats = [r.what for r in view.rows]
    assert whats == [
        "Changed 6 entries of the table “Classification, Effective 8/1/2024, Effective 8/1/2025”",
        "Removed “Film Loader | $34.62 | $35.66”",
        "Added “deposit and” in “Rates are paid weekly by deposit and check.”",
    ]
    merged = view.rows[0]
    assert merged.change_ids == ("c0", "c1", "c2", "c3", "c5", "c6") and merged.counted == 6
    # rates by classification; the column headings' dates say less and are left out
    assert merged.numbers == ("Key Grip: $50.32 → $57.12, $51.83 → $59.40; "
                              "Painter: $41.16 → $46.72, $42.39 → $48.59")
    assert sorted(c for r in view.rows for c in r.change_ids) == sorted(view.selected)
    assert cover_lines(view)[3] == ("Changes listed", "8 substantive changes in 1 articles")
    assert category_counts(view) == [("Wages", 8, 1)]
    assert view.new_title == "new wage schedule"  # a file name, tidied for members


def test_rows_never_have_an_empty_cell_where_the_change_is_named() -> None:
    for comparison in (sample_comparison(), table_comparison()):
        for options in (MEMBERS, INTERNAL):
            view = build_view(comparison, options, sample_annotations())
            for _, rows in view.by_category():
                for cells in table_rows(view, rows):
                    assert re.search(r"\w", cells[1]), cells
    blank = Change("x", ChangeKind.DELETE, "\uf0e8", "", True, 1, None)
    assert what_changed(blank) == "Removed a symbol no font here can show"
    assert what_changed(Change("y", ChangeKind.INSERT, "", " ", True, None, 1)) != "Added “”"


def test_a_short_change_is_quoted_with_its_neighbours_and_a_long_one_alone() -> None:
    short = Change("s", ChangeKind.INSERT, "", "and", True, None, 1)
    long_before = "Overtime shall be paid for all hours worked beyond eight in one day "
    line = what_changed(short, (long_before, "and ", "on a holiday."))
    assert line == "Added “and” in “…worked beyond eight in one day and on a holiday.”"
    long = Change("l", ChangeKind.INSERT, "", "a whole new sentence about pay", True, None, 1)
    assert what_changed(long, ("x ", "a whole new sentence about pay", " y")) == (
        "Added “a whole new sentence about pay”")
    figures = Change("f", ChangeKind.REPLACE, "$1", "$2", True, 1, 1,
                     numbers=(NumberChange("$1", "$2", "$"),))
    assert what_changed(figures, ("pay ", "$2", " an hour")) == "“$1” → “$2”"


def test_a_table_is_cut_back_into_cells_and_a_removed_row_starts_its_own_line() -> None:
    view = build_view(table_comparison(), MEMBERS)
    from cbadiff.export.redline import pair_paras

    table = pair_paras(view.comparison, view.pairs[0].pair, view.selected)[0]
    assert table.table
    grid = [[[(r.tag, r.text) for r in cell] for cell in row] for row in table_grid(table)]
    assert grid[0][1] == [(EQUAL, "Effective 8/1/"), (DELETE, "2021"), (EQUAL, " "),
                          (INSERT, "2024")]
    assert grid[1] == [[(EQUAL, "Key Grip")], [(DELETE, "$50.32"), (EQUAL, " "), (INSERT, "$57.12")],
                       [(DELETE, "$51.83"), (EQUAL, " "), (INSERT, "$59.40")]]
    # the member export drops the deleted line break (not substantive): the removed row would
    # have run on after "$59.40"; it is a row of its own
    assert grid[2] == [[(DELETE, "Film Loader")], [(DELETE, "$34.62")], [(DELETE, "$35.66")]]
    assert table_grid(table)[3][0] == (Run(EQUAL, "Painter"),)
    # a separator split over two runs still separates
    split = Para((Run(EQUAL, "a |"), Run(EQUAL, " b"), Run(INSERT, "\nc | d")), table=True)
    assert [["".join(r.text for r in c) for c in row] for row in table_grid(split)] == [
        ["a", "b"], ["c", "d"]]
    assert display_runs(Para((Run(EQUAL, "x"), Run(DELETE, "r | 1")), table=True))[1].text == "\n"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.refs: list[str] = []
        self.cells: list[dict[str, str | None]] = []
        self.styles: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "action", "data")]
        if a.get("style"):
            self.styles.append(a["style"] or "")
        if tag == "td":
            self.cells.append(a)
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.styles.append(data)


def _page(comparison: Comparison) -> tuple[str, _Page]:
    page = render_html(build_view(comparison, MEMBERS, sample_annotations()))
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    return page, parsed


def test_html_reflows_for_a_phone() -> None:
    page, parsed = _page(table_comparison())
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    phone = page[page.index("@media (max-width: 700px)"):]
    phone = phone[: phone.index("@media print")]
    # summary rows become cards, each value under its column's name
    assert "table.changes td::before { content: attr(data-label)" in phone
    assert re.search(r"table\.changes, table\.changes tbody, table\.changes tr, "
                     r"table\.changes td \{ display: block;", phone)
    # side by side becomes one column; a table in an article scrolls inside its own box
    assert ".sbs { grid-template-columns: minmax(0, 1fr); }" in phone
    assert ".tbl { overflow-x: auto;" in page.replace(".table-wrap, .tbl", ".tbl")
    labels = {c.get("data-label") for c in parsed.cells if c.get("data-label")}
    assert labels == {"What changed", "Numbers (old → new)"}
    # every card names its article, even where the wide table leaves the cell blank
    arts = re.findall(r'<td class="art-cell( rep)?"><span class="art">([^<]*)</span>', page)
    assert len(arts) == 3 and {a for _, a in arts} == {"Exhibit A — Wage Schedules"}
    assert [rep for rep, _ in arts] == ["", " rep", " rep"]
    # both views reachable, the redline marked by strike and underline, not colour alone
    assert "<summary>Inline</summary>" in page and "<summary>Side by side</summary>" in page
    css = "\n".join(parsed.styles)
    assert "del { color: var(--del); text-decoration: line-through;" in css
    assert "ins { color: var(--ins); text-decoration: underline;" in css
    assert '<table class="grid">' in page and "<td><del" in page
    assert page.count('<span class="lbl">Current</span>') >= 1
    assert '<div class="old none"><p>(not in the current agreement)</p></div>' not in page


def test_html_fetches_nothing() -> None:
    for comparison in (sample_comparison(), table_comparison()):
        page, parsed = _page(comparison)
        for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "form"):
            assert tag not in parsed.tags
        assert parsed.refs and all(ref.startswith("#") for ref in parsed.refs)
        css = "\n".join(parsed.styles).lower()
        assert "@import" not in css and "url(" not in css
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)


def test_symbol_font_characters_read_as_what_they_draw() -> None:
    assert readable("pilot order\uf02a)") == "pilot order*)"
    assert readable("\uf0b7 one") == "• one" and readable("x\ue123y") == "xy"
    latin = PdfFont("Helvetica", "", "", "", lambda code: code < 256)
    assert printable("note\uf02a", latin) == "note*"


def test_pdf_names_the_article_again_where_its_rows_run_onto_a_new_page(tmp_path: Path) -> None:
    base = table_comparison()
    pair = base.pairs[0]
    prose = pair.blocks[1]
    many = tuple(Change(f"m{i}", ChangeKind.INSERT, "", f"clause {i} wording", True, None, 1,
                        categories=("wages",), block_index=1) for i in range(90))
    big = Comparison(base.old, base.new, (ArticlePair(
        "ex", pair.old, pair.new, pair.status, (), 0.9,
        blocks=(BlockPair(prose.old, prose.new, tuple(
            WordOp(INSERT, f"clause {i} wording ", f"m{i}") for i in range(90))),),
        changes=many, categories=("wages",)),))
    out = tmp_path / "s.pdf"
    write_exports(big, pdf=out, options=MEMBERS)
    with pdfplumber.open(out) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    table_pages = [t for t in pages if "What changed" in t]
    assert len(table_pages) >= 2
    assert "Exhibit A" in table_pages[0] and "(continued)" not in table_pages[0]
    for text in table_pages[1:]:  # the name is the first cell under the repeated header
        first_row = text.split("Numbers (old → new)", 1)[1]
        assert first_row.lstrip().startswith("Exhibit A") and "(continued)" in first_row


def test_side_by_side_says_a_moved_paragraph_moved_not_that_it_is_gone() -> None:
    a = Block("m.a", BlockKind.CLAUSE, "Alpha clause about seniority lists.", 1, label="5.1",
              level=1)
    b = Block("m.b", BlockKind.CLAUSE, "Beta clause about layoffs by seniority.", 1, label="5.2",
              level=1)
    unit_old = Unit(id="u5", kind=UnitKind.ARTICLE, number="5", title="Seniority",
                    heading="ARTICLE 5 SENIORITY", page_start=1, page_end=1, blocks=(a, b))
    unit_new = Unit(id="u5", kind=UnitKind.ARTICLE, number="5", title="Seniority",
                    heading="ARTICLE 5 SENIORITY", page_start=1, page_end=1, blocks=(b, a))
    move = Change("p.c0", ChangeKind.MOVE, a.text, a.text, True, 1, 1, old_block="m.a",
                  new_block="m.a")
    pair = ArticlePair("p", ("u5",), ("u5",), Status.MODIFIED, (), 0.9, blocks=(
        BlockPair(b, b, (WordOp(EQUAL, b.text),)),
        BlockPair(a, a, (WordOp(EQUAL, a.text),), moved=True),
    ), changes=(move,))
    comparison = Comparison(_agreement("old", unit_old), _agreement("new", unit_new), (pair,))
    page = render_html(build_view(comparison, MEMBERS))
    assert '<div class="new none"><p>(moved from here)</p></div>' in page
    assert "(not in the proposed agreement)" not in page


def _tables_after(path: Path, accept: bool) -> list[str]:
    """Each Word table's text (rows on lines, " | " between cells) after accepting (or
    rejecting) every tracked change, tracked rows included."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    drop = f"{w}del" if accept else f"{w}ins"
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for tbl in root.iter(f"{w}tbl"):
        rows = []
        for tr in tbl.iter(f"{w}tr"):
            if tr.find(f"{w}trPr/{drop}") is not None:
                continue
            cells = ["".join(t.text or "" for t in tc.iter(f"{w}t", f"{w}delText")
                             if not any(a.tag == drop for a in t.iterancestors()))
                     for tc in tr.iter(f"{w}tc")]
            rows.append(" | ".join(cells))
        out.append("\n".join(rows))
    return out


def test_tracked_redline_writes_a_table_as_a_table_that_accepts_and_rejects_exactly(
    tmp_path: Path,
) -> None:
    comparison = table_comparison()
    out = tmp_path / "r.docx"
    write_exports(comparison, docx=out, options=INTERNAL)
    table = comparison.pairs[0].blocks[0]
    assert table.old is not None and table.new is not None
    assert _tables_after(out, accept=True) == [table.new.text]
    assert _tables_after(out, accept=False) == [table.old.text]
    # a change that joins two rows cannot be a row of its own: the table stays text
    from cbadiff.export.redline import tracked_grid

    joined = Para((Run(EQUAL, "a | 1"), Run(DELETE, "\n"), Run(EQUAL, "b | 2")), table=True)
    assert tracked_grid(joined) is None
    added = Para((Run(EQUAL, "a | 1"), Run(INSERT, "\nb | 2")), table=True)
    assert tracked_grid(added) == [[(Run(EQUAL, "a"),), (Run(EQUAL, "1"),)],
                                   [(Run(INSERT, "b"),), (Run(INSERT, "2"),)]]
