"""From a PDF's printed lines to paragraphs: where one paragraph ends and the next begins.

Paragraph breaks come from the document's own typography (measured once, :class:`Metrics`): the
line pitch of each page, indentation, short last lines, a change of type, and lines that start a
clause or a heading. A paragraph may run on across a page break.

Calls no PDF library.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.pdf_lines import Line, PageLines
from parsers.stream import Item, Para, Style, Table
from parsers.structure import is_toc_line, match_heading, split_clause_label
from parsers.textutil import Vocabulary, join_lines

_SENTENCE_END = re.compile(r"[.:;!?][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class Metrics:
    """Document-wide typography, measured once: what "body text" looks like here."""

    body_size: float
    pitch_ratio: float  # baseline distance between wrapped body lines / font size


def measure(pages: Sequence[PageLines]) -> Metrics:
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
    return Metrics(body, pitch)


@dataclass
class _Open:
    lines: list[Line]
    page: int


def _starts_block(text: str) -> bool:
    label, _ = split_clause_label(text)
    return label is not None or match_heading(text) is not None


class ParagraphBuilder:
    """Joins lines into paragraphs page by page; a paragraph may run on across a page break."""

    def __init__(self, metrics: Metrics, vocabulary: Vocabulary) -> None:
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


