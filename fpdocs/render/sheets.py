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
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fpdocs.deadlines import STATUS_NAMES, DeadlineRow, person_key
from fpdocs.forms.moteskjema import FOKUS, STED
from fpdocs.render.style import CONFIDENTIAL
from fpdocs.statistics import (
    CaseMeetings,
    Totals,
    by_case_and_month,
    by_month,
    cross,
    totals,
)

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
_LEFT = Alignment(vertical="top", horizontal="left")


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
            if number_format == MONTH_FORMAT:
                style.alignment = _LEFT
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
    book = Workbook(write_only=True)
    explained = (
        "Forfalt (rød) = fristen er passert, Snart (gul) = innen et par uker, Senere = lenger "
        "frem. Utførte frister står i saksoversikten i hver saksmappe. Laget av fpdocs "
        f"{written:%d.%m.%Y kl. %H:%M}; filen lages på nytt automatisk, så endringer her blir "
        "ikke tatt vare på."
    )
    _deadline_sheet(book, ALL_SHEET, "Frister – alle saker", today, explained, rows)
    partners = _partners(rows)
    for name, sheet in zip(partners, sheet_names(partners), strict=True):
        key = person_key(name)
        mine = [r for r in rows if any(person_key(p) == key for p in r.familiepartnere)]
        _deadline_sheet(book, sheet, f"Frister – {name}", today, explained, mine)
    return _saved(book, "Frister – Familiepartner")


def _saved(book: Workbook, title: str) -> bytes:
    """The workbook's bytes, with its title, author and language (nb-NO) set."""
    props = book.properties
    props.title = title
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
) -> None:
    counts = Counter(r.status for r in rows)
    summary = ", ".join(
        f"{counts[code]} {word.lower()}" for code, word in STATUS_NAMES.items() if code != "done"
    )
    note = f"Åpne frister per {today:%d.%m.%Y}: {summary}. {explained}"
    values = [
        ((r.due, r.saksnummer, r.team, r.label, r.who, r.status_name), r.status) for r in rows
    ]
    table_sheet(book, name, title, note, DEADLINE_COLUMNS, values, "Ingen åpne frister.")


def table_sheet(
    book: Workbook,
    name: str,
    title: str,
    note: str,
    columns: Sequence[Column],
    rows: Sequence[tuple[Sequence[object], str | None]],
    empty: str,
    totals: Sequence[tuple[Sequence[object], str | None]] = (),
) -> None:
    """A titled sheet with one table: ``rows`` are (values, fill key) with fill key "overdue",
    "due" or None; ``totals`` are bold rows under the table, each (values, number format for
    its numbers or None for the columns' own); they stay out of the auto-filter.

    ``book`` is write-only: each row goes to disk as it is added, so the deadlines of a
    thousand cases take a few megabytes, not hundreds. Everything above the rows (widths,
    heights, frozen panes, fit to page) is set before the first row."""
    sheet = book.create_sheet(name)
    last_col = get_column_letter(len(columns))
    for c, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = column.width
    # the merged note wraps within the table's width (about 1.2 note characters per width unit)
    per_line = max(20, int(sum(c.width for c in columns) * 1.2))
    sheet.row_dimensions[2].height = 13 * max(1, -(-len(note) // per_line)) + 2
    sheet.row_dimensions[HEADER_ROW].height = 20
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", Worksheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # sheetPr: before the rows too
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddHeader.right.text = CONFIDENTIAL
    sheet.oddHeader.right.size = 8
    sheet.oddFooter.left.text = f"{title} – side &P"
    sheet.oddFooter.left.size = 8

    def cell(value: object, **style: object) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value)
        for key, setting in style.items():
            setattr(made, key, setting)
        return made

    sheet.append([cell(title, font=_TITLE_FONT)])
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([cell(note, font=_NOTE_FONT, alignment=wrap)])
    sheet.merged_cells.add(f"A2:{last_col}2")
    sheet.append([])
    heading = {"font": _HEADER_FONT, "fill": _HEADER_FILL, "border": _BORDER}
    centred = Alignment(vertical="center")
    sheet.append([cell(c.heading, alignment=centred, **heading) for c in columns])

    styles = _BodyStyles(book)
    for values, fill_key in rows:
        sheet.append(
            [
                cell(value, style=styles.name(value, column.number_format, fill_key))
                for column, value in zip(columns, values, strict=True)
            ]
        )
    if not rows:
        sheet.append([cell(empty, font=_NOTE_FONT)])
    last_data_row = HEADER_ROW + max(1, len(rows))
    top = Border(top=Side(style="medium", color=INK))
    for n, (values, number_format) in enumerate(totals):
        made = []
        for column, value in zip(columns, values, strict=True):
            total = cell(value, font=_TOTAL_FONT)
            if n == 0:
                total.border = top
            if isinstance(value, int | float):
                total.number_format = number_format or column.number_format or "General"
            made.append(total)
        sheet.append(made)

    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_data_row}"


