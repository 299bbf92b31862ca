"""Issue 6, acceptance 3: hostile and broken files end in feil/ with a Norwegian note that says
what was found, what is expected and what to do; the file is kept as it came; nothing is
archived or generated; and the watcher goes on."""

from __future__ import annotations

import os
from pathlib import Path

import hostile
import pytest
from conftest import FAMILY, TODAY, rejected
from excelfill import ExcelDoc
from wordfill import WordDoc

from fpdocs import files
from fpdocs.config import load_settings
from fpdocs.pipeline import Pipeline
from fpdocs.readers import xlsx
from fpdocs.watch import Watcher

SECRET = "HEMMELIG-INNHOLD-FRA-SERVEREN"


@pytest.fixture
def intake(blank_forms: Path) -> bytes:
    return WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).bytes()


@pytest.fixture
def meeting_log(blank_forms: Path) -> bytes:
    return ExcelDoc.open(blank_forms / "moteskjema.xlsx").set("saksnummer", "2026/1234").bytes()


def _refused(pipeline: Pipeline, data: bytes, name: str = "skjema.docx") -> str:
    """Drop ``data`` into team-nord, run the pipeline, and return the note. Checks that the file
    is kept in feil/ byte for byte and that nothing was archived or generated."""
    note = rejected(pipeline, data, name)
    assert not list(pipeline.settings.archive.rglob("*.docx")), "nothing is archived"
    assert not list(pipeline.settings.outbox.rglob("*.*")), "nothing is generated"
    for heading in ("Filen kunne ikke brukes", "Hva som er galt:", "Forventet:", "Slik gjør du:"):
        assert heading in note
    assert "inbox/team-nord/" in note or "outbox/maler/" in note, "says what to do"
    return note


def _document_xml(docx: bytes) -> bytes:
    return hostile.parts_of(docx)["word/document.xml"]


def test_zip_that_is_not_a_form(pipeline: Pipeline) -> None:
    data = hostile.zip_of({"notater.txt": b"Handleliste", "bilde.png": b"\x89PNG"})
    note = _refused(pipeline, data, "vedlegg.docx")
    assert "Filen er en zip-fil, men ikke et Word-dokument eller Excel-ark." in note
    assert "Lagre som → Word-dokument (.docx)" in note


