"""Turn a diffed block pair into reviewable changes, each traceable to its words and page.

A change is a maximal run of deleted/inserted words between unchanged text; two runs separated
only by a little punctuation or space ("ten (10)" -> "twelve (12)") are one change. Every
non-equal :class:`WordOp` carries the id of the change it belongs to, so a viewer can highlight a
change inside its paragraph. Change ids are ``{pair id}/c{n}`` and stable across re-runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cbadiff.diff.substance import References, judge
from cbadiff.diff.words import diff_words
from cbadiff.model import Change, ChangeKind, NumberChange, OpTag, WordOp
from cbadiff.numbers import Quantity, find_quantities, overlapping, pair_numbers
from parsers.model import Block

_DIGIT = re.compile(r"\d")
_WINDOW = 60  # characters either side of a change searched for the quantities it touches
_GLUE = re.compile(r"^[\s(),.;:\-–/]{1,3}$")


@dataclass(frozen=True, slots=True)
class Span:
    """A change's extent in the runs and in each side's text."""

    first_run: int
    last_run: int
    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(slots=True)
class ChangeIds:
    """Hands out ``{pair id}/c{n}`` in order for one article pair."""

    pair_id: str
    count: int = 0

    def next(self) -> str:
        self.count += 1
        return f"{self.pair_id}/c{self.count}"


def spans(runs: Sequence[tuple[OpTag, str]]) -> list[Span]:
    """Group runs into change spans, gluing changes separated by short punctuation."""
    out: list[Span] = []
    o = n = 0
    current: list[int] | None = None  # first, last, o0, o1, n0, n1
    pending_glue: tuple[int, int, int] | None = None  # run index, old len, new len
    for k, (tag, text) in enumerate(runs):
        if tag is OpTag.EQUAL:
            if current is not None:
                if _GLUE.match(text) and k + 1 < len(runs):
                    pending_glue = (k, len(text), len(text))
                else:
                    out.append(Span(*current))
                    current = None
                    pending_glue = None
            o += len(text)
            n += len(text)
            continue
        if current is None:
            current = [k, k, o, o, n, n]
        elif pending_glue is not None:
            pending_glue = None
        current[1] = k
        if tag is OpTag.DELETE:
            o += len(text)
            current[3] = o
            current[5] = max(current[5], n)
        else:
            n += len(text)
            current[5] = n
            current[3] = max(current[3], o)
    if current is not None:
        out.append(Span(*current))
    return out


def _balance(text_old: str, text_new: str, span: Span) -> Span:
    """Take in a closing parenthesis the change opened ("ten (10" -> "ten (10)")."""
    o_part = text_old[span.old_start : span.old_end]
    n_part = text_new[span.new_start : span.new_end]
    if (
        o_part.count("(") > o_part.count(")")
        and n_part.count("(") > n_part.count(")")
        and text_old[span.old_end : span.old_end + 1] == ")"
        and text_new[span.new_end : span.new_end + 1] == ")"
    ):
        return Span(
            span.first_run,
            span.last_run,
            span.old_start,
            span.old_end + 1,
            span.new_start,
            span.new_end + 1,
        )
    return span


def _kind(old: str, new: str) -> ChangeKind:
    if old.strip() and new.strip():
        return ChangeKind.REPLACE
    return ChangeKind.DELETE if old.strip() else ChangeKind.INSERT


def _quantities_near(text: str, start: int, end: int) -> list[Quantity]:
    """Quantities touching ``[start, end)``, found in a window around it: a quantity with its
    unit is far shorter than the window, and scanning whole clauses per change is slow."""
    lo = max(0, start - _WINDOW)
    window = text[lo : end + _WINDOW]
    if not _DIGIT.search(window):
        return []
    found = [
        Quantity(q.text, q.value, q.unit, q.start + lo, q.end + lo)
        for q in find_quantities(window)
        if not (q.start == 0 and lo > 0)
        and not (q.end == len(window) and end + _WINDOW < len(text))
    ]
    return overlapping(found, start, end)


def _numbers(a: str, b: str, span: Span) -> tuple[NumberChange, ...]:
    q_old = _quantities_near(a, span.old_start, span.old_end)
    q_new = _quantities_near(b, span.new_start, span.new_end)
    if not q_old and not q_new:
        return ()
    return tuple(pair_numbers(q_old, q_new))


def text_changes(
    old: Block | None,
    new: Block | None,
    *,
    ids: ChangeIds,
    block_index: int,
    references: References | None = None,
    old_text: str | None = None,
    new_text: str | None = None,
) -> tuple[tuple[WordOp, ...], list[Change]]:
    """Word ops and changes for two aligned blocks (either may be None: added/deleted block)."""
    a = old_text if old_text is not None else (old.text if old else "")
    b = new_text if new_text is not None else (new.text if new else "")
    runs = diff_words(a, b)
    change_spans = [_balance(a, b, s) for s in spans(runs)]
    owner: dict[int, str] = {}
    changes: list[Change] = []
    for k, span in enumerate(change_spans):
        # context for judging references: the unchanged text up to the neighbouring changes
        prev_o = change_spans[k - 1].old_end if k else 0
        prev_n = change_spans[k - 1].new_end if k else 0
        next_o = change_spans[k + 1].old_start if k + 1 < len(change_spans) else len(a)
        next_n = change_spans[k + 1].new_start if k + 1 < len(change_spans) else len(b)
        o_part = a[span.old_start : span.old_end]
        n_part = b[span.new_start : span.new_end]
        if not o_part and not n_part:
            continue
        change_id = ids.next()
        for run in range(span.first_run, span.last_run + 1):
            owner[run] = change_id
        substantive, reason = judge(
            o_part,
            n_part,
            old_around=(
                a[max(prev_o, span.old_start - 60) : span.old_start],
                a[span.old_end : next_o],
            ),
            new_around=(
                b[max(prev_n, span.new_start - 60) : span.new_start],
                b[span.new_end : next_n],
            ),
            references=references,
        )
        changes.append(
            Change(
                id=change_id,
                kind=_kind(o_part, n_part),
                old_text=o_part.strip(),
                new_text=n_part.strip(),
                substantive=substantive,
                old_page=old.page if old else None,
                new_page=new.page if new else None,
                numbers=_numbers(a, b, span) if substantive else (),
                old_block=old.id if old else None,
                new_block=new.id if new else None,
                old_context=a,
                new_context=b,
                block_index=block_index,
                reason=reason,
            )
        )
    ops = tuple(
        WordOp(tag, text, None if tag is OpTag.EQUAL else owner.get(k))
        for k, (tag, text) in enumerate(runs)
    )
    return ops, changes
