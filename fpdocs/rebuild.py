"""``fpdocs rebuild``: the database made again from the archive of originals.

The archive is the source of truth. Every archived original is read, identified, validated and
recorded again, in the order it first arrived and against the day it arrived, into a fresh
database file beside the live one; the history that cannot come from the archive (arrivals,
generated files, and any other table) is carried over from the old database when it can still
be read. Then the fresh file is swapped in by one rename; the old one is kept beside it as
``fpdocs.sqlite3.forrige``. Run it with the watcher stopped.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fpdocs import files
from fpdocs.config import Settings
from fpdocs.store import Store

REBUILT_TABLES = ("documents", "cases")  # what the archive gives; the rest is history


@dataclass
class Rebuilt:
    outcomes: Counter[str] = field(default_factory=Counter)  # processed / rejected / duplicate
    carried: dict[str, int] = field(default_factory=dict)  # table -> rows from the old database
    old_unreadable: bool = False
    previous: Path | None = None


def rebuild(settings: Settings, target: Path | None = None) -> Rebuilt:
    """Rebuild ``settings.database`` (or write the rebuilt database to ``target`` and leave the
    live one alone)."""
    from fpdocs.pipeline import Pipeline  # the pipeline imports the world; only when needed

    live = settings.database
    fresh = (target or live).with_name(f".{live.name}.ny-{os.getpid()}")
    _remove_database(fresh)
    result = Rebuilt()
    known_teams = _teams_from(live)
    store = Store(fresh)
    try:
        pipeline = Pipeline(settings, store=store)
        for item in files.archived(settings.archive):
            team = item.team or known_teams.get(item.sha256) or files.DEFAULT_TEAM
            outcome = pipeline.rebuild_one(item.path.read_bytes(), item, team)
            result.outcomes[outcome.split(":")[0]] += 1
        result.carried, result.old_unreadable = _carry_history(store, live)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    destination = target or live
    if destination == live and live.exists():
        _checkpoint(live)
        result.previous = live.with_name(live.name + ".forrige")
        _remove_database(result.previous)
        os.link(live, result.previous)
    for suffix in ("-wal", "-shm"):  # checkpointed and closed: nothing in them any more
        Path(f"{destination}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, destination)
    return result


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _checkpoint(path: Path) -> None:
    """Move everything in the live database's write-ahead log into the file itself."""
    try:
        with sqlite3.connect(path, timeout=30) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass


def _teams_from(live: Path) -> dict[str, str]:
    """For originals archived before the archive kept their team: the team of their first
    arrival in the old database."""
    if not live.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{live}?mode=ro", uri=True, timeout=30) as db:
            rows = db.execute("SELECT sha256, team FROM arrivals ORDER BY id DESC").fetchall()
    except sqlite3.Error:
        return {}
    return dict(rows)


def _carry_history(store: Store, live: Path) -> tuple[dict[str, int], bool]:
    """Copy every table but documents and cases from the old database, column by column."""
    if not live.exists():
        return {}, False
    carried = {}
    try:
        store.db.execute("ATTACH DATABASE ? AS old", (str(live),))
    except sqlite3.Error:
        return {}, True
    try:
        tables = [
            r[0]
            for r in store.db.execute("SELECT name FROM old.sqlite_master WHERE type = 'table'")
            if r[0] not in REBUILT_TABLES and not r[0].startswith("sqlite_")
        ]
        for table in tables:
            ours = {r[1] for r in store.db.execute(f'PRAGMA main.table_info("{table}")')}
            theirs = [r[1] for r in store.db.execute(f'PRAGMA old.table_info("{table}")')]
            columns = ", ".join(f'"{c}"' for c in theirs if c in ours)
            if not columns:
                continue
            before = store.db.total_changes
            store.db.execute(
                f'INSERT OR IGNORE INTO main."{table}" ({columns}) '
                f'SELECT {columns} FROM old."{table}"'
            )
            carried[table] = store.db.total_changes - before
    except sqlite3.Error:
        return carried, True
    finally:
        store.db.execute("DETACH DATABASE old")
    return carried, False
