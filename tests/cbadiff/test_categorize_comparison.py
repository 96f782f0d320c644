"""Labelling a whole comparison, filtering it by category and summarising it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cbadiff.categorize import (
    Lexicon,
    categorize_comparison,
    category_summary,
    filter_comparison,
    load_lexicon,
)
from cbadiff.model import (
    ArticlePair,
    BlockPair,
    Change,
    ChangeKind,
    Comparison,
    NumberChange,
    Status,
)
from parsers.model import Agreement, Block, BlockKind, DocKind, SourceInfo, Unit, UnitKind


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon(use_user_config=False)


def _unit(uid: str, number: str, title: str, blocks: list[Block]) -> Unit:
    return Unit(
        uid, UnitKind.ARTICLE, number, title, f"ARTICLE {number} {title}", 1, 2, tuple(blocks)
    )


def _agreement(name: str, units: list[Unit]) -> Agreement:
    return Agreement(SourceInfo(name, DocKind.TXT, "0" * 64, None), tuple(units))


def _block(bid: str, text: str, label: str | None = None, title: str | None = None) -> Block:
    return Block(bid, BlockKind.CLAUSE if label else BlockKind.PARAGRAPH, text, 1, label, title)


def _change(
    cid: str,
    old: str,
    new: str,
    *,
    block: str,
    context: str,
    substantive: bool = True,
    numbers: tuple[NumberChange, ...] = (),
) -> Change:
    return Change(
        cid,
        ChangeKind.REPLACE,
        old,
        new,
        substantive,
        1,
        1,
        numbers=numbers,
        old_block=block,
        new_block=block,
        old_context=context,
        new_context=context,
    )


MEAL_CLAUSE = "for the first one-half hour of meal delay, a penalty of $7.50"
HEALTH_CLAUSE = "For each hour worked the Producer shall contribute $5.85 per hour."


def _comparison() -> Comparison:
    hours = _unit(
        "u-7",
        "7",
        "Working Conditions",
        [
            _block("b1", "MEAL PERIODS"),
            _block("b2", MEAL_CLAUSE, "(a)"),
            _block("b3", "Rest Periods. Employees shall receive ten hours of rest.", "(b)"),
            _block("b4", "The workweek shall begin on Sunday.", "(c)", title="Workweek"),
        ],
    )
    health = _unit("u-12", "XII", "Health Plan", [_block("b5", HEALTH_CLAUSE, "1.")])
    old = _agreement("old.txt", [hours, health])
    new = _agreement("new.txt", [hours, health])
    meal = _change(
        "c1",
        "$7.50",
        "$10.00",
        block="b2",
        context=MEAL_CLAUSE,
        numbers=(NumberChange("$7.50", "$10.00", "usd"),),
    )
    rest = _change("c2", "ten", "twelve", block="b3", context="Rest Periods. Employees ...")
    cosmetic = _change(
        "c3", "Sunday", "Sunday ", block="b4", context="The workweek ...", substantive=False
    )
    rate = _change(
        "c4",
        "$5.85",
        "$6.35",
        block="b5",
        context=HEALTH_CLAUSE,
        numbers=(NumberChange("$5.85", "$6.35", "usd_per_hour"),),
    )
    bp = BlockPair(None, None, ())
    pairs = (
        ArticlePair(
            "p7", ("u-7",), ("u-7",), Status.MODIFIED, (), 0.9, (bp,), (meal, rest, cosmetic)
        ),
        ArticlePair("p12", ("u-12",), ("u-12",), Status.MODIFIED, (), 0.9, (bp,), (rate,)),
    )
    return Comparison(old, new, pairs)


def test_every_change_gets_categories_and_why_from_its_context(lex: Lexicon) -> None:
    out = categorize_comparison(_comparison(), lex)
    by_id = {c.id: c for _p, c in out.all_changes()}
    assert by_id["c1"].categories == ("meal_periods",)  # the heading above and the clause
    assert by_id["c1"].why["meal_periods"][0] == "meal delay (clause)"
    assert "meal period (heading)" in by_id["c1"].why["meal_periods"]
    assert by_id["c2"].categories == ("rest_periods",)  # a lead-in title "Rest Periods."
    assert by_id["c2"].why == {"rest_periods": ("rest period (clause)", "rest period (heading)")}
    assert by_id["c4"].categories == ("pension_health",)  # the article title
    # a cosmetic edit raises no issue by its own words; the block title still places it
    assert by_id["c3"].categories == ("hours_overtime",)
    assert by_id["c3"].why == {"hours_overtime": ("workweek (clause)", "workweek (heading)")}


def test_article_pairs_carry_the_ranked_union(lex: Lexicon) -> None:
    out = categorize_comparison(_comparison(), lex)
    p7, p12 = out.pairs
    assert set(p7.categories) == {"meal_periods", "rest_periods", "hours_overtime"}
    assert p7.categories[0] == "meal_periods"  # most weight
    assert p12.categories == ("pension_health",)


def test_input_is_not_modified(lex: Lexicon) -> None:
    original = _comparison()
    categorize_comparison(original, lex)
    assert all(c.categories == () for _p, c in original.all_changes())


def test_filter_keeps_only_changes_in_the_categories_and_pairs_that_keep_one(lex: Lexicon) -> None:
    out = categorize_comparison(_comparison(), lex)
    rest = filter_comparison(out, ["rest_periods"])
    assert [p.id for p in rest.pairs] == ["p7"]
    assert [c.id for c in rest.pairs[0].changes] == ["c2"]
    assert rest.pairs[0].categories == ("rest_periods",)
    assert rest.pairs[0].blocks == out.pairs[0].blocks  # block_index stays valid
    assert rest.options.categories == ("rest_periods",)
    both = filter_comparison(out, ["pension_health", "meal_periods"])
    assert [c.id for _p, c in both.all_changes()] == ["c1", "c4"]
    assert filter_comparison(out, ["credits"]).pairs == ()


def test_summary_counts_substantive_changes_articles_and_numbers(lex: Lexicon) -> None:
    out = categorize_comparison(_comparison(), lex)
    summary = category_summary(out)
    assert summary == {
        "meal_periods": {"changes": 1, "articles": 1, "numbers": 1},
        "rest_periods": {"changes": 1, "articles": 1, "numbers": 0},
        "pension_health": {"changes": 1, "articles": 1, "numbers": 1},
    }


def test_retitled_article_is_judged_by_both_titles(lex: Lexicon) -> None:
    comp = _comparison()
    renamed = replace(comp.new.units[1], title="Medical Coverage", heading="ARTICLE XII")
    comp = replace(comp, new=replace(comp.new, units=(comp.new.units[0], renamed)))
    out = categorize_comparison(comp, lex)
    assert out.pairs[1].changes[0].categories == ("pension_health",)


def test_a_titled_clause_heads_only_the_clauses_nested_under_it() -> None:
    from cbadiff.categorize import _heading_table

    def clause(bid: str, text: str, label: str, level: int) -> Block:
        return Block(bid, BlockKind.CLAUSE, text, 1, label, None, level)

    unit = _unit("u", "9", "Working Conditions", [
        _block("h", "MEAL PERIODS"),
        clause("c3", "Meal Penalties. An employee whose meal is delayed shall be paid:", "3.", 1),
        clause("c3a", "for the first half hour, $7.50;", "(a)", 2),
        clause("c4", "Meals shall be furnished on location.", "4.", 1),
        _block("p", "Page 12"),
        _block("h2", "Rest Periods"),
        clause("c5", "Employees shall receive ten hours.", "5.", 1),
    ])  # fmt: skip
    assert _heading_table(unit) == [
        "MEAL PERIODS",
        "Meal Penalties",
        "Meal Penalties",
        "MEAL PERIODS",
        "MEAL PERIODS",
        "Rest Periods",
        "Rest Periods",
    ]
