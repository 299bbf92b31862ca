"""Finished documents that are not forms (minutes summaries, meeting notices), by kind.

A form's trigger asks for one by its kind; the values are plain data from the form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fpdocs.render.style import grid_table, pairs_table, report_document, to_bytes

MOTETYPE = {"ansvarsgruppemote": "Ansvarsgruppemøte", "samarbeidsmote": "Samarbeidsmøte"}


def _d(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def _kind(values: dict[str, Any]) -> str:
    return MOTETYPE.get(values.get("motetype") or "", "Ansvarsgruppemøte")


def _status(task: dict[str, Any]) -> str:
    return "Utført" if task.get("utfort") else "Åpen"


def _open_tasks(doc, tasks: list[dict[str, Any]]) -> None:
    if tasks:
        grid_table(
            doc,
            [("Oppgave", "Ansvarlig", "Frist")]
            + [(t["text"], t.get("responsible") or "", _d(t.get("due"))) for t in tasks],
            [0.55, 0.27, 0.18],
        )
    else:
        doc.add_paragraph("Ingen åpne oppgaver.")


def minutes_summary(values: dict[str, Any]) -> bytes:
    """Referat: who met, what was said, the tasks agreed, what is still open."""
    kind = _kind(values)
    doc = report_document(
        f"Referat – {kind.lower()}",
        f"Familiepartner – sak {values['saksnummer']}",
        f"Referat {_d(values['dato'])} – sak {values['saksnummer']}",
        "fpdocs:referat",
    )
    pairs_table(
        doc,
        [
            ("Dato", _d(values["dato"])),
            ("Sted", values.get("sted") or ""),
            ("Møteleder", values.get("moteleder") or ""),
            ("Referent", values.get("referent") or ""),
            ("Neste møte", _d(values.get("neste_mote")) or "Ikke avtalt"),
        ],
    )
    doc.add_paragraph("Deltakere", style="Heading 1")
    grid_table(
        doc,
        [("Navn", "Instans / rolle", "Til stede")]
        + [
            (p["navn"], p["instans_rolle"], "Ja" if p.get("tilstede") else "Nei")
            for p in values.get("deltakere", [])
        ],
        [0.4, 0.4, 0.2],
    )
    for key, title in (("barnas_innspill", "Barnas innspill"),
                       ("foreldrenes_innspill", "Foreldrenes innspill")):  # fmt: skip
        if values.get(key):
            doc.add_paragraph(title, style="Heading 1")
            doc.add_paragraph(values[key])
    doc.add_paragraph("Agenda og referat", style="Heading 1")
    grid_table(
        doc,
        [("Punkt", "Referat")]
        + [(a["punkt"], a.get("referat") or "") for a in values.get("agenda", [])],
        [0.35, 0.65],
    )
    doc.add_paragraph("Oppgaver fra møtet", style="Heading 1")
    grid_table(
        doc,
        [("Oppgave", "Ansvarlig", "Frist", "Status")]
        + [
            (
                t["oppgave"],
                t["ansvarlig"],
                _d(t.get("frist")),
                "Utført" if t.get("utfort") else "Åpen",
            )
            for t in values.get("oppgaver", [])
        ],
        [0.45, 0.25, 0.15, 0.15],
    )
    doc.add_paragraph("Åpne oppgaver i saken", style="Heading 1")
    doc.add_paragraph(
        "Alle oppgaver som ikke er meldt utført, også fra tidligere møter.", style="Hint"
    )
    _open_tasks(doc, values.get("apne_oppgaver", []))
    return to_bytes(doc)


def meeting_notice(values: dict[str, Any]) -> bytes:
    """Innkalling to the next meeting; the agenda follows up every open task."""
    kind = _kind(values)
    doc = report_document(
        f"Innkalling til {kind.lower()}",
        f"Familiepartner – sak {values['saksnummer']}",
        f"Innkalling {_d(values['neste_mote'])} – sak {values['saksnummer']}",
        "fpdocs:innkalling",
    )
    pairs_table(
        doc,
        [
            ("Dato", _d(values["neste_mote"])),
            ("Sted", values.get("sted") or "Avtales"),
            ("Møteleder", values.get("moteleder") or ""),
            ("Forrige møte", _d(values["dato"])),
        ],
    )
    doc.add_paragraph("Til", style="Heading 1")
    grid_table(
        doc,
        [("Navn", "Instans / rolle")]
        + [(p["navn"], p["instans_rolle"]) for p in values.get("deltakere", [])],
        [0.5, 0.5],
    )
    doc.add_paragraph("Agenda", style="Heading 1")
    points = ["Velkommen, og gjennomgang av referatet fra forrige møte"]
    points += [
        f"Oppfølging: {t['text']}"
        + (f" (ansvarlig: {t['responsible']}" if t.get("responsible") else "")
        + (f", frist {_d(t['due'])})" if t.get("due") else (")" if t.get("responsible") else ""))
        for t in values.get("apne_oppgaver", [])
    ]
    points += ["Barnas og foreldrenes innspill", "Nye oppgaver og ansvar", "Eventuelt",
               "Neste møte"]  # fmt: skip
    for point in points:
        doc.add_paragraph(point, style="List Number")
    doc.add_paragraph(
        "Gi beskjed til møteleder om du ikke kan komme, eller om noe bør tas opp.", style="Hint"
    )
    return to_bytes(doc)


def ratings_summary(values: dict[str, Any]) -> bytes:
    """Each member's ratings at start, the previous time point and now, for the packet."""
    doc = report_document(
        "Rangeringer",
        f"Familiepartner – sak {values['saksnummer']}",
        f"Rangeringer – sak {values['saksnummer']}",
        "fpdocs:rangeringer",
    )
    doc.add_paragraph(values.get("undertittel", ""), style="Hint")
    for member in values.get("rangeringer", []):
        doc.add_paragraph(member["navn"], style="Heading 2")
        grid_table(
            doc,
            [("Område", "Oppstart", member["forrige_navn"], "Nå")]
            + [(r["omrade"], r["start"], r["forrige"], r["na"]) for r in member["omrader"]],
            [0.46, 0.18, 0.18, 0.18],
        )
    if not values.get("rangeringer"):
        doc.add_paragraph("Ingen rangeringsskjemaer er lest inn ennå.")
    return to_bytes(doc)


DOCUMENTS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "referat": minutes_summary,
    "innkalling": meeting_notice,
}
