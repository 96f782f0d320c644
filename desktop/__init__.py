"""The PySide6 desktop app: windows, Qt models, views and workers. No comparison logic lives here."""

from desktop.qtcompat import make_none_immortal

make_none_immortal()  # before any Qt model runs: see desktop/qtcompat.py
