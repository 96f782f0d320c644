"""Typed readings of QSettings values, for every part of the window that keeps settings.

An INI-backed QSettings hands back strings ("true", "14"), a one-item list comes back as a bare
string, and an empty list as "" or None; these read such values the same way wherever they are
kept, and fall back instead of raising on a hand-edited or damaged file.
"""

from __future__ import annotations


def setting_bool(value: object) -> bool:
    """``value`` as a flag: "true", "1" and "yes" (any case) are true, as is any truthy value."""
    if isinstance(value, str):
        return value.lower() in {"true", "1", "yes"}
    return bool(value)


def setting_int(value: object, default: int) -> int:
    """``value`` as a whole number, or ``default`` when it is none."""
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def setting_str_list(value: object) -> list[str]:
    """``value`` as a list of strings: a lone string is a one-item list, anything else empty."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return []
