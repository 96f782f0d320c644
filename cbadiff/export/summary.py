"""What an export shows: the selected changes, their one-line summary and the table rows.

Every exporter (DOCX, PDF, HTML) renders one ``ExportView`` so they never disagree about which
changes a member sees. Selection happens here and only here: the audience (members see
substantive changes only), the category and status filters, and which annotation text may
leave the building.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from cbadiff.annotations import Annotation
from cbadiff.export.options import DEFAULT_STATUS, ExportOptions
from cbadiff.model import (
    ArticlePair,
    Change,
    ChangeKind,
    Comparison,
    Flag,
    NumberChange,
    OpTag,
    Status,
)
from parsers.model import Agreement, Block, BlockKind, FrontKind, Unit, UnitKind

MAX_QUOTE = 90  # characters of quoted text in the one-line summary
MAX_NUMBERS = 6  # changed numbers listed in one table cell
MAX_CONTEXT = 60  # characters of a number's context ("Key Grip / Weekly") in the table
MIN_TABLE_RUN = 3  # changes in one table that become one row ("Changed 57 entries of a table")
MAX_TABLE_NUMBERS = 12  # changed numbers listed in a merged table row
MAX_NOTE = 600  # characters of a member note in the table; the article section has it all
OTHER_CATEGORY = "Other changes"
UNCATEGORISED = "All changes (not categorised)"
NO_ARTICLES = "No article has a change this export lists."

# Quantity types of the taxonomy -> what to print after a bare number.
_UNIT_SUFFIX = {
    "usd": "",
    "usd_per_hour": " per hour",
    "usd_per_day": " per day",
    "usd_per_week": " per week",
    "usd_per_mile": " per mile",
    "percent": "",
    "multiplier": "",
    "date": "",
    "time_of_day": "",
    "count": "",
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d\b")


@dataclass(frozen=True, slots=True)
class Row:
    """One change as the summary table and the redline show it."""

    pair_id: str
    change: Change
    article: str  # "Article 12 — Wages"
    category: str  # display name of the change's first (highest-ranked) category
    categories: tuple[str, ...]  # display names of all its categories
    what: str  # what changed, in one line
    numbers: str  # "$7.50 → $10.00; 8 → 10 hours"
    member_note: str
    status: str  # "" unless the options allow internal detail
    comments: tuple[Annotation, ...]  # empty unless the options allow comments
    change_ids: tuple[str, ...] = ()  # every change the row stands for (several: whole article)
    counted: int = 1  # changes it counts as on the cover: a whole article 1, a table's rates each

    def __post_init__(self) -> None:
        if not self.change_ids:
            object.__setattr__(self, "change_ids", (self.change.id,))


@dataclass(frozen=True, slots=True)
class PairView:
    """An article pair with at least one selected change (or any change, for a full redline)."""

    pair: ArticlePair
    title: str
    rows: tuple[Row, ...]
    member_notes: tuple[str, ...]  # notes on the whole article
    comments: tuple[Annotation, ...]  # annotations on the whole article, when allowed


@dataclass(frozen=True, slots=True)
class ExportView:
    comparison: Comparison
    options: ExportOptions
    old_title: str
    new_title: str
    old_term: str  # "July 1, 2018 – June 30, 2021" when the cover says so, else ""
    new_term: str
    prepared: datetime
    pairs: tuple[PairView, ...]
    selected: frozenset[str]  # ids of the changes shown as changes

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(r for p in self.pairs for r in p.rows)

    def by_category(self) -> list[tuple[str, list[Row]]]:
        """Rows grouped by their first category, groups in order of first appearance."""
        groups: dict[str, list[Row]] = {}
        for row in self.rows:
            groups.setdefault(row.category, []).append(row)
        if OTHER_CATEGORY in groups:  # uncategorised last
            groups[OTHER_CATEGORY] = groups.pop(OTHER_CATEGORY)
        if list(groups) == [OTHER_CATEGORY]:  # nothing categorised (no lexicon run)
            return [(UNCATEGORISED, groups[OTHER_CATEGORY])]
        return list(groups.items())


def build_view(
    comparison: Comparison,
    options: ExportOptions,
    annotations: Sequence[Annotation] = (),
) -> ExportView:
    """Select the changes ``options`` allow and summarise each one."""
    on_change: dict[str, list[Annotation]] = {}
    on_pair: dict[str, list[Annotation]] = {}
    for note in annotations:
        if note.orphaned:
            continue
        if note.anchor.change_id:
            on_change.setdefault(note.anchor.change_id, []).append(note)
        else:
            on_pair.setdefault(note.anchor.pair_id, []).append(note)
    pairs: list[PairView] = []
    selected: set[str] = set()
    for pair in comparison.pairs:
        title = pair_title(comparison, pair)
        rows = []
        for change in pair.changes:
            notes = on_change.get(change.id, [])
            if not _wanted(change, notes, options):
                continue
            selected.add(change.id)
            rows.append(_row(pair, title, change, notes, options))
        pair_notes = on_pair.get(pair.id, [])
        if not rows:
            continue
        if pair.status in (Status.ADDED, Status.DELETED) and len(rows) > 1:
            rows = [_whole_row(pair, rows, options)]
        else:
            rows = _merge_same_figures(_merge_table_runs(pair, rows))
        pairs.append(
            PairView(
                pair=pair,
                title=title,
                rows=tuple(rows),
                member_notes=tuple(n.member_note for n in pair_notes if n.member_note),
                comments=tuple(n for n in pair_notes if n.comment) if options.comments else (),
            )
        )
    return ExportView(
        comparison=comparison,
        options=options,
        old_title=options.old_title or agreement_title(comparison.old),
        new_title=options.new_title or agreement_title(comparison.new),
        old_term=agreement_term(comparison.old),
        new_term=agreement_term(comparison.new),
        prepared=options.stamp,
        pairs=tuple(pairs),
        selected=frozenset(selected),
    )


def _status(notes: Sequence[Annotation]) -> str:
    """The latest edited annotation's status: a change's status is its newest verdict."""
    if not notes:
        return DEFAULT_STATUS
    return max(notes, key=lambda n: n.edited or n.created).status or DEFAULT_STATUS


def _wanted(change: Change, notes: Sequence[Annotation], options: ExportOptions) -> bool:
    if not options.internal and not change.substantive:
        return False
    if options.categories and not set(change.categories) & set(options.categories):
        return False
    return not options.statuses or _status(notes) in options.statuses


def _row(
    pair: ArticlePair,
    title: str,
    change: Change,
    notes: Sequence[Annotation],
    options: ExportOptions,
) -> Row:
    names = tuple(category_name(c, options) for c in change.categories)
    return Row(
        pair_id=pair.id,
        change=change,
        article=title,
        category=names[0] if names else OTHER_CATEGORY,
        categories=names,
        what=what_changed(change, _context(pair, change)),
        numbers=numbers_text(change.numbers),
        member_note="\n".join(n.member_note for n in notes if n.member_note),
        status=_status(notes) if options.comments else "",
        comments=tuple(n for n in notes if n.comment) if options.comments else (),
    )


def _whole_row(pair: ArticlePair, rows: Sequence[Row], options: ExportOptions) -> Row:
    """One table row for a whole added or removed article instead of one per paragraph
    ("Removed “Very truly yours,”" tells a member nothing a "Removed the whole letter" does not).
    """
    first = rows[0]
    texts = [r.change.new_text if pair.status is Status.ADDED else r.change.old_text for r in rows]
    verb = "Added" if pair.status is Status.ADDED else "Removed"
    names = tuple(category_name(c, options) for c in pair.categories) or first.categories
    numbers = tuple(n for r in rows for n in r.change.numbers)
    statuses = dict.fromkeys(r.status for r in rows if r.status)
    return Row(
        pair_id=pair.id,
        change=first.change,
        article=first.article,
        category=names[0] if names else OTHER_CATEGORY,
        categories=names,
        what=f"{verb} the whole text ({len(rows)} passages), from {quote(' '.join(texts), 60)}",
        numbers=numbers_text(numbers),
        member_note="\n".join(r.member_note for r in rows if r.member_note),
        status=", ".join(statuses),
        comments=tuple(a for r in rows for a in r.comments),
        change_ids=tuple(cid for r in rows for cid in r.change_ids),
    )


def _table_block(pair: ArticlePair, change: Change) -> Block | None:
    """The table block ``change`` sits in, or None when it sits in prose."""
    if not 0 <= change.block_index < len(pair.blocks):
        return None
    bp = pair.blocks[change.block_index]
    block = bp.new or bp.old
    return block if block is not None and block.kind is BlockKind.TABLE else None


def _merge_table_runs(pair: ArticlePair, rows: Sequence[Row]) -> list[Row]:
    """A table's changed figures (same category) as one row, where the first one stood.

    A new wage schedule changes every rate: a hundred rows of "“$64.27” → “$72.96”" bury the
    rest of the summary (six printed pages, a long scroll on a phone). One row says how many
    entries changed and lists the first rates by row label; the redline shows every one. Only
    figures replaced by figures are merged: an added or removed table row ("Film Loader") is
    news a member must see on its own line.
    """
    groups: dict[tuple[int, str], list[Row]] = {}
    for row in rows:
        if _figure_change(pair, row.change):
            groups.setdefault((row.change.block_index, row.category), []).append(row)
    merged = {id(r) for g in groups.values() if len(g) >= MIN_TABLE_RUN for r in g}
    out: list[Row] = []
    for row in rows:
        group = groups.get((row.change.block_index, row.category), [])
        if id(row) not in merged:
            out.append(row)
        elif row is group[0]:
            block = _table_block(pair, row.change)
            assert block is not None  # _figure_change checked it
            out.append(_table_row(group, block))
    return out


def _merge_same_figures(rows: Sequence[Row]) -> list[Row]:
    """Neighbouring rows of one paragraph that change the same figures, as one row.

    "ten percent (10%)" becoming "fifteen percent (15%)" is two word changes ("ten" ->
    "fifteen", "10%" -> "15%") but one change to a member; two rows saying the same numbers
    read like two raises.
    """
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if (
            prev is not None
            and row.numbers
            and row.numbers == prev.numbers
            and row.change.block_index == prev.change.block_index
            and row.category == prev.category
            and len(row.change_ids) == 1
        ):
            out[-1] = Row(
                pair_id=prev.pair_id,
                change=prev.change,
                article=prev.article,
                category=prev.category,
                categories=prev.categories,
                what=prev.what if row.what in prev.what.split("; ") else f"{prev.what}; {row.what}",
                numbers=prev.numbers,
                member_note="\n".join(n for n in (prev.member_note, row.member_note) if n),
                status=", ".join(dict.fromkeys(s for s in (prev.status, row.status) if s)),
                comments=(*prev.comments, *row.comments),
                change_ids=(*prev.change_ids, *row.change_ids),
                counted=prev.counted + row.counted,
            )
        else:
            out.append(row)
    return out


def _figure_change(pair: ArticlePair, change: Change) -> bool:
    """Whether ``change`` replaces figures in a table cell (not a row added or removed)."""
    return (
        _table_block(pair, change) is not None
        and change.kind is ChangeKind.REPLACE
        and bool(change.old_text.strip() and change.new_text.strip())
        and bool(change.numbers)
        and "|" not in change.old_text + change.new_text
    )


def _table_row(rows: Sequence[Row], block: Block) -> Row:
    first = rows[0]
    head = ", ".join(c for c in block.rows[0] if c.strip()) if block.rows else ""
    where = f"the table {quote(head, 60)}" if head else "a table"
    # the column headings' own figures ("Effective 8/1/2021" -> 2024) say less than the rates
    label = block.rows[0][0].strip() if block.rows and block.rows[0] else ""
    numbers = tuple(
        n
        for r in rows
        for n in r.change.numbers
        if not label or (n.context or "").split(" / ")[0] != label
    )
    statuses = dict.fromkeys(r.status for r in rows if r.status)
    return Row(
        pair_id=first.pair_id,
        change=first.change,
        article=first.article,
        category=first.category,
        categories=first.categories,
        what=f"Changed {len(rows)} entries of {where}",
        numbers=numbers_text(numbers, MAX_TABLE_NUMBERS, by_row=True),
        member_note="\n".join(r.member_note for r in rows if r.member_note),
        status=", ".join(statuses),
        comments=tuple(a for r in rows for a in r.comments),
        change_ids=tuple(cid for r in rows for cid in r.change_ids),
        counted=len(rows),
    )


# Word and PDF producers write symbol-font characters into the private use area: U+F020-U+F03F
# are the symbol fonts' space, punctuation and digits (U+F02A is a footnote's "*"), U+F0B7 and
# U+F0A7 their bullets. No reader's font draws them, so a phone showed a box where the "*" was.
_SYMBOL_PUA = {0xF000 + c: chr(c) for c in range(0x20, 0x40)} | {0xF0B7: "•", 0xF0A7: "▪"}


def readable(text: str) -> str:
    """``text`` with symbol-font private-use characters as the characters they draw, and any
    other private-use character (an icon no font here has) left out."""
    if not any("\ue000" <= ch <= "\uf8ff" for ch in text):
        return text
    return "".join(
        _SYMBOL_PUA.get(ord(ch), "") if "\ue000" <= ch <= "\uf8ff" else ch for ch in text
    )


def category_name(category: str, options: ExportOptions) -> str:
    """The lexicon's display name, else the id tidied ("union_security" -> "Union security")."""
    name = options.category_names.get(category)
    if name:
        return name
    text = category.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else OTHER_CATEGORY


