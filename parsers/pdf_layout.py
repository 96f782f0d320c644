"""From a PDF's printed lines to the paragraph stream: noise out, footnotes apart, lines joined.

Runs on the text-only :class:`~parsers.pdf_lines.PageLines` of the whole document (page objects are
closed by then), because what is noise is a property of the document: a line is a running header
or footer when it recurs at the top or bottom of many pages (digits ignored, so "Page 3 of 40" and
"- 12 -" recur too), not because it sits inside a fixed margin. Footnotes are the small-type block
at the foot of a page that starts with a marker. Paragraph breaks come from the document's own
line pitch, indentation and short last lines.

Pure Python: no PDF library is imported here.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from parsers.pdf_lines import Line, PageLines, is_figure
from parsers.stream import FootnoteText, Item, Para, Style, Table
from parsers.structure import is_toc_line, match_heading, split_clause_label
from parsers.textutil import Vocabulary, join_lines

EDGE_LINES = 4  # how many lines at the top and at the bottom of a page may be running lines
_POSITION_TOLERANCE = 14.0  # points a running line may wander between pages
_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-–—|.]*(?:page|pg\.?|p\.)?\s*(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—|.]*(?:page)?\s*$",
    re.IGNORECASE,
)
_FOOTNOTE_LABEL_RE = re.compile(r"^(?P<label>\d{1,2}|[*†‡§])(?:\s+(?P<text>\S.*))?$")
_SENTENCE_END = re.compile(r"[.:;!?][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class _Metrics:
    """Document-wide typography, measured once: what "body text" looks like here."""

    body_size: float
    pitch_ratio: float  # baseline distance between wrapped body lines / font size


def _norm(text: str, *, digits: bool = False) -> str:
    """Comparable form of a line: case, quotes and spacing ignored, and digits too unless
    ``digits`` (so "Page 3 of 40" and "Page 4 of 40" are one running line)."""
    text = re.sub(r"[“”‘’'`]", '"', text.lower())
    if not digits:
        text = re.sub(r"\d+", "#", text)
    return re.sub(r"\s+", " ", text).strip()


def is_page_number(text: str) -> bool:
    """"12", "- 12 -", "-iii-", "Page 3 of 40", "3/40": a page number and nothing else."""
    return bool(_PAGE_NUMBER_RE.match(text.strip()))


def find_running_lines(pages: Sequence[PageLines]) -> tuple[set[tuple[int, int]], list[Line]]:
    """Indices (page, line) of running headers, footers and page numbers, and the running lines
    that name a unit (an exhibit whose only heading is its running footer)."""
    drop: set[tuple[int, int]] = set()
    seen: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for pl in pages:
        order = sorted(range(len(pl.lines)), key=lambda i: -pl.lines[i].y)
        edges = order[:EDGE_LINES] + [i for i in order[-EDGE_LINES:] if i not in order[:EDGE_LINES]]
        extreme = set(order[:2] + order[-2:])
        keys_here: dict[str, list[int]] = defaultdict(list)
        for i in edges:
            line = pl.lines[i]
            if i in extreme and is_page_number(line.text):
                drop.add((pl.page, i))
                continue
            key = _norm(line.text)
            if len(key) < 2:
                continue
            keys_here[_norm(line.text, digits=True)].append(i)
            seen[key].append((pl.page, i, line.y))
        for idxs in keys_here.values():
            if len(idxs) > 1 and match_heading(pl.lines[idxs[0]].text) is not None:
                # a heading printed at the top of a page and again at its foot: a footer
                low = min(idxs, key=lambda i: pl.lines[i].y)
                drop.add((pl.page, low))
    threshold = 3 if len(pages) >= 6 else 2
    pages_by_no = {pl.page: pl for pl in pages}
    naming: list[Line] = []
    for hits in seen.values():
        pages_hit = {p for p, _, _ in hits}
        if len(pages_hit) < threshold:
            continue
        median_y = statistics.median(y for _, _, y in hits)
        near = [(p, i) for p, i, y in hits if abs(y - median_y) <= _POSITION_TOLERANCE]
        if len({p for p, _ in near}) < threshold:
            continue
        texts = {pages_by_no[p].lines[i].text.strip() for p, i in near}
        if len(texts) > 1 and all(_names_unit(t) for t in texts):
            continue  # "Sideletter No. 4", "Sideletter No. 8" atop their pages: headings
        drop.update(near)
        near_pages = {p for p, _ in near}
        for p, i in sorted(near):
            if p - 1 in near_pages:
                continue  # only the first page of each run of pages opens the unit
            line = pages_by_no[p].lines[i]
            if match_heading(line.text) is not None:
                naming.append(line)
    return _edge_runs(pages, drop), naming


def _names_unit(text: str) -> bool:
    """A heading line, perhaps behind a margin line number ("1 APPENDIX A-2: ...")."""
    if match_heading(text) is not None:
        return True
    head = text.split(maxsplit=1)
    return len(head) == 2 and head[0].isdigit() and match_heading(head[1]) is not None


def _edge_runs(pages: Sequence[PageLines], drop: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Keep only running lines that sit at the edge of their page, with nothing but other
    running lines between them and the edge: a repeated line under a page's own heading (a
    "Dated as of ..." line on every sideletter) is text, not a header."""
    kept: set[tuple[int, int]] = set()
    for pl in pages:
        order = sorted(range(len(pl.lines)), key=lambda i: -pl.lines[i].y)
        for seq in (order, order[::-1]):
            for i in seq:
                if (pl.page, i) not in drop:
                    break
                kept.add((pl.page, i))
    return kept


