"""Damaged files found by fuzzing the readers: each must end in a ReadError naming the file.

Every case here was once a library exception escaping :func:`parsers.read.read_agreement` (a
traceback in the CLI). The inputs are built in tmp_path from the test builders.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from parsers.errors import CorruptDocument, EmptyDocument, ReadError
from parsers.read import read_agreement
from tests.parsers.docx_builders import W, p, write_docx


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
    # Should the reader block on the pipe again, a writer unblocks it after a while, so this
    # test fails instead of hanging the suite.
    done = threading.Event()

    def unblock() -> None:
        if not done.wait(10):
            with pipe.open("wb") as fh:
                fh.write(b"%PDF-1.4 truncated")

    writer = threading.Thread(target=unblock, daemon=True)
    writer.start()
    try:
        error = _read_error(pipe)
    finally:
        done.set()
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


@pytest.mark.parametrize(
    ("ilvl", "start", "fmt"),
    [
        ("abc", "1", "decimal"),  # a level number that is no number: ValueError escaped
        ("%9", "1", "decimal"),
        ("0", "99999999999999999999", "upperLetter"),  # "A" repeated 10**18 times: a hang
        ("0", "-5", "upperRoman"),
        ("12", "1", "lowerLetter"),  # beyond Word's nine levels
    ],
)
def test_damaged_numbering_definitions_still_read(
    tmp_path: Path, ilvl: str, start: str, fmt: str
) -> None:
    definition = (
        '<w:abstractNum w:abstractNumId="1">'
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="{ilvl}">'
        f'<w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
    )
    body = p("ARTICLE 1 - HOURS") + "".join(
        p(f"Clause {k} text.", num=(5, 0)) for k in range(3)
    )
    path = write_docx(
        tmp_path / "numbered.docx",
        body,
        numbering_xml=f'<w:numbering xmlns:w="{W}">{definition}</w:numbering>',
    )
    unit = read_agreement(path, use_cache=False).unit("article-1")
    assert [b.text for b in unit.blocks] == [f"Clause {k} text." for k in range(3)]
    assert all(len(b.label or "") < 12 for b in unit.blocks)


def test_a_page_ruled_like_a_form_is_not_taken_for_a_redline(tmp_path: Path) -> None:
    """Thousands of thin rules through the text (hatching, a ruled form) bound the strike
    search: the page is read as it is, quickly, and nothing is called struck."""
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "ruled.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(612, 792))
    c.setFont("Helvetica", 10)
    c.drawString(72, 720, "ARTICLE 1 - FORMS")
    for k in range(40):
        c.drawString(72, 700 - 14 * k, f"Line {k} of the form is filled in by hand.")
    c.setLineWidth(0.5)
    for k in range(2100):
        y = 700 - 14 * (k % 40) + 3.5
        c.line(72 + (k % 7), y, 90 + (k % 7), y)
    c.showPage()
    c.save()
    agreement = read_agreement(pdf, use_cache=False)
    assert not agreement.notices
    assert "Line 39 of the form" in agreement.unit("article-1").text
