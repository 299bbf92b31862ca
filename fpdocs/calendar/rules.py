"""Every offset and lead time of the Familiepartner calendar, as configuration.

The defaults are the ones in the domain specification ("The calendar of the measure"). An office
can override any of them (e.g. from ``fpdocs.toml``); a bad value (negative, zero period,
inconsistent lengths) is rejected by pydantic when the ``Rules`` object is built.

Fields marked *our choice* are not in the specification; they are what an office would expect
and are explained on the field.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

NonNegativeDays = Annotated[int, Field(ge=0, le=366)]
PositiveMonths = Annotated[int, Field(ge=1, le=60)]
NonNegativeMonths = Annotated[int, Field(ge=0, le=60)]


class Rules(BaseModel):
    """Offsets (from T0, the intake interview, unless said otherwise) and lead times."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # --- length and phases -------------------------------------------------------------------
    default_length_months: PositiveMonths = Field(
        default=9, description="E = T0 + this many months when the measure is not extended."
    )
    extended_length_months: PositiveMonths = Field(
        default=12, description="E = T0 + this many months when the work phase is extended."
    )
    start_phase_months: PositiveMonths = Field(
        default=3, description="The oppstartsfase lasts T0 ... T0 + this many months."
    )
    closing_phase_months: PositiveMonths = Field(
        default=3, description="The avslutningsfase is the last this many months before E."
    )
    placement_closing_months: PositiveMonths = Field(
        default=3, description="After a placement at P the case ends at E = P + this many months."
    )

    # --- start phase --------------------------------------------------------------------------
    start_visits: Annotated[int, Field(ge=0, le=20)] = Field(
        default=3, description="Number of home visits planned at the intake."
    )
    start_visits_within_days: NonNegativeDays = Field(
        default=10, description="All start visits are due by T0 + this many days."
    )
    rating_start_within_days: NonNegativeDays = Field(
        default=10, description="The first rangeringsskjema per member is due T0 + this many days."
    )
    first_workplan_days: NonNegativeDays = Field(
        default=14, description="The first arbeidsplan is due T0 + this many days."
    )
    workplan_every_months: PositiveMonths = Field(
        default=3, description="A new arbeidsplan is due every this many months after T0."
    )
    services_mapping_months: NonNegativeMonths = Field(
        default=1, description="kartlegging_tjenester per child is due T0 + this many months."
    )
    familierad_by_months: NonNegativeMonths = Field(
        default=3, description="The familieråd application is due T0 + this many months."
    )

    # --- recurring ----------------------------------------------------------------------------
    case_evaluation_every_months: PositiveMonths = Field(
        default=1, description="Saksevaluering with the kontaktperson every this many months."
    )
    evaluation_every_months: PositiveMonths = Field(
        default=3, description="Tiltaksplan evaluation meeting every this many months (and at E)."
    )
    report_draft_lead_days: NonNegativeDays = Field(
        default=21, description="The report draft is due this many days before its evaluation."
    )
    report_review_lead_days: NonNegativeDays = Field(
        default=7,
        description="The report is reviewed with the family this many days before the meeting.",
    )

    # --- after the end ------------------------------------------------------------------------
    followup_call_months: tuple[PositiveMonths, ...] = Field(
        default=(1, 2, 3), description="Follow-up phone calls at E + each of these months."
    )
    followup_call_early_days: NonNegativeDays = Field(
        default=14,
        description=(
            "Our choice: a contact after the end up to this many days before a follow-up call's "
            "date counts for that call (earlier ones for the call before, or for none)."
        ),
    )

    # --- meetings and status ------------------------------------------------------------------
    group_meeting_notice_days: NonNegativeDays = Field(
        default=14, description="The ansvarsgruppemøte notice is due this many days before it."
    )
    due_soon_days: NonNegativeDays = Field(
        default=14,
        description="An open item due within this many days from today (inclusive) is 'due'.",
    )

    # --- our choices (not in the specification) -----------------------------------------------
    placement_handover_days: NonNegativeDays = Field(
        default=14,
        description=(
            "Our choice: after a placement at P there is no regular evaluation before the "
            "avslutningsfase, so referrals and hand-over are reviewed with the family by "
            "P + this many days."
        ),
    )
    workplan_early_days: NonNegativeDays = Field(
        default=30,
        description=(
            "Our choice: an arbeidsplan received up to this many days before a plan's due date "
            "counts for that plan (earlier ones count for the previous plan)."
        ),
    )
    case_evaluation_early_days: NonNegativeDays = Field(
        default=14,
        description=(
            "Our choice: a saksevaluering held up to this many days before its due date counts "
            "for that month (earlier ones count for the previous month)."
        ),
    )
    evaluation_early_days: NonNegativeDays = Field(
        default=30,
        description=(
            "Our choice: an evaluated tiltaksplan or a rapportmal without a time point counts for "
            "the evaluation whose date is at most this many days later."
        ),
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.extended_length_months < self.default_length_months:
            raise ValueError("extended_length_months must be at least default_length_months")
        if self.default_length_months < self.start_phase_months + self.closing_phase_months:
            raise ValueError(
                "default_length_months must cover start_phase_months + closing_phase_months"
            )
        if self.report_review_lead_days > self.report_draft_lead_days:
            raise ValueError("the report draft must be due before (or with) the family review")
        if list(self.followup_call_months) != sorted(set(self.followup_call_months)):
            raise ValueError("followup_call_months must be strictly increasing")
        return self


DEFAULT_RULES = Rules()
