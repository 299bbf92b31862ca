"""Issue 5: three-month report drafts built from dropped forms only; the fast renderer gives
docxtpl's output; batch regeneration goes on past a broken case."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from conftest import FAMILY, drop
from docx import Document
from excelfill import ExcelDoc
from pypdf import PdfReader
from samples import SAMPLES
from wordfill import WordDoc

from fpdocs.cases import load_case
from fpdocs.cli import main
from fpdocs.config import Settings
from fpdocs.extract import extract
from fpdocs.forms import FORMS
from fpdocs.pipeline import Pipeline
from fpdocs.publish import TEMPLATE_ROOT
from fpdocs.readers import read
from fpdocs.render.fastdocx import CompiledTemplate, render_with_docxtpl
from fpdocs.reports import drafts_due, report_context, report_values

DAY = date(2027, 2, 10)  # the 3-month draft fell due on 02.02.2027 (21 days before 23.02.2027)
FOLDER = Path("team-nord/2026-1234")
DRAFT = "rapportmal_2026-1234_3_mnd_utkast.docx"

FOUR = copy.deepcopy(FAMILY)
FOUR["barn"] = FAMILY["barn"][:2]  # two parents and two children
SCORES = {  # member -> (areas, start scores, 3-month scores)
    "Mona Oppdiktet": (["Daglige rutiner", "Økonomi", "Bolig"], ["3", "5", "6"], ["6", "5", "8"]),
    "Petter Oppdiktet": (["Daglige rutiner", "Egen psykisk helse"], ["4", "2"], ["5", "4"]),
    "Tiril Oppdiktet": (["Hjemme", "Venner", "Skole eller barnehage"], ["5", "3", "4"],
                        ["7", "6", "4"]),
    "Sindre Oppdiktet": (["Hjemme", "Følelser"], ["6", "5"], ["8", "7"]),
}  # fmt: skip
ROLES = {"Mona Oppdiktet": "forelder", "Petter Oppdiktet": "forelder"}
MEETINGS = [  # (day, place, focus, hours, km)
    (date(2026, 11, 24), "hjemme", "relasjonsbygging", 1.5, 12),
    (date(2026, 11, 26), "hjemme", "praktisk_hjelp", 2, 12),
    (date(2026, 12, 1), "skole_barnehage", "samarbeidsmote", 1, 8),
    (date(2026, 12, 3), "hjemme", "veiledning", 1.5, 12),
    (date(2026, 12, 8), "kontor", "saksevaluering", 1, 0),
    (date(2026, 12, 15), "hjemme", "veiledning", 2, 12),
    (date(2027, 1, 5), "telefon", "veiledning", 0.5, 0),
    (date(2027, 1, 12), "hjemme", "barnesamtale", 1, 12),
    (date(2027, 1, 19), "aktivitet", "relasjonsbygging", 3, 25),
    (date(2027, 1, 26), "hjemme", "praktisk_hjelp", 1.5, 12),
    (date(2027, 2, 2), "digitalt", "veiledning", 0.75, 0),
    (date(2027, 2, 8), "hjemme", "veiledning", 1.25, 12),
]


@pytest.fixture
def report_case(settings: Settings, blank_forms: Path) -> Pipeline:
    """A case built only from dropped forms: intake (four members), start and 3-month ratings
    for all four, a work plan, 12 meeting-log rows, an action plan, minutes with one open task."""
    pipeline = Pipeline(settings, today=lambda: DAY)

    def word(form: str, values: dict, name: str) -> None:
        data = WordDoc.open(blank_forms / f"{form}.docx").fill(values).bytes()
        assert drop(pipeline, data, name).status == "processed"

    word("inntakssamtale", FOUR, "inntak.docx")
    for n, (person, (areas, start, now)) in enumerate(SCORES.items()):
        for tp, on, scores in (("oppstart", date(2026, 11, 30), start),
                               ("3_mnd", date(2027, 2, 9), now)):  # fmt: skip
            values = {"saksnummer": "2026/1234", "dato": on, "tidspunkt": tp, "navn": person,
                      "rolle": ROLES.get(person, "barn"),
                      "vurderinger": [{"omrade": a, "score": s}
                                      for a, s in zip(areas, scores, strict=True)]}  # fmt: skip
            word("rangeringsskjema", values, f"rangering-{n}-{tp}.docx")
    word("arbeidsplan", SAMPLES["arbeidsplan"][0], "arbeidsplan.docx")
    log = ExcelDoc.open(blank_forms / "moteskjema.xlsx").set("saksnummer", "2026/1234")
    log.rows("moter", [{"dato": d, "familiepartner": "Fiona Fiktiv-Partner", "sted": s,
                        "fokus": f, "varighet_timer": h, "km": k}
                       for d, s, f, h, k in MEETINGS])  # fmt: skip
    assert drop(pipeline, log.bytes(), "møtelogg.xlsx").status == "processed"
    action_plan = copy.deepcopy(SAMPLES["tiltaksplan"][0])
    action_plan["dato"] = date(2026, 12, 1)
    action_plan["evaluering"] = []
    assert drop(pipeline, ExcelDoc.open(blank_forms / "tiltaksplan.xlsx").fill(action_plan)
                .bytes(), "tiltaksplan.xlsx").status == "processed"  # fmt: skip
    minutes = copy.deepcopy(SAMPLES["ansvarsgruppemote"][0])
    minutes["oppgaver"][0]["utfort"] = True
    minutes.pop("neste_mote")
    word("ansvarsgruppemote", minutes, "referat.docx")
    return pipeline


@contextmanager
def cli_settings(settings: Settings, **extra: str) -> Iterator[None]:
    """Point the command line at the test's folders (it reads settings from the environment)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FPDOCS_INBOX", str(settings.inbox))
        patch.setenv("FPDOCS_OUTBOX", str(settings.outbox))
        patch.setenv("FPDOCS_STATE_DIR", str(settings.state_dir))
        for key, value in extra.items():
            patch.setenv(f"FPDOCS_{key.upper()}", value)
        yield


