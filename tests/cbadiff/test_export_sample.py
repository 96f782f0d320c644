"""A hand-built comparison every export test renders, and tests of what the exports select.

The sample plants markers an internal-only detail would leak through (a comment, a reviewer's
name, a folder name): member exports must contain none of them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cbadiff.annotations import Anchor, Annotation
from cbadiff.export.options import Audience, ExportOptions
from cbadiff.export.redline import DELETE, EQUAL, INSERT, excerpt, move_note, pair_paras
from cbadiff.export.summary import build_view, numbers_text, what_changed
from cbadiff.model import (
    ArticlePair,
    BlockPair,
    Change,
    ChangeKind,
    Comparison,
    Flag,
    NumberChange,
    OpTag,
    Status,
    WordOp,
)
from parsers.model import Agreement, Block, BlockKind, DocKind, SourceInfo, Unit, UnitKind

COMMENT_MARKER = "ZQXCOMMENTMARKER"
AUTHOR_MARKER = "Zorblax Quimby"
PATH_MARKER = "ZQXPATHMARKER"
NOTE_TEXT = "Members get a bigger meal penalty"
WHEN = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)


def _block(bid: str, text: str, label: str | None = None, page: int = 1) -> Block:
    return Block(id=bid, kind=BlockKind.CLAUSE if label else BlockKind.PARAGRAPH, text=text,
                 page=page, label=label, level=1 if label else 0)


def _unit(uid: str, number: str, title: str, blocks: tuple[Block, ...]) -> Unit:
    return Unit(id=uid, kind=UnitKind.ARTICLE, number=number, title=title,
                heading=f"ARTICLE {number} {title.upper()}", page_start=1, page_end=2,
                blocks=blocks)


def _ops(*parts: tuple[str, str, str | None]) -> tuple[WordOp, ...]:
    return tuple(WordOp(OpTag(tag), text, cid) for tag, text, cid in parts)


def sample_comparison() -> Comparison:
    """Four articles: a changed number, a cosmetic fix, a deleted and an added article."""
    wages_old = (
        _block("a1.b1", "The meal penalty shall be $7.50 for each half hour.", "1.1"),
        _block("a1.b2", "Overtime is paid at time and one-half after 8 hours.", "1.2"),
    )
    wages_new = (
        _block("a1.b1", "The meal penalty shall be $10.00 for each half hour.", "1.1"),
        _block("a1.b2", "Overtime is paid at time and one‑half after 8 hours.", "1.2"),
        _block("a1.b3", "See § 4 for “remote” work.", "1.3"),
    )
    hol_old = (_block("a3.b1", "Good Friday is a paid holiday.", "3.1"),)
    remote_new = (_block("a4.b1", "Employees may work remotely with approval.", "4.1"),)
    term = _block("a0.b1", "This Agreement runs from July 1, 2018 to June 30, 2021.")
    term_new = _block("a0.b1", "This Agreement runs from July 1, 2021 to June 30, 2024.")
    old = Agreement(
        source=SourceInfo(f"/home/{PATH_MARKER}/old-2018.docx", DocKind.DOCX, "0" * 64, 3),
        units=(
            _unit("art-0", "0", "Term", (term,)),
            _unit("art-1", "1", "Wages", wages_old),
            _unit("art-3", "3", "Holidays", hol_old),
        ),
    )
    new = Agreement(
        source=SourceInfo(f"/home/{PATH_MARKER}/new-2021.docx", DocKind.DOCX, "1" * 64, 3),
        units=(
            _unit("art-0", "0", "Term", (term_new,)),
            _unit("art-1", "1", "Wages and Overtime", wages_new),
            _unit("art-4", "4", "Remote Work", remote_new),
        ),
    )
    c_term = Change("p0.c0", ChangeKind.REPLACE, "2018 to June 30, 2021", "2021 to June 30, 2024",
                    True, 1, 1, numbers=(NumberChange("2021", "2024", "date"),),
                    categories=("duration_term",), block_index=0)
    c_meal = Change("p1.c0", ChangeKind.REPLACE, "$7.50", "$10.00", True, 1, 1,
                    numbers=(NumberChange("$7.50", "$10.00", "usd"),),
                    categories=("meal_periods", "wages"), block_index=0)
    c_hyph = Change("p1.c1", ChangeKind.REPLACE, "one-half", "one‑half", False, 1, 1,
                    block_index=1, reason="hyphen")
    c_ref = Change("p1.c2", ChangeKind.INSERT, "", "See § 4 for “remote” work.", True, None, 1,
                   categories=("remote_work",), block_index=2)
    c_hol = Change("p2.c0", ChangeKind.DELETE, "Good Friday is a paid holiday.", "", True, 1, None,
                   categories=("holidays",), block_index=0)
    c_rem = Change("p3.c0", ChangeKind.INSERT, "", "Employees may work remotely with approval.",
                   True, None, 1, categories=("remote_work",), block_index=0)
    pairs = (
        ArticlePair("p0", ("art-0",), ("art-0",), Status.MODIFIED, (), 0.9, blocks=(
            BlockPair(term, term_new, _ops(
                ("equal", "This Agreement runs from July 1, ", None),
                ("delete", "2018 to June 30, 2021", "p0.c0"),
                ("insert", "2021 to June 30, 2024", "p0.c0"),
                ("equal", ".", None))),
        ), changes=(c_term,), categories=("duration_term",)),
        ArticlePair("p1", ("art-1",), ("art-1",), Status.MODIFIED, (Flag.RETITLED,), 0.8, blocks=(
            BlockPair(wages_old[0], wages_new[0], _ops(
                ("equal", "The meal penalty shall be ", None),
                ("delete", "$7.50", "p1.c0"),
                ("insert", "$10.00", "p1.c0"),
                ("equal", " for each half hour.", None))),
            BlockPair(wages_old[1], wages_new[1], _ops(
                ("equal", "Overtime is paid at time and ", None),
                ("delete", "one-half", "p1.c1"),
                ("insert", "one‑half", "p1.c1"),
                ("equal", " after 8 hours.", None))),
            BlockPair(None, wages_new[2], _ops(("insert", "See § 4 for “remote” work.", "p1.c2"))),
        ), changes=(c_meal, c_hyph, c_ref), categories=("meal_periods", "wages", "remote_work")),
        ArticlePair("p2", ("art-3",), (), Status.DELETED, (), 0.0, blocks=(
            BlockPair(hol_old[0], None, _ops(("delete", "Good Friday is a paid holiday.", "p2.c0"))),
        ), changes=(c_hol,), categories=("holidays",)),
        ArticlePair("p3", (), ("art-4",), Status.ADDED, (), 0.0, blocks=(
            BlockPair(None, remote_new[0],
                      _ops(("insert", "Employees may work remotely with approval.", "p3.c0"))),
        ), changes=(c_rem,), categories=("remote_work",)),
    )
    return Comparison(old=old, new=new, pairs=pairs)


def sample_annotations() -> tuple[Annotation, ...]:
    def anchor(pair: str, change: str | None) -> Anchor:
        return Anchor(pair_id=pair, change_id=change, old_units=(), new_units=())

    return (
        Annotation(1, anchor("p1", "p1.c0"), f"Push back: {COMMENT_MARKER} one", "disputed",
                   AUTHOR_MARKER, "2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z",
                   member_note=NOTE_TEXT),
        Annotation(2, anchor("p3", "p3.c0"), f"Counsel to review {COMMENT_MARKER} two", "agreed",
                   AUTHOR_MARKER, "2026-03-01T10:00:00Z", "2026-03-02T10:00:00Z"),
        Annotation(3, anchor("p2", None), f"Whole article {COMMENT_MARKER} three", "open",
                   AUTHOR_MARKER, "2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z",
                   member_note="Good Friday is no longer a paid holiday"),
    )


MEMBERS = ExportOptions(date=WHEN)
INTERNAL = ExportOptions(audience=Audience.INTERNAL, date=WHEN)


def test_members_see_substantive_changes_only() -> None:
    view = build_view(sample_comparison(), MEMBERS, sample_annotations())
    ids = [r.change.id for r in view.rows]
    assert ids == ["p0.c0", "p1.c0", "p1.c2", "p2.c0", "p3.c0"]
    assert all(r.status == "" and r.comments == () for r in view.rows)
    meal = view.rows[1]
    assert meal.member_note == NOTE_TEXT
    assert meal.numbers == "$7.50 → $10.00"
    assert meal.article == "Article 1 — Wages and Overtime"
    assert view.old_title == "old-2018" and PATH_MARKER not in view.old_title


def test_internal_sees_everything_with_status_and_comments() -> None:
    view = build_view(sample_comparison(), INTERNAL, sample_annotations())
    assert [r.change.id for r in view.rows] == ["p0.c0", "p1.c0", "p1.c1", "p1.c2", "p2.c0",
                                                "p3.c0"]
    meal = view.rows[1]
    assert meal.status == "disputed" and COMMENT_MARKER in meal.comments[0].comment
    assert view.rows[2].status == "open"


def test_filters_by_category_and_status() -> None:
    opts = ExportOptions(categories=("remote_work",), date=WHEN)
    view = build_view(sample_comparison(), opts, sample_annotations())
    assert [r.change.id for r in view.rows] == ["p1.c2", "p3.c0"]
    opts = ExportOptions(statuses=("disputed", "agreed"), date=WHEN)
    view = build_view(sample_comparison(), opts, sample_annotations())
    assert [r.change.id for r in view.rows] == ["p1.c0", "p3.c0"]


def test_table_groups_by_first_category_and_terms_come_from_the_text() -> None:
    view = build_view(sample_comparison(), MEMBERS, sample_annotations())
    groups = [(name, [r.change.id for r in rows]) for name, rows in view.by_category()]
    assert groups == [("Duration term", ["p0.c0"]), ("Meal periods", ["p1.c0"]),
                      ("Remote work", ["p1.c2", "p3.c0"]), ("Holidays", ["p2.c0"])]
    assert view.old_term == "July 1, 2018 – June 30, 2021"
    assert view.new_term == "July 1, 2021 – June 30, 2024"


def test_one_line_summaries() -> None:
    comp = sample_comparison()
    changes = {c.id: c for _, c in comp.all_changes()}
    assert what_changed(changes["p1.c0"]) == "“$7.50” → “$10.00”"
    assert what_changed(changes["p2.c0"]) == "Removed “Good Friday is a paid holiday.”"
    long = Change("x", ChangeKind.INSERT, "", "word " * 60, True, None, None)
    line = what_changed(long)
    assert line.startswith("Added “word") and line.endswith("…”") and len(line) < 110
    assert numbers_text((NumberChange("8", "10", "hours"),)) == "8 hours → 10 hours"
    assert numbers_text((NumberChange(None, "$3", "usd_per_hour"),)) == "— → $3 per hour"


def test_member_redline_applies_unselected_changes_silently() -> None:
    comp = sample_comparison()
    view = build_view(comp, MEMBERS)
    paras = pair_paras(comp, comp.pairs[1], view.selected)
    hyphen = paras[1]
    assert not hyphen.changed and hyphen.side(INSERT) == "1.2 Overtime is paid at time and one‑half after 8 hours."
    assert [(r.tag, r.text) for r in paras[0].runs if r.tag is not EQUAL] == [
        (DELETE, "$7.50"), (INSERT, "$10.00")]
    assert paras[2].whole is INSERT
    full = pair_paras(comp, comp.pairs[1], None)
    assert full[1].changed


def test_excerpt_keeps_changed_paragraphs_and_counts_the_gaps() -> None:
    comp = sample_comparison()
    paras = pair_paras(comp, comp.pairs[1], None)
    plain = [p for p in pair_paras(comp, comp.pairs[0], frozenset())] * 20
    doc = [*plain, paras[0], *plain]
    out = excerpt(doc, context=1, keep_whole=5)
    assert [type(x).__name__ for x in out] == ["Gap", "Para", "Para", "Para", "Gap"]
    assert out[0].count == 19  # type: ignore[union-attr]


def test_a_moved_clause_is_deleted_where_it_stood_and_inserted_where_it_stands() -> None:
    a = _block("m.a", "Alpha clause about seniority lists posted every quarter.", "5.1")
    b = _block("m.b", "Beta clause about layoffs in reverse order of seniority.", "5.2")
    c = _block("m.c", "Gamma clause about recall rights lasting twelve months.", "5.3")
    unit_old = _unit("u5", "5", "Seniority", (a, b, c))
    unit_new = _unit("u5", "5", "Seniority", (b, c, a))
    comp = sample_comparison()
    old = Agreement(comp.old.source, (*comp.old.units, unit_old))
    new = Agreement(comp.new.source, (*comp.new.units, unit_new))
    move = Change("p9.c0", ChangeKind.MOVE, a.text, a.text, True, 1, 1, old_block="m.a",
                  new_block="m.a")
    pair = ArticlePair("p9", ("u5",), ("u5",), Status.MODIFIED, (), 0.9, blocks=(
        BlockPair(b, b, _ops(("equal", b.text, None))),
        BlockPair(c, c, _ops(("equal", c.text, None))),
        BlockPair(a, a, _ops(("equal", a.text, None)), moved=True),
    ), changes=(move,))
    comp = Comparison(old, new, (pair,))
    paras = pair_paras(comp, pair, None, track=True)
    shown = [(p.whole, p.side(INSERT) if p.whole is not DELETE else p.side(DELETE)) for p in paras]
    assert shown == [
        (DELETE, f"5.1 {a.text}"),
        (EQUAL, f"5.2 {b.text}"),
        (EQUAL, f"5.3 {c.text}"),
        (INSERT, f"5.1 {a.text}"),
    ]
    assert paras[0].runs[0].change_id == "p9.c0" and paras[0].moved
    # reading views keep the block's own edits where it now stands, marked as moved
    read = pair_paras(comp, pair, None)
    assert [(p.whole, p.moved) for p in read] == [(DELETE, True), (EQUAL, False), (EQUAL, False),
                                                 (EQUAL, True)]
    assert move_note(read[0]) == "[moved from here] " and move_note(read[3]) == "[moved here] "
    # a member export that does not select the move shows the new order, unmarked
    quiet = pair_paras(comp, pair, frozenset())
    assert [p.whole for p in quiet] == [EQUAL, EQUAL, EQUAL] and not any(p.changed for p in quiet)


def test_printed_units_read_naturally() -> None:
    assert numbers_text((NumberChange("314.00", "$51.60", "$"),)) == "$314.00 → $51.60"
    assert numbers_text((NumberChange("7.50", "8.00", "$/hour"),)) == "$7.50 per hour → $8.00 per hour"
    assert numbers_text((NumberChange("3", "3.5%", "%"),)) == "3% → 3.5%"
    assert numbers_text((NumberChange("ten (10)", "twelve (12)", "hours"),)) == (
        "ten (10) hours → twelve (12) hours")


def test_an_article_is_named_once_per_run_of_rows() -> None:
    from cbadiff.export.summary import table_rows

    view = build_view(sample_comparison(), INTERNAL)
    rows = [r for r in view.rows if r.pair_id == "p1"]
    cells = table_rows(view, rows)
    assert [c[0] for c in cells] == ["Article 1 — Wages and Overtime", "", ""]


def test_a_whole_removed_article_prints_its_start_and_counts_the_rest() -> None:
    from cbadiff.export.redline import Gap, Para, Run

    gone = [Para((Run(DELETE, f"clause {i}", "c"),), DELETE) for i in range(20)]
    out = excerpt(gone, whole_limit=8)
    assert out[:8] == gone[:8] and isinstance(out[8], Gap) and len(out) == 9
    assert out[8].text == "[… 12 more removed paragraphs; the full text is in the redline …]"
    assert excerpt(gone) == gone  # without a limit (HTML) every removed paragraph is shown
