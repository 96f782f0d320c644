"""``cbadiff annotations PROJECT``: every annotation in a project with its anchor, for scripts.

The project is opened read-only, so listing never takes the lock from a reviewer working in the
app, and works on a copy received by mail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cbadiff.annotations import Annotation
from cbadiff.commands.output import write_json
from cbadiff.errors import ProjectError
from cbadiff.store.project import SIDES, Project
from cbadiff.store.rows import anchor_to_json

EXIT_PROJECT = 3  # the project could not be opened (same code as an unreadable input)
FORMAT = "cbadiff.annotations"
FORMAT_VERSION = 1


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("annotations", help="list a project's annotations with their anchors")
    p.add_argument("project", type=Path, help="a .cbadiff project file")
    p.add_argument("--json", action="store_true", help="write JSON to stdout instead of plain text")
    p.set_defaults(run=run)


def annotation_to_json(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "status": a.status,
        "author": a.author,
        "created": a.created,
        "edited": a.edited,
        "comment": a.comment,
        "member_note": a.member_note,
        "orphaned": a.orphaned,
        "draft": a.draft,
        "anchor": anchor_to_json(a.anchor),
    }


def project_to_json(project: Project) -> dict[str, Any]:
    sources = {}
    for side in SIDES:
        src = project.source(side)
        sources[side] = {
            "path": src.path,
            "sha256": src.sha256,
            "embedded": src.embedded,
            "document": src.id,
        }
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "project": str(project.path),
        "schema": project.schema_version,
        "statuses": list(project.statuses),
        "sources": sources,
        "annotations": [annotation_to_json(a) for a in project.annotations()],
    }


def _quote(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return f'"{flat}"' if len(flat) <= limit else f'"{flat[: limit - 1]}…"'


def format_text(project: Project) -> str:
    items = project.annotations()
    orphans = sum(a.orphaned for a in items)
    lines = [
        f"{project.path}: {len(items)} annotation{'s' if len(items) != 1 else ''}"
        + (f", {orphans} orphaned" if orphans else "")
    ]
    for a in items:
        x = a.anchor
        where = x.heading or x.pair_id
        target = f"change {x.change_id}" if x.change_id else "whole article"
        flag = "  ORPHANED" if a.orphaned else ""
        lines.append("")
        lines.append(f"#{a.id} [{a.status}] {a.author}, edited {a.edited}{flag}")
        lines.append(f"  on: {where} ({x.pair_id}), {target}, #{x.ordinal}")
        if x.old_quote or x.new_quote:
            lines.append(f"  quote: {_quote(x.old_quote)} -> {_quote(x.new_quote)}")
        if a.comment:
            lines.append(f"  comment: {a.comment}")
        if a.member_note:
            lines.append(f"  member note: {a.member_note}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    try:
        with Project.open(args.project, read_only=True) as project:
            if args.json:
                write_json(project_to_json(project), "-")
            else:
                sys.stdout.write(format_text(project))
    except ProjectError as exc:
        print(f"cbadiff: {exc}", file=sys.stderr)
        return EXIT_PROJECT
    return 0
