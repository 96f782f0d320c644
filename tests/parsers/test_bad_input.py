"""Input a user can give that is not a readable agreement: a clear message, never a traceback.

Every bad file is built here in tmp_path. Each error names the file and says what to do.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from parsers.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    ReadError,
    UnsupportedFormat,
)
from parsers.model import DocKind
from parsers.read import read_agreement
from tests.parsers.docx_builders import W, p, write_docx

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>'
    "</w:document>"
)


def good_docx(path: Path) -> Path:
    body = p("ARTICLE 1 - RECOGNITION") + "".join(p(f"Clause {i} text.") for i in range(200))
    return write_docx(path, body)


def read_error(path: Path, kind: type[ReadError] = ReadError) -> ReadError:
    with pytest.raises(kind) as info:
        read_agreement(path)
    message = str(info.value)
    assert message.startswith(f"{path.name}: "), message  # names the file
    assert info.value.fix, "every message says what to do"
    return info.value


# -- damaged Word files ------------------------------------------------------------------------


def test_truncated_docx(tmp_path: Path) -> None:
    whole = good_docx(tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    error = read_error(cut, CorruptDocument)
    assert "incomplete" in error.problem


def test_docx_with_damaged_compressed_data(tmp_path: Path) -> None:
    data = bytearray(good_docx(tmp_path / "d.docx").read_bytes())
    with zipfile.ZipFile(tmp_path / "d.docx") as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    data[start : start + 40] = b"\x00" * 40
    bad = tmp_path / "bad.docx"
    bad.write_bytes(bytes(data))
    read_error(bad, CorruptDocument)


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/styles.xml", "<x/>")
    error = read_error(path, CorruptDocument)
    assert "word/document.xml" in error.problem


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "broken.docx", "", document_xml=f'<w:document xmlns:w="{W}"><w:body><w:p>'
    )
    error = read_error(path, CorruptDocument)
    assert "not well-formed" in error.problem


def test_other_zip_formats_are_named(tmp_path: Path) -> None:
    xlsx = tmp_path / "rates.docx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in read_error(xlsx, UnsupportedFormat).problem
    odt = tmp_path / "contract.docx"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<x/>")
    assert "OpenDocument" in read_error(odt, UnsupportedFormat).problem
    plain = tmp_path / "archive.docx"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("notes.txt", "hello")
    assert "ZIP archive" in read_error(plain, UnsupportedFormat).problem
    empty = tmp_path / "empty.docx"
    zipfile.ZipFile(empty, "w").close()
    read_error(empty, EmptyDocument)


def test_docx_without_text(tmp_path: Path) -> None:
    read_error(write_docx(tmp_path / "blank.docx", p("") + p("   ")), EmptyDocument)


# -- hostile Word files ------------------------------------------------------------------------


def test_decompression_bomb_is_refused_before_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b" " * (12 * 1024 * 1024))  # compresses ~1000:1
    assert path.stat().st_size < 100_000

    def no_inflating(*args: object, **kwargs: object) -> object:
        raise AssertionError("a member was inflated before the sizes were checked")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    error = read_error(path, CorruptDocument)
    assert "decompression bomb" in error.problem


def test_oversized_member_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import parsers.docx_safety as safety

    monkeypatch.setattr(safety, "MAX_MEMBER_BYTES", 5_000)
    path = good_docx(tmp_path / "large.docx")  # document.xml is larger than the lowered cap
    assert "inflates to" in read_error(path, CorruptDocument).problem


def test_entity_expansion_is_refused_quickly(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "lol.docx", "", document_xml=BILLION_LAUGHS)
    started = time.perf_counter()
    error = read_error(path, CorruptDocument)
    assert time.perf_counter() - started < 2
    assert "DTD" in error.problem


def test_dtd_in_any_part_is_refused(tmp_path: Path) -> None:
    styles = '<?xml version="1.0"?><!DOCTYPE s SYSTEM "file:///etc/passwd"><w:styles xmlns:w="x"/>'
    path = write_docx(tmp_path / "ext.docx", p("ARTICLE 1 - A"), styles_xml=styles)
    assert "DTD" in read_error(path, CorruptDocument).problem


def test_python_docx_parser_does_not_expand_entities() -> None:
    """python-docx (used elsewhere to write DOCX) must not expand entities either."""
    from docx.oxml.parser import oxml_parser
    from lxml import etree

    started = time.perf_counter()
    try:
        root = etree.fromstring(BILLION_LAUGHS.encode(), oxml_parser)
    except etree.XMLSyntaxError as exc:
        assert "amplification" in str(exc)  # libxml2 refuses the expansion itself
    else:
        assert "lol" not in "".join(root.itertext())  # or leaves the entities unexpanded
    assert time.perf_counter() - started < 5


# -- files whose extension lies, and empty files ------------------------------------------------


def test_pdf_named_file_that_is_a_docx_is_read_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "agreement.pdf"
    write_docx(path, p("ARTICLE 1 - RECOGNITION") + p("The Employer recognizes the Union."))
    a = read_agreement(path)
    assert a.source.kind is DocKind.DOCX
    assert [u.id for u in a.units] == ["article-1"]
    assert any("agreement.pdf" in n and "Word" in n for n in a.notices)


def test_docx_named_file_that_is_text_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "agreement.docx"
    path.write_text("ARTICLE 1 - RECOGNITION\n\nThe Employer recognizes the Union.\n")
    a = read_agreement(path)
    assert a.source.kind is DocKind.TXT
    assert [u.title for u in a.units] == ["RECOGNITION"]
    assert any("agreement.docx" in n and "text" in n for n in a.notices)


def test_empty_and_blank_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "0 bytes" in read_error(empty, EmptyDocument).problem
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\f  \n")
    read_error(blank, EmptyDocument)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "does not exist" in read_error(tmp_path / "nope.pdf").problem
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert "folder" in read_error(folder).problem


# -- legacy and foreign formats ----------------------------------------------------------------


def test_legacy_word_doc_is_unsupported_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000 + b"WordDocument")
    error = read_error(path, UnsupportedFormat)
    assert ".doc" in error.problem and "docx" in error.fix.lower()


def test_password_protected_docx_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le")
    )
    error = read_error(path, EncryptedDocument)
    assert "password" in error.problem


def test_rtf_image_and_binary_files(tmp_path: Path) -> None:
    rtf = tmp_path / "a.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi ARTICLE 1}")
    assert "RTF" in read_error(rtf, UnsupportedFormat).problem
    png = tmp_path / "scan.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "OCR" in read_error(png, UnsupportedFormat).fix
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(1, 32)) * 100)
    read_error(blob, UnsupportedFormat)


# -- text encodings ----------------------------------------------------------------------------

TEXT = "ARTICLE 1 - EMPLOYEES’ RIGHTS\n\nThe café pays 5 € — see § 2.\n"


def test_windows_1252_text_is_read_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    a = read_agreement(path)
    assert a.units[0].title == "EMPLOYEES’ RIGHTS"
    assert a.units[0].blocks[0].text == "The café pays 5 € — see § 2."
    assert any("Windows-1252" in n and "legacy.txt" in n for n in a.notices)


def test_latin1_text_with_bytes_windows_1252_lacks(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("ARTICLE 2 - CAFÉ\n\nNiño\x81 paid.\n".encode("latin-1"))
    a = read_agreement(path)
    assert a.units[0].title == "CAFÉ"
    assert any("Latin-1" in n for n in a.notices)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_text_with_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    path = tmp_path / f"{codec}.txt"
    data = TEXT.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    a = read_agreement(path)
    assert a.units[0].blocks[0].text == "The café pays 5 € — see § 2."
    assert a.notices == ()


def test_utf16_without_bom_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    a = read_agreement(path)
    assert a.units[0].title == "EMPLOYEES’ RIGHTS"
    assert any("UTF-16" in n for n in a.notices)


def test_absurdly_large_text_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import parsers.txt

    monkeypatch.setattr(parsers.txt, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("ARTICLE 1 - A\n\n" + "words " * 500)
    assert "far more than any agreement" in read_error(path).problem


def test_html_and_word_xml_files_are_named(tmp_path: Path) -> None:
    html = tmp_path / "contract.txt"
    html.write_text("<!DOCTYPE html><html><body><h1>ARTICLE 1</h1></body></html>")
    assert "HTML" in read_error(html, UnsupportedFormat).problem
    flat = tmp_path / "contract.xml"
    flat.write_text(
        '<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>'
    )
    assert "Word XML" in read_error(flat, UnsupportedFormat).problem
