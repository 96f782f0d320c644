"""The one entry point: sniff a file's real format and hand it to the matching reader."""

from __future__ import annotations

import hashlib
from pathlib import Path

from parsers.errors import EmptyDocument, ReadError, UnsupportedFormat
from parsers.model import Agreement, DocKind
from parsers.progress import CancelToken, ProgressFn, no_progress


def sniff_kind(path: Path, head: bytes) -> DocKind:
    """Judge the format by content, because extensions lie (a .pdf that is really a DOCX)."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return DocKind.PDF
    if head.startswith(b"PK\x03\x04"):
        return DocKind.DOCX
    if head.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        raise UnsupportedFormat(
            path,
            "is a legacy Word (.doc) or RTF file, which cannot be read.",
            "Save it as .docx or PDF from Word or LibreOffice and open that.",
        )
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(
            path,
            "is not a PDF, Word (.docx) or text file.",
            "Open the agreement as PDF, DOCX or TXT.",
        )
    return DocKind.TXT


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_agreement(
    path: str | Path,
    *,
    password: str | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Agreement:
    """Read ``path`` into an :class:`Agreement`; raise :class:`ReadError` with a user message."""
    path = Path(path)
    cancel = cancel or CancelToken()
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8192)
    except FileNotFoundError:
        raise ReadError(path, "does not exist.", "Check the path and try again.") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a file.", "Choose the agreement file.") from None
    except OSError as exc:
        raise ReadError(
            path, f"cannot be opened ({exc.strerror}).", "Check its permissions."
        ) from None
    if size == 0:
        raise EmptyDocument(path, "is empty (0 bytes).", "Choose the full agreement file.")
    kind = sniff_kind(path, head)
    sha = file_sha256(path)
    if kind is DocKind.PDF:
        from parsers.pdf import read_pdf

        return read_pdf(path, sha, password=password, progress=progress, cancel=cancel)
    if kind is DocKind.DOCX:
        from parsers.docx import read_docx

        return read_docx(path, sha, progress=progress, cancel=cancel)
    from parsers.txt import read_txt

    return read_txt(path, sha, progress=progress, cancel=cancel)
