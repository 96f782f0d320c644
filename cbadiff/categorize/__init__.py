"""Label every change with the bargaining issues it touches, and say why.

The lexicon (resources/lexicon/builtin.toml, extended by a user file) lists phrases per category;
:mod:`.matcher` finds them, :mod:`.score` weighs the changed words, the clause, the section heading
and the article title. This module applies that to a whole :class:`~cbadiff.model.Comparison`:
each ``Change`` gets ``categories`` and ``why``, each ``ArticlePair`` the union ranked by weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from cbadiff.categorize.lexicon import (
    Category,
    Cue,
    Lexicon,
    builtin_lexicon,
    default_user_lexicon_path,
    load_lexicon,
    load_lexicon_lenient,
)
from cbadiff.categorize.score import score
from cbadiff.model import ArticlePair, Change, Comparison
from parsers.model import Block, BlockKind, Unit

__all__ = [
    "Category",
    "Cue",
    "Lexicon",
    "builtin_lexicon",
    "categorize_comparison",
    "categorize_text",
    "category_summary",
    "default_lexicon",
    "default_user_lexicon_path",
    "filter_comparison",
    "load_lexicon",
    "load_lexicon_lenient",
    "tally_categories",
]


def categorize_text(
    lexicon: Lexicon, changed: str, *, clause: str = "", heading: str = "", title: str = ""
) -> dict[str, tuple[str, ...]]:
    """Category id -> the phrases that made the call, strongest category first."""
    return score(lexicon.matcher, [changed], [clause], heading, title).why


def categorize_comparison(comparison: Comparison, lexicon: Lexicon | None = None) -> Comparison:
    """A copy of ``comparison`` with every change and article pair labelled.

    Cosmetic (non-substantive) changes are labelled from their context only, so a renumbering or
    a "his/her" -> "their" edit never raises an issue by its own words, yet still shows up when a
    reader filters an article's issue with cosmetic changes visible.
    """
    lex = lexicon if lexicon is not None else default_lexicon()
    matcher = lex.matcher
    blocks = _BlockIndex(comparison)
    pairs: list[ArticlePair] = []
    for pair in comparison.pairs:
        title = _pair_title(comparison, pair)
        totals: dict[str, float] = {}
        changes: list[Change] = []
        for change in pair.changes:
            heading = blocks.heading(change)
            changed = [change.old_text, change.new_text] if change.substantive else []
            clause = [
                _around(change.old_context, change.old_text),
                _around(change.new_context, change.new_text),
            ]
            if not any(t.strip() for t in clause):
                clause = blocks.texts(change)
            result = score(matcher, changed, clause, heading, title)
            for cat, weight in result.scores.items():
                totals[cat] = totals.get(cat, 0.0) + weight
            changes.append(replace(change, categories=result.categories, why=result.why))
        order = matcher.order
        ranked = sorted(totals, key=lambda c: (-totals[c], order.get(c, len(order))))
        pairs.append(replace(pair, changes=tuple(changes), categories=tuple(ranked)))
    return replace(comparison, pairs=tuple(pairs))


_DEFAULT: dict[tuple[str, int], Lexicon] = {}


def default_lexicon() -> Lexicon:
    """The built-in lexicon merged with the user's config file, compiled once per file version.

    A broken user file falls back to the built-in lexicon here (the CLI and GUI report the
    problem through :func:`load_lexicon` / :func:`load_lexicon_lenient`).
    """
    path = default_user_lexicon_path()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        key = ("", 0)
    if key not in _DEFAULT:
        _DEFAULT.clear()
        _DEFAULT[key] = load_lexicon_lenient()[0]
    return _DEFAULT[key]


def filter_comparison(comparison: Comparison, category_ids: Iterable[str]) -> Comparison:
    """Only the changes in any of ``category_ids``, and only the pairs that keep a change.

    Block pairs are kept whole (``Change.block_index`` points into them); each kept pair's
    categories are narrowed to those its kept changes carry.
    """
    wanted = tuple(dict.fromkeys(category_ids))
    wanted_set = set(wanted)
    pairs: list[ArticlePair] = []
    for pair in comparison.pairs:
        kept = tuple(c for c in pair.changes if wanted_set.intersection(c.categories))
        if not kept:
            continue
        present = {cat for c in kept for cat in c.categories}
        cats = tuple(c for c in pair.categories if c in present)
        pairs.append(replace(pair, changes=kept, categories=cats))
    options = replace(comparison.options, categories=wanted)
    return replace(comparison, pairs=tuple(pairs), options=options)


def tally_categories(counts: dict[str, dict[str, int]], changes: Iterable[Change]) -> None:
    """Add one article pair's ``changes`` to ``counts``: per category, the changes, the changed
    numbers, and the article once however many of its changes the category covers.

    The one tally behind :func:`category_summary` and the JSON export's ``categories``, so the
    two count alike; each caller picks which changes count.
    """
    in_pair: set[str] = set()
    for change in changes:
        for cat in change.categories:
            row = counts.setdefault(cat, {"changes": 0, "articles": 0, "numbers": 0})
            row["changes"] += 1
            row["numbers"] += len(change.numbers)
            in_pair.add(cat)
    for cat in in_pair:
        counts[cat]["articles"] += 1


def category_summary(comparison: Comparison) -> dict[str, dict[str, int]]:
    """For each category: substantive changes, article pairs and changed numbers it covers."""
    out: dict[str, dict[str, int]] = {}
    for pair in comparison.pairs:
        tally_categories(out, (c for c in pair.changes if c.substantive))
    return out


# --------------------------------------------------------------------------- context

_REACH = 400  # characters of the clause either side of the change that count as its context


def _around(context: str, text: str) -> str:
    """The part of ``context`` near ``text``: a long list or schedule is not one clause.

    A signatory list or a rate schedule can arrive as one long paragraph; a company name changed
    in it should not take its issue from a word 3,000 characters away.
    """
    if len(context) <= 2 * _REACH + len(text):
        return context
    at = context.find(text) if text.strip() else -1
    if at < 0:
        return context
    return context[max(0, at - _REACH) : at + len(text) + _REACH]


def _unit_title(unit: Unit) -> str:
    return unit.title or unit.heading or ""


def _pair_title(comparison: Comparison, pair: ArticlePair) -> str:
    """The titles of the pair's units, new first; a retitled article contributes both."""
    titles: list[str] = []
    for agreement, ids in ((comparison.new, pair.new), (comparison.old, pair.old)):
        for uid in ids:
            try:
                t = _unit_title(agreement.unit(uid))
            except KeyError:
                continue
            if t and t.lower() not in (x.lower() for x in titles):
                titles.append(t)
    return "\n".join(titles)


