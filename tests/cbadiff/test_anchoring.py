"""Re-anchoring: annotations follow their change into a comparison with a newer draft.

The end-to-end tests run the real pipeline on small TXT agreements: the same expired agreement
compared with a first draft, annotated, then compared with a second draft that inserts an
article (renumbering everything after it), edits words around annotated changes, drops one
change and renames an added article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cbadiff.annotations import Anchor, Annotation
from cbadiff.model import ArticlePair, Change, ChangeKind, Comparison, Status
from cbadiff.pipeline import compare_files
from cbadiff.store import Project
from cbadiff.store.anchoring import QUOTE_MIN, anchor_for, locate, reanchor, similarity
from parsers.model import Agreement, DocKind, SourceInfo

OLD = """COLLECTIVE AGREEMENT

ARTICLE 1 RECOGNITION

1.1 The Employer recognizes the Union as the sole bargaining agent for all employees in the unit.

ARTICLE 2 HOURS OF WORK

2.1 The normal work day shall be eight hours, Monday to Friday.

2.2 Employees shall receive a paid rest period of fifteen minutes in each half shift.

ARTICLE 3 MEALS

3.1 When an employee works more than two hours of overtime, the Employer shall pay a meal penalty of $7.50.

3.2 A meal period of thirty minutes shall be scheduled near the middle of each shift.

ARTICLE 4 WAGES

4.1 Wages shall be as set out in Schedule A and shall increase by two percent on July 1.
"""

DRAFT1 = """COLLECTIVE AGREEMENT

ARTICLE 1 RECOGNITION

1.1 The Employer recognizes the Union as the sole bargaining agent for all employees in the unit.

ARTICLE 2 HOURS OF WORK

2.1 The normal work day shall be eight hours, Monday to Friday.

2.2 Employees shall receive a paid rest period of twenty minutes in each half shift.

ARTICLE 3 MEALS

3.1 When an employee works more than two hours of overtime, the Employer shall pay a meal penalty of $10.00.

3.2 A meal period of forty-five minutes shall be scheduled near the middle of each shift.

ARTICLE 4 WAGES

4.1 Wages shall be as set out in Schedule A and shall increase by three percent on July 1.

ARTICLE 5 TECHNOLOGY

5.1 The Employer shall give ninety days notice before introducing technological change.
"""

# A definitions article is inserted (3 -> 4, 4 -> 5, 5 -> 6), words change around the meal
# penalty, the rest-period change is withdrawn, and the added article is retitled.
DRAFT2 = """COLLECTIVE AGREEMENT

ARTICLE 1 RECOGNITION

1.1 The Employer recognizes the Union as the sole bargaining agent for all employees in the unit.

ARTICLE 2 DEFINITIONS

2.1 In this agreement an employee means a person in the bargaining unit.

ARTICLE 3 HOURS OF WORK

3.1 The normal work day shall be eight hours, Monday to Friday.

3.2 Employees shall receive a paid rest period of fifteen minutes in each half shift.

ARTICLE 4 MEALS

4.1 When an employee works more than one and a half hours of overtime, the Employer shall pay a meal penalty of $11.00.

4.2 A meal period of forty-five minutes shall be scheduled near the middle of each shift.

ARTICLE 5 WAGES

5.1 Wages shall be as set out in Schedule A and shall increase by three percent on July 1.

ARTICLE 6 NEW TECHNOLOGY

6.1 The Employer shall give one hundred and twenty days notice before introducing technological change.
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("drafts")
    out = {}
    for name, text in (("old", OLD), ("draft1", DRAFT1), ("draft2", DRAFT2)):
        out[name] = root / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def first(files: dict[str, Path]) -> Comparison:
    return compare_files(files["old"], files["draft1"])


@pytest.fixture(scope="module")
def second(files: dict[str, Path]) -> Comparison:
    return compare_files(files["old"], files["draft2"])


def find(comparison: Comparison, old_text: str, new_text: str) -> tuple[ArticlePair, Change]:
    hits = [
        (p, c)
        for p, c in comparison.all_changes()
        if c.old_text == old_text and c.new_text == new_text
    ]
    assert len(hits) == 1, f"expected one change {old_text!r} -> {new_text!r}, got {hits}"
    return hits[0]


