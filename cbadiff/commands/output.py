"""Helpers the subcommands share for writing their output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from cbadiff.export.atomic import write_bytes_atomic


def write_json(data: Any, target: str) -> None:
    """Write ``data`` as JSON to a path (atomically: a failure leaves any previous file as it
    was), or to stdout for ``-``."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if target == "-":
        sys.stdout.write(text)
    else:
        write_bytes_atomic(Path(target), text.encode("utf-8"))
