"""The ``cbadiff`` command line: the same pipeline the GUI runs.

Exit codes: 0 success, 2 bad usage (argparse), 3 an input could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cbadiff import __version__
from cbadiff.errors import CbaDiffError, ReadError
from cbadiff.serialize import agreement_to_json
from parsers.read import read_agreement

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cbadiff",
        description="Compare collective bargaining agreements (offline).",
    )
    parser.add_argument("--version", action="version", version=f"cbadiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="print an agreement's outline, or write it as JSON")
    p.add_argument("file", type=Path)
    p.add_argument("--json", metavar="OUT", help="write the model as JSON to OUT ('-' = stdout)")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.set_defaults(run=_run_parse)
    return parser


def write_json(data: Any, target: str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if target == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(target).write_text(text + "\n", encoding="utf-8")


def _run_parse(args: argparse.Namespace) -> int:
    agreement = read_agreement(args.file, password=args.password)
    if args.json:
        write_json(agreement_to_json(agreement), args.json)
        if args.json == "-":
            return EXIT_OK
    for notice in agreement.notices:
        print(f"note: {notice}", file=sys.stderr)
    for unit in agreement.units:
        number = unit.number or ""
        label = f"{unit.kind.value} {number}".strip()
        page = unit.page_start if unit.page_start is not None else "-"
        print(f"{label:<18} {unit.title or '':<60.60} p.{page:<5} {unit.chars:>7} chars")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except ReadError as exc:
        print(f"cbadiff: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except CbaDiffError as exc:
        print(f"cbadiff: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
