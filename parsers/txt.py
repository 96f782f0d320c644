"""Plain-text agreements: pages, running headers and footers, and paragraphs rebuilt from lines.

Text exports of agreements are laid out for a printer, not for a parser: a form feed ends each
page, every page carries the same footer with its page number, lines are padded with layout
spaces, the table of contents uses dot leaders, and paragraphs are often *not* separated by blank
lines. So besides blank lines this reader ends a paragraph where a heading or a clause label
("Section 4.", "12.3", "a.", "(1)") starts a line, after a heading line, after a short line that
ends a sentence, and around table-of-contents entries; wrapped lines are joined and line-end
hyphens repaired. Markdown heading marks ("### ARTICLE 1") are dropped, keeping the heading.
The same structure detection as for PDF and DOCX then finds the articles.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from parsers.encoding import decode_text
from parsers.errors import ReadError
from parsers.model import Agreement, DocKind, SourceInfo
from parsers.progress import CancelToken, ProgressFn
from parsers.stream import Item, Para
from parsers.structure import build_agreement, is_toc_line, match_heading
from parsers.textutil import join_lines, zero_width_as_space

_MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s+of\s+\d{1,4})?$",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.:;?!][\"'’”)\]]*$")
_LIST_CONTINUES_RE = re.compile(r"(?:;|,)\s*(?:and|or)$|\b(?:and|or)$", re.IGNORECASE)
_STRONG_LABEL_RE = re.compile(r"^(?:Section|SECTION|Sec\.)\s|^\d+(?:\.\d+)+\.?$")
# Labels that may start a paragraph in a text file: structure's typed labels plus the lower-case
# letter forms ("a.", "b)", "1)") that text exports use for lists.
_LINE_LABEL_RE = re.compile(
    r"^(?P<label>(?:Section|SECTION|Sec\.)\s+\d+(?:\.\d+)*[A-Za-z]?\.?|\d+(?:\.\d+)+\.?|\d{1,3}[.)]"
    r"|\([a-z]{1,2}\)|\(\d{1,3}\)|\([ivxlc]+\)|\([A-Z]\)|[A-Za-z][.)])(?:\s+(?P<rest>\S.*))?$"
)
_COLUMN_GAP_RE = re.compile(r"\S {3,}(?=\S)")
_HEADING_CONNECTOR_RE = re.compile(
    r"(?:[/,&\-–—]|\b(?:AND|OF|THE|FOR|TO|IN|OR|ON))$", re.IGNORECASE
)
_MARGIN_NUMBER_RE = re.compile(r"^(\s*)(\d{1,2})(?=\s|$)")
_EDGE_LINES = 3  # lines at the top and bottom of a page that may be a running header/footer
MAX_TEXT_BYTES = 64 * 1024 * 1024  # far beyond any agreement; refuses a wrong file quickly


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # stripped of layout spaces at both ends
    indent: int
    page: int
    heading: bool = False  # marked as a heading by the file itself (Markdown "#")


def read_txt(path: Path, sha256: str, *, progress: ProgressFn, cancel: CancelToken) -> Agreement:
    """Read a text agreement; form feeds are page breaks."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ReadError(
            path,
            f"is {size >> 20} MB of text, far more than any agreement.",
            "Check that this is the agreement file; split it if it holds several documents.",
        )
    text, notices = decode_text(path, path.read_bytes())
    text = zero_width_as_space(text)
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # a final form feed ends the last page; it does not start another
    progress(0.2, "Reading the text file")
    cancel.raise_if_cancelled()
    lines = page_lines(pages)
    cancel.raise_if_cancelled()
    progress(0.6, "Finding paragraphs")
    items: list[Item] = [Para(t, page) for t, page in split_paragraphs(lines)]
    cancel.raise_if_cancelled()
    source = SourceInfo(str(path), DocKind.TXT, sha256, len(pages))
    return build_agreement(items, source, notices)


