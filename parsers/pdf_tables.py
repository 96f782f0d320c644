"""Tables on PDF pages, cut into cells from the word positions pypdfium2 gave for each row.

A wage table is a run of lines split into cells by wide gaps; its columns come from the row with
the most cells. pdfplumber's layout analysis would find the same columns, but it took 0.3-0.6 s
on each vector-heavy page of the real agreements, more than reading the whole document.

Calls no PDF library.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from parsers.pdf_lines import Line, is_figure
from parsers.stream import Table
from parsers.structure import split_clause_label

_CELL_MAX_CHARS = 60  # a line longer than this is prose, never one cell of a table
_SAME_ROW = 2.5  # points between baselines of cells in one row


def rows_from_columns(lines: Sequence[Line]) -> list[Line]:
    """Put back into rows a table whose text the PDF stores column by column.

    Some producers write a wage table one column at a time (all job titles, then all weekly
    rates, then all hourly rates), so pdfium's lines are single cells in column order and the
    page reads as a list of lone numbers. Such a stretch shows itself by climbing back up the
    page: in a run of short lines, the baseline jumps upward again and again. The run's lines are
    regrouped by baseline, left to right, into one row line each, whose cells are the pieces, so
    :func:`find_tables` sees rows again. Text in reading order never climbs back up, so it is
    left as it is.
    """
    out: list[Line] = []
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and len(lines[end].text) <= _CELL_MAX_CHARS:
            end += 1
        if end == k:
            out.append(lines[k])
            k += 1
            continue
        run = lines[k:end]
        out.extend(_regroup(run) if _column_ordered(run) else run)
        k = end
    return out


def _column_ordered(run: Sequence[Line]) -> bool:
    climbs = sum(1 for a, b in itertools.pairwise(run) if b.y > a.y + _SAME_ROW)
    figures = sum(1 for ln in run if is_figure(ln.text.strip()))
    if climbs < 2 or figures < 4:
        return False  # two-column prose climbs once per column and holds few bare figures
    return figures >= 0.25 * len(run) or climbs >= 0.1 * len(run)


def _regroup(run: Sequence[Line]) -> list[Line]:
    rows: list[list[Line]] = []
    for line in sorted(run, key=lambda ln: -ln.y):
        if rows and rows[-1][0].y - line.y <= _SAME_ROW:
            rows[-1].append(line)
        else:
            rows.append([line])
    out: list[Line] = []
    for row in rows:
        if len(row) == 1:
            out.append(row[0])
            continue
        row.sort(key=lambda ln: ln.x0)
        cells = tuple(c for ln in row for c in (ln.cells or ((ln.x0, ln.x1, ln.text),)))
        first = row[0]
        out.append(
            replace(
                first,
                text=" ".join(ln.text for ln in row),
                x1=max(ln.x1 for ln in row),
                size=max(ln.size for ln in row),
                bold=any(ln.bold for ln in row),
                footnote_refs=tuple(r for ln in row for r in ln.footnote_refs),
                cells=cells,
            )
        )
    return out


def find_tables(lines: Sequence[Line], page: int) -> list[tuple[int, int, Table | list[str]]]:
    """Runs of lines that are table rows: (first index, end index, the table).

    A run is two or more consecutive lines split into two or more cells by wide gaps, at least
    one of them holding two or more figures, or three or more rows of words in aligned columns.
    Columns come from the row with the most cells; each cell of another row joins the column it
    overlaps most. Words in columns without a heading row (a signatory list printed row by row)
    come back as the list of their cells read column by column.
    """
    found: list[tuple[int, int, Table | list[str]]] = []
    k = 0
    while k < len(lines):
        if len(lines[k].cells) < 2:
            k += 1
            continue
        end = k
        while end < len(lines):
            if len(lines[end].cells) >= 2 or _orphan_cell(lines, end):
                end += 1
            else:
                break
        while end > k and len(lines[end - 1].cells) < 2:
            end -= 1  # a run ends on a row, not on a wrapped cell
        run = lines[k:end]
        if _is_table(run):
            table = _grid(run, page)
            if table is not None and _is_column_list(run, table):
                found.append((k, end, [c for col in zip(*table.rows, strict=True) for c in col if c]))
            elif table is not None:
                found.append((k, end, table))
        k = max(end, k + 1)
    return found


def _is_table(run: Sequence[Line]) -> bool:
    """Two or more rows with figures in two cells, or three or more rows of words whose cells
    line up in the same number of columns (a list of names and places); not a contents list."""
    rows = [ln for ln in run if len(ln.cells) >= 2]
    if len(rows) < 2:
        return False
    figures = [sum(1 for c in ln.cells if is_figure(c[2].split()[-1])) for ln in rows]
    if max(figures) >= 2:
        return True
    if len(rows) < 3:
        return False
    for ln in rows:
        if any(len(c[2]) > 48 for c in ln.cells) or split_clause_label(ln.cells[0][2] + " x")[0]:
            return False  # prose, or a clause number set off by a tab: not a table of words
    width = max(len(ln.cells) for ln in rows)
    aligned = sum(1 for ln in rows if len(ln.cells) == width)
    page_numbers = sum(1 for ln in rows if ln.cells[-1][2].isdigit())
    return aligned >= 0.8 * len(rows) and page_numbers < 0.8 * len(rows)


def _is_column_list(run: Sequence[Line], table: Table) -> bool:
    """Names set in columns: no figures and no heading row set off in bold."""
    if run[0].bold or any(is_figure(c.split()[-1]) for row in table.rows for c in row if c):
        return False
    return all(not ln.bold for ln in run)


def _orphan_cell(lines: Sequence[Line], k: int) -> bool:
    """A short line between table rows: a cell's text wrapped onto its own line."""
    line = lines[k]
    if len(line.cells) >= 2 or len(line.text) > 40:
        return False
    return any(len(ln.cells) >= 2 for ln in lines[k + 1 : k + 3])


