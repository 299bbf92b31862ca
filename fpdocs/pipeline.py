"""Process one dropped file end to end. The only place that knows the order of the steps:

claim -> hash -> identify -> read -> validate -> record -> plan -> write -> archive original,
and, when the file cannot be used, quarantine with a Norwegian note. Nothing is lost: the file
ends in the archive or in feil/, and a step that fails halfway is redone on the next run.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fpdocs import files, notes, overviews, privacy, reports
from fpdocs.calendar import add_months
from fpdocs.case_overview import overview_of
from fpdocs.cases import CaseFile, load_case
from fpdocs.config import Settings
from fpdocs.extract import extract, identify
from fpdocs.forms import FORMS, FormModel, FormSpec, Output, Processing
from fpdocs.forms.base import Issue, issues_from
from fpdocs.forms.triggers import TriggerContext
from fpdocs.publish import TEMPLATE_ROOT, render_template
from fpdocs.readers import Refused, read
from fpdocs.render.documents import DOCUMENTS
from fpdocs.render.ics import calendar_file
from fpdocs.render.overview import render_overview
from fpdocs.store import Store, StoredDocument, now

log = logging.getLogger("fpdocs")


@dataclass
class Outcome:
    status: str  # processed | duplicate | rejected
    sha256: str
    form: str | None = None
    saksnummer: str | None = None
    note: Path | None = None
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


class Rejected(Exception):
    """The file cannot be used; ``note`` is the Norwegian text for staff."""

    def __init__(self, reason: str, note: str, form: str | None = None):
        super().__init__(reason)
        self.reason, self.note, self.form = reason, note, form


@dataclass
class Examined:
    """A form read and validated, not yet recorded."""

    spec: FormSpec
    form: FormModel
    row_issues: list[Issue]
    warnings: list[Issue]


class Pipeline:
    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        today: Callable[[], date] = date.today,
        forms: dict[str, FormSpec] = FORMS,
        template_root: Path = TEMPLATE_ROOT,
    ):
        self.settings = settings
        self.store = store or Store(settings.database)
        self.today = today
        self.forms = forms
        self.template_root = template_root
        self.overviews_stale = False  # a document changed a case since outbox/oversikt/ was written
        self.limits = settings.limits()
        self._worker: Path | None = None

    @property
    def worker(self) -> Path:
        """This process's claim folder in the work folder (``files.worker_dir``)."""
        if self._worker is None:
            files.make_dir(self.settings.work_dir, files.PRIVATE_DIR)
            self._worker = files.worker_dir(self.settings.work_dir)
        return self._worker

    # --- entry points -------------------------------------------------------------------

    def process_file(self, path: Path, team: str | None = None) -> Outcome | None:
        """Run the pipeline on one file (``fpdocs process``). A file in the inbox is taken as
        the watcher would take it; a file elsewhere is copied in and left where it is."""
        path = path.resolve()
        inbox = self.settings.inbox.resolve()
        if path.parent == inbox:
            dropped = files.Dropped(path, team or files.DEFAULT_TEAM)
        elif path.parent.parent == inbox:
            dropped = files.Dropped(path, team or path.parent.name)
        else:
            dropped = None
        if dropped is None:
            claim = files.claim_copy(path, team or files.DEFAULT_TEAM, self.worker)
        else:
            claim = files.claim(dropped, self.worker)
        outcome = self.process_claim(claim) if claim else None
        self.refresh_overviews()
        return outcome

    def refresh_overviews(self) -> None:
        """Write outbox/oversikt/ if a document changed a case since it was last written. The
        watcher calls this once its queue is empty, so a batch of drops refreshes it once."""
        if self.overviews_stale:
            self.overviews_stale = False
            overviews.refresh_logged(self.store, self.settings, self.today())

    def process_claim(self, claim: files.Claim) -> Outcome:
        """Every step is safe to run again: a claim a stop interrupted is finished by running
        this again on it (``recover``), and its arrival is counted once, by the claim's id."""
        received = datetime.now()
        size = claim.path.stat().st_size
        too_large = size > self.limits.max_file_bytes  # never read a huge file into memory
        data = b"" if too_large else claim.path.read_bytes()
        sha = files.sha256_of_file(claim.path) if too_large else files.sha256_of(data)
        name = files.safe_name(claim.name)
        try:
            return self._process(claim, data, sha, size)
        except Rejected as rejected:
            self.store.add_arrival(sha, claim.team, f"rejected:{rejected.reason}", claim.id)
            note = rejected.note if name == claim.name else notes.renamed(rejected.note, name)
            note_path = files.quarantine(claim, self.settings.inbox, note)
            log.warning(
                "rejected sha256=%s form=%s reason=%s team=%s",
                sha[:12], rejected.form or "-", rejected.reason, claim.team,
            )  # fmt: skip
            return Outcome("rejected", sha, rejected.form, note=note_path)
        except Exception as error:  # noqa: BLE001 - one bad file must never stop the watcher
            note = notes.unusable_file(
                "fpdocs fikk en uventet feil da filen ble lest inn.",
                "et utfylt skjema fra outbox/maler/",
                "Legg filen i innboksen igjen om litt. Skjer det igjen, kontakt IT og oppgi "
                "referansen over.",
                name=name, received=received, sha256=sha,
            )  # fmt: skip
            self.store.add_arrival(sha, claim.team, "failed", claim.id)
            note = note if name == claim.name else notes.renamed(note, name)
            note_path = files.quarantine(claim, self.settings.inbox, note)
            # the type and place only: messages may quote field values or file names
            log.error("failed sha256=%s error=%s", sha[:12], privacy.describe_error(error))
            return Outcome("rejected", sha, note=note_path)

    def recover(self) -> list[Outcome]:
        """Finish claims that processes which stopped left behind (a crash, a kill, a power
        cut), this one's earlier runs included."""
        claims = files.unfinished_claims(self.settings.work_dir, self.worker)
        if claims:
            log.info("recovering unfinished claims=%d", len(claims))
        return [self.process_claim(c) for c in claims]

    # --- the steps ----------------------------------------------------------------------

    def _process(self, claim: files.Claim, data: bytes, sha: str, size: int) -> Outcome:
        received = datetime.now()
        where = dict(name=files.safe_name(claim.name), received=received, sha256=sha)
        team_folder = f"inbox/{claim.team}/"
        earlier = self.store.arrival_of(claim.id)  # recorded before a stop interrupted it
        if self.store.has_document(sha):
            return self._duplicate(claim, data, sha, recovered=earlier == "processed")
        examined = self._examine(data, size, where, team_folder, self.today())
        spec, form, row_issues, warnings = (
            examined.spec, examined.form, examined.row_issues, examined.warnings
        )  # fmt: skip
        note = None
        if row_issues:  # the good rows are in; say which rows were left out and why
            text = notes.rejected_rows(
                row_issues, team_folder=team_folder,
                form=f"{spec.title} (versjon {spec.version})", **where,
            )  # fmt: skip
            note = files.write_note(self.settings.inbox, claim.team, claim.name, text)
        stored = self._record(
            examined, data, sha, Path(claim.name).suffix, claim.team, now(), claim.id
        )
        outputs = self._outputs_of_recorded(stored)
        files.release(claim)
        log.info(
            "processed sha256=%s form=%s case=%s team=%s warnings=%d outputs=%d",
            sha[:12], spec.name, form.saksnummer, stored.team, len(warnings), len(outputs),
        )  # fmt: skip
        self.overviews_stale = True
        return Outcome("processed", sha, spec.name, form.saksnummer, note, outputs, warnings)

    def rebuild_one(self, data: bytes, item: files.Archived, team: str) -> str:
        """Read, validate and record one archived original into this pipeline's (fresh) store
        as it was when it arrived: validated against that day. Writes no file."""
        if self.store.has_document(item.sha256):
            return "duplicate"
        received = datetime.fromisoformat(item.received) if item.received else datetime.now()
        where = dict(name=item.path.name, received=received, sha256=item.sha256)
        try:
            examined = self._examine(data, len(data), where, f"inbox/{team}/", received.date())
        except Rejected as rejected:
            return f"rejected:{rejected.reason}"
        stamp = received.astimezone().isoformat(timespec="seconds")
        self._record(examined, data, item.sha256, item.path.suffix, team, stamp, None, False)
        return "processed"

    def _examine(
        self, data: bytes, size: int, where: dict[str, Any], team_folder: str, today: date
    ) -> Examined:
        """Look at the file, read it, find the form and validate it; ``Rejected`` with the note
        when it cannot be used."""
        try:
            if size > self.limits.max_file_bytes:
                raise Refused("too_large", size=size, limit=self.limits.max_file_bytes)
            content = read(data, self.limits)
        except Refused as refused:
            raise Rejected(
                refused.reason,
                notes.refused_file(
                    refused.reason, refused.facts, described=notes.describe_content(data),
                    team_folder=team_folder, **where,
                ),
            ) from None  # fmt: skip
        spec = identify(content, self.forms)
        if spec is None:
            raise Rejected(
                "unknown_form",
                notes.unusable_file(
                    "Dokumentet er et Word- eller Excel-dokument, men ikke et av skjemaene "
                    "fpdocs kjenner.",
                    "et av skjemaene i outbox/maler/ ("
                    + ", ".join(s.title for s in self.forms.values())
                    + ")",
                    "Bruk et tomt skjema fra outbox/maler/, fyll det ut og lagre det i "
                    f"{team_folder}.",
                    **where,
                ),
            )
        values = spec.model_input(extract(content, spec))
        context = self._validation_context(values.get("saksnummer"), today)
        row_issues = self._check_rows(spec, values, context)
        try:
            form = spec.model.model_validate(values, context=context)
        except ValidationError as error:
            raise Rejected(
                "invalid",
                notes.invalid_form(
                    issues_from(error, spec.model), team_folder=team_folder,
                    form=f"{spec.title} (versjon {spec.version})", **where,
                ),
                spec.name,
            ) from None  # fmt: skip
        if not spec.opens_case and self.store.case(form.saksnummer) is None:
            raise Rejected(
                "unknown_case",
                notes.invalid_form(
                    [
                        Issue(
                            felt="Saksnummer",
                            nokkel="saksnummer",
                            funnet=form.saksnummer,
                            forventet="et saksnummer som fpdocs kjenner: inntakssamtalen for "
                            "saken må leses inn først",
                        )
                    ],
                    team_folder=team_folder, form=f"{spec.title} (versjon {spec.version})",
                    **where,
                ),
                spec.name,
            )  # fmt: skip
        return Examined(spec, form, row_issues, row_issues + form.warnings(context))

    def _record(
        self, examined: Examined, data: bytes, sha: str, suffix: str, dropped_in: str,
        received: str, claim_id: str | None, archive: bool = True,
    ) -> StoredDocument:  # fmt: skip
        """Archive the original, then record the document, its case and the arrival in one
        transaction. National identity numbers in free text are masked first (a setting)."""
        spec, form = examined.spec, examined.form
        form.behandling = Processing(
            skjema=spec.name,
            versjon=spec.version,
            sha256=sha,
            mottatt=received,
            advarsler=examined.warnings,
        )
        values = form.model_dump(mode="json")
        if self.settings.mask_national_ids:
            values = privacy.mask_national_ids(values)
        team = self._team_of(spec, form, dropped_in)
        archived = (
            files.archive(data, sha, suffix, self.settings.archive, dropped_in, received)
            if archive
            else files.archive_path(self.settings.archive, sha, suffix)
        )
        stored = StoredDocument(
            sha, spec.name, spec.version, form.saksnummer, team, received, values
        )  # fmt: skip
        with self.store.transaction():
            self.store.add_document(stored, archived, _iso(getattr(form, "dato", None)))
            if spec.opens_case:
                self.store.open_case(form.saksnummer, team, sha)
            else:
                self.store.touch_case(form.saksnummer)
            if claim_id is not None:
                self.store.add_arrival(sha, dropped_in, "processed", claim_id)
        return stored

    def _duplicate(self, claim: files.Claim, data: bytes, sha: str, recovered: bool) -> Outcome:
        """The same content again: nothing new to record; missing outputs are written again.
        A claim recorded before a stop interrupted it (``recovered``) is finished instead:
        all its outputs written again, its arrival counted once."""
        stored = self.store.document(sha)
        assert stored is not None
        files.archive(data, sha, Path(claim.name).suffix, self.settings.archive, claim.team)
        made = self.store.generated_from(sha)
        missing = recovered or not made or not all(Path(p).exists() for p in made)
        outputs = self._outputs_of_recorded(stored) if missing else []
        if not recovered:
            self.store.add_arrival(sha, claim.team, "duplicate", claim.id)
        files.release(claim)
        if recovered:
            log.info(
                "processed sha256=%s form=%s case=%s: finished after a stop, outputs=%d",
                sha[:12], stored.form, stored.saksnummer, len(outputs),
            )  # fmt: skip
            self.overviews_stale = True
            return Outcome("processed", sha, stored.form, stored.saksnummer, outputs=outputs)
        log.info(
            "duplicate sha256=%s form=%s case=%s: already processed, archived",
            sha[:12], stored.form, stored.saksnummer,
        )  # fmt: skip
        return Outcome("duplicate", sha, stored.form, stored.saksnummer, outputs=outputs)

    def _outputs_of_recorded(self, stored: StoredDocument) -> list[Path]:
        """Write the outputs of a document that is recorded and archived. A failure here is
        logged and does not send the file to feil/: it is safe in the archive. What was written
        is forgotten, so that dropping the same file again writes all of it."""
        try:
            return self._write_outputs(stored)
        except Exception as error:  # noqa: BLE001
            self.store.forget_generated(stored.sha256)
            log.error(
                "outputs not written sha256=%s case=%s error=%s",
                stored.sha256[:12], stored.saksnummer, privacy.describe_error(error),
            )  # fmt: skip
            return []

    def _team_of(self, spec: FormSpec, form: FormModel, dropped_in: str) -> str:
        case = self.store.case(form.saksnummer)
        if case is None or spec.opens_case:
            return dropped_in
        return case.team

    def _validation_context(self, saksnummer: Any, today: date) -> dict[str, Any]:
        """What checks may look at besides the form: settings, today, and the case's plan."""
        case_file = load_case(self.store, saksnummer) if isinstance(saksnummer, str) else None
        return {
            "case_number_pattern": self.settings.case_number_pattern,
            "today": today,
            "visit_window_days": self.settings.kalender.start_visits_within_days,
            "due_soon_days": self.settings.kalender.due_soon_days,
            "rating_areas": self.settings.rating_areas_adult + self.settings.rating_areas_child,
            "plan": case_file.plan(today, self.settings.kalender) if case_file else None,
        }

    @staticmethod
    def _check_rows(spec: FormSpec, values: dict[str, Any], context: dict[str, Any]) -> list[Issue]:
        """For a log kept row by row: drop the rows with errors and say which (by the row
        number staff see), so the good rows are kept."""
        if not spec.row_by_row or not values.get(spec.row_by_row):
            return []
        row_model, label = spec.row_model(spec.row_by_row), spec.field(spec.row_by_row).label
        kept, issues = [], []
        for item in values[spec.row_by_row]:
            try:
                row_model.model_validate(item, context=context)
            except ValidationError as error:
                for issue in issues_from(error, row_model):
                    issue.felt = f"{label}, rad {item.get('_rad', '?')}: {issue.felt}"
                    issue.nokkel = f"{spec.row_by_row}[rad {item.get('_rad', '?')}].{issue.nokkel}"
                    issues.append(issue)
                continue
            kept.append(item)
        values[spec.row_by_row] = kept
        return issues

    # --- writing ------------------------------------------------------------------------

    def case_folder(self, team: str, saksnummer: str) -> Path:
        return self.settings.outbox / team / files.case_slug(saksnummer)

    def _write_outputs(self, stored: StoredDocument) -> list[Path]:
        spec = self.forms[stored.form]
        case_file = load_case(self.store, stored.saksnummer)
        team = case_file.case.team if case_file else stored.team
        folder = self.case_folder(team, stored.saksnummer)
        slug = files.case_slug(stored.saksnummer)
        form_date = stored.data.get("dato") or stored.received_at[:10]
        written = []

        json_path = folder / f"{spec.name}_{slug}_{form_date}_{stored.sha256[:8]}.json"
        written.append(self._write(json_path, _json(stored.data), stored, "json"))
        if spec.triggers is not None:
            form = spec.model.model_validate(stored.data)
            context = TriggerContext(
                case_slug=slug,
                rating_areas_adult=self.settings.rating_areas_adult,
                rating_areas_child=self.settings.rating_areas_child,
                workplan_months=self.settings.kalender.workplan_every_months,
                months_after=add_months,
                open_tasks=tuple(
                    {"text": t.text, "due": t.due, "responsible": t.responsible}
                    for t in (case_file.open_tasks() if case_file else [])
                ),
            )
            for output in spec.triggers(form, context):
                data = self._render(output)
                written.append(self._write(folder / output.filename, data, stored, output.kind))
        if case_file is not None:
            view = overview_of(case_file, self.today(), self.settings.kalender)
            overview = render_overview(view, datetime.now())
            written.append(
                self._write(folder / f"saksoversikt_{slug}.docx", overview, stored, "saksoversikt")
            )
            written += self.refresh_drafts(case_file, folder)
        return written

    def refresh_drafts(self, case_file: CaseFile, folder: Path | None = None) -> list[Path]:
        """Write the case's due three-month report drafts anew (never a completed report).
        A failure is logged by its type and does not stop the processing of the document."""
        folder = folder or self.case_folder(case_file.case.team, case_file.case.saksnummer)
        template = self.template_root / "docx" / "rapportmal.docx"
        try:
            drafts = reports.write_drafts(
                case_file, folder, self.today(), self.settings.kalender, template
            )
        except Exception as error:  # noqa: BLE001
            log.error(
                "report draft failed case=%s error=%s",
                case_file.case.saksnummer, type(error).__name__,
            )  # fmt: skip
            return []
        for path in drafts:
            log.info("report draft written case=%s file=%s", case_file.case.saksnummer, path.name)
        return drafts

    def _render(self, output: Output) -> bytes:
        if output.kind == "ics":
            return calendar_file(output.events, "Hjemmebesøk", datetime.now().astimezone())
        if output.kind in DOCUMENTS:  # a finished document (minutes, notices), not a form
            return DOCUMENTS[output.kind](output.values)
        spec = self.forms[output.template]
        return render_template(spec, output.kind, output.values, self.template_root)

    def _write(self, path: Path, data: bytes, source: StoredDocument, kind: str) -> Path:
        files.atomic_write(path, data)
        self.store.add_generated(
            path, source.saksnummer, kind, source.sha256, files.sha256_of(data)
        )
        return path


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else None


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
