"""A disk cache of parsed agreements, keyed by file content, so re-opening a file is instant.

Reading a 200-page PDF takes seconds; negotiators re-open the same two files all day. The cache
maps the SHA-256 of a file's bytes to the :class:`Agreement` read from it, stored as JSON under
``platformdirs.user_cache_dir("cbadiff")`` (or ``$CBADIFF_CACHE_DIR``). Entries live in a folder
named after the reader version, which includes a digest of the ``parsers`` package source, so
any change to a reader or to structure detection makes old entries unreachable (and the next
prune removes them). The cache is an optimisation only: an unreadable, damaged or stale entry is
ignored and rewritten, a cache folder that cannot be written is silently skipped, and the total
size is bounded by pruning the least recently used entries.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
import types
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from parsers.model import Agreement, DocKind

READER_VERSION = "1"  # bump when the meaning of the model changes without a source change
ENV_VAR = "CBADIFF_CACHE_DIR"
MAX_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 500
_PREFIX = "agreements-"


def cache_root() -> Path:
    """The cache folder: ``$CBADIFF_CACHE_DIR`` when set, else the platform's user cache dir."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cbadiff", appauthor=False))


@functools.lru_cache(maxsize=1)
def version_key() -> str:
    """Reader version plus a digest of the parsers package source (when the source exists)."""
    digest = hashlib.sha256(READER_VERSION.encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.glob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return f"{READER_VERSION}-{digest.hexdigest()[:16]}"


def _entry(sha256: str, kind: DocKind) -> Path:
    return cache_root() / f"{_PREFIX}{version_key()}" / f"{sha256}.{kind.value}.json"


def load(sha256: str, kind: DocKind, path: Path) -> Agreement | None:
    """The cached agreement for this content, re-pointed at ``path``; None on any miss."""
    entry = _entry(sha256, kind)
    try:
        data = json.loads(entry.read_bytes())
        agreement = decode(Agreement, data)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged entry is never an error, only a miss; it gets rewritten
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    if not isinstance(agreement, Agreement) or agreement.source.sha256 != sha256:
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # least recently *used* is what pruning removes
    source = agreement.source
    notices = agreement.notices
    old_name = Path(source.path).name
    if old_name != path.name:  # notices name the file; the same bytes may come under a new name
        notices = tuple(n.replace(old_name, path.name) for n in notices)
    return Agreement(
        type(source)(str(path), source.kind, source.sha256, source.pages),
        agreement.units,
        agreement.front_matter,
        agreement.footnotes,
        notices,
    )


def store(agreement: Agreement) -> None:
    """Write ``agreement`` to the cache atomically; failures are ignored (it is only a cache)."""
    entry = _entry(agreement.source.sha256, agreement.source.kind)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(encode(agreement), ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=entry.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        prune()
    except (OSError, ValueError, TypeError):
        return


def prune(max_bytes: int = MAX_BYTES, max_entries: int = MAX_ENTRIES) -> None:
    """Remove entries of other reader versions, then the least recently used beyond the bounds."""
    root = cache_root()
    current = f"{_PREFIX}{version_key()}"
    entries: list[tuple[float, int, Path]] = []
    with contextlib.suppress(OSError):
        for folder in root.glob(f"{_PREFIX}*"):
            if not folder.is_dir():
                continue
            for item in folder.glob("*.json"):
                with contextlib.suppress(OSError):
                    if folder.name != current:
                        item.unlink()
                        continue
                    st = item.stat()
                    entries.append((st.st_mtime, st.st_size, item))
            if folder.name != current:
                with contextlib.suppress(OSError):
                    folder.rmdir()
    entries.sort(reverse=True)  # newest first
    total = 0
    for index, (_mtime, size, item) in enumerate(entries):
        total += size
        if index >= max_entries or total > max_bytes:
            with contextlib.suppress(OSError):
                item.unlink()


# -- JSON form of the frozen model -------------------------------------------------------------
# Generic over dataclasses, so a field someone adds to parsers/model.py is cached too (a model
# change also changes version_key(), so entries written before it are never read after it).


def encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in fields(value)]  # positional: compact
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from its :func:`encode` form; raise on a mismatch."""
    return _decoder(tp)(data)


def _identity(data: Any) -> Any:
    return data


@functools.cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A decoding function per type, built once: rebuilding the model must take milliseconds."""
    origin = typing.get_origin(tp)
    if origin is types.UnionType or origin is typing.Union:
        inner = _decoder(next(a for a in typing.get_args(tp) if a is not type(None)))
        if inner is _identity:
            return _identity
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            if item is _identity:
                return lambda data: tuple(_as_list(data))
            return lambda data: tuple(item(v) for v in _as_list(data))
        items = [_decoder(a) for a in args]
        return lambda data: tuple(f(v) for f, v in zip(items, _as_list(data), strict=True))
    if isinstance(tp, type) and is_dataclass(tp):
        cls = tp
        hints = _hints(cls)
        names = [f.name for f in fields(cls)]
        convert = [(i, _decoder(hints[n])) for i, n in enumerate(names)]
        convert = [(i, f) for i, f in convert if f is not _identity]
        count = len(names)

        def build(data: Any) -> Any:
            if type(data) is not list or len(data) != count:
                raise TypeError(f"expected {count} fields for {cls.__name__}")
            if convert:
                data = list(data)
                for i, f in convert:
                    data[i] = f(data[i])
            return cls(*data)

        return build
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    if tp is float:
        return float
    if tp in (str, int, bool):
        return _identity
    raise TypeError(f"cannot decode {tp!r}")


def _as_list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError("expected a list")
    return data
