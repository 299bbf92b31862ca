"""Issue 2, acceptance 5: `fpdocs watch` as a real process on a real folder."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FAMILY
from wordfill import WordDoc

CASE = Path("outbox/team-nord/2026-1234")


class WatcherProcess:
    def __init__(self, root: Path, *args: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("FPDOCS_")}
        env.update(
            FPDOCS_CONFIG=str(root / "fpdocs.toml"),
            FPDOCS_STABLE_SECONDS="1.5",
            FPDOCS_SCAN_INTERVAL_SECONDS="2",
        )
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fpdocs", "watch", *args],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_for(lambda: "watching" in self.log(), what="the watcher to start")

    def log(self) -> str:
        path = self.root / "var/logg/fpdocs.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        assert self.process.returncode == 0, self.process.stderr.read().decode()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def outcomes(root: Path) -> list[str]:
    """What happened to each arrival, once the files of the last one are written."""
    db = root / "var/fpdocs.sqlite3"
    if not db.exists() or not (root / CASE / "saksoversikt_2026-1234.docx").exists():
        return []
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT outcome FROM arrivals ORDER BY id")]


@pytest.fixture
def intake(blank_forms: Path) -> bytes:
    return WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).bytes()


@pytest.fixture
def root(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "inbox/team-nord").mkdir(parents=True)
    yield tmp_path


@pytest.mark.parametrize(
    ("mode", "seconds"), [([], 5), (["--poll", "0.5"], 20)], ids=["events-5s", "poll-20s"]
)
def test_file_written_slowly_is_taken_only_when_complete(
    root: Path, intake: bytes, mode: list[str], seconds: int
) -> None:
    """A copy that trickles in over a slow share: polling (how network shares are watched)
    sees a file that grows for 20 seconds, each pause shorter than the stable window."""
    watcher = WatcherProcess(root, *mode)
    try:
        target = root / "inbox/team-nord/langsom.docx"
        pause = 0.6
        count = int(seconds / pause) + 1
        size = len(intake) // count + 1
        chunks = [intake[i : i + size] for i in range(0, len(intake), size)]
        started = time.monotonic()
        with open(target, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
                out.flush()
                time.sleep(pause)
                assert target.exists(), "taken while it was still being written"
        assert time.monotonic() - started >= seconds
        wait_for(lambda: outcomes(root) == ["processed"], what="the file to be processed")
        assert not target.exists()
        assert not (root / "inbox/team-nord/feil").exists()
        assert (root / CASE / "saksoversikt_2026-1234.docx").exists()
        archived = list((root / "var/arkiv").rglob("*.docx"))
        assert [a.read_bytes() == intake for a in archived] == [True], "the whole file was read"
        assert (root / "outbox/maler/inntakssamtale.docx").exists(), "blank forms are published"
    finally:
        watcher.stop()


@pytest.mark.parametrize("mode", [[], ["--poll", "0.5"]], ids=["events", "poll"])
def test_file_saved_the_way_word_saves_is_taken(root: Path, intake: bytes, mode) -> None:
    """Word writes a temp file (~WRL0001.tmp) beside the document and renames it to the
    document's name when it is done; the temp file is left alone, the renamed file is taken."""
    watcher = WatcherProcess(root, *mode)
    try:
        temp = root / "inbox/team-nord/~WRL0001.tmp"
        with open(temp, "wb") as out:
            for i in range(0, len(intake), 4096):
                out.write(intake[i : i + 4096])
                out.flush()
                time.sleep(0.05)
        time.sleep(3)  # longer than the stable window: a finished temp file is still not a form
        assert temp.exists() and outcomes(root) == []
        os.rename(temp, root / "inbox/team-nord/inntak.docx")
        wait_for(lambda: outcomes(root) == ["processed"], what="the renamed file")
        assert not (root / "inbox/team-nord/inntak.docx").exists()
        assert not (root / "inbox/team-nord/feil").exists()
    finally:
        watcher.stop()


def test_office_lock_and_temp_files_are_left_alone(root: Path, intake: bytes) -> None:
    watcher = WatcherProcess(root)
    try:
        names = ["~$nntak.docx", ".~lock.inntak.docx#", "~WRL0001.tmp", "inntak.docx.part"]
        for name in names:
            (root / "inbox/team-nord" / name).write_bytes(b"lock")
        (root / "inbox/team-nord/inntak.docx").write_bytes(intake)
        wait_for(lambda: outcomes(root) == ["processed"], what="the real file to be processed")
        time.sleep(2.5)  # past a full scan
        for name in names:
            assert (root / "inbox/team-nord" / name).read_bytes() == b"lock"
        assert outcomes(root) == ["processed"]
        assert not (root / "inbox/team-nord/feil").exists()
    finally:
        watcher.stop()


def test_file_dropped_while_stopped_is_processed_at_next_start(root: Path, intake: bytes) -> None:
    (root / "inbox/team-nord/fra i natt.docx").write_bytes(intake)
    watcher = WatcherProcess(root)
    try:
        wait_for(lambda: outcomes(root) == ["processed"], what="the waiting file")
        assert not (root / "inbox/team-nord/fra i natt.docx").exists()
    finally:
        watcher.stop()


def test_duplicate_is_processed_once(root: Path, intake: bytes) -> None:
    watcher = WatcherProcess(root)
    try:
        (root / "inbox/team-nord/første.docx").write_bytes(intake)
        wait_for(lambda: outcomes(root) == ["processed"], what="the first copy")
        (root / "inbox/team-nord/andre.docx").write_bytes(intake)
        wait_for(lambda: outcomes(root) == ["processed", "duplicate"], what="the second copy")
        assert not list((root / "inbox/team-nord").glob("*.docx"))
        assert len(list((root / CASE).glob("inntakssamtale_*.json"))) == 1
        assert len(list((root / "var/arkiv").rglob("*.docx"))) == 1
        assert "duplicate sha256=" in watcher.log()
    finally:
        watcher.stop()


def test_a_batch_of_drops_refreshes_the_overviews_once(root: Path, blank_forms: Path) -> None:
    watcher = WatcherProcess(root)
    try:
        wait_for(lambda: "overviews written" in watcher.log(), what="the overviews at start")
        for n in range(3):
            values = dict(FAMILY, saksnummer=f"2026/{700 + n}")
            data = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(values).bytes()
            (root / "inbox/team-nord" / f"inntak-{n}.docx").write_bytes(data)
        wait_for(lambda: watcher.log().count("processed sha256=") == 3, what="three intakes")
        wait_for(lambda: watcher.log().count("overviews written") == 2, what="one refresh")
        time.sleep(2.5)  # a full scan later: still once for the batch
        assert watcher.log().count("overviews written") == 2
        assert (root / "outbox/oversikt/frister.xlsx").exists()
    finally:
        watcher.stop()
