"""Clause alignment inside and across articles: moves, moved-and-edited clauses, reflow."""

from __future__ import annotations

from cbadiff.align.blocks import align_blocks
from cbadiff.align.reflow import reflow_rows
from cbadiff.model import ChangeKind, Flag, OpTag, Status
from cbadiff.pipeline import compare_agreements
from parsers.model import Block, BlockKind
from tests.cbadiff.builders import agreement, article, filler, standard_articles


def blk(i: int, text: str) -> Block:
    return Block(f"u/b{i}", BlockKind.PARAGRAPH, text, 1)


def test_clause_moved_within_article_is_a_move() -> None:
    clauses = [(f"5.{k}", filler(500 + k)) for k in range(1, 6)]
    moved = [clauses[0], clauses[2], clauses[3], clauses[4], clauses[1]]
    old = agreement(*standard_articles(4), article("5", "Seniority", *clauses))
    new = agreement(*standard_articles(4), article("5", "Seniority", *moved))
    c = compare_agreements(old, new)
    pair = c.pairs[-1]
    moves = [ch for ch in pair.changes if ch.kind is ChangeKind.MOVE]
    assert len(moves) == 1
    assert moves[0].old_text == clauses[1][1] and moves[0].new_text == clauses[1][1]
    assert [ch.kind for ch in pair.changes] == [ChangeKind.MOVE]
    assert pair.status is Status.MODIFIED
    moved_rows = [b for b in pair.blocks if b.moved]
    assert len(moved_rows) == 1 and moved_rows[0].old is not None and moved_rows[0].new is not None


def test_clause_moved_and_edited_is_a_move_plus_its_edit() -> None:
    clauses = [(f"5.{k}", filler(500 + k)) for k in range(1, 6)]
    edited = clauses[1][1].replace(".", " within ten (10) days.")
    moved = [clauses[0], clauses[2], clauses[3], clauses[4], ("5.5", edited)]
    c = compare_agreements(
        agreement(article("5", "Seniority", *clauses)), agreement(article("5", "Seniority", *moved))
    )
    pair = c.pairs[0]
    kinds = [ch.kind for ch in pair.changes]
    assert kinds == [ChangeKind.MOVE, ChangeKind.INSERT]
    insert = pair.changes[1]
    assert insert.new_text == "within ten (10) days"
    assert [(n.old, n.new, n.unit) for n in insert.numbers] == [(None, "ten (10)", "days")]
    # the edit's words carry its change id, for highlighting inside the paragraph
    block = pair.blocks[insert.block_index]
    assert block.moved
    assert [op.change_id for op in block.ops if op.tag is OpTag.INSERT] == [insert.id]


def test_clause_moved_across_articles_is_a_move_not_a_deletion_and_insertion() -> None:
    arts = standard_articles(5)
    mover = ("2.9", filler(2929, 50))
    old = agreement(*arts[:1], article("2", "Management Rights", *arts[1].paras, mover), *arts[2:])
    edited = mover[1].replace(".", " and the steward.")
    new = agreement(
        *arts[:3], article("4", "Hours of Work", *arts[3].paras, ("4.9", edited)), *arts[4:]
    )
    c = compare_agreements(old, new)
    dest = next(p for p in c.pairs if p.new == ("article-4",))
    src = next(p for p in c.pairs if p.old == ("article-2",))
    (move,) = [ch for ch in dest.changes if ch.kind is ChangeKind.MOVE]
    assert move.old_block == "article-2/b" + str(len(arts[1].paras))
    assert move.new_block and move.new_block.startswith("article-4/")
    assert "moved from article-2" in move.reason
    edits = [ch for ch in dest.changes if ch.kind is not ChangeKind.MOVE]
    assert [e.new_text for e in edits] == ["and the steward"]
    moved_in = dest.blocks[move.block_index]
    assert moved_in.moved and moved_in.old_unit == "article-2" and moved_in.new_unit == "article-4"
    # the source shows where the clause went: a move there too, not a deletion
    (left,) = src.changes
    assert left.kind is ChangeKind.MOVE and left.reason == "moved to article-4"
    assert left.new_block == move.new_block and src.status is Status.MODIFIED
    (gone,) = [b for b in src.blocks if b.moved]
    assert gone.new is None and gone.new_unit == "article-4"
    assert gone.ops[0].change_id == left.id
    assert Flag.MOVED not in src.flags


