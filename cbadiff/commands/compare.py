"""``cbadiff compare OLD NEW``: the comparison as a plain-text summary and/or JSON.

Progress goes to stderr (silenced by ``--quiet``); the summary goes to stdout unless the JSON
goes there (``--json -``). Exit codes come from :mod:`cbadiff.cli`: 0 success, 2 bad usage, 3 an
input could not be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cbadiff.categorize import categorize_comparison, filter_comparison
from cbadiff.categorize.lexicon import Lexicon, load_lexicon, load_lexicon_lenient
from cbadiff.commands.output import write_json
from cbadiff.comparison_json import comparison_to_json, listed_changes
from cbadiff.errors import CbaDiffError
from cbadiff.export import (
    add_export_arguments,
    export_options_from_args,
    wants_export,
    write_exports,
)
from cbadiff.jobs import ProgressFn, no_progress
from cbadiff.model import CompareOptions, Comparison, Status
from cbadiff.pipeline import compare_files, unit_label
from parsers.errors import EncryptedDocument


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("compare", help="compare an expired (OLD) and a proposed (NEW) agreement")
    p.add_argument("old", type=Path, help="the expired agreement (PDF, DOCX or TXT)")
    p.add_argument("new", type=Path, help="the proposed agreement (PDF, DOCX or TXT)")
    p.add_argument(
        "--json", metavar="OUT", help="write the comparison as JSON to OUT ('-' = stdout)"
    )
    p.add_argument(
        "--show-cosmetic",
        action="store_true",
        help="also list changes that alter nothing a reader relies on (spacing, quotes, ...)",
    )
    p.add_argument("--password-old", metavar="PW", help="password of an encrypted OLD PDF")
    p.add_argument("--password-new", metavar="PW", help="password of an encrypted NEW PDF")
    p.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="ID",
        help="limit every output to changes in this issue category (repeatable, or "
        "comma-separated), e.g. rest_periods",
    )
    p.add_argument(
        "--categories",
        type=Path,
        metavar="FILE",
        help="a user lexicon file that adds categories and phrases (see docs/lexicon.md)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    add_export_arguments(p)
    p.set_defaults(run=run)


def _lexicon(user_file: Path | None) -> Lexicon:
    """The lexicon named by --categories (a broken file is an error there, exit 2), else the
    built-in one with the user's config file, which falls back to the built-in on error."""
    if user_file is not None:
        return load_lexicon(user_file)
    lexicon, warnings = load_lexicon_lenient()
    for warning in warnings:
        print(f"cbadiff: {warning}", file=sys.stderr)
    return lexicon


def _wanted_categories(lexicon: Lexicon, requested: list[str]) -> tuple[str, ...]:
    ids = tuple(
        dict.fromkeys(c.strip() for item in requested for c in item.split(",") if c.strip())
    )
    unknown = lexicon.unknown_ids(ids)
    if unknown:
        known = ", ".join(lexicon.ids)
        raise CbaDiffError(f"unknown category {', '.join(unknown)}; known categories: {known}")
    return ids


