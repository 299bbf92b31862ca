"""The checked-in JSON Schemas and Word templates follow the form models (no drift), and the
templates keep DESIGN.md's contract."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from fpdocs.forms import FORMS
from fpdocs.ooxml.controls import control_kind
from fpdocs.ooxml.ns import qn
from fpdocs.publish import SCHEMAS, TEMPLATE_ROOT, TEMPLATES, schema_text

KIND = {"multiline": "text", "text": "text", "date": "date", "choice": "choice",
        "checkbox": "checkbox"}  # fmt: skip


@pytest.mark.parametrize("name", list(FORMS))
def test_checked_in_schema_matches_the_model(name: str) -> None:
    checked_in = (SCHEMAS / f"{name}.json").read_text(encoding="utf-8")
    assert checked_in == schema_text(FORMS[name]), (
        f"schemas/{name}.json is out of date: run `fpdocs templates build`"
    )
    assert json.loads(checked_in)["title"]


def _controls(path: Path) -> dict[str, tuple[str, str]]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    found = {}
    for sdt in root.iter(qn("w:sdt")):
        pr = sdt.find(qn("w:sdtPr"))
        tag = pr.find(qn("w:tag")).get(qn("w:val"))
        found[tag] = (pr.find(qn("w:alias")).get(qn("w:val")), control_kind(pr))
    return found


WORD_FORMS = [n for n, s in FORMS.items() if "docx" in s.containers]
EXCEL_FORMS = [n for n, s in FORMS.items() if "xlsx" in s.containers]


@pytest.mark.parametrize("name", WORD_FORMS)
def test_template_has_a_control_per_field_tagged_titled_and_typed(name: str) -> None:
    spec = FORMS[name]
    expected = {}
    for field in spec.fields():
        for column in field.columns or (field,):
            tag = f"{field.key}.{column.key}" if field.is_group else field.key
            expected[tag] = (column.label, KIND[column.kind])
    assert _controls(TEMPLATES / f"{name}.docx") == expected


@pytest.mark.parametrize("name", WORD_FORMS)
def test_template_records_form_name_and_version(name: str) -> None:
    core = Document(str(TEMPLATES / f"{name}.docx")).core_properties
    assert core.identifier == f"fpdocs:{name}"
    assert core.version == str(FORMS[name].version)
    assert core.title == FORMS[name].title


def test_published_blank_form_shows_placeholders_not_template_code(blank_forms: Path) -> None:
    with zipfile.ZipFile(blank_forms / "inntakssamtale.docx") as archive:
        xml = archive.read("word/document.xml").decode()
    assert "{{" not in xml and "{%" not in xml
    assert xml.count("<w:showingPlcHdr/>") > 20
    assert "Klikk for å skrive" in xml and "Velg dato" in xml


@pytest.mark.parametrize("name", EXCEL_FORMS)
def test_workbook_names_every_field_and_tables_every_group(name: str) -> None:
    from openpyxl import load_workbook

    spec = FORMS[name]
    wb = load_workbook(TEMPLATE_ROOT / "xlsx" / f"{name}.xlsx")
    assert wb.properties.identifier == f"fpdocs:{name}"
    assert wb.properties.version == str(spec.version)
    tables = {t: ws.tables[t] for ws in wb.worksheets for t in ws.tables}
    for field in spec.fields():
        if field.is_group:
            table = tables[field.key]
            ws = next(w for w in wb.worksheets if field.key in w.tables)
            header = [
                c.value.rstrip(" *")
                for c in ws[table.ref.split(":")[0] : table.ref.split(":")[1]][0]
            ]
            assert header == [c.label for c in field.columns]
        else:
            assert field.key in wb.defined_names
    validations = [dv for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    choices = sum(1 for f in spec.fields() for c in (f.columns or (f,)) if c.options)
    assert len(validations) == choices, "a drop-down list for every choice field"