def quote(text: str, limit: int = MAX_QUOTE) -> str:
    """``text`` on one line in curly quotes, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
        flat = cut.rstrip(",;:.") + "…"
    return f"“{flat}”"


def what_changed(change: Change, context: tuple[str, str, str] = ("", "", "")) -> str:
    """What changed, in one line a member can read in the table.

    ``context`` (the proposed wording before, the change itself, the wording after) is quoted
    after a short change: "Added “and”" alone tells a member nothing, "Added “and” in “…hours
    worked and on overtime…”" does.
    """
    old, new = readable(change.old_text).strip(), readable(change.new_text).strip()
    if change.kind is ChangeKind.INSERT or (new and not old):
        line = f"Added {quote(new)}" if new else "Added a symbol no font here can show"
        return line + _around(new, context)
    if change.kind is ChangeKind.DELETE or (old and not new):
        line = f"Removed {quote(old)}" if old else "Removed a symbol no font here can show"
        return line + _around(old, context)
    if change.kind is ChangeKind.MOVE:
        return f"Moved {quote(new or old)}"
    half = MAX_QUOTE // 2
    line = f"{quote(old, half)} → {quote(new, half)}"
    return line if change.numbers else line + _around(new, context)


SHORT_CHANGE = 16  # characters: a change this short is quoted with its neighbours
_CONTEXT = 36  # characters of wording each side


def _around(text: str, context: tuple[str, str, str]) -> str:
    before, middle, after = context
    if len(text) > SHORT_CHANGE or not (before.strip() or after.strip()):
        return ""
    if len(before) > _CONTEXT:
        cut = before[-_CONTEXT:]
        before = "…" + (cut.split(" ", 1)[1] if " " in cut else cut)
    if len(after) > _CONTEXT:
        cut = after[:_CONTEXT]
        after = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    flat = " ".join(f"{before}{middle or text}{after}".split())
    return f" in “{flat}”"


def _context(pair: ArticlePair, change: Change) -> tuple[str, str, str]:
    """The proposed wording just before ``change``, the change, and the wording just after,
    in its paragraph (not in tables, whose cells read as a row of figures, not a sentence)."""
    if not 0 <= change.block_index < len(pair.blocks) or _table_block(pair, change):
        return "", "", ""
    ops = pair.blocks[change.block_index].ops
    at = [k for k, op in enumerate(ops) if op.change_id == change.id]
    if not at:
        return "", "", ""
    side = OpTag.DELETE if change.kind is ChangeKind.DELETE else OpTag.INSERT
    before = "".join(op.text for op in ops[: at[0]] if op.tag is not OpTag.DELETE)
    middle = "".join(op.text for op in ops[at[0] : at[-1] + 1] if op.tag in (OpTag.EQUAL, side))
    after = "".join(op.text for op in ops[at[-1] + 1 :] if op.tag is not OpTag.DELETE)
    return (
        readable(before[-4 * _CONTEXT :]),
        readable(middle),
        readable(after[: 4 * _CONTEXT]),
    )


def number_text(value: str | None, unit: str | None) -> str:
    if not value:
        return "—"
    if not unit:
        return value
    if unit.startswith("$"):  # printed units from the number finder: "$", "$/hour"
        money = value if "$" in value or "dollar" in value.lower() else f"${value}"
        per = unit[2:] if unit.startswith("$/") else ""
        return f"{money} per {per}" if per and per not in value else money
    if unit == "%":
        return value if "%" in value or "percent" in value.lower() else f"{value}%"
    suffix = _UNIT_SUFFIX.get(unit, f" {unit.replace('_', ' ')}")
    return value if not suffix or suffix.strip() in value else f"{value}{suffix}"


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def numbers_text(
    numbers: Sequence[NumberChange], limit: int = MAX_NUMBERS, *, by_row: bool = False
) -> str:
    """``old → new`` for every changed number, grouped by where it sits; "" when none changed.

    Kept to a table cell: a wage table can change hundreds of numbers, so long contexts are cut
    and only the first ``limit`` are listed, with a count of the rest. ``by_row`` groups a
    table's numbers by their row label only ("Key Grip / Effective 8/1/2021" -> "Key Grip").
    """
    groups: dict[str, list[str]] = {}
    for n in numbers[:limit]:
        context = getattr(n, "context", None) or ""
        if by_row:
            context = context.split(" / ")[0]
        context = shorten(context, MAX_CONTEXT)
        groups.setdefault(context, []).append(
            f"{number_text(n.old, n.unit)} → {number_text(n.new, n.unit)}"
        )
    parts = [
        f"{ctx}: {', '.join(vals)}" if ctx else "; ".join(vals) for ctx, vals in groups.items()
    ]
    text = "; ".join(parts)
    if len(numbers) > limit:
        text += f" (and {len(numbers) - limit} more)"
    return text


def unit_label(unit: Unit) -> str:
    """ "Article 12" / "Appendix A" / "Preamble", without the title."""
    kind = "Side letter" if unit.kind is UnitKind.SIDELETTER else unit.kind.value.capitalize()
    return f"{kind} {unit.number}" if unit.number else kind


def _units(agreement: Agreement, ids: Sequence[str]) -> list[Unit]:
    found = []
    for uid in ids:
        try:
            found.append(agreement.unit(uid))
        except KeyError:
            continue
    return found


def pair_title(comparison: Comparison, pair: ArticlePair) -> str:
    """How a pair is named: the new side's number and title, the old number when renumbered."""
    new = _units(comparison.new, pair.new)
    old = _units(comparison.old, pair.old)
    shown = new or old
    if not shown:
        return pair.id
    label = " + ".join(unit_label(u) for u in shown)
    if new and old and Flag.RENUMBERED in pair.flags:
        label += f" (was {' + '.join(unit_label(u) for u in old)})"
    if pair.status is Status.ADDED:
        label += " (new)"
    elif pair.status is Status.DELETED:
        label += " (deleted)"
    titles = [u.title for u in shown if u.title]
    return f"{label} — {' / '.join(titles)}" if titles else label


