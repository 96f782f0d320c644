"""Measuring a lexicon against labelled items: precision, recall and F1 per category.

Used by the benchmark (bench/bench_categories.py) and the test that holds the built-in lexicon to
its quality floor, and usable on a user's own labelled file to check a customised lexicon.
Each item is a table with ``text`` (the changed words), optional ``clause``, ``heading`` and
``title``, and ``expected`` (category ids).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cbadiff.categorize.lexicon import Lexicon
from cbadiff.categorize.score import score


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    expected: tuple[str, ...]
    clause: str = ""
    heading: str = ""
    title: str = ""
    tags: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class CategoryScore:
    category: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    per_category: tuple[CategoryScore, ...]
    errors: tuple[tuple[Item, tuple[str, ...]], ...]  # items whose predicted set differs

    @property
    def macro_f1(self) -> float:
        rows = [c for c in self.per_category if c.tp + c.fn > 0]
        return sum(c.f1 for c in rows) / len(rows) if rows else 0.0

    def table(self) -> str:
        lines = [f"{'category':<24} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}"]
        for c in self.per_category:
            n = c.tp + c.fn
            lines.append(
                f"{c.category:<24} {n:>4} {c.precision:>6.2f} {c.recall:>6.2f} {c.f1:>6.2f}"
            )
        lines.append(f"{'macro-F1':<24} {'':>4} {'':>6} {'':>6} {self.macro_f1:>6.3f}")
        return "\n".join(lines)


def load_items(paths: Iterable[Path]) -> list[Item]:
    items: list[Item] = []
    for path in paths:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        for raw in data.get("item", []):
            items.append(_item(raw))
    return items


def _item(raw: Mapping[str, Any]) -> Item:
    return Item(
        text=raw["text"],
        expected=tuple(raw["expected"]),
        clause=raw.get("clause", ""),
        heading=raw.get("heading", ""),
        title=raw.get("title", ""),
        tags=tuple(raw.get("tags", ())),
        source=raw.get("source", ""),
    )


def predict(lexicon: Lexicon, item: Item) -> tuple[str, ...]:
    return score(lexicon.matcher, [item.text], [item.clause], item.heading, item.title).categories


def evaluate(lexicon: Lexicon, items: Sequence[Item]) -> Report:
    counts = {c: [0, 0, 0] for c in lexicon.ids}
    errors: list[tuple[Item, tuple[str, ...]]] = []
    for item in items:
        got = predict(lexicon, item)
        want = set(item.expected)
        for c in set(got) | want:
            row = counts.setdefault(c, [0, 0, 0])
            if c in want and c in got:
                row[0] += 1
            elif c in got:
                row[1] += 1
            else:
                row[2] += 1
        if set(got) != want:
            errors.append((item, got))
    per = tuple(CategoryScore(c, *v) for c, v in counts.items())
    return Report(per, tuple(errors))
