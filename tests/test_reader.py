"""Issue 2: the docx reader copes with what real editors do to a form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import FAMILY, TODAY
from wordfill import WordDoc

from fpdocs.extract import extract, identify
from fpdocs.forms import FORMS
from fpdocs.forms.inntakssamtale import Inntakssamtale
from fpdocs.readers.docx import read_docx

SPEC = FORMS["inntakssamtale"]


def _values(doc: WordDoc) -> dict:
    return extract(read_docx(doc.bytes()), SPEC)


def _intake(doc: WordDoc) -> Inntakssamtale:
    return Inntakssamtale.model_validate(_values(doc), context={"today": TODAY})


@pytest.fixture
def filled(blank_forms: Path) -> WordDoc:
    return WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY)


def test_empty_form_has_no_values_only_unticked_boxes(blank_forms: Path) -> None:
    values = _values(WordDoc.open(blank_forms / "inntakssamtale.docx"))
    assert values == {
        "informert_om_tiltaket": False,
        "informert_om_opplysningsplikt": False,
        "samtykke_informasjonsdeling": False,
        "tolk_behov": False,
    }


def test_filled_form_reads_back_every_value(filled: WordDoc) -> None:
    form = _intake(filled)
    expected = Inntakssamtale.model_validate(FAMILY)
    assert form == expected


def test_controls_without_tags_are_found_by_title(filled: WordDoc) -> None:
    assert _intake(filled.strip_tags()) == Inntakssamtale.model_validate(FAMILY)


def test_removed_control_keeps_its_text_found_by_label(filled: WordDoc) -> None:
    filled.delete_control("saksnummer", keep_text=True)
    filled.delete_control("barn.navn", index=1, keep_text=True)
    form = _intake(filled)
    assert form.saksnummer == "2026/1234"
    assert form.barn[1].navn == "Sindre Oppdiktet"


def test_text_typed_beside_an_empty_control_is_the_value(blank_forms: Path) -> None:
    doc2 = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(
        {k: v for k, v in FAMILY.items() if k != "kontaktperson"}
    )
    doc2.type_beside("kontaktperson", "Kasper Konstruert")
    assert _intake(doc2).kontaktperson == "Kasper Konstruert"


def test_rows_added_by_the_user_are_read(filled: WordDoc) -> None:
    filled.add_row("barn.navn", ["Ulrik Oppdiktet", "5.12.19", "x", "Eksempelby skole"])
    form = _intake(filled)
    assert len(form.barn) == 4
    assert form.barn[3].navn == "Ulrik Oppdiktet"
    assert form.barn[3].fodselsdato == date(2019, 12, 5)
    assert form.barn[3].bor_hjemme is True


def test_legacy_form_field_checkboxes(filled: WordDoc) -> None:
    filled.legacy_checkbox("informert_om_tiltaket", checked=True)
    filled.legacy_checkbox("tolk_behov", checked=False)
    filled.legacy_checkbox("barn.bor_hjemme", checked=True, index=2)
    form = _intake(filled)
    assert form.informert_om_tiltaket is True
    assert form.tolk_behov is False
    assert form.barn[2].bor_hjemme is True


@pytest.mark.parametrize(
    "typed", ["05.12.2026", "5.12.26", "5. desember 2026", "2026-12-05", "5/12/2026", "5 des 2026"]
)
def test_dates_as_people_write_them(blank_forms: Path, typed: str) -> None:
    doc = WordDoc.open(blank_forms / "inntakssamtale.docx").fill(FAMILY)
    doc.type("samtykke_dato", typed)
    assert _intake(doc).samtykke_dato == date(2026, 12, 5)


def test_drop_down_display_text_becomes_the_json_value(filled: WordDoc) -> None:
    form = _intake(filled)
    assert [p.rolle for p in form.foresatte] == ["mor", "far"]
    assert form.familierad_aktuelt == "vurderes"


def test_form_is_identified_by_its_fields_without_document_properties(filled: WordDoc) -> None:
    filled.set_identifier(None)
    assert identify(read_docx(filled.bytes()), FORMS) is SPEC
    filled.strip_tags()
    assert identify(read_docx(filled.bytes()), FORMS) is SPEC


@pytest.mark.parametrize("name", [n for n, s in FORMS.items() if "docx" in s.containers])
def test_each_blank_form_identifies_as_itself(blank_forms: Path, name: str) -> None:
    doc = WordDoc.open(blank_forms / f"{name}.docx")
    assert identify(read_docx(doc.bytes()), FORMS) is FORMS[name]
    assert identify(read_docx(doc.set_identifier(None).bytes()), FORMS) is FORMS[name]
