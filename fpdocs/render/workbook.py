"""Excel templates from a form's description, and pre-filled copies of them.

Fields are found by names, not by position: every single field is a named cell (defined name =
the JSON key) with its label in the cell to the left; every repeating group is an Excel table
(table name = the group's key) whose header row holds the column labels. Choices are drop-down
lists (data validation) fed from a hidden sheet. A user who inserts rows or moves a block does
not break reading.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from fpdocs.forms.base import FieldSpec, FormSpec

INK = "1F3A5F"
LABEL_FILL = PatternFill("solid", fgColor="E8EEF5")
THIN = Side(style="thin", color="8DA2B8")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LISTS = "Valg"
WIDTH = {"date": 13, "choice": 18, "multichoice": 24, "number": 11, "checkbox": 10, "text": 26}
NUMBER_FORMAT = {"date": "DD.MM.YYYY"}


def build_workbook(spec: FormSpec, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = spec.title[:31]
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    props = wb.properties
    props.title, props.identifier, props.version = spec.title, spec.identifier, str(spec.version)
    props.category, props.keywords = "Familiepartner-skjema", f"fpdocs {spec.name} v{spec.version}"
    props.subject, props.creator = f"Familiepartner – {spec.title}", "fpdocs"
    props.language = "nb-NO"

    ws["A1"] = spec.title
    ws["A1"].font = Font(size=18, bold=True, color=INK)
    ws["A2"] = spec.intro
    ws["A2"].font = Font(italic=True, color="595959")
    ws["A3"] = "Felt merket * må fylles ut. Nye rader skrives rett under tabellen."
    ws["A3"].font = Font(size=9, italic=True, color="595959")
    row = 5
    list_column = 1
    widths: dict[int, float] = {1: 26, 2: 30}
    for section in spec.sections:
        ws.cell(row, 1, section.title).font = Font(size=13, bold=True, color=INK)
        row += 1
        for key in section.fields:
            field = spec.field(key)
            if field.is_group:
                row = _table(wb, ws, field, spec.min_rows.get(key, 20), row, widths, list_column)
                list_column += len(field.columns)
            else:
                label = ws.cell(row, 1, field.label + (" *" if field.required else ""))
                label.font, label.fill, label.border = Font(bold=True, color=INK), LABEL_FILL, BOX
                value = ws.cell(row, 2)
                value.border = BOX
                value.number_format = NUMBER_FORMAT.get(field.kind, "General")
                ref = f"{quote_sheetname(ws.title)}!${'B'}${row}"
                wb.defined_names[key] = DefinedName(key, attr_text=ref)
                if field.options:
                    _choices(wb, ws, field, f"B{row}", list_column)
                    list_column += 1
                row += 1
        row += 1
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.sheet_view.showGridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def _table(wb, ws, group: FieldSpec, rows: int, top: int, widths, list_column: int) -> int:
    ws.cell(top, 1, group.label).font = Font(bold=True, color=INK)
    top += 1
    for i, column in enumerate(group.columns, start=1):
        head = ws.cell(top, i, column.label + (" *" if column.required else ""))
        head.font, head.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor=INK)
        head.border, head.alignment = BOX, Alignment(wrap_text=True, vertical="center")
        widths[i] = max(widths.get(i, 0), WIDTH.get(column.kind, 20), len(column.label) + 4)
        letter = get_column_letter(i)
        body = f"{letter}{top + 1}:{letter}{top + rows}"
        for (cell,) in ws[body]:
            cell.border = BOX
            cell.number_format = NUMBER_FORMAT.get(column.kind, "General")
            cell.alignment = Alignment(vertical="top", wrap_text=column.kind == "text")
        if column.options:
            _choices(wb, ws, column, body, list_column + i - 1)
    ref = f"A{top}:{get_column_letter(len(group.columns))}{top + rows}"
    table = Table(displayName=group.key, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    return top + rows + 2


def _choices(wb, ws, field: FieldSpec, cells: str, list_column: int) -> None:
    """A drop-down over ``cells`` listing the field's labels, kept on the hidden sheet."""
    lists = wb[LISTS]
    letter = get_column_letter(list_column)
    lists.cell(1, list_column, field.key)
    for i, (_, label) in enumerate(field.options, start=2):
        lists.cell(i, list_column, label)
    source = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(field.options) + 1}"
    rule = DataValidation(type="list", formula1=source, allow_blank=True)
    rule.error = f"Velg en verdi fra listen for «{field.label}»."
    rule.errorTitle = "Ugyldig verdi"
    rule.showErrorMessage = field.kind == "choice"  # several themes may be typed in one cell
    ws.add_data_validation(rule)
    rule.add(cells)


def _cell_value(field: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if field.kind in ("choice", "multichoice"):
        labels = dict(field.options)
        if isinstance(value, (list, tuple)):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), value)
    if field.kind == "checkbox":
        return "Ja" if value else "Nei"
    if field.kind == "date" and isinstance(value, str):  # stored JSON holds ISO dates
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def render_workbook(template: Path, spec: FormSpec, values: dict[str, Any]) -> bytes:
    """The template with named cells and table rows filled from JSON-like ``values``."""
    wb = load_workbook(template)
    for field in spec.fields():
        value = values.get(field.key)
        if value is None:
            continue
        if not field.is_group:
            if field.key in wb.defined_names:
                for sheet, ref in wb.defined_names[field.key].destinations:
                    wb[sheet][ref.replace("$", "")] = _cell_value(field, value)
            continue
        for ws in wb.worksheets:
            if field.key in ws.tables:
                min_col, min_row, _, _ = range_boundaries(ws.tables[field.key].ref)
                for r, item in enumerate(value, start=min_row + 1):
                    for c, column in enumerate(field.columns, start=min_col):
                        ws.cell(r, c, _cell_value(column, item.get(column.key)))
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
