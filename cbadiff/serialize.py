"""JSON forms of the models, the public contract documented under docs/."""

from __future__ import annotations

from typing import Any

from parsers.model import Agreement, Block, Unit


def block_to_json(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": block.id,
        "kind": block.kind.value,
        "label": block.label,
        "text": block.text,
        "page": block.page,
        "level": block.level,
    }
    if block.title:
        data["title"] = block.title
    if block.rows:
        data["rows"] = [list(row) for row in block.rows]
    if block.footnote_refs:
        data["footnote_refs"] = list(block.footnote_refs)
    return data


def unit_to_json(unit: Unit, *, blocks: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": unit.id,
        "kind": unit.kind.value,
        "number": unit.number,
        "title": unit.title,
        "heading": unit.heading,
        "page": unit.page_start,
        "page_end": unit.page_end,
        "chars": unit.chars,
    }
    if blocks:
        data["blocks"] = [block_to_json(b) for b in unit.blocks]
    return data


def agreement_to_json(agreement: Agreement) -> dict[str, Any]:
    src = agreement.source
    return {
        "format": "cbadiff.agreement",
        "version": 1,
        "source": {
            "path": src.path,
            "kind": src.kind.value,
            "sha256": src.sha256,
            "pages": src.pages,
        },
        "notices": list(agreement.notices),
        "front_matter": [
            {"kind": f.kind.value, "page": f.page_start, "page_end": f.page_end, "text": f.text}
            for f in agreement.front_matter
        ],
        "articles": [unit_to_json(u) for u in agreement.units],
        "footnotes": [
            {"label": f.label, "text": f.text, "page": f.page} for f in agreement.footnotes
        ],
    }