def line_number_column(lines: Sequence[Line]) -> float | None:
    """The x where a page prints margin line numbers (1, 2, 3 ... counting up), if it does."""
    numbered: list[tuple[int, int]] = []
    for k, line in enumerate(lines):
        head = line.text.split(maxsplit=1)
        if head and head[0].isdigit() and len(head[0]) <= 3:
            numbered.append((k, int(head[0])))
    if len(numbered) < 5 or len(numbered) < 0.6 * len(lines):
        return None
    steps = sum(1 for (_, a), (_, b) in itertools.pairwise(numbered) if b == a + 1)
    if steps < 0.7 * (len(numbered) - 1):
        return None
    return max(lines[k].x0 for k, _ in numbered)  # numbers align right: one digit is rightmost


def strip_line_numbers(lines: Sequence[Line], column: float | None = None) -> list[Line]:
    """Remove the line numbers printed in the margin of some agreements (1, 2, 3 ... per page).

    Recognised on a page where most lines start with a number and those numbers count up by
    one; ``column`` (the document's line-number x, from other pages) also catches them on pages
    where a table or a picture interrupts the count. A line holding nothing but its number is
    dropped.
    """
    here = line_number_column(lines)
    x = here if here is not None else column
    if x is None:
        return list(lines)
    out: list[Line] = []
    for line in lines:
        head = line.text.split(maxsplit=1)
        if line.x0 <= x + 3 and head and head[0].isdigit() and int(head[0]) <= 99:
            if len(head) == 2:
                cells = line.cells[1:] if line.cells and line.cells[0][2] == head[0] else ()
                out.append(replace(line, text=head[1], cells=cells))
            continue
        out.append(line)
    return out


def measure(pages: Sequence[PageLines]) -> _Metrics:
    sizes: Counter[float] = Counter()
    for pl in pages:
        for line in pl.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    ratios: list[float] = []
    for pl in pages:
        for a, b in itertools.pairwise(pl.lines):
            if abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6:
                gap = a.y - b.y
                if 0.8 * body < gap < 2.2 * body:
                    ratios.append(gap / body)
    pitch = statistics.median(ratios) if ratios else 1.2
    return _Metrics(body, pitch)


