"""The case overview (saksoversikt): phase, dates of the measure, what is due, warnings.

Written anew after every document of the case; staff read it, nobody fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from fpdocs.render.style import grid_table, pairs_table, report_document, to_bytes

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
    # member label -> area -> time point label -> score (None: not relevant)
    ratings: dict[str, dict[str, dict[str, int | None]]] = field(default_factory=dict)
    time_points: tuple[str, ...] = ()  # the time point labels in calendar order
    # child label -> rows of (service, contact, what works, the child's wishes)
    services: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    plan_goals: tuple[tuple[str, str, str, str], ...] = ()  # (type, goal, deadline, status)
    contact: tuple[tuple[str, str], ...] = ()  # (what, figure) from the meeting log


def _d(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def render_overview(view: OverviewView, written: datetime) -> bytes:
    doc = report_document(
        "Saksoversikt",
        f"Familiepartner – sak {view.saksnummer}",
        f"Saksoversikt – sak {view.saksnummer}",
        "fpdocs:saksoversikt",
    )
    doc.add_paragraph(
        f"Laget av fpdocs {written:%d.%m.%Y kl. %H:%M}. Oversikten lages på nytt hver gang et "
        "skjema i saken leses inn; endringer her blir ikke tatt vare på.",
        style="Hint",
    )

    doc.add_paragraph("Tiltaket", style="Heading 1")
    pairs_table(
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
    grid_table(doc, phases, [0.5, 0.25, 0.25], highlight={PHASES.get(view.phase, view.phase)})

    open_items = [row for row in view.items if row.status != "done"][: view.next_count]
    doc.add_paragraph("Neste frister", style="Heading 1")
    if open_items:
        _items(doc, open_items)
    else:
        doc.add_paragraph("Ingen åpne frister.")

    doc.add_paragraph("Advarsler", style="Heading 1")
    if view.warnings:
        doc.add_paragraph("Advarslene stoppet ikke innlesingen, men bør sjekkes.", style="Hint")
        grid_table(
            doc,
            [("Skjema", "Felt", "Funnet", "Forventet"), *view.warnings],
            [0.18, 0.27, 0.2, 0.35],
        )
    else:
        doc.add_paragraph("Ingen advarsler.")

    doc.add_paragraph("Familien", style="Heading 1")
    grid_table(
        doc, [("Nøkkel i filnavn", "Navn", "Rolle og alder"), *view.members], [0.25, 0.4, 0.35]
    )

    if view.ratings:
        doc.add_paragraph("Rangeringer over tid", style="Heading 1")
        doc.add_paragraph(
            "Hver persons egen score fra 1 (svært vanskelig) til 10 (svært bra), per område og "
            "tidspunkt. Endring er siste score minus første.",
            style="Hint",
        )
        for member, areas in view.ratings.items():
            _ratings(doc, member, areas, view.time_points)

    if view.plan_goals:
        doc.add_paragraph("Gjeldende arbeidsplan", style="Heading 1")
        grid_table(doc, [("Type", "Mål", "Frist", "Status"), *view.plan_goals],
                   [0.15, 0.55, 0.15, 0.15])  # fmt: skip

    if view.services:
        doc.add_paragraph("Tjenester rundt barna", style="Heading 1")
        for child, rows in view.services.items():
            doc.add_paragraph(child, style="Heading 2")
            grid_table(doc, [("Tjeneste", "Kontaktperson", "Hva fungerer", "Barnets ønsker"),
                             *rows], [0.2, 0.25, 0.27, 0.28])  # fmt: skip

    if view.contact:
        doc.add_paragraph("Kontakt med familien", style="Heading 1")
        pairs_table(doc, list(view.contact))

    doc.add_paragraph("Hele kalenderen", style="Heading 1")
    _items(doc, list(view.items))

    doc.add_paragraph("Mottatte skjemaer", style="Heading 1")
    grid_table(
        doc, [("Skjema", "Dato på skjemaet", "Lest inn"), *view.documents], [0.4, 0.25, 0.35]
    )

    return to_bytes(doc)


def _ratings(doc, member: str, areas: dict, time_points: tuple[str, ...]) -> None:
    doc.add_paragraph(member, style="Heading 2")
    present = [tp for tp in time_points if any(tp in scores for scores in areas.values())]
    rows = [("Område", *present, "Endring")]
    for area, scores in areas.items():
        values = [scores.get(tp) for tp in present]
        known = [v for v in values if v is not None]
        change = known[-1] - known[0] if len(known) > 1 else None
        trend = "" if change is None else (f"+{change}" if change > 0 else str(change))
        rows.append((area, *("" if v is None else str(v) for v in values), trend))
    first = 0.34
    rest = (1 - first) / (len(present) + 1)
    grid_table(doc, rows, [first] + [rest] * (len(present) + 1))


def _items(doc, items: list[Row]) -> None:
    rows = [("Frist", "Hva", "Gjelder", "Status")]
    fills: list[str | None] = [None]
    for item in items:
        status = STATUS.get(item.status, item.status)
        if item.status == "done" and item.done_on:
            status += f" {item.done_on:%d.%m.%Y}"
        rows.append((_d(item.due), item.label, item.member, status))
        fills.append(STATUS_FILL.get(item.status))
    grid_table(doc, rows, [0.17, 0.43, 0.23, 0.17], fills=fills)
