"""The built-in lexicon against the labelled evaluation set in tests/cbadiff/category_eval/."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cbadiff.categorize import load_lexicon
from cbadiff.categorize.evaluation import Item, evaluate, load_items

EVAL_DIR = Path(__file__).parent / "category_eval"

# The ambiguous phrases of taxonomy.md section 3, as the items tag them.
AMBIGUOUS = (
    "penalty", "rest period", "dismissal", "call", "recall", "grace", "extension", "holiday",
    "health", "contributions / benefits / premiums", "hours", "supplemental",
    "new media / new technology", "reuse / replica", "credit(s)", "zone", "per diem",
    "jurisdiction", "promotion / transfer", "effective date / retroactive", "renewal / option",
    "condition of employment", "suspension", "prevailing rate", "not counted as time worked",
    "certification", "waiting time", "strike",
)  # fmt: skip


@pytest.fixture(scope="module")
def items() -> list[Item]:
    return load_items(sorted(EVAL_DIR.glob("items_*.toml")))


def test_the_set_is_large_and_covers_every_category_and_ambiguous_phrase(items: list[Item]) -> None:
    lex = load_lexicon(use_user_config=False)
    assert len(items) >= 200
    per_category = Counter(c for item in items for c in item.expected)
    assert set(per_category) <= set(lex.ids)
    assert {c: per_category[c] for c in lex.ids if per_category[c] < 5} == {}
    tags = Counter(t for item in items for t in item.tags)
    assert {t for t in AMBIGUOUS if tags[t] < 2} == set()
    assert sum(1 for item in items if item.source == "sample") >= 30


def test_macro_f1_and_per_category_floor(items: list[Item]) -> None:
    report = evaluate(load_lexicon(use_user_config=False), items)
    weak = {c.category: round(c.f1, 2) for c in report.per_category if c.f1 < 0.6}
    assert weak == {}, report.table()
    assert report.macro_f1 >= 0.85, report.table()
