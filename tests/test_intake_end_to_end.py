"""Issue 2, acceptance 2: a filled intake form through `fpdocs process`, every output checked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from conftest import FAMILY, FAMILY_NAMES, T0
from icalendar import Calendar
from wordfill import WordDoc

from fpdocs.cli import main
from fpdocs.config import load_settings
from fpdocs.extract import extract, identify
from fpdocs.forms import FORMS
from fpdocs.readers.docx import read_docx

ROOT = Path(__file__).resolve().parent.parent
CASE = "outbox/team-nord/2026-1234"


@pytest.fixture
def processed(tmp_path: Path, blank_forms: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FPDOCS_STATE_DIR", str(tmp_path / "var"))
    dropped = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY)
    dropped.save(tmp_path / "inbox" / "team-nord" / "Inntak familien.docx")
    assert main(["process", "inbox/team-nord/Inntak familien.docx"]) == 0
    return tmp_path


def _read(path: Path) -> tuple[str, dict]:
    content = read_docx(path.read_bytes())
    spec = identify(content, FORMS)
    assert spec is not None
    return spec.name, extract(content, spec)


def test_original_leaves_the_inbox_for_the_archive(processed: Path) -> None:
    assert not (processed / "inbox/team-nord/Inntak familien.docx").exists()
    archived = list((processed / "var/arkiv").rglob("*.docx"))
    assert len(archived) == 1
    assert not list((processed / "inbox/team-nord").glob("feil/*"))


def test_rating_form_for_every_family_member(processed: Path) -> None:
    settings = load_settings()
    expected = {
        "foresatt-1": ("Mona Oppdiktet", "Forelder", None, settings.rating_areas_adult),
        "foresatt-2": ("Petter Oppdiktet", "Forelder", None, settings.rating_areas_adult),
        "barn-1": ("Tiril Oppdiktet", "Barn", "14", settings.rating_areas_child),
        "barn-2": ("Sindre Oppdiktet", "Barn", "9", settings.rating_areas_child),
        "barn-3": ("Ronja Oppdiktet", "Barn", "4", settings.rating_areas_child),
    }
    made = sorted(p.name for p in (processed / CASE).glob("rangeringsskjema_*.docx"))
    assert made == sorted(f"rangeringsskjema_2026-1234_oppstart_{k}.docx" for k in expected)
    for key, (name, role, age, areas) in expected.items():
        form, values = _read(processed / CASE / f"rangeringsskjema_2026-1234_oppstart_{key}.docx")
        assert form == "rangeringsskjema"
        assert values["saksnummer"] == "2026/1234"
        assert values["dato"] == "23.11.2026"
        assert values["tidspunkt"] == "Oppstart"
        assert values["navn"] == name
        assert values["rolle"] == role
        assert values.get("alder") == age
        assert [row["omrade"] for row in values["vurderinger"]] == list(areas)
        assert all("score" not in row for row in values["vurderinger"])


def test_services_mapping_for_each_child_and_first_work_plan(processed: Path) -> None:
    for i, (name, age) in enumerate(
        [("Tiril Oppdiktet", "14"), ("Sindre Oppdiktet", "9"), ("Ronja Oppdiktet", "4")], start=1
    ):
        form, values = _read(processed / CASE / f"kartlegging_tjenester_2026-1234_barn-{i}.docx")
        assert form == "kartlegging_tjenester"
        assert (values["saksnummer"], values["barnets_navn"], values["alder"]) == (
            "2026/1234", name, age,
        )  # fmt: skip
    assert len(list((processed / CASE).glob("kartlegging_tjenester_*.docx"))) == 3
    form, values = _read(processed / CASE / "arbeidsplan_2026-1234_2026-11-23.docx")
    assert form == "arbeidsplan"
    assert values["periode_fra"] == "23.11.2026"
    assert values["periode_til"] == "23.02.2027"


def test_home_visits_calendar_has_the_three_planned_visits(processed: Path) -> None:
    calendar = Calendar.from_ical((processed / CASE / "hjemmebesok_2026-1234.ics").read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    starts = [e.decoded("dtstart") for e in events]
    assert [(s.date(), s.strftime("%H:%M")) for s in starts] == [
        (date(2026, 11, 24), "10:00"), (date(2026, 11, 27), "14:30"), (date(2026, 12, 2), "09:00"),
    ]  # fmt: skip
    text = (processed / CASE / "hjemmebesok_2026-1234.ics").read_text(encoding="utf-8")
    assert "2026/1234" in text
    assert not [n for n in FAMILY_NAMES if n in text]


def test_extracted_json_is_valid_against_the_published_schema(processed: Path) -> None:
    [path] = (processed / CASE).glob("inntakssamtale_2026-1234_2026-11-23_*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas/inntakssamtale.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["saksnummer"] == "2026/1234"
    assert data["dato"] == T0.isoformat()
    assert [c["navn"] for c in data["barn"]] == [c["navn"] for c in FAMILY["barn"]]
    assert data["barn"][0]["fodselsdato"] == "2012-06-01"
    assert data["foresatte"][1] == {
        "navn": "Petter Oppdiktet",
        "rolle": "far",
        "telefon": "400 00 002",
    }
    assert data["instanser"][0]["samtykke_samarbeid"] == "ja"
    assert data["hjemmebesok"][1] == {"dato": "2026-11-27", "klokkeslett": "14:30"}
    assert data["bakgrunn"] == FAMILY["bakgrunn"]
    assert data["familierad_aktuelt"] == "vurderes"
    assert data["behandling"]["advarsler"] == []
    assert len(data["behandling"]["sha256"]) == 64


def test_case_overview_shows_phase_dates_and_next_items(processed: Path) -> None:
    from docx import Document

    doc = Document(str(processed / CASE / "saksoversikt_2026-1234.docx"))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Oppstartsfase" in cells
    assert "23.11.2026" in cells  # T0
    assert "23.08.2027" in cells  # planned end, T0 + 9 months
    assert any(c.startswith("Hjemmebesøk 3 av 3") for c in cells)
    assert any(c.startswith("Rangeringsskjema") for c in cells)


def test_no_output_file_name_or_log_line_carries_a_name(processed: Path) -> None:
    names = [p.name for p in (processed / "outbox").rglob("*")] + [
        p.name for p in (processed / "var").rglob("*")
    ]
    assert not [n for n in names if any(person in n for person in FAMILY_NAMES)]
    log = (processed / "var/logg/fpdocs.log").read_text(encoding="utf-8")
    assert "processed" in log and "case=2026/1234" in log
    assert not [person for person in FAMILY_NAMES if person in log]
