"""Blank forms for staff (outbox/maler/), Word templates from the forms (templates/docx/), and
JSON Schemas from the models (schemas/)."""

from __future__ import annotations

import json
from pathlib import Path

from fpdocs import files
from fpdocs.forms import FORMS, FormSpec
from fpdocs.render.blueprint import build_template
from fpdocs.render.docx import render_form
from fpdocs.render.report_template import TEMPLATE_BLOCKS
from fpdocs.render.workbook import build_workbook, render_workbook

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_ROOT = ROOT / "templates"
TEMPLATES = TEMPLATE_ROOT / "docx"
SCHEMAS = ROOT / "schemas"


def template_path(spec: FormSpec, container: str, root: Path = TEMPLATE_ROOT) -> Path:
    """templates/docx/<form>.docx or templates/xlsx/<form>.xlsx."""
    return root / container / f"{spec.name}.{container}"


def render_template(
    spec: FormSpec, container: str, values: dict, root: Path = TEMPLATE_ROOT
) -> bytes:
    """A form's template filled with JSON-shaped ``values`` (empty: the blank form)."""
    fields = spec.template_values(values)
    if container == "xlsx":
        return render_workbook(template_path(spec, "xlsx", root), spec, fields)
    return render_form(template_path(spec, "docx", root), spec, fields)


def publish_blank_forms(target: Path, root: Path = TEMPLATE_ROOT) -> list[Path]:
    """Every template empty: the forms staff open, fill in and save to the inbox."""
    written = []
    for spec in FORMS.values():
        for container in spec.containers:
            path = target / f"{spec.name}.{container}"
            files.atomic_write(path, render_template(spec, container, {}, root))
            written.append(path)
    return written


def build_templates(root: Path = TEMPLATE_ROOT) -> list[Path]:
    written = []
    for spec in FORMS.values():
        for container in spec.containers:
            path = template_path(spec, container, root)
            if container == "xlsx":
                build_workbook(spec, path)
            else:
                build_template(spec, path, TEMPLATE_BLOCKS.get(spec.name))
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
