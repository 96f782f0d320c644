"""Generated agreements (plain text) for driving the real window through the real engine.

Every article has numbered clauses; the proposed version raises some amounts, adds words to
others, makes one typographic (cosmetic) edit, deletes one article and adds one, so the
comparison has every status the navigator shows. All text is invented here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TOPICS = [
    ("WAGES", "Employees shall be paid a base rate of ${amount} per hour for all hours worked"),
    ("HOURS OF WORK", "The normal work week shall consist of {count} hours over five days"),
    ("OVERTIME", "Overtime shall be paid at {count} and one half times the straight rate"),
    ("HOLIDAYS", "The Employer shall recognise {count} paid holidays in each calendar year"),
    ("VACATIONS", "Employees shall accrue {count} days of paid vacation for each year of service"),
    ("SICK LEAVE", "Employees shall earn {count} hours of paid sick leave for each month"),
    ("MEAL PERIODS", "A meal penalty of ${amount} shall be paid for each half hour of delay"),
    (
        "SENIORITY",
        "Seniority shall be the length of continuous service in the unit for {count} years",
    ),
    ("GRIEVANCE PROCEDURE", "A grievance shall be filed within {count} working days of the event"),
    ("HEALTH PLAN", "The Employer shall contribute ${amount} per hour to the Health Plan"),
]


@dataclass(frozen=True)
class GeneratedPair:
    old: Path
    new: Path
    articles: int
    deleted: int  # number of the deleted article
    added_title: str


def _clauses(article: int, topic: int, *, proposed: bool, clauses: int) -> list[str]:
    _title, template = TOPICS[topic % len(TOPICS)]
    out = []
    for k in range(1, clauses + 1):
        amount = f"{10 + article + k}.50"
        count = str(3 + (article + k) % 7)
        if proposed and k == 1:
            amount = f"{12 + article + k}.00"  # a raise wherever the topic has an amount
            if article % 3 == 0:
                count = str(4 + (article + k) % 7)  # and a changed count in every third
        text = template.format(amount=amount, count=count)
        text += f" under clause {k} of this Article, as the parties have agreed."
        if proposed and k == 2 and article % 4 == 1:
            text = text.replace("as the parties", "as the Union and the Employer")
        if k == 3 and article == 2:
            text += ' The "Employer" means the signatory company.'
            if proposed:
                text = text.replace('"Employer"', "\u201cEmployer\u201d")  # cosmetic: quotes
        out.append(f"{article}.{k} {text}")
    return out


def write_agreements(
    folder: Path, *, articles: int = 10, clauses: int = 3, pages: int = 1
) -> GeneratedPair:
    """Write ``old.txt`` and ``new.txt`` into ``folder``; ``pages`` > 1 adds form feeds."""
    deleted = articles - 1
    added_title = "REMOTE WORK"
    old_parts = ["COLLECTIVE AGREEMENT BETWEEN THE EMPLOYER AND THE UNION"]
    new_parts = list(old_parts)
    per_page = max(1, articles // max(pages, 1))
    for a in range(1, articles + 1):
        title = TOPICS[(a - 1) % len(TOPICS)][0]
        heading = f"ARTICLE {a} {title}"
        old_parts.append(heading)
        old_parts.extend(_clauses(a, a - 1, proposed=False, clauses=clauses))
        if a != deleted:
            new_parts.append(heading)
            new_parts.extend(_clauses(a, a - 1, proposed=True, clauses=clauses))
        if a % per_page == 0 and a < articles:
            old_parts.append("\f")
            new_parts.append("\f")
    new_parts.append(f"ARTICLE {articles + 1} {added_title}")
    new_parts.append(
        f"{articles + 1}.1 Employees may work remotely with the written agreement of their "
        "supervisor, and the Employer shall reimburse internet costs of $50.00 per month."
    )
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / "old.txt"
    new = folder / "new.txt"
    old.write_text(_join(old_parts), encoding="utf-8")
    new.write_text(_join(new_parts), encoding="utf-8")
    return GeneratedPair(old, new, articles, deleted, added_title)


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text += part if part == "\f" else part + "\n\n"
    return text
