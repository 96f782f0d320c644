"""Errors a reader raises for input a user can give it.

Every message names the file and says what to do, because it is shown to the user as it is
(CLI stderr, the GUI's message bar); no reader lets a library traceback through.
"""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    """An input file could not be read. ``str(error)`` is the user-facing message."""

    def __init__(self, path: str | Path, problem: str, fix: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.fix = fix
        text = f"{self.path.name}: {problem}"
        if fix:
            text += f" {fix}"
        super().__init__(text)


class UnsupportedFormat(ReadError):
    """The file is not a PDF, DOCX or text file (judged by content, not by extension)."""


class EmptyDocument(ReadError):
    """The file is empty, or holds no text at all."""


class ScannedDocument(ReadError):
    """A PDF has pages but no text layer: it is a scan and needs OCR first."""


class EncryptedDocument(ReadError):
    """A PDF needs a password, or the password given is wrong."""


class CorruptDocument(ReadError):
    """The file is truncated or damaged, or it is unsafe to open (decompression bomb, entity
    expansion)."""


class Cancelled(Exception):
    """The user cancelled a running job; no partial result exists."""
