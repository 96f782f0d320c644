"""Light and dark themes: a Fusion palette, a small stylesheet and the diff colours.

The diff colours come from ``resources/styles/diff_colors.toml`` (Okabe-Ito blue for insertions,
vermillion for deletions), so they work for colour-blind readers; the views always add underline
and strike-through as well, so colour is never the only cue.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.resources import resource_path


class Theme(StrEnum):
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True, slots=True)
class DiffColors:
    insert_fg: QColor
    insert_bg: QColor
    delete_fg: QColor
    delete_bg: QColor
    muted_fg: QColor
    current_bg: QColor
    placeholder_bg: QColor
    placeholder_fg: QColor
    heading_fg: QColor
    mark_replace: QColor
    chip_bg: QColor
    chip_fg: QColor
    bar: QColor
    bar_selected: QColor


@cache
def _color_table() -> dict[str, dict[str, str]]:
    with resource_path("styles", "diff_colors.toml").open("rb") as fh:
        return tomllib.load(fh)


def diff_colors(theme: Theme) -> DiffColors:
    table = _color_table()[theme.value]
    return DiffColors(**{name: QColor(table[name]) for name in DiffColors.__slots__})


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1e1e"), QColor("#2b2b2b"), QColor("#e8e8e8")
    disabled = QColor("#7a7a7a")
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor("#262626")),
        (QPalette.ColorRole.ToolTipBase, QColor("#333333")),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, disabled),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#333333")),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#ffffff")),
        (QPalette.ColorRole.Highlight, QColor("#2f5f8a")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#8fd0ff")),
        (QPalette.ColorRole.Mid, QColor("#3a3a3a")),
        (QPalette.ColorRole.Midlight, QColor("#404040")),
        (QPalette.ColorRole.Dark, QColor("#181818")),
        (QPalette.ColorRole.Shadow, QColor("#000000")),
    ):
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def _light_palette() -> QPalette:
    p = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, QColor("#f3f3f3")),
        (QPalette.ColorRole.WindowText, QColor("#1a1a1a")),
        (QPalette.ColorRole.Base, QColor("#ffffff")),
        (QPalette.ColorRole.AlternateBase, QColor("#f6f6f6")),
        (QPalette.ColorRole.ToolTipBase, QColor("#ffffe8")),
        (QPalette.ColorRole.ToolTipText, QColor("#1a1a1a")),
        (QPalette.ColorRole.PlaceholderText, QColor("#8a8a8a")),
        (QPalette.ColorRole.Text, QColor("#1a1a1a")),
        (QPalette.ColorRole.Button, QColor("#ececec")),
        (QPalette.ColorRole.ButtonText, QColor("#1a1a1a")),
        (QPalette.ColorRole.Highlight, QColor("#2f6fad")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#00508a")),
    ):
        p.setColor(role, color)
    return p


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Switch the whole application to ``theme`` (palette and stylesheet)."""
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if theme is Theme.DARK else _light_palette())
    qss = resource_path("styles", f"{theme.value}.qss").read_text(encoding="utf-8")
    app.setStyleSheet(qss)
