"""Write an export through a temporary file in the target's folder and a rename.

A failed export (full disk, a crash in a writer, the file open in Word on Windows) never
leaves half a file where the last good one was: the old file stays until ``os.replace``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cbadiff.errors import ExportError


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import, while the process is still single-threaded: os.umask has no getter.
_UMASK = _read_umask()


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new one gets what open() would give it.

    mkstemp creates files readable by the owner only, which would surprise a user sharing
    an export folder.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def write_atomic(target: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``target``.

    Raises:
        ExportError: the folder is missing or not writable, or the writer failed; the message
            names the file and the fix, and any previous file at ``target`` is left untouched.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(
            f"cannot write {target}: the folder {folder} does not exist; "
            "create it or choose another location"
        )
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(
            f"cannot write {target}: {exc.strerror or exc}; choose a folder you can write to"
        ) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with contextlib.suppress(OSError):  # not every file system keeps modes
            os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(
            f"cannot write {target}: {exc.strerror or exc}; close the file if another program "
            "has it open, check the disk has space, and try again (the previous file is unchanged)"
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target


def write_bytes_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically."""
    return write_atomic(target, lambda tmp: tmp.write_bytes(data))
