"""The None reference-count workaround keeps a Qt model from aborting the interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if sys.argv[1] == "fixed":
        import desktop  # applies the workaround
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 1
        def columnCount(self, parent=QModelIndex()):
            return 1
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return None
    model = Model()
    index = model.index(0, 0)
    for _ in range(50_000):  # far more than None's ordinary reference count
        index.data(Qt.ItemDataRole.ToolTipRole)
    print("survived")
    """
)


def test_many_none_values_from_a_model_do_not_abort_the_app() -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, "fixed"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "survived" in proc.stdout
