"""The agreement model every reader produces and every later stage consumes.

Frozen dataclasses: an ``Agreement`` is a value, safe to share between threads, to cache and to
compare. Ids are derived from what a unit *is* (its kind and printed number, or its ordinal among
unnumbered units of its kind) and never from memory addresses or timestamps, so re-reading the
same file gives the same ids and annotations anchored to them survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DocKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TXT = "txt"


class UnitKind(StrEnum):
    """Top-level units in the order agreements print them."""

    PREAMBLE = "preamble"
    ARTICLE = "article"
    EXHIBIT = "exhibit"
    APPENDIX = "appendix"
    SCHEDULE = "schedule"
    ATTACHMENT = "attachment"
    SIDELETTER = "sideletter"
    MEMORANDUM = "memorandum"
    LETTER = "letter"
    ADDENDUM = "addendum"
    DOCUMENT = "document"  # the whole body of a document that prints no heading at all


class FrontKind(StrEnum):
    """Front and back matter that is never an article."""

    COVER = "cover"
    TOC = "toc"
    SIGNATORIES = "signatories"
    OTHER = "other"


class BlockKind(StrEnum):
    CLAUSE = "clause"  # starts with a printed or computed label: 12.3, Section 4, (a), (1), (i)
    PARAGRAPH = "paragraph"
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    path: str
    kind: DocKind
    sha256: str
    pages: int | None


@dataclass(frozen=True, slots=True)
class Block:
    """A clause, paragraph or table inside a unit.

    ``label`` is the clause number as displayed ("12.3", "(a)", "Section 4"), whether it was typed
    or produced by Word's automatic numbering; ``text`` never repeats it. ``level`` is the nesting
    depth of the label (0 for unlabelled paragraphs continuing the current clause level).
    ``rows`` holds the cells of a table block; its ``text`` is the rows joined for searching.
    """

    id: str
    kind: BlockKind
    text: str
    page: int | None
    label: str | None = None
    title: str | None = None
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    footnote_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unit:
    """An article, exhibit, appendix, schedule, sideletter, memorandum or letter."""

    id: str
    kind: UnitKind
    number: str | None  # as printed, without the word "Article": "XIIIA", "12", "A"
    title: str | None
    heading: str  # the heading line(s) as printed, for display
    page_start: int | None
    page_end: int | None
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """All block text, one block per line, labels included: what similarity is computed on."""
        return "\n".join(f"{b.label} {b.text}" if b.label else b.text for b in self.blocks)

    @property
    def chars(self) -> int:
        return sum(len(b.text) for b in self.blocks)


@dataclass(frozen=True, slots=True)
class FrontPart:
    kind: FrontKind
    text: str
    page_start: int | None
    page_end: int | None


@dataclass(frozen=True, slots=True)
class Footnote:
    label: str
    text: str
    page: int | None


@dataclass(frozen=True, slots=True)
class Agreement:
    source: SourceInfo
    units: tuple[Unit, ...]
    front_matter: tuple[FrontPart, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    notices: tuple[str, ...] = field(
        default=()
    )  # said to the user, e.g. "tracked changes accepted"

    def unit(self, unit_id: str) -> Unit:
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)
