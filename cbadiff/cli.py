"""The ``cbadiff`` command line: the same pipeline the GUI runs.

Each subcommand lives in its own module under :mod:`cbadiff.commands` and exposes
``add_parser(subparsers)``, which sets ``run`` on its parser. Exit codes: 0 success, 2 bad usage,
3 an input could not be read.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from cbadiff import __version__, commands
from cbadiff.errors import CbaDiffError, ReadError

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
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"cbadiff.commands.{info.name}")
        if hasattr(module, "add_parser"):  # helper modules (output) have none
            module.add_parser(sub)
    return parser


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
