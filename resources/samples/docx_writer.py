"""Write an agreement as a realistic DOCX: heading styles, Word automatic numbering, a running
header, "Page N of M" footer fields, a dot-leader table of contents, real footnotes and tables.

python-docx has no API for footnotes, fields or numbering definitions, so those parts are written
as OOXML here. The output is byte-for-byte reproducible: fixed core properties and fixed zip
timestamps, because committed samples must not change when nobody changed them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FIXED_ZIP_TIME = (2024, 8, 1, 0, 0, 0)
FONT = "Times New Roman"
INDENT = 0.5  # inches per clause level

Segment = tuple[str, str]  # ("text", s) | ("fn", key) | ("br", "") | ("ins", s) | ("del", s)
TRACK_AUTHOR = "Association Counsel"
TRACK_DATE = "2024-06-03T10:00:00Z"


@dataclass
class RPara:
    segs: list[Segment]
    label: str | None = None
    level: int = 0
    align: str = "justify"  # "justify" | "center" | "left"
    bold: bool = False
    page_break_before: bool = False
    keep_with_next: bool = False
    tracked: str | None = None  # "ins" or "del": the whole paragraph is a tracked change


@dataclass
class RTable:
    rows: list[list[str]]


@dataclass
class RUnit:
    kind: str
    number: str
    title: str
    heading: list[str]
    toc_left: str
    toc_right: str
    items: list[RPara | RTable]
    page_break_before: bool = False


@dataclass
class RDoc:
    cover: list[str]
    header: str
    preamble: list[RPara]
    units: list[RUnit]
    footnotes: dict[str, str]
    auto_numbering: bool
    toc_pages: dict[str, int] = field(default_factory=dict)
    title: str = ""
    date: datetime = datetime(2024, 8, 1, 9, 0, 0)
    number_formats: tuple[tuple[str, str], ...] = ()  # (numFmt, lvlText) per level; () = default
    # Article headings numbered by Word ("ARTICLE %1" on level 0, sections "%1.%2" below it):
    # the heading's text is then the title alone, and clause levels continue one list.
    number_headings: bool = False
    toc: bool = True


def text(s: str, **kw: object) -> RPara:
    return RPara([("text", s)], **kw)  # type: ignore[arg-type]


def _field(paragraph: object, instr: str, shown: str) -> None:
    """Append a complex field (PAGE, NUMPAGES) with a cached result to a paragraph."""
    p = paragraph._p  # type: ignore[attr-defined]
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {nsdecls('w')}><w:t>{shown}</w:t></w:r>",
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p.append(parse_xml(xml))


def _setup_styles(doc: object) -> None:
    styles = doc.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    pf = normal.paragraph_format
    pf.space_after = Pt(10)
    pf.line_spacing = 1.25
    h1 = styles["Heading 1"]
    h1.font.name = FONT
    h1.font.size = Pt(12)
    h1.font.bold = True
    h1.font.color.rgb = RGBColor(0, 0, 0)
    rfonts = h1.element.rPr.rFonts
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), FONT)
    rfonts.set(qn("w:hAnsi"), FONT)
    h1.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    h1.paragraph_format.space_before = Pt(18)
    h1.paragraph_format.space_after = Pt(12)
    h1.paragraph_format.keep_with_next = True
    toc = styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    toc.base_style = normal
    toc.paragraph_format.space_after = Pt(3)
    toc.paragraph_format.line_spacing = 1.0
    tabs = toc.paragraph_format.tab_stops
    tabs.add_tab_stop(Inches(1.9))
    tabs.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    fn = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    fn.base_style = normal
    fn.font.size = Pt(10)
    fn.paragraph_format.space_after = Pt(0)
    fn.paragraph_format.line_spacing = 1.0


_LEVEL_FORMATS = (
    ("decimal", "%1."),
    ("lowerLetter", "(%2)"),
    ("decimal", "(%3)"),
    ("lowerRoman", "(%4)"),
)


def _numbering(
    doc: object, formats: tuple[tuple[str, str], ...] = _LEVEL_FORMATS
) -> tuple[object, int]:
    """Add one abstract numbering definition for clause levels 1-4; return (part element, id)."""
    numbering = doc.part.numbering_part.element  # type: ignore[attr-defined]
    abstract_id = 90
    levels = []
    for ilvl, (fmt, lvl_text) in enumerate(formats):
        left = int((ilvl + 1) * INDENT * 1440)
        if lvl_text[:1].isalpha():  # "ARTICLE %1" numbers a heading: a space, no indent
            levels.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:suff w:val="space"/><w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
            )
            continue
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
            f'<w:ind w:left="{left}" w:hanging="{int(INDENT * 1440)}"/></w:pPr></w:lvl>'
        )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return numbering, abstract_id


def _new_num(numbering: object, abstract_id: int, num_id: int) -> None:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>'
        for i in range(len(_LEVEL_FORMATS))
    )
    numbering.append(  # type: ignore[attr-defined]
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>"
        )
    )


def _set_numbering(paragraph: object, ilvl: int, num_id: int) -> None:
    """Attach a list level; python-docx places <w:numPr> where the schema wants it (Word
    rejects a paragraph whose properties are out of order)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _footnote_settings(doc: object) -> None:
    """Declare the separator footnotes in settings.xml, as Word does."""
    settings = doc.settings.element  # type: ignore[attr-defined]
    fpr = parse_xml(
        f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    )
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(fpr)
    else:
        settings.append(fpr)


