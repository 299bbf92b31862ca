"""The case calendar, tested with tables of case histories and hand-computed dates.

Every expected date below was worked out by hand from the rules (calendar months clamped to the
month's end; due dates on a Saturday, Sunday or Norwegian public holiday move to the working day
before). Weekdays are noted where a date moves. Norwegian holidays used: Easter 2027 is Maundy
Thursday 25 Mar, Good Friday 26 Mar, Easter Sunday 28 Mar, Easter Monday 29 Mar; 1 May and
17 May; Ascension Day 6 May 2027; Whit Monday 17 May 2027 (same day as Constitution Day) and
5 Jun 2028; Christmas Day 25 Dec and Boxing Day 26 Dec. Christmas Eve is not a public holiday.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from pydantic import ValidationError

from fpdocs.calendar import (
    KIND_NAMES,
    CaseHistory,
    CasePlan,
    DueItem,
    Event,
    Member,
    Received,
    Rules,
    Task,
    add_months,
    is_public_holiday,
    is_working_day,
    plan_case,
    previous_working_day,
)


def D(iso: str) -> date:
    return date.fromisoformat(iso)


F1 = Member("foresatt-1", is_child=False)
F2 = Member("foresatt-2", is_child=False)
B1 = Member("barn-1", is_child=True)
B2 = Member("barn-2", is_child=True)

DONE, OVERDUE, DUE, LATER = "done", "overdue", "due", "not_yet_due"


@dataclass(frozen=True)
class Want:
    """One expected item; ``tp``/``label``/``ref`` narrow the search to a single item."""

    kind: str
    due: str
    status: str
    member: str | None = None
    tp: str | None = None
    label: str | None = None
    ref: str | None = None
    done_on: str | None = None
    done_by: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    history: CaseHistory
    today: str
    end: str
    phase: str
    want: tuple[Want, ...] = ()
    absent: tuple[tuple[str, str | None], ...] = ()  # (kind, time_point or None for any)
    phases: tuple[tuple[str, str, str], ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    extended: bool = False
    ended: bool = False
    paused_days: int = 0


def history(
    intake: str,
    *members: Member,
    events: tuple[tuple[str, str], ...] = (),
    received: tuple[Received, ...] = (),
    familierad: bool = False,
    planned: tuple[str, ...] = (),
    group_meeting: str | None = None,
    tasks: tuple[Task, ...] = (),
) -> CaseHistory:
    return CaseHistory(
        intake=D(intake),
        members=members or (F1,),
        planned_visits=tuple(D(p) for p in planned),
        familierad=familierad,
        events=tuple(Event(kind, D(on)) for kind, on in events),
        received=received,
        next_group_meeting=D(group_meeting) if group_meeting else None,
        tasks=tasks,
    )


def got(kind: str, on: str, ref: str, member: str | None = None, tp: str | None = None) -> Received:
    return Received(kind=kind, on=D(on), ref=ref, member=member, time_point=tp)


CASES: list[Case] = [
    # --- month ends and leap years ----------------------------------------------------------
    Case(
        id="intake-31-jan-ends-31-oct",
        history=history("2027-01-31", F1, B1),
        today="2027-02-20",
        end="2027-10-31",
        phase="oppstartsfase",
        phases=(
            ("oppstartsfase", "2027-01-31", "2027-04-30"),
            ("arbeidsfase", "2027-04-30", "2027-07-31"),
            ("avslutningsfase", "2027-07-31", "2027-10-31"),
            ("avsluttet", "2027-10-31", "2028-01-31"),
        ),
        want=(
            Want(
                "rangeringsskjema",
                "2027-02-10",
                OVERDUE,
                "foresatt-1",
                "oppstart",
                label="Rangeringsskjema ved oppstart",
            ),
            # 28 Feb 2027 is a Sunday -> Friday 26 Feb; within 14 days of 20 Feb
            Want("saksevaluering", "2027-02-26", DUE, tp="1_mnd"),
            Want("saksevaluering", "2027-03-31", LATER, tp="2_mnd"),
            Want("kartlegging_tjenester", "2027-02-26", DUE, "barn-1"),
            Want(
                "evalueringsmote",
                "2027-04-30",
                LATER,
                tp="3_mnd",
                label="Evalueringsmøte (3 måneder)",
            ),
            Want(
                "rangeringsskjema",
                "2027-04-30",
                LATER,
                "barn-1",
                "3_mnd",
                label="Rangeringsskjema (3 måneder)",
            ),
            # 31 Jul 2027 is a Saturday
            Want("arbeidsplan", "2027-07-30", LATER, tp="6_mnd"),
            # E = 31 Oct 2027, a Sunday; draft 10 Oct (Sun), review 24 Oct (Sun)
            Want(
                "evalueringsmote",
                "2027-10-29",
                LATER,
                tp="avslutning",
                label="Evalueringsmøte ved avslutning",
            ),
            Want("rapport_utkast", "2027-10-08", LATER, tp="avslutning"),
            Want("rapport_gjennomgang", "2027-10-22", LATER, tp="avslutning"),
            Want(
                "oppfolgingssamtale",
                "2027-11-30",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
            Want(
                "oppfolgingssamtale",
                "2027-12-31",
                LATER,
                label="Oppfølgingssamtale 2 etter avslutning",
            ),
            Want(
                "oppfolgingssamtale",
                "2028-01-31",
                LATER,
                label="Oppfølgingssamtale 3 etter avslutning",
            ),
        ),
        absent=(("familierad_soknad", None), ("rangeringsskjema", "9_mnd")),
        counts={
            "hjemmebesok": 3,
            "rangeringsskjema": 8,
            "arbeidsplan": 3,
            "kartlegging_tjenester": 1,
            "saksevaluering": 9,
            "evalueringsmote": 3,
            "rapport_utkast": 3,
            "rapport_gjennomgang": 3,
            "forlengelse_beslutning": 1,
            "overgang_gjennomgang": 1,
            "oppfolgingssamtale": 3,
            "familierad_soknad": 0,
        },
    ),
    Case(
        id="intake-30-nov-3m-is-28-feb",
        history=history("2026-11-30", F1, B1),
        today="2027-03-01",
        end="2027-08-30",
        phase="arbeidsfase",
        phases=(
            ("oppstartsfase", "2026-11-30", "2027-02-28"),
            ("arbeidsfase", "2027-02-28", "2027-05-30"),
            ("avslutningsfase", "2027-05-30", "2027-08-30"),
            ("avsluttet", "2027-08-30", "2027-11-30"),
        ),
        want=(
            Want("rangeringsskjema", "2026-12-10", OVERDUE, "foresatt-1", "oppstart"),
            Want("arbeidsplan", "2026-12-14", OVERDUE, tp="oppstart", label="Første arbeidsplan"),
            Want("saksevaluering", "2026-12-30", OVERDUE, tp="1_mnd"),
            # 30 Jan 2027 is a Saturday
            Want("saksevaluering", "2027-01-29", OVERDUE, tp="2_mnd"),
            # 28 Feb 2027 is a Sunday; draft 7 Feb (Sun), review 21 Feb (Sun)
            Want("evalueringsmote", "2027-02-26", OVERDUE, tp="3_mnd"),
            Want("rapport_utkast", "2027-02-05", OVERDUE, tp="3_mnd"),
            Want("rapport_gjennomgang", "2027-02-19", OVERDUE, tp="3_mnd"),
            # 30 May 2027 is a Sunday
            Want("evalueringsmote", "2027-05-28", LATER, tp="6_mnd"),
            Want("evalueringsmote", "2027-08-30", LATER, tp="avslutning"),
        ),
    ),
    Case(
        id="intake-on-leap-day-2028",
        history=history("2028-02-29"),
        today="2028-03-01",
        end="2028-11-29",
        phase="oppstartsfase",
        want=(
            Want("hjemmebesok", "2028-03-10", DUE, label="Hjemmebesøk 1 av 3"),
            Want("rangeringsskjema", "2028-03-10", DUE, "foresatt-1", "oppstart"),
            Want("arbeidsplan", "2028-03-14", DUE, tp="oppstart"),
            Want("saksevaluering", "2028-03-29", LATER, tp="1_mnd"),
            Want("evalueringsmote", "2028-05-29", LATER, tp="3_mnd"),
            Want("evalueringsmote", "2028-08-29", LATER, tp="6_mnd"),
            Want("evalueringsmote", "2028-11-29", LATER, tp="avslutning"),
            Want("rapport_utkast", "2028-11-08", LATER, tp="avslutning"),
            Want("rapport_gjennomgang", "2028-11-22", LATER, tp="avslutning"),
            Want(
                "oppfolgingssamtale",
                "2028-12-29",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
            Want(
                "oppfolgingssamtale",
                "2029-01-29",
                LATER,
                label="Oppfølgingssamtale 2 etter avslutning",
            ),
            # 29 Nov 2028 + 3 months: 29 Feb 2029 does not exist -> 28 Feb (Wed)
            Want(
                "oppfolgingssamtale",
                "2029-02-28",
                LATER,
                label="Oppfølgingssamtale 3 etter avslutning",
            ),
        ),
    ),
    Case(
        id="intake-30-nov-2027-3m-is-leap-day",
        history=history("2027-11-30", F1, B1),
        today="2028-02-10",
        end="2028-08-30",
        phase="oppstartsfase",
        want=(
            Want("rangeringsskjema", "2027-12-10", OVERDUE, "barn-1", "oppstart"),
            Want("kartlegging_tjenester", "2027-12-30", OVERDUE, "barn-1"),
            # 30 Jan 2028 is a Sunday
            Want("saksevaluering", "2028-01-28", OVERDUE, tp="2_mnd"),
            Want("evalueringsmote", "2028-02-29", LATER, tp="3_mnd"),
            Want("rapport_utkast", "2028-02-08", OVERDUE, tp="3_mnd"),
            Want("rapport_gjennomgang", "2028-02-22", DUE, tp="3_mnd"),
            Want("evalueringsmote", "2028-05-30", LATER, tp="6_mnd"),
            Want("evalueringsmote", "2028-08-30", LATER, tp="avslutning"),
        ),
    ),
    Case(
        id="intake-31-aug-6m-is-28-feb",
        history=history("2026-08-31"),
        today="2026-11-20",
        end="2027-05-31",
        phase="oppstartsfase",
        want=(
            Want("saksevaluering", "2026-09-30", OVERDUE, tp="1_mnd"),
            # 31 Oct 2026 is a Saturday
            Want("saksevaluering", "2026-10-30", OVERDUE, tp="2_mnd"),
            Want("evalueringsmote", "2026-11-30", DUE, tp="3_mnd"),
            # 28 Feb 2027 is a Sunday
            Want("evalueringsmote", "2027-02-26", LATER, tp="6_mnd"),
            Want("saksevaluering", "2027-02-26", LATER, tp="6_mnd"),
            Want("evalueringsmote", "2027-05-31", LATER, tp="avslutning"),
        ),
    ),
    Case(
        id="intake-31-jan-2028-1m-is-leap-day",
        history=history("2028-01-31", F1, B1),
        today="2028-02-20",
        end="2028-10-31",
        phase="oppstartsfase",
        want=(
            Want("saksevaluering", "2028-02-29", DUE, tp="1_mnd"),
            Want("kartlegging_tjenester", "2028-02-29", DUE, "barn-1"),
            Want("saksevaluering", "2028-03-31", LATER, tp="2_mnd"),
            # 30 Apr 2028 is a Sunday
            Want("evalueringsmote", "2028-04-28", LATER, tp="3_mnd"),
            Want("evalueringsmote", "2028-10-31", LATER, tp="avslutning"),
        ),
    ),
    # --- extension ------------------------------------------------------------------------
    Case(
        id="extended-at-6-months",
        history=history("2027-01-15", F1, B1, events=(("forlengelse", "2027-07-10"),)),
        today="2027-08-01",
        end="2028-01-15",
        phase="arbeidsfase",
        extended=True,
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-04-15"),
            ("arbeidsfase", "2027-04-15", "2027-10-15"),
            ("avslutningsfase", "2027-10-15", "2028-01-15"),
            ("avsluttet", "2028-01-15", "2028-04-15"),
        ),
        want=(
            Want("forlengelse_beslutning", "2027-07-15", DONE, tp="6_mnd", done_on="2027-07-10"),
            Want(
                "evalueringsmote",
                "2027-10-15",
                LATER,
                tp="9_mnd",
                label="Evalueringsmøte (9 måneder)",
            ),
            Want("rapport_utkast", "2027-09-24", LATER, tp="9_mnd"),
            Want("rangeringsskjema", "2027-10-15", LATER, "foresatt-1", "9_mnd"),
            Want("overgang_gjennomgang", "2027-10-15", LATER, tp="9_mnd"),
            # E = 15 Jan 2028, a Saturday; draft 25 Dec 2027 (Sat, Christmas Day) -> Fri
            # 24 Dec, which is a working day; review 8 Jan 2028 (Sat) -> 7 Jan
            Want("evalueringsmote", "2028-01-14", LATER, tp="avslutning"),
            Want("rapport_utkast", "2027-12-24", LATER, tp="avslutning"),
            Want("rapport_gjennomgang", "2028-01-07", LATER, tp="avslutning"),
            Want("arbeidsplan", "2027-10-15", LATER, tp="9_mnd"),
        ),
        absent=(("overgang_gjennomgang", "6_mnd"),),
        counts={
            "evalueringsmote": 4,
            "rangeringsskjema": 10,
            "saksevaluering": 12,
            "arbeidsplan": 4,
        },
    ),
    Case(
        id="extension-registered-late-still-applies",
        history=history("2027-01-15", events=(("forlengelse", "2027-08-20"),)),
        today="2027-08-25",
        end="2028-01-15",
        phase="arbeidsfase",
        extended=True,
        want=(
            Want("forlengelse_beslutning", "2027-07-15", DONE, tp="6_mnd", done_on="2027-08-20"),
            Want("evalueringsmote", "2027-10-15", LATER, tp="9_mnd"),
        ),
    ),
    Case(
        id="regular-end-accepts-9_mnd-rating",
        history=history(
            "2027-01-15",
            received=(got("rangeringsskjema", "2027-10-12", "r9", "foresatt-1", "9_mnd"),),
        ),
        today="2027-10-20",
        end="2027-10-15",
        phase="avsluttet",
        ended=True,
        want=(
            Want(
                "rangeringsskjema",
                "2027-10-15",
                DONE,
                "foresatt-1",
                "avslutning",
                done_on="2027-10-12",
                done_by="r9",
            ),
            Want("evalueringsmote", "2027-10-15", OVERDUE, tp="avslutning"),
        ),
        absent=(("rangeringsskjema", "9_mnd"), ("evalueringsmote", "9_mnd")),
    ),
    # --- placement ------------------------------------------------------------------------
    Case(
        id="placement-in-start-phase",
        history=history(
            "2027-01-15", F1, B1, familierad=True, events=(("plassering_akutt", "2027-02-20"),)
        ),
        today="2027-03-01",
        end="2027-05-20",
        phase="avslutningsfase",
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-02-20"),
            ("avslutningsfase", "2027-02-20", "2027-05-20"),
            ("avsluttet", "2027-05-20", "2027-08-20"),
        ),
        want=(
            Want("rangeringsskjema", "2027-01-25", OVERDUE, "foresatt-1", "oppstart"),
            Want("rangeringsskjema", "2027-05-20", LATER, "foresatt-1", "avslutning"),
            Want("evalueringsmote", "2027-05-20", LATER, tp="avslutning"),
            Want("rapport_utkast", "2027-04-29", LATER, tp="avslutning"),
            Want("rapport_gjennomgang", "2027-05-13", LATER, tp="avslutning"),
            # P + 14 days = 6 Mar 2027, a Saturday
            Want("overgang_gjennomgang", "2027-03-05", DUE, tp="plassering"),
            Want("arbeidsplan", "2027-04-15", LATER, tp="3_mnd"),
            Want("familierad_soknad", "2027-04-15", LATER),
            # 15 May 2027 is a Saturday
            Want("saksevaluering", "2027-05-14", LATER, tp="4_mnd"),
            # 20 Jun 2027 is a Sunday
            Want(
                "oppfolgingssamtale",
                "2027-06-18",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
            Want(
                "oppfolgingssamtale",
                "2027-08-20",
                LATER,
                label="Oppfølgingssamtale 3 etter avslutning",
            ),
        ),
        absent=(
            ("evalueringsmote", "3_mnd"),
            ("rangeringsskjema", "3_mnd"),
            ("forlengelse_beslutning", None),
            ("overgang_gjennomgang", "6_mnd"),
            ("saksevaluering", "5_mnd"),
        ),
        counts={"evalueringsmote": 1, "saksevaluering": 4, "rangeringsskjema": 4, "arbeidsplan": 2},
    ),
    Case(
        id="placement-in-work-phase",
        history=history("2027-01-15", events=(("plassering_frivillig", "2027-05-10"),)),
        today="2027-05-12",
        end="2027-08-10",
        phase="avslutningsfase",
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-04-15"),
            ("arbeidsfase", "2027-04-15", "2027-05-10"),
            ("avslutningsfase", "2027-05-10", "2027-08-10"),
            ("avsluttet", "2027-08-10", "2027-11-10"),
        ),
        want=(
            Want("evalueringsmote", "2027-04-15", OVERDUE, tp="3_mnd"),
            Want("evalueringsmote", "2027-08-10", LATER, tp="avslutning"),
            Want("rapport_utkast", "2027-07-20", LATER, tp="avslutning"),
            Want("rapport_gjennomgang", "2027-08-03", LATER, tp="avslutning"),
            Want("overgang_gjennomgang", "2027-05-24", DUE, tp="plassering"),
            Want("arbeidsplan", "2027-07-15", LATER, tp="6_mnd"),
            Want("rangeringsskjema", "2027-08-10", LATER, "foresatt-1", "avslutning"),
        ),
        absent=(
            ("evalueringsmote", "6_mnd"),
            ("forlengelse_beslutning", None),
            ("overgang_gjennomgang", "6_mnd"),
            ("rangeringsskjema", "6_mnd"),
        ),
        counts={"evalueringsmote": 2, "saksevaluering": 6},
    ),
    Case(
        id="placement-in-closing-phase-moves-end-later",
        history=history("2027-01-15", events=(("plassering_nemnd", "2027-09-01"),)),
        today="2027-09-02",
        end="2027-12-01",
        phase="avslutningsfase",
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-04-15"),
            ("arbeidsfase", "2027-04-15", "2027-07-15"),
            ("avslutningsfase", "2027-07-15", "2027-12-01"),
            ("avsluttet", "2027-12-01", "2028-03-01"),
        ),
        want=(
            Want("evalueringsmote", "2027-07-15", OVERDUE, tp="6_mnd"),
            Want("forlengelse_beslutning", "2027-07-15", OVERDUE, tp="6_mnd"),
            Want("overgang_gjennomgang", "2027-07-15", OVERDUE, tp="6_mnd"),
            Want("overgang_gjennomgang", "2027-09-15", DUE, tp="plassering"),
            Want("evalueringsmote", "2027-12-01", LATER, tp="avslutning"),
            Want("rapport_utkast", "2027-11-10", LATER, tp="avslutning"),
            Want("rapport_gjennomgang", "2027-11-24", LATER, tp="avslutning"),
            Want("arbeidsplan", "2027-10-15", LATER, tp="9_mnd"),
            Want("saksevaluering", "2027-11-15", LATER, tp="10_mnd"),
        ),
        absent=(("evalueringsmote", "9_mnd"),),
        counts={"saksevaluering": 10, "evalueringsmote": 3},
    ),
    Case(
        id="placement-after-the-end-is-ignored",
        history=history("2027-01-15", events=(("plassering_akutt", "2027-10-20"),)),
        today="2027-10-25",
        end="2027-10-15",
        phase="avsluttet",
        ended=True,
        want=(
            Want(
                "oppfolgingssamtale",
                "2027-11-15",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
        ),
        absent=(("overgang_gjennomgang", "plassering"),),
    ),
    Case(
        id="placement-then-early-end",
        history=history(
            "2027-01-15",
            events=(("plassering_akutt", "2027-02-20"), ("avslutning", "2027-04-01")),
        ),
        today="2027-04-05",
        end="2027-04-01",
        phase="avsluttet",
        ended=True,
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-02-20"),
            ("avslutningsfase", "2027-02-20", "2027-04-01"),
            ("avsluttet", "2027-04-01", "2027-07-01"),
        ),
        want=(
            Want("overgang_gjennomgang", "2027-03-05", OVERDUE, tp="plassering"),
            Want("evalueringsmote", "2027-04-01", OVERDUE, tp="avslutning"),
            # an early end: the closing report is due on the end date itself
            Want("rapport_utkast", "2027-04-01", OVERDUE, tp="avslutning"),
            Want("rapport_gjennomgang", "2027-04-01", OVERDUE, tp="avslutning"),
            # 1 May 2027 is a Saturday and Labour Day
            Want(
                "oppfolgingssamtale",
                "2027-04-30",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
        ),
        absent=(("arbeidsplan", "3_mnd"),),
    ),
    # --- pause ----------------------------------------------------------------------------
    Case(
        id="pause-20-days-and-resume",
        history=history(
            "2027-01-15",
            F1,
            B1,
            events=(("pause", "2027-03-01"), ("gjenopptatt", "2027-03-21")),
        ),
        today="2027-03-25",
        end="2027-11-04",
        phase="oppstartsfase",
        paused_days=20,
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-05-05"),
            ("arbeidsfase", "2027-05-05", "2027-08-04"),
            ("avslutningsfase", "2027-08-04", "2027-11-04"),
            ("avsluttet", "2027-11-04", "2028-02-04"),
        ),
        want=(
            # before the pause: not moved
            Want("rangeringsskjema", "2027-01-25", OVERDUE, "barn-1", "oppstart"),
            Want("saksevaluering", "2027-02-15", OVERDUE, tp="1_mnd"),
            Want("kartlegging_tjenester", "2027-02-15", OVERDUE, "barn-1"),
            # 15 Mar + 20 days = 4 Apr 2027, a Sunday
            Want("saksevaluering", "2027-04-02", DUE, tp="2_mnd"),
            Want("evalueringsmote", "2027-05-05", LATER, tp="3_mnd"),
            Want("rapport_utkast", "2027-04-14", LATER, tp="3_mnd"),
            Want("rapport_gjennomgang", "2027-04-28", LATER, tp="3_mnd"),
            Want("evalueringsmote", "2027-08-04", LATER, tp="6_mnd"),
            Want("evalueringsmote", "2027-11-04", LATER, tp="avslutning"),
            Want(
                "oppfolgingssamtale",
                "2028-02-04",
                LATER,
                label="Oppfølgingssamtale 3 etter avslutning",
            ),
        ),
    ),
    Case(
        id="open-pause-in-start-phase",
        history=history("2027-01-15", events=(("pause", "2027-03-01"),)),
        today="2027-04-10",
        end="2027-11-24",
        phase="oppstartsfase",
        paused_days=40,
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-05-25"),
            ("arbeidsfase", "2027-05-25", "2027-08-24"),
            ("avslutningsfase", "2027-08-24", "2027-11-24"),
            ("avsluttet", "2027-11-24", "2028-02-24"),
        ),
        want=(
            Want("saksevaluering", "2027-02-15", OVERDUE, tp="1_mnd"),
            # 15 Mar + 40 days = 24 Apr 2027, a Saturday
            Want("saksevaluering", "2027-04-23", DUE, tp="2_mnd"),
            Want("evalueringsmote", "2027-05-25", LATER, tp="3_mnd"),
        ),
    ),
    Case(
        id="open-pause-keeps-the-work-phase",
        history=history("2027-01-15", events=(("pause", "2027-05-01"),)),
        today="2027-09-01",
        end="2028-02-15",
        phase="arbeidsfase",
        paused_days=123,
        want=(
            Want("evalueringsmote", "2027-04-15", OVERDUE, tp="3_mnd"),
            Want("saksevaluering", "2027-09-15", DUE, tp="4_mnd"),
            Want("evalueringsmote", "2027-11-15", LATER, tp="6_mnd"),
        ),
    ),
    Case(
        id="two-pauses-add-up",
        history=history(
            "2027-01-15",
            events=(
                ("pause", "2027-03-01"),
                ("gjenopptatt", "2027-03-11"),
                ("pause", "2027-06-01"),
                ("gjenopptatt", "2027-06-06"),
            ),
        ),
        today="2027-06-10",
        end="2027-10-30",
        phase="arbeidsfase",
        paused_days=15,
        want=(
            # 15 Apr + 10 = 25 Apr 2027, a Sunday
            Want("evalueringsmote", "2027-04-23", OVERDUE, tp="3_mnd"),
            # 15 May + 10 = 25 May: before the second pause
            Want("saksevaluering", "2027-05-25", OVERDUE, tp="4_mnd"),
            # 15 Jun + 10 + 5
            Want("saksevaluering", "2027-06-30", LATER, tp="5_mnd"),
            Want("evalueringsmote", "2027-07-30", LATER, tp="6_mnd"),
            # E = 30 Oct 2027, a Saturday
            Want("evalueringsmote", "2027-10-29", LATER, tp="avslutning"),
        ),
    ),
    # --- early end ------------------------------------------------------------------------
    Case(
        id="early-end-in-work-phase",
        history=history(
            "2027-01-15", F1, B1, familierad=True, events=(("avslutning", "2027-05-03"),)
        ),
        today="2027-05-10",
        end="2027-05-03",
        phase="avsluttet",
        ended=True,
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-04-15"),
            ("arbeidsfase", "2027-04-15", "2027-05-03"),
            ("avsluttet", "2027-05-03", "2027-08-03"),
        ),
        want=(
            Want("evalueringsmote", "2027-05-03", OVERDUE, tp="avslutning"),
            Want("rapport_utkast", "2027-05-03", OVERDUE, tp="avslutning"),
            Want("rapport_gjennomgang", "2027-05-03", OVERDUE, tp="avslutning"),
            Want("rangeringsskjema", "2027-05-03", OVERDUE, "foresatt-1", "avslutning"),
            Want("familierad_soknad", "2027-04-15", OVERDUE),
            Want(
                "oppfolgingssamtale",
                "2027-06-03",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
            # 3 Jul 2027 is a Saturday
            Want(
                "oppfolgingssamtale",
                "2027-07-02",
                LATER,
                label="Oppfølgingssamtale 2 etter avslutning",
            ),
            Want(
                "oppfolgingssamtale",
                "2027-08-03",
                LATER,
                label="Oppfølgingssamtale 3 etter avslutning",
            ),
        ),
        absent=(
            ("evalueringsmote", "6_mnd"),
            ("forlengelse_beslutning", None),
            ("overgang_gjennomgang", None),
            ("saksevaluering", "4_mnd"),
            ("arbeidsplan", "6_mnd"),
        ),
        counts={"saksevaluering": 3, "evalueringsmote": 2},
    ),
    Case(
        id="early-end-in-start-phase",
        history=history(
            "2027-01-15", F1, B1, familierad=True, events=(("avslutning", "2027-02-01"),)
        ),
        today="2027-02-01",
        end="2027-02-01",
        phase="avsluttet",
        ended=True,
        phases=(
            ("oppstartsfase", "2027-01-15", "2027-02-01"),
            ("avsluttet", "2027-02-01", "2027-05-01"),
        ),
        want=(
            Want("rangeringsskjema", "2027-01-25", OVERDUE, "foresatt-1", "oppstart"),
            Want("arbeidsplan", "2027-01-29", OVERDUE, tp="oppstart"),
            Want("evalueringsmote", "2027-02-01", DUE, tp="avslutning"),
            Want("rangeringsskjema", "2027-02-01", DUE, "barn-1", "avslutning"),
            Want(
                "oppfolgingssamtale",
                "2027-03-01",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
            # 1 May 2027: Saturday and Labour Day
            Want(
                "oppfolgingssamtale",
                "2027-04-30",
                LATER,
                label="Oppfølgingssamtale 3 etter avslutning",
            ),
        ),
        counts={
            "evalueringsmote": 1,
            "saksevaluering": 0,
            "kartlegging_tjenester": 0,
            "familierad_soknad": 0,
            "hjemmebesok": 3,
        },
    ),
    Case(
        id="today-on-the-end-date-is-ended",
        history=history("2027-01-15"),
        today="2027-10-15",
        end="2027-10-15",
        phase="avsluttet",
        ended=True,
        want=(Want("evalueringsmote", "2027-10-15", DUE, tp="avslutning"),),
    ),
    Case(
        id="today-before-intake",
        history=history("2027-01-15"),
        today="2027-01-10",
        end="2027-10-15",
        phase="oppstartsfase",
        want=(
            Want("rangeringsskjema", "2027-01-25", LATER, "foresatt-1", "oppstart"),
            Want("hjemmebesok", "2027-01-25", LATER, label="Hjemmebesøk 3 av 3"),
        ),
    ),
    # --- holidays -------------------------------------------------------------------------
    Case(
        id="3m-on-easter-monday-2027",
        history=history("2026-12-29"),
        today="2027-03-01",
        end="2027-09-29",
        phase="oppstartsfase",
        want=(
            Want("saksevaluering", "2027-01-29", OVERDUE, tp="1_mnd"),
            # 29 Dec + 2 months = 28 Feb 2027 (clamped), a Sunday
            Want("saksevaluering", "2027-02-26", OVERDUE, tp="2_mnd"),
            # 29 Mar 2027 Easter Monday -> 28 Sun, 27 Sat, 26 Good Friday, 25 Maundy Thursday
            Want("evalueringsmote", "2027-03-24", LATER, tp="3_mnd"),
            Want("rangeringsskjema", "2027-03-24", LATER, "foresatt-1", "3_mnd"),
            Want("arbeidsplan", "2027-03-24", LATER, tp="3_mnd"),
            Want("rapport_utkast", "2027-03-08", DUE, tp="3_mnd"),
            Want("rapport_gjennomgang", "2027-03-22", LATER, tp="3_mnd"),
            Want("evalueringsmote", "2027-06-29", LATER, tp="6_mnd"),
        ),
    ),
    Case(
        id="maundy-thursday-notice-and-easter-tasks",
        history=history(
            "2027-01-15",
            group_meeting="2027-04-08",
            tasks=(
                Task("t-langfredag", "oppgave-1", D("2027-03-26")),
                Task("t-2-paskedag", "oppgave-2", D("2027-03-29")),
                Task("t-tirsdag", "oppgave-3", D("2027-03-30")),
            ),
        ),
        today="2027-03-20",
        end="2027-10-15",
        phase="oppstartsfase",
        want=(
            # 8 Apr - 14 days = 25 Mar 2027, Maundy Thursday
            Want(
                "ansvarsgruppemote_innkalling",
                "2027-03-24",
                DUE,
                label="Innkalling til ansvarsgruppemøte",
            ),
            Want("oppgave", "2027-03-24", DUE, ref="oppgave-1"),
            Want("oppgave", "2027-03-24", DUE, ref="oppgave-2"),
            Want("oppgave", "2027-03-30", DUE, ref="oppgave-3"),
        ),
    ),
    Case(
        id="3m-on-17-may-2027-whit-monday",
        history=history("2027-02-17"),
        today="2027-05-01",
        end="2027-11-17",
        phase="oppstartsfase",
        want=(
            # 17 May 2027 (Mon): Constitution Day and Whit Monday -> Friday 14 May
            Want("evalueringsmote", "2027-05-14", DUE, tp="3_mnd"),
            Want("saksevaluering", "2027-05-14", DUE, tp="3_mnd"),
            Want("rapport_utkast", "2027-04-26", OVERDUE, tp="3_mnd"),
            Want("rapport_gjennomgang", "2027-05-10", DUE, tp="3_mnd"),
        ),
    ),
    Case(
        id="3m-on-17-may-2028-and-due-soon-boundary",
        history=history("2028-02-17"),
        today="2028-02-17",
        end="2028-11-17",
        phase="oppstartsfase",
        want=(
            Want("evalueringsmote", "2028-05-16", LATER, tp="3_mnd"),
            # 27 Feb 2028 is a Sunday
            Want("rangeringsskjema", "2028-02-25", DUE, "foresatt-1", "oppstart"),
            # exactly today + 14 days: still "due"
            Want("arbeidsplan", "2028-03-02", DUE, tp="oppstart"),
            Want("saksevaluering", "2028-03-17", LATER, tp="1_mnd"),
        ),
    ),
    Case(
        id="christmas-eve-is-a-working-day",
        history=history("2027-03-24"),
        today="2027-12-01",
        end="2027-12-24",
        phase="avslutningsfase",
        want=(
            Want("evalueringsmote", "2027-12-24", LATER, tp="avslutning"),
            Want("rapport_utkast", "2027-12-03", DUE, tp="avslutning"),
            Want("rapport_gjennomgang", "2027-12-17", LATER, tp="avslutning"),
            Want(
                "oppfolgingssamtale",
                "2028-01-24",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
        ),
    ),
    Case(
        id="end-on-boxing-day-2028",
        history=history("2028-03-26"),
        today="2028-12-20",
        end="2028-12-26",
        phase="avslutningsfase",
        want=(
            # 26 Dec (Tue) and 25 Dec (Mon) are holidays, 24 Dec is a Sunday
            Want("evalueringsmote", "2028-12-22", DUE, tp="avslutning"),
            Want("rangeringsskjema", "2028-12-22", DUE, "foresatt-1", "avslutning"),
            Want("saksevaluering", "2028-12-22", DUE, tp="9_mnd"),
            Want("rapport_utkast", "2028-12-05", OVERDUE, tp="avslutning"),
            Want("rapport_gjennomgang", "2028-12-19", OVERDUE, tp="avslutning"),
            # 9 Apr 2028 is a Sunday
            Want("arbeidsplan", "2028-04-07", OVERDUE, tp="oppstart"),
            Want(
                "oppfolgingssamtale",
                "2029-01-26",
                LATER,
                label="Oppfølgingssamtale 1 etter avslutning",
            ),
        ),
    ),
    # --- done, late, overdue ----------------------------------------------------------------
    Case(
        id="ratings-done-on-time-and-late",
        history=history(
            "2027-01-15",
            F1,
            B1,
            received=(
                got("rangeringsskjema", "2027-02-05", "rs-f1", "foresatt-1", "oppstart"),
                got("rangeringsskjema", "2027-01-20", "rs-b1", "barn-1", "oppstart"),
                got("rangeringsskjema", "2027-01-21", "rs-x", "foresatt-9", "oppstart"),
            ),
        ),
        today="2027-02-10",
        end="2027-10-15",
        phase="oppstartsfase",
        want=(
            Want(
                "rangeringsskjema",
                "2027-01-25",
                DONE,
                "foresatt-1",
                "oppstart",
                done_on="2027-02-05",
                done_by="rs-f1",
            ),
            Want(
                "rangeringsskjema",
                "2027-01-25",
                DONE,
                "barn-1",
                "oppstart",
                done_on="2027-01-20",
                done_by="rs-b1",
            ),
            Want("rangeringsskjema", "2027-04-15", LATER, "foresatt-1", "3_mnd"),
        ),
    ),
    Case(
        id="planned-start-visits",
        history=history(
            "2027-01-12",
            planned=("2027-01-13", "2027-01-18", "2027-01-28"),
            received=(
                got("moteskjema", "2027-01-13", "m1"),
                got("hjemmebesok", "2027-01-13", "h1"),
                got("hjemmebesok", "2027-01-19", "h2"),
            ),
        ),
        today="2027-01-25",
        end="2027-10-12",
        phase="oppstartsfase",
        want=(
            Want(
                "hjemmebesok",
                "2027-01-13",
                DONE,
                label="Hjemmebesøk 1 av 3",
                done_on="2027-01-13",
                done_by="h1",
            ),
            Want(
                "hjemmebesok",
                "2027-01-18",
                DONE,
                label="Hjemmebesøk 2 av 3",
                done_on="2027-01-19",
                done_by="h2",
            ),
            # planned 28 Jan is after T0 + 10 days: capped at 22 Jan
            Want("hjemmebesok", "2027-01-22", OVERDUE, label="Hjemmebesøk 3 av 3"),
        ),
        counts={"hjemmebesok": 3},
    ),
    Case(
        id="no-planned-visits-all-due-by-day-10",
        history=history("2027-01-15"),
        today="2027-01-20",
        end="2027-10-15",
        phase="oppstartsfase",
        want=(
            Want("hjemmebesok", "2027-01-25", DUE, label="Hjemmebesøk 1 av 3"),
            Want("hjemmebesok", "2027-01-25", DUE, label="Hjemmebesøk 2 av 3"),
            Want("hjemmebesok", "2027-01-25", DUE, label="Hjemmebesøk 3 av 3"),
        ),
    ),
    Case(
        id="work-plans-late-revision-and-early",
        history=history(
            "2027-01-15",
            received=(
                got("arbeidsplan", "2027-02-10", "ap1"),
                got("arbeidsplan", "2027-02-20", "ap1-revidert"),
                got("arbeidsplan", "2027-03-20", "ap2"),
            ),
        ),
        today="2027-04-20",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(
            Want(
                "arbeidsplan",
                "2027-01-29",
                DONE,
                tp="oppstart",
                done_on="2027-02-10",
                done_by="ap1",
            ),
            # the window for the 3-month plan opens 30 days before 15 Apr (16 Mar)
            Want(
                "arbeidsplan", "2027-04-15", DONE, tp="3_mnd", done_on="2027-03-20", done_by="ap2"
            ),
            Want("arbeidsplan", "2027-07-15", LATER, tp="6_mnd"),
        ),
    ),
    Case(
        id="work-plan-missed-stays-overdue",
        history=history(
            "2027-01-15",
            received=(
                got("arbeidsplan", "2027-04-10", "ap2"),
                got("arbeidsplan", "2027-04-30", "ap3", tp="6_mnd"),
            ),
        ),
        today="2027-04-20",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(
            Want("arbeidsplan", "2027-01-29", OVERDUE, tp="oppstart"),
            Want(
                "arbeidsplan", "2027-04-15", DONE, tp="3_mnd", done_on="2027-04-10", done_by="ap2"
            ),
            Want(
                "arbeidsplan", "2027-07-15", DONE, tp="6_mnd", done_on="2027-04-30", done_by="ap3"
            ),
        ),
    ),
    Case(
        id="monthly-case-evaluations-by-window",
        history=history(
            "2027-01-15",
            received=(
                got("saksevaluering", "2027-01-20", "s1"),
                got("saksevaluering", "2027-03-05", "s2"),
                got("saksevaluering", "2027-03-10", "s2-igjen"),
                got("saksevaluering", "2027-04-20", "s3"),
            ),
        ),
        today="2027-05-03",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(
            Want(
                "saksevaluering", "2027-02-15", DONE, tp="1_mnd", done_on="2027-01-20", done_by="s1"
            ),
            Want(
                "saksevaluering", "2027-03-15", DONE, tp="2_mnd", done_on="2027-03-05", done_by="s2"
            ),
            Want(
                "saksevaluering", "2027-04-15", DONE, tp="3_mnd", done_on="2027-04-20", done_by="s3"
            ),
            Want("saksevaluering", "2027-05-14", DUE, tp="4_mnd"),
        ),
    ),
    Case(
        id="three-month-report-and-evaluation-by-time-point",
        history=history(
            "2027-01-15",
            received=(
                got("tiltaksplan", "2027-01-20", "tp-vedtak"),
                got("rapportmal", "2027-04-12", "rap3", tp="3_mnd"),
                got("tiltaksplan", "2027-04-15", "tp3", tp="3_mnd"),
            ),
        ),
        today="2027-04-20",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(
            # 15 Apr - 21 days = 25 Mar 2027, Maundy Thursday
            Want(
                "rapport_utkast",
                "2027-03-24",
                DONE,
                tp="3_mnd",
                done_on="2027-04-12",
                done_by="rap3",
            ),
            Want(
                "rapport_gjennomgang",
                "2027-04-08",
                DONE,
                tp="3_mnd",
                done_on="2027-04-12",
                done_by="rap3",
            ),
            Want(
                "evalueringsmote",
                "2027-04-15",
                DONE,
                tp="3_mnd",
                done_on="2027-04-15",
                done_by="tp3",
            ),
            Want("evalueringsmote", "2027-07-15", LATER, tp="6_mnd"),
        ),
    ),
    Case(
        id="six-month-report-decides-without-extension",
        history=history("2027-01-15", received=(got("rapportmal", "2027-06-20", "rap6"),)),
        today="2027-06-25",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(
            Want("rapport_utkast", "2027-03-24", OVERDUE, tp="3_mnd"),  # Maundy Thursday
            Want(
                "rapport_utkast",
                "2027-06-24",
                DONE,
                tp="6_mnd",
                done_on="2027-06-20",
                done_by="rap6",
            ),
            Want(
                "forlengelse_beslutning",
                "2027-07-15",
                DONE,
                tp="6_mnd",
                done_on="2027-06-20",
                done_by="rap6",
                label="Beslutning om eventuell forlengelse av arbeidsfasen",
            ),
            Want(
                "overgang_gjennomgang",
                "2027-07-15",
                DONE,
                tp="6_mnd",
                done_on="2027-06-20",
                done_by="rap6",
            ),
        ),
    ),
    Case(
        id="familierad-application-sent-late",
        history=history(
            "2027-01-15",
            familierad=True,
            received=(got("familierad_soknad", "2027-04-20", "fr"),),
        ),
        today="2027-04-25",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(
            Want(
                "familierad_soknad",
                "2027-04-15",
                DONE,
                done_on="2027-04-20",
                done_by="fr",
                label="Søknad om familieråd sendt til Bufetat",
            ),
        ),
        counts={"familierad_soknad": 1},
    ),
    Case(
        id="familierad-not-relevant",
        history=history("2027-01-15", familierad=False),
        today="2027-04-10",
        end="2027-10-15",
        phase="oppstartsfase",
        absent=(("familierad_soknad", None),),
        counts={"familierad_soknad": 0},
    ),
    Case(
        id="familierad-overdue",
        history=history("2027-01-15", familierad=True),
        today="2027-04-16",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(Want("familierad_soknad", "2027-04-15", OVERDUE),),
    ),
    Case(
        id="group-meeting-notice-and-tasks",
        history=history(
            "2027-01-15",
            group_meeting="2027-06-01",
            tasks=(
                Task("t1", "ringe-skolen", D("2027-05-15")),
                Task("t2", "soke-barnehage", D("2027-05-01"), done_on=D("2027-05-03")),
                Task("t3", "avtale-helsestasjon", D("2027-05-17")),
            ),
        ),
        today="2027-05-10",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(
            Want("ansvarsgruppemote_innkalling", "2027-05-18", DUE),
            # Saturday 15 May
            Want("oppgave", "2027-05-14", DUE, ref="ringe-skolen"),
            # Saturday 1 May (also Labour Day); done late on 3 May
            Want(
                "oppgave",
                "2027-04-30",
                DONE,
                ref="soke-barnehage",
                done_on="2027-05-03",
                done_by="t2",
            ),
            # Monday 17 May: Constitution Day
            Want("oppgave", "2027-05-14", DUE, ref="avtale-helsestasjon"),
        ),
    ),
    Case(
        id="group-meeting-held",
        history=history(
            "2027-01-15",
            group_meeting="2027-03-01",
            received=(
                got("ansvarsgruppemote", "2027-01-20", "agm-1"),
                got("ansvarsgruppemote", "2027-03-01", "agm-2"),
            ),
        ),
        today="2027-03-05",
        end="2027-10-15",
        phase="oppstartsfase",
        want=(
            Want(
                "ansvarsgruppemote_innkalling",
                "2027-02-15",
                DONE,
                done_on="2027-03-01",
                done_by="agm-2",
            ),
        ),
    ),
    Case(
        id="services-mapping-per-child",
        history=history(
            "2027-01-15",
            F1,
            F2,
            B1,
            B2,
            received=(
                got("kartlegging_tjenester", "2027-02-01", "k2", "barn-2"),
                got("kartlegging_tjenester", "2027-02-20", "k-uten-barn"),
            ),
        ),
        today="2027-02-25",
        end="2027-10-15",
        phase="oppstartsfase",
        want=(
            Want(
                "kartlegging_tjenester",
                "2027-02-15",
                DONE,
                "barn-1",
                done_on="2027-02-20",
                done_by="k-uten-barn",
            ),
            Want(
                "kartlegging_tjenester",
                "2027-02-15",
                DONE,
                "barn-2",
                done_on="2027-02-01",
                done_by="k2",
            ),
            Want("rangeringsskjema", "2027-01-25", OVERDUE, "foresatt-2", "oppstart"),
        ),
        counts={"kartlegging_tjenester": 2, "rangeringsskjema": 16},
    ),
    Case(
        id="follow-up-calls-after-the-end",
        history=history(
            "2027-01-15",
            received=(
                got("oppfolgingssamtale", "2027-10-10", "o-for-tidlig"),
                got("oppfolgingssamtale", "2027-11-20", "o1"),
            ),
        ),
        today="2028-01-20",
        end="2027-10-15",
        phase="avsluttet",
        ended=True,
        want=(
            Want(
                "oppfolgingssamtale",
                "2027-11-15",
                DONE,
                label="Oppfølgingssamtale 1 etter avslutning",
                done_on="2027-11-20",
                done_by="o1",
            ),
            Want(
                "oppfolgingssamtale",
                "2027-12-15",
                OVERDUE,
                label="Oppfølgingssamtale 2 etter avslutning",
            ),
            # 15 Jan 2028 is a Saturday
            Want(
                "oppfolgingssamtale",
                "2028-01-14",
                OVERDUE,
                label="Oppfølgingssamtale 3 etter avslutning",
            ),
        ),
    ),
    Case(
        id="status-boundaries",
        history=history(
            "2027-01-15",
            tasks=(
                Task("i-gar", "a", D("2027-06-15")),
                Task("i-dag", "b", D("2027-06-16")),
                Task("om-14-dager", "c", D("2027-06-30")),
                Task("om-15-dager", "d", D("2027-07-01")),
            ),
        ),
        today="2027-06-16",
        end="2027-10-15",
        phase="arbeidsfase",
        want=(
            Want("oppgave", "2027-06-15", OVERDUE, ref="a"),
            Want("oppgave", "2027-06-16", DUE, ref="b"),
            Want("oppgave", "2027-06-30", DUE, ref="c"),
            Want("oppgave", "2027-07-01", LATER, ref="d"),
        ),
    ),
]


def _find(plan: CasePlan, want: Want) -> DueItem:
    found = [
        item
        for item in plan.items
        if item.kind == want.kind
        and item.member == want.member
        and (want.tp is None or item.time_point == want.tp)
        and (want.label is None or item.label == want.label)
        and (want.ref is None or item.ref == want.ref)
    ]
    assert len(found) == 1, f"expected one {want}, found {found}"
    return found[0]


def test_there_are_enough_case_histories() -> None:
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_calendar(case: Case) -> None:
    plan = plan_case(case.history, D(case.today))

    assert plan.end == D(case.end)
    assert plan.phase.name == case.phase
    assert plan.extended is case.extended
    assert plan.ended is case.ended
    assert plan.paused_days == case.paused_days
    if case.phases:
        assert [(p.name, p.start, p.end) for p in plan.phases] == [
            (name, D(start), D(end)) for name, start, end in case.phases
        ]
    for want in case.want:
        item = _find(plan, want)
        assert item.due == D(want.due), want
        assert item.status == want.status, want
        if want.done_on is not None:
            assert item.done_on == D(want.done_on), want
        if want.done_by is not None:
            assert item.done_by == want.done_by, want
        if want.status != DONE:
            assert item.done_on is None and item.done_by is None, want
    for kind, time_point in case.absent:
        matching = [
            i
            for i in plan.items
            if i.kind == kind and (time_point is None or i.time_point == time_point)
        ]
        assert not matching, (kind, time_point)
    for kind, count in case.counts.items():
        assert sum(1 for i in plan.items if i.kind == kind) == count, kind


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_plan_invariants(case: Case) -> None:
    today = D(case.today)
    plan = plan_case(case.history, today)
    keys = [(i.due, i.kind, i.member or "") for i in plan.items]
    assert keys == sorted(keys)
    for item in plan.items:
        assert is_working_day(item.due), item
        assert item.kind in KIND_NAMES
        assert item.label
        assert (item.status == DONE) == (item.done_on is not None)
        if item.kind != "oppfolgingssamtale":
            assert item.due <= plan.end
    assert plan.phase in plan.phases
    assert plan.phases[-1].name == "avsluttet"
    for earlier, later in zip(plan.phases, plan.phases[1:], strict=False):
        assert earlier.end == later.start
    assert all(i.status != DONE for i in plan.next_items(100))


def test_next_items_are_the_first_open_ones() -> None:
    plan = plan_case(
        history(
            "2027-01-15",
            received=(
                got("hjemmebesok", "2027-01-18", "h1"),
                got("hjemmebesok", "2027-01-20", "h2"),
            ),
        ),
        D("2027-01-16"),
    )
    first = plan.next_items(3)
    assert [(i.kind, i.label, i.due) for i in first] == [
        ("hjemmebesok", "Hjemmebesøk 3 av 3", D("2027-01-25")),
        ("rangeringsskjema", "Rangeringsskjema ved oppstart", D("2027-01-25")),
        ("arbeidsplan", "Første arbeidsplan", D("2027-01-29")),
    ]
    assert len(plan.next_items()) == 5


# --- rules ----------------------------------------------------------------------------------


def test_rules_defaults_follow_the_domain() -> None:
    rules = Rules()
    assert rules.start_visits_within_days == 10
    assert rules.rating_start_within_days == 10
    assert rules.first_workplan_days == 14
    assert rules.workplan_every_months == 3
    assert rules.services_mapping_months == 1
    assert rules.evaluation_every_months == 3
    assert rules.case_evaluation_every_months == 1
    assert rules.report_draft_lead_days == 21
    assert rules.report_review_lead_days == 7
    assert rules.familierad_by_months == 3
    assert rules.placement_closing_months == 3
    assert rules.followup_call_months == (1, 2, 3)
    assert rules.default_length_months == 9
    assert rules.extended_length_months == 12
    assert rules.group_meeting_notice_days == 14
    assert rules.due_soon_days == 14


@pytest.mark.parametrize(
    ("overrides", "kind", "time_point", "due"),
    [
        # 15 Apr 2027 - 28 days = 18 Mar (Thu); default would be 25 Mar
        ({"report_draft_lead_days": 28}, "rapport_utkast", "3_mnd", "2027-03-18"),
        # 15 Apr - 10 days = 5 Apr (Mon); default would be 8 Apr
        ({"report_review_lead_days": 10}, "rapport_gjennomgang", "3_mnd", "2027-04-05"),
        # 15 Jan + 21 days = 5 Feb (Fri)
        ({"first_workplan_days": 21}, "arbeidsplan", "oppstart", "2027-02-05"),
        # 15 Jan + 7 days = 22 Jan (Fri)
        ({"rating_start_within_days": 7}, "rangeringsskjema", "oppstart", "2027-01-22"),
        # E = 15 Jan + 10 months = 15 Nov 2027 (Mon)
        ({"default_length_months": 10}, "evalueringsmote", "avslutning", "2027-11-15"),
    ],
)
def test_rules_override_changes_dates(
    overrides: dict[str, int], kind: str, time_point: str, due: str
) -> None:
    plan = plan_case(history("2027-01-15"), D("2027-01-15"), Rules(**overrides))
    item = _find(
        plan,
        Want(kind, due, LATER, "foresatt-1" if kind == "rangeringsskjema" else None, time_point),
    )
    assert item.due == D(due)


def test_rules_override_due_soon_and_follow_up_calls() -> None:
    rules = Rules(due_soon_days=0, followup_call_months=(1, 6))
    plan = plan_case(history("2027-01-15"), D("2027-01-22"), rules)
    calls = [i for i in plan.items if i.kind == "oppfolgingssamtale"]
    # E = 15 Oct 2027: +1 month 15 Nov (Mon), +6 months 15 Apr 2028 (Sat) -> past Good
    # Friday 14 Apr and Maundy Thursday 13 Apr 2028 to Wednesday 12 Apr
    assert [i.due for i in calls] == [D("2027-11-15"), D("2028-04-12")]
    visit = _find(plan, Want("hjemmebesok", "2027-01-25", LATER, label="Hjemmebesøk 1 av 3"))
    assert visit.status == LATER
    assert plan.phases[-1].end == D("2028-04-15")


@pytest.mark.parametrize(
    "bad",
    [
        {"report_draft_lead_days": -1},
        {"start_visits_within_days": -10},
        {"workplan_every_months": 0},
        {"followup_call_months": (1, -2)},
        {"followup_call_months": (2, 1)},
        {"report_review_lead_days": 30},  # review before the draft
        {"extended_length_months": 6},  # shorter than the default length
        {"default_length_months": 5},  # shorter than start + closing phases
        {"no_such_rule": 1},
        {"due_soon_days": "soon"},
    ],
)
def test_bad_rules_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Rules(**bad)  # type: ignore[arg-type]


def test_rules_are_immutable() -> None:
    with pytest.raises(ValidationError):
        Rules().report_draft_lead_days = 5  # type: ignore[misc]


# --- working days and months ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2027-01-31", 1, "2027-02-28"),
        ("2028-01-31", 1, "2028-02-29"),
        ("2027-11-30", 3, "2028-02-29"),
        ("2028-02-29", 12, "2029-02-28"),
        ("2027-01-31", 9, "2027-10-31"),
        ("2026-11-30", 9, "2027-08-30"),
        ("2027-03-31", -1, "2027-02-28"),
        ("2027-12-15", 1, "2028-01-15"),
        ("2027-05-31", 0, "2027-05-31"),
    ],
)
def test_add_months_clamps_to_month_end(start: str, months: int, expected: str) -> None:
    assert add_months(D(start), months) == D(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2027-03-29", "2027-03-24"),  # Easter Monday
        ("2027-03-28", "2027-03-24"),  # Easter Sunday
        ("2027-03-26", "2027-03-24"),  # Good Friday
        ("2027-03-25", "2027-03-24"),  # Maundy Thursday
        ("2027-03-24", "2027-03-24"),  # Wednesday before Easter: working day
        ("2027-05-06", "2027-05-05"),  # Ascension Day
        ("2027-05-17", "2027-05-14"),  # Constitution Day and Whit Monday
        ("2028-05-17", "2028-05-16"),  # Constitution Day (Wednesday)
        ("2028-06-05", "2028-06-02"),  # Whit Monday
        ("2027-05-01", "2027-04-30"),  # Labour Day on a Saturday
        ("2027-12-24", "2027-12-24"),  # Christmas Eve is not a public holiday
        ("2027-12-26", "2027-12-24"),  # Boxing Day (Sunday)
        ("2028-12-26", "2028-12-22"),  # Boxing Day (Tue), Christmas Day (Mon), weekend
        ("2028-01-01", "2027-12-31"),  # New Year's Day (Saturday)
        ("2027-01-16", "2027-01-15"),  # an ordinary Saturday
        ("2027-04-30", "2027-04-30"),  # an ordinary Friday
    ],
)
def test_previous_working_day(day: str, expected: str) -> None:
    assert previous_working_day(D(day)) == D(expected)


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        ("2027-12-24", False),  # the library does not count Christmas Eve
        ("2027-12-31", False),
        ("2027-12-25", True),
        ("2027-03-28", True),  # Easter Sunday is a holiday in its own right
        ("2027-03-21", False),  # an ordinary Sunday is a weekend day, not a holiday here
        ("2027-05-17", True),
        ("2027-05-01", True),
    ],
)
def test_public_holidays(day: str, holiday: bool) -> None:
    assert is_public_holiday(D(day)) is holiday
