"""A case as fpdocs knows it: the intake that opened it and every document since, turned into the
calendar's case history. The bridge between stored documents, forms and the calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fpdocs import calendar
from fpdocs.forms import FORMS, FormModel
from fpdocs.forms.inntakssamtale import Inntakssamtale
from fpdocs.forms.triggers import FamilyMember
from fpdocs.store import Case, Store, StoredDocument


@dataclass(frozen=True)
class CaseFile:
    case: Case
    intake: Inntakssamtale
    documents: tuple[StoredDocument, ...]

    @property
    def members(self) -> list[FamilyMember]:
        return self.intake.members()

    def history(self) -> calendar.CaseHistory:
        received: list[calendar.Received] = []
        for doc in self.documents:
            spec = FORMS.get(doc.form)
            if spec is None or spec.receipts is None:
                continue
            form = _model(doc)
            for receipt in spec.receipts(form, self.members):
                received.append(calendar.Received(ref=doc.sha256, **receipt))
        return calendar.CaseHistory(
            intake=self.intake.dato,
            members=tuple(calendar.Member(m.key, m.is_child) for m in self.members),
            planned_visits=tuple(v.dato for v in self.intake.hjemmebesok),
            familierad=self.intake.familierad_aktuelt in ("ja", "vurderes"),
            received=tuple(received),
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


def _model(doc: StoredDocument) -> FormModel:
    # stored data was validated on arrival; re-validate without context checks of "today"
    return FORMS[doc.form].model.model_validate(doc.data)


def load_case(store: Store, saksnummer: str) -> CaseFile | None:
    case = store.case(saksnummer)
    if case is None:
        return None
    opened = store.document(case.opened_by)
    if opened is None:
        return None
    intake = Inntakssamtale.model_validate(opened.data)
    return CaseFile(case, intake, tuple(store.documents(saksnummer)))
