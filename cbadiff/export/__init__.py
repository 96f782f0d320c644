"""Exports: what leaves the app for members to read and lawyers to mark up.

Peers of the engine: this package reads ``cbadiff.model`` comparisons and
``cbadiff.annotations`` records and never imports ``parsers`` readers, the pipeline or the CLI.
python-docx is imported here for writing only; reportlab writes the PDF.

Entry points for the CLI and the GUI: :func:`write_exports`, :func:`add_export_arguments` and
:func:`export_options_from_args`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from cbadiff.annotations import Annotation
from cbadiff.errors import ExportError
from cbadiff.export.atomic import write_atomic
from cbadiff.export.docx_redline import write_docx_redline
from cbadiff.export.html import render_html, write_html
from cbadiff.export.member_docx import write_member_docx
from cbadiff.export.options import Audience, ExportOptions
from cbadiff.export.pdf import write_pdf_summary
from cbadiff.export.summary import ExportView, build_view
from cbadiff.model import Comparison

__all__ = [
    "Audience",
    "ExportOptions",
    "ExportView",
    "add_export_arguments",
    "build_view",
    "export_options_from_args",
    "render_html",
    "wants_export",
    "write_exports",
]


def write_exports(
    comparison: Comparison,
    *,
    docx: Path | None = None,
    pdf: Path | None = None,
    html: Path | None = None,
    summary_docx: Path | None = None,
    options: ExportOptions = ExportOptions(),  # noqa: B008 (frozen, safe as a default)
    annotations: Sequence[Annotation] = (),
) -> list[Path]:
    """Write each requested export and return the paths written, in the order given.

    ``docx`` is the tracked-changes redline; ``summary_docx`` and ``pdf`` the member summary;
    ``html`` the self-contained page. Each file is written to a temporary name and moved into
    place, so a failure leaves any earlier file at the target untouched.

    Raises:
        ExportError: a target cannot be written, or two exports name the same file.
    """
    jobs: list[tuple[Path, Callable[[Path], object]]] = []
    view = build_view(comparison, options, annotations)
    if docx is not None:
        jobs.append((Path(docx), lambda tmp: write_docx_redline(view, tmp, annotations)))
    if summary_docx is not None:
        jobs.append((Path(summary_docx), lambda tmp: write_member_docx(view, tmp)))
    if pdf is not None:
        jobs.append((Path(pdf), lambda tmp: write_pdf_summary(view, tmp)))
    if html is not None:
        jobs.append((Path(html), lambda tmp: write_html(view, tmp)))
    targets = [t.resolve() for t, _ in jobs]
    if len(set(targets)) != len(targets):
        raise ExportError("two exports would write the same file; give each a different name")
    written = []
    for target, job in jobs:
        write_atomic(target, lambda tmp, job=job: _run(job, tmp))  # type: ignore[misc]
        written.append(target)
    return written


def _run(job: Callable[[Path], object], tmp: Path) -> None:
    job(tmp)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the export options (--docx, --pdf, --html, --summary-docx, --audience, --status,
    --include-comments) to ``parser``; a --category option is added unless one exists."""
    group = parser.add_argument_group("exports")
    group.add_argument(
        "--docx", type=Path, metavar="FILE", help="write a DOCX redline with Word tracked changes"
    )
    group.add_argument(
        "--summary-docx", type=Path, metavar="FILE", help="write the member summary as DOCX"
    )
    group.add_argument("--pdf", type=Path, metavar="FILE", help="write the member summary as PDF")
    group.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="write one self-contained HTML file (summary, inline, side by side)",
    )
    group.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        default=Audience.MEMBERS.value,
        help="members (default): substantive changes and member notes only; "
        "internal: everything, annotations as Word comments",
    )
    group.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="STATUS",
        help="only changes with this annotation status (repeatable; "
        "unannotated changes are 'open')",
    )
    if not any("--category" in a.option_strings for a in parser._actions):
        group.add_argument(
            "--category",
            action="append",
            default=[],
            metavar="ID",
            dest="export_categories",
            help="only changes in this category (repeatable)",
        )
    group.add_argument(
        "--include-comments",
        action="store_true",
        help="put internal comments in a member export too",
    )
    group.add_argument(
        "--author", default=None, help="author name on tracked changes (default: CBA Diff)"
    )


def export_options_from_args(
    args: argparse.Namespace, category_names: Mapping[str, str] | None = None
) -> ExportOptions:
    """The ``ExportOptions`` the parsed export arguments describe.

    ``category_names`` (lexicon id -> display name) comes from the caller, because this package
    does not import the categorizer (peers exchange model types only).
    """
    # compare may already own a --category option (dest "category" or "categories")
    categories: object = ()
    for name in ("export_categories", "categories", "category"):
        if getattr(args, name, None):
            categories = getattr(args, name)
            break
    if isinstance(categories, str):
        categories = [c for c in categories.split(",") if c]
    if not isinstance(categories, list | tuple):
        categories = ()
    return ExportOptions(
        audience=Audience(getattr(args, "audience", Audience.MEMBERS.value)),
        categories=tuple(categories),
        statuses=tuple(getattr(args, "status", ()) or ()),
        include_comments=True if getattr(args, "include_comments", False) else None,
        author=getattr(args, "author", None) or ExportOptions().author,
        category_names=dict(category_names or {}),
    )


def wants_export(args: argparse.Namespace) -> bool:
    """Whether any export file was asked for."""
    return any(getattr(args, name, None) for name in ("docx", "summary_docx", "pdf", "html"))
