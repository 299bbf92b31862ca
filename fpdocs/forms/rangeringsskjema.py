"""Form 2, rangeringsskjema: one family member's own rating of how things are, per area.

One form per member per time point. The area lists are configuration (``fpdocs.toml``); fpdocs
writes them into the pre-filled forms it makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from fpdocs.forms.base import FormModel, FormSpec, Section
from fpdocs.forms.fields import LongText, RequiredText, Text, Widget, choice
from fpdocs.forms.triggers import FamilyMember, member_named

TIDSPUNKT = {
    "oppstart": "Oppstart",
    "3_mnd": "3 måneder",
    "6_mnd": "6 måneder",
    "9_mnd": "9 måneder",
    "12_mnd": "12 måneder",
    "avslutning": "Avslutning",
}
ROLLER = {"forelder": "Forelder", "barn": "Barn", "annen": "Annen"}
SCORE_EXPECTED = "et helt tall fra 1 til 10, eller tomt når området ikke er aktuelt"


def _whole_number(value: Any, expected: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise PydanticCustomError("heltall", expected) from None
    if not number.is_integer():
        raise PydanticCustomError("heltall", expected)
    return int(number)


def _score(value: Any) -> int | None:
    number = _whole_number(value, SCORE_EXPECTED)
    if number is not None and not 1 <= number <= 10:
        raise PydanticCustomError("score", SCORE_EXPECTED)
    return number


def _age(value: Any) -> int | None:
    expected = "en alder i hele år, for eksempel 8"
    if isinstance(value, str):
        value = value.lower().removesuffix("år").strip()
    number = _whole_number(value, expected)
    if number is not None and not 0 <= number <= 120:
        raise PydanticCustomError("alder", expected)
    return number


Score = Annotated[
    int, BeforeValidator(_score), Widget("choice", tuple((str(n), str(n)) for n in range(1, 11)))
]
Age = Annotated[int, BeforeValidator(_age), Widget("text")]


class Vurdering(BaseModel):
    omrade: RequiredText = Field(title="Område")
    score: Score | None = Field(default=None, title="Score (1–10)")
    kommentar: Text | None = Field(default=None, title="Kommentar")


class Rangeringsskjema(FormModel):
    tidspunkt: choice(TIDSPUNKT) = Field(title="Tidspunkt")
    navn: RequiredText = Field(title="Navn")
    rolle: choice(ROLLER) = Field(title="Rolle")
    alder: Age | None = Field(default=None, title="Alder")
    vurderinger: list[Vurdering] = Field(default=[], title="Vurderinger")
    viktigst_a_jobbe_med: LongText | None = Field(
        default=None,
        title="Det viktigste å jobbe med",
        description="Med egne ord: hva er viktigst å få til fremover?",
    )


def receipts(form: Rangeringsskjema, members: Sequence[FamilyMember]) -> list[dict[str, Any]]:
    return [
        {
            "kind": "rangeringsskjema",
            "on": form.dato,
            "member": member_named(form.navn, members),
            "time_point": form.tidspunkt,
        }
    ]


SPEC = FormSpec(
    name="rangeringsskjema",
    version=1,
    title="Rangeringsskjema",
    model=Rangeringsskjema,
    intro=(
        "Hvordan har du det på disse områdene akkurat nå? Sett en score fra 1 (svært vanskelig) "
        "til 10 (svært bra). La feltet stå tomt hvis området ikke gjelder deg."
    ),
    sections=(
        Section("Saken", ("saksnummer", "dato", "utfylt_av", "tidspunkt")),
        Section("Hvem svarer", ("navn", "rolle", "alder")),
        Section("Vurderinger", ("vurderinger",)),
        Section("Fremover", ("viktigst_a_jobbe_med",)),
    ),
    min_rows={"vurderinger": 15},
    receipts=receipts,
)
