"""Form 3, arbeidsplan: the family's work plan, new every three months."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from fpdocs.forms.base import Facts, FormModel, FormSpec, Section, TaskFact
from fpdocs.forms.fields import Check, NorDate, RequiredText, Text, choice

MALTYPE = {"kortsiktig": "Kortsiktig", "langsiktig": "Langsiktig"}
STATUS = {"ikke_startet": "Ikke startet", "pagar": "Pågår", "nadd": "Nådd", "endret": "Endret"}


class Mal(BaseModel):
    type: choice(MALTYPE) = Field(title="Type mål")
    mal: RequiredText = Field(title="Mål")
    oppgaver_familien: Text | None = Field(default=None, title="Familiens oppgaver")
    oppgaver_familiepartner: Text | None = Field(default=None, title="Familiepartners oppgaver")
    frist: NorDate | None = Field(default=None, title="Frist")
    status: choice(STATUS) | None = Field(default=None, title="Status")


class Arbeidsplan(FormModel):
    dato: NorDate | None = Field(default=None, title="Dato")
    periode_fra: NorDate = Field(title="Periode fra")
    periode_til: NorDate = Field(title="Periode til")
    mal: list[Mal] = Field(default=[], title="Mål og oppgaver")
    familien_enig: Check = Field(default=False, title="Familien er enig i planen")
    barna_involvert: Check = Field(default=False, title="Barna er involvert i planen")

    @field_validator("periode_til")
    @classmethod
    def _after_start(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("periode_fra")
        if start and value <= start:
            raise PydanticCustomError(
                "periode", "en dato etter «Periode fra» ({fra})", {"fra": f"{start:%d.%m.%Y}"}
            )
        return value


def facts(form: Arbeidsplan, members: Sequence[Any]) -> Facts:
    """The plan counts as done for the calendar; its goals with deadlines become tasks, and a
    newer plan replaces the goals of the one before."""
    tasks = tuple(
        TaskFact(
            key=f"arbeidsplan:{' '.join(goal.mal.split()).casefold()}",
            text=f"Mål i arbeidsplanen: {goal.mal}",
            due=goal.frist,
            done=goal.status == "nadd",
            scope="arbeidsplan",
        )
        for goal in form.mal
        if goal.frist
    )
    return Facts(
        receipts=({"kind": "arbeidsplan", "on": form.dato or form.periode_fra},), tasks=tasks
    )


SPEC = FormSpec(
    name="arbeidsplan",
    version=1,
    title="Arbeidsplan",
    model=Arbeidsplan,
    intro=(
        "Planen lages sammen med familien og gjelder i tre måneder. Skriv målene med familiens "
        "egne ord, og hvem som gjør hva."
    ),
    sections=(
        Section("Saken", ("saksnummer", "dato", "utfylt_av", "periode_fra", "periode_til")),
        Section("Mål og oppgaver", ("mal",)),
        Section("Forankring", ("familien_enig", "barna_involvert")),
    ),
    min_rows={"mal": 5},
    facts=facts,
)
