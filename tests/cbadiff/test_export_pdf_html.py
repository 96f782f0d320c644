"""The PDF summary read back with pdfplumber, and the HTML parsed back."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest

from cbadiff.export import ExportOptions, build_view, render_html, write_exports
from cbadiff.export.fonts import PdfFont, printable
from tests.cbadiff.test_export_sample import (
    AUTHOR_MARKER,
    COMMENT_MARKER,
    INTERNAL,
    MEMBERS,
    NOTE_TEXT,
    PATH_MARKER,
    sample_annotations,
    sample_comparison,
)


def _pdf(tmp_path: Path, options: ExportOptions) -> tuple[list[str], list[list[list[str]]], Path]:
    out = tmp_path / "summary.pdf"
    write_exports(sample_comparison(), pdf=out, options=options, annotations=sample_annotations())
    with pdfplumber.open(out) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
        tables = [t for p in pdf.pages for t in p.extract_tables()]
    rows = [[(c or "").replace("\n", " ") for c in row] for t in tables for row in t]
    return texts, [rows], out


def test_pdf_has_cover_table_redline_and_page_n_of_m(tmp_path: Path) -> None:
    texts, (rows,), _ = _pdf(tmp_path, MEMBERS)
    total = len(texts)
    assert total >= 2
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of {total}" in text
    assert "Proposed agreement: new-2021 (July 1, 2021 – June 30, 2024)" in texts[0]
    assert ["Article", "What changed", "Numbers (old → new)", "Member note"] in rows
    meal = next(r for r in rows if r[0].startswith("Article 1") and "$7.50" in r[1])
    assert meal[2] == "$7.50 → $10.00" and meal[3] == NOTE_TEXT
    assert any(r[1] == "Removed “Good Friday is a paid holiday.”" for r in rows)
    body = "\n".join(texts)
    assert "The meal penalty shall be $7.50 $10.00 for each half hour." in body
    assert "Employees may work remotely with approval." in body
    assert "See § 4 for “remote” work." in body


def test_pdf_marks_deletions_red_and_struck(tmp_path: Path) -> None:
    _, _, out = _pdf(tmp_path, MEMBERS)
    with pdfplumber.open(out) as pdf:
        page = next(p for p in pdf.pages if "Changed articles" in (p.extract_text() or ""))
        chars = [c for c in page.chars if c["text"] in "$7.50"]
        lines = page.lines + page.rects
        deleted = [c for c in page.extract_words(extra_attrs=["non_stroking_color"])
                   if c["text"] == "$7.50"]
    assert chars and deleted
    word = deleted[0]
    # red text...
    assert word["non_stroking_color"] and word["non_stroking_color"][0] > 0.5
    # ...with a line through the middle of it (not colour alone)
    mid = (word["top"] + word["bottom"]) / 2
    assert any(abs((ln["top"] + ln["bottom"]) / 2 - mid) < 2 and ln["x0"] <= word["x0"] + 1
               and ln["x1"] >= word["x1"] - 1 for ln in lines)


def test_member_pdf_leaks_nothing_internal(tmp_path: Path) -> None:
    texts, _, out = _pdf(tmp_path, MEMBERS)
    with pdfplumber.open(out) as pdf:
        meta = " ".join(str(v) for v in pdf.metadata.values())
    blob = "\n".join(texts) + meta
    for marker in (COMMENT_MARKER, AUTHOR_MARKER, PATH_MARKER, "disputed"):
        assert marker not in blob
    assert NOTE_TEXT in blob


def test_internal_pdf_shows_comments_and_status(tmp_path: Path) -> None:
    texts, (rows,), _ = _pdf(tmp_path, INTERNAL)
    blob = "\n".join(texts)
    assert COMMENT_MARKER in blob and "Status" in rows[0]
    assert any(r[-1] == "disputed" for r in rows)


def test_missing_glyphs_get_a_readable_stand_in() -> None:
    latin = PdfFont("Helvetica", "", "", "", lambda code: code < 256)
    assert printable("$7.50 → $10.00 “x” ‑", latin) == '$7.50 -> $10.00 "x" -'
    assert printable("plain", latin) == "plain"
    assert printable("漢", latin) == "?"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.refs: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        for key in ("src", "href"):
            if a.get(key):
                self.refs.append(a[key] or "")
        if tag in ("del", "ins"):
            self._open = tag
            self.marks.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("del", "ins"):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, text = self.marks[-1]
            self.marks[-1] = (tag, text + data)


@pytest.mark.parametrize("options", [MEMBERS, INTERNAL], ids=["members", "internal"])
def test_html_is_self_contained_and_holds_every_change(options: ExportOptions) -> None:
    view = build_view(sample_comparison(), options, sample_annotations())
    page = render_html(view)
    parser = _Collect()
    parser.feed(page)
    parser.close()
    assert "script" not in parser.tags and "link" not in parser.tags
    assert all(ref.startswith("#") for ref in parser.refs)
    for row in view.rows:
        assert f"chg-{row.change.id}" in parser.ids
        assert f'href="#chg-{row.change.id}"' in page
    assert ("del", "$7.50") in parser.marks and ("ins", "$10.00") in parser.marks
    assert 'name="viewport"' in page and "@media (max-width: 700px)" in page
    assert "Side by side" in page and "Inline" in page
    if options is MEMBERS:
        for marker in (COMMENT_MARKER, AUTHOR_MARKER, PATH_MARKER, "disputed"):
            assert marker not in page
        assert ("del", "one-half") not in parser.marks
    else:
        assert COMMENT_MARKER in page and ("del", "one-half") in parser.marks


def test_an_export_with_no_matching_change_says_so_in_every_format(tmp_path: Path) -> None:
    opts = ExportOptions(categories=("no_such_category",))
    paths = write_exports(sample_comparison(), docx=tmp_path / "r.docx", pdf=tmp_path / "s.pdf",
                          html=tmp_path / "s.html", summary_docx=tmp_path / "s.docx",
                          options=opts)
    assert [p.name for p in paths] == ["r.docx", "s.docx", "s.pdf", "s.html"]
    with pdfplumber.open(tmp_path / "s.pdf") as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "No changes match this export's filters." in text
    assert "No article has a change this export lists." in text
    assert "No changes match" in (tmp_path / "s.html").read_text(encoding="utf-8")
