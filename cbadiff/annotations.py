"""Reviewer annotations: what a reviewer records on a change or an article pair.

The anchor holds enough to find the change again in a later comparison (article ids, block ids,
offset, and the quoted text of both sides), never a list index.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OPEN = "open"
    AGREED = "agreed"
    DISPUTED = "disputed"
    COUNSEL = "question for counsel"
    RESOLVED = "resolved"


DEFAULT_STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
"""The status list a new project starts with; each project may configure its own."""

FALLBACK_AUTHOR = "reviewer"


def default_author() -> str:
    """The login name, because reviewers rarely set one; a neutral name when none can be found.

    ``getpass.getuser`` raises on systems without a password entry (containers, some domain
    setups), and an annotation must never fail for that reason.
    """
    try:
        name = getpass.getuser().strip()
    except (OSError, KeyError, ImportError):
        return FALLBACK_AUTHOR
    return name or FALLBACK_AUTHOR


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
    # Added for re-anchoring: the paragraphs around the change, which tell apart two identical
    # short quotes ("$7.50" twice), and the article heading(s) as printed, shown for orphans and
    # used to find an added article again after renumbering.
    old_context: str = ""
    new_context: str = ""
    heading: str = ""


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
    draft: int | None = None  # id of the proposed draft (project document) it is anchored to
