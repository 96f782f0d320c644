"""Find front matter, top-level units and clauses in a reader's paragraph stream.

Shared by every format so that one agreement read as DOCX and as PDF yields one outline. Headings
are recognised by the patterns agreements print ("ARTICLE XIIIA", "Article 12 - Hours",
"ARTICLE ONE", "Art. 4", "EXHIBIT A", "SIDELETTER NO. 3", a bare number line followed by a title
line) with typographic hints (bold, size, heading styles) as support; nothing here is keyed to
one agreement's titles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.model import (
    Agreement,
    Block,
    BlockKind,
    Footnote,
    FrontKind,
    FrontPart,
    SourceInfo,
    Unit,
    UnitKind,
)
from parsers.numbering import normalise_label
from parsers.stream import FootnoteText, Item, Para, Table

ROMAN = r"[IVXLCDM]+"
WORD_NUMBERS = (
    "ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|THIRTEEN|FOURTEEN|"
    "FIFTEEN|SIXTEEN|SEVENTEEN|EIGHTEEN|NINETEEN|TWENTY(?:[- ](?:ONE|TWO|THREE|FOUR|FIVE|"
    "SIX|SEVEN|EIGHT|NINE))?|THIRTY(?:[- ](?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE))?|"
    "FORTY(?:[- ](?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE))?|FIFTY"
)
ARTICLE_NUMBER = rf"(?:{ROMAN}|\d+)[A-Z]?(?:-\d+)?|(?:{WORD_NUMBERS})"
SEPARATOR = r"\s*(?:[.:\-–—]\s*|\s)"

_ARTICLE_RE = re.compile(
    rf"^(?:ARTICLE|Article|ART\.|Art\.)\s+(?P<num>{ARTICLE_NUMBER})(?:{SEPARATOR}(?P<title>.*))?$",
    re.IGNORECASE,
)
_APPENDIX_WORDS = {
    "EXHIBIT": UnitKind.EXHIBIT,
    "APPENDIX": UnitKind.APPENDIX,
    "SCHEDULE": UnitKind.SCHEDULE,
    "ATTACHMENT": UnitKind.ATTACHMENT,
    "ADDENDUM": UnitKind.ADDENDUM,
}
_APPENDIX_RE = re.compile(
    r"^(?P<word>EXHIBIT|APPENDIX|SCHEDULE|ATTACHMENT|ADDENDUM)\s+"
    r"(?P<num>[A-Z]{1,2}(?:-\d+)?|\d+|[IVXLC]+)\b(?:\s*[.:\-–—]?\s*(?P<title>.*))?$",
)
_SIDELETTER_RE = re.compile(
    r"^(?:SIDE\s?LETTER|Side\s?[Ll]etter)(?:\s+(?:NO\.|No\.|#)?\s*(?P<num>\d+[A-Z]?))?"
    r"(?:\s*[.:\-–—]\s*(?P<title>.*))?$"
)
_MEMO_RE = re.compile(
    r"^(?P<word>MEMORANDUM OF (?:AGREEMENT|UNDERSTANDING)|LETTER OF (?:AGREEMENT|UNDERSTANDING|INTENT))"
    r"(?:\s+(?:NO\.\s*)?(?P<num>\d+|[A-Z]))?(?:\s*[.:\-–—]\s*(?P<title>.*))?$",
    re.IGNORECASE,
)
_TOC_LINE_RE = re.compile(r"(?:\.\s*){4,}\s*\d+\s*$|\t\s*\d+\s*$|_{4,}\s*\d+\s*$")
_TOC_TITLE_RE = re.compile(r"^(?:TABLE OF CONTENTS|CONTENTS|INDEX)\s*$", re.IGNORECASE)
_CLAUSE_RE = re.compile(
    r"^(?P<label>"
    r"(?:Section|SECTION|Sec\.)\s+\d+(?:\.\d+)*[A-Za-z]?\.?"
    r"|\d+(?:\.\d+)+\.?"
    r"|\d+\.(?=\s)"
    r"|\([a-z]{1,2}\)|\(\d{1,3}\)|\([ivxlc]+\)|\([A-Z]\)"
    r"|[A-Z]\.(?=\s)"
    r")\s+(?P<rest>\S.*)$",
    re.DOTALL,
)

_MAX_HEADING_CHARS = 160


@dataclass
class _OpenUnit:
    kind: UnitKind
    number: str | None
    title: str | None
    heading: str
    page: int | None
    items: list[Item] = field(default_factory=list)
    last_page: int | None = None


def match_heading(text: str) -> tuple[UnitKind, str | None, str | None] | None:
    """Return (kind, number, title) when ``text`` is a top-level heading line."""
    line = " ".join(text.split())
    if not line or len(line) > _MAX_HEADING_CHARS:
        return None
    m = _ARTICLE_RE.match(line)
    if m:
        title = (m.group("title") or "").strip() or None
        if title and title[:1].islower():
            return None  # "Article 12 of this Agreement ..." is a cross-reference, not a heading
        return UnitKind.ARTICLE, m.group("num").upper(), title
    m = _APPENDIX_RE.match(line)
    if m:
        return (
            _APPENDIX_WORDS[m.group("word")],
            m.group("num"),
            (m.group("title") or "").strip() or None,
        )
    m = _SIDELETTER_RE.match(line)
    if m:
        return UnitKind.SIDELETTER, m.group("num"), (m.group("title") or "").strip() or None
    m = _MEMO_RE.match(line)
    if m and line.split()[0].isupper():
        kind = UnitKind.MEMORANDUM if line.upper().startswith("MEMO") else UnitKind.LETTER
        return kind, m.group("num"), (m.group("title") or "").strip() or None
    return None


def is_toc_line(text: str) -> bool:
    return bool(_TOC_LINE_RE.search(text))


def split_clause_label(text: str) -> tuple[str | None, str]:
    """Split a typed clause number ("12.3", "(a)", "Section 4.") off the start of ``text``."""
    m = _CLAUSE_RE.match(text)
    if not m:
        return None, text
    return m.group("label").rstrip(), m.group("rest")


def _label_level(label: str) -> int:
    if label.lower().startswith(("section", "sec.")):
        return 1
    if re.fullmatch(r"\d+(?:\.\d+)+\.?", label):
        return label.rstrip(".").count(".") + 1
    if re.fullmatch(r"\d+\.|[A-Z]\.", label):
        return 1
    if re.fullmatch(r"\([a-z]{1,2}\)|\([A-Z]\)", label):
        return 2
    if re.fullmatch(r"\(\d+\)", label):
        return 3
    return 4


def _unit_id(kind: UnitKind, number: str | None, ordinal: int, seen: dict[str, int]) -> str:
    if number is None:
        base = f"{kind.value}-n{ordinal}"
    else:
        base = f"{kind.value}-{normalise_label(number, numeric=kind is UnitKind.ARTICLE)}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}~{seen[base]}"


def _blocks(unit_id: str, items: Sequence[Item]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for i, item in enumerate(items):
        block_id = f"{unit_id}/b{i}"
        if isinstance(item, Table):
            text = "\n".join(" | ".join(row) for row in item.rows)
            blocks.append(Block(block_id, BlockKind.TABLE, text, item.page, rows=item.rows))
            continue
        if not isinstance(item, Para):
            continue
        if item.label:
            label: str | None = item.label
            text = item.text
            level = item.label_level or _label_level(item.label)
        else:
            label, text = split_clause_label(item.text)
            level = _label_level(label) if label else 0
        kind = BlockKind.CLAUSE if label else BlockKind.PARAGRAPH
        blocks.append(
            Block(
                block_id,
                kind,
                text,
                item.page,
                label=label,
                level=level,
                footnote_refs=item.footnote_refs,
            )
        )
    return tuple(blocks)


def build_agreement(
    items: Sequence[Item], source: SourceInfo, notices: Sequence[str] = ()
) -> Agreement:
    """Group a paragraph stream into front matter and top-level units."""
    front: list[FrontPart] = []
    footnotes: list[Footnote] = []
    opened: list[_OpenUnit] = []
    cover: list[Para] = []
    toc: list[Para] = []
    in_toc = False
    pending_number: tuple[UnitKind, str | None, Para] | None = None

    for item in items:
        if isinstance(item, FootnoteText):
            footnotes.append(Footnote(item.label, item.text, item.page))
            continue
        if isinstance(item, Para):
            text = item.text.strip()
            if _TOC_TITLE_RE.match(text) or is_toc_line(text):
                in_toc = True
                toc.append(item)
                continue
            if pending_number is not None:
                kind, number, head = pending_number
                pending_number = None
                if match_heading(text) is None and len(text) <= _MAX_HEADING_CHARS:
                    opened.append(_OpenUnit(kind, number, text, f"{head.text}\n{text}", head.page))
                    continue
            found = match_heading(text) if not item.label else None
            if found:
                in_toc = False
                kind, number, title = found
                if title is None and kind is UnitKind.ARTICLE:
                    pending_number = (kind, number, item)  # the title may be on the next line
                    continue
                opened.append(_OpenUnit(kind, number, title, text, item.page))
                continue
            if in_toc and len(text) < 80 and not opened:
                toc.append(item)  # wrapped TOC entry continuing onto a second line
                continue
        if pending_number is not None:
            kind, number, head = pending_number
            opened.append(_OpenUnit(kind, number, None, head.text, head.page))
            pending_number = None
        if opened:
            opened[-1].items.append(item)
        elif isinstance(item, Para):
            cover.append(item)

    if pending_number is not None:
        kind, number, head = pending_number
        opened.append(_OpenUnit(kind, number, None, head.text, head.page))

    if cover:
        front.append(
            FrontPart(
                FrontKind.COVER,
                "\n".join(p.text for p in cover),
                cover[0].page,
                cover[-1].page,
            )
        )
    if toc:
        front.append(
            FrontPart(FrontKind.TOC, "\n".join(p.text for p in toc), toc[0].page, toc[-1].page)
        )

    units: list[Unit] = []
    seen: dict[str, int] = {}
    ordinals: dict[UnitKind, int] = {}
    for ou in opened:
        ordinals[ou.kind] = ordinals.get(ou.kind, 0) + 1
        unit_id = _unit_id(ou.kind, ou.number, ordinals[ou.kind], seen)
        pages = [it.page for it in ou.items if it.page is not None]
        units.append(
            Unit(
                id=unit_id,
                kind=ou.kind,
                number=ou.number,
                title=ou.title,
                heading=ou.heading,
                page_start=ou.page,
                page_end=max(pages) if pages else ou.page,
                blocks=_blocks(unit_id, ou.items),
            )
        )
    return Agreement(source, tuple(units), tuple(front), tuple(footnotes), tuple(notices))
