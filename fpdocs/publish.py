"""Blank forms for staff (outbox/maler/), Word templates from the forms (templates/docx/), and
JSON Schemas from the models (schemas/)."""

from __future__ import annotations

import json
from pathlib import Path

from fpdocs import files
from fpdocs.forms import FORMS, FormSpec
from fpdocs.render.blueprint import build_template
from fpdocs.render.docx import render_form

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates" / "docx"
SCHEMAS = ROOT / "schemas"


def publish_blank_forms(target: Path, template_dir: Path = TEMPLATES) -> list[Path]:
    """Render every template empty: the forms staff open, fill in and save to the inbox."""
    written = []
    for spec in FORMS.values():
        path = target / f"{spec.name}.docx"
        files.atomic_write(path, render_form(template_dir / f"{spec.name}.docx", spec, {}))
        written.append(path)
    return written


def build_templates(target: Path = TEMPLATES) -> list[Path]:
    written = []
    for spec in FORMS.values():
        path = target / f"{spec.name}.docx"
        build_template(spec, path)
        written.append(path)
    return written


def schema_of(spec: FormSpec) -> dict:
    schema = spec.model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"fpdocs:{spec.name}:v{spec.version}"
    return schema


def schema_text(spec: FormSpec) -> str:
    return json.dumps(schema_of(spec), ensure_ascii=False, indent=2) + "\n"


def write_schemas(target: Path = SCHEMAS) -> list[Path]:
    written = []
    for spec in FORMS.values():
        path = target / f"{spec.name}.json"
        files.atomic_write(path, schema_text(spec).encode("utf-8"))
        written.append(path)
    return written
