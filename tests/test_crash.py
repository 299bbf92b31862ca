"""Issue 6, acceptance 1: a watcher killed (SIGKILL) at random moments 20 times while forms
stream in loses nothing and leaves nothing half done. The longer run (200 forms) is
bench/crash.py; this one is kept short."""

from __future__ import annotations

import hashlib
import logging
import socket
import subprocess
import uuid
from pathlib import Path

import faultrun
import pytest
from conftest import FAMILY, TODAY, drop
from wordfill import WordDoc

from fpdocs import files
from fpdocs.config import load_settings
from fpdocs.pipeline import Pipeline
from fpdocs.rebuild import rebuild


def test_killed_twenty_times_nothing_lost(tmp_path: Path, blank_forms: Path) -> None:
    drops = faultrun.corpus(blank_forms, intakes=12, rejects=6, duplicates=2)
    root = tmp_path / "kontor"
    root.mkdir()

    # what one intake gives when nothing goes wrong, for comparison
    clean = load_settings(inbox=tmp_path / "ren/inbox", outbox=tmp_path / "ren/outbox",
                          state_dir=tmp_path / "ren/var")  # fmt: skip
    first = next(d for d in drops if d.expect == "processed")
    (clean.inbox / first.team).mkdir(parents=True)
    (clean.inbox / first.team / first.name).write_bytes(first.data)
    assert Pipeline(clean).process_file(clean.inbox / first.team / first.name).status == "processed"
    case = next((clean.outbox / first.team).iterdir())
    reference = faultrun.output_names(case, case.name)

    # killed in start-up (publishing, recovering, overviews) as well as in processing
    result = faultrun.run(root, drops, kills=20, per_round=1, kill_after=(0.3, 2.2))
    assert result.kills == 20
    assert result.problems == []
    assert faultrun.check(root, drops, reference) == []

    settings = load_settings(inbox=root / "inbox", outbox=root / "outbox", state_dir=root / "var")
    live = faultrun.snapshot(settings, TODAY)
    assert len(live) == 12
    assert rebuild(settings).outcomes["processed"] == 12
    assert faultrun.snapshot(settings, TODAY) == live


class Killed(BaseException):
    """Stands in for SIGKILL inside one process: nothing catches it, nothing cleans up."""


def test_a_claim_stopped_after_recording_is_finished_not_counted_twice(
    pipeline: Pipeline, blank_forms: Path, monkeypatch
) -> None:
    intake = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).bytes()
    path = pipeline.settings.inbox / "team-nord" / "inntak.docx"
    path.parent.mkdir(parents=True)
    path.write_bytes(intake)

    def killed(*_):
        raise Killed

    monkeypatch.setattr(pipeline, "_write_outputs", killed)
    with pytest.raises(Killed):
        pipeline.process_file(path)
    sha = hashlib.sha256(intake).hexdigest()
    assert pipeline.store.arrivals(sha) == ["processed"]
    assert files.claims_in_progress(pipeline.settings.work_dir) == 1
    monkeypatch.undo()

    restarted = Pipeline(pipeline.settings, store=pipeline.store, today=lambda: TODAY)
    [outcome] = restarted.recover()
    assert outcome.status == "processed" and len(outcome.outputs) >= 10
    assert pipeline.store.arrivals(sha) == ["processed"], "not a duplicate"
    assert files.claims_in_progress(pipeline.settings.work_dir) == 0
    assert len(files.archived(pipeline.settings.archive)) == 1


def test_outputs_that_fail_leave_the_file_archived_not_in_feil(
    pipeline: Pipeline, blank_forms: Path, monkeypatch, caplog
) -> None:
    intake = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).bytes()
    original = pipeline._render

    def failing(output):
        if output.kind == "ics":
            raise OSError("disk full")
        return original(output)

    monkeypatch.setattr(pipeline, "_render", failing)
    caplog.set_level(logging.ERROR, logger="fpdocs")
    logging.getLogger("fpdocs").propagate = True
    assert drop(pipeline, intake, "inntak.docx").status == "processed"
    assert "outputs not written sha256=" in caplog.text and "disk full" not in caplog.text
    assert not (pipeline.settings.inbox / "team-nord/feil").exists()
    assert len(files.archived(pipeline.settings.archive)) == 1
    monkeypatch.undo()
    again = drop(pipeline, intake, "igjen.docx")  # the same file again writes everything
    assert again.status == "duplicate"
    assert any(p.suffix == ".ics" for p in again.outputs)


def _worker(work: Path, pid: int, started: str) -> Path:
    folder = work / f"{socket.gethostname()}_{pid}_{started}"
    for n in range(3):
        claim = folder / uuid.uuid4().hex / "team-nord"
        claim.mkdir(parents=True)
        (claim / f"skjema {n}.docx").write_bytes(b"x")
    return folder


def test_claims_are_taken_over_only_from_stopped_processes(tmp_path: Path) -> None:
    work = tmp_path / ".fpdocs-arbeid"
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        started = files._started(sleeper.pid)
        alive = _worker(work, sleeper.pid, started)
        reused_pid = _worker(work, sleeper.pid, str(int(started) - 1))  # an earlier process
        gone = _worker(work, 2**22 + 7, "1")  # beyond pid_max: no such process
        legacy = work / ("f" * 32) / "team-nord"  # a claim from before worker folders
        legacy.mkdir(parents=True)
        (legacy / "gammel.docx").write_bytes(b"x")
        mine, other = work / "a_1_1", work / "b_2_2"
        mine.mkdir(), other.mkdir()
        first = files.unfinished_claims(work, mine)
        second = files.unfinished_claims(work, other)
        assert len(first) == 7 and second == [], "each claim is taken over once"
        assert {c.name for c in first} == {"skjema 0.docx", "skjema 1.docx", "skjema 2.docx",
                                           "gammel.docx"}  # fmt: skip
        assert alive.is_dir() and len(list(alive.iterdir())) == 3, "a live process keeps its own"
        assert not reused_pid.exists() and not gone.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
