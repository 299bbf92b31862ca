"""Form 4, tiltaksplan: the action plan for a child — main goals, sub-goals under each, and the
evaluation of each sub-goal. In Word or in Excel (the same two tables in both).

The JSON nests sub-goals under their main goal; the form shows two flat tables staff know from
the office's template: one row per sub-goal (with its main goal's number), and the evaluation
with one row per sub-goal. ``from_fields`` nests them, ``to_fields`` flattens them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from fpdocs.forms.base import Facts, FormModel, FormSpec, Section, TaskFact
from fpdocs.forms.fields import NorDate, RequiredText, Text, choice

JA_DELVIS_NEI = {"ja": "Ja", "delvis": "Delvis", "nei": "Nei"}
KONKLUSJON = {
    "avsluttes": "Avsluttes",
    "fortsetter_uendret": "Fortsetter uendret",
    "fortsetter_med_justeringer": "Fortsetter med justeringer",
    "mal_endres": "Målet endres",
    "andre_tiltak": "Andre tiltak",
}


# The fields are declared once, in parts; the JSON model and the form's two tables are put
# together from them (pydantic takes the fields of the right-most base first).


class _PlanHead(BaseModel):
    tiltaksplan_for: RequiredText = Field(title="Tiltaksplan for (barnets navn)")
    vedtaksdato: NorDate | None = Field(default=None, title="Vedtaksdato")
    varighet_fra: NorDate | None = Field(default=None, title="Varighet fra")
    varighet_til: NorDate | None = Field(default=None, title="Varighet til")


class _SubgoalName(BaseModel):
    delmal: RequiredText = Field(title="Delmål")


class _SubgoalPlan(BaseModel):
    tiltak: Text | None = Field(default=None, title="Tiltak")
    hvem_ma_inn: Text | None = Field(default=None, title="Hvem må inn")
    barneverntjenestens_oppgaver: Text | None = Field(
        default=None, title="Barneverntjenestens oppgaver"
    )
    familiens_oppgaver: Text | None = Field(default=None, title="Familiens oppgaver")
    evalueringsdato: NorDate | None = Field(default=None, title="Evalueringsdato")


class _SubgoalEvaluation(BaseModel):
    malet_nadd: choice(JA_DELVIS_NEI) | None = Field(default=None, title="Målet er nådd")
    gjennomfort_som_planlagt: choice(JA_DELVIS_NEI) | None = Field(
        default=None, title="Gjennomført som planlagt"
    )
    hva_hjalp_eller_hindret: Text | None = Field(default=None, title="Hva hjalp eller hindret")
    konklusjon: choice(KONKLUSJON) | None = Field(default=None, title="Konklusjon")


class Delmal(_SubgoalEvaluation, _SubgoalPlan, _SubgoalName):
    pass


class Hovedmal(BaseModel):
    nr: RequiredText = Field(title="Nr.")
    hovedmal: RequiredText = Field(title="Hovedmål")
    delmal: list[Delmal] = Field(title="Delmål", min_length=1)


class Tiltaksplan(_PlanHead, FormModel):
    hovedmal: list[Hovedmal] = Field(title="Hovedmål", min_length=1)
    evaluering_uten_delmal: list[str] = Field(
        default=[],
        title="Evaluering av delmål",
        description="Evalueringsrader som ikke hører til et delmål i planen (skal være tom).",
    )

    @field_validator("evaluering_uten_delmal")
    @classmethod
    def _every_evaluation_has_its_goal(cls, value: list[str]) -> list[str]:
        if value:
            raise PydanticCustomError(
                "delmal",
                "at hver evalueringsrad har samme nr. og delmål som en rad i tabellen over "
                "delmål (ukjent: {ukjent})",
                {"ukjent": "; ".join(value)},
            )
        return value


# --- how the form lays it out: two flat tables ---------------------------------------------


class _RowGoal(BaseModel):
    nr: RequiredText = Field(title="Hovedmål nr.")
    hovedmal: Text | None = Field(default=None, title="Hovedmål")
    delmal: RequiredText = Field(title="Delmål")


class DelmalRad(_SubgoalPlan, _RowGoal):
    pass


class _EvaluatedGoal(BaseModel):
    nr: RequiredText = Field(title="Nr.")
    delmal: RequiredText = Field(title="Delmål som evalueres")


class EvalueringRad(_SubgoalEvaluation, _EvaluatedGoal):
    pass


class TiltaksplanSkjema(_PlanHead, FormModel):
    delmal: list[DelmalRad] = Field(default=[], title="Mål og delmål")
    evaluering: list[EvalueringRad] = Field(default=[], title="Evaluering av delmål")


def _key(*parts: Any) -> str:
    return "|".join(" ".join(str(p or "").split()).casefold() for p in parts)


EVALUATION_FIELDS = tuple(_SubgoalEvaluation.model_fields)


def from_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Flat rows -> main goals with their sub-goals; a row without main-goal text belongs to
    the main goal with the same number above it."""
    data = {k: v for k, v in fields.items() if k not in ("delmal", "evaluering")}
    goals: dict[str, dict[str, Any]] = {}
    subgoals: dict[str, dict[str, Any]] = {}
    for row in fields.get("delmal", []):
        nr = str(row.get("nr") or "").strip()
        goal = goals.setdefault(_key(nr), {"nr": nr or None, "delmal": []})
        if row.get("hovedmal"):
            goal["hovedmal"] = row["hovedmal"]
        sub = {k: v for k, v in row.items() if k not in ("nr", "hovedmal", "_rad")}
        goal["delmal"].append(sub)
        subgoals[_key(nr, row.get("delmal"))] = sub
    unknown = []
    for row in fields.get("evaluering", []):
        sub = subgoals.get(_key(row.get("nr"), row.get("delmal")))
        if sub is None:
            unknown.append(f"{row.get('nr')}: {row.get('delmal')}")
            continue
        sub.update({k: row[k] for k in EVALUATION_FIELDS if k in row})
    data["hovedmal"] = list(goals.values())
    if unknown:
        data["evaluering_uten_delmal"] = unknown
    return data


