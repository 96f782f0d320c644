"""Issue categories: quality on the labelled evaluation set, and speed on a large comparison.

Prints precision, recall and F1 per category and the macro-F1 of the built-in lexicon (or of the
lexicon with ``--categories FILE`` merged in) on tests/cbadiff/category_eval/, then times
``categorize_comparison`` on a synthetic comparison of ``--changes`` changes (default 2,000,
about a 200-page agreement) built from the evaluation texts: the target is well under a second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cbadiff.categorize import categorize_comparison, load_lexicon
from cbadiff.categorize.evaluation import Item, evaluate, load_items
from cbadiff.model import ArticlePair, BlockPair, Change, ChangeKind, Comparison, Status
from parsers.model import Agreement, Block, BlockKind, DocKind, SourceInfo, Unit, UnitKind

EVAL_DIR = Path(__file__).resolve().parents[1] / "tests" / "cbadiff" / "category_eval"


def synthetic(items: list[Item], changes: int) -> Comparison:
    """A comparison of ``changes`` changes over articles of 20 clauses, texts from ``items``."""
    units: list[Unit] = []
    pairs: list[ArticlePair] = []
    n = 0
    art = 0
    while n < changes:
        art += 1
        blocks: list[Block] = []
        chs: list[Change] = []
        for k in range(20):
            item = items[(art * 20 + k) % len(items)]
            body = item.clause or item.text
            clause = f"{body} This clause, numbered {art}.{k}, applies to every production."
            bid = f"a{art}-b{k}"
            blocks.append(
                Block(bid, BlockKind.CLAUSE, clause, art, f"{art}.{k}", item.heading or None)
            )
            chs.append(
                Change(
                    f"c{n}",
                    ChangeKind.REPLACE,
                    item.text,
                    item.text + " revised",
                    True,
                    art,
                    art,
                    old_block=bid,
                    new_block=bid,
                    old_context=clause,
                    new_context=clause + " revised",
                )
            )
            n += 1
            if n >= changes:
                break
        title = items[art % len(items)].title or f"Article {art}"
        units.append(
            Unit(f"a{art}", UnitKind.ARTICLE, str(art), title, title, art, art, tuple(blocks))
        )
        pairs.append(
            ArticlePair(
                f"p{art}",
                (f"a{art}",),
                (f"a{art}",),
                Status.MODIFIED,
                (),
                0.9,
                (BlockPair(None, None, ()),),
                tuple(chs),
            )
        )
    agreement = Agreement(SourceInfo("synthetic", DocKind.TXT, "0" * 64, None), tuple(units))
    return Comparison(agreement, agreement, tuple(pairs))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench_categories")
    parser.add_argument("--changes", type=int, default=2000)
    parser.add_argument("--categories", type=Path, default=None, help="a user lexicon file")
    args, _rest = parser.parse_known_args(argv)
    items = load_items(sorted(EVAL_DIR.glob("items_*.toml")))

    t0 = time.perf_counter()
    lexicon = load_lexicon(args.categories, use_user_config=False)
    _ = lexicon.matcher
    t_load = time.perf_counter() - t0
    report = evaluate(lexicon, items)
    print(f"evaluation set: {len(items)} items, {sum(len(i.expected) for i in items)} labels")
    print(report.table())
    low = [c.category for c in report.per_category if c.f1 < 0.6]
    print(f"categories under F1 0.6: {', '.join(low) or 'none'}")

    comparison = synthetic(items, args.changes)
    best_wall = best_cpu = float("inf")
    for _round in range(3):
        fresh = load_lexicon(args.categories, use_user_config=False)  # cold text cache
        _ = fresh.matcher
        w0, c0 = time.perf_counter(), time.process_time()
        out = categorize_comparison(comparison, fresh)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    labelled = sum(1 for _p, c in out.all_changes() if c.categories)
    print(f"lexicon load + compile: {t_load * 1000:.0f} ms")
    print(
        f"categorize {len(out.all_changes())} changes: {best_wall * 1000:.0f} ms wall, "
        f"{best_cpu * 1000:.0f} ms CPU (best of 3); {labelled} labelled"
    )


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
