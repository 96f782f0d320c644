"""The PROPOSED sample agreement, written as edits to the EXPIRED one.

Every edit is recorded as it is applied, and the manifest of expected changes is computed from
those records and from the two resulting texts, so the documents and the manifest cannot drift.
Each edit checks that its target text occurs exactly as often as expected, so a change to the
source text that breaks an edit fails the build instead of silently producing a different sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resources.samples.markup import Source, SPara, STable, SUnit, parse_source, relabel


@dataclass
class Edit:
    """One textual edit inside a proposed unit."""

    key: str  # proposed unit key
    old: str
    new: str
    kind: str  # "number" | "substantive" | "cosmetic"
    unit: str | None = None  # for numbers: money, rate_per_hour, percent, hours, minutes, ...
    shown: tuple[str, str] | None = None  # the number as shown, when old/new carry context
    category: str | None = None
    count: int = 1  # how many times the text changed (a date printed twice changes twice)


@dataclass
class Log:
    edits: list[Edit] = field(default_factory=list)
    structural: list[dict[str, object]] = field(default_factory=list)
    moved_units: set[str] = field(default_factory=set)
    clause_moves: list[tuple[str, str, SPara, SPara]] = field(default_factory=list)
    added_paras: list[tuple[str, SPara]] = field(default_factory=list)


def _paras(unit: SUnit, prefix: str | None) -> list[SPara]:
    if prefix is None:
        return [p for p in unit.body if isinstance(p, SPara)]
    return [unit.para(prefix)]


def replace(
    src: Source,
    log: Log,
    key: str,
    old: str,
    new: str,
    kind: str,
    *,
    unit: str | None = None,
    para: str | None = None,
    count: int = 1,
    shown: tuple[str, str] | None = None,
    category: str | None = None,
) -> None:
    target = src.unit(key)
    paras = _paras(target, para)
    found = sum(p.text.count(old) for p in paras)
    if found != count:
        raise ValueError(f"{key}: {old!r} occurs {found} times, expected {count}")
    for p in paras:
        p.text = p.text.replace(old, new)
    log.edits.append(Edit(key, old, new, kind, unit, shown, category, count))


def number(src: Source, log: Log, key: str, old: str, new: str, unit: str, **kw: object) -> None:
    replace(src, log, key, old, new, "number", unit=unit, **kw)  # type: ignore[arg-type]


def add_para(src: Source, log: Log, key: str, after: str | None, para: SPara) -> None:
    """Insert ``para`` after the paragraph starting with ``after`` (at the end when None)."""
    target = src.unit(key)
    pos = len(target.body) if after is None else target.index(after) + 1
    target.body.insert(pos, para)
    log.added_paras.append((key, para))


def new_unit(kind: str, key: str, title: str, lines: list[str], lettered: bool = False) -> SUnit:
    parsed = parse_source(f"@{kind} {key} | {title}\n" + "\n".join(lines)).units[0]
    return SUnit(kind, key, title, parsed.body, lettered, ())


def _insert_after(src: Source, unit: SUnit, after: str) -> None:
    src.units.insert(src.units.index(src.unit(after)) + 1, unit)


def curly_quotes(text: str) -> str:
    out = []
    open_double = True
    for i, ch in enumerate(text):
        if ch == '"':
            out.append("“" if open_double else "”")
            open_double = not open_double
        elif ch == "'":
            prev = text[i - 1] if i else " "
            out.append("‘" if prev.isspace() else "’")
        else:
            out.append(ch)
    return "".join(out)


def build_proposed(expired: Source) -> tuple[Source, Log]:
    src = expired.copy()
    log = Log()
    r = lambda *a, **k: replace(src, log, *a, **k)  # noqa: E731
    n = lambda *a, **k: number(src, log, *a, **k)  # noqa: E731

    # --- Structure -------------------------------------------------------------------------
    # An article moved from near the end to second place: every article between renumbers.
    moved = src.unit("non-discrimination")
    src.units.remove(moved)
    _insert_after(src, moved, "recognition")
    log.moved_units.add("non-discrimination")
    log.structural.append(
        {"op": "move_article", "key": "non-discrimination", "after": "recognition"}
    )

    # A new article inserted in the middle: every later article renumbers.
    _insert_after(
        src,
        new_unit(
            "article",
            "remote-work",
            "REMOTE POST-PRODUCTION WORK",
            [
                "1. An employee in a post-production or visual effects classification may, by mutual agreement with the Producer, perform work at a remote location other than the Producer's premises.",
                "2. Remote work shall be compensated at the rates of this Agreement, and all hours worked remotely shall be reported and shall be subject to Health Plan and Pension Plan contributions.",
                "3. The Producer shall furnish, or reimburse the employee for, the equipment and secure network connection required for remote work, including a monthly allowance of $50.00 for internet service.",
                "4. An employee working remotely shall not be required to be available for work for more than ten (10) hours in a work day, exclusive of meal periods, without the overtime compensation provided by {ref:overtime}.",
            ],
        ),
        "seniority",
    )
    log.structural.append({"op": "insert_article", "key": "remote-work", "after": "seniority"})

    # A new lettered article: no renumbering.
    _insert_after(
        src,
        new_unit(
            "article",
            "parental-leave",
            "PAID PARENTAL LEAVE",
            [
                "1. An employee who has worked not less than six hundred (600) hours for the Producer in the preceding twelve (12) months shall be entitled to up to twelve (12) weeks of parental leave following the birth, adoption or foster placement of a child.",
                "2. During the first two (2) weeks of parental leave the Producer shall pay the employee sixty percent (60%) of the employee's average weekly straight time earnings; the remainder of the leave shall be unpaid.",
                "3. An employee returning from parental leave shall be restored to the same or an equivalent position and shall retain all seniority accrued before the leave, as provided in {ref:seniority}.",
            ],
            lettered=True,
        ),
        "sick-leave",
    )
    log.structural.append(
        {"op": "add_lettered_article", "key": "parental-leave", "after": "sick-leave"}
    )

    # A deleted article and a deleted sideletter.
    src.units.remove(src.unit("retro"))
    log.structural.append({"op": "delete_article", "key": "retro"})
    src.units.remove(src.unit("sl-rest-study"))
    log.structural.append({"op": "delete_sideletter", "key": "sl-rest-study"})

    # A new sideletter that takes the deleted one's number (4): alignment must not go by number.
    src.units.insert(
        src.units.index(src.unit("sl-low-budget")) + 1,
        new_unit(
            "sideletter",
            "sl-virtual",
            "VIRTUAL PRODUCTION",
            [
                "Dated as of August 1, 2024",
                "Studio Crafts and Technicians Union, Local 912",
                "Re: Virtual Production Stages",
                "Ladies and Gentlemen:",
                "Work on LED volume stages, including the operation of real-time rendering systems and camera tracking systems, shall be performed by employees in the classification of Virtual Production Technician listed in Exhibit A.",
                "The parties shall review the staffing of virtual production stages within twelve (12) months after the effective date of this Agreement.",
                "Please indicate your agreement by signing below.",
            ],
        ),
    )
    log.structural.append({"op": "add_sideletter", "key": "sl-virtual"})

    # Retitled article, with a small edit.
    src.unit("credits").title = "SCREEN AND DIGITAL CREDITS"
    log.structural.append(
        {"op": "retitle", "key": "credits", "title": "SCREEN AND DIGITAL CREDITS"}
    )
    r(
        "credits",
        "in the main or end titles of each",
        "in the main or end titles, or on the digital credits page of a program distributed on a platform that does not display end titles, of each",
        "substantive",
        category="credits",
    )

    # One article split in two: travel keeps Sections 1-2, a new Distant Location article
    # takes the rest, its (a)-(c) promoted to numbered sections.
    travel = src.unit("travel")
    travel.title = "STUDIO ZONE AND TRAVEL"
    cut = travel.index("Distant Location.")
    tail = travel.body[cut + 1 :]
    del travel.body[cut:]
    for p in tail:
        if isinstance(p, SPara) and p.level == 2:
            p.level, p.label = 1, "x."
    distant = SUnit("article", "distant-location", "DISTANT LOCATION", tail, False, ("travel",))
    src.units.insert(src.units.index(travel) + 1, distant)
    log.structural.append({"op": "split", "key": "travel", "into": ["travel", "distant-location"]})
    n("distant-location", "$60.00", "$75.00", "money", category="travel_location")
    n("travel", "$0.56 per mile", "$0.67 per mile", "money", category="travel_location")

    # Two articles merged into one.
    access = src.unit("access")
    stewards = src.unit("stewards")
    access.body.extend(stewards.body)
    access.title = "UNION ACCESS AND STEWARDS"
    access.origin = ("access", "stewards")
    src.units.remove(stewards)
    log.structural.append({"op": "merge", "keys": ["access", "stewards"], "into": "access"})

    # A clause moved to another article and edited: turnaround leaves Hours of Work for Rest
    # Periods, with a longer rest and a higher penalty.
    hours = src.unit("hours")
    old_clause = hours.para("Rest Period Between Calls")
    moved_clause = SPara(old_clause.text, old_clause.label, old_clause.level)
    hours.body.remove(old_clause)
    rest = src.unit("rest-periods")
    rest.body.insert(rest.index("When the nature of the work") + 1, moved_clause)
    moved_clause.text = moved_clause.text.replace(
        "Rest Period Between Calls (Turnaround).", "Daily Rest Period (Turnaround)."
    )
    r(
        "rest-periods",
        "not less than ten (10) hours between",
        "not less than twelve (12) hours between",
        "number",
        unit="hours",
        shown=("ten (10) hours", "twelve (12) hours"),
        category="rest_periods",
    )
    r(
        "rest-periods",
        "shall be paid at the employee's straight time hourly rate in addition",
        "shall be paid at two (2) times the employee's straight time hourly rate in addition",
        "substantive",
        category="rest_periods",
    )
    log.clause_moves.append(("hours", "rest-periods", old_clause, moved_clause))

    # --- Numbers and substantive edits, article by article ----------------------------------
    n(
        "rest-periods",
        "ten (10) minutes",
        "fifteen (15) minutes",
        "minutes",
        category="rest_periods",
    )
    n(
        "rest-periods",
        "fifty-two (52) consecutive hours",
        "fifty-four (54) consecutive hours",
        "hours",
        category="rest_periods",
    )

    n("meal-periods", "$12.50", "$15.00", "money", para="for the third", category="meal_periods")
    n("meal-periods", "$10.00", "$12.50", "money", para="for the second", category="meal_periods")
    n("meal-periods", "$7.50", "$10.00", "money", para="for the first", category="meal_periods")
    n("meal-periods", "$15.00", "$20.00", "money", para="Second Meal.", category="meal_periods")
    n(
        "meal-periods",
        "within two (2) hours",
        "within one (1) hour",
        "hours",
        shown=("two (2) hours", "one (1) hour"),
        category="meal_periods",
    )
    r(
        "meal-periods",
        "after the end of the preceding meal period.",
        "after the end of the preceding meal period. A meal period that is interrupted by a call back to work shall be deemed not to have been given.",
        "substantive",
        category="meal_periods",
    )

    n(
        "night-premiums",
        "ten percent (10%)",
        "fifteen percent (15%)",
        "percent",
        category="hours_overtime",
    )

    n(
        "wages",
        "three percent (3%)",
        "seven percent (7%)",
        "percent",
        para="effective August 1, 2021",
        category="wages",
    )
    n(
        "wages",
        "three percent (3%)",
        "four percent (4%)",
        "percent",
        para="effective August 1, 2022",
        category="wages",
    )
    n(
        "wages",
        "three percent (3%)",
        "three and one-half percent (3.5%)",
        "percent",
        para="effective August 1, 2023",
        category="wages",
    )
    n(
        "wages",
        "August 1, 2021",
        "August 1, 2024",
        "date",
        para="effective August 1, 2021",
        category="wages",
    )
    n(
        "wages",
        "August 1, 2022",
        "August 1, 2025",
        "date",
        para="effective August 1, 2022",
        category="wages",
    )
    n(
        "wages",
        "August 1, 2023",
        "August 1, 2026",
        "date",
        para="effective August 1, 2023",
        category="wages",
    )
    n(
        "wages",
        "$25.00 for each day",
        "$30.00 for each day",
        "money",
        shown=("$25.00", "$30.00"),
        category="wages",
    )
    r(
        "wages",
        "Wages shall be paid weekly, not later",
        "Wages shall be paid weekly, by direct deposit or by check at the employee's election, not later",
        "substantive",
        category="payroll_timekeeping",
    )

    n("health", "$5.85 per hour", "$6.35 per hour", "rate_per_hour", category="pension_health")
    n(
        "health",
        "four hundred (400) hours",
        "three hundred fifty (350) hours",
        "hours",
        para="Employees who have worked",
        category="pension_health",
    )
    add_para(
        src,
        log,
        "health",
        None,
        SPara(
            "Effective August 1, 2025, the Producer shall contribute an additional $0.10 per hour for each hour worked or guaranteed, to fund the Health Plan's mental health and substance use program.",
            "5.",
            1,
        ),
    )

    n(
        "pension",
        "six and one-half percent (6.5%)",
        "seven percent (7%)",
        "percent",
        category="pension_health",
    )
    r(
        "pension",
        "but shall not be made on overtime premiums or meal penalties.",
        "and on overtime hours at the straight time rate, but shall not be made on overtime premiums or meal penalties.",
        "substantive",
        category="pension_health",
    )

    n("holidays", "eleven (11) days", "twelve (12) days", "count", category="holidays")
    r(
        "holidays",
        "Memorial Day, Independence Day",
        "Memorial Day, Juneteenth, Independence Day",
        "substantive",
        category="holidays",
    )

    n(
        "vacations",
        "shall be entitled to three (3) weeks.",
        "shall be entitled to four (4) weeks.",
        "weeks",
        shown=("three (3) weeks", "four (4) weeks"),
        category="vacation",
    )
    n("vacations", "two (2) weeks", "three (3) weeks", "weeks", category="vacation")

    n(
        "sick-leave",
        "forty (40) hours in any calendar year",
        "fifty-six (56) hours in any calendar year",
        "hours",
        shown=("forty (40) hours", "fifty-six (56) hours"),
        category="sick_leave",
    )
    n("sick-leave", "five (5) days", "seven (7) days", "days", category="sick_leave")
    r(
        "sick-leave",
        "or for the care of a family member.",
        "or for the care of a family member or designated person, or for purposes related to domestic violence, sexual assault or stalking.",
        "substantive",
        category="sick_leave",
    )

    n(
        "supplemental-markets",
        "four and one-half percent (4.5%)",
        "five and four-tenths percent (5.4%)",
        "percent",
        category="residuals",
    )
    r(
        "supplemental-markets",
        "basic cable and video-on-demand,",
        "basic cable, video-on-demand and free ad-supported streaming channels,",
        "substantive",
        category="residuals",
    )
    n(
        "supplemental-markets",
        "sixty (60) days",
        "forty-five (45) days",
        "days",
        category="residuals",
    )

    n(
        "new-media",
        "more than 20,000,000 subscribers",
        "more than 15,000,000 subscribers",
        "count",
        shown=("20,000,000", "15,000,000"),
        category="new_media_streaming",
    )
    n(
        "new-media",
        "with 20,000,000 or fewer",
        "with 15,000,000 or fewer",
        "count",
        shown=("20,000,000", "15,000,000"),
        category="new_media_streaming",
    )
    n(
        "new-media",
        "ninety percent (90%)",
        "ninety-five percent (95%)",
        "percent",
        category="new_media_streaming",
    )
    add_para(
        src,
        log,
        "new-media",
        "Derivative new media",
        SPara(
            "For each high budget SVOD program made available to subscribers outside the United States and Canada, the Producer shall pay to the Health Plan an additional amount equal to one percent (1%) of the license fee for such exhibition.",
            "5.",
            1,
        ),
    )

    n(
        "grievance",
        "within thirty (30) days after the grievant",
        "within forty-five (45) days after the grievant",
        "days",
        shown=("thirty (30) days", "forty-five (45) days"),
        category="grievance_arbitration",
    )
    n(
        "grievance",
        "seven (7) arbitrators",
        "nine (9) arbitrators",
        "count",
        category="grievance_arbitration",
    )

    n("term", "August 1, 2021", "August 1, 2024", "date", category="term_duration")
    n("term", "July 31, 2024", "July 31, 2027", "date", count=2, category="term_duration")

    for key in ("sl-new-media", "sl-ai", "sl-low-budget"):
        n(
            key,
            "Dated as of August 1, 2021",
            "Dated as of August 1, 2024",
            "date",
            shown=("August 1, 2021", "August 1, 2024"),
            category="term_duration",
        )
    n("sl-new-media", "$1,300,000", "$1,500,000", "money", category="new_media_streaming")
    n("sl-new-media", "$2,500,000", "$2,800,000", "money", category="new_media_streaming")
    n("sl-new-media", "$3,000,000", "$3,500,000", "money", category="new_media_streaming")

    r(
        "sl-ai",
        "Re: Artificial Intelligence Study Committee",
        "Re: Use of Artificial Intelligence",
        "substantive",
        category="technology_ai",
    )
    ai = src.unit("sl-ai")
    first = ai.para("The parties recognize")
    r(
        "sl-ai",
        first.text,
        "The Producer shall give the Union not less than thirty (30) days' written notice before introducing a generative artificial intelligence tool that performs work customarily performed by employees covered by this Agreement, and shall meet with the Union on request to discuss the effect of the tool on employment.",
        "substantive",
        category="technology_ai",
    )
    r(
        "sl-ai",
        "The committee shall have no authority to modify this Agreement.",
        "No employee shall be required to use a generative artificial intelligence tool to perform work, and no Producer shall use such a tool to reduce the minimum staffing required by this Agreement. The study committee established under the prior Agreement shall continue to meet not less than four (4) times a year.",
        "substantive",
        category="technology_ai",
    )

    # --- Cosmetic-only edits -----------------------------------------------------------------
    sec = src.unit("union-security")
    for p in sec.body:
        if isinstance(p, SPara) and ("'" in p.text or '"' in p.text):
            p.text = curly_quotes(p.text)
    log.edits.append(Edit("union-security", "straight quotes", "curly quotes", "cosmetic"))
    r("definitions", " // ", " ", "cosmetic")  # a manual line break re-wrapped away
    r("no-strike", "Producer's premises shall not", "Producer's  premises shall  not", "cosmetic")

    for u in src.units:
        if u.kind == "article":
            relabel(u)
    return src, log


def all_tables(src: Source) -> list[str]:
    return [p.name for u in src.units for p in u.body if isinstance(p, STable)]
