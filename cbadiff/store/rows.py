"""How annotations and anchors are stored: table rows and JSON, one place for both directions."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from cbadiff.annotations import Anchor, Annotation

ANNOTATION_COLUMNS = (
    "id, pair_id, change_id, old_units, new_units, old_block, new_block, old_quote, new_quote, "
    "old_context, new_context, heading, ordinal, comment, status, author, created, edited, "
    "member_note, orphaned, document_id"
)


def anchor_to_json(anchor: Anchor) -> dict[str, Any]:
    return {
        "pair_id": anchor.pair_id,
        "change_id": anchor.change_id,
        "old_units": list(anchor.old_units),
        "new_units": list(anchor.new_units),
        "old_block": anchor.old_block,
        "new_block": anchor.new_block,
        "old_quote": anchor.old_quote,
        "new_quote": anchor.new_quote,
        "ordinal": anchor.ordinal,
        "old_context": anchor.old_context,
        "new_context": anchor.new_context,
        "heading": anchor.heading,
    }


def anchor_from_json(data: Mapping[str, Any]) -> Anchor:
    return Anchor(
        pair_id=str(data["pair_id"]),
        change_id=data.get("change_id"),
        old_units=tuple(data.get("old_units", ())),
        new_units=tuple(data.get("new_units", ())),
        old_block=data.get("old_block"),
        new_block=data.get("new_block"),
        old_quote=str(data.get("old_quote", "")),
        new_quote=str(data.get("new_quote", "")),
        ordinal=int(data.get("ordinal", 0)),
        old_context=str(data.get("old_context", "")),
        new_context=str(data.get("new_context", "")),
        heading=str(data.get("heading", "")),
    )


def annotation_row(a: Annotation) -> tuple[Any, ...]:
    x = a.anchor
    return (
        a.id,
        x.pair_id,
        x.change_id,
        json.dumps(list(x.old_units)),
        json.dumps(list(x.new_units)),
        x.old_block,
        x.new_block,
        x.old_quote,
        x.new_quote,
        x.old_context,
        x.new_context,
        x.heading,
        x.ordinal,
        a.comment,
        a.status,
        a.author,
        a.created,
        a.edited,
        a.member_note,
        int(a.orphaned),
        a.draft,
    )


def annotation_from_row(row: Sequence[Any]) -> Annotation:
    anchor = Anchor(
        pair_id=row[1],
        change_id=row[2],
        old_units=tuple(json.loads(row[3])),
        new_units=tuple(json.loads(row[4])),
        old_block=row[5],
        new_block=row[6],
        old_quote=row[7],
        new_quote=row[8],
        old_context=row[9],
        new_context=row[10],
        heading=row[11],
        ordinal=int(row[12]),
    )
    return Annotation(
        id=int(row[0]),
        anchor=anchor,
        comment=row[13],
        status=row[14],
        author=row[15],
        created=row[16],
        edited=row[17],
        member_note=row[18],
        orphaned=bool(row[19]),
        draft=None if row[20] is None else int(row[20]),
    )
