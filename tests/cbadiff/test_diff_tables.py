"""Wage tables compare cell by cell."""

from __future__ import annotations

from cbadiff.diff.changes import ChangeIds
from cbadiff.diff.tables import pair_rows, table_changes
from cbadiff.model import OpTag, Status
from cbadiff.pipeline import compare_agreements
from parsers.model import Agreement, Block, BlockKind, DocKind, SourceInfo, Unit, UnitKind
from tests.cbadiff.builders import agreement, article, filler, with_table

OLD = [
    ["Classification", "2021", "2022"],
    ["Grip", "$40.00", "$41.20"],
    ["Electrician", "$42.00", "$43.26"],
    ["Driver", "$30.00", "$30.90"],
]
NEW = [
    ["Classification", "2021", "2022"],
    ["Grip", "$40.00", "$42.00"],
    ["Electrician", "$42.00", "$43.26"],
    ["Rigger", "$44.00", "$45.32"],
    ["Driver", "$30.00", "$31.50"],
]


def table(rows: list[list[str]], uid: str) -> Block:
    t = tuple(tuple(r) for r in rows)
    return Block(f"{uid}/b0", BlockKind.TABLE, "\n".join(" | ".join(r) for r in t), 2, rows=t)


def test_rows_pair_by_content_then_label() -> None:
    pairs = pair_rows([tuple(r) for r in OLD], [tuple(r) for r in NEW])
    assert pairs == [(0, 0), (1, 1), (2, 2), (None, 3), (3, 4)]


def test_each_changed_cell_is_one_change_with_its_row_and_column() -> None:
    old, new = table(OLD, "exhibit-a"), table(NEW, "exhibit-a")
    ops, changes = table_changes(old, new, ids=ChangeIds("p"), block_index=0)
    assert "".join(o.text for o in ops if o.tag is not OpTag.INSERT) == old.text
    assert "".join(o.text for o in ops if o.tag is not OpTag.DELETE) == new.text
    numbers = [(n.old, n.new, n.unit, n.context) for ch in changes for n in ch.numbers]
    assert ("$41.20", "$42.00", "$", "Grip / 2022") in numbers
    assert ("$30.90", "$31.50", "$", "Driver / 2022") in numbers
    added = [ch for ch in changes if ch.kind.value == "insert"]
    assert len(added) == 1 and added[0].new_text.startswith("Rigger")
    assert len(changes) == 3


def test_table_inside_an_article_through_the_pipeline() -> None:
    old = agreement(with_table(article("1", "Wages", filler(1)), OLD))
    new = agreement(with_table(article("1", "Wages", filler(1)), NEW))
    c = compare_agreements(old, new)
    pair = c.pairs[0]
    assert pair.status is Status.MODIFIED
    assert sum(len(ch.numbers) for ch in pair.changes) == 4  # two cells + the new row's two rates


def test_a_table_read_as_plain_paragraph_is_layout_not_a_change() -> None:
    rows = tuple(tuple(r) for r in OLD)
    as_table = Block(
        "exhibit-a/b0", BlockKind.TABLE, "\n".join(" | ".join(r) for r in rows), 2, rows=rows
    )
    as_text = Block("exhibit-a/b0", BlockKind.PARAGRAPH, " ".join(c for r in rows for c in r), 2)

    def agree(block: Block, kind: DocKind) -> Agreement:
        unit = Unit("exhibit-a", UnitKind.EXHIBIT, "A", "Wages", "EXHIBIT A", 2, 2, (block,))
        return Agreement(SourceInfo(f"x.{kind.value}", kind, "0" * 64, 2), (unit,))

    c = compare_agreements(agree(as_table, DocKind.DOCX), agree(as_text, DocKind.PDF))
    pair = c.pairs[0]
    assert pair.status is Status.UNCHANGED
    assert pair.changes and {ch.reason for ch in pair.changes} == {"table layout"}


def test_row_pairs_keep_both_tables_in_order() -> None:
    old = [("Class", "Rate"), ("A", "1"), ("B", "2"), ("C", "3"), ("D", "4")]
    new = [("Class", "Rate"), ("A", "1.5"), ("C", "3.5"), ("E", "9"), ("D", "4")]
    pairs = pair_rows(old, new)
    olds = [i for i, _ in pairs if i is not None]
    news = [j for _, j in pairs if j is not None]
    assert olds == sorted(olds) == list(range(len(old)))
    assert news == sorted(news) == list(range(len(new)))
    assert (1, 1) in pairs and (3, 2) in pairs and (2, None) in pairs and (None, 3) in pairs