def pair_with_heading(comparison: Comparison, word: str) -> ArticlePair:
    hits = [
        p
        for p in comparison.pairs
        if any(word in (comparison.new.unit(u).title or "") for u in p.new)
    ]
    assert len(hits) == 1
    return hits[0]


def annotation(n: int, anchor: Anchor, comment: str = "") -> Annotation:
    return Annotation(n, anchor, comment, "open", "tester", "t", "t")


@pytest.fixture(scope="module")
def annotated(first: Comparison) -> dict[str, Annotation]:
    """Annotations made on the first comparison, by name."""
    specs = {
        "penalty": find(first, "$7.50", "$10.00"),
        "meal period": find(first, "thirty", "forty-five"),
        "wage": find(first, "two", "three"),
        "rest": find(first, "fifteen", "twenty"),
    }
    tech = pair_with_heading(first, "TECHNOLOGY")
    out = {
        name: annotation(i, anchor_for(first, pair, change), name)
        for i, (name, (pair, change)) in enumerate(specs.items(), 1)
    }
    out["tech clause"] = annotation(5, anchor_for(first, tech, tech.changes[0]), "tech clause")
    out["tech article"] = annotation(6, anchor_for(first, tech), "tech article")
    wages = pair_with_heading(first, "WAGES")
    out["wages article"] = annotation(7, anchor_for(first, wages), "wages article")
    return out


def test_anchor_records_units_blocks_quotes_and_position(
    first: Comparison, annotated: dict[str, Annotation]
) -> None:
    a = annotated["meal period"].anchor
    pair, change = find(first, "thirty", "forty-five")
    assert a.change_id == change.id and a.pair_id == pair.id
    assert a.old_units == pair.old and a.new_units == pair.new
    assert (a.old_quote, a.new_quote) == ("thirty", "forty-five")
    assert a.old_block == change.old_block and a.old_block is not None
    assert "meal period" in a.old_context
    assert a.ordinal == 1  # second change of the meals article
    assert "MEALS" in a.heading
    whole = annotated["tech article"].anchor
    assert whole.change_id is None and whole.old_units == ()
    assert "ninety days notice" in whole.new_quote


def test_reanchoring_follows_renumbering_and_edits(
    second: Comparison, annotated: dict[str, Annotation]
) -> None:
    results = {a.comment: anchor for a, anchor in reanchor(list(annotated.values()), second)}
    assert len(results) == len(annotated)  # nothing dropped

    penalty = results["penalty"]
    assert penalty is not None
    pair, change = find(second, "$7.50", "$11.00")
    assert penalty.change_id == change.id and penalty.pair_id == pair.id
    assert penalty.new_quote == "$11.00" and penalty.ordinal == 1  # was 0: an edit came first
    assert "MEALS" in penalty.heading and penalty.new_units != annotated["penalty"].anchor.new_units

    meal = results["meal period"]
    assert meal is not None
    assert meal.change_id == find(second, "thirty", "forty-five")[1].id

    # "two" -> "three" must not land on the meals article's "two" -> "one and a half"
    wage = results["wage"]
    assert wage is not None
    assert wage.change_id == find(second, "two", "three")[1].id
    assert "WAGES" in wage.heading

    tech_clause = results["tech clause"]
    assert tech_clause is not None
    assert "one hundred and twenty days" in tech_clause.new_quote
    assert tech_clause.pair_id == pair_with_heading(second, "TECHNOLOGY").id

    tech_article = results["tech article"]
    assert tech_article is not None and tech_article.change_id is None
    assert tech_article.pair_id == pair_with_heading(second, "TECHNOLOGY").id  # not DEFINITIONS

    wages_article = results["wages article"]
    assert wages_article is not None
    assert wages_article.pair_id == pair_with_heading(second, "WAGES").id


def test_withdrawn_change_is_orphaned(second: Comparison, annotated: dict[str, Annotation]) -> None:
    [(kept, anchor)] = reanchor([annotated["rest"]], second)
    assert anchor is None
    assert kept is annotated["rest"]
    assert kept.anchor.old_quote == "fifteen" and kept.anchor.new_quote == "twenty"


