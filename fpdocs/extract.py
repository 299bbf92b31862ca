"""Match what a reader found in a document to a form's fields.

A field is found by its control's tag, else by the control's title, else by the label in the
cell beside (or above) it, else by the text before a loose control. Its value is what the
control holds plus anything typed beside it in the same cell. Repeating groups are tables whose
header row holds the columns' labels; every row below that is not empty is an item, rows added
by hand (without controls) included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from fpdocs.forms.base import FieldSpec, FormSpec
from fpdocs.readers.docx import Cell, Control, DocxContent, Table
from fpdocs.readers.xlsx import XlsxContent, XlsxTable


@cache
def norm(label: str) -> str:
    """'Fødselsdato *:' -> 'fødselsdato'."""
    return re.sub(r"[\s*:]+$", "", re.sub(r"\s+", " ", label.strip())).casefold()


@dataclass
class _Place:
    table: Table
    row: int
    col: int


def _control_value(control: Control, kind: str) -> Any:
    if control.checked is not None:
        return control.checked
    if control.text:
        return control.text
    if control.kind == "date" and control.full_date:
        return control.full_date[:10]
    return None


def cell_value(cell: Cell, kind: str, wanted: set[str] = frozenset()) -> Any:
    """The value a cell holds: its control's (the one named in ``wanted``, or the first), plus
    text typed beside it."""
    if kind == "multiline":  # keep the lines, wherever in the cell they were written
        return cell.full or None
    controls = [c for c in cell.controls if {c.tag, c.title} & wanted] or cell.controls
    values = [v for v in (_control_value(c, kind) for c in controls[:1]) if v is not None]
    if kind == "checkbox" and values:
        return values[0]
    if cell.beside:
        values.append(cell.beside)
    text = " ".join(str(v) for v in values).strip()
    return text or None


class _Finder:
    def __init__(self, content: DocxContent):
        self.content = content
        self.places: dict[int, _Place] = {}
        for table in content.tables:
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row):
                    for control in cell.controls:
                        self.places[id(control)] = _Place(table, r, c)

    def _by_control(self, field: FieldSpec) -> tuple[Control, _Place | None] | None:
        controls = self.content.controls()
        for match in (
            lambda c: c.tag == field.key,
            lambda c: c.tag is None and c.title and norm(c.title) == norm(field.label),
        ):
            for control in controls:
                if match(control):
                    return control, self.places.get(id(control))
        return None

    def _by_label(self, field: FieldSpec) -> Cell | None:
        label = norm(field.label)
        for table in self.content.tables:
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row):
                    if cell.controls or norm(cell.first_line) != label:
                        continue
                    if c + 1 < len(row):
                        return row[c + 1]
                    if len(row) == 1 and r + 1 < len(table.rows):
                        return table.rows[r + 1][0]
        return None

    def scalar(self, field: FieldSpec) -> Any:
        wanted = {field.key, field.label}
        found = self._by_control(field)
        if found:
            control, place = found
            if place is None:
                return _control_value(control, field.kind)
            return cell_value(place.table.rows[place.row][place.col], field.kind, wanted)
        cell = self._by_label(field)
        if cell is not None:
            return cell_value(cell, field.kind, wanted)
        for loose in self.content.loose:
            if loose.control.tag is None and norm(loose.before) == norm(field.label):
                return _control_value(loose.control, field.kind)
        return None

    def group(self, group: FieldSpec) -> list[dict[str, Any]]:
        best = max(self.content.tables, key=lambda t: _table_score(t, group), default=None)
        if best is None or _table_score(best, group) == 0:
            return []
        header_at, columns = _header(best, group)
        items = []
        for row in best.rows[header_at + 1 :]:
            item: dict[str, Any] = {}
            for c, cell in enumerate(row):
                column = _column_of(cell, group) or columns.get(c)
                if column is None:
                    continue
                value = cell_value(cell, column.kind, {f"{group.key}.{column.key}", column.label})
                if value is not None and value is not False:
                    item[column.key] = value
            if item:
                items.append(item)
        return items


def _column_of(cell: Cell, group: FieldSpec) -> FieldSpec | None:
    for control in cell.controls:
        for column in group.columns:
            if control.tag == f"{group.key}.{column.key}":
                return column
    return None


def _header(table: Table, group: FieldSpec) -> tuple[int, dict[int, FieldSpec]]:
    by_label = {norm(c.label): c for c in group.columns}
    for r, row in enumerate(table.rows):
        columns = {
            c: by_label[norm(cell.first_line)]
            for c, cell in enumerate(row)
            if not cell.controls and norm(cell.first_line) in by_label
        }
        if columns:
            return r, columns
    return -1, {}


def _table_score(table: Table, group: FieldSpec) -> int:
    prefix = f"{group.key}."
    tagged = sum(
        1
        for row in table.rows
        for cell in row
        for control in cell.controls
        if control.tag and control.tag.startswith(prefix)
    )
    _, columns = _header(table, group)
    # headers must name the group's columns, not just share one common word like "Navn"
    header_score = len(columns) if len(columns) >= min(2, len(group.columns)) else 0
    return tagged * 10 + header_score * 5


def extract(content: DocxContent | XlsxContent, spec: FormSpec) -> dict[str, Any]:
    """Values keyed by the template's field keys; empty fields are left out. Rows of repeating
    groups read from a workbook carry their Excel row number as ``_rad``."""
    if isinstance(content, XlsxContent):
        return _extract_workbook(content, spec)
    finder = _Finder(content)
    values: dict[str, Any] = {}
    for field in spec.fields():
        value = finder.group(field) if field.is_group else finder.scalar(field)
        if value not in (None, [], ""):
            values[field.key] = value
    return values


def _extract_workbook(content: XlsxContent, spec: FormSpec) -> dict[str, Any]:
    labelled = {}
    for sheet in content.sheets:
        for row in sheet.rows:
            for label, value in zip(row.values, row.values[1:], strict=False):
                if isinstance(label, str) and value not in (None, ""):
                    labelled.setdefault(norm(label), value)
    values: dict[str, Any] = {}
    for field in spec.fields():
        if not field.is_group:
            value = content.names.get(field.key)
            if value is None and field.key not in content.names:
                value = labelled.get(norm(field.label))
            if value not in (None, ""):
                values[field.key] = value
            continue
        table = _workbook_table(content, field)
        if table is None:
            continue
        by_label = {norm(c.label): c for c in field.columns}
        columns = {i: by_label.get(norm(h)) for i, h in enumerate(table.headers)}
        items = []
        for row in table.rows:
            item = {
                columns[i].key: value
                for i, value in enumerate(row.values)
                if columns.get(i) is not None and value not in (None, "")
            }
            if item:
                items.append({**item, "_rad": row.number})
        if items:
            values[field.key] = items
    return values


def _workbook_table(content: XlsxContent, group: FieldSpec) -> XlsxTable | None:
    """The group's table by name, else a table or sheet block whose header row has its labels."""
    for table in content.tables:
        if table.name.casefold() == group.key.casefold():
            return table
    wanted = {norm(c.label) for c in group.columns}
    for table in content.tables:
        if len(wanted & {norm(h) for h in table.headers}) >= min(2, len(wanted)):
            return table
    for sheet in content.sheets:
        for i, row in enumerate(sheet.rows):
            headers = [norm(str(v)) if v is not None else "" for v in row.values]
            if len(wanted & set(headers)) >= min(2, len(wanted)):
                body = []
                for below in sheet.rows[i + 1 :]:
                    body.append(below)
                return XlsxTable(group.key, sheet.name, [str(v or "") for v in row.values], body)
    return None


