"""Word (.docx) agreements: the body's paragraphs and tables, in document order.

The reader walks the WordprocessingML tree itself (stdlib ElementTree on a vetted package, see
:mod:`parsers.docx_safety`) instead of going through python-docx objects: that is several times
faster on long agreements, and it lets the reader see what python-docx hides: tracked changes,
content controls, page-break marks and numbering definitions.

What it produces for :func:`parsers.structure.build_agreement`:

- paragraphs with the label Word's automatic numbering displays (``Para.label``), heading hints
  from styles and outline levels, and bold/size/caps/centering hints;
- a numbered heading whose number comes from numbering ("Article %1") carries the label inside
  its text, so it is detected exactly like a typed "ARTICLE 12" heading;
- tables as rows of cell text (merged cells once, nested tables flattened into their cell);
- footnotes and endnotes as notes, with references on the paragraph; headers, footers and
  comments are never body text;
- page numbers from explicit page breaks, "page break before", section breaks and the page
  breaks Word recorded when it last laid the document out; None when the file records none;
- tracked changes read as if accepted, with a notice saying so.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree as ET

from parsers.docx_numbering import Numbering, format_number
from parsers.docx_safety import DocxPackage
from parsers.docx_styles import StyleProps, Styles, ppr_props, rpr_props
from parsers.errors import CorruptDocument, EmptyDocument, UnsupportedFormat
from parsers.model import Agreement, DocKind, SourceInfo
from parsers.progress import CancelToken, ProgressFn
from parsers.stream import FootnoteText, Item, Para, Style, Table
from parsers.structure import build_agreement, match_heading
from parsers.textutil import zero_width_as_space

_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict Open XML
)
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "/officeDocument"
_TOC_TAIL_RE = re.compile(r"\t\s*(\d{1,4})\s*$")


@dataclass(frozen=True, slots=True)
class DocxStream:
    """What the body walk produced, before structure detection."""

    items: tuple[Item, ...]
    pages: int | None  # None when the file records no page breaks at all
    tracked_changes: bool
    embedded_parts: int = 0  # altChunk imports Word merges only when it saves the file
    struck_chars: int = 0  # text formatted as struck through (a typed redline), left out


def read_docx(path: Path, sha256: str, *, progress: ProgressFn, cancel: CancelToken) -> Agreement:
    """Read a DOCX into an :class:`Agreement`; raise ReadError subclasses for bad input."""
    stream = read_docx_stream(path, progress=progress, cancel=cancel)
    notices: list[str] = []
    if stream.tracked_changes:
        notices.append(
            f"{path.name} contains tracked changes; it was read as if they were all accepted "
            "(insertions kept, deletions removed). Accept or reject them in Word first if that "
            "is not the version you want to compare."
        )
    if stream.embedded_parts:
        notices.append(
            f"{path.name} holds {stream.embedded_parts} embedded document part(s) (imported "
            "HTML, RTF or Word content) that were not read. Open the file in Word and save it "
            "again to merge them into the document, then open it here."
        )
    if stream.struck_chars:
        notices.append(
            f"{path.name}: text formatted as struck through was left out, as a redline's "
            "deletions, so the agreement reads as the redline's result. Remove the "
            "strike-through in Word if that text should count."
        )
    progress(1.0, "Read the Word document")
    source = SourceInfo(str(path), DocKind.DOCX, sha256, stream.pages)
    return build_agreement(stream.items, source, notices)


def read_docx_stream(path: Path, *, progress: ProgressFn, cancel: CancelToken) -> DocxStream:
    """The paragraph/table/note stream of a DOCX body, in document order."""
    with DocxPackage(path) as pkg:
        main = _main_part(pkg)
        root = pkg.xml(main)
        if root is None:
            raise CorruptDocument(
                path,
                f"is damaged: the Word package has no main document part ({main}).",
                "Open it in Word or LibreOffice and save it again as .docx, or use the PDF.",
            )
        w = _namespace(path, root)
        rels = _relationships(pkg, main)
        styles = Styles(pkg.xml(rels["styles"]) if "styles" in rels else None, w)
        numbering = Numbering(pkg.xml(rels["numbering"]) if "numbering" in rels else None, w)
        numbering.style_num = styles.numbered_styles()
        footnotes = _notes(pkg.xml(rels["footnotes"]) if "footnotes" in rels else None, w)
        endnotes = _notes(pkg.xml(rels["endnotes"]) if "endnotes" in rels else None, w)
    body = root.find(f"{w}body")
    if body is None:
        raise CorruptDocument(
            path, "is damaged: its main document has no body.", "Save it again from Word."
        )
    reader = _BodyReader(w, styles, numbering, footnotes, endnotes, progress, cancel)
    items = reader.read(body)
    if not any(isinstance(it, Para | Table) for it in items):
        raise EmptyDocument(
            path, "holds no text (only images or empty paragraphs).", "Choose the full agreement."
        )
    if not reader.page_known:
        return DocxStream(
            tuple(_without_page(it) for it in items),
            None,
            reader.tracked,
            reader.embedded,
            reader.struck,
        )
    return DocxStream(tuple(items), reader.page, reader.tracked, reader.embedded, reader.struck)


def _without_page(item: Item) -> Item:
    return replace(item, page=None)


def _main_part(pkg: DocxPackage) -> str:
    """The main document part named by the package relationships (word/document.xml usually)."""
    rels = pkg.xml("_rels/.rels")
    if rels is not None:
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOC) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "").lstrip("/")
                if target in pkg.names:
                    return target
    if "word/document.xml" in pkg.names:
        return "word/document.xml"
    _not_word(pkg)
    return "word/document.xml"


def _not_word(pkg: DocxPackage) -> None:
    """Name the real format of a ZIP that is not a Word document, or call it damaged."""
    names = pkg.names
    fix = "Open the agreement itself as PDF, DOCX or TXT."
    if "xl/workbook.xml" in names:
        raise UnsupportedFormat(pkg.path, "is an Excel workbook, not a Word document.", fix)
    if "ppt/presentation.xml" in names:
        raise UnsupportedFormat(pkg.path, "is a PowerPoint presentation, not a Word document.", fix)
    if "mimetype" in names:
        mime = (pkg.read("mimetype") or b"")[:100].decode("ascii", "replace")
        if "opendocument" in mime:
            raise UnsupportedFormat(
                pkg.path,
                "is an OpenDocument file, which cannot be read directly.",
                "Save it as .docx or PDF from LibreOffice and open that.",
            )
    if "[Content_Types].xml" not in names:
        raise UnsupportedFormat(pkg.path, "is a ZIP archive, not a Word document.", fix)
    raise CorruptDocument(
        pkg.path,
        "is damaged: the Word package has no word/document.xml part.",
        "Open it in Word or LibreOffice and save it again as .docx, or use the PDF.",
    )


def _namespace(path: Path, root: ET.Element) -> str:
    for ns in _NAMESPACES:
        if root.tag == f"{{{ns}}}document":
            return f"{{{ns}}}"
    raise CorruptDocument(
        path,
        "is damaged: its main part is not a WordprocessingML document.",
        "Open it in Word or LibreOffice and save it again as .docx, or use the PDF.",
    )


def _relationships(pkg: DocxPackage, main: str) -> dict[str, str]:
    """Relationship type suffix ("styles", "numbering", ...) -> part name, for the main part."""
    folder, name = posixpath.split(main)
    found: dict[str, str] = {}
    rels = pkg.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
    if rels is not None:
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            part = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            if part in pkg.names:
                found.setdefault(kind, part)
    for kind in ("styles", "numbering", "footnotes", "endnotes"):
        default = posixpath.join(folder, f"{kind}.xml")
        if kind not in found and default in pkg.names:
            found[kind] = default
    return found


def _notes(root: ET.Element | None, w: str) -> dict[str, str]:
    """Footnote or endnote id -> text; the separator pseudo-notes are left out."""
    notes: dict[str, str] = {}
    if root is None:
        return notes
    for note in root:
        if note.get(f"{w}type") not in (None, "normal"):
            continue
        parts = []
        for p in note.iter(f"{w}p"):
            text = "".join(_plain_text(p, w))
            if text.strip():
                parts.append(" ".join(text.split()))
        notes[note.get(f"{w}id", "")] = " ".join(parts)
    return notes


def _plain_text(el: ET.Element, w: str) -> Iterator[str]:
    """Visible text under ``el`` with tracked deletions removed (for notes)."""
    for child in el:
        tag = child.tag
        if tag == f"{w}t":
            yield child.text or ""
        elif tag in (f"{w}tab", f"{w}br", f"{w}cr"):
            yield " "
        elif tag in (f"{w}del", f"{w}moveFrom", f"{w}pPr", f"{w}rPr", f"{w}instrText"):
            continue
        elif len(child):
            yield from _plain_text(child, w)


@dataclass(slots=True)
class _ParaText:
    """What one pass over a paragraph's runs found."""

    chunks: list[str]
    refs: list[str]
    notes: list[FootnoteText]
    page: int | None
    bold_chars: int = 0
    caps_chars: int = 0
    chars: int = 0
    size: float | None = None


