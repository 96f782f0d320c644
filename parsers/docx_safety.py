"""Open a DOCX package without trusting it.

A DOCX is a ZIP of XML parts, and both layers can be turned into weapons: a ZIP member can inflate
to gigabytes (a decompression bomb) and an XML part can declare entities that expand
exponentially (billion laughs) or fetch external files. Agreements arrive by e-mail from the
other side of the table, so every size is checked *before* anything is inflated, every read is
capped again while inflating (ZIP headers can lie), and any part that declares a DTD is refused
outright: WordprocessingML never needs one.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

from parsers.errors import CorruptDocument

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # one XML part, inflated
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # every part we would inflate, together
MAX_RATIO = 200  # inflated / compressed, above which a large member is treated as a bomb
RATIO_FLOOR = 4 * 1024 * 1024  # small members may compress as well as they like

_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!doctype", "<!ENTITY", "<!entity")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)

_RESAVE = "Open it in Word or LibreOffice and save it again as .docx, or use the PDF instead."


class DocxPackage:
    """A vetted DOCX ZIP: member sizes were checked on opening, and reads stay capped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
            raise CorruptDocument(
                path,
                "is damaged or incomplete: it looks like a Word file but is not a readable "
                "ZIP package (perhaps the download or copy was cut short).",
                "Copy or download it again, or use the PDF version of the agreement.",
            ) from None
        except OSError as exc:
            raise CorruptDocument(path, f"cannot be read ({exc.strerror}).", _RESAVE) from None
        self._check_sizes()
        self.names = frozenset(self._zip.namelist())

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> DocxPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_sizes(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise self._bomb(f"holds {len(infos)} parts")
        total = 0
        for info in infos:
            if info.file_size > MAX_MEMBER_BYTES:
                raise self._bomb(f"has a part that inflates to {info.file_size >> 20} MB")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise self._bomb("has a part compressed far beyond what a document allows")
            if info.filename.endswith((".xml", ".rels")):
                total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise self._bomb(f"would inflate to {total >> 20} MB of XML")

    def _bomb(self, what: str) -> CorruptDocument:
        return CorruptDocument(
            self.path,
            f"is unsafe to open: it {what}, which no real agreement needs (a decompression bomb).",
            "Do not open it; ask the sender for a clean copy or the PDF.",
        )

    def read(self, name: str) -> bytes | None:
        """The bytes of member ``name`` (None when absent), inflated under the size cap."""
        if name not in self.names:
            return None
        try:
            with self._zip.open(name) as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            RuntimeError,
            NotImplementedError,  # a damaged header naming an unknown ZIP version or method
        ):
            raise CorruptDocument(
                self.path,
                f"is damaged: its part {name} cannot be unpacked.",
                _RESAVE,
            ) from None
        if len(data) > MAX_MEMBER_BYTES:
            raise self._bomb(f"has a part ({name}) larger than its header claims")
        return data

    def xml(self, name: str) -> ET.Element | None:
        """Parse member ``name`` safely; None when the part is absent."""
        data = self.read(name)
        if data is None:
            return None
        return parse_xml(self.path, name, data)


def parse_xml(path: Path, name: str, data: bytes) -> ET.Element:
    """Parse one XML part, refusing any DTD so entities can never be declared or expanded."""
    if any(marker in data for marker in _DTD_MARKERS):
        raise CorruptDocument(
            path,
            f"is unsafe to open: its part {name} declares a DTD or XML entities, which Word "
            "never writes and which can be used to exhaust memory.",
            "Do not open it; ask the sender for a clean copy or the PDF.",
        )
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise CorruptDocument(
            path, f"is damaged: its part {name} is not well-formed XML ({exc}).", _RESAVE
        ) from None
