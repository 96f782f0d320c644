"""Bad PDF input gets a clear message naming the file and the fix, never a traceback or a hang;
and a very long PDF parses page by page."""

from __future__ import annotations

import resource
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from parsers.errors import Cancelled, CorruptDocument, EncryptedDocument, ScannedDocument
from parsers.model import UnitKind
from parsers.progress import CancelToken
from parsers.read import read_agreement
from tests.parsers.test_pdf import LOREM, Block, typeset

BLOCKS = [
    Block(text="ARTICLE 1 - RECOGNITION", bold=True),
    Block(text=LOREM),
    Block(text="ARTICLE 2 - WAGES", bold=True),
    Block(text=LOREM),
]


def _scan_page(c: canvas.Canvas, tmp_path: Path) -> None:
    """A page that is only a picture of text, as a scanner produces."""
    image = tmp_path / "scan.png"
    if not image.exists():
        Image.new("L", (200, 260), color=235).save(image)
    c.drawImage(str(image), 0, 0, width=612, height=792)
    c.showPage()


def test_encrypted_pdf_asks_for_password(tmp_path: Path) -> None:
    pdf = typeset(tmp_path / "locked.pdf", BLOCKS, encrypt="s3cret")
    with pytest.raises(EncryptedDocument) as info:
        read_agreement(pdf, use_cache=False)
    message = str(info.value)
    assert message.startswith("locked.pdf:")
    assert "--password" in message


def test_wrong_password_says_so(tmp_path: Path) -> None:
    pdf = typeset(tmp_path / "locked.pdf", BLOCKS, encrypt="s3cret")
    with pytest.raises(EncryptedDocument, match="password given is wrong"):
        read_agreement(pdf, password="guess", use_cache=False)


def test_right_password_reads_the_agreement(tmp_path: Path) -> None:
    pdf = typeset(tmp_path / "locked.pdf", BLOCKS, encrypt="s3cret")
    agreement = read_agreement(pdf, password="s3cret", use_cache=False)
    assert [u.number for u in agreement.units] == ["1", "2"]


def test_scanned_pdf_suggests_ocr(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(612, 792))
    _scan_page(c, tmp_path)
    _scan_page(c, tmp_path)
    c.save()
    with pytest.raises(ScannedDocument) as info:
        read_agreement(pdf, use_cache=False)
    assert str(info.value).startswith("scan.pdf:")
    assert "OCR" in str(info.value)


def test_partly_scanned_pdf_parses_with_a_notice(tmp_path: Path) -> None:
    text_pdf = typeset(tmp_path / "text.pdf", BLOCKS)
    scan_pdf = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan_pdf), pagesize=(612, 792))
    _scan_page(c, tmp_path)
    c.save()
    merged = pdfium.PdfDocument.new()
    merged.import_pages(pdfium.PdfDocument(str(text_pdf)))
    merged.import_pages(pdfium.PdfDocument(str(scan_pdf)))
    out = tmp_path / "mixed.pdf"
    merged.save(str(out))
    agreement = read_agreement(out, use_cache=False)
    assert [u.number for u in agreement.units] == ["1", "2"]
    assert len(agreement.notices) == 1
    assert "page 2 of 2" in agreement.notices[0] and "OCR" in agreement.notices[0]


def test_truncated_pdf_is_reported_as_truncated(tmp_path: Path) -> None:
    pdf = typeset(tmp_path / "whole.pdf", BLOCKS)
    cut = tmp_path / "cut.pdf"
    data = pdf.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocument) as info:
        read_agreement(cut, use_cache=False)
    assert str(info.value).startswith("cut.pdf:")
    assert "truncated" in str(info.value)


def test_damaged_pdf_is_reported_as_damaged(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(CorruptDocument) as info:
        read_agreement(bad, use_cache=False)
    assert str(info.value).startswith("bad.pdf:")
    assert "damaged" in str(info.value)


def test_cancel_stops_between_pages(tmp_path: Path) -> None:
    pdf = typeset(tmp_path / "a.pdf", BLOCKS)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        read_agreement(pdf, cancel=token, use_cache=False)


def test_two_thousand_pages_parse_in_bounded_memory(tmp_path: Path) -> None:
    blocks = [Block(text="ARTICLE 1 - PROVISIONS", bold=True), Block(text=LOREM)]
    one = typeset(tmp_path / "one.pdf", blocks, header=None)
    src = pdfium.PdfDocument(str(one))
    big = pdfium.PdfDocument.new()
    big.import_pages(src, [0] * 2000)  # one import: the copies share the page's fonts
    out = tmp_path / "big.pdf"
    big.save(str(out))
    big.close()
    src.close()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pages: list[str] = []
    agreement = read_agreement(out, progress=lambda f, m: pages.append(m), use_cache=False)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert agreement.source.pages == 2000
    assert "Reading page 2000 of 2000" in pages
    assert any(u.kind is UnitKind.ARTICLE for u in agreement.units)
    assert grown_mb < 400
