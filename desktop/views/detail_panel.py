"""The detail panel: everything about the current change (or pair) in words."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from cbadiff.model import ArticlePair, Change
from cbadiff.navigation import counts_as_substantive
from desktop.categories import category_name


class DetailPanel(QTextBrowser):
    """Kind, substance, categories with the reasons, number changes, pages and both texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.setOpenLinks(False)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.setHtml("<p><i>Select a change to see its details.</i></p>")

    def show_pair(self, pair: ArticlePair, title: str, substantive: int) -> None:
        flags = ", ".join(f.value for f in pair.flags) or "none"
        cats = ", ".join(escape(category_name(c)) for c in pair.categories) or "none"
        self.setHtml(
            f"<h3>{escape(title)}</h3>"
            f"<p><b>Status:</b> {escape(pair.status.value)}<br>"
            f"<b>Flags:</b> {escape(flags)}<br>"
            f"<b>Changes:</b> {substantive} substantive of {len(pair.changes)}<br>"
            f"<b>Categories:</b> {cats}</p>"
        )

    def show_change(
        self, change: Change, position: str, also: frozenset[str] = frozenset()
    ) -> None:
        substantive = counts_as_substantive(change, also)
        kind = "Substantive" if substantive else "Cosmetic"
        if not change.substantive and change.reason:
            kind += f" ({escape(change.reason)})"
        parts = [
            f"<h3>{escape(change.kind.value.title())} — {escape(position)}</h3>",
            f"<p><b>{kind}</b><br>",
            f"<b>Pages:</b> expired {change.old_page or '—'}, proposed {change.new_page or '—'}</p>",
        ]
        if change.numbers:
            parts.append("<p><b>Numbers:</b><br>")
            for n in change.numbers:
                unit = f" <i>{escape(n.unit)}</i>" if n.unit and n.unit != "$" else ""
                parts.append(f"{escape(n.old or '—')} → {escape(n.new or '—')}{unit}<br>")
            parts.append("</p>")
        if change.categories:
            parts.append("<p><b>Categories:</b></p><ul>")
            for cat in change.categories:
                why = change.why.get(cat, ())
                because = f" — <i>{escape('; '.join(why))}</i>" if why else ""
                parts.append(f"<li>{escape(category_name(cat))}{because}</li>")
            parts.append("</ul>")
        else:
            parts.append("<p><b>Categories:</b> none</p>")
        if change.old_text:
            parts.append(f"<p><b>Expired:</b><br><s>{escape(change.old_text)}</s></p>")
        if change.new_text:
            parts.append(f"<p><b>Proposed:</b><br><u>{escape(change.new_text)}</u></p>")
        self.setHtml("".join(parts))
