"""The SQLite store: documents by content hash, cases, arrivals and what was generated.

The archive of originals is the source of truth; this database is an index over it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256      TEXT PRIMARY KEY,
    form        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    saksnummer  TEXT NOT NULL,
    team        TEXT NOT NULL,
    form_date   TEXT,
    received_at TEXT NOT NULL,
    archive     TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_case ON documents (saksnummer, form);
CREATE TABLE IF NOT EXISTS cases (
    saksnummer  TEXT PRIMARY KEY,
    team        TEXT NOT NULL,
    opened_by   TEXT NOT NULL REFERENCES documents (sha256),
    updated_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS arrivals (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    team        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    outcome     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS generated (
    path        TEXT PRIMARY KEY,
    saksnummer  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    written_at  TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class StoredDocument:
    sha256: str
    form: str
    version: int
    saksnummer: str
    team: str
    received_at: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Case:
    saksnummer: str
    team: str
    opened_by: str


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path):
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
            os.chmod(path.parent, 0o700)
        # the service user's only; SQLite gives its -wal and -shm files the same mode
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Columns added after a database was first made."""
        columns = {r["name"] for r in self.db.execute("PRAGMA table_info(arrivals)")}
        if "claim" not in columns:
            self.db.execute("ALTER TABLE arrivals ADD COLUMN claim TEXT")
        # one arrival per taking of a file, however often a stopped claim is finished
        self.db.execute("CREATE UNIQUE INDEX IF NOT EXISTS arrivals_claim ON arrivals (claim)")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def has_document(self, sha256: str) -> bool:
        row = self.db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def add_document(self, doc: StoredDocument, archive: Path, form_date: str | None) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.sha256, doc.form, doc.version, doc.saksnummer, doc.team, form_date,
                doc.received_at, str(archive), json.dumps(doc.data, ensure_ascii=False),
            ),
        )  # fmt: skip

    def open_case(self, saksnummer: str, team: str, opened_by: str) -> None:
        """A (new or corrected) intake opens the case or replaces what opened it."""
        self.db.execute(
            "INSERT INTO cases VALUES (?, ?, ?, ?) ON CONFLICT (saksnummer) DO UPDATE SET "
            "team = excluded.team, opened_by = excluded.opened_by, "
            "updated_at = excluded.updated_at",
            (saksnummer, team, opened_by, now()),
        )

    def touch_case(self, saksnummer: str) -> None:
        self.db.execute("UPDATE cases SET updated_at = ? WHERE saksnummer = ?", (now(), saksnummer))

    def case(self, saksnummer: str) -> Case | None:
        row = self.db.execute(
            "SELECT saksnummer, team, opened_by FROM cases WHERE saksnummer = ?", (saksnummer,)
        ).fetchone()
        return Case(**dict(row)) if row else None

    def cases(self) -> list[Case]:
        rows = self.db.execute("SELECT saksnummer, team, opened_by FROM cases ORDER BY 1")
        return [Case(**dict(r)) for r in rows]

    def document(self, sha256: str) -> StoredDocument | None:
        row = self.db.execute("SELECT * FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return _document(row) if row else None

    def documents(self, saksnummer: str) -> list[StoredDocument]:
        rows = self.db.execute(
            "SELECT * FROM documents WHERE saksnummer = ? ORDER BY form_date, received_at",
            (saksnummer,),
        )
        return [_document(r) for r in rows]

    def add_arrival(self, sha256: str, team: str, outcome: str, claim: str | None = None) -> None:
        """Count an arrival once per claim: finishing a stopped claim adds nothing."""
        self.db.execute(
            "INSERT OR IGNORE INTO arrivals (sha256, team, received_at, outcome, claim) "
            "VALUES (?, ?, ?, ?, ?)",
            (sha256, team, now(), outcome, claim),
        )

    def arrival_of(self, claim: str) -> str | None:
        """The outcome recorded for a claim, if any."""
        row = self.db.execute("SELECT outcome FROM arrivals WHERE claim = ?", (claim,)).fetchone()
        return row[0] if row else None

    def arrivals(self, sha256: str) -> list[str]:
        rows = self.db.execute(
            "SELECT outcome FROM arrivals WHERE sha256 = ? ORDER BY id", (sha256,)
        )
        return [r[0] for r in rows]

    def add_generated(
        self, path: Path, saksnummer: str, kind: str, source: str, sha256: str
    ) -> None:
        self.db.execute(
            "INSERT INTO generated VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
            "source = excluded.source, sha256 = excluded.sha256, written_at = excluded.written_at",
            (str(path), saksnummer, kind, source, sha256, now()),
        )

    def forget_generated(self, source: str) -> None:
        self.db.execute("DELETE FROM generated WHERE source = ?", (source,))

    def generated_from(self, source: str) -> list[str]:
        rows = self.db.execute("SELECT path FROM generated WHERE source = ?", (source,))
        return [r[0] for r in rows]

    def generated(self, saksnummer: str) -> list[tuple[str, str]]:
        rows = self.db.execute(
            "SELECT path, kind FROM generated WHERE saksnummer = ? ORDER BY path", (saksnummer,)
        )
        return [(r[0], r[1]) for r in rows]


def _document(row: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        sha256=row["sha256"],
        form=row["form"],
        version=row["version"],
        saksnummer=row["saksnummer"],
        team=row["team"],
        received_at=row["received_at"],
        data=json.loads(row["data"]),
    )
