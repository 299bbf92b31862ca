"""Form 7, rapportmal: the three-month report before each action-plan evaluation.

fpdocs writes the draft (issue 5); the familiepartner completes it and saves it back. Its
recommendation acts on the calendar: an extension (only at the 6-month evaluation) extends the
measure to 12 months; "avslutte" ends it at the evaluation meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from fpdocs.forms.base import Facts, FormModel, FormSpec, Section
from fpdocs.forms.fields import LongText, NorDate, choice

TIDSPUNKT = {
    "3_mnd": "3 måneder",
    "6_mnd": "6 måneder",
    "9_mnd": "9 måneder",
    "avslutning": "Avslutning",
}
FASE = {
    "oppstartsfase": "Oppstartsfase",
    "arbeidsfase": "Arbeidsfase",
    "avslutningsfase": "Avslutningsfase",
}
ANBEFALING = {
    "fortsette": "Fortsette som planlagt",
    "forlenge_arbeidsfase": "Forlenge arbeidsfasen (tiltaket til 12 måneder)",
    "over_til_avslutningsfase": "Gå over i avslutningsfasen",
    "avslutte": "Avslutte tiltaket",
    "annet": "Annet",
}


class Rapportmal(FormModel):
    dato: NorDate | None = Field(default=None, title="Dato")
    tidspunkt: choice(TIDSPUNKT) = Field(title="Evaluering etter")
    periode_fra: NorDate = Field(title="Perioden fra")
    periode_til: NorDate = Field(title="Perioden til")
    fase: choice(FASE) = Field(title="Fase")
    evalueringsmote_dato: NorDate = Field(title="Dato for evalueringsmøtet")
    kontakt: LongText | None = Field(
        default=None, title="Kontakt i perioden", description="Hvor ofte, hvor og hvordan."
    )
    innhold: LongText | None = Field(
        default=None, title="Innholdet i arbeidet", description="Hva dere har jobbet med."
    )
    vurderinger: LongText | None = Field(
        default=None,
        title="Familiepartners vurderinger",
        description="Hva har endret seg, og hva ser du som viktigst fremover?",
    )
    barnas_stemme: LongText | None = Field(
        default=None, title="Barnas stemme", description="Hva barna selv har sagt."
    )
    familiens_kommentarer: LongText | None = Field(
        default=None, title="Familiens kommentarer", description="Familiens egne ord om rapporten."
    )
    gjennomgatt_med_familien: NorDate = Field(title="Gjennomgått med familien (dato)")
    anbefaling: choice(ANBEFALING) = Field(title="Anbefaling")
    videre_plan: LongText | None = Field(default=None, title="Videre plan")

    @field_validator("gjennomgatt_med_familien")
    @classmethod
    def _reviewed_before_meeting(cls, value: date, info: ValidationInfo) -> date:
        meeting = info.data.get("evalueringsmote_dato")
        if meeting and value > meeting:
            raise PydanticCustomError(
                "gjennomgang",
                "en dato før eller på evalueringsmøtet ({mote}): rapporten skal gjennomgås med "
                "familien før møtet",
                {"mote": f"{meeting:%d.%m.%Y}"},
            )
        return value

    @field_validator("anbefaling")
    @classmethod
    def _extension_only_at_six_months(cls, value: str, info: ValidationInfo) -> str:
        if value == "forlenge_arbeidsfase" and info.data.get("tidspunkt") != "6_mnd":
            raise PydanticCustomError(
                "forlengelse",
                "en annen anbefaling: forlengelse av arbeidsfasen kan bare anbefales i rapporten "
                "til evalueringen etter 6 måneder",
            )
        return value


def facts(form: Rapportmal, members: Sequence[Any]) -> Facts:
    events: tuple[tuple[str, date], ...] = ()
    if form.anbefaling == "forlenge_arbeidsfase":
        events = (("forlengelse", form.evalueringsmote_dato),)
    elif form.anbefaling == "avslutte":
        events = (("avslutning", form.evalueringsmote_dato),)
    receipt = {
        "kind": "rapportmal",
        "on": form.gjennomgatt_med_familien,
        "time_point": form.tidspunkt,
    }
    return Facts(receipts=(receipt,), events=events)


SPEC = FormSpec(
    name="rapportmal",
    version=1,
    title="Tremånedersrapport",
    model=Rapportmal,
    intro=(
        "Rapporten til evalueringsmøtet. Gå gjennom den med familien før møtet, og skriv "
        "familiens egne kommentarer inn."
    ),
    sections=(
        Section("Saken", ("saksnummer", "dato", "utfylt_av", "tidspunkt", "fase")),
        Section("Perioden", ("periode_fra", "periode_til", "evalueringsmote_dato")),
        Section(
            "Rapport",
            ("kontakt", "innhold", "vurderinger", "barnas_stemme", "familiens_kommentarer"),
        ),
        Section("Veien videre", ("gjennomgatt_med_familien", "anbefaling", "videre_plan")),
    ),
    facts=facts,
)
