"""Decide whether a change alters anything a reader relies on.

Not substantive: whitespace and line wrapping, straight vs curly quotes and dashes, hyphenation
(:mod:`cbadiff.text.normalize`), page furniture left in the text ("Page 12", "- 12 -"), and a
cross-reference renumbered only because its target was renumbered ("Article 14" -> "Article 15"
when old Article 14 became new Article 15). The last needs the alignment, so the pipeline passes
:class:`References`, which rewrites references on each side into one numbering.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cbadiff.text.normalize import cosmetic_key, cosmetic_reason

_FURNITURE_RE = re.compile(
    r"^\s*(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*\|\s*page)\s*$",
    re.IGNORECASE,
)
_CONTEXT_CHARS = 40


@dataclass(frozen=True, slots=True)
class References:
    """Rewrite cross-references of the old and the new text into the new agreement's numbering."""

    old: Callable[[str], str]
    new: Callable[[str], str]


def is_furniture(text: str) -> bool:
    """A page number or "Page n of m" left in running text by a reader."""
    return bool(_FURNITURE_RE.match(text))


def judge(
    old_text: str,
    new_text: str,
    *,
    old_around: tuple[str, str] = ("", ""),
    new_around: tuple[str, str] = ("", ""),
    references: References | None = None,
) -> tuple[bool, str]:
    """(substantive, reason) for a change from ``old_text`` to ``new_text``.

    ``old_around`` and ``new_around`` are the text (before, after) the change on each side, so
    "Article " + "14" -> "15" can be judged as a reference.
    """
    reason = cosmetic_reason(old_text, new_text)
    if reason:
        return False, reason
    if (not old_text.strip() and is_furniture(new_text)) or (
        not new_text.strip() and is_furniture(old_text)
    ):
        return False, "page furniture"
    if references is not None and (old_text.strip() or new_text.strip()):
        old_phrase = references.old(
            old_around[0][-_CONTEXT_CHARS:] + old_text + old_around[1][:_CONTEXT_CHARS]
        )
        new_phrase = references.new(
            new_around[0][-_CONTEXT_CHARS:] + new_text + new_around[1][:_CONTEXT_CHARS]
        )
        if cosmetic_key(old_phrase) == cosmetic_key(new_phrase):
            return False, "renumbered reference"
    return True, ""
