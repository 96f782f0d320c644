"""Paragraph breaks that moved, set apart from the edits next to them.

PDF readers break paragraphs at page ends, DOCX and PDF renditions break them differently, and
a renewal re-flows pages: old "A" + "B" can come back as "A'B" (A edited, B joined on). Alignment
pairs A with A'B and leaves B deleted; a plain diff would then list B as inserted in one row and
deleted in the next. :func:`fragment_changes` diffs A against A' only and records B as one
cosmetic change ("paragraph break"); :func:`rejoin_fragments` catches the cases alignment could
not line up, an identical deletion and insertion a row or two apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cbadiff.diff.changes import ChangeIds, text_changes
from cbadiff.diff.substance import References
from cbadiff.model import Change, ChangeKind, OpTag, WordOp
from cbadiff.text.normalize import cosmetic_key
from parsers.model import Block

FRAGMENT_MIN_CHARS = 20  # shorter pieces ("(a)", "and") are not evidence of a moved break
FRAGMENT_MAX_ROWS = 2


@dataclass(frozen=True, slots=True)
class Fragment:
    """The part of one side of a block pair that belongs to the neighbouring paragraph on the
    other side: a paragraph break that moved, next to a real edit.

    ``side`` is DELETE for the old text, INSERT for the new; the fragment is ``text[:cut]`` when
    ``at_start``, else ``text[cut:]``.
    """

    side: OpTag
    at_start: bool
    cut: int


def fragment_changes(
    old: Block,
    new: Block,
    fragment: Fragment,
    *,
    ids: ChangeIds,
    block_index: int,
    references: References | None = None,
) -> tuple[tuple[WordOp, ...], list[Change]]:
    """Like :func:`text_changes`, with ``fragment`` set aside as one cosmetic change, so that the
    real edit in the rest of the paragraph reads on its own."""
    text = old.text if fragment.side is OpTag.DELETE else new.text
    cut = fragment.cut
    # the space at the break goes with the fragment, so the rest diffs as it reads
    if fragment.at_start:
        while cut < len(text) and text[cut].isspace():
            cut += 1
        piece, core = text[:cut], text[cut:]
    else:
        while cut > 0 and text[cut - 1].isspace():
            cut -= 1
        core, piece = text[:cut], text[cut:]
    first_id = ids.next() if fragment.at_start else ""
    on_old = fragment.side is OpTag.DELETE
    ops, changes = text_changes(
        old,
        new,
        ids=ids,
        block_index=block_index,
        references=references,
        old_text=core if on_old else None,
        new_text=None if on_old else core,
    )
    frag_id = first_id or ids.next()
    frag = Change(
        id=frag_id,
        kind=ChangeKind.DELETE if on_old else ChangeKind.INSERT,
        old_text=piece.strip() if on_old else "",
        new_text="" if on_old else piece.strip(),
        substantive=False,
        old_page=old.page,
        new_page=new.page,
        old_block=old.id,
        new_block=new.id,
        old_context=old.text,
        new_context=new.text,
        block_index=block_index,
        reason="paragraph break",
    )
    frag_op = WordOp(fragment.side, piece, frag_id)
    full = [replace(c, old_context=old.text, new_context=new.text) for c in changes]
    if fragment.at_start:
        return (frag_op, *ops), [frag, *full]
    return (*ops, frag_op), [*full, frag]


def rejoin_fragments(changes: list[Change]) -> list[Change]:
    """A deletion and an insertion of the same text a row or two apart is a paragraph break
    that moved next to a real edit that kept the rows from lining up: both are cosmetic."""
    deletes: dict[str, list[int]] = {}
    for k, ch in enumerate(changes):
        if (
            ch.kind is ChangeKind.DELETE
            and ch.substantive
            and len(ch.old_text) >= FRAGMENT_MIN_CHARS
        ):
            deletes.setdefault(cosmetic_key(ch.old_text), []).append(k)
    if not deletes:
        return changes
    out = list(changes)
    for k, ch in enumerate(changes):
        if ch.kind is not ChangeKind.INSERT or not ch.substantive:
            continue
        for d in deletes.get(cosmetic_key(ch.new_text), []):
            if out[d].substantive and abs(out[d].block_index - ch.block_index) <= FRAGMENT_MAX_ROWS:
                out[d] = replace(out[d], substantive=False, reason="paragraph break", numbers=())
                out[k] = replace(ch, substantive=False, reason="paragraph break", numbers=())
                break
    return out
