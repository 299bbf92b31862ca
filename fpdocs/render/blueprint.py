"""Build a form's Word template from its description (``FormSpec``).

The result is both a real office form — heading, case header, sections, tables for repeating
groups, one content control per field (tag = JSON key, title = Norwegian label) — and a docxtpl
template: each control holds a Jinja expression, each repeating table a ``{%tr for %}`` loop.
The templates in ``templates/docx/`` are made by this module (``fpdocs templates build``) and
may then be restyled by an office; readers never depend on anything but tags, titles and labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

from fpdocs.forms.base import FieldSpec, FormSpec
from fpdocs.ooxml.controls import build_control
from fpdocs.render.style import (
    HEADER_FILL,
    LABEL_FILL,
    header_footer,
    page,
    repeat_header,
    shade,
    styles,
    text_width,
)
from fpdocs.render.style import (
    table as bordered_table,
)


def build_template(
    spec: FormSpec, path: Path, blocks: Mapping[str, Callable[[Any], None]] | None = None
) -> None:
    """Write the form's template. ``blocks`` adds content (not fields) before the section with
    that title: the read-only parts of a document fpdocs pre-fills, such as the report's facts."""
    blocks = blocks or {}
    doc = Document()
    page(doc, landscape=any(len(f.columns) >= 5 for f in spec.fields()))
    styles(doc)
    _properties(doc, spec)
    header_footer(doc, f"{spec.title} – skjemaversjon {spec.version}")

    title = doc.add_paragraph(spec.title, style="Title")
    title.paragraph_format.space_after = Pt(2)
    sub = doc.add_paragraph("Familiepartner – barneverntjenesten", style="Subtitle")
    sub.paragraph_format.space_after = Pt(8)
    if spec.intro:
        doc.add_paragraph(spec.intro, style="Intro")
    doc.add_paragraph("Felt merket * må fylles ut.", style="Hint")

    ids = iter(range(1000, 100000))
    for section in spec.sections:
        if section.title in blocks:
            blocks[section.title](doc)
        doc.add_paragraph(section.title, style="Heading 1")
        if section.intro:
            doc.add_paragraph(section.intro, style="Intro")
        scalars: list[FieldSpec] = []
        for key in section.fields:
            field = spec.field(key)
            if field.is_group or field.kind == "multiline":
                _scalar_table(doc, scalars, ids)
                scalars = []
                if field.is_group:
                    _group_table(
                        doc,
                        field,
                        ids,
                        several=len(section.fields) > 1 and field.label != section.title,
                    )
                else:
                    _text_box(doc, field, ids)
            else:
                scalars.append(field)
        _scalar_table(doc, scalars, ids)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def _properties(doc: Document, spec: FormSpec) -> None:
    core = doc.core_properties
    core.title = spec.title
    core.subject = f"Familiepartner – {spec.title}"
    core.identifier = spec.identifier
    core.version = str(spec.version)
    core.category = "Familiepartner-skjema"
    core.keywords = f"fpdocs {spec.name} v{spec.version}"
    core.author = "fpdocs"
    core.last_modified_by = "fpdocs"
    core.comments = "Skjema fra fpdocs. Feltene leses automatisk: ikke slett utfyllingsfeltene."
    core.language = "nb-NO"
    core.revision = 1


def _label(field: FieldSpec) -> str:
    return field.label + (" *" if field.required else "")


def _put_control(paragraph, field: FieldSpec, expression: str, ids, tag: str) -> None:
    paragraph._p.append(
        build_control(field.kind, tag, field.label, expression, field.options, next(ids))
    )


def _scalar_table(doc: Document, fields: list[FieldSpec], ids) -> None:
    if not fields:
        return
    total = text_width(doc)
    table = bordered_table(doc, len(fields), 2, [total * 0.36, total * 0.64])
    for row, field in zip(table.rows, fields, strict=True):
        label_cell, value_cell = row.cells
        shade(label_cell, LABEL_FILL)
        label_cell.paragraphs[0].text = _label(field)
        label_cell.paragraphs[0].style = doc.styles["Label"]
        value_cell.paragraphs[0].style = doc.styles["Cell"]
        _put_control(value_cell.paragraphs[0], field, "{{ " + field.key + " }}", ids, field.key)
    doc.add_paragraph(style="Hint")


def _text_box(doc: Document, field: FieldSpec, ids) -> None:
    """A long free text: the label as a shaded heading cell, a tall writing cell below."""
    table = bordered_table(doc, 2, 1, [text_width(doc)])
    head, body = table.rows[0].cells[0], table.rows[1].cells[0]
    shade(head, LABEL_FILL)
    head.paragraphs[0].text = _label(field)
    head.paragraphs[0].style = doc.styles["Label"]
    if field.hint:
        head.add_paragraph(field.hint, style="Hint")
    table.rows[1].height = Cm(3.0)
    body.paragraphs[0].style = doc.styles["Cell"]
    _put_control(body.paragraphs[0], field, "{{ " + field.key + " }}", ids, field.key)
    doc.add_paragraph(style="Hint")


def _group_table(doc: Document, group: FieldSpec, ids, several: bool) -> None:
    if several:
        doc.add_paragraph(_label(group), style="Heading 2")
    if group.hint:
        doc.add_paragraph(group.hint, style="Hint")
    weights = [2.0 if c.kind in ("text", "multiline") else 1.2 for c in group.columns]
    if group.columns[0].kind == "checkbox":
        weights[0] = 1.0
    total = text_width(doc)
    widths = [total * w / sum(weights) for w in weights]
    table = bordered_table(doc, 4, len(group.columns), widths)
    header, loop_start, data, loop_end = table.rows
    repeat_header(header)
    for cell, column in zip(header.cells, group.columns, strict=True):
        shade(cell, HEADER_FILL)
        cell.paragraphs[0].text = _label(column)
        cell.paragraphs[0].style = doc.styles["Column heading"]
    loop_start.cells[0].paragraphs[0].text = "{%tr for r in " + group.key + " %}"
    loop_end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    for cell, column in zip(data.cells, group.columns, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles["Cell"]
        if column.kind == "checkbox":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        tag = f"{group.key}.{column.key}"
        _put_control(paragraph, column, "{{ r." + column.key + " }}", ids, tag)
    doc.add_paragraph(style="Hint")


def _repeat_header(row) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def loop_table(
    doc: Document, headers: list[str], items: str, cells: list[str], shares: list[float]
) -> None:
    """A read-only table with a header row and one row per item of the Jinja list ``items``;
    ``cells`` are Jinja expressions over the loop variable ``r``."""
    total = text_width(doc)
    grid = bordered_table(doc, 4, len(headers), [total * share for share in shares])
    header, loop_start, data, loop_end = grid.rows
    repeat_header(header)
    for cell, label in zip(header.cells, headers, strict=True):
        shade(cell, HEADER_FILL)
        cell.paragraphs[0].text = label
        cell.paragraphs[0].style = doc.styles["Column heading"]
    loop_start.cells[0].paragraphs[0].text = "{%tr for r in " + items + " %}"
    loop_end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    for cell, expression in zip(data.cells, cells, strict=True):
        cell.paragraphs[0].text = "{{ " + expression + " }}"
        cell.paragraphs[0].style = doc.styles["Cell"]
