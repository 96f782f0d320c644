"""Text lines of one PDF page, with the geometry and typography layout analysis needs.

Reads through pypdfium2's text page: the whole page text in one call (``get_text_range``), split
at the line breaks pdfium generates, and a handful of raw ``FPDFText_*`` calls per *line* (never
per character) for position, size and font, because per-character calls through ctypes would cost
more than the whole rest of the reader. Only digits that look like footnote markers get a
per-character size check.

Imports pypdfium2; nothing outside ``parsers`` may import this module's dependencies.
"""

from __future__ import annotations

import bisect
import ctypes
import math
import re
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.textutil import zero_width_as_space

# pdfium writes a hyphen it judged to end a line as U+FFFE (older builds: U+0002), sometimes
# without the line break that should follow it.
SOFT_HYPHENS = "\ufffe\x02"
# A digit glued to the end of a word or punctuation is a footnote marker when it is set smaller.
_MARKER_RE = re.compile(r"(?<=[A-Za-z.,;:)\"”’'])(\d{1,2})(?=[\s,.;:)]|$|[A-Za-z])")
_MARKER_MAX_RATIO = 0.8  # a marker is at most 80 % of the height of the text it follows
# Symbol fonts without a Unicode map come through in the private use area, U+F020-U+F040
# standing for ASCII space, punctuation and digits (U+F02A is "*"); shown as is they are
# invisible boxes. Letters (U+F041-U+F07E) stay: in Wingdings they are check boxes and
# arrows, and a stray "o" or "r" would read as text.
_PRIVATE_GLYPHS = {cp: cp - 0xF000 for cp in range(0xF020, 0xF041)}
_SAME_LINE_TOLERANCE = 2.5  # points between baselines that still count as one line


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line. Coordinates are PDF points, y grows upwards (baseline ``y``)."""

    text: str
    page: int  # 1-based
    x0: float
    x1: float
    y: float
    size: float  # font size in points (from the char box when the font matrix hides it)
    bold: bool
    footnote_refs: tuple[str, ...] = ()
    # Text runs separated by wide gaps, (x0, x1, text): measured only for lines that may be
    # table rows (figures in them, or the heading line above such rows), because it costs two
    # pdfium calls per word.
    cells: tuple[tuple[float, float, str], ...] = ()


@dataclass(frozen=True, slots=True)
class PageLines:
    page: int
    width: float
    height: float
    lines: tuple[Line, ...]
    chars: int  # printable characters on the page; 0 means no text layer (a scan)
    struck: int = 0  # characters printed struck through (a redline's deletions), left out


class Probe:
    """Reusable ctypes out-parameters for the raw pdfium calls (allocating them per call is a
    measurable share of the reader's time)."""

    def __init__(self) -> None:
        self.x = ctypes.c_double()
        self.y = ctypes.c_double()
        self.left = ctypes.c_double()
        self.right = ctypes.c_double()
        self.bottom = ctypes.c_double()
        self.top = ctypes.c_double()
        self.rect = pdfium_c.FS_RECTF()
        self.matrix = pdfium_c.FS_MATRIX()
        self.flags = ctypes.c_int()
        self.name = ctypes.create_string_buffer(128)
        self.fonts: dict[bytes, bool] = {}

    def origin(self, tp: pdfium_c.FPDF_TEXTPAGE, i: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(tp, i, ctypes.byref(self.x), ctypes.byref(self.y))
        return self.x.value, self.y.value

    def right_edge(self, tp: pdfium_c.FPDF_TEXTPAGE, i: int) -> float:
        pdfium_c.FPDFText_GetCharBox(
            tp,
            i,
            ctypes.byref(self.left),
            ctypes.byref(self.right),
            ctypes.byref(self.bottom),
            ctypes.byref(self.top),
        )
        return self.right.value

    def height(self, tp: pdfium_c.FPDF_TEXTPAGE, i: int) -> float:
        pdfium_c.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(self.rect))
        return float(self.rect.top - self.rect.bottom)

    def size(self, tp: pdfium_c.FPDF_TEXTPAGE, i: int) -> float:
        size = float(pdfium_c.FPDFText_GetFontSize(tp, i))
        if size < 2.0:  # a unit font scaled by the text matrix: apply the matrix's scale
            if pdfium_c.FPDFText_GetMatrix(tp, i, ctypes.byref(self.matrix)):
                m = self.matrix
                size *= math.hypot(m.c, m.d)
            if size < 2.0:
                size = self.height(tp, i) / 1.15
        return size

    def bold(self, tp: pdfium_c.FPDF_TEXTPAGE, i: int) -> bool:
        if pdfium_c.FPDFText_GetFontWeight(tp, i) >= 600:
            return True
        pdfium_c.FPDFText_GetFontInfo(tp, i, self.name, 128, ctypes.byref(self.flags))
        key = self.name.value
        known = self.fonts.get(key)
        if known is None:
            name = key.decode("latin-1").lower()
            known = any(w in name for w in ("bold", "black", "heavy", "semibold", ",b"))
            known = known or bool(self.flags.value & (1 << 18))  # ForceBold flag
            self.fonts[key] = known
        return known


def extract_page_lines(page: pdfium.PdfPage, page_no: int, probe: Probe) -> PageLines:
    """Lines of ``page`` in content order, soft-hyphen runs split, superscript markers lifted;
    text printed struck through (a redline's deletions) is left out."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        count = pdfium_c.FPDFText_CountChars(tp)
        text = textpage.get_text_range(0, count) if count > 0 else ""
        text = zero_width_as_space(text).translate(_PRIVATE_GLYPHS)
        lines, sources, pieces, printable = _build_lines(tp, probe, page_no, text)
        struck = _struck_chars(page, tp, probe, pieces)
        if struck:  # blank them (offsets stay valid) and lay the page out again
            chars = list(text)
            for i in struck:
                chars[i] = " "
            text = "".join(chars)
            lines, sources, pieces, _ = _build_lines(tp, probe, page_no, text)
        _measure_cells(tp, probe, lines, sources)
        return PageLines(
            page_no, float(width), float(height), tuple(lines), printable, len(struck)
        )
    finally:
        textpage.close()


def _build_lines(
    tp: pdfium_c.FPDF_TEXTPAGE, probe: Probe, page_no: int, text: str
) -> tuple[list[Line], list[tuple[int, str]], list[tuple[int, str, Line]], int]:
    """(lines, their sources for cell measuring, every piece before merging, printable chars)."""
    lines: list[Line] = []
    sources: list[tuple[int, str]] = []
    pieces: list[tuple[int, str, Line]] = []
    pos = 0
    printable = 0
    for raw_line in text.split("\r\n"):
        start = pos
        pos += len(raw_line) + 2
        stripped = raw_line.strip()
        if not stripped:
            continue
        printable += len(stripped)
        for seg_start, seg_text in _segments(tp, probe, start, raw_line):
            line = _make_line(tp, probe, page_no, seg_start, seg_text)
            if line is not None:
                pieces.append((seg_start, seg_text, line))
                if _append_line(lines, line):
                    sources.append((seg_start, seg_text))
                else:
                    sources[-1] = (sources[-1][0], "")  # merged: no cells for this line
    return lines, sources, pieces, printable


_MAX_RULES = 2000  # thin rules on one page past which it is a drawing: bounds the work
_STRIKE_MAX_THICKNESS = 2.0  # points: a rule drawn through text, not a box or a shaded band


def _struck_chars(
    page: pdfium.PdfPage,
    tp: pdfium_c.FPDF_TEXTPAGE,
    probe: Probe,
    pieces: list[tuple[int, str, Line]],
) -> set[int]:
    """Indices of characters a thin horizontal rule crosses at mid-height: struck through.

    Underlines (below the baseline) and table borders (between lines) never pass through the
    middle of a line's letters, so only a redline's strike-through qualifies. Character boxes
    are read only for lines such a rule crosses.
    """
    raw = page.raw
    rules: list[tuple[float, float, float]] = []
    left, bottom = ctypes.c_float(), ctypes.c_float()
    right, top = ctypes.c_float(), ctypes.c_float()
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    get_bounds, path = pdfium_c.FPDFPageObj_GetBounds, pdfium_c.FPDF_PAGEOBJ_PATH
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):  # a few hundred ns per object
        obj = get_object(raw, k)
        if get_type(obj) != path or not get_bounds(obj, *refs):
            continue
        if top.value - bottom.value <= _STRIKE_MAX_THICKNESS and right.value - left.value >= 3:
            rules.append((left.value, right.value, (top.value + bottom.value) / 2))
    if not rules or len(rules) > _MAX_RULES:
        return set()  # none, or a drawing (a ruled form, hatching) rather than a redline
    struck: set[int] = set()
    by_y = sorted(pieces, key=lambda piece: piece[2].y)
    ys = [piece[2].y for piece in by_y]
    tallest = max((piece[2].size for piece in by_y), default=0.0)
    for x0, x1, y in rules:
        # only lines whose baseline lies a little below the rule can be struck by it
        near = by_y[bisect.bisect_left(ys, y - 0.6 * tallest) : bisect.bisect_right(ys, y)]
        for start, seg, line in near:
            if not line.y + 0.15 * line.size <= y <= line.y + 0.6 * line.size:
                continue
            slack = 0.6 * line.size
            if x1 < line.x0 or x0 > line.x1 or x0 < line.x0 - slack or x1 > line.x1 + slack:
                continue  # misses the line, or runs on past its text: no strike
            hit: list[tuple[int, float, float]] = []
            for k, ch in enumerate(seg):
                if ch.isspace():
                    continue
                right_edge = probe.right_edge(tp, start + k)
                if x0 - 0.5 <= (probe.left.value + right_edge) / 2 <= x1 + 0.5:
                    hit.append((start + k, probe.left.value, right_edge))
            # A strike hugs the words it crosses out; a table border or a rule under a heading
            # runs on well past the text, and a rule grazing one glyph is no strike at all.
            if (
                len(hit) >= 2
                and x0 >= min(h[1] for h in hit) - slack
                and x1 <= max(h[2] for h in hit) + slack
            ):
                struck.update(h[0] for h in hit)
    return struck


def _segments(
    tp: pdfium_c.FPDF_TEXTPAGE, probe: Probe, start: int, raw_line: str
) -> list[tuple[int, str]]:
    """Split a pdfium line where a soft hyphen is followed by text on a lower baseline."""
    if not any(h in raw_line[:-1] for h in SOFT_HYPHENS):
        return [(start, raw_line)]
    out: list[tuple[int, str]] = []
    seg = 0
    for k, ch in enumerate(raw_line[:-1]):
        if ch in SOFT_HYPHENS:
            _, y_here = probe.origin(tp, start + k)
            _, y_next = probe.origin(tp, start + k + 1)
            if abs(y_here - y_next) > _SAME_LINE_TOLERANCE:
                out.append((start + seg, raw_line[seg : k + 1]))
                seg = k + 1
    out.append((start + seg, raw_line[seg:]))
    return out


def _make_line(
    tp: pdfium_c.FPDF_TEXTPAGE, probe: Probe, page_no: int, start: int, seg: str
) -> Line | None:
    lead = len(seg) - len(seg.lstrip())
    body = seg.strip()
    if not body:
        return None
    first = start + lead
    last = first + len(body) - 1
    x0, y = probe.origin(tp, first)
    x1 = probe.right_edge(tp, last)
    # Judge size and weight mid-line: a leading quote, bullet or clause number (Word prints
    # automatic numbers in their own, often smaller, type) misleads.
    mid = len(body) // 2
    while mid < len(body) - 1 and not body[mid].isalnum():
        mid += 1
    anchor = first + mid
    size = probe.size(tp, anchor)
    bold = probe.bold(tp, anchor)
    refs: list[str] = []
    if _MARKER_RE.search(body):
        body, refs = _lift_markers(tp, probe, first, body)
    return Line(body, page_no, x0, x1, y, size, bold, tuple(refs))


def _lift_markers(
    tp: pdfium_c.FPDF_TEXTPAGE, probe: Probe, first: int, body: str
) -> tuple[str, list[str]]:
    """Remove superscript footnote markers ("schedules4", "Agreement,6") from ``body``."""
    refs: list[str] = []
    cut: list[tuple[int, int]] = []
    for m in _MARKER_RE.finditer(body):
        before = first + m.start() - 1
        digit = first + m.start()
        h_before = probe.height(tp, before)
        h_digit = probe.height(tp, digit)
        if h_before > 0 and h_digit < h_before * _MARKER_MAX_RATIO:
            refs.append(m.group(1))
            cut.append((m.start(), m.end()))
    for a, b in reversed(cut):
        # "theaters,14the": the word after a marker pdfium glued on needs its space back
        gap = " " if b < len(body) and body[b].isalpha() else ""
        body = body[:a] + gap + body[b:]
    return body, refs


_FIGURE_RE = re.compile(r"^[$€£]?\(?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?\)?$")


def is_figure(token: str) -> bool:
    """A number as tables print it: 12, 1,234.50, $64.27, 3.5%, (12)."""
    return bool(_FIGURE_RE.match(token))


_TWO_NUMBERS_RE = re.compile(r"\d\D+\d")


def _may_be_row(text: str) -> bool:
    if not _TWO_NUMBERS_RE.search(text):
        return False
    # The first token is left out: a margin line number or a clause number is no table cell.
    return sum(1 for t in text.split()[1:] if is_figure(t)) >= 2


def _sparse(line: Line) -> bool:
    """Wider than its characters need: a wide gap runs through it (table columns)."""
    return len(line.text) > 3 and (line.x1 - line.x0) > 0.65 * line.size * len(line.text)


def _measure_cells(
    tp: pdfium_c.FPDF_TEXTPAGE, probe: Probe, lines: list[Line], sources: list[tuple[int, str]]
) -> None:
    """Fill ``Line.cells`` for lines with figures and for the line just above a run of them."""
    rows = [
        bool(src[1]) and (_may_be_row(ln.text) or _sparse(ln))
        for ln, src in zip(lines, sources, strict=True)
    ]
    for k, line in enumerate(lines):
        wanted = rows[k] or (k + 1 < len(lines) and rows[k + 1] and not rows[k] and sources[k][1])
        if not wanted:
            continue
        start, text = sources[k]
        words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", text)]
        cells: list[tuple[float, float, str]] = []
        gap = 0.8 * max(line.size, 1.0)
        for a, b, word in words:
            probe.right_edge(tp, start + a)
            x0 = probe.left.value
            x1 = probe.right_edge(tp, start + b - 1)
            if cells and x0 - cells[-1][1] < gap:
                cells[-1] = (cells[-1][0], x1, f"{cells[-1][2]} {word}")
            else:
                cells.append((x0, x1, word))
        clean = tuple((x0, x1, "".join(c for c in t if c not in SOFT_HYPHENS)) for x0, x1, t in cells)
        lines[k] = Line(
            line.text, line.page, line.x0, line.x1, line.y, line.size, line.bold,
            line.footnote_refs, clean,
        )


def _raised_marker(prev: Line, line: Line) -> bool:
    """A footnote number in smaller type, raised above the baseline of the text it follows and
    set right after it ("... the Agreement ];" then a raised "13")."""
    text = line.text.strip()
    return (
        len(text) <= 3
        and (text.isdigit() or text in ("*", "†", "‡", "§"))
        and line.size < _MARKER_MAX_RATIO * prev.size
        and 0.0 < line.y - prev.y <= 0.7 * prev.size
        and -1.0 <= line.x0 - prev.x1 <= 0.5 * prev.size
    )


def _append_line(lines: list[Line], line: Line) -> bool:
    """Append, merging a piece pdfium split off the same baseline (text after a superscript);
    False when it was merged into the previous line."""
    if lines and _raised_marker(lines[-1], line):
        prev = lines[-1]  # a superscript footnote number pdfium set on a line of its own
        lines[-1] = replace(
            prev, x1=line.x1, footnote_refs=(*prev.footnote_refs, line.text.strip())
        )
        return False
    if lines:
        prev = lines[-1]
        if (
            abs(prev.y - line.y) <= _SAME_LINE_TOLERANCE
            and line.x0 >= prev.x1 - 1.0
            and line.x0 - prev.x1 < 3 * max(prev.size, 1.0)
        ):
            lines[-1] = Line(
                f"{prev.text} {line.text}",
                prev.page,
                prev.x0,
                line.x1,
                prev.y,
                prev.size,
                prev.bold,
                prev.footnote_refs + line.footnote_refs,
            )
            return False
    lines.append(line)
    return True
