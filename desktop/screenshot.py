"""Take a screenshot of the main window on two agreements (for docs/ and for looking at).

``python -m desktop.screenshot OLD NEW OUT.png [--dark] [--inline] [--changes N] [--size WxH]
[--search TEXT] [--article TITLE]``

Run it under a real display server (``Xvfb :99 & DISPLAY=:99``) for faithful fonts; with no
display it falls back to the offscreen platform. Settings live in a temporary file, so the
user's own settings are neither used nor changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.screenshot")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("out")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--inline", action="store_true")
    parser.add_argument("--changes", type=int, default=3, help="press Next Change N times")
    parser.add_argument("--size", default="1600x950")
    parser.add_argument("--search", default="", help="type this into the article search")
    parser.add_argument(
        "--article", default="", help="show the first listed article whose title contains this"
    )
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(["cbadiff-screenshot"])
    folder = tempfile.mkdtemp(prefix="cbadiff-shot-")
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("theme", "dark" if args.dark else "light")
    width, height = (int(v) for v in args.size.lower().split("x"))
    window = MainWindow(settings)
    window.resize(width, height)
    window.show()
    app.processEvents()
    loop = QEventLoop()
    failure: list[str] = []
    window.controller.comparison_ready.connect(lambda _c: loop.quit())

    def on_failed(message: str) -> None:
        failure.append(message)
        loop.quit()

    window.controller.failed.connect(on_failed)
    window.open_files(args.old, args.new)
    loop.exec()
    if failure:
        print(f"comparison failed: {failure[0]}", file=sys.stderr)
        return 1

    def settle(ms: int) -> None:
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settle(300)
    if args.inline:
        window.inline_action.trigger()
    if args.search:
        window.navigator.search.setText(args.search)
    if args.article:
        wanted = args.article.casefold()
        for row in window.navigator.visible_pairs():
            if wanted in window.model.title(window.model.pair(row)).casefold():
                window.navigator.select_pair(row)
                break
        else:
            print(f"no listed article's title contains {args.article!r}", file=sys.stderr)
            return 1
        settle(100)
    for _ in range(args.changes):
        window.action_next_change()
    window.view.finish_rendering()
    settle(500)
    window.grab().save(args.out)
    print(f"saved {args.out}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
