"""Form 9, saksendring: something happened to the case — a placement, an extension, the end,
a pause or a new family partner, or something done that has no form of its own (the familieråd
application sent, a follow-up call after the end). Changes the calendar (fpdocs.calendar)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import Field

from fpdocs.forms.base import Facts, FormModel, FormSpec, Section
from fpdocs.forms.fields import LongText, NorDate, Text, choice

HENDELSE = {
    "plassering_akutt": "Plassering – akutt",
    "plassering_frivillig": "Plassering – frivillig",
    "plassering_samtaleprosess": "Plassering – samtaleprosess",
    "plassering_nemnd": "Plassering – nemndsbehandling",
    "forlengelse": "Forlengelse av tiltaket",
    "avslutning": "Avslutning av tiltaket",
    "bytte_familiepartner": "Bytte av familiepartner",
    "pause": "Pause i tiltaket",
    "gjenopptatt": "Tiltaket er gjenopptatt",
    "familierad_soknad": "Søknad om familieråd sendt til Bufetat",
    "oppfolgingssamtale": "Oppfølgingssamtale etter avslutning",
}
# Events that are things done, not changes to the case: the calendar counts them as received
# documents of the same kind (the items "Søknad om familieråd" and "Oppfølgingssamtale n").
DONE_ITEMS = frozenset({"familierad_soknad", "oppfolgingssamtale"})


class Saksendring(FormModel):
    dato: NorDate = Field(title="Dato for hendelsen")
    hendelse: choice(HENDELSE) = Field(title="Hendelse")
    ny_familiepartner: Text | None = Field(
        default=None, title="Ny familiepartner", description="Bare ved bytte av familiepartner."
    )
    merknad: LongText | None = Field(default=None, title="Merknad")


def facts(form: Saksendring, members: Sequence[Any]) -> Facts:
    if form.hendelse in DONE_ITEMS:
        return Facts(receipts=({"kind": form.hendelse, "on": form.dato},))
    return Facts(events=((form.hendelse, form.dato),))


SPEC = FormSpec(
    name="saksendring",
    version=1,
    title="Endring i saken",
    model=Saksendring,
    intro=(
        "Meld fra om plassering, forlengelse, avslutning, pause eller bytte av familiepartner – "
        "eller at søknaden om familieråd er sendt, eller at en oppfølgingssamtale etter "
        "avslutning er gjennomført."
    ),
    sections=(
        Section("Saken", ("saksnummer", "dato", "utfylt_av")),
        Section("Endringen", ("hendelse", "ny_familiepartner", "merknad")),
    ),
    facts=facts,
)
