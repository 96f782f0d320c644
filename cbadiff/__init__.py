"""CBA Diff: compare an expired and a proposed collective bargaining agreement.

The pure-Python core (alignment, diff, categories, numbers, exports, project store, CLI). It never
imports Qt; it reads files only through :mod:`parsers`.
"""

__version__ = "0.1.0"