def identify(content: DocxContent | XlsxContent, forms: dict[str, FormSpec]) -> FormSpec | None:
    """Which form this is: from the document properties, else from the fields it holds."""
    container = "xlsx" if isinstance(content, XlsxContent) else "docx"
    candidates = {k: s for k, s in forms.items() if container in s.containers}
    identifier = content.properties.get("identifier", "")
    for spec in candidates.values():
        if identifier == spec.identifier:
            return spec
    if isinstance(content, XlsxContent):
        names = {n.casefold() for n in content.names} | {t.name.casefold() for t in content.tables}
        for spec in candidates.values():
            keys = {f.key.casefold() for f in spec.fields()}
            if keys and len(keys & names) / len(keys) >= 0.6:
                return spec
        return None
    tags = {c.tag for c in content.controls() if c.tag}
    titles = {norm(c.title) for c in content.controls() if c.title}
    labels = {norm(cell.first_line) for t in content.tables for row in t.rows for cell in row}
    best, best_share = None, 0.0
    for spec in candidates.values():
        fields = [f for f in spec.fields() if f.key not in ("saksnummer", "dato", "utfylt_av")]
        hits = sum(
            1 for f in fields if f.key in tags or norm(f.label) in titles or norm(f.label) in labels
        )
        share = hits / len(fields) if fields else 0.0
        if share > best_share:
            best, best_share = spec, share
    return best if best_share >= 0.6 else None
