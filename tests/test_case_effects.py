"""Issue 3, acceptance 3–6: what forms do to the case — the meeting log, minutes with tasks,
placement and extension, and checking a restyled template."""

from __future__ import annotations

import copy
import shutil
import zipfile
from datetime import date
from pathlib import Path

from conftest import drop
from docx import Document
from excelfill import ExcelDoc
from samples import SAMPLES
from wordfill import WordDoc

from fpdocs.cases import load_case
from fpdocs.cli import main
from fpdocs.deadlines import due_items
from fpdocs.extract import extract
from fpdocs.forms import FORMS
from fpdocs.pipeline import Pipeline
from fpdocs.publish import TEMPLATE_ROOT
from fpdocs.readers import read

CASE = Path("team-nord/2026-1234")


def _meeting(day: int, hours: float = 1.0, sted: str = "hjemme") -> dict:
    return {"dato": date(2026, 12, day), "familiepartner": "Fiona Fiktiv-Partner", "sted": sted,
            "fokus": "veiledning", "varighet_timer": hours, "km": 10}  # fmt: skip


def test_meeting_log_dropped_three_times_counts_each_meeting_once(
    case: Pipeline, blank_forms: Path
) -> None:
    book = ExcelDoc.open(blank_forms / "moteskjema.xlsx").set("saksnummer", "2026/1234")
    book.rows("moter", [_meeting(1), _meeting(2), _meeting(3, 2.5), _meeting(4, sted="kontor")])
    assert drop(case, book.bytes(), "logg.xlsx").status == "processed"

    # staff append three rows (one with a bad date) and drop the same workbook again
    book.rows("moter", [_meeting(7), _meeting(8)], start=4)
    book.cell("moter", 6, "dato", "32.12.2026").cell("moter", 6, "sted", "Hjemme")
    book.cell("moter", 6, "fokus", "Veiledning").cell("moter", 6, "varighet_timer", 1)
    second = drop(case, book.bytes(), "logg.xlsx")
    assert second.status == "processed"
    note = second.note.read_text(encoding="utf-8")
    assert f"Møter og kontakter, rad {book.excel_row('moter', 6)}: Dato" in note
    assert "Funnet: «32.12.2026»" in note

    # the bad row fixed, two more appended, dropped a third time
    book.cell("moter", 6, "dato", date(2026, 12, 9))
    book.rows("moter", [_meeting(10), _meeting(11, 0.5)], start=7)
    third = book.bytes()
    assert drop(case, third, "logg.xlsx").status == "processed"

    meetings = load_case(case.store, "2026/1234").meetings()
    assert [m.dato.day for m in meetings] == [1, 2, 3, 4, 7, 8, 9, 10, 11]
    assert sum(m.varighet_timer for m in meetings) == 10.0
    # the same workbook once more, unchanged: a duplicate, nothing counted again
    assert drop(case, third, "logg.xlsx").status == "duplicate"
    assert len(load_case(case.store, "2026/1234").meetings()) == 9


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_minutes_carry_open_tasks_to_the_next_meeting_until_done(
    case: Pipeline, blank_forms: Path
) -> None:
    values, _ = SAMPLES["ansvarsgruppemote"]
    first = WordDoc.open(blank_forms / "ansvarsgruppemote.docx").fill(values)
    outcome = drop(case, first.bytes(), "referat desember.docx")
    assert outcome.status == "processed"
    folder = case.settings.outbox / CASE
    summary = _text(folder / "referat_2026-1234_2026-12-08.docx")
    assert "Sende ukeplan hjem" in summary and "Søke SFO-plass" in summary
    notice = _text(folder / "innkalling_2026-1234_2027-01-12.docx")
    assert "12.01.2027" in notice
    assert "Oppfølging: Sende ukeplan hjem (ansvarlig: Skolen, frist 15.12.2026)" in notice
    assert "Oppfølging: Søke SFO-plass (ansvarlig: Mor)" in notice
    plan = load_case(case.store, "2026/1234").plan(date(2026, 12, 9), case.settings.kalender)
    tasks = [(i.kind, i.due, i.status) for i in plan.items if i.kind == "oppgave"]
    assert tasks == [("oppgave", date(2026, 12, 15), "due")]
    notices = [i for i in plan.items if i.kind == "ansvarsgruppemote_innkalling"]
    assert [n.due for n in notices] == [date(2026, 12, 29)]  # 14 days before 12.01.2027

    # the next minutes: fpdocs pre-filled them with both open tasks; staff tick one as done
    prefilled = WordDoc.open(folder / "ansvarsgruppemote_2026-1234_2027-01-12.docx")
    content = read((folder / "ansvarsgruppemote_2026-1234_2027-01-12.docx").read_bytes())
    carried = extract(content, FORMS["ansvarsgruppemote"])
    assert carried["dato"] == "12.01.2027"
    assert [(t["oppgave"], t["ansvarlig"]) for t in carried["oppgaver"]] == [
        ("Sende ukeplan hjem", "Skolen"), ("Søke SFO-plass", "Mor"),
    ]  # fmt: skip
    prefilled.type("oppgaver.utfort", True, index=0).type("neste_mote", date(2027, 2, 16))
    prefilled.fill({"agenda": [{"punkt": "Oppfølging: Sende ukeplan hjem", "referat": "Gjort."}]})
    assert drop(case, prefilled.bytes(), "referat januar.docx").status == "processed"
    notice = _text(folder / "innkalling_2026-1234_2027-02-16.docx")
    assert "Søke SFO-plass" in notice
    assert "Sende ukeplan hjem" not in notice
    assert [t.text for t in load_case(case.store, "2026/1234").open_tasks()] == ["Søke SFO-plass"]