def _progress_printer() -> ProgressFn:
    last = [-1]

    def report(fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if percent != last[0]:
            last[0] = percent
            print(f"\r{percent:3d}% {message[:70]:<70}", end="", file=sys.stderr, flush=True)

    return report


def _check_target(target: str | None) -> None:
    """Refuse an output path that cannot be written before the comparison, not after it."""
    if not target or target == "-":
        return
    folder = Path(target).expanduser().resolve().parent
    if not folder.is_dir():
        raise CbaDiffError(
            f"{target}: the folder {folder} does not exist. Create it or choose another path."
        )
    if Path(target).is_dir():
        raise CbaDiffError(
            f"{target} is a folder. Give a file name, e.g. {target}/comparison.json."
        )


def run(args: argparse.Namespace) -> int:
    _check_target(args.json)
    lexicon = _lexicon(args.categories)
    wanted = _wanted_categories(lexicon, args.category)
    options = CompareOptions(show_cosmetic=args.show_cosmetic)
    show = not args.quiet and sys.stderr.isatty()
    progress = _progress_printer() if show else no_progress
    try:
        comparison = compare_files(
            args.old,
            args.new,
            options,
            password_old=args.password_old,
            password_new=args.password_new,
            progress=progress,
            categorizer=lambda c: categorize_comparison(c, lexicon),
        )
    except EncryptedDocument as exc:
        raise _with_compare_flag(exc, args) from None
    if wanted:
        comparison = filter_comparison(comparison, wanted)
    if show:
        print(file=sys.stderr)
    for agreement in (comparison.old, comparison.new):
        for notice in agreement.notices:
            print(f"note: {notice}", file=sys.stderr)
    if wants_export(args):
        names = {c.id: c.name for c in lexicon.categories}
        for path in write_exports(
            comparison,
            docx=args.docx,
            summary_docx=args.summary_docx,
            pdf=args.pdf,
            html=args.html,
            options=export_options_from_args(args, names),
        ):
            print(f"wrote {path}", file=sys.stderr)
    if args.json:
        try:
            write_json(comparison_to_json(comparison), args.json)
        except OSError as exc:
            raise CbaDiffError(
                f"{args.json}: cannot be written ({exc.strerror}). Check the folder's permissions"
                " and free space; any previous file there is unchanged."
            ) from None
        if args.json == "-":
            return 0
    sys.stdout.write(summary_text(comparison))
    return 0


def _with_compare_flag(exc: EncryptedDocument, args: argparse.Namespace) -> EncryptedDocument:
    """The reader's fix names ``--password``; compare takes one password per side."""
    flag = "--password-old" if exc.path == Path(args.old) else "--password-new"
    fix = exc.fix.replace("--password PASSWORD", f"{flag} PASSWORD").replace(
        "`--password`", f"`{flag}`"
    )
    return EncryptedDocument(exc.path, exc.problem, fix)


def _unit_words(unit: str | None) -> str:
    """How the summary names a unit the printed number does not already show."""
    if unit is None or unit in ("$", "%", "date", "time"):
        return ""
    if unit.startswith(("$/", "/")):
        return f" per {unit.split('/', 1)[1]}"
    return f" {unit}"


def summary_text(c: Comparison) -> str:
    """The plain-text summary: one line per alignment entry that is not unchanged, then counts."""
    lines = [
        f"{Path(c.old.source.path).name} ({len(c.old.units)} units) -> "
        f"{Path(c.new.source.path).name} ({len(c.new.units)} units)",
        "",
    ]
    counts = {s: 0 for s in Status}
    for pair in c.pairs:
        counts[pair.status] += 1
        olds = [c.old.unit(u) for u in pair.old]
        news = [c.new.unit(u) for u in pair.new]
        left = " + ".join(f"{unit_label(u)} {u.title or ''}".strip() for u in olds) or "-"
        right = " + ".join(f"{unit_label(u)} {u.title or ''}".strip() for u in news) or "-"
        changes = listed_changes(c, pair)
        flags = ",".join(f.value for f in pair.flags)
        if pair.status is Status.UNCHANGED and not pair.flags:
            continue
        what = f"{pair.status.value}"
        if flags:
            what += f" [{flags}]"
        if changes:
            what += f", {len(changes)} change{'s' if len(changes) != 1 else ''}"
        lines.append(f"{left:<45.45} -> {right:<45.45} {what}")
        for change in changes:
            for n in change.numbers:
                where = f" ({n.context})" if n.context else ""
                lines.append(f"    {n.old or '-'} -> {n.new or '-'}{_unit_words(n.unit)}{where}")
    lines.append("")
    lines.append(", ".join(f"{counts[s]} {s.value}" for s in Status))
    return "\n".join(lines) + "\n"
