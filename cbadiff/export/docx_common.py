"""OOXML pieces both DOCX exports need and python-docx does not offer.

python-docx writes paragraphs, tables and comments; tracked changes (``w:ins``/``w:del`` with
``w:delText``), field codes for "Page N of M" and comment ranges that span tracked changes are
written here as plain OOXML elements. Only :mod:`cbadiff.export` imports python-docx (for
writing, never for reading agreements).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cbadiff.annotations import Annotation

# XML 1.0 forbids most control characters; a PDF's text layer sometimes carries them.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Element = Any  # lxml element from python-docx (untyped)


def clean(text: str) -> str:
    return _BAD_XML.sub("", text)


def text_run(text: str, *, deleted: bool = False, props: Element | None = None) -> Element:
    """A ``w:r`` holding ``text``; line breaks become ``w:br``; deleted text is ``w:delText``."""
    run = OxmlElement("w:r")
    if props is not None:
        run.append(props)
    for i, line in enumerate(clean(text).split("\n")):
        if i:
            run.append(OxmlElement("w:br"))
        if line:
            t = OxmlElement("w:delText" if deleted else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = line
            run.append(t)
    return run


class Revisions:
    """Hands out unique revision ids and stamps author and date on each tracked change.

    Ids start high so they never collide with comment ids, which python-docx numbers from 0;
    Word rejects a document where two annotations share an id.
    """

    def __init__(self, author: str, date: str, first_id: int = 100_000) -> None:
        self.author = author
        self.date = date
        self._next = first_id
        self.count = 0

    def mark(self, tag: str) -> Element:
        """A ``w:ins`` or ``w:del`` element with a fresh id, the author and the date."""
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self._next))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self._next += 1
        return el

    def tracked(self, tag: str, text: str) -> Element:
        """Text inside a tracked insertion (``w:ins``) or deletion (``w:del``)."""
        self.count += 1
        el = self.mark(tag)
        el.append(text_run(text, deleted=tag == "w:del"))
        return el

    def mark_paragraph(self, p: Element, tag: str) -> None:
        """Track the paragraph mark itself, so rejecting an inserted paragraph removes it."""
        ppr = p.get_or_add_pPr()
        rpr = OxmlElement("w:rPr")
        rpr.append(self.mark(tag))
        ppr.append(rpr)


def add_page_footer(section: Any, prefix: str = "") -> None:
    """A centred "Page N of M" footer built from PAGE and NUMPAGES fields."""
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = para._p
    for text, field in ((f"{prefix}Page ", "PAGE"), (" of ", "NUMPAGES")):
        p.append(text_run(text))
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), f" {field} ")
        fld.append(text_run("1"))
        p.append(fld)


def cell_margins(table: Any, vertical: int = 40, horizontal: int = 90) -> None:
    """Room between a cell's text and its borders (twentieths of a point); "Table Grid" has
    none above or below, so printed rows ran into the lines."""
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, width in (("top", vertical), ("left", horizontal), ("bottom", vertical),
                        ("right", horizontal)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(width))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    # schema order: tblCellMar comes after tblLayout and before tblLook, caption, description
    later = [c for c in tblpr if c.tag in (qn("w:tblLook"), qn("w:tblCaption"),
                                           qn("w:tblDescription"))]
    if later:
        later[0].addprevious(mar)
    else:
        tblpr.append(mar)


def keep_row_together(row: Any) -> None:
    """Never break a table row across two pages (a long classification name split from its
    rates reads as two rows)."""
    trpr = row._tr.get_or_add_trPr()
    trpr.insert(0, OxmlElement("w:cantSplit"))  # first in the schema's order


def repeat_header_row(row: Any) -> None:
    """Repeat a table's first row at the top of every page it runs onto."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def comment_text(note: Annotation, *, with_author: bool) -> str:
    parts = [f"[{note.status}] {note.comment}".strip()]
    if note.member_note:
        parts.append(f"Member note: {note.member_note}")
    if with_author and note.author:
        parts.append(f"— {note.author}")
    return "\n".join(clean(p) for p in parts)


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalpha()).upper()[:4]


def anchor_comment(
    document: Any,
    first: Element,
    last: Element,
    notes: Sequence[Annotation],
    *,
    with_author: bool,
    fallback_author: str,
) -> None:
    """Attach one Word comment per note to the range ``first``..``last`` (siblings in a paragraph).

    python-docx's ``add_comment`` anchors on runs; a tracked change is a ``w:ins``/``w:del``
    wrapping runs, so the range markers are placed around the wrappers here instead.
    """
    for note in notes:
        author = note.author if with_author and note.author else fallback_author
        comment = document.comments.add_comment(
            text=comment_text(note, with_author=with_author),
            author=author,
            initials=initials(author),
        )
        cid = str(comment.comment_id)
        start = OxmlElement("w:commentRangeStart")
        start.set(qn("w:id"), cid)
        end = OxmlElement("w:commentRangeEnd")
        end.set(qn("w:id"), cid)
        first.addprevious(start)
        last.addnext(end)
        ref_run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "CommentReference")
        rpr.append(style)
        ref_run.append(rpr)
        ref = OxmlElement("w:commentReference")
        ref.set(qn("w:id"), cid)
        ref_run.append(ref)
        end.addnext(ref_run)