def test_truncated_docx(pipeline: Pipeline, intake: bytes) -> None:
    note = _refused(pipeline, intake[: len(intake) // 2], "avbrutt.docx")
    assert "ufullstendig eller skadet" in note
    assert "lagre det på nytt" in note


def test_old_word_document_renamed_to_docx(pipeline: Pipeline) -> None:
    note = _refused(pipeline, hostile.old_word_document(), "gammel.docx")
    assert "gammelt Office-format (Word 97–2003 .doc" in note
    assert "«Word-dokument (*.docx)»" in note


def test_password_protected_document(pipeline: Pipeline) -> None:
    note = _refused(pipeline, hostile.password_protected(), "passord.docx")
    assert "beskyttet med passord (kryptert)" in note
    assert "Forventet:\n  et skjema uten passord" in note
    assert "Krypter med passord. Slett passordet" in note


def test_macro_document_renamed_to_docx(pipeline: Pipeline, intake: bytes) -> None:
    note = _refused(pipeline, hostile.macro_document(intake), "makro.docx")
    assert "inneholder makroer (programkode)" in note
    assert "ikke en filtype «med makroer»" in note
    assert "kontakt IT" in note


def test_macro_project_alone_is_enough(pipeline: Pipeline, intake: bytes) -> None:
    data = hostile.with_parts(intake, **{"word__vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    assert "inneholder makroer" in _refused(pipeline, data, "makro2.docx")


def _entity_attack(attack: str, tmp_path: Path) -> tuple[bytes, bytes]:
    """A DTD and the entity reference that uses it: one that reads a secret file from disk, or
    one that expands to gigabytes."""
    if attack == "billion_laughs":
        return hostile.billion_laughs()
    secret = tmp_path / "hemmelig.txt"
    secret.write_text(SECRET)
    return hostile.external_entity(str(secret))


@pytest.mark.parametrize("attack", ["external_entity", "billion_laughs"])
def test_word_xml_with_entities(
    pipeline: Pipeline, intake: bytes, tmp_path: Path, attack: str
) -> None:
    dtd, reference = _entity_attack(attack, tmp_path)
    xml = hostile.with_dtd(_document_xml(intake), dtd, reference)
    note = _refused(pipeline, hostile.with_parts(intake, **{"word__document.xml": xml}))
    assert "XML-definisjoner (en DTD med entiteter)" in note
    assert SECRET not in note


@pytest.mark.parametrize("attack", ["external_entity", "billion_laughs"])
def test_workbook_xml_with_entities(
    pipeline: Pipeline, meeting_log: bytes, tmp_path: Path, attack: str
) -> None:
    dtd, reference = _entity_attack(attack, tmp_path)
    sheet = hostile.parts_of(meeting_log)["xl/worksheets/sheet1.xml"]
    data = hostile.with_parts(
        meeting_log, **{"xl__worksheets__sheet1.xml": hostile.with_dtd(sheet, dtd, reference)}
    )
    note = _refused(pipeline, data, "motelogg.xlsx")
    assert "XML-definisjoner (en DTD med entiteter)" in note
    # and the workbook reader refuses it by itself too (openpyxl parses with defusedxml)
    with pytest.raises(xlsx.HostileXml):
        xlsx.read_xlsx(data)


def test_zip_bomb(pipeline: Pipeline) -> None:
    data = hostile.zip_bomb(unpacked_mb=60)
    assert len(data) < 100_000
    note = _refused(pipeline, data, "liten.docx")
    assert "Filen er pakket uvanlig tett: 0,1 MB pakker seg ut til 60,0 MB." in note
    assert "fylle opp maskinen" in note


def test_unpacked_size_over_the_limit(tmp_path: Path, intake: bytes) -> None:
    settings = load_settings(
        inbox=tmp_path / "inbox", outbox=tmp_path / "outbox", state_dir=tmp_path / "var",
        max_unpacked_mb=2,
    )  # fmt: skip
    data = hostile.many_images(intake, count=3, size=1024 * 1024)  # photos do not compress
    note = _refused(Pipeline(settings, today=lambda: TODAY), data, "bilder.docx")
    unpacked = sum(len(part) for part in hostile.parts_of(data).values()) / 1024 / 1024
    assert (
        f"pakker seg ut til {unpacked:.1f} MB, mer enn grensen på 2,0 MB".replace(".", ",") in note
    )
    assert "Fjern store bilder" in note


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    settings = load_settings(
        inbox=tmp_path / "inbox", outbox=tmp_path / "outbox", state_dir=tmp_path / "var",
        max_file_mb=1,
    )  # fmt: skip
    data = os.urandom(1024 * 1024 + 512 * 1024)
    note = _refused(Pipeline(settings, today=lambda: TODAY), data, "stor.docx")
    assert "Filen er 1,5 MB, mer enn grensen på 1,0 MB." in note
    assert "Forventet:\n  en fil på høyst 1,0 MB" in note


@pytest.mark.parametrize("dimension", [True, False], ids=["dimension", "no-dimension"])
def test_workbook_with_a_million_rows(
    pipeline: Pipeline, meeting_log: bytes, dimension: bool
) -> None:
    data = hostile.million_rows(meeting_log, dimension=dimension)
    note = _refused(pipeline, data, "motelogg.xlsx")
    if dimension:  # Excel says how many rows a sheet has: refused without counting
        assert "Et ark i arbeidsboken har 1 000 000 rader;" in note
    else:  # counted as it unpacks, stopping just past the limit
        assert "rader eller flere; fpdocs leser høyst 10 000 rader i ett ark." in note
    assert "Slett tomme eller overflødige rader" in note


def test_empty_file(pipeline: Pipeline) -> None:
    note = _refused(pipeline, b"", "tom.docx")
    assert "Filen er tom (0 byte)." in note
    assert "lagre det på nytt" in note


@pytest.mark.parametrize(
    ("name", "kept_as"),
    [
        ("x..\\..\\..\\etc\\passwd.docx", "x._._._etc_passwd.docx"),
        ("skjema\x07\x1b[31m\n\u202eslutt.docx", "skjema__[31m__slutt.docx"),
        ("a" * 250 + ".docx", "a" * 115 + ".docx"),
        (os.fsdecode(b"fil-\xff\xfe.docx"), "fil-__.docx"),
    ],
    ids=["dots-and-backslashes", "control-characters", "255-bytes", "not-utf8"],
)
def test_names_that_cannot_be_kept(pipeline: Pipeline, name: str, kept_as: str) -> None:
    team = pipeline.settings.inbox / "team-nord"
    team.mkdir(parents=True)
    (team / name).write_bytes(b"")
    outcome = pipeline.process_file(team / name)
    assert outcome is not None and outcome.status == "rejected"
    feil = team / "feil"
    assert sorted(p.name for p in feil.iterdir()) == [kept_as, f"{kept_as}.feil.txt"]
    note = (feil / f"{kept_as}.feil.txt").read_text(encoding="utf-8")
    assert f"Fil:        {kept_as}" in note
    assert f"filen ligger her som «{kept_as}»" in note
    written = sorted(p for p in pipeline.settings.inbox.rglob("*") if p.is_file())
    assert written == [feil / kept_as, feil / f"{kept_as}.feil.txt"], "only in feil/"


def test_safe_names() -> None:
    assert files.safe_name("inntak.docx") == "inntak.docx"
    assert files.safe_name("Møteskjema (2).xlsx") == "Møteskjema (2).xlsx"
    long = files.safe_name("ø" * 300 + ".docx")
    assert long.endswith(".docx") and len(long) <= 120 and len(long.encode()) <= 205
    assert files.safe_name("..") == "fil"
    assert files.safe_name("../../x.docx") == "_._x.docx"
    assert files.safe_name(" .skjult.docx. ") == "skjult.docx"


def test_the_watcher_goes_on_after_every_hostile_file(
    settings, intake: bytes, meeting_log: bytes
) -> None:
    """Every kind above dropped at once, then a good intake: each bad one is in feil/ with its
    note, and the intake is processed."""
    pipeline = Pipeline(settings, today=lambda: TODAY)
    document = _document_xml(intake)
    corpus = {
        "zip.docx": hostile.zip_of({"a.txt": b"a"}),
        "avbrutt.docx": intake[:5000],
        "gammel.docx": hostile.old_word_document(),
        "passord.docx": hostile.password_protected(),
        "makro.docx": hostile.macro_document(intake),
        "xxe.docx": hostile.with_parts(intake, **{"word__document.xml": hostile.with_dtd(
            document, *hostile.external_entity("/etc/hostname"))}),
        "lol.docx": hostile.with_parts(intake, **{"word__document.xml": hostile.with_dtd(
            document, *hostile.billion_laughs())}),
        "bombe.docx": hostile.zip_bomb(unpacked_mb=20),
        "rader.xlsx": hostile.million_rows(meeting_log, rows=20_000),
        "tom.docx": b"",
        "ctrl\x01.docx": b"",
    }  # fmt: skip
    team = settings.inbox / "team-nord"
    team.mkdir(parents=True)
    for name, data in corpus.items():
        (team / name).write_bytes(data)
    (team / "inntak.docx").write_bytes(intake)
    clock = iter(range(0, 1000, 1))
    watcher = Watcher(pipeline, clock=lambda: float(next(clock)))
    watcher.wake.set()
    for _ in range(5):
        watcher.step()
    feil = sorted(p.name for p in (team / "feil").iterdir())
    expected = sorted(files.safe_name(n) for n in corpus)
    assert feil == sorted(expected + [f"{n}.feil.txt" for n in expected])
    assert not [p for p in team.iterdir() if p.is_file()], "the inbox is empty"
    assert (settings.outbox / "team-nord/2026-1234/saksoversikt_2026-1234.docx").exists()
    assert watcher.processed == len(corpus) + 1
