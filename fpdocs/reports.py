"""Three-month report drafts: everything fpdocs knows, written into the report before each
action-plan evaluation, so the familiepartner only writes the assessment.

A draft is due when the calendar's ``rapport_utkast`` item is (by default 21 days before the
evaluation meeting). It is written anew whenever the case gets new data, until the completed
report comes back; a completed report is never overwritten.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from fpdocs import calendar, files
from fpdocs.cases import CaseFile
from fpdocs.forms import FORMS
from fpdocs.forms.arbeidsplan import MALTYPE, STATUS
from fpdocs.forms.kartlegging_tjenester import TJENESTER
from fpdocs.forms.moteskjema import FOKUS, STED
from fpdocs.forms.rangeringsskjema import TIDSPUNKT as RATING_TIME_POINTS
from fpdocs.forms.rapportmal import TIDSPUNKT
from fpdocs.forms.tiltaksplan import KONKLUSJON
from fpdocs.render.chart import BarChart
from fpdocs.render.documents import ratings_summary
from fpdocs.render.docx import template_context
from fpdocs.render.fastdocx import CompiledTemplate
from fpdocs.render.pdf import ConversionFailed, PdfConverter, meeting_packet

SPEC = FORMS["rapportmal"]
RATING_ORDER = tuple(RATING_TIME_POINTS)


@dataclass(frozen=True)
class Evaluation:
    time_point: str  # 3_mnd, 6_mnd, 9_mnd, avslutning
    meeting: date
    draft_due: date
    period_from: date
    done: bool  # the completed report has come back


def evaluations(case_file: CaseFile, plan: calendar.CasePlan) -> list[Evaluation]:
    meetings = sorted(
        (i for i in plan.items if i.kind == "evalueringsmote"), key=lambda item: item.due
    )
    drafts = {i.time_point: i for i in plan.items if i.kind == "rapport_utkast"}
    completed = {d.data.get("tidspunkt") for d in case_file.documents if d.form == "rapportmal"}
    found, start = [], case_file.intake.dato
    for meeting in meetings:
        draft = drafts.get(meeting.time_point)
        if draft is None or meeting.time_point not in TIDSPUNKT:
            continue
        found.append(
            Evaluation(
                meeting.time_point, meeting.due, draft.due, start, meeting.time_point in completed
            )  # fmt: skip
        )
        start = meeting.due
    return found


def drafts_due(
    case_file: CaseFile, plan: calendar.CasePlan, today: date, within_days: int = 0
) -> list[Evaluation]:
    """Evaluations whose draft is due (or due within ``within_days``) and not yet completed."""
    horizon = today + timedelta(days=within_days)
    return [e for e in evaluations(case_file, plan) if not e.done and e.draft_due <= horizon]


def _d(value: date | str | None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value:%d.%m.%Y}"


def _hours(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _tally(meetings: list, key: str, labels: dict[str, str]) -> list[dict[str, str]]:
    rows: dict[str, list[float]] = {}
    for meeting in meetings:
        rows.setdefault(getattr(meeting, key), []).append(meeting.varighet_timer)
    ordered = sorted(rows.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        {"navn": labels.get(k, k), "antall": str(len(v)), "timer": _hours(sum(v))}
        for k, v in ordered
    ]


def _ratings(case_file: CaseFile, evaluation: Evaluation) -> list[dict[str, Any]]:
    """Per member: the score at start, at the previous time point and now (the newest up to
    this evaluation), as a table and a chart."""
    names = {m.key: m.name for m in case_file.members}
    limit = RATING_ORDER.index(evaluation.time_point)
    out = []
    for member, areas in case_file.ratings().items():
        seen = sorted(
            {tp for scores in areas.values() for tp in scores if RATING_ORDER.index(tp) <= limit},
            key=RATING_ORDER.index,
        )
        if not seen:
            continue
        now = seen[-1]
        previous = seen[-2] if len(seen) > 2 else None
        rows = [
            {
                "omrade": area,
                "start": _score(scores.get("oppstart")),
                "forrige": _score(scores.get(previous)) if previous else "",
                "na": _score(scores.get(now)) if now != "oppstart" else "",
            }
            for area, scores in areas.items()
        ]
        series = [("Oppstart", tuple(areas[a].get("oppstart") for a in areas))]
        if previous:
            series.append(
                (RATING_TIME_POINTS[previous], tuple(areas[a].get(previous) for a in areas))
            )
        if now != "oppstart":
            series.append((f"Nå ({RATING_TIME_POINTS[now].lower()})",
                           tuple(areas[a].get(now) for a in areas)))  # fmt: skip
        out.append(
            {
                "navn": f"{names.get(member, member)} ({member})",
                "forrige_navn": RATING_TIME_POINTS[previous] if previous else "Forrige",
                "omrader": rows,
                "diagram": BarChart(tuple(areas), tuple(series)),
            }
        )
    return out


def _score(value: int | None) -> str:
    return "" if value is None else str(value)


def report_values(
    case_file: CaseFile, evaluation: Evaluation, plan: calendar.CasePlan, today: date
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the report form's fields, JSON-shaped; the facts shown read-only in the draft)."""
    intake = case_file.intake
    phase = plan.phase.name if plan.phase.name != "avsluttet" else "avslutningsfase"
    fields = {
        "saksnummer": case_file.case.saksnummer,
        "dato": today,
        "utfylt_av": intake.familiepartnere[0].navn,
        "tidspunkt": evaluation.time_point,
        "fase": phase,
        "periode_fra": evaluation.period_from,
        "periode_til": evaluation.meeting,
        "evalueringsmote_dato": evaluation.meeting,
    }
    meetings = [
        m for m in case_file.meetings() if evaluation.period_from <= m.dato <= evaluation.meeting
    ]
    plan_doc = case_file.latest("arbeidsplan")
    action_plan = case_file.latest("tiltaksplan")
    names = {m.key: m.name for m in case_file.members}
    facts = {
        "utkast": True,
        "laget": _d(today),
        "familiepartnere": ", ".join(p.navn for p in intake.familiepartnere),
        "kontaktperson": intake.kontaktperson,
        "periode_tekst": f"{_d(evaluation.period_from)} – {_d(evaluation.meeting)}",
        "evalueringsmote_tekst": f"{_d(evaluation.meeting)} ({TIDSPUNKT[evaluation.time_point]})",
        "seks_mnd": evaluation.time_point == "6_mnd",
        "kontakt_i_perioden": {
            "antall": str(len(meetings)),
            "timer": _hours(sum(m.varighet_timer for m in meetings)),
            "km": f"{sum(m.km or 0 for m in meetings):g}",
            "sted": _tally(meetings, "sted", STED),
            "fokus": _tally(meetings, "fokus", FOKUS),
        },
        "rangeringer": _ratings(case_file, evaluation),
        "arbeidsplan": [
            {
                "type": MALTYPE.get(g["type"], g["type"]),
                "mal": g["mal"],
                "frist": _d(g.get("frist")),
                "status": STATUS.get(g.get("status") or "", ""),
            }
            for g in (plan_doc.data.get("mal", []) if plan_doc else [])
        ],  # fmt: skip
        "tiltaksplan": [
            {
                "nr": goal["nr"],
                "hovedmal": goal["hovedmal"],
                "delmal": sub["delmal"],
                "evalueringsdato": _d(sub.get("evalueringsdato")),
                "konklusjon": KONKLUSJON.get(sub.get("konklusjon") or "", ""),
            }
            for goal in (action_plan.data.get("hovedmal", []) if action_plan else [])
            for sub in goal["delmal"]
        ],  # fmt: skip
        "tjenester": [
            {
                "barn": names.get(child, child),
                "tjeneste": TJENESTER.get(s["tjeneste"], ""),
                "kontaktperson": s.get("kontaktperson") or "",
                "hva_fungerer": s.get("hva_fungerer") or "",
            }
            for child, rows in case_file.services().items()
            for s in rows
        ],  # fmt: skip
        "oppgaver": [
            {"oppgave": t.text, "ansvarlig": t.responsible or "", "frist": _d(t.due)}
            for t in case_file.open_tasks()
        ],
    }
    return fields, facts


