"""Compute the machine-readable manifest of the samples: every unit as printed, and every
expected pair, flag, clause move, number change and table cell change between them.

Everything here is derived from the two source models and the edit log of
:mod:`resources.samples.proposal`, never typed by hand, so tests can trust it.
"""

from __future__ import annotations

import re
from typing import Any

from parsers.numbering import normalise_label
from resources.samples.markup import (
    Source,
    SPara,
    SUnit,
    assign_numbers,
    footnote_keys,
    heading_lines,
    plain_text,
    references,
    resolve_refs,
)
from resources.samples.proposal import Log
from resources.samples.render import Version, closing_texts, cover_lines, preamble_texts
from resources.samples.tables import build_table, table_title

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def unit_id(kind: str, number: str) -> str:
    """The id parsers.structure gives a unit with this kind and printed number."""
    return f"{kind}-{normalise_label(number, numeric=kind == 'article')}"


def blocks(u: SUnit, numbers: dict[str, str], version: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in u.body:
        if isinstance(p, SPara):
            entry: dict[str, Any] = {
                "label": p.label,
                "level": p.level,
                "text": plain_text(p.text, numbers),
            }
            if footnote_keys(p.text):
                entry["footnotes"] = footnote_keys(p.text)
            out.append(entry)
        else:
            caption = table_title(p.name)
            if caption:
                out.append({"label": None, "level": 0, "text": caption})
            out.append({"table": p.name, "rows": build_table(p.name, version)})
    return out


def _keyed(u: SUnit, number: str) -> str:
    """Unit text with references left symbolic, quotes and whitespace folded and the article's
    own number taken out of decimal section labels ("3.1" in Article 3): equal keyed texts with
    unequal printed texts mean a cosmetic-only change."""
    parts = []
    for p in u.body:
        if isinstance(p, SPara):
            t = p.text.replace(" // ", " ").translate(_QUOTES)
            label = p.label or ""
            if label.startswith(f"{number}.") and label[len(number) + 1 :][:1].isdigit():
                label = "#" + label[len(number) :]
            parts.append(f"{label} {' '.join(t.split())}")
        else:
            parts.append(f"@table {p.name}")
    return "\n".join(parts)


def _printed(u: SUnit, numbers: dict[str, str], version: str) -> str:
    """Unit text exactly as printed (references resolved, line breaks and quotes kept)."""
    parts = []
    for p in u.body:
        if isinstance(p, SPara):
            parts.append(f"{p.label or ''} {resolve_refs(p.text, numbers)}")
        else:
            parts.append(repr(build_table(p.name, version)))
    return "\n".join(parts)


def version_entry(src: Source, v: Version) -> dict[str, Any]:
    numbers = assign_numbers(src)
    articles = [u.key for u in src.units if u.kind == "article"]
    units = []
    for u in src.units:
        num = numbers[u.key]
        heading = heading_lines(u.kind, num, u.title, src.heading)
        units.append(
            {
                "key": u.key,
                "kind": u.kind,
                "number": num,
                "title": u.title,
                "heading": heading,
                "id": unit_id(u.kind, num),
                "origin": list(u.origin),
                "blocks": blocks(u, numbers, v.name),
                "closing": closing_texts(u.kind, u.key == articles[-1], v),
            }
        )
    return {
        "cover": cover_lines(v),
        "preamble": preamble_texts(v),
        "units": units,
        "footnotes": [
            {"key": k, "text": t}
            for k, t in src.footnotes.items()
            if any(
                k in footnote_keys(p.text)
                for u in src.units
                for p in u.body
                if isinstance(p, SPara)
            )
        ],
    }


def _table_changes(name: str) -> dict[str, Any]:
    old = build_table(name, "expired")
    new = build_table(name, "proposed")
    old_rows = {r[0]: r for r in old[1:]}
    new_rows = {r[0]: r for r in new[1:]}
    cells = []
    for key in old_rows.keys() & new_rows.keys():
        for col in range(1, min(len(old[0]), len(new[0]))):
            a, b = old_rows[key][col], new_rows[key][col]
            if a != b:
                cells.append(
                    {
                        "row": key,
                        "column": col,
                        "header_old": old[0][col],
                        "header_new": new[0][col],
                        "old": a,
                        "new": b,
                    }
                )
    cells.sort(key=lambda c: (list(new_rows).index(c["row"]), c["column"]))
    return {
        "table": name,
        "header_old": old[0],
        "header_new": new[0],
        "rows_added": [k for k in new_rows if k not in old_rows],
        "rows_deleted": [k for k in old_rows if k not in new_rows],
        "cells_changed": cells,
    }


def compare_sources(expired: Source, proposed: Source, log: Log) -> dict[str, Any]:
    """Expected pairs, clause moves and table changes between two versions of a source."""
    en = assign_numbers(expired)
    pn = assign_numbers(proposed)
    e_units = {u.key: u for u in expired.units}
    p_units = {u.key: u for u in proposed.units}
    descendants: dict[str, list[str]] = {k: [] for k in e_units}
    for u in proposed.units:
        for o in u.origin:
            descendants[o].append(u.key)

    def ref(side: str, key: str) -> dict[str, str]:
        u = e_units[key] if side == "expired" else p_units[key]
        num = (en if side == "expired" else pn)[key]
        return {
            "key": key,
            "kind": u.kind,
            "number": num,
            "title": u.title,
            "id": unit_id(u.kind, num),
        }

    pairs: list[dict[str, Any]] = []
    seen_merged: set[str] = set()
    for key in e_units:
        desc = descendants[key]
        if not desc:
            pairs.append({"relation": "deleted", "expired": [ref("expired", key)], "proposed": []})
            continue
        if len(desc) > 1:
            pairs.append(
                {
                    "relation": "split",
                    "expired": [ref("expired", key)],
                    "proposed": [ref("proposed", d) for d in desc],
                }
            )
            continue
        target = p_units[desc[0]]
        if len(target.origin) > 1:
            if target.key in seen_merged:
                continue
            seen_merged.add(target.key)
            pairs.append(
                {
                    "relation": "merged",
                    "expired": [ref("expired", o) for o in target.origin],
                    "proposed": [ref("proposed", target.key)],
                }
            )
            continue
        pairs.append(
            {
                "relation": "matched",
                "expired": [ref("expired", key)],
                "proposed": [ref("proposed", target.key)],
            }
        )
    for key, u in p_units.items():
        if not u.origin:
            pairs.append({"relation": "added", "expired": [], "proposed": [ref("proposed", key)]})

    for pair in pairs:
        e_keys = [r["key"] for r in pair["expired"]]
        p_keys = [r["key"] for r in pair["proposed"]]
        flags: list[str] = []
        if pair["relation"] == "matched":
            e, p = e_units[e_keys[0]], p_units[p_keys[0]]
            if en[e.key] != pn[p.key]:
                flags.append("renumbered")
            if p.key in log.moved_units:
                flags.append("moved")
            if e.title != p.title:
                flags.append("retitled")
            if _printed(e, en, "expired") == _printed(p, pn, "proposed"):
                change = "unchanged"
            elif _keyed(e, en[e.key]) == _keyed(p, pn[p.key]) and not _tables_differ(e):
                change = "cosmetic"
            else:
                change = "substantive"
            pair["cross_references"] = [
                {"target": k, "old": f"Article {en[k]}", "new": f"Article {pn[k]}"}
                for kind, k in dict.fromkeys(
                    r for para in e.body if isinstance(para, SPara) for r in references(para.text)
                )
                if kind == "ref" and k in pn and en[k] != pn[k]
            ]
        elif pair["relation"] in ("split", "merged"):
            # Text carried over verbatim (only clause labels renumbered) is a cosmetic change.
            old_text = _body_words([e_units[k] for k in e_keys])
            new_text = _body_words([p_units[k] for k in p_keys])
            change = "cosmetic" if old_text == new_text else "substantive"
        else:
            change = "substantive"
        pair["flags"] = flags
        pair["change"] = change
        edits = [ed for ed in log.edits if ed.key in p_keys]
        pair["number_changes"] = [
            {
                "old": (ed.shown or (ed.old, ed.new))[0],
                "new": (ed.shown or (ed.old, ed.new))[1],
                "unit": ed.unit,
                "old_value": number_value((ed.shown or (ed.old, ed.new))[0]),
                "new_value": number_value((ed.shown or (ed.old, ed.new))[1]),
                "in": ed.key,
                "occurrences": ed.count,
            }
            for ed in edits
            if ed.kind == "number"
        ]
        pair["categories"] = sorted({ed.category for ed in edits if ed.category})
        pair["cosmetic_edits"] = [
            {"old": ed.old, "new": ed.new} for ed in edits if ed.kind == "cosmetic"
        ]

    clause_moves = []
    for src_key, dst_key, old, new in log.clause_moves:
        clause_moves.append(
            {
                "from": ref("expired", src_key),
                "from_label": old.label,
                "to": ref("proposed", dst_key),
                "to_label": new.label,
                "old_text": plain_text(old.text, en),
                "new_text": plain_text(new.text, pn),
                "edited": plain_text(old.text, en) != plain_text(new.text, pn),
            }
        )
    tables = sorted({p.name for u in expired.units for p in u.body if not isinstance(p, SPara)})
    return {
        "pairs": pairs,
        "clause_moves": clause_moves,
        "table_changes": [_table_changes(t) for t in tables],
        "structural_edits": log.structural,
    }


def build_manifest(
    expired: Source, proposed: Source, log: Log, files: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    from resources.samples.render import EXPIRED, PROPOSED

    return {
        "about": (
            "Generated by `python -m resources.samples.build` from expired_source.txt and "
            "proposal.py; do not edit by hand. Fictional parties; original text."
        ),
        "files": files,
        "expired": version_entry(expired, EXPIRED),
        "proposed": version_entry(proposed, PROPOSED),
        **compare_sources(expired, proposed, log),
    }


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DATE_RE = re.compile(rf"({'|'.join(_MONTHS)}) (\d{{1,2}}), (\d{{4}})")
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2}) ([ap])\.m\.")


