"""The member summary as DOCX: cover, table of changes by category, changed articles.

Printed, not tracked: deletions are struck through in red and insertions underlined in blue
(never colour alone, so a black-and-white printout still reads). Internal exports attach the
annotations as Word comments; member exports carry member notes only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from cbadiff.export.docx_common import (
    add_page_footer,
    anchor_comment,
    cell_margins,
    clean,
    keep_row_together,
    repeat_header_row,
)
from cbadiff.export.redline import (
    DELETE,
    INSERT,
    SUMMARY_WHOLE_LIMIT,
    Gap,
    Para,
    display_runs,
    excerpt,
    move_note,
    pair_paras,
    table_grid,
)
from cbadiff.export.summary import (
    NO_ARTICLES,
    ExportView,
    category_counts,
    cover_intro,
    cover_lines,
    table_columns,
    table_rows,
)

RED = RGBColor(0xB0, 0x00, 0x20)
BLUE = RGBColor(0x00, 0x3D, 0xA5)
GREY = RGBColor(0x60, 0x60, 0x60)


class _Writer:
    def __init__(self, view: ExportView) -> None:
        self.view = view
        self.doc = Document()

    def runs(self, paragraph: Any, para: Para, comments: dict[str, Sequence[Any]]) -> None:
        spans: dict[str, list[Any]] = {}
        note = move_note(para)
        if note:
            marker = paragraph.add_run(note)
            marker.italic = True
            marker.font.color.rgb = GREY
        for run in display_runs(para):
            r = paragraph.add_run(clean(run.text))
            if run.tag is DELETE:
                r.font.strike = True
                r.font.color.rgb = RED
            elif run.tag is INSERT:
                r.font.underline = True
                r.font.color.rgb = BLUE
            if run.change_id and run.change_id in comments:
                spans.setdefault(run.change_id, []).append(r._r)
        for cid, els in spans.items():
            anchor_comment(
                self.doc,
                els[0],
                els[-1],
                comments[cid],
                with_author=self.view.options.internal,
                fallback_author=self.view.options.author,
            )

    def cover(self) -> None:
        doc, view = self.doc, self.view
        title = "Summary of changes" if not view.options.internal else "Changes (internal)"
        doc.add_heading(title, level=0)
        for label, text in cover_lines(view):
            p = doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(clean(text))
        doc.add_paragraph(clean(cover_intro(view)))
        legend = doc.add_paragraph()
        legend.add_run("How to read the redline: deleted words are ")
        r = legend.add_run("struck through")
        r.font.strike = True
        r.font.color.rgb = RED
        legend.add_run(" (red); new words are ")
        r = legend.add_run("underlined")
        r.font.underline = True
        r.font.color.rgb = BLUE
        legend.add_run(" (blue).")
        counts = category_counts(view)
        if counts:
            doc.add_heading("At a glance", level=2)
            self._table(
                ("Subject", "Changes", "Articles"),
                [(name, str(n), str(a)) for name, n, a in counts],
                (Cm(10.0), Cm(2.5), Cm(2.5)),
            )
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _cell_style(self) -> Any:
        styles = self.doc.styles
        if "CBA Table Text" not in [st.name for st in styles]:
            style = styles.add_style("CBA Table Text", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.size = Pt(9)
            style.paragraph_format.space_after = Pt(0)
        return styles["CBA Table Text"]

    def _table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
               widths: Sequence[Any]) -> None:
        """A grid table whose header repeats on each page; widths on the grid and each cell,
        because LibreOffice reads the grid and Word the cells."""
        # the style id set on the XML directly: python-docx's paragraph.style setter scans every
        # style on each call, which made a 1,000-row table take seconds
        style = self._cell_style().style_id
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.autofit = False
        cell_margins(table)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for cell, name, width in zip(table.rows[0].cells, header, widths, strict=True):
            cell.width = width
            para = cell.paragraphs[0]
            para._p.style = style
            para.add_run(clean(name)).bold = True
        keep_row_together(table.rows[0])
        repeat_header_row(table.rows[0])
        for values in rows:
            new_row = table.add_row()
            keep_row_together(new_row)
            for cell, text, width in zip(new_row.cells, values, widths, strict=True):
                cell.width = width
                para = cell.paragraphs[0]
                para._p.style = style
                para.add_run(clean(text))

    def table(self) -> None:
        doc, view = self.doc, self.view
        doc.add_heading("Changes by category", level=1)
        columns = table_columns(view)
        widths = [Cm(17.0 * c.width) for c in columns]
        if not view.rows:
            doc.add_paragraph("No changes match this export's filters.")
        for category, rows in view.by_category():
            doc.add_heading(clean(category), level=2)
            self._table([c.name for c in columns], table_rows(view, rows), widths)

    def articles(self) -> None:
        doc, view = self.doc, self.view
        comments: dict[str, Sequence[Any]] = {}
        if view.options.comments:
            comments = {r.change.id: r.comments for r in view.rows if r.comments}
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading("Changed articles", level=1)
        if not view.pairs:
            doc.add_paragraph(NO_ARTICLES)
        for pv in view.pairs:
            doc.add_heading(clean(pv.title), level=2)
            for note in pv.member_notes:
                p = doc.add_paragraph()
                p.add_run("Note: ").bold = True
                p.add_run(clean(note)).italic = True
            for ann in pv.comments:
                p = doc.add_paragraph()
                p.add_run(f"Comment [{ann.status}]: ").bold = True
                p.add_run(clean(ann.comment))
            for row in pv.rows:
                if row.member_note:
                    p = doc.add_paragraph()
                    p.add_run("Note: ").bold = True
                    p.add_run(clean(f"{row.what} — {row.member_note}")).italic = True
            paras = pair_paras(view.comparison, pv.pair, view.selected)
            last = None
            for item in excerpt(paras, whole_limit=SUMMARY_WHOLE_LIMIT):
                if isinstance(item, Gap):
                    last = doc.add_paragraph()
                    r = last.add_run(item.text)
                    r.italic = True
                    r.font.color.rgb = GREY
                    continue
                if item.table:
                    if last is not None:
                        last.paragraph_format.keep_with_next = True  # caption stays with it
                    self.grid(item, comments)
                    last = None
                    continue
                last = doc.add_paragraph()
                self.runs(last, item, comments)

    def grid(self, para: Para, comments: dict[str, Sequence[Any]]) -> None:
        """A table block as a Word table, its cells keeping their strike and underline."""
        rows = table_grid(para)
        n = max((len(r) for r in rows), default=1)
        first = 0.3 if n > 2 else 1.0 / n
        widths = [Cm(17.0 * first)] + [Cm(17.0 * (1 - first) / (n - 1))] * (n - 1)
        style = self._cell_style().style_id
        table = self.doc.add_table(rows=0, cols=n)
        table.style = "Table Grid"
        table.autofit = False
        cell_margins(table)
        for column, width in zip(table.columns, widths, strict=False):
            column.width = width
        for i, row in enumerate(rows):
            keep_row_together(table.add_row())
            cells = table.rows[-1].cells
            if i == 0 and len(rows) > 2:
                repeat_header_row(table.rows[0])
            for j, (cell, width) in enumerate(zip(cells, widths, strict=False)):
                cell.width = width
                paragraph = cell.paragraphs[0]
                paragraph._p.style = style
                if j < len(row):
                    self.runs(paragraph, Para(row[j]), comments)
        self.doc.add_paragraph()  # Word needs a paragraph between two tables

    def build(self) -> Any:
        doc = self.doc
        section = doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.left_margin = section.right_margin = Cm(2.0)
        doc.styles["Normal"].font.size = Pt(10.5)
        doc.core_properties.title = clean(f"Summary of changes: {self.view.new_title}")
        doc.core_properties.author = self.view.options.author
        doc.core_properties.last_modified_by = self.view.options.author
        doc.core_properties.created = self.view.prepared  # not the template's 2013 date
        doc.core_properties.modified = self.view.prepared
        doc.core_properties.comments = ""
        add_page_footer(section)
        self.cover()
        self.table()
        self.articles()
        return doc


def write_member_docx(view: ExportView, target: Path) -> None:
    """Write the member summary DOCX to ``target``."""
    _Writer(view).build().save(str(target))