def test_blocks_out_of_order_pair_and_one_of_them_is_moved() -> None:
    a, b, z = filler(31), filler(32), filler(33)
    old = [blk(0, a), blk(1, b)]
    new = [blk(0, b), blk(1, z), blk(2, a)]
    rows = [(r.old, r.new, r.moved) for r in align_blocks(old, new)]
    assert rows in (
        [(1, 0, False), (None, 1, False), (0, 2, True)],
        [(1, 0, True), (None, 1, False), (0, 2, False)],
    )


def test_short_blocks_out_of_order_are_not_moves() -> None:
    old = [blk(0, "38.95"), blk(1, filler(34)), blk(2, "41.20")]
    new = [blk(0, "41.20"), blk(1, filler(34)), blk(2, "38.95")]
    rows = align_blocks(old, new)
    assert not any(r.moved for r in rows)
    assert (1, 1) in [(r.old, r.new) for r in rows]


def test_deleted_block_stands_where_it_stood() -> None:
    old = [blk(0, "One one one."), blk(1, "Two two two."), blk(2, "Three three.")]
    new = [blk(0, "One one one."), blk(1, "Three three.")]
    rows = align_blocks(old, new)
    assert [(r.old, r.new) for r in rows] == [(0, 0), (1, None), (2, 1)]


def test_paragraph_break_moved_is_reflow_not_a_change() -> None:
    a, b = filler(1, 30), filler(2, 30)
    old = [blk(0, a), blk(1, b)]
    new = [blk(0, a + " " + b)]
    rows = align_blocks(old, new)
    assert reflow_rows(rows, old, new) == {0, 1}
    c = compare_agreements(
        agreement(article("1", "Wages", a, b)), agreement(article("1", "Wages", a + " " + b))
    )
    pair = c.pairs[0]
    assert pair.status is Status.UNCHANGED
    assert pair.changes and {ch.reason for ch in pair.changes} == {"paragraph break"}


def test_real_edit_next_to_a_paragraph_break_stays_substantive() -> None:
    a, b = filler(1, 30), filler(2, 30)
    c = compare_agreements(
        agreement(article("1", "Wages", a, b)),
        agreement(article("1", "Wages", a + " " + b.replace(".", " except Sundays."))),
    )
    assert c.pairs[0].status is Status.MODIFIED


def test_paragraph_break_moved_next_to_an_edit_leaves_only_the_edit() -> None:
    a, b = filler(11, 40), filler(12, 25)
    edited = a.replace(".", " within 14 days.")
    c = compare_agreements(
        agreement(article("1", "Wages", a, b, filler(13))),
        agreement(article("1", "Wages", edited + " " + b, filler(13))),
    )
    pair = c.pairs[0]
    real = [ch for ch in pair.changes if ch.substantive]
    assert [ch.new_text for ch in real] == ["within 14 days"]
    rest = [ch for ch in pair.changes if not ch.substantive]
    assert {ch.reason for ch in rest} == {"paragraph break"}
    assert sorted(ch.kind.value for ch in rest) == ["delete", "insert"]


def test_paragraph_break_at_the_start_next_to_an_edit() -> None:
    a, b = filler(21, 25), filler(22, 40)
    edited = b.replace(".", " except on Sundays.")
    c = compare_agreements(
        agreement(article("1", "Wages", filler(20), a, b)),
        agreement(article("1", "Wages", filler(20), a + " " + edited)),
    )
    pair = c.pairs[0]
    assert [ch.new_text for ch in pair.changes if ch.substantive] == ["except on Sundays"]
