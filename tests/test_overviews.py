"""Issue 4: outbox/oversikt/ — frister.xlsx (read back, and opened by LibreOffice) and
frister.ics; written after every processed document and once a day by the watcher."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from conftest import FAMILY
from icalendar import Calendar
from openpyxl import load_workbook
from twocases import ALL_NAMES, CLIENT_NAMES, PARTNERS, drop_two_cases
from wordfill import WordDoc

from fpdocs import overviews
from fpdocs.cli import main
from fpdocs.config import load_settings
from fpdocs.deadlines import due_items
from fpdocs.pipeline import Pipeline
from fpdocs.render.sheets import sheet_names
from fpdocs.store import Store
from fpdocs.watch import Watcher

TODAY = date(2026, 11, 25)
OVERDUE = "F8D7DA"
HEADER = ["Frist", "Saksnummer", "Team", "Hva", "Gjelder", "Status"]
HEADER_ROW = 4


@pytest.fixture
def root(tmp_path: Path, blank_forms: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    drop_two_cases(tmp_path, blank_forms)
    assert main(["oversikt", "--dato", TODAY.isoformat()]) == 0
    return tmp_path


def open_rows(root: Path) -> list:
    store = Store(root / "var/fpdocs.sqlite3")
    try:
        return due_items(store, load_settings(), TODAY)
    finally:
        store.close()


def table(sheet) -> list[tuple]:
    """The rows under the header, as values."""
    return [
        tuple(c.value for c in row)
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=len(HEADER))
    ]


def fill_of(sheet, row: int) -> str:
    return str(sheet.cell(row, 1).fill.fgColor.rgb)[-6:]


def test_processing_writes_the_overviews(root: Path) -> None:
    made = sorted(p.name for p in (root / "outbox/oversikt").iterdir())
    # no temporary files left beside them
    assert made == ["frister.ics", "frister.xlsx", "statistikk.xlsx"]


def test_spreadsheet_has_a_sheet_per_familiepartner_sorted_and_highlighted(root: Path) -> None:
    book = load_workbook(root / "outbox/oversikt/frister.xlsx")
    assert book.sheetnames == ["Alle", *PARTNERS]
    expected = open_rows(root)

    alle = book["Alle"]
    assert alle["A1"].value == "Frister – alle saker"
    assert alle["A2"].value.startswith("Åpne frister per 25.11.2026: 6 forfalt, 10 snart, ")
    assert [c.value for c in alle[HEADER_ROW]] == HEADER
    assert alle.cell(HEADER_ROW, 1).font.b and alle.cell(HEADER_ROW, 1).fill.fgColor.rgb
    assert alle.auto_filter.ref == f"A{HEADER_ROW}:F{HEADER_ROW + len(expected)}"
    assert alle.freeze_panes == f"A{HEADER_ROW + 1}"
    assert all(alle.column_dimensions[c].width >= 10 for c in "ABCDEF")
    # printed: landscape, one page wide, the header row on every page
    assert alle.sheet_properties.pageSetUpPr.fitToPage
    assert (alle.page_setup.orientation, alle.page_setup.fitToWidth) == ("landscape", 1)
    assert alle.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert alle.column_dimensions["D"].width > alle.column_dimensions["B"].width

    values = table(alle)
    assert [(v[0].date(), v[1], v[2], v[3], v[5]) for v in values] == [
        (r.due, r.saksnummer, r.team, r.label, r.status_name) for r in expected
    ]
    assert values[0][:6] == (values[0][0], "2026/5678", "team-sor", "Hjemmebesøk 1 av 3",
                             "Hele saken", "Forfalt")  # fmt: skip
    assert ("2026/1234", "Rangeringsskjema ved oppstart", "barn-2", "Snart") in [
        v[1:2] + v[3:6] for v in values
    ]
    assert [v[0] for v in values] == sorted(v[0] for v in values)
    assert alle.cell(HEADER_ROW + 1, 1).number_format == "DD.MM.YYYY"
    # overdue rows, and only they, are red
    for n, v in enumerate(values, start=HEADER_ROW + 1):
        assert (fill_of(alle, n) == OVERDUE) == (v[5] == "Forfalt"), v
    assert sum(v[5] == "Forfalt" for v in values) == 6

    frode = table(book["Frode Fantasi-Hjelper"])
    assert frode and {v[1] for v in frode} == {"2026/5678"}
    fiona = table(book["Fiona Fiktiv-Partner"])
    assert {v[1] for v in fiona} == {"2026/1234", "2026/5678"} and len(fiona) == len(values)
    assert book["Frode Fantasi-Hjelper"]["A1"].value == "Frister – Frode Fantasi-Hjelper"
    assert book["Frode Fantasi-Hjelper"].auto_filter.ref


def test_spreadsheet_carries_no_family_names(root: Path) -> None:
    book = load_workbook(root / "outbox/oversikt/frister.xlsx")
    text = " ".join(
        str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value
    )
    assert not [n for n in CLIENT_NAMES if n in text]


def test_libreoffice_opens_the_spreadsheet(root: Path, tmp_path: Path) -> None:
    assert shutil.which("soffice"), "LibreOffice is needed: ./test.sh installs it"
    source = root / "outbox/oversikt/frister.xlsx"
    out = tmp_path / "lo"
    for target in ("pdf", "xlsx:Calc MS Excel 2007 XML"):
        done = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/profil", "--headless",
             "--convert-to", target, "--outdir", str(out), str(source)],
            capture_output=True, timeout=180,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert (out / "frister.pdf").stat().st_size > 0
    again = load_workbook(out / "frister.xlsx")
    assert again.sheetnames == ["Alle", *PARTNERS]
    alle = again["Alle"]
    assert [c.value for c in alle[HEADER_ROW]] == HEADER
    assert alle.cell(HEADER_ROW + 1, 6).value == "Forfalt"
    assert fill_of(alle, HEADER_ROW + 1) == OVERDUE
    assert alle.auto_filter.ref and alle.auto_filter.ref.startswith(f"A{HEADER_ROW}:F")
    # (frozen panes are a view setting, which a headless LibreOffice does not write back)


def test_calendar_file_has_one_all_day_event_per_open_item(root: Path) -> None:
    data = (root / "outbox/oversikt/frister.ics").read_bytes()
    events = Calendar.from_ical(data).walk("VEVENT")
    expected = open_rows(root)
    assert len(events) == len(expected) > 16
    assert len({str(e["uid"]) for e in events}) == len(events)
    by_uid = {str(e["uid"]): e for e in events}
    for row in expected:
        event = by_uid[f"{row.uid}@fpdocs"]
        assert event.decoded("dtstart") == row.due  # a date: an all-day event
        assert row.saksnummer in str(event["summary"]) and row.label in str(event["summary"])
        assert row.saksnummer in str(event["description"])
    text = data.decode("utf-8")
    assert not [n for n in ALL_NAMES if n in text]


def test_calendar_uids_stay_the_same_when_written_again(root: Path, blank_forms: Path) -> None:
    def uids() -> dict[str, str]:
        cal = Calendar.from_ical((root / "outbox/oversikt/frister.ics").read_bytes())
        return {str(e["uid"]): str(e["summary"]) for e in cal.walk("VEVENT")}

    before = uids()
    assert main(["oversikt", "--dato", TODAY.isoformat()]) == 0
    assert uids() == before
    # one start rating of the first case comes in: its event goes, the others stay as they were
    rating = {"saksnummer": "2026/1234", "dato": date(2026, 11, 30), "tidspunkt": "oppstart",
              "navn": "Ronja Oppdiktet", "rolle": "barn", "alder": "4"}  # fmt: skip
    WordDoc.open(blank_forms / "rangeringsskjema.docx").fill(rating).save(
        root / "inbox/team-nord/rangering.docx"
    )
    assert main(["process", "inbox/team-nord/rangering.docx"]) == 0
    assert main(["oversikt", "--dato", TODAY.isoformat()]) == 0
    after = uids()
    [gone] = set(before) - set(after)
    assert before[gone] == "Sak 2026/1234: Rangeringsskjema ved oppstart (barn-3)"
    assert set(after) < set(before)


def test_a_deadline_that_moves_keeps_its_calendar_event(root: Path, blank_forms: Path) -> None:
    """A placement moves the case's closing items: imported again, each event is the same one
    (same UID) on its new date, not a second event beside the old one."""

    def events() -> dict[str, tuple[str, date]]:
        cal = Calendar.from_ical((root / "outbox/oversikt/frister.ics").read_bytes())
        return {
            str(e["uid"]): (str(e["summary"]), e.decoded("dtstart")) for e in cal.walk("VEVENT")
        }

    before = events()
    change = {"saksnummer": "2026/1234", "dato": date(2027, 3, 15),
              "hendelse": "plassering_frivillig"}  # fmt: skip
    WordDoc.open(blank_forms / "saksendring.docx").fill(change).save(
        root / "inbox/team-nord/endring.docx"
    )
    assert main(["process", "inbox/team-nord/endring.docx"]) == 0
    assert main(["oversikt", "--dato", TODAY.isoformat()]) == 0
    after = events()
    moved = {u: (before[u][1], after[u][1]) for u in set(before) & set(after)
             if before[u][1] != after[u][1]}  # fmt: skip
    assert moved, "the placement moved some of the case's items"
    assert all(before[u][0] == after[u][0] for u in moved), "the same item, on a new date"
    for summary in {s for s, _ in after.values()}:
        dates = sorted(d for s, d in after.values() if s == summary)
        assert len(dates) == len(set(dates)), f"{summary}: two events on one day"
    added = [after[u] for u in set(after) - set(before)]
    assert all(s.startswith("Sak 2026/1234") for s, _ in added)


@contextmanager
def logged() -> Iterator[list[str]]:
    """The fpdocs log lines written inside the block ("LEVEL message")."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(f"{record.levelname} {record.getMessage()}")

    logger, handler = logging.getLogger("fpdocs"), Keep()
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_overview_failure_never_stops_processing(
    pipeline: Pipeline, blank_forms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("Mona Oppdiktet")  # a message that quotes a name

    monkeypatch.setattr(overviews, "deadlines_workbook", broken)
    inbox = pipeline.settings.inbox / "team-nord"
    WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).save(inbox / "inntak.docx")
    with logged() as lines:
        outcome = pipeline.process_file(inbox / "inntak.docx")
    assert outcome.status == "processed"
    assert (pipeline.case_folder("team-nord", "2026/1234") / "saksoversikt_2026-1234.docx").exists()
    assert "ERROR overviews not written error=RuntimeError" in lines
    assert not [n for n in ALL_NAMES if n in "\n".join(lines)]
    assert not (pipeline.settings.outbox / "oversikt/frister.xlsx").exists()


