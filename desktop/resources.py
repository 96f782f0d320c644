"""Where the app's data files are: the ``resources`` package beside the code, also when frozen."""

from __future__ import annotations

from pathlib import Path

import resources

ROOT = Path(resources.__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``; ``parts`` are fixed names from our code, never user input."""
    return ROOT.joinpath(*parts)
