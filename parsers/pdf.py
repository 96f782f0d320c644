"""PDF agreements (text layer): pages -> lines -> paragraphs, tables and footnotes -> structure.

pypdfium2 reads every page's text and line geometry (fast: hundreds of pages a second), and the
word positions of the few lines that may be table rows, from which wage tables are cut into cells.
pdfplumber is not used: its layout analysis took 0.3-0.6 s on each vector-heavy page of the real
agreements, more than pypdfium2 needs for the whole document, and the column gaps it finds are
the ones the word positions already show. Page objects are closed as soon as their lines are
taken, so a 2,000-page file parses in bounded memory: what is kept is the text and a few numbers
per line.

Bad input never escapes as a library traceback: a scan, an encrypted file, a wrong password and a
truncated or damaged file each raise a :class:`~parsers.errors.ReadError` naming the file and the
fix.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.errors import CorruptDocument, EmptyDocument, EncryptedDocument, ScannedDocument
from parsers.model import Agreement, DocKind, SourceInfo
from parsers.pdf_layout import ParagraphBuilder, measure
from parsers.pdf_lines import Line, PageLines, Probe, extract_page_lines
from parsers.pdf_noise import (
    find_running_lines,
    line_number_column,
    split_footnotes,
    strip_line_numbers,
)
from parsers.pdf_tables import find_tables, rows_from_columns
from parsers.progress import CancelToken, ProgressFn
from parsers.stream import Item, Para, Style
from parsers.structure import build_agreement
from parsers.textutil import Vocabulary

MIN_TEXT_CHARS = 8  # fewer printable characters than this on a page: no text layer there


def read_pdf(
    path: Path,
    sha256: str,
    *,
    password: str | None,
    progress: ProgressFn,
    cancel: CancelToken,
) -> Agreement:
    """Read a text-layer PDF into an :class:`Agreement`."""
    pages, pictured = _read_pages(path, password, progress, cancel)
    total = len(pages)
    empty = [pl.page for pl in pages if pl.chars < MIN_TEXT_CHARS]
    if len(empty) == total and not pictured:
        raise EmptyDocument(
            path,
            "has no text and no scanned images: its pages are blank, or their contents are "
            "damaged.",
            "Open it in a PDF viewer: if it shows the agreement, print it to a new PDF and open "
            "that; otherwise choose the full agreement file.",
        )
    if len(empty) == total:
        raise ScannedDocument(
            path,
            "has no text layer: it is a scanned image.",
            "Run it through OCR (for example `ocrmypdf in.pdf out.pdf`) and open the result.",
        )
    notices: list[str] = []
    if empty:
        notices.append(_scanned_pages_notice(path, empty, total))
    struck = [pl.page for pl in pages if pl.struck]
    if struck:
        notices.append(_struck_notice(path, struck))
    progress(1.0, "Finding articles")
    items = _items(pages, cancel)
    source = SourceInfo(str(path), DocKind.PDF, sha256, total)
    return build_agreement(items, source, notices)


def _struck_notice(path: Path, pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:10])
    more = f" and {len(pages) - 10} more" if len(pages) > 10 else ""
    where = f"page {shown}" if len(pages) == 1 else f"{len(pages)} pages ({shown}{more})"
    return (
        f"{path.name}: text printed struck through on {where} was left out, as a redline's "
        "deletions, so the agreement reads as the redline's result. Compare a clean copy if "
        "the struck text should count."
    )


def _scanned_pages_notice(path: Path, empty: list[int], total: int) -> str:
    """Which pages are images without text, said so that the count comes first."""
    fix = (
        "their text is missing from the agreement and from any comparison. Run the file "
        "through OCR (for example `ocrmypdf in.pdf out.pdf`) and open the result to include it."
    )
    if len(empty) == 1:
        return (
            f"{path.name}: page {empty[0]} of {total} has no text layer (a scanned image); "
            + fix.replace("their", "its", 1)
        )
    shown = ", ".join(str(p) for p in empty[:10])
    more = f" and {len(empty) - 10} more" if len(empty) > 10 else ""
    return (
        f"{path.name}: {len(empty)} of {total} pages have no text layer (scanned images: "
        f"pages {shown}{more}); {fix}"
    )


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
) -> tuple[list[PageLines], bool]:
    """Every page's lines, and whether some page without text shows a picture (a scan)."""
    pages: list[PageLines] = []
    pictured = False
    with _open_pdf(path, password) as doc:
        total = len(doc)
        if total == 0:
            raise CorruptDocument(path, "has no pages.", "Choose the full agreement file.")
        probe = Probe()
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
                if not pictured and pages[-1].chars < MIN_TEXT_CHARS:
                    pictured = _shows_image(page)
            finally:
                page.close()
    return pages, pictured


def _shows_image(page: pdfium.PdfPage) -> bool:
    """Whether the page draws an image (looked at only on pages without text: scans)."""
    return any(
        obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=3)
    )


def _items(pages: list[PageLines], cancel: CancelToken) -> list[Item]:
    drop, naming = find_running_lines(pages)
    metrics = measure(pages)
    vocabulary = Vocabulary()
    for pl in pages:
        vocabulary.add_lines(ln.text for ln in pl.lines)
    named_pages = {ln.page: ln for ln in naming}
    columns = [x for pl in pages if (x := line_number_column(pl.lines)) is not None]
    # Margin line numbers on most pages: strip them on every page, tables included.
    number_x = statistics.median(columns) if len(columns) >= max(2, len(pages) // 3) else None
    builder = ParagraphBuilder(metrics, vocabulary)
    for pl in pages:
        cancel.raise_if_cancelled()
        lines = [ln for i, ln in enumerate(pl.lines) if (pl.page, i) not in drop]
        lines = strip_line_numbers(lines, number_x)
        lines, notes = split_footnotes(lines, pl.page)
        lines = rows_from_columns(lines)
        head = named_pages.get(pl.page)
        if head is not None and not any(_same_heading(head.text, ln.text) for ln in lines):
            builder.add_item(Para(head.text, pl.page, Style(bold=True, size=head.size)))
        _add_with_tables(builder, pl, lines)
        for note in notes:
            builder.add_item(note)
    return builder.finish()


def _same_heading(a: str, b: str) -> bool:
    from parsers.structure import match_heading

    ha, hb = match_heading(a), match_heading(b)
    return ha is not None and hb is not None and ha[:2] == hb[:2]


def _add_with_tables(builder: ParagraphBuilder, pl: PageLines, lines: list[Line]) -> None:
    """Feed a page's lines to the paragraph builder, table rows as :class:`Table` items."""
    last = 0
    for start, end, found in find_tables(lines, pl.page):
        builder.add_page(pl, lines[last:start])
        if isinstance(found, list):  # names in columns: one paragraph each, column by column
            for text in found:
                builder.add_item(Para(text, pl.page, Style(body_size=builder.metrics.body_size)))
        else:
            builder.add_item(found)
        last = end
    builder.add_page(pl, lines[last:])
