"""Regenerate three-month report drafts for many cases at once, on every core.

Each worker process opens the database and compiles the report template once, then renders
case after case. One broken case is reported and the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fpdocs import files, reports
from fpdocs.cases import load_case
from fpdocs.config import Settings
from fpdocs.store import Case, Store


@dataclass(frozen=True)
class CaseResult:
    saksnummer: str
    status: str  # written | skipped | failed
    paths: tuple[str, ...] = ()
    reason: str = ""


@dataclass
class Summary:
    written: list[CaseResult] = field(default_factory=list)
    skipped: list[CaseResult] = field(default_factory=list)
    failed: list[CaseResult] = field(default_factory=list)

    def add(self, result: CaseResult) -> None:
        getattr(self, result.status).append(result)

    @property
    def drafts(self) -> int:
        return sum(len(r.paths) for r in self.written)


def select_cases(store: Store, *, case: str | None = None, team: str | None = None) -> list[Case]:
    return [
        c
        for c in store.cases()
        if (case is None or c.saksnummer == case) and (team is None or c.team == team)
    ]


# --- one worker process -----------------------------------------------------------------------

_worker: dict[str, object] = {}


def _start_worker(settings: Settings, today: date, template: Path, within_days: int) -> None:
    _worker.update(
        store=Store(settings.database), settings=settings, today=today, template=template,
        within_days=within_days,
    )  # fmt: skip


def _regenerate_case(saksnummer: str) -> CaseResult:
    """Runs in a worker: write the case's due drafts. Errors are reported by type only (their
    messages may quote personal data)."""
    settings: Settings = _worker["settings"]  # type: ignore[assignment]
    try:
        case_file = load_case(_worker["store"], saksnummer)  # type: ignore[arg-type]
        if case_file is None:
            return CaseResult(saksnummer, "failed", reason="saken mangler inntakssamtale")
        folder = settings.outbox / case_file.case.team / files.case_slug(saksnummer)
        paths = reports.write_drafts(
            case_file, folder, _worker["today"], settings.kalender,  # type: ignore[arg-type]
            _worker["template"], _worker["within_days"],  # type: ignore[arg-type]
        )  # fmt: skip
    except Exception as error:  # noqa: BLE001 - one broken case must not stop the batch
        return CaseResult(saksnummer, "failed", reason=type(error).__name__)
    if not paths:
        return CaseResult(saksnummer, "skipped", reason="ingen rapport er aktuell nå")
    return CaseResult(saksnummer, "written", tuple(str(p) for p in paths))


def regenerate(
    settings: Settings,
    cases: Iterable[Case],
    today: date,
    *,
    template: Path,
    within_days: int = 0,
    workers: int | None = None,
    progress: Callable[[CaseResult], None] = lambda result: None,
) -> Summary:
    """Write the due drafts of ``cases`` with ``workers`` processes (default: every core)."""
    summary = Summary()
    numbers = [c.saksnummer for c in cases]
    workers = max(1, min(workers or os.cpu_count() or 1, len(numbers) or 1))
    if workers == 1:
        _start_worker(settings, today, template, within_days)
        for number in numbers:
            result = _regenerate_case(number)
            summary.add(result)
            progress(result)
        return summary
    with ProcessPoolExecutor(
        max_workers=workers,
        initializer=_start_worker,
        initargs=(settings, today, template, within_days),
    ) as pool:
        for future in as_completed([pool.submit(_regenerate_case, n) for n in numbers]):
            result = future.result()
            summary.add(result)
            progress(result)
    return summary
