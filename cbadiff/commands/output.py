"""Helpers the subcommands share for writing their output."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def write_text_atomic(target: Path, text: str) -> None:
    """Write via a temporary file and a rename, so a failure never leaves half a file."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(data: Any, target: str) -> None:
    """Write ``data`` as JSON to a path, or to stdout for ``-``."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if target == "-":
        sys.stdout.write(text)
    else:
        write_text_atomic(Path(target), text)