class _Writer:
    def __init__(self, spec: RDoc) -> None:
        self.spec = spec
        self.doc = Document()
        self.footnote_ids: dict[str, int] = {}
        self.track_id = 0
        _setup_styles(self.doc)
        self.numbering: object | None = None
        self.abstract_id = 0
        self.num_id = 100
        if spec.auto_numbering:
            self.numbering, self.abstract_id = _numbering(
                self.doc, spec.number_formats or _LEVEL_FORMATS
            )

    # -- paragraphs ------------------------------------------------------------------------
    def para(self, rp: RPara, numbered_ok: bool = False) -> None:
        p = self.doc.add_paragraph()
        pf = p.paragraph_format
        pf.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }[rp.align]
        if rp.page_break_before:
            pf.page_break_before = True
        if rp.keep_with_next:
            pf.keep_with_next = True
        if rp.label and numbered_ok and self.numbering is not None:
            _set_numbering(p, rp.level - 1, self.num_id)
        elif rp.label:
            pf.left_indent = Inches(rp.level * INDENT)
            pf.first_line_indent = Inches(-INDENT)
            pf.tab_stops.add_tab_stop(Inches(rp.level * INDENT))
            p.add_run(rp.label + "\t")
        for kind, value in rp.segs:
            if kind == "text":
                run = p.add_run(value)
                run.bold = rp.bold or None
            elif kind == "br":
                p.add_run().add_break(WD_BREAK.LINE)
            elif kind in ("ins", "del"):
                self.tracked_run(p, kind, value)
            else:
                self.footnote_ref(p, value)
        if rp.tracked:
            self.track_paragraph(p, rp.tracked)

    def next_track_id(self) -> int:
        self.track_id += 1
        return self.track_id

    def tracked_run(self, paragraph: object, kind: str, value: str) -> None:
        """A run inside <w:ins> or <w:del> (deleted text is <w:delText>), as Word writes them."""
        tag = "w:delText" if kind == "del" else "w:t"
        paragraph._p.append(  # type: ignore[attr-defined]
            parse_xml(
                f'<w:{kind} {nsdecls("w")} w:id="{self.next_track_id()}" w:author="{TRACK_AUTHOR}" '
                f'w:date="{TRACK_DATE}"><w:r><{tag} xml:space="preserve">{_xml_escape(value)}'
                f"</{tag}></w:r></w:{kind}>"
            )
        )

    def track_paragraph(self, paragraph: object, kind: str) -> None:
        """Mark a whole paragraph inserted or deleted: its runs and its paragraph mark."""
        p = paragraph._p  # type: ignore[attr-defined]
        tag = "w:delText" if kind == "del" else "w:t"
        for r in list(p.findall(qn("w:r"))):
            wrapper = parse_xml(
                f'<w:{kind} {nsdecls("w")} w:id="{self.next_track_id()}" w:author="{TRACK_AUTHOR}" '
                f'w:date="{TRACK_DATE}"/>'
            )
            r.addprevious(wrapper)
            wrapper.append(r)
            for t in r.findall(qn("w:t")):
                t.tag = qn(tag)
        ppr = p.get_or_add_pPr()
        ppr.append(
            parse_xml(
                f'<w:rPr {nsdecls("w")}><w:{kind} w:id="{self.next_track_id()}" '
                f'w:author="{TRACK_AUTHOR}" w:date="{TRACK_DATE}"/></w:rPr>'
            )
        )

    def footnote_ref(self, paragraph: object, key: str) -> None:
        fid = self.footnote_ids.setdefault(key, len(self.footnote_ids) + 1)
        paragraph._p.append(  # type: ignore[attr-defined]
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{fid}"/></w:r>'
            )
        )

    def table(self, rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                cp = cell.paragraphs[0]
                cp.paragraph_format.space_after = Pt(0)
                cp.paragraph_format.line_spacing = 1.0
                if c:
                    cp.alignment = WD_ALIGN_PARAGRAPH.RIGHT if r else WD_ALIGN_PARAGRAPH.CENTER
                run = cp.add_run(value)
                run.font.size = Pt(10)
                if r == 0:
                    run.bold = True
        header_tr = table.rows[0]._tr.get_or_add_trPr()
        header_tr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(4)

    # -- document parts --------------------------------------------------------------------
    def header_footer(self) -> None:
        section = self.doc.sections[0]
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)
        section.different_first_page_header_footer = True
        hp = section.header.paragraphs[0]
        hp.text = self.spec.header
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for run in hp.runs:
            run.font.size = Pt(9)
            run.italic = True
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp.add_run("Page ")
        _field(fp, "PAGE", "1")
        fp.add_run(" of ")
        _field(fp, "NUMPAGES", "1")

    def cover(self) -> None:
        for i, line in enumerate(self.spec.cover):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(120 if i == 0 else 12)
            run = p.add_run(line)
            run.bold = line.isupper()
            run.font.size = Pt(16 if line.isupper() else 12)

    def toc(self) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.page_break_before = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("TABLE OF CONTENTS").bold = True
        for u in self.spec.units:
            page = self.spec.toc_pages.get(u.heading[0], 0)
            entry = self.doc.add_paragraph(style="TOC 1")
            entry.add_run(f"{u.toc_left}\t{u.toc_right}\t{page}")

    def unit(self, u: RUnit) -> None:
        h = self.doc.add_paragraph(style="Heading 1")
        if u.page_break_before:
            h.paragraph_format.page_break_before = True
        if self.spec.number_headings and u.kind == "article":
            if self.num_id == 100:
                self.num_id += 1
                _new_num(self.numbering, self.abstract_id, self.num_id)
            _set_numbering(h, 0, self.num_id)
            h.add_run(u.title)
        else:
            for i, line in enumerate(u.heading):
                if i:
                    h.add_run().add_break(WD_BREAK.LINE)
                h.add_run(line)
        if self.numbering is not None and u.kind == "article" and not self.spec.number_headings:
            self.num_id += 1
            _new_num(self.numbering, self.abstract_id, self.num_id)
        for item in u.items:
            if isinstance(item, RTable):
                self.table(item.rows)
            else:
                self.para(item, numbered_ok=u.kind == "article")

    def footnotes_part(self) -> None:
        if not self.footnote_ids:
            return
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
            'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>",
        ]
        style_id = self.doc.styles["Footnote Text"].style_id
        for key, fid in self.footnote_ids.items():
            body = _xml_escape(self.spec.footnotes[key])
            notes.append(
                f'<w:footnote w:id="{fid}"><w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> {body}</w:t></w:r></w:p></w:footnote>'
            )
        xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:footnotes {nsdecls('w')}>{''.join(notes)}</w:footnotes>"
        ).encode()
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml, self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        _footnote_settings(self.doc)

    def core(self) -> None:
        cp = self.doc.core_properties
        cp.title = self.spec.title
        cp.author = "CBA Diff sample generator"
        cp.last_modified_by = "CBA Diff sample generator"
        cp.created = self.spec.date
        cp.modified = self.spec.date
        cp.revision = 1
        cp.comments = "Fictional agreement written for CBA Diff tests and demonstrations."
        cp.keywords = ""
        cp.subject = ""
        cp.category = ""

    def build(self) -> bytes:
        self.header_footer()
        self.cover()
        if self.spec.toc:
            self.toc()
        for i, rp in enumerate(self.spec.preamble):
            if i == 0:
                rp.page_break_before = True
            self.para(rp)
        for u in self.spec.units:
            self.unit(u)
        self.footnotes_part()
        self.core()
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalise_zip(buf.getvalue())


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def normalise_zip(data: bytes, drop: tuple[str, ...] = ("docProps/thumbnail.jpeg",)) -> bytes:
    """Rewrite a DOCX zip with fixed timestamps (and without the template's thumbnail)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            blob = zin.read(info.filename)
            if info.filename == "[Content_Types].xml" or info.filename == "_rels/.rels":
                blob = _drop_thumbnail_refs(blob)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, blob)
    return out.getvalue()


def _drop_thumbnail_refs(blob: bytes) -> bytes:
    import re

    blob = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", blob)
    return re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", blob)


def docx_bytes(spec: RDoc) -> bytes:
    return _Writer(spec).build()


def write_docx(spec: RDoc, path: Path) -> None:
    path.write_bytes(docx_bytes(spec))
