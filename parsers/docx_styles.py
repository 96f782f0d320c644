"""Paragraph and character styles of a DOCX, resolved through ``basedOn`` chains.

Headings in Word documents are mostly made by styles ("Heading 1", a custom "Article" style with
an outline level) and numbered through the style's numbering, so the reader needs each style's
effective properties: outline level, numbering, page break before, bold, size, caps, alignment.
Resolution is cached per style id because a long agreement reuses a handful of styles thousands
of times.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass
from xml.etree import ElementTree as ET

_HEADING_NAME_RE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StyleProps:
    """Effective properties of one style (None = not set anywhere in its chain)."""

    name: str = ""
    outline_level: int | None = None  # 0-based as stored; 9 means body text
    num_id: str | None = None
    ilvl: int | None = None
    page_break_before: bool | None = None
    bold: bool | None = None
    caps: bool | None = None
    size: float | None = None  # points
    centered: bool | None = None

    @property
    def heading_level(self) -> int | None:
        """1-based heading level from the outline level or a built-in "heading N" name."""
        if self.outline_level is not None and 0 <= self.outline_level < 9:
            return self.outline_level + 1
        m = _HEADING_NAME_RE.match(self.name)
        return int(m.group(1)) if m else None


def on_off(el: ET.Element | None, w: str) -> bool | None:
    """Value of an OOXML on/off property element: present means on unless val says off."""
    if el is None:
        return None
    return el.get(f"{w}val", "1").lower() not in ("0", "false", "off", "none")


@functools.cache
def _tags(w: str) -> dict[str, str]:
    """Full tag -> short name for the properties read here (one dict lookup per child)."""
    names = (
        "outlineLvl", "numPr", "pageBreakBefore", "jc", "b", "caps", "sz", "vanish", "rStyle",
        "strike", "dstrike",
    )  # fmt: skip
    return {f"{w}{name}": name for name in names}


def ppr_props(ppr: ET.Element | None, w: str) -> dict[str, object]:
    """The properties one ``pPr`` sets directly (absent ones are left out)."""
    out: dict[str, object] = {}
    if ppr is None:
        return out
    tags = _tags(w)
    val = f"{w}val"
    for child in ppr:
        name = tags.get(child.tag)
        if name is None:
            continue
        if name == "outlineLvl":
            with contextlib.suppress(ValueError):
                out["outline_level"] = int(child.get(val, "9"))
        elif name == "numPr":
            num = child.find(f"{w}numId")
            lvl = child.find(f"{w}ilvl")
            if num is not None:
                out["num_id"] = num.get(val, "0")
            if lvl is not None:
                with contextlib.suppress(ValueError):
                    out["ilvl"] = int(lvl.get(val, "0"))
        elif name == "pageBreakBefore":
            out["page_break_before"] = on_off(child, w)
        elif name == "jc":
            out["centered"] = child.get(val) == "center"
    return out


def rpr_props(rpr: ET.Element | None, w: str) -> dict[str, object]:
    """The run properties one ``rPr`` sets directly: bold, caps, size, vanish, rStyle, strike
    (single or double strike-through)."""
    out: dict[str, object] = {}
    if rpr is None:
        return out
    tags = _tags(w)
    for child in rpr:
        name = tags.get(child.tag)
        if name is None:
            continue
        if name == "b":
            out["bold"] = on_off(child, w)
        elif name == "caps":
            out["caps"] = on_off(child, w)
        elif name == "sz":
            with contextlib.suppress(ValueError):
                out["size"] = int(child.get(f"{w}val", "")) / 2
        elif name == "vanish":
            out["vanish"] = on_off(child, w)
        elif name in ("strike", "dstrike"):
            out["strike"] = bool(out.get("strike")) or bool(on_off(child, w))
        elif name == "rStyle":
            out["rstyle"] = child.get(f"{w}val", "")
    return out


class Styles:
    """The styles part, resolved lazily."""

    def __init__(self, root: ET.Element | None, w: str) -> None:
        self._w = w
        self._raw: dict[str, tuple[str | None, StyleProps]] = {}
        self._resolved: dict[str, StyleProps] = {}
        self.default_paragraph: str | None = None
        self.character: dict[str, StyleProps] = {}
        self.body_size: float | None = None
        if root is None:
            return
        defaults = root.find(f"{w}docDefaults")
        if defaults is not None:
            rpr = defaults.find(f"{w}rPrDefault/{w}rPr")
            size = rpr_props(rpr, w).get("size")
            self.body_size = size if isinstance(size, float) else None
        for st in root.findall(f"{w}style"):
            style_id = st.get(f"{w}styleId", "")
            name_el = st.find(f"{w}name")
            based = st.find(f"{w}basedOn")
            props: dict[str, object] = {
                "name": name_el.get(f"{w}val", "") if name_el is not None else ""
            }
            run_props = rpr_props(st.find(f"{w}rPr"), w)
            props.update({k: v for k, v in run_props.items() if k in ("bold", "caps", "size")})
            props.update(ppr_props(st.find(f"{w}pPr"), w))
            entry = StyleProps(**props)  # type: ignore[arg-type]
            if st.get(f"{w}type") == "character":
                self.character[style_id] = entry
                continue
            self._raw[style_id] = (based.get(f"{w}val") if based is not None else None, entry)
            if st.get(f"{w}default") in ("1", "true", "on") and st.get(f"{w}type") == "paragraph":
                self.default_paragraph = style_id
        if self.default_paragraph:
            normal = self.get(self.default_paragraph)
            if normal.size is not None:
                self.body_size = normal.size

    def get(self, style_id: str | None) -> StyleProps:
        """Effective properties of paragraph style ``style_id`` (the default style when None)."""
        if style_id is None or style_id not in self._raw:
            style_id = self.default_paragraph
            if style_id is None or style_id not in self._raw:
                return StyleProps()
        cached = self._resolved.get(style_id)
        if cached is not None:
            return cached
        chain: list[StyleProps] = []
        current: str | None = style_id
        while current is not None and current in self._raw and len(chain) < 20:
            parent, props = self._raw[current]
            chain.append(props)
            current = parent if parent != current else None
        merged: dict[str, object] = {}
        for props in reversed(chain):
            for name in StyleProps.__slots__:
                value = getattr(props, name)
                if value is not None and (name != "name" or not merged.get("name")):
                    merged[name] = value
        merged["name"] = chain[0].name
        result = StyleProps(**merged)  # type: ignore[arg-type]
        self._resolved[style_id] = result
        return result

    def numbered_styles(self) -> dict[str, str]:
        """styleId -> numId for every paragraph style that carries numbering."""
        return {sid: self.get(sid).num_id or "" for sid in self._raw if self.get(sid).num_id}
