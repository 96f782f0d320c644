"""The HTML export: one self-contained file with the summary, an inline and a side-by-side view.

Inline CSS, no scripts at all (the views fold with ``<details>``), so it opens from an e-mail
attachment on a phone and never fetches anything. Deletions are ``<del>`` (struck through) and
insertions ``<ins>`` (underlined): meaning survives without colour and in screen readers. Each
change's first mark carries ``id="chg-<change id>"`` so the table links to it.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from cbadiff.export.redline import (
    DELETE,
    EQUAL,
    INSERT,
    Gap,
    Para,
    display_runs,
    excerpt,
    move_note,
    pair_paras,
)
from cbadiff.export.summary import (
    NO_ARTICLES,
    ExportView,
    category_counts,
    cover_intro,
    cover_lines,
    table_columns,
    table_rows,
)

CSS = """
:root { --del: #b00020; --ins: #003da5; --line: #c8ccd4; --muted: #5a5a5a; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       margin: 0 auto; max-width: 68rem; padding: 1rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.7rem; margin: .2rem 0 1rem; color: #1f3864; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; color: #1f3864; }
dl.cover { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.cover dt { font-weight: 600; } dl.cover dd { margin: 0; }
del { color: var(--del); text-decoration: line-through; }
ins { color: var(--ins); text-decoration: underline; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #e4e9f2; }
.note { background: #f3f3f3; border-left: 4px solid #8a8a8a; padding: .4rem .7rem; margin: .4rem 0; }
.gap, .moved { color: var(--muted); font-style: italic; }
details { margin: .4rem 0; } summary { cursor: pointer; color: #1f3864; font-weight: 600; }
.sbs { display: grid; grid-template-columns: 1fr 1fr; gap: .2rem 1rem; }
.sbs .head { font-weight: 600; color: var(--muted); }
.sbs p { margin: 0 0 .5rem; }
p.blk { margin: 0 0 .6rem; white-space: pre-wrap; }
a { color: #1f3864; }
@media (max-width: 700px) {
  body { font-size: 15px; padding: .6rem; }
  .sbs { grid-template-columns: 1fr; }
  .sbs .old { border-left: 3px solid var(--del); padding-left: .4rem; }
  .sbs .new { border-left: 3px solid var(--ins); padding-left: .4rem; margin-bottom: .6rem; }
  .sbs .head { display: none; }
  th, td { padding: .3rem; }
}
@media print { details > summary { display: none; } a { color: inherit; text-decoration: none; } }
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

    def inline(self, para: Para) -> str:
        parts = []
        for run in display_runs(para):
            if run.tag is DELETE:
                parts.append(self.mark("del", run.text, run.change_id, anchor=True))
            elif run.tag is INSERT:
                parts.append(self.mark("ins", run.text, run.change_id, anchor=True))
            else:
                parts.append(escape(run.text))
        note = move_note(para)
        tag = ""
        if note:
            anchor = ""
            if para.move_id and para.move_id not in self.anchored:
                self.anchored.add(para.move_id)
                anchor = f' id="chg-{escape(para.move_id)}"'
            tag = f'<span class="moved"{anchor}>{escape(note)}</span>'
        return f'<p class="blk">{tag}{"".join(parts)}</p>'

    def side(self, para: Para, tag: str) -> str:
        keep = DELETE if tag == "del" else INSERT
        parts = []
        for run in para.runs:
            if run.tag is EQUAL:
                parts.append(escape(run.text))
            elif run.tag is keep:
                parts.append(self.mark(tag, run.text, run.change_id, anchor=False))
        return "".join(parts)

    def cover(self) -> None:
        view = self.view
        title = "Summary of changes" if not view.options.internal else "Changes (internal)"
        self.out.append(f'<header><h1>{escape(title)}</h1><dl class="cover">')
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
                '<h3>At a glance</h3><div class="table-wrap"><table><thead><tr>'
                "<th>Subject</th><th>Changes</th><th>Articles</th></tr></thead><tbody>"
            )
            for name, n, a in counts:
                self.out.append(f"<tr><td>{escape(name)}</td><td>{n}</td><td>{a}</td></tr>")
            self.out.append("</tbody></table></div>")
        self.out.append("</header>")

    def table(self) -> None:
        view = self.view
        self.out.append('<section id="summary"><h2>Changes by category</h2>')
        if not view.rows:
            self.out.append("<p>No changes match this export's filters.</p>")
        cols = [c.name for c in table_columns(view)]
        for category, rows in view.by_category():
            self.out.append(f'<h3>{escape(category)}</h3><div class="table-wrap"><table>')
            self.out.append(
                "<thead><tr>"
                + "".join(f"<th>{escape(c)}</th>" for c in cols)
                + "</tr></thead><tbody>"
            )
            for row, cells in zip(rows, table_rows(view, rows), strict=True):
                link = f'<a href="#chg-{escape(row.change.id)}">{escape(cells[1])}</a>'
                tds = [escape(cells[0]), link, *(escape(c) for c in cells[2:])]
                self.out.append(
                    f'<tr data-change="{escape(row.change.id)}">'
                    + "".join(f"<td>{c}</td>" for c in tds)
                    + "</tr>"
                )
            self.out.append("</tbody></table></div>")
        self.out.append("</section>")

    def articles(self) -> None:
        view = self.view
        self.out.append('<section id="articles"><h2>Changed articles</h2>')
        if not view.pairs:
            self.out.append(f"<p>{escape(NO_ARTICLES)}</p>")
        for pv in view.pairs:
            self.out.append(f'<article id="pair-{escape(pv.pair.id)}"><h3>{escape(pv.title)}</h3>')
            for note in pv.member_notes:
                self.out.append(f'<p class="note"><b>Note:</b> <i>{escape(note)}</i></p>')
            for ann in pv.comments:
                self.out.append(
                    f'<p class="note"><b>Comment [{escape(ann.status)}]:</b> '
                    f"{escape(ann.comment)}</p>"
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
            items = excerpt(pair_paras(view.comparison, pv.pair, view.selected))
            self.out.append("<details open><summary>Inline</summary>")
            for item in items:
                if isinstance(item, Gap):
                    self.out.append(self.gap(item))
                else:
                    self.out.append(self.inline(item))
            self.out.append(
                '</details><details><summary>Side by side</summary><div class="sbs">'
                '<div class="head">Current</div><div class="head">Proposed</div>'
            )
            for item in items:
                if isinstance(item, Gap):
                    gap = self.gap(item)
                    self.out.append(f'<div class="old">{gap}</div><div class="new">{gap}</div>')
                    continue
                old = self.side(item, "del") if item.whole is not INSERT else ""
                new = self.side(item, "ins") if item.whole is not DELETE else ""
                self.out.append(
                    f'<div class="old"><p>{old}</p></div><div class="new"><p>{new}</p></div>'
                )
            self.out.append("</div></details></article>")
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
        self.out.append(
            '<nav><a href="#summary">Changes by category</a> · '
            '<a href="#articles">Changed articles</a></nav>'
        )
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