def test_a_restated_task_keeps_every_task_on_its_own_calendar_event(
    case: Pipeline, blank_forms: Path
) -> None:
    """Three tasks from one set of minutes; the next minutes give one of them a new deadline.
    Each task keeps its calendar UID: the restated one moves, the others stay where they were."""
    first = copy.deepcopy(SAMPLES["ansvarsgruppemote"][0])
    first["oppgaver"] = [
        {"oppgave": "Sende ukeplan hjem", "ansvarlig": "Skolen", "frist": date(2026, 12, 15)},
        {"oppgave": "Søke SFO-plass", "ansvarlig": "Mor", "frist": date(2026, 12, 18)},
        {"oppgave": "Bestille time hos tannlege", "ansvarlig": "Far", "frist": date(2026, 12, 22)},
    ]
    minutes = WordDoc.open(blank_forms / "ansvarsgruppemote.docx")
    assert drop(case, minutes.fill(first).bytes(), "referat 1.docx").status == "processed"

    def tasks() -> dict[str, date]:
        rows = due_items(case.store, case.settings, date(2027, 1, 13), case="2026/1234")
        return {r.uid: r.due for r in rows if r.kind == "oppgave"}

    before = tasks()
    assert sorted(before.values()) == [date(2026, 12, 15), date(2026, 12, 18), date(2026, 12, 22)]
    second = copy.deepcopy(first)
    second.update(dato=date(2027, 1, 12), neste_mote=date(2027, 2, 16), agenda=[])
    second["oppgaver"] = [{"oppgave": "Søke SFO-plass", "ansvarlig": "Mor",
                           "frist": date(2027, 2, 10)}]  # fmt: skip
    minutes = WordDoc.open(blank_forms / "ansvarsgruppemote.docx")
    assert drop(case, minutes.fill(second).bytes(), "referat 2.docx").status == "processed"
    after = tasks()
    assert set(after) == set(before)
    moved = {uid: (before[uid], after[uid]) for uid in before if before[uid] != after[uid]}
    assert list(moved.values()) == [(date(2026, 12, 18), date(2027, 2, 10))]


def _saksendring(blank_forms: Path, hendelse: str, on: date) -> bytes:
    values = {"saksnummer": "2026/1234", "dato": on, "hendelse": hendelse}
    return WordDoc.open(blank_forms / "saksendring.docx").fill(values).bytes()


def _report(blank_forms: Path, tidspunkt: str, meeting: date, anbefaling: str) -> bytes:
    values = copy.deepcopy(SAMPLES["rapportmal"][0])
    values.update(tidspunkt=tidspunkt, evalueringsmote_dato=meeting, anbefaling=anbefaling,
                  gjennomgatt_med_familien=meeting)  # fmt: skip
    return WordDoc.open(blank_forms / "rapportmal.docx").fill(values).bytes()


def test_placement_in_the_work_phase_moves_the_case_to_closing(
    case: Pipeline, blank_forms: Path
) -> None:
    # T0 = 23.11.2026; the work phase runs from 23.02.2027
    before = load_case(case.store, "2026/1234").plan(date(2027, 3, 20), case.settings.kalender)
    assert (before.phase.name, before.end) == ("arbeidsfase", date(2027, 8, 23))
    outcome = drop(case, _saksendring(blank_forms, "plassering_frivillig", date(2027, 3, 15)),
                   "plassering.docx")  # fmt: skip
    assert outcome.status == "processed"
    after = load_case(case.store, "2026/1234").plan(date(2027, 3, 20), case.settings.kalender)
    assert after.phase.name == "avslutningsfase"
    assert after.phase.start == date(2027, 3, 15)
    assert after.end == date(2027, 6, 15)  # P + 3 months


