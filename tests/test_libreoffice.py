"""Issue 2, acceptance 3: a form saved by LibreOffice (which drops control tags and moves
controls about) reads exactly as the one saved by Word."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import FAMILY
from wordfill import WordDoc, libreoffice_round_trip

from fpdocs.extract import extract, identify
from fpdocs.forms import FORMS
from fpdocs.pipeline import Pipeline
from fpdocs.readers.docx import read_docx

SAMPLES = {
    "inntakssamtale": FAMILY,
    "rangeringsskjema": {
        "saksnummer": "2026/1234", "dato": date(2026, 11, 30), "tidspunkt": "oppstart",
        "navn": "Tiril Oppdiktet", "rolle": "barn", "alder": "14",
        "vurderinger": [{"omrade": "Hjemme", "score": "7", "kommentar": "Bedre nå"},
                        {"omrade": "Venner", "score": "4"}],
        "viktigst_a_jobbe_med": "Å ha det fint på skolen.\nOg mer tid med venner.",
    },
    "kartlegging_tjenester": {
        "saksnummer": "2026/1234", "dato": date(2026, 12, 10), "barnets_navn": "Sindre Oppdiktet",
        "alder": "9",
        "tjenester": [{"tjeneste": "skole", "kontaktperson": "Lærer Lillevik-Fiktiv",
                       "hva_fungerer": "Friminuttene", "barnets_onsker": "Mindre lekser"},
                      {"tjeneste": "fritidsaktivitet", "hva_fungerer": "Fotball"}],
        "barnets_onsker_for_samarbeid": "At mamma og læreren snakker sammen.",
        "hvem_kan_fa_vite": "Mamma og læreren.",
    },
    "arbeidsplan": {
        "saksnummer": "2026/1234", "dato": date(2026, 12, 7), "periode_fra": date(2026, 11, 23),
        "periode_til": date(2027, 2, 23),
        "mal": [{"type": "kortsiktig", "mal": "Rolige morgener",
                 "oppgaver_familien": "Legge klær frem",
                 "oppgaver_familiepartner": "Komme to morgener", "frist": date(2027, 1, 15),
                 "status": "pagar"}],
        "familien_enig": True, "barna_involvert": True,
    },
}  # fmt: skip


@pytest.fixture(autouse=True)
def soffice() -> None:
    assert shutil.which("soffice"), "LibreOffice is needed: ./test.sh installs it"


@pytest.mark.parametrize("name", list(FORMS))
def test_libreoffice_round_trip_reads_the_same(blank_forms: Path, name: str) -> None:
    word = WordDoc.open(blank_forms / f"{name}.docx").fill(SAMPLES[name]).bytes()
    office = libreoffice_round_trip(word)
    content = read_docx(office)
    assert identify(content, FORMS) is FORMS[name]
    model = FORMS[name].model
    from_word = model.model_validate(extract(read_docx(word), FORMS[name]))
    from_office = model.model_validate(extract(content, FORMS[name]))
    assert from_office == from_word
    assert from_word == model.model_validate(SAMPLES[name])


def test_libreoffice_saved_intake_gives_the_same_json(
    pipeline: Pipeline, blank_forms: Path
) -> None:
    word = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY).bytes()
    office = libreoffice_round_trip(word)
    inbox = pipeline.settings.inbox / "team-nord"
    inbox.mkdir(parents=True)
    (inbox / "word.docx").write_bytes(word)
    (inbox / "libreoffice.docx").write_bytes(office)
    first = pipeline.process_file(inbox / "word.docx")
    second = pipeline.process_file(inbox / "libreoffice.docx")
    assert (first.status, second.status) == ("processed", "processed")
    a = pipeline.store.document(first.sha256).data
    b = pipeline.store.document(second.sha256).data
    a.pop("behandling"), b.pop("behandling")
    assert a == b