class _BodyReader:
    """One pass over the body: counters for pages, numbering and notes live here."""

    def __init__(
        self,
        w: str,
        styles: Styles,
        numbering: Numbering,
        footnotes: dict[str, str],
        endnotes: dict[str, str],
        progress: ProgressFn,
        cancel: CancelToken,
    ) -> None:
        self.w = w
        self.styles = styles
        self.numbering = numbering
        self.footnotes = footnotes
        self.endnotes = endnotes
        self.progress = progress
        self.cancel = cancel
        self.page = 1
        self.page_known = False
        self.tracked = False
        self.embedded = 0  # altChunk parts (imported HTML/RTF/DOCX) that are not read
        self.struck = 0  # characters formatted as struck through, left out
        self._hard_breaks = 0  # explicit breaks waiting for the next text
        self._soft_break = False  # a page break Word recorded at its last layout
        self._section_types: list[str] = []
        self._section_index = 0
        self._footnote_count = 0
        self._endnote_count = 0
        # text and page of a paragraph whose mark was deleted: it joins the next paragraph
        self._carry: tuple[str, int | None] | None = None
        self._seen = 0
        self._total = 1
        self._boxes: list[ET.Element] = []  # text box contents met in the current paragraph
        self._tags = {
            name: f"{w}{name}"
            for name in (
                "p", "tbl", "sdt", "sdtContent", "customXml", "ins", "del", "moveTo",
                "moveFrom", "r", "t", "tab", "ptab", "br", "cr", "noBreakHyphen", "softHyphen",
                "lastRenderedPageBreak", "footnoteReference", "endnoteReference", "hyperlink",
                "smartTag", "fldSimple", "dir", "bdo", "pPr", "rPr", "tr", "tc", "tcPr", "trPr",
                "sectPr", "type", "vMerge", "gridSpan", "rStyle", "pStyle", "vanish",
                "drawing", "pict", "txbxContent", "hMerge", "altChunk",
            )
        }  # fmt: skip

    # -- pages -------------------------------------------------------------------------------

    def _break(self, hard: bool) -> None:
        self.page_known = True
        if hard:
            self._hard_breaks += 1
        else:
            self._soft_break = True

    def _text_starts(self) -> int:
        """Apply pending page breaks at the first visible character; return its page."""
        if self._hard_breaks or self._soft_break:
            self.page += max(self._hard_breaks, 1)
            self._hard_breaks = 0
            self._soft_break = False
        return self.page

    # -- body --------------------------------------------------------------------------------

    def read(self, body: ET.Element) -> list[Item]:
        t = self._tags
        for sect in body.iter(t["sectPr"]):
            kind = sect.find(t["type"])
            self._section_types.append(
                kind.get(f"{self.w}val", "nextPage") if kind is not None else "nextPage"
            )
        self._total = max(len(body), 1)
        items: list[Item] = []
        self._block_children(list(body), items, top=True)
        if self._carry is not None:
            text, page = self._carry
            items.append(Para(text, page))
        return items

    def _block_children(
        self, children: Iterable[ET.Element], items: list[Item], top: bool = False
    ) -> None:
        t = self._tags
        for child in children:
            if top:
                self._seen += 1
                if self._seen % 200 == 0:
                    self.cancel.raise_if_cancelled()
                    self.progress(0.95 * self._seen / self._total, "Reading the Word document")
            tag = child.tag
            if tag == t["p"]:
                self._paragraph(child, items)
            elif tag == t["tbl"]:
                pending = self._hard_breaks or self._soft_break
                page = self.page + max(self._hard_breaks, 1) if pending else self.page
                notes: list[FootnoteText] = []
                rows = self._table_rows(child, notes)
                if rows:
                    items.append(Table(rows, page))
                items.extend(notes)
            elif tag == t["sdt"]:
                content = child.find(t["sdtContent"])
                if content is not None:
                    self._block_children(content, items)
            elif tag in (t["customXml"], t["ins"], t["moveTo"]):
                if tag != t["customXml"]:
                    self.tracked = True
                self._block_children(child, items)
            elif tag in (t["del"], t["moveFrom"]):
                self.tracked = True
            elif tag == t["altChunk"]:
                self.embedded += 1

    # -- paragraphs --------------------------------------------------------------------------

    def _paragraph(self, p: ET.Element, items: list[Item]) -> None:
        """One paragraph, then the text boxes anchored in it (a cover title often sits in one)."""
        outer, self._boxes = self._boxes, []
        try:
            self._paragraph_text(p, items)
            boxes = self._boxes
            self._boxes = []
            for box in boxes:
                self._block_children(list(box), items)
        finally:
            self._boxes = outer

    def _paragraph_text(self, p: ET.Element, items: list[Item]) -> None:
        t = self._tags
        w = self.w
        ppr = p.find(t["pPr"])
        direct = ppr_props(ppr, w)
        style_id = None
        mark_deleted = False
        section_end = False
        if ppr is not None:
            pstyle = ppr.find(t["pStyle"])
            style_id = pstyle.get(f"{w}val") if pstyle is not None else None
            mark = ppr.find(t["rPr"])
            if mark is not None:
                if mark.find(t["del"]) is not None or mark.find(t["moveFrom"]) is not None:
                    mark_deleted = True
                    self.tracked = True
                elif mark.find(t["ins"]) is not None or mark.find(t["moveTo"]) is not None:
                    self.tracked = True
            section_end = ppr.find(t["sectPr"]) is not None
        style = self.styles.get(style_id)
        if direct.get("page_break_before", style.page_break_before):
            self._break(hard=True)

        label: tuple[str, int] | None = None
        if not mark_deleted:
            label = self._label(direct, style, style_id)

        found = _ParaText([], [], [], None)
        self._runs(p, found, style)
        text = zero_width_as_space("".join(found.chunks))
        if section_end:
            self._section_break()

        if mark_deleted:
            joined = " ".join(text.split())
            if self._carry is not None:
                joined = f"{self._carry[0]} {joined}".strip()
                page = self._carry[1]
            else:
                page = found.page
            self._carry = (joined, page) if joined else self._carry
            items.extend(found.notes)
            return

        toc_tail = _TOC_TAIL_RE.search(text)
        clean = " ".join(text.split())
        if toc_tail and clean:
            clean = " ".join(text[: toc_tail.start()].split()) + "\t" + toc_tail.group(1)
        page = found.page
        if self._carry is not None:
            clean = f"{self._carry[0]} {clean}".strip()
            page = self._carry[1] if self._carry[1] is not None else page
            self._carry = None
        if not clean and label is None:
            items.extend(found.notes)
            return
        if page is None:
            page = self._text_starts()

        level = direct.get("outline_level")
        heading_level = (
            int(level) + 1 if isinstance(level, int) and 0 <= level < 9 else style.heading_level
        )
        hints = Style(
            bold=bool(style.bold) if found.chars == 0 else found.bold_chars * 2 > found.chars,
            size=found.size if found.size is not None else style.size,
            body_size=self.styles.body_size,
            centered=bool(direct.get("centered", style.centered)),
            heading_level=heading_level,
            all_caps=bool(style.caps) if found.chars == 0 else found.caps_chars * 2 > found.chars,
        )
        if label is not None:
            combined = f"{label[0]} {clean}".strip()
            if match_heading(combined) is not None:
                # "Article %1" numbering: the heading must read like a typed "ARTICLE 12 ..."
                items.append(Para(combined, page, hints, footnote_refs=tuple(found.refs)))
            elif clean:
                items.append(
                    Para(clean, page, hints, label[0], label[1], footnote_refs=tuple(found.refs))
                )
        else:
            items.append(Para(clean, page, hints, footnote_refs=tuple(found.refs)))
        items.extend(found.notes)

    def _label(
        self, direct: dict[str, object], style: StyleProps, style_id: str | None
    ) -> tuple[str, int] | None:
        if not self.numbering:
            return None
        num_id = direct.get("num_id")
        ilvl = direct.get("ilvl")
        if num_id is None:
            num_id = style.num_id
            if num_id is None:
                return None
            if ilvl is None:
                ilvl = style.ilvl
                if ilvl is None and style_id is not None:
                    ilvl = self.numbering.level_for_style(str(num_id), style_id)
        level = ilvl if isinstance(ilvl, int) and 0 <= ilvl <= 8 else 0  # Word has levels 0-8
        return self.numbering.next_label(str(num_id), level)

    def _section_break(self) -> None:
        """A paragraph-level sectPr ends a section; the next section's type says how it starts."""
        self._section_index += 1
        kind = "nextPage"  # the default when the next section states no type
        if self._section_index < len(self._section_types):
            kind = self._section_types[self._section_index]
        if kind in ("nextPage", "oddPage", "evenPage"):
            self._break(hard=True)

    def _runs(self, el: ET.Element, found: _ParaText, pstyle: StyleProps) -> None:
        t = self._tags
        for child in el:
            tag = child.tag
            if tag == t["r"]:
                self._run(child, found, pstyle)
            elif tag in (
                t["hyperlink"],
                t["smartTag"],
                t["fldSimple"],
                t["customXml"],
                t["dir"],
                t["bdo"],
            ):
                self._runs(child, found, pstyle)
            elif tag in (t["ins"], t["moveTo"]):
                self.tracked = True
                self._runs(child, found, pstyle)
            elif tag in (t["del"], t["moveFrom"]):
                self.tracked = True
            elif tag == t["sdt"]:
                content = child.find(t["sdtContent"])
                if content is not None:
                    self._runs(content, found, pstyle)
            elif tag == t["pPr"]:
                continue
            elif tag.endswith(("}oMath", "}oMathPara")):
                for m_t in child.iter():
                    if m_t.tag.endswith("}t") and m_t.text:
                        self._visible(found, m_t.text, bold=False, caps=False, size=None)

    def _run(self, run: ET.Element, found: _ParaText, pstyle: StyleProps) -> None:
        t = self._tags
        w = self.w
        bold = bool(pstyle.bold)
        caps = bool(pstyle.caps)
        size = pstyle.size
        rpr = run.find(t["rPr"])
        if rpr is not None:
            props = rpr_props(rpr, w)
            if props.get("vanish"):
                return  # hidden text is neither shown nor printed
            if props.get("strike"):
                # a redline typed with strike-through formatting: the struck words are its
                # deletions, left out as the PDF reader leaves out struck text
                self.struck += sum(len(el.text or "") for el in run.iter(t["t"]))
                return
            rstyle = props.get("rstyle")
            if isinstance(rstyle, str):
                cstyle = self.styles.character.get(rstyle)
                if cstyle is not None:
                    bold = cstyle.bold if cstyle.bold is not None else bold
                    caps = cstyle.caps if cstyle.caps is not None else caps
                    size = cstyle.size if cstyle.size is not None else size
            bold = bool(props.get("bold", bold))
            caps = bool(props.get("caps", caps))
            sz = props.get("size")
            size = sz if isinstance(sz, float) else size
        for child in run:
            tag = child.tag
            if tag == t["t"]:
                if child.text:
                    # "caps" formatting displays (and prints) the text in capitals
                    text = child.text.upper() if caps else child.text
                    self._visible(found, text, bold, caps, size)
            elif tag in (t["tab"], t["ptab"]):
                found.chunks.append("\t")
            elif tag == t["br"]:
                kind = child.get(f"{w}type")
                if kind == "page":
                    self._break(hard=True)
                found.chunks.append(" " if kind != "page" else "")
            elif tag == t["cr"]:
                found.chunks.append(" ")
            elif tag == t["noBreakHyphen"]:
                self._visible(found, "-", bold, caps, size)
            elif tag == t["lastRenderedPageBreak"]:
                self._break(hard=False)
            elif tag in (t["drawing"], t["pict"]) or tag.endswith("}AlternateContent"):
                self._boxes.extend(_text_boxes(child, t["txbxContent"]))
            elif tag == t["footnoteReference"]:
                self._note_ref(child, found, endnote=False)
            elif tag == t["endnoteReference"]:
                self._note_ref(child, found, endnote=True)

    def _visible(
        self, found: _ParaText, text: str, bold: bool, caps: bool, size: float | None
    ) -> None:
        if found.page is None and text.strip():
            found.page = self._text_starts()
        found.chunks.append(text)
        n = len(text)
        found.chars += n
        if bold:
            found.bold_chars += n
        if caps:
            found.caps_chars += n
        if size is not None and found.size is None:
            found.size = size

    def _note_ref(self, ref: ET.Element, found: _ParaText, *, endnote: bool) -> None:
        w = self.w
        note_id = ref.get(f"{w}id", "")
        if ref.get(f"{w}customMarkFollows") in ("1", "true", "on"):
            return  # the mark is typed text that follows; rare, and kept as text
        if endnote:
            self._endnote_count += 1
            label = format_number(self._endnote_count, "lowerRoman") or str(self._endnote_count)
            text = self.endnotes.get(note_id)
        else:
            self._footnote_count += 1
            label = str(self._footnote_count)
            text = self.footnotes.get(note_id)
        if found.page is None:
            found.page = self._text_starts()
        found.refs.append(label)
        if text:
            found.notes.append(FootnoteText(label, text, found.page))

    # -- tables ------------------------------------------------------------------------------

    def _table_rows(
        self, tbl: ET.Element, notes: list[FootnoteText]
    ) -> tuple[tuple[str, ...], ...]:
        t = self._tags
        w = self.w
        rows: list[tuple[str, ...]] = []
        for tr in _direct_rows(tbl, t):
            trpr = tr.find(t["trPr"])
            if trpr is not None and trpr.find(t["del"]) is not None:
                self.tracked = True
                continue
            cells: list[str] = []
            for tc in _row_cells(tr, t):
                tcpr = tc.find(t["tcPr"])
                continued = False
                if tcpr is not None:
                    if _merge_continues(tcpr.find(t["hMerge"]), w):
                        continue  # legacy horizontal merge: the first cell holds the text
                    continued = _merge_continues(tcpr.find(t["vMerge"]), w)
                text = self._cell_text(tc, notes)
                cells.append("" if continued else text)
            if any(cells):
                rows.append(tuple(cells))
        return tuple(rows)

    def _cell_text(self, tc: ET.Element, notes: list[FootnoteText]) -> str:
        """Cell paragraphs joined by spaces; a nested table becomes "a | b; c | d" inline."""
        sink: list[Item] = []
        self._block_children(tc, sink)
        parts: list[str] = []
        for item in sink:
            if isinstance(item, Para):
                parts.append(f"{item.label} {item.text}" if item.label else item.text)
            elif isinstance(item, Table):
                parts.append("; ".join(" | ".join(c for c in r if c) for r in item.rows))
            else:
                notes.append(item)
        return " ".join(" ".join(p.replace("\t", " ").split()) for p in parts if p)


