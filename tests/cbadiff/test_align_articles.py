"""Article alignment on generated agreements: every situation the negotiator must trust."""

from __future__ import annotations

from dataclasses import replace

from cbadiff.align.assignment import in_order_chain, max_weight_assignment, sparse_assignment
from cbadiff.model import ArticlePair, Comparison, Flag, Status
from cbadiff.pipeline import compare_agreements
from parsers.model import UnitKind
from tests.cbadiff.builders import (
    UnitSpec,
    agreement,
    article,
    filler,
    renumbered,
    standard_articles,
)


def entry(c: Comparison, old: tuple[str, ...] = (), new: tuple[str, ...] = ()) -> ArticlePair:
    for p in c.pairs:
        if (not old or p.old == old) and (not new or p.new == new):
            return p
    raise AssertionError(f"no entry {old} -> {new}: {[(p.old, p.new) for p in c.pairs]}")


def test_inserted_article_renumbers_later_ones_which_still_pair_with_their_predecessors() -> None:
    arts = standard_articles(8)
    inserted = article("4", "Non-Discrimination", ("4.1", filler(999)), ("4.2", filler(998)))
    new_arts = [
        *arts[:3],
        inserted,
        *(renumbered(a, str(int(a.number or 0) + 1)) for a in arts[3:]),
    ]
    c = compare_agreements(agreement(*arts), agreement(*new_arts))

    added = entry(c, new=("article-4",))
    assert added.old == () and added.status is Status.ADDED
    for n in range(4, 9):
        p = entry(c, old=(f"article-{n}",))
        assert p.new == (f"article-{n + 1}",)
        assert Flag.RENUMBERED in p.flags
        assert p.status is Status.UNCHANGED
        assert [ch for ch in p.changes if ch.substantive] == []
    for n in range(1, 4):
        p = entry(c, old=(f"article-{n}",))
        assert p.new == (f"article-{n}",) and p.flags == () and p.status is Status.UNCHANGED
    assert len(c.pairs) == 9
    assert [p.new for p in c.pairs] == [(f"article-{n}",) for n in range(1, 10)]


def test_renumbered_cross_reference_is_not_substantive_but_a_changed_target_is() -> None:
    arts = standard_articles(6)
    ref_old = article(
        "2", "Management Rights", ("2.1", "Disputes go to Article 5 and Section 5.1.")
    )
    ref_new_ok = article(
        "2", "Management Rights", ("2.1", "Disputes go to Article 6 and Section 6.1.")
    )
    ref_new_bad = article(
        "2", "Management Rights", ("2.1", "Disputes go to Article 3 and Section 6.1.")
    )
    inserted = article("4", "Non-Discrimination", ("4.1", filler(999)))
    olds = [arts[0], ref_old, *arts[2:]]
    tail = [renumbered(a, str(int(a.number or 0) + 1)) for a in arts[3:]]
    for new_ref, substantive in ((ref_new_ok, False), (ref_new_bad, True)):
        news = [arts[0], new_ref, arts[2], inserted, *tail]
        c = compare_agreements(agreement(*olds), agreement(*news))
        p = entry(c, old=("article-2",))
        assert p.changes, "the reference change is recorded either way"
        assert any(ch.substantive for ch in p.changes) is substantive
        if not substantive:
            assert {ch.reason for ch in p.changes} == {"renumbered reference"}
            assert p.status is Status.UNCHANGED


def test_moved_article_is_paired_and_flagged_moved_not_deleted_and_added() -> None:
    arts = standard_articles(8)
    moved = [*arts[:2], *arts[3:7], arts[2], arts[7]]  # Article 3 printed later, same number
    c = compare_agreements(agreement(*arts), agreement(*moved))
    p = entry(c, old=("article-3",))
    assert p.new == ("article-3",)
    assert Flag.MOVED in p.flags
    assert sum(Flag.MOVED in q.flags for q in c.pairs) == 1
    assert {q.status for q in c.pairs} == {Status.UNCHANGED}
    # reading order of the new agreement
    assert [q.new[0] for q in c.pairs] == [u.id for u in agreement(*moved).units]


def test_retitled_article_is_flagged_and_its_title_change_listed() -> None:
    arts = standard_articles(5)
    new = [*arts[:2], replace(arts[2], title="Security of the Union"), *arts[3:]]
    c = compare_agreements(agreement(*arts), agreement(*new))
    p = entry(c, old=("article-3",))
    assert p.flags == (Flag.RETITLED,)
    assert p.status is Status.MODIFIED
    (change,) = p.changes
    assert (change.old_text, change.new_text) == ("Union Security", "Security of the Union")
    assert p.blocks[change.block_index].new is not None
    # a change of case only is not a retitle
    c2 = compare_agreements(
        agreement(*arts), agreement(*arts[:2], replace(arts[2], title="UNION SECURITY"), *arts[3:])
    )
    assert entry(c2, old=("article-3",)).flags == ()


