"""Issue 3, acceptance 1: every form, filled in its published template as Word or Excel would,
and again after a LibreOffice round trip, gives the expected JSON, valid against its schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import TODAY
from excelfill import ExcelDoc
from samples import SAMPLES
from wordfill import WordDoc, libreoffice_round_trip

from fpdocs.config import load_settings
from fpdocs.extract import extract, identify
from fpdocs.forms import FORMS
from fpdocs.publish import SCHEMAS
from fpdocs.readers import read

CASES = [(name, c) for name, spec in FORMS.items() for c in spec.containers]


def filled(blank_forms: Path, name: str, container: str, values: dict) -> bytes:
    path = blank_forms / f"{name}.{container}"
    if container == "xlsx":
        return ExcelDoc.open(path).fill(values).bytes()
    return WordDoc.open(path).fill(values).bytes()


def as_json(data: bytes, name: str) -> dict:
    content = read(data)
    spec = identify(content, FORMS)
    assert spec is FORMS[name]
    settings = load_settings()
    context = {
        "today": TODAY,
        "rating_areas": settings.rating_areas_adult + settings.rating_areas_child,
    }
    form = spec.model.model_validate(spec.model_input(extract(content, spec)), context=context)
    full = form.model_dump(mode="json")
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validate(full, schema)
    return form.model_dump(mode="json", exclude_defaults=True, exclude={"behandling"})


@pytest.mark.parametrize(("name", "container"), CASES)
def test_filled_form_gives_the_expected_json(blank_forms: Path, name: str, container: str):
    values, expected = SAMPLES[name]
    assert as_json(filled(blank_forms, name, container, values), name) == expected


@pytest.mark.parametrize(("name", "container"), CASES)
def test_same_json_after_a_libreoffice_round_trip(blank_forms: Path, name: str, container: str):
    assert shutil.which("soffice"), "LibreOffice is needed: ./test.sh installs it"
    values, expected = SAMPLES[name]
    office = libreoffice_round_trip(filled(blank_forms, name, container, values), container)
    assert as_json(office, name) == expected


def test_every_form_has_a_published_template_and_a_sample(blank_forms: Path) -> None:
    assert set(SAMPLES) == set(FORMS)
    published = sorted(p.name for p in blank_forms.iterdir())
    assert published == sorted(f"{n}.{c}" for n, c in CASES)
