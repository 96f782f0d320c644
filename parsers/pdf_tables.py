"""Tables on PDF pages, cut into cells from the word positions pypdfium2 gave for each row.

A wage table is a run of lines split into cells by wide gaps; its columns come from the row with
the most cells. pdfplumber's layout analysis would find the same columns, but it took 0.3-0.6 s
on each vector-heavy page of the real agreements, more than reading the whole document.

Calls no PDF library.
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.pdf_lines import Line, is_figure
from parsers.stream import Table
from parsers.structure import split_clause_label


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
