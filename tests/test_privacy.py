"""Issue 6, acceptance 4: no personal data in logs or file names, national identity numbers
masked in the JSON, the state folder and quarantine closed to others, and archived originals
deleted after the retention period."""

from __future__ import annotations

import copy
import json
import logging
import os
import re
import stat
import time
import zipfile
from pathlib import Path

import hostile
import pytest
from conftest import FAMILY, FAMILY_NAMES, TODAY
from excelfill import ExcelDoc
from samples import SAMPLES
from wordfill import WordDoc

from fpdocs import files, privacy
from fpdocs.cli import main
from fpdocs.config import load_settings
from fpdocs.pipeline import Pipeline
from fpdocs.watch import Watcher

# invented: a synthetic number (month + 80, as in the tax administration's test numbers) whose
# control digits are right, written as people do; and one whose control digits are wrong
NATIONAL_ID = "15831750070"
NOT_AN_ID = "15831750071"
# an 11-digit number standing on its own (not digits inside a content hash such as 3a1234567890)
ELEVEN_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{6} ?\d{5}(?![0-9A-Za-z])")


def _with_id(values: dict) -> dict:
    values = copy.deepcopy(values)
    values["bakgrunn"] = (
        f"Mor oppga fødselsnummeret {NATIONAL_ID[:6]} {NATIONAL_ID[6:]} for Tiril.\n"
        f"Barnet har også nummer {NATIONAL_ID}. Kontonummer {NOT_AN_ID} er ikke et."
    )
    return values


def _reset_logging() -> None:
    """Undo what ``fpdocs`` commands set up (a file handler, no propagation to pytest)."""
    logger = logging.getLogger("fpdocs")
    for handler in logger.handlers:
        handler.close()
    logger.handlers.clear()
    logger.propagate = True