def _signature(text: str) -> str:
    """A line's form with numbers blanked, so "Page 3" and "Page 4" footers compare equal."""
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def strip_line_numbers(raw: list[str]) -> list[str]:
    """Blank out margin line numbers (pleading paper: "12   text"), keeping the indentation.

    Only a page whose lines mostly start with a number, and whose numbers mostly count up by one,
    is treated so; a numbered list ("1. ...") or a table of steps does not qualify.
    """
    found = [(i, _MARGIN_NUMBER_RE.match(line)) for i, line in enumerate(raw) if line.strip()]
    numbered = [(i, m) for i, m in found if m]
    if len(numbered) < 10 or len(numbered) < 0.6 * len(found):
        return raw
    values = [int(m.group(2)) for _, m in numbered]
    steps = sum(1 for a, b in itertools.pairwise(values) if b == a + 1)
    if steps < 0.7 * (len(values) - 1):
        return raw
    out = list(raw)
    for i, m in numbered:
        out[i] = " " * m.end(2) + raw[i][m.end(2) :]
    return out


def page_lines(pages: list[str]) -> list[Line]:
    """All lines of all pages, minus running headers, footers and page-number lines.

    A header or footer is a line near the top or bottom of a page whose form (numbers blanked)
    recurs on many pages; bare page numbers ("7", "- 7 -", "Page 7 of 80") are dropped there too.
    Blank lines are kept as empty ``Line``s, except at page edges, so a paragraph running on to
    the next page is not cut in two by the page break.
    """
    split = [strip_line_numbers(page.split("\n")) for page in pages]
    edges: list[list[int]] = []
    counts: Counter[str] = Counter()
    for raw in split:
        filled = [i for i, line in enumerate(raw) if line.strip()]
        edge = filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]
        edges.append(sorted(set(edge)))
        counts.update({_signature(raw[i]) for i in set(edge)})
    threshold = max(3, int(0.3 * len(pages)))
    out: list[Line] = []
    for page_no, (raw, edge) in enumerate(zip(split, edges, strict=True), start=1):
        drop = {
            i
            for i in edge
            if (len(pages) >= 3 and counts[_signature(raw[i])] >= threshold)
            or _PAGE_NUMBER_RE.match(raw[i].strip())
        }
        page: list[Line] = []
        for i, line in enumerate(raw):
            if i in drop:
                continue
            heading = bool(_MARKDOWN_HEADING_RE.match(line))
            if heading:
                line = _MARKDOWN_HEADING_RE.sub("", line)
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            page.append(Line(stripped, indent, page_no, heading))
        while page and not page[0].text:
            page.pop(0)
        while page and not page[-1].text:
            page.pop()
        out.extend(page)
    return out


def _typical_width(lines: list[Line]) -> int:
    """The length of a full body line (80th percentile of lines that are not TOC entries)."""
    widths = sorted(
        ln.indent + len(ln.text) for ln in lines if len(ln.text) > 20 and not is_toc_line(ln.text)
    )
    if not widths:
        return 80
    return max(40, widths[int(0.8 * (len(widths) - 1))])


def _is_heading(line: Line) -> bool:
    return line.heading or (match_heading(line.text) is not None and not is_toc_line(line.text))