def test_split_article_pairs_one_old_with_two_new() -> None:
    arts = standard_articles(5)
    big = article(
        "3", "Hours and Overtime", *[(f"3.{k}", filler(300 + k, 50)) for k in range(1, 7)]
    )
    first = article("3", "Hours", *[(f"3.{k}", filler(300 + k, 50)) for k in range(1, 4)])
    second = article("4", "Overtime", *[(f"4.{k - 3}", filler(300 + k, 50)) for k in range(4, 7)])
    old = agreement(*arts[:2], big, *arts[3:])
    new = agreement(
        *arts[:2], first, second, *(renumbered(a, str(int(a.number or 0) + 1)) for a in arts[3:])
    )
    c = compare_agreements(old, new)
    p = entry(c, old=("article-3",))
    assert p.new == ("article-3", "article-4")
    assert Flag.SPLIT in p.flags
    assert not any(q.status in (Status.ADDED, Status.DELETED) for q in c.pairs)
    assert not [ch for ch in p.changes if ch.substantive and ch.reason != "title"]


def test_merged_articles_pair_two_old_with_one_new() -> None:
    arts = standard_articles(6)
    merged = article(
        "3",
        "Union Security and Hours of Work",
        *arts[2].paras,
        *[
            (f"3.{k + 10}", t)
            for k, (_, t) in enumerate(p for p in arts[3].paras if isinstance(p, tuple))
        ],
    )
    new = agreement(
        *arts[:2], merged, *(renumbered(a, str(int(a.number or 0) - 1)) for a in arts[4:])
    )
    c = compare_agreements(agreement(*arts), new)
    p = entry(c, new=("article-3",))
    assert p.old == ("article-3", "article-4")
    assert Flag.MERGED in p.flags
    assert not any(q.status in (Status.ADDED, Status.DELETED) for q in c.pairs)


def test_added_and_deleted_articles_stand_where_they_stood() -> None:
    arts = standard_articles(6)
    extra = article("7", "Travel", ("7.1", filler(777)))
    new = [*arts[:2], *arts[3:], extra]  # Article 3 deleted, 7 added
    c = compare_agreements(agreement(*arts), agreement(*new))
    statuses = [(p.old, p.new, p.status) for p in c.pairs]
    assert statuses[2] == (("article-3",), (), Status.DELETED)
    assert statuses[-1] == ((), ("article-7",), Status.ADDED)
    deleted = entry(c, old=("article-3",))
    assert all(ch.kind.value == "delete" and ch.substantive for ch in deleted.changes)
    assert len(deleted.changes) == len(arts[2].paras)


def test_unrelated_article_with_the_same_number_is_not_paired() -> None:
    arts = standard_articles(4)
    replaced = article("4", "Subcontracting", ("4.1", filler(4444)), ("4.2", filler(4445)))
    c = compare_agreements(agreement(*arts), agreement(*arts[:3], replaced))
    assert entry(c, old=("article-4",)).status is Status.DELETED
    assert entry(c, new=("article-4",)).status is Status.ADDED


def test_numbering_styles_roman_and_words_align_by_content() -> None:
    arts = standard_articles(4)
    roman = [replace(a, number=["I", "II", "III", "IV"][k]) for k, a in enumerate(arts)]
    words = [replace(a, number=["ONE", "TWO", "THREE", "FOUR"][k]) for k, a in enumerate(arts)]
    c = compare_agreements(agreement(*roman), agreement(*words))
    assert all(p.status is Status.UNCHANGED and Flag.RENUMBERED not in p.flags for p in c.pairs)
    assert len(c.pairs) == 4


def test_exhibits_and_sideletters_are_units_too() -> None:
    arts = standard_articles(3)
    ex = article("A", "Wage Schedule", filler(51), kind=UnitKind.EXHIBIT)
    sl = article("1", "Parking", filler(52), kind=UnitKind.SIDELETTER)
    sl_edit = article(
        "1",
        "Parking",
        filler(52).replace("shall", "may", 1) + " Extra words here.",
        kind=UnitKind.SIDELETTER,
    )
    c = compare_agreements(agreement(*arts, ex, sl), agreement(*arts, ex, sl_edit))
    assert entry(c, old=("exhibit-a",)).status is Status.UNCHANGED
    assert entry(c, old=("sideletter-1",)).status is Status.MODIFIED


def test_short_articles_pair_by_title_when_text_says_little() -> None:
    old = agreement(article("1", "Reserved", "Reserved."), *standard_articles(3)[1:])
    new = agreement(
        article("1", "Reserved", "Intentionally left blank."), *standard_articles(3)[1:]
    )
    c = compare_agreements(old, new)
    assert entry(c, old=("article-1",)).new == ("article-1",)