@pytest.fixture
def caplog(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """pytest's caplog, also after an ``fpdocs`` command in another test stopped propagation."""
    _reset_logging()
    return caplog


def _texts_in(path: Path) -> str:
    """Everything readable in a file: its text, or every part of a zip (docx, xlsx)."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        return " ".join(
            hostile.parts_of(data)[name].decode("utf-8", "replace")
            for name in hostile.parts_of(data)
        )
    return data.decode("utf-8", "replace")


@pytest.fixture
def full_flow(
    tmp_path: Path, blank_forms: Path, monkeypatch: pytest.MonkeyPatch, capfd
) -> tuple[Path, str]:
    """Intake (with a national identity number in free text), a rating form, a work plan, a
    meeting log, a form that must be corrected and a file that is no form, run through
    ``fpdocs process`` in ``tmp_path``. Returns the root and everything printed."""
    monkeypatch.chdir(tmp_path)
    drops = {
        "team-nord/inntak.docx": WordDoc.open(blank_forms / "inntakssamtale.docx")
        .fill(_with_id(FAMILY)).bytes(),
        "team-nord/rangering.docx": WordDoc.open(blank_forms / "rangeringsskjema.docx")
        .fill(SAMPLES["rangeringsskjema"][0]).bytes(),
        "team-nord/plan.docx": WordDoc.open(blank_forms / "arbeidsplan.docx")
        .fill(SAMPLES["arbeidsplan"][0]).bytes(),
        "team-nord/motelogg.xlsx": ExcelDoc.open(blank_forms / "moteskjema.xlsx")
        .fill(SAMPLES["moteskjema"][0]).bytes(),
        "team-nord/rettes.docx": WordDoc.open(blank_forms / "inntakssamtale.docx")
        .fill({**_with_id(FAMILY), "saksnummer": "1234-26"})
        .bytes(),
        "team-nord/skannet.docx": b"%PDF-1.7 Mona Oppdiktet 15831750070",
    }  # fmt: skip
    for name, data in drops.items():
        (tmp_path / "inbox" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "inbox" / name).write_bytes(data)
    assert main(["process", *(f"inbox/{name}" for name in drops)]) == 1  # two rejected
    _reset_logging()
    out, err = capfd.readouterr()
    return tmp_path, out + err


def test_no_name_or_national_id_in_logs_or_file_names(full_flow: tuple[Path, str]) -> None:
    root, printed = full_flow
    log = (root / "var/logg/fpdocs.log").read_text(encoding="utf-8")
    assert "processed sha256=" in log and "rejected sha256=" in log, "the log is there"
    feil = root / "inbox/team-nord/feil"
    assert sorted(p.name for p in feil.iterdir()) == [
        "rettes.docx", "rettes.docx.feil.txt", "skannet.docx", "skannet.docx.feil.txt",
    ]  # fmt: skip
    names = [
        str(p.relative_to(root))
        for folder in (root / "outbox", root / "var", feil)
        for p in folder.rglob("*")
    ]
    assert len(names) > 20
    for text, what in ((log, "the log"), (printed, "the console"), ("\n".join(names), "names")):
        assert not [n for n in FAMILY_NAMES if n in text], what
        assert not ELEVEN_DIGITS.findall(text), what


def test_national_ids_are_masked_in_stored_and_written_json(full_flow: tuple[Path, str]) -> None:
    root, _ = full_flow
    written = next((root / "outbox/team-nord/2026-1234").glob("inntakssamtale_*.json"))
    background = json.loads(written.read_text(encoding="utf-8"))["bakgrunn"]
    assert background == (
        "Mor oppga fødselsnummeret [fødselsnummer fjernet] for Tiril.\n"
        f"Barnet har også nummer [fødselsnummer fjernet]. Kontonummer {NOT_AN_ID} er ikke et."
    )
    settings = load_settings()
    database = settings.database.read_bytes() + Path(f"{settings.database}-wal").read_bytes()
    assert NATIONAL_ID.encode() not in database
    assert f"{NATIONAL_ID[:6]} {NATIONAL_ID[6:]}".encode() not in database
    for path in (root / "outbox").rglob("*.*"):  # JSON, documents, overviews
        assert NATIONAL_ID not in _texts_in(path), path.name
        assert NATIONAL_ID[6:] not in _texts_in(path).replace(NOT_AN_ID, ""), path.name


def test_masking_can_be_turned_off(tmp_path: Path, blank_forms: Path) -> None:
    settings = load_settings(
        inbox=tmp_path / "inbox", outbox=tmp_path / "outbox", state_dir=tmp_path / "var",
        mask_national_ids=False,
    )  # fmt: skip
    pipeline = Pipeline(settings, today=lambda: TODAY)
    path = settings.inbox / "team-nord" / "inntak.docx"
    path.parent.mkdir(parents=True)
    WordDoc.open(blank_forms / "inntakssamtale.docx").fill(_with_id(FAMILY)).save(path)
    outcome = pipeline.process_file(path)
    assert outcome is not None and outcome.status == "processed"
    assert NATIONAL_ID in pipeline.store.document(outcome.sha256).data["bakgrunn"]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (NATIONAL_ID, True),
        (f"{NATIONAL_ID[:6]} {NATIONAL_ID[6:]}", True),
        (NOT_AN_ID, False),
        ("2026/1234", False),
        ("Tlf 400 00 001, 40000001", False),
        (f"1{NATIONAL_ID}", False),  # 12 digits: not a national identity number
    ],
)
def test_what_counts_as_a_national_id(text: str, masked: bool) -> None:
    assert (privacy.mask_text(text) != text) is masked


def test_exception_messages_never_reach_the_log(
    pipeline: Pipeline, blank_forms: Path, caplog: pytest.LogCaptureFixture, monkeypatch
) -> None:
    """An unexpected error while reading, and one in the watcher itself: the log says the
    exception's type and where, never its message (which may quote a value or a file name)."""
    import fpdocs.pipeline

    def broken(*_):
        raise ValueError("Mona Oppdiktet 15831750070 /inbox/team-nord/Mona Oppdiktet.docx")

    monkeypatch.setattr(fpdocs.pipeline, "extract", broken)
    caplog.set_level(logging.DEBUG, logger="fpdocs")
    path = pipeline.settings.inbox / "team-nord" / "Mona Oppdiktet.docx"
    path.parent.mkdir(parents=True)
    WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).save(path)
    outcome = pipeline.process_file(path)
    assert outcome is not None and outcome.status == "rejected"
    watcher = Watcher(pipeline)
    monkeypatch.setattr(pipeline, "process_claim", broken)
    (path.parent / "igjen.docx").write_bytes(b"x")
    watcher._take(files.Dropped(path.parent / "igjen.docx", "team-nord"))
    log = caplog.text
    assert re.search(r"failed sha256=\w+ error=ValueError at fpdocs/pipeline\.py:\d+ "
                     r"\(_examine\) via tests/test_privacy\.py:\d+ \(broken\)", log)  # fmt: skip
    assert "could not process a file error=ValueError at fpdocs/watch.py:" in log
    assert "Mona" not in log and "Oppdiktet" not in log and not ELEVEN_DIGITS.findall(log)


