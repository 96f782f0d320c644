"""Build agreements for comparison tests directly as model objects, or as TXT files.

``article("12", "Hours", "text", ("12.1", "text"))`` describes a unit; ``agreement(...)`` turns
unit specs into an :class:`~parsers.model.Agreement` with ids formed as the readers form them.
``filler(seed)`` makes distinct, deterministic clause text, so unrelated articles do not look
alike to the aligner. ``render_txt`` writes the same specs as a plain-text agreement that
:func:`parsers.read.read_agreement` can read.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from pathlib import Path

from parsers.model import Agreement, Block, BlockKind, DocKind, SourceInfo, Unit, UnitKind
from parsers.numbering import normalise_label

_TEXT = (
    "employee employer union shall may grievance arbitration seniority overtime shift schedule "
    "notice days hours wage rate premium holiday vacation leave sick benefits health pension "
    "contribution steward department classification probation discipline discharge cause layoff "
    "recall posting vacancy transfer promotion training safety equipment uniform travel mileage "
    "meal rest period call back standby on-call differential night weekend pay period payroll "
    "deduction dues committee meeting representative management rights agreement term renewal "
    "bargaining unit position temporary part-time full-time regular emergency written request "
    "approval supervisor manager within following prior each any all such provided that except "
    "where when under the of and to in for by with on at as from be is are not no"
)
_WORDS = tuple(_TEXT.split())

Para = str | tuple[str, str]  # text, or (label, text)


@dataclass(frozen=True)
class UnitSpec:
    number: str | None
    title: str | None
    paras: tuple[Para, ...]
    kind: UnitKind = UnitKind.ARTICLE
    page: int = 1
    tables: tuple[tuple[int, tuple[tuple[str, ...], ...]], ...] = field(default=())


def filler(seed: int, words: int = 40) -> str:
    """Deterministic clause-like text; different seeds give unrelated sentences."""
    rng = random.Random(seed)
    out = [rng.choice(_WORDS) for _ in range(words)]
    out[0] = out[0].capitalize()
    return " ".join(out) + "."


def article(
    number: str | None,
    title: str | None,
    *paras: Para,
    kind: UnitKind = UnitKind.ARTICLE,
    page: int = 1,
) -> UnitSpec:
    return UnitSpec(number, title, tuple(paras), kind, page)


def with_table(spec: UnitSpec, rows: list[list[str]], at: int | None = None) -> UnitSpec:
    """Add a table block after paragraph ``at`` (default: at the end)."""
    pos = len(spec.paras) if at is None else at
    return replace(spec, tables=(*spec.tables, (pos, tuple(tuple(r) for r in rows))))


def _unit_id(spec: UnitSpec, ordinal: int) -> str:
    if spec.number is None:
        return f"{spec.kind.value}-n{ordinal}"
    numeric = spec.kind is UnitKind.ARTICLE
    return f"{spec.kind.value}-{normalise_label(spec.number, numeric=numeric)}"


def _level(label: str) -> int:
    return label.count(".") + 1 if label[:1].isdigit() else 2


def agreement(
    *specs: UnitSpec, path: str = "agreement.txt", kind: DocKind = DocKind.TXT
) -> Agreement:
    units: list[Unit] = []
    ordinals: dict[UnitKind, int] = {}
    seen: dict[str, int] = {}
    for spec in specs:
        ordinals[spec.kind] = ordinals.get(spec.kind, 0) + 1
        uid = _unit_id(spec, ordinals[spec.kind])
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:  # as the readers do: a repeated number gets "~2", "~3"
            uid = f"{uid}~{seen[uid]}"
        blocks: list[Block] = []
        tables = dict(spec.tables)
        for i, para in enumerate((*spec.paras, None)):
            if i in tables:
                rows = tables[i]
                blocks.append(
                    Block(
                        f"{uid}/b{len(blocks)}",
                        BlockKind.TABLE,
                        "\n".join(" | ".join(r) for r in rows),
                        spec.page,
                        rows=rows,
                    )
                )
            if para is None:
                continue
            if isinstance(para, tuple):
                label, text = para
                blocks.append(
                    Block(
                        f"{uid}/b{len(blocks)}",
                        BlockKind.CLAUSE,
                        text,
                        spec.page,
                        label=label,
                        level=_level(label),
                    )
                )
            else:
                blocks.append(Block(f"{uid}/b{len(blocks)}", BlockKind.PARAGRAPH, para, spec.page))
        word = spec.kind.value.upper()
        heading = f"{word} {spec.number or ''} - {spec.title or ''}".strip(" -")
        units.append(
            Unit(
                uid,
                spec.kind,
                spec.number,
                spec.title,
                heading,
                spec.page,
                spec.page,
                tuple(blocks),
            )
        )
    pages = max((s.page for s in specs), default=1)
    return Agreement(SourceInfo(path, kind, "0" * 64, pages), tuple(units))


def render_txt(path: Path, *specs: UnitSpec) -> Path:
    """Write ``specs`` as a plain-text agreement (blank lines between paragraphs)."""
    lines: list[str] = []
    for spec in specs:
        word = {UnitKind.ARTICLE: "ARTICLE"}.get(spec.kind, spec.kind.value.upper())
        lines.append(
            f"{word} {spec.number} - {spec.title}" if spec.title else f"{word} {spec.number}"
        )
        lines.append("")
        for para in spec.paras:
            lines.append(f"{para[0]} {para[1]}" if isinstance(para, tuple) else para)
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def standard_articles(count: int = 8, *, words: int = 45) -> list[UnitSpec]:
    """``count`` unrelated articles numbered 1..count with two or three clauses each."""
    titles = [
        "Recognition", "Management Rights", "Union Security", "Hours of Work", "Overtime",
        "Wages", "Holidays", "Vacations", "Sick Leave", "Seniority", "Grievance Procedure",
        "Discipline", "Health and Welfare", "Pension", "Safety", "Training", "Travel",
        "Uniforms", "Layoff and Recall", "Term of Agreement",
    ]  # fmt: skip
    out = []
    for n in range(1, count + 1):
        clauses = [(f"{n}.{k}", filler(n * 100 + k, words)) for k in range(1, 2 + n % 2 + 1)]
        out.append(article(str(n), titles[(n - 1) % len(titles)], *clauses))
    return out


def renumbered(spec: UnitSpec, number: str) -> UnitSpec:
    """The same article under a new number, its clause labels ("4.1") renumbered to match."""
    prefix = f"{spec.number}."
    paras: list[Para] = []
    for para in spec.paras:
        if isinstance(para, tuple) and para[0].startswith(prefix):
            paras.append((f"{number}." + para[0][len(prefix) :], para[1]))
        else:
            paras.append(para)
    return replace(spec, number=number, paras=tuple(paras))