def agreement_title(agreement: Agreement) -> str:
    """The file's name without folder or extension, underscores as spaces: members never see
    a path ("IATSE_Basic_Agreement_2021-2024.pdf" -> "IATSE Basic Agreement 2021-2024")."""
    stem = PurePath(agreement.source.path.replace("\\", "/")).stem
    return " ".join(stem.replace("_", " ").split()) or "agreement"


def agreement_term(agreement: Agreement) -> str:
    """The first and last date printed on the cover (or at the start), e.g. the term."""
    texts = [p.text for p in agreement.front_matter if p.kind is FrontKind.COVER]
    if not texts and agreement.units:
        texts = [b.text for b in agreement.units[0].blocks[:5]]
    dates: list[str] = []
    for text in texts:
        dates.extend(" ".join(m.group(0).split()) for m in _DATE.finditer(text))
    if not dates:
        return ""
    return dates[0] if len(dates) == 1 or dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def long_date(when: datetime) -> str:
    """ "November 21, 2026" (strftime's %-d is not portable to Windows)."""
    return f"{when:%B} {when.day}, {when:%Y}"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    width: float  # fraction of the text width


MAX_ARTICLE = 60  # characters of the article's name in the table


def table_columns(view: ExportView) -> list[Column]:
    """The summary table's columns: no empty "Member note" column, status only when allowed."""
    notes = any(r.member_note for r in view.rows)
    cols = [
        Column("Article", 0.2),
        Column("What changed", 0.4),
        Column("Numbers (old → new)", 0.25),
    ]
    if notes:
        cols.append(Column("Member note", 0.2))
    if view.options.comments:
        cols.append(Column("Status", 0.14))
    scale = 1.0 / sum(c.width for c in cols)
    return [Column(c.name, c.width * scale) for c in cols]


