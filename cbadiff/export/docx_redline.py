"""The DOCX redline: every article pair as Word tracked changes a lawyer can accept or reject.

Word-level ``w:ins``/``w:del`` from ``BlockPair.ops``, each with author, date and a unique id;
a whole new or removed paragraph also tracks its paragraph mark. Moves are written as a
deletion plus an insertion where they stand (``w:moveFrom``/``w:moveTo`` need both ends in one
document order, and LibreOffice reads them back as plain changes anyway). Internal exports
carry annotations as real Word comments; member exports carry none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Pt

from cbadiff.annotations import Annotation
from cbadiff.export.docx_common import (
    Element,
    Revisions,
    add_page_footer,
    anchor_comment,
    cell_margins,
    clean,
    keep_row_together,
    text_run,
)
from cbadiff.export.redline import (
    DELETE,
    EQUAL,
    INSERT,
    Para,
    pair_paras,
    tracked_grid,
    whole_tag,
)
from cbadiff.export.summary import ExportView, long_date, pair_title
from cbadiff.model import ArticlePair, Comparison, Status
from parsers.model import Agreement

_WORDS = re.compile(r"\S+|\s+")


def _headings(agreement: Agreement, ids: Sequence[str]) -> str:
    return " / ".join(" ".join(agreement.unit(u).heading.split()) for u in ids)


def heading_runs(comparison: Comparison, pair: ArticlePair) -> list[tuple[Any, str]]:
    """The article heading as equal/delete/insert runs (a retitled article shows both)."""
    old = _headings(comparison.old, pair.old) if pair.old else ""
    new = _headings(comparison.new, pair.new) if pair.new else ""
    if not old and not new:
        return [(EQUAL, pair_title(comparison, pair))]
    if pair.status is Status.ADDED or not old:
        return [(INSERT, new)]
    if pair.status is Status.DELETED or not new:
        return [(DELETE, old)]
    if old == new:
        return [(EQUAL, new)]
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    runs: list[tuple[Any, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append((EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append((DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            runs.append((INSERT, "".join(b[j1:j2])))
    return runs


class _Writer:
    def __init__(self, view: ExportView, annotations: Sequence[Annotation]) -> None:
        self.view = view
        self.options = view.options
        self.doc = Document()
        self.rev = Revisions(self.options.author, view.prepared.strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.notes: dict[str, list[Annotation]] = {}
        self.pair_notes: dict[str, list[Annotation]] = {}
        if self.options.comments:
            for note in annotations:
                if note.orphaned or not (note.comment or note.member_note):
                    continue
                if note.anchor.change_id:
                    self.notes.setdefault(note.anchor.change_id, []).append(note)
                else:
                    self.pair_notes.setdefault(note.anchor.pair_id, []).append(note)

    def comment(self, first: Element, last: Element, notes: Sequence[Annotation]) -> None:
        anchor_comment(
            self.doc,
            first,
            last,
            notes,
            with_author=self.options.internal,
            fallback_author=self.options.author,
        )

    def write_runs(self, p: Element, runs: Sequence[tuple[Any, str, str | None]]) -> None:
        spans: dict[str, list[Element]] = {}
        for tag, text, change_id in runs:
            if tag is EQUAL:
                el = text_run(text)
            else:
                el = self.rev.tracked("w:ins" if tag is INSERT else "w:del", text)
            p.append(el)
            if change_id and change_id in self.notes:
                spans.setdefault(change_id, []).append(el)
        for change_id, els in spans.items():
            self.comment(els[0], els[-1], self.notes[change_id])

    def table(self, para: Para) -> bool:
        """A table block as a Word table with its changes tracked in the cells, a whole row
        added or removed as a tracked row; False when its changes do not fit rows and cells
        (it is then written as text, one line per row)."""
        grid = tracked_grid(para)
        if not grid:
            return False
        width = max(len(row) for row in grid)
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        cell_margins(table)
        for row in grid:
            tr = table.add_row()
            keep_row_together(tr)
            tag = whole_tag(row)
            if para.whole is not EQUAL:
                tag = para.whole
            if tag is not None:
                tr._tr.get_or_add_trPr().append(self.rev.mark("w:ins" if tag is INSERT else "w:del"))
            for j, cell in enumerate(tr.cells):
                p = cell.paragraphs[0]._p
                if tag is not None:
                    self.rev.mark_paragraph(p, "w:ins" if tag is INSERT else "w:del")
                if j < len(row):
                    self.write_runs(p, [(r.tag, r.text, r.change_id) for r in row[j]])
        self.doc.add_paragraph()  # keeps two tables from joining into one
        return True

    def paragraph(self, para: Para) -> None:
        if para.table and self.table(para):
            return
        p = self.doc.add_paragraph()._p
        if para.whole is INSERT:
            self.rev.mark_paragraph(p, "w:ins")
        elif para.whole is DELETE:
            self.rev.mark_paragraph(p, "w:del")
        self.write_runs(p, [(r.tag, r.text, r.change_id) for r in para.runs])

    def pair(self, pair: ArticlePair, selected: frozenset[str] | None) -> None:
        heading = self.doc.add_heading(level=1)
        p = heading._p
        runs = heading_runs(self.view.comparison, pair)
        if pair.status is Status.ADDED:
            self.rev.mark_paragraph(p, "w:ins")
        elif pair.status is Status.DELETED:
            self.rev.mark_paragraph(p, "w:del")
        self.write_runs(p, [(tag, text, None) for tag, text in runs])
        notes = self.pair_notes.get(pair.id)
        if notes:
            kids = [el for el in p if el.tag != p.get_or_add_pPr().tag]
            if kids:
                self.comment(kids[0], kids[-1], notes)
        for para in pair_paras(self.view.comparison, pair, selected, track=True):
            self.paragraph(para)

    def build(self) -> Any:
        view, doc = self.view, self.doc
        doc.styles["Normal"].font.size = Pt(11)
        doc.core_properties.title = clean(f"Redline: {view.old_title} → {view.new_title}")
        doc.core_properties.author = self.options.author
        doc.core_properties.last_modified_by = self.options.author
        doc.core_properties.created = view.prepared  # not the template's 2013 date
        doc.core_properties.modified = view.prepared
        doc.core_properties.comments = ""
        doc.add_heading(clean(f"{view.old_title} → {view.new_title}"), level=0)
        intro = doc.add_paragraph(
            f"Redline prepared {long_date(view.prepared)}. Every change is a tracked change: "
            "use Review ▸ Accept or Reject in Word, or Edit ▸ Track Changes in LibreOffice."
        )
        intro.runs[0].italic = True
        add_page_footer(doc.sections[0])
        # Internal: the full redline, every change. Members: only the selected changes tracked,
        # the rest applied silently, and only the articles they touch.
        if self.options.internal and not (self.options.categories or self.options.statuses):
            for pair in view.comparison.pairs:
                self.pair(pair, None)
        else:
            for pv in view.pairs:
                self.pair(pv.pair, view.selected)
        return doc


def write_docx_redline(
    view: ExportView, target: Path, annotations: Sequence[Annotation] = ()
) -> int:
    """Write the tracked-changes redline to ``target``; returns the number of tracked changes."""
    writer = _Writer(view, annotations)
    doc = writer.build()
    doc.save(str(target))
    return writer.rev.count
