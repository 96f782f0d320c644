"""The tables of the sample agreements, computed from base rates and negotiated increases.

Rates are derived rather than typed so that both agreements' wage tables and the manifest's
expected cell changes come from the same numbers. Money is rounded half-up to the cent, as
payroll does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Rows = list[list[str]]


@dataclass(frozen=True)
class WageTerms:
    """One agreement's increases: effective dates (as printed) and percentage increases."""

    dates: tuple[str, ...]
    raises: tuple[Decimal, ...]


EXPIRED_TERMS = WageTerms(
    ("8/1/2021", "8/1/2022", "8/1/2023"), (Decimal("3"), Decimal("3"), Decimal("3"))
)
PROPOSED_TERMS = WageTerms(
    ("8/1/2024", "8/1/2025", "8/1/2026"), (Decimal("7"), Decimal("4"), Decimal("3.5"))
)

# Hourly rates in force on July 31, 2021, before the first increase of the expired agreement.
PRODUCTION_BASE: list[tuple[str, str]] = [
    ("Production Sound Mixer", "62.40"),
    ("Boom Operator", "45.16"),
    ("Utility Sound Technician", "38.92"),
    ("Chief Lighting Technician", "48.85"),
    ("Assistant Chief Lighting Technician", "43.10"),
    ("Lighting Technician", "40.66"),
    ("Generator Operator", "41.90"),
    ("Key Grip", "48.85"),
    ("Best Boy Grip", "43.10"),
    ("Dolly Grip", "43.10"),
    ("Company Grip", "40.66"),
    ("Property Master", "47.72"),
    ("Assistant Property Master", "41.83"),
    ("Set Dresser", "39.55"),
    ("Lead Person", "42.28"),
    ("Costume Supervisor", "44.95"),
    ("Set Costumer", "40.02"),
    ("Film Loader", "33.61"),
    ("Digital Imaging Technician", "52.37"),
    ("Video Assist Operator", "39.81"),
    ("Script Supervisor", "46.29"),
    ("Craft Service", "31.74"),
]
STUDIO_BASE: list[tuple[str, str]] = [
    ("Construction Coordinator", "51.06"),
    ("Propmaker Foreperson", "46.42"),
    ("Propmaker", "41.29"),
    ("Paint Foreperson", "46.03"),
    ("Scenic Artist", "44.76"),
    ("Painter", "39.96"),
    ("Plasterer", "40.48"),
    ("Greens Foreperson", "42.17"),
    ("Greensperson", "37.35"),
    ("Laborer", "32.10"),
    ("Warehouse Person", "30.88"),
    ("Sign Writer", "41.12"),
]
# A classification the proposed agreement adds; its rate starts in the proposed tables only.
NEW_CLASSIFICATION = ("Virtual Production Technician", "51.50")
# A classification the proposed agreement drops.
DROPPED_CLASSIFICATION = "Film Loader"
SUMMARY_CLASSES = (
    "Production Sound Mixer",
    "Chief Lighting Technician",
    "Key Grip",
    "Property Master",
    "Construction Coordinator",
    "Craft Service",
)


def money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def schedule(base: Decimal, raises: tuple[Decimal, ...]) -> list[Decimal]:
    rates: list[Decimal] = []
    rate = base
    for pct in raises:
        rate = money(rate * (Decimal(100) + pct) / Decimal(100))
        rates.append(rate)
    return rates


def _rates(version: str, base: list[tuple[str, str]]) -> dict[str, list[Decimal]]:
    out: dict[str, list[Decimal]] = {}
    for name, rate in base:
        expired = schedule(Decimal(rate), EXPIRED_TERMS.raises)
        if version == "expired":
            out[name] = expired
        elif name != DROPPED_CLASSIFICATION:
            out[name] = schedule(expired[-1], PROPOSED_TERMS.raises)
    return out


def _wage_table(version: str, base: list[tuple[str, str]], extra: bool) -> Rows:
    terms = EXPIRED_TERMS if version == "expired" else PROPOSED_TERMS
    rates = _rates(version, base)
    if version == "proposed" and extra:
        name, rate = NEW_CLASSIFICATION
        rates[name] = [Decimal(rate), *schedule(Decimal(rate), terms.raises[1:])]
    rows: Rows = [["Classification", *(f"Effective {d}" for d in terms.dates)]]
    for name, values in rates.items():
        rows.append([name, *(f"${v}" for v in values)])
    return rows


PRODUCERS: Rows = [
    ["Producer", "Principal Office"],
    ["Bayside Pictures, Inc.", "Santa Lucia"],
    ["Cormorant Television LLC", "Santa Lucia"],
    ["Driftwood Features Corp.", "Port Alder"],
    ["Eastlake Studios LLC", "Santa Lucia"],
    ["Goldfinch Media Productions, Inc.", "Marisol"],
    ["Harrow Lane Entertainment LLC", "Santa Lucia"],
    ["Ironbark Films, Inc.", "Port Alder"],
    ["Juniper Street Productions LLC", "Santa Lucia"],
    ["Kestrel Bay Television, Inc.", "Marisol"],
    ["Lantern Hill Pictures Corp.", "Santa Lucia"],
]


def build_table(name: str, version: str) -> Rows:
    """Rows of the named table in ``version`` ("expired" or "proposed"); row 0 is the header."""
    if name == "schedule-production":
        return _wage_table(version, PRODUCTION_BASE, extra=True)
    if name == "schedule-studio":
        return _wage_table(version, STUDIO_BASE, extra=False)
    if name == "wages-summary":
        full = _wage_table(version, PRODUCTION_BASE + STUDIO_BASE, extra=False)
        return [full[0]] + [r for r in full[1:] if r[0] in SUMMARY_CLASSES]
    if name == "producers":
        rows = [list(r) for r in PRODUCERS]
        if version == "proposed":
            rows.insert(4, ["Dunmore Street Studios LLC", "Santa Lucia"])
        return rows
    raise KeyError(name)


def table_title(name: str) -> str | None:
    return {
        "schedule-production": "Production Classifications (Schedule A-1), rates per hour",
        "schedule-studio": "Studio Crafts Classifications (Schedule A-2), rates per hour",
    }.get(name)
