"""The fpdocs command: thin commands over the library."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import signal
import sys
from pathlib import Path

from fpdocs.config import ConfigError, Settings, load_settings


def _logging(settings: Settings, verbose: bool) -> None:
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S")
    to_file = logging.handlers.RotatingFileHandler(
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
    return 0


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
        "action", choices=["publish", "build"],
        help="publish: tomme skjemaer til outbox/maler; build: lag malene og JSON Schema på nytt",
    )  # fmt: skip
    templates.add_argument("--to", metavar="MAPPE", help="hvor tomme skjemaer skal publiseres")
    templates.set_defaults(run=cmd_templates)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    _logging(settings, args.verbose)
    return args.run(settings, args)


if __name__ == "__main__":
    sys.exit(main())
