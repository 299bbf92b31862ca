"""Render a form template pre-filled with values (docxtpl), and finish its content controls."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from fpdocs.forms.base import FieldSpec, FormSpec
from fpdocs.ooxml.controls import finish_controls


def _cell_text(field: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if field.kind == "checkbox":
        return "True" if value else ""
    if field.kind == "date" and isinstance(value, str):  # stored JSON holds ISO dates
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if field.kind == "choice":
        return dict(field.options).get(str(value), str(value))
    return str(value)


def template_context(spec: FormSpec, values: dict[str, Any]) -> dict[str, Any]:
    """Values as the template shows them; empty repeating groups get blank rows to fill in."""
    context: dict[str, Any] = {}
    for field in spec.fields():
        value = values.get(field.key)
        if field.is_group:
            rows = [
                {column.key: _cell_text(column, row.get(column.key)) for column in field.columns}
                for row in value or []
            ]
            context[field.key] = rows or [{}] * max(1, spec.min_rows.get(field.key, 1))
        else:
            context[field.key] = _cell_text(field, value)
    return context


def render_form(template: Path, spec: FormSpec, values: dict[str, Any]) -> bytes:
    """The template filled with ``values`` (JSON-like: dates, bools, choice values, row dicts)."""
    document = DocxTemplate(str(template))
    document.render(template_context(spec, values), autoescape=True)
    finish_controls(document.docx.element)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
