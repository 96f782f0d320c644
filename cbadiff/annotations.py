"""Reviewer annotations: what a reviewer records on a change or an article pair.

The anchor holds enough to find the change again in a later comparison (article ids, block ids,
offset, and the quoted text of both sides), never a list index.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OPEN = "open"
    AGREED = "agreed"
    DISPUTED = "disputed"
    COUNSEL = "question for counsel"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class Anchor:
    pair_id: str
    change_id: str | None  # None: the annotation is on the whole article pair
    old_units: tuple[str, ...]
    new_units: tuple[str, ...]
    old_block: str | None = None
    new_block: str | None = None
    old_quote: str = ""
    new_quote: str = ""
    ordinal: int = 0  # the change's position within its pair when it was annotated


@dataclass(frozen=True, slots=True)
class Annotation:
    id: int
    anchor: Anchor
    comment: str  # internal: never in a member export unless asked for
    status: str
    author: str
    created: str  # ISO 8601, UTC
    edited: str
    member_note: str = ""  # plain-language note meant for members
    orphaned: bool = False