def _rows(path: Path) -> list[list[str]]:
    doc = Document(str(path))
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows]


def test_report_draft_carries_everything_fpdocs_knows(report_case: Pipeline) -> None:
    path = report_case.settings.outbox / FOLDER / DRAFT
    fields = extract(read(path.read_bytes()), FORMS["rapportmal"])
    assert fields == {
        "saksnummer": "2026/1234", "dato": "10.02.2027", "utfylt_av": "Fiona Fiktiv-Partner",
        "tidspunkt": "3 måneder", "fase": "Oppstartsfase", "periode_fra": "23.11.2026",
        "periode_til": "23.02.2027", "evalueringsmote_dato": "23.02.2027",
    }, "the staff-written sections are empty"  # fmt: skip
    rows = _rows(path)
    for expected in (
        ["Familiepartner(e)", "Fiona Fiktiv-Partner"],
        ["Kontaktperson", "Kasper Konstruert"],
        ["Perioden", "23.11.2026 – 23.02.2027"],
        ["Evalueringsmøte", "23.02.2027 (3 måneder)"],
        ["Møter og kontakter", "12"],
        ["Timer", "17"],  # 1.5+2+1+1.5+1+2+0.5+1+3+1.5+0.75+1.25
        ["Kilometer", "117"],
        ["Hjemme", "7", "10,75"],
        ["Skole/barnehage", "1", "1"],
        ["Aktivitet", "1", "3"],
        ["Veiledning", "5", "6"],
        ["Relasjonsbygging", "2", "4,5"],
        ["Saksevaluering", "1", "1"],
        ["Daglige rutiner", "3", "", "6"],
        ["Bolig", "6", "", "8"],
        ["Egen psykisk helse", "2", "", "4"],
        ["Skole eller barnehage", "4", "", "4"],
        ["Følelser", "5", "", "7"],
        ["Kortsiktig", "Rolige morgener", "15.01.2027", "Pågår"],
        ["1", "Trygg hverdag", "Faste leggetider", "23.02.2027", ""],
        ["2", "Godt skolesamarbeid", "Møte med lærer", "23.02.2027", ""],
        ["Søke SFO-plass", "Mor", ""],
    ):
        assert expected in rows, expected
    assert ["Sende ukeplan hjem", "Skolen", "15.12.2026"] not in rows, "a done task is closed"
    headings = [p.text for p in Document(str(path)).paragraphs if p.style.name == "Heading 3"]
    assert headings == ["Mona Oppdiktet (foresatt-1)", "Petter Oppdiktet (foresatt-2)",
                        "Tiril Oppdiktet (barn-1)", "Sindre Oppdiktet (barn-2)"]  # fmt: skip

    with zipfile.ZipFile(path) as package:
        charts = sorted(n for n in package.namelist() if n.startswith("word/charts/"))
        assert len(charts) == 4, "one chart per member"
        document = package.read("word/document.xml").decode()
        assert document.count("<c:chart ") == 4
        mona = next(package.read(c).decode() for c in charts if "Bolig" in package.read(c).decode())
    assert "<c:v>Oppstart</c:v>" in mona and "<c:v>Nå (3 måneder)</c:v>" in mona
    assert '<c:pt idx="2"><c:v>8</c:v></c:pt>' in mona  # Bolig now


