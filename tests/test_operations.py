"""Issue 6, operations: ``fpdocs status`` (heartbeat, queue, today's counts) and
``fpdocs rebuild`` (the database again from the archive, same cases and due items)."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import FAMILY, TODAY, drop
from excelfill import ExcelDoc
from faultrun import snapshot
from samples import SAMPLES
from twocases import SECOND, SECOND_RATING
from wordfill import WordDoc

from fpdocs import files
from fpdocs.cli import main
from fpdocs.config import Settings
from fpdocs.pipeline import Pipeline
from fpdocs.rebuild import rebuild
from fpdocs.watch import Watcher


def _reset_logging() -> None:
    logger = logging.getLogger("fpdocs")  # undo what ``main`` set up
    for handler in logger.handlers:
        handler.close()
    logger.handlers.clear()
    logger.propagate = True


@pytest.fixture(autouse=True)
def quiet_logging():
    _reset_logging()  # also after ``main`` in another test module
    yield
    _reset_logging()


def _status(capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code = main(["status"])
    return code, capsys.readouterr().out


def test_status_before_the_watcher_ever_ran(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(settings.inbox.parent)
    code, out = _status(capsys)
    assert code == 1
    assert "Overvåkingen:    har ikke kjørt, eller var/heartbeat.json kan ikke leses." in out
    assert "I innboksen:     0 fil(er) venter" in out


def test_status_of_a_running_watcher(
    pipeline: Pipeline, blank_forms: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    settings = pipeline.settings
    monkeypatch.chdir(settings.inbox.parent)
    intake = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).bytes()
    assert drop(pipeline, intake, "inntak.docx").status == "processed"
    assert drop(pipeline, intake, "igjen.docx").status == "duplicate"
    assert drop(pipeline, b"", "tom.docx").status == "rejected"
    for name in ("team-nord/a.docx", "team-nord/b.xlsx", "c.docx", "team-nord/~$a.docx"):
        (settings.inbox / name).write_bytes(b"venter")
    stopped = settings.work_dir / "annen-maskin_1_1" / ("0" * 32) / "team-sor"
    stopped.mkdir(parents=True)
    (stopped / "halvferdig.docx").write_bytes(b"tatt")
    watcher = Watcher(pipeline)
    watcher.scanned_at = "2026-11-28T08:00:00+0100"
    watcher._heartbeat()
    code, out = _status(capsys)
    assert code == 0, out
    assert re.search(r"Overvåkingen:    kjører \(siste livstegn \d sekunder siden; prosess ", out)
    assert "Siste skanning:  28.11.2026 kl. 08:00:00" in out
    assert "I innboksen:     3 fil(er) venter (felles: 1, team-nord: 2)" in out
    assert "Under arbeid:    1 fil(er) tatt inn, men ikke ferdig behandlet" in out
    assert "I dag:           1 behandlet, 1 avvist, 1 duplikater" in out
    assert "I feil-mappene:  1 fil(er) med merknad" in out
    beat = json.loads(settings.heartbeat.read_text(encoding="utf-8"))
    assert {"tid", "pid", "maskin", "startet", "siste_skanning", "behandlet", "i_kø"} <= set(beat)


def test_status_when_the_heartbeat_is_old(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(settings.inbox.parent)
    settings.state_dir.mkdir()
    ten_minutes_ago = datetime.now().astimezone() - timedelta(minutes=10)
    beat = {"tid": ten_minutes_ago.isoformat(), "pid": 1, "innboks_tilgjengelig": False,
            "siste_skanning": ten_minutes_ago.isoformat()}  # fmt: skip
    settings.heartbeat.write_text(json.dumps(beat))
    code, out = _status(capsys)
    assert code == 1
    assert "Overvåkingen:    SVARER IKKE – siste livstegn " in out
    assert "(10 minutter siden). Sjekk tjenesten: systemctl status fpdocs" in out
    assert "innboksen var IKKE tilgjengelig ved siste forsøk" in out


def _arrivals(settings: Settings) -> list[tuple]:
    with sqlite3.connect(settings.database) as db:
        return db.execute(
            "SELECT sha256, team, outcome, claim FROM arrivals ORDER BY id"
        ).fetchall()


def test_rebuild_gives_the_same_cases_and_due_items(
    pipeline: Pipeline, blank_forms: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    settings = pipeline.settings
    docs = [
        ("team-nord", "inntak.docx", WordDoc.open(blank_forms / "inntakssamtale.docx")
         .fill(FAMILY).bytes()),
        ("team-sor", "inntak.docx", WordDoc.open(blank_forms / "inntakssamtale.docx")
         .fill(SECOND).bytes()),
        ("team-sor", "rangering.docx", WordDoc.open(blank_forms / "rangeringsskjema.docx")
         .fill(SECOND_RATING).bytes()),
        ("felles", "plan.docx", WordDoc.open(blank_forms / "arbeidsplan.docx")
         .fill(SAMPLES["arbeidsplan"][0]).bytes()),
        ("team-nord", "logg.xlsx", ExcelDoc.open(blank_forms / "moteskjema.xlsx")
         .fill(SAMPLES["moteskjema"][0]).bytes()),
        ("team-nord", "rangering.docx", WordDoc.open(blank_forms / "rangeringsskjema.docx")
         .fill(SAMPLES["rangeringsskjema"][0]).bytes()),
    ]  # fmt: skip
    for team, name, data in docs + docs[:1]:  # the first one twice: a duplicate
        (settings.inbox / team).mkdir(parents=True, exist_ok=True)
        (settings.inbox / team / name).write_bytes(data)
        assert pipeline.process_file(settings.inbox / team / name).status != "rejected"
    pipeline.store.close()
    live, arrivals = snapshot(settings, TODAY), _arrivals(settings)
    assert len(live) == 2 and len(arrivals) == 7

    result = rebuild(settings)
    assert result.outcomes == {"processed": 6}
    assert snapshot(settings, TODAY) == live
    assert _arrivals(settings) == arrivals, "the history is carried over"
    assert result.previous is not None and result.previous.exists()

    monkeypatch.chdir(settings.inbox.parent)  # and as a command, with the watcher stopped
    assert main(["rebuild"]) == 0
    out = capsys.readouterr().out
    assert "Databasen er bygd opp igjen fra arkivet: 6 dokumenter lest inn" in out
    assert snapshot(settings, TODAY) == live


def test_rebuild_without_the_old_database(pipeline: Pipeline, blank_forms: Path) -> None:
    """The database is lost: the archive alone gives the cases back, each in its team."""
    settings = pipeline.settings
    intake = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(SECOND).bytes()
    assert drop(pipeline, intake, "inntak.docx", team="team-sor").status == "processed"
    pipeline.store.close()
    live = snapshot(settings, TODAY)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{settings.database}{suffix}").unlink(missing_ok=True)
    result = rebuild(settings)
    assert result.outcomes == {"processed": 1} and result.previous is None
    assert snapshot(settings, TODAY) == live


def test_rebuild_refuses_while_the_watcher_runs(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(pipeline.settings.inbox.parent)
    Watcher(pipeline)._heartbeat()
    assert main(["rebuild"]) == 1
    assert "Overvåkingen kjører. Stopp den først" in capsys.readouterr().err
    assert not files.archived(pipeline.settings.archive)


def test_inbox_that_disappears_and_comes_back(
    pipeline: Pipeline, blank_forms: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A network share unmounted and mounted again: the watcher goes on, says so once each
    way, processes nothing twice and takes what arrives afterwards."""
    settings = pipeline.settings
    team = settings.inbox / "team-nord"
    team.mkdir(parents=True)
    WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).save(team / "inntak.docx")
    clock = iter(range(10**6))
    watcher = Watcher(pipeline, clock=lambda: float(next(clock)))
    caplog.set_level(logging.INFO, logger="fpdocs")
    for _ in range(3):
        watcher.wake.set()
        watcher.step()
    assert watcher.processed == 1
    unmounted = settings.inbox.parent / "frakoblet"
    settings.inbox.rename(unmounted)  # the mount point stays, the share's folders are gone
    for _ in range(3):
        watcher.wake.set()
        watcher.step()
    watcher._heartbeat()
    assert json.loads(settings.heartbeat.read_text())["innboks_tilgjengelig"] is False
    unmounted.rename(settings.inbox)
    WordDoc.open(blank_forms / "rangeringsskjema.docx").fill(SAMPLES["rangeringsskjema"][0]).save(
        team / "rangering.docx"
    )
    for _ in range(3):
        watcher.wake.set()
        watcher.step()
    assert watcher.processed == 2
    assert [r for r in caplog.messages if "inbox" in r] == [
        "inbox unavailable (FileNotFoundError)", "inbox available again",
    ]  # fmt: skip
    outcomes = [o for sha, o in pipeline.store.db.execute("SELECT sha256, outcome FROM arrivals")]
    assert outcomes == ["processed", "processed"], "nothing twice"