def split_footnotes(
    lines: list[Line], page: int
) -> tuple[list[Line], list[FootnoteText]]:
    """Separate the footnote block at the foot of a page from its body lines."""
    if len(lines) < 2:
        return lines, []
    # The body size is judged on the upper part of the page: a long footnote can outweigh a
    # few body lines, but it never sits above them.
    top = sorted(lines, key=lambda ln: -ln.y)[: max(2, len(lines) // 2)]
    sizes: Counter[float] = Counter()
    for line in top:
        sizes[round(line.size * 2) / 2] += len(line.text)
    body = sizes.most_common(1)[0][0]
    order = sorted(range(len(lines)), key=lambda i: lines[i].y)  # bottom first
    block: list[int] = []
    for i in order:
        if lines[i].size < body * 0.95:
            block.append(i)
        else:
            break
    if not block or len(block) == len(lines):
        return lines, []
    block.sort(key=lambda i: -lines[i].y)  # top of the block first
    first = lines[block[0]]
    tiny_label = first.text.strip().isdigit() and first.size < body * 0.75
    if not tiny_label and not _FOOTNOTE_LABEL_RE.match(first.text):
        return lines, []
    notes: list[FootnoteText] = []
    label: str | None = None
    text: list[str] = []
    for i in block:
        line = lines[i]
        stripped = line.text.strip()
        m = _FOOTNOTE_LABEL_RE.match(stripped)
        starts = (stripped.isdigit() and line.size < body * 0.75) or (
            m is not None and not tiny_label and line.x0 <= first.x0 + 2
        )
        if starts and m is not None:
            if label is not None:
                notes.append(FootnoteText(label, join_lines(text), page))
            label, text = m.group("label"), [m.group("text") or ""]
        else:
            text.append(stripped)
    if label is not None:
        notes.append(FootnoteText(label, join_lines(text), page))
    keep = set(block)
    return [ln for k, ln in enumerate(lines) if k not in keep], notes


@dataclass
class _Open:
    lines: list[Line]
    page: int


def _starts_block(text: str) -> bool:
    label, _ = split_clause_label(text)
    return label is not None or match_heading(text) is not None


class ParagraphBuilder:
    """Joins lines into paragraphs page by page; a paragraph may run on across a page break."""

    def __init__(self, metrics: _Metrics, vocabulary: Vocabulary) -> None:
        self.metrics = metrics
        self.vocabulary = vocabulary
        self.items: list[Item] = []
        self.open: _Open | None = None
        self._page_metrics: tuple[int, float, float, float, float | None] | None = None

    def _flush(self) -> None:
        if self.open is None:
            return
        lines = self.open.lines
        text = join_lines([ln.text for ln in lines], self.vocabulary)
        refs = tuple(r for ln in lines for r in ln.footnote_refs)
        first = lines[0]
        style = Style(
            bold=first.bold,
            size=round(first.size, 1),
            body_size=self.metrics.body_size,
            all_caps=text.upper() == text and text.lower() != text,
        )
        if text.strip():
            self.items.append(Para(text, self.open.page, style, footnote_refs=refs))
        self.open = None

    def add_item(self, item: Item) -> None:
        self._flush()
        last = self.items[-1] if self.items else None
        if isinstance(item, Table) and isinstance(last, Table) and _same_columns(last, item):
            rows = item.rows[1:] if item.rows[0] == last.rows[0] else item.rows
            self.items[-1] = Table(last.rows + rows, last.page)  # a table run on over a page
            return
        self.items.append(item)

    def add_page(self, page: PageLines, lines: Sequence[Line]) -> None:
        if not lines:
            return
        if self._page_metrics is None or self._page_metrics[0] != page.page:
            self._page_metrics = (page.page, *self._measure_page(page, lines))
        _, left, right, width, pitch = self._page_metrics
        prev: Line | None = None
        for line in lines:
            if prev is None:
                if self.open is not None and not self._continues(
                    self.open.lines[-1], line, left, width
                ):
                    self._flush()
            elif self._breaks(prev, line, right, width, pitch):
                self._flush()
            if self.open is None:
                self.open = _Open([line], line.page)
            else:
                self.open.lines.append(line)
            prev = line

    def _measure_page(
        self, page: PageLines, lines: Sequence[Line]
    ) -> tuple[float, float, float, float | None]:
        """(left, right, text width, line pitch) of a page's body text."""
        every = page.lines or tuple(lines)
        body = [ln for ln in every if abs(ln.size - self.metrics.body_size) < 1.0] or list(every)
        left = min(ln.x0 for ln in body)
        right = sorted(ln.x1 for ln in body)[int(len(body) * 0.9) - 1 if len(body) > 1 else 0]
        return left, right, max(right - left, 1.0), _page_pitch(every)

    def _continues(self, last: Line, line: Line, left: float, width: float) -> bool:
        """Whether the first line of a page carries on the paragraph the previous page ended."""
        if _SENTENCE_END.search(last.text) or is_toc_line(last.text):
            return False
        if last.x1 - last.x0 < 0.6 * width:
            return False  # a short last line (a date on a cover, a signature) ends its paragraph
        if _starts_block(line.text) or line.bold != last.bold:
            return False
        indent_ok = line.x0 <= left + 0.6 * line.size or abs(line.x0 - last.x0) <= 2.0
        return indent_ok and abs(line.size - last.size) < 1.0

    def _breaks(
        self, prev: Line, line: Line, right: float, width: float, pitch: float | None
    ) -> bool:
        size = max(line.size, 1.0)
        gap = prev.y - line.y
        if gap < -1.0:
            return True  # back up the page: a new column or a block placed out of order
        expected = self.metrics.pitch_ratio * size
        if pitch is not None:
            expected = min(expected, pitch)
        if gap > 1.45 * expected:
            return True
        if abs(prev.size - line.size) > 0.12 * max(prev.size, line.size):
            return True
        if is_toc_line(prev.text):
            return True
        if prev.text.endswith("_____") or line.text.startswith("_____"):
            return True  # a signature or fill-in blank stands on its own line
        short = prev.x1 < right - 0.2 * width
        if short and abs(prev.x0 - line.x0) > 0.25 * width:
            return True  # a centred or right-set line (heading, date) stands alone
        ends = bool(_SENTENCE_END.search(prev.text))
        if prev.bold != line.bold and (short or ends or match_heading(prev.text) is not None):
            return True
        if match_heading(prev.text) is not None and not _heading_goes_on(prev, line):
            return True
        if _starts_block(line.text) and (short or ends):
            return True
        if line.x0 > prev.x0 + 0.6 * size and short and ends:
            return True
        if ends and line.x0 < prev.x0 - 0.6 * size and prev.x1 < right - 2 * size:
            return True  # back out to the margin after a finished, indented item
        if prev.x1 - prev.x0 < 0.6 * width and not prev.text.endswith((",", "-", "\ufffe")):
            first = line.text[:1]
            if first.isupper() or first.isdigit() or first in "(\"“":
                return True  # a short line and a capital: address lines, "Re:", salutations
        return short and ends and prev.x1 < right - 0.3 * width

    def finish(self) -> list[Item]:
        self._flush()
        return self.items


def _heading_goes_on(prev: Line, line: Line) -> bool:
    """Whether ``line`` continues the heading ``prev`` (a title wrapped in the same type)."""
    if prev.bold and line.bold:
        return True
    return prev.text.isupper() and line.text.isupper() and len(line.text) < 60


def _same_columns(a: Table, b: Table) -> bool:
    return bool(a.rows and b.rows) and len(a.rows[0]) == len(b.rows[0])


def _page_pitch(lines: Sequence[Line]) -> float | None:
    """The usual baseline distance between wrapped lines on this page, when it can be measured.

    Measured per page rather than from the font size, because OCR text layers report sizes that
    have nothing to do with the printed line spacing.
    """
    gaps = sorted(
        a.y - b.y for a, b in itertools.pairwise(lines) if 0.5 < a.y - b.y < 80
    )
    if len(gaps) < 4:
        return None
    return float(gaps[len(gaps) // 4])


def find_tables(lines: Sequence[Line], page: int) -> list[tuple[int, int, Table | list[str]]]:
    """Runs of lines that are table rows: (first index, end index, the table).

    A run is two or more consecutive lines split into two or more cells by wide gaps, at least
    one of them holding two or more figures, or three or more rows of words in aligned columns.
    Columns come from the row with the most cells; each cell of another row joins the column it
    overlaps most. Words in columns without a heading row (a signatory list printed row by row)
    come back as the list of their cells read column by column.
    """
    found: list[tuple[int, int, Table | list[str]]] = []
    k = 0
    while k < len(lines):
        if len(lines[k].cells) < 2:
            k += 1
            continue
        end = k
        while end < len(lines):
            if len(lines[end].cells) >= 2 or _orphan_cell(lines, end):
                end += 1
            else:
                break
        while end > k and len(lines[end - 1].cells) < 2:
            end -= 1  # a run ends on a row, not on a wrapped cell
        run = lines[k:end]
        if _is_table(run):
            table = _grid(run, page)
            if table is not None and _is_column_list(run, table):
                found.append((k, end, [c for col in zip(*table.rows, strict=True) for c in col if c]))
            elif table is not None:
                found.append((k, end, table))
        k = max(end, k + 1)
    return found


def _is_table(run: Sequence[Line]) -> bool:
    """Two or more rows with figures in two cells, or three or more rows of words whose cells
    line up in the same number of columns (a list of names and places); not a contents list."""
    rows = [ln for ln in run if len(ln.cells) >= 2]
    if len(rows) < 2:
        return False
    figures = [sum(1 for c in ln.cells if is_figure(c[2].split()[-1])) for ln in rows]
    if max(figures) >= 2:
        return True
    if len(rows) < 3:
        return False
    for ln in rows:
        if any(len(c[2]) > 48 for c in ln.cells) or split_clause_label(ln.cells[0][2] + " x")[0]:
            return False  # prose, or a clause number set off by a tab: not a table of words
    width = max(len(ln.cells) for ln in rows)
    aligned = sum(1 for ln in rows if len(ln.cells) == width)
    page_numbers = sum(1 for ln in rows if ln.cells[-1][2].isdigit())
    return aligned >= 0.8 * len(rows) and page_numbers < 0.8 * len(rows)


def _is_column_list(run: Sequence[Line], table: Table) -> bool:
    """Names set in columns: no figures and no heading row set off in bold."""
    if run[0].bold or any(is_figure(c.split()[-1]) for row in table.rows for c in row if c):
        return False
    return all(not ln.bold for ln in run)


def _orphan_cell(lines: Sequence[Line], k: int) -> bool:
    """A short line between table rows: a cell's text wrapped onto its own line."""
    line = lines[k]
    if len(line.cells) >= 2 or len(line.text) > 40:
        return False
    return any(len(ln.cells) >= 2 for ln in lines[k + 1 : k + 3])


def _grid(run: Sequence[Line], page: int) -> Table | None:
    template = max(run, key=lambda ln: len(ln.cells)).cells
    rows: list[list[str]] = []
    row_y: list[float] = []
    orphans: list[Line] = []
    for line in run:
        if len(line.cells) < 2:
            orphans.append(line)
            continue
        row = [""] * len(template)
        for x0, x1, text in line.cells:
            row[_column(template, x0, x1)] += f" {text}"
        rows.append([c.strip() for c in row])
        row_y.append(line.y)
    for line in orphans:  # wrapped cell text joins the nearest row, above or below it
        r = min(range(len(rows)), key=lambda j: abs(row_y[j] - line.y))
        col = _column(template, line.x0, line.x1)
        text = line.text.strip()
        cell = rows[r][col]
        rows[r][col] = f"{text} {cell}".strip() if line.y > row_y[r] else f"{cell} {text}".strip()
    return table_item([tuple(r) for r in rows], page)


def _column(template: Sequence[tuple[float, float, str]], x0: float, x1: float) -> int:
    overlaps = [min(x1, t1) - max(x0, t0) for t0, t1, _ in template]
    best = max(range(len(template)), key=lambda j: overlaps[j])
    if overlaps[best] <= 0:
        mid = (x0 + x1) / 2
        best = min(range(len(template)), key=lambda j: abs(mid - template[j][1]))
    return best


def table_item(rows: Sequence[Sequence[str | None]], page: int) -> Table | None:
    """A :class:`Table` from extracted rows, dropping empty rows and columns; None when trivial."""
    clean = [tuple(" ".join((c or "").split()) for c in row) for row in rows]
    clean = [r for r in clean if any(r)]
    if len(clean) < 2:
        return None
    ncols = max(len(r) for r in clean)
    clean = [r + ("",) * (ncols - len(r)) for r in clean]
    keep = [j for j in range(ncols) if any(r[j] for r in clean)]
    if len(keep) < 2:
        return None
    return Table(tuple(tuple(r[j] for j in keep) for r in clean), page)
