"""Start the desktop app: ``cbadiff-gui [OLD NEW | PROJECT.cbadiff] [--smoke-test]``.

Argument parsing happens before Qt is touched (Meld's anti-pattern is parsing inside the GUI
application object), so ``--help`` works without a display.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger("desktop")

SMOKE_TIMEOUT_MS = 300_000


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cbadiff-gui",
        description="Compare an expired and a proposed collective bargaining agreement.",
    )
    parser.add_argument("old", nargs="?", help="the expired agreement (PDF, DOCX or TXT)")
    parser.add_argument("new", nargs="?", help="the proposed agreement (PDF, DOCX or TXT)")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open OLD and NEW, wait for the comparison, exit 0 (1 if it fails); for packaging",
    )
    parser.add_argument("--dark", action="store_true", help="start with the dark theme")
    args = parser.parse_args(list(argv))
    args.project = None  # one .cbadiff file: a project to open (desktop.project_actions)
    if args.new is None and args.old is not None and args.old.lower().endswith(".cbadiff"):
        args.project, args.old = args.old, None
    if args.smoke_test and args.project is not None:
        parser.error("--smoke-test needs OLD and NEW, not a project")
    if (args.old is None) != (args.new is None):
        parser.error("give both agreements, the expired one first, or neither")
    if args.smoke_test and args.old is None:
        parser.error("--smoke-test needs OLD and NEW")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.INFO if args.smoke_test else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop import qtlog
    from desktop.mainwindow import APP_NAME, ORGANISATION, MainWindow
    from desktop.resources import resource_path

    qtlog.install()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "cbadiff-gui"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app_icon = resource_path("appicon", "cbadiff.svg")
    if app_icon.exists():
        app.setWindowIcon(QIcon(str(app_icon)))
    settings = QSettings(ORGANISATION, APP_NAME)
    if args.dark:
        settings.setValue("theme", "dark")
    window = MainWindow(settings)
    window.show()
    if not args.smoke_test:
        if args.old is not None:
            window.open_files(Path(args.old), Path(args.new))
        elif args.project is not None:
            window.projects.open_project(Path(args.project))
        return int(app.exec())

    # Smoke test: a local event loop (not app.exec) so that main() can also run inside an
    # application that already exists (the test suite), and a timer that is stopped when done.
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    status = {"code": 1}

    def done(code: int, message: str) -> None:
        timer.stop()
        status["code"] = code
        print(message, file=sys.stdout if code == 0 else sys.stderr, flush=True)
        loop.quit()

    window.controller.comparison_ready.connect(
        lambda c: done(0, f"smoke test: {len(c.pairs)} article pairs compared")
    )
    window.controller.failed.connect(lambda m: done(1, f"smoke test failed: {m}"))
    window.controller.cancelled.connect(lambda: done(1, "smoke test cancelled"))
    timer.timeout.connect(lambda: done(1, "smoke test timed out"))
    timer.start(SMOKE_TIMEOUT_MS)
    window.open_files(Path(args.old), Path(args.new))
    if window.controller.running:
        loop.exec()
    window.close()
    window.deleteLater()
    return status["code"]


if __name__ == "__main__":
    sys.exit(main())
