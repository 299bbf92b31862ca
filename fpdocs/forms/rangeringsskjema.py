"""Form 2, rangeringsskjema: one family member's own rating of how things are, per area.

One form per member per time point. The area lists are configuration (``fpdocs.toml``); fpdocs
writes them into the pre-filled forms it makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from fpdocs.forms.base import Facts, FormModel, FormSpec, Issue, Section
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

    @field_validator("omrade")
    @classmethod
    def _configured_area(cls, value: str, info: ValidationInfo) -> str:
        areas = (info.context or {}).get("rating_areas")
        if areas and value.casefold() not in {a.casefold() for a in areas}:
            raise PydanticCustomError(
                "omrade", "et av områdene i listen: {omrader}", {"omrader": "; ".join(areas)}
            )
        return value


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

    def warnings(self, context: dict[str, Any]) -> list[Issue]:
        """A rating for a time point the case has not reached yet is worth a look."""
        plan, today = context.get("plan"), context.get("today")
        if plan is None or today is None:
            return []
        dues = [
            item.due
            for item in plan.items
            if item.kind == "rangeringsskjema" and item.time_point == self.tidspunkt
        ]
        soon = context.get("due_soon_days", 14)
        if dues and min(dues) > today + timedelta(days=soon):
            return [
                Issue(
                    felt="Tidspunkt",
                    nokkel="tidspunkt",
                    funnet=TIDSPUNKT[self.tidspunkt],
                    forventet=(
                        f"et tidspunkt som er aktuelt nå: {TIDSPUNKT[self.tidspunkt].lower()} "
                        f"er først aktuelt {min(dues):%d.%m.%Y}"
                    ),
                )
            ]
        if not dues:
            return [
                Issue(
                    felt="Tidspunkt",
                    nokkel="tidspunkt",
                    funnet=TIDSPUNKT[self.tidspunkt],
                    forventet="et tidspunkt som finnes i sakens kalender",
                )
            ]
        return []


def facts(form: Rangeringsskjema, members: Sequence[FamilyMember]) -> Facts:
    receipt = {
        "kind": "rangeringsskjema",
        "on": form.dato,
        "member": member_named(form.navn, members),
        "time_point": form.tidspunkt,
    }
    return Facts(receipts=(receipt,))


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
    facts=facts,
)
