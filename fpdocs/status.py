"""``fpdocs status``: is the watcher alive, when did it last scan, what is waiting.

Read from var/heartbeat.json (written by the watcher at every full scan and during long
batches), the inbox, the work folder and the database (read-only). Norwegian: the IT person
reads it.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdocs import files
from fpdocs.config import Settings


@dataclass
class Status:
    alive: bool
    heartbeat: dict[str, Any] | None
    age_seconds: float | None
    waiting: Counter[str] = field(default_factory=Counter)  # team -> files in the inbox
    unfinished: int = 0
    today: Counter[str] = field(default_factory=Counter)  # processed / rejected / duplicate
    quarantined: int = 0


def alive_within(settings: Settings) -> float:
    """How old the heartbeat may be while the watcher still counts as alive."""
    return 2 * settings.scan_interval_seconds + 30


def read_heartbeat(settings: Settings, now: datetime) -> tuple[dict[str, Any] | None, float | None]:
    try:
        beat = json.loads(settings.heartbeat.read_text(encoding="utf-8"))
        age = (now.astimezone() - datetime.fromisoformat(beat["tid"])).total_seconds()
    except (OSError, ValueError, KeyError, TypeError):
        return None, None
    return beat, age


def collect(settings: Settings, now: datetime | None = None) -> Status:
    now = now or datetime.now().astimezone()
    beat, age = read_heartbeat(settings, now)
    status = Status(alive=age is not None and age <= alive_within(settings), heartbeat=beat,
                    age_seconds=age)  # fmt: skip
    try:
        status.waiting = Counter(d.team for d in files.dropped_files(settings.inbox))
        status.quarantined = sum(
            1
            for folder in files.quarantine_folders(settings.inbox)
            for path in folder.iterdir()
            if path.is_file() and not path.name.endswith(".feil.txt")
        )
    except OSError:
        pass
    status.unfinished = files.claims_in_progress(settings.work_dir)
    status.today = _today(settings.database, now)
    return status


def _today(database: Path, now: datetime) -> Counter[str]:
    if not database.exists():
        return Counter()
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
            rows = db.execute(
                "SELECT outcome, COUNT(*) FROM arrivals WHERE received_at LIKE ? GROUP BY 1",
                (f"{now:%Y-%m-%d}%",),
            ).fetchall()
    except sqlite3.Error:
        return Counter()
    counts: Counter[str] = Counter()
    for outcome, n in rows:
        counts["rejected" if outcome.startswith(("rejected", "failed")) else outcome] += n
    return counts


def _when(stamp: str | None) -> str:
    if not stamp:
        return "ukjent"
    try:
        return f"{datetime.fromisoformat(stamp):%d.%m.%Y kl. %H:%M:%S}"
    except ValueError:
        return stamp


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{max(seconds, 0):.0f} sekunder siden"
    if seconds < 7200:
        return f"{seconds / 60:.0f} minutter siden"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.0f} timer siden"
    return f"{seconds / 86400:.0f} dager siden"


def report(settings: Settings, status: Status, now: datetime | None = None) -> str:
    now = now or datetime.now().astimezone()
    beat = status.heartbeat or {}
    lines = [f"fpdocs – status {now:%d.%m.%Y kl. %H:%M}", ""]
    if status.heartbeat is None:
        lines.append(f"Overvåkingen:    har ikke kjørt, eller {settings.heartbeat} kan ikke leses.")
    elif status.alive:
        lines.append(
            f"Overvåkingen:    kjører (siste livstegn {_ago(status.age_seconds or 0)}; "
            f"prosess {beat.get('pid', '?')} på {beat.get('maskin', '?')}, "
            f"startet {_when(beat.get('startet'))})"
        )
    else:
        lines.append(
            f"Overvåkingen:    SVARER IKKE – siste livstegn {_when(beat.get('tid'))} "
            f"({_ago(status.age_seconds or 0)}). Sjekk tjenesten: systemctl status fpdocs"
        )
    if status.heartbeat is not None:
        scanned = _when(beat.get("siste_skanning"))
        if beat.get("innboks_tilgjengelig") is False:
            scanned += " – innboksen var IKKE tilgjengelig ved siste forsøk (nettverksdisken?)"
        lines.append(f"Siste skanning:  {scanned}")
    waiting = sum(status.waiting.values())
    by_team = ", ".join(f"{team}: {n}" for team, n in sorted(status.waiting.items()))
    queue = f"{waiting} fil(er) venter" + (f" ({by_team})" if waiting else "")
    lines.append(f"I innboksen:     {queue}")
    lines.append(
        f"Under arbeid:    {status.unfinished} fil(er) tatt inn, men ikke ferdig behandlet"
        + (" (fullføres ved neste start)" if status.unfinished and not status.alive else "")
    )
    today = status.today
    lines.append(
        f"I dag:           {today['processed']} behandlet, {today['rejected']} avvist, "
        f"{today['duplicate']} duplikater"
    )
    lines.append(f"I feil-mappene:  {status.quarantined} fil(er) med merknad")
    return "\n".join(lines)