def number_value(phrase: str) -> str:
    """The quantity a number phrase states, canonical: "ten (10) hours" -> "10", "$7.50" ->
    "7.50", "August 1, 2021" -> "2021-08-01", "6:00 p.m." -> "18:00"; for comparing with an
    engine that prints numbers its own way."""
    m = _DATE_RE.search(phrase)
    if m:
        month = _MONTHS.index(m.group(1)) + 1
        return f"{m.group(3)}-{month:02d}-{int(m.group(2)):02d}"
    m = _TIME_RE.search(phrase)
    if m:
        hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
        return f"{hour:02d}:{m.group(2)}"
    m = re.search(r"\((\d[\d,.]*)%?\)", phrase) or re.search(r"(\d[\d,]*(?:\.\d+)?)", phrase)
    if not m:
        raise ValueError(f"no number in {phrase!r}")
    return m.group(1).replace(",", "")


def _body_words(units: list[SUnit]) -> list[str]:
    """The words of some units' paragraphs in order, without clause labels or headings."""
    words: list[str] = []
    for u in units:
        for p in u.body:
            if isinstance(p, SPara):
                words.extend(p.text.replace(" // ", " ").translate(_QUOTES).split())
            else:
                words.append(f"@table:{p.name}")
    return words


def _tables_differ(u: SUnit) -> bool:
    return any(
        build_table(p.name, "expired") != build_table(p.name, "proposed")
        for p in u.body
        if not isinstance(p, SPara)
    )