def test_watcher_writes_the_overviews_once_a_day(pipeline: Pipeline) -> None:
    days = [date(2026, 11, 25)]
    pipeline.today = lambda: days[-1]
    watcher = Watcher(pipeline, clock=lambda: 0.0)
    xlsx = pipeline.settings.outbox / "oversikt/frister.xlsx"

    watcher.step()
    assert xlsx.exists()  # at start
    xlsx.unlink()
    watcher.step()
    watcher.step()
    assert not xlsx.exists()  # not again the same day
    days.append(date(2026, 11, 26))
    watcher.step()
    assert xlsx.exists()  # the first round of a new day
    book = load_workbook(xlsx)
    assert book["Alle"]["A2"].value.startswith("Åpne frister per 26.11.2026")


def test_sheet_names_are_valid_and_unique() -> None:
    names = sheet_names([
        "Anne/Berit [vikar]", "Å" * 40, "Å" * 40, "alle", "History", "'Sitat'", "  ", "Ola Nord",
        "OLA NORD",
    ])  # fmt: skip
    assert names == [
        "Anne Berit vikar", "Å" * 31, "Å" * 27 + " (2)", "alle (2)", "History (2)", "Sitat",
        "Uten navn", "Ola Nord", "OLA NORD (2)",
    ]  # fmt: skip
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names} | {"alle"}) == len(names) + 1
