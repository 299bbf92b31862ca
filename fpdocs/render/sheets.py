"""Spreadsheets for the cross-case overviews in outbox/oversikt/ (openpyxl).

Staff open these in Excel or LibreOffice Calc, filter them and print them. Each sheet has a title
and a line that says what it holds, a styled header row with an auto-filter, frozen panes,
column widths set, dates as real dates (so sorting and filtering work) and a print layout:
landscape, one page wide, the header row repeated, the confidentiality note in the page header.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fpdocs.deadlines import STATUS_NAMES, DeadlineRow, person_key
from fpdocs.render.style import CONFIDENTIAL

INK = "1F3A5F"
OVERDUE_FILL = "F8D7DA"
SOON_FILL = "FFF3CD"
ALL_SHEET = "Alle"
DATE_FORMAT = "DD.MM.YYYY"
MAX_SHEET_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED = {ALL_SHEET.casefold(), "history"}

_THIN = Side(style="thin", color="BFC9D4")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = "Calibri"
_HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor=INK)
_TITLE_FONT = Font(name=FONT, bold=True, size=14, color=INK)
_NOTE_FONT = Font(name=FONT, italic=True, size=9, color="595959")
_TOTAL_FONT = Font(name=FONT, bold=True)
_FILLS = {
    "overdue": PatternFill("solid", fgColor=OVERDUE_FILL),
    "due": PatternFill("solid", fgColor=SOON_FILL),
}
_WRAP = Alignment(vertical="top", wrap_text=True)
_TOP = Alignment(vertical="top")
_DATE = Alignment(vertical="top", horizontal="center")


class _BodyStyles:
    """Table cells styled through a few named styles, made once per workbook: setting a font,
    fill and border on every cell costs openpyxl a hash of each (seconds for 10,000 rows)."""

    def __init__(self, book: Workbook):
        self.book = book
        self.made = set(book.named_styles)

    def name(self, value: object, number_format: str | None, fill_key: str | None) -> str:
        kind = "dato" if isinstance(value, date) else "tekst" if isinstance(value, str) else "tall"
        fill = fill_key if fill_key in _FILLS else "ingen"
        name = f"fpdocs {kind} {fill} {number_format or 'General'}"
        if name not in self.made:
            style = NamedStyle(name, font=Font(name=FONT, size=11), border=_BORDER)
            style.alignment = {"dato": _DATE, "tekst": _WRAP}.get(kind, _TOP)
            style.number_format = number_format or "General"
            if fill_key in _FILLS:
                style.fill = _FILLS[fill_key]
            self.book.add_named_style(style)
            self.made.add(name)
        return name


@dataclass(frozen=True)
class Column:
    heading: str
    width: float
    number_format: str | None = None


DEADLINE_COLUMNS = (
    Column("Frist", 12, DATE_FORMAT),
    Column("Saksnummer", 13),
    Column("Team", 16),
    Column("Hva", 58),
    Column("Gjelder", 13),
    Column("Status", 11),
)
HEADER_ROW = 4  # title, note, blank line, then the table


def sheet_names(names: Sequence[str]) -> list[str]:
    """Worksheet names for ``names``: forbidden characters replaced, at most 31 characters,
    unique without regard to case (as Excel requires) and never "Alle" or "History"."""
    taken = set(_RESERVED)
    out = []
    for name in names:
        base = " ".join(_FORBIDDEN.sub(" ", name).split()).strip("'") or "Uten navn"
        candidate = base[:MAX_SHEET_NAME].rstrip().rstrip("'")
        n = 2
        while candidate.casefold() in taken:
            suffix = f" ({n})"
            candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip().rstrip("'") + suffix
            n += 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def deadlines_workbook(rows: Sequence[DeadlineRow], today: date, written: datetime) -> bytes:
    """frister.xlsx: the sheet "Alle" and one sheet per familiepartner, rows sorted by date."""
    rows = sorted(rows, key=lambda r: (r.due, r.saksnummer, r.kind, r.member or "", r.label))
    book = Workbook()
    book.remove(book.active)
    explained = (
        "Forfalt (rød) = fristen er passert, Snart (gul) = innen et par uker, Senere = lenger "
        "frem. Utførte frister står i saksoversikten i hver saksmappe. Laget av fpdocs "
        f"{written:%d.%m.%Y kl. %H:%M}; filen lages på nytt automatisk, så endringer her blir "
        "ikke tatt vare på."
    )
    _deadline_sheet(book, ALL_SHEET, "Frister – alle saker", today, explained, rows)
    partners = _partners(rows)
    for name, sheet in zip(partners, sheet_names(partners), strict=True):
        mine = [r for r in rows if person_key(name) in r.partner_keys]
        _deadline_sheet(book, sheet, f"Frister – {name}", today, explained, mine)
    props = book.properties
    props.title = "Frister – Familiepartner"
    props.creator = props.lastModifiedBy = "fpdocs"
    props.language = "nb-NO"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _partners(rows: Iterable[DeadlineRow]) -> list[str]:
    """Every familiepartner on the rows, once each (first spelling seen), in Norwegian order."""
    found: dict[str, str] = {}
    for row in rows:
        for name in row.familiepartnere:
            found.setdefault(person_key(name), " ".join(name.split()))
    return sorted(found.values(), key=norwegian_order)


def norwegian_order(text: str) -> str:
    """Sort key that puts æ, ø, å after z, as Norwegian does."""
    return text.casefold().translate({ord("æ"): "z\x01", ord("ø"): "z\x02", ord("å"): "z\x03"})


def _deadline_sheet(
    book: Workbook, name: str, title: str, today: date, explained: str, rows: Sequence[DeadlineRow]
) -> Worksheet:
    counts = Counter(r.status for r in rows)
    summary = ", ".join(
        f"{counts[code]} {word.lower()}" for code, word in STATUS_NAMES.items() if code != "done"
    )
    note = f"Åpne frister per {today:%d.%m.%Y}: {summary}. {explained}"
    values = [
        ((r.due, r.saksnummer, r.team, r.label, r.who, r.status_name), r.status) for r in rows
    ]
    return table_sheet(book, name, title, note, DEADLINE_COLUMNS, values, "Ingen åpne frister.")


def table_sheet(
    book: Workbook,
    name: str,
    title: str,
    note: str,
    columns: Sequence[Column],
    rows: Sequence[tuple[Sequence[object], str | None]],
    empty: str,
    total: Sequence[object] | None = None,
) -> Worksheet:
    """A titled sheet with one table: ``rows`` are (values, fill key) with fill key "overdue",
    "due" or None; ``total`` is an optional bold last row."""
    sheet = book.create_sheet(name)
    last_col = get_column_letter(len(columns))
    sheet["A1"] = title
    sheet["A1"].font = _TITLE_FONT
    sheet["A2"] = note
    sheet["A2"].font = _NOTE_FONT
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"A2:{last_col}2")
    sheet.row_dimensions[2].height = 15 * max(1, -(-len(note) // 150))

    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, c, column.heading)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(vertical="center")
        sheet.column_dimensions[get_column_letter(c)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 20

    styles = _BodyStyles(book)
    r = HEADER_ROW
    for r, (values, fill_key) in enumerate(rows, start=HEADER_ROW + 1):
        for c, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            sheet.cell(r, c, value).style = styles.name(value, column.number_format, fill_key)
    if not rows:
        r = HEADER_ROW + 1
        sheet.cell(r, 1, empty).font = _NOTE_FONT
    if total is not None:
        r += 1
        for c, (column, value) in enumerate(zip(columns, total, strict=True), start=1):
            cell = sheet.cell(r, c, value)
            cell.font, cell.border = _TOTAL_FONT, Border(top=Side(style="medium", color=INK))
            if column.number_format:
                cell.number_format = column.number_format

    last_data_row = max(r - (1 if total is not None else 0), HEADER_ROW + 1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_data_row}"
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddHeader.right.text = CONFIDENTIAL
    sheet.oddHeader.right.size = 8
    sheet.oddFooter.left.text = f"{title} – side &P"
    sheet.oddFooter.left.size = 8
    return sheet
