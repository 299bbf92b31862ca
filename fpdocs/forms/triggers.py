"""What a form needs to know to ask for the next documents, handed in by the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class FamilyMember:
    key: str  # role and number, e.g. "foresatt-1", "barn-2": used in file names
    name: str  # only ever written inside documents
    is_child: bool
    rating_role: str  # forelder | barn | annen
    age: int | None


@dataclass(frozen=True)
class TriggerContext:
    case_slug: str  # the case number made safe for file names: 2026/1234 -> 2026-1234
    rating_areas_adult: tuple[str, ...]
    rating_areas_child: tuple[str, ...]
    workplan_months: int
    months_after: Callable[[date, int], date]
    # tasks from meeting minutes not yet marked done, this document's included:
    # dicts with text, due, responsible
    open_tasks: tuple[dict[str, Any], ...] = ()


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def member_named(name: str, members: Sequence[FamilyMember]) -> str | None:
    """The member key of the person a form names (matched without regard to case or spacing)."""
    wanted = " ".join(name.split()).casefold()
    for member in members:
        if " ".join(member.name.split()).casefold() == wanted:
            return member.key
    return None