def test_familierad_application_and_follow_up_calls_are_marked_done(
    case: Pipeline, blank_forms: Path
) -> None:
    """Items without a form of their own: the familieråd application is reported with a
    saksendring; a follow-up call is a contact in the meeting log after the end, in the call's
    window (however often the log is saved), or a saksendring."""
    after_calls = date(2027, 12, 15)  # T0 = 23.11.2026: the end 23.08.2027, calls at E + 1-3 months

    def items(kind: str) -> list[tuple[str, date | None]]:
        plan = load_case(case.store, "2026/1234").plan(after_calls, case.settings.kalender)
        return [(i.status, i.done_on) for i in plan.items if i.kind == kind]

    assert items("familierad_soknad") == [("overdue", None)]
    assert items("oppfolgingssamtale") == [("overdue", None)] * 3

    sent = _saksendring(blank_forms, "familierad_soknad", date(2027, 2, 10))
    assert drop(case, sent, "familierad.docx").status == "processed"
    assert items("familierad_soknad") == [("done", date(2027, 2, 10))]

    def contact(on: date, sted: str = "telefon") -> dict:
        return {**_meeting(14), "dato": on, "sted": sted, "varighet_timer": 0.5}

    # during the measure, the closing meeting on the end date and a visit two days later: none is
    # a follow-up call; the call on 20.09 falls in call 1's window (from 14 days before 23.09)
    rows = [_meeting(14, 1.5), contact(date(2027, 8, 23), "hjemme"), contact(date(2027, 8, 25)),
            contact(date(2027, 9, 20))]  # fmt: skip
    book = ExcelDoc.open(blank_forms / "moteskjema.xlsx").set("saksnummer", "2026/1234")
    assert drop(case, book.rows("moter", rows).bytes(), "logg.xlsx").status == "processed"
    assert items("oppfolgingssamtale") == [
        ("done", date(2027, 9, 20)), ("overdue", None), ("overdue", None),
    ]  # fmt: skip
    # the same log saved again with two more calls: one more in call 1's window counts for
    # nothing, one in call 2's window (from 09.10) closes call 2, late
    book.rows("moter", [contact(date(2027, 9, 28)), contact(date(2027, 10, 25))], start=4)
    assert drop(case, book.bytes(), "logg.xlsx").status == "processed"
    assert items("oppfolgingssamtale") == [
        ("done", date(2027, 9, 20)), ("done", date(2027, 10, 25)), ("overdue", None),
    ]  # fmt: skip

    third = _saksendring(blank_forms, "oppfolgingssamtale", date(2027, 11, 29))
    assert drop(case, third, "samtale.docx").status == "processed"
    assert items("oppfolgingssamtale")[2] == ("done", date(2027, 11, 29))


def test_six_month_report_recommending_extension_moves_the_end_to_twelve_months(
    case: Pipeline, blank_forms: Path
) -> None:
    report = _report(blank_forms, "6_mnd", date(2027, 5, 21), "forlenge_arbeidsfase")
    assert drop(case, report, "rapport 6 mnd.docx").status == "processed"
    plan = load_case(case.store, "2026/1234").plan(date(2027, 6, 1), case.settings.kalender)
    assert plan.extended
    assert plan.end == date(2027, 11, 23)  # T0 + 12 months
    assert plan.phase.name == "arbeidsfase"


def test_extension_in_a_three_month_report_is_rejected(case: Pipeline, blank_forms: Path) -> None:
    report = _report(blank_forms, "3_mnd", date(2027, 2, 19), "forlenge_arbeidsfase")
    outcome = drop(case, report, "rapport 3 mnd.docx")
    assert outcome.status == "rejected"
    note = Path(f"{outcome.note}.feil.txt").read_text(encoding="utf-8")
    assert "Felt: Anbefaling" in note
    assert "bare anbefales i rapporten til evalueringen etter 6 måneder" in " ".join(note.split())
    plan = load_case(case.store, "2026/1234").plan(date(2027, 3, 1), case.settings.kalender)
    assert (plan.extended, plan.end) == (False, date(2027, 8, 23))


def test_templates_check_passes_on_every_shipped_template(capsys) -> None:
    shipped = sorted(str(p) for p in TEMPLATE_ROOT.glob("*/*.*"))
    assert len(shipped) == 10  # 8 Word templates, 2 Excel
    assert main(["templates", "check", *shipped]) == 0
    assert capsys.readouterr().out.count("OK: alle") == 10


