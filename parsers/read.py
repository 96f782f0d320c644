"""The one entry point: sniff a file's real format, serve it from the cache or hand it to a reader.

Formats are judged by content, never by extension, because agreements travel by e-mail and
extensions lie (a ".pdf" that is really a Word file, a ".docx" that was saved as text). When the
extension disagrees with the content the file is still read, and the user is told.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import replace
from pathlib import Path

from parsers import cache
from parsers.encoding import utf16_without_bom
from parsers.errors import EmptyDocument, EncryptedDocument, ReadError, UnsupportedFormat
from parsers.model import Agreement, DocKind
from parsers.progress import CancelToken, ProgressFn, no_progress

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_EXTENSIONS = {
    DocKind.PDF: (".pdf",),
    DocKind.DOCX: (".docx", ".docm", ".dotx"),
    DocKind.TXT: (".txt", ".text", ".md", ""),
}
_KIND_NAMES = {DocKind.PDF: "a PDF", DocKind.DOCX: "a Word (.docx) document", DocKind.TXT: "text"}
_OPEN_AS = "Open the agreement as PDF, DOCX or TXT."


def sniff_kind(path: Path, head: bytes) -> DocKind:
    """Judge the format by content, because extensions lie (a .pdf that is really a DOCX)."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return DocKind.PDF
    if head.startswith(b"PK\x03\x04"):
        return DocKind.DOCX
    if head.startswith((b"PK\x05\x06", b"PK\x07\x08")):
        raise EmptyDocument(path, "is an empty ZIP archive, not a Word document.", _OPEN_AS)
    if head.startswith(_OLE_MAGIC):
        if _ole_is_encrypted_ooxml(path):
            raise EncryptedDocument(
                path,
                "is a password-protected Word document.",
                "Open it in Word, remove the password (File > Info > Protect Document) and save "
                "it again, or use the PDF version.",
            )
        raise UnsupportedFormat(
            path,
            "is a legacy Word (.doc) file, which cannot be read.",
            "Save it as .docx or PDF from Word or LibreOffice and open that.",
        )
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormat(
            path,
            "is an RTF file, which cannot be read.",
            "Save it as .docx or PDF from Word or LibreOffice and open that.",
        )
    if head.startswith(_IMAGE_MAGIC):
        raise UnsupportedFormat(
            path,
            "is an image, not a document with text.",
            "Run it through OCR to make a searchable PDF, or use the agreement's PDF or DOCX.",
        )
    markup = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if markup.startswith((b"<!doctype html", b"<html")):
        raise UnsupportedFormat(
            path,
            "is a web page (HTML), not a PDF, Word (.docx) or text file.",
            "Open it in Word or a browser and save or print it as .docx or PDF.",
        )
    if markup.startswith(b"<?xml") and b"word" in markup:
        raise UnsupportedFormat(
            path,
            "is a Word XML file (Word 2003 XML or flat OPC), which cannot be read.",
            "Open it in Word or LibreOffice and save it as .docx.",
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or utf16_without_bom(head):
        return DocKind.TXT
    if b"\x00" in head[:4096] or _binary_share(head) > 0.1:
        raise UnsupportedFormat(path, "is not a PDF, Word (.docx) or text file.", _OPEN_AS)
    return DocKind.TXT


def _binary_share(head: bytes) -> float:
    """Share of control bytes that never occur in text (form feed, tab, CR, LF and ESC do)."""
    if not head:
        return 0.0
    allowed = {9, 10, 12, 13, 27}
    bad = sum(1 for b in head[:4096] if b < 32 and b not in allowed)
    return bad / min(len(head), 4096)


def _ole_is_encrypted_ooxml(path: Path) -> bool:
    """An OLE file holding an "EncryptedPackage" stream is a password-protected DOCX."""
    try:
        with path.open("rb") as fh:
            return _ENCRYPTED_PACKAGE in fh.read(4 * 1024 * 1024)
    except OSError:
        return False


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _extension_notice(path: Path, kind: DocKind) -> str | None:
    suffix = path.suffix.lower()
    if suffix in _EXTENSIONS[kind]:
        return None
    for other, suffixes in _EXTENSIONS.items():
        if suffix in suffixes and other is not kind:
            return (
                f"{path.name} is named like {_KIND_NAMES[other]} but is really "
                f"{_KIND_NAMES[kind]}; it was read as {_KIND_NAMES[kind]}."
            )
    return None


def read_agreement(
    path: str | Path,
    *,
    password: str | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    use_cache: bool = True,
) -> Agreement:
    """Read ``path`` into an :class:`Agreement`; raise :class:`ReadError` with a user message.

    A file read before (same bytes, same reader version) comes from the cache. Files opened with
    a password are never cached, so their decrypted text is never written to disk.
    """
    path = Path(path)
    cancel = cancel or CancelToken()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise ReadError(  # opening a pipe would wait for a writer forever
                path,
                "is not a regular file (a pipe, socket or device).",
                "Save the agreement to a file and open that.",
            )
        size = info.st_size
        with path.open("rb") as fh:
            head = fh.read(8192)
        if size == 0:
            raise EmptyDocument(path, "is empty (0 bytes).", "Choose the full agreement file.")
        kind = sniff_kind(path, head)
        sha = file_sha256(path)
    except FileNotFoundError:
        raise ReadError(path, "does not exist.", "Check the path and try again.") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a file.", "Choose the agreement file.") from None
    except PermissionError:
        raise ReadError(
            path, "cannot be opened (permission denied).", "Check its permissions."
        ) from None
    except OSError as exc:
        raise ReadError(
            path, f"cannot be opened ({exc.strerror or exc}).", "Check the file and try again."
        ) from None
    caching = use_cache and password is None
    agreement = cache.load(sha, kind, path) if caching else None
    if agreement is None:
        agreement = _read(path, kind, sha, password, progress, cancel)
        if caching:
            cache.store(agreement)
    notice = _extension_notice(path, kind)
    if notice and notice not in agreement.notices:
        agreement = replace(agreement, notices=(*agreement.notices, notice))
    progress(1.0, f"Read {path.name}")
    return agreement


def _read(
    path: Path,
    kind: DocKind,
    sha: str,
    password: str | None,
    progress: ProgressFn,
    cancel: CancelToken,
) -> Agreement:
    try:
        if kind is DocKind.PDF:
            from parsers.pdf import read_pdf

            return read_pdf(path, sha, password=password, progress=progress, cancel=cancel)
        if kind is DocKind.DOCX:
            from parsers.docx import read_docx

            return read_docx(path, sha, progress=progress, cancel=cancel)
        from parsers.txt import read_txt

        return read_txt(path, sha, progress=progress, cancel=cancel)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(
            path, "is too large to read in the memory available.", "Close other programs."
        ) from None
    except RecursionError:
        raise ReadError(
            path, "is nested too deeply to read (damaged or hostile).", "Use the PDF version."
        ) from None
    except OSError as exc:
        raise ReadError(
            path, f"could not be read ({exc.strerror or exc}).", "Check the file and try again."
        ) from None