_LEAD_TITLE = re.compile(r"^\s*([A-Z][^.:;\n]{2,80}?)\s*[.:\u2014]\s+\S")


def _heading_like(block: Block) -> str:
    """A heading the parser did not mark: a short capitalised paragraph, or a lead-in title.

    "MEAL PERIODS" on its own line, or "(b) Rest Periods. The Producer shall ..." where the words
    before the first full stop are a title in title case.
    """
    text = block.text.strip()
    if not text or block.kind is BlockKind.TABLE:
        return ""
    if len(text) <= 80:
        words = text.split()
        plain = not text.endswith((":", ",", ";")) and not any(ch.isdigit() for ch in text)
        if len(words) <= 8 and plain and _capitalised(words):
            return text  # "Page 15", a rate-table row or "Dear Sir:" is not a heading
    m = _LEAD_TITLE.match(text)
    if m and len(m.group(1).split()) <= 8 and _capitalised(m.group(1).split()):
        return m.group(1)
    return ""


_MINOR = {"a", "an", "and", "or", "of", "the", "for", "to", "in", "on", "by", "with", "re", "&"}


def _capitalised(words: list[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    if not letters:
        return False
    major = [w for w in letters if w.lower() not in _MINOR]
    return bool(major) and all(w[0].isupper() for w in major)


def _heading_table(unit: Unit) -> list[str]:
    """The heading in force at each block of ``unit``, in one pass.

    A heading line on its own ("MEAL PERIODS") holds until the next one. A titled clause
    ("3. Meal Penalties. An employee ...") heads itself and the clauses nested under it, and
    ends at the next clause of the same or a higher level, so "4." does not inherit "3."'s title.
    """
    table: list[str] = []
    base = ""
    stack: list[tuple[int, str]] = []  # (clause level, title) of the open titled clauses
    for block in unit.blocks:
        title = block.title or _heading_like(block)
        if block.label is None and block.level == 0:
            if title:
                base, stack = title, []
            table.append(stack[-1][1] if stack else base)
            continue
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        if title:
            stack.append((block.level, title))
        table.append(stack[-1][1] if stack else base)
    return table


class _BlockIndex:
    """Finds a change's blocks and the nearest heading above them in their unit."""

    def __init__(self, comparison: Comparison) -> None:
        self.where: dict[str, tuple[Unit, int]] = {}
        for agreement in (comparison.old, comparison.new):
            for unit in agreement.units:
                for n, block in enumerate(unit.blocks):
                    self.where.setdefault(block.id, (unit, n))
        self._headings: dict[int, list[str]] = {}  # id(unit) -> heading in force at each block

    def heading(self, change: Change) -> str:
        for block_id in (change.new_block, change.old_block):
            if block_id and block_id in self.where:
                return self._heading_of(block_id)
        return ""

    def _heading_of(self, block_id: str) -> str:
        unit, n = self.where[block_id]
        table = self._headings.get(id(unit))
        if table is None:
            table = _heading_table(unit)
            self._headings[id(unit)] = table
        return table[n]

    def texts(self, change: Change) -> list[str]:
        out: list[str] = []
        for block_id in (change.old_block, change.new_block):
            if block_id and block_id in self.where:
                unit, n = self.where[block_id]
                out.append(unit.blocks[n].text)
        return out
