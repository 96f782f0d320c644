"""PDF agreements (text layer): pages -> lines -> paragraphs, tables and footnotes -> structure.

pypdfium2 reads every page's text and line geometry (fast: hundreds of pages a second); pdfplumber
is opened only for the few pages that look like tables, one page at a time, because its layout
analysis is what cuts a wage table into cells but costs ~0.1 s a page. Page objects are closed as
soon as their lines are taken, so a 2,000-page file parses in bounded memory: what is kept is the
text and a few numbers per line.

Bad input never escapes as a library traceback: a scan, an encrypted file, a wrong password and a
truncated or damaged file each raise a :class:`~parsers.errors.ReadError` naming the file and the
fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.errors import CorruptDocument, EncryptedDocument, ScannedDocument
from parsers.model import Agreement, DocKind, SourceInfo
from parsers.pdf_layout import (
    ParagraphBuilder,
    find_running_lines,
    measure,
    split_footnotes,
    strip_line_numbers,
    table_item,
)
from parsers.pdf_lines import Line, PageLines, _Probe, extract_page_lines
from parsers.progress import CancelToken, ProgressFn
from parsers.stream import Item, Para, Style, Table
from parsers.structure import build_agreement
from parsers.textutil import Vocabulary

MIN_TEXT_CHARS = 8  # fewer printable characters than this on a page: no text layer there
_NUMERIC_TOKEN = re.compile(r"^[$€£(]?[\d.,%]+[)%]?$")
_TABLE_MIN_ROWS = 3


def read_pdf(
    path: Path,
    sha256: str,
    *,
    password: str | None,
    progress: ProgressFn,
    cancel: CancelToken,
) -> Agreement:
    """Read a text-layer PDF into an :class:`Agreement`."""
    pages = _read_pages(path, password, progress, cancel)
    total = len(pages)
    empty = [pl.page for pl in pages if pl.chars < MIN_TEXT_CHARS]
    if len(empty) == total:
        raise ScannedDocument(
            path,
            "has no text layer: it is a scanned image.",
            "Run it through OCR (for example `ocrmypdf in.pdf out.pdf`) and open the result.",
        )
    notices: list[str] = []
    if empty:
        notices.append(
            f"{path.name}: {_page_list(empty)} of {total} have no text layer (scanned images); "
            "their text is missing. OCR the file to include it."
        )
    progress(1.0, "Finding articles")
    items = _items(path, pages, password, cancel)
    source = SourceInfo(str(path), DocKind.PDF, sha256, total)
    return build_agreement(items, source, notices)


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:10])
    more = f" and {len(pages) - 10} more" if len(pages) > 10 else ""
    return f"page{'s' if len(pages) > 1 else ''} {shown}{more}"


@contextmanager
def _open_pdf(path: Path, password: str | None) -> Iterator[pdfium.PdfDocument]:
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - 2048))
            tail = fh.read()
    except OSError as exc:
        raise CorruptDocument(path, f"cannot be read ({exc.strerror}).", "Check the file.") from None
    if b"%%EOF" not in tail:
        raise CorruptDocument(
            path,
            "is truncated (the end of the PDF is missing), probably from an interrupted download "
            "or copy.",
            "Download or copy the file again.",
        )
    try:
        doc = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password:
                raise EncryptedDocument(
                    path, "is encrypted and the password given is wrong.",
                    "Check the password and run again with `--password`.",
                ) from None
            raise EncryptedDocument(
                path, "is encrypted (password protected).",
                "Give its password with `--password PASSWORD`.",
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedDocument(
                path, "uses an encryption scheme that cannot be opened.",
                "Save an unprotected copy from the program that made it.",
            ) from None
        raise CorruptDocument(
            path, "is damaged and cannot be read as a PDF.",
            "Open it in a PDF viewer and save or print it to a new PDF, then open that.",
        ) from None
    try:
        yield doc
    finally:
        doc.close()


def _read_pages(
    path: Path, password: str | None, progress: ProgressFn, cancel: CancelToken
) -> list[PageLines]:
    pages: list[PageLines] = []
    with _open_pdf(path, password) as doc:
        total = len(doc)
        if total == 0:
            raise CorruptDocument(path, "has no pages.", "Choose the full agreement file.")
        probe = _Probe()
        for index in range(total):
            cancel.raise_if_cancelled()
            progress(index / total, f"Reading page {index + 1} of {total}")
            try:
                page = doc[index]
            except pdfium.PdfiumError:
                raise CorruptDocument(
                    path, f"is damaged: page {index + 1} cannot be read.",
                    "Open it in a PDF viewer and save or print it to a new PDF, then open that.",
                ) from None
            try:
                pages.append(extract_page_lines(page, index + 1, probe))
            finally:
                page.close()
    return pages


def _items(
    path: Path, pages: list[PageLines], password: str | None, cancel: CancelToken
) -> list[Item]:
    drop, naming = find_running_lines(pages)
    metrics = measure(pages)
    vocabulary = Vocabulary()
    for pl in pages:
        vocabulary.add_lines(ln.text for ln in pl.lines)
    named_pages = {ln.page: ln for ln in naming}
    table_pages = {pl.page for pl in pages if _looks_tabular(pl)}
    tables = _extract_tables(path, password, pages, table_pages, cancel) if table_pages else {}
    builder = ParagraphBuilder(metrics, vocabulary)
    for pl in pages:
        cancel.raise_if_cancelled()
        lines = [ln for i, ln in enumerate(pl.lines) if (pl.page, i) not in drop]
        lines = strip_line_numbers(lines)
        lines, notes = split_footnotes(lines, pl.page)
        head = named_pages.get(pl.page)
        if head is not None and not any(_same_heading(head.text, ln.text) for ln in lines):
            builder.add_item(Para(head.text, pl.page, Style(bold=True, size=head.size)))
        found = tables.get(pl.page, [])
        if not found:
            builder.add_page(pl, lines)
        else:
            _add_with_tables(builder, pl, lines, found)
        for note in notes:
            builder.add_item(note)
    return builder.finish()


def _same_heading(a: str, b: str) -> bool:
    from parsers.structure import match_heading

    ha, hb = match_heading(a), match_heading(b)
    return ha is not None and hb is not None and ha[:2] == hb[:2]


def _looks_tabular(pl: PageLines) -> bool:
    """Several lines made mostly of figures: a wage table worth pdfplumber's layout analysis."""
    rows = 0
    for line in pl.lines:
        tokens = line.text.split()
        numeric = sum(1 for t in tokens if _NUMERIC_TOKEN.match(t) and any(c.isdigit() for c in t))
        if numeric >= 3 and numeric * 2 >= len(tokens):
            rows += 1
    return rows >= _TABLE_MIN_ROWS


