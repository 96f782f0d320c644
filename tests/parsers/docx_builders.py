"""Build small DOCX packages from WordprocessingML snippets, for reader tests.

Tests write the XML Word would write (numbering definitions, tracked changes, page-break marks,
notes) instead of going through python-docx, because python-docx cannot author most of those.
Every helper returns a string of XML; :func:`write_docx` wraps a body into a full package.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def p(
    text: str = "",
    *,
    style: str | None = None,
    num: tuple[int, int] | None = None,
    ppr: str = "",
    runs: str | None = None,
) -> str:
    """A paragraph: ``num`` is (numId, ilvl); ``runs`` replaces the plain text run."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    body = runs if runs is not None else r(text)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{body}</w:p>"


def r(text: str, *, bold: bool = False, extra: str = "") -> str:
    """A run of text (spaces preserved)."""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}{extra}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def page_break() -> str:
    return '<w:r><w:br w:type="page"/></w:r>'


def cell(content: str, *, tcpr: str = "") -> str:
    if not content.startswith("<"):
        content = p(content)
    return f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{content}</w:tc>"


def table(*rows: str) -> str:
    return "<w:tbl><w:tblPr/>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


def level(
    ilvl: int,
    fmt: str,
    text: str,
    *,
    start: int = 1,
    restart: int | None = None,
    is_lgl: bool = False,
    pstyle: str | None = None,
) -> str:
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += "<w:isLgl/>" if is_lgl else ""
    extra += f'<w:pStyle w:val="{pstyle}"/>' if pstyle else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{escape(text)}"/></w:lvl>'
    )


def numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> str:
    """``abstracts``: abstractNumId -> levels XML; ``nums``: numId -> (abstractNumId, overrides)."""
    body = "".join(
        f'<w:abstractNum w:abstractNumId="{aid}">{levels}</w:abstractNum>'
        for aid, levels in abstracts.items()
    )
    body += "".join(
        f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'
        for nid, (aid, overrides) in nums.items()
    )
    return f'<w:numbering xmlns:w="{W}">{body}</w:numbering>'


def styles(*styles_xml: str, body_size_half_points: int = 24) -> str:
    return (
        f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:sz w:val="{body_size_half_points}"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "</w:style>" + "".join(styles_xml) + "</w:styles>"
    )


def style(style_id: str, name: str, *, ppr: str = "", rpr: str = "", based_on: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def notes(kind: str, entries: dict[int, str]) -> str:
    """footnotes.xml or endnotes.xml (``kind`` "footnote"/"endnote") with separators."""
    body = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    body += "".join(
        f'<w:{kind} w:id="{nid}"><w:p><w:r><w:{kind}Ref/></w:r>{r(" " + text)}</w:p></w:{kind}>'
        for nid, text in entries.items()
    )
    return f'<w:{kind}s xmlns:w="{W}">{body}</w:{kind}s>'


def document(body: str, *, final_sectpr: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{final_sectpr}</w:body>'
        "</w:document>"
    )


def write_docx(
    path: Path,
    body: str,
    *,
    styles_xml: str | None = None,
    numbering_xml: str | None = None,
    footnotes_xml: str | None = None,
    endnotes_xml: str | None = None,
    extra_parts: dict[str, str | bytes] | None = None,
    document_xml: str | None = None,
) -> Path:
    """Write a DOCX at ``path`` whose body is ``body`` (paragraph and table XML)."""
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": document_xml if document_xml is not None else document(body),
    }
    rels = []
    for kind, xml in (
        ("styles", styles_xml),
        ("numbering", numbering_xml),
        ("footnotes", footnotes_xml),
        ("endnotes", endnotes_xml),
    ):
        if xml is not None:
            parts[f"word/{kind}.xml"] = xml
            rels.append(
                f'<Relationship Id="r{kind}" Type="{_DOC_REL}/{kind}" Target="{kind}.xml"/>'
            )
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    parts.update(extra_parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path
