"""Form 6, kartlegging av tjenester overfor barna: the services around a child, filled in
conversation with the child."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from fpdocs.forms.base import Facts, FormModel, FormSpec, Section
from fpdocs.forms.fields import LongText, RequiredText, Text, choice
from fpdocs.forms.rangeringsskjema import Age
from fpdocs.forms.triggers import FamilyMember, member_named

TJENESTER = {
    "skole": "Skole",
    "barnehage": "Barnehage",
    "sfo": "SFO",
    "helsestasjon": "Helsestasjon",
    "fastlege": "Fastlege",
    "bup": "BUP",
    "ppt": "PPT",
    "fritidsaktivitet": "Fritidsaktivitet",
    "annet": "Annet",
}


class Tjeneste(BaseModel):
    tjeneste: choice(TJENESTER) = Field(title="Tjeneste")
    kontaktperson: Text | None = Field(default=None, title="Kontaktperson")
    hva_fungerer: Text | None = Field(default=None, title="Hva fungerer")
    barnets_onsker: Text | None = Field(default=None, title="Barnets ønsker")


class KartleggingTjenester(FormModel):
    barnets_navn: RequiredText = Field(title="Barnets navn")
    alder: Age | None = Field(default=None, title="Alder")
    tjenester: list[Tjeneste] = Field(default=[], title="Tjenester rundt barnet")
    barnets_onsker_for_samarbeid: LongText | None = Field(
        default=None,
        title="Barnets ønsker for samarbeidet",
        description="Hva barnet ønsker at de voksne rundt skal gjøre sammen.",
    )
    hvem_kan_fa_vite: LongText | None = Field(
        default=None,
        title="Hvem kan få vite hva barnet har sagt",
        description="Hvem barnet sier ja til at får vite hva det har fortalt, og hva.",
    )


def facts(form: KartleggingTjenester, members: Sequence[FamilyMember]) -> Facts:
    member = member_named(form.barnets_navn, members)
    return Facts(receipts=({"kind": "kartlegging_tjenester", "on": form.dato, "member": member},))


SPEC = FormSpec(
    name="kartlegging_tjenester",
    version=1,
    title="Kartlegging av tjenester rundt barnet",
    model=KartleggingTjenester,
    intro="Fylles ut sammen med barnet i oppstartsfasen, på en måte som passer barnets alder.",
    sections=(
        Section("Saken", ("saksnummer", "dato", "utfylt_av")),
        Section("Barnet", ("barnets_navn", "alder")),
        Section("Tjenester", ("tjenester",)),
        Section("Barnets stemme", ("barnets_onsker_for_samarbeid", "hvem_kan_fa_vite")),
    ),
    min_rows={"tjenester": 6},
    facts=facts,
)
