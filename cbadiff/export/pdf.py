"""The member summary as PDF (reportlab Platypus): cover, table by category, redlines.

Every page carries "Page N of M": a canvas that holds its pages until the end so the total is
known (the NumberedCanvas recipe). Deleted words are struck through in red and new words
underlined in blue, never colour alone. Text goes through :func:`fonts.printable` so a missing
glyph becomes a readable stand-in instead of a black box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cbadiff.export.fonts import PdfFont, pdf_font, printable
from cbadiff.export.redline import (
    DELETE,
    INSERT,
    SUMMARY_WHOLE_LIMIT,
    Gap,
    Para,
    Run,
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
    row_cells,
    table_columns,
    table_rows,
)

RED = "#b00020"
BLUE = "#003da5"


class _Styles:
    def __init__(self, font: PdfFont) -> None:
        base = ParagraphStyle(
            "body", fontName=font.regular, fontSize=10, leading=13.5, spaceAfter=5
        )
        self.body = base
        self.title = ParagraphStyle(
            "title",
            parent=base,
            fontName=font.bold,
            fontSize=22,
            leading=27,
            spaceAfter=14,
            textColor=colors.HexColor("#1f3864"),
        )
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=font.bold,
            fontSize=15,
            leading=19,
            spaceBefore=10,
            spaceAfter=8,
            keepWithNext=1,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=font.bold,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
            textColor=colors.HexColor("#1f3864"),
        )
        # before a table: no keepWithNext, which would move a long table whole to the next page
        # (a CondPageBreak keeps the heading from ending a page instead)
        self.group = ParagraphStyle("group", parent=self.h2, keepWithNext=0)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=font.bold)
        self.gap = ParagraphStyle(
            "gap", parent=base, fontName=font.italic, textColor=colors.HexColor("#606060")
        )
        self.note = ParagraphStyle(
            "note",
            parent=base,
            leftIndent=10,
            borderColor=colors.HexColor("#999999"),
            borderWidth=0,
            backColor=colors.HexColor("#f3f3f3"),
            borderPadding=4,
        )


def _numbered_canvas(font: PdfFont, footer: str) -> type[canvas.Canvas]:
    class NumberedCanvas(canvas.Canvas):  # type: ignore[misc]  # reportlab is untyped
        """Holds every page until save() so each footer can say "Page N of M"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            self.setFont(font.regular, 8.5)
            self.setFillColor(colors.HexColor("#404040"))
            self.drawCentredString(width / 2, 1.1 * cm, f"Page {self._pageNumber} of {total}")
            if footer:
                self.drawString(2 * cm, 1.1 * cm, footer)

    return NumberedCanvas


class _SummaryTable(Table):  # type: ignore[misc]  # reportlab is untyped
    """A summary table that names its article again where it runs onto a new page.

    The table leaves the article cell blank on each further row of one article; without this,
    a page that starts in the middle of a long article's rows would not say which article it
    is. ``blank_names`` holds, per row, the article name its blank cell stands for ("" when
    the row names it already, and for the header row).
    """

    def __init__(
        self,
        data: list[list[Any]],
        *args: Any,
        blank_names: list[str] | None = None,
        make_cell: Callable[[str], Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, *args, **kwargs)
        self._blank_names = blank_names or []
        self._make_cell = make_cell
        self._cba_args = (args, kwargs)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) != 2 or not self._blank_names or self._make_cell is None:
            return parts
        head, tail = parts
        repeat = self.repeatRows
        rest = len(tail._cellvalues) - repeat
        start = len(self._cellvalues) - rest
        data = [list(row) for row in tail._cellvalues]
        names = self._blank_names[:repeat] + self._blank_names[start:]
        if rest > 0 and names[repeat]:
            data[repeat][0] = self._make_cell(f"{names[repeat]} (continued)")
            names[repeat] = ""
        args, kwargs = self._cba_args
        kwargs = {**kwargs, "colWidths": self._colWidths}
        return [
            head,
            _SummaryTable(data, *args, blank_names=names, make_cell=self._make_cell, **kwargs),
        ]


