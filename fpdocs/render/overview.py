"""The case overview (saksoversikt): phase, dates of the measure, what is due, warnings.

Written anew after every document of the case; staff read it, nobody fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from docx import Document

from fpdocs.render.style import (
    LABEL_FILL,
    header_footer,
    page,
    repeat_header,
    shade,
    styles,
    table,
    text_width,
)

STATUS = {
    "done": "Utført",
    "overdue": "Forfalt",
    "due": "Snart",
    "not_yet_due": "Senere",
}
STATUS_FILL = {"overdue": "F8D7DA", "due": "FFF3CD", "done": "E2F0D9"}
PHASES = {
    "oppstartsfase": "Oppstartsfase",
    "arbeidsfase": "Arbeidsfase",
    "avslutningsfase": "Avslutningsfase",
    "avsluttet": "Avsluttet",
}


@dataclass(frozen=True)
class Row:
    due: date
    label: str
    member: str
    status: str
    done_on: date | None = None


@dataclass(frozen=True)
class OverviewView:
    saksnummer: str
    team: str
    familiepartnere: str
    kontaktperson: str
    intake: date
    phase: str
    phases: tuple[tuple[str, date, date], ...]
    end: date
    extended: bool
    members: tuple[tuple[str, str, str], ...]  # (key, name, role and age)
    items: tuple[Row, ...]
    warnings: tuple[tuple[str, str, str, str], ...]  # (form, field, found, expected)
    documents: tuple[tuple[str, str, str], ...]  # (form, form date, received)
    next_count: int = 8
    notes: tuple[str, ...] = field(default=())


def _d(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def render_overview(view: OverviewView, written: datetime) -> bytes:
    doc = Document()
    page(doc, landscape=False)
    styles(doc)
    header_footer(doc, f"Saksoversikt – sak {view.saksnummer}")
    core = doc.core_properties
    core.title = f"Saksoversikt sak {view.saksnummer}"
    core.identifier = "fpdocs:saksoversikt"
    core.author = core.last_modified_by = "fpdocs"
    core.language = "nb-NO"

    doc.add_paragraph("Saksoversikt", style="Title")
    doc.add_paragraph(f"Familiepartner – sak {view.saksnummer}", style="Subtitle")
    doc.add_paragraph(
        f"Laget av fpdocs {written:%d.%m.%Y kl. %H:%M}. Oversikten lages på nytt hver gang et "
        "skjema i saken leses inn; endringer her blir ikke tatt vare på.",
        style="Hint",
    )

    doc.add_paragraph("Tiltaket", style="Heading 1")
    _pairs(
        doc,
        [
            ("Saksnummer", view.saksnummer),
            ("Team", view.team),
            ("Familiepartner(e)", view.familiepartnere),
            ("Kontaktperson", view.kontaktperson),
            ("Inntakssamtale (oppstart)", _d(view.intake)),
            ("Fase nå", PHASES.get(view.phase, view.phase)),
            ("Planlagt avslutning", _d(view.end) + (" (forlenget)" if view.extended else "")),
        ],
    )
    phases = [("Fase", "Fra", "Til")] + [
        (PHASES.get(name, name), _d(start), _d(end)) for name, start, end in view.phases
    ]
    _grid(doc, phases, [0.5, 0.25, 0.25], highlight={PHASES.get(view.phase, view.phase)})

    open_items = [row for row in view.items if row.status != "done"][: view.next_count]
    doc.add_paragraph("Neste frister", style="Heading 1")
    if open_items:
        _items(doc, open_items)
    else:
        doc.add_paragraph("Ingen åpne frister.")

    doc.add_paragraph("Advarsler", style="Heading 1")
    if view.warnings:
        doc.add_paragraph("Advarslene stoppet ikke innlesingen, men bør sjekkes.", style="Hint")
        _grid(
            doc,
            [("Skjema", "Felt", "Funnet", "Forventet"), *view.warnings],
            [0.18, 0.27, 0.2, 0.35],
        )
    else:
        doc.add_paragraph("Ingen advarsler.")

    doc.add_paragraph("Familien", style="Heading 1")
    _grid(doc, [("Nøkkel i filnavn", "Navn", "Rolle og alder"), *view.members], [0.25, 0.4, 0.35])

    doc.add_paragraph("Hele kalenderen", style="Heading 1")
    _items(doc, list(view.items))

    doc.add_paragraph("Mottatte skjemaer", style="Heading 1")
    _grid(doc, [("Skjema", "Dato på skjemaet", "Lest inn"), *view.documents], [0.4, 0.25, 0.35])

    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _pairs(doc, pairs: list[tuple[str, str]]) -> None:
    total = text_width(doc)
    grid = table(doc, len(pairs), 2, [total * 0.36, total * 0.64])
    for row, (label, value) in zip(grid.rows, pairs, strict=True):
        shade(row.cells[0], LABEL_FILL)
        row.cells[0].paragraphs[0].text = label
        row.cells[0].paragraphs[0].style = doc.styles["Label"]
        row.cells[1].paragraphs[0].text = value
        row.cells[1].paragraphs[0].style = doc.styles["Cell"]
    doc.add_paragraph(style="Hint")


def _grid(doc, rows, shares: list[float], highlight: set[str] = frozenset(), fills=None) -> None:
    total = text_width(doc)
    grid = table(doc, len(rows), len(shares), [total * s for s in shares])
    for r, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        for cell, value in zip(row.cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.text = str(value)
            paragraph.style = doc.styles["Column heading" if r == 0 else "Cell"]
            if r == 0:
                shade(cell, "1F3A5F")
            elif fills and fills[r]:
                shade(cell, fills[r])
            elif values[0] in highlight:
                shade(cell, LABEL_FILL)
                for run in paragraph.runs:
                    run.font.bold = True
    repeat_header(grid.rows[0])
    doc.add_paragraph(style="Hint")


def _items(doc, items: list[Row]) -> None:
    rows = [("Frist", "Hva", "Gjelder", "Status")]
    fills: list[str | None] = [None]
    for item in items:
        status = STATUS.get(item.status, item.status)
        if item.status == "done" and item.done_on:
            status += f" {item.done_on:%d.%m.%Y}"
        rows.append((_d(item.due), item.label, item.member, status))
        fills.append(STATUS_FILL.get(item.status))
    _grid(doc, rows, [0.17, 0.43, 0.23, 0.17], fills=fills)
