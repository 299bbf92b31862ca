"""The fpdocs command: thin commands over the library."""

from __future__ import annotations

import argparse
import json
import logging
import logging.handlers
import os
import signal
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from fpdocs.config import ConfigError, Settings, load_settings


class _PrivateLog(logging.handlers.RotatingFileHandler):
    """The log file (and each one after a rotation) is the service user's only."""

    def _open(self):  # noqa: ANN202 - as in logging.FileHandler
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)
        return stream


def _logging(settings: Settings, verbose: bool) -> None:
    from fpdocs import files

    files.make_private(settings.state_dir)
    files.make_private(settings.log_dir)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S")
    to_file = _PrivateLog(
        settings.log_dir / "fpdocs.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8"
    )
    to_console = logging.StreamHandler()
    logger = logging.getLogger("fpdocs")
    logger.handlers.clear()
    for handler in (to_file, to_console):
        handler.setFormatter(fmt)
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def cmd_watch(settings: Settings, args: argparse.Namespace) -> int:
    from fpdocs.pipeline import Pipeline
    from fpdocs.publish import publish_blank_forms
    from fpdocs.watch import Watcher

    published = publish_blank_forms(settings.outbox / "maler")
    logging.getLogger("fpdocs").info("published blank forms=%d", len(published))
    watcher = Watcher(Pipeline(settings), poll_seconds=args.poll)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: watcher.stop.set())
    watcher.run()
    return 0


def cmd_process(settings: Settings, args: argparse.Namespace) -> int:
    from fpdocs.pipeline import Pipeline

    pipeline = Pipeline(settings)
    failed = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: finnes ikke", file=sys.stderr)
            failed += 1
            continue
        outcome = pipeline.process_file(path, team=args.team)
        if outcome is None:
            print(f"{name}: tatt av en annen prosess")
            continue
        if outcome.status == "rejected":
            failed += 1
            print(f"{name}: avvist – se {outcome.note}.feil.txt")
        else:
            print(
                f"{name}: {outcome.status} ({outcome.form}, sak {outcome.saksnummer}, "
                f"{len(outcome.outputs)} filer, {len(outcome.warnings)} advarsler)"
            )
    return 1 if failed else 0


def cmd_templates(settings: Settings, args: argparse.Namespace) -> int:
    from fpdocs.publish import build_templates, publish_blank_forms, write_schemas

    if args.action == "publish":
        target = Path(args.to) if args.to else settings.outbox / "maler"
        for path in publish_blank_forms(target):
            print(path)
    elif args.action == "build":
        for path in build_templates() + write_schemas():
            print(path)
    elif args.action == "check":
        from fpdocs.template_check import check_template, report

        if not args.files:
            print(
                "Oppgi malen(e) som skal sjekkes: fpdocs templates check FIL ...", file=sys.stderr
            )
            return 2
        results = [(Path(f), check_template(Path(f))) for f in args.files]
        print("\n\n".join(report(path, result) for path, result in results))
        return 0 if all(result.ok for _, result in results) else 1
    return 0


