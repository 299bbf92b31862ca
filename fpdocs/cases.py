"""A case as fpdocs knows it: the intake that opened it and every document since, turned into
the calendar's case history, the meetings, ratings and services. Everything here is derived
from the stored documents, so it can be rebuilt from the archive at any time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fpdocs import calendar
from fpdocs.forms import FORMS, FormModel
from fpdocs.forms.base import Facts, TaskFact
from fpdocs.forms.inntakssamtale import Inntakssamtale
from fpdocs.forms.triggers import FamilyMember, member_named
from fpdocs.store import Case, Store, StoredDocument


@dataclass(frozen=True)
class Meeting:
    """One contact from the meeting log, counted once however often the log is dropped."""

    dato: date
    familiepartner: str | None
    sted: str
    fokus: str
    tema: tuple[str, ...]
    varighet_timer: float
    km: float | None


@dataclass(frozen=True)
class OpenTask:
    key: str
    text: str
    due: date | None
    responsible: str | None = None


@dataclass(frozen=True)
class CaseFile:
    case: Case
    intake: Inntakssamtale
    documents: tuple[StoredDocument, ...]

    @property
    def members(self) -> list[FamilyMember]:
        return self.intake.members()

    def _facts(self) -> list[tuple[StoredDocument, Facts]]:
        found = []
        for doc in self.documents:
            spec = FORMS.get(doc.form)
            if spec is not None and spec.facts is not None:
                found.append((doc, spec.facts(model_of(doc), self.members)))
        return found

    def _tasks(self) -> dict[str, tuple[TaskFact, date | None, str]]:
        """Every task by key: its newest version, the date it was marked done, and its source.
        A scoped task (a plan's goal) counts only while it is in the newest document of its
        scope."""
        newest_scope: dict[str, str] = {}
        for doc, facts in self._facts():
            for task in facts.tasks:
                if task.scope:
                    newest_scope[task.scope] = doc.sha256
        tasks: dict[str, tuple[TaskFact, date | None, str]] = {}
        for doc, facts in self._facts():
            for task in facts.tasks:
                if task.scope and newest_scope[task.scope] != doc.sha256:
                    continue
                previous = tasks.get(task.key)
                done_on = previous[1] if previous else None
                if task.done and done_on is None:
                    done_on = _doc_date(doc)
                tasks[task.key] = (task, done_on, doc.sha256)
        return tasks

    def open_tasks(self) -> list[OpenTask]:
        return [
            OpenTask(key, task.text, task.due, task.responsible)
            for key, (task, done_on, _) in self._tasks().items()
            if done_on is None and task.scope is None
        ]

    def history(self) -> calendar.CaseHistory:
        received: list[calendar.Received] = []
        events: list[calendar.Event] = []
        next_meeting: date | None = None
        for doc, facts in self._facts():
            for receipt in facts.receipts:
                received.append(calendar.Received(ref=doc.sha256, **receipt))
            events += [calendar.Event(kind, on) for kind, on in facts.events]
            if facts.next_group_meeting:
                next_meeting = facts.next_group_meeting
        tasks = tuple(
            calendar.Task(ref=source, text_key=key, due=task.due, done_on=done_on)
            for key, (task, done_on, source) in self._tasks().items()
            if task.due is not None
        )
        return calendar.CaseHistory(
            intake=self.intake.dato,
            members=tuple(calendar.Member(m.key, m.is_child) for m in self.members),
            planned_visits=tuple(v.dato for v in self.intake.hjemmebesok),
            familierad=self.intake.familierad_aktuelt in ("ja", "vurderes"),
            events=tuple(sorted(events, key=lambda e: e.on)),
            received=tuple(received),
            next_group_meeting=next_meeting,
            tasks=tasks,
        )

    def plan(self, today: date, rules: calendar.Rules) -> calendar.CasePlan:
        return calendar.plan_case(self.history(), today, rules)

    def warnings(self) -> list[dict[str, Any]]:
        """Warnings recorded for the case's documents, newest document last."""
        found = []
        for doc in self.documents:
            for issue in (doc.data.get("behandling") or {}).get("advarsler", []):
                found.append({"skjema": FORMS[doc.form].title, **issue})
        return found

    def latest(self, form: str) -> StoredDocument | None:
        docs = [d for d in self.documents if d.form == form]
        return docs[-1] if docs else None

    def meetings(self) -> list[Meeting]:
        """Every meeting in the case's meeting logs, once. A meeting is the same when date,
        family partner, place and focus match (the n-th such row in a log matches the n-th in
        another); a newer log's version of it wins, so corrected hours are not counted twice."""
        found: dict[tuple[Any, ...], Meeting] = {}
        for doc in self.documents:
            if doc.form != "moteskjema":
                continue
            seen: dict[tuple[Any, ...], int] = {}
            for row in doc.data.get("moter", []):
                base = (row["dato"], (row.get("familiepartner") or "").casefold(), row["sted"],
                        row["fokus"])  # fmt: skip
                seen[base] = seen.get(base, 0) + 1
                found[(*base, seen[base])] = Meeting(
                    dato=date.fromisoformat(row["dato"]),
                    familiepartner=row.get("familiepartner"),
                    sted=row["sted"],
                    fokus=row["fokus"],
                    tema=tuple(row.get("tema") or ()),
                    varighet_timer=float(row["varighet_timer"]),
                    km=row.get("km"),
                )
        return sorted(found.values(), key=lambda m: m.dato)

    def ratings(self) -> dict[str, dict[str, dict[str, int | None]]]:
        """member key -> area -> time point -> score, from the newest form of each."""
        table: dict[str, dict[str, dict[str, int | None]]] = {}
        for doc in self.documents:
            if doc.form != "rangeringsskjema":
                continue
            member = member_named(doc.data["navn"], self.members) or doc.data["navn"]
            for row in doc.data.get("vurderinger", []):
                areas = table.setdefault(member, {})
                areas.setdefault(row["omrade"], {})[doc.data["tidspunkt"]] = row.get("score")
        return table

    def services(self) -> dict[str, list[dict[str, Any]]]:
        """child key -> services from the newest services mapping of that child."""
        found: dict[str, list[dict[str, Any]]] = {}
        for doc in self.documents:
            if doc.form == "kartlegging_tjenester":
                child = member_named(doc.data["barnets_navn"], self.members) or "barn"
                found[child] = doc.data.get("tjenester", [])
        return found


def model_of(doc: StoredDocument) -> FormModel:
    """The stored JSON as its model again (it was validated when it arrived)."""
    return FORMS[doc.form].model.model_validate(doc.data)


def _doc_date(doc: StoredDocument) -> date:
    return date.fromisoformat((doc.data.get("dato") or doc.received_at)[:10])


def load_case(store: Store, saksnummer: str) -> CaseFile | None:
    case = store.case(saksnummer)
    if case is None:
        return None
    opened = store.document(case.opened_by)
    if opened is None:
        return None
    intake = Inntakssamtale.model_validate(opened.data)
    return CaseFile(case, intake, tuple(store.documents(saksnummer)))