# --- contact statistics (statistikk.xlsx) ------------------------------------------------------

MONTH_FORMAT = "[$-414]MMMM YYYY"  # "november 2026" in any Excel or LibreOffice language
HOURS_FORMAT = "0.00"
HOURS_OR_DASH = '0.00;-0.00;"–"'  # a month without hours in a category shows a dash
KM_FORMAT = "#,##0.0"
COUNT_FORMAT = "0"


def statistics_workbook(cases: Sequence[CaseMeetings], written: datetime) -> bytes:
    """statistikk.xlsx: meetings, hours and km per month and per case; hours by place and by
    focus per month."""
    meetings = [m for case in cases for m in case.meetings]
    note = (
        "Fra møteskjemaene i alle saker; hvert møte telles én gang, selv om skjemaet er lagt i "
        f"innboksen flere ganger. Laget av fpdocs {written:%d.%m.%Y kl. %H:%M}; filen lages på "
        "nytt automatisk, så endringer her blir ikke tatt vare på."
    )
    empty = "Ingen møter registrert ennå."
    book = Workbook(write_only=True)

    monthly = by_month(meetings)
    all_of = totals(meetings)
    table_sheet(
        book, "Per måned", "Kontakter per måned – alle saker", note,
        (Column("Måned", 16, MONTH_FORMAT), Column("Møter", 9, COUNT_FORMAT),
         Column("Timer", 9, HOURS_FORMAT), Column("Km", 10, KM_FORMAT)),
        [((month, t.meetings, t.hours, t.km), None) for month, t in monthly.items()],
        empty,
        [(("Sum", all_of.meetings, all_of.hours, all_of.km), None)] if meetings else (),
    )  # fmt: skip
    per_case = by_case_and_month(cases)
    table_sheet(
        book, "Per sak", "Kontakter per sak og måned", note
        + " Saker uten møter i møteskjemaet er ikke med.",
        (Column("Saksnummer", 13), Column("Team", 16), Column("Måned", 16, MONTH_FORMAT),
         Column("Møter", 9, COUNT_FORMAT), Column("Timer", 9, HOURS_FORMAT),
         Column("Km", 10, KM_FORMAT)),
        [((c.saksnummer, c.team, month, t.meetings, t.hours, t.km), None)
         for c, month, t in per_case],
        empty,
        [(("Sum", "", "", all_of.meetings, all_of.hours, all_of.km), None)] if meetings else (),
    )  # fmt: skip
    for name, title, labels, key in (
        ("Sted", "Timer per sted og måned", STED, lambda m: m.sted),
        ("Fokus", "Timer per fokus og måned", FOKUS, lambda m: m.fokus),
    ):
        _cross_sheet(book, name, title, note, labels, cross(meetings, key), empty)

    return _saved(book, "Kontaktstatistikk – Familiepartner")


def _cross_sheet(
    book: Workbook,
    name: str,
    title: str,
    note: str,
    labels: dict[str, str],
    table: dict[date, dict[str, Totals]],
    empty: str,
) -> None:
    """Months down, categories across (hours), a sum column; under it the hours and the number
    of meetings per category for the whole span."""
    known = list(labels)
    extra = sorted({c for cells in table.values() for c in cells} - set(known))
    categories = known + extra
    columns = (
        Column("Måned", 16, MONTH_FORMAT),
        *(Column(labels.get(c, c), max(9, len(labels.get(c, c)) + 2), HOURS_OR_DASH)
          for c in categories),
        Column("Sum", 9, HOURS_FORMAT),
    )  # fmt: skip
    rows = []
    for month, cells in table.items():
        hours = [cells[c].hours if c in cells else 0.0 for c in categories]
        rows.append(((month, *hours, sum(hours)), None))
    whole = {c: sum((cells.get(c, Totals()) for cells in table.values()), Totals()) for c in
             categories}  # fmt: skip
    total_rows: list[tuple[Sequence[object], str | None]] = []
    if rows:
        hours = [whole[c].hours for c in categories]
        count = [whole[c].meetings for c in categories]
        total_rows = [(("Sum timer", *hours, sum(hours)), None),
                      (("Antall møter", *count, sum(count)), COUNT_FORMAT)]  # fmt: skip
    table_sheet(book, name, title, note, columns, rows, empty, total_rows)
