"""The 2018 and 2021 Producer-IATSE Basic Agreements from the shared corpus (skipped when the
corpus is absent). Expectations are structural (article numbers, flags, units), never text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from cbadiff.model import ArticlePair, Comparison, Flag, Status
from cbadiff.pipeline import compare_files

pytestmark = pytest.mark.slow


@cache
def _compare(folder: Path) -> Comparison:
    return compare_files(
        folder / "IATSE_2018-2021_Basic_Agreement.pdf",
        folder / "IATSE_Basic_Agreement_2021-2024.pdf",
    )


@pytest.fixture
def comparison(corpus: Path) -> Comparison:
    """Read and compared once per session; the ``corpus`` fixture skips when it is absent."""
    return _compare(corpus / "iatse-basic-agreement")


def by_number(c: Comparison, number: str, *, side: str = "old") -> ArticlePair:
    agreement = c.old if side == "old" else c.new
    ids = {u.id for u in agreement.units if u.number == number and u.kind.value == "article"}
    for p in c.pairs:
        if ids & set(p.old if side == "old" else p.new):
            return p
    raise AssertionError(f"Article {number} not found on the {side} side")


def article_numbers(c: Comparison) -> list[str]:
    return [u.number for u in c.old.units if u.kind.value == "article" and u.number]


def test_new_articles_come_out_added(comparison: Comparison) -> None:
    for number in ("XIIIC", "XLVIII"):
        p = by_number(comparison, number, side="new")
        assert p.status is Status.ADDED and p.old == ()


def test_retitled_articles(comparison: Comparison) -> None:
    for number in ("XXXIA", "XLVI", "XLVII"):
        p = by_number(comparison, number)
        assert Flag.RETITLED in p.flags, number
        assert [comparison.new.unit(u).number for u in p.new] == [number]
    retitled = {
        comparison.old.unit(p.old[0]).number
        for p in comparison.pairs
        if Flag.RETITLED in p.flags
        and p.old
        and comparison.old.unit(p.old[0]).kind.value == "article"
    }
    assert retitled == {"XXXIA", "XLVI", "XLVII"}


def test_every_other_article_pairs_with_itself(comparison: Comparison) -> None:
    numbers = article_numbers(comparison)
    assert "I" in numbers and "XLVII" in numbers
    for number in numbers:
        p = by_number(comparison, number)
        assert len(p.old) == 1 and len(p.new) == 1, number
        assert comparison.new.unit(p.new[0]).number == number
        assert Flag.RENUMBERED not in p.flags and Flag.MOVED not in p.flags


def test_health_plan_contribution_rates_are_number_changes(comparison: Comparison) -> None:
    p = by_number(comparison, "XII")
    money = [
        n
        for ch in p.changes
        if ch.substantive
        for n in ch.numbers
        if n.unit and n.unit.startswith("$")
    ]
    paired = [n for n in money if n.old and n.new and n.old != n.new]
    assert len(paired) >= 4
    assert all(n.old and n.old.startswith("$") and n.new and n.new.startswith("$") for n in paired)