TableHit = tuple[float, float, Table]  # (top y, bottom y) in PDF points (y up), the table


def _extract_tables(
    path: Path,
    password: str | None,
    pages: list[PageLines],
    wanted: set[int],
    cancel: CancelToken,
) -> dict[int, list[TableHit]]:
    """Cells of the tables on ``wanted`` pages, by pdfplumber, one page open at a time."""
    import pdfplumber

    found: dict[int, list[TableHit]] = {}
    by_no = {pl.page: pl for pl in pages}
    try:
        pdf = pdfplumber.open(str(path), password=password or "")
    except Exception:  # pdfplumber failing is no reason to lose the text: read without cells
        return found
    with pdf:
        for page_no in sorted(wanted):
            cancel.raise_if_cancelled()
            try:
                page = pdf.pages[page_no - 1]
                try:
                    hits = _tables_on(page, by_no[page_no])
                finally:
                    page.close()
            except Exception:  # a page pdfplumber cannot analyse keeps its lines as text
                continue
            if hits:
                found[page_no] = hits
    return found


def _tables_on(page: Any, pl: PageLines) -> list[TableHit]:
    height = float(page.height)
    hits: list[TableHit] = []
    for table in page.find_tables():
        item = table_item(table.extract(), pl.page)
        if item is not None:
            _x0, top, _x1, bottom = table.bbox
            hits.append((height - float(top), height - float(bottom), item))
    if hits:
        return hits
    numeric = [ln for ln in pl.lines if _numeric_share(ln) >= 0.5]
    if len(numeric) < _TABLE_MIN_ROWS:
        return hits
    top_y = max(ln.y + ln.size for ln in numeric)
    bottom_y = min(ln.y for ln in numeric) - 2
    # Unruled table: let the text alignment define columns, inside the band of figure rows only
    # (run on the whole page, the text strategy would call every page a table).
    band = page.crop((0, max(0.0, height - top_y - 2), float(page.width), height - bottom_y))
    settings = {"vertical_strategy": "text", "horizontal_strategy": "text"}
    for table in band.find_tables(settings):
        item = table_item(table.extract(), pl.page)
        if item is not None and all(len(r) >= 2 for r in item.rows):
            _x0, top, _x1, bottom = table.bbox
            hits.append((height - float(top), height - float(bottom), item))
    return hits


def _numeric_share(line: Line) -> float:
    tokens = line.text.split()
    if len(tokens) < 3:
        return 0.0
    numeric = sum(1 for t in tokens if _NUMERIC_TOKEN.match(t) and any(c.isdigit() for c in t))
    return numeric / len(tokens)


def _add_with_tables(
    builder: ParagraphBuilder, pl: PageLines, lines: list[Line], hits: list[TableHit]
) -> None:
    """Lines inside a table's box give way to the table, placed where its first line was."""
    chunk: list[Line] = []
    placed: set[int] = set()
    for line in lines:
        inside = next(
            (k for k, (top, bottom, _) in enumerate(hits) if bottom - 2 <= line.y <= top + 2),
            None,
        )
        if inside is None:
            chunk.append(line)
            continue
        if inside not in placed:
            builder.add_page(pl, chunk)
            chunk = []
            builder.add_item(hits[inside][2])
            placed.add(inside)
    builder.add_page(pl, chunk)
    for k, hit in enumerate(hits):
        if k not in placed:
            builder.add_item(hit[2])