def test_draft_follows_new_data_until_the_completed_report_comes_back(
    report_case: Pipeline, blank_forms: Path
) -> None:
    path = report_case.settings.outbox / FOLDER / DRAFT
    log = ExcelDoc.open(blank_forms / "moteskjema.xlsx").set("saksnummer", "2026/1234")
    log.rows("moter", [{"dato": d, "familiepartner": "Fiona Fiktiv-Partner", "sted": s,
                        "fokus": f, "varighet_timer": h, "km": k}
                       for d, s, f, h, k in [*MEETINGS, (date(2027, 2, 9), "hjemme",
                                                         "veiledning", 1, 12)]])  # fmt: skip
    drop(report_case, log.bytes(), "møtelogg.xlsx")
    assert ["Møter og kontakter", "13"] in _rows(path)

    completed = copy.deepcopy(SAMPLES["rapportmal"][0])
    completed.update(tidspunkt="3_mnd", anbefaling="fortsette", periode_fra=date(2026, 11, 23),
                     periode_til=date(2027, 2, 23), evalueringsmote_dato=date(2027, 2, 23),
                     gjennomgatt_med_familien=date(2027, 2, 16), fase="oppstartsfase")  # fmt: skip
    report = WordDoc.open(path).fill({k: v for k, v in completed.items()
                                      if k in ("kontakt", "vurderinger", "anbefaling",
                                               "gjennomgatt_med_familien")})  # fmt: skip
    assert drop(report_case, report.bytes(), "rapport ferdig.docx").status == "processed"
    before = path.read_bytes()
    drop(report_case, log.cell("moter", 13, "dato", date(2027, 2, 9)).bytes(), "møtelogg.xlsx")
    assert path.read_bytes() == before, "no draft is written once the report came back"
    case_file = load_case(report_case.store, "2026/1234")
    plan = case_file.plan(DAY, report_case.settings.kalender)
    assert drafts_due(case_file, plan, DAY) == []


def test_fast_renderer_gives_docxtpls_document_xml(report_case: Pipeline) -> None:
    case_file = load_case(report_case.store, "2026/1234")
    plan = case_file.plan(DAY, report_case.settings.kalender)
    [evaluation] = drafts_due(case_file, plan, DAY)
    context = report_context(*report_values(case_file, evaluation, plan, DAY))
    template = TEMPLATE_ROOT / "docx" / "rapportmal.docx"
    fast = CompiledTemplate(template).render(context)
    reference = render_with_docxtpl(template, context)

    def part(data: bytes, name: str) -> bytes:
        return zipfile.ZipFile(BytesIO(data)).read(name)

    assert part(fast, "word/document.xml") == part(reference, "word/document.xml")
    charts = [n for n in zipfile.ZipFile(BytesIO(fast)).namelist() if "charts/" in n]
    assert len(charts) == 4
    assert all(part(fast, n) == part(reference, n) for n in charts)


