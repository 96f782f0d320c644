"""Comparisons built by hand, for testing models and views without reading files."""

from __future__ import annotations

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


def _unit(uid: str, number: str, title: str, blocks: tuple[Block, ...], page: int) -> Unit:
    return Unit(
        uid, UnitKind.ARTICLE, number, title, f"ARTICLE {number} {title}", page, page, blocks
    )


def _block(bid: str, label: str, text: str, page: int) -> Block:
    return Block(bid, BlockKind.CLAUSE, text, page, label=label)


def make_comparison() -> Comparison:
    """Four pairs: unchanged, modified (a raise and a cosmetic edit), added, deleted+renumbered."""
    o1 = _block("o1", "1.1", "The Union is recognised.", 1)
    o2 = _block("o2", "2.1", "A meal penalty of $7.50 shall be paid.", 2)
    o3 = _block("o3", "2.2", 'The "Employer" pays.', 2)
    o4 = _block("o4", "3.1", "Uniforms are provided.", 3)
    n1 = _block("n1", "1.1", "The Union is recognised.", 1)
    n2 = _block("n2", "2.1", "A meal penalty of $10.00 shall be paid.", 2)
    n3 = _block("n3", "2.2", "The \u201cEmployer\u201d pays.", 2)
    n4 = _block("n4", "3.1", "Employees may work remotely.", 3)
    old = Agreement(
        SourceInfo("old.txt", DocKind.TXT, "0" * 64, 3),
        (
            _unit("article-1", "1", "RECOGNITION", (o1,), 1),
            _unit("article-2", "2", "MEAL PERIODS", (o2, o3), 2),
            _unit("article-3", "3", "UNIFORMS", (o4,), 3),
        ),
    )
    new = Agreement(
        SourceInfo("new.txt", DocKind.TXT, "1" * 64, 3),
        (
            _unit("article-1", "1", "RECOGNITION", (n1,), 1),
            _unit("article-2", "2", "MEAL PERIODS", (n2, n3), 2),
            _unit("article-4", "4", "REMOTE WORK", (n4,), 3),
        ),
    )
    raise_ = Change(
        "p2/c1",
        ChangeKind.REPLACE,
        "$7.50",
        "$10.00",
        True,
        2,
        2,
        numbers=(NumberChange("$7.50", "$10.00", "$"),),
        categories=("meal_periods", "wages"),
        why={"meal_periods": ("meal penalty",)},
        block_index=0,
    )
    quotes = Change(
        "p2/c2",
        ChangeKind.REPLACE,
        '"Employer"',
        "\u201cEmployer\u201d",
        False,
        2,
        2,
        block_index=1,
        reason="quotes and dashes",
    )
    added = Change(
        "p4/c1",
        ChangeKind.INSERT,
        "",
        n4.text,
        True,
        None,
        3,
        categories=("remote_work",),
        block_index=0,
    )
    deleted = Change(
        "p3/c1",
        ChangeKind.DELETE,
        o4.text,
        "",
        True,
        3,
        None,
        categories=("uniforms",),
        block_index=0,
    )
    pairs = (
        ArticlePair(
            "p1",
            ("article-1",),
            ("article-1",),
            Status.UNCHANGED,
            (),
            1.0,
            blocks=(BlockPair(o1, n1, (WordOp(OpTag.EQUAL, o1.text),)),),
        ),
        ArticlePair(
            "p2",
            ("article-2",),
            ("article-2",),
            Status.MODIFIED,
            (),
            0.9,
            blocks=(
                BlockPair(
                    o2,
                    n2,
                    (
                        WordOp(OpTag.EQUAL, "A meal penalty of "),
                        WordOp(OpTag.DELETE, "$7.50", "p2/c1"),
                        WordOp(OpTag.INSERT, "$10.00", "p2/c1"),
                        WordOp(OpTag.EQUAL, " shall be paid."),
                    ),
                ),
                BlockPair(
                    o3,
                    n3,
                    (
                        WordOp(OpTag.EQUAL, "The "),
                        WordOp(OpTag.DELETE, '"Employer"', "p2/c2"),
                        WordOp(OpTag.INSERT, "\u201cEmployer\u201d", "p2/c2"),
                        WordOp(OpTag.EQUAL, " pays."),
                    ),
                ),
            ),
            changes=(raise_, quotes),
            categories=("meal_periods", "wages"),
        ),
        ArticlePair(
            "p4",
            (),
            ("article-4",),
            Status.ADDED,
            (),
            0.0,
            blocks=(BlockPair(None, n4, (WordOp(OpTag.INSERT, n4.text, "p4/c1"),)),),
            changes=(added,),
            categories=("remote_work",),
        ),
        ArticlePair(
            "p3",
            ("article-3",),
            (),
            Status.DELETED,
            (Flag.MOVED,),
            0.0,
            blocks=(BlockPair(o4, None, (WordOp(OpTag.DELETE, o4.text, "p3/c1"),)),),
            changes=(deleted,),
            categories=("uniforms",),
        ),
    )
    return Comparison(old, new, pairs)


def make_long_pair(blocks: int = 400) -> Comparison:
    """One modified article of ``blocks`` clauses, each with one replaced amount."""
    olds, news, bps, changes = [], [], [], []
    for k in range(blocks):
        text = f"Clause {k} sets the rate for classification {k} in every production. " * 4
        ob = _block(f"o{k}", f"{k}.1", text + f"The rate is ${k}.50.", 1 + k // 20)
        nb = _block(f"n{k}", f"{k}.1", text + f"The rate is ${k + 1}.00.", 1 + k // 20)
        cid = f"p/c{k}"
        olds.append(ob)
        news.append(nb)
        bps.append(
            BlockPair(
                ob,
                nb,
                (
                    WordOp(OpTag.EQUAL, text + "The rate is "),
                    WordOp(OpTag.DELETE, f"${k}.50", cid),
                    WordOp(OpTag.INSERT, f"${k + 1}.00", cid),
                    WordOp(OpTag.EQUAL, "."),
                ),
            )
        )
        changes.append(
            Change(
                cid,
                ChangeKind.REPLACE,
                f"${k}.50",
                f"${k + 1}.00",
                True,
                ob.page,
                nb.page,
                block_index=k,
                categories=("wages",),
            )
        )
    old = Agreement(
        SourceInfo("old.txt", DocKind.TXT, "0" * 64, 20),
        (_unit("article-1", "1", "WAGE SCALES", tuple(olds), 1),),
    )
    new = Agreement(
        SourceInfo("new.txt", DocKind.TXT, "1" * 64, 20),
        (_unit("article-1", "1", "WAGE SCALES", tuple(news), 1),),
    )
    pair = ArticlePair(
        "p",
        ("article-1",),
        ("article-1",),
        Status.MODIFIED,
        (),
        0.9,
        blocks=tuple(bps),
        changes=tuple(changes),
        categories=("wages",),
    )
    return Comparison(old, new, (pair,))
