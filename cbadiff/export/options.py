"""What an export includes: the audience, the filters and the tracked-change author.

Imports nothing from the project but the annotation statuses: every exporter reads one
``ExportOptions`` and asks it, never the audience string, what to leave out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


class Audience(StrEnum):
    """Who reads the export.

    ``members`` read before they vote: substantive changes only, member notes in, internal
    comments, statuses, reviewer names and file paths out. ``internal`` is for the bargaining
    team and counsel: every change, every annotation, comments as Word comments.
    """

    MEMBERS = "members"
    INTERNAL = "internal"


DEFAULT_AUTHOR = "CBA Diff"
DEFAULT_STATUS = "open"  # the status of a change nobody has annotated yet


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Options every exporter shares.

    ``categories`` and ``statuses`` limit the changes (empty: no limit); a change without an
    annotation has status ``open``. ``include_comments`` None lets the audience decide (internal:
    yes, members: no); True puts internal comments in a member export on purpose. ``author`` and
    ``date`` stamp every tracked change; ``date`` None means "now". ``category_names`` maps
    lexicon ids to display names; unknown ids are shown tidied up. ``old_title`` and
    ``new_title`` name the agreements on the cover instead of their file names.
    """

    audience: Audience = Audience.MEMBERS
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    include_comments: bool | None = None
    author: str = DEFAULT_AUTHOR
    date: datetime | None = None
    category_names: Mapping[str, str] = field(default_factory=dict)
    old_title: str | None = None
    new_title: str | None = None

    @property
    def internal(self) -> bool:
        return self.audience is Audience.INTERNAL

    @property
    def comments(self) -> bool:
        """Whether internal comments (and their authors' statuses) appear at all."""
        return self.internal if self.include_comments is None else self.include_comments

    @property
    def stamp(self) -> datetime:
        """The tracked-change date, in UTC without microseconds (what Word writes)."""
        when = self.date or datetime.now(UTC)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC).replace(microsecond=0)
