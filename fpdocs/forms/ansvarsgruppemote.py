"""Form 8, ansvarsgruppemøte: minutes of a responsibility-group or cooperation meeting.

Triggers a minutes summary, and when a next meeting is set: the notice with an agenda that
carries every open task forward, and the next minutes form pre-filled with those tasks. Tasks
with deadlines become due items; a task ticked as done in later minutes is closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from fpdocs.forms.base import Facts, FormModel, FormSpec, Output, Section, TaskFact
from fpdocs.forms.fields import Check, LongText, NorDate, RequiredText, Text, choice
from fpdocs.forms.triggers import TriggerContext

MOTETYPE = {"ansvarsgruppemote": "Ansvarsgruppemøte", "samarbeidsmote": "Samarbeidsmøte"}


class Deltaker(BaseModel):
    navn: RequiredText = Field(title="Navn")
    instans_rolle: RequiredText = Field(title="Instans / rolle")
    tilstede: Check = Field(default=False, title="Til stede")


class Agendapunkt(BaseModel):
    punkt: RequiredText = Field(title="Punkt")
    referat: Text | None = Field(default=None, title="Referat")


class Oppgave(BaseModel):
    oppgave: RequiredText = Field(title="Oppgave")
    ansvarlig: RequiredText = Field(title="Ansvarlig")
    frist: NorDate | None = Field(default=None, title="Frist")
    utfort: Check = Field(default=False, title="Utført")


class Ansvarsgruppemote(FormModel):
    dato: NorDate = Field(title="Dato for møtet")
    motetype: choice(MOTETYPE) | None = Field(default=None, title="Type møte")
    sted: Text | None = Field(default=None, title="Sted")
    moteleder: Text | None = Field(default=None, title="Møteleder")
    referent: Text | None = Field(default=None, title="Referent")
    deltakere: list[Deltaker] = Field(default=[], title="Deltakere")
    samtykke_foreligger: Check = Field(default=False, title="Samtykke til samarbeid foreligger")
    tolk: Check = Field(default=False, title="Tolk til stede")
    tolk_sprak: Text | None = Field(default=None, title="Språk for tolk")
    forberedt_med_barna: Check = Field(default=False, title="Møtet er forberedt med barna")
    barnas_innspill: LongText | None = Field(default=None, title="Barnas innspill")
    foreldrenes_innspill: LongText | None = Field(default=None, title="Foreldrenes innspill")
    agenda: list[Agendapunkt] = Field(default=[], title="Agenda og referat")
    oppgaver: list[Oppgave] = Field(default=[], title="Oppgaver")
    neste_mote: NorDate | None = Field(default=None, title="Neste møte")
    evaluering_med_familien: LongText | None = Field(
        default=None,
        title="Evaluering av møtet med familien",
        description="Hvordan opplevde familien møtet?",
    )

    @field_validator("neste_mote")
    @classmethod
    def _after_this_meeting(cls, value: date | None, info: ValidationInfo) -> date | None:
        this = info.data.get("dato")
        if value and this and value <= this:
            raise PydanticCustomError(
                "neste_mote", "en dato etter dette møtet ({dato})", {"dato": f"{this:%d.%m.%Y}"}
            )
        return value


def task_key(text: str) -> str:
    return "oppgave:" + " ".join(text.split()).casefold()


def facts(form: Ansvarsgruppemote, members: Sequence[Any]) -> Facts:
    tasks = tuple(
        TaskFact(
            key=task_key(task.oppgave),
            text=task.oppgave,
            due=task.frist,
            done=task.utfort,
            responsible=task.ansvarlig,
        )
        for task in form.oppgaver
    )
    return Facts(
        receipts=({"kind": "ansvarsgruppemote", "on": form.dato},),
        tasks=tasks,
        next_group_meeting=form.neste_mote,
    )


def next_documents(form: Ansvarsgruppemote, ctx: TriggerContext) -> list[Output]:
    sak = ctx.case_slug
    data = form.model_dump(mode="python", exclude={"behandling"})
    outputs = [
        Output(
            kind="referat",
            filename=f"referat_{sak}_{form.dato:%Y-%m-%d}.docx",
            values={**data, "apne_oppgaver": list(ctx.open_tasks)},
        )
    ]
    if form.neste_mote:
        follow_up = [{"punkt": f"Oppfølging: {task['text']}"} for task in ctx.open_tasks]
        outputs.append(
            Output(
                kind="innkalling",
                filename=f"innkalling_{sak}_{form.neste_mote:%Y-%m-%d}.docx",
                values={**data, "apne_oppgaver": list(ctx.open_tasks)},
            )
        )
        outputs.append(
            Output(
                kind="docx",
                template="ansvarsgruppemote",
                filename=f"ansvarsgruppemote_{sak}_{form.neste_mote:%Y-%m-%d}.docx",
                values={
                    "saksnummer": form.saksnummer,
                    "dato": form.neste_mote,
                    "motetype": form.motetype,
                    "sted": form.sted,
                    "deltakere": [
                        {"navn": p.navn, "instans_rolle": p.instans_rolle} for p in form.deltakere
                    ],
                    "agenda": follow_up,
                    "oppgaver": [
                        {"oppgave": t["text"], "ansvarlig": t["responsible"], "frist": t["due"]}
                        for t in ctx.open_tasks
                    ],
                },
            )
        )
    return outputs


SPEC = FormSpec(
    name="ansvarsgruppemote",
    version=1,
    title="Ansvarsgruppemøte",
    model=Ansvarsgruppemote,
    intro=(
        "Referat fra ansvarsgruppemøte eller samarbeidsmøte. Oppgaver som ikke er utført, "
        "følger med til neste møte; kryss av «Utført» når en oppgave er gjort."
    ),
    sections=(
        Section("Møtet", ("saksnummer", "dato", "motetype", "sted", "moteleder", "referent")),
        Section("Deltakere", ("deltakere", "samtykke_foreligger", "tolk", "tolk_sprak")),
        Section(
            "Barna og foreldrene",
            ("forberedt_med_barna", "barnas_innspill", "foreldrenes_innspill"),
        ),
        Section("Agenda og referat", ("agenda",)),
        Section("Oppgaver", ("oppgaver",)),
        Section("Avslutning", ("neste_mote", "evaluering_med_familien", "utfylt_av")),
    ),
    min_rows={"deltakere": 6, "agenda": 5, "oppgaver": 5},
    triggers=next_documents,
    facts=facts,
)