def test_same_comparison_reanchors_onto_itself(
    first: Comparison, annotated: dict[str, Annotation]
) -> None:
    for a, anchor in reanchor(list(annotated.values()), first):
        assert anchor == a.anchor, a.comment


def test_orphan_returns_when_a_later_draft_brings_the_change_back(
    first: Comparison, second: Comparison, annotated: dict[str, Annotation]
) -> None:
    rest = annotated["rest"]
    assert locate(rest.anchor, second) is None
    back = locate(rest.anchor, first)
    assert back is not None and back.change is not None
    assert back.change.new_text == "twenty"


def test_store_round_trip_of_a_reanchoring(
    tmp_path: Path, files: dict[str, Path], first: Comparison, second: Comparison
) -> None:
    with Project.create(tmp_path / "r.cbadiff", files["old"], files["draft1"]) as project:
        pair, change = find(first, "$7.50", "$10.00")
        kept = project.add(anchor_for(first, pair, change), "penalty").annotation
        pair, change = find(first, "fifteen", "twenty")
        lost = project.add(anchor_for(first, pair, change), "rest").annotation
        project.add_draft(files["draft2"])
        stored = project.record_anchoring(reanchor(project.annotations(), second))
    with Project.open(tmp_path / "r.cbadiff") as again:
        by_id = {a.id: a for a in again.annotations()}
        assert by_id == {a.id: a for a in stored}
        assert not by_id[kept.id].orphaned and by_id[kept.id].anchor.new_quote == "$11.00"
        assert by_id[lost.id].orphaned and by_id[lost.id].anchor == lost.anchor
        assert by_id[lost.id].draft == again.source("new").id


# --------------------------------------------------------------------- hand-built comparisons


def _agreement(name: str) -> Agreement:
    return Agreement(SourceInfo(name, DocKind.TXT, "0" * 64, None), ())


def _change(cid: str, old: str, new: str, block: str, context: str) -> Change:
    return Change(
        id=cid,
        kind=ChangeKind.REPLACE,
        old_text=old,
        new_text=new,
        substantive=True,
        old_page=None,
        new_page=None,
        old_block=block,
        new_block=block,
        old_context=context.format(old),
        new_context=context.format(new),
    )


def _comparison(*changes: tuple[str, Change]) -> Comparison:
    pairs: dict[str, list[Change]] = {}
    for unit, c in changes:
        pairs.setdefault(unit, []).append(c)
    return Comparison(
        _agreement("old"),
        _agreement("new"),
        tuple(
            ArticlePair(f"{u}:{u}", (u,), (u,), Status.MODIFIED, (), 0.9, changes=tuple(cs))
            for u, cs in pairs.items()
        ),
    )


def test_identical_quotes_are_told_apart_by_their_paragraph() -> None:
    vacation = "Vacation pay is {} percent of earnings."
    shift = "The night shift premium is {} percent."
    before = _comparison(
        ("a", _change("a/c1", "four", "six", "a/b1", vacation)),
        ("a", _change("a/c2", "four", "six", "a/b2", shift)),
    )
    # the paragraphs trade places and get new block ids: only the context can tell them apart
    after = _comparison(
        ("a", _change("a/c1", "four", "six", "a/b7", shift)),
        ("a", _change("a/c2", "four", "six", "a/b8", vacation)),
    )
    pair = before.pairs[0]
    on_vacation = anchor_for(before, pair, pair.changes[0])
    match = locate(on_vacation, after)
    assert match is not None and match.change is not None
    assert match.change.old_context.startswith("Vacation")


def test_short_quote_elsewhere_is_not_a_match() -> None:
    before = _comparison(("a", _change("a/c1", "may", "shall", "a/b1", "The Employer {} pay.")))
    after = _comparison(
        ("b", _change("b/c1", "may", "shall", "b/b4", "Grievances {} go to arbitration."))
    )
    pair = before.pairs[0]
    assert locate(anchor_for(before, pair, pair.changes[0]), after) is None


