"""Read an agreement file (PDF, DOCX, TXT) into the :class:`~parsers.model.Agreement` model.

This package is the bottom layer: it imports nothing from ``cbadiff`` or ``desktop``, and it is the
only place that imports PDF libraries (checked by import-linter contracts in pyproject.toml).
"""

from parsers.errors import ReadError
from parsers.model import Agreement

__all__ = ["Agreement", "ReadError"]