def _merge_continues(merge: ET.Element | None, w: str) -> bool:
    """A vMerge/hMerge that continues the cell before it (only "restart" starts a merge)."""
    return merge is not None and merge.get(f"{w}val", "continue") != "restart"


def _text_boxes(el: ET.Element, txbx: str) -> list[ET.Element]:
    """Text box contents under a drawing; of a markup-compatibility choice, one branch only.

    Word writes each text box twice (a DrawingML choice and a VML fallback); reading both would
    duplicate its text.
    """
    if el.tag.endswith("}AlternateContent"):
        for branch in el:
            found = _text_boxes(branch, txbx)
            if found:
                return found
        return []
    boxes: list[ET.Element] = []
    for child in el.iter(txbx):
        boxes.append(child)
    nested = {id(n) for b in boxes for n in b.iter(txbx) if n is not b}
    return [b for b in boxes if id(b) not in nested]


def _direct_rows(tbl: ET.Element, t: dict[str, str]) -> Iterator[ET.Element]:
    for child in tbl:
        if child.tag == t["tr"]:
            yield child
        elif child.tag in (t["sdt"], t["customXml"], t["ins"]):
            inner = child.find(t["sdtContent"]) if child.tag == t["sdt"] else child
            if inner is not None:
                yield from _direct_rows(inner, t)


def _row_cells(tr: ET.Element, t: dict[str, str]) -> Iterator[ET.Element]:
    for child in tr:
        if child.tag == t["tc"]:
            yield child
        elif child.tag in (t["sdt"], t["customXml"]):
            inner = child.find(t["sdtContent"]) if child.tag == t["sdt"] else child
            if inner is not None:
                yield from _row_cells(inner, t)
