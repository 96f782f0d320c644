"""Paragraph and character styles of a DOCX, resolved through ``basedOn`` chains.

Headings in Word documents are mostly made by styles ("Heading 1", a custom "Article" style with
an outline level) and numbered through the style's numbering, so the reader needs each style's
effective properties: outline level, numbering, page break before, bold, size, caps, alignment.
Resolution is cached per style id because a long agreement reuses a handful of styles thousands
of times.
"""

from __future__ import annotations

import contextlib
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


def ppr_props(ppr: ET.Element | None, w: str) -> dict[str, object]:
    """The properties one ``pPr`` sets directly (absent ones are left out)."""
    out: dict[str, object] = {}
    if ppr is None:
        return out
    outline = ppr.find(f"{w}outlineLvl")
    if outline is not None:
        with contextlib.suppress(ValueError):
            out["outline_level"] = int(outline.get(f"{w}val", "9"))
    numpr = ppr.find(f"{w}numPr")
    if numpr is not None:
        num = numpr.find(f"{w}numId")
        lvl = numpr.find(f"{w}ilvl")
        if num is not None:
            out["num_id"] = num.get(f"{w}val", "0")
        if lvl is not None:
            with contextlib.suppress(ValueError):
                out["ilvl"] = int(lvl.get(f"{w}val", "0"))
    pbb = on_off(ppr.find(f"{w}pageBreakBefore"), w)
    if pbb is not None:
        out["page_break_before"] = pbb
    jc = ppr.find(f"{w}jc")
    if jc is not None:
        out["centered"] = jc.get(f"{w}val") == "center"
    return out


def rpr_props(rpr: ET.Element | None, w: str) -> dict[str, object]:
    out: dict[str, object] = {}
    if rpr is None:
        return out
    bold = on_off(rpr.find(f"{w}b"), w)
    if bold is not None:
        out["bold"] = bold
    caps = on_off(rpr.find(f"{w}caps"), w)
    if caps is not None:
        out["caps"] = caps
    sz = rpr.find(f"{w}sz")
    if sz is not None:
        with contextlib.suppress(ValueError):
            out["size"] = int(sz.get(f"{w}val", "")) / 2
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
            props.update(rpr_props(st.find(f"{w}rPr"), w))
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
