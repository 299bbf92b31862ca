"""What the case overview shows, gathered from the case file and its calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

from fpdocs.calendar import Rules
from fpdocs.cases import CaseFile
from fpdocs.forms import FORMS
from fpdocs.forms.arbeidsplan import MALTYPE, STATUS
from fpdocs.forms.kartlegging_tjenester import TJENESTER
from fpdocs.forms.moteskjema import FOKUS, STED
from fpdocs.forms.rangeringsskjema import TIDSPUNKT
from fpdocs.render.overview import OverviewView, Row


def overview_of(case_file: CaseFile, today: date, rules: Rules) -> OverviewView:
    plan = case_file.plan(today, rules)
    intake = case_file.intake
    members = {m.key: m for m in case_file.members}
    rows = tuple(
        Row(item.due, item.label, _who(item.member, members), item.status, item.done_on)
        for item in plan.items
    )
    return OverviewView(
        saksnummer=case_file.case.saksnummer,
        team=case_file.case.team,
        familiepartnere=", ".join(p.navn for p in intake.familiepartnere),
        kontaktperson=intake.kontaktperson,
        intake=intake.dato,
        phase=plan.phase.name,
        phases=tuple((p.name, p.start, p.end) for p in plan.phases),
        end=plan.end,
        extended=plan.extended,
        members=tuple(
            (
                key,
                m.name,
                ("barn" if m.is_child else m.rating_role)
                + (f", {m.age} år" if m.age is not None else ""),
            )
            for key, m in members.items()
        ),
        items=rows,
        warnings=tuple(
            (w["skjema"], w["felt"], w.get("funnet") or "", w["forventet"])
            for w in case_file.warnings()
        ),
        documents=tuple(
            (FORMS[d.form].title, _ddmm(d.data.get("dato")), _ddmm(d.received_at[:10]))
            for d in case_file.documents
        ),
        **case_details(case_file, members),
    )


def case_details(case_file: CaseFile, members: dict[str, Any]) -> dict[str, Any]:
    """Ratings over time, the current work plan, services around the children, contact."""
    ratings = {_label(key, members): areas for key, areas in case_file.ratings().items()}
    named = {
        member: {area: {TIDSPUNKT[tp]: score for tp, score in scores.items()}
                 for area, scores in areas.items()}
        for member, areas in ratings.items()
    }  # fmt: skip
    plan = case_file.latest("arbeidsplan")
    goals = tuple(
        (MALTYPE.get(g["type"], g["type"]), g["mal"], _ddmm(g.get("frist")),
         STATUS.get(g.get("status") or "", ""))
        for g in (plan.data.get("mal", []) if plan else [])
    )  # fmt: skip
    services = {
        _label(child, members): [
            (TJENESTER.get(s["tjeneste"], s["tjeneste"]), s.get("kontaktperson") or "",
             s.get("hva_fungerer") or "", s.get("barnets_onsker") or "")
            for s in rows
        ]
        for child, rows in case_file.services().items()
    }  # fmt: skip
    meetings = case_file.meetings()
    contact: tuple[tuple[str, str], ...] = ()
    if meetings:
        hours = sum(m.varighet_timer for m in meetings)
        km = sum(m.km or 0 for m in meetings)
        contact = (
            ("Møter og kontakter", f"{len(meetings)} ({_hours(hours)} timer, {km:g} km)"),
            ("Siste kontakt", f"{meetings[-1].dato:%d.%m.%Y}"),
            ("Etter sted", _counts(STED.get(m.sted, m.sted) for m in meetings)),
            ("Etter fokus", _counts(FOKUS.get(m.fokus, m.fokus) for m in meetings)),
        )
    return {
        "ratings": named,
        "time_points": tuple(TIDSPUNKT.values()),
        "plan_goals": goals,
        "services": services,
        "contact": contact,
    }


def _label(key: str, members: dict[str, Any]) -> str:
    member = members.get(key)
    return f"{member.name} ({key})" if member else key


def _counts(values) -> str:
    counted: dict[str, int] = {}
    for value in values:
        counted[value] = counted.get(value, 0) + 1
    return ", ".join(f"{name} {n}" for name, n in sorted(counted.items(), key=lambda i: -i[1]))


def _hours(hours: float) -> str:
    return f"{hours:g}".replace(".", ",")


def _who(key: str | None, members: dict[str, Any]) -> str:
    """'barn-1' -> 'Ola (barn-1)': the first name helps staff; the key is what file names use."""
    if not key:
        return ""
    member = members.get(key)
    return f"{member.name.split()[0]} ({key})" if member else key


def _ddmm(value: str | None) -> str:
    if not value:
        return ""
    return date.fromisoformat(value[:10]).strftime("%d.%m.%Y")
