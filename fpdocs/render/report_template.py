"""The read-only part of the three-month report: everything fpdocs knows, laid out for the
evaluation meeting. Built into templates/docx/rapportmal.docx before the staff-written sections;
shown only in drafts (``utkast``), so the blank report form stays a plain form."""

from __future__ import annotations

from docx.document import Document

from fpdocs.render.blueprint import loop_table
from fpdocs.render.style import pairs_table

FILLED_BY = (
    "Fylt ut av fpdocs {{ laget }} fra skjemaene i saken. Tallene oppdateres så lenge rapporten "
    "er et utkast; skriv dine vurderinger i feltene lenger ned."
)
EXTENSION_QUESTION = (
    "Ved evalueringen etter seks måneder tar dere stilling til om arbeidsfasen skal forlenges, "
    "slik at tiltaket varer i tolv måneder i stedet for ni. Skriv vurderingen under "
    "«Familiepartners vurderinger», og velg anbefaling nederst."
)


def _p(doc: Document, text: str, style: str = "Normal") -> None:
    doc.add_paragraph(text, style=style)


def _none(doc: Document, items: str, text: str) -> None:
    _p(doc, "{%p if not " + items + " %}")
    _p(doc, text, "Hint")
    _p(doc, "{%p endif %}")


def report_facts(doc: Document) -> None:
    _p(doc, "{%p if utkast %}")
    _p(doc, "Fra saken", "Heading 1")
    _p(doc, FILLED_BY, "Hint")
    pairs_table(
        doc,
        [
            ("Familiepartner(e)", "{{ familiepartnere }}"),
            ("Kontaktperson", "{{ kontaktperson }}"),
            ("Perioden", "{{ periode_tekst }}"),
            ("Evalueringsmøte", "{{ evalueringsmote_tekst }}"),
        ],
    )
    _p(doc, "Kontakt i perioden", "Heading 2")
    pairs_table(
        doc,
        [
            ("Møter og kontakter", "{{ kontakt_i_perioden.antall }}"),
            ("Timer", "{{ kontakt_i_perioden.timer }}"),
            ("Kilometer", "{{ kontakt_i_perioden.km }}"),
        ],
    )
    loop_table(doc, ["Sted", "Antall", "Timer"], "kontakt_i_perioden.sted",
               ["r.navn", "r.antall", "r.timer"], [0.5, 0.25, 0.25])  # fmt: skip
    _p(doc, "", "Hint")
    loop_table(doc, ["Fokus", "Antall", "Timer"], "kontakt_i_perioden.fokus",
               ["r.navn", "r.antall", "r.timer"], [0.5, 0.25, 0.25])  # fmt: skip

    _p(doc, "Rangeringer", "Heading 2")
    _p(doc, "Hver persons egen score fra 1 (svært vanskelig) til 10 (svært bra).", "Hint")
    _p(doc, "{%p for m in rangeringer %}")
    _p(doc, "{{ m.navn }}", "Heading 3")
    loop_table(doc, ["Område", "Oppstart", "{{ m.forrige_navn }}", "Nå"], "m.omrader",
               ["r.omrade", "r.start", "r.forrige", "r.na"], [0.46, 0.18, 0.18, 0.18])  # fmt: skip
    _p(doc, "{{ m.diagram }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p if not rangeringer %}")
    _p(doc, "Ingen rangeringsskjemaer er lest inn ennå.")
    _p(doc, "{%p endif %}")

    _p(doc, "Arbeidsplanens mål", "Heading 2")
    loop_table(doc, ["Type", "Mål", "Frist", "Status"], "arbeidsplan",
               ["r.type", "r.mal", "r.frist", "r.status"], [0.15, 0.55, 0.15, 0.15])  # fmt: skip
    _none(doc, "arbeidsplan", "Ingen arbeidsplan er lest inn ennå.")
    _p(doc, "Tiltaksplanens mål", "Heading 2")
    loop_table(doc, ["Nr.", "Hovedmål", "Delmål", "Evaluering", "Konklusjon"], "tiltaksplan",
               ["r.nr", "r.hovedmal", "r.delmal", "r.evalueringsdato", "r.konklusjon"],
               [0.07, 0.26, 0.3, 0.15, 0.22])  # fmt: skip
    _none(doc, "tiltaksplan", "Ingen tiltaksplan er lest inn ennå.")
    _p(doc, "Tjenester rundt barna", "Heading 2")
    loop_table(doc, ["Barn", "Tjeneste", "Kontaktperson", "Hva fungerer"], "tjenester",
               ["r.barn", "r.tjeneste", "r.kontaktperson", "r.hva_fungerer"],
               [0.25, 0.2, 0.25, 0.3])  # fmt: skip
    _none(doc, "tjenester", "Ingen kartlegging av tjenester er lest inn ennå.")
    _p(doc, "Åpne oppgaver fra ansvarsgruppemøtene", "Heading 2")
    loop_table(doc, ["Oppgave", "Ansvarlig", "Frist"], "oppgaver",
               ["r.oppgave", "r.ansvarlig", "r.frist"], [0.55, 0.27, 0.18])  # fmt: skip
    _none(doc, "oppgaver", "Ingen åpne oppgaver.")
    _p(doc, "{%p if seks_mnd %}")
    _p(doc, "Forlengelse av arbeidsfasen", "Heading 2")
    _p(doc, EXTENSION_QUESTION, "Intro")
    _p(doc, "{%p endif %}")
    _p(doc, "{%p endif %}")


TEMPLATE_BLOCKS = {"rapportmal": {"Rapport": report_facts}}