def _modes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*")}


def test_state_archive_and_quarantine_are_closed_to_others(
    tmp_path: Path, blank_forms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_umask = os.umask(0o022)  # what a service usually runs with: files readable by all
    try:
        monkeypatch.chdir(tmp_path)
        inbox = tmp_path / "inbox/team-nord"
        inbox.mkdir(parents=True)
        WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).save(inbox / "a.docx")
        (inbox / "b.docx").write_bytes(b"")
        assert main(["process", "inbox/team-nord/a.docx", "inbox/team-nord/b.docx"]) == 1
        _reset_logging()
        watcher = Watcher(Pipeline(load_settings(), today=lambda: TODAY))
        watcher._heartbeat()
        state = _modes(tmp_path / "var")
        assert {"arkiv", "logg"} <= set(state) and any(n.endswith(".docx") for n in state)
        assert {"fpdocs.sqlite3-wal", "heartbeat.json", "logg/fpdocs.log"} <= set(state)
        assert stat.S_IMODE((tmp_path / "var").stat().st_mode) == 0o700
        for name, mode in state.items():
            is_dir = (tmp_path / "var" / name).is_dir()
            assert mode == (0o700 if is_dir else 0o600), name
        feil = tmp_path / "inbox/team-nord/feil"
        assert stat.S_IMODE(feil.stat().st_mode) == 0o770, "staff, not everybody"
        assert _modes(feil)["b.docx.feil.txt"] == 0o660
        work = tmp_path / "inbox/.fpdocs-arbeid"
        assert {mode for mode in _modes(work).values()} | {stat.S_IMODE(work.stat().st_mode)} == {
            0o700
        }
    finally:
        os.umask(old_umask)


def _archive_two(settings) -> tuple[Path, Path]:
    old = files.archive(b"gammel", "a" * 64, ".docx", settings.archive, "team-nord")
    new = files.archive(b"ny", "b" * 64, ".docx", settings.archive, "team-nord")
    forty_days_ago = time.time() - 40 * 86400
    os.utime(old, (forty_days_ago, forty_days_ago))
    return old, new


def test_retention_deletes_old_originals_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings(
        inbox=tmp_path / "inbox", outbox=tmp_path / "outbox", state_dir=tmp_path / "var",
        retention_days=30,
    )  # fmt: skip
    old, new = _archive_two(settings)
    caplog.set_level(logging.INFO, logger="fpdocs")
    watcher = Watcher(Pipeline(settings, today=lambda: TODAY))
    watcher.step()
    assert not old.exists() and not old.with_name("a" * 64 + files.ARCHIVE_INFO).exists()
    assert new.exists() and new.with_name("b" * 64 + files.ARCHIVE_INFO).exists()
    assert "retention deleted archived originals=1 older_than_days=30" in caplog.text
    watcher.step()  # once a day, not every round
    assert caplog.text.count("retention deleted") == 1


def test_retention_is_off_by_default(settings, caplog: pytest.LogCaptureFixture) -> None:
    assert settings.retention_days == 0
    old, new = _archive_two(settings)
    caplog.set_level(logging.INFO, logger="fpdocs")
    Watcher(Pipeline(settings, today=lambda: TODAY)).step()
    assert old.exists() and new.exists()
    assert "retention" not in caplog.text
