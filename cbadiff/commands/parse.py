"""``cbadiff parse FILE``: the outline of one agreement, or its model as JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cbadiff.commands.output import write_json
from cbadiff.errors import ExportError
from cbadiff.serialize import agreement_to_json
from parsers.read import read_agreement


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("parse", help="print an agreement's outline, or write it as JSON")
    p.add_argument("file", type=Path)
    p.add_argument("--json", metavar="OUT", help="write the model as JSON to OUT ('-' = stdout)")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    agreement = read_agreement(args.file, password=args.password)
    for notice in agreement.notices:
        print(f"note: {notice}", file=sys.stderr)
    if args.json:
        try:
            write_json(agreement_to_json(agreement), args.json)
        except OSError as exc:
            raise ExportError(
                f"{args.json}: cannot be written ({exc.strerror or exc}). "
                "Choose a folder you can write to, or '-' for standard output."
            ) from None
        if args.json == "-":
            return 0
    if not agreement.units:
        print(
            f"note: {Path(args.file).name}: no articles, appendices or letters were recognised; "
            "the whole text is front matter. Check that the headings read like "
            '"ARTICLE 12" or "12. Title".',
            file=sys.stderr,
        )
    for unit in agreement.units:
        label = f"{unit.kind.value} {unit.number or ''}".strip()
        page = unit.page_start if unit.page_start is not None else "-"
        print(f"{label:<18} {unit.title or '':<60.60} p.{page!s:<5} {unit.chars:>7} chars")
    return 0
