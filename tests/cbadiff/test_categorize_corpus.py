"""Categories on a real agreement pair (skipped when ../shared/corpus is absent).

Only generic issue words appear here; no text from the corpus is stored in the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cbadiff.categorize import categorize_comparison, load_lexicon
from cbadiff.model import ArticlePair, Comparison

_CACHE: dict[Path, Comparison] = {}


@pytest.fixture
def labelled(corpus: Path) -> Comparison:
    """The 2018 -> 2021 comparison, labelled; computed once for the module's three tests."""
    from cbadiff.pipeline import compare_files

    folder = corpus / "iatse-basic-agreement"
    old = folder / "IATSE_2018-2021_Basic_Agreement.pdf"
    new = folder / "IATSE_Basic_Agreement_2021-2024.pdf"
    if not (old.is_file() and new.is_file()):
        pytest.skip("the Basic Agreement pair is not in the corpus")
    if folder not in _CACHE:
        lexicon = load_lexicon(use_user_config=False)
        _CACHE[folder] = categorize_comparison(compare_files(old, new), lexicon)
    return _CACHE[folder]


def _pairs(comp: Comparison, words: str) -> list[ArticlePair]:
    titles = {u.id: (u.title or "") for u in (*comp.old.units, *comp.new.units)}
    return [
        p
        for p in comp.pairs
        if any(re.search(words, titles.get(uid, ""), re.I) for uid in (*p.new, *p.old))
    ]


@pytest.mark.slow
def test_health_plan_rate_changes_are_pension_and_health(labelled: Comparison) -> None:
    pairs = [p for p in _pairs(labelled, r"^health plan$")]
    assert pairs
    rates = [c for p in pairs for c in p.changes if c.substantive and "$" in c.new_text]
    assert rates
    assert all("pension_health" in c.categories for c in rates)


@pytest.mark.slow
def test_sick_leave_article_changes_are_sick_leave(labelled: Comparison) -> None:
    changes = [c for p in _pairs(labelled, r"sick leave") for c in p.changes if c.substantive]
    assert changes
    share = sum("sick_leave" in c.categories for c in changes) / len(changes)
    assert share >= 0.9


@pytest.mark.slow
def test_new_media_sideletters_are_new_media_or_residuals(labelled: Comparison) -> None:
    changes = [c for p in _pairs(labelled, r"new media") for c in p.changes if c.substantive]
    assert changes
    hits = sum(bool({"new_media_streaming", "residuals"} & set(c.categories)) for c in changes)
    assert hits / len(changes) >= 0.8
