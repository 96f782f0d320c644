"""The HTML export: one self-contained file with the summary, an inline and a side-by-side view.

Inline CSS, no scripts at all (the views fold with ``<details>``), so it opens from an e-mail
attachment on a phone and never fetches anything. Below 700 px the summary table turns into one
card per change, the side-by-side view into one column with each half labelled, and a table
inside an article scrolls sideways inside its own box; the page itself never scrolls sideways. Deletions are ``<del>`` (struck through) and
insertions ``<ins>`` (underlined): meaning survives without colour and in screen readers. Each
change's first mark carries ``id="chg-<change id>"`` so the table links to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as _escape
from pathlib import Path

from cbadiff.export.redline import (
    DELETE,
    INSERT,
    Gap,
    Para,
    Run,
    display_runs,
    excerpt,
    move_note,
    pair_paras,
    side_para,
    table_grid,
)
from cbadiff.export.summary import (
    NO_ARTICLES,
    ExportView,
    PairView,
    category_counts,
    cover_intro,
    cover_lines,
    readable,
    row_cells,
    table_columns,
    table_rows,
)
from cbadiff.model import OpTag


def escape(text: str) -> str:
    """HTML-escaped ``text`` with symbol-font characters a phone cannot draw made readable."""
    return _escape(readable(text))

CSS = """
:root { --del: #b00020; --ins: #003da5; --line: #c8ccd4; --muted: #555; --head: #1f3864;
        color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1a1a1a; background: #fff;
       overflow-wrap: break-word; }