def table_rows(view: ExportView, rows: Sequence[Row]) -> list[list[str]]:
    """The cells of each row; an article named again on the next row is left blank, so a
    wage table's fifty changes read as one article, not fifty repeats of its long title."""
    out = []
    previous = None
    for row in rows:
        cells = row_cells(view, row)
        if row.pair_id == previous:
            cells[0] = ""
        previous = row.pair_id
        out.append(cells)
    return out


def row_cells(view: ExportView, row: Row) -> list[str]:
    """The cells of one row, matching :func:`table_columns`; each cut to fit a printed page."""
    cells = [shorten(row.article, MAX_ARTICLE), row.what, row.numbers]
    if any(r.member_note for r in view.rows):
        cells.append(shorten(row.member_note, MAX_NOTE))
    if view.options.comments:
        cells.append(row.status)
    return cells


def cover_lines(view: ExportView) -> list[tuple[str, str]]:
    """(label, text) lines of the cover, shared by every format."""
    new = f"{view.new_title} ({view.new_term})" if view.new_term else view.new_title
    old = f"{view.old_title} ({view.old_term})" if view.old_term else view.old_title
    n = sum(r.counted for r in view.rows)
    what = "substantive changes" if not view.options.internal else "changes"
    return [
        ("Proposed agreement", new),
        ("Compared with", old),
        ("Prepared", long_date(view.prepared)),
        ("Changes listed", f"{n} {what} in {len(view.pairs)} articles"),
    ]


def category_counts(view: ExportView) -> list[tuple[str, int, int]]:
    """(category, changes, articles) for the cover's overview, in table order."""
    return [
        (name, sum(r.counted for r in rows), len({r.pair_id for r in rows}))
        for name, rows in view.by_category()
    ]


def cover_intro(view: ExportView) -> str:
    """One paragraph under the cover lines saying what the document is."""
    if view.options.internal:
        return (
            "Every change between the two agreements, with reviewers' statuses and comments. "
            "Internal: not for distribution to members."
        )
    return (
        "This summary lists the substantive changes the proposed agreement makes to the "
        "current one, grouped by subject, then shows each changed article with the old and "
        "new wording. Wording-only changes (spacing, punctuation, renumbering) are left out."
    )
