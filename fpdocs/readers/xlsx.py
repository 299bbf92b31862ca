"""Read an .xlsx into plain content: properties, named cells, tables, and every sheet's rows.

Knows workbooks and cells, nothing about forms (which name or table is which field is decided in
``fpdocs.extract``). Formulas are read by the values the spreadsheet program last computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

MAX_ROWS = 100_000  # a meeting log is a few hundred rows; anything near this is not a form


class NotXlsx(ValueError):
    """The bytes are not a workbook we can open."""


@dataclass
class Row:
    number: int  # the row number staff see in Excel
    values: list[Any]


@dataclass
class Sheet:
    name: str
    rows: list[Row]


@dataclass
class XlsxTable:
    name: str
    sheet: str
    headers: list[str]
    rows: list[Row]


@dataclass
class XlsxContent:
    properties: dict[str, str]
    names: dict[str, Any] = field(default_factory=dict)  # defined name -> value of its cell
    tables: list[XlsxTable] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)


def _value(value: Any) -> Any:
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, str):
        return value.strip() or None
    return value


class HostileXml(NotXlsx):
    """A part of the workbook carries a DTD: entity definitions Excel never writes."""


def read_xlsx(data: bytes) -> XlsxContent:
    try:
        # openpyxl parses with defusedxml when it is installed (a dependency of fpdocs), which
        # refuses entity definitions; lxml parts are parsed without resolving entities
        workbook = load_workbook(BytesIO(data), data_only=True)
    except Exception as error:  # noqa: BLE001 - anything openpyxl trips on: a damaged workbook
        cause: BaseException | None = error
        while cause is not None:  # openpyxl wraps what the parser raised in a ValueError
            if isinstance(cause, DefusedXmlException):
                raise HostileXml("entities") from None
            cause = cause.__cause__ or cause.__context__
        raise NotXlsx(type(error).__name__) from None
    props = workbook.properties
    content = XlsxContent(
        properties={
            key: str(getattr(props, key) or "")
            for key in ("identifier", "version", "title", "keywords", "category")
        }
    )
    for sheet in workbook.worksheets:
        if sheet.max_row > MAX_ROWS:
            raise NotXlsx(f"{sheet.max_row} rows")
        rows = [
            Row(number, [_value(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            if any(v is not None and v != "" for v in values)
        ]
        content.sheets.append(Sheet(sheet.title, rows))
        by_number = {row.number: row.values for row in rows}
        for table in sheet.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            header = by_number.get(min_row, [])
            headers = [str(v or "") for v in header[min_col - 1 : max_col]]
            # rows typed just below a table (LibreOffice does not grow tables) belong to it
            body, number = [], min_row + 1
            while number <= max_row or number in by_number:
                values = by_number.get(number)
                if values is not None:
                    body.append(Row(number, values[min_col - 1 : max_col]))
                number += 1
            content.tables.append(XlsxTable(table.displayName, sheet.title, headers, body))
    for name, defined in workbook.defined_names.items():
        for sheet_name, ref in defined.destinations:
            if sheet_name in workbook.sheetnames:
                cell = workbook[sheet_name][ref.replace("$", "").split(":")[0]]
                content.names[name] = _value(cell.value)
    return content