def test_assignment_is_global_not_greedy() -> None:
    # greedy would take (0, 0) = 0.9 and leave row 1 with 0.1; the optimum is 0.85 + 0.8
    assert max_weight_assignment([[0.9, 0.8], [0.85, 0.1]], 0.5) == [(0, 1), (1, 0)]
    assert max_weight_assignment([[0.9], [0.95], [0.2]], 0.5) == [(1, 0)]
    assert max_weight_assignment([[0.2, 0.3]], 0.5) == []
    edges = {(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.85, (5, 7): 0.6, (6, 8): 0.3}
    assert sparse_assignment(edges, 0.5) == [(0, 1), (1, 0), (5, 7)]


def test_in_order_chain_keeps_the_larger_in_place() -> None:
    chain = in_order_chain([(0, 0), (1, 2), (2, 1), (3, 3)], [1.0, 1.0, 1.5, 1.0])
    assert chain == {0, 2, 3}


def _letter(number: str, title: str, body: str, year: str = "2021") -> UnitSpec:
    return article(
        number,
        title,
        f"Dated as of August 1, {year}",
        "Studio Crafts and Technicians Union, Local 912",
        "Ladies and Gentlemen:",
        body,
        "Please indicate your agreement by signing below.",
        "Very truly yours, the Association, by its President and its Secretary",
        kind=UnitKind.SIDELETTER,
    )


def test_sideletters_sharing_only_boilerplate_are_not_paired() -> None:
    letters = [_letter(str(n), f"Topic {n}", filler(700 + n, 60)) for n in range(1, 6)]
    replaced = _letter("5", "Virtual Stages", filler(9999, 60))
    c = compare_agreements(agreement(*letters), agreement(*letters[:4], replaced))
    assert entry(c, old=("sideletter-5",)).status is Status.DELETED
    assert entry(c, new=("sideletter-5",)).status is Status.ADDED
    # and their shared greeting and signature are not reported as clauses moved between them
    assert not [ch for p in c.pairs for ch in p.changes if ch.kind.value == "move"]


def test_same_title_over_a_redrafted_text_is_still_the_same_unit() -> None:
    letters = [_letter(str(n), f"Topic {n}", filler(700 + n, 60)) for n in range(1, 6)]
    redrafted = _letter("3", "Topic 3", filler(703, 15) + " " + filler(4242, 50), year="2024")
    c = compare_agreements(agreement(*letters), agreement(*letters[:2], redrafted, *letters[3:]))
    p = entry(c, old=("sideletter-3",))
    assert p.new == ("sideletter-3",) and p.status is Status.MODIFIED


def test_contents_page_title_change_is_a_retitle() -> None:
    from parsers.model import FrontKind, FrontPart

    arts = standard_articles(3)
    toc_old = "TABLE OF CONTENTS\n1. Recognition . . . . . . 1\n2. Management Rights . . . . 2\n"
    toc_new = "TABLE OF CONTENTS\n1. Recognition . . . . . . 1\n2. Rights of Management . . . 2\n"
    old = replace(agreement(*arts), front_matter=(FrontPart(FrontKind.TOC, toc_old, 1, 1),))
    new = replace(agreement(*arts), front_matter=(FrontPart(FrontKind.TOC, toc_new, 1, 1),))
    c = compare_agreements(old, new)
    p = entry(c, old=("article-2",))
    assert p.flags == (Flag.RETITLED,) and p.status is Status.MODIFIED
    (change,) = p.changes
    assert change.reason == "title in the table of contents"
    assert (change.old_text, change.new_text) == ("Management Rights", "Rights of Management")
    assert entry(c, old=("article-1",)).flags == ()


def test_article_cut_into_four_is_one_split_not_a_deletion_and_four_additions() -> None:
    arts = standard_articles(3)
    parts = [[(f"9.{k}", filler(900 + 10 * p + k, 45)) for k in range(1, 4)] for p in range(4)]
    whole = article("9", "Working Conditions", *[c for part in parts for c in part])
    pieces = [article(str(10 + p), f"Conditions Part {p + 1}", *parts[p]) for p in range(4)]
    c = compare_agreements(agreement(*arts, whole), agreement(*arts, *pieces))
    p = entry(c, old=("article-9",))
    assert p.new == ("article-10", "article-11", "article-12", "article-13")
    assert Flag.SPLIT in p.flags
    assert not any(q.status in (Status.ADDED, Status.DELETED) for q in c.pairs)


def test_four_articles_merged_into_one() -> None:
    arts = standard_articles(3)
    parts = [[(f"9.{k}", filler(900 + 10 * p + k, 45)) for k in range(1, 4)] for p in range(4)]
    pieces = [article(str(10 + p), f"Conditions Part {p + 1}", *parts[p]) for p in range(4)]
    whole = article("9", "Working Conditions", *[c for part in parts for c in part])
    c = compare_agreements(agreement(*arts, *pieces), agreement(*arts, whole))
    p = entry(c, new=("article-9",))
    assert p.old == ("article-10", "article-11", "article-12", "article-13")
    assert Flag.MERGED in p.flags
