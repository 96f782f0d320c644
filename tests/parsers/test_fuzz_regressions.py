"""Damaged files found by fuzzing the readers: each must end in a ReadError naming the file.

Every case here was once a library exception escaping :func:`parsers.read.read_agreement` (a
traceback in the CLI). The inputs are built in tmp_path from the test builders.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from parsers.errors import CorruptDocument, EmptyDocument, ReadError
from parsers.read import read_agreement
from tests.parsers.docx_builders import p, write_docx


def _read_error(path: Path, kind: type[ReadError] = ReadError) -> ReadError:
    with pytest.raises(kind) as info:
        read_agreement(path, use_cache=False)
    assert str(info.value).startswith(f"{path.name}: ")
    assert info.value.fix
    return info.value


def _good_docx(path: Path) -> Path:
    return write_docx(path, p("ARTICLE 1 - RECOGNITION") + p("The Employer recognises the Union."))


def test_zip_member_claiming_an_unknown_zip_version(tmp_path: Path) -> None:
    """A flipped bit in a central directory header: zipfile raises NotImplementedError."""
    data = bytearray(_good_docx(tmp_path / "good.docx").read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 6 : at + 8] = (84).to_bytes(2, "little")  # "version needed to extract": 8.4
        at = data.find(b"PK\x01\x02", at + 4)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(bytes(data))
    _read_error(bad, CorruptDocument)


def test_zip_member_with_an_unknown_compression_method(tmp_path: Path) -> None:
    data = bytearray(_good_docx(tmp_path / "good.docx").read_bytes())
    for signature, offset in ((b"PK\x01\x02", 10), (b"PK\x03\x04", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset : at + offset + 2] = (77).to_bytes(2, "little")
            at = data.find(signature, at + 4)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(bytes(data))
    _read_error(bad, CorruptDocument)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_refused_instead_of_waiting_forever(tmp_path: Path) -> None:
    pipe = tmp_path / "agreement.pdf"
    os.mkfifo(pipe)
    error = _read_error(pipe)
    assert "not a regular file" in str(error)


def test_a_pdf_without_text_or_images_is_not_called_a_scan(tmp_path: Path) -> None:
    """Blank pages (or page contents too damaged to draw) are no scan: OCR would not help."""
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(612, 792))
    c.line(72, 700, 540, 700)
    c.showPage()
    c.save()
    error = _read_error(pdf, EmptyDocument)
    assert "no scanned images" in str(error) and "OCR" not in str(error)
