"""Issue 4: outbox/oversikt/statistikk.xlsx — meetings, hours and km per month and per case,
hours by place and focus, from the meeting logs (built from Meeting objects, and end to end from
a dropped meeting log)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from conftest import FAMILY_NAMES, drop
from excelfill import ExcelDoc
from openpyxl import load_workbook

from fpdocs.cases import Meeting
from fpdocs.pipeline import Pipeline
from fpdocs.render.sheets import statistics_workbook
from fpdocs.statistics import CaseMeetings, Totals, by_case_and_month, by_month, cross

HEADER_ROW = 4


def meeting(day: date, hours: float, sted: str = "hjemme", fokus: str = "veiledning",
            km: float | None = 10) -> Meeting:  # fmt: skip
    return Meeting(day, "Fiona Fiktiv-Partner", sted, fokus, ("rutiner",), hours, km)


NORD = CaseMeetings("2026/1234", "team-nord", (
    meeting(date(2026, 11, 24), 1.5, km=12),
    meeting(date(2026, 11, 26), 1.0, "skole_barnehage", "samarbeidsmote", km=None),
    meeting(date(2026, 12, 3), 2.0, "kontor", "barnesamtale", km=0),
    meeting(date(2027, 2, 1), 0.5, "telefon", km=None),
))  # fmt: skip
SOR = CaseMeetings("2026/5678", "team-sor", (
    meeting(date(2026, 12, 10), 1.25, km=25.5),
    meeting(date(2026, 12, 17), 0.75, "hjemme", "praktisk_hjelp", km=25.5),
))  # fmt: skip
EMPTY = CaseMeetings("2026/9000", "team-vest", ())
CASES = [SOR, NORD, EMPTY]
ALL = [m for c in CASES for m in c.meetings]


def test_sums_per_month_include_months_without_contact() -> None:
    assert by_month(ALL) == {
        date(2026, 11, 1): Totals(2, 2.5, 12.0),
        date(2026, 12, 1): Totals(3, 4.0, 51.0),
        date(2027, 1, 1): Totals(0, 0.0, 0.0),
        date(2027, 2, 1): Totals(1, 0.5, 0.0),
    }
    assert by_month([]) == {}


def test_sums_per_case_and_month() -> None:
    rows = [(c.saksnummer, month, t) for c, month, t in by_case_and_month(CASES)]
    assert rows == [
        ("2026/1234", date(2026, 11, 1), Totals(2, 2.5, 12.0)),
        ("2026/1234", date(2026, 12, 1), Totals(1, 2.0, 0.0)),
        ("2026/1234", date(2027, 2, 1), Totals(1, 0.5, 0.0)),
        ("2026/5678", date(2026, 12, 1), Totals(2, 2.0, 51.0)),
    ]


def test_hours_by_place_and_focus() -> None:
    places = cross(ALL, lambda m: m.sted)
    assert places[date(2026, 12, 1)] == {
        "kontor": Totals(1, 2.0, 0.0), "hjemme": Totals(2, 2.0, 51.0),
    }  # fmt: skip
    assert places[date(2027, 1, 1)] == {}
    focus = cross(ALL, lambda m: m.fokus)
    assert focus[date(2026, 11, 1)] == {
        "veiledning": Totals(1, 1.5, 12.0), "samarbeidsmote": Totals(1, 1.0, 0.0),
    }  # fmt: skip


def rows(sheet, width: int) -> list[tuple]:
    return [
        tuple(c.value for c in row)
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=width)
    ]


def test_workbook_read_back() -> None:
    book = load_workbook(BytesIO(statistics_workbook(CASES, datetime(2027, 3, 1, 8, 0))))
    assert book.sheetnames == ["Per måned", "Per sak", "Sted", "Fokus"]

    monthly = book["Per måned"]
    assert monthly["A1"].value == "Kontakter per måned – alle saker"
    assert [c.value for c in monthly[HEADER_ROW]] == ["Måned", "Møter", "Timer", "Km"]
    got = rows(monthly, 4)
    assert [(r[0].date(), *r[1:]) for r in got[:-1]] == [
        (date(2026, 11, 1), 2, 2.5, 12), (date(2026, 12, 1), 3, 4.0, 51),
        (date(2027, 1, 1), 0, 0, 0), (date(2027, 2, 1), 1, 0.5, 0),
    ]  # fmt: skip
    assert got[-1] == ("Sum", 6, 7.0, 63)
    assert monthly.cell(HEADER_ROW + 1, 1).number_format == "[$-414]MMMM YYYY"
    assert monthly.auto_filter.ref == f"A{HEADER_ROW}:D{HEADER_ROW + 4}"  # the sum row is out

    per_case = rows(book["Per sak"], 6)
    assert [(r[0], r[1], r[2].date(), *r[3:]) for r in per_case[:-1]] == [
        ("2026/1234", "team-nord", date(2026, 11, 1), 2, 2.5, 12),
        ("2026/1234", "team-nord", date(2026, 12, 1), 1, 2.0, 0),
        ("2026/1234", "team-nord", date(2027, 2, 1), 1, 0.5, 0),
        ("2026/5678", "team-sor", date(2026, 12, 1), 2, 2.0, 51),
    ]
    assert per_case[-1][0] == "Sum" and per_case[-1][3:] == (6, 7.0, 63)

    places = book["Sted"]
    assert [c.value for c in places[HEADER_ROW]] == [
        "Måned", "Hjemme", "Kontor", "Skole/barnehage", "Aktivitet", "Telefon", "Digitalt",
        "Annet", "Sum",
    ]  # fmt: skip
    got = rows(places, 9)
    assert got[1][1:] == (2.0, 2.0, 0, 0, 0, 0, 0, 4.0)  # December 2026
    assert got[-2] == ("Sum timer", 3.5, 2.0, 1.0, 0, 0.5, 0, 0, 7.0)
    assert got[-1] == ("Antall møter", 3, 1, 1, 0, 1, 0, 0, 6)
    focus = book["Fokus"]
    assert [c.value for c in focus[HEADER_ROW]][1:4] == ["Relasjonsbygging", "Praktisk hjelp",
                                                         "Veiledning"]  # fmt: skip
    assert rows(focus, 9)[-1] == ("Antall møter", 0, 1, 3, 1, 1, 0, 0, 6)


def test_workbook_without_meetings_says_so() -> None:
    book = load_workbook(BytesIO(statistics_workbook([EMPTY], datetime(2027, 3, 1))))
    for sheet in book:
        assert sheet.cell(HEADER_ROW + 1, 1).value == "Ingen møter registrert ennå."


def test_dropped_meeting_log_counts_once_in_the_statistics(
    case: Pipeline, blank_forms: Path, tmp_path: Path
) -> None:
    def row(day: int, hours: float, sted: str = "hjemme", km: float | None = 12) -> dict:
        return {"dato": date(2026, 12, day), "familiepartner": "Fiona Fiktiv-Partner",
                "sted": sted, "fokus": "veiledning", "varighet_timer": hours, "km": km}  # fmt: skip

    book = ExcelDoc.open(blank_forms / "moteskjema.xlsx").set("saksnummer", "2026/1234")
    book.rows("moter", [row(1, 1.5), row(3, 1.0, "kontor", None)])
    assert drop(case, book.bytes(), "logg.xlsx").status == "processed"
    book.rows("moter", [row(8, 2.0)], start=2)  # one more row, the same log dropped again
    assert drop(case, book.bytes(), "logg.xlsx").status == "processed"

    path = case.settings.outbox / "oversikt/statistikk.xlsx"
    stats = load_workbook(path)
    per_case = rows(stats["Per sak"], 6)
    assert [(r[0], r[1], r[2].date(), *r[3:]) for r in per_case[:-1]] == [
        ("2026/1234", "team-nord", date(2026, 12, 1), 3, 4.5, 24),
    ]
    assert rows(stats["Sted"], 9)[-1] == ("Antall møter", 2, 1, 0, 0, 0, 0, 0, 3)
    text = " ".join(str(c.value) for s in stats for r in s.iter_rows() for c in r if c.value)
    assert not [n for n in FAMILY_NAMES if n in text]

    assert shutil.which("soffice"), "LibreOffice is needed: ./test.sh installs it"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profil", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "lo"),
         str(path)],
        capture_output=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    again = load_workbook(tmp_path / "lo/statistikk.xlsx")
    assert again.sheetnames == stats.sheetnames
    assert again["Per sak"].cell(HEADER_ROW + 1, 5).value == 4.5
    assert again["Per sak"].cell(HEADER_ROW + 1, 3).value.date() == date(2026, 12, 1)
