"""The cross-case overviews in outbox/oversikt/: deadlines as a spreadsheet and as a calendar
file Outlook can import, and the contact statistics from the meeting logs.

Written anew after every processed document and once a day by the watcher (statuses change with
the date even when no form arrives). Each file is written to a temporary name and renamed into
place, so staff never open a half-written file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fpdocs import files
from fpdocs.config import Settings
from fpdocs.deadlines import DeadlineRow, due_items
from fpdocs.render.ics import calendar_parts
from fpdocs.render.sheets import deadlines_workbook, statistics_workbook
from fpdocs.statistics import case_meetings
from fpdocs.store import Store

log = logging.getLogger("fpdocs")

FOLDER = "oversikt"
DEADLINES_XLSX = "frister.xlsx"
DEADLINES_ICS = "frister.ics"
STATISTICS_XLSX = "statistikk.xlsx"
CALENDAR_NAME = "Frister Familiepartner"


def overview_folder(settings: Settings) -> Path:
    return settings.outbox / FOLDER


def refresh_overviews(store: Store, settings: Settings, today: date) -> list[Path]:
    """Write outbox/oversikt/frister.xlsx, frister.ics and statistikk.xlsx as they stand on
    ``today``."""
    written = datetime.now().astimezone()
    rows = due_items(store, settings, today)
    folder = overview_folder(settings)
    workbooks = {
        folder / DEADLINES_XLSX: deadlines_workbook(rows, today, written),
        folder / STATISTICS_XLSX: statistics_workbook(case_meetings(store), written),
    }
    # the calendar is made while it is written: first, so that if it fails no file is replaced
    calendar = folder / DEADLINES_ICS
    files.atomic_write(
        calendar, calendar_parts(deadline_events(rows), CALENDAR_NAME, written, timed=False)
    )
    for path, data in workbooks.items():
        files.atomic_write(path, data)
    return [calendar, *workbooks]


def refresh_logged(store: Store, settings: Settings, today: date) -> list[Path]:
    """``refresh_overviews`` for the pipeline and the watcher: a failure is logged by its type
    only (a message could quote a name) and never stops processing."""
    try:
        written = refresh_overviews(store, settings, today)
    except Exception as error:  # noqa: BLE001 - the overviews must never stop a document
        log.error("overviews not written error=%s", type(error).__name__)
        return []
    log.info("overviews written files=%d", len(written))
    return written


def deadline_events(rows: Iterable[DeadlineRow]) -> Iterator[dict[str, Any]]:
    """One all-day event per open item: case number, label and member key, never a name (made
    one at a time: the calendar writes each as it comes)."""
    for row in rows:
        if not row.is_open:
            continue
        concerns = f" ({row.member})" if row.member else ""
        yield {
            "uid": row.uid,
            "date": row.due,
            "summary": f"Sak {row.saksnummer}: {row.label}{concerns}",
            "description": (
                f"Frist i familiepartnersak {row.saksnummer} (team {row.team}): "
                f"{row.label}{concerns}.\n"
                "Laget av fpdocs. Oppdatert status (utført eller ikke) står i frister.xlsx "
                "i samme mappe."
            ),
        }