def _grid(run: Sequence[Line], page: int) -> Table | None:
    template = max(run, key=lambda ln: len(ln.cells)).cells
    rows: list[list[str]] = []
    row_y: list[float] = []
    orphans: list[Line] = []
    for line in run:
        if len(line.cells) < 2:
            orphans.append(line)
            continue
        row = [""] * len(template)
        for x0, x1, text in line.cells:
            row[_column(template, x0, x1)] += f" {text}"
        rows.append([c.strip() for c in row])
        row_y.append(line.y)
    for line in orphans:  # wrapped cell text joins the nearest row, above or below it
        r = min(range(len(rows)), key=lambda j: abs(row_y[j] - line.y))
        col = _column(template, line.x0, line.x1)
        text = line.text.strip()
        cell = rows[r][col]
        rows[r][col] = f"{text} {cell}".strip() if line.y > row_y[r] else f"{cell} {text}".strip()
    return table_item([tuple(r) for r in rows], page)


def _column(template: Sequence[tuple[float, float, str]], x0: float, x1: float) -> int:
    overlaps = [min(x1, t1) - max(x0, t0) for t0, t1, _ in template]
    best = max(range(len(template)), key=lambda j: overlaps[j])
    if overlaps[best] <= 0:
        mid = (x0 + x1) / 2
        best = min(range(len(template)), key=lambda j: abs(mid - template[j][1]))
    return best


def table_item(rows: Sequence[Sequence[str | None]], page: int) -> Table | None:
    """A :class:`Table` from extracted rows, dropping empty rows and columns; None when trivial."""
    clean = [tuple(" ".join((c or "").split()) for c in row) for row in rows]
    clean = [r for r in clean if any(r)]
    if len(clean) < 2:
        return None
    ncols = max(len(r) for r in clean)
    clean = [r + ("",) * (ncols - len(r)) for r in clean]
    keep = [j for j in range(ncols) if any(r[j] for r in clean)]
    if len(keep) < 2:
        return None
    return Table(tuple(tuple(r[j] for j in keep) for r in clean), page)
