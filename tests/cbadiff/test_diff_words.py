"""Word diff, change grouping and the substantive/cosmetic judgement."""

from __future__ import annotations

import pytest

from cbadiff.diff.changes import ChangeIds, text_changes
from cbadiff.diff.substance import References, judge
from cbadiff.diff.words import diff_words
from cbadiff.model import ChangeKind, OpTag, Status
from cbadiff.pipeline import compare_agreements
from cbadiff.text.normalize import cosmetic_reason
from cbadiff.text.tokenize import tokenize
from parsers.model import Block, BlockKind
from tests.cbadiff.builders import agreement, article, filler


def rebuild(runs: list[tuple[OpTag, str]], side: OpTag) -> str:
    return "".join(t for tag, t in runs if tag in (OpTag.EQUAL, side))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The Employer shall pay overtime.", "The Employer may pay overtime at its discretion."),
        ("a b c d e f", "a x c y e f"),
        ("", "New clause."),
        ("Old clause.", ""),
        ("Meal penalty $7.50; employee's rest.", "Meal penalty $10.00; employees' rest!"),
    ],
)
def test_runs_rebuild_both_sides_exactly(old: str, new: str) -> None:
    runs = diff_words(old, new)
    assert rebuild(runs, OpTag.DELETE) == old
    assert rebuild(runs, OpTag.INSERT) == new


def test_diff_never_splits_a_word() -> None:
    runs = diff_words("The employee shall report.", "The employees shall reports.")
    changed = [t for tag, t in runs if tag is not OpTag.EQUAL]
    assert set(changed) <= {"employee", "employees", "report", "reports"}


def test_tokenize_keeps_money_and_percent_whole() -> None:
    assert tokenize("pay $1,250.50 or 3% now") == [
        "pay",
        " ",
        "$1,250.50",
        " ",
        "or",
        " ",
        "3%",
        " ",
        "now",
    ]


def para(text: str, page: int = 3) -> Block:
    return Block("article-1/b0", BlockKind.PARAGRAPH, text, page)


def test_changes_carry_ids_pages_blocks_and_op_links() -> None:
    ops, changes = text_changes(
        para("Employees receive ten (10) hours and a $7.50 meal penalty.", 3),
        Block(
            "article-2/b4",
            BlockKind.PARAGRAPH,
            "Employees receive twelve (12) hours and a $10.00 meal penalty.",
            5,
        ),
        ids=ChangeIds("article-1:article-2"),
        block_index=2,
    )
    assert [c.id for c in changes] == ["article-1:article-2/c1", "article-1:article-2/c2"]
    assert [(c.old_text, c.new_text) for c in changes] == [
        ("ten (10)", "twelve (12)"),
        ("$7.50", "$10.00"),
    ]
    first = changes[0]
    assert (first.old_page, first.new_page, first.old_block, first.new_block) == (
        3,
        5,
        "article-1/b0",
        "article-2/b4",
    )
    assert first.block_index == 2 and first.kind is ChangeKind.REPLACE
    linked = {op.change_id for op in ops if op.tag is not OpTag.EQUAL}
    assert linked == {c.id for c in changes}
    assert all(op.change_id is None for op in ops if op.tag is OpTag.EQUAL)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("shall be paid  weekly", "shall be\npaid weekly", "whitespace"),
        ('the "Employer" shall', "the \u201cEmployer\u201d shall", "quotes and dashes"),
        ("Monday - Friday", "Monday \u2013 Friday", "quotes and dashes"),
        ("the meal-period rule", "the meal period rule", "hyphenation"),
        ("an employ- ee", "an employee", "hyphenation"),
        ("see note *", "see note \uf02a", "quotes and dashes"),
        ("Grip | $40.00", "Grip $40.00", "table layout"),
        ("\u2022 each employee", "each employee", "bullets"),
    ],
)
def test_cosmetic_differences_are_named(old: str, new: str, reason: str) -> None:
    assert cosmetic_reason(old, new) == reason


@pytest.mark.parametrize(
    ("old", "new"),
    [("shall", "may"), ("$7.50", "$10.00"), ("Employer", "employer"), ("not", "")],
)
def test_real_changes_are_substantive(old: str, new: str) -> None:
    assert judge(old, new) == (True, "")


def test_page_furniture_is_not_substantive_but_a_lost_number_is() -> None:
    assert judge("", "Page 12 of 80") == (False, "page furniture")
    assert judge("- 12 -", "") == (False, "page furniture")
    assert judge("10", "")[0] is True


def test_reference_judged_with_the_alignment_rewrites() -> None:
    refs = References(old=lambda t: t.replace("Article 14", "Article 15"), new=lambda t: t)
    assert judge(
        "14",
        "15",
        old_around=("see Article ", "."),
        new_around=("see Article ", "."),
        references=refs,
    ) == (False, "renumbered reference")
    assert (
        judge(
            "14",
            "16",
            old_around=("see Article ", "."),
            new_around=("see Article ", "."),
            references=refs,
        )[0]
        is True
    )


def test_cosmetic_only_article_is_unchanged_and_its_changes_kept_in_the_model() -> None:
    text = 'The Employer\'s "policy" applies Monday - Friday to the meal-period.'
    styled = (
        "The Employer\u2019s \u201cpolicy\u201d applies Monday \u2013 Friday to the meal period."
    )
    c = compare_agreements(
        agreement(article("1", "Policy", text, filler(5))),
        agreement(article("1", "Policy", styled, filler(5))),
    )
    pair = c.pairs[0]
    assert pair.status is Status.UNCHANGED
    assert pair.changes and not any(ch.substantive for ch in pair.changes)
    assert all(ch.reason for ch in pair.changes)


def test_reference_rewriting_handles_lists_romans_and_sections() -> None:
    from cbadiff.diff.references import build_references
    from parsers.numbering import label_value

    def canon(label: str) -> str:
        value = label_value(label)
        return f"{value[0]}{value[1].lower()}" if value else label.lower()

    refs = build_references({"14": "15", "15": "16", "13a": "14a"}, {"14.2": "15.2"}, canon)
    assert refs.old("see Articles 14 and 15") == refs.new("see Articles 15 and 16")
    assert refs.old("under Article XIIIA") == refs.new("under Article XIVA")
    assert refs.old("per Section 14.2.") == refs.new("per Section 15.2.")
    assert refs.old("see Article 14") != refs.new("see Article 16")
    assert refs.old("Article 99 stays") == refs.new("Article 99 stays")