def report_context(fields: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    return {**template_context(SPEC, fields), **facts}


@cache
def compiled(template: Path) -> CompiledTemplate:
    """Each template is parsed and compiled once per process."""
    return CompiledTemplate(template)


def draft_name(saksnummer: str, evaluation: Evaluation) -> str:
    return f"rapportmal_{files.case_slug(saksnummer)}_{evaluation.time_point}_utkast.docx"


def write_drafts(
    case_file: CaseFile, folder: Path, today: date, rules: calendar.Rules, template: Path,
    within_days: int = 0,
) -> list[Path]:  # fmt: skip
    """Write every due draft of the case that has not come back completed."""
    plan = case_file.plan(today, rules)
    written = []
    for evaluation in drafts_due(case_file, plan, today, within_days):
        fields, facts = report_values(case_file, evaluation, plan, today)
        data = compiled(template).render(report_context(fields, facts))
        path = folder / draft_name(case_file.case.saksnummer, evaluation)
        files.atomic_write(path, data)
        written.append(path)
    return written


def write_pdfs(
    case_file: CaseFile, folder: Path, today: date, rules: calendar.Rules,
    converter: PdfConverter, template_root: Path, within_days: int = 0,
) -> list[Path | ConversionFailed]:  # fmt: skip
    """For each due draft: its PDF beside it, and the meeting packet (the report, the current
    action plan and the ratings in one PDF with bookmarks). A failed conversion is returned,
    and the .docx stays."""
    from fpdocs.publish import render_template  # publish builds on render; imported late

    plan = case_file.plan(today, rules)
    slug = files.case_slug(case_file.case.saksnummer)
    results: list[Path | ConversionFailed] = []
    for evaluation in drafts_due(case_file, plan, today, within_days):
        draft = folder / draft_name(case_file.case.saksnummer, evaluation)
        if not draft.exists():
            continue
        with tempfile.TemporaryDirectory(prefix="fpdocs-pdf-") as tmp:
            work = Path(tmp)
            sources = [work / draft.name]
            sources[0].write_bytes(draft.read_bytes())
            ratings = work / f"rangeringer_{slug}.docx"
            ratings.write_bytes(
                ratings_summary(
                    {
                        "saksnummer": case_file.case.saksnummer,
                        "undertittel": f"Til evalueringen {_d(evaluation.meeting)}",
                        "rangeringer": _ratings(case_file, evaluation),
                    }
                )
            )
            parts = [("Tremånedersrapport", 0), ("Rangeringer", 1)]
            sources.append(ratings)
            action_plan = case_file.latest("tiltaksplan")
            if action_plan is not None:
                plan_docx = work / f"tiltaksplan_{slug}.docx"
                plan_docx.write_bytes(
                    render_template(FORMS["tiltaksplan"], "docx", action_plan.data, template_root)
                )
                sources.append(plan_docx)
                parts.insert(1, ("Tiltaksplan", 2))
            converted = converter.convert_many(sources, work)
            failed = [c for c in converted if isinstance(c, ConversionFailed)]
            if failed:
                results.append(failed[0])
                continue
            report_pdf = folder / f"{draft.stem}.pdf"
            files.atomic_write(report_pdf, converted[0].read_bytes())
            packet = meeting_packet(
                [(title, converted[i]) for title, i in parts],
                title=(
                    f"Møtepakke – evaluering {TIDSPUNKT[evaluation.time_point].lower()} – "
                    f"sak {case_file.case.saksnummer}"
                ),
                saksnummer=case_file.case.saksnummer,
                subject=f"Perioden {_d(evaluation.period_from)} – {_d(evaluation.meeting)}",
            )
            packet_path = folder / f"motepakke_{slug}_{evaluation.time_point}.pdf"
            files.atomic_write(packet_path, packet)
            results += [report_pdf, packet_path]
    return results