def test_templates_check_names_a_deleted_control(tmp_path: Path, capsys) -> None:
    restyled = WordDoc.open(TEMPLATE_ROOT / "docx" / "inntakssamtale.docx")
    restyled.delete_control("kontaktperson").save(tmp_path / "vår inntakssamtale.docx")
    assert main(["templates", "check", str(tmp_path / "vår inntakssamtale.docx")]) == 1
    out = capsys.readouterr().out
    assert "1 problem(er):" in out
    assert "Feltet «Kontaktperson i barneverntjenesten» mangler" in out

    book = tmp_path / "vår møtelogg.xlsx"
    shutil.copy(TEMPLATE_ROOT / "xlsx" / "moteskjema.xlsx", book)
    with zipfile.ZipFile(book) as archive:
        assert "xl/tables/table1.xml" in archive.namelist()
    from openpyxl import load_workbook

    wb = load_workbook(book)
    del wb.defined_names["saksnummer"]
    wb.save(book)
    assert main(["templates", "check", str(book)]) == 1
    assert "Feltet «Saksnummer» mangler" in capsys.readouterr().out


def test_case_overview_shows_rating_trend_services_plan_and_contact(
    case: Pipeline, blank_forms: Path
) -> None:
    def rating(tidspunkt: str, on: date, scores: list[str]) -> bytes:
        values = {"saksnummer": "2026/1234", "dato": on, "tidspunkt": tidspunkt,
                  "navn": "Tiril Oppdiktet", "rolle": "barn",
                  "vurderinger": [{"omrade": "Hjemme", "score": scores[0]},
                                  {"omrade": "Venner", "score": scores[1]}]}  # fmt: skip
        return WordDoc.open(blank_forms / "rangeringsskjema.docx").fill(values).bytes()

    assert drop(case, rating("oppstart", date(2026, 11, 30), ["4", "6"]), "r1.docx").warnings == []
    later = drop(case, rating("3_mnd", date(2027, 2, 20), ["7", "5"]), "r2.docx")
    assert [w.felt for w in later.warnings] == ["Tidspunkt"], "3 months is not due yet today"
    services, _ = SAMPLES["kartlegging_tjenester"]
    drop(case, WordDoc.open(blank_forms / "kartlegging_tjenester.docx").fill(services).bytes(),
         "kartlegging.docx")  # fmt: skip
    plan, _ = SAMPLES["arbeidsplan"]
    drop(case, WordDoc.open(blank_forms / "arbeidsplan.docx").fill(plan).bytes(), "plan.docx")
    log, _ = SAMPLES["moteskjema"]
    drop(case, ExcelDoc.open(blank_forms / "moteskjema.xlsx").fill(log).bytes(), "logg.xlsx")

    doc = Document(str(case.settings.outbox / CASE / "saksoversikt_2026-1234.docx"))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Område", "Oppstart", "3 måneder", "Endring"] in rows
    assert ["Hjemme", "4", "7", "+3"] in rows
    assert ["Venner", "6", "5", "-1"] in rows
    assert ["Skole", "Lærer Lillevik-Fiktiv", "Friminuttene", "Mindre lekser"] in rows
    assert ["Kortsiktig", "Rolige morgener", "15.01.2027", "Pågår"] in rows
    assert ["Møter og kontakter", "2 (2,5 timer, 12 km)"] in rows
    assert ["Etter sted", "Hjemme 1, Skole/barnehage 1"] in rows
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "Tiril Oppdiktet (barn-1)" in headings


def test_plan_goals_with_deadlines_become_due_items_and_a_new_plan_replaces_them(
    case: Pipeline, blank_forms: Path
) -> None:
    plan, _ = SAMPLES["arbeidsplan"]
    drop(case, WordDoc.open(blank_forms / "arbeidsplan.docx").fill(plan).bytes(), "plan1.docx")
    action_plan, _ = SAMPLES["tiltaksplan"]
    drop(case, ExcelDoc.open(blank_forms / "tiltaksplan.xlsx").fill(action_plan).bytes(),
         "tiltaksplan.xlsx")  # fmt: skip
    items = load_case(case.store, "2026/1234").plan(date(2027, 1, 10), case.settings.kalender)
    tasks = [(i.due, i.status) for i in items.items if i.kind == "oppgave"]
    # the work-plan goal (15.01.2027, due soon) and the two evaluated sub-goals (done)
    assert tasks == [(date(2027, 1, 15), "due"), (date(2027, 2, 23), "done"),
                     (date(2027, 2, 23), "done")]  # fmt: skip

    newer = copy.deepcopy(plan)
    newer["mal"] = [{"type": "kortsiktig", "mal": "Felles middag", "frist": date(2027, 3, 1)}]
    newer["dato"] = date(2027, 1, 5)
    drop(case, WordDoc.open(blank_forms / "arbeidsplan.docx").fill(newer).bytes(), "plan2.docx")
    items = load_case(case.store, "2026/1234").plan(date(2027, 1, 10), case.settings.kalender)
    tasks = [i.due for i in items.items if i.kind == "oppgave"]
    assert tasks == [date(2027, 2, 23), date(2027, 2, 23), date(2027, 3, 1)]