def cmd_frister(settings: Settings, args: argparse.Namespace) -> int:
    from fpdocs.deadlines import STATUS_NAMES, due_items
    from fpdocs.store import Store

    store = Store(settings.database)
    today = args.dato or date.today()
    known = store.cases()
    if args.sak and not any(c.saksnummer == args.sak for c in known):
        print(f"Fant ingen sak med saksnummer {args.sak}.", file=sys.stderr)
        return 1
    if args.team and not any(c.team == args.team for c in known):
        teams = ", ".join(sorted({c.team for c in known})) or "ingen ennå"
        print(f"Fant ingen saker i team «{args.team}». Team med saker: {teams}.", file=sys.stderr)
        return 1
    rows = due_items(
        store, settings, today, team=args.team, case=args.sak,
        familiepartner=args.familiepartner, within_days=args.dager, include_done=args.utforte,
    )  # fmt: skip
    if args.json:
        print(json.dumps([row.json() for row in rows], ensure_ascii=False, indent=2))
        return 0
    scope = []
    if args.team:
        scope.append(f"team {args.team}")
    if args.sak:
        scope.append(f"sak {args.sak}")
    if args.familiepartner:
        scope.append(f"familiepartner «{args.familiepartner}»")
    if args.dager is not None:
        scope.append(f"til og med {today + timedelta(days=args.dager):%d.%m.%Y}")
    counts = Counter(row.status for row in rows)
    summary = ", ".join(
        f"{counts[code]} {word.lower()}" for code, word in STATUS_NAMES.items() if counts[code]
    )
    print(f"Frister per {today:%d.%m.%Y} – {', '.join(scope) or 'alle saker'}")
    if not rows:
        print("Ingen frister å vise." if known else "Ingen saker ennå.")
        return 0
    print(f"{len(rows)} frister: {summary}.\n")
    table = [("Frist", "Sak", "Team", "Hva", "Gjelder", "Status")] + [
        (f"{r.due:%d.%m.%Y}", r.saksnummer, r.team, r.label, r.who, r.status_name) for r in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for n, line in enumerate(table):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    return 0


def cmd_oversikt(settings: Settings, args: argparse.Namespace) -> int:
    from fpdocs.overviews import refresh_overviews
    from fpdocs.store import Store

    for path in refresh_overviews(Store(settings.database), settings, args.dato or date.today()):
        print(path)
    return 0


def _day(text: str) -> date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"«{text}» er ikke en dato som 25.11.2026")


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et helt antall dager (0 eller mer)")
    return int(text)


