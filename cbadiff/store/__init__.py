"""The project store: one SQLite file per project, and re-anchoring annotations to a new draft.

Pure Python on the standard library's ``sqlite3``; the GUI drives it with plain calls.
"""

from cbadiff.store.lock import LockOwner
from cbadiff.store.project import Edit, Project, Source, SourceProblem

__all__ = ["Edit", "LockOwner", "Project", "Source", "SourceProblem"]