def to_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k not in ("hovedmal", "evaluering_uten_delmal")}
    rows, evaluations = [], []
    for goal in data.get("hovedmal", []):
        for i, sub in enumerate(goal.get("delmal", [])):
            plan = {k: v for k, v in sub.items() if k not in EVALUATION_FIELDS}
            rows.append({"nr": goal.get("nr"), "hovedmal": goal.get("hovedmal") if i == 0 else None,
                         **plan})  # fmt: skip
            evaluations.append(
                {"nr": goal.get("nr"), "delmal": sub.get("delmal"),
                 **{k: sub.get(k) for k in EVALUATION_FIELDS}}
            )  # fmt: skip
    fields["delmal"], fields["evaluering"] = rows, evaluations
    return fields


def facts(form: Tiltaksplan, members: Sequence[Any]) -> Facts:
    """Sub-goals with evaluation dates are due items; a plan replaces the child's previous
    one. A plan with evaluations filled in counts as the evaluation meeting held."""
    scope = f"tiltaksplan:{_key(form.tiltaksplan_for)}"
    tasks = tuple(
        TaskFact(
            key=f"{scope}:{_key(goal.nr, sub.delmal)}",
            text=f"Evaluering av delmål {goal.nr}: {sub.delmal}",
            due=sub.evalueringsdato,
            done=sub.konklusjon is not None,
            scope=scope,
        )
        for goal in form.hovedmal
        for sub in goal.delmal
        if sub.evalueringsdato
    )
    evaluated = any(sub.konklusjon for goal in form.hovedmal for sub in goal.delmal)
    receipts = ({"kind": "tiltaksplan", "on": form.dato},) if evaluated else ()
    return Facts(receipts=receipts, tasks=tasks)


SPEC = FormSpec(
    name="tiltaksplan",
    version=1,
    title="Tiltaksplan",
    model=Tiltaksplan,
    layout=TiltaksplanSkjema,
    from_fields=from_fields,
    to_fields=to_fields,
    intro=(
        "Planen for tiltaket rundt barnet: hovedmål, delmål under hvert hovedmål, og hvem som "
        "gjør hva. Evalueringen fylles ut før hvert evalueringsmøte, én rad per delmål."
    ),
    sections=(
        Section("Saken", ("saksnummer", "dato", "utfylt_av", "tiltaksplan_for")),
        Section("Vedtak", ("vedtaksdato", "varighet_fra", "varighet_til")),
        Section(
            "Mål og delmål",
            ("delmal",),
            intro="Én rad per delmål. Skriv hovedmålet på første rad med det nummeret.",
        ),
        Section("Evaluering", ("evaluering",)),
    ),
    min_rows={"delmal": 6, "evaluering": 6},
    containers=("docx", "xlsx"),
    facts=facts,
)
