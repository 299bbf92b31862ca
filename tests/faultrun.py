"""Fault injection: stream forms into the inbox of a real ``fpdocs watch`` process, SIGKILL it at
random moments, start it again, and at the end check that nothing was lost or left half done.

Used by tests/test_crash.py (short) and bench/crash.py (200 forms). Every family is invented.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from conftest import FAMILY, FAMILY_NAMES
from wordfill import WordDoc

from fpdocs import files
from fpdocs.cases import load_case
from fpdocs.config import Settings
from fpdocs.store import Store

TEMP = re.compile(r"\.tmp$|\.fpdocs-\d+-[0-9a-f]{8}\.tmp$")


@dataclass(frozen=True)
class Drop:
    team: str
    name: str
    data: bytes
    expect: str  # processed | duplicate | rejected

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def case_number(i: int) -> str:
    return f"2026/{1000 + i}"


def corpus(
    blank_forms: Path, intakes: int, rejects: int, duplicates: int, seed: int = 6
) -> list[Drop]:
    """``intakes`` intake forms with distinct case numbers, some files that must be rejected,
    and copies of some intakes, in a shuffled order (each copy after its original)."""
    blank = WordDoc.open(blank_forms / "inntakssamtale.docx")
    made = []
    for i in range(intakes):
        values = copy.deepcopy(FAMILY)
        values["saksnummer"] = case_number(i)
        doc = WordDoc(blank.bytes()) if i else blank
        made.append(Drop("team-nord", f"inntak {i}.docx", doc.fill(values).bytes(), "processed"))
    bad = copy.deepcopy(FAMILY)
    bad["saksnummer"] = "1234-26"
    invalid = WordDoc(blank.bytes()).fill(bad).bytes()
    kinds = [b"", b"%PDF-1.7 skannet", invalid, invalid[: len(invalid) // 3]]
    rejected = [
        Drop("team-nord", f"feil {i}.docx", kinds[i % len(kinds)] + (b"" if i < 4 else b"%d" % i),
             "rejected")
        for i in range(rejects)
    ]  # fmt: skip
    rng = random.Random(seed)
    stream = made + rejected
    rng.shuffle(stream)
    for original in rng.sample(made, min(duplicates, len(made))):
        at = stream.index(original)
        copy_of = Drop("team-nord", f"kopi av {original.name}", original.data, "duplicate")
        stream.insert(rng.randint(at + 1, len(stream)), copy_of)
    return stream


class WatcherProcess:
    """``python -m fpdocs watch`` in ``root`` with a short stable window and scan interval."""

    def __init__(self, root: Path, extra_env: dict[str, str] | None = None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("FPDOCS_")}
        env.update(
            FPDOCS_CONFIG=str(root / "ingen-fpdocs.toml"),
            FPDOCS_STABLE_SECONDS="0.3",
            FPDOCS_SCAN_INTERVAL_SECONDS="1",
            **(extra_env or {}),
        )
        self.errors = open(root / "stderr.txt", "ab")  # noqa: SIM115 - closed in wait()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fpdocs", "watch"], cwd=root, env=env,
            stdout=subprocess.DEVNULL, stderr=self.errors,
        )  # fmt: skip

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.wait()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.wait()

    def wait(self) -> int:
        try:
            return self.process.wait(timeout=60)
        finally:
            self.errors.close()


def write_drop(root: Path, drop: Drop) -> None:
    """Save a file into the inbox as Word does: written beside it, then renamed into place."""
    folder = root / "inbox" / drop.team
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f"~WRL{random.randrange(10**6):06d}.tmp"
    temp.write_bytes(drop.data)
    os.replace(temp, folder / drop.name)


@dataclass
class Run:
    kills: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def run(
    root: Path, drops: list[Drop], kills: int, seed: int = 1, per_round: int | None = None,
    kill_after: tuple[float, float] = (0.3, 2.0), progress: Callable[[str], None] | None = None,
) -> Run:  # fmt: skip
    """Drop ``drops`` a few at a time; after each batch start the watcher and kill it after a
    random moment in ``kill_after`` seconds, ``kills`` times; then drop the rest, let one
    watcher finish, stop it, and check everything (``check``)."""
    rng = random.Random(seed)
    per_round = per_round or max(1, len(drops) // kills)
    queue, result, start = list(drops), Run(), time.monotonic()
    while result.kills < kills:
        for _ in range(per_round):
            if queue:
                write_drop(root, queue.pop(0))
        watcher = WatcherProcess(root)
        time.sleep(rng.uniform(*kill_after))
        watcher.kill()
        result.kills += 1
        if progress:
            progress(f"kill {result.kills}/{kills}, {len(drops) - len(queue)} dropped")
    for drop in queue:
        write_drop(root, drop)
    watcher = WatcherProcess(root)
    try:
        deadline = time.monotonic() + 60 + 2 * len(drops)
        while time.monotonic() < deadline and not finished(root, len(drops)):
            time.sleep(0.2)
    finally:
        code = watcher.stop()
    result.seconds = time.monotonic() - start
    if code != 0:
        result.problems.append(f"the last watcher stopped with exit code {code}")
    result.problems += check(root, drops)
    return result


def arrivals(root: Path) -> list[tuple[str, str]]:
    database = root / "var/fpdocs.sqlite3"
    if not database.exists():
        return []
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute("SELECT sha256, outcome FROM arrivals ORDER BY id").fetchall()


def finished(root: Path, dropped: int) -> bool:
    inbox = root / "inbox"
    waiting = [p for p in inbox.glob("*/*") if p.is_file()]
    return (
        not waiting
        and not files.claims_in_progress(inbox / ".fpdocs-arbeid")
        and (len(arrivals(root)) >= dropped)
    )


def _opens(path: Path) -> bool:
    try:
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as archive:
                return archive.testzip() is None
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        if path.suffix == ".ics":
            return path.read_bytes().startswith(b"BEGIN:VCALENDAR")
        return path.stat().st_size > 0
    except (OSError, ValueError, zipfile.BadZipFile):
        return False


def output_names(folder: Path, slug: str) -> list[str]:
    """The files in a case folder, the case number and content hashes taken out of the names."""
    return sorted(
        re.sub(r"_[0-9a-f]{8}(\.json)$", r"_<ref>\1", p.name.replace(slug, "<sak>"))
        for p in folder.iterdir()
    )


def check(root: Path, drops: list[Drop], reference: list[str] | None = None) -> list[str]:
    """Every invariant of issue 6, acceptance 1, as a list of what is wrong (empty: all well)."""
    problems = []
    inbox, outbox, var = root / "inbox", root / "outbox", root / "var"
    left = [p for p in inbox.rglob("*") if p.is_file() and "feil" not in p.parts]
    problems += [f"left in the inbox or work folder: {p.relative_to(root)}" for p in left]
    archived = Counter(item.sha256 for item in files.archived(var / "arkiv"))
    quarantined = Counter(
        hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in files.quarantine_folders(inbox)
        for p in folder.iterdir()
        if not p.name.endswith(".feil.txt")
    )
    notes = [p for f in files.quarantine_folders(inbox) for p in f.glob("*.feil.txt")]
    rejects = Counter(d.sha256 for d in drops if d.expect == "rejected")
    if quarantined != rejects:
        problems.append(
            f"feil/ holds {quarantined.total()} files, expected {rejects.total()}: "
            f"{(quarantined - rejects).total()} unexpected, "
            f"{(rejects - quarantined).total()} missing"
        )
    if len(notes) != rejects.total():
        problems.append(f"feil/ holds {len(notes)} notes, expected {rejects.total()}")
    kept = {d.sha256 for d in drops if d.expect != "rejected"}
    if set(archived) != kept:
        problems.append(
            f"the archive holds {len(archived)} originals, expected {len(kept)}: "
            f"{len(set(archived) - kept)} unexpected, {len(kept - set(archived))} missing"
        )
    both = set(archived) & set(quarantined)
    problems += [f"in the archive and in feil/: {sha[:12]}" for sha in both]
    temps = [p for p in root.rglob("*") if p.is_file() and TEMP.search(p.name)]
    temps = [p for p in temps if not p.name.startswith("~WRL")]
    problems += [f"temp file left: {p.relative_to(root)}" for p in temps]
    outcomes = Counter(o.split(":")[0] for _, o in arrivals(root))
    expected = Counter(d.expect for d in drops)
    if outcomes != expected:
        problems.append(f"arrivals {dict(outcomes)}, expected {dict(expected)}")
    cases = sorted(p for p in (outbox / "team-nord").iterdir()) if outbox.is_dir() else []
    intakes = {d.data for d in drops if d.expect == "processed"}
    if len(cases) != len(intakes):
        problems.append(f"{len(cases)} case folders, expected {len(intakes)}")
    made = {folder: output_names(folder, folder.name) for folder in cases}
    if reference is None and made:  # what most cases have
        reference = list(Counter(tuple(n) for n in made.values()).most_common(1)[0][0])
    for folder, names in made.items():
        if names != reference:
            missing, extra = (
                sorted(set(reference) - set(names)),
                sorted(set(names) - set(reference)),
            )
            problems.append(f"{folder.name}: outputs missing {missing}, unexpected {extra}")
        problems += [f"does not open: {p.relative_to(root)}" for p in folder.iterdir()
                     if not _opens(p)]  # fmt: skip
    log = (var / "logg/fpdocs.log").read_text(encoding="utf-8")
    stderr = (root / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    for text, where in ((log, "the log"), (stderr, "stderr")):
        problems += [f"{where} names {n}" for n in FAMILY_NAMES if n in text]
        if re.search(r"(?<![0-9A-Za-z])\d{6} ?\d{5}(?![0-9A-Za-z])", text):  # not in a hash
            problems.append(f"{where} holds an 11-digit number")
    if "Traceback" in stderr:
        problems.append("a traceback on stderr")
    return problems


def snapshot(settings: Settings, today: date) -> dict:
    """What the database says about every case: team, opening intake, documents, due items on
    ``today`` (``fpdocs rebuild`` must give the same)."""
    store = Store(settings.database)
    try:
        cases = {}
        for case in store.cases():
            case_file = load_case(store, case.saksnummer)
            cases[case.saksnummer] = (
                case,
                [(d.sha256, d.form, d.team, d.received_at, d.data) for d in case_file.documents],
                case_file.plan(today, settings.kalender),
            )
        return cases
    finally:
        store.close()
