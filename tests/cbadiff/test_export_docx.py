"""The DOCX redline and member summary, read back with python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from cbadiff.export import ExportOptions, write_exports
from cbadiff.export.options import Audience
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

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _tracked(path: Path) -> list[tuple[str, str]]:
    """(ins|del, text) of every tracked text change, in document order."""
    body = docx.Document(str(path)).element.body
    out = []
    for el in body.iter(f"{W}ins", f"{W}del"):
        if el.getparent().tag == f"{W}rPr":  # a tracked paragraph mark, not text
            continue
        kind = "ins" if el.tag == f"{W}ins" else "del"
        text = "".join(t.text or "" for t in el.iter(f"{W}t", f"{W}delText"))
        out.append((kind, text))
    return out


def _resolve(path: Path, accept: bool) -> list[str]:
    """Paragraph texts after accepting (or rejecting) every tracked change, as Word would."""
    body = docx.Document(str(path)).element.body
    drop, keep = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    texts = []
    for p in body.iter(f"{W}p"):
        marks = p.findall(f"{W}pPr/{W}rPr/*")
        if any(m.tag == drop for m in marks):
            continue  # the paragraph itself goes
        parts = []
        for t in p.iter(f"{W}t", f"{W}delText"):
            wrapper = next((a for a in t.iterancestors() if a.tag in (drop, keep)), None)
            if wrapper is not None and wrapper.tag == drop:
                continue
            parts.append(t.text or "")
        texts.append("".join(parts))
    return texts


def test_internal_redline_tracks_every_change_with_author_date_and_unique_ids(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    write_exports(sample_comparison(), docx=out, options=INTERNAL, annotations=sample_annotations())
    tracked = _tracked(out)
    assert ("del", "2018 to June 30, 2021") in tracked
    assert ("ins", "2021 to June 30, 2024") in tracked
    assert tracked.index(("del", "$7.50")) + 1 == tracked.index(("ins", "$10.00"))
    assert ("del", "one-half") in tracked and ("ins", "one‑half") in tracked  # cosmetic too
    assert ("ins", " AND OVERTIME") in tracked  # the retitled heading
    assert ("del", "Good Friday is a paid holiday.") in tracked
    assert ("ins", "Employees may work remotely with approval.") in tracked
    body = docx.Document(str(out)).element.body
    marks = list(body.iter(f"{W}ins", f"{W}del"))
    ids = [m.get(qn("w:id")) for m in marks]
    assert len(ids) == len(set(ids))
    assert all(m.get(qn("w:author")) == "CBA Diff" for m in marks)
    assert all(m.get(qn("w:date")) == "2026-03-04T10:30:00Z" for m in marks)
    # deleted text sits in w:delText, never in w:t
    for d in body.iter(f"{W}del"):
        assert not list(d.iter(f"{W}t"))


def test_accepting_all_gives_the_new_text_and_rejecting_all_the_old(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    write_exports(sample_comparison(), docx=out, options=INTERNAL)
    accepted = _resolve(out, accept=True)
    rejected = _resolve(out, accept=False)
    assert "1.1 The meal penalty shall be $10.00 for each half hour." in accepted
    assert "1.1 The meal penalty shall be $7.50 for each half hour." in rejected
    assert "1.3 See § 4 for “remote” work." in accepted
    assert not any("See § 4" in t for t in rejected)
    assert "ARTICLE 3 HOLIDAYS" in rejected and "ARTICLE 3 HOLIDAYS" not in accepted
    assert "ARTICLE 4 REMOTE WORK" in accepted and "ARTICLE 4 REMOTE WORK" not in rejected
    assert "ARTICLE 1 WAGES AND OVERTIME" in accepted and "ARTICLE 1 WAGES" in rejected


def test_internal_annotations_become_word_comments(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    write_exports(sample_comparison(), docx=out, options=INTERNAL, annotations=sample_annotations())
    comments = list(docx.Document(str(out)).comments)
    texts = [c.text for c in comments]
    assert len(comments) == 3
    assert any(COMMENT_MARKER in t and "[disputed]" in t and NOTE_TEXT in t for t in texts)
    assert {c.author for c in comments} == {AUTHOR_MARKER}
    body = docx.Document(str(out)).element.body
    starts = list(body.iter(f"{W}commentRangeStart"))
    assert len(starts) == 3
    # the disputed comment spans exactly the meal penalty change
    start = starts[0]
    span = []
    for sib in start.itersiblings():
        if sib.tag == f"{W}commentRangeEnd":
            break
        span.append("".join(t.text or "" for t in sib.iter(f"{W}t", f"{W}delText")))
    assert span == ["$7.50", "$10.00"]


def test_member_redline_tracks_substantive_changes_only(tmp_path: Path) -> None:
    out = tmp_path / "members.docx"
    write_exports(sample_comparison(), docx=out, options=MEMBERS, annotations=sample_annotations())
    tracked = _tracked(out)
    assert ("del", "$7.50") in tracked
    assert not any("half" in text for _, text in tracked)
    assert "1.2 Overtime is paid at time and one‑half after 8 hours." in _resolve(out, accept=False)
    assert list(docx.Document(str(out)).comments) == []


def _all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                       if n.endswith((".xml", ".rels")))


@pytest.mark.parametrize("kind", ["docx", "summary_docx"])
def test_member_docx_leaks_no_comment_author_or_path(tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.docx"
    write_exports(sample_comparison(), **{kind: out}, options=MEMBERS,  # type: ignore[arg-type]
                  annotations=sample_annotations())
    text = _all_text(out)
    for marker in (COMMENT_MARKER, AUTHOR_MARKER, PATH_MARKER, "disputed"):
        assert marker not in text
    if kind == "summary_docx":
        assert NOTE_TEXT in text


def test_member_docx_can_include_comments_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "s.docx"
    opts = ExportOptions(audience=Audience.MEMBERS, include_comments=True)
    write_exports(sample_comparison(), summary_docx=out, options=opts,
                  annotations=sample_annotations())
    text = _all_text(out)
    assert COMMENT_MARKER in text and AUTHOR_MARKER not in text


def test_member_summary_docx_has_table_redline_and_page_footer(tmp_path: Path) -> None:
    out = tmp_path / "summary.docx"
    write_exports(sample_comparison(), summary_docx=out, options=MEMBERS,
                  annotations=sample_annotations())
    d = docx.Document(str(out))
    rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]
    assert ["Article", "What changed", "Numbers (old → new)", "Member note"] in rows
    assert ["Article 1 — Wages and Overtime", "“$7.50” → “$10.00”", "$7.50 → $10.00",
            NOTE_TEXT] in rows
    struck = [r.text for p in d.paragraphs for r in p.runs if r.font.strike]
    under = [r.text for p in d.paragraphs for r in p.runs if r.font.underline and r.text != "underlined"]
    assert "$7.50" in struck and "$10.00" in under
    assert "one-half" not in struck  # cosmetic: not a member's business
    footer = d.sections[0].footer._element
    instr = [f.get(qn("w:instr")).strip() for f in footer.iter(f"{W}fldSimple")]
    assert instr == ["PAGE", "NUMPAGES"]


def test_internal_summary_docx_carries_annotations_as_word_comments(tmp_path: Path) -> None:
    out = tmp_path / "internal-summary.docx"
    write_exports(sample_comparison(), summary_docx=out, options=INTERNAL,
                  annotations=sample_annotations())
    comments = list(docx.Document(str(out)).comments)
    assert {c.author for c in comments} == {AUTHOR_MARKER}
    assert any(COMMENT_MARKER in c.text and "[disputed]" in c.text for c in comments)
    rows = [[c.text for c in r.cells] for t in docx.Document(str(out)).tables for r in t.rows]
    assert any(r[-1] == "disputed" for r in rows)  # the status column
