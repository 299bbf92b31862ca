"""Contact statistics across cases: meetings, hours and kilometres per month and per case, and
hours by place (sted) and focus (fokus), from the meeting logs (moteskjema).

The sums are pure functions of ``Meeting`` lists (``CaseFile.meetings()`` counts every meeting
once however often a log is dropped); ``case_meetings`` is the only part that reads the store.
Nothing here carries a family member's name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from fpdocs.cases import Meeting, load_case
from fpdocs.store import Store

log = logging.getLogger("fpdocs")


@dataclass(frozen=True)
class CaseMeetings:
    saksnummer: str
    team: str
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class Totals:
    meetings: int = 0
    hours: float = 0.0
    km: float = 0.0

    def __add__(self, other: Totals) -> Totals:
        return Totals(self.meetings + other.meetings, self.hours + other.hours, self.km + other.km)

    def plus(self, meeting: Meeting) -> Totals:
        return Totals(
            self.meetings + 1, self.hours + meeting.varighet_timer, self.km + (meeting.km or 0.0)
        )


def month_of(day: date) -> date:
    return day.replace(day=1)


def case_meetings(store: Store) -> list[CaseMeetings]:
    """Every case's meetings; a case that cannot be read is logged by number and error type."""
    found = []
    for case in store.cases():
        try:
            case_file = load_case(store, case.saksnummer)
            meetings = tuple(case_file.meetings()) if case_file else ()
        except Exception as error:  # noqa: BLE001 - one broken case must not hide the others
            log.error("statistics skipped case=%s error=%s", case.saksnummer, type(error).__name__)
            continue
        found.append(CaseMeetings(case.saksnummer, case.team, meetings))
    return found


def totals(meetings: Iterable[Meeting]) -> Totals:
    result = Totals()
    for meeting in meetings:
        result = result.plus(meeting)
    return result


def by_month(meetings: Iterable[Meeting]) -> dict[date, Totals]:
    """Totals per calendar month (its first day), every month from the first meeting to the
    last included, so a month without contact shows as 0."""
    found: dict[date, Totals] = {}
    for meeting in meetings:
        month = month_of(meeting.dato)
        found[month] = found.get(month, Totals()).plus(meeting)
    return {month: found.get(month, Totals()) for month in _months(found)}


def by_case_and_month(cases: Sequence[CaseMeetings]) -> list[tuple[CaseMeetings, date, Totals]]:
    """Totals per case and month, for the months the case had meetings; by case, then month."""
    rows = []
    for case in sorted(cases, key=lambda c: c.saksnummer):
        found: dict[date, Totals] = {}
        for meeting in case.meetings:
            month = month_of(meeting.dato)
            found[month] = found.get(month, Totals()).plus(meeting)
        rows += [(case, month, found[month]) for month in sorted(found)]
    return rows


def cross(
    meetings: Iterable[Meeting], key: Callable[[Meeting], str]
) -> dict[date, dict[str, Totals]]:
    """Month -> category (``key``, e.g. the place) -> totals; every month in the span."""
    found: dict[date, dict[str, Totals]] = {}
    for meeting in meetings:
        cell = found.setdefault(month_of(meeting.dato), {})
        category = key(meeting)
        cell[category] = cell.get(category, Totals()).plus(meeting)
    return {month: found.get(month, {}) for month in _months(found)}


def _months(found: Iterable[date]) -> list[date]:
    months = sorted(found)
    if not months:
        return []
    span, month = [], months[0]
    while month <= months[-1]:
        span.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return span
