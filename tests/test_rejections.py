"""Issue 2, acceptance 4: forms that cannot be used end in feil/ with a Norwegian note naming
the field; warnings do not stop processing."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import FAMILY, changed, rejected
from docx import Document
from wordfill import WordDoc

from fpdocs.pipeline import Pipeline


def _drop(pipeline: Pipeline, data: bytes, name: str = "skjema.docx") -> Path:
    path = pipeline.settings.inbox / "team-nord" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _family(**changes) -> dict:
    return changed(FAMILY, **changes)


def _rejected(pipeline: Pipeline, data: bytes, name: str = "skjema.docx") -> str:
    note = rejected(pipeline, data, name)
    assert not list(pipeline.settings.outbox.rglob("*.docx")), "nothing is generated"
    return note


def _intake(blank_forms: Path, values: dict) -> WordDoc:
    return WordDoc.open(blank_forms / "inntakssamtale.docx").fill(values)


def test_missing_case_number(pipeline: Pipeline, blank_forms: Path) -> None:
    note = _rejected(pipeline, _intake(blank_forms, _family(saksnummer=None)).bytes())
    assert "Felt: Saksnummer" in note
    assert "ingenting (feltet er tomt)" in note
    assert "Forventet: at feltet fylles ut" in note
    assert "inbox/team-nord/" in note  # what to do: where to put it back


def test_case_number_in_the_wrong_format(pipeline: Pipeline, blank_forms: Path) -> None:
    note = _rejected(pipeline, _intake(blank_forms, _family(saksnummer="1234-26")).bytes())
    assert "Felt: Saksnummer" in note
    assert "Funnet: «1234-26»" in note
    assert "et saksnummer på formen 2026/1234" in note


def test_no_children(pipeline: Pipeline, blank_forms: Path) -> None:
    note = _rejected(pipeline, _intake(blank_forms, _family(barn=None)).bytes())
    assert "Felt: Barn" in note
    assert "Forventet: at feltet fylles ut" in note or "minst 1 rad" in note


def test_birth_date_in_the_future(pipeline: Pipeline, blank_forms: Path) -> None:
    children = copy.deepcopy(FAMILY["barn"])
    children[1]["fodselsdato"] = date(2031, 1, 1)
    note = _rejected(pipeline, _intake(blank_forms, _family(barn=children)).bytes())
    assert "Felt: Barn, rad 2: Fødselsdato" in note
    assert "Funnet: «2031-01-01»" in note or "01.01.2031" in note
    assert "ikke er etter dagens dato" in note


def test_date_that_is_not_a_date(pipeline: Pipeline, blank_forms: Path) -> None:
    doc = _intake(blank_forms, _family(dato=None))
    doc.type("dato", "neste tirsdag")
    note = _rejected(pipeline, doc.bytes())
    assert "Felt: Dato for inntakssamtalen" in note
    assert "Funnet: «neste tirsdag»" in note
    assert "Forventet: en dato, for eksempel 05.12.2026" in note


def test_file_that_is_not_a_word_document(pipeline: Pipeline) -> None:
    note = _rejected(pipeline, b"%PDF-1.7\n% not a form\n", "skannet.docx")
    assert "Filen er en PDF, ikke et Word-dokument." in note
    assert "Word-dokument (.docx)" in note
    note = _rejected(pipeline, b"Kari ringte, ring tilbake.\n", "notat.txt")
    assert "tekstfil" in note


def test_word_document_that_is_not_one_of_our_forms(pipeline: Pipeline, tmp_path: Path) -> None:
    letter = Document()
    letter.add_paragraph("Til foreldrene: Velkommen til møte på kontoret.")
    letter.save(str(tmp_path / "brev.docx"))
    note = _rejected(pipeline, (tmp_path / "brev.docx").read_bytes(), "brev.docx")
    assert "ikke et av skjemaene fpdocs kjenner" in note
    assert "outbox/maler/" in note


def test_rejected_file_with_the_same_name_twice_keeps_both(pipeline: Pipeline) -> None:
    _rejected(pipeline, b"first", "x.docx")
    path = _drop(pipeline, b"second", "x.docx")
    assert pipeline.process_file(path).status == "rejected"
    folder = pipeline.settings.inbox / "team-nord" / "feil"
    assert (folder / "x (2).docx").read_bytes() == b"second"
    assert (folder / "x (2).docx.feil.txt").exists()


def test_warnings_do_not_stop_processing(pipeline: Pipeline, blank_forms: Path) -> None:
    visits = copy.deepcopy(FAMILY["hjemmebesok"])
    visits[2]["dato"] = date(2026, 12, 10)  # 17 days after the intake
    values = _family(hjemmebesok=visits, informert_om_opplysningsplikt=False)
    outcome = pipeline.process_file(_drop(pipeline, _intake(blank_forms, values).bytes()))
    assert outcome.status == "processed"
    fields = [w.felt for w in outcome.warnings]
    assert fields == [
        "Planlagte hjemmebesøk, rad 3: Dato for besøket",
        "Familien er informert om opplysningsplikten",
    ]
    folder = pipeline.settings.outbox / "team-nord" / "2026-1234"
    [data] = [json.loads(p.read_text()) for p in folder.glob("inntakssamtale_*.json")]
    assert [w["felt"] for w in data["behandling"]["advarsler"]] == fields
    assert data["behandling"]["advarsler"][0]["funnet"] == "10.12.2026"
    overview = Document(str(folder / "saksoversikt_2026-1234.docx"))
    cells = [c.text for t in overview.tables for row in t.rows for c in row.cells]
    assert "Planlagte hjemmebesøk, rad 3: Dato for besøket" in cells


def test_child_outside_the_target_group_is_a_warning(pipeline: Pipeline, blank_forms: Path) -> None:
    teen = [{"navn": "Tiril Oppdiktet", "fodselsdato": date(2009, 1, 1), "bor_hjemme": True}]
    outcome = pipeline.process_file(
        _drop(pipeline, _intake(blank_forms, _family(barn=teen)).bytes())
    )
    assert outcome.status == "processed"
    [warning] = [w for w in outcome.warnings if w.nokkel == "barn"]
    assert warning.funnet == "17 år"
    assert "0 og 12 år" in warning.forventet


@pytest.mark.parametrize("form", ["rangeringsskjema", "arbeidsplan", "kartlegging_tjenester"])
def test_form_for_a_case_fpdocs_does_not_know(pipeline: Pipeline, blank_forms: Path, form) -> None:
    doc = WordDoc.open(blank_forms / f"{form}.docx")
    doc.type("saksnummer", "2026/9999").type("dato", date(2026, 11, 25))
    required = {"rangeringsskjema": {"tidspunkt": "oppstart", "navn": "Mona Oppdiktet",
                                     "rolle": "forelder"},
                "arbeidsplan": {"periode_fra": date(2026, 11, 23),
                                "periode_til": date(2027, 2, 23)},
                "kartlegging_tjenester": {"barnets_navn": "Tiril Oppdiktet"}}[form]  # fmt: skip
    doc.fill(required)
    note = _rejected(pipeline, doc.bytes(), f"{form}.docx")
    assert "Felt: Saksnummer" in note and "inntakssamtalen for saken må leses inn først" in note