def test_batch_goes_on_past_a_broken_case(report_case: Pipeline, blank_forms: Path, capsys):
    settings = report_case.settings
    for number in ("2026/2001", "2026/2002", "2026/2003"):
        other = copy.deepcopy(FOUR) | {"saksnummer": number}
        data = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(other).bytes()
        assert drop(report_case, data, f"inntak-{number[-4:]}.docx").status == "processed"
    with sqlite3.connect(settings.database) as db:  # one case's stored data is damaged
        row = db.execute(
            "SELECT sha256, data FROM documents WHERE saksnummer = '2026/2002'"
        ).fetchone()
        damaged = json.loads(row[1]) | {"barn": "ødelagt"}
        db.execute("UPDATE documents SET data = ? WHERE sha256 = ?", (json.dumps(damaged), row[0]))
    for old in settings.outbox.rglob("rapportmal_*"):
        old.unlink()
    with cli_settings(settings):
        code = main(["regenerate", "reports", "--all", "--dato", DAY.isoformat()])
    captured = capsys.readouterr()
    assert code == 1
    assert "Skrev 3 rapportutkast for 3 saker." in captured.out
    assert "  - sak 2026/2002: ValidationError" in captured.out
    assert "Rapportutkast: 100%" in captured.err and "4/4" in captured.err
    drafts = sorted(p.name for p in settings.outbox.rglob("rapportmal_*_utkast.docx"))
    assert drafts == [f"rapportmal_{n}_3_mnd_utkast.docx"
                      for n in ("2026-1234", "2026-2001", "2026-2003")]  # fmt: skip


def test_pdf_meeting_packet_has_three_bookmarked_parts_and_the_case_number(
    report_case: Pipeline, capsys
) -> None:
    with cli_settings(report_case.settings):
        code = main(["regenerate", "reports", "--sak", "2026/1234", "--pdf", "--dato",
                     DAY.isoformat()])  # fmt: skip
    assert code == 0, capsys.readouterr().out
    assert "Skrev 1 møtepakker (PDF)." in capsys.readouterr().out
    folder = report_case.settings.outbox / FOLDER
    reader = PdfReader(folder / "motepakke_2026-1234_3_mnd.pdf")
    assert [item.title for item in reader.outline] == ["Tremånedersrapport", "Tiltaksplan",
                                                        "Rangeringer"]  # fmt: skip
    assert reader.metadata["/Saksnummer"] == "2026/1234"
    assert "2026/1234" in reader.metadata.title
    assert reader.metadata.subject == "Perioden 23.11.2026 – 23.02.2027"
    everything = " ".join(str(v) for v in reader.metadata.values())
    assert not [name for name in ("Oppdiktet", "Fiona", "Kasper") if name in everything]
    assert len(reader.pages) >= 3
    first_pages = [reader.get_destination_page_number(item) for item in reader.outline]
    assert first_pages == sorted(first_pages) and first_pages[0] == 0
    assert "Tremånedersrapport" in reader.pages[0].extract_text()
    plan_text = reader.pages[first_pages[1]].extract_text()
    assert "Tiltaksplan" in plan_text and "01.12.2026" in plan_text and "Trygg hverdag" in plan_text
    assert "Daglige rutiner" in reader.pages[first_pages[2]].extract_text()
    assert (folder / "rapportmal_2026-1234_3_mnd_utkast.pdf").exists()


def test_a_converter_that_hangs_is_killed_and_reported(
    report_case: Pipeline, tmp_path: Path, capsys
) -> None:
    pids = tmp_path / "pids"
    hanging = tmp_path / "henger-soffice"
    hanging.write_text(f"#!/bin/sh\necho $$ >> {pids}\nexec sleep 60\n")
    hanging.chmod(0o755)
    with cli_settings(report_case.settings, soffice_command=str(hanging),
                      pdf_timeout_seconds="1"):  # fmt: skip
        code = main(["regenerate", "reports", "--sak", "2026/1234", "--pdf", "--dato",
                     DAY.isoformat()])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1
    assert "PDF feilet for 1 saker (Word-filene er skrevet):" in out
    assert "sak 2026/1234: LibreOffice svarte ikke innen 1 sekunder og ble stoppet" in out
    folder = report_case.settings.outbox / FOLDER
    assert (folder / DRAFT).exists()
    assert not list(folder.glob("*.pdf"))
    started = [int(pid) for pid in pids.read_text().split()]
    assert len(started) >= 2, "tried once more after the timeout"
    for pid in started:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
