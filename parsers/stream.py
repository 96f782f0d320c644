"""What a format reader hands to structure detection: a flat stream of paragraphs and tables.

Each reader (PDF, DOCX, TXT) knows its own format's noise (running headers, numbering
definitions, form feeds) and removes it; :mod:`parsers.structure` then finds articles, clauses
and front matter in the same way for every format, so the same agreement read as DOCX and as PDF
gives the same outline.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Style:
    """Typographic hints a heading detector may use; all optional because TXT has none."""

    bold: bool = False
    size: float | None = None  # font size in points
    body_size: float | None = None  # the document's usual body size, to compare against
    centered: bool = False
    heading_level: int | None = None  # from a DOCX heading style or outline level (1 = top)
    all_caps: bool = False


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph, lines already joined and de-hyphenated.

    ``label`` carries a number computed by the reader (DOCX automatic numbering) that is not part
    of ``text``; typed numbers stay in ``text`` and structure detection splits them off.
    """

    text: str
    page: int | None
    style: Style = Style()
    label: str | None = None
    label_level: int | None = None
    footnote_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    page: int | None


@dataclass(frozen=True, slots=True)
class FootnoteText:
    label: str
    text: str
    page: int | None


Item = Para | Table | FootnoteText
