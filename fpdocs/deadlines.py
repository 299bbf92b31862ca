"""Deadlines across all cases: every case's calendar, as one list staff can filter.

The rows carry case numbers, teams, item kinds and member keys ("barn-1"), never a family
member's name. The familiepartner names are on the row only so the overviews can group and
filter by them (sheet names, ``--familiepartner``); they never go into a file name or a log line.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from fpdocs.calendar.plan import STATUS_DONE, STATUS_DUE, STATUS_NOT_YET_DUE, STATUS_OVERDUE
from fpdocs.cases import CaseFile, load_case
from fpdocs.config import Settings
from fpdocs.store import Store

log = logging.getLogger("fpdocs")

#: The calendar's status codes as staff read them.
STATUS_NAMES: dict[str, str] = {
    STATUS_OVERDUE: "Forfalt",
    STATUS_DUE: "Snart",
    STATUS_NOT_YET_DUE: "Senere",
    STATUS_DONE: "Utført",
}


@dataclass(frozen=True, slots=True)  # slots: a thousand cases are tens of thousands of rows
class DeadlineRow:
    saksnummer: str
    team: str
    familiepartnere: tuple[str, ...]  # names: for grouping and filters only
    kind: str
    label: str  # Norwegian, from the calendar
    due: date
    status: str  # done | overdue | due | not_yet_due
    member: str | None  # "barn-1", "foresatt-2" ...; None for the case as a whole
    done_by: str | None  # sha256 of the document that satisfied the item
    time_point: str | None = None
    done_on: date | None = None
    ref: str | None = None  # a task's reference
    uid: str = ""  # stable calendar UID, see ``_uids``

    @property
    def is_open(self) -> bool:
        return self.status != STATUS_DONE

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)

    @property
    def who(self) -> str:
        """The "Gjelder" column: the member key as in file names, or the case as a whole."""
        return self.member or "Hele saken"

    def key(self) -> tuple[str, ...]:
        """What identifies the item over time (the calendar UID is made from it). Not the due
        date: when a date moves (an extension, a placement), the event in staff's calendars
        must move with it, not stay behind beside a new one."""
        return (
            self.saksnummer,
            self.kind,
            self.member or "",
            self.time_point or "",
            self.ref or "",
        )

    def json(self) -> dict[str, str | None]:
        return {
            "saksnummer": self.saksnummer,
            "team": self.team,
            "kind": self.kind,
            "due": self.due.isoformat(),
            "status": self.status,
            "member": self.member,
            "done_by": self.done_by,
        }


def person_key(name: str) -> str:
    """A name compared without regard to case or spacing."""
    return " ".join(name.split()).casefold()


def rows_of(case_file: CaseFile, today: date, settings: Settings) -> list[DeadlineRow]:
    """One case's calendar as rows."""
    plan = case_file.plan(today, settings.kalender)
    partners = tuple(p.navn for p in case_file.intake.familiepartnere)
    rows = [
        DeadlineRow(
            saksnummer=case_file.case.saksnummer,
            team=case_file.case.team,
            familiepartnere=partners,
            kind=item.kind,
            label=item.label,
            due=item.due,
            status=item.status,
            member=item.member,
            done_by=item.done_by,
            time_point=item.time_point,
            done_on=item.done_on,
            ref=item.ref,
        )
        for item in plan.items
    ]
    return [replace(row, uid=uid) for row, uid in zip(rows, _uids(rows), strict=True)]


def due_items(
    store: Store,
    settings: Settings,
    today: date,
    *,
    team: str | None = None,
    case: str | None = None,
    familiepartner: str | None = None,
    within_days: int | None = None,
    include_done: bool = False,
) -> list[DeadlineRow]:
    """Every case's items, filtered and sorted by date (then case number).

    ``familiepartner`` matches any part of a familiepartner's name, ignoring case;
    ``within_days`` keeps items due on or before ``today + within_days`` (overdue ones included);
    done items are left out unless ``include_done``.
    """
    wanted = person_key(familiepartner) if familiepartner else None
    last_day = today + timedelta(days=within_days) if within_days is not None else None
    rows: list[DeadlineRow] = []
    for stored in store.cases():
        if (team is not None and stored.team != team) or (
            case is not None and stored.saksnummer != case
        ):
            continue
        case_file = _load(store, stored.saksnummer)
        if case_file is None:
            continue
        if wanted is not None and not any(
            wanted in person_key(p.navn) for p in case_file.intake.familiepartnere
        ):
            continue
        rows += [
            row
            for row in rows_of(case_file, today, settings)
            if (include_done or row.is_open) and (last_day is None or row.due <= last_day)
        ]
    return sorted(rows, key=_order)


def _load(store: Store, saksnummer: str) -> CaseFile | None:
    """A case that cannot be read (a stored document no longer validates) is left out of the
    overviews and logged by case number and error type; the other cases still count."""
    try:
        return load_case(store, saksnummer)
    except Exception as error:  # noqa: BLE001 - one broken case must not hide all the others
        log.error("deadlines skipped case=%s error=%s", saksnummer, type(error).__name__)
        return None


def _order(row: DeadlineRow) -> tuple[object, ...]:
    return (row.due, row.saksnummer, row.kind, row.member or "", row.time_point or "", row.label)


def _uids(rows: Iterable[DeadlineRow]) -> list[str]:
    """A stable calendar UID per item of one case, from (case, kind, member, time point, task).

    Items that share all of these (the start home visits) are told apart by their order among
    the case's items, which the calendar keeps stable whether they are done or not. A task's key
    is its text key, so a task restated in later minutes keeps its UID."""
    seen: dict[tuple[str, ...], int] = {}
    uids = []
    for row in rows:
        key = row.key()
        n = seen.get(key, 0)
        seen[key] = n + 1
        text = "\x1f".join((*key, str(n)))
        uids.append("frist-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32])
    return uids