def _merge_wrapped_toc(lines: list[Line]) -> list[Line]:
    """Join a table-of-contents entry that wraps before its dot leader and page number."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.text
            and line.text
            and is_toc_line(line.text)
            and not is_toc_line(prev.text)
            and line.indent > prev.indent
            and (
                match_heading(prev.text) is not None
                or is_toc_line(out[-2].text if len(out) > 1 else "")
            )
        ):
            out[-1] = Line(f"{prev.text} {line.text}", prev.indent, prev.page, prev.heading)
            continue
        out.append(line)
    return out


def line_label(text: str) -> tuple[str | None, str]:
    """(label, rest) when ``text`` starts with a clause or list label, else (None, text)."""
    m = _LINE_LABEL_RE.match(text)
    if not m:
        return None, text
    return m.group("label"), m.group("rest") or ""


def _columnar(line: Line) -> bool:
    """A row of a table laid out with spaces: two or more wide gaps inside the line."""
    return len(_COLUMN_GAP_RE.findall(line.text)) >= 2


def _heading_continues(heading: Line, line: Line, after: Line | None, width: int) -> bool:
    """A heading wrapped onto a second line: upper case, short, not a heading or label itself.

    Only a heading that is visibly unfinished continues: it has no title yet ("ARTICLE 5"), or it
    ends with a connector ("... OVERPAYMENTS/", "TERMS AND"), or the second line is indented
    under it and stands alone (a blank line follows).
    """
    text = line.text
    found = match_heading(heading.text)
    unfinished = (
        (found is not None and found[2] is None)
        or bool(_HEADING_CONNECTOR_RE.search(heading.text))
        or (line.indent > heading.indent + 4 and (after is None or not after.text))
    )
    return (
        unfinished
        and bool(text)
        and text.isupper()
        and len(text) < 0.7 * width
        and not _SENTENCE_END_RE.search(heading.text)
        and not _is_heading(line)
        and not is_toc_line(text)
        and line_label(text)[0] is None
    )


def _heading_can_start(line: Line, prev: Line, width: int) -> bool:
    """A heading-like line right under text is a heading only when that text is finished.

    "... shall be posted pursuant to / Article 14." is a cross-reference that wrapped, not the
    start of Article 14.
    """
    return bool(
        line.heading
        or line.page != prev.page  # headings often open a page
        or _SENTENCE_END_RE.search(prev.text)
        or prev.indent + len(prev.text) < 0.75 * width
    )


def _starts_block(line: Line, prev: Line, width: int) -> bool:
    """Whether ``line`` begins a new paragraph although no blank line precedes it."""
    if _bare_label(prev):
        return False
    label, _rest = line_label(line.text)
    if label is None:
        return False
    if _STRONG_LABEL_RE.match(label) or _STRONG_LABEL_RE.match(line.text):
        return True
    return bool(
        _SENTENCE_END_RE.search(prev.text)
        or _LIST_CONTINUES_RE.search(prev.text)
        or prev.indent + len(prev.text) < 0.75 * width
        or line.indent < prev.indent
    )


def _bare_label(line: Line) -> bool:
    """A line holding only a label ("Section 3.", "a."): its text follows on the next line."""
    label, rest = line_label(line.text)
    return label is not None and not rest


def split_paragraphs(lines: list[Line]) -> list[tuple[str, int]]:
    """Group lines into paragraphs; return (text, page of its first line) for each."""
    lines = _merge_wrapped_toc(lines)
    width = _typical_width(lines)
    paras: list[tuple[str, int]] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            text = join_lines([ln.text for ln in current])
            if text:
                paras.append((text, current[0].page))
            current.clear()

    for index, line in enumerate(lines):
        if not line.text:
            flush()
            continue
        if _columnar(line):
            flush()
            current.append(line)
            flush()
            continue
        if not current:
            current.append(line)
            if is_toc_line(line.text):
                flush()
            continue
        prev = current[-1]
        if _is_heading(current[0]) and len(current) == 1:
            after = lines[index + 1] if index + 1 < len(lines) else None
            if _heading_continues(prev, line, after, width):
                current.append(line)
                continue
            flush()
        elif len(current) > 1 and _is_heading(current[0]):
            flush()  # a two-line heading is complete
        elif len(current) == 1 and _bare_label(prev) and not _is_heading(line):
            pass
        elif (
            (_is_heading(line) and _heading_can_start(line, prev, width))
            or is_toc_line(line.text)
            or _starts_block(line, prev, width)
            or (_SENTENCE_END_RE.search(prev.text) and prev.indent + len(prev.text) < 0.8 * width)
            or (prev.indent + len(prev.text) < 0.5 * width and not prev.text.endswith((",", "-")))
        ):
            flush()
        current.append(line)
        if is_toc_line(line.text):
            flush()
    flush()
    return paras