def test_similarity_scale() -> None:
    assert similarity("$7.50", "$7.50") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("x", "") == 0.0
    assert similarity("$7.50", "a meal penalty of $7.50") >= 0.8  # contained, a new draft's edit
    assert similarity("a", "a meal penalty") < 0.5  # too short to count when contained
    assert similarity("ninety days", "sixty hours") < 0.55


def test_project_reanchor_writes_only_what_moved(
    tmp_path: Path, files: dict[str, Path], first: Comparison, second: Comparison
) -> None:
    with Project.create(tmp_path / "s.cbadiff", files["old"], files["draft1"]) as project:
        for spec in (("$7.50", "$10.00"), ("fifteen", "twenty")):
            pair, change = find(first, *spec)
            project.add(anchor_for(first, pair, change), spec[0])
        before = project.annotations()
        assert project.reanchor(first) == before  # reopening: nothing moved, nothing written
        assert all(project.anchoring_history(a.id) == [] for a in before)

        project.add_draft(files["draft2"])
        with Project.open(project.path) as viewer:  # a read-only window sees it in memory
            assert viewer.read_only
            seen = {a.comment: a for a in viewer.reanchor(second)}
            assert seen["fifteen"].orphaned and seen["$7.50"].anchor.new_quote == "$11.00"
            assert not any(a.orphaned for a in viewer.annotations())  # and wrote nothing
        after = {a.comment: a for a in project.reanchor(second)}
        assert after["fifteen"].orphaned and not after["$7.50"].orphaned
        assert all(len(project.anchoring_history(a.id)) == 1 for a in before)
        project.reanchor(second)  # again: no new history
        assert all(len(project.anchoring_history(a.id)) == 1 for a in before)


def test_clause_moved_to_another_article_is_found_by_its_old_block() -> None:
    text = "Overtime is paid at {} the regular rate."
    before = _comparison(
        ("a", _change("a/c1", "time and a half", "double time", "a/b3", text)),
        ("a", _change("a/c2", "ten", "twelve", "a/b4", "Leave is {} days.")),
    )
    # the next draft moves the overtime clause into article b and leaves a weaker look-alike
    moved = _change("b/c1", "time and a half", "double time", "a/b3", text)
    lookalike = _change("a/c1", "a half", "double", "a/b9", "Shift premium is {} per hour.")
    after = _comparison(("a", lookalike), ("b", moved))
    pair = before.pairs[0]
    match = locate(anchor_for(before, pair, pair.changes[0]), after)
    assert match is not None and match.change is moved
    assert match.pair.id == "b:b"


def test_same_words_in_another_paragraph_of_the_article_are_not_a_match() -> None:
    before = _comparison(
        ("a", _change("a/c1", "pay", "salary", "a/b2", "Overtime {} is due weekly.")),
    )
    # the draft withdraws that change; a different paragraph of the article makes the same edit
    after = _comparison(
        ("a", _change("a/c1", "pay", "salary", "a/b3", "Holiday {} follows the calendar.")),
    )
    pair = before.pairs[0]
    assert locate(anchor_for(before, pair, pair.changes[0]), after) is None


def test_similarity_counts_the_quote_inside_the_text_not_the_reverse() -> None:
    assert similarity("$7.50", "penalty of $7.50") >= 0.8
    assert similarity("penalty of $7.50 per meal", "$7.50") < QUOTE_MIN


def test_real_agreement_every_annotation_finds_itself_again(corpus: Path) -> None:
    """Re-running the same comparison (reopening a project) moves no annotation."""
    folder = corpus / "oregon-state-afscme-doc-dentists"
    old, new = sorted(folder.glob("*.txt"))
    first = compare_files(old, new)
    again = compare_files(old, new)
    notes = [annotation(i, anchor_for(first, p, c)) for i, (p, c) in enumerate(first.all_changes())]
    notes += [annotation(-i, anchor_for(first, p)) for i, p in enumerate(first.pairs, 1)]
    assert len(notes) > 20
    for note, anchor in reanchor(notes, again):
        assert anchor == note.anchor