h1 { font-size: 1.7rem; margin: .2rem 0 .6rem; color: var(--head); }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; color: var(--head); }
nav.jump { margin: 0 0 1rem; padding: .5rem .7rem; background: #eef1f7; border-radius: 6px; }
nav.jump a { display: inline-block; margin: .1rem .9rem .1rem 0; font-weight: 600; }
dl.cover { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.cover dt { font-weight: 600; } dl.cover dd { margin: 0; }
del { color: var(--del); text-decoration: line-through; text-decoration-thickness: 1px; }
ins { color: var(--ins); text-decoration: underline; text-decoration-thickness: 1px; }
a { color: var(--head); text-decoration-style: dotted; text-underline-offset: 2px; }
.table-wrap, .tbl { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.glance { max-width: 40rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top;
         text-align: left; }
th { background: #e4e9f2; }
table.changes { table-layout: fixed; }
table.changes td.rep .art { display: none; }
td .go { white-space: nowrap; font-size: .85rem; }
table.grid { width: auto; font-size: .85rem; margin: 0 0 .6rem; }
table.grid td { min-width: 4.5rem; padding: .2rem .4rem; }
.note { background: #f3f3f3; border-left: 4px solid #8a8a8a; padding: .4rem .7rem;
        margin: .4rem 0; }
.gap, .moved, .none { color: var(--muted); font-style: italic; }
details { margin: .4rem 0; }
summary { cursor: pointer; color: var(--head); font-weight: 600; padding: .2rem 0; }
.sbs { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .2rem 1rem; }
.sbs .head { font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--line); }
.sbs .span { grid-column: 1 / -1; }
.sbs p { margin: 0 0 .5rem; white-space: pre-wrap; }
.sbs .lbl { display: none; }
p.blk { margin: 0 0 .6rem; white-space: pre-wrap; }
p.top { margin: .6rem 0 0; font-size: .85rem; }
@media (max-width: 700px) {
  body { font-size: 16px; padding: .7rem; }
  h1 { font-size: 1.5rem; }
  dl.cover { grid-template-columns: 1fr; gap: 0; }
  dl.cover dd { margin: 0 0 .4rem; }
  table.changes, table.changes tbody, table.changes tr, table.changes td { display: block;
    width: auto; }
  table.changes colgroup, table.changes thead { display: none; }
  table.changes tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .7rem;
    padding: .4rem .6rem; }
  table.changes td { border: none; padding: .15rem 0; }
  table.changes td::before { content: attr(data-label); display: block; font-size: .8rem;
    font-weight: 600; color: var(--muted); }
  table.changes td.art-cell { font-weight: 600; color: var(--head); }
  table.changes td.art-cell::before { content: none; }
  table.changes td.rep .art { display: inline; }
  table.changes td.empty { display: none; }
  .sbs { grid-template-columns: minmax(0, 1fr); }
  .sbs .head, .sbs .dup, .sbs .none { display: none; }
  .sbs .lbl { display: block; font-size: .8rem; font-weight: 600; color: var(--muted); }
  .sbs .old, .sbs .new { padding-left: .5rem; }
  .sbs .old { border-left: 3px double var(--del); }
  .sbs .new { border-left: 3px solid var(--ins); margin-bottom: .6rem; }
  .sbs .same { border-left: 3px solid var(--line); margin-bottom: .6rem; }
}
@media print {
  nav.jump, p.top, td .go, details > summary { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""


class _Builder:
    def __init__(self, view: ExportView) -> None:
        self.view = view
        self.anchored: set[str] = set()
        self.out: list[str] = []

    def mark(self, tag: str, text: str, change_id: str | None, *, anchor: bool) -> str:
        attrs = f' data-change="{escape(change_id)}"' if change_id else ""
        if anchor and change_id and change_id not in self.anchored:
            self.anchored.add(change_id)
            attrs += f' id="chg-{escape(change_id)}"'
        return f"<{tag}{attrs}>{escape(text)}</{tag}>"

    def runs(self, runs: Sequence[Run], *, anchor: bool) -> str:
        parts = []
        for run in runs:
            if run.tag is DELETE:
                parts.append(self.mark("del", run.text, run.change_id, anchor=anchor))
            elif run.tag is INSERT:
                parts.append(self.mark("ins", run.text, run.change_id, anchor=anchor))
            else:
                parts.append(escape(run.text))
        return "".join(parts)

    def grid(self, para: Para, *, anchor: bool) -> str:
        """A table block as a table that scrolls sideways inside its box on a narrow screen."""
        rows = table_grid(para)
        width = max((len(r) for r in rows), default=0)
        out = ['<div class="tbl"><table class="grid"><tbody>']
        for row in rows:
            cells = [self.runs(cell, anchor=anchor) for cell in row]
            cells += [""] * (width - len(cells))
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)

    def moved(self, para: Para) -> str:
        note = move_note(para)
        if not note:
            return ""
        anchor = ""
        if para.move_id and para.move_id not in self.anchored:
            self.anchored.add(para.move_id)
            anchor = f' id="chg-{escape(para.move_id)}"'
        return f'<span class="moved"{anchor}>{escape(note)}</span>'

    def inline(self, para: Para) -> str:
        tag = self.moved(para)
        if para.table:
            return (f'<p class="blk">{tag}</p>' if tag else "") + self.grid(para, anchor=True)
        return f'<p class="blk">{tag}{self.runs(display_runs(para), anchor=True)}</p>'

    def side(self, para: Para, tag: OpTag) -> str:
        one = side_para(para, tag)
        note = move_note(para)
        moved = f'<span class="moved">{escape(note)}</span>' if note else ""
        if para.table:
            return (f"<p>{moved}</p>" if moved else "") + self.grid(one, anchor=False)
        return f"<p>{moved}{self.runs(one.runs, anchor=False)}</p>"

    def cover(self) -> None:
        view = self.view
        title = "Summary of changes" if not view.options.internal else "Changes (internal)"
        self.out.append(f'<header id="top"><h1>{escape(title)}</h1>')
        self.out.append(
            '<nav class="jump" aria-label="Sections">'
            '<a href="#glance">At a glance</a><a href="#summary">Changes by category</a>'
            '<a href="#articles">Changed articles</a></nav><dl class="cover">'
        )
        for label, text in cover_lines(view):
            self.out.append(f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>")
        self.out.append("</dl>")
        self.out.append(f"<p>{escape(cover_intro(view))}</p>")
        self.out.append(
            "<p>How to read the redline: deleted words are <del>struck through</del> (red); "
            "new words are <ins>underlined</ins> (blue).</p>"
        )
        counts = category_counts(view)
        if counts:
            self.out.append(
                '<h3 id="glance">At a glance</h3><div class="table-wrap"><table class="glance"><thead><tr>'
                "<th>Subject</th><th>Changes</th><th>Articles</th></tr></thead><tbody>"
            )
            for i, (name, n, a) in enumerate(counts):
                self.out.append(
                    f'<tr><td><a href="#cat-{i}">{escape(name)}</a></td><td>{n}</td>'
                    f"<td>{a}</td></tr>"
                )
            self.out.append("</tbody></table></div>")
        self.out.append("</header>")

    def table(self) -> None:
        view = self.view
        self.out.append('<section id="summary"><h2>Changes by category</h2>')
        if not view.rows:
            self.out.append("<p>No changes match this export's filters.</p>")
        columns = table_columns(view)
        cols = "".join(f'<col style="width:{c.width * 100:.0f}%">' for c in columns)
        head = "".join(f'<th scope="col">{escape(c.name)}</th>' for c in columns)
        for i, (category, rows) in enumerate(view.by_category()):
            self.out.append(
                f'<h3 id="cat-{i}">{escape(category)}</h3><div class="table-wrap">'
                f'<table class="changes"><colgroup>{cols}</colgroup><thead><tr>{head}</tr>'
                "</thead><tbody>"
            )
            for row, cells in zip(rows, table_rows(view, rows), strict=True):
                full = row_cells(view, row)
                rep = ' class="art-cell rep"' if not cells[0] else ' class="art-cell"'
                tds = [f'<td{rep}><span class="art">{escape(full[0])}</span></td>']
                link = (
                    f' <a class="go" href="#chg-{escape(row.change.id)}" '
                    'aria-label="see the wording">'
                    "wording&nbsp;↓</a>"
                )
                tds.append(
                    f'<td data-label="{escape(columns[1].name)}">{escape(cells[1])}{link}</td>'
                )
                for column, text in zip(columns[2:], cells[2:], strict=True):
                    empty = "" if text.strip() else ' class="empty"'
                    tds.append(
                        f'<td data-label="{escape(column.name)}"{empty}>{escape(text)}</td>'
                    )
                self.out.append(f'<tr data-change="{escape(row.change.id)}">{"".join(tds)}</tr>')
            self.out.append("</tbody></table></div>")
        self.out.append("</section>")

    def notes(self, pv: PairView) -> None:
        for note in pv.member_notes:
            self.out.append(f'<p class="note"><b>Note:</b> <i>{escape(note)}</i></p>')
        for ann in pv.comments:
            self.out.append(
                f'<p class="note"><b>Comment [{escape(ann.status)}]:</b> {escape(ann.comment)}</p>'
            )
        for row in pv.rows:
            if row.member_note:
                self.out.append(
                    f'<p class="note"><b>Note:</b> <i>{escape(row.what)} — '
                    f"{escape(row.member_note)}</i></p>"
                )
            for ann in row.comments:
                self.out.append(
                    f'<p class="note"><b>Comment [{escape(ann.status)}]:</b> '
                    f"{escape(ann.comment)}</p>"
                )

    def side_by_side(self, items: Sequence[Para | Gap]) -> None:
        """Two columns on a wide screen; on a phone one column, each half labelled, and a
        paragraph both versions share shown once."""
        self.out.append(
            '<details><summary>Side by side</summary><div class="sbs">'
            '<div class="head">Current</div><div class="head">Proposed</div>'
        )
        for item in items:
            if isinstance(item, Gap):
                self.out.append(f'<div class="span">{self.gap(item)}</div>')
                continue
            if not item.changed:
                text = self.side(item, INSERT)
                self.out.append(
                    f'<div class="old same"><span class="lbl">Both versions</span>{text}</div>'
                    f'<div class="new same dup">{text}</div>'
                )
                continue
            # a moved paragraph is not new or gone: the empty side says where it went
            moved = move_note(item).strip(" []")
            if item.whole is INSERT:
                why = moved or "not in the current agreement"
                old = f'<div class="old none"><p>({escape(why)})</p></div>'
            else:
                old = (
                    f'<div class="old"><span class="lbl">Current</span>'
                    f"{self.side(item, DELETE)}</div>"
                )
            if item.whole is DELETE:
                why = moved or "not in the proposed agreement"
                new = f'<div class="new none"><p>({escape(why)})</p></div>'
            else:
                new = (
                    f'<div class="new"><span class="lbl">Proposed</span>'
                    f"{self.side(item, INSERT)}</div>"
                )
            self.out.append(old + new)
        self.out.append("</div></details>")

    def articles(self) -> None:
        view = self.view
        self.out.append('<section id="articles"><h2>Changed articles</h2>')
        if not view.pairs:
            self.out.append(f"<p>{escape(NO_ARTICLES)}</p>")
        for pv in view.pairs:
            self.out.append(f'<article id="pair-{escape(pv.pair.id)}"><h3>{escape(pv.title)}</h3>')
            self.notes(pv)
            items = excerpt(pair_paras(view.comparison, pv.pair, view.selected))
            self.out.append("<details open><summary>Inline</summary>")
            for item in items:
                self.out.append(self.gap(item) if isinstance(item, Gap) else self.inline(item))
            self.out.append("</details>")
            self.side_by_side(items)
            self.out.append(
                '<p class="top"><a href="#summary">↑ Back to the changes by category</a></p>'
                "</article>"
            )
        self.out.append("</section>")

    @staticmethod
    def gap(item: Gap) -> str:
        return f'<p class="gap">{escape(item.text)}</p>'

    def build(self) -> str:
        view = self.view
        title = escape(f"Summary of changes: {view.new_title}")
        self.out.append(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{CSS}</style></head><body>"
        )
        self.cover()
        self.table()
        self.articles()
        self.out.append("</body></html>\n")
        return "".join(self.out)


def render_html(view: ExportView) -> str:
    """The whole HTML export as one string."""
    return _Builder(view).build()


def write_html(view: ExportView, target: Path) -> None:
    """Write the HTML export to ``target`` as UTF-8."""
    target.write_text(render_html(view), encoding="utf-8")


__all__ = ["render_html", "write_html"]