class _Builder:
    def __init__(self, view: ExportView) -> None:
        self.view = view
        self.font = pdf_font()
        self.s = _Styles(self.font)

    def text(self, text: str) -> str:
        """Escaped paragraph markup for plain text; newlines become line breaks."""
        return escape(printable(text, self.font)).replace("\n", "<br/>")

    def marks(self, runs: Sequence[Run]) -> str:
        parts = []
        for run in runs:
            t = self.text(run.text)
            if run.tag is DELETE:
                parts.append(f'<font color="{RED}"><strike>{t}</strike></font>')
            elif run.tag is INSERT:
                parts.append(f'<font color="{BLUE}"><u>{t}</u></font>')
            else:
                parts.append(t)
        return "".join(parts)

    def redline(self, para: Para) -> list[Any]:
        note = move_note(para)
        prefix = f'<font color="#606060"><i>{self.text(note)}</i></font>' if note else ""
        if para.table:
            return ([Paragraph(prefix, self.s.body)] if prefix else []) + [self.grid(para)]
        return [Paragraph(prefix + self.marks(display_runs(para)), self.s.body)]

    def grid(self, para: Para) -> Table:
        """A table block as a table: rates line up in columns instead of running together."""
        rows = table_grid(para)
        n = max((len(r) for r in rows), default=1)
        width = letter[0] - 4 * cm
        first = 0.3 if n > 2 else 1.0 / n  # the row labels ("Assistant Chief Lighting ...")
        widths = [first * width] + [(1 - first) * width / (n - 1)] * (n - 1) if n > 1 else [width]
        data = [
            [Paragraph(self.marks(cell), self.s.cell) for cell in row] + [""] * (n - len(row))
            for row in rows
        ]
        table = Table(data, colWidths=widths, repeatRows=1 if len(data) > 2 else 0)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#a0a0a0")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        table.spaceAfter = 6
        return table

    def cover(self) -> list[Any]:
        view, s = self.view, self.s
        title = "Summary of changes" if not view.options.internal else "Changes (internal)"
        story: list[Any] = [Paragraph(self.text(title), s.title)]
        for label, text in cover_lines(view):
            story.append(Paragraph(f"<b>{self.text(label)}:</b> {self.text(text)}", s.body))
        story.append(Spacer(1, 8))
        story.append(Paragraph(self.text(cover_intro(view)), s.body))
        story.append(
            Paragraph(
                "How to read the redline: deleted words are "
                f'<font color="{RED}"><strike>struck through</strike></font> (red); new words are '
                f'<font color="{BLUE}"><u>underlined</u></font> (blue).',
                s.body,
            )
        )
        counts = category_counts(view)
        if counts:
            story.append(Paragraph("At a glance", s.h2))
            data = [[Paragraph(t, s.head) for t in ("Subject", "Changes", "Articles")]]
            data += [
                [
                    Paragraph(self.text(name), s.cell),
                    Paragraph(str(n), s.cell),
                    Paragraph(str(a), s.cell),
                ]
                for name, n, a in counts
            ]
            width = letter[0] - 4 * cm
            table = Table(data, colWidths=[0.6 * width, 0.2 * width, 0.2 * width], repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b0b0")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e9f2")),
                    ]
                )
            )
            story.append(table)
        story.append(PageBreak())
        return story

    def table(self) -> list[Any]:
        view, s = self.view, self.s
        story: list[Any] = [Paragraph("Changes by category", s.h1)]
        columns = table_columns(view)
        cols = [c.name for c in columns]
        width = letter[0] - 4 * cm
        fractions = [c.width for c in columns]
        if not view.rows:
            story.append(Paragraph("No changes match this export's filters.", s.body))
        style = TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#808080")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e9f2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
        for category, rows in view.by_category():
            data = [[Paragraph(self.text(c), s.head) for c in cols]]
            blank_names = [""]
            for row, cells in zip(rows, table_rows(view, rows), strict=True):
                data.append([Paragraph(self.text(t), s.cell) for t in cells])
                blank_names.append("" if cells[0] else row_cells(view, row)[0])
            table = _SummaryTable(
                data,
                colWidths=[f * width for f in fractions],
                repeatRows=1,
                style=style,
                blank_names=blank_names,
                make_cell=lambda text: Paragraph(self.text(text), s.cell),
            )
            story.extend([CondPageBreak(3 * cm), Paragraph(self.text(category), s.group), table])
        return story

    def articles(self) -> list[Any]:
        view, s = self.view, self.s
        story: list[Any] = [PageBreak(), Paragraph("Changed articles", s.h1)]
        if not view.pairs:
            story.append(Paragraph(NO_ARTICLES, s.body))
        for pv in view.pairs:
            story.append(Paragraph(self.text(pv.title), s.h2))
            for note in pv.member_notes:
                story.append(Paragraph(f"<b>Note:</b> <i>{self.text(note)}</i>", s.note))
            for ann in pv.comments:
                story.append(
                    Paragraph(
                        f"<b>Comment [{self.text(ann.status)}]:</b> {self.text(ann.comment)}",
                        s.note,
                    )
                )
            for row in pv.rows:
                if row.member_note:
                    story.append(
                        Paragraph(
                            f"<b>Note:</b> <i>{self.text(row.what)} — {self.text(row.member_note)}</i>",
                            s.note,
                        )
                    )
                for ann in row.comments:
                    story.append(
                        Paragraph(
                            f"<b>Comment [{self.text(ann.status)}]:</b> {self.text(ann.comment)}",
                            s.note,
                        )
                    )
            paras = pair_paras(view.comparison, pv.pair, view.selected)
            for item in excerpt(paras, whole_limit=SUMMARY_WHOLE_LIMIT):
                if isinstance(item, Gap):
                    story.append(Paragraph(self.text(item.text), s.gap))
                else:
                    flowables = self.redline(item)
                    if isinstance(flowables[0], Table) and isinstance(story[-1], Paragraph):
                        story[-1].keepWithNext = 1  # a table's caption never ends a page
                    story.extend(flowables)
        return story

    def build(self, target: Path) -> None:
        view = self.view
        doc = SimpleDocTemplate(
            str(target),
            pagesize=letter,
            leftMargin=2 * cm,
            rightMargin=2 * cm,
            topMargin=2 * cm,
            bottomMargin=2 * cm,
            title=printable(f"Summary of changes: {view.new_title}", self.font),
            author=view.options.author,
            subject="",
            creator=view.options.author,
        )
        story = [*self.cover(), *self.table(), *self.articles()]
        footer = printable(view.new_title, self.font)[:60]
        doc.build(story, canvasmaker=_numbered_canvas(self.font, footer))


def write_pdf_summary(view: ExportView, target: Path) -> None:
    """Write the member summary PDF to ``target``."""
    _Builder(view).build(target)
