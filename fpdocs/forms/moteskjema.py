"""Form 5, moteskjema: the meeting log, an Excel workbook with one row per contact.

Staff keep appending rows to the same workbook and drop it again. Every drop is read whole; the
case counts each meeting once (see ``fpdocs.cases``). A row with an error is reported by its
row number and the other rows are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from fpdocs.forms.base import Facts, FormModel, FormSpec, Section
from fpdocs.forms.fields import NorDate, RequiredText, Text, choice, multi_choice, number_between

STED = {
    "hjemme": "Hjemme",
    "kontor": "Kontor",
    "skole_barnehage": "Skole/barnehage",
    "aktivitet": "Aktivitet",
    "telefon": "Telefon",
    "digitalt": "Digitalt",
    "annet": "Annet",
}
FOKUS = {
    "relasjonsbygging": "Relasjonsbygging",
    "praktisk_hjelp": "Praktisk hjelp",
    "veiledning": "Veiledning",
    "barnesamtale": "Barnesamtale",
    "samarbeidsmote": "Samarbeidsmøte",
    "saksevaluering": "Saksevaluering",
    "annet": "Annet",
}
TEMA = {
    "okonomi": "Økonomi",
    "rutiner": "Rutiner",
    "grenser": "Grenser",
    "skole_barnehage": "Skole/barnehage",
    "helse": "Helse",
    "nettverk": "Nettverk",
    "bolig": "Bolig",
    "arbeid": "Arbeid",
    "konflikt": "Konflikt",
    "folelser": "Følelser",
    "samspill": "Samspill",
    "annet": "Annet",
}
HOURS = "et antall timer fra 0,25 til 12, for eksempel 1,5"
KM = "et antall kilometer fra 0 til 1000"


class Mote(BaseModel):
    dato: NorDate = Field(title="Dato")
    familiepartner: Text | None = Field(default=None, title="Familiepartner")
    sted: choice(STED) = Field(title="Sted")
    fokus: choice(FOKUS) = Field(title="Fokus")
    tema: multi_choice(TEMA) = Field(default=[], title="Tema")
    varighet_timer: number_between(0.25, 12, HOURS) = Field(title="Varighet (timer)")
    km: number_between(0, 1000, KM) | None = Field(default=None, title="Kilometer")
    merknad: Text | None = Field(default=None, title="Merknad")


class Moteskjema(FormModel):
    dato: NorDate | None = Field(default=None, title="Sist oppdatert")
    saksnummer: RequiredText = Field(title="Saksnummer")
    moter: list[Mote] = Field(default=[], title="Møter og kontakter")


def facts(form: Moteskjema, members: Sequence[Any]) -> Facts:
    """Home visits, case evaluations and follow-up contacts the calendar counts as done. Every
    contact is offered as a follow-up call; the calendar counts only those on or after the end
    of the measure, one per day."""
    receipts = []
    for meeting in form.moter:
        if meeting.sted == "hjemme":
            receipts.append({"kind": "hjemmebesok", "on": meeting.dato})
        if meeting.fokus == "saksevaluering":
            receipts.append({"kind": "saksevaluering", "on": meeting.dato})
        receipts.append({"kind": "oppfolgingssamtale", "on": meeting.dato})
    return Facts(receipts=tuple(receipts))


SPEC = FormSpec(
    name="moteskjema",
    version=1,
    title="Møteskjema",
    model=Moteskjema,
    intro=(
        "Én rad per møte eller kontakt med familien. Fortsett å skrive i den samme filen, og "
        "legg den i innboksen igjen: møter som allerede er lest inn, telles ikke to ganger."
    ),
    sections=(
        Section("Saken", ("saksnummer", "utfylt_av", "dato")),
        Section("Møter", ("moter",)),
    ),
    min_rows={"moter": 150},
    containers=("xlsx",),
    row_by_row="moter",
    facts=facts,
)
