"""Errors the core raises for conditions a user can cause; the message is shown as it is."""

from parsers.errors import Cancelled, ReadError


class CbaDiffError(Exception):
    """Base of the core's own errors (exports, projects, lexicons)."""


class ExportError(CbaDiffError):
    """An export could not be written; the previous file at the target is left untouched."""


class ProjectError(CbaDiffError):
    """A project file cannot be opened: newer schema, locked, or damaged."""


class LexiconError(CbaDiffError):
    """A user lexicon file is malformed; the message names the file and line."""


__all__ = ["Cancelled", "CbaDiffError", "ExportError", "LexiconError", "ProjectError", "ReadError"]
