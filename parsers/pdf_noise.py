"""Noise on PDF pages: running headers and footers, page numbers, margin line numbers, footnotes.

What is noise is a property of the document, so it is found across all pages at once (page
objects are closed by then; this works on the text-only :class:`~parsers.pdf_lines.PageLines`): a
line is a running header or footer when it recurs at the top or bottom of many pages (digits
ignored, so "Page 3 of 40" and "- 12 -" recur too), not because it sits inside a fixed margin.
Footnotes are the small-type block at the foot of a page that starts with a marker; margin line
numbers are numbers that count up line by line.

Calls no PDF library.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from parsers.pdf_lines import Line, PageLines
from parsers.stream import FootnoteText
from parsers.structure import match_heading
from parsers.textutil import join_lines

EDGE_LINES = 4  # how many lines at the top and at the bottom of a page may be running lines
_POSITION_TOLERANCE = 14.0  # points a running line may wander between pages
_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-–—|.]*(?:page|pg\.?|p\.)?\s*(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—|.]*(?:page)?\s*$",
    re.IGNORECASE,
)
# "Page 2", "Page 2 of 5": a page number that says so, wherever it sits among a page's edge
# lines (a letter's continuation header prints it under the addressee and the date).
_LABELLED_PAGE_RE = re.compile(r"^(?:page|pg\.?)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
# "12 The budget ...", or "12The budget ..." where pdfium glued the raised label to the note
_FOOTNOTE_LABEL_RE = re.compile(
    r"^(?P<label>\d{1,2}|[*†‡§])(?:(?:\s+|(?=[A-Z“\"]))(?P<text>\S.*))?$"
)


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
    labelled: set[tuple[int, int]] = set()
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
            if _LABELLED_PAGE_RE.match(line.text.strip()):
                # with the lines between it and the edge: a letter's continuation header
                # (addressee, subject, date) above "Page 2", or a footer block below it
                top = order[:EDGE_LINES]
                side = top[: top.index(i) + 1] if i in top else order[order.index(i) :]
                labelled.update((pl.page, k) for k in side)
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
    return _edge_runs(pages, drop) | labelled, naming


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
