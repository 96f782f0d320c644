"""The comparison model: what the engine produces and the CLI, GUI, exports and store read.

One immutable record per change (the idea of Meld's ``DiffChunk``) serves every consumer, so the
JSON, the redline and the navigator never disagree. Ids are derived from the aligned unit and
block ids plus an ordinal, so they are stable across re-runs of the same comparison.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from parsers.model import Agreement, Block


class Status(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    DELETED = "deleted"


class Flag(StrEnum):
    RENUMBERED = "renumbered"
    RETITLED = "retitled"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"


class ChangeKind(StrEnum):
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"
    MOVE = "move"


class OpTag(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class WordOp:
    """A run of words: equal + delete runs rebuild the old text, equal + insert the new."""

    tag: OpTag
    text: str
    change_id: str | None = None  # the Change this run belongs to (None for equal runs)


@dataclass(frozen=True, slots=True)
class NumberChange:
    """A quantity a change alters, as printed on each side ("$7.50" -> "$10.00", unit "$")."""

    old: str | None
    new: str | None
    unit: str | None
    context: str | None = None  # where it sits when the text alone does not say (table row/column)


@dataclass(frozen=True, slots=True)
class Change:
    """One change a reader can accept, dispute or annotate."""

    id: str
    kind: ChangeKind
    old_text: str
    new_text: str
    substantive: bool
    old_page: int | None
    new_page: int | None
    numbers: tuple[NumberChange, ...] = ()
    categories: tuple[str, ...] = ()
    why: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    old_block: str | None = None  # Block ids, for tracing to page and paragraph
    new_block: str | None = None
    old_context: str = ""  # the whole paragraph the change sits in, each side
    new_context: str = ""
    block_index: int = 0  # index into ArticlePair.blocks
    reason: str = ""  # why a change is not substantive ("whitespace", "quotes", "renumbered ref")


@dataclass(frozen=True, slots=True)
class BlockPair:
    """Two aligned blocks of an article pair; one side is None for an added or deleted block."""

    old: Block | None
    new: Block | None
    ops: tuple[WordOp, ...]
    moved: bool = False
    old_unit: str | None = None  # unit ids, which differ from the pair's for cross-article moves
    new_unit: str | None = None


@dataclass(frozen=True, slots=True)
class ArticlePair:
    """An entry of the alignment: n old units matched to m new ones (1:1, 1:n split, n:1 merge)."""

    id: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    status: Status
    flags: tuple[Flag, ...]
    similarity: float
    blocks: tuple[BlockPair, ...] = ()
    changes: tuple[Change, ...] = ()
    categories: tuple[str, ...] = ()  # union of the changes' categories, ranked


@dataclass(frozen=True, slots=True)
class CompareOptions:
    show_cosmetic: bool = False  # list non-substantive changes too
    categories: tuple[str, ...] = ()  # limit changes to these categories (empty: all)


@dataclass(frozen=True, slots=True)
class Comparison:
    old: Agreement
    new: Agreement
    pairs: tuple[ArticlePair, ...]  # reading order of the new agreement; deletions where they stood
    options: CompareOptions = CompareOptions()

    def all_changes(self) -> list[tuple[ArticlePair, Change]]:
        return [(p, c) for p in self.pairs for c in p.changes]
