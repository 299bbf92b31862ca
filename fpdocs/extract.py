"""Match what a reader found in a document to a form's fields.

A field is found by its control's tag, else by the control's title, else by the label in the
cell beside (or above) it, else by the text before a loose control. Its value is what the
control holds plus anything typed beside it in the same cell. Repeating groups are tables whose
header row holds the columns' labels; every row below that is not empty is an item, rows added
by hand (without controls) included.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from fpdocs.forms.base import FieldSpec, FormSpec
from fpdocs.readers.docx import Cell, Control, DocxContent, Table
from fpdocs.readers.xlsx import XlsxContent, XlsxTable


@cache
def norm(label: str) -> str:
    """'Fødselsdato *:' -> 'fødselsdato'."""
    return re.sub(r"[\s*:]+$", "", re.sub(r"\s+", " ", label.strip())).casefold()


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
    """Indexes a document once (controls by tag and by title, label cells by their label,
    each table's tagged groups and header rows), so each field is found by lookups."""

    def __init__(self, content: DocxContent):
        self.content = content
        self.places: dict[int, Cell] = {}  # id(control) -> the cell it stands in
        self.by_tag: dict[str, Control] = {}  # the first control with each tag
        self.by_title: dict[str, Control] = {}  # the first untagged control with each title
        self.labels: dict[str, list[tuple[Table, int, int]]] = {}  # label cells, in order
        self.tagged: list[list[str]] = []  # per table: the tags of its controls
        self.headers: list[list[tuple[int, list[tuple[int, str]]]]] = []  # per table
        self.table_labels: list[set[str]] = []  # per table: every label in it
        self.by_group_tag: dict[str, set[int]] = {}  # 'barn' -> tables with barn.* controls
        self.by_table_label: dict[str, set[int]] = {}  # label -> tables it stands in
        for table in content.tables:
            tagged: list[str] = []
            header_rows = []
            for r, row in enumerate(table.rows):
                labels = []
                for c, cell in enumerate(row):
                    if not cell.controls:
                        label = norm(cell.first_line)
                        labels.append((c, label))
                        self.labels.setdefault(label, []).append((table, r, c))
                    for control in cell.controls:
                        self.places[id(control)] = cell
                        if control.tag:
                            tagged.append(control.tag)
                            group_key = control.tag.split(".", 1)[0]
                            self.by_group_tag.setdefault(group_key, set()).add(len(self.tagged))
                header_rows.append((r, labels))
            self.tagged.append(tagged)
            self.headers.append(header_rows)
            self.table_labels.append({label for _, labels in header_rows for _, label in labels})
            for label in self.table_labels[-1]:
                self.by_table_label.setdefault(label, set()).add(len(self.tagged) - 1)
        for control in content.controls():
            if control.tag is not None:
                self.by_tag.setdefault(control.tag, control)
            elif control.title:
                self.by_title.setdefault(norm(control.title), control)
        self.loose_by_label: dict[str, Control] = {}
        for loose in content.loose:
            if loose.control.tag is None:
                self.loose_by_label.setdefault(norm(loose.before), loose.control)

    def _by_control(self, field: FieldSpec) -> tuple[Control, Cell | None] | None:
        control = self.by_tag.get(field.key) or self.by_title.get(norm(field.label))
        if control is None:
            return None
        return control, self.places.get(id(control))

    def _by_label(self, field: FieldSpec) -> Cell | None:
        for table, r, c in self.labels.get(norm(field.label), ()):
            row = table.rows[r]
            if c + 1 < len(row):
                return row[c + 1]
            if len(row) == 1 and r + 1 < len(table.rows):
                return table.rows[r + 1][0]
        return None

    def scalar(self, field: FieldSpec) -> Any:
        wanted = {field.key, field.label}
        found = self._by_control(field)
        if found:
            control, cell = found
            if cell is None:
                return _control_value(control, field.kind)
            return cell_value(cell, field.kind, wanted)
        cell = self._by_label(field)
        if cell is not None:
            return cell_value(cell, field.kind, wanted)
        loose = self.loose_by_label.get(norm(field.label))
        return _control_value(loose, field.kind) if loose is not None else None

    def _header(
        self, index: int, by_label: dict[str, FieldSpec]
    ) -> tuple[int, dict[int, FieldSpec]]:
        """The table's header row for a group: the first row whose label cells name some of
        its columns (``by_label``), and which column is which."""
        if self.table_labels[index].isdisjoint(by_label):
            return -1, {}
        for r, labels in self.headers[index]:
            columns = {c: by_label[label] for c, label in labels if label in by_label}
            if columns:
                return r, columns
        return -1, {}

    def _score(
        self, index: int, group: FieldSpec, by_label: dict[str, FieldSpec]
    ) -> tuple[int, tuple[int, dict]]:
        """How well a table fits ``group`` (its tagged controls, its header), and the header."""
        header = self._header(index, by_label)
        columns = header[1]
        # headers must name the group's columns, not just share one common word like "Navn"
        header_score = len(columns) if len(columns) >= min(2, len(group.columns)) else 0
        prefix = f"{group.key}."
        tags = self.tagged[index]
        tagged = sum(1 for tag in tags if tag.startswith(prefix)) if tags else 0
        return tagged * 10 + header_score * 5, header

    def group(self, group: FieldSpec) -> list[dict[str, Any]]:
        best, best_score, header = None, 0, (-1, {})
        by_label = {norm(c.label): c for c in group.columns}
        # a table scores only with controls tagged for the group or labels of its columns
        candidates = set(self.by_group_tag.get(group.key.split(".", 1)[0], ()))
        for label in by_label:
            candidates |= self.by_table_label.get(label, set())
        for index in sorted(candidates):
            table = self.content.tables[index]
            score, found = self._score(index, group, by_label)
            if best is None or score > best_score:  # the first of the best, as max() gives
                best, best_score, header = table, score, found
        if best is None or best_score == 0:
            return []
        header_at, columns = header
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