def cmd_regenerate(settings: Settings, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from fpdocs.publish import TEMPLATE_ROOT
    from fpdocs.regenerate import regenerate, select_cases
    from fpdocs.store import Store

    template = Path(args.template) if args.template else TEMPLATE_ROOT / "docx" / "rapportmal.docx"
    if not template.is_file():
        print(f"Fant ikke malen {template}.", file=sys.stderr)
        return 2
    if not (args.all or args.sak or args.team):
        print("Velg hvilke saker: --all, --sak SAKSNUMMER eller --team TEAM.", file=sys.stderr)
        return 2
    cases = select_cases(Store(settings.database), case=args.sak, team=args.team)
    if not cases:
        print("Fant ingen saker som passer.", file=sys.stderr)
        return 1
    bar = tqdm(total=len(cases), unit="sak", desc="Rapportutkast", file=sys.stderr)
    summary = regenerate(
        settings, cases, args.dato or date.today(), template=template,
        within_days=args.due_within or 0, workers=args.workers, progress=lambda _: bar.update(),
    )  # fmt: skip
    bar.close()
    print(f"Skrev {summary.drafts} rapportutkast for {len(summary.written)} saker.")
    pdf_failed = _report_pdfs(settings, summary, args) if args.pdf else []
    if summary.skipped:
        print(f"Hoppet over {len(summary.skipped)} saker: ingen rapport er aktuell nå.")
    if summary.failed:
        print(f"Feilet for {len(summary.failed)} saker (de andre ble skrevet):")
        for result in sorted(summary.failed, key=lambda r: r.saksnummer):
            print(f"  - sak {result.saksnummer}: {result.reason}")
    return 1 if summary.failed or pdf_failed else 0


def _report_pdfs(settings: Settings, summary, args: argparse.Namespace) -> list[str]:
    """PDFs and meeting packets for the drafts just written; returns the failed cases."""
    from fpdocs import files, reports
    from fpdocs.cases import load_case
    from fpdocs.publish import TEMPLATE_ROOT
    from fpdocs.render.pdf import ConversionFailed, PdfConverter
    from fpdocs.store import Store

    store, failed, packets = Store(settings.database), [], 0
    converter = PdfConverter(
        settings.pdf_converters, settings.pdf_timeout_seconds, command=settings.soffice_command
    )
    with converter:
        for result in sorted(summary.written, key=lambda r: r.saksnummer):
            case_file = load_case(store, result.saksnummer)
            folder = settings.outbox / case_file.case.team / files.case_slug(result.saksnummer)
            made = reports.write_pdfs(
                case_file, folder, args.dato or date.today(), settings.kalender, converter,
                TEMPLATE_ROOT, args.due_within or 0,
            )  # fmt: skip
            problems = [m for m in made if isinstance(m, ConversionFailed)]
            packets += sum(1 for m in made if not isinstance(m, ConversionFailed)) // 2
            if problems:
                failed.append(f"sak {result.saksnummer}: {problems[0].reason}")
    print(f"Skrev {packets} møtepakker (PDF).")
    if failed:
        print(f"PDF feilet for {len(failed)} saker (Word-filene er skrevet):")
        for line in failed:
            print(f"  - {line}")
    return failed


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="fpdocs",
        description=(
            "Leser utfylte Familiepartner-skjemaer og lager neste dokumenter, ferdig utfylt."
        ),
    )
    top.add_argument("-v", "--verbose", action="store_true", help="mer detaljert logg")
    sub = top.add_subparsers(dest="command", required=True)

    watch = sub.add_parser("watch", help="følg med på innboksen og behandle nye skjemaer")
    watch.add_argument(
        "--poll", type=float, metavar="SEKUNDER",
        help="sjekk mappen med faste mellomrom (for nettverksdisker) i stedet for hendelser",
    )  # fmt: skip
    watch.set_defaults(run=cmd_watch)

    process = sub.add_parser("process", help="behandle filer én gang og avslutte")
    process.add_argument("files", nargs="+", metavar="FIL")
    process.add_argument("--team", help="team for filer utenfor innboksen (standard: felles)")
    process.set_defaults(run=cmd_process)

    templates = sub.add_parser("templates", help="skjemamaler")
    templates.add_argument(
        "action", choices=["publish", "build", "check"],
        help="publish: tomme skjemaer til outbox/maler; check: sjekk en omarbeidet mal; "
        "build: lag malene og JSON Schema på nytt (for utviklere)",
    )  # fmt: skip
    templates.add_argument("files", nargs="*", metavar="FIL", help="malene som skal sjekkes")
    templates.add_argument("--to", metavar="MAPPE", help="hvor tomme skjemaer skal publiseres")
    templates.set_defaults(run=cmd_templates)
    frister = sub.add_parser(
        "frister", help="vis frister i alle saker: forfalt, snart og senere",
        description="Viser frister som ikke er utført, i alle saker, sortert etter dato.",
    )  # fmt: skip
    frister.add_argument("--team", help="bare saker i dette teamet (navnet på mappen i inbox/)")
    frister.add_argument("--sak", metavar="SAKSNUMMER", help="bare denne saken, f.eks. 2026/1234")
    frister.add_argument(
        "--familiepartner", metavar="NAVN", help="bare saker der familiepartneren heter noe slikt"
    )
    frister.add_argument(
        "--dager",
        type=_days,
        metavar="N",
        help="bare frister til og med N dager frem (og forfalte)",
    )
    frister.add_argument("--utforte", action="store_true", help="ta med utførte frister også")
    frister.add_argument(
        "--dato",
        type=_day,
        metavar="DATO",
        help="vis status slik den er denne dagen (standard: i dag)",
    )
    frister.add_argument(
        "--json", action="store_true",
        help="skriv en JSON-liste (saksnummer, team, kind, due, status, member, done_by)",
    )  # fmt: skip
    frister.set_defaults(run=cmd_frister)

    oversikt = sub.add_parser(
        "oversikt",
        help="lag outbox/oversikt/ (frister.xlsx, frister.ics, statistikk.xlsx) på nytt nå",
    )
    oversikt.add_argument(
        "--dato", type=_day, metavar="DATO", help="lag oversiktene slik de er denne dagen"
    )
    oversikt.set_defaults(run=cmd_oversikt)
    regenerate = sub.add_parser("regenerate", help="lag utkast på nytt for mange saker")
    regenerate.add_argument("what", choices=["reports"], help="reports: tremånedersrapporter")
    chosen = regenerate.add_mutually_exclusive_group()
    chosen.add_argument("--all", action="store_true", help="alle saker")
    chosen.add_argument("--sak", "--case", dest="sak", metavar="SAKSNUMMER")
    chosen.add_argument("--team", metavar="TEAM")
    regenerate.add_argument(
        "--due-within", type=int, metavar="DAGER",
        help="også utkast som forfaller innen så mange dager",
    )  # fmt: skip
    regenerate.add_argument("--template", metavar="FIL", help="prøv en omarbeidet rapportmal")
    regenerate.add_argument(
        "--pdf", action="store_true", help="lag også PDF og møtepakke (rapport, tiltaksplan, "
        "rangeringer) med LibreOffice",
    )  # fmt: skip
    regenerate.add_argument(
        "--workers", type=int, metavar="N", help="prosesser (standard: alle kjerner)"
    )
    regenerate.add_argument("--dato", type=date.fromisoformat, help=argparse.SUPPRESS)
    regenerate.set_defaults(run=cmd_regenerate)

    status = sub.add_parser(
        "status", help="kjører overvåkingen? siste skanning, filer som venter, dagens tall"
    )
    status.set_defaults(run=cmd_status)
    rebuild = sub.add_parser(
        "rebuild", help="bygg databasen opp igjen fra arkivet av originaler",
        description="Leser alle arkiverte originaler på nytt, i den rekkefølgen de kom, inn i "
        "en ny database, og bytter den inn. Stopp overvåkingen først.",
    )  # fmt: skip
    rebuild.add_argument("--force", action="store_true", help="kjør selv om overvåkingen går")
    rebuild.set_defaults(run=cmd_rebuild)
    return top


def cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    from fpdocs.status import collect, report

    status = collect(settings)
    print(report(settings, status))
    return 0 if status.alive else 1


def cmd_rebuild(settings: Settings, args: argparse.Namespace) -> int:
    from fpdocs.rebuild import rebuild
    from fpdocs.status import collect

    if collect(settings).alive and not args.force:
        print(
            "Overvåkingen kjører. Stopp den først (systemctl stop fpdocs), og kjør "
            "fpdocs rebuild igjen. (--force: kjør likevel.)",
            file=sys.stderr,
        )
        return 1
    result = rebuild(settings)
    counts = result.outcomes
    print(
        f"Databasen er bygd opp igjen fra arkivet: {counts['processed']} dokumenter lest inn, "
        f"{counts['rejected']} kunne ikke leses inn på nytt, {counts['duplicate']} duplikater."
    )
    if result.old_unreadable:
        print("Den gamle databasen kunne ikke leses: historikken (ankomster) er ikke tatt med.")
    elif result.carried:
        print("Tatt med fra den gamle databasen: " + ", ".join(
            f"{table} ({n})" for table, n in sorted(result.carried.items())))  # fmt: skip
    if result.previous:
        print(f"Den gamle databasen ligger i {result.previous}.")
    logging.getLogger("fpdocs").info(
        "rebuilt database processed=%d rejected=%d duplicate=%d",
        counts["processed"], counts["rejected"], counts["duplicate"],
    )  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    _logging(settings, args.verbose)
    try:
        return args.run(settings, args)
    except BrokenPipeError:  # the reader went away (fpdocs status | head): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
        return 0
    except Exception as error:
        if args.verbose:  # a developer asked for everything, messages included
            raise
        from fpdocs.privacy import describe_error

        # the type and place only: a message may quote a field value or a file name
        logging.getLogger("fpdocs").critical("stopped error=%s", describe_error(error))
        print("fpdocs stoppet på grunn av en feil; se loggen (var/logg/fpdocs.log).",
              file=sys.stderr)  # fmt: skip
        return 1


if __name__ == "__main__":
    sys.exit(main())
