"""Form 1, inntakssamtale: the intake interview that opens a case. ``dato`` is T0.

Triggers a rating form for every family member, a services mapping for every child, the first
work plan, and a calendar file with the planned home visits.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from fpdocs.forms.base import FormModel, FormSpec, Issue, Output, Section, today_of
from fpdocs.forms.fields import Check, ClockTime, LongText, NorDate, RequiredText, Text, choice
from fpdocs.forms.triggers import FamilyMember, TriggerContext, age_on

FORESATT_ROLLER = {
    "mor": "Mor",
    "far": "Far",
    "steforelder": "Steforelder",
    "annen_omsorgsperson": "Annen omsorgsperson",
}
JA_NEI = {"ja": "Ja", "nei": "Nei"}
JA_NEI_VURDERES = {"ja": "Ja", "nei": "Nei", "vurderes": "Vurderes"}


class Familiepartner(BaseModel):
    navn: RequiredText = Field(title="Familiepartner")


class Foresatt(BaseModel):
    navn: RequiredText = Field(title="Navn")
    rolle: choice(FORESATT_ROLLER) = Field(title="Rolle")
    telefon: Text | None = Field(default=None, title="Telefon")


class Barn(BaseModel):
    navn: RequiredText = Field(title="Barnets navn")
    fodselsdato: NorDate = Field(title="Fødselsdato")
    bor_hjemme: Check = Field(default=False, title="Bor hjemme")
    barnehage_skole: Text | None = Field(default=None, title="Barnehage / skole")

    @field_validator("fodselsdato")
    @classmethod
    def _not_in_future(cls, value: date, info: ValidationInfo) -> date:
        today = today_of(info)
        if today and value > today:
            raise PydanticCustomError("fremtid", "en fødselsdato som ikke er etter dagens dato")
        return value


class Instans(BaseModel):
    instans: RequiredText = Field(title="Instans")
    kontaktperson: Text | None = Field(default=None, title="Kontaktperson hos instansen")
    erfaring: Text | None = Field(default=None, title="Familiens erfaring")
    samtykke_samarbeid: choice(JA_NEI) | None = Field(default=None, title="Samtykke til samarbeid")


class Hjemmebesok(BaseModel):
    dato: NorDate = Field(title="Dato for besøket")
    klokkeslett: ClockTime | None = Field(default=None, title="Klokkeslett")


class Inntakssamtale(FormModel):
    dato: NorDate = Field(title="Dato for inntakssamtalen")
    familiepartnere: list[Familiepartner] = Field(
        title="Familiepartnere", min_length=1, max_length=2
    )
    kontaktperson: RequiredText = Field(title="Kontaktperson i barneverntjenesten")
    foresatte: list[Foresatt] = Field(default=[], title="Foresatte")
    barn: list[Barn] = Field(title="Barn", min_length=1)
    bakgrunn: LongText | None = Field(
        default=None,
        title="Bakgrunn for tiltaket",
        description="Hvorfor familien får familiepartner, med familiens egne ord der det passer.",
    )
    informert_om_tiltaket: Check = Field(default=False, title="Familien er informert om tiltaket")
    informert_om_opplysningsplikt: Check = Field(
        default=False, title="Familien er informert om opplysningsplikten"
    )
    historie_og_erfaringer: LongText | None = Field(
        default=None,
        title="Familiens historie og erfaringer",
        description="Hva familien forteller om hva som har vært vanskelig og hva som har hjulpet.",
    )
    onsker_og_muligheter: LongText | None = Field(
        default=None,
        title="Familiens ønsker og muligheter",
        description="Hva familien ønsker å få til, og hva de selv kan bidra med.",
    )
    instanser: list[Instans] = Field(default=[], title="Instanser familien har kontakt med")
    samtykke_informasjonsdeling: Check = Field(
        default=False, title="Samtykke til informasjonsdeling er gitt"
    )
    samtykke_dato: NorDate | None = Field(default=None, title="Dato for samtykket")
    hjemmebesok: list[Hjemmebesok] = Field(default=[], title="Planlagte hjemmebesøk")
    tolk_behov: Check = Field(default=False, title="Behov for tolk")
    tolk_sprak: Text | None = Field(default=None, title="Språk for tolk")
    familierad_aktuelt: choice(JA_NEI_VURDERES) | None = Field(
        default=None, title="Er familieråd aktuelt?"
    )

    @field_validator("barn", mode="after")
    @classmethod
    def _born_before_intake(cls, children: list[Barn], info: ValidationInfo) -> list[Barn]:
        intake = info.data.get("dato")
        for child in children:
            if intake and child.fodselsdato > intake:
                raise PydanticCustomError(
                    "fremtid",
                    "fødselsdatoer som ikke er etter datoen for inntakssamtalen ({t0})",
                    {"t0": intake.strftime("%d.%m.%Y")},
                )
        return children

    def members(self) -> list[FamilyMember]:
        """Everyone the case follows, keyed by role and number (never by name)."""
        out = [
            FamilyMember(
                key=f"foresatt-{i}",
                name=p.navn,
                is_child=False,
                rating_role="annen" if p.rolle == "annen_omsorgsperson" else "forelder",
                age=None,
            )
            for i, p in enumerate(self.foresatte, start=1)
        ]
        out += [
            FamilyMember(
                key=f"barn-{i}",
                name=c.navn,
                is_child=True,
                rating_role="barn",
                age=age_on(c.fodselsdato, self.dato),
            )
            for i, c in enumerate(self.barn, start=1)
        ]
        return out

    def warnings(self, context: dict[str, Any]) -> list[Issue]:
        issues: list[Issue] = []
        window = int(context.get("visit_window_days", 10))
        ages = [age_on(child.fodselsdato, self.dato) for child in self.barn]
        if not any(0 <= age <= 12 for age in ages):
            issues.append(
                Issue(
                    felt="Barn: Fødselsdato",
                    nokkel="barn",
                    funnet=", ".join(f"{age} år" for age in ages),
                    forventet="minst ett barn mellom 0 og 12 år (målgruppen for tiltaket)",
                )
            )
        if len(self.hjemmebesok) < 3:
            issues.append(
                Issue(
                    felt="Planlagte hjemmebesøk",
                    nokkel="hjemmebesok",
                    funnet=f"{len(self.hjemmebesok)} besøk",
                    forventet="tre hjemmebesøk planlagt i inntakssamtalen",
                )
            )
        last = self.dato + timedelta(days=window)
        for i, visit in enumerate(self.hjemmebesok):
            if not self.dato <= visit.dato <= last:
                issues.append(
                    Issue(
                        felt=f"Planlagte hjemmebesøk, rad {i + 1}: Dato for besøket",
                        nokkel=f"hjemmebesok[{i}].dato",
                        funnet=visit.dato.strftime("%d.%m.%Y"),
                        forventet=(
                            f"en dato fra {self.dato:%d.%m.%Y} til {last:%d.%m.%Y} "
                            f"(innen {window} dager etter inntakssamtalen)"
                        ),
                    )
                )
        for key in ("informert_om_tiltaket", "informert_om_opplysningsplikt"):
            if not getattr(self, key):
                issues.append(
                    Issue(
                        felt=type(self).model_fields[key].title or key,
                        nokkel=key,
                        funnet="ikke avkrysset",
                        forventet="avkrysset når familien er informert",
                    )
                )
        return issues


def next_documents(form: Inntakssamtale, ctx: TriggerContext) -> list[Output]:
    sak = ctx.case_slug
    outputs: list[Output] = []
    for member in form.members():
        areas = ctx.rating_areas_child if member.is_child else ctx.rating_areas_adult
        outputs.append(
            Output(
                kind="docx",
                template="rangeringsskjema",
                filename=f"rangeringsskjema_{sak}_oppstart_{member.key}.docx",
                values={
                    "saksnummer": form.saksnummer,
                    "dato": form.dato,
                    "tidspunkt": "oppstart",
                    "navn": member.name,
                    "rolle": "barn" if member.is_child else member.rating_role,
                    "alder": member.age,
                    "vurderinger": [{"omrade": area} for area in areas],
                },
            )
        )
    for member in form.members():
        if member.is_child:
            outputs.append(
                Output(
                    kind="docx",
                    template="kartlegging_tjenester",
                    filename=f"kartlegging_tjenester_{sak}_{member.key}.docx",
                    values={
                        "saksnummer": form.saksnummer,
                        "barnets_navn": member.name,
                        "alder": member.age,
                    },
                )
            )
    outputs.append(
        Output(
            kind="docx",
            template="arbeidsplan",
            filename=f"arbeidsplan_{sak}_{form.dato:%Y-%m-%d}.docx",
            values={
                "saksnummer": form.saksnummer,
                "periode_fra": form.dato,
                "periode_til": ctx.months_after(form.dato, ctx.workplan_months),
            },
        )
    )
    if form.hjemmebesok:
        total = len(form.hjemmebesok)
        outputs.append(
            Output(
                kind="ics",
                filename=f"hjemmebesok_{sak}.ics",
                events=tuple(
                    {
                        "uid": f"hjemmebesok-{sak}-{i + 1}",
                        "date": visit.dato,
                        "time": visit.klokkeslett,
                        "summary": f"Hjemmebesøk {i + 1} av {total} – sak {form.saksnummer}",
                        "description": (
                            f"Planlagt hjemmebesøk {i + 1} av {total} i oppstartsfasen, "
                            f"sak {form.saksnummer}."
                        ),
                    }
                    for i, visit in enumerate(form.hjemmebesok)
                ),
            )
        )
    return outputs


SPEC = FormSpec(
    name="inntakssamtale",
    version=1,
    title="Inntakssamtale",
    model=Inntakssamtale,
    intro=(
        "Fylles ut i inntakssamtalen med familien. Skjemaet åpner saken i fpdocs: "
        "lagre det i innboksen, så lages rangeringsskjema, kartlegging og arbeidsplan "
        "ferdig utfylt."
    ),
    sections=(
        Section("Saken", ("saksnummer", "dato", "utfylt_av", "kontaktperson")),
        Section("Familiepartnere", ("familiepartnere",)),
        Section("Familien", ("foresatte", "barn")),
        Section("Bakgrunn", ("bakgrunn", "historie_og_erfaringer", "onsker_og_muligheter")),
        Section(
            "Informasjon og samtykke",
            (
                "informert_om_tiltaket",
                "informert_om_opplysningsplikt",
                "samtykke_informasjonsdeling",
                "samtykke_dato",
            ),
        ),
        Section("Samarbeid med andre instanser", ("instanser",)),
        Section(
            "Oppstart",
            ("hjemmebesok", "tolk_behov", "tolk_sprak", "familierad_aktuelt"),
            intro="Avtal tre hjemmebesøk innen ti dager etter inntakssamtalen.",
        ),
    ),
    min_rows={"familiepartnere": 2, "foresatte": 2, "barn": 4, "instanser": 3, "hjemmebesok": 3},
    opens_case=True,
    triggers=next_documents,
)
