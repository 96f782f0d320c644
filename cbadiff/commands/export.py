"""``cbadiff export PROJECT``: a project's comparison and annotations as DOCX, PDF or HTML.

The project is opened read-only, so exporting never takes the lock from a reviewer working in
the app. Its two agreements are found on disk (or taken from the copies the project embeds), the
comparison is run again, and each annotation is re-anchored to it; annotations whose change is
gone (orphans) are left out and counted on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from cbadiff.annotations import Annotation
from cbadiff.categorize import categorize_comparison
from cbadiff.categorize.lexicon import load_lexicon_lenient
from cbadiff.errors import CbaDiffError, ProjectError
from cbadiff.export import (
    add_export_arguments,
    export_options_from_args,
    wants_export,
    write_exports,
)
from cbadiff.pipeline import compare_files
from cbadiff.store.anchoring import reanchor
from cbadiff.store.project import SIDE_NAMES, Project


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export a project (comparison + annotations) as a DOCX redline, PDF or HTML",
    )
    p.add_argument("project", type=Path, help="a .cbadiff project file")
    p.add_argument("--old", type=Path, metavar="FILE",
                   help="the expired agreement, when the project cannot find it")
    p.add_argument("--new", type=Path, metavar="FILE",
                   help="the proposed draft, when the project cannot find it")
    add_export_arguments(p)
    p.set_defaults(run=run)


EXIT_PROJECT = 3  # the project file cannot be opened (same code as an unreadable input)


def _source(project: Project, side: str, given: Path | None, scratch: Path) -> Path:
    if given is not None:
        return given
    found = project.locate_source(side)
    if found is not None:
        return found
    if project.source_bytes(side) is not None:
        return project.extract_source(side, scratch / side)
    src = project.source(side)
    option = "--old" if side == "old" else "--new"
    raise ProjectError(
        f"{project.path}: cannot find the {SIDE_NAMES[side]} {src.path}; "
        f"pass it with {option} FILE, or open the project in CBA Diff and locate it"
    )


def _current(project: Project, annotations: list[Annotation]) -> list[Annotation]:
    """Annotations on the current draft (or on no draft in particular)."""
    draft = project.source("new").id
    return [a for a in annotations if a.draft in (None, draft)]


def run(args: argparse.Namespace) -> int:
    if not wants_export(args):
        raise CbaDiffError("nothing to export: give --docx, --summary-docx, --pdf or --html")
    lexicon, warnings = load_lexicon_lenient()
    for warning in warnings:
        print(f"cbadiff: {warning}", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        try:
            project = stack.enter_context(Project.open(args.project, read_only=True))
        except ProjectError as exc:  # an input that cannot be read: exit 3, as annotations
            print(f"cbadiff: {exc}", file=sys.stderr)
            return EXIT_PROJECT
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cbadiff-")))
        for side in ("old", "new"):
            (scratch / side).mkdir()
        old = _source(project, "old", args.old, scratch)
        new = _source(project, "new", args.new, scratch)
        comparison = compare_files(
            old, new, categorizer=lambda c: categorize_comparison(c, lexicon)
        )
        notes = _current(project, project.annotations())
        placed: list[Annotation] = []
        orphans = 0
        for annotation, anchor in reanchor(notes, comparison):
            if anchor is None:
                orphans += 1
            else:
                placed.append(replace(annotation, anchor=anchor, orphaned=False))
    if orphans:
        print(f"cbadiff: {orphans} orphaned annotation{'s' if orphans != 1 else ''} "
              "(their change is gone) left out", file=sys.stderr)
    options = export_options_from_args(args, {c.id: c.name for c in lexicon.categories})
    written = write_exports(
        comparison,
        docx=args.docx,
        summary_docx=args.summary_docx,
        pdf=args.pdf,
        html=args.html,
        options=options,
        annotations=placed,
    )
    for path in written:
        print(path)
    return 0
