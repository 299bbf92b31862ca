"""The case calendar of the Familiepartner measure: phases and due items, pure domain (no I/O)."""

from __future__ import annotations

from fpdocs.calendar.plan import (
    KIND_NAMES,
    PHASE_CLOSING,
    PHASE_ENDED,
    PHASE_START,
    PHASE_WORK,
    PLACEMENT_EVENTS,
    CaseHistory,
    CasePlan,
    DueItem,
    Event,
    Member,
    Phase,
    Received,
    Task,
    plan_case,
)
from fpdocs.calendar.rules import DEFAULT_RULES, Rules
from fpdocs.calendar.workdays import (
    add_months,
    is_public_holiday,
    is_working_day,
    previous_working_day,
)

__all__ = [
    "DEFAULT_RULES",
    "KIND_NAMES",
    "PHASE_CLOSING",
    "PHASE_ENDED",
    "PHASE_START",
    "PHASE_WORK",
    "PLACEMENT_EVENTS",
    "CaseHistory",
    "CasePlan",
    "DueItem",
    "Event",
    "Member",
    "Phase",
    "Received",
    "Rules",
    "Task",
    "add_months",
    "is_public_holiday",
    "is_working_day",
    "plan_case",
    "previous_working_day",
]
