"""The one place that finds files shipped under ``resources/``.

Everything goes through ``importlib.resources`` so the same code works from a source checkout, an
installed wheel and a frozen (PyInstaller) bundle, where ``resources/`` may not be a plain folder.
Callers name files by their path relative to ``resources/`` ("lexicon/builtin.toml").
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

PACKAGE = "resources"


def resource(relpath: str) -> Traversable:
    """The shipped file or folder at ``relpath`` (forward slashes) under ``resources/``."""
    node: Traversable = resources.files(PACKAGE)
    for part in relpath.split("/"):
        if part:
            node = node.joinpath(part)
    return node


def read_text(relpath: str) -> str:
    """The UTF-8 text of a shipped file; FileNotFoundError names the path when it is missing."""
    node = resource(relpath)
    if not node.is_file():
        raise FileNotFoundError(f"resources/{relpath} is missing from this installation")
    return node.read_text(encoding="utf-8")


def read_bytes(relpath: str) -> bytes:
    node = resource(relpath)
    if not node.is_file():
        raise FileNotFoundError(f"resources/{relpath} is missing from this installation")
    return node.read_bytes()


BUILTIN_LEXICON = "lexicon/builtin.toml"
