"""The case calendar: a case's history in, its phases and due items out.

A pure function of its arguments: no I/O, no clock reads (``today`` is a parameter). The rules
follow the domain specification ("The calendar of the measure"); where it is silent the choices
below are what an office would expect.

Dates
    T0 is the intake. Offsets in months are calendar months counted from T0 (never chained), clamped
    to the month's end. Every due date is computed first and then moved to the previous working
    day (Saturday, Sunday and Norwegian public holidays). Phase boundaries and the end date E are
    calendar dates and are not moved; a phase runs from its start up to (not including) its end.

Length and phases
    oppstartsfase T0 ... T0+3m, arbeidsfase T0+3m ... E-3m, avslutningsfase E-3m ... E, then
    ``avsluttet`` from E until the last follow-up call. E = T0+9m, or T0+12m when the case has a
    ``forlengelse`` event (applied whenever it was registered, as long as it is dated before a
    placement or the end; checking that it was decided at the 6-month evaluation is the forms'
    job).

Placement (any ``plassering_*`` event, the first one counts) at P
    The case goes straight into the avslutningsfase and E = P+3m, *even when that is later than
    the normal end*: the arbeidsbok gives the family a three-month closing phase after a placement.
    A placement dated on or after the normal end (or after an ``avslutning``) is ignored. Regular
    evaluations and ratings after P are dropped; the only evaluation after P is the one at E.
    The avslutningsfase starts at P, or at its regular start if P falls inside it. Referrals and
    hand-over are reviewed with the family again by P + ``placement_handover_days`` (an extra
    ``overgang_gjennomgang`` with time point ``plassering``: the regular one belongs to the
    evaluation that starts the avslutningsfase, which is only held if it is not after P).

Early end (``avslutning`` event, the first one counts) at D
    E = D, the phase is ``avsluttet`` from D, and every item due after D is dropped except the
    follow-up calls (which count from D). The closing evaluation, the closing ratings and the
    closing report stay, due on D; when D is before the planned end the closing report items are
    due on D itself (nobody knew in advance, so a lead time before D would make them overdue on
    the day they appear). An ``avslutning`` dated after the planned end is the recorded end and
    also becomes E.

Which items exist
    Ratings (per member) and evaluations with their reports at 3, 6 (and 9 when extended) months
    and at E; work plans at T0+14d and every 3 months strictly before E (the plan made at 6 months
    covers the avslutningsfase); saksevaluering every month up to and including E; the extension
    decision and the regular hand-over review at the evaluation that starts the avslutningsfase
    (6 months; hand-over at 9 months when extended); follow-up calls at E+1, 2 and 3 months.
    Every item due after E is dropped - tasks and meeting notices too, since the measure is
    over - except the follow-up calls.

Pause at A, ``gjenopptatt`` at B
    Every computed date strictly after A moves (B - A) days later (several pauses add up; a
    pause counts for the dates anchored before it). A pause that is still open on ``today`` moves
    them by (today - A) days, so nothing becomes overdue while the family is paused and the phase
    on ``today`` is the one the case was in when it was paused. ``paused_days`` includes the open
    part. Dates people chose explicitly after the fact - task deadlines and the next
    ansvarsgruppemøte - are not moved; planned start visits (chosen at the intake) are.

What makes an item done
    * ``rangeringsskjema``: a received rating form with the same member and time point. The
      closing form also accepts the month name of a regular end (``9_mnd``, or ``12_mnd`` when
      extended).
    * ``hjemmebesok``: received ``hjemmebesok`` or ``moteskjema`` on or after T0, counted once per
      date: the n-th such date satisfies visit n (done late when after its due date).
    * ``kartlegging_tjenester``: a received mapping for that child; one without a member counts
      for the first child still open.
    * Recurring items (``arbeidsplan``, ``saksevaluering``, ``evalueringsmote``, the reports): a
      document with a matching time point satisfies that item. A document without one counts for
      the *latest* item whose window has opened on its date: item n's window opens ``early`` days
      before its due date (``workplan_early_days``, ``case_evaluation_early_days``,
      ``evaluation_early_days``) and lasts until item n+1's opens. So a late document counts as
      that item done late, a second document in the same window (a revision) counts for nothing,
      and an item whose window passed without a document stays overdue. The first arbeidsplan and
      the first saksevaluering have no lower bound.
    * ``evalueringsmote``: an evaluated ``tiltaksplan``. ``rapport_utkast`` and
      ``rapport_gjennomgang``: the ``rapportmal`` of that evaluation (one document does both).
    * ``forlengelse_beslutning``: a ``forlengelse`` event or the 6-month ``rapportmal``, whichever
      is first.
    * ``familierad_soknad``: a received ``familierad_soknad`` (a saksendring saying it was sent).
    * ``overgang_gjennomgang``: the ``rapportmal`` of its evaluation; after a placement, the first
      ``rapportmal`` or ``ansvarsgruppemote`` on or after P.
    * ``oppfolgingssamtale``: a received ``oppfolgingssamtale`` after E (a contact in the meeting
      log, or a saksendring) counts as a recurring item: call n's window opens
      ``followup_call_early_days`` before its date and lasts until call n+1's opens.
    * ``ansvarsgruppemote_innkalling``: a received ``ansvarsgruppemote`` dated on or after the
      meeting (the meeting took place, so it was called).
    * ``oppgave``: the task's ``done_on``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fpdocs.calendar.rules import DEFAULT_RULES, Rules
from fpdocs.calendar.workdays import add_months, previous_working_day

PHASE_START = "oppstartsfase"
PHASE_WORK = "arbeidsfase"
PHASE_CLOSING = "avslutningsfase"
PHASE_ENDED = "avsluttet"

PLACEMENT_EVENTS = frozenset(
    {"plassering_akutt", "plassering_frivillig", "plassering_samtaleprosess", "plassering_nemnd"}
)

STATUS_DONE = "done"
STATUS_OVERDUE = "overdue"
STATUS_DUE = "due"
STATUS_NOT_YET_DUE = "not_yet_due"

CLOSING = "avslutning"
START = "oppstart"
PLACEMENT = "plassering"

#: Every item kind with its general Norwegian name (for headings and spreadsheets).
KIND_NAMES: dict[str, str] = {
    "hjemmebesok": "Hjemmebesøk i oppstartsfasen",
    "rangeringsskjema": "Rangeringsskjema",
    "arbeidsplan": "Arbeidsplan",
    "kartlegging_tjenester": "Kartlegging av tjenester rundt barnet",
    "saksevaluering": "Saksevaluering med kontaktperson",
    "evalueringsmote": "Evalueringsmøte (tiltaksplan)",
    "rapport_utkast": "Rapportutkast",
    "rapport_gjennomgang": "Rapporten gjennomgått med familien",
    "forlengelse_beslutning": "Beslutning om forlengelse",
    "familierad_soknad": "Søknad om familieråd til Bufetat",
    "overgang_gjennomgang": "Overganger og henvisninger gjennomgått med familien",
    "oppfolgingssamtale": "Oppfølgingssamtale etter avslutning",
    "ansvarsgruppemote_innkalling": "Innkalling til ansvarsgruppemøte",
    "oppgave": "Oppgave fra referat eller plan",
}


@dataclass(frozen=True)
class Member:
    """A family member, never a name."""

    key: str  # "foresatt-1", "foresatt-2", "barn-1", ... (role + number)
    is_child: bool


@dataclass(frozen=True)
class Received:
    """A document that arrived for the case."""

    kind: str
    on: date
    ref: str  # document id (content hash) that satisfied it
    member: str | None = None  # Member.key for per-member items
    time_point: str | None = None  # oppstart, 3_mnd, 6_mnd, 9_mnd, 12_mnd, avslutning


@dataclass(frozen=True)
class Event:
    """A case event (form saksendring, report recommendations)."""

    kind: str
    on: date


@dataclass(frozen=True)
class Task:
    """A task from minutes or a plan, with its own deadline."""

    ref: str
    text_key: str
    due: date
    done_on: date | None = None


@dataclass(frozen=True)
class CaseHistory:
    intake: date  # T0
    members: tuple[Member, ...]
    planned_visits: tuple[date, ...] = ()
    familierad: bool = False
    events: tuple[Event, ...] = ()
    received: tuple[Received, ...] = ()
    next_group_meeting: date | None = None
    tasks: tuple[Task, ...] = ()


@dataclass(frozen=True)
class Phase:
    name: str  # oppstartsfase | arbeidsfase | avslutningsfase | avsluttet
    start: date
    end: date  # exclusive: the next phase starts on this date


@dataclass(frozen=True)
class DueItem:
    kind: str
    label: str  # Norwegian bokmål, for staff
    due: date  # already moved to a working day
    status: str  # done | overdue | due | not_yet_due
    member: str | None = None
    time_point: str | None = None
    done_by: str | None = None  # Received.ref (Task.ref for tasks) that satisfied it
    done_on: date | None = None
    ref: str | None = None  # an "oppgave" item's Task.text_key: the same task in every document


@dataclass(frozen=True)
class CasePlan:
    phase: Phase  # the phase on `today`
    phases: tuple[Phase, ...]
    end: date  # E
    extended: bool
    ended: bool  # early end or past E
    paused_days: int
    items: tuple[DueItem, ...]  # sorted by (due, kind, member)

    def next_items(self, n: int = 5) -> tuple[DueItem, ...]:
        """The first ``n`` items that are not done, in due order."""
        return tuple(item for item in self.items if item.status != STATUS_DONE)[:n]


# --- internals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pauses:
    """Pause intervals as (start, days), sorted by start."""

    intervals: tuple[tuple[date, int], ...]

    @property
    def total_days(self) -> int:
        return sum(days for _, days in self.intervals)

    def shift(self, d: date, anchor: date) -> date:
        """Move ``d`` (computed from ``anchor``) past every pause that starts on/after ``anchor``
        and before ``d``."""
        moved = 0
        for start, days in self.intervals:
            if start >= anchor and d + timedelta(days=moved) > start:
                moved += days
        return d + timedelta(days=moved)


def _pauses(events: Sequence[Event], today: date) -> _Pauses:
    intervals: list[tuple[date, int]] = []
    open_since: date | None = None
    for event in events:
        if event.kind == "pause" and open_since is None:
            open_since = event.on
        elif event.kind == "gjenopptatt" and open_since is not None:
            intervals.append((open_since, max(0, (event.on - open_since).days)))
            open_since = None
    if open_since is not None:
        intervals.append((open_since, max(0, (today - open_since).days)))
    return _Pauses(tuple(intervals))


@dataclass
class _Draft:
    kind: str
    label: str
    raw: date  # before moving to a working day
    member: str | None = None
    time_point: str | None = None
    ref: str | None = None
    done_by: str | None = None
    done_on: date | None = None
    keep_after_end: bool = False

    @property
    def due(self) -> date:
        return previous_working_day(self.raw)

    def satisfy(self, ref: str | None, on: date) -> None:
        self.done_by, self.done_on = ref, on


@dataclass(frozen=True)
class _Slot:
    """One item of a recurring series, for matching documents to it."""

    due: date
    aliases: frozenset[str]


@dataclass(frozen=True)
class _Evaluation:
    time_point: str
    months: int | None  # None for the closing evaluation
    when: date  # raw (calendar) date
    aliases: frozenset[str]
    closing: bool = False


def _by_date(docs: Iterable[Received]) -> list[Received]:
    return sorted(docs, key=lambda r: (r.on, r.ref))


def _assign(
    slots: Sequence[_Slot], docs: Iterable[Received], early_days: int, first_open: bool
) -> dict[int, Received]:
    """Which document satisfies which slot (see the module docstring: recurring items)."""
    found: dict[int, Received] = {}
    ordered = _by_date(docs)
    for doc in ordered:
        if doc.time_point is None:
            continue
        for i, slot in enumerate(slots):
            if i not in found and doc.time_point in slot.aliases:
                found[i] = doc
                break
    opens = [slot.due - timedelta(days=early_days) for slot in slots]
    if opens and first_open:
        opens[0] = date.min
    for doc in ordered:
        if doc.time_point is not None:
            continue
        open_slots = [i for i, start in enumerate(opens) if start <= doc.on]
        if open_slots and open_slots[-1] not in found:
            found[open_slots[-1]] = doc
    return found


def _months(m: int) -> str:
    return "1 måned" if m == 1 else f"{m} måneder"


def _status(draft: _Draft, today: date, rules: Rules) -> str:
    if draft.done_on is not None:
        return STATUS_DONE
    due = draft.due
    if due < today:
        return STATUS_OVERDUE
    if due <= today + timedelta(days=rules.due_soon_days):
        return STATUS_DUE
    return STATUS_NOT_YET_DUE


def _first(events: Sequence[Event], kinds: Iterable[str]) -> Event | None:
    wanted = set(kinds)
    return next((e for e in events if e.kind in wanted), None)


# --- the frame: end date, phases and evaluations ------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """What every kind of item is computed from."""

    history: CaseHistory
    today: date
    rules: Rules
    pauses: _Pauses
    events: tuple[Event, ...]  # sorted by date
    extended: bool
    length: int  # months from T0 to the regular end
    placement: date | None
    end: date  # E
    early_end: bool  # ended by an avslutning before the planned end
    phases: tuple[Phase, ...]
    evaluations: tuple[_Evaluation, ...]

    @property
    def t0(self) -> date:
        return self.history.intake

    @property
    def work_months(self) -> int:
        return self.length - self.rules.closing_phase_months

    def at(self, months: int = 0, days: int = 0) -> date:
        """T0 plus an offset, moved past the pauses."""
        return self.pauses.shift(add_months(self.t0, months) + timedelta(days=days), self.t0)

    def docs(self, *kinds: str) -> list[Received]:
        return _by_date(r for r in self.history.received if r.kind in kinds)


def _frame(history: CaseHistory, today: date, rules: Rules) -> _Frame:
    t0 = history.intake
    events = tuple(sorted(history.events, key=lambda e: e.on))
    pauses = _pauses(events, today)

    def at(months: int) -> date:
        return pauses.shift(add_months(t0, months), t0)

    end_event = _first(events, {"avslutning"})
    placement_event = _first(events, PLACEMENT_EVENTS)
    cutoffs = [e.on for e in (end_event, placement_event) if e is not None]
    cutoff = min(cutoffs) if cutoffs else None
    extended = any(e.kind == "forlengelse" and (cutoff is None or e.on < cutoff) for e in events)

    length = rules.extended_length_months if extended else rules.default_length_months
    regular_end = at(length)

    placement: date | None = None
    if placement_event is not None:
        p = max(placement_event.on, t0)
        if p < regular_end and (end_event is None or p < end_event.on):
            placement = p

    if placement is not None:
        planned_end = pauses.shift(add_months(placement, rules.placement_closing_months), placement)
    else:
        planned_end = regular_end
    end = max(end_event.on, t0) if end_event is not None else planned_end

    # phases
    start_end = at(rules.start_phase_months)
    work_end = at(length - rules.closing_phase_months)
    closing_start = min(placement, work_end) if placement is not None else work_end
    followup_end = (
        pauses.shift(add_months(end, rules.followup_call_months[-1]), end)
        if rules.followup_call_months
        else end
    )
    spans = [
        (PHASE_START, t0, min(start_end, closing_start)),
        (PHASE_WORK, start_end, closing_start),
        (PHASE_CLOSING, closing_start, end),
    ]
    phases = [Phase(name, s, min(e, end)) for name, s, e in spans if s < min(e, end)]
    phases.append(Phase(PHASE_ENDED, end, followup_end))

    # evaluations: every 3 months before E (none after a placement), and one at E
    evaluations: list[_Evaluation] = []
    k = 1
    while True:
        m = k * rules.evaluation_every_months
        when = at(m)
        if when >= end or (placement is not None and when > placement):
            break
        evaluations.append(_Evaluation(f"{m}_mnd", m, when, frozenset({f"{m}_mnd"})))
        k += 1
    closing_aliases = {CLOSING}
    if end_event is None and placement is None:
        closing_aliases.add(f"{length}_mnd")
    evaluations.append(_Evaluation(CLOSING, None, end, frozenset(closing_aliases), closing=True))

    return _Frame(
        history=history,
        today=today,
        rules=rules,
        pauses=pauses,
        events=events,
        extended=extended,
        length=length,
        placement=placement,
        end=end,
        early_end=end < planned_end,
        phases=tuple(phases),
        evaluations=tuple(evaluations),
    )


# --- the items, one function per kind ------------------------------------------------------------


def _start_visits(f: _Frame) -> list[_Draft]:
    n_visits = f.rules.start_visits
    cap = f.at(days=f.rules.start_visits_within_days)
    planned = sorted(f.history.planned_visits)[:n_visits]
    dues = sorted(
        [min(f.pauses.shift(v, f.t0), cap) for v in planned] + [cap] * (n_visits - len(planned))
    )
    first_per_day: dict[date, Received] = {}
    for r in f.docs("hjemmebesok", "moteskjema"):
        if r.on >= f.t0:
            first_per_day.setdefault(r.on, r)
    held = list(first_per_day.values())
    drafts = []
    for n, raw in enumerate(dues, start=1):
        draft = _Draft("hjemmebesok", f"Hjemmebesøk {n} av {n_visits}", raw)
        if n <= len(held):
            draft.satisfy(held[n - 1].ref, held[n - 1].on)
        drafts.append(draft)
    return drafts


def _eval_suffix(ev: _Evaluation) -> str:
    return "ved avslutning" if ev.closing else f"({_months(ev.months or 0)})"


def _ratings(f: _Frame) -> list[_Draft]:
    points = [
        (START, f.at(days=f.rules.rating_start_within_days), frozenset({START}), "ved oppstart")
    ]
    points += [(ev.time_point, ev.when, ev.aliases, _eval_suffix(ev)) for ev in f.evaluations]
    ratings = f.docs("rangeringsskjema")
    drafts = []
    for member in f.history.members:
        for time_point, raw, aliases, suffix in points:
            draft = _Draft(
                "rangeringsskjema", f"Rangeringsskjema {suffix}", raw, member.key, time_point
            )
            match = next(
                (r for r in ratings if r.member == member.key and r.time_point in aliases), None
            )
            if match is not None:
                draft.satisfy(match.ref, match.on)
            drafts.append(draft)
    return drafts


def _work_plans(f: _Frame) -> list[_Draft]:
    every = f.rules.workplan_every_months
    drafts = [
        _Draft(
            "arbeidsplan", "Første arbeidsplan", f.at(days=f.rules.first_workplan_days), None, START
        )
    ]
    k = 1
    while (when := f.at(months=k * every)) < f.end:
        m = k * every
        drafts.append(
            _Draft("arbeidsplan", f"Ny arbeidsplan ({_months(m)})", when, time_point=f"{m}_mnd")
        )
        k += 1
    drafts = [d for d in drafts if d.raw <= f.end]
    _satisfy_series(drafts, f.docs("arbeidsplan"), f.rules.workplan_early_days, first_open=True)
    return drafts


def _services_mapping(f: _Frame) -> list[_Draft]:
    due = f.at(months=f.rules.services_mapping_months)
    drafts = [
        _Draft("kartlegging_tjenester", "Kartlegging av tjenester rundt barnet", due, member.key)
        for member in f.history.members
        if member.is_child
    ]
    mappings = f.docs("kartlegging_tjenester")
    for draft in drafts:
        match = next((r for r in mappings if r.member == draft.member), None)
        if match is not None:
            draft.satisfy(match.ref, match.on)
    used = {d.done_by for d in drafts}
    for r in mappings:
        if r.member is None and r.ref not in used:
            still_open = next((d for d in drafts if d.done_on is None), None)
            if still_open is not None:
                still_open.satisfy(r.ref, r.on)
                used.add(r.ref)
    return drafts


def _case_evaluations(f: _Frame) -> list[_Draft]:
    every = f.rules.case_evaluation_every_months
    drafts = []
    k = 1
    while (when := f.at(months=k * every)) <= f.end:
        m = k * every
        label = f"Saksevaluering med kontaktperson ({_months(m)})"
        drafts.append(_Draft("saksevaluering", label, when, time_point=f"{m}_mnd"))
        k += 1
    _satisfy_series(
        drafts, f.docs("saksevaluering"), f.rules.case_evaluation_early_days, first_open=True
    )
    return drafts


def _report_assignment(f: _Frame) -> dict[int, Received]:
    """Which rapportmal belongs to which evaluation (index into ``f.evaluations``)."""
    slots = [_Slot(previous_working_day(ev.when), ev.aliases) for ev in f.evaluations]
    return _assign(slots, f.docs("rapportmal"), f.rules.evaluation_early_days, first_open=False)


def _evaluations_and_reports(f: _Frame, reports: dict[int, Received]) -> list[_Draft]:
    slots = [_Slot(previous_working_day(ev.when), ev.aliases) for ev in f.evaluations]
    meetings = _assign(
        slots, f.docs("tiltaksplan"), f.rules.evaluation_early_days, first_open=False
    )
    drafts = []
    for i, ev in enumerate(f.evaluations):
        name = _eval_suffix(ev)
        if ev.closing and f.early_end:
            draft_raw = review_raw = ev.when
        else:
            draft_raw = ev.when - timedelta(days=f.rules.report_draft_lead_days)
            review_raw = ev.when - timedelta(days=f.rules.report_review_lead_days)
        tp = ev.time_point
        meeting = _Draft("evalueringsmote", f"Evalueringsmøte {name}", ev.when, time_point=tp)
        draft = _Draft("rapport_utkast", f"Rapportutkast klart {name}", draft_raw, time_point=tp)
        review = _Draft(
            "rapport_gjennomgang",
            f"Rapporten gjennomgått med familien {name}",
            review_raw,
            time_point=tp,
        )
        if i in meetings:
            meeting.satisfy(meetings[i].ref, meetings[i].on)
        if i in reports:
            draft.satisfy(reports[i].ref, reports[i].on)
            review.satisfy(reports[i].ref, reports[i].on)
        drafts += [meeting, draft, review]
    return drafts


def _extension_decision(f: _Frame, reports: dict[int, Received]) -> list[_Draft]:
    """At the evaluation that would start the regular avslutningsfase (6 months)."""
    decision_months = f.rules.default_length_months - f.rules.closing_phase_months
    drafts = []
    for i, ev in enumerate(f.evaluations):
        if ev.months != decision_months:
            continue
        decision = _Draft(
            "forlengelse_beslutning",
            "Beslutning om eventuell forlengelse av arbeidsfasen",
            ev.when,
            time_point=ev.time_point,
        )
        evidence: list[tuple[date, str | None]] = [
            (e.on, None) for e in f.events if e.kind == "forlengelse"
        ]
        if i in reports:
            evidence.append((reports[i].on, reports[i].ref))
        if evidence:
            on, ref = min(evidence, key=lambda c: (c[0], c[1] or ""))
            decision.satisfy(ref, on)
        drafts.append(decision)
    return drafts


def _familierad(f: _Frame) -> list[_Draft]:
    if not f.history.familierad:
        return []
    application = _Draft(
        "familierad_soknad",
        "Søknad om familieråd sendt til Bufetat",
        f.at(months=f.rules.familierad_by_months),
    )
    sent = f.docs("familierad_soknad")
    if sent:
        application.satisfy(sent[0].ref, sent[0].on)
    return [application]


def _handover(f: _Frame, reports: dict[int, Received]) -> list[_Draft]:
    label = "Overganger og henvisninger gjennomgått med familien"
    drafts = []
    for i, ev in enumerate(f.evaluations):
        if ev.months == f.work_months:
            handover = _Draft("overgang_gjennomgang", label, ev.when, time_point=ev.time_point)
            if i in reports:
                handover.satisfy(reports[i].ref, reports[i].on)
            drafts.append(handover)
    if f.placement is not None:
        p = f.placement
        handover = _Draft(
            "overgang_gjennomgang",
            f"{label} etter plassering",
            f.pauses.shift(p + timedelta(days=f.rules.placement_handover_days), p),
            time_point=PLACEMENT,
        )
        after = [r for r in f.docs("rapportmal", "ansvarsgruppemote") if r.on >= p]
        if after:
            handover.satisfy(after[0].ref, after[0].on)
        drafts.append(handover)
    return drafts


def _followup_calls(f: _Frame) -> list[_Draft]:
    drafts = [
        _Draft(
            "oppfolgingssamtale",
            f"Oppfølgingssamtale {n} etter avslutning",
            f.pauses.shift(add_months(f.end, m), f.end),
            keep_after_end=True,
        )
        for n, m in enumerate(f.rules.followup_call_months, start=1)
    ]
    # a contact counts for the call whose window it falls in (from early days before its date
    # until the next call's window opens): the closing meeting and the days after it count for
    # nothing, a second contact in one window neither
    after_end = [r for r in f.docs("oppfolgingssamtale") if r.on > f.end]
    _satisfy_series(drafts, after_end, f.rules.followup_call_early_days, first_open=False)
    return drafts


def _group_meeting_notice(f: _Frame) -> list[_Draft]:
    meeting_day = f.history.next_group_meeting
    if meeting_day is None:
        return []
    notice = _Draft(
        "ansvarsgruppemote_innkalling",
        "Innkalling til ansvarsgruppemøte",
        meeting_day - timedelta(days=f.rules.group_meeting_notice_days),
    )
    held = [r for r in f.docs("ansvarsgruppemote") if r.on >= meeting_day]
    if held:
        notice.satisfy(held[0].ref, held[0].on)
    return [notice]


def _tasks(f: _Frame) -> list[_Draft]:
    drafts = []
    for task in f.history.tasks:
        item = _Draft("oppgave", "Oppgave fra referat eller plan", task.due, ref=task.text_key)
        if task.done_on is not None:
            item.satisfy(task.ref, task.done_on)
        drafts.append(item)
    return drafts


# --- the planner -------------------------------------------------------------------------------


def plan_case(history: CaseHistory, today: date, rules: Rules = DEFAULT_RULES) -> CasePlan:
    """The case's phases and due items as seen on ``today`` (see the module docstring)."""
    f = _frame(history, today, rules)
    reports = _report_assignment(f)
    drafts = [
        *_start_visits(f),
        *_ratings(f),
        *_work_plans(f),
        *_services_mapping(f),
        *_case_evaluations(f),
        *_evaluations_and_reports(f, reports),
        *_extension_decision(f, reports),
        *_familierad(f),
        *_handover(f, reports),
        *_followup_calls(f),
        *_group_meeting_notice(f),
        *_tasks(f),
    ]
    items = sorted(
        (
            DueItem(
                kind=d.kind,
                label=d.label,
                due=d.due,
                status=_status(d, today, rules),
                member=d.member,
                time_point=d.time_point,
                done_by=d.done_by,
                done_on=d.done_on,
                ref=d.ref,
            )
            for d in drafts
            if d.keep_after_end or d.raw <= f.end
        ),
        key=lambda i: (i.due, i.kind, i.member or "", i.time_point or "", i.label, i.ref or ""),
    )
    started = [p for p in f.phases if p.start <= today]
    return CasePlan(
        phase=started[-1] if started else f.phases[0],
        phases=f.phases,
        end=f.end,
        extended=f.extended,
        ended=today >= f.end,
        paused_days=f.pauses.total_days,
        items=tuple(items),
    )


def _satisfy_series(
    series: list[_Draft], received: Iterable[Received], early_days: int, first_open: bool
) -> None:
    slots = [_Slot(d.due, frozenset({d.time_point} if d.time_point else set())) for d in series]
    for i, doc in _assign(slots, received, early_days, first_open).items():
        series[i].satisfy(doc.ref, doc.on)


__all__ = [
    "CLOSING",
    "KIND_NAMES",
    "PHASE_CLOSING",
    "PHASE_ENDED",
    "PHASE_START",
    "PHASE_WORK",
    "PLACEMENT_EVENTS",
    "START",
    "CaseHistory",
    "CasePlan",
    "DueItem",
    "Event",
    "Member",
    "Phase",
    "Received",
    "Task",
    "plan_case",
]
