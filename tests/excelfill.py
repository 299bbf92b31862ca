"""Fill a published workbook the way Excel does, so tests read what staff would save.

A user types into the named cells and the table rows; a choice is the label picked from the
drop-down; dates are real dates (Excel stores them as dates when typed as 05.12.2026 in a
Norwegian locale); numbers are numbers. ``append_below`` types rows under the table, as users do
when they run out of rows in LibreOffice.
"""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from fpdocs.forms import FORMS


class ExcelDoc:
    def __init__(self, data: bytes):
        self.wb = load_workbook(BytesIO(data))
        self.spec = FORMS[self.wb.properties.identifier.removeprefix("fpdocs:")]

    @classmethod
    def open(cls, path: Path) -> ExcelDoc:
        return cls(path.read_bytes())

    def _typed(self, field, value: Any) -> Any:
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day)
        if field.options and isinstance(value, (list, tuple)):
            labels = dict(field.options)
            return ", ".join(labels[v] for v in value)
        if field.options and value in dict(field.options):
            return dict(field.options)[value]
        return value

    def set(self, key: str, value: Any) -> ExcelDoc:
        field = self.spec.field(key)
        for sheet, ref in self.wb.defined_names[key].destinations:
            self.wb[sheet][ref.replace("$", "")] = self._typed(field, value)
        return self

    def table(self, key: str):
        for ws in self.wb.worksheets:
            if key in ws.tables:
                return ws, ws.tables[key]
        raise KeyError(key)

    def rows(self, key: str, items: list[dict[str, Any]], start: int = 0) -> ExcelDoc:
        """Type ``items`` into the table's rows, from data row ``start`` (0 = first)."""
        ws, table = self.table(key)
        min_col, min_row, _, _ = range_boundaries(table.ref)
        group = self.spec.field(key)
        for r, item in enumerate(items, start=min_row + 1 + start):
            for c, column in enumerate(group.columns, start=min_col):
                if column.key in item:
                    ws.cell(r, c, self._typed(column, item[column.key]))
        return self

    def cell(self, key: str, row: int, column: str, value: Any) -> ExcelDoc:
        """Type a raw value (e.g. a bad date) into one cell of data row ``row`` (0 = first)."""
        ws, table = self.table(key)
        min_col, min_row, _, _ = range_boundaries(table.ref)
        keys = [c.key for c in self.spec.field(key).columns]
        ws.cell(min_row + 1 + row, min_col + keys.index(column), value)
        return self

    def excel_row(self, key: str, row: int) -> int:
        _, table = self.table(key)
        return range_boundaries(table.ref)[1] + 1 + row

    def fill(self, values: dict[str, Any]) -> ExcelDoc:
        for key, value in values.items():
            if isinstance(value, list) and self.spec.field(key).is_group:
                self.rows(key, value)
            else:
                self.set(key, value)
        return self

    def bytes(self) -> bytes:
        buffer = BytesIO()
        self.wb.save(buffer)
        return buffer.getvalue()

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.bytes())
        return path
